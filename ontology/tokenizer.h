// Splits text into word tokens with byte offsets, for vocabulary matching.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace trialgraph::ontology {

//! One token of the source text.
struct Token {
  uint32_t start = 0;   //!< byte offset in the tokenised text
  uint32_t end = 0;     //!< one past the last byte
  std::string norm;     //!< lower-cased form used for case-insensitive matching
};

//! Word tokens (letters and digits, UTF-8 letters included) and the symbols
//! that change meaning ("/", "+", ":"). Spaces, hyphens, dashes, commas,
//! brackets and other punctuation only separate tokens, so "B-cell",
//! "B cell" and "B, cell" tokenise alike.
std::vector<Token> Tokenize(std::string_view text);

}  // namespace trialgraph::ontology
