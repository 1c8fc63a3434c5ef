#include "query/snapshot.h"

#include <chrono>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

#include "core/hash.h"
#include "core/store.h"

namespace trialgraph::query {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kTrial = MakeNodeId(NodeKind::kTrial, "NCT00000009");
const std::string kRegimen = MakeNodeId(NodeKind::kRegimen, "blinatumomab+inotuzumab ozogamicin");
const std::string kBlina = MakeNodeId(NodeKind::kDrug, "blinatumomab");
const std::string kPopulation = MakeNodeId(NodeKind::kPopulation, "relapsed b-all adults");

// A document restating the same trial -> regimen relation as any other.
Contribution Restating(const std::string& name, uint32_t start, const std::string& sentence, const std::string& arm) {
  Contribution c;
  c.source = "/papers/" + name;
  c.document = {NodeKind::kDocument, MakeNodeId(NodeKind::kDocument, "path:" + c.source), name, {}, {{"source", c.source}}};
  c.content_hash = ContentHash128(name + sentence);
  c.nodes.push_back({NodeKind::kTrial, kTrial, "NCT00000009", {}, {{"phase", "2"}, {"enrolled", 60}}});
  c.nodes.push_back({NodeKind::kPopulation, kPopulation, "relapsed B-ALL adults", {},
                     {{"disease", "B-cell acute lymphoblastic leukemia"}, {"settings", {"relapsed/refractory", "first salvage"}}}});
  c.nodes.push_back({NodeKind::kRegimen, kRegimen, "blinatumomab + inotuzumab ozogamicin", {},
                     {{"drugs", {"blinatumomab", "inotuzumab ozogamicin"}}}});
  c.nodes.push_back({NodeKind::kDrug, kBlina, "blinatumomab", {}, json::object()});
  uint32_t end = start + static_cast<uint32_t>(sentence.size());
  c.edges.push_back({EdgeKind::kDescribes, c.document.id, kTrial, json::object(), {c.document.id, 0, 10, "A trial."}});
  c.edges.push_back({EdgeKind::kTests, kTrial, kRegimen, {{"regimen_name", arm}, {"n", 30}}, {c.document.id, start, end, sentence}});
  c.edges.push_back({EdgeKind::kContains, kRegimen, kBlina, json::object(), {c.document.id, start, end, sentence}});
  c.edges.push_back({EdgeKind::kEnrolls, kTrial, kPopulation, json::object(), {c.document.id, 0, 10, "A trial."}});
  return c;
}

class SnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("tg_snapshot_test_" + std::to_string(::getpid()) + "_" +
                                        std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    ASSERT_TRUE(Store::Open(dir_.string(), {}, &store_).ok());
    PutResult result;
    ASSERT_TRUE(store_->PutDocument(Restating("a.txt", 100, "Arm A received Blina-Ino.", "Blina-Ino"), &result).ok());
    ASSERT_TRUE(store_->PutDocument(Restating("b.txt", 40, "Patients got mini-HCVD-BI.", "mini-HCVD-BI"), &result).ok());
    ASSERT_TRUE(Snapshot::Load(*store_, &snapshot_).ok());
  }
  void TearDown() override {
    snapshot_.reset();
    store_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  uint32_t TestsRelation() const {
    std::vector<uint32_t> tests = snapshot_->OutRelations(*snapshot_->Find(kTrial), EdgeKind::kTests);
    EXPECT_EQ(tests.size(), 1u);
    return tests.empty() ? 0 : tests[0];
  }

  fs::path dir_;
  std::unique_ptr<Store> store_;
  std::shared_ptr<const Snapshot> snapshot_;
};

// Guards the two levels: one relation however many documents restate it, one fact per statement.
TEST_F(SnapshotTest, RestatedRelationIsOneRelationWithOneFactPerDocument) {
  uint32_t r = TestsRelation();
  EXPECT_EQ(snapshot_->Source(r), *snapshot_->Find(kTrial));
  EXPECT_EQ(snapshot_->Target(r), *snapshot_->Find(kRegimen));
  EXPECT_EQ(snapshot_->FactsOf(r).size(), 2u);
  EXPECT_EQ(snapshot_->CountsOf(r).distinct_spans, 2u);
  EXPECT_EQ(snapshot_->CountsOf(r).document_count, 2u);
  EXPECT_EQ(snapshot_->DocumentsOf(r).size(), 2u);
  std::vector<std::string> names;
  for (uint32_t name : snapshot_->RegimenNamesOf(r)) names.push_back(snapshot_->RegimenName(name));
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"Blina-Ino", "mini-HCVD-BI"}));
  EXPECT_EQ(snapshot_->facts().size(), 8u);
  EXPECT_EQ(snapshot_->Stats()["edges"]["TESTS"], 2);
}

// Guards the compact fact encoding: a materialised fact is the stored edge, sentence and props included.
TEST_F(SnapshotTest, MaterialisedFactEqualsTheStoredEdge) {
  for (uint32_t f : snapshot_->FactsOf(TestsRelation())) {
    Edge e = snapshot_->MaterializeFact(f);
    EXPECT_EQ(e.kind, EdgeKind::kTests);
    EXPECT_EQ(e.from, kTrial);
    EXPECT_EQ(e.to, kRegimen);
    EXPECT_EQ(e.props["n"], 30);
    bool a = e.provenance.document == MakeNodeId(NodeKind::kDocument, "path:/papers/a.txt");
    EXPECT_EQ(e.provenance.text, a ? "Arm A received Blina-Ino." : "Patients got mini-HCVD-BI.");
    EXPECT_EQ(e.provenance.start, a ? 100u : 40u);
    EXPECT_EQ(snapshot_->FactText(f), e.provenance.text);
    EXPECT_EQ(snapshot_->SourceOf(snapshot_->facts()[f].document), a ? "/papers/a.txt" : "/papers/b.txt");
    EXPECT_EQ(snapshot_->DocumentIdOf(snapshot_->facts()[f].document), e.provenance.document);
  }
  EXPECT_EQ(snapshot_->DocumentIdOf(kNoVertex), "");
}

// Guards the drug index questions start from: the regimens that contain a drug.
TEST_F(SnapshotTest, RegimensContainingADrug) {
  std::span<const Vertex> regimens = snapshot_->RegimensContaining(*snapshot_->Find(kBlina));
  ASSERT_EQ(regimens.size(), 1u);
  EXPECT_EQ(regimens[0], *snapshot_->Find(kRegimen));
  EXPECT_TRUE(snapshot_->RegimensContaining(*snapshot_->Find(kTrial)).empty());
}

// Guards the index questions take trials from: each TESTS relation listed under its regimen, with both ends.
TEST_F(SnapshotTest, TrialsTestingARegimen) {
  std::span<const Testing> testing = snapshot_->TrialsTesting(*snapshot_->Find(kRegimen));
  ASSERT_EQ(testing.size(), 1u);
  EXPECT_EQ(testing[0].trial, *snapshot_->Find(kTrial));
  EXPECT_EQ(testing[0].relation, TestsRelation());
  EXPECT_EQ(testing[0].regimen, *snapshot_->Find(kRegimen));
  EXPECT_TRUE(snapshot_->TrialsTesting(*snapshot_->Find(kBlina)).empty());
}

// Guards facets: string values and each string of a list are interned per
// vertex and facet; trials gather their populations'; other kinds have none.
TEST_F(SnapshotTest, FacetsInternFilteredProperties) {
  auto values = [&](Facet facet, const std::string& id) {
    std::vector<std::string> out;
    for (uint32_t v : snapshot_->FacetValues(facet, *snapshot_->Find(id))) out.emplace_back(snapshot_->FacetValue(v));
    return out;
  };
  EXPECT_EQ(values(Facet::kSettings, kPopulation), (std::vector<std::string>{"relapsed/refractory", "first salvage"}));
  EXPECT_EQ(values(Facet::kDisease, kPopulation), std::vector<std::string>{"B-cell acute lymphoblastic leukemia"});
  EXPECT_TRUE(values(Facet::kAgeGroup, kPopulation).empty());
  EXPECT_EQ(values(Facet::kPhase, kTrial), std::vector<std::string>{"2"});
  EXPECT_TRUE(values(Facet::kPhase, kPopulation).empty());
  EXPECT_TRUE(values(Facet::kSettings, kRegimen).empty());
  // A trial holds its populations' values (here one population, enrolled by two documents: each value once).
  EXPECT_EQ(values(Facet::kSettings, kTrial), values(Facet::kSettings, kPopulation));
  EXPECT_EQ(values(Facet::kDisease, kTrial), values(Facet::kDisease, kPopulation));
  std::optional<uint32_t> salvage = snapshot_->FacetValueId("first salvage");
  ASSERT_TRUE(salvage);
  EXPECT_EQ(snapshot_->FacetValue(*salvage), "first salvage");
  EXPECT_FALSE(snapshot_->FacetValueId("newly diagnosed"));
}

// Guards FacetBits against FacetValues: each value a vertex holds shows as
// its bit, or as the facet's overflow bit when it has none, and no bit is
// set for a value the vertex lacks.
TEST_F(SnapshotTest, FacetBitsMirrorFacetValues) {
  for (Vertex v = 0; v < snapshot_->nodes().size(); ++v) {
    uint64_t expected = 0;
    for (size_t f = 0; f < kFacetCount; ++f) {
      Facet facet = static_cast<Facet>(f);
      for (uint32_t value : snapshot_->FacetValues(facet, v)) {
        uint64_t bit = snapshot_->FacetBit(facet, value);
        expected |= bit != 0 ? bit : Snapshot::FacetOverflowBit(facet);
      }
    }
    EXPECT_EQ(snapshot_->FacetBits(v), expected) << snapshot_->nodes()[v].id;
  }
  std::optional<uint32_t> salvage = snapshot_->FacetValueId("first salvage");
  ASSERT_TRUE(salvage.has_value());
  EXPECT_NE(snapshot_->FacetBit(Facet::kSettings, *salvage), 0u);
  EXPECT_EQ(snapshot_->FacetBit(Facet::kDisease, *salvage), 0u);  // a bit stands for one (facet, value) pair
}

// Guards the name order answers sort by: byte order of names.
TEST_F(SnapshotTest, NameRankFollowsByteOrder) {
  uint32_t trial = snapshot_->NameRank(*snapshot_->Find(kTrial));          // "NCT00000009"
  uint32_t drug = snapshot_->NameRank(*snapshot_->Find(kBlina));           // "blinatumomab"
  uint32_t regimen = snapshot_->NameRank(*snapshot_->Find(kRegimen));      // "blinatumomab + ..."
  EXPECT_LT(trial, drug);
  EXPECT_LT(drug, regimen);
}

}  // namespace
}  // namespace trialgraph::query
