#include "ingest/ctgov_reader.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "ingest/ctgov_study.h"
#include "ingest/text_reader.h"

namespace trialgraph::ingest {

namespace {

using nlohmann::json;
using Path = std::initializer_list<const char*>;

// ---- JSON access (absent or mistyped fields read as empty)

const json* At(const json& j, Path path) {
  const json* node = &j;
  for (const char* key : path) {
    if (!node->is_object()) return nullptr;
    auto it = node->find(key);
    if (it == node->end()) return nullptr;
    node = &*it;
  }
  return node;
}

std::string Str(const json& j, Path path = {}) {
  const json* node = At(j, path);
  if (!node) return "";
  if (node->is_string()) return node->get<std::string>();
  if (node->is_number_integer()) return std::to_string(node->get<long long>());
  if (node->is_number()) return node->dump();
  return "";
}

std::vector<const json*> Items(const json& j, Path path) {
  std::vector<const json*> items;
  const json* node = At(j, path);
  if (node && node->is_array())
    for (const json& item : *node) items.push_back(&item);
  return items;
}

std::vector<std::string> Strings(const json& j, Path path) {
  std::vector<std::string> out;
  for (const json* item : Items(j, path)) out.push_back(Str(*item));
  return out;
}

std::optional<int> Int(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  long v = std::strtol(s.c_str(), &end, 10);
  if (*end != '\0' || v < 0 || v > 100000000) return std::nullopt;
  return static_cast<int>(v);
}

// "Drug: Blinatumomab" -> "Blinatumomab".
std::string StripType(const std::string& name) {
  size_t colon = name.find(": ");
  return colon == std::string::npos ? name : name.substr(colon + 2);
}

using GroupTitles = std::map<std::string, std::string>;

// ---- API v2

GroupTitles V2Groups(const json& module) {
  GroupTitles titles;
  for (const json* g : Items(module, {"groups"})) titles[Str(*g, {"id"})] = Str(*g, {"title"});
  for (const json* g : Items(module, {"eventGroups"})) titles[Str(*g, {"id"})] = Str(*g, {"title"});
  return titles;
}

void V2Protocol(const json& p, StudyRecord* s) {
  s->nct_id = Str(p, {"identificationModule", "nctId"});
  s->nct_aliases = Strings(p, {"identificationModule", "nctIdAliases"});
  s->org_study_id = Str(p, {"identificationModule", "orgStudyIdInfo", "id"});
  for (const json* id : Items(p, {"identificationModule", "secondaryIdInfos"})) s->secondary_ids.push_back(Str(*id, {"id"}));
  s->acronym = Str(p, {"identificationModule", "acronym"});
  s->brief_title = Str(p, {"identificationModule", "briefTitle"});
  s->official_title = Str(p, {"identificationModule", "officialTitle"});
  s->brief_summary = Str(p, {"descriptionModule", "briefSummary"});
  s->detailed_description = Str(p, {"descriptionModule", "detailedDescription"});
  s->conditions = Strings(p, {"conditionsModule", "conditions"});
  s->phases = Strings(p, {"designModule", "phases"});
  s->study_type = Str(p, {"designModule", "studyType"});
  s->allocation = Str(p, {"designModule", "designInfo", "allocation"});
  s->intervention_model = Str(p, {"designModule", "designInfo", "interventionModel"});
  s->masking = Str(p, {"designModule", "designInfo", "maskingInfo", "masking"});
  s->enrollment = Int(Str(p, {"designModule", "enrollmentInfo", "count"}));
  s->eligibility = Str(p, {"eligibilityModule", "eligibilityCriteria"});
  s->minimum_age = Str(p, {"eligibilityModule", "minimumAge"});
  s->maximum_age = Str(p, {"eligibilityModule", "maximumAge"});
  const json* healthy = At(p, {"eligibilityModule", "healthyVolunteers"});
  s->accepts_healthy_volunteers = healthy && healthy->is_boolean() && healthy->get<bool>();
}

void V2Arms(const json& p, StudyRecord* s) {
  for (const json* a : Items(p, {"armsInterventionsModule", "armGroups"})) {
    ArmRecord arm{Str(*a, {"label"}), Str(*a, {"description"}), {}};
    for (const std::string& name : Strings(*a, {"interventionNames"})) arm.intervention_names.push_back(StripType(name));
    s->arms.push_back(std::move(arm));
  }
  for (const json* i : Items(p, {"armsInterventionsModule", "interventions"}))
    s->interventions.push_back({Str(*i, {"name"}), Strings(*i, {"otherNames"}), Strings(*i, {"armGroupLabels"})});
}

void V2Flow(const json& r, StudyRecord* s) {
  GroupTitles titles = V2Groups(r);
  for (const json* period : Items(r, {"periods"})) {
    for (const json* m : Items(*period, {"milestones"}))
      if (Str(*m, {"type"}) == "STARTED")
        for (const json* a : Items(*m, {"achievements"}))
          if (std::optional<int> n = Int(Str(*a, {"numSubjects"}))) s->group_counts.emplace_back(titles[Str(*a, {"groupId"})], *n);
    break;  // the first period says who started
  }
}

void V2Outcomes(const json& module, StudyRecord* s) {
  for (const json* m : Items(module, {"outcomeMeasures"})) {
    GroupTitles titles = V2Groups(*m);
    OutcomeRecord o{Str(*m, {"title"}), Str(*m, {"type"}), Str(*m, {"unitOfMeasure"}), Str(*m, {"paramType"}),
                    Str(*m, {"dispersionType"}), Str(*m, {"timeFrame"}), {}, ""};
    std::vector<const json*> classes = Items(*m, {"classes"});
    std::vector<const json*> categories = classes.empty() ? classes : Items(*classes.front(), {"categories"});
    std::map<std::string, int> analyzed;
    for (const json* denom : Items(*m, {"denoms"}))
      for (const json* c : Items(*denom, {"counts"}))
        if (std::optional<int> n = Int(Str(*c, {"value"}))) analyzed.emplace(Str(*c, {"groupId"}), *n);
    for (size_t i = 0; i < categories.size(); ++i)
      for (const json* v : Items(*categories[i], {"measurements"})) {
        std::string group = Str(*v, {"groupId"});
        o.values.push_back({titles[group], Str(*v, {"value"}), Str(*v, {"lowerLimit"}), Str(*v, {"upperLimit"}),
                            analyzed.count(group) ? std::optional<int>(analyzed[group]) : std::nullopt,
                            Str(*categories[i], {"title"}), i});
      }
    o.description = Str(*m, {"description"});
    s->outcomes.push_back(std::move(o));
  }
}

void V2Events(const json& module, StudyRecord* s) {
  GroupTitles titles = V2Groups(module);
  for (const char* list : {"seriousEvents", "otherEvents"})
    for (const json* e : Items(module, {list})) {
      EventRecord event{Str(*e, {"term"}), {}, Str(*e, {"notes"})};
      for (const json* st : Items(*e, {"stats"}))
        if (std::optional<int> n = Int(Str(*st, {"numAffected"}))) event.affected.emplace_back(titles[Str(*st, {"groupId"})], *n);
      s->events.push_back(std::move(event));
    }
}

StudyRecord V2Study(const json& study) {
  StudyRecord s;
  const json empty = json::object();
  const json* p = At(study, {"protocolSection"});
  V2Protocol(p ? *p : empty, &s);
  V2Arms(p ? *p : empty, &s);
  for (const json* mesh : Items(study, {"derivedSection", "conditionBrowseModule", "meshes"}))
    s.condition_mesh_terms.push_back(Str(*mesh, {"term"}));
  for (const json* mesh : Items(study, {"derivedSection", "interventionBrowseModule", "meshes"}))
    s.intervention_mesh_terms.push_back(Str(*mesh, {"term"}));
  if (const json* r = At(study, {"resultsSection", "participantFlowModule"})) V2Flow(*r, &s);
  if (const json* r = At(study, {"resultsSection", "outcomeMeasuresModule"})) V2Outcomes(*r, &s);
  if (const json* r = At(study, {"resultsSection", "adverseEventsModule"})) V2Events(*r, &s);
  return s;
}

// ---- FullStudiesResponse (API v1): capitalised, prefixed names, lists wrapped in objects

void LegacyProtocol(const json& p, StudyRecord* s) {
  s->nct_id = Str(p, {"IdentificationModule", "NCTId"});
  s->nct_aliases = Strings(p, {"IdentificationModule", "NCTIdAliasList", "NCTIdAlias"});
  s->org_study_id = Str(p, {"IdentificationModule", "OrgStudyIdInfo", "OrgStudyId"});
  for (const json* id : Items(p, {"IdentificationModule", "SecondaryIdInfoList", "SecondaryIdInfo"}))
    s->secondary_ids.push_back(Str(*id, {"SecondaryId"}));
  s->acronym = Str(p, {"IdentificationModule", "Acronym"});
  s->brief_title = Str(p, {"IdentificationModule", "BriefTitle"});
  s->official_title = Str(p, {"IdentificationModule", "OfficialTitle"});
  s->brief_summary = Str(p, {"DescriptionModule", "BriefSummary"});
  s->detailed_description = Str(p, {"DescriptionModule", "DetailedDescription"});
  s->conditions = Strings(p, {"ConditionsModule", "ConditionList", "Condition"});
  s->phases = Strings(p, {"DesignModule", "PhaseList", "Phase"});
  s->study_type = Str(p, {"DesignModule", "StudyType"});
  s->allocation = Str(p, {"DesignModule", "DesignInfo", "DesignAllocation"});
  s->intervention_model = Str(p, {"DesignModule", "DesignInfo", "DesignInterventionModel"});
  s->masking = Str(p, {"DesignModule", "DesignInfo", "DesignMaskingInfo", "DesignMasking"});
  s->enrollment = Int(Str(p, {"DesignModule", "EnrollmentInfo", "EnrollmentCount"}));
  s->eligibility = Str(p, {"EligibilityModule", "EligibilityCriteria"});
  s->accepts_healthy_volunteers = Str(p, {"EligibilityModule", "HealthyVolunteers"}).starts_with("Accepts");
  s->minimum_age = Str(p, {"EligibilityModule", "MinimumAge"});
  s->maximum_age = Str(p, {"EligibilityModule", "MaximumAge"});
}

void LegacyArms(const json& p, StudyRecord* s) {
  for (const json* a : Items(p, {"ArmsInterventionsModule", "ArmGroupList", "ArmGroup"})) {
    ArmRecord arm{Str(*a, {"ArmGroupLabel"}), Str(*a, {"ArmGroupDescription"}), {}};
    for (const std::string& name : Strings(*a, {"ArmGroupInterventionList", "ArmGroupInterventionName"}))
      arm.intervention_names.push_back(StripType(name));
    s->arms.push_back(std::move(arm));
  }
  for (const json* i : Items(p, {"ArmsInterventionsModule", "InterventionList", "Intervention"}))
    s->interventions.push_back({Str(*i, {"InterventionName"}),
                                Strings(*i, {"InterventionOtherNameList", "InterventionOtherName"}),
                                Strings(*i, {"InterventionArmGroupLabelList", "InterventionArmGroupLabel"})});
}

void LegacyFlow(const json& r, StudyRecord* s) {
  GroupTitles titles;
  for (const json* g : Items(r, {"FlowGroupList", "FlowGroup"})) titles[Str(*g, {"FlowGroupId"})] = Str(*g, {"FlowGroupTitle"});
  std::vector<const json*> periods = Items(r, {"FlowPeriodList", "FlowPeriod"});
  if (periods.empty()) return;
  for (const json* m : Items(*periods.front(), {"FlowMilestoneList", "FlowMilestone"}))
    if (Str(*m, {"FlowMilestoneType"}) == "STARTED")
      for (const json* a : Items(*m, {"FlowAchievementList", "FlowAchievement"}))
        if (std::optional<int> n = Int(Str(*a, {"FlowAchievementNumSubjects"})))
          s->group_counts.emplace_back(titles[Str(*a, {"FlowAchievementGroupId"})], *n);
}

void LegacyOutcomes(const json& module, StudyRecord* s) {
  for (const json* m : Items(module, {"OutcomeMeasureList", "OutcomeMeasure"})) {
    GroupTitles titles;
    for (const json* g : Items(*m, {"OutcomeGroupList", "OutcomeGroup"}))
      titles[Str(*g, {"OutcomeGroupId"})] = Str(*g, {"OutcomeGroupTitle"});
    OutcomeRecord o{Str(*m, {"OutcomeMeasureTitle"}), Str(*m, {"OutcomeMeasureType"}), Str(*m, {"OutcomeMeasureUnitOfMeasure"}),
                    Str(*m, {"OutcomeMeasureParamType"}), Str(*m, {"OutcomeMeasureDispersionType"}),
                    Str(*m, {"OutcomeMeasureTimeFrame"}), {}, ""};
    std::vector<const json*> classes = Items(*m, {"OutcomeClassList", "OutcomeClass"});
    std::vector<const json*> categories =
        classes.empty() ? classes : Items(*classes.front(), {"OutcomeCategoryList", "OutcomeCategory"});
    std::map<std::string, int> analyzed;
    for (const json* denom : Items(*m, {"OutcomeDenomList", "OutcomeDenom"}))
      for (const json* c : Items(*denom, {"OutcomeDenomCountList", "OutcomeDenomCount"}))
        if (std::optional<int> n = Int(Str(*c, {"OutcomeDenomCountValue"})))
          analyzed.emplace(Str(*c, {"OutcomeDenomCountGroupId"}), *n);
    for (size_t i = 0; i < categories.size(); ++i)
      for (const json* v : Items(*categories[i], {"OutcomeMeasurementList", "OutcomeMeasurement"})) {
        std::string group = Str(*v, {"OutcomeMeasurementGroupId"});
        o.values.push_back({titles[group], Str(*v, {"OutcomeMeasurementValue"}), Str(*v, {"OutcomeMeasurementLowerLimit"}),
                            Str(*v, {"OutcomeMeasurementUpperLimit"}),
                            analyzed.count(group) ? std::optional<int>(analyzed[group]) : std::nullopt,
                            Str(*categories[i], {"OutcomeCategoryTitle"}), i});
      }
    o.description = Str(*m, {"OutcomeMeasureDescription"});
    s->outcomes.push_back(std::move(o));
  }
}

void LegacyEvents(const json& module, StudyRecord* s) {
  GroupTitles titles;
  for (const json* g : Items(module, {"EventGroupList", "EventGroup"})) titles[Str(*g, {"EventGroupId"})] = Str(*g, {"EventGroupTitle"});
  for (const std::string kind : {"Serious", "Other"}) {
    std::string list = kind + "EventList", item = kind + "Event", stats = kind + "EventStats";
    for (const json* e : Items(module, {list.c_str(), item.c_str()})) {
      EventRecord event{Str(*e, {(kind + "EventTerm").c_str()}), {}, Str(*e, {(kind + "EventNotes").c_str()})};
      for (const json* st : Items(*e, {(stats + "List").c_str(), stats.c_str()}))
        if (std::optional<int> n = Int(Str(*st, {(stats + "NumAffected").c_str()})))
          event.affected.emplace_back(titles[Str(*st, {(stats + "GroupId").c_str()})], *n);
      s->events.push_back(std::move(event));
    }
  }
}

StudyRecord LegacyStudy(const json& study) {
  StudyRecord s;
  const json empty = json::object();
  const json* p = At(study, {"ProtocolSection"});
  LegacyProtocol(p ? *p : empty, &s);
  LegacyArms(p ? *p : empty, &s);
  for (const json* mesh : Items(study, {"DerivedSection", "ConditionBrowseModule", "ConditionMeshList", "ConditionMesh"}))
    s.condition_mesh_terms.push_back(Str(*mesh, {"ConditionMeshTerm"}));
  for (const json* mesh : Items(study, {"DerivedSection", "InterventionBrowseModule", "InterventionMeshList", "InterventionMesh"}))
    s.intervention_mesh_terms.push_back(Str(*mesh, {"InterventionMeshTerm"}));
  if (const json* r = At(study, {"ResultsSection", "ParticipantFlowModule"})) LegacyFlow(*r, &s);
  if (const json* r = At(study, {"ResultsSection", "OutcomeMeasuresModule"})) LegacyOutcomes(*r, &s);
  if (const json* r = At(study, {"ResultsSection", "AdverseEventsModule"})) LegacyEvents(*r, &s);
  return s;
}

// Every study of a parsed file, whatever its shape.
std::vector<StudyRecord> JsonStudies(const json& root) {
  std::vector<StudyRecord> studies;
  if (At(root, {"protocolSection"})) studies.push_back(V2Study(root));
  for (const json* study : Items(root, {"studies"})) studies.push_back(V2Study(*study));
  for (const json* full : Items(root, {"FullStudiesResponse", "FullStudies"}))
    if (const json* study = At(*full, {"Study"})) studies.push_back(LegacyStudy(*study));
  if (root.is_array())
    for (const json& study : root)
      if (At(study, {"protocolSection"})) studies.push_back(V2Study(study));
  return studies;
}

// A SAX handler that only notes where parsing failed.
struct ErrorPosition {
  size_t position = 0;
  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number_integer(json::number_integer_t) { return true; }
  bool number_unsigned(json::number_unsigned_t) { return true; }
  bool number_float(json::number_float_t, const std::string&) { return true; }
  bool string(std::string&) { return true; }
  bool binary(json::binary_t&) { return true; }
  bool start_object(size_t) { return true; }
  bool key(std::string&) { return true; }
  bool end_object() { return true; }
  bool start_array(size_t) { return true; }
  bool end_array() { return true; }
  bool parse_error(size_t where, const std::string&, const nlohmann::detail::exception&) {
    position = where;
    return false;
  }
};

size_t JsonErrorPosition(const std::string& bytes) {
  ErrorPosition sax;
  json::sax_parse(bytes, &sax);
  return sax.position;
}

std::string StudySource(const std::string& path, const StudyRecord& s, size_t count) {
  return count > 1 ? path + "#" + s.nct_id : path;
}

}  // namespace

bool LooksLikeCtgovJson(std::string_view bytes) {
  size_t first = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first == std::string_view::npos || (bytes[first] != '{' && bytes[first] != '[')) return false;
  std::string_view head = bytes.substr(first, 4096);
  for (const char* key : {"\"protocolSection\"", "\"studies\"", "\"FullStudiesResponse\""})
    if (head.find(key) != std::string_view::npos) return true;
  return false;
}

Status ReadCtgovJson(const std::string& path, const std::string& bytes, const ontology::Ontology& ontology,
                     std::vector<SourceDocument>* docs) {
  Status st = CheckText(bytes);
  if (!st.ok()) return st;
  json root = json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) {
    std::string where = " at byte " + std::to_string(JsonErrorPosition(bytes));
    return Status::InvalidArgument("malformed JSON" + where);
  }
  std::vector<StudyRecord> studies = JsonStudies(root);
  if (studies.empty()) return Status::InvalidArgument("JSON holds no ClinicalTrials.gov study");
  for (size_t i = 0; i < studies.size(); ++i)  // the NCT id is the record's identity
    if (studies[i].nct_id.empty())
      return Status::InvalidArgument("study record " + std::to_string(i + 1) + " has no NCT id (protocolSection.identificationModule.nctId)");
  for (const StudyRecord& s : studies)
    docs->push_back(BuildStudyDocument(StudySource(path, s, studies.size()), "ctgov-json", s, ontology));
  return Status::OK();
}

// ---- legacy clinical_study XML

namespace {

bool IsElement(const xmlNode* n, const char* name) {
  return n && n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name);
}

std::vector<const xmlNode*> Children(const xmlNode* n, const char* name) {
  std::vector<const xmlNode*> out;
  for (const xmlNode* c = n ? n->children : nullptr; c; c = c->next)
    if (IsElement(c, name)) out.push_back(c);
  return out;
}

const xmlNode* Child(const xmlNode* n, const char* name) {
  std::vector<const xmlNode*> all = Children(n, name);
  return all.empty() ? nullptr : all.front();
}

// Follows a path of child names; nullptr when any step is absent.
const xmlNode* Find(const xmlNode* n, Path path) {
  for (const char* name : path) n = Child(n, name);
  return n;
}

std::string XText(const xmlNode* n) {
  if (!n) return "";
  std::unique_ptr<xmlChar, decltype(xmlFree)> content(xmlNodeGetContent(n), xmlFree);
  return content ? reinterpret_cast<const char*>(content.get()) : "";
}

std::string XAttr(const xmlNode* n, const char* name) {
  std::unique_ptr<xmlChar, decltype(xmlFree)> value(xmlGetProp(n, BAD_CAST name), xmlFree);
  return value ? reinterpret_cast<const char*>(value.get()) : "";
}

std::vector<std::string> XTexts(const xmlNode* n, const char* name) {
  std::vector<std::string> out;
  for (const xmlNode* c : Children(n, name)) out.push_back(XText(c));
  return out;
}

// Collapses white space (XML text is indented).
std::string Clean(std::string s) {
  std::string out;
  for (char c : s) {
    bool space = std::isspace(static_cast<unsigned char>(c));
    if (space && (out.empty() || out.back() == ' ')) continue;
    out.push_back(space ? ' ' : c);
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

GroupTitles XmlGroups(const xmlNode* group_list) {
  GroupTitles titles;
  for (const xmlNode* g : Children(group_list, "group")) titles[XAttr(g, "group_id")] = Clean(XText(Child(g, "title")));
  return titles;
}

void XmlProtocol(const xmlNode* root, StudyRecord* s) {
  s->nct_id = Clean(XText(Find(root, {"id_info", "nct_id"})));
  for (const std::string& id : XTexts(Child(root, "id_info"), "nct_alias")) s->nct_aliases.push_back(Clean(id));
  s->org_study_id = Clean(XText(Find(root, {"id_info", "org_study_id"})));
  for (const std::string& id : XTexts(Child(root, "id_info"), "secondary_id")) s->secondary_ids.push_back(Clean(id));
  s->acronym = Clean(XText(Child(root, "acronym")));
  s->brief_title = Clean(XText(Child(root, "brief_title")));
  s->official_title = Clean(XText(Child(root, "official_title")));
  s->brief_summary = XText(Find(root, {"brief_summary", "textblock"}));
  s->detailed_description = XText(Find(root, {"detailed_description", "textblock"}));
  for (const std::string& c : XTexts(root, "condition")) s->conditions.push_back(Clean(c));
  s->phases = {XText(Child(root, "phase"))};
  s->study_type = Clean(XText(Child(root, "study_type")));
  s->allocation = Clean(XText(Find(root, {"study_design_info", "allocation"})));
  s->intervention_model = Clean(XText(Find(root, {"study_design_info", "intervention_model"})));
  s->masking = Clean(XText(Find(root, {"study_design_info", "masking"})));
  s->enrollment = Int(Clean(XText(Child(root, "enrollment"))));
  s->eligibility = XText(Find(root, {"eligibility", "criteria", "textblock"}));
  s->minimum_age = Clean(XText(Find(root, {"eligibility", "minimum_age"})));
  s->maximum_age = Clean(XText(Find(root, {"eligibility", "maximum_age"})));
  s->accepts_healthy_volunteers = Clean(XText(Find(root, {"eligibility", "healthy_volunteers"}))).starts_with("Accepts");
  for (const std::string& term : XTexts(Child(root, "condition_browse"), "mesh_term"))
    s->condition_mesh_terms.push_back(Clean(term));
  for (const std::string& term : XTexts(Child(root, "intervention_browse"), "mesh_term"))
    s->intervention_mesh_terms.push_back(Clean(term));
}

void XmlArms(const xmlNode* root, StudyRecord* s) {
  for (const xmlNode* a : Children(root, "arm_group"))
    s->arms.push_back({Clean(XText(Child(a, "arm_group_label"))), Clean(XText(Child(a, "description"))), {}});
  for (const xmlNode* i : Children(root, "intervention")) {
    InterventionRecord record{Clean(XText(Child(i, "intervention_name"))), {}, {}};
    for (const std::string& name : XTexts(i, "other_name")) record.other_names.push_back(Clean(name));
    for (const std::string& label : XTexts(i, "arm_group_label")) record.arm_labels.push_back(Clean(label));
    s->interventions.push_back(std::move(record));
  }
}

void XmlFlow(const xmlNode* flow, StudyRecord* s) {
  GroupTitles titles = XmlGroups(Child(flow, "group_list"));
  const xmlNode* period = Find(flow, {"period_list", "period"});
  for (const xmlNode* m : Children(Child(period, "milestone_list"), "milestone")) {
    if (Clean(XText(Child(m, "title"))) != "STARTED") continue;
    for (const xmlNode* p : Children(Child(m, "participants_list"), "participants"))
      if (std::optional<int> n = Int(XAttr(p, "count"))) s->group_counts.emplace_back(titles[XAttr(p, "group_id")], *n);
  }
}

void XmlOutcome(const xmlNode* outcome, StudyRecord* s) {
  GroupTitles titles = XmlGroups(Child(outcome, "group_list"));
  const xmlNode* measure = Child(outcome, "measure");
  OutcomeRecord o{Clean(XText(Child(outcome, "title"))), Clean(XText(Child(outcome, "type"))),
                  Clean(XText(Child(measure, "units"))), Clean(XText(Child(measure, "param"))),
                  Clean(XText(Child(measure, "dispersion"))), Clean(XText(Child(outcome, "time_frame"))), {}, ""};
  std::map<std::string, int> analyzed;
  for (const xmlNode* c : Children(Find(measure, {"analyzed_list", "analyzed", "count_list"}), "count"))
    if (std::optional<int> n = Int(XAttr(c, "value"))) analyzed.emplace(XAttr(c, "group_id"), *n);
  std::vector<const xmlNode*> categories = Children(Find(measure, {"class_list", "class", "category_list"}), "category");
  for (size_t i = 0; i < categories.size(); ++i)
    for (const xmlNode* v : Children(Child(categories[i], "measurement_list"), "measurement")) {
      std::string group = XAttr(v, "group_id");
      o.values.push_back({titles[group], XAttr(v, "value"), XAttr(v, "lower_limit"), XAttr(v, "upper_limit"),
                          analyzed.count(group) ? std::optional<int>(analyzed[group]) : std::nullopt,
                          Clean(XText(Child(categories[i], "title"))), i});
    }
  o.description = Clean(XText(Child(outcome, "description")));
  s->outcomes.push_back(std::move(o));
}

void XmlEvents(const xmlNode* reported, StudyRecord* s) {
  GroupTitles titles = XmlGroups(Child(reported, "group_list"));
  for (const char* kind : {"serious_events", "other_events"})
    for (const xmlNode* category : Children(Find(reported, {kind, "category_list"}), "category"))
      for (const xmlNode* e : Children(Child(category, "event_list"), "event")) {
        EventRecord event{Clean(XText(Child(e, "sub_title"))), {}, Clean(XText(Child(e, "description")))};
        // The legacy format writes each table's totals as rows ("Total, serious adverse events"); they are no event.
        if (event.term.starts_with("Total, ")) continue;
        for (const xmlNode* c : Children(e, "counts"))
          if (std::optional<int> n = Int(XAttr(c, "subjects_affected"))) event.affected.emplace_back(titles[XAttr(c, "group_id")], *n);
        s->events.push_back(std::move(event));
      }
}

StudyRecord XmlStudy(const xmlNode* root) {
  StudyRecord s;
  XmlProtocol(root, &s);
  XmlArms(root, &s);
  const xmlNode* results = Child(root, "clinical_results");
  if (const xmlNode* flow = Child(results, "participant_flow")) XmlFlow(flow, &s);
  for (const xmlNode* outcome : Children(Child(results, "outcome_list"), "outcome")) XmlOutcome(outcome, &s);
  if (const xmlNode* reported = Child(results, "reported_events")) XmlEvents(reported, &s);
  return s;
}

struct DocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

template <typename ErrorPtr>
void CaptureFirstError(void* context, ErrorPtr error) {
  auto* first = static_cast<std::string*>(context);
  if (!error || error->level < XML_ERR_ERROR || !first->empty()) return;
  *first = "line " + std::to_string(error->line) + ": " + Clean(error->message ? error->message : "XML error");
}

}  // namespace

Status ReadCtgovXml(const std::string& path, const std::string& bytes, const ontology::Ontology& ontology,
                    std::vector<SourceDocument>* docs) {
  std::string error;
  xmlParserCtxtPtr context = xmlNewParserCtxt();
  if (!context) return Status::InvalidArgument("cannot create XML parser");
  xmlSetStructuredErrorFunc(&error, CaptureFirstError);
  std::unique_ptr<xmlDoc, DocDeleter> doc(
      xmlCtxtReadMemory(context, bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr, XML_PARSE_NONET));
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  xmlFreeParserCtxt(context);
  if (!doc) return Status::InvalidArgument("malformed XML: " + (error.empty() ? std::string("unreadable XML") : error));
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!IsElement(root, "clinical_study")) return Status::InvalidArgument("XML root is not clinical_study");
  StudyRecord study = XmlStudy(root);
  if (study.nct_id.empty()) return Status::InvalidArgument("clinical_study has no NCT id (id_info/nct_id)");
  docs->push_back(BuildStudyDocument(path, "ctgov-xml", study, ontology));
  return Status::OK();
}

}  // namespace trialgraph::ingest
