#include "ingest/pubtator_reader.h"

#include <gtest/gtest.h>

#include "tests/test_support.h"

namespace trialgraph::ingest {
namespace {

using trialgraph::testing::Slurp;

const std::string kDir = TRIALGRAPH_SHARED_DIR "/data/bc5cdr/";

std::string_view At(const SourceDocument& d, Span s) { return std::string_view(d.text).substr(s.start, s.end - s.start); }

const char kTwoRecords[] =
    "111|t|A title.\n"
    "111|a|An abstract about clonidine.\n"
    "111\t18\t27\tclonidine\tChemical\tD003000\n"
    "111\tCID\tD003000\tD006973\n"
    "\n"
    "222|t|Second title\r\n"
    "222|a|\r\n";

TEST(Pubtator, ParsesRecordsAndKeepsAnnotationFields) {
  std::vector<PubtatorRecord> records;
  Status st = ParsePubtator(kTwoRecords, &records);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].pmid, "111");
  EXPECT_EQ(records[0].title, "A title.");
  EXPECT_EQ(records[0].abstract, "An abstract about clonidine.");
  ASSERT_EQ(records[0].annotations.size(), 2u);
  EXPECT_EQ(records[0].annotations[0], (std::vector<std::string>{"18", "27", "clonidine", "Chemical", "D003000"}));
  EXPECT_EQ(records[0].annotations[1], (std::vector<std::string>{"CID", "D003000", "D006973"}));
  EXPECT_EQ(records[1].pmid, "222");
  EXPECT_EQ(records[1].title, "Second title");
  EXPECT_EQ(records[1].abstract, "");
}

TEST(Pubtator, ReadsDocumentsLikePubmedRecords) {
  std::vector<SourceDocument> docs;
  Status st = ReadPubtator("cdr.txt", kTwoRecords, &docs);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_EQ(docs.size(), 2u);
  const SourceDocument& d = docs[0];
  EXPECT_EQ(d.format, "pubtator");
  EXPECT_EQ(d.source, "cdr.txt#111");
  EXPECT_EQ(d.ids.pmid, "111");
  EXPECT_EQ(d.text, "A title.\n\nAn abstract about clonidine.");
  ASSERT_TRUE(d.title && d.title_span);
  EXPECT_EQ(At(d, *d.title_span), "A title.");
  ASSERT_EQ(d.body.size(), 1u);
  EXPECT_EQ(At(d, d.body[0]), "An abstract about clonidine.");
  EXPECT_TRUE(docs[1].body.empty());
}

TEST(Pubtator, ReadsTheBc5cdrCorpus) {
  std::vector<SourceDocument> docs;
  Status st = ReadPubtator("train", Slurp(kDir + "CDR_TrainingSet.PubTator.txt"), &docs);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_EQ(docs.size(), 1000u);
  EXPECT_EQ(docs[0].ids.pmid, "227508");
  EXPECT_EQ(*docs[0].title, "Naloxone reverses the antihypertensive effect of clonidine.");
  std::vector<PubtatorRecord> records;
  ASSERT_TRUE(ParsePubtator(Slurp(kDir + "CDR_DevelopmentSet.PubTator.txt"), &records).ok());
  EXPECT_EQ(records.size(), 500u);
}

TEST(Pubtator, LooksLikePubtator) {
  EXPECT_TRUE(LooksLikePubtator("\n227508|t|Naloxone reverses...\n"));
  EXPECT_TRUE(LooksLikePubtator("1|t|"));
  EXPECT_FALSE(LooksLikePubtator("227508|a|An abstract first\n"));
  EXPECT_FALSE(LooksLikePubtator("227508\t0\t8\tNaloxone\tChemical\tD009270\n"));
  EXPECT_FALSE(LooksLikePubtator("PMID- 123\nTI  - A title\n"));
  EXPECT_FALSE(LooksLikePubtator("x1|t|title\n"));
}

// Each malformed input is refused with the number of the offending line.
TEST(Pubtator, MalformedInputNamesTheLine) {
  struct Case {
    std::string bytes, message;
  };
  for (const Case& c : {
           Case{"1|t|T\n1|a|A\n\n2|a|no title\n", "line 4: expected a title line"},
           Case{"1|t|T\n2|a|A\n", "line 2: expected the abstract line \"1|a|...\" after the title of PMID 1"},
           Case{"1|t|T\n\n1|a|A\n", "line 2: expected the abstract line"},
           Case{"1|t|T\n1|a|A\n2\t0\t1\tx\tChemical\tD1\n", "line 3: expected an annotation line \"1<TAB>...\""},
           Case{"1|t|T\n1|a|A\nstray words\n", "line 3: expected an annotation line"},
           Case{"1|t|T\n1|a|A\n1|a|again\n", "line 3: expected an annotation line"},
           Case{"1|t|T\n", "line 1: the file ends after the title of PMID 1"},
           Case{"\n\n", "no PubTator record"},
       }) {
    std::vector<PubtatorRecord> records;
    Status st = ParsePubtator(c.bytes, &records);
    EXPECT_TRUE(st.IsInvalidArgument()) << c.bytes;
    EXPECT_TRUE(st.message().starts_with(c.message)) << st.message();
    EXPECT_TRUE(records.empty());
  }
}

TEST(Pubtator, NotTextIsRefused) {
  std::vector<SourceDocument> docs;
  EXPECT_TRUE(ReadPubtator("bad", std::string("1|t|T\n1|a|A \xC3\x28\n", 16), &docs).IsInvalidArgument());
  EXPECT_TRUE(ReadPubtator("empty", "", &docs).IsInvalidArgument());
  EXPECT_TRUE(docs.empty());
}

}  // namespace
}  // namespace trialgraph::ingest
