// gzip: recognising and inflating gzip-compressed input (zlib).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"

namespace trialgraph::ingest {

//! The most bytes one gzip file may inflate to (1 GiB).
inline constexpr size_t kMaxInflatedBytes = size_t{1} << 30;

//! True when `bytes` start with the gzip magic number (1f 8b).
bool IsGzip(std::string_view bytes);

//! Inflates every gzip member of `bytes` into *out, streaming. Returns
//! InvalidArgument "truncated gzip stream" when the input ends inside a
//! member, "corrupt gzip stream: ..." on bad data, and an error naming the
//! limit when the output would exceed `max_out` bytes; *out is then empty.
Status Gunzip(std::string_view bytes, std::string* out, size_t max_out = kMaxInflatedBytes);

//! Inflates the first `n` bytes of `bytes` (all of them when the stream is
//! shorter, across members) into *out, enough to tell what the stream holds
//! without inflating all of it. Never fails: a corrupt or truncated stream
//! yields what inflated before the damage (Gunzip reports it).
void GunzipPrefix(std::string_view bytes, size_t n, std::string* out);

}  // namespace trialgraph::ingest
