// Answers a parsed question over a snapshot, with evidence for every result.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ontology/ontology.h"
#include "query/question.h"
#include "query/snapshot.h"

namespace trialgraph::query {

//! One sentence supporting a result. The views point into the snapshot the
//! answer was evaluated on, which must outlive the answer.
struct Evidence {
  std::string_view source;    //!< the path or URL the document was ingested from
  std::string_view document;  //!< document node id
  std::string_view trial;     //!< trial node id
  std::string_view text;      //!< the supporting sentence
  uint32_t start = 0, end = 0;
};

struct Result {
  std::string id;
  std::string type;  //!< node kind
  std::string name;
  nlohmann::json details = nlohmann::json::object();  //!< kind-specific: drugs, measurements, properties
  std::vector<Evidence> evidence;  //!< the listed supporting sentences (Page::evidence), one per trial first
  size_t evidence_total = 0;       //!< all supporting sentences, listed or not
  size_t documents = 0;            //!< distinct documents among all the evidence
};

//! Most supporting sentences a result can list, and most measurements it
//! carries; the rest are counted in evidence_total.
inline constexpr size_t kMaxEvidence = 20;
//! Sentences listed per result unless asked otherwise: enough to see several
//! sources at a glance while keeping a page of answers small (20 results
//! with 20 sentences each made a 105 KB body; with 5, about 30 KB).
inline constexpr size_t kDefaultEvidence = 5;

//! Which part of the sorted results an answer materialises.
struct Page {
  size_t offset = 0;                   //!< results skipped
  size_t limit = 100;                  //!< results listed at most
  size_t evidence = kDefaultEvidence;  //!< sentences listed per result, at most kMaxEvidence
};

struct Answer {
  std::string question;
  std::string interpretation;
  std::vector<Result> results;
  size_t total = 0;  //!< results before limit/offset
  //! {"question", "interpretation", "total", "results": [{"id","type","name",...,"evidence":[...]}]}
  nlohmann::json ToJson() const;
  //! A readable table.
  std::string ToTable() const;
};

//! Evaluates `q` on `snapshot`. Results are sorted by number of supporting
//! documents, then name, then node (a total order, so pages never overlap);
//! `page` chooses which of them are listed. Every result is counted, but only
//! the page is materialised (details and evidence); a result carries its
//! first kMaxEvidence measurements whatever page.evidence lists. The answer
//! refers into `snapshot` and must not outlive it.
Answer Evaluate(const Question& q, const Snapshot& snapshot, const ontology::Ontology& ontology, const Page& page = {});

}  // namespace trialgraph::query
