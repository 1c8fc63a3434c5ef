#include "ingest/to_graph.h"

#include <algorithm>
#include <map>

#include "core/hash.h"

namespace trialgraph::ingest {

namespace {

using nlohmann::json;

// The items sorted, without repeats, joined by `sep`.
std::string Joined(std::vector<std::string> items, std::string_view sep) {
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : std::string(sep)) + item;
  return out;
}

// "B-cell precursor acute lymphoblastic leukemia, Ph-positive, relapsed/refractory"; patients named by their ages
// only (healthy volunteers) by their age group: "adult patients", else "patients".
std::string PopulationName(const Population& p) {
  std::string subject = !p.disease.empty() ? p.disease : p.age_group ? *p.age_group + " patients" : "patients";
  return subject + (p.ph_status ? ", Ph-" + *p.ph_status : "") +
         (p.settings.empty() ? "" : ", " + Joined(p.settings, "/"));
}

// Collects nodes (once each) and edges for one document.
class Builder {
 public:
  Builder(const SourceDocument& doc, const ontology::Ontology& ontology) : doc_(doc), ontology_(ontology) {}

  const std::string& AddNode(NodeKind kind, const std::string& canonical, const std::string& name, json props,
                             std::vector<std::string> synonyms = {}) {
    std::string id = MakeNodeId(kind, canonical);
    auto [it, inserted] = index_.emplace(id, out_.nodes.size());
    if (inserted) out_.nodes.push_back({kind, id, name, std::move(synonyms), std::move(props), json::object()});
    return out_.nodes[it->second].id;
  }

  void AddEdge(EdgeKind kind, const std::string& from, const std::string& to, json props, const Span& evidence) {
    Provenance p{out_.document.id, evidence.start, evidence.end,
                 std::string(doc_.text.substr(evidence.start, evidence.end - evidence.start))};
    out_.edges.push_back({kind, from, to, std::move(props), std::move(p)});
  }

  //! Attaches what this document reports about an added node.
  void Report(const std::string& id, json reported) { out_.nodes[index_.at(id)].reported = std::move(reported); }

  const std::string& AddDrug(const std::string& inn) {
    json classes = json::array();
    std::vector<std::string> synonyms;
    if (std::optional<uint32_t> entry = ontology_.drugs.Find(inn)) {
      classes = ontology_.drugs.list(*entry, ontology::Ontology::kDrugClasses);
      for (const std::string& alias : ontology_.drugs.list(*entry, 2))
        synonyms.push_back(alias.starts_with("=") ? alias.substr(1) : alias);
    }
    return AddNode(NodeKind::kDrug, inn, inn, {{"classes", classes}}, std::move(synonyms));
  }

  Contribution& out() { return out_; }

 private:
  const SourceDocument& doc_;
  const ontology::Ontology& ontology_;
  Contribution out_;
  std::map<std::string, size_t> index_;
};

json MeasurementJson(const Endpoint& e, const Trial& t) {
  json ci = e.ci ? json::array({e.ci->first, e.ci->second}) : json(nullptr);
  json j = {{"statistic", e.statistic}, {"value", e.value},          {"unit", OrNull(e.unit)},
            {"count", OrNull(e.count)}, {"of", OrNull(e.of)},        {"timepoint", OrNull(e.timepoint)},
            {"ci", ci},                 {"p", OrNull(e.p)},          {"primary", e.primary},
            {"arm", OrNull(e.arm)}};
  if (e.arm && *e.arm < static_cast<int>(t.arms.size())) j["arm_label"] = t.arms[*e.arm].label;
  return j;
}

std::string TrialCanonical(const Trial& t, const std::string& document_id, size_t index) {
  for (const std::string& id : t.registry_ids)
    if (id.starts_with("NCT")) return id;
  if (!t.registry_ids.empty()) return t.registry_ids.front();
  std::string doc_key = document_id.substr(document_id.find(':') + 1);
  return index == 0 ? doc_key : doc_key + "#" + std::to_string(index + 1);
}

// Node values must not depend on which document is written last (ingestion
// is parallel): a registered trial is named by its registry id (acronyms are
// per-document properties the query snapshot merges); an unregistered trial
// belongs to one document and is known by its report's title.
std::string TrialName(const Trial& t, const std::optional<std::string>& title, const std::string& canonical) {
  if (!t.registry_ids.empty()) return t.registry_ids.front();
  return title.value_or(canonical);
}

// A regimen node is named by its components, sorted, for the same reason;
// the name a document gives it ("mini-hyper-CVD + inotuzumab ozogamicin")
// stays on that document's TESTS edge.
std::string RegimenNodeName(const Arm& arm) {
  if (arm.regimen.drugs.empty()) return arm.label.empty() ? "unspecified" : arm.label;
  return Joined(arm.regimen.drugs, " + ");
}

void AddTrial(Builder& b, const Trial& t, size_t index, const std::optional<std::string>& title) {
  const std::string& doc_id = b.out().document.id;
  json props = {{"registry_ids", t.registry_ids}, {"names", t.names}, {"phase", OrNull(t.phase)},
                {"design", t.design},             {"enrolled", OrNull(t.enrolled)}};
  std::string canonical = TrialCanonical(t, doc_id, index);
  std::string name = TrialName(t, title, canonical);
  std::vector<std::string> synonyms = t.registry_ids;
  std::sort(synonyms.begin(), synonyms.end());
  std::string trial = b.AddNode(NodeKind::kTrial, canonical, name, json::object(), synonyms);
  b.Report(trial, std::move(props));
  b.AddEdge(EdgeKind::kDescribes, doc_id, trial, json::object(), t.evidence);

  for (size_t i = 0; i < t.arms.size(); ++i) {
    const Arm& arm = t.arms[i];
    std::string canonical_regimen = RegimenNodeId(arm.regimen);
    if (arm.regimen.drugs.empty()) canonical_regimen += "@" + canonical;  // an unnamed control belongs to its trial
    std::vector<std::string> drugs = arm.regimen.drugs, modifiers = arm.regimen.modifiers;
    std::sort(drugs.begin(), drugs.end());
    std::sort(modifiers.begin(), modifiers.end());
    std::string regimen = b.AddNode(NodeKind::kRegimen, canonical_regimen, RegimenNodeName(arm),
                                    {{"drugs", drugs}, {"modifiers", modifiers}});
    b.AddEdge(EdgeKind::kTests, trial, regimen,
              {{"arm", i}, {"label", arm.label}, {"regimen_name", OrNull(arm.regimen.name)}, {"n", OrNull(arm.n)}},
              arm.evidence);
    for (const std::string& inn : arm.regimen.drugs) {
      std::string drug = b.AddDrug(inn);
      b.AddEdge(EdgeKind::kContains, regimen, drug, json::object(), arm.evidence);
    }
  }
  for (const Population& p : t.populations) {
    const std::vector<std::string>& settings = p.settings;
    std::string canonical_pop = p.disease + "|ph=" + p.ph_status.value_or("") + "|" + Joined(settings, ",") + "|" +
                                p.age_group.value_or("");
    json pprops = {{"disease", p.disease.empty() ? json(nullptr) : json(p.disease)}, {"ph_status", OrNull(p.ph_status)},
                   {"settings", p.settings}, {"age_group", OrNull(p.age_group)}};
    std::string name = PopulationName(p);
    std::string pop = b.AddNode(NodeKind::kPopulation, canonical_pop, name, pprops);
    json age = {{"min", OrNull(p.age.min)}, {"max", OrNull(p.age.max)}, {"median", OrNull(p.age.median)}};
    b.AddEdge(EdgeKind::kEnrolls, trial, pop, {{"age", age}, {"subtypes", p.subtypes}}, p.evidence);
  }
  for (const Endpoint& e : t.endpoints) {
    std::string endpoint = b.AddNode(NodeKind::kEndpoint, e.kind, e.kind, {{"kind", e.kind}});
    b.AddEdge(EdgeKind::kReports, trial, endpoint, MeasurementJson(e, t), e.evidence);
  }
  for (const AdverseEvent& ae : t.adverse_events) {
    std::string node = b.AddNode(NodeKind::kAdverseEvent, ae.name, ae.name, {{"name", ae.name}});
    b.AddEdge(EdgeKind::kHasAdverseEvent, trial, node,
              {{"grade", OrNull(ae.grade)}, {"value", OrNull(ae.value)}, {"unit", OrNull(ae.unit)}, {"arm", OrNull(ae.arm)}},
              ae.evidence);
  }
}

}  // namespace

std::string DocumentNodeId(const SourceDocument& doc) {
  if (doc.ids.pmid) return MakeNodeId(NodeKind::kDocument, "pmid:" + *doc.ids.pmid);
  if (doc.ids.doi) return MakeNodeId(NodeKind::kDocument, "doi:" + *doc.ids.doi);
  if (const std::string* nct = doc.RecordNctId()) return MakeNodeId(NodeKind::kDocument, "ctgov:" + *nct);
  return MakeNodeId(NodeKind::kDocument, "path:" + doc.source);
}

std::array<uint8_t, 16> DocumentContentHash(const SourceDocument& doc) {
  return ContentHash128(DocumentNodeId(doc) + '\0' + doc.text);
}

std::string RegimenNodeId(const Regimen& regimen) {
  std::string id = regimen.drugs.empty() ? "unspecified" : Joined(regimen.drugs, "+");
  if (!regimen.modifiers.empty()) id += "|" + Joined(regimen.modifiers, ",");
  return id;
}

Contribution ToContribution(const SourceDocument& doc, const Extraction& x, const ontology::Ontology& ontology) {
  Builder b(doc, ontology);
  Contribution& c = b.out();
  c.source = doc.source;
  c.content_hash = DocumentContentHash(doc);
  c.document.kind = NodeKind::kDocument;
  c.document.id = DocumentNodeId(doc);
  c.document.name = x.title.value_or(doc.source);
  c.document.props = {{"source", doc.source}, {"format", doc.format},         {"title", OrNull(x.title)},
                      {"pmid", OrNull(x.ids.pmid)}, {"pmcid", OrNull(x.ids.pmcid)}, {"doi", OrNull(x.ids.doi)},
                      {"nct", x.ids.nct}};
  for (size_t i = 0; i < x.trials.size(); ++i) AddTrial(b, x.trials[i], i, x.title);
  return std::move(c);
}

}  // namespace trialgraph::ingest
