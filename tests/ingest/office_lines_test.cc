#include "ingest/office_lines.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/legacy_fonts.h"

namespace vnplan::ingest {
namespace {

std::string SheetText(const std::vector<SheetRow>& rows) {
  std::vector<std::string> lines;
  AppendSheet(rows, &lines);
  return JoinLines(lines);
}

TEST(OfficeLinesTest, SheetRowsInAndOutOfTables) {
  EXPECT_EQ(SheetText({
                // A title typed in a middle column, above the table: a line.
                {0, {"", "", "KẾ HOẠCH"}},
                {2, {"TT", "Tiêu chí", "Kết quả", "Ghi chú"}},
                // One cell in the first column between table rows: a level row.
                {3, {"MỨC 1"}},
                {4, {"1", "Tiêu chí 1.1", "Đạt"}},
                // One cell not in the first column right below: the table goes on.
                {5, {"", "Tiêu chí 1.2"}},
                {6, {"", "", "  tiếp\ntheo "}},
                // One cell in the first column after the table: a paragraph.
                {7, {"IV. TỔ  CHỨC"}},
                {8, {"", "", "", ""}},
                {9, {"", "Nơi nhận"}},
            }),
            "KẾ HOẠCH\n"
            "\n"
            "TT\tTiêu chí\tKết quả\tGhi chú\n"
            "MỨC 1\t\t\t\n"
            "1\tTiêu chí 1.1\tĐạt\t\n"
            "\tTiêu chí 1.2\t\t\n"
            "\t\ttiếp theo\t\n"
            "IV. TỔ CHỨC\n"
            "\n"
            "Nơi nhận\n");
}

TEST(OfficeLinesTest, ParagraphsCellsAndRows) {
  std::vector<std::string> lines;
  AppendParagraph("  Kế\thoạch \ncải  tiến", &lines);
  AppendParagraph("", &lines);
  AppendRow({"", ""}, &lines);
  AppendRow({CellLine({"a\tb", "", " c "}), "", "d"}, &lines);
  EXPECT_EQ(JoinLines(lines), "Kế hoạch\ncải tiến\n\na b c\t\td\n");
  EXPECT_EQ(JoinLines({"", "x", ""}), "x\n");
}

TEST(LegacyFontsTest, FontNames) {
  EXPECT_EQ(ClassifyFont(".VnTime"), FontCode::kTcvn3);
  EXPECT_EQ(ClassifyFont("'.VnArial Narrow'"), FontCode::kTcvn3);
  EXPECT_EQ(ClassifyFont(".VnTimeH"), FontCode::kTcvn3Capitals);
  EXPECT_EQ(ClassifyFont("\".VnArialH\""), FontCode::kTcvn3Capitals);
  EXPECT_EQ(ClassifyFont("VNI-Times"), FontCode::kVni);
  EXPECT_EQ(ClassifyFont("Times New Roman"), FontCode::kUnicode);
  EXPECT_EQ(ClassifyFont(""), FontCode::kUnicode);
  // Text with a character Windows-1252 has no byte for was not legacy.
  EXPECT_EQ(DecodeLegacy("KÕ ho¹ch", FontCode::kTcvn3), "Kế hoạch");
  EXPECT_EQ(DecodeLegacy("Kế hoạch", FontCode::kTcvn3), "Kế hoạch");
}

}  // namespace
}  // namespace vnplan::ingest
