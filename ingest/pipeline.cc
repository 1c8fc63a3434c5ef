#include "ingest/pipeline.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/hash.h"
#include "ingest/readers.h"
#include "ingest/to_graph.h"

namespace trialgraph::ingest {

namespace fs = std::filesystem;

nlohmann::json IngestSummary::ToJson() const {
  nlohmann::json failures = nlohmann::json::array();
  for (const IngestFailure& f : failed) failures.push_back({{"path", f.path}, {"error", f.error}});
  return {{"documents", documents}, {"trials", trials},    {"skipped_unchanged", skipped_unchanged},
          {"failed", failures},     {"seconds", seconds}};
}

namespace {

void AddPath(const std::string& input, std::vector<std::string>* paths, std::vector<IngestFailure>* failed) {
  std::error_code ec;
  fs::file_status status = fs::status(input, ec);
  if (ec || !fs::exists(status)) {
    failed->push_back({input, "no such file or directory"});
  } else if (fs::is_directory(status)) {
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(input, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      if (it->is_regular_file()) found.push_back(it->path().string());
    if (ec) failed->push_back({input, "cannot list directory: " + ec.message()});
    std::sort(found.begin(), found.end());
    paths->insert(paths->end(), found.begin(), found.end());
  } else {
    paths->push_back(input);
  }
}

Status ReadBytes(const std::string& path, std::string* bytes) {
  std::error_code ec;
  uintmax_t size = fs::file_size(path, ec);
  if (ec) return Status::IOError("cannot read: " + ec.message());
  if (size > kMaxDocumentBytes)
    return Status::InvalidArgument("file is " + std::to_string(size >> 20) + " MiB; documents are limited to " +
                                   std::to_string(kMaxDocumentBytes >> 20) + " MiB");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *bytes = std::move(buffer).str();
  return Status::OK();
}

// Extracts and stores one document unless the store already has its bytes.
Status IngestDocument(const SourceDocument& doc, const Extractor& extractor, const ontology::Ontology& ontology,
                      Store* store, IngestSummary* summary) {
  if (store->ContainsContent(ContentHash128(doc.text))) {
    ++summary->skipped_unchanged;
    return Status::OK();
  }
  Extraction x = extractor.Extract(doc);
  PutResult result;
  Status st = store->PutDocument(ToContribution(doc, x, ontology), &result);
  if (!st.ok()) return st;
  if (result == PutResult::kUnchanged) {
    ++summary->skipped_unchanged;
  } else {
    ++summary->documents;
    summary->trials += x.trials.size();
  }
  return Status::OK();
}

}  // namespace

std::vector<std::string> GatherPaths(const std::vector<std::string>& inputs, std::vector<IngestFailure>* failed) {
  std::vector<std::string> paths;
  for (const std::string& input : inputs) {
    if (input != "-") {
      AddPath(input, &paths, failed);
      continue;
    }
    for (std::string line; std::getline(std::cin, line);)
      if (!line.empty()) AddPath(line, &paths, failed);
  }
  return paths;
}

Status ReadFile(const std::string& path, const ontology::Ontology& ontology, std::vector<SourceDocument>* docs) {
  std::string bytes;
  Status st = ReadBytes(path, &bytes);
  if (!st.ok()) return st;
  return ReadDocuments(path, std::move(bytes), ontology, docs);
}

Status IngestBytes(const std::string& source, std::string bytes, const ontology::Ontology& ontology, Store* store,
                   IngestSummary* summary) {
  if (bytes.size() > kMaxDocumentBytes) return Status::InvalidArgument("document larger than the size limit");
  std::vector<SourceDocument> docs;
  Status st = ReadDocuments(source, std::move(bytes), ontology, &docs);
  Extractor extractor(ontology);
  for (size_t d = 0; st.ok() && d < docs.size(); ++d) st = IngestDocument(docs[d], extractor, ontology, store, summary);
  return st;
}

IngestSummary IngestPaths(const std::vector<std::string>& paths, const ontology::Ontology& ontology, Store* store,
                          const Progress& progress) {
  auto started = std::chrono::steady_clock::now();
  IngestSummary summary;
  Extractor extractor(ontology);
  for (size_t i = 0; i < paths.size(); ++i) {
    std::vector<SourceDocument> docs;
    Status st = ReadFile(paths[i], ontology, &docs);
    for (size_t d = 0; st.ok() && d < docs.size(); ++d) st = IngestDocument(docs[d], extractor, ontology, store, &summary);
    if (!st.ok()) summary.failed.push_back({paths[i], st.message()});
    if (progress) progress(i + 1, paths.size());
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace trialgraph::ingest
