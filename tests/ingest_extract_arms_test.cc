// Arm rules of ingest/extract_arms.cc, on small documents.
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

const char kTitle[] = "Dasatinib and chemotherapy for acute lymphoblastic leukemia";

std::vector<std::string> OnlyArmDrugs(const Extraction& x) {
  EXPECT_EQ(x.trials.size(), 1u);
  if (x.trials.empty()) return {};
  EXPECT_EQ(x.trials[0].arms.size(), 1u);
  return x.trials[0].arms.empty() ? std::vector<std::string>{} : x.trials[0].arms[0].regimen.drugs;
}

// Tumour-lysis prophylaxis and anti-infectives go with every protocol;
// regimen-bound support (mesna with cyclophosphamide) stays.
TEST(ExtractArms, GenericSupportiveCareLeavesTheRegimen) {
  Extraction x = ExtractText(kTitle, {"You will receive dasatinib and cyclophosphamide with mesna in this study.",
                                      "You will also receive allopurinol or rasburicase and antibiotics such as levofloxacin."});
  EXPECT_EQ(OnlyArmDrugs(x), (std::vector<std::string>{"dasatinib", "cyclophosphamide", "mesna"}));
}

// A trial of the supportive drug itself keeps it.
TEST(ExtractArms, SupportiveDrugUnderTestStays) {
  Extraction x = ExtractText("Rasburicase for the prevention of tumor lysis in acute leukemia",
                             {"Patients will receive rasburicase daily for five days in this study."});
  EXPECT_EQ(OnlyArmDrugs(x), std::vector<std::string>{"rasburicase"});
}

// "If the doctor thinks it is needed, you will also receive rituximab": a
// condition of the protocol, not background.
TEST(ExtractArms, ConditionalBackgroundCueKeepsTheTreatment) {
  Extraction x = ExtractText(kTitle, {"You will receive dasatinib by mouth every day in this study.",
                                      "If the doctor thinks it is needed, you will also receive rituximab by vein."});
  EXPECT_EQ(OnlyArmDrugs(x), (std::vector<std::string>{"dasatinib", "rituximab"}));
}

// A drug the title names as the cause of the adverse event under study is
// the patients' other therapy, however the schedule mentions it; a drug the
// title names as the cause of no adverse event stays.
TEST(ExtractArms, CauseOfTheTrialsHarmIsNoArmDrug) {
  std::vector<std::string> outline = {"Patients are randomized to 1 of 2 treatment arms.",
                                      "- Arm I: Patients receive oral glutamic acid beginning prior to the first dose of vincristine.",
                                      "- Arm II: Patients receive oral placebo beginning prior to the first dose of vincristine."};
  Extraction x = ExtractText("Glutamic Acid in Reducing Nerve Damage Caused by Vincristine in Patients With Leukemia", outline);
  ASSERT_EQ(x.trials.size(), 1u);
  ASSERT_EQ(x.trials[0].arms.size(), 2u);
  EXPECT_EQ(x.trials[0].arms[0].regimen.drugs, std::vector<std::string>{"glutamic acid"});
  EXPECT_TRUE(x.trials[0].arms[1].regimen.drugs.empty());
  Extraction response = ExtractText("Remission Induced by Blinatumomab in Patients With Leukemia",
                                    {"You will receive blinatumomab by vein in this study."});
  EXPECT_EQ(OnlyArmDrugs(response), std::vector<std::string>{"blinatumomab"});
}

// A protocol reports no outcome frequencies: a drug named only where it says
// how often earlier patients had an adverse event is no arm drug.
TEST(ExtractArms, PlanOnlyOutcomeFrequencyGivesNoDrug) {
  Extraction x = ExtractText(kTitle, {"Acute GVHD develops in approximately 40% of recipients and is controllable by the addition of prednisone.",
                                      "This study will give dasatinib by mouth to patients with leukemia."});
  EXPECT_EQ(OnlyArmDrugs(x), std::vector<std::string>{"dasatinib"});
}

// A plan that cites earlier work: drugs after the background cue are that
// work's ("our hypothesis is that adding gemcitabine ..., because it has been
// demonstrated that ... melphalan").
TEST(ExtractArms, PlanCitingEarlierWorkGivesOnlyItsOwnDrugs) {
  Extraction x = ExtractText(kTitle, {"Our hypothesis is that adding gemcitabine to dasatinib will improve patients' survival, because it "
                                      "has been demonstrated that gemcitabine acts in synergy with melphalan."});
  EXPECT_EQ(OnlyArmDrugs(x), (std::vector<std::string>{"dasatinib", "gemcitabine"}));
}

// Protocol tables written as "Induction: VCR: 1, 8; ...", doses glued to
// their units ("1g/m2"): what patients receive in each phase, with no verb.
TEST(ExtractArms, PhaseLabelsAndGluedDosesListTheTreatment) {
  Extraction x = ExtractText(kTitle, {"The purpose of this study is to test dasatinib in leukemia.",
                                      "Induction: VCR: 1, 8, 15, 22; IDA: 1, 8.",
                                      "CM2: MTX 3g/m2, 1; Dex: 1-2.",
                                      "Patients with leukemia have an increase in BCL2 and cytarabine resistance."});
  EXPECT_EQ(OnlyArmDrugs(x), (std::vector<std::string>{"dasatinib", "vincristine", "idarubicin", "methotrexate", "dexamethasone"}));
}

// "Chidamide for chidamide arm: 10mg/d": a drug written for an arm opens that
// arm's clause; the common backbone goes to both arms.
TEST(ExtractArms, DrugForANamedArm) {
  Extraction x = ExtractText(kTitle, {"The purpose of this study is to test HDAC and kinase inhibition in patients with leukemia.",
                                      "Pretreatment: Dexamethasone, -3 to 0d; Chidamide for chidamide arm: 10mg/d, po qd.",
                                      "Dasatinib for dasatinib arm: 100mg/d, po qd.",
                                      "Induction: VCR: 1, 8, 15, 22; IDA: 1, 8."});
  ASSERT_EQ(x.trials.size(), 1u);
  std::map<std::string, std::vector<std::string>> drugs;
  for (const Arm& arm : x.trials[0].arms) drugs[arm.label] = arm.regimen.drugs;
  EXPECT_EQ(drugs["chidamide arm"], (std::vector<std::string>{"tucidinostat", "dexamethasone", "vincristine", "idarubicin"}));
  EXPECT_EQ(drugs["dasatinib arm"], (std::vector<std::string>{"dasatinib", "dexamethasone", "vincristine", "idarubicin"}));
}

// A ClinicalTrials.gov outline: drugs under an arm's label belong to it,
// "as in arm I" copies an arm, drugs all patients receive belong to every
// arm, and a sentence contrasting the arms gives nobody both.
TEST(ExtractArms, LabeledOutlineArms) {
  Extraction x = ExtractText(
      "Dexamethasone Compared With Prednisone in Treating Patients With Acute Lymphoblastic Leukemia",
      {"OBJECTIVES: Compare dexamethasone vs prednisone during induction therapy in patients treated with these regimens.",
       "OUTLINE: Patients are randomized to 1 of 3 treatment arms.",
       "- Arm I: Patients receive vincristine IV and oral dexamethasone on days 1-14.",
       "- Arm II (high-dose MTX): Patients receive therapy as in arm I.",
       "Patients also receive leucovorin calcium IV every 6 hours for at least 3 doses.",
       "- Arm III: Patients receive vincristine IV and oral prednisone on days 1-28.",
       "- Consolidation therapy: All patients receive cyclophosphamide IV on days 1 and 29."});
  ASSERT_EQ(x.trials.size(), 1u);
  std::map<std::string, std::set<std::string>> arms;
  for (const Arm& arm : x.trials[0].arms) arms[arm.label] = {arm.regimen.drugs.begin(), arm.regimen.drugs.end()};
  using Drugs = std::set<std::string>;
  EXPECT_EQ(arms["Arm I"], (Drugs{"vincristine", "dexamethasone", "cyclophosphamide"}));
  EXPECT_EQ(arms["Arm II"], (Drugs{"vincristine", "dexamethasone", "cyclophosphamide", "leucovorin"}));
  EXPECT_EQ(arms["Arm III"], (Drugs{"vincristine", "prednisone", "cyclophosphamide"}));
  EXPECT_EQ(arms.size(), 3u);
}

// "methotrexate without leucovorin rescue" gives no leucovorin.
TEST(ExtractArms, WithoutIsNotGiven) {
  Extraction x = ExtractText(kTitle, {"Patients will receive dasatinib and methotrexate without leucovorin rescue in this study."});
  EXPECT_EQ(OnlyArmDrugs(x), (std::vector<std::string>{"dasatinib", "methotrexate"}));
}

// A drug the patients received before the study ("may not have previously
// received L-asparaginase", "refractory to imatinib") is no drug of its arm.
TEST(ExtractArms, EarlierTherapyIsNotGiven) {
  Extraction x = ExtractText(kTitle, {"Patients will receive dasatinib by mouth every day in this study.",
                                      "Patients may not have previously received L-asparaginase.",
                                      "Patients must be refractory to imatinib."});
  EXPECT_EQ(OnlyArmDrugs(x), std::vector<std::string>{"dasatinib"});
}

// Drugs the patients are allergic to are not given; a backbone named as the
// model of the schedule adds no drugs beyond those the document lists; a
// bracketed regimen name ("adult ALL (GMALL)") abbreviates, it defines nothing.
TEST(ExtractArms, AllergiesAndModelProtocolsAddNoDrugs) {
  Extraction x = ExtractText(
      "Inotuzumab Ozogamicin In Patients With ALL",
      {"Patients allergic to pegaspargase will receive inotuzumab ozogamicin in this study.",
       "Patients will then receive consolidation chemotherapy based on the backbone of the German Multicenter Study "
       "Group for adult ALL (GMALL)."});
  EXPECT_EQ(OnlyArmDrugs(x), std::vector<std::string>{"inotuzumab ozogamicin"});
}

// "Backbone chemotherapy" is what the arm gets: only a protocol named in a
// bracket after "backbone" is another study.
TEST(ExtractArms, BackboneChemotherapyIsGiven) {
  Extraction x = ExtractText(kTitle, {"Patients received ponatinib combined with backbone chemotherapy hyper-CVAD in this study."});
  std::vector<std::string> drugs = OnlyArmDrugs(x);
  EXPECT_TRUE(std::find(drugs.begin(), drugs.end(), "ponatinib") != drugs.end());
  EXPECT_TRUE(std::find(drugs.begin(), drugs.end(), "cyclophosphamide") != drugs.end()) << "hyper-CVAD dropped";
}

// A negation inside brackets ends with them: the drug after the bracket is given.
TEST(ExtractArms, NegationEndsWithItsBracket) {
  Extraction x = ExtractText(kTitle, {"Patients receive methotrexate 8 g/m2 IV (will not be given to patients with prior "
                                      "irradiation) Day 1 - 6-mercaptopurine 50 mg/m2 PO days 1-14.",
                                      "The purpose of this study is to test the schedule."});
  EXPECT_EQ(OnlyArmDrugs(x), (std::vector<std::string>{"dasatinib", "methotrexate", "mercaptopurine"}));
}

std::vector<std::vector<std::string>> ArmDrugs(const Extraction& x) {
  std::vector<std::vector<std::string>> arms;
  for (const Trial& t : x.trials)
    for (const Arm& arm : t.arms) arms.push_back(arm.regimen.drugs);
  return arms;
}

// "A (x group), B (y group), or C": every item of a serial list is an arm,
// and a count "in the x group" goes to the arm of that name even where two
// arms share the drug it names.
TEST(ExtractArms, SerialListOfRandomizedArms) {
  Extraction x = ExtractText(
      "Budesonide for mild asthma",
      {"Patients were randomly assigned to one of three regimens: placebo plus terbutaline (terbutaline group), "
       "placebo plus budesonide-formoterol (combination group), or budesonide plus terbutaline (budesonide maintenance group).",
       "Of the 3836 patients, 1277 were in the terbutaline group, 1270 in the combination group, and 1282 in the "
       "budesonide maintenance group."});
  ASSERT_EQ(x.trials.size(), 1u);
  const std::vector<Arm>& arms = x.trials[0].arms;
  ASSERT_EQ(arms.size(), 3u);
  EXPECT_EQ(arms[0].regimen.drugs, std::vector<std::string>{"terbutaline"});
  EXPECT_EQ(arms[1].regimen.drugs, (std::vector<std::string>{"budesonide", "formoterol"}));
  EXPECT_EQ(arms[2].regimen.drugs, (std::vector<std::string>{"budesonide", "terbutaline"}));
  EXPECT_EQ(arms[2].label, "budesonide maintenance group");
  EXPECT_EQ(arms[0].n, 1277);
  EXPECT_EQ(arms[1].n, 1270);
  EXPECT_EQ(arms[2].n, 1282);
}

// An arm named by its drugs is found by the drugs after a count, not by a
// name that only begins the phrase.
TEST(ExtractArms, CountsFollowDrugsWhereArmsHaveNoNames) {
  Extraction x = ExtractText(kTitle, {"Patients were randomly assigned to dasatinib or to dasatinib plus cytarabine.",
                                      "Of 240 patients, 120 were assigned to dasatinib plus cytarabine and 118 to dasatinib."});
  ASSERT_EQ(x.trials.size(), 1u);
  const std::vector<Arm>& arms = x.trials[0].arms;
  ASSERT_EQ(arms.size(), 2u);
  EXPECT_EQ(arms[0].n, 118);
  EXPECT_EQ(arms[1].n, 120);
}

// Counts of patients an outcome befell (an outcome verb, a word of leaving
// the study, completion), after the arm they were in or in a bracket per arm,
// are no arm sizes; a whole the outcome's count is part of still is.
TEST(ExtractArms, OutcomeCountsAreNoArmSizes) {
  const std::string randomized = "Patients were randomized to dasatinib or imatinib.";
  for (const char* outcome :
       {"Five patients withdrew (dasatinib 3, imatinib 5).", "Eight patients completed the study (dasatinib 3, imatinib 5).",
        "3 patients in the dasatinib arm withdrew and 5 patients in the imatinib arm discontinued treatment.",
        "40 patients on imatinib completed the study and 12 patients on dasatinib needed transfusion.",
        "3 patients in each group dropped out.",
        "3 patients in the dasatinib arm were lost to follow-up; 5 patients in the imatinib arm were excluded."}) {
    Extraction x = ExtractText(kTitle, {randomized, outcome});
    ASSERT_EQ(x.trials.size(), 1u);
    ASSERT_EQ(x.trials[0].arms.size(), 2u) << outcome;
    for (const Arm& arm : x.trials[0].arms) EXPECT_EQ(arm.n, std::nullopt) << outcome;
  }
  Extraction x = ExtractText(kTitle, {randomized, "Two of the 64 patients in the dasatinib arm had a relapse."});
  ASSERT_EQ(x.trials.size(), 1u);
  ASSERT_EQ(x.trials[0].arms.size(), 2u);
  EXPECT_EQ(x.trials[0].arms[0].n, 64);
}

// "13 patients received phenylephrine and 12 patients received ephedrine":
// counts of patients each given a different treatment are the arms and
// their sizes, as counts sent to them are.
TEST(ExtractArms, CountsOfRecipientsAreArms) {
  Extraction x = ExtractText("Vasopressors after induction of anesthesia",
                             {"Following induction of anesthesia by fentanyl and propofol, 13 patients received "
                              "phenylephrine (0.1 mg iv) and 12 patients received ephedrine (10 mg iv) in this trial."});
  ASSERT_EQ(x.trials.size(), 1u);
  const std::vector<Arm>& arms = x.trials[0].arms;
  ASSERT_EQ(arms.size(), 2u);
  EXPECT_EQ(arms[0].regimen.drugs, std::vector<std::string>{"phenylephrine"});
  EXPECT_EQ(arms[0].n, 13);
  EXPECT_EQ(arms[1].regimen.drugs, std::vector<std::string>{"ephedrine"});
  EXPECT_EQ(arms[1].n, 12);
}

// Counts spelled in words size arms whole ("Thirty-five", never its "five");
// a count sent to alternatives ("200 patients to receive A or B") is all of
// the patients, no arm's size.
TEST(ExtractArms, SpelledCountsAndTotalsOfAlternatives) {
  const std::string randomized = "Patients were randomized to dasatinib or imatinib.";
  for (const char* counts : {"Thirty-five patients received dasatinib and thirty-six received imatinib.",
                             "Thirty-five patients were assigned to dasatinib and 36 to imatinib."}) {
    Extraction x = ExtractText(kTitle, {randomized, counts});
    ASSERT_EQ(x.trials.size(), 1u);
    ASSERT_EQ(x.trials[0].arms.size(), 2u) << counts;
    EXPECT_EQ(x.trials[0].arms[0].n, 35) << counts;
    EXPECT_EQ(x.trials[0].arms[1].n, 36) << counts;
  }
  // "one in the dasatinib arm" after an outcome is a pronoun's count, no arm's size.
  Extraction died = ExtractText(kTitle, {randomized, "Two patients died, one in the dasatinib arm and one in the imatinib arm."});
  ASSERT_EQ(died.trials.size(), 1u);
  for (const Arm& arm : died.trials[0].arms) EXPECT_EQ(arm.n, std::nullopt);
  Extraction x = ExtractText(kTitle, {"We randomly assigned 200 patients to receive imatinib 400 mg daily or imatinib 800 mg daily."});
  ASSERT_EQ(x.trials.size(), 1u);
  ASSERT_EQ(x.trials[0].arms.size(), 2u);
  for (const Arm& arm : x.trials[0].arms) EXPECT_EQ(arm.n, std::nullopt) << arm.label;
}

// A sentence that sets out to compare ("Compare ...", "to compare",
// "comparing") compares arms where no one is said to be randomised, and its
// "with" right before the other side ends the first ("in combination with"
// does not).
TEST(ExtractArms, ComparingSetsOutArms) {
  const char title[] = "Dasatinib and imatinib in chronic myeloid leukemia";
  for (const char* compares : {"OBJECTIVES: Compare the event-free survival of patients treated with dasatinib vs imatinib.",
                               "This phase III trial is to compare dasatinib with imatinib in treating patients with leukemia."}) {
    Extraction x = ExtractText(title, {"The study enrolled 100 patients with chronic myeloid leukemia.", compares});
    EXPECT_EQ(ArmDrugs(x), (std::vector<std::vector<std::string>>{{"dasatinib"}, {"imatinib"}})) << compares;
  }
  Extraction x = ExtractText(title, {"The purpose of this trial is to compare dasatinib in combination with cytarabine with "
                                     "that of imatinib in treating patients with leukemia."});
  EXPECT_EQ(ArmDrugs(x), (std::vector<std::vector<std::string>>{{"dasatinib", "cytarabine"}, {"imatinib"}}));
}

// "A (Group R) or B (Group B)": the bracketed group name abbreviates the words
// after the previous bracket only, so the second arm keeps its drugs.
TEST(ExtractArms, GroupNamesAbbreviateOnlyTheirOwnArm) {
  Extraction x = ExtractText("Ropivacaine versus bupivacaine for spinal anesthesia",
                             {"Adults were randomized to receive either 3 ml isobaric ropivacaine and 25 mcg fentanyl (Group R) "
                              "or 3 ml isobaric bupivacaine and 25 mcg fentanyl (Group B) in this trial."});
  EXPECT_EQ(ArmDrugs(x), (std::vector<std::vector<std::string>>{{"ropivacaine", "fentanyl"}, {"bupivacaine", "fentanyl"}}));
}

// Drugs given together ("A, B, and C") before "or" are one arm, not a list of arms.
TEST(ExtractArms, ConjoinedDrugsBeforeOrAreOneArm) {
  Extraction x = ExtractText(kTitle, {"Patients were randomly assigned to idarubicin, cytarabine, and etoposide, or fludarabine."});
  EXPECT_EQ(ArmDrugs(x), (std::vector<std::vector<std::string>>{{"idarubicin", "cytarabine", "etoposide"}, {"fludarabine"}}));
}

// "at six or two week intervals", "140 mg or 100 mg": the second side only
// changes the schedule or the dose, so both arms give the drug.
TEST(ExtractArms, ScheduleOnlyArmsGiveTheSameDrug) {
  Extraction x = ExtractText("Pegaspargase intervals in childhood acute lymphoblastic leukemia",
                             {"In this randomised study, patients receive PEG-asparaginase either at six or two week intervals."});
  EXPECT_EQ(ArmDrugs(x), (std::vector<std::vector<std::string>>{{"pegaspargase"}, {"pegaspargase"}}));
  Extraction dose = ExtractText(kTitle, {"Patients were randomly assigned to dasatinib 140 mg or 100 mg once daily."});
  EXPECT_EQ(ArmDrugs(dose), (std::vector<std::vector<std::string>>{{"dasatinib"}, {"dasatinib"}}));
}

// "a randomized trial comparing high-dose MTX and intermediate-dose MTX": the
// "and" after "comparing" separates arms, and sides that give the same drug
// at stated doses are two arms.
TEST(ExtractArms, ComparingDosesOfOneDrug) {
  Extraction x = ExtractText("High-dose methotrexate for adult acute lymphoblastic leukemia",
                             {"The group has planned a prospective randomized controlled trial comparing high-dose MTX and "
                              "intermediate-dose MTX for patients with ALL."});
  EXPECT_EQ(ArmDrugs(x), (std::vector<std::vector<std::string>>{{"methotrexate"}, {"methotrexate"}}));
  Extraction doses = ExtractText(kTitle, {"Patients were randomly assigned to dasatinib 140 mg daily or dasatinib 100 mg daily."});
  EXPECT_EQ(ArmDrugs(doses), (std::vector<std::vector<std::string>>{{"dasatinib"}, {"dasatinib"}}));
}

// "comparing the effects of A with those of B": the second side is named
// through "with those of", far from the verb.
TEST(ExtractArms, ComparedWithThoseOf) {
  Extraction x = ExtractText(kTitle, {"We conducted a randomized, multicenter study comparing the effects of an oral "
                                      "kinase inhibitor, dasatinib, with those of an older kinase inhibitor, imatinib."});
  EXPECT_EQ(ArmDrugs(x), (std::vector<std::vector<std::string>>{{"dasatinib"}, {"imatinib"}}));
}

// A side naming no drug and no schedule is a drug-free control.
TEST(ExtractArms, ControlSideIsNoScheduleChange) {
  Extraction x = ExtractText(kTitle, {"Patients were randomly assigned to dasatinib or to observation alone."});
  EXPECT_EQ(ArmDrugs(x), (std::vector<std::vector<std::string>>{{"dasatinib"}, {}}));
}

// "a non-randomized ... study of clofarabine in refractory or relapsed ALL"
// randomises no one, and "relapsed ALL" on the far side of "or" names no
// treatment: a single arm either way.
TEST(ExtractArms, NoComparisonWithoutRandomisationOrATreatmentOnTheOtherSide) {
  const char title[] = "Clofarabine in pediatric acute lymphoblastic leukemia";
  Extraction non_randomized = ExtractText(title, {"This is a non-randomized, open label study of clofarabine in "
                                                   "pediatric patients with refractory or relapsed acute lymphoblastic leukemia."});
  EXPECT_EQ(OnlyArmDrugs(non_randomized), std::vector<std::string>{"clofarabine"});
  Extraction disease_side = ExtractText(title, {"Patients were randomized to receive clofarabine for refractory or "
                                                 "relapsed acute lymphoblastic leukemia."});
  EXPECT_EQ(OnlyArmDrugs(disease_side), std::vector<std::string>{"clofarabine"});
}

// A treatment compared with a control group is a comparison without
// randomisation; the group sizes follow the arms' names.
TEST(ExtractArms, ControlGroupComparisonAndItsSizes) {
  Extraction x = ExtractText("Lamivudine prophylaxis during chemotherapy",
                             {"Patients received lamivudine during chemotherapy compared with a historical control group who "
                              "did not receive lamivudine.",
                              "The prophylactic lamivudine group consisted of 37 patients.",
                              "The historical controls consisted of 50 consecutive patients."});
  ASSERT_EQ(x.trials.size(), 1u);
  const std::vector<Arm>& arms = x.trials[0].arms;
  ASSERT_EQ(arms.size(), 2u);
  EXPECT_EQ(arms[0].regimen.drugs, std::vector<std::string>{"lamivudine"});
  EXPECT_EQ(arms[0].n, 37);
  EXPECT_TRUE(arms[1].regimen.drugs.empty());
  EXPECT_EQ(arms[1].n, 50);
}

// Guards that the verbs before an arm's size are rule_words.tsv consists_of, not words of the code.
TEST(ExtractArms, ArmSizeVerbsComeFromTheOntology) {
  const std::string title = "Lamivudine prophylaxis during chemotherapy";
  const std::vector<std::string> sentences = {
      "Patients received lamivudine during chemotherapy compared with a historical control group who did not receive "
      "lamivudine.",
      "The prophylactic lamivudine group was made up of 37 patients."};
  auto lamivudine_arm_size = [](const Extraction& x) -> std::optional<int> {
    if (x.trials.empty() || x.trials[0].arms.empty()) return std::nullopt;
    return x.trials[0].arms[0].n;
  };
  EXPECT_EQ(lamivudine_arm_size(ExtractText(title, sentences)), std::nullopt);
  EXPECT_EQ(lamivudine_arm_size(ExtractText(WithRuleWords("consists_of", "was made up of"), title, sentences)), 37);
}

// Alternatives each given with its group size are arms; a size takes the arm
// its bracket follows, after the last "or", and after an "and" only when no
// drug follows the "and".
TEST(ExtractArms, BracketedGroupSizes) {
  Extraction received = ExtractText("Dasatinib or imatinib in chronic myeloid leukemia",
                                    {"This is a phase 3 trial.", "Patients received dasatinib 140 mg daily (n = 203) or imatinib 400 mg daily (n = 205)."});
  ASSERT_EQ(received.trials.size(), 1u);
  ASSERT_EQ(received.trials[0].arms.size(), 2u);
  EXPECT_EQ(received.trials[0].arms[0].n, 203);
  EXPECT_EQ(received.trials[0].arms[1].n, 205);
  Extraction four = ExtractText(kTitle, {"Children were randomly assigned to clonidine (n = 31), methylphenidate (n = 29), "
                                         "clonidine and methylphenidate (n = 32), or placebo (n = 30)."});
  ASSERT_EQ(four.trials.size(), 1u);
  std::vector<std::optional<int>> sizes;
  for (const Arm& arm : four.trials[0].arms) sizes.push_back(arm.n);
  EXPECT_EQ(sizes, (std::vector<std::optional<int>>{31, 29, 32, 30}));
  Extraction capital = ExtractText(kTitle, {"Twenty participants were randomly assigned to receive dasatinib, 400 mg (N=10), "
                                            "or placebo (N=10) every morning."});
  ASSERT_EQ(capital.trials.size(), 1u);
  sizes.clear();
  for (const Arm& arm : capital.trials[0].arms) sizes.push_back(arm.n);
  EXPECT_EQ(sizes, (std::vector<std::optional<int>>{10, 10}));
}

// "dasatinib plus matching placebo imatinib", "imatinib and placebo for
// dasatinib": the dummy of a drug is no drug of the arm.
TEST(ExtractArms, DummyOfADrugIsNotGiven) {
  Extraction x = ExtractText(kTitle, {"Patients were randomly assigned to dasatinib plus matching placebo imatinib or to "
                                      "imatinib plus placebo for dasatinib."});
  std::vector<std::vector<std::string>> drugs;
  for (const Trial& t : x.trials)
    for (const Arm& arm : t.arms) drugs.push_back(arm.regimen.drugs);
  EXPECT_EQ(drugs, (std::vector<std::vector<std::string>>{{"dasatinib"}, {"imatinib"}}));
}

// "raloxifene 60 mg/d or 120 mg/d or placebo", "A or B or C": each further
// "or" that a drug or a placebo follows opens one more arm; one that a
// duration follows does not.
TEST(ExtractArms, ChainedAlternativesAreEachAnArm) {
  auto drugs_of = [](const Extraction& x) {
    std::vector<std::vector<std::string>> out;
    for (const Trial& t : x.trials)
      for (const Arm& arm : t.arms) out.push_back(arm.regimen.drugs);
    return out;
  };
  using Drugs = std::vector<std::vector<std::string>>;
  Extraction doses = ExtractText(kTitle, {"Women were randomly assigned to dasatinib 60 mg/d or 120 mg/d or placebo."});
  EXPECT_EQ(drugs_of(doses), (Drugs{{"dasatinib"}, {"dasatinib"}, {}}));
  Extraction three = ExtractText(kTitle, {"Patients were randomly assigned to dasatinib or imatinib or nilotinib for 6 or 12 months."});
  EXPECT_EQ(drugs_of(three), (Drugs{{"dasatinib"}, {"imatinib"}, {"nilotinib"}}));
}

// "cisapride, 5 mg three times daily (n = 19)": a size after a dose set off
// by a comma belongs to the drug before the comma.
TEST(ExtractArms, SizeAfterACommaAndADose) {
  Extraction x = ExtractText(kTitle, {"Thirty-eight patients underwent manometry before and after 12 weeks of treatment "
                                      "[dasatinib, 5 mg three times daily (n = 19) or placebo (n = 19)].",
                                      "Differences were observed between the dasatinib and placebo groups."});
  ASSERT_EQ(x.trials.size(), 1u);
  ASSERT_EQ(x.trials[0].arms.size(), 2u);
  EXPECT_EQ(x.trials[0].arms[0].regimen.drugs, std::vector<std::string>{"dasatinib"});
  EXPECT_EQ(x.trials[0].arms[0].n, 19);
  EXPECT_EQ(x.trials[0].arms[1].n, 19);
}

// Alternatives whose brackets give a labelled group size ("(group A, n = 40)")
// or count their people ("(10 patients)") are a controlled comparison where
// no one is said to be randomised.
TEST(ExtractArms, AlternativesSizedInBracketsAreCompared) {
  auto arms_of = [](const Extraction& x) {
    std::vector<std::pair<std::vector<std::string>, std::optional<int>>> out;
    for (const Trial& t : x.trials)
      for (const Arm& arm : t.arms) out.push_back({arm.regimen.drugs, arm.n});
    return out;
  };
  using Arms = std::vector<std::pair<std::vector<std::string>, std::optional<int>>>;
  Extraction labelled = ExtractText(kTitle, {"In this prospective study, the 80 patients consecutively received either "
                                             "dasatinib (group A, n = 40) or imatinib (group B, n = 40)."});
  EXPECT_EQ(arms_of(labelled), (Arms{{{"dasatinib"}, 40}, {{"imatinib"}, 40}}));
  Extraction counted = ExtractText(kTitle, {"Twenty patients received dasatinib (10 patients) or placebo ointment "
                                            "(10 patients) in a double blind study."});
  EXPECT_EQ(arms_of(counted), (Arms{{{"dasatinib"}, 10}, {{}, 10}}));
}

// "Group OD (n = 22) received ... and group TD (n = 21) received the same
// ...", "Group PS, the control group, received normal saline and
// succinylcholine; Group LS, ...": clauses opened by group codes give each
// group its drugs and size; a group given only a placebo has none, one
// given "the same" has those of the group before, and what "all patients"
// are given is every group's.
TEST(ExtractArms, GroupsLabelledWithCodes) {
  Extraction same_drug = ExtractText(kTitle, {"Patients were randomised to tobramycin once daily or twice daily.",
                                              "Group OD (n = 22) received a once-daily dose of tobramycin and group TD (n = 21) "
                                              "received the same dose divided into two doses."});
  ASSERT_EQ(same_drug.trials.size(), 1u);
  ASSERT_EQ(same_drug.trials[0].arms.size(), 2u);
  EXPECT_EQ(same_drug.trials[0].arms[0].label, "Group OD");
  EXPECT_EQ(same_drug.trials[0].arms[0].n, 22);
  EXPECT_EQ(same_drug.trials[0].arms[1].regimen.drugs, std::vector<std::string>{"tobramycin"});
  EXPECT_EQ(same_drug.trials[0].arms[1].n, 21);
  Extraction three = ExtractText(kTitle, {"One hundred and thirty-five patients were assigned to one of three groups in a "
                                          "double blind, randomized manner.",
                                          "Group PS, the control group, received normal saline and succinylcholine 1.5 mg/kg; "
                                          "Group LS, lidocaine 1.5 mg/kg and succinylcholine 1.5 mg/kg; Group PR, normal saline "
                                          "and rocuronium 0.6 mg/kg.",
                                          "Morphine 0.1 mg/kg was given for premedication."});
  ASSERT_EQ(three.trials.size(), 1u);
  std::vector<std::vector<std::string>> drugs;
  for (const Arm& arm : three.trials[0].arms) drugs.push_back(arm.regimen.drugs);
  EXPECT_EQ(drugs, (std::vector<std::vector<std::string>>{{"succinylcholine"}, {"lidocaine", "succinylcholine"}, {"rocuronium"}}));
  Extraction placebo = ExtractText(kTitle, {"In a double-blind randomized controlled trial, 240 patients were randomly assigned "
                                            "into two groups.",
                                            "Patients in Group A received dasatinib (10 mg) and patients in Group B received the "
                                            "same volume of normal saline (control group).",
                                            "Two minutes later, all patients were given fentanyl (2 ug/kg)."});
  ASSERT_EQ(placebo.trials.size(), 1u);
  drugs.clear();
  for (const Arm& arm : placebo.trials[0].arms) drugs.push_back(arm.regimen.drugs);
  EXPECT_EQ(drugs, (std::vector<std::vector<std::string>>{{"dasatinib", "fentanyl"}, {"fentanyl"}}));
}

// A group code that opens no clause ("(Group PR)", "in group C") or whose
// clause gives nothing labels no arm.
TEST(ExtractArms, GroupCodesNeedTheirOwnTreatment) {
  Extraction x = ExtractText(kTitle, {"Patients were randomly assigned to dasatinib or imatinib.",
                                      "In group A, the response was higher; group B, by contrast, had more relapses."});
  ASSERT_EQ(x.trials.size(), 1u);
  ASSERT_EQ(x.trials[0].arms.size(), 2u);
  EXPECT_EQ(x.trials[0].arms[0].label, "dasatinib");
}

// "Group B (buprenorphine group) received ... . Group C (control group)
// received ...": groups labelled one a sentence in consecutive sentences are
// the arms, a drug named twice ("buprenorphine group) received ... +
// buprenorphine") is one part, "adrenaline" is epinephrine, and "25 in each
// group" sizes both. A sentence labelling a group again starts a new run.
TEST(ExtractArms, GroupsLabelledOneASentence) {
  Extraction x = ExtractText(kTitle, {"A prospective, randomized, double-blind study was conducted on 50 patients.",
                                      "Patients were allocated into two groups, 25 in each group viz.: Group B "
                                      "(buprenorphine group) received 20 ml 0.5% bupivacaine + 15 ml 2% lignocaine with "
                                      "adrenaline + 3 ug/kg buprenorphine.",
                                      "Group C (control group) received 20 ml 0.5% bupivacaine + 15 ml 2% lignocaine with "
                                      "adrenaline + 1 ml normal saline."});
  ASSERT_EQ(x.trials.size(), 1u);
  ASSERT_EQ(x.trials[0].arms.size(), 2u);
  EXPECT_EQ(x.trials[0].arms[0].label, "Group B");
  EXPECT_EQ(x.trials[0].arms[0].regimen.drugs,
            (std::vector<std::string>{"buprenorphine", "bupivacaine", "lidocaine", "epinephrine"}));
  EXPECT_EQ(x.trials[0].arms[0].regimen.name, "buprenorphine + bupivacaine + lidocaine + epinephrine");
  EXPECT_EQ(x.trials[0].arms[1].regimen.drugs, (std::vector<std::string>{"bupivacaine", "lidocaine", "epinephrine"}));
  EXPECT_EQ(x.trials[0].arms[0].n, 25);
  EXPECT_EQ(x.trials[0].arms[1].n, 25);
  Extraction again = ExtractText(kTitle, {"Patients were randomly assigned to dasatinib or imatinib.",
                                          "Group A received dasatinib.", "Group A received more transfusions."});
  ASSERT_EQ(again.trials.size(), 1u);
  ASSERT_EQ(again.trials[0].arms.size(), 2u);
  EXPECT_EQ(again.trials[0].arms[0].label, "dasatinib");
}

// "to receive A (group BS), B (group BF), ...": a bracket with a group's code
// closes that group's words; "Study group (Group S) received A, whereas
// control group (Group C) received normal saline": brackets each followed by
// a treatment verb open them, and "(n = 25 each)" sizes every group.
TEST(ExtractArms, GroupsNamedByBracketedCodes) {
  auto drugs_of = [](const Extraction& x) {
    std::vector<std::vector<std::string>> out;
    for (const Trial& t : x.trials)
      for (const Arm& arm : t.arms) out.push_back(arm.regimen.drugs);
    return out;
  };
  Extraction after = ExtractText("Clonidine and fentanyl with intrathecal bupivacaine", {"A total of 100 patients were randomly allocated into four groups (n = 25 each) "
                                          "to receive intrathecal bupivacaine 7.5 mg plus normal saline 0.5 ml (group BS), "
                                          "intrathecal bupivacaine 7.5 mg, and fentanyl 25 ug (group BF), intrathecal "
                                          "bupivacaine 7.5 mg and clonidine 75 ug (group BC), intrathecal bupivacaine 7.5 mg, "
                                          "clonidine 37.5 ug, and fentanyl 12.5 ug (group BCF)."});
  EXPECT_EQ(drugs_of(after), (std::vector<std::vector<std::string>>{{"bupivacaine"},
                                                                     {"bupivacaine", "fentanyl"},
                                                                     {"bupivacaine", "clonidine"},
                                                                     {"bupivacaine", "clonidine", "fentanyl"}}));
  ASSERT_EQ(after.trials.size(), 1u);
  EXPECT_EQ(after.trials[0].arms[0].label, "Group BS");
  EXPECT_EQ(after.trials[0].arms[3].n, 25);
  Extraction before = ExtractText("Continuous bupivacaine block in renal transplant recipients",
                                  {"In a prospective double-blind study, 40 patients were randomly divided into two groups.",
                                   "Study group (Group S) received bupivacaine 1 mg/kg followed by infusion through the "
                                   "catheter, whereas control group (Group C) received normal saline through the catheter.",
                                   "Pentazocine was given as rescue analgesic."});
  EXPECT_EQ(drugs_of(before), (std::vector<std::vector<std::string>>{{"bupivacaine"}, {}}));
}

// A side's bracket that counts its people ("(12 subjects)") or closes its
// dose with a bare count ("(100 mg daily, 117)") gives its group's size; a
// bracket of doses alone gives none.
TEST(ExtractArms, SizesCountedInTheSideBracket) {
  auto sizes = [](const Extraction& x) {
    std::vector<std::optional<int>> out;
    for (const Trial& t : x.trials)
      for (const Arm& arm : t.arms) out.push_back(arm.n);
    return out;
  };
  Extraction counted = ExtractText(kTitle, {"Patients were randomly assigned to dasatinib (12 subjects) or placebo (11 subjects)."});
  EXPECT_EQ(sizes(counted), (std::vector<std::optional<int>>{12, 11}));
  Extraction closing = ExtractText(kTitle, {"The men were randomly assigned to dasatinib (100 mg twice daily, 117) or "
                                            "placebo (twice daily, 115) for 12 weeks."});
  EXPECT_EQ(sizes(closing), (std::vector<std::optional<int>>{117, 115}));
  Extraction doses = ExtractText(kTitle, {"Patients were randomly assigned to dasatinib (100 mg twice daily) or "
                                          "imatinib (400 mg on days 1, 8)."});
  EXPECT_EQ(sizes(doses), (std::vector<std::optional<int>>{std::nullopt, std::nullopt}));
}

// "120 patients were randomized to dasatinib and 118 to imatinib", "120
// received dasatinib and 118 received imatinib": counts sent to an arm, or
// opening a clause right before a treatment verb, size the arm they name; a
// count after other words ("aged 60 received") sizes none.
TEST(ExtractArms, SizesOfRandomisedAndReceivingCounts) {
  auto sizes = [](const Extraction& x) {
    std::vector<std::optional<int>> out;
    for (const Trial& t : x.trials)
      for (const Arm& arm : t.arms) out.push_back(arm.n);
    return out;
  };
  Extraction randomized = ExtractText(kTitle, {"Patients were randomly assigned to dasatinib or imatinib.",
                                               "In all, 120 patients were randomized to dasatinib and 118 to imatinib."});
  EXPECT_EQ(sizes(randomized), (std::vector<std::optional<int>>{120, 118}));
  Extraction received = ExtractText(kTitle, {"Patients were randomly assigned to dasatinib or imatinib.",
                                             "Of the 238 patients randomized, 120 received dasatinib and 118 received imatinib."});
  EXPECT_EQ(sizes(received), (std::vector<std::optional<int>>{120, 118}));
  Extraction aged = ExtractText(kTitle, {"Patients were randomly assigned to dasatinib or imatinib.",
                                         "Patients aged 60 received dasatinib at a lower dose."});
  EXPECT_EQ(sizes(aged), (std::vector<std::optional<int>>{std::nullopt, std::nullopt}));
}

// A bracket listing a count for each arm, by a short name the document
// defines ("(DC, 67; D, 65)") or by the arm's drug ("(imatinib 126, dasatinib
// 115)"), sizes the arms; counts of men and women size none.
TEST(ExtractArms, SizesListedByArmNames) {
  auto sizes = [](const Extraction& x) {
    std::vector<std::optional<int>> out;
    for (const Trial& t : x.trials)
      for (const Arm& arm : t.arms) out.push_back(arm.n);
    return out;
  };
  Extraction short_names = ExtractText(
      kTitle, {"Patients were randomly assigned to dasatinib 100 mg daily plus cytarabine on days 1 and 15 (DC) or "
               "dasatinib plus placebo (DP).",
               "One hundred thirty-two patients were enrolled (DC, 67; DP, 65)."});
  EXPECT_EQ(sizes(short_names), (std::vector<std::optional<int>>{67, 65}));
  Extraction variants = ExtractText(
      kTitle, {"This study evaluated dasatinib with and without cytarabine.",
               "Patients received dasatinib daily plus cytarabine on days 1 and 15 (DC) or dasatinib plus placebo (DP).",
               "One hundred thirty-two patients were enrolled (DC, 67; DP, 65)."});
  EXPECT_EQ(sizes(variants), (std::vector<std::optional<int>>{65, 67}));
  Extraction drugs = ExtractText(kTitle, {"Patients were randomly assigned to imatinib or dasatinib.",
                                          "In all, 241 patients were enrolled (dasatinib 115, imatinib 126)."});
  EXPECT_EQ(sizes(drugs), (std::vector<std::optional<int>>{126, 115}));
  Extraction sexes = ExtractText(kTitle, {"Patients were randomly assigned to imatinib or dasatinib.",
                                          "In all, 241 patients were enrolled (115 men, 126 women)."});
  EXPECT_EQ(sizes(sexes), (std::vector<std::optional<int>>{std::nullopt, std::nullopt}));
}

// In a study that says it randomises, alternatives a treatment sentence
// names are its arms, when they differ in their drugs and make up all of
// what the treatment sentences give.
TEST(ExtractArms, AlternativesOfARandomisedStudy) {
  Extraction medication = ExtractText(kTitle, {"To assess dasatinib, a multicenter, randomized, imatinib-controlled trial was "
                                               "designed that compared the incidence of hypotension.",
                                               "Trial medication was 100 mg dasatinib or 400 mg imatinib."});
  EXPECT_EQ(ArmDrugs(medication), (std::vector<std::vector<std::string>>{{"dasatinib"}, {"imatinib"}}));
  Extraction protocol = ExtractText(kTitle, {"Patients are randomized to two prehydration schedules in this study.",
                                             "Patients receive dasatinib or imatinib.",
                                             "All patients also receive vincristine and daunorubicin."});
  ASSERT_EQ(protocol.trials.size(), 1u);
  EXPECT_EQ(protocol.trials[0].arms.size(), 1u);
  Extraction doses = ExtractText(kTitle, {"Patients are randomized to two prehydration schedules in this study.",
                                          "Patients receive methotrexate 5 g/m2 or 8 g/m2."});
  ASSERT_EQ(doses.trials.size(), 1u);
  EXPECT_EQ(doses.trials[0].arms.size(), 1u);
}

// "A alone or in combination with B": the second arm gives A and B; a
// different drug after "A alone or" is an arm of its own.
TEST(ExtractArms, AddOnAfterAnArmAlone) {
  Extraction combined = ExtractText(kTitle, {"Patients were randomized to receive either dasatinib alone or in combination "
                                             "with cytarabine."});
  EXPECT_EQ(ArmDrugs(combined), (std::vector<std::vector<std::string>>{{"dasatinib"}, {"dasatinib", "cytarabine"}}));
  Extraction other = ExtractText(kTitle, {"Patients were randomized to receive either dasatinib alone or imatinib."});
  EXPECT_EQ(ArmDrugs(other), (std::vector<std::vector<std::string>>{{"dasatinib"}, {"imatinib"}}));
}

// "Treatment was ...", "Therapy consisted of ...": what patients received,
// with no verb of giving.
TEST(ExtractArms, TreatmentWasNamesTheRegimen) {
  Extraction x = ExtractText("Ponatinib with chemotherapy for Ph-positive acute lymphoblastic leukemia",
                             {"In this phase 2 study, 37 patients were enrolled.",
                              "Treatment was eight cycles of hyper-CVAD alternating with high-dose methotrexate and "
                              "cytarabine.",
                              "Ponatinib 45 mg was taken daily."});
  EXPECT_EQ(OnlyArmDrugs(x), (std::vector<std::string>{"ponatinib", "cyclophosphamide", "vincristine", "doxorubicin",
                                                       "dexamethasone", "methotrexate", "cytarabine"}));
}

// A size bracket may follow the arm's label, and the arm's name may hold
// bracketed doses; "(10 in each group)" sizes every arm; "a comparison of A
// and B" names two arms.
TEST(ExtractArms, LabelledSizeBracketsAndEqualGroups) {
  Extraction labelled = ExtractText(kTitle, {"Patients were randomized to receive either dasatinib (100 mg daily) alone "
                                             "(group I, n = 38) or imatinib (400 mg daily) (group II, n = 37)."});
  ASSERT_EQ(labelled.trials.size(), 1u);
  std::vector<std::optional<int>> sizes;
  for (const Arm& arm : labelled.trials[0].arms) sizes.push_back(arm.n);
  EXPECT_EQ(sizes, (std::vector<std::optional<int>>{38, 37}));
  Extraction each = ExtractText(kTitle, {"A randomized comparison of dasatinib and imatinib was made in 20 patients (10 in "
                                         "each group)."});
  ASSERT_EQ(each.trials.size(), 1u);
  ASSERT_EQ(each.trials[0].arms.size(), 2u);
  for (const Arm& arm : each.trials[0].arms) EXPECT_EQ(arm.n, 10) << arm.label;
}

// "either clofarabine or matching placebo, in addition to cytarabine": the
// add-on after the comma goes to both arms.
TEST(ExtractArms, AddOnAfterTheAlternativesGoesToEveryArm) {
  Extraction x = ExtractText(kTitle, {"Patients were randomized to receive either clofarabine or matching placebo, in addition to cytarabine."});
  EXPECT_EQ(ArmDrugs(x), (std::vector<std::vector<std::string>>{{"clofarabine", "cytarabine"}, {"cytarabine"}}));
}

// Sides giving the same drugs in another order are no comparison.
TEST(ExtractArms, SameDrugsInAnotherOrderAreOneArm) {
  Extraction x = ExtractText("Dasatinib and cytarabine in acute lymphoblastic leukemia",
                             {"This is a phase 2 trial.",
                              "Patients received dasatinib and cytarabine compared with the cytarabine and dasatinib group."});
  EXPECT_EQ(OnlyArmDrugs(x), (std::vector<std::string>{"dasatinib", "cytarabine"}));
}

// A drug given instead of another for one stratum makes a second arm; a
// replacement for every patient (no group named) does not.
TEST(ExtractArms, SubstitutionForAStratumIsAnotherArm) {
  const char title[] = "Re-induction therapy for relapsed T-cell acute lymphoblastic leukemia";
  Extraction stratum = ExtractText(
      title, {"Patients in this study receive cyclophosphamide IV and nelarabine IV on days 1-5 (clofarabine IV will be given instead of "
               "nelarabine for patients with B-lineage disease in stratum II)."});
  EXPECT_EQ(ArmDrugs(stratum),
            (std::vector<std::vector<std::string>>{{"cyclophosphamide", "nelarabine"}, {"cyclophosphamide", "clofarabine"}}));
  Extraction everyone = ExtractText(
      title, {"Patients in this study receive cyclophosphamide IV and methotrexate IV on day 1.",
               "Patients receive intrathecal cytarabine in place of intrathecal methotrexate for CNS prophylaxis."});
  EXPECT_EQ(ArmDrugs(everyone), (std::vector<std::vector<std::string>>{{"cyclophosphamide", "methotrexate", "cytarabine"}}));
}

std::map<std::string, std::set<std::string>> ArmsByLabel(const Extraction& x) {
  std::map<std::string, std::set<std::string>> arms;
  if (x.trials.size() != 1u) return arms;
  for (const Arm& arm : x.trials[0].arms) arms[arm.label] = {arm.regimen.drugs.begin(), arm.regimen.drugs.end()};
  return arms;
}

using Drugs = std::set<std::string>;

// "tacrolimus and methotrexate as in arm I" gives those two drugs on arm I's
// schedule; "induction therapy as in Arm I" gives arm I's drugs.
TEST(ExtractArms, ReferenceAfterNamedDrugsCopiesOnlyTheSchedule) {
  Extraction x = ExtractText(kTitle, {"OUTLINE: Patients are randomized to 1 of 2 treatment arms.",
                                      "ARM I: Patients receive tacrolimus IV daily and oral sirolimus daily.",
                                      "ARM II: Patients receive tacrolimus as in arm I.",
                                      "ARM III: Patients receive therapy as in arm I plus dasatinib orally."});
  auto arms = ArmsByLabel(x);
  EXPECT_EQ(arms["Arm I"], (Drugs{"tacrolimus", "sirolimus"}));
  EXPECT_EQ(arms["Arm II"], (Drugs{"tacrolimus"}));
  EXPECT_EQ(arms["Arm III"], (Drugs{"tacrolimus", "sirolimus", "dasatinib"}));
}

// "sargramostim SC daily as in arm I", "oral placebo as in arm I": a clause
// that names what it gives takes only the schedule of the arm it refers to.
TEST(ExtractArms, ReferenceAfterAGivenDrugOrPlaceboCopiesOnlyTheSchedule) {
  Extraction x = ExtractText(kTitle, {"OUTLINE: Patients are randomized to 1 of 3 treatment arms.",
                                      "- Arm I: Patients receive oral silymarin and filgrastim (G-CSF) subcutaneously (SC) daily.",
                                      "- Arm II: Patients receive sargramostim (GM-CSF) SC daily as in arm I.",
                                      "- Arm III: Patients receive oral placebo as in arm I."});
  auto arms = ArmsByLabel(x);
  EXPECT_EQ(arms["Arm I"], (Drugs{"silymarin", "filgrastim"}));
  EXPECT_EQ(arms["Arm II"], (Drugs{"sargramostim"}));
  EXPECT_EQ(arms["Arm III"], Drugs{});
}

// NCI outlines in capitals: "GROUP 0 (INDUCTION THERAPY): All patients ...",
// then "GROUP I ARM II COMBINATION CHEMOTHERAPY (CONSOLIDATION): ..." headings
// that name the arm before their colon.
TEST(ExtractArms, CapitalHeadingsUnderAGroupLabelNameTheArm) {
  Extraction x = ExtractText(
      "Combination Chemotherapy in Treating Young Patients With T-Cell Acute Lymphoblastic Leukemia",
      {"OUTLINE: This is a randomized, controlled, multicenter study.",
       "GROUP 0 (INDUCTION THERAPY): All patients receive vincristine IV on days 1, 8, 15, and 22.",
       "GROUP I ARM I COMBINATION CHEMOTHERAPY (CONSOLIDATION CHEMOTHERAPY): Patients receive cyclophosphamide IV on days 1 and 29.",
       "GROUP I ARM II COMBINATION CHEMOTHERAPY (CONSOLIDATION CHEMOTHERAPY): Patients receive nelarabine IV on days 1-5 and "
       "cyclophosphamide IV on days 8 and 50."});
  auto arms = ArmsByLabel(x);
  EXPECT_EQ(arms["Arm I"], (Drugs{"vincristine", "cyclophosphamide"}));
  EXPECT_EQ(arms["Arm II"], (Drugs{"vincristine", "cyclophosphamide", "nelarabine"}));
  EXPECT_EQ(arms.size(), 2u);
}

// "X combined with methotrexate is the standard prophylaxis": what is standard
// elsewhere is background, not this trial's treatment.
TEST(ExtractArms, StandardOfCareStatementIsBackground) {
  Extraction x = ExtractText("Graft-versus-host disease prophylaxis with everolimus and tacrolimus: results of a phase 2 trial",
                             {"A calcineurin inhibitor combined with methotrexate is the standard prophylaxis for graft-versus-host disease.",
                              "We report on a combination of everolimus and tacrolimus in 24 patients."});
  EXPECT_EQ(OnlyArmDrugs(x), (std::vector<std::string>{"everolimus", "tacrolimus"}));
}

// A sentence copied from another protocol, about a sibling of the title's
// disease ("... aclarubicin (C-CAG) in patients with acute myeloid leukemia"
// in an ALL trial), gives no drugs; a title naming both diseases keeps it.
TEST(ExtractArms, SentenceAboutASiblingOfTheTitlesDiseaseGivesNoDrugs) {
  const std::vector<std::string> body = {
      "This phase 2 trial will evaluate cladribine in combination with cytarabine and aclarubicin in patients with "
      "relapsed acute myeloid leukemia.",
      "This phase 2 trial will evaluate cladribine in combination with cytarabine and pegaspargase in patients with "
      "relapsed acute lymphoblastic leukemia."};
  Extraction all = ExtractText("Cladribine in Patients With Relapsed Acute Lymphoblastic Leukemia", body);
  EXPECT_EQ(OnlyArmDrugs(all), (std::vector<std::string>{"cladribine", "cytarabine", "pegaspargase"}));
  Extraction both = ExtractText("Cladribine in Relapsed Acute Myeloid Leukemia or Acute Lymphoblastic Leukemia", body);
  EXPECT_EQ(OnlyArmDrugs(both), (std::vector<std::string>{"cladribine", "cytarabine", "aclarubicin", "pegaspargase"}));
}

// "followed on the observational arm": beside a single protocol's regimen, a
// group receiving no study treatment is an arm with no drugs.
TEST(ExtractArms, ObservationalArmBesideTheProtocol) {
  Extraction x = ExtractText("Non-TBI conditioning before transplant in acute lymphoblastic leukemia",
                             {"MRD-negative patients may be eligible for the treatment arm, which is conditioning with busulfan "
                              "and fludarabine in this study.",
                              "MRD-positive patients will be followed on the observational arm for outcome."});
  EXPECT_EQ(ArmDrugs(x), (std::vector<std::vector<std::string>>{{"fludarabine", "busulfan"}, {}}));
}

// A drug for patients allergic to one the arm gives replaces it for them and
// is no drug of the arm; a trial for the allergic patients gives it.
TEST(ExtractArms, SubstituteForAllergicPatientsIsNoArmDrugBesideTheReplacedOne) {
  Extraction backbone = ExtractText(kTitle, {"Patients receive vincristine IV and pegaspargase IM on day 4 in this study.",
                                             "Note: Patients with an allergy to pegaspargase receive Erwinia asparaginase on days 2, 4 and 6."});
  EXPECT_EQ(OnlyArmDrugs(backbone), (std::vector<std::string>{"dasatinib", "vincristine", "pegaspargase"}));
  Extraction allergic = ExtractText("Erwinia asparaginase in acute lymphoblastic leukemia",
                                    {"Patients with an allergy to pegaspargase receive Erwinia asparaginase in this study."});
  EXPECT_EQ(OnlyArmDrugs(allergic), std::vector<std::string>{"crisantaspase"});
}

// "augmented Berlin-Frankfurt-Munster (BFM)": the bracket abbreviates the
// augmented regimen, and adds no second, plain BFM regimen.
TEST(ExtractArms, BracketAbbreviatingTheEndOfARegimensNameRepeatsIt) {
  Extraction x = ExtractText("Nelarabine in T-cell acute lymphoblastic leukemia",
                             {"This study will determine the efficacy of the addition of nelarabine to augmented "
                              "Berlin-Frankfurt-Munster (BFM) therapy in children."});
  EXPECT_EQ(OnlyArmDrugs(x), (std::vector<std::string>{"nelarabine", "vincristine", "prednisone", "daunorubicin", "pegaspargase"}));
}

// "INDUCTION THERAPY 1 (WEEKS 1-5): Regimen A: ...": arms labelled as
// regimens after a phase heading, "as in Regimen A" copies; "In both arms,
// ..." closes the arm being described and gives its drugs to both.
TEST(ExtractArms, RegimenLabelsAfterAPhaseHeading) {
  Extraction x = ExtractText("Vincristine dose in relapsed acute lymphoblastic leukemia",
                             {"OUTLINE: This is a multicenter, randomized study.",
                              "Patients are randomized to 1 of 2 treatment regimens.",
                              "INDUCTION THERAPY 1 (WEEKS 1-5): Regimen A: Patients receive low-dose vincristine IV and "
                              "prednisone PO on days 1-28.",
                              "Regimen B: Patients receive high-dose vincristine IV and prednisone as in Regimen A on days 1-28.",
                              "In both arms, CNS-positive patients receive intrathecal cytarabine on days 1, 8, and 15.",
                              "REINDUCTION THERAPY (WEEKS 28-32 or 29-33): Regimen A: Patients receive dexamethasone PO.",
                              "Regimen B: Patients receive dexamethasone and etoposide IV."});
  auto arms = ArmsByLabel(x);
  EXPECT_EQ(arms["Arm A"], (Drugs{"vincristine", "prednisone", "cytarabine", "dexamethasone"}));
  EXPECT_EQ(arms["Arm B"], (Drugs{"vincristine", "prednisone", "cytarabine", "dexamethasone", "etoposide"}));
  EXPECT_EQ(arms.size(), 2u);
}

// "Method I: ...", "Acute lymphoblastic leukemia: ...": headings without a
// bullet under an arm divide that arm; "Course I also includes X" lists what
// it gives; "All patients on both arms" gives to every arm.
TEST(ExtractArms, SubheadingsDivideTheArmBeingDescribed) {
  Extraction x = ExtractText("Bone marrow transplantation in treating patients with leukemia",
                             {"OUTLINE: This is a randomized, multicenter study.",
                              "Arm I: Patients receive cyclophosphamide on days -6 and -5.",
                              "Patients receive cyclosporine beginning on day -1 and methotrexate IV on days 1, 3, 6, and 11.",
                              "Arm II: T cell depletion is conducted by 2 different methods.",
                              "Method I: Depending on the institution, some patients receive TBI on days -9 to -7.",
                              "Course I also includes cytarabine IV on days -5 to -3 and methylprednisolone IV on days -2 to 0.",
                              "Acute lymphoblastic leukemia: Patients receive cyclophosphamide IV on days -3 and -2.",
                              "All patients on both arms receive filgrastim beginning on day 7 post-transplant."});
  auto arms = ArmsByLabel(x);
  EXPECT_EQ(arms["Arm I"], (Drugs{"cyclophosphamide", "cyclosporine", "methotrexate", "filgrastim"}));
  EXPECT_EQ(arms["Arm II"], (Drugs{"cytarabine", "methylprednisolone", "cyclophosphamide", "filgrastim"}));
  EXPECT_EQ(arms.size(), 2u);
}

// "as in Arms I, II, and III" copies all three arms.
TEST(ExtractArms, ReferenceListWithSerialComma) {
  Extraction x = ExtractText(kTitle, {"OUTLINE: This is a randomized study.", "Arm I: Patients receive vincristine IV.", "Arm II: Patients receive dexrazoxane IV.",
                                      "Arm III: Patients receive leucovorin IV.",
                                      "Arm IV: Patients receive induction therapy as in Arms I, II, and III."});
  EXPECT_EQ(ArmsByLabel(x)["Arm IV"], (Drugs{"vincristine", "dexrazoxane", "leucovorin"}));
}

// A summary naming the arms' drugs together ("with or without sirolimus")
// gives nobody a drug that only one arm's label names; "All patients
// receive" gives every arm its drugs.
TEST(ExtractArms, ArmSpecificDrugsStayWithTheirArm) {
  Extraction x = ExtractText(kTitle, {"OUTLINE: This is a randomized study.",
                                      "ARM I: Patients receive tacrolimus IV and oral sirolimus.",
                                      "ARM II: Patients receive tacrolimus IV.",
                                      "Patients are followed periodically for 5 years.",
                                      "Giving tacrolimus and sirolimus after the transplant may prevent graft-versus-host disease.",
                                      "All patients receive sirolimus mouthwash and methotrexate IV on day 1."});
  auto arms = ArmsByLabel(x);
  EXPECT_EQ(arms["Arm I"], (Drugs{"tacrolimus", "sirolimus", "methotrexate"}));
  EXPECT_EQ(arms["Arm II"], (Drugs{"tacrolimus", "sirolimus", "methotrexate"}));
  Extraction leukemia = ExtractText(kTitle, {"OUTLINE: This is a randomized study.",
                                             "ARM I: Patients receive tacrolimus IV and oral sirolimus.",
                                             "ARM II: Patients receive tacrolimus IV.",
                                             "Patients are followed for 5 years.",
                                             "Sirolimus is given to ALL patients with high-risk disease."});
  EXPECT_EQ(ArmsByLabel(leukemia)["Arm II"], (Drugs{"tacrolimus"}));  // "ALL patients" is no "all patients"
  Extraction summary = ExtractText(kTitle, {"OUTLINE: This is a randomized study.",
                                            "ARM I: Patients receive tacrolimus IV and oral sirolimus.",
                                            "ARM II: Patients receive tacrolimus IV.",
                                            "It is not yet known whether tacrolimus is more effective with or without sirolimus."});
  EXPECT_EQ(ArmsByLabel(summary)["Arm II"], (Drugs{"tacrolimus"}));
}

// A sentence about the trial as a whole after the last arm does not belong to that arm.
TEST(ExtractArms, TrialSentenceClosesTheArm) {
  Extraction x = ExtractText(kTitle, {"OUTLINE: This is a randomized study.",
                                      "ARM I: Patients undergo filgrastim-stimulated marrow transplantation on day 0.",
                                      "ARM II: Patients undergo conventional marrow transplantation on day 0.",
                                      "Marrow transplant with or without filgrastim in treating young patients."});
  auto arms = ArmsByLabel(x);
  EXPECT_EQ(arms["Arm I"], (Drugs{"filgrastim"}));
  EXPECT_EQ(arms["Arm II"], (Drugs{}));
}

// "tyrosine kinase inhibitor" names a target, not tyrosine; "Children's
// Hospital of Philadelphia (CHOP)" defines CHOP as no regimen; a drug named
// for contrast ("unlike cyclosporine") is not given.
TEST(ExtractArms, NamesThatAreNotTreatments) {
  Extraction x = ExtractText(kTitle, {"The purpose of this study is to test dasatinib.",
                                      "Patients at the Children's Hospital of Philadelphia (CHOP) receive dasatinib, a tyrosine kinase "
                                      "inhibitor, by mouth.",
                                      "At CHOP, unlike cyclosporine, dasatinib is given daily."});
  EXPECT_EQ(OnlyArmDrugs(x), (std::vector<std::string>{"dasatinib"}));
}

// Arms named inside prose: "Arm A received ...; arm B received ...", "In the
// experimental arm, ...": each arm gets only the drugs written for it.
TEST(ExtractArms, ArmsNamedInProseClauses) {
  Extraction clauses = ExtractText(kTitle, {"OUTLINE: This is a randomized study.",
                                            "Arm A received cytarabine and daunorubicin; arm B received cytarabine, daunorubicin and "
                                            "gemtuzumab ozogamicin."});
  auto arms = ArmsByLabel(clauses);
  EXPECT_EQ(arms["Arm A"], (Drugs{"cytarabine", "daunorubicin"}));
  EXPECT_EQ(arms["Arm B"], (Drugs{"cytarabine", "daunorubicin", "gemtuzumab ozogamicin"}));
  Extraction groups = ExtractText(kTitle, {"OUTLINE: This is a randomized study.",
                                           "In the experimental arm, patients received cytarabine and gemtuzumab ozogamicin.",
                                           "In the control arm, patients received cytarabine."});
  arms = ArmsByLabel(groups);
  EXPECT_EQ(arms["experimental arm"], (Drugs{"cytarabine", "gemtuzumab ozogamicin"}));
  EXPECT_EQ(arms["control arm"], (Drugs{"cytarabine"}));
  Extraction survey = ExtractText("Smoking and congenital heart disease",
                                  {"In the HLHS group, the mothers smoked in 32% of cases; in the control group, 23% smoked."});
  EXPECT_TRUE(survey.trials.empty());  // groups that receive nothing are no arms
}

// "HSCT versus chemotherapy": sides naming a treatment but no drug are arms with unspecified drugs.
TEST(ExtractArms, ComparedProceduresAreArmsWithoutDrugs) {
  Extraction x = ExtractText("Haplo-identical HSCT Versus Chemotherapy for Adult Acute Lymphoblastic Leukemia Patients",
                             {"This is a randomized trial in adults aged 18-39 years in first remission."});
  EXPECT_EQ(ArmDrugs(x), (std::vector<std::vector<std::string>>{{}, {}}));
}

// "high-dose methotrexate (HDM)" makes HDM methotrexate in this document, not
// the catalogue's high-dose melphalan.
TEST(ExtractArms, ShortFormRedefinedAsOneDrug) {
  Extraction x = ExtractText("Toxicity in childhood acute lymphoblastic leukemia",
                             {"The purpose of this study is to test toxicity in children.",
                              "High-dose methotrexate (HDM) is given with oral 6-mercaptopurine.",
                              "HDM is given every two weeks."});
  EXPECT_EQ(OnlyArmDrugs(x), (std::vector<std::string>{"methotrexate", "mercaptopurine"}));
}

// "Induction therapy included A, B and C", "The 7 anti-cancer medicines are
// ...": a treatment phase or the study's medicines listed without a dose or
// treatment verb are still what patients receive; "Prior therapy included"
// names earlier treatment and adds nothing.
TEST(ExtractArms, PhaseOrMedicineListNamesTheRegimen) {
  Extraction phase = ExtractText("Treatment of high risk adult acute lymphoblastic leukemia",
                                 {"The aim of this prospective study was to evaluate a risk-adapted therapy in adults.",
                                  "Induction therapy included vincristine, prednisone and daunorubicin for 4 weeks."});
  EXPECT_EQ(OnlyArmDrugs(phase), (std::vector<std::string>{"vincristine", "prednisone", "daunorubicin"}));
  Extraction medicines = ExtractText("Bortezomib with chemotherapy for relapsed pediatric ALL",
                                     {"This is a phase 2 study.",
                                      "The 3 anti-cancer medicines are bortezomib, vincristine and dexamethasone."});
  EXPECT_EQ(OnlyArmDrugs(medicines), (std::vector<std::string>{"bortezomib", "vincristine", "dexamethasone"}));
  Extraction prior = ExtractText("Dasatinib for relapsed acute lymphoblastic leukemia",
                                 {"This phase 2 study enrolled 30 patients.", "Prior therapy included imatinib and vincristine.",
                                  "Patients received dasatinib 140 mg daily."});
  EXPECT_EQ(OnlyArmDrugs(prior), std::vector<std::string>{"dasatinib"});
}

// "PEG-asparaginase, doxorubicin, cytarabine (Ara-C)": the initials of Ara-C
// reach back over the list, but Ara-C abbreviates the cytarabine right before
// its bracket, so the list is no regimen and asparaginase is not added.
TEST(ExtractArms, ShortFormOfTheDrugBeforeItsBracketIsNoRegimen) {
  Extraction x = ExtractText("Bortezomib with chemotherapy for relapsed pediatric ALL",
                             {"This is a phase 2 study.",
                              "Patients receive bortezomib, PEG-asparaginase, doxorubicin, cytarabine (Ara-C), and methotrexate."});
  EXPECT_EQ(OnlyArmDrugs(x),
            (std::vector<std::string>{"bortezomib", "pegaspargase", "doxorubicin", "cytarabine", "methotrexate"}));
}

// Patients randomised to one drug in two forms ("Myocet or conventional
// doxorubicin", "lozenge or gum") are in two arms, each named by its words;
// a randomised "study design" sends no one anywhere, and a side ends with its
// clause.
TEST(ExtractArms, FormsOfOneDrugRandomisedToAreTwoArms) {
  Extraction forms = ExtractText("Nicotine lozenge and gum in smokers",
                                 {"Patients were randomized in a 1:1 ratio to receive the 4-mg nicotine lozenge or 4-mg nicotine gum."});
  ASSERT_EQ(forms.trials.size(), 1u);
  ASSERT_EQ(forms.trials[0].arms.size(), 2u);
  EXPECT_EQ(forms.trials[0].arms[0].regimen.drugs, std::vector<std::string>{"nicotine"});
  EXPECT_EQ(forms.trials[0].arms[1].regimen.drugs, std::vector<std::string>{"nicotine"});
  EXPECT_EQ(forms.trials[0].arms[0].label, "nicotine lozenge");
  EXPECT_EQ(forms.trials[0].arms[1].label, "4-mg nicotine gum");
  Extraction design = ExtractText("Vincristine dosing in acute lymphoblastic leukemia", {"To determine in a randomized study design whether neuropathy is reduced by "
                                           "decreasing the dosage of vincristine in patients with one genotype or by "
                                           "shortening the duration of vincristine therapy in the others."});
  EXPECT_EQ(OnlyArmDrugs(design), std::vector<std::string>{"vincristine"});
  Extraction clause = ExtractText(kTitle, {"Subjects were randomly assigned to either dasatinib (12 subjects) or placebo "
                                           "(12 subjects); the dasatinib dose was titrated from 50 to 200 mg/day."});
  EXPECT_EQ(ArmDrugs(clause), (std::vector<std::vector<std::string>>{{"dasatinib"}, {}}));
}

// "placebo (n=100), 1 mg/h nimodipine (n=101), or 2 mg/h nimodipine (n=94)":
// a placebo named before the first drug is an arm, and each side's bracket
// sizes its own arm, also after the arm's name ("ketoprofen group, n = 9").
TEST(ExtractArms, SidesBeginningWithPlaceboAndTheirOwnSizes) {
  Extraction x = ExtractText("A randomized trial of nimodipine in acute stroke",
                             {"Patients were allocated to receive placebo (n=100), 1 mg/h (low-dose) nimodipine (n=101), or "
                              "2 mg/h (high-dose) nimodipine (n=94)."});
  ASSERT_EQ(x.trials.size(), 1u);
  const std::vector<Arm>& arms = x.trials[0].arms;
  ASSERT_EQ(arms.size(), 3u);
  EXPECT_TRUE(arms[0].regimen.drugs.empty());
  EXPECT_EQ(arms[1].regimen.drugs, std::vector<std::string>{"nimodipine"});
  EXPECT_EQ(arms[2].label, "2 mg/h (high-dose) nimodipine");
  std::vector<std::optional<int>> sizes;
  for (const Arm& arm : arms) sizes.push_back(arm.n);
  EXPECT_EQ(sizes, (std::vector<std::optional<int>>{100, 101, 94}));
  Extraction named = ExtractText("A randomized trial of NSAIDs in subarachnoid hemorrhage",
                                 {"Patients were randomized to receive either ketoprofen, 100 mg, three times a day (ketoprofen "
                                  "group, n = 9) or acetaminophen, 1 g, three times a day (acetaminophen group, n = 8)."});
  ASSERT_EQ(named.trials.size(), 1u);
  ASSERT_EQ(named.trials[0].arms.size(), 2u);
  EXPECT_EQ(named.trials[0].arms[0].label, "ketoprofen group");
  EXPECT_EQ(named.trials[0].arms[0].n, 9);
  EXPECT_EQ(named.trials[0].arms[1].n, 8);
}

// "a comparison of A and B in patients who underwent X or Y": the "and"
// after the compares cue separates the arms before a later "or" does; an "or"
// inside a bracket ("a mood stabilizer (lithium or valproate)") separates none.
TEST(ExtractArms, ComparisonOfAAndBAndBracketedAlternatives) {
  Extraction x = ExtractText("Contrast media in chronic kidney disease",
                             {"The study is a multicenter, randomized, double-blind comparison of iopamidol and iodixanol in "
                              "patients who underwent cardiac angiography or percutaneous coronary interventions."});
  EXPECT_EQ(ArmDrugs(x), (std::vector<std::vector<std::string>>{{"iopamidol"}, {"iodixanol"}}));
  Extraction bracket = ExtractText("Quetiapine in bipolar mania",
                                   {"Patients were randomized to quetiapine in combination with a mood stabilizer (lithium "
                                    "carbonate or valproic acid) (n = 196) compared to placebo (n = 203)."});
  ASSERT_EQ(bracket.trials.size(), 1u);
  ASSERT_EQ(bracket.trials[0].arms.size(), 2u);
  EXPECT_EQ(bracket.trials[0].arms[0].n, 196);
  EXPECT_TRUE(bracket.trials[0].arms[1].regimen.drugs.empty());
}

// "erlotinib with and without entinostat" offers the add-on as an option.
TEST(ExtractArms, WithAndWithoutIsAnOptionalPart) {
  Extraction x = ExtractText("Randomized phase II trial of erlotinib with and without entinostat in non-small-cell lung cancer",
                             {"Patients received erlotinib 150 mg daily plus entinostat 10 mg on days 1 and 15."});
  EXPECT_EQ(ArmDrugs(x), (std::vector<std::vector<std::string>>{{"erlotinib"}, {"erlotinib", "entinostat"}}));
}

// "the amsacrine analogue CI-921", "angiotensin-converting enzyme
// inhibitor": a drug's name before a relative or a target names no drug given;
// a fixed-dose brand gives each of its drugs.
TEST(ExtractArms, RelativesAndTargetsAreNoDrugsAndBrandsExpand) {
  Extraction analogue = ExtractText("Phase II study of the amsacrine analogue CI-921 in non-small cell lung cancer",
                                    {"CI-921 was administered by 15 min infusion to 16 patients."});
  EXPECT_EQ(OnlyArmDrugs(analogue), std::vector<std::string>{"asulacrine"});
  Extraction target = ExtractText("Enalapril in heart failure",
                                  {"This is a phase 2 trial.", "Patients received enalapril, an angiotensin-converting enzyme inhibitor, twice daily."});
  EXPECT_EQ(OnlyArmDrugs(target), std::vector<std::string>{"enalapril"});
  Extraction brand = ExtractText("Antiretroviral therapy in HIV infection", {"This is a phase 2 trial.", "Patients receive Atripla once daily by mouth."});
  EXPECT_EQ(OnlyArmDrugs(brand), (std::vector<std::string>{"efavirenz", "emtricitabine", "tenofovir disoproxil"}));
}

// "447 who received the lozenge": a count of the patients a treatment verb
// gives an arm is its size, the arm found by its drugs or by a word of its
// label; an arm noun alone ("4 in Group B") names no arm.
TEST(ExtractArms, CountsOfRecipientsSizeTheirArms) {
  Extraction forms = ExtractText("Nicotine lozenge and gum in smokers",
                                 {"Patients were randomized to receive the 4-mg nicotine lozenge or 4-mg nicotine gum.",
                                  "Nine hundred one patients were randomized, 447 who received the lozenge and 454 who received the gum."});
  ASSERT_EQ(forms.trials.size(), 1u);
  ASSERT_EQ(forms.trials[0].arms.size(), 2u);
  EXPECT_EQ(forms.trials[0].arms[0].n, 447);
  EXPECT_EQ(forms.trials[0].arms[1].n, 454);
  Extraction noun = ExtractText("Levobupivacaine concentrations for spinal analgesia",
                                {"Patients were randomized to receive levobupivacaine 0.125% at 1 ml/h (Group A) or 0.0625% at "
                                 "2 ml/h (Group B).",
                                 "Three patients in Group A and 4 in Group B received a rescue dose."});
  ASSERT_EQ(noun.trials.size(), 1u);
  for (const Arm& arm : noun.trials[0].arms) EXPECT_FALSE(arm.n.has_value()) << arm.label;
}

// "treated with docetaxel alone or in combination with thalidomide" names two
// arms though no one is said to be randomised; "None of 23 patients who
// received docetaxel alone" and "9 of 47 patients (19%) who received docetaxel
// plus thalidomide" size them.
TEST(ExtractArms, TreatmentAloneOrWithMoreIsTwoArms) {
  Extraction x = ExtractText("Docetaxel and thalidomide in prostate cancer",
                             {"We studied patients who were treated with docetaxel alone or in combination with thalidomide.",
                              "None of 23 patients who received docetaxel alone developed VTE, whereas 9 of 47 patients (19%) "
                              "who received docetaxel plus thalidomide developed VTE."});
  ASSERT_EQ(x.trials.size(), 1u);
  const std::vector<Arm>& arms = x.trials[0].arms;
  ASSERT_EQ(arms.size(), 2u);
  EXPECT_EQ(arms[0].regimen.drugs, std::vector<std::string>{"docetaxel"});
  EXPECT_EQ(arms[1].regimen.drugs, (std::vector<std::string>{"docetaxel", "thalidomide"}));
  EXPECT_EQ(arms[0].n, 23);
  EXPECT_EQ(arms[1].n, 47);
}

// "3379 patients randomly assigned to enalapril ... and 3379 patients randomly
// assigned to placebo": counts sent each to another treatment are the arms.
TEST(ExtractArms, CountsSentToEachTreatmentAreTheArms) {
  Extraction x = ExtractText("Enalapril in left ventricular dysfunction",
                             {"We analyzed data from a randomized, double-blind, placebo-controlled trial of enalapril.",
                              "There were 3379 patients randomly assigned to enalapril with a median follow-up of 974 days and "
                              "3379 patients randomly assigned to placebo with a mean follow-up of 967 days."});
  ASSERT_EQ(x.trials.size(), 1u);
  const std::vector<Arm>& arms = x.trials[0].arms;
  ASSERT_EQ(arms.size(), 2u);
  EXPECT_EQ(arms[0].regimen.drugs, std::vector<std::string>{"enalapril"});
  EXPECT_EQ(arms[0].n, 3379);
  EXPECT_EQ(arms[1].label, "placebo");
  EXPECT_TRUE(arms[1].regimen.drugs.empty());
  EXPECT_EQ(arms[1].n, 3379);
}

// "A and B were compared in a placebo-controlled crossover study": the
// treatments before the compared-after cue are arms, and the placebo after
// it one more; "were compared with a control group" still compares.
TEST(ExtractArms, TreatmentsComparedAfterwardAreArms) {
  Extraction x = ExtractText("Bronchodilating effects of ipratropium and theophylline",
                             {"The effects of ipratropium bromide aerosol (36 micrograms) and theophylline tablets were "
                              "compared in a double-blind, placebo-controlled crossover study in 21 patients."});
  EXPECT_EQ(ArmDrugs(x), (std::vector<std::vector<std::string>>{{"ipratropium"}, {"theophylline"}, {}}));
  Extraction control = ExtractText("Lamivudine prophylaxis during chemotherapy",
                                   {"This is a phase 2 trial.", "Patients who received lamivudine during chemotherapy were compared with a historical control "
                                    "group who did not receive lamivudine."});
  EXPECT_EQ(ArmDrugs(control), (std::vector<std::vector<std::string>>{{"lamivudine"}, {}}));
}

// "between the mexiletine and placebo groups": two names joined before a
// plural arm noun are two arms; before a singular one they are one arm's.
TEST(ExtractArms, TwoNamesBeforeGroupsAreTwoArms) {
  Extraction x = ExtractText("Mexiletine after myocardial infarction",
                             {"The antiarrhythmic effects of mexiletine were evaluated in a double-blind trial in 630 patients.",
                              "Large differences between the mexiletine and placebo groups were noted."});
  EXPECT_EQ(ArmDrugs(x), (std::vector<std::vector<std::string>>{{"mexiletine"}, {}}));
  Extraction one = ExtractText("Docetaxel and thalidomide in prostate cancer",
                               {"This is a phase 2 trial.", "Patients received docetaxel and thalidomide weekly.",
                                "Five patients in the docetaxel and thalidomide group developed VTE."});
  EXPECT_EQ(OnlyArmDrugs(one), (std::vector<std::string>{"docetaxel", "thalidomide"}));
}

// "plasma aldosterone", "serum interleukin-6 levels": a substance measured
// in a specimen is no drug given, though the sentence gives another.
TEST(ExtractArms, MeasuredSubstancesAreNoArmDrugs) {
  Extraction x = ExtractText("Ketoconazole in Cushing syndrome",
                             {"This is a phase 2 trial.",
                              "Patients received ketoconazole 400 mg daily, and plasma aldosterone and cortisol levels were "
                              "measured.",
                              "Patients will receive interleukin-2 after their serum interleukin-6 levels return to normal."});
  EXPECT_EQ(OnlyArmDrugs(x), (std::vector<std::string>{"ketoconazole", "human interleukin-2"}));
}

// "(9 of 204 patients) after iopamidol": the patients a drug was given to,
// named after the patients noun by "after", are its arm; "patients with
// imatinib-resistant disease" name no arm.
TEST(ExtractArms, PatientsAfterADrugSizeItsArm) {
  Extraction x = ExtractText("Contrast media in chronic kidney disease",
                             {"The study is a randomized comparison of iopamidol and iodixanol in 414 patients.",
                              "Increases occurred in 4.4% (9 of 204 patients) after iopamidol and 6.7% (14 of 210 patients) "
                              "after iodixanol, and in 3 of 20 patients with imatinib-resistant disease."});
  ASSERT_EQ(x.trials.size(), 1u);
  const std::vector<Arm>& arms = x.trials[0].arms;
  ASSERT_EQ(arms.size(), 2u);
  EXPECT_EQ(arms[0].n, 204);
  EXPECT_EQ(arms[1].n, 210);
}

// Guards that the words sending a count of patients to an arm ("3379 patients randomly assigned to enalapril"), the
// pronoun opening what a count received ("447 who received the lozenge") and the preposition before a drug given
// ("9 of 204 patients) after iopamidol") are rule_words.tsv sent_to, recipient_pronoun and recipient_preposition,
// not words of the code.
TEST(ExtractArms, ArmSizeWordsComeFromTheOntology) {
  auto sizes = [](const Extraction& x) {
    std::vector<std::optional<int>> n;
    for (const Trial& t : x.trials)
      for (const Arm& arm : t.arms) n.push_back(arm.n);
    return n;
  };
  const std::string enalapril_title = "Enalapril in left ventricular dysfunction";
  const std::vector<std::string> sent = {
      "We analyzed data from a randomized, double-blind, placebo-controlled trial of enalapril.",
      "There were 3379 patients randomly assigned to enalapril with a median follow-up of 974 days and 3379 patients "
      "randomly assigned to placebo with a mean follow-up of 967 days."};
  EXPECT_EQ(sizes(ExtractText(enalapril_title, sent)), (std::vector<std::optional<int>>{3379, 3379}));
  for (const std::optional<int>& n : sizes(ExtractText(WithRuleWords("sent_to", "in"), enalapril_title, sent)))
    EXPECT_FALSE(n.has_value());
  const std::string lozenge_title = "Nicotine lozenge and gum in smokers";
  const std::vector<std::string> who = {
      "Patients were randomized to receive the 4-mg nicotine lozenge or 4-mg nicotine gum.",
      "Nine hundred one patients were randomized, 447 who received the lozenge and 454 who received the gum."};
  EXPECT_EQ(sizes(ExtractText(lozenge_title, who)), (std::vector<std::optional<int>>{447, 454}));
  EXPECT_EQ(sizes(ExtractText(WithRuleWords("recipient_pronoun", "that"), lozenge_title, who)),
            (std::vector<std::optional<int>>{std::nullopt, std::nullopt}));
  const std::string contrast_title = "Contrast media in chronic kidney disease";
  const std::vector<std::string> after = {
      "The study is a randomized comparison of iopamidol and iodixanol in 414 patients.",
      "Increases occurred in 4.4% (9 of 204 patients) after iopamidol and 6.7% (14 of 210 patients) after iodixanol."};
  EXPECT_EQ(sizes(ExtractText(contrast_title, after)), (std::vector<std::optional<int>>{204, 210}));
  EXPECT_EQ(sizes(ExtractText(WithRuleWords("recipient_preposition", "on"), contrast_title, after)),
            (std::vector<std::optional<int>>{std::nullopt, std::nullopt}));
}

// "more potent than that of bortezomib": a drug the protocol is measured
// against is named for contrast, not given.
TEST(ExtractArms, DrugComparedAgainstIsNotGiven) {
  Extraction x = ExtractText("Carfilzomib in relapsed acute leukemia",
                             {"This is a phase 1 study.",
                              "The activity of carfilzomib was more potent than that of bortezomib at doses of 27mg/m2."});
  EXPECT_EQ(OnlyArmDrugs(x), std::vector<std::string>{"carfilzomib"});
}

// "randomized to either conventional or extended-interval amikacin": a few
// words on each side of "or" before one drug are two forms of it.
TEST(ExtractArms, FormsBeforeOneDrugAreTwoArms) {
  Extraction x = ExtractText("Amikacin dosing in children with cancer",
                             {"Forty patients were randomized to either conventional or extended-interval amikacin."});
  ASSERT_EQ(x.trials.size(), 1u);
  const std::vector<Arm>& arms = x.trials[0].arms;
  ASSERT_EQ(arms.size(), 2u);
  EXPECT_EQ(arms[0].label, "conventional amikacin");
  EXPECT_EQ(arms[1].label, "extended-interval amikacin");
  for (const Arm& arm : arms) EXPECT_EQ(arm.regimen.drugs, std::vector<std::string>{"amikacin"});
  Extraction doses = ExtractText("Haloperidol in Alzheimer disease",
                                 {"Patients were randomly assigned to standard- or low-dose haloperidol."});
  ASSERT_EQ(doses.trials.size(), 1u);
  ASSERT_EQ(doses.trials[0].arms.size(), 2u);
  EXPECT_EQ(doses.trials[0].arms[0].label, "standard haloperidol");
}

// "14 of 151 (9.3%) in the DFMO plus sulindac group and 4 of 139 (2.9%) in the
// placebo group": a result's denominator given for an arm sizes it where no
// size was stated.
TEST(ExtractArms, ResultDenominatorsSizeTheirArms) {
  Extraction x = ExtractText("Eflornithine and sulindac for colorectal adenomas",
                             {"Patients were randomized to DFMO plus sulindac or placebo.",
                              "There were 14 of 151 (9.3%) in the DFMO plus sulindac group and 4 of 139 (2.9%) in the placebo "
                              "group who experienced hearing reduction; 32.7% (16/49) in the placebo group had tinnitus."});
  ASSERT_EQ(x.trials.size(), 1u);
  const std::vector<Arm>& arms = x.trials[0].arms;
  ASSERT_EQ(arms.size(), 2u);
  EXPECT_EQ(arms[0].regimen.drugs, (std::vector<std::string>{"eflornithine", "sulindac"}));
  EXPECT_EQ(arms[0].n, 151);
  EXPECT_EQ(arms[1].n, 139);
  Extraction opening = ExtractText("Prochlorperazine by infusion or bolus",
                                   {"Participants were randomized to receive prochlorperazine by 2-minute push (bolus group) "
                                    "or by 15-minute infusion (infusion group).",
                                    "In the bolus group, 26.0% (13/50) had akathisia compared with 32.7% (16/49) in the "
                                    "infusion group."});
  ASSERT_EQ(opening.trials.size(), 1u);
  ASSERT_EQ(opening.trials[0].arms.size(), 2u);
  EXPECT_EQ(opening.trials[0].arms[0].n, 50);
  EXPECT_EQ(opening.trials[0].arms[1].n, 49);
}

// "MLN 9708" is ixazomib's code MLN9708 written with a space: the trial of it
// has its arm, and so is reported.
TEST(ExtractArms, SpacedCodeNameIsTheDrug) {
  Extraction x = ExtractText("Phase I study of MLN 9708 in addition to chemotherapy for acute lymphoblastic leukemia",
                             {"Up to 18 participants will be enrolled at different doses of MLN 9708."});
  EXPECT_EQ(OnlyArmDrugs(x), std::vector<std::string>{"ixazomib"});
}

}  // namespace
}  // namespace trialgraph::ingest
