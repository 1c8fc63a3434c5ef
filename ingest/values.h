// Numbers of results in one sentence: rates ("33 (94%)", "29 of 64",
// "35/35", "forty-five percent"), durations ("7.4 months"), hazard ratios
// with their confidence intervals and P values, patient counts, timepoints.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/document.h"
#include "ontology/ontology.h"

namespace trialgraph::ingest {

enum class ValueKind { kRate, kDuration, kHazardRatio, kPatients };

//! One reported number with what qualifies it. Spans are document offsets.
struct Value {
  ValueKind kind = ValueKind::kRate;
  double value = 0;
  std::optional<std::string> unit;  //!< "%", "months", "days", "weeks", "years", "patients"
  std::optional<int> count, of;
  std::optional<std::pair<double, double>> ci;
  std::optional<std::string> p;
  Span span;
  bool opens_sentence = false;  //!< a count opening the sentence: "Two achieved CR", "Eight patients had ..."
  //! A bare count opening a later clause (", two achieved CR", "and one had ..."): a count only when its verb follows.
  bool opens_clause = false;
  //! "All 20 patients": the whole group, a rate of 100%; the span ends after the patient noun.
  bool whole_group = false;
  //! "in 4 patients assigned to group I and 7 assigned to group II": the 7 counts, in another arm, what the count
  //! before it counts.
  bool other_arm = false;
};

//! A timepoint phrase: "1-year", "at 3 years", "within the first 2 cycles".
struct Timepoint {
  std::string text;  //!< normalised: "1 year", "3 years", "6 months", "2 cycles"
  Span span;
  bool follow_up = false;  //!< "median follow-up of 31 months", "after 1 year of follow-up"
};

struct SentenceValues {
  std::vector<Value> values;          //!< in text order
  std::vector<Timepoint> timepoints;  //!< in text order
  std::optional<int> denominator;     //!< "Of the 35 enrolled patients, ...", "35 patients were evaluable" -> 35
  //! "at 1 and 3 years", "1- and 2-year": the timepoints of a list, in order ({"1 year", "3 years"}).
  std::vector<std::string> timepoint_list;
};

//! Scans text[span] (a sentence of the document); the nouns that count patients come from `o` (rule_words.tsv).
SentenceValues ScanValues(std::string_view text, const Span& sentence, const ontology::Ontology& o);

//! True when the sentence writes a percentage that is no threshold: "in approximately 40% of
//! recipients", "(60% to 80%)"; not "less than 5% marrow blasts".
bool WritesPercentage(std::string_view sentence);

//! The last adverse-event grade `text` writes, normalised: "grade 3" -> "3", "grade II-IV" -> "2-4", "grade 3/4"
//! -> "3-4", "grade 3 or higher" -> ">=3", "grade ≤ 3" -> "<=3"; nullopt when it writes none.
std::optional<std::string> LastGrade(std::string_view text);

//! A patient count written with digits or words ("48", "Forty-eight").
std::optional<int> ParseCount(std::string_view word);

}  // namespace trialgraph::ingest
