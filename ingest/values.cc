#include "ingest/values.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "ingest/numbers.h"

namespace trialgraph::ingest {

namespace {

using ontology::IsDigit;
using ontology::Ontology;
using Groups = std::vector<re2::StringPiece>;

// Calls `visit` for every non-overlapping match of `re` in `s`.
void ForEachMatch(const RE2& re, std::string_view s, const std::function<void(const Groups&)>& visit) {
  int n = re.NumberOfCapturingGroups() + 1;
  Groups groups(n);
  size_t pos = 0;
  re2::StringPiece input(s.data(), s.size());
  while (pos <= s.size() && re.Match(input, pos, s.size(), RE2::UNANCHORED, groups.data(), n)) {
    visit(groups);
    size_t end = groups[0].data() - s.data() + groups[0].size();
    pos = end > pos ? end : pos + 1;
  }
}

// True when a comparative or a grade word ends right before text[at]: the
// number there is a threshold ("less than 5 percent marrow blasts", "within 20% of normal"); or a
// deviation sign: it is an error ("58% ± 5%"); or a minus sign: it is a difference ("Delta=-6.7%"). PubMed writes
// "≥" as "> or =" ("a SCr increase > or = 25%").
bool ThresholdBefore(std::string_view text, size_t at) {
  static const RE2 kComparative(
      R"((?i)(all but|less than|more than|greater than|fewer than|at least|within|below|above|under|over|[<>]\s*or\s*=|<|>|≤|≥|±|\+/-|grades?|(?:^|[\s=(,:])(?:-|−))\s*$)");
  size_t from = at > 16 ? at - 16 : 0;
  return RE2::PartialMatch(text.substr(from, at - from), kComparative);
}

// The text with each no-break space (U+00A0, two bytes in UTF-8) written as
// two spaces: "At 5\u00a0years" reads as "At 5 years", and every offset stays.
std::string SpacesForNoBreakSpaces(std::string_view text) {
  std::string out(text);
  for (size_t at = out.find("\xC2\xA0"); at != std::string::npos; at = out.find("\xC2\xA0", at + 2))
    out.replace(at, 2, "  ");
  return out;
}

// The text with each decimal point written as a middle dot (U+00B7, two bytes; the Lancet's style: "hazard ratio
// 0\u00b736", "p=0\u00b7004") written as a full stop, its whole part moved one byte right behind a space:
// "0\u00b736" reads as " 0.36", and every offset outside the number stays.
std::string FullStopsForMiddleDots(std::string text) {
  for (size_t at = text.find("\xC2\xB7"); at != std::string::npos; at = text.find("\xC2\xB7", at + 2)) {
    if (at == 0 || at + 2 >= text.size() || !IsDigit(text[at - 1]) || !IsDigit(text[at + 2])) continue;
    size_t whole = at;
    while (whole > 0 && IsDigit(text[whole - 1])) --whole;
    text.replace(whole, at + 2 - whole, " " + text.substr(whole, at - whole) + ".");
  }
  return text;
}

class Scanner {
 public:
  Scanner(std::string_view text, const Span& sentence, const Ontology& o)
      : spaced_(FullStopsForMiddleDots(SpacesForNoBreakSpaces(text.substr(sentence.start, sentence.end - sentence.start)))),
        sentence_(spaced_),
        base_(sentence.start),
        o_(o) {}
  // sentence_ views spaced_: a copy or a move would leave it viewing the old string.
  Scanner(const Scanner&) = delete;
  Scanner& operator=(const Scanner&) = delete;

  SentenceValues Run();

 private:
  Span SpanOf(const re2::StringPiece& g) const {
    uint32_t start = base_ + static_cast<uint32_t>(g.data() - sentence_.data());
    return {start, start + static_cast<uint32_t>(g.size())};
  }
  bool Used(const Span& s) const {
    return std::any_of(used_.begin(), used_.end(), [&](const Span& u) { return s.start < u.end && u.start < s.end; });
  }
  void Add(Value v, const Span& whole) {
    used_.push_back(whole);
    out_.values.push_back(std::move(v));
  }
  static std::optional<double> Number(const re2::StringPiece& g) {
    std::string_view s(g.data(), g.size());
    if (auto d = ParseDecimal(s)) return d;
    return ParseSpelledNumber(s);
  }
  void ScanTimepoints();
  void ScanTimepointList();
  void ScanIntervalsAndP();
  void ScanHazardRatios();
  void ScanRates();
  void ScanDurations();
  void ScanPatientCounts();
  void AttachIntervals();
  void ScanDenominator();
  bool NearFollowUp(const Span& s) const;
  bool IsThreshold(const Span& s) const;

  std::string spaced_;  // the sentence, see SpacesForNoBreakSpaces and FullStopsForMiddleDots
  std::string_view sentence_;
  uint32_t base_;
  const Ontology& o_;  // the rule words some patterns key on (rule_words.tsv)
  std::vector<Span> used_;
  struct Interval {
    std::pair<double, double> range;
    Span span;
  };
  struct PValue {
    std::string text;
    Span span;
  };
  std::vector<Interval> intervals_;
  std::vector<Interval> bare_intervals_;  // "(40-66)" in a sentence that names its intervals
  std::vector<PValue> p_values_;
  SentenceValues out_;
};

constexpr char kNum[] = R"((\d+(?:\.\d+)?))";
// A number in digits or words; words join only by hyphen, or after "N hundred".
constexpr char kWordNum[] =
    R"(((?:(?:one|two|three|four|five|six|seven|eight|nine|One|Two|Three|Four|Five|Six|Seven|Eight|Nine) hundred(?: and)? )?[A-Za-z]+(?:-[A-Za-z]+)?|\d+(?:\.\d+)?))";
constexpr char kPercent[] = R"(\s*(?:%|percent\b|per cent\b))";
constexpr char kOpen[] = R"(\s*[\(\[]\s*)";

// "45% of patients (9/20)": a rate of the patients (rule_words.tsv rate_base) with its fraction in a bracket.
std::string SpelledPercentOfPatientsPattern(const Ontology& o) {
  return std::string(R"((?i)\b)") + kWordNum + kPercent + R"(\s+of\s+(?:the\s+)?)" + o.RuleWords("rate_base") +
         R"(\s*[\(\[]\s*(\d+)\s*(?:of|/)\s*(\d+))";
}

// "5 patients (14%) of 36": a count, its percentage in a bracket (rule_words.tsv count_then_rate between), then any
// denominator; the number after "of" is the denominator, not a further count.
std::string CountThenPercentPattern(const Ontology& o) {
  return std::string(R"((?i)\b)") + kWordNum + R"(\s+(?:)" + o.RuleWords("count_then_rate") + R"(\s*)?)" + kOpen +
         kNum + kPercent + R"((?:\s*[\)\]]\s*of\s+(?:the\s+)?(\d+)\b)?)";
}

// "All 20 patients responded", "..., all 12 children achieved CR": the whole group (rule_words.tsv whole_group), as
// the subject of its clause.
std::string WholeGroupPattern(const Ontology& o) {
  return std::string(R"((?:^|[,;:]\s*)(?:All|all|ALL)\s+)") + kWordNum + R"(\s+(?:[a-z-]+\s+)?)" +
         o.RuleWords("whole_group") + R"(\b)";
}

// A list of counts before a patient noun ("10 and 5 patients"), its numbers
// written as `number`.
std::string CountListBefore(const std::string& number, const std::string& noun) {
  return R"((?i)\b((?:)" + number + R"(\s*(?:,\s*and|,|and)\s*)*)" + number + R"()\s+(?:[a-z-]+\s+)?)" + noun + R"(\b)";
}

// Counts in digits before a plural noun of counted patients (rule_words.tsv count_noun).
std::string CountsPattern(const Ontology& o) { return CountListBefore(R"(\d+)", o.RuleWords("count_noun")); }

// "only 1 patient had": one, before a singular noun (rule_words.tsv count_noun_one).
std::string OneCountPattern(const Ontology& o) { return CountListBefore("1", o.RuleWords("count_noun_one")); }

// "two cases of", "in four patients", "in eight and five patients": counts in words, before either noun. Number
// words only: a list pattern open to any word would take "in" of "in two patients" for the count.
std::string SpelledCountsPattern(const Ontology& o) {
  return CountListBefore(NumberWordAlternation(),
                         "(?:" + o.RuleWords("count_noun") + "|" + o.RuleWords("count_noun_one") + ")");
}

// "4 patients assigned to group I and 7 assigned to group II", "3 patients in the placebo arm versus 9 in the
// active arm": a bare count after an arm contrast counts patients of the other arm (cues.tsv patients;
// rule_words.tsv arm_assignment, arm_contrast).
std::string OtherArmCountPattern(const Ontology& o) {
  const std::string arm_phrase = o.RuleWords("arm_assignment") + R"(\s)";
  const std::string number = R"((?:\d+|)" + NumberWordAlternation() + ")";
  return R"((?i)\b)" + number + R"(\s+)" + o.CueSpellings("patients") + R"(\s+)" + arm_phrase + R"([^,;()0-9]{1,40}?\s)" +
         o.RuleWords("arm_contrast") + R"(\s+(\d+|)" + NumberWordAlternation() + R"()\s+)" + arm_phrase;
}

// "24 patients were evaluable for response": the group the sentence's results are rates of (rule_words.tsv
// rate_base), as the subject of the sentence.
std::string WereEvaluablePattern(const Ontology& o) {
  return R"((?i)^(?:[A-Za-z]+:\s*)?(\d+|[A-Za-z]+(?:-[A-Za-z]+)?)\s+)" + o.RuleWords("rate_base") +
         R"(\s+were\s+evaluable\b)";
}

// "months" / "month" / "mo" -> "month" or "months" by the value; "yr" is "year".
std::string Unit(std::string_view unit, double value) {
  std::string u(unit);
  std::transform(u.begin(), u.end(), u.begin(), [](unsigned char c) { return std::tolower(c); });
  if (u.back() == 's') u.pop_back();
  if (u == "yr") u = "year";
  if (u == "mo") u = "month";
  return value == 1 ? u : u + "s";
}

double RoundedRate(int count, int of) { return std::round(1000.0 * count / of) / 10.0; }

// True when `needle` starts a word of `haystack`, case-insensitively: "age " is in "median age 54", not in
// "Percentage of"; "old" is in "years old", not in "threshold".
bool NearText(std::string_view haystack, std::string_view needle) {
  std::string lower(haystack);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  for (size_t at = lower.find(needle); at != std::string::npos; at = lower.find(needle, at + 1))
    if (at == 0 || !std::isalpha(static_cast<unsigned char>(lower[at - 1]))) return true;
  return false;
}

// Follow-up or age words near a number, in its clause: "With a median
// follow-up of 3 years, the 3-year EFS was 40%" keeps its "3-year".
bool Scanner::NearFollowUp(const Span& s) const {
  size_t rel_start = s.start - base_, rel_end = s.end - base_;
  size_t before = rel_start > 30 ? rel_start - 30 : 0;
  size_t clause = sentence_.substr(0, rel_start).find_last_of(",;");
  if (clause != std::string_view::npos && clause + 1 > before) before = clause + 1;
  std::string_view window_before = sentence_.substr(before, rel_start - before);
  std::string_view window_after = sentence_.substr(rel_end, std::min<size_t>(22, sentence_.size() - rel_end));
  return NearText(window_before, "follow") || NearText(window_after, "follow") || NearText(window_after, "of age") ||
         NearText(window_before, "age ") || NearText(window_after, "old");
}

// "less than 5 percent marrow blasts", "<0.01% leukemic cells": a definition, not a result; "all but one of
// the 19": the complement of the number is the result; "grade 3/4": a grade, not a fraction; "a CR rate of 75% or
// more": a target.
bool Scanner::IsThreshold(const Span& s) const {
  static const RE2 kOrMore(R"((?i)^\s*(?:%|percent)?\s*or (?:more|higher|greater|above|better)\b)");
  std::string_view after = sentence_.substr(s.end - base_);
  return ThresholdBefore(sentence_, s.start - base_) ||
         RE2::PartialMatch(re2::StringPiece(after.data(), after.size()), kOrMore);
}

void Scanner::ScanTimepoints() {
  // Only the hyphenated adjective ("1-year survival"): "7.4 months" is a duration.
  static const RE2 kAdjective(
      R"((?i)\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen)-(year|yr|month|mo|week|day)s?\b)");
  static const RE2 kPrepositional(
      R"((?i)\b(?:at(?: least)?|after|within(?: the first)?|by|over|for)\s+(\d+|[a-z]+)\s+(?:treatment\s+)?(years?|months?|weeks?|cycles?|days)\b)");
  auto add_as = [&](bool follow_up) {
    return [&, follow_up](const Groups& g) {
      std::optional<double> n = Number(g[1]);
      if (!n || *n > 1000) return;  // no timepoint is a thousand years away; also keeps the cast defined
      Span span = SpanOf(g[0]);
      for (const Timepoint& t : out_.timepoints)
        if (span.start < t.span.end && t.span.start < span.end) return;
      std::string number = std::to_string(static_cast<int>(*n));
      out_.timepoints.push_back({number + " " + Unit(std::string_view(g[2].data(), g[2].size()), *n), span,
                                 follow_up || NearFollowUp(span)});
    };
  };
  auto add = add_as(false);
  static const RE2 kFollowUp(R"((?i)\bfollow-?up\s+(?:of|was)\s+(\d+)(?:\.\d+)?\s+(years?|months?|weeks?))");
  ForEachMatch(kFollowUp, sentence_, add_as(true));
  ScanTimepointList();
  ForEachMatch(kPrepositional, sentence_, add);
  ForEachMatch(kAdjective, sentence_, add);
  std::sort(out_.timepoints.begin(), out_.timepoints.end(),
            [](const Timepoint& a, const Timepoint& b) { return a.span.start < b.span.start; });
}

// "rates at 1 and 3 years were 80% and 60%", "The 1- and 2-year EFS rates":
// two timepoints for two values; the span is no duration.
void Scanner::ScanTimepointList() {
  static const RE2 kPrepositional(
      R"((?i)(\b(?:at|after)\s+(\d+)\s*(?:,|and|or)\s*(\d+)\s+(years?|months?|weeks?|days|cycles?)\b))");
  static const RE2 kAdjective(R"((?i)(\b(\d+)-?\s*(?:and|or|,)\s*(\d+)-(year|month|week|day)s?\b))");
  for (const RE2* re : {&kPrepositional, &kAdjective}) {
    re2::StringPiece whole, first, second, unit;
    if (!out_.timepoint_list.empty() || !RE2::PartialMatch(sentence_, *re, &whole, &first, &second, &unit)) continue;
    for (const re2::StringPiece& n : {first, second}) {
      std::optional<double> number = Number(n);
      if (!number || *number > 1000) return;
      out_.timepoint_list.push_back(std::to_string(static_cast<int>(*number)) + " " +
                                    Unit(std::string_view(unit.data(), unit.size()), *number));
    }
    used_.push_back(SpanOf(whole));
  }
}

// Any confidence level ("95% CI", "96% CI", "97.5% CI", the misprint "95% Cl"), its abbreviation followed by
// `after_abbreviation`: the level is no rate.
std::string ConfidenceLevel(std::string_view after_abbreviation) {
  return std::string(R"(\b\d{2}(?:\.\d+)?\s*%\s*(?:confidence intervals?|C[IL])") + std::string(after_abbreviation) + ")";
}

// The bounds of an interval joined by one of `joints` ("17-35", "40% to 66%"); groups: each bound's sign and
// number. A bound may be negative (a difference of rates: "95% CI, -3.7 to 6.0").
std::string IntervalBounds(std::string_view joints) {
  const std::string bound = std::string(R"((-|−)?)") + kNum;
  return bound + R"(\s*%?\s*(?:)" + std::string(joints) + R"()\s*)" + bound;
}

void Scanner::ScanIntervalsAndP() {
  static const RE2 kInterval(R"((?i))" + ConfidenceLevel("") + R"(\s*(?:\[CI\])?\s*[,:]?\s*)" +
                             IntervalBounds("to|-|–|—|,"));
  static const RE2 kP(R"((?i)\bP\s*(=|<|>|≤|≥)\s*(0?\.\d+|\d(?:\.\d+)?))");
  auto bound = [](const re2::StringPiece& sign, const re2::StringPiece& n) { return sign.empty() ? *Number(n) : -*Number(n); };
  ForEachMatch(kInterval, sentence_, [&](const Groups& g) {
    Span span = SpanOf(g[0]);
    intervals_.push_back({{bound(g[1], g[2]), bound(g[3], g[4])}, span});
    used_.push_back(span);
  });
  ForEachMatch(kP, sentence_, [&](const Groups& g) {
    std::string op(g[1].data(), g[1].size()), value(g[2].data(), g[2].size());
    if (value.front() == '.') value = "0" + value;
    Span span = SpanOf(g[0]);
    p_values_.push_back({op == "=" ? value : (op == "≤" ? "<=" : op == "≥" ? ">=" : op) + value, span});
    used_.push_back(span);
  });
  // "(95% CI 17 months to not reached)": a confidence level whose interval has no second number is still no rate.
  static const RE2 kLevel(R"((?i))" + ConfidenceLevel(R"(\b)"));
  ForEachMatch(kLevel, sentence_, [&](const Groups& g) { used_.push_back(SpanOf(g[0])); });
  // "74% (95% CI 63-82), and 2-year overall survival was 54% (40-66)": once the sentence names its intervals, a
  // bare range in a bracket is one too (AttachIntervals gives it to the value right before it).
  static const RE2 kBareInterval(R"([\(\[]\s*)" + IntervalBounds("to|-|–|—") + R"(\s*%?\s*[\)\]])");
  if (intervals_.empty()) return;
  ForEachMatch(kBareInterval, sentence_, [&](const Groups& g) {
    Span span = SpanOf(g[0]);
    if (Used(span)) return;
    bare_intervals_.push_back({{bound(g[1], g[2]), bound(g[3], g[4])}, span});
    used_.push_back(span);
  });
}

void Scanner::ScanHazardRatios() {
  static const RE2 kHazard(std::string(R"((?i)(?:hazard ratio|\bHR\b)[^0-9;]{0,40}?)") + kNum);
  ForEachMatch(kHazard, sentence_, [&](const Groups& g) {
    Span number = SpanOf(g[1]);
    if (Used(number)) return;
    Value v;
    v.kind = ValueKind::kHazardRatio;
    v.value = *Number(g[1]);
    v.span = SpanOf(g[0]);
    Add(v, number);
  });
}

void Scanner::ScanRates() {
  static const RE2 kFractionThenPercent(std::string(R"(\b)") + kWordNum +
                                        R"(\s*(?:(?:out\s+)?of|/)\s*(?:(?:the|these|those|all)\s+)?(\d+)\s*(?:[A-Za-z-]+\s+){0,5}?)" +
                                        kOpen + kNum + kPercent);
  static const RE2 kPercentThenFraction(std::string(R"((?i))") + kNum + kPercent + kOpen + R"((\d+)\s*(?:of|/)\s*(\d+))");
  const RE2& spelled_percent_of_patients = o_.Regex<SpelledPercentOfPatientsPattern>();
  const RE2& count_then_percent = o_.Regex<CountThenPercentPattern>();
  static const RE2 kPercent_(std::string(R"((?i)(^|[^<>≤≥=\d.])\b)") + kWordNum + kPercent);
  static const RE2 kFraction(R"(\b(\d+)\s*(?:/|\b(?:out\s+)?of\b)\s*(\d+)\b)");  // "7/12", "7 out of 12"
  // "five of the seven", "3 of these 12": counts in words, or with a determiner between.
  static const RE2 kWordFraction(std::string(R"((?i)\b)") + kWordNum + R"(\s+of\s+(?:the|these|those|all)\s+)" + kWordNum + R"(\b)");
  static const RE2 kSpelledFraction(std::string(R"((?i)\b([A-Za-z]+(?:-[A-Za-z]+)?)\s+(?:out\s+)?of\s+)") + kWordNum + R"(\b)");
  static const RE2 kPercentRange(std::string(R"((?i)(?:\bbetween\s+\d+(?:\.\d+)?(?:)") + kPercent +
                                 R"()?\s*and\s*|\b\d+(?:\.\d+)?(?:)" + kPercent + R"()?(?:\s*to\s*|\s?[-–]\s?))\d+(?:\.\d+)?)" + kPercent);

  auto rate = [&](std::optional<double> value, std::optional<int> count, std::optional<int> of, const Span& span) {
    if (Used(span) || IsThreshold(span)) return;
    if (!value && count && of && *of > 0) value = RoundedRate(*count, *of);
    if (!value || *value > 100 || (of && count && *count > *of)) return;
    Value v;
    v.value = *value;
    v.unit = "%";
    v.count = count;
    v.of = of;
    v.span = span;
    Add(v, span);
  };
  auto count = [](const re2::StringPiece& g) { return ParseCount(std::string_view(g.data(), g.size())); };
  // "60% to 80%", "25%-55%", "40-60%", "between 25% and 30%": a range of rates is a generality, no result.
  ForEachMatch(kPercentRange, sentence_, [&](const Groups& g) { used_.push_back(SpanOf(g[0])); });
  ForEachMatch(o_.Regex<WholeGroupPattern>(), sentence_, [&](const Groups& g) {
    std::optional<int> n = count(g[1]);
    Span span = SpanOf(g[0]);
    span.start = SpanOf(g[1]).start;
    if (!n || *n == 0) return;
    size_t before = out_.values.size();
    rate(100, n, n, span);
    if (out_.values.size() > before) out_.values.back().whole_group = true;
  });
  ForEachMatch(kFractionThenPercent, sentence_, [&](const Groups& g) {
    if (count(g[1])) rate(Number(g[3]), count(g[1]), count(g[2]), SpanOf(g[0]));  // "Twelve of 20 patients (60%)"
  });
  ForEachMatch(kPercentThenFraction, sentence_, [&](const Groups& g) { rate(Number(g[1]), count(g[2]), count(g[3]), SpanOf(g[0])); });
  ForEachMatch(spelled_percent_of_patients, sentence_,
               [&](const Groups& g) { rate(Number(g[1]), count(g[2]), count(g[3]), SpanOf(g[0])); });
  ForEachMatch(count_then_percent, sentence_, [&](const Groups& g) {
    if (count(g[1])) rate(Number(g[2]), count(g[1]), count(g[3]), SpanOf(g[0]));
  });
  // "dizziness (6.7 and 5.3%)", "rates of 40, 35 and 20%": the sign written once after a list serves each number;
  // not when it is a confidence level ("RR 1.18, 95% CI 1.02-1.36").
  static const RE2 kListBeforePercent(std::string(R"((?i)(^|[^<>≤≥=\d.])\b((?:\d+(?:\.\d+)?\s*(?:,\s*and|,|and|vs\.?|versus)\s*)+)(\d+(?:\.\d+)?))") +
                                      kPercent);
  static const RE2 kListedNumber(R"((\d+(?:\.\d+)?))");
  static const RE2 kConfidenceNext(R"((?i)^\s*(?:confidence|C[IL]\b))");
  ForEachMatch(kListBeforePercent, sentence_, [&](const Groups& g) {
    std::string_view after = sentence_.substr(g[0].data() + g[0].size() - sentence_.data());
    if (Used(SpanOf(g[3])) || RE2::PartialMatch(re2::StringPiece(after.data(), after.size()), kConfidenceNext)) return;
    ForEachMatch(kListedNumber, std::string_view(g[2].data(), g[2].size()),
                 [&](const Groups& n) { rate(Number(n[1]), std::nullopt, std::nullopt, SpanOf(n[1])); });
  });
  ForEachMatch(kPercent_, sentence_, [&](const Groups& g) { rate(Number(g[2]), std::nullopt, std::nullopt, SpanOf(g[2])); });
  ForEachMatch(kFraction, sentence_, [&](const Groups& g) { rate(std::nullopt, count(g[1]), count(g[2]), SpanOf(g[0])); });
  for (const RE2* re : {&kWordFraction, &kSpelledFraction})
    ForEachMatch(*re, sentence_, [&](const Groups& g) {
      if (count(g[1]) && count(g[2])) rate(std::nullopt, count(g[1]), count(g[2]), SpanOf(g[0]));
    });
}

void Scanner::ScanDurations() {
  // "(range, 26-47 months)", "3 to 7 years": a range of durations is no result.
  static const RE2 kDurationRange(R"((?i)\b\d+(?:\.\d+)?\s*(?:-|–|to)\s*\d+(?:\.\d+)?\s*(?:months?|days?|weeks?|years?)\b)");
  ForEachMatch(kDurationRange, sentence_, [&](const Groups& g) { used_.push_back(SpanOf(g[0])); });
  static const RE2 kDurations(R"((?i)\b((?:\d+(?:\.\d+)?\s*(?:,|and|or|vs\.?|versus)\s*)*\d+(?:\.\d+)?)\s*(months?|days?|weeks?|years?)\b)");
  static const RE2 kNumber(R"((\d+(?:\.\d+)?))");
  ForEachMatch(kDurations, sentence_, [&](const Groups& g) {
    Span whole = SpanOf(g[0]);
    if (Used(whole) || NearFollowUp(whole)) return;
    for (const Timepoint& t : out_.timepoints)
      if (whole.start < t.span.end && t.span.start < whole.end) return;
    std::string_view unit(g[2].data(), g[2].size());
    ForEachMatch(kNumber, std::string_view(g[1].data(), g[1].size()), [&](const Groups& n) {
      Value v;
      v.kind = ValueKind::kDuration;
      v.value = *Number(n[1]);
      v.unit = Unit(unit, 2);
      v.span = SpanOf(n[1]);
      Add(v, v.span);
    });
    used_.push_back(whole);
  });
}

void Scanner::ScanPatientCounts() {
  static const RE2 kDigit(R"((\d+))");
  static const RE2 kWord(R"((?i)\b()" + NumberWordAlternation() + R"()\b)");
  enum class Opens { kNothing, kSentence, kClause };
  auto add = [&](const re2::StringPiece& number, Opens opens) {
    std::optional<int> n = ParseCount(std::string_view(number.data(), number.size()));
    if (!n) return;
    Value v;
    v.kind = ValueKind::kPatients;
    v.value = *n;
    v.unit = "patients";
    v.count = n;
    v.span = SpanOf(number);
    v.opens_sentence = opens == Opens::kSentence;
    v.opens_clause = opens == Opens::kClause;
    Add(v, v.span);
  };
  auto add_list = [&](const RE2& number) {
    return [&, re = &number](const Groups& g) {
      size_t end = g[0].data() + g[0].size() - sentence_.data();
      if (end < sentence_.size() && sentence_[end] == '-') return;  // "100 patient-years" counts no patients
      ForEachMatch(*re, std::string_view(g[1].data(), g[1].size()), [&](const Groups& n) {
        if (!Used(SpanOf(n[1]))) add(n[1], Opens::kNothing);  // each number: an opening one is read already
      });
    };
  };
  // "Two achieved a complete remission", "METHODS: Thirty-eight patients": a count opening the sentence (after any
  // section label), its verb next. Read before the other counts, so that one opening the sentence keeps its mark,
  // in digits as in words.
  static const RE2 kLeadingCount(std::string(R"(^\s*(?:[A-Za-z]+:\s*)?)") + kWordNum +
                                 R"(\s+(?:of (?:them|these|those)\s+)?[a-z])");
  ForEachMatch(kLeadingCount, sentence_, [&](const Groups& g) {
    if (!Used(SpanOf(g[1]))) add(g[1], Opens::kSentence);
  });
  ForEachMatch(o_.Regex<CountsPattern>(), sentence_, add_list(kDigit));
  ForEachMatch(o_.Regex<OneCountPattern>(), sentence_, add_list(kDigit));
  ForEachMatch(o_.Regex<SpelledCountsPattern>(), sentence_, add_list(kWord));
  ForEachMatch(o_.Regex<OtherArmCountPattern>(), sentence_, [&](const Groups& g) {
    size_t before = out_.values.size();
    if (!Used(SpanOf(g[1]))) add(g[1], Opens::kNothing);
    if (out_.values.size() > before) out_.values.back().other_arm = true;
  });
  // "Of 24 patients, two achieved a CR and one a PR": a bare count opening a later clause; the extractor keeps it
  // only when its verb follows. ", and two had" is one opening (else "and" is read as the number and "two" skipped).
  // A bracket opens one too: "in three participants (one had loin pain; one had headache)".
  static const RE2 kClauseCount(std::string(R"((?:[,;]\s+(?:and\s+)?|\band\s+|\(\s*))") + kWordNum +
                                R"(\s+(?:of (?:them|these|those)\s+)?[a-z])");
  ForEachMatch(kClauseCount, sentence_, [&](const Groups& g) {
    if (!Used(SpanOf(g[1]))) add(g[1], Opens::kClause);
  });
  // "neutropenia (n = 12)": a count written as the size of a group.
  static const RE2 kGroupSize(R"((?i)\(\s*n\s*=\s*(\d+)\s*\))");
  ForEachMatch(kGroupSize, sentence_, [&](const Groups& g) {
    if (!Used(SpanOf(g[1]))) add(g[1], Opens::kNothing);
  });
}

// A confidence interval or P value belongs to the closest value before it.
void Scanner::AttachIntervals() {
  std::sort(out_.values.begin(), out_.values.end(), [](const Value& a, const Value& b) { return a.span.start < b.span.start; });
  auto preceding = [&](const Span& s) -> Value* {
    Value* best = nullptr;
    for (Value& v : out_.values)
      if (v.span.start < s.start && v.kind != ValueKind::kPatients) best = &v;
    return best;
  };
  for (const Interval& i : intervals_)
    if (Value* v = preceding(i.span); v && !v->ci) v->ci = i.range;
  // A bare range is an interval only right after its value ("54% (40-66)", "6 months [4-17]") and around it.
  static const RE2 kUnitOnly(R"((?i)^\s*(?:%|percent|months?|years?|weeks?|days?)?\s*$)");
  for (const Interval& i : bare_intervals_) {
    Value* v = preceding(i.span);
    if (!v || v->ci || v->span.end > i.span.start || v->value < i.range.first || v->value > i.range.second) continue;
    std::string_view between = sentence_.substr(v->span.end - base_, i.span.start - v->span.end);
    if (RE2::FullMatch(re2::StringPiece(between.data(), between.size()), kUnitOnly)) v->ci = i.range;
  }
  for (const PValue& p : p_values_) {
    Value* target = nullptr;
    for (Value& v : out_.values)
      if (v.span.start < p.span.start && v.kind == ValueKind::kHazardRatio) target = &v;
    if (!target) target = preceding(p.span);
    if (target && !target->p) target->p = p.text;
  }
}

// "Of the 35 enrolled patients, ...", "24 patients were evaluable for response with ...": the group the
// sentence's results are rates of.
void Scanner::ScanDenominator() {
  static const RE2 kOfThe(R"((?i)^(?:[A-Za-z]+:\s*)?(?:of|among)\s+(?:(?:these|the|all)\s+)?(\d+|[A-Za-z]+(?:-[A-Za-z]+)?)\b)");
  std::string word;
  if (RE2::PartialMatch(sentence_, kOfThe, &word) || RE2::PartialMatch(sentence_, o_.Regex<WereEvaluablePattern>(), &word))
    out_.denominator = ParseCount(word);
}

SentenceValues Scanner::Run() {
  ScanTimepoints();
  ScanIntervalsAndP();
  ScanHazardRatios();
  ScanRates();
  ScanDurations();
  ScanPatientCounts();
  AttachIntervals();
  ScanDenominator();
  return std::move(out_);
}

// A grade in Arabic or Roman numerals: "3", "III" -> "3".
std::string GradeNumber(const std::string& grade) {
  static const std::vector<std::string> kRoman = {"I", "II", "III", "IV", "V"};
  std::string upper = grade;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  auto it = std::find(kRoman.begin(), kRoman.end(), upper);
  return it == kRoman.end() ? grade : std::to_string(it - kRoman.begin() + 1);
}

// A comparison as a grade writes it: "≥", "greater than or equal to" -> ">="; "less than" -> "<".
std::string GradeComparison(std::string op) {
  std::transform(op.begin(), op.end(), op.begin(), [](unsigned char c) { return std::tolower(c); });
  bool or_equal = op == "≥" || op == ">=" || op == "≤" || op == "<=" || op.ends_with("or equal to");
  bool less = op.starts_with("<") || op == "≤" || op.starts_with("less");
  return std::string(less ? "<" : ">") + (or_equal ? "=" : "");
}

}  // namespace

std::optional<std::string> LastGrade(std::string_view text) {
  static const RE2 kGrade(
      R"((?i)\bgrades?\s*(?:(≥|>=|>|≤|<=|<|(?:greater|higher|more|less|lower) than(?: or equal to)?)\s*(\d|[IV]+\b)|)"
      R"((\d|[IV]+)\s*(?:or higher|or greater|or above|or more|\+)|(\d|[IV]+)\s*(?:-|–|/|to|and|or)\s*(\d|[IV]+\b)|(\d|[IV]+\b)))");
  std::optional<std::string> grade;
  re2::StringPiece input(text.data(), text.size());
  std::string op, n1, n2, lo, hi, single;
  while (RE2::FindAndConsume(&input, kGrade, &op, &n1, &n2, &lo, &hi, &single)) {
    if (!n1.empty()) grade = GradeComparison(op) + GradeNumber(n1);
    else if (!n2.empty()) grade = ">=" + GradeNumber(n2);
    else if (!lo.empty()) grade = GradeNumber(lo) + "-" + GradeNumber(hi);
    else grade = GradeNumber(single);
  }
  return grade;
}

std::optional<int> ParseCount(std::string_view word) {
  std::optional<double> v = ParseDecimal(word);
  if (!v) v = ParseSpelledNumber(word);
  if (!v || *v != std::floor(*v) || *v < 0 || *v > 1e7) return std::nullopt;
  return static_cast<int>(*v);
}

SentenceValues ScanValues(std::string_view text, const Span& sentence, const Ontology& o) {
  return Scanner(text, sentence, o).Run();
}

bool WritesPercentage(std::string_view sentence) {
  static const RE2 kPercentage(std::string(R"((\b\d+(?:\.\d+)?)") + kPercent + ")");
  re2::StringPiece input(sentence.data(), sentence.size()), match;
  while (RE2::FindAndConsume(&input, kPercentage, &match))
    if (!ThresholdBefore(sentence, static_cast<size_t>(match.data() - sentence.data()))) return true;
  return false;
}

}  // namespace trialgraph::ingest
