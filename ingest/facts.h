// The facts a document states about its trial(s), shaped as
// ../shared/contract/EXTRACT.md. Shared by readers (structured records state
// them directly) and extractors (free text implies them).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace trialgraph::ingest {

//! A byte range [start, end) of SourceDocument::text.
struct Span {
  uint32_t start = 0;
  uint32_t end = 0;
  bool operator==(const Span&) const = default;
};

struct Age {
  std::optional<double> min, max, median;
};

struct Population {
  std::string disease;                   //!< canonical name; empty when only the patients' ages describe them
  std::optional<std::string> ph_status;  //!< "positive" | "negative"
  std::vector<std::string> settings;     //!< canonical setting tags
  Age age;
  std::optional<std::string> age_group;  //!< "pediatric" | "adult" | "older adult"
  std::vector<std::string> subtypes;     //!< "Ph-like", "CD22-positive", ...
  Span evidence;
};

struct Regimen {
  std::optional<std::string> name;     //!< "mini-hyper-CVD + inotuzumab ozogamicin"
  std::vector<std::string> drugs;      //!< canonical INNs, named regimens expanded
  std::vector<std::string> modifiers;  //!< "reduced-dose", "sequential", ...
};

struct Arm {
  std::string label;
  Regimen regimen;
  std::optional<int> n;
  Span evidence;
};

struct Endpoint {
  std::string kind;
  std::string statistic = "rate";
  double value = 0;
  std::optional<std::string> unit;
  std::optional<int> count, of;
  std::optional<std::string> timepoint;
  std::optional<int> arm;
  std::optional<std::pair<double, double>> ci;
  std::optional<std::string> p;
  bool primary = false;
  Span evidence;
};

struct AdverseEvent {
  std::string name;
  std::optional<std::string> grade;
  std::optional<double> value;
  std::optional<std::string> unit;  //!< "%" | "patients"
  std::optional<int> arm;
  Span evidence;
};

struct Trial {
  std::vector<std::string> registry_ids;
  std::vector<std::string> names;
  std::optional<std::string> phase;
  std::vector<std::string> design;
  std::optional<int> enrolled;
  std::vector<Population> populations;
  std::vector<Arm> arms;
  std::vector<Endpoint> endpoints;
  std::vector<AdverseEvent> adverse_events;
  Span evidence;  //!< the sentence that best identifies the trial
};

}  // namespace trialgraph::ingest
