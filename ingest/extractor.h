// Extractor: turns a read document into trial facts (EXTRACT.md) using the
// ontology's vocabularies and general rules of how trial abstracts are
// written. Nothing here is keyed to particular documents.
#pragma once

#include "ingest/document.h"
#include "ingest/extraction.h"
#include "ontology/ontology.h"

namespace trialgraph::ingest {

class Extractor {
 public:
  //! The ontology must outlive the extractor.
  explicit Extractor(const ontology::Ontology& ontology) : ontology_(ontology) {}

  //! Extracts every fact of `doc`. Thread-safe: an Extractor may be shared.
  Extraction Extract(const SourceDocument& doc) const;

 private:
  const ontology::Ontology& ontology_;
};

}  // namespace trialgraph::ingest
