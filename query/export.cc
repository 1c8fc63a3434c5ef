#include "query/export.h"

#include <zlib.h>

#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <span>
#include <unordered_map>

#include <boost/range/iterator_range.hpp>

namespace trialgraph::query {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// ---------------------------------------------------------------- text

// The length of the well-formed UTF-8 sequence at s[i] (Unicode table 3-7),
// with its code point in *cp; 0 when the bytes there are not well-formed.
size_t Utf8Length(std::string_view s, size_t i, char32_t* cp) {
  auto byte = [&](size_t k) -> unsigned { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
  unsigned b0 = byte(0), lo = 0x80, hi = 0xBF;
  size_t n = 0;
  char32_t c = 0;
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  } else if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2, c = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3, c = b0 & 0x0F, lo = b0 == 0xE0 ? 0xA0 : 0x80, hi = b0 == 0xED ? 0x9F : 0xBF;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4, c = b0 & 0x07, lo = b0 == 0xF0 ? 0x90 : 0x80, hi = b0 == 0xF4 ? 0x8F : 0xBF;
  } else {
    return 0;
  }
  for (size_t k = 1; k < n; ++k) {
    unsigned b = byte(k);
    if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return 0;
    c = (c << 6) | (b & 0x3F);
  }
  *cp = c;
  return n;
}

// True for the characters XML 1.0 allows in a document.
bool XmlAllows(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

// The XML escape of c, or nullptr when c stands for itself. Tab, newline and
// CR are escaped too, so attribute-value normalisation cannot change them.
const char* XmlEscape(char32_t c) {
  switch (c) {
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '&': return "&amp;";
    case '"': return "&quot;";
    case '\'': return "&apos;";
    case '\t': return "&#9;";
    case '\n': return "&#10;";
    case '\r': return "&#13;";
    default: return nullptr;
  }
}

// Appends `s` without invalid UTF-8 or characters XML 1.0 forbids; XML-escaped when `xml`.
void AppendText(std::string_view s, bool xml, std::string* out) {
  for (size_t i = 0; i < s.size();) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b >= 0x20 && b < 0x80 && !(xml && XmlEscape(b))) {  // the common case: plain ASCII
      out->push_back(static_cast<char>(b));
      ++i;
      continue;
    }
    char32_t c = 0;
    size_t n = Utf8Length(s, i, &c);
    if (n == 0) {
      ++i;
      continue;
    }
    const char* escape = xml ? XmlEscape(c) : nullptr;
    if (escape) out->append(escape);
    else if (XmlAllows(c)) out->append(s.substr(i, n));
    i += n;
  }
}

// Compact JSON text; invalid UTF-8 becomes U+FFFD instead of throwing.
std::string JsonText(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

// Appends a value as text: strings as they are, anything else as JSON.
void AppendValue(const json& value, bool xml, std::string* out) {
  if (value.is_string()) AppendText(value.get_ref<const std::string&>(), xml, out);
  else AppendText(JsonText(value), xml, out);
}

// ---------------------------------------------------------------- attributes

//! Attribute types, narrowest first; GraphML and neo4j-admin share the names.
enum class AttrType { kBoolean, kInt, kLong, kDouble, kString };

const char* TypeName(AttrType type) {
  switch (type) {
    case AttrType::kBoolean: return "boolean";
    case AttrType::kInt: return "int";
    case AttrType::kLong: return "long";
    case AttrType::kDouble: return "double";
    case AttrType::kString: return "string";
  }
  return "string";
}

// The type a value needs; nullopt for null, which is left out. Lists and
// maps are written as JSON strings.
std::optional<AttrType> TypeOf(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return std::nullopt;
    case json::value_t::boolean: return AttrType::kBoolean;
    case json::value_t::number_integer: {
      int64_t n = value.get<int64_t>();
      return n >= INT32_MIN && n <= INT32_MAX ? AttrType::kInt : AttrType::kLong;
    }
    case json::value_t::number_unsigned: {
      uint64_t n = value.get<uint64_t>();
      return n <= INT32_MAX ? AttrType::kInt : n <= INT64_MAX ? AttrType::kLong : AttrType::kString;
    }
    case json::value_t::number_float: return AttrType::kDouble;
    default: return AttrType::kString;
  }
}

// The narrowest type holding both: int and long widen to long, numbers to
// double, anything else mixed to string.
AttrType Widen(AttrType a, AttrType b) {
  if (a == b) return a;
  bool numbers = a != AttrType::kBoolean && a != AttrType::kString && b != AttrType::kBoolean && b != AttrType::kString;
  return numbers ? std::max(a, b) : AttrType::kString;
}

struct Attribute {
  std::string name;
  json value;
};
using Attributes = std::vector<Attribute>;

constexpr std::string_view kNodeReserved[] = {"id", "kind", "label", "labels", "name", "synonyms"};
constexpr std::string_view kEdgeReserved[] = {"id",     "label",    "interaction",    "document",
                                              "source", "evidence", "evidence_start", "evidence_end"};

// Appends each property of `props`; a property named like one of the
// attributes the exporter writes itself is renamed "prop_<name>".
void AppendProps(const json& props, std::span<const std::string_view> reserved, Attributes* out) {
  if (!props.is_object()) return;
  for (auto it = props.begin(); it != props.end(); ++it) {
    bool clash = std::find(reserved.begin(), reserved.end(), it.key()) != reserved.end();
    out->push_back({clash ? "prop_" + it.key() : it.key(), it.value()});
  }
}

// "Drug", "AdverseEvent", ...: the Neo4j label of a node kind.
const char* Neo4jLabel(NodeKind kind) {
  switch (kind) {
    case NodeKind::kDocument: return "Document";
    case NodeKind::kTrial: return "Trial";
    case NodeKind::kRegimen: return "Regimen";
    case NodeKind::kDrug: return "Drug";
    case NodeKind::kPopulation: return "Population";
    case NodeKind::kEndpoint: return "Endpoint";
    case NodeKind::kAdverseEvent: return "AdverseEvent";
  }
  return "Node";
}

// A node's own properties: name, synonyms and its kind's props.
Attributes NodeProperties(const Node& node) {
  Attributes attrs = {{"name", node.name}};
  if (!node.synonyms.empty()) attrs.push_back({"synonyms", node.synonyms});
  AppendProps(node.props, kNodeReserved, &attrs);
  return attrs;
}

// What GraphML readers look for (kind; label for Gephi; labels for Neo4j
// APOC), then the node's own properties.
Attributes GraphMlNodeAttributes(const Node& node) {
  Attributes attrs = {{"kind", std::string(NodeKindName(node.kind))},
                      {"label", node.name},
                      {"labels", std::string(":") + Neo4jLabel(node.kind)}};
  for (Attribute& a : NodeProperties(node)) attrs.push_back(std::move(a));
  return attrs;
}

// An edge's measurement props, then its source document and provenance.
Attributes EdgeProperties(const Snapshot& snapshot, const Edge& edge) {
  Attributes attrs;
  AppendProps(edge.props, kEdgeReserved, &attrs);
  const Provenance& p = edge.provenance;
  attrs.push_back({"document", p.document});
  attrs.push_back({"source", std::string(snapshot.SourceOf(p.document))});
  attrs.push_back({"evidence", p.text});
  attrs.push_back({"evidence_start", p.start});
  attrs.push_back({"evidence_end", p.end});
  return attrs;
}

// The edge kind as label (Gephi, yEd, APOC) and interaction (Cytoscape), then its properties.
Attributes GraphMlEdgeAttributes(const Snapshot& snapshot, const Edge& edge) {
  Attributes attrs = {{"label", std::string(EdgeKindName(edge.kind))},
                      {"interaction", std::string(EdgeKindName(edge.kind))}};
  for (Attribute& a : EdgeProperties(snapshot, edge)) attrs.push_back(std::move(a));
  return attrs;
}

// "e" and the 16 hex digits of the edge's fact hash: stable across stores.
std::string EdgeId(const Edge& edge) {
  char id[24];
  std::snprintf(id, sizeof id, "e%016" PRIx64, EdgeFactHash(edge));
  return id;
}

//! The typed columns a set of attribute lists needs, in first-seen order.
class Schema {
 public:
  struct Column {
    std::string name;  //!< attribute name
    AttrType type;     //!< widened over every non-null value seen
  };
  //! Adds the columns of `attrs`' non-null values and widens their types.
  void Observe(const Attributes& attrs);
  //! Every column.
  const std::vector<Column>& columns() const { return columns_; }
  //! The index of an observed column.
  size_t IndexOf(const std::string& name) const { return index_.at(name); }

 private:
  std::vector<Column> columns_;
  std::unordered_map<std::string, size_t> index_;
};

void Schema::Observe(const Attributes& attrs) {
  for (const Attribute& a : attrs) {
    std::optional<AttrType> type = TypeOf(a.value);
    if (!type) continue;
    auto [it, inserted] = index_.emplace(a.name, columns_.size());
    if (inserted) columns_.push_back({a.name, *type});
    else columns_[it->second].type = Widen(columns_[it->second].type, *type);
  }
}

// Visits the exported vertices (of one kind when `kind` is set) in snapshot
// order, stopping when `visit` returns false.
void ForEachVertex(const Snapshot& s, const ExportFilter& f, std::optional<NodeKind> kind,
                   const std::function<bool(const Node&)>& visit) {
  for (Vertex v = 0; v < s.nodes().size(); ++v)
    if (f.Keeps(v) && (!kind || s.nodes()[v].kind == *kind) && !visit(s.nodes()[v])) return;
}

// Visits the exported edges (of one kind when `kind` is set) in snapshot
// order, stopping when `visit` returns false.
void ForEachEdge(const Snapshot& s, const ExportFilter& f, std::optional<EdgeKind> kind,
                 const std::function<bool(const Edge&)>& visit) {
  for (uint32_t e = 0; e < s.facts().size(); ++e)
    if (f.KeepsEdge(s, e) && (!kind || s.RelationKind(s.facts()[e].relation) == *kind) && !visit(s.MaterializeFact(e)))
      return;
}

Status WriteStatus(const std::ostream& out) {
  return out.good() ? Status::OK() : Status::IOError("writing the export failed");
}

// ---------------------------------------------------------------- GraphML

constexpr const char kGraphMlHeader[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
    "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
    "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";

// Key ids are "d<n>": node keys first, then edge keys from `first`.
void WriteKeys(const Schema& schema, const char* domain, size_t first, std::ostream& out) {
  for (size_t i = 0; i < schema.columns().size(); ++i) {
    std::string name;
    AppendText(schema.columns()[i].name, true, &name);
    out << "  <key id=\"d" << first + i << "\" for=\"" << domain << "\" attr.name=\"" << name << "\" attr.type=\""
        << TypeName(schema.columns()[i].type) << "\"/>\n";
  }
}

void AppendData(const Schema& schema, size_t first, const Attributes& attrs, std::string* out) {
  for (const Attribute& a : attrs) {
    if (a.value.is_null()) continue;
    *out += "<data key=\"d" + std::to_string(first + schema.IndexOf(a.name)) + "\">";
    AppendValue(a.value, true, out);
    *out += "</data>";
  }
}

// ---------------------------------------------------------------- CSV

// Appends `s` as one RFC 4180 field: quoted, with quotes doubled, when it
// holds a comma, a quote, CR or LF.
void AppendCsvField(std::string_view s, std::string* out) {
  std::string clean;
  AppendText(s, false, &clean);
  if (clean.find_first_of(",\"\r\n") == std::string::npos) {
    *out += clean;
    return;
  }
  *out += '"';
  for (char c : clean) *out += c == '"' ? std::string("\"\"") : std::string(1, c);
  *out += '"';
}

// ",name:type" for every column; names keep only [A-Za-z0-9_] so the
// neo4j-admin header stays parseable.
std::string CsvHeader(const Schema& schema) {
  std::string header;
  for (const Schema::Column& column : schema.columns()) {
    std::string name = column.name;
    for (char& c : name)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') c = '_';
    header += "," + name + ":" + TypeName(column.type);
  }
  return header;
}

// ",value" for every column of `schema`, empty where `attrs` has none.
void AppendCsvCells(const Schema& schema, const Attributes& attrs, std::string* out) {
  std::vector<const json*> cells(schema.columns().size(), nullptr);
  for (const Attribute& a : attrs)
    if (!a.value.is_null()) cells[schema.IndexOf(a.name)] = &a.value;
  for (const json* cell : cells) {
    *out += ',';
    if (!cell) continue;
    std::string text;
    AppendValue(*cell, false, &text);
    AppendCsvField(text, out);
  }
}

Status WriteFile(const fs::path& path, const std::function<void(std::ostream&)>& write) {
  std::ofstream out(path, std::ios::binary);
  if (!out) return Status::IOError("cannot write " + path.string());
  write(out);
  out.close();
  return out ? Status::OK() : Status::IOError("writing " + path.string() + " failed");
}

Status WriteNodeCsv(const Snapshot& s, const ExportFilter& f, NodeKind kind, const fs::path& dir) {
  Schema schema;
  size_t rows = 0;
  ForEachVertex(s, f, kind, [&](const Node& node) {
    schema.Observe(NodeProperties(node));
    ++rows;
    return true;
  });
  if (rows == 0) return Status::OK();
  return WriteFile(dir / ("nodes_" + std::string(NodeKindName(kind)) + ".csv"), [&](std::ostream& out) {
    out << "id:ID,:LABEL" << CsvHeader(schema) << "\n";
    ForEachVertex(s, f, kind, [&](const Node& node) {
      std::string line;
      AppendCsvField(node.id, &line);
      line += std::string(",") + Neo4jLabel(kind);
      AppendCsvCells(schema, NodeProperties(node), &line);
      return static_cast<bool>(out << line << "\n");
    });
  });
}

Status WriteRelationshipCsv(const Snapshot& s, const ExportFilter& f, EdgeKind kind, const fs::path& dir) {
  Schema schema;
  size_t rows = 0;
  ForEachEdge(s, f, kind, [&](const Edge& edge) {
    schema.Observe(EdgeProperties(s, edge));
    ++rows;
    return true;
  });
  if (rows == 0) return Status::OK();
  return WriteFile(dir / ("rels_" + std::string(EdgeKindName(kind)) + ".csv"), [&](std::ostream& out) {
    out << ":START_ID,:END_ID,:TYPE,id:string" << CsvHeader(schema) << "\n";
    ForEachEdge(s, f, kind, [&](const Edge& edge) {
      std::string line;
      AppendCsvField(edge.from, &line);
      line += ',';
      AppendCsvField(edge.to, &line);
      line += "," + std::string(EdgeKindName(kind)) + "," + EdgeId(edge);
      AppendCsvCells(schema, EdgeProperties(s, edge), &line);
      return static_cast<bool>(out << line << "\n");
    });
  });
}

// ---------------------------------------------------------------- gzip

//! A streambuf that gzip-compresses (zlib, windowBits 31) what is written into a file.
class GzipFileBuf : public std::streambuf {
 public:
  ~GzipFileBuf() override {
    if (open_) deflateEnd(&z_);
  }
  //! Creates `path` and starts the gzip stream; IOError when it cannot.
  Status Open(const std::string& path);
  //! Compresses what is buffered, ends the gzip stream and closes the file.
  Status Close();

 protected:
  int_type overflow(int_type c) override;

 private:
  bool Deflate(int flush);

  std::ofstream file_;
  z_stream z_{};
  bool open_ = false;
  std::vector<char> in_ = std::vector<char>(1 << 16);
  std::vector<char> out_ = std::vector<char>(1 << 16);
};

Status GzipFileBuf::Open(const std::string& path) {
  file_.open(path, std::ios::binary);
  if (!file_) return Status::IOError("cannot write " + path);
  if (deflateInit2(&z_, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    return Status::IOError("zlib could not start a gzip stream");
  open_ = true;
  setp(in_.data(), in_.data() + in_.size());
  return Status::OK();
}

GzipFileBuf::int_type GzipFileBuf::overflow(int_type c) {
  if (!Deflate(Z_NO_FLUSH)) return traits_type::eof();
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
  }
  return traits_type::not_eof(c);
}

// Compresses the buffered bytes and writes the output; with Z_FINISH, ends the stream.
bool GzipFileBuf::Deflate(int flush) {
  z_.next_in = reinterpret_cast<Bytef*>(pbase());
  z_.avail_in = static_cast<uInt>(pptr() - pbase());
  int rc = Z_OK;
  do {
    z_.next_out = reinterpret_cast<Bytef*>(out_.data());
    z_.avail_out = static_cast<uInt>(out_.size());
    rc = deflate(&z_, flush);
    if (rc == Z_STREAM_ERROR) return false;
    file_.write(out_.data(), static_cast<std::streamsize>(out_.size() - z_.avail_out));
  } while (z_.avail_out == 0);
  setp(in_.data(), in_.data() + in_.size());
  return file_.good() && (flush != Z_FINISH || rc == Z_STREAM_END);
}

Status GzipFileBuf::Close() {
  bool ok = Deflate(Z_FINISH);
  deflateEnd(&z_);
  open_ = false;
  file_.close();
  return ok && file_ ? Status::OK() : Status::IOError("writing the gzip stream failed");
}

using StreamWriter = std::function<Status(std::ostream&)>;

Status WriteGzipFile(const std::string& path, const StreamWriter& write) {
  GzipFileBuf buf;
  if (Status st = buf.Open(path); !st.ok()) return st;
  std::ostream out(&buf);
  Status written = write(out);
  Status closed = buf.Close();
  return written.ok() ? closed : written;
}

Status WritePlainFile(const std::string& path, const StreamWriter& write) {
  std::ofstream out(path, std::ios::binary);
  if (!out) return Status::IOError("cannot write " + path);
  Status written = write(out);
  out.close();
  return !written.ok() ? written : out ? Status::OK() : Status::IOError("writing " + path + " failed");
}

}  // namespace

// ---------------------------------------------------------------- filters

ExportFilter ExportFilter::All(const Snapshot& snapshot) { return {std::vector<bool>(snapshot.nodes().size(), true)}; }

void ExportFilter::KeepOnlyKinds(const Snapshot& snapshot, const std::vector<NodeKind>& kinds) {
  for (Vertex v = 0; v < kept.size(); ++v)
    if (std::find(kinds.begin(), kinds.end(), snapshot.nodes()[v].kind) == kinds.end()) kept[v] = false;
}

bool ExportFilter::KeepsEdge(const Snapshot& snapshot, uint32_t edge) const {
  uint32_t relation = snapshot.facts()[edge].relation;
  return kept[snapshot.Source(relation)] && kept[snapshot.Target(relation)];
}

ExportFilter SubgraphForAnswer(const Snapshot& snapshot, const Answer& answer) {
  ExportFilter filter{std::vector<bool>(snapshot.nodes().size(), false)};
  std::vector<Vertex> seeds;
  auto seed = [&](std::string_view id) {
    if (std::optional<Vertex> v = snapshot.Find(id)) seeds.push_back(*v);
  };
  for (const Result& r : answer.results) {
    seed(r.id);
    for (const Evidence& e : r.evidence) seed(e.trial);
  }
  const Graph& g = snapshot.graph();
  for (Vertex v : seeds) {
    filter.kept[v] = true;
    for (auto e : boost::make_iterator_range(boost::out_edges(v, g))) filter.kept[boost::target(e, g)] = true;
    for (auto e : boost::make_iterator_range(boost::in_edges(v, g))) filter.kept[boost::source(e, g)] = true;
  }
  return filter;
}

Status ParseNodeKinds(std::string_view list, std::vector<NodeKind>* kinds) {
  kinds->clear();
  for (size_t start = 0; start <= list.size();) {
    size_t comma = std::min(list.find(',', start), list.size());
    std::string_view name = list.substr(start, comma - start);
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.front()))) name.remove_prefix(1);
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.remove_suffix(1);
    start = comma + 1;
    if (name.empty()) continue;
    std::optional<NodeKind> kind = ParseNodeKind(name);
    if (!kind) {
      std::string valid;
      for (NodeKind k : kAllNodeKinds) valid += (valid.empty() ? "" : ", ") + std::string(NodeKindName(k));
      return Status::InvalidArgument("unknown node kind '" + std::string(name) + "' (kinds: " + valid + ")");
    }
    kinds->push_back(*kind);
  }
  return kinds->empty() ? Status::InvalidArgument("no node kind given") : Status::OK();
}

std::optional<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "graphml") return ExportFormat::kGraphMl;
  if (name == "csv") return ExportFormat::kCsv;
  if (name == "jsonl") return ExportFormat::kJsonLines;
  return std::nullopt;
}

// ---------------------------------------------------------------- writers

Status ExportGraphMl(const Snapshot& snapshot, const ExportFilter& filter, std::ostream& out) {
  Schema nodes, edges;
  ForEachVertex(snapshot, filter, std::nullopt, [&](const Node& n) {
    nodes.Observe(GraphMlNodeAttributes(n));
    return true;
  });
  ForEachEdge(snapshot, filter, std::nullopt,
              [&](const Edge& e) {
    edges.Observe(GraphMlEdgeAttributes(snapshot, e));
    return true;
  });
  const size_t first_edge_key = nodes.columns().size();
  out << kGraphMlHeader;
  WriteKeys(nodes, "node", 0, out);
  WriteKeys(edges, "edge", first_edge_key, out);
  out << "  <graph id=\"trialgraph\" edgedefault=\"directed\">\n";
  ForEachVertex(snapshot, filter, std::nullopt, [&](const Node& node) {
    std::string line = "    <node id=\"";
    AppendText(node.id, true, &line);
    line += "\">";
    AppendData(nodes, 0, GraphMlNodeAttributes(node), &line);
    return static_cast<bool>(out << line << "</node>\n");
  });
  ForEachEdge(snapshot, filter, std::nullopt, [&](const Edge& edge) {
    std::string line = "    <edge id=\"" + EdgeId(edge) + "\" source=\"";
    AppendText(edge.from, true, &line);
    line += "\" target=\"";
    AppendText(edge.to, true, &line);
    line += "\">";
    AppendData(edges, first_edge_key, GraphMlEdgeAttributes(snapshot, edge), &line);
    return static_cast<bool>(out << line << "</edge>\n");
  });
  out << "  </graph>\n</graphml>\n";
  out.flush();
  return WriteStatus(out);
}

Status ExportCsv(const Snapshot& snapshot, const ExportFilter& filter, const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IOError("cannot create " + dir + ": " + ec.message());
  for (NodeKind kind : kAllNodeKinds)
    if (Status st = WriteNodeCsv(snapshot, filter, kind, dir); !st.ok()) return st;
  for (EdgeKind kind : kAllEdgeKinds)
    if (Status st = WriteRelationshipCsv(snapshot, filter, kind, dir); !st.ok()) return st;
  return Status::OK();
}

// Each line is {"type": ...} followed by the members of NodeToJson/EdgeToJson.
Status ExportJsonLines(const Snapshot& snapshot, const ExportFilter& filter, std::ostream& out) {
  ForEachVertex(snapshot, filter, std::nullopt, [&](const Node& node) {
    return static_cast<bool>(out << "{\"type\":\"node\"," << JsonText(NodeToJson(node)).substr(1) << "\n");
  });
  ForEachEdge(snapshot, filter, std::nullopt, [&](const Edge& edge) {
    json j = EdgeToJson(edge);
    j["id"] = EdgeId(edge);
    j["provenance"]["source"] = std::string(snapshot.SourceOf(edge.provenance.document));
    return static_cast<bool>(out << "{\"type\":\"edge\"," << JsonText(j).substr(1) << "\n");
  });
  out.flush();
  return WriteStatus(out);
}

Status ExportToPath(const Snapshot& snapshot, const ExportFilter& filter, ExportFormat format, const std::string& path) {
  if (format == ExportFormat::kCsv) return ExportCsv(snapshot, filter, path);
  StreamWriter write = [&](std::ostream& out) {
    return format == ExportFormat::kGraphMl ? ExportGraphMl(snapshot, filter, out)
                                            : ExportJsonLines(snapshot, filter, out);
  };
  return path.ends_with(".gz") ? WriteGzipFile(path, write) : WritePlainFile(path, write);
}

}  // namespace trialgraph::query
