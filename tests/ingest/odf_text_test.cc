#include "ingest/odf_text.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "samples/docx_writer.h"

#include "testing/mangle.h"

namespace vnplan::ingest {
namespace {

using samples::kOdfNamespaces;

std::string Content(const std::string& body, const std::string& automatic_styles = "",
                    const std::string& faces = "") {
  return std::string("<?xml version=\"1.0\"?><office:document-content ") + kOdfNamespaces + ">" +
         (faces.empty() ? "" : "<office:font-face-decls>" + faces + "</office:font-face-decls>") +
         "<office:automatic-styles>" + automatic_styles +
         "</office:automatic-styles><office:body>" + body +
         "</office:body></office:document-content>";
}
std::string Text(const std::string& body) { return "<office:text>" + body + "</office:text>"; }
std::string Styles(const std::string& children) {
  return std::string("<?xml version=\"1.0\"?><office:document-styles ") + kOdfNamespaces + ">" +
         children + "</office:document-styles>";
}
std::string P(const std::string& inner) { return "<text:p>" + inner + "</text:p>"; }
std::string Cell(const std::string& inner, const std::string& attributes = "") {
  return "<table:table-cell" + attributes + ">" + inner + "</table:table-cell>";
}
std::string Row(const std::string& cells, const std::string& attributes = "") {
  return "<table:table-row" + attributes + ">" + cells + "</table:table-row>";
}
std::string Table(const std::string& rows, int columns = 3) {
  return "<table:table table:name=\"T\"><table:table-column table:number-columns-repeated=\"" +
         std::to_string(columns) + "\"/>" + rows + "</table:table>";
}

OfficeText Read(const std::string& content, const std::string& styles = "") {
  auto got = OdfToText(content, styles);
  EXPECT_TRUE(got.has_value()) << (got ? "" : got.error().message);
  return got ? *got : OfficeText{};
}

TEST(OdfTextTest, ParagraphsSpansSpacesAndBreaks) {
  const OfficeText got = Read(Content(Text(
      "<text:sequence-decls><text:sequence-decl text:name=\"Table\"/></text:sequence-decls>"
      "<text:h text:outline-level=\"1\">KẾ HOẠCH<text:line-break/>CẢI<text:s text:c=\"3\"/>TIẾN"
      "</text:h>" +
      P("Số: 215/<text:span>KH-</text:span>ĐBL<text:tab/>Tân Phú") + P("") +
      // XML white space inside text is a space, not a line break.
      P("Năm\n học <text:a xlink:href=\"x\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">2024"
        "</text:a><text:soft-page-break/>–<text:s/>2025") +
      "<text:list><text:list-item>" + P("a) Mục đích") + "<text:list><text:list-item>" +
      P("- con") +
      "</text:list-item></text:list>"
      "</text:list-item><text:list-header>" +
      P("b) Yêu cầu") +
      "</text:list-header></text:list>"
      "<text:section text:name=\"S\">" +
      P("Trong mục") + "</text:section>")));
  EXPECT_EQ(got.route, "odt");
  EXPECT_EQ(got.text,
            "KẾ HOẠCH\n"
            "CẢI TIẾN\n"
            "Số: 215/KH-ĐBL Tân Phú\n"
            "\n"
            "Năm học 2024– 2025\n"
            "a) Mục đích\n"
            "- con\n"
            "b) Yêu cầu\n"
            "Trong mục\n");
  EXPECT_EQ(got.legacy_runs, 0);
}

TEST(OdfTextTest, DeletionsCommentsNotesLeftOutTextBoxOnce) {
  const std::string deleted =
      "<text:tracked-changes><text:changed-region text:id=\"c1\"><text:deletion>"
      "<office:change-info/>" +
      P("đã xóa") +
      "</text:deletion></text:changed-region>"
      "</text:tracked-changes>";
  const OfficeText got = Read(Content(
      Text(deleted +
           P("Trước<text:change text:change-id=\"c1\"/> sau<office:annotation><dc:creator "
             "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">A</dc:creator>" +
             P("ghi chú") +
             "</office:annotation><text:note text:note-class=\"footnote\"><text:note-citation>1"
             "</text:note-citation><text:note-body>" +
             P("chú thích") + "</text:note-body></text:note>") +
           P("UBND<draw:frame draw:name=\"f\"><draw:text-box>" + P("CỘNG HÒA") +
             "</draw:text-box><draw:image/></draw:frame>") +
           P("Số: 1") +
           // A frame anchored to the page sits among the paragraphs.
           "<draw:frame text:anchor-type=\"page\"><draw:text-box>" + P("Mẫu 01") +
           "</draw:text-box></draw:frame>")));
  EXPECT_EQ(got.text, "Trước sau\nUBND\nCỘNG HÒA\nSố: 1\nMẫu 01\n");
}

// styles.xml with the master pages `masters` (style:master-page elements)
// and a paragraph style "Legacy" in .VnTime.
std::string MasterStyles(const std::string& masters) {
  return Styles("<office:styles><style:style style:name=\"Legacy\" style:family=\"paragraph\">"
                "<style:text-properties style:font-name=\".VnTime\"/></style:style>"
                "</office:styles><office:master-styles>" +
                masters + "</office:master-styles>");
}
std::string Master(const std::string& name, const std::string& inner) {
  return "<style:master-page style:name=\"" + name + "\">" + inner + "</style:master-page>";
}

TEST(OdfTextTest, FirstPageHeaderComesFirst) {
  const std::string body = Text(P("KẾ HOẠCH"));
  const std::string standard =
      Master("Standard", "<style:header><text:p text:style-name=\"Legacy\">Tr\u00adêng TH Hoµ "
                         "B×nh</text:p><text:p>- <text:page-number>1</text:page-number> -</text:p>"
                         "</style:header><style:footer>" +
                             P("chân trang") + "</style:footer>");
  // "Standard" when the first paragraph names no master page; page numbers
  // and footers left out; the header's own fonts.
  EXPECT_EQ(Read(Content(body), MasterStyles(Master("Other", "<style:header>" + P("khác") +
                                                                 "</style:header>") +
                                             standard))
                .text,
            "Trường TH Hoà Bình\n\nKẾ HOẠCH\n");
  // The master page the first paragraph's style asks for; its first-page
  // header when it has one.
  const std::string landscape = Master(
      "Landscape", "<style:header>" + P("mọi trang") + "</style:header><style:header-first>" +
                       P("trang đầu") + "</style:header-first>");
  EXPECT_EQ(Read(Content(Text("<text:p text:style-name=\"P1\">KẾ HOẠCH</text:p>"),
                         "<style:style style:name=\"P1\" style:family=\"paragraph\" "
                         "style:master-page-name=\"Landscape\"/>"),
                 MasterStyles(standard + landscape))
                .text,
            "trang đầu\n\nKẾ HOẠCH\n");
  // A hidden header, or none, adds nothing.
  EXPECT_EQ(Read(Content(body), MasterStyles(Master("Standard", "<style:header style:display=\"false\">" +
                                                                   P("ẩn") + "</style:header>")))
                .text,
            "KẾ HOẠCH\n");
  EXPECT_EQ(Read(Content(body), MasterStyles(Master("Standard", ""))).text, "KẾ HOẠCH\n");
}

TEST(OdfTextTest, FlatDocumentsReadAsPackagesAre) {
  // LibreOffice's .fodt: one XML file with styles, master pages and body.
  const std::string fodt =
      std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- saved -->\n"
                  "<office:document ") +
      kOdfNamespaces +
      " office:mimetype=\"application/vnd.oasis.opendocument.text\">"
      "<office:styles><style:style style:name=\"Legacy\" style:family=\"paragraph\">"
      "<style:text-properties style:font-name=\".VnTime\"/></style:style></office:styles>"
      "<office:master-styles>" +
      Master("Standard", "<style:header>" + P("UBND HUYỆN TÂN PHÚ") + "</style:header>") +
      "</office:master-styles><office:body>" +
      Text("<text:p text:style-name=\"Legacy\">KÕ ho¹ch</text:p>" +
           Table(Row(Cell(P("TT")) + Cell(P("Tiêu chí")) + Cell(P("Ghi chú"))))) +
      "</office:body></office:document>";
  EXPECT_TRUE(LooksLikeFlatOdf(fodt));
  auto got = FlatOdfToText(fodt);
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->route, "odt");
  EXPECT_EQ(got->text, "UBND HUYỆN TÂN PHÚ\n\nKế hoạch\nTT\tTiêu chí\tGhi chú\n");
  EXPECT_EQ(got->legacy_runs, 1);

  // Neither the parts of a package, nor other XML, nor text that names
  // the namespace.
  EXPECT_FALSE(LooksLikeFlatOdf(Content(Text(P("a")))));
  EXPECT_FALSE(LooksLikeFlatOdf("<?xml version=\"1.0\"?><document/>"));
  EXPECT_FALSE(LooksLikeFlatOdf("Kế hoạch urn:oasis:names:tc:opendocument:xmlns:office:1.0"));
  auto content = FlatOdfToText(Content(Text(P("a"))));
  ASSERT_FALSE(content);
  EXPECT_EQ(content.error().code, ErrorCode::kInputError);
  auto broken = FlatOdfToText(fodt.substr(0, fodt.size() / 2));
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, ErrorCode::kInputError);
}

TEST(OdfTextTest, TableRowsSpansCoveredAndNested) {
  const std::string nested = "<table:table>" + Row(Cell(P("a")) + Cell(P("b"))) + "</table:table>";
  const std::string table =
      Table("<table:table-header-rows>" +
            Row(Cell(P("TT")) + Cell(P("Tiêu chuẩn,") + P("tiêu chí")) + Cell(P("Kết quả"))) +
            "</table:table-header-rows>" +
            Row(Cell(P("MỨC 1, 2, 3"), " table:number-columns-spanned=\"3\"") +
                "<table:covered-table-cell table:number-columns-repeated=\"2\"/>") +
            Row(Cell(P("1"), " table:number-rows-spanned=\"2\"") + Cell(P("Tiêu chí 1.9")) +
                Cell(P("Giáo viên") + nested)) +
            Row("<table:covered-table-cell/>" + Cell(P("Tiêu chí 1.10")) + Cell(P(""))) +
            Row(Cell("") + Cell("") + Cell(P(""))) +
            // A writer that leaves the covered cells out: the span still counts.
            Row(Cell(P("x"), " table:number-columns-spanned=\"2\"") + Cell(P("Đạt"))));
  // A declared column empty in every row is kept, as Word's are.
  const std::string empty_last = Table(Row(Cell(P("a")) + Cell(P("b")) + Cell("")), 3);
  EXPECT_EQ(Read(Content(Text(empty_last))).text, "a\tb\t\n");
  EXPECT_EQ(Read(Content(Text(P("III. NỘI DUNG") + table + P("IV. TỔ CHỨC")))).text,
            "III. NỘI DUNG\n"
            "TT\tTiêu chuẩn, tiêu chí\tKết quả\n"
            "MỨC 1, 2, 3\t\t\n"
            "1\tTiêu chí 1.9\tGiáo viên a b\n"
            "\tTiêu chí 1.10\t\n"
            "x\t\tĐạt\n"
            "IV. TỔ CHỨC\n");
}

TEST(OdfTextTest, RepeatedEmptyCellsAndRowsDoNotExplode) {
  // LibreOffice pads rows with 1024 repeated empty columns (a table pasted
  // from Calc declares them too: it ends at its last column with text); a
  // repeated cell or row with text is repeated.
  const std::string table =
      std::string("<table:table><table:table-column table:number-columns-repeated=\"1024\"/>") +
      Row(Cell(P("A")) + Cell(P("B")) + Cell("", " table:number-columns-repeated=\"1021\"")) +
      Row(Cell(P("x"), " table:number-columns-repeated=\"2\"") +
          Cell("", " table:number-columns-repeated=\"2000000000\"")) +
      Row(Cell(P("r")) + Cell(P("s")), " table:number-rows-repeated=\"2\"") +
      Row(Cell("", " table:number-columns-repeated=\"1024\""),
          " table:number-rows-repeated=\"1048000\"") +
      "</table:table>";
  const OfficeText got = Read(Content(Text(table)));
  EXPECT_EQ(got.text, "A\tB\nx\tx\nr\ts\nr\ts\n");
}

TEST(OdfTextTest, RepeatedTextHasABudget) {
  // 64 KB of text repeated on 1000 columns of rows repeated 1000 times
  // would be 64 GB: the copies stop at the document's budget.
  const std::string big(64 << 10, 'x');
  const std::string table = Table(Row(Cell(P(big), " table:number-columns-repeated=\"1000\""),
                                      " table:number-rows-repeated=\"1000\""));
  const OfficeText got = Read(Content(Text(table)));
  EXPECT_GT(got.text.size(), size_t{15} << 20);
  EXPECT_LT(got.text.size(), size_t{17} << 20);
}

TEST(OdfTextTest, LegacyFontsThroughStyles) {
  // Font faces name the families (quoted, as LibreOffice writes them);
  // automatic styles of content.xml have parents in styles.xml; a span
  // sets its own font, else the paragraph's style (chain), else the
  // default paragraph style.
  const std::string faces =
      "<style:font-face style:name=\"VnTime1\" svg:font-family=\"'.VnTime'\"/>"
      "<style:font-face style:name=\"Arial\" svg:font-family=\"Arial\"/>";
  const std::string automatic =
      "<style:style style:name=\"P1\" style:family=\"paragraph\" "
      "style:parent-style-name=\"Title2\"/>"
      "<style:style style:name=\"T1\" style:family=\"text\"><style:text-properties "
      "style:font-name=\"Arial\"/></style:style>"
      "<style:style style:name=\"T2\" style:family=\"text\"><style:text-properties "
      "fo:font-family=\"VNI-Times\"/></style:style>";
  const std::string styles = Styles(
      "<office:font-face-decls><style:font-face style:name=\"VnTimeH\" "
      "svg:font-family=\".VnTimeH\"/></office:font-face-decls>"
      "<office:styles><style:default-style style:family=\"paragraph\"><style:text-properties "
      "style:font-name=\"VnTime1\"/></style:default-style>"
      "<style:style style:name=\"Title\" style:family=\"paragraph\"><style:text-properties "
      "style:font-name=\"VnTimeH\"/></style:style>"
      "<style:style style:name=\"Title2\" style:family=\"paragraph\" "
      "style:parent-style-name=\"Title\"/></office:styles>");
  const OfficeText got =
      Read(Content(Text(P("KÕ ho<text:span>¹ch c¶i</text:span> tiÕn") +
                        "<text:p text:style-name=\"P1\">kÕ ho¹ch</text:p>" +
                        P("<text:span text:style-name=\"T1\">Kế hoạch</text:span> "
                          "<text:span text:style-name=\"T2\">Keá hoaïch</text:span>")),
                   automatic, faces),
           styles);
  EXPECT_EQ(got.text, "Kế hoạch cải tiến\nKẾ HOẠCH\nKế hoạch Kế hoạch\n");
  EXPECT_EQ(got.legacy_runs, 3);  // the space between the spans reads the same
}

TEST(OdfTextTest, SpreadsheetSheetsCellsAndFonts) {
  const std::string automatic =
      "<style:style style:name=\"ta2\" style:family=\"table\"><style:table-properties "
      "table:display=\"false\"/></style:style>"
      "<style:style style:name=\"ce1\" style:family=\"table-cell\"><style:text-properties "
      "style:font-name=\"VnTime\"/></style:style>";
  const std::string faces = "<style:font-face style:name=\"VnTime\" svg:font-family=\".VnTime\"/>";
  const std::string sheet1 =
      "<table:table table:name=\"Kế hoạch\"><table:table-column/>"
      "<table:table-column table:default-cell-style-name=\"ce1\"/>"
      "<table:table-column table:number-columns-repeated=\"1022\"/>" +
      Row(Cell(P("KẾ HOẠCH")) + Cell("", " table:number-columns-repeated=\"1023\"")) +
      Row(Cell("", " table:number-columns-repeated=\"1024\""),
          " table:number-rows-repeated=\"2\"") +
      Row(Cell(P("TT"), " office:value-type=\"string\"") + Cell(P("Tiªu chÝ")) +
          Cell(P("Ghi chú"))) +
      Row(Cell(P("1"), " office:value-type=\"float\" office:value=\"1\"") +
          // Its own style (undefined: no font) wins over its column's.
          Cell(P("TC 1.1") + P("dòng 2"), " table:style-name=\"Default\"") +
          "<table:covered-table-cell/>" +
          Cell("<office:annotation>" + P("ý kiến") + "</office:annotation>")) +
      "</table:table>";
  const std::string hidden = "<table:table table:name=\"Ẩn\" table:style-name=\"ta2\">" +
                             Row(Cell(P("ẩn"))) + "</table:table>";
  const std::string sheet3 = "<table:table table:name=\"Sheet3\">" +
                             Row(Cell(P("Trang 2")) + Cell(P("x"))) + "</table:table>";
  const OfficeText got =
      Read(Content("<office:spreadsheet>" + sheet1 + hidden + sheet3 + "</office:spreadsheet>",
                   automatic, faces));
  EXPECT_EQ(got.route, "ods");
  EXPECT_EQ(got.text,
            "KẾ HOẠCH\n"
            "\n"
            "TT\tTiêu chí\tGhi chú\n"
            "1\tTC 1.1 dòng 2\t\n"
            "\n"
            "Trang 2\tx\n");
  EXPECT_EQ(got.legacy_runs, 1);
}

TEST(OdfTextTest, BrokenPartsAreInputErrors) {
  EXPECT_EQ(OdfToText("<office:document-content", "").error().code, ErrorCode::kInputError);
  auto presentation = OdfToText(Content("<office:presentation/>"), "");
  ASSERT_FALSE(presentation);
  EXPECT_EQ(presentation.error().code, ErrorCode::kInputError);
  EXPECT_NE(presentation.error().message.find("presentation"), std::string::npos);
  EXPECT_FALSE(OdfToText(Content(""), ""));
  // Styles that do not parse leave the fonts unresolved, not the text.
  auto got = OdfToText(Content(Text(P("Kế hoạch"))), "<office:document-styles");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->text, "Kế hoạch\n");
}

// Mangled XML never crashes the reader: text or an input error; fixed seed.
TEST(OdfTextTest, SurvivesMangledXml) {
  const std::string base =
      Content(Text(P("KẾ<text:line-break/>HOẠCH<text:s text:c=\"9\"/>") +
                   Table(Row(Cell(P("1"), " table:number-columns-spanned=\"2\"") +
                             "<table:covered-table-cell/>" +
                             Cell(P("Tiêu chí 1.9"), " table:number-columns-repeated=\"3\"")))),
              "<style:style style:name=\"T1\" style:family=\"text\"/>");
  std::mt19937 rng(7);
  int parsed = 0;
  for (int i = 0; i < 300; ++i) {
    std::string s = base;
    testing::Mangle(&s, &rng, 6);
    auto got = OdfToText(s, s);
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
