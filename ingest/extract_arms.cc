// Arms and regimens: what the patients of this trial received.
#include <re2/re2.h>

#include <algorithm>
#include <set>

#include "ingest/fact_extractors.h"
#include "ingest/values.h"

namespace trialgraph::ingest {

namespace {

// One named part of a regimen: a drug, or a named regimen with its drugs.
struct Component {
  std::string display;
  std::vector<std::string> drugs;
  std::vector<std::string> modifiers;
};

template <typename T>
void AddUnique(std::vector<T>* list, const T& item) {
  if (std::find(list->begin(), list->end(), item) == list->end()) list->push_back(item);
}

std::optional<Component> ComponentOf(const DocumentAnalysis& a, const Mention& m) {
  if (m.category == Category::kDrug) {
    const std::string& inn = a.ontology().drugs.name(m.entry);
    return Component{inn, {inn}, {}};
  }
  if (m.category == Category::kRegimen) {
    const RegimenDefinition& r = a.Regimen(m.entry);
    return Component{r.name, r.drugs, r.modifiers};
  }
  return std::nullopt;
}

// Components mentioned in [start, end) of a sentence, in order.
std::vector<Component> ComponentsIn(const DocumentAnalysis& a, const Sentence& s, uint32_t start, uint32_t end) {
  std::vector<Component> out;
  for (const Mention& m : s.mentions)
    if (m.start >= start && m.end <= end)
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

bool IsTreatmentSentence(const DocumentAnalysis& a, const Sentence& s) {
  return s.is_title || a.HasCue(s, "treatment") || a.HasCue(s, "sequential") || a.HasCue(s, "defines");
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

// Names that follow "with or without" / "+/-": optional parts of the regimen.
std::set<std::string> OptionalComponents(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences) {
  std::set<std::string> optional;
  for (const Sentence* s : sentences)
    for (const Mention& cue : s->cues) {
      if (a.CueRole(cue) != "treatment") continue;
      std::string lower(a.Text(cue));
      std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
      if (lower != "with or without") continue;
      for (const Mention& m : s->mentions)
        if (m.start >= cue.end)
          if (std::optional<Component> c = ComponentOf(a, m)) {
            optional.insert(c->display);
            break;
          }
    }
  return optional;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// "randomly assigned ... to receive A or to receive B alone".
std::optional<std::vector<Arm>> RandomizedArms(const DocumentAnalysis& a, const std::vector<const Sentence*>& sentences) {
  static const RE2 kSideCount(R"(^\s*[\(\[]\s*(?:n\s*=\s*)?(\d+)(?:\s+patients)?\s*[\)\]])");
  for (const Sentence* s : sentences) {
    const Mention* randomization = nullptr;
    for (const Mention& cue : s->cues) {
      std::string text = Lower(a.Text(cue));
      if (a.CueRole(cue) == "treatment" && (text.find("random") != std::string::npos || text == "assigned to")) {
        randomization = &cue;
        break;
      }
    }
    if (!randomization) continue;
    const Mention* comparison = FindCue(a, *s, "comparison", randomization->end);
    if (!comparison) continue;
    Span left{randomization->end, comparison->start}, right{comparison->end, s->span.end};
    std::vector<Arm> arms;
    for (const Span& side : {left, right}) {
      std::vector<Component> parts = ComponentsIn(a, *s, side.start, side.end);
      Arm arm;
      arm.regimen = RegimenOf(parts, {});
      std::string_view side_text = a.Text(side);
      arm.label = arm.regimen.name ? *arm.regimen.name : std::string(ontology::Trim(side_text.substr(0, 80)));
      arm.evidence = s->span;
      for (const Mention& m : s->mentions) {
        if (m.start < side.start || m.end > side.end || !ComponentOf(a, m)) continue;
        std::string n;
        std::string_view after = a.text().substr(m.end, 24);
        if (RE2::PartialMatch(after, kSideCount, &n)) arm.n = std::stoi(n);
      }
      arms.push_back(std::move(arm));
    }
    bool informative = !arms[0].regimen.drugs.empty() || !arms[1].regimen.drugs.empty();
    if (informative && arms[0].regimen.drugs != arms[1].regimen.drugs) return arms;
  }
  return std::nullopt;
}

// "112 were assigned to each group".
std::optional<int> PerArmCount(const DocumentAnalysis& a) {
  static const RE2 kEach(R"((?i)\b(\d+)\s+(?:patients\s+)?(?:were\s+)?(?:assigned|randomized|randomised|allocated)\s+to\s+each\s+(?:group|arm))");
  for (const Sentence& s : a.sentences()) {
    std::string n;
    if (RE2::PartialMatch(a.Text(s.span), kEach, &n)) return std::stoi(n);
  }
  return std::nullopt;
}

}  // namespace

std::vector<Arm> ExtractArms(const DocumentAnalysis& a) {
  std::vector<const Sentence*> study = StudySentences(a);
  std::optional<std::vector<Arm>> randomized = RandomizedArms(a, study);
  if (randomized) {
    if (std::optional<int> each = PerArmCount(a))
      for (Arm& arm : *randomized) arm.n = arm.n.value_or(*each);
    return *randomized;
  }
  std::vector<Component> parts;
  std::vector<std::string> modifiers;
  Span evidence;  // the first sentence of the body that names the regimen, else the title
  bool evidence_is_title = false;
  for (const Sentence* s : study) {
    if (!IsTreatmentSentence(a, *s)) continue;
    std::vector<Component> found = ComponentsIn(a, *s, s->span.start, s->span.end);
    if (found.empty()) continue;
    if (evidence.end == 0 || (!s->is_title && evidence_is_title)) {
      evidence = s->span;
      evidence_is_title = s->is_title;
    }
    Merge(&parts, found);
    if (IsSequential(a, *s)) AddUnique(&modifiers, std::string("sequential"));
  }
  if (parts.empty()) return {};
  std::set<std::string> optional = OptionalComponents(a, study);
  std::vector<Arm> arms;
  if (!optional.empty()) {
    std::vector<Component> base;
    for (const Component& c : parts)
      if (!optional.count(c.display)) base.push_back(c);
    if (!base.empty()) arms.push_back({"", RegimenOf(base, modifiers), std::nullopt, evidence});
  }
  arms.push_back({"", RegimenOf(parts, modifiers), std::nullopt, evidence});
  for (Arm& arm : arms) arm.label = arm.regimen.name.value_or("");
  return arms;
}

}  // namespace trialgraph::ingest
