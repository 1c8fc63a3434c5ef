// Endpoints with their values, and adverse events with grades, tied to the
// entity each number describes.
#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "ingest/fact_extractors.h"
#include "ingest/numbers.h"
#include "ingest/values.h"

namespace trialgraph::ingest {

namespace {

using ontology::Ontology;
using ontology::Trim;

bool IsOutcome(const Mention& m) { return m.category == Category::kEndpoint || m.category == Category::kAdverseEvent; }

// The first character of `text` that is not a space, or '\0'.
char FirstNonSpace(std::string_view text) {
  size_t at = text.find_first_not_of(' ');
  return at == std::string_view::npos ? '\0' : text[at];
}

// True when `at` stands inside a bracket opened right after the entity:
// "overall response rate (CR plus PR)", "overall response rate [CR plus PR]", "mucositis (n = 12)".
bool InBracketAfter(const DocumentAnalysis& a, const Mention& entity, uint32_t at) {
  std::string_view between = a.text().substr(entity.end, at - entity.end);
  char open = FirstNonSpace(between);
  return (open == '(' && between.find(')') == std::string_view::npos) ||
         (open == '[' && between.find(']') == std::string_view::npos);
}

// An adverse event, or a disease that is also one ("acute graft-versus-host
// disease"), read as the event where numbers report it.
std::optional<Mention> AsAdverseEvent(const DocumentAnalysis& a, const Mention& m) {
  if (m.category == Category::kAdverseEvent) return m;
  if (m.category != Category::kDisease) return std::nullopt;
  std::optional<uint32_t> event = a.ontology().adverse_events.lexicon().Lookup(a.Text(m));
  if (!event) return std::nullopt;
  Mention as_event = m;
  as_event.category = Category::kAdverseEvent;
  as_event.entry = *event;
  return as_event;
}

// True when `m` stands in a bracket that defines the entity before it: "overall response rate (CR plus PR)"; not
// one that counts its parts ("Responses (12 CR, 5 PR)", "overall response (CR 40%, PR 20%)").
bool InDefinition(const DocumentAnalysis& a, const Mention& defined, const Mention& m) {
  if (!InBracketAfter(a, defined, m.start)) return false;
  std::string_view rest = a.text().substr(defined.end);
  size_t close = rest.find_first_of(")]");
  return rest.substr(0, close).find_first_of("0123456789") == std::string_view::npos;
}

// "Headache relief at 2 h was 75.9%", "relief of nausea": the event is the
// symptom the treatment aims at, and its numbers measure efficacy, not harm.
bool IsRelievedSymptom(const DocumentAnalysis& a, const Sentence& s, const Mention& m) {
  return m.category == Category::kAdverseEvent && (a.CueFollows(s, m, "relief") || a.CueRightBefore(s, {"relief"}, m.start));
}

// A rule_words.tsv intended_state word ending the text before an event,
// captured with the word before it. Rule words, not cues: "controlled" is
// also a cues.tsv disease_qualifier ("patients with controlled hypertension").
std::string IntendedStateBeforePattern(const Ontology& o) {
  return R"((?i)(?:^|(?:\b([\w-]+))?[^\w-]+)\b()" + o.RuleWords("intended_state") + R"()\s+$)";
}

// A word that makes the intended_state word after it a state of the disease ("poorly controlled").
std::string IntendedStateBlockerPattern(const Ontology& o) { return "(?i)" + o.RuleWords("intended_state_blocker"); }

// "controlled hypotension", "during deliberate hypotension", "therapeutic hypothermia": a state the treatment brings
// about on purpose (rule_words.tsv intended_state right before the event) is the technique under study, not a harm.
// A cue written onto a word or after a drug ("propofol-induced hypotension", "captopril deliberate ...") names the
// harm's cause, and one after a blocker ("poorly controlled hypertension") the disease's state.
bool IsIntendedState(const DocumentAnalysis& a, const Sentence& s, const Mention& m) {
  if (m.category != Category::kAdverseEvent) return false;
  std::string_view before = a.Text(Span{s.span.start, m.start});
  re2::StringPiece previous, cue;
  if (!RE2::PartialMatch(before, a.ontology().Regex<IntendedStateBeforePattern>(), &previous, &cue)) return false;
  if (!previous.empty() && RE2::FullMatch(previous, a.ontology().Regex<IntendedStateBlockerPattern>())) return false;
  const uint32_t cue_start = s.span.start + static_cast<uint32_t>(cue.data() - before.data());
  const char previous_char = cue_start > s.span.start ? a.text()[cue_start - 1] : ' ';
  bool attached = previous_char == '-' || previous_char == ')';
  bool after_drug = std::any_of(s.mentions.begin(), s.mentions.end(), [&](const Mention& d) {
    return d.category == Category::kDrug && d.end <= cue_start && Trim(a.Text(Span{d.end, cue_start})).empty();
  });
  return !attached && !after_drug;
}

// The sentence's endpoints and adverse events, in order.
std::vector<Mention> OutcomeMentions(const DocumentAnalysis& a, const Sentence& s) {
  std::vector<Mention> out;
  const Mention* defined = nullptr;  // the entity a bracket may define: its entities are not what numbers measure
  std::optional<uint32_t> defined_event;  // the entry of `defined` when it is an adverse event
  for (const Mention& m : s.mentions) {
    std::optional<Mention> outcome = IsOutcome(m) ? m : AsAdverseEvent(a, m);
    if (!outcome || IsRelievedSymptom(a, s, *outcome) || IsIntendedState(a, s, *outcome)) continue;
    // "myelosuppression (leukopenia, granulocytopenia, and thrombocytopenia)": the events a group of events is
    // spelt out into happened; an endpoint's bracket defines it, and the event's own name again ("pneumonia (two
    // Pneumocystis carinii pneumonia)") only says which kind.
    bool parts_of_event = defined_event && outcome->category == Category::kAdverseEvent && outcome->entry != *defined_event;
    if (defined && !parts_of_event && InDefinition(a, *defined, m)) continue;
    out.push_back(*outcome);
    defined = &m;
    defined_event = outcome->category == Category::kAdverseEvent ? std::optional<uint32_t>(outcome->entry) : std::nullopt;
  }
  return out;
}

// "azacitidine group", "GO arm", "gentamicin-treated patients": an arm's group, one or two words before its noun
// (rule_words.tsv arm_group); a piece of the patterns below.
std::string ArmGroupWords(const Ontology& o) { return R"([\w-]+(?:\s+[\w-]+)?\s+)" + o.RuleWords("arm_group"); }

// "of the gentamicin-treated patients in the X group": a rate's subject after it (rule_words.tsv rate_base, arm_group).
std::string SubjectAfterRatePattern(const Ontology& o) {
  return R"((?i)^\s*(?:%|percent)?\)?\s*of\s+(?:the\s+|all\s+)?(?:[\w-]+\s+)?)" + o.RuleWords("rate_base") +
         R"((?:\s+in\s+the\s+)" + ArmGroupWords(o) + ")?";
}

// "6 patients in the losartan group", "two in the amlodipine arm": a count's group written after it (rule_words.tsv
// rate_base, arm_assignment, arm_group).
std::string SubjectAfterCountPattern(const Ontology& o) {
  return R"((?i)^\s+(?:(?:)" + o.RuleWords("rate_base") + R"()\s+)?(?:)" + o.RuleWords("arm_assignment") +
         R"()\s+(?:the\s+)?)" + ArmGroupWords(o) + R"(\b)";
}

// Where a rate's subject written after it ends: "50.8% of patients in the
// azacitidine group were alive", "(55.2%) of the gentamicin-treated patients had", "6 patients in the losartan
// group developed" -> before the verb; else the value's end.
uint32_t AfterSubject(const DocumentAnalysis& a, const Sentence& s, const Value& v) {
  const RE2& subject_after = a.ontology().Regex<SubjectAfterRatePattern>();
  // "Six of 30 patients (20%) without prior chemotherapy achieved a partial response": the subject's qualifier,
  // counted from its first word after "with"/"without" (the rest counts towards the verb's distance).
  static const RE2 kQualifier(R"((?i)^\s*(?:%|percent)?\)?\s+(?:with|without)\s+[\w-]+)");
  std::string_view rest = a.text().substr(v.span.end, s.span.end - v.span.end);
  re2::StringPiece input(rest.data(), rest.size());
  bool subject = RE2::Consume(&input, subject_after) ||
                 (v.kind == ValueKind::kPatients && RE2::Consume(&input, a.ontology().Regex<SubjectAfterCountPattern>()));
  if (subject) {
    // "fecal occult blood (25% of patients); however, ... bleeding": a bracket or clause closing after the
    // subject ends what the rate says.
    char next = FirstNonSpace(std::string_view(input.data(), input.size()));
    if (next == ')' || next == ';') return v.span.end;
  }
  if (!RE2::Consume(&input, kQualifier) && !subject) return v.span.end;
  return v.span.end + static_cast<uint32_t>(input.data() - rest.data());
}

// A number followed closely by "achieved", "had", "underwent"... describes
// the entity after it ("33 (94%) achieved CRc"), counting from the end of its
// subject ("50.8% of patients in the azacitidine group were alive").
// A verb after a conjunction starts another predicate of the sentence's
// subject ("CRS occurred in 15% of patients and was grade 3 in 2%"), so it
// links no number.
bool LinksForward(const DocumentAnalysis& a, const Sentence& s, const Value& v, uint32_t next_value_start) {
  static const RE2 kConjunction(R"((?i)(?:,|;|\band\b|\bbut\b))");
  constexpr uint32_t kMaxGap = 24;
  uint32_t from = AfterSubject(a, s, v);
  for (const Mention& cue : s.cues) {
    if (a.CueRole(cue) != "forward" || cue.start < from || cue.start - from > kMaxGap || cue.start >= next_value_start)
      continue;
    std::string_view between = a.Text(Span{from, cue.start});
    if (!RE2::PartialMatch(re2::StringPiece(between.data(), between.size()), kConjunction)) return true;
  }
  return false;
}

// "% of patients had grade 1 or 2": a rate's subject (rule_words.tsv rate_base), a verb that gives it the grade
// (grade_verb) and the grade.
std::string VerbThenGradePattern(const Ontology& o) {
  return R"((?i)^\s*(?:%|percent)?\)?\s*(?:of\s+(?:the\s+|all\s+)?)" + o.RuleWords("rate_base") + R"(\s+)?)" +
         o.RuleWords("grade_verb") + R"(\s+)" +
         R"((grades?\s*(?:\d|[IV]+)(?:\s*(?:-|–|/|to|and|or)\s*(?:\d|[IV]+))?(?:\s*or\s+(?:higher|greater|above|more))?))"
         R"(\s*(?:[,;.)]|\band\b|\bbut\b|\bwhile\b|$))";
}

// The grade a value's clause gives it through a verb, no event named after the grade: "while 29% had grade 1 or
// 2", "but only 14.3% experienced grade 3 or 4", "with 14% of patients experiencing grade 1 or 2 and only 2% ...".
// The value is of the event named before it, at that grade.
std::optional<std::string> GradeAfterValue(const DocumentAnalysis& a, const Sentence& s, const Value& v) {
  const RE2& verb_then_grade = a.ontology().Regex<VerbThenGradePattern>();
  std::string_view rest = a.text().substr(v.span.end, s.span.end - v.span.end);
  re2::StringPiece grade;
  if (!RE2::PartialMatch(re2::StringPiece(rest.data(), rest.size()), verb_then_grade, &grade)) return std::nullopt;
  return LastGrade(std::string_view(grade.data(), grade.size()));
}

// Hazard ratios and medians describe endpoints, never adverse events.
bool CanDescribe(const Value& v, const Mention& m) {
  return m.category == Category::kEndpoint || (v.kind != ValueKind::kHazardRatio && v.kind != ValueKind::kDuration);
}

// What stands between a number and an entity written right after it: "67% OS",
// "a 10% CR rate", "and four (20%) a partial response", "2 cases of acute
// renal failure", "2 fatal cases of sepsis".
bool IsSingleSpaceAfterUnit(std::string_view between) {
  static const RE2 kCasesOf(R"(^\s+(?:[a-z-]+\s+)?(?:cases?|episodes?)\s+of\s+$)");  // "2 (fatal) cases of sepsis"
  if (RE2::FullMatch(re2::StringPiece(between.data(), between.size()), kCasesOf)) return true;
  if (between.starts_with("%")) between.remove_prefix(1);
  if (between.starts_with(")")) between.remove_prefix(1);
  return between == " " || between == " a " || between == " an ";
}

// The length of what follows an entity, less a bracket that defines it:
// "overall response rate [CR (complete response) plus PR] was 77%" is as near
// its value as "overall response rate was 77%".
uint32_t LengthPastDefinition(std::string_view after_entity) {
  size_t open = after_entity.find_first_not_of(' ');
  if (open == std::string_view::npos || (after_entity[open] != '(' && after_entity[open] != '[')) return after_entity.size();
  int depth = 0;
  for (size_t i = open; i < after_entity.size(); ++i) {
    if (after_entity[i] == '(' || after_entity[i] == '[') ++depth;
    if ((after_entity[i] == ')' || after_entity[i] == ']') && --depth == 0)
      return static_cast<uint32_t>(after_entity.size() - (i + 1 - open));
  }
  return after_entity.size();
}

// True when a later item of a list ("emesis (...), clumsiness (ataxic
// movements in ten patients)") opened a bracket still open at `end`: a comma,
// then the bracket.
bool BracketOfLaterItem(const DocumentAnalysis& a, uint32_t start, uint32_t end) {
  std::optional<uint32_t> open = a.OpenBracketBefore(start, end);
  return open && a.Text(Span{start, *open}).find(',') != std::string_view::npos;
}

// True when a bracket closes between a value and the entity after it, and a
// comma follows: "methotrexate toxicity (n = 2), SIADH (n = 1)": the value
// belongs to the list item before, which the vocabulary may not know.
bool ClosesItemBefore(const DocumentAnalysis& a, uint32_t value_end, uint32_t entity_start) {
  std::string_view between = a.text().substr(value_end, entity_start - value_end);
  size_t close = between.find(')');
  return close != std::string_view::npos && FirstNonSpace(between.substr(close + 1)) == ',';
}

bool SemicolonBetween(const DocumentAnalysis& a, uint32_t start, uint32_t end) {
  return a.text().substr(start, end - start).find(';') != std::string_view::npos;
}

// True when a semicolon stands between `start` and `end` outside the bracket still open at `end`: "...grade 3
// neutropenia; two patients died", not "edema was more common with amlodipine (14% for amlodipine; 2% for
// valsartan)", whose bracket lists the arms' rates of one event, whatever separates them.
bool SemicolonOutsideBracketBetween(const DocumentAnalysis& a, uint32_t start, uint32_t end) {
  return SemicolonBetween(a, start, a.OpenBracketBefore(start, end).value_or(end));
}

// True when the value opens a bracket that closes the clause naming the entity, with no number or clause break
// between: "more incidents of bradycardia in subjects treated with clonidine compared with those not treated with
// clonidine (17.5% versus 3.4%; p =.02)" gives the rates of bradycardia, however long the comparison.
bool BracketClosingItsClause(const DocumentAnalysis& a, const Mention& entity, const Value& v) {
  static const RE2 kClauseThenBracket(R"(^[^,;:()\[\]0-9]*[(\[]\s*$)");
  constexpr uint32_t kMaxClause = 160;
  std::string_view between = a.Text(Span{entity.end, v.span.start});
  return between.size() <= kMaxClause &&
         RE2::FullMatch(re2::StringPiece(between.data(), between.size()), kClauseThenBracket);
}

// "The occurrence of nephrotoxicity was similar between the conventional and extended-interval groups, at 10% and
// 5%, respectively": a sentence of one outcome that lists its values "respectively" gives them to the arms it
// names, however far from the outcome.
bool ArmsRespectively(const DocumentAnalysis& a, const Sentence& s, const std::vector<const Mention*>& outcomes) {
  return outcomes.size() == 1 && a.HasCue(s, "respectively");
}

// True when the last clause between `start` and `end` opens after a semicolon with words of its own, then a comma
// or colon right before `end`: "; median time to treatment failure, " (not "; 30%" nor "; and in arm B 30%").
bool LabelsItsOwnMeasure(const DocumentAnalysis& a, uint32_t start, uint32_t end) {
  static const RE2 kLabel(R"(^\s*[A-Za-z][A-Za-z\s-]*[,:]\s*$)");
  std::string_view between = a.Text(Span{start, end});
  size_t semicolon = between.rfind(';');
  if (semicolon == std::string_view::npos) return false;
  std::string_view clause = between.substr(semicolon + 1);
  return RE2::FullMatch(re2::StringPiece(clause.data(), clause.size()), kLabel);
}

// A clause with a subject of its own: "and" or a contrast (rule_words.tsv clause_contrast) after a comma, or a
// semicolon, then an article ("..., and an unpleasant sensation was", ", whereas the", "; the other").
std::string OwnSubjectClausePattern(const Ontology& o) {
  return R"((?i)(?:,\s*(?:and|)" + o.RuleWords("clause_contrast") + R"()|;)\s+(?:an?|the)\s+[a-z])";
}

// True when a clause with a subject of its own opens between `start` and `end`.
bool OpensClauseWithOwnSubject(const DocumentAnalysis& a, uint32_t start, uint32_t end) {
  std::string_view between = a.Text(Span{start, end});
  return RE2::PartialMatch(re2::StringPiece(between.data(), between.size()), a.ontology().Regex<OwnSubjectClausePattern>());
}

// The outcome mentions a value describes. `previous` is what the value
// before it in the sentence described ("68 percent — 56 percent at one year").
std::vector<const Mention*> TargetsOf(const DocumentAnalysis& a, const Sentence& s, const Value& v,
                                      const std::vector<const Mention*>& outcomes, uint32_t next_value_start,
                                      const Mention* previous) {
  const Mention* before = nullptr;
  std::vector<const Mention*> after;
  for (const Mention* m : outcomes) {
    if (!CanDescribe(v, *m)) continue;
    if (m->end <= v.span.start) before = m;
    else if (m->start >= v.span.end && m->start < next_value_start && !SemicolonBetween(a, v.span.end, m->start) &&
             !a.HasCueIn(s, "negation", v.span.end, m->start))
      after.push_back(m);  // not across the clause ("three patients experienced toxicity; confusion (1)"), nor a
                           // negation ("controls (n = 24) reported no history of hypertension")
  }
  // "median time to progression, 5.5 months; median time to treatment failure, 4.6 months": a clause after a
  // semicolon that names its own measure before the value is about that measure, whatever the vocabulary knows.
  if (before && before->category == Category::kEndpoint && LabelsItsOwnMeasure(a, before->end, v.span.start))
    before = nullptr;
  constexpr uint32_t kMaxBackwardGap = 64;  // further back, the number is about something else
  if (before && LengthPastDefinition(a.text().substr(before->end, v.span.start - before->end)) > kMaxBackwardGap &&
      before != previous && !BracketClosingItsClause(a, *before, v) && !ArmsRespectively(a, s, outcomes))
    before = nullptr;
  // "mucositis (n = 12) was common", "CR (45%)", "febrile neutropenia (n = 4; 8%)": a bracket opened right after
  // the entity holds its values, whatever separates them.
  if (before && InBracketAfter(a, *before, v.span.start)) return {before};
  // "Hallucinations occurred in 4 patients, and an unpleasant sensation was also reported by 2 patients": the value
  // is of the new clause's own subject, which the vocabulary may not know.
  if (before && before->category == Category::kAdverseEvent && OpensClauseWithOwnSubject(a, before->end, v.span.start))
    before = nullptr;
  // A value in the bracket of a later list item is not the entity's; "overall survival was longer (median
  // 14.2 vs 10.1 months)" keeps its bracket.
  if (before && BracketOfLaterItem(a, before->end, v.span.start)) before = nullptr;
  // "...grade 3 neutropenia; two patients died": an event's count is not in the next clause (a semicolon inside the
  // value's own bracket parts its items only); "developed SOS, which was fatal in 2 cases": a count of deaths from
  // the event is not the event's count.
  if (before && before->category == Category::kAdverseEvent &&
      (SemicolonOutsideBracketBetween(a, before->end, v.span.start) ||
       a.HasCueIn(s, "fatal", before->end, v.span.start)))
    before = nullptr;
  if (!after.empty() && ClosesItemBefore(a, v.span.end, after.front()->start)) after.clear();
  bool forward = LinksForward(a, s, v, next_value_start);
  if (forward && after.empty()) {  // "6 (30%) remained in remission": about no known entity
    if (before && before->category == Category::kAdverseEvent && GradeAfterValue(a, s, v)) return {before};
    return {};
  }
  constexpr uint32_t kMaxForwardGap = 24;  // without a linking verb, only an entity right after the number
  // "a 10% CR rate", "67% OS": an entity written right after the number, a space between, is what it measures.
  bool adjacent = !after.empty() && IsSingleSpaceAfterUnit(a.text().substr(v.span.end, after.front()->start - v.span.end));
  if (!after.empty() && (forward || adjacent || (!before && after.front()->start - v.span.end <= kMaxForwardGap))) {
    // "affecting three patients (10 percent) were dyspnea, febrile neutropenia and hypertension"
    if (after.front()->category == Category::kAdverseEvent) {
      std::vector<const Mention*> list;
      for (const Mention* m : after)
        if (m->category == Category::kAdverseEvent) list.push_back(m);
      return list;
    }
    return {after.front()};
  }
  if (before) return {before};
  return {};
}

uint32_t Gap(const Span& a, const Span& b) {
  if (a.end <= b.start) return b.start - a.end;
  if (b.end <= a.start) return a.start - b.end;
  return 0;
}

// "rates at 1 and 3 years were 80% and 60%": the rates take the listed
// timepoints in order, when there are as many of each.
std::optional<std::string> ListedTimepoint(const Value& v, const SentenceValues& values) {
  std::vector<const Value*> rates;
  for (const Value& x : values.values)
    if (x.kind == ValueKind::kRate) rates.push_back(&x);
  if (rates.size() != values.timepoint_list.size()) return std::nullopt;
  for (size_t i = 0; i < rates.size(); ++i)
    if (rates[i]->span == v.span) return values.timepoint_list[i];
  return std::nullopt;
}

// True when `before` is empty or an article: a timepoint after it opens the sentence ("At 26 months, ...", "The
// 5-year EFS and OS rates were 58% and 70%").
bool OpensSentence(std::string_view before) {
  static const RE2 kArticle(R"((?i)^\s*(?:the|an?)?\s*$)");
  return RE2::FullMatch(re2::StringPiece(before.data(), before.size()), kArticle);
}

// The timepoint of a value: one written right beside the value ("65 percent
// at one year", "at 3 years: 85%"), else one written against the entity
// ("1-year overall survival"), else the nearest in the clause, else one that
// opens the sentence and so covers all of it ("At 26 months, the PFS rate was
// 75% and the rate of overall survival was 83%").
std::optional<std::string> TimepointFor(const DocumentAnalysis& a, const Sentence& s, const Mention& entity,
                                        const Value& v, const SentenceValues& values) {
  if (std::optional<std::string> listed = ListedTimepoint(v, values)) return listed;
  constexpr uint32_t kBeside = 12, kAgainstEntity = 4, kNearest = 60;
  const Timepoint* beside = nullptr;
  const Timepoint* against_entity = nullptr;
  const Timepoint* nearest = nullptr;
  const Timepoint* opening = nullptr;
  for (const Timepoint& t : values.timepoints) {
    if (t.follow_up) continue;
    uint32_t gap = Gap(t.span, v.span);
    if (gap <= kBeside && (!beside || gap < Gap(beside->span, v.span))) beside = &t;
    if (Gap(t.span, Span{entity.start, entity.end}) <= kAgainstEntity) against_entity = &t;
    if (gap < kNearest && (!nearest || gap < Gap(nearest->span, v.span))) nearest = &t;
    if (OpensSentence(a.text().substr(s.span.start, t.span.start - s.span.start))) opening = &t;
  }
  for (const Timepoint* t : {beside, against_entity, nearest, opening})
    if (t) return t->text;
  return std::nullopt;
}

// The text with every closed bracket blanked: "neutropenia (grade 3, 20%) and" ->
// "neutropenia                  and", so a grade given for one event does not
// carry to the next.
std::string OutsideBrackets(std::string_view text) {
  std::string out(text);
  size_t open = std::string::npos;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '(') open = i;
    if (out[i] == ')' && open != std::string::npos) {
      std::fill(out.begin() + open, out.begin() + i + 1, ' ');
      open = std::string::npos;
    }
  }
  return out;
}

// The event's grade: in a bracket right after it ("infection (grade 4, 5%)"), else the last one between `from` and
// it outside brackets ("grade 3 neutropenia (20%) and"), else one shortly after it in its clause ("neutropenia
// grade 3").
std::optional<std::string> GradeBefore(const DocumentAnalysis& a, const Sentence& s, const Mention& ae, uint32_t from) {
  std::string prefix = OutsideBrackets(a.text().substr(from, ae.start - from));
  constexpr uint32_t kSuffix = 40;  // "neutropenia grade greater than or equal to 3"
  std::string_view suffix = a.text().substr(ae.end, std::min<uint32_t>(kSuffix, s.span.end - ae.end));
  std::optional<std::string> grade;
  if (FirstNonSpace(suffix) == '(') {
    size_t close = suffix.find(')');
    grade = LastGrade(suffix.substr(0, close));
    suffix = close == std::string_view::npos ? std::string_view() : suffix.substr(close + 1);
  }
  // "cytokine release syndrome, which was grade 3 or higher in 3 patients", "neutropenia (n = 4), grade 3 in 2":
  // a grade past a comma is a subset's.
  suffix = suffix.substr(0, suffix.find_first_of(",;"));
  if (!grade) grade = LastGrade(prefix);
  if (!grade) grade = LastGrade(suffix);
  return grade;
}

// The grade of the value's own item in a bracket opened after the event: "neutropenia was more common (grade 3, 14%;
// grade 4, 5%)" gives 14% grade 3 and 5% grade 4, the items parted by semicolons.
std::optional<std::string> GradeOfBracketItem(const DocumentAnalysis& a, const Mention& ae, const Value& v) {
  std::optional<uint32_t> open = a.OpenBracketBefore(ae.end, v.span.start);
  if (!open) return std::nullopt;
  std::string_view item = a.Text(Span{*open + 1, v.span.start});
  size_t semicolon = item.rfind(';');
  return LastGrade(semicolon == std::string_view::npos ? item : item.substr(semicolon + 1));
}

// The grade `text` ends with, as "grade 3 or higher in " before a value; not "experiencing grade 1 or 2 and only ".
std::optional<std::string> GradeRightBefore(std::string_view text) {
  static const RE2 kGradeIn(R"((?i)(\bgrades?\b[^,;]{0,24}?\bin\s*)$)");
  re2::StringPiece tail;
  if (!RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), kGradeIn, &tail)) return std::nullopt;
  return LastGrade(std::string_view(tail.data(), tail.size()));
}

// "The median follow-up among patients still alive (n = 8) was 35 months":
// the median nearest before the value is of follow-up time.
bool IsMedianFollowUp(const DocumentAnalysis& a, const Sentence& s, const Value& v) {
  const Mention* median = nullptr;
  for (const Mention& cue : s.cues)
    if (cue.end <= v.span.start && a.CueRole(cue) == "median") median = &cue;
  constexpr uint32_t kAdjacent = 2;  // "median follow-up", "median  follow up"
  return median && std::any_of(s.cues.begin(), s.cues.end(), [&](const Mention& cue) {
           return a.CueRole(cue) == "follow_up" && cue.start >= median->end && cue.start <= median->end + kAdjacent;
         });
}

bool IsTimeToEvent(const std::string& kind) {
  return kind.find("survival") != std::string::npos || kind.starts_with("time to") || kind.starts_with("duration");
}

// True when the entity stands close enough after a patient count to be what
// it counts, measured from the count's noun: "Five patients were diagnosed
// as having subclinical heart failure"; not "nine patients showed a decrease
// in tumor size and surrounding edema".
bool CloseAfterCount(const DocumentAnalysis& a, const Value& v, const Mention& m) {
  constexpr uint32_t kMaxCountGap = 40;
  static const RE2 kNoun(R"((?i)^\s+(?:patients?|participants?|cases?|children|adults)\b)");
  if (m.start < v.span.end) return false;
  std::string_view between = a.text().substr(v.span.end, m.start - v.span.end);
  re2::StringPiece rest(between.data(), between.size());
  RE2::Consume(&rest, kNoun);
  return rest.size() <= kMaxCountGap;
}

bool OnlyListSeparators(const DocumentAnalysis& a, uint32_t start, uint32_t end);

// "One patient had nausea, diarrhoea, and vomiting": the first event of the list of events that runs from after a
// count to `m`, the event its verb leads to for each of them; `m` itself when it stands in no such list.
Mention EventListHead(const DocumentAnalysis& a, const Sentence& s, const Value& v, const Mention& m) {
  if (m.category != Category::kAdverseEvent || m.start < v.span.end) return m;
  std::vector<Mention> outcomes = OutcomeMentions(a, s);
  auto it = std::find_if(outcomes.begin(), outcomes.end(), [&](const Mention& o) { return o.start == m.start; });
  if (it == outcomes.end()) return m;
  while (it != outcomes.begin()) {
    const Mention& before = *std::prev(it);
    if (before.start < v.span.end || before.category != Category::kAdverseEvent ||
        !OnlyListSeparators(a, before.end, it->start))
      break;
    --it;
  }
  return *it;
}

// True when words of enrolment or treatment stand between a patient count
// and an entity ("Of 27 patients enrolled, 24 were eligible ... toxicity was
// anemia"): the count is of patients in the study, not of the entity.
bool CountsStudyPatients(const DocumentAnalysis& a, const Sentence& s, const Value& v, const Mention& m) {
  Span between = m.start >= v.span.end ? Span{v.span.end, m.start} : Span{m.end, v.span.start};
  return a.HasCueIn(s, "enrolled", between.start, between.end) || a.HasCueIn(s, "treated", between.start, between.end) ||
         a.HasCueIn(s, "treatment", between.start, between.end);
}

// "Two achieved a complete remission", "3 patients had CR": a count whose
// verb leads straight to the endpoint, with no enrolment or treatment
// words between ("60 patients were enrolled and the CR rate was ...").
bool CountsAchievers(const DocumentAnalysis& a, const Sentence& s, const Value& v, const Mention& m) {
  Mention head = EventListHead(a, s, v, m);  // the verb leads to a list's first event, and the list to `m`
  if (!CloseAfterCount(a, v, head) || CountsStudyPatients(a, s, v, m)) return false;
  // "Patients in first remission (n = 10) had a 3-year OS of 50%": a group's size is no count of achievers.
  if (FirstNonSpace(a.text().substr(v.span.end, m.start - v.span.end)) == ')') return false;
  // "..., seven had stable disease, none had partial response": a clause's count is of its own clause.
  if (v.opens_clause && a.Text(Span{v.span.end, head.start}).find_first_of(",;") != std::string_view::npos) return false;
  return a.HasCueIn(s, "forward", v.span.end, head.start);
}

// "Two pathologic complete responses were observed", "RESULTS: 3 partial responses": a count written right before
// the endpoint, a qualifier word between at most, counts it; not a time-to-event kind ("45 OS events").
bool CountsEntityRightAfter(const DocumentAnalysis& a, const Value& v, const Mention& m) {
  static const RE2 kQualifier(R"(^\s+(?:[a-z-]+\s+)?$)");
  if (m.start < v.span.end || IsTimeToEvent(a.ontology().endpoints.name(m.entry))) return false;
  std::string_view between = a.Text(Span{v.span.end, m.start});
  return RE2::FullMatch(re2::StringPiece(between.data(), between.size()), kQualifier);
}

// "Of the 6 patients who underwent early cystectomy, 4 were alive": the count
// that opens the sentence as its denominator is the group's size, no result.
bool IsDenominator(const SentenceValues& values, const Value& v) {
  return values.denominator && v.kind == ValueKind::kPatients && &v == &values.values.front() &&
         v.count == values.denominator;
}

// True when some whole number of `group` patients makes the stated rate, as
// written to one decimal: 12.5% of 24 (3), not 40% of 24.
bool IsRateOf(int group, double rate) {
  if (group <= 0) return false;
  double count = std::round(rate * group / 100);
  return std::fabs(100.0 * count / group - rate) <= 0.05;
}

// True when `count` of the enrolled patients makes the stated rate.
bool RateOfEnrolled(const Trial& trial, int count, double rate) {
  return trial.enrolled && *trial.enrolled > 0 && std::fabs(100.0 * count / *trial.enrolled - rate) <= 1.0;
}

// "Two achieved a complete remission": statistic count, of the sentence's denominator when it states one.
void AddCount(const Sentence& s, const SentenceValues& values, const Value& v, Endpoint e, Trial* out) {
  e.statistic = "count";
  e.value = v.value;
  e.count = v.count;
  if (values.denominator && *values.denominator >= *e.count) e.of = values.denominator;
  e.evidence = s.span;
  out->endpoints.push_back(std::move(e));
}

// `paired`: the sentence pairs its values with its entities in order ("CR and PR were observed in eight and
// five patients, respectively").
void AddEndpoint(const DocumentAnalysis& a, const Sentence& s, const SentenceValues& values, const Mention& m,
                 const Value& v, bool paired, const Trial& trial, Trial* out) {
  Endpoint e;
  e.kind = a.ontology().endpoints.name(m.entry);
  if (v.kind == ValueKind::kPatients) {  // a bare count is a result only when it counts who achieved the endpoint
    if (paired || ((CountsAchievers(a, s, v, m) || CountsEntityRightAfter(a, v, m)) && !IsDenominator(values, v)))
      AddCount(s, values, v, std::move(e), out);
    return;
  }
  if (v.kind == ValueKind::kDuration) {
    if (!a.HasCueIn(s, "median", s.span.start, v.span.start) || !IsTimeToEvent(e.kind) || IsMedianFollowUp(a, s, v))
      return;
    e.statistic = "median";
  } else if (v.kind == ValueKind::kHazardRatio) {
    e.statistic = "hazard ratio";
  } else {
    e.timepoint = TimepointFor(a, s, m, v, values);
  }
  e.value = v.value;
  e.unit = v.kind == ValueKind::kHazardRatio ? std::nullopt : v.unit;
  e.count = v.count;
  e.of = v.of;
  if (e.count && !e.of) {
    if (values.denominator && *values.denominator >= *e.count) e.of = values.denominator;
    else if (RateOfEnrolled(trial, *e.count, e.value)) e.of = trial.enrolled;
  }
  if (!e.count && !e.of && e.unit == "%" && values.denominator && IsRateOf(*values.denominator, e.value))
    e.of = values.denominator;  // "Of 24 evaluable patients, ... an overall response rate of 12.5%"
  e.ci = v.ci;
  e.p = v.p;
  e.evidence = s.span;
  out->endpoints.push_back(e);
}

// True when the sentence's outcomes before `end` are adverse events joined
// as one list: "focal seizures and transient hemiparesis" (a word may
// qualify an item), "arthralgias/myalgias".
bool NamesOneListOfEvents(const DocumentAnalysis& a, const std::vector<Mention>& outcomes, uint32_t end) {
  static const RE2 kJoint(R"((?i)^\s*(?:/|,?\s*(?:and|or)?\s*(?:[a-z-]+\s+)?)$)");
  for (size_t i = 0; i < outcomes.size() && outcomes[i].start < end; ++i) {
    if (outcomes[i].category != Category::kAdverseEvent) return false;
    if (i == 0) continue;
    std::string_view between = a.Text(Span{outcomes[i - 1].end, outcomes[i].start});
    if (!RE2::FullMatch(re2::StringPiece(between.data(), between.size()), kJoint)) return false;
  }
  return true;
}

// A semicolon, or a comma before a word that sets a clause against the one before (rule_words.tsv clause_contrast).
std::string ContrastClausePattern(const Ontology& o) {
  return R"((?i)(;|,\s*(?:)" + o.RuleWords("clause_contrast") + R"()\b))";
}

// Where a contrasting clause opens after `from` ("..., whereas in the losartan group only one patient had edema", "; "),
// else the sentence's end.
uint32_t ContrastClauseStart(const DocumentAnalysis& a, const Sentence& s, uint32_t from) {
  const RE2& contrast = a.ontology().Regex<ContrastClausePattern>();
  std::string_view rest = a.Text(Span{from, s.span.end});
  re2::StringPiece found;
  if (!RE2::PartialMatch(re2::StringPiece(rest.data(), rest.size()), contrast, &found)) return s.span.end;
  return from + static_cast<uint32_t>(found.data() - rest.data());
}

// "Three patients developed congestive heart failure", "One patient had focal
// seizures and transient hemiparesis": a count opening the sentence is the
// event's when its verb leads straight to the event, in the same clause, and
// the sentence names no other number, and no outcome but the event or the
// list it stands in. "Eight patients had fatal adverse events, including 5
// due to infections" introduces what follows.
bool OpeningCountOfEvent(const DocumentAnalysis& a, const Sentence& s, const SentenceValues& values, const Value& v,
                         const Mention& m) {
  // A later clause's own count ("... and two had bronchiolitis", ", whereas only one patient had edema") is no other
  // number of this clause, and ends it.
  uint32_t clause_end = ContrastClauseStart(a, s, v.span.end);
  size_t numbers = std::count_if(values.values.begin(), values.values.end(),
                                 [&](const Value& x) { return !x.opens_clause && x.span.start < clause_end; });
  if (numbers != 1 || !CountsAchievers(a, s, v, m)) return false;
  for (const Value& x : values.values)
    if (x.opens_clause && x.span.start > v.span.end) clause_end = std::min(clause_end, x.span.start);
  Mention head = EventListHead(a, s, v, m);  // "One patient had nausea, diarrhoea, and vomiting": the list's commas
  std::string_view between = a.text().substr(v.span.end, head.start - v.span.end);
  return between.find_first_of(",;") == std::string_view::npos &&
         NamesOneListOfEvents(a, OutcomeMentions(a, s), clause_end);
}

// Where the report of the events before `at` ends: after the last value before it outside brackets ("Neutropenia
// grade >= 3 was seen in 15 patients, infections in 3, and seizures in 1 patient": the grade is neutropenia's
// alone), else `from`. A value in a bracket annotates its item of a list the grade may head ("adverse events of
// grade 3 or higher included pneumonia (17%), sepsis (6%)").
uint32_t AfterLastValueBefore(const DocumentAnalysis& a, const SentenceValues& values, uint32_t at, uint32_t from) {
  uint32_t start = from;
  for (const Value& x : values.values)
    if (x.span.end <= at && !a.OpenBracketBefore(start, x.span.start)) from = std::max(from, x.span.end);
  return from;
}

// A verb of the event's course right after it (rule_words.tsv event_course).
std::string EventCoursePattern(const Ontology& o) {
  return R"((?i)^\s+(?:(?:was|were|had|has|have)\s+)?(?:)" + o.RuleWords("event_course") + R"()\b)";
}

// Words of the event's course or attributed risk right before it (rule_words.tsv event_course_lead).
std::string EventCourseLeadPattern(const Ontology& o) {
  return R"((?i)\b(?:)" + o.RuleWords("event_course_lead") + R"()\s+(?:[\w-]+\s+)?$)";
}

// "Neutropenia resolved in 10 patients", "one had the seizures persist", "a complete reversal of hearing loss in 3
// patients": the numbers of an event with a word of its course count how it went, not how often it occurred.
bool TellsEventsCourse(const DocumentAnalysis& a, const Sentence& s, const Mention& m) {
  std::string_view after = a.Text(Span{m.end, s.span.end});
  std::string_view before = a.Text(Span{s.span.start, m.start});
  return RE2::PartialMatch(re2::StringPiece(after.data(), after.size()), a.ontology().Regex<EventCoursePattern>()) ||
         RE2::PartialMatch(re2::StringPiece(before.data(), before.size()), a.ontology().Regex<EventCourseLeadPattern>());
}

// A percentage written as a change (rule_words.tsv relative_change right after it, or "by" right before it).
std::string RelativeChangePattern(const Ontology& o) {
  return R"((?i)^\s*(?:%|percent)?\s*(?:)" + o.RuleWords("relative_change") + R"()\b)";
}

// "a 33% greater likelihood of decreased renal function", "a 33% increase in the risk of", "decreased the prevalence
// of delirium by 50%": a relative change of the event's risk, not the share of patients who had it. "by" after a
// verb that links a number ("reported by 10.7%") names who had the event.
bool IsRelativeChange(const DocumentAnalysis& a, const Sentence& s, const Value& v) {
  static const RE2 kByBefore(R"((?i)(\bby)\s*$)");
  if (v.kind != ValueKind::kRate) return false;
  std::string_view after = a.Text(Span{v.span.end, s.span.end});
  if (RE2::PartialMatch(re2::StringPiece(after.data(), after.size()), a.ontology().Regex<RelativeChangePattern>()))
    return true;
  std::string_view before = a.Text(Span{s.span.start, v.span.start});
  re2::StringPiece by;
  if (!RE2::PartialMatch(re2::StringPiece(before.data(), before.size()), kByBefore, &by)) return false;
  uint32_t by_start = s.span.start + static_cast<uint32_t>(by.data() - before.data());
  return !a.CueRightBefore(s, {"forward", "harm_verb"}, by_start);
}

// "in 12 diabetic subjects without autonomic neuropathy, and 5 diabetic subjects with autonomic neuropathy": a
// sentence that also names the event after "without" sorts patients by whether they have it, so its numbers count
// groups, not events.
bool SortsPatientsByEvent(const DocumentAnalysis& a, const Sentence& s, const Mention& m) {
  // "without L-dopa induced dyskinesia"; not "without evidence of nephrotoxicity", which negates the event.
  static const RE2 kWithout(R"((?i)\bwithout\s+((?:[\w-]+\s+){0,3})$)");
  static const RE2 kOf(R"((?i)\bof\b)");
  return std::any_of(s.mentions.begin(), s.mentions.end(), [&](const Mention& x) {
    std::optional<Mention> event = AsAdverseEvent(a, x);
    std::string_view before = a.Text(Span{s.span.start, x.start});
    re2::StringPiece between;
    return event && event->entry == m.entry &&
           RE2::PartialMatch(re2::StringPiece(before.data(), before.size()), kWithout, &between) &&
           !RE2::PartialMatch(between, kOf);
  });
}

// A difference noun before a value in its clause (rule_words.tsv difference_noun).
std::string DifferencePattern(const Ontology& o) {
  return R"((?i)\b(?:)" + o.RuleWords("difference_noun") + R"()\b[^,;]*$)";
}

// "The difference in the percentage of patients with a 50% reduction in their nausea was 12.6%": a difference between
// the arms, no share of patients with the event.
bool IsDifference(const DocumentAnalysis& a, const Sentence& s, const Value& v) {
  std::string_view before = a.Text(Span{s.span.start, v.span.start});
  return RE2::PartialMatch(re2::StringPiece(before.data(), before.size()), a.ontology().Regex<DifferencePattern>());
}

// "more adverse reactions (21% v. 0%) of depression, enuresis and aggression": a value in a bracket opened right after
// a generic harm noun (cues.tsv harm_noun) is the total of all the events the noun covers, none's own.
bool InHarmNounsBracket(const DocumentAnalysis& a, const Sentence& s, const Value& v) {
  static const RE2 kOpenBracket(R"(^\s*\([^()]*$)");
  return std::any_of(s.cues.begin(), s.cues.end(), [&](const Mention& cue) {
    if (a.CueRole(cue) != "harm_noun" || cue.end > v.span.start) return false;
    std::string_view between = a.Text(Span{cue.end, v.span.start});
    return RE2::FullMatch(re2::StringPiece(between.data(), between.size()), kOpenBracket);
  });
}

// "emesis (eight of the thirteen patients with nausea)": a fraction of the patients who had another event is no
// incidence; its count is the event's.
bool OfPatientsWithAnotherEvent(const DocumentAnalysis& a, const Sentence& s, const Value& v, const Mention& m) {
  static const RE2 kWith(R"((?i)^\s*(?:[\w-]+\s+)?with\s+$)");
  if (v.kind != ValueKind::kRate || !v.count) return false;
  return std::any_of(s.mentions.begin(), s.mentions.end(), [&](const Mention& x) {
    std::optional<Mention> event = AsAdverseEvent(a, x);
    if (!event || event->entry == m.entry || x.start < v.span.end) return false;
    std::string_view between = a.Text(Span{v.span.end, x.start});
    return RE2::FullMatch(re2::StringPiece(between.data(), between.size()), kWith);
  });
}

// "22 patients with atypical chest pain": a count's patients noun (rule_words.tsv count_noun), then a word that gives
// them a condition (disease_lead) and at most two words before the event.
std::string PatientsWithPattern(const Ontology& o) {
  return R"((?i)^\s+(?:[\w-]+\s+)?(?:)" + o.RuleWords("count_noun") + R"()\s+(?:)" + o.RuleWords("disease_lead") +
         R"()\s+(?:[\w-]+\s+){0,2}$)";
}

// "studied in 21 patients with variant angina and 22 patients with atypical chest pain", "in 16 patients with
// chronic tension-type headache", "curative in 95% of 43 patients with proven infection": a count after a preposition
// whose patients are "with" a disease or an event is a group the study took by the condition it came with, no count
// of an event ("All 24 patients with seizures received" is).
bool CountsPatientsWithCondition(const DocumentAnalysis& a, const Sentence& s, const Value& v) {
  static const RE2 kPreposition(R"((?i)\b(?:in|of|among|for|and)\s+$)");
  std::string_view before = a.Text(Span{s.span.start, v.span.start});
  if (!RE2::PartialMatch(re2::StringPiece(before.data(), before.size()), kPreposition)) return false;
  return std::any_of(s.mentions.begin(), s.mentions.end(), [&](const Mention& x) {
    if (x.start < v.span.end || (x.category != Category::kAdverseEvent && x.category != Category::kDisease)) return false;
    std::string_view between = a.Text(Span{v.span.end, x.start});
    return RE2::FullMatch(re2::StringPiece(between.data(), between.size()), a.ontology().Regex<PatientsWithPattern>());
  });
}

// "treated with timolol 0.5%/12h": a percentage right after a drug's name is its strength, no share of patients.
bool IsDrugStrength(const DocumentAnalysis& a, const Sentence& s, const Value& v) {
  return v.kind == ValueKind::kRate && std::any_of(s.mentions.begin(), s.mentions.end(), [&](const Mention& m) {
           return m.category == Category::kDrug && m.end <= v.span.start && Trim(a.Text(Span{m.end, v.span.start})).empty();
         });
}

// `paired`: the value is the other arm's count of the event the count before it targeted, so the tests of a count
// standing alone do not apply.
void AddAdverseEvent(const DocumentAnalysis& a, const Sentence& s, const SentenceValues& values, const Mention& m,
                     const Value& v, bool paired, Trial* out) {
  if (v.kind == ValueKind::kHazardRatio || v.kind == ValueKind::kDuration || TellsEventsCourse(a, s, m) ||
      IsRelativeChange(a, s, v) || SortsPatientsByEvent(a, s, m) || IsDrugStrength(a, s, v) ||
      IsDifference(a, s, v))
    return;
  if (v.kind == ValueKind::kPatients && !paired &&
      ((v.opens_sentence && !OpeningCountOfEvent(a, s, values, v, m)) || CountsStudyPatients(a, s, v, m) ||
       IsDenominator(values, v) || (m.start >= v.span.end && !CloseAfterCount(a, v, EventListHead(a, s, v, m))) ||
       CountsPatientsWithCondition(a, s, v)))
    return;
  // "73% (73/99) of the study participants were treated for headache": the event the patients were treated for is
  // their condition, not a harm; the predicate right after the value's subject says so.
  constexpr uint32_t kPredicate = 24;
  uint32_t subject_end = AfterSubject(a, s, v);
  if (m.start >= v.span.end && a.HasCueIn(s, "treated", subject_end, std::min(m.start, subject_end + kPredicate))) return;
  AdverseEvent ae;
  ae.name = a.ontology().adverse_events.name(m.entry);
  // "Nine patients developed acute grade II-IV GVHD, and 11 (64%) developed chronic GVHD": a count before its event
  // has its grade after it. "Neurologic events occurred in 52%, including grade 3 or higher in 13%": a grade
  // between the event and a value after it is that value's.
  if (v.span.start >= m.end) ae.grade = GradeAfterValue(a, s, v);
  if (v.span.start >= m.end && !ae.grade) ae.grade = GradeRightBefore(a.Text(Span{m.end, v.span.start}));
  if (v.span.start >= m.end && !ae.grade) ae.grade = GradeOfBracketItem(a, m, v);
  if (!ae.grade) ae.grade = GradeBefore(a, s, m, AfterLastValueBefore(a, values, m.start, s.span.start));
  ae.evidence = s.span;
  // The event is named; the total beside it is not its own number.
  if (InHarmNounsBracket(a, s, v)) {
    out->adverse_events.push_back(ae);
    return;
  }
  bool subgroup_count = OfPatientsWithAnotherEvent(a, s, v, m);
  ae.value = subgroup_count ? *v.count : v.value;
  ae.unit = subgroup_count ? std::optional<std::string>("patients") : v.unit;
  out->adverse_events.push_back(ae);
}

// "All 20 patients responded", "All 12 patients achieved CR": the whole group
// has what follows it straight away or through its verb; not "All 20 patients
// were evaluable, and the CR rate was 45%".
bool WholeGroupHas(const DocumentAnalysis& a, const Sentence& s, const Value& v, const Mention& m) {
  return CountsAchievers(a, s, v, m) || (m.start >= v.span.end && Trim(a.Text(Span{v.span.end, m.start})).empty());
}

void AddOutcome(const DocumentAnalysis& a, const Sentence& s, const SentenceValues& values, const Mention& m,
                const Value& v, bool paired, Trial* trial) {
  if (v.whole_group && !WholeGroupHas(a, s, v, m)) return;
  if (m.category == Category::kEndpoint) AddEndpoint(a, s, values, m, v, paired, *trial, trial);
  else AddAdverseEvent(a, s, values, m, v, paired, trial);
}

// True when only list separators stand between two items: "neutropenia, thrombocytopenia and anemia",
// "91%, 85% and 57%", "10 (25%) and 5 (12%)"; not "myalgia/arthralgia" nor "63.2% of patients, but only 14.3%".
bool OnlyListSeparators(const DocumentAnalysis& a, uint32_t start, uint32_t end) {
  static const RE2 kSeparators(R"(^[\s,%()]*(?:and|or)?[\s,%()]*$)");
  std::string_view between = a.text().substr(start, end - start);
  return RE2::FullMatch(re2::StringPiece(between.data(), between.size()), kSeparators);
}

// True when the sentence gives its values to the entities before them in
// order: "CR and PR rates were 40% and 30%, respectively", or a list of as
// many values of one kind as a list of entities, with no other entity
// ("Grade 3-4 neutropenia, thrombocytopenia and anemia occurred in 91%, 85%
// and 57%"; not "Median OS and EFS were 20 vs 12 months").
bool PairsInOrder(const DocumentAnalysis& a, const Sentence& s, const std::vector<const Mention*>& leading,
                  size_t outcomes, const std::vector<Value>& values) {
  if (leading.size() < 2 || values.size() < leading.size()) return false;
  if (a.HasCue(s, "respectively")) return true;
  if (values.size() != leading.size() || outcomes != leading.size()) return false;
  for (size_t i = 1; i < leading.size(); ++i)
    if (values[i].kind != values[0].kind || !OnlyListSeparators(a, leading[i - 1]->end, leading[i]->start) ||
        !OnlyListSeparators(a, values[i - 1].span.end, values[i].span.start))
      return false;
  return true;
}

// How many of the values PairsInOrder gives to the leading entities: every one when each arm lists a value per entity
// in their order ("hypertension and oedema ... with etoricoxib (2.5% and 1.1% respectively) compared with diclofenac
// (1.5% and 0.4% respectively)"), else one per entity.
size_t PairedValueCount(const std::vector<const Mention*>& leading, const std::vector<Value>& values) {
  return values.size() % leading.size() == 0 ? values.size() : leading.size();
}

// True when `prefix` ends in a grade and a joint, so the number after it is
// the next grade: "grade 3 and " (4), "grades 2, " (3).
bool ClosesGradeList(std::string_view prefix) {
  static const RE2 kGradeJoint(R"((?i)\bgrades?\s*(?:\d|[IV]+)\s*(?:,|and|or|to|-|/)\s*$)");
  return RE2::PartialMatch(re2::StringPiece(prefix.data(), prefix.size()), kGradeJoint);
}

// A count written bare before the endpoint or adverse event it counts.
struct ListedCount {
  Span span;
  int count = 0;
  const Mention* entity = nullptr;

  Value AsValue() const {
    Value v;
    v.kind = ValueKind::kPatients;
    v.span = span;
    v.count = count;
    v.value = count;
    v.unit = "patients";
    return v;
  }
};

// A number ending the text, after a separator or one of `words` (an RE2 alternation).
std::string NumberAfter(const std::string& words) {
  return R"((?i)(?:^|[,:;(]\s*|\b)" + words + R"(\s+)(\d+|)" + NumberWordAlternation() + R"()\s+$)";
}

// A count listed before an outcome (rule_words.tsv count_lead).
std::string ListedCountPattern(const Ontology& o) { return NumberAfter(o.RuleWords("count_lead")); }

// A count listed before an event, also after a verb of occurrence (rule_words.tsv count_lead, event_count_lead).
std::string ListedEventsPattern(const Ontology& o) {
  return NumberAfter("(?:" + o.RuleWords("count_lead") + "|" + o.RuleWords("event_count_lead") + ")");
}

// "Responses included 10 CR and 5 PR", "(12 CR, 5 PR)", "with one PR": a bare
// number listed right before an endpoint counts the patients who reached it.
// Only in a list ("grade 3 CR", "day 28 CR rate" are no counts), and not of
// time-to-event endpoints ("with 45 OS events"). Events are counted so also
// after a verb of occurrence, in digits or words: "the occurrence of four
// thromboembolic events", "developed 2 infections".
std::vector<ListedCount> ListedCounts(const DocumentAnalysis& a, const Sentence& s,
                                      const std::vector<const Mention*>& outcomes, const SentenceValues& values) {
  const RE2& listed_count = a.ontology().Regex<ListedCountPattern>();
  const RE2& listed_events = a.ontology().Regex<ListedEventsPattern>();
  std::vector<ListedCount> listed;
  for (const Mention* m : outcomes) {
    bool event = m->category == Category::kAdverseEvent;
    if (!event && IsTimeToEvent(a.ontology().endpoints.name(m->entry))) continue;
    std::string_view prefix = a.text().substr(s.span.start, m->start - s.span.start);
    re2::StringPiece number;
    if (!RE2::PartialMatch(re2::StringPiece(prefix.data(), prefix.size()), event ? listed_events : listed_count, &number))
      continue;
    uint32_t start = s.span.start + static_cast<uint32_t>(number.data() - prefix.data());
    if (ClosesGradeList(a.text().substr(s.span.start, start - s.span.start))) continue;  // "grade 3 and 4 neurologic events"
    Span span{start, start + static_cast<uint32_t>(number.size())};
    if (std::any_of(values.values.begin(), values.values.end(), [&](const Value& x) { return Gap(x.span, span) == 0; }))
      continue;
    std::optional<int> count = ParseCount(std::string_view(number.data(), number.size()));
    if (count) listed.push_back({span, *count, m});
  }
  return listed;
}

// "Neutropenia was seen in 15 patients, infections with recovery in 3, and seizures in 1 patient", "three patients
// experienced toxicity; confusion (1), nausea (1)": a later item of a list of events counted in patients may leave
// the noun out. A bare number after "in", or alone in a bracket right after the event, closing the item (a comma,
// "and" or the sentence's end follows) then counts the patients with the event, when a patient count comes before.
void AddElidedEventCounts(const DocumentAnalysis& a, const Sentence& s, const std::vector<const Mention*>& outcomes,
                          const SentenceValues& values, std::vector<ListedCount>* listed) {
  static const RE2 kElided(R"((?i)^(?:(?:\s+[a-z-]+){0,3}?\s+in\s+(\d+|)" + NumberWordAlternation() +
                           R"()\s*(?:[,;.]|and\b|$)|\s*\((\d+)\)\s*(?:[,;.]|and\b|$)))");
  for (const Mention* m : outcomes) {
    if (m->category != Category::kAdverseEvent) continue;
    // "Seven out of 12 subjects experienced headache ... and nausea in one": a rate with its count counts patients too.
    bool counted_before = std::any_of(values.values.begin(), values.values.end(), [&](const Value& v) {
      return (v.kind == ValueKind::kPatients || v.count) && v.span.end <= m->start;
    });
    std::string_view after = a.Text(Span{m->end, s.span.end});
    re2::StringPiece in_words, in_bracket;
    if (!counted_before || !RE2::PartialMatch(re2::StringPiece(after.data(), after.size()), kElided, &in_words, &in_bracket))
      continue;
    re2::StringPiece number = in_words.empty() ? in_bracket : in_words;
    uint32_t start = m->end + static_cast<uint32_t>(number.data() - after.data());
    Span span{start, start + static_cast<uint32_t>(number.size())};
    bool taken = std::any_of(values.values.begin(), values.values.end(), [&](const Value& x) { return Gap(x.span, span) == 0; }) ||
                 std::any_of(listed->begin(), listed->end(), [&](const ListedCount& c) { return Gap(c.span, span) == 0; });
    std::optional<int> count = ParseCount(std::string_view(number.data(), number.size()));
    if (!taken && count) listed->push_back({span, *count, m});
  }
}

// The spans of the sentence's values and listed counts, in one list: index
// i < values.size() is values[i], the rest are listed[i - values.size()].
std::vector<Span> ValueSpans(const std::vector<Value>& values, const std::vector<ListedCount>& listed) {
  std::vector<Span> spans;
  for (const Value& v : values) spans.push_back(v.span);
  for (const ListedCount& c : listed) spans.push_back(c.span);
  return spans;
}

// Keeps the items of `items` whose flag in `drop` (from `offset` on) is false.
template <typename T>
void KeepUnflagged(std::vector<T>* items, const std::vector<bool>& drop, size_t offset) {
  std::vector<T> kept;
  for (size_t i = 0; i < items->size(); ++i)
    if (!drop[offset + i]) kept.push_back(std::move((*items)[i]));
  *items = std::move(kept);
}

// "The CR rate was 54%, compared with 30% in historical controls", "versus a
// historical 4.7 months", "compared with 9 CR in historical controls": the
// value or listed count nearest a historical cue in its clause is an
// external figure; the sentence's other values stay results.
void DropHistoricalValues(const DocumentAnalysis& a, const Sentence& s, SentenceValues* values,
                          std::vector<ListedCount>* listed) {
  std::vector<Span> spans = ValueSpans(values->values, *listed);
  std::vector<bool> historical(spans.size(), false);
  for (const Mention& cue : s.cues) {
    if (a.CueRole(cue) != "historical") continue;
    const Span cue_span{cue.start, cue.end};
    std::optional<size_t> nearest;
    for (size_t i = 0; i < spans.size(); ++i) {
      // A value overlapping the cue ("9 of 30 historical controls") is its own: nothing stands between.
      if (Gap(cue_span, spans[i]) > 0) {
        Span between = spans[i].end <= cue.start ? Span{spans[i].end, cue.start} : Span{cue.end, spans[i].start};
        if (a.text().substr(between.start, between.end - between.start).find_first_of(",;") != std::string_view::npos)
          continue;  // another clause
      }
      if (!nearest || Gap(cue_span, spans[i]) < Gap(cue_span, spans[*nearest])) nearest = i;
    }
    if (nearest) historical[*nearest] = true;
  }
  size_t value_count = values->values.size();
  KeepUnflagged(&values->values, historical, 0);
  KeepUnflagged(listed, historical, value_count);
}

// "In the subgroup with MRD negativity, 2-year OS was 90%", "80% in the
// subgroup of younger patients": a subgroup's values are not the trial's
// results. The subgroup is named before the value, or right after it.
void DropSubgroupValues(const DocumentAnalysis& a, const Sentence& s, SentenceValues* values) {
  constexpr uint32_t kRightAfter = 12;  // "80% in the subgroup"
  auto of_subgroup = [&](const Value& v) {
    return std::any_of(s.cues.begin(), s.cues.end(), [&](const Mention& cue) {
      return a.CueRole(cue) == "subgroup" &&
             (cue.end <= v.span.start || (cue.start >= v.span.end && cue.start - v.span.end <= kRightAfter));
    });
  };
  std::erase_if(values->values, of_subgroup);
}

// "Four were already in complete remission at enrolment", "At baseline, 12
// (20%) had CNS disease": a count of the state patients entered with is no
// result. A baseline cue takes the value nearest before it, with no other
// value between, or every value when it opens the sentence.
void DropBaselineValues(const DocumentAnalysis& a, const Sentence& s, SentenceValues* values) {
  constexpr uint32_t kNear = 40;  // "Four were already in"
  std::vector<Value>& all = values->values;
  for (const Mention& cue : s.cues) {
    if (a.CueRole(cue) != "baseline") continue;
    if (cue.start == s.span.start) return all.clear();
    auto before = std::find_if(all.rbegin(), all.rend(), [&](const Value& v) { return v.span.end <= cue.start; });
    if (before != all.rend() && cue.start - before->span.end <= kNear) all.erase(std::next(before).base());
  }
}

// What stands between two arms' values: the first's group, after its patient noun ("6 patients in the A group and"),
// then a contrast (rule_words.tsv rate_base, arm_group, arm_contrast).
std::string ArmContrastPattern(const Ontology& o) {
  return R"((?i)^[\s)%]*(?:(?:)" + o.RuleWords("rate_base") + R"()\s+)?(?:(?:in|of)\s+the\s+)" + ArmGroupWords(o) +
         R"(\s*)?,?\s*)" + o.RuleWords("arm_contrast") + R"(\s+$)";
}

// True when only an arm contrast stands between two values: "Thirteen
// patients (9%) in the GO arm and 6 (4%) in the control arm died of
// infection", "Five of 33 (15%) of the tobramycin-treated patients and 16 of 29 (55.2%) of the gentamicin-treated
// patients had renal failure", "40% vs 30%". The first then shares the entity the second links to.
bool JoinedByArmContrast(const DocumentAnalysis& a, const Value& v, const Value& next) {
  std::string_view between = a.text().substr(v.span.end, next.span.start - v.span.end);
  return RE2::FullMatch(re2::StringPiece(between.data(), between.size()), a.ontology().Regex<ArmContrastPattern>());
}

// "..., two achieved a CR and one had a PR": a bare number opening a clause
// counts patients only when its verb follows ("two of them had"); not
// "and 2 cycles were needed".
void DropClauseCountsWithoutVerb(const DocumentAnalysis& a, const Sentence& s, SentenceValues* values) {
  static const RE2 kOfThem(R"((?i)^\s*(?:of\s+(?:them|these|those)\s*)?$)");
  auto verb_follows = [&](const Value& v) {
    return std::any_of(s.cues.begin(), s.cues.end(), [&](const Mention& cue) {
      std::string_view between = cue.start >= v.span.end ? a.Text(Span{v.span.end, cue.start}) : std::string_view("-");
      return a.CueRole(cue) == "forward" && RE2::FullMatch(re2::StringPiece(between.data(), between.size()), kOfThem);
    });
  };
  std::vector<Value>& all = values->values;
  all.erase(std::remove_if(all.begin(), all.end(), [&](const Value& v) { return v.opens_clause && !verb_follows(v); }),
            all.end());
}

// "without side effects such as sedation, apnea, nausea, or pruritus", "no serious adverse events such as": the
// harms a negated harm noun introduces did not occur.
bool NegatedHarmNoun(const DocumentAnalysis& a, const Sentence& s, const Mention& noun) {
  constexpr uint32_t kReach = 24;  // "without any serious side effects"
  return a.CueShortlyBefore(s, {"negation", "not_given"}, noun.start, kReach);
}

// The first cue that starts at most `reach` bytes after `from` and that `accepts(role, between)`, `between` being
// the text from `from` to the cue; nullptr when there is none. The harm lists' cue pairs (a harm noun, then its
// verb; a verb, then its harm noun) are each found from the end of the first.
template <typename Accepts>
const Mention* CueShortlyAfter(const DocumentAnalysis& a, const Sentence& s, uint32_t from, uint32_t reach,
                               Accepts accepts) {
  for (const Mention& cue : s.cues)
    if (cue.start >= from && cue.start - from <= reach && accepts(a.CueRole(cue), a.Text(Span{from, cue.start})))
      return &cue;
  return nullptr;
}

// Where the sentence opens a list of the study's harms: the end of the list
// verb after a harm noun ("Grade 3-4 adverse effects included", "The most
// common toxicities encountered were"), in the same clause; nullopt when it
// opens none. A harm noun inside an event's name ("hepatic toxicity") is the
// event.
std::optional<uint32_t> HarmListOpening(const DocumentAnalysis& a, const Sentence& s, const std::vector<Mention>& outcomes) {
  constexpr uint32_t kMaxNounToVerb = 40;  // "side effects attributable to the drug included"
  auto list_verb = [](std::string_view role, std::string_view between) {
    // "side effects, particularly tremor": examples may follow the noun's comma
    if (role == "harm_examples") return Trim(between).empty() || Trim(between) == ",";
    return between.find_first_of(",;:") == std::string_view::npos &&
           (role == "harm_verb" || role == "forward" || role == "enrolled");
  };
  for (const Mention& noun : s.cues) {
    if (a.CueRole(noun) != "harm_noun" || NegatedHarmNoun(a, s, noun) ||
        std::any_of(outcomes.begin(), outcomes.end(), [&](const Mention& m) { return m.start <= noun.start && noun.end <= m.end; }))
      continue;
    if (const Mention* verb = CueShortlyAfter(a, s, noun.end, kMaxNounToVerb, list_verb)) return verb->end;
  }
  return std::nullopt;
}

// True when the sentence cites references ("[17-19]", "[20, 21]"): what it
// reports is their finding.
bool CitesReferences(const DocumentAnalysis& a, const Sentence& s) {
  static const RE2 kCitation(R"(\[\d+(?:\s*[-–,]\s*\d+)*\])");
  std::string_view text = a.Text(s.span);
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), kCitation);
}

// Where a list of events the sentence names as the study's harms ends: at
// the verb right after the list (one that links a number, or of occurrence: cues.tsv forward, harm_verb) when a
// harm noun follows it in the clause ("Somnolence and constipation were prominent toxicities") or a word of
// frequency follows it right away ("Drowsiness was common", "Impotence occurred more frequently"); nullopt when
// no such list opens the sentence.
std::optional<uint32_t> HarmListClosing(const DocumentAnalysis& a, const Sentence& s, const std::vector<Mention>& outcomes) {
  constexpr uint32_t kMaxVerbToNoun = 30;  // "were the most prominent"
  auto harm_word = [](std::string_view role, std::string_view between) {
    return between.find_first_of(",;:(") == std::string_view::npos &&
           (role == "harm_noun" || (role == "harm_frequency" && Trim(between).empty()));
  };
  if (outcomes.empty() || outcomes.front().category != Category::kAdverseEvent) return std::nullopt;
  for (const Mention& verb : s.cues) {
    std::string_view role = a.CueRole(verb);
    if ((role != "forward" && role != "harm_verb") || verb.start < outcomes.front().end) continue;
    if (!NamesOneListOfEvents(a, outcomes, verb.start) || a.HasCueIn(s, "negation", s.span.start, verb.start)) return std::nullopt;
    if (CueShortlyAfter(a, s, verb.end, kMaxVerbToNoun, harm_word)) return verb.start;
    return std::nullopt;
  }
  return std::nullopt;
}

// "The incidences of headache, dizziness, and diarrhea were similar": a word of incidence right before an event
// (rule_words.tsv incidence_lead); the verdict after the list (incidence_verdict) says the arms were compared on them.
std::string IncidenceLeadPattern(const Ontology& o) {
  return R"((?i)\b(?:)" + o.RuleWords("incidence_lead") + R"()\s+of\s+$)";
}
std::string IncidenceVerdictPattern(const Ontology& o) {
  return R"((?i)^\s*(?:was|were)\s+(?:)" + o.RuleWords("incidence_verdict") + R"()\b)";
}
// "the most frequent of which (nausea and headache)": a word of frequency (cues.tsv harm_frequency) and a link
// (rule_words.tsv frequency_link) right before the first event.
std::string FrequencyLinkPattern(const Ontology& o) {
  return R"((?i)^\s*(?:)" + o.RuleWords("frequency_link") + R"()?\s*[(:]?\s*$)";
}

bool LedByFrequency(const DocumentAnalysis& a, const Sentence& s, const Mention& m) {
  return std::any_of(s.cues.begin(), s.cues.end(), [&](const Mention& cue) {
    if (a.CueRole(cue) != "harm_frequency" || cue.end > m.start) return false;
    std::string_view link = a.Text(Span{cue.end, m.start});
    return RE2::FullMatch(re2::StringPiece(link.data(), link.size()), a.ontology().Regex<FrequencyLinkPattern>());
  });
}

// The events of a list led by a word of frequency, or by a word of incidence when a verdict follows the list: the
// first, and those joined to it by list separators only. The study counted them, whether or not it gives numbers
// (not "to assess ... the incidence of HBV reactivation", "A higher incidence of neurologic events was reported").
std::vector<const Mention*> IncidenceList(const DocumentAnalysis& a, const Sentence& s, const std::vector<Mention>& outcomes) {
  std::vector<const Mention*> list;
  for (const Mention& m : outcomes) {
    if (!list.empty() && m.category == Category::kAdverseEvent && OnlyListSeparators(a, list.back()->end, m.start)) {
      list.push_back(&m);
      continue;
    }
    if (!list.empty()) break;
    std::string_view before = a.Text(Span{s.span.start, m.start});
    bool incidence =
        RE2::PartialMatch(re2::StringPiece(before.data(), before.size()), a.ontology().Regex<IncidenceLeadPattern>());
    if (m.category == Category::kAdverseEvent && (incidence || LedByFrequency(a, s, m))) list.push_back(&m);
  }
  if (list.empty() || LedByFrequency(a, s, *list.front())) return list;
  std::string_view after = a.Text(Span{list.back()->end, s.span.end});
  if (!RE2::PartialMatch(re2::StringPiece(after.data(), after.size()), a.ontology().Regex<IncidenceVerdictPattern>()))
    list.clear();
  return list;
}

// "Grade 3-4 adverse effects included myelosuppression, fatigue and dyspnea",
// "Somnolence and constipation were prominent toxicities": the events a
// sentence lists as the study's harms, each with its grade, numbers or not;
// after the opening up to a negation ("no neutropenia") or the clause's end,
// or before the closing; else a list led by its incidence or frequency.
void AddListedHarms(const DocumentAnalysis& a, const Sentence& s, const std::vector<Mention>& outcomes,
                    std::vector<AdverseEvent>* out) {
  if (CitesReferences(a, s)) return;
  auto add = [&](const Mention& m) {
    AdverseEvent ae;
    ae.name = a.ontology().adverse_events.name(m.entry);
    ae.grade = GradeBefore(a, s, m, s.span.start);
    ae.evidence = s.span;
    out->push_back(ae);
  };
  if (std::optional<uint32_t> opening = HarmListOpening(a, s, outcomes)) {
    for (const Mention& m : outcomes) {
      if (m.start < *opening || m.category != Category::kAdverseEvent) continue;
      if (SemicolonBetween(a, *opening, m.start) || a.HasCueIn(s, "negation", *opening, m.start) ||
          a.HasCueIn(s, "not_given", *opening, m.start))
        break;
      add(m);
    }
  } else if (std::optional<uint32_t> closing = HarmListClosing(a, s, outcomes)) {
    for (const Mention& m : outcomes) {
      if (m.start >= *closing) break;
      add(m);
    }
  } else {
    for (const Mention* m : IncidenceList(a, s, outcomes)) add(*m);
  }
}

// Where what values[i] describes must stand before: the next value or listed count ("in 12 of 20 patients,
// including 8 complete remissions"), else the sentence's end.
uint32_t ReachEnd(const Sentence& s, const std::vector<Value>& values, size_t i, const std::vector<ListedCount>& listed) {
  uint32_t end = i + 1 < values.size() ? values[i + 1].span.start : s.span.end;
  for (const ListedCount& c : listed)
    if (c.span.start >= values[i].span.end) end = std::min(end, c.span.start);
  return end;
}

// Gives each value the outcomes it describes, in text order.
void LinkValues(const DocumentAnalysis& a, const Sentence& s, const SentenceValues& values,
                const std::vector<const Mention*>& outcomes, const std::vector<ListedCount>& listed, Trial* trial) {
  const Mention* previous = nullptr;
  const Value* untargeted = nullptr;  // a value that described nothing, which the next may carry along
  for (size_t i = 0; i < values.values.size(); ++i) {
    const Value& v = values.values[i];
    uint32_t next = ReachEnd(s, values.values, i, listed);
    // "occurred in 4 patients assigned to group I and 7 assigned to group II": the other arm's count is of the same
    // entity, paired with it as the first count is.
    bool paired = v.other_arm && previous;
    std::vector<const Mention*> targets;
    if (paired) targets = {previous};
    else targets = TargetsOf(a, s, v, outcomes, next, previous);
    // "Seven out of 12 subjects experienced headache ... and nausea in one": an entity after the value that has its
    // own count listed after it is counted there.
    std::erase_if(targets, [&](const Mention* m) {
      return m->start >= v.span.end &&
             std::any_of(listed.begin(), listed.end(), [&](const ListedCount& c) { return c.entity == m && c.span.start >= m->end; });
    });
    // Only through a linking verb: "akathisia (33.3% versus 5.9%), tremor (30.3%" shares nothing.
    bool shared = untargeted && JoinedByArmContrast(a, *untargeted, v) && LinksForward(a, s, v, next);
    for (const Mention* m : targets) {
      // "Six patients in the A group and two in the B group developed headache": the shared value is the other
      // arm's count of what this one counts, so the tests of a count standing alone do not apply.
      if (shared) AddOutcome(a, s, values, *m, *untargeted, /*paired=*/true, trial);
      AddOutcome(a, s, values, *m, v, paired, trial);
    }
    previous = targets.size() == 1 ? targets.front() : nullptr;
    untargeted = targets.empty() ? &v : nullptr;
  }
}

void AddListedCounts(const DocumentAnalysis& a, const Sentence& s, const SentenceValues& values,
                     const std::vector<ListedCount>& listed, Trial* trial) {
  for (const ListedCount& c : listed) {
    if (c.entity->category == Category::kAdverseEvent)
      AddAdverseEvent(a, s, values, *c.entity, c.AsValue(), /*paired=*/false, trial);
    else AddCount(s, values, c.AsValue(), Endpoint{a.ontology().endpoints.name(c.entity->entry)}, trial);
  }
}

// `listed_harms`: the events the sentence lists as harms without numbers (AddListedHarms).
void ScanSentence(const DocumentAnalysis& a, const Sentence& s, Trial* trial, std::vector<AdverseEvent>* listed_harms) {
  std::vector<Mention> found = OutcomeMentions(a, s);
  if (found.empty()) return;
  std::vector<const Mention*> outcomes;
  for (const Mention& m : found) outcomes.push_back(&m);
  AddListedHarms(a, s, found, listed_harms);
  SentenceValues values = ScanValues(a.text(), Span{s.span.start, s.study_end}, a.ontology());
  DropClauseCountsWithoutVerb(a, s, &values);
  DropBaselineValues(a, s, &values);
  std::vector<ListedCount> listed = ListedCounts(a, s, outcomes, values);
  AddElidedEventCounts(a, s, outcomes, values, &listed);
  DropHistoricalValues(a, s, &values, &listed);
  DropSubgroupValues(a, s, &values);
  AddListedCounts(a, s, values, listed, trial);
  if (values.values.empty()) return;
  std::vector<const Mention*> leading;
  for (const Mention* m : outcomes)
    if (m->end <= values.values.front().span.start) leading.push_back(m);
  if (PairsInOrder(a, s, leading, outcomes.size(), values.values)) {
    for (size_t i = 0; i < PairedValueCount(leading, values.values); ++i)
      AddOutcome(a, s, values, *leading[i % leading.size()], values.values[i], true, trial);
    return;
  }
  LinkValues(a, s, values, outcomes, listed, trial);
}

// Values reported for two arms in one breath ("85% vs. 68%") belong to the
// arms in order.
void AssignArms(Trial* trial) {
  if (trial->arms.size() < 2) return;
  for (size_t i = 0; i + 1 < trial->endpoints.size(); ++i) {
    Endpoint& x = trial->endpoints[i];
    Endpoint& y = trial->endpoints[i + 1];
    if (x.evidence == y.evidence && x.kind == y.kind && x.statistic == y.statistic && x.timepoint == y.timepoint &&
        x.statistic != "hazard ratio" && !x.arm) {
      x.arm = 0;
      y.arm = 1;
    }
  }
}

// The primary endpoint is named where the study states its aim, which may
// read as background ("The aim of this study ... primary objective", "This
// phase II study aimed to achieve a complete response rate of 75%").
void MarkPrimary(const DocumentAnalysis& a, Trial* trial) {
  std::set<std::string> primary_kinds;
  for (const Sentence& sentence : a.sentences()) {
    const Sentence* s = &sentence;
    const Mention* cue = nullptr;
    for (const Mention& c : s->cues)
      if (a.CueRole(c) == "primary") cue = &c;
    if (!cue) continue;
    for (const Mention& m : s->mentions)
      if (m.category == Category::kEndpoint && m.start >= cue->end) {
        primary_kinds.insert(a.ontology().endpoints.name(m.entry));
        break;
      }
  }
  // Of the kind's values, the primary one is reported with its test: a hazard ratio first, then a value with its
  // confidence interval ("a CR rate of 89% (47/53; 95% CI 77-96%)" rather than the CR rate after induction). The
  // other arms' values of that result, in its sentence, are primary too ("The 4-month PFS rate was comparable for
  // both groups (EE, 18% v EP, 20%)").
  auto weight = [](const Endpoint& e) { return 2 * (e.statistic == "hazard ratio") + e.ci.has_value(); };
  auto same_result = [](const Endpoint& x, const Endpoint& y) {
    return x.kind == y.kind && x.evidence == y.evidence && x.statistic == y.statistic && x.timepoint == y.timepoint;
  };
  for (const std::string& kind : primary_kinds) {
    const Endpoint* chosen = nullptr;
    for (const Endpoint& e : trial->endpoints)
      if (e.kind == kind && (!chosen || weight(e) > weight(*chosen))) chosen = &e;
    if (!chosen) continue;
    const Endpoint primary = *chosen;
    for (Endpoint& e : trial->endpoints)
      if (same_result(e, primary)) e.primary = true;
  }
}

// Whether the `count` endpoint's patients can be what `rate` measures: a
// count of the rate's stated denominator, else of the count's own ("24
// patients were evaluable for response with one partial response ... (4%)"),
// else of the enrolment when that is known.
bool CountFitsRate(const Trial& trial, const Endpoint& count, const Endpoint& rate) {
  std::optional<int> of = rate.of ? rate.of : count.of;
  if (of && *of > 0) return std::fabs(100.0 * *count.count / *of - rate.value) <= 1.0;
  return !trial.enrolled || RateOfEnrolled(trial, *count.count, rate.value);
}

// "Fourteen patients achieved CR, for a CR rate of 35%": the count and the
// rate of one endpoint in one sentence are one result, the rate with its
// count, when the numbers agree. A count that is the rate's group ("in all
// 53 patients was a CR rate of 89% (47/53)") is no result of its own.
void MergeCountsIntoRates(Trial* trial) {
  std::vector<Endpoint>& endpoints = trial->endpoints;
  std::vector<bool> merged(endpoints.size(), false);
  for (size_t i = 0; i < endpoints.size(); ++i) {
    const Endpoint& count = endpoints[i];
    if (count.statistic != "count") continue;
    for (Endpoint& rate : endpoints) {
      if (rate.statistic != "rate" || rate.kind != count.kind || rate.evidence != count.evidence) continue;
      if (rate.of == count.count && rate.count != count.count) {
        merged[i] = true;
        break;
      }
      if ((!rate.count || rate.count == count.count) && CountFitsRate(*trial, count, rate)) {
        rate.count = count.count;
        if (!rate.of) rate.of = count.of;
        if (!rate.of && RateOfEnrolled(*trial, *count.count, rate.value)) rate.of = trial->enrolled;
        merged[i] = true;
        break;
      }
    }
  }
  std::vector<Endpoint> kept;
  for (size_t i = 0; i < endpoints.size(); ++i)
    if (!merged[i]) kept.push_back(std::move(endpoints[i]));
  endpoints = std::move(kept);
}

// Drops the items `dominated` says another item of the list reports more fully.
template <typename T, typename Dominated>
void DropDominated(std::vector<T>* items, Dominated dominated) {
  std::vector<T> kept;
  for (const T& x : *items)
    if (std::none_of(items->begin(), items->end(), [&](const T& y) { return &x != &y && dominated(x, y); }))
      kept.push_back(x);
  *items = std::move(kept);
}

template <typename T, typename Key>
void Deduplicate(std::vector<T>* items, Key key) {
  std::set<decltype(key(items->front()))> seen;
  items->erase(std::remove_if(items->begin(), items->end(), [&](const T& x) { return !seen.insert(key(x)).second; }),
               items->end());
}

// "Participants in the trial for mild hypertension": the disease the patients were enrolled with is their condition,
// not a harm of the treatment, wherever a number stands near its name.
void DropEnrolledDiseases(Trial* trial) {
  std::erase_if(trial->adverse_events, [&](const AdverseEvent& e) {
    return std::any_of(trial->populations.begin(), trial->populations.end(), [&](const Population& p) {
      return ontology::LowerCaseName(p.disease) == ontology::LowerCaseName(e.name);
    });
  });
}

// A P value ("p = 0.15", "P<0.001") or a word of statistical significance (rule_words.tsv significance).
std::string SignificancePattern(const Ontology& o) {
  return R"((?i)(?:\bp\s*(?:=|<|>|≤)\s*0?\.\d|\b(?:)" + o.RuleWords("significance") + R"()\b))";
}

// "Twenty-three patients (38%) and 15 (26%) discontinued therapy (p = 0.15)", "the difference was not statistically
// significant": a document that tests differences between its own groups reports results, though none of its
// numbers be an endpoint's or an event's.
bool TestsItsResults(const DocumentAnalysis& a) {
  return std::any_of(a.study_sentences().begin(), a.study_sentences().end(), [&](const Sentence* s) {
    std::string_view text = a.Text(s->span);
    return !s->is_title &&
           RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), a.ontology().Regex<SignificancePattern>());
  });
}

}  // namespace

void ExtractOutcomes(const DocumentAnalysis& a, Trial* trial) {
  if (a.plans_only()) return;
  std::vector<AdverseEvent> listed;
  for (const Sentence* s : a.study_sentences())
    if (!s->is_title) ScanSentence(a, *s, trial, &listed);
  // A document with no number of its own ("Major adverse events observed during nilotinib therapy were cytopenias
  // ...", in a registry summary) lists harms that others reported.
  if (!trial->endpoints.empty() || !trial->adverse_events.empty() || TestsItsResults(a))
    trial->adverse_events.insert(trial->adverse_events.end(), listed.begin(), listed.end());
  MergeCountsIntoRates(trial);
  // Equal values with different confidence intervals are different results ("1-year overall survival was 74% (95%
  // CI 63-82)", "... 71% [95% CI 58-81] vs 74% [61-83]" for another cohort).
  if (!trial->endpoints.empty())
    Deduplicate(&trial->endpoints, [](const Endpoint& e) {
      return std::make_tuple(e.kind, e.statistic, e.value, e.timepoint.value_or(""), e.count.value_or(-1),
                             e.ci.value_or(std::make_pair(0.0, 0.0)));
    });
  // "Eighty-nine percent achieved CR" (in the conclusion) repeats "a CR rate of 89% (47/53)"; in one sentence, a
  // second 40% is the other arm's. A repeat without the count or interval another sentence gives is that result.
  // A listed event repeats one with numbers.
  // Dominated means y has all x has of count and interval and more, so two results that each have what the other
  // lacks both stay.
  DropDominated(&trial->endpoints, [](const Endpoint& x, const Endpoint& y) {
    bool covers = (!x.count || y.count) && (!x.ci || y.ci);
    bool fuller = x.count.has_value() + x.ci.has_value() < y.count.has_value() + y.ci.has_value();
    return covers && fuller && x.kind == y.kind && x.statistic == y.statistic && x.value == y.value &&
           x.timepoint == y.timepoint && x.evidence != y.evidence;
  });
  DropDominated(&trial->adverse_events,
                [](const AdverseEvent& x, const AdverseEvent& y) { return !x.value && y.value && x.name == y.name; });
  DropEnrolledDiseases(trial);
  if (!trial->adverse_events.empty())
    Deduplicate(&trial->adverse_events, [](const AdverseEvent& e) {
      return std::make_tuple(e.name, e.grade.value_or(""), e.value.value_or(-1));
    });
  AssignArms(trial);
  MarkPrimary(a, trial);
}

}  // namespace trialgraph::ingest
