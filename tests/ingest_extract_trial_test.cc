// Trial-level rules of ingest/extract_trial.cc and ingest/extractor.cc, on small documents.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/extract_support.h"

namespace trialgraph::ingest {
namespace {

using trialgraph::testing::ExtractText;
using trialgraph::testing::WithRuleWords;
using trialgraph::testing::RealOntology;
using trialgraph::testing::TextDocument;

const char kTitle[] = "Dasatinib for Philadelphia chromosome-positive acute lymphoblastic leukemia";

// The single trial of a document the test expects to report one.
Trial OnlyTrial(const Extraction& x) {
  EXPECT_EQ(x.trials.size(), 1u);
  return x.trials.empty() ? Trial{} : x.trials[0];
}

bool Has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

// A registry summary states no result yet; speaking of its own study and of
// what patients will receive makes it a trial.
TEST(ExtractTrial, ProtocolSummaryReportsItsTrial) {
  Extraction x = ExtractText(kTitle, {"The purpose of this study is to test dasatinib in adults with leukemia.",
                                      "Patients will receive dasatinib every day by mouth for twelve weeks."});
  EXPECT_EQ(OnlyTrial(x).arms.size(), 1u);
}

// A product without an INN gives no arm; a stated phase and design still make a trial.
TEST(ExtractTrial, PhaseAndDesignWithoutDrugsReportTrial) {
  Extraction x = ExtractText("A cell therapy for adults with B-cell acute lymphoblastic leukemia",
                             {"This is a single-arm, multicenter Phase 2 study of the cell product in adults."});
  EXPECT_EQ(OnlyTrial(x).phase, "2");
}

// A study of patients whose treatment has no drug in the vocabulary (a
// vaccine, a procedure, observation) is still a trial when the document
// speaks of its own study and states who it enrolls and how it is designed;
// without the design it is not.
TEST(ExtractTrial, OwnStudyWithPopulationAndDesignReportsTrial) {
  const std::vector<std::string> study = {
      "The purpose of this study is to measure antibody titers in children with acute lymphoblastic leukemia.",
      "This is a multicenter study."};
  Trial t = OnlyTrial(ExtractText("Vaccination in children with acute lymphoblastic leukemia", study));
  EXPECT_TRUE(t.arms.empty());
  ASSERT_EQ(t.populations.size(), 1u);
  EXPECT_EQ(t.populations[0].disease, "acute lymphoblastic leukemia");
  EXPECT_TRUE(ExtractText("Vaccination in children with acute lymphoblastic leukemia", {study[0]}).trials.empty());
}

// A plan-only summary's eligibility threshold ("5% or more blasts") is not an
// outcome frequency from earlier work: the sentence speaks of this study.
TEST(ExtractTrial, EligibilityPercentageInAPlanIsTheStudys) {
  Trial t = OnlyTrial(ExtractText(kTitle, {"This study will give dasatinib by mouth to adults with relapsed ALL who have "
                                           "5% or more blasts in the marrow.",
                                           "Patients will be followed for 2 years."}));
  ASSERT_EQ(t.arms.size(), 1u);
  ASSERT_EQ(t.populations.size(), 1u);
  EXPECT_TRUE(Has(t.populations[0].settings, "relapsed/refractory"));
}

// "This exploratory study", "This clinical trial": a study speaks of itself
// with a word between "this" and "study" too; a treatment it names then makes
// it a trial, as "this study" does.
TEST(ExtractTrial, QualifiedOwnStudyReportsItsTrial) {
  const std::string title = "Access to erythrocyte-encapsulated asparaginase in acute lymphoblastic leukemia";
  for (std::string own : {"This exploratory study", "This clinical trial"}) {
    Extraction x = ExtractText(title, {own + " should allow access for patients unable to receive other forms.",
                                       "Patients are treated with L-asparaginase encapsulated in erythrocytes."});
    EXPECT_EQ(OnlyTrial(x).arms.size(), 1u) << own;
  }
  EXPECT_TRUE(ExtractText(title, {"Access should be allowed for patients unable to receive other forms.",
                                  "Patients are treated with L-asparaginase encapsulated in erythrocytes."})
                  .trials.empty());
}

TEST(ExtractTrial, NoTrialWithoutTreatmentOrStudyFacts) {
  Extraction x = ExtractText("Telomere length and the risk of pancreatic cancer in a large cohort",
                             {"We measured telomere length in blood samples from many healthy donors."});
  EXPECT_TRUE(x.trials.empty());
}

TEST(ExtractTrial, PhaseSpellings) {
  for (const auto& [text, phase] : std::vector<std::pair<std::string, std::string>>{
           {"This is a phase-II study of dasatinib in patients with leukemia.", "2"},
           {"This is a Phase II/III study of dasatinib in patients with leukemia.", "2/3"},
           {"This is a phase 1b/2 study of dasatinib in patients with leukemia.", "1/2"},
           {"This is a Phase I/IIa study of dasatinib in patients with leukemia.", "1/2"},
           {"This is a Phase IIa/IIb study of dasatinib in patients with leukemia.", "2"},
           {"The study of dasatinib in leukemia has a Phase I or dose escalation phase and a Phase II or expansion phase.",
            "1/2"}})
    EXPECT_EQ(OnlyTrial(ExtractText(kTitle, {text})).phase, phase) << text;
}

// A phase before a plural study noun is of other studies, one before "dose" the dose of a later one; a later phase
// spanning the first one stated ("Phase I portion", then "Phase I/II study") is the study's, and so is one given to
// "this" study over one cited before it.
TEST(ExtractTrial, PhaseOfOtherStudiesAndOfAPart) {
  EXPECT_EQ(OnlyTrial(ExtractText(kTitle, {"This is a phase I trial of dasatinib in patients with leukemia.",
                                           "The aim is to recommend a starting dose of dasatinib for phase II studies."}))
                .phase,
            "1");
  EXPECT_EQ(OnlyTrial(ExtractText(kTitle, {"The aim is to recommend a starting dose of dasatinib for phase II studies.",
                                           "Patients with leukemia will receive dasatinib in this trial."}))
                .phase,
            std::nullopt);
  EXPECT_EQ(OnlyTrial(ExtractText(kTitle, {"A phase 1 trial of dasatinib performed at our centre was well tolerated.",
                                           "This is an open-label, multicenter phase 2 study of dasatinib in leukemia."}))
                .phase,
            "2");
  EXPECT_EQ(OnlyTrial(ExtractText(kTitle, {"Several kinase inhibitors are now in phase I-III clinical trials in adults.",
                                           "This is an open phase II trial of dasatinib in patients with leukemia."}))
                .phase,
            "2");
  EXPECT_EQ(OnlyTrial(ExtractText(kTitle, {"This study will establish the recommended phase 2 dose of dasatinib.",
                                           "Patients with leukemia will receive dasatinib in this trial."}))
                .phase,
            std::nullopt);
  EXPECT_EQ(OnlyTrial(ExtractText(kTitle, {"To estimate the recommended phase II dose (RP2D) of dasatinib in leukemia.",
                                           "This phase I trial studies dasatinib."}))
                .phase,
            "1");
  EXPECT_EQ(OnlyTrial(ExtractText(kTitle, {"If you are in the Phase I portion of this study, you will receive dasatinib.",
                                           "This is a Phase I/II study of dasatinib in patients with leukemia."}))
                .phase,
            "1/2");
}

// "erlotinib plus placebo", "imatinib and placebo" as one side, and "a double-blind placebo trial" have a placebo
// control; "an open-label, dose-escalating trial" and "escalating doses" escalate doses, but Capizzi's "escalating
// doses of methotrexate" rise within each patient's course.
TEST(ExtractTrial, PlaceboArmAndDoseEscalatingTrial) {
  auto design_of = [](const std::string& sentence) { return OnlyTrial(ExtractText(kTitle, {sentence})).design; };
  EXPECT_TRUE(Has(design_of("Patients were randomly given dasatinib plus imatinib or dasatinib plus placebo, and 40 "
                            "patients were enrolled in the trial."),
                  "placebo-controlled"));
  EXPECT_TRUE(Has(design_of("Patients were randomized to dasatinib and imatinib or imatinib and placebo, and 40 "
                            "patients were enrolled in the trial."),
                  "placebo-controlled"));
  EXPECT_TRUE(Has(design_of("In an open-label, dose-escalating trial, 40 patients were enrolled and received dasatinib."),
                  "dose-escalation"));
  EXPECT_TRUE(Has(design_of("Forty patients were enrolled and received escalating doses of dasatinib."), "dose-escalation"));
  EXPECT_FALSE(Has(design_of("Forty patients were enrolled and received vincristine IV and escalating doses of "
                             "methotrexate IV on days 1, 11, 21, 31 and 41."),
                   "dose-escalation"));
  // "uncontrolled" is a single-arm design only as the study's word, not as the state of a disease.
  EXPECT_TRUE(Has(design_of("In this open-label, uncontrolled study, 40 patients were enrolled and received dasatinib."),
                  "single-arm"));
  EXPECT_FALSE(Has(design_of("Forty patients were randomly given dasatinib or imatinib, and in patients whose disease "
                             "remained uncontrolled, imatinib was added."),
                   "single-arm"));
}

// Other registries' numbers are the trial's ids as the registries write them (an EudraCT number bare), from the
// text or from the record's databanks; a sequence databank (GEO) is no registry.
TEST(ExtractTrial, RegistryNumbersFromTextAndDataBanks) {
  SourceDocument doc = TextDocument(kTitle, {"Patients received dasatinib and 40 patients were enrolled in the trial "
                                             "(EudraCT 2010-019469-26; ChiCTR-TRC-12001234)."});
  doc.data_banks = {{"ISRCTN", "ISRCTN69423238"}, {"GEO", "GSE12345"}};
  Trial t = OnlyTrial(Extractor(RealOntology()).Extract(doc));
  EXPECT_EQ(t.registry_ids, (std::vector<std::string>{"ISRCTN69423238", "2010-019469-26", "ChiCTR-TRC-12001234"}));
}

TEST(ExtractTrial, PhaseAndDesignFromPublicationTypes) {
  SourceDocument doc = TextDocument(kTitle, {"Patients received dasatinib and 40 patients were enrolled in the trial."});
  doc.publication_types = {"Clinical Trial, Phase III", "Multicenter Study"};
  Trial t = OnlyTrial(Extractor(RealOntology()).Extract(doc));
  EXPECT_EQ(t.phase, "3");
  EXPECT_TRUE(Has(t.design, "multicenter"));
}

// Eligibility ages in the forms registry summaries and abstracts use; after
// an age word ("aged >= 18", "older than 60") the unit may be left out, but a
// number given in another unit ("aged over 6 months") is no age in years.
TEST(ExtractTrial, AgeLimits) {
  struct Case {
    std::string sentence;
    std::optional<double> min, max;
  };
  for (const Case& c : std::vector<Case>{
           {"This study will enroll adult patients with leukemia (18 years, 60 years) to receive dasatinib.", 18, 60},
           {"Patients aged 18 to 65 with leukemia will receive dasatinib in this study.", 18, 65},
           {"Eligibility: patients between 2 and 21 years of age with leukemia receive dasatinib.", 2, 21},
           {"Patients aged 56 years and older with leukemia will receive dasatinib in this study.", 56, std::nullopt},
           {"We enrolled patients 12 years of age or older with leukemia who received dasatinib.", 12, std::nullopt},
           {"Patients younger than 21 years of age with leukemia will receive dasatinib.", std::nullopt, 21},
           {"This study is to learn if dasatinib can help to control leukemia in patients who are between the ages of 18 "
            "and 60 years old.",
            18, 60},
           {"Patients with leukemia who are more than 18 years of age will receive dasatinib.", 18, std::nullopt},
           {"Children and adolescents (4-17 years) with leukemia will receive dasatinib.", 4, 17},
           {"Patients with leukemia aged >= 18 will receive dasatinib in this study.", 18, std::nullopt},
           {"Patients with leukemia older than 60 will receive dasatinib in this study.", 60, std::nullopt},
           {"Patients aged 18 or older with leukemia will receive dasatinib in this study.", 18, std::nullopt},
           {"Patients aged 65 and over with leukemia will receive dasatinib in this study.", 65, std::nullopt},
           {"Adult patients (⩾18 years old) with leukemia will receive dasatinib in this study.", 18, std::nullopt},
           {"Elderly patients with leukemia (⩾65 years) will receive dasatinib in this study.", 65, std::nullopt},
           {"Patients with leukemia aged < 18 will receive dasatinib in this study.", std::nullopt, 18},
           {"Patients with leukemia aged over 6 months will receive dasatinib in this study.", std::nullopt,
            std::nullopt}}) {
    Trial t = OnlyTrial(ExtractText(kTitle, {c.sentence, "The purpose of this study is to test dasatinib."}));
    ASSERT_EQ(t.populations.size(), 1u) << c.sentence;
    EXPECT_EQ(t.populations[0].age.min, c.min) << c.sentence;
    EXPECT_EQ(t.populations[0].age.max, c.max) << c.sentence;
  }
}

// A range written beside the median or mean age is the spread of the ages
// observed, not an eligibility limit; a bound beside it still is one.
TEST(ExtractTrial, RangeBesideAverageAgeIsNoLimit) {
  struct Case {
    std::string sentence;
    std::optional<double> min, max;
  };
  for (const Case& c : std::vector<Case>{
           {"Eleven patients with leukemia, median age 47 years (range 27-73), received dasatinib.", std::nullopt,
            std::nullopt},
           {"Thirty-one patients with leukemia, age 10-45 years (median age 17.8 years), received dasatinib.",
            std::nullopt, std::nullopt},
           {"In all, 104 patients with leukemia aged 6-35 years (mean 17.2 years) received dasatinib.", std::nullopt,
            std::nullopt},
           {"Elderly patients with leukemia (>or=65 years; mean age 72 years) received dasatinib.", 65, std::nullopt}}) {
    Trial t = OnlyTrial(ExtractText(kTitle, {c.sentence, "The purpose of this study is to test dasatinib."}));
    ASSERT_EQ(t.populations.size(), 1u) << c.sentence;
    EXPECT_EQ(t.populations[0].age.min, c.min) << c.sentence;
    EXPECT_EQ(t.populations[0].age.max, c.max) << c.sentence;
  }
}

// "Forty patients (median, 45 years; range, 18-70)": a median in years
// opening a bracket right after the patients is their median age; its range
// is the spread observed, no limit.
TEST(ExtractTrial, MedianOpeningABracketAfterThePatients) {
  Trial t = OnlyTrial(ExtractText(kTitle, {"Forty patients (median, 45 years; range, 18-70) with leukemia received "
                                           "dasatinib in this study."}));
  ASSERT_EQ(t.populations.size(), 1u);
  EXPECT_EQ(t.populations[0].age.median, 45);
  EXPECT_FALSE(t.populations[0].age.min);
  Trial duration = OnlyTrial(ExtractText(kTitle, {"Forty patients with leukemia received dasatinib in this study for "
                                                  "a long time (median, 2 years)."}));
  ASSERT_EQ(duration.populations.size(), 1u);
  EXPECT_FALSE(duration.populations[0].age.median);
}

// "If you are 60 years or older, ..." is a rule for some patients, not
// eligibility; "to learn if" far before the age (above) opens no such rule.
TEST(ExtractTrial, ConditionalAgeIsNoLimit) {
  Trial t = OnlyTrial(ExtractText(kTitle, {"Patients will receive dasatinib in this study of leukemia.",
                                           "If you are 60 years or older, you will receive the first course in hospital."}));
  ASSERT_EQ(t.populations.size(), 1u);
  EXPECT_FALSE(t.populations[0].age.min);
}

// Persisting residual disease spelt out is the MRD-positive setting.
TEST(ExtractTrial, PersistentMinimalResidualDiseaseIsMrdPositive) {
  Trial t = OnlyTrial(ExtractText("Blinatumomab for adults with B-cell precursor ALL in hematologic remission but with "
                                  "persistent minimal residual disease",
                                  {"In this phase 2 study, 116 patients received blinatumomab."}));
  ASSERT_EQ(t.populations.size(), 1u);
  EXPECT_NE(std::find(t.populations[0].settings.begin(), t.populations[0].settings.end(), "MRD-positive"),
            t.populations[0].settings.end());
}

// A phase names the setting only beside the drug under test, and a protocol
// running through several phases has none of them as its setting.
TEST(ExtractTrial, TreatmentPhaseSettings) {
  Trial beside = OnlyTrial(ExtractText("Dasatinib maintenance for acute lymphoblastic leukemia",
                                       {"Patients will receive dasatinib in this study."}));
  EXPECT_EQ(beside.populations.at(0).settings, std::vector<std::string>{"maintenance"});
  Trial apart = OnlyTrial(ExtractText(kTitle, {"Patients will receive dasatinib in this study.",
                                               "Patients with leukemia in remission proceed to consolidation therapy on day 36."}));
  EXPECT_TRUE(apart.populations.at(0).settings.empty());
  Trial sequence = OnlyTrial(ExtractText(kTitle, {"Patients will receive dasatinib induction in this study.",
                                                  "Patients with leukemia then receive dasatinib maintenance for two years."}));
  EXPECT_TRUE(sequence.populations.at(0).settings.empty());
  // The patients described are in the phase: their setting, with no drug beside it.
  Trial in_phase = OnlyTrial(ExtractText(kTitle, {"Patients will receive dasatinib in this study.",
                                                  "Children with leukemia on maintenance therapy were eligible for this study."}));
  EXPECT_EQ(in_phase.populations.at(0).settings, std::vector<std::string>{"maintenance"});
}

// A phase offered as an option ("could receive consolidation cycles") or
// written as an arm's name ("the dasatinib maintenance group") is no setting.
TEST(ExtractTrial, OptionalPhasesAndArmNamesAreNoSettings) {
  Trial optional = OnlyTrial(ExtractText(
      "Blinatumomab for relapsed B-cell acute lymphoblastic leukemia",
      {"Patients with leukemia receive blinatumomab in this study.",
       "Patients in remission could receive up to 3 additional consolidation cycles of blinatumomab."}));
  EXPECT_EQ(optional.populations.at(0).settings, std::vector<std::string>{"relapsed/refractory"});
  Trial arm = OnlyTrial(ExtractText(
      "Imatinib for acute lymphoblastic leukemia",
      {"Patients were randomly assigned to imatinib (imatinib group) or dasatinib (dasatinib maintenance group).",
       "Relapse was less frequent with dasatinib maintenance therapy."}));
  EXPECT_TRUE(arm.populations.at(0).settings.empty());
}

// A newly diagnosed population is not relapsed: where the title states one
// of two conflicting states, the body's other one describes a subgroup.
TEST(ExtractTrial, TitleSettlesConflictingSettings) {
  Trial t = OnlyTrial(ExtractText(
      "Dasatinib in newly diagnosed Philadelphia chromosome-positive acute lymphoblastic leukemia",
      {"Patients will receive dasatinib in this study.",
       "Some patients pretreated with steroids receive cranial radiotherapy.",
       "MRD positive patients will receive dasatinib after the allograft."}));
  EXPECT_EQ(t.populations.at(0).settings, std::vector<std::string>{"newly diagnosed"});
  Trial untitled = OnlyTrial(ExtractText(kTitle, {"Patients with newly diagnosed or relapsed leukemia will receive dasatinib in this study."}));
  EXPECT_EQ(untitled.populations.at(0).settings, (std::vector<std::string>{"newly diagnosed", "relapsed/refractory"}));
}

// "until relapse" and "after regimens given as S1" are not the population's setting.
TEST(ExtractTrial, SettingsAfterUntilAndPriorCuesAreNotTheTrials) {
  Trial t = OnlyTrial(ExtractText(kTitle, {"Patients with leukemia will receive dasatinib until relapse or progression.",
                                           "The purpose of this study is to test dasatinib."}));
  EXPECT_TRUE(t.populations.at(0).settings.empty());
  Trial s1 = OnlyTrial(ExtractText(
      "Blinatumomab for relapsed/refractory B-cell non-Hodgkin lymphoma",
      {"Patients with lymphoma not responding after platinum regimens administered as first salvage receive blinatumomab in this study."}));
  EXPECT_FALSE(Has(s1.populations.at(0).settings, "first salvage"));
  EXPECT_TRUE(Has(s1.populations.at(0).settings, "relapsed/refractory"));
}

// An event the trial predicts or prevents is not its setting: patients in
// remission with MRD are not relapsed because MRD "predicts relapse".
TEST(ExtractTrial, SettingNamedAsAnEventToPreventIsNotTheTrials) {
  Trial t = OnlyTrial(ExtractText(kTitle, {"Adults with leukemia in remission still have MRD, and MRD is the strongest predictor of relapse.",
                                           "Patients with leukemia receive dasatinib to prevent relapse in this study."}));
  EXPECT_TRUE(t.populations.at(0).settings.empty());
}

TEST(ExtractTrial, TrialNames) {
  Trial opening = OnlyTrial(ExtractText("S1312, Dasatinib and Chemotherapy in Treating Patients With Relapsed Leukemia",
                                        {"The purpose of this study is to test dasatinib in patients with leukemia."}));
  EXPECT_EQ(opening.names, std::vector<std::string>{"S1312"});
  Trial nejm = OnlyTrial(ExtractText(kTitle, {"Patients received dasatinib in a phase 3 trial of leukemia.",
                                              "(Funded by a company; SYGMA 1 ClinicalTrials.gov number, NCT02149199.)"}));
  EXPECT_EQ(nejm.names, std::vector<std::string>{"SYGMA 1"});
  Trial bracketed = OnlyTrial(ExtractText("Dasatinib Compared to Chemotherapy in Leukemia (CheckMate 017)",
                                          {"Patients received dasatinib in a phase 3 trial of leukemia."}));
  EXPECT_EQ(bracketed.names, std::vector<std::string>{"CheckMate 017"});
  Trial mixed = OnlyTrial(ExtractText("The EndRAD Trial: Busulfan conditioning for children with leukemia",
                                      {"Patients received busulfan in a phase 2 trial of leukemia."}));
  EXPECT_EQ(mixed.names, std::vector<std::string>{"EndRAD"});
  Trial roman = OnlyTrial(ExtractText("Phase II Study of Busulfan Conditioning for Leukemia",
                                      {"Patients received busulfan in a phase 2 trial of leukemia."}));
  EXPECT_TRUE(roman.names.empty());
  Trial joined = OnlyTrial(ExtractText("AflacLL1602 everolimus with chemotherapy for T-cell leukemia",
                                       {"Patients receive everolimus in this phase 1 study."}));
  EXPECT_EQ(joined.names, std::vector<std::string>{"AflacLL1602"});
  Trial inside = OnlyTrial(ExtractText(kTitle, {"Based on the PDT-ALL-2016 protocol, this trial gives dasatinib to adults."}));
  EXPECT_TRUE(inside.names.empty());
  // Capitals bracketed at the end of a title, or a group code ending it; not an abbreviation of the words before.
  Trial closing = OnlyTrial(ExtractText("Blinatumomab versus chemotherapy for relapsed acute lymphoblastic leukemia (TOWER)",
                                        {"Patients received blinatumomab in a phase 3 trial."}));
  EXPECT_EQ(closing.names, std::vector<std::string>{"TOWER"});
  Trial group = OnlyTrial(ExtractText("Blinatumomab in consolidation for acute lymphoblastic leukemia: ECOG E1910",
                                      {"Patients received blinatumomab in a phase 3 trial."}));
  EXPECT_EQ(group.names, std::vector<std::string>{"E1910"});
  Trial abbreviation = OnlyTrial(ExtractText("Dasatinib for Philadelphia Chromosome Positive Leukemia (PCPL)",
                                             {"Patients received dasatinib in a phase 2 trial."}));
  EXPECT_TRUE(abbreviation.names.empty());
}

// A code the text gives as a treatment is the product under test, not the
// trial's name, though the sentence speaks of a study; a code also written
// as a trial ("the E1910 trial") stays a name.
TEST(ExtractTrial, ProductCodesAreNotNames) {
  Trial led = OnlyTrial(ExtractText("Study Evaluating the Efficacy and Safety of JCAR015 in Adult Acute Lymphoblastic Leukemia",
                                    {"This is a single-arm, multicenter phase 2 study of JCAR015 in adults with leukemia.",
                                     "The purpose of this study is to test JCAR015 cells."}));
  EXPECT_TRUE(led.names.empty());
  Trial bracketed = OnlyTrial(ExtractText("Alisertib for acute lymphoblastic leukemia",
                                          {"The drug tested in this phase 2 study is called alisertib (MLN8237)."}));
  EXPECT_TRUE(bracketed.names.empty());
  Trial trial = OnlyTrial(ExtractText(kTitle, {"Patients received dasatinib in the E1910 trial, a phase 3 study.",
                                               "The design of E1910 is described in this study."}));
  EXPECT_EQ(trial.names, std::vector<std::string>{"E1910"});
}

// Protocols named as the comparison, the next step or the backbone, or whose
// schedule the trial copies, are other studies; a name spelled with and
// without a hyphen is one name.
TEST(ExtractTrial, OtherStudiesAreNotNames) {
  Trial t = OnlyTrial(ExtractText(
      "ALL2008 Protocol for Childhood Acute Lymphoblastic Leukemia",
      {"The ALL-2008 protocol aims to improve outcome in comparison with the ALL-2000 protocol in this study.",
       "Patients with MLL rearrangements may be eligible for treatment on protocol COG-AALL0031.",
       "Patients co-enrolled on COG-ASCT0431 receive conditioning as defined on that study.",
       "Biology is studied on the concurrent ALL classification study (POG-9400).",
       "Dexamethasone is added to a chemotherapy backbone (the Boston regimen, protocol DFCI-87001) in this trial.",
       "Patients receive pegaspargase every two weeks in this study.",
       "Doses were identical to those of the Children's Oncology Group study AALL0232.",
       "Adults are treated in accordance with the POG-9904 protocol in this trial."}));
  EXPECT_EQ(t.names, std::vector<std::string>{"ALL2008"});
}

// A name opening a sentence that describes its study ("The TEAM Study is designed as", "The X FORUM is a ... study",
// "X, ..., is aimed at"), a protocol series with its numeral heading a title ("Total Therapy XVII for ..."); not a
// product a sentence describes ("AC220 is a drug"), nor capitals spaced from a number that no group's acronym opens
// ("TRUNCATED AT 250 WORDS", "IC 500 mg"), where "POG 9904" is a group's protocol.
TEST(ExtractTrial, SelfDescribedNamesSeriesAndGroupCodes) {
  auto names = [](const std::string& title, const std::string& sentence) {
    return OnlyTrial(ExtractText(title, {"Patients with leukemia receive dasatinib in this phase 2 study.", sentence})).names;
  };
  EXPECT_EQ(names(kTitle, "The TEAM Study is designed as a prospective, multicentre study."),
            std::vector<std::string>{"TEAM"});
  EXPECT_EQ(names(kTitle, "The ALL SCTped 2012 FORUM is a multinational, randomized, prospective phase II/III study."),
            std::vector<std::string>{"ALL SCTped 2012 FORUM"});
  EXPECT_EQ(names(kTitle, "TT-ALL-HIE-2013, substituting fludarabine with idarubicin, is aimed at reducing toxicity."),
            std::vector<std::string>{"TT-ALL-HIE-2013"});
  EXPECT_TRUE(names(kTitle, "AC220 is a drug which is able to turn off the signal in this study.").empty());
  EXPECT_EQ(names("Total Therapy XVII for Newly Diagnosed Patients With Acute Lymphoblastic Leukemia",
                  "The study gives dasatinib."),
            std::vector<std::string>{"Total Therapy XVII"});
  EXPECT_TRUE(names(kTitle, "The trial group saw 12 patients (ABSTRACT TRUNCATED AT 250 WORDS)").empty());
  EXPECT_TRUE(names(kTitle, "In this study patients were prescribed IC 500 mg every six hours.").empty());
  EXPECT_EQ(names(kTitle, "This is the POG 9904 trial of dexamethasone."), std::vector<std::string>{"POG 9904"});
}

// "randomized at 33 US centers": a study run at two or more centres is multicenter; one centre is not.
TEST(ExtractTrial, CentresCountedMakeMulticenter) {
  auto design = [](const std::string& sentence) {
    return OnlyTrial(ExtractText(kTitle, {"In this study, 120 patients with leukemia were randomized to dasatinib or placebo.",
                                          sentence}))
        .design;
  };
  EXPECT_TRUE(Has(design("Patients were enrolled at 33 US centers."), "multicenter"));
  EXPECT_TRUE(Has(design("Patients were enrolled in twelve centres."), "multicenter"));
  EXPECT_FALSE(Has(design("Patients were enrolled at 1 center."), "multicenter"));
}

// The disease of every population of a document with this title and a sentence randomizing `drug`.
std::vector<std::string> TitleDiseases(const std::string& title, const std::string& drug) {
  std::vector<std::string> names;
  for (const Trial& t : ExtractText(title, {"In all, 120 patients were randomized to " + drug + " or placebo."}).trials)
    for (const Population& p : t.populations) names.push_back(p.disease);
  return names;
}

// A disease diseases.tsv does not curate but MeSH files is the population's
// where the text says the patients have it ("with", "suffering from",
// "diagnosed with"), named in the text's words less qualifiers ("recent
// documented", "a clinical diagnosis of", "intractable", "uncontrolled",
// "stage III"); it takes no setting
// tags ("recurrent" speaks of symptoms); a general word ("proven infection")
// or a negated one ("with no congestive heart failure") names no disease.
TEST(ExtractTrial, PatientsWithUncuratedDisease) {
  auto populations = [](const std::string& title) {
    return OnlyTrial(ExtractText(title, {"In all, 120 patients with recurrent episodes were randomized to enalapril or "
                                         "placebo."}))
        .populations;
  };
  std::vector<Population> chf = populations("A randomized trial of enalapril in patients with congestive heart failure");
  ASSERT_EQ(chf.size(), 1u);
  EXPECT_EQ(chf[0].disease, "congestive heart failure");
  EXPECT_TRUE(chf[0].settings.empty());
  std::vector<Population> mi = populations("Enalapril in patients with recent documented myocardial infarction");
  ASSERT_EQ(mi.size(), 1u);
  EXPECT_EQ(mi[0].disease, "myocardial infarction");
  std::vector<Population> diagnosed =
      populations("Enalapril in patients with a clinical diagnosis of congestive heart failure");
  ASSERT_EQ(diagnosed.size(), 1u);
  EXPECT_EQ(diagnosed[0].disease, "congestive heart failure");
  for (const char* title : {"Enalapril in patients suffering from congestive heart failure",
                            "Enalapril in adults diagnosed with intractable congestive heart failure",
                            "Enalapril in patients with uncontrolled congestive heart failure",
                            "Enalapril in patients with poorly controlled congestive heart failure"}) {
    std::vector<Population> suffering = populations(title);
    ASSERT_EQ(suffering.size(), 1u) << title;
    EXPECT_EQ(suffering[0].disease, "congestive heart failure");
  }
  std::vector<Population> staged = populations("Enalapril in patients with stage III chronic kidney disease");
  ASSERT_EQ(staged.size(), 1u);
  EXPECT_EQ(staged[0].disease, "chronic kidney disease");
  EXPECT_TRUE(populations("Enalapril in patients with proven infection").empty());
  EXPECT_TRUE(populations("Enalapril in patients with no congestive heart failure").empty());
}

// "methadone maintenance (MM)" defines MM for this document: it no longer
// names multiple myeloma, and no myeloma population is reported from it.
TEST(ExtractTrial, ShortFormRedefinedAwayFromADisease) {
  Trial t = OnlyTrial(ExtractText("Dasatinib for patients on methadone maintenance (MM) with leukemia",
                                  {"Patients on MM received dasatinib in this study."}));
  for (const Population& p : t.populations) EXPECT_NE(p.disease, "multiple myeloma");
  Trial kept = OnlyTrial(ExtractText("Dasatinib for patients with multiple myeloma (MM)",
                                     {"Patients with MM received dasatinib in this study."}));
  ASSERT_EQ(kept.populations.size(), 1u);
  EXPECT_EQ(kept.populations[0].disease, "multiple myeloma");
}

// MeSH drops an eponym's possessive ("Parkinson Disease"); the text keeps it
// ("Parkinson's disease", "Crohn’s disease"), and names the disease so.
TEST(ExtractTrial, PossessiveEponymIsMeshDisease) {
  for (const auto& [title, disease] : std::vector<std::pair<std::string, std::string>>{
           {"Propranolol for dyskinesia in patients with Parkinson's disease", "parkinson's disease"},
           {"Fusidic acid in patients with Crohn\u2019s disease", "crohn\u2019s disease"}}) {
    std::vector<Population> p =
        OnlyTrial(ExtractText(title, {"In all, 20 patients were randomized to the drug or placebo in this trial."}))
            .populations;
    ASSERT_EQ(p.size(), 1u) << title;
    EXPECT_EQ(p[0].disease, disease);
  }
}

// Where MeSH has no spelling for the patients' disease, a phrase a disease
// word ends names it ("children with attention-deficit/hyperactivity
// disorder"), but not one a function word or a tumour's state makes
// something else ("no adenovirus disease", "measurable disease").
TEST(ExtractTrial, PatientsWithPhraseEndingInDiseaseWord) {
  auto diseases = [](const std::string& title) { return TitleDiseases(title, "clonidine"); };
  using Names = std::vector<std::string>;
  EXPECT_EQ(diseases("Clonidine in children with attention-deficit/hyperactivity disorder (ADHD)"),
            Names{"attention-deficit/hyperactivity disorder"});
  EXPECT_EQ(diseases("Clonidine in patients with severe adenovirus disease"), Names{"adenovirus disease"});
  EXPECT_EQ(diseases("Clonidine in patients with no adenovirus disease"), Names{});
  EXPECT_EQ(diseases("Clonidine in patients with measurable disease"), Names{});
  // The same phrase as the condition a title treats.
  EXPECT_EQ(diseases("Clonidine for severe adenovirus disease in immunocompromised children"),
            Names{"adenovirus disease"});
}

// "schizophrenic patients", "epileptic children", "HIV-infected adults": an
// adjective before the patients, its ending turned into a noun's, spells the
// disease they have, alone or after the word before it.
TEST(ExtractTrial, AdjectiveBeforePatientsSpellsDisease) {
  auto diseases = [](const std::string& title) { return TitleDiseases(title, "clonidine"); };
  using Names = std::vector<std::string>;
  EXPECT_EQ(diseases("Clonidine in schizophrenic patients"), Names{"schizophrenia"});
  EXPECT_EQ(diseases("Clonidine in epileptic children"), Names{"epilepsy"});
  EXPECT_EQ(diseases("Clonidine in glaucomatous patients"), Names{"glaucoma"});
  EXPECT_EQ(diseases("Clonidine in HIV-infected adults"), Names{"HIV infection"});
  EXPECT_EQ(diseases("Clonidine in pediatric patients"), Names{""});  // no disease: a population of ages only
}

// "HIV-1 infection": a virus's type number narrows no population, so the
// disease is named as MeSH spells it without the number; a name MeSH does
// not spell without it keeps it.
TEST(ExtractTrial, VirusTypeNumberLeftOutOfDiseaseName) {
  auto diseases = [](const std::string& title) { return TitleDiseases(title, "zidovudine"); };
  using Names = std::vector<std::string>;
  EXPECT_EQ(diseases("Zidovudine in patients with HIV-1 infection"), Names{"HIV infection"});
  EXPECT_EQ(diseases("Zidovudine in patients with HTLV-1 myelopathy syndrome"), Names{"HTLV-1 myelopathy syndrome"});
}

// A title that names a drug and what it treats ("in migraine", "treatment of
// psoriasis") names the patients' disease even without "patients with"; not a
// procedure or an outcome ("for cataract surgery", "in hearing loss following
// anaesthesia"), nor patients at risk ("for the prevention of"), nor a title
// without a drug.
TEST(ExtractTrial, TitleNamesTheConditionTreated) {
  auto diseases = [](const std::string& title) { return TitleDiseases(title, "enalapril"); };
  using Names = std::vector<std::string>;
  EXPECT_EQ(diseases("Crossover comparison of enalapril versus placebo in migraine disorders"),
            Names{"migraine disorders"});
  EXPECT_EQ(diseases("Treatment of psoriasis with azathioprine"), Names{"psoriasis"});
  EXPECT_EQ(diseases("Enalapril for mild hypertension: a randomized trial"), Names{"hypertension"});  // less its qualifier
  EXPECT_EQ(diseases("Enalapril for cataract surgery planning"), Names{});
  EXPECT_EQ(diseases("Enalapril in hearing loss following spinal anaesthesia"), Names{});
  EXPECT_EQ(diseases("Enalapril for the prevention of hypertension"), Names{});
  EXPECT_EQ(diseases("Tear osmolarity in hypertension"), Names{});
}

// Bronchioloalveolar carcinoma is a lung adenocarcinoma (MeSH files it under
// "Adenocarcinoma of Lung"), so its patients have non-small-cell lung cancer.
TEST(ExtractTrial, BronchioloalveolarCarcinomaIsNonSmallCellLungCancer) {
  Trial t = OnlyTrial(ExtractText("Phase II trial of pemetrexed in bronchioloalveolar carcinoma subtypes of advanced adenocarcinoma",
                                  {"Of 27 patients enrolled, 24 received pemetrexed."}));
  ASSERT_EQ(t.populations.size(), 1u);
  EXPECT_EQ(t.populations[0].disease, "non-small-cell lung cancer");
}

// Diseases listed beside the main one for the same patients are populations
// too; the list's heading (acute leukemia) is not.
TEST(ExtractTrial, DiseasesListedTogetherArePopulations) {
  Trial t = OnlyTrial(ExtractText(
      "Inotuzumab Ozogamicin and Chemotherapy in Treating Patients With Relapsed Acute Leukemia",
      {"The purpose of this study is to test inotuzumab ozogamicin for patients with relapsed or refractory CD22+ acute "
       "leukemia (B-cell acute lymphoblastic leukemia [B-ALL], mixed phenotype, and Burkitt's)."}));
  std::vector<std::string> diseases;
  for (const Population& p : t.populations) {
    diseases.push_back(p.disease);
    EXPECT_TRUE(Has(p.settings, "relapsed/refractory")) << p.disease;
  }
  EXPECT_EQ(diseases, (std::vector<std::string>{"B-cell precursor acute lymphoblastic leukemia", "mixed phenotype acute leukemia",
                                                "Burkitt lymphoma"}));
}

// Eligibility limits decide the age group over words elsewhere ("younger patients").
TEST(ExtractTrial, AgeGroupFromEligibilityLimits) {
  Trial t = OnlyTrial(ExtractText("Inotuzumab Ozogamicin In Patients Aged 56 Years and Older With ALL",
                                  {"Despite advances in younger patients, elderly patients with ALL do poorly.",
                                   "Induction therapy will be based on inotuzumab ozogamicin in this study."}));
  ASSERT_EQ(t.populations.size(), 1u);
  EXPECT_EQ(t.populations[0].age.min, 56);
  EXPECT_EQ(t.populations[0].age_group, "older adult");
  EXPECT_EQ(t.populations[0].settings, std::vector<std::string>{"induction"});
}

// A registry record states its results in its results section; its prose,
// written before there were any, adds none.
TEST(ExtractTrial, RegistryRecordTakesNoResultsFromProse) {
  SourceDocument doc = TextDocument(kTitle, {"Patients received dasatinib; the complete remission rate was 90% in earlier trials."});
  Trial stated;
  stated.registry_ids = {"NCT00000001"};
  doc.stated_trials = {stated};
  Trial t = OnlyTrial(Extractor(RealOntology()).Extract(doc));
  EXPECT_TRUE(t.endpoints.empty());
  EXPECT_FALSE(t.arms.empty());
}

// The median age of a protocol's background series is not its population's.
TEST(ExtractTrial, PlanOnlyDocumentHasNoMedianAge) {
  Extraction plan = ExtractText(kTitle, {"This study is studying dasatinib in adults with leukemia.",
                                         "In our earlier series the median age was 39 years."});
  EXPECT_FALSE(OnlyTrial(plan).populations.at(0).age.median);
  Extraction results = ExtractText(kTitle, {"Patients received dasatinib; 40 patients were enrolled.",
                                            "The median age was 54 years (range 18-70)."});
  EXPECT_EQ(OnlyTrial(results).populations.at(0).age.median, 54);
}

// A protocol reports no outcome frequencies of its own: "the majority of
// patients relapse", "CR in 60% to 80% of patients with newly diagnosed
// leukemia" are earlier experience, no setting of its population; the same
// sentences in a report of results, and thresholds ("less than 5% blasts"), stay.
TEST(ExtractTrial, PlanOnlyOutcomeFrequenciesAreNoSettings) {
  std::vector<std::string> background = {
      "Induction can lead to a complete remission in 60% to 80% of younger patients with newly diagnosed leukemia.",
      "However, the majority of patients relapse despite consolidation chemotherapy."};
  std::vector<std::string> plan = background;
  plan.push_back("This study will give dasatinib by mouth to patients with leukemia in remission.");
  EXPECT_TRUE(OnlyTrial(ExtractText(kTitle, plan)).populations.at(0).settings.empty());
  std::vector<std::string> results = background;
  results.push_back("Results: Patients with leukemia received dasatinib by mouth in this study.");
  EXPECT_EQ(OnlyTrial(ExtractText(kTitle, results)).populations.at(0).settings,
            (std::vector<std::string>{"newly diagnosed", "relapsed/refractory"}));
  Trial threshold = OnlyTrial(ExtractText(
      kTitle, {"This study will give dasatinib to patients with relapsed leukemia with less than 5% marrow blasts."}));
  EXPECT_EQ(threshold.populations.at(0).settings, std::vector<std::string>{"relapsed/refractory"});
}

// "the high relapse rate", "in order to reduce relapse": relapse as an
// outcome measure or an event to prevent is no setting.
TEST(ExtractTrial, RelapseAsAnOutcomeIsNoSetting) {
  Trial t = OnlyTrial(ExtractText(kTitle, {"Leukemia is a challenge due to the high relapse rate with chemotherapy.",
                                           "Patients with leukemia receive dasatinib in order to reduce relapse in this study."}));
  EXPECT_TRUE(t.populations.at(0).settings.empty());
}

// A document that only plans its study speaks of its own study, though no
// sentence says "this study".
TEST(ExtractTrial, PlanReportsItsTrial) {
  Extraction x = ExtractText("Intensified conditioning with etoposide for acute lymphoblastic leukemia",
                             {"We speculate that etoposide-intensified conditioning could improve the outcome for adults."});
  EXPECT_EQ(x.trials.size(), 1u);
}

// A design word naming one arm ("the observational arm") is no design of the trial.
TEST(ExtractTrial, DesignWordNamingAnArmIsNoDesign) {
  Trial t = OnlyTrial(ExtractText(kTitle, {"This randomized study gives dasatinib to patients with leukemia.",
                                           "Patients with residual disease will be followed on the observational arm."}));
  EXPECT_EQ(t.design, std::vector<std::string>{"randomized"});
  Trial plural = OnlyTrial(ExtractText(kTitle, {"This randomized study gives dasatinib to patients with leukemia.",
                                                "Survival is explored in the treatment and observational arms of the study."}));
  EXPECT_EQ(plural.design, std::vector<std::string>{"randomized"});
}

// Patients moving to another arm ("are crossover to Regimen A") make no crossover design.
TEST(ExtractTrial, CrossingOverToAnArmIsNoCrossoverDesign) {
  Trial t = OnlyTrial(ExtractText(kTitle, {"This is a multicenter, randomized study of dasatinib in leukemia.",
                                           "NOTE: Patients already enrolled on Regimen B are crossover to Regimen A."}));
  EXPECT_EQ(t.design, (std::vector<std::string>{"multicenter", "randomized"}));
}

// A placebo named as the other side of the randomization makes the trial placebo-controlled.
TEST(ExtractTrial, PlaceboComparatorMakesThePlaceboControl) {
  Trial t = OnlyTrial(ExtractText(kTitle, {"Patients were randomized to receive either dasatinib or matching placebo, in "
                                           "addition to cytarabine, in this study."}));
  EXPECT_EQ(t.design, (std::vector<std::string>{"randomized", "placebo-controlled"}));
}

// "haematological malignancies (acute lymphoblastic leukemia and Burkitt's
// lymphoma)": kinds listed right after their group are the populations, though
// each is named once and the group more often.
TEST(ExtractTrial, KindsBracketedAfterTheirGroupArePopulations) {
  Trial t = OnlyTrial(ExtractText("Engineered T cells for leukemia and lymphoma",
                                  {"This is a phase I trial in adults with relapsed haematological malignancies (acute "
                                   "lymphoblastic leukemia and Burkitt's lymphoma).",
                                   "Patients will receive blinatumomab for leukemia and lymphoma."}));
  std::vector<std::string> diseases;
  for (const Population& p : t.populations) diseases.push_back(p.disease);
  EXPECT_EQ(diseases, (std::vector<std::string>{"acute lymphoblastic leukemia", "Burkitt lymphoma"}));
}

// A heterogeneous group ("solid tumors", "non-Hodgkin lymphoma") is not
// narrowed by a kind of it named once; a kind named in the title is the
// population; a disease named after "unlike" is not enrolled; a deeper
// disease named once in passing does not replace the one named most.
TEST(ExtractTrial, BroadPopulationKeepsItsSubgroupsOut) {
  Trial broad = OnlyTrial(ExtractText("Phase I study of dasatinib in patients with advanced solid tumors",
                                      {"Patients with solid tumors received dasatinib daily.",
                                       "One patient with breast cancer had a partial response."}));
  EXPECT_EQ(broad.populations.at(0).disease, "solid tumor");
  Trial narrow = OnlyTrial(ExtractText("Phase I study of dasatinib in patients with breast cancer",
                                       {"Patients with solid tumors were screened and those with breast cancer received dasatinib."}));
  EXPECT_EQ(narrow.populations.at(0).disease, "breast cancer");
  Trial contrast = OnlyTrial(ExtractText("Phase II study of dasatinib in follicular lymphoma",
                                         {"Unlike mantle cell lymphoma, follicular lymphoma is indolent; patients received dasatinib.",
                                          "Unlike mantle cell lymphoma, it responds to dasatinib."}));
  EXPECT_EQ(contrast.populations.at(0).disease, "follicular lymphoma");
  Trial passing = OnlyTrial(ExtractText("Allogeneic transplantation for acute lymphoblastic leukemia",
                                        {"The purpose of this study is to test tacrolimus.",
                                         "Patients with acute lymphoblastic leukemia in remission receive tacrolimus.",
                                         "Secondary end points include post-transplant lymphoproliferative disorder."}));
  EXPECT_EQ(passing.populations.at(0).disease, "acute lymphoblastic leukemia");
}

// "The aim of this study is to ..." speaks of the document's own study.
TEST(ExtractTrial, AimOfThisStudyIsTheOwnStudy) {
  Extraction x = ExtractText("Renal clearance of high-dose methotrexate in childhood acute lymphoblastic leukemia",
                             {"The aim of this study is to determine the clearance of methotrexate given intravenously in children."});
  EXPECT_EQ(x.trials.size(), 1u);
}

// Diseases heading parts of a protocol outline are populations; a heading
// naming a treatment of a disease ("GVHD PROPHYLAXIS:") is not.
TEST(ExtractTrial, DiseasesHeadingOutlinePartsArePopulations) {
  Trial t = OnlyTrial(ExtractText(
      "Donor Bone Marrow Transplant in Treating Young Patients With Acute Lymphoblastic Leukemia",
      {"The purpose of this study is to compare two kinds of marrow transplant.",
       "ACUTE LYMPHOBLASTIC LEUKEMIA (ALL): Patients receive thiotepa IV on days -5 and -4.",
       "ACUTE MYELOID LEUKEMIA OR MYELODYSPLASTIC SYNDROMES: Patients receive busulfan IV on days -9 to -6.",
       "GRAFT-VS-HOST DISEASE (GVHD) PROPHYLAXIS: Patients receive tacrolimus IV."}));
  std::vector<std::string> diseases;
  for (const Population& p : t.populations) diseases.push_back(p.disease);
  EXPECT_EQ(diseases, (std::vector<std::string>{"acute lymphoblastic leukemia", "acute myeloid leukemia", "myelodysplastic syndrome"}));
}

// A name heading the title ("ALL-REZ BFM 2002: ..."), bracketed with a roman
// numeral ("(CLASSIC I)") or set after the study's own trial noun is the
// trial's; a part of a longer name found is that name cut short.
TEST(ExtractTrial, GroupNamesWithCodesAndNumerals) {
  Trial heading = OnlyTrial(ExtractText("ALL-REZ BFM 2002: Multi-Center Study for Children With Relapsed Leukemia",
                                        {"The primary objective of study ALL-REZ BFM 2002 is to compare two dasatinib schedules."}));
  EXPECT_EQ(heading.names, std::vector<std::string>{"ALL-REZ BFM 2002"});
  Trial study = OnlyTrial(ExtractText("DSMM XI study: dose definition for cyclophosphamide in myeloma",
                                      {"Patients received cyclophosphamide in this phase 2 trial."}));
  EXPECT_EQ(study.names, std::vector<std::string>{"DSMM XI"});
  Trial roman = OnlyTrial(ExtractText("A Study of Clofarabine for Older Patients With Leukemia (CLASSIC I)",
                                      {"Patients received clofarabine in this phase 3 trial."}));
  EXPECT_EQ(roman.names, std::vector<std::string>{"CLASSIC I"});
  Trial after = OnlyTrial(ExtractText(kTitle, {"This open-label, two-arm, multi-site trial PDT-Ph-like-ALL is aimed to "
                                               "evaluate dasatinib for adults with leukemia."}));
  EXPECT_EQ(after.names, std::vector<std::string>{"PDT-Ph-like-ALL"});
  Trial primary = OnlyTrial(ExtractText(kTitle, {"This trial gives dasatinib to adults with leukemia.",
                                                 "Primary study endpoint of PDT-ETP-ALL is event-free survival."}));
  EXPECT_EQ(primary.names, std::vector<std::string>{"PDT-ETP-ALL"});
  Trial kind = OnlyTrial(ExtractText(kTitle, {"This phase 2 trial gives dasatinib to adults with leukemia.",
                                              "It is an advantage to perform this study as a NOPHO study."}));
  EXPECT_TRUE(kind.names.empty());
  Trial word = OnlyTrial(ExtractText(kTitle, {"This trial MRD-guided is a phase 2 study of dasatinib in leukemia."}));
  EXPECT_TRUE(word.names.empty());
}

// Guards that the nouns a trial's name follows, and that make a sentence speak of a trial, are rule_words.tsv
// study_noun, not words of the code.
TEST(ExtractTrial, StudyNounsComeFromTheOntology) {
  const std::vector<std::string> sentences = {
      "This trial gives dasatinib to adults with leukemia.",
      "This open-label, two-arm, multi-site programme PDT-Ph-like-ALL is aimed to evaluate dasatinib."};
  EXPECT_TRUE(OnlyTrial(ExtractText(kTitle, sentences)).names.empty());
  Trial programme = OnlyTrial(ExtractText(WithRuleWords("study_noun", "trial|programme"), kTitle, sentences));
  EXPECT_EQ(programme.names, std::vector<std::string>{"PDT-Ph-like-ALL"});
}

// Guards that the words between a number and a patients noun that make it no count ("phase 2 study in patients")
// are rule_words.tsv count_separator, not words of the code.
TEST(ExtractTrial, CountSeparatorsComeFromTheOntology) {
  const std::vector<std::string> sentences = {"This phase 2 study gave dasatinib to 45 adult patients with leukemia."};
  EXPECT_EQ(OnlyTrial(ExtractText(kTitle, sentences)).enrolled, 45);
  EXPECT_EQ(OnlyTrial(ExtractText(WithRuleWords("count_separator", "in|of|study|adult"), kTitle, sentences)).enrolled,
            std::nullopt);
}

// A code after the trial noun of another study ("in study X", "this drug
// during trial X"), the precursor study and a short form bracketed after the
// long name of a protocol followed are not the trial's names.
TEST(ExtractTrial, CodesOfOtherStudiesAfterTheTrialNoun) {
  Trial t = OnlyTrial(ExtractText(
      kTitle,
      {"This phase 2 study gives dasatinib to patients with leukemia.",
       "Dasatinib was compared with imatinib in study GER-COALL-07-03, the historical control group.",
       "Response is measured in patients using this drug during trial UCLA-0303035.",
       "During the precursor study ALL-REZ BFM 96, the response was measured.",
       "Doses are according to the protocol of the Nordic Association for Pediatric Hematology and Oncology 2000 "
       "(NOPHO-2000) used to treat children."}));
  EXPECT_TRUE(t.names.empty()) << t.names.front();
}

std::vector<std::string> Diseases(const Trial& t) {
  std::vector<std::string> diseases;
  for (const Population& p : t.populations) diseases.push_back(p.disease);
  return diseases;
}

// A kind listed as an item beside its own kind ("acute lymphoblastic leukemia
// or lymphoblastic lymphoma") is a population of its own, not a narrowing;
// diseases listed together ("T-ALL or T-cell lymphoblastic lymphoma") are
// populations even where the sentence names no patients.
TEST(ExtractTrial, DiseasesListedAsItemsAreSeparatePopulations) {
  Trial beside = OnlyTrial(ExtractText("Hyper-CVAD for Acute Lymphoblastic Leukemia",
                                       {"The purpose of this study is to test hyper-CVAD.",
                                        "In patients with acute lymphoblastic leukemia or lymphoblastic lymphoma, marrow "
                                        "is examined on day 14."}));
  EXPECT_EQ(Diseases(beside), (std::vector<std::string>{"acute lymphoblastic leukemia", "lymphoblastic lymphoma"}));
  Trial listed = OnlyTrial(ExtractText("Everolimus with chemotherapy in a phase 1 study",
                                       {"T-cell acute lymphoblastic leukemia (T-ALL) or T-cell lymphoblastic lymphoma "
                                        "(T-LLy) has an active mTOR pathway.",
                                        "Participants will receive everolimus in this study.",
                                        "Everolimus has been found to be safe in adults with leukemias and lymphomas."}));
  EXPECT_EQ(Diseases(listed), (std::vector<std::string>{"T-cell acute lymphoblastic leukemia", "lymphoblastic lymphoma"}));
  // "acute lymphoblastic lymphoma" is lymphoblastic lymphoma, an item of the list, not a narrowing of ALL.
  Trial defined = OnlyTrial(ExtractText("Methotrexate Toxicity in Children With ALL",
                                        {"The purpose of this study is to measure methotrexate levels.",
                                         "ALL will refer to patients with either acute lymphoblastic leukemia or acute "
                                         "lymphoblastic lymphoma.",
                                         "Children with ALL receive methotrexate."}));
  EXPECT_EQ(Diseases(defined), (std::vector<std::string>{"acute lymphoblastic leukemia", "lymphoblastic lymphoma"}));
}

// A disease listed as an item beside a kind of it that the document names as
// often ("ALL, AML, or lymphoblastic lymphoma") is a population of its own,
// not the kind's loose name; named apart from the list it still is.
TEST(ExtractTrial, DiseaseListedBesideItsKindKeepsItsPopulation) {
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  Trial listed = OnlyTrial(ExtractText(
      "Dexamethasone for Children With Acute Lymphoblastic Leukemia, Acute Myeloid Leukemia, or Lymphoblastic Lymphoma",
      {"This randomized study gives dexamethasone to children with acute lymphoblastic leukemia, acute myeloid "
       "leukemia, or lymphoblastic lymphoma."}));
  EXPECT_EQ(sorted(Diseases(listed)),
            (std::vector<std::string>{"acute lymphoblastic leukemia", "acute myeloid leukemia", "lymphoblastic lymphoma"}));
  Trial loose = OnlyTrial(ExtractText("Dexamethasone for Children With Lymphoblastic Lymphoma",
                                      {"This randomized study gives dexamethasone to children with lymphoblastic "
                                       "lymphoma, a form of acute lymphoblastic leukemia."}));
  EXPECT_EQ(Diseases(loose), (std::vector<std::string>{"lymphoblastic lymphoma"}));
  Trial narrowed = OnlyTrial(ExtractText(
      "Dexamethasone for Children With Acute Lymphoblastic Leukemia or Lymphoblastic Lymphoma",
      {"This randomized study gives dexamethasone to children with B-cell acute lymphoblastic leukemia or B-cell "
       "lymphoblastic lymphoma."}));
  EXPECT_EQ(sorted(Diseases(narrowed)),
            (std::vector<std::string>{"B-cell precursor acute lymphoblastic leukemia", "lymphoblastic lymphoma"}));
}

// The title's list names its other populations even where the body narrows
// one item to a kind of it (AML to secondary AML).
TEST(ExtractTrial, TitleListItemsBesideTheNarrowedOne) {
  Trial t = OnlyTrial(ExtractText(
      "Cytarabine for Young Patients With Acute Myeloid Leukemia or Acute Lymphoblastic Leukemia",
      {"This phase 2 study gives cytarabine to patients with secondary acute myeloid leukemia.",
       "Patients with secondary acute myeloid leukemia receive cytarabine daily."}));
  std::vector<std::string> diseases = Diseases(t);
  std::sort(diseases.begin(), diseases.end());
  EXPECT_EQ(diseases, (std::vector<std::string>{"acute lymphoblastic leukemia", "secondary acute myeloid leukemia"}));
}

// The title keeps the items of its list apart: a disease named in the body
// above one item and below another ("Males with ALL" between leukemia and
// lymphoblastic lymphoma) does not narrow them; a group above another
// population is a heading, not one more population.
TEST(ExtractTrial, TitleListNamesThePopulations) {
  Trial t = OnlyTrial(ExtractText(
      "Bone Marrow Transplantation in Treating Patients With Leukemia, Myelodysplasia, or Lymphoblastic Lymphoma",
      {"OUTLINE: This is a randomized study of patients with leukemia, myelodysplasia, or lymphoblastic lymphoma.",
       "Males with ALL receive a testicular boost.", "Acute lymphoblastic leukemia: Patients receive cyclophosphamide.",
       "Transplant is done to cure leukemia."}));
  EXPECT_EQ(Diseases(t), (std::vector<std::string>{"leukemia", "myelodysplastic syndrome", "lymphoblastic lymphoma"}));
  Trial heading = OnlyTrial(ExtractText("Nelarabine for Relapsed Lymphoblastic Lymphoma",
                                        {"This is a phase 2 study of nelarabine in children with relapsed lymphoblastic "
                                         "lymphoma or T-cell ALL.",
                                         "We want to know if nelarabine will result in remission (no signs of lymphoblastic "
                                         "lymphoma or leukemia)."}));
  EXPECT_EQ(Diseases(heading), (std::vector<std::string>{"lymphoblastic lymphoma", "T-cell acute lymphoblastic leukemia"}));
}

// A study that names no drug (a sample collection) is a trial when it speaks
// of itself, states its population and carries its own name; the kinds of a
// group listed for its patients are its populations.
TEST(ExtractTrial, NamedSampleCollectionIsATrialOfItsListedDiseases) {
  Trial t = OnlyTrial(ExtractText(
      "S9910, Collecting and Storing Blood and Bone Marrow Samples From Patients With Hematologic Cancer",
      {"Primary objective: - Maintain tissue repositories of samples from patients with acute lymphoblastic leukemia, "
       "chronic lymphocytic leukemia, acute myeloid leukemia, or myelodysplastic syndromes.",
       "Other objectives: - Develop assays for rapid diagnosis of leukemia.",
       "- Distinguish different subtypes of human leukemia.",
       "Patients undergo collection of peripheral blood (myeloid leukemia) or venous blood (lymphoid leukemia).",
       "PROJECTED ACCRUAL: Samples from a maximum of 1,000 patients will be collected for this study."}));
  EXPECT_EQ(t.names, std::vector<std::string>{"S9910"});
  EXPECT_EQ(Diseases(t), (std::vector<std::string>{"acute lymphoblastic leukemia", "chronic lymphocytic leukemia",
                                                   "acute myeloid leukemia", "myelodysplastic syndrome"}));
  Extraction unnamed = ExtractText("Collecting and Storing Blood and Bone Marrow Samples From Patients With Leukemia",
                                   {"Samples from patients with leukemia will be collected for this study."});
  EXPECT_TRUE(unnamed.trials.empty());
}

// The trials the patients were enrolled on, and those listed after one, are
// other studies: a study of their samples or outcomes is not named after them.
TEST(ExtractTrial, TrialsPatientsWereEnrolledOnAreOtherStudies) {
  Trial t = OnlyTrial(ExtractText(
      kTitle, {"This phase 2 study gives dasatinib to patients with leukemia.",
               "Long-term outcome is collected for patients enrolled as children on clinical trials EORTC-58741, "
               "EORTC-58831, or EORTC-58832.",
               "Samples come from younger patients registered on the COG-AALL08B1 trial."}));
  EXPECT_TRUE(t.names.empty()) << t.names.front();
}

// The denominator of a result ("11 of 17 evaluable patients") does not take
// the verb of its sentence; "395 of 488 enrolled patients" says it is the enrolment.
TEST(ExtractTrial, ResultDenominatorIsNoEnrolment) {
  Trial t = OnlyTrial(ExtractText(kTitle, {"We report on dasatinib in 24 patients with leukemia in this study.",
                                           "Nine patients (37%) developed GVHD, and 11 of 17 evaluable patients (64%) "
                                           "developed chronic GVHD."}));
  EXPECT_EQ(t.enrolled, 24);
  Trial enrolled = OnlyTrial(ExtractText(kTitle, {"We report on dasatinib in 600 patients with leukemia in this study.",
                                                  "Remission was observed in 395 of 488 enrolled patients (81%)."}));
  EXPECT_EQ(enrolled.enrolled, 488);
}

// Counts spelled in words may run to hundreds ("Nine hundred one patients",
// "One hundred and fourteen children"), patients may be qualified by a
// bracketed short form; "were randomized" is an enrolment verb though
// "randomized to" also says what patients received; a count whose clause says
// its patients left the study ("15 patients were excluded") is no enrolment,
// nor is a bracketed count of those with an event ("nausea (thirteen patients)").
TEST(ExtractTrial, EnrolmentSpelledInHundredsNotLeavers) {
  Trial spelled = OnlyTrial(ExtractText(
      kTitle, {"RESULTS: Nine hundred one patients were randomized to dasatinib or imatinib, 447 who received dasatinib.",
               "Five hundred fifty-three patients used the study drug for 4 days per week (evaluable population)."}));
  EXPECT_EQ(spelled.enrolled, 901);
  Trial hundreds = OnlyTrial(ExtractText(kTitle, {"METHODS: One hundred and fourteen children with leukemia received dasatinib."}));
  EXPECT_EQ(hundreds.enrolled, 114);
  Trial event_count = OnlyTrial(ExtractText(
      kTitle, {"METHODS: One hundred and fourteen children with leukemia received dasatinib.",
               "Minor side effects included nausea (thirteen patients) and emesis (eight patients)."}));
  EXPECT_EQ(event_count.enrolled, 114);
  Trial unhyphenated = OnlyTrial(ExtractText(kTitle, {"One hundred thirty five adult patients were randomised to dasatinib."}));
  EXPECT_EQ(unhyphenated.enrolled, 135);
  Trial tens_and_ones = OnlyTrial(ExtractText(kTitle, {"Fifty five adult patients were randomised to dasatinib."}));
  EXPECT_EQ(tens_and_ones.enrolled, 55);
  Trial bracketed = OnlyTrial(ExtractText(
      kTitle, {"Seventy-five human immunodeficiency virus (HIV)-infected patients were randomized to dasatinib.",
               "Severe toxicity occurred in 4 patients assigned to dasatinib."}));
  EXPECT_EQ(bracketed.enrolled, 75);
  Trial excluded = OnlyTrial(ExtractText(
      kTitle, {"We report on dasatinib in patients with leukemia.", "Finally, 15 patients were excluded from the study."}));
  EXPECT_FALSE(excluded.enrolled.has_value()) << *excluded.enrolled;
  Trial kept = OnlyTrial(ExtractText(
      kTitle, {"Of 120 patients enrolled on dasatinib, 15 patients withdrew before treatment."}));
  EXPECT_EQ(kept.enrolled, 120);
}

// The people a study enrols may be men, women or volunteers (rule_words.tsv
// people_noun) where the sentence enrols or treats them ("entered the trial"
// enrols); elsewhere such counts describe cases or a sex ratio. Inpatients
// and outpatients are patients (enrolment_noun) and need no verb.
TEST(ExtractTrial, EnrolmentOfPeopleBeyondPatients) {
  Trial inpatients = OnlyTrial(ExtractText(kTitle, {"Trial medication was dasatinib.", "Subjects were 1210 inpatients with leukemia."}));
  EXPECT_EQ(inpatients.enrolled, 1210);
  Trial men = OnlyTrial(ExtractText(kTitle, {"The randomized sample consisted of 234 euthymic men who received dasatinib."}));
  EXPECT_EQ(men.enrolled, 234);
  Trial entered = OnlyTrial(ExtractText(kTitle, {"To date, 23 men receiving dasatinib have entered the trial.",
                                                 "Of 20 patients evaluable for toxicity, four had stage III disease."}));
  EXPECT_EQ(entered.enrolled, 23);
  Trial participated = OnlyTrial(ExtractText(kTitle, {"Forty-one women with leukemia participated in a study of dasatinib."}));
  EXPECT_EQ(participated.enrolled, 41);
  Trial ratio = OnlyTrial(ExtractText(kTitle, {"Patients received dasatinib in this study.",
                                               "Subjects were 72 women and 67 men with leukemia."}));
  EXPECT_FALSE(ratio.enrolled.has_value()) << *ratio.enrolled;
  Trial by_sex = OnlyTrial(ExtractText(kTitle, {"Twelve women and 18 men with leukemia were enrolled in a study of dasatinib."}));
  EXPECT_EQ(by_sex.enrolled, 30);
  Trial split = OnlyTrial(ExtractText(kTitle, {"In this trial, 40 patients (22 men, 18 women) were treated with dasatinib."}));
  EXPECT_EQ(split.enrolled, 40);
}

// "In this trial we treated twelve patients", "The trial enrolled twenty-two
// adults": a count in words right after a verb of enrolment is the enrolment,
// however many words come before the verb.
TEST(ExtractTrial, CountInWordsAfterAnEnrolmentVerb) {
  Trial treated = OnlyTrial(ExtractText(kTitle, {"In this trial we treated twelve patients with dasatinib."}));
  EXPECT_EQ(treated.enrolled, 12);
  Trial enrolled = OnlyTrial(ExtractText(kTitle, {"The dasatinib trial enrolled twenty-two adults with leukemia."}));
  EXPECT_EQ(enrolled.enrolled, 22);
}

// "three patients developed decreased auditory function": a count whose verb
// says what happened to its patients counts an outcome, not the enrolment,
// unless its clause enrols them.
TEST(ExtractTrial, OutcomeCountIsNoEnrolment) {
  Trial outcome = OnlyTrial(ExtractText(kTitle, {"Patients were randomised to dasatinib once or twice daily.",
                                                 "In the twice-daily group, three patients developed hearing loss."}));
  EXPECT_FALSE(outcome.enrolled.has_value()) << *outcome.enrolled;
  Trial enrolled = OnlyTrial(ExtractText(kTitle, {"By 2010, 28 patients had been enrolled and received dasatinib."}));
  EXPECT_EQ(enrolled.enrolled, 28);
  Trial denominator = OnlyTrial(ExtractText(kTitle, {"Patients received dasatinib in this study.",
                                                     "Forty of 94 patients had thrombosis at diagnosis."}));
  EXPECT_EQ(denominator.enrolled, 94);
}

// A count in a clause a condition opens is a rule of the protocol, not the enrolment.
TEST(ExtractTrial, ConditionalCountsAreNoEnrolment) {
  for (const char* sentence :
       {"If 2 of 6 patients have a dose-limiting toxicity, the dose of dasatinib is lowered.",
        "The maximum tolerated dose of dasatinib is reached in case 2 subjects have a dose-limiting toxicity."}) {
    Trial t = OnlyTrial(ExtractText(kTitle, {"Patients with leukemia will receive dasatinib in this phase I study.",
                                             sentence}));
    EXPECT_FALSE(t.enrolled.has_value()) << sentence << ": " << *t.enrolled;
  }
  Trial stated = OnlyTrial(ExtractText(kTitle, {"Patients with leukemia will receive dasatinib in this phase I study.",
                                                "If eligible, 24 patients were treated with dasatinib."}));
  EXPECT_EQ(stated.enrolled, 24);
}

// Counts each sent to a different arm are the arms' sizes, not the
// enrolment; a total before them is the enrolment.
TEST(ExtractTrial, CountsSentToSeveralArmsAreNoEnrolment) {
  Trial sizes = OnlyTrial(ExtractText(kTitle, {"Patients were randomly assigned to dasatinib or imatinib.",
                                               "In all, 120 patients were randomized to dasatinib and 118 to imatinib."}));
  EXPECT_FALSE(sizes.enrolled.has_value()) << *sizes.enrolled;
  Trial total = OnlyTrial(ExtractText(kTitle, {"Patients were randomly assigned to dasatinib or imatinib.",
                                               "In all, 238 patients were randomized, 120 to dasatinib and 118 to imatinib."}));
  EXPECT_EQ(total.enrolled, 238);
}

// "enrolled 7,705 postmenopausal women": a count may group its thousands;
// "per 100,000 children" is a rate's base, no enrolment.
TEST(ExtractTrial, EnrolmentWithGroupedThousands) {
  Trial t = OnlyTrial(ExtractText(kTitle, {"The randomized trial of dasatinib enrolled 7,705 postmenopausal women."}));
  EXPECT_EQ(t.enrolled, 7705);
  Trial rate = OnlyTrial(ExtractText(kTitle, {"Patients will receive dasatinib in this study.",
                                              "Leukemia has an incidence of 2-4 cases per 100,000 children."}));
  EXPECT_FALSE(rate.enrolled.has_value()) << *rate.enrolled;
}

// "This is a single-center, prospective clinical study ..." describes the
// document's own study, though it names no drug; a design given to a study
// elsewhere in the text does not.
TEST(ExtractTrial, ThisIsADesignedStudyReportsItsTrial) {
  Extraction own = ExtractText("CAR T Cells in Subjects With ALL After HSCT",
                               {"This is a single-center, prospective clinical study evaluating CAR T cells in subjects "
                                "with acute lymphoblastic leukemia after transplantation."});
  EXPECT_EQ(own.trials.size(), 1u);
  Extraction other = ExtractText("Blastocyst transfer and preterm birth in women with leukemia",
                                 {"Women with leukemia were analysed in a retrospective, multicenter study of "
                                  "registry data."});
  EXPECT_TRUE(other.trials.empty());
}

// A title's acronym defined for a study's long form, written as a study, or
// bracketed after the trial noun is the trial's name; a group's is not.
TEST(ExtractTrial, TitleAcronymsOfTheStudy) {
  auto names = [](const std::string& title) {
    return OnlyTrial(ExtractText(title, {"Patients with leukemia received dasatinib in this randomized trial."})).names;
  };
  EXPECT_EQ(names("Renal function in leukemia: results from the studies of left ventricular dysfunction (SOLVD)"),
            std::vector<std::string>{"SOLVD"});
  EXPECT_EQ(names("Cardiac Angiography in Renally Impaired Patients (CARE) study: a randomized trial in leukemia"),
            std::vector<std::string>{"CARE"});
  EXPECT_EQ(names("Tolerability in leukemia: results of the gastrointestinal tolerability and effectiveness trial (EDGE-II)"),
            std::vector<std::string>{"EDGE-II"});
  // A long form naming drugs is still a study when it ends with the trial noun, or sets the drugs against each other.
  EXPECT_EQ(names("Results of the etoposide vs doxorubicin gastrointestinal tolerability and effectiveness trial (EDGE-II) in leukemia"),
            std::vector<std::string>{"EDGE-II"});
  EXPECT_EQ(names("CARPALL: Immunotherapy With Dasatinib for Leukemia"), std::vector<std::string>{"CARPALL"});
  EXPECT_EQ(names("PACE-CALL: Dasatinib for Survivors of Leukemia"), std::vector<std::string>{"PACE-CALL"});
  EXPECT_EQ(names("ProphyALL - Study on the Safety of Dasatinib in Leukemia"), std::vector<std::string>{"ProphyALL"});
  EXPECT_TRUE(names("Dasatinib - Study on the Safety of a Drug in Leukemia").empty());
  EXPECT_EQ(names("Design and analysis of the HYPREN-trial of dasatinib in leukemia"), std::vector<std::string>{"HYPREN"});
  EXPECT_TRUE(names("The Japan Adult Leukemia Study Group (JALSG) experience with dasatinib").empty());
  EXPECT_TRUE(names("The Southwest Oncology Group (SWOG) study of dasatinib in leukemia").empty());
}

// Indolent lymphoma is non-Hodgkin lymphoma (it includes T-cell entities),
// not B-cell lymphoma; "B cell NHL" is spelt with a space too.
TEST(ExtractTrial, IndolentLymphomaIsNonHodgkinLymphoma) {
  Trial indolent = OnlyTrial(ExtractText("Thalidomide in relapsed or refractory indolent lymphomas: a phase II trial",
                                         {"24 patients with relapsed indolent lymphomas received thalidomide."}));
  EXPECT_EQ(Diseases(indolent), std::vector<std::string>{"non-Hodgkin lymphoma"});
  Trial b_cell = OnlyTrial(ExtractText("Blinatumomab for relapsed B cell NHL: a phase II trial",
                                       {"24 patients with relapsed B cell NHL received blinatumomab."}));
  EXPECT_EQ(Diseases(b_cell), std::vector<std::string>{"B-cell non-Hodgkin lymphoma"});
}

// "T-cell lymphoblastic leukaemia and lymphoma": the lymphoma shares the
// leukaemia's modifiers (T-cell lymphoblastic lymphoma).
TEST(ExtractTrial, ElidedModifiersAreShared) {
  Trial t = OnlyTrial(ExtractText(
      "Salvage therapy with nelarabine in relapsed/refractory paediatric T-cell lymphoblastic leukaemia and lymphoma",
      {"Nelarabine was used as salvage therapy in seven children in this phase 2 study."}));
  EXPECT_EQ(Diseases(t), (std::vector<std::string>{"T-cell acute lymphoblastic leukemia", "lymphoblastic lymphoma"}));
  // A short form shares what it stands for: "T-cell ALL or lymphoma" is no T-cell (peripheral) lymphoma.
  Trial short_form = OnlyTrial(ExtractText(
      "Salvage therapy with nelarabine in relapsed T-cell ALL or lymphoma",
      {"Nelarabine was used as salvage therapy in seven children in this phase 2 study."}));
  EXPECT_EQ(Diseases(short_form),
            (std::vector<std::string>{"T-cell acute lymphoblastic leukemia", "lymphoblastic lymphoma"}));
}

// "acute myeloid and acute lymphoblastic leukemia": the words before the
// conjunction name acute myeloid leukemia with the head left out.
TEST(ExtractTrial, ElidedHeadIsShared) {
  Trial t = OnlyTrial(ExtractText(
      "Carfilzomib in patients with relapsed acute myeloid and acute lymphoblastic leukemia",
      {"Twenty patients were treated with escalating doses of carfilzomib in this phase 1 study."}));
  EXPECT_EQ(Diseases(t), (std::vector<std::string>{"acute myeloid leukemia", "acute lymphoblastic leukemia"}));
}

// A disease the treatment is to prevent ("in preventing graft-versus-host
// disease", "GVHD prophylaxis") is a risk the patients run, not a population.
TEST(ExtractTrial, PreventedDiseaseIsNoPopulation) {
  Trial t = OnlyTrial(ExtractText(
      "Sirolimus in preventing graft-versus-host disease in young patients undergoing transplant for acute "
      "lymphoblastic leukemia",
      {"In this phase 3 study, patients with acute lymphoblastic leukemia receive graft-versus-host disease (GVHD) "
       "prophylaxis with tacrolimus and sirolimus.",
       "Patients with GVHD prophylaxis failure will be followed."}));
  EXPECT_EQ(Diseases(t), std::vector<std::string>{"acute lymphoblastic leukemia"});
  // "prophylaxis for" names the patients as often as the risk: "CNS prophylaxis for adult ALL".
  Trial cns = OnlyTrial(ExtractText("Liposomal cytarabine CNS prophylaxis for acute lymphoblastic leukemia",
                                    {"In this phase 2 study, adults receive liposomal cytarabine."}));
  EXPECT_EQ(Diseases(cns), std::vector<std::string>{"acute lymphoblastic leukemia"});
}

// Patients with no disease a vocabulary names ("healthy volunteers",
// "patients treated for headache, nausea, or vomiting") are still described by
// their age limits and age group, as a population without a disease ("" in
// the JSON, which types it a string); a study that states neither gets no population.
TEST(ExtractTrial, AgesDescribePatientsWithoutDisease) {
  Extraction x = ExtractText(
      "Intravenous prochlorperazine by infusion versus bolus",
      {"In this randomized trial, patients aged 18 years or older treated with prochlorperazine for nausea were "
       "eligible."});
  Trial t = OnlyTrial(x);
  ASSERT_EQ(t.populations.size(), 1u);
  EXPECT_EQ(t.populations[0].disease, "");
  EXPECT_EQ(t.populations[0].age.min, 18.0);
  EXPECT_EQ(ExtractionToJson(x)["trials"][0]["populations"][0]["disease"], "");
  Trial healthy = OnlyTrial(ExtractText("Cinacalcet and desipramine pharmacokinetics",
                                        {"In this randomized crossover study, healthy adults received cinacalcet."}));
  ASSERT_EQ(healthy.populations.size(), 1u);
  EXPECT_EQ(healthy.populations[0].age_group, "adult");
  Trial unstated = OnlyTrial(ExtractText("Cinacalcet and desipramine pharmacokinetics",
                                         {"In this randomized crossover study, healthy subjects received cinacalcet."}));
  EXPECT_TRUE(unstated.populations.empty());
}

// "adults (18 years or older)": older and younger compare ages, so the
// sentence states an age limit without the word "age".
TEST(ExtractTrial, OlderOrYoungerStatesAge) {
  Trial t = OnlyTrial(ExtractText(
      "Imatinib in acute lymphoblastic leukemia",
      {"Adults (18 years or older) with newly diagnosed acute lymphoblastic leukemia received imatinib in this "
       "phase 2 trial."}));
  ASSERT_EQ(t.populations.size(), 1u);
  EXPECT_EQ(t.populations[0].age.min, 18.0);
}

// Older MEDLINE spells the signs out ("> or =", "<or="), registry text in
// words ("greater than or equal to 2 years", "10 to less than 20 years"), and
// a bracket that holds only a bound in years ("elderly patients (>or=65
// years)") states an age limit without the word "age".
TEST(ExtractTrial, SpelledOutSignsAndBracketedBoundsStateAge) {
  struct Case {
    const char* sentence;
    std::optional<double> min, max;
  };
  for (const Case& c : std::vector<Case>{
           {"Elderly patients (>or=65 years) with acute lymphoblastic leukemia received imatinib in this phase 2 trial.",
            65, std::nullopt},
           {"Patients aged > or =60 years with acute lymphoblastic leukemia received imatinib in this phase 2 trial.",
            60, std::nullopt},
           {"Children (<or=18 years) with acute lymphoblastic leukemia received imatinib in this phase 2 trial.",
            std::nullopt, 18},
           {"Children (greater than or equal to 2 years and < 21 years of age) with acute lymphoblastic leukemia "
            "received imatinib in this phase 2 trial.",
            2, 21},
           {"Children aged 10 to less than 20 years of age with acute lymphoblastic leukemia received imatinib in "
            "this phase 2 trial.",
            10, 20}}) {
    Trial t = OnlyTrial(ExtractText("Imatinib in acute lymphoblastic leukemia", {c.sentence}));
    ASSERT_EQ(t.populations.size(), 1u) << c.sentence;
    EXPECT_EQ(t.populations[0].age.min, c.min) << c.sentence;
    EXPECT_EQ(t.populations[0].age.max, c.max) << c.sentence;
  }
}

// A negated state is no setting: "93% had no detectable minimal residual disease" reports a result of patients in
// first relapse, not an MRD-positive population.
TEST(ExtractTrial, NegatedStateIsNoSetting) {
  Trial t = OnlyTrial(ExtractText(
      "Inotuzumab with mini-hyper-CVD for ALL in first relapse",
      {"Forty-eight patients with ALL in first relapse were treated in this phase 2 study.",
       "Among responders, 93% of patients had no detectable minimal residual disease."}));
  ASSERT_EQ(t.populations.size(), 1u);
  EXPECT_TRUE(Has(t.populations[0].settings, "first salvage"));
  EXPECT_FALSE(Has(t.populations[0].settings, "MRD-positive"));
}

// A single disease above another one named for the same patients is a
// population of its own (ALL beside lymphoblastic lymphoma, its kind in the
// vocabulary); only a heterogeneous group is a list's heading.
TEST(ExtractTrial, SingleDiseaseAboveAListedKindIsAPopulation) {
  Trial t = OnlyTrial(ExtractText(
      "Sirolimus and methotrexate in children",
      {"This is a phase 2 study in patients with second relapse of ALL or NHL (lymphoblastic lymphoma or peripheral "
       "T-cell lymphoma)."}));
  std::vector<std::string> diseases = Diseases(t);
  EXPECT_TRUE(Has(diseases, "acute lymphoblastic leukemia"));
  EXPECT_TRUE(Has(diseases, "lymphoblastic lymphoma"));
  EXPECT_TRUE(Has(diseases, "peripheral T-cell lymphoma"));
}

// "childhood acute lymphoblastic leukemia" is one disease name in the
// vocabulary, and its opening word still names the patients' age group;
// eligibility limits say it more surely ("aged 18 to 39": adult survivors).
TEST(ExtractTrial, AgeGroupOpeningADiseaseName) {
  Trial t = OnlyTrial(ExtractText("Imatinib in childhood acute lymphoblastic leukemia",
                                  {"In this phase 2 study, patients receive imatinib daily."}));
  ASSERT_EQ(t.populations.size(), 1u);
  EXPECT_EQ(t.populations[0].age_group, "pediatric");
  Trial survivors = OnlyTrial(ExtractText("Atorvastatin in survivors of childhood acute lymphoblastic leukemia",
                                          {"In this randomized trial, survivors aged 18 to 39 years receive atorvastatin."}));
  ASSERT_EQ(survivors.populations.size(), 1u);
  EXPECT_EQ(survivors.populations[0].age_group, "adult");
}

// A phase written in capitals up to a colon heads a part of the protocol's
// outline ("INDUCTION THERAPY: Patients continue to receive imatinib"), not
// the population's setting; the same phase in prose still is one.
TEST(ExtractTrial, CapitalsOutlineHeadingIsNoSetting) {
  auto settings = [](const std::string& sentence) {
    Trial t = OnlyTrial(ExtractText(kTitle, {"This phase 2 study gives imatinib to patients with leukemia.", sentence}));
    return t.populations.empty() ? std::vector<std::string>{} : t.populations[0].settings;
  };
  EXPECT_TRUE(settings("OUTLINE: INDUCTION THERAPY: Patients continue to receive imatinib orally.").empty());
  EXPECT_TRUE(settings("MAINTENANCE (COURSES 9-32): Patients receive imatinib orally.").empty());
  EXPECT_EQ(settings("Patients with leukemia receive imatinib as induction therapy."),
            std::vector<std::string>{"induction"});
}

// A state written as an item of a list of treatment phases or of outcomes
// is a phase of the protocol ("induction, consolidation, reinduction and
// continuation-therapy phases") or an outcome to be measured ("overall
// survival and relapse"), not the patients' state; it is theirs elsewhere.
TEST(ExtractTrial, StateListedWithPhasesOrOutcomesIsNoSetting) {
  auto settings = [](const std::string& sentence) {
    Trial t = OnlyTrial(ExtractText("Vincristine pulses for acute lymphoblastic leukemia",
                                    {"In this phase 3 trial, children with acute lymphoblastic leukemia receive vincristine.",
                                     sentence}));
    return t.populations.empty() ? std::vector<std::string>{} : t.populations[0].settings;
  };
  EXPECT_FALSE(Has(settings("All patients are treated with protocols which include induction, consolidation, "
                            "reinduction and continuation-therapy phases."),
                   "relapsed/refractory"));
  EXPECT_FALSE(Has(settings("Compare overall survival and relapse in these patients."), "relapsed/refractory"));
  EXPECT_TRUE(Has(settings("Patients with relapsed or refractory disease are eligible."), "relapsed/refractory"));
}

// "the incidence of relapse", "rates of disease relapse": a state written as
// a noun after a word that measures it is an outcome; as the patients'
// adjective ("the cure rate of relapsed leukemia") it is still theirs.
TEST(ExtractTrial, StateMeasuredAsOutcomeIsNoSetting) {
  auto settings = [](const std::string& sentence) {
    Trial t = OnlyTrial(ExtractText("Haploidentical transplant for acute lymphoblastic leukemia",
                                    {"In this phase 2 trial, patients with acute lymphoblastic leukemia receive "
                                     "fludarabine.",
                                     sentence}));
    return t.populations.empty() ? std::vector<std::string>{} : t.populations[0].settings;
  };
  EXPECT_FALSE(Has(settings("To determine rates of disease relapse in these patients."), "relapsed/refractory"));
  EXPECT_FALSE(Has(settings("Transplant may lower the incidence of relapse in these patients."), "relapsed/refractory"));
  EXPECT_TRUE(Has(settings("The aim is to improve the cure rate of relapsed leukemia in these patients."),
                  "relapsed/refractory"));
}

// Registry conditions spell diseases as inverted MeSH headings ("Leukemia,
// Myelogenous, Chronic"): each names its curated disease, not the bare head.
TEST(ExtractTrial, InvertedMeshHeadingsNameCuratedDiseases) {
  for (const auto& [heading, disease] : std::vector<std::pair<std::string, std::string>>{
           {"Leukemia, Myelogenous, Chronic", "chronic myeloid leukemia"},
           {"Leukemia, Lymphocytic, Chronic", "chronic lymphocytic leukemia"},
           {"Leukemia, Lymphoblastic, Acute", "acute lymphoblastic leukemia"},
           {"Leukemia, Myelomonocytic, Acute", "acute myeloid leukemia"},
           {"Lymphoma, Small Lymphocytic", "small lymphocytic lymphoma"},
           {"Anemia, Refractory, with Excess of Blasts", "myelodysplastic syndrome"}}) {
    Trial t = OnlyTrial(ExtractText("A phase 2 study of dasatinib in " + heading,
                                    {"This phase 2 study gives dasatinib to patients with " + heading + "."}));
    EXPECT_EQ(Diseases(t), std::vector<std::string>{disease}) << heading;
  }
}

// Ph-like (BCR-ABL1-like) ALL is a B-cell precursor ALL.
TEST(ExtractTrial, PhLikeAllIsBCellPrecursorAll) {
  Trial t = OnlyTrial(ExtractText("Chidamide and dasatinib for adult Ph-like ALL",
                                  {"The purpose of this study is to give dasatinib to adults with Ph-like ALL."}));
  EXPECT_EQ(Diseases(t), std::vector<std::string>{"B-cell precursor acute lymphoblastic leukemia"});
}

// A Ph status is the population's whose disease it is written on: "Ph+ ALL"
// (a spelling that opens with it, or an attribute before the disease) makes
// the ALL population positive, not the CML beside it; one written on another
// disease does not reach the main one; one written on no disease is the
// main population's.
TEST(ExtractTrial, PhStatusStaysWithItsDisease) {
  auto ph = [](const std::string& title, const std::string& sentence) {
    Trial t = OnlyTrial(ExtractText(title, {"This phase II study gives imatinib to patients with leukemia.", sentence}));
    std::vector<std::string> statuses;
    for (const Population& p : t.populations) statuses.push_back(p.disease + ":" + p.ph_status.value_or("none"));
    return statuses;
  };
  EXPECT_EQ(ph("A phase II study of dasatinib in Ph-positive acute lymphoblastic leukemia or chronic myeloid leukemia",
               "Patients with Ph-positive ALL or CML receive dasatinib."),
            (std::vector<std::string>{"acute lymphoblastic leukemia:positive", "chronic myeloid leukemia:none"}));
  EXPECT_EQ(ph("A phase II study of imatinib in acute lymphoblastic leukemia",
               "Philadelphia chromosome-positive CML is excluded."),
            std::vector<std::string>{"acute lymphoblastic leukemia:none"});
  EXPECT_EQ(ph("A phase II study of imatinib in Ph+ ALL", "Patients with Ph+ ALL receive imatinib."),
            std::vector<std::string>{"acute lymphoblastic leukemia:positive"});
  EXPECT_EQ(ph("A phase II study of imatinib in acute lymphoblastic leukemia",
               "Patients must be Ph-negative to be eligible."),
            std::vector<std::string>{"acute lymphoblastic leukemia:negative"});
}

}  // namespace
}  // namespace trialgraph::ingest
