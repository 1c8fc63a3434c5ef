#include "query/question.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/test_support.h"

namespace trialgraph::query {
namespace {

using trialgraph::testing::RealOntology;

using ontology::Ontology;


Question Parse(std::string_view text) {
  Question q;
  Status st = ParseQuestion(text, RealOntology(), &q);
  EXPECT_TRUE(st.ok()) << text << ": " << st.ToString();
  return q;
}

bool Has(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// Would a regimen of exactly `drugs` satisfy the question's drug terms?
bool RegimenSatisfies(const Question& q, const std::vector<std::string>& drugs) {
  // A term holds when the regimen has every drug of one of its alternatives.
  auto holds = [&](const DrugTerm& t) {
    return std::any_of(t.alternatives.begin(), t.alternatives.end(), [&](const std::vector<std::string>& all) {
      return !all.empty() && std::all_of(all.begin(), all.end(), [&](const std::string& d) { return Has(drugs, d); });
    });
  };
  return std::all_of(q.with.begin(), q.with.end(), holds) && std::none_of(q.without.begin(), q.without.end(), holds);
}

// Guards the README example: two AND-ed drug terms and "salvage" expanded to its three setting tags.
TEST(ParseQuestionTest, RegimensWithTwoDrugsInSalvage) {
  Question q = Parse("regimens with blinatumomab and inotuzumab in salvage");
  EXPECT_EQ(q.target, Target::kRegimens);
  ASSERT_EQ(q.with.size(), 2u);
  EXPECT_EQ(q.with[0].drugs, std::vector<std::string>{"blinatumomab"});
  EXPECT_EQ(q.with[1].drugs, std::vector<std::string>{"inotuzumab ozogamicin"});
  EXPECT_TRUE(q.without.empty());
  EXPECT_EQ(q.settings.size(), 3u);
  EXPECT_TRUE(Has(q.settings, "relapsed/refractory"));
  EXPECT_TRUE(Has(q.settings, "first salvage"));
  EXPECT_TRUE(Has(q.settings, "post-transplant relapse"));
  EXPECT_FALSE(q.phase.has_value());
  EXPECT_NE(q.Interpretation().find("inotuzumab ozogamicin"), std::string::npos);
}

// Guards "phase N" before the target word.
TEST(ParseQuestionTest, PhaseThreeTrials) {
  Question q = Parse("phase 3 trials");
  EXPECT_EQ(q.target, Target::kTrials);
  EXPECT_EQ(q.phase, "3");
  EXPECT_TRUE(q.with.empty());
  EXPECT_EQ(Parse("trials phase II/III").phase, "2/3");
}

// Guards a disease spelling that carries a population attribute: "Ph-positive
// ALL" asks for the disease and for Ph-positive patients, as "Ph-positive
// patients with ALL" does.
TEST(ParseQuestionTest, DiseaseSpellingCarriesPhStatus) {
  Question q = Parse("trials with dasatinib in Ph-positive ALL");
  EXPECT_EQ(q.diseases, std::vector<std::string>{"acute lymphoblastic leukemia"});
  EXPECT_EQ(q.ph_status, "positive");
  EXPECT_FALSE(Parse("trials in acute lymphoblastic leukemia").ph_status.has_value());
  EXPECT_FALSE(Parse("trials in adult T-cell leukemia").age_group.has_value());
}

// Guards a disease spelling that opens with an age group or is also a
// setting: "pediatric ALL" asks for pediatric patients with ALL, "R/R ALL" for
// relapsed/refractory patients with ALL; neither word is dropped.
TEST(ParseQuestionTest, DiseaseSpellingCarriesAgeGroupAndSetting) {
  for (const auto& [question, age_group] : std::vector<std::pair<std::string, std::string>>{
           {"trials in pediatric ALL", "pediatric"}, {"drugs in childhood ALL", "pediatric"},
           {"trials in adult ALL", "adult"}}) {
    Question q = Parse(question);
    EXPECT_EQ(q.diseases, std::vector<std::string>{"acute lymphoblastic leukemia"}) << question;
    EXPECT_EQ(q.age_group, age_group) << question;
  }
  Question rr = Parse("trials in R/R ALL");
  EXPECT_EQ(rr.diseases, std::vector<std::string>{"acute lymphoblastic leukemia"});
  EXPECT_EQ(rr.settings, std::vector<std::string>{"relapsed/refractory"});
  Question relapsed = Parse("trials in relapsed ALL");
  EXPECT_EQ(relapsed.diseases, std::vector<std::string>{"acute lymphoblastic leukemia"});
  EXPECT_EQ(relapsed.settings, std::vector<std::string>{"relapsed/refractory"});
}

// Guards design tags anywhere in a question, and population attributes the
// graph does not record, which are refused rather than silently dropped.
TEST(ParseQuestionTest, DesignsAndUnrecordedAttributes) {
  Question q = Parse("randomized double-blind trials of dasatinib");
  EXPECT_EQ(q.target, Target::kTrials);
  EXPECT_EQ(q.designs, (std::vector<std::string>{"randomized", "double-blind"}));
  ASSERT_EQ(q.with.size(), 1u);
  EXPECT_EQ(Parse("open-label trials").designs, std::vector<std::string>{"open-label"});
  for (const char* unrecorded : {"trials in transplant-ineligible patients", "trials in CD22-positive ALL"}) {
    Question out;
    Status st = ParseQuestion(unrecorded, RealOntology(), &out);
    EXPECT_TRUE(st.IsInvalidArgument()) << unrecorded;
    EXPECT_NE(st.ToString().find("cannot filter on"), std::string::npos) << st.ToString();
  }
  // A disease spelling that is also a subtype asks for the disease.
  EXPECT_EQ(Parse("trials in ETP-ALL").diseases.size(), 1u);
  EXPECT_EQ(Parse("trials in Ph-like ALL").diseases.size(), 1u);
  Question used = Parse("which trials used ponatinib");
  ASSERT_EQ(used.with.size(), 1u);
  EXPECT_EQ(used.with[0].label, "ponatinib");
}

// Guards an adverse event in place of the answer type or after "reporting".
TEST(ParseQuestionTest, AdverseEventsByName) {
  Question q = Parse("cytokine release syndrome with tisagenlecleucel");
  EXPECT_EQ(q.target, Target::kAdverseEvents);
  EXPECT_EQ(q.adverse_events, std::vector<std::string>{"cytokine release syndrome"});
  ASSERT_EQ(q.with.size(), 1u);
  Question trials = Parse("trials reporting febrile neutropenia");
  EXPECT_EQ(trials.target, Target::kTrials);
  EXPECT_EQ(trials.adverse_events, std::vector<std::string>{"febrile neutropenia"});
}

// Guards questions as people type them: "include" or "tested" joins the drug terms, a
// question mark and "what ... was" are fillers, and an endpoint in place of
// the answer type asks for that endpoint's results.
TEST(ParseQuestionTest, EverydayPhrasings) {
  Question q = Parse("What regimens include blinatumomab for relapsed ALL?");
  EXPECT_EQ(q.target, Target::kRegimens);
  ASSERT_EQ(q.with.size(), 1u);
  EXPECT_EQ(q.with[0].label, "blinatumomab");
  EXPECT_EQ(q.diseases, std::vector<std::string>{"acute lymphoblastic leukemia"});
  Question os = Parse("What was the overall survival with blinatumomab?");
  EXPECT_EQ(os.target, Target::kEndpoints);
  EXPECT_EQ(os.endpoints, std::vector<std::string>{"overall survival"});
  ASSERT_EQ(os.with.size(), 1u);
  EXPECT_EQ(Parse("trials reporting overall survival").target, Target::kTrials);
  // "tested", "evaluating", "given" join drug terms; "rates" after an endpoint is a filler.
  for (const char* joined : {"trials that tested blinatumomab in children", "which trials have evaluated blinatumomab",
                             "populations given blinatumomab", "complete remission rates with blinatumomab"}) {
    Question q = Parse(joined);
    ASSERT_EQ(q.with.size(), 1u) << joined;
    EXPECT_EQ(q.with[0].label, "blinatumomab") << joined;
  }
  EXPECT_EQ(Parse("complete remission rates with blinatumomab").endpoints, std::vector<std::string>{"complete remission"});
  for (const char* negated : {"regimens that do not contain blinatumomab", "trials not including blinatumomab",
                              "regimens which does not include blinatumomab", "regimens not combined with blinatumomab"}) {
    Question q = Parse(negated);
    EXPECT_TRUE(q.with.empty()) << negated;
    ASSERT_EQ(q.without.size(), 1u) << negated;
    EXPECT_EQ(q.without[0].label, "blinatumomab");
  }
}

// Guards the two-word mode "combined with" and the drugs target.
TEST(ParseQuestionTest, DrugsCombinedWith) {
  Question q = Parse("drugs combined with blinatumomab");
  EXPECT_EQ(q.target, Target::kDrugs);
  ASSERT_EQ(q.with.size(), 1u);
  EXPECT_EQ(q.with[0].drugs, std::vector<std::string>{"blinatumomab"});
}

// Guards the two-word target "adverse events" and brand names resolved to the INN.
TEST(ParseQuestionTest, AdverseEventsOfBrandName) {
  Question q = Parse("adverse events of Besponsa");
  EXPECT_EQ(q.target, Target::kAdverseEvents);
  ASSERT_EQ(q.with.size(), 1u);
  EXPECT_EQ(q.with[0].label, "inotuzumab ozogamicin");
  EXPECT_EQ(q.with[0].drugs, std::vector<std::string>{"inotuzumab ozogamicin"});
}

// Guards drug classes: "TKIs" becomes one term holding every drug of the class and its subclasses.
TEST(ParseQuestionTest, TrialsOfDrugClass) {
  Question q = Parse("trials of TKIs");
  EXPECT_EQ(q.target, Target::kTrials);
  ASSERT_EQ(q.with.size(), 1u);
  EXPECT_NE(q.with[0].label.find("tyrosine kinase inhibitor"), std::string::npos);
  EXPECT_TRUE(Has(q.with[0].drugs, "imatinib"));
  EXPECT_TRUE(Has(q.with[0].drugs, "ponatinib"));
  EXPECT_FALSE(Has(q.with[0].drugs, "blinatumomab"));
}

// Guards "or": alternatives join one term instead of adding a second required term.
TEST(ParseQuestionTest, OrJoinsOneTerm) {
  Question q = Parse("regimens with blinatumomab or inotuzumab");
  ASSERT_EQ(q.with.size(), 1u);
  EXPECT_EQ(q.with[0].drugs, (std::vector<std::string>{"blinatumomab", "inotuzumab ozogamicin"}));
  EXPECT_TRUE(RegimenSatisfies(q, {"blinatumomab"}));
  EXPECT_TRUE(RegimenSatisfies(q, {"inotuzumab ozogamicin"}));
  EXPECT_FALSE(RegimenSatisfies(q, {"rituximab"}));
}

// Guards "or" with a named regimen: either alternative alone must satisfy the question.
TEST(ParseQuestionTest, OrWithNamedRegimen) {
  Question q = Parse("regimens with blinatumomab or mini-HCVD");
  EXPECT_TRUE(RegimenSatisfies(q, {"blinatumomab"}));
  EXPECT_TRUE(RegimenSatisfies(q, {"cyclophosphamide", "vincristine", "dexamethasone"}));
}

// Guards "without": the term goes to the exclusion list only.
TEST(ParseQuestionTest, TrialsWithout) {
  Question q = Parse("trials without rituximab");
  EXPECT_EQ(q.target, Target::kTrials);
  EXPECT_TRUE(q.with.empty());
  ASSERT_EQ(q.without.size(), 1u);
  EXPECT_EQ(q.without[0].drugs, std::vector<std::string>{"rituximab"});
  EXPECT_FALSE(RegimenSatisfies(q, {"rituximab", "vincristine"}));
  EXPECT_TRUE(RegimenSatisfies(q, {"vincristine"}));
}

// Guards "after transplant" as the post-transplant relapse setting, after a drug term.
TEST(ParseQuestionTest, EndpointsAfterTransplant) {
  Question q = Parse("endpoints of blinatumomab after transplant");
  EXPECT_EQ(q.target, Target::kEndpoints);
  ASSERT_EQ(q.with.size(), 1u);
  EXPECT_EQ(q.with[0].drugs, std::vector<std::string>{"blinatumomab"});
  EXPECT_EQ(q.settings, std::vector<std::string>{"post-transplant relapse"});
}

// Guards the error: an unknown word is named, with the accepted forms.
TEST(ParseQuestionTest, UnknownWordIsInvalidArgument) {
  Question q;
  Status st = ParseQuestion("regimens with blinatumomab and frobnicate", RealOntology(), &q);
  ASSERT_TRUE(st.IsInvalidArgument()) << st.ToString();
  EXPECT_NE(st.message().find("frobnicate"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("Accepted form"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("blinatumomab and frobnicate\""), std::string::npos);  // quotes the question

  Status no_target = ParseQuestion("blinatumomab", RealOntology(), &q);
  ASSERT_TRUE(no_target.IsInvalidArgument());
  EXPECT_NE(no_target.message().find("Accepted form"), std::string::npos);
  EXPECT_TRUE(ParseQuestion(std::string(2001, 'a'), RealOntology(), &q).IsInvalidArgument());
}

// Guards that the grammar's joining words are ontology/question_words.tsv: a phrase given the role "with" there
// reads as one, a filler is skipped, and a word the file does not have is not understood.
TEST(ParseQuestionTest, JoiningWordsComeFromTheOntology) {
  Question q;
  ASSERT_FALSE(ParseQuestion("please regimens featuring blinatumomab", RealOntology(), &q).ok());
  const std::string path = ::testing::TempDir() + "/question_words_test.tsv";
  std::ofstream(path) << "featuring\twith\nplease\tfiller\n";
  Ontology o = RealOntology();
  o.question_words = ontology::Vocabulary();
  ASSERT_TRUE(o.question_words.Load(path, {2, -1, false}).ok());
  ASSERT_TRUE(ParseQuestion("please regimens featuring blinatumomab", o, &q).ok());
  ASSERT_EQ(q.with.size(), 1u);
  EXPECT_EQ(q.with[0].drugs, std::vector<std::string>{"blinatumomab"});
  EXPECT_FALSE(ParseQuestion("regimens with blinatumomab", o, &q).ok());
  std::remove(path.c_str());
}

// Guards that ParseQuestion resets the output question before parsing.
TEST(ParseQuestionTest, ResetsOutput) {
  Question q = Parse("regimens with blinatumomab in salvage phase 2");
  ASSERT_TRUE(ParseQuestion("trials", RealOntology(), &q).ok());
  EXPECT_TRUE(q.with.empty());
  EXPECT_TRUE(q.settings.empty());
  EXPECT_FALSE(q.phase.has_value());
  EXPECT_EQ(q.target, Target::kTrials);
}

}  // namespace
}  // namespace trialgraph::query
