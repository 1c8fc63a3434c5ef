// Reader for plain text and saved web pages (PubMed, PMC, journal and news
// sites): finds the title, the identifiers and the document's own prose,
// and leaves page furniture out.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "ingest/document.h"
#include "ontology/ontology.h"

namespace trialgraph::ingest {

//! Checks that `bytes` can be read as text: not empty, no NUL bytes, valid
//! UTF-8. The error says what is wrong and where.
Status CheckText(const std::string& bytes);

//! `bytes` without a leading UTF-8 byte order mark.
inline std::string_view WithoutBom(std::string_view bytes) {
  return bytes.starts_with("\xEF\xBB\xBF") ? bytes.substr(3) : bytes;
}

//! The largest text page read (an abstract page is kilobytes).
inline constexpr size_t kMaxTextPageBytes = size_t{16} << 20;

//! Reads a text page. `bytes` become doc->text unchanged, so evidence
//! offsets point into the original file. Fails (InvalidArgument) on bytes
//! that are not text, or a page with no prose at all.
Status ReadTextPage(const std::string& source, std::string bytes, const ontology::Ontology& ontology,
                    SourceDocument* doc);

//! Finds PMID, PMCID, DOI and NCT ids in text[span].
void FindIdentifiers(std::string_view text, DocumentIds* ids);

}  // namespace trialgraph::ingest
