// Endpoint and adverse-event rules of ingest/extract_outcomes.cc, on small documents.
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/extract_support.h"

namespace trialgraph::ingest {
namespace {

using trialgraph::testing::ExtractText;

const char kTitle[] = "Phase II trial of blinatumomab in relapsed acute lymphoblastic leukemia";

std::vector<Endpoint> EndpointsOf(const Extraction& x) {
  EXPECT_EQ(x.trials.size(), 1u);
  return x.trials.empty() ? std::vector<Endpoint>{} : x.trials[0].endpoints;
}

const Endpoint* Find(const std::vector<Endpoint>& endpoints, const std::string& kind, double value) {
  for (const Endpoint& e : endpoints)
    if (e.kind == kind && e.value == value) return &e;
  return nullptr;
}

// A protocol ("is studying", "will be measured") reports no results: its
// numbers are earlier studies' or the design's, whatever the words around them.
TEST(ExtractOutcomes, PlanOnlyDocumentReportsNoResults) {
  Extraction protocol = ExtractText(kTitle, {"This phase II trial is studying blinatumomab in patients with relapsed ALL.",
                                             "Relapse will be measured at one year.",
                                             "The complete remission rate was 45% in an earlier trial of this drug."});
  EXPECT_TRUE(EndpointsOf(protocol).empty());
  Extraction results = ExtractText(kTitle, {"Results: The complete remission rate was 45%.",
                                            "A randomized trial will be measured against these results."});
  EXPECT_NE(Find(EndpointsOf(results), "complete remission", 45), nullptr);
}

// A "BACKGROUND INFORMATION" heading or a "Rationale:" label opens background; "OUTLINE:" ends it.
TEST(ExtractOutcomes, BackgroundSectionLabelsAndHeadings) {
  Extraction x = ExtractText(kTitle, {"Blinatumomab was given to 40 patients with relapsed ALL.",
                                      "2.0 BACKGROUND INFORMATION 2.1 In 52 earlier patients the complete remission rate was 60%.",
                                      "Overall survival was 30% at two years in that series.",
                                      "RESULTS: The complete remission rate was 45%."});
  std::vector<Endpoint> endpoints = EndpointsOf(x);
  EXPECT_EQ(Find(endpoints, "complete remission", 60), nullptr);
  EXPECT_EQ(Find(endpoints, "overall survival", 30), nullptr);
  EXPECT_NE(Find(endpoints, "complete remission", 45), nullptr);
}

// "60% to 80%", "25%-55%", "between 25% and 30%": ranges of rates are generalities.
TEST(ExtractOutcomes, PercentageRangesAreNoResults) {
  Extraction x = ExtractText(kTitle, {"Blinatumomab was given to 40 patients with relapsed ALL.",
                                      "Complete remission is reached by 60% to 80% of younger patients, overall survival by 25%-55%.",
                                      "The complete remission rate was 45% and 50% in the two cohorts."});
  std::vector<Endpoint> endpoints = EndpointsOf(x);
  EXPECT_EQ(Find(endpoints, "complete remission", 60), nullptr);
  EXPECT_EQ(Find(endpoints, "complete remission", 80), nullptr);
  EXPECT_EQ(Find(endpoints, "overall survival", 25), nullptr);
  EXPECT_NE(Find(endpoints, "complete remission", 45), nullptr);
  EXPECT_NE(Find(endpoints, "complete remission", 50), nullptr);
}

// "67% OS", "a 10% CR rate": the entity written right after the number is the one it measures.
TEST(ExtractOutcomes, EntityRightAfterTheNumberWins) {
  Extraction x = ExtractText(kTitle, {"Blinatumomab was given to 40 patients with relapsed ALL.",
                                      "Patients had a 63% event-free survival and 67% OS at 3 years.",
                                      "Partial responses were frequent, with a 10% CR rate."});
  std::vector<Endpoint> endpoints = EndpointsOf(x);
  EXPECT_NE(Find(endpoints, "overall survival", 67), nullptr);
  EXPECT_EQ(Find(endpoints, "event-free survival", 67), nullptr);
  EXPECT_NE(Find(endpoints, "complete remission", 10), nullptr);
  EXPECT_EQ(Find(endpoints, "partial response", 10), nullptr);
}

}  // namespace
}  // namespace trialgraph::ingest
