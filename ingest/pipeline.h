// Ingestion of files into the store: gathering paths, reading each file in
// its format, extracting, and writing one batch per document. A bad file is
// reported and skipped; the rest of the batch goes on.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "core/store.h"
#include "ingest/document.h"
#include "ingest/extractor.h"
#include "ontology/ontology.h"

namespace trialgraph::ingest {

//! Files larger than this are refused as documents (a 100 MB "abstract" is not one).
inline constexpr size_t kMaxDocumentBytes = 64u << 20;

struct IngestFailure {
  std::string path;
  std::string error;
};

struct IngestSummary {
  size_t documents = 0;          //!< documents added or replaced
  size_t trials = 0;             //!< trials those documents reported
  size_t skipped_unchanged = 0;  //!< documents already stored with the same bytes
  std::vector<IngestFailure> failed;
  double seconds = 0;
  //! {"documents", "trials", "skipped_unchanged", "failed": [{"path", "error"}], "seconds"}
  nlohmann::json ToJson() const;
};

//! Expands files and directories (recursively, sorted) into file paths;
//! "-" reads further paths from standard input, one per line. Unreadable
//! paths are reported in *failed.
std::vector<std::string> GatherPaths(const std::vector<std::string>& inputs, std::vector<IngestFailure>* failed);

//! Reads one file into its documents, choosing the reader by content.
//! Errors name what is wrong (the caller adds the path).
Status ReadFile(const std::string& path, const ontology::Ontology& ontology, std::vector<SourceDocument>* docs);

//! Called after each file with (files done, files total).
using Progress = std::function<void(size_t, size_t)>;

//! Ingests the documents in one buffer (an HTTP upload), named `source`.
//! Unchanged documents are counted, not rewritten. Errors say what is wrong with the bytes.
Status IngestBytes(const std::string& source, std::string bytes, const ontology::Ontology& ontology, Store* store,
                   IngestSummary* summary);

//! Ingests every path into `store`.
IngestSummary IngestPaths(const std::vector<std::string>& paths, const ontology::Ontology& ontology, Store* store,
                          const Progress& progress);

}  // namespace trialgraph::ingest
