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

// A document restating the same trial -> regimen relation as any other.
Contribution Restating(const std::string& name, uint32_t start, const std::string& sentence, const std::string& arm) {
  Contribution c;
  c.source = "/papers/" + name;
  c.document = {NodeKind::kDocument, MakeNodeId(NodeKind::kDocument, "path:" + c.source), name, {}, {{"source", c.source}}};
  c.content_hash = ContentHash128(name + sentence);
  c.nodes.push_back({NodeKind::kTrial, kTrial, "NCT00000009", {}, json::object()});
  c.nodes.push_back({NodeKind::kRegimen, kRegimen, "blinatumomab + inotuzumab ozogamicin", {},
                     {{"drugs", {"blinatumomab", "inotuzumab ozogamicin"}}}});
  c.nodes.push_back({NodeKind::kDrug, kBlina, "blinatumomab", {}, json::object()});
  uint32_t end = start + static_cast<uint32_t>(sentence.size());
  c.edges.push_back({EdgeKind::kDescribes, c.document.id, kTrial, json::object(), {c.document.id, 0, 10, "A trial."}});
  c.edges.push_back({EdgeKind::kTests, kTrial, kRegimen, {{"regimen_name", arm}, {"n", 30}}, {c.document.id, start, end, sentence}});
  c.edges.push_back({EdgeKind::kContains, kRegimen, kBlina, json::object(), {c.document.id, start, end, sentence}});
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
  EXPECT_EQ(snapshot_->DistinctSpans(r), 2u);
  EXPECT_EQ(snapshot_->DocumentsOf(r).size(), 2u);
  std::vector<std::string> names(snapshot_->RegimenNamesOf(r).begin(), snapshot_->RegimenNamesOf(r).end());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"Blina-Ino", "mini-HCVD-BI"}));
  EXPECT_EQ(snapshot_->facts().size(), 6u);
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
  }
}

// Guards the drug index questions start from: the regimens that contain a drug.
TEST_F(SnapshotTest, RegimensContainingADrug) {
  std::span<const Vertex> regimens = snapshot_->RegimensContaining(*snapshot_->Find(kBlina));
  ASSERT_EQ(regimens.size(), 1u);
  EXPECT_EQ(regimens[0], *snapshot_->Find(kRegimen));
  EXPECT_TRUE(snapshot_->RegimensContaining(*snapshot_->Find(kTrial)).empty());
}

}  // namespace
}  // namespace trialgraph::query
