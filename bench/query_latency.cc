// In-process latency of one question over a stored graph: parse + evaluate,
// timed over many repetitions on an already loaded snapshot.
//   query_bench --db DIR [--question Q] [--repeat N] [--limit N (default 20, as the HTTP page)]
//               [--evidence N (default query::kDefaultEvidence, as the HTTP page)]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "core/store.h"
#include "ontology/ontology.h"
#include "query/answer.h"
#include "query/question.h"
#include "query/snapshot.h"

using namespace trialgraph;

int main(int argc, char** argv) {
  std::string db, question = "regimens with blinatumomab and inotuzumab in salvage";
  int repeat = 2000, limit = 20, evidence = static_cast<int>(query::kDefaultEvidence);
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--db")) db = argv[i + 1];
    if (!std::strcmp(argv[i], "--question")) question = argv[i + 1];
    if (!std::strcmp(argv[i], "--repeat")) repeat = std::stoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--limit")) limit = std::stoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--evidence")) evidence = std::stoi(argv[i + 1]);
  }
  ontology::Ontology o;
  Status st = ontology::Ontology::Load(ontology::Ontology::DefaultDir(), &o);
  std::unique_ptr<Store> store;
  StoreOptions options;
  options.read_only = true;
  if (st.ok()) st = Store::Open(db, options, &store);
  std::shared_ptr<const query::Snapshot> snapshot;
  auto load_start = std::chrono::steady_clock::now();
  if (st.ok()) st = query::Snapshot::Load(*store, &snapshot);
  if (!st.ok()) return std::fprintf(stderr, "%s\n", st.ToString().c_str()), 1;
  double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();
  std::vector<double> micros, parse_micros, json_micros;
  size_t results = 0;
  for (int i = 0; i < repeat; ++i) {
    auto start = std::chrono::steady_clock::now();
    query::Question q;
    query::ParseQuestion(question, o, &q);
    auto parsed = std::chrono::steady_clock::now();
    query::Answer a = query::Evaluate(
        q, *snapshot, o, {.limit = static_cast<size_t>(limit), .evidence = static_cast<size_t>(evidence)});
    results = a.total;
    micros.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
    parse_micros.push_back(std::chrono::duration<double, std::micro>(parsed - start).count());
    auto serialising = std::chrono::steady_clock::now();
    std::string body = a.ToJson().dump();
    json_micros.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - serialising).count());
  }
  std::sort(micros.begin(), micros.end());
  std::sort(parse_micros.begin(), parse_micros.end());
  std::sort(json_micros.begin(), json_micros.end());
  std::printf("snapshot: %zu nodes, %zu edges (%zu relations), loaded in %.2f s\n", snapshot->nodes().size(), snapshot->facts().size(), snapshot->RelationCount(), load_s);
  std::printf("question: %s (%zu results, first %d materialised with up to %d sentences each)\n", question.c_str(),
              results, limit, evidence);
  std::printf("parse alone: p50 %.0f us; serialising the answer to JSON (not in the figure below): p50 %.0f us\n",
              parse_micros[parse_micros.size() / 2], json_micros[json_micros.size() / 2]);
  // p10 is printed because it moves least when other work shares the machine.
  std::printf("p50 %.0f us  p99 %.0f us  max %.0f us over %d runs (p10 %.0f us)\n", micros[micros.size() / 2],
              micros[micros.size() * 99 / 100], micros.back(), repeat, micros[micros.size() / 10]);
  return 0;
}
