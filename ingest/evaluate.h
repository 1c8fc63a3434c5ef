// Extraction scorer behind `trialgraph eval GOLD_DIR`: compares the JSON object
// `trialgraph extract` prints for a document (shared/contract/EXTRACT.md)
// with a hand-made gold object and counts gold, predicted and matching facts
// per field. The matching rules are documented in docs/eval.md.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace trialgraph::ingest {

//! Fact counts of one field; the ratios are 1.0 when their denominator is 0.
struct FieldScore {
  //! Number of gold facts of this field.
  size_t gold = 0;
  //! Number of predicted facts of this field that were scored.
  size_t predicted = 0;
  //! Number of gold facts the prediction reproduced.
  size_t true_positive = 0;

  //! true_positive / predicted (1.0 when nothing was predicted).
  double Precision() const;
  //! true_positive / gold (1.0 when gold holds no fact).
  double Recall() const;
  //! Harmonic mean of Precision() and Recall() (0.0 when both are 0).
  double F1() const;
};

//! Scores accumulated over any number of documents.
struct EvalReport {
  //! Per field ("ids.doi", "trial.phase", "endpoint", "endpoint.count", "not_trials", ...).
  std::map<std::string, FieldScore> fields;
  //! Counts summed over all fields.
  FieldScore Total() const;
  //! One line per gold fact not found: "000_x.txt: endpoint overall survival 97.1 % @1 year".
  std::vector<std::string> misses;
  //! One line per scored predicted fact that matches no gold fact.
  std::vector<std::string> false_positives;
  //! {"fields": {name: {gold, predicted, tp, precision, recall, f1}}, "total": {...}, "misses": [...], "false_positives": [...]}.
  nlohmann::json ToJson() const;
};

//! Adds the comparison of one predicted document (EXTRACT.md object) against its gold object to *report.
void ScoreDocument(const nlohmann::json& predicted, const nlohmann::json& gold, EvalReport* report);

}  // namespace trialgraph::ingest
