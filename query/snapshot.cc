#include "query/snapshot.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <map>
#include <numeric>

#include <boost/range/iterator_range.hpp>

namespace trialgraph::query {

namespace {

using nlohmann::json;

struct NodeKeyHash {
  size_t operator()(const NodeKey& k) const { return k.hash ^ static_cast<size_t>(k.kind); }
};

// The node property behind each Facet, in enum order.
struct FacetSpec {
  NodeKind kind;
  const char* property;
};
// In Facet order; the size check catches a facet added to one list only.
constexpr FacetSpec kFacetSpecs[] = {{NodeKind::kPopulation, "settings"},
                                     {NodeKind::kPopulation, "disease"},
                                     {NodeKind::kPopulation, "ph_status"},
                                     {NodeKind::kPopulation, "age_group"},
                                     {NodeKind::kTrial, "design"},
                                     {NodeKind::kTrial, "phase"}};
static_assert(std::size(kFacetSpecs) == kFacetCount);

}  // namespace

// Fills a Snapshot from a store in one pass per column family.
class Snapshot::Builder {
 public:
  explicit Builder(Snapshot* s) : s_(*s) {}

  Status ReadNodes(const StoreReader& reader);
  Status ReadEdges(const StoreReader& reader);
  void IndexNames();
  void IndexRelations();
  void IndexRegimens();
  void IndexFacets();
  void BuildGraph();

 private:
  void AddFact(const Edge& edge, Vertex from, Vertex to);
  uint32_t InternText(Vertex document, const Provenance& p);
  uint32_t AddProps(const json& props);
  void SummariseRelation(Relation* r);
  void RankNames();
  uint32_t InternFacetValue(const std::string& value);
  uint32_t InternRegimenName(const std::string& name);
  void AddEnrolledFacets(std::vector<std::pair<uint32_t, uint32_t>>* values);
  void AssignFacetBits(const std::vector<std::pair<uint32_t, uint32_t>>& values);

  Snapshot& s_;
  std::unordered_map<NodeKey, Vertex, NodeKeyHash> by_key_;
  std::unordered_map<std::string, uint32_t> regimen_name_ids_;
  // A sentence is identified by its document and span: two facts citing the
  // same span cite the same text.
  struct TextKey {
    Vertex document;
    uint32_t start, end;
    bool operator==(const TextKey&) const = default;
  };
  struct TextKeyHash {
    size_t operator()(const TextKey& k) const {
      return (static_cast<uint64_t>(k.document) << 32 | k.start) * 0x9E3779B97F4A7C15ull ^ k.end;
    }
  };
  std::unordered_map<TextKey, uint32_t, TextKeyHash> texts_;
};

Status Snapshot::Builder::ReadNodes(const StoreReader& reader) {
  s_.by_kind_.resize(static_cast<size_t>(NodeKind::kAdverseEvent) + 1);
  return reader.ForEachNodeMerged({}, [&](const Node& node) {
    Vertex v = static_cast<Vertex>(s_.nodes_.size());
    s_.index_.emplace(node.id, v);
    by_key_.emplace(*KeyCodec::NodeKeyOfId(node.id), v);
    std::vector<Vertex>& of_kind = s_.by_kind_[static_cast<size_t>(node.kind)];
    s_.rank_in_kind_.push_back(static_cast<uint32_t>(of_kind.size()));
    of_kind.push_back(v);
    s_.nodes_.push_back(node);
    return true;
  });
}

uint32_t Snapshot::Builder::InternText(Vertex document, const Provenance& p) {
  TextKey key{document, p.start, p.end};
  auto [it, inserted] = texts_.emplace(key, static_cast<uint32_t>(s_.text_offsets_.size() - 1));
  if (inserted) {
    s_.text_arena_ += p.text;
    s_.text_offsets_.push_back(s_.text_arena_.size());
  }
  return it->second;
}

uint32_t Snapshot::Builder::AddProps(const json& props) {
  if (!props.is_object() || props.empty()) return 0;
  json::to_cbor(props, s_.props_arena_);
  s_.props_offsets_.push_back(s_.props_arena_.size());
  return static_cast<uint32_t>(s_.props_offsets_.size() - 2);
}

void Snapshot::Builder::AddFact(const Edge& edge, Vertex from, Vertex to) {
  std::vector<Relation>& relations = s_.relations_;
  // The store orders edges by (from, kind, to, fact), so a relation's facts arrive together.
  if (relations.empty() || relations.back().from != from || relations.back().to != to ||
      relations.back().kind != edge.kind)
    relations.push_back({edge.kind, from, to, static_cast<uint32_t>(s_.facts_.size())});
  ++relations.back().fact_count;
  auto doc = s_.index_.find(edge.provenance.document);
  Vertex document = doc == s_.index_.end() ? kNoVertex : doc->second;
  s_.facts_.push_back({static_cast<uint32_t>(relations.size() - 1), document, edge.provenance.start,
                       edge.provenance.end, InternText(document, edge.provenance), AddProps(edge.props)});
}

Status Snapshot::Builder::ReadEdges(const StoreReader& reader) {
  s_.text_offsets_ = {0};
  s_.props_offsets_ = {0, 0};  // props 0 is "none"
  return reader.ForEachEdge({}, [&](const EdgeKey& key, const Edge& edge) {
    auto from = by_key_.find(key.from), to = by_key_.find(key.to);
    if (from != by_key_.end() && to != by_key_.end()) AddFact(edge, from->second, to->second);
    return true;
  });
}

void Snapshot::Builder::IndexNames() {
  s_.sources_.assign(s_.nodes_.size(), std::string_view());
  for (Vertex v = 0; v < s_.nodes_.size(); ++v) {
    Node& node = s_.nodes_[v];
    if (node.kind == NodeKind::kDocument) s_.sources_[v] = DocumentSource(node);
    if (!node.props.is_object()) node.props = json::object();
    s_.names_.emplace_back(KeyCodec::NormaliseName(node.name), v);
    for (const std::string& synonym : node.synonyms) s_.names_.emplace_back(KeyCodec::NormaliseName(synonym), v);
  }
  std::sort(s_.names_.begin(), s_.names_.end());
  RankNames();
}

void Snapshot::Builder::RankNames() {
  std::vector<Vertex> order(s_.nodes_.size());
  std::iota(order.begin(), order.end(), Vertex(0));
  std::sort(order.begin(), order.end(), [&](Vertex a, Vertex b) { return s_.nodes_[a].name < s_.nodes_[b].name; });
  s_.name_rank_.assign(order.size(), 0);
  uint32_t rank = 0;
  for (size_t i = 0; i < order.size(); ++i) {
    if (i > 0 && s_.nodes_[order[i]].name != s_.nodes_[order[i - 1]].name) ++rank;
    s_.name_rank_[order[i]] = rank;
  }
}

// Precomputes what answers count per relation, so a question never sorts
// the facts of a relation it merely counts.
void Snapshot::Builder::SummariseRelation(Relation* r) {
  std::vector<std::pair<Vertex, uint32_t>> spans;
  for (uint32_t f = r->first_fact; f < r->first_fact + r->fact_count; ++f)
    spans.emplace_back(s_.facts_[f].document, s_.facts_[f].start);
  std::sort(spans.begin(), spans.end());
  spans.erase(std::unique(spans.begin(), spans.end()), spans.end());
  r->distinct_spans = static_cast<uint32_t>(spans.size());
  r->first_document = static_cast<uint32_t>(s_.relation_documents_.size());
  for (const auto& [document, start] : spans)
    if (s_.relation_documents_.size() == r->first_document || s_.relation_documents_.back() != document)
      s_.relation_documents_.push_back(document);
  r->document_count = static_cast<uint32_t>(s_.relation_documents_.size()) - r->first_document;
  r->first_name = static_cast<uint32_t>(s_.relation_names_.size());
  if (r->kind != EdgeKind::kTests) return;
  for (uint32_t f = r->first_fact; f < r->first_fact + r->fact_count; ++f) {
    json props = s_.FactProps(f);
    auto name = props.find("regimen_name");
    if (name == props.end() || !name->is_string()) continue;
    uint32_t id = InternRegimenName(name->get_ref<const std::string&>());
    auto names_begin = s_.relation_names_.begin() + r->first_name;
    if (std::find(names_begin, s_.relation_names_.end(), id) == s_.relation_names_.end()) s_.relation_names_.push_back(id);
  }
  r->name_count = static_cast<uint32_t>(s_.relation_names_.size()) - r->first_name;
}

uint32_t Snapshot::Builder::InternRegimenName(const std::string& name) {
  auto [it, inserted] = regimen_name_ids_.emplace(name, static_cast<uint32_t>(s_.regimen_names_.size()));
  if (inserted) s_.regimen_names_.push_back(name);
  return it->second;
}

void Snapshot::Builder::IndexRelations() {
  for (Relation& r : s_.relations_) SummariseRelation(&r);
}

void Snapshot::Builder::BuildGraph() {
  std::vector<std::pair<uint32_t, uint32_t>> ends;
  std::vector<EdgeIndex> props;
  ends.reserve(s_.relations_.size());
  props.reserve(s_.relations_.size());
  for (uint32_t r = 0; r < s_.relations_.size(); ++r) {
    ends.emplace_back(s_.relations_[r].from, s_.relations_[r].to);
    props.push_back({r, s_.relations_[r].kind});
  }
  s_.graph_ = Graph(boost::edges_are_unsorted_multi_pass, ends.begin(), ends.end(), props.begin(),
                    static_cast<uint32_t>(s_.nodes_.size()));
}

// drug <-CONTAINS- regimen and regimen <-TESTS- trial, grouped once, so a
// question about drugs starts from set operations on sorted lists instead of
// a walk.
void Snapshot::Builder::IndexRegimens() {
  std::vector<std::pair<uint32_t, Vertex>> containing;
  std::vector<std::pair<uint32_t, Testing>> testing;
  for (uint32_t r = 0; r < s_.relations_.size(); ++r) {
    const Relation& relation = s_.relations_[r];
    if (relation.kind == EdgeKind::kContains && s_.nodes_[relation.to].kind == NodeKind::kDrug)
      containing.emplace_back(s_.rank_in_kind_[relation.to], relation.from);
    if (relation.kind == EdgeKind::kTests && s_.nodes_[relation.to].kind == NodeKind::kRegimen)
      testing.emplace_back(s_.rank_in_kind_[relation.to],
                           Testing{relation.from, r, relation.to, s_.CountsOf(r), s_.FacetBits(relation.from)});
  }
  std::sort(containing.begin(), containing.end());
  std::sort(testing.begin(), testing.end());
  s_.regimens_by_drug_.Assign(s_.OfKind(NodeKind::kDrug).size(), containing);
  s_.trials_by_regimen_.Assign(s_.OfKind(NodeKind::kRegimen).size(), testing);
}

uint32_t Snapshot::Builder::InternFacetValue(const std::string& value) {
  auto [it, inserted] = s_.facet_ids_.emplace(value, static_cast<uint32_t>(s_.facet_ids_.size()));
  if (inserted) s_.facet_values_.push_back(it->first);  // unordered_map keys do not move
  return it->second;
}

// Keyed by vertex, then facet, so the facets of one vertex sit together.
void Snapshot::Builder::IndexFacets() {
  std::vector<std::pair<uint32_t, uint32_t>> values;
  for (uint32_t f = 0; f < kFacetCount; ++f) {
    const FacetSpec& spec = kFacetSpecs[f];
    for (Vertex v : s_.OfKind(spec.kind)) {
      auto property = s_.nodes_[v].props.find(spec.property);
      if (property == s_.nodes_[v].props.end()) continue;
      auto add = [&](const json& value) {
        if (value.is_string())
          values.emplace_back(v * kFacetCount + f, InternFacetValue(value.get_ref<const std::string&>()));
      };
      if (property->is_array()) std::for_each(property->begin(), property->end(), add);
      else add(*property);
    }
  }
  AddEnrolledFacets(&values);
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  s_.facets_.Assign(s_.nodes_.size() * kFacetCount, values);
  AssignFacetBits(values);
}

// The kFacetValueBits most common (facet, value) pairs get a bit each, so
// nearly every filter is decided by one load and a mask; a vertex holding a
// rarer value is marked for a look at its list instead.
void Snapshot::Builder::AssignFacetBits(const std::vector<std::pair<uint32_t, uint32_t>>& values) {
  std::map<std::pair<Facet, uint32_t>, uint32_t> frequency;
  for (const auto& [key, value] : values) ++frequency[{static_cast<Facet>(key % kFacetCount), value}];
  std::vector<std::pair<uint32_t, std::pair<Facet, uint32_t>>> by_frequency;
  for (const auto& [pair, count] : frequency) by_frequency.emplace_back(count, pair);
  // Most common first; ties in (facet, value) order, so equal stores assign equal bits.
  std::stable_sort(by_frequency.begin(), by_frequency.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::map<std::pair<Facet, uint32_t>, uint64_t> bit_of;
  for (size_t i = 0; i < by_frequency.size() && i < kFacetValueBits; ++i) {
    bit_of[by_frequency[i].second] = uint64_t{1} << i;
    s_.bit_values_.push_back(by_frequency[i].second);
  }
  s_.facet_bits_.assign(s_.nodes_.size(), 0);
  for (const auto& [key, value] : values) {
    Facet facet = static_cast<Facet>(key % kFacetCount);
    auto bit = bit_of.find({facet, value});
    s_.facet_bits_[key / kFacetCount] |= bit != bit_of.end() ? bit->second : FacetOverflowBit(facet);
  }
}

// A trial also holds every value of the populations it enrolls, so a
// question with one population condition is decided on the trial alone.
void Snapshot::Builder::AddEnrolledFacets(std::vector<std::pair<uint32_t, uint32_t>>* values) {
  GroupedLists<uint32_t> own;
  own.Assign(s_.nodes_.size() * kFacetCount, *values);
  for (const Relation& r : s_.relations_) {
    if (r.kind != EdgeKind::kEnrolls || s_.nodes_[r.from].kind != NodeKind::kTrial) continue;
    for (uint32_t f = 0; f < kFacetCount; ++f) {
      if (kFacetSpecs[f].kind != NodeKind::kPopulation) continue;
      for (uint32_t value : own.Of(r.to * kFacetCount + f)) values->emplace_back(r.from * kFacetCount + f, value);
    }
  }
}

Status Snapshot::Load(const Store& store, std::shared_ptr<const Snapshot>* out) {
  auto snap = std::make_shared<Snapshot>();
  Builder builder(snap.get());
  // One pinned view of the store, so nodes and edges agree even if a write lands meanwhile.
  std::unique_ptr<StoreReader> reader = store.NewReader();
  for (auto step : {&Builder::ReadNodes, &Builder::ReadEdges})
    if (Status st = (builder.*step)(*reader); !st.ok()) return st;
  if (snap->nodes_.size() >= std::numeric_limits<uint32_t>::max() / kFacetCount)  // 32-bit vertex and facet keys
    return Status::NotSupported("the graph has " + std::to_string(snap->nodes_.size()) +
                                " nodes, more than a snapshot can index");
  builder.IndexNames();
  builder.IndexRelations();
  builder.BuildGraph();
  builder.IndexFacets();
  builder.IndexRegimens();  // copies the facet bits
  *out = std::move(snap);
  return Status::OK();
}

std::optional<Vertex> Snapshot::Find(std::string_view id) const {
  auto it = index_.find(std::string(id));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::vector<uint32_t> Snapshot::OutRelations(Vertex v, EdgeKind kind) const {
  std::vector<uint32_t> out;
  ForEachOutRelation(v, kind, [&](uint32_t r, Vertex) { out.push_back(r); });
  return out;
}

std::vector<uint32_t> Snapshot::InRelations(Vertex v, EdgeKind kind) const {
  std::vector<uint32_t> in;
  ForEachInRelation(v, kind, [&](uint32_t r, Vertex) { in.push_back(r); });
  return in;
}

std::span<const Vertex> Snapshot::DocumentsOf(uint32_t r) const {
  return {relation_documents_.data() + relations_[r].first_document, relations_[r].document_count};
}

std::span<const uint32_t> Snapshot::RegimenNamesOf(uint32_t r) const {
  return {relation_names_.data() + relations_[r].first_name, relations_[r].name_count};
}

std::string_view Snapshot::FactText(uint32_t f) const {
  uint32_t t = facts_[f].text;
  return std::string_view(text_arena_).substr(text_offsets_[t], text_offsets_[t + 1] - text_offsets_[t]);
}

json Snapshot::FactProps(uint32_t f) const {
  uint32_t p = facts_[f].props;
  if (p == 0) return json::object();
  auto begin = props_arena_.begin() + static_cast<std::ptrdiff_t>(props_offsets_[p]);
  auto end = props_arena_.begin() + static_cast<std::ptrdiff_t>(props_offsets_[p + 1]);
  return json::from_cbor(begin, end);
}

Edge Snapshot::MaterializeFact(uint32_t f) const {
  const Fact& fact = facts_[f];
  const Relation& r = relations_[fact.relation];
  Edge edge;
  edge.kind = r.kind;
  edge.from = nodes_[r.from].id;
  edge.to = nodes_[r.to].id;
  edge.props = FactProps(f);
  edge.provenance = {std::string(DocumentIdOf(fact.document)), fact.start, fact.end,
                     std::string(FactText(f))};
  return edge;
}

std::string_view Snapshot::SourceOf(Vertex document) const {
  return document < sources_.size() ? sources_[document] : std::string_view();
}

std::string_view Snapshot::DocumentIdOf(Vertex document) const {
  return document == kNoVertex ? std::string_view() : std::string_view(nodes_[document].id);
}

std::span<const Vertex> Snapshot::RegimensContaining(Vertex drug) const {
  if (nodes_[drug].kind != NodeKind::kDrug) return {};
  return regimens_by_drug_.Of(rank_in_kind_[drug]);
}

std::span<const Testing> Snapshot::TrialsTesting(Vertex regimen) const {
  if (nodes_[regimen].kind != NodeKind::kRegimen) return {};
  return trials_by_regimen_.Of(rank_in_kind_[regimen]);
}

uint64_t Snapshot::FacetBit(Facet facet, uint32_t value) const {
  auto it = std::find(bit_values_.begin(), bit_values_.end(), std::pair(facet, value));
  return it == bit_values_.end() ? 0 : uint64_t{1} << (it - bit_values_.begin());
}

std::optional<uint32_t> Snapshot::FacetValueId(const std::string& value) const {
  auto it = facet_ids_.find(value);
  if (it == facet_ids_.end()) return std::nullopt;
  return it->second;
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

json Snapshot::Stats() const {
  std::vector<size_t> facts_by_kind(static_cast<size_t>(EdgeKind::kHasAdverseEvent) + 1, 0);
  for (const Relation& r : relations_) facts_by_kind[static_cast<size_t>(r.kind)] += r.fact_count;
  json nodes = json::object(), edges = json::object();
  for (NodeKind kind : kAllNodeKinds) nodes[std::string(NodeKindName(kind))] = OfKind(kind).size();
  for (EdgeKind kind : kAllEdgeKinds) edges[std::string(EdgeKindName(kind))] = facts_by_kind[static_cast<size_t>(kind)];
  return {{"documents", OfKind(NodeKind::kDocument).size()}, {"nodes", nodes}, {"edges", edges}};
}

}  // namespace trialgraph::query
