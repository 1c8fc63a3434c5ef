// The drug vocabulary with the DrugBank-derived drugs_drugbank.tsv loaded
// after the curated drugs.tsv.
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "ontology/ontology.h"

namespace trialgraph::ontology {
namespace {

const std::string kOntologyDir = TRIALGRAPH_SOURCE_DIR "/ontology";

class DrugBankTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ontology_ = new Ontology();
    Status st = Ontology::Load(kOntologyDir, ontology_);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  static void TearDownTestSuite() {
    delete ontology_;
    ontology_ = nullptr;
  }
  // Canonical name of the drug `phrase` spells, or "" when it spells none.
  static std::string Resolve(const std::string& phrase) {
    std::optional<uint32_t> e = ontology_->drugs.lexicon().Lookup(phrase);
    return e ? ontology_->drugs.name(*e) : "";
  }
  static Ontology* ontology_;
};

Ontology* DrugBankTest::ontology_ = nullptr;

TEST_F(DrugBankTest, LoadsBothFiles) {
  // ~300 curated drugs plus thousands from DrugBank.
  EXPECT_GT(ontology_->drugs.size(), 5000u);
  ASSERT_TRUE(ontology_->drugs.Find("imatinib"));
  ASSERT_TRUE(ontology_->drugs.Find("lisinopril"));
  // Curated rows come first and keep their classes.
  EXPECT_LT(*ontology_->drugs.Find("imatinib"), *ontology_->drugs.Find("lisinopril"));
  EXPECT_FALSE(ontology_->drugs.list(*ontology_->drugs.Find("imatinib"), Ontology::kDrugClasses).empty());
}

TEST_F(DrugBankTest, CuratedWins) {
  EXPECT_EQ(Resolve("Gleevec"), "imatinib");
  EXPECT_EQ(Resolve("STI-571"), "imatinib");
  EXPECT_EQ(Resolve("imatinib"), "imatinib");
}

TEST_F(DrugBankTest, DrugBankOnlyDrugResolves) {
  EXPECT_EQ(Resolve("lisinopril"), "lisinopril");
  EXPECT_EQ(Resolve("Lisinopril"), "lisinopril");
  EXPECT_EQ(Resolve("Lisinoprilum"), "lisinopril");  // DrugBank synonym
  EXPECT_EQ(Resolve("lisinopril anhydrous"), "lisinopril");
}

TEST_F(DrugBankTest, EverydayWordsAndElementsAreNotDrugs) {
  for (const char* word : {"lead", "Lead", "water", "gold", "iron", "oxygen", "ice", "urea", "glucose", "sodium",
                           "potassium", "hemoglobin"})
    EXPECT_EQ(Resolve(word), "") << word;
}

// Cytokines and enzymes a trial measures are the body's own molecules, not drugs given; interleukin-2, a medicine,
// stays.
TEST_F(DrugBankTest, MeasuredCytokinesAndEnzymesAreNotDrugs) {
  for (const char* analyte : {"interleukin-6", "interleukin 8", "alpha-glucosidase", "acid maltase"})
    EXPECT_EQ(Resolve(analyte), "") << analyte;
  EXPECT_EQ(Resolve("interleukin-2"), "human interleukin-2");
}

TEST_F(DrugBankTest, MedicinesThatAreDictionaryWordsStay) {
  EXPECT_EQ(Resolve("morphine"), "morphine");
  EXPECT_EQ(Resolve("caffeine"), "caffeine");
}

TEST_F(DrugBankTest, ShortCodesAreCaseSensitive) {
  EXPECT_EQ(Resolve("T3"), "liothyronine");
  EXPECT_EQ(Resolve("t3"), "");
  EXPECT_EQ(Resolve("N2O"), "nitrous oxide");
  EXPECT_EQ(Resolve("n2o"), "");
}

}  // namespace
}  // namespace trialgraph::ontology
