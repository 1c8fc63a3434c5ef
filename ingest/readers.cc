#include "ingest/readers.h"

#include "ingest/ctgov_reader.h"
#include "ingest/gzip.h"
#include "ingest/pubmed_reader.h"
#include "ingest/pubtator_reader.h"
#include "ingest/text_reader.h"

namespace trialgraph::ingest {

namespace {

// Skips "<?…?>", "<!--…-->" and "<!DOCTYPE …[…]>" before the root element.
size_t SkipProlog(std::string_view s, size_t pos) {
  while ((pos = s.find_first_not_of(" \t\r\n", pos)) != std::string_view::npos) {
    if (s.substr(pos, 2) == "<?") {
      pos = s.find("?>", pos);
      if (pos != std::string_view::npos) pos += 2;
    } else if (s.substr(pos, 4) == "<!--") {
      pos = s.find("-->", pos);
      if (pos != std::string_view::npos) pos += 3;
    } else if (s.substr(pos, 2) == "<!") {
      size_t stop = s.find_first_of("[>", pos);
      if (stop != std::string_view::npos && s[stop] == '[') stop = s.find(']', stop);
      pos = stop == std::string_view::npos ? stop : s.find('>', stop);
      if (pos != std::string_view::npos) pos += 1;
    } else {
      return pos;
    }
    if (pos == std::string_view::npos) break;
  }
  return std::string_view::npos;
}

// The name of the root element, or "" when `bytes` do not start like XML.
std::string_view RootElement(std::string_view bytes) {
  bytes = WithoutBom(bytes);
  size_t pos = SkipProlog(bytes, 0);
  if (pos == std::string_view::npos || bytes[pos] != '<') return "";
  size_t end = bytes.find_first_of(" \t\r\n/>", pos + 1);
  if (end == std::string_view::npos) return "";
  return bytes.substr(pos + 1, end - pos - 1);
}

bool IsPubmedRoot(std::string_view root) {
  return root == "PubmedArticleSet" || root == "MedlineCitationSet" || root == "PubmedArticle" ||
         root == "MedlineCitation";
}

Status ReadText(const std::string& source, std::string bytes, const ontology::Ontology& ontology,
                std::vector<SourceDocument>* docs) {
  SourceDocument doc;
  Status st = ReadTextPage(source, std::move(bytes), ontology, &doc);
  if (st.ok()) docs->push_back(std::move(doc));
  return st;
}

Status ReadGzip(const std::string& source, const std::string& bytes, const ontology::Ontology& ontology,
                std::vector<SourceDocument>* docs) {
  // The cap follows what the stream holds: a text page is refused once it
  // passes the page limit, not after inflating a gigabyte of it.
  constexpr size_t kHead = 64 << 10;  // DetectFormat looks at the start only: a root element, 4 KiB of JSON, a line
  std::string head;
  GunzipPrefix(bytes, kHead, &head);
  bool text = DetectFormat(head) == Format::kText;
  std::string inflated;
  Status st = Gunzip(bytes, &inflated, text ? kMaxTextPageBytes : kMaxInflatedBytes);
  if (!st.ok()) return st;
  if (IsGzip(inflated)) return Status::InvalidArgument("gzip inside gzip is not read");
  return ReadDocuments(source, std::move(inflated), ontology, docs);
}

}  // namespace

Format DetectFormat(std::string_view bytes) {
  if (IsGzip(bytes)) return Format::kGzip;
  std::string_view root = RootElement(bytes);
  if (IsPubmedRoot(root)) return Format::kPubmedXml;
  if (root == "clinical_study") return Format::kCtgovXml;
  if (LooksLikeCtgovJson(bytes)) return Format::kCtgovJson;
  if (LooksLikeMedline(bytes)) return Format::kMedline;
  if (LooksLikePubtator(bytes)) return Format::kPubtator;
  size_t first = bytes.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && (bytes[first] == '{' || bytes[first] == '[')) return Format::kOtherJson;
  if (!root.empty() && root != "html" && root != "HTML" && root != "!DOCTYPE") return Format::kOtherXml;
  return Format::kText;
}

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kGzip: return "gzip";
    case Format::kPubmedXml: return "pubmed-xml";
    case Format::kMedline: return "medline";
    case Format::kPubtator: return "pubtator";
    case Format::kCtgovJson: return "ctgov-json";
    case Format::kCtgovXml: return "ctgov-xml";
    case Format::kOtherJson: return "json";
    case Format::kOtherXml: return "xml";
    case Format::kText: return "text";
  }
  return "text";
}

Status ReadDocuments(const std::string& source, std::string bytes, const ontology::Ontology& ontology,
                     std::vector<SourceDocument>* docs) {
  std::vector<SourceDocument> read;
  Status st;
  switch (DetectFormat(bytes)) {
    case Format::kGzip: st = ReadGzip(source, bytes, ontology, &read); break;
    case Format::kPubmedXml: st = ReadPubmedXml(source, bytes, &read); break;
    case Format::kMedline: st = ReadMedline(source, bytes, &read); break;
    case Format::kPubtator: st = ReadPubtator(source, bytes, &read); break;
    case Format::kCtgovJson: st = ReadCtgovJson(source, bytes, ontology, &read); break;
    case Format::kCtgovXml: st = ReadCtgovXml(source, bytes, ontology, &read); break;
    case Format::kOtherJson:
      return Status::InvalidArgument("JSON that is not a ClinicalTrials.gov study record (API v2 or FullStudiesResponse)");
    case Format::kOtherXml:
      return Status::InvalidArgument("XML with root element <" + std::string(RootElement(bytes)) +
                                     ">, which is neither PubMed/MEDLINE nor ClinicalTrials.gov");
    case Format::kText: st = ReadText(source, std::move(bytes), ontology, &read); break;
  }
  if (!st.ok()) return st;
  std::move(read.begin(), read.end(), std::back_inserter(*docs));
  return Status::OK();
}

Status SelectDocument(const std::string& file, const std::string& id, std::vector<SourceDocument>* docs) {
  size_t held = docs->size();
  std::erase_if(*docs, [&](const SourceDocument& doc) {
    const std::string* nct = doc.RecordNctId();
    return doc.ids.pmid != id && !(nct && *nct == id);
  });
  if (docs->empty())
    return Status::NotFound(file + " holds no document with id " + id + " (it holds " + std::to_string(held) +
                            (held == 1 ? " document)" : " documents)"));
  return Status::OK();
}

}  // namespace trialgraph::ingest
