#include "ingest/sentences.h"

#include <array>
#include <cctype>
#include <string>

#include "ontology/lexicon.h"

namespace trialgraph::ingest {

namespace {

using ontology::IsDigit;

// Words after which a period does not end a sentence (English orthography).
constexpr std::array<std::string_view, 17> kNonTerminalAbbreviations = {
    "dr", "mr", "ms", "mrs", "vs", "al", "e.g", "i.e", "fig", "figs", "no", "approx", "ca", "st", "jr", "etc", "ref"};

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)); }

// The word that ends at `dot`, as written: back to a space or an opening bracket.
std::string_view WordBefore(std::string_view text, size_t dot) {
  size_t start = dot;
  while (start > 0 && !IsSpace(text[start - 1]) && text[start - 1] != '(') --start;
  return text.substr(start, dot - start);
}

std::string LowerWordBefore(std::string_view text, size_t dot) {
  std::string word(WordBefore(text, dot));
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return word;
}

// "arm B.", "group A.", "grade 3.": a single letter that names something ends a sentence.
bool NamesALabel(std::string_view text, size_t dot) {
  size_t letter = dot - 1;
  std::string previous = letter >= 2 ? LowerWordBefore(text, letter - 1) : "";
  for (std::string_view word : {"arm", "group", "cohort", "part", "stage", "type", "phase", "grade", "course"})
    if (previous == word) return true;
  return false;
}

// "i.v", "p.o", "b.i.d": single lower-case letters joined by periods abbreviate
// a Latin phrase (a route or schedule). Capitals ("U.S.") do not count.
bool IsDottedLowerCaseLetters(std::string_view text, size_t dot) {
  std::string_view word = WordBefore(text, dot);
  if (word.size() < 3) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    bool letter_place = i % 2 == 0;
    if (letter_place ? !std::islower(static_cast<unsigned char>(word[i])) : word[i] != '.') return false;
  }
  return word.size() % 2 == 1;
}

// "Anaesthesia", "The": a capital followed by a lower-case letter, the way a
// sentence's first word is written (an acronym such as "MP" is not).
bool StartsCapitalisedWord(std::string_view text, size_t i) {
  return i + 1 < text.size() && std::isupper(static_cast<unsigned char>(text[i])) &&
         std::islower(static_cast<unsigned char>(text[i + 1]));
}

// A route or schedule goes on mid-sentence before an acronym ("125 mg i.v. MP
// before TDI") but ends one before a capitalised word ("using xenon-133 i.v.
// Anaesthesia was maintained ...").
bool RouteGoesOn(std::string_view text, size_t dot, size_t next) {
  return IsDottedLowerCaseLetters(text, dot) && !StartsCapitalisedWord(text, next);
}

bool IsAbbreviation(std::string_view text, size_t dot) {
  std::string word = LowerWordBefore(text, dot);
  if (word.size() == 1 && std::isalpha(static_cast<unsigned char>(word[0])))
    return !NamesALabel(text, dot);  // otherwise an initial: "J. Smith"
  for (std::string_view abbreviation : kNonTerminalAbbreviations)
    if (word == abbreviation) return true;
  return false;
}

// A sentence may start with a capital, a digit, a bracket or a quote.
bool CanStartSentence(std::string_view text, size_t i) {
  if (i >= text.size()) return true;
  unsigned char c = static_cast<unsigned char>(text[i]);
  return std::isupper(c) || std::isdigit(c) || c == '(' || c == '[' || c == '"' || c >= 0x80;
}

// Real sentences are far shorter; a longer run (a table flattened into text,
// junk) is cut at white space so per-sentence work stays bounded.
constexpr size_t kMaxSentenceBytes = 4096;

void AddTrimmed(std::string_view text, size_t start, size_t end, std::vector<Span>* out) {
  while (start < end && IsSpace(text[start])) ++start;
  while (end > start && IsSpace(text[end - 1])) --end;
  while (end - start > kMaxSentenceBytes) {
    size_t cut = start + kMaxSentenceBytes;
    while (cut > start + kMaxSentenceBytes / 2 && !IsSpace(text[cut])) --cut;
    out->push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(cut)});
    start = cut;
    while (start < end && IsSpace(text[start])) ++start;
  }
  if (end > start) out->push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(end)});
}

}  // namespace

std::vector<Span> SplitSentences(std::string_view text, const std::vector<Span>& paragraphs) {
  std::vector<Span> sentences;
  for (const Span& p : paragraphs) {
    size_t start = p.start;
    for (size_t i = p.start; i < p.end; ++i) {
      char c = text[i];
      if (c != '.' && c != '?' && c != '!') continue;
      size_t after = i + 1;
      while (after < p.end && (text[after] == ')' || text[after] == '"' || text[after] == ']')) ++after;
      if (after < p.end && !IsSpace(text[after])) continue;  // "7.4", "e.g.x", URLs
      size_t next = after;
      while (next < p.end && IsSpace(text[next])) ++next;
      if (next < p.end && !CanStartSentence(text, next)) continue;
      if (c == '.' && (IsAbbreviation(text, i) || RouteGoesOn(text, i, next))) continue;
      // "1.\n5 mg/m2": a decimal number cut by a line break, not a sentence end.
      if (c == '.' && i > p.start && IsDigit(text[i - 1]) && next < p.end && IsDigit(text[next]) && after == i + 1) continue;
      AddTrimmed(text, start, after, &sentences);
      start = next;
      i = next > 0 ? next - 1 : next;
    }
    AddTrimmed(text, start, p.end, &sentences);
  }
  return sentences;
}

bool EndsWithAbbreviation(std::string_view text) {
  return !text.empty() && text.back() == '.' && IsAbbreviation(text, text.size() - 1);
}

}  // namespace trialgraph::ingest
