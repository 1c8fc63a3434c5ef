// SourceDocument: what a format reader hands to the extractors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ingest/facts.h"

namespace trialgraph::ingest {

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
  //! Trials a structured record states directly (ClinicalTrials.gov); the
  //! extractor completes them from the prose instead of guessing anew.
  std::vector<Trial> stated_trials;
  //! Publication types (PubMed); a review or an editorial reports no trial.
  std::vector<std::string> publication_types;
  std::vector<std::string> mesh_terms;  //!< MeSH headings, when the record has them
  //! (bank, accession) of the databanks a record links besides ClinicalTrials.gov (PubMed DataBankList).
  std::vector<std::pair<std::string, std::string>> data_banks;

  //! The NCT id of the ClinicalTrials.gov record this document is; nullptr for other documents.
  const std::string* RecordNctId() const {
    return format.starts_with("ctgov") && !ids.nct.empty() ? &ids.nct.front() : nullptr;
  }
};

}  // namespace trialgraph::ingest
