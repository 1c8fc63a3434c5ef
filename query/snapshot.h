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

//! Bundled edge property of the Boost graph: its relation and that
//! relation's kind, kept beside the edge so a walk filtering by kind reads
//! one contiguous array.
struct EdgeIndex {
  uint32_t index = 0;
  EdgeKind kind = EdgeKind::kDescribes;
};

using Graph = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property, EdgeIndex,
                                                 boost::no_property, uint32_t, uint32_t>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;

//! Marks "no vertex" (a fact whose document node is absent).
inline constexpr Vertex kNoVertex = UINT32_MAX;

//! What an answer counts of one relation.
struct RelationCounts {
  uint32_t distinct_spans = 0;  //!< distinct (document, sentence) pairs among its facts
  uint32_t document_count = 0;  //!< distinct documents stating it
  Vertex first_document = kNoVertex;  //!< the first of them by vertex (the only one when document_count is 1)
  auto operator<=>(const RelationCounts&) const = default;
};

//! A TESTS relation with both its ends, its counts and its trial's
//! Snapshot::FacetBits, so a question about regimens reads only the lists of
//! the regimens it matches until it materialises a result.
struct Testing {
  Vertex trial = 0;
  uint32_t relation = 0;
  Vertex regimen = 0;
  RelationCounts counts;
  uint64_t trial_facet_bits = 0;
  auto operator<=>(const Testing&) const = default;
};

//! A node property that questions filter on, kept with its values interned
//! so a filter compares integers instead of walking JSON.
enum class Facet : uint8_t { kSettings, kDisease, kPhStatus, kAgeGroup, kDesign, kPhase };
inline constexpr size_t kFacetCount = static_cast<size_t>(Facet::kPhase) + 1;  // keep kPhase last
//! Bits of FacetBits that stand for one (facet, value) pair each; the rest
//! are the per-facet overflow bits.
inline constexpr unsigned kFacetValueBits = 64 - kFacetCount;

//! The indexes [first, last), for range-for. (Not std::views::iota: clang 14,
//! which builds the fuzz targets, cannot compile libstdc++ 12's iota_view.)
struct IndexRange {
  struct Iterator {
    uint32_t index;
    uint32_t operator*() const { return index; }
    Iterator& operator++() { return ++index, *this; }
    bool operator==(const Iterator&) const = default;
  };
  uint32_t first = 0, last = 0;
  Iterator begin() const { return {first}; }
  Iterator end() const { return {last}; }
  size_t size() const { return last - first; }
};

//! Lists keyed by a dense index, stored back to back (compressed-sparse-row style).
template <typename T>
class GroupedLists {
 public:
  //! Groups `pairs` (key < keys, item) by key; items of one key keep their order.
  void Assign(size_t keys, const std::vector<std::pair<uint32_t, T>>& pairs) {
    first_.assign(keys + 1, 0);
    for (const auto& [key, item] : pairs) ++first_[key + 1];
    for (size_t k = 0; k < keys; ++k) first_[k + 1] += first_[k];
    items_.resize(pairs.size());
    std::vector<uint32_t> next(first_.begin(), first_.end() - 1);
    for (const auto& [key, item] : pairs) items_[next[key]++] = item;
  }
  //! The items of `key`; empty for a key beyond those assigned.
  std::span<const T> Of(uint32_t key) const {
    if (size_t{key} + 1 >= first_.size()) return {};
    return {items_.data() + first_[key], first_[key + 1] - first_[key]};
  }

 private:
  std::vector<uint32_t> first_;  //!< key k's items are [first_[k], first_[k + 1])
  std::vector<T> items_;
};

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
  Snapshot() = default;
  Snapshot(const Snapshot&) = delete;  // holds views into its own members
  Snapshot& operator=(const Snapshot&) = delete;

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
  //! True when `test(relation, target)` holds for some out-relation of v of
  //! one kind; stops at the first. Allocates nothing, for the hot paths of questions.
  template <typename Test>
  bool AnyOutRelation(Vertex v, EdgeKind kind, Test&& test) const {
    auto target = [&](auto e) { return boost::target(e, graph_); };
    return AnyOfKind(boost::out_edges(v, graph_), kind, target, test);
  }
  //! Calls visit(relation, target) for each out-relation of v of one kind.
  template <typename Visit>
  void ForEachOutRelation(Vertex v, EdgeKind kind, Visit&& visit) const {
    AnyOutRelation(v, kind, [&](uint32_t r, Vertex target) { return visit(r, target), false; });
  }
  //! Calls visit(relation, source) for each in-relation of v of one kind.
  template <typename Visit>
  void ForEachInRelation(Vertex v, EdgeKind kind, Visit&& visit) const {
    auto source = [&](auto e) { return boost::source(e, graph_); };
    AnyOfKind(boost::in_edges(v, graph_), kind, source, [&](uint32_t r, Vertex from) { return visit(r, from), false; });
  }
  //! Out-relations of v of one kind.
  std::vector<uint32_t> OutRelations(Vertex v, EdgeKind kind) const;
  //! In-relations of v of one kind.
  std::vector<uint32_t> InRelations(Vertex v, EdgeKind kind) const;
  //! Indexes (into facts()) of the facts stating relation r: they are contiguous.
  IndexRange FactsOf(uint32_t r) const {
    return {relations_[r].first_fact, relations_[r].first_fact + relations_[r].fact_count};
  }
  //! What answers count of relation r.
  RelationCounts CountsOf(uint32_t r) const {
    const Relation& relation = relations_[r];
    return {relation.distinct_spans, relation.document_count, relation_documents_[relation.first_document]};
  }
  //! Distinct documents stating r, sorted.
  std::span<const Vertex> DocumentsOf(uint32_t r) const;
  //! Distinct "regimen_name" properties of a TESTS relation's facts, in fact
  //! order, as ids for RegimenName (equal names have equal ids).
  std::span<const uint32_t> RegimenNamesOf(uint32_t r) const;
  //! The regimen name an id of RegimenNamesOf stands for.
  const std::string& RegimenName(uint32_t id) const { return regimen_names_[id]; }

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
  //! The public id of a document vertex ("" for kNoVertex: a fact whose document is not stored).
  std::string_view DocumentIdOf(Vertex document) const;

  // ---- indexes for questions
  //! Regimens containing `drug`, sorted; empty when v is not a drug.
  std::span<const Vertex> RegimensContaining(Vertex drug) const;
  //! The trials testing `regimen`, each with its TESTS relation, sorted by trial.
  //! (Indexed after the facets, whose bits each entry carries.)
  std::span<const Testing> TrialsTesting(Vertex regimen) const;
  //! The interned values of v's facet property (its string, or each string
  //! of its list), each once, ordered by id. A trial also holds the values of
  //! the populations it enrolls. Empty when v has none.
  std::span<const uint32_t> FacetValues(Facet facet, Vertex v) const {
    return facets_.Of(v * static_cast<uint32_t>(kFacetCount) + static_cast<uint32_t>(facet));
  }
  //! v's facet values as one word, read with a single load: the bit of each
  //! (facet, value) pair that has one (FacetBit), and FacetOverflowBit(facet)
  //! when v has a value of that facet without a bit, which only FacetValues lists.
  uint64_t FacetBits(Vertex v) const { return facet_bits_[v]; }
  //! The bit standing for `value` of `facet` in FacetBits; 0 when the pair has none.
  uint64_t FacetBit(Facet facet, uint32_t value) const;
  //! Set in FacetBits(v) when v has a value of `facet` that has no bit.
  static constexpr uint64_t FacetOverflowBit(Facet facet) {
    return uint64_t{1} << (kFacetValueBits + static_cast<unsigned>(facet));
  }
  //! Calls visit(value, bit) for each value of `facet` that has a bit.
  template <typename Visit>
  void ForEachFacetBit(Facet facet, Visit&& visit) const {
    for (unsigned bit = 0; bit < bit_values_.size(); ++bit)
      if (bit_values_[bit].first == facet) visit(bit_values_[bit].second, uint64_t{1} << bit);
  }
  //! The interned id of a facet value; nullopt when no node has that value.
  std::optional<uint32_t> FacetValueId(const std::string& value) const;
  //! The value an interned id stands for; requires an id FacetValues returned.
  std::string_view FacetValue(uint32_t id) const { return facet_values_[id]; }
  //! Orders vertices by name (byte order): equal names share a rank.
  uint32_t NameRank(Vertex v) const { return name_rank_[v]; }

 private:
  struct Relation {
    EdgeKind kind = EdgeKind::kDescribes;
    Vertex from = 0, to = 0;
    uint32_t first_fact = 0, fact_count = 0;
    uint32_t distinct_spans = 0;
    uint32_t first_document = 0, document_count = 0;  //!< range in relation_documents_
    uint32_t first_name = 0, name_count = 0;          //!< range in relation_names_
  };
  class Builder;
  //! True when test(relation, other_end(edge)) holds for an edge of `kind` among a range of Boost edges.
  template <typename EdgeRange, typename OtherEnd, typename Test>
  bool AnyOfKind(EdgeRange range, EdgeKind kind, OtherEnd&& other_end, Test&& test) const {
    for (auto [e, end] = range; e != end; ++e) {
      const EdgeIndex& edge = graph_[*e];
      if (edge.kind == kind && test(edge.index, other_end(*e))) return true;
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
  std::vector<uint32_t> relation_names_;    //!< per TESTS relation, its distinct name ids
  std::vector<std::string> regimen_names_;  //!< name id -> regimen name
  std::string text_arena_;                  //!< interned sentences, back to back
  std::vector<uint64_t> text_offsets_;      //!< text i is [offsets[i], offsets[i+1])
  std::string props_arena_;                 //!< CBOR property maps, back to back
  std::vector<uint64_t> props_offsets_;     //!< props i is [offsets[i], offsets[i+1]); 0 = none
  std::vector<std::string_view> sources_;   //!< per vertex, a document's source ("" otherwise)
  std::vector<uint32_t> rank_in_kind_;      //!< per vertex, its index in OfKind(its kind)
  std::vector<uint32_t> name_rank_;         //!< per vertex, see NameRank
  GroupedLists<Vertex> regimens_by_drug_;   //!< keyed by the drug's rank in kind
  GroupedLists<Testing> trials_by_regimen_; //!< keyed by the regimen's rank in kind
  //! Keyed by vertex * kFacetCount + facet, so one vertex's facets share a
  //! cache line (4 * kFacetCount bytes per vertex, the price of one lookup).
  GroupedLists<uint32_t> facets_;
  std::vector<uint64_t> facet_bits_;                        //!< per vertex, see FacetBits
  std::vector<std::pair<Facet, uint32_t>> bit_values_;      //!< bit -> its (facet, value), most common first
  std::unordered_map<std::string, uint32_t> facet_ids_;     //!< interned facet values
  std::vector<std::string_view> facet_values_;              //!< id -> value (keys of facet_ids_)
  Graph graph_;
};

}  // namespace trialgraph::query
