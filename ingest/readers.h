// Format detection and dispatch: bytes in, SourceDocuments out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ingest/document.h"
#include "ontology/ontology.h"

namespace trialgraph::ingest {

//! The formats ReadDocuments recognises from content.
enum class Format {
  kGzip,       //!< gzip-compressed bytes (magic 1f 8b)
  kPubmedXml,  //!< PubmedArticleSet / MedlineCitationSet / PubmedArticle / MedlineCitation
  kMedline,    //!< MEDLINE text (.nbib): first line "PMID- "
  kPubtator,   //!< PubTator text (BC5CDR): first line "PMID|t|title"
  kCtgovJson,  //!< ClinicalTrials.gov JSON (API v2 or FullStudiesResponse)
  kCtgovXml,   //!< legacy ClinicalTrials.gov <clinical_study> XML
  kOtherJson,  //!< JSON that is no study record: refused, not read as prose
  kOtherXml,   //!< XML with another root element (not HTML): refused
  kText,       //!< anything else, HTML pages included: read as a text page
};

//! The format of `bytes`, from their content alone (never fails; kText when
//! nothing more specific fits).
Format DetectFormat(std::string_view bytes);

//! A short name for `format` ("gzip", "pubmed-xml", ...), for messages and tests.
std::string_view FormatName(Format format);

//! Reads every document in one file's bytes: one for a saved page or a
//! registry record, many for a PubMed XML set. The format is detected from
//! the content (gzip is unwrapped first), not only from the file name.
//! On failure returns InvalidArgument saying what is wrong with the bytes;
//! *docs then holds nothing from this file.
Status ReadDocuments(const std::string& source, std::string bytes, const ontology::Ontology& ontology,
                     std::vector<SourceDocument>* docs);

//! Keeps in *docs, read from `file`, only the document whose id is `id`: its
//! PMID, or the NCT id of a ClinicalTrials.gov record. Returns NotFound
//! naming the file and the id when there is none; *docs is then empty.
Status SelectDocument(const std::string& file, const std::string& id, std::vector<SourceDocument>* docs);

}  // namespace trialgraph::ingest
