// End-to-end: a real `trialgraph serve` on 127.0.0.1, every endpoint and every error.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/e2e_support.h"

namespace trialgraph::testing {
namespace {

using nlohmann::json;

class HttpTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    ASSERT_EQ(RunCommand(Binary() + " ingest --db " + (*dir_ / "db") + " " + Shared("seeds/*.txt")).status, 0);
    server_ = new ServerProcess(*dir_ / "db", {"--write-token", "s3cret", "--max-body-bytes", "200000"});
    ASSERT_TRUE(server_->ready());
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  static json GetJson(const std::string& path, int expected_status) {
    httplib::Client c = server_->Client();
    auto res = c.Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return json();
    EXPECT_EQ(res->status, expected_status) << path << " -> " << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json") << path;
    return json::parse(res->body, nullptr, false);
  }
  static TempDir* dir_;
  static ServerProcess* server_;
};
TempDir* HttpTest::dir_ = nullptr;
ServerProcess* HttpTest::server_ = nullptr;

// Health and stats agree with the CLI's stats.
TEST_F(HttpTest, HealthAndStats) {
  EXPECT_EQ(GetJson("/healthz", 200)["status"], "ok");
  json stats = GetJson("/api/stats", 200);
  json cli = json::parse(RunCommand(Binary() + " stats --json --db " + (*dir_ / "db")).out);
  EXPECT_EQ(stats, cli);
}

// The query endpoint gives the same answer as `trialgraph query --json`.
TEST_F(HttpTest, QueryMatchesCli) {
  const std::string q = "regimens with blinatumomab and inotuzumab in salvage";
  json http = GetJson("/api/query?q=" + httplib::detail::encode_query_param(q), 200);
  json cli = json::parse(RunCommand(Binary() + " query --json --db " + (*dir_ / "db") + " '" + q + "'").out);
  EXPECT_EQ(http["results"], cli["results"]);
  ASSERT_EQ(http["results"].size(), 1u);
  EXPECT_FALSE(http["results"][0]["evidence"].empty());
  json page = GetJson("/api/query?q=" + httplib::detail::encode_query_param("drugs combined with blinatumomab") +
                          "&limit=2&offset=1",
                      200);
  EXPECT_EQ(page["results"].size(), 2u);
  EXPECT_GT(page["total"].get<int>(), 2);
  const std::string drugs = "/api/query?q=" + httplib::detail::encode_query_param("drugs combined with blinatumomab");
  for (const json& r : GetJson(drugs + "&evidence=0", 200)["results"]) {
    EXPECT_TRUE(r["evidence"].empty());
    EXPECT_GT(r["evidence_total"].get<int>(), 0);
  }
  json one = GetJson(drugs + "&evidence=1", 200);
  EXPECT_EQ(one["results"][0]["evidence"].size(), 1u);
  json cli_one = json::parse(
      RunCommand(Binary() + " query --json --evidence 1 --db " + (*dir_ / "db") + " 'drugs combined with blinatumomab'").out);
  EXPECT_EQ(one["results"], cli_one["results"]);
  GetJson(drugs + "&evidence=21", 400);
}

// Nodes, neighbours, search by prefix and shortest paths.
TEST_F(HttpTest, GraphEndpoints) {
  json node = GetJson("/api/nodes/drug:blinatumomab", 200);
  EXPECT_EQ(node["kind"], "drug");
  EXPECT_FALSE(node["in_edges"].empty());
  json neighbors = GetJson("/api/nodes/drug:blinatumomab/neighbors?direction=in&depth=2", 200);
  bool reaches_trial = false;
  for (const json& n : neighbors["nodes"]) reaches_trial |= n["kind"] == "trial";
  EXPECT_TRUE(reaches_trial);
  json search = GetJson("/api/search?name=blina", 200);
  ASSERT_FALSE(search["results"].empty());
  EXPECT_EQ(search["results"][0]["id"], "drug:blinatumomab");
  EXPECT_EQ(GetJson("/api/search?name=Besponsa&kind=drug", 200)["results"][0]["id"], "drug:inotuzumab ozogamicin");
  json paths = GetJson("/api/paths?from=drug:blinatumomab&to=" + httplib::detail::encode_query_param("drug:inotuzumab ozogamicin"), 200);
  ASSERT_FALSE(paths["paths"].empty());
  EXPECT_EQ(paths["hops"], 2);
}

// The GraphML export streams over HTTP and parses in networkx.
TEST_F(HttpTest, ExportGraphMl) {
  httplib::Client c = server_->Client();
  auto res = c.Get("/api/export.graphml?kinds=drug,regimen,trial");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  std::string path = *dir_ / "http.graphml";
  std::ofstream(path) << res->body;
  CommandResult kinds = RunCommand("/usr/bin/python3 -c \"import networkx as nx; g = nx.read_graphml('" + path +
                                   "'); print(sorted({d['kind'] for _, d in g.nodes(data=True)}))\"");
  EXPECT_EQ(kinds.out, "['drug', 'regimen', 'trial']\n");
  GetJson("/api/export.graphml?kinds=unicorn", 400);
}

// Every error is JSON with the right status.
TEST_F(HttpTest, Errors) {
  json bad = GetJson("/api/query?q=" + httplib::detail::encode_query_param("regimens with frobnicate"), 400);
  EXPECT_NE(bad["error"].get<std::string>().find("frobnicate"), std::string::npos);
  EXPECT_TRUE(bad.contains("hint"));
  GetJson("/api/query", 400);
  GetJson("/api/query?q=trials&limit=abc", 400);
  GetJson("/api/query?q=trials&limit=100000", 400);
  GetJson("/api/nodes/drug:nonexistent", 404);
  GetJson("/api/nodes/drug:blinatumomab/neighbors?depth=50", 400);
  GetJson("/api/nodes/drug:blinatumomab/neighbors?kind=LOVES", 400);
  GetJson("/api/search?name=", 400);
  GetJson("/api/paths?from=drug:blinatumomab", 400);
  GetJson("/no/such/endpoint", 404);
  httplib::Client c = server_->Client();
  auto wrong_method = c.Delete("/api/stats");
  ASSERT_TRUE(wrong_method);
  EXPECT_EQ(wrong_method->status, 405);
}

// Writes need the bearer token; a posted document is visible without a restart; DELETE removes it.
TEST_F(HttpTest, WritesWithToken) {
  std::ifstream in(Shared("data/ctgov-text-all/NCT02003612.story"));
  std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (body.empty()) body = "Blinatumomab in a phase 2 trial of 40 patients with relapsed ALL: 40% achieved complete remission.";
  httplib::Client c = server_->Client();
  auto no_token = c.Post("/api/documents?source=posted.txt", body, "text/plain");
  ASSERT_TRUE(no_token);
  EXPECT_EQ(no_token->status, 401);
  httplib::Headers wrong = {{"Authorization", "Bearer nope"}};
  EXPECT_EQ(c.Post("/api/documents?source=posted.txt", wrong, body, "text/plain")->status, 403);
  httplib::Headers auth = {{"Authorization", "Bearer s3cret"}};
  json before = GetJson("/api/stats", 200);
  auto posted = c.Post("/api/documents?source=posted.txt", auth, body, "text/plain");
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 201) << posted->body;
  json after = GetJson("/api/stats", 200);
  EXPECT_EQ(after["documents"].get<int>(), before["documents"].get<int>() + 1);
  auto too_big = c.Post("/api/documents", auth, std::string(300000, 'a'), "text/plain");
  ASSERT_TRUE(too_big);
  EXPECT_EQ(too_big->status, 413);
  auto removed = c.Delete("/api/documents/" + httplib::detail::encode_query_param("document:path:posted.txt"), auth);
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->status, 200) << removed->body;
  EXPECT_EQ(GetJson("/api/stats", 200), before);
  EXPECT_EQ(c.Delete("/api/documents/document:path:posted.txt", auth)->status, 404);
}

// Guards the per-snapshot answer cache: a repeated question is served from it
// byte for byte, and a write publishes a new snapshot with an empty cache, so
// no stale answer survives it.
TEST_F(HttpTest, AnswerCacheIsReplacedByWrites) {
  httplib::Client c = server_->Client();
  const std::string path = "/api/query?q=" + httplib::detail::encode_query_param("trials with blinatumomab");
  auto first = c.Get(path.c_str());
  auto second = c.Get(path.c_str());
  ASSERT_TRUE(first && second);
  EXPECT_EQ(second->get_header_value("X-Answer-Cache"), "hit");
  EXPECT_EQ(second->body, first->body);
  httplib::Headers auth = {{"Authorization", "Bearer s3cret"}};
  const std::string doc =
      "Blinatumomab for relapsed acute lymphoblastic leukemia (NCT09999991): a phase 2 trial.\n\n"
      "Forty adults with relapsed B-cell precursor acute lymphoblastic leukemia received blinatumomab; "
      "16 of 40 (40%) achieved complete remission.";
  auto posted = c.Post("/api/documents?source=cache-test.txt", auth, doc, "text/plain");
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 201) << posted->body;
  auto after = c.Get(path.c_str());
  ASSERT_TRUE(after);
  EXPECT_EQ(after->get_header_value("X-Answer-Cache"), "miss");
  EXPECT_EQ(json::parse(after->body)["total"].get<int>(), json::parse(first->body)["total"].get<int>() + 1);
  auto removed = c.Delete("/api/documents/" + httplib::detail::encode_query_param("document:path:cache-test.txt"), auth);
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->status, 200) << removed->body;
  EXPECT_EQ(c.Get(path.c_str())->body, first->body);
}

// Guards shared snapshot builds: concurrent posts all succeed, and each
// document is visible to queries as soon as its own POST has answered.
TEST_F(HttpTest, ConcurrentPostsAreVisibleWhenAnswered) {
  constexpr int kWriters = 6;
  std::vector<std::thread> writers;
  std::vector<int> post_status(kWriters), node_status(kWriters);
  for (int i = 0; i < kWriters; ++i)
    writers.emplace_back([&, i] {
      httplib::Client c = server_->Client();
      httplib::Headers auth = {{"Authorization", "Bearer s3cret"}};
      std::string nct = "NCT0999980" + std::to_string(i);
      std::string doc = "Blinatumomab for relapsed acute lymphoblastic leukemia (" + nct +
                        "): a phase 2 trial.\n\nForty adults with relapsed B-cell precursor acute lymphoblastic "
                        "leukemia received blinatumomab; " + std::to_string(10 + i) + " of 40 achieved complete remission.";
      auto posted = c.Post(("/api/documents?source=concurrent-" + std::to_string(i) + ".txt").c_str(), auth, doc,
                           "text/plain");
      post_status[i] = posted ? posted->status : -1;
      auto node = c.Get(("/api/nodes/trial:" + nct).c_str());
      node_status[i] = node ? node->status : -1;
    });
  for (std::thread& w : writers) w.join();
  httplib::Client c = server_->Client();
  httplib::Headers auth = {{"Authorization", "Bearer s3cret"}};
  for (int i = 0; i < kWriters; ++i) {
    EXPECT_EQ(post_status[i], 201) << "writer " << i;
    EXPECT_EQ(node_status[i], 200) << "writer " << i;
    std::string id = "document:path:concurrent-" + std::to_string(i) + ".txt";
    auto removed = c.Delete(("/api/documents/" + httplib::detail::encode_query_param(id)).c_str(), auth);
    ASSERT_TRUE(removed);
    EXPECT_EQ(removed->status, 200);
  }
}

// A second writer gets a clear error while the server holds the store;
// read-only commands still work beside it.
TEST_F(HttpTest, SecondWriterIsRefusedReadersWork) {
  CommandResult writer = RunCommand(Binary() + " ingest --db " + (*dir_ / "db") + " " + Shared("seeds/000_67000b407d64d34d.txt"), true);
  EXPECT_EQ(writer.status, 3);
  EXPECT_NE(writer.out.find("in use by another trialgraph process"), std::string::npos) << writer.out;
  EXPECT_EQ(RunCommand(Binary() + " stats --json --db " + (*dir_ / "db")).status, 0);
}

// Without a token the server refuses every write.
TEST(HttpReadOnly, WritesDisabledWithoutToken) {
  TempDir dir;
  ASSERT_EQ(RunCommand(Binary() + " ingest --db " + (dir / "db") + " " + Shared("seeds/003_60d2d26cd833c971.txt")).status, 0);
  ServerProcess server(dir / "db");
  ASSERT_TRUE(server.ready());
  httplib::Client c = server.Client();
  auto res = c.Post("/api/documents", httplib::Headers{{"Authorization", "Bearer x"}}, "text", "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
}

// Guards read-only opens beside a running writer: a just-started server
// flushes and compacts what it recovered, deleting files a concurrent
// `stats` may have listed a moment before; every open must still succeed.
TEST(HttpReadOnly, CliReadsBesideAStartingServer) {
  TempDir dir;
  ASSERT_EQ(RunCommand(Binary() + " ingest --db " + (dir / "db") + " " + Shared("seeds/*.txt")).status, 0);
  ServerProcess server(dir / "db");
  ASSERT_TRUE(server.ready());
  for (int i = 0; i < 20; ++i) {
    CommandResult stats = RunCommand(Binary() + " stats --json --db " + (dir / "db") + " 2>&1");
    ASSERT_EQ(stats.status, 0) << "open " << i << ": " << stats.out;
    EXPECT_EQ(json::parse(stats.out)["documents"], 5);
  }
}

}  // namespace
}  // namespace trialgraph::testing
