// Maps one document's extracted facts onto graph nodes and edges with
// stable, content-derived ids.
#pragma once

#include <string>

#include "core/model.h"
#include "ingest/document.h"
#include "ingest/extraction.h"
#include "ontology/ontology.h"

namespace trialgraph::ingest {

//! The public id of a document: by PMID, else DOI, else registry record, else source path.
std::string DocumentNodeId(const SourceDocument& doc);

//! What identifies a stored version of a document: its id and its text, so
//! two records with equal text (a PubMed article and its copy under another
//! PMID) are two documents, and a changed text is a new version.
std::array<uint8_t, 16> DocumentContentHash(const SourceDocument& doc);

//! The canonical id of a regimen: its sorted drugs and modifiers.
std::string RegimenNodeId(const Regimen& regimen);

//! Builds the contribution of one document (its bytes hashed for change detection).
Contribution ToContribution(const SourceDocument& doc, const Extraction& extraction, const ontology::Ontology& ontology);

}  // namespace trialgraph::ingest
