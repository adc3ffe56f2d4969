#include "pipeline/noise_filter.h"

#include <gtest/gtest.h>

namespace vnplan::pipeline {
namespace {

Word W(const char* text, float conf) {
  Word w;
  w.text = text;
  w.confidence = conf;
  return w;
}

TEST(NoiseFilterTest, DropsSpecksAndGarbageKeepsWordsAndNumbers) {
  EXPECT_TRUE(IsNoiseWord(W("—", 48)));
  EXPECT_TRUE(IsNoiseWord(W(".", 80)));
  EXPECT_TRUE(IsNoiseWord(W("{ev2~", 0)));
  EXPECT_TRUE(IsNoiseWord(W("XS", 3)));
  EXPECT_FALSE(IsNoiseWord(W("-", 96)));
  EXPECT_FALSE(IsNoiseWord(W("—", 90)));
  EXPECT_FALSE(IsNoiseWord(W("kỳ", 0)));     // a real syllable, even at 0
  EXPECT_FALSE(IsNoiseWord(W("2024", 5)));   // numbers stay
  EXPECT_FALSE(IsNoiseWord(W("THCS", 45)));  // confident enough
  EXPECT_FALSE(IsNoiseWord(W("trường,", 20)));
  EXPECT_FALSE(IsNoiseWord(W("l1,", 26)));  // "MỨC l1, 2, 3" (light scan)
  EXPECT_TRUE(IsNoiseWord(W("S1", 10)));    // not a digit-like letter
}

TEST(NoiseFilterTest, SymbolsNoPlanUsesAreNoise) {
  // Medium-preset seal and speck remnants after cell text (tools/table_bench).
  EXPECT_TRUE(IsNoiseWord(W("`", 97)));
  EXPECT_TRUE(IsNoiseWord(W("\\", 93)));
  EXPECT_TRUE(IsNoiseWord(W("©/", 87)));
  EXPECT_TRUE(IsNoiseWord(W("⁄", 90)));
  EXPECT_TRUE(IsNoiseWord(W("£À", 0)));  // "à" alone would be a syllable
  EXPECT_TRUE(IsNoiseWord(W("2`", 0)));  // a number would stay
  EXPECT_FALSE(IsNoiseWord(W("£À", 80)));
  EXPECT_FALSE(IsNoiseWord(W("/", 90)));
  EXPECT_FALSE(IsNoiseWord(W("%", 90)));
}

TEST(NoiseFilterTest, DropsTallUnsureBlots) {
  // Medium preset, seed 1001: a seal over "– 2025" gives "à" (75 x 115 at
  // 0) and "X" (49 x 58 at 59); a confident tall word stays.
  auto boxed = [](const char* text, Box box, float conf) { return Word{text, box, conf, ""}; };
  Line text, seal1, seal2;
  text.words = {boxed("~", {1514, 313, 1532, 317}, 47), boxed("2025", {1540, 300, 1605, 324}, 97),
                boxed("trưởng", {1610, 290, 1700, 343}, 96)};
  seal1.words = {boxed("à", {1511, 367, 1586, 482}, 0)};
  seal2.words = {boxed("X", {1518, 424, 1567, 482}, 59)};
  Page page;
  page.blocks.push_back(Block{{text, seal1, seal2}, Box{}});
  EXPECT_EQ(DropNoiseWords(&page), 2);
  EXPECT_EQ(PageText(page), "\u2013 2025 trưởng\n");
  // Beside flat marks only there is no height to compare with.
  Line flat;
  flat.words = {boxed("-", {1515, 313, 1532, 317}, 52), boxed("2026", {1540, 300, 1606, 324}, 52)};
  Page cut;
  cut.blocks.push_back(Block{{flat}, Box{}});
  EXPECT_EQ(DropNoiseWords(&cut), 0);
  EXPECT_EQ(PageText(cut), "\u2013 2026\n");
  // Held-out seeds 2007/2008: real words under a seal, tall and unsure,
  // stay ("Kheo" 61 x 56 at 41, "Ngịn" 70 x 76 at 84), and so does a
  // narrow tall "và".
  Line crossed;
  crossed.words = {boxed("Kheo", {856, 480, 917, 536}, 41), boxed("dõi,", {926, 500, 975, 529}, 80),
                   boxed("bảo", {984, 498, 1033, 528}, 87),
                   boxed("Ngịn", {1734, 474, 1804, 550}, 84),
                   boxed("và", {1100, 480, 1128, 536}, 30)};
  Page seal;
  seal.blocks.push_back(Block{{crossed}, Box{}});
  EXPECT_EQ(DropNoiseWords(&seal), 0);
}

TEST(NoiseFilterTest, EngineFindsADashTesseractDidNotOutput) {
  // A fake engine answers "2024" "2025" for a line whose image has a dash
  // between the two numbers.
  class Fixed : public OcrEngine {
   public:
    Result<Page> Recognize(const GrayImage&, const Box&) override {
      Line line;
      line.words = {Word{"2024", {20, 36, 81, 60}, 96, ""},
                    Word{"2025", {120, 36, 181, 60}, 96, ""}};
      Page page;
      page.blocks.push_back(Block{{line}, Box{}});
      return page;
    }
  } fixed;
  GrayImage image;
  image.width = 200;
  image.height = 100;
  image.pixels.assign(200 * 100, 255);
  auto fill = [&](Box b) {
    for (int y = b.y0; y < b.y1; ++y) {
      for (int x = b.x0; x < b.x1; ++x) image.pixels[static_cast<size_t>(y) * 200 + x] = 0;
    }
  };
  for (int x : {20, 120}) {
    for (int k = 0; k < 4; ++k) fill(Box{x + 16 * k, 36, x + 16 * k + 13, 60});
  }
  fill(Box{90, 47, 106, 50});
  NoiseFilteringEngine engine(fixed);
  auto page = engine.Recognize(image, Box{0, 0, 200, 100});
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(PageText(*page), "2024 \u2013 2025\n");
  NoiseFilterOptions off;
  off.classify_dashes = false;
  NoiseFilteringEngine plain(fixed, off);
  EXPECT_EQ(PageText(*plain.Recognize(image, Box{0, 0, 200, 100})), "2024 2025\n");
}

TEST(NoiseFilterTest, DropNoiseWordsRemovesEmptyLinesAndBlocks) {
  Page page;
  Block noisy, good;
  Line l1, l2;
  l1.words = {W("~,", 0), W("“", 10)};
  l2.words = {W("Kế", 95), W(".", 40), W("hoạch", 93)};
  noisy.lines = {l1};
  good.lines = {l2};
  page.blocks = {noisy, good};
  EXPECT_EQ(DropNoiseWords(&page), 3);
  ASSERT_EQ(page.blocks.size(), 1u);
  EXPECT_EQ(PageText(page), "Kế hoạch\n");
}

TEST(NoiseFilterTest, KeepsAnEnDashTheGeometryConfirms) {
  // "2025 – 2026" as Tesseract vie boxes it (Liberation Serif, 300 dpi):
  // the en dash comes out as "—-" at 55, which alone is noise.
  auto boxed = [](const char* text, Box box, float conf) { return Word{text, box, conf, ""}; };
  Line line;
  line.words = {boxed("2025", {227, 42, 323, 76}, 93), boxed("—-", {338, 61, 363, 64}, 55),
                boxed("2026", {378, 42, 475, 76}, 96)};
  Page page;
  page.blocks.push_back(Block{{line}, Box{}});
  Page unclassified = page;
  NoiseFilterOptions no_dashes;
  no_dashes.classify_dashes = false;
  EXPECT_EQ(DropNoiseWords(&unclassified, no_dashes), 1);
  EXPECT_EQ(PageText(unclassified), "2025 2026\n");
  EXPECT_EQ(DropNoiseWords(&page), 0);
  EXPECT_EQ(PageText(page), "2025 \u2013 2026\n");
}

TEST(NoiseFilterTest, LevelRowsFromALightScan) {
  // Tesseract boxes of two level cells spanning the table (tools/table_bench,
  // light preset, seeds 1005 and 1006).
  auto boxed = [](const char* text, Box box, float conf) { return Word{text, box, conf, ""}; };
  Line stroke;
  stroke.words = {boxed("MỨC", {309, 2007, 428, 2051}, 83), boxed("|,", {448, 2016, 480, 2058}, 73),
                  boxed("2,", {496, 2016, 530, 2058}, 97), boxed("3", {546, 2016, 568, 2051}, 97),
                  boxed(".", {1624, 2036, 1627, 2039}, 10)};
  Line speck;
  speck.words = {boxed("MỨC", {309, 2006, 428, 2051}, 66), boxed("l1,", {448, 2016, 480, 2058}, 72),
                 boxed("2,", {496, 2016, 530, 2058}, 76), boxed("3", {545, 2016, 568, 2051}, 90),
                 boxed("k", {2681, 2025, 2690, 2037}, 62)};
  Line standard;  // "Tiêu chuẩn 1: Tổ chức" with the 1 read "l:" at 20
  standard.words = {boxed("chuẩn", {400, 300, 520, 350}, 90), boxed("l:", {532, 308, 548, 344}, 20),
                    boxed("Tố", {562, 300, 610, 344}, 85)};
  Line wrapped;  // medium preset, seed 1003: "Tiêu chuẩn 1:" / "Tổ chức ..."
  wrapped.words = {boxed("Tiêu", {285, 352, 347, 378}, 95),
                   boxed("chuẩn", {358, 352, 444, 378}, 29), boxed("‡:", {455, 354, 478, 378}, 0)};
  Line roman;  // medium preset, seed 1009: "Tiêu chuấn I:" at 24
  roman.words = {boxed("Tiêu", {284, 1339, 347, 1364}, 93),
                 boxed("chuấn", {358, 1339, 444, 1364}, 84),
                 boxed("I:", {455, 1341, 478, 1364}, 24)};
  Page page;
  page.blocks.push_back(Block{{stroke, speck, standard, wrapped, roman}, Box{}});
  EXPECT_EQ(DropNoiseWords(&page), 2);
  EXPECT_EQ(PageText(page),
            "MỨC 1, 2, 3\nMỨC 1, 2, 3\nchuẩn 1: Tố\nTiêu chuẩn 1:\nTiêu chuấn 1:\n");
}

TEST(NoiseFilterTest, ReadsDigitLikeLettersInNumbersAsDigits) {
  Line line;
  for (const char* t : {"l1,", "2O24", "l0", "1o", "lo", "li", "Il", "2,"})
    line.words.push_back(W(t, 80));
  Page page;
  page.blocks.push_back(Block{{line}, Box{}});
  DropNoiseWords(&page);
  EXPECT_EQ(PageText(page), "1, 2024 10 10 lo li Il 2,\n");
}

TEST(NoiseFilterTest, DropsASpeckAloneOnItsLine) {
  // A cell "Hiệu trưởng" with a confident back-quote speck below it.
  auto boxed = [](const char* text, Box box, float conf) { return Word{text, box, conf, ""}; };
  Line text, speck;
  text.words = {boxed("Hiệu", {100, 40, 180, 80}, 93), boxed("trưởng", {192, 40, 330, 90}, 93)};
  speck.words = {boxed("`", {250, 120, 256, 128}, 96)};
  Page page;
  page.blocks.push_back(Block{{text, speck}, Box{}});
  EXPECT_EQ(DropNoiseWords(&page), 1);
  EXPECT_EQ(PageText(page), "Hiệu trưởng\n");
}

TEST(NoiseFilterTest, DropsASmallFigureAloneOnItsLine) {
  // Medium preset, seed 1007: a seal fragment read "4" (10 x 16 at 82)
  // under "Phó Hiệu trưởng"; a full-height "3" alone on its line stays.
  auto boxed = [](const char* text, Box box, float conf) { return Word{text, box, conf, ""}; };
  Line l1, l2, l3;
  l1.words = {boxed("Phó", {1278, 591, 1328, 616}, 96), boxed("Hiệu", {1338, 591, 1401, 620}, 97)};
  l2.words = {boxed("trưởng", {1278, 628, 1366, 660}, 96)};
  l3.words = {boxed("=¬", {1375, 769, 1422, 787}, 15), boxed("4", {1492, 764, 1502, 780}, 82)};
  Page page;
  page.blocks.push_back(Block{{l1, l2, l3}, Box{}});
  EXPECT_EQ(DropNoiseWords(&page), 2);
  EXPECT_EQ(PageText(page), "Phó Hiệu\ntrưởng\n");
  page.blocks[0].lines.push_back(Line{{boxed("3", {1300, 700, 1313, 724}, 90)}, Box{}});
  EXPECT_EQ(DropNoiseWords(&page), 0);
  EXPECT_EQ(PageText(page), "Phó Hiệu\ntrưởng\n3\n");
}

TEST(NoiseFilterTest, KeepsAMisreadIBetweenWords) {
  // "Học kỳ I năm": Tesseract reads the I as "Ï" at 32 (a symbol to it).
  auto boxed = [](const char* text, Box box, float conf) { return Word{text, box, conf, ""}; };
  Line line;
  line.words = {boxed("kỳ", {2350, 1712, 2418, 1758}, 93), boxed("Ï", {2432, 1714, 2444, 1748}, 32),
                boxed("năm", {2460, 1722, 2540, 1748}, 93)};
  Page page;
  page.blocks.push_back(Block{{line}, Box{}});
  EXPECT_EQ(DropNoiseWords(&page), 0);
  EXPECT_EQ(PageText(page), "kỳ I năm\n");
  // "|," read with confidence: the same I.
  page.blocks[0].lines[0].words[1].text = "|,";
  page.blocks[0].lines[0].words[1].confidence = 80;
  Page edge = page;
  EXPECT_EQ(DropNoiseWords(&page), 0);
  EXPECT_EQ(PageText(page), "kỳ 1, năm\n");
  // A doubtful bare stroke at the end of the line, or twice as tall: a rule.
  edge.blocks[0].lines[0].words[1].text = "|";
  edge.blocks[0].lines[0].words[1].confidence = 32;
  edge.blocks[0].lines[0].words.pop_back();
  EXPECT_EQ(DropNoiseWords(&edge), 1);
  Page tall = page;
  tall.blocks[0].lines[0].words[1] = boxed("|", {2432, 1680, 2436, 1790}, 32);
  EXPECT_EQ(DropNoiseWords(&tall), 1);
}

}  // namespace
}  // namespace vnplan::pipeline
