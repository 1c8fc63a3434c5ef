// Lexicon: many spellings of many entries, matched leftmost-longest over
// tokens. Vocabulary: one ontology TSV file with its lexicon.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "ontology/tokenizer.h"

namespace trialgraph::ontology {

//! A lexicon hit: tokens [first, last) spell entry `entry`.
struct Match {
  uint32_t first = 0;
  uint32_t last = 0;
  uint32_t entry = 0;
};

class Lexicon {
 public:
  //! Adds a spelling of `entry`. A leading '=' makes the spelling match only
  //! with the same letter case (for short abbreviations such as "=CR").
  //! Spellings that tokenise to nothing are ignored.
  void Add(std::string_view spelling, uint32_t entry);

  //! The longest spelling that starts at token `i`, or nullopt.
  std::optional<Match> LongestAt(std::string_view text, const std::vector<Token>& tokens, size_t i) const;

  //! All leftmost-longest, non-overlapping matches.
  std::vector<Match> FindAll(std::string_view text, const std::vector<Token>& tokens) const;

  //! The entry a whole phrase spells exactly (after tokenising), or nullopt.
  std::optional<uint32_t> Lookup(std::string_view phrase) const;

 private:
  struct Terminal {
    uint32_t entry;
    std::vector<std::string> exact;  // original-case tokens; empty when case-insensitive
  };
  struct TrieNode {
    std::unordered_map<std::string, uint32_t> children;
    std::vector<Terminal> terminals;
  };
  // Adds a tokenised spelling; `exact_spelling`, when not empty, is the
  // spelling the tokens were cut from and must match letter case.
  void AddTokens(const std::vector<Token>& tokens, uint32_t entry, std::string_view exact_spelling = {});
  bool Accepts(const Terminal& t, std::string_view text, const std::vector<Token>& tokens, size_t first) const;
  std::vector<TrieNode> nodes_{1};
};

//! One vocabulary file: column 0 is the canonical name; every column may hold
//! '|'-separated lists; one column holds spellings fed to the lexicon.
class Vocabulary {
 public:
  //! Describes a file's layout.
  struct Layout {
    size_t columns = 2;              //!< required number of TAB-separated fields
    int alias_column = 1;            //!< column with spellings, or -1 for none
    bool name_is_spelling = true;    //!< match column 0 as a spelling too
  };

  //! Reads `path`. Errors name the file and line.
  Status Load(const std::string& path, const Layout& layout);

  size_t size() const { return rows_.size(); }
  //! Canonical name of entry i.
  const std::string& name(size_t i) const { return rows_[i][0].front(); }
  //! Column `column` of entry i, split on '|'; empty items dropped.
  const std::vector<std::string>& list(size_t i, size_t column) const { return rows_[i][column]; }
  //! First item of column `column` of entry i, or "" when empty.
  std::string_view first(size_t i, size_t column) const;
  //! Entry whose canonical name equals `name` exactly, or nullopt.
  std::optional<uint32_t> Find(std::string_view name) const;
  //! Column `column` of entry `name` as an RE2 group "(?:a|b)" in file order, each item quoted; an item with a
  //! leading '=' keeps its letter case under (?i). An entry that is missing or empty matches nothing.
  std::string Alternation(std::string_view name, size_t column) const;
  const Lexicon& lexicon() const { return lexicon_; }

 private:
  std::vector<std::vector<std::vector<std::string>>> rows_;
  std::unordered_map<std::string, uint32_t> by_name_;
  Lexicon lexicon_;
};

//! Splits on a single-character separator, keeping empty pieces.
std::vector<std::string> Split(std::string_view s, char sep);
//! Removes leading and trailing ASCII white space.
std::string_view Trim(std::string_view s);
//! True for an ASCII digit.
bool IsDigit(char c);
//! True when `a` and `b` are equal but for ASCII letter case.
bool EqualsIgnoringCase(std::string_view a, std::string_view b);
//! A name in lower case but for words written in capitals ("HIV Infection" -> "HIV infection").
std::string LowerCaseName(std::string_view name);

}  // namespace trialgraph::ontology
