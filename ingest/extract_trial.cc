// Trial-level facts: phase, design, names, registry ids, enrolment, population.
#include <re2/re2.h>

#include <algorithm>
#include <map>

#include "ingest/abbreviations.h"
#include "ingest/fact_extractors.h"
#include "ingest/extraction.h"
#include "ingest/numbers.h"
#include "ingest/values.h"

namespace trialgraph::ingest {

namespace {

using ontology::Ontology;

std::string_view SentenceText(const DocumentAnalysis& a, const Sentence* s) { return a.Text(s->span); }

std::string ArabicPhase(std::string roman) {
  std::transform(roman.begin(), roman.end(), roman.begin(), [](unsigned char c) { return std::toupper(c); });
  if (roman == "I" || roman == "1B" || roman == "1A" || roman == "IB" || roman == "IA") return "1";
  if (roman == "II" || roman == "2B" || roman == "2A" || roman == "IIB" || roman == "IIA") return "2";
  if (roman == "III" || roman == "3B") return "3";
  if (roman == "IV") return "4";
  return roman;
}

// Is the word a vocabulary term (disease, drug, endpoint...) rather than a name?
bool IsVocabularyTerm(const DocumentAnalysis& a, const std::string& word) {
  const Ontology& o = a.ontology();
  for (const ontology::Vocabulary* v : {&o.drugs, &o.diseases, &o.endpoints, &o.settings, &o.regimens, &o.adverse_events,
                                        &o.attributes, &o.designs, &o.drug_classes})
    if (v->lexicon().Lookup(word)) return true;
  return false;
}

// "phase II", "phase-II", "Phase 1b/2", "Phase I/IIa", "phase II/III", "phase 2 and 3".
// A phase before a plural study noun ("recommend a starting dose for phase II
// studies", "X are now in Phase I-III clinical trials") speaks of other or
// later studies, and one before "dose" ("to establish a recommended Phase 2
// dose") of the dose for a later one, so either is passed over.
std::optional<std::string> PhaseIn(std::string_view text) {
  static const RE2 kPhase(
      R"((?i)\bphase[\s-]*(1[ab]?|2[ab]?|3|4|I[ab]?|II[ab]?|III|IV)\b(?:\s*(?:/|-|and)\s*(?:phase[\s-]*)?(1|2[ab]?|3|I|II[ab]?|III)\b)?(\s+(?:clinical\s+)?(?:studies|trials|doses?)\b)?)");
  // "a Phase I or dose escalation phase and a Phase II or expansion phase": a study in two parts.
  static const RE2 kTwoParts(
      R"((?i)\ban?\s+phase[\s-]*(1|2|I|II)\b[^.;]{0,80}?\band\s+an?\s+phase[\s-]*(2|3|II|III)\b)");
  std::string first, second, of_later_study;  // of_later_study: "studies", "trials" or "dose" after the phase
  if (!RE2::PartialMatch(text, kTwoParts, &first, &second)) {
    re2::StringPiece rest(text.data(), text.size());
    do {
      if (!RE2::FindAndConsume(&rest, kPhase, &first, &second, &of_later_study)) return std::nullopt;
    } while (!of_later_study.empty());
  }
  // "Phase IIa/IIb" is one phase in two parts, not "2/2".
  std::string one = ArabicPhase(first), two = second.empty() ? one : ArabicPhase(second);
  return one == two ? one : one + "/" + two;
}

// "phase 1/2" spans "phase 1": the study whose "Phase I portion" was named first.
bool Spans(const std::string& combined, const std::string& single) {
  return combined.starts_with(single + "/") || combined.ends_with("/" + single);
}

// "This is a phase 2 study", "this open-label, multicenter phase I trial":
// the phase a sentence gives the document's own study, where it may also cite
// others' ("A Phase 1 trial of sirolimus performed at our centre").
std::optional<std::string> OwnPhaseIn(std::string_view text) {
  static const RE2 kThisStudy(R"((?i)\b(?:this|the present|the current)\s+(?:(?:is|was)\s+an?\s+)?(?:[\w-]+,?\s+){0,6}?(phase\b))");
  re2::StringPiece phase_word;
  if (!RE2::PartialMatch(text, kThisStudy, &phase_word)) return std::nullopt;
  return PhaseIn(text.substr(phase_word.data() - text.data()));
}

}  // namespace

// The phase the study's own sentences state, else the one its publication
// type states ("Clinical Trial, Phase III"). The first stated phase stands,
// one given to "this" study before any other, unless a later one spans it,
// since one part of a phase 1/2 study may be named before the whole.
std::optional<std::string> ExtractPhase(const DocumentAnalysis& a) {
  std::vector<std::string> stated;  // phases given to "this" study first, then the others, each in text order
  for (const Sentence* s : a.study_sentences())
    if (std::optional<std::string> own = OwnPhaseIn(SentenceText(a, s))) stated.push_back(*own);
  for (const Sentence* s : a.study_sentences())
    if (std::optional<std::string> phase = PhaseIn(SentenceText(a, s))) stated.push_back(*phase);
  std::optional<std::string> first;
  for (const std::string& phase : stated) {
    if (!first) first = phase;
    else if (Spans(phase, *first)) return phase;
  }
  if (first) return first;
  for (const std::string& type : a.doc().publication_types)
    if (std::optional<std::string> phase = PhaseIn(type)) return phase;
  return std::nullopt;
}

namespace {

// True when a cue of `role` spans the mention.
bool InsideCue(const DocumentAnalysis& a, const Sentence& s, const Mention& m, std::string_view role) {
  return std::any_of(s.cues.begin(), s.cues.end(), [&](const Mention& cue) {
    return cue.start <= m.start && cue.end >= m.end && a.CueRole(cue) == role;
  });
}

// "were randomized at 33 US centers", "in 12 centres": a number of centres (rule_words.tsv centre_noun), up to two
// words after it.
std::string CentreCountPattern(const Ontology& o) {
  return R"((?i)\b(?:at|in|from|across)\s+(\d+|[a-z]+)\s+(?:[\w-]+\s+){0,2}?)" + o.RuleWords("centre_noun") + R"(\b)";
}

// True when the sentence says the study ran at two or more centres.
bool RanAtSeveralCentres(const DocumentAnalysis& a, const Sentence& s) {
  std::string_view text = a.Text(s.span);
  re2::StringPiece input(text.data(), text.size());
  std::string number;
  while (RE2::FindAndConsume(&input, a.ontology().Regex<CentreCountPattern>(), &number))
    if (std::optional<int> n = ParseCount(number); n && *n >= 2) return true;
  return false;
}

}  // namespace

// Design tags the study's sentences state, then those its publication types
// state ("Multicenter Study", "Randomized Controlled Trial").
std::vector<std::string> ExtractDesign(const DocumentAnalysis& a) {
  const Ontology& o = a.ontology();
  std::vector<std::string> design;
  for (const Sentence* s : a.study_sentences()) {
    if (RanAtSeveralCentres(a, *s)) AddUnique(&design, std::string("multicenter"));
    for (const Mention& m : s->mentions)
      // "the observational arm": a design word naming one arm says nothing of the trial's design;
      // nor does "crossover to Regimen A", patients moving between arms, or "escalating doses of methotrexate"
      // within each patient's course.
      if (m.category == Category::kDesign && !a.CueFollows(*s, m, "arm_noun") && !InsideCue(a, *s, m, "switch") &&
          !InsideCue(a, *s, m, "dose_schedule"))
        AddUnique(&design, o.designs.name(m.entry));
  }
  for (const std::string& type : a.doc().publication_types) {
    std::vector<ontology::Token> tokens = ontology::Tokenize(type);
    for (const ontology::Match& m : o.designs.lexicon().FindAll(type, tokens)) AddUnique(&design, o.designs.name(m.entry));
  }
  return design;
}

namespace {

// "ALL-2008" and "ALL2008" are one name.
std::string NameKey(std::string_view name) {
  std::string key;
  for (char c : name)
    if (std::isalnum(static_cast<unsigned char>(c))) key.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return key;
}

void AddName(const DocumentAnalysis& a, const std::string& name, std::vector<std::string>* names) {
  if (name.starts_with("NCT") || IsVocabularyTerm(a, name)) return;
  const std::string key = NameKey(name);
  for (const std::string& have : *names)
    if (NameKey(have) == key) return;
  names->push_back(name);
}

// "a multiagent chemotherapy backbone (the Dana Farber Cancer Institute
// regimen, protocol DFCI-87001)": a bracket opened right after an other-study
// or backbone cue says what that other study is, however long. "according to
// the protocol of the Nordic Association ... 2000 (NOPHO-2000)": a bracket
// after the long name an other-study cue opens in the same clause is its short form.
bool InBracketAfterOtherStudy(const DocumentAnalysis& a, const Sentence& s, uint32_t at) {
  constexpr uint32_t kLongNameReach = 100;  // bytes: "the protocol of the Nordic Association for Pediatric Hematology and Oncology 2000"
  std::optional<uint32_t> open = a.OpenBracketBefore(s.span.start, at);
  return open && (a.CueRightBefore(s, {"other_study", "backbone"}, *open) ||
                  a.CueShortlyBefore(s, "other_study", *open, kLongNameReach));
}

// "samples from patients registered on the COG-AALL08B1 trial", "patients
// enrolled as children on clinical trials EORTC-58741 ...": the trial that
// the patients were enrolled on, where this study finds them, is another one.
bool PatientsEnrolledBefore(const DocumentAnalysis& a, const Sentence& s, uint32_t name_start, uint32_t reach) {
  return std::any_of(s.cues.begin(), s.cues.end(), [&](const Mention& patients) {
    return a.CueRole(patients) == "patients" && patients.end <= name_start &&
           a.HasCueIn(s, "enrolled", patients.end, name_start) && a.CueShortlyBefore(s, "enrolled", name_start, reach);
  });
}

// A name shortly after "eligible for", "in comparison with", "according
// to" ... in the same clause, or in a bracket right after one, or after the
// patients' enrolment elsewhere, is another study's.
bool NamesOtherStudy(const DocumentAnalysis& a, const Sentence& s, uint32_t name_start) {
  constexpr uint32_t kReach = 40;  // bytes: "eligible for treatment on protocol COG-"
  return a.CueShortlyBefore(s, "other_study", name_start, kReach) || InBracketAfterOtherStudy(a, s, name_start) ||
         PatientsEnrolledBefore(a, s, name_start, kReach);
}

// "clinical trials EORTC-58741, EORTC-58831, or EORTC-58832": a name listed
// right after another study's (only a comma, "or" or "and" between) is another study's too.
bool ListedAfter(std::string_view text, size_t previous_end, size_t start) {
  static const RE2 kListSeparator(R"(^\s*(?:,|(?:,\s*)?(?:or|and))\s*$)");
  return previous_end != std::string_view::npos && previous_end <= start &&
         RE2::FullMatch(text.substr(previous_end, start - previous_end), kListSeparator);
}

// Every match of `pattern`'s first group in the sentence, unless it names another study.
void AddMatches(const DocumentAnalysis& a, const Sentence& s, const RE2& pattern, std::vector<std::string>* names) {
  std::string_view text = SentenceText(a, &s);
  re2::StringPiece input(text.data(), text.size()), name;
  size_t other_end = std::string_view::npos;  // where the last name of another study ends, in `text`
  while (RE2::FindAndConsume(&input, pattern, &name)) {
    if (name.empty()) continue;  // an alternative that names nothing
    size_t at = name.data() - text.data();
    if (NamesOtherStudy(a, s, s.span.start + static_cast<uint32_t>(at)) || ListedAfter(text, other_end, at))
      other_end = at + name.size();
    else
      AddName(a, std::string(name.data(), name.size()), names);
  }
}

// True when a drug or regimen is named right before `at` with only an
// opening bracket between: "alisertib (MLN8237)".
bool BracketedAfterDrug(const DocumentAnalysis& a, const Sentence& s, uint32_t at) {
  return std::any_of(s.mentions.begin(), s.mentions.end(), [&](const Mention& m) {
    bool drug = m.category == Category::kDrug || m.category == Category::kRegimen;
    return drug && m.end <= at && ontology::Trim(a.text().substr(m.end, at - m.end)) == "(";
  });
}

// True when some occurrence of `name` in the document satisfies `test(sentence, start, end)`.
template <typename Test>
bool AnyOccurrence(const DocumentAnalysis& a, const std::string& name, const Test& test) {
  for (const Sentence& s : a.sentences()) {
    std::string_view text = a.Text(s.span);
    for (size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1)) {
      uint32_t start = s.span.start + static_cast<uint32_t>(at);
      if (test(s, start, start + static_cast<uint32_t>(name.size()))) return true;
    }
  }
  return false;
}

// "Primary study endpoint of PDT-ETP-ALL is ...", "The primary objective of
// study ALL-REZ BFM 2002": a code at `at` whose primary aim the sentence states.
bool AfterPrimaryAim(const DocumentAnalysis& a, const Sentence& s, uint32_t at) {
  constexpr uint32_t kReach = 12;  // bytes: " of study "
  return a.CueShortlyBefore(s, "primary", at, kReach);
}

// A code the text gives as a treatment ("safety of JCAR015", "receive
// EPZ-5676", "alisertib (MLN8237)") is the product under test, not a
// trial's name, unless the text also writes it as one ("the AALL0232 trial",
// "primary endpoint of X").
bool NamesProduct(const DocumentAnalysis& a, const std::string& name) {
  bool given = AnyOccurrence(a, name, [&](const Sentence& s, uint32_t start, uint32_t) {
    return a.CueRightBefore(s, {"treatment", "product_lead"}, start) || BracketedAfterDrug(a, s, start);
  });
  return given && !AnyOccurrence(a, name, [&](const Sentence& s, uint32_t start, uint32_t end) {
    return a.CueRightAfter(s, "trial_noun", end) || AfterPrimaryAim(a, s, start);
  });
}

// True when a trial noun in `span` names a study, not a group of them ("the
// Japan Adult Leukemia Study Group").
bool NamesStudyIn(const DocumentAnalysis& a, const Sentence& s, const Span& span) {
  return std::any_of(s.cues.begin(), s.cues.end(), [&](const Mention& cue) {
    return cue.start >= span.start && cue.end <= span.end && a.CueRole(cue) == "trial_noun" &&
           !a.CueFollows(s, cue, "arm_noun");
  });
}

// True when the span ends with a group's noun: "the Southwest Oncology Group (SWOG) study" is the group's.
bool EndsWithGroup(const DocumentAnalysis& a, const Sentence& s, const Span& span) {
  return std::any_of(s.cues.begin(), s.cues.end(),
                     [&](const Mention& cue) { return cue.end == span.end && a.CueRole(cue) == "arm_noun"; });
}

// "... during angiotensin-converting enzyme inhibitor therapy: results from
// the studies of left ventricular dysfunction (SOLVD)", "Cardiac Angiography
// in Renally Impaired Patients (CARE) study: ...": a short form of three or
// more characters that the title defines for a long form naming a study, or
// writes as a study's name.
void AddStudyAbbreviations(const DocumentAnalysis& a, const Sentence& s, const std::vector<Abbreviation>& abbreviations,
                            std::vector<std::string>* names) {
  constexpr size_t kMinLength = 3;  // "a pair-fed (PF) study" abbreviates a procedure
  for (const Abbreviation& abbreviation : abbreviations) {
    const Span& short_span = abbreviation.short_span;
    if (abbreviation.short_form.size() < kMinLength || EndsWithGroup(a, s, abbreviation.long_span)) continue;
    bool closed = short_span.end < s.span.end && a.text()[short_span.end] == ')';
    bool written_as_study = closed && a.CueRightAfter(s, "trial_noun", short_span.end + 1);
    if ((NamesStudyIn(a, s, abbreviation.long_span) || written_as_study) && !NamesOtherStudy(a, s, short_span.start))
      AddName(a, abbreviation.short_form, names);
  }
}

// "... in adults with relapsed or refractory B-cell precursor ALL (TOWER)",
// "... (ECOG-ACRIN E1910)": capitals bracketed at the very end of a title
// name its study, unless they abbreviate the words before them ("... acute
// myeloid leukemia (AML)") or name a drug, regimen or disease.
void AddClosingBracketName(const DocumentAnalysis& a, const Sentence& s, const std::vector<Abbreviation>& abbreviations,
                           std::vector<std::string>* names) {
  static const RE2 kClosing(R"(\(([A-Z][A-Z0-9]{3,}(?:[- ][A-Z0-9]+)*|[A-Z][A-Z0-9]*(?:[- ][A-Z0-9]+)+)\)\W*$)");
  std::string_view text = a.Text(s.span);
  re2::StringPiece name;
  if (!RE2::PartialMatch(text, kClosing, &name)) return;
  Span span{s.span.start + static_cast<uint32_t>(name.data() - text.data()), 0};
  span.end = span.start + static_cast<uint32_t>(name.size());
  for (const Abbreviation& abbreviation : abbreviations)
    if (abbreviation.short_span.start == span.start) return;
  bool names_entity = std::any_of(s.mentions.begin(), s.mentions.end(), [&](const Mention& m) {
    return m.start < span.end && m.end > span.start;
  });
  if (!names_entity) AddName(a, std::string(name.data(), name.size()), names);
}

// "of the study PDT-ETP-ALL": a code after "of" and any study noun (rule_words.tsv study_noun).
std::string OfCodePattern(const Ontology& o) {
  return R"(^\s+of\s+(?:(?:the\s+)?(?i:)" + o.RuleWords("study_noun") +
         R"()\s+)?([A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*-[A-Z0-9][A-Za-z0-9]*(?: [A-Z][A-Z0-9-]*)*(?: \d{1,4}[A-Za-z]?)?)\b)";
}

// The code whose primary endpoint or objective the sentence states is the document's own study.
void AddCodesWithPrimaryAim(const DocumentAnalysis& a, const Sentence& s, std::vector<std::string>* names) {
  const RE2& of_code = a.ontology().Regex<OfCodePattern>();
  for (const Mention& cue : s.cues) {
    if (a.CueRole(cue) != "primary") continue;
    std::string name;
    if (RE2::PartialMatch(a.text().substr(cue.end, s.span.end - cue.end), of_code, &name)) AddName(a, name, names);
  }
}

// "this open-label, two-arm, multi-site trial PDT-Ph-like-ALL is aimed ...", "The protocol ALL-REZ BFM 2002
// aims ...": a code set after the study noun (rule_words.tsv study_noun) the text points to, with only its attributes
// between ("in study X", "using this drug during trial X" name others); the code's last part is a code, not a word
// ("MRD-guided").
std::string NameAfterStudyNounPattern(const Ontology& o) {
  return R"(\b(?:[Tt]his|[Tt]he)\s+(?:[\w-]+,\s+|\w+-[\w-]+\s+)*(?:phase\s+\w+\s+)?(?:\w+\s+)?)" +
         o.RuleWords("study_noun") +
         R"(\s+([A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*-[A-Z0-9][A-Za-z0-9]*(?: [A-Z][A-Z0-9-]*)*(?: \d{1,4}[A-Za-z]?| [IVX]{1,4})?)\b)";
}

// A sentence that speaks of a trial (rule_words.tsv study_noun, trial_context): its codes may be trial names.
std::string TrialContextPattern(const Ontology& o) {
  return R"((?i)\b(?:)" + o.RuleWords("study_noun") + "|" + o.RuleWords("trial_context") + R"()\b)";
}

// A word that says what a title's treatment is for (rule_words.tsv condition_lead), ending where the disease would start.
std::string ConditionLeadPattern(const Ontology& o) { return R"((?i)\b)" + o.RuleWords("condition_lead") + R"(\s+)"; }

// What may follow a title's condition (rule_words.tsv condition_follow): punctuation, the end, or a word that ends its phrase.
std::string ConditionFollowPattern(const Ontology& o) {
  return R"(^(?:\s*(?:[,.:;()\[\]]|$)|\s+(?i:)" + o.RuleWords("condition_follow") + R"()\b))";
}

// A group's protocol code: letters joined to their number ("E1910", "CCG-1991", "AALL0232"), or a cooperative group's
// acronym (rule_words.tsv group_acronym), a space and its number ("UKALL 2003", "CALGB 10403"). Other capitals spaced
// from a number are a quantity or a model ("ABSTRACT TRUNCATED AT 250 WORDS", "IC 500 mg every six hours", "OCT 3000").
std::string GroupCodeAlternatives(const Ontology& o) {
  return R"([A-Z]{1,8}-?\d{3,5}[A-Z]?|)" + o.RuleWords("group_acronym") + R"( \d{3,5}[A-Z]?)";
}

// A group code in a sentence, not inside a longer hyphenated name: "ALL-2016" of "PDT-ALL-2016".
std::string GroupCodePattern(const Ontology& o) { return R"((?:^|[^\w-])()" + GroupCodeAlternatives(o) + R"()\b)"; }

// "...: results of CALGB 10403": a code ending a title, where a number spaced from its letters is a code too.
std::string ClosingCodePattern(const Ontology& o) {
  return R"((?:^|[^\w-])()" + GroupCodeAlternatives(o) + R"(|[A-Z]{1,8} \d{3,5}[A-Z]?)\W*$)";
}

// "S1312, ...", "VRC 608: A Phase I ...", "AflacLL1602 ENCERT": a code opening a title, where a number spaced from
// its letters is a code too.
std::string OpeningCodePattern(const Ontology& o) {
  return R"(^\W*()" + GroupCodeAlternatives(o) + R"(|[A-Z]{1,8} \d{3,5}[A-Z]?|[A-Z][A-Za-z]{1,9}\d{3,5})\b)";
}

// "VRC 608: A Phase I, Open-Label, Dose-Escalation Study ...": a code heading a sentence (a record's official title),
// where a number spaced from its letters is a code too.
std::string HeadingCodePattern(const Ontology& o) {
  return R"(^\W*()" + GroupCodeAlternatives(o) + R"(|[A-Z]{1,8} \d{3,5}[A-Z]?):)";
}

// "Total Therapy XVII for Newly Diagnosed Patients ...": a protocol series (rule_words.tsv protocol_series) and its
// Roman numeral heading a title name its study.
std::string TitleSeriesPattern(const Ontology& o) {
  return R"(^\W*((?:)" + o.RuleWords("protocol_series") + R"() ?[IVX]{1,5})\b)";
}

// "The TEAM Study is designed as a prospective ...", "The ALL SCTped 2012 FORUM is a multinational, ... study",
// "TT-ALL-HIE-2013, substituting FA with idarubicin, is aimed at ...": a name opening a sentence that describes its
// study (rule_words.tsv self_description; "is a" only with a study noun after it, as "AC220 is a drug" describes a
// product). The name's first word has two capitals or digits ("SCTped", "CheckMate"), so no common word opens it.
std::string SelfDescribedNamePattern(const Ontology& o) {
  const std::string word = R"([A-Z][a-z-]*[A-Z0-9][A-Za-z0-9-]*)";
  const std::string study_noun = "(?i:" + o.RuleWords("study_noun") + ")";
  return R"(^\W*(?:[Tt]h(?:e|is)\s+)?()" + word + R"((?: (?:[A-Z0-9][a-z-]*[A-Z0-9][A-Za-z0-9-]*|\d{1,4}|[IVX]{1,4})){0,3}))" +
         R"((?:\s+)" + study_noun + R"()?(?:,[^,.]{1,80},)?\s+(?:(?:is|was)\s+an?\s+(?:[\w/-]+,?\s+){0,10}?)" + study_noun +
         R"(\b|)" + o.RuleWords("self_description") + R"(\b))";
}

// "BFM 2002" read from "ALL-REZ BFM 2002": a name inside a longer one found is that one, cut short.
// `keys`: the NameKey of every name found.
bool PartOfLongerName(const std::string& name, const std::vector<std::string>& keys) {
  const std::string key = NameKey(name);
  return std::any_of(keys.begin(), keys.end(), [&](const std::string& longer) {
    return longer.size() > key.size() && longer.find(key) != std::string::npos;
  });
}

}  // namespace

// Group codes ("E1910", "S1312") where the sentence speaks of a trial or the
// title opens with them, acronyms before "trial"/"study", the name before
// "ClinicalTrials.gov number" (NEJM), and a bracketed "Name 017" in a title;
// never a product the text gives as a treatment.
std::vector<std::string> ExtractTrialNames(const DocumentAnalysis& a) {
  // After an indefinite article the acronym is a kind of study, a group's ("as a NOPHO study"), not its name: that
  // alternative matches first, leftmost, and captures nothing.
  // "the HYPREN-trial": the noun may be joined by a hyphen.
  // "The TEAM Study is designed as ...": the noun may be capitalised.
  static const RE2 kAcronymTrial(
      R"(\b[Aa]n?\s+[A-Z][A-Z0-9-]{3,}(?:\s+|-)(?:[Tt]rial|[Ss]tudy)\b|\b([A-Z][A-Z0-9-]{3,})(?:\s+|-)(?:[Tt]rial|[Ss]tudy)\b)");
  // "The EndRAD Trial: ...": a title writes acronyms in mixed case, and "Trial" capitalised.
  static const RE2 kTitleAcronymTrial(R"(\b([A-Z][a-z0-9]+[A-Z][A-Za-z0-9-]*)\s+(?:[Tt]rial|[Ss]tudy)\b)");
  static const RE2 kRegistryNumber(R"((?:^|[;(])\s*([A-Z][A-Za-z0-9-]*(?: [A-Za-z0-9-]+){0,2}) ClinicalTrials\.gov number)");
  static const RE2 kBracketedName(R"(\(([A-Z][A-Za-z]{3,} (?:\d{1,4}|[IVX]{1,4}))\))");  // "(CheckMate 017)", "(CLASSIC I)"
  // "ALL-REZ BFM 2002: Multi-Center Study ...", "DSMM XI study: ...": acronyms ending in a number, heading a title.
  static const RE2 kTitleHeading(
      R"(^\W*([A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9-]*(?: [A-Z][A-Z0-9-]*)*(?: \d{1,4}[A-Za-z]?| [IVX]{1,4}))(?: [Tt]rial| [Ss]tudy)?:)");
  // "CARPALL: Immunotherapy With CD19 CAR T-cells ...", "PACE-CALL: A Weight Control Intervention ...", "ProphyALL -
  // Study on the Safety of ...": a word in capitals, or a word ending in them, heading a title names its study
  // (letters first, so not a product code such as "KF17837: a novel ...").
  static const RE2 kTitleCapitalsHeading(
      R"(^\W*([A-Z]{4,}(?:-[A-Z][A-Z0-9]*)*|[A-Z][a-z]+[A-Z]{2,})(?: [Tt]rial| [Ss]tudy)?(?::| - ))");
  // "... results of the etoricoxib vs diclofenac sodium ... effectiveness trial (EDGE-II)": in a title, an acronym
  // bracketed after the trial noun (in the body, "A phase III study (DASISION) of dasatinib" may be an earlier one).
  static const RE2 kBracketAfterTrialNoun(R"(\b(?i:trial|study)\s+\(([A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9-]*)\))");
  const Ontology& o = a.ontology();
  const RE2& name_after_study_noun = o.Regex<NameAfterStudyNounPattern>();
  const RE2& trial_context = o.Regex<TrialContextPattern>();
  std::vector<std::string> names;
  for (const Sentence* s : a.study_sentences()) {
    if (s->is_title) {
      AddMatches(a, *s, o.Regex<OpeningCodePattern>(), &names);
      AddMatches(a, *s, o.Regex<ClosingCodePattern>(), &names);
      AddMatches(a, *s, o.Regex<TitleSeriesPattern>(), &names);
      AddMatches(a, *s, kBracketedName, &names);
      AddMatches(a, *s, kTitleAcronymTrial, &names);
      AddMatches(a, *s, kTitleHeading, &names);
      AddMatches(a, *s, kTitleCapitalsHeading, &names);
      AddMatches(a, *s, kBracketAfterTrialNoun, &names);
      std::vector<Abbreviation> abbreviations = FindAbbreviations(a.text(), {s->span});
      AddStudyAbbreviations(a, *s, abbreviations, &names);
      AddClosingBracketName(a, *s, abbreviations, &names);
    }
    AddMatches(a, *s, kRegistryNumber, &names);
    AddMatches(a, *s, o.Regex<SelfDescribedNamePattern>(), &names);
    if (!RE2::PartialMatch(SentenceText(a, s), trial_context)) continue;
    AddMatches(a, *s, o.Regex<GroupCodePattern>(), &names);
    AddMatches(a, *s, o.Regex<HeadingCodePattern>(), &names);
    AddMatches(a, *s, kAcronymTrial, &names);
    AddMatches(a, *s, name_after_study_noun, &names);
    AddCodesWithPrimaryAim(a, *s, &names);
  }
  // Judged against the names as found, keyed once: erase_if moves the vector it scans.
  std::vector<std::string> keys;
  for (const std::string& name : names) keys.push_back(NameKey(name));
  std::erase_if(names, [&](const std::string& name) { return NamesProduct(a, name) || PartOfLongerName(name, keys); });
  return names;
}

// A registry number in text: an EudraCT number ("2010-019469-26", written bare as the registry records write it,
// so one trial has one id whichever document names it), or a registry's prefix and its number (rule_words.tsv
// registry_prefix: "ISRCTN69423238", "ChiCTR-TRC-12001234", "CTRI/2015/01/005432").
std::string RegistryNumberPattern(const Ontology& o) {
  return R"(\b(\d{4}-\d{6}-\d{2}|)" + o.RuleWords("registry_prefix") + R"((?:-[A-Z]{2,4}-|[-/])?\d[\dA-Za-z/-]*\d)\b)";
}

// A PubMed DataBank that is a trial registry (rule_words.tsv registry_bank).
std::string RegistryBankPattern(const Ontology& o) { return o.RuleWords("registry_bank"); }

std::vector<std::string> ExtractRegistryIds(const DocumentAnalysis& a) {
  const Ontology& o = a.ontology();
  std::vector<std::string> ids = a.doc().ids.nct;
  for (const auto& [bank, number] : a.doc().data_banks)
    if (RE2::FullMatch(bank, o.Regex<RegistryBankPattern>())) AddUnique(&ids, number);
  for (const Sentence& s : a.sentences()) {
    std::string_view text = a.Text(s.span);
    re2::StringPiece input(text.data(), text.size());
    std::string id;
    while (RE2::FindAndConsume(&input, o.Regex<RegistryNumberPattern>(), &id)) AddUnique(&ids, id);
  }
  return ids;
}

// A word between a number and a patients noun that makes the number something other than a count of patients
// (rule_words.tsv count_separator).
std::string CountSeparatorPattern(const Ontology& o) { return R"((?i)\b)" + o.RuleWords("count_separator") + R"(\b)"; }

// "phase 2 study in patients": words between the number and the noun that
// make it something other than a count of patients.
bool SeparatesCount(const DocumentAnalysis& a, std::string_view between) {
  return RE2::PartialMatch(between, a.ontology().Regex<CountSeparatorPattern>());
}

// "11 of 17 evaluable patients": a count after a numerator is the
// denominator of a result, unless the words before the noun say it is the
// enrolment ("395 of 488 enrolled patients").
bool ResultDenominator(const DocumentAnalysis& a, const Sentence& s, std::string_view before, re2::StringPiece between) {
  static const RE2 kNumeratorBefore(R"(\b\d+\s+of\s+(?:the\s+)?$)");
  if (!RE2::PartialMatch(before, kNumeratorBefore)) return false;
  uint32_t start = static_cast<uint32_t>(between.data() - a.text().data());
  return !a.HasCueIn(s, "enrolled", start, start + static_cast<uint32_t>(between.size()));
}

// "15 patients were excluded from the study", "two participants withdrew":
// a count whose own clause says its patients left the study is no enrolment
// ("Of 120 patients enrolled, 15 were excluded" keeps the 120).
bool LeftStudy(const DocumentAnalysis& a, const Sentence& s, std::string_view text, size_t count_end) {
  size_t clause_end = text.find_first_of(",;:", count_end);
  if (clause_end == std::string_view::npos) clause_end = text.size();
  return a.HasCueIn(s, "left_study", s.span.start + static_cast<uint32_t>(count_end),
                    s.span.start + static_cast<uint32_t>(clause_end));
}

// A count spelled in words, hundreds too: "Two hundred ninety-seven", "One
// hundred thirty five", "One-hundred and twenty".
std::string SpelledCountPattern() {
  const std::string word = NumberWordAlternation();
  return "(?:" + word + ")(?:[\\s-]+hundred(?:\\s+(?:and\\s+)?(?:" + word + ")(?:\\s+(?:" + word + "))?)?)?";
}

// A count of people (rule_words.tsv enrolment_noun "patients", or
// people_noun "men", "volunteers"), up to four words qualifying them, a
// bracketed short form among them ("Seventy-five human immunodeficiency
// virus (HIV)-infected patients"), then whether a bracketed percentage or
// fraction follows ("patients (8%)", not "patients (22 men, 18 women)").
std::string EnrolmentCountPattern(const Ontology& o) {
  return R"((?i)(\bof\s+(?:the\s+)?)?\b(\d{1,3}(?:,\d{3})+|\d+|)" + SpelledCountPattern() +
         R"(|[A-Za-z]+(?:-[A-Za-z]+)?)\s+((?:(?:[A-Za-z-]+|\([A-Za-z0-9+-]+\)[A-Za-z-]*)\s+){0,4}?)(?:()" +
         o.RuleWords("people_noun") + ")|" + o.RuleWords("enrolment_noun") + R"()\b(\s*[\(\[]\s*\d+(?:[.,]\d+)?\s*(?:%|/))?)";
}

// "12 women and 18 men were enrolled": a second count of people (rule_words.tsv
// people_noun) joined to the first by "and" splits the one enrolment, by sex
// or otherwise; it is added to the first.
std::string SecondPeopleCountPattern(const Ontology& o) {
  return R"((?i)^\s+and\s+(\d+|)" + SpelledCountPattern() + R"()\s+)" + o.RuleWords("people_noun") + R"(\b)";
}

// "we treated twelve patients", "The trial enrolled twenty-two adults": a
// count in words right after a verb of enrolment (rule_words.tsv
// enrolment_verb), with the groups of EnrolmentCountPattern. That pattern
// finds a count in words only where it opens the match, as it may open with
// any word up to four words before the noun.
std::string VerbLedSpelledCountPattern(const Ontology& o) {
  return R"((?i)\b)" + o.RuleWords("enrolment_verb") + R"(\s+()(\b)" + SpelledCountPattern() +
         R"()\s+((?:(?:[A-Za-z-]+|\([A-Za-z0-9+-]+\)[A-Za-z-]*)\s+){0,4}?)(?:()" + o.RuleWords("people_noun") + ")|" +
         o.RuleWords("enrolment_noun") + R"()\b(\s*[\(\[]\s*\d+(?:[.,]\d+)?\s*(?:%|/))?)";
}

// A count, its thousands grouped by commas or not ("7,705", "5408", "Thirty").
std::optional<int> ParseGroupedCount(std::string_view word) {
  std::string digits(word);
  std::erase(digits, ',');
  return ParseCount(digits);
}

// A count's people, then a verb of outcome, right after them or after their
// bracket ("patients (8%) developed").
std::string OutcomeVerbPattern(const Ontology& o) {
  return R"((?i)^(?:)" + o.RuleWords("enrolment_noun") + "|" + o.RuleWords("people_noun") +
         R"()\s*(?:[\(\[][^()\[\]]*[\)\]]\s*)?)" + o.RuleWords("outcome_verb") + R"(\b)";
}

// "three patients developed decreased auditory function", "Seven patients
// had no change": a count whose verb (rule_words.tsv outcome_verb) says what
// happened to its patients counts an outcome, unless its clause enrols them
// ("28 patients had been enrolled"); the caller leaves out a denominator,
// whose verb is its numerator's ("Forty of 94 patients had thrombosis").
bool CountsAnOutcome(const DocumentAnalysis& a, const Sentence& s, std::string_view text, size_t count_end) {
  const RE2& verb = a.ontology().Regex<OutcomeVerbPattern>();
  if (!RE2::PartialMatch(text.substr(count_end), verb)) return false;
  size_t clause_end = text.find_first_of(",;:", count_end);
  if (clause_end == std::string_view::npos) clause_end = text.size();
  return !a.HasCueIn(s, "enrolled", s.span.start + static_cast<uint32_t>(count_end),
                     s.span.start + static_cast<uint32_t>(clause_end));
}

// "120 patients were randomized to dasatinib and 118 to imatinib", "3379
// patients randomly assigned to enalapril ... and 3379 patients randomly
// assigned to placebo": where a sentence sends two or more counts each to a
// treatment, those counts are arms' sizes, not the enrolment (a total before
// them, "238 patients were randomized, 120 to dasatinib", is not sent).
bool SentToOneOfSeveralArms(std::string_view text, size_t count_start) {
  static const RE2 kSentTo(
      R"((?i)\b(\d+)\s+(?:patients\s+)?(?:were\s+)?(?:(?:randomly\s+)?(?:assigned|allocated|randomi[sz]ed)\s+)?to\b)");
  re2::StringPiece input(text.data(), text.size()), count;
  int sends = 0;
  bool this_one = false;
  while (RE2::FindAndConsume(&input, kSentTo, &count)) {
    ++sends;
    this_one |= static_cast<size_t>(count.data() - text.data()) == count_start;
  }
  return this_one && sends > 1;
}

// "If 1 of 3 patients has a dose-limiting toxicity", "in case 2 subjects
// experience": a count in a clause a condition opens (cues.tsv conditional)
// is a rule of the protocol, no one enrolled.
bool InConditionalClause(const DocumentAnalysis& a, const Sentence& s, std::string_view text, size_t count_start) {
  size_t clause_start = text.find_last_of(",;:", count_start);
  clause_start = clause_start == std::string_view::npos ? 0 : clause_start;
  return a.HasCueIn(s, "conditional", s.span.start + static_cast<uint32_t>(clause_start),
                    s.span.start + static_cast<uint32_t>(count_start));
}

// The patient count with the strongest verb: enrolled > treated > other;
// counts reported with a percentage are responders; the denominator of a
// result ("11 of 17 evaluable patients") does not take the sentence's verb.
// Counts of men, women or volunteers (people_noun) describe a case, a
// survey or a sex ratio as often as a study's enrolment ("72 women and 67
// men"), so they need a verb of enrolment or treatment in their sentence.
std::optional<int> ExtractEnrolled(const DocumentAnalysis& a) {
  const RE2& people_count = a.ontology().Regex<EnrolmentCountPattern>();
  const RE2& verb_led = a.ontology().Regex<VerbLedSpelledCountPattern>();
  static const RE2 kPhaseBefore(R"((?i)phase\s*$)");
  // "an incidence of 2-4 cases per 100,000 children": a rate's base, no one counted.
  static const RE2 kPerBefore(R"((?i)\bper\s*$)");
  // "nausea (thirteen patients)": a bracketed count qualifies what it follows, an event or a subgroup.
  static const RE2 kBracketBefore(R"(\(\s*$)");
  std::optional<int> best;
  int best_score = -1;
  for (const Sentence* s : a.study_sentences()) {
    if (s->is_title) continue;
    std::string_view text = SentenceText(a, s);
    int score = a.HasCue(*s, "enrolled") ? 3 : a.HasCue(*s, "treated") ? 2 : 0;
    for (const RE2* pattern : {&people_count, &verb_led}) {
      re2::StringPiece input(text.data(), text.size()), of_prefix, number, between, people, percent_after;
      while (RE2::FindAndConsume(&input, *pattern, &of_prefix, &number, &between, &people, &percent_after)) {
        std::optional<int> n = ParseGroupedCount(std::string_view(number.data(), number.size()));
        std::string_view before = text.substr(0, number.data() - text.data());
        bool responders = !percent_after.empty() && of_prefix.empty();
        size_t count_end = between.data() + between.size() - text.data();
        std::string second;
        if (n && !people.empty() &&
            RE2::PartialMatch(text.substr(people.data() + people.size() - text.data()),
                              a.ontology().Regex<SecondPeopleCountPattern>(), &second))
          if (std::optional<int> more = ParseGroupedCount(second)) n = *n + *more;
        if (!n || *n < 2 || responders || (!people.empty() && score == 0) ||
            SeparatesCount(a, std::string_view(between.data(), between.size())) ||
            RE2::PartialMatch(before, kPhaseBefore) || RE2::PartialMatch(before, kPerBefore) ||
            RE2::PartialMatch(before, kBracketBefore) ||
            LeftStudy(a, *s, text, count_end) || (of_prefix.empty() && CountsAnOutcome(a, *s, text, count_end)) ||
            InConditionalClause(a, *s, text, before.size()) ||
            SentToOneOfSeveralArms(text, static_cast<size_t>(number.data() - text.data())))
          continue;
        int count_score = ResultDenominator(a, *s, before, between) ? 0 : score;
        if (count_score > best_score) {
          best = n;
          best_score = count_score;
        }
      }
    }
  }
  return best;
}

namespace {

// The diseases a document names for its patients, each weighed by the
// sentences naming it (the title twice); not those named for contrast
// ("unlike mantle cell lymphoma").
struct DiseaseWeights {
  std::map<uint32_t, int> by_disease, by_root;
  std::vector<uint32_t> mentioned;  // in order, with repeats
};

uint32_t RootOf(const Ontology& o, uint32_t d) {
  while (true) {
    std::string_view parent = o.diseases.first(d, Ontology::kDiseaseParent);
    std::optional<uint32_t> p = parent.empty() ? std::nullopt : o.diseases.Find(parent);
    if (!p || *p == d) return d;
    d = *p;
  }
}

// "graft-versus-host disease (GVHD) prophylaxis", "in preventing
// graft-versus-host disease": a disease the treatment is to prevent is a
// risk the patients run, not a disease they have.
bool NamedForPrevention(const DocumentAnalysis& a, const Sentence& s, const Mention& m) {
  static const RE2 kShortForm(R"(^\s*\([^()]*\))");
  constexpr uint32_t kReach = 8;  // bytes: "prevent acute "
  if (a.CueShortlyBefore(s, "until", m.start, kReach)) return true;
  re2::StringPiece rest(a.text().data() + m.end, s.span.end - m.end);
  uint32_t after = m.end;
  if (RE2::Consume(&rest, kShortForm)) after = static_cast<uint32_t>(rest.data() - a.text().data());
  return a.CueRightAfter(s, "prevention_noun", after);
}

// "haematological malignancies (Acute Lymphoblastic Leukemia and Burkitt's
// lymphoma)": kinds listed in a bracket opened right after their group say
// what the group is here, as surely as a second sentence naming them.
bool ListedAfterItsGroup(const DocumentAnalysis& a, const Sentence& s, const Mention& m) {
  std::optional<uint32_t> open = a.OpenBracketBefore(s.span.start, m.start);
  if (!open) return false;
  const uint32_t open_at = *open;
  return std::any_of(s.mentions.begin(), s.mentions.end(), [&](const Mention& group) {
    return group.category == Category::kDisease && group.end <= open_at && group.entry != m.entry &&
           ontology::Trim(a.text().substr(group.end, open_at - group.end)).empty() &&
           a.ontology().DiseaseIsA(m.entry, group.entry);
  });
}

bool Holds(const std::vector<uint32_t>& diseases, uint32_t d) {
  return std::find(diseases.begin(), diseases.end(), d) != diseases.end();
}

// "leukemia, myelodysplasia, or lymphoblastic lymphoma", "T-ALL (T-ALL) or
// T-cell lymphoblastic lymphoma", "ALL/LBL": diseases written as the items of
// one list, neighbours apart by a comma, slash, "or" or "and" (after the
// first one's short form in brackets).
// Mention `right` follows `left` as the next item of one list: a comma,
// slash, "or" or "and" between (after `left`'s short form in brackets).
bool NextListItem(const DocumentAnalysis& a, const Mention& left, const Mention& right) {
  static const RE2 kSeparator(R"((?i)^\s*(?:\([^()]*\))?\s*(?:,|/|&|(?:,\s*)?(?:or|and|and/or))\s*$)");
  return left.end <= right.start && RE2::FullMatch(a.text().substr(left.end, right.start - left.end), kSeparator);
}

std::vector<std::vector<uint32_t>> DiseaseLists(const DocumentAnalysis& a, const Sentence& s) {
  std::vector<std::vector<uint32_t>> lists;
  const Mention* previous = nullptr;
  for (const Mention& m : s.mentions) {
    if (m.category != Category::kDisease) continue;
    if (previous && NextListItem(a, *previous, m))
      AddUnique(&lists.back(), m.entry);
    else
      lists.push_back({m.entry});
    previous = &m;
  }
  return lists;
}

//! One list of diseases and where it was written.
struct DiseaseList {
  std::vector<uint32_t> items;
  bool in_title = false;
  bool for_patients = false;  //!< the sentence speaks of patients
};

std::vector<DiseaseList> AllDiseaseLists(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences) {
  std::vector<DiseaseList> all;
  for (const Sentence* s : sentences)
    for (std::vector<uint32_t>& items : DiseaseLists(a, *s)) all.push_back({std::move(items), s->is_title, a.HasCue(*s, "patients")});
  return all;
}

// Diseases listed as items beside a disease they are a kind of: a separate
// population ("leukemia ... or lymphoblastic lymphoma"), not a narrowing of it.
std::vector<uint32_t> ListedBesideTheirKind(const Ontology& o, const std::vector<DiseaseList>& lists) {
  std::vector<uint32_t> beside;
  for (const DiseaseList& list : lists)
    for (uint32_t d : list.items)
      if (std::any_of(list.items.begin(), list.items.end(), [&](uint32_t x) { return x != d && o.DiseaseIsA(d, x); }))
        AddUnique(&beside, d);
  return beside;
}

// The title's list of diseases that holds `disease` ("Bone Marrow
// Transplantation in Treating Patients With Leukemia, Myelodysplasia, or
// Lymphoblastic Lymphoma"); empty when the title lists none.
std::vector<uint32_t> TitleListHolding(const std::vector<DiseaseList>& lists, uint32_t disease) {
  for (const DiseaseList& list : lists)
    if (list.in_title && list.items.size() >= 2 && Holds(list.items, disease)) return list.items;
  return {};
}

// The title keeps its list's items apart: a disease named outside the list
// that holds another item of it (ALL, above the listed lymphoblastic
// lymphoma, in "leukemia ... or lymphoblastic lymphoma") is no narrowing of
// one item but a subgroup across them ("Males with ALL receive ...").
bool JoinsTitleItems(const Ontology& o, const std::vector<uint32_t>& title_list, uint32_t d) {
  if (Holds(title_list, d)) return false;
  return std::any_of(title_list.begin(), title_list.end(), [&](uint32_t item) { return item != d && o.DiseaseIsA(item, d); });
}

// "leukemia" named loosely, and "patients with acute lymphoblastic leukemia,
// chronic lymphocytic leukemia, acute myeloid leukemia, ...": the kinds of a
// group listed together for the patients say what the group is here (not
// "an agent with activity in myeloma, mantle cell lymphoma and ..."), unless
// the group is itself an item of a list ("hematologic malignancies or kidney
// cancer"): the kinds are then a subgroup's. Empty when there are none.
std::vector<uint32_t> KindsListedForGroup(const Ontology& o, const std::vector<DiseaseList>& lists, uint32_t group) {
  auto kind = [&](uint32_t d) { return d != group && o.DiseaseIsA(d, group); };
  std::vector<uint32_t> kinds;
  for (const DiseaseList& list : lists) {
    if (list.items.size() >= 2 && Holds(list.items, group)) return {};
    if (list.for_patients && std::count_if(list.items.begin(), list.items.end(), kind) >= 2)
      for (uint32_t d : list.items)
        if (kind(d)) AddUnique(&kinds, d);
  }
  return kinds;
}

DiseaseWeights WeighDiseases(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences) {
  constexpr uint32_t kContrastReach = 40;
  DiseaseWeights w;
  for (const Sentence* s : sentences)
    for (const Mention& m : s->mentions)
      if (m.category == Category::kDisease && !a.CueShortlyBefore(*s, "contrast", m.start, kContrastReach) &&
          !NamedForPrevention(a, *s, m)) {
        int weight = (s->is_title ? 2 : 1) + (ListedAfterItsGroup(a, *s, m) ? 1 : 0);
        w.by_root[RootOf(a.ontology(), m.entry)] += weight;
        w.by_disease[m.entry] += weight;
        w.mentioned.push_back(m.entry);
      }
  return w;
}

// The most specific disease named under the root, but one named once only
// if it is a kind of the disease named most ("B-precursor ALL" in an ALL
// trial; not "post-transplant lymphoproliferative disorder" in a list of
// complications). A heterogeneous group named most ("solid tumours",
// "non-Hodgkin lymphoma", disease_groups.tsv) is narrowed only by a kind of
// it named in the title or in two sentences.
std::optional<uint32_t> ChooseDisease(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences) {
  const Ontology& o = a.ontology();
  DiseaseWeights w = WeighDiseases(a, sentences);
  if (w.mentioned.empty()) return std::nullopt;
  uint32_t root = std::max_element(w.by_root.begin(), w.by_root.end(),
                                   [](const auto& x, const auto& y) { return x.second < y.second; })->first;
  auto heavier = [&](uint32_t x, uint32_t y) {
    return w.by_disease[x] != w.by_disease[y] ? w.by_disease[x] > w.by_disease[y] : o.DiseaseDepth(x) > o.DiseaseDepth(y);
  };
  std::optional<uint32_t> heaviest;
  for (uint32_t d : w.mentioned)
    if (o.DiseaseIsA(d, root) && (!heaviest || heavier(d, *heaviest))) heaviest = d;
  bool group = o.disease_groups.Find(o.diseases.name(*heaviest)).has_value();
  constexpr int kNamedOften = 2;
  std::vector<DiseaseList> lists = AllDiseaseLists(a, sentences);
  std::vector<uint32_t> beside = ListedBesideTheirKind(o, lists);
  std::vector<uint32_t> title_list = TitleListHolding(lists, *heaviest);
  std::vector<uint32_t> kinds_listed = group ? KindsListedForGroup(o, lists, *heaviest) : std::vector<uint32_t>{};
  auto candidate = [&](uint32_t d) {
    if ((d != *heaviest && Holds(beside, d)) || JoinsTitleItems(o, title_list, d)) return false;
    if (group)
      return d == *heaviest || (o.DiseaseIsA(d, *heaviest) && (w.by_disease[d] >= kNamedOften || Holds(kinds_listed, d)));
    return o.DiseaseIsA(d, root) && (o.DiseaseIsA(d, *heaviest) || w.by_disease[d] >= kNamedOften);
  };
  std::optional<uint32_t> best;
  for (uint32_t d : w.mentioned)
    if (candidate(d) && (!best || o.DiseaseDepth(d) > o.DiseaseDepth(*best))) best = d;
  return best;
}

// A setting written after "after"/"following" in the same clause is earlier
// therapy ("after regimens administered as S1"); after "until" it is an event
// to come ("until relapse"). Neither is the trial's setting.
bool PrecededByPrior(const DocumentAnalysis& a, const Sentence& s, const Mention& m) {
  constexpr uint32_t kClauseReach = 10;  // tokens
  for (const Mention& cue : s.cues) {
    std::string_view role = a.CueRole(cue);
    if ((role != "prior" && role != "until") || cue.last > m.first || m.first - cue.last > kClauseReach) continue;
    if (a.text().substr(cue.end, m.start - cue.end).find_first_of(",;:") == std::string_view::npos) return true;
  }
  return false;
}

// A treatment phase is the trial's setting only where the regimen under test
// is named with it: "blinatumomab as induction", "dasatinib maintenance".
bool NextToTreatment(const Sentence& s, const Mention& m) {
  constexpr uint32_t kReach = 6;  // tokens between: "induction treatment will consist of 12 weeks of dasatinib"
  return std::any_of(s.mentions.begin(), s.mentions.end(), [&](const Mention& d) {
    bool treatment = d.category == Category::kDrug || d.category == Category::kRegimen;
    return treatment && (d.last <= m.first ? m.first - d.last <= kReach : d.first >= m.last && d.first - m.last <= kReach);
  });
}

bool IsTreatmentPhase(const Ontology& o, const std::string& tag) { return o.treatment_phases.Find(tag).has_value(); }

// "the incidence of relapse", "rates of disease relapse", "the chance of
// hematologic relapse": a state written as a noun shortly after a word that
// measures it (cues.tsv outcome_of) is an outcome; written as the patients'
// adjective it is still theirs ("the cure rate of relapsed B-ALL").
bool MeasuredAsOutcome(const DocumentAnalysis& a, const Sentence& s, const Mention& m) {
  constexpr uint32_t kReach = 16;  // bytes: "rates of disease relapse", "chance of hematologic relapse"
  return a.CueShortlyBefore(s, "outcome_of", m.start, kReach) && !a.Text(m).ends_with("ed");
}

// "induction, consolidation, reinduction and continuation-therapy phases",
// "progression-free survival, overall survival, transplant-related mortality
// and relapse": a state written as an item of a list of treatment phases or
// of outcomes is one of them, a phase of the protocol or an outcome to be
// measured, not the patients' state.
bool ListedWithPhasesOrOutcomes(const DocumentAnalysis& a, const Sentence& s, const Mention& m) {
  const Ontology& o = a.ontology();
  auto phase_or_outcome = [&](const Mention& x) {
    return x.category == Category::kEndpoint || x.category == Category::kAdverseEvent ||
           (x.category == Category::kSetting && IsTreatmentPhase(o, o.settings.name(x.entry)));
  };
  return std::any_of(s.mentions.begin(), s.mentions.end(), [&](const Mention& x) {
    return &x != &m && phase_or_outcome(x) && (NextListItem(a, x, m) || NextListItem(a, m, x));
  });
}

// A protocol that names several phases for its drugs (induction, then
// consolidation, then maintenance) runs through all of them: none of them
// singles out the population.
void DropPhaseSequence(const Ontology& o, Population* p) {
  size_t phases = std::count_if(p->settings.begin(), p->settings.end(),
                                [&](const std::string& tag) { return IsTreatmentPhase(o, tag); });
  if (phases < 2) return;
  std::erase_if(p->settings, [&](const std::string& tag) { return IsTreatmentPhase(o, tag); });
}

// "relapse(d) after/following <allogeneic transplant>".
bool MentionsPostTransplantRelapse(const DocumentAnalysis& a, const Sentence& s) {
  const Ontology& o = a.ontology();
  std::optional<uint32_t> transplant = o.endpoints.Find("allogeneic transplant");
  for (size_t i = 0; i < s.mentions.size(); ++i) {
    const Mention& m = s.mentions[i];
    if (m.category != Category::kSetting || o.settings.name(m.entry) != "relapsed/refractory") continue;
    for (size_t j = i + 1; j < s.mentions.size() && s.mentions[j].first <= m.last + 6; ++j) {
      const Mention& next = s.mentions[j];
      if (next.category == Category::kEndpoint && transplant && next.entry == *transplant &&
          a.HasCueIn(s, "prior", m.end, next.start))
        return true;
    }
  }
  return false;
}

// Settings describe patients: read them from the title and from sentences
// that speak of patients or name a disease, not from result comparisons
// ("hazard ratio for relapse or death").
bool DescribesPatients(const DocumentAnalysis& a, const Sentence& s) {
  return s.is_title || a.HasCue(s, "patients") ||
         std::any_of(s.mentions.begin(), s.mentions.end(), [](const Mention& m) { return m.category == Category::kDisease; });
}

// "the budesonide maintenance group": a phase written as the name of an arm
// is that arm's schedule, not the population's setting.
std::vector<std::string> PhasesNamingArms(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences) {
  const Ontology& o = a.ontology();
  std::vector<std::string> phases;
  for (const Sentence* s : sentences)
    for (const Mention& m : s->mentions) {
      if (m.category != Category::kSetting || !IsTreatmentPhase(o, o.settings.name(m.entry))) continue;
      if (a.CueFollows(*s, m, "arm_noun")) AddUnique(&phases, o.settings.name(m.entry));
    }
  return phases;
}

// Disease states that cannot describe one population (setting_conflicts.tsv):
// where the title states one side only, the body's other side is a subgroup's.
void DropConflictsWithTitle(const DocumentAnalysis& a, Population* p) {
  const Ontology& o = a.ontology();
  std::vector<std::string> title;
  for (const Sentence& s : a.sentences())
    if (s.is_title)
      for (const Mention& m : s.mentions)
        if (m.category == Category::kSetting) AddUnique(&title, o.settings.name(m.entry));
  auto in_title = [&](const std::string& tag) { return std::find(title.begin(), title.end(), tag) != title.end(); };
  for (size_t i = 0; i < o.conflicts.size(); ++i)
    for (const std::string& other : o.conflicts.list(i, 1)) {
      const std::string& tag = o.conflicts.name(i);
      if (in_title(tag) == in_title(other)) continue;
      std::erase(p->settings, in_title(tag) ? other : tag);
    }
}

// "OUTLINE: INDUCTION THERAPY: Patients continue to receive imatinib",
// "MAINTENANCE (COURSES 9-32): ...": a phase written in capitals up to a
// colon heads a part of the protocol's outline, which every patient goes
// through; it does not single out the population.
bool HeadsOutlinePart(const DocumentAnalysis& a, const Sentence& s, const Mention& m) {
  auto has_lower = [](std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](unsigned char c) { return std::islower(c); });
  };
  std::string_view rest = a.text().substr(m.end, s.span.end - m.end);
  size_t colon = rest.find(':');
  return colon != std::string_view::npos && !has_lower(a.Text(m)) && !has_lower(rest.substr(0, colon));
}

// A phase is read where the drug is given in it, unless the treatment is an
// option ("responders could receive consolidation cycles") or the phase
// names an arm, and where the patients described are in it ("on maintenance
// therapy"); a state is read where patients are described, unless it names
// an outcome measure ("the high relapse rate").
void AddSettings(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences, Population* p) {
  const Ontology& o = a.ontology();
  std::vector<std::string> arm_phases = PhasesNamingArms(a, sentences);
  for (const Sentence* s : sentences) {
    bool describes_patients = DescribesPatients(a, *s);
    bool phase_given = !a.HasCue(*s, "optional");
    for (const Mention& m : s->mentions) {
      // "93% had no detectable minimal residual disease" denies the state it names.
      if (m.category != Category::kSetting || PrecededByPrior(a, *s, m) || a.CueFollows(*s, m, "outcome_noun") ||
          a.CueRightBefore(*s, {"negation"}, m.start))
        continue;
      const std::string& tag = o.settings.name(m.entry);
      if (std::find(arm_phases.begin(), arm_phases.end(), tag) != arm_phases.end()) continue;
      if (IsTreatmentPhase(o, tag) && HeadsOutlinePart(a, *s, m)) continue;
      bool patients_in_phase = describes_patients && a.CueRightBefore(*s, {"in_phase"}, m.start);
      bool state_described = describes_patients && !ListedWithPhasesOrOutcomes(a, *s, m) && !MeasuredAsOutcome(a, *s, m);
      if (IsTreatmentPhase(o, tag) ? (phase_given && NextToTreatment(*s, m)) || patients_in_phase : state_described)
        AddUnique(&p->settings, tag);
    }
    if (describes_patients && MentionsPostTransplantRelapse(a, *s))
      AddUnique(&p->settings, std::string("post-transplant relapse"));
  }
  DropPhaseSequence(o, p);
  for (size_t i = 0; i < o.implications.size(); ++i)
    if (std::find(p->settings.begin(), p->settings.end(), o.implications.name(i)) != p->settings.end())
      for (const std::string& implied : o.implications.list(i, 1)) AddUnique(&p->settings, implied);
  DropConflictsWithTitle(a, p);
}

void AddAttributes(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences, Population* p) {
  const Ontology& o = a.ontology();
  for (const Sentence* s : sentences)
    for (const Mention& m : s->mentions) {
      if (m.category != Category::kAttribute) continue;
      const std::string& attribute = o.attributes.name(m.entry);
      std::string value(o.attributes.first(m.entry, Ontology::kAttributeValue));
      if (attribute == "age_group" && !p->age_group) p->age_group = value;
      else if (attribute == "subtype") AddUnique(&p->subtypes, value);
    }
}

// The Ph status a mention states: a Ph attribute ("Ph-positive"), or a
// disease whose spelling opens with one ("Ph+ ALL", "Philadelphia
// chromosome-positive chronic myeloid leukemia").
std::optional<std::string> PhStatusStated(const DocumentAnalysis& a, const Sentence& s, const Mention& m) {
  const Ontology& o = a.ontology();
  std::optional<uint32_t> entry;
  if (m.category == Category::kAttribute) entry = m.entry;
  if (m.category == Category::kDisease)
    if (std::optional<ontology::Match> word = o.attributes.lexicon().LongestAt(a.text(), s.tokens, m.first);
        word && word->last <= m.last)
      entry = word->entry;
  if (!entry || o.attributes.name(*entry) != "ph_status") return std::nullopt;
  return std::string(o.attributes.first(*entry, Ontology::kAttributeValue));
}

// The disease the Ph status of mention `i` is written on: the disease it
// opens, else the next disease when only settings and attributes come
// between, each gap at most two words ("Ph-positive relapsed or refractory
// ALL"), else the disease right before it, at most three words back ("ALL
// (Ph+)", "CML, Ph-positive"); none when it stands alone ("patients must be
// Ph-positive").
std::optional<uint32_t> DiseaseOfPhStatus(const Sentence& s, size_t i) {
  constexpr uint32_t kAfterGap = 2, kBeforeGap = 3;  // tokens
  const Mention& ph = s.mentions[i];
  if (ph.category == Category::kDisease) return ph.entry;
  uint32_t end = ph.last;
  for (size_t j = i + 1; j < s.mentions.size() && s.mentions[j].first - end <= kAfterGap; ++j) {
    const Mention& next = s.mentions[j];
    if (next.category == Category::kDisease) return next.entry;
    if (next.category != Category::kSetting && next.category != Category::kAttribute) break;
    end = next.last;
  }
  if (i > 0 && s.mentions[i - 1].category == Category::kDisease && ph.first - s.mentions[i - 1].last <= kBeforeGap)
    return s.mentions[i - 1].entry;
  return std::nullopt;
}

// A Ph status written on disease `written` holds for the population of
// `disease` when one is a kind of the other ("Ph+ ALL" for a B-ALL
// population), but not for a heterogeneous group above it ("Ph+ ALL" says
// nothing of "acute leukemia"), nor for a disease beside it ("Ph+ ALL" and CML).
bool PhStatusHoldsFor(const Ontology& o, uint32_t written, uint32_t disease) {
  if (o.DiseaseIsA(disease, written)) return true;
  return o.DiseaseIsA(written, disease) && !o.disease_groups.Find(o.diseases.name(disease)).has_value();
}

// The Ph status of the population of `disease`: the first one written on it,
// or, for the main population, one written on no disease. With no curated
// disease every Ph status counts.
std::optional<std::string> PhStatusOf(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences,
                                      std::optional<uint32_t> disease, bool main) {
  for (const Sentence* s : sentences)
    for (size_t i = 0; i < s->mentions.size(); ++i) {
      std::optional<std::string> status = PhStatusStated(a, *s, s->mentions[i]);
      if (!status) continue;
      std::optional<uint32_t> written = DiseaseOfPhStatus(*s, i);
      if (!disease || (written ? PhStatusHoldsFor(a.ontology(), *written, *disease) : main)) return status;
    }
  return std::nullopt;
}

// Eligibility ages. Patterns are forms of English, the numbers must say they
// are years: "aged 18 to 65", "between the ages of 18 and 60 years old",
// "between 2 and 21 years of age", "Age: 12 Years
// to 70 Years", "(18 years, 60 years)", "(range, 18-84 years)".
bool AgeRange(std::string_view text, Age* age) {
  // "aged 10 to less than 20 years": the upper bound may carry its own sign, as registry text writes it.
  static const RE2 kPrefixed(
      R"((?i)(?:\baged?:?\s+|\bages\s+|age range(?: of| was)?\s+|range,?\s+|between\s+)(\d{1,2})\s*(?:years?\s*)?(?:to|and|-|–|—)\s*(?:less than\s*|under\s*|younger than\s*|<\s*)?(\d{1,3})\b)");
  static const RE2 kUnit(R"((?i)\b(\d{1,2})\s*(?:years?\s*)?(?:to|-|–|—)\s*(\d{1,3})\s*(?:years?|yr)\b)");
  static const RE2 kPair(R"((?i)\b(\d{1,2})\s*years?\s*,\s*(\d{1,3})\s*years?\b)");
  static const RE2 kAgesOf(R"((?i)\bages?\s+of\s+(\d{1,2})\s*(?:and|to|-|–|—)\s*(\d{1,3})\s*(?:years?|yr)\b)");
  std::string lo, hi;
  if (!RE2::PartialMatch(text, kPrefixed, &lo, &hi) && !RE2::PartialMatch(text, kUnit, &lo, &hi) &&
      !RE2::PartialMatch(text, kPair, &lo, &hi) && !RE2::PartialMatch(text, kAgesOf, &lo, &hi))
    return false;
  double min = *ParseDecimal(lo), max = *ParseDecimal(hi);  // at most three digits each
  if (min >= max || max > 120) return false;
  age->min = min;
  age->max = max;
  return true;
}

// The age the first of `patterns` to match captures: the number, then for a
// pattern with two groups the word after it, which must not give another
// unit ("aged over 6 months").
std::optional<double> AgeBound(std::string_view text, std::initializer_list<const RE2*> patterns) {
  static const RE2 kOtherUnit(R"((?i)^(?:months?|mo|weeks?|wk|days?|hours?|h|mg|kg|g|cm|m|%|percent)$)");
  for (const RE2* pattern : patterns) {
    std::string x, unit;
    bool found = pattern->NumberOfCapturingGroups() == 2 ? RE2::PartialMatch(text, *pattern, &x, &unit)
                                                         : RE2::PartialMatch(text, *pattern, &x);
    if (found && !RE2::FullMatch(unit, kOtherUnit)) return ParseDecimal(x);
  }
  return std::nullopt;
}

// "≥ 60 years", "aged 56 years and older", "12 years of age or older", "older than 56 years",
// "more than 18 years of age"; the sign spelled out: "aged > or =65 years" (older MEDLINE), "greater than or
// equal to 2 years" (registries); with no unit, "65 or older", and after an age word: "aged 18 or older",
// "age >= 60", "aged over 65", "older than 60".
std::optional<double> AgeMinimum(std::string_view text) {
  static const RE2 kAfter(R"((?i)\b(\d{1,2})\s*(?:years?|yr)\s*(?:of age\s*)?(?:or|and)\s*(?:older|over|above)\b)");
  static const RE2 kBefore(
      R"((?i)(?:≥|⩾|>=|>\s*or\s*=|>|greater than or equal to|at least|older than|more than|over|aged)\s*(\d{1,2})\s*(?:years?|yr)\b)");
  static const RE2 kOrOlder(R"((?i)\b(\d{1,2})\s+(?:or|and)\s+older\b)");
  static const RE2 kAgedOrOver(R"((?i)\baged?\s+(\d{1,2})\s+(?:or|and)\s+(?:over|above)\b)");
  static const RE2 kBare(
      R"((?i)(?:\bage[ds]?:?\s*(?:≥|⩾|>=|>\s*or\s*=|>|greater than or equal to|at least|older than|more than|over|above)|\bolder than)\s*(\d{1,2})\b\s*([a-z%]*))");
  return AgeBound(text, {&kAfter, &kBefore, &kOrOlder, &kAgedOrOver, &kBare});
}

// "younger than 21 years", "< 25 years of age", "up to 70 years", "65 years or younger", "<or=18 years",
// "less than or equal to 21 years"; with no unit, "18 or younger", and after an age word: "aged < 18",
// "younger than 18".
std::optional<double> AgeMaximum(std::string_view text) {
  static const RE2 kAfter(R"((?i)\b(\d{1,3})\s*(?:years?|yr)\s*(?:of age\s*)?(?:or|and)\s*(?:younger|under|below)\b)");
  static const RE2 kBefore(
      R"((?i)(?:≤|⩽|<=|<\s*or\s*=|<|less than or equal to|younger than|under|up to)\s*(\d{1,3})\s*(?:years?|yr)\b)");
  static const RE2 kOrYounger(R"((?i)\b(\d{1,3})\s+(?:or|and)\s+younger\b)");
  static const RE2 kBare(
      R"((?i)(?:\bage[ds]?:?\s*(?:≤|⩽|<=|<\s*or\s*=|<|less than or equal to|younger than|under|below|up to)|\byounger than)\s*(\d{1,3})\b\s*([a-z%]*))");
  return AgeBound(text, {&kAfter, &kBefore, &kOrYounger, &kBare});
}

// "Children and adolescents (3-18 years)", "patients (18-65 years)": a
// bracketed range of years right after the people it describes is their ages.
std::string PeopleAgeBracketPattern(const Ontology& o) {
  return R"((?i)\b(?:)" + o.RuleWords("enrolment_noun") + "|" + o.RuleWords("people_noun") +
         R"()\s*\(\s*\d{1,2}\s*(?:-|–|—|to)\s*\d{1,3}\s*(?:years?|yr)\s*\))";
}

// "Forty patients (median, 45 years; range, 18-70)": a median in years
// opening a bracket right after the people it describes is their median age.
std::string PeopleMedianAgePattern(const Ontology& o) {
  return R"((?i)\b(?:)" + o.RuleWords("enrolment_noun") + "|" + o.RuleWords("people_noun") +
         R"()\s*[\(\[]\s*median\s*[,:=]?\s*(\d+(?:\.\d+)?)\s*(?:years?|yrs?|y)\b)";
}

// An age limit describes the population in the title or where the sentence
// speaks of age; "if you are 60 years or older, ..." sets a rule for some,
// where the condition opens the age's clause ("to learn if the combination
// can control AML in patients who are between the ages of 18 and 60 years
// old" does not).
bool StatesAgeLimit(const DocumentAnalysis& a, const Sentence& s) {
  // "older"/"younger" compare ages, never durations: "adults (18 years or older)"; a bracket that
  // holds only a bound in years qualifies the patients before it: "elderly patients (>or=65 years)".
  static const RE2 kAgeContext(
      R"((?i)\b(age|aged|ages|years old|years of age|years or older|years or younger|older than|younger than)\b|\(\s*\d{1,2}\s*years?\s*,)"
      R"(|\(\s*(?:≥|⩾|>=|>\s*or\s*=|>|≤|⩽|<=|<\s*or\s*=|<)\s*\d{1,3}\s*(?:years?|yr)\s*\))");
  static const RE2 kAgeNumber(R"((?i)(\d{1,3})\s*(?:years?|yr)\b)");
  constexpr uint32_t kClauseReach = 30;  // bytes: "if you are older than 60 years"
  std::string_view text = a.Text(s.span);
  if (!s.is_title && !RE2::PartialMatch(text, kAgeContext) &&
      !RE2::PartialMatch(text, a.ontology().Regex<PeopleAgeBracketPattern>()))
    return false;
  re2::StringPiece number;
  if (!RE2::PartialMatch(text, kAgeNumber, &number)) return !a.HasCue(s, "conditional");
  uint32_t at = s.span.start + static_cast<uint32_t>(number.data() - text.data());
  return !a.CueShortlyBefore(s, "conditional", at, kClauseReach);
}

// "median age 47 years (range 27-73)", "age 10-45 years (median age 17.8
// years)", "aged 6-35 years (mean 17.2 years)": a range written beside the
// median or mean age is the spread of the ages observed, not a limit set.
std::string AverageAgePattern(const Ontology& o) {
  const std::string average = o.RuleWords("average_word");
  return R"((?i)\b)" + average + R"(\s+age\b|\b)" + average + R"(\s*\d+(?:[.,]\d+)?\s*(?:years?|yr)\b)";
}

bool StatesAverageAge(const Ontology& o, std::string_view text) {
  return RE2::PartialMatch(text, o.Regex<AverageAgePattern>());
}

void AddAge(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences, Population* p) {
  static const RE2 kMedian(
      R"((?i)median age(?:\s+(?:was|were|of|of (?:the|all|these) \w+|at \w+|,))*\s*[:=,]?\s*(\d+(?:\.\d+)?))");
  bool enrolled = !a.plans_only();  // a protocol's patients have no median age yet
  for (const Sentence* s : sentences) {
    std::string_view text = a.Text(s->span);
    std::string x;
    if (enrolled && !p->age.median &&
        (RE2::PartialMatch(text, kMedian, &x) || RE2::PartialMatch(text, a.ontology().Regex<PeopleMedianAgePattern>(), &x)))
      p->age.median = ParseDecimal(x);
    if (p->age.min || p->age.max || !StatesAgeLimit(a, *s)) continue;
    if (!StatesAverageAge(a.ontology(), text) && AgeRange(text, &p->age)) continue;
    p->age.min = AgeMinimum(text);
    p->age.max = AgeMaximum(text);
  }
}

}  // namespace

namespace {

bool NamesDisease(const Sentence& s, uint32_t disease) {
  return std::any_of(s.mentions.begin(), s.mentions.end(),
                     [&](const Mention& m) { return m.category == Category::kDisease && m.entry == disease; });
}

// The diseases of the sentence's lists that hold `disease`.
std::vector<uint32_t> ListedWith(const DocumentAnalysis& a, const Sentence& s, uint32_t disease) {
  std::vector<uint32_t> named;
  for (const std::vector<uint32_t>& list : DiseaseLists(a, s))
    if (Holds(list, disease))
      for (uint32_t d : list) AddUnique(&named, d);
  return named;
}

// "patients with relapsed CD22+ acute leukemia (B-ALL, mixed phenotype, and
// Burkitt's)": further diseases named beside the main one where the sentence
// speaks of patients, or listed with it ("T-ALL or T-cell lymphoblastic
// lymphoma has ..."). A heterogeneous group above another disease named
// there (acute leukemia above B-ALL) is the list's heading, not a
// population; a single disease is not ("ALL or NHL (lymphoblastic lymphoma
// or peripheral T-cell lymphoma)": ALL above lymphoblastic lymphoma). A
// disease the main one is a kind of names it loosely, unless the two are
// items of one list of the patients' diseases ("children with ALL, AML, or
// lymphoblastic lymphoma"; not "remission (no signs of lymphoma or leukemia)").
std::vector<uint32_t> DiseasesListedWith(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences,
                                         uint32_t main) {
  const Ontology& o = a.ontology();
  std::vector<uint32_t> listed;
  for (const Sentence* s : sentences) {
    if (!NamesDisease(*s, main)) continue;
    const std::vector<uint32_t> items = ListedWith(a, *s, main);
    const bool speaks_of_patients = a.HasCue(*s, "patients");
    std::vector<uint32_t> named = items;
    if (speaks_of_patients)
      for (const Mention& m : s->mentions)
        if (m.category == Category::kDisease && !NamedForPrevention(a, *s, m)) AddUnique(&named, m.entry);
    for (uint32_t d : named) {
      bool group = o.disease_groups.Find(o.diseases.name(d)).has_value();
      bool heading = group && std::any_of(named.begin(), named.end(), [&](uint32_t x) { return x != d && o.DiseaseIsA(x, d); });
      bool loose_name = o.DiseaseIsA(main, d) && !((s->is_title || speaks_of_patients) && Holds(items, d));
      if (d != main && !heading && !loose_name) AddUnique(&listed, d);
    }
  }
  // A disease the main one is a kind of, kept as a list item, still names
  // loosely another kind of it listed too ("pediatric ALL or lymphoblastic
  // lymphoma" in the title, "B-cell ALL or B-cell lymphoblastic lymphoma" in the body).
  std::erase_if(listed, [&](uint32_t d) {
    return o.DiseaseIsA(main, d) && std::any_of(listed.begin(), listed.end(), [&](uint32_t x) { return x != d && o.DiseaseIsA(x, d); });
  });
  return listed;
}

// "DNA Analysis of Samples From Young Patients With Acute Myeloid Leukemia or
// Acute Lymphoblastic Leukemia" with the body narrowing AML to secondary AML:
// the title's list still names the other populations beside the one the main
// disease narrows (an item the main disease is a kind of, or the main itself).
std::vector<uint32_t> TitleItemsBesideMain(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences,
                                           uint32_t main) {
  const Ontology& o = a.ontology();
  std::vector<uint32_t> beside;
  for (const DiseaseList& list : AllDiseaseLists(a, sentences)) {
    auto narrowed = [&](uint32_t d) { return o.DiseaseIsA(main, d); };
    if (!list.in_title || list.items.size() < 2 || std::none_of(list.items.begin(), list.items.end(), narrowed)) continue;
    for (uint32_t d : list.items)
      if (!narrowed(d) && !o.DiseaseIsA(d, main)) AddUnique(&beside, d);
  }
  return beside;
}

// "ACUTE MYELOID LEUKEMIA, CHRONIC MYELOGENOUS LEUKEMIA, OR MYELODYSPLASTIC
// SYNDROMES: Patients receive ...": a capitals heading of a protocol outline
// that ends with a disease (and its short form) gives each disease it names a
// part of the protocol, so each is a population; "GRAFT-VS-HOST DISEASE (GVHD)
// PROPHYLAXIS:" names a treatment, not patients.
std::vector<uint32_t> DiseasesHeadingOutlineParts(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences) {
  static const RE2 kDiseaseEnd(R"(^\s*(?:\([^)]*\))?\s*$)");
  std::vector<uint32_t> diseases;
  for (const Sentence* s : sentences) {
    std::string_view text = a.Text(s->span);
    size_t colon = text.find(':');
    if (s->is_title || colon == std::string_view::npos) continue;
    std::string_view heading = text.substr(0, colon);
    if (std::any_of(heading.begin(), heading.end(), [](unsigned char c) { return std::islower(c); })) continue;
    std::vector<uint32_t> named;
    uint32_t last_end = 0;
    for (const Mention& m : s->mentions)
      if (m.category == Category::kDisease && m.end <= s->span.start + colon) {
        AddUnique(&named, m.entry);
        last_end = m.end;
      }
    if (!named.empty() && RE2::FullMatch(a.text().substr(last_end, s->span.start + colon - last_end), kDiseaseEnd))
      for (uint32_t d : named) AddUnique(&diseases, d);
  }
  return diseases;
}

// "T-ALL ..." here, "signs of leukemia or lymphoma" there: a heterogeneous
// group (disease_groups.tsv) above the main disease or another further one
// is their heading written in another list, not a population of its own.
void DropHeadings(const Ontology& o, uint32_t main, std::vector<uint32_t>* others) {
  std::vector<uint32_t> named = *others;
  named.push_back(main);
  std::erase_if(*others, [&](uint32_t d) {
    return o.disease_groups.Find(o.diseases.name(d)).has_value() &&
           std::any_of(named.begin(), named.end(), [&](uint32_t x) { return x != d && o.DiseaseIsA(x, d); });
  });
}

//! A disease the text names in its own words, and the sentence that names it.
struct NamedDisease {
  std::string name;
  Span evidence;
  uint32_t end = 0;  //!< byte offset one past the name
};

// The MeSH disease (diseases_mesh.tsv) that diseases.tsv does not curate,
// named from token `from` of `s` on (the token after its lead, a token
// index, not a byte offset): at most `free_words` words
// before its spelling, after any qualifier ("recent documented myocardial
// infarction", cues.tsv disease_qualifier) and not across a conjunction ("PD
// and prominent dyskinesias" names two). Its name is the text from there to
// the end of the MeSH spelling ("congestive heart failure").
std::optional<NamedDisease> MeshDiseaseAfter(const DocumentAnalysis& a, const Sentence& s,
                                             const std::vector<ontology::Match>& diseases, uint32_t from,
                                             uint32_t free_words) {
  for (const ontology::Match& d : diseases) {
    if (d.first < from) continue;
    uint32_t first = from;
    for (const Mention& cue : s.cues)
      if (cue.first >= first && cue.last <= d.first && a.CueRole(cue) == "disease_qualifier") first = cue.last;
    if (d.first - first > free_words) return std::nullopt;  // the nearest disease is too far from the lead
    // "patients with no heart disease" are patients without it.
    if (a.HasCueIn(s, "negation", s.tokens[from].start, s.tokens[d.first].start)) return std::nullopt;
    bool joined = std::any_of(s.cues.begin(), s.cues.end(), [&](const Mention& cue) {
      return cue.first >= first && cue.last <= d.first && a.CueRole(cue) == "conjunction";
    });
    if (joined) first = d.first;
    std::string_view words = a.text().substr(s.tokens[first].start, s.tokens[d.last - 1].end - s.tokens[first].start);
    return NamedDisease{ontology::LowerCaseName(words), s.span, s.tokens[d.last - 1].end};
  }
  return std::nullopt;
}

std::string DiseaseLeadPattern(const Ontology& o) { return R"((?i)^\s*)" + o.RuleWords("disease_lead") + R"(\b)"; }

// The token right after "patients with", "children suffering from" ...
// (rule_words.tsv disease_lead) when the patients cue is followed by one.
std::optional<uint32_t> TokenAfterDiseaseLead(const DocumentAnalysis& a, const Sentence& s, const Mention& patients) {
  if (a.CueRole(patients) != "patients") return std::nullopt;
  re2::StringPiece rest(a.text().data() + patients.end, s.span.end - patients.end);
  if (!RE2::Consume(&rest, a.ontology().Regex<DiseaseLeadPattern>())) return std::nullopt;
  const uint32_t lead_end = static_cast<uint32_t>(rest.data() - a.text().data());
  uint32_t next = patients.last;
  while (next < s.tokens.size() && s.tokens[next].start < lead_end) ++next;
  return next;
}

// "patients with congestive heart failure", "patients suffering from uremic
// pruritus": the disease the patients have, after a word that says they have it.
std::optional<NamedDisease> PatientsWithDisease(const DocumentAnalysis& a, const Sentence& s,
                                                const std::vector<ontology::Match>& diseases) {
  constexpr uint32_t kLeadingWords = 2;
  for (const Mention& patients : s.cues)
    if (std::optional<uint32_t> next = TokenAfterDiseaseLead(a, s, patients))
      if (std::optional<NamedDisease> named = MeshDiseaseAfter(a, s, diseases, *next, kLeadingWords)) return named;
  return std::nullopt;
}

// The noun an adjective comes from by one swap of endings written "adjective>noun"
// ("schizophrenic" by "ic>ia" -> "schizophrenia"), or nullopt when the adjective has another ending.
std::optional<std::string> SwapEnding(const std::string& adjective, const std::string& swap) {
  size_t arrow = swap.find('>');
  if (arrow == std::string::npos || !adjective.ends_with(std::string_view(swap).substr(0, arrow))) return std::nullopt;
  return adjective.substr(0, adjective.size() - arrow) + swap.substr(arrow + 1);
}

// "schizophrenic patients", "epileptic children", "HIV-infected adults": the
// adjective right before the patients cue, its ending turned into a noun's
// (rule_words.tsv adjective_ending, "ic>ia", "tic>sy", "ed>ion"), spells the
// MeSH disease they have, alone or after the word before it ("HIV infection").
std::optional<NamedDisease> AdjectiveBeforePatients(const DocumentAnalysis& a, const Sentence& s) {
  const Ontology& o = a.ontology();
  const ontology::Lexicon& mesh = o.mesh_diseases.lexicon();
  std::optional<uint32_t> endings = o.rule_words.Find("adjective_ending");
  if (!endings) return std::nullopt;
  for (const Mention& patients : s.cues) {
    if (a.CueRole(patients) != "patients" || patients.first == 0) continue;
    const ontology::Token& adjective = s.tokens[patients.first - 1];
    for (const std::string& swap : o.rule_words.list(*endings, Ontology::kRuleWords)) {
      std::optional<std::string> noun = SwapEnding(adjective.norm, swap);
      if (!noun) continue;
      if (mesh.Lookup(*noun)) return NamedDisease{*noun, s.span, adjective.end};
      if (patients.first < 2) continue;
      const ontology::Token& before = s.tokens[patients.first - 2];
      std::string named = std::string(a.text().substr(before.start, before.end - before.start)) + " " + *noun;
      if (mesh.Lookup(named)) return NamedDisease{ontology::LowerCaseName(named), s.span, adjective.end};
    }
  }
  return std::nullopt;
}

// One to three words ending in a word that heads a disease's name
// (rule_words.tsv disease_head): "attention-deficit/hyperactivity disorder".
std::string HeadedDiseasePattern(const Ontology& o) {
  return R"((?i)^((?:[a-z][\w'/-]*\s+){1,3})" + o.RuleWords("disease_head") + R"()\b)";
}

std::string NotDiseaseWordPattern(const Ontology& o) { return R"((?i)\b)" + o.RuleWords("not_disease_word") + R"(\b)"; }

// The token after the disease qualifiers (cues.tsv) that open the words from token `from` on.
uint32_t AfterQualifiers(const DocumentAnalysis& a, const Sentence& s, uint32_t from) {
  for (const Mention& cue : s.cues)
    if (cue.first == from && a.CueRole(cue) == "disease_qualifier") from = cue.last;
  return from;
}

// "children with attention-deficit/hyperactivity disorder (ADHD)": where MeSH
// has no spelling for it, a disease the patients have is still named by a
// phrase that a disease word ends ("disorder", "disease", "syndrome") from
// token `from` on, after any qualifiers, when no function word ("no", "the",
// "of") makes it something else.
std::optional<NamedDisease> HeadedDiseaseAt(const DocumentAnalysis& a, const Sentence& s, uint32_t from) {
  const Ontology& o = a.ontology();
  uint32_t first = AfterQualifiers(a, s, from);
  if (first >= s.tokens.size()) return std::nullopt;
  std::string_view rest = a.text().substr(s.tokens[first].start, s.span.end - s.tokens[first].start);
  std::string phrase;
  if (!RE2::PartialMatch(rest, o.Regex<HeadedDiseasePattern>(), &phrase) ||
      RE2::PartialMatch(phrase, o.Regex<NotDiseaseWordPattern>()))
    return std::nullopt;
  return NamedDisease{ontology::LowerCaseName(phrase), s.span, s.tokens[first].start + static_cast<uint32_t>(phrase.size())};
}

std::optional<NamedDisease> PatientsWithHeadedDisease(const DocumentAnalysis& a, const Sentence& s) {
  for (const Mention& patients : s.cues)
    if (std::optional<uint32_t> next = TokenAfterDiseaseLead(a, s, patients))
      if (std::optional<NamedDisease> named = HeadedDiseaseAt(a, s, *next)) return named;
  return std::nullopt;
}

// "Crossover comparison of rizatriptan versus ergotamine in migraine",
// "Treatment of psoriasis with azathioprine": in a title that names a drug,
// the disease right after a word that names what the treatment is for
// (rule_words.tsv condition_lead) and ending the phrase (condition_follow or
// punctuation). Nothing but qualifiers may come between, so "in elderly
// patients" or "for the prevention of X" (patients at risk, not ill) name none;
// "for cataract surgery" or "in hearing loss following anaesthesia" name a
// procedure or an outcome.
template <typename NameAt>
std::optional<NamedDisease> TitleConditionDisease(const DocumentAnalysis& a, const Sentence& title, const NameAt& name_at) {
  if (!title.NamesDrugOrRegimen()) return std::nullopt;
  const RE2& lead = a.ontology().Regex<ConditionLeadPattern>();
  const RE2& follow = a.ontology().Regex<ConditionFollowPattern>();
  std::string_view text = a.Text(title.span);
  re2::StringPiece input(text.data(), text.size());
  while (RE2::FindAndConsume(&input, lead)) {
    uint32_t lead_end = title.span.start + static_cast<uint32_t>(input.data() - text.data());
    uint32_t next = 0;
    while (next < title.tokens.size() && title.tokens[next].start < lead_end) ++next;
    std::optional<NamedDisease> named = name_at(next);
    if (named && RE2::PartialMatch(a.text().substr(named->end, title.span.end - named->end), follow)) return named;
  }
  return std::nullopt;
}

// The disease `find` names in the title, else in the first study sentence that names one.
template <typename Find>
std::optional<NamedDisease> TitleFirst(const std::vector<const Sentence*>& sentences, const Find& find) {
  for (bool title : {true, false})
    for (const Sentence* s : sentences)
      if (s->is_title == title)
        if (std::optional<NamedDisease> named = find(*s)) return named;
  return std::nullopt;
}

// The disease of "patients with ..." in the title, else in the first study
// sentence that names one, else the condition the title treats, else the
// one an adjective before "patients" spells, else a phrase a disease word
// ends after "patients with ..." (title first each), else such a phrase as
// the condition the title treats.
std::optional<NamedDisease> UncuratedDisease(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences) {
  const ontology::Lexicon& mesh = a.ontology().mesh_diseases.lexicon();
  auto title_at = std::find_if(sentences.begin(), sentences.end(), [](const Sentence* s) { return s->is_title; });
  const Sentence* title = title_at == sentences.end() ? nullptr : *title_at;
  // The title's MeSH diseases are read by two rules: found once.
  std::vector<ontology::Match> title_diseases = title ? mesh.FindAll(a.text(), title->tokens) : std::vector<ontology::Match>{};
  auto diseases_in = [&](const Sentence& s) { return &s == title ? title_diseases : mesh.FindAll(a.text(), s.tokens); };
  auto patients_with = [&](const Sentence& s) { return PatientsWithDisease(a, s, diseases_in(s)); };
  if (std::optional<NamedDisease> named = TitleFirst(sentences, patients_with)) return named;
  if (title) {
    auto mesh_at = [&](uint32_t next) { return MeshDiseaseAfter(a, *title, title_diseases, next, 0); };
    if (std::optional<NamedDisease> named = TitleConditionDisease(a, *title, mesh_at)) return named;
  }
  if (std::optional<NamedDisease> named =
          TitleFirst(sentences, [&](const Sentence& s) { return AdjectiveBeforePatients(a, s); }))
    return named;
  if (std::optional<NamedDisease> named =
          TitleFirst(sentences, [&](const Sentence& s) { return PatientsWithHeadedDisease(a, s); }))
    return named;
  if (title)
    return TitleConditionDisease(a, *title, [&](uint32_t next) { return HeadedDiseaseAt(a, *title, next); });
  return std::nullopt;
}

// "patients with HIV-1 infection": a virus's type number after its short
// name ("HIV-1", "HTLV-2") narrows no population; where MeSH spells the
// disease without it ("HIV Infection"), the name drops it, as a registry's
// condition does. Other names are kept as written.
std::string WithoutTypeNumber(const Ontology& o, const std::string& name) {
  static const RE2 kTypeNumber(R"(^([A-Za-z]{2,6})-\d\b)");
  std::string plain = name;
  if (!RE2::Replace(&plain, kTypeNumber, R"(\1)") || !o.mesh_diseases.lexicon().Lookup(plain)) return name;
  return plain;
}

// "Genomic Changes in Childhood Acute Lymphoblastic Leukemia": a disease
// whose vocabulary name opens with an age group's word names the patients'
// age group with it, which the disease's match has consumed.
std::optional<std::string> AgeGroupOpeningDiseaseName(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences) {
  const Ontology& o = a.ontology();
  for (const Sentence* s : sentences)
    for (const Mention& m : s->mentions) {
      if (m.category != Category::kDisease) continue;
      std::optional<ontology::Match> word = o.attributes.lexicon().LongestAt(a.text(), s->tokens, m.first);
      if (word && word->last < m.last && o.attributes.name(word->entry) == "age_group")
        return std::string(o.attributes.first(word->entry, Ontology::kAttributeValue));
    }
  return std::nullopt;
}

// Ages and attributes of the main population, whose curated disease is
// `curated` if any; the setting tags only for a curated disease: they follow
// a cancer's course of treatment, and another disease's "recurrent" or
// "refractory" speaks of its symptoms.
Population DescribePatients(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences,
                            std::optional<uint32_t> curated) {
  Population p;
  if (curated) AddSettings(a, sentences, &p);
  AddAttributes(a, sentences, &p);
  p.ph_status = PhStatusOf(a, sentences, curated, true);
  if (!p.age_group) p.age_group = AgeGroupOpeningDiseaseName(a, sentences);
  AddAge(a, sentences, &p);
  // Eligibility limits say the age group more surely than words elsewhere ("younger patients").
  if (std::optional<std::string> group = a.ontology().AgeGroupOf(p.age.min, p.age.max)) p.age_group = group;
  return p;
}

// The first sentence that says how old the patients are: an age group
// ("children", "older adults") or an age limit.
std::optional<Span> AgeEvidence(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences) {
  const Ontology& o = a.ontology();
  for (const Sentence* s : sentences) {
    bool group = std::any_of(s->mentions.begin(), s->mentions.end(), [&](const Mention& m) {
      return m.category == Category::kAttribute && o.attributes.name(m.entry) == "age_group";
    });
    if (group || StatesAgeLimit(a, *s)) return s->span;
  }
  return std::nullopt;
}

// "healthy subjects aged 18 to 65", "Patients aged 18 years or older treated
// with prochlorperazine for headache, nausea, or vomiting": patients with no
// disease a vocabulary names are still described by their age limits and age
// group, as a population without a disease.
std::vector<Population> PopulationWithoutDisease(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences) {
  Population p = DescribePatients(a, sentences, std::nullopt);
  std::optional<Span> evidence = AgeEvidence(a, sentences);
  if (!evidence || (!p.age_group && !p.age.min && !p.age.max)) return {};
  p.evidence = *evidence;
  return {p};
}

}  // namespace

std::vector<Population> ExtractPopulations(const DocumentAnalysis& a) {
  const std::vector<const Sentence*>& study = a.study_sentences();
  std::optional<uint32_t> disease = ChooseDisease(a, study);
  if (!disease) {
    std::optional<NamedDisease> named = UncuratedDisease(a, study);
    if (!named) return PopulationWithoutDisease(a, study);
    Population p = DescribePatients(a, study, std::nullopt);
    p.disease = WithoutTypeNumber(a.ontology(), named->name);
    p.evidence = named->evidence;
    return {p};
  }
  const Ontology& o = a.ontology();
  Population p = DescribePatients(a, study, disease);
  p.disease = o.diseases.name(*disease);
  for (const Sentence* s : study)
    if (NamesDisease(*s, *disease)) {
      p.evidence = s->span;
      break;
    }
  std::vector<Population> populations = {p};
  std::vector<uint32_t> others = DiseasesListedWith(a, study, *disease);
  for (uint32_t d : DiseasesHeadingOutlineParts(a, study))
    if (d != *disease) AddUnique(&others, d);
  for (uint32_t d : TitleItemsBesideMain(a, study, *disease)) AddUnique(&others, d);
  DropHeadings(o, *disease, &others);
  for (uint32_t other : others) {
    populations.push_back(p);
    populations.back().disease = o.diseases.name(other);
    populations.back().ph_status = PhStatusOf(a, study, other, false);
  }
  return populations;
}

bool IsHeadedDiseaseName(const Ontology& o, std::string_view phrase) {
  return RE2::FullMatch(phrase, o.Regex<HeadedDiseasePattern>()) && !RE2::PartialMatch(phrase, o.Regex<NotDiseaseWordPattern>());
}

}  // namespace trialgraph::ingest
