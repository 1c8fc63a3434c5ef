#include "ontology/lexicon.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <fstream>

namespace trialgraph::ontology {

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t pos = s.find(sep, start);
    parts.emplace_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return parts;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
    return std::tolower(x) == std::tolower(y);
  });
}

std::string LowerCaseName(std::string_view name) {
  std::string lower;
  for (size_t start = 0; start < name.size();) {
    size_t end = std::min(name.find(' ', start), name.size());
    std::string_view word = name.substr(start, end - start);
    bool capitals = std::count_if(word.begin(), word.end(), [](unsigned char c) { return std::isupper(c); }) >= 2 &&
                    std::none_of(word.begin(), word.end(), [](unsigned char c) { return std::islower(c); });
    lower += lower.empty() ? "" : " ";
    for (char c : word) lower.push_back(capitals ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    start = end + 1;
  }
  return lower;
}

namespace {

// "MLN9708" and "MLN 9708", "CMC-544" and "CMC544": a code name (letters, then
// three digits or more) is written glued, spaced or hyphenated, and the
// tokenizer sees one token or two. The other form of the code, if any.
std::optional<std::vector<Token>> OtherCodeForm(const std::vector<Token>& tokens) {
  static const RE2 kGlued(R"(([a-z]{2,})(\d{3,}))"), kLetters(R"([a-z]{2,})"), kDigits(R"(\d{3,})");
  std::string letters, digits;
  if (tokens.size() == 1 && RE2::FullMatch(tokens[0].norm, kGlued, &letters, &digits))
    return std::vector<Token>{{0, 0, letters}, {0, 0, digits}};
  if (tokens.size() == 2 && RE2::FullMatch(tokens[0].norm, kLetters) && RE2::FullMatch(tokens[1].norm, kDigits))
    return std::vector<Token>{{0, 0, tokens[0].norm + tokens[1].norm}};
  return std::nullopt;
}

}  // namespace

void Lexicon::Add(std::string_view spelling, uint32_t entry) {
  bool exact = !spelling.empty() && spelling.front() == '=';
  if (exact) spelling.remove_prefix(1);
  std::vector<Token> tokens = Tokenize(spelling);
  if (tokens.empty()) return;
  if (!exact)
    if (std::optional<std::vector<Token>> other = OtherCodeForm(tokens)) AddTokens(*other, entry);
  AddTokens(tokens, entry, exact ? spelling : std::string_view());
}

void Lexicon::AddTokens(const std::vector<Token>& tokens, uint32_t entry, std::string_view exact_spelling) {
  bool exact = !exact_spelling.empty();
  std::string_view spelling = exact_spelling;
  uint32_t node = 0;
  Terminal terminal{entry, {}};
  for (const Token& t : tokens) {
    auto it = nodes_[node].children.find(t.norm);
    if (it == nodes_[node].children.end()) {
      nodes_.emplace_back();
      it = nodes_[node].children.emplace(t.norm, static_cast<uint32_t>(nodes_.size() - 1)).first;
    }
    node = it->second;
    if (exact) terminal.exact.emplace_back(spelling.substr(t.start, t.end - t.start));
  }
  for (const Terminal& existing : nodes_[node].terminals)
    if (existing.entry == entry && existing.exact == terminal.exact) return;
  nodes_[node].terminals.push_back(std::move(terminal));
}

namespace {

// "INO" in "INO-VATE", "CR" in "CR-rate": a short case-sensitive spelling
// glued by a hyphen to more letters is part of another word.
bool GluedToWord(std::string_view text, uint32_t start, uint32_t end) {
  auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  bool before = start >= 2 && text[start - 1] == '-' && alnum(text[start - 2]);
  bool after = end + 1 < text.size() && text[end] == '-' && alnum(text[end + 1]);
  return before || after;
}

}  // namespace

bool Lexicon::Accepts(const Terminal& t, std::string_view text, const std::vector<Token>& tokens, size_t first) const {
  if (t.exact.empty()) return true;
  for (size_t k = 0; k < t.exact.size(); ++k) {
    const Token& tok = tokens[first + k];
    if (text.substr(tok.start, tok.end - tok.start) != t.exact[k]) return false;
  }
  return !GluedToWord(text, tokens[first].start, tokens[first + t.exact.size() - 1].end);
}

std::optional<Match> Lexicon::LongestAt(std::string_view text, const std::vector<Token>& tokens, size_t i) const {
  std::optional<Match> best;
  uint32_t node = 0;
  for (size_t j = i; j < tokens.size(); ++j) {
    auto it = nodes_[node].children.find(tokens[j].norm);
    if (it == nodes_[node].children.end()) break;
    node = it->second;
    for (const Terminal& t : nodes_[node].terminals) {
      if (Accepts(t, text, tokens, i)) {
        best = Match{static_cast<uint32_t>(i), static_cast<uint32_t>(j + 1), t.entry};
        break;
      }
    }
  }
  return best;
}

std::vector<Match> Lexicon::FindAll(std::string_view text, const std::vector<Token>& tokens) const {
  std::vector<Match> matches;
  for (size_t i = 0; i < tokens.size();) {
    std::optional<Match> m = LongestAt(text, tokens, i);
    if (m) {
      matches.push_back(*m);
      i = m->last;
    } else {
      ++i;
    }
  }
  return matches;
}

std::optional<uint32_t> Lexicon::Lookup(std::string_view phrase) const {
  std::vector<Token> tokens = Tokenize(phrase);
  std::optional<Match> m = tokens.empty() ? std::nullopt : LongestAt(phrase, tokens, 0);
  if (!m || m->last != tokens.size()) return std::nullopt;
  return m->entry;
}

std::string_view Vocabulary::first(size_t i, size_t column) const {
  const std::vector<std::string>& items = rows_[i][column];
  return items.empty() ? std::string_view() : std::string_view(items.front());
}

std::optional<uint32_t> Vocabulary::Find(std::string_view name) const {
  auto it = by_name_.find(std::string(name));
  if (it == by_name_.end()) return std::nullopt;
  return it->second;
}

std::string Vocabulary::Alternation(std::string_view name, size_t column) const {
  std::string alternation;
  if (std::optional<uint32_t> entry = Find(name))
    for (const std::string& item : list(*entry, column)) {
      if (!alternation.empty()) alternation += '|';
      alternation += item.starts_with('=') ? "(?-i:" + RE2::QuoteMeta(item.substr(1)) + ")" : RE2::QuoteMeta(item);
    }
  return "(?:" + (alternation.empty() ? std::string(R"(\b\B)") : alternation) + ")";
}

Status Vocabulary::Load(const std::string& path, const Layout& layout) {
  std::ifstream in(path);
  if (!in) return Status::IOError("cannot read vocabulary " + path);
  std::string line;
  for (size_t line_no = 1; std::getline(in, line); ++line_no) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (Trim(line).empty() || line.front() == '#') continue;
    std::vector<std::string> fields = Split(line, '\t');
    if (fields.size() != layout.columns)
      return Status::InvalidArgument(path + ":" + std::to_string(line_no) + ": expected " +
                                     std::to_string(layout.columns) + " TAB-separated fields, found " +
                                     std::to_string(fields.size()));
    std::vector<std::vector<std::string>> row;
    for (size_t c = 0; c < layout.columns; ++c) {
      std::vector<std::string> items;
      for (const std::string& item : Split(fields[c], '|'))
        if (!Trim(item).empty()) items.emplace_back(Trim(item));
      row.push_back(std::move(items));
    }
    if (row[0].size() != 1)
      return Status::InvalidArgument(path + ":" + std::to_string(line_no) + ": column 1 must hold one name");
    uint32_t entry = static_cast<uint32_t>(rows_.size());
    if (!by_name_.emplace(row[0].front(), entry).second && layout.name_is_spelling)
      return Status::InvalidArgument(path + ":" + std::to_string(line_no) + ": duplicate entry '" + row[0].front() + "'");
    if (layout.name_is_spelling) lexicon_.Add(row[0].front(), entry);
    if (layout.alias_column >= 0)
      for (const std::string& alias : row[layout.alias_column]) lexicon_.Add(alias, entry);
    rows_.push_back(std::move(row));
  }
  return Status::OK();
}

}  // namespace trialgraph::ontology
