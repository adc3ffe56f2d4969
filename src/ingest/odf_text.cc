#include "ingest/odf_text.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ingest/legacy_fonts.h"
#include "ingest/office_lines.h"
#include "ingest/xml_parts.h"
#include "ingest/zip_package.h"

namespace vnplan::ingest {
namespace {

using xml::Attribute;
using xml::Child;
using xml::Is;
using xml::Name;

// Word and Writer tables have at most 63 columns.
constexpr size_t kMaxTextTableColumns = 64;

// Counts as large as the format allows (a million rows) move positions;
// a long is wide enough for any sum of them.
constexpr int kMaxCount = 1 << 30;

// ---- styles -------------------------------------------------------------------

// Fonts and sheet visibility from the styles of styles.xml and content.xml.
class OdfStyles {
 public:
  // Reads the font faces and styles under `root` (office:document-styles or
  // office:document-content); later calls override earlier ones.
  void Load(const xmlNode* root) {
    if (!root) return;
    if (const xmlNode* faces = Child(root, "font-face-decls")) {
      for (const xmlNode* f = faces->children; f; f = f->next) {
        if (!Is(f, "font-face")) continue;
        const std::string family = Attribute(f, "font-family");
        faces_[Attribute(f, "name")] = family.empty() ? Attribute(f, "name") : family;
      }
    }
    for (const char* group : {"styles", "automatic-styles"}) {
      const xmlNode* styles = Child(root, group);
      if (!styles) continue;
      for (const xmlNode* s = styles->children; s; s = s->next) {
        const std::string family = Attribute(s, "family");
        if (Is(s, "default-style")) {
          defaults_[family] = FontOf(s);
        } else if (Is(s, "style")) {
          Style& style = by_name_[family + "/" + Attribute(s, "name")];
          style = {FontOf(s), Attribute(s, "parent-style-name"), Attribute(s, "master-page-name"),
                   false};
          style.hidden = Attribute(Child(s, "table-properties"), "display") == "false";
        }
      }
    }
    if (const xmlNode* masters = Child(root, "master-styles")) {
      for (const xmlNode* m = masters->children; m; m = m->next) {
        if (!Is(m, "master-page")) continue;
        masters_.emplace(Attribute(m, "name"), m);
        if (!first_master_) first_master_ = m;
      }
    }
  }

  // The header printed on the first page of the text `body` (office:text):
  // the master page its first paragraph or table asks for (through its
  // style), else "Standard", else the first master page; its first-page
  // header (ODF 1.3, LibreOffice's "same content on first page" off) if it
  // has one, else its header. Null when there is none or it is hidden.
  // The node lives as long as the parts passed to Load.
  const xmlNode* FirstPageHeader(const xmlNode* body) const {
    std::string master;
    for (const xmlNode* c = body->children; c && master.empty(); c = c->next) {
      const std::string_view name = Name(c);
      if (name != "p" && name != "h" && name != "table") continue;
      auto it = by_name_.find((name == "table" ? "table/" : "paragraph/") +
                              Attribute(c, "style-name"));
      if (it != by_name_.end()) master = it->second.master_page;
      break;
    }
    auto it = masters_.find(master.empty() ? std::string("Standard") : master);
    const xmlNode* page = it != masters_.end() ? it->second : first_master_;
    for (const char* kind : {"header-first", "header"}) {
      const xmlNode* header = Child(page, kind);
      if (header && Attribute(header, "display") != "false") return header;
    }
    return nullptr;
  }

  // The font style `name` of `family` sets, itself or through its parents;
  // empty if none does. The name of a font face is resolved to its family.
  std::string Font(const std::string& family, std::string name) const {
    for (int depth = 0; depth < 16 && !name.empty(); ++depth) {
      auto it = by_name_.find(family + "/" + name);
      if (it == by_name_.end()) break;
      if (!it->second.font.empty()) return Resolve(it->second.font);
      name = it->second.parent;
    }
    return {};
  }
  // The font of the default style of `family`; empty if none.
  std::string DefaultFont(const std::string& family) const {
    auto it = defaults_.find(family);
    return it == defaults_.end() ? std::string() : Resolve(it->second);
  }
  bool HiddenTable(const std::string& name) const {
    auto it = by_name_.find("table/" + name);
    return it != by_name_.end() && it->second.hidden;
  }

 private:
  struct Style {
    std::string font, parent, master_page;
    bool hidden = false;
  };
  // style:font-name names a font face; fo:font-family is the family.
  static std::string FontOf(const xmlNode* style) {
    const xmlNode* props = Child(style, "text-properties");
    std::string font = Attribute(props, "font-name");
    if (!font.empty()) return font;
    font = Attribute(props, "font-family");
    return font.empty() ? std::string() : "=" + font;
  }
  std::string Resolve(const std::string& font) const {
    if (font.starts_with("=")) return font.substr(1);
    auto it = faces_.find(font);
    return it == faces_.end() ? font : it->second;
  }
  std::unordered_map<std::string, std::string> faces_, defaults_;
  std::unordered_map<std::string, Style> by_name_;
  std::unordered_map<std::string, const xmlNode*> masters_;
  const xmlNode* first_master_ = nullptr;
};

// ---- body ---------------------------------------------------------------------

// Text with '\n' only at line breaks: XML white space in text is a space.
std::string Spaced(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return text;
}

class OdfReader {
 public:
  explicit OdfReader(const OdfStyles& styles) : styles_(styles) {}

  // Appends the lines of the block-level content under `node`; `font` is
  // the font its paragraphs inherit (a cell's), empty outside cells.
  void Blocks(const xmlNode* node, const std::string& font, std::vector<std::string>* lines) {
    for (const xmlNode* c = node->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      const std::string_view name = Name(c);
      if (name == "p" || name == "h") {
        Paragraph(c, font, lines);
      } else if (name == "table") {
        Table(c, font, lines);
      } else if (name == "list" || name == "list-item" || name == "list-header" ||
                 name == "section" || name == "index-body" || name == "text-box") {
        Blocks(c, font, lines);
      } else if (name == "frame" || name == "g" || name == "custom-shape" || name == "rect") {
        std::vector<const xmlNode*> boxes;  // drawings anchored to the page
        Frames(c, &boxes);
        for (const xmlNode* box : boxes) Blocks(box, font, lines);
      } else if (const xmlNode* body = Child(c, "index-body")) {
        Blocks(body, font, lines);  // table of contents and other indexes
      }
      // Anything else: tracked changes (deleted text), comments, forms,
      // declarations.
    }
  }

  // The sheets of office:spreadsheet, in order.
  void Sheets(const xmlNode* spreadsheet, std::vector<std::string>* lines) {
    for (const xmlNode* t = spreadsheet->children; t; t = t->next) {
      if (!Is(t, "table") || styles_.HiddenTable(Attribute(t, "style-name"))) continue;
      std::vector<SheetRow> rows;
      for (Row& row : Rows(t, "")) rows.push_back({row.row, std::move(row.cells)});
      std::vector<std::string> sheet;
      AppendSheet(rows, &sheet);
      if (sheet.empty()) continue;
      if (!lines->empty()) lines->emplace_back();
      lines->insert(lines->end(), sheet.begin(), sheet.end());
    }
  }

  int legacy_runs() const { return legacy_runs_; }

 private:
  void Paragraph(const xmlNode* p, const std::string& inherited, std::vector<std::string>* lines) {
    std::string font = styles_.Font("paragraph", Attribute(p, "style-name"));
    if (font.empty()) font = inherited;
    if (font.empty()) font = styles_.DefaultFont("paragraph");
    LegacyText runs;
    std::vector<const xmlNode*> boxes;
    Inline(p, font, &runs, &boxes);
    AppendParagraph(runs.Finish(&legacy_runs_), lines);
    for (const xmlNode* box : boxes) Blocks(box, inherited, lines);
  }

  void Inline(const xmlNode* node, const std::string& font, LegacyText* runs,
              std::vector<const xmlNode*>* boxes) {
    const FontCode code = ClassifyFont(font);
    for (const xmlNode* c = node->children; c; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        if (c->content) runs->Add(code, Spaced(reinterpret_cast<const char*>(c->content)));
        continue;
      }
      if (c->type != XML_ELEMENT_NODE) continue;
      const std::string_view name = Name(c);
      if (name == "s" || name == "tab") {
        // Runs of spaces collapse in the output: one stands for c="N".
        runs->Add(code, " ");
      } else if (name == "line-break") {
        runs->Add(code, "\n");
      } else if (name == "span") {
        const std::string inner = styles_.Font("text", Attribute(c, "style-name"));
        Inline(c, inner.empty() ? font : inner, runs, boxes);
      } else if (name == "frame" || name == "g" || name == "custom-shape" || name == "rect") {
        Frames(c, boxes);
      } else if (name == "note" || name == "annotation" || name == "annotation-end" ||
                 name == "change" || name == "change-start" || name == "change-end" ||
                 name == "ruby-text" || name == "soft-page-break") {
        continue;  // footnotes, comments, change marks, ruby annotations
      } else {
        Inline(c, font, runs, boxes);  // links, fields, ruby bases, meta, ...
      }
    }
  }

  // The text of a drawing: a frame's first draw:text-box (the others are
  // alternatives of the same content), a shape's own paragraphs, the
  // frames of a group.
  static void Frames(const xmlNode* node, std::vector<const xmlNode*>* boxes) {
    if (Is(node, "custom-shape") || Is(node, "rect")) {
      boxes->push_back(node);
      return;
    }
    if (const xmlNode* box = Child(node, "text-box")) {
      boxes->push_back(box);
      return;
    }
    for (const xmlNode* c = node->children; c; c = c->next) {
      if (Is(c, "frame") || Is(c, "g") || Is(c, "custom-shape") || Is(c, "rect") || Is(c, "a")) {
        Frames(c, boxes);
      }
    }
  }

  // A table row as read: cells with text by column (trailing empty ones
  // left out), how many columns the row has, and one past the last column
  // a cell with text spans.
  struct Row {
    long row = 0;
    std::vector<std::string> cells;
    long columns = 0;
    long content_end = 0;
  };

  // The rows with text of a table: table-row elements, also inside header
  // rows, row groups and table-rows. `font` is inherited by cells that set
  // none.
  std::vector<Row> Rows(const xmlNode* table, const std::string& font,
                        size_t* declared_columns = nullptr) {
    std::vector<std::string> column_styles;
    CollectColumns(table, &column_styles);
    if (declared_columns) *declared_columns = column_styles.size();
    std::vector<const xmlNode*> trs;
    CollectRows(table, &trs);
    std::vector<Row> rows;
    long index = 0;
    for (const xmlNode* tr : trs) {
      const int repeat = std::max(1, xml::IntAttribute(tr, "number-rows-repeated", 1, kMaxCount));
      Row row = Cells(tr, column_styles, font);
      row.row = index;
      index += repeat;
      if (row.cells.empty()) continue;
      size_t bytes = row.cells.size();
      for (const std::string& cell : row.cells) bytes += cell.size();
      const long copies = 1 + ExtraCopies(repeat, bytes);
      for (long k = 0; k < copies; ++k) {
        rows.push_back(row);
        ++row.row;
      }
    }
    return rows;
  }

  static void CollectRows(const xmlNode* node, std::vector<const xmlNode*>* out) {
    for (const xmlNode* c = node->children; c; c = c->next) {
      if (Is(c, "table-row")) {
        out->push_back(c);
      } else if (Is(c, "table-header-rows") || Is(c, "table-rows") || Is(c, "table-row-group")) {
        CollectRows(c, out);
      }
    }
  }

  // Each column's default cell style, up to kMaxColumns.
  static void CollectColumns(const xmlNode* node, std::vector<std::string>* out) {
    for (const xmlNode* c = node->children; c; c = c->next) {
      if (Is(c, "table-column")) {
        const int repeat = xml::IntAttribute(c, "number-columns-repeated", 1, kMaxColumns);
        for (int k = 0; k < repeat && out->size() < static_cast<size_t>(kMaxColumns); ++k) {
          out->push_back(Attribute(c, "default-cell-style-name"));
        }
      } else if (Is(c, "table-columns") || Is(c, "table-header-columns") ||
                 Is(c, "table-column-group")) {
        CollectColumns(c, out);
      }
    }
  }

  // A row's cells by column. A spanning cell is followed by empty cells
  // (the covered cells a writer puts there, or added here if it did not).
  Row Cells(const xmlNode* tr, const std::vector<std::string>& column_styles,
            const std::string& inherited) {
    Row row;
    long column = 0, covered_until = 0;
    for (const xmlNode* tc = tr->children; tc; tc = tc->next) {
      const bool covered = Is(tc, "covered-table-cell");
      if (!covered && !Is(tc, "table-cell")) continue;
      const long repeat =
          std::max(1, xml::IntAttribute(tc, "number-columns-repeated", 1, kMaxCount));
      if (covered) {
        column += repeat;
        continue;
      }
      column = std::max(column, covered_until);
      if (column >= kMaxColumns) break;
      std::string style = Attribute(tc, "style-name");
      if (style.empty() && column < static_cast<long>(column_styles.size())) {
        style = column_styles[column];
      }
      std::string font = styles_.Font("table-cell", style);
      if (font.empty()) font = inherited;
      if (font.empty()) font = styles_.DefaultFont("table-cell");
      std::vector<std::string> lines;
      Blocks(tc, font, &lines);
      const std::string text = CellLine(lines);
      const long span = std::max(1, xml::IntAttribute(tc, "number-columns-spanned", 1, kMaxCount));
      if (!text.empty()) {
        const long end = std::min<long>(column + 1 + ExtraCopies(repeat, text.size()), kMaxColumns);
        row.cells.resize(end);
        for (long k = column; k < end; ++k) row.cells[k] = text;
        row.content_end = std::max(row.content_end, std::min<long>(end - 1 + span, kMaxColumns));
      }
      covered_until = column + span;
      column += repeat;
    }
    row.columns = std::min<long>(std::max(column, covered_until), kMaxColumns);
    return row;
  }

  // A text table: each row with its own columns, up to the table's
  // declared columns or, when it declares more than kMaxTextTableColumns
  // (a table pasted from Calc carries 1024), the last column any row has
  // text in.
  void Table(const xmlNode* table, const std::string& font, std::vector<std::string>* lines) {
    size_t declared = 0;
    const std::vector<Row> rows = Rows(table, font, &declared);
    long width = declared <= kMaxTextTableColumns ? static_cast<long>(declared) : 0;
    for (const Row& row : rows) width = std::max(width, row.content_end);
    for (const Row& row : rows) {
      std::vector<std::string> cells = row.cells;
      cells.resize(std::min(row.columns, width));
      AppendRow(cells, lines);
    }
  }

  // How many of `repeat` copies of something `bytes` long to add after the
  // first: at most kMaxRepeat - 1, and no more than the document's budget
  // of repeated text left.
  long ExtraCopies(long repeat, size_t bytes) {
    long extra = std::min<long>(repeat, kMaxRepeat) - 1;
    extra =
        std::min<long>(extra, static_cast<long>(repeat_bytes_left_ / std::max<size_t>(bytes, 1)));
    extra = std::max(extra, 0L);
    repeat_bytes_left_ -= static_cast<size_t>(extra) * std::max<size_t>(bytes, 1);
    return extra;
  }

  const OdfStyles& styles_;
  int legacy_runs_ = 0;
  size_t repeat_bytes_left_ = kMaxRepeatBytes;
};

// The text of a document whose body is under `content_root`
// (office:document-content, or a flat document's office:document), its
// styles in `styles_root` (office:document-styles; may be null) and under
// `content_root`.
Result<OfficeText> DocumentText(const xmlNode* content_root, const xmlNode* styles_root,
                                std::string_view part) {
  const xmlNode* body = Child(content_root, "body");
  const xmlNode* text = Child(body, "text");
  const xmlNode* spreadsheet = text ? nullptr : Child(body, "spreadsheet");
  if (!text && !spreadsheet) {
    if (!content_root) {
      return MakeError(ErrorCode::kInputError, std::string(part) + " is not well-formed XML");
    }
    if (Child(body, "presentation") || Child(body, "drawing")) {
      return MakeError(ErrorCode::kInputError,
                       "an OpenDocument presentation or drawing, not a text document or "
                       "spreadsheet; save it as .odt or PDF");
    }
    return MakeError(ErrorCode::kInputError, std::string(part) +
                                                 " has no office:body with office:text or "
                                                 "office:spreadsheet");
  }
  OdfStyles styles;
  styles.Load(styles_root);
  styles.Load(content_root);
  OdfReader reader(styles);
  std::vector<std::string> lines;
  if (text) {
    if (const xmlNode* header = styles.FirstPageHeader(text)) {
      std::vector<std::string> header_lines;
      reader.Blocks(header, "", &header_lines);
      AppendHeader(std::move(header_lines), &lines);
    }
    reader.Blocks(text, "", &lines);
  } else {
    reader.Sheets(spreadsheet, &lines);
  }
  return OfficeText{JoinLines(lines), text ? "odt" : "ods", reader.legacy_runs()};
}

}  // namespace

Result<OfficeText> OdfToText(std::string_view content_xml, std::string_view styles_xml) {
  xml::DocPtr content = xml::Parse(content_xml);
  xml::DocPtr styles = xml::Parse(styles_xml);
  return DocumentText(xml::Root(content), xml::Root(styles), "content.xml");
}

bool LooksLikeFlatOdf(std::string_view head) {
  head = head.substr(0, 4096);
  if (head.find("urn:oasis:names:tc:opendocument:xmlns:office:1.0") == std::string_view::npos) {
    return false;
  }
  // The first element, past the XML declaration, processing instructions,
  // comments and a doctype.
  size_t at = 0;
  while ((at = head.find('<', at)) != std::string_view::npos) {
    if (head.substr(at, 2) == "<?" || head.substr(at, 2) == "<!") {
      ++at;
      continue;
    }
    const size_t end = head.find_first_of(" \t\r\n/>", at + 1);
    if (end == std::string_view::npos) return false;
    std::string_view name = head.substr(at + 1, end - at - 1);
    if (const size_t colon = name.find(':'); colon != std::string_view::npos) {
      name = name.substr(colon + 1);
    }
    return name == "document";
  }
  return false;
}

Result<OfficeText> FlatOdfToText(std::string_view xml_text) {
  xml::DocPtr doc = xml::Parse(xml_text);
  const xmlNode* root = xml::Root(doc);
  if (root && !Is(root, "document")) {
    return MakeError(ErrorCode::kInputError, "an XML file that is not a flat OpenDocument file");
  }
  return DocumentText(root, nullptr, "the flat OpenDocument file");
}

Result<OfficeText> ReadOdfPackage(const ZipPackage& zip) {
  if (auto manifest = zip.Read("META-INF/manifest.xml")) {
    if (manifest->find("encryption-data") != std::string::npos) {
      return MakeError(ErrorCode::kInputError,
                       "a password-protected OpenDocument file (its content is encrypted); "
                       "save it without a password");
    }
  }
  auto content = zip.Read("content.xml");
  if (!content) return std::unexpected(content.error());
  auto styles = zip.Read("styles.xml");
  return OdfToText(*content, styles ? std::string_view(*styles) : std::string_view());
}

}  // namespace vnplan::ingest
