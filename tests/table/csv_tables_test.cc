#include "table/csv_tables.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "table/text_tables.h"

#include "testing/mangle.h"

namespace vnplan::table {
namespace {

// An Excel export of a plan table: a UTF-8 mark, a title record, quoted
// cells with commas, doubled quotes and line breaks (Alt+Enter in a cell).
constexpr char kExcelCsv[] =
    "\xEF\xBB\xBF" "KẾ HOẠCH CẢI TIẾN,,,\r\n"
    "TT,\"Tiêu chuẩn, tiêu chí\",Kết quả cần đạt,Ghi chú\r\n"
    "1,Tiêu chí 1.9,\"Giáo viên, nhân viên\nquan tâm   đến \"\"văn bản\"\"\",\r\n"
    ",,,\r\n"
    "2,Tiêu chí 3.2,Trường có\tlộ trình,x\r\n"
    ",Hiệu trưởng,,\r\n";

TEST(CsvTablesTest, RecordsBecomeTabSeparatedLines) {
  EXPECT_EQ(CsvToTabText(kExcelCsv, ','),
            "KẾ HOẠCH CẢI TIẾN\n"
            "TT\tTiêu chuẩn, tiêu chí\tKết quả cần đạt\tGhi chú\n"
            "1\tTiêu chí 1.9\tGiáo viên, nhân viên quan tâm đến \"văn bản\"\t\n"
            "\n"
            "2\tTiêu chí 3.2\tTrường có lộ trình\tx\n"
            "Hiệu trưởng\n");
}

TEST(CsvTablesTest, SniffsTheDelimiter) {
  EXPECT_EQ(SniffCsvDelimiter(kExcelCsv), ',');
  // Vietnamese Excel settings: ';' between fields, ',' inside numbers.
  EXPECT_EQ(SniffCsvDelimiter("TT;Nội dung;Kinh phí\n1;Mua sắm, sửa chữa;1,5 triệu\n"
                              "2;Tập huấn;\"2,0\"\n"),
            ';');
  EXPECT_EQ(SniffCsvDelimiter("TT\tNội dung, ghi chú\tKinh phí\n1\tMua, sửa\t1,5\n"), '\t');
  // A comma inside quotes does not split a record.
  EXPECT_EQ(SniffCsvDelimiter("\"a, b, c\";d\n\"e, f\";g\n"), ';');
  EXPECT_EQ(SniffCsvDelimiter("một dòng không có dấu phân cách\n"), ',');
}

TEST(CsvTablesTest, UnterminatedQuoteRunsToTheEnd) {
  EXPECT_EQ(CsvToTabText("a,\"b\nc,d\n", ','), "a\tb c,d\n");
  EXPECT_EQ(CsvToTabText("x,\"y\n", ','), "x\ty\n");
  EXPECT_EQ(CsvToTabText("", ','), "");
}

TEST(CsvTablesTest, PlanTableReadByTheTextRoute) {
  const TextTables t = ExtractTablesFromText(CsvToTabText(kExcelCsv, ','));
  ASSERT_EQ(t.tables.size(), 1u);
  ASSERT_GE(t.tables[0].rows.size(), 3u);
  EXPECT_EQ(t.tables[0].rows[1][2].text, "Giáo viên, nhân viên quan tâm đến \"văn bản\"");
}

// Mangled input (random bytes changed, cut or inserted, stray quotes)
// never crashes the reader; deterministic (fixed seed).
TEST(CsvTablesTest, SurvivesMangledInput) {
  std::mt19937 rng(11);
  for (int i = 0; i < 300; ++i) {
    std::string s = kExcelCsv;
    const int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits; ++e) {
      testing::RandomEdit(&s, &rng, (rng() % 2) ? '"' : static_cast<char>(rng()));
    }
    CsvToTabText(s, SniffCsvDelimiter(s));
  }
}

}  // namespace
}  // namespace vnplan::table
