// StudyRecord: one ClinicalTrials.gov study as the ctgov readers see it,
// whatever its source shape (API v2 JSON, FullStudiesResponse JSON, legacy
// XML), and how it becomes a SourceDocument with a stated Trial.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ingest/document.h"
#include "ontology/ontology.h"

namespace trialgraph::ingest {

//! One result value of one group.
struct GroupValue {
  std::string group;  //!< the result group's title (matched to arm labels)
  std::string value;  //!< as recorded ("77.9", "NA")
  std::string lower;  //!< confidence-interval lower limit, or empty
  std::string upper;  //!< confidence-interval upper limit, or empty
  std::optional<int> analyzed;  //!< participants analyzed in the group, when recorded
  std::string category;         //!< the title of the category the value is of ("Complete response (CR)"), or empty
  size_t category_index = 0;    //!< which category of the measure's first class
};

//! One outcome measure with results.
struct OutcomeRecord {
  std::string title;       //!< measure title
  std::string type;        //!< "PRIMARY"/"Primary", ...
  std::string unit;        //!< unit of measure ("percentage of participants")
  std::string param;       //!< parameter type ("Number", "MEDIAN", ...)
  std::string dispersion;  //!< dispersion type ("95% Confidence Interval", ...)
  std::string time_frame;  //!< time frame text
  std::vector<GroupValue> values;  //!< first class, each of its categories: one value per group
  std::string description;         //!< measure description (often defines the measure more exactly)
};

//! One adverse-event term with the patients affected per group.
struct EventRecord {
  std::string term;                                    //!< reported term
  std::vector<std::pair<std::string, int>> affected;  //!< (group title, patients affected)
  std::string description;                             //!< the event's own note ("grade 3"), when the record gives one
};

//! One arm group.
struct ArmRecord {
  std::string label;                            //!< arm group label
  std::string description;                      //!< arm description
  std::vector<std::string> intervention_names;  //!< names the arm lists ("Drug: X" prefix removed)
};

//! One intervention.
struct InterventionRecord {
  std::string name;                      //!< intervention name
  std::vector<std::string> other_names;  //!< synonyms, brand and code names
  std::vector<std::string> arm_labels;   //!< arms that receive it
};

//! A study, normalised from any ClinicalTrials.gov shape.
struct StudyRecord {
  std::string nct_id;                       //!< NCT number
  std::vector<std::string> nct_aliases;     //!< NCT numbers merged into this one ("nct_alias", "nctIdAliases")
  std::string org_study_id;                 //!< the sponsor's own id ("RTOG L-0117")
  std::vector<std::string> secondary_ids;   //!< other ids (EudraCT, sponsor codes)
  std::string acronym;                      //!< trial acronym, or empty
  std::string brief_title;                  //!< brief title
  std::string official_title;               //!< official title
  std::string brief_summary;                //!< brief summary (paragraphs separated by blank lines)
  std::string detailed_description;         //!< detailed description
  std::vector<std::string> conditions;      //!< conditions studied
  std::vector<std::string> condition_mesh_terms;  //!< MeSH descriptors the registry filed the conditions under
  std::vector<std::string> intervention_mesh_terms;  //!< MeSH descriptors the registry filed the interventions under
  bool accepts_healthy_volunteers = false;  //!< eligibility admits healthy volunteers
  std::vector<std::string> phases;          //!< "PHASE2", "Phase 1/Phase 2", ...
  std::string study_type;                   //!< "INTERVENTIONAL", "Observational", ...
  std::string allocation;                   //!< "RANDOMIZED", "Non-Randomized", ...
  std::string intervention_model;           //!< "SINGLE_GROUP", "Parallel Assignment", ...
  std::string masking;                      //!< "NONE", "Double", ...
  std::optional<int> enrollment;            //!< enrollment count
  std::vector<ArmRecord> arms;              //!< arm groups
  std::vector<InterventionRecord> interventions;  //!< interventions
  std::string eligibility;                  //!< eligibility criteria text
  std::string minimum_age;                  //!< "18 Years", or empty
  std::string maximum_age;                  //!< "N/A", or empty
  std::vector<std::pair<std::string, int>> group_counts;  //!< (group title, patients started)
  std::vector<OutcomeRecord> outcomes;      //!< outcome measures with results
  std::vector<EventRecord> events;          //!< serious and other adverse events
};

//! Builds the document of one study: text = brief title, official title,
//! brief summary and detailed description as paragraphs (with spans); one
//! stated Trial from the structured fields; ids.nct = [nct_id]. Never fails.
SourceDocument BuildStudyDocument(const std::string& source, const std::string& format, const StudyRecord& study,
                                  const ontology::Ontology& ontology);

}  // namespace trialgraph::ingest
