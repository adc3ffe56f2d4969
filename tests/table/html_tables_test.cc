#include "table/html_tables.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "testing/mangle.h"

namespace vnplan::table {
namespace {

std::vector<std::string> Texts(const std::vector<Cell>& row) {
  std::vector<std::string> out;
  for (const auto& c : row) out.push_back(c.text);
  return out;
}

// The head of a word processor's "Save as Web Page" export: namespaces,
// a legacy charset (the bytes were decoded before), styles and Office XML.
constexpr char kWordHead[] =
    "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\">\n"
    "<head>\n<meta http-equiv=Content-Type content=\"text/html; charset=windows-1258\">\n"
    "<title>KH cai tien</title>\n"
    "<style>\n<!-- p.MsoNormal {margin:0cm; font-size:14.0pt} -->\n</style>\n"
    "<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>VP</o:Author>"
    "</o:DocumentProperties></xml><![endif]-->\n"
    "</head>\n";

TEST(HtmlTablesTest, WordExportParagraphsBecomeLines) {
  const std::string html = std::string(kWordHead) +
                           "<body lang=VI>\n<div class=WordSection1>\n"
                           "<p class=MsoNormal><span lang=VI>Số: 215/KH-ĐBL</span><o:p></o:p></p>\n"
                           "<p class=MsoNormal>&nbsp;</p>\n"
                           "<p class=MsoNormal align=center><b><span\n"
                           "style='font-size:14.0pt'>KẾ HOẠCH</span></b><br>\n"
                           "<b>CẢI TIẾN   CHẤT LƯỢNG</b></p>\n"
                           "<h1>I. MỤC&nbsp;ĐÍCH</h1>\n"
                           "<p>Phòng GD&amp;ĐT&#160;và Sở\n  GD&#x26;ĐT &lt;tỉnh&gt;</p>\n"
                           "<script>var x = '<p>no</p>';</script>\n"
                           "<ul><li>một</li><li>hai</li></ul>\n"
                           "</div>\n</body>\n</html>\n";
  EXPECT_EQ(HtmlToText(html),
            "Số: 215/KH-ĐBL\n"
            "\n"
            "KẾ HOẠCH\n"
            "CẢI TIẾN CHẤT LƯỢNG\n"
            "I. MỤC ĐÍCH\n"
            "Phòng GD&ĐT và Sở GD&ĐT <tỉnh>\n"
            "một\n"
            "hai\n");
}

TEST(HtmlTablesTest, TableRowsBecomeTabSeparatedLines) {
  const std::string html =
      "<html><body><p>III. NỘI DUNG</p>\n"
      "<table border=1 class=MsoTableGrid>\n"
      " <tr><td><p class=MsoNormal><b>TT</b></p></td><td><p>Tiêu chuẩn,</p><p>tiêu chí</p></td>"
      "<td>Kết quả</td></tr>\n"
      " <tr><td colspan=3><p align=center><b>MỨC 1, 2, 3</b></p></td></tr>\n"
      " <tr><td rowspan=\"2\">1</td><td>Tiêu chí 1.9</td><td>Giáo viên<br>quan tâm</td></tr>\n"
      " <tr><td>Tiêu chí 1.10</td><td>&nbsp;</td></tr>\n"
      " <tr><td>&nbsp;</td><td></td><td> </td></tr>\n"
      " <tr><td>2</td><td><table><tr><td>a</td><td>b</td></tr></table></td><td>c\td</td></tr>\n"
      "</table>\n<p>IV. TỔ CHỨC</p></body></html>";
  EXPECT_EQ(HtmlToText(html),
            "III. NỘI DUNG\n"
            "TT\tTiêu chuẩn, tiêu chí\tKết quả\n"
            "MỨC 1, 2, 3\t\t\n"
            "1\tTiêu chí 1.9\tGiáo viên quan tâm\n"
            "\tTiêu chí 1.10\t\n"
            "2\ta b\tc d\n"
            "IV. TỔ CHỨC\n");
}

TEST(HtmlTablesTest, ParseHtmlTableKeepsSpans) {
  const Table table = ParseHtmlTable(
      "Bảng 1\n<table><thead><tr><th>TT</th><th>Họ và tên</th><th>Nhiệm vụ</th></tr></thead>\n"
      "<tbody><tr><td rowspan=2>1</td><td colspan=2><i>Nguyễn A</i></td></tr>\n"
      "<tr><td>Trần B</td></tr></tbody></table>");
  EXPECT_EQ(table.format, TableFormat::kHtml);
  EXPECT_EQ(table.header_rows, 1);
  ASSERT_EQ(table.rows.size(), 3u);
  EXPECT_EQ(Texts(table.rows[1]), (std::vector<std::string>{"1", "Nguyễn A", ""}));
  EXPECT_EQ(table.rows[1][0].row_span, 2);
  EXPECT_EQ(table.rows[1][1].col_span, 2);
  EXPECT_EQ(table.rows[1][2].col_span, 0);
  // The rowspan covers column 0 of the last row; its cell goes to column 1.
  EXPECT_EQ(Texts(table.rows[2]), (std::vector<std::string>{"", "Trần B", ""}));
  EXPECT_EQ(table.rows[2][0].row_span, 0);
}

TEST(HtmlTablesTest, BrokenMarkupIsRecovered) {
  // Unclosed cells and rows, a stray </div>, no <html>: browsers read it.
  const std::string text = HtmlToText(
      "<body><p>Kế hoạch<table><tr><td>1<td>Tiêu chí 2.1<td>Đạt</div>"
      "<tr><td>2<td>Tiêu chí 2.2<td>Chưa đạt</table><p>Hết");
  EXPECT_EQ(text, "Kế hoạch\n1\tTiêu chí 2.1\tĐạt\n2\tTiêu chí 2.2\tChưa đạt\nHết\n");
  EXPECT_TRUE(ParseHtmlTable("no table here").rows.empty());
  // TCVN3 capitals live among the C0 controls ("D\x02C" is "DỤC"), which
  // HTML parsers drop; the text is repaired after the conversion.
  EXPECT_EQ(HtmlToText("<p>D\x02" "C GI\x1F\x01</p>"), "D\x02" "C GI\x1F\x01\n");
  EXPECT_EQ(HtmlToText(""), "");
}

TEST(HtmlTablesTest, RecognisesDocumentsNotMarkdownWithTables) {
  EXPECT_TRUE(LooksLikeHtmlDocument("<!DOCTYPE html><html><body>x</body></html>"));
  EXPECT_TRUE(LooksLikeHtmlDocument("\xEF\xBB\xBF\n<!-- saved --> <HTML xmlns:o=\"urn\">"));
  EXPECT_TRUE(LooksLikeHtmlDocument("<meta charset=utf-8><p>Kế hoạch</p>"));
  EXPECT_TRUE(LooksLikeHtmlDocument(kWordHead));
  EXPECT_FALSE(LooksLikeHtmlDocument("# Kế hoạch\n\n<table><tr><td>1</td></tr></table>\n"));
  EXPECT_FALSE(LooksLikeHtmlDocument("Số: 215/KH\n<b>MỨC 1, 2, 3</b>\t\t\n"));
  EXPECT_FALSE(LooksLikeHtmlDocument("<!-- only a comment"));
  EXPECT_FALSE(LooksLikeHtmlDocument(""));
}

// Mangled markup (random bytes changed, cut, or inserted) never crashes
// the reader and still gives text; deterministic (fixed seed).
TEST(HtmlTablesTest, SurvivesMangledInput) {
  const std::string base = std::string(kWordHead) +
                           "<body><p>Kế hoạch</p><table><tr><td colspan=2>MỨC 4</td></tr>"
                           "<tr><td rowspan=3>1</td><td>Tiêu chí 1.9</td></tr></table></body>";
  std::mt19937 rng(7);
  for (int i = 0; i < 300; ++i) {
    std::string s = base;
    testing::Mangle(&s, &rng, 8);
    HtmlToText(s);
    ParseHtmlTable(s);
  }
}

}  // namespace
}  // namespace vnplan::table
