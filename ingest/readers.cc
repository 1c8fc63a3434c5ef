#include "ingest/readers.h"

#include "ingest/text_reader.h"

namespace trialgraph::ingest {

Status ReadDocuments(const std::string& source, std::string bytes, const ontology::Ontology& ontology,
                     std::vector<SourceDocument>* docs) {
  SourceDocument doc;
  Status st = ReadTextPage(source, std::move(bytes), ontology, &doc);
  if (!st.ok()) return st;
  docs->push_back(std::move(doc));
  return Status::OK();
}

}  // namespace trialgraph::ingest
