// OpenDocument text documents (.odt) and spreadsheets (.ods) as text, read
// with libzip and libxml2. Input: the package (or, for tests, its
// content.xml and styles.xml parts), or a flat ODF file (.fodt, .fods). Output: OfficeText in the shape of
// the seeds' exports (office_lines.h), route "odt" or "ods" by the body.
//
// Text documents: text:p and text:h are lines (text:line-break ends a
// line, text:tab and text:s are spaces), lists give their items' lines,
// sections and index bodies their content; each table:table row is a line
// of tab-separated cells (a cell spanning columns is followed by empty
// cells, covered cells are empty, a table nested in a cell is flattened
// into it, rows with no text are left out; a table declaring more than
// 64 columns, as one pasted from Calc with 1024, ends at the last column
// any row has text in); the content of a draw:text-box comes once,
// after the paragraph that anchors it (a frame anchored to the page: where
// it stands among the paragraphs). Deleted tracked changes, comments
// (office:annotation) and footnotes are left out. The header printed on
// the first page (of the master page the first paragraph or table asks
// for, else "Standard"; its first-page header if it has one) comes first,
// followed by an empty line, its lines without a letter (page numbers)
// left out; footers are not read.
//
// Spreadsheets: each visible table:table (sheet) in order, its rows laid
// out by AppendSheet (office_lines.h); sheets are separated by an empty
// line and their names are not written (they are "Sheet1" more often than
// a title). A cell's paragraphs are joined by spaces.
//
// Repeats (table:number-columns-repeated, table:number-rows-repeated) are
// expanded only where they hold text, and at most kMaxRepeat times; empty
// repeated cells and rows (LibreOffice writes 1024 empty columns and a
// million empty rows) only move the position. Cells past column
// kMaxColumns are ignored.
//
// Runs set in a legacy Vietnamese font are decoded (legacy_fonts.h): the
// font is style:font-name (through office:font-face-decls) or
// fo:font-family of the text properties of the span's style, else the
// paragraph's, else the cell's (its own style, its column's default cell
// style), each through its parent styles, else the default style of the
// family; automatic styles of content.xml, then styles.xml.
#ifndef VNPLAN_INGEST_ODF_TEXT_H_
#define VNPLAN_INGEST_ODF_TEXT_H_

#include <string_view>

#include "common/error.h"
#include "ingest/office_text.h"

namespace vnplan::ingest {

class ZipPackage;

// Decodes `content_xml` (content.xml), fonts resolved through `styles_xml`
// (styles.xml, may be empty or broken: fonts then come from content.xml
// alone). kInputError when content.xml is not well formed or its
// office:body has neither office:text nor office:spreadsheet (a
// presentation, a drawing).
Result<OfficeText> OdfToText(std::string_view content_xml, std::string_view styles_xml);

// True when `head` (a file's first bytes; 4 KB are enough) opens a flat
// OpenDocument file (.fodt, .fods: the whole document as one XML file,
// root element office:document).
bool LooksLikeFlatOdf(std::string_view head);

// Decodes a flat OpenDocument file, as OdfToText does the parts of a
// package. kInputError when it is not well formed, its root is not
// office:document, or as for OdfToText.
Result<OfficeText> FlatOdfToText(std::string_view xml_text);

// Reads an ODF package. kInputError when META-INF/manifest.xml says its
// content is encrypted (a password-protected document), when content.xml
// is missing or as for OdfToText.
Result<OfficeText> ReadOdfPackage(const ZipPackage& zip);

}  // namespace vnplan::ingest

#endif  // VNPLAN_INGEST_ODF_TEXT_H_
