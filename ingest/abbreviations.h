// In-text abbreviation definitions, "long form (SF)" and "long form (or SF)",
// found with the Schwartz-Hearst algorithm (PSB 2003).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ingest/document.h"

namespace trialgraph::ingest {

struct Abbreviation {
  std::string short_form;  //!< "RDC"
  Span short_span;         //!< where the short form is defined
  Span long_span;          //!< "reduced-dose chemotherapy"
};

//! Every definition made in the given sentences of `text`.
std::vector<Abbreviation> FindAbbreviations(std::string_view text, const std::vector<Span>& sentences);

}  // namespace trialgraph::ingest
