#include "ingest/pubtator_reader.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "ingest/pubmed_reader.h"
#include "ingest/text_reader.h"

namespace trialgraph::ingest {

namespace {

// What the next non-blank line of a record must be.
enum class Expect { kTitle, kAbstract, kAnnotation };

// A "PMID|t|text" or "PMID|a|text" line.
struct TextLine {
  std::string_view pmid;
  char kind = 0;
  std::string_view text;
};

bool IsPmid(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool IsBlank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](unsigned char c) { return std::isspace(c); });
}

std::optional<TextLine> ParseTextLine(std::string_view line) {
  size_t bar = line.find('|');
  if (bar == std::string_view::npos || bar + 2 >= line.size() || line[bar + 2] != '|') return std::nullopt;
  if (!IsPmid(line.substr(0, bar))) return std::nullopt;
  return TextLine{line.substr(0, bar), line[bar + 1], line.substr(bar + 3)};
}

std::vector<std::string> SplitTabs(std::string_view line) {
  std::vector<std::string> fields;
  for (size_t start = 0;;) {
    size_t tab = line.find('\t', start);
    fields.emplace_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) return fields;
    start = tab + 1;
  }
}

Status LineError(size_t number, const std::string& what) {
  return Status::InvalidArgument("line " + std::to_string(number) + ": " + what);
}

// Adds one line (number `number`, "\r" removed) to *records.
Status TakeLine(std::string_view line, size_t number, Expect* expect, std::vector<PubtatorRecord>* records) {
  std::optional<TextLine> text = ParseTextLine(line);
  std::string pmid = records->empty() ? "" : records->back().pmid;
  if (*expect == Expect::kAbstract) {
    if (!text || text->kind != 'a' || text->pmid != pmid)
      return LineError(number, "expected the abstract line \"" + pmid + "|a|...\" after the title of PMID " + pmid);
    records->back().abstract = text->text;
    *expect = Expect::kAnnotation;
  } else if (text && text->kind == 't') {
    records->push_back({std::string(text->pmid), std::string(text->text), "", {}});
    *expect = Expect::kAbstract;
  } else if (*expect == Expect::kTitle) {
    return LineError(number, "expected a title line \"PMID|t|title\"");
  } else {
    std::vector<std::string> fields = SplitTabs(line);
    if (fields.size() < 2 || fields.front() != pmid)
      return LineError(number, "expected an annotation line \"" + pmid + "<TAB>...\", a blank line or a title line");
    records->back().annotations.emplace_back(fields.begin() + 1, fields.end());
  }
  return Status::OK();
}

}  // namespace

bool LooksLikePubtator(std::string_view bytes) {
  bytes = WithoutBom(bytes);
  size_t first = bytes.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return false;
  std::optional<TextLine> line = ParseTextLine(bytes.substr(first, bytes.find('\n', first) - first));
  return line && line->kind == 't';
}

Status ParsePubtator(std::string_view bytes, std::vector<PubtatorRecord>* records) {
  bytes = WithoutBom(bytes);
  std::vector<PubtatorRecord> out;
  Expect expect = Expect::kTitle;
  size_t number = 0;
  for (size_t pos = 0; pos < bytes.size();) {
    size_t nl = std::min(bytes.find('\n', pos), bytes.size());
    std::string_view line = bytes.substr(pos, nl - pos);
    if (line.ends_with('\r')) line.remove_suffix(1);
    pos = nl + 1;
    ++number;
    if (IsBlank(line) && expect != Expect::kAbstract) {
      expect = Expect::kTitle;
      continue;
    }
    Status st = TakeLine(line, number, &expect, &out);
    if (!st.ok()) return st;
  }
  if (expect == Expect::kAbstract)
    return LineError(number, "the file ends after the title of PMID " + out.back().pmid + ", without its abstract line");
  if (out.empty()) return Status::InvalidArgument("no PubTator record (\"PMID|t|title\" line)");
  std::move(out.begin(), out.end(), std::back_inserter(*records));
  return Status::OK();
}

Status ReadPubtator(const std::string& path, const std::string& bytes, std::vector<SourceDocument>* docs) {
  Status st = CheckText(bytes);
  if (!st.ok()) return st;
  std::vector<PubtatorRecord> records;
  st = ParsePubtator(bytes, &records);
  if (!st.ok()) return st;
  for (PubtatorRecord& record : records) {
    ArticleRecord article;
    article.pmid = std::move(record.pmid);
    article.title = std::move(record.title);
    if (!record.abstract.empty()) article.sections.emplace_back("", std::move(record.abstract));
    docs->push_back(BuildArticleDocument(path, "pubtator", std::move(article)));
  }
  return Status::OK();
}

}  // namespace trialgraph::ingest
