// Helpers shared by the unit tests: the real ontology and file contents.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

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

}  // namespace trialgraph::testing
