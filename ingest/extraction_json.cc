#include "ingest/extraction.h"

namespace trialgraph::ingest {

namespace {

using nlohmann::json;

json SpanJson(const Span& s) { return {{"start", s.start}, {"end", s.end}}; }

json PopulationJson(const Population& p) {
  return {{"disease", p.disease},  // "" for patients named by their ages only (EXTRACT.md types it a string)
          {"ph_status", OrNull(p.ph_status)},
          {"settings", p.settings},
          {"age", {{"min", OrNull(p.age.min)}, {"max", OrNull(p.age.max)}, {"median", OrNull(p.age.median)}}},
          {"age_group", OrNull(p.age_group)},
          {"subtypes", p.subtypes},
          {"evidence", SpanJson(p.evidence)}};
}

json ArmJson(const Arm& a) {
  return {{"label", a.label},
          {"regimen", {{"name", OrNull(a.regimen.name)}, {"drugs", a.regimen.drugs}, {"modifiers", a.regimen.modifiers}}},
          {"n", OrNull(a.n)},
          {"evidence", SpanJson(a.evidence)}};
}

json EndpointJson(const Endpoint& e) {
  json ci = e.ci ? json::array({e.ci->first, e.ci->second}) : json(nullptr);
  return {{"kind", e.kind},     {"statistic", e.statistic}, {"value", e.value},         {"unit", OrNull(e.unit)},
          {"count", OrNull(e.count)}, {"of", OrNull(e.of)}, {"timepoint", OrNull(e.timepoint)}, {"arm", OrNull(e.arm)},
          {"ci", ci},           {"p", OrNull(e.p)},         {"primary", e.primary},     {"evidence", SpanJson(e.evidence)}};
}

json AdverseEventJson(const AdverseEvent& a) {
  return {{"name", a.name}, {"grade", OrNull(a.grade)}, {"value", OrNull(a.value)},
          {"unit", OrNull(a.unit)}, {"arm", OrNull(a.arm)}, {"evidence", SpanJson(a.evidence)}};
}

json TrialJson(const Trial& t) {
  json j = {{"registry_ids", t.registry_ids}, {"names", t.names},   {"phase", OrNull(t.phase)},
            {"design", t.design},             {"enrolled", OrNull(t.enrolled)}};
  j["populations"] = json::array();
  for (const Population& p : t.populations) j["populations"].push_back(PopulationJson(p));
  j["arms"] = json::array();
  for (const Arm& a : t.arms) j["arms"].push_back(ArmJson(a));
  j["endpoints"] = json::array();
  for (const Endpoint& e : t.endpoints) j["endpoints"].push_back(EndpointJson(e));
  j["adverse_events"] = json::array();
  for (const AdverseEvent& a : t.adverse_events) j["adverse_events"].push_back(AdverseEventJson(a));
  return j;
}

}  // namespace

json ExtractionToJson(const Extraction& x) {
  json j = {{"source", x.source},
            {"format", x.format},
            {"title", OrNull(x.title)},
            {"ids", {{"pmid", OrNull(x.ids.pmid)}, {"pmcid", OrNull(x.ids.pmcid)}, {"doi", OrNull(x.ids.doi)},
                     {"nct", x.ids.nct}}}};
  j["trials"] = json::array();
  for (const Trial& t : x.trials) j["trials"].push_back(TrialJson(t));
  return j;
}

}  // namespace trialgraph::ingest
