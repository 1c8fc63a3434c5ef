#include "ingest/pipeline.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>
#include <utility>

#include "core/hash.h"
#include "ingest/readers.h"
#include "ingest/to_graph.h"
#include "ingest/work_queue.h"

namespace trialgraph::ingest {

namespace fs = std::filesystem;

// Staged bytes after which the writer commits: one WriteBatch (and one WAL
// write) for a group of whole documents, about a hundred abstracts.
constexpr size_t kGroupBytes = size_t{1} << 20;

nlohmann::json IngestSummary::ToJson() const {
  nlohmann::json failures = nlohmann::json::array();
  for (const IngestFailure& f : failed) failures.push_back({{"path", f.path}, {"error", f.error}});
  return {{"documents", documents}, {"trials", trials},   {"skipped_unchanged", skipped_unchanged},
          {"failed", failures},     {"seconds", seconds}, {"interrupted", interrupted}};
}

namespace {

// A source names a file, or one document inside a file as FILE#ID: {FILE, ID}
// when `source` names no file but ends in "#ID"; {source, ""} otherwise.
std::pair<std::string, std::string> SplitSource(const std::string& source) {
  std::error_code ec;
  size_t hash = source.rfind('#');
  if (hash == std::string::npos || hash + 1 == source.size() || fs::exists(source, ec)) return {source, ""};
  return {source.substr(0, hash), source.substr(hash + 1)};
}

void AddPath(const std::string& input, std::vector<std::string>* paths, std::vector<IngestFailure>* failed) {
  std::error_code ec;
  const auto [file, id] = SplitSource(input);
  fs::file_status status = fs::status(file, ec);
  if (ec || !fs::exists(status)) {
    failed->push_back({input, "no such file or directory"});
  } else if (fs::is_directory(status) && id.empty()) {
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
  if (size > kMaxFileBytes)
    return Status::InvalidArgument("file is " + std::to_string(size >> 20) + " MiB; files are limited to " +
                                   std::to_string(kMaxFileBytes >> 20) + " MiB");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *bytes = std::move(buffer).str();
  return Status::OK();
}

// What an extraction worker hands to the writer.
struct WriteItem {
  std::string path;
  std::optional<EncodedDocument> document;  // absent: unchanged, or a failure
  size_t trials = 0;
  Status status;  // a file that could not be read, or a document that could not be encoded
};

// Extracts and encodes one document, unless the store already holds these bytes.
WriteItem Prepare(const SourceDocument& doc, const Extractor& extractor, const ontology::Ontology& ontology,
                  const Store& store) {
  WriteItem item{doc.source, std::nullopt, 0, Status::OK()};
  if (store.ContainsContent(DocumentContentHash(doc))) return item;
  Extraction x = extractor.Extract(doc);
  item.trials = x.trials.size();
  item.document.emplace();
  item.status = Store::Encode(ToContribution(doc, x, ontology), &*item.document);
  return item;
}

// Documents staged in the store since its last commit; they are counted
// once they are written.
struct Group {
  std::vector<std::string> paths;  //!< one per staged document
  size_t trials = 0;
};

// Stages a prepared document; unchanged documents are counted at once.
Status Stage(WriteItem item, Store* store, IngestSummary* summary, Group* group) {
  if (!item.status.ok()) return item.status;
  if (!item.document) {
    ++summary->skipped_unchanged;
    return Status::OK();
  }
  PutResult result;
  Status st = store->StageDocument(std::move(*item.document), &result);
  if (!st.ok()) return st;
  if (result == PutResult::kUnchanged) {
    ++summary->skipped_unchanged;
  } else {
    group->paths.push_back(std::move(item.path));
    group->trials += item.trials;
  }
  return Status::OK();
}

// Writes the staged group; if that fails every document of it is reported failed.
Status Commit(Store* store, IngestSummary* summary, Group* group) {
  Status st = store->CommitStaged();
  if (st.ok()) {
    summary->documents += group->paths.size();
    summary->trials += group->trials;
  } else {
    for (const std::string& path : group->paths) summary->failed.push_back({path, st.message()});
  }
  *group = Group();
  return st;
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

Status ReadFile(const std::string& source, const ontology::Ontology& ontology, std::vector<SourceDocument>* docs) {
  const auto [file, id] = SplitSource(source);
  std::string bytes;
  Status st = ReadBytes(file, &bytes);
  std::vector<SourceDocument> read;
  if (st.ok()) st = ReadDocuments(file, std::move(bytes), ontology, &read);
  if (st.ok() && !id.empty()) st = SelectDocument(file, id, &read);
  if (st.ok()) std::move(read.begin(), read.end(), std::back_inserter(*docs));
  return st;
}

Status IngestBytes(const std::string& source, std::string bytes, const ontology::Ontology& ontology, Store* store,
                   IngestSummary* summary) {
  std::vector<SourceDocument> docs;
  Status st = ReadDocuments(source, std::move(bytes), ontology, &docs);
  Extractor extractor(ontology);
  Group group;
  for (size_t d = 0; st.ok() && d < docs.size(); ++d)
    st = Stage(Prepare(docs[d], extractor, ontology, *store), store, summary, &group);
  Status committed = Commit(store, summary, &group);
  return st.ok() ? committed : st;
}

namespace {

uint64_t FileSize(const std::string& source) {
  std::error_code ec;
  uint64_t size = fs::file_size(SplitSource(source).first, ec);
  return ec ? 0 : size;
}

// Reads and parses files in order, handing documents to the extractors.
void ReadFiles(const std::vector<std::string>& paths, const ontology::Ontology& ontology, const IngestOptions& options,
               WorkQueue<SourceDocument>* to_extract, WorkQueue<WriteItem>* to_write, std::atomic<size_t>* files_done,
               std::atomic<uint64_t>* bytes_done, std::atomic<bool>* interrupted) {
  for (const std::string& path : paths) {
    if (options.stop_requested && options.stop_requested()) {
      *interrupted = true;
      break;
    }
    std::vector<SourceDocument> docs;
    Status st = ReadFile(path, ontology, &docs);
    if (!st.ok()) to_write->Push({path, std::nullopt, 0, st});
    for (SourceDocument& doc : docs) to_extract->Push(std::move(doc));
    *bytes_done += FileSize(path);
    ++*files_done;
  }
  to_extract->Close();
}

// Extracts documents until the reader is done; the last worker out closes the writer's queue.
void ExtractDocuments(const ontology::Ontology& ontology, const Store& store, WorkQueue<SourceDocument>* to_extract,
                      WorkQueue<WriteItem>* to_write, std::atomic<unsigned>* workers_left) {
  Extractor extractor(ontology);
  while (std::optional<SourceDocument> doc = to_extract->Pop()) to_write->Push(Prepare(*doc, extractor, ontology, store));
  if (--*workers_left == 0) to_write->Close();
}

// Stages one item, committing the group once it holds kGroupBytes.
void Record(WriteItem item, Store* store, IngestSummary* summary, Group* group) {
  std::string path = item.path;
  Status st = Stage(std::move(item), store, summary, group);
  if (!st.ok()) summary->failed.push_back({path, st.message()});
  if (store->StagedBytes() >= kGroupBytes) Commit(store, summary, group);
}

}  // namespace

IngestSummary IngestPaths(const std::vector<std::string>& paths, const ontology::Ontology& ontology, Store* store,
                          const IngestOptions& options, const Progress& progress) {
  auto started = std::chrono::steady_clock::now();
  unsigned jobs = options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  WorkQueue<SourceDocument> to_extract(256);
  WorkQueue<WriteItem> to_write(256);
  std::atomic<size_t> files_done{0};
  std::atomic<uint64_t> bytes_done{0};
  std::atomic<bool> interrupted{false};
  std::atomic<unsigned> workers_left{jobs};
  ProgressInfo info;
  info.files_total = paths.size();
  for (const std::string& path : paths) info.bytes_total += FileSize(path);

  std::vector<std::thread> threads;
  threads.emplace_back(ReadFiles, std::cref(paths), std::cref(ontology), std::cref(options), &to_extract, &to_write,
                       &files_done, &bytes_done, &interrupted);
  for (unsigned i = 0; i < jobs; ++i)
    threads.emplace_back(ExtractDocuments, std::cref(ontology), std::cref(*store), &to_extract, &to_write, &workers_left);

  IngestSummary summary;
  Group group;
  while (std::optional<WriteItem> item = to_write.Pop()) {
    Record(std::move(*item), store, &summary, &group);
    if (progress) {
      info.files_done = files_done;
      info.bytes_done = bytes_done;
      info.documents = summary.documents + summary.skipped_unchanged;
      info.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      progress(info);
    }
  }
  Commit(store, &summary, &group);
  for (std::thread& t : threads) t.join();
  summary.interrupted = interrupted;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace trialgraph::ingest
