// Arm rules of ingest/extract_arms.cc, on small documents.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/extract_support.h"

namespace trialgraph::ingest {
namespace {

using trialgraph::testing::ExtractText;

const char kTitle[] = "Dasatinib and chemotherapy for acute lymphoblastic leukemia";

std::vector<std::string> OnlyArmDrugs(const Extraction& x) {
  EXPECT_EQ(x.trials.size(), 1u);
  if (x.trials.empty()) return {};
  EXPECT_EQ(x.trials[0].arms.size(), 1u);
  return x.trials[0].arms.empty() ? std::vector<std::string>{} : x.trials[0].arms[0].regimen.drugs;
}

// Tumour-lysis prophylaxis and anti-infectives go with every protocol;
// regimen-bound support (mesna with cyclophosphamide) stays.
TEST(ExtractArms, GenericSupportiveCareLeavesTheRegimen) {
  Extraction x = ExtractText(kTitle, {"You will receive dasatinib and cyclophosphamide with mesna in this study.",
                                      "You will also receive allopurinol or rasburicase and antibiotics such as levofloxacin."});
  EXPECT_EQ(OnlyArmDrugs(x), (std::vector<std::string>{"dasatinib", "cyclophosphamide", "mesna"}));
}

// A trial of the supportive drug itself keeps it.
TEST(ExtractArms, SupportiveDrugUnderTestStays) {
  Extraction x = ExtractText("Rasburicase for the prevention of tumor lysis in acute leukemia",
                             {"Patients will receive rasburicase daily for five days in this study."});
  EXPECT_EQ(OnlyArmDrugs(x), std::vector<std::string>{"rasburicase"});
}

// "If the doctor thinks it is needed, you will also receive rituximab": a
// condition of the protocol, not background.
TEST(ExtractArms, ConditionalBackgroundCueKeepsTheTreatment) {
  Extraction x = ExtractText(kTitle, {"You will receive dasatinib by mouth every day in this study.",
                                      "If the doctor thinks it is needed, you will also receive rituximab by vein."});
  EXPECT_EQ(OnlyArmDrugs(x), (std::vector<std::string>{"dasatinib", "rituximab"}));
}

}  // namespace
}  // namespace trialgraph::ingest
