#include "ingest/evaluate.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>
#include <utility>

namespace trialgraph::ingest {
namespace {

using json = nlohmann::json;

constexpr double kNumberTolerance = 1e-6;
constexpr double kMeasuredValueTolerance = 0.05;
// Added to an affinity so that one criterion outranks any count of the next.
constexpr int kDecisiveAffinity = 1 << 20;

// ---------------------------------------------------------------------------
// Safe JSON access: the prediction is untrusted, so nothing here may throw.

const json& NullJson() {
  static const json kNull;
  return kNull;
}

const json& EmptyObject() {
  static const json kEmpty = json::object();
  return kEmpty;
}

const json& EmptyArray() {
  static const json kEmpty = json::array();
  return kEmpty;
}

const json& Member(const json& object, const char* key) {
  if (!object.is_object()) return NullJson();
  auto it = object.find(key);
  return it == object.end() ? NullJson() : *it;
}

const json& Items(const json& array) { return array.is_array() ? array : EmptyArray(); }

bool Gives(const json& object, const char* key) { return object.is_object() && object.contains(key); }

bool HasValue(const json& object, const char* key) { return !Member(object, key).is_null(); }

// A scalar as stated: an empty string (a population named by its ages only has disease "") states nothing, as null.
const json& Stated(const json& value) { return value.is_string() && value.get_ref<const std::string&>().empty() ? NullJson() : value; }

const json& Drugs(const json& arm) { return Items(Member(Member(arm, "regimen"), "drugs")); }

// ---------------------------------------------------------------------------
// Text.

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

std::string FormatNumber(double number) {
  std::ostringstream out;
  out << number;
  return out.str();
}

std::string Text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number()) return FormatNumber(value.get<double>());
  if (value.is_null()) return "none";
  if (value.is_array()) {
    std::string joined;
    for (const json& item : value) joined += (joined.empty() ? "" : ", ") + Text(item);
    return "[" + joined + "]";
  }
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string Join(const std::set<std::string>& items, std::string_view separator) {
  std::string joined;
  for (const std::string& item : items) joined += (joined.empty() ? "" : std::string(separator)) + item;
  return joined;
}

// "1-year", "1 Years" and "1 year" read alike; "12 months" stays different.
std::string NormalizeTimepoint(std::string_view timepoint) {
  std::string spaced = Lower(timepoint);
  std::replace(spaced.begin(), spaced.end(), '-', ' ');
  static const std::set<std::string> kPluralUnits = {"years", "months", "weeks", "days", "cycles"};
  std::istringstream words(spaced);
  std::string word, normalized;
  while (words >> word) {
    if (kPluralUnits.count(word)) word.pop_back();
    normalized += (normalized.empty() ? "" : " ") + word;
  }
  return normalized;
}

// ---------------------------------------------------------------------------
// Comparisons.

bool SameWithin(const json& a, const json& b, double tolerance) {
  if (a.is_number() && b.is_number()) return std::fabs(a.get<double>() - b.get<double>()) <= tolerance;
  if (a.is_string() && b.is_string()) return Lower(a.get<std::string>()) == Lower(b.get<std::string>());
  if (a.is_array() && b.is_array()) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!SameWithin(a[i], b[i], tolerance)) return false;
    }
    return true;
  }
  return a == b;
}

bool SameScalar(const json& a, const json& b) { return SameWithin(a, b, kNumberTolerance); }

bool SameMeasuredValue(const json& a, const json& b) { return SameWithin(a, b, kMeasuredValueTolerance); }

bool SameTimepoint(const json& a, const json& b) {
  return a.is_string() && b.is_string() &&
         NormalizeTimepoint(a.get<std::string>()) == NormalizeTimepoint(b.get<std::string>());
}

using Comparison = bool (*)(const json&, const json&);

// Lower-cased element -> element as written (first spelling wins).
std::map<std::string, std::string> LowerSet(const json& array) {
  std::map<std::string, std::string> set;
  for (const json& item : Items(array)) set.emplace(Lower(Text(item)), Text(item));
  return set;
}

std::set<std::string> LowerKeys(const json& array) {
  std::set<std::string> keys;
  for (const json& item : Items(array)) keys.insert(Lower(Text(item)));
  return keys;
}

int SharedCount(const std::set<std::string>& a, const std::set<std::string>& b) {
  int shared = 0;
  for (const std::string& item : a) shared += static_cast<int>(b.count(item));
  return shared;
}

std::set<std::string> DrugSet(const json& arm) { return LowerKeys(Drugs(arm)); }

std::set<std::string> TrialDrugs(const json& trial) {
  std::set<std::string> drugs;
  for (const json& arm : Items(Member(trial, "arms"))) drugs.merge(DrugSet(arm));
  return drugs;
}

// ---------------------------------------------------------------------------
// Pairing of gold entities with distinct predicted entities.

// Affinity of a (gold, predicted) pair: nullopt forbids the pair, higher is better.
using Affinity = std::function<std::optional<int>(const json& gold, const json& predicted)>;

struct Pairing {
  std::vector<const json*> partner_of_gold;      // nullptr when unpaired
  std::vector<const json*> unpaired_predicted;
};

// Greedy in gold order: each gold item takes the unused predicted item of highest affinity (first on ties).
Pairing PairDistinct(const json& gold_items, const json& predicted_items, const Affinity& affinity) {
  const json& predicted = Items(predicted_items);
  std::vector<bool> used(predicted.size(), false);
  Pairing pairing;
  for (const json& gold : Items(gold_items)) {
    std::optional<size_t> best;
    int best_affinity = 0;
    for (size_t i = 0; i < predicted.size(); ++i) {
      if (used[i]) continue;
      std::optional<int> score = affinity(gold, predicted[i]);
      if (score && (!best || *score > best_affinity)) {
        best = i;
        best_affinity = *score;
      }
    }
    if (best) used[*best] = true;
    pairing.partner_of_gold.push_back(best ? &predicted[*best] : nullptr);
  }
  for (size_t i = 0; i < predicted.size(); ++i) {
    if (!used[i]) pairing.unpaired_predicted.push_back(&predicted[i]);
  }
  return pairing;
}

// ---------------------------------------------------------------------------
// Entity descriptions for misses and false positives.

std::string DescribeArm(const json& arm) {
  std::set<std::string> drugs = DrugSet(arm);
  return "arm " + (drugs.empty() ? std::string("(no drugs)") : Join(drugs, " + "));
}

std::string DescribeEndpoint(const json& endpoint) {
  std::string text = "endpoint " + Text(Member(endpoint, "kind")) + " " + Text(Member(endpoint, "value"));
  if (HasValue(endpoint, "unit")) text += " " + Text(Member(endpoint, "unit"));
  if (HasValue(endpoint, "timepoint")) text += " @" + Text(Member(endpoint, "timepoint"));
  return text;
}

std::string DescribeAdverseEvent(const json& event) {
  std::string text = "adverse event " + Text(Member(event, "name"));
  if (HasValue(event, "grade")) text += " grade " + Text(Member(event, "grade"));
  if (HasValue(event, "value")) text += " " + Text(Member(event, "value"));
  if (HasValue(event, "unit")) text += " " + Text(Member(event, "unit"));
  return text;
}

std::string DescribeTrial(const json& trial) {
  std::set<std::string> labels;
  for (const char* key : {"registry_ids", "names"}) {
    for (const auto& [lower, spelling] : LowerSet(Member(trial, key))) labels.insert(spelling);
  }
  std::set<std::string> drugs = TrialDrugs(trial);
  if (labels.empty() && !drugs.empty()) labels.insert(Join(drugs, " + "));
  return "trial " + (labels.empty() ? std::string("(unnamed)") : Join(labels, ", "));
}

// ---------------------------------------------------------------------------
// Entity matching rules.

struct DetailField {
  const char* key;
  Comparison same;
};

const std::vector<DetailField>& EndpointDetails() {
  static const std::vector<DetailField> kDetails = {
      {"statistic", SameScalar}, {"unit", SameScalar}, {"count", SameScalar}, {"of", SameScalar},
      {"ci", SameScalar},        {"p", SameScalar},    {"primary", SameScalar}, {"timepoint", SameTimepoint}};
  return kDetails;
}

const std::vector<DetailField>& AdverseEventDetails() {
  static const std::vector<DetailField> kDetails = {
      {"grade", SameScalar}, {"value", SameMeasuredValue}, {"unit", SameScalar}};
  return kDetails;
}

int DetailAgreement(const json& gold, const json& predicted, const std::vector<DetailField>& details) {
  int agreeing = 0;
  for (const DetailField& detail : details) {
    if (HasValue(gold, detail.key) && detail.same(Member(gold, detail.key), Member(predicted, detail.key))) {
      ++agreeing;
    }
  }
  return agreeing;
}

std::optional<int> EndpointAffinity(const json& gold, const json& predicted) {
  bool same_kind = SameScalar(Member(gold, "kind"), Member(predicted, "kind"));
  bool same_value = SameMeasuredValue(Member(gold, "value"), Member(predicted, "value"));
  bool same_timepoint =
      !HasValue(gold, "timepoint") || SameTimepoint(Member(gold, "timepoint"), Member(predicted, "timepoint"));
  if (!same_kind || !same_value || !same_timepoint) return std::nullopt;
  return DetailAgreement(gold, predicted, EndpointDetails());
}

std::optional<int> AdverseEventAffinity(const json& gold, const json& predicted) {
  if (!SameScalar(Member(gold, "name"), Member(predicted, "name"))) return std::nullopt;
  return DetailAgreement(gold, predicted, AdverseEventDetails());
}

// Arms pair on the drug set; among arms of one drug set (dose levels, schedules) the one agreeing on
// size and modifiers wins, as endpoints and adverse events prefer the candidate agreeing on details.
std::optional<int> ArmAffinity(const json& gold, const json& predicted) {
  if (DrugSet(gold) != DrugSet(predicted)) return std::nullopt;
  bool same_size = HasValue(gold, "n") && SameScalar(Member(gold, "n"), Member(predicted, "n"));
  int shared_modifiers = SharedCount(LowerKeys(Member(Member(gold, "regimen"), "modifiers")),
                                     LowerKeys(Member(Member(predicted, "regimen"), "modifiers")));
  return (same_size ? 1 : 0) + shared_modifiers;
}

std::optional<int> PopulationAffinity(const json& gold, const json& predicted) {
  bool same_disease = SameScalar(Stated(Member(gold, "disease")), Stated(Member(predicted, "disease")));
  int settings_overlap = SharedCount(LowerKeys(Member(gold, "settings")), LowerKeys(Member(predicted, "settings")));
  return (same_disease ? kDecisiveAffinity : 0) + settings_overlap;
}

std::optional<int> TrialAffinity(const json& gold, const json& predicted) {
  bool shares_registry_id =
      SharedCount(LowerKeys(Member(gold, "registry_ids")), LowerKeys(Member(predicted, "registry_ids"))) > 0;
  return (shares_registry_id ? kDecisiveAffinity : 0) + SharedCount(TrialDrugs(gold), TrialDrugs(predicted));
}

// Gold for a predicted trial that no gold trial claims: the document has no such trial, so
// its arms, endpoints and adverse events are all false positives.
const json& AbsentTrialGold() {
  static const json kAbsent = {{"arms", json::array()}, {"endpoints", json::array()},
                               {"adverse_events", json::array()}};
  return kAbsent;
}

// ---------------------------------------------------------------------------
// The scorer of one document.

class DocumentScorer {
 public:
  DocumentScorer(std::string source, EvalReport* report) : source_(std::move(source)), report_(report) {}

  void Score(const json& predicted, const json& gold) {
    ScoreIds(Member(predicted, "ids"), Member(gold, "ids"));
    if (Gives(gold, "trials")) ScoreTrials(Member(predicted, "trials"), Member(gold, "trials"));
    if (GivesArms(Member(gold, "trials"))) ScoreDrugUnion(Member(predicted, "trials"), Member(gold, "trials"));
    if (Gives(gold, "not_trials")) ScoreNotTrials(Member(predicted, "trials"), Member(gold, "not_trials"));
  }

 private:
  using DetailScorer = std::function<void(const json& predicted, const json& gold)>;
  using Describer = std::function<std::string(const json&)>;

  FieldScore& Field(const std::string& name) { return report_->fields[name]; }
  void Miss(const std::string& what) { report_->misses.push_back(source_ + ": " + what); }
  void FalsePositive(const std::string& what) { report_->false_positives.push_back(source_ + ": " + what); }

  // A scalar the gold object gives (null gold means "none": any predicted value is then wrong).
  void ScoreScalar(const std::string& field, const json& predicted_as_written, const json& gold_as_written,
                   const std::string& context, Comparison same = SameScalar) {
    const json& predicted = Stated(predicted_as_written);
    const json& gold = Stated(gold_as_written);
    FieldScore& score = Field(field);
    const std::string subject = field + (context.empty() ? "" : " of " + context);
    if (!gold.is_null()) ++score.gold;
    if (!predicted.is_null()) ++score.predicted;
    if (!gold.is_null() && !predicted.is_null() && same(gold, predicted)) {
      ++score.true_positive;
    } else if (!gold.is_null()) {
      Miss(subject + ": " + Text(gold) + " (predicted " + Text(predicted) + ")");
    } else if (!predicted.is_null()) {
      FalsePositive(subject + ": " + Text(predicted) + " (gold has none)");
    }
  }

  void ScoreScalarIfGiven(const std::string& field, const json& predicted, const json& gold, const char* key,
                          const std::string& context, Comparison same = SameScalar) {
    if (Gives(gold, key)) ScoreScalar(field, Member(predicted, key), Member(gold, key), context, same);
  }

  // Each element is a fact; elements compare case-insensitively.
  void ScoreSet(const std::string& field, const json& predicted, const json& gold, const std::string& context) {
    FieldScore& score = Field(field);
    const std::string subject = field + (context.empty() ? "" : " of " + context);
    std::map<std::string, std::string> gold_set = LowerSet(gold), predicted_set = LowerSet(predicted);
    for (const auto& [key, spelling] : gold_set) {
      ++score.gold;
      if (predicted_set.count(key)) {
        ++score.true_positive;
      } else {
        Miss(subject + ": " + spelling);
      }
    }
    for (const auto& [key, spelling] : predicted_set) {
      ++score.predicted;
      if (!gold_set.count(key)) FalsePositive(subject + ": " + spelling);
    }
  }

  void ScoreSetIfGiven(const std::string& field, const json& predicted, const json& gold, const char* key,
                       const std::string& context) {
    if (Gives(gold, key)) ScoreSet(field, Member(predicted, key), Member(gold, key), context);
  }

  // Exhaustive entity lists: every predicted item counts; paired gold items then score their details.
  // Returns the predicted items no gold item claimed.
  std::vector<const json*> ScoreEntities(const std::string& field, const json& predicted_items, const json& gold_items,
                     const Affinity& affinity, const Describer& describe, const DetailScorer& score_details) {
    Pairing pairing = PairDistinct(gold_items, predicted_items, affinity);
    FieldScore& score = Field(field);
    const json& gold = Items(gold_items);
    score.gold += gold.size();
    score.predicted += Items(predicted_items).size();
    for (size_t i = 0; i < gold.size(); ++i) {
      const json* partner = pairing.partner_of_gold[i];
      if (partner) {
        ++score.true_positive;
      } else {
        Miss(describe(gold[i]));
      }
      score_details(partner ? *partner : EmptyObject(), gold[i]);
    }
    for (const json* extra : pairing.unpaired_predicted) FalsePositive(describe(*extra));
    return pairing.unpaired_predicted;
  }

  void ScoreIds(const json& predicted, const json& gold) {
    for (const char* key : {"pmid", "pmcid", "doi"}) ScoreScalarIfGiven(std::string("ids.") + key, predicted, gold, key, "");
    ScoreSetIfGiven("ids.nct", predicted, gold, "nct", "");
  }

  void ScoreTrials(const json& predicted, const json& gold) {
    std::vector<const json*> unclaimed = ScoreEntities(
        "trial", predicted, gold, TrialAffinity, DescribeTrial,
        [this](const json& predicted_trial, const json& gold_trial) { ScoreTrial(predicted_trial, gold_trial); });
    for (const json* extra : unclaimed) ScoreTrial(*extra, AbsentTrialGold());
  }

  void ScoreTrial(const json& predicted, const json& gold) {
    for (const char* key : {"registry_ids", "names", "design"}) {
      ScoreSetIfGiven(std::string("trial.") + key, predicted, gold, key, "");
    }
    for (const char* key : {"phase", "enrolled"}) ScoreScalarIfGiven(std::string("trial.") + key, predicted, gold, key, "");
    if (Gives(gold, "populations")) ScorePopulations(Member(predicted, "populations"), Member(gold, "populations"));
    if (Gives(gold, "arms")) ScoreArms(Member(predicted, "arms"), Member(gold, "arms"));
    if (Gives(gold, "endpoints")) ScoreEndpoints(Member(predicted, "endpoints"), Member(gold, "endpoints"));
    if (Gives(gold, "adverse_events")) {
      ScoreAdverseEvents(Member(predicted, "adverse_events"), Member(gold, "adverse_events"));
    }
  }

  // Populations are not exhaustive: extra predicted populations are not scored.
  void ScorePopulations(const json& predicted, const json& gold) {
    Pairing pairing = PairDistinct(gold, predicted, PopulationAffinity);
    const json& gold_populations = Items(gold);
    for (size_t i = 0; i < gold_populations.size(); ++i) {
      const json* partner = pairing.partner_of_gold[i];
      ScorePopulation(partner ? *partner : EmptyObject(), gold_populations[i]);
    }
  }

  void ScorePopulation(const json& predicted, const json& gold) {
    const std::string context = "population " + Text(Member(gold, "disease"));
    for (const char* key : {"disease", "ph_status", "age_group"}) {
      ScoreScalarIfGiven(std::string("population.") + key, predicted, gold, key, context);
    }
    ScoreSetIfGiven("population.settings", predicted, gold, "settings", context);
    const json& gold_age = Member(gold, "age");
    for (const char* key : {"min", "max", "median"}) {
      ScoreScalarIfGiven(std::string("population.age.") + key, Member(predicted, "age"), gold_age, key, context);
    }
  }

  void ScoreArms(const json& predicted, const json& gold) {
    ScoreEntities("arm.regimen", predicted, gold, ArmAffinity, DescribeArm,
                  [this](const json& predicted_arm, const json& gold_arm) { ScoreArmDetails(predicted_arm, gold_arm); });
  }

  void ScoreArmDetails(const json& predicted, const json& gold) {
    const std::string context = DescribeArm(gold);
    ScoreSetIfGiven("arm.modifiers", Member(predicted, "regimen"), Member(gold, "regimen"), "modifiers", context);
    ScoreScalarIfGiven("arm.n", predicted, gold, "n", context);
  }

  void ScoreEndpoints(const json& predicted, const json& gold) {
    ScoreEntities("endpoint", predicted, gold, EndpointAffinity, DescribeEndpoint,
                  [this](const json& predicted_endpoint, const json& gold_endpoint) {
                    ScoreDetails("endpoint.", EndpointDetails(), predicted_endpoint, gold_endpoint,
                                 DescribeEndpoint(gold_endpoint));
                  });
  }

  void ScoreAdverseEvents(const json& predicted, const json& gold) {
    ScoreEntities("adverse_event", predicted, gold, AdverseEventAffinity, DescribeAdverseEvent,
                  [this](const json& predicted_event, const json& gold_event) {
                    ScoreDetails("adverse_event.", AdverseEventDetails(), predicted_event, gold_event,
                                 DescribeAdverseEvent(gold_event));
                  });
  }

  void ScoreDetails(const std::string& prefix, const std::vector<DetailField>& details, const json& predicted,
                    const json& gold, const std::string& context) {
    for (const DetailField& detail : details) {
      ScoreScalarIfGiven(prefix + detail.key, predicted, gold, detail.key, context, detail.same);
    }
  }

  static bool GivesArms(const json& gold_trials) {
    const json& trials = Items(gold_trials);
    return std::any_of(trials.begin(), trials.end(), [](const json& trial) { return Gives(trial, "arms"); });
  }

  static json DocumentDrugs(const json& trials) {
    std::set<std::string> drugs;
    for (const json& trial : Items(trials)) drugs.merge(TrialDrugs(trial));
    return json(drugs);
  }

  void ScoreDrugUnion(const json& predicted_trials, const json& gold_trials) {
    ScoreSet("arm.drugs", DocumentDrugs(predicted_trials), DocumentDrugs(gold_trials), "");
  }

  void ScoreNotTrials(const json& predicted_trials, const json& not_trials) {
    FieldScore& score = Field("not_trials");
    for (const json& trial : Items(predicted_trials)) {
      for (const auto& [where, name] : NamedStrings(trial)) {
        for (const json& forbidden : Items(not_trials)) {
          if (Lower(name).find(Lower(Text(forbidden))) == std::string::npos) continue;
          ++score.predicted;
          FalsePositive("not_trials: \"" + Text(forbidden) + "\" in predicted " + where + " \"" + name + "\"");
        }
      }
    }
  }

  // (where, text) of every name a trial asserts: the places not_trials strings must not appear.
  static std::vector<std::pair<std::string, std::string>> NamedStrings(const json& trial) {
    std::vector<std::pair<std::string, std::string>> named;
    auto add = [&named](const char* where, const json& value) {
      if (!Stated(value).is_null()) named.emplace_back(where, Text(value));
    };
    for (const json& name : Items(Member(trial, "names"))) add("trial name", name);
    for (const json& id : Items(Member(trial, "registry_ids"))) add("registry id", id);
    for (const json& population : Items(Member(trial, "populations"))) add("disease", Member(population, "disease"));
    for (const json& arm : Items(Member(trial, "arms"))) {
      add("regimen name", Member(Member(arm, "regimen"), "name"));
      for (const json& drug : Drugs(arm)) add("drug", drug);
    }
    for (const json& endpoint : Items(Member(trial, "endpoints"))) add("endpoint kind", Member(endpoint, "kind"));
    for (const json& event : Items(Member(trial, "adverse_events"))) add("adverse event", Member(event, "name"));
    return named;
  }

  std::string source_;
  EvalReport* report_;
};

std::string SourceLabel(const json& predicted, const json& gold) {
  const json& source = HasValue(gold, "source") ? Member(gold, "source") : Member(predicted, "source");
  return source.is_null() ? std::string("(unnamed document)") : Text(source);
}

json ScoreJson(const FieldScore& score) {
  return {{"gold", score.gold},           {"predicted", score.predicted}, {"tp", score.true_positive},
          {"precision", score.Precision()}, {"recall", score.Recall()},     {"f1", score.F1()}};
}

}  // namespace

double FieldScore::Precision() const {
  return predicted == 0 ? 1.0 : static_cast<double>(true_positive) / static_cast<double>(predicted);
}

double FieldScore::Recall() const {
  return gold == 0 ? 1.0 : static_cast<double>(true_positive) / static_cast<double>(gold);
}

double FieldScore::F1() const {
  double precision = Precision(), recall = Recall();
  return precision + recall == 0.0 ? 0.0 : 2.0 * precision * recall / (precision + recall);
}

FieldScore EvalReport::Total() const {
  FieldScore total;
  for (const auto& [name, score] : fields) {
    total.gold += score.gold;
    total.predicted += score.predicted;
    total.true_positive += score.true_positive;
  }
  return total;
}

nlohmann::json EvalReport::ToJson() const {
  nlohmann::json per_field = nlohmann::json::object();
  for (const auto& [name, score] : fields) per_field[name] = ScoreJson(score);
  return {{"fields", per_field}, {"total", ScoreJson(Total())}, {"misses", misses},
          {"false_positives", false_positives}};
}

void ScoreDocument(const nlohmann::json& predicted, const nlohmann::json& gold, EvalReport* report) {
  if (report == nullptr) return;
  DocumentScorer(SourceLabel(predicted, gold), report).Score(predicted, gold);
}

}  // namespace trialgraph::ingest
