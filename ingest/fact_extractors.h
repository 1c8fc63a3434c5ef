// The extractors, one per fact kind, each reading a DocumentAnalysis.
// Internal to ingest/: the public entry point is Extractor.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ingest/analysis.h"
#include "ingest/extraction.h"

namespace trialgraph::ingest {

//! "1", "1/2", "2", "2/3", "3", "4" from "phase II", "phase 1b/2", ...
std::optional<std::string> ExtractPhase(const DocumentAnalysis& a);
//! Canonical design tags ("randomized", "single-arm", ...), in order of mention.
std::vector<std::string> ExtractDesign(const DocumentAnalysis& a);
//! Trial group names and acronyms ("E1910", "TOWER").
std::vector<std::string> ExtractTrialNames(const DocumentAnalysis& a);
//! The NCT ids, then the other trial registries' numbers the record links (PubMed DataBank) or the text writes
//! ("2010-019469-26" bare, as registry records write EudraCT numbers; "ISRCTN69423238").
std::vector<std::string> ExtractRegistryIds(const DocumentAnalysis& a);
//! The number of patients enrolled or treated.
std::optional<int> ExtractEnrolled(const DocumentAnalysis& a);
//! The studied populations: the main disease's, then one for each further
//! disease listed beside it for the same patients (empty if no disease is named).
std::vector<Population> ExtractPopulations(const DocumentAnalysis& a);
//! "end stage renal disease": one to three words that a word heading a disease's
//! name ends (rule_words.tsv disease_head), none of them a not_disease_word.
bool IsHeadedDiseaseName(const ontology::Ontology& o, std::string_view phrase);
//! The trial's arms and their regimens.
std::vector<Arm> ExtractArms(const DocumentAnalysis& a);
//! Endpoints with values, and adverse events, into `trial` (which already has arms and enrolment).
void ExtractOutcomes(const DocumentAnalysis& a, Trial* trial);


}  // namespace trialgraph::ingest
