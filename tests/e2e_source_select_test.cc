// End-to-end: one document of a multi-document file named as FILE#ID, by
// extract, eval and ingest, on the real files in ../shared.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "tests/e2e_support.h"

namespace trialgraph::testing {
namespace {

using nlohmann::json;

const std::string kBc5cdr = "data/bc5cdr/CDR_TrainingSet.PubTator.txt";
const std::string kMedline = "data/pubmed/medline16n0902.xml.gz";

// The one JSON line `extract SOURCE` prints, and its exit status.
json ExtractOne(const std::string& source, int expected_status) {
  CommandResult r = RunCommand(Binary() + " extract " + Quote(source));
  EXPECT_EQ(r.status, expected_status) << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
  return json::parse(r.out, nullptr, false);
}

TEST(E2eSourceSelect, ExtractsOneBc5cdrAbstractByPmid) {
  json doc = ExtractOne(Shared(kBc5cdr + "#3856631"), 0);
  EXPECT_EQ(doc["source"], Shared(kBc5cdr + "#3856631"));
  EXPECT_EQ(doc["format"], "pubtator");
  EXPECT_EQ(doc["ids"]["pmid"], "3856631");
  EXPECT_TRUE(doc["title"].get<std::string>().starts_with("Remission induction of meningeal leukemia")) << doc["title"];
}

TEST(E2eSourceSelect, ExtractsOneMedlineCitationOfAGzippedSetByPmid) {
  json doc = ExtractOne(Shared(kMedline + "#25974212"), 0);
  EXPECT_EQ(doc["source"], Shared(kMedline + "#25974212"));
  EXPECT_EQ(doc["format"], "pubmed-xml");
  EXPECT_EQ(doc["ids"]["pmid"], "25974212");
  EXPECT_EQ(doc["ids"]["doi"], "10.1111/bjh.13493");
  EXPECT_EQ(doc["trials"].size(), 1u);
}

TEST(E2eSourceSelect, UnknownIdNamesTheFileAndTheId) {
  json error = ExtractOne(Shared(kMedline + "#123"), 1);
  EXPECT_EQ(error["source"], Shared(kMedline + "#123"));
  EXPECT_EQ(error["error"], Shared(kMedline) + " holds no document with id 123 (it holds 604 documents)");
}

// A gold source may name one document of a corpus file; a whole corpus file is refused with the hint.
TEST(E2eSourceSelect, EvalReadsGoldSourcesWithAnId) {
  TempDir gold;
  std::ofstream(gold / "bc5cdr.json") << json{{"source", "bc5cdr/CDR_TrainingSet.PubTator.txt#3856631"},
                                              {"ids", {{"pmid", "3856631"}}}};
  CommandResult r = RunCommand(Binary() + " eval " + gold.path().string() + " --docs " + Shared("data") + " --json");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(json::parse(r.out)["fields"]["ids.pmid"]["tp"], 1);
  std::ofstream(gold / "bc5cdr.json") << json{{"source", "bc5cdr/CDR_TrainingSet.PubTator.txt"}};
  r = RunCommand(Binary() + " eval " + gold.path().string() + " --docs " + Shared("data"), true);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("holds 1000 documents; name one as FILE#ID"), std::string::npos) << r.out;
}

TEST(E2eSourceSelect, IngestsOneDocumentOfACorpus) {
  TempDir dir;
  CommandResult r = RunCommand(Binary() + " ingest --json --db " + dir / "db" + " " + Quote(Shared(kBc5cdr + "#3856631")));
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(json::parse(r.out)["documents"], 1);
  EXPECT_EQ(json::parse(RunCommand(Binary() + " stats --json --db " + dir / "db").out)["documents"], 1);
}

// Every source of the held-out gold set resolves to one document (its scores are not tested).
TEST(E2eSourceSelect, HeldOutGoldSourcesResolve) {
  CommandResult r = RunCommand(Binary() + " eval " + std::string(TRIALGRAPH_SOURCE_DIR) + "/tests/gold-heldout --docs " +
                               Shared("data") + " --json");
  EXPECT_EQ(r.status, 0);
}

}  // namespace
}  // namespace trialgraph::testing
