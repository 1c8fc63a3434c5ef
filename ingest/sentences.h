// Sentence splitting that keeps byte offsets and knows the abbreviations of
// medical prose ("Dr.", "vs.", "et al.", "e.g.", decimals).
#pragma once

#include <string_view>
#include <vector>

#include "ingest/document.h"

namespace trialgraph::ingest {

//! Splits every paragraph span of `text` into sentence spans (trimmed).
std::vector<Span> SplitSentences(std::string_view text, const std::vector<Span>& paragraphs);

//! True when `text` ends with a period that does not end a sentence ("E.", "(i.", "vs.").
bool EndsWithAbbreviation(std::string_view text);

}  // namespace trialgraph::ingest
