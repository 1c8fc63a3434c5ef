// Readers for PubMed records: PubMed/MEDLINE XML (efetch output, baseline
// files) and MEDLINE text (.nbib). One SourceDocument per article.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "ingest/document.h"

namespace trialgraph::ingest {

//! What one PubMed record says, before it becomes a SourceDocument.
struct ArticleRecord {
  std::string pmid;                //!< MedlineCitation/PMID; empty when absent
  std::string doi;                 //!< DOI, or empty
  std::string pmcid;               //!< "PMC…", or empty
  std::string title;               //!< ArticleTitle, inline markup flattened
  //! Abstract sections in order: (label, text); label may be empty.
  std::vector<std::pair<std::string, std::string>> sections;
  std::vector<std::string> nct;                //!< registry accession numbers stated by the record
  //! (DataBankName, accession) of the record's other databanks (ISRCTN, EudraCT, GEO, ...), in order.
  std::vector<std::pair<std::string, std::string>> data_banks;
  std::vector<std::string> publication_types;  //!< PublicationTypeList / PT
  std::vector<std::string> mesh_terms;         //!< MeSH descriptor names / MH
};

//! Builds the document of one record: text = title, then each abstract
//! section as its own paragraph ("LABEL: text"), with title_span and one body
//! span per section; source = `path` + "#PMID" (what selects it, see
//! SelectDocument). Never fails.
SourceDocument BuildArticleDocument(const std::string& path, const std::string& format, ArticleRecord record);

//! Reads a PubMed XML file (PubmedArticleSet, MedlineCitationSet or a single
//! PubmedArticle/MedlineCitation), streaming article by article. Articles
//! without a PMID and PubmedBookArticles are skipped. Returns
//! InvalidArgument with libxml2's message and line on malformed XML; *docs
//! then gains nothing.
Status ReadPubmedXml(const std::string& path, const std::string& bytes, std::vector<SourceDocument>* docs);

//! True when the first non-blank line of `bytes` is a MEDLINE "PMID- " line.
bool LooksLikeMedline(std::string_view bytes);

//! Reads MEDLINE text (.nbib): one document per record (records start at
//! "PMID- "). Returns InvalidArgument when the bytes are not text or hold no
//! record; *docs then gains nothing.
Status ReadMedline(const std::string& path, const std::string& bytes, std::vector<SourceDocument>* docs);

}  // namespace trialgraph::ingest
