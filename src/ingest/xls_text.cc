#include "ingest/xls_text.h"

#include <freexl.h>
#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-stdio.h>
#include <gsf/gsf-utils.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/utf8.h"
#include "ingest/legacy_fonts.h"
#include "ingest/office_lines.h"
#include "ingest/xlsx_number_format.h"
#include "text/encoding_repair.h"

namespace vnplan::ingest {
namespace {

constexpr char kSaveAs[] = "open it in Excel or LibreOffice and save it as .xlsx";

// Closes a FreeXL handle (FreeXL wants it closed after a failed open too).
class XlsHandle {
 public:
  XlsHandle() = default;
  XlsHandle(const XlsHandle&) = delete;
  XlsHandle& operator=(const XlsHandle&) = delete;
  ~XlsHandle() {
    if (handle_) freexl_close(handle_);
  }
  const void** out() { return &handle_; }
  const void* get() const { return handle_; }

 private:
  const void* handle_ = nullptr;
};

// Days from 1970-01-01 to the civil date (Howard Hinnant's algorithm).
long DaysFromCivil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

std::string NumberText(double v) {
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string();
}

// The date serial (1900 date system) of a FreeXL date ("2024-09-05"),
// date-time ("2024-09-05 07:30:00") or time ("07:30:00"); false when the
// text is none of these.
bool DateSerial(const char* text, unsigned char type, double* serial) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (type == FREEXL_CELL_TIME) {
    if (std::sscanf(text, "%d:%d:%d", &h, &mi, &s) != 3) return false;
    *serial = (h * 3600 + mi * 60 + s) / 86400.0;
    return true;
  }
  if (!(type == FREEXL_CELL_DATE && std::sscanf(text, "%d-%d-%d", &y, &mo, &d) == 3) &&
      !(type == FREEXL_CELL_DATETIME &&
        std::sscanf(text, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s) == 6)) {
    return false;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return false;
  // Serial 1 is 1900-01-01, and Excel counts a 29 February 1900 that never
  // was, so from March 1900 on the serial is the days since 1899-12-30.
  *serial = static_cast<double>(DaysFromCivil(y, mo, d) - DaysFromCivil(1899, 12, 30));
  if (*serial < 61) *serial -= 1;
  *serial += (h * 3600 + mi * 60 + s) / 86400.0;
  return true;
}

// A FreeXL date, date-time or time shown through `format_code`; empty:
// through built-in format 14 (d/m/yyyy), 22 (d/m/yyyy h:mm) or 21
// (h:mm:ss) by its type. The text as FreeXL gives it when it is none.
std::string DateText(const char* text, unsigned char type, const std::string& format_code) {
  double serial = 0;
  if (!DateSerial(text, type, &serial)) return text;
  const std::string code = !format_code.empty()           ? format_code
                           : type == FREEXL_CELL_DATE     ? BuiltInNumberFormat(14)
                           : type == FREEXL_CELL_DATETIME ? BuiltInNumberFormat(22)
                                                          : BuiltInNumberFormat(21);
  const std::string serial_text = NumberText(serial);
  std::string shown = FormatCellNumber(serial_text, code);
  if (shown == serial_text && type == FREEXL_CELL_TIME) {
    // A time alone is day 0, outside the formatter's dates: h:mm:ss.
    int h = 0, mi = 0, s = 0;
    std::sscanf(text, "%d:%d:%d", &h, &mi, &s);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%d:%02d:%02d", h, mi, s);
    return buf;
  }
  return shown;
}

// The text of the workbook's BIFF strings: `count` characters, one byte
// each (Latin-1; BIFF5: the workbook's code page, taken as Windows-1252)
// or two (UTF-16LE), from `at`; advances `at`. False when the record is
// too short.
bool ReadBiffChars(std::string_view data, size_t* at, size_t count, bool wide, std::string* out) {
  const size_t bytes = count * (wide ? 2 : 1);
  if (*at > data.size() || data.size() - *at < bytes) return false;
  std::u16string units;
  for (size_t i = 0; i < count; ++i) {
    const auto b = [&](size_t k) { return static_cast<unsigned char>(data[*at + k]); };
    units.push_back(wide ? static_cast<char16_t>(b(2 * i) | b(2 * i + 1) << 8)
                         : static_cast<char16_t>(b(i)));
  }
  *at += bytes;
  for (size_t i = 0; i < units.size(); ++i) {
    char32_t c = units[i];
    if (c >= 0xD800 && c < 0xDC00 && i + 1 < units.size() && units[i + 1] >= 0xDC00 &&
        units[i + 1] < 0xE000) {
      c = 0x10000 + ((c - 0xD800) << 10) + (units[++i] - 0xDC00);
    }
    AppendUtf8(c, out);
  }
  return true;
}

uint16_t U16(std::string_view data, size_t at) {
  return static_cast<uint16_t>(static_cast<unsigned char>(data[at]) |
                               static_cast<unsigned char>(data[at + 1]) << 8);
}
uint32_t U32(std::string_view data, size_t at) {
  return U16(data, at) | static_cast<uint32_t>(U16(data, at + 2)) << 16;
}

// What FreeXL does not give, read from the workbook stream's records: the
// font and number format of each cell (through its XF record), which
// sheets are hidden worksheets, and the merged ranges.
class BiffStyles {
 public:
  struct Merge {
    long row1, row2, column1, column2;
  };
  struct Sheet {
    std::string name;
    bool shown = true;  // a visible worksheet (not hidden, not a chart or macro sheet)
    std::unordered_map<uint32_t, uint16_t> xf;  // (row << 16 | column) -> XF index
    std::vector<Merge> merges;
  };

  // Reads the records; false when the stream is not a BIFF5/BIFF8
  // workbook or its records are broken (the caller does without).
  bool Read(std::string_view stream) {
    size_t at = 0;
    uint16_t type = 0;
    std::string_view data;
    if (!Next(stream, &at, &type, &data) || type != 0x0809 || data.size() < 2) return false;
    const uint16_t version = U16(data, 0);
    if (version != 0x0600 && version != 0x0500) return false;
    biff8_ = version == 0x0600;
    std::vector<uint32_t> offsets;
    while (Next(stream, &at, &type, &data) && type != 0x000A) {
      if (type == 0x0031) {
        ReadFont(data);
      } else if (type == 0x041E) {
        ReadFormat(data);
      } else if (type == 0x0022 && data.size() >= 2) {
        date1904_ = U16(data, 0) == 1;
      } else if (type == 0x00E0 && data.size() >= 4) {
        xfs_.push_back({U16(data, 0), U16(data, 2)});
      } else if (type == 0x0085 && data.size() >= 7) {
        Sheet sheet;
        size_t name_at = 6;
        const size_t count = static_cast<unsigned char>(data[name_at++]);
        const bool wide = biff8_ && (data[name_at++] & 1);
        ReadBiffChars(data, &name_at, count, wide, &sheet.name);
        sheet.shown = (data[4] & 3) == 0 && data[5] == 0;
        offsets.push_back(U32(data, 0));
        sheets_.push_back(std::move(sheet));
      }
    }
    for (size_t i = 0; i < sheets_.size(); ++i) ReadSheet(stream, offsets[i], &sheets_[i]);
    return true;
  }

  const std::vector<Sheet>& sheets() const { return sheets_; }
  bool date1904() const { return date1904_; }

  // The font name and number format code (empty: General) of XF `xf`.
  std::string_view Font(uint16_t xf) const {
    if (xf >= xfs_.size()) return {};
    // BIFF font indexes skip 4.
    const size_t font = xfs_[xf].font < 4 ? xfs_[xf].font : xfs_[xf].font - 1u;
    return font < fonts_.size() ? std::string_view(fonts_[font]) : std::string_view();
  }
  std::string NumberFormat(uint16_t xf) const {
    if (xf >= xfs_.size()) return {};
    const auto custom = formats_.find(xfs_[xf].format);
    return custom != formats_.end() ? custom->second : BuiltInNumberFormat(xfs_[xf].format);
  }

 private:
  // The record at `*at`; false at the end or on a record cut short.
  static bool Next(std::string_view stream, size_t* at, uint16_t* type, std::string_view* data) {
    if (stream.size() - *at < 4) return false;
    *type = U16(stream, *at);
    const size_t length = U16(stream, *at + 2);
    if (stream.size() - *at - 4 < length) return false;
    *data = stream.substr(*at + 4, length);
    *at += 4 + length;
    return true;
  }

  void ReadFont(std::string_view data) {
    std::string name;
    size_t at = 14;
    if (data.size() > at) {
      const size_t count = static_cast<unsigned char>(data[at++]);
      const bool wide = biff8_ && at < data.size() && (data[at++] & 1);
      ReadBiffChars(data, &at, count, wide, &name);
    }
    fonts_.push_back(std::move(name));
  }

  void ReadFormat(std::string_view data) {
    if (data.size() < 3) return;
    std::string code;
    size_t at = 2;
    size_t count = static_cast<unsigned char>(data[at++]);
    bool wide = false;
    if (biff8_) {
      if (data.size() < 5) return;
      count = U16(data, 2);
      wide = data[4] & 1;
      at = 5;
    }
    if (ReadBiffChars(data, &at, count, wide, &code)) formats_[U16(data, 0)] = std::move(code);
  }

  // The cells' XF indexes and the merged ranges of the sheet whose BOF is
  // at `offset`; embedded charts (their own BOF ... EOF) are skipped.
  static void ReadSheet(std::string_view stream, size_t offset, Sheet* sheet) {
    if (offset >= stream.size()) return;
    size_t at = offset;
    uint16_t type = 0;
    std::string_view data;
    int depth = 0;
    while (Next(stream, &at, &type, &data)) {
      if (type == 0x0809) {
        ++depth;
      } else if (type == 0x000A) {
        if (--depth <= 0) return;
      } else if (depth != 1) {
        continue;
      } else if ((type == 0x00FD || type == 0x0203 || type == 0x027E || type == 0x0006 ||
                  type == 0x0204 || type == 0x0205 || type == 0x00D6) &&
                 data.size() >= 6) {
        sheet->xf[static_cast<uint32_t>(U16(data, 0)) << 16 | U16(data, 2)] = U16(data, 4);
      } else if (type == 0x00BD && data.size() >= 6) {  // MULRK: xf and RK per column
        const uint32_t row = U16(data, 0);
        for (size_t i = 0, column = U16(data, 2); 4 + i * 6 + 6 <= data.size() - 2; ++i, ++column) {
          sheet->xf[row << 16 | static_cast<uint32_t>(column & 0xFFFF)] = U16(data, 4 + i * 6);
        }
      } else if (type == 0x00E5 && data.size() >= 2) {
        const size_t count = std::min<size_t>(U16(data, 0), (data.size() - 2) / 8);
        for (size_t i = 0; i < count && sheet->merges.size() < kMaxMerges; ++i) {
          const size_t m = 2 + i * 8;
          sheet->merges.push_back(
              {U16(data, m), U16(data, m + 2), U16(data, m + 4), U16(data, m + 6)});
        }
      }
    }
  }

  // Merged ranges beyond this many are ignored (their cells keep text).
  static constexpr size_t kMaxMerges = 10000;
  struct Xf {
    uint16_t font, format;
  };
  bool biff8_ = true;
  bool date1904_ = false;
  std::vector<std::string> fonts_;
  std::unordered_map<uint16_t, std::string> formats_;
  std::vector<Xf> xfs_;
  std::vector<Sheet> sheets_;
};

// The workbook stream ("Workbook", BIFF8; "Book", BIFF5) of the OLE2 file
// at `path`, read with libgsf; empty when it cannot be read or is larger
// than 256 MB.
std::string ReadWorkbookStream(const std::filesystem::path& path) {
  constexpr gsf_off_t kMaxBytes = gsf_off_t{256} << 20;
  gsf_init();
  auto unref = [](void* object) {
    if (object) g_object_unref(object);
  };
  std::unique_ptr<GsfInput, decltype(unref)> file(gsf_input_stdio_new(path.c_str(), nullptr),
                                                  unref);
  if (!file) return {};
  std::unique_ptr<GsfInfile, decltype(unref)> ole(gsf_infile_msole_new(file.get(), nullptr), unref);
  if (!ole) return {};
  std::unique_ptr<GsfInput, decltype(unref)> stream(gsf_infile_child_by_name(ole.get(), "Workbook"),
                                                    unref);
  if (!stream) stream.reset(gsf_infile_child_by_name(ole.get(), "Book"));
  if (!stream) return {};
  const gsf_off_t size = gsf_input_size(stream.get());
  if (size <= 0 || size > kMaxBytes) return {};
  std::string bytes(static_cast<size_t>(size), '\0');
  if (!gsf_input_read(stream.get(), bytes.size(), reinterpret_cast<guint8*>(bytes.data()))) {
    return {};
  }
  return bytes;
}

// A cell's value as Excel shows it through `format_code` (empty: the
// default of its type); `date1904`: the workbook's date system.
std::string CellText(const FreeXL_CellValue& v, const std::string& format_code, bool date1904) {
  const std::string code = format_code.empty() ? BuiltInNumberFormat(0) : format_code;
  switch (v.type) {
    case FREEXL_CELL_INT:
      return FormatCellNumber(std::to_string(v.value.int_value), code, date1904);
    case FREEXL_CELL_DOUBLE:
      return FormatCellNumber(NumberText(v.value.double_value), code, date1904);
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
      return v.value.text_value ? v.value.text_value : "";
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
    case FREEXL_CELL_TIME:
      return v.value.text_value ? DateText(v.value.text_value, v.type, format_code) : "";
    default:
      return {};
  }
}

// One worksheet's rows.
using Sheet = std::vector<SheetRow>;

// Decodes the cells whose text is in a legacy encoding, each cell on its
// own (a row may mix cells typed in .VnTime and in a Unicode font), short
// cells by the workbook's majority encoding; returns how many stretches
// of cells were decoded. Line breaks in a cell become spaces, as the
// layout makes them anyway.
int DecodeLegacyCells(std::vector<Sheet>* sheets) {
  std::string cells;
  for (const Sheet& sheet : *sheets) {
    for (const SheetRow& row : sheet) {
      for (const std::string& cell : row.cells) {
        if (cell.empty()) continue;
        for (const char c : cell) cells += c == '\n' || c == '\r' ? ' ' : c;
        cells += '\n';
      }
    }
  }
  text::RepairResult repaired = text::Repair(cells);
  int runs = 0;
  for (const text::BlockReport& block : repaired.blocks) {
    if (block.status == text::BlockStatus::kVietnamese && block.encoding != text::Encoding::kUtf8) {
      ++runs;
    }
  }
  if (runs == 0) return 0;
  size_t at = 0;
  for (Sheet& sheet : *sheets) {
    for (SheetRow& row : sheet) {
      for (std::string& cell : row.cells) {
        if (cell.empty()) continue;
        const size_t end = repaired.text.find('\n', at);
        if (end == std::string::npos) return runs;  // never: Repair keeps the lines
        cell = repaired.text.substr(at, end - at);
        at = end + 1;
      }
    }
  }
  return runs;
}

// Empties the cells of each merged range but its first (rows in order).
void ClearMerged(const std::vector<BiffStyles::Merge>& merges, Sheet* rows) {
  for (const BiffStyles::Merge& m : merges) {
    auto first = std::lower_bound(rows->begin(), rows->end(), m.row1,
                                  [](const SheetRow& r, long n) { return r.row < n; });
    for (auto it = first; it != rows->end() && it->row <= m.row2; ++it) {
      for (long col = m.column1; col <= m.column2 && col < static_cast<long>(it->cells.size());
           ++col) {
        if (it->row != m.row1 || col != m.column1) it->cells[col].clear();
      }
    }
  }
}

// The child's answer: "O <legacy_runs>\n<text>", "N\n" (no workbook
// stream) or "E\n<message>".
std::string ParseXls(const std::filesystem::path& path) {
  XlsHandle xls;
  const int opened = freexl_open(path.c_str(), xls.out());
  switch (opened) {
    case FREEXL_OK:
      break;
    // No workbook stream, or a container too damaged to find one in: the
    // caller may try the file as a Word document.
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
    case FREEXL_INVALID_CFBF_HEADER:
    case FREEXL_CFBF_READ_ERROR:
    case FREEXL_CFBF_SEEK_ERROR:
    case FREEXL_CFBF_INVALID_SIGNATURE:
    case FREEXL_CFBF_INVALID_SECTOR_SIZE:
    case FREEXL_CFBF_EMPTY_FAT_CHAIN:
    case FREEXL_CFBF_ILLEGAL_FAT_ENTRY:
    case FREEXL_INVALID_MINI_STREAM:
    case FREEXL_CFBF_ILLEGAL_MINI_FAT_ENTRY:
      return "N\n";
    default:
      return "E\nthe Excel 97-2003 workbook (.xls) is damaged (FreeXL error " +
             std::to_string(opened) + "); " + kSaveAs;
  }
  unsigned int password = 0, sheets = 0;
  if (freexl_get_info(xls.get(), FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK &&
      password == FREEXL_BIFF_OBFUSCATED) {
    return "E\na password-protected Excel workbook (.xls); save it without a password";
  }
  // A workbook whose first records are broken opens with no sheets.
  if (freexl_get_info(xls.get(), FREEXL_BIFF_SHEET_COUNT, &sheets) != FREEXL_OK || sheets == 0) {
    return std::string("E\nthe Excel 97-2003 workbook (.xls) is damaged (no worksheet found); ") +
           kSaveAs;
  }
  // Fonts, number formats, hidden sheets and merged ranges, when the
  // records can be read.
  BiffStyles styles;
  const std::string stream = ReadWorkbookStream(path);
  const bool styled = !stream.empty() && styles.Read(stream);
  std::vector<bool> matched(styles.sheets().size(), false);
  std::vector<Sheet> workbook;
  int legacy_runs = 0;
  bool any_legacy_font = false;
  for (unsigned int sheet = 0; sheet < sheets && sheet < 0xFFFF; ++sheet) {
    // The sheet's records, found by its name.
    const char* name = nullptr;
    const BiffStyles::Sheet* info = nullptr;
    if (styled &&
        freexl_get_worksheet_name(xls.get(), static_cast<unsigned short>(sheet), &name) ==
            FREEXL_OK &&
        name) {
      for (size_t i = 0; i < styles.sheets().size() && !info; ++i) {
        if (!matched[i] && styles.sheets()[i].name == name) {
          matched[i] = true;
          info = &styles.sheets()[i];
        }
      }
    }
    if (info && !info->shown) continue;
    unsigned int rows = 0;
    unsigned short columns = 0;
    if (freexl_select_active_worksheet(xls.get(), static_cast<unsigned short>(sheet)) !=
            FREEXL_OK ||
        freexl_worksheet_dimensions(xls.get(), &rows, &columns) != FREEXL_OK) {
      continue;
    }
    const unsigned short used_columns =
        static_cast<unsigned short>(std::min<int>(columns, kMaxColumns));
    Sheet sheet_rows;
    for (unsigned int r = 0; r < rows; ++r) {
      SheetRow row{static_cast<long>(r), {}};
      for (unsigned short c = 0; c < used_columns; ++c) {
        FreeXL_CellValue value{};
        if (freexl_get_cell_value(xls.get(), r, c, &value) != FREEXL_OK) continue;
        uint16_t xf = 0xFFFF;
        if (info) {
          const auto it = info->xf.find(r << 16 | c);
          if (it != info->xf.end()) xf = it->second;
        }
        std::string text = CellText(value, styles.NumberFormat(xf), styles.date1904());
        if (text.empty()) continue;
        if (const FontCode code = ClassifyFont(styles.Font(xf)); code != FontCode::kUnicode) {
          any_legacy_font = true;
          LegacyText legacy;
          legacy.Add(code, text);
          text = legacy.Finish(&legacy_runs);
        }
        if (row.cells.size() <= c) row.cells.resize(c + 1);
        row.cells[c] = std::move(text);
      }
      if (!row.cells.empty()) sheet_rows.push_back(std::move(row));
    }
    if (info) ClearMerged(info->merges, &sheet_rows);
    workbook.push_back(std::move(sheet_rows));
  }
  // No cell in a legacy font (or no fonts known): legacy text is found by
  // its encoding.
  if (!any_legacy_font) legacy_runs = DecodeLegacyCells(&workbook);
  std::vector<std::string> lines;
  for (const Sheet& sheet : workbook) {
    std::vector<std::string> sheet_lines;
    AppendSheet(sheet, &sheet_lines);
    if (sheet_lines.empty()) continue;
    if (!lines.empty()) lines.emplace_back();
    lines.insert(lines.end(), sheet_lines.begin(), sheet_lines.end());
  }
  return "O " + std::to_string(legacy_runs) + "\n" + JoinLines(lines);
}

}  // namespace

Result<std::optional<OfficeText>> ReadXls(const std::filesystem::path& path,
                                          const ChildLimits& limits) {
  std::ifstream in(path, std::ios::binary);
  std::string magic(8, '\0');
  if (!in || !in.read(magic.data(), static_cast<std::streamsize>(magic.size()))) {
    return MakeError(ErrorCode::kInputError, "cannot read " + path.string());
  }
  if (magic != std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
    return MakeError(ErrorCode::kInputError,
                     "not an Excel 97-2003 workbook (no OLE2 compound file header)");
  }
  auto answer = RunInChild([&path] { return ParseXls(path); }, limits);
  if (!answer) return std::unexpected(answer.error());
  switch (answer->end) {
    case ChildAnswer::End::kTimedOut:
      return MakeError(ErrorCode::kInputError, "the Excel workbook (.xls) took more than " +
                                                   std::to_string(limits.time_limit_seconds) +
                                                   " s to read (a damaged file?); " + kSaveAs);
    case ChildAnswer::End::kCrashed:
      return MakeError(ErrorCode::kInputError,
                       std::string("the Excel workbook (.xls) could not be read (the FreeXL "
                                   "reader failed on it: a damaged file?); ") +
                           kSaveAs);
    case ChildAnswer::End::kExited:
      break;
  }
  const std::string& bytes = answer->bytes;
  if (bytes.starts_with("N\n")) return std::nullopt;
  if (bytes.starts_with("E\n")) return MakeError(ErrorCode::kInputError, bytes.substr(2));
  const size_t newline = bytes.find('\n');
  if (!bytes.starts_with("O ") || newline == std::string::npos) {
    return MakeError(ErrorCode::kInputError, "the Excel workbook (.xls) could not be read");
  }
  return OfficeText{bytes.substr(newline + 1), "xls", std::atoi(bytes.c_str() + 2)};
}

}  // namespace vnplan::ingest
