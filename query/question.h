// The question language:
//   <regimens|trials|drugs|populations|endpoints|adverse events|documents>
//   [with|of|containing|including|testing|combined with A ((and|or) B)...]
//   [without|not containing|not including C]
//   [in|for|among|after <setting or population>] [phase N] [reporting <endpoint>]
// A design tag anywhere ("randomized trials", "double-blind") asks for trials of that design.
// An endpoint in place of the answer type ("overall survival with
// blinatumomab") asks for that endpoint's results, an adverse event
// ("cytokine release syndrome with tisagenlecleucel") for that event's.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ontology/ontology.h"

namespace trialgraph::query {

enum class Target { kRegimens, kTrials, kDrugs, kPopulations, kEndpoints, kAdverseEvents, kDocuments };

//! "regimens", "trials", ...
std::string_view TargetName(Target target);

//! One drug condition: a drug, a class, a named regimen, or several joined by "or".
struct DrugTerm {
  std::string label;               //!< as understood: "inotuzumab ozogamicin", "class tyrosine kinase inhibitor"
  std::vector<std::string> drugs;  //!< every INN the term names
  //! The term holds when a regimen contains every drug of any one alternative
  //! (a drug: {inn}; a class: one alternative per member; a named regimen: all its components).
  std::vector<std::vector<std::string>> alternatives;
};

struct Question {
  Target target = Target::kTrials;
  std::vector<DrugTerm> with;      //!< every term must hold (or: one term holding the alternatives)
  std::vector<DrugTerm> without;   //!< no term may hold
  std::vector<std::string> settings;  //!< any of these setting tags
  std::vector<std::string> diseases;  //!< the population's disease is one of these or below them
  std::optional<std::string> ph_status;
  std::optional<std::string> age_group;
  std::optional<std::string> phase;
  std::vector<std::string> designs;    //!< design tags (trial_design.tsv) the trial must all have
  std::vector<std::string> endpoints;  //!< the trial reports one of these endpoint kinds
  std::vector<std::string> adverse_events;  //!< the trial reports one of these adverse events (adverse_events.tsv names)
  //! A readable account of how the question was understood.
  std::string Interpretation() const;
};

//! The accepted forms, for error messages and --help.
std::string_view QuestionForms();

//! Parses `text`. On failure returns InvalidArgument naming the words it
//! did not understand and the accepted forms.
Status ParseQuestion(std::string_view text, const ontology::Ontology& ontology, Question* question);

}  // namespace trialgraph::query
