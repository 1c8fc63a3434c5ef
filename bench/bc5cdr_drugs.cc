// Drug-mention yardstick on BC5CDR (PubTator format, read by ingest/pubtator_reader.h).
//
//   bc5cdr_bench [--ontology DIR] [--vocab FILE]... FILE.PubTator.txt...
//
// For every abstract (title + " " + abstract, the text PubTator offsets refer
// to) the drug vocabulary's lexicon finds mentions (ontology::Tokenize +
// lexicon().FindAll). They are scored against the gold Chemical annotations:
//   gold drug mention  a Chemical annotation whose text resolves to a drug
//                      (lexicon().Lookup), or whose MeSH id has another mention
//                      in the corpus whose text does;
//   recall             gold drug mentions overlapped by a predicted mention / gold drug mentions;
//   precision          predicted mentions overlapping any gold Chemical annotation / predicted mentions.
// By default the drug vocabulary of the ontology (drugs.tsv + drugs_drugbank.tsv)
// is used; --vocab FILE (repeatable) loads only the given drug files instead,
// e.g. --vocab ontology/drugs.tsv for the curated list alone.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "ingest/pubtator_reader.h"
#include "ontology/lexicon.h"
#include "ontology/ontology.h"
#include "ontology/tokenizer.h"

namespace {

using trialgraph::ingest::ParsePubtator;
using trialgraph::ingest::PubtatorRecord;
using trialgraph::ontology::Match;
using trialgraph::ontology::Ontology;
using trialgraph::ontology::Token;
using trialgraph::ontology::Tokenize;
using trialgraph::ontology::Vocabulary;

struct Annotation {
  size_t start = 0, end = 0;  // character offsets
  std::string text, type, mesh;
};

struct Document {
  std::string pmid, text;
  std::vector<Annotation> annotations;
};

// The abstracts of one PubTator file (ingest/pubtator_reader.h) with their
// mention annotations; relation lines ("CID" where an offset would be) are left out.
trialgraph::Status ReadCorpus(const std::string& path, std::vector<Document>* docs) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return trialgraph::Status::IOError("cannot read the file");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::vector<PubtatorRecord> records;
  trialgraph::Status st = ParsePubtator(bytes.str(), &records);
  if (!st.ok()) return st;
  for (const PubtatorRecord& r : records) {
    Document doc{r.pmid, r.title + " " + r.abstract, {}};
    for (const std::vector<std::string>& f : r.annotations)
      if (f.size() >= 5 && !f[0].empty() && std::isdigit(static_cast<unsigned char>(f[0][0])))
        doc.annotations.push_back({std::stoul(f[0]), std::stoul(f[1]), f[2], f[3], f[4]});
    docs->push_back(std::move(doc));
  }
  return trialgraph::Status::OK();
}

// Byte offset -> character (code point) offset, as PubTator counts.
std::vector<size_t> CharOffsets(const std::string& text) {
  std::vector<size_t> map(text.size() + 1);
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    map[i] = chars;
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++chars;
  }
  // a byte inside a multi-byte sequence maps to the character it belongs to
  map[text.size()] = chars;
  for (size_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) map[i] = map[i] - 1;
  return map;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> MeshIds(const std::string& mesh) {
  std::vector<std::string> ids;
  size_t start = 0;
  while (start <= mesh.size()) {
    size_t pos = mesh.find('|', start);
    std::string id = mesh.substr(start, pos == std::string::npos ? std::string::npos : pos - start);
    if (!id.empty() && id != "-1") ids.push_back(id);
    if (pos == std::string::npos) break;
    start = pos + 1;
  }
  return ids;
}

void PrintTop(const char* title, const std::map<std::string, int>& counts) {
  std::vector<std::pair<int, std::string>> v;
  for (const auto& [text, n] : counts) v.push_back({-n, text});
  std::sort(v.begin(), v.end());
  std::printf("  %s:", title);
  for (size_t i = 0; i < v.size() && i < 20; ++i) std::printf("%s %s (%d)", i ? "," : "", v[i].second.c_str(), -v[i].first);
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  std::string ontology_dir = Ontology::DefaultDir();
  std::vector<std::string> vocab_files, inputs;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--ontology" && i + 1 < argc) ontology_dir = argv[++i];
    else if (arg == "--vocab" && i + 1 < argc) vocab_files.push_back(argv[++i]);
    else if (arg == "-h" || arg == "--help") {
      std::fprintf(stderr, "usage: %s [--ontology DIR] [--vocab drugs.tsv]... FILE.PubTator.txt...\n", argv[0]);
      return 0;
    } else inputs.push_back(arg);
  }
  if (inputs.empty()) {
    std::fprintf(stderr, "usage: %s [--ontology DIR] [--vocab drugs.tsv]... FILE.PubTator.txt...\n", argv[0]);
    return 2;
  }

  Ontology ontology;
  Vocabulary custom;
  const Vocabulary* drugs = &ontology.drugs;
  if (vocab_files.empty()) {
    trialgraph::Status st = Ontology::Load(ontology_dir, &ontology);
    if (!st.ok()) {
      std::fprintf(stderr, "%s\n", st.ToString().c_str());
      return 1;
    }
    std::printf("vocabulary: ontology %s (%zu drugs)\n", ontology_dir.c_str(), drugs->size());
  } else {
    for (const std::string& f : vocab_files) {
      trialgraph::Status st = custom.Load(f, {3, 2, true});
      if (!st.ok()) {
        std::fprintf(stderr, "%s\n", st.ToString().c_str());
        return 1;
      }
    }
    drugs = &custom;
    std::printf("vocabulary: %zu drugs from", drugs->size());
    for (const std::string& f : vocab_files) std::printf(" %s", f.c_str());
    std::printf("\n");
  }
  const auto& lexicon = drugs->lexicon();

  int exit_code = 0;
  for (const std::string& input : inputs) {
    std::vector<Document> docs;
    if (trialgraph::Status st = ReadCorpus(input, &docs); !st.ok()) {
      std::fprintf(stderr, "%s: %s\n", input.c_str(), st.message().c_str());
      exit_code = 1;
      continue;
    }
    // MeSH ids some mention of which resolves to a drug.
    std::set<std::string> drug_mesh;
    for (const Document& d : docs)
      for (const Annotation& a : d.annotations)
        if (a.type == "Chemical" && lexicon.Lookup(a.text))
          for (const std::string& id : MeshIds(a.mesh)) drug_mesh.insert(id);

    size_t predicted = 0, predicted_ok = 0, gold = 0, gold_found = 0, exact = 0;
    std::map<std::string, int> false_positives, false_negatives;
    double seconds = 0;
    for (const Document& d : docs) {
      auto t0 = std::chrono::steady_clock::now();
      std::vector<Token> tokens = Tokenize(d.text);
      std::vector<Match> matches = lexicon.FindAll(d.text, tokens);
      seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

      std::vector<size_t> chars = CharOffsets(d.text);
      std::vector<std::pair<size_t, size_t>> spans;  // character offsets of predictions
      for (const Match& m : matches) spans.push_back({chars[tokens[m.first].start], chars[tokens[m.last - 1].end]});
      std::vector<const Annotation*> chemicals;
      for (const Annotation& a : d.annotations)
        if (a.type == "Chemical") chemicals.push_back(&a);
      auto overlaps = [](size_t s1, size_t e1, size_t s2, size_t e2) { return s1 < e2 && s2 < e1; };

      for (size_t k = 0; k < spans.size(); ++k) {
        ++predicted;
        bool ok = std::any_of(chemicals.begin(), chemicals.end(), [&](const Annotation* a) {
          return overlaps(spans[k].first, spans[k].second, a->start, a->end);
        });
        if (ok) ++predicted_ok;
        else {
          const Match& m = matches[k];
          ++false_positives[Lower(d.text.substr(tokens[m.first].start, tokens[m.last - 1].end - tokens[m.first].start))];
        }
      }
      for (const Annotation* a : chemicals) {
        bool is_drug = lexicon.Lookup(a->text).has_value();
        for (const std::string& id : MeshIds(a->mesh)) is_drug = is_drug || drug_mesh.count(id);
        if (!is_drug) continue;
        ++gold;
        bool found = false;
        for (const auto& [s, e] : spans) {
          if (s == a->start && e == a->end) ++exact;
          if (overlaps(s, e, a->start, a->end)) found = true;
        }
        if (found) ++gold_found;
        else ++false_negatives[Lower(a->text)];
      }
    }
    double p = predicted ? static_cast<double>(predicted_ok) / predicted : 0;
    double r = gold ? static_cast<double>(gold_found) / gold : 0;
    double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
    std::printf("%s: %zu abstracts\n", input.c_str(), docs.size());
    std::printf("  precision %.3f (%zu/%zu)  recall %.3f (%zu/%zu, %zu exact spans)  F1 %.3f\n", p, predicted_ok,
                predicted, r, gold_found, gold, exact, f1);
    std::printf("  time per abstract %.1f us\n", docs.empty() ? 0.0 : seconds * 1e6 / docs.size());
    PrintTop("top false positives", false_positives);
    PrintTop("top false negatives", false_negatives);
  }
  return exit_code;
}
