#include "ingest/abbreviations.h"

#include <algorithm>
#include <cctype>

namespace trialgraph::ingest {

namespace {

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)); }
char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool IsPlausibleShortForm(std::string_view sf) {
  if (sf.size() < 2 || sf.size() > 12 || !IsAlnum(sf.front())) return false;
  if (std::count(sf.begin(), sf.end(), ' ') > 1) return false;
  return std::any_of(sf.begin(), sf.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
}

// Schwartz-Hearst: walk the short form backwards, finding each character in
// the candidate long form; the first character must start a word. Returns
// the offset in `candidate` where the long form starts, or npos.
size_t BestLongFormStart(std::string_view sf, std::string_view candidate) {
  int s = static_cast<int>(sf.size()) - 1;
  int l = static_cast<int>(candidate.size()) - 1;
  while (s >= 0) {
    char c = Lower(sf[s]);
    if (!IsAlnum(c)) {
      --s;
      continue;
    }
    while (l >= 0 && (Lower(candidate[l]) != c || (s == 0 && l > 0 && IsAlnum(candidate[l - 1])))) --l;
    if (l < 0) return std::string_view::npos;
    --l;
    --s;
  }
  size_t start = static_cast<size_t>(l + 1);
  while (start > 0 && IsAlnum(candidate[start - 1])) --start;
  return start;
}

// The text before `open` limited to min(|sf| + 5, 2|sf|) words, and to what
// follows the last bracket before it: "A (Group A) or B (Group B)" defines
// Group B by B alone.
size_t CandidateStart(std::string_view text, size_t sentence_start, size_t open, size_t sf_chars) {
  size_t max_words = std::min(sf_chars + 5, 2 * sf_chars);
  size_t bracket = text.substr(sentence_start, open - sentence_start).find_last_of("()");
  if (bracket != std::string_view::npos) sentence_start += bracket + 1;
  size_t pos = open, words = 0;
  while (pos > sentence_start && words < max_words) {
    while (pos > sentence_start && std::isspace(static_cast<unsigned char>(text[pos - 1]))) --pos;
    while (pos > sentence_start && !std::isspace(static_cast<unsigned char>(text[pos - 1]))) --pos;
    ++words;
  }
  return pos;
}

}  // namespace

std::vector<Abbreviation> FindAbbreviations(std::string_view text, const std::vector<Span>& sentences) {
  std::vector<Abbreviation> found;
  for (const Span& sentence : sentences) {
    for (size_t open = text.find('(', sentence.start); open != std::string_view::npos && open < sentence.end;
         open = text.find('(', open + 1)) {
      size_t close = text.find(')', open);
      if (close == std::string_view::npos || close > sentence.end) break;
      std::string_view inner = text.substr(open + 1, close - open - 1);
      size_t inner_offset = open + 1;
      if (inner.starts_with("or ")) {
        inner.remove_prefix(3);
        inner_offset += 3;
      }
      if (!IsPlausibleShortForm(inner)) continue;
      size_t lf_end = open;
      while (lf_end > sentence.start && (std::isspace(static_cast<unsigned char>(text[lf_end - 1])) || text[lf_end - 1] == ','))
        --lf_end;
      size_t cand_start = CandidateStart(text, sentence.start, lf_end, inner.size());
      std::string_view candidate = text.substr(cand_start, lf_end - cand_start);
      size_t lf_start = BestLongFormStart(inner, candidate);
      if (lf_start == std::string_view::npos || lf_start >= candidate.size()) continue;
      if (candidate.size() - lf_start <= inner.size()) continue;  // the "long" form must be longer
      found.push_back({std::string(inner),
                       {static_cast<uint32_t>(inner_offset), static_cast<uint32_t>(inner_offset + inner.size())},
                       {static_cast<uint32_t>(cand_start + lf_start), static_cast<uint32_t>(lf_end)}});
    }
  }
  return found;
}

}  // namespace trialgraph::ingest
