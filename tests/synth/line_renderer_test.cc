#include "synth/line_renderer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace vnplan::synth {
namespace {

int InkPixels(const GrayImage& img) {
  int n = 0;
  for (uint8_t v : img.pixels) n += v < 100;
  return n;
}

TEST(LineRendererTest, RendersOneLineDeterministically) {
  LineRenderer a({.seed = 3}), b({.seed = 3});
  auto x = a.Render("Kế hoạch cải tiến chất lượng", 4);
  auto y = b.Render("Kế hoạch cải tiến chất lượng", 4);
  ASSERT_TRUE(x.has_value());
  ASSERT_TRUE(y.has_value());
  EXPECT_EQ(x->image.pixels, y->image.pixels);
  EXPECT_EQ(x->font, y->font);
  // 10-14 pt at 300 dpi: text is 40-60 px high; one line, so wider than high.
  EXPECT_GT(x->image.height, 40);
  EXPECT_LT(x->image.height, 200);
  EXPECT_GT(x->image.width, 4 * x->image.height);
  EXPECT_GT(InkPixels(x->image), 500);
  EXPECT_GE(x->size_pt, 10);
  EXPECT_LE(x->size_pt, 14);
  EXPECT_FALSE(a.Render("", 0).has_value());
}

TEST(LineRendererTest, WritesImagesAndGroundTruth) {
  auto dir = std::filesystem::temp_directory_path() / "vnplan_synth_lines_test";
  std::filesystem::remove_all(dir);
  auto n = RenderLinesToDir("Dòng thứ nhất\n\n  Dòng thứ hai  \nabc\xff\n", dir.string(), {.dpi = 150});
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(*n, 2);
  EXPECT_TRUE(std::filesystem::exists(dir / "000000.png"));
  EXPECT_TRUE(std::filesystem::exists(dir / "000001.png"));
  EXPECT_FALSE(std::filesystem::exists(dir / "000002.png"));
  std::ifstream gt(dir / "000001.gt.txt");
  std::stringstream ss;
  ss << gt.rdbuf();
  EXPECT_EQ(ss.str(), "Dòng thứ hai\n");
  // Every default family is installed (DejaVu Serif Condensed is a stretch),
  // an unknown one is refused instead of silently replaced.
  auto bad = RenderLinesToDir("x\n", dir.string(), {.fonts = {"No Such Font 123"}});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kDependency);
}

}  // namespace
}  // namespace vnplan::synth
