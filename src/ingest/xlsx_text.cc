#include "ingest/xlsx_text.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ingest/legacy_fonts.h"
#include "ingest/office_lines.h"
#include "ingest/xlsx_number_format.h"
#include "ingest/xml_parts.h"
#include "ingest/zip_package.h"

namespace vnplan::ingest {
namespace {

using xml::Attribute;
using xml::Child;
using xml::Is;

// Merged ranges beyond this many are ignored (their cells keep text).
constexpr size_t kMaxMerges = 10000;

// A stretch of a string in one font; an empty font is the cell's.
struct Run {
  std::string font, text;
};
using RichText = std::vector<Run>;

// The runs of a string item (si or is): plain t, or r runs with their
// rFont; phonetic guides (rPh) left out.
RichText ReadRichText(const xmlNode* item) {
  RichText runs;
  for (const xmlNode* c = item ? item->children : nullptr; c; c = c->next) {
    if (Is(c, "t")) {
      runs.push_back({"", xml::DirectText(c)});
    } else if (Is(c, "r")) {
      runs.push_back(
          {Attribute(Child(Child(c, "rPr"), "rFont"), "val"), xml::DirectText(Child(c, "t"))});
    }
  }
  return runs;
}

// The font names and number format codes of styles.xml, by cell format
// index (cellXfs).
class CellFormats {
 public:
  explicit CellFormats(const xmlNode* root) {
    std::vector<std::string> fonts;
    for (const xmlNode* f = Child(Child(root, "fonts"), "font"); f; f = f->next) {
      if (Is(f, "font")) fonts.push_back(Attribute(Child(f, "name"), "val"));
    }
    if (!fonts.empty()) default_font_ = fonts[0];
    std::unordered_map<int, std::string> custom;  // numFmtId -> formatCode
    for (const xmlNode* n = Child(Child(root, "numFmts"), "numFmt"); n; n = n->next) {
      if (Is(n, "numFmt")) {
        custom[xml::IntAttribute(n, "numFmtId", -1, 1 << 20)] = Attribute(n, "formatCode");
      }
    }
    for (const xmlNode* xf = Child(Child(root, "cellXfs"), "xf"); xf; xf = xf->next) {
      if (!Is(xf, "xf")) continue;
      const int id = xml::IntAttribute(xf, "fontId", 0, 1 << 20);
      const int number_format = xml::IntAttribute(xf, "numFmtId", 0, 1 << 20);
      const auto code = custom.find(number_format);
      by_format_.push_back({id < static_cast<int>(fonts.size()) ? fonts[id] : default_font_,
                            code != custom.end() ? code->second
                                                 : BuiltInNumberFormat(number_format)});
    }
  }
  const std::string& Font(int format) const {
    return Valid(format) ? by_format_[format].font : default_font_;
  }
  // Empty: General.
  const std::string& NumberFormat(int format) const {
    static const std::string kGeneral;
    return Valid(format) ? by_format_[format].number_format : kGeneral;
  }

 private:
  bool Valid(int format) const {
    return format >= 0 && format < static_cast<int>(by_format_.size());
  }
  struct Format {
    std::string font, number_format;
  };
  std::vector<Format> by_format_;
  std::string default_font_;
};

class SheetReader {
 public:
  SheetReader(const std::vector<RichText>& shared, const CellFormats& formats, bool date1904)
      : shared_(shared), formats_(formats), date1904_(date1904) {}

  Result<std::vector<SheetRow>> Read(std::string_view sheet_xml) {
    xml::DocPtr doc = xml::Parse(sheet_xml);
    const xmlNode* root = xml::Root(doc);
    const xmlNode* data = Child(root, "sheetData");
    if (!data) {
      return MakeError(ErrorCode::kInputError, doc ? "a worksheet without sheetData"
                                                   : "a worksheet is not well-formed XML");
    }
    std::vector<SheetRow> rows;
    long next_row = 0;
    for (const xmlNode* r = data->children; r; r = r->next) {
      if (!Is(r, "row")) continue;
      SheetRow row{next_row, {}};
      const int number = xml::IntAttribute(r, "r", 0, 1 << 20);
      if (number > 0) row.row = number - 1;
      next_row = row.row + 1;
      long next_column = 0;
      for (const xmlNode* c = r->children; c; c = c->next) {
        if (!Is(c, "c")) continue;
        long column = next_column, unused = 0;
        const std::string ref = Attribute(c, "r");
        if (!ref.empty() && !ParseCellReference(ref, &column, &unused)) continue;
        next_column = column + 1;
        if (column >= kMaxColumns) continue;
        std::string text = CellText(c);
        if (text.empty()) continue;
        if (row.cells.size() <= static_cast<size_t>(column)) row.cells.resize(column + 1);
        row.cells[column] = std::move(text);
      }
      if (!row.cells.empty()) rows.push_back(std::move(row));
    }
    std::stable_sort(rows.begin(), rows.end(),
                     [](const SheetRow& a, const SheetRow& b) { return a.row < b.row; });
    ClearMerged(Child(root, "mergeCells"), &rows);
    return rows;
  }

  int legacy_runs() const { return legacy_runs_; }

 private:
  std::string CellText(const xmlNode* c) {
    const std::string type = Attribute(c, "t");
    const int format = xml::IntAttribute(c, "s", 0, 1 << 20);
    const std::string& font = formats_.Font(format);
    RichText runs;
    if (type == "s") {
      const std::string v = xml::DirectText(Child(c, "v"));
      long index = -1;
      if (!v.empty() && v.size() < 10 &&
          std::all_of(v.begin(), v.end(), [](unsigned char d) { return std::isdigit(d); })) {
        index = std::stol(v);
      }
      if (index < 0 || index >= static_cast<long>(shared_.size())) return {};
      runs = shared_[index];
    } else if (type == "inlineStr") {
      runs = ReadRichText(Child(c, "is"));
    } else if (type.empty() || type == "n") {
      // Numbers as the cell showed them: a typed "9/2023" is a date serial.
      runs.push_back({"", FormatCellNumber(xml::DirectText(Child(c, "v")),
                                           formats_.NumberFormat(format), date1904_)});
    } else {
      runs.push_back({"", xml::DirectText(Child(c, "v"))});  // formula strings, booleans, errors
    }
    LegacyText text;
    for (const Run& run : runs) {
      text.Add(ClassifyFont(run.font.empty() ? font : run.font), run.text);
    }
    return text.Finish(&legacy_runs_);
  }

  // Empties the cells of each merged range but its first.
  static void ClearMerged(const xmlNode* merges, std::vector<SheetRow>* rows) {
    size_t count = 0;
    for (const xmlNode* m = merges ? merges->children : nullptr; m && count < kMaxMerges;
         m = m->next) {
      if (!Is(m, "mergeCell")) continue;
      ++count;
      const std::string ref = Attribute(m, "ref");
      const size_t colon = ref.find(':');
      long c1, r1, c2, r2;
      if (colon == std::string::npos ||
          !ParseCellReference(std::string_view(ref).substr(0, colon), &c1, &r1) ||
          !ParseCellReference(std::string_view(ref).substr(colon + 1), &c2, &r2)) {
        continue;
      }
      auto first = std::lower_bound(rows->begin(), rows->end(), r1,
                                    [](const SheetRow& r, long n) { return r.row < n; });
      for (auto it = first; it != rows->end() && it->row <= r2; ++it) {
        for (long col = std::max(c1, 0L); col <= c2 && col < static_cast<long>(it->cells.size());
             ++col) {
          if (it->row != r1 || col != c1) it->cells[col].clear();
        }
      }
    }
  }

  const std::vector<RichText>& shared_;
  const CellFormats& formats_;
  const bool date1904_;
  int legacy_runs_ = 0;
};

}  // namespace

bool ParseCellReference(std::string_view ref, long* column, long* row) {
  size_t i = 0;
  long col = 0, r = 0;
  while (i < ref.size() && ref[i] == '$') ++i;
  const size_t letters = i;
  while (i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i]))) {
    col = col * 26 + (std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
    if (col > 16384) return false;
    ++i;
  }
  if (i == letters) return false;
  if (i < ref.size() && ref[i] == '$') ++i;
  const size_t digits = i;
  while (i < ref.size() && std::isdigit(static_cast<unsigned char>(ref[i]))) {
    r = r * 10 + (ref[i] - '0');
    if (r > 1048576) return false;
    ++i;
  }
  if (i == digits || i != ref.size() || r == 0) return false;
  *column = col - 1;
  *row = r - 1;
  return true;
}

Result<OfficeText> XlsxToText(const std::vector<std::string>& sheets_xml,
                              std::string_view shared_strings_xml, std::string_view styles_xml,
                              bool date1904) {
  std::vector<RichText> shared;
  if (!shared_strings_xml.empty()) {
    xml::DocPtr doc = xml::Parse(shared_strings_xml);
    const xmlNode* root = xml::Root(doc);
    if (!root) {
      return MakeError(ErrorCode::kInputError, "xl/sharedStrings.xml is not well-formed XML");
    }
    for (const xmlNode* si = root->children; si; si = si->next) {
      if (Is(si, "si")) shared.push_back(ReadRichText(si));
    }
  }
  xml::DocPtr styles_doc = xml::Parse(styles_xml);
  const CellFormats formats(xml::Root(styles_doc));
  SheetReader reader(shared, formats, date1904);
  std::vector<std::string> lines;
  for (const std::string& sheet_xml : sheets_xml) {
    auto rows = reader.Read(sheet_xml);
    if (!rows) return std::unexpected(rows.error());
    std::vector<std::string> sheet;
    AppendSheet(*rows, &sheet);
    if (sheet.empty()) continue;
    if (!lines.empty()) lines.emplace_back();
    lines.insert(lines.end(), sheet.begin(), sheet.end());
  }
  return OfficeText{JoinLines(lines), "xlsx", reader.legacy_runs()};
}

Result<OfficeText> ReadXlsxPackage(const ZipPackage& zip, const std::string& workbook) {
  auto workbook_xml = zip.Read(workbook);
  if (!workbook_xml) return std::unexpected(workbook_xml.error());
  xml::DocPtr doc = xml::Parse(*workbook_xml);
  const xmlNode* sheets = Child(xml::Root(doc), "sheets");
  if (!sheets) {
    return MakeError(ErrorCode::kInputError,
                     workbook + (doc ? " lists no sheets" : " is not well-formed XML"));
  }
  const std::string dir = FolderOf(workbook);
  std::vector<Relationship> rels;
  if (auto rels_xml = zip.Read(RelationshipsPartOf(workbook))) rels = Relationships(*rels_xml, dir);
  auto target = [&](std::string_view type_suffix, const std::string& fallback) {
    for (const Relationship& r : rels) {
      if (r.type.ends_with(type_suffix)) return r.target;
    }
    return fallback;
  };
  std::vector<std::string> sheets_xml;
  for (const xmlNode* s = sheets->children; s; s = s->next) {
    if (!Is(s, "sheet")) continue;
    const std::string state = Attribute(s, "state");
    if (state == "hidden" || state == "veryHidden") continue;
    const std::string id = Attribute(s, "id");
    auto rel =
        std::find_if(rels.begin(), rels.end(), [&](const Relationship& r) { return r.id == id; });
    if (rel == rels.end()) {
      return MakeError(ErrorCode::kInputError,
                       "sheet \"" + Attribute(s, "name") + "\" has no part in the package");
    }
    if (!rel->type.ends_with("/worksheet")) continue;  // chart sheets, dialog sheets
    auto sheet = zip.Read(rel->target);
    if (!sheet) return std::unexpected(sheet.error());
    sheets_xml.push_back(std::move(*sheet));
  }
  auto shared = zip.Read(target("/sharedStrings", dir + "sharedStrings.xml"));
  auto styles = zip.Read(target("/styles", dir + "styles.xml"));
  const std::string date1904 = Attribute(Child(xml::Root(doc), "workbookPr"), "date1904");
  return XlsxToText(sheets_xml, shared ? std::string_view(*shared) : std::string_view(),
                    styles ? std::string_view(*styles) : std::string_view(),
                    date1904 == "1" || date1904 == "true");
}

}  // namespace vnplan::ingest
