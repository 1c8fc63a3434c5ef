#include "ingest/pubmed_reader.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/test_support.h"

#include "ingest/gzip.h"

namespace trialgraph::ingest {
namespace {

using trialgraph::testing::Slurp;


const std::string kDir = TRIALGRAPH_SHARED_DIR "/data/pubmed/";

std::string_view At(const SourceDocument& d, Span s) { return std::string_view(d.text).substr(s.start, s.end - s.start); }

TEST(PubmedXml, ReadsEfetchArticle) {
  std::vector<SourceDocument> docs;
  Status st = ReadPubmedXml(kDir + "pubmed-29768149.xml", Slurp(kDir + "pubmed-29768149.xml"), &docs);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_EQ(docs.size(), 1u);
  const SourceDocument& d = docs[0];
  EXPECT_EQ(d.format, "pubmed-xml");
  EXPECT_EQ(d.source, kDir + "pubmed-29768149.xml#29768149");
  EXPECT_EQ(d.ids.pmid, "29768149");
  EXPECT_EQ(d.ids.doi, "10.1056/NEJMoa1715274");
  ASSERT_TRUE(d.title && d.title_span);
  EXPECT_EQ(*d.title, "Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma.");
  EXPECT_EQ(At(d, *d.title_span), *d.title);
  ASSERT_EQ(d.body.size(), 4u);
  EXPECT_TRUE(At(d, d.body[0]).starts_with("BACKGROUND: In patients with mild asthma"));
  EXPECT_NE(At(d, d.body[0]).find("\xCE\xB2 2-agonist"), std::string_view::npos);  // &#946; decoded, <sub> flattened
  EXPECT_TRUE(At(d, d.body[1]).starts_with("METHODS: "));
  EXPECT_TRUE(At(d, d.body[3]).starts_with("CONCLUSIONS: "));
  EXPECT_FALSE(d.ids.nct.empty());
  EXPECT_NE(std::find(d.publication_types.begin(), d.publication_types.end(), "Randomized Controlled Trial"),
            d.publication_types.end());
  EXPECT_NE(std::find(d.mesh_terms.begin(), d.mesh_terms.end(), "Asthma"), d.mesh_terms.end());
}

TEST(PubmedXml, StreamsBaselineFile) {
  std::string bytes;
  ASSERT_TRUE(Gunzip(Slurp(kDir + "medline16n0902.xml.gz"), &bytes).ok());
  std::vector<SourceDocument> docs;
  Status st = ReadPubmedXml("medline16n0902.xml.gz", bytes, &docs);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_GE(docs.size(), 600u);
  EXPECT_LE(docs.size(), 610u);
  for (const SourceDocument& d : docs) {
    ASSERT_TRUE(d.ids.pmid.has_value());
    EXPECT_EQ(d.source, "medline16n0902.xml.gz#" + *d.ids.pmid);
    for (Span s : d.body) EXPECT_LE(s.end, d.text.size());
  }
}

TEST(PubmedXml, MalformedXmlNamesTheLine) {
  std::vector<SourceDocument> docs;
  Status st = ReadPubmedXml("bad.xml", "<PubmedArticleSet>\n<PubmedArticle>\n<MedlineCitation><PMID>1</PMID>\n</Oops>", &docs);
  EXPECT_TRUE(st.IsInvalidArgument());
  EXPECT_NE(st.message().find("line "), std::string::npos) << st.message();
  EXPECT_TRUE(docs.empty());
}

TEST(PubmedXml, DoesNotExpandExternalEntities) {
  std::vector<SourceDocument> docs;
  std::string xml = R"(<?xml version="1.0"?>
<!DOCTYPE PubmedArticleSet [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>42</PMID>
<Article><ArticleTitle>Title &x; here</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>)";
  Status st = ReadPubmedXml("x.xml", xml, &docs);
  if (st.ok()) {
    ASSERT_EQ(docs.size(), 1u);
    EXPECT_EQ(docs[0].text.find("root:"), std::string::npos);
  }
}

TEST(PubmedXml, SkipsArticleWithoutPmid) {
  std::vector<SourceDocument> docs;
  std::string xml = "<PubmedArticleSet><PubmedArticle><MedlineCitation><Article><ArticleTitle>No id</ArticleTitle>"
                    "</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>";
  ASSERT_TRUE(ReadPubmedXml("x.xml", xml, &docs).ok());
  EXPECT_TRUE(docs.empty());
}

// The PMCID of a MEDLINE baseline record is an OtherID; that of a PubMed record is in its ArticleIdList.
TEST(PubmedXml, ReadsPmcidFromOtherIdAndArticleIdList) {
  std::vector<SourceDocument> docs;
  std::string xml =
      "<MedlineCitationSet><MedlineCitation><PMID>1</PMID><OtherID Source=\"NLM\">PMC123456 [Available on 01/01/17]</OtherID>"
      "<Article><ArticleTitle>A</ArticleTitle></Article></MedlineCitation></MedlineCitationSet>";
  ASSERT_TRUE(ReadPubmedXml("x.xml", xml, &docs).ok());
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].ids.pmcid, "PMC123456");
  docs.clear();
  xml = "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>2</PMID><Article><ArticleTitle>B</ArticleTitle></Article>"
        "</MedlineCitation><PubmedData><ArticleIdList><ArticleId IdType=\"pmc\">PMC654321</ArticleId></ArticleIdList>"
        "</PubmedData></PubmedArticle></PubmedArticleSet>";
  ASSERT_TRUE(ReadPubmedXml("x.xml", xml, &docs).ok());
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].ids.pmcid, "PMC654321");
}

TEST(Medline, ReadsRecord) {
  std::string bytes = Slurp(kDir + "pubmed_result1.txt");
  EXPECT_TRUE(LooksLikeMedline(bytes));
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadMedline("r1.txt", bytes, &docs).ok());
  ASSERT_EQ(docs.size(), 1u);
  const SourceDocument& d = docs[0];
  EXPECT_EQ(d.format, "medline");
  EXPECT_EQ(d.ids.pmid, "12230038");
  EXPECT_EQ(d.title, "The Bio* toolkits--a brief overview.");
  ASSERT_EQ(d.body.size(), 1u);
  EXPECT_TRUE(At(d, d.body[0]).starts_with("Bioinformatics research is often difficult"));
  EXPECT_NE(At(d, d.body[0]).find("The Open Source BioPerl"), std::string_view::npos);  // continuation joined
  EXPECT_EQ(d.publication_types, std::vector<std::string>{"Journal Article"});
  EXPECT_NE(std::find(d.mesh_terms.begin(), d.mesh_terms.end(), "Computational Biology"), d.mesh_terms.end());
}

TEST(Medline, ReadsSeveralRecords) {
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadMedline("r2.txt", Slurp(kDir + "pubmed_result2.txt"), &docs).ok());
  EXPECT_GT(docs.size(), 1u);
  for (const SourceDocument& d : docs) EXPECT_TRUE(d.ids.pmid.has_value());
}

TEST(Medline, ReadsDoiAndRegistryId) {
  std::vector<SourceDocument> docs;
  std::string text = "PMID- 1\nTI  - A trial\nAB  - We did\n      things.\nAID - 10.1000/xyz [doi]\nSI  - ClinicalTrials.gov/NCT01234567\n";
  ASSERT_TRUE(ReadMedline("x.nbib", text, &docs).ok());
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].ids.doi, "10.1000/xyz");
  EXPECT_EQ(docs[0].ids.nct, std::vector<std::string>{"NCT01234567"});
  EXPECT_EQ(docs[0].text, "A trial\n\nWe did things.");
}

// Databanks other than ClinicalTrials.gov keep their bank's name, so the extractor can tell a trial registry
// (ISRCTN, EudraCT) from a sequence bank (GEO); in MEDLINE text they are "SI - BANK/NUMBER".
TEST(Medline, ReadsOtherDataBanks) {
  std::vector<SourceDocument> docs;
  std::string text = "PMID- 1\nTI  - A trial\nAB  - We did things.\nSI  - ISRCTN/ISRCTN69423238\nSI  - GEO/GSE12345\n";
  ASSERT_TRUE(ReadMedline("x.nbib", text, &docs).ok());
  ASSERT_EQ(docs.size(), 1u);
  using Bank = std::pair<std::string, std::string>;
  EXPECT_EQ(docs[0].data_banks, (std::vector<Bank>{{"ISRCTN", "ISRCTN69423238"}, {"GEO", "GSE12345"}}));
  EXPECT_TRUE(docs[0].ids.nct.empty());
}

TEST(PubmedXml, ReadsOtherDataBanks) {
  std::string bytes;
  ASSERT_TRUE(Gunzip(Slurp(kDir + "medline16n0902.xml.gz"), &bytes).ok());
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadPubmedXml("medline16n0902.xml.gz", bytes, &docs).ok());
  auto eudract = std::find_if(docs.begin(), docs.end(), [](const SourceDocument& d) {
    return std::find(d.data_banks.begin(), d.data_banks.end(), std::pair<std::string, std::string>{"EudraCT", "2010-019469-26"}) != d.data_banks.end();
  });
  ASSERT_NE(eudract, docs.end());
  EXPECT_EQ(eudract->ids.pmid, "25998582");
}

}  // namespace
}  // namespace trialgraph::ingest
