// KeyCodec owns every RocksDB key layout of the store. Nothing else builds or
// parses keys. Integers are fixed-width big-endian so keys sort numerically.
//
// Column family    key                                              value
// default          "format_version"                                  u32 BE
// nodes            NodeKey                                           CBOR node
// node_refs        NodeKey | doc u64                                 CBOR props the document reported
// out_edges        from NodeKey | EdgeKind u8 | to NodeKey | fact u64  CBOR edge
// in_edges         to NodeKey | EdgeKind u8 | from NodeKey | fact u64  (empty)
// documents        'D' | doc u64                                     CBOR document record
//                  'C' | content hash [16]                           doc u64
// names            normalised name | 0x00 | NodeKey                  (empty)
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/model.h"

namespace trialgraph {

//! The fixed-width identity of a node inside the store.
struct NodeKey {
  NodeKind kind = NodeKind::kDocument;
  uint64_t hash = 0;
  bool operator==(const NodeKey&) const = default;
  auto operator<=>(const NodeKey&) const = default;
};

//! A decoded edge key (either direction).
struct EdgeKey {
  NodeKey from;
  EdgeKind kind = EdgeKind::kDescribes;
  NodeKey to;
  uint64_t fact = 0;
  bool operator==(const EdgeKey&) const = default;
};

//! A decoded node reference: document `document` mentions node `node`.
struct NodeRefKey {
  NodeKey node;
  uint64_t document = 0;
};

class KeyCodec {
 public:
  static constexpr size_t kNodeKeySize = 1 + 8;
  static constexpr size_t kEdgeKeySize = kNodeKeySize + 1 + kNodeKeySize + 8;
  static constexpr size_t kNodeRefKeySize = kNodeKeySize + 8;
  static constexpr size_t kDocumentKeySize = 1 + 8;
  static constexpr size_t kContentKeySize = 1 + 16;
  static_assert(kNodeKeySize == 9, "node keys are kind byte + 64-bit hash");
  static_assert(kEdgeKeySize == 27, "edge keys are node|kind|node|fact");
  static_assert(kNodeRefKeySize == 17, "node refs are node|document");
  static_assert(sizeof(NodeKind) == 1 && sizeof(EdgeKind) == 1, "kinds are persisted as one byte");

  //! The key of the single meta entry holding the store's format version.
  static std::string_view FormatVersionKey() { return "format_version"; }
  static std::string EncodeU32(uint32_t v);
  //! Returns nullopt unless `bytes` is exactly 4 bytes.
  static std::optional<uint32_t> DecodeU32(std::string_view bytes);

  //! The node key of a public id ("drug:blinatumomab"); nullopt when the id has no known kind.
  static std::optional<NodeKey> NodeKeyOfId(std::string_view id);
  static std::string EncodeNodeKey(const NodeKey& key);
  static std::optional<NodeKey> DecodeNodeKey(std::string_view bytes);

  static std::string EncodeOutEdgeKey(const EdgeKey& key);
  static std::string EncodeInEdgeKey(const EdgeKey& key);
  static std::optional<EdgeKey> DecodeOutEdgeKey(std::string_view bytes);
  static std::optional<EdgeKey> DecodeInEdgeKey(std::string_view bytes);

  static std::string EncodeNodeRefKey(const NodeRefKey& key);
  static std::optional<NodeRefKey> DecodeNodeRefKey(std::string_view bytes);
  //! Prefix of every node_refs key of `node`.
  static std::string NodeRefPrefix(const NodeKey& node) { return EncodeNodeKey(node); }

  //! The document id hash used in document and node_refs keys.
  static uint64_t DocumentHash(std::string_view document_id);
  static std::string EncodeDocumentKey(uint64_t document);
  static std::optional<uint64_t> DecodeDocumentKey(std::string_view bytes);
  static std::string EncodeContentKey(const std::array<uint8_t, 16>& content_hash);

  //! Name index key; the name is normalised (lower case, single spaces) first.
  static std::string EncodeNameKey(std::string_view name, const NodeKey& node);
  //! Prefix that every name key starting with `name_prefix` shares.
  static std::string NamePrefix(std::string_view name_prefix);
  static std::optional<NodeKey> DecodeNameKeyNode(std::string_view bytes);
  //! Lower case, runs of white space folded to one space, trimmed.
  static std::string NormaliseName(std::string_view name);

 private:
  static constexpr char kDocumentTag = 'D';
  static constexpr char kContentTag = 'C';
  static void AppendU64(std::string* out, uint64_t v);
  static uint64_t ReadU64(std::string_view bytes);
  static std::string EncodeEdgeKey(const NodeKey& first, EdgeKind kind, const NodeKey& second, uint64_t fact);
};

}  // namespace trialgraph
