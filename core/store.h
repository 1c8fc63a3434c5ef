// Store: the durable graph in RocksDB. One writer at a time per process;
// documents are written whole (several may share one WriteBatch), so a
// crash never leaves half a document, and a changed document replaces what
// it contributed before.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/keys.h"
#include "core/model.h"
#include "core/status.h"

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
class Snapshot;
struct ReadOptions;
}  // namespace rocksdb

namespace trialgraph {

//! The on-disk format this build writes. DO NOT CHANGE without a migration.
inline constexpr uint32_t kStoreFormatVersion = 1;

struct StoreOptions {
  bool read_only = false;         //!< open without taking the writer lock
  bool create_if_missing = true;  //!< create an empty store when the directory has none
  bool sync_writes = false;       //!< fsync the WAL on every document (survives power loss, slower)
};

//! What PutDocument did.
enum class PutResult { kAdded, kReplaced, kUnchanged };

//! What one stored document contributed; kept so it can be replaced or removed.
struct DocumentRecord {
  std::string id;              //!< public id of the document node
  std::string source;          //!< path or URL it was ingested from
  std::string content_hash;    //!< hex of the 128-bit content hash
  std::vector<std::string> node_ids;   //!< every node it references (including itself)
  std::vector<std::string> edge_keys;  //!< encoded out-edge keys of its facts
};

struct StoreStats {
  uint64_t documents = 0;
  std::map<std::string, uint64_t> nodes;  //!< by NodeKindName
  std::map<std::string, uint64_t> edges;  //!< by EdgeKindName
  //! {"documents": n, "nodes": {kind: n}, "edges": {kind: n}}
  nlohmann::json ToJson() const;
};

//! A contribution turned into the keys and values it writes. Encoding needs
//! no store, so extraction threads do it and the writer is left with the
//! reads and writes that depend on what is stored.
struct EncodedDocument {
  struct NodeEntry {
    std::string id;                      //!< public id
    std::string key;                     //!< nodes key
    std::string value;                   //!< CBOR node
    std::vector<std::string> name_keys;  //!< name index keys of its name and synonyms
    std::string ref_key, ref_value;      //!< this document's node_refs entry
  };
  struct EdgeEntry {
    std::string out_key, in_key;  //!< out_edges and in_edges keys
    std::string value;            //!< CBOR edge
  };
  std::string id;                          //!< public id of the document node
  uint64_t hash = 0;                       //!< KeyCodec::DocumentHash(id)
  std::array<uint8_t, 16> content_hash{};  //!< hash of the source bytes
  std::vector<NodeEntry> nodes;            //!< the document node, then every node it mentions
  std::vector<EdgeEntry> edges;            //!< one per distinct out-edge key (the first fact wins)
  std::string record;                      //!< CBOR DocumentRecord
};

//! What `trialgraph check` found.
struct CheckReport {
  uint64_t nodes = 0, edges = 0, documents = 0, node_refs = 0, names = 0;
  std::vector<std::string> problems;  //!< violated invariants (at most 100 listed)
  uint64_t problem_count = 0;         //!< all violations, listed or not
  std::string digest;                 //!< hex digest of the graph's content, equal for equal graphs
  //! {"ok", "problems", "problem_count", "digest", "counts": {...}}
  nlohmann::json ToJson() const;
};

class StoreReader;

class Store {
 public:
  //! Opens (creating if allowed) the store in `dir`. Fails with a clear
  //! message if the directory holds a store of a newer format, or is locked
  //! by another writer. A read-only open may run beside a writer: it sees the
  //! store as of the open, and retries when the writer's compaction deletes a
  //! file between listing and opening it.
  static Status Open(const std::string& dir, const StoreOptions& options, std::unique_ptr<Store>* store);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  //! Writes one document's contribution atomically, together with any
  //! documents staged before it. If a document with the same content is
  //! already stored, writes nothing and reports kUnchanged; if the same
  //! document id is stored with other content, its old facts are removed in
  //! the same batch (kReplaced).
  Status PutDocument(const Contribution& contribution, PutResult* result);

  //! Encodes a contribution; InvalidArgument names a malformed node id.
  //! Touches no store, so any thread may call it.
  static Status Encode(const Contribution& contribution, EncodedDocument* encoded);

  //! Like PutDocument, but only stages the document's changes in memory:
  //! it sees every document staged before it, and nothing is durable or
  //! visible to the other readers until CommitStaged. On error nothing of
  //! this document is staged and the documents staged before it stay.
  Status StageDocument(EncodedDocument document, PutResult* result);

  //! Writes every staged document in one WriteBatch, so after a crash each
  //! of them is either wholly stored or absent. On error none is written
  //! and the stage is emptied (the caller reports those documents failed).
  Status CommitStaged();

  //! Bytes of keys and values staged since the last commit.
  size_t StagedBytes() const;

  //! Removes everything the document contributed, and every node no other
  //! document still references, after committing what is staged. NotFound
  //! if no such document is stored.
  Status RemoveDocument(std::string_view document_id);

  //! True when a document with exactly these bytes is stored (staged
  //! documents are not). Safe to call from any thread.
  bool ContainsContent(const std::array<uint8_t, 16>& content_hash) const;

  //! Reads one node. If there is none with this id, leaves *node unchanged
  //! and returns a status for which IsNotFound() is true.
  Status GetNode(std::string_view id, Node* node) const;

  //! Reads a document record. NotFound if absent.
  Status GetDocument(std::string_view document_id, DocumentRecord* record) const;

  //! Visits every (node, document, properties the document reported for it).
  Status ForEachNodeRef(const std::function<void(const NodeKey&, uint64_t, const nlohmann::json&)>& visit) const;
  //! Visits every edge in key order.
  Status ForEachEdge(const std::function<void(const Edge&)>& visit) const;
  //! Visits every document record.
  Status ForEachDocument(const std::function<void(const DocumentRecord&)>& visit) const;

  //! Nodes whose name or synonym starts with `prefix` (case-insensitive), at most `limit`.
  Status FindByNamePrefix(std::string_view prefix, size_t limit, std::vector<Node>* nodes) const;

  //! Counts documents, nodes by kind and edges by kind.
  Status Stats(StoreStats* stats) const;

  //! Verifies the invariants: every edge has both ends, its mirror in-edge
  //! and a stored source document; every node is referenced by a stored
  //! document; document records, content keys and the name index agree with
  //! the data. Also digests the content (nodes, references, edges,
  //! documents) in key order, so two stores holding the same graph have the
  //! same digest whatever order they were written in. Violations go into
  //! report->problems; the status is not OK only when the store cannot be read.
  Status Check(CheckReport* report) const;

  //! A reader pinned to the store as it is now, for long streaming reads
  //! (export). It must not outlive the store.
  std::unique_ptr<StoreReader> NewReader() const;

 private:
  friend class StoreReader;
  struct Handles;
  struct Staged;
  class Changes;
  Store();
  Status CheckFormatVersion(bool fresh);
  Status StageLocked(EncodedDocument& document, PutResult* result);
  void StageNode(EncodedDocument::NodeEntry& node, Changes* changes);
  Status StageRemoval(uint64_t document_hash, const DocumentRecord& old, const EncodedDocument* replacement,
                      Changes* changes);
  Status CommitLocked();
  Status ReadLatest(int cf, const std::string& key, std::string* value);
  bool HasOtherReference(const NodeKey& node, uint64_t document_hash);
  bool Has(int cf, const std::string& key) const;
  // GetNode with the given read options (StoreReader reads at its snapshot).
  Status ReadNode(const rocksdb::ReadOptions& read, std::string_view id, Node* node) const;

  std::unique_ptr<rocksdb::DB> db_;
  std::unique_ptr<Handles> cf_;
  StoreOptions options_;
  std::unique_ptr<Staged> staged_;  //!< uncommitted changes and the writer's node cache; under write_mutex_
  mutable std::mutex write_mutex_;  //!< serialises staging, commits and removals
};

//! A consistent, streaming read of a whole store in memory that does not
//! grow with the store. Every read through it sees the store as it was when
//! Store::NewReader made it (a RocksDB snapshot), whatever is written after,
//! so several passes over it agree. Scans bypass the block cache. Not for
//! concurrent use; must not outlive its store.
class StoreReader {
 public:
  ~StoreReader();
  StoreReader(const StoreReader&) = delete;
  StoreReader& operator=(const StoreReader&) = delete;

  //! Visits, in key order, every node whose key `select` accepts (every node
  //! when `select` is empty) as queries see it: the properties each document
  //! reported are merged into props with MergeReportedProperties in node_refs
  //! key order, then AddReportedSynonyms. Nodes and their references are read
  //! by two iterators in step (both are in NodeKey order). `visit` may take
  //! the node's contents (move or swap them out). Stops early when `visit`
  //! returns false. Corruption when a key or value does not decode.
  Status ForEachNodeMerged(const std::function<bool(const NodeKey&)>& select,
                           const std::function<bool(Node&)>& visit) const;

  //! Visits, in out_edges key order, every edge whose key `select` accepts
  //! (every edge when `select` is empty), with its key; key.fact is the
  //! edge's EdgeFactHash. Edges are read as stored: that both ends exist is
  //! an invariant of the write path, which Store::Check verifies. The edge
  //! is decoded into the same Edge each time, reusing its strings' storage;
  //! `visit` may swap its contents with another Edge's, whose storage is
  //! then reused. Stops early when `visit` returns false. Corruption when a
  //! key or value does not decode.
  Status ForEachEdge(const std::function<bool(const EdgeKey&)>& select,
                     const std::function<bool(const EdgeKey&, Edge&)>& visit) const;

  //! Reads one node as stored, without reported properties. NotFound if absent.
  Status GetNode(std::string_view id, Node* node) const;

 private:
  friend class Store;
  explicit StoreReader(const Store& store);

  const Store& store_;                 //!< the store read
  const rocksdb::Snapshot* snapshot_;  //!< the pinned point in time
};

}  // namespace trialgraph
