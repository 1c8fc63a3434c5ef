#include "core/store.h"

#include <rocksdb/db.h>
#include <rocksdb/cache.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <bit>
#include <cmath>
#include <limits>
#include <set>

#include "core/hash.h"

namespace trialgraph {

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

// Parses a stored CBOR value; a value that does not parse is corruption.
Status FromCbor(const rocksdb::Slice& bytes, json* out) {
  *out = json::from_cbor(bytes.data(), bytes.data() + bytes.size(), /*strict=*/true, /*allow_exceptions=*/false);
  if (out->is_discarded()) return Status::Corruption("undecodable value of " + std::to_string(bytes.size()) + " bytes");
  return Status::OK();
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

std::string HexOf(const rocksdb::Slice& bytes) { return Hex(bytes.ToStringView()); }

std::vector<std::string> IndexedNames(const Node& node) {
  std::vector<std::string> names{node.name};
  names.insert(names.end(), node.synonyms.begin(), node.synonyms.end());
  return names;
}

}  // namespace

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

Status Store::Open(const std::string& dir, const StoreOptions& options, std::unique_ptr<Store>* store) {
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = options.create_if_missing && !options.read_only;
  db_options.create_missing_column_families = !options.read_only;
  db_options.IncreaseParallelism(2);
  rocksdb::ColumnFamilyOptions cf_options;
  cf_options.OptimizeLevelStyleCompaction(64 << 20);  // memtable budget per column family (RocksDB default: 512 MB)
  cf_options.compression = rocksdb::kLZ4Compression;
  // Most lookups during ingestion miss (is this content stored? this
  // document?); Bloom filters answer those without reading data blocks, so
  // the cost per document stays flat as the store grows.
  rocksdb::BlockBasedTableOptions table;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  table.block_cache = rocksdb::NewLRUCache(64 << 20);
  cf_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));

  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const char* name : kColumnFamilies) descriptors.emplace_back(name, cf_options);

  std::unique_ptr<Store> opened(new Store());
  opened->options_ = options;
  opened->cf_ = std::make_unique<Handles>();
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = options.read_only
                          ? rocksdb::DB::OpenForReadOnly(db_options, dir, descriptors, &opened->cf_->cf, &raw)
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
  for (rocksdb::ColumnFamilyHandle* h : cf_->cf) db_->DestroyColumnFamilyHandle(h);
  db_->Close();
}

bool Store::ContainsContent(const std::array<uint8_t, 16>& content_hash) const {
  std::string value;
  return db_->Get(rocksdb::ReadOptions(), cf_->cf[kDocuments], KeyCodec::EncodeContentKey(content_hash), &value).ok();
}

bool Store::HasOtherReference(const NodeKey& node, uint64_t document_hash) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cf_->cf[kNodeRefs]));
  std::string prefix = KeyCodec::NodeRefPrefix(node);
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    std::optional<NodeRefKey> ref = KeyCodec::DecodeNodeRefKey(it->key().ToStringView());
    if (ref && ref->document != document_hash) return true;
  }
  return false;
}

// Adds to `batch_ptr` the deletions that undo `old`. Nodes that the
// replacement re-adds, or that other documents still reference, stay.
Status Store::StageRemoval(uint64_t document_hash, const DocumentRecord& old, const Contribution* replacement,
                           void* batch_ptr) const {
  auto* batch = static_cast<rocksdb::WriteBatch*>(batch_ptr);
  std::set<std::string> kept;
  if (replacement) {
    kept.insert(replacement->document.id);
    for (const Node& n : replacement->nodes) kept.insert(n.id);
  }
  for (const std::string& edge_bytes : old.edge_keys) {
    std::optional<EdgeKey> edge = KeyCodec::DecodeOutEdgeKey(edge_bytes);
    if (!edge) return Status::Corruption("document " + old.id + " lists an undecodable edge key");
    batch->Delete(cf_->cf[kOutEdges], edge_bytes);
    batch->Delete(cf_->cf[kInEdges], KeyCodec::EncodeInEdgeKey(*edge));
  }
  for (const std::string& node_id : old.node_ids) {
    std::optional<NodeKey> key = KeyCodec::NodeKeyOfId(node_id);
    if (!key) return Status::Corruption("document " + old.id + " lists a malformed node id " + node_id);
    batch->Delete(cf_->cf[kNodeRefs], KeyCodec::EncodeNodeRefKey({*key, document_hash}));
    bool re_added = kept.count(node_id) > 0;
    if (!re_added && HasOtherReference(*key, document_hash)) continue;
    // Drop the old names; a re-added node writes its current names after this.
    Node node;
    if (GetNode(node_id, &node).ok())
      for (const std::string& name : IndexedNames(node)) batch->Delete(cf_->cf[kNames], KeyCodec::EncodeNameKey(name, *key));
    if (!re_added) batch->Delete(cf_->cf[kNodes], KeyCodec::EncodeNodeKey(*key));
  }
  std::optional<std::array<uint8_t, 16>> content = ContentHashFromHex(old.content_hash);
  if (!content) return Status::Corruption("document " + old.id + " has a malformed content hash");
  batch->Delete(cf_->cf[kDocuments], KeyCodec::EncodeContentKey(*content));
  batch->Delete(cf_->cf[kDocuments], KeyCodec::EncodeDocumentKey(document_hash));
  return Status::OK();
}

Status Store::PutDocument(const Contribution& c, PutResult* result) {
  if (options_.read_only) return Status::NotSupported("store is open read-only");
  std::lock_guard<std::mutex> lock(write_mutex_);
  if (ContainsContent(c.content_hash)) {
    *result = PutResult::kUnchanged;
    return Status::OK();
  }
  const uint64_t doc_hash = KeyCodec::DocumentHash(c.document.id);
  rocksdb::WriteBatch batch;
  DocumentRecord old;
  Status st = GetDocument(c.document.id, &old);
  *result = st.ok() ? PutResult::kReplaced : PutResult::kAdded;
  if (st.ok()) {
    st = StageRemoval(doc_hash, old, &c, &batch);
    if (!st.ok()) return st;
  } else if (!st.IsNotFound()) {
    return st;
  }

  DocumentRecord record{c.document.id, c.source, ContentHashHex(c.content_hash), {}, {}};
  // Shared nodes (a drug, an endpoint) are mentioned by many documents: their
  // value and names are rewritten only when they differ from what is stored.
  auto put_node = [&](const Node& node) -> Status {
    std::optional<NodeKey> key = KeyCodec::NodeKeyOfId(node.id);
    if (!key) return Status::InvalidArgument("malformed node id '" + node.id + "'");
    std::string node_key = KeyCodec::EncodeNodeKey(*key), value = ToCbor(NodeToJson(node)), stored;
    bool exists = db_->Get(rocksdb::ReadOptions(), cf_->cf[kNodes], node_key, &stored).ok();
    if (!exists || stored != value) {
      json old;
      if (exists && FromCbor(stored, &old).ok())
        for (const std::string& name : IndexedNames(NodeFromJson(old)))
          batch.Delete(cf_->cf[kNames], KeyCodec::EncodeNameKey(name, *key));
      batch.Put(cf_->cf[kNodes], node_key, value);
      for (const std::string& name : IndexedNames(node)) batch.Put(cf_->cf[kNames], KeyCodec::EncodeNameKey(name, *key), "");
    }
    batch.Put(cf_->cf[kNodeRefs], KeyCodec::EncodeNodeRefKey({*key, doc_hash}), ToCbor(node.reported));
    record.node_ids.push_back(node.id);
    return Status::OK();
  };
  st = put_node(c.document);
  for (size_t i = 0; st.ok() && i < c.nodes.size(); ++i) st = put_node(c.nodes[i]);
  if (!st.ok()) return st;

  std::set<std::string> edge_keys;
  for (const Edge& edge : c.edges) {
    std::optional<NodeKey> from = KeyCodec::NodeKeyOfId(edge.from), to = KeyCodec::NodeKeyOfId(edge.to);
    if (!from || !to) return Status::InvalidArgument("edge with malformed end " + edge.from + " -> " + edge.to);
    EdgeKey key{*from, edge.kind, *to, EdgeFactHash(edge)};
    std::string out_key = KeyCodec::EncodeOutEdgeKey(key);
    if (!edge_keys.insert(out_key).second) continue;
    batch.Put(cf_->cf[kOutEdges], out_key, ToCbor(EdgeToJson(edge)));
    batch.Put(cf_->cf[kInEdges], KeyCodec::EncodeInEdgeKey(key), "");
  }
  record.edge_keys.assign(edge_keys.begin(), edge_keys.end());
  batch.Put(cf_->cf[kDocuments], KeyCodec::EncodeDocumentKey(doc_hash), ToCbor(DocumentRecordToJson(record)));
  batch.Put(cf_->cf[kDocuments], KeyCodec::EncodeContentKey(c.content_hash), KeyCodec::EncodeDocumentKey(doc_hash));

  rocksdb::WriteOptions write_options;
  write_options.sync = options_.sync_writes;
  return FromRocks(db_->Write(write_options, &batch));
}

Status Store::RemoveDocument(std::string_view document_id) {
  if (options_.read_only) return Status::NotSupported("store is open read-only");
  std::lock_guard<std::mutex> lock(write_mutex_);
  DocumentRecord old;
  Status st = GetDocument(document_id, &old);
  if (!st.ok()) return st;
  rocksdb::WriteBatch batch;
  st = StageRemoval(KeyCodec::DocumentHash(document_id), old, nullptr, &batch);
  if (!st.ok()) return st;
  rocksdb::WriteOptions write_options;
  write_options.sync = options_.sync_writes;
  return FromRocks(db_->Write(write_options, &batch));
}

Status Store::GetNode(std::string_view id, Node* node) const { return ReadNode(rocksdb::ReadOptions(), id, node); }

Status Store::ReadNode(const rocksdb::ReadOptions& read, std::string_view id, Node* node) const {
  std::optional<NodeKey> key = KeyCodec::NodeKeyOfId(id);
  if (!key) return Status::InvalidArgument("malformed node id '" + std::string(id) + "'");
  std::string value;
  rocksdb::Status s = db_->Get(read, cf_->cf[kNodes], KeyCodec::EncodeNodeKey(*key), &value);
  if (!s.ok()) return s.IsNotFound() ? Status::NotFound("no node " + std::string(id)) : FromRocks(s);
  json j;
  Status st = FromCbor(value, &j);
  if (!st.ok()) return st;
  *node = NodeFromJson(j);
  return Status::OK();
}

Status Store::GetDocument(std::string_view document_id, DocumentRecord* record) const {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf_->cf[kDocuments],
                               KeyCodec::EncodeDocumentKey(KeyCodec::DocumentHash(document_id)), &value);
  if (!s.ok()) return s.IsNotFound() ? Status::NotFound("no document " + std::string(document_id)) : FromRocks(s);
  json j;
  Status st = FromCbor(value, &j);
  if (!st.ok()) return st;
  *record = DocumentRecordFromJson(j);
  return Status::OK();
}

Status Store::ForEachNode(const std::function<void(const Node&)>& visit) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cf_->cf[kNodes]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    json j;
    Status st = FromCbor(it->value(), &j);
    if (!st.ok()) return st;
    visit(NodeFromJson(j));
  }
  return FromRocks(it->status());
}

Status Store::ForEachNodeRef(
    const std::function<void(const NodeKey&, uint64_t, const nlohmann::json&)>& visit) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cf_->cf[kNodeRefs]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::optional<NodeRefKey> ref = KeyCodec::DecodeNodeRefKey(it->key().ToStringView());
    if (!ref) return Status::Corruption("undecodable node_refs key");
    json props;
    Status st = FromCbor(it->value(), &props);
    if (!st.ok()) return st;
    visit(ref->node, ref->document, props);
  }
  return FromRocks(it->status());
}

Status Store::ForEachEdge(const std::function<void(const Edge&)>& visit) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cf_->cf[kOutEdges]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    json j;
    Status st = FromCbor(it->value(), &j);
    if (!st.ok()) return st;
    visit(EdgeFromJson(j));
  }
  return FromRocks(it->status());
}

Status Store::ForEachDocument(const std::function<void(const DocumentRecord&)>& visit) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cf_->cf[kDocuments]));
  std::string prefix = KeyCodec::EncodeDocumentKey(0).substr(0, 1);
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    json j;
    Status st = FromCbor(it->value(), &j);
    if (!st.ok()) return st;
    visit(DocumentRecordFromJson(j));
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
    Status st = FromCbor(value, &j);
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
  Status st = scan(kNodes, [&](const rocksdb::Slice& key, const rocksdb::Slice& value) {
    ++report->nodes;
    digest.Add(key.ToStringView());
    digest.Add(value.ToStringView());
    std::unique_ptr<rocksdb::Iterator> refs(db_->NewIterator(read, cf_->cf[kNodeRefs]));
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
      if (!FromCbor(value, &j).ok()) return problem("undecodable edge value at " + HexOf(key));
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
      json j;
      if (!FromCbor(value, &j).ok()) return problem("undecodable document record at " + HexOf(key));
      DocumentRecord record = DocumentRecordFromJson(j);
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
  bool Object(uint64_t n, json* out) {
    *out = json::object();
    std::string_view key;
    for (uint64_t i = 0; i < n; ++i)
      if (!Text(&key) || !Value(&(*out)[std::string(key)])) return false;
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

// Decodes a stored edge (the CBOR of EdgeToJson) straight into an Edge:
// only props is built as JSON. Corruption unless the bytes hold a whole edge.
Status DecodeEdge(const rocksdb::Slice& bytes, Edge* edge) {
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

// Decodes a stored value into JSON, as FromCbor does, several times faster.
Status DecodeJson(const rocksdb::Slice& bytes, json* out) {
  CborReader in(bytes);
  if (!in.Value(out) || !in.AtEnd()) return Status::Corruption("undecodable value of " + std::to_string(bytes.size()) + " bytes");
  return Status::OK();
}

std::unique_ptr<StoreReader> Store::NewReader() const { return std::unique_ptr<StoreReader>(new StoreReader(*this)); }

StoreReader::StoreReader(const Store& store) : store_(store), snapshot_(store.db_->GetSnapshot()) {}

StoreReader::~StoreReader() { store_.db_->ReleaseSnapshot(snapshot_); }

Status StoreReader::ForEachNodeMerged(const std::function<bool(const NodeKey&)>& select,
                                      const std::function<bool(const Node&)>& visit) const {
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
    Node node = NodeFromJson(j);
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
                                const std::function<bool(const EdgeKey&, const Edge&)>& visit) const {
  std::unique_ptr<rocksdb::Iterator> it(store_.db_->NewIterator(ScanOptions(snapshot_), store_.cf_->cf[kOutEdges]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::optional<EdgeKey> key = KeyCodec::DecodeOutEdgeKey(it->key().ToStringView());
    if (!key) return Status::Corruption("undecodable edge key " + HexOf(it->key()));
    if (select && !select(*key)) continue;
    Edge edge;
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
