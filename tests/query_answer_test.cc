#include "query/answer.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/test_support.h"
#include <unistd.h>

#include "core/hash.h"
#include "core/store.h"
#include "query/question.h"
#include "query/snapshot.h"

namespace trialgraph::query {
namespace {

using trialgraph::testing::RealOntology;

namespace fs = std::filesystem;
using nlohmann::json;
using ontology::Ontology;


const char kTests1[] = "Patients received blinatumomab with inotuzumab ozogamicin.";
const char kEnrolls1[] = "Adults with B-ALL in first salvage were enrolled.";
const char kReports1[] = "The 1-year overall survival was 60%.";
const char kTests2[] = "Newly diagnosed patients received blinatumomab.";

Edge MakeEdge(EdgeKind kind, const std::string& from, const std::string& to, const std::string& doc, uint32_t start,
              const std::string& text, json props = json::object()) {
  return {kind, from, to, std::move(props), {doc, start, start + static_cast<uint32_t>(text.size()), text}};
}

// One document describing one trial with one regimen arm and one population.
Contribution MakeDoc(const std::string& name, const std::string& nct, const std::string& phase,
                     const std::vector<std::string>& drugs, const std::vector<std::string>& settings,
                     const std::string& tests_sentence, const std::string& enrolls_sentence,
                     const std::string& reports_sentence) {
  Contribution c;
  c.source = "/papers/" + name;
  c.document = {NodeKind::kDocument, MakeNodeId(NodeKind::kDocument, "path:" + c.source), name, {},
                {{"source", c.source}, {"format", "text"}}};
  c.content_hash = ContentHash128(name + tests_sentence + enrolls_sentence + reports_sentence);
  const std::string& doc = c.document.id;
  std::string trial = MakeNodeId(NodeKind::kTrial, nct);
  c.nodes.push_back({NodeKind::kTrial, trial, nct, {}, {{"phase", phase}, {"registry_ids", {nct}}}});
  c.edges.push_back(MakeEdge(EdgeKind::kDescribes, doc, trial, doc, 0, "A trial " + nct + "."));

  std::string canonical;
  for (const std::string& d : drugs) canonical += (canonical.empty() ? "" : "+") + d;
  std::string regimen = MakeNodeId(NodeKind::kRegimen, canonical);
  c.nodes.push_back({NodeKind::kRegimen, regimen, canonical, {}, {{"drugs", drugs}, {"modifiers", json::array()}}});
  c.edges.push_back(MakeEdge(EdgeKind::kTests, trial, regimen, doc, 100, tests_sentence, {{"arm", 0}}));
  for (const std::string& d : drugs) {
    std::string drug = MakeNodeId(NodeKind::kDrug, d);
    c.nodes.push_back({NodeKind::kDrug, drug, d, {}, {{"classes", json::array()}}});
    c.edges.push_back(MakeEdge(EdgeKind::kContains, regimen, drug, doc, 100, tests_sentence));
  }
  std::string disease = "B-cell precursor acute lymphoblastic leukemia";
  std::string population = MakeNodeId(NodeKind::kPopulation, disease + "|" + settings.front());
  c.nodes.push_back({NodeKind::kPopulation, population, disease, {},
                     {{"disease", disease}, {"settings", settings}, {"ph_status", nullptr}, {"age_group", "adult"}}});
  c.edges.push_back(MakeEdge(EdgeKind::kEnrolls, trial, population, doc, 200, enrolls_sentence));
  if (!reports_sentence.empty()) {
    std::string endpoint = MakeNodeId(NodeKind::kEndpoint, "overall survival");
    c.nodes.push_back({NodeKind::kEndpoint, endpoint, "overall survival", {}, {{"kind", "overall survival"}}});
    c.edges.push_back(MakeEdge(EdgeKind::kReports, trial, endpoint, doc, 300, reports_sentence,
                               {{"value", 60}, {"unit", "%"}, {"timepoint", "1 year"}}));
  }
  return c;
}

class AnswerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("tg_answer_test_" + std::to_string(::getpid()) + "_" +
            std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + "_" +
            std::to_string(counter++));
    Status st = Store::Open(dir_.string(), {}, &store_);
    ASSERT_TRUE(st.ok()) << st.ToString();
    one_ = MakeDoc("one.txt", "NCT00000001", "2", {"blinatumomab", "inotuzumab ozogamicin"},
                   {"first salvage", "relapsed/refractory"}, kTests1, kEnrolls1, kReports1);
    two_ = MakeDoc("two.txt", "NCT00000002", "3", {"blinatumomab"}, {"newly diagnosed"}, kTests2,
                   "Adults with newly diagnosed B-ALL were enrolled.", "");
    PutResult result;
    ASSERT_TRUE(store_->PutDocument(one_, &result).ok());
    ASSERT_TRUE(store_->PutDocument(two_, &result).ok());
    Reload();
  }
  void TearDown() override {
    snapshot_.reset();
    store_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  void Reload() {
    Status st = Snapshot::Load(*store_, &snapshot_);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  Answer Ask(std::string_view text) {
    Question q;
    Status st = ParseQuestion(text, RealOntology(), &q);
    EXPECT_TRUE(st.ok()) << text << ": " << st.ToString();
    return Evaluate(q, *snapshot_, RealOntology());
  }
  static std::vector<std::string> Ids(const Answer& a) {
    std::vector<std::string> ids;
    for (const Result& r : a.results) ids.push_back(r.id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  fs::path dir_;
  std::unique_ptr<Store> store_;
  std::shared_ptr<const Snapshot> snapshot_;
  Contribution one_, two_;
};

// Guards the snapshot: every stored node and edge is loaded and indexed by kind and id.
TEST_F(AnswerTest, SnapshotLoadsGraph) {
  EXPECT_EQ(snapshot_->OfKind(NodeKind::kTrial).size(), 2u);
  EXPECT_EQ(snapshot_->OfKind(NodeKind::kDrug).size(), 2u);
  EXPECT_EQ(snapshot_->SourceOf(*snapshot_->Find(one_.document.id)), "/papers/one.txt");
  std::optional<Vertex> trial = snapshot_->Find("trial:NCT00000001");
  ASSERT_TRUE(trial.has_value());
  EXPECT_EQ(snapshot_->nodes()[*trial].props.value("phase", ""), "2");
  EXPECT_EQ(snapshot_->OutRelations(*trial, EdgeKind::kTests).size(), 1u);
  EXPECT_EQ(snapshot_->InRelations(*trial, EdgeKind::kDescribes).size(), 1u);
  EXPECT_FALSE(snapshot_->Find("drug:rituximab").has_value());
}

// Guards drug AND-terms plus the salvage settings filter, and the evidence carried by the result.
TEST_F(AnswerTest, RegimensWithBothDrugsInSalvage) {
  Answer a = Ask("regimens with blinatumomab and inotuzumab in salvage");
  ASSERT_EQ(a.total, 1u);
  ASSERT_EQ(a.results.size(), 1u);
  const Result& r = a.results[0];
  EXPECT_EQ(r.id, "regimen:blinatumomab+inotuzumab ozogamicin");
  EXPECT_EQ(r.type, "regimen");
  ASSERT_EQ(r.evidence.size(), 1u);
  EXPECT_EQ(r.evidence[0].source, "/papers/one.txt");
  EXPECT_EQ(r.evidence[0].document, one_.document.id);
  EXPECT_EQ(r.evidence[0].trial, "trial:NCT00000001");
  EXPECT_EQ(r.evidence[0].text, kTests1);
  EXPECT_EQ(r.evidence[0].start, 100u);
  json j = a.ToJson();
  EXPECT_EQ(j["results"][0]["evidence"][0]["source"], "/papers/one.txt");
  EXPECT_EQ(j["results"][0]["evidence"][0]["text"], kTests1);
  EXPECT_NE(a.ToTable().find("/papers/one.txt"), std::string::npos);
}

// Guards that a single drug term matches regimens from both documents, and settings filter trials.
TEST_F(AnswerTest, DrugAndSettingFilters) {
  EXPECT_EQ(Ids(Ask("regimens with blinatumomab")),
            (std::vector<std::string>{"regimen:blinatumomab", "regimen:blinatumomab+inotuzumab ozogamicin"}));
  EXPECT_EQ(Ids(Ask("trials with blinatumomab in salvage")), std::vector<std::string>{"trial:NCT00000001"});
  EXPECT_EQ(Ids(Ask("trials in newly diagnosed")), std::vector<std::string>{"trial:NCT00000002"});
  EXPECT_EQ(Ids(Ask("trials without inotuzumab")), std::vector<std::string>{"trial:NCT00000002"});
  EXPECT_EQ(Ids(Ask("phase 3 trials")), std::vector<std::string>{"trial:NCT00000002"});
  EXPECT_TRUE(Ask("regimens with rituximab").results.empty());
  EXPECT_TRUE(Ask("trials with inotuzumab after transplant").results.empty());
  EXPECT_EQ(Ids(Ask("trials in acute lymphoblastic leukemia")).size(), 2u);  // disease hierarchy: B-ALL is an ALL
}

// Guards the drugs target: partners of the asked drug, not the drug itself.
TEST_F(AnswerTest, DrugsCombinedWith) {
  Answer a = Ask("drugs combined with blinatumomab");
  EXPECT_EQ(Ids(a), std::vector<std::string>{"drug:inotuzumab ozogamicin"});
  ASSERT_EQ(a.results.size(), 1u);
  ASSERT_FALSE(a.results[0].evidence.empty());
  EXPECT_EQ(a.results[0].evidence[0].text, kTests1);
}

// Guards endpoints: measurements from REPORTS edges appear in details with their trial.
TEST_F(AnswerTest, EndpointsCarryMeasurements) {
  Answer a = Ask("endpoints of blinatumomab");
  ASSERT_EQ(a.results.size(), 1u);
  EXPECT_EQ(a.results[0].id, "endpoint:overall survival");
  ASSERT_TRUE(a.results[0].details.contains("measurements"));
  EXPECT_EQ(a.results[0].details["measurements"][0]["value"], 60);
  EXPECT_EQ(a.results[0].details["measurements"][0]["trial"], "trial:NCT00000001");
  EXPECT_EQ(a.results[0].details["measurements"][0]["document"], one_.document.id);
  EXPECT_EQ(a.results[0].details["measurements"][0]["span"], json::array({300, 300 + std::strlen(kReports1)}));
  EXPECT_EQ(a.results[0].evidence[0].text, kReports1);
}

// Guards a sentence that gives one value per arm ("60% versus 40%"): the
// result keeps both measurements while listing the sentence once.
TEST_F(AnswerTest, OneSentenceGivesAMeasurementPerArm) {
  const std::string both = "Overall survival was 60% with blinatumomab versus 40% with chemotherapy.";
  Contribution three = MakeDoc("three.txt", "NCT00000003", "3", {"blinatumomab"}, {"first salvage"}, kTests2,
                               kEnrolls1, both);
  three.edges.push_back(MakeEdge(EdgeKind::kReports, "trial:NCT00000003", "endpoint:overall survival",
                                 three.document.id, 300, both, {{"value", 40}, {"unit", "%"}, {"arm", 1}}));
  three.edges[three.edges.size() - 2].props["arm"] = 0;
  three.edges[three.edges.size() - 2].props["arm_label"] = "blinatumomab";
  three.nodes[0].props["names"] = {"ALPHA-1"};
  PutResult result;
  ASSERT_TRUE(store_->PutDocument(three, &result).ok());
  Reload();
  Answer a = Ask("endpoints of blinatumomab");
  ASSERT_EQ(a.results.size(), 1u);
  std::vector<json> values;
  for (const json& m : a.results[0].details["measurements"])
    if (m["trial"] == "trial:NCT00000003") values.push_back(m["value"]);
  std::sort(values.begin(), values.end());
  EXPECT_EQ(values, (std::vector<json>{40, 60}));
  size_t listed = std::count_if(a.results[0].evidence.begin(), a.results[0].evidence.end(),
                                [&](const Evidence& e) { return e.text == both; });
  EXPECT_EQ(listed, 1u);
  // The table gives one line per trial, named by its acronym or registry id, and each value's arm; a trial's
  // acronyms come before its phase, with no separator left dangling.
  std::string table = a.ToTable();
  EXPECT_NE(table.find("\n   ALPHA-1: 40%; 60% at 1 year (blinatumomab)\n"), std::string::npos) << table;
  EXPECT_NE(table.find("\n   NCT00000001: 60% at 1 year"), std::string::npos) << table;
  for (const json& m : a.results[0].details["measurements"])
    EXPECT_EQ(m["trial_label"], m["trial"] == "trial:NCT00000003" ? "ALPHA-1" : "NCT00000001");
  std::string trials = Ask("trials with blinatumomab").ToTable();
  EXPECT_NE(trials.find("   ALPHA-1; phase 3\n"), std::string::npos) << trials;
}

// Guards that removing a document removes its edges from the next snapshot's answers.
TEST_F(AnswerTest, RemovedDocumentDisappears) {
  ASSERT_TRUE(store_->RemoveDocument(one_.document.id).ok());
  Reload();
  Answer a = Ask("regimens with blinatumomab");
  EXPECT_EQ(Ids(a), std::vector<std::string>{"regimen:blinatumomab"});
  for (const Result& r : a.results)
    for (const Evidence& e : r.evidence) EXPECT_EQ(e.source, "/papers/two.txt");
  EXPECT_TRUE(Ask("regimens with blinatumomab and inotuzumab").results.empty());
  EXPECT_TRUE(Ask("endpoints of blinatumomab").results.empty());
  EXPECT_FALSE(snapshot_->Find("trial:NCT00000001").has_value());
  EXPECT_EQ(snapshot_->facts().size(), two_.edges.size());
}

// Guards paging: total counts every result, limit and offset select a window.
TEST_F(AnswerTest, OffsetAndLimit) {
  Question q;
  ASSERT_TRUE(ParseQuestion("regimens with blinatumomab", RealOntology(), &q).ok());
  Answer all = Evaluate(q, *snapshot_, RealOntology());
  Answer page = Evaluate(q, *snapshot_, RealOntology(), {.offset = 1, .limit = 1});
  EXPECT_EQ(page.total, 2u);
  ASSERT_EQ(page.results.size(), 1u);
  EXPECT_EQ(page.results[0].id, all.results[1].id);
  EXPECT_TRUE(Evaluate(q, *snapshot_, RealOntology(), {.offset = 5, .limit = 10}).results.empty());
}

// Guards the evidence listed per result: a short list takes one sentence of
// each trial before a second of any, every sentence is counted whatever is
// listed, and a request beyond kMaxEvidence lists what there is.
TEST_F(AnswerTest, EvidenceListsOneSentencePerTrialFirst) {
  PutResult result;
  // More sentences of each trial than kMaxEvidence, so the second trial's must not wait behind the first's,
  // whichever comes first.
  for (const char* trial : {"NCT00000002", "NCT00000006"})
    for (size_t i = 0; i < kMaxEvidence + 1; ++i)
      ASSERT_TRUE(store_->PutDocument(MakeDoc(std::string(trial) + "_" + std::to_string(i) + ".txt", trial, "3",
                                              {"blinatumomab"}, {"newly diagnosed"}, kTests2,
                                              "Adults with newly diagnosed B-ALL were enrolled.", ""),
                                      &result)
                      .ok());
  Reload();
  Question q;
  ASSERT_TRUE(ParseQuestion("regimens with blinatumomab", RealOntology(), &q).ok());
  auto regimen_evidence = [&](size_t evidence) {
    for (Result& r : Evaluate(q, *snapshot_, RealOntology(), {.evidence = evidence}).results)
      if (r.id == "regimen:blinatumomab") return r;
    ADD_FAILURE() << "no regimen:blinatumomab";
    return Result{};
  };
  const size_t sentences = 2 * (kMaxEvidence + 1) + 1;  // those and two.txt
  Result two = regimen_evidence(2);
  EXPECT_EQ(two.evidence_total, sentences);
  EXPECT_EQ(two.documents, sentences);
  ASSERT_EQ(two.evidence.size(), 2u);
  EXPECT_NE(two.evidence[0].trial, two.evidence[1].trial);
  EXPECT_TRUE(regimen_evidence(0).evidence.empty());
  EXPECT_EQ(regimen_evidence(0).evidence_total, sentences);
  EXPECT_EQ(regimen_evidence(1000).evidence.size(), kMaxEvidence);
  EXPECT_EQ(Evaluate(q, *snapshot_, RealOntology()).results.front().evidence.size(), kDefaultEvidence);
}

// Guards conditions on several population facets: one population must meet
// them all. A trial enrolling adults in salvage and children with newly
// diagnosed AML is a trial "for children", but not one "in salvage for children".
TEST_F(AnswerTest, SeveralPopulationConditionsMeetInOnePopulation) {
  Contribution three = MakeDoc("three.txt", "NCT00000003", "2", {"imatinib"}, {"first salvage"},
                               "Patients received imatinib.", "Adults in first salvage were enrolled.", "");
  std::string children = MakeNodeId(NodeKind::kPopulation, "acute myeloid leukemia|newly diagnosed|pediatric");
  three.nodes.push_back({NodeKind::kPopulation, children, "acute myeloid leukemia", {},
                         {{"disease", "acute myeloid leukemia"}, {"settings", {"newly diagnosed"}},
                          {"ph_status", nullptr}, {"age_group", "pediatric"}}});
  three.edges.push_back(MakeEdge(EdgeKind::kEnrolls, MakeNodeId(NodeKind::kTrial, "NCT00000003"), children,
                                 three.document.id, 260, "Children with newly diagnosed AML were enrolled."));
  PutResult result;
  ASSERT_TRUE(store_->PutDocument(three, &result).ok());
  Reload();
  const std::vector<std::string> three_only{"trial:NCT00000003"}, none;
  EXPECT_EQ(Ids(Ask("trials for children")), three_only);
  EXPECT_EQ(Ids(Ask("trials in salvage for children")), none);
  EXPECT_EQ(Ids(Ask("trials in newly diagnosed AML for children")), three_only);
  EXPECT_EQ(Ids(Ask("trials in AML in salvage")), none);
  EXPECT_EQ(Ids(Ask("trials in salvage")), (std::vector<std::string>{"trial:NCT00000001", "trial:NCT00000003"}));
}

// Guards the two ways a facet filter decides: by a value's bit, and by the
// value list for values too rare to get one. Sixty filler settings, each on
// five vertices, and the fillers' common disease, age group and phase take
// every bit, so "first salvage", "newly diagnosed" and acute myeloid
// leukemia have none, and the answers must not change; a disease is also
// matched through its ancestors on that path.
// Guards design filters: every design tag asked must be the trial's, with or without drug terms.
TEST_F(AnswerTest, DesignTagsFilterTrials) {
  Contribution randomized = MakeDoc("three.txt", "NCT00000003", "3", {"blinatumomab"}, {"newly diagnosed"}, kTests2,
                                    "Adults with newly diagnosed B-ALL were enrolled.", "");
  randomized.nodes[0].props["design"] = {"randomized", "double-blind"};
  PutResult result;
  ASSERT_TRUE(store_->PutDocument(randomized, &result).ok());
  Reload();
  EXPECT_EQ(Ids(Ask("randomized trials")), std::vector<std::string>{"trial:NCT00000003"});
  EXPECT_EQ(Ids(Ask("double-blind randomised trials with blinatumomab")), std::vector<std::string>{"trial:NCT00000003"});
  EXPECT_TRUE(Ask("randomized open-label trials").results.empty());
  EXPECT_EQ(Ids(Ask("trials with blinatumomab")).size(), 3u);
  EXPECT_EQ(Ask("randomized trials").interpretation, "trials of design randomized");
}

// Guards an adverse event asked by name: only trials reporting it, and only
// that event among their events; the registry's capitalised name matches too.
TEST_F(AnswerTest, AdverseEventsAskedByName) {
  Contribution crs = MakeDoc("three.txt", "NCT00000003", "2", {"tisagenlecleucel"}, {"relapsed/refractory"},
                             "Patients received tisagenlecleucel.", "Children with relapsed B-ALL were enrolled.", "");
  const std::string trial = MakeNodeId(NodeKind::kTrial, "NCT00000003");
  for (const std::string name : {"Cytokine release syndrome", "neutropenia"}) {
    std::string event = MakeNodeId(NodeKind::kAdverseEvent, name);
    crs.nodes.push_back({NodeKind::kAdverseEvent, event, name, {}, {{"name", name}}});
    crs.edges.push_back(MakeEdge(EdgeKind::kHasAdverseEvent, trial, event, crs.document.id, 400,
                                 name + " occurred in 20% of patients.", {{"value", 20}, {"unit", "%"}}));
  }
  PutResult result;
  ASSERT_TRUE(store_->PutDocument(crs, &result).ok());
  Reload();
  Answer events = Ask("cytokine release syndrome with tisagenlecleucel");
  ASSERT_EQ(events.results.size(), 1u);
  EXPECT_EQ(events.results[0].name, "Cytokine release syndrome");
  EXPECT_EQ(Ids(Ask("trials reporting cytokine release syndrome")), std::vector<std::string>{"trial:NCT00000003"});
  EXPECT_TRUE(Ask("trials with blinatumomab reporting cytokine release syndrome").results.empty());
  EXPECT_EQ(Ask("adverse events with tisagenlecleucel").results.size(), 2u);
}

TEST_F(AnswerTest, RareFacetValuesWithoutBitsStillMatch) {
  PutResult result;
  Contribution aml = MakeDoc("aml.txt", "NCT00000003", "2", {"imatinib"}, {"newly diagnosed"}, "Patients received imatinib.",
                             "Adults were enrolled.", "");
  std::string population = MakeNodeId(NodeKind::kPopulation, "acute myeloid leukemia|newly diagnosed");
  aml.nodes.push_back({NodeKind::kPopulation, population, "acute myeloid leukemia", {},
                       {{"disease", "acute myeloid leukemia"}, {"settings", {"newly diagnosed"}}, {"ph_status", nullptr},
                        {"age_group", "adult"}}});
  aml.edges.push_back(MakeEdge(EdgeKind::kEnrolls, MakeNodeId(NodeKind::kTrial, "NCT00000003"), population,
                               aml.document.id, 260, "Adults with newly diagnosed AML were enrolled."));
  ASSERT_TRUE(store_->PutDocument(aml, &result).ok());
  for (int k = 0; k < 4 * 60; ++k) {
    std::string name = "filler" + std::to_string(k);
    Contribution filler = MakeDoc(name + ".txt", "NCT1" + std::to_string(1000000 + k), "1", {"imatinib"},
                                  {"setting " + std::to_string(k % 60)}, "Patients received imatinib.",
                                  "Adults were enrolled.", "");
    ASSERT_TRUE(store_->PutDocument(filler, &result).ok());
  }
  Reload();
  for (auto [facet, value] : {std::pair(Facet::kSettings, "first salvage"), std::pair(Facet::kSettings, "newly diagnosed"),
                               std::pair(Facet::kDisease, "acute myeloid leukemia")}) {
    std::optional<uint32_t> id = snapshot_->FacetValueId(value);
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(snapshot_->FacetBit(facet, *id), 0u) << value << " should be too rare for a bit";
  }
  Vertex one = *snapshot_->Find("trial:NCT00000001");
  EXPECT_NE(snapshot_->FacetBits(one) & Snapshot::FacetOverflowBit(Facet::kSettings), 0u);
  EXPECT_EQ(Ids(Ask("trials in salvage")), std::vector<std::string>{"trial:NCT00000001"});
  EXPECT_EQ(Ids(Ask("regimens with blinatumomab and inotuzumab in salvage")),
            std::vector<std::string>{"regimen:blinatumomab+inotuzumab ozogamicin"});
  EXPECT_EQ(Ids(Ask("trials with blinatumomab in newly diagnosed")), std::vector<std::string>{"trial:NCT00000002"});
  EXPECT_EQ(Ids(Ask("trials in salvage for adults")), std::vector<std::string>{"trial:NCT00000001"});
  EXPECT_EQ(Ids(Ask("trials in acute myeloid leukemia")), std::vector<std::string>{"trial:NCT00000003"});
  std::vector<std::string> acute = Ids(Ask("trials in acute leukemia"));  // an ancestor of AML and of B-ALL
  EXPECT_NE(std::find(acute.begin(), acute.end(), "trial:NCT00000003"), acute.end());
  EXPECT_NE(std::find(acute.begin(), acute.end(), "trial:NCT00000001"), acute.end());
}

}  // namespace
}  // namespace trialgraph::query
