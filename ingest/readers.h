// Format detection and dispatch: bytes in, SourceDocuments out.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "ingest/document.h"
#include "ontology/ontology.h"

namespace trialgraph::ingest {

//! Reads every document in one file's bytes: one for a saved page or a
//! registry record, many for a PubMed XML set. The format is detected from
//! the content (gzip is unwrapped first), not only from the file name.
//! On failure returns InvalidArgument saying what is wrong with the bytes;
//! *docs then holds nothing from this file.
Status ReadDocuments(const std::string& source, std::string bytes, const ontology::Ontology& ontology,
                     std::vector<SourceDocument>* docs);

}  // namespace trialgraph::ingest
