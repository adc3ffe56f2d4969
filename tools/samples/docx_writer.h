// Writes office packages with libzip from readable XML: Word .docx (content
// types, relationships, the document part, optionally a styles part),
// OpenDocument .odt/.ods (mimetype, manifest, content.xml, styles.xml) and
// Excel .xlsx (workbook, sheets, shared strings, styles); and builds their
// content from a tab-separated text export, optionally typed in the legacy
// .VnTime font as the suites store it. Used by vnplan-sample-export
// (samples/*.docx) and by the tests, so that neither needs binary fixtures.
#ifndef VNPLAN_TOOLS_SAMPLES_DOCX_WRITER_H_
#define VNPLAN_TOOLS_SAMPLES_DOCX_WRITER_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.h"

namespace vnplan::samples {

// The WordprocessingML namespace declaration for a root element.
inline constexpr char kWordNamespace[] =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

enum class DocxFont {
  kUnicode,  // no font named: Unicode text as it is
  // .VnTime: the TCVN3 bytes of the text stored as the Windows-1252
  // characters they show as (what Word keeps for a legacy font); a line in
  // capitals is typed lower-case in .VnTimeH, the capitals font, as
  // TCVN3 has no codes for most toned capitals.
  kVnTime,
};

// The w:r elements for `text` (one line) in `font`, split in two runs
// inside a word, as Word splits them (spelling marks, revision ids). Empty
// for empty text. kInvalidArgument when `text` has characters TCVN3 cannot
// encode, or that would need a control byte (not allowed in XML).
Result<std::string> WordRuns(std::string_view text, DocxFont font);

// A document body (the children of w:body) from a tab-separated export such
// as seed 000: consecutive lines with tabs become the rows of one w:tbl,
// one cell per field; other lines become paragraphs (an empty line an empty
// paragraph).
Result<std::string> WordBodyFromTsv(std::string_view tsv, DocxFont font);

// Writes `members` (name, bytes) as a ZIP archive, entries dated
// 1980-01-01 so the same input gives the same bytes; false on failure.
bool WriteZip(const std::filesystem::path& path,
              const std::vector<std::pair<std::string, std::string>>& members);

// Writes a .docx whose body is `body_xml` and whose styles part holds
// `styles_xml` (children of w:styles; no styles part if empty). The main
// part is stored as `document_part` and found through the package
// relationships, as Word finds it. A non-empty `header_xml` (children of
// w:hdr) is the section's default header.
bool WriteDocx(const std::filesystem::path& path, const std::string& body_xml,
               const std::string& styles_xml = "",
               const std::string& document_part = "word/document.xml",
               const std::string& header_xml = "");

// ---- OpenDocument -----------------------------------------------------------

// The namespace declarations (office, style, text, table, draw, fo, svg)
// for the root element of content.xml or styles.xml.
extern const char kOdfNamespaces[];

// Writes an ODF package: mimetype, the manifest, content.xml holding
// font-face declarations "VnTime" and "VnTimeH" (families '.VnTime' and
// '.VnTimeH', quoted as LibreOffice writes them), `automatic_styles_xml` (children of
// office:automatic-styles) and `body_xml` (children of office:body, e.g.
// "<office:text>...</office:text>"), and styles.xml holding `styles_xml`
// (children of office:document-styles, e.g. font-face declarations and
// office:styles; none if empty). False on failure.
bool WriteOdf(const std::filesystem::path& path, const std::string& mimetype,
              const std::string& body_xml, const std::string& automatic_styles_xml = "",
              const std::string& styles_xml = "");

// A flat OpenDocument file (.fodt, .fods) of the given type holding what
// WriteOdf writes in a package: `styles_xml` here holds children of
// office:document (office:styles, office:master-styles).
std::string FlatOdf(const std::string& mimetype, const std::string& body_xml,
                    const std::string& automatic_styles_xml, const std::string& styles_xml);

// The office:automatic-styles children that OdfBodyFromTsv's spans name:
// text styles "T1" and "T2" whose style:font-name names the font faces
// "VnTime" and "VnTimeH" that WriteOdf declares.
std::string OdfLegacyStyles();

// The office:body children for `tsv` (a tab-separated export such as seed
// 000): as a text document (`spreadsheet` false), consecutive lines with
// tabs become the rows of one table:table, other lines paragraphs; as a
// spreadsheet, one sheet whose rows are the lines, every row ended by 1024
// repeated empty cells and the sheet by a million repeated empty rows, as
// LibreOffice Calc writes them (empty lines are empty rows). Text in
// kVnTime is split in two text:span runs as WordRuns splits it.
Result<std::string> OdfBodyFromTsv(std::string_view tsv, DocxFont font, bool spreadsheet);

// ---- Excel ---------------------------------------------------------------------

struct XlsxSheet {
  std::string name;
  std::string xml;      // children of worksheet: sheetData, mergeCells ...
  bool hidden = false;  // state="hidden"
};

// Writes an .xlsx: the workbook (sheets listed in order, each found
// through the workbook's relationships under a part name that does not
// follow that order), the shared strings part holding
// `shared_strings_xml` (children of sst; none if empty) and the styles part
// holding `styles_xml` (children of styleSheet; none if empty). False on
// failure.
bool WriteXlsx(const std::filesystem::path& path, const std::vector<XlsxSheet>& sheets,
               const std::string& shared_strings_xml = "", const std::string& styles_xml = "");

struct XlsxParts {
  std::string sheet_xml;           // children of worksheet
  std::string shared_strings_xml;  // children of sst
  std::string styles_xml;          // children of styleSheet
};

// A sheet for `tsv` as Excel saves an opened tab-separated export: a row
// per line (empty lines are rows with no cells), each field a cell at its
// column (empty fields no cell), whole numbers as numbers and the rest as
// shared strings. With kVnTime the cells are typed in .VnTime (lines in
// capitals in .VnTimeH) through their cell formats, and the first string
// is a rich-text string whose runs name the font themselves.
Result<XlsxParts> XlsxFromTsv(std::string_view tsv, DocxFont font);

}  // namespace vnplan::samples

#endif  // VNPLAN_TOOLS_SAMPLES_DOCX_WRITER_H_
