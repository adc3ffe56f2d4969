#include "ingest/xls_text.h"

#include <freexl.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

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

// A FreeXL date ("2024-09-05"), date-time ("2024-09-05 07:30:00") or time
// ("07:30:00") shown as the .xlsx reader shows a cell with built-in format
// 14, 22 or 21; the text as FreeXL gives it when it is none of these.
std::string DateText(const char* text, unsigned char type) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  double serial = 0;
  int format = 0;
  if (type == FREEXL_CELL_TIME && std::sscanf(text, "%d:%d:%d", &h, &mi, &s) == 3) {
    // Excel shows a time without a date on day 0, which the formatter
    // treats as outside its date range: h:mm:ss is written here.
    char buf[32];
    std::snprintf(buf, sizeof buf, "%d:%02d:%02d", h, mi, s);
    return buf;
  }
  if (type == FREEXL_CELL_DATE && std::sscanf(text, "%d-%d-%d", &y, &mo, &d) == 3) {
    format = 14;
  } else if (type == FREEXL_CELL_DATETIME &&
             std::sscanf(text, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s) == 6) {
    format = 22;
  } else {
    return text;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return text;
  // The 1900 date system: serial 1 is 1900-01-01, and Excel counts a
  // 29 February 1900 that never was, so from March 1900 on the serial is
  // the days since 1899-12-30.
  serial = static_cast<double>(DaysFromCivil(y, mo, d) - DaysFromCivil(1899, 12, 30));
  if (serial < 61) serial -= 1;
  serial += (h * 3600 + mi * 60 + s) / 86400.0;
  return FormatCellNumber(NumberText(serial), BuiltInNumberFormat(format));
}

std::string CellText(const FreeXL_CellValue& v) {
  switch (v.type) {
    case FREEXL_CELL_INT:
      return std::to_string(v.value.int_value);
    case FREEXL_CELL_DOUBLE:
      return FormatCellNumber(NumberText(v.value.double_value), BuiltInNumberFormat(0));
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
      return v.value.text_value ? v.value.text_value : "";
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
    case FREEXL_CELL_TIME:
      return v.value.text_value ? DateText(v.value.text_value, v.type) : "";
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
  std::vector<Sheet> workbook;
  for (unsigned int sheet = 0; sheet < sheets && sheet < 0xFFFF; ++sheet) {
    unsigned int rows = 0;
    unsigned short columns = 0;
    if (freexl_select_active_worksheet(xls.get(), static_cast<unsigned short>(sheet)) !=
            FREEXL_OK ||
        freexl_worksheet_dimensions(xls.get(), &rows, &columns) != FREEXL_OK) {
      continue;
    }
    const unsigned short used_columns =
        static_cast<unsigned short>(std::min<int>(columns, kMaxColumns));
    std::vector<SheetRow> sheet_rows;
    for (unsigned int r = 0; r < rows; ++r) {
      SheetRow row{static_cast<long>(r), {}};
      for (unsigned short c = 0; c < used_columns; ++c) {
        FreeXL_CellValue value{};
        if (freexl_get_cell_value(xls.get(), r, c, &value) != FREEXL_OK) continue;
        std::string text = CellText(value);
        if (text.empty()) continue;
        if (row.cells.size() <= c) row.cells.resize(c + 1);
        row.cells[c] = std::move(text);
      }
      if (!row.cells.empty()) sheet_rows.push_back(std::move(row));
    }
    workbook.push_back(std::move(sheet_rows));
  }
  const int legacy_runs = DecodeLegacyCells(&workbook);
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
