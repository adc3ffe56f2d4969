#include "samples/docx_writer.h"

#include <zip.h>

#include <sstream>

#include "text/legacy_encoding.h"
#include "text/vietnamese.h"

namespace vnplan::samples {
namespace {

std::string EscapeXml(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

}  // namespace

Result<std::string> WordRuns(std::string_view text, DocxFont font) {
  std::string shown(text), font_name;
  if (font == DocxFont::kVnTime) {
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
    shown = text::BytesAsCp1252(*bytes);
    font_name = capitals ? ".VnTimeH" : ".VnTime";
  }
  if (shown.empty()) return std::string();
  const std::string properties =
      font_name.empty() ? "" : "<w:rPr><w:rFonts w:ascii=\"" + font_name + "\" w:hAnsi=\"" +
                                   font_name + "\"/></w:rPr>";
  // Split at a character boundary near the middle.
  size_t half = shown.size() / 2;
  while (half > 0 && (static_cast<unsigned char>(shown[half]) & 0xC0) == 0x80) --half;
  std::string runs;
  for (const std::string_view part :
       {std::string_view(shown).substr(0, half), std::string_view(shown).substr(half)}) {
    if (part.empty()) continue;
    runs += "<w:r>" + properties + "<w:t xml:space=\"preserve\">" + EscapeXml(part) +
            "</w:t></w:r>";
  }
  return runs;
}

Result<std::string> WordBodyFromTsv(std::string_view tsv, DocxFont font) {
  std::string body;
  bool in_table = false;
  std::istringstream lines{std::string(tsv)};
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const bool row = line.find('\t') != std::string::npos;
    if (row != in_table) body += row ? "<w:tbl>" : "</w:tbl>";
    in_table = row;
    if (!row) {
      auto runs = WordRuns(line, font);
      if (!runs) return runs;
      body += "<w:p>" + *runs + "</w:p>";
      continue;
    }
    body += "<w:tr>";
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, '\t');) {
      auto runs = WordRuns(cell, font);
      if (!runs) return runs;
      body += "<w:tc><w:p>" + *runs + "</w:p></w:tc>";
    }
    // getline drops a last empty field: a row ending in a tab.
    if (line.back() == '\t') body += "<w:tc><w:p/></w:tc>";
    body += "</w:tr>";
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
               const std::string& styles_xml, const std::string& document_part) {
  const std::string dir = document_part.substr(0, document_part.rfind('/') + 1);
  const std::string file = document_part.substr(dir.size());
  std::vector<std::pair<std::string, std::string>> members = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\"?><Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default "
       "Extension=\"xml\" ContentType=\"application/xml\"/></Types>"},
      {"_rels/.rels",
       "<?xml version=\"1.0\"?><Relationships "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
       "Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
       "officeDocument\" Target=\"" + document_part + "\"/></Relationships>"},
      {document_part, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document " +
                          std::string(kWordNamespace) + "><w:body>" + body_xml +
                          "<w:sectPr/></w:body></w:document>"}};
  if (!styles_xml.empty()) {
    members.push_back({dir + "_rels/" + file + ".rels",
                       "<?xml version=\"1.0\"?><Relationships "
                       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                       "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
                       "officeDocument/2006/relationships/styles\" Target=\"theme_styles.xml\"/>"
                       "</Relationships>"});
    members.push_back({dir + "theme_styles.xml", "<?xml version=\"1.0\"?><w:styles " +
                                                     std::string(kWordNamespace) + ">" +
                                                     styles_xml + "</w:styles>"});
  }
  return WriteZip(path, members);
}

}  // namespace vnplan::samples
