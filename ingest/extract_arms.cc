// Arms and regimens: what the patients of this trial received.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "ingest/fact_extractors.h"
#include "ingest/extraction.h"
#include "ingest/numbers.h"
#include "ingest/values.h"

namespace trialgraph::ingest {

namespace {

// One named part of a regimen: a drug, or a named regimen with its drugs.
struct Component {
  std::string display;
  std::vector<std::string> drugs;
  std::vector<std::string> modifiers;
};

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::optional<Component> ComponentOf(const DocumentAnalysis& a, const Mention& m) {
  if (m.category == Category::kDrug) {
    const std::string& inn = a.ontology().drugs.name(m.entry);
    return Component{inn, {inn}, {}};
  }
  if (m.category == Category::kRegimen) {
    RegimenDefinition r = a.Regimen(m.entry);
    return Component{r.name, r.drugs, r.modifiers};
  }
  return std::nullopt;
}

// Drugs the patients do not receive ("allergic to E. coli asparaginase",
// "instead of imatinib", "unlike cyclosporine"), substances measured rather
// than given ("plasma aldosterone", "tobramycin concentrations"), and a
// protocol backbone named as the model of the schedule ("according to the
// PETHEMA ALL trial", "based on the backbone of GMALL"): the document lists
// what is actually given.
// The words that may join a placebo to the drug it imitates (rule_words.tsv dummy_of), alone between them.
std::string DummyOfPattern(const ontology::Ontology& o) { return R"((?i)^\s*(?:)" + o.RuleWords("dummy_of") + R"(\s+)?$)"; }

// "matching placebo enalapril", "matching placebo to certolizumab",
// "enalapril placebo": the dummy of a drug in a double-dummy design, which the
// patients do not receive.
bool ImitatedByPlacebo(const DocumentAnalysis& a, const Sentence& s, const Mention& m) {
  if (a.CueFollows(s, m, "inert")) return true;
  return std::any_of(s.cues.begin(), s.cues.end(), [&](const Mention& cue) {
    return cue.end <= m.start && a.CueRole(cue) == "inert" &&
           RE2::FullMatch(a.text().substr(cue.end, m.start - cue.end), a.ontology().Regex<DummyOfPattern>());
  });
}

bool NotGiven(const DocumentAnalysis& a, const Sentence& s, const Mention& m) {
  constexpr uint32_t kReach = 60;  // bytes of the same clause
  return a.CueShortlyBefore(s, {"not_given", "allergy", "substitutes", "contrast"}, m.start, kReach) ||
         ImitatedByPlacebo(a, s, m) ||
         a.CueRightBefore(s, {"specimen"}, m.start) || a.CueFollows(s, m, "measure_noun") ||
         (m.category == Category::kRegimen && a.CueShortlyBefore(s, "other_study", m.start, kReach));
}

// True when an adverse event ends right before `cue`, with only spaces between.
bool AdverseEventRightBefore(const DocumentAnalysis& a, const Sentence& s, const Mention& cue) {
  return std::any_of(s.mentions.begin(), s.mentions.end(), [&](const Mention& m) {
    return m.category == Category::kAdverseEvent && m.end <= cue.start && ontology::Trim(a.text().substr(m.end, cue.start - m.end)).empty();
  });
}

// "Glutamic Acid in Reducing Nerve Damage Caused by Vincristine", "Treatment
// of Hyperbilirubinemia Due to PEG-asparaginase and Inotuzumab": a drug the
// title names as the cause of the adverse event the trial treats or prevents
// is the patients' other therapy, wherever the schedule mentions it ("prior
// to the first dose of vincristine"); it is no arm's drug.
bool CausesTheTrialsHarm(const DocumentAnalysis& a, const Mention& m) {
  constexpr uint32_t kReach = 60;  // bytes of the same clause: "Due to PEG-asparaginase and Inotuzumab"
  if (m.category != Category::kDrug || a.sentences().empty() || !a.sentences().front().is_title) return false;
  const Sentence& title = a.sentences().front();
  bool names_harm = std::any_of(title.cues.begin(), title.cues.end(), [&](const Mention& cue) {
    return a.CueRole(cue) == "harm_cause" && AdverseEventRightBefore(a, title, cue);
  });
  return names_harm && std::any_of(title.mentions.begin(), title.mentions.end(), [&](const Mention& d) {
           return d.category == Category::kDrug && d.entry == m.entry && a.CueShortlyBefore(title, "harm_cause", d.start, kReach);
         });
}

// Components mentioned in [start, end) of a sentence, in order.
std::vector<Component> ComponentsIn(const DocumentAnalysis& a, const Sentence& s, uint32_t start, uint32_t end) {
  std::vector<Component> out;
  for (const Mention& m : s.mentions)
    if (m.start >= start && m.end <= end && !NotGiven(a, s, m) && !CausesTheTrialsHarm(a, m))
      if (std::optional<Component> c = ComponentOf(a, m)) out.push_back(*c);
  return out;
}

// Adds `more` to `list`, skipping components already present by name and
// drugs already covered by a named regimen in the list.
void Merge(std::vector<Component>* list, const std::vector<Component>& more) {
  for (const Component& c : more) {
    bool covered = std::any_of(list->begin(), list->end(), [&](const Component& have) {
      return have.display == c.display ||
             (c.drugs.size() == 1 && std::find(have.drugs.begin(), have.drugs.end(), c.drugs[0]) != have.drugs.end());
    });
    if (covered) continue;
    // A named regimen covers drugs listed before it ("idarubicin ... (RDC)").
    if (c.drugs.size() > 1)
      list->erase(std::remove_if(list->begin(), list->end(),
                                 [&](const Component& have) {
                                   return have.drugs.size() == 1 &&
                                          std::find(c.drugs.begin(), c.drugs.end(), have.drugs[0]) != c.drugs.end();
                                 }),
                  list->end());
    list->push_back(c);
  }
}

// Tumour-lysis prophylaxis, anti-infectives and antiemetics go with every
// protocol, not with the regimen under test: they leave a regimen that has
// other components (a trial of the supportive drug itself keeps it).
std::vector<Component> WithoutGenericSupportiveCare(const ontology::Ontology& o, std::vector<Component> parts) {
  auto supportive = [&](const Component& c) {
    return !c.drugs.empty() && std::all_of(c.drugs.begin(), c.drugs.end(), [&](const std::string& d) {
      return o.IsGenericSupportiveCare(d);
    });
  };
  if (std::all_of(parts.begin(), parts.end(), supportive)) return parts;
  parts.erase(std::remove_if(parts.begin(), parts.end(), supportive), parts.end());
  return parts;
}

Regimen RegimenOf(const std::vector<Component>& parts, const std::vector<std::string>& extra_modifiers) {
  Regimen r;
  std::string name;
  for (const Component& c : parts) {
    name += (name.empty() ? "" : " + ") + c.display;
    for (const std::string& d : c.drugs) AddUnique(&r.drugs, d);
    for (const std::string& m : c.modifiers) AddUnique(&r.modifiers, m);
  }
  for (const std::string& m : extra_modifiers) AddUnique(&r.modifiers, m);
  if (!name.empty()) r.name = name;
  return r;
}

// "Induction: VCR ...", "Maintenance: POMP ...": a sentence whose label
// names a treatment phase lists what patients receive in that phase.
bool OpensWithPhaseLabel(const DocumentAnalysis& a, const Sentence& s) {
  static const RE2 kLabel(R"(^(\s*[A-Za-z][A-Za-z -]{0,40}?\s*):)");
  std::string_view text = a.Text(s.span);
  re2::StringPiece label;
  if (!RE2::PartialMatch(text, kLabel, &label)) return false;
  uint32_t label_end = s.span.start + static_cast<uint32_t>(label.size());
  const ontology::Ontology& o = a.ontology();
  return std::any_of(s.mentions.begin(), s.mentions.end(), [&](const Mention& m) {
    return m.category == Category::kSetting && m.end <= label_end && o.treatment_phases.Find(o.settings.name(m.entry));
  });
}

// "10mg/d", "1g/m2", "2000IU/m2": a dose per area, weight or day written
// with its unit glued to the number, which the word cues ("mg/m2") do not see.
bool WritesGluedDose(std::string_view sentence) {
  static const RE2 kDose(R"(\d(?:mg|mcg|g|IU)/(?:m2|kg|d|day)\b)");
  return RE2::PartialMatch(sentence, kDose);
}

bool IsTreatmentSentence(const DocumentAnalysis& a, const Sentence& s) {
  return s.is_title || a.HasCue(s, "treatment") || a.HasCue(s, "optional_part") || a.HasCue(s, "sequential") ||
         a.HasCue(s, "defines") || OpensWithPhaseLabel(a, s) || WritesGluedDose(a.Text(s.span));
}

const Mention* FindCue(const DocumentAnalysis& a, const Sentence& s, std::string_view role, uint32_t after = 0) {
  for (const Mention& cue : s.cues)
    if (cue.start >= after && a.CueRole(cue) == role) return &cue;
  return nullptr;
}

// "A ... followed by B": the regimen is given in sequence.
bool IsSequential(const DocumentAnalysis& a, const Sentence& s) {
  const Mention* cue = FindCue(a, s, "sequential");
  if (!cue) return false;
  bool before = false, after = false;
  for (const Mention& m : s.mentions) {
    if (m.category != Category::kDrug && m.category != Category::kRegimen) continue;
    (m.end <= cue->start ? before : after) = true;
  }
  return before && after;
}

// Names that follow "with or without": optional parts of the regimen.
std::set<std::string> OptionalComponents(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences) {
  std::set<std::string> optional;
  for (const Sentence* s : sentences)
    for (const Mention& cue : s->cues) {
      if (a.CueRole(cue) != "optional_part") continue;
      for (const Mention& m : s->mentions)
        if (m.start >= cue.end)
          if (std::optional<Component> c = ComponentOf(a, m)) {
            optional.insert(c->display);
            break;
          }
    }
  return optional;
}

// True when `span` opens (after spaces) with a cue of `role`.
bool OpensWithCue(const DocumentAnalysis& a, const Sentence& s, const Span& span, std::string_view role) {
  size_t lead = a.Text(span).find_first_not_of(' ');
  return lead != std::string_view::npos && std::any_of(s.cues.begin(), s.cues.end(), [&](const Mention& cue) {
           return cue.start == span.start + lead && a.CueRole(cue) == role;
         });
}

// "n = 38", "n=100", "N=10": the size of a group as a bracket states it; group: the size. Every group-size pattern
// below is built on it.
constexpr char kNEquals[] = R"([nN]\s*=\s*(\d+))";

// "(n = 38)": a bracket holding only a group's size; group: the size.
std::string BracketedGroupSize() { return std::string(R"(\(\s*)") + kNEquals + R"(\s*\))"; }

// "(n = 38)", "(group I, n = 38)": a bracket stating a group's size, after any label of the group; group: the size.
std::string LabelledGroupSize() { return std::string(R"(\(\s*(?:[^(),=]{1,30},\s*)?)") + kNEquals + R"(\s*\))"; }

// "(terbutaline group)", "(ketoprofen group, n = 9)": a bracketed phrase
// ending in an arm noun names the arm.
std::optional<std::string> BracketedArmName(const DocumentAnalysis& a, const Sentence& s, const Span& side) {
  static const RE2 kClose(R"(^(?:,\s*)" + std::string(kNEquals) + R"(\s*)?\))");
  for (const Mention& cue : s.cues) {
    if (cue.start < side.start || cue.end >= side.end || a.CueRole(cue) != "arm_noun" ||
        !RE2::PartialMatch(a.text().substr(cue.end, side.end - cue.end), kClose))
      continue;
    std::string_view named = a.text().substr(side.start, cue.end - side.start);
    size_t open = named.rfind('(');
    if (open == std::string_view::npos || named.find(')', open) != std::string_view::npos) continue;
    return std::string(ontology::Trim(named.substr(open + 1)));
  }
  return std::nullopt;
}

// The words of a side ("the 4-mg nicotine lozenge", "placebo (n=100)"),
// without the verb or the group size around them.
std::string SideWords(const DocumentAnalysis& a, const Span& side) {
  static const RE2 kGroupSize(R"(\s*)" + BracketedGroupSize() + "$");
  std::string label(ontology::Trim(a.Text(side).substr(0, 80)));
  for (std::string_view lead : {"to receive ", "to ", "receive ", "either "})
    if (label.starts_with(lead)) label.erase(0, lead.size());
  while (!label.empty() && (label.back() == '.' || label.back() == ',')) label.pop_back();
  RE2::Replace(&label, kGroupSize, "");
  return label;
}

// A bracket that counts a side's people ("(10 patients)", rule_words.tsv
// enrolment_noun), or closes its dose with a bare count ("(150 mg twice
// daily, 117)").
std::string BracketedPeoplePattern(const ontology::Ontology& o) {
  return R"((?i)\(\s*(?:(\d+)\s+)" + o.RuleWords("enrolment_noun") + R"(|[^()]*[a-z]\s*,\s*(\d+))\s*\))";
}

// "nitroglycerin (10 patients) or placebo ointment (10 patients)",
// "bupropion SR (150 mg twice daily, 117) or placebo (twice daily, 117)":
// the size of its group a side gives without "n =".
std::optional<int> SidePeopleCount(const DocumentAnalysis& a, const Span& side) {
  std::string counted, closing;
  if (!RE2::PartialMatch(a.Text(side), a.ontology().Regex<BracketedPeoplePattern>(), &counted, &closing))
    return std::nullopt;
  return ParseCount(counted.empty() ? closing : counted);
}

// "placebo (n=100)", "ketoprofen, 100 mg (ketoprofen group, n = 9)": the
// size of its group a side states in a bracket.
std::optional<int> SideGroupSize(const DocumentAnalysis& a, const Span& side) {
  static const RE2 kGroupSize(LabelledGroupSize());
  std::string count;
  if (!RE2::PartialMatch(a.Text(side), kGroupSize, &count)) return SidePeopleCount(a, side);
  return ParseCount(count);
}

// The arm on one side of a comparison: its regimen (the `backbone` it adds to,
// its own drugs, then those `shared` by every side), named by its bracketed
// name if it has one, else by its drugs, or for a side naming no drug
// ("standard-of-care chemotherapy alone") by the words themselves; with the
// size of its group where the side states it.
Arm SideArm(const DocumentAnalysis& a, const Sentence& s, const Span& side, const std::vector<Component>& shared,
            std::vector<Component> backbone = {}) {
  Arm arm;
  std::vector<Component> parts = std::move(backbone);
  Merge(&parts, ComponentsIn(a, s, side.start, side.end));
  Merge(&parts, shared);
  arm.regimen = RegimenOf(WithoutGenericSupportiveCare(a.ontology(), parts), {});
  arm.label = BracketedArmName(a, s, side).value_or(arm.regimen.name.value_or(SideWords(a, side)));
  arm.n = SideGroupSize(a, side);
  arm.evidence = s.span;
  return arm;
}

// A treatment named without a drug ("chemotherapy", "observation") or a
// dummy given in place of one ("placebo") within [start, end).
bool NamesProcedure(const DocumentAnalysis& a, const Sentence& s, uint32_t start, uint32_t end) {
  return a.HasCueIn(s, "procedure", start, end) || a.HasCueIn(s, "inert", start, end);
}

// "A (x group), B (y group), or C": the alternatives written before ", or"
// are the items between top-level commas, an item naming nothing belonging
// to the one before it ("placebo (n=100), nimodipine (n=101), or ..." names
// placebo). Parts given together ("A, B, and C or D") are no list of
// alternatives.
std::vector<Span> SerialAlternatives(const DocumentAnalysis& a, const Sentence& s, const Span& side) {
  std::string_view text = a.Text(side);
  if (!ontology::Trim(text).ends_with(',')) return {side};
  std::vector<Span> items;
  uint32_t item_start = side.start;
  auto close_item = [&](uint32_t end) {
    Span item{item_start, end};
    item_start = end + 1;
    if (!ComponentsIn(a, s, item.start, item.end).empty() || NamesProcedure(a, s, item.start, item.end))
      items.push_back(item);
    else if (!items.empty()) items.back().end = end;
  };
  int depth = 0;
  for (uint32_t i = 0; i < text.size(); ++i) {
    if (text[i] == '(' || text[i] == '[') ++depth;
    else if ((text[i] == ')' || text[i] == ']') && depth > 0) --depth;
    else if (text[i] == ',' && depth == 0) close_item(side.start + i);
  }
  close_item(side.end);
  bool conjoined = items.size() > 1 && std::any_of(items.begin() + 1, items.end(), [&](const Span& item) {
    return OpensWithCue(a, s, item, "conjunction");
  });
  if (items.size() < 2 || conjoined) return {side};
  return items;
}

// "PEG-asparaginase at six or two week intervals", "dasatinib 140 mg or
// 100 mg": a side naming no drug that opens with a dose or schedule word,
// after any numbers, changes only the dose or schedule.
bool ChangesOnlySchedule(const DocumentAnalysis& a, const Sentence& s, const Span& side, const Arm& arm) {
  constexpr uint32_t kReach = 2;  // tokens after the numbers: "two week intervals"
  if (!arm.regimen.drugs.empty()) return false;
  auto first = std::find_if(s.tokens.begin(), s.tokens.end(), [&](const ontology::Token& t) { return t.start >= side.start; });
  auto words = std::find_if(first, s.tokens.end(), [&](const ontology::Token& t) {
    return !ParseCount(a.text().substr(t.start, t.end - t.start)).has_value();
  });
  uint32_t at = static_cast<uint32_t>(words - s.tokens.begin());
  uint32_t reach = words == first ? 1 : kReach;
  return std::any_of(s.cues.begin(), s.cues.end(), [&](const Mention& cue) {
    std::string_view role = a.CueRole(cue);
    return (role == "schedule" || role == "treatment") && cue.first >= at && cue.first < at + reach;
  });
}

// "Haplo-identical HSCT versus chemotherapy": sides that name no drug but
// each a treatment (cues.tsv procedure) are arms with unspecified drugs.
bool ComparesProcedures(const DocumentAnalysis& a, const Sentence& s, const std::vector<Span>& sides,
                        const std::vector<Arm>& arms) {
  bool drugless = std::all_of(arms.begin(), arms.end(), [](const Arm& x) { return x.regimen.drugs.empty(); });
  return drugless && std::all_of(sides.begin(), sides.end(), [&](const Span& side) {
           return NamesProcedure(a, s, side.start, side.end);
         });
}

// "either clofarabine or matching placebo, in addition to cytarabine", "A or
// B, followed by C": a clause after a comma that the last side's own words
// do not reach, opening with a treatment or sequence cue, gives its drugs to
// every side (an add-on design). Where that comma is.
std::optional<uint32_t> SharedTailAt(const DocumentAnalysis& a, const Sentence& s, const Span& last) {
  size_t comma = a.Text(last).find(',');
  if (comma == std::string_view::npos) return std::nullopt;
  uint32_t at = last.start + static_cast<uint32_t>(comma);
  Span tail{at + 1, last.end};
  bool opens_with_cue = OpensWithCue(a, s, tail, "treatment") || OpensWithCue(a, s, tail, "sequential");
  if (!opens_with_cue || ComponentsIn(a, s, at, last.end).empty()) return std::nullopt;
  return at;
}

// "observation alone", "placebo", "the control group": a side naming no
// drug is an arm only when it names a treatment without drugs or a group.
bool NamesDruglessTreatment(const DocumentAnalysis& a, const Sentence& s, const Span& side) {
  return NamesProcedure(a, s, side.start, side.end) || a.HasCueIn(s, "arm_noun", side.start, side.end) ||
         a.HasCueIn(s, "alone", side.start, side.end);
}

// "high-dose MTX and intermediate-dose MTX", "dasatinib 140 mg or dasatinib
// 100 mg": sides giving the same drugs that each state a dose or schedule
// (a schedule word, or a modifier of the regimen) compare doses.
bool ComparesDoses(const DocumentAnalysis& a, const Sentence& s, const std::vector<Span>& sides,
                   const std::vector<Arm>& arms) {
  if (arms.empty() || arms[0].regimen.drugs.empty()) return false;
  for (size_t i = 0; i < sides.size(); ++i)
    if (arms[i].regimen.modifiers.empty() && !a.HasCueIn(s, "schedule", sides[i].start, sides[i].end)) return false;
  return true;
}

// "either ZDV alone or in combination with folinic acid", "dasatinib alone or
// combined with cytarabine": a side opening with a treatment cue after a side
// marked "alone" adds its drugs to that side's.
bool AddsToTheArmAlone(const DocumentAnalysis& a, const Sentence& s, const Span& before, const Span& side) {
  return a.HasCueIn(s, "alone", before.start, before.end) && OpensWithCue(a, s, side, "treatment");
}

// How a sentence sets its sides against each other: as alternatives patients
// are randomised to ("randomized to receive A or B"), as groups compared
// ("A ... compared with the control group", "randomized study of A versus
// B"), or in a phrase (a title, an outline's contrast) where a bare "or"
// joins words ("relapsed or refractory").
enum class Sides { kRandomisedTo, kCompared, kPhrase };

// Where the first side of a comparison opens, at or after `from`: its first
// drug or regimen, or a placebo named before it ("placebo (n=100), 1 mg/h
// nimodipine (n=101), or ..."), else a treatment named without a drug ("HSCT
// versus chemotherapy").
const Mention* FirstSide(const DocumentAnalysis& a, const Sentence& s, uint32_t from) {
  const Mention* first = nullptr;
  for (const Mention& m : s.mentions)
    if (m.start >= from && ComponentOf(a, m)) {
      first = &m;
      break;
    }
  const Mention* inert = FindCue(a, s, "inert", from);
  if (inert && (!first || inert->start < first->start)) return inert;
  return first ? first : FindCue(a, s, "procedure", from);
}

// True when `at` lies inside a bracket opened after `from`: "quetiapine in
// combination with a mood stabilizer (lithium or divalproex)".
bool InsideBracket(const DocumentAnalysis& a, uint32_t from, uint32_t at) {
  int depth = 0;
  for (char c : a.text().substr(from, at - from)) {
    if (c == '(') ++depth;
    else if (c == ')' && depth > 0) --depth;
  }
  return depth > 0;
}

// The word joining the second thing compared to the first after a verb of comparing (rule_words.tsv
// compare_with), then any "that of"; group 1: the word.
std::string CompareWithPattern(const ontology::Ontology& o) {
  return R"((?i)\b()" + o.RuleWords("compare_with") + R"()\s+(?:(?:that|those)\s+of\s+)?)";
}

// "to compare dasatinib with imatinib": the first "with" after `first` that
// no treatment cue holds ("in combination with") and right after which a
// side is named.
std::optional<Span> ComparedWithAt(const DocumentAnalysis& a, const Sentence& s, const Mention& first) {
  std::string_view rest = a.Text({first.end, s.span.end});
  re2::StringPiece input(rest.data(), rest.size()), word;
  while (RE2::FindAndConsume(&input, a.ontology().Regex<CompareWithPattern>(), &word)) {
    uint32_t start = first.end + static_cast<uint32_t>(word.data() - rest.data());
    uint32_t next = first.end + static_cast<uint32_t>(input.data() - rest.data());
    bool in_cue = std::any_of(s.cues.begin(), s.cues.end(), [&](const Mention& c) {
      return c.start <= start && start < c.end && a.CueRole(c) == "treatment";
    });
    const Mention* side = FirstSide(a, s, next);
    if (!in_cue && side && side->start == next) return Span{start, next};
  }
  return std::nullopt;
}

// Where the first side ends: at a comparison ("versus", "or") outside the
// side's brackets, or after a compares cue at what comes first of that, the
// "and" ("a comparison of iopamidol and iodixanol in patients who underwent
// angiography or ...") and a "with" that names the other side ("to compare
// dasatinib with imatinib").
std::optional<Span> FirstSideEnd(const DocumentAnalysis& a, const Sentence& s, const Mention& first, Sides sides) {
  constexpr uint32_t kComparesReach = 20;  // bytes: "comparing the "
  auto splits = [&](const Mention& cue) {
    return !InsideBracket(a, first.start, cue.start) && (sides != Sides::kPhrase || Lower(a.Text(cue)) != "or");
  };
  const Mention* comparison = FindCue(a, s, "comparison", first.end);
  while (comparison && !splits(*comparison)) comparison = FindCue(a, s, "comparison", comparison->end);
  std::optional<Span> end;
  if (comparison) end = Span{comparison->start, comparison->end};
  if (!a.CueShortlyBefore(s, "compares", first.start, kComparesReach)) return end;
  auto earlier = [&](std::optional<Span> x) {
    if (x && (!end || x->start < end->start)) end = x;
  };
  if (const Mention* conjunction = FindCue(a, s, "conjunction", first.end)) earlier(Span{conjunction->start, conjunction->end});
  earlier(ComparedWithAt(a, s, first));
  return end;
}

// Arms of one drug set compared for its form or route ("4-mg nicotine
// lozenge or 4-mg nicotine gum") share a name; each is named by its words.
void NameAlikeArmsByTheirWords(const DocumentAnalysis& a, const std::vector<Span>& sides, std::vector<Arm>* arms) {
  std::vector<size_t> alike;
  for (size_t i = 0; i < arms->size(); ++i)
    if (std::count_if(arms->begin(), arms->end(), [&](const Arm& x) { return x.label == (*arms)[i].label; }) > 1)
      alike.push_back(i);
  for (size_t i : alike)
    if ((*arms)[i].regimen.name == (*arms)[i].label) (*arms)[i].label = SideWords(a, sides[i]);
}

// The clause of `s` that `at` is in ends at the next semicolon: "either
// sertraline or placebo; the sertraline dose was titrated ...".
uint32_t ClauseEnd(const DocumentAnalysis& a, const Sentence& s, uint32_t at) {
  size_t semicolon = a.Text({at, s.span.end}).find(';');
  return semicolon == std::string_view::npos ? s.span.end : at + static_cast<uint32_t>(semicolon);
}

// "raloxifene 60 mg/d or 120 mg/d or placebo": the last side of a comparison
// is itself split at each further comparison outside brackets that a drug
// or a placebo follows.
std::vector<Span> FurtherAlternatives(const DocumentAnalysis& a, const Sentence& s, const Span& last) {
  std::vector<Span> sides;
  uint32_t start = last.start;
  for (const Mention& cue : s.cues) {
    if (cue.start < start || cue.end > last.end || a.CueRole(cue) != "comparison" || InsideBracket(a, start, cue.start))
      continue;
    const Mention* next = FirstSide(a, s, cue.end);
    bool names_side = next && next->start < last.end && ontology::Trim(a.text().substr(cue.end, next->start - cue.end)).empty();
    if (!names_side) continue;
    sides.push_back({start, cue.start});
    start = cue.end;
  }
  sides.push_back({start, last.end});
  return sides;
}

// Splits "A versus B" / "A or to B" after the first side at or after `from`,
// and a serial list "A, B, or C" into each of its items; nullopt unless the
// sides differ in what they give or in its schedule, or patients are
// randomised to each ("randomized to receive Myocet or conventional
// doxorubicin" compares two forms of one drug, where the comparison is the
// clause's only one).
std::optional<std::vector<Arm>> SplitAtComparison(const DocumentAnalysis& a, const Sentence& s, uint32_t from,
                                                  Sides how) {
  const Mention* first = FirstSide(a, s, from);
  if (!first) return std::nullopt;
  std::optional<Span> comparison = FirstSideEnd(a, s, *first, how);
  if (!comparison) return std::nullopt;
  std::vector<Span> sides = SerialAlternatives(a, s, {first->start, comparison->start});
  Span last{comparison->end, ClauseEnd(a, s, comparison->end)};
  std::vector<Component> shared;
  if (std::optional<uint32_t> comma = SharedTailAt(a, s, last)) {
    shared = ComponentsIn(a, s, *comma, last.end);
    last.end = *comma;
  }
  for (const Span& side : FurtherAlternatives(a, s, last)) sides.push_back(side);
  std::vector<Arm> arms;
  bool schedules = false;
  for (size_t i = 0; i < sides.size(); ++i) {
    const Span& side = sides[i];
    std::vector<Component> backbone;
    if (i > 0 && AddsToTheArmAlone(a, s, sides[i - 1], side)) backbone = ComponentsIn(a, s, sides[i - 1].start, sides[i - 1].end);
    arms.push_back(SideArm(a, s, side, shared, std::move(backbone)));
    if (arms.size() > 1 && ChangesOnlySchedule(a, s, side, arms.back())) {
      arms.back().regimen = arms[arms.size() - 2].regimen;
      schedules = true;
    } else if (arms.back().regimen.drugs.empty() && !NamesDruglessTreatment(a, s, side)) {
      return std::nullopt;  // "clofarabine in refractory or relapsed ALL": no arm on the other side
    }
  }
  auto drug_set = [](const Arm& x) { return std::set<std::string>(x.regimen.drugs.begin(), x.regimen.drugs.end()); };
  bool same_drugs = std::all_of(arms.begin(), arms.end(), [&](const Arm& x) { return drug_set(x) == drug_set(arms[0]); });
  bool randomised_to_each = how == Sides::kRandomisedTo && !a.HasCueIn(s, "comparison", last.start, last.end);
  if (same_drugs && !schedules && !randomised_to_each && !ComparesProcedures(a, s, sides, arms) &&
      !ComparesDoses(a, s, sides, arms))
    return std::nullopt;
  NameAlikeArmsByTheirWords(a, sides, &arms);
  return arms;
}

// "randomized to either conventional or extended-interval amikacin",
// "randomly assigned to standard- or low-dose haloperidol": a few words on
// each side of the comparison before one drug are two forms of it, two arms
// named by their words.
std::optional<std::vector<Arm>> AlternativeFormsOf(const DocumentAnalysis& a, const Sentence& s, uint32_t from) {
  static const RE2 kForm(R"(^(?:\s*\b(?:to|receive|either)\b)*\s*((?:[A-Za-z0-9-]+\s*){1,3})$)");
  const Mention* first = FirstSide(a, s, from);
  const Mention* comparison = FindCue(a, s, "comparison", from);
  if (!first || !comparison || comparison->end > first->start) return std::nullopt;
  std::string one, other;
  if (!RE2::FullMatch(a.text().substr(from, comparison->start - from), kForm, &one) ||
      !RE2::FullMatch(a.text().substr(comparison->end, first->start - comparison->end), kForm, &other))
    return std::nullopt;
  size_t comma = a.Text({first->start, s.span.end}).find(',');
  uint32_t end =
      comma == std::string_view::npos ? ClauseEnd(a, s, first->start) : first->start + static_cast<uint32_t>(comma);
  Arm arm = SideArm(a, s, {first->start, end}, {});
  if (arm.regimen.drugs.empty()) return std::nullopt;
  std::vector<Arm> arms = {arm, arm};
  auto named = [&](std::string_view form) {  // "standard-" of "standard- or low-dose" is "standard"
    std::string words(ontology::Trim(form));
    while (!words.empty() && words.back() == '-') words.pop_back();
    return words + " " + arm.label;
  };
  arms[0].label = named(one);
  arms[1].label = named(other);
  return arms;
}

// One drug given in place of another for a group of the patients.
struct Substitution {
  std::string substitute, replaced;  // component names
};

// "clofarabine will be given instead of nelarabine for patients with
// B-lineage disease in stratum II": the component named last before a
// substitution cue in its clause takes the place of the one right after it,
// for the group of patients the sentence names.
std::vector<Substitution> SubgroupSubstitutions(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences) {
  constexpr uint32_t kReach = 80;  // bytes: "Clofarabine 40 mg/m^2/day IV Days 1-5 will be given instead of"
  std::vector<Substitution> out;
  for (const Sentence* s : sentences)
    for (const Mention& cue : s->cues) {
      if (a.CueRole(cue) != "substitutes" || !a.HasCueIn(*s, "subgroup", cue.end, s->span.end)) continue;
      std::optional<Component> before, replaced;
      uint32_t before_end = 0;
      for (const Mention& m : s->mentions) {
        std::optional<Component> c = ComponentOf(a, m);
        if (!c) continue;
        if (m.end <= cue.start) before = std::move(c), before_end = m.end;
        else if (!replaced && a.CueShortlyBefore(*s, "substitutes", m.start, kReach)) replaced = std::move(c);
      }
      if (!before || !replaced) continue;
      std::string_view between = a.text().substr(before_end, cue.start - before_end);
      const std::string& substitute = before->display;
      if (between.size() <= kReach && between.find_first_of(",;:()") == std::string_view::npos &&
          substitute != replaced->display)
        out.push_back({substitute, replaced->display});
    }
  return out;
}

// A drug given to patients allergic to another ("Patients with an allergy to
// pegaspargase receive Erwinia asparaginase").
struct AllergySubstitute {
  std::string substitute;             // component name
  std::vector<std::string> replaced;  // drugs of the component it replaces
};

// The first component shortly after an allergy cue is replaced, for the
// allergic patients, by each component the sentence names after it.
std::vector<AllergySubstitute> AllergySubstitutes(const DocumentAnalysis& a,
                                                  const std::vector<const Sentence*>& sentences) {
  constexpr uint32_t kReach = 60;  // bytes of the same clause, as NotGiven
  std::vector<AllergySubstitute> out;
  for (const Sentence* s : sentences) {
    std::optional<Component> replaced;
    for (const Mention& m : s->mentions) {
      std::optional<Component> c = ComponentOf(a, m);
      if (!c) continue;
      if (!replaced && a.CueShortlyBefore(*s, "allergy", m.start, kReach)) replaced = std::move(c);
      else if (replaced && !NotGiven(a, *s, m)) out.push_back({c->display, replaced->drugs});
    }
  }
  return out;
}

// A substitute for allergic patients is no drug of an arm that gives the drugs
// it replaces; where the arm does not give them (a trial for the allergic
// patients themselves), the substitute is the arm's.
std::vector<Component> WithoutAllergySubstitutes(std::vector<Component> parts,
                                                 const std::vector<AllergySubstitute>& substitutes) {
  std::set<std::string> given;
  for (const Component& c : parts) given.insert(c.drugs.begin(), c.drugs.end());
  std::set<std::string> dropped;
  for (const AllergySubstitute& sub : substitutes)
    if (!sub.replaced.empty() &&
        std::all_of(sub.replaced.begin(), sub.replaced.end(), [&](const std::string& d) { return given.count(d) > 0; }))
      dropped.insert(sub.substitute);
  std::erase_if(parts, [&](const Component& c) { return dropped.count(c.display) > 0; });
  return parts;
}

std::vector<Component> Without(std::vector<Component> parts, const std::string& display) {
  std::erase_if(parts, [&](const Component& c) { return c.display == display; });
  return parts;
}

bool Names(const std::vector<Component>& parts, const std::string& display) {
  return std::any_of(parts.begin(), parts.end(), [&](const Component& c) { return c.display == display; });
}

// Each variant giving both drugs of a substitution becomes two: one without
// the substitute, one without the drug it replaces.
std::vector<std::vector<Component>> Substituted(const std::vector<std::vector<Component>>& variants, const Substitution& sub) {
  std::vector<std::vector<Component>> out;
  for (const std::vector<Component>& v : variants) {
    if (!Names(v, sub.substitute) || !Names(v, sub.replaced)) {
      out.push_back(v);
      continue;
    }
    out.push_back(Without(v, sub.substitute));
    out.push_back(Without(v, sub.replaced));
  }
  return out;
}

// The regimens a single protocol gives: the whole regimen; without its
// optional parts ("with or without rituximab"); and where a group of the
// patients gets one drug in place of another, each of the two.
std::vector<std::vector<Component>> RegimenVariants(const std::vector<Component>& parts, const std::set<std::string>& optional,
                                                    const std::vector<Substitution>& substitutions) {
  std::vector<Component> base = parts;
  for (const std::string& display : optional) base = Without(base, display);
  std::vector<std::vector<Component>> variants;
  if (!optional.empty() && !base.empty()) variants.push_back(base);
  variants.push_back(parts);
  for (const Substitution& sub : substitutions) variants = Substituted(variants, sub);
  return variants;
}

// Where the verb that randomises patients ends ("randomly assigned", "were
// allocated"); a "non-randomized" study randomises no one.
std::optional<uint32_t> RandomisesAt(const DocumentAnalysis& a, const Sentence& s) {
  static const RE2 kRandomizes(R"((?i)\b(non-?\s*)?(randomly assigned|randomi[sz]ed|assigned|allocated)\b)");
  std::string_view text = a.Text(s.span);
  re2::StringPiece input(text.data(), text.size()), negation, verb;
  while (RE2::FindAndConsume(&input, kRandomizes, &negation, &verb))
    if (negation.empty()) return s.span.start + static_cast<uint32_t>(verb.data() + verb.size() - text.data());
  return std::nullopt;
}

// "were randomized in a 1:1 ratio to receive", "randomly assigned to either":
// the randomising verb ending at `at` sends patients to what follows in its
// clause ("a randomized study design whether ..." sends no one).
bool RandomisesPatientsTo(const DocumentAnalysis& a, const Sentence& s, uint32_t at) {
  static const RE2 kTo(R"(^[^,;.]{0,30}?\bto\b)");
  return RE2::PartialMatch(a.Text({at, s.span.end}), kTo);
}

// True when the text before `at` ends with a group size: "etoricoxib 90 mg daily (n = 2032) or",
// "iopromide (group A, n = 40) or".
bool FollowsGroupSize(std::string_view before) {
  static const RE2 kGroupSize(R"((?i))" + LabelledGroupSize() + R"(\s*,?\s*$)");
  return RE2::PartialMatch(before, kGroupSize);
}

// "nitroglycerin (10 patients) or": the text before a comparison ends with a bracket counting a side's people.
bool FollowsPeopleCount(const DocumentAnalysis& a, std::string_view before) {
  static const RE2 kAtEnd(R"(\s*,?\s*$)");
  re2::StringPiece input(before.data(), before.size());
  const RE2& people = a.ontology().Regex<BracketedPeoplePattern>();
  while (RE2::FindAndConsume(&input, people))
    if (RE2::FullMatch(input, kAtEnd)) return true;
  return false;
}

// "patients received lamivudine compared with a historical control group
// who did not", "received etoricoxib (n = 2032) or diclofenac (n = 2054)":
// a treatment compared with a group named by an arm noun, or alternatives
// each with its group size or count of people, are a controlled comparison even where no one is
// said to be randomised. Where the comparison may start: the sentence's
// start, since the treatment cue may sit inside the first regimen ("DFMO
// plus sulindac group ... compared with the placebo group").
std::optional<uint32_t> ComparesGroupsAt(const DocumentAnalysis& a, const Sentence& s) {
  constexpr uint32_t kGroupReach = 40;  // bytes after the comparison: "historical control group"
  const Mention* treatment = FindCue(a, s, "treatment");
  if (!treatment) return std::nullopt;
  for (const Mention* comparison = FindCue(a, s, "comparison", treatment->end); comparison;
       comparison = FindCue(a, s, "comparison", comparison->end)) {
    bool names_group = Lower(a.Text(*comparison)) != "or" &&
                       a.HasCueIn(s, "arm_noun", comparison->end, std::min(comparison->end + kGroupReach, s.span.end));
    std::string_view before = a.text().substr(s.span.start, comparison->start - s.span.start);
    if (names_group || FollowsGroupSize(before) || FollowsPeopleCount(a, before)) return s.span.start;
  }
  return std::nullopt;
}

// Verbs saying what happened to counted patients (rule_words.tsv outcome_verb, completion_verb).
std::string ArmOutcomeVerbs(const ontology::Ontology& o) {
  return "(?:" + o.RuleWords("outcome_verb") + "|" + o.RuleWords("completion_verb") + ")";
}

// An outcome verb among the words of a clause up to its next count.
std::string OutcomeVerbAheadPattern(const ontology::Ontology& o) {
  return R"((?i)^[^,;:\d]{0,80}?\b)" + ArmOutcomeVerbs(o) + R"(\b)";
}

// "3 patients in the dasatinib arm withdrew", "40 patients on imatinib
// completed the study", "12 patients receiving dasatinib needed
// transfusion": a count whose clause goes on, after the arm it names at
// `at`, to say what happened to those patients (ArmOutcomeVerbs, or cues.tsv
// left_study) counts an outcome, not the arm; unless the count is the whole
// its part is of ("9 of 47 patients who received X developed VTE", "All 20
// patients in the placebo arm completed").
bool CountsAnOutcome(const DocumentAnalysis& a, const Sentence& s, uint32_t count_start, uint32_t at) {
  static const RE2 kWhole(R"((?i)(?:\bof|/|\ball)\s*(?:the\s+)?$)");
  if (RE2::PartialMatch(a.Text({s.span.start, count_start}), kWhole)) return false;
  re2::StringPiece ahead(a.text().data() + at, s.span.end - at);
  if (RE2::PartialMatch(ahead, a.ontology().Regex<OutcomeVerbAheadPattern>())) return true;
  static const RE2 kClause(R"(^([^,;:\d]{0,80}))");
  re2::StringPiece clause;
  RE2::PartialMatch(ahead, kClause, &clause);
  return a.HasCueIn(s, "left_study", at, at + static_cast<uint32_t>(clause.size()));
}

// A count of patients (in digits or words), then a word that sends them to what follows (rule_words.tsv sent_to).
std::string SentToPattern(const ontology::Ontology& o) {
  return R"((?i)\b(\d+|)" + NumberWordAlternation() +
         R"()\s+(?:patients\s+)?(?:were\s+)?(?:(?:randomly\s+)?(?:assigned|allocated|randomi[sz]ed)\s+)?)" + o.RuleWords("sent_to") +
         R"(\s+(?:the\s+)?)";
}

// "271 to blinatumomab", "154 in the ponatinib arm", "3379 patients randomly
// assigned to enalapril", "120 patients were randomized to dasatinib": the counts of patients sent to what follows them,
// and where that is named, in order ("randomized 2:1 to" is a ratio; "120 to A or B" counts all).
std::vector<std::pair<int, uint32_t>> CountsSentTo(const DocumentAnalysis& a, const Sentence& s) {
  const RE2& sent_to = a.ontology().Regex<SentToPattern>();
  std::vector<std::pair<int, uint32_t>> out;
  std::string_view text = a.Text(s.span);
  re2::StringPiece input(text.data(), text.size()), count;
  // "Two patients died, one in the dasatinib arm": a count in words needs "patients" or a verb of assignment
  // after it; a bare one is a pronoun's, the digits' "9 in the placebo arm" is not.
  static const RE2 kWordCountHead(R"((?i)^\s+(?:patients|were|randomly|assigned|allocated|randomi[sz]ed)\b)");
  while (RE2::FindAndConsume(&input, sent_to, &count)) {
    if (count.data() > text.data() && count.data()[-1] == ':') continue;
    const char* count_end = count.data() + count.size();
    if (!std::isdigit(static_cast<unsigned char>(count[0])) &&
        !RE2::PartialMatch(std::string_view(count_end, static_cast<size_t>(input.data() - count_end)), kWordCountHead))
      continue;
    uint32_t at = s.span.start + static_cast<uint32_t>(input.data() - text.data());
    if (CountsAnOutcome(a, s, s.span.start + static_cast<uint32_t>(count.data() - text.data()), at)) continue;
    if (std::optional<int> n = ParseCount(std::string_view(count.data(), count.size()))) out.push_back({*n, at});
  }
  // "Thirty-two patients were randomized to receive A or B": the last count, sent to alternatives in its
  // clause, is all of the patients, no arm's.
  if (!out.empty()) {
    const Mention* comparison = FindCue(a, s, "comparison", out.back().second);
    if (comparison && comparison->start < ClauseEnd(a, s, out.back().second)) out.pop_back();
  }
  return out;
}

// "patients treated with docetaxel alone or in combination with
// thalidomide": a treatment given alone or with more is two arms wherever it
// is written. Where the comparison starts: the component before "alone".
std::optional<uint32_t> OffersAloneOrMoreAt(const DocumentAnalysis& a, const Sentence& s) {
  auto right_after = [&](const Mention& before, std::string_view role) -> const Mention* {
    for (const Mention& cue : s.cues)
      if (cue.start >= before.end && a.CueRole(cue) == role &&
          a.text().substr(before.end, cue.start - before.end).find_first_not_of(" ,") == std::string_view::npos)
        return &cue;
    return nullptr;
  };
  for (const Mention& alone : s.cues) {
    if (a.CueRole(alone) != "alone") continue;
    const Mention* comparison = right_after(alone, "comparison");
    if (!comparison || !right_after(*comparison, "treatment")) continue;
    std::optional<uint32_t> component_start;
    for (const Mention& m : s.mentions)
      if (m.end <= alone.start && ComponentOf(a, m)) component_start = m.start;
    if (component_start) return component_start;
  }
  return std::nullopt;
}

// "Compare the event-free survival of patients treated with A vs B", "to
// compare dasatinib with imatinib": a sentence that sets out to compare
// (cues.tsv compares) compares arms even where no one is said to be
// randomised. Where the comparison may start: after the compares cue.
std::optional<uint32_t> ComparesArmsAt(const DocumentAnalysis& a, const Sentence& s) {
  if (const Mention* compares = FindCue(a, s, "compares")) return compares->end;
  return std::nullopt;
}

// Arms for sides that each differ in their drugs, else nullopt.
std::optional<std::vector<Arm>> DistinctArms(std::vector<Arm> arms) {
  std::set<std::set<std::string>> drug_sets;
  for (const Arm& arm : arms) drug_sets.insert({arm.regimen.drugs.begin(), arm.regimen.drugs.end()});
  if (arms.size() < 2 || drug_sets.size() < arms.size()) return std::nullopt;
  return arms;
}

std::vector<std::pair<int, uint32_t>> CountsOfRecipients(const DocumentAnalysis& a, const Sentence& s);

// "3379 patients randomly assigned to enalapril ... and 3379 patients
// randomly assigned to placebo", "271 to blinatumomab and 134 to
// chemotherapy", "13 patients received phenylephrine and 12 patients received
// ephedrine": counts each sending patients to, or giving them, a different
// treatment are the arms and their sizes.
std::optional<std::vector<Arm>> CountedArms(const DocumentAnalysis& a, const Sentence& s) {
  struct Send {
    int n;
    const Mention* first;  // the treatment's first name
  };
  std::vector<std::pair<int, uint32_t>> counts = CountsSentTo(a, s), recipients = CountsOfRecipients(a, s);
  counts.insert(counts.end(), recipients.begin(), recipients.end());
  std::sort(counts.begin(), counts.end(), [](const auto& x, const auto& y) { return x.second < y.second; });
  std::vector<Send> sends;
  for (const auto& [n, at] : counts) {
    const Mention* first = FirstSide(a, s, at);
    if (first && first->start == at && (sends.empty() || sends.back().first != first)) sends.push_back({n, first});
  }
  std::vector<Arm> arms;
  for (size_t i = 0; i < sends.size(); ++i) {
    uint32_t start = sends[i].first->start;
    Span side{start, i + 1 < sends.size() ? sends[i + 1].first->start : ClauseEnd(a, s, start)};
    arms.push_back(SideArm(a, s, side, {}));
    arms.back().n = sends[i].n;
    // "placebo with a mean follow-up of 967 days" is the placebo arm.
    if (arms.back().regimen.drugs.empty()) arms.back().label = std::string(a.Text(*sends[i].first));
  }
  return DistinctArms(std::move(arms));
}

// A name that may be a side: a drug or regimen, or a placebo.
bool NamesSide(const DocumentAnalysis& a, const Mention& m) {
  return m.category == Category::kCue ? a.CueRole(m) == "inert" : ComponentOf(a, m).has_value();
}

// True when only spaces lie between `before` and `after`.
bool Adjacent(const DocumentAnalysis& a, const Mention& before, const Mention& after) {
  return before.end <= after.start && ontology::Trim(a.text().substr(before.end, after.start - before.end)).empty();
}

// The names of a sentence that may be sides, in order.
std::vector<const Mention*> SideNames(const DocumentAnalysis& a, const Sentence& s) {
  std::vector<const Mention*> names;
  for (const Mention& m : s.mentions)
    if (NamesSide(a, m)) names.push_back(&m);
  for (const Mention& cue : s.cues)
    if (NamesSide(a, cue)) names.push_back(&cue);
  std::sort(names.begin(), names.end(), [](const Mention* x, const Mention* y) { return x->start < y->start; });
  return names;
}

// "between the mexiletine and placebo groups": two names joined by "and"
// right before a plural arm noun are two arms.
std::optional<std::vector<Arm>> GroupsNamedTogether(const DocumentAnalysis& a, const Sentence& s) {
  std::vector<const Mention*> names = SideNames(a, s);
  for (size_t i = 0; i + 1 < names.size(); ++i)
    for (const Mention& joint : s.cues) {
      if (a.CueRole(joint) != "conjunction" || !Adjacent(a, *names[i], joint) || !Adjacent(a, joint, *names[i + 1]))
        continue;
      for (const Mention& noun : s.cues)
        if (a.CueRole(noun) == "arm_noun" && a.Text(noun).ends_with('s') && Adjacent(a, *names[i + 1], noun))
          return DistinctArms({SideArm(a, s, {names[i]->start, names[i]->end}, {}),
                               SideArm(a, s, {names[i + 1]->start, names[i + 1]->end}, {})});
    }
  return std::nullopt;
}

// "The effects of ipratropium aerosol and theophylline tablets were compared
// in a double-blind, placebo-controlled crossover study": treatments joined
// by "and" before a compared-after cue are the arms, and a placebo the
// sentence names after it is one more.
std::optional<std::vector<Arm>> ComparedAfterward(const DocumentAnalysis& a, const Sentence& s) {
  const Mention* compared = FindCue(a, s, "compared_after");
  if (!compared) return std::nullopt;
  std::vector<const Mention*> names;
  for (const Mention* m : SideNames(a, s))
    if (m->end <= compared->start) names.push_back(m);
  if (names.size() < 2) return std::nullopt;
  std::vector<Arm> arms;
  uint32_t side_start = names[0]->start;
  for (const Mention& joint : s.cues) {
    if (joint.start < side_start || joint.end > compared->start || a.CueRole(joint) != "conjunction") continue;
    arms.push_back(SideArm(a, s, {side_start, joint.start}, {}));
    side_start = joint.end;
  }
  arms.push_back(SideArm(a, s, {side_start, compared->start}, {}));
  if (std::any_of(arms.begin(), arms.end(), [](const Arm& x) { return x.regimen.drugs.empty(); })) return std::nullopt;
  if (const Mention* placebo = FindCue(a, s, "inert", compared->end))
    arms.push_back({std::string(a.Text(*placebo)), {}, std::nullopt, s.span});
  return DistinctArms(std::move(arms));
}

// The drugs the document's treatment sentences name, generic supportive care aside.
std::set<std::string> TreatmentDrugs(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences) {
  std::set<std::string> drugs;
  for (const Sentence* s : sentences) {
    if (!IsTreatmentSentence(a, *s)) continue;
    std::vector<Component> parts = ComponentsIn(a, *s, s->span.start, s->span.end);
    for (const Component& c : WithoutGenericSupportiveCare(a.ontology(), std::move(parts)))
      drugs.insert(c.drugs.begin(), c.drugs.end());
  }
  return drugs;
}

// True when the arms give every drug of `treatment` (TreatmentDrugs): the
// alternatives are all of its treatment, not one choice within a longer
// protocol.
bool CoverTheTreatment(const std::set<std::string>& treatment, const std::vector<Arm>& arms) {
  std::set<std::string> given;
  for (const Arm& arm : arms) given.insert(arm.regimen.drugs.begin(), arm.regimen.drugs.end());
  return std::includes(given.begin(), given.end(), treatment.begin(), treatment.end());
}

// "a multicenter, randomized, prazosin-controlled trial ... Trial medication
// was 2.5 mg enalapril or 0.5 prazosin", "treatment with mazindol (3 mg/d) or
// placebo": in a study that says it randomises, what patients received,
// given as alternatives that differ in their drugs and make up all of its
// treatment, are its arms, though the sentence naming them does not
// randomise.
std::optional<std::vector<Arm>> AlternativesOfRandomisedStudy(const DocumentAnalysis& a,
                                                              const std::vector<const Sentence*>& sentences) {
  bool randomises = std::any_of(sentences.begin(), sentences.end(),
                                [&](const Sentence* s) { return !s->is_title && RandomisesAt(a, *s); });
  if (!randomises) return std::nullopt;
  std::optional<std::set<std::string>> treatment;  // read once, at the first alternatives found
  for (const Sentence* s : sentences) {
    if (s->is_title || !IsTreatmentSentence(a, *s)) continue;
    std::optional<std::vector<Arm>> arms = SplitAtComparison(a, *s, s->span.start, Sides::kCompared);
    if (arms) arms = DistinctArms(std::move(*arms));  // "methotrexate 5 g/m2 or 8 g/m2" is a protocol's dosing
    if (!arms) continue;
    if (!treatment) treatment = TreatmentDrugs(a, sentences);
    if (CoverTheTreatment(*treatment, *arms)) return arms;
  }
  return std::nullopt;
}

// Randomised comparisons: the sentence that randomises patients ("randomly
// assigned ... to A or to B"), compares a treatment with a control group or
// gives it alone or with more, else counts sent to each treatment, else a
// title of the form "A versus B".
std::optional<std::vector<Arm>> RandomizedArms(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences) {
  for (const Sentence* s : sentences) {
    if (s->is_title) continue;
    std::optional<uint32_t> after = RandomisesAt(a, *s);
    Sides how = after && RandomisesPatientsTo(a, *s, *after) ? Sides::kRandomisedTo : Sides::kCompared;
    if (!after) after = ComparesGroupsAt(a, *s);
    if (!after) after = OffersAloneOrMoreAt(a, *s);
    if (!after) after = ComparesArmsAt(a, *s);
    if (!after) continue;
    if (std::optional<std::vector<Arm>> arms = SplitAtComparison(a, *s, *after, how)) return arms;
    if (how == Sides::kRandomisedTo)
      if (std::optional<std::vector<Arm>> arms = AlternativeFormsOf(a, *s, *after)) return arms;
  }
  for (const Sentence* s : sentences)
    if (std::optional<std::vector<Arm>> arms = CountedArms(a, *s)) return arms;
  for (const Sentence* s : sentences)
    if (std::optional<std::vector<Arm>> arms = ComparedAfterward(a, *s)) return arms;
  for (const Sentence* s : sentences)
    if (std::optional<std::vector<Arm>> arms = GroupsNamedTogether(a, *s)) return arms;
  for (const Sentence* s : sentences)
    if (s->is_title)
      if (std::optional<std::vector<Arm>> arms = SplitAtComparison(a, *s, s->span.start, Sides::kPhrase)) return arms;
  return AlternativesOfRandomisedStudy(a, sentences);
}

// The arm whose name in words the words at `at` repeat ("1282 in the
// budesonide maintenance group"), the longest such. An arm named by its
// drugs is found by its drugs.
std::optional<size_t> ArmLabelledAt(const DocumentAnalysis& a, uint32_t at, const std::vector<Arm>& arms) {
  constexpr size_t kShortest = 4;  // characters of a name worth matching
  std::string ahead = Lower(a.text().substr(at, 120));
  std::optional<size_t> best;
  for (size_t i = 0; i < arms.size(); ++i) {
    std::string label = Lower(arms[i].label);
    if (arms[i].regimen.name == arms[i].label || label.size() < kShortest || !ahead.starts_with(label)) continue;
    if (label.size() < ahead.size() && std::isalnum(static_cast<unsigned char>(ahead[label.size()]))) continue;
    if (!best || label.size() > arms[*best].label.size()) best = i;
  }
  return best;
}

// The word `text` opens with, lower case ("lozenge" of "lozenge and 454").
std::string LeadingWord(std::string_view text) {
  std::string word;
  for (char c : text) {
    if (!std::isalpha(static_cast<unsigned char>(c))) break;
    word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return word;
}

// True when `label` holds `word` as a whole word.
bool LabelHasWord(std::string_view label, std::string_view word) {
  std::string lower = Lower(label);
  for (size_t at = lower.find(word); at != std::string::npos; at = lower.find(word, at + 1)) {
    bool starts = at == 0 || !std::isalnum(static_cast<unsigned char>(lower[at - 1]));
    size_t after = at + word.size();
    if (starts && (after == lower.size() || !std::isalnum(static_cast<unsigned char>(lower[after])))) return true;
  }
  return false;
}

// The arm a word names when no drug is named: the only arm whose label holds
// it ("454 who received the gum" of "4-mg nicotine gum"), else the only
// drug-free one among those ("134 to chemotherapy").
std::optional<size_t> ArmWithWordInLabel(const std::vector<Arm>& arms, const std::string& word) {
  constexpr size_t kShortest = 3;  // letters of a word worth matching: "gum"
  if (word.size() < kShortest) return std::nullopt;
  std::vector<size_t> holding, drug_free;
  for (size_t i = 0; i < arms.size(); ++i)
    if (LabelHasWord(arms[i].label, word)) {
      holding.push_back(i);
      if (arms[i].regimen.drugs.empty()) drug_free.push_back(i);
    }
  if (holding.size() == 1) return holding[0];
  if (drug_free.size() == 1) return drug_free[0];
  return std::nullopt;
}

// The arm a phrase after a count names: the one whose name it repeats, else
// the one whose drugs match the components named there, or where it names
// none, the one a word of its label names.
std::optional<size_t> ArmNamedAt(const DocumentAnalysis& a, const Sentence& s, uint32_t at, const std::vector<Arm>& arms) {
  if (std::optional<size_t> labelled = ArmLabelledAt(a, at, arms)) return labelled;
  // The components written one after another right after the count ("the
  // azacitidine-venetoclax group"), not those of the next clause.
  constexpr uint32_t kMaxGap = 12;
  std::vector<std::string> named;
  uint32_t cursor = at;
  for (const Mention& m : s.mentions) {
    if (m.start < cursor) continue;
    std::optional<Component> c = ComponentOf(a, m);
    if (m.start - cursor > kMaxGap || !c) break;
    // "120 ... to dasatinib and 118 to imatinib": a count after a component starts the next arm's phrase.
    std::string_view gap = a.text().substr(cursor, m.start - cursor);
    auto digit = [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)) != 0; };
    if (!named.empty() && std::any_of(gap.begin(), gap.end(), digit)) break;
    named.insert(named.end(), c->drugs.begin(), c->drugs.end());
    cursor = m.end;
  }
  // "4 in Group B": an arm noun names no arm by itself.
  if (named.empty() && a.CueRightAfter(s, "arm_noun", at)) return std::nullopt;
  if (named.empty()) return ArmWithWordInLabel(arms, LeadingWord(a.text().substr(at, 40)));
  std::optional<size_t> best;
  for (size_t i = 0; i < arms.size(); ++i) {
    const std::vector<std::string>& drugs = arms[i].regimen.drugs;
    bool covers = std::all_of(named.begin(), named.end(),
                              [&](const std::string& d) { return std::find(drugs.begin(), drugs.end(), d) != drugs.end(); });
    if (covers && (!best || drugs.size() < arms[*best].regimen.drugs.size())) best = i;
  }
  return best;
}

// The arm a phrase naming a group names ("the prophylactic lamivudine
// group", "our control group"): the one whose drugs cover the components it
// names, else, where it names none, the drug-free arm whose label holds one of
// its words.
std::optional<size_t> ArmNamedIn(const DocumentAnalysis& a, const Sentence& s, const Span& phrase,
                                 const std::vector<Arm>& arms) {
  constexpr size_t kShortest = 4;  // letters of a word worth matching
  std::vector<std::string> named;
  for (const Component& c : ComponentsIn(a, s, phrase.start, phrase.end))
    named.insert(named.end(), c.drugs.begin(), c.drugs.end());
  std::vector<std::string> words;
  for (const ontology::Token& t : s.tokens)
    if (t.start >= phrase.start && t.end <= phrase.end && t.end - t.start >= kShortest &&
        !a.HasCueIn(s, "arm_noun", t.start, t.end) && !a.HasCueIn(s, "patients", t.start, t.end))
      words.push_back(Lower(a.text().substr(t.start, t.end - t.start)));
  std::optional<size_t> best;
  bool ambiguous = false;
  for (size_t i = 0; i < arms.size(); ++i) {
    const std::vector<std::string>& drugs = arms[i].regimen.drugs;
    std::string label = Lower(arms[i].label);
    bool fits = named.empty() ? drugs.empty() && std::any_of(words.begin(), words.end(), [&](const std::string& w) {
                                  return label.find(w) != std::string::npos;
                                })
                              : std::all_of(named.begin(), named.end(), [&](const std::string& d) {
                                  return std::find(drugs.begin(), drugs.end(), d) != drugs.end();
                                });
    if (!fits) continue;
    if (best && drugs.size() == arms[*best].regimen.drugs.size()) ambiguous = true;
    if (!best || drugs.size() < arms[*best].regimen.drugs.size()) best = i, ambiguous = false;
  }
  if (ambiguous) return std::nullopt;  // "tobramycin and group TD": two arms give tobramycin
  return best;
}

// "The prophylactic lamivudine group consisted of 37 patients": a sentence opening with an arm's name, its size
// after a verb of composition (rule_words.tsv consists_of).
std::string ConsistedPattern(const ontology::Ontology& o) {
  return R"((?i)^(\s*[^,;:()]{3,80}?)\s+)" + o.RuleWords("consists_of") + R"(\s+(\d+)\s+(?:[a-z]+\s+)?)" +
         o.CueSpellings("patients") + R"(\b)";
}

// Gives the arm found, if any, its size, unless an earlier phrase stated one.
void SizeArm(std::optional<size_t> arm, std::optional<int> n, std::vector<Arm>* arms) {
  if (arm && !(*arms)[*arm].n) (*arms)[*arm].n = n;
}

// "cisapride, 5 mg three times daily (n = 19)": a phrase opening with a number
// right after a comma gives the dose of the drug before the comma, so the
// name of the arm it sizes starts before that drug. Where it starts.
uint32_t StartOfDosedDrug(const DocumentAnalysis& a, const Sentence& s, uint32_t phrase_start) {
  static const RE2 kOpensWithNumber(R"(^\s*\d)");
  if (phrase_start <= s.span.start || a.text()[phrase_start - 1] != ',' ||
      !RE2::PartialMatch(a.Text({phrase_start, s.span.end}), kOpensWithNumber))
    return phrase_start;
  size_t boundary = a.Text({s.span.start, phrase_start - 1}).find_last_of(",;:([");
  return boundary == std::string_view::npos ? s.span.start : s.span.start + static_cast<uint32_t>(boundary) + 1;
}

// "The prophylactic lamivudine group consisted of 37 patients", "Of our
// control group (n = 50), ...": a count after the name of an arm.
void AssignCountsAfterArmNames(const DocumentAnalysis& a, const Sentence& s, std::vector<Arm>* arms) {
  const RE2& consisted = a.ontology().Regex<ConsistedPattern>();
  // The name may hold bracketed doses ("ZDV (500 mg daily) alone (group I, n = 38)"), and the size may follow
  // the arm's label in its bracket.
  static const RE2 kBracketed(R"((?i)((?:[^,;:()]|\([^()]*\)){3,120}?)\s*)" + LabelledGroupSize());
  std::string_view text = a.Text(s.span);
  auto assign = [&](re2::StringPiece phrase, const std::string& count) {
    uint32_t phrase_start = s.span.start + static_cast<uint32_t>(phrase.data() - text.data());
    uint32_t end = phrase_start + static_cast<uint32_t>(phrase.size());
    uint32_t start = StartOfDosedDrug(a, s, phrase_start);
    // "A (n = 31) or B (n = 29)", "a once-daily dose of tobramycin and group TD (n = 21)": the name
    // starts after the last "or", or after the last "and" that no drug follows ("clonidine and
    // methylphenidate (n = 32)" names both).
    for (const Mention& cue : s.cues) {
      if (cue.start < start || cue.end > end) continue;
      std::string_view role = a.CueRole(cue);
      bool no_drug_follows = ComponentsIn(a, s, cue.end, end).empty();
      if (role == "comparison" || (role == "conjunction" && no_drug_follows)) start = cue.end;
    }
    SizeArm(ArmNamedIn(a, s, {start, end}, *arms), ParseCount(count), arms);
  };
  re2::StringPiece phrase;
  std::string count;
  if (RE2::PartialMatch(text, consisted, &phrase, &count)) assign(phrase, count);
  re2::StringPiece input(text.data(), text.size());
  while (RE2::FindAndConsume(&input, kBracketed, &phrase, &count)) assign(phrase, count);
}

// The count written from the token `*words`, which it widens over a number
// spelled across hyphens ("Thirty-five patients received"); nullopt for no
// number, for a later word of such a number ("five" of "thirty-five") and for
// a compound that is no number ("two-drug").
std::optional<int> CountWrittenAt(std::string_view text, Span* words) {
  auto letter = [&](size_t at) { return at < text.size() && std::isalpha(static_cast<unsigned char>(text[at])) != 0; };
  if (words->start >= 2 && text[words->start - 1] == '-' && letter(words->start - 2)) return std::nullopt;
  uint32_t end = words->end;
  while (end + 1 < text.size() && text[end] == '-' && letter(end + 1) && letter(end - 1)) {
    end += 1;
    while (letter(end)) ++end;
  }
  std::optional<int> count = ParseCount(text.substr(words->start, end - words->start));
  if (count) words->end = end;
  return count;
}

// Where the treatment is named after a treatment verb (cues.tsv) starting at
// `at`, past its article ("received the lozenge"); nullopt when none starts there.
std::optional<uint32_t> TreatmentAfterVerbAt(const DocumentAnalysis& a, const Sentence& s, uint32_t at) {
  static const RE2 kArticle(R"(^\s*(?:the\s+)?)");
  for (const Mention& cue : s.cues)
    if (cue.start == at && a.CueRole(cue) == "treatment") {
      re2::StringPiece rest(a.text().data() + cue.end, s.span.end - cue.end);
      RE2::Consume(&rest, kArticle);
      return static_cast<uint32_t>(rest.data() - a.text().data());
    }
  return std::nullopt;
}

// The relative pronoun opening what a count's patients received, after any bracket (rule_words.tsv
// recipient_pronoun).
std::string RecipientPronounPattern(const ontology::Ontology& o) {
  return R"(^\s*(?:\([^()]*\)\s*)?)" + o.RuleWords("recipient_pronoun") + R"(\s+)";
}

// The preposition between a count's patients noun and the drug they received, after any closing bracket
// (rule_words.tsv recipient_preposition).
std::string RecipientPrepositionPattern(const ontology::Ontology& o) {
  return R"(^\)?\s*)" + o.RuleWords("recipient_preposition") + R"(\s+)";
}

// Where the treatment a count of patients received is named: "447 who
// received the lozenge", "9 of 47 patients (19%) who received docetaxel plus
// thalidomide": the count, a patients noun (cues.tsv) or a relative pronoun
// (rule_words.tsv recipient_pronoun) or both, then a treatment verb (cues.tsv)
// and its article, or after the patients noun a preposition (rule_words.tsv
// recipient_preposition) and a drug.
std::optional<uint32_t> RecipientsTreatmentAt(const DocumentAnalysis& a, const Sentence& s, uint32_t count_end) {
  uint32_t at = count_end;
  auto skip = [&](const RE2& pattern) {
    re2::StringPiece rest(a.text().data() + at, s.span.end - at);
    if (!RE2::Consume(&rest, pattern)) return false;
    at = static_cast<uint32_t>(rest.data() - a.text().data());
    return true;
  };
  bool patients = false;
  for (const Mention& cue : s.cues)
    if (!patients && cue.start >= at && a.CueRole(cue) == "patients" &&
        ontology::Trim(a.text().substr(at, cue.start - at)).empty()) {
      at = cue.end;
      patients = true;
    }
  static const RE2 kSpaces(R"(^\s*)");
  if (!skip(a.ontology().Regex<RecipientPronounPattern>()) && !(patients && skip(kSpaces))) return std::nullopt;
  if (std::optional<uint32_t> treatment = TreatmentAfterVerbAt(a, s, at)) return treatment;
  // "(9 of 204 patients) after iopamidol", "patients on dasatinib": a drug
  // right after the preposition.
  if (!patients || !skip(a.ontology().Regex<RecipientPrepositionPattern>())) return std::nullopt;
  bool drug_follows = std::any_of(s.mentions.begin(), s.mentions.end(), [&](const Mention& m) {
    return m.start == at && ComponentOf(a, m).has_value();
  });
  return drug_follows ? std::optional<uint32_t>(at) : std::nullopt;
}

// "Of the 238 patients randomized, 120 received dasatinib and 118 received
// imatinib": a bare count opening a clause (not "aged 60 received"), right
// before a treatment verb (cues.tsv treatment), counts those given what the
// verb names.
std::optional<uint32_t> BareRecipientsTreatmentAt(const DocumentAnalysis& a, const Sentence& s, const Span& count) {
  static const RE2 kClauseOpens(R"((?i)(?:^|[,;]|\band)\s*$)");
  if (!RE2::PartialMatch(a.text().substr(s.span.start, count.start - s.span.start), kClauseOpens)) return std::nullopt;
  uint32_t verb = count.end;
  while (verb < s.span.end && std::isspace(static_cast<unsigned char>(a.text()[verb]))) ++verb;
  return TreatmentAfterVerbAt(a, s, verb);
}

// "447 who received the lozenge and 454 who received the gum", "None of 23
// patients who received docetaxel alone", "120 received dasatinib", "13
// patients received phenylephrine": the counts of patients given a treatment,
// and where the treatment is named, in order.
std::vector<std::pair<int, uint32_t>> CountsOfRecipients(const DocumentAnalysis& a, const Sentence& s) {
  std::vector<std::pair<int, uint32_t>> out;
  for (const ontology::Token& t : s.tokens) {
    Span words{t.start, t.end};
    std::optional<int> count = CountWrittenAt(a.text(), &words);
    if (!count) continue;
    std::optional<uint32_t> at = RecipientsTreatmentAt(a, s, words.end);
    if (!at) at = BareRecipientsTreatmentAt(a, s, words);
    if (at && !CountsAnOutcome(a, s, words.start, *at)) out.push_back({*count, *at});
  }
  return out;
}

// The number of patients given an arm's treatment is its size.
void AssignCountsOfRecipients(const DocumentAnalysis& a, const Sentence& s, std::vector<Arm>* arms) {
  for (const auto& [n, at] : CountsOfRecipients(a, s)) SizeArm(ArmNamedAt(a, s, at, *arms), n, arms);
}

// "14 of 151 (9.3%) in the DFMO plus sulindac group", "32.7% (16/49) in the
// infusion group", "303 (80%) of 379 participants in the placebo group", "In
// the bolus group, 26.0% (13/50) had ...": the denominator of a result given
// for an arm is the arm's size, where nothing earlier stated it.
void AssignDenominatorsOfArms(const DocumentAnalysis& a, const Sentence& s, std::vector<Arm>* arms) {
  static const RE2 kDenominator(
      R"((?i)\b\d+\s*(?:\(\s*[\d.]+\s*%\s*\)\s*)?(?:/|of)\s*(\d+)\s*(?:[a-z]+\s*)?\)?\s*)"
      R"((?:\(\s*[\d.]+\s*%\s*\)\s*)?(?:of\s+(?:the\s+)?[a-z]+\s+)?in\s+(?:the\s+)?)");
  // "In the bolus group, 26.0% (13/50) had akathisia": the arm opens the
  // sentence and its first fraction follows.
  static const RE2 kOpeningArm(R"((?i)^\s*in\s+the\s+)");
  static const RE2 kFraction(R"(\b\d+\s*(?:/|of)\s*(\d+)\b)");
  std::string_view text = a.Text(s.span);
  auto assign = [&](std::optional<size_t> arm, re2::StringPiece count) {
    SizeArm(arm, ParseCount(std::string_view(count.data(), count.size())), arms);
  };
  re2::StringPiece opening(text.data(), text.size()), count;
  if (RE2::Consume(&opening, kOpeningArm) && RE2::PartialMatch(opening, kFraction, &count))
    assign(ArmNamedAt(a, s, s.span.start + static_cast<uint32_t>(opening.data() - text.data()), *arms), count);
  re2::StringPiece input(text.data(), text.size());
  while (RE2::FindAndConsume(&input, kDenominator, &count))
    assign(ArmNamedAt(a, s, s.span.start + static_cast<uint32_t>(input.data() - text.data()), *arms), count);
}

// The arm a short name stands for where the document defines it: the arm
// all of whose drugs its clause names before "(EE)", the fullest such
// ("erlotinib ... plus entinostat ... (EE) or erlotinib plus placebo (EP)").
std::optional<size_t> ArmOfShortName(const DocumentAnalysis& a, const std::string& name, const std::vector<Arm>& arms) {
  const std::string defined = "(" + name + ")";
  for (const Sentence* s : a.study_sentences()) {
    size_t at = a.Text(s->span).find(defined);
    if (at == std::string_view::npos) continue;
    uint32_t end = s->span.start + static_cast<uint32_t>(at), start = s->span.start;
    for (const Mention& cue : s->cues)
      if (cue.end <= end && a.CueRole(cue) == "comparison") start = cue.end;
    std::set<std::string> named;
    for (const Component& c : ComponentsIn(a, *s, start, end)) named.insert(c.drugs.begin(), c.drugs.end());
    std::optional<size_t> fullest;
    for (size_t i = 0; i < arms.size(); ++i) {
      const std::vector<std::string>& drugs = arms[i].regimen.drugs;
      bool all_named = !drugs.empty() &&
                       std::all_of(drugs.begin(), drugs.end(), [&](const std::string& d) { return named.count(d) > 0; });
      if (all_named && (!fullest || drugs.size() > arms[*fullest].regimen.drugs.size())) fullest = i;
    }
    return fullest;
  }
  return std::nullopt;
}

// The pieces of `list` between its separators, each a view into `list`.
std::vector<std::string_view> Pieces(std::string_view list, char separator) {
  std::vector<std::string_view> pieces;
  for (size_t start = 0;;) {
    size_t end = list.find(separator, start);
    pieces.push_back(list.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return pieces;
    start = end + 1;
  }
}

// An outcome verb (ArmOutcomeVerbs) in the last clause of the text before a bracket.
std::string OutcomeVerbBeforePattern(const ontology::Ontology& o) { return R"((?i)\b)" + ArmOutcomeVerbs(o) + R"(\b[^,;:()]*$)"; }

// "Eight patients withdrew (dasatinib 3, imatinib 5)", "who completed the
// study (placebo 120, timolol 111)": a bracket closing a clause that says what
// happened to the patients (ArmOutcomeVerbs, or cues.tsv left_study) counts
// that outcome in each arm, not the arms.
bool ListsOutcomeCounts(const DocumentAnalysis& a, const Sentence& s, uint32_t bracket) {
  std::string_view before = a.Text({s.span.start, bracket});
  if (RE2::PartialMatch(before, a.ontology().Regex<OutcomeVerbBeforePattern>())) return true;
  size_t clause = before.find_last_of(",;:");
  uint32_t start = clause == std::string_view::npos ? s.span.start : s.span.start + static_cast<uint32_t>(clause);
  return a.HasCueIn(s, "left_study", start, bracket);
}

// "(EE, 67; EP, 65)", "(placebo 126, timolol 115)", "(197 dabigatran, 107
// rivaroxaban)": a bracket listing a count for each of several names gives
// each arm a name stands for its size, when every name stands for a
// different arm ("(41 men and 17 women)" names none).
void AssignListedSizes(const DocumentAnalysis& a, const Sentence& s, std::vector<Arm>* arms) {
  static const RE2 kBracket(R"(\(([^()]{3,160})\))");
  // "N name" or "name, N" or "name, n = N"; a name of one or two words.
  static const RE2 kItem(R"(\s*(?:(\d+)\s+([A-Za-z][\w+-]*(?:\s+[A-Za-z][\w+-]*)?)|)"
                         R"(([A-Za-z][\w+-]*(?:\s+[A-Za-z][\w+-]*)?)\s*,?\s*(?:n\s*=\s*)?(\d+))\s*)");
  std::string_view text = a.Text(s.span);
  re2::StringPiece input(text.data(), text.size()), list;
  while (RE2::FindAndConsume(&input, kBracket, &list)) {
    std::string_view items(list.data(), list.size());
    if (ListsOutcomeCounts(a, s, s.span.start + static_cast<uint32_t>(list.data() - text.data()) - 1)) continue;
    std::vector<std::string_view> pieces = Pieces(items, items.find(';') != std::string_view::npos ? ';' : ',');
    std::vector<std::pair<size_t, std::optional<int>>> sizes;
    std::set<size_t> named;
    for (std::string_view item : pieces) {
      re2::StringPiece count_before, name_after, name_before, count_after;
      if (!RE2::FullMatch(item, kItem, &count_before, &name_after, &name_before, &count_after)) break;
      re2::StringPiece name = name_after.empty() ? name_before : name_after;
      uint32_t at = s.span.start + static_cast<uint32_t>(name.data() - text.data());
      std::optional<size_t> arm = ArmNamedIn(a, s, {at, at + static_cast<uint32_t>(name.size())}, *arms);
      if (!arm) arm = ArmOfShortName(a, std::string(name.data(), name.size()), *arms);
      if (!arm || !named.insert(*arm).second) break;
      re2::StringPiece count = count_before.empty() ? count_after : count_before;
      sizes.push_back({*arm, ParseCount(std::string_view(count.data(), count.size()))});
    }
    if (sizes.size() < 2 || sizes.size() != pieces.size()) continue;
    for (const auto& [arm, n] : sizes) SizeArm(arm, n, arms);
  }
}

// "271 to blinatumomab and 134 to chemotherapy", "154 in the ponatinib arm",
// "112 were assigned to each group".
void AssignArmCounts(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences, std::vector<Arm>* arms) {
  // "112 were assigned to each group", "20 patients (10 in each group)", "four groups (n = 25 each)", "(n=12 per group)".
  static const RE2 kEach(
      R"((?i)\b(\d+)\s+(?:patients\s+)?(?:were\s+)?(?:(?:assigned|randomized|randomised|allocated)\s+to|in)\s+each\s+(?:group|arm))"
      R"(|\bn\s*=\s*(\d+)\s+(?:each|per\s+(?:group|arm))\b)");
  for (const Sentence* s : sentences) {
    std::string_view text = a.Text(s->span);
    re2::StringPiece rest(text.data(), text.size()), each, each_n;
    if (RE2::FindAndConsume(&rest, kEach, &each, &each_n)) {
      // "3 patients in each group withdrew" counts an outcome.
      re2::StringPiece count = each.empty() ? each_n : each;
      auto offset = [&](const char* p) { return s->span.start + static_cast<uint32_t>(p - text.data()); };
      if (!CountsAnOutcome(a, *s, offset(count.data()), offset(rest.data()))) {
        for (Arm& arm : *arms)
          if (!arm.n) arm.n = ParseCount(std::string_view(count.data(), count.size()));
        continue;
      }
    }
    for (const auto& [n, at] : CountsSentTo(a, *s)) SizeArm(ArmNamedAt(a, *s, at, *arms), n, arms);
    AssignCountsAfterArmNames(a, *s, arms);
    AssignCountsOfRecipients(a, *s, arms);
    AssignListedSizes(a, *s, arms);
  }
  for (const Sentence* s : sentences) AssignDenominatorsOfArms(a, *s, arms);
}

// ---- Protocols that describe each arm under a label ("- Arm I: Patients
// receive ...", "- Arms III and IV: ...", ClinicalTrials.gov outlines).

// A list of arm labels: "I", "I and II", "I, II, and III", "A & B".
constexpr char kLabelList[] = R"((?:[IVX]+|\d+|[A-Z])(?:\s*(?:,\s*and|,|and|&)\s*(?:[IVX]+|\d+|[A-Z]))*)";

// "I, II and IV" -> {"Arm I", "Arm II", "Arm IV"}.
std::vector<std::string> ArmLabelsIn(std::string_view list) {
  static const RE2 kLabel(R"(\b([IVX]+|\d+|[A-Z])\b)");
  std::vector<std::string> labels;
  re2::StringPiece input(list.data(), list.size());
  std::string label;
  while (RE2::FindAndConsume(&input, kLabel, &label)) {
    std::transform(label.begin(), label.end(), label.begin(), [](unsigned char c) { return std::toupper(c); });
    AddUnique(&labels, "Arm " + label);
  }
  return labels;
}

// The arm labels a clause opens with, normalised ("Arm I", "Arm II"), and the
// length of the label up to its colon ("- Arm IV (high-dose MTX):", "GROUP I
// ARM II COMBINATION CHEMOTHERAPY (CONSOLIDATION):", a heading in capitals
// under a group label), or up to the verb that gives the arm its treatment
// ("arm B received ...").
std::vector<std::string> OpeningArmLabels(const DocumentAnalysis& a, const Sentence& s, const Span& clause,
                                          size_t* label_length) {
  static const RE2 kOpening(std::string(R"((?i)^([\s\-*•]*(?-i:[A-Z][A-Za-z0-9 ,()/-]{0,60}:\s*)?)") +
                            R"((?:group\s+[IVX0-9]+\s+)?(?:arms?|regimens?)\s+()" + kLabelList +
                            R"()\b(?-i:\s+[A-Z][A-Z ,/-]*)?\s*(?:\([^)]*\))?\s*(:?)))");
  std::string_view text = a.Text(clause);
  re2::StringPiece whole;
  std::string list, colon;
  if (!RE2::PartialMatch(text, kOpening, &whole, &list, &colon)) return {};
  uint32_t label_end = clause.start + static_cast<uint32_t>(whole.size());
  constexpr uint32_t kVerbReach = 12;
  if (colon.empty() && !a.HasCueIn(s, "treatment", label_end, std::min(label_end + kVerbReach, clause.end))) return {};
  *label_length = whole.size();
  return ArmLabelsIn(list);
}

// True when the clause before `at` ends with a drug or placebo and words of its
// dose, route or schedule ("sargramostim (GM-CSF) SC daily", "oral placebo"),
// with no comma or conjunction to start another part.
bool EndsWithGivenDrug(const DocumentAnalysis& a, const Sentence& s, uint32_t at) {
  constexpr uint32_t kReach = 40;  // bytes: "(GM-CSF) subcutaneously (SC) daily"
  std::optional<uint32_t> named_end;
  for (const Mention& m : s.mentions)
    if ((m.category == Category::kDrug || m.category == Category::kRegimen) && m.end <= at) named_end = m.end;
  for (const Mention& cue : s.cues)
    if (cue.end <= at && a.CueRole(cue) == "inert" && (!named_end || cue.end > *named_end)) named_end = cue.end;
  if (!named_end || at - *named_end > kReach) return false;
  std::string_view gap = a.text().substr(*named_end, at - *named_end);
  return gap.find_first_of(",;:") == std::string_view::npos && !a.HasCueIn(s, "conjunction", *named_end, at) &&
         !NamesProcedure(a, s, *named_end, at);
}

// "induction therapy as in arm I", "as in arms I, II, and III": the arms whose
// drugs a sentence copies. "tacrolimus and methotrexate as in arm I",
// "sargramostim SC daily as in arm I", "oral placebo as in arm I" name what
// they give; the reference only says its schedule.
std::vector<std::string> ReferencedArmLabels(const DocumentAnalysis& a, const Sentence& s) {
  static const RE2 kReference(std::string(R"((?i)(\bas in (?:arms?|regimens?)\s+()") + kLabelList + R"()\b))");
  std::string_view text = a.Text(s.span);
  re2::StringPiece whole;
  std::string list;
  if (!RE2::PartialMatch(text, kReference, &whole, &list)) return {};
  uint32_t at = s.span.start + static_cast<uint32_t>(whole.data() - text.data());
  constexpr uint32_t kAdjacent = 2;  // a space, or a comma and no more
  for (const Mention& m : s.mentions)
    if ((m.category == Category::kDrug || m.category == Category::kRegimen) && m.end <= at && at - m.end <= kAdjacent)
      return {};
  if (EndsWithGivenDrug(a, s, at)) return {};
  return ArmLabelsIn(list);
}

// A bullet or a "Heading:" opens a new part of the outline.
bool OpensOutlineItem(std::string_view sentence) {
  static const RE2 kItem(R"(^\s*(?:[-*•]|[A-Z][A-Za-z0-9 ,()/-]{0,50}:))");
  return RE2::PartialMatch(sentence, kItem);
}

// "Method I: ...", "Acute lymphoblastic leukemia: ...", "NOTE: ...": a
// heading with no bullet that names no treatment phase divides the arm being
// described; a bullet or a phase ("Consolidation therapy:") starts anew.
bool OpensSubheading(const DocumentAnalysis& a, const Sentence& s) {
  static const RE2 kBullet(R"(^\s*[-*•])");
  return !RE2::PartialMatch(a.Text(s.span), kBullet) && !OpensWithPhaseLabel(a, s);
}

// A sentence about the trial as a whole ("This randomized phase III trial is
// studying ...", "patients are followed up", "A with or without B", "In both
// arms, ...") closes the arm being described.
bool SpeaksOfWholeTrial(const DocumentAnalysis& a, const Sentence& s) {
  return a.HasCue(s, "own_study") || a.HasCue(s, "trial_noun") || a.HasCue(s, "follow_up") ||
         a.HasCue(s, "optional_part") || a.HasCue(s, "every_arm") ||
         std::any_of(s.mentions.begin(), s.mentions.end(), [](const Mention& m) { return m.category == Category::kDesign; });
}

struct LabeledArm {
  std::string label;
  std::vector<Component> parts;
  std::vector<std::string> copies;  // labels of arms whose drugs it receives too
  Span evidence;
};

// "In the experimental arm, ...", "The control group:", "Dasatinib for
// dasatinib arm:": an arm named by a phrase ending in an arm noun (cues.tsv
// arm_noun) that opens the clause, and the length of that opening up to its
// comma or colon (none when a drug for the arm opens the clause).
std::optional<std::string> OpeningGroupLabel(const DocumentAnalysis& a, const Sentence& s, const Span& clause,
                                             size_t* label_length) {
  static const RE2 kOpening(
      R"((?i)^(\s*(?:(?:in|on)?\s*the|([A-Za-z-]+)\s+for(?:\s+the)?)\s+(([A-Za-z-]+\s+){1,2}?([A-Za-z]+))\s*[,:]))");
  std::string_view text = a.Text(clause);
  re2::StringPiece whole, given, name, words, noun;
  if (!RE2::PartialMatch(text, kOpening, &whole, &given, &name, &words, &noun)) return std::nullopt;
  uint32_t noun_start = clause.start + static_cast<uint32_t>(noun.data() - text.data());
  bool arm_noun = std::any_of(s.cues.begin(), s.cues.end(), [&](const Mention& cue) {
    return cue.start == noun_start && a.CueRole(cue) == "arm_noun";
  });
  if (!arm_noun) return std::nullopt;
  // "Chidamide for chidamide arm: 10mg/d": the words before "for" are what the arm receives.
  *label_length = given.empty() ? whole.size() : 0;
  return std::string(name.data(), name.size());
}

// The clauses of a sentence, split at semicolons ("arm A received X; arm B received X and Y").
std::vector<Span> Clauses(const DocumentAnalysis& a, const Sentence& s) {
  std::vector<Span> clauses;
  std::string_view text = a.Text(s.span);
  uint32_t start = s.span.start;
  for (size_t semicolon = text.find(';'); semicolon != std::string_view::npos; semicolon = text.find(';', semicolon + 1)) {
    uint32_t end = s.span.start + static_cast<uint32_t>(semicolon);
    clauses.push_back({start, end});
    start = end + 1;
  }
  clauses.push_back({start, s.span.end});
  return clauses;
}

// Reads a labelled protocol outline. Drugs written under an arm's label (its
// clause and the unlabeled ones that follow until the next outline item or
// a sentence about the whole trial) belong to that arm; drugs given
// elsewhere, outside a sentence contrasting arms, belong to all arms.
class LabeledArmReader {
 public:
  explicit LabeledArmReader(const DocumentAnalysis& a) : a_(a) {}
  void Read(const Sentence& s);
  //! The arms, when the outline has two labelled arms at least; no arm keeps a
  //! substitute for allergic patients next to the drug it replaces.
  std::optional<std::vector<Arm>> Arms(const std::vector<AllergySubstitute>& allergy_substitutes);

 private:
  void ReadClause(const Sentence& s, const Span& clause, bool treatment, const std::vector<std::string>& copied);
  LabeledArm& ArmLabelled(const std::string& label);
  bool ContrastsArms(const Sentence& s);
  bool NamedUnderALabel(const Component& c) const;
  std::vector<Component> PartsOf(const LabeledArm& x) const;

  const DocumentAnalysis& a_;
  std::vector<LabeledArm> arms_;
  std::vector<Component> common_, everyone_;  // given outside the labels; stated for all patients
  std::vector<std::string> current_;          // labels of the item being read
  bool outline_ = false;                      // "Arm I:" labels, not only group phrases
  std::optional<bool> contrasts_;             // ContrastsArms of the sentence being read, once asked
};

void LabeledArmReader::Read(const Sentence& s) {
  if (s.is_title) return;
  bool new_item = OpensOutlineItem(a_.Text(s.span)) && (current_.empty() || !OpensSubheading(a_, s));
  if (new_item || SpeaksOfWholeTrial(a_, s)) current_.clear();
  contrasts_.reset();
  bool treatment = IsTreatmentSentence(a_, s);
  std::vector<std::string> copied = ReferencedArmLabels(a_, s);
  for (const Span& clause : Clauses(a_, s)) ReadClause(s, clause, treatment, copied);
}

void LabeledArmReader::ReadClause(const Sentence& s, const Span& clause, bool treatment,
                                  const std::vector<std::string>& copied) {
  size_t label_length = 0;
  std::vector<std::string> opening = OpeningArmLabels(a_, s, clause, &label_length);
  outline_ |= !opening.empty();
  if (opening.empty())
    if (std::optional<std::string> group = OpeningGroupLabel(a_, s, clause, &label_length)) opening = {*group};
  if (!opening.empty()) current_ = opening;
  // The label's own words ("Arm II (high-dose MTX):") name the arm, not what it adds.
  std::vector<Component> found = ComponentsIn(a_, s, clause.start + static_cast<uint32_t>(label_length), clause.end);
  for (const std::string& label : current_) {
    LabeledArm& x = ArmLabelled(label);
    if (x.evidence.end == 0) x.evidence = s.span;
    if (treatment) Merge(&x.parts, found);
    for (const std::string& other : copied) AddUnique(&x.copies, other);
  }
  // "dexamethasone vs prednisone" contrasts the arms; it gives nobody both.
  if (current_.empty() && treatment && !ContrastsArms(s)) Merge(a_.HasCue(s, "every_arm") ? &everyone_ : &common_, found);
}

// Whether the sentence contrasts arms; the same for each of its clauses, so
// worked out once.
bool LabeledArmReader::ContrastsArms(const Sentence& s) {
  if (!contrasts_) contrasts_ = SplitAtComparison(a_, s, s.span.start, Sides::kPhrase).has_value();
  return *contrasts_;
}

LabeledArm& LabeledArmReader::ArmLabelled(const std::string& label) {
  for (LabeledArm& x : arms_)
    if (x.label == label) return x;
  arms_.push_back({label, {}, {}, {}});
  return arms_.back();
}

// A drug written under some arm's label is that arm's, however often a
// summary names it with the others ("tacrolimus and methotrexate with or
// without sirolimus").
bool LabeledArmReader::NamedUnderALabel(const Component& c) const {
  return std::any_of(arms_.begin(), arms_.end(), [&](const LabeledArm& x) {
    std::vector<Component> merged = x.parts;
    Merge(&merged, {c});
    return merged.size() == x.parts.size();
  });
}

// The arm's own parts and those of the arms it copies, followed through
// ("Arm IV as in arm III", "Arm III as in arm I").
std::vector<Component> LabeledArmReader::PartsOf(const LabeledArm& x) const {
  std::vector<Component> parts = x.parts;
  std::vector<std::string> copies = x.copies;
  for (size_t i = 0; i < copies.size(); ++i)
    for (const LabeledArm& y : arms_)
      if (y.label == copies[i]) {
        Merge(&parts, y.parts);
        for (const std::string& further : y.copies) AddUnique(&copies, further);
      }
  return parts;
}

std::optional<std::vector<Arm>> LabeledArmReader::Arms(const std::vector<AllergySubstitute>& allergy_substitutes) {
  bool any_drug = !common_.empty() || !everyone_.empty() ||
                  std::any_of(arms_.begin(), arms_.end(), [](const LabeledArm& x) { return !x.parts.empty(); });
  // "In the HLHS group, the mothers smoked": groups named in prose that receive nothing are no arms.
  if (arms_.size() < 2 || (!any_drug && !outline_)) return std::nullopt;
  // Only drugs no label names, or drugs stated for all patients, go to every arm.
  std::erase_if(common_, [&](const Component& c) { return NamedUnderALabel(c); });
  Merge(&common_, everyone_);
  std::vector<Arm> out;
  for (const LabeledArm& x : arms_) {
    std::vector<Component> parts = PartsOf(x);
    Merge(&parts, common_);
    parts = WithoutAllergySubstitutes(WithoutGenericSupportiveCare(a_.ontology(), parts), allergy_substitutes);
    out.push_back({x.label, RegimenOf(parts, {}), std::nullopt, x.evidence});
  }
  return out;
}

std::optional<std::vector<Arm>> LabeledArms(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences) {
  LabeledArmReader reader(a);
  for (const Sentence* s : sentences) reader.Read(*s);
  return reader.Arms(AllergySubstitutes(a, sentences));
}

// True when the two diseases are different kinds of one narrower disease than
// a root ("acute myeloid leukemia" and "acute lymphoblastic leukemia" are both
// acute leukemias): a reader takes one for a contradiction of the other.
bool SiblingDiseases(const ontology::Ontology& o, uint32_t x, uint32_t y) {
  if (o.DiseaseIsA(x, y) || o.DiseaseIsA(y, x)) return false;
  for (uint32_t e = 0; e < o.diseases.size(); ++e)
    if (!o.diseases.first(e, ontology::Ontology::kDiseaseParent).empty() && o.DiseaseIsA(x, e) &&
        o.DiseaseIsA(y, e))
      return true;
  return false;
}

std::vector<uint32_t> DiseasesIn(const Sentence& s) {
  std::vector<uint32_t> out;
  for (const Mention& m : s.mentions)
    if (m.category == Category::kDisease) out.push_back(m.entry);
  return out;
}

// "Cladribine in Combination With GAP in ... Acute Lymphoblastic Leukemia",
// then a sentence copied from another protocol "... and aclarubicin (C-CAG)
// in patients with refractory/relapsed acute myeloid leukemia": a sentence
// whose every disease is a sibling of a disease the title names, and a kind
// of none, describes another study's treatment.
bool ContradictsTitleDisease(const DocumentAnalysis& a, const Sentence& s) {
  if (s.is_title || a.sentences().empty() || !a.sentences().front().is_title) return false;
  std::vector<uint32_t> title = DiseasesIn(a.sentences().front()), own = DiseasesIn(s);
  if (title.empty() || own.empty()) return false;
  const ontology::Ontology& o = a.ontology();
  return std::all_of(own.begin(), own.end(), [&](uint32_t d) {
    bool related =
        std::any_of(title.begin(), title.end(), [&](uint32_t t) { return o.DiseaseIsA(d, t) || o.DiseaseIsA(t, d); });
    return !related && std::any_of(title.begin(), title.end(), [&](uint32_t t) { return SiblingDiseases(o, d, t); });
  });
}

// "Patients that are NGS-MRD positive will be followed on the observational
// arm": a group of the study that receives no study treatment, named beside a
// single protocol's regimen, is an arm with no drugs.
std::optional<Arm> DrugFreeArm(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences) {
  for (const Sentence* s : sentences)
    for (const Mention& cue : s->cues)
      if (a.CueRole(cue) == "drug_free_arm" && a.CueFollows(*s, cue, "arm_noun"))
        return Arm{std::string(a.Text(cue)) + " arm", {}, std::nullopt, s->span};
  return std::nullopt;
}

}  // namespace

// ---- Groups an abstract labels with a short code ("Group OD (n = 22)
// received ... and group TD (n = 21) received ...", "Group PS, the control
// group, received ...; Group LS, lidocaine ...").

// A group's code (rule_words.tsv group_label) opening a clause, optionally after the people in it ("patients in");
// groups: the clause's opening up to the code, the code, the size bracketed right after it.
std::string GroupOpenerPattern(const ontology::Ontology& o) {
  return R"(((?:^|[;,:]|\band)\s*(?i:(?:)" + o.CueSpellings("patients") + R"(\s+in\s+)?(?:the\s+)?)" +
         o.RuleWords("group_label") + R"()\s+)([A-Z][A-Z0-9]{0,3}|\d{1,2})\b(?:\s*\(\s*)" + kNEquals + R"(\s*\))?)";
}

// One labelled group: its code, size and where the words about it lie.
struct LabelledGroup {
  std::string label;   //!< "Group OD"
  std::optional<int> n;  //!< the size bracketed after the code
  Span words;          //!< from after the code (and size) to the next group's opener
  const Sentence* sentence = nullptr;  //!< the sentence the words are in
};

// The groups one sentence labels, in order.
std::vector<LabelledGroup> LabelledGroupsIn(const DocumentAnalysis& a, const Sentence& s) {
  std::string_view text = a.Text(s.span);
  re2::StringPiece input(text.data(), text.size()), opening;
  std::string code, n;
  std::vector<LabelledGroup> groups;
  while (RE2::FindAndConsume(&input, a.ontology().Regex<GroupOpenerPattern>(), &opening, &code, &n)) {
    uint32_t start = s.span.start + static_cast<uint32_t>(opening.data() - text.data());
    uint32_t end = s.span.start + static_cast<uint32_t>(input.data() - text.data());
    if (!groups.empty()) groups.back().words.end = start;
    groups.push_back({"Group " + code, ParseCount(n), {end, s.span.end}, &s});
  }
  return groups;
}

// "received the same dose divided into two doses daily", "had the same combination injected ...": words that give a
// group what the group before it received (rule_words.tsv same_as_before).
std::string SameAsBeforePattern(const ontology::Ontology& o) { return R"((?i)\b)" + o.RuleWords("same_as_before") + R"(\b)"; }

// "all patients were given", "All groups received": words making the study's every group the subject of what a
// treatment verb gives (rule_words.tsv every_group, then a patients cue or an arm noun).
std::string EveryGroupPattern(const ontology::Ontology& o) {
  return R"((?i)\b)" + o.RuleWords("every_group") + R"(\s+(?:the\s+)?(?:)" + o.CueSpellings("patients") + "|" +
         o.CueSpellings("arm_noun") + R"()\s+(?:were\s+|was\s+)?)";
}

// "Two minutes later, all patients were given fentanyl", "All groups
// received 0.5% hyperbaric bupivacaine": what a sentence gives every group
// of the study, up to the end of its clause.
std::vector<Component> GivenToEveryGroup(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences) {
  std::vector<Component> shared;
  for (const Sentence* s : sentences) {
    std::string_view text = a.Text(s->span);
    re2::StringPiece input(text.data(), text.size());
    while (RE2::FindAndConsume(&input, a.ontology().Regex<EveryGroupPattern>())) {
      uint32_t verb = s->span.start + static_cast<uint32_t>(input.data() - text.data());
      if (std::optional<uint32_t> given = TreatmentAfterVerbAt(a, *s, verb))
        Merge(&shared, ComponentsIn(a, *s, *given, ClauseEnd(a, *s, *given)));
    }
  }
  return WithoutGenericSupportiveCare(a.ontology(), std::move(shared));
}

// "Group PS, the control group, received normal saline and succinylcholine;
// Group LS, lidocaine and succinylcholine; Group PR, normal saline and
// rocuronium": each group gets the drugs written after its code, a group
// naming only a placebo none, and one that receives "the same" those of the
// group before; what the study gives every group (`shared`) is every group's
// too. Nullopt unless every group is given something that way.
std::optional<std::vector<Arm>> ArmsOfGroups(const DocumentAnalysis& a, const std::vector<LabelledGroup>& groups,
                                             const std::vector<Component>& shared) {
  std::set<std::string> labels;
  for (const LabelledGroup& g : groups) labels.insert(g.label);
  if (groups.size() < 2 || labels.size() != groups.size()) return std::nullopt;
  std::vector<Arm> arms;
  for (const LabelledGroup& g : groups) {
    const Sentence& s = *g.sentence;
    // "Group B (buprenorphine group) received ... + buprenorphine": a drug named again is one part.
    std::vector<Component> parts;
    Merge(&parts, WithoutGenericSupportiveCare(a.ontology(), ComponentsIn(a, s, g.words.start, g.words.end)));
    bool placebo = a.HasCueIn(s, "inert", g.words.start, g.words.end);
    if (parts.empty() && !placebo && !arms.empty() &&
        RE2::PartialMatch(a.Text(g.words), a.ontology().Regex<SameAsBeforePattern>())) {
      arms.push_back({g.label, arms.back().regimen, g.n, s.span});
      continue;
    }
    if (parts.empty() && !placebo) return std::nullopt;
    Merge(&parts, shared);
    arms.push_back({g.label, RegimenOf(parts, {}), g.n, s.span});
  }
  return arms;
}

// "Group B (buprenorphine group) received bupivacaine + ... + buprenorphine.
// Group C (control group) received bupivacaine + ... + normal saline.": the
// groups labelled in a run of consecutive sentences, each labelling a group
// no earlier one did, read as if one sentence listed them. The runs, each
// starting at a sentence that labels a group. `per_sentence`: each sentence's groups, in order.
std::vector<std::vector<LabelledGroup>> GroupsOfConsecutiveSentences(std::vector<std::vector<LabelledGroup>> per_sentence) {
  std::vector<std::vector<LabelledGroup>> runs;
  std::vector<LabelledGroup> run;
  std::set<std::string> labels;
  for (std::vector<LabelledGroup>& groups : per_sentence) {
    bool repeats = std::any_of(groups.begin(), groups.end(), [&](const LabelledGroup& g) { return labels.count(g.label); });
    if (groups.empty() || repeats) {
      if (!run.empty()) runs.push_back(std::move(run));
      run.clear();
      labels.clear();
    }
    for (LabelledGroup& g : groups) {
      labels.insert(g.label);
      run.push_back(std::move(g));
    }
  }
  if (!run.empty()) runs.push_back(std::move(run));
  return runs;
}

// Groups labelled with a short code: those of one sentence ("Group OD (n =
// 22) received ... and group TD (n = 21) received the same"), else those of
// consecutive sentences; the first that gives every group something.
// Each sentence's groups are found once, and what every group is given only where some sentence labels a group
// (most documents label none, and both scans run a regex over every sentence). `shared`: what every group is
// given, filled on first need and kept for BracketedGroupArms.
std::optional<std::vector<Arm>> LabelledGroupArms(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences,
                                                  std::optional<std::vector<Component>>* shared) {
  std::vector<std::vector<LabelledGroup>> per_sentence;
  for (const Sentence* s : sentences) per_sentence.push_back(LabelledGroupsIn(a, *s));
  if (std::all_of(per_sentence.begin(), per_sentence.end(), [](const auto& groups) { return groups.empty(); }))
    return std::nullopt;
  if (!*shared) *shared = GivenToEveryGroup(a, sentences);
  for (const std::vector<LabelledGroup>& groups : per_sentence)
    if (std::optional<std::vector<Arm>> arms = ArmsOfGroups(a, groups, **shared)) return arms;
  for (const std::vector<LabelledGroup>& run : GroupsOfConsecutiveSentences(std::move(per_sentence)))
    if (std::optional<std::vector<Arm>> arms = ArmsOfGroups(a, run, **shared)) return arms;
  return std::nullopt;
}

// "(group BS)", "(Group C)", "(group II, n = 37)": a bracket naming a group of the study by its code (rule_words.tsv
// group_label); groups: the bracket, the code, the size.
std::string BracketedGroupPattern(const ontology::Ontology& o) {
  return R"((\(\s*(?i:(?:the\s+)?)" + o.RuleWords("group_label") + R"()\s+([A-Z][A-Z0-9]{0,3}|\d{1,2})\s*(?:,\s*)" + kNEquals +
         R"()?\s*\)))";
}

// True when a treatment verb (cues.tsv treatment) follows `at`, after spaces: "(Group S) received".
bool TreatmentVerbFollows(const DocumentAnalysis& a, const Sentence& s, uint32_t at) {
  for (const Mention& cue : s.cues)
    if (cue.start >= at && a.CueRole(cue) == "treatment")
      return ontology::Trim(a.Text({at, cue.start})).empty();
  return false;
}

// "to receive intrathecal bupivacaine plus normal saline (group BS),
// bupivacaine and fentanyl (group BF), ...": a bracket with a group's code
// closes the words of that group, from the bracket before it (or the
// sentence's start). "Study group (Group S) received bupivacaine ...,
// whereas control group (Group C) received normal saline": where every
// bracket is followed by a treatment verb, the group's words follow it, up
// to the next bracket. The groups of one sentence, in order.
std::vector<LabelledGroup> GroupsBracketedIn(const DocumentAnalysis& a, const Sentence& s) {
  std::string_view text = a.Text(s.span);
  re2::StringPiece input(text.data(), text.size()), bracket;
  std::string code, n;
  std::vector<LabelledGroup> groups;
  std::vector<Span> brackets;
  while (RE2::FindAndConsume(&input, a.ontology().Regex<BracketedGroupPattern>(), &bracket, &code, &n)) {
    uint32_t start = s.span.start + static_cast<uint32_t>(bracket.data() - text.data());
    brackets.push_back({start, start + static_cast<uint32_t>(bracket.size())});
    groups.push_back({"Group " + code, ParseCount(n), {}, &s});
  }
  bool labels_first = !brackets.empty() && std::all_of(brackets.begin(), brackets.end(), [&](const Span& b) {
    return TreatmentVerbFollows(a, s, b.end);
  });
  for (size_t i = 0; i < groups.size(); ++i)
    groups[i].words = labels_first ? Span{brackets[i].end, i + 1 < brackets.size() ? brackets[i + 1].start : s.span.end}
                                   : Span{i > 0 ? brackets[i - 1].end : s.span.start, brackets[i].start};
  return groups;
}

// Groups whose codes brackets give, one sentence's ("A (group BS), B (group
// BF), or C (group BC)"); the first sentence whose every group is given
// something. `shared` as for LabelledGroupArms.
std::optional<std::vector<Arm>> BracketedGroupArms(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences,
                                                   std::optional<std::vector<Component>>* shared) {
  for (const Sentence* s : sentences) {
    std::vector<LabelledGroup> groups = GroupsBracketedIn(a, *s);
    if (groups.size() < 2) continue;  // ArmsOfGroups needs two
    if (!*shared) *shared = GivenToEveryGroup(a, sentences);
    if (std::optional<std::vector<Arm>> arms = ArmsOfGroups(a, groups, **shared)) return arms;
  }
  return std::nullopt;
}

std::vector<Arm> ExtractArms(const DocumentAnalysis& a) {
  const std::vector<const Sentence*>& study = a.study_sentences();
  if (std::optional<std::vector<Arm>> labeled = LabeledArms(a, study)) return *labeled;
  // What every group is given: found at most once, and only for a document that labels groups.
  std::optional<std::vector<Component>> given_to_every_group;
  if (std::optional<std::vector<Arm>> grouped = LabelledGroupArms(a, study, &given_to_every_group)) {
    AssignArmCounts(a, study, &*grouped);
    return *grouped;
  }
  if (std::optional<std::vector<Arm>> randomized = RandomizedArms(a, study)) {
    AssignArmCounts(a, study, &*randomized);
    return *randomized;
  }
  if (std::optional<std::vector<Arm>> bracketed = BracketedGroupArms(a, study, &given_to_every_group)) {
    AssignArmCounts(a, study, &*bracketed);
    return *bracketed;
  }
  std::vector<Component> parts;
  std::vector<std::string> modifiers;
  Span evidence;  // the sentence naming the most parts of the regimen
  size_t evidence_parts = 0;
  for (const Sentence* s : study) {
    if (!IsTreatmentSentence(a, *s) || ContradictsTitleDisease(a, *s)) continue;
    std::vector<Component> found = ComponentsIn(a, *s, s->span.start, s->span.end);
    if (found.size() > evidence_parts) {
      evidence = s->span;
      evidence_parts = found.size();
    }
    Merge(&parts, found);
    if (IsSequential(a, *s)) AddUnique(&modifiers, std::string("sequential"));
  }
  parts = WithoutAllergySubstitutes(WithoutGenericSupportiveCare(a.ontology(), std::move(parts)),
                                    AllergySubstitutes(a, study));
  if (parts.empty()) return {};
  std::vector<Arm> arms;
  for (const std::vector<Component>& variant :
       RegimenVariants(parts, OptionalComponents(a, study), SubgroupSubstitutions(a, study))) {
    Regimen regimen = RegimenOf(variant, modifiers);
    arms.push_back({regimen.name.value_or(""), regimen, std::nullopt, evidence});
  }
  if (std::optional<Arm> observed = DrugFreeArm(a, study)) arms.push_back(*observed);
  // "erlotinib with and without entinostat ... enrolled (EE, 67; EP, 65)": the variants compared are arms whose
  // sizes a list may give.
  if (arms.size() > 1)
    for (const Sentence* s : study) AssignListedSizes(a, *s, &arms);
  return arms;
}

}  // namespace trialgraph::ingest
