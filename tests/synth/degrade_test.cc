#include "synth/degrade.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "synth/page_layout.h"

namespace vnplan::synth {
namespace {

// A page full of justified text lines, rendered at `dpi`.
GrayImage TextPage(int dpi) {
  std::string para =
      "Nhà trường xây dựng kế hoạch cải tiến chất lượng giáo dục, phân công rõ người thực hiện, "
      "thời gian hoàn thành và nguồn lực cần thiết cho từng nội dung.";
  std::string md;
  for (int i = 0; i < 14; ++i) md += para + "\n\n";
  auto doc = ParseMarkdown(md);
  auto r = RenderedDocument::Create(*doc, {});
  auto img = r->RenderPage(0, dpi);
  return *img;
}

// Skew by projection profiles: the angle (degrees, counter-clockwise
// positive, as in DegradedPage) for which y + x*tan(angle) of the ink pixels
// gives the most peaked histogram.
double EstimateSkew(const GrayImage& img) {
  std::vector<std::pair<int, int>> ink;
  for (int y = 0; y < img.height; y += 1) {
    for (int x = 0; x < img.width; x += 2) {
      if (img.at(x, y) < 100) ink.push_back({x, y});
    }
  }
  double best = 0, best_score = -1;
  for (double a = -4; a <= 4.0001; a += 0.05) {
    double t = std::tan(a * std::numbers::pi / 180);
    std::vector<double> hist(img.height * 2 + img.width, 0);
    int off = img.width;
    for (auto [x, y] : ink) {
      int b = static_cast<int>(std::lround(y + x * t)) + off;
      if (b >= 0 && b < static_cast<int>(hist.size())) hist[b] += 1;
    }
    double score = 0;
    for (double v : hist) score += v * v;
    if (score > best_score) best_score = score, best = a;
  }
  return best;
}

double MeanAbsDiff(const GrayImage& a, const GrayImage& b) {
  double s = 0;
  for (size_t i = 0; i < a.pixels.size(); ++i) s += std::abs(a.pixels[i] - b.pixels[i]);
  return s / a.pixels.size();
}

TEST(DegradeTest, PresetsExistAndUnknownIsRejected) {
  EXPECT_TRUE(DegradePreset("light").has_value());
  EXPECT_TRUE(DegradePreset("medium").has_value());
  EXPECT_TRUE(DegradePreset("heavy").has_value());
  EXPECT_FALSE(DegradePreset("extreme").has_value());
}

TEST(DegradeTest, DeterministicPerSeedAndChangesTheImage) {
  GrayImage clean = TextPage(100);
  DegradeOptions o = *DegradePreset("heavy");
  o.target_dpi = 0;
  o.seed = 7;
  auto a = Degrade(clean, o, 0);
  auto b = Degrade(clean, o, 0);
  ASSERT_TRUE(a.has_value());
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(a->image.pixels, b->image.pixels);
  EXPECT_EQ(a->transform.skew_deg, b->transform.skew_deg);
  EXPECT_GT(MeanAbsDiff(a->image, clean), 5.0);
  o.seed = 8;
  auto c = Degrade(clean, o, 0);
  ASSERT_TRUE(c.has_value());
  EXPECT_NE(a->image.pixels, c->image.pixels);
  auto d = Degrade(clean, o, 1);  // another page, same seed: differs too
  EXPECT_NE(c->image.pixels, d->image.pixels);
}

TEST(DegradeTest, MeasuredSkewMatchesRequestedSkew) {
  GrayImage clean = TextPage(100);
  EXPECT_NEAR(EstimateSkew(clean), 0.0, 0.1);
  for (uint64_t seed : {1, 2, 3}) {
    DegradeOptions o = *DegradePreset("medium");
    o.skew_deg = 1.5;
    o.skew_jitter = false;
    o.target_dpi = 0;
    o.stamp = false;
    o.seed = seed;
    auto d = Degrade(clean, o, 0);
    ASSERT_TRUE(d.has_value());
    EXPECT_DOUBLE_EQ(std::abs(d->transform.skew_deg), 1.5);
    EXPECT_NEAR(EstimateSkew(d->image), d->transform.skew_deg, 0.3) << "seed " << seed;
  }
}

TEST(DegradeTest, DownsamplingScalesImageAndTransform) {
  GrayImage clean = TextPage(200);
  DegradeOptions o;
  o.target_dpi = 100;
  o.skew_deg = 2;
  o.seed = 3;
  auto d = Degrade(clean, o, 0);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->image.dpi, 100);
  EXPECT_NEAR(d->image.width, clean.width / 2.0, 1);
  EXPECT_EQ(d->transform.width, d->image.width);
  // The page centre maps to the degraded centre; the map is a rotation
  // scaled by 1/2.
  const auto& a = d->transform.affine;
  double cx = clean.width / 2.0, cy = clean.height / 2.0;
  EXPECT_NEAR(a[0] * cx + a[1] * cy + a[2], d->image.width / 2.0, 1.0);
  EXPECT_NEAR(a[3] * cx + a[4] * cy + a[5], d->image.height / 2.0, 1.0);
  EXPECT_NEAR(std::hypot(a[0], a[3]), 0.5, 0.01);
}

TEST(DegradeTest, TransformMapsGridCornersOntoDegradedRules) {
  std::string md = "| TT | Nội dung cần đạt | Ghi chú |\n|---|---|---|\n";
  for (int i = 0; i < 12; ++i) md += "| " + std::to_string(i) + " | Tiêu chí " + std::to_string(i) + " | x |\n";
  auto doc = ParseMarkdown(md);
  auto r = RenderedDocument::Create(*doc, {});
  const int dpi = 150;
  GrayImage clean = *r->RenderPage(0, dpi);
  DegradeOptions o;
  o.skew_deg = 2.5;
  o.target_dpi = 100;
  o.seed = 4;
  auto d = Degrade(clean, o, 0);
  ASSERT_TRUE(d.has_value());
  const auto& a = d->transform.affine;
  auto dark_near = [&](double x, double y) {
    double u = a[0] * x + a[1] * y + a[2], v = a[3] * x + a[4] * y + a[5];
    int m = 255;
    for (int dy = -2; dy <= 2; ++dy) {
      for (int dx = -2; dx <= 2; ++dx) {
        int px = static_cast<int>(std::lround(u)) + dx, py = static_cast<int>(std::lround(v)) + dy;
        if (px >= 0 && py >= 0 && px < d->image.width && py < d->image.height) {
          m = std::min<int>(m, d->image.at(px, py));
        }
      }
    }
    return m < 160;
  };
  int checked = 0;
  double s = dpi / 72.0;
  for (const auto& b : r->gold().tables.at(0).boxes) {
    // Cell corners lie on grid-line crossings.
    EXPECT_TRUE(dark_near(b.rect.x0 * s, b.rect.y0 * s)) << b.row << "," << b.col;
    EXPECT_TRUE(dark_near(b.rect.x1 * s, b.rect.y1 * s)) << b.row << "," << b.col;
    ++checked;
  }
  EXPECT_EQ(checked, 13 * 3);
  // ... and a point in the middle of an empty gap is not on a rule.
  const auto& b = r->gold().tables.at(0).boxes.back();
  EXPECT_FALSE(dark_near((b.rect.x0 + b.rect.x1) / 2 * s, (b.rect.y1 + 40) * s));
}

TEST(DegradeTest, ColorScanHasARedStampAndTheSameGeometry) {
  GrayImage clean = TextPage(100);
  auto reddish = [](const RgbImage& img) {
    int n = 0;
    for (size_t i = 0; i + 2 < img.rgb.size(); i += 3) {
      n += img.rgb[i] > img.rgb[i + 1] + 60 && img.rgb[i] > img.rgb[i + 2] + 40;
    }
    return n;
  };
  DegradeOptions o = *DegradePreset("medium");
  o.seed = 5;
  auto gray = Degrade(clean, o, 0);
  o.color = true;
  auto a = Degrade(clean, o, 0), b = Degrade(clean, o, 0);
  ASSERT_TRUE(gray.has_value() && a.has_value() && b.has_value());
  EXPECT_TRUE(gray->color.empty());
  ASSERT_EQ(a->color.rgb.size(), static_cast<size_t>(a->image.width) * a->image.height * 3);
  EXPECT_EQ(a->color.rgb, b->color.rgb);
  EXPECT_EQ(a->transform.affine, gray->transform.affine);
  EXPECT_EQ(a->image.width, gray->image.width);
  EXPECT_GT(reddish(a->color), 200);
  o.stamp = false;
  auto c = Degrade(clean, o, 0);
  EXPECT_LT(reddish(c->color), 20);
}

TEST(DegradeTest, RejectsBadInput) {
  EXPECT_FALSE(Degrade(GrayImage{}, {}, 0).has_value());
  GrayImage one{.width = 2, .height = 2, .dpi = 300, .pixels = {255, 255, 255, 255}};
  DegradeOptions o;
  o.jpeg_quality = 101;
  EXPECT_FALSE(Degrade(one, o, 0).has_value());
}

}  // namespace
}  // namespace vnplan::synth
