// Endpoint and adverse-event rules of ingest/extract_outcomes.cc, on small documents.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/extract_support.h"

namespace trialgraph::ingest {
namespace {

using trialgraph::testing::ExtractText;
using trialgraph::testing::WithRuleWords;

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

// A repeat of a result is dropped only for one that has all it has and more:
// a value given once with its count and once with its interval is kept.
TEST(ExtractOutcomes, RepeatsWithDifferentDetailsAreNotBothDropped) {
  Extraction x = ExtractText(kTitle, {"Results: Complete remission was achieved by 40 of 50 patients (80%).",
                                      "The complete remission rate was 80% (95% CI, 66 to 90)."});
  EXPECT_NE(Find(EndpointsOf(x), "complete remission", 80), nullptr);
}

// A protocol ("is studying", "will be measured") reports no results: its
// numbers are earlier studies' or the design's, whatever the words around them.
TEST(ExtractOutcomes, PlanOnlyDocumentReportsNoResults) {
  Extraction protocol = ExtractText(kTitle, {"This phase II trial is studying blinatumomab in patients with relapsed ALL.",
                                             "Relapse will be measured at one year.",
                                             "The complete remission rate was 45% in an earlier trial of this drug."});
  EXPECT_TRUE(EndpointsOf(protocol).empty());
  Extraction hypothesis = ExtractText(kTitle, {"We speculate that blinatumomab could improve outcome in relapsed ALL.",
                                               "Earlier trials reported a complete remission rate of 45% with chemotherapy."});
  EXPECT_TRUE(EndpointsOf(hypothesis).empty());
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
  Extraction elliptic = ExtractText(kTitle, {"Twenty patients received blinatumomab.",
                                             "Eight patients (40%) achieved a complete response and four (20%) a partial response."});
  std::vector<Endpoint> both = EndpointsOf(elliptic);
  EXPECT_NE(Find(both, "partial response", 20), nullptr);
  EXPECT_EQ(Find(both, "complete remission", 20), nullptr);
}

std::vector<AdverseEvent> EventsOf(const Extraction& x) {
  EXPECT_EQ(x.trials.size(), 1u);
  return x.trials.empty() ? std::vector<AdverseEvent>{} : x.trials[0].adverse_events;
}

// The values the events named `name` take.
std::set<double> ValuesOf(const std::vector<AdverseEvent>& events, const std::string& name) {
  std::set<double> values;
  for (const AdverseEvent& e : events)
    if (e.name == name && e.value) values.insert(*e.value);
  return values;
}

// Counts without a percentage: "Two achieved a complete remission" (a count
// of achievers), "five of the seven responded" (a rate with count and of);
// not an enrolment count before the endpoint.
TEST(ExtractOutcomes, CountOnlyResults) {
  Extraction x = ExtractText(kTitle, {"Seven patients with relapsed ALL received blinatumomab.",
                                      "Two achieved a complete remission.", "Five of the seven responded.",
                                      "Three patients had MRD negativity.",
                                      "Eight patients had fatal adverse events, including 5 due to infections.",
                                      "Sixty patients were enrolled and the overall survival rate was 45%.",
                                      "Patients in first remission (n = 4) had an overall survival of 50% at 3 years."});
  std::vector<Endpoint> endpoints = EndpointsOf(x);
  const Endpoint* cr = Find(endpoints, "complete remission", 2);
  ASSERT_NE(cr, nullptr);
  EXPECT_EQ(cr->statistic, "count");
  EXPECT_EQ(cr->count, 2);
  const Endpoint* response = Find(endpoints, "overall response", 71.4);
  ASSERT_NE(response, nullptr);
  EXPECT_EQ(response->of, 7);
  EXPECT_EQ(Find(endpoints, "overall survival", 60), nullptr);
  EXPECT_EQ(Find(endpoints, "overall survival", 4), nullptr);  // a group's size
  EXPECT_NE(Find(endpoints, "overall survival", 50), nullptr);
  EXPECT_NE(Find(endpoints, "MRD negativity", 3), nullptr);
  EXPECT_TRUE(EventsOf(x).empty());  // a count opening the sentence introduces what follows
  // "Of the 6 patients who underwent ...": the sentence's denominator is the group's size, no count of the alive.
  Extraction group = ExtractText(kTitle, {"Twelve patients with relapsed ALL received blinatumomab.",
                                          "Of the 6 patients who underwent early transplant 4 were alive."});
  EXPECT_EQ(Find(EndpointsOf(group), "overall survival", 6), nullptr);
}

// "At 5 years, 94% are alive": survival told by who is alive, with the timepoint beside it.
TEST(ExtractOutcomes, AliveIsSurvivalAtItsTimepoint) {
  Extraction x = ExtractText(kTitle, {"Forty patients with relapsed ALL received blinatumomab.",
                                      "At 5 years, 94% are alive and 80% remain in remission."});
  std::vector<Endpoint> endpoints = EndpointsOf(x);
  const Endpoint* os = Find(endpoints, "overall survival", 94);
  ASSERT_NE(os, nullptr);
  EXPECT_EQ(os->timepoint, "5 years");
  EXPECT_EQ(Find(endpoints, "overall survival", 80), nullptr);  // "remain" links the 80% to what follows
}

// "at least a partial response" and "overall response rate (CR plus PR)" are overall response.
TEST(ExtractOutcomes, ResponseKindsFromTheirOwnWords) {
  Extraction x = ExtractText(kTitle, {"Forty patients with relapsed ALL received blinatumomab.",
                                      "At least a partial response was seen in 4 of 7 patients (57%).",
                                      "The overall response rate (CR plus PR) was 71%."});
  std::vector<Endpoint> endpoints = EndpointsOf(x);
  EXPECT_NE(Find(endpoints, "overall response", 57), nullptr);
  EXPECT_NE(Find(endpoints, "overall response", 71), nullptr);
  EXPECT_EQ(Find(endpoints, "partial response", 71), nullptr);
  EXPECT_EQ(Find(endpoints, "partial response", 57), nullptr);
  // A bracket that counts its parts ("(complete remission 40%, ...)") defines nothing.
  std::vector<Endpoint> responses = EndpointsOf(ExtractText(
      kTitle, {"The overall response rate (complete remission 40%, partial response 20%) was high."}));
  EXPECT_NE(Find(responses, "complete remission", 40), nullptr);
  EXPECT_EQ(Find(responses, "overall response", 40), nullptr);
}

// Grades in Roman numerals, counts of cases and "(n = 12)", a disease that is an adverse event where a number
// reports it.
TEST(ExtractOutcomes, AdverseEventGradesAndCounts) {
  Extraction x = ExtractText(kTitle, {"Forty patients with relapsed ALL received blinatumomab.",
                                      "Grade II-IV acute graft-versus-host disease occurred in 3 patients.",
                                      "There were two cases of acute renal failure.", "Grade 3 mucositis (n = 12) was common."});
  std::vector<AdverseEvent> events = EventsOf(x);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2].value, 12);
  EXPECT_EQ(events[2].grade, "3");
  EXPECT_EQ(events[0].name, "graft-versus-host disease");
  EXPECT_EQ(events[0].grade, "2-4");
  EXPECT_EQ(events[0].value, 3);
  EXPECT_EQ(events[1].name, "acute kidney injury");
  EXPECT_EQ(events[1].value, 2);
  EXPECT_EQ(events[1].unit, "patients");
}

// The aim stated in a sentence that reads as background still names the primary endpoint.
TEST(ExtractOutcomes, PrimaryAimMarksThePrimaryEndpoint) {
  Extraction x = ExtractText(kTitle, {"We hypothesized that blinatumomab is active; the primary aim was the complete remission rate.",
                                      "Forty patients received blinatumomab and the complete remission rate was 45%."});
  std::vector<Endpoint> endpoints = EndpointsOf(x);
  const Endpoint* cr = Find(endpoints, "complete remission", 45);
  ASSERT_NE(cr, nullptr);
  EXPECT_TRUE(cr->primary);
}

// "This phase II study aimed to achieve a CR rate of 75%": the stated aim is the primary endpoint, and of its values
// the one reported with a confidence interval is the primary result, not the rate after induction.
TEST(ExtractOutcomes, StatedAimAndItsIntervalMarkThePrimaryResult) {
  std::vector<Endpoint> endpoints = EndpointsOf(ExtractText(
      kTitle, {"This phase II study aimed to achieve a complete response (CR) rate of 75% or more.",
               "After induction, 79% (42/53) were in CR.",
               "The best response was a CR rate of 89% (47/53; 95% confidence interval: 77-96%)."}));
  const Endpoint* induction = Find(endpoints, "complete remission", 79);
  const Endpoint* best = Find(endpoints, "complete remission", 89);
  ASSERT_NE(induction, nullptr);
  ASSERT_NE(best, nullptr);
  EXPECT_FALSE(induction->primary);
  EXPECT_TRUE(best->primary);
  EXPECT_EQ(Find(endpoints, "complete remission", 75), nullptr);  // "75% or more" is the target
}

// "Of 27 patients enrolled, ... toxicity was anemia": an enrolment count is no
// count of the event (which is listed, without a number); "the median
// follow-up among patients still alive was 35 months" is no median survival.
TEST(ExtractOutcomes, StudyCountsAndFollowUpAreNoResults) {
  Extraction x = ExtractText(kTitle, {"Of 27 patients enrolled, 24 were eligible and assessable: toxicity was anemia.",
                                      "The median follow-up among patients still alive (n = 8) was 35 months.",
                                      "The median overall survival was 25 months."});
  for (const AdverseEvent& e : EventsOf(x)) EXPECT_FALSE(e.value.has_value()) << e.name;
  std::vector<Endpoint> endpoints = EndpointsOf(x);
  EXPECT_EQ(Find(endpoints, "overall survival", 35), nullptr);
  EXPECT_NE(Find(endpoints, "overall survival", 25), nullptr);
}

// "grade 3/4" is a grade, not a fraction; "20, 10, and 5 patients, respectively" go to the events in order;
// "3-yr" is a timepoint.
TEST(ExtractOutcomes, AdverseEventListsAndShortTimepoints) {
  Extraction x = ExtractText(kTitle, {"Forty patients with relapsed ALL received blinatumomab.",
                                      "The most common grade 3/4 adverse events were neutropenia (35%) and mucositis (10%).",
                                      "Grade 3 or 4 neutropenia, anemia, and infections occurred in 20, 10, and 5 patients, respectively.",
                                      "The 3-yr overall survival was 62%."});
  std::vector<AdverseEvent> events = EventsOf(x);
  ASSERT_EQ(events.size(), 5u);
  EXPECT_EQ(events[0].grade, "3-4");
  EXPECT_EQ(events[0].value, 35);
  EXPECT_EQ(events[3].name, "anemia");
  EXPECT_EQ(events[3].value, 10);
  EXPECT_EQ(events[3].unit, "patients");
  std::vector<Endpoint> endpoints = EndpointsOf(x);
  const Endpoint* os = Find(endpoints, "overall survival", 62);
  ASSERT_NE(os, nullptr);
  EXPECT_EQ(os->timepoint, "3 years");
}

// Earlier work told in the study's own words ("In a prior phase I study",
// "In our earlier trial", "Historically") is background.
TEST(ExtractOutcomes, EarlierStudiesAreBackground) {
  Extraction x = ExtractText(kTitle, {"In a prior phase I study, the overall response rate was 30%.",
                                      "In our earlier trial, the complete remission rate was 35%.",
                                      "Historically, the complete remission rate in this population is 25%.",
                                      "Forty patients received blinatumomab and the complete remission rate was 50%."});
  std::vector<Endpoint> endpoints = EndpointsOf(x);
  ASSERT_EQ(endpoints.size(), 1u);
  EXPECT_EQ(endpoints[0].value, 50);
}

// "neutropenia (grade 3, 20%) and infection (grade 4, 5%)": each event keeps the grade in its own bracket.
TEST(ExtractOutcomes, GradeInTheEventsOwnBracket) {
  Extraction x = ExtractText(kTitle, {"Forty patients received blinatumomab.",
                                      "Adverse events included neutropenia (grade 3, 20%) and infection (grade 4, 5%)."});
  std::vector<AdverseEvent> events = EventsOf(x);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].grade, "3");
  EXPECT_EQ(events[1].grade, "4");
  EXPECT_EQ(events[1].value, 5);
}

// Rates after a list of timepoints take them in order.
TEST(ExtractOutcomes, ListedTimepointsInOrder) {
  Extraction x = ExtractText(kTitle, {"Twenty patients received blinatumomab.",
                                      "Overall survival rates at 1 and 3 years were 80% and 60%, respectively."});
  std::vector<Endpoint> endpoints = EndpointsOf(x);
  const Endpoint* first = Find(endpoints, "overall survival", 80);
  const Endpoint* second = Find(endpoints, "overall survival", 60);
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(first->timepoint, "1 year");
  EXPECT_EQ(second->timepoint, "3 years");
}

// "Three patients developed congestive heart failure": an opening count whose
// verb leads straight to the event, the sentence's only number, is the
// event's; "in four patients" is read like "in 4 patients"; "in 5 (14%) of 36
// patients" gives 36 as the denominator, not as a second count of the event.
TEST(ExtractOutcomes, EventCountsInJournalStyle) {
  Extraction x = ExtractText(kTitle, {"Forty patients with relapsed ALL received blinatumomab.",
                                      "Three patients developed congestive heart failure.",
                                      "Five patients were diagnosed as having subclinical heart failure.",
                                      "Two patients died of sepsis.",
                                      "Deep vein thrombosis occurred in four patients.",
                                      "Grade 3 neutropenia occurred in 5 (14%) of 36 patients."});
  std::vector<AdverseEvent> events = EventsOf(x);
  ASSERT_EQ(events.size(), 5u);
  EXPECT_EQ(events[0].name, "cardiac events");
  EXPECT_EQ(events[0].value, 3);
  EXPECT_EQ(events[0].unit, "patients");
  EXPECT_EQ(events[1].name, "cardiac events");  // the gap counts from the count's noun
  EXPECT_EQ(events[1].value, 5);
  EXPECT_EQ(events[2].name, "sepsis");
  EXPECT_EQ(events[2].value, 2);
  EXPECT_EQ(events[3].name, "thrombosis");
  EXPECT_EQ(events[3].value, 4);
  EXPECT_EQ(events[4].name, "neutropenia");
  EXPECT_EQ(events[4].value, 14);
  EXPECT_EQ(events[4].unit, "%");
}

// Spellings of the neurological and metabolic events of ALL therapy.
TEST(ExtractOutcomes, LeukoencephalopathyAndSiadhSpellings) {
  Extraction x = ExtractText(kTitle, {"Two hundred children with ALL received chemotherapy.",
                                      "Complications included posterior reversible leukoencephalopathy syndrome (n = 10) and "
                                      "syndrome of inappropriate antidiuretic hormone secretion (n = 1)."});
  std::vector<AdverseEvent> events = EventsOf(x);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].name, "posterior reversible encephalopathy syndrome");
  EXPECT_EQ(events[0].value, 10);
  EXPECT_EQ(events[1].name, "syndrome of inappropriate antidiuretic hormone secretion");
  EXPECT_EQ(events[1].value, 1);
}

// A timepoint opening the sentence covers every rate in it, however far the rate stands from it.
TEST(ExtractOutcomes, OpeningTimepointCoversTheSentence) {
  Extraction x = ExtractText(kTitle, {"Eighty-five patients with relapsed ALL received blinatumomab.",
                                      "At 26 months, the estimated progression-free survival rate was 75% and the rate of "
                                      "overall survival was 83%."});
  std::vector<Endpoint> endpoints = EndpointsOf(x);
  const Endpoint* pfs = Find(endpoints, "progression-free survival", 75);
  const Endpoint* os = Find(endpoints, "overall survival", 83);
  ASSERT_NE(pfs, nullptr);
  ASSERT_NE(os, nullptr);
  EXPECT_EQ(pfs->timepoint, "26 months");
  EXPECT_EQ(os->timepoint, "26 months");
}

// "respectively" pairs counts with the endpoints before them, in words as in digits.
TEST(ExtractOutcomes, RespectivelyPairsCountsWithEndpoints) {
  Extraction x = ExtractText(kTitle, {"Fifty-five patients with relapsed ALL received blinatumomab.",
                                      "Complete remission and partial remission were observed in eight and five patients, "
                                      "respectively."});
  std::vector<Endpoint> endpoints = EndpointsOf(x);
  const Endpoint* cr = Find(endpoints, "complete remission", 8);
  const Endpoint* pr = Find(endpoints, "partial response", 5);
  ASSERT_NE(cr, nullptr);
  ASSERT_NE(pr, nullptr);
  EXPECT_EQ(cr->statistic, "count");
  EXPECT_EQ(pr->count, 5);
}

// A count and a rate of one endpoint in one sentence are one result: the rate, with its count and denominator.
TEST(ExtractOutcomes, CountAndRateOfOneEndpointMerge) {
  Extraction x = ExtractText(kTitle, {"Forty patients with relapsed ALL received blinatumomab.",
                                      "Fourteen patients achieved CR, for a CR rate of 35%."});
  std::vector<Endpoint> endpoints = EndpointsOf(x);
  ASSERT_EQ(endpoints.size(), 1u);
  EXPECT_EQ(endpoints[0].statistic, "rate");
  EXPECT_EQ(endpoints[0].value, 35);
  EXPECT_EQ(endpoints[0].count, 14);
  EXPECT_EQ(endpoints[0].of, 40);
}

// A semicolon inside the event's own bracket does not part the event from its value.
TEST(ExtractOutcomes, SemicolonInsideTheEventsBracket) {
  Extraction x = ExtractText(kTitle, {"Forty-eight patients with relapsed ALL received blinatumomab.",
                                      "The most frequent grade 3 events were neutropenia (n = 20; 42%) and febrile "
                                      "neutropenia (n = 4; 8%)."});
  std::vector<AdverseEvent> events = EventsOf(x);
  const AdverseEvent* fn = nullptr;
  for (const AdverseEvent& e : events)
    if (e.name == "febrile neutropenia" && e.value == 8) fn = &e;
  ASSERT_NE(fn, nullptr);
  EXPECT_EQ(fn->unit, "%");
  for (const AdverseEvent& e : events) EXPECT_FALSE(e.name == "neutropenia" && e.value == 8);
}

// As many values as the events before them pair in order without "respectively"; a comparison among the
// values ("20 vs 12 months") is no such list.
TEST(ExtractOutcomes, ListOfEventsWithListOfValues) {
  Extraction x = ExtractText(kTitle, {"Sixty patients with relapsed ALL received blinatumomab.",
                                      "Grade 3-4 neutropenia, thrombocytopenia and anemia occurred in 91%, 85% and 57% of "
                                      "patients.",
                                      "Median overall survival and event-free survival were 20 vs 12 months."});
  std::vector<AdverseEvent> events = EventsOf(x);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].name, "neutropenia");
  EXPECT_EQ(events[0].value, 91);
  EXPECT_EQ(events[1].name, "thrombocytopenia");
  EXPECT_EQ(events[1].value, 85);
  EXPECT_EQ(events[2].name, "anemia");
  EXPECT_EQ(events[2].value, 57);
  EXPECT_EQ(Find(EndpointsOf(x), "overall survival", 20), nullptr);  // 20 and 12 compare arms, not the two endpoints
}

// "50.8% of patients in the azacitidine group were alive": the verb after the rate's subject links it forward.
TEST(ExtractOutcomes, RateSubjectThenVerb) {
  Extraction x = ExtractText(kTitle, {"A total of 358 patients with relapsed ALL were randomly assigned to blinatumomab or "
                                      "chemotherapy.",
                                      "At 2 years, 50.8% of patients in the blinatumomab group were alive."});
  std::vector<Endpoint> endpoints = EndpointsOf(x);
  const Endpoint* os = Find(endpoints, "overall survival", 50.8);
  ASSERT_NE(os, nullptr);
  EXPECT_EQ(os->timepoint, "2 years");
}

// A patient count far before an event, or in the bracket of a later list item, is not the event's.
TEST(ExtractOutcomes, CountsStayWithTheirOwnItem) {
  Extraction x = ExtractText(kTitle, {"Twenty patients with relapsed ALL received blinatumomab.",
                                      "After two cycles, nine patients showed a decrease in tumor size and surrounding edema.",
                                      "Side effects included nausea (thirteen patients), clumsiness (ataxic movements in ten "
                                      "patients) and dysphoria (one patient).",
                                      "Overall survival was longer (median 14.2 months)."});
  std::vector<AdverseEvent> events = EventsOf(x);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].name, "nausea");
  EXPECT_EQ(events[0].value, 13);
  std::vector<Endpoint> endpoints = EndpointsOf(x);
  EXPECT_NE(Find(endpoints, "overall survival", 14.2), nullptr);
}

// A plan citing earlier work: the cited result after the background cue is
// that work's, not this trial's.
TEST(ExtractOutcomes, PlanCitingEarlierWorkKeepsOnlyItsOwnResults) {
  Extraction x = ExtractText(kTitle, {"We treated 40 adults with relapsed ALL with dasatinib.",
                                      "Our hypothesis was that dasatinib would help, because a previous study has shown a "
                                      "complete remission rate of 90% in CML.",
                                      "RESULTS: The complete remission rate was 50%."});
  std::vector<Endpoint> endpoints = EndpointsOf(x);
  EXPECT_NE(Find(endpoints, "complete remission", 50), nullptr);
  EXPECT_EQ(Find(endpoints, "complete remission", 90), nullptr);
}

// Listed counts: at the start of a sentence and in a bracket too, and not a
// historical control's; a count merges into a rate only when the numbers agree.
TEST(ExtractOutcomes, ListedCountsAndTheirRates) {
  Extraction x = ExtractText(kTitle, {"We treated 40 adults with relapsed ALL with dasatinib.",
                                      "10 CR and 4 PR were observed.",
                                      "Responses (12 CR, 5 PR) were durable.",
                                      "The PR rate was 54%, compared with 9 PR in historical controls.",
                                      "Fourteen patients achieved MRD negativity, for an MRD negativity rate of 80%."});
  std::vector<Endpoint> endpoints = EndpointsOf(x);
  auto count = [&](const std::string& kind, int n) {
    return std::any_of(endpoints.begin(), endpoints.end(),
                       [&](const Endpoint& e) { return e.kind == kind && e.statistic == "count" && e.value == n; });
  };
  EXPECT_TRUE(count("complete remission", 10));
  EXPECT_TRUE(count("complete remission", 12));
  EXPECT_TRUE(count("partial response", 5));
  EXPECT_FALSE(count("partial response", 9));
  for (const Endpoint& e : endpoints) {
    if (e.statistic != "rate") continue;
    EXPECT_NE(e.count, 9) << e.kind << ": a historical count merged into this trial's rate";
    if (e.value == 80) {
      EXPECT_FALSE(e.count.has_value()) << "14 of 40 is not 80%";
    }
  }
}

// A count in the bracket of a list item the vocabulary does not know stays
// with that item: it does not move on to the event after the comma.
TEST(ExtractOutcomes, BracketedCountOfAnUnknownItemIsNoLaterEvents) {
  Extraction x = ExtractText(kTitle, {"Forty children with ALL received methotrexate.",
                                      "Complications included stroke (n = 5), methotrexate toxicity (n = 2), syndrome of "
                                      "inappropriate antidiuretic hormone secretion (n = 1), and others (n = 7)."});
  std::vector<AdverseEvent> events = EventsOf(x);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].name, "stroke");
  EXPECT_EQ(events[0].value, 5);
  EXPECT_EQ(events[1].name, "syndrome of inappropriate antidiuretic hormone secretion");
  EXPECT_EQ(events[1].value, 1);
}

// "Responses included 10 CR and 5 PR": bare numbers listed right before response endpoints are counts; a
// grade, a day or survival events are not.
TEST(ExtractOutcomes, CountsListedBeforeResponses) {
  Extraction x = ExtractText(kTitle, {"Thirty patients with relapsed ALL received blinatumomab.",
                                      "Responses included 10 CR and 5 PR.",
                                      "There were 12 OS events and grade 3 CR was not defined; the day 28 CR rate was high."});
  std::vector<Endpoint> endpoints = EndpointsOf(x);
  const Endpoint* cr = Find(endpoints, "complete remission", 10);
  const Endpoint* pr = Find(endpoints, "partial response", 5);
  ASSERT_NE(cr, nullptr);
  ASSERT_NE(pr, nullptr);
  EXPECT_EQ(cr->statistic, "count");
  EXPECT_EQ(pr->count, 5);
  EXPECT_EQ(Find(endpoints, "overall survival", 12), nullptr);
  EXPECT_EQ(Find(endpoints, "complete remission", 3), nullptr);
  EXPECT_EQ(Find(endpoints, "complete remission", 28), nullptr);
}

// Values joined by an arm contrast share the event the second one leads to.
TEST(ExtractOutcomes, ArmContrastSharesTheEvent) {
  Extraction x = ExtractText(kTitle, {"A total of 280 patients with relapsed ALL were randomly assigned to blinatumomab "
                                      "or chemotherapy.",
                                      "Thirteen patients (9%) in the blinatumomab arm and 6 (4%) in the control arm died "
                                      "of infection."});
  std::vector<AdverseEvent> events = EventsOf(x);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].name, "infection");
  EXPECT_EQ(events[0].value, 9);
  EXPECT_EQ(events[1].value, 4);
}

// A historical comparator's value is no result; the sentence's own result stays.
TEST(ExtractOutcomes, HistoricalValueBesideAResult) {
  Extraction x = ExtractText(kTitle, {"We treated 82 patients with relapsed ALL with blinatumomab.",
                                      "The complete remission rate was 54%, compared with 30% in historical controls.",
                                      "Median overall survival was 10.1 months, versus a historical 4.7 months.",
                                      "The overall response rate was 60%, which compares well with historical data (35%).",
                                      "The CR rate was 54% versus 9 of 30 historical controls (30%), a clear gain."});
  std::vector<Endpoint> endpoints = EndpointsOf(x);
  for (const Endpoint& e : endpoints) EXPECT_NE(e.value, 30) << e.kind << " took the historical controls' value";
  EXPECT_NE(Find(endpoints, "complete remission", 54), nullptr);
  EXPECT_EQ(Find(endpoints, "complete remission", 30), nullptr);
  EXPECT_NE(Find(endpoints, "overall survival", 10.1), nullptr);
  EXPECT_EQ(Find(endpoints, "overall survival", 4.7), nullptr);
  EXPECT_NE(Find(endpoints, "overall response", 60), nullptr);
  EXPECT_EQ(Find(endpoints, "overall response", 35), nullptr);
}

const AdverseEvent* FindEvent(const std::vector<AdverseEvent>& events, const std::string& name) {
  for (const AdverseEvent& e : events)
    if (e.name == name) return &e;
  return nullptr;
}

// "Grade 3-4 adverse effects included myelosuppression, ...": events listed as the study's harms, without numbers,
// with the list's grade; not past a negation, not in the present tense of general statements, not from cited work,
// not in a sentence of method ("were assessed"), and not in a document that reports no number of its own.
TEST(ExtractOutcomes, HarmsListedWithoutNumbers) {
  const std::string results = "The complete remission rate was 45%.";
  std::vector<AdverseEvent> listed = EventsOf(ExtractText(
      kTitle, {results, "Grade 3-4 adverse effects included myelosuppression, fatigue, somnolence/depressed mood, "
                        "neuropathy and dyspnea."}));
  for (const char* name : {"cytopenia", "fatigue", "somnolence", "depression", "peripheral neuropathy", "dyspnea"}) {
    const AdverseEvent* e = FindEvent(listed, name);
    ASSERT_NE(e, nullptr) << name;
    EXPECT_EQ(e->grade, "3-4") << name;
    EXPECT_FALSE(e->value.has_value()) << name;
  }
  std::vector<AdverseEvent> encountered = EventsOf(ExtractText(
      kTitle, {results, "The most common toxicities encountered were neutropenia and mucositis, with no hepatotoxicity."}));
  EXPECT_NE(FindEvent(encountered, "neutropenia"), nullptr);
  EXPECT_NE(FindEvent(encountered, "mucositis"), nullptr);
  EXPECT_EQ(FindEvent(encountered, "hepatotoxicity"), nullptr);
  for (const char* other : {"Adverse events of asparaginase include pancreatitis and thrombosis.",
                            "Adverse events observed with nilotinib were diarrhea and rash [17-19].",
                            "Adverse events were assessed weekly, including neutropenia and infection."})
    EXPECT_TRUE(EventsOf(ExtractText(kTitle, {results, other})).empty()) << other;
  EXPECT_TRUE(EventsOf(ExtractText(kTitle, {"Adverse events were neutropenia and mucositis."})).empty());
  // A listed event that a number reports elsewhere is that one event.
  std::vector<AdverseEvent> counted = EventsOf(ExtractText(
      kTitle, {results, "Adverse events included neutropenia.", "Neutropenia occurred in 12 patients."}));
  ASSERT_EQ(counted.size(), 1u);
  EXPECT_EQ(counted[0].value, 12);
}

// Guards that the verbs before a count of events are rule_words.tsv event_count_lead, not words of the code.
TEST(ExtractOutcomes, EventCountVerbsComeFromTheOntology) {
  const std::vector<std::string> sentences = {"Twenty patients received blinatumomab.",
                                              "Of concern was the appearance of four thromboembolic events."};
  auto thrombosis_count = [](const Extraction& x) -> std::optional<double> {
    std::vector<AdverseEvent> events = EventsOf(x);
    const AdverseEvent* thrombosis = FindEvent(events, "thrombosis");
    return thrombosis ? thrombosis->value : std::nullopt;
  };
  EXPECT_EQ(thrombosis_count(ExtractText(kTitle, sentences)), std::nullopt);
  EXPECT_EQ(thrombosis_count(ExtractText(WithRuleWords("event_count_lead", "appearance of"), kTitle, sentences)), 4);
}

// Event counts in journal style: "the occurrence of four thromboembolic events", "2 cases of acute renal failure",
// "One patient had focal seizures and transient hemiparesis"; "grade 3 and 4 neurologic events" counts no 4.
TEST(ExtractOutcomes, EventCountsBeforeAndAfterTheirVerb) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Twenty patients received blinatumomab.", "Of concern was the occurrence of four thromboembolic events.",
               "Transplantation-associated microangiopathy occurred in 7 patients (29%), with 2 cases of acute renal "
               "failure.",
               "One patient had focal seizures and transient hemiparesis but recovered completely.",
               "Grade 3 and 4 neurologic events occurred in 8 and 2 patients, respectively."}));
  const AdverseEvent* thrombosis = FindEvent(events, "thrombosis");
  ASSERT_NE(thrombosis, nullptr);
  EXPECT_EQ(thrombosis->value, 4);
  EXPECT_EQ(thrombosis->unit, "patients");
  const AdverseEvent* tma = FindEvent(events, "transplantation-associated microangiopathy");
  ASSERT_NE(tma, nullptr);
  EXPECT_EQ(tma->value, 29);
  for (const AdverseEvent& e : EventsOf(ExtractText(
           kTitle, {"Twenty-four patients received blinatumomab.",
                    "An additional 6 patients (25%) developed sinusoidal obstruction syndrome, which was fatal in 2 "
                    "cases."})))
    EXPECT_FALSE(e.name == "veno-occlusive disease" && e.value == 2) << "2 is the count of deaths from it";
  const AdverseEvent* renal = FindEvent(events, "acute kidney injury");
  ASSERT_NE(renal, nullptr);
  EXPECT_EQ(renal->value, 2);
  for (const char* name : {"seizure", "hemiparesis"}) {
    const AdverseEvent* e = FindEvent(events, name);
    ASSERT_NE(e, nullptr) << name;
    EXPECT_EQ(e->value, 1) << name;
  }
  for (const AdverseEvent& e : events) EXPECT_FALSE(e.name == "neurotoxicity" && e.value == 4);
  // A later clause's count ends the opening count's clause and counts its own event.
  std::vector<AdverseEvent> clauses = EventsOf(ExtractText(
      kTitle, {"Twenty patients received blinatumomab.", "Three patients developed neutropenia and two had mucositis."}));
  const AdverseEvent* neutropenia = FindEvent(clauses, "neutropenia");
  const AdverseEvent* mucositis = FindEvent(clauses, "mucositis");
  ASSERT_NE(neutropenia, nullptr);
  ASSERT_NE(mucositis, nullptr);
  EXPECT_EQ(neutropenia->value, 3);
  EXPECT_EQ(mucositis->value, 2);
}

// "Twelve (24%) of them were evaluated as severe hepatitis": the verb phrase links the rate to the event; a negation
// between a count and an event ("reported no history of hypertension") links nothing.
TEST(ExtractOutcomes, EvaluatedAsLinksAndNegationCuts) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Fifty patients received blinatumomab.", "Twelve (24%) of them were evaluated as severe hepatitis.",
               "Controls (n = 24) reported no history of hypertension."}));
  const AdverseEvent* hepatitis = FindEvent(events, "hepatotoxicity");
  ASSERT_NE(hepatitis, nullptr);
  EXPECT_EQ(hepatitis->value, 24);
  EXPECT_EQ(FindEvent(events, "hypertension"), nullptr);
}

// ", two achieved a complete remission and one achieved a partial remission": counts opening later clauses, of the
// sentence's denominator, which a rate that is a whole share of it takes too; "seven had stable disease, none had
// partial response" counts no partial response.
TEST(ExtractOutcomes, ClauseCountsAndTheDenominator) {
  std::vector<Endpoint> endpoints = EndpointsOf(ExtractText(
      kTitle, {"Twenty-four patients received blinatumomab.",
               "Of 24 evaluable patients, two achieved a complete remission and one achieved a partial remission for "
               "an overall response rate of 12.5%.",
               "One patient had complete response, seven had stable disease, none had partial response."}));
  const Endpoint* cr = Find(endpoints, "complete remission", 2);
  ASSERT_NE(cr, nullptr);
  EXPECT_EQ(cr->statistic, "count");
  EXPECT_EQ(cr->of, 24);
  const Endpoint* pr = Find(endpoints, "partial response", 1);
  ASSERT_NE(pr, nullptr);
  EXPECT_EQ(pr->of, 24);
  const Endpoint* orr = Find(endpoints, "overall response", 12.5);
  ASSERT_NE(orr, nullptr);
  EXPECT_EQ(orr->of, 24);
  EXPECT_FALSE(orr->count.has_value());
  EXPECT_EQ(Find(endpoints, "partial response", 7), nullptr);
}

// "All 20 patients responded": a rate of 100% of 20; not when the group is only evaluable.
TEST(ExtractOutcomes, WholeGroupResponds) {
  std::vector<Endpoint> endpoints = EndpointsOf(ExtractText(
      kTitle, {"All 20 patients responded to this regimen, 16/20 (80%) achieved a complete remission.",
               "All 20 patients were evaluable for toxicity, and the MRD response rate was 45%."}));
  const Endpoint* all = Find(endpoints, "overall response", 100);
  ASSERT_NE(all, nullptr);
  EXPECT_EQ(all->count, 20);
  EXPECT_EQ(all->of, 20);
  EXPECT_NE(Find(endpoints, "complete remission", 80), nullptr);
  EXPECT_EQ(Find(endpoints, "MRD negativity", 100), nullptr);
  EXPECT_NE(Find(endpoints, "MRD negativity", 45), nullptr);
}

// "The overall response rate [CR plus PR] ... was 77%": the square bracket defines the rate, as a round one does.
// "in all 53 patients was a CR rate of 89% (47/53)": 53 is the rate's group, and "Eighty-nine percent achieved CR"
// repeats the rate.
TEST(ExtractOutcomes, DefiningBracketsGroupsAndRepeats) {
  std::vector<Endpoint> endpoints = EndpointsOf(ExtractText(
      kTitle, {"Thirty patients received blinatumomab.",
               "The overall response rate [complete response (CR) plus partial response (PR)] across all dose levels "
               "was 77%, with a 10% CR rate.",
               "The best response in all 53 patients was a CR rate of 89% (47/53).",
               "Eighty-nine percent of patients achieved CR."}));
  EXPECT_NE(Find(endpoints, "overall response", 77), nullptr);
  EXPECT_EQ(Find(endpoints, "partial response", 77), nullptr);
  EXPECT_NE(Find(endpoints, "complete remission", 10), nullptr);
  EXPECT_EQ(Find(endpoints, "complete remission", 53), nullptr);
  int cr89 = 0;
  for (const Endpoint& e : endpoints) cr89 += e.kind == "complete remission" && e.value == 89;
  EXPECT_EQ(cr89, 1);
  EXPECT_EQ(Find(endpoints, "complete remission", 89)->count, 47);
  // In one sentence the second value is the other arm's, with or without its count.
  std::vector<Endpoint> arms = EndpointsOf(ExtractText(
      kTitle, {"A total of 100 patients were randomly assigned to blinatumomab or chemotherapy.",
               "The MRD response rate was 40% (20/50) with blinatumomab and 40% with chemotherapy."}));
  int mrd40 = 0;
  for (const Endpoint& e : arms) mrd40 += e.kind == "MRD negativity" && e.value == 40;
  EXPECT_EQ(mrd40, 2);
}

// "Responses were observed in 12 of 20 patients, including 8 complete remissions": the listed count ends what the
// rate before it reaches. "cytokine release syndrome, which was grade 3 or higher in 3 patients": a grade past a
// comma is a subset's, not the event's.
TEST(ExtractOutcomes, ListedCountEndsAReachAndACommaEndsAGrade) {
  Extraction x = ExtractText(kTitle, {"Twenty patients received blinatumomab.",
                                      "Responses were observed in 12 of 20 patients, including 8 complete remissions.",
                                      "Eighteen patients (45%) experienced cytokine release syndrome, which was grade 3 "
                                      "or higher in 3 patients."});
  std::vector<Endpoint> endpoints = EndpointsOf(x);
  EXPECT_EQ(Find(endpoints, "complete remission", 60), nullptr);
  EXPECT_NE(Find(endpoints, "complete remission", 8), nullptr);
  std::vector<AdverseEvent> events = EventsOf(x);
  const AdverseEvent* crs = FindEvent(events, "cytokine release syndrome");
  ASSERT_NE(crs, nullptr);
  EXPECT_EQ(crs->value, 45);
  EXPECT_FALSE(crs->grade.has_value());
}

// "CRS occurred in 15% of patients and was grade 3 in 2%": a verb after a conjunction starts another predicate and
// links no number; "including 2 fatal cases of sepsis": the count of cases is the event's named after it.
TEST(ExtractOutcomes, ConjoinedPredicateAndQualifiedCases) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Twenty patients received blinatumomab.",
               "Cytokine release syndrome occurred in 15% of patients and was grade 3 in 2%.",
               "Infections were reported in 10 patients, including 2 fatal cases of sepsis."}));
  bool crs15 = false;
  for (const AdverseEvent& e : events) crs15 |= e.name == "cytokine release syndrome" && e.value == 15;
  EXPECT_TRUE(crs15);
  const AdverseEvent* sepsis = FindEvent(events, "sepsis");
  ASSERT_NE(sepsis, nullptr);
  EXPECT_EQ(sepsis->value, 2);
  for (const AdverseEvent& e : events) EXPECT_FALSE(e.name == "infection" && e.value == 2);
}

// A count written before its event takes the grade written between them, not one of an earlier clause: "Nine
// patients (37%) developed acute grade II-IV GVHD, and 11 of 17 evaluable patients (64%) developed chronic GVHD".
TEST(ExtractOutcomes, CountBeforeItsEventHasItsGradeAfterIt) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Twenty-four patients received blinatumomab.",
               "Nine patients (37%) developed acute grade II-IV GVHD, and 11 of 17 evaluable patients (64%) developed "
               "chronic extensive GVHD.",
               "Twelve patients had grade 3 neutropenia."}));
  for (const AdverseEvent& e : events) {
    if (e.name == "graft-versus-host disease" && e.value == 37) {
      EXPECT_EQ(e.grade, "2-4");
    }
    if (e.name == "graft-versus-host disease" && e.value == 64) {
      EXPECT_FALSE(e.grade.has_value());
    }
  }
  const AdverseEvent* neutropenia = FindEvent(events, "neutropenia");
  ASSERT_NE(neutropenia, nullptr);
  EXPECT_EQ(neutropenia->grade, "3");
  // A value after its event takes a grade written right before it ("including grade 3 or higher in 13%"), or the
  // one its own verb leads to ("14% ... experiencing grade 1 or 2 and only 2% experiencing grade 3"), not the grade
  // another value took.
  std::vector<AdverseEvent> after = EventsOf(ExtractText(
      kTitle, {"Twenty-four patients received blinatumomab.",
               "Neurologic events occurred in 52% of patients, including grade 3 or higher in 13%.",
               "Vomiting was infrequent, with 14% of patients experiencing grade 1 or 2 and only 2% experiencing grade 3."}));
  for (const AdverseEvent& e : after) {
    if (e.value == 52) {
      EXPECT_FALSE(e.grade.has_value()) << e.name << " " << *e.value;
    }
    if (e.value == 14) {
      EXPECT_EQ(e.grade, "1-2");
    }
    if (e.value == 2) {
      EXPECT_EQ(e.grade, "3");
    }
    if (e.value == 13) {
      EXPECT_EQ(e.grade, ">=3");
    }
  }
}

// A subgroup's values are no results of the trial ("In the subset of patients with high E-cadherin levels, ...
// hazard ratio, 0.35", "80% in the subgroup of younger patients"); what prior reports describe is background.
TEST(ExtractOutcomes, SubgroupsAndPriorReportsAreNoResults) {
  std::vector<Endpoint> endpoints = EndpointsOf(ExtractText(
      kTitle, {"Forty patients received blinatumomab.",
               "The overall survival rate was 60% at 1 year, and 80% in the subgroup of younger patients.",
               "In the subset of patients with MRD negativity, event-free survival was longer (hazard ratio, 0.35).",
               "Prior reports describe an overall response rate of 20% with chemotherapy."}));
  EXPECT_NE(Find(endpoints, "overall survival", 60), nullptr);
  EXPECT_EQ(Find(endpoints, "overall survival", 80), nullptr);
  EXPECT_EQ(Find(endpoints, "event-free survival", 0.35), nullptr);
  EXPECT_EQ(Find(endpoints, "overall response", 20), nullptr);
}

// "The 5-year EFS and OS rates were 58% and 70%, respectively": a timepoint after only an article opens the sentence
// and covers every rate in it.
TEST(ExtractOutcomes, TimepointAfterAnArticleCoversTheSentence) {
  std::vector<Endpoint> endpoints = EndpointsOf(ExtractText(
      kTitle, {"Forty patients received blinatumomab.",
               "The 5-year event-free survival (EFS) and overall survival (OS) rates were 58% and 70%, respectively."}));
  const Endpoint* os = Find(endpoints, "overall survival", 70);
  ASSERT_NE(os, nullptr);
  EXPECT_EQ(os->timepoint, "5 years");
  const Endpoint* efs = Find(endpoints, "event-free survival", 58);
  ASSERT_NE(efs, nullptr);
  EXPECT_EQ(efs->timepoint, "5 years");
}

// The state patients entered with is no result: "Four were already in complete remission at enrolment", a sentence
// opened by "At baseline"; the trial's own counts in the next sentence stay.
TEST(ExtractOutcomes, BaselineStatesAreNoResults) {
  std::vector<Endpoint> endpoints = EndpointsOf(ExtractText(
      kTitle, {"Fifty-two patients received inotuzumab.", "Four were already in complete remission at enrolment.",
               "At baseline, 12 patients (23%) had MRD negativity.",
               "Of the 48 evaluable patients, 39 had complete remission."}));
  EXPECT_EQ(Find(endpoints, "complete remission", 4), nullptr);
  EXPECT_EQ(Find(endpoints, "MRD negativity", 23), nullptr);
  EXPECT_EQ(Find(endpoints, "MRD negativity", 12), nullptr);
  EXPECT_NE(Find(endpoints, "complete remission", 39), nullptr);
}

// "Headache relief at 2 h was 75.9%": an event named as the symptom the
// treatment relieves is efficacy; the same event as a harm keeps its rate.
TEST(ExtractOutcomes, RelievedSymptomsAreNoAdverseEvents) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Forty patients received blinatumomab.", "Headache relief at 2 h was 75.9%.",
               "Relief of nausea was reported by 40% of patients.", "Dizziness occurred in 6.7% and headache in 5%."}));
  auto has = [&](const std::string& name, double value) {
    return std::any_of(events.begin(), events.end(), [&](const AdverseEvent& e) { return e.name == name && e.value == value; });
  };
  EXPECT_FALSE(has("headache", 75.9));
  EXPECT_FALSE(has("nausea", 40));
  EXPECT_TRUE(has("dizziness", 6.7));
  EXPECT_TRUE(has("headache", 5));
}

// "Somnolence and constipation were prominent toxicities": events listed
// before their verb and a harm noun are the study's harms, without numbers.
TEST(ExtractOutcomes, EventsListedBeforeAHarmNoun) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Forty patients received blinatumomab.", "The complete remission rate was 45%.",
               "Somnolence and constipation were prominent toxicities.",
               "Fatigue was reported by most patients, and toxicities were mild.",
               "No neutropenia was a dose-limiting toxicity."}));
  std::vector<std::string> names;
  for (const AdverseEvent& e : events) names.push_back(e.name);
  EXPECT_EQ(names, (std::vector<std::string>{"somnolence", "constipation"}));
}

// A rise in creatinine is the kidney injury it measures.
TEST(ExtractOutcomes, CreatinineRiseIsAKidneyInjury) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Forty patients received blinatumomab.",
               "Two of the 40 patients (5 percent) had an increase in serum creatinine of 0.5 mg per deciliter or more."}));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].name, "acute kidney injury");
  EXPECT_EQ(events[0].value, 5);
}

// "with one partial response ... (4%)": a count in words, listed before its
// endpoint, gives the rate its count, of the evaluable patients.
TEST(ExtractOutcomes, CountInWordsOfTheEvaluablePatients) {
  std::vector<Endpoint> endpoints = EndpointsOf(ExtractText(
      kTitle, {"Twenty-nine patients received blinatumomab.",
               "RESULTS: 24 patients were evaluable for response with one partial response of 11 months duration (4%), "
               "and 2 patients stable."}));
  const Endpoint* pr = Find(endpoints, "partial response", 4);
  ASSERT_NE(pr, nullptr);
  EXPECT_EQ(pr->count, 1);
  EXPECT_EQ(pr->of, 24);
}

// A grade past a comma is a subset's, after a bracket that holds no grade too: "neutropenia (n = 4), grade 3 in 2".
TEST(ExtractOutcomes, GradeAfterABracketAndACommaIsASubsets) {
  std::vector<AdverseEvent> events = ExtractText(
      kTitle, {"Forty patients received blinatumomab.", "Adverse events included neutropenia (n = 4), grade 3 in 2."})
                                         .trials.at(0)
                                         .adverse_events;
  auto four = std::find_if(events.begin(), events.end(), [](const AdverseEvent& e) { return e.value == 4; });
  ASSERT_NE(four, events.end());
  EXPECT_EQ(four->name, "neutropenia");
  EXPECT_FALSE(four->grade.has_value()) << *four->grade;
}

// "Median survival was 16 months": survival without a qualifier is overall survival; hiccups, hallucinations,
// akathisia, phlebitis and bradycardia are adverse events of the ontology.
TEST(ExtractOutcomes, MedianSurvivalAndFurtherEventTerms) {
  Extraction x = ExtractText(kTitle, {"Forty patients received blinatumomab.", "RESULTS: Median survival was 16 months.",
                                      "Hallucinations occurred in 4 patients.", "Phlebitis occurred in 37% of patients.",
                                      "Hiccups were reported by 10.7%."});
  std::vector<Endpoint> endpoints = EndpointsOf(x);
  const Endpoint* os = Find(endpoints, "overall survival", 16);
  ASSERT_NE(os, nullptr);
  EXPECT_EQ(os->statistic, "median");
  std::set<std::string> names;
  for (const AdverseEvent& e : x.trials.at(0).adverse_events) names.insert(e.name);
  EXPECT_EQ(names, (std::set<std::string>{"hallucinations", "phlebitis", "hiccups"}));
}

// "while 29% had grade 1 or 2", "14% of patients experiencing grade 1 or 2 and only 2% experiencing grade 3 or 4":
// a value whose verb leads to a bare grade is of the event before it, at that grade.
TEST(ExtractOutcomes, GradeAfterTheValuesVerb) {
  std::vector<AdverseEvent> events =
      ExtractText(kTitle, {"Forty patients received blinatumomab.",
                           "Only one patient (2%) developed grade 3 or 4 neutropenia, while 29% had grade 1 or 2.",
                           "Nausea was infrequent, with 14% of patients experiencing grade 1 or 2 and only 2% experiencing "
                           "grade 3 or 4."})
          .trials.at(0)
          .adverse_events;
  auto find = [&](const std::string& name, double value) {
    auto it = std::find_if(events.begin(), events.end(), [&](const AdverseEvent& e) { return e.name == name && e.value == value; });
    return it == events.end() ? std::optional<std::string>("missing") : it->grade;
  };
  EXPECT_EQ(find("neutropenia", 2), "3-4");
  EXPECT_EQ(find("neutropenia", 29), "1-2");
  EXPECT_EQ(find("nausea", 14), "1-2");
  EXPECT_EQ(find("nausea", 2), "3-4");
}

// A grade written before a value is that event's alone, not of the items after the value ("infections in 3"); a
// grade heading a list keeps to items whose values stand in brackets.
TEST(ExtractOutcomes, GradeEndsAtTheValueOfItsEvent) {
  std::vector<AdverseEvent> events =
      ExtractText(kTitle, {"Forty patients received blinatumomab.",
                           "Neutropenia grade greater than or equal to 3 was seen in 15 patients, and seizures in 1 patient.",
                           "Adverse events of grade 3 or higher included pneumonia (17%) and sepsis (6%)."})
          .trials.at(0)
          .adverse_events;
  std::map<std::string, std::optional<std::string>> grades;
  for (const AdverseEvent& e : events) grades[e.name] = e.grade;
  EXPECT_EQ(grades["neutropenia"], ">=3");
  EXPECT_EQ(grades.count("seizure"), 1u);
  EXPECT_EQ(grades["seizure"], std::nullopt);
  EXPECT_EQ(grades["sepsis"], ">=3");
}

// "The primary end point was 4-month PFS rate. ... (EE, 18% v EP, 20%)": the primary result's values for each arm,
// in its sentence, are all primary; a value of the kind at another timepoint is not.
TEST(ExtractOutcomes, EveryArmsValueOfThePrimaryResultIsPrimary) {
  std::vector<Endpoint> endpoints = EndpointsOf(ExtractText(
      kTitle, {"The primary end point was 4-month progression-free survival rate.", "RESULTS: Sixty patients were enrolled.",
               "The 4-month PFS rate was comparable for both groups (18% v 20%; P = .7).",
               "The 6-month PFS rate was 10%."}));
  for (double value : {18.0, 20.0}) {
    const Endpoint* e = Find(endpoints, "progression-free survival", value);
    ASSERT_NE(e, nullptr) << value;
    EXPECT_TRUE(e->primary) << value;
  }
  const Endpoint* later = Find(endpoints, "progression-free survival", 10);
  ASSERT_NE(later, nullptr);
  EXPECT_FALSE(later->primary);
}

// "Two pathologic complete responses were observed": a count right before the endpoint, one qualifier word
// between at most, counts it; a count of time-to-event endpoints ("45 OS events") or one further away does not.
TEST(ExtractOutcomes, CountRightBeforeTheEndpoint) {
  std::vector<Endpoint> endpoints = EndpointsOf(ExtractText(
      kTitle, {"Eighteen patients received blinatumomab.", "RESULTS: Two pathologic complete responses were observed.",
               "Six partial responses were observed.", "Forty-five overall survival events occurred.",
               "Three patients relapsed after partial response."}));
  const Endpoint* cr = Find(endpoints, "complete remission", 2);
  ASSERT_NE(cr, nullptr);
  EXPECT_EQ(cr->statistic, "count");
  EXPECT_NE(Find(endpoints, "partial response", 6), nullptr);
  EXPECT_EQ(Find(endpoints, "overall survival", 45), nullptr);
  EXPECT_EQ(Find(endpoints, "partial response", 3), nullptr);
}

// "more incidents of bradycardia in subjects treated with clonidine compared with those not treated with clonidine
// (17.5% versus 3.4%)": a bracket closing the clause that names the event holds its values, however long the
// clause; not across a comma or another number.
TEST(ExtractOutcomes, BracketClosingTheEventsClause) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Sixty patients received blinatumomab or placebo.",
               "RESULTS: There were more incidents of bradycardia in subjects treated with blinatumomab compared with those "
               "not treated with blinatumomab (17.5% versus 3.4%; p =.02).",
               "Headache was reported, and the patients treated with blinatumomab compared with those not treated with "
               "blinatumomab were similar in most respects (40% versus 38%)."}));
  EXPECT_EQ(ValuesOf(events, "bradycardia"), (std::set<double>{17.5, 3.4}));
  EXPECT_TRUE(ValuesOf(events, "headache").empty());
}

// "occurred in 4 patients assigned to group I and 7 assigned to group II": the bare count after the arm contrast
// counts the same event in the other arm.
TEST(ExtractOutcomes, EventCountedPerArm) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Sixty patients were randomized to blinatumomab or placebo.",
               "Severe neutropenia occurred in 4 patients assigned to group I and 7 assigned to group II."}));
  EXPECT_EQ(ValuesOf(events, "neutropenia"), (std::set<double>{4, 7}));
}

// Per-arm rates of one event: "Five of 33 (15%) of the tobramycin-treated patients and 16 of 29 (55.2%) of the
// gentamicin-treated patients had renal failure"; "... was similar between the two groups, at 10% and 5%,
// respectively"; not the condition patients were treated for ("73% of the study participants were treated for
// headache").
TEST(ExtractOutcomes, PerArmRatesOfOneEvent) {
  std::vector<AdverseEvent> fractions = EventsOf(ExtractText(
      kTitle, {"Sixty-two patients were randomized.",
               "Five of 33 (15%) of the tobramycin-treated patients and 16 of 29 (55.2%) of the gentamicin-treated "
               "patients had renal failure."}));
  EXPECT_EQ(ValuesOf(fractions, "acute kidney injury"), (std::set<double>{15, 55.2}));
  std::vector<AdverseEvent> respectively = EventsOf(ExtractText(
      kTitle, {"Sixty-two patients were randomized.",
               "The occurrence of nephrotoxicity was similar between the conventional and extended-interval groups, at "
               "10% and 5%, respectively (P = 1.00)."}));
  EXPECT_EQ(ValuesOf(respectively, "acute kidney injury"), (std::set<double>{10, 5}));
  std::vector<AdverseEvent> condition = EventsOf(ExtractText(
      kTitle, {"Ninety-nine patients were randomized.",
               "Seventy-three percent (73/99) of the study participants were treated for headache.",
               "Akathisia occurred in 26.0% (13/50)."}));
  EXPECT_TRUE(ValuesOf(condition, "headache").empty());
}

// "Six of 30 patients (20%) without prior chemotherapy achieved a partial response": a qualifier of the patients
// between the rate and its verb still lets the verb link the rate to the endpoint.
TEST(ExtractOutcomes, QualifiedSubjectBeforeTheLinkingVerb) {
  std::vector<Endpoint> endpoints = EndpointsOf(ExtractText(
      kTitle, {"Forty-six patients received blinatumomab.",
               "RESULTS: Six of 30 patients (20%) without prior chemotherapy achieved a partial response (PR) (95% "
               "confidence interval [CI], 8% to 39%)."}));
  const Endpoint* pr = Find(endpoints, "partial response", 20);
  ASSERT_NE(pr, nullptr);
  EXPECT_EQ(pr->count, 6);
  EXPECT_EQ(pr->of, 30);
  EXPECT_EQ(pr->ci, std::make_pair(8.0, 39.0));
}

// "side-effects, particularly sedation, weight loss and ataxia": examples after a harm noun and its comma are the
// study's harms, as after a list verb.
TEST(ExtractOutcomes, HarmsGivenAsExamplesOfAHarmNoun) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Forty patients received blinatumomab.", "RESULTS: The complete remission rate was 45%.",
               "Patients developed more side-effects, particularly weight loss and headache."}));
  std::set<std::string> names;
  for (const AdverseEvent& e : events) names.insert(e.name);
  EXPECT_EQ(names, (std::set<std::string>{"weight loss", "headache"}));
}

// "median time to progression, 5.5 months; median time to treatment failure, 4.6 months": a clause after a semicolon
// that labels its own measure keeps its value from the endpoint before the semicolon; "...; 30% in arm B" does not.
TEST(ExtractOutcomes, SemicolonClauseLabellingItsOwnMeasure) {
  std::vector<Endpoint> endpoints = EndpointsOf(ExtractText(
      kTitle, {"Forty patients received blinatumomab.",
               "RESULTS: Median time to progression, 5.5 months; median time to treatment failure, 4.6 months.",
               "The complete remission rate was 45% in arm A; 30% in arm B."}));
  EXPECT_NE(Find(endpoints, "time to progression", 5.5), nullptr);
  EXPECT_EQ(Find(endpoints, "time to progression", 4.6), nullptr);
  EXPECT_NE(Find(endpoints, "complete remission", 30), nullptr);
}

// Equal values with different confidence intervals are different results; a repeat without the interval another
// sentence gives is that result.
TEST(ExtractOutcomes, EqualValuesWithDifferentIntervals) {
  std::vector<Endpoint> endpoints = EndpointsOf(ExtractText(
      kTitle, {"Eighty-two patients received blinatumomab.",
               "RESULTS: 1-year overall survival was 74% (95% CI 63-82).",
               "In the control cohort, 1-year overall survival was 74% (95% CI 61-83).",
               "CONCLUSIONS: 1-year overall survival was 74%."}));
  int seventy_four = 0;
  for (const Endpoint& e : endpoints)
    if (e.kind == "overall survival" && e.value == 74) {
      ++seventy_four;
      EXPECT_TRUE(e.ci.has_value());
    }
  EXPECT_EQ(seventy_four, 2);
}

// "Drowsiness was common on blinatumomab": a word of frequency right after the verb that follows the events names
// them as the study's harms; not when negated, nor when it does not follow the verb at once.
TEST(ExtractOutcomes, EventsSaidToBeCommon) {
  auto names_of = [](const std::string& sentence) {
    std::set<std::string> names;
    for (const AdverseEvent& e : EventsOf(ExtractText(
             kTitle, {"Forty patients received blinatumomab.", "RESULTS: The complete remission rate was 45%.", sentence})))
      names.insert(e.name);
    return names;
  };
  EXPECT_EQ(names_of("Drowsiness was common on blinatumomab, but generally resolved."), (std::set<std::string>{"somnolence"}));
  EXPECT_TRUE(names_of("Drowsiness was not common on blinatumomab.").empty());
  EXPECT_TRUE(names_of("Drowsiness was less common with the lower dose.").empty());
}

// "a 50% reduction in their headache intensity ... was 11.8%": a symptom's scale names the efficacy measure, not a harm.
TEST(ExtractOutcomes, SymptomScalesAreNoAdverseEvents) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Ninety-nine patients were randomized.", "RESULTS: Akathisia occurred in 26.0% (13/50).",
               "The percentage of participants who saw a 50% reduction in their headache intensity was 11.8%.",
               "The mean nausea score fell by 40%."}));
  EXPECT_TRUE(ValuesOf(events, "headache").empty());
  EXPECT_TRUE(ValuesOf(events, "nausea").empty());
  EXPECT_EQ(ValuesOf(events, "akathisia"), (std::set<double>{26}));
}

// "The incidence of myoclonus was lower in the A group (6.7%) than in the B group (70%)": the study's measured harm,
// reported per arm, with its spellings ("increased serum creatinine", "SCr increases").
TEST(ExtractOutcomes, MeasuredHarmPerArm) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Sixty patients were randomized to remifentanil or placebo.",
               "RESULTS: The incidence of myoclonus was significantly lower in the remifentanil group (6.7%) than in the "
               "placebo group (70%) (P < 0.001).",
               "Increased serum creatinine was observed in 73% of patients in group A versus 57% of patients in group B.",
               "SCr increases > or = 0.5 mg/dL occurred in 4.4% after drug A and 6.7% after drug B."}));
  EXPECT_EQ(ValuesOf(events, "myoclonus"), (std::set<double>{6.7, 70}));
  EXPECT_EQ(ValuesOf(events, "acute kidney injury"), (std::set<double>{73, 57, 4.4, 6.7}));
}

// "(2.5% and 1.1% respectively) compared with diclofenac (1.5% and 0.4% respectively)": each arm lists one value per
// event, in the events' order.
TEST(ExtractOutcomes, RespectivelyRepeatedForEachArm) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"A total of 4086 patients were randomized to etoricoxib or diclofenac.",
               "RESULTS: The incidence of discontinuations for hypertension and oedema were higher with etoricoxib "
               "(2.5% and 1.1% respectively) compared with diclofenac (1.5% and 0.4% respectively)."}));
  EXPECT_EQ(ValuesOf(events, "hypertension"), (std::set<double>{2.5, 1.5}));
  EXPECT_EQ(ValuesOf(events, "edema"), (std::set<double>{1.1, 0.4}));
}

// "without side effects such as nausea or pruritus": a negated harm noun introduces harms that did not occur.
TEST(ExtractOutcomes, NegatedHarmNounListsNoHarms) {
  auto names_of = [](const std::string& sentence) {
    std::set<std::string> names;
    for (const AdverseEvent& e : EventsOf(ExtractText(
             kTitle, {"Sixty patients were randomized.", "RESULTS: Myoclonus occurred in 6.7% of patients.", sentence})))
      names.insert(e.name);
    return names;
  };
  EXPECT_EQ(names_of("Pretreatment reduced myoclonus without side effects such as nausea or pruritus."),
            (std::set<std::string>{"myoclonus"}));
  EXPECT_EQ(names_of("Pretreatment reduced myoclonus, with side effects such as nausea."),
            (std::set<std::string>{"myoclonus", "nausea"}));
}

// "Neutropenia was seen in 15 patients, infections with recovery in 3, and seizures in 1 patient": a later item of a
// list of events counted in patients may leave the noun out ("confusion (1)" too); a bare number after "in" that is
// no count of patients stays no value ("in 2005").
TEST(ExtractOutcomes, ElidedPatientNounInAListOfEvents) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Sixteen patients received blinatumomab.",
               "RESULTS: Neutropenia grade 3 was seen in 15 patients, infections with recovery in 3, and seizures in 1 "
               "patient.",
               "Peripheral neuropathy occurred in 12 patients and pancreatitis in six.",
               "Nausea was first reported in 2005.",
               "At the top dose, three patients experienced toxicity; confusion (1), dizziness (1), and grade 2 "
               "leukopenia (1)."}));
  EXPECT_EQ(ValuesOf(events, "infection"), (std::set<double>{3}));
  EXPECT_EQ(ValuesOf(events, "pancreatitis"), (std::set<double>{6}));
  EXPECT_TRUE(ValuesOf(events, "nausea").empty());
  EXPECT_EQ(ValuesOf(events, "confusion"), (std::set<double>{1}));
  EXPECT_EQ(ValuesOf(events, "leukopenia"), (std::set<double>{1}));
}

// Common drug harms without a home before: "dry mouth (10%)", "hyperkalemia ... in 4 patients", "ataxia".
TEST(ExtractOutcomes, CommonDrugHarmSpellings) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Forty patients received blinatumomab.",
               "RESULTS: Side effects included decreased appetite (36%), dry mouth (10%) and hypoglycaemia (5%).",
               "Hyperkalaemia developed in 4 patients."}));
  EXPECT_EQ(ValuesOf(events, "dry mouth"), (std::set<double>{10}));
  EXPECT_EQ(ValuesOf(events, "hypoglycemia"), (std::set<double>{5}));
  EXPECT_EQ(ValuesOf(events, "hyperkalemia"), (std::set<double>{4}));
}

// Counts of one event per arm: "Six patients in the A group and two in the B group developed headache", "... and two
// in the B participants developed" (the count's group stands between it and the verb), "Three patients developed
// edema, whereas ... only one patient had edema" (a contrasting clause's count is no other number of the first clause).
TEST(ExtractOutcomes, EventCountsPerArm) {
  auto values_of = [](const std::string& sentence, const std::string& name) {
    return ValuesOf(EventsOf(ExtractText(kTitle, {"One hundred patients were randomized.", "RESULTS: " + sentence})), name);
  };
  EXPECT_EQ(values_of("Six patients in the blinatumomab group developed headache.", "headache"), (std::set<double>{6}));
  EXPECT_EQ(values_of("Six patients in the blinatumomab group and two in the placebo group developed headache.", "headache"),
            (std::set<double>{6, 2}));
  // Any group noun of rule_words.tsv arm_group ends the count's group, as it does a rate's.
  EXPECT_EQ(values_of("Six patients in the blinatumomab group and two in the placebo participants developed headache.",
                      "headache"),
            (std::set<double>{6, 2}));
  EXPECT_EQ(values_of("Three patients developed edema in the placebo group, whereas in the blinatumomab group only one "
                      "patient had edema.",
                      "edema"),
            (std::set<double>{3, 1}));
}

// ", and two had dizziness" opens a clause with its own count; "Neutropenia resolved in 10 patients", "one had the
// seizures persist" count the event's course, not its occurrence.
TEST(ExtractOutcomes, ClauseCountsAfterAndAndTheEventsCourse) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Sixty patients received blinatumomab.", "RESULTS: Five patients experienced edema, and two had dizziness.",
               "Neutropenia resolved in 10 patients.", "Two had the seizures resolve, and one had the seizures persist."}));
  EXPECT_EQ(ValuesOf(events, "edema"), (std::set<double>{5}));
  EXPECT_EQ(ValuesOf(events, "dizziness"), (std::set<double>{2}));
  EXPECT_TRUE(ValuesOf(events, "neutropenia").empty());
  EXPECT_TRUE(ValuesOf(events, "seizure").empty());
}

// "with 3 patients developing grade 2 neutropenia", "Five patients suffered a stroke": participles and "suffered" link
// a count to the event after it, as "developed" does.
TEST(ExtractOutcomes, ParticiplesLinkCountsToEvents) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Sixty patients received blinatumomab.",
               "RESULTS: Toxicity was mild, with 3 patients developing grade 2 neutropenia.",
               "Five patients suffered a stroke.", "Two patients experiencing fever were treated with antibiotics."}));
  EXPECT_EQ(ValuesOf(events, "neutropenia"), (std::set<double>{3}));
  EXPECT_EQ(ValuesOf(events, "stroke"), (std::set<double>{5}));
  EXPECT_EQ(ValuesOf(events, "fever"), (std::set<double>{2}));
}

// "a 33% greater likelihood of decreased renal function", "a 50% reduction in their nausea", "reduced edema by 20%":
// a relative change of an event's risk is no share of patients who had it.
TEST(ExtractOutcomes, RelativeChangesAreNoEventRates) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"One hundred patients were randomized.",
               "RESULTS: Patients assigned to blinatumomab had a 33% greater likelihood of decreased renal function.",
               "Patients with a 50% reduction in their nausea were few.", "Blinatumomab reduced edema by 20%.",
               "Headache occurred in 12% of patients."}));
  EXPECT_TRUE(ValuesOf(events, "acute kidney injury").empty());
  EXPECT_TRUE(ValuesOf(events, "nausea").empty());
  EXPECT_TRUE(ValuesOf(events, "edema").empty());
  EXPECT_EQ(ValuesOf(events, "headache"), (std::set<double>{12}));
}

// "Hallucinations occurred in 4 patients, and an unpleasant sensation was also reported by 2 patients": a clause with
// a subject of its own keeps its count from the event before it.
TEST(ExtractOutcomes, NewClauseSubjectKeepsItsCount) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Ten patients received blinatumomab.",
               "RESULTS: Hallucinations occurred in 4 patients, and an unpleasant sensation was also reported by 2 "
               "patients."}));
  EXPECT_EQ(ValuesOf(events, "hallucinations"), (std::set<double>{4}));
  // Any contrast of rule_words.tsv clause_contrast opens such a clause, not only those once written into the code.
  events = EventsOf(ExtractText(
      kTitle, {"Ten patients received blinatumomab.",
               "RESULTS: Hallucinations occurred in 4 patients, although an unpleasant sensation was also reported by 2 "
               "patients."}));
  EXPECT_EQ(ValuesOf(events, "hallucinations"), (std::set<double>{4}));
}

// Counts of "subjects" and the verb "exhibited" link an event as "patients" and "experienced" do.
TEST(ExtractOutcomes, SubjectsAndExhibitedCountEvents) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Eleven patients received blinatumomab.",
               "RESULTS: The main problem was haematological toxicity, with three subjects experiencing severe "
               "neutropenia.",
               "Nine patients exhibited mild to moderate extrapyramidal symptoms."}));
  EXPECT_EQ(ValuesOf(events, "neutropenia"), (std::set<double>{3}));
  EXPECT_EQ(ValuesOf(events, "extrapyramidal symptoms"), (std::set<double>{9}));
}

// "Seven out of 12 subjects experienced headache ... and nausea in one": the rate is the headache's; the event with a
// count of its own after it keeps that count.
TEST(ExtractOutcomes, OutOfRateAndLaterItemsOwnCount) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Twelve patients received blinatumomab.",
               "RESULTS: Seven out of 12 subjects experienced headache of a short duration accompanying facial flush in "
               "one and nausea in one.",
               "RAPA was discontinued in four patients, because of pneumonia in two, and fever in one."}));
  EXPECT_EQ(ValuesOf(events, "headache"), (std::set<double>{58.3}));
  EXPECT_EQ(ValuesOf(events, "nausea"), (std::set<double>{1}));
  EXPECT_EQ(ValuesOf(events, "pneumonia"), (std::set<double>{2}));
}

// Numbers that count no event: groups sorted by whether they have it, a drug's strength, the course of an event or a
// risk attributed to the drug, the state before a switch, and the disease the patients were enrolled with.
TEST(ExtractOutcomes, NumbersThatCountNoEvent) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Thirty patients received blinatumomab.",
               "RESULTS: The effect was compared in 5 normal subjects, 12 diabetic subjects without autonomic "
               "neuropathy, and 5 diabetic subjects with autonomic neuropathy.",
               "Eight patients treated with blinatumomab 0.5%, suffering from depression, were included.",
               "Withdrawal resulted in a complete reversal of hearing loss in 3 patients.",
               "The attributable risk of ototoxicity is 8.4%.", "Akathisia was controlled in 14 out of 16 patients.",
               "In 28% of patients proteinuria remained unchanged.",
               "Before the switch, 11.5% of patients had fatigue."}));
  for (const char* name : {"peripheral neuropathy", "depression", "hearing loss", "akathisia", "proteinuria", "fatigue"})
    EXPECT_TRUE(ValuesOf(events, name).empty()) << name;
  std::vector<AdverseEvent> enrolled = EventsOf(ExtractText(
      "Adverse reactions to propranolol for the treatment of mild hypertension",
      {"Participants in the treatment trial for mild hypertension are randomly allocated to one of four treatment "
       "groups: propranolol or placebo.",
       "Dyspnoea occurred in 4% of patients taking propranolol."}));
  EXPECT_TRUE(ValuesOf(enrolled, "hypertension").empty());
  EXPECT_EQ(ValuesOf(enrolled, "dyspnea"), (std::set<double>{4}));
}

// CTCAE / MedDRA spellings of adverse_events.tsv: "granulocytopenia" is neutropenia, "light-headed" dizziness,
// "impotence" erectile dysfunction; hematuria and ototoxicity have entries of their own.
TEST(ExtractOutcomes, MoreEventSpellings) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Forty patients received blinatumomab.",
               "RESULTS: Granulocytopenia occurred in 10% of patients, and light-headed feelings in 5%.",
               "Four patients developed transient microscopic hematuria.",
               "Ototoxicity occurred in 12 (22%) of 54 patients.", "Impotence was reported by 6% of the men."}));
  EXPECT_EQ(ValuesOf(events, "neutropenia"), (std::set<double>{10}));
  EXPECT_EQ(ValuesOf(events, "dizziness"), (std::set<double>{5}));
  EXPECT_EQ(ValuesOf(events, "hematuria"), (std::set<double>{4}));
  EXPECT_EQ(ValuesOf(events, "hearing loss"), (std::set<double>{22}));
  EXPECT_EQ(ValuesOf(events, "erectile dysfunction"), (std::set<double>{6}));
}

// Events named without numbers as the study's harms: a list whose incidences the arms were compared on, a list led
// by a word of frequency, a list with a word of frequency or severity after its verb, and the parts a group of events
// is spelt out into. Not an aim ("to assess the incidence of") nor a comparison without a verdict.
TEST(ExtractOutcomes, EventsNamedByIncidenceFrequencyOrParts) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Forty patients received blinatumomab.", "RESULTS: Cough was reported in 4% of patients.",
               "The incidences of headache, dizziness, and diarrhea were similar between the 2 groups.",
               "Eleven patients reported symptoms, the most frequent of which (nausea and rash) were brief.",
               "Myopathy was rare. Neurotoxicity was largely moderate.",
               "The dose-limiting toxicity was myelosuppression (leukopenia, granulocytopenia, and thrombocytopenia).",
               "The aim was to assess the incidence of fever.", "A higher incidence of hypotension was reported."}));
  std::set<std::string> names;
  for (const AdverseEvent& e : events) names.insert(e.name);
  for (const char* name : {"headache", "dizziness", "diarrhea", "nausea", "rash", "myopathy", "neurotoxicity", "leukopenia",
                           "neutropenia", "thrombocytopenia"})
    EXPECT_TRUE(names.count(name)) << name;
  EXPECT_FALSE(names.count("fever"));
  EXPECT_FALSE(names.count("hypotension"));
  // The event's own name in its bracket only says which kind: the count stays the event's.
  std::vector<AdverseEvent> kinds = EventsOf(ExtractText(
      kTitle, {"Twenty patients received blinatumomab.",
               "RESULTS: Five patients developed pneumonia (two Pneumocystis carinii pneumonia) and two had fever."}));
  EXPECT_EQ(ValuesOf(kinds, "pneumonia"), (std::set<double>{5}));
}

// A difference between the arms is no share of patients with the event; groups sorted by an event named a few words
// after "without" count no event, but "without evidence of nephrotoxicity" negates the event and keeps the rates.
TEST(ExtractOutcomes, DifferencesAndGroupsWithoutTheEvent) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Thirty patients received blinatumomab.",
               "RESULTS: The difference in the percentage of patients with a 50% reduction in their nausea was 12.6%.",
               "We studied two groups, the first one without L-dopa induced dyskinesia (n = 23) and the other with "
               "moderate peak-dose dyskinesia (n = 15).",
               "Increased serum creatinine was observed in 73% of patients versus 57%, without evidence of "
               "nephrotoxicity."}));
  EXPECT_TRUE(ValuesOf(events, "nausea").empty());
  EXPECT_TRUE(ValuesOf(events, "dyskinesia").empty());
  EXPECT_EQ(ValuesOf(events, "acute kidney injury"), (std::set<double>{73, 57}));
}

// More CTCAE / MedDRA entries of adverse_events.tsv, written as the registry tables and abstracts spell them.
TEST(ExtractOutcomes, LaboratoryAndOrganEventSpellings) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Thirty patients received blinatumomab.",
               "RESULTS: Dose-limiting toxicities included hypercalcaemia (n = 3), rhabdomyolysis (n = 2) and ascites "
               "(n = 1).",
               "Two patients had a cholestatic hepatitis. Nephrotic syndrome occurred in 1 patient."}));
  EXPECT_EQ(ValuesOf(events, "hypercalcemia"), (std::set<double>{3}));
  EXPECT_EQ(ValuesOf(events, "rhabdomyolysis"), (std::set<double>{2}));
  EXPECT_EQ(ValuesOf(events, "ascites"), (std::set<double>{1}));
  EXPECT_EQ(ValuesOf(events, "cholestasis"), (std::set<double>{2}));
  EXPECT_EQ(ValuesOf(events, "nephrotic syndrome"), (std::set<double>{1}));
}

// "emesis (eight of the thirteen patients with nausea)": a fraction of the patients who had another event gives the
// event its count, not a rate of the study's patients.
TEST(ExtractOutcomes, FractionOfPatientsWithAnotherEventIsACount) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Twenty patients received blinatumomab.",
               "RESULTS: Minor side effects included nausea (thirteen patients) and emesis (eight of the thirteen "
               "patients with nausea)."}));
  EXPECT_EQ(ValuesOf(events, "nausea"), (std::set<double>{13}));
  EXPECT_EQ(ValuesOf(events, "vomiting"), (std::set<double>{8}));
  auto vomiting = std::find_if(events.begin(), events.end(), [](const AdverseEvent& e) { return e.name == "vomiting"; });
  ASSERT_NE(vomiting, events.end());
  EXPECT_EQ(vomiting->unit, "patients");
}

// "more adverse reactions (21% v. 0%) of depression, enuresis and aggression": the total in the harm noun's bracket is
// no event's own number; the events are named without it.
TEST(ExtractOutcomes, HarmNounsTotalIsNoEventsValue) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Forty patients received blinatumomab or placebo.",
               "RESULTS: Compared with placebo subjects, blinatumomab patients developed more adverse reactions (21% v. "
               "0%) of depression, enuresis and aggression."}));
  std::set<std::string> names;
  for (const AdverseEvent& e : events) {
    names.insert(e.name);
    EXPECT_FALSE(e.value.has_value()) << e.name;
  }
  EXPECT_EQ(names, (std::set<std::string>{"depression", "enuresis", "aggression"}));
}

// "One patient had nausea, diarrhoea, and vomiting": a count's verb that leads to a list of events counts each of
// them, commas or not; a bracket opens a clause whose own count ("(one had ...; one had ...)") is not the count before
// it.
TEST(ExtractOutcomes, CountLeadsToEveryEventOfItsList) {
  std::vector<AdverseEvent> opening = EventsOf(ExtractText(
      kTitle, {"Thirty patients received blinatumomab.", "RESULTS: Three patients had nausea, diarrhoea, and vomiting."}));
  for (const char* name : {"nausea", "diarrhea", "vomiting"})
    EXPECT_EQ(ValuesOf(opening, name), (std::set<double>{3})) << name;
  std::vector<AdverseEvent> bracket = EventsOf(ExtractText(
      kTitle, {"Thirty patients received blinatumomab or placebo.",
               "RESULTS: Serious adverse events were reported in three participants in the blinatumomab group (one had "
               "nausea, diarrhoea, and vomiting; one had malaise, headache, and difficulty breathing)."}));
  for (const char* name : {"nausea", "diarrhea", "vomiting", "fatigue", "headache", "dyspnea"})
    EXPECT_EQ(ValuesOf(bracket, name), (std::set<double>{1})) << name;
}

// A document that tests its own groups' differences ("p = 0.15", "not statistically significant") reports results, so the harms it names without
// numbers are its own; one without a number of its own still lists none.
TEST(ExtractOutcomes, NamedHarmsOfADocumentThatTestsItsResults) {
  auto names = [](const Extraction& x) {
    std::set<std::string> out;
    for (const AdverseEvent& e : EventsOf(x)) out.insert(e.name);
    return out;
  };
  const std::string harms = "Diarrhea, flatulence, and abdominal pain were common for blinatumomab recipients.";
  EXPECT_EQ(names(ExtractText(kTitle, {"Sixty patients received blinatumomab and 58 placebo.",
                                       "RESULTS: Discontinuation did not differ between the groups (p = 0.15).", harms})),
            (std::set<std::string>{"diarrhea", "flatulence", "abdominal pain"}));
  EXPECT_EQ(names(ExtractText(kTitle, {"Sixty patients received blinatumomab and 58 placebo.",
                                       "RESULTS: The difference in deaths was not statistically significant.", harms})),
            (std::set<std::string>{"diarrhea", "flatulence", "abdominal pain"}));
  EXPECT_TRUE(names(ExtractText(kTitle, {"Sixty patients received blinatumomab and 58 placebo.", harms})).empty());
}

// "studied in 21 patients with variant angina and 22 patients with atypical headache": a count after a preposition
// whose patients are "with" a condition is a group the study took, no count of an event before or after it.
TEST(ExtractOutcomes, PatientsWithAConditionAreAGroupNotAnEventCount) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Thirty patients received blinatumomab.",
               "The effects of blinatumomab were studied in 21 patients with variant angina and 22 patients with "
               "atypical headache.",
               "Nausea induced by blinatumomab was measured in 16 patients with chronic cyclic vomiting.",
               "RESULTS: Rash occurred in 4 patients."}));
  EXPECT_TRUE(ValuesOf(events, "headache").empty());
  EXPECT_TRUE(ValuesOf(events, "nausea").empty());
  EXPECT_TRUE(ValuesOf(events, "vomiting").empty());
  EXPECT_EQ(ValuesOf(events, "rash"), (std::set<double>{4}));
}

// "ten of which were mild reactions such as nausea and exanthema": "reactions" alone is a harm noun too (cues.tsv
// harm_noun), so the events its examples name are the study's harms.
TEST(ExtractOutcomes, ReactionsSuchAsNameTheStudysHarms) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Thirty patients received blinatumomab.",
               "RESULTS: There were 13 cases of adverse reactions (0.34%), ten of which were mild reactions such as "
               "nausea and exanthema, and did not require treatment. Two patients had hypotension."}));
  std::set<std::string> names;
  for (const AdverseEvent& e : events) names.insert(e.name);
  EXPECT_EQ(names, (std::set<std::string>{"nausea", "rash", "hypotension"}));
}

// Harms of the chest, the limbs and the loin, and chills, by their MeSH-style names: "chest pain", "left arm pain",
// "flank pain" (loin pain), "rigors" (chills).
TEST(ExtractOutcomes, PainSitesAndChills) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Forty patients received blinatumomab.",
               "RESULTS: Side effects included chest pain (10%), arm pain (5%), flank pain (8%) and rigors (12%)."}));
  EXPECT_EQ(ValuesOf(events, "chest pain"), (std::set<double>{10}));
  EXPECT_EQ(ValuesOf(events, "arm pain"), (std::set<double>{5}));
  EXPECT_EQ(ValuesOf(events, "loin pain"), (std::set<double>{8}));
  EXPECT_EQ(ValuesOf(events, "chills"), (std::set<double>{12}));
}

// "edema was more common with amlodipine (14% for amlodipine; 2% for valsartan)": a semicolon inside the value's
// bracket parts the arms' rates of one event, not two clauses; each rate keeps the grade of its own item. A
// semicolon outside the bracket still ends the event's clause.
TEST(ExtractOutcomes, SemicolonInsideABracketKeepsTheArmsRates) {
  auto events_of = [](const std::string& sentence) {
    return EventsOf(ExtractText(kTitle, {"One hundred patients were randomized.", "RESULTS: " + sentence}));
  };
  EXPECT_EQ(ValuesOf(events_of("Edema was more common with amlodipine (14% for amlodipine; 2% for valsartan)."), "edema"),
            (std::set<double>{14, 2}));
  std::vector<AdverseEvent> graded = events_of("Neutropenia was more common with blinatumomab (grade 3, 14%; grade 4, 5%).");
  ASSERT_EQ(graded.size(), 2u);
  EXPECT_EQ(graded[0].grade, "3");
  EXPECT_EQ(graded[1].grade, "4");
  EXPECT_EQ(graded[1].value, 5);
  EXPECT_TRUE(ValuesOf(events_of("Grade 3 neutropenia was noted; 2 patients died."), "neutropenia").empty());
}

// "Controlled hypotension was induced with PGE1": a state brought about on purpose (rule_words.tsv intended_state) is the
// technique under study, not a harm; "propofol-induced hypotension" is one.
TEST(ExtractOutcomes, IntendedStateIsNoHarm) {
  auto names_of = [](const std::string& sentence) {
    std::set<std::string> names;
    for (const AdverseEvent& e :
         EventsOf(ExtractText(kTitle, {"One hundred patients were randomized.", "RESULTS: " + sentence})))
      names.insert(e.name);
    return names;
  };
  EXPECT_TRUE(names_of("Controlled hypotension was induced with PGE1 in 10 patients (20%).").empty());
  EXPECT_TRUE(names_of("During deliberate hypotension, 10 patients (20%) had bradycardia.").count("hypotension") == 0);
  EXPECT_EQ(names_of("Propofol-induced hypotension occurred in 12% of patients."), (std::set<std::string>{"hypotension"}));
  // Bare "induced" after a cause, and a state of the disease, are harms.
  EXPECT_EQ(names_of("Chemotherapy induced nausea occurred in 12% of patients."), (std::set<std::string>{"nausea"}));
  EXPECT_EQ(names_of("Poorly controlled hypertension occurred in 12% of patients."),
            (std::set<std::string>{"hypertension"}));
}

// Spellings of harms without a home before: "altered taste perception" (dysgeusia), "acute renal injury",
// "paresthesias".
TEST(ExtractOutcomes, TasteRenalInjuryAndParesthesiaSpellings) {
  std::vector<AdverseEvent> events = EventsOf(ExtractText(
      kTitle, {"Forty patients received blinatumomab.",
               "RESULTS: Side effects included altered taste perception (10%) and paresthesias (5%).",
               "Nine patients (9.6%) had an acute renal injury."}));
  EXPECT_EQ(ValuesOf(events, "dysgeusia"), (std::set<double>{10}));
  EXPECT_EQ(ValuesOf(events, "peripheral neuropathy"), (std::set<double>{5}));
  EXPECT_EQ(ValuesOf(events, "acute kidney injury"), (std::set<double>{9.6}));
}

// "Impotence occurred more frequently in patients taking propranolol", "Drowsiness and altered taste perception were
// increased significantly over placebo", "Alopecia, paresthesias, and arthralgias/myalgias have occurred frequently":
// a list of events, a verb of occurrence or one that links a number, then a word of frequency (cues.tsv
// harm_frequency) names the study's harms, numbers or not.
TEST(ExtractOutcomes, EventsMoreFrequentWithTheDrugAreHarms) {
  auto names_of = [](const std::string& sentence) {
    std::set<std::string> names;
    for (const AdverseEvent& e : EventsOf(ExtractText(
             kTitle, {"One hundred patients were randomized.", "RESULTS: The response rate was 40%.", sentence})))
      names.insert(e.name);
    return names;
  };
  EXPECT_EQ(names_of("Impotence occurred more frequently in patients taking propranolol than in those taking placebos."),
            (std::set<std::string>{"erectile dysfunction"}));
  EXPECT_EQ(names_of("Drowsiness and nausea were increased significantly over placebo in the high-dose group."),
            (std::set<std::string>{"somnolence", "nausea"}));
  EXPECT_EQ(names_of("Alopecia and arthralgias/myalgias have occurred frequently."),
            (std::set<std::string>{"alopecia", "arthralgia"}));
  EXPECT_TRUE(names_of("Nausea occurred in the evening.").empty());
}

}  // namespace
}  // namespace trialgraph::ingest
