// Offline export of the graph, or of part of it, for other tools: GraphML
// (Gephi, Cytoscape, networkx, igraph, yEd, Neo4j APOC), CSV for
// neo4j-admin import, and JSON Lines.
//
// One writer per format reads an ExportSource: the whole store streamed
// from RocksDB (StoreExportSource), or a part of a loaded snapshot
// (SnapshotExportSource, for --query). A header must declare every
// attribute's name and type before the data: CSV makes a first pass over
// its source to learn them; GraphML makes one pass and spools its body to
// an unlinked temporary file until the keys are known. Neither keeps the
// graph in memory: a writer's memory is the schema and one output chunk.
#pragma once

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "core/store.h"
#include "query/answer.h"
#include "query/question.h"
#include "query/snapshot.h"

namespace trialgraph::query {

//! What a pass over the edges is for. Writing them needs each edge's id and
//! its document's source; learning the attribute types needs neither (a
//! source is text either way), so a kLearn pass skips looking them up.
enum class EdgePass { kWrite, kLearn };

//! An edge as the writers see it.
struct ExportEdge {
  const Edge& edge;         //!< the fact
  uint64_t fact;            //!< its EdgeFactHash (the edge id is "e" + its 16 hex digits); 0 in a kLearn pass
  std::string_view source;  //!< path or URL of the edge's document ("" if unknown, or in a kLearn pass)
};

//! What the writers read: the exported nodes, then the exported edges (both
//! ends exported). Every pass visits them in the same order. Not for
//! concurrent use.
class ExportSource {
 public:
  virtual ~ExportSource() = default;
  //! Drops every exported node whose kind is not one of `kinds`, and the
  //! edges that lose an end.
  virtual void KeepOnlyKinds(const std::vector<NodeKind>& kinds) = 0;
  //! Visits every exported node; stops early when `visit` returns false.
  //! A status other than OK when the graph cannot be read.
  virtual Status ForEachNode(const std::function<bool(const Node&)>& visit) const = 0;
  //! Visits every exported edge, with its id and its document's source
  //! unless `pass` is kLearn; stops early when `visit` returns false. A
  //! status other than OK when the graph cannot be read.
  virtual Status ForEachEdge(EdgePass pass, const std::function<bool(const ExportEdge&)>& visit) const = 0;
};

//! The whole store, or its nodes of some kinds and the edges between them,
//! streamed from one StoreReader: a consistent point in time, read in memory
//! that does not grow with the store. The source of an edge's document is
//! read through a fixed-size cache that the node pass fills as it visits the
//! documents; only documents it could not keep are looked up.
//!
//! Each pass reads ahead on a thread of its own, which hands the decoded
//! nodes or edges over in batches, through a bounded queue, to the thread
//! that called the pass and runs `visit`: reading (RocksDB, decoding) and
//! writing then take a core each. A pass returns once its reader thread has
//! ended: with the store's status when it cannot be read; early, with the
//! reading stopped too, when `visit` returns false; an exception thrown on
//! either thread ends both and is rethrown.
class StoreExportSource final : public ExportSource {
 public:
  //! How many documents' sources are cached by default (about 15 MB when full).
  static constexpr size_t kCachedSources = size_t{1} << 17;
  //! Reads `store` as it is now, caching the sources of up to
  //! `cached_sources` documents (at least one); `store` must outlive this source.
  explicit StoreExportSource(const Store& store, size_t cached_sources = kCachedSources);
  ~StoreExportSource() override;
  void KeepOnlyKinds(const std::vector<NodeKind>& kinds) override;
  Status ForEachNode(const std::function<bool(const Node&)>& visit) const override;
  Status ForEachEdge(EdgePass pass, const std::function<bool(const ExportEdge&)>& visit) const override;

 private:
  class SourceCache;  //!< documents' sources in fixed memory (export.cc)

  //! Sets *source to the source of a document ("" when its node is absent);
  //! valid until the next call. The store's status when it cannot be read.
  Status SourceOf(const std::string& document, std::string_view* source) const;
  //! True when nodes of this kind are exported.
  bool Keeps(NodeKind kind) const { return kept_kinds_[static_cast<uint8_t>(kind)]; }

  std::unique_ptr<StoreReader> reader_;    //!< the pinned store
  std::array<bool, 256> kept_kinds_;       //!< by NodeKind value
  std::unique_ptr<SourceCache> sources_;   //!< documents' sources, in fixed memory
};

//! A part of a loaded snapshot: all of it, or the subgraph that answers a
//! question, optionally narrowed to some node kinds. Every access the
//! exporter makes to a Snapshot is in this class.
class SnapshotExportSource final : public ExportSource {
 public:
  //! Keeps every vertex of `snapshot`, which this source holds on to.
  explicit SnapshotExportSource(std::shared_ptr<const Snapshot> snapshot);
  //! Keeps only the subgraph that answers a question: the result nodes, the
  //! trials their evidence came from, and every neighbour (either direction) of those.
  void KeepSubgraphForAnswer(const Answer& answer);
  void KeepOnlyKinds(const std::vector<NodeKind>& kinds) override;
  Status ForEachNode(const std::function<bool(const Node&)>& visit) const override;
  Status ForEachEdge(EdgePass pass, const std::function<bool(const ExportEdge&)>& visit) const override;

 private:
  std::shared_ptr<const Snapshot> snapshot_;  //!< the graph
  std::vector<bool> kept_;                    //!< kept_[v]: vertex v is exported
};

//! Parses a comma-separated list of node kinds ("drug,regimen,adverse_event").
//! InvalidArgument naming the unknown kind and listing the valid ones.
Status ParseNodeKinds(std::string_view list, std::vector<NodeKind>* kinds);

//! What part of the graph an export writes, as a request states it (parsed).
struct ExportScope {
  std::optional<Question> question;             //!< only the subgraph answering it; the whole graph when absent
  std::optional<std::vector<NodeKind>> kinds;   //!< only nodes of these kinds; every kind when absent
};

//! The source an export of `scope` reads: with a question, the subgraph of
//! `snapshot` that answers it (KeepSubgraphForAnswer, the question read with
//! `ontology`); without, the whole of `store` streamed (`snapshot` may then
//! be null); narrowed to the scope's kinds. `store` must outlive the source.
std::unique_ptr<ExportSource> MakeExportSource(const Store& store, std::shared_ptr<const Snapshot> snapshot,
                                               const ontology::Ontology& ontology, const ExportScope& scope);

enum class ExportFormat { kGraphMl, kCsv, kJsonLines };

//! Parses "graphml", "csv" or "jsonl"; nullopt for anything else.
std::optional<ExportFormat> ParseExportFormat(std::string_view name);

//! Writes GraphML: directed, typed keys declared once per node/edge attribute,
//! stable node ids, edge ids "e" + the 16 hex digits of EdgeFactHash.
//! IOError when `out` fails; the source's status when it cannot be read.
Status ExportGraphMl(const ExportSource& source, std::ostream& out);

//! Writes neo4j-admin import files into `dir` (created if missing): one
//! nodes_<kind>.csv per node kind and one rels_<TYPE>.csv per edge kind that
//! has exported rows. IOError when a file cannot be written; the source's
//! status when it cannot be read.
Status ExportCsv(const ExportSource& source, const std::string& dir);

//! Writes one JSON object per line: every node ({"type":"node",...}), then
//! every edge ({"type":"edge",...}). IOError when `out` fails; the source's
//! status when it cannot be read.
Status ExportJsonLines(const ExportSource& source, std::ostream& out);

//! Writes `format` to `path`: a directory for CSV; a file for GraphML and
//! JSON Lines, gzip-compressed when `path` ends in ".gz", else written past
//! the page cache when it is a regular file (or new).
Status ExportToPath(const ExportSource& source, ExportFormat format, const std::string& path);

}  // namespace trialgraph::query
