// Helpers for extractor unit tests: a small text document through the real
// text reader and extractor, with the real ontology.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ingest/extractor.h"
#include "ingest/text_reader.h"
#include "tests/test_support.h"

namespace trialgraph::testing {

//! The document "title, blank line, one line per sentence", read as a text page.
inline ingest::SourceDocument TextDocument(const std::string& title, const std::vector<std::string>& sentences) {
  std::string page = title + "\n\n";
  for (const std::string& s : sentences) page += s + "\n\n";
  ingest::SourceDocument doc;
  Status st = ingest::ReadTextPage("test.txt", page, RealOntology(), &doc);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return doc;
}

//! What the extractor makes of that document.
inline ingest::Extraction ExtractText(const std::string& title, const std::vector<std::string>& sentences) {
  return ingest::Extractor(RealOntology()).Extract(TextDocument(title, sentences));
}

}  // namespace trialgraph::testing
