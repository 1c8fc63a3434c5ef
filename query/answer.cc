#include "query/answer.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

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

bool Contains(const json& list, const std::string& item) {
  return list.is_array() && std::find(list.begin(), list.end(), item) != list.end();
}

class Evaluator {
 public:
  Evaluator(const Question& q, const Snapshot& s, const ontology::Ontology& o) : q_(q), s_(s), o_(o) {}

  std::vector<Result> Run();

 private:
  bool RegimenMatches(Vertex regimen) const;
  bool PopulationMatches(Vertex population) const;
  bool TrialMatches(Vertex trial) const;
  bool HasDrugFilter() const { return !q_.with.empty() || !q_.without.empty(); }
  void AddEvidence(Vertex result, uint32_t edge, Vertex trial);
  void CollectForTrial(Vertex trial);

  // One result being built, with what keeps its evidence free of repeats.
  struct Accumulator {
    Result result;
    std::set<std::tuple<std::string, uint32_t, Vertex>> seen;
    std::set<std::string> documents;
    std::set<std::string> names;
  };
  const Question& q_;
  const Snapshot& s_;
  const ontology::Ontology& o_;
  std::map<Vertex, Accumulator> results_;
};

bool Evaluator::RegimenMatches(Vertex regimen) const {
  const json& drugs = Property(s_.nodes()[regimen].props, "drugs");
  auto holds = [&](const DrugTerm& term) { return term.HeldBy([&](const std::string& d) { return Contains(drugs, d); }); };
  return std::all_of(q_.with.begin(), q_.with.end(), holds) && std::none_of(q_.without.begin(), q_.without.end(), holds);
}

bool Evaluator::PopulationMatches(Vertex population) const {
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

bool Evaluator::TrialMatches(Vertex trial) const {
  const json& props = s_.nodes()[trial].props;
  if (q_.phase && Property(props, "phase") != *q_.phase) return false;
  bool population_filter = !q_.settings.empty() || !q_.diseases.empty() || q_.ph_status || q_.age_group;
  if (population_filter) {
    std::vector<uint32_t> enrolls = s_.OutEdges(trial, EdgeKind::kEnrolls);
    if (std::none_of(enrolls.begin(), enrolls.end(), [&](uint32_t e) { return PopulationMatches(s_.Target(e)); }))
      return false;
  }
  if (!q_.endpoints.empty()) {
    std::vector<uint32_t> reports = s_.OutEdges(trial, EdgeKind::kReports);
    if (std::none_of(reports.begin(), reports.end(), [&](uint32_t e) {
          return Listed(q_.endpoints, s_.nodes()[s_.Target(e)].name);
        }))
      return false;
  }
  if (HasDrugFilter()) {
    std::vector<uint32_t> tests = s_.OutEdges(trial, EdgeKind::kTests);
    if (std::none_of(tests.begin(), tests.end(), [&](uint32_t e) { return RegimenMatches(s_.Target(e)); })) return false;
  }
  return true;
}

void Evaluator::AddEvidence(Vertex v, uint32_t edge_index, Vertex trial) {
  const Node& node = s_.nodes()[v];
  Accumulator& acc = results_[v];
  Result& r = acc.result;
  if (r.id.empty()) {
    r.id = node.id;
    r.type = std::string(NodeKindName(node.kind));
    r.name = node.name;
    r.details = node.props;
  }
  const Edge& edge = s_.edges()[edge_index];
  const Provenance& p = edge.provenance;
  if (!acc.seen.insert({p.document, p.start, trial}).second) return;
  acc.documents.insert(p.document);
  ++r.evidence_total;
  if (r.evidence.size() < kMaxEvidence)
    r.evidence.push_back({s_.SourceOf(p.document), p.document, s_.nodes()[trial].id, p.text, p.start, p.end});
  if (edge.kind == EdgeKind::kTests && node.kind == NodeKind::kRegimen) {
    const json& named = Property(edge.props, "regimen_name");
    if (named.is_string() && acc.names.insert(named.get<std::string>()).second) r.details["names"].push_back(named);
  }
  if ((edge.kind == EdgeKind::kReports || edge.kind == EdgeKind::kHasAdverseEvent) &&
      Property(r.details, "measurements").size() < kMaxEvidence) {
    json m = edge.props;
    m["trial"] = s_.nodes()[trial].id;
    r.details["measurements"].push_back(m);
  }
}

void Evaluator::CollectForTrial(Vertex trial) {
  auto matching_regimens = [&](auto&& visit) {
    for (uint32_t e : s_.OutEdges(trial, EdgeKind::kTests))
      if (!HasDrugFilter() || RegimenMatches(s_.Target(e))) visit(e);
  };
  switch (q_.target) {
    case Target::kRegimens:
      matching_regimens([&](uint32_t e) { AddEvidence(s_.Target(e), e, trial); });
      break;
    case Target::kTrials:
      for (uint32_t e : s_.InEdges(trial, EdgeKind::kDescribes)) AddEvidence(trial, e, trial);
      matching_regimens([&](uint32_t e) { AddEvidence(trial, e, trial); });
      break;
    case Target::kDrugs:
      matching_regimens([&](uint32_t t) {
        for (uint32_t c : s_.OutEdges(s_.Target(t), EdgeKind::kContains)) {
          const std::string& inn = s_.nodes()[s_.Target(c)].name;
          bool asked = std::any_of(q_.with.begin(), q_.with.end(),
                                   [&](const DrugTerm& term) { return Listed(term.drugs, inn); });
          if (!asked) AddEvidence(s_.Target(c), c, trial);
        }
      });
      break;
    case Target::kPopulations:
      for (uint32_t e : s_.OutEdges(trial, EdgeKind::kEnrolls)) AddEvidence(s_.Target(e), e, trial);
      break;
    case Target::kEndpoints:
      for (uint32_t e : s_.OutEdges(trial, EdgeKind::kReports))
        if (q_.endpoints.empty() || Listed(q_.endpoints, s_.nodes()[s_.Target(e)].name))
          AddEvidence(s_.Target(e), e, trial);
      break;
    case Target::kAdverseEvents:
      for (uint32_t e : s_.OutEdges(trial, EdgeKind::kHasAdverseEvent)) AddEvidence(s_.Target(e), e, trial);
      break;
    case Target::kDocuments:
      for (uint32_t e : s_.InEdges(trial, EdgeKind::kDescribes)) AddEvidence(s_.Source(e), e, trial);
      break;
  }
}

// Trials testing a regimen that holds `term`, found by walking the graph
// backwards: drug <-CONTAINS- regimen <-TESTS- trial.
// Every document restates CONTAINS and TESTS, so regimens are collected
// first and each is expanded once.
std::vector<Vertex> TrialsTesting(const Snapshot& s, const DrugTerm& term) {
  std::vector<Vertex> regimens, trials;
  for (const std::string& inn : term.drugs)
    if (std::optional<Vertex> drug = s.Find(MakeNodeId(NodeKind::kDrug, inn)))
      for (uint32_t contains : s.InEdges(*drug, EdgeKind::kContains)) regimens.push_back(s.Source(contains));
  std::sort(regimens.begin(), regimens.end());
  regimens.erase(std::unique(regimens.begin(), regimens.end()), regimens.end());
  for (Vertex regimen : regimens)
    for (uint32_t tests : s.InEdges(regimen, EdgeKind::kTests)) trials.push_back(s.Source(tests));
  std::sort(trials.begin(), trials.end());
  trials.erase(std::unique(trials.begin(), trials.end()), trials.end());
  return trials;
}

// The trials worth testing: those that test every required drug term
// (in some regimen), else every trial.
std::vector<Vertex> CandidateTrials(const Question& q, const Snapshot& s) {
  std::optional<std::vector<Vertex>> candidates;
  for (const DrugTerm& term : q.with) {
    std::vector<Vertex> reached = TrialsTesting(s, term);
    if (candidates) {
      std::vector<Vertex> both;
      std::set_intersection(candidates->begin(), candidates->end(), reached.begin(), reached.end(),
                            std::back_inserter(both));
      reached = std::move(both);
    }
    candidates = std::move(reached);
  }
  return candidates ? *candidates : s.OfKind(NodeKind::kTrial);
}

std::vector<Result> Evaluator::Run() {
  for (Vertex trial : CandidateTrials(q_, s_))
    if (TrialMatches(trial)) CollectForTrial(trial);
  std::vector<Result> out;
  for (auto& [v, acc] : results_) {
    acc.result.documents = acc.documents.size();
    out.push_back(std::move(acc.result));
  }
  std::stable_sort(out.begin(), out.end(), [](const Result& a, const Result& b) {
    return a.documents != b.documents ? a.documents > b.documents : a.name < b.name;
  });
  return out;
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
      evidence.push_back({{"source", e.source}, {"document", e.document}, {"trial", e.trial}, {"text", e.text},
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
    for (const Evidence& e : r.evidence) sources.insert(e.source);
    for (const std::string& s : sources) out << "   source: " << s << "\n";
    if (!r.evidence.empty()) out << "   \"" << r.evidence.front().text.substr(0, 240) << "\"\n";
  }
  return out.str();
}

Answer Evaluate(const Question& q, const Snapshot& snapshot, const ontology::Ontology& ontology, size_t offset,
                size_t limit) {
  Answer answer;
  answer.interpretation = q.Interpretation();
  std::vector<Result> all = Evaluator(q, snapshot, ontology).Run();
  answer.total = all.size();
  for (size_t i = offset; i < all.size() && answer.results.size() < limit; ++i) answer.results.push_back(std::move(all[i]));
  return answer;
}

}  // namespace trialgraph::query
