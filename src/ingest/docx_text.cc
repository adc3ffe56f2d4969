#include "ingest/docx_text.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/utf8.h"
#include "text/legacy_encoding.h"
#include "text/vietnamese.h"

namespace vnplan::ingest {
namespace {

constexpr zip_uint64_t kMaxPartBytes = zip_uint64_t{256} << 20;

// ---- libxml2 adapter --------------------------------------------------------

struct XmlDocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocDeleter>;

// Parses an XML part; null when it is not well formed. No network, no
// external entities.
XmlDocPtr ParseXml(std::string_view xml) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  if (xml.empty() || xml.size() > INT_MAX) return nullptr;
  return XmlDocPtr(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "part.xml", nullptr,
                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
}

// Local names: WordprocessingML comes in two namespaces (transitional and
// strict) with the same names, so elements are matched by local name.
std::string_view Name(const xmlNode* node) {
  return node->name ? reinterpret_cast<const char*>(node->name) : "";
}

bool Is(const xmlNode* node, std::string_view name) {
  return node->type == XML_ELEMENT_NODE && Name(node) == name;
}

const xmlNode* Child(const xmlNode* node, std::string_view name) {
  if (!node) return nullptr;
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (Is(c, name)) return c;
  }
  return nullptr;
}

// An attribute by local name ("w:val" -> "val"); empty if absent.
std::string Attribute(const xmlNode* node, std::string_view name) {
  if (!node) return {};
  for (const xmlAttr* a = node->properties; a; a = a->next) {
    if (a->name && name == reinterpret_cast<const char*>(a->name) && a->children &&
        a->children->content) {
      return reinterpret_cast<const char*>(a->children->content);
    }
  }
  return {};
}

int IntAttribute(const xmlNode* node, std::string_view name, int fallback) {
  const std::string v = Attribute(node, name);
  if (v.empty() || !std::isdigit(static_cast<unsigned char>(v[0]))) return fallback;
  return std::clamp(std::atoi(v.c_str()), 0, 1000);
}

// ---- fonts --------------------------------------------------------------------

enum class FontCode { kUnicode, kTcvn3, kTcvn3Capitals, kVni };

// .VnTime, .VnArial ... are TCVN3 (a trailing H: the capitals font,
// .VnTimeH); VNI-Times, VNI-Helve ... are VNI.
FontCode ClassifyFont(std::string_view font) {
  std::string lower(font);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (lower.starts_with(".vn")) {
    return font.ends_with("H") ? FontCode::kTcvn3Capitals : FontCode::kTcvn3;
  }
  if (lower.starts_with("vni-") || lower.starts_with("vni ")) return FontCode::kVni;
  return FontCode::kUnicode;
}

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
    if (font.empty()) font = StyleFont(paragraph_style.empty() ? default_paragraph_ : paragraph_style);
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

// `text` (the Windows-1252 characters Word stored for a legacy font's
// bytes) decoded from `code`; unchanged when a character has no byte.
std::string DecodeLegacy(std::string_view text, FontCode code) {
  std::string bytes;
  for (size_t pos = 0; pos < text.size();) {
    const int b = text::Cp1252ByteOf(NextCodePoint(text, &pos));
    if (b < 0) return std::string(text);
    bytes.push_back(static_cast<char>(b));
  }
  auto decoded =
      text::Decode(bytes, code == FontCode::kVni ? text::Encoding::kVni : text::Encoding::kTcvn3);
  if (!decoded) return std::string(text);
  return code == FontCode::kTcvn3Capitals ? text::ToUpper(*decoded) : *decoded;
}

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
  struct Piece {
    FontCode code;
    std::string text;
  };

  void Paragraph(const xmlNode* p, std::vector<std::string>* lines) {
    const std::string style = Attribute(Child(Child(p, "pPr"), "pStyle"), "val");
    std::vector<Piece> pieces;
    std::vector<const xmlNode*> boxes;  // text boxes anchored here
    Inline(p, style, &pieces, &boxes);
    // Stretches of one legacy font are decoded together: Word splits runs
    // inside words, and TCVN3 capitals are told from punctuation by the
    // whole word.
    std::string text;
    for (size_t i = 0; i < pieces.size();) {
      size_t j = i;
      std::string stretch;
      while (j < pieces.size() && pieces[j].code == pieces[i].code) stretch += pieces[j++].text;
      if (pieces[i].code != FontCode::kUnicode) {
        // Line breaks ('\n') and tabs are ASCII in every encoding.
        stretch = DecodeLegacy(stretch, pieces[i].code);
        ++legacy_runs_;
      }
      text += stretch;
      i = j;
    }
    size_t start = 0;
    for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
      lines->push_back(CollapseSpaces(std::string_view(text).substr(start, end - start)));
    }
    lines->push_back(CollapseSpaces(std::string_view(text).substr(start)));
    for (const xmlNode* box : boxes) Blocks(box, lines);
  }

  // Runs and what wraps them (hyperlinks, insertions, fields, content
  // controls, smart tags) inside a paragraph.
  void Inline(const xmlNode* node, const std::string& style, std::vector<Piece>* pieces,
              std::vector<const xmlNode*>* boxes) {
    for (const xmlNode* c = node->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      const std::string_view name = Name(c);
      if (name == "r") {
        Run(c, style, pieces, boxes);
      } else if (name == "del" || name == "moveFrom" || name == "pPr" || name == "rPr") {
        continue;  // deleted revisions, properties
      } else if (name == "sdt") {
        if (const xmlNode* content = Child(c, "sdtContent")) Inline(content, style, pieces, boxes);
      } else {
        Inline(c, style, pieces, boxes);  // hyperlink, ins, fldSimple, smartTag, ...
      }
    }
  }

  void Run(const xmlNode* r, const std::string& style, std::vector<Piece>* pieces,
           std::vector<const xmlNode*>* boxes) {
    const FontCode code = ClassifyFont(styles_.RunFont(Child(r, "rPr"), style));
    std::string text;
    RunContent(r, &text, boxes);
    if (text.empty()) return;
    if (!pieces->empty() && pieces->back().code == code) {
      pieces->back().text += text;
    } else {
      pieces->push_back({code, std::move(text)});
    }
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

  // A cell's text on one line.
  std::string CellText(const xmlNode* tc) {
    std::vector<std::string> lines;
    Blocks(tc, &lines);
    std::string text;
    for (const std::string& line : lines) {
      // A nested table's rows come as tab-separated lines: flattened.
      const std::string flat = CollapseSpaces(line);
      if (flat.empty()) continue;
      if (!text.empty()) text.push_back(' ');
      text += flat;
    }
    return text;
  }

  void Table(const xmlNode* tbl, std::vector<std::string>* lines) {
    std::vector<const xmlNode*> rows;
    CollectChildren(tbl, "tr", &rows);
    for (const xmlNode* tr : rows) {
      std::vector<std::string> cells(IntAttribute(Child(Child(tr, "trPr"), "gridBefore"), "val", 0));
      std::vector<const xmlNode*> tcs;
      CollectChildren(tr, "tc", &tcs);
      for (const xmlNode* tc : tcs) {
        cells.push_back(CellText(tc));
        const int span = IntAttribute(Child(Child(tc, "tcPr"), "gridSpan"), "val", 1);
        for (int k = 1; k < span; ++k) cells.emplace_back();
      }
      if (std::all_of(cells.begin(), cells.end(), [](const std::string& s) { return s.empty(); })) {
        continue;
      }
      std::string line;
      for (size_t i = 0; i < cells.size(); ++i) {
        if (i) line.push_back('\t');
        line += cells[i];
      }
      lines->push_back(std::move(line));
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

// ---- libzip adapter -----------------------------------------------------------

struct ZipDeleter {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipDeleter>;

struct ZipFileDeleter {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
using ZipFilePtr = std::unique_ptr<zip_file_t, ZipFileDeleter>;

// The uncompressed bytes of the archive member `name`; kInputError when
// it is missing, encrypted, corrupt or too large.
Result<std::string> ReadMember(zip_t* zip, const std::string& name) {
  const zip_int64_t index = zip_name_locate(zip, name.c_str(), 0);
  if (index < 0) return MakeError(ErrorCode::kInputError, "no " + name + " in the archive");
  zip_stat_t st;
  if (zip_stat_index(zip, static_cast<zip_uint64_t>(index), 0, &st) != 0 ||
      !(st.valid & ZIP_STAT_SIZE)) {
    return MakeError(ErrorCode::kInputError, "unreadable archive member " + name);
  }
  if (st.size > kMaxPartBytes) {
    return MakeError(ErrorCode::kInputError, name + " is larger than 256 MB uncompressed");
  }
  ZipFilePtr file(zip_fopen_index(zip, static_cast<zip_uint64_t>(index), 0));
  if (!file) {
    return MakeError(ErrorCode::kInputError,
                     "cannot open " + name + ": " + zip_strerror(zip) + " (encrypted?)");
  }
  std::string bytes(st.size, '\0');
  zip_uint64_t done = 0;
  while (done < st.size) {
    const zip_int64_t n = zip_fread(file.get(), bytes.data() + done, st.size - done);
    if (n <= 0) {
      return MakeError(ErrorCode::kInputError,
                       "corrupt archive member " + name + ": " + zip_file_strerror(file.get()));
    }
    done += static_cast<zip_uint64_t>(n);
  }
  return bytes;
}

// The target of the first relationship in `rels_xml` whose type ends with
// `type_suffix` ("/officeDocument", "/styles"), resolved against `base`
// ("" or "word/"); empty if none.
std::string RelationshipTarget(std::string_view rels_xml, std::string_view type_suffix,
                               const std::string& base) {
  XmlDocPtr doc = ParseXml(rels_xml);
  const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (!root) return {};
  for (const xmlNode* r = root->children; r; r = r->next) {
    if (!Is(r, "Relationship") || !Attribute(r, "Type").ends_with(type_suffix)) continue;
    std::string target = Attribute(r, "Target");
    if (target.starts_with("/")) return target.substr(1);
    return base + target;
  }
  return {};
}

}  // namespace

Result<DocxText> DocxToText(std::string_view document_xml, std::string_view styles_xml) {
  XmlDocPtr doc = ParseXml(document_xml);
  const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  const xmlNode* body = Child(root, "body");
  if (!body) {
    return MakeError(ErrorCode::kInputError,
                     doc ? "word/document.xml has no w:body" : "word/document.xml is not well-formed XML");
  }
  XmlDocPtr styles_doc = ParseXml(styles_xml);
  const Styles styles(styles_doc ? xmlDocGetRootElement(styles_doc.get()) : nullptr);
  BodyReader reader(styles);
  std::vector<std::string> lines;
  reader.Blocks(body, &lines);
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  size_t first = 0;
  while (first < lines.size() && lines[first].empty()) ++first;
  DocxText out;
  for (size_t i = first; i < lines.size(); ++i) {
    out.text += lines[i];
    out.text.push_back('\n');
  }
  out.legacy_runs = reader.legacy_runs();
  return out;
}

Result<DocxText> ReadDocx(const std::filesystem::path& path) {
  int error = 0;
  ZipPtr zip(zip_open(path.c_str(), ZIP_RDONLY, &error));
  if (!zip) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, error);
    std::string message = "not a readable .docx (ZIP) file: ";
    message += zip_error_strerror(&ze);
    zip_error_fini(&ze);
    return MakeError(ErrorCode::kInputError, message);
  }
  std::string document = "word/document.xml";
  if (auto rels = ReadMember(zip.get(), "_rels/.rels")) {
    const std::string target = RelationshipTarget(*rels, "/officeDocument", "");
    if (!target.empty()) document = target;
  }
  if (zip_name_locate(zip.get(), document.c_str(), 0) < 0) {
    return MakeError(ErrorCode::kInputError,
                     "a ZIP archive without " + document +
                         ": not a Word .docx (an .xlsx, .odt or other archive?); save it as "
                         ".docx, PDF, HTML or CSV");
  }
  auto document_xml = ReadMember(zip.get(), document);
  if (!document_xml) return std::unexpected(document_xml.error());
  const size_t slash = document.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : document.substr(0, slash + 1);
  std::string styles = dir + "styles.xml";
  const std::string rels_name =
      dir + "_rels/" + document.substr(slash == std::string::npos ? 0 : slash + 1) + ".rels";
  if (auto rels = ReadMember(zip.get(), rels_name)) {
    const std::string target = RelationshipTarget(*rels, "/styles", dir);
    if (!target.empty()) styles = target;
  }
  auto styles_xml = ReadMember(zip.get(), styles);
  return DocxToText(*document_xml, styles_xml ? std::string_view(*styles_xml) : std::string_view());
}

}  // namespace vnplan::ingest
