#include "ingest/evaluate.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace trialgraph::ingest {
namespace {

using json = nlohmann::json;

// Shaped like shared/seeds/gold/000_*.json, plus a not_trials list.
json Gold() {
  return json::parse(R"({
    "source": "000_x.txt",
    "ids": {"doi": "10.1186/s13045-024-01597-8", "nct": ["NCT05557110"]},
    "trials": [{
      "registry_ids": ["NCT05557110"], "phase": "2", "design": ["single-arm", "multicenter"], "enrolled": 35,
      "populations": [{"disease": "B-cell precursor acute lymphoblastic leukemia", "ph_status": "negative",
                       "settings": ["newly diagnosed", "induction"]}],
      "arms": [{"regimen": {"drugs": ["idarubicin", "vindesine", "dexamethasone", "blinatumomab"],
                            "modifiers": ["reduced-dose", "sequential"]}}],
      "endpoints": [
        {"kind": "composite complete remission", "value": 94, "unit": "%", "count": 33, "of": 35, "primary": true},
        {"kind": "MRD negativity", "value": 86, "unit": "%", "count": 30},
        {"kind": "complete remission", "value": 100, "unit": "%", "count": 35, "of": 35},
        {"kind": "MRD negativity", "value": 89, "unit": "%", "count": 31, "of": 35},
        {"kind": "time to complete remission", "statistic": "median", "value": 22, "unit": "days"},
        {"kind": "overall survival", "value": 97.1, "unit": "%", "timepoint": "1 year"},
        {"kind": "progression-free survival", "value": 82.2, "unit": "%", "timepoint": "1 year"}],
      "adverse_events": [
        {"name": "pneumonia", "grade": ">=3", "value": 17, "unit": "%"},
        {"name": "cytokine release syndrome", "grade": ">=3", "value": 9, "unit": "%"}]
    }],
    "not_trials": ["polycythemia vera", "liso-cel"]})");
}

// What a flawless extractor prints for Gold(): every EXTRACT.md field, including the
// ones gold leaves out, so scoring must ignore them.
json PerfectPrediction(const json& gold) {
  json doc = gold;
  doc.erase("not_trials");
  doc["format"] = "text";
  doc["title"] = "Reduced-dose chemotherapy with blinatumomab";
  doc["ids"]["pmid"] = "11111111";
  doc["ids"]["pmcid"] = nullptr;
  for (json& trial : doc["trials"]) {
    trial["names"] = {"a name gold does not list"};
    for (json& population : trial["populations"]) {
      population["age"] = {{"min", 18}, {"max", 65}, {"median", 41}};
      population["age_group"] = "adult";
    }
    for (json& arm : trial["arms"]) {
      arm["label"] = "Arm A";
      arm["regimen"]["name"] = "VID + blinatumomab";
      arm["n"] = 35;
    }
    for (json& endpoint : trial["endpoints"]) {
      for (const char* key : {"statistic", "unit", "timepoint", "p"}) endpoint.emplace(key, "unscored");
      endpoint.emplace("primary", false);
      endpoint.emplace("ci", json::array({1, 2}));
      endpoint["arm"] = 0;
      endpoint["evidence"] = {{"start", 0}, {"end", 10}};
    }
    for (json& event : trial["adverse_events"]) event["arm"] = 0;
  }
  return doc;
}

EvalReport Score(const json& predicted, const json& gold = Gold()) {
  EvalReport report;
  ScoreDocument(predicted, gold, &report);
  return report;
}

json& FirstTrial(json& doc) { return doc["trials"][0]; }

bool Contains(const std::vector<std::string>& lines, const std::string& text) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& line) { return line.find(text) != std::string::npos; });
}

void ExpectPerfect(const EvalReport& report) {
  for (const auto& [name, score] : report.fields) {
    EXPECT_DOUBLE_EQ(score.Precision(), 1.0) << name;
    EXPECT_DOUBLE_EQ(score.Recall(), 1.0) << name;
    EXPECT_DOUBLE_EQ(score.F1(), 1.0) << name;
  }
  EXPECT_TRUE(report.misses.empty()) << report.misses.front();
  EXPECT_TRUE(report.false_positives.empty()) << report.false_positives.front();
}

TEST(FieldScore, RatiosOfCounts) {
  FieldScore score{.gold = 2, .predicted = 4, .true_positive = 1};
  EXPECT_DOUBLE_EQ(score.Precision(), 0.25);
  EXPECT_DOUBLE_EQ(score.Recall(), 0.5);
  EXPECT_DOUBLE_EQ(score.F1(), 1.0 / 3.0);
}

TEST(FieldScore, EmptyDenominatorsAreOneAndNothingRightIsZero) {
  FieldScore empty;
  EXPECT_DOUBLE_EQ(empty.Precision(), 1.0);
  EXPECT_DOUBLE_EQ(empty.Recall(), 1.0);
  FieldScore all_wrong{.gold = 3, .predicted = 2, .true_positive = 0};
  EXPECT_DOUBLE_EQ(all_wrong.F1(), 0.0);
}

TEST(ScoreDocument, PerfectPredictionScoresOneEverywhere) {
  EvalReport report = Score(PerfectPrediction(Gold()));
  ExpectPerfect(report);
  for (const char* field : {"ids.doi", "ids.nct", "trial", "trial.registry_ids", "trial.phase", "trial.design",
                            "trial.enrolled", "population.disease", "population.ph_status", "population.settings",
                            "arm.regimen", "arm.modifiers", "arm.drugs", "endpoint", "endpoint.count",
                            "endpoint.of", "endpoint.primary", "endpoint.statistic", "endpoint.timepoint",
                            "adverse_event", "adverse_event.grade", "adverse_event.value", "not_trials"}) {
    EXPECT_EQ(report.fields.count(field), 1u) << field;
  }
  EXPECT_EQ(report.fields.at("endpoint").gold, 7u);
  EXPECT_EQ(report.fields.at("endpoint.count").gold, 4u);
  EXPECT_EQ(report.fields.at("arm.drugs").true_positive, 4u);
  FieldScore total = report.Total();
  EXPECT_GT(total.gold, 40u);
  EXPECT_EQ(total.true_positive, total.gold);
  EXPECT_EQ(total.predicted, total.gold);
}

TEST(ScoreDocument, FieldsAbsentInGoldAreNotScored) {
  EvalReport report = Score(PerfectPrediction(Gold()));
  for (const char* field : {"ids.pmid", "ids.pmcid", "trial.names", "population.age.min", "population.age.median",
                            "population.age_group", "arm.n", "endpoint.p", "endpoint.ci"}) {
    EXPECT_EQ(report.fields.count(field), 0u) << field;
  }
  // Only the one endpoint whose gold gives "primary" is scored for it, though every prediction says false/true.
  EXPECT_EQ(report.fields.at("endpoint.primary").predicted, 1u);
  EXPECT_EQ(report.fields.at("endpoint.statistic").predicted, 1u);
}

TEST(ScoreDocument, MissingEndpointLowersRecallByOneOverN) {
  json predicted = PerfectPrediction(Gold());
  FirstTrial(predicted)["endpoints"].erase(5);  // overall survival 97.1 % @1 year
  EvalReport report = Score(predicted);
  const FieldScore& endpoint = report.fields.at("endpoint");
  EXPECT_DOUBLE_EQ(endpoint.Recall(), 6.0 / 7.0);
  EXPECT_DOUBLE_EQ(endpoint.Precision(), 1.0);
  EXPECT_TRUE(Contains(report.misses, "000_x.txt: endpoint overall survival 97.1 % @1 year"));
  EXPECT_DOUBLE_EQ(report.fields.at("endpoint.timepoint").Recall(), 1.0 / 2.0);
}

TEST(ScoreDocument, ExtraEndpointLowersPrecision) {
  json predicted = PerfectPrediction(Gold());
  FirstTrial(predicted)["endpoints"].push_back(
      {{"kind", "event-free survival"}, {"value", 70}, {"unit", "%"}, {"primary", false}});
  EvalReport report = Score(predicted);
  const FieldScore& endpoint = report.fields.at("endpoint");
  EXPECT_DOUBLE_EQ(endpoint.Precision(), 7.0 / 8.0);
  EXPECT_DOUBLE_EQ(endpoint.Recall(), 1.0);
  EXPECT_TRUE(Contains(report.false_positives, "endpoint event-free survival 70 %"));
}

TEST(ScoreDocument, ExtraAdverseEventLowersPrecision) {
  json predicted = PerfectPrediction(Gold());
  FirstTrial(predicted)["adverse_events"].push_back({{"name", "sepsis"}, {"value", 6}, {"unit", "%"}});
  const FieldScore event = Score(predicted).fields.at("adverse_event");  // a copy: the report is a temporary
  EXPECT_DOUBLE_EQ(event.Precision(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(event.Recall(), 1.0);
}

TEST(ScoreDocument, EndpointValueMustMatchWithinTolerance) {
  json predicted = PerfectPrediction(Gold());
  FirstTrial(predicted)["endpoints"][5]["value"] = 97.14;
  FirstTrial(predicted)["endpoints"][6]["value"] = 82.3;
  const FieldScore endpoint = Score(predicted).fields.at("endpoint");  // a copy: the report is a temporary
  EXPECT_EQ(endpoint.true_positive, 6u);
  EXPECT_EQ(endpoint.predicted, 7u);
}

TEST(ScoreDocument, ScalarNumbersMatchWithinTolerance) {
  json predicted = PerfectPrediction(Gold());
  FirstTrial(predicted)["enrolled"] = 35.0000001;
  FirstTrial(predicted)["endpoints"][0]["count"] = 33.0000004;
  FirstTrial(predicted)["endpoints"][1]["count"] = 30.001;
  EvalReport report = Score(predicted);
  EXPECT_EQ(report.fields.at("trial.enrolled").true_positive, 1u);
  EXPECT_EQ(report.fields.at("endpoint.count").true_positive, 3u);
  EXPECT_TRUE(Contains(report.misses, "endpoint.count of endpoint MRD negativity 86 %: 30 (predicted 30.001)"));
}

TEST(ScoreDocument, ConfidenceIntervalsCompareElementwise) {
  json gold = Gold();
  FirstTrial(gold)["endpoints"][5]["ci"] = {0.23, 0.73};
  json predicted = PerfectPrediction(gold);
  FirstTrial(predicted)["endpoints"][5]["ci"] = {0.2300000001, 0.73};
  EXPECT_EQ(Score(predicted, gold).fields.at("endpoint.ci").true_positive, 1u);
  FirstTrial(predicted)["endpoints"][5]["ci"] = {0.23, 0.74};
  EXPECT_EQ(Score(predicted, gold).fields.at("endpoint.ci").true_positive, 0u);
}

TEST(ScoreDocument, TimepointSpellingsNormalise) {
  json predicted = PerfectPrediction(Gold());
  FirstTrial(predicted)["endpoints"][5]["timepoint"] = "1-Year";
  FirstTrial(predicted)["endpoints"][6]["timepoint"] = "1 years";
  EXPECT_EQ(Score(predicted).fields.at("endpoint").true_positive, 7u);
  FirstTrial(predicted)["endpoints"][6]["timepoint"] = "2 years";
  EXPECT_EQ(Score(predicted).fields.at("endpoint").true_positive, 6u);
}

TEST(ScoreDocument, StringsCompareCaseInsensitively) {
  json predicted = PerfectPrediction(Gold());
  predicted["ids"]["doi"] = "10.1186/S13045-024-01597-8";
  FirstTrial(predicted)["populations"][0]["ph_status"] = "Negative";
  FirstTrial(predicted)["populations"][0]["settings"] = {"Induction", "Newly Diagnosed"};
  FirstTrial(predicted)["adverse_events"][0]["name"] = "Pneumonia";
  FirstTrial(predicted)["endpoints"][1]["kind"] = "mrd negativity";
  ExpectPerfect(Score(predicted));
}

TEST(ScoreDocument, WrongScalarIsMissedAndStillPredicted) {
  json predicted = PerfectPrediction(Gold());
  FirstTrial(predicted)["phase"] = "3";
  EvalReport report = Score(predicted);
  const FieldScore& phase = report.fields.at("trial.phase");
  EXPECT_EQ(phase.gold, 1u);
  EXPECT_EQ(phase.predicted, 1u);
  EXPECT_EQ(phase.true_positive, 0u);
  EXPECT_TRUE(Contains(report.misses, "trial.phase: 2 (predicted 3)"));
}

TEST(ScoreDocument, NullPredictionIsMissedButNotPredicted) {
  json predicted = PerfectPrediction(Gold());
  FirstTrial(predicted)["enrolled"] = nullptr;
  const FieldScore enrolled = Score(predicted).fields.at("trial.enrolled");  // a copy: the report is a temporary
  EXPECT_EQ(enrolled.gold, 1u);
  EXPECT_EQ(enrolled.predicted, 0u);
}

TEST(ScoreDocument, ArmDrugOrderDoesNotMatter) {
  json predicted = PerfectPrediction(Gold());
  FirstTrial(predicted)["arms"][0]["regimen"]["drugs"] = {"blinatumomab", "Dexamethasone", "vindesine", "idarubicin"};
  EvalReport report = Score(predicted);
  ExpectPerfect(report);
  EXPECT_EQ(report.fields.at("arm.regimen").true_positive, 1u);
}

TEST(ScoreDocument, DifferentDrugSetMissesRegimenButKeepsDrugOverlap) {
  json predicted = PerfectPrediction(Gold());
  FirstTrial(predicted)["arms"][0]["regimen"]["drugs"] = {"idarubicin", "vindesine", "dexamethasone"};
  EvalReport report = Score(predicted);
  EXPECT_EQ(report.fields.at("arm.regimen").true_positive, 0u);
  EXPECT_EQ(report.fields.at("arm.regimen").predicted, 1u);
  EXPECT_EQ(report.fields.at("arm.modifiers").true_positive, 0u);
  EXPECT_EQ(report.fields.at("arm.modifiers").gold, 2u);
  const FieldScore& drugs = report.fields.at("arm.drugs");
  EXPECT_EQ(drugs.true_positive, 3u);
  EXPECT_DOUBLE_EQ(drugs.Recall(), 3.0 / 4.0);
  EXPECT_DOUBLE_EQ(drugs.Precision(), 1.0);
  EXPECT_TRUE(Contains(report.misses, "arm blinatumomab + dexamethasone + idarubicin + vindesine"));
}

TEST(ScoreDocument, ArmsPairWithDistinctPredictedArms) {
  json gold = Gold();
  FirstTrial(gold)["arms"] = json::parse(R"([{"regimen": {"drugs": ["blinatumomab"]}, "n": 112},
                                              {"regimen": {"drugs": []}, "n": 112}])");
  json predicted = PerfectPrediction(gold);
  FirstTrial(predicted)["arms"] = json::parse(R"([{"regimen": {"drugs": []}, "n": 112},
                                                   {"regimen": {"drugs": ["blinatumomab"]}, "n": 111},
                                                   {"regimen": {"drugs": ["blinatumomab"]}, "n": 112}])");
  EvalReport report = Score(predicted, gold);
  const FieldScore& regimen = report.fields.at("arm.regimen");
  EXPECT_EQ(regimen.true_positive, 2u);
  EXPECT_EQ(regimen.predicted, 3u);
  EXPECT_EQ(report.fields.at("arm.n").true_positive, 2u);  // the blinatumomab arm of the same size pairs
  EXPECT_EQ(report.fields.at("arm.drugs").predicted, 1u);
  EXPECT_TRUE(Contains(report.false_positives, "arm blinatumomab"));
}

TEST(ScoreDocument, ArmsOfOneDrugSetPairBySizeThenModifiers) {
  json gold = Gold();
  FirstTrial(gold)["arms"] = json::parse(R"([
      {"regimen": {"drugs": ["imatinib"], "modifiers": ["maintenance"]}, "n": 20},
      {"regimen": {"drugs": ["imatinib"], "modifiers": ["induction"]}, "n": 30},
      {"regimen": {"drugs": ["imatinib"], "modifiers": ["induction"]}, "n": 40}])");
  json predicted = PerfectPrediction(gold);
  FirstTrial(predicted)["arms"] = json::parse(R"([
      {"regimen": {"drugs": ["imatinib"], "modifiers": ["induction"]}, "n": 40},
      {"regimen": {"drugs": ["imatinib"], "modifiers": ["induction"]}, "n": 30},
      {"regimen": {"drugs": ["imatinib"], "modifiers": ["maintenance"]}, "n": 25}])");
  EvalReport report = Score(predicted, gold);
  EXPECT_EQ(report.fields.at("arm.regimen").true_positive, 3u);
  EXPECT_EQ(report.fields.at("arm.n").true_positive, 2u);
  EXPECT_EQ(report.fields.at("arm.modifiers").true_positive, 3u);
  EXPECT_TRUE(Contains(report.misses, "arm.n of arm imatinib: 20 (predicted 25)"));
}

TEST(ScoreDocument, EndpointDetailsAreSeparateFacts) {
  json predicted = PerfectPrediction(Gold());
  FirstTrial(predicted)["endpoints"][3]["count"] = 30;
  FirstTrial(predicted)["endpoints"][3].erase("of");
  EvalReport report = Score(predicted);
  EXPECT_EQ(report.fields.at("endpoint").true_positive, 7u);
  EXPECT_DOUBLE_EQ(report.fields.at("endpoint.count").Recall(), 3.0 / 4.0);
  EXPECT_DOUBLE_EQ(report.fields.at("endpoint.of").Recall(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(report.fields.at("endpoint.of").Precision(), 1.0);
}

TEST(ScoreDocument, MissedEndpointAlsoMissesItsDetails) {
  json predicted = PerfectPrediction(Gold());
  FirstTrial(predicted)["endpoints"].erase(0);  // the primary composite complete remission 33/35
  EvalReport report = Score(predicted);
  EXPECT_EQ(report.fields.at("endpoint.primary").true_positive, 0u);
  EXPECT_EQ(report.fields.at("endpoint.primary").gold, 1u);
  EXPECT_EQ(report.fields.at("endpoint.count").true_positive, 3u);
}

TEST(ScoreDocument, DuplicateEndpointsNeedDistinctPredictions) {
  json gold = Gold();
  FirstTrial(gold)["endpoints"] = json::parse(R"([{"kind": "overall survival", "value": 85, "timepoint": "3 years"},
                                                   {"kind": "overall survival", "value": 85, "timepoint": "3 years"}])");
  json predicted = PerfectPrediction(gold);
  FirstTrial(predicted)["endpoints"].erase(1);
  const FieldScore endpoint = Score(predicted, gold).fields.at("endpoint");  // a copy: the report is a temporary
  EXPECT_EQ(endpoint.true_positive, 1u);
  EXPECT_EQ(endpoint.gold, 2u);
}

TEST(ScoreDocument, EndpointPrefersCandidateAgreeingOnDetails) {
  json predicted = PerfectPrediction(Gold());
  json decoy = FirstTrial(predicted)["endpoints"][1];
  decoy["count"] = 29;
  FirstTrial(predicted)["endpoints"].insert(FirstTrial(predicted)["endpoints"].begin(), decoy);
  EvalReport report = Score(predicted);
  EXPECT_EQ(report.fields.at("endpoint.count").true_positive, 4u);
  EXPECT_TRUE(Contains(report.false_positives, "endpoint MRD negativity 86 %"));
}

TEST(ScoreDocument, AdverseEventMatchesOnNameThenScoresDetails) {
  json predicted = PerfectPrediction(Gold());
  FirstTrial(predicted)["adverse_events"][0]["grade"] = "any";
  FirstTrial(predicted)["adverse_events"][1]["value"] = 9.04;
  EvalReport report = Score(predicted);
  EXPECT_EQ(report.fields.at("adverse_event").true_positive, 2u);
  EXPECT_EQ(report.fields.at("adverse_event.grade").true_positive, 1u);
  EXPECT_EQ(report.fields.at("adverse_event.value").true_positive, 2u);
  EXPECT_TRUE(Contains(report.misses, "adverse_event.grade of adverse event pneumonia grade >=3 17 %: >=3 (predicted any)"));
}

TEST(ScoreDocument, NotTrialsHitsAreCounted) {
  json predicted = PerfectPrediction(Gold());
  FirstTrial(predicted)["arms"][0]["regimen"]["drugs"].push_back("Liso-cel");
  FirstTrial(predicted)["populations"].push_back({{"disease", "Polycythemia Vera (JAK2)"}});
  EvalReport report = Score(predicted);
  const FieldScore& not_trials = report.fields.at("not_trials");
  EXPECT_EQ(not_trials.gold, 0u);
  EXPECT_EQ(not_trials.predicted, 2u);
  EXPECT_EQ(not_trials.true_positive, 0u);
  EXPECT_DOUBLE_EQ(not_trials.Precision(), 0.0);
  EXPECT_TRUE(Contains(report.false_positives, "not_trials: \"liso-cel\" in predicted drug \"Liso-cel\""));
  EXPECT_TRUE(Contains(report.false_positives, "in predicted disease \"Polycythemia Vera (JAK2)\""));
}

TEST(ScoreDocument, NotTrialsInAnExtraTrialCountToo) {
  json predicted = PerfectPrediction(Gold());
  predicted["trials"].push_back(json::parse(R"({"names": ["LISO-CEL case study"],
      "endpoints": [{"kind": "overall response", "value": 80, "unit": "%"}]})"));
  EvalReport report = Score(predicted);
  EXPECT_EQ(report.fields.at("not_trials").predicted, 1u);
  EXPECT_EQ(report.fields.at("trial").predicted, 2u);
  EXPECT_EQ(report.fields.at("trial").true_positive, 1u);
  EXPECT_DOUBLE_EQ(report.fields.at("endpoint").Precision(), 7.0 / 8.0);
}

TEST(ScoreDocument, DocumentWithoutTrialsPenalisesPredictedOnes) {
  json gold = json::parse(R"({"source": "furniture.txt", "ids": {"nct": []}, "trials": []})");
  json predicted = PerfectPrediction(Gold());
  EvalReport report = Score(predicted, gold);
  EXPECT_EQ(report.fields.at("endpoint").predicted, 7u);
  EXPECT_DOUBLE_EQ(report.fields.at("endpoint").Precision(), 0.0);
  EXPECT_DOUBLE_EQ(report.fields.at("arm.regimen").Precision(), 0.0);
  EXPECT_DOUBLE_EQ(report.fields.at("ids.nct").Precision(), 0.0);
  EXPECT_EQ(report.fields.count("trial.phase"), 0u);
  EXPECT_TRUE(Contains(report.false_positives, "furniture.txt: trial NCT05557110"));
}

TEST(ScoreDocument, TrialPairsBySharedRegistryIdFirst) {
  json gold = Gold();
  json predicted = PerfectPrediction(gold);
  json decoy = FirstTrial(predicted);
  decoy["registry_ids"] = {"NCT00000001"};
  decoy["endpoints"] = json::array();
  predicted["trials"].insert(predicted["trials"].begin(), decoy);
  EvalReport report = Score(predicted, gold);
  EXPECT_EQ(report.fields.at("endpoint").true_positive, 7u);
  EXPECT_EQ(report.fields.at("trial.registry_ids").true_positive, 1u);
}

TEST(ScoreDocument, TrialPairsByDrugOverlapWithoutRegistryIds) {
  json gold = Gold();
  FirstTrial(gold).erase("registry_ids");
  json predicted = PerfectPrediction(gold);
  json decoy = FirstTrial(predicted);
  decoy["arms"][0]["regimen"]["drugs"] = {"imatinib"};
  decoy["endpoints"] = json::array();
  predicted["trials"].insert(predicted["trials"].begin(), decoy);
  EXPECT_EQ(Score(predicted, gold).fields.at("endpoint").true_positive, 7u);
}

TEST(ScoreDocument, PopulationPairsBySameDisease) {
  json predicted = PerfectPrediction(Gold());
  json& populations = FirstTrial(predicted)["populations"];
  json other_disease = {{"disease", "acute myeloid leukemia"},
                        {"settings", {"induction", "newly diagnosed"}},
                        {"ph_status", "positive"}};
  populations.insert(populations.begin(), other_disease);
  EvalReport report = Score(predicted);
  EXPECT_EQ(report.fields.at("population.settings").true_positive, 2u);
  EXPECT_EQ(report.fields.at("population.settings").predicted, 2u);
  EXPECT_EQ(report.fields.at("population.ph_status").true_positive, 1u);
}

// A population named by its ages only writes disease "" (the contract types it a string): no disease predicted,
// so it costs recall but no precision.
TEST(ScoreDocument, EmptyDiseaseIsNoDisease) {
  json predicted = PerfectPrediction(Gold());
  for (json& population : FirstTrial(predicted)["populations"]) population["disease"] = "";
  EvalReport report = Score(predicted);
  EXPECT_EQ(report.fields.at("population.disease").predicted, 0u);
  EXPECT_GT(report.fields.at("population.disease").gold, 0u);
}

TEST(ScoreDocument, ReportAccumulatesAcrossDocumentsAndSerialises) {
  EvalReport report;
  ScoreDocument(PerfectPrediction(Gold()), Gold(), &report);
  json predicted = PerfectPrediction(Gold());
  FirstTrial(predicted)["endpoints"].erase(5);
  ScoreDocument(predicted, Gold(), &report);
  EXPECT_EQ(report.fields.at("endpoint").gold, 14u);
  EXPECT_EQ(report.fields.at("endpoint").true_positive, 13u);

  json out = report.ToJson();
  const json& endpoint = out["fields"]["endpoint"];
  EXPECT_EQ(endpoint["gold"], 14);
  EXPECT_EQ(endpoint["predicted"], 13);
  EXPECT_EQ(endpoint["tp"], 13);
  EXPECT_DOUBLE_EQ(endpoint["recall"].get<double>(), 13.0 / 14.0);
  EXPECT_DOUBLE_EQ(endpoint["precision"].get<double>(), 1.0);
  EXPECT_TRUE(endpoint.contains("f1"));
  EXPECT_EQ(out["total"]["gold"], report.Total().gold);
  EXPECT_EQ(out["misses"].size(), report.misses.size());
  EXPECT_TRUE(out["false_positives"].is_array());
}

TEST(ScoreDocument, MalformedPredictionScoresAsEmptyWithoutThrowing) {
  for (const char* text : {R"([1, 2])", R"({"trials": "none"})", R"({"ids": 3, "trials": [5, {"arms": 7}]})",
                           R"({"trials": [{"arms": [{"regimen": {"drugs": [1, null]}}], "endpoints": [{"value": "x"}],
                                           "populations": [{"age": 5}], "phase": 2}]})"}) {
    EvalReport report;
    EXPECT_NO_THROW(ScoreDocument(json::parse(text), Gold(), &report)) << text;
    EXPECT_EQ(report.fields.at("endpoint").true_positive, 0u) << text;
    EXPECT_EQ(report.fields.at("endpoint").gold, 7u) << text;
  }
}

#ifdef TRIALGRAPH_SHARED_DIR
TEST(ScoreDocument, SeedGoldFilesScoreThemselvesPerfectly) {
  const std::filesystem::path gold_dir = std::filesystem::path(TRIALGRAPH_SHARED_DIR) / "seeds" / "gold";
  if (!std::filesystem::is_directory(gold_dir)) GTEST_SKIP() << gold_dir << " not found";
  for (const auto& entry : std::filesystem::directory_iterator(gold_dir)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    json gold = json::parse(in);
    json predicted = gold;
    predicted.erase("not_trials");
    EvalReport report;
    ScoreDocument(predicted, gold, &report);
    SCOPED_TRACE(entry.path().string());
    ExpectPerfect(report);
    EXPECT_GT(report.fields.at("endpoint").gold, 0u);
  }
}
#endif

}  // namespace
}  // namespace trialgraph::ingest
