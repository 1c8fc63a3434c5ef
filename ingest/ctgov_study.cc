#include "ingest/ctgov_study.h"
#include "ingest/extraction.h"
#include "ingest/fact_extractors.h"
#include "ingest/values.h"
#include "ontology/lexicon.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <set>

namespace trialgraph::ingest {

namespace {

using ontology::Ontology;
using ontology::Vocabulary;

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c == ' ' || c == '-') ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Entries of `vocabulary` mentioned in `text`, in order.
std::vector<uint32_t> Entries(const Vocabulary& vocabulary, std::string_view text) {
  std::vector<ontology::Token> tokens = ontology::Tokenize(text);
  std::vector<uint32_t> entries;
  for (const ontology::Match& m : vocabulary.lexicon().FindAll(text, tokens)) entries.push_back(m.entry);
  return entries;
}

std::optional<double> Number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0') return std::nullopt;
  return v;
}

// ---- text

std::string Collapse(std::string_view s) {
  std::string out;
  for (char c : s) {
    bool space = std::isspace(static_cast<unsigned char>(c));
    if (space && (out.empty() || out.back() == ' ')) continue;
    out.push_back(space ? ' ' : c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Splits on blank lines; each paragraph's white space collapsed.
std::vector<std::string> Paragraphs(std::string_view block) {
  std::vector<std::string> out;
  std::string current;
  size_t pos = 0;
  while (pos <= block.size()) {
    size_t nl = block.find('\n', pos);
    if (nl == std::string_view::npos) nl = block.size();
    std::string line = Collapse(block.substr(pos, nl - pos));
    pos = nl + 1;
    if (line.empty()) {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current += current.empty() ? line : " " + line;
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

Span Append(SourceDocument* doc, const std::string& paragraph) {
  if (!doc->text.empty()) doc->text += "\n\n";
  uint32_t start = static_cast<uint32_t>(doc->text.size());
  doc->text += paragraph;
  return {start, static_cast<uint32_t>(doc->text.size())};
}

void BuildText(const StudyRecord& s, SourceDocument* doc) {
  std::string title = Collapse(s.brief_title.empty() ? s.official_title : s.brief_title);
  if (!title.empty()) {
    doc->title = title;
    doc->title_span = Append(doc, title);
  }
  if (!s.brief_title.empty() && !s.official_title.empty()) doc->body.push_back(Append(doc, Collapse(s.official_title)));
  for (const std::string* block : {&s.brief_summary, &s.detailed_description})
    for (const std::string& p : Paragraphs(*block)) doc->body.push_back(Append(doc, p));
}

// ---- trial-level facts

// "PHASE2" -> "2", "Phase 1/Phase 2" -> "1/2", ["PHASE1","PHASE2"] -> "1/2".
std::optional<std::string> Phase(const std::vector<std::string>& phases) {
  std::set<char> digits;
  for (const std::string& p : phases)
    for (char c : p)
      if (c >= '1' && c <= '4') digits.insert(c);
  std::string phase;
  for (char d : digits) phase += phase.empty() ? std::string(1, d) : std::string("/") + d;
  static const std::set<std::string> kValid = {"1", "1/2", "2", "2/3", "3", "4"};
  if (!kValid.count(phase)) return std::nullopt;
  return phase;
}

// The design the record's fields state; the prose (its titles among it) adds the rest (Extractor's Complete).
std::vector<std::string> Design(const StudyRecord& s) {
  std::vector<std::string> design;
  std::string allocation = Upper(s.allocation), model = Upper(s.intervention_model), masking = Upper(s.masking);
  if (allocation.find("NON") != std::string::npos) design.push_back("nonrandomized");
  else if (allocation.find("RANDOM") != std::string::npos) design.push_back("randomized");
  if (model.starts_with("SINGLE_GROUP")) design.push_back("single-arm");
  if (model.starts_with("CROSSOVER")) design.push_back("crossover");
  if (masking.starts_with("NONE") || masking.find("OPEN_LABEL") != std::string::npos) design.push_back("open-label");
  else if (masking.starts_with("SINGLE")) design.push_back("single-blind");
  else if (masking.starts_with("DOUBLE") || masking.starts_with("TRIPLE") || masking.starts_with("QUADRUPLE"))
    design.push_back("double-blind");
  if (Upper(s.study_type).starts_with("OBSERVATIONAL")) design.push_back("observational");
  return design;
}

std::vector<std::string> RegistryIds(const StudyRecord& s) {
  static const RE2 kEudract(R"(\b(\d{4}-\d{6}-\d{2})\b)");
  std::vector<std::string> ids;
  if (!s.nct_id.empty()) ids.push_back(s.nct_id);
  for (const std::string& alias : s.nct_aliases) AddUnique(&ids, alias);
  std::string eudract;
  for (const std::string& id : s.secondary_ids)
    if (RE2::PartialMatch(id, kEudract, &eudract)) AddUnique(&ids, eudract);
  return ids;
}

// ---- population

// "18 Years" -> 18, "6 Months" -> 0.5; nullopt for "N/A" or empty.
std::optional<double> AgeYears(const std::string& age) {
  static const RE2 kAge(R"((?i)^\s*(\d+(?:\.\d+)?)\s*(year|month|week|day))");
  std::string number, unit;
  if (!RE2::PartialMatch(age, kAge, &number, &unit)) return std::nullopt;
  double value = std::strtod(number.c_str(), nullptr);
  std::string u = Lower(unit);
  if (u == "month") return value / 12;
  if (u == "week") return value / 52;
  if (u == "day") return value / 365;
  return value;
}

// The most specific disease named in a text.
std::optional<uint32_t> MostSpecificDisease(const std::string& text, const Ontology& o) {
  std::optional<uint32_t> best;
  for (uint32_t entry : Entries(o.diseases, text))
    if (!best || o.DiseaseDepth(entry) > o.DiseaseDepth(*best)) best = entry;
  return best;
}

// A condition as a reader writes it: brackets dropped, a heading inverted
// after one qualifier word read in order ("Heart Failure, Congestive"; not
// the list "Macular Degeneration, Choroidal Neovascularization"), lower case
// but for words in capitals ("HIV Infection" -> "HIV infection").
std::string PlainName(std::string_view condition) {
  static const RE2 kBracket(R"(\s*\([^()]*\))");
  static const RE2 kInverted(R"(^([^,]+),\s*([^\s,]+)$)");
  std::string name(condition), head, qualifier;
  RE2::GlobalReplace(&name, kBracket, "");
  name = Collapse(name);
  if (RE2::FullMatch(name, kInverted, &head, &qualifier)) name = qualifier + " " + head;
  return ontology::LowerCaseName(name);
}

// "Knee Arthropathy" filed by the registry under "Joint Diseases": a
// record's only condition, where the registry's MeSH index files it under a
// disease descriptor, is a disease of the patients however it is spelt;
// not where the study takes healthy volunteers (a vaccine study is filed
// under the disease it prevents).
bool RegistryFilesAsDisease(const StudyRecord& s, const Ontology& o) {
  if (s.conditions.size() != 1 || s.accepts_healthy_volunteers) return false;
  return std::any_of(s.condition_mesh_terms.begin(), s.condition_mesh_terms.end(), [&](const std::string& term) {
    return !Entries(o.mesh_diseases, term).empty() || !Entries(o.diseases, term).empty();
  });
}

// Conditions that name a disease MeSH knows but diseases.tsv does not
// curate ("Candidiasis", "HIV Infection"; not "Physical Activity"), that a
// disease word ends where MeSH spells it otherwise ("End Stage Renal
// Disease", "Gall Stone Disease"), or that the registry files as a disease,
// each by its plain name.
std::vector<std::string> UncuratedDiseases(const StudyRecord& s, const Ontology& o) {
  std::vector<std::string> diseases;
  const bool filed_as_disease = RegistryFilesAsDisease(s, o);
  for (const std::string& condition : s.conditions) {
    std::string name = PlainName(condition);
    if (!Entries(o.mesh_diseases, condition).empty() || IsHeadedDiseaseName(o, name) || filed_as_disease)
      AddUnique(&diseases, name);
  }
  return diseases;
}

// One disease per condition the record lists (a study may enrol several),
// narrowed to a kind of it the titles name (condition "Lung Cancer", title
// "... Non-Small Cell Lung Cancer"); else the one its titles name.
std::vector<std::string> Diseases(const StudyRecord& s, const Ontology& o) {
  std::optional<uint32_t> in_titles = MostSpecificDisease(s.brief_title + " " + s.official_title, o);
  std::vector<std::string> diseases;
  for (const std::string& condition : s.conditions)
    if (std::optional<uint32_t> d = MostSpecificDisease(condition, o)) {
      if (in_titles && *in_titles != *d && o.DiseaseIsA(*in_titles, *d)) d = in_titles;
      AddUnique(&diseases, o.diseases.name(*d));
    }
  if (diseases.empty() && in_titles) diseases.push_back(o.diseases.name(*in_titles));
  return diseases;
}

std::string InclusionCriteria(const std::string& eligibility) {
  size_t exclusion = Lower(eligibility).find("exclusion criteria");
  return eligibility.substr(0, exclusion);
}

// "recurrence or progression after platinum-based first-line chemotherapy":
// a setting after a cue of earlier therapy in its clause (cues.tsv prior) is
// that therapy's, not the population's.
bool AfterPriorTherapy(const Ontology& o, std::string_view text, const std::vector<ontology::Token>& tokens,
                       const std::vector<ontology::Match>& cues, const ontology::Match& setting) {
  constexpr uint32_t kClauseReach = 10;  // tokens
  return std::any_of(cues.begin(), cues.end(), [&](const ontology::Match& cue) {
    if (o.cues.name(cue.entry) != "prior" || cue.last > setting.first || setting.first - cue.last > kClauseReach) return false;
    uint32_t from = tokens[cue.last - 1].end, to = tokens[setting.first].start;
    return text.substr(from, to - from).find_first_of(",;:") == std::string_view::npos;
  });
}

void AddAttributesAndSettings(const std::string& text, const Ontology& o, Population* p) {
  for (uint32_t entry : Entries(o.attributes, text))
    if (o.attributes.name(entry) == "ph_status" && !p->ph_status)
      p->ph_status = std::string(o.attributes.first(entry, Ontology::kAttributeValue));
  std::vector<ontology::Token> tokens = ontology::Tokenize(text);
  std::vector<ontology::Match> cues = o.cues.lexicon().FindAll(text, tokens);
  for (const ontology::Match& m : o.settings.lexicon().FindAll(text, tokens))
    if (!AfterPriorTherapy(o, text, tokens, cues, m)) AddUnique(&p->settings, o.settings.name(m.entry));
}


// The enrolled population of each disease; eligibility is shared.
std::vector<Population> StudyPopulations(const StudyRecord& s, const Ontology& o, const SourceDocument& doc) {
  Population shared;
  std::vector<std::string> texts = s.conditions;
  texts.insert(texts.end(), {s.brief_title, s.official_title, InclusionCriteria(s.eligibility)});
  for (const std::string& text : texts) AddAttributesAndSettings(text, o, &shared);
  shared.age.min = AgeYears(s.minimum_age);
  shared.age.max = AgeYears(s.maximum_age);
  shared.age_group = o.AgeGroupOf(shared.age.min, shared.age.max);
  if (doc.title_span) shared.evidence = *doc.title_span;
  std::vector<std::string> diseases = Diseases(s, o);
  if (diseases.empty()) {
    diseases = UncuratedDiseases(s, o);
    // The setting tags follow a cancer's course of treatment; another disease's criteria ("diarrhea ...
    // refractory to standard management", "recurrent brief depression") speak of symptoms.
    shared.settings.clear();
  }
  // Healthy volunteers ("HIV-negative", condition "HIV") have no disease, but the limits still describe them.
  if (diseases.empty() && (shared.age.min || shared.age.max)) return {shared};
  std::vector<Population> populations;
  for (const std::string& disease : diseases) {
    populations.push_back(shared);
    populations.back().disease = disease;
  }
  return populations;
}

// ---- arms

bool SameLabel(std::string_view a, std::string_view b) { return Lower(Collapse(a)) == Lower(Collapse(b)); }

// True when `short_form` ("CZP") is the initials of `words` ("certolizumab pegol"), Schwartz-Hearst style: its first
// letter opens the first word and the others follow in order.
bool Abbreviates(std::string_view short_form, std::string_view words) {
  if (short_form.empty() || words.empty() || std::tolower(static_cast<unsigned char>(short_form[0])) != words[0])
    return false;
  size_t at = 1;
  for (char c : short_form.substr(1)) {
    at = words.find(static_cast<char>(std::tolower(static_cast<unsigned char>(c))), at);
    if (at == std::string_view::npos) return false;
    ++at;
  }
  return true;
}

// "CZP 200 mg Q2W" of the arm "Certolizumab Pegol 200 mg Q2W": a result group
// titled with a capitals short form of the arm label's first words, then the
// rest of the label word for word.
bool AbbreviatesLabel(const std::string& group, const std::string& label) {
  static const RE2 kShortFormFirst(R"(([A-Z][A-Z0-9]{1,5})\s+(.+))");
  std::string short_form, rest;
  if (!RE2::FullMatch(Collapse(group), kShortFormFirst, &short_form, &rest)) return false;
  std::string lower_label = Lower(Collapse(label)), lower_rest = Lower(rest);
  if (!lower_label.ends_with(" " + lower_rest)) return false;
  return Abbreviates(short_form, lower_label.substr(0, lower_label.size() - lower_rest.size() - 1));
}

// `s` without its bracketed parts, spaces collapsed: "SPIO 2 Hours" of
// "SPIO(Stabilizing Pressure Input Orthosis) 2 Hours".
std::string WithoutBrackets(std::string_view s) {
  static const RE2 kBracket(R"(\s*\([^()]*\)\s*)");
  std::string out(s);
  RE2::GlobalReplace(&out, kBracket, " ");
  return Collapse(out);
}

// "Arm A (Dasatinib + Chemo)" of the arm "Dasatinib + Chemo", "SPIO(Stabilizing
// Pressure Input Orthosis) 2 Hours" of "SPIO 2 hours": a group title that
// expands its arm's label, or the label's short form, in a bracket.
bool ExpandsLabel(const std::string& group, const std::string& label) {
  static const RE2 kBracketed(R"(\(([^()]+)\))");
  if (label.empty()) return false;
  if (SameLabel(WithoutBrackets(group), WithoutBrackets(label))) return true;
  re2::StringPiece input(group), inside;
  while (RE2::FindAndConsume(&input, kBracketed, &inside))
    if (SameLabel(std::string_view(inside.data(), inside.size()), label)) return true;
  return false;
}

// The arm a result group belongs to: same title, title = label + " (n=…)", a
// title expanding the label in a bracket, the sole arm where `sole_arm_takes_all`
// (a record of one arm reports every group of it), or the label with its first
// words abbreviated (the only such arm).
std::optional<int> ArmOf(const std::vector<Arm>& arms, const std::string& group, bool sole_arm_takes_all = true) {
  for (size_t i = 0; i < arms.size(); ++i)
    if (SameLabel(arms[i].label, group)) return static_cast<int>(i);
  std::string g = Lower(group);
  for (size_t i = 0; i < arms.size(); ++i)
    if (!arms[i].label.empty() && g.starts_with(Lower(arms[i].label))) return static_cast<int>(i);
  for (size_t i = 0; i < arms.size(); ++i)
    if (ExpandsLabel(group, arms[i].label)) return static_cast<int>(i);
  if (arms.size() == 1 && sole_arm_takes_all) return 0;
  std::optional<int> abbreviated;
  for (size_t i = 0; i < arms.size(); ++i)
    if (AbbreviatesLabel(group, arms[i].label)) {
      if (abbreviated) return std::nullopt;
      abbreviated = static_cast<int>(i);
    }
  return abbreviated;
}

// Drugs `text` names, leaving out a drug's name right before a target noun, as in
// prose (Ontology::TargetNounAt): "MET Tyrosine Kinase Inhibitor" names no tyrosine.
std::vector<uint32_t> DrugEntries(const Ontology& o, std::string_view text) {
  std::vector<ontology::Token> tokens = ontology::Tokenize(text);
  std::vector<ontology::Match> cues = o.cues.lexicon().FindAll(text, tokens);
  std::vector<uint32_t> entries;
  for (const ontology::Match& m : o.drugs.lexicon().FindAll(text, tokens))
    if (!o.TargetNounAt(m.last, cues)) entries.push_back(m.entry);
  return entries;
}

// "DS-1205c", "AZD4547": an intervention named by nothing but a product
// code, lower case.
std::optional<std::string> ProductCode(std::string_view name) {
  static const RE2 kCode(R"(\s*([A-Za-z]{2,6}-?\d{3,7}[A-Za-z]?)\s*)");
  std::string code;
  if (!RE2::FullMatch(name, kCode, &code)) return std::nullopt;
  return Lower(code);
}

// "Dihydroartemisinin-piperaquine (DHAP)": the name defines a short form the
// regimen vocabulary knows as the drugs written before its bracket, none of
// which is a component of the catalogue's regimen, so the short form is not
// that regimen ("rituximab plus CHOP (R-CHOP)" is).
bool RedefinesRegimen(const std::string& name, uint32_t regimen, const Ontology& o) {
  static const RE2 kDefinition(R"(([^()]{3,80}?)\s*\(\s*([A-Za-z0-9-]{2,10})\s*\))");
  const std::vector<std::string>& components = o.regimens.list(regimen, Ontology::kRegimenComponents);
  re2::StringPiece input(name);
  std::string long_form, short_form;
  while (RE2::FindAndConsume(&input, kDefinition, &long_form, &short_form)) {
    if (o.regimens.lexicon().Lookup(short_form) != regimen) continue;
    std::vector<uint32_t> drugs = DrugEntries(o, long_form);
    bool names_other_drugs = !drugs.empty() && std::none_of(drugs.begin(), drugs.end(), [&](uint32_t d) {
      return std::find(components.begin(), components.end(), o.drugs.name(d)) != components.end();
    });
    if (names_other_drugs) return true;
  }
  return false;
}

// Drug INNs (named regimens expanded) that `name` spells; sets *regimen to a named regimen.
void AddDrugs(const std::string& name, const Ontology& o, Regimen* regimen) {
  for (uint32_t entry : Entries(o.regimens, name)) {
    if (RedefinesRegimen(name, entry, o)) continue;
    if (!regimen->name) regimen->name = o.regimens.name(entry);
    for (const std::string& drug : o.regimens.list(entry, Ontology::kRegimenComponents)) AddUnique(&regimen->drugs, drug);
  }
  for (uint32_t entry : DrugEntries(o, name)) AddUnique(&regimen->drugs, o.drugs.name(entry));
}

// "Matching placebo enalapril", "Placebo to match LCZ696": a name opening with a placebo (cues.tsv inert) and
// naming more after it, at most a word (rule_words.tsv dummy_of) between.
std::string DummyNamePattern(const Ontology& o) {
  return R"((?i)^\s*)" + o.CueSpellings("inert") + R"(\s+(?:)" + o.RuleWords("dummy_of") + R"(\s+)?\S)";
}

// "+", "&", "and": a name that joins two parts (cues.tsv conjunction).
std::string JoinedNamePattern(const Ontology& o) { return R"((?i)[+&]|\b)" + o.CueSpellings("conjunction") + R"(\b)"; }

// An intervention named as the dummy of a drug in a double-dummy design
// ("Matching placebo enalapril") gives the patients no drug; "Placebo +
// docetaxel" gives docetaxel.
bool NamesDummy(const std::string& name, const Ontology& o) {
  return RE2::PartialMatch(name, o.Regex<DummyNamePattern>()) && !RE2::PartialMatch(name, o.Regex<JoinedNamePattern>());
}

// The drugs an intervention's names spell (named regimens expanded). An
// intervention named by a product code ("DS-1205c", "AZD4547"), or with one
// among its other names, none of whose names the vocabulary knows is a
// compound of early trials: a drug under its code ("REGN668", another name of
// dupilumab, is dupilumab).
Regimen InterventionRegimen(const InterventionRecord& i, const Ontology& o) {
  Regimen known;
  if (NamesDummy(i.name, o)) return known;
  AddDrugs(i.name, o, &known);
  for (const std::string& other : i.other_names) AddDrugs(other, o, &known);
  if (!known.drugs.empty()) return known;
  // "FGFR Inhibitor AZD4547" with the other name "AZD4547": the code may be one of its other names.
  std::optional<std::string> code = ProductCode(i.name);
  for (auto other = i.other_names.begin(); !code && other != i.other_names.end(); ++other) code = ProductCode(*other);
  if (code) known.drugs.push_back(*code);
  return known;
}

// "TMC114" in a record filed under the MeSH intervention "Darunavir": an
// intervention named by a product code the vocabulary does not know is the
// one drug the record's intervention MeSH terms name that no other
// intervention gives, where there is exactly one such drug and one such code.
void ResolveProductCodes(const StudyRecord& s, const Ontology& o, std::vector<Regimen>* given) {
  std::vector<size_t> coded;
  std::set<std::string> named;
  for (size_t i = 0; i < given->size(); ++i) {
    std::optional<std::string> code = ProductCode(s.interventions[i].name);
    if (code && (*given)[i].drugs == std::vector<std::string>{*code})
      coded.push_back(i);
    else
      named.insert((*given)[i].drugs.begin(), (*given)[i].drugs.end());
  }
  std::set<std::string> filed;
  for (const std::string& term : s.intervention_mesh_terms)
    for (uint32_t entry : DrugEntries(o, term))
      if (!named.count(o.drugs.name(entry))) filed.insert(o.drugs.name(entry));
  std::set<std::string> codes;
  for (size_t i : coded) codes.insert((*given)[i].drugs[0]);
  if (codes.size() != 1 || filed.size() != 1) return;
  for (size_t i : coded) (*given)[i].drugs = {*filed.begin()};
}

// Adds the drugs (and the first regimen name) of `from` to `to`.
void AddRegimen(const Regimen& from, Regimen* to) {
  if (!to->name) to->name = from.name;
  for (const std::string& drug : from.drugs) AddUnique(&to->drugs, drug);
}

// A word saying an arm's people do not take what follows (rule_words.tsv denied_use).
std::string DeniedUsePattern(const Ontology& o) { return R"((?i)\b(?:)" + o.RuleWords("denied_use") + R"()\b)"; }

// "Never User of Pioglitazone", "Non-users of statins": the drugs an arm's
// label names after a denial of use are no drugs of the arm, whatever it
// lists (a record may give the intervention to both cohorts it compares).
void DropDeniedDrugs(const std::string& label, const Ontology& o, Regimen* regimen) {
  re2::StringPiece rest(label);
  if (!RE2::FindAndConsume(&rest, o.Regex<DeniedUsePattern>())) return;
  Regimen denied;
  AddDrugs(std::string(rest.data(), rest.size()), o, &denied);
  std::erase_if(regimen->drugs, [&](const std::string& d) {
    return std::find(denied.drugs.begin(), denied.drugs.end(), d) != denied.drugs.end();
  });
  if (regimen->drugs.empty()) regimen->name.reset();
}

bool GivenToArm(const InterventionRecord& i, const ArmRecord& arm) {
  return std::any_of(i.arm_labels.begin(), i.arm_labels.end(),
                     [&](const std::string& l) { return SameLabel(l, arm.label); });
}

// The one arm that gives exactly the drugs a group's title names: results
// groups are often titled by drug ("Lenalidomide", "Placebo") where arms
// are not ("Arm #1 - Lenalidomide plus placebo").
std::optional<int> ArmGivingDrugsOf(const std::vector<Arm>& arms, const std::string& group, const Ontology& o) {
  Regimen named;
  AddDrugs(group, o, &named);
  std::sort(named.drugs.begin(), named.drugs.end());
  std::optional<int> found;
  for (size_t i = 0; i < arms.size(); ++i) {
    std::vector<std::string> drugs = arms[i].regimen.drugs;
    std::sort(drugs.begin(), drugs.end());
    if (drugs != named.drugs) continue;
    if (found) return std::nullopt;  // two arms give these drugs
    found = static_cast<int>(i);
  }
  return found;
}

std::vector<Arm> Arms(const StudyRecord& s, const Ontology& o, Span evidence) {
  std::vector<Regimen> given;  // each intervention's drugs, matched once
  for (const InterventionRecord& i : s.interventions) given.push_back(InterventionRegimen(i, o));
  ResolveProductCodes(s, o, &given);
  std::vector<Arm> arms;
  for (const ArmRecord& record : s.arms) {
    Arm arm;
    arm.label = Collapse(record.label);
    arm.evidence = evidence;
    for (const std::string& name : record.intervention_names)
      if (!NamesDummy(name, o)) AddDrugs(name, o, &arm.regimen);
    bool lists_any = !record.intervention_names.empty();
    for (size_t i = 0; i < s.interventions.size(); ++i)
      if (GivenToArm(s.interventions[i], record)) {
        AddRegimen(given[i], &arm.regimen);
        lists_any = true;
      }
    if (!lists_any) AddDrugs(record.label, o, &arm.regimen);  // an arm listing nothing is named by its treatment
    DropDeniedDrugs(arm.label, o, &arm.regimen);
    arms.push_back(std::move(arm));
  }
  // A record without arm groups (expanded access) gives all its interventions to one arm.
  if (s.arms.empty() && !s.interventions.empty()) {
    Arm arm;
    arm.label = Collapse(s.interventions.front().name);
    arm.evidence = evidence;
    for (const Regimen& regimen : given) AddRegimen(regimen, &arm.regimen);
    if (!arm.regimen.drugs.empty()) arms.push_back(std::move(arm));
  }
  // "Overall" against flow groups "Subjects With IPG", "Subjects With CRT-D", or one drug's dose cohorts: where
  // one arm has several groups, only a group titled as the arm gives it its size.
  bool one_arm_of_groups = arms.size() == 1 && s.group_counts.size() > 1;
  for (const auto& [group, n] : s.group_counts) {
    std::optional<int> i = ArmOf(arms, group, !one_arm_of_groups);
    if (!i && !one_arm_of_groups) i = ArmGivingDrugsOf(arms, group, o);
    if (i && !arms[*i].n) arms[*i].n = n;
  }
  return arms;
}

// ---- results

std::optional<std::string> Unit(const std::string& unit) {
  std::string u = Lower(unit);
  if (u.find("percent") != std::string::npos || u.find('%') != std::string::npos) return "%";
  for (const char* kind : {"months", "days", "years"})
    if (u.find(std::string(kind).substr(0, std::string(kind).size() - 1)) != std::string::npos) return kind;
  return std::nullopt;
}

std::string Statistic(const OutcomeRecord& m, const std::optional<std::string>& unit) {
  std::string param = Upper(m.param);
  if (param.find("MEDIAN") != std::string::npos) return "median";
  if (param.find("MEAN") != std::string::npos) return "mean";
  if (!unit && Lower(m.unit).find("participant") != std::string::npos) return "count";
  return "rate";
}

//! A short registry text (a measure's title, a category) tokenised once, with its cues, for the rules that read it.
struct ScannedText {
  ScannedText(std::string_view text, const Ontology& o)
      : text(text), tokens(ontology::Tokenize(text)), cues(o.cues.lexicon().FindAll(text, tokens)) {}
  std::string_view text;                 //!< the record's own string, which must outlive this
  std::vector<ontology::Token> tokens;   //!< the tokens of `text`
  std::vector<ontology::Match> cues;     //!< the cues (cues.tsv) among `tokens`
};

// Endpoint phrases of a text, except those after "after"/"following" that
// date the measure ("100-day mortality after allogeneic transplant"); with
// `defined_only`, only phrases the text defines ("Complete MRD response is
// defined as ...").
std::vector<uint32_t> KindsIn(const ScannedText& t, const Ontology& o, bool defined_only) {
  static const RE2 kDefined(R"((?i)^\s*(?:is|was|are|were)?\s*defined\b)");
  std::vector<uint32_t> kinds;
  for (const ontology::Match& m : o.endpoints.lexicon().FindAll(t.text, t.tokens)) {
    // "prior CR" is dated, "No response" and "Not in complete remission" denied: neither is the measure's kind.
    bool dated = std::any_of(t.cues.begin(), t.cues.end(), [&](const ontology::Match& c) {
      const std::string& role = o.cues.name(c.entry);
      return (role == "prior" && c.last == m.first) || (role == "negation" && c.last <= m.first);
    });
    bool defined = RE2::PartialMatch(t.text.substr(t.tokens[m.last - 1].end), kDefined);
    if (!dated && (defined || !defined_only)) kinds.push_back(m.entry);
  }
  return kinds;
}

// The kind the description defines the measure as, else the one the title names.
std::optional<uint32_t> OutcomeKind(const OutcomeRecord& m, const Ontology& o) {
  std::vector<uint32_t> title = KindsIn(ScannedText(m.title, o), o, false);
  if (title.empty()) return std::nullopt;
  std::vector<uint32_t> defined = KindsIn(ScannedText(m.description, o), o, true);
  return defined.empty() ? title.front() : defined.front();
}

// The timepoint: a time frame that is only a duration ("18 months"), else one the title writes ("Percentage of
// Patients Who Survive at Least 12 Months", "1-Year Overall Survival").
std::optional<std::string> Timepoint(const OutcomeRecord& m, const Ontology& o) {
  static const RE2 kDuration(R"((?i)^\s*(\d+)\s*(day|week|month|year)s?\s*$)");
  std::string n, unit;
  if (RE2::FullMatch(m.time_frame, kDuration, &n, &unit)) return n + " " + Lower(unit) + (n == "1" ? "" : "s");
  SentenceValues title = ScanValues(m.title, Span{0, static_cast<uint32_t>(m.title.size())}, o);
  for (const ingest::Timepoint& t : title.timepoints)
    if (!t.follow_up) return t.text;
  return std::nullopt;
}

// True when `t` holds a negation ("No response", "Not in remission"): a
// category of those who did not reach the measure's kind.
bool Denies(const ScannedText& t, const Ontology& o) {
  return std::any_of(t.cues.begin(), t.cues.end(),
                     [&](const ontology::Match& c) { return o.cues.name(c.entry) == "negation"; });
}

// The kind a value measures: the one its category names ("Tumor Progression" split into "Complete response (CR)",
// "Partial response (PR)", "Stable disease (SD)"), else the measure's, for its first category only (the others
// are other things counted: "Stable disease").
std::optional<uint32_t> KindOfValue(const GroupValue& v, std::optional<uint32_t> measure_kind, const Ontology& o) {
  ScannedText category(v.category, o);
  std::vector<uint32_t> named = KindsIn(category, o, false);
  if (!named.empty()) return named.front();
  return v.category_index == 0 && !Denies(category, o) ? measure_kind : std::nullopt;
}

void AddOutcome(const OutcomeRecord& m, const Ontology& o, const std::vector<Arm>& arms, Span evidence,
                std::vector<Endpoint>* endpoints) {
  std::optional<uint32_t> measure_kind = OutcomeKind(m, o);
  std::optional<std::string> unit = Unit(m.unit);
  const std::optional<std::string> timepoint = Timepoint(m, o);  // the measure's, for every group
  for (const GroupValue& v : m.values) {
    std::optional<double> value = Number(v.value);
    std::optional<uint32_t> kind = KindOfValue(v, measure_kind, o);
    if (!value || !kind) continue;
    Endpoint e;
    e.kind = o.endpoints.name(*kind);
    e.value = *value;
    e.unit = unit;
    e.timepoint = timepoint;
    if (unit == "%") e.of = v.analyzed;  // a percentage of the participants analyzed
    e.statistic = Statistic(m, unit);
    if (e.statistic == "count" && *value == std::floor(*value)) {  // "3 participants" of those analyzed
      e.count = static_cast<int>(*value);
      e.of = v.analyzed;
    }
    e.arm = ArmOf(arms, v.group);
    e.primary = Upper(m.type).starts_with("PRIMARY");
    std::optional<double> lower = Number(v.lower), upper = Number(v.upper);
    if (lower && upper) e.ci = std::make_pair(*lower, *upper);
    e.evidence = evidence;
    endpoints->push_back(std::move(e));
  }
}

// The grade an event record states: as the last part of its term ("hyponatremia, grade 4"; not "Infection with
// grade 3 or 4 neutropenia", the grade of another event) or in its note ("grade 3").
std::optional<std::string> RecordedGrade(const EventRecord& record) {
  size_t comma = record.term.rfind(',');
  std::string_view last = comma == std::string::npos ? std::string_view() : std::string_view(record.term).substr(comma + 1);
  if (std::optional<std::string> grade = LastGrade(last)) return grade;
  return LastGrade(record.description);
}

// Every event of the record's tables, by its curated name (adverse_events.tsv)
// or else its own ("Gingivitis" -> "gingivitis"): the table says it is an
// adverse event. An arm where nobody had it reports no event.
std::vector<AdverseEvent> AdverseEvents(const StudyRecord& s, const Ontology& o, const std::vector<Arm>& arms,
                                        Span evidence) {
  std::vector<AdverseEvent> events;
  for (const EventRecord& record : s.events) {
    std::vector<uint32_t> entries = Entries(o.adverse_events, record.term);
    std::string name = entries.empty() ? PlainName(record.term) : std::string(o.adverse_events.name(entries.front()));
    if (name.empty()) continue;
    for (const auto& [group, affected] : record.affected) {
      if (affected == 0) continue;
      AdverseEvent ae;
      ae.name = name;
      ae.grade = RecordedGrade(record);
      ae.value = affected;
      ae.unit = "patients";
      ae.arm = ArmOf(arms, group);
      ae.evidence = evidence;
      bool duplicate = std::any_of(events.begin(), events.end(), [&](const AdverseEvent& x) {
        return x.name == ae.name && x.arm == ae.arm && x.value == ae.value;
      });
      if (!duplicate) events.push_back(std::move(ae));
    }
  }
  return events;
}

// "RTOG L-0117", "ACTG A5274": an id written as a group's acronym, a space and its letter-led protocol number; "COG-AALL0232",
// "CCG-1991", "UKALL 2003": a cooperative group's acronym (rule_words.tsv group_acronym) and its protocol's code. Sponsor,
// grant and registry codes ("CA209-017", "U10CA180820", "NCI-2015-00054") are neither.
std::string GroupProtocolPattern(const Ontology& o) {
  return "^(?:" + o.RuleWords("group_acronym") + R"()[- ][A-Z]{0,5}-?\d[\dA-Z]{2,5}$|^[A-Z]{3,6} [A-Z]-?\d{3,5}$)";
}

// "the EAY131 study" (in its eligibility criteria, say): a record's own id with letters that it writes as a study's
// (rule_words.tsv study_noun) names its trial.
bool WrittenAsStudy(const StudyRecord& s, const std::string& id, const Ontology& o) {
  static const RE2 kLetter(R"([A-Za-z])");
  if (!RE2::PartialMatch(id, kLetter)) return false;
  RE2 as_study(R"((?:^|[^\w-]))" + RE2::QuoteMeta(id) + R"(\s+(?i:)" + o.RuleWords("study_noun") + R"()\b)");
  for (const std::string* text : {&s.brief_title, &s.official_title, &s.brief_summary, &s.detailed_description, &s.eligibility})
    if (RE2::PartialMatch(*text, as_study)) return true;
  return false;
}

// The record's ids that name its trial: group protocol codes, and ids it writes as a study's.
std::vector<std::string> GroupProtocolNumbers(const StudyRecord& s, const Ontology& o) {
  std::vector<std::string> names;
  std::vector<std::string> ids = s.secondary_ids;
  ids.insert(ids.begin(), s.org_study_id);
  for (const std::string& id : ids)
    if (!id.empty() && (RE2::FullMatch(id, o.Regex<GroupProtocolPattern>()) || WrittenAsStudy(s, id, o))) AddUnique(&names, id);
  return names;
}

// "CheckMate331" in the acronym field, "(CheckMate 331: CHECKpoint Pathway ...)" in the official title: the acronym as
// the title spells it, with its spaces and hyphens, as the trial is cited.
std::string TitleSpelling(const std::string& acronym, const std::string& title) {
  std::string pattern;
  for (size_t i = 0; i < acronym.size(); ++i) {
    if (i > 0 && std::isalnum(static_cast<unsigned char>(acronym[i - 1])) && std::isalnum(static_cast<unsigned char>(acronym[i])))
      pattern += "[ -]?";
    pattern += RE2::QuoteMeta(acronym.substr(i, 1));
  }
  std::string spelled;
  if (RE2::PartialMatch(title, RE2(R"((?:^|\W)()" + pattern + R"()(?:\W|$))"), &spelled)) return spelled;
  return acronym;
}

Trial StudyTrial(const StudyRecord& s, const Ontology& o, const SourceDocument& doc) {
  Span evidence = doc.title_span.value_or(Span{});
  Trial t;
  t.registry_ids = RegistryIds(s);
  if (!s.acronym.empty()) t.names.push_back(TitleSpelling(Collapse(s.acronym), Collapse(s.official_title)));
  for (const std::string& number : GroupProtocolNumbers(s, o)) AddUnique(&t.names, number);
  t.phase = Phase(s.phases);
  t.design = Design(s);
  t.enrolled = s.enrollment;
  t.populations = StudyPopulations(s, o, doc);
  t.arms = Arms(s, o, evidence);
  for (const OutcomeRecord& m : s.outcomes) AddOutcome(m, o, t.arms, evidence, &t.endpoints);
  t.adverse_events = AdverseEvents(s, o, t.arms, evidence);
  t.evidence = evidence;
  return t;
}

}  // namespace

SourceDocument BuildStudyDocument(const std::string& source, const std::string& format, const StudyRecord& study,
                                  const Ontology& ontology) {
  SourceDocument doc;
  doc.source = source;
  doc.format = format;
  BuildText(study, &doc);
  if (!study.nct_id.empty()) doc.ids.nct.push_back(study.nct_id);
  for (const std::string& alias : study.nct_aliases) AddUnique(&doc.ids.nct, alias);
  doc.stated_trials.push_back(StudyTrial(study, ontology, doc));
  return doc;
}

}  // namespace trialgraph::ingest
