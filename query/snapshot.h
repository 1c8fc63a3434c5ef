// Snapshot: an immutable in-memory view of the stored graph, with a
// Boost.Graph compressed-sparse-row index for traversal. Queries read a
// snapshot; a write builds the next one.
//
// Two levels, because every document restates the facts it supports:
//  - a *relation* is one (from, kind, to) triple, however many documents
//    state it. The Boost graph's edges are relations, so traversal cost
//    follows the shape of the graph, not the size of the corpus.
//  - a *fact* is one stored edge: a relation as one document stated it,
//    with its own properties and provenance. A relation's facts are
//    contiguous, in store order.
// Facts are kept compact: sentences are interned per (document, offset) and
// properties are kept as CBOR bytes, decoded only for the facts a caller
// actually shows.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "core/model.h"
#include "core/status.h"
#include "core/store.h"

namespace trialgraph::query {

//! Bundled edge property of the Boost graph: the index of its relation.
struct EdgeIndex {
  uint32_t index = 0;
};

using Graph = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property, EdgeIndex,
                                                 boost::no_property, uint32_t, uint32_t>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;

//! Marks "no vertex" (a fact whose document node is absent).
inline constexpr Vertex kNoVertex = UINT32_MAX;

//! One stored edge, compactly: its relation, document and sentence.
struct Fact {
  uint32_t relation = 0;      //!< index of its (from, kind, to) relation
  Vertex document = kNoVertex;  //!< the document stating it
  uint32_t start = 0;         //!< byte span of the supporting sentence
  uint32_t end = 0;
  uint32_t text = 0;          //!< interned sentence, see Snapshot::FactText
  uint32_t props = 0;         //!< index of its CBOR properties, see Snapshot::FactProps
};

class Snapshot {
 public:
  //! Reads every node and edge of `store`, as of one point in time (a
  //! StoreReader). Properties reported by several documents are merged
  //! (MergeReportedProperties) and trial acronyms become synonyms.
  //! Edges whose ends are missing are skipped (`trialgraph check` reports them).
  static Status Load(const Store& store, std::shared_ptr<const Snapshot>* snapshot);

  const Graph& graph() const { return graph_; }
  const std::vector<Node>& nodes() const { return nodes_; }
  //! The vertex of a public node id; nullopt if absent.
  std::optional<Vertex> Find(std::string_view id) const;
  //! Every vertex of one kind.
  const std::vector<Vertex>& OfKind(NodeKind kind) const { return by_kind_[static_cast<size_t>(kind)]; }
  //! Vertices whose name or synonym starts with `prefix` (case-insensitive),
  //! optionally of one kind; exact names first, at most `limit`.
  std::vector<Vertex> SearchPrefix(std::string_view prefix, std::optional<NodeKind> kind, size_t limit) const;
  //! {"documents": n, "nodes": {kind: n}, "edges": {kind: n}}; edges count facts, as the store does.
  nlohmann::json Stats() const;

  // ---- relations (the Boost graph's edges)
  size_t RelationCount() const { return relations_.size(); }
  EdgeKind RelationKind(uint32_t r) const { return relations_[r].kind; }
  Vertex Source(uint32_t r) const { return relations_[r].from; }
  Vertex Target(uint32_t r) const { return relations_[r].to; }
  //! True when `test(relation)` holds for some out-relation of v of one
  //! kind; stops at the first. Allocates nothing, for the hot paths of questions.
  template <typename Test>
  bool AnyOutRelation(Vertex v, EdgeKind kind, Test&& test) const {
    return AnyOfKind(boost::out_edges(v, graph_), kind, test);
  }
  //! Calls visit(relation) for each out-relation of v of one kind.
  template <typename Visit>
  void ForEachOutRelation(Vertex v, EdgeKind kind, Visit&& visit) const {
    AnyOfKind(boost::out_edges(v, graph_), kind, [&](uint32_t r) { return visit(r), false; });
  }
  //! Calls visit(relation) for each in-relation of v of one kind.
  template <typename Visit>
  void ForEachInRelation(Vertex v, EdgeKind kind, Visit&& visit) const {
    AnyOfKind(boost::in_edges(v, graph_), kind, [&](uint32_t r) { return visit(r), false; });
  }
  //! Out-relations of v of one kind.
  std::vector<uint32_t> OutRelations(Vertex v, EdgeKind kind) const;
  //! In-relations of v of one kind.
  std::vector<uint32_t> InRelations(Vertex v, EdgeKind kind) const;
  //! Indexes (into facts()) of the facts stating relation r: they are contiguous.
  auto FactsOf(uint32_t r) const {
    return std::views::iota(relations_[r].first_fact, relations_[r].first_fact + relations_[r].fact_count);
  }
  //! Distinct (document, sentence) pairs among r's facts.
  uint32_t DistinctSpans(uint32_t r) const { return relations_[r].distinct_spans; }
  //! Distinct documents stating r, sorted.
  std::span<const Vertex> DocumentsOf(uint32_t r) const;
  //! Distinct "regimen_name" properties of a TESTS relation's facts, in fact order.
  std::span<const std::string> RegimenNamesOf(uint32_t r) const;

  // ---- facts (stored edges)
  const std::vector<Fact>& facts() const { return facts_; }
  //! The supporting sentence of fact f.
  std::string_view FactText(uint32_t f) const;
  //! The properties of fact f (an object; empty when it has none).
  nlohmann::json FactProps(uint32_t f) const;
  //! Fact f as the stored Edge it was read from.
  Edge MaterializeFact(uint32_t f) const;
  //! The source path or URL of a document vertex ("" if unknown).
  std::string_view SourceOf(Vertex document) const;

  // ---- indexes for questions
  //! Regimens containing `drug`, sorted.
  std::span<const Vertex> RegimensContaining(Vertex drug) const;

 private:
  struct Relation {
    EdgeKind kind = EdgeKind::kDescribes;
    Vertex from = 0, to = 0;
    uint32_t first_fact = 0, fact_count = 0;
    uint32_t distinct_spans = 0;
    uint32_t first_document = 0, document_count = 0;  //!< range in relation_documents_
    uint32_t first_name = 0, name_count = 0;          //!< range in regimen_names_
  };
  class Builder;
  //! True when test(relation) holds for a relation of `kind` among a range of Boost edges.
  template <typename EdgeRange, typename Test>
  bool AnyOfKind(EdgeRange range, EdgeKind kind, Test&& test) const {
    for (auto [e, end] = range; e != end; ++e) {
      uint32_t r = graph_[*e].index;
      if (relations_[r].kind == kind && test(r)) return true;
    }
    return false;
  }

  std::vector<Node> nodes_;
  std::unordered_map<std::string, Vertex> index_;
  std::vector<std::vector<Vertex>> by_kind_;
  std::vector<std::pair<std::string, Vertex>> names_;  //!< normalised name or synonym, sorted
  std::vector<Relation> relations_;
  std::vector<Fact> facts_;
  std::vector<Vertex> relation_documents_;  //!< per relation, its distinct documents
  std::vector<std::string> regimen_names_;  //!< per TESTS relation, its distinct names
  std::string text_arena_;                  //!< interned sentences, back to back
  std::vector<uint64_t> text_offsets_;      //!< text i is [offsets[i], offsets[i+1])
  std::string props_arena_;                 //!< CBOR property maps, back to back
  std::vector<uint64_t> props_offsets_;     //!< props i is [offsets[i], offsets[i+1]); 0 = none
  std::vector<std::string_view> sources_;   //!< per vertex, a document's source ("" otherwise)
  std::unordered_map<Vertex, std::vector<Vertex>> regimens_by_drug_;
  Graph graph_;
};

}  // namespace trialgraph::query
