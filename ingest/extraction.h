// The facts extracted from one document, shaped as ../shared/contract/EXTRACT.md.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ingest/document.h"
#include "ingest/facts.h"

namespace trialgraph::ingest {

struct Extraction {
  std::string source;
  std::string format;
  std::optional<std::string> title;
  DocumentIds ids;
  std::vector<Trial> trials;
};

//! JSON null for an absent value, else the value.
template <typename T>
nlohmann::json OrNull(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

//! Appends `item` unless `list` already holds it (lists keep first-seen order).
template <typename T>
void AddUnique(std::vector<T>* list, const T& item) {
  if (std::find(list->begin(), list->end(), item) == list->end()) list->push_back(item);
}

//! The EXTRACT.md JSON object of one document.
nlohmann::json ExtractionToJson(const Extraction& extraction);

}  // namespace trialgraph::ingest
