#include "core/store.h"

#include <rocksdb/db.h>
#include <rocksdb/cache.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>
#include <utility>

#include "core/hash.h"

namespace trialgraph {

// Parses a stored CBOR value; a value that does not parse is corruption.
// (Defined with the CBOR reader below.)
Status DecodeJson(const rocksdb::Slice& bytes, nlohmann::json* out);

namespace {

using nlohmann::json;

// Order matches CfIndex. "default" is RocksDB's own name for the first family.
constexpr const char* kColumnFamilies[] = {"default",  "nodes",     "node_refs", "out_edges",
                                           "in_edges", "documents", "names"};
enum CfIndex { kMeta = 0, kNodes, kNodeRefs, kOutEdges, kInEdges, kDocuments, kNames, kCfCount };

std::string ToCbor(const json& j) {
  std::vector<uint8_t> bytes = json::to_cbor(j);
  return std::string(bytes.begin(), bytes.end());
}


Status FromRocks(const rocksdb::Status& s) {
  if (s.ok()) return Status::OK();
  if (s.IsNotFound()) return Status::NotFound(s.ToString());
  if (s.IsCorruption()) return Status::Corruption(s.ToString());
  if (s.IsIOError()) return Status::IOError(s.ToString());
  return Status::IOError(s.ToString());
}

json DocumentRecordToJson(const DocumentRecord& r) {
  json keys = json::array();
  for (const std::string& k : r.edge_keys) keys.push_back(json::binary(std::vector<uint8_t>(k.begin(), k.end())));
  return {{"id", r.id}, {"source", r.source}, {"content_hash", r.content_hash}, {"nodes", r.node_ids}, {"edges", keys}};
}

DocumentRecord DocumentRecordFromJson(const json& j) {
  DocumentRecord r;
  r.id = j.at("id").get<std::string>();
  r.source = j.value("source", "");
  r.content_hash = j.value("content_hash", "");
  r.node_ids = j.value("nodes", std::vector<std::string>{});
  for (const json& k : j.at("edges")) {
    const auto& bin = k.get_binary();
    r.edge_keys.emplace_back(bin.begin(), bin.end());
  }
  return r;
}

Status DecodeDocumentRecord(const rocksdb::Slice& bytes, DocumentRecord* record) {
  json j;
  Status st = DecodeJson(bytes, &j);
  if (st.ok()) *record = DocumentRecordFromJson(j);
  return st;
}

std::string HexOf(const rocksdb::Slice& bytes) { return Hex(bytes.ToStringView()); }

// The name-index keys of a node: its name and each synonym.
std::vector<std::string> NameKeys(const Node& node, const NodeKey& key) {
  std::vector<std::string> keys{KeyCodec::EncodeNameKey(node.name, key)};
  for (const std::string& synonym : node.synonyms) keys.push_back(KeyCodec::EncodeNameKey(synonym, key));
  return keys;
}

// The name-index keys of a stored node value; none when it does not decode.
std::vector<std::string> StoredNameKeys(const std::string& stored, const NodeKey& key) {
  json node;
  if (!DecodeJson(stored, &node).ok()) return {};
  return NameKeys(NodeFromJson(node), key);
}

// Committed node values, so that the shared nodes most documents mention
// (drugs, endpoints, regimens) are compared without a Get. Bounded: two
// generations of at most kGeneration entries; when the recent one fills it
// becomes the older one and the older one is dropped.
class NodeCache {
 public:
  //! Copies the value of `key` into *value; false when it is not cached.
  bool Find(const std::string& key, std::string* value) {
    if (auto it = recent_.find(key); it != recent_.end()) {
      *value = it->second;
      return true;
    }
    auto it = older_.find(key);
    if (it == older_.end()) return false;
    *value = it->second;
    Set(key, *value);
    return true;
  }
  //! Caches `value` as the committed value of `key`.
  void Set(const std::string& key, const std::string& value) {
    if (recent_.size() >= kGeneration) older_ = std::exchange(recent_, {});
    recent_[key] = value;
  }
  //! Forgets `key` (the node was deleted).
  void Erase(const std::string& key) {
    recent_.erase(key);
    older_.erase(key);
  }

 private:
  static constexpr size_t kGeneration = size_t{1} << 15;
  std::unordered_map<std::string, std::string> recent_, older_;
};

}  // namespace

//! One document's changes in the order they were made; they join the stage
//! only once the whole document was staged without error.
class Store::Changes {
 public:
  struct Change {
    int cf;                            //!< CfIndex
    std::string key;                   //!< encoded by KeyCodec
    std::optional<std::string> value;  //!< nullopt deletes
  };
  //! Records that `key` of family `cf` is set to `value`.
  void Put(int cf, std::string key, std::string value) { list_.push_back({cf, std::move(key), std::move(value)}); }
  //! Records that `key` of family `cf` is deleted.
  void Delete(int cf, std::string key) { list_.push_back({cf, std::move(key), std::nullopt}); }
  //! The changes, for the stage to take.
  std::vector<Change>& list() { return list_; }

 private:
  std::vector<Change> list_;
};

//! What the writer holds between commits.
struct Store::Staged {
  //! Per column family, the latest change of each key since the last commit; nullopt deletes.
  std::array<std::map<std::string, std::optional<std::string>, std::less<>>, kCfCount> changes;
  size_t count = 0;  //!< of keys in changes
  size_t bytes = 0;  //!< of the keys and values applied since the last commit
  NodeCache nodes;   //!< committed node values

  //! Adds one document's changes, later ones replacing earlier ones of the same key.
  void Apply(Changes&& document) {
    for (Changes::Change& c : document.list()) {
      bytes += c.key.size() + (c.value ? c.value->size() : 0);
      auto [it, added] = changes[c.cf].insert_or_assign(std::move(c.key), std::move(c.value));
      count += added;
    }
  }
  //! After a successful commit: the staged node values are now the committed ones.
  void CacheCommittedNodes() {
    for (const auto& [key, value] : changes[kNodes]) {
      if (value) nodes.Set(key, *value);
      else nodes.Erase(key);
    }
  }
  //! Empties the stage.
  void Clear() {
    for (auto& cf : changes) cf.clear();
    count = bytes = 0;
  }
};

Store::Store() : staged_(std::make_unique<Staged>()) {}

struct Store::Handles {
  std::vector<rocksdb::ColumnFamilyHandle*> cf;
  rocksdb::ColumnFamilyHandle* operator[](int i) const { return cf[i]; }
};

nlohmann::json CheckReport::ToJson() const {
  return {{"ok", problem_count == 0},
          {"problem_count", problem_count},
          {"problems", problems},
          {"digest", digest},
          {"counts",
           {{"nodes", nodes}, {"edges", edges}, {"documents", documents}, {"node_refs", node_refs}, {"names", names}}}};
}

nlohmann::json StoreStats::ToJson() const {
  return {{"documents", documents}, {"nodes", nodes}, {"edges", edges}};
}

namespace {

rocksdb::DBOptions DbOptions(const StoreOptions& options) {
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = options.create_if_missing && !options.read_only;
  db_options.create_missing_column_families = !options.read_only;
  db_options.IncreaseParallelism(2);
  // The WAL is shared by all column families and a file is deleted only
  // once every family has flushed what it holds; small families (the format
  // version, the name index) would otherwise pin gigabytes of log.
  db_options.max_total_wal_size = 256 << 20;
  return db_options;
}

rocksdb::ColumnFamilyOptions CfOptions() {
  rocksdb::ColumnFamilyOptions cf_options;
  cf_options.OptimizeLevelStyleCompaction(64 << 20);  // memtable budget per column family (RocksDB default: 512 MB)
  cf_options.compression = rocksdb::kLZ4Compression;
  // Level sizes follow the data, so a growing store keeps ~10x fan-out
  // from its last level up instead of filling levels from the top.
  cf_options.level_compaction_dynamic_level_bytes = true;
  // Ingestion writes far more than it reads: merging 8 L0 files at a time
  // into the base level rewrites that level a quarter as often as 2 (the
  // OptimizeLevelStyleCompaction default).
  cf_options.level0_file_num_compaction_trigger = 8;
  // Most lookups during ingestion miss (is this content stored? this
  // document? this node?); Bloom filters answer those without reading data
  // blocks, in SST files and in the memtables, so the cost per document
  // stays flat as the store grows.
  cf_options.memtable_prefix_bloom_size_ratio = 0.05;
  cf_options.memtable_whole_key_filtering = true;
  rocksdb::BlockBasedTableOptions table;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  table.block_cache = rocksdb::NewLRUCache(64 << 20);
  cf_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return cf_options;
}

// A read-only open reads the file list from the MANIFEST, then opens each
// file. When a writer's flush or compaction finishes in between, a listed
// file is already deleted and the open fails although the store is sound;
// the MANIFEST then names the new files, so trying again succeeds. RocksDB
// reports a vanished table file as Corruption or IOError with only the
// errno text to tell it apart, hence the message test.
bool FileVanishedDuringOpen(const rocksdb::Status& s) {
  return s.IsPathNotFound() ||
         ((s.IsCorruption() || s.IsIOError()) && s.ToString().find("No such file") != std::string::npos);
}

rocksdb::Status OpenReadOnly(const rocksdb::DBOptions& db_options, const std::string& dir,
                             const std::vector<rocksdb::ColumnFamilyDescriptor>& descriptors,
                             std::vector<rocksdb::ColumnFamilyHandle*>* handles, rocksdb::DB** db) {
  // No CURRENT file: not a store at all, nothing a retry could find.
  const int attempts = std::filesystem::exists(std::filesystem::path(dir) / "CURRENT") ? 8 : 1;
  rocksdb::Status s;
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    s = rocksdb::DB::OpenForReadOnly(db_options, dir, descriptors, handles, db);
    if (s.ok() || !FileVanishedDuringOpen(s)) return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(25 * attempt));
  }
  return s;
}

}  // namespace

Status Store::Open(const std::string& dir, const StoreOptions& options, std::unique_ptr<Store>* store) {
  rocksdb::DBOptions db_options = DbOptions(options);
  rocksdb::ColumnFamilyOptions cf_options = CfOptions();
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const char* name : kColumnFamilies) descriptors.emplace_back(name, cf_options);

  std::filesystem::path parent = std::filesystem::path(dir).parent_path();
  if (db_options.create_if_missing && !parent.empty()) {  // RocksDB creates the store's directory but not its parents
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) return Status::IOError("cannot create the directories of store " + dir + ": " + ec.message());
  }
  std::unique_ptr<Store> opened(new Store());
  opened->options_ = options;
  opened->cf_ = std::make_unique<Handles>();
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = options.read_only ? OpenReadOnly(db_options, dir, descriptors, &opened->cf_->cf, &raw)
                                        : rocksdb::DB::Open(db_options, dir, descriptors, &opened->cf_->cf, &raw);
  if (!s.ok()) {
    if (s.IsIOError() && s.ToString().find("lock") != std::string::npos)
      return Status::IOError("store " + dir + " is in use by another trialgraph process (" + s.ToString() + ")");
    return Status::IOError("cannot open store " + dir + ": " + s.ToString());
  }
  opened->db_.reset(raw);
  std::string version;
  bool fresh = opened->db_->Get(rocksdb::ReadOptions(), opened->cf_->cf[kMeta], KeyCodec::FormatVersionKey(), &version)
                   .IsNotFound();
  Status st = opened->CheckFormatVersion(fresh);
  if (!st.ok()) return st;
  *store = std::move(opened);
  return Status::OK();
}

Status Store::CheckFormatVersion(bool fresh) {
  if (fresh) {
    if (options_.read_only) return Status::OK();
    return FromRocks(db_->Put(rocksdb::WriteOptions(), cf_->cf[kMeta], KeyCodec::FormatVersionKey(),
                              KeyCodec::EncodeU32(kStoreFormatVersion)));
  }
  std::string bytes;
  db_->Get(rocksdb::ReadOptions(), cf_->cf[kMeta], KeyCodec::FormatVersionKey(), &bytes);
  std::optional<uint32_t> version = KeyCodec::DecodeU32(bytes);
  if (!version) return Status::Corruption("format version entry is not a 4-byte integer");
  if (*version > kStoreFormatVersion)
    return Status::NotSupported("store was written by a newer trialgraph (format " + std::to_string(*version) +
                                "; this build reads up to " + std::to_string(kStoreFormatVersion) + ")");
  return Status::OK();
}

Store::~Store() {
  if (!db_) return;
  // A read-only open replays every write-ahead log file into memory (at 100k
  // documents, seconds per `query` or `export`); flushing on close leaves
  // the next open nothing to replay.
  if (!options_.read_only) db_->Flush(rocksdb::FlushOptions(), cf_->cf);
  for (rocksdb::ColumnFamilyHandle* h : cf_->cf) db_->DestroyColumnFamilyHandle(h);
  db_->Close();
}

bool Store::ContainsContent(const std::array<uint8_t, 16>& content_hash) const {
  std::string value;
  return db_->Get(rocksdb::ReadOptions(), cf_->cf[kDocuments], KeyCodec::EncodeContentKey(content_hash), &value).ok();
}

bool Store::HasOtherReference(const NodeKey& node, uint64_t document_hash) {
  std::string prefix = KeyCodec::NodeRefPrefix(node);
  auto from_other = [&](std::string_view key) {
    std::optional<NodeRefKey> ref = KeyCodec::DecodeNodeRefKey(key);
    return ref && ref->document != document_hash;
  };
  const auto& staged = staged_->changes[kNodeRefs];
  for (auto it = staged.lower_bound(prefix); it != staged.end() && it->first.starts_with(prefix); ++it)
    if (it->second && from_other(it->first)) return true;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cf_->cf[kNodeRefs]));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next())
    if (!staged.contains(it->key().ToStringView()) && from_other(it->key().ToStringView())) return true;
  return false;
}

Status Store::ReadLatest(int cf, const std::string& key, std::string* value) {
  if (auto it = staged_->changes[cf].find(key); it != staged_->changes[cf].end()) {
    if (!it->second) return Status::NotFound("staged deletion");
    *value = *it->second;
    return Status::OK();
  }
  if (cf == kNodes && staged_->nodes.Find(key, value)) return Status::OK();
  Status st = FromRocks(db_->Get(rocksdb::ReadOptions(), cf_->cf[cf], key, value));
  if (st.ok() && cf == kNodes) staged_->nodes.Set(key, *value);
  return st;
}

// Adds to `changes` the deletions that undo `old`. Nodes that the
// replacement re-adds, or that other documents still reference, stay.
Status Store::StageRemoval(uint64_t document_hash, const DocumentRecord& old, const EncodedDocument* replacement,
                           Changes* changes) {
  std::map<std::string, const std::vector<std::string>*> kept;  // node the replacement re-adds -> its name keys
  if (replacement)
    for (const EncodedDocument::NodeEntry& n : replacement->nodes) kept[n.id] = &n.name_keys;
  for (const std::string& edge_bytes : old.edge_keys) {
    std::optional<EdgeKey> edge = KeyCodec::DecodeOutEdgeKey(edge_bytes);
    if (!edge) return Status::Corruption("document " + old.id + " lists an undecodable edge key");
    changes->Delete(kOutEdges, edge_bytes);
    changes->Delete(kInEdges, KeyCodec::EncodeInEdgeKey(*edge));
  }
  for (const std::string& node_id : old.node_ids) {
    std::optional<NodeKey> key = KeyCodec::NodeKeyOfId(node_id);
    if (!key) return Status::Corruption("document " + old.id + " lists a malformed node id " + node_id);
    changes->Delete(kNodeRefs, KeyCodec::EncodeNodeRefKey({*key, document_hash}));
    auto re_added = kept.find(node_id);
    if (re_added == kept.end() && HasOtherReference(*key, document_hash)) continue;
    // Drop the old names, but those a re-added node keeps (StageNode writes
    // names only when the node's value changes).
    std::string node_key = KeyCodec::EncodeNodeKey(*key), stored;
    if (ReadLatest(kNodes, node_key, &stored).ok())
      for (std::string& name_key : StoredNameKeys(stored, *key))
        if (re_added == kept.end() || std::find(re_added->second->begin(), re_added->second->end(), name_key) ==
                                          re_added->second->end())
          changes->Delete(kNames, std::move(name_key));
    if (re_added == kept.end()) changes->Delete(kNodes, node_key);
  }
  std::optional<std::array<uint8_t, 16>> content = ContentHashFromHex(old.content_hash);
  if (!content) return Status::Corruption("document " + old.id + " has a malformed content hash");
  changes->Delete(kDocuments, KeyCodec::EncodeContentKey(*content));
  changes->Delete(kDocuments, KeyCodec::EncodeDocumentKey(document_hash));
  return Status::OK();
}

Status Store::Encode(const Contribution& c, EncodedDocument* out) {
  *out = EncodedDocument{c.document.id, KeyCodec::DocumentHash(c.document.id), c.content_hash, {}, {}, {}};
  DocumentRecord record{c.document.id, c.source, ContentHashHex(c.content_hash), {}, {}};
  auto add_node = [&](const Node& node) {
    std::optional<NodeKey> key = KeyCodec::NodeKeyOfId(node.id);
    if (!key) return Status::InvalidArgument("malformed node id '" + node.id + "'");
    EncodedDocument::NodeEntry entry{node.id, KeyCodec::EncodeNodeKey(*key), ToCbor(NodeToJson(node)), {},
                                     KeyCodec::EncodeNodeRefKey({*key, out->hash}), ToCbor(node.reported)};
    entry.name_keys = NameKeys(node, *key);
    out->nodes.push_back(std::move(entry));
    record.node_ids.push_back(node.id);
    return Status::OK();
  };
  Status st = add_node(c.document);
  for (size_t i = 0; st.ok() && i < c.nodes.size(); ++i) st = add_node(c.nodes[i]);
  if (!st.ok()) return st;
  std::set<std::string> edge_keys;
  for (const Edge& edge : c.edges) {
    std::optional<NodeKey> from = KeyCodec::NodeKeyOfId(edge.from), to = KeyCodec::NodeKeyOfId(edge.to);
    if (!from || !to) return Status::InvalidArgument("edge with malformed end " + edge.from + " -> " + edge.to);
    EdgeKey key{*from, edge.kind, *to, EdgeFactHash(edge)};
    std::string out_key = KeyCodec::EncodeOutEdgeKey(key);
    if (!edge_keys.insert(out_key).second) continue;
    out->edges.push_back({std::move(out_key), KeyCodec::EncodeInEdgeKey(key), ToCbor(EdgeToJson(edge))});
  }
  record.edge_keys.assign(edge_keys.begin(), edge_keys.end());
  out->record = ToCbor(DocumentRecordToJson(record));
  return Status::OK();
}

// Shared nodes (a drug, an endpoint) are mentioned by many documents: their
// value and names are rewritten only when they differ from what is stored.
void Store::StageNode(EncodedDocument::NodeEntry& node, Changes* changes) {
  std::string stored;
  bool exists = ReadLatest(kNodes, node.key, &stored).ok();
  if (!exists || stored != node.value) {
    if (exists)
      for (std::string& name_key : StoredNameKeys(stored, *KeyCodec::DecodeNodeKey(node.key)))
        changes->Delete(kNames, std::move(name_key));
    changes->Put(kNodes, std::move(node.key), std::move(node.value));
    for (std::string& name_key : node.name_keys) changes->Put(kNames, std::move(name_key), "");
  }
  changes->Put(kNodeRefs, std::move(node.ref_key), std::move(node.ref_value));
}

// Computes the document's changes against the committed store and the
// documents staged before it, then adds them to the stage.
Status Store::StageLocked(EncodedDocument& d, PutResult* result) {
  const std::string content_key = KeyCodec::EncodeContentKey(d.content_hash), document_key = KeyCodec::EncodeDocumentKey(d.hash);
  std::string bytes;
  if (ReadLatest(kDocuments, content_key, &bytes).ok()) {
    *result = PutResult::kUnchanged;
    return Status::OK();
  }
  Changes changes;
  Status st = ReadLatest(kDocuments, document_key, &bytes);
  if (!st.ok() && !st.IsNotFound()) return st;
  *result = st.ok() ? PutResult::kReplaced : PutResult::kAdded;
  if (st.ok()) {
    DocumentRecord old;
    st = DecodeDocumentRecord(bytes, &old);
    if (st.ok()) st = StageRemoval(d.hash, old, &d, &changes);
    if (!st.ok()) return st;
  }
  for (EncodedDocument::NodeEntry& node : d.nodes) StageNode(node, &changes);
  for (EncodedDocument::EdgeEntry& edge : d.edges) {
    changes.Put(kOutEdges, std::move(edge.out_key), std::move(edge.value));
    changes.Put(kInEdges, std::move(edge.in_key), "");
  }
  changes.Put(kDocuments, document_key, std::move(d.record));
  changes.Put(kDocuments, content_key, document_key);
  staged_->Apply(std::move(changes));
  return Status::OK();
}

// The stage holds one entry per key, sorted by column family and key: the
// batch is smaller than the sum of its documents' changes, and sorted
// inserts are cheaper for the memtable's skip list.
Status Store::CommitLocked() {
  if (staged_->count == 0) return Status::OK();
  rocksdb::WriteBatch batch(staged_->bytes + 16 * staged_->count);
  for (int cf = 0; cf < kCfCount; ++cf)
    for (const auto& [key, value] : staged_->changes[cf]) {
      if (value) batch.Put(cf_->cf[cf], key, *value);
      else batch.Delete(cf_->cf[cf], key);
    }
  rocksdb::WriteOptions write_options;
  write_options.sync = options_.sync_writes;
  Status st = FromRocks(db_->Write(write_options, &batch));
  if (st.ok()) staged_->CacheCommittedNodes();
  staged_->Clear();
  return st;
}

Status Store::StageDocument(EncodedDocument d, PutResult* result) {
  if (options_.read_only) return Status::NotSupported("store is open read-only");
  std::lock_guard<std::mutex> lock(write_mutex_);
  return StageLocked(d, result);
}

Status Store::CommitStaged() {
  std::lock_guard<std::mutex> lock(write_mutex_);
  return CommitLocked();
}

size_t Store::StagedBytes() const {
  std::lock_guard<std::mutex> lock(write_mutex_);
  return staged_->bytes;
}

Status Store::PutDocument(const Contribution& c, PutResult* result) {
  if (options_.read_only) return Status::NotSupported("store is open read-only");
  EncodedDocument d;
  Status st = Encode(c, &d);
  if (!st.ok()) return st;
  std::lock_guard<std::mutex> lock(write_mutex_);
  st = StageLocked(d, result);
  Status committed = CommitLocked();
  return st.ok() ? committed : st;
}

Status Store::RemoveDocument(std::string_view document_id) {
  if (options_.read_only) return Status::NotSupported("store is open read-only");
  std::lock_guard<std::mutex> lock(write_mutex_);
  Status st = CommitLocked();
  if (!st.ok()) return st;
  DocumentRecord old;
  st = GetDocument(document_id, &old);  // nothing is staged after the commit
  Changes changes;
  if (st.ok()) st = StageRemoval(KeyCodec::DocumentHash(document_id), old, nullptr, &changes);
  if (!st.ok()) return st;
  staged_->Apply(std::move(changes));
  return CommitLocked();
}

Status Store::GetNode(std::string_view id, Node* node) const { return ReadNode(rocksdb::ReadOptions(), id, node); }

Status Store::ReadNode(const rocksdb::ReadOptions& read, std::string_view id, Node* node) const {
  std::optional<NodeKey> key = KeyCodec::NodeKeyOfId(id);
  if (!key) return Status::InvalidArgument("malformed node id '" + std::string(id) + "'");
  std::string value;
  rocksdb::Status s = db_->Get(read, cf_->cf[kNodes], KeyCodec::EncodeNodeKey(*key), &value);
  if (!s.ok()) return s.IsNotFound() ? Status::NotFound("no node " + std::string(id)) : FromRocks(s);
  json j;
  Status st = DecodeJson(value, &j);
  if (!st.ok()) return st;
  *node = NodeFromJson(j);
  return Status::OK();
}

Status Store::GetDocument(std::string_view document_id, DocumentRecord* record) const {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf_->cf[kDocuments],
                               KeyCodec::EncodeDocumentKey(KeyCodec::DocumentHash(document_id)), &value);
  if (!s.ok()) return s.IsNotFound() ? Status::NotFound("no document " + std::string(document_id)) : FromRocks(s);
  return DecodeDocumentRecord(value, record);
}

Status Store::ForEachNodeRef(
    const std::function<void(const NodeKey&, uint64_t, const nlohmann::json&)>& visit) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cf_->cf[kNodeRefs]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::optional<NodeRefKey> ref = KeyCodec::DecodeNodeRefKey(it->key().ToStringView());
    if (!ref) return Status::Corruption("undecodable node_refs key");
    json props;
    Status st = DecodeJson(it->value(), &props);
    if (!st.ok()) return st;
    visit(ref->node, ref->document, props);
  }
  return FromRocks(it->status());
}

Status Store::ForEachEdge(const std::function<void(const Edge&)>& visit) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cf_->cf[kOutEdges]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    json j;
    Status st = DecodeJson(it->value(), &j);
    if (!st.ok()) return st;
    visit(EdgeFromJson(j));
  }
  return FromRocks(it->status());
}

Status Store::ForEachDocument(const std::function<void(const DocumentRecord&)>& visit) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cf_->cf[kDocuments]));
  std::string prefix = KeyCodec::EncodeDocumentKey(0).substr(0, 1);
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    DocumentRecord record;
    Status st = DecodeDocumentRecord(it->value(), &record);
    if (!st.ok()) return st;
    visit(record);
  }
  return FromRocks(it->status());
}

Status Store::FindByNamePrefix(std::string_view prefix, size_t limit, std::vector<Node>* nodes) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cf_->cf[kNames]));
  std::string key_prefix = KeyCodec::NamePrefix(prefix);
  std::set<NodeKey> seen;
  for (it->Seek(key_prefix); it->Valid() && it->key().starts_with(key_prefix) && nodes->size() < limit; it->Next()) {
    std::optional<NodeKey> key = KeyCodec::DecodeNameKeyNode(it->key().ToStringView());
    if (!key || !seen.insert(*key).second) continue;
    std::string value;
    if (!db_->Get(rocksdb::ReadOptions(), cf_->cf[kNodes], KeyCodec::EncodeNodeKey(*key), &value).ok()) continue;
    json j;
    Status st = DecodeJson(value, &j);
    if (!st.ok()) return st;
    nodes->push_back(NodeFromJson(j));
  }
  return FromRocks(it->status());
}

Status Store::Stats(StoreStats* stats) const {
  *stats = StoreStats();
  for (NodeKind kind : kAllNodeKinds) stats->nodes[std::string(NodeKindName(kind))] = 0;
  for (EdgeKind kind : kAllEdgeKinds) stats->edges[std::string(EdgeKindName(kind))] = 0;
  std::unique_ptr<rocksdb::Iterator> nodes(db_->NewIterator(rocksdb::ReadOptions(), cf_->cf[kNodes]));
  for (nodes->SeekToFirst(); nodes->Valid(); nodes->Next()) {
    std::optional<NodeKey> key = KeyCodec::DecodeNodeKey(nodes->key().ToStringView());
    if (!key) return Status::Corruption("undecodable node key");
    ++stats->nodes[std::string(NodeKindName(key->kind))];
  }
  std::unique_ptr<rocksdb::Iterator> edges(db_->NewIterator(rocksdb::ReadOptions(), cf_->cf[kOutEdges]));
  for (edges->SeekToFirst(); edges->Valid(); edges->Next()) {
    std::optional<EdgeKey> key = KeyCodec::DecodeOutEdgeKey(edges->key().ToStringView());
    if (!key) return Status::Corruption("undecodable edge key");
    ++stats->edges[std::string(EdgeKindName(key->kind))];
  }
  return ForEachDocument([&](const DocumentRecord&) { ++stats->documents; });
}

}  // namespace trialgraph

namespace trialgraph {

bool Store::Has(int cf, const std::string& key) const {
  std::string value;
  return db_->Get(rocksdb::ReadOptions(), cf_->cf[cf], key, &value).ok();
}

Status Store::Check(CheckReport* report) const {
  *report = CheckReport();
  StreamingHash digest;
  auto problem = [&](std::string text) {
    if (report->problems.size() < 100) report->problems.push_back(std::move(text));
    ++report->problem_count;
  };
  rocksdb::ReadOptions read;
  auto scan = [&](int cf, const std::function<void(const rocksdb::Slice&, const rocksdb::Slice&)>& visit) {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read, cf_->cf[cf]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) visit(it->key(), it->value());
    return FromRocks(it->status());
  };
  // Nodes come in key order, so one node_refs iterator seeks forward through them all.
  std::unique_ptr<rocksdb::Iterator> refs(db_->NewIterator(read, cf_->cf[kNodeRefs]));
  Status st = scan(kNodes, [&](const rocksdb::Slice& key, const rocksdb::Slice& value) {
    ++report->nodes;
    digest.Add(key.ToStringView());
    digest.Add(value.ToStringView());
    refs->Seek(key);
    if (!refs->Valid() || !refs->key().starts_with(key)) problem("node without a referencing document: " + HexOf(key));
  });
  if (st.ok())
    st = scan(kNodeRefs, [&](const rocksdb::Slice& key, const rocksdb::Slice& value) {
      ++report->node_refs;
      digest.Add(key.ToStringView());
      digest.Add(value.ToStringView());
      std::optional<NodeRefKey> ref = KeyCodec::DecodeNodeRefKey(key.ToStringView());
      if (!ref) return problem("undecodable node_refs key " + HexOf(key));
      if (!Has(kNodes, KeyCodec::EncodeNodeKey(ref->node))) problem("reference to a missing node: " + HexOf(key));
      if (!Has(kDocuments, KeyCodec::EncodeDocumentKey(ref->document))) problem("reference from a missing document: " + HexOf(key));
    });
  if (st.ok())
    st = scan(kOutEdges, [&](const rocksdb::Slice& key, const rocksdb::Slice& value) {
      ++report->edges;
      digest.Add(key.ToStringView());
      digest.Add(value.ToStringView());
      std::optional<EdgeKey> edge = KeyCodec::DecodeOutEdgeKey(key.ToStringView());
      if (!edge) return problem("undecodable edge key " + HexOf(key));
      if (!Has(kNodes, KeyCodec::EncodeNodeKey(edge->from)) || !Has(kNodes, KeyCodec::EncodeNodeKey(edge->to)))
        problem("edge with a missing end: " + HexOf(key));
      if (!Has(kInEdges, KeyCodec::EncodeInEdgeKey(*edge))) problem("edge without its in-edge: " + HexOf(key));
      json j;
      if (!DecodeJson(value, &j).ok()) return problem("undecodable edge value at " + HexOf(key));
      std::string document = j["provenance"].value("document", "");
      if (!Has(kDocuments, KeyCodec::EncodeDocumentKey(KeyCodec::DocumentHash(document))))
        problem("edge without a stored source document: " + HexOf(key));
    });
  if (st.ok())
    st = scan(kInEdges, [&](const rocksdb::Slice& key, const rocksdb::Slice&) {
      std::optional<EdgeKey> edge = KeyCodec::DecodeInEdgeKey(key.ToStringView());
      if (!edge || !Has(kOutEdges, KeyCodec::EncodeOutEdgeKey(*edge))) problem("in-edge without its edge: " + HexOf(key));
    });
  if (st.ok())
    st = scan(kDocuments, [&](const rocksdb::Slice& key, const rocksdb::Slice& value) {
      std::optional<uint64_t> doc = KeyCodec::DecodeDocumentKey(key.ToStringView());
      if (!doc) {  // a content key: it must name a stored document
        if (!Has(kDocuments, value.ToString())) problem("content hash of a missing document: " + HexOf(key));
        return;
      }
      ++report->documents;
      digest.Add(key.ToStringView());
      digest.Add(value.ToStringView());
      DocumentRecord record;
      if (!DecodeDocumentRecord(value, &record).ok())
        return problem("undecodable document record at " + HexOf(key));
      for (const std::string& id : record.node_ids) {
        std::optional<NodeKey> node = KeyCodec::NodeKeyOfId(id);
        if (!node || !Has(kNodeRefs, KeyCodec::EncodeNodeRefKey({*node, *doc})))
          problem("document " + record.id + " lists " + id + " without a reference");
      }
      for (const std::string& edge : record.edge_keys)
        if (!Has(kOutEdges, edge)) problem("document " + record.id + " lists a missing edge " + HexOf(edge));
    });
  if (st.ok())
    st = scan(kNames, [&](const rocksdb::Slice& key, const rocksdb::Slice&) {
      ++report->names;
      std::optional<NodeKey> node = KeyCodec::DecodeNameKeyNode(key.ToStringView());
      if (!node || !Has(kNodes, KeyCodec::EncodeNodeKey(*node))) problem("name index entry for a missing node: " + HexOf(key));
    });
  report->digest = ContentHashHex(digest.Digest());
  return st;
}

}  // namespace trialgraph

namespace trialgraph {

namespace {

// Reads for a long scan: at `snapshot`, with readahead, keeping the block
// cache for point lookups.
rocksdb::ReadOptions ScanOptions(const rocksdb::Snapshot* snapshot) {
  rocksdb::ReadOptions read;
  read.snapshot = snapshot;
  read.fill_cache = false;
  read.readahead_size = 2 << 20;
  return read;
}

// True for the CBOR of an empty map, what most documents report for a node.
bool IsEmptyCborMap(const rocksdb::Slice& bytes) { return bytes.size() == 1 && bytes[0] == '\xa0'; }

}  // namespace

//! Reads CBOR as nlohmann::json::to_cbor writes it (definite lengths, no
//! tags), strings viewed in place. Scans over the whole store spend most of
//! their time decoding values; this reads them several times faster than
//! building them through nlohmann's reader, which copies strings byte by byte.
class CborReader {
 public:
  explicit CborReader(const rocksdb::Slice& bytes)
      : at_(reinterpret_cast<const uint8_t*>(bytes.data())), end_(at_ + bytes.size()) {}
  //! True when every byte was read.
  bool AtEnd() const { return at_ == end_; }
  //! Reads an item head: its major type and argument (a length, an integer,
  //! or for major type 7 the bits of a float or the simple value).
  bool Head(uint8_t* major, uint64_t* arg) {
    if (at_ == end_) return false;
    *major = *at_ >> 5;
    info_ = *at_++ & 0x1F;
    if (info_ < 24) {
      *arg = info_;
      return true;
    }
    if (info_ > 27) return false;  // indefinite lengths: not written by to_cbor
    size_t n = size_t{1} << (info_ - 24);
    if (static_cast<size_t>(end_ - at_) < n) return false;
    *arg = 0;
    for (size_t i = 0; i < n; ++i) *arg = (*arg << 8) | *at_++;
    return true;
  }
  //! Reads a text string.
  bool Text(std::string_view* text) {
    uint8_t major = 0;
    uint64_t n = 0;
    if (!Head(&major, &n) || major != 3 || static_cast<uint64_t>(end_ - at_) < n) return false;
    *text = std::string_view(reinterpret_cast<const char*>(at_), n);
    at_ += n;
    return true;
  }
  //! Reads an unsigned integer.
  bool Unsigned(uint64_t* n) {
    uint8_t major = 0;
    return Head(&major, n) && major == 0;
  }
  //! Reads a map head: its number of entries.
  bool Map(uint64_t* entries) {
    uint8_t major = 0;
    return Head(&major, entries) && major == 5;
  }
  //! Reads any item into `out`, as nlohmann::json::from_cbor would.
  bool Value(json* out) {
    uint8_t major = 0;
    uint64_t arg = 0;
    if (!Head(&major, &arg)) return false;
    switch (major) {
      case 0: *out = arg; return true;
      case 1: *out = static_cast<int64_t>(-1) - static_cast<int64_t>(arg); return true;
      case 2: return Bytes(arg, out);
      case 3: return Chars(arg, out);
      case 4: return Array(arg, out);
      case 5: return Object(arg, out);
      case 7: return Simple(arg, out);
      default: return false;
    }
  }

 private:
  bool Chars(uint64_t n, json* out) {
    if (static_cast<uint64_t>(end_ - at_) < n) return false;
    *out = std::string(reinterpret_cast<const char*>(at_), n);
    at_ += n;
    return true;
  }
  bool Bytes(uint64_t n, json* out) {
    if (static_cast<uint64_t>(end_ - at_) < n) return false;
    *out = json::binary(std::vector<uint8_t>(at_, at_ + n));
    at_ += n;
    return true;
  }
  bool Array(uint64_t n, json* out) {
    *out = json::array();
    for (uint64_t i = 0; i < n; ++i)
      if (!Value(&out->emplace_back())) return false;
    return true;
  }
  // to_cbor writes a map's keys in order, so each one read goes in at the
  // end without a search (a key out of order is still found: the last value wins).
  bool Object(uint64_t n, json* out) {
    *out = json::object();
    json::object_t& object = *out->get_ptr<json::object_t*>();
    std::string_view key;
    for (uint64_t i = 0; i < n; ++i)
      if (!Text(&key) || !Value(&object.emplace_hint(object.end(), key, json())->second)) return false;
    return true;
  }
  // false, true, null or a float of the width the head's additional information says.
  bool Simple(uint64_t arg, json* out) {
    switch (info_) {
      case 20: *out = false; return true;
      case 21: *out = true; return true;
      case 22: *out = nullptr; return true;
      case 25: *out = HalfToDouble(static_cast<uint16_t>(arg)); return true;
      case 26: *out = static_cast<double>(std::bit_cast<float>(static_cast<uint32_t>(arg))); return true;
      case 27: *out = std::bit_cast<double>(arg); return true;
      default: return false;
    }
  }
  static double HalfToDouble(uint16_t half) {
    const int exponent = (half >> 10) & 0x1F;
    const unsigned mantissa = half & 0x3FF;
    double value = exponent == 0    ? std::ldexp(mantissa, -24)
                   : exponent == 31 ? (mantissa == 0 ? std::numeric_limits<double>::infinity()
                                                     : std::numeric_limits<double>::quiet_NaN())
                                    : std::ldexp(mantissa + 1024, exponent - 25);
    return (half & 0x8000) ? -value : value;
  }

  const uint8_t* at_;   //!< next byte
  const uint8_t* end_;  //!< one past the last byte
  uint8_t info_ = 0;    //!< additional information of the last head read
};

//! The fields of an edge record, as bits of what a decode has seen.
enum EdgeField : unsigned { kNoField = 0, kFrom = 1, kTo = 2, kKind = 4, kDocument = 8, kStart = 16, kEnd = 32, kAllEdgeFields = 63 };

// Reads the provenance map of an edge record.
bool DecodeProvenance(CborReader* in, Provenance* p, unsigned* seen) {
  uint64_t entries = 0;
  if (!in->Map(&entries)) return false;
  for (uint64_t i = 0; i < entries; ++i) {
    std::string_view key, text;
    uint64_t n = 0;
    if (!in->Text(&key)) return false;
    bool number = key == "start" || key == "end";
    if (number ? !in->Unsigned(&n) : !in->Text(&text)) return false;
    EdgeField field = key == "start" ? kStart : key == "end" ? kEnd : key == "document" ? kDocument : kNoField;
    *seen |= field;
    if (field == kStart) p->start = static_cast<uint32_t>(n);
    if (field == kEnd) p->end = static_cast<uint32_t>(n);
    if (field == kDocument) p->document = text;
    if (key == "text") p->text = text;
  }
  return true;
}

// Sets the text field `key` of an edge record; other keys are ignored.
void SetEdgeText(std::string_view key, std::string_view text, Edge* edge, unsigned* seen) {
  EdgeField field = key == "from" ? kFrom : key == "to" ? kTo : key == "kind" ? kKind : kNoField;
  *seen |= field;
  if (field == kFrom) edge->from = text;
  if (field == kTo) edge->to = text;
  if (field == kKind) edge->kind = ParseEdgeKind(text).value_or(EdgeKind::kDescribes);
}

// Decodes a stored edge (the CBOR of EdgeToJson) straight into an Edge,
// which may hold an earlier edge (its strings' storage is reused): only props
// is built as JSON. Corruption unless the bytes hold a whole edge.
Status DecodeEdge(const rocksdb::Slice& bytes, Edge* edge) {
  // props and text are the fields a record may leave out.
  if (edge->props.is_object()) edge->props.clear();
  else edge->props = json::object();
  edge->provenance.text.clear();
  CborReader in(bytes);
  uint64_t entries = 0;
  bool ok = in.Map(&entries);
  unsigned seen = 0;
  for (uint64_t i = 0; ok && i < entries; ++i) {
    std::string_view key, text;
    ok = in.Text(&key);
    if (!ok) break;
    if (key == "props") ok = in.Value(&edge->props);
    else if (key == "provenance") ok = DecodeProvenance(&in, &edge->provenance, &seen);
    else if ((ok = in.Text(&text))) SetEdgeText(key, text, edge, &seen);
  }
  if (!ok || !in.AtEnd() || seen != kAllEdgeFields)
    return Status::Corruption("undecodable edge of " + std::to_string(bytes.size()) + " bytes");
  return Status::OK();
}

// Decodes a stored value into JSON: what nlohmann::json::from_cbor gives, several times faster.
Status DecodeJson(const rocksdb::Slice& bytes, json* out) {
  CborReader in(bytes);
  if (!in.Value(out) || !in.AtEnd()) return Status::Corruption("undecodable value of " + std::to_string(bytes.size()) + " bytes");
  return Status::OK();
}

std::unique_ptr<StoreReader> Store::NewReader() const { return std::unique_ptr<StoreReader>(new StoreReader(*this)); }

StoreReader::StoreReader(const Store& store) : store_(store), snapshot_(store.db_->GetSnapshot()) {}

StoreReader::~StoreReader() { store_.db_->ReleaseSnapshot(snapshot_); }

Status StoreReader::ForEachNodeMerged(const std::function<bool(const NodeKey&)>& select,
                                      const std::function<bool(Node&)>& visit) const {
  const rocksdb::ReadOptions read = ScanOptions(snapshot_);
  std::unique_ptr<rocksdb::Iterator> nodes(store_.db_->NewIterator(read, store_.cf_->cf[kNodes]));
  std::unique_ptr<rocksdb::Iterator> refs(store_.db_->NewIterator(read, store_.cf_->cf[kNodeRefs]));
  refs->SeekToFirst();
  for (nodes->SeekToFirst(); nodes->Valid(); nodes->Next()) {
    const rocksdb::Slice key = nodes->key();
    std::optional<NodeKey> node_key = KeyCodec::DecodeNodeKey(key.ToStringView());
    if (!node_key) return Status::Corruption("undecodable node key " + HexOf(key));
    if (select && !select(*node_key)) continue;
    json j;
    if (Status st = DecodeJson(nodes->value(), &j); !st.ok()) return st;
    Node node = NodeFromJson(std::move(j));
    if (refs->Valid() && refs->key().compare(key) < 0) refs->Seek(key);  // past the references of skipped nodes
    for (; refs->Valid() && refs->key().starts_with(key); refs->Next()) {
      if (IsEmptyCborMap(refs->value())) continue;
      json reported;
      if (Status st = DecodeJson(refs->value(), &reported); !st.ok()) return st;
      MergeReportedProperties(&node.props, reported);
    }
    AddReportedSynonyms(&node);
    if (!visit(node)) break;
  }
  if (Status st = FromRocks(nodes->status()); !st.ok()) return st;
  return FromRocks(refs->status());
}

Status StoreReader::ForEachEdge(const std::function<bool(const EdgeKey&)>& select,
                                const std::function<bool(const EdgeKey&, Edge&)>& visit) const {
  std::unique_ptr<rocksdb::Iterator> it(store_.db_->NewIterator(ScanOptions(snapshot_), store_.cf_->cf[kOutEdges]));
  Edge edge;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::optional<EdgeKey> key = KeyCodec::DecodeOutEdgeKey(it->key().ToStringView());
    if (!key) return Status::Corruption("undecodable edge key " + HexOf(it->key()));
    if (select && !select(*key)) continue;
    if (Status st = DecodeEdge(it->value(), &edge); !st.ok()) return st;
    if (!visit(*key, edge)) break;
  }
  return FromRocks(it->status());
}

Status StoreReader::GetNode(std::string_view id, Node* node) const {
  rocksdb::ReadOptions read;
  read.snapshot = snapshot_;
  return store_.ReadNode(read, id, node);
}

}  // namespace trialgraph
