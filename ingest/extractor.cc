#include "ingest/extractor.h"

#include "ingest/analysis.h"
#include "ingest/fact_extractors.h"

namespace trialgraph::ingest {

namespace {

// A document reports a trial when it names what patients received, or a
// registry id, and reports at least one result or design fact.
bool ReportsTrial(const Trial& t) {
  bool treatment = !t.arms.empty() || !t.registry_ids.empty();
  bool substance = !t.endpoints.empty() || t.phase || t.enrolled || !t.registry_ids.empty();
  return treatment && substance;
}

}  // namespace

Extraction Extractor::Extract(const SourceDocument& doc) const {
  DocumentAnalysis a(doc, ontology_);
  Extraction x{doc.source, doc.format, doc.title, doc.ids, {}};
  Trial t;
  t.registry_ids = ExtractRegistryIds(a);
  t.names = ExtractTrialNames(a);
  t.phase = ExtractPhase(a);
  t.design = ExtractDesign(a);
  t.enrolled = ExtractEnrolled(a);
  if (std::optional<Population> p = ExtractPopulation(a)) t.populations.push_back(*p);
  t.arms = ExtractArms(a);
  ExtractOutcomes(a, &t);
  if (!a.sentences().empty()) t.evidence = a.sentences().front().span;
  if (ReportsTrial(t)) x.trials.push_back(std::move(t));
  return x;
}

}  // namespace trialgraph::ingest
