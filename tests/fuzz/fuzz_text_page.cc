// libFuzzer target: see tests/fuzz/fuzz_entry.h (FuzzTextPageOnce). Build with
// -DTRIALGRAPH_FUZZ=ON and clang (scripts/fuzz.sh does both).
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/fuzz_entry.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)trialgraph::fuzz::FuzzOntology();  // load the vocabularies before the first input
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  trialgraph::fuzz::FuzzTextPageOnce(data, size);
  return 0;
}
