#include "ingest/sentences.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace trialgraph::ingest {
namespace {

std::vector<std::string> Split(std::string_view text) {
  std::vector<std::string> out;
  for (const Span& s : SplitSentences(text, {Span{0, static_cast<uint32_t>(text.size())}}))
    out.emplace_back(text.substr(s.start, s.end - s.start));
  return out;
}

// Guards that sentence spans are byte offsets into the whole text, trimmed, per paragraph.
TEST(SplitSentencesTest, KeepsOffsets) {
  std::string text = "Title line\n  First sentence here. Second one follows!  \nOther paragraph? Yes.";
  Span p1{11, static_cast<uint32_t>(text.find('\n', 11))};
  Span p2{p1.end + 1, static_cast<uint32_t>(text.size())};
  std::vector<Span> sentences = SplitSentences(text, {p1, p2});
  ASSERT_EQ(sentences.size(), 4u);
  EXPECT_EQ(sentences[0].start, text.find("First"));
  EXPECT_EQ(sentences[0].end, text.find("here.") + 5);
  EXPECT_EQ(sentences[1].start, text.find("Second"));
  EXPECT_EQ(sentences[1].end, text.find('!') + 1);
  EXPECT_EQ(sentences[2].start, text.find("Other"));
  EXPECT_EQ(sentences[2].end, text.find('?') + 1);
  EXPECT_EQ(sentences[3].start, text.find("Yes."));
  EXPECT_EQ(sentences[3].end, text.size());
  // Nothing outside the given paragraphs ("Title line") becomes a sentence.
  EXPECT_TRUE(SplitSentences(text, {}).empty());
}

// Guards the abbreviations of medical prose: "Dr.", "vs.", "et al.", "e.g." do not end sentences.
TEST(SplitSentencesTest, DoesNotSplitAfterAbbreviations) {
  EXPECT_EQ(Split("Dr. Jabbour led the study. It enrolled adults.").size(), 2u);
  EXPECT_EQ(Split("Dr. Jabbour led the study. It enrolled adults.")[0], "Dr. Jabbour led the study.");
  EXPECT_EQ(Split("Blinatumomab vs. Chemotherapy was compared. Survival improved.").size(), 2u);
  EXPECT_EQ(Split("As Kantarjian et al. Reported earlier, CR rates were high. Toxicity was low.").size(), 2u);
  EXPECT_EQ(Split("Some agents (e.g. Blinatumomab) were used. None failed.").size(), 2u);
  // Dotted lower-case routes and schedules ("i.v.", "b.i.d.") before an acronym; a capitalised word after one
  // starts a sentence.
  EXPECT_EQ(Split("Group 2 received 125 mg i.v. MP before TDI. Group 3 did not.").size(), 2u);
  EXPECT_EQ(Split("Imatinib 400 mg b.i.d. Was given. Responses were durable.").size(), 3u);
  // Capitals may end a sentence: "the U.S." is not taken as a route.
  EXPECT_EQ(Split("It enrolled patients in the U.S. Results follow.").size(), 2u);
}

// Guards that decimal points and initials do not end sentences.
TEST(SplitSentencesTest, DoesNotSplitDecimalsOrInitials) {
  EXPECT_EQ(Split("Median OS was 7.4 months in the cohort. PFS was 5.1 months."),
            (std::vector<std::string>{"Median OS was 7.4 months in the cohort.", "PFS was 5.1 months."}));
  EXPECT_EQ(Split("The trial was led by J. Smith in Houston. It closed early."),
            (std::vector<std::string>{"The trial was led by J. Smith in Houston.", "It closed early."}));
  // A decimal number cut by a line break ("1.\n\n5 mg/m2") stays whole.
  EXPECT_EQ(Split("Vincristine: 1.\n\n5 mg/m2 IV on day 1. Then rest.").size(), 2u);
}

// Guards that a sentence end needs a following capital or digit (or bracket), not a lower-case word.
TEST(SplitSentencesTest, SplitsBeforeCapitalOrDigit) {
  EXPECT_EQ(Split("The CR rate was 94%. 33 patients responded."),
            (std::vector<std::string>{"The CR rate was 94%.", "33 patients responded."}));
  EXPECT_EQ(Split("Responses were durable. Relapses were rare."),
            (std::vector<std::string>{"Responses were durable.", "Relapses were rare."}));
  EXPECT_EQ(Split("Dosing was adjusted per protocol. then stopped.").size(), 1u);
  EXPECT_EQ(Split("Survival improved (P = 0.002). Toxicity was mild."),
            (std::vector<std::string>{"Survival improved (P = 0.002).", "Toxicity was mild."}));
  EXPECT_EQ(Split("  One sentence without a final period  "), std::vector<std::string>{"One sentence without a final period"});
}

}  // namespace
}  // namespace trialgraph::ingest
