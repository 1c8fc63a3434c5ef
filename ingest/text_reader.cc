#include "ingest/text_reader.h"

#include <re2/re2.h>

#include <algorithm>
#include <optional>
#include <set>
#include <vector>

#include "ingest/sentences.h"

namespace trialgraph::ingest {

namespace {

using ontology::Ontology;

struct Line {
  size_t start = 0;
  size_t end = 0;             // trimmed
  std::string_view text;      // trimmed
};

// Calls visit(line) for each line, trimmed, until it returns false. Lines are
// not collected: a file of millions of empty lines costs nothing.
template <typename Visit>
void ForEachLine(std::string_view text, Visit&& visit) {
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    size_t s = pos, e = nl;
    while (s < e && std::isspace(static_cast<unsigned char>(text[s]))) ++s;
    while (e > s && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
    if (!visit(Line{s, e, text.substr(s, e - s)})) return;
    pos = nl + 1;
  }
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// A page-furniture line, parsed once per ontology: "x" is the whole line, "x*" a
// line starting with x, "*x" a line ending with x; all case-insensitive.
struct FurniturePattern {
  enum class Where { kWhole, kStart, kEnd };
  std::string text;  //!< lower case, without the '*'
  Where where = Where::kWhole;
  std::string_view action;  //!< "stop", "skip", "trim" or "title"
};

// The page-furniture list (page_furniture.tsv), built once per ontology (Ontology::Compiled).
struct FurnitureList {
  explicit FurnitureList(const Ontology& o);
  std::vector<FurniturePattern> patterns;
};

FurnitureList::FurnitureList(const Ontology& o) {
  for (size_t i = 0; i < o.furniture.size(); ++i) {
    FurniturePattern p{Lower(o.furniture.name(i)), FurniturePattern::Where::kWhole,
                       o.furniture.first(i, Ontology::kFurnitureAction)};
    if (p.text.size() > 1 && p.text.back() == '*') {
      p.text.pop_back();
      p.where = FurniturePattern::Where::kStart;
    } else if (p.text.size() > 1 && p.text.front() == '*') {
      p.text.erase(0, 1);
      p.where = FurniturePattern::Where::kEnd;
    }
    patterns.push_back(std::move(p));
  }
}

// What the page-furniture list makes of a line: its action ("stop", "skip",
// "trim", "title", or "" for an ordinary line) and the line without the
// matched marker, which is what "trim" and "title" keep.
struct Furniture {
  std::string_view action;
  Line rest;
};

Furniture FurnitureOf(const std::vector<FurniturePattern>& patterns, const Line& line) {
  using Where = FurniturePattern::Where;
  std::string lower = Lower(line.text);
  for (const FurniturePattern& p : patterns) {
    bool matches = p.where == Where::kStart ? lower.starts_with(p.text)
                   : p.where == Where::kEnd ? lower.ends_with(p.text)
                                            : lower == p.text;
    if (!matches) continue;
    Line rest = line;
    if (p.where == Where::kStart) rest.start += p.text.size();
    if (p.where == Where::kEnd) rest.end -= p.text.size();
    rest.text = line.text.substr(rest.start - line.start, rest.end - rest.start);
    return {p.action, rest};
  }
  return {"", line};
}

size_t WordCount(std::string_view s) {
  size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    bool space = std::isspace(static_cast<unsigned char>(c));
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

bool HasIdentifierLabel(std::string_view line) {
  static const RE2 kLabel(R"((?i)\b(pmid|pmcid|doi)\s*:?\s*\S)");
  return RE2::PartialMatch(line, kLabel);
}

// A title has several words, is not a sentence of prose and is not a label line.
bool LooksLikeTitle(std::string_view line) {
  // "Menu | Latest News | Podcasts": a navigation bar, not a title.
  if (std::count(line.begin(), line.end(), '|') >= 2) return false;
  size_t words = WordCount(line);
  return words >= 4 && words <= 60 && line.back() != '.' && !HasIdentifierLabel(line);
}

// Does `line` continue `previous`, which a period wrongly ended?
bool ContinuesLine(std::string_view previous, std::string_view line) {
  bool decimal = previous.size() >= 2 && previous.back() == '.' && ontology::IsDigit(previous[previous.size() - 2]) &&
                 ontology::IsDigit(line.front());
  return decimal || EndsWithAbbreviation(previous);
}

// Prose: enough words to be a sentence, and some lower-case letters. A line
// that ends a sentence may be shorter ("OUTLINE: This is a randomized,
// multicenter study."); page furniture rarely ends with a full stop.
bool LooksLikeProse(std::string_view line) {
  bool full_stop = !line.empty() && (line.back() == '.' || line.back() == '?' || line.back() == '!');
  return WordCount(line) >= (full_stop ? 5 : 8) && std::any_of(line.begin(), line.end(), [](char c) { return std::islower(c); });
}

// The length of the well-formed UTF-8 sequence at bytes[i] (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF), or 0.
size_t Utf8SequenceLength(const std::string& bytes, size_t i) {
  auto byte = [&](size_t k) { return i + k < bytes.size() ? static_cast<unsigned char>(bytes[i + k]) : 0u; };
  auto continuation = [&](size_t k) { return (byte(k) & 0xC0) == 0x80; };
  unsigned char c = byte(0);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return continuation(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return byte(1) >= lo && byte(1) <= hi && continuation(2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return byte(1) >= lo && byte(1) <= hi && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

}  // namespace

Status CheckText(const std::string& bytes) {
  if (bytes.empty()) return Status::InvalidArgument("empty file");
  for (size_t i = 0; i < bytes.size();) {
    if (bytes[i] == 0) return Status::InvalidArgument("binary data (NUL byte at offset " + std::to_string(i) + ")");
    size_t len = Utf8SequenceLength(bytes, i);
    if (len == 0) return Status::InvalidArgument("invalid UTF-8 at byte offset " + std::to_string(i));
    i += len;
  }
  return Status::OK();
}

void FindIdentifiers(std::string_view text, DocumentIds* ids) {
  static const RE2 kPmid(R"((?i)\bPMID\s*:?\s*(\d{5,9})\b)");
  static const RE2 kPmcid(R"(\b(PMC\d{5,9})\b)");
  static const RE2 kDoi(R"((?i)\b(10\.\d{4,9}/[^\s"<>]+))");
  static const RE2 kNct(R"(\b(NCT\d{8})\b)");
  std::string value;
  if (!ids->pmid && RE2::PartialMatch(text, kPmid, &value)) ids->pmid = value;
  if (!ids->pmcid && RE2::PartialMatch(text, kPmcid, &value)) ids->pmcid = value;
  if (!ids->doi && RE2::PartialMatch(text, kDoi, &value)) {
    while (!value.empty() && std::string_view(".,;)]").find(value.back()) != std::string_view::npos) value.pop_back();
    ids->doi = value;
  }
  re2::StringPiece input(text.data(), text.size());
  std::set<std::string> seen(ids->nct.begin(), ids->nct.end());
  while (RE2::FindAndConsume(&input, kNct, &value))
    if (seen.insert(value).second) ids->nct.push_back(value);
}

Status ReadTextPage(const std::string& source, std::string bytes, const Ontology& o, SourceDocument* doc) {
  if (bytes.size() > kMaxTextPageBytes)
    return Status::InvalidArgument("text document is " + std::to_string(bytes.size() >> 20) +
                                   " MiB; a page is limited to " + std::to_string(kMaxTextPageBytes >> 20) + " MiB");
  Status st = CheckText(bytes);
  if (!st.ok()) return st;
  doc->source = source;
  doc->format = "text";
  doc->text = std::move(bytes);
  std::string_view text = doc->text;
  // Pages repeat their title; lines seen before are skipped. Only the first
  // kMaxRemembered candidate lines are remembered, which bounds memory.
  constexpr size_t kMaxRemembered = 10000;
  std::set<std::string_view> seen_lines;
  size_t document_end = text.size();
  // Text split into lines at every period ("allergic to E." / "Coli
  // asparaginase ...", "Vincristine: 1." / "5 mg/m2 IV"): a line after one
  // ending in an abbreviation, or a number cut at its decimal point, goes on.
  std::optional<Span> previous;  // the previous candidate line, joined with what continued it
  const std::vector<FurniturePattern>& furniture_patterns = o.Compiled<FurnitureList>().patterns;
  ForEachLine(text, [&](const Line& raw_line) {
    if (raw_line.text.empty()) return true;
    if (previous && ContinuesLine(text.substr(previous->start, previous->end - previous->start), raw_line.text)) {
      bool in_body = !doc->body.empty() && doc->body.back() == *previous;
      previous->end = static_cast<uint32_t>(raw_line.end);
      if (in_body) doc->body.back() = *previous;
      else if (LooksLikeProse(text.substr(previous->start, previous->end - previous->start))) doc->body.push_back(*previous);
      return true;
    }
    Furniture furniture = FurnitureOf(furniture_patterns, raw_line);
    std::string_view action = furniture.action;
    const Line line = action == "trim" || action == "title" ? furniture.rest : raw_line;
    if (line.text.empty()) return true;  // the line was only a marker
    if (action == "title") {  // the layout marks its title, however short: it wins over a guess
      doc->title = std::string(line.text);
      doc->title_span = Span{static_cast<uint32_t>(line.start), static_cast<uint32_t>(line.end)};
      return true;
    }
    if (action == "stop" && (doc->title || !doc->body.empty())) {
      document_end = line.start;
      return false;
    }
    bool repeated = seen_lines.count(line.text) > 0;
    if (!repeated && seen_lines.size() < kMaxRemembered && WordCount(line.text) >= 4) seen_lines.insert(line.text);
    if (action == "skip" || action == "stop" || repeated) return true;
    previous = Span{static_cast<uint32_t>(line.start), static_cast<uint32_t>(line.end)};
    if (!doc->title && LooksLikeTitle(line.text)) {
      doc->title = std::string(line.text);
      doc->title_span = Span{static_cast<uint32_t>(line.start), static_cast<uint32_t>(line.end)};
    } else if (LooksLikeProse(line.text)) {
      doc->body.push_back({static_cast<uint32_t>(line.start), static_cast<uint32_t>(line.end)});
    }
    return true;
  });
  FindIdentifiers(text.substr(0, document_end), &doc->ids);
  if (doc->body.empty() && !doc->title) return Status::InvalidArgument("no prose found (not a document page?)");
  return Status::OK();
}

}  // namespace trialgraph::ingest
