// Snapshot: an immutable in-memory view of the stored graph, with a
// Boost.Graph compressed-sparse-row index for traversal. Queries read a
// snapshot; a write builds the next one.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "core/model.h"
#include "core/status.h"
#include "core/store.h"

namespace trialgraph::query {

//! Bundled edge property: the index of the edge in Snapshot::edges().
struct EdgeIndex {
  uint32_t index = 0;
};

using Graph = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property, EdgeIndex,
                                                 boost::no_property, uint32_t, uint32_t>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;

class Snapshot {
 public:
  //! Reads every node and edge of `store`. Properties reported by several
  //! documents are merged (lists united, first value in document order kept).
  static Status Load(const Store& store, std::shared_ptr<const Snapshot>* snapshot);

  const Graph& graph() const { return graph_; }
  const std::vector<Node>& nodes() const { return nodes_; }
  const std::vector<Edge>& edges() const { return edges_; }
  //! The vertex of a public node id; nullopt if absent.
  std::optional<Vertex> Find(std::string_view id) const;
  //! Out-edges of v of one kind, as indexes into edges().
  std::vector<uint32_t> OutEdges(Vertex v, EdgeKind kind) const;
  //! In-edges of v of one kind, as indexes into edges().
  std::vector<uint32_t> InEdges(Vertex v, EdgeKind kind) const;
  //! Vertex of an edge's source / target.
  Vertex Source(uint32_t edge) const { return edge_ends_[edge].first; }
  Vertex Target(uint32_t edge) const { return edge_ends_[edge].second; }
  //! The source path or URL of a document node id ("" if unknown).
  std::string SourceOf(const std::string& document_id) const;
  //! Every vertex of one kind.
  const std::vector<Vertex>& OfKind(NodeKind kind) const { return by_kind_[static_cast<size_t>(kind)]; }
  //! Vertices whose name or synonym starts with `prefix` (case-insensitive),
  //! optionally of one kind; exact names first, at most `limit`.
  std::vector<Vertex> SearchPrefix(std::string_view prefix, std::optional<NodeKind> kind, size_t limit) const;
  //! {"documents": n, "nodes": {kind: n}, "edges": {kind: n}} of this snapshot.
  nlohmann::json Stats() const;

 private:
  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
  std::vector<std::pair<Vertex, Vertex>> edge_ends_;
  std::unordered_map<std::string, Vertex> index_;
  std::vector<std::vector<Vertex>> by_kind_;
  std::vector<std::pair<std::string, Vertex>> names_;  // normalised name or synonym, sorted
  Graph graph_;
};

}  // namespace trialgraph::query
