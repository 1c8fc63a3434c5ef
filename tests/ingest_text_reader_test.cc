#include "ingest/text_reader.h"

#include <string>

#include <gtest/gtest.h>

#include "tests/test_support.h"

namespace trialgraph::ingest {
namespace {

using trialgraph::testing::RealOntology;

using ontology::Ontology;


const char kTitle[] = "Blinatumomab plus inotuzumab ozogamicin for relapsed acute lymphoblastic leukemia";
const char kParagraph1[] =
    "Background: Adults with relapsed or refractory B-cell acute lymphoblastic leukemia have poor outcomes with "
    "chemotherapy.";
const char kParagraph2[] =
    "Methods: We enrolled 35 patients in a phase 2 trial (NCT01234567). Thirty-three (94%) achieved a complete "
    "remission.";

// A saved PubMed page: navigation, title, ids, abstract, then related-article teasers.
std::string PubMedPage() {
  return std::string(
             "Skip to main page content\n"
             "An official website of the United States government\n"
             "Search\n"
             "Advanced\n"
             "\n") +
         kTitle + "\n" +
         "Smith J, Doe A.\n"
         "PMID: 12345678\n"
         "DOI: 10.1000/xyz\n"
         "Abstract\n" +
         kParagraph1 + "\n\n  " + kParagraph2 + "  \n" +
         "Similar articles\n"
         "Ponatinib and dasatinib for Philadelphia chromosome-positive leukemia in older adults (NCT09876543).\n"
         "Imatinib versus nilotinib in chronic myeloid leukemia: a randomized comparison of two drugs.\n"
         "PMID: 87654321\n";
}

std::string Text(const SourceDocument& doc, const Span& s) { return doc.text.substr(s.start, s.end - s.start); }

// Guards the byte checks: empty input, NUL bytes (with their offset) and invalid UTF-8 are refused.
TEST(CheckTextTest, RejectsNonText) {
  EXPECT_TRUE(CheckText("plain text \u2013 with a dash").ok());
  Status empty = CheckText("");
  EXPECT_TRUE(empty.IsInvalidArgument());
  Status nul = CheckText(std::string("abc\0def", 7));
  ASSERT_TRUE(nul.IsInvalidArgument());
  EXPECT_NE(nul.message().find("offset 3"), std::string::npos) << nul.message();
  Status bad = CheckText("ok \xff bytes");
  ASSERT_TRUE(bad.IsInvalidArgument());
  EXPECT_NE(bad.message().find("UTF-8"), std::string::npos) << bad.message();
  EXPECT_NE(bad.message().find("3"), std::string::npos) << bad.message();
  EXPECT_TRUE(CheckText("truncated \xc3").IsInvalidArgument());         // lead byte without continuation
  EXPECT_TRUE(CheckText("stray \x80 continuation").IsInvalidArgument());
  EXPECT_TRUE(CheckText("bad \xe2\x80 three").IsInvalidArgument());      // 3-byte sequence cut short
}

// Guards strict UTF-8: overlong forms (C0 80 is an overlong NUL), surrogates and code points above U+10FFFF.
TEST(CheckTextTest, RejectsOverlongAndSurrogates) {
  EXPECT_TRUE(CheckText("a\xc0\x80z").IsInvalidArgument());
  EXPECT_TRUE(CheckText("a\xed\xa0\x80z").IsInvalidArgument());
  EXPECT_TRUE(CheckText("a\xf5\x80\x80\x80z").IsInvalidArgument());
}

// Guards the page reader: title, ids and prose found; navigation and everything after "Similar articles" left out.
TEST(ReadTextPageTest, PubMedLikePage) {
  SourceDocument doc;
  std::string page = PubMedPage();
  Status st = ReadTextPage("pages/12345678.txt", page, RealOntology(), &doc);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(doc.text, page);  // bytes unchanged, so offsets are file offsets
  EXPECT_EQ(doc.source, "pages/12345678.txt");
  EXPECT_EQ(doc.format, "text");
  ASSERT_TRUE(doc.title.has_value());
  EXPECT_EQ(*doc.title, kTitle);
  ASSERT_TRUE(doc.title_span.has_value());
  EXPECT_EQ(Text(doc, *doc.title_span), kTitle);
  EXPECT_EQ(doc.ids.pmid, "12345678");
  EXPECT_EQ(doc.ids.doi, "10.1000/xyz");
  EXPECT_EQ(doc.ids.nct, std::vector<std::string>{"NCT01234567"});  // not the teaser's NCT09876543
  ASSERT_EQ(doc.body.size(), 2u);
  EXPECT_EQ(Text(doc, doc.body[0]), kParagraph1);
  EXPECT_EQ(Text(doc, doc.body[1]), kParagraph2);  // trimmed
  size_t stop = page.find("Similar articles");
  for (const Span& s : doc.body) EXPECT_LT(s.end, stop);
}

// Guards that a page without any prose or title is refused, and non-text bytes are refused.
TEST(ReadTextPageTest, RejectsPagesWithoutProse) {
  SourceDocument doc;
  EXPECT_TRUE(ReadTextPage("x", "Search\nAbstract\nShare\n", RealOntology(), &doc).IsInvalidArgument());
  SourceDocument binary;
  EXPECT_TRUE(ReadTextPage("y", std::string("PK\0\3", 4), RealOntology(), &binary).IsInvalidArgument());
}

// Guards identifier patterns: labels, trailing punctuation of DOIs, NCT order and uniqueness, word boundaries.
// Guards the title rule: a navigation bar of '|'-separated links is not the title.
TEST(ReadTextPageTest, NavigationBarIsNotTheTitle) {
  SourceDocument doc;
  std::string page =
      "Menu | Latest News | Blood Cancers | Podcasts\n"
      "Ponatinib Doubles Remission Rates in Philadelphia-Positive ALL\n"
      "Adults with newly diagnosed ALL were randomized to ponatinib or imatinib with chemotherapy in a phase 3 trial.\n";
  ASSERT_TRUE(ReadTextPage("news.txt", page, RealOntology(), &doc).ok());
  ASSERT_TRUE(doc.title.has_value());
  EXPECT_EQ(*doc.title, "Ponatinib Doubles Remission Rates in Philadelphia-Positive ALL");
}

// Guards the "trim" furniture: the markers of the .story layout glued to a
// line ("(fifthQuint)" before the first, "@highlight" after the title) are
// left out of the title and the prose, whose spans end before them.
TEST(ReadTextPageTest, StoryMarkersAreTrimmed) {
  SourceDocument doc;
  std::string page =
      "(fifthQuint)Nelarabine in Treating Patients With Relapsed T-cell Leukemia.\n\n"
      " OBJECTIVES: Determine the response rate of patients treated with nelarabine.\n\n"
      "@highlight\n"
      " Nelarabine in Treating Patients With Relapsed T-cell Leukemia (NELA-1)@highlight\n";
  ASSERT_TRUE(ReadTextPage("NCT00000000.story", page, RealOntology(), &doc).ok());
  ASSERT_TRUE(doc.title.has_value() && doc.title_span.has_value());
  EXPECT_EQ(*doc.title, "Nelarabine in Treating Patients With Relapsed T-cell Leukemia (NELA-1)");
  EXPECT_EQ(doc.text.substr(doc.title_span->start, doc.title_span->end - doc.title_span->start), *doc.title);
  ASSERT_FALSE(doc.body.empty());
  EXPECT_EQ(doc.text.substr(doc.body[0].start, doc.body[0].end - doc.body[0].start),
            "Nelarabine in Treating Patients With Relapsed T-cell Leukemia.");
  // The marked line is the title however short, and over a line guessed before it.
  SourceDocument coded;
  ASSERT_TRUE(ReadTextPage("NCT00000001.story",
                           "(firstQuint)AflacLL1602 ENCERT.\n\nPhase 2 Study of Everolimus in Relapsed T-ALL Patients\n"
                           "Everolimus is an inhibitor of the mTOR pathway in T-cell leukemia cells.\n"
                           "AflacLL1602 ENCERT@highlight\n",
                           RealOntology(), &coded)
                  .ok());
  EXPECT_EQ(coded.title, "AflacLL1602 ENCERT");
}

// Guards the prose rule: a short line that ends a sentence is prose, a short
// line without a full stop (a heading, a link) is not.
TEST(ReadTextPageTest, ShortFullStopLineIsProse) {
  SourceDocument doc;
  std::string page =
      "Dexamethasone Compared With Prednisone in Acute Lymphoblastic Leukemia\n"
      "OUTLINE: This is a randomized, multicenter study.\n"
      "Related studies and more links\n";
  ASSERT_TRUE(ReadTextPage("story.txt", page, RealOntology(), &doc).ok());
  ASSERT_EQ(doc.body.size(), 1u);
  EXPECT_EQ(doc.text.substr(doc.body[0].start, doc.body[0].end - doc.body[0].start),
            "OUTLINE: This is a randomized, multicenter study.");
}

// Guards the rejoining of text pre-split at every period: after an initial
// ("E.") or inside a decimal ("1." / "5 mg/m2") the line goes on.
TEST(ReadTextPageTest, LinesCutAtAbbreviationsAndDecimalsAreRejoined) {
  SourceDocument doc;
  std::string page =
      "Erwinia Asparaginase for Patients With Acute Lymphoblastic Leukemia\n\n"
      "Patients who had an allergic reaction to E.\n\n"
      "Coli asparaginase will receive Erwinia asparaginase in this study.\n\n"
      "Vincristine: 1.\n\n"
      "5 mg/m2 IV on days 1, 8, 15 and 22 of every cycle.\n";
  ASSERT_TRUE(ReadTextPage("story.txt", page, RealOntology(), &doc).ok());
  ASSERT_EQ(doc.body.size(), 2u);
  auto text = [&](const Span& s) { return doc.text.substr(s.start, s.end - s.start); };
  EXPECT_TRUE(text(doc.body[0]).starts_with("Patients who had") && text(doc.body[0]).ends_with("in this study."));
  EXPECT_TRUE(text(doc.body[1]).starts_with("Vincristine: 1.") && text(doc.body[1]).ends_with("every cycle."));
}

TEST(FindIdentifiersTest, FindsEachKind) {
  DocumentIds ids;
  FindIdentifiers(
      "PMID 1234567; PMCID: PMC7654321; doi:10.1056/NEJMoa1609783. Registered as NCT00000002, then NCT00000001 "
      "and again NCT00000002; not NCT123 nor NCT123456789.",
      &ids);
  EXPECT_EQ(ids.pmid, "1234567");
  EXPECT_EQ(ids.pmcid, "PMC7654321");
  EXPECT_EQ(ids.doi, "10.1056/NEJMoa1609783");
  EXPECT_EQ(ids.nct, (std::vector<std::string>{"NCT00000002", "NCT00000001"}));

  // Ids already found are kept; NCTs accumulate without duplicates.
  FindIdentifiers("PMID: 99999999 DOI 10.2000/other NCT00000001 NCT00000003", &ids);
  EXPECT_EQ(ids.pmid, "1234567");
  EXPECT_EQ(ids.doi, "10.1056/NEJMoa1609783");
  EXPECT_EQ(ids.nct, (std::vector<std::string>{"NCT00000002", "NCT00000001", "NCT00000003"}));

  DocumentIds none;
  FindIdentifiers("A number 12345678 alone is not a PMID, nor is XNCT00000001.", &none);
  EXPECT_FALSE(none.pmid.has_value());
  EXPECT_FALSE(none.doi.has_value());
  EXPECT_TRUE(none.nct.empty());
}

}  // namespace
}  // namespace trialgraph::ingest
