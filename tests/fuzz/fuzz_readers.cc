// libFuzzer target: every reader behind ReadDocuments (text page, PubMed XML,
// MEDLINE text, CT.gov JSON and XML, gzip), then the Extractor on every
// document read; see tests/fuzz/fuzz_entry.h (FuzzReadersOnce). Build with
// -DTRIALGRAPH_FUZZ=ON and clang (scripts/fuzz.sh does both).
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/fuzz_entry.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)trialgraph::fuzz::FuzzOntology();  // load the vocabularies before the first input
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  trialgraph::fuzz::FuzzReadersOnce(data, size);
  return 0;
}
