#include "ingest/docx_text.h"

#include <string>
#include <string_view>
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

// Word tables have at most 63 columns: larger spans are corrupt and capped.
constexpr int kMaxSpan = 1000;

// The font named by an rFonts element: the one for ASCII, else the one for
// the rest of Latin (theme fonts are modern Unicode fonts: empty).
std::string FontOf(const xmlNode* rpr) {
  const xmlNode* fonts = Child(rpr, "rFonts");
  std::string font = Attribute(fonts, "ascii");
  return font.empty() ? Attribute(fonts, "hAnsi") : font;
}

// Fonts from word/styles.xml.
class Styles {
 public:
  explicit Styles(const xmlNode* root) {
    if (!root) return;
    if (const xmlNode* defaults = Child(root, "docDefaults")) {
      default_font_ = FontOf(Child(Child(defaults, "rPrDefault"), "rPr"));
    }
    for (const xmlNode* s = root->children; s; s = s->next) {
      if (!Is(s, "style")) continue;
      const std::string id = Attribute(s, "styleId");
      Style& style = by_id_[id];
      style.font = FontOf(Child(s, "rPr"));
      style.based_on = Attribute(Child(s, "basedOn"), "val");
      if (Attribute(s, "type") == "paragraph" && Attribute(s, "default") == "1") {
        default_paragraph_ = id;
      }
    }
  }
  // The font a style sets, itself or through the styles it is based on.
  std::string StyleFont(std::string id) const {
    for (int depth = 0; depth < 16 && !id.empty(); ++depth) {
      auto it = by_id_.find(id);
      if (it == by_id_.end()) break;
      if (!it->second.font.empty()) return it->second.font;
      id = it->second.based_on;
    }
    return {};
  }
  // A run's font: its own, its character style's, its paragraph style's
  // (or the default paragraph style's), the document default.
  std::string RunFont(const xmlNode* rpr, const std::string& paragraph_style) const {
    std::string font = FontOf(rpr);
    if (font.empty()) font = StyleFont(Attribute(Child(rpr, "rStyle"), "val"));
    if (font.empty())
      font = StyleFont(paragraph_style.empty() ? default_paragraph_ : paragraph_style);
    return font.empty() ? default_font_ : font;
  }

 private:
  struct Style {
    std::string font, based_on;
  };
  std::unordered_map<std::string, Style> by_id_;
  std::string default_font_, default_paragraph_;
};

// ---- text ---------------------------------------------------------------------

class BodyReader {
 public:
  explicit BodyReader(const Styles& styles) : styles_(styles) {}

  // Appends the lines of the block-level content under `node`.
  void Blocks(const xmlNode* node, std::vector<std::string>* lines) {
    for (const xmlNode* c = node->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      const std::string_view name = Name(c);
      if (name == "p") {
        Paragraph(c, lines);
      } else if (name == "tbl") {
        Table(c, lines);
      } else if (name == "sdt") {
        if (const xmlNode* content = Child(c, "sdtContent")) Blocks(content, lines);
      } else if (name == "customXml" || name == "ins" || name == "txbxContent") {
        Blocks(c, lines);
      }
    }
  }

  int legacy_runs() const { return legacy_runs_; }

 private:
  void Paragraph(const xmlNode* p, std::vector<std::string>* lines) {
    const std::string style = Attribute(Child(Child(p, "pPr"), "pStyle"), "val");
    LegacyText runs;
    std::vector<const xmlNode*> boxes;  // text boxes anchored here
    Inline(p, style, &runs, &boxes);
    const std::string text = runs.Finish(&legacy_runs_);
    AppendParagraph(text, lines);
    for (const xmlNode* box : boxes) Blocks(box, lines);
  }

  // Runs and what wraps them (hyperlinks, insertions, fields, content
  // controls, smart tags) inside a paragraph.
  void Inline(const xmlNode* node, const std::string& style, LegacyText* runs,
              std::vector<const xmlNode*>* boxes) {
    for (const xmlNode* c = node->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      const std::string_view name = Name(c);
      if (name == "r") {
        Run(c, style, runs, boxes);
      } else if (name == "del" || name == "moveFrom" || name == "pPr" || name == "rPr") {
        continue;  // deleted revisions, properties
      } else if (name == "sdt") {
        if (const xmlNode* content = Child(c, "sdtContent")) Inline(content, style, runs, boxes);
      } else {
        Inline(c, style, runs, boxes);  // hyperlink, ins, fldSimple, smartTag, ...
      }
    }
  }

  void Run(const xmlNode* r, const std::string& style, LegacyText* runs,
           std::vector<const xmlNode*>* boxes) {
    const FontCode code = ClassifyFont(styles_.RunFont(Child(r, "rPr"), style));
    std::string text;
    RunContent(r, &text, boxes);
    runs->Add(code, text);
  }

  void RunContent(const xmlNode* node, std::string* text, std::vector<const xmlNode*>* boxes) {
    for (const xmlNode* c = node->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      const std::string_view name = Name(c);
      if (name == "t") {
        for (const xmlNode* t = c->children; t; t = t->next) {
          if (t->content) *text += reinterpret_cast<const char*>(t->content);
        }
      } else if (name == "tab" || name == "ptab") {
        text->push_back(' ');
      } else if (name == "br" || name == "cr") {
        text->push_back('\n');
      } else if (name == "noBreakHyphen") {
        text->push_back('-');
      } else if (name == "txbxContent") {
        boxes->push_back(c);
      } else if (name == "Fallback" || name == "rPr" || name == "delText" || name == "instrText") {
        continue;  // VML copy of a drawing (the Choice holds it), properties, field codes
      } else {
        RunContent(c, text, boxes);  // drawing, pict, AlternateContent/Choice, ...
      }
    }
  }

  // A cell's text on one line; a nested table is flattened.
  std::string CellText(const xmlNode* tc) {
    std::vector<std::string> lines;
    Blocks(tc, &lines);
    return CellLine(lines);
  }

  void Table(const xmlNode* tbl, std::vector<std::string>* lines) {
    std::vector<const xmlNode*> rows;
    CollectChildren(tbl, "tr", &rows);
    for (const xmlNode* tr : rows) {
      std::vector<std::string> cells(
          xml::IntAttribute(Child(Child(tr, "trPr"), "gridBefore"), "val", 0, kMaxSpan));
      std::vector<const xmlNode*> tcs;
      CollectChildren(tr, "tc", &tcs);
      for (const xmlNode* tc : tcs) {
        cells.push_back(CellText(tc));
        const int span =
            xml::IntAttribute(Child(Child(tc, "tcPr"), "gridSpan"), "val", 1, kMaxSpan);
        for (int k = 1; k < span; ++k) cells.emplace_back();
      }
      AppendRow(cells, lines);
    }
  }

  // The `name` elements among the children of `node`, also inside content
  // controls and custom XML (a table's rows, a row's cells).
  static void CollectChildren(const xmlNode* node, std::string_view name,
                              std::vector<const xmlNode*>* out) {
    for (const xmlNode* c = node->children; c; c = c->next) {
      if (Is(c, name)) {
        out->push_back(c);
      } else if (Is(c, "sdt") || Is(c, "sdtContent") || Is(c, "customXml")) {
        CollectChildren(c, name, out);
      }
    }
  }

  const Styles& styles_;
  int legacy_runs_ = 0;
};

// The first section's properties: the first w:sectPr in document order (a
// paragraph's, which ends a section, or the body's, the last section's).
const xmlNode* FirstSection(const xmlNode* body) {
  for (const xmlNode* c = body->children; c; c = c->next) {
    if (Is(c, "sectPr")) return c;
    if (Is(c, "p")) {
      if (const xmlNode* section = Child(Child(c, "pPr"), "sectPr")) return section;
    }
  }
  return nullptr;
}

// The relationship id of the header printed on the first page: the first
// section's "first" header when it has a distinct title page (w:titlePg),
// else its "default" header; empty when it has none.
std::string FirstPageHeaderId(const xmlNode* body) {
  const xmlNode* section = FirstSection(body);
  if (!section) return {};
  bool title_page = false;
  if (const xmlNode* title = Child(section, "titlePg")) {
    const std::string val = Attribute(title, "val");
    title_page = val != "0" && val != "false" && val != "off";
  }
  const std::string wanted = title_page ? "first" : "default";
  for (const xmlNode* c = section->children; c; c = c->next) {
    if (Is(c, "headerReference") && Attribute(c, "type") == wanted) return Attribute(c, "id");
  }
  return {};
}

}  // namespace

Result<OfficeText> DocxToText(std::string_view document_xml, std::string_view styles_xml,
                              const RelatedPartReader& read_related) {
  xml::DocPtr doc = xml::Parse(document_xml);
  const xmlNode* body = Child(xml::Root(doc), "body");
  if (!body) {
    return MakeError(ErrorCode::kInputError, doc ? "word/document.xml has no w:body"
                                                 : "word/document.xml is not well-formed XML");
  }
  xml::DocPtr styles_doc = xml::Parse(styles_xml);
  const Styles styles(xml::Root(styles_doc));
  BodyReader reader(styles);
  std::vector<std::string> lines;
  // The first page's header (a letterhead kept there), before the body;
  // its lines without a letter (a page number) are left out.
  const std::string header_id = read_related ? FirstPageHeaderId(body) : std::string();
  if (!header_id.empty()) {
    if (std::optional<std::string> header_xml = read_related(header_id)) {
      xml::DocPtr header = xml::Parse(*header_xml);
      if (const xmlNode* root = xml::Root(header); root && Is(root, "hdr")) {
        std::vector<std::string> header_lines;
        reader.Blocks(root, &header_lines);
        AppendHeader(std::move(header_lines), &lines);
      }
    }
  }
  reader.Blocks(body, &lines);
  return OfficeText{JoinLines(lines), "docx", reader.legacy_runs()};
}

Result<OfficeText> ReadDocxPackage(const ZipPackage& zip, const std::string& document) {
  auto document_xml = zip.Read(document);
  if (!document_xml) return std::unexpected(document_xml.error());
  std::string styles = FolderOf(document) + "styles.xml";
  std::vector<Relationship> related;
  if (auto rels = zip.Read(RelationshipsPartOf(document))) {
    related = Relationships(*rels, FolderOf(document));
    const std::string target = RelationshipTarget(*rels, "/styles", FolderOf(document));
    if (!target.empty()) styles = target;
  }
  auto styles_xml = zip.Read(styles);
  const RelatedPartReader read_related =
      [&](const std::string& id) -> std::optional<std::string> {
    for (const Relationship& r : related) {
      if (r.id != id) continue;
      auto part = zip.Read(r.target);
      if (part) return std::move(*part);
      return std::nullopt;
    }
    return std::nullopt;
  };
  return DocxToText(*document_xml, styles_xml ? std::string_view(*styles_xml) : std::string_view(),
                    read_related);
}

Result<OfficeText> ReadDocx(const std::filesystem::path& path) {
  auto zip = ZipPackage::Open(path);
  if (!zip) return std::unexpected(zip.error());
  std::string document = "word/document.xml";
  if (auto rels = zip->Read("_rels/.rels")) {
    const std::string target = RelationshipTarget(*rels, "/officeDocument", "");
    if (!target.empty()) document = target;
  }
  if (!zip->Has(document)) {
    return MakeError(ErrorCode::kInputError,
                     "a ZIP archive without " + document +
                         ": not a Word .docx (an .xlsx, .odt or other archive?); save it as "
                         ".docx, PDF, HTML or CSV");
  }
  return ReadDocxPackage(*zip, document);
}

}  // namespace vnplan::ingest
