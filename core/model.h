// The graph model: node and edge kinds, stable ids, and what one document
// contributes to the graph.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace trialgraph {

//! Node kinds. Persisted as one byte in every node key: DO NOT CHANGE values.
enum class NodeKind : uint8_t {
  kDocument = 1,
  kTrial = 2,
  kRegimen = 3,
  kDrug = 4,
  kPopulation = 5,
  kEndpoint = 6,
  kAdverseEvent = 7,
};
inline constexpr NodeKind kAllNodeKinds[] = {NodeKind::kDocument, NodeKind::kTrial,      NodeKind::kRegimen,
                                             NodeKind::kDrug,     NodeKind::kPopulation, NodeKind::kEndpoint,
                                             NodeKind::kAdverseEvent};

//! Edge kinds. Persisted as one byte in every edge key: DO NOT CHANGE values.
enum class EdgeKind : uint8_t {
  kDescribes = 1,         //!< document -> trial
  kTests = 2,             //!< trial -> regimen (one per arm; props: arm label, n)
  kContains = 3,          //!< regimen -> drug
  kEnrolls = 4,           //!< trial -> population
  kReports = 5,           //!< trial -> endpoint (props: the measurement)
  kHasAdverseEvent = 6,   //!< trial -> adverse event (props: grade, value, unit, arm)
};
inline constexpr EdgeKind kAllEdgeKinds[] = {EdgeKind::kDescribes, EdgeKind::kTests,   EdgeKind::kContains,
                                             EdgeKind::kEnrolls,   EdgeKind::kReports, EdgeKind::kHasAdverseEvent};

//! "drug", "regimen", ...: the spelling used in ids, JSON and questions.
std::string_view NodeKindName(NodeKind kind);
//! "CONTAINS", "TESTS", ...
std::string_view EdgeKindName(EdgeKind kind);
//! Parses NodeKindName's output; nullopt for anything else.
std::optional<NodeKind> ParseNodeKind(std::string_view name);
//! Parses EdgeKindName's output (case-insensitive); nullopt for anything else.
std::optional<EdgeKind> ParseEdgeKind(std::string_view name);

//! Builds the public, stable id "<kind>:<canonical>" of a node.
std::string MakeNodeId(NodeKind kind, std::string_view canonical);
//! The kind named by a public id's prefix; nullopt when the id is malformed.
std::optional<NodeKind> NodeKindOfId(std::string_view id);

//! A vertex. Its id is derived from canonical content, so the same entity
//! reported by two documents is one node.
struct Node {
  NodeKind kind = NodeKind::kDocument;
  std::string id;        //!< public stable id, e.g. "drug:blinatumomab", "trial:NCT02003222"
  std::string name;      //!< display name
  std::vector<std::string> synonyms;  //!< extra names indexed for search
  nlohmann::json props = nlohmann::json::object();  //!< kind-specific properties derived from the id
  //! Properties one document reports about the node (a trial's phase,
  //! enrolment, acronyms). Stored per document and merged at query time, so
  //! the stored node never depends on which document was written last.
  nlohmann::json reported = nlohmann::json::object();
};

//! Where a fact comes from: the document and the byte span of its sentence.
struct Provenance {
  std::string document;  //!< public id of the document node
  uint32_t start = 0;    //!< byte offset of the supporting sentence in the source bytes
  uint32_t end = 0;      //!< one past its last byte
  std::string text;      //!< the sentence itself, for display
};

//! A typed, directed edge carrying its own properties and provenance.
struct Edge {
  EdgeKind kind = EdgeKind::kDescribes;
  std::string from;  //!< public id of the source node
  std::string to;    //!< public id of the target node
  nlohmann::json props = nlohmann::json::object();
  Provenance provenance;
};

//! Everything one document adds to the graph. Written in one batch, and
//! replaced as a whole when the document changes.
struct Contribution {
  Node document;                          //!< the document node itself
  std::string source;                     //!< path or URL the bytes came from
  std::array<uint8_t, 16> content_hash{}; //!< hash of the source bytes
  std::vector<Node> nodes;                //!< every other node the document mentions
  std::vector<Edge> edges;                //!< every fact, with provenance
};

//! JSON forms used for storage values and for output.
nlohmann::json NodeToJson(const Node& node);
Node NodeFromJson(const nlohmann::json& j);
//! NodeFromJson taking the strings and props out of `j` instead of copying them.
Node NodeFromJson(nlohmann::json&& j);
nlohmann::json EdgeToJson(const Edge& edge);
Edge EdgeFromJson(const nlohmann::json& j);

//! A stable 64-bit id of one fact (edge), from its kind, ends, properties and provenance.
uint64_t EdgeFactHash(const Edge& edge);

//! Merges the properties one document reported for a node (`from`, an
//! object) into `into`: lists are united in order (items not yet present are
//! appended), and a scalar is kept only when `into` has none (or null), so
//! the merged view does not depend on which document was ingested last.
void MergeReportedProperties(nlohmann::json* into, const nlohmann::json& from);

//! The path or URL a document node was ingested from (its "source"
//! property), viewed in place; "" when it has none.
std::string_view DocumentSource(const Node& document);

//! Adds the acronyms any document reported for a trial ("TOWER", "E1910"; the
//! merged "names" property) to its synonyms. Other kinds are left as they are.
void AddReportedSynonyms(Node* node);

}  // namespace trialgraph
