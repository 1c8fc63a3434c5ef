#include "query/answer.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <span>
#include <sstream>
#include <tuple>
#include <unordered_map>

namespace trialgraph::query {

namespace {

using nlohmann::json;

template <typename T>
bool Listed(const std::vector<T>& list, const T& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// Whether `name` is one of `list`, ignoring letter case: registry tables write
// "Cytokine release syndrome" where the vocabulary's name is lower-case.
bool ListedIgnoringCase(const std::vector<std::string>& list, std::string_view name) {
  return std::any_of(list.begin(), list.end(),
                     [&](const std::string& item) { return ontology::EqualsIgnoringCase(item, name); });
}

// One relation supporting a result, seen while collecting for a trial,
// with its counts, so counting results reads no relation record.
struct Support {
  Vertex result;
  Vertex trial;
  uint32_t relation;
  RelationCounts counts;
};

// A result: its vertex and every relation supporting it, in ascending trial order.
struct Candidate {
  Vertex vertex = 0;
  std::span<const Support> support;
  size_t evidence_total = 0;
  size_t documents = 0;
};

// A question's condition on one facet: inactive, or the interned values it
// accepts (none, when no node has the value asked for), as a list and as
// the mask of those with a bit in Snapshot::FacetBits.
struct FacetFilter {
  Facet facet;
  bool active = false;
  uint64_t mask = 0;
  std::vector<uint32_t> accepted;

  explicit FacetFilter(Facet f) : facet(f) {}
  void Accept(const Snapshot& s, const std::string& value) {
    active = true;
    if (std::optional<uint32_t> id = s.FacetValueId(value)) {
      accepted.push_back(*id);
      mask |= s.FacetBit(facet, *id);
    }
  }
  //! Whether v, whose FacetBits are `bits`, has an accepted value.
  bool Accepts(const Snapshot& s, Vertex v, uint64_t bits) const {
    return AcceptsBy(s, v, bits, [&](uint32_t value) { return Listed(accepted, value); });
  }
  //! The same, with accepted(value) deciding values that have no bit.
  template <typename Accepted>
  bool AcceptsBy(const Snapshot& s, Vertex v, uint64_t bits, Accepted&& accepted_value) const {
    if (!active || (bits & mask) != 0) return true;
    if ((bits & Snapshot::FacetOverflowBit(facet)) == 0) return false;  // every value of v has a bit
    std::span<const uint32_t> values = s.FacetValues(facet, v);
    return std::any_of(values.begin(), values.end(), accepted_value);
  }
};

// Stable sort of `items` by key(item) < `keys`, least significant digit
// first. Questions group a few thousand supports by vertex, where a
// comparison sort cost more than everything else the grouping does.
template <typename T, typename Key>
void RadixSortBy(std::vector<T>* items, uint32_t keys, Key key) {
  constexpr uint32_t kDigitBits = 11, kBuckets = 1u << kDigitBits;
  std::vector<T> sorted(items->size());
  std::vector<uint32_t> next(kBuckets + 1);
  for (uint32_t shift = 0; shift < 32 && (keys - 1) >> shift != 0; shift += kDigitBits) {
    std::fill(next.begin(), next.end(), 0);
    for (const T& item : *items) ++next[((key(item) >> shift) & (kBuckets - 1)) + 1];
    for (uint32_t b = 1; b <= kBuckets; ++b) next[b] += next[b - 1];
    for (const T& item : *items) sorted[next[(key(item) >> shift) & (kBuckets - 1)]++] = item;
    items->swap(sorted);
  }
}

class Evaluator {
 public:
  Evaluator(const Question& q, const Snapshot& s, const ontology::Ontology& o);

  //! Every result, counted and sorted, not yet materialised.
  std::vector<Candidate> Run();
  //! The result with its details, its first kMaxEvidence measurements and at
  //! most `evidence` supporting sentences.
  Result Materialise(const Candidate& c, size_t evidence) const;
  //! Adds "measurements" to `details`: the values of the result's REPORTS and
  //! HAS_ADVERSE_EVENT facts, at most kMaxEvidence.
  void AddMeasurements(const Candidate& c, json* details) const;
  //! At most `wanted` distinct supporting sentences, one per trial first.
  std::vector<Evidence> ListEvidence(const Candidate& c, size_t wanted) const;
  //! The names a regimen result was written as, distinct, in first-seen order.
  std::vector<uint32_t> RegimenNames(const Candidate& c) const;

 private:
  bool RegimenMatches(Vertex regimen) const {
    return !HasDrugFilter() || std::binary_search(matching_regimens_.begin(), matching_regimens_.end(), regimen);
  }
  bool HasDrugFilter() const { return !q_.with.empty() || !q_.without.empty(); }

  bool NeedsTests() const;
  void FindMatchingRegimens();
  template <typename Visit>
  void ForEachMatchingTrial(Visit&& visit);
  bool MeetsPopulationConditions(Vertex v, uint64_t bits);
  bool DiseaseMatches(uint32_t disease);
  bool TrialMatches(Vertex trial, uint64_t facet_bits);
  void AddSupport(Vertex result, uint32_t relation, Vertex trial) {
    support_.push_back({result, trial, relation, s_.CountsOf(relation)});
  }
  void CollectForTrial(Vertex trial, std::span<const Testing> tests);
  std::vector<Candidate> GroupByResult();
  void Count(Candidate* c);

  const Question& q_;
  const Snapshot& s_;
  const ontology::Ontology& o_;
  FacetFilter settings_{Facet::kSettings}, disease_{Facet::kDisease}, ph_status_{Facet::kPhStatus},
      age_group_{Facet::kAgeGroup}, phase_{Facet::kPhase};  // disease_ holds only the mask of matching diseases
  std::vector<FacetFilter> designs_;                      // one per design asked; the trial must pass them all
  int population_conditions_ = 0;                        // settings, disease, Ph status, age group asked
  std::vector<Vertex> matching_regimens_;                 // sorted, when HasDrugFilter()
  std::vector<uint32_t> asked_diseases_;                  // ontology ids of the question's diseases
  std::unordered_map<uint32_t, bool> disease_memo_;      // interned disease -> verdict
  std::vector<Support> support_;                         // in the order collected; candidates point into it
  std::vector<Vertex> scratch_documents_;                // reused by Count
};

Evaluator::Evaluator(const Question& q, const Snapshot& s, const ontology::Ontology& o) : q_(q), s_(s), o_(o) {
  for (const std::string& setting : q.settings) settings_.Accept(s, setting);
  if (q.ph_status) ph_status_.Accept(s, *q.ph_status);
  if (q.age_group) age_group_.Accept(s, *q.age_group);
  if (q.phase) phase_.Accept(s, *q.phase);
  for (const std::string& design : q.designs) designs_.emplace_back(Facet::kDesign).Accept(s, design);
  if (!q.diseases.empty()) {
    disease_.active = true;
    for (const std::string& d : q.diseases)
      if (std::optional<uint32_t> asked = o.diseases.Find(d)) asked_diseases_.push_back(*asked);
    s.ForEachFacetBit(Facet::kDisease, [&](uint32_t disease, uint64_t bit) {
      if (DiseaseMatches(disease)) disease_.mask |= bit;
    });
  }
  population_conditions_ = settings_.active + disease_.active + ph_status_.active + age_group_.active;
}

std::vector<Vertex> Intersect(const std::vector<Vertex>& a, std::span<const Vertex> b) {
  std::vector<Vertex> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

// Regimens holding a term: those containing every drug of one of its alternatives.
std::vector<Vertex> RegimensHolding(const DrugTerm& term, const Snapshot& s) {
  std::vector<Vertex> holding;
  for (const std::vector<std::string>& alternative : term.alternatives) {
    std::optional<std::vector<Vertex>> all;
    for (const std::string& inn : alternative) {
      std::optional<Vertex> drug = s.Find(MakeNodeId(NodeKind::kDrug, inn));
      std::span<const Vertex> containing = drug ? s.RegimensContaining(*drug) : std::span<const Vertex>();
      all = all ? Intersect(*all, containing) : std::vector<Vertex>(containing.begin(), containing.end());
    }
    std::vector<Vertex> united;
    if (all) std::set_union(holding.begin(), holding.end(), all->begin(), all->end(), std::back_inserter(united));
    else united = holding;
    holding = std::move(united);
  }
  return holding;
}

// The regimens satisfying the drug terms, by set algebra on the snapshot's
// sorted drug -> regimens lists: every `with` term holds, no `without` term.
void Evaluator::FindMatchingRegimens() {
  if (!HasDrugFilter()) return;
  std::vector<Vertex> matching;
  if (q_.with.empty()) matching = s_.OfKind(NodeKind::kRegimen);  // in vertex order, so sorted
  for (size_t i = 0; i < q_.with.size(); ++i)
    matching = i == 0 ? RegimensHolding(q_.with[i], s_) : Intersect(matching, RegimensHolding(q_.with[i], s_));
  for (const DrugTerm& term : q_.without) {
    std::vector<Vertex> excluded = RegimensHolding(term, s_), kept;
    std::set_difference(matching.begin(), matching.end(), excluded.begin(), excluded.end(), std::back_inserter(kept));
    matching = std::move(kept);
  }
  matching_regimens_ = std::move(matching);
}

// Whether collecting needs each trial's TESTS relations to matching regimens.
bool Evaluator::NeedsTests() const {
  return HasDrugFilter() || q_.target == Target::kRegimens || q_.target == Target::kTrials ||
         q_.target == Target::kDrugs;
}

// Calls visit(trial, tests) for each trial that meets the question, in
// ascending order, with its TESTS relations (by relation) to regimens that
// satisfy the drug terms. With `with` terms the trials come from the
// matching regimens' index, so only trials testing one are checked;
// otherwise every trial is, and with `without` terms only those testing a
// regimen that passes are visited.
template <typename Visit>
void Evaluator::ForEachMatchingTrial(Visit&& visit) {
  std::vector<Testing> tests;
  if (!q_.with.empty()) {
    for (Vertex regimen : matching_regimens_) {
      std::span<const Testing> of_regimen = s_.TrialsTesting(regimen);
      tests.insert(tests.end(), of_regimen.begin(), of_regimen.end());
    }
    // Regimens are visited in ascending order, so a stable sort by trial
    // leaves each trial's relations in (trial, regimen) = relation order.
    RadixSortBy(&tests, static_cast<uint32_t>(s_.nodes().size()), [](const Testing& t) { return t.trial; });
    for (size_t i = 0, j = 0; i < tests.size(); i = j) {
      for (j = i; j < tests.size() && tests[j].trial == tests[i].trial;) ++j;
      if (TrialMatches(tests[i].trial, tests[i].trial_facet_bits))
        visit(tests[i].trial, std::span<const Testing>(tests.data() + i, j - i));
    }
    return;
  }
  for (Vertex trial : s_.OfKind(NodeKind::kTrial)) {
    if (!TrialMatches(trial, s_.FacetBits(trial))) continue;
    tests.clear();
    if (NeedsTests())
      s_.ForEachOutRelation(trial, EdgeKind::kTests, [&](uint32_t r, Vertex regimen) {
        if (RegimenMatches(regimen)) tests.push_back({trial, r, regimen, s_.CountsOf(r), s_.FacetBits(trial)});
      });
    if (!HasDrugFilter() || !tests.empty()) visit(trial, std::span<const Testing>(tests));
  }
}

bool Evaluator::DiseaseMatches(uint32_t disease_value) {
  auto [it, inserted] = disease_memo_.emplace(disease_value, false);
  if (!inserted) return it->second;
  std::optional<uint32_t> disease = o_.diseases.Find(std::string(s_.FacetValue(disease_value)));
  it->second = disease && std::any_of(asked_diseases_.begin(), asked_diseases_.end(),
                                      [&](uint32_t asked) { return o_.DiseaseIsA(*disease, asked); });
  return it->second;
}

// `v`: a population, or a trial with its populations' values; `bits`: its FacetBits.
bool Evaluator::MeetsPopulationConditions(Vertex v, uint64_t bits) {
  return settings_.Accepts(s_, v, bits) && ph_status_.Accepts(s_, v, bits) && age_group_.Accepts(s_, v, bits) &&
         disease_.AcceptsBy(s_, v, bits, [&](uint32_t d) { return DiseaseMatches(d); });
}

// The trial's own conditions; the drug terms were applied in choosing it.
// A trial's facets hold every value of its populations, so they rule out a
// trial at once, and decide alone when the question has one population
// condition; with several, one population must meet them all.
// `facet_bits`: the trial's FacetBits.
bool Evaluator::TrialMatches(Vertex trial, uint64_t facet_bits) {
  if (!phase_.Accepts(s_, trial, facet_bits)) return false;
  for (const FacetFilter& design : designs_)
    if (!design.Accepts(s_, trial, facet_bits)) return false;
  if (population_conditions_ > 0 && !MeetsPopulationConditions(trial, facet_bits)) return false;
  if (population_conditions_ > 1 && !s_.AnyOutRelation(trial, EdgeKind::kEnrolls, [&](uint32_t, Vertex population) {
        return MeetsPopulationConditions(population, s_.FacetBits(population));
      }))
    return false;
  if (!q_.endpoints.empty() && !s_.AnyOutRelation(trial, EdgeKind::kReports, [&](uint32_t, Vertex endpoint) {
        return Listed(q_.endpoints, s_.nodes()[endpoint].name);
      }))
    return false;
  return q_.adverse_events.empty() || s_.AnyOutRelation(trial, EdgeKind::kHasAdverseEvent, [&](uint32_t, Vertex event) {
           return ListedIgnoringCase(q_.adverse_events, s_.nodes()[event].name);
         });
}

// `tests`: the trial's TESTS relations to matching regimens.
void Evaluator::CollectForTrial(Vertex trial, std::span<const Testing> tests) {
  switch (q_.target) {
    case Target::kRegimens:
      for (const Testing& t : tests) support_.push_back({t.regimen, trial, t.relation, t.counts});
      break;
    case Target::kTrials:
      for (uint32_t r : s_.InRelations(trial, EdgeKind::kDescribes)) AddSupport(trial, r, trial);
      for (const Testing& t : tests) support_.push_back({trial, trial, t.relation, t.counts});
      break;
    case Target::kDrugs:
      for (const Testing& t : tests) {
        for (uint32_t c : s_.OutRelations(t.regimen, EdgeKind::kContains)) {
          const std::string& inn = s_.nodes()[s_.Target(c)].name;
          bool asked = std::any_of(q_.with.begin(), q_.with.end(),
                                   [&](const DrugTerm& term) { return Listed(term.drugs, inn); });
          if (!asked) AddSupport(s_.Target(c), c, trial);
        }
      }
      break;
    case Target::kPopulations:
      for (uint32_t r : s_.OutRelations(trial, EdgeKind::kEnrolls)) AddSupport(s_.Target(r), r, trial);
      break;
    case Target::kEndpoints:
      for (uint32_t r : s_.OutRelations(trial, EdgeKind::kReports))
        if (q_.endpoints.empty() || Listed(q_.endpoints, s_.nodes()[s_.Target(r)].name)) AddSupport(s_.Target(r), r, trial);
      break;
    case Target::kAdverseEvents:
      for (uint32_t r : s_.OutRelations(trial, EdgeKind::kHasAdverseEvent))
        if (q_.adverse_events.empty() || ListedIgnoringCase(q_.adverse_events, s_.nodes()[s_.Target(r)].name))
          AddSupport(s_.Target(r), r, trial);
      break;
    case Target::kDocuments:
      for (uint32_t r : s_.InRelations(trial, EdgeKind::kDescribes)) AddSupport(s_.Source(r), r, trial);
      break;
  }
}

// Counts a result's distinct supporting sentences (document, offset, trial)
// and distinct documents. The per-relation counts of the snapshot answer
// the common case; only a trial supported by several relations, or a result
// with several relations, needs its own union.
void Evaluator::Count(Candidate* c) {
  std::span<const Support> support = c->support;
  for (size_t i = 0; i < support.size();) {
    size_t j = i;
    while (j < support.size() && support[j].trial == support[i].trial) ++j;
    if (j - i == 1) {
      c->evidence_total += support[i].counts.distinct_spans;
    } else {
      std::vector<std::pair<Vertex, uint32_t>> spans;
      for (size_t k = i; k < j; ++k)
        for (uint32_t f : s_.FactsOf(support[k].relation)) spans.emplace_back(s_.facts()[f].document, s_.facts()[f].start);
      std::sort(spans.begin(), spans.end());
      c->evidence_total += std::unique(spans.begin(), spans.end()) - spans.begin();
    }
    i = j;
  }
  if (support.size() == 1) {
    c->documents = support[0].counts.document_count;
    return;
  }
  std::vector<Vertex>& documents = scratch_documents_;
  documents.clear();
  for (const Support& s : support) {
    if (s.counts.document_count == 1) documents.push_back(s.counts.first_document);
    else for (Vertex d : s_.DocumentsOf(s.relation)) documents.push_back(d);
  }
  std::sort(documents.begin(), documents.end());
  c->documents = std::unique(documents.begin(), documents.end()) - documents.begin();
}

std::vector<uint32_t> Evaluator::RegimenNames(const Candidate& c) const {
  std::vector<uint32_t> names;
  for (const Support& s : c.support)
    if (s_.RelationKind(s.relation) == EdgeKind::kTests)
      for (uint32_t name : s_.RegimenNamesOf(s.relation))
        if (!Listed(names, name)) names.push_back(name);
  return names;
}

Result Evaluator::Materialise(const Candidate& c, size_t evidence) const {
  const Node& node = s_.nodes()[c.vertex];
  Result r;
  r.id = node.id;
  r.type = NodeKindName(node.kind);
  r.name = node.name;
  r.details = node.props;
  r.evidence_total = c.evidence_total;
  r.documents = c.documents;
  AddMeasurements(c, &r.details);
  if (node.kind == NodeKind::kRegimen)
    for (uint32_t name : RegimenNames(c)) r.details["names"].push_back(s_.RegimenName(name));
  r.evidence = ListEvidence(c, evidence);
  return r;
}

// How a reader knows a trial: its first reported name ("BLAST"), else its
// node name (a registry id, or a title cut to a line). Its synonyms start with
// its registry ids, so they are not where its acronyms are read.
std::string TrialLabel(const Node& trial) {
  constexpr size_t kMaxLabel = 60;
  const json& names = trial.props.value("names", json::array());
  if (!names.empty() && names.front().is_string()) return names.front().get<std::string>();
  if (trial.name.size() <= kMaxLabel) return trial.name;
  size_t cut = trial.name.rfind(' ', kMaxLabel);
  return trial.name.substr(0, cut == std::string::npos ? kMaxLabel : cut) + " ...";
}

// Every value is kept, though one sentence may give several (one per arm),
// each with the sentence it comes from, listed as evidence or not.
void Evaluator::AddMeasurements(const Candidate& c, json* details) const {
  size_t added = 0;
  for (const Support& s : c.support) {
    EdgeKind kind = s_.RelationKind(s.relation);
    if (kind != EdgeKind::kReports && kind != EdgeKind::kHasAdverseEvent) continue;
    const std::string& trial = s_.nodes()[s.trial].id;
    const std::string label = TrialLabel(s_.nodes()[s.trial]);  // once per relation, not per fact
    for (uint32_t f : s_.FactsOf(s.relation)) {
      if (added == kMaxEvidence) return;
      const Fact& fact = s_.facts()[f];
      json m = s_.FactProps(f);
      m["trial"] = trial;
      m["trial_label"] = label;
      m["document"] = s_.DocumentIdOf(fact.document);
      m["span"] = json::array({fact.start, fact.end});
      (*details)["measurements"].push_back(std::move(m));
      ++added;
    }
  }
}

// The first sentence of each trial, then the others in support order, so a
// short list shows as many trials as it can. A sentence supporting a result
// through several relations is listed once.
std::vector<Evidence> Evaluator::ListEvidence(const Candidate& c, size_t wanted) const {
  std::vector<Evidence> listed;
  std::vector<std::tuple<Vertex, uint32_t, Vertex>> sentences;  // listed's, at most kMaxEvidence: a scan is cheapest
  auto add = [&](const Support& s, uint32_t f) {
    const Fact& fact = s_.facts()[f];
    std::tuple<Vertex, uint32_t, Vertex> sentence{fact.document, fact.start, s.trial};
    if (Listed(sentences, sentence)) return false;
    sentences.push_back(sentence);
    listed.push_back({s_.SourceOf(fact.document), s_.DocumentIdOf(fact.document), s_.nodes()[s.trial].id, s_.FactText(f),
                      fact.start, fact.end});
    return true;
  };
  // Whether a trial has a sentence listed, asked of `sentences` (at most `wanted` long), so the supports of one
  // trial need not come together.
  auto trial_listed = [&](Vertex trial) {
    return std::any_of(sentences.begin(), sentences.end(), [&](const auto& t) { return std::get<2>(t) == trial; });
  };
  for (const Support& s : c.support) {
    if (listed.size() >= wanted) return listed;
    if (trial_listed(s.trial)) continue;
    for (uint32_t f : s_.FactsOf(s.relation))
      if (add(s, f)) break;
  }
  for (const Support& s : c.support)
    for (uint32_t f : s_.FactsOf(s.relation)) {
      if (listed.size() >= wanted) return listed;
      add(s, f);
    }
  return listed;
}

// One candidate per result vertex, its support kept in collection order
// (ascending trial).
std::vector<Candidate> Evaluator::GroupByResult() {
  RadixSortBy(&support_, static_cast<uint32_t>(s_.nodes().size()), [](const Support& s) { return s.result; });
  std::vector<Candidate> candidates;
  for (size_t i = 0, j = 0; i < support_.size(); i = j) {
    for (j = i; j < support_.size() && support_[j].result == support_[i].result;) ++j;
    candidates.push_back({support_[i].result, std::span<const Support>(support_.data() + i, j - i)});
  }
  return candidates;
}

// Sorted by supporting documents, then name, then vertex (a total order, so
// pages never overlap).
std::vector<Candidate> Evaluator::Run() {
  FindMatchingRegimens();
  ForEachMatchingTrial([&](Vertex trial, std::span<const Testing> tests) { CollectForTrial(trial, tests); });
  std::vector<Candidate> candidates = GroupByResult();
  for (Candidate& c : candidates) Count(&c);
  std::sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) {
    if (a.documents != b.documents) return a.documents > b.documents;
    return std::pair(s_.NameRank(a.vertex), a.vertex) < std::pair(s_.NameRank(b.vertex), b.vertex);
  });
  return candidates;
}

// "68" rather than JSON's "68.0" for a whole number; other numbers as JSON writes them.
std::string NumberText(const json& value) {
  if (value.is_number_float()) {
    double d = value.get<double>();
    if (d == std::floor(d) && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
  }
  return value.dump();
}

// "hazard ratio 0.41 (CI 0.23-0.73; p 0.002)", "grade 3 12% at 1 year (blinatumomab)".
std::string MeasurementText(const json& m) {
  std::ostringstream out;
  if (m.contains("statistic") && m["statistic"] != "rate") out << m["statistic"].get<std::string>() << " ";
  if (m.contains("grade") && !m["grade"].is_null()) out << "grade " << m["grade"].get<std::string>() << " ";
  if (!m["value"].is_null()) out << NumberText(m["value"]);
  if (!m["unit"].is_null()) out << (m["unit"] == "%" ? "" : " ") << m["unit"].get<std::string>();
  if (m.contains("timepoint") && !m["timepoint"].is_null()) out << " at " << m["timepoint"].get<std::string>();
  std::vector<std::string> qualifiers;
  if (m.contains("ci") && m["ci"].is_array() && m["ci"].size() == 2)
    qualifiers.push_back("CI " + NumberText(m["ci"][0]) + "-" + NumberText(m["ci"][1]));  // its level is not kept
  if (m.contains("p") && m["p"].is_string()) qualifiers.push_back("p " + m["p"].get<std::string>());
  if (m.contains("arm_label") && m["arm_label"].is_string()) qualifiers.push_back(m["arm_label"].get<std::string>());
  for (size_t i = 0; i < qualifiers.size(); ++i) out << (i == 0 ? " (" : "; ") << qualifiers[i];
  if (!qualifiers.empty()) out << ")";
  return out.str();
}

// One line per trial, trials in the order their first value comes:
// "E1910: 85% at 3 years (blinatumomab); hazard ratio 0.41 (...)".
// Grouped by trial id, so two trials that share a label keep their own lines.
std::string MeasurementsByTrial(const json& measurements) {
  struct Line {
    const json* trial;
    std::string text;  // "label: value; value"
  };
  std::vector<Line> lines;
  for (const json& m : measurements) {
    auto line = std::find_if(lines.begin(), lines.end(), [&](const Line& l) { return *l.trial == m["trial"]; });
    if (line == lines.end()) line = lines.insert(lines.end(), {&m["trial"], m["trial_label"].get<std::string>() + ": "});
    else line->text += "; ";
    line->text += MeasurementText(m);
  }
  std::string out;
  for (const Line& line : lines) out += (out.empty() ? "" : "\n   ") + line.text;
  return out;
}

std::string Summary(const Result& r) {
  const json& d = r.details;
  std::ostringstream out;
  if (r.type == "regimen" && d.contains("drugs")) {
    for (const json& drug : d["drugs"]) out << (out.tellp() > 0 ? ", " : "") << drug.get<std::string>();
  } else if (d.contains("measurements")) {
    out << MeasurementsByTrial(d["measurements"]);
  } else if (r.type == "trial") {
    std::vector<std::string> parts;  // the acronyms, then "phase N n=M"
    for (const json& name : d.value("names", json::array())) parts.push_back(name.get<std::string>());
    std::string size;
    if (!d.value("phase", json()).is_null()) size = "phase " + d["phase"].get<std::string>();
    if (!d.value("enrolled", json()).is_null()) size += (size.empty() ? "n=" : " n=") + d["enrolled"].dump();
    if (!size.empty()) parts.push_back(size);
    for (const std::string& part : parts) out << (out.tellp() > 0 ? "; " : "") << part;
  }
  return out.str();
}

}  // namespace

// Built by moving each part into place: nlohmann's initializer lists copy,
// and copying the evidence arrays used to cost more than building them.
json Answer::ToJson() const {
  json results_json = json::array();
  for (const Result& r : results) {
    json j = json::object();
    j["id"] = r.id;
    j["type"] = r.type;
    j["name"] = r.name;
    for (auto it = r.details.begin(); it != r.details.end(); ++it) j[it.key()] = it.value();
    json& evidence = j["evidence"] = json::array();
    for (const Evidence& e : r.evidence) {
      json item = json::object();
      item["source"] = e.source;
      item["document"] = e.document;
      item["trial"] = e.trial;
      item["text"] = e.text;
      item["span"] = json::array({e.start, e.end});
      evidence.push_back(std::move(item));
    }
    j["evidence_total"] = r.evidence_total;
    j["documents"] = r.documents;
    results_json.push_back(std::move(j));
  }
  json answer = json::object();
  answer["question"] = question;
  answer["interpretation"] = interpretation;
  answer["total"] = total;
  answer["results"] = std::move(results_json);
  return answer;
}

std::string Answer::ToTable() const {
  std::ostringstream out;
  out << interpretation << "\n" << total << " result" << (total == 1 ? "" : "s") << "\n\n";
  for (size_t i = 0; i < results.size(); ++i) {
    const Result& r = results[i];
    out << i + 1 << ". [" << r.type << "] " << r.name << "\n";
    if (std::string s = Summary(r); !s.empty()) out << "   " << s << "\n";
    std::set<std::string> sources;
    for (const Evidence& e : r.evidence) sources.insert(std::string(e.source));
    for (const std::string& s : sources) out << "   source: " << s << "\n";
    if (!r.evidence.empty()) out << "   \"" << r.evidence.front().text.substr(0, 240) << "\"\n";
  }
  return out.str();
}

Answer Evaluate(const Question& q, const Snapshot& snapshot, const ontology::Ontology& ontology, const Page& page) {
  Answer answer;
  answer.interpretation = q.Interpretation();
  Evaluator evaluator(q, snapshot, ontology);
  std::vector<Candidate> all = evaluator.Run();
  answer.total = all.size();
  for (size_t i = page.offset; i < all.size() && answer.results.size() < page.limit; ++i)
    answer.results.push_back(evaluator.Materialise(all[i], std::min(page.evidence, kMaxEvidence)));
  return answer;
}

}  // namespace trialgraph::query
