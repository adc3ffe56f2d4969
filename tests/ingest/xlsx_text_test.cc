#include "ingest/xlsx_text.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "testing/mangle.h"

namespace vnplan::ingest {
namespace {

constexpr char kMain[] = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";

std::string Sheet(const std::string& rows, const std::string& after = "") {
  return std::string("<?xml version=\"1.0\"?><worksheet ") + kMain +
         "><dimension ref=\"A1:C9\"/>"
         "<sheetData>" +
         rows + "</sheetData>" + after + "</worksheet>";
}
std::string Shared(const std::string& items) {
  return std::string("<?xml version=\"1.0\"?><sst ") + kMain + ">" + items + "</sst>";
}
std::string Styles(const std::string& children) {
  return std::string("<?xml version=\"1.0\"?><styleSheet ") + kMain + ">" + children +
         "</styleSheet>";
}
std::string S(const std::string& ref, int index, const std::string& style = "") {
  return "<c r=\"" + ref + "\"" + (style.empty() ? "" : " s=\"" + style + "\"") + " t=\"s\"><v>" +
         std::to_string(index) + "</v></c>";
}

OfficeText Read(const std::vector<std::string>& sheets, const std::string& shared = "",
                const std::string& styles = "") {
  auto got = XlsxToText(sheets, shared, styles);
  EXPECT_TRUE(got.has_value()) << (got ? "" : got.error().message);
  return got ? *got : OfficeText{};
}

TEST(XlsxTextTest, CellReferences) {
  long column = -1, row = -1;
  EXPECT_TRUE(ParseCellReference("C12", &column, &row));
  EXPECT_EQ(column, 2);
  EXPECT_EQ(row, 11);
  EXPECT_TRUE(ParseCellReference("$AA$1", &column, &row));
  EXPECT_EQ(column, 26);
  EXPECT_EQ(row, 0);
  EXPECT_TRUE(ParseCellReference("XFD1048576", &column, &row));
  EXPECT_EQ(column, 16383);
  EXPECT_FALSE(ParseCellReference("XFE1", &column, &row));
  EXPECT_FALSE(ParseCellReference("A0", &column, &row));
  EXPECT_FALSE(ParseCellReference("12", &column, &row));
  EXPECT_FALSE(ParseCellReference("A1B", &column, &row));
  EXPECT_FALSE(ParseCellReference("A99999999999", &column, &row));
}

TEST(XlsxTextTest, CellsPlacedByReferenceWithEveryValueKind) {
  const std::string shared = Shared(
      "<si><t>TT</t></si>"
      "<si><r><t>Tiêu </t></r><r><rPr><b/></rPr><t>chí</t></r>"
      "<rPh sb=\"0\" eb=\"1\"><t>phonetic</t></rPh></si>"
      "<si><t xml:space=\"preserve\">Kết quả\ncần đạt</t></si>");
  const OfficeText got = Read(
      {Sheet("<row r=\"1\">" + S("A1", 0) + S("C1", 1) + S("D1", 2) +
             "</row>"
             "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\" t=\"inlineStr\"><is><t>Tiêu chí 1.9"
             "</t></is></c><c r=\"C2\" t=\"str\"><f>A2*2</f><v>2</v></c>"
             "<c r=\"D2\" t=\"b\"><v>1</v></c></row>"
             // No r: cells follow each other, rows too.
             "<row><c><v>0.5</v></c><c t=\"e\"><v>#N/A</v></c><c/><c t=\"s\"><v>99</v></c>"
             "<c><v>2024</v></c></row>")},
      shared);
  EXPECT_EQ(got.route, "xlsx");
  EXPECT_EQ(got.text,
            "TT\t\tTiêu chí\tKết quả cần đạt\t\n"
            "1\tTiêu chí 1.9\t2\t1\t\n"
            "0.5\t#N/A\t\t\t2024\n");
}

TEST(XlsxTextTest, MergedCellsEmptyButTheirFirst) {
  const OfficeText got = Read(
      {Sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>KẾ HOẠCH</t></is></c>"
             "<c r=\"B1\" t=\"inlineStr\"><is><t>chép</t></is></c></row>"
             "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>TT</t></is></c>"
             "<c r=\"B3\" t=\"inlineStr\"><is><t>Tiêu chí</t></is></c>"
             "<c r=\"C3\" t=\"inlineStr\"><is><t>Ghi chú</t></is></c></row>"
             "<row r=\"4\"><c r=\"A4\"><v>1</v></c><c r=\"B4\" t=\"inlineStr\"><is><t>Tiêu chuẩn 1"
             "</t></is></c><c r=\"C4\" t=\"inlineStr\"><is><t>chép</t></is></c></row>"
             "<row r=\"5\"><c r=\"A5\"><v>1</v></c><c r=\"B5\" t=\"inlineStr\"><is><t>Tiêu chí 1.1"
             "</t></is></c></row>",
             "<mergeCells count=\"3\"><mergeCell ref=\"A1:C1\"/><mergeCell ref=\"B4:C4\"/>"
             "<mergeCell ref=\"A4:A5\"/></mergeCells>")});
  EXPECT_EQ(got.text,
            "KẾ HOẠCH\n"
            "\n"
            "TT\tTiêu chí\tGhi chú\n"
            "1\tTiêu chuẩn 1\t\n"
            "\tTiêu chí 1.1\t\n");
}

TEST(XlsxTextTest, LegacyFontsFromCellFormatsAndRuns) {
  // fonts[1] is .VnTime, fonts[2] VNI-Times; cellXfs 1 and 2 use them. A
  // run's own rFont wins over the cell's font; a run without one takes it.
  const std::string styles = Styles(
      "<fonts count=\"3\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
      "<font><name val=\".VnTime\"/></font><font><name val=\"VNI-Times\"/></font></fonts>"
      "<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\"/><xf fontId=\"1\"/>"
      "<xf fontId=\"2\"/></cellXfs>");
  const std::string shared = Shared(
      "<si><t>KÕ ho¹ch</t></si>"
      "<si><r><rPr><rFont val=\".VnTimeH\"/></rPr><t>kÕ ho</t></r>"
      "<r><rPr><rFont val=\".VnTimeH\"/></rPr><t>¹ch</t></r></si>"
      "<si><r><rPr><rFont val=\"Arial\"/></rPr><t>Kế </t></r><r><t>ho¹ch</t></r></si>"
      "<si><t>Keá hoaïch</t></si>");
  const OfficeText got =
      Read({Sheet("<row r=\"1\">" + S("A1", 0, "1") + "</row><row r=\"2\">" + S("A2", 1) +
                  "</row><row r=\"3\">" + S("A3", 2, "1") + "</row><row r=\"4\">" +
                  S("A4", 3, "2") + "</row><row r=\"5\">" + S("A5", 0) + "</row>")},
           shared, styles);
  EXPECT_EQ(got.text, "Kế hoạch\nKẾ HOẠCH\nKế hoạch\nKế hoạch\nKÕ ho¹ch\n");
  EXPECT_EQ(got.legacy_runs, 4);
}

TEST(XlsxTextTest, SheetsInOrderSeparatedByAnEmptyLine) {
  const OfficeText got = Read(
      {Sheet("<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>một</t></is></c></row>"), Sheet(""),
       Sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>hai</t></is></c></row>")});
  EXPECT_EQ(got.text, "một\n\nhai\n");
}

TEST(XlsxTextTest, BrokenPartsAreInputErrors) {
  EXPECT_EQ(XlsxToText({"<worksheet"}, "", "").error().code, ErrorCode::kInputError);
  EXPECT_EQ(XlsxToText({std::string("<worksheet ") + kMain + "/>"}, "", "").error().code,
            ErrorCode::kInputError);
  EXPECT_EQ(XlsxToText({Sheet("")}, "<sst", "").error().code, ErrorCode::kInputError);
  // Styles that do not parse leave the fonts unresolved, not the text.
  auto got = XlsxToText({Sheet("<row r=\"1\">" + S("A1", 0, "1") + "</row>")},
                        Shared("<si><t>Kế hoạch</t></si>"), "<styleSheet");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->text, "Kế hoạch\n");
}

TEST(XlsxTextTest, SurvivesMangledXml) {
  const std::string sheet = Sheet(
      "<row r=\"1\">" + S("A1", 0, "1") +
          "<c r=\"C1\"><v>12</v></c></row>"
          "<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><r><t>Tiêu chí</t></r></is></c></row>",
      "<mergeCells><mergeCell ref=\"A1:B3\"/></mergeCells>");
  const std::string shared = Shared("<si><r><rPr><rFont val=\".VnTime\"/></rPr><t>KÕ</t></r></si>");
  std::mt19937 rng(11);
  int parsed = 0;
  for (int i = 0; i < 300; ++i) {
    std::string s = sheet, t = shared;
    const int edits = 1 + static_cast<int>(rng() % 6);
    for (int e = 0; e < edits; ++e) {
      testing::RandomEdit(rng() % 4 == 0 ? &t : &s, &rng, static_cast<char>(rng()));
    }
    auto got = XlsxToText({s}, t, s);
    if (got) {
      ++parsed;
    } else {
      EXPECT_EQ(got.error().code, ErrorCode::kInputError);
    }
  }
  EXPECT_GT(parsed, 0);
}

}  // namespace
}  // namespace vnplan::ingest
