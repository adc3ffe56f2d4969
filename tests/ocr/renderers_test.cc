#include "ocr/renderers.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <poppler-document.h>
#include <poppler-page.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <string>
#include <vector>

namespace vnplan::ocr {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

Word MakeWord(const std::string& text, int x0, int y0, int x1, int y1, float conf = 90) {
  Word w;
  w.text = text;
  w.box = {x0, y0, x1, y1};
  w.confidence = conf;
  return w;
}

// Two pages at 150 dpi (A6-ish: 620 x 874 px); words placed by hand.
OcrDocument MakeDocument() {
  OcrDocument doc;
  doc.source = "/tmp/ke hoach.pdf";
  for (int p = 1; p <= 2; ++p) {
    OcrPage page;
    page.image.width = 620;
    page.image.height = 874;
    page.image.dpi = 150;
    page.image.pixels.assign(620 * 874, 255);
    page.page.number = p;
    page.page.width = 620;
    page.page.height = 874;
    page.page.dpi = 150;
    Line l1;
    l1.words = {MakeWord("Kế", 100, 100, 150, 130), MakeWord("hoạch", 160, 100, 280, 130),
                MakeWord(p == 1 ? "năm" : "trang<2>", 290, 100, 380, 130)};
    l1.box = {100, 100, 380, 130};
    Line l2;
    l2.words = {MakeWord("Trường", 100, 150, 240, 180, 55.4f)};
    l2.box = {100, 150, 240, 180};
    Block b;
    b.lines = {l1, l2};
    b.box = {100, 100, 380, 180};
    page.page.blocks = {b};
    doc.pages.push_back(std::move(page));
  }
  return doc;
}

TEST(DocumentTextTest, JoinsPagesWithFormFeed) {
  EXPECT_EQ(DocumentText(MakeDocument()),
            "Kế hoạch năm\nTrường\n\f\nKế hoạch trang<2>\nTrường\n");
}

// Checks that every opened tag is closed in order (a minimal XML check that
// needs no parser dependency) and returns the number of elements.
int CheckBalancedTags(const std::string& xml) {
  std::vector<std::string> stack;
  int elements = 0;
  std::regex tag(R"(<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*?)(/?)>)");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), tag); it != std::sregex_iterator();
       ++it) {
    const auto& m = *it;
    if (m[1].length() == 0 && m[4].length() == 0) {
      stack.push_back(m[2]);
      ++elements;
    } else if (m[1].length() > 0) {
      EXPECT_FALSE(stack.empty()) << "stray </" << m[2] << ">";
      if (stack.empty()) return -1;
      EXPECT_EQ(stack.back(), m[2].str());
      stack.pop_back();
    } else {
      ++elements;
    }
  }
  EXPECT_TRUE(stack.empty());
  return elements;
}

TEST(HocrTest, WellFormedWithPagesLinesWordsAndConfidences) {
  const std::string hocr = DocumentHocr(MakeDocument());
  EXPECT_GT(CheckBalancedTags(hocr), 10);
  EXPECT_THAT(hocr, HasSubstr("<div class='ocr_page' id='page_2' title='image \"\"; bbox 0 0 620 874; ppageno 1; scan_res 150 150'>"));
  EXPECT_THAT(hocr, HasSubstr("<span class='ocrx_word' id='word_1_2' title='bbox 160 100 280 130; x_wconf 90'>hoạch</span>"));
  EXPECT_THAT(hocr, HasSubstr("x_wconf 55'>Trường<"));
  EXPECT_THAT(hocr, HasSubstr(">trang&lt;2&gt;<"));  // escaped
  EXPECT_THAT(hocr, HasSubstr("<title>ke hoach.pdf</title>"));
  size_t words = 0;
  for (size_t pos = 0; (pos = hocr.find("class='ocrx_word'", pos)) != std::string::npos; ++pos) ++words;
  EXPECT_EQ(words, 8u);
}

TEST(HocrTest, LineTitlesCarryBaselineAndFontSizesWhenGiven) {
  OcrDocument doc = MakeDocument();
  doc.pages[0].line_metrics = {LineMetrics{0.0012, -7.4, 24.0f, 6.25f, 7.0f},
                               LineMetrics{-0.004, -6.0, 25.5f, 5.0f, 6.1234f}};
  const std::string hocr = DocumentHocr(doc);
  EXPECT_THAT(hocr, HasSubstr("<span class='ocr_line' id='line_1_1' title='bbox 100 100 380 130; "
                              "baseline 0.001 -7.4; x_size 24; x_descenders 6.25; "
                              "x_ascenders 7'>"));
  EXPECT_THAT(hocr, HasSubstr("<span class='ocr_line' id='line_1_2' title='bbox 100 150 240 180; "
                              "baseline -0.004 -6; x_size 25.5; x_descenders 5; "
                              "x_ascenders 6.123'>"));
  // Page 2 has no metrics: plain bbox titles, as before.
  EXPECT_THAT(hocr, HasSubstr("<span class='ocr_line' id='line_2_1' title='bbox 100 100 380 130'>"));
  // A count that does not match the lines is ignored rather than misapplied.
  doc.pages[0].line_metrics.pop_back();
  EXPECT_THAT(DocumentHocr(doc), ::testing::Not(HasSubstr("baseline")));
}

TEST(SearchablePdfTest, PopplerFindsTheInvisibleTextWhereTheWordsAre) {
  const fs::path path =
      fs::temp_directory_path() / ("vnplan_searchable_" + std::to_string(::getpid()) + ".pdf");
  ASSERT_TRUE(WriteSearchablePdf(MakeDocument(), path).has_value());
  std::unique_ptr<poppler::document> pdf(poppler::document::load_from_file(path.string()));
  ASSERT_NE(pdf, nullptr);
  ASSERT_EQ(pdf->pages(), 2);
  std::unique_ptr<poppler::page> page(pdf->create_page(0));
  // 620 px at 150 dpi = 297.6 pt.
  EXPECT_NEAR(page->page_rect().width(), 297.6, 0.1);
  EXPECT_NEAR(page->page_rect().height(), 874 * 72.0 / 150, 0.1);
  auto bytes = page->text().to_utf8();
  const std::string text(bytes.begin(), bytes.end());
  EXPECT_THAT(text, HasSubstr("Kế hoạch năm"));
  EXPECT_THAT(text, HasSubstr("Trường"));
  bool found = false;
  for (const poppler::text_box& box : page->text_list()) {
    auto u = box.text().to_utf8();
    if (std::string(u.begin(), u.end()) != "hoạch") continue;
    found = true;
    // Word box 160..280 x 100..130 px at 150 dpi, in points.
    EXPECT_NEAR(box.bbox().left(), 160 * 72.0 / 150, 2.0);
    EXPECT_NEAR(box.bbox().bottom(), 130 * 72.0 / 150, 3.0);
    EXPECT_LT(box.bbox().right(), 290 * 72.0 / 150 + 2);
  }
  EXPECT_TRUE(found);
  std::unique_ptr<poppler::page> page2(pdf->create_page(1));
  auto bytes2 = page2->text().to_utf8();
  EXPECT_THAT(std::string(bytes2.begin(), bytes2.end()), HasSubstr("trang<2>"));
  fs::remove(path);
}

TEST(SearchablePdfTest, UnwritablePathIsAnIoError) {
  auto s = WriteSearchablePdf(MakeDocument(), "/nonexistent-dir/x/out.pdf");
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kIo);
}

}  // namespace
}  // namespace vnplan::ocr
