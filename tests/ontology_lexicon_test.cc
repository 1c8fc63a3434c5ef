#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <unistd.h>

#include <re2/re2.h>

#include "ontology/lexicon.h"
#include "ontology/ontology.h"
#include "ontology/tokenizer.h"

namespace trialgraph::ontology {
namespace {

namespace fs = std::filesystem;

const std::string kOntologyDir = TRIALGRAPH_SOURCE_DIR "/ontology";

std::vector<std::string> Norms(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(text)) out.push_back(t.norm);
  return out;
}

// A file in a fresh temp directory, removed at destruction.
class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("tg_lexicon_test_" + std::to_string(::getpid()) + "_" +
            std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + "_" +
            std::to_string(counter++));
    fs::create_directories(dir_);
    path_ = (dir_ / "vocab.tsv").string();
    std::ofstream(path_) << content;
  }
  ~TempFile() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  fs::path dir_;
  std::string path_;
};

const Ontology& RealOntology() {
  static const Ontology* ontology = [] {
    auto* o = new Ontology();
    Status st = Ontology::Load(kOntologyDir, o);
    EXPECT_TRUE(st.ok()) << st.ToString();
    return o;
  }();
  return *ontology;
}

// Guards token offsets and lower-cased norms.
TEST(TokenizeTest, OffsetsAndNorms) {
  std::string_view text = "Blinatumomab (AMG 103), 15 mg";
  std::vector<Token> tokens = Tokenize(text);
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[0].norm, "blinatumomab");
  EXPECT_EQ(tokens[0].start, 0u);
  EXPECT_EQ(tokens[0].end, 12u);
  EXPECT_EQ(tokens[1].norm, "amg");
  EXPECT_EQ(text.substr(tokens[1].start, tokens[1].end - tokens[1].start), "AMG");
  EXPECT_EQ(tokens[2].norm, "103");
  EXPECT_EQ(tokens[2].start, 18u);
  EXPECT_EQ(tokens[4].norm, "mg");
  EXPECT_EQ(tokens[4].end, text.size());
  EXPECT_TRUE(Tokenize("").empty());
  EXPECT_TRUE(Tokenize(" ,;-()[] ").empty());
}

// Guards that hyphens, spaces and commas only separate, so "B-cell" matches "B cell".
TEST(TokenizeTest, HyphenSpaceAndCommaAreSeparators) {
  EXPECT_EQ(Norms("B-cell"), (std::vector<std::string>{"b", "cell"}));
  EXPECT_EQ(Norms("B-cell"), Norms("B cell"));
  EXPECT_EQ(Norms("B-cell"), Norms("B, cell"));
  std::vector<Token> t = Tokenize("B-cell");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[1].start, 2u);
  EXPECT_EQ(t[1].end, 6u);
}

// Guards that the meaning-changing symbols "/", "+" and ":" are tokens of their own.
TEST(TokenizeTest, SignificantSymbolsAreTokens) {
  EXPECT_EQ(Norms("CR/CRh"), (std::vector<std::string>{"cr", "/", "crh"}));
  EXPECT_NE(Norms("CR/CRh"), Norms("CR CRh"));
  std::vector<Token> t = Tokenize("CR/CRh");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[1].start, 2u);
  EXPECT_EQ(t[1].end, 3u);
  EXPECT_EQ(Norms("Ph+ ALL"), (std::vector<std::string>{"ph", "+", "all"}));
  EXPECT_EQ(Norms("BCR::ABL1"), (std::vector<std::string>{"bcr", ":", ":", "abl1"}));
}

// Guards that Unicode dashes and spaces separate tokens and offsets count their bytes.
TEST(TokenizeTest, UnicodeDashesSeparateTokens) {
  for (std::string_view dash : {"\u2010", "\u2011", "\u2013", "\u2014", "\u2212"}) {
    std::string text = "B" + std::string(dash) + "cell";
    std::vector<Token> t = Tokenize(text);
    ASSERT_EQ(t.size(), 2u) << text;
    EXPECT_EQ(t[0].norm, "b");
    EXPECT_EQ(t[1].norm, "cell");
    EXPECT_EQ(t[1].start, 1 + dash.size());
    EXPECT_EQ(t[1].end, text.size());
  }
  EXPECT_EQ(Norms("MRD\u00a0negative"), (std::vector<std::string>{"mrd", "negative"}));  // no-break space
  // Letters outside ASCII stay inside words.
  EXPECT_EQ(Norms("treatment-na\u00efve"), (std::vector<std::string>{"treatment", "na\u00efve"}));
}

// Guards leftmost-longest, non-overlapping matching.
TEST(LexiconTest, LeftmostLongest) {
  Lexicon lexicon;
  lexicon.Add("acute lymphoblastic leukemia", 0);
  lexicon.Add("acute", 1);
  lexicon.Add("lymphoblastic leukemia", 2);
  lexicon.Add("leukemia", 3);
  std::string text = "Adults with acute lymphoblastic leukemia, acute lymphoblastic disease and leukemia";
  std::vector<Token> tokens = Tokenize(text);
  std::vector<Match> matches = lexicon.FindAll(text, tokens);
  ASSERT_EQ(matches.size(), 3u);
  EXPECT_EQ(matches[0].entry, 0u);
  EXPECT_EQ(matches[0].first, 2u);
  EXPECT_EQ(matches[0].last, 5u);
  EXPECT_EQ(matches[1].entry, 1u);  // "acute lymphoblastic disease": the longest spelling there is "acute"
  EXPECT_EQ(matches[1].first, 5u);
  EXPECT_EQ(matches[1].last, 6u);
  EXPECT_EQ(matches[2].entry, 3u);
  EXPECT_EQ(matches[2].first, 9u);

  std::optional<Match> at = lexicon.LongestAt(text, tokens, 3);  // "lymphoblastic leukemia" inside the long one
  ASSERT_TRUE(at.has_value());
  EXPECT_EQ(at->entry, 2u);
  EXPECT_EQ(at->last, 5u);
  EXPECT_FALSE(lexicon.LongestAt(text, tokens, 0).has_value());
}

// Guards that a leading '=' makes a spelling case-sensitive while others stay case-insensitive.
TEST(LexiconTest, EqualsPrefixIsCaseSensitive) {
  Lexicon lexicon;
  lexicon.Add("=CR", 0);
  lexicon.Add("complete remission", 1);
  lexicon.Add("=MRD+", 2);
  EXPECT_EQ(lexicon.Lookup("CR"), 0u);
  EXPECT_FALSE(lexicon.Lookup("cr").has_value());
  EXPECT_FALSE(lexicon.Lookup("Cr").has_value());
  EXPECT_EQ(lexicon.Lookup("COMPLETE Remission"), 1u);
  EXPECT_EQ(lexicon.Lookup("MRD+"), 2u);
  EXPECT_FALSE(lexicon.Lookup("mrd+").has_value());
  std::string text = "cr in 5; CR in 7";
  std::vector<Match> matches = lexicon.FindAll(text, Tokenize(text));
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].first, 3u);  // the second "CR" (tokens: cr in 5 CR)
  // Spellings that tokenise to nothing are ignored.
  lexicon.Add("--", 9);
  lexicon.Add("=", 9);
  EXPECT_FALSE(lexicon.Lookup("--").has_value());
}

// Guards Lookup: the whole phrase must be one spelling, after tokenising.
// A code name is written glued, spaced or hyphenated ("MLN9708", "MLN 9708",
// "MLN-9708"); any spelling of it finds the entry. Short codes ("IL10",
// "CD19") and case-sensitive spellings keep their one form.
TEST(LexiconTest, CodeNamesMatchGluedSpacedOrHyphenated) {
  Lexicon lexicon;
  lexicon.Add("MLN9708", 0);
  lexicon.Add("CMC-544", 1);
  lexicon.Add("IL10", 2);
  lexicon.Add("=SC-PEG", 3);
  for (std::string_view spelling : {"MLN9708", "MLN 9708", "mln-9708"}) EXPECT_EQ(lexicon.Lookup(spelling), 0u) << spelling;
  for (std::string_view spelling : {"CMC-544", "CMC 544", "CMC544"}) EXPECT_EQ(lexicon.Lookup(spelling), 1u) << spelling;
  EXPECT_EQ(lexicon.Lookup("IL 10"), std::nullopt);
  EXPECT_EQ(lexicon.Lookup("SCPEG"), std::nullopt);
}

TEST(LexiconTest, LookupWholePhrase) {
  Lexicon lexicon;
  lexicon.Add("B-cell acute lymphoblastic leukemia", 4);
  lexicon.Add("B cell", 5);
  EXPECT_EQ(lexicon.Lookup("b cell acute lymphoblastic leukemia"), 4u);
  EXPECT_EQ(lexicon.Lookup("B\u2013Cell, Acute Lymphoblastic  Leukemia"), 4u);
  EXPECT_EQ(lexicon.Lookup("B-cell"), 5u);
  EXPECT_FALSE(lexicon.Lookup("B-cell acute").has_value());                            // a prefix of a spelling
  EXPECT_FALSE(lexicon.Lookup("B-cell acute lymphoblastic leukemia cohort").has_value());  // longer than any
  EXPECT_FALSE(lexicon.Lookup("").has_value());
  EXPECT_FALSE(lexicon.Lookup("cell").has_value());
}

// Guards that Load names the file and the line of a row with too few or too many fields.
TEST(VocabularyTest, WrongColumnCountNamesFileAndLine) {
  {
    TempFile file("# comment\nalpha\tA|a1\nbeta\n");
    Vocabulary v;
    Status st = v.Load(file.path(), {2, 1, true});
    ASSERT_TRUE(st.IsInvalidArgument()) << st.ToString();
    EXPECT_NE(st.message().find(file.path() + ":3"), std::string::npos) << st.message();
  }
  {
    TempFile file("alpha\tA\n\n# c\ngamma\tG\tx\ty\n");
    Vocabulary v;
    Status st = v.Load(file.path(), {2, 1, true});
    ASSERT_TRUE(st.IsInvalidArgument()) << st.ToString();
    EXPECT_NE(st.message().find(file.path() + ":4"), std::string::npos) << st.message();
  }
  {
    Vocabulary v;
    Status st = v.Load("/nonexistent/dir/vocab.tsv", {2, 1, true});
    EXPECT_FALSE(st.ok());
    EXPECT_NE(st.message().find("/nonexistent/dir/vocab.tsv"), std::string::npos);
  }
}

// Guards Layout::columns, documented as the *required* number of fields: one extra field is a wrong count too.
TEST(VocabularyTest, OneExtraColumnIsAlsoAWrongCount) {
  TempFile file("alpha\tA\ngamma\tG\tx\n");
  Vocabulary v;
  Status st = v.Load(file.path(), {2, 1, true});
  ASSERT_TRUE(st.IsInvalidArgument()) << st.ToString();
  EXPECT_NE(st.message().find(file.path() + ":2"), std::string::npos) << st.message();
}

// Guards Vocabulary::Alternation: an entry's items in file order, quoted, a case-sensitive one kept so under (?i);
// a missing entry matches nothing.
TEST(VocabularyTest, AlternationQuotesTheItemsOfAnEntry) {
  TempFile file("lead\tx.y|a b|=CR\n");
  Vocabulary v;
  ASSERT_TRUE(v.Load(file.path(), {2, -1, false}).ok());
  EXPECT_EQ(v.Alternation("lead", 1), R"((?:x\.y|a\ b|(?-i:CR)))");
  const RE2 lead("(?i)" + v.Alternation("lead", 1));
  EXPECT_TRUE(RE2::FullMatch("X.Y", lead));
  EXPECT_FALSE(RE2::FullMatch("xzy", lead));
  EXPECT_TRUE(RE2::FullMatch("A b", lead));
  EXPECT_TRUE(RE2::FullMatch("CR", lead));
  EXPECT_FALSE(RE2::FullMatch("cr", lead));
  const RE2 none(v.Alternation("no_such_entry", 1));
  ASSERT_TRUE(none.ok()) << none.error();
  EXPECT_FALSE(RE2::PartialMatch("no such entry", none));
  EXPECT_FALSE(RE2::PartialMatch("", none));
}

int lead_builds = 0;  // how often LeadPattern ran

std::string LeadPattern(const Ontology& o) {
  ++lead_builds;
  return o.RuleWords("lead");
}

// Guards Ontology::Regex: a pattern is built once per ontology and kept; a copy builds its own, from its own cues.
TEST(OntologyTest, RegexIsBuiltOncePerOntology) {
  TempFile one("lead\tone\n"), two("lead\ttwo\n");
  Ontology o;
  ASSERT_TRUE(o.rule_words.Load(one.path(), {2, -1, false}).ok());
  const RE2& first = o.Regex<LeadPattern>();
  EXPECT_EQ(&first, &o.Regex<LeadPattern>());
  EXPECT_EQ(lead_builds, 1);
  Ontology copy = o;
  copy.rule_words = Vocabulary();
  ASSERT_TRUE(copy.rule_words.Load(two.path(), {2, -1, false}).ok());
  EXPECT_TRUE(RE2::FullMatch("two", copy.Regex<LeadPattern>()));
  EXPECT_EQ(lead_builds, 2);
  EXPECT_TRUE(RE2::FullMatch("one", o.Regex<LeadPattern>()));
}

// A kind built from an ontology that counts its builds.
struct CountedBuild {
  static inline std::atomic<int> builds{0};
  explicit CountedBuild(const Ontology& o) : rules(o.rule_words.size()) { ++builds; }
  size_t rules;
};

// Guards Ontology::Compiled: threads that ask at once all get the one kept; it is built from the ontology, and
// assigning an ontology empties the cache.
TEST(OntologyTest, CompiledIsSharedAcrossThreads) {
  TempFile one("lead\tone\nnext\ttwo\n");
  Ontology o;
  ASSERT_TRUE(o.rule_words.Load(one.path(), {2, -1, false}).ok());
  std::vector<const CountedBuild*> seen(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < seen.size(); ++i) threads.emplace_back([&, i] { seen[i] = &o.Compiled<CountedBuild>(); });
  for (std::thread& t : threads) t.join();
  for (const CountedBuild* built : seen) EXPECT_EQ(built, seen.front());
  EXPECT_EQ(seen.front()->rules, 2u);
  EXPECT_EQ(&o.Compiled<CountedBuild>(), seen.front());
  int builds = CountedBuild::builds;
  o = Ontology();
  EXPECT_EQ(o.Compiled<CountedBuild>().rules, 0u);
  EXPECT_EQ(CountedBuild::builds, builds + 1);
}

// Guards the shared text helpers: a name keeps only its words in capitals; digits are ASCII digits.
TEST(TextHelpersTest, LowerCaseNameAndIsDigit) {
  EXPECT_EQ(LowerCaseName("HIV Infection"), "HIV infection");
  EXPECT_EQ(LowerCaseName("Tachycardia, Ventricular"), "tachycardia, ventricular");
  EXPECT_EQ(LowerCaseName("B-Cell ALL"), "b-cell ALL");
  EXPECT_EQ(LowerCaseName("A"), "a");
  EXPECT_TRUE(IsDigit('7'));
  EXPECT_FALSE(IsDigit('x'));
  EXPECT_FALSE(IsDigit('\xB7'));
}

// Guards the one case-blind comparison the query and the registry reader share.
TEST(TextHelpersTest, EqualsIgnoringCase) {
  EXPECT_TRUE(EqualsIgnoringCase("Cytokine release syndrome", "cytokine release SYNDROME"));
  EXPECT_TRUE(EqualsIgnoringCase("", ""));
  EXPECT_FALSE(EqualsIgnoringCase("BiOSS", "BiOSS-2"));
  EXPECT_FALSE(EqualsIgnoringCase("neutropenia", "neutropenic"));
}

// Guards Ontology::Load's check of question_words.tsv: a phrase with a role the question grammar does not read is
// an error naming the file, the phrase and the roles.
TEST(OntologyTest, QuestionWordWithUnknownRoleIsAnError) {
  const fs::path dir = fs::temp_directory_path() / ("tg_question_words_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (const fs::directory_entry& file : fs::directory_iterator(kOntologyDir))
    if (file.path().extension() == ".tsv" || file.path().extension() == ".txt")
      fs::create_symlink(file.path(), dir / file.path().filename());
  fs::remove(dir / "question_words.tsv");
  std::ofstream(dir / "question_words.tsv") << "with\twith\nalongside\talong\n";
  Ontology o;
  Status st = Ontology::Load(dir.string(), &o);
  fs::remove_all(dir);
  ASSERT_TRUE(st.IsInvalidArgument()) << st.ToString();
  EXPECT_NE(st.message().find("question_words.tsv: 'alongside' has role 'along'"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("population"), std::string::npos) << st.message();
}

// Guards list columns, trimming, Find, first() and duplicate detection.
TEST(VocabularyTest, ListsAndDuplicates) {
  TempFile file("alpha\t A | a1 ||=AX \nbeta\t\n");
  Vocabulary v;
  ASSERT_TRUE(v.Load(file.path(), {2, 1, true}).ok());
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v.name(0), "alpha");
  EXPECT_EQ(v.list(0, 1), (std::vector<std::string>{"A", "a1", "=AX"}));
  EXPECT_EQ(v.first(0, 1), "A");
  EXPECT_EQ(v.first(1, 1), "");
  EXPECT_EQ(v.Find("beta"), 1u);
  EXPECT_FALSE(v.Find("Beta").has_value());
  EXPECT_EQ(v.lexicon().Lookup("ALPHA"), 0u);
  EXPECT_EQ(v.lexicon().Lookup("a1"), 0u);
  EXPECT_EQ(v.lexicon().Lookup("AX"), 0u);
  EXPECT_FALSE(v.lexicon().Lookup("ax").has_value());

  TempFile dup("alpha\tA\nalpha\tB\n");
  Vocabulary d;
  Status st = d.Load(dup.path(), {2, 1, true});
  ASSERT_TRUE(st.IsInvalidArgument());
  EXPECT_NE(st.message().find(dup.path() + ":2"), std::string::npos) << st.message();
}

// Guards that the shipped ontology loads and that key drug, regimen and class entries are right.
TEST(RealOntologyTest, LoadsAndSpotChecks) {
  const Ontology& o = RealOntology();
  ASSERT_GT(o.drugs.size(), 100u);
  for (std::string_view spelling : {"Besponsa", "InO", "inotuzumab", "INOTUZUMAB OZOGAMICIN", "CMC-544"}) {
    std::optional<uint32_t> e = o.drugs.lexicon().Lookup(spelling);
    ASSERT_TRUE(e.has_value()) << spelling;
    EXPECT_EQ(o.drugs.name(*e), "inotuzumab ozogamicin") << spelling;
  }
  std::optional<uint32_t> lower_ino = o.drugs.lexicon().Lookup("ino");  // "=InO" is case-sensitive
  EXPECT_TRUE(!lower_ino || o.drugs.name(*lower_ino) != "inotuzumab ozogamicin");

  std::optional<uint32_t> blin = o.drugs.lexicon().Lookup("Blincyto");
  ASSERT_TRUE(blin.has_value());
  EXPECT_EQ(o.drugs.name(*blin), "blinatumomab");

  std::optional<uint32_t> regimen = o.regimens.lexicon().Lookup("mini-HCVD");
  ASSERT_TRUE(regimen.has_value());
  EXPECT_EQ(o.regimens.name(*regimen), "mini-hyper-CVD");
  std::vector<std::string> components = o.regimens.list(*regimen, Ontology::kRegimenComponents);
  std::sort(components.begin(), components.end());
  EXPECT_EQ(components, (std::vector<std::string>{"cyclophosphamide", "dexamethasone", "vincristine"}));
  EXPECT_EQ(o.regimens.lexicon().Lookup("mini HCVD"), regimen);

  std::vector<std::string> tkis = o.DrugsInClass("tyrosine kinase inhibitor");
  EXPECT_NE(std::find(tkis.begin(), tkis.end(), "imatinib"), tkis.end());  // via bcr-abl inhibitor
  EXPECT_NE(std::find(tkis.begin(), tkis.end(), "dasatinib"), tkis.end());
  EXPECT_EQ(std::find(tkis.begin(), tkis.end(), "blinatumomab"), tkis.end());
  std::vector<std::string> bcr_abl = o.DrugsInClass("bcr-abl inhibitor");
  EXPECT_NE(std::find(bcr_abl.begin(), bcr_abl.end(), "imatinib"), bcr_abl.end());
  EXPECT_LT(bcr_abl.size(), tkis.size());
  EXPECT_TRUE(o.DrugsInClass("no such class").empty());
  std::optional<uint32_t> tki = o.drug_classes.lexicon().Lookup("TKIs");
  ASSERT_TRUE(tki.has_value());
  EXPECT_EQ(o.drug_classes.name(*tki), "tyrosine kinase inhibitor");
}

// Guards the data of cues.tsv: the lexicon reports one entry per spelling, so a spelling listed under
// two roles can only ever be found as the first of them.
// Guards supportive_care.tsv: generic supportive care by class (and subclass),
// regimen-bound support and the regimen's own drugs are not.
TEST(RealOntologyTest, GenericSupportiveCare) {
  const Ontology& o = RealOntology();
  for (const char* inn : {"allopurinol", "rasburicase", "ondansetron", "levofloxacin"})
    EXPECT_TRUE(o.IsGenericSupportiveCare(inn)) << inn;
  for (const char* inn : {"mesna", "leucovorin", "filgrastim", "cyclophosphamide", "not a drug"})
    EXPECT_FALSE(o.IsGenericSupportiveCare(inn)) << inn;
}

// Guards age_groups.tsv: the first group whose bounds the limits meet.
TEST(RealOntologyTest, AgeGroupOfLimits) {
  const Ontology& o = RealOntology();
  EXPECT_EQ(o.AgeGroupOf(56, std::nullopt), "older adult");
  EXPECT_EQ(o.AgeGroupOf(18, 60), "adult");
  EXPECT_EQ(o.AgeGroupOf(std::nullopt, 21), "pediatric");
  EXPECT_EQ(o.AgeGroupOf(1, 30), std::nullopt);
  EXPECT_EQ(o.AgeGroupOf(std::nullopt, std::nullopt), std::nullopt);
}

// Guards Ontology::TargetNounAt, the one rule for prose and registry names alike: a target noun right after a
// drug's name, not one further on.
TEST(RealOntologyTest, TargetNounRightAfterADrugName) {
  const Ontology& o = RealOntology();
  const std::string text = "MET tyrosine kinase inhibitor and tyrosine with a kinase";
  std::vector<Token> tokens = Tokenize(text);
  std::vector<Match> cues = o.cues.lexicon().FindAll(text, tokens);
  EXPECT_TRUE(o.TargetNounAt(2, cues));   // "kinase" after "MET tyrosine"
  EXPECT_FALSE(o.TargetNounAt(6, cues));  // "with" after the second "tyrosine"
  EXPECT_TRUE(o.TargetNounAt(8, cues));
  EXPECT_FALSE(Ontology().TargetNounAt(2, cues));  // no cues.tsv: no role, whatever the entries found
}

TEST(RealOntologyTest, NoCueSpellingBelongsToTwoRoles) {
  // and underwent (forward, treated) under two roles; Lexicon::LongestAt returns only the first, so the later
  // role never sees them.
  std::ifstream in(kOntologyDir + "/cues.tsv");
  ASSERT_TRUE(in) << kOntologyDir + "/cues.tsv";
  std::map<std::string, std::set<std::string>> roles_of;  // token norms -> roles
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (Trim(line).empty() || line.front() == '#') continue;
    std::vector<std::string> fields = Split(line, '\t');
    ASSERT_EQ(fields.size(), 2u) << line;
    std::string role(Trim(fields[0]));
    for (const std::string& raw : Split(fields[1], '|')) {
      std::string_view spelling = Trim(raw);
      if (spelling.starts_with("=")) spelling.remove_prefix(1);
      std::string key;
      for (const std::string& n : Norms(spelling)) key += (key.empty() ? "" : " ") + n;
      if (!key.empty()) roles_of[key].insert(role);
    }
  }
  ASSERT_GT(roles_of.size(), 50u);
  std::vector<std::string> clashes;
  for (const auto& [spelling, roles] : roles_of)
    if (roles.size() > 1) {
      std::string r;
      for (const std::string& role : roles) r += (r.empty() ? "" : ", ") + role;
      clashes.push_back("'" + spelling + "' (" + r + ")");
    }
  std::string all;
  for (const std::string& c : clashes) all += c + "; ";
  EXPECT_TRUE(clashes.empty()) << "spellings under two roles: " << all;
}

}  // namespace
}  // namespace trialgraph::ontology
