// Helpers for extractor unit tests: a small text document through the real
// text reader and extractor, with the real ontology.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <unistd.h>

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

//! What the extractor makes of that document with ontology `o`.
inline ingest::Extraction ExtractText(const ontology::Ontology& o, const std::string& title,
                                      const std::vector<std::string>& sentences) {
  return ingest::Extractor(o).Extract(TextDocument(title, sentences));
}

//! The real ontology with the words of rule `rule` replaced by `words` ('|'-separated): a rule that reads its words
//! from rule_words.tsv follows them.
inline ontology::Ontology WithRuleWords(const std::string& rule, const std::string& words) {
  std::istringstream real(Slurp(TRIALGRAPH_SOURCE_DIR "/ontology/rule_words.tsv"));
  std::string rows, line;
  while (std::getline(real, line)) rows += (line.starts_with(rule + "\t") ? rule + "\t" + words : line) + "\n";
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("tg_rule_words_" + std::to_string(::getpid()) + "_" + rule + ".tsv");
  std::ofstream(path) << rows;
  ontology::Ontology o = RealOntology();
  o.rule_words = ontology::Vocabulary();
  Status st = o.rule_words.Load(path.string(), {2, -1, false});
  EXPECT_TRUE(st.ok()) << st.ToString();
  std::filesystem::remove(path);
  return o;
}

}  // namespace trialgraph::testing
