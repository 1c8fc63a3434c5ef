#include "ingest/values.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/extract_support.h"

namespace trialgraph::ingest {
namespace {

// The sentence is placed after a prefix so that spans must be document offsets, not sentence offsets.
struct Scanned {
  std::string text;
  SentenceValues values;
  std::string At(const Span& s) const { return text.substr(s.start, s.end - s.start); }
};

Scanned Scan(const std::string& sentence, const ontology::Ontology& o = testing::RealOntology()) {
  Scanned s;
  s.text = "Preceding sentence. " + sentence + " Following sentence.";
  uint32_t start = 20;
  s.values = ScanValues(s.text, Span{start, start + static_cast<uint32_t>(sentence.size())}, o);
  return s;
}

// Guards that the nouns of a patient count are rule_words.tsv count_noun, not words of the code.
TEST(ScanValuesTest, CountNounsComeFromTheOntology) {
  auto patient_counts = [](const Scanned& s) {
    return std::count_if(s.values.values.begin(), s.values.values.end(),
                         [](const Value& v) { return v.kind == ValueKind::kPatients; });
  };
  const std::string sentence = "Relapse occurred in 12 instances.";
  EXPECT_EQ(patient_counts(Scan(sentence)), 0);
  EXPECT_EQ(patient_counts(Scan(sentence, testing::WithRuleWords("count_noun", "instances"))), 1);
}

// Guards "Of the N ..." as the denominator and "33 (94%)" as a rate with its count.
TEST(ScanValuesTest, CountThenPercentWithDenominator) {
  Scanned s = Scan("Of the 35 enrolled patients, 33 (94%) achieved CRc.");
  EXPECT_EQ(s.values.denominator, 35);
  const Value* rate = nullptr;
  for (const Value& v : s.values.values)
    if (v.kind == ValueKind::kRate) rate = &v;
  ASSERT_NE(rate, nullptr);
  EXPECT_DOUBLE_EQ(rate->value, 94);
  EXPECT_EQ(rate->unit, "%");
  EXPECT_EQ(rate->count, 33);
  EXPECT_EQ(s.At(rate->span), "33 (94%");
  // The 35 is a patient count, not a rate.
  ASSERT_EQ(s.values.values.size(), 2u);
  EXPECT_EQ(s.values.values[0].kind, ValueKind::kPatients);
  EXPECT_EQ(s.values.values[0].value, 35);
  EXPECT_EQ(s.At(s.values.values[0].span), "35");
}

// "17 of the 65 patients in the iohexol group (26 percent)": the printed
// percentage after a fraction and its group is the rate, with its count and denominator.
TEST(ScanValuesTest, FractionOfAGroupThenItsPercent) {
  Scanned s = Scan("This occurred in 17 of the 65 patients in the iohexol group (26 percent).");
  ASSERT_EQ(s.values.values.size(), 1u);
  EXPECT_DOUBLE_EQ(s.values.values[0].value, 26);
  EXPECT_EQ(s.values.values[0].count, 17);
  EXPECT_EQ(s.values.values[0].of, 65);
}

// "24 patients were evaluable for response with ...": the evaluable group is the sentence's denominator.
TEST(ScanValuesTest, EvaluablePatientsAreTheDenominator) {
  EXPECT_EQ(Scan("RESULTS: 24 patients were evaluable for response with one partial response (4%).").values.denominator, 24);
  EXPECT_EQ(Scan("24 patients were treated and one had a partial response (4%).").values.denominator, std::nullopt);
}

// Guards "Of/Among these N patients" as a denominator (the pattern lists "these").
TEST(ScanValuesTest, DenominatorAfterThese) {
  EXPECT_EQ(Scan("Among these 48 patients, forty-five percent responded.").values.denominator, 48);
  EXPECT_EQ(Scan("Of these 20 patients, 15 (75%) relapsed.").values.denominator, 20);
}

// Guards fractions written "29 of 64" and "(35/35)": rate computed to one decimal, count and of kept.
TEST(ScanValuesTest, Fractions) {
  Scanned a = Scan("MRD negativity was achieved in 29 of 64 patients.");
  ASSERT_EQ(a.values.values.size(), 1u);
  const Value& v = a.values.values[0];
  EXPECT_EQ(v.kind, ValueKind::kRate);
  EXPECT_DOUBLE_EQ(v.value, 45.3);
  EXPECT_EQ(v.count, 29);
  EXPECT_EQ(v.of, 64);
  EXPECT_EQ(a.At(v.span), "29 of 64");
  EXPECT_FALSE(a.values.denominator.has_value());

  Scanned b = Scan("All patients achieved CR (35/35).");
  ASSERT_EQ(b.values.values.size(), 1u);
  EXPECT_DOUBLE_EQ(b.values.values[0].value, 100);
  EXPECT_EQ(b.values.values[0].count, 35);
  EXPECT_EQ(b.values.values[0].of, 35);

  // A count larger than its total is not a rate.
  EXPECT_TRUE(Scan("Dosing was 40/20 in the schedule.").values.values.empty());
}

// "7 out of 12", "Seven out of 12 subjects": "out of" joins a fraction as "of" does.
TEST(ScanValuesTest, FractionsOutOf) {
  for (const char* sentence : {"Headache occurred in 7 out of 12 subjects.", "Seven out of 12 subjects had headache.",
                               "Hearing loss developed (10 out of 22)."}) {
    Scanned a = Scan(sentence);
    ASSERT_EQ(a.values.values.size(), 1u) << sentence;
    EXPECT_EQ(a.values.values[0].kind, ValueKind::kRate) << sentence;
    EXPECT_EQ(a.values.values[0].of, std::string(sentence).find("22") != std::string::npos ? 22 : 12) << sentence;
  }
}

// Guards hazard ratios: the value with its confidence interval and P value attached.
TEST(ScanValuesTest, HazardRatioWithIntervalAndP) {
  Scanned s = Scan("Overall survival was longer (hazard ratio, 0.41; 95% CI, 0.23 to 0.73; P = 0.002).");
  ASSERT_EQ(s.values.values.size(), 1u);
  const Value& hr = s.values.values[0];
  EXPECT_EQ(hr.kind, ValueKind::kHazardRatio);
  EXPECT_DOUBLE_EQ(hr.value, 0.41);
  ASSERT_TRUE(hr.ci.has_value());
  EXPECT_DOUBLE_EQ(hr.ci->first, 0.23);
  EXPECT_DOUBLE_EQ(hr.ci->second, 0.73);
  EXPECT_EQ(hr.p, "0.002");
  EXPECT_TRUE(s.At(hr.span).starts_with("hazard ratio"));

  Scanned t = Scan("Relapse was less frequent (HR 0.5, 95% CI 0.3-0.8, P<.001).");
  ASSERT_EQ(t.values.values.size(), 1u);
  EXPECT_DOUBLE_EQ(t.values.values[0].value, 0.5);
  EXPECT_EQ(t.values.values[0].p, "<0.001");
  ASSERT_TRUE(t.values.values[0].ci.has_value());
  EXPECT_DOUBLE_EQ(t.values.values[0].ci->second, 0.8);
}

// Guards lists of durations: "11 and 25 months" gives two durations in text order.
TEST(ScanValuesTest, TwoDurations) {
  Scanned s = Scan("The median PFS and OS were 11 and 25 months, respectively.");
  ASSERT_EQ(s.values.values.size(), 2u);
  EXPECT_EQ(s.values.values[0].kind, ValueKind::kDuration);
  EXPECT_DOUBLE_EQ(s.values.values[0].value, 11);
  EXPECT_EQ(s.values.values[0].unit, "months");
  EXPECT_EQ(s.At(s.values.values[0].span), "11");
  EXPECT_EQ(s.values.values[1].kind, ValueKind::kDuration);
  EXPECT_DOUBLE_EQ(s.values.values[1].value, 25);
  EXPECT_EQ(s.values.values[1].unit, "months");
  EXPECT_EQ(s.At(s.values.values[1].span), "25");
  EXPECT_TRUE(s.values.timepoints.empty());
}

// A percent sign written once after a list of numbers makes each of them a rate.
TEST(ScanValuesTest, PercentSignAfterAList) {
  Scanned s = Scan("The most common events were dizziness (6.7 and 5.3%) and nausea (4.2, 3 and 8.5 percent).");
  std::vector<double> rates;
  for (const Value& v : s.values.values) {
    EXPECT_EQ(v.unit, "%");
    rates.push_back(v.value);
  }
  EXPECT_EQ(rates, (std::vector<double>{6.7, 5.3, 4.2, 3, 8.5}));
  EXPECT_EQ(s.At(s.values.values[0].span), "6.7");
  EXPECT_TRUE(Scan("Renal impairment was more frequent (RR 1.18, 95% CI 1.02-1.36).").values.values.empty());
  for (const Value& v : Scan("Survival was longer (hazard ratio 0·36, 95% CI 0·17-0·75).").values.values)
    EXPECT_NE(v.value, 36);  // a middle-dot decimal the interval scan does not read
}

// Guards thresholds: a number after "less than" defines a criterion and is not a result.
TEST(ScanValuesTest, ThresholdIsNotAValue) {
  EXPECT_TRUE(Scan("CR was defined as less than 5 percent marrow blasts.").values.values.empty());
  EXPECT_TRUE(Scan("MRD negativity was defined as <0.01% leukemic cells.").values.values.empty());
  EXPECT_TRUE(Scan("The secondary outcome was a creatinine increase > or = 25% over baseline.").values.values.empty());
  // Control: the same number without the comparative is a rate.
  EXPECT_EQ(Scan("Marrow blasts were 5 percent at entry.").values.values.size(), 1u);
}

// Guards timepoints: hyphenated adjectives and prepositional phrases, normalised with digits.
TEST(ScanValuesTest, Timepoints) {
  Scanned a = Scan("The 1-year overall survival was 80%.");
  ASSERT_EQ(a.values.timepoints.size(), 1u);
  EXPECT_EQ(a.values.timepoints[0].text, "1 year");
  EXPECT_EQ(a.At(a.values.timepoints[0].span), "1-year");
  EXPECT_FALSE(a.values.timepoints[0].follow_up);
  ASSERT_EQ(a.values.values.size(), 1u);  // the 80%, and "1-year" is not a duration
  EXPECT_DOUBLE_EQ(a.values.values[0].value, 80);

  Scanned b = Scan("MRD negativity at six months was 70%.");
  ASSERT_EQ(b.values.timepoints.size(), 1u);
  EXPECT_EQ(b.values.timepoints[0].text, "6 months");
  EXPECT_EQ(b.At(b.values.timepoints[0].span), "at six months");
  ASSERT_EQ(b.values.values.size(), 1u);
  EXPECT_EQ(b.values.values[0].kind, ValueKind::kRate);

  Scanned c = Scan("After 1 year of follow-up, 20 of 25 patients were alive.");
  ASSERT_EQ(c.values.timepoints.size(), 1u);
  EXPECT_EQ(c.values.timepoints[0].text, "1 year");
  EXPECT_TRUE(c.values.timepoints[0].follow_up);
}

// Guards follow-up durations: "median follow-up of 31 months" is not a result value.
TEST(ScanValuesTest, FollowUpIsNotAValue) {
  Scanned s = Scan("At a median follow-up of 31 months, the study continued.");
  for (const Value& v : s.values.values) EXPECT_NE(v.kind, ValueKind::kDuration) << s.At(v.span);
  EXPECT_TRUE(Scan("The median follow-up of 31 months.").values.values.empty());
  EXPECT_TRUE(Scan("The median age was 45 years.").values.values.empty());
}

// Guards values.h's own example: "median follow-up of 31 months" is a follow-up timepoint.
TEST(ScanValuesTest, FollowUpDurationIsAFollowUpTimepoint) {
  Scanned s = Scan("The median follow-up of 31 months.");
  ASSERT_EQ(s.values.timepoints.size(), 1u);
  EXPECT_EQ(s.values.timepoints[0].text, "31 months");
  EXPECT_TRUE(s.values.timepoints[0].follow_up);
}

// Guards ParseCount: digits or words, whole non-negative numbers only.
// "60% to 80%", "25%-55%", "between 25% and 30%", "26-47 months" are ranges, no values; "79 percent — 65
// percent" and "34% and 46%" are two values.
TEST(ScanValuesTest, PercentRangesAreNoValues) {
  EXPECT_TRUE(Scan("CR is reached in 60% to 80% and 25%-55% survive, between 25% and 30% relapse.").values.values.empty());
  EXPECT_EQ(Scan("Survival was 79 percent — 65 percent at one year.").values.values.size(), 2u);
  EXPECT_EQ(Scan("EFS and OS were 34% and 46%.").values.values.size(), 2u);
  Scanned durations = Scan("Median survival was 35 months (range, 26-47 months).");
  ASSERT_EQ(durations.values.values.size(), 1u);
  EXPECT_EQ(durations.values.values[0].value, 35);
}

// Counts in words: "five of the seven", "two cases of", a count opening the sentence ("Two achieved");
// "all but one of the 19" is no rate of one.
TEST(ScanValuesTest, CountsInWords) {
  Scanned fraction = Scan("Five of the seven responded.");
  ASSERT_EQ(fraction.values.values.size(), 1u);
  EXPECT_EQ(fraction.values.values[0].count, 5);
  EXPECT_EQ(fraction.values.values[0].of, 7);
  EXPECT_NEAR(fraction.values.values[0].value, 71.4, 0.05);
  Scanned twelve = Scan("Twelve of 20 patients (60%) achieved CR.");
  ASSERT_EQ(twelve.values.values.size(), 1u);
  EXPECT_EQ(twelve.values.values[0].count, 12);
  EXPECT_EQ(twelve.values.values[0].of, 20);
  Scanned cases = Scan("There were two cases of acute renal failure.");
  ASSERT_EQ(cases.values.values.size(), 1u);
  EXPECT_EQ(cases.values.values[0].kind, ValueKind::kPatients);
  EXPECT_EQ(cases.values.values[0].count, 2);
  Scanned leading = Scan("Two patients achieved a complete remission.");
  ASSERT_EQ(leading.values.values.size(), 1u);
  EXPECT_EQ(leading.values.values[0].count, 2);
  EXPECT_TRUE(leading.values.values[0].opens_sentence);
  EXPECT_FALSE(cases.values.values[0].opens_sentence);
  EXPECT_TRUE(Scan("All but one of the 19 responded.").values.values.empty());
  Scanned spelled = Scan("Thrombosis occurred in four patients.");
  ASSERT_EQ(spelled.values.values.size(), 1u);
  EXPECT_EQ(spelled.values.values[0].count, 4);
  EXPECT_FALSE(spelled.values.values[0].opens_sentence);
  Scanned opening = Scan("Three patients developed heart failure.");  // the opening count keeps its mark
  ASSERT_EQ(opening.values.values.size(), 1u);
  EXPECT_TRUE(opening.values.values[0].opens_sentence);
  Scanned digits = Scan("8 patients had fatal adverse events.");  // in digits too
  ASSERT_EQ(digits.values.values.size(), 1u);
  EXPECT_TRUE(digits.values.values[0].opens_sentence);
  Scanned list = Scan("8 and 5 patients had CR and PR, respectively.");  // the rest of an opening list stays
  ASSERT_EQ(list.values.values.size(), 2u);
  EXPECT_TRUE(list.values.values[0].opens_sentence);
  EXPECT_EQ(list.values.values[1].count, 5);
  EXPECT_FALSE(list.values.values[1].opens_sentence);
}

// A confidence level other than 95% ("96% CI") is no rate; the interval still attaches.
TEST(ScanValuesTest, AnyConfidenceLevel) {
  Scanned s = Scan("Median PFS was 43 months (hazard ratio 0.712, 96% CI 0.56-0.906; p=0.0018).");
  ASSERT_EQ(s.values.values.size(), 2u);
  EXPECT_EQ(s.values.values[1].kind, ValueKind::kHazardRatio);
  ASSERT_TRUE(s.values.values[1].ci.has_value());
  EXPECT_DOUBLE_EQ(s.values.values[1].ci->first, 0.56);
  EXPECT_DOUBLE_EQ(s.values.values[1].ci->second, 0.906);
  for (const Value& v : s.values.values) EXPECT_NE(v.kind, ValueKind::kRate);
}

// "in 5 (14%) of 36 patients": the number after "of" is the rate's denominator, no further count.
TEST(ScanValuesTest, CountPercentThenDenominator) {
  Scanned s = Scan("Grade 3 neutropenia occurred in 5 (14%) of 36 patients.");
  ASSERT_EQ(s.values.values.size(), 1u);
  EXPECT_DOUBLE_EQ(s.values.values[0].value, 14);
  EXPECT_EQ(s.values.values[0].count, 5);
  EXPECT_EQ(s.values.values[0].of, 36);
  Scanned singular = Scan("Severe hepatitis was observed in 1 patient (2.7%) of 37 patients.");
  ASSERT_EQ(singular.values.values.size(), 1u);
  EXPECT_EQ(singular.values.values[0].of, 37);
}

// A follow-up in the clause before is not the timepoint's: "With a median follow-up of 3 years, the 3-year EFS".
TEST(ScanValuesTest, FollowUpInAnotherClause) {
  Scanned s = Scan("With a median follow-up of 3 years, the 3-year event-free survival was 40%.");
  ASSERT_EQ(s.values.timepoints.size(), 2u);
  EXPECT_TRUE(s.values.timepoints[0].follow_up);
  EXPECT_EQ(s.values.timepoints[1].text, "3 years");
  EXPECT_FALSE(s.values.timepoints[1].follow_up);
}

// "at 1 and 3 years", "1- and 2-year": a list of timepoints, in order; the list is no duration.
TEST(ScanValuesTest, TimepointLists) {
  Scanned at = Scan("Overall survival rates at 1 and 3 years were 80% and 60%, respectively.");
  EXPECT_EQ(at.values.timepoint_list, (std::vector<std::string>{"1 year", "3 years"}));
  EXPECT_EQ(at.values.values.size(), 2u);
  Scanned adjective = Scan("The 1- and 2-year event-free survival rates were 70% and 55%.");
  EXPECT_EQ(adjective.values.timepoint_list, (std::vector<std::string>{"1 year", "2 years"}));
}

TEST(ParseCountTest, DigitsAndWords) {
  EXPECT_EQ(ParseCount("48"), 48);
  EXPECT_EQ(ParseCount("Forty-eight"), 48);
  EXPECT_EQ(ParseCount("1,000"), 1000);
  EXPECT_FALSE(ParseCount("7.4").has_value());
  EXPECT_FALSE(ParseCount("patients").has_value());
}

// ", two achieved a CR and one a PR": a bare count opening a later clause is marked, so the extractor can ask for
// its verb; a count with its patient noun ("and 5 patients") is an ordinary count.
TEST(ScanValuesTest, CountsOpeningALaterClause) {
  Scanned s = Scan("Of 24 evaluable patients, two achieved a complete remission and one achieved a partial remission.");
  ASSERT_EQ(s.values.values.size(), 3u);
  EXPECT_EQ(s.values.values[1].count, 2);
  EXPECT_TRUE(s.values.values[1].opens_clause);
  EXPECT_EQ(s.values.values[2].count, 1);
  EXPECT_TRUE(s.values.values[2].opens_clause);
  Scanned noun = Scan("Eight patients had CR, and 5 patients had PR.");
  ASSERT_EQ(noun.values.values.size(), 2u);
  EXPECT_FALSE(noun.values.values[1].opens_clause);
  // ", and two": the "and" is part of the opening, not a number that hides the count after it.
  Scanned comma_and = Scan("Five patients experienced edema, and two had dizziness.");
  ASSERT_EQ(comma_and.values.values.size(), 2u);
  EXPECT_EQ(comma_and.values.values[1].count, 2);
  EXPECT_TRUE(comma_and.values.values[1].opens_clause);
}

// "All 20 patients responded": the whole group is a rate of 100% with count and of; not "in all 53 patients".
TEST(ScanValuesTest, WholeGroupIsAFullRate) {
  Scanned all = Scan("All 20 patients responded to this regimen.");
  ASSERT_EQ(all.values.values.size(), 1u);
  EXPECT_TRUE(all.values.values[0].whole_group);
  EXPECT_DOUBLE_EQ(all.values.values[0].value, 100);
  EXPECT_EQ(all.values.values[0].count, 20);
  EXPECT_EQ(all.values.values[0].of, 20);
  EXPECT_EQ(all.At(all.values.values[0].span), "20 patients");
  Scanned within = Scan("The best response in all 53 patients was a CR rate of 89%.");
  for (const Value& v : within.values.values) EXPECT_FALSE(v.whole_group);
}

// "only 1 patient had": one patient in digits; "1,000 patient admissions" and "one patient-year" count no one.
TEST(ScanValuesTest, OnePatientInDigits) {
  Scanned one = Scan("Only 1 patient experienced grade IV mucositis.");
  ASSERT_EQ(one.values.values.size(), 1u);
  EXPECT_EQ(one.values.values[0].count, 1);
  for (const char* none : {"The incidence was 0.97/1,000 patient admissions.", "Exposure was one patient-year."})
    for (const Value& v : Scan(none).values.values) EXPECT_NE(v.kind, ValueKind::kPatients) << none;
}

// Journals set a no-break space between a number and its unit ("At 5\u00a0years", "59.3\u00a0%"): read as a space,
// with the spans still document offsets.
TEST(ScanValuesTest, NoBreakSpaceBeforeAUnit) {
  Scanned s = Scan("At 5\u00a0years, 94\u00a0% are alive.");
  ASSERT_EQ(s.values.timepoints.size(), 1u);
  EXPECT_EQ(s.values.timepoints[0].text, "5 years");
  ASSERT_EQ(s.values.values.size(), 1u);
  EXPECT_DOUBLE_EQ(s.values.values[0].value, 94);
  EXPECT_EQ(s.At(s.values.values[0].span), "94");
}

// Grades as abstracts and registries write them; the last one counts.
TEST(LastGradeTest, NormalisedGrades) {
  EXPECT_EQ(LastGrade("grade 3"), "3");
  EXPECT_EQ(LastGrade("Grade II-IV acute GVHD"), "2-4");
  EXPECT_EQ(LastGrade("grade 3/4"), "3-4");
  EXPECT_EQ(LastGrade("grade 3 or higher"), ">=3");
  EXPECT_EQ(LastGrade("grade ≤ 3"), "<=3");
  EXPECT_EQ(LastGrade("Neutropenia grade greater than or equal to 3"), ">=3");
  EXPECT_EQ(LastGrade("Grade less than or equal to 2 nausea"), "<=2");
  EXPECT_EQ(LastGrade("grade higher than 2"), ">2");
  EXPECT_EQ(LastGrade("grade 1 nausea and grade 4 neutropenia"), "4");
  EXPECT_EQ(LastGrade("Marked elevations considered severe (grade 3)"), "3");
  EXPECT_FALSE(LastGrade("Grade: Severe - limiting activities").has_value());
}

// "at least 12 months" is a timepoint; "Percentage of" holds no word "age", so it is no age beside the timepoint.
TEST(ScanValuesTest, AtLeastAndWordsThatOnlyContainAge) {
  Scanned s = Scan("Percentage of Patients Who Survive at Least 12 Months");
  ASSERT_EQ(s.values.timepoints.size(), 1u);
  EXPECT_EQ(s.values.timepoints[0].text, "12 months");
  EXPECT_FALSE(s.values.timepoints[0].follow_up);
  Scanned age = Scan("Patients of median age 54 at 3 years were eligible.");
  ASSERT_EQ(age.values.timepoints.size(), 1u);
  EXPECT_TRUE(age.values.timepoints[0].follow_up);  // an age, still
}

// "58% ± 5%": the deviation is no value; "12 of the 18 responders (67%)": a fraction may name its group with an article.
TEST(ScanValuesTest, DeviationsAndFractionsOfTheGroup) {
  Scanned deviation = Scan("The estimated 5-year EFS was 58% ± 5%.");
  ASSERT_EQ(deviation.values.values.size(), 1u);
  EXPECT_DOUBLE_EQ(deviation.values.values[0].value, 58);
  Scanned responders = Scan("Twelve of the 18 responders (67%) achieved MRD negativity.");
  ASSERT_EQ(responders.values.values.size(), 1u);
  EXPECT_EQ(responders.values.values[0].count, 12);
  EXPECT_EQ(responders.values.values[0].of, 18);
  EXPECT_DOUBLE_EQ(responders.values.values[0].value, 67);
}

// "hazard ratio 0\u00b736, 95% CI 0\u00b717-0\u00b775; p=0\u00b7004": a middle dot between digits is a decimal point.
TEST(ScanValuesTest, MiddleDotDecimalPoints) {
  Scanned s = Scan("Survival was longer (hazard ratio 0\u00b736, 95% CI 0\u00b717-0\u00b775; p=0\u00b7004).");
  ASSERT_EQ(s.values.values.size(), 1u);
  const Value& hr = s.values.values[0];
  EXPECT_EQ(hr.kind, ValueKind::kHazardRatio);
  EXPECT_DOUBLE_EQ(hr.value, 0.36);
  ASSERT_TRUE(hr.ci.has_value());
  EXPECT_DOUBLE_EQ(hr.ci->first, 0.17);
  EXPECT_DOUBLE_EQ(hr.ci->second, 0.75);
  EXPECT_EQ(hr.p, "0.004");
}

// "(95% CI 17 months to not reached)": the confidence level is no rate even when its interval is open.
TEST(ScanValuesTest, ConfidenceLevelOfAnOpenIntervalIsNoRate) {
  Scanned s = Scan("Median overall survival has not been reached (95% CI 17 months to not reached).");
  for (const Value& v : s.values.values) EXPECT_NE(v.value, 95) << s.At(v.span);
}

// "74% (95% CI 63-82), and ... 54% (40-66)": in a sentence that names its intervals, a bare bracketed range right
// after a value, around it, is that value's interval; not one that leaves the value outside, nor in a sentence
// without intervals.
TEST(ScanValuesTest, BareRangeAfterAValueIsItsIntervalWhereTheSentenceNamesIntervals) {
  Scanned s = Scan("1-year survival was 74% (95% CI 63-82), 2-year survival 54% (40-66) and median survival 6 months "
                   "[4-17] vs 30% (40-66).");
  std::vector<std::pair<double, std::optional<std::pair<double, double>>>> got;
  for (const Value& v : s.values.values) got.push_back({v.value, v.ci});
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[1].second, std::make_pair(40.0, 66.0));
  EXPECT_EQ(got[2].second, std::make_pair(4.0, 17.0));
  EXPECT_FALSE(got[3].second.has_value());  // 30 lies outside 40-66
  Scanned plain = Scan("The response rate was 54% (40-66).");
  ASSERT_EQ(plain.values.values.size(), 1u);
  EXPECT_FALSE(plain.values.values[0].ci.has_value());
}

// "Delta=-6.7%": a negative percentage is a difference, and "within 20% of normal" a tolerance: neither is a rate.
TEST(ScanValuesTest, DifferencesAndTolerancesAreNoRates) {
  EXPECT_TRUE(Scan("Akathisia differed (Delta=-6.7%).").values.values.empty());
  EXPECT_TRUE(Scan("Pressures were within 20% of the normal range.").values.values.empty());
  EXPECT_TRUE(Scan("AKBR decreased at 180 min (-49%).").values.values.empty());
}

// "4 patients assigned to group I and 7 assigned to group II": the 7 is a patient count of the other arm.
TEST(ScanValuesTest, BareCountOfTheOtherArm) {
  Scanned s = Scan("Toxicity occurred in 4 patients assigned to group I and 7 assigned to group II.");
  ASSERT_EQ(s.values.values.size(), 2u);
  EXPECT_FALSE(s.values.values[0].other_arm);
  EXPECT_EQ(s.values.values[1].kind, ValueKind::kPatients);
  EXPECT_EQ(s.values.values[1].count, 7);
  EXPECT_TRUE(s.values.values[1].other_arm);
  Scanned versus = Scan("It was seen in three patients in the placebo arm versus nine in the active arm.");
  ASSERT_EQ(versus.values.values.size(), 2u);
  EXPECT_EQ(versus.values.values[1].count, 9);
  EXPECT_TRUE(versus.values.values[1].other_arm);
}

}  // namespace
}  // namespace trialgraph::ingest
