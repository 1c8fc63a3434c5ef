#include "ingest/pubmed_reader.h"

#include <libxml/xmlreader.h>

#include <algorithm>
#include <memory>

#include "ingest/text_reader.h"

namespace trialgraph::ingest {

namespace {

// ---- shared helpers

// Collapses runs of white space into one space and trims the ends.
std::string NormalizeSpace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

void AddUnique(std::vector<std::string>* list, const std::string& item) {
  if (!item.empty() && std::find(list->begin(), list->end(), item) == list->end()) list->push_back(item);
}

Span SpanOf(size_t start, size_t end) { return {static_cast<uint32_t>(start), static_cast<uint32_t>(end)}; }

// ---- libxml2 tree helpers (on an expanded article subtree)

bool IsElement(const xmlNode* n, const char* name) {
  return n && n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name);
}

const xmlNode* Child(const xmlNode* n, const char* name) {
  for (const xmlNode* c = n ? n->children : nullptr; c; c = c->next)
    if (IsElement(c, name)) return c;
  return nullptr;
}

std::vector<const xmlNode*> Children(const xmlNode* n, const char* name) {
  std::vector<const xmlNode*> out;
  for (const xmlNode* c = n ? n->children : nullptr; c; c = c->next)
    if (IsElement(c, name)) out.push_back(c);
  return out;
}

// All descendant text, inline markup flattened, white space normalised.
std::string Text(const xmlNode* n) {
  if (!n) return "";
  std::unique_ptr<xmlChar, decltype(xmlFree)> content(xmlNodeGetContent(n), xmlFree);
  return content ? NormalizeSpace(reinterpret_cast<const char*>(content.get())) : "";
}

std::string Attr(const xmlNode* n, const char* name) {
  std::unique_ptr<xmlChar, decltype(xmlFree)> value(xmlGetProp(n, BAD_CAST name), xmlFree);
  return value ? reinterpret_cast<const char*>(value.get()) : "";
}

// ---- PubMed XML article

void ReadAbstract(const xmlNode* abstract, ArticleRecord* r) {
  for (const xmlNode* part : Children(abstract, "AbstractText")) {
    std::string text = Text(part);
    if (!text.empty()) r->sections.emplace_back(NormalizeSpace(Attr(part, "Label")), std::move(text));
  }
}

// A DataBank accession number: NCT ids apart, the rest with their bank's name.
void AddDataBankNumber(const std::string& bank, const std::string& number, ArticleRecord* r) {
  if (bank == "ClinicalTrials.gov") AddUnique(&r->nct, number);
  else if (!bank.empty() && !number.empty()) r->data_banks.emplace_back(bank, number);
}

void ReadDataBanks(const xmlNode* list, ArticleRecord* r) {
  for (const xmlNode* bank : Children(list, "DataBank"))
    for (const xmlNode* number : Children(Child(bank, "AccessionNumberList"), "AccessionNumber"))
      AddDataBankNumber(Text(Child(bank, "DataBankName")), Text(number), r);
}

void ReadArticle(const xmlNode* article, ArticleRecord* r) {
  r->title = Text(Child(article, "ArticleTitle"));
  ReadAbstract(Child(article, "Abstract"), r);
  for (const xmlNode* loc : Children(article, "ELocationID"))
    if (r->doi.empty() && Attr(loc, "EIdType") == "doi") r->doi = Text(loc);
  ReadDataBanks(Child(article, "DataBankList"), r);
  for (const xmlNode* type : Children(Child(article, "PublicationTypeList"), "PublicationType"))
    AddUnique(&r->publication_types, Text(type));
}

void ReadCitation(const xmlNode* citation, ArticleRecord* r) {
  r->pmid = Text(Child(citation, "PMID"));
  ReadArticle(Child(citation, "Article"), r);
  // MEDLINE baseline records (2016 DTD) give the PMCID as <OtherID Source="NLM">PMC1234567</OtherID>.
  for (const xmlNode* other : Children(citation, "OtherID"))
    if (std::string id = Text(other); r->pmcid.empty() && id.starts_with("PMC")) r->pmcid = id.substr(0, id.find(' '));
  for (const xmlNode* heading : Children(Child(citation, "MeshHeadingList"), "MeshHeading"))
    AddUnique(&r->mesh_terms, Text(Child(heading, "DescriptorName")));
}

void ReadPubmedData(const xmlNode* data, ArticleRecord* r) {
  for (const xmlNode* id : Children(Child(data, "ArticleIdList"), "ArticleId")) {
    std::string type = Attr(id, "IdType");
    if (type == "doi") r->doi = Text(id);
    if (type == "pmc") r->pmcid = Text(id);
  }
}

// `node` is a PubmedArticle or a bare MedlineCitation.
ArticleRecord ReadArticleNode(const xmlNode* node) {
  ArticleRecord r;
  if (IsElement(node, "MedlineCitation")) {
    ReadCitation(node, &r);
  } else {
    ReadCitation(Child(node, "MedlineCitation"), &r);
    ReadPubmedData(Child(node, "PubmedData"), &r);
  }
  return r;
}

// ---- streaming reader

struct XmlErrors {
  std::string first;  // "line N: message" of the first error
};

template <typename ErrorPtr>
void CaptureXmlError(void* context, ErrorPtr error) {
  auto* errors = static_cast<XmlErrors*>(context);
  if (!error || error->level < XML_ERR_ERROR || !errors->first.empty()) return;
  std::string message = error->message ? NormalizeSpace(error->message) : "XML error";
  errors->first = "line " + std::to_string(error->line) + ": " + message;
}

struct ReaderDeleter {
  void operator()(xmlTextReader* r) const { xmlFreeTextReader(r); }
};

bool IsArticleElement(xmlTextReaderPtr reader) {
  if (xmlTextReaderNodeType(reader) != XML_READER_TYPE_ELEMENT) return false;
  const xmlChar* name = xmlTextReaderConstLocalName(reader);
  return xmlStrEqual(name, BAD_CAST "PubmedArticle") || xmlStrEqual(name, BAD_CAST "MedlineCitation");
}

bool IsBookArticle(xmlTextReaderPtr reader) {
  return xmlTextReaderNodeType(reader) == XML_READER_TYPE_ELEMENT &&
         xmlStrEqual(xmlTextReaderConstLocalName(reader), BAD_CAST "PubmedBookArticle");
}

// Expands the article under the cursor and appends its document, if it has a PMID.
Status TakeArticle(xmlTextReaderPtr reader, const std::string& path, std::vector<SourceDocument>* out) {
  xmlNodePtr node = xmlTextReaderExpand(reader);
  if (!node) return Status::InvalidArgument("cannot expand article element");
  ArticleRecord record = ReadArticleNode(node);
  if (!record.pmid.empty()) out->push_back(BuildArticleDocument(path, "pubmed-xml", std::move(record)));
  return Status::OK();
}

Status XmlFailure(const XmlErrors& errors, const std::string& fallback) {
  return Status::InvalidArgument("malformed XML: " + (errors.first.empty() ? fallback : errors.first));
}

}  // namespace

SourceDocument BuildArticleDocument(const std::string& path, const std::string& format, ArticleRecord r) {
  SourceDocument doc;
  doc.source = path + "#" + r.pmid;
  doc.format = format;
  if (!r.title.empty()) {
    doc.text = r.title;
    doc.title = r.title;
    doc.title_span = SpanOf(0, doc.text.size());
  }
  for (const auto& [label, body] : r.sections) {
    if (!doc.text.empty()) doc.text += "\n\n";
    size_t start = doc.text.size();
    doc.text += label.empty() ? body : label + ": " + body;
    doc.body.push_back(SpanOf(start, doc.text.size()));
  }
  doc.ids.pmid = r.pmid;
  if (!r.doi.empty()) doc.ids.doi = r.doi;
  if (!r.pmcid.empty()) doc.ids.pmcid = r.pmcid;
  doc.ids.nct = r.nct;
  DocumentIds from_text;
  FindIdentifiers(doc.text, &from_text);
  for (const std::string& nct : from_text.nct) AddUnique(&doc.ids.nct, nct);
  doc.data_banks = std::move(r.data_banks);
  doc.publication_types = std::move(r.publication_types);
  doc.mesh_terms = std::move(r.mesh_terms);
  return doc;
}

Status ReadPubmedXml(const std::string& path, const std::string& bytes, std::vector<SourceDocument>* docs) {
  XmlErrors errors;
  std::unique_ptr<xmlTextReader, ReaderDeleter> reader(
      xmlReaderForMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr, XML_PARSE_NONET));
  if (!reader) return Status::InvalidArgument("cannot create XML reader");
  xmlTextReaderSetStructuredErrorHandler(reader.get(), CaptureXmlError, &errors);
  std::vector<SourceDocument> out;
  int rc = xmlTextReaderRead(reader.get());
  while (rc == 1) {
    if (IsArticleElement(reader.get())) {
      Status st = TakeArticle(reader.get(), path, &out);
      if (!st.ok() || !errors.first.empty()) return XmlFailure(errors, st.message());
      rc = xmlTextReaderNext(reader.get());
    } else if (IsBookArticle(reader.get())) {
      rc = xmlTextReaderNext(reader.get());
    } else {
      rc = xmlTextReaderRead(reader.get());
    }
  }
  if (rc < 0 || !errors.first.empty()) return XmlFailure(errors, "unreadable XML");
  std::move(out.begin(), out.end(), std::back_inserter(*docs));
  return Status::OK();
}

// ---- MEDLINE text

namespace {

struct MedlineLine {
  std::string tag;    // "" for a continuation line
  std::string value;
};

// "TI  - text" -> {"TI", "text"}; "      more" -> {"", "more"}; nullopt otherwise.
std::optional<MedlineLine> ParseMedlineLine(std::string_view line) {
  if (line.starts_with("      ")) return MedlineLine{"", NormalizeSpace(line)};
  if (line.size() < 5 || line[4] != '-') return std::nullopt;
  return MedlineLine{NormalizeSpace(line.substr(0, 4)), NormalizeSpace(line.substr(5))};
}

using Fields = std::vector<std::pair<std::string, std::string>>;

// Splits the text into records: lists of (tag, value) with continuations joined.
std::vector<Fields> SplitMedlineRecords(std::string_view text) {
  std::vector<Fields> records;
  size_t pos = 0;
  bool in_record = false;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = nl + 1;
    std::optional<MedlineLine> parsed = ParseMedlineLine(line);
    if (!parsed) {
      in_record = in_record && !NormalizeSpace(line).empty();
      continue;
    }
    if (parsed->tag == "PMID" || (!in_record && !parsed->tag.empty())) records.emplace_back();
    in_record = true;
    if (parsed->tag.empty() && !records.back().empty() && !parsed->value.empty())
      records.back().back().second += " " + parsed->value;
    else if (!parsed->tag.empty())
      records.back().emplace_back(parsed->tag, parsed->value);
  }
  return records;
}

std::string MeshHeading(std::string value) {
  value.erase(std::remove(value.begin(), value.end(), '*'), value.end());
  return NormalizeSpace(value.substr(0, value.find('/')));
}

void ApplyMedlineField(const std::string& tag, const std::string& value, ArticleRecord* r) {
  if (tag == "PMID") r->pmid = value;
  else if (tag == "TI") r->title = value;
  else if (tag == "AB") r->sections.emplace_back("", value);
  else if (tag == "PT") AddUnique(&r->publication_types, value);
  else if (tag == "MH") AddUnique(&r->mesh_terms, MeshHeading(value));
  else if (tag == "PMC") r->pmcid = value;
  else if (tag == "AID" && value.ends_with(" [doi]") && r->doi.empty()) r->doi = value.substr(0, value.size() - 6);
  else if (tag == "SI" && value.find('/') != std::string::npos)  // "ClinicalTrials.gov/NCT00123456", "ISRCTN/ISRCTN..."
    AddDataBankNumber(value.substr(0, value.find('/')), value.substr(value.find('/') + 1), r);
}

}  // namespace

bool LooksLikeMedline(std::string_view bytes) {
  bytes = WithoutBom(bytes);
  size_t first = bytes.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && bytes.substr(first).starts_with("PMID-");
}

Status ReadMedline(const std::string& path, const std::string& bytes, std::vector<SourceDocument>* docs) {
  Status st = CheckText(bytes);
  if (!st.ok()) return st;
  std::vector<SourceDocument> out;
  for (const Fields& fields : SplitMedlineRecords(bytes)) {
    ArticleRecord r;
    for (const auto& [tag, value] : fields) ApplyMedlineField(tag, value, &r);
    if (!r.pmid.empty()) out.push_back(BuildArticleDocument(path, "medline", std::move(r)));
  }
  if (out.empty()) return Status::InvalidArgument("no MEDLINE record with a PMID");
  std::move(out.begin(), out.end(), std::back_inserter(*docs));
  return Status::OK();
}

}  // namespace trialgraph::ingest
