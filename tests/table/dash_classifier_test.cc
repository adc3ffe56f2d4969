// Word boxes below are Tesseract 5.3 `vie` (psm 7) output on lines rendered
// with pango-view at 300 dpi, 12 pt, thresholded; font and true dash noted
// on each test.
#include "table/dash_classifier.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <utility>
#include <vector>

namespace vnplan::table {
namespace {

struct W {
  const char* text;
  int x0, y0, x1, y1;
  float conf;
};

Page MakePage(std::initializer_list<W> words) {
  Line line;
  for (const W& w : words)
    line.words.push_back(Word{w.text, Box{w.x0, w.y0, w.x1, w.y1}, w.conf, ""});
  Page page;
  page.blocks.push_back(Block{{line}, Box{}});
  return page;
}

const Word& At(const Page& page, size_t i) { return page.blocks[0].lines[0].words[i]; }

TEST(DashClassifierTest, EnDashReadAsEmDashPlusHyphenLiberationSerif) {
  // "Năm học 2025 – 2026", Liberation Serif: Tesseract says "—-" at 55.
  Page page = MakePage({{"Năm", 31, 40, 126, 76, 96},
                        {"học", 141, 39, 211, 83, 97},
                        {"2025", 227, 42, 323, 76, 93},
                        {"—-", 338, 61, 363, 64, 54.6f},
                        {"2026", 378, 42, 475, 76, 96}});
  EXPECT_EQ(ClassifyDashes(&page), 1);
  EXPECT_EQ(At(page, 3).text, "\u2013");
  EXPECT_GE(At(page, 3).confidence, 90.0f);
  EXPECT_EQ(PageText(page), "Năm học 2025 \u2013 2026\n");
}

TEST(DashClassifierTest, EnDashReadAsHyphenDejaVuSerif) {
  // DejaVu Serif: the en dash is narrower (0.54 of the figure height).
  Page page = MakePage({{"2025", 276, 39, 397, 78, 93},
                        {"-", 419, 62, 440, 65, 93},
                        {"2026", 461, 39, 583, 78, 95}});
  EXPECT_EQ(ClassifyDashes(&page), 1);
  EXPECT_EQ(At(page, 1).text, "\u2013");
}

TEST(DashClassifierTest, EnDashBetweenMonthsLiberationSans) {
  // "Từ tháng 9/2025 – 5/2026", Liberation Sans, read as an em dash.
  Page page = MakePage({{"Từ", 31, 38, 93, 76, 96},
                        {"tháng", 109, 38, 231, 86, 97},
                        {"9/2025", 250, 40, 400, 76, 93},
                        {"—", 416, 62, 444, 65, 91},
                        {"5/2026", 460, 40, 610, 76, 96}});
  EXPECT_EQ(ClassifyDashes(&page), 1);
  EXPECT_EQ(At(page, 3).text, "\u2013");
}

TEST(DashClassifierTest, HyphenStaysHyphen) {
  // "Năm học 2025 - 2026" with a real hyphen (Liberation Serif, Sans).
  Page serif = MakePage({{"2025", 227, 42, 323, 76, 93},
                         {"-", 340, 61, 353, 65, 93},
                         {"2026", 370, 42, 467, 76, 96}});
  EXPECT_EQ(ClassifyDashes(&serif), 0);
  EXPECT_EQ(At(serif, 1).text, "-");
  Page sans = MakePage({{"2025", 247, 40, 355, 76, 93},
                        {"—", 373, 61, 386, 65, 60},  // misread as an em dash
                        {"2026", 404, 40, 512, 76, 97}});
  EXPECT_EQ(ClassifyDashes(&sans), 1);
  EXPECT_EQ(At(sans, 1).text, "-");
}

TEST(DashClassifierTest, EmDashStaysEmDash) {
  Page page = MakePage({{"2025", 227, 42, 323, 76, 93},
                        {"—", 338, 61, 388, 64, 93},
                        {"2026", 403, 42, 500, 76, 97}});
  EXPECT_EQ(ClassifyDashes(&page), 0);
  EXPECT_EQ(At(page, 1).text, "\u2014");
}

TEST(DashClassifierTest, BulletHyphenAmongLettersStaysHyphen) {
  // "- Tổ chức cho học sinh": no number, the letters' height is the reference.
  Page page = MakePage({{"—", 32, 61, 45, 65, 50},
                        {"Tố", 60, 38, 113, 76, 79},
                        {"chức", 130, 39, 223, 76, 97},
                        {"cho", 239, 39, 307, 76, 97},
                        {"học", 323, 39, 393, 83, 97},
                        {"sinh", 409, 39, 489, 76, 97}});
  EXPECT_EQ(ClassifyDashes(&page), 1);
  EXPECT_EQ(At(page, 0).text, "-");
  EXPECT_GE(At(page, 0).confidence, 90.0f);
}

TEST(DashClassifierTest, LeavesUnderscoresBlobsAndTrailingDashesAlone) {
  // On the baseline: an underscore, not a dash.
  Page low = MakePage({{"2025", 227, 42, 323, 76, 93},
                       {"_", 338, 74, 363, 77, 40},
                       {"2026", 378, 42, 475, 76, 96}});
  EXPECT_EQ(ClassifyDashes(&low), 0);
  EXPECT_EQ(At(low, 1).confidence, 40.0f);
  // As thick as a letter: a blot read as "~", no longer trusted.
  Page thick = MakePage({{"2025", 227, 42, 323, 76, 93},
                         {"~", 338, 50, 363, 68, 90},
                         {"2026", 378, 42, 475, 76, 96}});
  EXPECT_EQ(ClassifyDashes(&thick), 0);
  EXPECT_EQ(At(thick, 1).text, "~");
  EXPECT_EQ(At(thick, 1).confidence, 0.0f);
  // No word beside it.
  Page alone = MakePage({{"—", 338, 61, 363, 64, 40}, {"-", 370, 61, 380, 64, 40}});
  EXPECT_EQ(ClassifyDashes(&alone), 0);
  EXPECT_EQ(At(alone, 0).confidence, 40.0f);
}

TEST(DashClassifierTest, EnDashAtTheEndOfAWrappedLine) {
  // "Năm học 2025 –" / "2026": the cell wraps after the dash.
  Page page = MakePage({{"Năm", 31, 40, 126, 76, 96},
                        {"học", 141, 39, 211, 83, 97},
                        {"2025", 227, 42, 323, 76, 93},
                        {"~—", 338, 61, 364, 65, 37}});
  EXPECT_EQ(ClassifyDashes(&page), 1);
  EXPECT_EQ(At(page, 3).text, "\u2013");
}

TEST(DashClassifierTest, SplitsADashGluedToANumber) {
  // Medium-preset scan (tools/table_bench, seed 1002): a cell wrapped as
  // "Năm học 2020" / "– 2021", the second line read "-2021" at 58.
  Page wrapped = MakePage({{"-2021", 1515, 904, 1603, 927, 58}});
  EXPECT_EQ(ClassifyDashes(&wrapped), 2);  // split off, then - -> –
  EXPECT_EQ(PageText(wrapped), "\u2013 2021\n");
  EXPECT_GE(At(wrapped, 0).confidence, 90.0f);
  // "2024— 2025" (Liberation Serif boxes, the space before the dash lost).
  Page page = MakePage({{"học", 141, 39, 211, 83, 97},
                        {"2024—", 227, 42, 357, 76, 80},
                        {"2025", 372, 42, 468, 76, 96}});
  EXPECT_EQ(ClassifyDashes(&page), 2);
  EXPECT_EQ(PageText(page), "học 2024 \u2013 2025\n");
  // A hyphen glued on: "2024 -2025", 13 pixels of hyphen and 4 of space.
  Page hyphen = MakePage({{"2024", 227, 42, 323, 76, 93}, {"-2025", 340, 42, 453, 76, 90}});
  EXPECT_EQ(ClassifyDashes(&hyphen), 1);
  EXPECT_EQ(PageText(hyphen), "2024 - 2025\n");
  // "2024-2025" stays one token: typeset without spaces.
  Page joined = MakePage({{"Năm", 31, 40, 126, 76, 96}, {"2024-2025", 141, 42, 370, 76, 90}});
  EXPECT_EQ(ClassifyDashes(&joined), 0);
  EXPECT_EQ(PageText(joined), "Năm 2024-2025\n");
}

TEST(DashClassifierTest, ASpeckReadAsADashLosesItsConfidence) {
  // "Không -": a 3-pixel dot after the word, read as "-" at 93.
  Page page = MakePage({{"Không", 100, 40, 230, 76, 93}, {"-", 240, 58, 243, 61, 93}});
  EXPECT_EQ(ClassifyDashes(&page), 0);
  EXPECT_EQ(At(page, 1).confidence, 0.0f);
  // Medium-preset scan: "Từtháng - 9/2020", a 4x2 speck above the line.
  Page high = MakePage({{"Từtháng", 1515, 1030, 1635, 1062, 34},
                        {"-", 1706, 1021, 1710, 1023, 82},
                        {"9/2020", 1722, 1032, 1812, 1056, 93}});
  EXPECT_EQ(ClassifyDashes(&high), 0);
  EXPECT_EQ(At(high, 1).confidence, 0.0f);
  // Medium preset: "Khoảng -" (an 8x7 dot at 91) and "Ngân sách -" (a
  // 9x23 upright stroke at 92) are not dashes.
  Page dot = MakePage({{"Khoảng", 1734, 464, 1838, 495, 91}, {"-", 1874, 478, 1882, 485, 91}});
  EXPECT_EQ(ClassifyDashes(&dot), 0);
  EXPECT_EQ(At(dot, 1).confidence, 0.0f);
  Page upright = MakePage({{"Ngân", 1735, 353, 1804, 384, 97},
                           {"sách", 1814, 352, 1872, 378, 93},
                           {"-", 1890, 365, 1899, 388, 92}});
  EXPECT_EQ(ClassifyDashes(&upright), 0);
  EXPECT_EQ(At(upright, 2).confidence, 0.0f);
}

TEST(DashClassifierTest, MediumScanBulletHyphen) {
  // "- Tổ chức ngày hội đọc sách," with the bullet boxed 9x5 at 58.
  Page page = MakePage({{"-", 861, 859, 870, 864, 58},
                        {"Tố", 878, 845, 915, 870, 97},
                        {"chức", 925, 846, 988, 870, 97},
                        {"ngày", 998, 846, 1061, 877, 97},
                        {"hội", 1071, 845, 1111, 875, 97},
                        {"đọc", 1121, 846, 1168, 875, 97},
                        {"sách,", 1178, 846, 1244, 874, 97}});
  EXPECT_EQ(ClassifyDashes(&page), 0);
  EXPECT_EQ(At(page, 0).text, "-");
  EXPECT_GE(At(page, 0).confidence, 90.0f);
}

TEST(DashClassifierTest, NotSignIsAnEnDash) {
  // Medium preset, seed 1005: "Năm học 2024 –" / "– 2025" with the second
  // dash read "¬" at 41 (17 x 4 beside a 24-pixel figure: 0.71).
  Page page = MakePage({{"¬", 1514, 514, 1531, 518, 41}, {"2025", 1540, 501, 1606, 525, 95}});
  EXPECT_EQ(ClassifyDashes(&page), 1);
  EXPECT_EQ(PageText(page), "\u2013 2025\n");
  EXPECT_GE(At(page, 0).confidence, 90.0f);
  EXPECT_TRUE(IsDashToken("¬"));
}

TEST(DashClassifierTest, ALoneBlotReadAsADashLosesItsConfidence) {
  // Medium preset, seed 1000: an empty cell with a 24 x 18 blot read "-" at
  // 66; a lone hyphen 10 x 4 ("none") keeps its confidence.
  Page blot = MakePage({{"-", 1916, 1005, 1940, 1023, 66}});
  ClassifyDashes(&blot);
  EXPECT_EQ(At(blot, 0).confidence, 0.0f);
  Page hyphen = MakePage({{"-", 1916, 1012, 1926, 1016, 66}});
  ClassifyDashes(&hyphen);
  EXPECT_EQ(At(hyphen, 0).confidence, 66.0f);
}

// Four 13 x 24 "figures" from x, 3 pixels apart, on the baseline y 60.
std::vector<Box> Figures(int x) {
  std::vector<Box> boxes;
  for (int k = 0; k < 4; ++k) boxes.push_back(Box{x + 16 * k, 36, x + 16 * k + 13, 60});
  return boxes;
}

// A 400 x 100 white image with `boxes` black.
GrayImage Draw(const std::vector<Box>& boxes) {
  GrayImage image;
  image.width = 400;
  image.height = 100;
  image.dpi = 300;
  image.pixels.assign(static_cast<size_t>(image.width) * image.height, 255);
  for (const Box& b : boxes) {
    for (int y = b.y0; y < b.y1; ++y) {
      for (int x = b.x0; x < b.x1; ++x) image.pixels[static_cast<size_t>(y) * image.width + x] = 0;
    }
  }
  return image;
}

TEST(DashClassifierTest, RecoversADashHiddenInANumbersBox) {
  // Medium preset, seed 1006: "– 2025" boxed as one word "2025" at 0, 92
  // pixels wide for 65 of figures. The dash: 17 x 3, 8 pixels before them.
  std::vector<Box> ink = Figures(120);
  ink.push_back(Box{95, 46, 112, 49});
  const GrayImage image = Draw(ink);
  Page page = MakePage({{"2025", 95, 36, 183, 60, 0}});
  EXPECT_EQ(RecoverDashes(image, &page), 1);
  EXPECT_EQ(PageText(page), "\u2013 2025\n");
  EXPECT_EQ(At(page, 1).box.x0, 120);
  // The same box without the dash's ink: left alone.
  Page plain = MakePage({{"2025", 95, 36, 183, 60, 0}});
  EXPECT_EQ(RecoverDashes(Draw(Figures(120)), &plain), 0);
  EXPECT_EQ(PageText(plain), "2025\n");
}

TEST(DashClassifierTest, RecoversADashBetweenTwoNumbers) {
  // "2024 2025" with a 16 x 3 dash in the gap Tesseract skipped.
  std::vector<Box> ink = Figures(20);
  for (const Box& b : Figures(120)) ink.push_back(b);
  ink.push_back(Box{90, 47, 106, 50});
  const GrayImage image = Draw(ink);
  Page page = MakePage({{"2024", 20, 36, 81, 60, 96}, {"2025", 120, 36, 181, 60, 96}});
  EXPECT_EQ(RecoverDashes(image, &page), 1);
  EXPECT_EQ(PageText(page), "2024 \u2013 2025\n");
  // A blot in the gap (12 x 12) is no dash.
  std::vector<Box> blot = Figures(20);
  for (const Box& b : Figures(120)) blot.push_back(b);
  blot.push_back(Box{92, 40, 104, 52});
  Page other = MakePage({{"2024", 20, 36, 81, 60, 96}, {"2025", 120, 36, 181, 60, 96}});
  EXPECT_EQ(RecoverDashes(Draw(blot), &other), 0);
}

TEST(DashClassifierTest, SplitsAGluedDashAtItsInk) {
  // "-2021" with a hyphen 8 x 3 (0.33 of the figures): a hyphen, where the
  // estimate from the box would say en dash; with 17 pixels an en dash.
  for (auto [width, text] : {std::pair{8, "- 2021\n"}, std::pair{17, "\u2013 2021\n"}}) {
    std::vector<Box> ink = Figures(120);
    ink.push_back(Box{112 - width, 47, 112, 50});
    Page page = MakePage({{"-2021", 100 - width, 36, 183, 60, 80}});
    EXPECT_EQ(RecoverDashes(Draw(ink), &page), 1);
    ClassifyDashes(&page);
    EXPECT_EQ(PageText(page), text);
  }
}

TEST(DashClassifierTest, WidthRatiosAndTokens) {
  // Ratios measured over seven fonts, 10-14 pt (see the header).
  EXPECT_EQ(ClassifyDashWidth(13, 4, 34), DashKind::kHyphen);  // 0.38
  EXPECT_EQ(ClassifyDashWidth(17, 3, 32), DashKind::kEnDash);  // 0.53
  EXPECT_EQ(ClassifyDashWidth(33, 4, 43), DashKind::kEnDash);  // 0.77
  EXPECT_EQ(ClassifyDashWidth(38, 3, 32), DashKind::kEmDash);  // 1.19
  EXPECT_EQ(ClassifyDashWidth(20, 20, 34), std::nullopt);      // a blob
  EXPECT_EQ(ClassifyDashWidth(10, 3, 0), std::nullopt);        // no reference
  EXPECT_TRUE(IsDashToken("—-"));
  EXPECT_TRUE(IsDashToken("~—"));
  EXPECT_TRUE(IsDashToken("_"));
  EXPECT_FALSE(IsDashToken("-‹"));
  EXPECT_FALSE(IsDashToken("GD-ĐT"));
  EXPECT_FALSE(IsDashToken(""));
}

}  // namespace
}  // namespace vnplan::table
