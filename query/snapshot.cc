#include "query/snapshot.h"

#include <algorithm>
#include <map>

#include <boost/range/iterator_range.hpp>

namespace trialgraph::query {

using nlohmann::json;

Status Snapshot::Load(const Store& store, std::shared_ptr<const Snapshot>* out) {
  auto snap = std::make_shared<Snapshot>();
  snap->by_kind_.resize(static_cast<size_t>(NodeKind::kAdverseEvent) + 1);
  std::map<NodeKey, uint32_t> by_key;
  Status st = store.ForEachNode([&](const Node& node) {
    Vertex v = static_cast<Vertex>(snap->nodes_.size());
    snap->index_.emplace(node.id, v);
    by_key.emplace(*KeyCodec::NodeKeyOfId(node.id), v);
    snap->by_kind_[static_cast<size_t>(node.kind)].push_back(v);
    snap->nodes_.push_back(node);
  });
  if (!st.ok()) return st;
  st = store.ForEachNodeRef([&](const NodeKey& key, uint64_t, const json& props) {
    auto it = by_key.find(key);
    if (it != by_key.end() && !props.empty()) MergeReportedProperties(&snap->nodes_[it->second].props, props);
  });
  if (!st.ok()) return st;
  std::vector<std::pair<uint32_t, uint32_t>> ends;
  std::vector<EdgeIndex> props;
  st = store.ForEachEdge([&](const Edge& edge) {
    auto from = snap->index_.find(edge.from), to = snap->index_.find(edge.to);
    if (from == snap->index_.end() || to == snap->index_.end()) return;  // `trialgraph check` reports these
    props.push_back({static_cast<uint32_t>(snap->edges_.size())});
    ends.emplace_back(from->second, to->second);
    snap->edges_.push_back(edge);
  });
  if (!st.ok()) return st;
  snap->edge_ends_.assign(ends.begin(), ends.end());
  for (Vertex v = 0; v < snap->nodes_.size(); ++v) {
    Node& node = snap->nodes_[v];
    AddReportedSynonyms(&node);
    snap->names_.emplace_back(KeyCodec::NormaliseName(node.name), v);
    for (const std::string& synonym : node.synonyms) snap->names_.emplace_back(KeyCodec::NormaliseName(synonym), v);
  }
  std::sort(snap->names_.begin(), snap->names_.end());
  snap->graph_ = Graph(boost::edges_are_unsorted_multi_pass, ends.begin(), ends.end(), props.begin(),
                       static_cast<uint32_t>(snap->nodes_.size()));
  *out = std::move(snap);
  return Status::OK();
}

std::optional<Vertex> Snapshot::Find(std::string_view id) const {
  auto it = index_.find(std::string(id));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

// Indexes of the edges of one kind among a range of edge descriptors.
template <typename EdgeRange>
std::vector<uint32_t> EdgesOfKind(const Graph& graph, const std::vector<Edge>& edges, EdgeRange range, EdgeKind kind) {
  std::vector<uint32_t> out;
  for (auto e : boost::make_iterator_range(range)) {
    uint32_t index = graph[e].index;
    if (edges[index].kind == kind) out.push_back(index);
  }
  return out;
}

std::vector<uint32_t> Snapshot::OutEdges(Vertex v, EdgeKind kind) const {
  return EdgesOfKind(graph_, edges_, boost::out_edges(v, graph_), kind);
}

std::vector<uint32_t> Snapshot::InEdges(Vertex v, EdgeKind kind) const {
  return EdgesOfKind(graph_, edges_, boost::in_edges(v, graph_), kind);
}

std::vector<Vertex> Snapshot::SearchPrefix(std::string_view prefix, std::optional<NodeKind> kind, size_t limit) const {
  std::string key = KeyCodec::NormaliseName(prefix);
  std::vector<Vertex> exact, partial;
  for (auto it = std::lower_bound(names_.begin(), names_.end(), std::make_pair(key, Vertex(0)));
       it != names_.end() && it->first.starts_with(key); ++it) {
    if (kind && nodes_[it->second].kind != *kind) continue;
    std::vector<Vertex>& bucket = it->first == key ? exact : partial;
    if (std::find(exact.begin(), exact.end(), it->second) == exact.end() &&
        std::find(partial.begin(), partial.end(), it->second) == partial.end())
      bucket.push_back(it->second);
    if (exact.size() >= limit) break;
  }
  for (Vertex v : partial)
    if (exact.size() < limit && std::find(exact.begin(), exact.end(), v) == exact.end()) exact.push_back(v);
  return exact;
}

nlohmann::json Snapshot::Stats() const {
  json nodes = json::object(), edges = json::object();
  for (NodeKind kind : kAllNodeKinds) nodes[std::string(NodeKindName(kind))] = OfKind(kind).size();
  for (EdgeKind kind : kAllEdgeKinds) edges[std::string(EdgeKindName(kind))] = 0;
  for (const Edge& e : edges_) edges[std::string(EdgeKindName(e.kind))] = edges[std::string(EdgeKindName(e.kind))].get<size_t>() + 1;
  return {{"documents", OfKind(NodeKind::kDocument).size()}, {"nodes", nodes}, {"edges", edges}};
}

std::string Snapshot::SourceOf(const std::string& document_id) const {
  std::optional<Vertex> v = Find(document_id);
  if (!v) return "";
  return nodes_[*v].props.value("source", "");
}

}  // namespace trialgraph::query
