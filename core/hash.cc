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

std::string ContentHashHex(const std::array<uint8_t, 16>& hash) {
  static const char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(32);
  for (uint8_t b : hash) {
    hex.push_back(kDigits[b >> 4]);
    hex.push_back(kDigits[b & 15]);
  }
  return hex;
}

}  // namespace trialgraph
