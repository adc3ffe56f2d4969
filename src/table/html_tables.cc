#include "table/html_tables.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/utf8.h"

namespace vnplan::table {
namespace {

// C0 control characters cross libxml2 as U+F700 + their byte (HtmlToText).
constexpr char32_t kControlGuard = 0xF700;

// ---- libxml2 adapter --------------------------------------------------------

struct DocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocDeleter>;

struct XmlCharDeleter {
  void operator()(xmlChar* s) const { xmlFree(s); }
};
using XmlCharPtr = std::unique_ptr<xmlChar, XmlCharDeleter>;

// Parses `html` as UTF-8 whatever its <meta> charset says (the caller has
// decoded it), recovering from errors as browsers do, silently, without
// network access. Null only when libxml2 gives up (no memory).
DocPtr ParseHtmlDocument(std::string_view html) {
  // Batch runs read documents on several threads; libxml2 must be set up
  // once before that.
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  const int size = static_cast<int>(std::min<size_t>(html.size(), INT_MAX));
  return DocPtr(htmlReadMemory(html.data(), size, /*URL=*/nullptr, "UTF-8",
                               HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                   HTML_PARSE_NONET | HTML_PARSE_COMPACT));
}

std::string_view Name(const xmlNode* node) {
  return node->name ? reinterpret_cast<const char*>(node->name) : "";
}

bool IsElement(const xmlNode* node, std::string_view name) {
  return node->type == XML_ELEMENT_NODE && Name(node) == name;
}

// A span attribute ("colspan", "rowspan"): 1 when absent, zero or not a
// number; at most 1000, the HTML limit for colspan (a bigger rowspan would
// only allocate for rows that never come).
int SpanAttribute(const xmlNode* node, const char* name) {
  XmlCharPtr value(xmlGetProp(node, reinterpret_cast<const xmlChar*>(name)));
  if (!value) return 1;
  std::string_view s(reinterpret_cast<const char*>(value.get()));
  while (!s.empty() && (s.front() == ' ' || s.front() == '"' || s.front() == '\'')) s.remove_prefix(1);
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return std::clamp(v, 1, 1000);
}

// ---- text with HTML white-space rules ----------------------------------------

bool IsBlock(std::string_view name) {
  static const std::unordered_set<std::string_view> kBlocks = {
      "address", "article", "aside",  "blockquote", "caption", "center", "dd",     "details",
      "dialog",  "div",     "dl",     "dt",         "fieldset", "figcaption", "figure", "footer",
      "form",    "h1",      "h2",     "h3",         "h4",     "h5",     "h6",     "header",
      "hr",      "li",      "main",   "nav",        "ol",     "p",      "pre",    "section",
      "summary", "table",   "tbody",  "td",         "tfoot",  "th",     "thead",  "tr",
      "ul"};
  return kBlocks.contains(name);
}

bool IsSkipped(std::string_view name) {
  static const std::unordered_set<std::string_view> kSkipped = {
      "head", "script", "style", "title", "noscript", "template", "object", "iframe", "svg"};
  return kSkipped.contains(name);
}

// Accumulates lines: runs of white space (and no-break spaces) inside a
// line become one space, lines carry no leading or trailing space.
class LineWriter {
 public:
  void Text(std::string_view s, bool preformatted) {
    for (size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      if (preformatted && c == '\n') {
        Break();
        continue;
      }
      const bool nbsp = c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0';
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || nbsp) {
        if (nbsp) ++i;
        space_ = !current_.empty();
        continue;
      }
      if (space_) current_.push_back(' ');
      space_ = false;
      current_.push_back(c);
    }
  }
  // Ends the current line if it holds text.
  void EndLine() {
    if (!current_.empty()) Break();
    space_ = false;
  }
  // Ends the current line, even an empty one (<br>, an empty paragraph).
  void Break() {
    lines_.push_back(std::move(current_));
    current_.clear();
    space_ = false;
  }
  // Appends a finished line (a table row).
  void Line(std::string line) {
    EndLine();
    lines_.push_back(std::move(line));
  }
  // Lines written so far, plus the current one if it holds text.
  size_t Written() const { return lines_.size() + (current_.empty() ? 0 : 1); }
  std::vector<std::string> Take() {
    EndLine();
    return std::move(lines_);
  }

 private:
  std::vector<std::string> lines_;
  std::string current_;
  bool space_ = false;  // a collapsed space waits for the next character
};

Table BuildTable(const xmlNode* table_node);

// Writes the text under `node`. Outside a table cell a table becomes
// tab-separated lines; inside one (`in_cell`), a nested table is plain
// blocks, flattened into the cell.
void Walk(const xmlNode* node, bool in_cell, int preformatted, LineWriter* out) {
  for (const xmlNode* child = node->children; child; child = child->next) {
    if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
      if (child->content) out->Text(reinterpret_cast<const char*>(child->content), preformatted > 0);
      continue;
    }
    if (child->type != XML_ELEMENT_NODE) continue;  // comments, processing instructions
    const std::string_view name = Name(child);
    if (IsSkipped(name)) continue;
    if (name == "br") {
      out->Break();
      continue;
    }
    if (name == "table" && !in_cell) {
      const Table table = BuildTable(child);
      for (const auto& row : table.rows) {
        std::string line;
        bool any = false;
        for (size_t c = 0; c < row.size(); ++c) {
          if (c) line.push_back('\t');
          line += row[c].text;
          any = any || !row[c].text.empty();
        }
        if (any) out->Line(std::move(line));
      }
      continue;
    }
    // libxml2 names Word's <o:p> "p" and nests it in the paragraph; a
    // paragraph inside a paragraph is that, inline.
    const bool nested_p = name == "p" && child->parent && Name(child->parent) == "p";
    const bool block = IsBlock(name) && !nested_p;
    if (block) out->EndLine();
    const size_t before = out->Written();
    Walk(child, in_cell, preformatted + (name == "pre"), out);
    if (block) out->EndLine();
    // Word writes an empty paragraph as <p>&nbsp;</p>: a blank line.
    if (name == "p" && !nested_p && out->Written() == before && !in_cell) out->Break();
  }
}

// A cell's text on one line: its paragraphs and line breaks joined by spaces.
std::string CellText(const xmlNode* cell) {
  LineWriter writer;
  Walk(cell, /*in_cell=*/true, 0, &writer);
  std::string text;
  for (const std::string& line : writer.Take()) {
    if (line.empty()) continue;
    if (!text.empty()) text.push_back(' ');
    text += line;
  }
  return text;
}

// The <tr> elements of `table_node`, directly or in its row groups; not
// those of tables nested in cells.
std::vector<const xmlNode*> TableRows(const xmlNode* table_node) {
  std::vector<const xmlNode*> rows;
  for (const xmlNode* child = table_node->children; child; child = child->next) {
    if (IsElement(child, "tr")) {
      rows.push_back(child);
    } else if (IsElement(child, "thead") || IsElement(child, "tbody") ||
               IsElement(child, "tfoot")) {
      for (const xmlNode* tr = child->children; tr; tr = tr->next) {
        if (IsElement(tr, "tr")) rows.push_back(tr);
      }
    }
  }
  return rows;
}

Cell CoveredCell() {
  Cell covered;
  covered.row_span = 0;
  covered.col_span = 0;
  return covered;
}

// The last source line of `node` and its descendants (libxml2 numbers the
// lines of the parsed input from 1; 0 when unknown).
int LastLine(const xmlNode* node) {
  int last = static_cast<int>(std::max(0L, xmlGetLineNo(node)));
  for (const xmlNode* child = node->children; child; child = child->next) {
    last = std::max(last, LastLine(child));
  }
  return last;
}

Table BuildTable(const xmlNode* table_node) {
  Table table;
  table.format = TableFormat::kHtml;
  std::vector<std::vector<char>> occupied;  // [row][column]: covered by a rowspan from above
  for (const xmlNode* tr : TableRows(table_node)) {
    const size_t r = table.rows.size();
    std::vector<Cell> row;
    auto skip_covered = [&] {
      while (r < occupied.size() && row.size() < occupied[r].size() && occupied[r][row.size()]) {
        row.push_back(CoveredCell());
      }
    };
    for (const xmlNode* td = tr->children; td; td = td->next) {
      if (!IsElement(td, "td") && !IsElement(td, "th")) continue;
      skip_covered();
      Cell cell;
      cell.text = CellText(td);
      cell.col_span = SpanAttribute(td, "colspan");
      cell.row_span = SpanAttribute(td, "rowspan");
      const size_t col = row.size();
      row.push_back(std::move(cell));
      const int col_span = row.back().col_span;
      const int row_span = row.back().row_span;
      for (int k = 1; k < col_span; ++k) row.push_back(CoveredCell());
      for (int dr = 1; dr < row_span; ++dr) {
        if (occupied.size() <= r + dr) occupied.resize(r + dr + 1);
        auto& occ = occupied[r + dr];
        if (occ.size() < col + col_span) occ.resize(col + col_span, 0);
        std::fill(occ.begin() + col, occ.begin() + col + col_span, 1);
      }
    }
    skip_covered();
    const int first_line = static_cast<int>(std::max(0L, xmlGetLineNo(tr)));
    if (first_line > 0) SetLines(&row, first_line, std::max(first_line, LastLine(tr)));
    if (!row.empty()) table.rows.push_back(std::move(row));
  }
  table.header_rows = table.rows.empty() ? 0 : 1;
  PadRows(&table);
  return table;
}

const xmlNode* FirstTable(const xmlNode* node) {
  for (; node; node = node->next) {
    if (IsElement(node, "table")) return node;
    if (const xmlNode* found = FirstTable(node->children)) return found;
  }
  return nullptr;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

}  // namespace

bool LooksLikeHtmlDocument(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  while (true) {
    const size_t start = text.find_first_not_of(" \t\r\n\f");
    if (start == std::string_view::npos) return false;
    text.remove_prefix(start);
    if (!text.starts_with("<!--")) break;
    const size_t end = text.find("-->");
    if (end == std::string_view::npos) return false;
    text.remove_prefix(end + 3);
  }
  for (std::string_view prefix : {"<!doctype html", "<html", "<head", "<body", "<meta"}) {
    if (StartsWithNoCase(text, prefix)) return true;
  }
  return false;
}

std::string HtmlToText(std::string_view html) {
  // libxml2 drops C0 control characters (not allowed in HTML), but TCVN3
  // puts capitals there (0x02 is "Ụ"), and a legacy text is repaired after
  // this conversion when its other letters were entities. They cross the
  // parser as private-use characters U+F700 + byte.
  std::string guarded;
  guarded.reserve(html.size());
  for (char c : html) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x01 && b < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
      AppendUtf8(kControlGuard + b, &guarded);
    } else {
      guarded.push_back(c);
    }
  }
  DocPtr doc = ParseHtmlDocument(guarded);
  if (!doc) return std::string(html);
  LineWriter writer;
  // The root's siblings too: a document may hold comments around <html>.
  xmlNode root_parent{};
  root_parent.children = doc->children;
  Walk(&root_parent, /*in_cell=*/false, 0, &writer);
  std::vector<std::string> lines = writer.Take();
  // Leading and trailing blank lines say nothing.
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  size_t first = 0;
  while (first < lines.size() && lines[first].empty()) ++first;
  std::string text;
  for (size_t i = first; i < lines.size(); ++i) {
    for (size_t pos = 0; pos < lines[i].size();) {
      const size_t start = pos;
      const char32_t c = NextCodePoint(lines[i], &pos);
      if (c > kControlGuard && c < kControlGuard + 0x20) {
        text.push_back(static_cast<char>(c - kControlGuard));
      } else {
        text.append(lines[i], start, pos - start);
      }
    }
    text.push_back('\n');
  }
  return text;
}

Table ParseHtmlTable(std::string_view html) {
  DocPtr doc = ParseHtmlDocument(html);
  const xmlNode* table_node = doc ? FirstTable(doc->children) : nullptr;
  if (!table_node) {
    Table empty;
    empty.format = TableFormat::kHtml;
    return empty;
  }
  return BuildTable(table_node);
}

}  // namespace vnplan::table
