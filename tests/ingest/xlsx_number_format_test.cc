#include "ingest/xlsx_number_format.h"

#include <gtest/gtest.h>

#include <string>

#include "ingest/xlsx_text.h"

namespace vnplan::ingest {
namespace {

// Serial 45170 is 1 September 2023 (a Friday): 44927 is 1 January 2023,
// and January to August hold 243 days.
TEST(XlsxNumberFormatTest, DatesAsTheCellShowedThem) {
  EXPECT_EQ(FormatCellNumber("45170", "m/yyyy"), "9/2023");
  EXPECT_EQ(FormatCellNumber("45170", "mm/yyyy"), "09/2023");
  EXPECT_EQ(FormatCellNumber("45170", "dd/mm/yyyy"), "01/09/2023");
  EXPECT_EQ(FormatCellNumber("45170", BuiltInNumberFormat(14)), "1/9/2023");
  EXPECT_EQ(FormatCellNumber("45170", BuiltInNumberFormat(17)), "Sep-23");
  EXPECT_EQ(FormatCellNumber("45170", "dddd, d mmmm yyyy"), "Friday, 1 September 2023");
  EXPECT_EQ(FormatCellNumber("45170", "\"Tháng \"m\"/\"yyyy"), "Tháng 9/2023");
  EXPECT_EQ(FormatCellNumber("45170", "[$-42A]mmmm\\ yyyy;@"), "September 2023");
  // The 1900 system keeps Lotus' 29 February 1900 (serial 60).
  EXPECT_EQ(FormatCellNumber("1", "d/m/yyyy"), "1/1/1900");
  EXPECT_EQ(FormatCellNumber("59", "d/m/yyyy"), "28/2/1900");
  EXPECT_EQ(FormatCellNumber("60", "d/m/yyyy"), "29/2/1900");
  EXPECT_EQ(FormatCellNumber("61", "d/m/yyyy"), "1/3/1900");
  EXPECT_EQ(FormatCellNumber("0", "d/m/yyyy", /*date1904=*/true), "1/1/1904");
  EXPECT_EQ(FormatCellNumber("-1", "d/m/yyyy"), "-1");
  EXPECT_EQ(FormatCellNumber("3000000", "d/m/yyyy"), "3000000");
}

TEST(XlsxNumberFormatTest, TimesAndMinutesAgainstMonths) {
  EXPECT_EQ(FormatCellNumber("45170.5", BuiltInNumberFormat(22)), "1/9/2023 12:00");
  EXPECT_EQ(FormatCellNumber("45170.75", "h:mm AM/PM"), "6:00 PM");
  EXPECT_EQ(FormatCellNumber("0.5", "hh:mm:ss"), "12:00:00");
  // 12:15: "mm" after hours is minutes; before seconds too.
  EXPECT_EQ(FormatCellNumber("0.5104166666666666", "h:mm"), "12:15");
  EXPECT_EQ(FormatCellNumber("0.0104166666666667", "mm:ss"), "15:00");
  EXPECT_EQ(FormatCellNumber("45170.5104166666666", "m/d h:mm"), "9/1 12:15");
}

TEST(XlsxNumberFormatTest, Numbers) {
  EXPECT_EQ(FormatCellNumber("0.30000000000000004", "General"), "0.3");
  EXPECT_EQ(FormatCellNumber("0.30000000000000004", ""), "0.30000000000000004");
  EXPECT_EQ(FormatCellNumber("4000000", "General"), "4000000");
  EXPECT_EQ(FormatCellNumber("1E-3", "General"), "0.001");
  EXPECT_EQ(FormatCellNumber("12345.678901234", "General"), "12345.6789");
  EXPECT_EQ(FormatCellNumber("4000000", "#,##0"), "4,000,000");
  EXPECT_EQ(FormatCellNumber("1234.5", "#,##0.00"), "1,234.50");
  EXPECT_EQ(FormatCellNumber("0.25", "0%"), "25%");
  EXPECT_EQ(FormatCellNumber("4000000", "#,##0 \"đồng\""), "4,000,000 đồng");
  EXPECT_EQ(FormatCellNumber("-5", "0.0;(0.0)"), "-5.0");
  EXPECT_EQ(FormatCellNumber("7", "[Red]0.00"), "7.00");
  // Left as written: text format, scientific, not a number.
  EXPECT_EQ(FormatCellNumber("12345", "@"), "12345");
  EXPECT_EQ(FormatCellNumber("12345", "0.00E+00"), "12345");
  EXPECT_EQ(FormatCellNumber("abc", "0.00"), "abc");
  EXPECT_EQ(BuiltInNumberFormat(200), "");
}

// Through the reader: built-in and custom formats by cell format index,
// and the workbook's 1904 date system.
TEST(XlsxNumberFormatTest, SheetCellsUseTheirFormats) {
  const std::string main = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";
  const std::string sheet =
      "<?xml version=\"1.0\"?><worksheet " + main +
      "><sheetData><row r=\"1\"><c r=\"A1\" s=\"1\"><v>45170</v></c><c r=\"B1\" s=\"2\">"
      "<v>45170</v></c><c r=\"C1\"><v>45170</v></c><c r=\"D1\" s=\"3\"><v>4000000</v></c>"
      "</row></sheetData></worksheet>";
  const std::string styles =
      "<?xml version=\"1.0\"?><styleSheet " + main +
      "><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"m/yyyy\"/></numFmts>"
      "<fonts><font><name val=\"Times New Roman\"/></font></fonts><cellXfs>"
      "<xf numFmtId=\"0\" fontId=\"0\"/><xf numFmtId=\"17\" fontId=\"0\"/>"
      "<xf numFmtId=\"164\" fontId=\"0\"/><xf numFmtId=\"3\" fontId=\"0\"/></cellXfs></styleSheet>";
  auto got = XlsxToText({sheet}, "", styles);
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->text, "Sep-23\t9/2023\t45170\t4,000,000\n");
  auto in1904 = XlsxToText({sheet}, "", styles, /*date1904=*/true);
  ASSERT_TRUE(in1904);
  EXPECT_EQ(in1904->text, "Sep-27\t9/2027\t45170\t4,000,000\n");
}

}  // namespace
}  // namespace vnplan::ingest
