#include "ingest/numbers.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

namespace trialgraph::ingest {
namespace {

// Guards spelled-out numbers as abstracts write them, any case, hyphenated or not.
TEST(ParseSpelledNumberTest, AcceptsEnglishNumbers) {
  EXPECT_EQ(ParseSpelledNumber("Forty-eight"), 48.0);
  EXPECT_EQ(ParseSpelledNumber("forty eight"), 48.0);
  EXPECT_EQ(ParseSpelledNumber("One hundred forty-nine"), 149.0);
  EXPECT_EQ(ParseSpelledNumber("one hundred and forty-nine"), 149.0);
  EXPECT_EQ(ParseSpelledNumber("twelve"), 12.0);
  EXPECT_EQ(ParseSpelledNumber("TWELVE"), 12.0);
  EXPECT_EQ(ParseSpelledNumber("zero"), 0.0);
  EXPECT_EQ(ParseSpelledNumber("Ninety-nine"), 99.0);
  EXPECT_EQ(ParseSpelledNumber("two hundred"), 200.0);
  EXPECT_EQ(ParseSpelledNumber("hundred"), 100.0);
  EXPECT_EQ(ParseSpelledNumber("one thousand two hundred five"), 1205.0);
}

// Guards that words that are not numbers are rejected rather than read as 0.
TEST(ParseSpelledNumberTest, RejectsOtherWords) {
  EXPECT_FALSE(ParseSpelledNumber("patients").has_value());
  EXPECT_FALSE(ParseSpelledNumber("forty patients").has_value());
  EXPECT_FALSE(ParseSpelledNumber("").has_value());
  EXPECT_FALSE(ParseSpelledNumber("and").has_value());
  EXPECT_FALSE(ParseSpelledNumber("-").has_value());
  EXPECT_FALSE(ParseSpelledNumber("12").has_value());
  EXPECT_FALSE(ParseSpelledNumber("fourty").has_value());
}

// Guards decimals with digits: points, thousands separators, leading point.
TEST(NumberWordAlternationTest, MatchesOneToNinetyNine) {
  const RE2 word("(?i)^" + NumberWordAlternation() + "$");
  for (const char* w : {"one", "Seven", "nineteen", "twenty", "forty-eight", "forty eight", "ninety-nine"})
    EXPECT_TRUE(RE2::FullMatch(w, word)) << w;
  for (const char* w : {"zero", "hundred", "eight forty", "twenty-", "in"}) EXPECT_FALSE(RE2::FullMatch(w, word)) << w;
}

TEST(ParseDecimalTest, AcceptsDigitForms) {
  EXPECT_DOUBLE_EQ(*ParseDecimal("7.4"), 7.4);
  EXPECT_DOUBLE_EQ(*ParseDecimal("1,000"), 1000.0);
  EXPECT_DOUBLE_EQ(*ParseDecimal("12,345.5"), 12345.5);
  EXPECT_DOUBLE_EQ(*ParseDecimal(".05"), 0.05);
  EXPECT_DOUBLE_EQ(*ParseDecimal("0.41"), 0.41);
  EXPECT_DOUBLE_EQ(*ParseDecimal("35"), 35.0);
}

// Guards that malformed or non-numeric strings are rejected.
TEST(ParseDecimalTest, RejectsMalformed) {
  EXPECT_FALSE(ParseDecimal("1.2.3").has_value());
  EXPECT_FALSE(ParseDecimal("").has_value());
  EXPECT_FALSE(ParseDecimal(".").has_value());
  EXPECT_FALSE(ParseDecimal(",").has_value());
  EXPECT_FALSE(ParseDecimal("-1").has_value());
  EXPECT_FALSE(ParseDecimal("12a").has_value());
  EXPECT_FALSE(ParseDecimal("twelve").has_value());
  EXPECT_FALSE(ParseDecimal("7.4%").has_value());
}

// Guards the digits no double holds: no value, and no exception that ends the ingest.
TEST(ParseDecimalTest, DigitsBeyondADoubleAreNoValue) {
  EXPECT_EQ(ParseDecimal("1,000"), 1000.0);
  EXPECT_EQ(ParseDecimal(".05"), 0.05);
  EXPECT_FALSE(ParseDecimal(std::string(400, '9')).has_value());
  EXPECT_FALSE(ParseDecimal("1.2.3").has_value());
}

}  // namespace
}  // namespace trialgraph::ingest
