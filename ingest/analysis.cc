#include "ingest/analysis.h"

#include <re2/re2.h>

#include <algorithm>

#include "ingest/sentences.h"
#include "ingest/values.h"

namespace trialgraph::ingest {

namespace {

using ontology::Lexicon;
using ontology::Match;
using ontology::Ontology;
using ontology::Token;
using ontology::Tokenize;
using ontology::Trim;
using ontology::Vocabulary;

// Tokenises text[span] with offsets relative to the whole text.
std::vector<Token> TokenizeSpan(std::string_view text, const Span& span) {
  std::vector<Token> tokens = Tokenize(text.substr(span.start, span.end - span.start));
  for (Token& t : tokens) {
    t.start += span.start;
    t.end += span.start;
  }
  return tokens;
}

// The label a sentence opens with, after any section number ("2.0"): one
// word before a colon ("Background:", "OUTLINE:"), or a heading in capitals
// ("BACKGROUND INFORMATION", "PROJECTED ACCRUAL:", "STUDY OBJECTIVES 1.");
// not a sentence's first word ("ALL is a malignant disorder").
std::optional<std::string> SectionLabel(std::string_view sentence) {
  static const RE2 kColon(R"(^\s*(?:\d+(?:\.\d+)*\.?\s+)?([A-Za-z]+)\s*:)");
  static const RE2 kHeading(R"(^\s*(?:\d+(?:\.\d+)*\.?\s+)?([A-Z]{3,}(?:\s+[A-Z]{3,})+)\b)");
  static const RE2 kHeadingWord(R"(^\s*(?:\d+(?:\.\d+)*\.?\s+)?([A-Z]{3,})\s*(?:$|\d))");
  std::string label;
  if (RE2::PartialMatch(sentence, kColon, &label) || RE2::PartialMatch(sentence, kHeading, &label) ||
      RE2::PartialMatch(sentence, kHeadingWord, &label))
    return label;
  return std::nullopt;
}

// Matches of one lexicon over a sentence's tokens, as mentions.
void AddMatches(const Lexicon& lexicon, Category category, std::string_view text, const std::vector<Token>& tokens,
                std::vector<Mention>* out) {
  for (const Match& m : lexicon.FindAll(text, tokens))
    out->push_back({category, m.entry, m.first, m.last, tokens[m.first].start, tokens[m.last - 1].end});
}

// Regimen names are acronyms ("POMP", "FLAG-IDA", "R-CHOP", "7+3"): more
// than one capital or a digit or a hyphen, not an ordinary capitalised word
// ("The (…)", "Chemotherapy (…)").
bool LooksLikeRegimenName(std::string_view name) {
  if (name.empty() || !(std::isupper(static_cast<unsigned char>(name[0])) || std::isdigit(static_cast<unsigned char>(name[0]))))
    return false;
  size_t capitals = std::count_if(name.begin(), name.end(), [](unsigned char c) { return std::isupper(c); });
  bool digit_or_joint = std::any_of(name.begin(), name.end(), [](unsigned char c) { return std::isdigit(c) || c == '-' || c == '+'; });
  return capitals >= 2 || digit_or_joint;
}

}  // namespace

DocumentAnalysis::DocumentAnalysis(const SourceDocument& doc, const Ontology& ontology)
    : doc_(doc), ontology_(ontology) {
  BuildSentences();
  std::vector<Span> spans;
  for (const Sentence& s : sentences_) spans.push_back(s.span);
  LearnDefinitions(FindAbbreviations(text(), spans));
  LearnParentheticalRegimens();
  for (Sentence& s : sentences_) FindMentions(&s);
  for (Sentence& s : sentences_) {
    if (s.is_title) continue;
    DropCitedPart(&s);
    s.background = s.background || StatesBackground(s);
  }
  plans_only_ = PlansOnly();
  FindStudySentences();
}

// "acute GVHD develops in approximately 40% of recipients", "the majority of
// patients relapse": how often patients meet an outcome or a disease state.
// A sentence that randomises or enrols ("patients with the T/T genotype (16%
// of patients) will be randomized"), or speaks of this study or its plan
// ("this study will give dasatinib to adults who have 5% or more blasts"),
// states the study, not an outcome.
bool DocumentAnalysis::ReportsOutcomeFrequency(const Sentence& s) const {
  static const RE2 kAssigns(R"((?i)\b(randomi[sz]ed|randomly assigned|assigned to|allocated to)\b)");
  bool outcome = std::any_of(s.mentions.begin(), s.mentions.end(), [](const Mention& m) {
    return m.category == Category::kEndpoint || m.category == Category::kAdverseEvent || m.category == Category::kSetting;
  });
  std::string_view sentence = Text(s.span);
  bool design = HasCue(s, "enrolled") || HasCue(s, "own_study") || HasCue(s, "plan") ||
                RE2::PartialMatch(sentence, kAssigns);
  return outcome && !design && (HasCue(s, "proportion") || WritesPercentage(sentence));
}

// A document that reports no results of its own has no outcome frequencies
// either: a sentence stating one reports earlier experience, and its drugs and
// disease states are not this trial's. Found once: every extractor reads them.
void DocumentAnalysis::FindStudySentences() {
  for (const Sentence& s : sentences_)
    if (!s.background && !(plans_only_ && !s.is_title && ReportsOutcomeFrequency(s))) study_sentences_.push_back(&s);
}

bool DocumentAnalysis::PlansOnly() const {
  bool plan = false;
  for (const Sentence& s : sentences_) {
    if (HasCue(s, "results")) return false;
    plan |= !s.background && HasCue(s, "plan");
  }
  return plan;
}

// "Our hypothesis is that ..., because it has been demonstrated that ...":
// the study's own plan citing earlier work. The plan is the study's; the
// cited part after the background cue is not, so its mentions and cues go.
void DocumentAnalysis::DropCitedPart(Sentence* s) const {
  bool plan = false;
  for (const Mention& cue : s->cues) {
    plan |= CueRole(cue) == "plan";
    if (!plan || CueRole(cue) != "background") continue;
    s->study_end = cue.start;
    auto beyond = [&](const Mention& m) { return m.start >= cue.start; };
    std::erase_if(s->mentions, beyond);
    std::erase_if(s->cues, beyond);  // the cue itself too: the part left is not background
    return;
  }
}

// A background cue makes the sentence background unless a condition opens
// before it: "if the doctor thinks it is needed" is the protocol's own rule.
std::optional<uint32_t> DocumentAnalysis::OpenBracketBefore(uint32_t from, uint32_t at) const {
  std::string_view before = Text(Span{from, at});
  size_t open = before.rfind('(');
  if (open == std::string_view::npos || before.find(')', open) != std::string_view::npos) return std::nullopt;
  return from + static_cast<uint32_t>(open);
}

bool DocumentAnalysis::StatesBackground(const Sentence& s) const {
  for (const Mention& cue : s.cues) {
    if (CueRole(cue) == "conditional") return false;
    if (CueRole(cue) == "background") return true;
  }
  return false;
}

// A section label of background ("Background:", "RATIONALE:", "BACKGROUND INFORMATION"), cues.tsv background_section.
bool DocumentAnalysis::IsBackgroundLabel(std::string_view label) const {
  std::optional<uint32_t> cue = ontology_.cues.lexicon().Lookup(label);
  return cue && ontology_.cues.name(*cue) == "background_section";
}

void DocumentAnalysis::BuildSentences() {
  if (doc_.title_span)
    sentences_.push_back({*doc_.title_span, true, false, TokenizeSpan(text(), *doc_.title_span), {}, {}, doc_.title_span->end});
  bool in_background = false;
  for (const Span& span : SplitSentences(text(), doc_.body)) {
    if (std::optional<std::string> label = SectionLabel(Text(span))) in_background = IsBackgroundLabel(*label);
    sentences_.push_back({span, false, in_background, TokenizeSpan(text(), span), {}, {}, span.end});
  }
}

std::vector<std::string> DocumentAnalysis::DrugsIn(const Span& span) const {
  std::vector<Token> tokens = TokenizeSpan(text(), span);
  std::vector<std::string> drugs;
  auto add = [&](const std::string& inn) {
    if (std::find(drugs.begin(), drugs.end(), inn) == drugs.end()) drugs.push_back(inn);
  };
  for (size_t i = 0; i < tokens.size();) {
    std::optional<Match> drug = ontology_.drugs.lexicon().LongestAt(text(), tokens, i);
    std::optional<Match> regimen = ontology_.regimens.lexicon().LongestAt(text(), tokens, i);
    if (regimen && (!drug || regimen->last > drug->last)) {
      for (const std::string& inn : ontology_.regimens.list(regimen->entry, Ontology::kRegimenComponents)) add(inn);
      i = regimen->last;
    } else if (drug) {
      add(ontology_.drugs.name(drug->entry));
      i = drug->last;
    } else {
      ++i;
    }
  }
  return drugs;
}

RegimenDefinition DocumentAnalysis::Regimen(uint32_t entry) const {
  const ontology::Vocabulary& catalogue = ontology_.regimens;
  if (entry >= catalogue.size()) return defined_[entry - catalogue.size()];
  return {catalogue.name(entry), catalogue.list(entry, Ontology::kRegimenComponents),
          catalogue.list(entry, Ontology::kRegimenModifiers)};
}

uint32_t DocumentAnalysis::DefineRegimen(RegimenDefinition definition) {
  defined_.push_back(std::move(definition));
  return static_cast<uint32_t>(ontology_.regimens.size() + defined_.size() - 1);
}

// "long form (SF)": the short form means what the long form means; a long
// form naming two or more drugs, or followed by "comprising A, B and C",
// defines a regimen of this document.
void DocumentAnalysis::LearnDefinitions(const std::vector<Abbreviation>& abbreviations) {
  struct Known {
    const Vocabulary* vocabulary;
    Category category;
  };
  const Known known[] = {{&ontology_.drugs, Category::kDrug},         {&ontology_.endpoints, Category::kEndpoint},
                         {&ontology_.diseases, Category::kDisease},   {&ontology_.settings, Category::kSetting},
                         {&ontology_.adverse_events, Category::kAdverseEvent}};
  for (const Abbreviation& a : abbreviations) {
    std::string long_form(Text(a.long_span));
    std::optional<LocalTerm> term;
    for (const Known& k : known)
      if (!term)
        if (std::optional<uint32_t> entry = k.vocabulary->lexicon().Lookup(long_form)) term = LocalTerm{k.category, *entry};
    if (!term && AbbreviatesDrugBefore(a)) continue;  // the vocabulary already knows both spellings
    if (!term) term = DefinedRegimen(a);
    // A short form the vocabulary gives another meaning: "high-dose methotrexate
    // (HDM)" is methotrexate, "Children's Hospital of Philadelphia (CHOP)" no
    // regimen, "methadone maintenance (MM)" no myeloma. Only the short form
    // takes the document's meaning.
    bool short_form_only = !term && (NamesTreatment(a.short_form) || RedefinesDisease(a));
    if (short_form_only) term = Redefinition(a);
    if (!term) continue;
    local_terms_.push_back(*term);
    uint32_t id = static_cast<uint32_t>(local_terms_.size() - 1);
    local_.Add("=" + a.short_form, id);
    if (!short_form_only) local_.Add(long_form, id);
  }
}

// "PEG-asparaginase, doxorubicin, cytarabine (Ara-C)": the initials reach back
// over a list, but a short form the vocabulary knows as the very drug written
// right before its bracket abbreviates that drug, not a regimen of the list.
bool DocumentAnalysis::AbbreviatesDrugBefore(const Abbreviation& a) const {
  std::optional<uint32_t> drug = ontology_.drugs.lexicon().Lookup(a.short_form);
  if (!drug) return false;
  std::vector<std::string> drugs = DrugsIn(a.long_span);
  return !drugs.empty() && drugs.back() == ontology_.drugs.name(*drug);
}

// "reduced-dose chemotherapy (RDC), comprising A, B and C": a short form
// whose long form, or the list after it, names two drugs or more.
std::optional<DocumentAnalysis::LocalTerm> DocumentAnalysis::DefinedRegimen(const Abbreviation& a) {
  if (NamesStudyOrComparison(a.long_span)) return std::nullopt;
  std::vector<std::string> drugs = DrugsIn(a.long_span);
  if (drugs.size() < 2) drugs = DrugsIn(ComponentListAfter(a.short_span));
  if (drugs.size() < 2) return std::nullopt;
  std::optional<uint32_t> catalogue = ontology_.regimens.lexicon().Lookup(a.short_form);
  std::vector<std::string> modifiers;
  std::vector<Token> lf_tokens = TokenizeSpan(text(), a.long_span);
  for (const Match& m : ontology_.modifiers.lexicon().FindAll(text(), lf_tokens))
    modifiers.push_back(ontology_.modifiers.name(m.entry));
  return LocalTerm{Category::kRegimen,
                   DefineRegimen({catalogue ? ontology_.regimens.name(*catalogue) : a.short_form, drugs, modifiers})};
}

// "the etoricoxib vs diclofenac sodium ... effectiveness trial (EDGE-II)": a
// long form that ends with a trial noun names a study, and one that sets its
// drugs against each other (cues.tsv comparison) a comparison, not a regimen.
bool DocumentAnalysis::NamesStudyOrComparison(const Span& long_span) const {
  std::vector<Token> tokens = TokenizeSpan(text(), long_span);
  std::vector<Match> cues = ontology_.cues.lexicon().FindAll(text(), tokens);
  return std::any_of(cues.begin(), cues.end(), [&](const Match& cue) {
    std::string_view role = ontology_.cues.name(cue.entry);
    return role == "comparison" || (role == "trial_noun" && cue.last == tokens.size());
  });
}

// The document's own meaning of a short form the vocabulary knows otherwise:
// the one drug its long form names, or nothing the vocabularies know.
std::optional<DocumentAnalysis::LocalTerm> DocumentAnalysis::Redefinition(const Abbreviation& a) const {
  std::vector<std::string> drugs = DrugsIn(a.long_span);
  if (drugs.empty()) return LocalTerm{Category::kOther, 0};
  if (drugs.size() == 1) return LocalTerm{Category::kDrug, *ontology_.drugs.Find(drugs.front())};
  return std::nullopt;
}

// A disease's short form defined by a long form naming no disease
// ("methadone maintenance (MM)"); one naming a disease is a spelling of it
// the vocabulary lacks ("B-precursor ALL (BCP-ALL)"), which keeps its meaning.
bool DocumentAnalysis::RedefinesDisease(const Abbreviation& a) const {
  if (!ontology_.diseases.lexicon().Lookup(a.short_form)) return false;
  std::vector<Token> tokens = TokenizeSpan(text(), a.long_span);
  return ontology_.diseases.lexicon().FindAll(text(), tokens).empty();
}

bool DocumentAnalysis::NamesTreatment(std::string_view phrase) const {
  return ontology_.regimens.lexicon().Lookup(phrase).has_value() || ontology_.drugs.lexicon().Lookup(phrase).has_value();
}

// "comprising A, B, and C ...": the span of the component list that follows a
// definition, up to the next sequence cue or the end of the sentence.
Span DocumentAnalysis::ComponentListAfter(const Span& short_span) const {
  for (const Sentence& s : sentences_) {
    if (short_span.start < s.span.start || short_span.end > s.span.end) continue;
    Span rest{short_span.end, s.span.end};
    std::vector<Token> tokens = TokenizeSpan(text(), rest);
    std::optional<uint32_t> list_start;
    for (size_t i = 0; i < tokens.size(); ++i) {
      std::optional<Match> cue = ontology_.cues.lexicon().LongestAt(text(), tokens, i);
      if (!cue) continue;
      std::string_view role = ontology_.cues.name(cue->entry);
      if (!list_start && role == "defines" && i <= 2) list_start = tokens[cue->last - 1].end;
      else if (list_start && (role == "sequential" || role == "treatment")) return {*list_start, tokens[i].start};
    }
    if (list_start) return {*list_start, s.span.end};
  }
  return {short_span.end, short_span.end};
}

// "POMP (prednisone, vincristine, 6-mercaptopurine, methotrexate)": a name
// followed by a bracketed list of two or more drugs and nothing else.
void DocumentAnalysis::LearnParentheticalRegimens() {
  for (const Sentence& s : sentences_) {
    std::string_view sentence = Text(s.span);
    for (size_t open = sentence.find('('); open != std::string_view::npos; open = sentence.find('(', open + 1)) {
      size_t close = sentence.find(')', open);
      if (close == std::string_view::npos || open == 0) break;
      Span inner{static_cast<uint32_t>(s.span.start + open + 1), static_cast<uint32_t>(s.span.start + close)};
      std::vector<std::string> drugs = DrugsIn(inner);
      std::vector<Token> inner_tokens = TokenizeSpan(text(), inner);
      if (drugs.size() < 2 || inner_tokens.size() > drugs.size() * 4) continue;
      // "adult ALL (GMALL)": one bracketed regimen name abbreviates the words before it, it lists no drugs.
      if (ontology_.regimens.lexicon().Lookup(Trim(Text(inner)))) continue;
      size_t name_end = open;
      while (name_end > 0 && sentence[name_end - 1] == ' ') --name_end;
      size_t name_start = name_end;
      while (name_start > 0 && sentence[name_start - 1] != ' ') --name_start;
      std::string name(sentence.substr(name_start, name_end - name_start));
      std::optional<uint32_t> catalogue = ontology_.regimens.lexicon().Lookup(name);
      if (!catalogue && !LooksLikeRegimenName(name)) continue;
      local_terms_.push_back({Category::kRegimen,
                              DefineRegimen({catalogue ? ontology_.regimens.name(*catalogue) : name, drugs, {}})});
      local_.Add("=" + name, static_cast<uint32_t>(local_terms_.size() - 1));
    }
  }
}

void DocumentAnalysis::FindMentions(Sentence* s) const {
  std::vector<Mention> candidates;
  for (const Match& m : local_.FindAll(text(), s->tokens)) {
    const LocalTerm& term = local_terms_[m.entry];
    candidates.push_back({term.category, term.entry, m.first, m.last, s->tokens[m.first].start, s->tokens[m.last - 1].end});
  }
  AddMatches(ontology_.regimens.lexicon(), Category::kRegimen, text(), s->tokens, &candidates);
  AddMatches(ontology_.drugs.lexicon(), Category::kDrug, text(), s->tokens, &candidates);
  AddMatches(ontology_.settings.lexicon(), Category::kSetting, text(), s->tokens, &candidates);
  AddMatches(ontology_.endpoints.lexicon(), Category::kEndpoint, text(), s->tokens, &candidates);
  AddMatches(ontology_.diseases.lexicon(), Category::kDisease, text(), s->tokens, &candidates);
  AddMatches(ontology_.attributes.lexicon(), Category::kAttribute, text(), s->tokens, &candidates);
  AddMatches(ontology_.adverse_events.lexicon(), Category::kAdverseEvent, text(), s->tokens, &candidates);
  AddMatches(ontology_.designs.lexicon(), Category::kDesign, text(), s->tokens, &candidates);
  AddMatches(ontology_.modifiers.lexicon(), Category::kModifier, text(), s->tokens, &candidates);
  // Longest first at each position; earlier candidates (the document's own
  // definitions) win ties because stable_sort keeps their order.
  std::stable_sort(candidates.begin(), candidates.end(), [](const Mention& a, const Mention& b) {
    return a.first != b.first ? a.first < b.first : (a.last - a.first) > (b.last - b.first);
  });
  AddMatches(ontology_.cues.lexicon(), Category::kCue, text(), s->tokens, &s->cues);
  uint32_t covered = 0;
  for (const Mention& m : candidates) {
    if (m.first < covered) continue;
    covered = m.last;
    if (m.category == Category::kOther || IsParentheticalRepeat(*s, m) || NamesTarget(*s, m)) continue;
    if (std::optional<Mention> elided = DiseaseWithElidedHead(*s, m)) s->mentions.push_back(*elided);
    s->mentions.push_back(m);
    ResolveElidedDisease(*s, &s->mentions.back());
  }
}

// "acute myeloid and acute lymphoblastic leukemia": the words joined by a
// conjunction to a longer disease name a disease with its head left out when
// the vocabulary knows the phrase they make with that head ("acute myeloid
// leukemia"). Up to three words after the previous mention are tried, most first.
std::optional<Mention> DocumentAnalysis::DiseaseWithElidedHead(const Sentence& s, const Mention& m) const {
  if (m.category != Category::kDisease || m.last - m.first < 2) return std::nullopt;
  auto conjunction = std::find_if(s.cues.begin(), s.cues.end(), [&](const Mention& cue) {
    return CueRole(cue) == "conjunction" && cue.last == m.first;
  });
  if (conjunction == s.cues.end()) return std::nullopt;
  const uint32_t words_end = conjunction->first;
  const uint32_t after_previous = s.mentions.empty() ? 0 : s.mentions.back().last;
  const uint32_t words_first = std::max(after_previous, words_end - std::min(words_end, 3u));
  const std::string written(Text(m));
  for (uint32_t first = words_first; first < words_end; ++first) {
    std::string modifiers(text().substr(s.tokens[first].start, s.tokens[words_end - 1].end - s.tokens[first].start));
    for (size_t space = written.rfind(' '); space != std::string::npos && space > 0; space = written.rfind(' ', space - 1))
      if (std::optional<uint32_t> entry = ontology_.diseases.lexicon().Lookup(modifiers + written.substr(space)))
        return Mention{Category::kDisease, *entry, first, words_end, s.tokens[first].start, s.tokens[words_end - 1].end};
  }
  return std::nullopt;
}

// "T-cell lymphoblastic leukaemia and lymphoma": a one-word disease joined by
// a conjunction ("and", "or") to a longer one shares its modifiers when the
// vocabulary knows the phrase they make ("T-cell lymphoblastic lymphoma").
// The modifiers are first those of the longer one's canonical name, so a
// short form shares what it stands for ("T-cell ALL or lymphoma" is T-cell
// lymphoblastic lymphoma, not T-cell lymphoma), then the words as written.
void DocumentAnalysis::ResolveElidedDisease(const Sentence& s, Mention* m) const {
  if (m->category != Category::kDisease || m->last - m->first != 1 || s.mentions.size() < 2) return;
  const Mention& previous = s.mentions[s.mentions.size() - 2];
  if (previous.category != Category::kDisease || previous.last - previous.first < 2) return;
  bool joined = std::any_of(s.cues.begin(), s.cues.end(), [&](const Mention& cue) {
    std::string_view role = CueRole(cue);
    return (role == "conjunction" || role == "comparison") && cue.start >= previous.end && cue.end <= m->start &&
           Trim(text().substr(previous.end, cue.start - previous.end)).empty() &&
           Trim(text().substr(cue.end, m->start - cue.end)).empty();
  });
  if (!joined) return;
  const std::string& canonical = ontology_.diseases.name(previous.entry);
  const std::string head(Text(*m));
  std::optional<uint32_t> entry = DiseaseSharingModifiers(canonical.substr(0, canonical.rfind(' ') + 1), head, true);
  if (!entry) {
    std::string written(text().substr(previous.start, s.tokens[previous.last - 1].start - previous.start));
    entry = DiseaseSharingModifiers(written, head, false);
  }
  if (entry) m->entry = *entry;
}

// The disease `modifiers` + `head` spell, or with `drop_one`, failing that,
// the one spelt with a single modifier left out, nearest the head first
// ("T-cell acute lymphoblastic" + "lymphoma": "T-cell lymphoblastic lymphoma").
std::optional<uint32_t> DocumentAnalysis::DiseaseSharingModifiers(std::string_view modifiers, std::string_view head,
                                                                  bool drop_one) const {
  std::vector<std::string_view> words;
  for (size_t at = 0; at < modifiers.size();) {
    size_t end = std::min(modifiers.find(' ', at), modifiers.size());
    if (end > at) words.push_back(modifiers.substr(at, end - at));
    at = end + 1;
  }
  auto spelt_without = [&](size_t left_out) {
    std::string phrase;
    for (size_t i = 0; i < words.size(); ++i)
      if (i != left_out) phrase.append(words[i]).append(" ");
    return ontology_.diseases.lexicon().Lookup(phrase.append(head));
  };
  if (std::optional<uint32_t> entry = spelt_without(words.size())) return entry;
  if (!drop_one || words.size() < 2) return std::nullopt;
  for (size_t i = words.size(); i-- > 0;)
    if (std::optional<uint32_t> entry = spelt_without(i)) return entry;
  return std::nullopt;
}

// "tyrosine kinase inhibitor", "folate receptor": a drug's name right before
// a target noun (cues.tsv target_noun) is part of the target's name.
bool DocumentAnalysis::NamesTarget(const Sentence& s, const Mention& m) const {
  return m.category == Category::kDrug && ontology_.TargetNounAt(m.last, s.cues);
}

// "progression-free survival (PFS)": the bracketed short form names the same
// entity again; counting it twice would break "A and B ... respectively".
bool DocumentAnalysis::IsParentheticalRepeat(const Sentence& s, const Mention& m) const {
  if (s.mentions.empty()) return false;
  const Mention& previous = s.mentions.back();
  if (previous.category != m.category || m.start < previous.end) return false;
  if (previous.entry != m.entry && !(m.category == Category::kRegimen && SpelledInside(s, previous, m.entry))) return false;
  return Trim(text().substr(previous.end, m.start - previous.end)) == "(";
}

// "augmented Berlin-Frankfurt-Munster (BFM)": the bracket abbreviates the
// words after the first of the longer regimen's name, which spell the
// regimen `entry` is named for (the catalogue's, or the document's own
// definition of the short form).
bool DocumentAnalysis::SpelledInside(const Sentence& s, const Mention& longer, uint32_t entry) const {
  const std::string name = Regimen(entry).name;
  for (uint32_t i = longer.first + 1; i < longer.last; ++i) {
    std::optional<Match> inner = ontology_.regimens.lexicon().LongestAt(text(), s.tokens, i);
    if (inner && inner->last <= longer.last && ontology_.regimens.name(inner->entry) == name) return true;
  }
  return false;
}

bool DocumentAnalysis::HasCue(const Sentence& s, std::string_view role) const {
  return HasCueIn(s, role, s.span.start, s.span.end);
}

bool DocumentAnalysis::HasCueIn(const Sentence& s, std::string_view role, uint32_t start, uint32_t end) const {
  for (const Mention& cue : s.cues)
    if (cue.start >= start && cue.end <= end && CueRole(cue) == role) return true;
  return false;
}

bool DocumentAnalysis::CueFollows(const Sentence& s, const Mention& m, std::string_view role) const {
  return std::any_of(s.cues.begin(), s.cues.end(), [&](const Mention& cue) { return cue.first == m.last && CueRole(cue) == role; });
}

bool DocumentAnalysis::CueRightBefore(const Sentence& s, std::initializer_list<std::string_view> roles,
                                      uint32_t at) const {
  return std::any_of(s.cues.begin(), s.cues.end(), [&](const Mention& cue) {
    return cue.end <= at && std::find(roles.begin(), roles.end(), CueRole(cue)) != roles.end() &&
           Trim(text().substr(cue.end, at - cue.end)).empty();
  });
}

bool DocumentAnalysis::CueRightAfter(const Sentence& s, std::string_view role, uint32_t at) const {
  return std::any_of(s.cues.begin(), s.cues.end(), [&](const Mention& cue) {
    return cue.start >= at && CueRole(cue) == role && Trim(text().substr(at, cue.start - at)).empty();
  });
}

bool DocumentAnalysis::CueShortlyBefore(const Sentence& s, std::string_view role, uint32_t at, uint32_t reach) const {
  return CueShortlyBefore(s, {role}, at, reach);
}

bool DocumentAnalysis::CueShortlyBefore(const Sentence& s, std::initializer_list<std::string_view> roles, uint32_t at,
                                        uint32_t reach) const {
  for (const Mention& cue : s.cues)
    if (cue.end <= at && at - cue.end <= reach && std::find(roles.begin(), roles.end(), CueRole(cue)) != roles.end() &&
        text().substr(cue.end, at - cue.end).find_first_of(",;:)") == std::string_view::npos)
      return true;
  return false;
}

}  // namespace trialgraph::ingest
