// Readers for ClinicalTrials.gov records: API v2 JSON (one study, a page of
// studies, or the older FullStudiesResponse shape) and legacy clinical_study
// XML. Structured records: each document states its trial (stated_trials)
// and carries the record's prose as text for the extractor to complete.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ingest/document.h"
#include "ontology/ontology.h"

namespace trialgraph::ingest {

//! True when `bytes` look like ClinicalTrials.gov JSON: a JSON object whose
//! opening names protocolSection, studies or FullStudiesResponse.
bool LooksLikeCtgovJson(std::string_view bytes);

//! Reads ClinicalTrials.gov JSON, one document per study (format
//! "ctgov-json"). Returns InvalidArgument "malformed JSON at byte N" when the
//! bytes do not parse, or an error when no study is found; *docs then gains
//! nothing.
Status ReadCtgovJson(const std::string& path, const std::string& bytes, const ontology::Ontology& ontology,
                     std::vector<SourceDocument>* docs);

//! Reads a legacy <clinical_study> XML record (format "ctgov-xml"). Returns
//! InvalidArgument with libxml2's message and line on malformed XML, or when
//! the root is not clinical_study; *docs then gains nothing.
Status ReadCtgovXml(const std::string& path, const std::string& bytes, const ontology::Ontology& ontology,
                    std::vector<SourceDocument>* docs);

}  // namespace trialgraph::ingest
