// Ontology: every vocabulary trialgraph matches against, loaded from the TSV
// files in ontology/ (see ontology/README.md for their columns).
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <cassert>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "core/status.h"
#include "ontology/lexicon.h"

namespace trialgraph::ontology {

class Ontology;

//! Spells a regex from an ontology's vocabularies (see Ontology::Regex).
using PatternBuilder = std::string (*)(const Ontology&);

//! What is built from one ontology's vocabularies (compiled regexes, parsed lists), each kind once, on its first
//! use, and shared by every thread; a use after the first takes no lock (two threads that first use a kind at once
//! may both build it, and one keeps its own). A copy starts empty: the copy's vocabularies may change before it is
//! first used.
class CompiledCache {
 public:
  CompiledCache() = default;
  //! Starts empty (see the class comment): nothing is copied.
  CompiledCache(const CompiledCache&) {}
  //! Empties this cache (see the class comment).
  CompiledCache& operator=(const CompiledCache&);

  //! The T built from `o` by T's constructor, built on the first call.
  template <typename T>
  const T& Get(const Ontology& o) {
    static const size_t slot = NewSlot();  // one per kind T in the whole program
    if (const void* built = slots_[slot].load(std::memory_order_acquire)) return *static_cast<const T*>(built);
    return *static_cast<const T*>(Build(slot, [&o] { return std::shared_ptr<const void>(std::make_shared<const T>(o)); }));
  }

 private:
  static constexpr size_t kSlots = 256;  //!< several times the kinds built from an ontology (about 40; checked)
  static size_t NewSlot();
  const void* Build(size_t slot, const std::function<std::shared_ptr<const void>()>& make);

  std::mutex mutex_;  //!< taken to keep a first build, and to empty
  std::array<std::atomic<const void*>, kSlots> slots_{};  //!< what is built, by slot; null until then
  std::vector<std::shared_ptr<const void>> built_;       //!< owns what slots_ points to
};

class Ontology {
 public:
  // Column numbers of each file; see the headers of the files themselves.
  static constexpr size_t kDrugClasses = 1;      //!< drugs.tsv: classes column
  static constexpr size_t kClassParent = 2;      //!< drug_classes.tsv: parent column
  static constexpr size_t kRegimenComponents = 1;  //!< regimens.tsv: components column
  static constexpr size_t kRegimenModifiers = 3;   //!< regimens.tsv: modifiers column
  static constexpr size_t kDiseaseParent = 1;      //!< diseases.tsv: parent column
  static constexpr size_t kAttributeValue = 1;     //!< population_attributes.tsv: value column
  static constexpr size_t kFurnitureAction = 1;    //!< page_furniture.tsv: action column
  static constexpr size_t kSynonymCategory = 1;    //!< query_synonyms.tsv: category column
  static constexpr size_t kSynonymValues = 2;      //!< query_synonyms.tsv: canonical values column
  static constexpr size_t kCueSpellings = 1;       //!< cues.tsv: spellings column
  static constexpr size_t kRuleWords = 1;          //!< rule_words.tsv: words column
  static constexpr size_t kQuestionWordRole = 1;   //!< question_words.tsv: role column

  //! Loads every vocabulary from `dir`; errors name the file and line.
  static Status Load(const std::string& dir, Ontology* ontology);
  //! $TRIALGRAPH_ONTOLOGY if set, else the ontology/ directory of the source tree the binary was built from.
  static std::string DefaultDir();

  Vocabulary drugs;            //!< INN, classes, spellings
  Vocabulary drug_classes;     //!< class, spellings, parent
  Vocabulary regimens;         //!< name, components, spellings, modifiers
  Vocabulary endpoints;        //!< canonical endpoint kind, spellings
  Vocabulary settings;         //!< canonical setting tag, spellings
  Vocabulary diseases;         //!< disease, parent, spellings
  Vocabulary mesh_diseases;    //!< MeSH disease descriptor, its trees, spellings: tells a disease from other words, names none
  Vocabulary attributes;       //!< attribute, value, spellings (ph_status, age_group, subtype)
  Vocabulary adverse_events;   //!< canonical AE name, spellings
  Vocabulary designs;          //!< design tag, spellings
  Vocabulary furniture;        //!< page line, action ("stop" ends the document, "skip" drops the line, "trim" drops a marker, "title" makes the rest the title)
  Vocabulary cues;             //!< discourse role, spellings (see cues.tsv)
  Vocabulary rule_words;       //!< rule, words it keys on (see rule_words.tsv); spelled into regexes, never matched alone
  Vocabulary modifiers;        //!< regimen modifier, spellings
  Vocabulary implications;     //!< setting tag, the tags it implies
  Vocabulary conflicts;        //!< setting tag, the tags that cannot describe the same population
  Vocabulary query_synonyms;   //!< question phrase, category, canonical values
  Vocabulary question_words;   //!< the question grammar's own phrase, its role (see question_words.tsv)
  Vocabulary publication_types;  //!< PubMed publication type, whether it reports a trial ("yes"/"no")
  Vocabulary treatment_phases;  //!< setting tags that are phases of a treatment course
  Vocabulary disease_groups;    //!< diseases that name a heterogeneous group (solid tumor, non-Hodgkin lymphoma)
  Vocabulary supportive_care;  //!< drug classes of generic supportive care (see supportive_care.tsv)
  Vocabulary age_groups;       //!< age group, lowest minimum age, highest maximum age (see age_groups.tsv)

  //! INNs of every drug in `drug_class` or any of its subclasses.
  std::vector<std::string> DrugsInClass(const std::string& drug_class) const;
  //! The age group eligibility limits imply (age_groups.tsv), if any.
  std::optional<std::string> AgeGroupOf(std::optional<double> min_age, std::optional<double> max_age) const;
  //! True when the drug (INN) belongs to a class of generic supportive care.
  bool IsGenericSupportiveCare(const std::string& inn) const;
  //! Depth of a disease in the disease hierarchy (0 for a root); more specific is deeper.
  int DiseaseDepth(uint32_t disease) const;
  //! True when `disease` is `ancestor` or lies below it.
  bool DiseaseIsA(uint32_t disease, uint32_t ancestor) const;
  //! True when one of `found` (cue mentions or lexicon matches of cues.tsv) is a target noun starting at token
  //! `after`, right after a drug's name: the name is part of a target's ("tyrosine kinase inhibitor", "folate
  //! receptor"), not a drug given.
  template <typename Cue>
  bool TargetNounAt(uint32_t after, const std::vector<Cue>& found) const {
    const std::optional<uint32_t> target_noun = Compiled<TargetNounRole>().entry;
    return std::any_of(found.begin(), found.end(),
                       [&](const Cue& cue) { return cue.first == after && cue.entry == target_noun; });
  }
  //! The spellings of cue `role` (cues.tsv) as an RE2 group (see Vocabulary::Alternation).
  std::string CueSpellings(std::string_view role) const { return cues.Alternation(role, kCueSpellings); }
  //! The words of rule `rule` (rule_words.tsv) as an RE2 group (see Vocabulary::Alternation).
  std::string RuleWords(std::string_view rule) const { return rule_words.Alternation(rule, kRuleWords); }
  //! The regex `build` spells from this ontology, compiled once (the ontology must not change after the first call).
  template <PatternBuilder build>
  const RE2& Regex() const {
    return Compiled<BuiltRegex<build>>();
  }
  //! The T built from this ontology by T's constructor, once (the ontology must not change after the first call).
  template <typename T>
  const T& Compiled() const {
    return compiled_.Get<T>(*this);
  }

 private:
  //! The regex one pattern builder spells, as a kind of CompiledCache. Spellings are quoted, so a pattern that does
  //! not compile is a code bug (asserted).
  template <PatternBuilder build>
  struct BuiltRegex : RE2 {
    explicit BuiltRegex(const Ontology& o) : RE2(build(o)) { assert(ok() && "a pattern spelled from the ontology must compile"); }
  };

  //! The entry of the cue role "target_noun" (cues.tsv), found once, as a kind of CompiledCache (see TargetNounAt).
  struct TargetNounRole {
    explicit TargetNounRole(const Ontology& o) : entry(o.cues.Find("target_noun")) {}
    std::optional<uint32_t> entry;  //!< nullopt when cues.tsv has no such role
  };

  bool ClassIsA(const std::string& cls, const std::string& ancestor) const;

  mutable CompiledCache compiled_;
};

}  // namespace trialgraph::ontology
