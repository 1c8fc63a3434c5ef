#include "core/store.h"

#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <unistd.h>

#include "core/hash.h"

namespace trialgraph {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A fresh directory under the system temp dir, removed at destruction.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("tg_store_test_" + std::to_string(::getpid()) + "_" +
             std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + "_" +
             std::to_string(counter++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string str() const { return path_.string(); }

 private:
  fs::path path_;
};

Node MakeNode(NodeKind kind, const std::string& canonical, const std::string& name,
              std::vector<std::string> synonyms = {}, json props = json::object()) {
  return {kind, MakeNodeId(kind, canonical), name, std::move(synonyms), std::move(props)};
}

Edge MakeEdge(EdgeKind kind, const std::string& from, const std::string& to, const std::string& doc, uint32_t start,
              const std::string& text) {
  return {kind, from, to, json::object(), {doc, start, start + static_cast<uint32_t>(text.size()), text}};
}

// Document `name` with one trial testing a regimen of `drugs`; content hash from `content`.
Contribution MakeDoc(const std::string& name, const std::string& trial, const std::vector<std::string>& drugs,
                     const std::string& content) {
  Contribution c;
  c.document = MakeNode(NodeKind::kDocument, "path:" + name, name, {}, {{"source", "/papers/" + name}});
  c.source = "/papers/" + name;
  c.content_hash = ContentHash128(content);
  const std::string doc = c.document.id;
  Node t = MakeNode(NodeKind::kTrial, trial, trial);
  std::string regimen_canonical;
  for (const std::string& d : drugs) regimen_canonical += (regimen_canonical.empty() ? "" : "+") + d;
  Node r = MakeNode(NodeKind::kRegimen, regimen_canonical, regimen_canonical, {}, {{"drugs", drugs}});
  c.nodes.push_back(t);
  c.nodes.push_back(r);
  c.edges.push_back(MakeEdge(EdgeKind::kDescribes, doc, t.id, doc, 0, "A trial."));
  c.edges.push_back(MakeEdge(EdgeKind::kTests, t.id, r.id, doc, 9, "Patients received " + regimen_canonical + "."));
  for (const std::string& d : drugs) {
    Node drug = MakeNode(NodeKind::kDrug, d, d);
    c.nodes.push_back(drug);
    c.edges.push_back(MakeEdge(EdgeKind::kContains, r.id, drug.id, doc, 9, "Patients received " + regimen_canonical + "."));
  }
  return c;
}

std::unique_ptr<Store> OpenStore(const std::string& dir, StoreOptions options = {}) {
  std::unique_ptr<Store> store;
  Status st = Store::Open(dir, options, &store);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return store;
}

StoreStats StatsOf(const Store& store) {
  StoreStats stats;
  Status st = store.Stats(&stats);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return stats;
}

bool HasNode(const Store& store, const std::string& id) {
  Node node;
  return store.GetNode(id, &node).ok();
}

std::vector<std::string> EdgeKeysOf(const Store& store) {
  std::vector<std::string> out;
  EXPECT_TRUE(store.ForEachEdge([&](const Edge& e) {
                     out.push_back(std::string(EdgeKindName(e.kind)) + " " + e.from + " -> " + e.to);
                   }).ok());
  return out;
}

// Guards that one document's nodes and edges are all written and counted by kind.
TEST(StoreTest, PutDocumentAddsNodesAndEdges) {
  TempDir dir;
  auto store = OpenStore(dir.str());
  ASSERT_TRUE(store);
  PutResult result;
  Contribution c = MakeDoc("a.txt", "NCT00000001", {"blinatumomab", "inotuzumab ozogamicin"}, "bytes of a");
  ASSERT_TRUE(store->PutDocument(c, &result).ok());
  EXPECT_EQ(result, PutResult::kAdded);
  StoreStats stats = StatsOf(*store);
  EXPECT_EQ(stats.documents, 1u);
  EXPECT_EQ(stats.nodes["document"], 1u);
  EXPECT_EQ(stats.nodes["trial"], 1u);
  EXPECT_EQ(stats.nodes["regimen"], 1u);
  EXPECT_EQ(stats.nodes["drug"], 2u);
  EXPECT_EQ(stats.nodes["population"], 0u);
  EXPECT_EQ(stats.edges["DESCRIBES"], 1u);
  EXPECT_EQ(stats.edges["TESTS"], 1u);
  EXPECT_EQ(stats.edges["CONTAINS"], 2u);
  EXPECT_EQ(stats.ToJson()["nodes"]["drug"], 2);
  EXPECT_TRUE(store->ContainsContent(ContentHash128("bytes of a")));
  EXPECT_FALSE(store->ContainsContent(ContentHash128("other bytes")));

  Node drug;
  ASSERT_TRUE(store->GetNode("drug:blinatumomab", &drug).ok());
  EXPECT_EQ(drug.kind, NodeKind::kDrug);
  EXPECT_EQ(drug.name, "blinatumomab");
  DocumentRecord record;
  ASSERT_TRUE(store->GetDocument(c.document.id, &record).ok());
  EXPECT_EQ(record.source, "/papers/a.txt");
  EXPECT_EQ(record.content_hash, ContentHashHex(c.content_hash));
  EXPECT_EQ(record.node_ids.size(), 5u);  // document, trial, regimen, two drugs
  EXPECT_EQ(record.edge_keys.size(), 4u);

  // Edges keep their provenance.
  bool found = false;
  ASSERT_TRUE(store->ForEachEdge([&](const Edge& e) {
                     if (e.kind != EdgeKind::kTests) return;
                     found = true;
                     EXPECT_EQ(e.provenance.document, c.document.id);
                     EXPECT_EQ(e.provenance.text, "Patients received blinatumomab+inotuzumab ozogamicin.");
                     EXPECT_EQ(e.provenance.start, 9u);
                   }).ok());
  EXPECT_TRUE(found);
}

// Guards that re-putting identical bytes is a no-op reported as kUnchanged.
// Guards the README's first command in a clean clone: a store path whose
// parent directories do not exist yet is created, not refused.
TEST(StoreTest, OpeningCreatesMissingParentDirectories) {
  TempDir dir;
  const std::string nested = dir.str() + "/data/stores/sample.db";
  auto store = OpenStore(nested);
  ASSERT_TRUE(store);
  PutResult result;
  EXPECT_TRUE(store->PutDocument(MakeDoc("a.txt", "NCT00000001", {"blinatumomab"}, "a"), &result).ok());
  std::unique_ptr<Store> missing;
  StoreOptions read_only;
  read_only.read_only = true;
  EXPECT_FALSE(Store::Open(dir.str() + "/elsewhere/none.db", read_only, &missing).ok());
  EXPECT_FALSE(std::filesystem::exists(dir.str() + "/elsewhere"));  // reading never creates anything
}

TEST(StoreTest, IdenticalContentIsUnchanged) {
  TempDir dir;
  auto store = OpenStore(dir.str());
  PutResult result;
  Contribution c = MakeDoc("a.txt", "NCT00000001", {"blinatumomab"}, "same bytes");
  ASSERT_TRUE(store->PutDocument(c, &result).ok());
  json before = StatsOf(*store).ToJson();
  std::vector<std::string> edges_before = EdgeKeysOf(*store);
  ASSERT_TRUE(store->PutDocument(c, &result).ok());
  EXPECT_EQ(result, PutResult::kUnchanged);
  EXPECT_EQ(StatsOf(*store).ToJson(), before);
  EXPECT_EQ(EdgeKeysOf(*store), edges_before);
}

// Guards replacement: old edges and nodes only the old version referenced go; shared nodes stay.
TEST(StoreTest, ChangedDocumentReplacesItsOldFacts) {
  TempDir dir;
  auto store = OpenStore(dir.str());
  PutResult result;
  ASSERT_TRUE(store->PutDocument(MakeDoc("a.txt", "NCT00000001", {"blinatumomab", "vincristine"}, "a v1"), &result).ok());
  ASSERT_TRUE(store->PutDocument(MakeDoc("b.txt", "NCT00000002", {"vincristine"}, "b v1"), &result).ok());
  ASSERT_EQ(result, PutResult::kAdded);

  Contribution a2 = MakeDoc("a.txt", "NCT00000001", {"inotuzumab ozogamicin"}, "a v2");
  ASSERT_TRUE(store->PutDocument(a2, &result).ok());
  EXPECT_EQ(result, PutResult::kReplaced);

  EXPECT_FALSE(HasNode(*store, "drug:blinatumomab"));                // only a v1 referenced it
  EXPECT_FALSE(HasNode(*store, "regimen:blinatumomab+vincristine"));  // only a v1 referenced it
  EXPECT_TRUE(HasNode(*store, "drug:vincristine"));                   // b still references it
  EXPECT_TRUE(HasNode(*store, "drug:inotuzumab ozogamicin"));
  EXPECT_TRUE(HasNode(*store, "trial:NCT00000001"));                  // re-added by a v2
  EXPECT_FALSE(store->ContainsContent(ContentHash128("a v1")));
  EXPECT_TRUE(store->ContainsContent(ContentHash128("a v2")));

  std::vector<std::string> edges = EdgeKeysOf(*store);
  EXPECT_EQ(std::count(edges.begin(), edges.end(), "CONTAINS regimen:blinatumomab+vincristine -> drug:blinatumomab"), 0);
  EXPECT_EQ(std::count(edges.begin(), edges.end(), "TESTS trial:NCT00000001 -> regimen:blinatumomab+vincristine"), 0);
  EXPECT_EQ(std::count(edges.begin(), edges.end(), "TESTS trial:NCT00000001 -> regimen:inotuzumab ozogamicin"), 1);
  EXPECT_EQ(std::count(edges.begin(), edges.end(), "CONTAINS regimen:vincristine -> drug:vincristine"), 1);

  StoreStats stats = StatsOf(*store);
  EXPECT_EQ(stats.documents, 2u);
  EXPECT_EQ(stats.nodes["drug"], 2u);     // vincristine, inotuzumab ozogamicin
  EXPECT_EQ(stats.nodes["regimen"], 2u);  // vincristine, inotuzumab ozogamicin
  EXPECT_EQ(stats.edges["CONTAINS"], 2u);
  EXPECT_EQ(stats.edges["TESTS"], 2u);
  EXPECT_EQ(stats.edges["DESCRIBES"], 2u);

  // The name index forgets nodes that were dropped.
  std::vector<Node> found;
  ASSERT_TRUE(store->FindByNamePrefix("blina", 10, &found).ok());
  EXPECT_TRUE(found.empty());
}

// Guards that a node kept across a replacement does not keep index entries for names it lost.
TEST(StoreTest, ReplacementDropsStaleNamesOfKeptNodes) {
  // entries are never deleted; FindByNamePrefix("oldname") still returns the trial after its synonym was dropped.
  TempDir dir;
  auto store = OpenStore(dir.str());
  PutResult result;
  Contribution v1 = MakeDoc("a.txt", "NCT00000001", {"blinatumomab"}, "v1");
  v1.nodes[0].synonyms = {"OLDNAME-1"};  // the trial node
  ASSERT_TRUE(store->PutDocument(v1, &result).ok());
  Contribution v2 = MakeDoc("a.txt", "NCT00000001", {"blinatumomab"}, "v2");
  ASSERT_TRUE(store->PutDocument(v2, &result).ok());
  ASSERT_EQ(result, PutResult::kReplaced);
  Node trial;
  ASSERT_TRUE(store->GetNode("trial:NCT00000001", &trial).ok());
  EXPECT_TRUE(trial.synonyms.empty());
  std::vector<Node> found;
  ASSERT_TRUE(store->FindByNamePrefix("oldname", 10, &found).ok());
  EXPECT_TRUE(found.empty());
}

// The documents of a sequence where later ones share, replace and re-add
// what earlier ones wrote (names, trials, drugs), with one duplicate.
std::vector<Contribution> OverlappingDocs() {
  Contribution a1 = MakeDoc("a.txt", "NCT00000001", {"blinatumomab", "vincristine"}, "a v1");
  a1.nodes[0].synonyms = {"OLDNAME-1"};
  return {a1,
          MakeDoc("b.txt", "NCT00000002", {"vincristine"}, "b v1"),
          MakeDoc("a.txt", "NCT00000001", {"inotuzumab ozogamicin"}, "a v2"),
          MakeDoc("c.txt", "NCT00000001", {"blinatumomab"}, "c v1"),
          MakeDoc("b.txt", "NCT00000002", {"vincristine"}, "b v1"),
          MakeDoc("a.txt", "NCT00000003", {"blinatumomab", "vincristine"}, "a v3")};
}

std::string DigestOf(const Store& store) {
  CheckReport report;
  EXPECT_TRUE(store.Check(&report).ok());
  EXPECT_EQ(report.problem_count, 0u) << report.ToJson().dump();
  return report.digest;
}

// Guards group commits: documents staged together see each other's changes,
// so one commit leaves the same graph as writing them one by one.
TEST(StoreTest, StagedGroupEqualsDocumentByDocument) {
  TempDir one_by_one, grouped;
  auto reference = OpenStore(one_by_one.str());
  auto store = OpenStore(grouped.str());
  std::vector<PutResult> expected, staged;
  for (const Contribution& c : OverlappingDocs()) {
    PutResult result;
    ASSERT_TRUE(reference->PutDocument(c, &result).ok());
    expected.push_back(result);
    EncodedDocument encoded;
    ASSERT_TRUE(Store::Encode(c, &encoded).ok());
    ASSERT_TRUE(store->StageDocument(encoded, &result).ok());
    staged.push_back(result);
  }
  EXPECT_EQ(staged, expected);
  EXPECT_GT(store->StagedBytes(), 0u);
  EXPECT_FALSE(HasNode(*store, "trial:NCT00000003"));  // not visible before the commit
  ASSERT_TRUE(store->CommitStaged().ok());
  EXPECT_EQ(store->StagedBytes(), 0u);
  EXPECT_EQ(DigestOf(*store), DigestOf(*reference));
  std::vector<Node> found;
  ASSERT_TRUE(store->FindByNamePrefix("oldname", 10, &found).ok());
  EXPECT_TRUE(found.empty());
}

// Guards that a document with a malformed id fails to encode, and the
// documents staged around it are still written.
TEST(StoreTest, MalformedDocumentKeepsTheGroup) {
  TempDir dir;
  auto store = OpenStore(dir.str());
  Contribution bad = MakeDoc("b.txt", "NCT00000002", {"vincristine"}, "b");
  bad.nodes.push_back({NodeKind::kDrug, "no kind prefix", "x", {}, json::object()});
  EncodedDocument good, unused;
  EXPECT_TRUE(Store::Encode(bad, &unused).IsInvalidArgument());
  ASSERT_TRUE(Store::Encode(MakeDoc("a.txt", "NCT00000001", {"blinatumomab"}, "a"), &good).ok());
  PutResult result;
  ASSERT_TRUE(store->StageDocument(good, &result).ok());
  EXPECT_TRUE(store->PutDocument(bad, &result).IsInvalidArgument());
  ASSERT_TRUE(store->CommitStaged().ok());
  EXPECT_TRUE(HasNode(*store, "trial:NCT00000001"));
  EXPECT_FALSE(HasNode(*store, "trial:NCT00000002"));
  EXPECT_FALSE(HasNode(*store, "drug:vincristine"));
  EXPECT_EQ(StatsOf(*store).documents, 1u);
  DigestOf(*store);
}

// Guards that a replacement keeps the index entries of the names its nodes still have.
TEST(StoreTest, ReplacementKeepsNamesOfUnchangedNodes) {
  TempDir dir;
  auto store = OpenStore(dir.str());
  PutResult result;
  ASSERT_TRUE(store->PutDocument(MakeDoc("a.txt", "NCT00000001", {"blinatumomab"}, "v1"), &result).ok());
  ASSERT_TRUE(store->PutDocument(MakeDoc("a.txt", "NCT00000001", {"blinatumomab"}, "v2"), &result).ok());
  ASSERT_EQ(result, PutResult::kReplaced);
  for (const char* prefix : {"nct00000001", "a.txt", "blinatumomab"}) {
    std::vector<Node> found;
    ASSERT_TRUE(store->FindByNamePrefix(prefix, 10, &found).ok());
    EXPECT_FALSE(found.empty()) << prefix;
  }
}

// Guards RemoveDocument: its facts go, shared nodes stay, a second removal is NotFound.
TEST(StoreTest, RemoveDocument) {
  TempDir dir;
  auto store = OpenStore(dir.str());
  PutResult result;
  Contribution a = MakeDoc("a.txt", "NCT00000001", {"blinatumomab", "vincristine"}, "a");
  ASSERT_TRUE(store->PutDocument(a, &result).ok());
  ASSERT_TRUE(store->PutDocument(MakeDoc("b.txt", "NCT00000002", {"vincristine"}, "b"), &result).ok());

  ASSERT_TRUE(store->RemoveDocument(a.document.id).ok());
  EXPECT_FALSE(HasNode(*store, a.document.id));
  EXPECT_FALSE(HasNode(*store, "trial:NCT00000001"));
  EXPECT_FALSE(HasNode(*store, "drug:blinatumomab"));
  EXPECT_TRUE(HasNode(*store, "drug:vincristine"));
  EXPECT_FALSE(store->ContainsContent(a.content_hash));
  DocumentRecord record;
  EXPECT_TRUE(store->GetDocument(a.document.id, &record).IsNotFound());

  StoreStats stats = StatsOf(*store);
  EXPECT_EQ(stats.documents, 1u);
  EXPECT_EQ(stats.nodes["trial"], 1u);
  EXPECT_EQ(stats.nodes["drug"], 1u);
  EXPECT_EQ(stats.edges["CONTAINS"], 1u);
  EXPECT_EQ(stats.edges["DESCRIBES"], 1u);
  size_t refs = 0;
  ASSERT_TRUE(store->ForEachNodeRef([&](const NodeKey&, uint64_t doc, const json&) {
                     ++refs;
                     EXPECT_EQ(doc, KeyCodec::DocumentHash("document:path:b.txt"));
                   }).ok());
  EXPECT_EQ(refs, 4u);  // b's document, trial, regimen, drug

  EXPECT_TRUE(store->RemoveDocument(a.document.id).IsNotFound());
  // The same bytes can be added again after removal.
  ASSERT_TRUE(store->PutDocument(a, &result).ok());
  EXPECT_EQ(result, PutResult::kAdded);
}

// Guards durability: a reopened store has the same contents.
TEST(StoreTest, ReopenKeepsStats) {
  TempDir dir;
  json before;
  {
    auto store = OpenStore(dir.str());
    PutResult result;
    ASSERT_TRUE(store->PutDocument(MakeDoc("a.txt", "NCT00000001", {"blinatumomab"}, "a"), &result).ok());
    ASSERT_TRUE(store->PutDocument(MakeDoc("b.txt", "NCT00000002", {"imatinib", "dasatinib"}, "b"), &result).ok());
    before = StatsOf(*store).ToJson();
    EXPECT_EQ(before["documents"], 2);
  }
  auto store = OpenStore(dir.str());
  ASSERT_TRUE(store);
  EXPECT_EQ(StatsOf(*store).ToJson(), before);
  PutResult result;
  ASSERT_TRUE(store->PutDocument(MakeDoc("a.txt", "NCT00000001", {"blinatumomab"}, "a"), &result).ok());
  EXPECT_EQ(result, PutResult::kUnchanged);
}

// Guards GetNode's contract: NotFound leaves the output untouched; malformed ids are not NotFound.
TEST(StoreTest, GetNodeNotFoundLeavesOutputUntouched) {
  TempDir dir;
  auto store = OpenStore(dir.str());
  Node node = MakeNode(NodeKind::kEndpoint, "sentinel", "Sentinel", {"s"}, {{"k", 1}});
  Status st = store->GetNode("drug:nonexistent", &node);
  EXPECT_TRUE(st.IsNotFound()) << st.ToString();
  EXPECT_EQ(node.id, "endpoint:sentinel");
  EXPECT_EQ(node.name, "Sentinel");
  EXPECT_EQ(node.kind, NodeKind::kEndpoint);
  EXPECT_EQ(node.synonyms, std::vector<std::string>{"s"});
  EXPECT_EQ(node.props["k"], 1);
  st = store->GetNode("nonsense", &node);
  EXPECT_FALSE(st.ok());
  EXPECT_FALSE(st.IsNotFound());
  EXPECT_EQ(node.name, "Sentinel");
}

// Guards the name index: prefix search over names and synonyms, case-insensitive, bounded by limit.
TEST(StoreTest, FindByNamePrefix) {
  TempDir dir;
  auto store = OpenStore(dir.str());
  Contribution c = MakeDoc("a.txt", "NCT00000001", {"blinatumomab", "inotuzumab ozogamicin"}, "a");
  for (Node& n : c.nodes)
    if (n.id == "drug:inotuzumab ozogamicin") n.synonyms = {"Besponsa", "InO"};
    else if (n.id == "drug:blinatumomab") n.synonyms = {"Blincyto"};
  PutResult result;
  ASSERT_TRUE(store->PutDocument(c, &result).ok());

  auto ids = [&](std::string_view prefix, size_t limit = 10) {
    std::vector<Node> nodes;
    Status st = store->FindByNamePrefix(prefix, limit, &nodes);
    EXPECT_TRUE(st.ok()) << st.ToString();
    std::vector<std::string> out;
    for (const Node& n : nodes) out.push_back(n.id);
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(ids("BLIN"), (std::vector<std::string>{"drug:blinatumomab", "regimen:blinatumomab+inotuzumab ozogamicin"}));
  EXPECT_EQ(ids("besp"), std::vector<std::string>{"drug:inotuzumab ozogamicin"});  // by synonym
  EXPECT_EQ(ids("BeSpOnSa"), std::vector<std::string>{"drug:inotuzumab ozogamicin"});
  EXPECT_EQ(ids("blincyto"), std::vector<std::string>{"drug:blinatumomab"});
  EXPECT_EQ(ids("Inotuzumab   Ozo"), std::vector<std::string>{"drug:inotuzumab ozogamicin"});  // white space folded
  // "ino" matches inotuzumab's name and its synonym "InO": still one result.
  EXPECT_EQ(ids("ino"), std::vector<std::string>{"drug:inotuzumab ozogamicin"});
  EXPECT_TRUE(ids("zzz").empty());
  EXPECT_EQ(ids("b", 1).size(), 1u);
}

// Guards the format check: a store written by a newer format is refused with NotSupported.
TEST(StoreTest, NewerFormatVersionIsRefused) {
  TempDir dir;
  {
    auto store = OpenStore(dir.str());
    ASSERT_TRUE(store);
  }
  {
    // Rewrite the version entry with a raw RocksDB handle over the same column families.
    rocksdb::DBOptions options;
    std::vector<std::string> names;
    ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(options, dir.str(), &names).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
    for (const std::string& name : names) descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir.str(), descriptors, &handles, &raw).ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    size_t meta = std::find(names.begin(), names.end(), rocksdb::kDefaultColumnFamilyName) - names.begin();
    ASSERT_LT(meta, names.size());
    std::string stored;
    ASSERT_TRUE(db->Get(rocksdb::ReadOptions(), handles[meta], "format_version", &stored).ok());
    EXPECT_EQ(KeyCodec::DecodeU32(stored), kStoreFormatVersion);
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), handles[meta], "format_version",
                        KeyCodec::EncodeU32(kStoreFormatVersion + 1))
                    .ok());
    for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
    ASSERT_TRUE(db->Close().ok());
  }
  std::unique_ptr<Store> store;
  Status st = Store::Open(dir.str(), {}, &store);
  EXPECT_EQ(st.code(), Status::Code::kNotSupported) << st.ToString();
  EXPECT_NE(st.message().find(std::to_string(kStoreFormatVersion + 1)), std::string::npos) << st.message();
  EXPECT_FALSE(store);
}

// Guards read-only access: it opens a store another handle is writing, sees its data, and refuses writes.
TEST(StoreTest, ReadOnlyOpenOfStoreInUse) {
  TempDir dir;
  auto writer = OpenStore(dir.str());
  ASSERT_TRUE(writer);
  PutResult result;
  ASSERT_TRUE(writer->PutDocument(MakeDoc("a.txt", "NCT00000001", {"blinatumomab"}, "a"), &result).ok());

  // A second writer is refused while the first holds the lock.
  std::unique_ptr<Store> second;
  EXPECT_FALSE(Store::Open(dir.str(), {}, &second).ok());

  StoreOptions ro;
  ro.read_only = true;
  std::unique_ptr<Store> reader;
  Status st = Store::Open(dir.str(), ro, &reader);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(StatsOf(*reader).documents, 1u);
  EXPECT_TRUE(HasNode(*reader, "drug:blinatumomab"));
  Status put = reader->PutDocument(MakeDoc("b.txt", "NCT00000002", {"imatinib"}, "b"), &result);
  EXPECT_EQ(put.code(), Status::Code::kNotSupported);
  EXPECT_EQ(reader->RemoveDocument("document:path:a.txt").code(), Status::Code::kNotSupported);
}

// Guards that a read-only open of a missing store fails instead of creating one.
TEST(StoreTest, ReadOnlyOpenOfMissingStoreFails) {
  TempDir dir;
  StoreOptions ro;
  ro.read_only = true;
  std::unique_ptr<Store> store;
  EXPECT_FALSE(Store::Open(dir.str() + "/absent", ro, &store).ok());
  EXPECT_FALSE(fs::exists(dir.str() + "/absent/CURRENT"));
}

}  // namespace
}  // namespace trialgraph
