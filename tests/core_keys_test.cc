#include "core/keys.h"

#include <string>

#include <gtest/gtest.h>

#include "core/hash.h"

namespace trialgraph {
namespace {

// Guards the node key layout: kind byte + big-endian 64-bit hash, and decode of it.
TEST(KeyCodecTest, NodeKeyRoundTrip) {
  NodeKey key{NodeKind::kDrug, 0x0102030405060708ULL};
  std::string bytes = KeyCodec::EncodeNodeKey(key);
  ASSERT_EQ(bytes.size(), KeyCodec::kNodeKeySize);
  EXPECT_EQ(static_cast<uint8_t>(bytes[0]), static_cast<uint8_t>(NodeKind::kDrug));
  EXPECT_EQ(bytes.substr(1), std::string("\x01\x02\x03\x04\x05\x06\x07\x08", 8));
  std::optional<NodeKey> decoded = KeyCodec::DecodeNodeKey(bytes);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, key);
  for (NodeKind kind : kAllNodeKinds) {
    NodeKey k{kind, ~0ULL};
    EXPECT_EQ(KeyCodec::DecodeNodeKey(KeyCodec::EncodeNodeKey(k)), k);
  }
}

// Guards that out- and in-edge keys swap the ends and both decode back to the same EdgeKey.
TEST(KeyCodecTest, EdgeKeyRoundTripBothDirections) {
  EdgeKey key{{NodeKind::kTrial, 0x1111111111111111ULL}, EdgeKind::kTests, {NodeKind::kRegimen, 0x2222222222222222ULL},
              0xfedcba9876543210ULL};
  std::string out = KeyCodec::EncodeOutEdgeKey(key);
  std::string in = KeyCodec::EncodeInEdgeKey(key);
  ASSERT_EQ(out.size(), KeyCodec::kEdgeKeySize);
  ASSERT_EQ(in.size(), KeyCodec::kEdgeKeySize);
  EXPECT_NE(out, in);
  // The in-edge key starts with the target node.
  EXPECT_EQ(in.substr(0, KeyCodec::kNodeKeySize), KeyCodec::EncodeNodeKey(key.to));
  EXPECT_EQ(out.substr(0, KeyCodec::kNodeKeySize), KeyCodec::EncodeNodeKey(key.from));
  EXPECT_EQ(static_cast<uint8_t>(out[KeyCodec::kNodeKeySize]), static_cast<uint8_t>(EdgeKind::kTests));
  EXPECT_EQ(KeyCodec::DecodeOutEdgeKey(out), key);
  EXPECT_EQ(KeyCodec::DecodeInEdgeKey(in), key);
}

// Guards the node_refs layout (node key | document hash) and its decode.
TEST(KeyCodecTest, NodeRefKeyRoundTrip) {
  NodeRefKey ref{{NodeKind::kPopulation, 42}, 0x8000000000000001ULL};
  std::string bytes = KeyCodec::EncodeNodeRefKey(ref);
  ASSERT_EQ(bytes.size(), KeyCodec::kNodeRefKeySize);
  EXPECT_TRUE(bytes.starts_with(KeyCodec::NodeRefPrefix(ref.node)));
  std::optional<NodeRefKey> decoded = KeyCodec::DecodeNodeRefKey(bytes);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->node, ref.node);
  EXPECT_EQ(decoded->document, ref.document);
}

// Guards the document key layout ('D' | hash) and that DocumentHash is the stable id hash.
TEST(KeyCodecTest, DocumentKeyRoundTrip) {
  uint64_t doc = KeyCodec::DocumentHash("document:pmid:12345678");
  EXPECT_EQ(doc, StableHash64("document:pmid:12345678"));
  std::string bytes = KeyCodec::EncodeDocumentKey(doc);
  ASSERT_EQ(bytes.size(), KeyCodec::kDocumentKeySize);
  EXPECT_EQ(bytes[0], 'D');
  EXPECT_EQ(KeyCodec::DecodeDocumentKey(bytes), doc);
  // A content key is not a document key even when the lengths were equal.
  std::string wrong_tag = bytes;
  wrong_tag[0] = 'C';
  EXPECT_FALSE(KeyCodec::DecodeDocumentKey(wrong_tag).has_value());
  std::array<uint8_t, 16> content{};
  content[15] = 7;
  std::string ckey = KeyCodec::EncodeContentKey(content);
  ASSERT_EQ(ckey.size(), KeyCodec::kContentKeySize);
  EXPECT_EQ(ckey[0], 'C');
  EXPECT_EQ(static_cast<uint8_t>(ckey[16]), 7);
}

// Guards big-endian encoding: byte-wise key order equals numeric hash order.
TEST(KeyCodecTest, BigEndianKeysSortNumerically) {
  const uint64_t hashes[] = {0, 1, 0xff, 0x100, 0x1234, 0xffffffffULL, 0x100000000ULL, 0x7fffffffffffffffULL,
                             0x8000000000000000ULL, ~0ULL};
  for (size_t i = 0; i + 1 < std::size(hashes); ++i) {
    NodeKey a{NodeKind::kDrug, hashes[i]}, b{NodeKind::kDrug, hashes[i + 1]};
    EXPECT_LT(KeyCodec::EncodeNodeKey(a), KeyCodec::EncodeNodeKey(b)) << hashes[i] << " vs " << hashes[i + 1];
    EXPECT_LT(KeyCodec::EncodeDocumentKey(hashes[i]), KeyCodec::EncodeDocumentKey(hashes[i + 1]));
    EXPECT_LT(KeyCodec::EncodeNodeRefKey({a, 5}), KeyCodec::EncodeNodeRefKey({b, 0}));
    EdgeKey ea{a, EdgeKind::kContains, b, hashes[i]}, eb{a, EdgeKind::kContains, b, hashes[i + 1]};
    EXPECT_LT(KeyCodec::EncodeOutEdgeKey(ea), KeyCodec::EncodeOutEdgeKey(eb));
  }
  // The kind byte sorts first: every trial key precedes every drug key.
  EXPECT_LT(KeyCodec::EncodeNodeKey({NodeKind::kTrial, ~0ULL}), KeyCodec::EncodeNodeKey({NodeKind::kDrug, 0}));
  EXPECT_EQ(KeyCodec::DecodeU32(KeyCodec::EncodeU32(0x01020304)), 0x01020304u);
  EXPECT_EQ(KeyCodec::EncodeU32(1), std::string("\0\0\0\1", 4));
}

// Guards that decoders reject keys of the wrong size.
TEST(KeyCodecTest, DecodeRejectsWrongSizes) {
  std::string node = KeyCodec::EncodeNodeKey({NodeKind::kDrug, 9});
  EXPECT_FALSE(KeyCodec::DecodeNodeKey(node.substr(0, 8)).has_value());
  EXPECT_FALSE(KeyCodec::DecodeNodeKey(node + "x").has_value());
  EXPECT_FALSE(KeyCodec::DecodeNodeKey("").has_value());
  std::string edge = KeyCodec::EncodeOutEdgeKey({{NodeKind::kTrial, 1}, EdgeKind::kTests, {NodeKind::kRegimen, 2}, 3});
  EXPECT_FALSE(KeyCodec::DecodeOutEdgeKey(edge.substr(0, edge.size() - 1)).has_value());
  EXPECT_FALSE(KeyCodec::DecodeInEdgeKey(edge + '\0').has_value());
  std::string ref = KeyCodec::EncodeNodeRefKey({{NodeKind::kDrug, 1}, 2});
  EXPECT_FALSE(KeyCodec::DecodeNodeRefKey(ref.substr(0, 16)).has_value());
  EXPECT_FALSE(KeyCodec::DecodeNodeRefKey(ref + "z").has_value());
  std::string doc = KeyCodec::EncodeDocumentKey(5);
  EXPECT_FALSE(KeyCodec::DecodeDocumentKey(doc.substr(0, 8)).has_value());
  EXPECT_FALSE(KeyCodec::DecodeDocumentKey(doc + "z").has_value());
  EXPECT_FALSE(KeyCodec::DecodeU32("abc").has_value());
  EXPECT_FALSE(KeyCodec::DecodeU32("abcde").has_value());
}

// Guards that unknown node-kind and edge-kind bytes are rejected, not cast into the enums.
TEST(KeyCodecTest, DecodeRejectsUnknownKindBytes) {
  std::string node = KeyCodec::EncodeNodeKey({NodeKind::kDrug, 9});
  for (uint8_t bad : {uint8_t{0}, uint8_t{8}, uint8_t{0xff}}) {
    std::string k = node;
    k[0] = static_cast<char>(bad);
    EXPECT_FALSE(KeyCodec::DecodeNodeKey(k).has_value()) << int(bad);
  }
  std::string edge = KeyCodec::EncodeOutEdgeKey({{NodeKind::kTrial, 1}, EdgeKind::kTests, {NodeKind::kRegimen, 2}, 3});
  for (uint8_t bad : {uint8_t{0}, uint8_t{7}, uint8_t{0x80}}) {
    std::string k = edge;
    k[KeyCodec::kNodeKeySize] = static_cast<char>(bad);  // the edge kind
    EXPECT_FALSE(KeyCodec::DecodeOutEdgeKey(k).has_value()) << int(bad);
    EXPECT_FALSE(KeyCodec::DecodeInEdgeKey(k).has_value()) << int(bad);
  }
  std::string bad_second = edge;
  bad_second[KeyCodec::kNodeKeySize + 1] = 0;  // kind byte of the second node
  EXPECT_FALSE(KeyCodec::DecodeOutEdgeKey(bad_second).has_value());
  std::string ref = KeyCodec::EncodeNodeRefKey({{NodeKind::kDrug, 1}, 2});
  ref[0] = 9;
  EXPECT_FALSE(KeyCodec::DecodeNodeRefKey(ref).has_value());
}

// Guards NodeKeyOfId: kind from the id prefix, hash of the whole id, nullopt without a known kind.
TEST(KeyCodecTest, NodeKeyOfIdNeedsKnownKindPrefix) {
  std::optional<NodeKey> key = KeyCodec::NodeKeyOfId("drug:blinatumomab");
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(key->kind, NodeKind::kDrug);
  EXPECT_EQ(key->hash, StableHash64("drug:blinatumomab"));
  EXPECT_EQ(KeyCodec::NodeKeyOfId("adverse_event:neutropenia")->kind, NodeKind::kAdverseEvent);
  EXPECT_NE(KeyCodec::NodeKeyOfId("drug:blinatumomab"), KeyCodec::NodeKeyOfId("drug:inotuzumab ozogamicin"));
  EXPECT_FALSE(KeyCodec::NodeKeyOfId("blinatumomab").has_value());
  EXPECT_FALSE(KeyCodec::NodeKeyOfId("medicine:blinatumomab").has_value());
  EXPECT_FALSE(KeyCodec::NodeKeyOfId("Drug:blinatumomab").has_value());
  EXPECT_FALSE(KeyCodec::NodeKeyOfId("drug:").has_value());
  EXPECT_FALSE(KeyCodec::NodeKeyOfId(":blinatumomab").has_value());
  EXPECT_FALSE(KeyCodec::NodeKeyOfId("").has_value());
}

// Guards name normalisation (lower case, folded and trimmed white space) and the name index key layout.
TEST(KeyCodecTest, NormaliseNameAndNameKeys) {
  EXPECT_EQ(KeyCodec::NormaliseName("  Inotuzumab \t  OZOGAMICIN \n"), "inotuzumab ozogamicin");
  EXPECT_EQ(KeyCodec::NormaliseName("Blinatumomab"), "blinatumomab");
  EXPECT_EQ(KeyCodec::NormaliseName("   "), "");
  EXPECT_EQ(KeyCodec::NormaliseName(""), "");
  EXPECT_EQ(KeyCodec::NormaliseName("mini-HCVD"), "mini-hcvd");
  NodeKey node{NodeKind::kDrug, 77};
  std::string key = KeyCodec::EncodeNameKey("Blin  Cyto", node);
  EXPECT_TRUE(key.starts_with(KeyCodec::NamePrefix("BLIN c")));
  EXPECT_EQ(key.substr(0, 10), "blin cyto" + std::string(1, '\0'));
  EXPECT_EQ(KeyCodec::DecodeNameKeyNode(key), node);
  EXPECT_FALSE(KeyCodec::DecodeNameKeyNode("short").has_value());
  EXPECT_FALSE(KeyCodec::DecodeNameKeyNode("x" + KeyCodec::EncodeNodeKey(node)).has_value());  // no separator
}

}  // namespace
}  // namespace trialgraph
