// Word documents (.docx, Office Open XML) as text, read with libzip and
// libxml2. Input: the .docx file (or, for tests, its document.xml and
// styles.xml parts). Output: the body as plain text in the shape of the
// seeds' exports: one line per paragraph (an empty paragraph is an empty
// line), each table row one line of tab-separated cells, so the text
// route reads it like any tab-separated export.
//
// Runs set in a legacy Vietnamese font are decoded here, where the font is
// known: Word stores what was typed in a .VnTime (TCVN3) or VNI-Times
// (VNI) font as the Windows-1252 characters of its bytes ("KÕ ho¹ch"), and
// a capitals font (.VnTimeH) draws lower-case codes as capitals. Runs in
// other fonts are kept as they are; the text route still repairs what is
// left (auto-detected per line).
#ifndef VNPLAN_INGEST_DOCX_TEXT_H_
#define VNPLAN_INGEST_DOCX_TEXT_H_

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "ingest/office_text.h"

namespace vnplan::ingest {

class ZipPackage;

// OfficeText for a .docx (route "docx"). Paragraph breaks and <w:br/> end
// lines; a tab inside a paragraph is a space (tabs separate table cells
// only). In a table cell, paragraphs are joined by spaces; a horizontally
// merged cell (gridSpan) is followed by empty cells, a vertically merged
// one continued below (vMerge) is empty there; rows with no text are left
// out; a table nested in a cell is flattened into that cell's text.
// Deleted revisions, field codes and the VML copies of text boxes are left
// out; text boxes come after the paragraph that anchors them. legacy_runs
// counts the stretches of runs decoded from a legacy font.
using DocxText = OfficeText;

// The bytes of the part that the main part's relationship `id` ("rId7")
// names; nullopt when there is none or it cannot be read.
using RelatedPartReader = std::function<std::optional<std::string>(const std::string& id)>;

// Decodes the body of `document_xml` (word/document.xml), fonts resolved
// through `styles_xml` (word/styles.xml, may be empty): run properties,
// then the run's character style, the paragraph's style (and the styles
// they are based on), then the document defaults. With `read_related`,
// the header printed on the first page (the first section's title-page
// header when it has one, else its default header) comes first, followed
// by an empty line: letterheads are kept there now and then. Its lines
// without a letter (page numbers) are left out; other headers, footers,
// footnotes and comments are not read. kInputError when the XML is not
// well formed or has no w:body.
Result<DocxText> DocxToText(std::string_view document_xml, std::string_view styles_xml,
                            const RelatedPartReader& read_related = nullptr);

// Reads the .docx package `zip` whose main part is `document` (named by
// the package relationships); its styles part is found through the main
// part's relationships. Used by ReadOfficeDocument.
Result<DocxText> ReadDocxPackage(const ZipPackage& zip, const std::string& document);

// Reads a .docx file. kInputError when it is not a ZIP archive, has no
// word/document.xml (an .xlsx, .odt or other archive), or a part is
// corrupt or larger than 256 MB uncompressed.
Result<DocxText> ReadDocx(const std::filesystem::path& path);

}  // namespace vnplan::ingest

#endif  // VNPLAN_INGEST_DOCX_TEXT_H_
