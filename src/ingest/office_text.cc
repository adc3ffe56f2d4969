#include "ingest/office_text.h"

#include <string>

#include "ingest/doc_text.h"
#include "ingest/docx_text.h"
#include "ingest/odf_text.h"
#include "ingest/xls_text.h"
#include "ingest/xlsx_text.h"
#include "ingest/xml_parts.h"
#include "ingest/zip_package.h"

namespace vnplan::ingest {
namespace {

constexpr char kSaveAs[] = "save it as .docx, .odt, .xlsx, .ods, PDF, HTML or CSV";

Result<OfficeText> ReadOdf(const ZipPackage& zip) {
  auto mimetype = zip.Read("mimetype");
  if (!mimetype) return std::unexpected(mimetype.error());
  std::string type = *mimetype;
  while (!type.empty() && (type.back() == '\n' || type.back() == '\r' || type.back() == ' ')) {
    type.pop_back();
  }
  constexpr std::string_view kPrefix = "application/vnd.oasis.opendocument.";
  if (type.starts_with(kPrefix)) {
    const std::string kind = type.substr(kPrefix.size());
    // text, text-template, text-web (Writer/Web), text-master,
    // spreadsheet, spreadsheet-template: their body is office:text or
    // office:spreadsheet.
    if (kind.starts_with("text") || kind.starts_with("spreadsheet")) {
      return ReadOdfPackage(zip);
    }
    return MakeError(
        ErrorCode::kInputError,
        "an OpenDocument " + kind + " file, not a text document or spreadsheet; " + kSaveAs);
  }
  if (type == "application/epub+zip") {
    return MakeError(ErrorCode::kInputError, std::string("an EPUB e-book; ") + kSaveAs);
  }
  return MakeError(ErrorCode::kInputError, "a ZIP package of type \"" + type.substr(0, 80) +
                                               "\", not an office document; " + kSaveAs);
}

// The content type [Content_Types].xml gives `part`; empty if none.
std::string ContentType(const ZipPackage& zip, const std::string& part) {
  auto types = zip.Read("[Content_Types].xml");
  if (!types) return {};
  xml::DocPtr doc = xml::Parse(*types);
  const xmlNode* root = xml::Root(doc);
  for (const xmlNode* c = root ? root->children : nullptr; c; c = c->next) {
    if (xml::Is(c, "Override") && xml::Attribute(c, "PartName") == "/" + part) {
      return xml::Attribute(c, "ContentType");
    }
  }
  return {};
}

Result<OfficeText> ReadOoxml(const ZipPackage& zip) {
  std::string main;
  if (auto rels = zip.Read("_rels/.rels")) main = RelationshipTarget(*rels, "/officeDocument", "");
  if (main.empty() || !zip.Has(main)) {
    return MakeError(ErrorCode::kInputError,
                     std::string("a ZIP archive that is not an office document (no main part "
                                 "named by _rels/.rels, no mimetype); ") +
                         kSaveAs);
  }
  // The content type says it; without one (hand-made packages), the main
  // part's root element does.
  const std::string type = ContentType(zip, main);
  std::string root_name;
  if (type.empty()) {
    auto part = zip.Read(main);
    if (!part) return std::unexpected(part.error());
    xml::DocPtr doc = xml::Parse(*part);
    if (const xmlNode* root = xml::Root(doc)) root_name = std::string(xml::Name(root));
  }
  if (type.find("wordprocessingml") != std::string::npos ||
      type.starts_with("application/vnd.ms-word.") || root_name == "document") {
    return ReadDocxPackage(zip, main);
  }
  if (type.find("spreadsheetml") != std::string::npos ||
      type.starts_with("application/vnd.ms-excel.") || root_name == "workbook") {
    return ReadXlsxPackage(zip, main);
  }
  if (type.find("presentationml") != std::string::npos ||
      type.starts_with("application/vnd.ms-powerpoint.") || root_name == "presentation") {
    return MakeError(ErrorCode::kInputError,
                     std::string("a PowerPoint presentation (.pptx), not a document; ") + kSaveAs);
  }
  return MakeError(ErrorCode::kInputError, "an Office Open XML package whose main part " + main +
                                               " is neither a Word "
                                               "document nor an Excel workbook; " +
                                               kSaveAs);
}

}  // namespace

Result<OfficeText> ReadOfficeDocument(const std::filesystem::path& path) {
  auto zip = ZipPackage::Open(path);
  if (!zip) return std::unexpected(zip.error());
  if (zip->Has("mimetype")) return ReadOdf(*zip);
  if (zip->Has("[Content_Types].xml") || zip->Has("_rels/.rels")) return ReadOoxml(*zip);
  if (zip->Has("content.xml") && zip->Has("META-INF/manifest.xml")) return ReadOdfPackage(*zip);
  return MakeError(ErrorCode::kInputError,
                   std::string("a ZIP archive that is not an office document (no mimetype, no "
                               "[Content_Types].xml); unpack it and give vnplan its files, or ") +
                       kSaveAs);
}

Result<OfficeText> ReadLegacyOfficeDocument(const std::filesystem::path& path) {
  auto xls = ReadXls(path);
  if (!xls) return std::unexpected(xls.error());
  if (*xls) return std::move(**xls);
  return ReadDoc(path);
}

}  // namespace vnplan::ingest
