#include "core/hash.h"

#include <xxhash.h>

namespace trialgraph {

uint64_t StableHash64(std::string_view bytes) { return XXH64(bytes.data(), bytes.size(), 0); }

std::array<uint8_t, 16> ContentHash128(std::string_view bytes) {
  XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, h);
  std::array<uint8_t, 16> out;
  for (size_t i = 0; i < out.size(); ++i) out[i] = canonical.digest[i];
  return out;
}

StreamingHash::StreamingHash() : state_(XXH3_createState()) { XXH3_128bits_reset(static_cast<XXH3_state_t*>(state_)); }

StreamingHash::~StreamingHash() { XXH3_freeState(static_cast<XXH3_state_t*>(state_)); }

void StreamingHash::Add(std::string_view bytes) {
  uint64_t length = bytes.size();
  XXH3_128bits_update(static_cast<XXH3_state_t*>(state_), &length, sizeof length);
  XXH3_128bits_update(static_cast<XXH3_state_t*>(state_), bytes.data(), bytes.size());
}

std::array<uint8_t, 16> StreamingHash::Digest() const {
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(static_cast<XXH3_state_t*>(state_)));
  std::array<uint8_t, 16> out;
  for (size_t i = 0; i < out.size(); ++i) out[i] = canonical.digest[i];
  return out;
}

std::string Hex(std::string_view bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * bytes.size());
  for (unsigned char b : bytes) {
    hex.push_back(kDigits[b >> 4]);
    hex.push_back(kDigits[b & 15]);
  }
  return hex;
}

std::string ContentHashHex(const std::array<uint8_t, 16>& hash) {
  return Hex(std::string_view(reinterpret_cast<const char*>(hash.data()), hash.size()));
}

std::optional<std::array<uint8_t, 16>> ContentHashFromHex(std::string_view hex) {
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::array<uint8_t, 16> hash{};
  if (hex.size() != 2 * hash.size()) return std::nullopt;
  for (size_t i = 0; i < hash.size(); ++i) {
    int hi = digit(hex[2 * i]), lo = digit(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    hash[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return hash;
}

}  // namespace trialgraph
