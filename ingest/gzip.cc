#include "ingest/gzip.h"

#include <zlib.h>

#include <limits>

namespace trialgraph::ingest {

namespace {

constexpr size_t kChunk = 1 << 16;

struct InflateStream {
  z_stream z{};
  bool open = false;
  ~InflateStream() {
    if (open) inflateEnd(&z);
  }
};

Status Fail(std::string* out, std::string message) {
  out->clear();
  return Status::InvalidArgument(std::move(message));
}

// Inflates until the current member ends (Z_STREAM_END) or input runs out.
// Output past max_out is cut off there and *too_big set.
int InflateMember(z_stream* z, std::string* out, size_t max_out, bool* too_big) {
  char buffer[kChunk];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z->next_out = reinterpret_cast<Bytef*>(buffer);
    z->avail_out = kChunk;
    rc = inflate(z, Z_NO_FLUSH);
    size_t produced = kChunk - z->avail_out;
    if (out->size() + produced > max_out) {
      out->append(buffer, max_out - out->size());
      *too_big = true;
      return Z_MEM_ERROR;
    }
    out->append(buffer, produced);
    if (rc == Z_BUF_ERROR && z->avail_in > 0 && produced > 0) rc = Z_OK;
  }
  return rc;
}

// Inflates every member of `bytes` into *out, at most max_out bytes (then
// *too_big). Returns zlib's code for the last member; *out keeps what inflated.
int InflateAll(std::string_view bytes, std::string* out, size_t max_out, bool* too_big, std::string* zlib_message) {
  out->clear();
  InflateStream s;
  if (bytes.size() > std::numeric_limits<uInt>::max() || inflateInit2(&s.z, 16 + MAX_WBITS) != Z_OK) return Z_VERSION_ERROR;
  s.open = true;
  s.z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  s.z.avail_in = static_cast<uInt>(bytes.size());
  while (true) {
    int rc = InflateMember(&s.z, out, max_out, too_big);
    if (rc != Z_STREAM_END) {
      if (s.z.msg) *zlib_message = s.z.msg;
      return rc;
    }
    if (s.z.avail_in == 0 || !IsGzip({reinterpret_cast<const char*>(s.z.next_in), s.z.avail_in})) return rc;
    inflateReset(&s.z);  // another gzip member follows
  }
}

}  // namespace

bool IsGzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

Status Gunzip(std::string_view bytes, std::string* out, size_t max_out) {
  bool too_big = false;
  std::string zlib_message;
  int rc = InflateAll(bytes, out, max_out, &too_big, &zlib_message);
  if (too_big) return Fail(out, "gzip stream inflates to more than " + std::to_string(max_out >> 20) + " MiB; refused");
  if (rc == Z_VERSION_ERROR) return Fail(out, "gzip input too large or zlib unusable");
  if (rc == Z_BUF_ERROR) return Fail(out, "truncated gzip stream");
  if (rc != Z_STREAM_END)
    return Fail(out, "corrupt gzip stream: " + (zlib_message.empty() ? std::string("inflate error") : zlib_message));
  return Status::OK();
}

void GunzipPrefix(std::string_view bytes, size_t n, std::string* out) {
  bool too_big = false;
  std::string zlib_message;
  InflateAll(bytes, out, n, &too_big, &zlib_message);
}

}  // namespace trialgraph::ingest
