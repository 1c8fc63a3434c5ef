#include "ontology/ontology.h"

#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <mutex>

namespace trialgraph::ontology {

CompiledCache& CompiledCache::operator=(const CompiledCache&) {
  std::lock_guard lock(mutex_);
  for (std::atomic<const void*>& slot : slots_) slot.store(nullptr, std::memory_order_release);
  built_.clear();
  return *this;
}

size_t CompiledCache::NewSlot() {
  static std::atomic<size_t> next{0};
  size_t slot = next.fetch_add(1);
  // A programmer error, but one that would write past slots_ in a release build, where assert is compiled out.
  if (slot >= kSlots) {
    std::fputs("trialgraph: more kinds are built from an ontology than CompiledCache has slots\n", stderr);
    std::abort();
  }
  return slot;
}

const void* CompiledCache::Build(size_t slot, const std::function<std::shared_ptr<const void>()>& make) {
  std::shared_ptr<const void> made = make();  // outside the lock: a build may use what else is built
  std::lock_guard lock(mutex_);
  if (const void* built = slots_[slot].load(std::memory_order_acquire)) return built;  // another thread won the race
  built_.push_back(std::move(made));
  slots_[slot].store(built_.back().get(), std::memory_order_release);
  return built_.back().get();
}

namespace {

// Every phrase of question_words.tsv has one of the roles its header lists: the question grammar reads no other.
Status CheckQuestionWordRoles(const std::string& path, const Vocabulary& words) {
  constexpr std::string_view kRoles[] = {"with", "without", "population", "reporting", "filler"};
  for (size_t i = 0; i < words.size(); ++i) {
    std::string_view role = words.first(i, Ontology::kQuestionWordRole);
    if (std::find(std::begin(kRoles), std::end(kRoles), role) == std::end(kRoles))
      return Status::InvalidArgument(path + ": '" + words.name(i) + "' has role '" + std::string(role) +
                                     "'; the roles are with, without, population, reporting and filler");
  }
  return Status::OK();
}

}  // namespace

std::string Ontology::DefaultDir() {
  if (const char* env = std::getenv("TRIALGRAPH_ONTOLOGY"); env && *env) return env;
  return TRIALGRAPH_ONTOLOGY_DIR;
}

Status Ontology::Load(const std::string& dir, Ontology* o) {
  struct FileSpec {
    Vocabulary* vocabulary;
    const char* file;
    Vocabulary::Layout layout;
  };
  const FileSpec specs[] = {
      {&o->drugs, "drugs.tsv", {3, 2, true}},
      // DrugBank-derived drugs (scripts/convert_drugbank.py), appended after the curated list.
      {&o->drugs, "drugs_drugbank.tsv", {3, 2, true}},
      {&o->drug_classes, "drug_classes.tsv", {3, 1, true}},
      {&o->regimens, "regimens.tsv", {4, 2, true}},
      {&o->endpoints, "endpoints.tsv", {2, 1, true}},
      {&o->settings, "settings.tsv", {2, 1, true}},
      {&o->diseases, "diseases.tsv", {3, 2, true}},
      // MeSH disease descriptors (scripts/convert_mesh.py) that diseases.tsv does not curate.
      {&o->mesh_diseases, "diseases_mesh.tsv", {3, 2, true}},
      {&o->attributes, "population_attributes.tsv", {3, 2, false}},
      {&o->adverse_events, "adverse_events.tsv", {2, 1, true}},
      {&o->designs, "trial_design.tsv", {2, 1, true}},
      {&o->furniture, "page_furniture.tsv", {2, -1, false}},
      {&o->cues, "cues.tsv", {2, 1, false}},
      {&o->rule_words, "rule_words.tsv", {2, -1, false}},
      {&o->modifiers, "regimen_modifiers.tsv", {2, 1, true}},
      {&o->implications, "setting_implications.tsv", {2, -1, false}},
      {&o->conflicts, "setting_conflicts.tsv", {2, -1, false}},
      {&o->query_synonyms, "query_synonyms.tsv", {3, -1, true}},
      {&o->question_words, "question_words.tsv", {2, -1, false}},
      {&o->publication_types, "publication_types.tsv", {2, -1, false}},
      {&o->treatment_phases, "treatment_phases.tsv", {1, -1, false}},
      {&o->disease_groups, "disease_groups.tsv", {1, -1, false}},
      {&o->supportive_care, "supportive_care.tsv", {1, -1, false}},
      {&o->age_groups, "age_groups.tsv", {3, -1, false}},
  };
  for (const FileSpec& spec : specs) {
    Status st = spec.vocabulary->Load(dir + "/" + spec.file, spec.layout);
    if (!st.ok()) return st;
  }
  return CheckQuestionWordRoles(dir + "/question_words.tsv", o->question_words);
}

bool Ontology::ClassIsA(const std::string& cls, const std::string& ancestor) const {
  std::string current = cls;
  for (int depth = 0; depth < 16; ++depth) {  // bounded: a cycle in the data must not hang us
    if (current == ancestor) return true;
    std::optional<uint32_t> entry = drug_classes.Find(current);
    if (!entry) return false;
    std::string_view parent = drug_classes.first(*entry, kClassParent);
    if (parent.empty()) return false;
    current = std::string(parent);
  }
  return false;
}

std::vector<std::string> Ontology::DrugsInClass(const std::string& drug_class) const {
  std::vector<std::string> inns;
  for (size_t i = 0; i < drugs.size(); ++i)
    for (const std::string& cls : drugs.list(i, kDrugClasses))
      if (ClassIsA(cls, drug_class)) {
        inns.push_back(drugs.name(i));
        break;
      }
  return inns;
}

std::optional<std::string> Ontology::AgeGroupOf(std::optional<double> min_age, std::optional<double> max_age) const {
  auto bound = [](std::string_view text) {
    return text.empty() ? std::nullopt : std::optional<double>(std::strtod(std::string(text).c_str(), nullptr));
  };
  for (size_t i = 0; i < age_groups.size(); ++i) {
    std::optional<double> lowest_min = bound(age_groups.first(i, 1)), highest_max = bound(age_groups.first(i, 2));
    bool min_ok = !lowest_min || (min_age && *min_age >= *lowest_min);
    bool max_ok = !highest_max || (max_age && *max_age <= *highest_max);
    if ((lowest_min || highest_max) && min_ok && max_ok) return age_groups.name(i);
  }
  return std::nullopt;
}

bool Ontology::IsGenericSupportiveCare(const std::string& inn) const {
  std::optional<uint32_t> drug = drugs.Find(inn);
  if (!drug) return false;
  for (const std::string& cls : drugs.list(*drug, kDrugClasses))
    for (size_t i = 0; i < supportive_care.size(); ++i)
      if (ClassIsA(cls, supportive_care.name(i))) return true;
  return false;
}

int Ontology::DiseaseDepth(uint32_t disease) const {
  int depth = 0;
  for (std::optional<uint32_t> d = disease; d && depth < 16; ++depth) {
    std::string_view parent = diseases.first(*d, kDiseaseParent);
    if (parent.empty()) return depth;
    d = diseases.Find(parent);
  }
  return depth;
}

bool Ontology::DiseaseIsA(uint32_t disease, uint32_t ancestor) const {
  std::optional<uint32_t> d = disease;
  for (int depth = 0; d && depth < 16; ++depth) {
    if (*d == ancestor) return true;
    std::string_view parent = diseases.first(*d, kDiseaseParent);
    if (parent.empty()) return false;
    d = diseases.Find(parent);
  }
  return false;
}

}  // namespace trialgraph::ontology
