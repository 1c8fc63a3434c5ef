#include "core/store.h"

#include <rocksdb/db.h>
#include <rocksdb/cache.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

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

//! Decodes a stored edge (the CBOR of EdgeToJson) straight into an Edge: SAX
//! events fill its fields, and only props is built as a JSON tree. Scans
//! over every edge spend most of their time decoding, and a whole JSON tree
//! per edge, copied into the Edge, was most of that.
class EdgeDecoder {
 public:
  explicit EdgeDecoder(Edge* edge) : edge_(edge) {}
  //! Decodes `bytes` into the edge; Corruption unless they hold a whole edge.
  Status Decode(const rocksdb::Slice& bytes) {
    bool parsed = json::sax_parse(bytes.data(), bytes.data() + bytes.size(), this, json::input_format_t::cbor, true);
    if (!parsed || seen_ != kAllFields) return Status::Corruption("undecodable edge of " + std::to_string(bytes.size()) + " bytes");
    return Status::OK();
  }

  // The SAX interface of nlohmann::json.
  bool null() { return Value(json()); }
  bool boolean(bool v) { return Value(json(v)); }
  bool number_integer(json::number_integer_t v) { return Number(v); }
  bool number_unsigned(json::number_unsigned_t v) { return Number(v); }
  bool number_float(json::number_float_t v, const json::string_t&) { return Value(json(v)); }
  bool string(json::string_t& v) { return Text(v); }
  bool binary(json::binary_t& v) { return Value(json::binary(std::move(v))); }
  bool start_object(size_t) { return Open(json::object()); }
  bool start_array(size_t) { return Open(json::array()); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }
  bool key(json::string_t& k) {
    if (!props_.empty()) props_key_ = std::move(k);
    else field_ = std::move(k);
    return true;
  }
  bool parse_error(size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

 private:
  enum Field : unsigned { kNone = 0, kFrom = 1, kTo = 2, kKind = 4, kDocument = 8, kStart = 16, kEnd = 32, kAllFields = 63 };

  // A value inside props joins its container; outside, it fills the field
  // named by the last key.
  bool Value(json&& v) {
    if (props_.empty()) return false;  // EdgeToJson has no other values of these types
    json& parent = *props_.back();
    if (parent.is_array()) parent.push_back(std::move(v));
    else parent[props_key_] = std::move(v);
    return true;
  }
  template <typename Integer>
  bool Number(Integer n) {
    if (!props_.empty()) return Value(json(n));
    if (depth_ != 2 || !in_provenance_) return false;
    if (field_ == "start") {
      edge_->provenance.start = static_cast<uint32_t>(n);
      seen_ |= kStart;
    } else if (field_ == "end") {
      edge_->provenance.end = static_cast<uint32_t>(n);
      seen_ |= kEnd;
    }
    return true;
  }
  bool Text(json::string_t& v) {
    if (!props_.empty()) return Value(json(std::move(v)));
    std::string* target = depth_ == 1 ? TopLevelText() : in_provenance_ ? ProvenanceText() : nullptr;
    if (target) *target = std::move(v);
    return true;
  }
  // The string field named by the last key, marked as seen; nullptr for another key.
  std::string* TopLevelText() { return Mark(field_ == "from" ? kFrom : field_ == "to" ? kTo : field_ == "kind" ? kKind : kNone); }
  std::string* ProvenanceText() {
    if (field_ == "text") return &edge_->provenance.text;
    return Mark(field_ == "document" ? kDocument : kNone);
  }
  std::string* Mark(Field field) {
    seen_ |= field;
    switch (field) {
      case kFrom: return &edge_->from;
      case kTo: return &edge_->to;
      case kKind: return &kind_;
      case kDocument: return &edge_->provenance.document;
      default: return nullptr;
    }
  }
  bool Open(json&& container) {
    ++depth_;
    if (!props_.empty()) {
      json& parent = *props_.back();
      json& child = parent.is_array() ? (parent.push_back(std::move(container)), parent.back())
                                      : (parent[props_key_] = std::move(container));
      props_.push_back(&child);
    } else if (depth_ == 2 && field_ == "props") {
      edge_->props = std::move(container);
      props_.push_back(&edge_->props);
    } else if (depth_ == 2) {
      in_provenance_ = field_ == "provenance";
    }
    return depth_ <= 2 || !props_.empty();
  }
  bool Close() {
    if (!props_.empty()) props_.pop_back();
    if (depth_ == 2) in_provenance_ = false;
    --depth_;
    if (depth_ == 0) edge_->kind = ParseEdgeKind(kind_).value_or(EdgeKind::kDescribes);
    return true;
  }

  Edge* edge_;                 //!< what is decoded
  int depth_ = 0;              //!< nesting of the current container; the edge is 1
  std::string field_;          //!< the last key outside props
  std::string kind_;           //!< the edge kind's name
  bool in_provenance_ = false; //!< inside the provenance map
  std::vector<json*> props_;   //!< open containers of props, innermost last
  std::string props_key_;      //!< the last key inside props
  unsigned seen_ = 0;          //!< Field bits of the required fields decoded
};

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
    if (Status st = FromCbor(nodes->value(), &j); !st.ok()) return st;
    Node node = NodeFromJson(j);
    if (refs->Valid() && refs->key().compare(key) < 0) refs->Seek(key);  // past the references of skipped nodes
    for (; refs->Valid() && refs->key().starts_with(key); refs->Next()) {
      if (IsEmptyCborMap(refs->value())) continue;
      json reported;
      if (Status st = FromCbor(refs->value(), &reported); !st.ok()) return st;
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
    if (Status st = EdgeDecoder(&edge).Decode(it->value()); !st.ok()) return st;
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
