#include "ontology/tokenizer.h"

#include <cctype>

namespace trialgraph::ontology {

namespace {

// UTF-8 sequences that are punctuation even though their bytes are >= 0x80:
// dashes, quotes, non-breaking and thin spaces, comparison and math signs.
constexpr std::string_view kPunctuationSequences[] = {
    "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\u2018", "\u2019", "\u201c",
    "\u201d", "\u00a0", "\u2009", "\u202f", "\u2264", "\u2265", "\u00d7", "\u00b1", "\u00b7", "\u2022",
    "\u00ae", "\u2122", "\u00b0", "\u2026", "\u00ab", "\u00bb"};

size_t PunctuationLength(std::string_view text, size_t i) {
  for (std::string_view seq : kPunctuationSequences)
    if (text.substr(i, seq.size()) == seq) return seq.size();
  return 0;
}

bool IsSignificantSymbol(char c) { return c == '/' || c == '+' || c == ':'; }

}  // namespace

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      size_t punct = PunctuationLength(text, i);
      if (punct > 0) {
        i += punct;
        continue;
      }
    }
    if (IsSignificantSymbol(static_cast<char>(c))) {
      tokens.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), std::string(1, static_cast<char>(c))});
      ++i;
      continue;
    }
    if (!(std::isalnum(c) || c >= 0x80)) {
      ++i;
      continue;
    }
    size_t start = i;
    std::string norm;
    while (i < text.size()) {
      unsigned char d = static_cast<unsigned char>(text[i]);
      if (d >= 0x80) {
        if (PunctuationLength(text, i) > 0) break;
        norm.push_back(static_cast<char>(d));
      } else if (std::isalnum(d)) {
        norm.push_back(static_cast<char>(std::tolower(d)));
      } else {
        break;
      }
      ++i;
    }
    tokens.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(i), std::move(norm)});
  }
  return tokens;
}

}  // namespace trialgraph::ontology
