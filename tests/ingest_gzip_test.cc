#include "ingest/gzip.h"

#include <zlib.h>

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/test_support.h"

namespace trialgraph::ingest {
namespace {

using trialgraph::testing::GzipOf;
using trialgraph::testing::Slurp;


const std::string kMedline = TRIALGRAPH_SHARED_DIR "/data/pubmed/medline16n0902.xml.gz";

TEST(Gzip, RecognisesMagic) {
  EXPECT_TRUE(IsGzip("\x1f\x8b\x08"));
  EXPECT_FALSE(IsGzip("<?xml"));
  EXPECT_FALSE(IsGzip(""));
}

TEST(Gzip, InflatesRealMedlineFile) {
  std::string out;
  Status st = Gunzip(Slurp(kMedline), &out);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_GT(out.size(), 1000000u);
  EXPECT_NE(out.find("<MedlineCitationSet>"), std::string::npos);
}

TEST(Gzip, TruncatedStreamIsAnError) {
  std::string bytes = Slurp(kMedline);
  std::string out;
  Status st = Gunzip(bytes.substr(0, bytes.size() / 2), &out);
  EXPECT_TRUE(st.IsInvalidArgument());
  EXPECT_EQ(st.message(), "truncated gzip stream");
  EXPECT_TRUE(out.empty());
}

TEST(Gzip, CorruptStreamIsAnError) {
  std::string out;
  Status st = Gunzip(std::string("\x1f\x8b\x08\x00garbage-garbage-garbage", 27), &out);
  EXPECT_FALSE(st.ok());
}

TEST(Gzip, RefusesOutputOverLimit) {
  std::string out;
  Status st = Gunzip(Slurp(kMedline), &out, 1000);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("refused"), std::string::npos);
  EXPECT_TRUE(out.empty());
}


TEST(Gzip, InflatesEveryMember) {
  std::string out;
  ASSERT_TRUE(Gunzip(GzipOf("first ") + GzipOf("second"), &out).ok());
  EXPECT_EQ(out, "first second");
}

TEST(Gzip, PrefixInflatesOnlyTheStart) {
  std::string head;
  GunzipPrefix(Slurp(kMedline), 1 << 16, &head);
  EXPECT_EQ(head.size(), size_t{1} << 16);
  EXPECT_NE(head.find("<MedlineCitationSet>"), std::string::npos);
  GunzipPrefix(Slurp(kMedline), 100, &head);
  EXPECT_EQ(head.size(), 100u);
  GunzipPrefix(GzipOf("ab") + GzipOf("cdef"), 5, &head);  // across members
  EXPECT_EQ(head, "abcde");
  GunzipPrefix(std::string("\x1f\x8b\x08\x00garbage-garbage-garbage", 27), 1 << 16, &head);
  EXPECT_TRUE(head.empty());
}

}  // namespace
}  // namespace trialgraph::ingest
