#include "samples/docx_writer.h"

#include <zip.h>

#include <sstream>
#include <utility>
#include <vector>

#include "text/legacy_encoding.h"
#include "text/vietnamese.h"

namespace vnplan::samples {
namespace {

std::string EscapeXml(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

}  // namespace

namespace {

// What a suite stores for `text` typed in `font`, and the font's name
// (empty for kUnicode): for .VnTime the TCVN3 bytes as the Windows-1252
// characters they show as; a line in capitals is typed lower-case in
// .VnTimeH, the capitals font, as TCVN3 has no codes for most toned
// capitals.
struct Shown {
  std::string text, font;
};
Result<Shown> ShowIn(std::string_view text, DocxFont font) {
  if (font != DocxFont::kVnTime) return Shown{std::string(text), ""};
  const std::string line(text);
  const bool capitals = text::ToUpper(line) == line && text::ToLower(line) != line;
  auto bytes = text::Encode(capitals ? text::ToLower(line) : line, text::Encoding::kTcvn3);
  if (!bytes) return std::unexpected(bytes.error());
  for (char c : *bytes) {
    if (static_cast<unsigned char>(c) < 0x20) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "TCVN3 needs a control byte for a capital in: " + line);
    }
  }
  return Shown{text::BytesAsCp1252(*bytes), capitals ? ".VnTimeH" : ".VnTime"};
}

// `s` cut in two at a character boundary near the middle, as suites split
// runs inside words (spelling marks, revision ids).
std::pair<std::string_view, std::string_view> Halves(std::string_view s) {
  size_t half = s.size() / 2;
  while (half > 0 && (static_cast<unsigned char>(s[half]) & 0xC0) == 0x80) --half;
  return {s.substr(0, half), s.substr(half)};
}

// The lines of `tsv` without line-end carriage returns, each split into
// its tab-separated fields (a line ending in a tab has an empty last one).
std::vector<std::vector<std::string>> TsvFields(std::string_view tsv) {
  std::vector<std::vector<std::string>> out;
  std::istringstream lines{std::string(tsv)};
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> fields;
    size_t start = 0;
    for (size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) {
      fields.push_back(line.substr(start, tab - start));
    }
    fields.push_back(line.substr(start));
    out.push_back(std::move(fields));
  }
  return out;
}

}  // namespace

Result<std::string> WordRuns(std::string_view text, DocxFont font) {
  auto shown = ShowIn(text, font);
  if (!shown) return std::unexpected(shown.error());
  if (shown->text.empty()) return std::string();
  const std::string properties = shown->font.empty()
                                     ? ""
                                     : "<w:rPr><w:rFonts w:ascii=\"" + shown->font +
                                           "\" w:hAnsi=\"" + shown->font + "\"/></w:rPr>";
  std::string runs;
  const auto [first, second] = Halves(shown->text);
  for (const std::string_view part : {first, second}) {
    if (part.empty()) continue;
    runs +=
        "<w:r>" + properties + "<w:t xml:space=\"preserve\">" + EscapeXml(part) + "</w:t></w:r>";
  }
  return runs;
}

Result<std::string> WordBodyFromTsv(std::string_view tsv, DocxFont font) {
  std::string body;
  bool in_table = false;
  for (const std::vector<std::string>& fields : TsvFields(tsv)) {
    const bool row = fields.size() > 1;
    if (row != in_table) body += row ? "<w:tbl>" : "</w:tbl>";
    in_table = row;
    if (row) body += "<w:tr>";
    for (const std::string& field : fields) {
      auto runs = WordRuns(field, font);
      if (!runs) return runs;
      body += row ? "<w:tc><w:p>" + *runs + "</w:p></w:tc>" : "<w:p>" + *runs + "</w:p>";
    }
    if (row) body += "</w:tr>";
  }
  if (in_table) body += "</w:tbl>";
  return body;
}

bool WriteZip(const std::filesystem::path& path,
              const std::vector<std::pair<std::string, std::string>>& members) {
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (!zip) return false;
  constexpr time_t kDosEpoch = 315532800;  // 1980-01-01 00:00 UTC, the ZIP format's first date
  for (const auto& [name, bytes] : members) {
    // libzip reads the buffer at zip_close; `members` outlives that call.
    zip_source_t* source = zip_source_buffer(zip, bytes.data(), bytes.size(), 0);
    const zip_int64_t index =
        source ? zip_file_add(zip, name.c_str(), source, ZIP_FL_OVERWRITE) : -1;
    if (index < 0 || zip_file_set_mtime(zip, static_cast<zip_uint64_t>(index), kDosEpoch, 0) != 0) {
      if (source && index < 0) zip_source_free(source);
      zip_discard(zip);
      return false;
    }
  }
  return zip_close(zip) == 0;
}

bool WriteDocx(const std::filesystem::path& path, const std::string& body_xml,
               const std::string& styles_xml, const std::string& document_part,
               const std::string& header_xml) {
  const std::string dir = document_part.substr(0, document_part.rfind('/') + 1);
  const std::string file = document_part.substr(dir.size());
  const std::string section =
      header_xml.empty() ? "<w:sectPr/>"
                         : "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId2\"/></w:sectPr>";
  std::vector<std::pair<std::string, std::string>> members = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\"?><Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default "
       "Extension=\"xml\" ContentType=\"application/xml\"/></Types>"},
      {"_rels/.rels",
       "<?xml version=\"1.0\"?><Relationships "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
       "Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
       "officeDocument\" Target=\"" +
           document_part + "\"/></Relationships>"},
      {document_part, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document " +
                          std::string(kWordNamespace) +
                          " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                          "relationships\"><w:body>" +
                          body_xml + section + "</w:body></w:document>"}};
  std::string relationships;
  constexpr char kType[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  if (!styles_xml.empty()) {
    relationships += std::string("<Relationship Id=\"rId1\" Type=\"") + kType +
                     "styles\" Target=\"theme_styles.xml\"/>";
    members.push_back({dir + "theme_styles.xml", "<?xml version=\"1.0\"?><w:styles " +
                                                     std::string(kWordNamespace) + ">" +
                                                     styles_xml + "</w:styles>"});
  }
  if (!header_xml.empty()) {
    relationships +=
        std::string("<Relationship Id=\"rId2\" Type=\"") + kType + "header\" Target=\"header1.xml\"/>";
    members.push_back({dir + "header1.xml", "<?xml version=\"1.0\"?><w:hdr " +
                                                std::string(kWordNamespace) + ">" + header_xml +
                                                "</w:hdr>"});
  }
  if (!relationships.empty()) {
    members.push_back({dir + "_rels/" + file + ".rels",
                       "<?xml version=\"1.0\"?><Relationships "
                       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                           relationships + "</Relationships>"});
  }
  return WriteZip(path, members);
}

// ---- OpenDocument -----------------------------------------------------------

const char kOdfNamespaces[] =
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
    "xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" "
    "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" "
    "xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" "
    "office:version=\"1.3\"";

// The font faces OdfLegacyStyles names.
const char kOdfFontFaces[] =
    "<office:font-face-decls><style:font-face style:name=\"VnTime\" "
    "svg:font-family=\"'.VnTime'\"/><style:font-face style:name=\"VnTimeH\" "
    "svg:font-family=\"'.VnTimeH'\"/></office:font-face-decls>";

bool WriteOdf(const std::filesystem::path& path, const std::string& mimetype,
              const std::string& body_xml, const std::string& automatic_styles_xml,
              const std::string& styles_xml) {
  std::vector<std::pair<std::string, std::string>> members = {
      {"mimetype", mimetype},
      {"META-INF/manifest.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest "
       "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
       "manifest:version=\"1.3\"><manifest:file-entry manifest:full-path=\"/\" "
       "manifest:media-type=\"" +
           mimetype +
           "\"/><manifest:file-entry "
           "manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
           "</manifest:manifest>"},
      {"content.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content " +
                          std::string(kOdfNamespaces) + ">" +
                          kOdfFontFaces +
                          "<office:automatic-styles>" + automatic_styles_xml +
                          "</office:automatic-styles><office:body>" + body_xml +
                          "</office:body></office:document-content>"}};
  if (!styles_xml.empty()) {
    members.push_back({"styles.xml",
                       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                       "<office:document-styles " +
                           std::string(kOdfNamespaces) + ">" + styles_xml +
                           "</office:document-styles>"});
  }
  return WriteZip(path, members);
}

std::string FlatOdf(const std::string& mimetype, const std::string& body_xml,
                    const std::string& automatic_styles_xml, const std::string& styles_xml) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document " +
         std::string(kOdfNamespaces) + " office:mimetype=\"" + mimetype + "\">" + kOdfFontFaces +
         styles_xml + "<office:automatic-styles>" + automatic_styles_xml +
         "</office:automatic-styles><office:body>" + body_xml + "</office:body></office:document>\n";
}

std::string OdfLegacyStyles() {
  return "<style:style style:name=\"T1\" style:family=\"text\"><style:text-properties "
         "style:font-name=\"VnTime\"/></style:style>"
         "<style:style style:name=\"T2\" style:family=\"text\"><style:text-properties "
         "style:font-name=\"VnTimeH\"/></style:style>";
}

namespace {

// A text:p holding `text` typed in `font`, split in two spans.
Result<std::string> OdfParagraph(std::string_view text, DocxFont font) {
  auto shown = ShowIn(text, font);
  if (!shown) return std::unexpected(shown.error());
  if (shown->text.empty()) return std::string("<text:p/>");
  std::string p = "<text:p>";
  const auto [first, second] = Halves(shown->text);
  for (const std::string_view part : {first, second}) {
    if (part.empty()) continue;
    if (shown->font.empty()) {
      p += "<text:span>" + EscapeXml(part) + "</text:span>";
    } else {
      p += std::string("<text:span text:style-name=\"") +
           (shown->font == ".VnTimeH" ? "T2" : "T1") + "\">" + EscapeXml(part) + "</text:span>";
    }
  }
  return p + "</text:p>";
}

}  // namespace

Result<std::string> OdfBodyFromTsv(std::string_view tsv, DocxFont font, bool spreadsheet) {
  const auto lines = TsvFields(tsv);
  std::string body;
  if (spreadsheet) {
    body =
        "<office:spreadsheet><table:table table:name=\"Sheet1\">"
        "<table:table-column table:number-columns-repeated=\"1024\"/>";
    for (const std::vector<std::string>& fields : lines) {
      body += "<table:table-row>";
      for (const std::string& field : fields) {
        if (field.empty()) {
          body += "<table:table-cell/>";
          continue;
        }
        auto p = OdfParagraph(field, font);
        if (!p) return p;
        body += "<table:table-cell office:value-type=\"string\">" + *p + "</table:table-cell>";
      }
      body += "<table:table-cell table:number-columns-repeated=\"" +
              std::to_string(1024 - fields.size()) + "\"/></table:table-row>";
    }
    body +=
        "<table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell "
        "table:number-columns-repeated=\"1024\"/></table:table-row>"
        "</table:table></office:spreadsheet>";
    return body;
  }
  body = "<office:text>";
  bool in_table = false;
  for (const std::vector<std::string>& fields : lines) {
    const bool row = fields.size() > 1;
    if (row && !in_table) {
      body +=
          "<table:table table:name=\"Table1\"><table:table-column "
          "table:number-columns-repeated=\"" +
          std::to_string(fields.size()) + "\"/>";
    }
    if (!row && in_table) body += "</table:table>";
    in_table = row;
    if (row) body += "<table:table-row>";
    for (const std::string& field : fields) {
      auto p = OdfParagraph(field, font);
      if (!p) return p;
      body +=
          row ? "<table:table-cell office:value-type=\"string\">" + *p + "</table:table-cell>" : *p;
    }
    if (row) body += "</table:table-row>";
  }
  if (in_table) body += "</table:table>";
  return body + "</office:text>";
}

// ---- Excel ---------------------------------------------------------------------

bool WriteXlsx(const std::filesystem::path& path, const std::vector<XlsxSheet>& sheets,
               const std::string& shared_strings_xml, const std::string& styles_xml) {
  constexpr char kRelType[] =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  constexpr char kMain[] = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";
  std::string content_types =
      "<?xml version=\"1.0\"?><Types "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default "
      "Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
      "</Types>";
  std::string workbook = "<?xml version=\"1.0\"?><workbook " + std::string(kMain) +
                         " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                         "relationships\"><sheets>";
  std::string rels =
      "<?xml version=\"1.0\"?><Relationships "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  std::vector<std::pair<std::string, std::string>> members;
  for (size_t i = 0; i < sheets.size(); ++i) {
    // Parts numbered backwards: the order is the workbook's, not the names'.
    const std::string part = "worksheets/sheet" + std::to_string(sheets.size() - i) + ".xml";
    const std::string id = "rId" + std::to_string(i + 10);
    workbook += "<sheet name=\"" + EscapeXml(sheets[i].name) + "\" sheetId=\"" +
                std::to_string(i + 1) + "\"" + (sheets[i].hidden ? " state=\"hidden\"" : "") +
                " r:id=\"" + id + "\"/>";
    rels += "<Relationship Id=\"" + id + "\" Type=\"" + kRelType + "worksheet\" Target=\"" + part +
            "\"/>";
    members.push_back({"xl/" + part, "<?xml version=\"1.0\"?><worksheet " + std::string(kMain) +
                                         ">" + sheets[i].xml + "</worksheet>"});
  }
  workbook += "</sheets></workbook>";
  if (!shared_strings_xml.empty()) {
    rels += "<Relationship Id=\"rId1\" Type=\"" + std::string(kRelType) +
            "sharedStrings\" Target=\"sharedStrings.xml\"/>";
    members.push_back({"xl/sharedStrings.xml", "<?xml version=\"1.0\"?><sst " + std::string(kMain) +
                                                   ">" + shared_strings_xml + "</sst>"});
  }
  if (!styles_xml.empty()) {
    rels += "<Relationship Id=\"rId2\" Type=\"" + std::string(kRelType) +
            "styles\" Target=\"/xl/styles.xml\"/>";
    members.push_back({"xl/styles.xml", "<?xml version=\"1.0\"?><styleSheet " + std::string(kMain) +
                                            ">" + styles_xml + "</styleSheet>"});
  }
  rels += "</Relationships>";
  members.push_back({"[Content_Types].xml", content_types});
  members.push_back({"_rels/.rels",
                     "<?xml version=\"1.0\"?><Relationships "
                     "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                     "<Relationship Id=\"rId1\" Type=\"" +
                         std::string(kRelType) +
                         "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"});
  members.push_back({"xl/workbook.xml", workbook});
  members.push_back({"xl/_rels/workbook.xml.rels", rels});
  return WriteZip(path, members);
}

Result<XlsxParts> XlsxFromTsv(std::string_view tsv, DocxFont font) {
  XlsxParts parts;
  std::vector<std::string> strings;
  std::string data;
  int row_number = 0;
  for (const std::vector<std::string>& fields : TsvFields(tsv)) {
    ++row_number;
    data += "<row r=\"" + std::to_string(row_number) + "\">";
    for (size_t col = 0; col < fields.size(); ++col) {
      const std::string& field = fields[col];
      if (field.empty()) continue;
      std::string ref;
      for (size_t n = col + 1; n > 0; n = (n - 1) / 26) ref.insert(ref.begin(), 'A' + (n - 1) % 26);
      ref += std::to_string(row_number);
      if (field.size() < 9 && field.find_first_not_of("0123456789") == std::string::npos &&
          field[0] != '0') {
        data += "<c r=\"" + ref + "\"><v>" + field + "</v></c>";
        continue;
      }
      auto shown = ShowIn(field, font);
      if (!shown) return std::unexpected(shown.error());
      const char* format = shown->font == ".VnTimeH" ? "2" : shown->font.empty() ? "0" : "1";
      if (strings.empty() && !shown->font.empty()) {
        // Rich text: the runs name the font; the cell's format does not.
        const auto [first, second] = Halves(shown->text);
        strings.push_back("<r><rPr><rFont val=\"" + shown->font +
                          "\"/></rPr><t xml:space=\"preserve\">" + EscapeXml(first) +
                          "</t></r><r><rPr><rFont val=\"" + shown->font +
                          "\"/></rPr><t xml:space=\"preserve\">" + EscapeXml(second) + "</t></r>");
        format = "0";
      } else {
        strings.push_back("<t xml:space=\"preserve\">" + EscapeXml(shown->text) + "</t>");
      }
      data += "<c r=\"" + ref + "\" s=\"" + format + "\" t=\"s\"><v>" +
              std::to_string(strings.size() - 1) + "</v></c>";
    }
    data += "</row>";
  }
  parts.sheet_xml = "<sheetData>" + data + "</sheetData>";
  for (const std::string& s : strings) parts.shared_strings_xml += "<si>" + s + "</si>";
  parts.styles_xml =
      "<fonts count=\"3\"><font><name val=\"Calibri\"/></font><font><name val=\".VnTime\"/></font>"
      "<font><name val=\".VnTimeH\"/></font></fonts><cellXfs count=\"3\"><xf fontId=\"0\"/>"
      "<xf fontId=\"1\"/><xf fontId=\"2\"/></cellXfs>";
  return parts;
}

}  // namespace vnplan::samples
