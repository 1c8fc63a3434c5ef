#include "core/model.h"

#include <algorithm>

#include "core/hash.h"

namespace trialgraph {

std::string_view NodeKindName(NodeKind kind) {
  switch (kind) {
    case NodeKind::kDocument: return "document";
    case NodeKind::kTrial: return "trial";
    case NodeKind::kRegimen: return "regimen";
    case NodeKind::kDrug: return "drug";
    case NodeKind::kPopulation: return "population";
    case NodeKind::kEndpoint: return "endpoint";
    case NodeKind::kAdverseEvent: return "adverse_event";
  }
  return "unknown";
}

std::string_view EdgeKindName(EdgeKind kind) {
  switch (kind) {
    case EdgeKind::kDescribes: return "DESCRIBES";
    case EdgeKind::kTests: return "TESTS";
    case EdgeKind::kContains: return "CONTAINS";
    case EdgeKind::kEnrolls: return "ENROLLS";
    case EdgeKind::kReports: return "REPORTS";
    case EdgeKind::kHasAdverseEvent: return "HAS_ADVERSE_EVENT";
  }
  return "UNKNOWN";
}

std::optional<NodeKind> ParseNodeKind(std::string_view name) {
  for (NodeKind kind : kAllNodeKinds)
    if (NodeKindName(kind) == name) return kind;
  return std::nullopt;
}

// Compares without copying: the store reader parses the kind of every edge it decodes.
std::optional<EdgeKind> ParseEdgeKind(std::string_view name) {
  auto same = [](unsigned char c, unsigned char upper) { return std::toupper(c) == upper; };
  for (EdgeKind kind : kAllEdgeKinds)
    if (std::ranges::equal(name, EdgeKindName(kind), same)) return kind;
  return std::nullopt;
}

std::string MakeNodeId(NodeKind kind, std::string_view canonical) {
  std::string id(NodeKindName(kind));
  id += ':';
  id += canonical;
  return id;
}

std::optional<NodeKind> NodeKindOfId(std::string_view id) {
  size_t colon = id.find(':');
  if (colon == std::string_view::npos || colon + 1 == id.size()) return std::nullopt;
  return ParseNodeKind(id.substr(0, colon));
}

nlohmann::json NodeToJson(const Node& node) {
  nlohmann::json j = {{"id", node.id}, {"kind", NodeKindName(node.kind)}, {"name", node.name}, {"props", node.props}};
  if (!node.synonyms.empty()) j["synonyms"] = node.synonyms;
  return j;
}

Node NodeFromJson(const nlohmann::json& j) { return NodeFromJson(nlohmann::json(j)); }

Node NodeFromJson(nlohmann::json&& j) {
  Node node;
  node.id = std::move(j.at("id").get_ref<std::string&>());
  node.kind = ParseNodeKind(j.at("kind").get_ref<const std::string&>()).value_or(NodeKind::kDocument);
  node.name = std::move(j.at("name").get_ref<std::string&>());
  auto props = j.find("props");
  node.props = props != j.end() ? std::move(*props) : nlohmann::json::object();
  node.synonyms = j.value("synonyms", std::vector<std::string>{});
  return node;
}

nlohmann::json EdgeToJson(const Edge& edge) {
  return {{"kind", EdgeKindName(edge.kind)},
          {"from", edge.from},
          {"to", edge.to},
          {"props", edge.props},
          {"provenance",
           {{"document", edge.provenance.document},
            {"start", edge.provenance.start},
            {"end", edge.provenance.end},
            {"text", edge.provenance.text}}}};
}

Edge EdgeFromJson(const nlohmann::json& j) {
  Edge edge;
  edge.kind = ParseEdgeKind(j.at("kind").get<std::string>()).value_or(EdgeKind::kDescribes);
  edge.from = j.at("from").get<std::string>();
  edge.to = j.at("to").get<std::string>();
  edge.props = j.value("props", nlohmann::json::object());
  const nlohmann::json& p = j.at("provenance");
  edge.provenance.document = p.at("document").get<std::string>();
  edge.provenance.start = p.at("start").get<uint32_t>();
  edge.provenance.end = p.at("end").get<uint32_t>();
  edge.provenance.text = p.value("text", "");
  return edge;
}

uint64_t EdgeFactHash(const Edge& edge) {
  std::string material(EdgeKindName(edge.kind));
  material += '\x1f' + edge.from + '\x1f' + edge.to + '\x1f' + edge.props.dump() + '\x1f' + edge.provenance.document +
              '\x1f' + std::to_string(edge.provenance.start) + '\x1f' + std::to_string(edge.provenance.end);
  return StableHash64(material);
}

void MergeReportedProperties(nlohmann::json* into, const nlohmann::json& from) {
  for (auto it = from.begin(); it != from.end(); ++it) {
    nlohmann::json& target = (*into)[it.key()];
    if (it.value().is_array()) {
      if (!target.is_array()) target = nlohmann::json::array();
      for (const nlohmann::json& item : it.value())
        if (std::find(target.begin(), target.end(), item) == target.end()) target.push_back(item);
    } else if (target.is_null()) {
      target = it.value();
    }
  }
}

void AddReportedSynonyms(Node* node) {
  if (node->kind != NodeKind::kTrial) return;
  for (const nlohmann::json& name : node->props.value("names", nlohmann::json::array()))
    node->synonyms.push_back(name.get<std::string>());
}

std::string_view DocumentSource(const Node& document) {
  auto it = document.props.find("source");
  return it != document.props.end() && it->is_string() ? std::string_view(it->get_ref<const std::string&>()) : "";
}

}  // namespace trialgraph
