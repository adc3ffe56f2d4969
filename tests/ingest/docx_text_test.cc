#include "ingest/docx_text.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "samples/docx_writer.h"

#include "testing/mangle.h"
#include "testing/temp_dir.h"

namespace vnplan::ingest {
namespace {

namespace fs = std::filesystem;
using samples::kWordNamespace;

std::string Document(const std::string& body) {
  return std::string("<?xml version=\"1.0\"?><w:document ") + kWordNamespace +
         " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"><w:body>" +
         body + "<w:sectPr/></w:body></w:document>";
}

std::string Styles(const std::string& styles) {
  return std::string("<?xml version=\"1.0\"?><w:styles ") + kWordNamespace + ">" + styles +
         "</w:styles>";
}

std::string P(const std::string& runs) { return "<w:p>" + runs + "</w:p>"; }
std::string R(const std::string& text) {
  return "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r>";
}
std::string Tc(const std::string& content, const std::string& properties = "") {
  return "<w:tc>" + (properties.empty() ? "" : "<w:tcPr>" + properties + "</w:tcPr>") + content +
         "</w:tc>";
}

std::string TextOf(const std::string& body, const std::string& styles = "") {
  auto got = DocxToText(Document(body), styles.empty() ? "" : Styles(styles));
  EXPECT_TRUE(got.has_value()) << (got ? "" : got.error().message);
  return got ? got->text : "";
}

TEST(DocxTextTest, ParagraphsRunsAndBreaks) {
  EXPECT_EQ(TextOf(P(R("Số: 215/") + R("KH-ĐBL") + "<w:r><w:tab/><w:t>Tân Phú</w:t></w:r>") +
                   P("") +
                   P(R("KẾ HOẠCH") + "<w:r><w:br/></w:r>" + R("CẢI   TIẾN ")) +
                   // Revisions: the deletion goes, the insertion stays.
                   P("<w:del><w:r><w:delText>cũ </w:delText></w:r></w:del>"
                     "<w:ins><w:r><w:t>mới</w:t></w:r></w:ins>") +
                   // A field: its code goes, its result stays.
                   P("<w:r><w:instrText> PAGE </w:instrText></w:r>" + R("3")) +
                   P("<w:hyperlink><w:r><w:t>moet.gov.vn</w:t></w:r></w:hyperlink>") +
                   "<w:sdt><w:sdtContent>" + P(R("Năm học 2024")) + "</w:sdtContent></w:sdt>"),
            "Số: 215/KH-ĐBL Tân Phú\n"
            "\n"
            "KẾ HOẠCH\n"
            "CẢI TIẾN\n"
            "mới\n"
            "3\n"
            "moet.gov.vn\n"
            "Năm học 2024\n");
}

TEST(DocxTextTest, TextBoxOnceAfterItsParagraph) {
  // Word writes a text box twice: the drawing (Choice) and a VML copy.
  const std::string box = "<w:txbxContent>" + P(R("CỘNG HÒA")) + "</w:txbxContent>";
  EXPECT_EQ(TextOf(P("<w:r><mc:AlternateContent><mc:Choice><w:drawing>" + box +
                     "</w:drawing></mc:Choice><mc:Fallback><w:pict>" + box +
                     "</w:pict></mc:Fallback></mc:AlternateContent></w:r>" + R("UBND")) +
                   P(R("Số: 1"))),
            "UBND\nCỘNG HÒA\nSố: 1\n");
}

TEST(DocxTextTest, TableRowsBecomeTabSeparatedLines) {
  const std::string table =
      "<w:tbl>"
      "<w:tr>" + Tc(P(R("TT"))) + Tc(P(R("Tiêu chuẩn,")) + P(R("tiêu chí"))) + Tc(P(R("Kết quả"))) +
      "</w:tr>"
      "<w:tr>" + Tc(P(R("MỨC 1, 2, 3")), "<w:gridSpan w:val=\"3\"/>") + "</w:tr>"
      "<w:tr>" + Tc(P(R("1")), "<w:vMerge w:val=\"restart\"/>") + Tc(P(R("Tiêu chí 1.9"))) +
      Tc(P(R("Giáo viên")) + "<w:tbl><w:tr>" + Tc(P(R("a"))) + Tc(P(R("b"))) + "</w:tr></w:tbl>") +
      "</w:tr>"
      "<w:tr>" + Tc(P(""), "<w:vMerge/>") + Tc(P(R("Tiêu chí 1.10"))) + Tc(P("")) + "</w:tr>"
      "<w:tr>" + Tc(P("")) + Tc(P("")) + Tc(P("")) + "</w:tr>"
      "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>" + Tc(P(R("Tiêu chí 2.1"))) +
      Tc(P(R("Đạt"))) + "</w:tr>"
      "</w:tbl>";
  EXPECT_EQ(TextOf(P(R("III. NỘI DUNG")) + table + P(R("IV. TỔ CHỨC"))),
            "III. NỘI DUNG\n"
            "TT\tTiêu chuẩn, tiêu chí\tKết quả\n"
            "MỨC 1, 2, 3\t\t\n"
            "1\tTiêu chí 1.9\tGiáo viên a b\n"
            "\tTiêu chí 1.10\t\n"
            "\tTiêu chí 2.1\tĐạt\n"
            "IV. TỔ CHỨC\n");
}

TEST(DocxTextTest, LegacyFontsDecodedByRun) {
  // What Word stores for text typed in .VnTime (TCVN3), .VnTimeH (TCVN3
  // capitals: lower-case codes drawn as capitals) and VNI-Times: the
  // Windows-1252 characters of the bytes. Runs split inside a word.
  auto run = [](const std::string& font, const std::string& text) {
    return "<w:r><w:rPr><w:rFonts w:ascii=\"" + font + "\" w:hAnsi=\"" + font +
           "\"/></w:rPr><w:t xml:space=\"preserve\">" + text + "</w:t></w:r>";
  };
  EXPECT_EQ(TextOf(P(run(".VnTime", "KÕ ho") + run(".VnTime", "¹ch c¶i tiÕn")) +
                   P(run(".VnTimeH", "kÕ ho¹ch")) +
                   P(run("VNI-Times", "Keá hoaïch") + run("Times New Roman", " (Unicode: ổn)"))),
            "Kế hoạch cải tiến\n"
            "KẾ HOẠCH\n"
            "Kế hoạch (Unicode: ổn)\n");
  auto got = DocxToText(Document(P(run(".VnTime", "KÕ"))), "");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->legacy_runs, 1);
}

TEST(DocxTextTest, LegacyFontsFromStyles) {
  const std::string styles =
      "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\".VnTime\" w:hAnsi=\".VnTime\"/>"
      "</w:rPr></w:rPrDefault></w:docDefaults>"
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
      "</w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Title0\"><w:rPr><w:rFonts w:ascii=\".VnTimeH\"/>"
      "</w:rPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Title1\"><w:basedOn w:val=\"Title0\"/></w:style>"
      "<w:style w:type=\"character\" w:styleId=\"Uni\"><w:rPr><w:rFonts w:ascii=\"Arial\"/>"
      "</w:rPr></w:style>";
  EXPECT_EQ(TextOf(P(R("KÕ ho¹ch")) +
                   "<w:p><w:pPr><w:pStyle w:val=\"Title1\"/></w:pPr>" + R("kÕ ho¹ch") + "</w:p>" +
                   P("<w:r><w:rPr><w:rStyle w:val=\"Uni\"/></w:rPr><w:t>Kế hoạch</w:t></w:r>"),
                   styles),
            "Kế hoạch\nKẾ HOẠCH\nKế hoạch\n");
}

std::string Header(const std::string& body) {
  return std::string("<?xml version=\"1.0\"?><w:hdr ") + kWordNamespace + ">" + body +
         "</w:hdr>";
}

// A document whose first section is `section` (its sectPr's content),
// ended by a paragraph, then a second section; each header relationship id
// reads as the header "<id> header".
std::string TextWithHeaders(const std::string& section) {
  const std::string xml = std::string("<?xml version=\"1.0\"?><w:document ") + kWordNamespace +
                          " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                          "relationships\"><w:body>" +
                          "<w:p><w:pPr><w:sectPr>" + section + "</w:sectPr></w:pPr>" +
                          R("UBND HUYỆN TÂN PHÚ") + "</w:p>" + P(R("Trang hai")) +
                          "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rLast\"/>"
                          "</w:sectPr></w:body></w:document>";
  auto got = DocxToText(xml, "", [](const std::string& id) -> std::optional<std::string> {
    if (id == "rMissing") return std::nullopt;
    if (id == "rBroken") return "<w:hdr";
    if (id == "rPage") return Header(P("<w:r><w:instrText> PAGE </w:instrText></w:r>" + R("- 1 -")));
    return Header(P(R(id + " header")));
  });
  EXPECT_TRUE(got.has_value()) << (got ? "" : got.error().message);
  return got ? got->text : "";
}

TEST(DocxTextTest, FirstPageHeaderComesFirst) {
  // The first section's default header, not the last section's.
  EXPECT_EQ(TextWithHeaders("<w:headerReference w:type=\"default\" r:id=\"rDefault\"/>"),
            "rDefault header\n\nUBND HUYỆN TÂN PHÚ\nTrang hai\n");
  // A distinct title page prints the "first" header on page 1.
  EXPECT_EQ(TextWithHeaders("<w:headerReference w:type=\"default\" r:id=\"rDefault\"/>"
                            "<w:headerReference w:type=\"first\" r:id=\"rFirst\"/><w:titlePg/>"),
            "rFirst header\n\nUBND HUYỆN TÂN PHÚ\nTrang hai\n");
  EXPECT_EQ(TextWithHeaders("<w:headerReference w:type=\"default\" r:id=\"rDefault\"/>"
                            "<w:headerReference w:type=\"first\" r:id=\"rFirst\"/>"
                            "<w:titlePg w:val=\"0\"/>"),
            "rDefault header\n\nUBND HUYỆN TÂN PHÚ\nTrang hai\n");
  // A title page without a header of its own has an empty header there.
  EXPECT_EQ(TextWithHeaders("<w:headerReference w:type=\"default\" r:id=\"rDefault\"/><w:titlePg/>"),
            "UBND HUYỆN TÂN PHÚ\nTrang hai\n");
  // Page numbers, missing and broken parts add nothing.
  for (const char* id : {"rPage", "rMissing", "rBroken"}) {
    EXPECT_EQ(TextWithHeaders(std::string("<w:headerReference w:type=\"default\" r:id=\"") + id +
                              "\"/>"),
              "UBND HUYỆN TÂN PHÚ\nTrang hai\n")
        << id;
  }
}

TEST(DocxTextTest, BrokenPartsAreInputErrors) {
  EXPECT_EQ(DocxToText("<w:document", "").error().code, ErrorCode::kInputError);
  EXPECT_EQ(DocxToText(std::string("<w:document ") + kWordNamespace + "/>", "").error().code,
            ErrorCode::kInputError);
  // Styles that do not parse leave the fonts unresolved, not the text.
  auto got = DocxToText(Document(P(R("Kế hoạch"))), "<w:styles");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->text, "Kế hoạch\n");
}

// Mangled XML (random bytes changed, cut or inserted) never crashes the
// reader: it gives text or an input error; deterministic (fixed seed).
TEST(DocxTextTest, SurvivesMangledXml) {
  const std::string base = Document(
      P(R("KẾ HOẠCH") + "<w:r><w:br/></w:r>") +
      "<w:tbl><w:tr>" + Tc(P(R("1")), "<w:gridSpan w:val=\"2\"/>") + Tc(P(R("Tiêu chí 1.9"))) +
      "</w:tr></w:tbl>");
  std::mt19937 rng(5);
  int parsed = 0;
  for (int i = 0; i < 300; ++i) {
    std::string s = base;
    testing::Mangle(&s, &rng, 6);
    auto got = DocxToText(s, s);
    if (got) {
      ++parsed;
    } else {
      EXPECT_EQ(got.error().code, ErrorCode::kInputError);
    }
  }
  EXPECT_GT(parsed, 0);  // some edits land in text and keep the XML valid
}

class DocxFileTest : public testing::TempDirTest {
 protected:
  DocxFileTest() : TempDirTest("docx") {}
};

TEST_F(DocxFileTest, ReadsThePartsTheRelationshipsName) {
  const fs::path path = dir_ / "a.docx";
  ASSERT_TRUE(samples::WriteDocx(
      path, P(R("KÕ ho¹ch")),
      "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\".VnTime\"/></w:rPr></w:rPrDefault>"
      "</w:docDefaults>",
      "word/document2.xml"));
  auto got = ReadDocx(path);
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->text, "Kế hoạch\n");
}

TEST_F(DocxFileTest, ReadsTheFirstPageHeaderThroughTheRelationships) {
  const std::string rels_ns =
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"";
  const std::string type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  const fs::path path = dir_ / "header.docx";
  ASSERT_TRUE(samples::WriteZip(
      path,
      {{"_rels/.rels", "<Relationships " + rels_ns + "><Relationship Id=\"rId1\" Type=\"" + type +
                           "officeDocument\" Target=\"word/document.xml\"/></Relationships>"},
       {"word/document.xml",
        std::string("<w:document ") + kWordNamespace +
            " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            "<w:body>" +
            P(R("KẾ HOẠCH")) +
            "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId9\"/></w:sectPr>"
            "</w:body></w:document>"},
       {"word/_rels/document.xml.rels",
        "<Relationships " + rels_ns + "><Relationship Id=\"rId9\" Type=\"" + type +
            "header\" Target=\"header1.xml\"/><Relationship Id=\"rId2\" Type=\"" + type +
            "styles\" Target=\"styles.xml\"/></Relationships>"},
       // The header's runs are in the document's default font, .VnTime.
       {"word/header1.xml", Header(P(R("Tr­êng TH Hoµ B×nh")))},
       {"word/styles.xml", Styles("<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts "
                                  "w:ascii=\".VnTime\"/></w:rPr></w:rPrDefault></w:docDefaults>")}}));
  auto got = ReadDocx(path);
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->text, "Trường TH Hoà Bình\n\nKẾ HOẠCH\n");
}

TEST_F(DocxFileTest, OtherFilesAreInputErrors) {
  const fs::path xlsx = dir_ / "a.xlsx";
  ASSERT_TRUE(samples::WriteZip(xlsx, {{"xl/workbook.xml", "<workbook/>"}}));
  auto not_word = ReadDocx(xlsx);
  ASSERT_FALSE(not_word);
  EXPECT_EQ(not_word.error().code, ErrorCode::kInputError);
  EXPECT_NE(not_word.error().message.find("not a Word .docx"), std::string::npos);

  const fs::path truncated = dir_ / "b.docx";
  std::ofstream(truncated, std::ios::binary) << "PK\x03\x04 truncated";
  auto broken = ReadDocx(truncated);
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, ErrorCode::kInputError);

  EXPECT_FALSE(ReadDocx(dir_ / "missing.docx"));
}

}  // namespace
}  // namespace vnplan::ingest
