// Stable content hashes. The values are persisted in keys: DO NOT CHANGE the
// algorithm or seed, or every stored id changes meaning.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trialgraph {

//! 64-bit XXH64 (seed 0) of bytes; used for node, document and fact ids.
uint64_t StableHash64(std::string_view bytes);

//! 128-bit XXH3 of bytes, big-endian; used to tell whether a document changed.
std::array<uint8_t, 16> ContentHash128(std::string_view bytes);

//! Incremental 128-bit XXH3 over many pieces (a digest of a whole store).
class StreamingHash {
 public:
  StreamingHash();
  ~StreamingHash();
  StreamingHash(const StreamingHash&) = delete;
  StreamingHash& operator=(const StreamingHash&) = delete;
  //! Adds bytes, length-prefixed so ("ab","c") and ("a","bc") differ.
  void Add(std::string_view bytes);
  //! The digest of everything added so far.
  std::array<uint8_t, 16> Digest() const;

 private:
  void* state_;
};

//! Lower-case hex of any bytes.
std::string Hex(std::string_view bytes);

//! Lower-case hex of the 128-bit content hash.
std::string ContentHashHex(const std::array<uint8_t, 16>& hash);

//! Parses ContentHashHex's output; nullopt unless it is exactly 32 hex digits.
std::optional<std::array<uint8_t, 16>> ContentHashFromHex(std::string_view hex);

}  // namespace trialgraph
