// JSON views of graph neighbourhoods for API clients.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "query/snapshot.h"

namespace trialgraph::query {

enum class Direction { kOut, kIn, kBoth };

//! Limits that bound the cost of one neighbourhood request.
struct NeighborLimits {
  int max_depth = 3;        //!< deeper requests are refused
  size_t max_nodes = 1000;  //!< the walk stops after this many nodes
  size_t max_edges = 2000;  //!< edges (facts) listed at most; a popular drug is restated by every document
};

//! One node with its properties and its edges (ids of the other ends), and
//! the source of every edge's evidence: at most `max_edges` edges per
//! direction, with "out_edge_count" and "in_edge_count" giving the totals.
nlohmann::json NodeView(const Snapshot& snapshot, Vertex v, size_t max_edges = 1000);

//! Breadth-first neighbourhood of `v` up to `depth` hops along edges of kind
//! `edge_kind` (any when nullopt) in `direction`. InvalidArgument when depth
//! is outside [1, limits.max_depth]. Output: {"root", "nodes": [...], "edges": [...], "truncated"};
//! truncated is true when either limit cut the answer short.
Status Neighbors(const Snapshot& snapshot, Vertex v, std::optional<EdgeKind> edge_kind, Direction direction, int depth,
                 const NeighborLimits& limits, nlohmann::json* out);

//! Shortest undirected paths (fewest hops) from `from` to `to`, at most
//! `max_hops` long and at most `max_paths` of them. Output: {"paths": [[node ids...]], "hops"}.
Status ShortestPaths(const Snapshot& snapshot, Vertex from, Vertex to, int max_hops, size_t max_paths,
                     nlohmann::json* out);

}  // namespace trialgraph::query
