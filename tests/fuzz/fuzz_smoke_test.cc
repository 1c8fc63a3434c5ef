// A deterministic fuzz smoke test for ctest: runs the libFuzzer entry
// functions (tests/fuzz/fuzz_entry.h) over inputs derived from real files
// (truncations, byte flips with a fixed-seed PRNG) and over hand-made hostile
// inputs (deep nesting, entity expansion, huge numbers, a 20 MB line, invalid
// UTF-8). Asserts only that nothing crashes and that every failure is a
// Status with a non-empty message.

#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/fuzz/fuzz_entry.h"
#include "tests/test_support.h"

namespace trialgraph::fuzz {
namespace {

using testing::GzipOf;
using testing::Slurp;

const std::string kData = TRIALGRAPH_SHARED_DIR "/data/";
const std::string kSamples = TRIALGRAPH_SOURCE_DIR "/samples/corpus/";

// Small real files, one or more of every format ReadDocuments knows (PubTator: see RealInputs).
std::vector<std::string> RealFiles() {
  return {kData + "pubmed/pubmed1.xml",             kData + "pubmed/pubmed_result1.txt",
          kData + "pubmed/pubmed_result3.txt",      kData + "pubmed/efetch_pmc.xml",
          kData + "pubmed/test_current_medline.xml.gz", kData + "ctgov/json/NCT03453554.json",
          kData + "ctgov/json/NCT00465816.json",    kData + "ctgov/json/NCT00973089.json",
          kData + "ctgov/xml/NCT03245528.xml",      kSamples + "01_tower-blinatumomab.txt",
          kSamples + "11_viale-a-azacitidine-venetoclax.txt"};
}

struct RealInput {
  std::string name, bytes;
};

// The bytes of RealFiles(), and the first three records of the BC5CDR corpus
// (PubTator; the whole file is a megabyte, too much for every mutant).
std::vector<RealInput> RealInputs() {
  std::vector<RealInput> inputs;
  for (const std::string& path : RealFiles()) inputs.push_back({path, Slurp(path)});
  std::string corpus = Slurp(kData + "bc5cdr/CDR_DevelopmentSet.PubTator.txt");
  size_t end = 0;
  for (int record = 0; record < 3; ++record) end = corpus.find("\n\n", end) + 2;
  inputs.push_back({"CDR_DevelopmentSet.PubTator.txt (3 records)", corpus.substr(0, end)});
  return inputs;
}

// Runs one input through the readers entry: the libFuzzer body (aborts on
// an empty failure message) and the Status-returning function, so a failure
// shows up in the test output too.
void Feed(const std::string& bytes, const std::string& what) {
  FuzzReadersOnce(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  Status st = ReadAndExtract(bytes);
  EXPECT_TRUE(st.ok() || !st.message().empty()) << what;
}

Status FeedStatus(const std::string& bytes) {
  Status st = ReadAndExtract(bytes);
  EXPECT_TRUE(st.ok() || !st.message().empty());
  return st;
}

TEST(FuzzSmoke, RealFilesReadCleanly) {
  for (const auto& [path, bytes] : RealInputs()) {
    ASSERT_FALSE(bytes.empty()) << path;
    // A PMC article set is a seed for the mutations below, not a format
    // trialgraph reads; whether it is refused or read as text is not our business here.
    if (path.ends_with("efetch_pmc.xml")) continue;
    Status st = ReadAndExtract(bytes);
    EXPECT_TRUE(st.ok()) << path << ": " << st.ToString();
  }
}

TEST(FuzzSmoke, Truncations) {
  for (const auto& [path, bytes] : RealInputs()) {
    const size_t steps = 48;
    for (size_t i = 0; i <= steps; ++i) {
      size_t cut = bytes.size() * i / steps;
      Feed(bytes.substr(0, cut), path + " cut at " + std::to_string(cut));
    }
    for (size_t cut = 0; cut < std::min<size_t>(bytes.size(), 24); ++cut) Feed(bytes.substr(0, cut), path);
  }
}

TEST(FuzzSmoke, ByteFlips) {
  std::mt19937 rng(20240601);  // fixed seed: the same mutants every run
  for (const auto& [path, bytes] : RealInputs()) {
    for (int round = 0; round < 40; ++round) {
      std::string m = bytes;
      int flips = 1 + static_cast<int>(rng() % 8);
      for (int f = 0; f < flips; ++f) {
        size_t at = rng() % m.size();
        switch (rng() % 4) {
          case 0: m[at] = static_cast<char>(m[at] ^ (1u << (rng() % 8))); break;
          case 1: m[at] = static_cast<char>(rng() & 0xFF); break;
          case 2: m.erase(at, 1 + rng() % 16); break;
          case 3: m.insert(at, m.substr(rng() % m.size(), 1 + rng() % 64)); break;
        }
        if (m.empty()) m = "x";
      }
      Feed(m, path + " mutant " + std::to_string(round));
    }
  }
}

TEST(FuzzSmoke, DeepNesting) {
  const int depth = 10000;
  std::string open, close;
  for (int i = 0; i < depth; ++i) open += "<a>", close += "</a>";
  EXPECT_FALSE(FeedStatus("<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID>" + open + close +
                          "</MedlineCitation></PubmedArticle></PubmedArticleSet>")
                   .ok());
  EXPECT_FALSE(FeedStatus("<clinical_study>" + open + close + "</clinical_study>").ok());
  Feed("<clinical_study>" + open, "unclosed deep clinical_study");
  std::string arrays(depth, '['), ends(depth, ']');
  Feed("{\"studies\": " + arrays + ends + "}", "10,000 nested JSON arrays");
  Feed("{\"studies\": " + arrays, "10,000 unclosed JSON arrays");
  std::string objects;
  for (int i = 0; i < depth; ++i) objects += "{\"protocolSection\":";
  Feed(objects + "{}" + std::string(depth, '}'), "10,000 nested JSON objects");
  Feed(std::string(depth, '(') + " patients received blinatumomab " + std::string(depth, ')'), "nested brackets");
}

TEST(FuzzSmoke, EntityExpansion) {
  std::string laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE PubmedArticleSet [\n<!ENTITY lol \"lol\">\n";
  laughs += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n";
  for (int i = 2; i <= 9; ++i) {
    std::string prev = "&lol" + std::to_string(i - 1) + ";";
    laughs += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) laughs += prev;
    laughs += "\">\n";
  }
  laughs += "]>\n<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>&lol9;"
            "</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>\n";
  auto start = std::chrono::steady_clock::now();
  Feed(laughs, "billion laughs (PubMed)");
  std::string ctgov = laughs.substr(0, laughs.find("]>") + 3) +
                      "<clinical_study><brief_title>&lol9;</brief_title></clinical_study>\n";
  size_t doctype = ctgov.find("PubmedArticleSet");
  ctgov.replace(doctype, 16, "clinical_study");
  Feed(ctgov, "billion laughs (clinical_study)");
  Feed(GzipOf(laughs), "gzipped billion laughs");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  // External entities must not be read from disk (XXE).
  std::string xxe = "<?xml version=\"1.0\"?><!DOCTYPE clinical_study [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                    "<clinical_study><brief_title>&x;</brief_title></clinical_study>";
  Feed(xxe, "XXE clinical_study");
  Feed("<?xml version=\"1.0\"?><!DOCTYPE PubmedArticleSet [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
       "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>&x;</ArticleTitle>"
       "</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>",
       "XXE PubMed");
}

TEST(FuzzSmoke, HugeNumbers) {
  const std::string base = Slurp(kData + "ctgov/json/NCT03453554.json");
  for (const char* number : {"1e400", "-1e400", "99999999999999999999", "-99999999999999999999", "1e308",
                             "18446744073709551615", "-9223372036854775808", "4.9e-324", "0.0000000000000000001",
                             "123456789012345678901234567890123456789012345678901234567890"}) {
    std::string doc = std::string("{\"protocolSection\":{\"identificationModule\":{\"nctId\":") + number +
                      ",\"briefTitle\":" + number + "},\"designModule\":{\"enrollmentInfo\":{\"count\":" + number +
                      "},\"phases\":[" + number + "]},\"eligibilityModule\":{\"minimumAge\":" + number +
                      "}},\"resultsSection\":{\"participantFlowModule\":{\"groups\":[{\"id\":" + number +
                      "}],\"periods\":[{\"milestones\":[{\"type\":\"STARTED\",\"achievements\":[{\"groupId\":" +
                      number + ",\"numSubjects\":" + number + "}]}]}]}}}";
    Feed(doc, std::string("huge number ") + number);
    std::string text = std::string("Overall survival was ") + number + " months versus " + number +
                       " months (hazard ratio, " + number + "; 95% CI, " + number + " to " + number +
                       "; P=" + number + ") among " + number + " patients randomized to blinatumomab.\n";
    Feed("A randomized trial of blinatumomab in adults\n" + text, std::string("huge number in text ") + number);
    Feed("PMID- 1\nTI  - Trial of " + std::string(number) + " patients\nAB  - " + text, "MEDLINE huge number");
  }
  // Digits beyond any double or int, where the extractors read rates, arm sizes and ages (std::stod and std::stoi
  // threw out_of_range here and ended the process).
  const std::string digits(400, '9');
  Feed("A randomized phase 2 trial of blinatumomab in ALL\nThe complete remission rate was " + digits +
           "%. The blinatumomab group (n = " + digits + ") and the placebo group (n = 99999999999) were compared; " +
           digits + " patients were assigned to each group. The median age was " + digits + " years.\n",
       "digits beyond a double");
  // Numbers where the readers expect text, and a field that is itself huge.
  std::string count = "{\"protocolSection\":{\"identificationModule\":{\"nctId\":\"NCT00000001\"},\"designModule\":"
                      "{\"enrollmentInfo\":{\"count\":\"" + std::string(5000, '9') + "\"}}}}";
  Feed(count, "5000-digit count string");
  Feed(base, "unmodified base");
}

TEST(FuzzSmoke, TwentyMegabyteLine) {
  auto start = std::chrono::steady_clock::now();
  std::string line;
  const std::string words = "patients received blinatumomab 28 days versus chemotherapy 42.5% ";
  while (line.size() < (20u << 20)) line += words;
  Feed("A randomized trial of blinatumomab in adults\n" + line + "\n", "20 MB line");
  Feed(std::string(20u << 20, 'a'), "20 MB of one letter");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(15));
}

TEST(FuzzSmoke, InvalidUtf8AndBinary) {
  const std::string page = Slurp(kSamples + "01_tower-blinatumomab.txt");
  for (const std::string& bad : {std::string("\xC3\x28"), std::string("\xED\xA0\x80"), std::string("\xF5\x80\x80\x80"),
                                 std::string("\xC0\xAF"), std::string("\xE2\x82"), std::string("\xFF\xFE"),
                                 std::string(1, '\0')}) {
    EXPECT_FALSE(FeedStatus(page.substr(0, page.size() / 2) + bad + page.substr(page.size() / 2)).ok());
    Feed(page + bad, "bad bytes at the end");
    Feed("PMID- 1\nTI  - A trial " + bad + "\n", "MEDLINE with bad bytes");
    Feed("{\"protocolSection\":{\"identificationModule\":{\"briefTitle\":\"" + bad + "\"}}}", "JSON with bad bytes");
    Feed("<clinical_study><brief_title>" + bad + "</brief_title></clinical_study>", "ctgov XML with bad bytes");
    Feed("<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>" + bad +
             "</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>",
         "PubMed XML with bad bytes");
  }
  EXPECT_FALSE(FeedStatus("").ok());
  EXPECT_FALSE(FeedStatus(std::string("\x1f\x8b", 2)).ok());
  EXPECT_FALSE(FeedStatus(GzipOf(page).substr(0, 100)).ok());
  EXPECT_FALSE(FeedStatus(GzipOf(GzipOf(page))).ok());
  std::mt19937 rng(7);
  std::string binary(1 << 16, '\0');
  for (char& c : binary) c = static_cast<char>(rng() & 0xFF);
  EXPECT_FALSE(FeedStatus(binary).ok());
}

TEST(FuzzSmoke, TextPageEntry) {
  for (const std::string& input :
       {std::string(), std::string("\n\n\n"), std::string("PMID: 123456\n"), Slurp(kSamples + "02_inovate-inotuzumab.txt"),
        std::string(100000, '\n'), std::string(50000, '.') + "\n", std::string("\xEF\xBB\xBF") + "A trial of drugs in adults\n"}) {
    FuzzTextPageOnce(reinterpret_cast<const uint8_t*>(input.data()), input.size());
    Status st = ReadTextPageAndExtract(input);
    EXPECT_TRUE(st.ok() || !st.message().empty());
  }
}

TEST(FuzzSmoke, Questions) {
  std::vector<std::string> questions = {
      "", " ", "trials", "regimens with blinatumomab and inotuzumab in salvage", "phase 3 trials",
      "trials phase II/III", "drugs combined with blinatumomab", "adverse events of Besponsa", "trials of TKIs",
      "regimens with blinatumomab or mini-HCVD", "trials without rituximab",
      "endpoints of blinatumomab after transplant", "regimens with", "trials with and", "trials phase",
      "trials phase 99999999999999999999", "trials with with with", "trials without", "or or or", "in in in",
      "trials with blinatumomab or", "\xFF\xFE", std::string("trials\0with", 11), "TRIALS WITH BLINATUMOMAB"};
  std::string long_question = "trials with blinatumomab";
  while (long_question.size() < (1u << 20)) long_question += " and inotuzumab";
  questions.push_back(long_question);
  questions.push_back(std::string(1u << 20, 'a'));
  std::string many_or = "regimens with blinatumomab";
  for (int i = 0; i < 2000; ++i) many_or += " or TKIs";
  questions.push_back(many_or);
  std::mt19937 rng(99);
  const std::vector<std::string> words = {"trials", "regimens", "with", "without", "and", "or", "in", "phase", "3",
                                          "blinatumomab", "TKIs", "salvage", "reporting", "overall", "survival",
                                          "adults", "Ph+", "combined", "of", "after", "transplant", "II/III"};
  for (int i = 0; i < 500; ++i) {
    std::string q;
    for (size_t n = rng() % 12; n > 0; --n) q += words[rng() % words.size()] + " ";
    questions.push_back(q);
  }
  for (const std::string& q : questions) {
    FuzzQuestionOnce(reinterpret_cast<const uint8_t*>(q.data()), q.size());
    Status st = ParseQuestionText(q);
    EXPECT_TRUE(st.ok() || !st.message().empty()) << q.substr(0, 80);
  }
}

}  // namespace
}  // namespace trialgraph::fuzz
