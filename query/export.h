// Offline export of the graph, or of part of it, for other tools: GraphML
// (Gephi, Cytoscape, networkx, igraph, yEd, Neo4j APOC), CSV for
// neo4j-admin import, and JSON Lines. Every writer streams: it walks the
// snapshot and writes as it goes, keeping no copy of the output.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "query/answer.h"
#include "query/snapshot.h"

namespace trialgraph::query {

//! The part of a snapshot an export writes: a set of vertices, and every
//! edge whose two ends are both in it.
struct ExportFilter {
  //! kept[v] is true when vertex v (an index into Snapshot::nodes()) is exported.
  std::vector<bool> kept;

  //! A filter keeping every vertex of `snapshot`.
  static ExportFilter All(const Snapshot& snapshot);
  //! Drops every kept vertex whose kind is not one of `kinds`.
  void KeepOnlyKinds(const Snapshot& snapshot, const std::vector<NodeKind>& kinds);
  //! True when vertex v is exported.
  bool Keeps(Vertex v) const { return kept[v]; }
  //! True when fact `edge` (an index into Snapshot::facts()) is exported: both its ends are.
  bool KeepsEdge(const Snapshot& snapshot, uint32_t edge) const;
};

//! The subgraph that answers a question: the result nodes, the trials their
//! evidence came from, and every neighbour (either direction) of those.
ExportFilter SubgraphForAnswer(const Snapshot& snapshot, const Answer& answer);

//! Parses a comma-separated list of node kinds ("drug,regimen,adverse_event").
//! InvalidArgument naming the unknown kind and listing the valid ones.
Status ParseNodeKinds(std::string_view list, std::vector<NodeKind>* kinds);

enum class ExportFormat { kGraphMl, kCsv, kJsonLines };

//! Parses "graphml", "csv" or "jsonl"; nullopt for anything else.
std::optional<ExportFormat> ParseExportFormat(std::string_view name);

//! Writes GraphML: directed, typed keys declared once per node/edge attribute,
//! stable node ids, edge ids "e" + the 16 hex digits of EdgeFactHash.
//! IOError when `out` fails.
Status ExportGraphMl(const Snapshot& snapshot, const ExportFilter& filter, std::ostream& out);

//! Writes neo4j-admin import files into `dir` (created if missing): one
//! nodes_<kind>.csv per node kind and one rels_<TYPE>.csv per edge kind that
//! has exported rows. IOError when a file cannot be written.
Status ExportCsv(const Snapshot& snapshot, const ExportFilter& filter, const std::string& dir);

//! Writes one JSON object per line: every node ({"type":"node",...}), then
//! every edge ({"type":"edge",...}). IOError when `out` fails.
Status ExportJsonLines(const Snapshot& snapshot, const ExportFilter& filter, std::ostream& out);

//! Writes `format` to `path`: a directory for CSV; a file for GraphML and
//! JSON Lines, gzip-compressed when `path` ends in ".gz".
Status ExportToPath(const Snapshot& snapshot, const ExportFilter& filter, ExportFormat format, const std::string& path);

}  // namespace trialgraph::query
