#include "query/views.h"

#include <deque>
#include <unordered_map>
#include <unordered_set>

#include <boost/range/iterator_range.hpp>

namespace trialgraph::query {

namespace {

using nlohmann::json;

// One fact (stored edge) with its evidence.
json EdgeJson(const Snapshot& s, uint32_t fact) {
  const Edge e = s.MaterializeFact(fact);
  return {{"kind", EdgeKindName(e.kind)},
          {"from", e.from},
          {"to", e.to},
          {"props", e.props},
          {"evidence",
           {{"source", std::string(s.SourceOf(s.facts()[fact].document))},
            {"document", e.provenance.document},
            {"text", e.provenance.text},
            {"span", {e.provenance.start, e.provenance.end}}}}};
}

// Calls visit(relation, other end) for each relation at v in the direction.
template <typename Visit>
void ForEachIncident(const Snapshot& s, Vertex v, Direction direction, Visit&& visit) {
  const Graph& g = s.graph();
  if (direction != Direction::kIn)
    for (auto e : boost::make_iterator_range(boost::out_edges(v, g))) visit(g[e].index, boost::target(e, g));
  if (direction != Direction::kOut)
    for (auto e : boost::make_iterator_range(boost::in_edges(v, g))) visit(g[e].index, boost::source(e, g));
}

json NodeSummary(const Snapshot& s, Vertex v) {
  const Node& n = s.nodes()[v];
  return {{"id", n.id}, {"kind", NodeKindName(n.kind)}, {"name", n.name}, {"props", n.props}};
}

}  // namespace

json NodeView(const Snapshot& s, Vertex v, size_t max_edges) {
  json view = NodeSummary(s, v);
  const Node& n = s.nodes()[v];
  if (!n.synonyms.empty()) view["synonyms"] = n.synonyms;
  for (Direction direction : {Direction::kOut, Direction::kIn}) {
    json listed = json::array();
    size_t total = 0;
    ForEachIncident(s, v, direction, [&](uint32_t r, Vertex) {
      IndexRange facts = s.FactsOf(r);
      total += facts.size();
      for (uint32_t f = facts.first; f < facts.last && listed.size() < max_edges; ++f) listed.push_back(EdgeJson(s, f));
    });
    const char* name = direction == Direction::kOut ? "out" : "in";
    view[std::string(name) + "_edges"] = std::move(listed);
    view[std::string(name) + "_edge_count"] = total;
  }
  return view;
}

Status Neighbors(const Snapshot& s, Vertex root, std::optional<EdgeKind> kind, Direction direction, int depth,
                 const NeighborLimits& limits, json* out) {
  if (depth < 1 || depth > limits.max_depth)
    return Status::InvalidArgument("depth must be between 1 and " + std::to_string(limits.max_depth));
  std::unordered_map<Vertex, int> level{{root, 0}};
  std::unordered_set<uint32_t> relations;
  std::deque<Vertex> queue{root};
  bool truncated = false;
  while (!queue.empty() && !truncated) {
    Vertex v = queue.front();
    queue.pop_front();
    if (level[v] == depth) continue;
    ForEachIncident(s, v, direction, [&](uint32_t r, Vertex other) {
      if (truncated || (kind && s.RelationKind(r) != *kind)) return;
      relations.insert(r);
      if (level.count(other)) return;
      if (level.size() >= limits.max_nodes) {
        truncated = true;
        return;
      }
      level[other] = level[v] + 1;
      queue.push_back(other);
    });
  }
  json nodes = json::array(), edge_list = json::array();
  for (const auto& [v, hops] : level) {
    json n = NodeSummary(s, v);
    n["hops"] = hops;
    nodes.push_back(n);
  }
  bool full = false;  // not `truncated`, which the walk may have set before any edge was listed
  for (uint32_t r : relations) {
    if (full) break;
    if (!level.count(s.Source(r)) || !level.count(s.Target(r))) continue;
    for (uint32_t f : s.FactsOf(r)) {
      if (edge_list.size() >= limits.max_edges) {
        truncated = full = true;
        break;
      }
      edge_list.push_back(EdgeJson(s, f));
    }
  }
  *out = {{"root", s.nodes()[root].id}, {"nodes", nodes}, {"edges", edge_list}, {"truncated", truncated}};
  return Status::OK();
}

Status ShortestPaths(const Snapshot& s, Vertex from, Vertex to, int max_hops, size_t max_paths, json* out) {
  if (max_hops < 1 || max_hops > 8) return Status::InvalidArgument("max_hops must be between 1 and 8");
  // Breadth-first search recording every shortest-path predecessor.
  std::unordered_map<Vertex, int> dist{{from, 0}};
  std::unordered_map<Vertex, std::vector<Vertex>> parents;
  std::deque<Vertex> queue{from};
  while (!queue.empty()) {
    Vertex v = queue.front();
    queue.pop_front();
    if (v == to || dist[v] >= max_hops) continue;
    ForEachIncident(s, v, Direction::kBoth, [&](uint32_t, Vertex other) {
      auto it = dist.find(other);
      if (it == dist.end()) {
        dist[other] = dist[v] + 1;
        parents[other].push_back(v);
        queue.push_back(other);
      } else if (it->second == dist[v] + 1 &&
                 std::find(parents[other].begin(), parents[other].end(), v) == parents[other].end()) {
        parents[other].push_back(v);
      }
    });
  }
  json paths = json::array();
  if (dist.count(to)) {
    std::vector<Vertex> path{to};
    std::function<void(Vertex)> unwind = [&](Vertex v) {
      if (paths.size() >= max_paths) return;
      if (v == from) {
        json ids = json::array();
        for (auto it = path.rbegin(); it != path.rend(); ++it) ids.push_back(s.nodes()[*it].id);
        paths.push_back(ids);
        return;
      }
      for (Vertex p : parents[v]) {
        path.push_back(p);
        unwind(p);
        path.pop_back();
      }
    };
    unwind(to);
  }
  *out = {{"from", s.nodes()[from].id}, {"to", s.nodes()[to].id}, {"paths", paths},
          {"hops", dist.count(to) ? json(dist[to]) : json(nullptr)}};
  return Status::OK();
}

}  // namespace trialgraph::query
