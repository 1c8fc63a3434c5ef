// SourceDocument: what a format reader hands to the extractors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace trialgraph::ingest {

//! A byte range [start, end) of SourceDocument::text.
struct Span {
  uint32_t start = 0;
  uint32_t end = 0;
  bool operator==(const Span&) const = default;
};

//! Publication and registry identifiers of a document.
struct DocumentIds {
  std::optional<std::string> pmid;
  std::optional<std::string> pmcid;
  std::optional<std::string> doi;
  std::vector<std::string> nct;  //!< in order of first mention, unique
};

struct SourceDocument {
  std::string source;                //!< the path or URL as given
  std::string format;                //!< "text", "pubmed-xml", ... (EXTRACT.md)
  std::string text;                  //!< the bytes every Span and evidence offset refers to
  std::optional<std::string> title;  //!< the document's title, if found
  std::optional<Span> title_span;    //!< where the title stands in text
  DocumentIds ids;
  std::vector<Span> body;            //!< the document's own prose (not the title, not page furniture)
};

}  // namespace trialgraph::ingest
