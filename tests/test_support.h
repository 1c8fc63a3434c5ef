// Helpers shared by the unit tests: the real ontology and file contents.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <zlib.h>

#include "ontology/ontology.h"

namespace trialgraph::testing {

//! The ontology of the source tree, loaded once per test binary.
inline const ontology::Ontology& RealOntology() {
  static const ontology::Ontology* loaded = [] {
    auto* o = new ontology::Ontology();
    Status st = ontology::Ontology::Load(TRIALGRAPH_SOURCE_DIR "/ontology", o);
    EXPECT_TRUE(st.ok()) << st.ToString();
    return o;
  }();
  return *loaded;
}

//! The whole content of a file ("" when it cannot be read).
inline std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

//! `text` compressed as one gzip member (zlib), for tests of compressed input.
inline std::string GzipOf(const std::string& text) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, text.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace trialgraph::testing
