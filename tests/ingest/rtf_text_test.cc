#include "ingest/rtf_text.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "testing/mangle.h"

namespace vnplan::ingest {
namespace {

// The text of `rtf`, or a failure.
std::string Text(const std::string& rtf) {
  auto got = RtfToText(rtf);
  EXPECT_TRUE(got) << (got ? "" : got.error().message);
  return got ? got->text : "";
}

const std::string kFonts =
    "{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}{\\f1\\fnil\\fcharset0 .VnTime;}"
    "{\\f2\\fnil\\fcharset0 .VnTimeH;}{\\f3\\fnil VNI-Times;}{\\f4\\fcharset163 Arial;}}";

TEST(RtfTextTest, LooksLikeRtf) {
  EXPECT_TRUE(LooksLikeRtf("{\\rtf1\\ansi x}"));
  EXPECT_TRUE(LooksLikeRtf("\xEF\xBB\xBF\n {\\rtf1"));
  EXPECT_FALSE(LooksLikeRtf("Kế hoạch {\\rtf1"));
  EXPECT_FALSE(LooksLikeRtf(""));
  auto got = RtfToText("<html>");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::kInputError);
}

// Paragraphs and line breaks; escapes; \uN with its fallback skipped (\uc);
// a field's result kept and its instruction left out; footers, footnotes,
// pictures and \* destinations left out.
TEST(RtfTextTest, BodyTextOnly) {
  EXPECT_EQ(Text("{\\rtf1\\ansi " + kFonts +
                 "{\\footer Trang 1\\par}{\\*\\generator Word;}"
                 "\\f0 K\\u7871?\\u160?ho\\u7841?ch\\line n\\u259?m h\\u7885?c\\par "
                 "{\\uc2 \\u7889\\'3f\\'3fi}\\par "
                 "a \\{b\\} c\\\\d\\endash\\ldblquote e\\rdblquote{\\footnote 1 ghi ch\\'fa}\\par "
                 "{\\field{\\*\\fldinst HYPERLINK \"x\"}{\\fldrslt Website}}{\\pict 0a0b}\\par}"),
            "Kế hoạch\nnăm học\nối\na {b} c\\d–“e”\nWebsite\n");
}

// Table rows: cells end with \cell, rows with \row; a cell's paragraphs
// join; text after the table is a paragraph again.
TEST(RtfTextTest, TableRowsAsTabSeparatedLines) {
  EXPECT_EQ(Text("{\\rtf1\\ansi " + kFonts + "\\f0 KE HOACH\\par "
                 "\\trowd\\cellx1000\\cellx2000\\cellx3000"
                 "\\pard\\intbl TT\\cell Ti\\u234?u ch\\u237?\\cell Ghi ch\\u250?\\cell\\row "
                 "\\trowd\\pard\\intbl 1\\cell D\\u242?ng 1\\par d\\u242?ng 2\\cell \\cell\\row "
                 "\\pard Sau b\\u7843?ng\\par}"),
            "KE HOACH\nTT\tTiêu chí\tGhi chú\n1\tDòng 1 dòng 2\t\nSau bảng\n");
}

// Bytes in a .VnTime run are TCVN3, as Windows-1252 readers show them
// ("KÕ ho¹ch"), written as \'hh or as \uN of the Windows-1252 character;
// the soft hyphen \- is TCVN3 "ư". .VnTimeH draws capitals, VNI-Times is
// VNI; a font with \fcharset163, or the document's \ansicpg1258, is
// Windows-1258 (combining tone bytes).
TEST(RtfTextTest, LegacyFontsAndCodePages) {
  EXPECT_EQ(Text("{\\rtf1\\ansi " + kFonts + "{\\f1 K\\'d5 ho\\u185\\'b9ch tr\\-\\'eang}\\par}"),
            "Kế hoạch trường\n");
  EXPECT_EQ(Text("{\\rtf1\\ansi " + kFonts + "{\\f2 k\\'d5 ho\\'b9ch}\\par}"), "KẾ HOẠCH\n");
  EXPECT_EQ(Text("{\\rtf1\\ansi " + kFonts + "{\\f3 Ke\\'e1 hoa\\'efch}\\par}"), "Kế hoạch\n");
  EXPECT_EQ(Text("{\\rtf1\\ansi " + kFonts + "{\\f4 K\\'ea\\'ec hoa\\'f2ch}\\par}"), "Kế hoạch\n");
  EXPECT_EQ(Text("{\\rtf1\\ansi\\ansicpg1258 " + kFonts + "\\f0 K\\'ea\\'ec hoa\\'f2ch\\par}"),
            "Kế hoạch\n");
  // Windows-1252 otherwise; a group's font ends with the group.
  EXPECT_EQ(Text("{\\rtf1\\ansi " + kFonts + "\\f0 caf\\'e9 {\\f1 \\'d5}\\'d5\\par}"), "café ếÕ\n");
}

// The first page's header (a letterhead kept there) comes before the
// body, its page-number field left out: \headerf with a title page
// (\titlepg), else the header of every page.
TEST(RtfTextTest, FirstPageHeaderBeforeTheBody) {
  const std::string headers =
      "{\\header {\\field{\\*\\fldinst PAGE}{\\fldrslt 2}}\\par}"
      "{\\headerf UBND HUY\\u7878?N\\par {\\f1 tr\\-\\'eang}\\tab S\\u7889?: 12\\par}";
  EXPECT_EQ(Text("{\\rtf1\\ansi " + kFonts + "\\titlepg" + headers + "\\f0 K\\u7871? ho\\u7841?ch\\par}"),
            "UBND HUYỆN\ntrường Số: 12\n\nKế hoạch\n");
  EXPECT_EQ(Text("{\\rtf1\\ansi " + kFonts + headers + "\\f0 K\\u7871? ho\\u7841?ch\\par}"),
            "Kế hoạch\n");  // only a page number on every page's header
  // A header whose closing brace was lost keeps the body read before it.
  EXPECT_EQ(Text("{\\rtf1\\ansi " + kFonts + "\\f0 Th\\u226?n b\\u224?i\\par {\\header Trang"),
            "Trang\n\nThân bài\n");
}

TEST(RtfTextTest, DeepNestingIsRefused) {
  auto got = RtfToText("{\\rtf1" + std::string(2000, '{') + "x" + std::string(2000, '}') + "}");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::kInputError);
  // Unbalanced braces at the end are forgiven.
  EXPECT_EQ(Text("{\\rtf1 a\\par }}}"), "a\n");
  EXPECT_EQ(Text("{\\rtf1 {b\\par"), "b\n");
}

// Damaged files end in text or a clean error, never a crash.
TEST(RtfTextTest, MangledInputsDoNotCrash) {
  const std::string rtf = "{\\rtf1\\ansi " + kFonts +
                          "\\pard\\intbl {\\f1 K\\'d5}\\cell \\u7871?\\cell\\row "
                          "{\\field{\\*\\fldinst X}{\\fldrslt Y}}\\bin4 abcd\\par}";
  std::mt19937 rng(7);
  for (int k = 0; k < 500; ++k) {
    std::string mangled = rtf;
    testing::Mangle(&mangled, &rng, 6);
    auto got = RtfToText(mangled);
    if (!got) {
      EXPECT_EQ(got.error().code, ErrorCode::kInputError);
    }
  }
}

}  // namespace
}  // namespace vnplan::ingest
