#include "core/keys.h"

#include <cctype>

#include "core/hash.h"

namespace trialgraph {

void KeyCodec::AppendU64(std::string* out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out->push_back(static_cast<char>((v >> shift) & 0xff));
}

uint64_t KeyCodec::ReadU64(std::string_view bytes) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(bytes[i]);
  return v;
}

std::string KeyCodec::EncodeU32(uint32_t v) {
  std::string out;
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xff));
  return out;
}

std::optional<uint32_t> KeyCodec::DecodeU32(std::string_view bytes) {
  if (bytes.size() != 4) return std::nullopt;
  uint32_t v = 0;
  for (char c : bytes) v = (v << 8) | static_cast<uint8_t>(c);
  return v;
}

std::optional<NodeKey> KeyCodec::NodeKeyOfId(std::string_view id) {
  std::optional<NodeKind> kind = NodeKindOfId(id);
  if (!kind) return std::nullopt;
  return NodeKey{*kind, StableHash64(id)};
}

std::string KeyCodec::EncodeNodeKey(const NodeKey& key) {
  std::string out;
  out.reserve(kNodeKeySize);
  out.push_back(static_cast<char>(key.kind));
  AppendU64(&out, key.hash);
  return out;
}

std::optional<NodeKey> KeyCodec::DecodeNodeKey(std::string_view bytes) {
  if (bytes.size() != kNodeKeySize) return std::nullopt;
  uint8_t kind = static_cast<uint8_t>(bytes[0]);
  if (kind < static_cast<uint8_t>(NodeKind::kDocument) || kind > static_cast<uint8_t>(NodeKind::kAdverseEvent))
    return std::nullopt;
  return NodeKey{static_cast<NodeKind>(kind), ReadU64(bytes.substr(1))};
}

std::string KeyCodec::EncodeEdgeKey(const NodeKey& first, EdgeKind kind, const NodeKey& second, uint64_t fact) {
  std::string out = EncodeNodeKey(first);
  out.reserve(kEdgeKeySize);
  out.push_back(static_cast<char>(kind));
  out += EncodeNodeKey(second);
  AppendU64(&out, fact);
  return out;
}

std::string KeyCodec::EncodeOutEdgeKey(const EdgeKey& key) { return EncodeEdgeKey(key.from, key.kind, key.to, key.fact); }
std::string KeyCodec::EncodeInEdgeKey(const EdgeKey& key) { return EncodeEdgeKey(key.to, key.kind, key.from, key.fact); }

static std::optional<EdgeKey> DecodeEdgeParts(std::string_view bytes, bool outgoing) {
  if (bytes.size() != KeyCodec::kEdgeKeySize) return std::nullopt;
  auto first = KeyCodec::DecodeNodeKey(bytes.substr(0, KeyCodec::kNodeKeySize));
  auto second = KeyCodec::DecodeNodeKey(bytes.substr(KeyCodec::kNodeKeySize + 1, KeyCodec::kNodeKeySize));
  uint8_t kind = static_cast<uint8_t>(bytes[KeyCodec::kNodeKeySize]);
  if (!first || !second || kind < static_cast<uint8_t>(EdgeKind::kDescribes) ||
      kind > static_cast<uint8_t>(EdgeKind::kHasAdverseEvent))
    return std::nullopt;
  uint64_t fact = 0;
  for (size_t i = 2 * KeyCodec::kNodeKeySize + 1; i < KeyCodec::kEdgeKeySize; ++i)
    fact = (fact << 8) | static_cast<uint8_t>(bytes[i]);
  EdgeKey key;
  key.kind = static_cast<EdgeKind>(kind);
  key.fact = fact;
  key.from = outgoing ? *first : *second;
  key.to = outgoing ? *second : *first;
  return key;
}

std::optional<EdgeKey> KeyCodec::DecodeOutEdgeKey(std::string_view bytes) { return DecodeEdgeParts(bytes, true); }
std::optional<EdgeKey> KeyCodec::DecodeInEdgeKey(std::string_view bytes) { return DecodeEdgeParts(bytes, false); }

std::string KeyCodec::EncodeNodeRefKey(const NodeRefKey& key) {
  std::string out = EncodeNodeKey(key.node);
  AppendU64(&out, key.document);
  return out;
}

std::optional<NodeRefKey> KeyCodec::DecodeNodeRefKey(std::string_view bytes) {
  if (bytes.size() != kNodeRefKeySize) return std::nullopt;
  auto node = DecodeNodeKey(bytes.substr(0, kNodeKeySize));
  if (!node) return std::nullopt;
  return NodeRefKey{*node, ReadU64(bytes.substr(kNodeKeySize))};
}

uint64_t KeyCodec::DocumentHash(std::string_view document_id) { return StableHash64(document_id); }

std::string KeyCodec::EncodeDocumentKey(uint64_t document) {
  std::string out(1, kDocumentTag);
  AppendU64(&out, document);
  return out;
}

std::optional<uint64_t> KeyCodec::DecodeDocumentKey(std::string_view bytes) {
  if (bytes.size() != kDocumentKeySize || bytes[0] != kDocumentTag) return std::nullopt;
  return ReadU64(bytes.substr(1));
}

std::string KeyCodec::EncodeContentKey(const std::array<uint8_t, 16>& content_hash) {
  std::string out(1, kContentTag);
  out.append(reinterpret_cast<const char*>(content_hash.data()), content_hash.size());
  return out;
}

std::string KeyCodec::NormaliseName(std::string_view name) {
  std::string out;
  bool pending_space = false;
  for (unsigned char c : name) {
    if (std::isspace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(static_cast<char>(std::tolower(c)));
  }
  return out;
}

std::string KeyCodec::EncodeNameKey(std::string_view name, const NodeKey& node) {
  std::string out = NormaliseName(name);
  out.push_back('\0');
  out += EncodeNodeKey(node);
  return out;
}

std::string KeyCodec::NamePrefix(std::string_view name_prefix) { return NormaliseName(name_prefix); }

std::optional<NodeKey> KeyCodec::DecodeNameKeyNode(std::string_view bytes) {
  if (bytes.size() < kNodeKeySize + 1 || bytes[bytes.size() - kNodeKeySize - 1] != '\0') return std::nullopt;
  return DecodeNodeKey(bytes.substr(bytes.size() - kNodeKeySize));
}

}  // namespace trialgraph
