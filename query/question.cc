#include "query/question.h"

#include <algorithm>
#include <array>

namespace trialgraph::query {

namespace {

using ontology::Match;
using ontology::Ontology;
using ontology::Token;

// The grammar's answer types (like SQL keywords); its joining words are ontology/question_words.tsv, and domain
// terms come from the other ontology files.
struct Phrase {
  std::string_view words;
  int value;
};

enum Mode { kNoMode, kWith, kWithout, kPopulation, kReporting };

constexpr std::array<Phrase, 22> kTargets = {{
    {"regimens", 0}, {"regimen", 0}, {"trials", 1}, {"trial", 1}, {"studies", 1}, {"study", 1},
    {"drugs", 2}, {"drug", 2}, {"agents", 2}, {"populations", 3}, {"population", 3}, {"endpoints", 4},
    {"endpoint", 4}, {"outcomes", 4}, {"results", 4}, {"adverse events", 5}, {"adverse event", 5},
    {"toxicities", 5}, {"side effects", 5}, {"documents", 6}, {"papers", 6}, {"sources", 6},
}};

// A phrase of the grammar split into normalised words, once per process (targets) or per ontology (the rest).
struct Words {
  std::vector<std::string> norms;
  int value;
};

Words Tokenized(std::string_view phrase, int value) {
  Words w{{}, value};
  for (const Token& t : ontology::Tokenize(phrase)) w.norms.push_back(t.norm);
  return w;
}

template <size_t N>
std::vector<Words> Tokenized(const std::array<Phrase, N>& table) {
  std::vector<Words> out;
  for (const Phrase& p : table) out.push_back(Tokenized(p.words, p.value));
  return out;
}

// The grammar's joining words (ontology/question_words.tsv), built once per ontology (Ontology::Compiled).
struct QuestionWords {
  explicit QuestionWords(const Ontology& o);
  std::vector<Words> modes;          //!< the phrases that set the mode of what follows, valued by Mode
  std::vector<std::string> fillers;  //!< words read and skipped
};

QuestionWords::QuestionWords(const Ontology& o) {
  constexpr std::pair<std::string_view, Mode> kModeRoles[] = {
      {"with", kWith}, {"without", kWithout}, {"population", kPopulation}, {"reporting", kReporting}};
  for (size_t i = 0; i < o.question_words.size(); ++i) {
    const std::string& phrase = o.question_words.name(i);
    std::string_view role = o.question_words.first(i, Ontology::kQuestionWordRole);
    if (role == "filler") fillers.push_back(phrase);
    for (const auto& [mode_role, mode] : kModeRoles)
      if (role == mode_role) modes.push_back(Tokenized(phrase, mode));
  }
}

// Length in tokens of `phrase` if it starts at token i, else 0.
size_t PhraseAt(const std::vector<Token>& tokens, size_t i, const Words& phrase) {
  if (i + phrase.norms.size() > tokens.size()) return 0;
  for (size_t k = 0; k < phrase.norms.size(); ++k)
    if (tokens[i + k].norm != phrase.norms[k]) return 0;
  return phrase.norms.size();
}

// The longest phrase of `table` starting at token i, as (value, length).
std::optional<std::pair<int, size_t>> LongestPhrase(const std::vector<Words>& table, const std::vector<Token>& tokens,
                                                    size_t i) {
  std::optional<std::pair<int, size_t>> best;
  for (const Words& p : table)
    if (size_t len = PhraseAt(tokens, i, p); len > 0 && (!best || len > best->second)) best = {{p.value, len}};
  return best;
}

std::string Joined(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

template <typename T>
void AddUnique(std::vector<T>* list, const T& item) {
  if (std::find(list->begin(), list->end(), item) == list->end()) list->push_back(item);
}

class Parser {
 public:
  Parser(std::string_view text, const Ontology& o) : text_(text), o_(o), tokens_(ontology::Tokenize(text)) {}

  Status Run(Question* q);

 private:
  bool TryDrugTerm(size_t* i, Question* q);
  bool TryPopulation(size_t* i, Question* q);
  //! Whether populations record the attribute a match names (Ph status, age group).
  bool IsRecorded(const ontology::Match& m) const;
  //! Sets the population attribute (Ph status, age group) an attributes match names.
  void AddAttribute(const ontology::Match& m, Question* q);
  //! The Ph status spelt inside a matched disease: "Ph-positive ALL" also asks
  //! for Ph-positive patients.
  void AddPhStatusWithin(const ontology::Match& phrase, Question* q);
  //! An age group opening a matched disease whose rest spells the same disease:
  //! "pediatric ALL" also asks for pediatric patients; "adult T-cell leukemia"
  //! is a disease of any age.
  void AddAgeGroupOpening(const ontology::Match& phrase, Question* q);
  //! Reads a term of `vocabulary` at token i into `into`, moving i past it.
  bool TryTerm(const ontology::Vocabulary& vocabulary, std::vector<std::string>* into, size_t* i);
  //! An endpoint kind the trial must report.
  bool TryEndpoint(size_t* i, Question* q) { return TryTerm(o_.endpoints, &q->endpoints, i); }
  //! An adverse event the trial must report.
  bool TryAdverseEvent(size_t* i, Question* q) { return TryTerm(o_.adverse_events, &q->adverse_events, i); }
  bool TryPhase(size_t* i, Question* q);
  //! A design tag the trial must have.
  bool TryDesign(size_t* i, Question* q) { return TryTerm(o_.designs, &q->designs, i); }
  void AddDrugTerm(DrugTerm term, Question* q);

  std::string_view text_;
  const Ontology& o_;
  std::vector<Token> tokens_;
  Mode mode_ = kNoMode;
  bool alternative_ = false;  // the last connector was "or"
  std::vector<std::string> unrecorded_;  // population attributes asked that populations do not record, as written
};

void Parser::AddDrugTerm(DrugTerm term, Question* q) {
  std::vector<DrugTerm>& list = mode_ == kWithout ? q->without : q->with;
  if (alternative_ && !list.empty()) {
    list.back().label += " or " + term.label;
    for (const std::string& d : term.drugs) AddUnique(&list.back().drugs, d);
    for (std::vector<std::string>& alternative : term.alternatives) list.back().alternatives.push_back(std::move(alternative));
  } else {
    list.push_back(std::move(term));
  }
  alternative_ = false;
}

bool Parser::TryDrugTerm(size_t* i, Question* q) {
  std::optional<Match> drug = o_.drugs.lexicon().LongestAt(text_, tokens_, *i);
  std::optional<Match> cls = o_.drug_classes.lexicon().LongestAt(text_, tokens_, *i);
  std::optional<Match> regimen = o_.regimens.lexicon().LongestAt(text_, tokens_, *i);
  size_t dl = drug ? drug->last : 0, cl = cls ? cls->last : 0, rl = regimen ? regimen->last : 0;
  if (dl == 0 && cl == 0 && rl == 0) return false;
  if (dl >= cl && dl >= rl) {
    const std::string& inn = o_.drugs.name(drug->entry);
    AddDrugTerm({inn, {inn}, {{inn}}}, q);
    *i = dl;
  } else if (cl >= rl) {
    const std::string& name = o_.drug_classes.name(cls->entry);
    DrugTerm term{"class " + name, o_.DrugsInClass(name), {}};
    for (const std::string& inn : term.drugs) term.alternatives.push_back({inn});
    AddDrugTerm(std::move(term), q);
    *i = cl;
  } else {
    const std::vector<std::string>& parts = o_.regimens.list(regimen->entry, Ontology::kRegimenComponents);
    AddDrugTerm({o_.regimens.name(regimen->entry), parts, {parts}}, q);
    *i = rl;
  }
  return true;
}

// At token i, the longest spelling of a setting, disease or population
// attribute; a spelling that is two of them ("R/R ALL": relapsed/refractory
// acute lymphoblastic leukemia) asks for both.
bool Parser::TryPopulation(size_t* i, Question* q) {
  if (std::optional<Match> m = o_.query_synonyms.lexicon().LongestAt(text_, tokens_, *i)) {
    std::string_view category = o_.query_synonyms.first(m->entry, Ontology::kSynonymCategory);
    for (const std::string& value : o_.query_synonyms.list(m->entry, Ontology::kSynonymValues)) {
      if (category == "setting") AddUnique(&q->settings, value);
      else if (category == "disease") AddUnique(&q->diseases, value);
    }
    *i = m->last;
    return true;
  }
  std::optional<Match> setting = o_.settings.lexicon().LongestAt(text_, tokens_, *i);
  std::optional<Match> disease = o_.diseases.lexicon().LongestAt(text_, tokens_, *i);
  std::optional<Match> attribute = o_.attributes.lexicon().LongestAt(text_, tokens_, *i);
  uint32_t end = 0;
  for (const std::optional<Match>& m : {setting, disease, attribute})
    if (m) end = std::max(end, m->last);
  if (end == 0) return false;
  if (setting && setting->last == end) AddUnique(&q->settings, o_.settings.name(setting->entry));
  if (disease && disease->last == end) {
    AddUnique(&q->diseases, o_.diseases.name(disease->entry));
    AddPhStatusWithin(*disease, q);
    AddAgeGroupOpening(*disease, q);
  }
  // "ETP-ALL", "Ph-like ALL": a disease spelling that is also a subtype asks for the disease; only an attribute
  // populations record is asked for as well.
  bool disease_too = disease && disease->last == end;
  if (attribute && attribute->last == end && (!disease_too || IsRecorded(*attribute))) AddAttribute(*attribute, q);
  *i = end;
  return true;
}

bool Parser::IsRecorded(const Match& m) const {
  const std::string& attribute = o_.attributes.name(m.entry);
  return attribute == "ph_status" || attribute == "age_group";
}

void Parser::AddAttribute(const Match& m, Question* q) {
  const std::string& attribute = o_.attributes.name(m.entry);
  std::string value(o_.attributes.first(m.entry, Ontology::kAttributeValue));
  if (attribute == "ph_status") q->ph_status = value;
  else if (attribute == "age_group") q->age_group = value;
  else AddUnique(&unrecorded_, std::string(text_.substr(tokens_[m.first].start, tokens_[m.last - 1].end - tokens_[m.first].start)));
}

void Parser::AddPhStatusWithin(const Match& phrase, Question* q) {
  for (uint32_t k = phrase.first; k < phrase.last; ++k) {
    std::optional<Match> m = o_.attributes.lexicon().LongestAt(text_, tokens_, k);
    if (!m || m->last > phrase.last) continue;
    if (o_.attributes.name(m->entry) == "ph_status") AddAttribute(*m, q);
    k = m->last - 1;
  }
}

void Parser::AddAgeGroupOpening(const Match& phrase, Question* q) {
  std::optional<Match> age = o_.attributes.lexicon().LongestAt(text_, tokens_, phrase.first);
  if (!age || age->last >= phrase.last || o_.attributes.name(age->entry) != "age_group") return;
  std::optional<Match> rest = o_.diseases.lexicon().LongestAt(text_, tokens_, age->last);
  if (rest && rest->last == phrase.last && rest->entry == phrase.entry) AddAttribute(*age, q);
}

// The longest spelling of `vocabulary` at token i adds its canonical name to `into`.
bool Parser::TryTerm(const ontology::Vocabulary& vocabulary, std::vector<std::string>* into, size_t* i) {
  std::optional<Match> m = vocabulary.lexicon().LongestAt(text_, tokens_, *i);
  if (!m) return false;
  AddUnique(into, vocabulary.name(m->entry));
  *i = m->last;
  return true;
}

bool Parser::TryPhase(size_t* i, Question* q) {
  if (tokens_[*i].norm != "phase" || *i + 1 >= tokens_.size()) return false;
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kPhases = {
      {{"1", "1"}, {"i", "1"}, {"2", "2"}, {"ii", "2"}, {"3", "3"}, {"iii", "3"}, {"4", "4"}, {"iv", "4"}}};
  auto phase_of = [&](const std::string& norm) -> std::optional<std::string> {
    for (const auto& [word, phase] : kPhases)
      if (norm == word) return std::string(phase);
    return std::nullopt;
  };
  std::optional<std::string> first = phase_of(tokens_[*i + 1].norm);
  if (!first) return false;
  *i += 2;
  if (*i + 1 < tokens_.size() && tokens_[*i].norm == "/")
    if (std::optional<std::string> second = phase_of(tokens_[*i + 1].norm)) {
      *first += "/" + *second;
      *i += 2;
    }
  q->phase = first;
  return true;
}

Status Parser::Run(Question* q) {
  static const std::vector<Words> targets = Tokenized(kTargets);
  const QuestionWords& words = o_.Compiled<QuestionWords>();
  bool has_target = false;
  std::vector<std::string> unknown;
  for (size_t i = 0; i < tokens_.size();) {
    if (!has_target)
      if (auto target = LongestPhrase(targets, tokens_, i)) {
        q->target = static_cast<Target>(target->first);
        has_target = true;
        i += target->second;
        continue;
      }
    // "overall survival with blinatumomab" asks for that endpoint's results.
    if (!has_target && TryEndpoint(&i, q)) {
      q->target = Target::kEndpoints;
      has_target = true;
      continue;
    }
    if (!has_target && TryAdverseEvent(&i, q)) {
      q->target = Target::kAdverseEvents;
      has_target = true;
      continue;
    }
    if (TryPhase(&i, q)) continue;
    if (mode_ == kPopulation || tokens_[i].norm == "after")
      if (TryPopulation(&i, q)) continue;
    if (auto mode = LongestPhrase(words.modes, tokens_, i)) {
      // "not" before a word of inclusion keeps excluding: "regimens that do not contain X".
      const bool negated = i > 0 && tokens_[i - 1].norm == "not";
      if (!(negated && mode_ == kWithout && mode->first == kWith)) mode_ = static_cast<Mode>(mode->first);
      alternative_ = false;
      i += mode->second;
      continue;
    }
    if (tokens_[i].norm == "and" || tokens_[i].norm == "or" || tokens_[i].norm == "/") {
      alternative_ = tokens_[i].norm == "or";
      ++i;
      continue;
    }
    if (mode_ == kReporting && (TryEndpoint(&i, q) || TryAdverseEvent(&i, q))) continue;
    if (TryDrugTerm(&i, q) || TryPopulation(&i, q) || TryEndpoint(&i, q) || TryAdverseEvent(&i, q) || TryDesign(&i, q))
      continue;
    if (std::find(words.fillers.begin(), words.fillers.end(), tokens_[i].norm) != words.fillers.end()) {
      ++i;
      continue;
    }
    unknown.push_back(std::string(text_.substr(tokens_[i].start, tokens_[i].end - tokens_[i].start)));
    ++i;
  }
  if (!has_target) unknown.insert(unknown.begin(), "(no answer type: start with regimens, trials, drugs, ...)");
  // Answering without an attribute the question names would answer a broader question than was asked.
  if (unknown.empty() && !unrecorded_.empty())
    return Status::InvalidArgument("cannot filter on " + Joined(unrecorded_, ", ") +
                                   ": populations record their disease, Ph status, settings and age group only; "
                                   "ask without it");
  if (!unknown.empty())
    return Status::InvalidArgument("did not understand " + Joined(unknown, ", ") + " in \"" + std::string(text_) +
                                   "\". " + std::string(QuestionForms()));
  return Status::OK();
}

std::string TermsText(const std::vector<DrugTerm>& terms, std::string_view sep) {
  std::vector<std::string> labels;
  for (const DrugTerm& t : terms) labels.push_back(t.label);
  return Joined(labels, sep);
}

}  // namespace

std::string_view TargetName(Target target) {
  static constexpr std::array<std::string_view, 7> kNames = {"regimens",  "trials",         "drugs",    "populations",
                                                             "endpoints", "adverse events", "documents"};
  return kNames[static_cast<size_t>(target)];
}

std::string_view QuestionForms() {
  return "Accepted form: <regimens|trials|drugs|populations|endpoints|adverse events|documents> "
         "[with A (and|or B)...] [without C] [in <setting or population>] [phase N] [reporting <endpoint>], "
         "design tags such as randomized or double-blind anywhere, or an endpoint or adverse event in place of the answer type; for example \"regimens with blinatumomab and inotuzumab in "
         "salvage\" or \"overall survival with blinatumomab\".";
}

std::string Question::Interpretation() const {
  std::string out(TargetName(target));
  if (!with.empty()) out += " with " + TermsText(with, " and ");
  if (!without.empty()) out += " without " + TermsText(without, " or ");
  if (!settings.empty()) out += " in setting " + Joined(settings, " or ");
  if (!diseases.empty()) out += " in disease " + Joined(diseases, " or ");
  if (ph_status) out += " with Ph-" + *ph_status;
  if (age_group) out += " in " + *age_group + " patients";
  if (phase) out += " in phase " + *phase + " trials";
  if (!designs.empty()) out += " of design " + Joined(designs, " and ");
  if (!endpoints.empty()) out += " reporting " + Joined(endpoints, " or ");
  if (!adverse_events.empty()) out += " reporting adverse event " + Joined(adverse_events, " or ");
  return out;
}

Status ParseQuestion(std::string_view text, const Ontology& ontology, Question* question) {
  *question = Question();
  if (text.size() > 2000) return Status::InvalidArgument("question longer than 2000 bytes");
  return Parser(text, ontology).Run(question);
}

}  // namespace trialgraph::query
