#include "api/server.h"

#include <httplib.h>

#include <atomic>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "core/store.h"
#include "ingest/pipeline.h"
#include "ontology/ontology.h"
#include "query/answer.h"
#include "query/export.h"
#include "query/question.h"
#include "query/snapshot.h"
#include "query/views.h"

namespace trialgraph::api {

namespace {

using nlohmann::json;

// Compact JSON text; invalid UTF-8 (from a document's bytes) becomes U+FFFD instead of throwing.
std::string JsonBody(const json& body) { return body.dump(-1, ' ', false, json::error_handler_t::replace); }

void SendJson(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(JsonBody(body), "application/json");
}

void SendError(httplib::Response& res, int status, const std::string& error, const std::string& hint = "") {
  json body = {{"error", error}};
  if (!hint.empty()) body["hint"] = hint;
  SendJson(res, status, body);
}

// Compares in time independent of where the strings differ. `expected` is
// never empty (writes are disabled without a token).
bool ConstantTimeEquals(const std::string& given, const std::string& expected) {
  size_t diff = given.size() ^ expected.size();
  for (size_t i = 0; i < given.size(); ++i) diff |= static_cast<unsigned char>(given[i] ^ expected[i % expected.size()]);
  return diff == 0;
}

// Parses a non-negative integer parameter; nullopt (and a 400) when malformed.
std::optional<size_t> SizeParam(const httplib::Request& req, httplib::Response& res, const char* name, size_t fallback,
                                size_t max) {
  if (!req.has_param(name)) return fallback;
  const std::string value = req.get_param_value(name);
  size_t parsed = 0;
  bool digits = !value.empty() && value.size() <= 9 && value.find_first_not_of("0123456789") == std::string::npos;
  if (digits) parsed = std::stoul(value);
  if (!digits || parsed > max) {
    SendError(res, 400, std::string("parameter '") + name + "' must be an integer from 0 to " + std::to_string(max));
    return std::nullopt;
  }
  return parsed;
}

// Serialised answers of one snapshot. A snapshot never changes, so an
// answer stays right for as long as its snapshot is current; the cache is
// replaced together with the snapshot, never invalidated piecemeal. When it
// reaches its byte budget it starts over, which bounds memory without the
// bookkeeping of an LRU list.
class AnswerCache {
 public:
  explicit AnswerCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  //! The body stored under `key`, or nullptr.
  std::shared_ptr<const std::string> Find(const std::string& key) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = bodies_.find(key);
    return it == bodies_.end() ? nullptr : it->second;
  }
  //! Stores `body` under `key` unless it alone exceeds the budget.
  void Insert(const std::string& key, std::shared_ptr<const std::string> body) {
    size_t size = key.size() + body->size();
    if (size > max_bytes_) return;
    std::lock_guard<std::mutex> lock(mutex_);
    if (bytes_ + size > max_bytes_) bodies_.clear(), bytes_ = 0;
    if (bodies_.emplace(key, std::move(body)).second) bytes_ += size;
  }

 private:
  const size_t max_bytes_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const std::string>> bodies_;
  size_t bytes_ = 0;
};

// What readers see: a snapshot and the answers computed on it.
struct Published {
  std::shared_ptr<const query::Snapshot> snapshot;
  std::shared_ptr<AnswerCache> answers;
};

class Api {
 public:
  explicit Api(const ServerOptions& options) : options_(options) {}

  //! Opens the store and loads the first snapshot; false (with a message) on failure.
  bool Start();
  void Register(httplib::Server& server);

 private:
  std::shared_ptr<const query::Snapshot> Current() const { return Latest().snapshot; }
  Published Latest() const {
    std::lock_guard<std::mutex> lock(snapshot_mutex_);
    return published_;
  }
  Status Reload();
  Status PublishWrite(uint64_t write);
  bool Authorized(const httplib::Request& req, httplib::Response& res) const;
  std::optional<query::Vertex> FindNode(const query::Snapshot& s, const std::string& id, httplib::Response& res) const;

  void Query(const httplib::Request& req, httplib::Response& res) const;
  void Node(const httplib::Request& req, httplib::Response& res) const;
  void Neighbors(const httplib::Request& req, httplib::Response& res) const;
  void Search(const httplib::Request& req, httplib::Response& res) const;
  void Paths(const httplib::Request& req, httplib::Response& res) const;
  void ExportGraphMl(const httplib::Request& req, httplib::Response& res) const;
  void PostDocument(const httplib::Request& req, httplib::Response& res);
  void DeleteDocument(const httplib::Request& req, httplib::Response& res);

  ServerOptions options_;
  ontology::Ontology ontology_;
  std::unique_ptr<Store> store_;
  std::mutex write_mutex_;                 // one writer at a time changes the store
  std::atomic<uint64_t> writes_ = 0;       // store changes so far (incremented under write_mutex_)
  std::mutex publish_mutex_;               // one snapshot built at a time
  uint64_t published_writes_ = 0;          // changes the published snapshot holds (under publish_mutex_)
  mutable std::mutex snapshot_mutex_;      // guards only the pointer swap
  Published published_;
};

bool Api::Start() {
  Status st = ontology::Ontology::Load(options_.ontology_dir, &ontology_);
  if (!st.ok()) return std::cerr << "trialgraph: cannot load the ontology: " << st.ToString() << "\n", false;
  StoreOptions store_options;
  store_options.read_only = options_.write_token.empty();
  store_options.create_if_missing = !store_options.read_only;
  st = Store::Open(options_.db, store_options, &store_);
  if (!st.ok()) return std::cerr << "trialgraph: " << st.ToString() << "\n", false;
  st = Reload();
  if (!st.ok()) return std::cerr << "trialgraph: " << st.ToString() << "\n", false;
  return true;
}

// Builds the next snapshot beside the current one and swaps it in: readers
// keep the snapshot they hold and never see half a document.
Status Api::Reload() {
  std::shared_ptr<const query::Snapshot> next;
  Status st = query::Snapshot::Load(*store_, &next);
  if (!st.ok()) return st;
  Published fresh{std::move(next), std::make_shared<AnswerCache>(options_.answer_cache_bytes)};
  std::lock_guard<std::mutex> lock(snapshot_mutex_);
  published_ = std::move(fresh);
  return Status::OK();
}

// Returns once a snapshot holding store change number `write` is published.
// Writers change the store one at a time but share snapshot builds: a
// writer that finds a build running waits for it, and the next build covers
// every change committed meanwhile, so N concurrent posts cost about two
// builds instead of N.
Status Api::PublishWrite(uint64_t write) {
  std::lock_guard<std::mutex> lock(publish_mutex_);
  if (published_writes_ >= write) return Status::OK();
  uint64_t covered = writes_.load();  // every change counted here is committed
  Status st = Reload();               // reads the store as of now: at least `covered` changes
  if (st.ok()) published_writes_ = covered;
  return st;
}

bool Api::Authorized(const httplib::Request& req, httplib::Response& res) const {
  if (options_.write_token.empty()) {
    SendError(res, 403, "writes are disabled", "start the server with --write-token or TRIALGRAPH_WRITE_TOKEN");
    return false;
  }
  const std::string header = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (!header.starts_with(prefix)) {
    SendError(res, 401, "missing bearer token", "send 'Authorization: Bearer <token>'");
    return false;
  }
  if (!ConstantTimeEquals(header.substr(prefix.size()), options_.write_token)) {
    SendError(res, 403, "wrong token");
    return false;
  }
  return true;
}

std::optional<query::Vertex> Api::FindNode(const query::Snapshot& s, const std::string& id, httplib::Response& res) const {
  std::optional<query::Vertex> v = s.Find(id);
  if (!v) SendError(res, 404, "no node with id '" + id + "'", "find ids with /api/search?name=...");
  return v;
}

void Api::Query(const httplib::Request& req, httplib::Response& res) const {
  if (!req.has_param("q")) return SendError(res, 400, "missing parameter 'q'", std::string(query::QuestionForms()));
  std::optional<size_t> limit = SizeParam(req, res, "limit", 100, options_.max_limit);
  if (!limit) return;
  std::optional<size_t> offset = SizeParam(req, res, "offset", 0, 1u << 30);
  if (!offset) return;
  std::optional<size_t> evidence = SizeParam(req, res, "evidence", query::kDefaultEvidence, query::kMaxEvidence);
  if (!evidence) return;
  Published current = Latest();
  const std::string question = req.get_param_value("q");
  const std::string key =
      std::to_string(*offset) + ' ' + std::to_string(*limit) + ' ' + std::to_string(*evidence) + ' ' + question;
  std::shared_ptr<const std::string> body = current.answers->Find(key);
  res.set_header("X-Answer-Cache", body ? "hit" : "miss");
  if (!body) {
    query::Question q;
    Status st = query::ParseQuestion(question, ontology_, &q);
    if (!st.ok()) return SendError(res, 400, st.message(), std::string(query::QuestionForms()));
    query::Answer answer =
        query::Evaluate(q, *current.snapshot, ontology_, {.offset = *offset, .limit = *limit, .evidence = *evidence});
    answer.question = question;
    body = std::make_shared<const std::string>(JsonBody(answer.ToJson()));
    current.answers->Insert(key, body);
  }
  res.status = 200;
  // Sent from the cached body itself: copying ~100 KB into the response was
  // 13% of the server's CPU per cached answer (46 -> 40 us on the benchmark).
  res.set_content_provider(body->size(), "application/json",
                           [body](size_t offset, size_t length, httplib::DataSink& sink) {
                             return sink.write(body->data() + offset, length);
                           });
}

void Api::Node(const httplib::Request& req, httplib::Response& res) const {
  std::shared_ptr<const query::Snapshot> s = Current();
  if (std::optional<query::Vertex> v = FindNode(*s, req.matches[1], res)) SendJson(res, 200, query::NodeView(*s, *v));
}

void Api::Neighbors(const httplib::Request& req, httplib::Response& res) const {
  std::shared_ptr<const query::Snapshot> s = Current();
  std::optional<query::Vertex> v = FindNode(*s, req.matches[1], res);
  if (!v) return;
  std::optional<EdgeKind> kind;
  if (req.has_param("kind")) {
    kind = ParseEdgeKind(req.get_param_value("kind"));
    if (!kind) return SendError(res, 400, "unknown edge kind", "one of DESCRIBES, TESTS, CONTAINS, ENROLLS, REPORTS, HAS_ADVERSE_EVENT");
  }
  std::string direction = req.has_param("direction") ? req.get_param_value("direction") : "both";
  if (direction != "out" && direction != "in" && direction != "both")
    return SendError(res, 400, "direction must be out, in or both");
  std::optional<size_t> depth = SizeParam(req, res, "depth", 1, 100);
  if (!depth) return;
  json out;
  query::Direction d = direction == "out" ? query::Direction::kOut : direction == "in" ? query::Direction::kIn : query::Direction::kBoth;
  Status st = query::Neighbors(*s, *v, kind, d, static_cast<int>(*depth), query::NeighborLimits(), &out);
  if (!st.ok()) return SendError(res, 400, st.message());
  SendJson(res, 200, out);
}

void Api::Search(const httplib::Request& req, httplib::Response& res) const {
  if (!req.has_param("name") || req.get_param_value("name").empty()) return SendError(res, 400, "missing parameter 'name'");
  std::optional<NodeKind> kind;
  if (req.has_param("kind")) {
    kind = ParseNodeKind(req.get_param_value("kind"));
    if (!kind) return SendError(res, 400, "unknown node kind", "one of document, trial, regimen, drug, population, endpoint, adverse_event");
  }
  std::optional<size_t> limit = SizeParam(req, res, "limit", 20, options_.max_limit);
  if (!limit) return;
  std::shared_ptr<const query::Snapshot> s = Current();
  json results = json::array();
  for (query::Vertex v : s->SearchPrefix(req.get_param_value("name"), kind, *limit)) {
    const trialgraph::Node& n = s->nodes()[v];
    results.push_back({{"id", n.id}, {"kind", NodeKindName(n.kind)}, {"name", n.name}});
  }
  SendJson(res, 200, {{"results", results}});
}

void Api::Paths(const httplib::Request& req, httplib::Response& res) const {
  if (!req.has_param("from") || !req.has_param("to")) return SendError(res, 400, "parameters 'from' and 'to' are required");
  std::optional<size_t> hops = SizeParam(req, res, "max_hops", 4, 8);
  if (!hops) return;
  std::shared_ptr<const query::Snapshot> s = Current();
  std::optional<query::Vertex> from = FindNode(*s, req.get_param_value("from"), res);
  std::optional<query::Vertex> to = from ? FindNode(*s, req.get_param_value("to"), res) : std::nullopt;
  if (!from || !to) return;
  json out;
  Status st = query::ShortestPaths(*s, *from, *to, static_cast<int>(*hops), 20, &out);
  if (!st.ok()) return SendError(res, 400, st.message());
  SendJson(res, 200, out);
}

// Streams GraphML in chunks: the whole store as it is at the request, or
// the subgraph answering `q` from the current snapshot.
void Api::ExportGraphMl(const httplib::Request& req, httplib::Response& res) const {
  query::ExportScope scope;
  if (req.has_param("q")) {
    Status st = query::ParseQuestion(req.get_param_value("q"), ontology_, &scope.question.emplace());
    if (!st.ok()) return SendError(res, 400, st.message(), std::string(query::QuestionForms()));
  }
  if (req.has_param("kinds")) {
    Status st = query::ParseNodeKinds(req.get_param_value("kinds"), &scope.kinds.emplace());
    if (!st.ok()) return SendError(res, 400, st.message());
  }
  std::shared_ptr<const query::ExportSource> source =
      query::MakeExportSource(*store_, scope.question ? Current() : nullptr, ontology_, scope);
  res.set_chunked_content_provider("application/graphml+xml", [source](size_t, httplib::DataSink& sink) {
    if (!query::ExportGraphMl(*source, sink.os).ok()) return false;  // drops the connection: never a truncated file
    sink.done();
    return true;
  });
}

void Api::PostDocument(const httplib::Request& req, httplib::Response& res) {
  if (!Authorized(req, res)) return;
  if (req.body.empty()) return SendError(res, 400, "empty body", "POST the document's bytes");
  std::string source = req.has_param("source") ? req.get_param_value("source") : "http-upload";
  ingest::IngestSummary summary;
  uint64_t write;
  {
    std::lock_guard<std::mutex> lock(write_mutex_);
    Status st = ingest::IngestBytes(source, req.body, ontology_, store_.get(), &summary);
    if (!st.ok()) return SendError(res, 400, source + ": " + st.message());
    write = writes_.fetch_add(1) + 1;
  }
  Status st = PublishWrite(write);
  if (!st.ok()) return SendError(res, 500, st.message());
  SendJson(res, summary.documents > 0 ? 201 : 200, summary.ToJson());
}

void Api::DeleteDocument(const httplib::Request& req, httplib::Response& res) {
  if (!Authorized(req, res)) return;
  uint64_t write;
  {
    std::lock_guard<std::mutex> lock(write_mutex_);
    Status st = store_->RemoveDocument(req.matches[1].str());
    if (st.IsNotFound()) return SendError(res, 404, "no document with id '" + req.matches[1].str() + "'");
    if (!st.ok()) return SendError(res, 500, st.message());
    write = writes_.fetch_add(1) + 1;
  }
  Status st = PublishWrite(write);
  if (!st.ok()) return SendError(res, 500, st.message());
  SendJson(res, 200, {{"removed", req.matches[1].str()}});
}

void Api::Register(httplib::Server& server) {
  using Handler = void (Api::*)(const httplib::Request&, httplib::Response&) const;
  auto bind = [this](Handler h) { return [this, h](const httplib::Request& q, httplib::Response& r) { (this->*h)(q, r); }; };
  server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) { SendJson(res, 200, {{"status", "ok"}}); });
  server.Get("/api/stats", [this](const httplib::Request&, httplib::Response& res) { SendJson(res, 200, Current()->Stats()); });
  server.Get("/api/query", bind(&Api::Query));
  server.Get(R"(/api/nodes/(.+)/neighbors)", bind(&Api::Neighbors));
  server.Get(R"(/api/nodes/(.+))", bind(&Api::Node));
  server.Get("/api/search", bind(&Api::Search));
  server.Get("/api/paths", bind(&Api::Paths));
  server.Get("/api/export.graphml", bind(&Api::ExportGraphMl));
  server.Post("/api/documents", [this](const httplib::Request& q, httplib::Response& r) { PostDocument(q, r); });
  server.Delete(R"(/api/documents/(.+))", [this](const httplib::Request& q, httplib::Response& r) { DeleteDocument(q, r); });
  auto not_allowed = [](const httplib::Request&, httplib::Response& res) { SendError(res, 405, "method not allowed"); };
  for (const char* path : {"/healthz", "/api/stats", "/api/query", "/api/search", "/api/paths", R"(/api/nodes/(.+))"}) {
    server.Post(path, not_allowed);
    server.Put(path, not_allowed);
    server.Delete(path, not_allowed);
  }
  server.Put("/api/documents", not_allowed);
  server.Get("/api/documents", not_allowed);
}

}  // namespace

int Serve(const ServerOptions& options) {
  constexpr size_t kDefaultThreads = 64;
  Api api(options);
  if (!api.Start()) return 3;
  httplib::Server server;
  api.Register(server);
  // cpp-httplib serves a keep-alive connection on one pool thread for the
  // connection's life, so the pool must cover the concurrent clients, not
  // the cores: with fewer threads the other connections queue for seconds.
  size_t threads = options.threads > 0 ? options.threads : kDefaultThreads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_tcp_nodelay(true);
  server.set_payload_max_length(options.max_body_bytes);
  server.set_read_timeout(options.timeout_seconds, 0);
  server.set_write_timeout(options.timeout_seconds, 0);
  server.set_keep_alive_max_count(1000);
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) {
      std::string error = res.status == 413 ? "request body too large" : res.status == 404 ? "no such endpoint" : "request failed";
      SendError(res, res.status, error, res.status == 404 ? "see docs/api.md for the endpoints" : "");
    }
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    SendError(res, 500, "internal error");
  });
  if (!server.bind_to_port(options.host, options.port)) {
    std::cerr << "trialgraph: cannot listen on " << options.host << ":" << options.port << "\n";
    return 3;
  }
  std::cerr << "trialgraph: serving " << options.db << " on http://" << options.host << ":" << options.port
            << " (" << threads << " threads" << (options.write_token.empty() ? ", read-only" : ", writes need the token")
            << ")\n";
  return server.listen_after_bind() ? 0 : 3;
}

}  // namespace trialgraph::api
