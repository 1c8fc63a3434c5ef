// End-to-end: the real binary on the seed documents and on bad input.
#include <filesystem>

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/e2e_support.h"

namespace trialgraph::testing {
namespace {

using nlohmann::json;

const char* kSeeds = "seeds/*.txt";

std::vector<json> JsonLines(const std::string& text) {
  std::vector<json> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(json::parse(line));
  return lines;
}

std::set<std::string> DrugsOf(const json& doc) {
  std::set<std::string> drugs;
  for (const json& t : doc["trials"])
    for (const json& a : t["arms"])
      for (const json& d : a["regimen"]["drugs"]) drugs.insert(d.get<std::string>());
  return drugs;
}

// extract prints one contract object per seed and invents nothing from page furniture.
TEST(E2eCli, ExtractSeedsFollowsTheContract) {
  CommandResult r = RunCommand(Binary() + " extract " + Shared(kSeeds));
  ASSERT_EQ(r.status, 0);
  std::vector<json> docs = JsonLines(r.out);
  ASSERT_EQ(docs.size(), 5u);
  for (const json& d : docs) {
    for (const char* field : {"source", "format", "title", "ids", "trials"}) EXPECT_TRUE(d.contains(field)) << field;
    ASSERT_EQ(d["trials"].size(), 1u) << d["source"];
    std::set<std::string> drugs = DrugsOf(d);
    // Page furniture of these pages names liso-cel, ponatinib and others; none may leak in.
    for (const char* foreign : {"lisocabtagene maraleucel", "ponatinib", "pegaspargase", "doxorubicin"})
      EXPECT_EQ(drugs.count(foreign), 0u) << d["source"] << " invented " << foreign;
  }
  EXPECT_EQ(DrugsOf(docs[1]), (std::set<std::string>{"cyclophosphamide", "vincristine", "dexamethasone",
                                                      "inotuzumab ozogamicin", "blinatumomab"}));
  EXPECT_EQ(docs[4]["trials"][0]["registry_ids"], json::array({"NCT02003222"}));
}

// The development set stays above the recall target of the core slice.
TEST(E2eCli, EvalOnSeedGoldMeetsRecallTarget) {
  CommandResult r = RunCommand(Binary() + " eval " + Shared("seeds/gold") + " --json");
  ASSERT_EQ(r.status, 0);
  json report = json::parse(r.out);
  EXPECT_GE(report["total"]["recall"].get<double>(), 0.95) << report["misses"].dump(1);
  EXPECT_GE(report["total"]["precision"].get<double>(), 0.90) << report["false_positives"].dump(1);
}

// --scores-only prints the scores and nothing of what the documents hold, so a
// held-out set can be scored without exposing its misses; without it, both
// forms list them.
TEST(E2eCli, EvalScoresOnlyHidesMissesAndExtras) {
  std::string eval = Binary() + " eval " + Shared("seeds/gold") + " --docs " + Shared("seeds");
  CommandResult full = RunCommand(eval);
  ASSERT_EQ(full.status, 0);
  EXPECT_NE(full.out.find("\nextra: "), std::string::npos);
  CommandResult scores = RunCommand(eval + " --scores-only");
  ASSERT_EQ(scores.status, 0);
  EXPECT_NE(scores.out.find("\nTOTAL "), std::string::npos);
  EXPECT_EQ(scores.out.find("miss: "), std::string::npos);
  EXPECT_EQ(scores.out.find("extra: "), std::string::npos);
  json report = json::parse(RunCommand(eval + " --scores-only --json").out);
  EXPECT_TRUE(report["misses"].empty());
  EXPECT_TRUE(report["false_positives"].empty());
  EXPECT_EQ(report["total"], json::parse(RunCommand(eval + " --json").out)["total"]);
}

// Ingesting twice changes nothing; reopening shows the same graph; the
// example question is answered from seed 001 alone.
TEST(E2eCli, IngestIsIdempotentAndAnswersTheExampleQuestion) {
  TempDir dir;
  std::string db = dir / "db";
  CommandResult first = RunCommand(Binary() + " ingest --json --db " + db + " " + Shared(kSeeds));
  ASSERT_EQ(first.status, 0) << first.out;
  EXPECT_EQ(json::parse(first.out)["documents"], 5);
  std::string stats = RunCommand(Binary() + " stats --json --db " + db).out;
  CommandResult second = RunCommand(Binary() + " ingest --json --db " + db + " " + Shared(kSeeds));
  EXPECT_EQ(json::parse(second.out)["skipped_unchanged"], 5);
  EXPECT_EQ(RunCommand(Binary() + " stats --json --db " + db).out, stats);
  json counts = json::parse(stats);
  EXPECT_EQ(counts["documents"], 5);
  EXPECT_EQ(counts["nodes"]["trial"], 5);

  CommandResult q = RunCommand(Binary() + " query --json --db " + db + " 'regimens with blinatumomab and inotuzumab in salvage'");
  ASSERT_EQ(q.status, 0);
  json answer = json::parse(q.out);
  ASSERT_EQ(answer["results"].size(), 1u) << answer.dump(1);
  const json& regimen = answer["results"][0];
  std::set<std::string> drugs = regimen["drugs"].get<std::set<std::string>>();
  EXPECT_EQ(drugs, (std::set<std::string>{"cyclophosphamide", "vincristine", "dexamethasone", "inotuzumab ozogamicin",
                                          "blinatumomab"}));
  ASSERT_FALSE(regimen["evidence"].empty());
  for (const json& e : regimen["evidence"]) EXPECT_NE(e["source"].get<std::string>().find("001_"), std::string::npos);
}

// Guards two store-opening details: a --db path with no directory part
// (relative to the working directory) works, and a finished ingest leaves no
// write-ahead log for the next open to replay (it flushes on close).
TEST(E2eCli, StoreInWorkingDirectoryIsFlushedOnClose) {
  TempDir dir;
  CommandResult ingest = RunCommand("cd " + dir.path().string() + " && " + Binary() + " ingest --db rel.db " + Shared(kSeeds), true);
  ASSERT_EQ(ingest.status, 0) << ingest.out;
  uintmax_t log_bytes = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "rel.db"))
    if (entry.path().extension() == ".log") log_bytes += entry.file_size();
  EXPECT_EQ(log_bytes, 0u);
  EXPECT_EQ(RunCommand("cd " + dir.path().string() + " && " + Binary() + " stats --json --db rel.db").status, 0);
}

// The rest of the question family answers, and synonyms and brand names work.
TEST(E2eCli, QuestionFamily) {
  TempDir dir;
  std::string db = dir / "db";
  ASSERT_EQ(RunCommand(Binary() + " ingest --db " + db + " " + Shared(kSeeds)).status, 0);
  auto ids = [&](const std::string& question) {
    json a = json::parse(RunCommand(Binary() + " query --json --db " + db + " " + Quote(question)).out);
    std::set<std::string> out;
    for (const json& r : a["results"]) out.insert(r["id"].get<std::string>());
    return out;
  };
  EXPECT_EQ(ids("phase 3 trials"), (std::set<std::string>{"trial:NCT02003222"}));
  std::set<std::string> newly = ids("trials of blinatumomab in newly diagnosed patients");
  EXPECT_EQ(newly.size(), 2u);
  EXPECT_EQ(newly.count("trial:NCT05557110"), 1u);
  std::set<std::string> partners = ids("drugs combined with blinatumomab");
  EXPECT_EQ(partners.count("drug:inotuzumab ozogamicin"), 1u);
  EXPECT_EQ(partners.count("drug:blinatumomab"), 0u);
  EXPECT_EQ(ids("adverse events of Besponsa"), (std::set<std::string>{"adverse_event:veno-occlusive disease"}));
  std::set<std::string> after_transplant = ids("endpoints of blinatumomab after transplant");
  EXPECT_EQ(after_transplant.count("endpoint:overall survival"), 1u);
  EXPECT_EQ(ids("trials of InO"), ids("trials of inotuzumab"));
}

// A question it cannot read names the words and the accepted forms.
TEST(E2eCli, UnreadableQuestionIsExplained) {
  TempDir dir;
  ASSERT_EQ(RunCommand(Binary() + " ingest --db " + (dir / "db") + " " + Shared("seeds/001_5a4f299921dac2b4.txt")).status, 0);
  CommandResult r = RunCommand(Binary() + " query --db " + (dir / "db") + " 'regimens with frobnicate'", true);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("frobnicate"), std::string::npos);
  EXPECT_NE(r.out.find("Accepted form"), std::string::npos);
}

// Bad files are named with the reason; the rest of the batch is stored.
TEST(E2eCli, BadInputIsReportedAndTheBatchGoesOn) {
  TempDir dir;
  std::ofstream(dir / "empty.txt").close();
  std::ofstream(dir / "junk.bin", std::ios::binary) << std::string("\x7f" "ELF\0\0\x01\x02", 8);
  std::ofstream(dir / "latin1.txt", std::ios::binary) << "caf\xe9 au lait is not UTF-8";
  CommandResult r = RunCommand(Binary() + " ingest --json --db " + (dir / "db") + " " + (dir / "empty.txt") + " " +
                        (dir / "junk.bin") + " " + (dir / "latin1.txt") + " " + Shared("seeds/003_60d2d26cd833c971.txt") +
                        " " + (dir / "missing.txt"));
  EXPECT_EQ(r.status, 1);
  json summary = json::parse(r.out);
  EXPECT_EQ(summary["documents"], 1);
  std::map<std::string, std::string> errors;
  for (const json& f : summary["failed"]) errors[f["path"]] = f["error"];
  EXPECT_NE(errors[dir / "empty.txt"].find("empty"), std::string::npos);
  EXPECT_NE(errors[dir / "junk.bin"].find("binary"), std::string::npos);
  EXPECT_NE(errors[dir / "latin1.txt"].find("UTF-8"), std::string::npos);
  EXPECT_NE(errors[dir / "missing.txt"].find("no such file"), std::string::npos);
  EXPECT_EQ(json::parse(RunCommand(Binary() + " stats --json --db " + (dir / "db")).out)["documents"], 1);
}

// A changed document replaces what it contributed instead of piling up.
TEST(E2eCli, ChangedDocumentReplacesItsFacts) {
  TempDir dir;
  std::string page = dir / "page.txt";
  std::ifstream seed(Shared("seeds/003_60d2d26cd833c971.txt"));
  std::string text((std::istreambuf_iterator<char>(seed)), std::istreambuf_iterator<char>());
  std::ofstream(page) << text;
  std::string db = dir / "db";
  ASSERT_EQ(RunCommand(Binary() + " ingest --db " + db + " " + page).status, 0);
  json before = json::parse(RunCommand(Binary() + " stats --json --db " + db).out);
  std::string changed = text;
  changed.replace(changed.find("cytokine release syndrome in 2 patients"), 39, "cytokine release syndrome in 3 patients");
  std::ofstream(page) << changed;
  ASSERT_EQ(RunCommand(Binary() + " ingest --db " + db + " " + page).status, 0);
  json after = json::parse(RunCommand(Binary() + " stats --json --db " + db).out);
  EXPECT_EQ(after, before);
  json ae = json::parse(RunCommand(Binary() + " query --json --db " + db + " 'adverse events of blinatumomab'").out);
  std::string all = ae.dump();
  EXPECT_EQ(all.find("in 2 patients"), std::string::npos);
  EXPECT_NE(all.find("in 3 patients"), std::string::npos);
}

// Every command has --help, and an unknown command is a usage error.
TEST(E2eCli, HelpAndUsage) {
  for (const char* command : {"ingest", "extract", "query", "stats", "eval", "serve"})
    EXPECT_EQ(RunCommand(Binary() + " " + command + " --help", true).status, 0) << command;
  EXPECT_EQ(RunCommand(Binary() + " frobnicate", true).status, 2);
  EXPECT_EQ(RunCommand(Binary() + " stats --db /nonexistent/trialgraph", true).status, 3);
  // A misspelt option is refused, not ignored; a malformed number is a usage error, not a crash.
  CommandResult misspelt = RunCommand(Binary() + " stats --jsno --db /nonexistent/trialgraph", true);
  EXPECT_EQ(misspelt.status, 2);
  EXPECT_NE(misspelt.out.find("'stats' has no option --jsno"), std::string::npos) << misspelt.out;
  CommandResult limit = RunCommand(Binary() + " query --db /nonexistent/trialgraph --limit ten 'trials'", true);
  EXPECT_EQ(limit.status, 2);
  EXPECT_NE(limit.out.find("--limit must be a whole number"), std::string::npos) << limit.out;
}

}  // namespace
}  // namespace trialgraph::testing

namespace trialgraph::testing {
namespace {

// `trialgraph export` writes GraphML that networkx loads with the counts of `stats`.
TEST(E2eCli, ExportGraphMlLoadsInNetworkx) {
  TempDir dir;
  std::string db = dir / "db";
  ASSERT_EQ(RunCommand(Binary() + " ingest --db " + db + " " + Shared("seeds/*.txt") + " " + Shared("data/ctgov/xml")).status, 0);
  nlohmann::json stats = nlohmann::json::parse(RunCommand(Binary() + " stats --json --db " + db).out);
  size_t nodes = 0, edges = 0;
  for (const auto& [kind, n] : stats["nodes"].items()) nodes += n.get<size_t>();
  for (const auto& [kind, n] : stats["edges"].items()) edges += n.get<size_t>();
  ASSERT_EQ(RunCommand(Binary() + " export --db " + db + " --format graphml -o " + (dir / "g.graphml.gz")).status, 0);
  CommandResult counts = RunCommand("/usr/bin/python3 -c \"import networkx as nx; g = nx.read_graphml('" +
                                    (dir / "g.graphml.gz") + "'); print(g.number_of_nodes(), g.number_of_edges())\"");
  ASSERT_EQ(counts.status, 0);
  EXPECT_EQ(counts.out, std::to_string(nodes) + " " + std::to_string(edges) + "\n");
  ASSERT_EQ(RunCommand(Binary() + " export --db " + db + " --format csv -o " + (dir / "csv")).status, 0);
  EXPECT_TRUE(std::filesystem::exists(dir / "csv/nodes_drug.csv"));
  EXPECT_EQ(RunCommand(Binary() + " export --db " + db + " --format csv", true).status, 2);
  EXPECT_EQ(RunCommand(Binary() + " export --db " + db + " --kinds drug,unicorn", true).status, 2);
}

}  // namespace
}  // namespace trialgraph::testing

namespace trialgraph::testing {
namespace {

// Every real PubMed and ClinicalTrials.gov file in ../shared/data ingests;
// counts and the BLAST registry record's facts come through.
TEST(E2eCli, IngestsRealPubmedAndCtgovData) {
  TempDir dir;
  std::string db = dir / "db";
  CommandResult r = RunCommand(Binary() + " ingest --json --db " + db + " " + Shared("data/pubmed") + " " + Shared("data/ctgov"));
  nlohmann::json summary = nlohmann::json::parse(r.out);
  // The one refusal is the PMC full-text set, which is not a supported format.
  ASSERT_EQ(summary["failed"].size(), 1u) << summary.dump(1);
  EXPECT_NE(summary["failed"][0]["path"].get<std::string>().find("efetch_pmc.xml"), std::string::npos);
  EXPECT_EQ(r.status, 1);
  EXPECT_GE(summary["documents"].get<int>(), 690);  // 604 + 4 + 8 PubMed, 6 MEDLINE, 60 + 17 CT.gov, minus exact copies
  nlohmann::json stats = nlohmann::json::parse(RunCommand(Binary() + " stats --json --db " + db).out);
  EXPECT_GE(stats["nodes"]["trial"].get<int>(), 77);  // every registry record is a trial
  nlohmann::json node =
      nlohmann::json::parse(RunCommand(Binary() + " query --json --db " + db + " 'trials of blinatumomab in MRD-positive patients'").out);
  bool blast = false;
  for (const nlohmann::json& t : node["results"])
    if (t["id"] == "trial:NCT01207388") {
      blast = true;
      EXPECT_EQ(t["phase"], "2");
      EXPECT_EQ(t["enrolled"], 116);
    }
  EXPECT_TRUE(blast) << node.dump(1);
}

// A trial registered on ClinicalTrials.gov and described in an abstract is one
// trial node with both documents as its sources.
TEST(E2eCli, RegistryRecordAndAbstractJoinOnNctId) {
  TempDir dir;
  std::string db = dir / "db";
  ASSERT_EQ(RunCommand(Binary() + " ingest --db " + db + " " + Shared("data/ctgov/xml/NCT01207388.xml") + " " +
                       std::string(TRIALGRAPH_SOURCE_DIR) + "/samples/corpus/03_blast-mrd-blinatumomab.txt")
                .status,
            0);
  nlohmann::json docs = nlohmann::json::parse(
      RunCommand(Binary() + " query --json --db " + db + " 'documents of blinatumomab in MRD-positive patients'").out);
  std::set<std::string> trials, documents;
  for (const nlohmann::json& d : docs["results"])
    for (const nlohmann::json& e : d["evidence"]) {
      trials.insert(e["trial"].get<std::string>());
      documents.insert(e["document"].get<std::string>());
    }
  EXPECT_EQ(trials, (std::set<std::string>{"trial:NCT01207388"}));
  EXPECT_EQ(documents.size(), 2u);
}


// The bundled sample corpus answers the README's example question (the main
// job works from a clone alone), with the regimen that combines both drugs.
TEST(E2eCli, SampleCorpusAnswersTheReadmeQuestion) {
  TempDir dir;
  std::string db = dir / "db";
  ASSERT_EQ(RunCommand(Binary() + " ingest --db " + db + " " + std::string(TRIALGRAPH_SOURCE_DIR) + "/samples/corpus")
                .status,
            0);
  nlohmann::json answer = nlohmann::json::parse(
      RunCommand(Binary() + " query --json --db " + db + " 'regimens with blinatumomab and inotuzumab in salvage'").out);
  ASSERT_FALSE(answer["results"].empty()) << answer.dump(1);
  for (const nlohmann::json& r : answer["results"]) {
    std::set<std::string> drugs(r["drugs"].begin(), r["drugs"].end());
    EXPECT_TRUE(drugs.contains("blinatumomab") && drugs.contains("inotuzumab ozogamicin")) << r.dump();
    EXPECT_FALSE(r["evidence"].empty());
  }
}

}  // namespace
}  // namespace trialgraph::testing
