// Ingestion of files into the store: gathering paths, reading each file in
// its format, extracting, and writing groups of whole documents. A bad file
// is reported and skipped; the rest of the batch goes on.
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

//! Files larger than this are refused (a PubMed baseline file is about 200 MB unpacked).
inline constexpr size_t kMaxFileBytes = size_t{1} << 30;

struct IngestFailure {
  std::string path;
  std::string error;
};

struct IngestSummary {
  bool interrupted = false;      //!< the run was stopped before every file was read
  size_t documents = 0;          //!< documents added or replaced
  size_t trials = 0;             //!< trials those documents reported
  size_t skipped_unchanged = 0;  //!< documents already stored with the same bytes
  std::vector<IngestFailure> failed;
  double seconds = 0;
  //! {"documents", "trials", "skipped_unchanged", "failed": [{"path", "error"}], "seconds", "interrupted"}
  nlohmann::json ToJson() const;
};

//! Expands files and directories (recursively, sorted) into file paths;
//! "-" reads further paths from standard input, one per line. FILE#ID (see
//! ReadFile) is kept as it is. Unreadable paths are reported in *failed.
std::vector<std::string> GatherPaths(const std::vector<std::string>& inputs, std::vector<IngestFailure>* failed);

//! Reads one file into its documents, choosing the reader by content; or,
//! for a source "FILE#ID" that names no file, the one document of FILE whose
//! id is ID (a PMID; an NCT id in a JSON file of several studies), see
//! SelectDocument. Errors name what is wrong (the caller adds the source).
Status ReadFile(const std::string& source, const ontology::Ontology& ontology, std::vector<SourceDocument>* docs);

//! How far a run has come, for progress displays.
struct ProgressInfo {
  size_t files_done = 0, files_total = 0;
  uint64_t bytes_done = 0, bytes_total = 0;  //!< of input files, for the ETA
  size_t documents = 0;                      //!< documents stored or skipped so far
  double seconds = 0;
};

//! Called from the writing thread after each file.
using Progress = std::function<void(const ProgressInfo&)>;

struct IngestOptions {
  unsigned jobs = 0;  //!< extraction threads; 0 = number of cores
  //! Polled between documents; when it returns true the run stops early
  //! (everything already written stays consistent).
  std::function<bool()> stop_requested;
};

//! Ingests the documents in one buffer (an HTTP upload), named `source`, in
//! one commit. Unchanged documents are counted, not rewritten. Errors say
//! what is wrong with the bytes.
Status IngestBytes(const std::string& source, std::string bytes, const ontology::Ontology& ontology, Store* store,
                   IngestSummary* summary);

//! Ingests every path into `store`: one thread reads and parses files,
//! `options.jobs` threads extract, and the calling thread stages documents
//! and commits them in groups of about a megabyte (one WriteBatch each), so
//! a crash never leaves half a document; a killed run loses at most its
//! last uncommitted group, which a rerun writes.
IngestSummary IngestPaths(const std::vector<std::string>& paths, const ontology::Ontology& ontology, Store* store,
                          const IngestOptions& options, const Progress& progress);

}  // namespace trialgraph::ingest
