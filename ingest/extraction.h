// The facts extracted from one document, shaped as ../shared/contract/EXTRACT.md.
#pragma once

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

//! The EXTRACT.md JSON object of one document.
nlohmann::json ExtractionToJson(const Extraction& extraction);

}  // namespace trialgraph::ingest
