// Whether a document reports a trial at all (ingest/extractor.cc).
#include "ingest/extractor.h"

#include <gtest/gtest.h>

#include "tests/extract_support.h"

namespace trialgraph::ingest {
namespace {

using trialgraph::testing::ExtractText;

// An experiment on animals gives drugs and measures outcomes like a trial,
// but a document naming animals and no people reports no clinical trial.
TEST(Extractor, AnimalStudyIsNoTrial) {
  Extraction dogs = ExtractText("Neurologic effects of subarachnoid bupivacaine in dogs",
                                {"The purpose of this study was to evaluate the neurologic consequences of subarachnoid "
                                 "bupivacaine.",
                                 "The 65 dogs in the study received bupivacaine (N = 15) or normal saline (N = 20)."});
  EXPECT_TRUE(dogs.trials.empty());
}

// A document naming no subjects at all (a formulation study) reports no trial
// unless it states a phase or randomisation.
TEST(Extractor, StudyOfNoSubjectsIsNoTrialUnlessStatedAsOne) {
  Extraction tablets = ExtractText("Dissolution rate of hydrochlorothiazide tablets",
                                   {"The purpose of this study was to enhance the dissolution of hydrochlorothiazide.",
                                    "Tablets with 10% crospovidone released 85% of hydrochlorothiazide in 30 minutes."});
  EXPECT_TRUE(tablets.trials.empty());
  Extraction stated = ExtractText("Hepatitis B immune globulin after needle-stick exposure",
                                  {"Hepatitis B immune globulin was examined in a randomized, double-blind trial.",
                                   "Clinical hepatitis developed in 1.4% of those given it."});
  EXPECT_EQ(stated.trials.size(), 1u);
}

// A protocol that only plans its study counts the patients it means to
// accrue, not those enrolled; a report of a done study counts them.
TEST(Extractor, PlannedAccrualIsNoEnrolment) {
  Extraction planned = ExtractText("Dasatinib in Philadelphia chromosome-positive acute lymphoblastic leukemia",
                                   {"This phase II trial is studying how well dasatinib works in patients with leukemia.",
                                    "PROJECTED ACCRUAL: A total of 60 patients will be accrued for this study."});
  ASSERT_EQ(planned.trials.size(), 1u);
  EXPECT_EQ(planned.trials[0].enrolled, std::nullopt);
  Extraction done = ExtractText("Dasatinib in Philadelphia chromosome-positive acute lymphoblastic leukemia",
                                {"In this phase II trial, 60 patients with leukemia were enrolled and received dasatinib.",
                                 "RESULTS: Complete remission was achieved in 45 patients (75%)."});
  ASSERT_EQ(done.trials.size(), 1u);
  EXPECT_EQ(done.trials[0].enrolled, 60);
}

// Animals named beside people do not make a clinical study an animal study.
TEST(Extractor, AnimalsBesidePeopleKeepTheTrial) {
  Extraction both = ExtractText("Bupivacaine for spinal anaesthesia",
                                {"Earlier work in dogs suggested neurotoxicity.",
                                 "In this randomized trial, 40 patients received bupivacaine or lidocaine."});
  EXPECT_EQ(both.trials.size(), 1u);
  Extraction volunteers = ExtractText("Bupivacaine pharmacokinetics",
                                      {"In this phase 1 study, healthy volunteers received bupivacaine after rats had "
                                       "tolerated it."});
  EXPECT_EQ(volunteers.trials.size(), 1u);
}

// A report of single cases is no trial; a phase makes one, and a case series
// cited in the body is someone else's.
TEST(Extractor, CaseReportIsNoTrial) {
  Extraction one = ExtractText("Hiccups during azithromycin therapy",
                               {"We describe a case of persistent hiccups in a patient given azithromycin.",
                                "The hiccups resolved after azithromycin was stopped."});
  EXPECT_TRUE(one.trials.empty());
  Extraction series = ExtractText("Hepatotoxicity of sulfasalazine: a case series",
                                  {"Ten patients given sulfasalazine developed hepatitis; the median time to onset was "
                                   "4 weeks."});
  EXPECT_TRUE(series.trials.empty());
  Extraction phase = ExtractText("Liposomal daunorubicin in Kaposi sarcoma: a phase II study",
                                 {"We report a case of response, and a non-randomized phase II trial of liposomal "
                                  "daunorubicin in 40 patients."});
  EXPECT_EQ(phase.trials.size(), 1u);
  Extraction cited = ExtractText("Dasatinib before transplant",
                                 {"Only two small case series have been reported on this topic.",
                                  "In this phase 2 study, 40 patients receive dasatinib before transplant."});
  EXPECT_EQ(cited.trials.size(), 1u);
}

// A meta-analysis or a review of the literature reports no trial of its own;
// a protocol citing one in its background still plans its trial.
TEST(Extractor, ReviewIsNoTrial) {
  Extraction meta = ExtractText("Dexmedetomidine and cardiac protection: a meta-analysis of randomised controlled trials",
                                {"We included prospective, randomised studies of dexmedetomidine that reported mortality.",
                                 "Of 425 studies identified, 20 were included in the meta-analysis (840 patients)."});
  EXPECT_TRUE(meta.trials.empty());
  Extraction protocol = ExtractText("Atorvastatin in survivors of childhood acute lymphoblastic leukemia",
                                    {"A systematic review showed that statins improve endothelial function.",
                                     "This randomized phase 2 trial is studying how well atorvastatin works in 40 patients.",
                                     "Patients will receive atorvastatin or placebo daily."});
  EXPECT_EQ(protocol.trials.size(), 1u);
  Extraction cochrane = ExtractText("Long term hormone therapy for postmenopausal women",
                                    {"This is an updated version of the original Cochrane review.",
                                     "SEARCH STRATEGY: We searched the Cochrane Central Register of Controlled Trials.",
                                     "Nineteen randomised trials of estradiol or placebo involving 41,904 women were "
                                     "included."});
  EXPECT_TRUE(cochrane.trials.empty());
  Extraction narrative = ExtractText("Capecitabine in breast cancer",
                                     {"In this review, we summarise how capecitabine works in patients with breast "
                                      "cancer and in which phase II studies it was given."});
  EXPECT_TRUE(narrative.trials.empty());
}

// A protocol planning a study of patients it names is a trial though it
// gives no drug ("an exercise programme"); the same text in the past tense,
// with no design or name, is no trial, and so is a hypothesis that plans no
// study (an opinion piece).
TEST(Extractor, PlannedStudyOfAPopulationIsATrial) {
  Extraction planned = ExtractText("Aerobic exercise for acute lymphoblastic leukemia",
                                   {"This study will evaluate whether an exercise programme improves fatigue in children "
                                    "with acute lymphoblastic leukemia.",
                                    "Fatigue will be measured weekly."});
  EXPECT_EQ(planned.trials.size(), 1u);
  Extraction done = ExtractText("Aerobic exercise for acute lymphoblastic leukemia",
                                {"This study looked at fatigue in children with acute lymphoblastic leukemia."});
  EXPECT_TRUE(done.trials.empty());
  Extraction hypothesis = ExtractText("High-dose methylprednisolone may do more harm for spinal cord injury",
                                      {"High-dose methylprednisolone became the standard of care for spinal cord injury.",
                                       "We hypothesize that it may damage the muscle of spinal cord injury patients."});
  EXPECT_TRUE(hypothesis.trials.empty());
}

// A planned study of people described by their ages alone ("children aged 6 to
// 12 years", a population without a disease) names no population to make it a
// trial: the same plan of a disease's patients does.
TEST(Extractor, AgesAloneMakeNoPlannedStudyATrial) {
  Extraction ages = ExtractText("Aerobic exercise at school",
                                {"This study will evaluate whether an exercise programme improves fatigue in children "
                                 "aged 6 to 12 years.",
                                 "Fatigue will be measured weekly."});
  EXPECT_TRUE(ages.trials.empty());
  Extraction disease = ExtractText("Aerobic exercise at school",
                                   {"This study will evaluate whether an exercise programme improves fatigue in children "
                                    "aged 6 to 12 years with acute lymphoblastic leukemia.",
                                    "Fatigue will be measured weekly."});
  EXPECT_EQ(disease.trials.size(), 1u);
}

// A registry record of no known condition states its eligibility ages only;
// where its prose names the patients' disease, that population is the trial's.
TEST(Extractor, RecordAgesGiveWayToTheDiseaseItsProseNames) {
  SourceDocument doc = trialgraph::testing::TextDocument(
      "Dasatinib for acute lymphoblastic leukemia",
      {"This phase 2 study will test dasatinib in patients with acute lymphoblastic leukemia."});
  Trial stated;
  stated.registry_ids = {"NCT00000001"};
  Population ages;
  ages.age.min = 18;
  stated.populations = {ages};
  doc.stated_trials = {stated};
  Extraction x = Extractor(trialgraph::testing::RealOntology()).Extract(doc);
  ASSERT_EQ(x.trials.size(), 1u);
  ASSERT_EQ(x.trials[0].populations.size(), 1u);
  EXPECT_EQ(x.trials[0].populations[0].disease, "acute lymphoblastic leukemia");
}

// A document that says it randomised its people reports a trial, even when
// its sides name no drug of their own (two depths of one sedation); animals
// randomised make none.
TEST(Extractor, RandomisingItsPeopleIsATrial) {
  Extraction sedation = ExtractText("Sedation depth and postoperative delirium in elderly patients",
                                    {"Elderly patients were randomized to receive either deep or light sedation.",
                                     "Delirium occurred in 19% of the light group and 40% of the deep group."});
  EXPECT_EQ(sedation.trials.size(), 1u);
  Extraction rats = ExtractText("Sedation depth and delirium",
                                {"Forty rats were randomly assigned to deep or light sedation.",
                                 "Delirium-like behaviour occurred in 19% of the light group."});
  EXPECT_TRUE(rats.trials.empty());
}

// A study that calls itself non-therapeutic (a diagnostic or prognostic test
// in treated patients) reports no trial of a treatment; the same study
// without that word does.
TEST(Extractor, NonTherapeuticStudyIsNoTrial) {
  auto study = [](const std::string& kind) {
    return ExtractText("Residual disease testing before transplantation for acute myeloid leukemia",
                       {"This is a prospective, " + kind + "study of minimal residual disease in children with acute "
                        "myeloid leukemia before transplantation.",
                        "The study will enroll 100 patients who undergo transplantation."});
  };
  EXPECT_TRUE(study("non-therapeutic ").trials.empty());
  EXPECT_EQ(study("").trials.size(), 1u);
}

// A case-control study picks its people by an outcome and compares no
// treatments given: no trial, where a prospective study of the same patients
// is one.
TEST(Extractor, CaseControlStudyIsNoTrial) {
  auto study = [](const std::string& kind) {
    return ExtractText("Hyperkalemia with spironolactone in heart failure",
                       {"We performed a " + kind + " study of heart failure patients treated with spironolactone.",
                        "Hyperkalemia developed in 33 of 926 patients (3.6%)."});
  };
  EXPECT_TRUE(study("case control").trials.empty());
  EXPECT_EQ(study("prospective").trials.size(), 1u);
}

}  // namespace
}  // namespace trialgraph::ingest
