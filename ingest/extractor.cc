#include "ingest/extractor.h"

#include <re2/re2.h>

#include <algorithm>

#include "ingest/analysis.h"
#include "ingest/extraction.h"
#include "ingest/fact_extractors.h"

namespace trialgraph::ingest {

namespace {

// A document reports a trial when it names what patients received, or a
// registry id, and reports a result or design fact or speaks of its own
// study (a protocol or registry summary states no result yet). A trial of a
// product with no INN (a cell therapy) is known by its stated phase and
// design; a study whose treatment names no drug (a vaccine, a procedure,
// observation, a sample collection) by speaking of itself and stating its
// population and its design or its own name ("S9910, Collecting ... Samples").
// A protocol that only plans its study ("This study will evaluate ...") in a
// population it names describes that study, whatever it gives.
// A population named by its disease; ages alone ("adults aged 18 to 65")
// describe patients, not a study of them.
bool NamesDiseasedPopulation(const Trial& t) {
  return std::any_of(t.populations.begin(), t.populations.end(), [](const Population& p) { return !p.disease.empty(); });
}

bool ReportsTrial(const Trial& t, bool speaks_of_own_study, bool plans_only) {
  bool treatment = !t.arms.empty() || !t.registry_ids.empty();
  bool substance = !t.endpoints.empty() || t.phase || t.enrolled || !t.registry_ids.empty() || !t.design.empty();
  bool described = !t.design.empty() || !t.names.empty() || plans_only;
  return (treatment && (substance || speaks_of_own_study)) || (t.phase && !t.design.empty()) ||
         ((speaks_of_own_study || plans_only) && NamesDiseasedPopulation(t) && described);
}

// True when `test(sentence)` holds for a sentence describing this study: the
// shape of every document-level test below.
template <typename Test>
bool AnyStudySentence(const DocumentAnalysis& a, const Test& test) {
  return std::any_of(a.study_sentences().begin(), a.study_sentences().end(), test);
}

// "This is a single-center, prospective clinical study": a sentence opening
// with "This is a" and giving a study its design describes the document's own.
bool DescribesStudyDesign(const DocumentAnalysis& a, const Sentence& s) {
  static const RE2 kThisIsA(R"(^\W*This\s+is\s+an?\b)");
  return RE2::PartialMatch(a.Text(s.span), kThisIsA) && a.HasCue(s, "trial_noun") &&
         std::any_of(s.mentions.begin(), s.mentions.end(), [](const Mention& m) { return m.category == Category::kDesign; });
}

// "The purpose of this study", the design of a study, or, in a document that
// only plans its study, a plan for a treatment ("we speculate that
// VP-16-intensified conditioning could improve"; not "we propose a model").
bool SpeaksOfOwnStudy(const DocumentAnalysis& a) {
  bool plans_only = a.plans_only();
  for (const Sentence* s : a.study_sentences())
    if (a.HasCue(*s, "own_study") || DescribesStudyDesign(a, *s) ||
        (plans_only && a.HasCue(*s, "plan") && s->NamesDrugOrRegimen()))
      return true;
  return false;
}

// "This study will evaluate ...", "PROJECTED ACCRUAL: 60 patients will be
// accrued for this study": a document that only plans, and plans a study of
// its own. A hypothesis about a treatment that plans no study ("We
// hypothesize that it may cause some damage to the muscle of spinal cord
// injury patients", an opinion piece) describes none.
bool PlansItsOwnStudy(const DocumentAnalysis& a) {
  return a.plans_only() && AnyStudySentence(a, [&](const Sentence* s) {
    return a.HasCue(*s, "plan") && (a.HasCue(*s, "trial_noun") || a.HasCue(*s, "own_study"));
  });
}

// A review, editorial or letter discusses trials but reports none of its own.
bool IsNonTrialPublication(const SourceDocument& doc, const ontology::Ontology& o) {
  bool any_trial_type = false, any_non_trial_type = false;
  for (const std::string& type : doc.publication_types)
    if (std::optional<uint32_t> entry = o.publication_types.Find(type)) {
      bool reports = o.publication_types.first(*entry, 1) == "yes";
      any_trial_type |= reports;
      any_non_trial_type |= !reports;
    }
  return any_non_trial_type && !any_trial_type;
}

// True when the text calls its study a trial by a phase or randomisation, what
// a case report or a laboratory study does not state.
bool StatedAsTrial(const Trial& t) {
  return t.phase || std::find(t.design.begin(), t.design.end(), "randomized") != t.design.end();
}

// Whom a document studies: people (cues patients, human_subject; "you" in a
// consent-style protocol), animals or cells (animal_subject).
struct Subjects {
  bool people = false, animals = false;
};

Subjects SubjectsOf(const DocumentAnalysis& a) {
  Subjects subjects;
  for (const Sentence& s : a.sentences()) {
    subjects.people |= a.HasCue(s, "patients") || a.HasCue(s, "human_subject");
    subjects.animals |= a.HasCue(s, "animal_subject");
  }
  return subjects;
}

// "Inhibition of sympathoadrenal activity ... in dogs": a document whose
// subjects are animals or cells, and which names no people, reports no
// clinical trial, whatever it gives them. One that names no subjects at all
// ("Enhancement of dissolution rate of class II drugs", a fermentation
// process) reports none either, unless it states a phase or randomisation.
bool StudiesNoPeople(const DocumentAnalysis& a, const Trial& t) {
  Subjects subjects = SubjectsOf(a);
  if (subjects.people) return false;
  return subjects.animals || !StatedAsTrial(t);
}

// "We describe a case of transient neurological deficit ...", "CASE SUMMARY:
// A 76-year-old man ...", a title ending "case series": a report of single
// cases is no trial unless it states a phase or randomisation ("a
// non-randomized phase II trial" is one).
bool ReportsCasesOnly(const DocumentAnalysis& a, const Trial& t) {
  bool cases = AnyStudySentence(a, [&](const Sentence* s) {
    return a.HasCue(*s, "case_report") || (s->is_title && a.HasCue(*s, "case_noun"));
  });
  return cases && !StatedAsTrial(t);
}

// "Dexmedetomidine and cardiac protection: a meta-analysis of randomised
// controlled trials", "We reviewed the medical literature for ...": a review
// with no publication type to say so (a PubTator abstract, a text page). A
// protocol that plans its study cites reviews as its background.
bool ReviewsOthersStudies(const DocumentAnalysis& a) {
  return !a.plans_only() && AnyStudySentence(a, [&](const Sentence* s) { return a.HasCue(*s, "review"); });
}

// "This is a prospective, non-therapeutic study, assessing the significance
// of minimal residual disease": a study that calls itself one treating no one
// (cues.tsv no_treatment beside a trial_noun) reports no trial of a
// treatment, whatever therapy its patients receive outside it.
bool TreatsNoOne(const DocumentAnalysis& a) {
  return AnyStudySentence(a, [&](const Sentence* s) {
    return a.HasCue(*s, "no_treatment") && a.HasCue(*s, "trial_noun");
  });
}

// "We performed a case control study of heart failure patients treated with
// spironolactone": a study that picks its people by an outcome compares no
// treatments it gave, so it reports no trial (a cohort followed on its
// treatment may).
bool StudiesCasesAndControls(const DocumentAnalysis& a) {
  return AnyStudySentence(a, [&](const Sentence* s) { return a.HasCue(*s, "case_control"); });
}

// "114 patients were randomized", "were randomly assigned to receive ...": a
// passive randomisation verb (rule_words.tsv randomises).
std::string RandomisedPattern(const ontology::Ontology& o) {
  return R"((?i)\b(?:were|was)\s+)" + o.RuleWords("randomises") + R"(\b)";
}

// "patients were randomized to receive either deep or light sedation": a
// document that says it randomised its own people assigned them treatments,
// so it reports a trial even when its sides name no drug of their own (two
// depths of one sedation, a procedure against none).
bool RandomisesItsPeople(const DocumentAnalysis& a) {
  const RE2& randomised = a.ontology().Regex<RandomisedPattern>();
  return AnyStudySentence(a, [&](const Sentence* s) {
    return (a.HasCue(*s, "patients") || a.HasCue(*s, "human_subject")) && RE2::PartialMatch(a.Text(s->span), randomised);
  });
}

template <typename T>
void FillIfEmpty(std::vector<T>* field, const std::vector<T>& from_text) {
  if (field->empty()) *field = from_text;
}

// "Molecular Analysis for Therapy Choice (MATCH)" beside the record's id EAY131: names the prose finds fill a record's
// when it states none, and join them when its text brackets them as a short form (its prose also names strains,
// products and other studies: "... Rhamnosus CNCM I-3690"); a name is written once whatever its letter case ("BIOSS",
// "BiOSS").
void AddBracketedNames(const std::vector<std::string>& from_text, std::string_view text, std::vector<std::string>* names) {
  const bool fill = names->empty();
  for (const std::string& name : from_text) {
    bool have = std::any_of(names->begin(), names->end(),
                            [&](const std::string& n) { return ontology::EqualsIgnoringCase(n, name); });
    if (!have && (fill || text.find("(" + name + ")") != std::string_view::npos)) names->push_back(name);
  }
}

// A structured record states its trial; the prose completes what it leaves
// out, except results.
Trial Complete(Trial stated, const Trial& from_text, std::string_view text) {
  if (!stated.phase) stated.phase = from_text.phase;
  if (!stated.enrolled) stated.enrolled = from_text.enrolled;
  FillIfEmpty(&stated.registry_ids, from_text.registry_ids);
  AddBracketedNames(from_text.names, text, &stated.names);
  for (const std::string& tag : from_text.design) AddUnique(&stated.design, tag);  // the prose often states more of the design
  // A record of no known condition has its ages only; the prose may name the disease.
  if (!NamesDiseasedPopulation(stated) && NamesDiseasedPopulation(from_text)) stated.populations = from_text.populations;
  FillIfEmpty(&stated.populations, from_text.populations);
  FillIfEmpty(&stated.arms, from_text.arms);
  // Results come from the record's results section only: its prose is written before there are any.
  return stated;
}

}  // namespace

Extraction Extractor::Extract(const SourceDocument& doc) const {
  DocumentAnalysis a(doc, ontology_);
  Extraction x{doc.source, doc.format, doc.title, doc.ids, {}};
  if (IsNonTrialPublication(doc, ontology_)) return x;
  Trial t;
  t.registry_ids = ExtractRegistryIds(a);
  t.names = ExtractTrialNames(a);
  t.phase = ExtractPhase(a);
  t.design = ExtractDesign(a);
  // A protocol that only plans its study counts the patients it means to accrue ("PROJECTED ACCRUAL: 60", "A cohort
  // of 53 patients will be enrolled"), not those enrolled.
  if (!a.plans_only()) t.enrolled = ExtractEnrolled(a);
  t.populations = ExtractPopulations(a);
  t.arms = ExtractArms(a);
  ExtractOutcomes(a, &t);
  if (!a.sentences().empty()) t.evidence = a.sentences().front().span;
  for (const Trial& stated : doc.stated_trials) x.trials.push_back(Complete(stated, t, doc.text));
  if (doc.stated_trials.empty() &&
      (ReportsTrial(t, SpeaksOfOwnStudy(a), PlansItsOwnStudy(a)) || RandomisesItsPeople(a)) &&
      !StudiesNoPeople(a, t) && !ReportsCasesOnly(a, t) && !ReviewsOthersStudies(a) && !TreatsNoOne(a) &&
      !StudiesCasesAndControls(a))
    x.trials.push_back(std::move(t));
  return x;
}

}  // namespace trialgraph::ingest
