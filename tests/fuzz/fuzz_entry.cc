#include "tests/fuzz/fuzz_entry.h"

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "ingest/document.h"
#include "ingest/extraction.h"
#include "ingest/extractor.h"
#include "ingest/readers.h"
#include "ingest/text_reader.h"
#include "ingest/to_graph.h"
#include "query/question.h"

#ifndef TRIALGRAPH_SOURCE_DIR
#error "TRIALGRAPH_SOURCE_DIR must be defined (the source tree holding ontology/)"
#endif

namespace trialgraph::fuzz {

namespace {

// A failure must say what went wrong: an empty message is a bug.
void CheckStatus(const Status& st, const char* what) {
  if (!st.ok() && st.message().empty()) {
    std::fprintf(stderr, "%s failed with an empty message (code %d)\n", what, static_cast<int>(st.code()));
    std::abort();
  }
}

void Extract(const ingest::SourceDocument& doc) {
  static const ingest::Extractor extractor(FuzzOntology());
  ingest::Extraction x = extractor.Extract(doc);
  std::string json = ingest::ExtractionToJson(x).dump();  // throws on invalid UTF-8 in any string
  Contribution c = ingest::ToContribution(doc, x, FuzzOntology());
  (void)json;
  (void)c;
}

}  // namespace

const ontology::Ontology& FuzzOntology() {
  static const ontology::Ontology* ontology = [] {
    auto* o = new ontology::Ontology();
    Status st = ontology::Ontology::Load(TRIALGRAPH_SOURCE_DIR "/ontology", o);
    if (!st.ok()) {
      std::fprintf(stderr, "cannot load the ontology: %s\n", st.ToString().c_str());
      std::abort();
    }
    return o;
  }();
  return *ontology;
}

Status ReadAndExtract(std::string bytes) {
  std::vector<ingest::SourceDocument> docs;
  Status st = ingest::ReadDocuments("fuzz-input", std::move(bytes), FuzzOntology(), &docs);
  if (!st.ok()) {
    if (!docs.empty()) {
      std::fprintf(stderr, "ReadDocuments failed but left %zu documents\n", docs.size());
      std::abort();
    }
    return st;
  }
  for (const ingest::SourceDocument& doc : docs) Extract(doc);
  return st;
}

Status ReadTextPageAndExtract(std::string bytes) {
  ingest::SourceDocument doc;
  Status st = ingest::ReadTextPage("fuzz-page.txt", std::move(bytes), FuzzOntology(), &doc);
  if (st.ok()) Extract(doc);
  return st;
}

Status ParseQuestionText(std::string text) {
  query::Question q;
  Status st = query::ParseQuestion(text, FuzzOntology(), &q);
  if (st.ok()) (void)q.Interpretation();
  return st;
}

void FuzzReadersOnce(const uint8_t* data, size_t size) {
  CheckStatus(ReadAndExtract(std::string(reinterpret_cast<const char*>(data), size)), "ReadDocuments");
}

void FuzzTextPageOnce(const uint8_t* data, size_t size) {
  CheckStatus(ReadTextPageAndExtract(std::string(reinterpret_cast<const char*>(data), size)), "ReadTextPage");
}

void FuzzQuestionOnce(const uint8_t* data, size_t size) {
  CheckStatus(ParseQuestionText(std::string(reinterpret_cast<const char*>(data), size)), "ParseQuestion");
}

}  // namespace trialgraph::fuzz
