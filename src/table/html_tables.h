// HTML exports (a word processor's "Save as Web Page", LibreOffice, web
// pages, HTML tables inside Markdown) read with libxml2's error-tolerant
// HTML parser. Input: UTF-8 HTML (a legacy encoding is repaired first, on
// the bytes). Output: the document as plain text with its tables as
// tab-separated rows, or one table with its spans.
#ifndef VNPLAN_TABLE_HTML_TABLES_H_
#define VNPLAN_TABLE_HTML_TABLES_H_

#include <string>
#include <string_view>

#include "table/table_model.h"

namespace vnplan::table {

// True when `text` is an HTML document rather than text or Markdown that
// holds a table's markup: its first markup (after a byte-order mark, white
// space and comments) is a doctype or an <html>, <head> or <body> tag,
// or a <meta> charset declaration.
bool LooksLikeHtmlDocument(std::string_view text);

// The text of an HTML document: one line per block element (p, div,
// h1..h6, li, ...) and per <br>; an empty paragraph (Word's <p>&nbsp;</p>)
// is an empty line. White space is collapsed as a browser does outside
// <pre>, entities are decoded, non-breaking spaces become spaces; the head,
// scripts, styles and comments are dropped. Each table row becomes one line
// of tab-separated cells, the way seeds 000 and 004 were exported, so the
// text route reads it as any tab-separated export: a cell's paragraphs are
// joined by spaces, a colspan adds empty cells after its cell and a rowspan
// empty cells below it, rows with no text are dropped, and a table nested
// in a cell is flattened into that cell's text.
std::string HtmlToText(std::string_view html);

// The first <table> in `html` (format kHtml, the first row the header):
// rows padded to one width, cell texts as HtmlToText writes them, spans
// kept (a cell covered by another's span has row_span = col_span = 0).
// No rows when `html` holds no table.
Table ParseHtmlTable(std::string_view html);

}  // namespace vnplan::table

#endif  // VNPLAN_TABLE_HTML_TABLES_H_
