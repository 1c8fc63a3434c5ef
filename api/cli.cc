#include "api/cli.h"

#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/server.h"
#include "core/store.h"
#include "ingest/evaluate.h"
#include "ingest/extractor.h"
#include "ingest/pipeline.h"
#include "ontology/ontology.h"
#include "query/answer.h"
#include "query/export.h"
#include "query/question.h"
#include "query/snapshot.h"

namespace trialgraph::api {

namespace {

constexpr int kExitOk = 0, kExitPartial = 1, kExitUsage = 2, kExitStore = 3, kExitInterrupted = 130;

// Set by SIGINT/SIGTERM during ingest; the pipeline stops reading new files.
volatile std::sig_atomic_t g_stop_requested = 0;

// A single self-rewriting progress line on standard error, at most 5 times a second.
class ProgressLine {
 public:
  void Update(const ingest::ProgressInfo& p) {
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200) && p.files_done < p.files_total) return;
    last_ = now;
    double rate = p.seconds > 0 ? p.documents / p.seconds : 0;
    double fraction = p.bytes_total > 0 ? static_cast<double>(p.bytes_done) / p.bytes_total : 0;
    double eta = fraction > 0.01 ? p.seconds * (1 - fraction) / fraction : 0;
    std::fprintf(stderr, "\r%zu/%zu files  %zu documents  %.0f docs/s  %3.0f%%  ETA %.0fs   ", p.files_done,
                 p.files_total, p.documents, rate, 100 * fraction, eta);
  }
  void Finish() { std::fprintf(stderr, "\n"); }

 private:
  std::chrono::steady_clock::time_point last_{};
};

constexpr const char* kUsage = R"(trialgraph: a knowledge graph of clinical-trial evidence

usage: trialgraph <command> [options]

commands:
  ingest  --db DIR [--json] PATH...     read documents into the graph store
  extract [--ontology DIR] FILE[#ID]... print extracted facts as JSON Lines (no store)
  query   --db DIR [--json] [--limit N] [--offset N] [--evidence N] "QUESTION"
                                        answer a question with evidence
  stats   --db DIR [--json]             count documents, nodes and edges
  check   --db DIR [--json]             verify the store's invariants; print a content digest
  export  --db DIR --format graphml|csv|jsonl [-o FILE|DIR] [--query Q] [--kinds K,...]
                                        write the graph for Gephi, Cytoscape, networkx, Neo4j
  serve   --db DIR [--host H] [--port P] [--write-token T]
                                        JSON HTTP API (docs/api.md)
  eval    GOLD_DIR [--docs DIR] [--json] score extraction against gold files

Run 'trialgraph <command> --help' for details. The vocabularies are read from
$TRIALGRAPH_ONTOLOGY, or --ontology DIR, or the source tree's ontology/.
Exit status: 0 success; 1 some inputs failed (the rest was done); 2 usage error;
3 the store could not be opened.
)";

constexpr const char* kIngestHelp = R"(usage: trialgraph ingest --db DIR [--json] [--jobs N] [--ontology DIR] PATH...

Reads files, directories (recursively) and '-' (paths on standard input, one
per line) into the store at DIR (created if missing). Each document is written
atomically; a document already stored with the same bytes is skipped; a changed
document replaces what it contributed before. Bad files are reported with the
reason and skipped.
Formats are detected from content: PubMed/MEDLINE XML (also .gz), MEDLINE
text (.nbib), PubTator (BC5CDR), ClinicalTrials.gov JSON (API v2,
FullStudiesResponse) and XML, saved abstract pages and plain text. FILE#ID
reads only the document with that id (PMID, or NCT id) inside FILE. On a
terminal a progress line shows documents/s and the time left.
  --jobs N   extraction threads (default: the number of cores)
  --json     print {"documents","trials","skipped_unchanged","failed":[{"path","error"}],"seconds","interrupted"}
Ctrl-C stops after the documents in flight; what was written stays consistent
and a rerun completes the graph.
Exit status: 0 when every file was ingested, 1 when some failed, 2 usage,
3 store error, 130 interrupted.
)";

constexpr const char* kExtractHelp = R"(usage: trialgraph extract [--ontology DIR] FILE[#ID]...

Prints one JSON object per document (JSON Lines, see docs/extract.md and the
EXTRACT contract) and touches no database. FILE#ID prints only the document
with that id inside a file of many: the PMID for PubMed/MEDLINE XML (also
.gz), MEDLINE text and PubTator files, the NCT id for a ClinicalTrials.gov
JSON file of several studies; each document of such a file prints its source
as FILE#ID. A file that cannot be read, or an id it does not hold, prints
{"source": FILE, "error": "..."} and the exit status is 1.
)";

constexpr const char* kQueryHelp = R"(usage: trialgraph query --db DIR [--json] [--limit N] [--offset N] [--evidence N] "QUESTION"

Answers a question over the graph, each result with the sentences that support it.
  QUESTION      a question in the accepted form printed last
  --limit N     results listed (default 100); results are sorted by supporting documents
  --offset N    results skipped first, to page through the rest (default 0)
  --evidence N  supporting sentences listed per result, one per trial first (default 5, at
                most 20); "evidence_total" counts them all
  --json        the JSON of GET /api/query (docs/api.md) instead of a table
)";

constexpr const char* kStatsHelp = R"(usage: trialgraph stats --db DIR [--json]

Counts documents, nodes by kind and edges by kind.
  --json   print {"documents": n, "nodes": {kind: n}, "edges": {kind: n}}
)";

constexpr const char* kEvalHelp = R"(usage: trialgraph eval GOLD_DIR [--docs DIR] [--json] [--scores-only] [--ontology DIR]

Scores extraction against gold files (*.json in GOLD_DIR, format of
../shared/seeds/gold). Each gold file's "source" names its document, found
in --docs DIR (default: the parent of GOLD_DIR): a file of one document, or
FILE#ID for one document of a file of many
("pubmed/medline16n0902.xml.gz#25974212"). Prints precision and recall per
field, then every miss and extra fact; --json prints the same report as
JSON. --scores-only leaves out the misses and extras: score a held-out set
with it, so that nobody reads what its documents hold before rules are
written (docs/eval.md).
)";

constexpr const char* kServeHelp = R"(usage: trialgraph serve --db DIR [--host 127.0.0.1] [--port 8080] [--threads N]
                       [--write-token TOKEN] [--max-body-bytes N] [--timeout SECONDS]
                       [--answer-cache-mb MB]

Serves the graph as JSON over HTTP (endpoints in docs/api.md). Binds to
127.0.0.1 unless --host says otherwise. Answers to /api/query are kept per
snapshot (--answer-cache-mb, default 64, 0 turns it off); a write replaces
the snapshot and its answers together. --threads sizes the worker pool
(default 64): each keep-alive connection holds a thread while it lasts, so
give it at least the number of concurrent clients. Writes (POST /api/documents, DELETE
/api/documents/{id}) are refused unless a token is given with --write-token or
the environment variable TRIALGRAPH_WRITE_TOKEN; then they need the header
'Authorization: Bearer TOKEN'.
)";

constexpr const char* kCheckHelp = R"(usage: trialgraph check --db DIR [--json]

Verifies the store: every edge has both ends, its in-edge mirror and a stored
source document; every node is referenced by a stored document; document
records, content hashes and the name index agree with the data. Prints a
digest of the graph's content that is equal for equal graphs, whatever the
order documents were written in.
  --json   print {"ok","problem_count","problems","digest","counts"}
Exit status: 0 consistent, 1 problems found, 3 the store could not be read.
)";

constexpr const char* kExportHelp = R"(usage: trialgraph export --db DIR --format graphml|csv|jsonl [-o FILE|DIR]
                        [--query "QUESTION"] [--kinds drug,regimen,...]

Writes the graph, streamed in constant memory:
  graphml  one file (standard output without -o); FILE.graphml.gz is gzipped.
           Loads in Gephi, Cytoscape, networkx, igraph, yEd and Neo4j (APOC).
  csv      a directory of node and relationship files with the headers
           neo4j-admin import expects (:ID, :LABEL, :START_ID, :END_ID, :TYPE);
           evidence text may hold newlines: import with --multiline-fields=true.
  jsonl    one JSON object per node, then per edge.
  --query  export only the subgraph that answers a question, with its neighbourhood
  --kinds  keep only these node kinds (edges need both ends kept)
)";

// JSON text for scripts; invalid UTF-8 (from file names, say) becomes U+FFFD
// instead of aborting the output.
std::string JsonText(const nlohmann::json& j, int indent = -1) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

struct Args {
  std::map<std::string, std::string> options;  // --name value
  std::vector<std::string> flags;              // --name
  std::vector<std::string> positional;
  bool Flag(const std::string& f) const { return std::find(flags.begin(), flags.end(), f) != flags.end(); }
  std::optional<std::string> Option(const std::string& o) const {
    auto it = options.find(o);
    return it == options.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
};

// A command, its entry point and what it accepts: options that take a
// value and flags that do not (--ontology and --help are accepted
// everywhere). A misspelt option is refused rather than silently ignored,
// so a script never runs with a default it did not ask for.
struct Command {
  std::string_view name;
  int (*run)(const Args&);
  std::vector<std::string_view> options;
  std::vector<std::string_view> flags;
  bool TakesValue(std::string_view name) const {
    return name == "--ontology" || std::find(options.begin(), options.end(), name) != options.end();
  }
  bool IsFlag(std::string_view name) const {
    return name == "--help" || std::find(flags.begin(), flags.end(), name) != flags.end();
  }
};

std::optional<Args> ParseArgs(int argc, char** argv, int first, const Command& command) {
  Args args;
  for (int i = first; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-o") a = "--output";
    if (!a.starts_with("--") || a.size() <= 2) {
      args.positional.push_back(a);
    } else if (command.IsFlag(a)) {
      args.flags.push_back(a);
    } else if (!command.TakesValue(a)) {
      std::cerr << "trialgraph: '" << command.name << "' has no option " << a << "\n\n" << kUsage;
      return std::nullopt;
    } else if (i + 1 < argc) {
      args.options[a] = argv[++i];
    } else {
      std::cerr << "trialgraph: option " << a << " needs a value\n";
      return std::nullopt;
    }
  }
  return args;
}

bool LoadOntology(const Args& args, ontology::Ontology* o) {
  std::string dir = args.Option("--ontology").value_or(ontology::Ontology::DefaultDir());
  Status st = ontology::Ontology::Load(dir, o);
  if (!st.ok()) std::cerr << "trialgraph: cannot load the ontology: " << st.ToString() << "\n";
  return st.ok();
}

int Usage(const char* text, const std::string& problem) {
  if (!problem.empty()) std::cerr << "trialgraph: " << problem << "\n\n";
  std::cerr << text;
  return kExitUsage;
}

std::unique_ptr<Store> OpenStore(const Args& args, bool read_only) {
  StoreOptions options;
  options.read_only = read_only;
  options.create_if_missing = !read_only;
  std::string dir = *args.Option("--db");
  if (read_only && !std::filesystem::exists(dir)) {
    std::cerr << "trialgraph: no store at " << dir << " (run 'trialgraph ingest --db " << dir << " ...' first)\n";
    return nullptr;
  }
  std::unique_ptr<Store> store;
  Status st = Store::Open(dir, options, &store);
  if (!st.ok()) std::cerr << "trialgraph: " << st.ToString() << "\n";
  return store;
}

// A whole number within [min, max]; nullopt (with a message) otherwise.
std::optional<long> NumberOption(const Args& args, const std::string& name, long fallback, long min, long max) {
  std::optional<std::string> value = args.Option(name);
  if (!value) return fallback;
  char* end = nullptr;
  long parsed = std::strtol(value->c_str(), &end, 10);
  if (value->empty() || *end != '\0' || parsed < min || parsed > max) {
    std::cerr << "trialgraph: " << name << " must be a whole number from " << min << " to " << max << "\n";
    return std::nullopt;
  }
  return parsed;
}

int Ingest(const Args& args) {
  if (args.Flag("--help")) return Usage(kIngestHelp, ""), kExitOk;
  if (!args.Option("--db")) return Usage(kIngestHelp, "ingest needs --db DIR");
  if (args.positional.empty()) return Usage(kIngestHelp, "ingest needs at least one PATH");
  ontology::Ontology o;
  if (!LoadOntology(args, &o)) return kExitUsage;
  std::unique_ptr<Store> store = OpenStore(args, false);
  if (!store) return kExitStore;
  std::optional<long> jobs = NumberOption(args, "--jobs", 0, 0, 256);
  if (!jobs) return kExitUsage;
  std::vector<ingest::IngestFailure> failed;
  std::vector<std::string> paths = ingest::GatherPaths(args.positional, &failed);
  ingest::IngestOptions options;
  options.jobs = static_cast<unsigned>(*jobs);
  std::signal(SIGINT, [](int) { g_stop_requested = 1; });
  std::signal(SIGTERM, [](int) { g_stop_requested = 1; });
  options.stop_requested = [] { return g_stop_requested != 0; };
  bool tty = isatty(STDERR_FILENO);
  ProgressLine progress_line;
  ingest::IngestSummary summary = ingest::IngestPaths(paths, o, store.get(), options, [&](const ingest::ProgressInfo& p) {
    if (tty) progress_line.Update(p);
  });
  if (tty) progress_line.Finish();
  summary.failed.insert(summary.failed.begin(), failed.begin(), failed.end());
  if (args.Flag("--json")) {
    std::cout << JsonText(summary.ToJson()) << "\n";
  } else {
    std::cout << "documents: " << summary.documents << "  trials: " << summary.trials
              << "  unchanged: " << summary.skipped_unchanged << "  failed: " << summary.failed.size()
              << "  seconds: " << summary.seconds << "\n";
    for (const ingest::IngestFailure& f : summary.failed) std::cerr << "error: " << f.path << ": " << f.error << "\n";
  }
  if (summary.interrupted) return kExitInterrupted;
  return summary.failed.empty() ? kExitOk : kExitPartial;
}

int Extract(const Args& args) {
  if (args.Flag("--help")) return Usage(kExtractHelp, ""), kExitOk;
  if (args.positional.empty()) return Usage(kExtractHelp, "extract needs at least one FILE");
  ontology::Ontology o;
  if (!LoadOntology(args, &o)) return kExitUsage;
  ingest::Extractor extractor(o);
  std::vector<ingest::IngestFailure> failed;
  int status = kExitOk;
  for (const std::string& path : ingest::GatherPaths(args.positional, &failed)) {
    std::vector<ingest::SourceDocument> docs;
    Status st = ingest::ReadFile(path, o, &docs);
    if (!st.ok()) failed.push_back({path, st.message()});
    for (const ingest::SourceDocument& doc : docs)
      std::cout << JsonText(ingest::ExtractionToJson(extractor.Extract(doc))) << "\n";
  }
  for (const ingest::IngestFailure& f : failed) {
    std::cout << JsonText(nlohmann::json{{"source", f.path}, {"error", f.error}}) << "\n";
    std::cerr << "error: " << f.path << ": " << f.error << "\n";
    status = kExitPartial;
  }
  return status;
}

int Query(const Args& args) {
  // The question's grammar comes from the parser, so the help cannot drift from it.
  const std::string help = std::string(kQueryHelp) + "\n" + std::string(query::QuestionForms()) + "\n";
  if (args.Flag("--help")) return Usage(help.c_str(), ""), kExitOk;
  if (!args.Option("--db") || args.positional.size() != 1)
    return Usage(help.c_str(), "query needs --db DIR and one quoted QUESTION");
  ontology::Ontology o;
  if (!LoadOntology(args, &o)) return kExitUsage;
  query::Question q;
  Status st = query::ParseQuestion(args.positional[0], o, &q);
  if (!st.ok()) {
    if (args.Flag("--json")) std::cout << JsonText(nlohmann::json{{"error", st.message()}, {"question", args.positional[0]}}) << "\n";
    std::cerr << "trialgraph: " << st.message() << "\n";
    return kExitUsage;
  }
  std::optional<long> limit = NumberOption(args, "--limit", 100, 0, 1L << 30);
  std::optional<long> offset = NumberOption(args, "--offset", 0, 0, 1L << 30);
  std::optional<long> evidence = NumberOption(args, "--evidence", query::kDefaultEvidence, 0, query::kMaxEvidence);
  if (!limit || !offset || !evidence) return kExitUsage;
  std::unique_ptr<Store> store = OpenStore(args, true);
  if (!store) return kExitStore;
  std::shared_ptr<const query::Snapshot> snapshot;
  st = query::Snapshot::Load(*store, &snapshot);
  if (!st.ok()) return std::cerr << "trialgraph: " << st.ToString() << "\n", kExitStore;
  query::Answer answer = query::Evaluate(
      q, *snapshot, o,
      {.offset = static_cast<size_t>(*offset), .limit = static_cast<size_t>(*limit), .evidence = static_cast<size_t>(*evidence)});
  answer.question = args.positional[0];
  if (args.Flag("--json")) std::cout << JsonText(answer.ToJson(), 2) << "\n";
  else std::cout << answer.ToTable();
  return kExitOk;
}

int Stats(const Args& args) {
  if (args.Flag("--help")) return Usage(kStatsHelp, ""), kExitOk;
  if (!args.Option("--db")) return Usage(kStatsHelp, "stats needs --db DIR");
  std::unique_ptr<Store> store = OpenStore(args, true);
  if (!store) return kExitStore;
  StoreStats stats;
  Status st = store->Stats(&stats);
  if (!st.ok()) return std::cerr << "trialgraph: " << st.ToString() << "\n", kExitStore;
  if (args.Flag("--json")) {
    std::cout << JsonText(stats.ToJson()) << "\n";
    return kExitOk;
  }
  std::cout << "documents: " << stats.documents << "\nnodes:\n";
  for (const auto& [kind, n] : stats.nodes) std::cout << "  " << kind << ": " << n << "\n";
  std::cout << "edges:\n";
  for (const auto& [kind, n] : stats.edges) std::cout << "  " << kind << ": " << n << "\n";
  return kExitOk;
}

int Check(const Args& args) {
  if (args.Flag("--help")) return Usage(kCheckHelp, ""), kExitOk;
  if (!args.Option("--db")) return Usage(kCheckHelp, "check needs --db DIR");
  std::unique_ptr<Store> store = OpenStore(args, true);
  if (!store) return kExitStore;
  CheckReport report;
  Status st = store->Check(&report);
  if (!st.ok()) return std::cerr << "trialgraph: " << st.ToString() << "\n", kExitStore;
  if (args.Flag("--json")) {
    std::cout << JsonText(report.ToJson()) << "\n";
  } else {
    std::cout << (report.problem_count == 0 ? "consistent" : std::to_string(report.problem_count) + " problems")
              << "  documents: " << report.documents << "  nodes: " << report.nodes << "  edges: " << report.edges
              << "\ndigest: " << report.digest << "\n";
    for (const std::string& p : report.problems) std::cout << "problem: " << p << "\n";
  }
  return report.problem_count == 0 ? kExitOk : kExitPartial;
}

// The graph to export: the whole store streamed, or the subgraph answering
// --query from a loaded snapshot; then --kinds. kExitOk, or the exit status
// of the failure after a message.
int ExportSourceOf(const Args& args, const Store& store, std::unique_ptr<query::ExportSource>* source) {
  query::ExportScope scope;
  ontology::Ontology o;
  std::shared_ptr<const query::Snapshot> snapshot;
  if (std::optional<std::string> question = args.Option("--query")) {
    if (!LoadOntology(args, &o)) return kExitUsage;
    Status st = query::ParseQuestion(*question, o, &scope.question.emplace());
    if (!st.ok()) return std::cerr << "trialgraph: " << st.message() << "\n", kExitUsage;
    st = query::Snapshot::Load(store, &snapshot);
    if (!st.ok()) return std::cerr << "trialgraph: " << st.ToString() << "\n", kExitStore;
  }
  if (std::optional<std::string> kinds = args.Option("--kinds")) {
    Status st = query::ParseNodeKinds(*kinds, &scope.kinds.emplace());
    if (!st.ok()) return std::cerr << "trialgraph: " << st.message() << "\n", kExitUsage;
  }
  *source = query::MakeExportSource(store, snapshot, o, scope);
  return kExitOk;
}

int Export(const Args& args) {
  if (args.Flag("--help")) return Usage(kExportHelp, ""), kExitOk;
  if (!args.Option("--db")) return Usage(kExportHelp, "export needs --db DIR");
  std::optional<query::ExportFormat> format = query::ParseExportFormat(args.Option("--format").value_or("graphml"));
  if (!format) return Usage(kExportHelp, "--format must be graphml, csv or jsonl");
  if (*format == query::ExportFormat::kCsv && !args.Option("--output"))
    return Usage(kExportHelp, "csv export needs -o DIR");
  std::unique_ptr<Store> store = OpenStore(args, true);
  if (!store) return kExitStore;
  std::unique_ptr<query::ExportSource> source;
  if (int exit = ExportSourceOf(args, *store, &source); exit != kExitOk) return exit;
  Status st;
  if (std::optional<std::string> output = args.Option("--output"))
    st = query::ExportToPath(*source, *format, *output);
  else if (*format == query::ExportFormat::kGraphMl)
    st = query::ExportGraphMl(*source, std::cout);
  else
    st = query::ExportJsonLines(*source, std::cout);
  if (!st.ok()) return std::cerr << "trialgraph: " << st.ToString() << "\n", kExitPartial;
  return kExitOk;
}

int Eval(const Args& args) {
  if (args.Flag("--help")) return Usage(kEvalHelp, ""), kExitOk;
  if (args.positional.size() != 1) return Usage(kEvalHelp, "eval needs one GOLD_DIR");
  namespace fs = std::filesystem;
  fs::path gold_dir = args.positional[0];
  fs::path docs_dir = args.Option("--docs").value_or(fs::absolute(gold_dir).lexically_normal().parent_path().string());
  ontology::Ontology o;
  if (!LoadOntology(args, &o)) return kExitUsage;
  ingest::Extractor extractor(o);
  ingest::EvalReport report;
  std::vector<fs::path> gold_files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(gold_dir, ec))
    if (entry.path().extension() == ".json") gold_files.push_back(entry.path());
  if (ec || gold_files.empty()) return Usage(kEvalHelp, "no gold *.json files in " + gold_dir.string());
  std::sort(gold_files.begin(), gold_files.end());
  int status = kExitOk;
  for (const fs::path& file : gold_files) {
    std::ifstream in(file);
    nlohmann::json gold = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (gold.is_discarded() || !gold.contains("source")) {
      std::cerr << "error: " << file.string() << ": not a gold JSON object with \"source\"\n";
      status = kExitPartial;
      continue;
    }
    std::vector<ingest::SourceDocument> docs;
    Status st = ingest::ReadFile((docs_dir / gold["source"].get<std::string>()).string(), o, &docs);
    if (st.ok() && docs.size() != 1)
      st = Status::InvalidArgument(docs.empty() ? "source holds no document"
                                                : "source holds " + std::to_string(docs.size()) +
                                                      " documents; name one as FILE#ID");
    if (!st.ok()) {
      std::cerr << "error: " << file.string() << ": " << st.message() << "\n";
      status = kExitPartial;
      continue;
    }
    nlohmann::json predicted = ingest::ExtractionToJson(extractor.Extract(docs.front()));
    predicted["source"] = gold["source"];
    ingest::ScoreDocument(predicted, gold, &report);
  }
  if (args.Flag("--scores-only")) {
    report.misses.clear();
    report.false_positives.clear();
  }
  if (args.Flag("--json")) {
    std::cout << JsonText(report.ToJson(), 2) << "\n";
    return status;
  }
  std::printf("%-28s %6s %6s %6s %9s %7s\n", "field", "gold", "pred", "tp", "precision", "recall");
  auto row = [](const std::string& name, const ingest::FieldScore& s) {
    std::printf("%-28s %6zu %6zu %6zu %9.3f %7.3f\n", name.c_str(), s.gold, s.predicted, s.true_positive, s.Precision(),
                s.Recall());
  };
  for (const auto& [name, score] : report.fields) row(name, score);
  row("TOTAL", report.Total());
  for (const std::string& miss : report.misses) std::printf("miss: %s\n", miss.c_str());
  for (const std::string& fp : report.false_positives) std::printf("extra: %s\n", fp.c_str());
  return status;
}

int ServeCommand(const Args& args) {
  if (args.Flag("--help")) return Usage(kServeHelp, ""), kExitOk;
  if (!args.Option("--db")) return Usage(kServeHelp, "serve needs --db DIR");
  ServerOptions options;
  options.db = *args.Option("--db");
  options.ontology_dir = args.Option("--ontology").value_or(ontology::Ontology::DefaultDir());
  options.host = args.Option("--host").value_or(options.host);
  const char* env_token = std::getenv("TRIALGRAPH_WRITE_TOKEN");
  options.write_token = args.Option("--write-token").value_or(env_token ? env_token : "");
  std::optional<long> port = NumberOption(args, "--port", options.port, 1, 65535);
  std::optional<long> threads = NumberOption(args, "--threads", 0, 0, 256);
  std::optional<long> body = NumberOption(args, "--max-body-bytes", static_cast<long>(options.max_body_bytes), 1, 1L << 30);
  std::optional<long> timeout = NumberOption(args, "--timeout", options.timeout_seconds, 1, 3600);
  std::optional<long> cache_mb =
      NumberOption(args, "--answer-cache-mb", static_cast<long>(options.answer_cache_bytes >> 20), 0, 1L << 20);
  if (!port || !threads || !body || !timeout || !cache_mb) return kExitUsage;
  options.answer_cache_bytes = static_cast<size_t>(*cache_mb) << 20;
  options.port = static_cast<int>(*port);
  options.threads = static_cast<int>(*threads);
  options.max_body_bytes = static_cast<size_t>(*body);
  options.timeout_seconds = static_cast<int>(*timeout);
  if (!std::filesystem::exists(options.db) && options.write_token.empty()) {
    std::cerr << "trialgraph: no store at " << options.db << " (run 'trialgraph ingest --db " << options.db << " ...' first)\n";
    return kExitStore;
  }
  return Serve(options);
}

}  // namespace

const std::vector<Command>& Commands() {
  static const std::vector<Command> commands = {
      {"ingest", Ingest, {"--db", "--jobs"}, {"--json"}},
      {"extract", Extract, {}, {}},
      {"query", Query, {"--db", "--limit", "--offset", "--evidence"}, {"--json"}},
      {"stats", Stats, {"--db"}, {"--json"}},
      {"check", Check, {"--db"}, {"--json"}},
      {"export", Export, {"--db", "--format", "--output", "--query", "--kinds"}, {}},
      {"eval", Eval, {"--docs"}, {"--json", "--scores-only"}},
      {"serve", ServeCommand,
       {"--db", "--host", "--port", "--threads", "--write-token", "--max-body-bytes", "--timeout", "--answer-cache-mb"},
       {}},
  };
  return commands;
}

int RunCli(int argc, char** argv) {
  if (argc < 2) return Usage(kUsage, "");
  std::string command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") return std::cout << kUsage, kExitOk;
  for (const Command& c : Commands()) {
    if (c.name != command) continue;
    std::optional<Args> args = ParseArgs(argc, argv, 2, c);
    return args ? c.run(*args) : kExitUsage;
  }
  return Usage(kUsage, "unknown command '" + command + "'");
}

}  // namespace trialgraph::api
