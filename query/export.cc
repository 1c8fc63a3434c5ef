#include "query/export.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cassert>
#include <cctype>
#include <charconv>
#include <condition_variable>
#include <exception>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <span>
#include <thread>
#include <unordered_map>
#include <variant>

#include <boost/range/iterator_range.hpp>

#include "core/hash.h"

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

//! Which bytes are copied as they are: printable ASCII, less the XML
//! metacharacters in XML text.
struct PlainBytes {
  std::array<bool, 256> text{};  //!< in CSV and JSON text
  std::array<bool, 256> xml{};   //!< in XML text
  constexpr PlainBytes() {
    for (int b = 0x20; b < 0x80; ++b) text[b] = xml[b] = true;
    for (unsigned char b : {'<', '>', '&', '"', '\''}) xml[b] = false;
  }
};
constexpr PlainBytes kPlainBytes;

bool IsPlain(unsigned char b, bool xml) { return xml ? kPlainBytes.xml[b] : kPlainBytes.text[b]; }

constexpr uint64_t kEveryByte = 0x0101010101010101ULL;  // 0x01 in each byte
constexpr uint64_t kHighBits = 0x8080808080808080ULL;   // 0x80 in each byte

// Nonzero when some byte of `word` is below `limit` (at most 0x80).
constexpr uint64_t SomeByteBelow(uint64_t word, uint8_t limit) { return (word - kEveryByte * limit) & ~word & kHighBits; }

// Nonzero when some byte of `word` equals `c`.
constexpr uint64_t SomeByteIs(uint64_t word, char c) { return SomeByteBelow(word ^ (kEveryByte * static_cast<uint8_t>(c)), 1); }

// True when the eight bytes at p are all plain (IsPlain), tested at once.
bool EightPlain(const char* p, bool xml) {
  uint64_t word;
  std::memcpy(&word, p, sizeof word);
  uint64_t special = (word & kHighBits) | SomeByteBelow(word, 0x20);
  if (xml)
    special |= SomeByteIs(word, '<') | SomeByteIs(word, '>') | SomeByteIs(word, '&') | SomeByteIs(word, '"') |
               SomeByteIs(word, '\'');
  return special == 0;
}

// Appends `s` without invalid UTF-8 or characters XML 1.0 forbids; XML-escaped
// when `xml`. Runs of bytes that need nothing are appended in one piece.
void AppendText(std::string_view s, bool xml, std::string* out) {
  size_t run = 0;  // start of the bytes not yet appended, all kept as they are
  for (size_t i = 0; i < s.size();) {
    if (i + 8 <= s.size() && EightPlain(s.data() + i, xml)) {
      i += 8;
      continue;
    }
    if (IsPlain(static_cast<unsigned char>(s[i]), xml)) {
      ++i;
      continue;
    }
    char32_t c = 0;
    size_t n = Utf8Length(s, i, &c);
    const char* escape = n > 0 && xml ? XmlEscape(c) : nullptr;
    if (n > 0 && !escape && XmlAllows(c)) {  // well-formed and allowed: stays in the run
      i += n;
      continue;
    }
    out->append(s.data() + run, i - run);
    if (escape) out->append(escape);
    i += std::max<size_t>(n, 1);
    run = i;
  }
  out->append(s.data() + run, s.size() - run);
}

// Compact JSON text; invalid UTF-8 becomes U+FFFD instead of throwing.
std::string JsonText(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

template <typename Integer>
void AppendInteger(Integer n, std::string* out) {
  char digits[24];
  out->append(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
}

// Appends a JSON value as text: strings as they are, anything else as JSON.
void AppendJsonValue(const json& value, bool xml, std::string* out) {
  switch (value.type()) {
    case json::value_t::string: return AppendText(value.get_ref<const std::string&>(), xml, out);
    case json::value_t::number_integer: return AppendInteger(value.get<int64_t>(), out);
    case json::value_t::number_unsigned: return AppendInteger(value.get<uint64_t>(), out);
    case json::value_t::boolean: out->append(value.get<bool>() ? "true" : "false"); return;
    default: return AppendText(JsonText(value), xml, out);
  }
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

//! An attribute value, viewed where it lives: text, an unsigned number, or a
//! JSON value (never null: null values are left out).
using AttrValue = std::variant<std::string_view, uint64_t, const json*>;

AttrType TypeOfUnsigned(uint64_t n) {
  return n <= INT32_MAX ? AttrType::kInt : n <= INT64_MAX ? AttrType::kLong : AttrType::kString;
}

// The type a JSON value needs. Lists and maps are written as JSON strings.
AttrType TypeOf(const json& value) {
  switch (value.type()) {
    case json::value_t::boolean: return AttrType::kBoolean;
    case json::value_t::number_integer: {
      int64_t n = value.get<int64_t>();
      return n >= INT32_MIN && n <= INT32_MAX ? AttrType::kInt : AttrType::kLong;
    }
    case json::value_t::number_unsigned: return TypeOfUnsigned(value.get<uint64_t>());
    case json::value_t::number_float: return AttrType::kDouble;
    default: return AttrType::kString;
  }
}

AttrType TypeOf(const AttrValue& value) {
  if (const uint64_t* n = std::get_if<uint64_t>(&value)) return TypeOfUnsigned(*n);
  if (const json* const* j = std::get_if<const json*>(&value)) return TypeOf(**j);
  return AttrType::kString;
}

// Appends a value as text (XML-escaped when `xml`).
void AppendValue(const AttrValue& value, bool xml, std::string* out) {
  if (const uint64_t* n = std::get_if<uint64_t>(&value)) return AppendInteger(*n, out);
  if (const json* const* j = std::get_if<const json*>(&value)) return AppendJsonValue(**j, xml, out);
  AppendText(std::get<std::string_view>(value), xml, out);
}

// The narrowest type holding both: int and long widen to long, numbers to
// double, anything else mixed to string.
AttrType Widen(AttrType a, AttrType b) {
  if (a == b) return a;
  bool numbers = a != AttrType::kBoolean && a != AttrType::kString && b != AttrType::kBoolean && b != AttrType::kString;
  return numbers ? std::max(a, b) : AttrType::kString;
}

//! A property name the exporter writes itself, and what a property of that
//! name is written as instead.
struct Reserved {
  std::string_view name;     //!< the exporter's own attribute
  std::string_view renamed;  //!< "prop_<name>"
};
constexpr Reserved kNodeReserved[] = {{"id", "prop_id"},         {"kind", "prop_kind"}, {"label", "prop_label"},
                                      {"labels", "prop_labels"}, {"name", "prop_name"}, {"synonyms", "prop_synonyms"}};
constexpr Reserved kEdgeReserved[] = {{"id", "prop_id"},
                                      {"label", "prop_label"},
                                      {"interaction", "prop_interaction"},
                                      {"document", "prop_document"},
                                      {"source", "prop_source"},
                                      {"evidence", "prop_evidence"},
                                      {"evidence_start", "prop_evidence_start"},
                                      {"evidence_end", "prop_evidence_end"}};

// Visits each non-null property of `props`, renamed when it clashes with an
// attribute the exporter writes itself.
template <typename Visit>
void VisitProps(const json& props, std::span<const Reserved> reserved, Visit&& visit) {
  if (!props.is_object()) return;
  for (auto it = props.begin(); it != props.end(); ++it) {
    if (it.value().is_null()) continue;
    std::string_view name = it.key();
    for (const Reserved& r : reserved)
      if (r.name == name) {
        name = r.renamed;
        break;
      }
    visit(name, AttrValue(&it.value()));
  }
}

// ":Drug", ":AdverseEvent", ...: the Neo4j label of a node kind, as APOC's
// "labels" attribute spells it.
std::string_view Neo4jLabels(NodeKind kind) {
  switch (kind) {
    case NodeKind::kDocument: return ":Document";
    case NodeKind::kTrial: return ":Trial";
    case NodeKind::kRegimen: return ":Regimen";
    case NodeKind::kDrug: return ":Drug";
    case NodeKind::kPopulation: return ":Population";
    case NodeKind::kEndpoint: return ":Endpoint";
    case NodeKind::kAdverseEvent: return ":AdverseEvent";
  }
  return ":Node";
}

// "Drug", "AdverseEvent", ...: the Neo4j label of a node kind.
std::string_view Neo4jLabel(NodeKind kind) { return Neo4jLabels(kind).substr(1); }

// Visits a node's non-null attributes: for GraphML first what readers look
// for (kind; label for Gephi; labels for Neo4j APOC), then its name,
// synonyms and its kind's props.
template <typename Visit>
void VisitNodeAttributes(const Node& node, bool graphml, Visit&& visit) {
  if (graphml) {
    visit("kind", AttrValue(NodeKindName(node.kind)));
    visit("label", AttrValue(std::string_view(node.name)));
    visit("labels", AttrValue(Neo4jLabels(node.kind)));
  }
  visit("name", AttrValue(std::string_view(node.name)));
  if (!node.synonyms.empty()) {
    const json synonyms = node.synonyms;
    visit("synonyms", AttrValue(&synonyms));
  }
  VisitProps(node.props, kNodeReserved, visit);
}

// Visits an edge's non-null attributes: for GraphML first its kind as label
// (Gephi, yEd, APOC) and interaction (Cytoscape); then its measurement
// props, its source document and provenance.
template <typename Visit>
void VisitEdgeAttributes(const ExportEdge& e, bool graphml, Visit&& visit) {
  if (graphml) {
    visit("label", AttrValue(EdgeKindName(e.edge.kind)));
    visit("interaction", AttrValue(EdgeKindName(e.edge.kind)));
  }
  VisitProps(e.edge.props, kEdgeReserved, visit);
  const Provenance& p = e.edge.provenance;
  visit("document", AttrValue(std::string_view(p.document)));
  visit("source", AttrValue(e.source));
  visit("evidence", AttrValue(std::string_view(p.text)));
  visit("evidence_start", AttrValue(uint64_t{p.start}));
  visit("evidence_end", AttrValue(uint64_t{p.end}));
}

// Appends "e" and the 16 hex digits of the edge's fact hash: stable across stores.
void AppendEdgeId(uint64_t fact, std::string* out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  char id[17] = {'e'};
  for (int i = 16; i >= 1; --i, fact >>= 4) id[i] = kDigits[fact & 0xF];
  out->append(id, sizeof id);
}

//! The typed columns a set of attribute lists needs, in first-seen order.
class Schema {
 public:
  struct Column {
    std::string name;  //!< attribute name
    AttrType type;     //!< widened over every value seen
  };
  //! Adds a column for `name`, or widens its type to hold `value`; returns
  //! the column's index, fixed when it is first seen.
  size_t Observe(std::string_view name, const AttrValue& value);
  //! Every column.
  const std::vector<Column>& columns() const { return columns_; }
  //! The index of an observed column.
  size_t IndexOf(std::string_view name) const { return index_.find(name)->second; }

 private:
  //! Hashes std::string and std::string_view alike, for lookups without a copy.
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  //! Adds a column; returns its index.
  size_t Add(std::string_view name, AttrType type);

  std::vector<Column> columns_;                                                    //!< in first-seen order
  std::unordered_map<std::string, size_t, NameHash, std::equal_to<>> index_;  //!< name -> column
  size_t next_ = 0;  //!< the column after the last observed: attributes mostly come in the same order
};

size_t Schema::Observe(std::string_view name, const AttrValue& value) {
  const AttrType type = TypeOf(value);
  size_t column = next_;
  if (column >= columns_.size() || columns_[column].name != name) {
    auto it = index_.find(name);
    column = it != index_.end() ? it->second : Add(name, type);
  }
  columns_[column].type = Widen(columns_[column].type, type);
  next_ = column + 1;
  return column;
}

size_t Schema::Add(std::string_view name, AttrType type) {
  index_.emplace(std::string(name), columns_.size());
  columns_.push_back({std::string(name), type});
  return columns_.size() - 1;
}

// ---------------------------------------------------------------- output

//! Collects text for a stream and writes it in large chunks.
class ChunkedOutput {
 public:
  explicit ChunkedOutput(std::ostream& out) : out_(out) { text_.reserve(kChunk + kChunk / 4); }
  //! The text not yet written: append to it, then call Spill.
  std::string& text() { return text_; }
  //! Writes the text once it fills a chunk; false when the stream failed.
  bool Spill() { return text_.size() < kChunk || Write(); }
  //! Writes the rest of the text and flushes the stream. IOError when the
  //! stream failed at any point, else `read` (how reading the graph went).
  Status Finish(const Status& read) {
    Write();
    out_.flush();
    if (!out_.good()) return Status::IOError("writing the export failed");
    return read;
  }

 private:
  bool Write() {
    out_.write(text_.data(), static_cast<std::streamsize>(text_.size()));
    text_.clear();
    return out_.good();
  }

  static constexpr size_t kChunk = 1 << 20;
  std::ostream& out_;  //!< where the text goes
  std::string text_;   //!< text not yet written
};

// ---------------------------------------------------------------- GraphML

constexpr const char kGraphMlHeader[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
    "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
    "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";

//! The GraphML keys of an export: node keys are "d0".."d<n-1>", edge keys follow.
struct GraphMlKeys {
  Schema nodes;  //!< node attributes
  Schema edges;  //!< edge attributes
};

// Appends the <key> declarations of `schema`, with ids from "d<first>".
void AppendKeys(const Schema& schema, const char* domain, size_t first, std::string* out) {
  for (size_t i = 0; i < schema.columns().size(); ++i) {
    *out += "  <key id=\"d" + std::to_string(first + i) + "\" for=\"" + domain + "\" attr.name=\"";
    AppendText(schema.columns()[i].name, true, out);
    *out += std::string("\" attr.type=\"") + TypeName(schema.columns()[i].type) + "\"/>\n";
  }
}

// Returns a visitor that observes each attribute in `schema` and appends it
// as a <data> element of key "d<first + column>".
auto DataAppender(Schema* schema, size_t first, std::string* out) {
  return [schema, first, out](std::string_view name, const AttrValue& value) {
    *out += "<data key=\"d";
    AppendInteger(first + schema->Observe(name, value), out);
    *out += "\">";
    AppendValue(value, true, out);
    *out += "</data>";
  };
}

// Writes every node and edge, learning the keys as they come: a key's id is
// fixed when its attribute is first seen, only its type widens later. Edge
// key ids follow the node keys, all known by then since nodes come first.
Status WriteGraphMlBody(const ExportSource& source, GraphMlKeys* keys, ChunkedOutput* out) {
  std::string& text = out->text();
  Status st = source.ForEachNode([&](const Node& node) {
    text += "    <node id=\"";
    AppendText(node.id, true, &text);
    text += "\">";
    VisitNodeAttributes(node, true, DataAppender(&keys->nodes, 0, &text));
    text += "</node>\n";
    return out->Spill();
  });
  if (!st.ok()) return st;
  const size_t first_edge_key = keys->nodes.columns().size();
  return source.ForEachEdge(EdgePass::kWrite, [&](const ExportEdge& edge) {
    text += "    <edge id=\"";
    AppendEdgeId(edge.fact, &text);
    text += "\" source=\"";
    AppendText(edge.edge.from, true, &text);
    text += "\" target=\"";
    AppendText(edge.edge.to, true, &text);
    text += "\">";
    VisitEdgeAttributes(edge, true, DataAppender(&keys->edges, first_edge_key, &text));
    text += "</edge>\n";
    return out->Spill();
  });
}

//! A file written once, front to back, bypassing the page cache (O_DIRECT)
//! where the file system allows: filling fresh cache pages costs about as
//! much CPU as writing the text (on a virtual machine, more), evicts the
//! store's own pages, and a file emptied and written again is flushed when
//! it is closed (ext4's auto_da_alloc). Its writes run beside the work: one
//! buffer is written while the other fills.
class DirectFile : public std::streambuf {
 public:
  ~DirectFile() override;
  //! Creates an unnamed temporary file (in TMPDIR, unlinked at once); IOError when it cannot.
  Status OpenTemporary();
  //! Creates `path`, or empties it; IOError when it cannot.
  Status Create(const std::string& path);
  //! Writes what is buffered and waits for every write; the file then holds
  //! exactly the bytes written. IOError when a write failed.
  Status Finish();
  //! Leaves the first `bytes` (a multiple of kBlock) of the file for
  //! WriteReserved; call before writing anything.
  void Reserve(uint64_t bytes) {
    assert(size_ == 0 && pptr() == pbase() && bytes % kBlock == 0);
    size_ = reserved_ = bytes;
  }
  //! Writes `text`, exactly as long as the reserved room, at the start of
  //! the file. IOError when the write failed.
  Status WriteReserved(std::string_view text);

 protected:
  using Buffer = std::unique_ptr<char, decltype(&std::free)>;
  static constexpr size_t kBlock = 4096;              //!< O_DIRECT alignment of memory, offsets and sizes
  static constexpr size_t kBuffer = size_t{1} << 20;  //!< a multiple of kBlock

  int_type overflow(int_type c) override;

  int fd_ = -1;                                        //!< the open file
  uint64_t reserved_ = 0;                              //!< bytes left at the start, see Reserve
  std::array<Buffer, 2> buffers_{Buffer(nullptr, &std::free), Buffer(nullptr, &std::free)};  //!< kBlock-aligned
  uint64_t size_ = 0;                                  //!< bytes of text in the file

 private:
  //! Allocates the buffers for the open file; IOError when it cannot.
  Status StartWriting();
  //! Starts writing the filled buffer, zero-padded to whole blocks, and
  //! switches to the other; false when the write before it failed.
  bool WriteBuffer();

  size_t filling_ = 0;       //!< the buffer being filled
  std::future<bool> write_;  //!< the write in flight, of the other buffer
};

//! A body of text held in a temporary DirectFile while the header that
//! precedes it is learnt, then copied out; the next chunk is read while the
//! current one is copied.
class Spool : public DirectFile {
 public:
  //! Creates the file; IOError when it cannot.
  Status Open() { return OpenTemporary(); }
  //! Copies the body, from its start, to `out`. IOError when that fails.
  Status CopyTo(std::ostream& out);

 private:
  //! Starts reading the kBuffer bytes at `at` into buffers_[b]; the bytes read, or -1.
  std::future<ssize_t> Read(size_t b, uint64_t at);
};

// Turns O_DIRECT off for fd, for a file system that refuses it; false when it was off.
bool DirectIoOff(int fd) {
  int flags = ::fcntl(fd, F_GETFL);
  return flags >= 0 && (flags & O_DIRECT) && ::fcntl(fd, F_SETFL, flags & ~O_DIRECT) == 0;
}

// Runs a read or write at `offset` to completion of at most `n` bytes (fewer
// only at the end of the file); the bytes moved, or -1.
template <typename Io>
ssize_t IoAt(int fd, size_t n, uint64_t offset, Io&& io) {
  size_t done = 0;
  while (done < n) {
    ssize_t k = io(done, n - done, static_cast<off_t>(offset + done));
    if (k < 0 && (errno == EINTR || (errno == EINVAL && DirectIoOff(fd)))) continue;
    if (k < 0) return -1;
    if (k == 0) break;
    done += static_cast<size_t>(k);
  }
  return static_cast<ssize_t>(done);
}

// n rounded up to a multiple of `block`.
uint64_t RoundUp(uint64_t n, uint64_t block) { return (n + block - 1) / block * block; }

DirectFile::~DirectFile() {
  if (write_.valid()) write_.wait();
  if (fd_ >= 0) ::close(fd_);
}

Status DirectFile::OpenTemporary() {
  std::error_code ec;
  fs::path dir = fs::temp_directory_path(ec);
  const std::string pattern = ((ec ? fs::path("/tmp") : dir) / "trialgraph-export-XXXXXX").string();
  std::string path = pattern;
  fd_ = ::mkostemp(path.data(), O_DIRECT);
  if (fd_ < 0) fd_ = ::mkstemp((path = pattern).data());  // a file system without O_DIRECT
  if (fd_ < 0) return Status::IOError("cannot create a temporary file like " + pattern);
  ::unlink(path.c_str());
  return StartWriting();
}

Status DirectFile::Create(const std::string& path) {
  constexpr int kFlags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC;
  fd_ = ::open(path.c_str(), kFlags | O_DIRECT, 0666);
  if (fd_ < 0 && errno == EINVAL) fd_ = ::open(path.c_str(), kFlags, 0666);  // a file system without O_DIRECT
  if (fd_ < 0) return Status::IOError("cannot write " + path);
  return StartWriting();
}

Status DirectFile::StartWriting() {
  for (Buffer& b : buffers_)
    if (b.reset(static_cast<char*>(std::aligned_alloc(kBlock, kBuffer))); !b)
      return Status::IOError("no memory for the export's file buffers");
  setp(buffers_[filling_].get(), buffers_[filling_].get() + kBuffer);
  return Status::OK();
}

bool DirectFile::WriteBuffer() {
  const size_t n = static_cast<size_t>(pptr() - pbase());
  const size_t padded = RoundUp(n, kBlock);
  std::memset(pptr(), 0, padded - n);
  const uint64_t at = RoundUp(size_, kBlock);
  size_ = at + n;
  const bool earlier = !write_.valid() || write_.get();  // the other buffer is free once this returns
  write_ = std::async(std::launch::async, [this, data = pbase(), padded, at] {
    return IoAt(fd_, padded, at, [&](size_t done, size_t left, off_t offset) {
             return ::pwrite(fd_, data + done, left, offset);
           }) == static_cast<ssize_t>(padded);
  });
  filling_ ^= 1;
  setp(buffers_[filling_].get(), buffers_[filling_].get() + kBuffer);
  return earlier;
}

DirectFile::int_type DirectFile::overflow(int_type c) {
  if (!WriteBuffer()) return traits_type::eof();
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
  }
  return traits_type::not_eof(c);
}

// The last block was written whole; truncating drops its padding.
Status DirectFile::Finish() {
  const bool earlier = WriteBuffer();
  if (!(write_.get() && earlier) || ::ftruncate(fd_, static_cast<off_t>(size_)) != 0)
    return Status::IOError("writing the export failed");
  return Status::OK();
}

Status DirectFile::WriteReserved(std::string_view text) {
  assert(text.size() == reserved_);
  Buffer block(static_cast<char*>(std::aligned_alloc(kBlock, reserved_)), &std::free);
  if (!block) return Status::IOError("no memory for the export's file buffers");
  std::memcpy(block.get(), text.data(), text.size());
  ssize_t written = IoAt(fd_, reserved_, 0, [&](size_t done, size_t left, off_t offset) {
    return ::pwrite(fd_, block.get() + done, left, offset);
  });
  return written == static_cast<ssize_t>(reserved_) ? Status::OK() : Status::IOError("writing the export failed");
}

std::future<ssize_t> Spool::Read(size_t b, uint64_t at) {
  return std::async(std::launch::async, [this, data = buffers_[b].get(), at] {
    return IoAt(fd_, kBuffer, at, [&](size_t done, size_t left, off_t offset) {
      return ::pread(fd_, data + done, left, offset);
    });
  });
}

Status Spool::CopyTo(std::ostream& out) {
  if (Status st = Finish(); !st.ok()) return Status::IOError("writing the export spool failed");
  std::future<ssize_t> next = Read(0, 0);
  for (uint64_t at = 0, b = 0; at < size_ && out.good(); at += kBuffer, b ^= 1) {
    const uint64_t want = std::min<uint64_t>(kBuffer, size_ - at);
    const ssize_t read = next.get();
    if (read < 0 || static_cast<uint64_t>(read) < want) return Status::IOError("reading the export spool failed");
    if (at + kBuffer < size_) next = Read(b ^ 1, at + kBuffer);  // the next chunk comes in while this one goes out
    out.write(buffers_[b].get(), static_cast<std::streamsize>(want));
  }
  return out.good() ? Status::OK() : Status::IOError("copying the spooled export failed");
}

// ---------------------------------------------------------------- CSV

// Appends already clean text as one RFC 4180 field: quoted, with quotes
// doubled, when it holds a comma, a quote, CR or LF.
void AppendCsvClean(std::string_view clean, std::string* out) {
  if (clean.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(clean);
    return;
  }
  *out += '"';
  for (char c : clean) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  *out += '"';
}

// Appends `s` as one field, without invalid UTF-8 or forbidden characters.
void AppendCsvField(std::string_view s, std::string* scratch, std::string* out) {
  scratch->clear();
  AppendText(s, false, scratch);
  AppendCsvClean(*scratch, out);
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

//! One neo4j-admin file: the rows of one node or edge kind.
struct CsvTable {
  Schema schema;                       //!< its property columns
  size_t rows = 0;                     //!< exported rows
  std::ofstream file;                  //!< open while rows are written
  std::unique_ptr<ChunkedOutput> out;  //!< buffers `file`
  std::vector<std::string> cells;      //!< the current row's values, by column
};

//! The tables of an export, indexed by the NodeKind / EdgeKind value.
struct CsvTables {
  std::array<CsvTable, 8> nodes;  //!< nodes_<kind>.csv
  std::array<CsvTable, 8> edges;  //!< rels_<TYPE>.csv
  std::string scratch;            //!< reused while cleaning fields
};

CsvTable& TableOf(CsvTables* tables, NodeKind kind) { return tables->nodes[static_cast<size_t>(kind)]; }
CsvTable& TableOf(CsvTables* tables, EdgeKind kind) { return tables->edges[static_cast<size_t>(kind)]; }

// The first pass: columns and row counts of every table.
Status ObserveCsvTables(const ExportSource& source, CsvTables* tables) {
  auto observe = [](CsvTable& t) { return [&t](std::string_view name, const AttrValue& v) { t.schema.Observe(name, v); }; };
  Status st = source.ForEachNode([&](const Node& node) {
    CsvTable& table = TableOf(tables, node.kind);
    VisitNodeAttributes(node, false, observe(table));
    ++table.rows;
    return true;
  });
  if (!st.ok()) return st;
  return source.ForEachEdge(EdgePass::kLearn, [&](const ExportEdge& edge) {
    CsvTable& table = TableOf(tables, edge.edge.kind);
    VisitEdgeAttributes(edge, false, observe(table));
    ++table.rows;
    return true;
  });
}

// Creates the file of a table that has rows and writes its header.
Status OpenCsvTable(const fs::path& path, const std::string& header, CsvTable* table) {
  if (table->rows == 0) return Status::OK();
  table->file.open(path, std::ios::binary);
  if (!table->file) return Status::IOError("cannot write " + path.string());
  table->out = std::make_unique<ChunkedOutput>(table->file);
  table->out->text() = header + CsvHeader(table->schema) + "\n";
  table->cells.resize(table->schema.columns().size());
  return Status::OK();
}

Status OpenCsvTables(const fs::path& dir, CsvTables* tables) {
  for (NodeKind kind : kAllNodeKinds)
    if (Status st = OpenCsvTable(dir / ("nodes_" + std::string(NodeKindName(kind)) + ".csv"), "id:ID,:LABEL",
                                 &TableOf(tables, kind));
        !st.ok())
      return st;
  for (EdgeKind kind : kAllEdgeKinds)
    if (Status st = OpenCsvTable(dir / ("rels_" + std::string(EdgeKindName(kind)) + ".csv"),
                                 ":START_ID,:END_ID,:TYPE,id:string", &TableOf(tables, kind));
        !st.ok())
      return st;
  return Status::OK();
}

// Appends ",value" for every column of `table`, from the values `visit_attributes` visits.
template <typename VisitAttributes>
void AppendCsvCells(CsvTable& table, VisitAttributes&& visit_attributes, std::string* out) {
  for (std::string& cell : table.cells) cell.clear();
  visit_attributes([&](std::string_view name, const AttrValue& value) {
    AppendValue(value, false, &table.cells[table.schema.IndexOf(name)]);
  });
  for (const std::string& cell : table.cells) {
    *out += ',';
    AppendCsvClean(cell, out);
  }
}

Status WriteCsvRows(const ExportSource& source, CsvTables* tables) {
  std::string& scratch = tables->scratch;
  Status st = source.ForEachNode([&](const Node& node) {
    CsvTable& table = TableOf(tables, node.kind);
    std::string& text = table.out->text();
    AppendCsvField(node.id, &scratch, &text);
    text += ',';
    text += Neo4jLabel(node.kind);
    AppendCsvCells(table, [&](auto&& visit) { VisitNodeAttributes(node, false, visit); }, &text);
    text += '\n';
    return table.out->Spill();
  });
  if (!st.ok()) return st;
  return source.ForEachEdge(EdgePass::kWrite, [&](const ExportEdge& edge) {
    CsvTable& table = TableOf(tables, edge.edge.kind);
    std::string& text = table.out->text();
    AppendCsvField(edge.edge.from, &scratch, &text);
    text += ',';
    AppendCsvField(edge.edge.to, &scratch, &text);
    text += ',';
    text += EdgeKindName(edge.edge.kind);
    text += ',';
    AppendEdgeId(edge.fact, &text);
    AppendCsvCells(table, [&](auto&& visit) { VisitEdgeAttributes(edge, false, visit); }, &text);
    text += '\n';
    return table.out->Spill();
  });
}

// Writes what each open table still buffers and closes its file; the first
// failure, else `read`.
Status CloseCsvTables(CsvTables* tables, Status read) {
  Status written;
  for (auto* group : {&tables->nodes, &tables->edges})
    for (CsvTable& table : *group) {
      if (!table.out) continue;
      Status st = table.out->Finish(Status::OK());
      table.file.close();
      if (written.ok() && (!st.ok() || !table.file)) written = Status::IOError("writing a CSV file failed");
    }
  return written.ok() ? read : written;
}

// ---------------------------------------------------------------- gzip

//! A streambuf that gzip-compresses (zlib, windowBits 31) what is written into a file.
class GzipFileBuf : public std::streambuf {
 public:
  ~GzipFileBuf() override {
    if (open_) deflateEnd(&z_);
  }
  //! Creates `path` and starts the gzip stream; IOError when it cannot.
  Status Create(const std::string& path);
  //! Compresses what is buffered, ends the gzip stream and closes the file.
  Status Finish();

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

Status GzipFileBuf::Create(const std::string& path) {
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

Status GzipFileBuf::Finish() {
  bool ok = Deflate(Z_FINISH);
  deflateEnd(&z_);
  open_ = false;
  file_.close();
  return ok && file_ ? Status::OK() : Status::IOError("writing the gzip stream failed");
}

using StreamWriter = std::function<Status(std::ostream&)>;

// Writes `path` through a file buffer (GzipFileBuf, or DirectFile to write past
// the page cache): its Create, the caller's writes, its Finish. The first
// failure is the one reported, naming the file.
template <typename FileBuf>
Status WriteThrough(const std::string& path, const StreamWriter& write) {
  FileBuf buf;
  if (Status st = buf.Create(path); !st.ok()) return st;
  std::ostream out(&buf);
  Status written = write(out);
  Status finished = buf.Finish();
  if (!written.ok()) return written;
  return finished.ok() ? finished : Status::IOError(path + ": " + finished.message());
}

// True when `path` names a regular file or nothing yet: what can be written
// at any offset (a device or a pipe cannot).
bool IsRegularOrAbsent(const std::string& path) {
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  return fs::is_regular_file(status) || status.type() == fs::file_type::not_found;
}

Status WritePlainFile(const std::string& path, const StreamWriter& write) {
  std::ofstream out(path, std::ios::binary);
  if (!out) return Status::IOError("cannot write " + path);
  Status written = write(out);
  out.close();
  return !written.ok() ? written : out ? Status::OK() : Status::IOError("writing " + path + " failed");
}

// ---------------------------------------------------------------- read-ahead

//! Items handed from the thread that reads them to the thread that uses
//! them, in batches through a ring of kBatches: the reader waits while every
//! batch is full, the user while none is. The items are reused, so once the
//! ring has gone round, filling one copies into storage it already has.
template <typename Item>
class Handover {
 public:
  static constexpr size_t kBatches = 4;       //!< batches in the ring
  static constexpr size_t kBatchItems = 256;  //!< items per batch

  //! Allocates the ring's items.
  Handover() {
    for (std::vector<Item>& batch : batches_) batch.resize(kBatchItems);
  }
  //! Reader: the next item to fill (it holds an earlier batch's values), or
  //! nullptr once the user has stopped.
  Item* Fill() {
    if (filling_ == kBatchItems && !Publish()) return nullptr;
    return &batches_[published_ % kBatches][filling_++];
  }
  //! Reader: ends the items with what reading them came to (`error` when it
  //! threw); the items filled so far are still taken.
  void Close(Status status, std::exception_ptr error) {
    std::lock_guard lock(mutex_);
    sizes_[published_ % kBatches] = filling_;
    published_ += filling_ > 0;
    closed_ = true;
    status_ = std::move(status);
    error_ = std::move(error);
    changed_.notify_all();
  }
  //! User: the next batch, after giving back the one taken before; empty
  //! once the reader has closed and every batch was taken.
  std::span<Item> Take() {
    std::unique_lock lock(mutex_);
    if (holding_) {
      ++taken_;
      changed_.notify_all();
    }
    changed_.wait(lock, [&] { return published_ > taken_ || closed_; });
    holding_ = published_ > taken_;
    if (!holding_) return {};
    return {batches_[taken_ % kBatches].data(), sizes_[taken_ % kBatches]};
  }
  //! User: wants no more items; the reader's next Fill at a batch's end returns nullptr.
  void Stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    changed_.notify_all();
  }
  //! User, once the reader has ended: its status; rethrows what it threw.
  Status Result() {
    if (error_) std::rethrow_exception(error_);
    return status_;
  }

 private:
  //! Publishes the full batch and waits for the next one to be free; false once the user has stopped.
  bool Publish() {
    std::unique_lock lock(mutex_);
    sizes_[published_ % kBatches] = kBatchItems;
    ++published_;
    changed_.notify_all();
    changed_.wait(lock, [&] { return published_ - taken_ < kBatches || stopped_; });
    filling_ = 0;
    return !stopped_;
  }

  std::mutex mutex_;                                   //!< guards what both threads change
  std::condition_variable changed_;                    //!< a batch was published or given back, or a side ended
  std::array<std::vector<Item>, kBatches> batches_;  //!< the ring, kBatchItems items each
  std::array<size_t, kBatches> sizes_{};               //!< items in each published batch
  size_t filling_ = 0;                                 //!< items filled in the batch being filled (reader only)
  size_t published_ = 0;                               //!< batches published so far
  size_t taken_ = 0;                                   //!< batches given back so far
  bool holding_ = false;                               //!< the user holds batch taken_ (user only)
  bool closed_ = false;                                //!< the reader has ended
  bool stopped_ = false;                               //!< the user wants no more
  Status status_;                                      //!< how reading ended, once closed_
  std::exception_ptr error_;                           //!< what reading threw, once closed_
};

// Runs `read` (which fills items through the handover) on a thread of its
// own, and `use` on each item on this one, in order; `use` returning false
// stops both. Returns once the reader thread has ended, whatever happens.
template <typename Item, typename Read, typename Use>
Status ReadAhead(Read&& read, Use&& use) {
  Handover<Item> handover;
  std::thread reader([&] {
    Status status;
    std::exception_ptr error;
    try {
      status = read(handover);
    } catch (...) {
      error = std::current_exception();
    }
    handover.Close(std::move(status), std::move(error));
  });
  auto end = [&] {
    handover.Stop();
    reader.join();
  };
  try {
    for (std::span<Item> batch = handover.Take(); !batch.empty(); batch = handover.Take())
      if (!std::all_of(batch.begin(), batch.end(), std::ref(use))) break;
  } catch (...) {
    end();
    throw;
  }
  end();
  return handover.Result();
}

//! An edge read ahead.
struct EdgeItem {
  Edge edge;          //!< the fact
  uint64_t fact = 0;  //!< its EdgeFactHash
};

}  // namespace

// ---------------------------------------------------------------- sources

//! The sources of documents in fixed memory, allocated when first filled:
//! sets of kWays entries, keyed by the hash of a document's id (the store's
//! own identity of a node); a document goes into the emptier of two sets
//! its hash picks. With one set of two ways per document, a fifth of the
//! documents of a store that fills the cache found their set full, and
//! their edges (visited in no order of document) looked them up again and
//! again; with two sets of eight, almost none do.
class StoreExportSource::SourceCache {
 public:
  //! A cache of `entries` documents (rounded down to whole sets, at least one set).
  explicit SourceCache(size_t entries)
      : ways_(std::clamp<size_t>(entries, 1, kWays)), sets_(std::max<size_t>(entries / ways_, 1)) {}
  //! The cached source of the document whose id hashes to `document`, or
  //! nullptr; valid until the next Put.
  const std::string* Find(uint64_t document) const {
    if (documents_.empty()) return nullptr;
    for (size_t set : {FirstSet(document), SecondSet(document)})
      for (size_t i = set * ways_; i < set * ways_ + used_[set]; ++i)
        if (documents_[i] == document) return &sources_[i];
    return nullptr;
  }
  //! Caches the source of the document whose id hashes to `document` in the
  //! emptier of its sets, evicting the oldest entry when both are full;
  //! returns the cached copy (valid until the next Put).
  const std::string& Put(uint64_t document, std::string_view source) {
    if (documents_.empty()) Allocate();
    const size_t first = FirstSet(document), second = SecondSet(document);
    const size_t set = used_[second] < used_[first] ? second : first;
    if (used_[set] < ways_) ++used_[set];
    // Newest first: the oldest (or an unused entry) moves to the front to be overwritten.
    const size_t begin = set * ways_, end = begin + used_[set];
    std::rotate(documents_.begin() + begin, documents_.begin() + end - 1, documents_.begin() + end);
    std::rotate(sources_.begin() + begin, sources_.begin() + end - 1, sources_.begin() + end);
    documents_[begin] = document;
    sources_[begin] = source;
    return sources_[begin];
  }

 private:
  static constexpr size_t kWays = 8;  //!< entries per set at most (their hashes fill a cache line)
  //! Sizes the table, on the first Put.
  void Allocate() {
    documents_.resize(ways_ * sets_);
    sources_.resize(ways_ * sets_);
    used_.resize(sets_);
  }
  //! The first set a document may be cached in, from the low half of its hash.
  size_t FirstSet(uint64_t document) const { return (document & 0xFFFFFFFF) % sets_; }
  //! The second set a document may be cached in, from the high half of its hash.
  size_t SecondSet(uint64_t document) const { return (document >> 32) % sets_; }

  size_t ways_;                       //!< entries per set
  size_t sets_;                       //!< sets of ways_ entries
  std::vector<uint64_t> documents_;   //!< hash of each entry's document id, newest of a set first
  std::vector<std::string> sources_;  //!< each entry's source
  std::vector<uint8_t> used_;         //!< entries in use per set
};

StoreExportSource::StoreExportSource(const Store& store, size_t cached_sources)
    : reader_(store.NewReader()), sources_(std::make_unique<SourceCache>(cached_sources)) {
  kept_kinds_.fill(true);
}

StoreExportSource::~StoreExportSource() = default;

void StoreExportSource::KeepOnlyKinds(const std::vector<NodeKind>& kinds) {
  std::array<bool, 256> kept{};
  for (NodeKind kind : kinds) kept[static_cast<uint8_t>(kind)] = Keeps(kind);
  kept_kinds_ = kept;
}

// Caches the source of each document visited: most edges' documents are
// then found without a lookup (documents report no properties, so the node
// as merged has the source stored). The nodes are swapped into the
// handover, not copied.
Status StoreExportSource::ForEachNode(const std::function<bool(const Node&)>& visit) const {
  auto read = [this](Handover<Node>& handover) {
    return reader_->ForEachNodeMerged([this](const NodeKey& key) { return Keeps(key.kind); },
                                      [&](Node& node) {
                                        if (node.kind == NodeKind::kDocument)
                                          sources_->Put(StableHash64(node.id), DocumentSource(node));
                                        Node* item = handover.Fill();
                                        if (item) std::swap(*item, node);
                                        return item != nullptr;
                                      });
  };
  return ReadAhead<Node>(read, visit);
}

// The edge is swapped into the handover, and the reader decodes the next
// one into what the item held: neither copies nor allocates its strings.
// Sources are looked up on the writer's thread, which has time to spare
// (reading is the longer half); the node pass filled their cache before.
// Half the edges have the document of the edge before them (the edges out
// of a document), so its source is kept at hand.
Status StoreExportSource::ForEachEdge(EdgePass pass, const std::function<bool(const ExportEdge&)>& visit) const {
  auto read = [this](Handover<EdgeItem>& handover) {
    return reader_->ForEachEdge([this](const EdgeKey& key) { return Keeps(key.from.kind) && Keeps(key.to.kind); },
                                [&](const EdgeKey& key, Edge& edge) {
                                  EdgeItem* item = handover.Fill();
                                  if (!item) return false;
                                  std::swap(item->edge, edge);
                                  item->fact = key.fact;
                                  return true;
                                });
  };
  Status lookup;
  std::optional<std::string> document;  // the last document looked up, if any
  std::string_view source;               // its source, valid until the next lookup
  auto use = [&](const EdgeItem& item) {
    if (pass == EdgePass::kLearn) return visit({item.edge, 0, ""});
    if (!document || item.edge.provenance.document != *document) {
      if (!(lookup = SourceOf(item.edge.provenance.document, &source)).ok()) return false;
      document = item.edge.provenance.document;
    }
    return visit({item.edge, item.fact, source});
  };
  Status st = ReadAhead<EdgeItem>(read, use);
  return st.ok() ? lookup : st;
}

Status StoreExportSource::SourceOf(const std::string& document, std::string_view* source) const {
  const uint64_t hash = StableHash64(document);
  if (const std::string* cached = sources_->Find(hash)) {
    *source = *cached;
    return Status::OK();
  }
  Node node;
  Status st = reader_->GetNode(document, &node);
  if (!st.ok() && !st.IsNotFound() && !st.IsInvalidArgument()) return st;
  *source = sources_->Put(hash, st.ok() ? DocumentSource(node) : std::string_view());
  return Status::OK();
}

SnapshotExportSource::SnapshotExportSource(std::shared_ptr<const Snapshot> snapshot)
    : snapshot_(std::move(snapshot)), kept_(snapshot_->nodes().size(), true) {}

void SnapshotExportSource::KeepSubgraphForAnswer(const Answer& answer) {
  std::vector<bool> subgraph(kept_.size(), false);
  std::vector<Vertex> seeds;
  auto seed = [&](std::string_view id) {
    if (std::optional<Vertex> v = snapshot_->Find(id)) seeds.push_back(*v);
  };
  for (const Result& r : answer.results) {
    seed(r.id);
    for (const Evidence& e : r.evidence) seed(e.trial);
  }
  const Graph& g = snapshot_->graph();
  for (Vertex v : seeds) {
    subgraph[v] = true;
    for (auto e : boost::make_iterator_range(boost::out_edges(v, g))) subgraph[boost::target(e, g)] = true;
    for (auto e : boost::make_iterator_range(boost::in_edges(v, g))) subgraph[boost::source(e, g)] = true;
  }
  for (Vertex v = 0; v < kept_.size(); ++v) kept_[v] = kept_[v] && subgraph[v];
}

void SnapshotExportSource::KeepOnlyKinds(const std::vector<NodeKind>& kinds) {
  for (Vertex v = 0; v < kept_.size(); ++v)
    if (std::find(kinds.begin(), kinds.end(), snapshot_->nodes()[v].kind) == kinds.end()) kept_[v] = false;
}

Status SnapshotExportSource::ForEachNode(const std::function<bool(const Node&)>& visit) const {
  for (Vertex v = 0; v < kept_.size(); ++v)
    if (kept_[v] && !visit(snapshot_->nodes()[v])) break;
  return Status::OK();
}

Status SnapshotExportSource::ForEachEdge(EdgePass pass, const std::function<bool(const ExportEdge&)>& visit) const {
  const bool write = pass == EdgePass::kWrite;
  for (uint32_t r = 0; r < snapshot_->RelationCount(); ++r) {
    if (!kept_[snapshot_->Source(r)] || !kept_[snapshot_->Target(r)]) continue;
    for (uint32_t f : snapshot_->FactsOf(r)) {
      const Edge edge = snapshot_->MaterializeFact(f);
      if (!visit({edge, write ? EdgeFactHash(edge) : 0, write ? snapshot_->SourceOf(snapshot_->facts()[f].document) : ""}))
        return Status::OK();
    }
  }
  return Status::OK();
}

// ---------------------------------------------------------------- options

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

std::unique_ptr<ExportSource> MakeExportSource(const Store& store, std::shared_ptr<const Snapshot> snapshot,
                                               const ontology::Ontology& ontology, const ExportScope& scope) {
  std::unique_ptr<ExportSource> source;
  if (scope.question) {
    assert(snapshot);
    auto subgraph = std::make_unique<SnapshotExportSource>(snapshot);
    subgraph->KeepSubgraphForAnswer(
        Evaluate(*scope.question, *snapshot, ontology, Page{.offset = 0, .limit = SIZE_MAX, .evidence = kMaxEvidence}));
    source = std::move(subgraph);
  } else {
    source = std::make_unique<StoreExportSource>(store);
  }
  if (scope.kinds) source->KeepOnlyKinds(*scope.kinds);
  return source;
}

std::optional<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "graphml") return ExportFormat::kGraphMl;
  if (name == "csv") return ExportFormat::kCsv;
  if (name == "jsonl") return ExportFormat::kJsonLines;
  return std::nullopt;
}

// ---------------------------------------------------------------- writers

constexpr const char kGraphOpen[] = "  <graph id=\"trialgraph\" edgedefault=\"directed\">\n";
constexpr const char kGraphClose[] = "  </graph>\n</graphml>\n";

// The XML declaration, the graphml element and the keys: what precedes the graph.
std::string GraphMlHead(const GraphMlKeys& keys) {
  std::string head = kGraphMlHeader;
  AppendKeys(keys.nodes, "node", 0, &head);
  AppendKeys(keys.edges, "edge", keys.nodes.columns().size(), &head);
  return head;
}

// One pass: the body goes to a spool while the keys are learnt, then the
// header with the keys, the body and the end are written to `stream`.
Status ExportGraphMl(const ExportSource& source, std::ostream& stream) {
  Spool body;
  if (Status st = body.Open(); !st.ok()) return st;
  GraphMlKeys keys;
  std::ostream spool(&body);
  ChunkedOutput spooled(spool);
  if (Status st = spooled.Finish(WriteGraphMlBody(source, &keys, &spooled)); !st.ok()) return st;
  std::string head = GraphMlHead(keys) + kGraphOpen;
  stream.write(head.data(), static_cast<std::streamsize>(head.size()));
  Status copied = body.CopyTo(stream);
  stream << kGraphClose;
  stream.flush();
  return !copied.ok() ? copied : stream.good() ? Status::OK() : Status::IOError("writing the export failed");
}

// A regular file can be written out of order, so the body goes straight to
// it after room left for the head, and the head, learnt meanwhile, fills the
// room last, its unused part a comment. This saves the spool's second copy
// of the whole body (on the 100k-document graph, 0.9 GB more to write and
// read back). *fits is false, and nothing else is wrong, when the head
// outgrows the room (the caller then spools): the keys of every graph
// trialgraph writes take a few kilobytes.
Status ExportGraphMlToFile(const ExportSource& source, const std::string& path, bool* fits) {
  constexpr uint64_t kHeadRoom = 16 * 4096;
  constexpr std::string_view kOpenComment = "<!-- room for the keys; ", kCloseComment = " -->\n";
  DirectFile file;
  if (Status st = file.Create(path); !st.ok()) return st;
  file.Reserve(kHeadRoom);
  std::ostream out(&file);
  ChunkedOutput chunked(out);
  GraphMlKeys keys;
  chunked.text() = kGraphOpen;
  Status read = WriteGraphMlBody(source, &keys, &chunked);
  if (read.ok()) chunked.text() += kGraphClose;
  if (Status st = chunked.Finish(read); !st.ok()) return st;
  std::string head = GraphMlHead(keys);
  *fits = head.size() + kOpenComment.size() + kCloseComment.size() <= kHeadRoom;
  if (!*fits) return Status::OK();
  head += kOpenComment;
  head.append(kHeadRoom - head.size() - kCloseComment.size(), ' ');
  head += kCloseComment;
  if (Status st = file.WriteReserved(head); !st.ok()) return st;
  Status finished = file.Finish();
  return finished.ok() ? finished : Status::IOError(path + ": " + finished.message());  // as WriteThrough says it
}

Status ExportCsv(const ExportSource& source, const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IOError("cannot create " + dir + ": " + ec.message());
  CsvTables tables;
  if (Status st = ObserveCsvTables(source, &tables); !st.ok()) return st;
  Status st = OpenCsvTables(dir, &tables);
  if (st.ok()) st = WriteCsvRows(source, &tables);
  return CloseCsvTables(&tables, st);
}

// Each line is {"type": ...} followed by the members of NodeToJson/EdgeToJson.
Status ExportJsonLines(const ExportSource& source, std::ostream& stream) {
  ChunkedOutput out(stream);
  std::string& text = out.text();
  Status read = source.ForEachNode([&](const Node& node) {
    text += "{\"type\":\"node\",";
    text += std::string_view(JsonText(NodeToJson(node))).substr(1);
    text += '\n';
    return out.Spill();
  });
  if (read.ok())
    read = source.ForEachEdge(EdgePass::kWrite, [&](const ExportEdge& edge) {
      json j = EdgeToJson(edge.edge);
      std::string id;
      AppendEdgeId(edge.fact, &id);
      j["id"] = id;
      j["provenance"]["source"] = edge.source;
      text += "{\"type\":\"edge\",";
      text += std::string_view(JsonText(j)).substr(1);
      text += '\n';
      return out.Spill();
    });
  return out.Finish(read);
}

Status ExportToPath(const ExportSource& source, ExportFormat format, const std::string& path) {
  if (format == ExportFormat::kCsv) return ExportCsv(source, path);
  const bool gzip = path.ends_with(".gz");
  const bool seekable = !gzip && IsRegularOrAbsent(path);
  if (format == ExportFormat::kGraphMl && seekable) {
    bool fits = true;
    Status direct = ExportGraphMlToFile(source, path, &fits);
    if (!direct.ok() || fits) return direct;
  }
  StreamWriter write = [&](std::ostream& out) {
    return format == ExportFormat::kGraphMl ? ExportGraphMl(source, out) : ExportJsonLines(source, out);
  };
  if (gzip) return WriteThrough<GzipFileBuf>(path, write);
  return seekable ? WriteThrough<DirectFile>(path, write) : WritePlainFile(path, write);
}

}  // namespace trialgraph::query
