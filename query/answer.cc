#include "query/answer.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace trialgraph::query {

namespace {

using nlohmann::json;

// Reads a property without inserting or asserting when it is absent.
const json& Property(const json& props, const char* key) {
  static const json kNull;
  auto it = props.find(key);
  return it == props.end() ? kNull : *it;
}

bool Listed(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// Compares in place: json == std::string would build a json per element.
bool Contains(const json& list, const std::string& item) {
  return list.is_array() && std::any_of(list.begin(), list.end(), [&](const json& element) {
           return element.is_string() && element.get_ref<const std::string&>() == item;
         });
}

// One relation supporting a result, seen while collecting for a trial.
struct Support {
  Vertex trial;
  uint32_t relation;
};

// A result being collected: its vertex and every relation supporting it,
// grouped by trial in ascending trial order.
struct Candidate {
  Vertex vertex = 0;
  std::vector<Support> support;
  size_t evidence_total = 0;
  size_t documents = 0;
};

class Evaluator {
 public:
  Evaluator(const Question& q, const Snapshot& s, const ontology::Ontology& o)
      : q_(q), s_(s), o_(o) {}

  //! Every result, counted and sorted, not yet materialised.
  std::vector<Candidate> Run();
  //! The result with its details and first kMaxEvidence sentences.
  Result Materialise(const Candidate& c) const;

 private:
  bool RegimenMatches(Vertex regimen) const {
    return !HasDrugFilter() || std::binary_search(matching_regimens_.begin(), matching_regimens_.end(), regimen);
  }
  void FindMatchingRegimens();
  std::vector<Vertex> CandidateTrials() const;
  bool PopulationMatches(Vertex population);
  bool ComputePopulationMatch(Vertex population) const;
  bool TrialMatches(Vertex trial);
  bool HasDrugFilter() const { return !q_.with.empty() || !q_.without.empty(); }
  void AddSupport(Vertex result, uint32_t relation, Vertex trial);
  void CollectForTrial(Vertex trial);
  void Count(Candidate* c) const;

  const Question& q_;
  const Snapshot& s_;
  const ontology::Ontology& o_;
  std::vector<Vertex> matching_regimens_;                 // sorted, when HasDrugFilter()
  std::unordered_map<Vertex, bool> population_memo_;
  std::unordered_map<Vertex, size_t> slot_;              // result vertex -> index in candidates_
  std::vector<Candidate> candidates_;
};

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

// The trials worth testing: with `with` terms, those testing a matching
// regimen; otherwise every trial.
std::vector<Vertex> Evaluator::CandidateTrials() const {
  if (q_.with.empty()) return s_.OfKind(NodeKind::kTrial);
  std::vector<Vertex> trials;
  for (Vertex regimen : matching_regimens_)
    s_.ForEachInRelation(regimen, EdgeKind::kTests, [&](uint32_t tests) { trials.push_back(s_.Source(tests)); });
  std::sort(trials.begin(), trials.end());
  trials.erase(std::unique(trials.begin(), trials.end()), trials.end());
  return trials;
}

bool Evaluator::PopulationMatches(Vertex population) {
  auto [it, inserted] = population_memo_.emplace(population, false);
  if (inserted) it->second = ComputePopulationMatch(population);
  return it->second;
}

bool Evaluator::ComputePopulationMatch(Vertex population) const {
  const json& p = s_.nodes()[population].props;
  if (!q_.settings.empty() &&
      std::none_of(q_.settings.begin(), q_.settings.end(), [&](const std::string& t) { return Contains(Property(p, "settings"), t); }))
    return false;
  if (!q_.diseases.empty()) {
    std::optional<uint32_t> disease = o_.diseases.Find(p.value("disease", ""));
    bool any = disease && std::any_of(q_.diseases.begin(), q_.diseases.end(), [&](const std::string& d) {
                 std::optional<uint32_t> ancestor = o_.diseases.Find(d);
                 return ancestor && o_.DiseaseIsA(*disease, *ancestor);
               });
    if (!any) return false;
  }
  if (q_.ph_status && Property(p, "ph_status") != *q_.ph_status) return false;
  if (q_.age_group && Property(p, "age_group") != *q_.age_group) return false;
  return true;
}

bool Evaluator::TrialMatches(Vertex trial) {
  if (q_.phase && Property(s_.nodes()[trial].props, "phase") != *q_.phase) return false;
  if (HasDrugFilter() &&
      !s_.AnyOutRelation(trial, EdgeKind::kTests, [&](uint32_t r) { return RegimenMatches(s_.Target(r)); }))
    return false;
  bool population_filter = !q_.settings.empty() || !q_.diseases.empty() || q_.ph_status || q_.age_group;
  if (population_filter &&
      !s_.AnyOutRelation(trial, EdgeKind::kEnrolls, [&](uint32_t r) { return PopulationMatches(s_.Target(r)); }))
    return false;
  return q_.endpoints.empty() || s_.AnyOutRelation(trial, EdgeKind::kReports, [&](uint32_t r) {
           return Listed(q_.endpoints, s_.nodes()[s_.Target(r)].name);
         });
}

void Evaluator::AddSupport(Vertex result, uint32_t relation, Vertex trial) {
  auto [it, inserted] = slot_.emplace(result, candidates_.size());
  if (inserted) candidates_.emplace_back().vertex = result;
  candidates_[it->second].support.push_back({trial, relation});
}

void Evaluator::CollectForTrial(Vertex trial) {
  auto matching_regimens = [&](auto&& visit) {
    s_.ForEachOutRelation(trial, EdgeKind::kTests, [&](uint32_t r) {
      if (RegimenMatches(s_.Target(r))) visit(r);
    });
  };
  switch (q_.target) {
    case Target::kRegimens:
      matching_regimens([&](uint32_t r) { AddSupport(s_.Target(r), r, trial); });
      break;
    case Target::kTrials:
      for (uint32_t r : s_.InRelations(trial, EdgeKind::kDescribes)) AddSupport(trial, r, trial);
      matching_regimens([&](uint32_t r) { AddSupport(trial, r, trial); });
      break;
    case Target::kDrugs:
      matching_regimens([&](uint32_t t) {
        for (uint32_t c : s_.OutRelations(s_.Target(t), EdgeKind::kContains)) {
          const std::string& inn = s_.nodes()[s_.Target(c)].name;
          bool asked = std::any_of(q_.with.begin(), q_.with.end(),
                                   [&](const DrugTerm& term) { return Listed(term.drugs, inn); });
          if (!asked) AddSupport(s_.Target(c), c, trial);
        }
      });
      break;
    case Target::kPopulations:
      for (uint32_t r : s_.OutRelations(trial, EdgeKind::kEnrolls)) AddSupport(s_.Target(r), r, trial);
      break;
    case Target::kEndpoints:
      for (uint32_t r : s_.OutRelations(trial, EdgeKind::kReports))
        if (q_.endpoints.empty() || Listed(q_.endpoints, s_.nodes()[s_.Target(r)].name)) AddSupport(s_.Target(r), r, trial);
      break;
    case Target::kAdverseEvents:
      for (uint32_t r : s_.OutRelations(trial, EdgeKind::kHasAdverseEvent)) AddSupport(s_.Target(r), r, trial);
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
void Evaluator::Count(Candidate* c) const {
  const std::vector<Support>& support = c->support;
  for (size_t i = 0; i < support.size();) {
    size_t j = i;
    while (j < support.size() && support[j].trial == support[i].trial) ++j;
    if (j - i == 1) {
      c->evidence_total += s_.DistinctSpans(support[i].relation);
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
    c->documents = s_.DocumentsOf(support[0].relation).size();
    return;
  }
  std::vector<Vertex> documents;
  for (const Support& s : support)
    for (Vertex d : s_.DocumentsOf(s.relation)) documents.push_back(d);
  std::sort(documents.begin(), documents.end());
  c->documents = std::unique(documents.begin(), documents.end()) - documents.begin();
}

Result Evaluator::Materialise(const Candidate& c) const {
  const Node& node = s_.nodes()[c.vertex];
  Result r;
  r.id = node.id;
  r.type = NodeKindName(node.kind);
  r.name = node.name;
  r.details = node.props;
  r.evidence_total = c.evidence_total;
  r.documents = c.documents;
  std::set<std::tuple<Vertex, uint32_t, Vertex>> listed;
  std::unordered_set<std::string_view> names;
  for (const Support& s : c.support) {
    EdgeKind kind = s_.RelationKind(s.relation);
    if (kind == EdgeKind::kTests && node.kind == NodeKind::kRegimen)
      for (const std::string& name : s_.RegimenNamesOf(s.relation))
        if (names.insert(name).second) r.details["names"].push_back(name);
    for (uint32_t f : s_.FactsOf(s.relation)) {
      if (r.evidence.size() >= kMaxEvidence) break;
      const Fact& fact = s_.facts()[f];
      if (!listed.insert({fact.document, fact.start, s.trial}).second) continue;
      std::string_view document = fact.document == kNoVertex ? std::string_view() : s_.nodes()[fact.document].id;
      r.evidence.push_back({s_.SourceOf(fact.document), document, s_.nodes()[s.trial].id, s_.FactText(f), fact.start, fact.end});
      if (kind == EdgeKind::kReports || kind == EdgeKind::kHasAdverseEvent) {
        json m = s_.FactProps(f);
        m["trial"] = s_.nodes()[s.trial].id;
        r.details["measurements"].push_back(m);
      }
    }
  }
  return r;
}

std::vector<Candidate> Evaluator::Run() {
  FindMatchingRegimens();
  for (Vertex trial : CandidateTrials())
    if (TrialMatches(trial)) CollectForTrial(trial);
  for (Candidate& c : candidates_) Count(&c);
  std::stable_sort(candidates_.begin(), candidates_.end(), [&](const Candidate& a, const Candidate& b) {
    return a.documents != b.documents ? a.documents > b.documents : s_.nodes()[a.vertex].name < s_.nodes()[b.vertex].name;
  });
  return std::move(candidates_);
}

std::string Summary(const Result& r) {
  const json& d = r.details;
  std::ostringstream out;
  if (r.type == "regimen" && d.contains("drugs")) {
    for (const json& drug : d["drugs"]) out << (out.tellp() > 0 ? ", " : "") << drug.get<std::string>();
  } else if (d.contains("measurements")) {
    for (const json& m : d["measurements"]) {
      if (out.tellp() > 0) out << "; ";
      if (m.contains("statistic") && m["statistic"] != "rate") out << m["statistic"].get<std::string>() << " ";
      if (m.contains("grade") && !m["grade"].is_null()) out << "grade " << m["grade"].get<std::string>() << " ";
      if (!m["value"].is_null()) out << m["value"].dump();
      if (!m["unit"].is_null()) out << " " << m["unit"].get<std::string>();
      if (m.contains("timepoint") && !m["timepoint"].is_null()) out << " at " << m["timepoint"].get<std::string>();
    }
  } else if (r.type == "trial") {
    if (!d.value("phase", json()).is_null()) out << "phase " << d["phase"].get<std::string>() << " ";
    if (!d.value("enrolled", json()).is_null()) out << "n=" << d["enrolled"].dump();
  }
  return out.str();
}

}  // namespace

json Answer::ToJson() const {
  json results_json = json::array();
  for (const Result& r : results) {
    json j = {{"id", r.id}, {"type", r.type}, {"name", r.name}};
    for (auto it = r.details.begin(); it != r.details.end(); ++it) j[it.key()] = it.value();
    json evidence = json::array();
    for (const Evidence& e : r.evidence)
      evidence.push_back({{"source", std::string(e.source)}, {"document", std::string(e.document)},
                          {"trial", std::string(e.trial)}, {"text", std::string(e.text)},
                          {"span", {e.start, e.end}}});
    j["evidence"] = evidence;
    j["evidence_total"] = r.evidence_total;
    j["documents"] = r.documents;
    results_json.push_back(j);
  }
  return {{"question", question}, {"interpretation", interpretation}, {"total", total}, {"results", results_json}};
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

Answer Evaluate(const Question& q, const Snapshot& snapshot, const ontology::Ontology& ontology, size_t offset,
                size_t limit) {
  Answer answer;
  answer.interpretation = q.Interpretation();
  Evaluator evaluator(q, snapshot, ontology);
  std::vector<Candidate> all = evaluator.Run();
  answer.total = all.size();
  for (size_t i = offset; i < all.size() && answer.results.size() < limit; ++i)
    answer.results.push_back(evaluator.Materialise(all[i]));
  return answer;
}

}  // namespace trialgraph::query
