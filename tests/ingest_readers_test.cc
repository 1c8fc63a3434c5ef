#include "ingest/readers.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <zlib.h>

#include "ingest/text_reader.h"
#include "tests/test_support.h"

namespace trialgraph::ingest {
namespace {

using trialgraph::testing::RealOntology;
using trialgraph::testing::GzipOf;
using trialgraph::testing::Slurp;

using ontology::Ontology;



const std::string kData = TRIALGRAPH_SHARED_DIR "/data/";

TEST(DetectFormat, FromContent) {
  EXPECT_EQ(DetectFormat(Slurp(kData + "pubmed/medline16n0902.xml.gz")), Format::kGzip);
  EXPECT_EQ(DetectFormat(Slurp(kData + "pubmed/pubmed-29768149.xml")), Format::kPubmedXml);
  EXPECT_EQ(DetectFormat(Slurp(kData + "pubmed/pubmed_result1.txt")), Format::kMedline);
  EXPECT_EQ(DetectFormat(Slurp(kData + "bc5cdr/CDR_DevelopmentSet.PubTator.txt")), Format::kPubtator);
  EXPECT_EQ(DetectFormat(Slurp(kData + "ctgov/json/NCT03478891.json")), Format::kCtgovJson);
  EXPECT_EQ(DetectFormat(Slurp(kData + "ctgov/json/NCT04780763.json")), Format::kCtgovJson);
  EXPECT_EQ(DetectFormat(Slurp(kData + "ctgov/xml/NCT01207388.xml")), Format::kCtgovXml);
  EXPECT_EQ(DetectFormat("<!-- c --><MedlineCitation><PMID>1</PMID></MedlineCitation>"), Format::kPubmedXml);
  EXPECT_EQ(DetectFormat("Plain words about a trial."), Format::kText);
  EXPECT_EQ(DetectFormat(Slurp(kData + "pubmed/efetch_pmc.xml")), Format::kOtherXml);
  EXPECT_EQ(DetectFormat(Slurp(std::string(TRIALGRAPH_SHARED_DIR) + "/seeds/gold/000_67000b407d64d34d.json")),
            Format::kOtherJson);
  EXPECT_EQ(DetectFormat("<html><body>A saved page</body></html>"), Format::kText);
}

// XML and JSON of other kinds are refused with a message, not read as prose.
TEST(ReadDocuments, OtherXmlAndJsonAreRefused) {
  std::vector<SourceDocument> docs;
  Status xml = ReadDocuments("pmc.xml", Slurp(kData + "pubmed/efetch_pmc.xml"), RealOntology(), &docs);
  EXPECT_TRUE(xml.IsInvalidArgument());
  EXPECT_NE(xml.message().find("pmc-articleset"), std::string::npos);
  Status json = ReadDocuments("x.json", "{\"not\": \"a study\"}", RealOntology(), &docs);
  EXPECT_TRUE(json.IsInvalidArgument());
  EXPECT_TRUE(docs.empty());
}

TEST(ReadDocuments, GzippedMedlineBaseline) {
  std::vector<SourceDocument> docs;
  Status st = ReadDocuments("m.xml.gz", Slurp(kData + "pubmed/medline16n0902.xml.gz"), RealOntology(), &docs);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_GE(docs.size(), 600u);
  for (const SourceDocument& d : docs) {
    EXPECT_EQ(d.format, "pubmed-xml");
    EXPECT_TRUE(d.ids.pmid.has_value());
  }
}

TEST(ReadDocuments, GzippedCurrentPubmed) {
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadDocuments("t.xml.gz", Slurp(kData + "pubmed/test_current_medline.xml.gz"), RealOntology(), &docs).ok());
  EXPECT_GE(docs.size(), 1u);
}

TEST(ReadDocuments, DispatchesEachFormat) {
  struct Case { std::string path, format; };
  for (const Case& c : {Case{"pubmed/pubmed-29768149.xml", "pubmed-xml"}, Case{"pubmed/pubmed_result3.txt", "medline"},
                        Case{"bc5cdr/CDR_DevelopmentSet.PubTator.txt", "pubtator"},
                        Case{"ctgov/json/NCT04780763.json", "ctgov-json"}, Case{"ctgov/xml/NCT01207388.xml", "ctgov-xml"}}) {
    std::vector<SourceDocument> docs;
    Status st = ReadDocuments(c.path, Slurp(kData + c.path), RealOntology(), &docs);
    ASSERT_TRUE(st.ok()) << c.path << ": " << st.ToString();
    ASSERT_FALSE(docs.empty()) << c.path;
    EXPECT_EQ(docs[0].format, c.format) << c.path;
  }
}

TEST(ReadDocuments, TruncatedGzipIsAnError) {
  std::string bytes = Slurp(kData + "pubmed/medline16n0902.xml.gz");
  std::vector<SourceDocument> docs;
  Status st = ReadDocuments("half.gz", bytes.substr(0, bytes.size() / 2), RealOntology(), &docs);
  EXPECT_TRUE(st.IsInvalidArgument());
  EXPECT_EQ(st.message(), "truncated gzip stream");
  EXPECT_TRUE(docs.empty());
}


// Guards the gzip cap following the content: a compressed text page is
// refused at the page limit, not inflated up to the 1 GiB cap first.
TEST(ReadDocuments, GzippedTextPageIsCappedAtThePageLimit) {
  std::string page = "A trial of blinatumomab\n" + std::string(kMaxTextPageBytes, '\n');
  std::vector<SourceDocument> docs;
  Status st = ReadDocuments("bomb.txt.gz", GzipOf(page), RealOntology(), &docs);
  EXPECT_TRUE(st.IsInvalidArgument());
  EXPECT_NE(st.message().find("more than 16 MiB"), std::string::npos) << st.message();
  EXPECT_TRUE(docs.empty());
  std::string seed = Slurp(TRIALGRAPH_SHARED_DIR "/seeds/003_60d2d26cd833c971.txt");
  ASSERT_TRUE(ReadDocuments("seed.txt.gz", GzipOf(seed), RealOntology(), &docs).ok());
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].text, seed);
}

TEST(ReadDocuments, JunkBytesAreAnError) {
  std::vector<SourceDocument> docs;
  std::string junk("\x00\x01\xff\xfe junk \x80\x81", 13);
  Status st = ReadDocuments("junk.bin", junk, RealOntology(), &docs);
  EXPECT_TRUE(st.IsInvalidArgument());
  std::string invalid_utf8 = "some text \xC3\x28 more text here to be a line";
  EXPECT_FALSE(ReadDocuments("bad.txt", invalid_utf8, RealOntology(), &docs).ok());
  std::string gz_of_junk("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\x63\x00\x00\x00\x00\x00\x00\x00\x00\x00", 20);
  EXPECT_FALSE(ReadDocuments("j.gz", gz_of_junk, RealOntology(), &docs).ok());
  EXPECT_TRUE(docs.empty());
}

TEST(SelectDocument, KeepsTheArticleWithThePmid) {
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadDocuments("m.xml.gz", Slurp(kData + "pubmed/medline16n0902.xml.gz"), RealOntology(), &docs).ok());
  Status st = SelectDocument("m.xml.gz", "25974212", &docs);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].ids.pmid, "25974212");
  EXPECT_EQ(docs[0].source, "m.xml.gz#25974212");
}

TEST(SelectDocument, KeepsTheStudyWithTheNctId) {
  std::string page = "{\"studies\": [" + Slurp(kData + "ctgov/json/NCT00465816.json") + "," +
                     Slurp(kData + "ctgov/json/NCT03453554.json") + "]}";
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadDocuments("page.json", page, RealOntology(), &docs).ok());
  ASSERT_EQ(docs.size(), 2u);
  ASSERT_TRUE(SelectDocument("page.json", "NCT03453554", &docs).ok());
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].source, "page.json#NCT03453554");
}

// An article is known by its PMID, not by the registry ids it cites.
TEST(SelectDocument, UnknownIdNamesTheFileAndTheId) {
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadDocuments("a.xml", Slurp(kData + "pubmed/pubmed-29768149.xml"), RealOntology(), &docs).ok());
  ASSERT_EQ(docs[0].ids.nct.front(), "NCT02149199");
  Status st = SelectDocument("a.xml", "NCT02149199", &docs);
  EXPECT_TRUE(st.IsNotFound());
  EXPECT_EQ(st.message(), "a.xml holds no document with id NCT02149199 (it holds 1 document)");
  EXPECT_TRUE(docs.empty());
}

}  // namespace
}  // namespace trialgraph::ingest
