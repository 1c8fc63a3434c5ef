// Fuzz entry points shared by the libFuzzer targets (tests/fuzz/fuzz_*.cc)
// and the ctest smoke test (tests/fuzz/fuzz_smoke_test.cc). Each takes
// arbitrary bytes, runs them through the same code `trialgraph ingest` /
// `trialgraph query` runs, and aborts (a crash the fuzzer records) only when
// an invariant breaks: a failure Status with an empty message. Crashes,
// sanitizer reports and uncaught exceptions surface by themselves.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/status.h"
#include "ontology/ontology.h"

namespace trialgraph::fuzz {

//! The real vocabularies, loaded once from TRIALGRAPH_SOURCE_DIR "/ontology".
const ontology::Ontology& FuzzOntology();

//! ReadDocuments on `bytes`, then, for every document read, the Extractor,
//! ExtractionToJson(...).dump() and ToContribution (what ingest does with a
//! document before storing it). Returns the reader's Status.
Status ReadAndExtract(std::string bytes);

//! ReadTextPage on `bytes`, then the Extractor on the page.
Status ReadTextPageAndExtract(std::string bytes);

//! ParseQuestion on `text`; on success also renders Interpretation().
Status ParseQuestionText(std::string text);

//! The libFuzzer bodies: the functions above plus the invariant check.
void FuzzReadersOnce(const uint8_t* data, size_t size);
void FuzzTextPageOnce(const uint8_t* data, size_t size);
void FuzzQuestionOnce(const uint8_t* data, size_t size);

}  // namespace trialgraph::fuzz
