#include "query/export.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <stdexcept>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include "core/hash.h"
#include "core/store.h"
#include "query/answer.h"
#include "query/question.h"
#include "query/snapshot.h"

namespace trialgraph::query {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// XML metacharacters, non-ASCII, a control character XML 1.0 forbids (\x01)
// and an invalid UTF-8 sequence (\xC3\x28): the exporter must keep the first
// two and drop the last two.
const std::string kNasty = "<&>\"' é ≥ 中文\x01\xC3\x28!";
const std::string kNastyClean = "<&>\"' é ≥ 中文(!";
const std::string kTrial1 = "trial:NCT00000001";
const std::string kTrial2 = "trial:NCT00000002";

Edge MakeEdge(EdgeKind kind, const std::string& from, const std::string& to, const std::string& doc, uint32_t start,
              const std::string& text, json props = json::object()) {
  return {kind, from, to, std::move(props), {doc, start, start + static_cast<uint32_t>(text.size()), text}};
}

Contribution MakeDocument(const std::string& name, const std::string& text) {
  Contribution c;
  c.source = "/papers/" + name;
  c.document = {NodeKind::kDocument, MakeNodeId(NodeKind::kDocument, "path:" + c.source), name + " " + kNasty, {},
                {{"source", c.source}, {"format", "text"}, {"published", "2021-03-04"}}};
  c.content_hash = ContentHash128(name + text);
  return c;
}

// Document A: trial 1 testing blinatumomab + inotuzumab ozogamicin, with a
// population, an integer endpoint value and an adverse event.
Contribution DocumentA() {
  Contribution c = MakeDocument("a.txt", "A");
  const std::string& doc = c.document.id;
  const std::string regimen = "regimen:blinatumomab+inotuzumab ozogamicin";
  c.nodes.push_back({NodeKind::kTrial, kTrial1, "Trial " + kNasty, {}, json::object(),
                     {{"phase", "2"}, {"enrolled", 120}, {"randomized", true}, {"design", {"open-label", "<single>"}}}});
  c.nodes.push_back({NodeKind::kRegimen, regimen, "blinatumomab + inotuzumab ozogamicin", {"Blina <+> InO"},
                     {{"drugs", {"blinatumomab", "inotuzumab ozogamicin"}}, {"modifiers", json::array()}}});
  for (const char* drug : {"blinatumomab", "inotuzumab ozogamicin"}) {
    c.nodes.push_back({NodeKind::kDrug, MakeNodeId(NodeKind::kDrug, drug), drug, {}, {{"classes", json::array()}}});
    c.edges.push_back(MakeEdge(EdgeKind::kContains, regimen, MakeNodeId(NodeKind::kDrug, drug), doc, 10, "Arms."));
  }
  c.nodes.push_back({NodeKind::kPopulation, "population:b-all|salvage", "B-ALL, salvage", {},
                     {{"disease", "B-ALL"}, {"settings", {"first salvage"}}, {"ph_status", nullptr}}});
  c.nodes.push_back({NodeKind::kEndpoint, "endpoint:overall survival", "overall survival", {}, {{"kind", "overall survival"}}});
  c.nodes.push_back({NodeKind::kAdverseEvent, "adverse_event:neutropenia", "neutropenia " + kNasty, {}, {{"name", "neutropenia"}}});
  c.edges.push_back(MakeEdge(EdgeKind::kDescribes, doc, kTrial1, doc, 0, "A trial."));
  c.edges.push_back(MakeEdge(EdgeKind::kTests, kTrial1, regimen, doc, 10, "Arm " + kNasty,
                             {{"arm", 0}, {"label", "Arm <A>"}, {"n", 40}}));
  c.edges.push_back(MakeEdge(EdgeKind::kEnrolls, kTrial1, "population:b-all|salvage", doc, 20, "Adults.",
                             {{"age", {{"min", 18}, {"max", nullptr}}}, {"subtypes", json::array()}}));
  c.edges.push_back(MakeEdge(EdgeKind::kReports, kTrial1, "endpoint:overall survival", doc, 30,
                             "OS was 60%,\n\"quoted\" " + kNasty, {{"value", 60}, {"unit", "%"}, {"p", 0.01}, {"primary", true}}));
  c.edges.push_back(MakeEdge(EdgeKind::kHasAdverseEvent, kTrial1, "adverse_event:neutropenia", doc, 40, "Neutropenia.",
                             {{"grade", "3"}, {"value", 12.5}, {"unit", "%"}}));
  return c;
}

// Document B: trial 1 again, with a fractional value and a textual P value
// (so "value" widens to double and "p" to string).
Contribution DocumentB() {
  Contribution c = MakeDocument("b.txt", "B");
  const std::string& doc = c.document.id;
  c.nodes.push_back({NodeKind::kTrial, kTrial1, "Trial " + kNasty, {}, json::object(), {{"phase", "2"}}});
  c.nodes.push_back({NodeKind::kEndpoint, "endpoint:overall survival", "overall survival", {}, {{"kind", "overall survival"}}});
  c.edges.push_back(MakeEdge(EdgeKind::kDescribes, doc, kTrial1, doc, 0, "The same trial."));
  c.edges.push_back(MakeEdge(EdgeKind::kReports, kTrial1, "endpoint:overall survival", doc, 5, "OS was 55.5%.",
                             {{"value", 55.5}, {"unit", "%"}, {"p", "<0.001"}}));
  return c;
}

// Document C: an unrelated trial of imatinib.
Contribution DocumentC() {
  Contribution c = MakeDocument("c.txt", "C");
  const std::string& doc = c.document.id;
  c.nodes.push_back(
      {NodeKind::kTrial, kTrial2, "Imatinib trial", {}, json::object(), {{"phase", "3"}, {"enrolled", 3000000000LL}}});
  c.nodes.push_back({NodeKind::kRegimen, "regimen:imatinib", "imatinib", {}, {{"drugs", {"imatinib"}}}});
  c.nodes.push_back({NodeKind::kDrug, "drug:imatinib", "imatinib", {}, {{"classes", {"tyrosine kinase inhibitor"}}}});
  c.edges.push_back(MakeEdge(EdgeKind::kDescribes, doc, kTrial2, doc, 0, "Another trial."));
  // Values of every CBOR encoding the store's reader decodes: negative and
  // 64-bit integers, single and double precision floats, nested lists and maps.
  c.edges.push_back(MakeEdge(EdgeKind::kTests, kTrial2, "regimen:imatinib", doc, 10, "Imatinib.",
                             {{"arm", 0}, {"delta", -7}, {"ratio", 0.5}, {"hr", 0.1},
                              {"subgroups", {{{"name", "x"}, {"n", 4294967296LL}, {"ok", false}}}}}));
  c.edges.push_back(MakeEdge(EdgeKind::kContains, "regimen:imatinib", "drug:imatinib", doc, 10, "Imatinib."));
  return c;
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Runs SCRIPT with the system Python (where the Debian networkx and igraph
// packages live) and parses the JSON it prints last.
json RunPython(const fs::path& script, const std::string& args) {
  std::string python = fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  std::string command = python + " '" + script.string() + "' " + args + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  EXPECT_NE(pipe, nullptr);
  std::string output;
  char chunk[4096];
  for (size_t n; pipe && (n = std::fread(chunk, 1, sizeof chunk, pipe)) > 0;) output.append(chunk, n);
  int rc = pipe ? ::pclose(pipe) : -1;
  EXPECT_EQ(rc, 0) << output;
  json result = json::parse(output.substr(output.rfind('\n', output.size() - 2) + 1), nullptr, false);
  EXPECT_FALSE(result.is_discarded()) << output;
  return result;
}

// Reads a GraphML file (optionally .gz) with networkx and, when installed,
// igraph, and reports counts, attribute types and values.
constexpr const char kReadGraphMl[] = R"PY(
import json, sys
import networkx as nx
path = sys.argv[1]
g = nx.read_graphml(path)
out = {"directed": g.is_directed(), "nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "node": {}, "edge_ids": []}
for node_id, attrs in g.nodes(data=True):
    out["node"][node_id] = {k: [type(v).__name__, v] for k, v in attrs.items()}
edges = g.edges(keys=True, data=True) if g.is_multigraph() else g.edges(data=True)
out["edge"] = {}
for e in edges:
    attrs = e[-1]
    out["edge_ids"].append(attrs.get("id", e[2] if g.is_multigraph() else None))
    out["edge"].setdefault(attrs["label"], []).append({k: [type(v).__name__, v] for k, v in attrs.items()})
try:
    import igraph
except ImportError:
    igraph = None
if igraph is not None and not path.endswith(".gz"):
    ig = igraph.Graph.Read_GraphML(path)
    out["igraph"] = {"nodes": ig.vcount(), "edges": ig.ecount(), "directed": ig.is_directed(),
                     "names": sorted(ig.vs["name"]), "labels": sorted(set(ig.es["label"]))}
print(json.dumps(out))
)PY";

constexpr const char kReadCsv[] = R"PY(
import csv, json, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
print(json.dumps({"header": rows[0], "rows": rows[1:]}))
)PY";

// A store of documents A, B and C, its snapshot, and the Python readers.
class ExportFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() / ("tg_export_test_" + std::to_string(::getpid()) + "_" +
                                        std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) +
                                        "_" + std::to_string(counter++));
    fs::create_directories(dir_);
    Status st = Store::Open((dir_ / "db").string(), {}, &store_);
    ASSERT_TRUE(st.ok()) << st.ToString();
    PutResult result;
    for (const Contribution& c : {DocumentA(), DocumentB(), DocumentC()}) {
      st = store_->PutDocument(c, &result);
      ASSERT_TRUE(st.ok()) << st.ToString();
    }
    st = Snapshot::Load(*store_, &snapshot_);
    ASSERT_TRUE(st.ok()) << st.ToString();
    StoreStats stats;
    ASSERT_TRUE(store_->Stats(&stats).ok());
    for (const auto& [kind, n] : stats.nodes) nodes_ += n;
    for (const auto& [kind, n] : stats.edges) edges_ += n;
    std::ofstream(dir_ / "read_graphml.py") << kReadGraphMl;
    std::ofstream(dir_ / "read_csv.py") << kReadCsv;
  }
  void TearDown() override {
    snapshot_.reset();
    store_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  // Exports `source` to dir_/name and reads the result back with networkx.
  json ExportAndRead(const ExportSource& source, const std::string& name) {
    std::string path = (dir_ / name).string();
    Status st = ExportToPath(source, ExportFormat::kGraphMl, path);
    EXPECT_TRUE(st.ok()) << st.ToString();
    return RunPython(dir_ / "read_graphml.py", "'" + path + "'");
  }
  json ReadCsv(const std::string& name) { return RunPython(dir_ / "read_csv.py", "'" + (dir_ / "csv" / name).string() + "'"); }
  // Adds a document with `n` facts about trial 1, more than the reader
  // thread hands over before it waits for the writer.
  void AddManyEdges(size_t n) {
    Contribution c = MakeDocument("many.txt", "many");
    c.nodes.push_back({NodeKind::kTrial, kTrial1, "Trial " + kNasty, {}, json::object(), json::object()});
    for (uint32_t i = 0; i < n; ++i)
      c.edges.push_back(MakeEdge(EdgeKind::kDescribes, c.document.id, kTrial1, c.document.id, 10 * i, "Fact."));
    PutResult result;
    ASSERT_TRUE(store_->PutDocument(c, &result).ok());
    edges_ += n;
  }
  // Overwrites the value of the edge at `index` (in key order) with bytes
  // that do not decode, through a raw RocksDB handle while the store is closed.
  void CorruptEdge(size_t index) {
    store_.reset();
    const std::string dir = (dir_ / "db").string();
    rocksdb::DBOptions options;
    std::vector<std::string> names;
    ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(options, dir, &names).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
    for (const std::string& name : names) descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir, descriptors, &handles, &raw).ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    rocksdb::ColumnFamilyHandle* edges = handles[std::find(names.begin(), names.end(), "out_edges") - names.begin()];
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), edges));
    it->SeekToFirst();
    for (size_t i = 0; i < index && it->Valid(); ++i) it->Next();
    ASSERT_TRUE(it->Valid());
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), edges, it->key(), "\xff").ok());
    it.reset();
    for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
    ASSERT_TRUE(db->Close().ok());
    db.reset();
    ASSERT_TRUE(Store::Open(dir, {}, &store_).ok());
  }
  static size_t CountEdges(const ExportSource& source) {
    size_t n = 0;
    EXPECT_TRUE(source.ForEachEdge(EdgePass::kLearn, [&](const ExportEdge&) { return ++n > 0; }).ok());
    return n;
  }

  fs::path dir_;
  std::unique_ptr<Store> store_;
  std::shared_ptr<const Snapshot> snapshot_;
  size_t nodes_ = 0;  //!< nodes in the store
  size_t edges_ = 0;  //!< edges in the store
};

// Every writer test runs on both sources: the store streamed ("store") and
// a loaded snapshot ("snapshot").
class ExportTest : public ExportFixture, public ::testing::WithParamInterface<std::string> {
 protected:
  std::unique_ptr<ExportSource> Source() const {
    if (GetParam() == "store") return std::make_unique<StoreExportSource>(*store_);
    return std::make_unique<SnapshotExportSource>(snapshot_);
  }
};

INSTANTIATE_TEST_SUITE_P(Sources, ExportTest, ::testing::Values("store", "snapshot"));

// Guards the GraphML rules tools break on: directed graph, every key declared
// once for node or edge with an allowed type, every edge with an id, no
// forbidden characters, metacharacters escaped.
TEST_P(ExportTest, GraphMlKeysAreDeclaredOnceWithAllowedTypes) {
  std::ostringstream out;
  ASSERT_TRUE(ExportGraphMl(*Source(), out).ok());
  const std::string xml = out.str();
  EXPECT_NE(xml.find("edgedefault=\"directed\""), std::string::npos);
  std::regex key_re(R"re(<key id="([^"]+)" for="([^"]+)" attr\.name="([^"]+)" attr\.type="([^"]+)"/>)re");
  std::set<std::string> ids, names;
  std::map<std::string, std::string> types;
  size_t keys = 0;
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), key_re); it != std::sregex_iterator(); ++it, ++keys) {
    const std::smatch& m = *it;
    EXPECT_TRUE(m[2] == "node" || m[2] == "edge") << m[0];
    EXPECT_TRUE(std::set<std::string>({"boolean", "int", "long", "float", "double", "string"}).count(m[4])) << m[0];
    EXPECT_TRUE(ids.insert(m[1]).second) << "duplicate key id " << m[1];
    EXPECT_TRUE(names.insert(m[2].str() + "/" + m[3].str()).second) << "duplicate attribute " << m[0];
    types[m[2].str() + "/" + m[3].str()] = m[4];
  }
  size_t declared = 0;
  for (size_t at = xml.find("<key "); at != std::string::npos; at = xml.find("<key ", at + 1)) ++declared;
  EXPECT_EQ(keys, declared);
  EXPECT_EQ(types["node/enrolled"], "long");  // 3000000000 does not fit an int
  EXPECT_EQ(types["node/randomized"], "boolean");
  EXPECT_EQ(types["node/design"], "string");
  EXPECT_EQ(types["edge/value"], "double");  // 60 and 55.5
  EXPECT_EQ(types["edge/p"], "string");      // 0.01 and "<0.001"
  EXPECT_EQ(types["edge/n"], "int");
  EXPECT_EQ(types["edge/evidence_start"], "int");
  EXPECT_EQ(types["edge/prop_label"], "string");  // the arm label, renamed from the edge kind's "label"
  size_t edges = 0;
  for (size_t at = xml.find("<edge "); at != std::string::npos; at = xml.find("<edge ", at + 1), ++edges)
    EXPECT_EQ(xml.compare(at, 11, "<edge id=\"e"), 0);
  EXPECT_EQ(edges, edges_);
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
  EXPECT_EQ(xml.find("\xC3\x28"), std::string::npos);
  EXPECT_NE(xml.find("&lt;&amp;&gt;&quot;&apos; é ≥ 中文(!"), std::string::npos);
}

// Guards interoperability: networkx (and igraph when installed) read the file
// with every node and edge, the right types and the exact names.
TEST_P(ExportTest, NetworkxAndIgraphReadEveryNodeAndEdge) {
  json g = ExportAndRead(*Source(), "graph.graphml");
  EXPECT_TRUE(g["directed"].get<bool>());
  EXPECT_EQ(g["nodes"], nodes_);
  EXPECT_EQ(g["edges"], edges_);
  const json& trial = g["node"][kTrial1];
  EXPECT_EQ(trial["name"], json::array({"str", "Trial " + kNastyClean}));
  EXPECT_EQ(trial["label"], trial["name"]);
  EXPECT_EQ(trial["labels"], json::array({"str", ":Trial"}));
  EXPECT_EQ(trial["kind"], json::array({"str", "trial"}));
  EXPECT_EQ(trial["enrolled"], json::array({"int", 120}));
  EXPECT_EQ(trial["randomized"], json::array({"bool", true}));
  EXPECT_EQ(json::parse(trial["design"][1].get<std::string>()), json::array({"open-label", "<single>"}));
  const json& regimen = g["node"]["regimen:blinatumomab+inotuzumab ozogamicin"];
  EXPECT_EQ(json::parse(regimen["synonyms"][1].get<std::string>()), json::array({"Blina <+> InO"}));
  EXPECT_EQ(g["node"]["adverse_event:neutropenia"]["prop_name"], json::array({"str", "neutropenia"}));
  EXPECT_EQ(g["node"]["endpoint:overall survival"]["prop_kind"], json::array({"str", "overall survival"}));
  EXPECT_EQ(g["node"]["document:path:/papers/a.txt"]["published"], json::array({"str", "2021-03-04"}));
  const json& reports = g["edge"]["REPORTS"];
  ASSERT_EQ(reports.size(), 2u);
  for (const json& e : reports) {
    EXPECT_EQ(e["value"][0], "float");
    EXPECT_EQ(e["interaction"], json::array({"str", "REPORTS"}));
    EXPECT_EQ(e["evidence_start"][0], "int");
    EXPECT_EQ(e["source"][1].get<std::string>().rfind("/papers/", 0), 0u);
  }
  std::set<std::string> texts = {reports[0]["evidence"][1], reports[1]["evidence"][1]};
  EXPECT_TRUE(texts.count("OS was 60%,\n\"quoted\" " + kNastyClean));  // newline kept through the attribute escape
  const json& tests = g["edge"]["TESTS"];
  bool arm_label = false;
  for (const json& e : tests) arm_label |= e.contains("prop_label") && e["prop_label"][1] == "Arm <A>";
  EXPECT_TRUE(arm_label);
  if (g.contains("igraph")) {
    EXPECT_EQ(g["igraph"]["nodes"], nodes_);
    EXPECT_EQ(g["igraph"]["edges"], edges_);
    EXPECT_TRUE(g["igraph"]["directed"].get<bool>());
    EXPECT_EQ(g["igraph"]["labels"], json::array({"CONTAINS", "DESCRIBES", "ENROLLS", "HAS_ADVERSE_EVENT", "REPORTS", "TESTS"}));
  }
}

// Guards the compressed output: a .gz path gives a gzip stream networkx reads.
TEST_P(ExportTest, GzipOutputIsReadable) {
  json g = ExportAndRead(*Source(), "graph.graphml.gz");
  EXPECT_EQ(g["nodes"], nodes_);
  EXPECT_EQ(g["edges"], edges_);
  std::string bytes = ReadAll(dir_ / "graph.graphml.gz");
  ASSERT_GE(bytes.size(), 2u);
  EXPECT_EQ(bytes.substr(0, 2), "\x1f\x8b");
}

// Guards --kinds: only nodes of the kinds asked for, and only edges between them.
TEST_P(ExportTest, KindsFilterKeepsEdgesBetweenKeptNodes) {
  std::vector<NodeKind> kinds;
  ASSERT_TRUE(ParseNodeKinds(" trial, regimen ", &kinds).ok());
  std::unique_ptr<ExportSource> source = Source();
  source->KeepOnlyKinds(kinds);
  json g = ExportAndRead(*source, "kinds.graphml");
  EXPECT_EQ(g["nodes"], 4);  // two trials, two regimens
  EXPECT_EQ(g["edges"], 2);  // their TESTS edges
  EXPECT_EQ(g["edge"].size(), 1u);
  EXPECT_TRUE(g["edge"].contains("TESTS"));
}

// Guards --query: the answer's results, their trials and the 1-hop
// neighbourhood, and nothing of unrelated trials.
TEST_F(ExportFixture, SubgraphForAnswerHoldsResultsTrialsAndNeighbours) {
  ontology::Ontology o;
  Status st = ontology::Ontology::Load(TRIALGRAPH_SOURCE_DIR "/ontology", &o);
  ASSERT_TRUE(st.ok()) << st.ToString();
  Question q;
  st = ParseQuestion("trials with inotuzumab ozogamicin", o, &q);
  ASSERT_TRUE(st.ok()) << st.ToString();
  Answer answer = Evaluate(q, *snapshot_, o);
  ASSERT_EQ(answer.results.size(), 1u);
  SnapshotExportSource source(snapshot_);
  source.KeepSubgraphForAnswer(answer);
  std::set<std::string> kept;
  ASSERT_TRUE(source.ForEachNode([&](const Node& node) { return kept.insert(node.id).second; }).ok());
  EXPECT_EQ(kept, (std::set<std::string>{kTrial1, "document:path:/papers/a.txt", "document:path:/papers/b.txt",
                                          "regimen:blinatumomab+inotuzumab ozogamicin", "population:b-all|salvage",
                                          "endpoint:overall survival", "adverse_event:neutropenia"}));
  json g = ExportAndRead(source, "answer.graphml");
  EXPECT_EQ(g["nodes"], kept.size());
  EXPECT_EQ(g["edges"], CountEdges(source));
  EXPECT_EQ(CountEdges(source), 7u);  // 2 DESCRIBES, TESTS, ENROLLS, 2 REPORTS, HAS_ADVERSE_EVENT
}

// Guards the neo4j-admin files: one per kind, the expected headers, and
// RFC 4180 quoting that round-trips commas, quotes and newlines.
TEST_P(ExportTest, CsvFilesHaveNeo4jHeadersAndRoundTrip) {
  Status st = ExportToPath(*Source(), ExportFormat::kCsv, (dir_ / "csv").string());
  ASSERT_TRUE(st.ok()) << st.ToString();
  for (const char* file : {"nodes_document.csv", "nodes_trial.csv", "nodes_regimen.csv", "nodes_drug.csv",
                           "nodes_population.csv", "nodes_endpoint.csv", "nodes_adverse_event.csv", "rels_DESCRIBES.csv",
                           "rels_TESTS.csv", "rels_CONTAINS.csv", "rels_ENROLLS.csv", "rels_REPORTS.csv",
                           "rels_HAS_ADVERSE_EVENT.csv"})
    EXPECT_TRUE(fs::exists(dir_ / "csv" / file)) << file;
  json trials = ReadCsv("nodes_trial.csv");
  const json& header = trials["header"];
  EXPECT_EQ(header[0], "id:ID");
  EXPECT_EQ(header[1], ":LABEL");
  EXPECT_EQ(header[2], "name:string");
  EXPECT_NE(std::find(header.begin(), header.end(), "enrolled:long"), header.end());
  EXPECT_NE(std::find(header.begin(), header.end(), "randomized:boolean"), header.end());
  ASSERT_EQ(trials["rows"].size(), 2u);
  const json& trial = trials["rows"][0][0] == kTrial1 ? trials["rows"][0] : trials["rows"][1];
  EXPECT_EQ(trial[1], "Trial");
  EXPECT_EQ(trial[2], "Trial " + kNastyClean);

  json reports = ReadCsv("rels_REPORTS.csv");
  std::vector<std::string> start = {":START_ID", ":END_ID", ":TYPE", "id:string"};
  EXPECT_EQ(std::vector<std::string>(reports["header"].begin(), reports["header"].begin() + 4), start);
  EXPECT_NE(std::find(reports["header"].begin(), reports["header"].end(), "value:double"), reports["header"].end());
  ASSERT_EQ(reports["rows"].size(), 2u);
  size_t evidence = std::find(reports["header"].begin(), reports["header"].end(), "evidence:string") - reports["header"].begin();
  std::set<std::string> texts = {reports["rows"][0][evidence], reports["rows"][1][evidence]};
  EXPECT_TRUE(texts.count("OS was 60%,\n\"quoted\" " + kNastyClean));
  EXPECT_EQ(reports["rows"][0][2], "REPORTS");
}

// Guards JSON Lines: one valid object per node, then per edge.
TEST_P(ExportTest, JsonLinesHasOneObjectPerNodeThenEdge) {
  std::ostringstream out;
  ASSERT_TRUE(ExportJsonLines(*Source(), out).ok());
  std::istringstream in(out.str());
  std::vector<json> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
  ASSERT_EQ(lines.size(), nodes_ + edges_);
  for (size_t i = 0; i < lines.size(); ++i)
    EXPECT_EQ(lines[i]["type"], i < nodes_ ? "node" : "edge") << lines[i].dump();
  const json& edge = lines.back();
  EXPECT_EQ(edge["id"].get<std::string>().size(), 17u);
  EXPECT_TRUE(edge["provenance"].contains("source"));
}

// Everything `source` exports in every format, as text: GraphML, JSON Lines,
// and each CSV file by name.
std::map<std::string, std::string> ExportAll(const ExportSource& source, const fs::path& csv_dir) {
  std::map<std::string, std::string> out;
  std::ostringstream graphml, jsonl;
  EXPECT_TRUE(ExportGraphMl(source, graphml).ok());
  EXPECT_TRUE(ExportJsonLines(source, jsonl).ok());
  out["graphml"] = graphml.str();
  out["jsonl"] = jsonl.str();
  EXPECT_TRUE(ExportCsv(source, csv_dir.string()).ok());
  for (const fs::directory_entry& file : fs::directory_iterator(csv_dir)) out[file.path().filename()] = ReadAll(file.path());
  return out;
}

// Guards the streamed export: reading the store directly writes the very
// bytes the snapshot-based export writes, whole or narrowed to some kinds.
TEST_F(ExportFixture, StoreStreamWritesWhatTheSnapshotExportWrites) {
  for (const char* kinds_text : {"", "trial,regimen,drug"}) {
    StoreExportSource streamed(*store_);
    SnapshotExportSource loaded(snapshot_);
    if (*kinds_text) {
      std::vector<NodeKind> kinds;
      ASSERT_TRUE(ParseNodeKinds(kinds_text, &kinds).ok());
      streamed.KeepOnlyKinds(kinds);
      loaded.KeepOnlyKinds(kinds);
    }
    std::map<std::string, std::string> a = ExportAll(streamed, dir_ / ("streamed" + std::string(kinds_text)));
    std::map<std::string, std::string> b = ExportAll(loaded, dir_ / ("loaded" + std::string(kinds_text)));
    EXPECT_GT(a["graphml"].size(), 1000u);
    EXPECT_EQ(a.size(), b.size()) << kinds_text;
    for (const auto& [name, text] : b) EXPECT_TRUE(a[name] == text) << name << " differs for kinds '" << kinds_text << "'";
  }
}

// Guards the cache of document sources: with room for two documents of
// three, sources are evicted and looked up again, and every edge still gets
// its own document's source, whether the node pass visits the documents
// (and fills the cache) or not.
TEST_F(ExportFixture, StoreStreamWithATinySourceCacheWritesTheSameBytes) {
  for (const char* kinds_text : {"", "trial,regimen,drug"}) {
    StoreExportSource streamed(*store_, 2);
    SnapshotExportSource loaded(snapshot_);
    if (*kinds_text) {
      std::vector<NodeKind> kinds;
      ASSERT_TRUE(ParseNodeKinds(kinds_text, &kinds).ok());
      streamed.KeepOnlyKinds(kinds);
      loaded.KeepOnlyKinds(kinds);
    }
    std::ostringstream a, b;
    ASSERT_TRUE(ExportGraphMl(streamed, a).ok());
    ASSERT_TRUE(ExportGraphMl(loaded, b).ok());
    EXPECT_NE(a.str().find("/papers/c.txt"), std::string::npos) << kinds_text;
    EXPECT_TRUE(a.str() == b.str()) << "kinds '" << kinds_text << "'";
  }
}

// Guards a learning pass: it gets every edge, without ids or sources.
TEST_P(ExportTest, LearningPassSkipsIdsAndSources) {
  size_t n = 0;
  ASSERT_TRUE(Source()
                  ->ForEachEdge(EdgePass::kLearn,
                                [&](const ExportEdge& e) {
                                  EXPECT_EQ(e.fact, 0u);
                                  EXPECT_EQ(e.source, "");
                                  return ++n > 0;
                                })
                  .ok());
  EXPECT_EQ(n, edges_);
}

// Guards MakeExportSource, which the CLI and the server share: the whole
// store without a question, the answer's subgraph with one, then the kinds.
TEST_F(ExportFixture, MakeExportSourceTakesStoreOrAnswerThenKinds) {
  ontology::Ontology o;
  Status st = ontology::Ontology::Load(TRIALGRAPH_SOURCE_DIR "/ontology", &o);
  ASSERT_TRUE(st.ok()) << st.ToString();
  auto count_nodes = [](const ExportSource& source) {
    size_t n = 0;
    EXPECT_TRUE(source.ForEachNode([&](const Node&) { return ++n > 0; }).ok());
    return n;
  };
  ExportScope scope;
  std::unique_ptr<ExportSource> whole = MakeExportSource(*store_, nullptr, o, scope);
  EXPECT_EQ(count_nodes(*whole), nodes_);
  EXPECT_EQ(CountEdges(*whole), edges_);
  ASSERT_TRUE(ParseQuestion("trials with inotuzumab ozogamicin", o, &scope.question.emplace()).ok());
  std::unique_ptr<ExportSource> answer = MakeExportSource(*store_, snapshot_, o, scope);
  EXPECT_EQ(count_nodes(*answer), 7u);  // as in SubgraphForAnswerHoldsResultsTrialsAndNeighbours
  EXPECT_EQ(CountEdges(*answer), 7u);
  scope.kinds = {NodeKind::kTrial, NodeKind::kRegimen};
  std::unique_ptr<ExportSource> narrowed = MakeExportSource(*store_, snapshot_, o, scope);
  EXPECT_EQ(count_nodes(*narrowed), 2u);  // the trial and its regimen
  EXPECT_EQ(CountEdges(*narrowed), 1u);   // its TESTS edge
  scope.question.reset();
  EXPECT_EQ(count_nodes(*MakeExportSource(*store_, nullptr, o, scope)), 4u);  // two trials, two regimens
}

// Guards the pinned read: a store export started before a write does not
// see it, even in the pass after the write, so its keys and data agree.
TEST_F(ExportFixture, StoreStreamReadsOnePointInTime) {
  StoreExportSource before(*store_);
  std::ostringstream first;
  ASSERT_TRUE(ExportGraphMl(before, first).ok());
  Contribution d = MakeDocument("d.txt", "D");
  d.nodes.push_back({NodeKind::kTrial, "trial:NCT00000004", "Late trial", {}, json::object(), {{"late_property", 1}}});
  d.edges.push_back(MakeEdge(EdgeKind::kDescribes, d.document.id, "trial:NCT00000004", d.document.id, 0, "Late."));
  PutResult result;
  ASSERT_TRUE(store_->PutDocument(d, &result).ok());
  std::ostringstream second;
  ASSERT_TRUE(ExportGraphMl(before, second).ok());
  EXPECT_EQ(first.str(), second.str());
  std::ostringstream after;
  ASSERT_TRUE(ExportGraphMl(StoreExportSource(*store_), after).ok());
  EXPECT_NE(after.str().find("late_property"), std::string::npos);
}

// Guards the read-ahead: an edge that does not decode, far into the pass
// (the reader thread has handed batches over and waited for the writer),
// ends the pass with the store's Corruption once every edge before it was
// visited, and ends an export with it.
TEST_F(ExportFixture, StoreStreamEndsWithTheErrorOfAnEdgeMidStream) {
  AddManyEdges(3000);
  CorruptEdge(2500);
  StoreExportSource source(*store_);
  size_t visited = 0;
  Status st = source.ForEachEdge(EdgePass::kWrite, [&](const ExportEdge&) { return ++visited > 0; });
  EXPECT_EQ(st.code(), Status::Code::kCorruption) << st.ToString();
  EXPECT_EQ(visited, 2500u);
  std::ostringstream graphml, jsonl;
  EXPECT_EQ(ExportGraphMl(source, graphml).code(), Status::Code::kCorruption);
  EXPECT_EQ(ExportJsonLines(source, jsonl).code(), Status::Code::kCorruption);
  EXPECT_EQ(ExportCsv(source, (dir_ / "csv").string()).code(), Status::Code::kCorruption);
}

// Guards the read-ahead the other way: a writer that stops (its output
// failed) stops the reader thread, which is waiting for room, and the pass
// returns at once; the source reads again afterwards.
TEST_F(ExportFixture, StoreStreamStopsReadingWhenTheWriterStops) {
  AddManyEdges(3000);
  StoreExportSource source(*store_);
  size_t visited = 0;
  EXPECT_TRUE(source.ForEachEdge(EdgePass::kWrite, [&](const ExportEdge&) { return ++visited < 10; }).ok());
  EXPECT_EQ(visited, 10u);
  visited = 0;
  EXPECT_TRUE(source.ForEachNode([&](const Node&) { return ++visited < 2; }).ok());
  EXPECT_EQ(visited, 2u);
  EXPECT_EQ(CountEdges(source), edges_);
  std::ofstream failed;  // never opened: every write fails
  EXPECT_EQ(ExportJsonLines(source, failed).code(), Status::Code::kIOError);
  EXPECT_EQ(ExportGraphMl(source, failed).code(), Status::Code::kIOError);
}

// Guards the read-ahead against an exception on the writer's thread (what
// ends a request, such as running out of memory): it reaches the caller
// after the reader thread has ended, and the source reads again.
TEST_F(ExportFixture, StoreStreamPassesOnAnExceptionOfTheWriter) {
  AddManyEdges(3000);
  StoreExportSource source(*store_);
  size_t visited = 0;
  auto throw_at_ten = [&](const ExportEdge&) -> bool {
    if (++visited == 10) throw std::runtime_error("out of memory");
    return true;
  };
  EXPECT_THROW(source.ForEachEdge(EdgePass::kWrite, throw_at_ten).ok(), std::runtime_error);
  EXPECT_EQ(visited, 10u);
  EXPECT_EQ(CountEdges(source), edges_);
}

// Guards the output file: a GraphML or JSON Lines file written past the page
// cache holds exactly the bytes a stream gets (its last block is not padded),
// also when it replaces a longer file. A GraphML file differs only by the
// comment that fills the room left for its keys, ending at 64 KiB.
TEST_F(ExportFixture, FileOutputHoldsExactlyTheStreamedBytes) {
  AddManyEdges(3000);
  StoreExportSource source(*store_);
  const std::string path = (dir_ / "out").string();
  std::ofstream(path) << std::string(5 << 20, 'x');  // longer than any export here
  for (ExportFormat format : {ExportFormat::kGraphMl, ExportFormat::kJsonLines}) {
    std::ostringstream streamed;
    ASSERT_TRUE((format == ExportFormat::kGraphMl ? ExportGraphMl(source, streamed) : ExportJsonLines(source, streamed)).ok());
    ASSERT_TRUE(ExportToPath(source, format, path).ok());
    std::string expected = streamed.str(), written = ReadAll(path);
    EXPECT_GT(expected.size() % 4096, 0u);
    if (format == ExportFormat::kGraphMl) {
      constexpr size_t kHeadRoom = 65536;
      size_t graph = expected.find("  <graph ");
      ASSERT_NE(graph, std::string::npos);
      ASSERT_GT(written.size(), kHeadRoom);
      EXPECT_EQ(written.substr(0, graph), expected.substr(0, graph));
      EXPECT_TRUE(written.substr(graph).starts_with("<!-- room for the keys; "));
      EXPECT_TRUE(written.substr(0, kHeadRoom).ends_with(" -->\n"));
      expected.insert(graph, written.substr(graph, kHeadRoom - graph));
    }
    EXPECT_TRUE(written == expected);
  }
}

// Guards the fallback of a GraphML file whose keys outgrow the room left for
// them: it is written through the spool, exactly as a stream gets it.
TEST_F(ExportFixture, KeysBeyondTheHeadRoomAreSpooled) {
  Contribution c = MakeDocument("wide.txt", "wide");
  json props = json::object();
  for (int i = 0; i < 1500; ++i) props["a_rather_long_property_name_number_" + std::to_string(i)] = i;
  c.nodes.push_back({NodeKind::kTrial, kTrial1, "Trial", {}, props, json::object()});
  c.edges.push_back(MakeEdge(EdgeKind::kDescribes, c.document.id, kTrial1, c.document.id, 0, "Fact."));
  PutResult result;
  ASSERT_TRUE(store_->PutDocument(c, &result).ok());
  StoreExportSource source(*store_);
  std::ostringstream streamed;
  ASSERT_TRUE(ExportGraphMl(source, streamed).ok());
  ASSERT_GT(streamed.str().find("  <graph "), 65536u) << "the keys should outgrow the room";
  const std::string path = (dir_ / "wide.graphml").string();
  ASSERT_TRUE(ExportToPath(source, ExportFormat::kGraphMl, path).ok());
  EXPECT_TRUE(ReadAll(path) == streamed.str());
}

// Guards the option parsers the CLI relies on.
TEST(ExportOptionsTest, ParsesKindsAndFormats) {
  std::vector<NodeKind> kinds;
  EXPECT_TRUE(ParseNodeKinds("drug,adverse_event", &kinds).ok());
  EXPECT_EQ(kinds, (std::vector<NodeKind>{NodeKind::kDrug, NodeKind::kAdverseEvent}));
  Status st = ParseNodeKinds("drug,pill", &kinds);
  EXPECT_TRUE(st.IsInvalidArgument());
  EXPECT_NE(st.message().find("'pill'"), std::string::npos);
  EXPECT_TRUE(ParseNodeKinds(" , ", &kinds).IsInvalidArgument());
  EXPECT_EQ(ParseExportFormat("graphml"), ExportFormat::kGraphMl);
  EXPECT_EQ(ParseExportFormat("csv"), ExportFormat::kCsv);
  EXPECT_EQ(ParseExportFormat("jsonl"), ExportFormat::kJsonLines);
  EXPECT_EQ(ParseExportFormat("gexf"), std::nullopt);
}

}  // namespace
}  // namespace trialgraph::query
