// DocumentAnalysis: one document's sentences, tokens and vocabulary
// mentions, including the abbreviations and regimens the document defines
// for itself. Every fact extractor reads from it.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/abbreviations.h"
#include "ingest/document.h"
#include "ontology/ontology.h"

namespace trialgraph::ingest {

//! Which vocabulary a mention comes from.
//! kOther: a short form the document defines as something no vocabulary knows
//! ("Children's Hospital of Philadelphia (CHOP)"); it hides the vocabulary's meaning.
enum class Category { kDrug, kRegimen, kEndpoint, kSetting, kDisease, kAttribute, kAdverseEvent, kDesign, kModifier, kCue, kOther };

//! One vocabulary hit inside a sentence.
struct Mention {
  Category category = Category::kCue;
  uint32_t entry = 0;   //!< row of the vocabulary; for regimens see DocumentAnalysis::regimens
  uint32_t first = 0;   //!< first token (index into the sentence's tokens)
  uint32_t last = 0;    //!< one past the last token
  uint32_t start = 0;   //!< byte offset in the document text
  uint32_t end = 0;
};

//! A regimen with its components: from the catalogue or defined in the text.
struct RegimenDefinition {
  std::string name;
  std::vector<std::string> drugs;
  std::vector<std::string> modifiers;
};

struct Sentence {
  Span span;
  bool is_title = false;
  bool background = false;              //!< reports earlier work, approvals or plans
  std::vector<ontology::Token> tokens;  //!< offsets relative to the document text
  std::vector<Mention> mentions;        //!< entity mentions, no overlaps, in order
  std::vector<Mention> cues;            //!< discourse cues, in order
  //! Where the sentence stops speaking of this study: a background cue after
  //! a plan cue ("our hypothesis is ..., because it has been demonstrated
  //! ..."); span.end otherwise. Mentions and cues beyond it are dropped.
  uint32_t study_end = 0;

  //! True when a drug or a regimen is mentioned.
  bool NamesDrugOrRegimen() const {
    return std::any_of(mentions.begin(), mentions.end(),
                       [](const Mention& m) { return m.category == Category::kDrug || m.category == Category::kRegimen; });
  }
};

class DocumentAnalysis {
 public:
  DocumentAnalysis(const SourceDocument& doc, const ontology::Ontology& ontology);
  DocumentAnalysis(const DocumentAnalysis&) = delete;  // study_sentences() points into sentences()
  DocumentAnalysis& operator=(const DocumentAnalysis&) = delete;

  const SourceDocument& doc() const { return doc_; }
  const ontology::Ontology& ontology() const { return ontology_; }
  std::string_view text() const { return doc_.text; }
  //! Title first (when there is one), then the body's sentences in order.
  const std::vector<Sentence>& sentences() const { return sentences_; }
  //! The text of a span.
  std::string_view Text(const Span& span) const { return text().substr(span.start, span.end - span.start); }
  std::string_view Text(const Mention& m) const { return text().substr(m.start, m.end - m.start); }
  //! Where the bracket still open at `at` was opened: the last '(' in
  //! [from, at) with no ')' after it; nullopt when there is none.
  std::optional<uint32_t> OpenBracketBefore(uint32_t from, uint32_t at) const;
  //! The regimen a kRegimen mention refers to: a catalogue entry, or one this document defines.
  RegimenDefinition Regimen(uint32_t entry) const;
  //! True when the document describes a study to be done ("is studying", "will be measured") and
  //! has no results label: it reports no results of its own.
  bool plans_only() const { return plans_only_; }
  //! Sentences that describe this study: the title and every sentence that
  //! is not background; in a plan-only document, not those reporting how
  //! often patients meet an outcome either (that is earlier experience).
  const std::vector<const Sentence*>& study_sentences() const { return study_sentences_; }
  //! The cue role ("treatment", "forward", ...) of a kCue mention.
  std::string_view CueRole(const Mention& cue) const { return ontology_.cues.name(cue.entry); }
  //! True when the sentence has a cue of this role.
  bool HasCue(const Sentence& s, std::string_view role) const;
  //! True when a cue of this role lies within [start, end).
  bool HasCueIn(const Sentence& s, std::string_view role, uint32_t start, uint32_t end) const;
  //! True when a cue of this role starts at the token right after the mention ("tyrosine kinase", "relapse rate").
  bool CueFollows(const Sentence& s, const Mention& m, std::string_view role) const;
  //! True when a cue of this role ends at most `reach` bytes before `at`, in the same clause (no , ; : or closing bracket between).
  bool CueShortlyBefore(const Sentence& s, std::string_view role, uint32_t at, uint32_t reach) const;
  //! The same for a cue of any of `roles`, in one pass over the sentence's cues.
  bool CueShortlyBefore(const Sentence& s, std::initializer_list<std::string_view> roles, uint32_t at,
                        uint32_t reach) const;
  //! True when a cue of any of `roles` ends right before `at`, with only spaces between.
  bool CueRightBefore(const Sentence& s, std::initializer_list<std::string_view> roles, uint32_t at) const;
  //! True when a cue of `role` starts right after `at`, with only spaces between.
  bool CueRightAfter(const Sentence& s, std::string_view role, uint32_t at) const;

 private:
  struct LocalTerm {
    Category category;
    uint32_t entry;
  };
  void BuildSentences();
  void LearnDefinitions(const std::vector<Abbreviation>& abbreviations);
  bool AbbreviatesDrugBefore(const Abbreviation& a) const;
  std::optional<LocalTerm> DefinedRegimen(const Abbreviation& a);
  bool NamesStudyOrComparison(const Span& long_span) const;
  std::optional<LocalTerm> Redefinition(const Abbreviation& a) const;
  void LearnParentheticalRegimens();
  Span ComponentListAfter(const Span& short_span) const;
  std::vector<std::string> DrugsIn(const Span& span) const;
  uint32_t DefineRegimen(RegimenDefinition definition);
  void FindMentions(Sentence* sentence) const;
  bool IsParentheticalRepeat(const Sentence& s, const Mention& m) const;
  bool SpelledInside(const Sentence& s, const Mention& longer, uint32_t entry) const;
  std::optional<Mention> DiseaseWithElidedHead(const Sentence& s, const Mention& m) const;
  void ResolveElidedDisease(const Sentence& s, Mention* m) const;
  std::optional<uint32_t> DiseaseSharingModifiers(std::string_view modifiers, std::string_view head,
                                                  bool drop_one) const;
  bool NamesTarget(const Sentence& s, const Mention& m) const;
  bool NamesTreatment(std::string_view phrase) const;
  bool RedefinesDisease(const Abbreviation& a) const;
  bool StatesBackground(const Sentence& s) const;
  void DropCitedPart(Sentence* s) const;
  bool PlansOnly() const;
  bool ReportsOutcomeFrequency(const Sentence& s) const;
  void FindStudySentences();
  bool IsBackgroundLabel(std::string_view label) const;

  const SourceDocument& doc_;
  const ontology::Ontology& ontology_;
  std::vector<Sentence> sentences_;
  std::vector<RegimenDefinition> defined_;   // the document's own; entries follow the catalogue's
  ontology::Lexicon local_;                  // spellings this document defines
  std::vector<LocalTerm> local_terms_;
  bool plans_only_ = false;
  std::vector<const Sentence*> study_sentences_;  //!< see study_sentences()
};

}  // namespace trialgraph::ingest
