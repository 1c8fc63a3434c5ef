#include "ingest/pipeline.h"

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include <gtest/gtest.h>

#include "tests/test_support.h"

namespace trialgraph::ingest {
namespace {

using trialgraph::testing::RealOntology;

const std::string kData = TRIALGRAPH_SHARED_DIR "/data/";

TEST(ReadFile, SelectsOneArticleOfAGzippedSet) {
  std::vector<SourceDocument> docs;
  Status st = ReadFile(kData + "pubmed/medline16n0902.xml.gz#25974212", RealOntology(), &docs);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].source, kData + "pubmed/medline16n0902.xml.gz#25974212");
  EXPECT_EQ(docs[0].format, "pubmed-xml");
  EXPECT_EQ(docs[0].ids.doi, "10.1111/bjh.13493");
}

TEST(ReadFile, SelectsOneAbstractOfAPubtatorCorpus) {
  std::vector<SourceDocument> docs;
  Status st = ReadFile(kData + "bc5cdr/CDR_TrainingSet.PubTator.txt#3856631", RealOntology(), &docs);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].format, "pubtator");
  EXPECT_EQ(docs[0].ids.pmid, "3856631");
}

TEST(ReadFile, UnknownIdIsAnError) {
  std::vector<SourceDocument> docs;
  Status st = ReadFile(kData + "bc5cdr/CDR_TrainingSet.PubTator.txt#1", RealOntology(), &docs);
  EXPECT_TRUE(st.IsNotFound());
  EXPECT_EQ(st.message(), kData + "bc5cdr/CDR_TrainingSet.PubTator.txt holds no document with id 1 (it holds 1000 documents)");
  EXPECT_TRUE(docs.empty());
}

// A name with '#' that is a file is that file; "#ID" after it selects in it.
TEST(ReadFile, FileNameWithHashIsReadWhole) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("tg-pipeline-test-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string file = (dir / "set#2").string();
  std::ofstream(file) << "PMID- 1\nTI  - One title here\n\nPMID- 2\nTI  - Two title here\n";
  std::vector<SourceDocument> whole, one;
  EXPECT_TRUE(ReadFile(file, RealOntology(), &whole).ok());
  EXPECT_EQ(whole.size(), 2u);
  EXPECT_TRUE(ReadFile(file + "#1", RealOntology(), &one).ok());
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].ids.pmid, "1");
  std::filesystem::remove_all(dir);
}

TEST(GatherPaths, KeepsASelectorOfAnExistingFile) {
  std::vector<IngestFailure> failed;
  std::vector<std::string> paths =
      GatherPaths({kData + "pubmed/medline16n0902.xml.gz#25974212", kData + "pubmed/missing.xml#1"}, &failed);
  EXPECT_EQ(paths, std::vector<std::string>{kData + "pubmed/medline16n0902.xml.gz#25974212"});
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].path, kData + "pubmed/missing.xml#1");
}

}  // namespace
}  // namespace trialgraph::ingest
