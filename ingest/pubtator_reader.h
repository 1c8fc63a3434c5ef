// Reader for PubTator text (the BioCreative BC5CDR corpus, PubTator exports):
// records of "PMID|t|title", "PMID|a|abstract", then tab-separated
// annotation lines "PMID<TAB>...", a blank line between records. One
// PubMed-like document (title, abstract, PMID) per record.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ingest/document.h"

namespace trialgraph::ingest {

//! One PubTator record as written.
struct PubtatorRecord {
  std::string pmid;      //!< the PMID every line of the record starts with
  std::string title;     //!< the text after "PMID|t|"
  std::string abstract;  //!< the text after "PMID|a|"
  //! The tab-separated fields after the PMID of each annotation line, not
  //! interpreted: mentions (start, end, text, type, ids) and relations.
  std::vector<std::vector<std::string>> annotations;
};

//! True when the first non-blank line of `bytes` is a PubTator title line ("PMID|t|").
bool LooksLikePubtator(std::string_view bytes);

//! Parses PubTator text into *records. Returns InvalidArgument naming the
//! first malformed line ("line 7: ...") or saying the bytes hold no record;
//! *records then gains nothing.
Status ParsePubtator(std::string_view bytes, std::vector<PubtatorRecord>* records);

//! Reads PubTator text: one document per record (format "pubtator"), built
//! like a PubMed record (title, then the abstract), source `path` + "#PMID".
//! Annotation lines are checked but not read. Errors as ParsePubtator, and
//! CheckText's for bytes that are not UTF-8 text; *docs then gains nothing.
Status ReadPubtator(const std::string& path, const std::string& bytes, std::vector<SourceDocument>* docs);

}  // namespace trialgraph::ingest
