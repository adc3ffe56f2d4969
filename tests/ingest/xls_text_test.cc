#include "ingest/xls_text.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "ingest/office_text.h"
#include "testing/mangle.h"
#include "testing/temp_dir.h"

namespace vnplan::ingest {
namespace {

namespace fs = std::filesystem;

const fs::path kData = fs::path(VNPLAN_TEST_DATA) / "ingest";
// tests/data/ingest/cells.xls: cells.fods (beside it) saved by LibreOffice
// as "MS Excel 97": four sheets ("Kế hoạch"; an empty "Trống"; "Ẩn",
// hidden; "Ghi chú"), a title merged over A1:C1 with a stale copy in B1,
// date, date-time and time cells, a month/year date (mm/yyyy), numbers
// with the General, #,##0 and 0% formats, a boolean, a cell alone in
// column C, a cell typed in .VnTimeH (lower-case TCVN3 codes drawn as
// capitals), one in VNI-Times and one in .VnTime beside a Unicode cell
// (legacy bytes stored as their Windows-1252 characters).
const fs::path kCells = kData / "cells.xls";
// tests/data/ingest/th_hoa_binh.tcvn3.xls: samples/src/th_hoa_binh.md
// flattened by `vnplan-sample-export --form tcvn3`, each TCVN3 byte taken
// as its Windows-1252 character (as Excel stores text typed in .VnTime),
// imported by LibreOffice as tab-separated text and saved as "MS Excel 97".
// Its cells keep LibreOffice's default font, so the TCVN3 text is found by
// its encoding, not by a font.
const fs::path kTcvn3Plan = kData / "th_hoa_binh.tcvn3.xls";
// tests/data/ingest/th_hoa_binh.vntime.xls: th_hoa_binh.vntime.fods (beside
// it; the same TCVN3 text, cells in .VnTime, the lines in capitals typed
// as lower-case codes in .VnTimeH) saved by LibreOffice as "MS Excel 97".
const fs::path kVnTimePlan = kData / "th_hoa_binh.vntime.xls";

using testing::ReadBytes;

class XlsTextTest : public testing::TempDirTest {
 protected:
  XlsTextTest() : TempDirTest("xls") {}
};

// Visible sheets in order (the empty one left out too), rows as
// tab-separated lines laid out as the .xlsx reader lays them out, merged
// ranges keeping their first cell; numbers and dates shown through their
// cells' number formats; text in legacy fonts decoded by font.
TEST_F(XlsTextTest, CellsSheetsNumbersAndDates) {
  auto got = ReadXls(kCells);
  ASSERT_TRUE(got) << got.error().message;
  ASSERT_TRUE(got->has_value());
  const OfficeText& office = **got;
  EXPECT_EQ(office.route, "xls");
  EXPECT_EQ(office.text,
            "KẾ HOẠCH CẢI TIẾN\n"
            "\n"
            "TT\tNội dung\tThời gian\tKinh phí\t\n"
            "1\tBồi dưỡng giáo viên\t5/9/2024\t1500000\t\n"
            "2\tSửa chữa phòng học\t1/10/2024 7:30\t2.5\t\n"
            "3\tHọp phụ huynh\t7:30:00\t0.3333333333\t\n"
            "4\tKIỂM TRA CUỐI NĂM\t05/2025\t2,500,000\t25%\n"
            "\t\tghi chú\t\t\n"
            "\n"
            "Năm học 2024 - 2025\n"
            "\n"
            "1\t1234567.891\t-42\n"
            "Kế hoạch cải tiến chất lượng giáo dục\t\t\n"
            "Phó Hiệu trưởng\tTổ chuyên môn sinh hoạt theo nghiên cứu bài học\t\n");
  EXPECT_EQ(office.legacy_runs, 3);  // the .VnTimeH, VNI and .VnTime cells
}

// A plan in TCVN3 with no legacy font named: the Windows-1252 characters
// of its TCVN3 bytes are found by the encoding repair and decoded, the
// plan table's rows tab-separated.
TEST_F(XlsTextTest, LegacyFontTextIsDecoded) {
  auto got = ReadXls(kTcvn3Plan);
  ASSERT_TRUE(got) << got.error().message;
  ASSERT_TRUE(got->has_value());
  const std::string& text = (*got)->text;
  EXPECT_GT((*got)->legacy_runs, 0);
  EXPECT_NE(text.find("Độc lập - Tự do - Hạnh phúc\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Đông Sơn, ngày 16 tháng 9 năm 2024\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\tTiêu chí 1.4\tTổ chuyên môn sinh hoạt theo nghiên cứu bài học mỗi "
                      "tháng hai lần\t"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("th¸ng"), std::string::npos) << text;
}

// The same plan typed in .VnTime and .VnTimeH: decoded by the cells'
// fonts, the capitals font's lines in capitals.
TEST_F(XlsTextTest, LegacyFontCellsAreDecodedByFont) {
  auto got = ReadXls(kVnTimePlan);
  ASSERT_TRUE(got) << got.error().message;
  ASSERT_TRUE(got->has_value());
  const std::string& text = (*got)->text;
  EXPECT_GT((*got)->legacy_runs, 0);
  EXPECT_TRUE(text.starts_with("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN ĐÔNG SƠN\n"
                               "TRƯỜNG TIỂU HỌC HÒA BÌNH\n"))
      << text;
  EXPECT_NE(text.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\tTiêu chí 1.4\tTổ chuyên môn sinh hoạt theo nghiên cứu bài học mỗi "
                      "tháng hai lần\t"),
            std::string::npos)
      << text;
}

// A Word document is an OLE2 file without a workbook: not an error, the
// caller reads it as a .doc; ReadLegacyOfficeDocument does.
TEST_F(XlsTextTest, WordDocumentIsNotAWorkbook) {
  const fs::path doc = kData / "stories.doc";
  auto got = ReadXls(doc);
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_FALSE(got->has_value());
  auto legacy = ReadLegacyOfficeDocument(doc);
  ASSERT_TRUE(legacy) << legacy.error().message;
  EXPECT_EQ(legacy->route, "doc");
  auto xls = ReadLegacyOfficeDocument(kCells);
  ASSERT_TRUE(xls) << xls.error().message;
  EXPECT_EQ(xls->route, "xls");
}

TEST_F(XlsTextTest, OtherFilesAreInputErrors) {
  for (const fs::path& path : {Write("a.xls", "Kế hoạch năm học"), dir_ / "missing.xls"}) {
    auto got = ReadXls(path);
    ASSERT_FALSE(got) << path;
    EXPECT_EQ(got.error().code, ErrorCode::kInputError);
  }
  // An OLE2 header and nothing else: neither reader finds its stream, and
  // the reason names both formats.
  const fs::path empty_ole =
      Write("cu.xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0'));
  auto got = ReadLegacyOfficeDocument(empty_ole);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::kInputError);
  EXPECT_NE(got.error().message.find("Excel"), std::string::npos) << got.error().message;
  EXPECT_NE(got.error().message.find("Word"), std::string::npos) << got.error().message;
}

// A damaged workbook: a clear error that says how to save the file
// instead.
TEST_F(XlsTextTest, DamagedWorkbookIsAClearInputError) {
  std::string bytes = ReadBytes(kCells);
  ASSERT_GT(bytes.size(), 4096u);
  // The workbook stream's first record (BOF) overwritten: FreeXL opens
  // it but finds no sheet.
  const size_t bof = bytes.find(std::string("\x09\x08\x10\x00\x00\x06", 6));
  ASSERT_NE(bof, std::string::npos);
  bytes.replace(bof, 6, std::string(6, '\x7F'));
  auto got = ReadXls(Write("bad.xls", bytes));
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::kInputError);
  EXPECT_NE(got.error().message.find(".xls"), std::string::npos) << got.error().message;
  EXPECT_NE(got.error().message.find("save it as .xlsx"), std::string::npos) << got.error().message;
  // Cut short inside the sector tables: FreeXL cannot find the workbook
  // stream, and neither can wvWare a Word one.
  auto cut = ReadLegacyOfficeDocument(Write("cut.xls", ReadBytes(kCells).substr(0, 2048)));
  ASSERT_FALSE(cut);
  EXPECT_EQ(cut.error().code, ErrorCode::kInputError);
  EXPECT_NE(cut.error().message.find("damaged .doc or .xls"), std::string::npos)
      << cut.error().message;
}

// A broken download or a bad disk: 150 mangled copies of the plan; FreeXL
// must report (or read what is left), never crash or hang the caller.
TEST_F(XlsTextTest, SurvivesMangledFiles) {
  const std::string bytes = ReadBytes(kTcvn3Plan);
  ASSERT_GT(bytes.size(), 8000u);
  std::mt19937 rng(17);
  ChildLimits limits;
  limits.time_limit_seconds = 5;
  int read = 0;
  for (int i = 0; i < 150; ++i) {
    std::string mangled = bytes;
    testing::Mangle(&mangled, &rng, 4);
    auto got = ReadXls(Write("m.xls", mangled), limits);
    if (got) {
      ++read;
    } else {
      EXPECT_EQ(got.error().code, ErrorCode::kInputError) << got.error().message;
    }
  }
  EXPECT_GT(read, 0);  // edits in the text or slack leave a readable file
}

}  // namespace
}  // namespace vnplan::ingest
