#include "imaging/cleanup.h"
#include "imaging/orientation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>

#include "testing/render_text.h"

namespace vnplan::imaging {
namespace {

namespace fs = std::filesystem;

const char kParagraph[] =
    "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC\n"
    "Năm học 2023 - 2024, trường Tiểu học Nguyễn Trãi\n"
    "Căn cứ kết quả tự đánh giá, nhà trường xây dựng kế hoạch\n"
    "cải tiến chất lượng theo các tiêu chuẩn sau đây:\n"
    "1. Tổ chức và quản lý nhà trường; đội ngũ cán bộ quản lý,\n"
    "giáo viên, nhân viên và học sinh; cơ sở vật chất.\n"
    "2. Quan hệ giữa nhà trường, gia đình và xã hội.\n"
    "3. Hoạt động giáo dục và kết quả giáo dục của học sinh.";

const GrayImage& Paragraph300() {
  static const GrayImage image = testing::RenderText(kParagraph, 300, "DejaVu Serif 11", 120);
  return image;
}

double FractionBlack(const GrayImage& img, int x0, int y0, int x1, int y1) {
  int64_t black = 0, total = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x, ++total) black += img.at(x, y) < 128;
  return total ? static_cast<double>(black) / total : 0.0;
}

TEST(CleanPageTest, RejectsEmptyImage) {
  auto r = CleanPage(GrayImage{});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
}

TEST(CleanPageTest, BinaryOutputIsTwoValuedAndSameGeometryAsGray) {
  auto r = CleanPage(Paragraph300());
  ASSERT_TRUE(r.has_value()) << r.error().message;
  ASSERT_FALSE(r->binary.empty());
  for (uint8_t p : r->binary.pixels) ASSERT_TRUE(p == 0 || p == 255);
  EXPECT_EQ(r->binary.width, r->gray.width);
  EXPECT_EQ(r->binary.height, r->gray.height);
  // Text is kept: some but not too much ink.
  const double ink = FractionBlack(r->binary, 0, 0, r->binary.width, r->binary.height);
  EXPECT_GT(ink, 0.01);
  EXPECT_LT(ink, 0.25);
}

class DeskewTest : public ::testing::TestWithParam<double> {};

TEST_P(DeskewTest, RecoversKnownRotationWithinTwoTenthsOfADegree) {
  const double degrees = GetParam();
  const GrayImage rotated = RotateDegrees(Paragraph300(), degrees);
  CleanupOptions options;
  options.rescale = false;
  auto r = CleanPage(rotated, options);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  // skew_degrees is the counter-clockwise tilt of the text in the input.
  EXPECT_NEAR(r->skew_degrees, degrees, 0.2);
  EXPECT_TRUE(r->deskewed);
  // The output is level: measuring it again finds (almost) no skew.
  auto again = CleanPage(r->gray, options);
  ASSERT_TRUE(again.has_value());
  EXPECT_NEAR(again->skew_degrees, 0.0, 0.2);
}

INSTANTIATE_TEST_SUITE_P(Angles, DeskewTest, ::testing::Values(-5.0, -2.3, 1.7, 4.6));

TEST(CleanPageTest, RemovesIlluminationGradient) {
  GrayImage img = Paragraph300();
  // Light falls off from left (x1.0) to right (x0.35): paper goes from 255
  // to ~89, darker than a global threshold of 128.
  for (int y = 0; y < img.height; ++y) {
    for (int x = 0; x < img.width; ++x) {
      const double f = 1.0 - 0.65 * x / (img.width - 1);
      uint8_t& p = img.pixels[static_cast<size_t>(y) * img.width + x];
      p = static_cast<uint8_t>(p * f);
    }
  }
  const int right = img.width * 9 / 10;
  // Sanity: the degraded right edge is black to a global threshold.
  ASSERT_GT(FractionBlack(img, right, 0, img.width, img.height), 0.9);
  CleanupOptions options;
  options.rescale = false;
  auto r = CleanPage(img, options);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  // The right margin (no text) is white in the binary and bright in gray.
  const int rx = r->binary.width * 9 / 10;
  EXPECT_LT(FractionBlack(r->binary, rx, 0, r->binary.width, r->binary.height), 0.01);
  int64_t sum = 0, n = 0;
  for (int y = 0; y < r->gray.height; ++y)
    for (int x = rx; x < r->gray.width; ++x, ++n) sum += r->gray.at(x, y);
  EXPECT_GT(static_cast<double>(sum) / n, 220.0);
  // And the text on the dark side survives.
  const double ink_left = FractionBlack(r->binary, 0, 0, r->binary.width / 2, r->binary.height);
  const double ink_right_text =
      FractionBlack(r->binary, r->binary.width / 2, 0, rx, r->binary.height);
  EXPECT_GT(ink_left, 0.01);
  EXPECT_GT(ink_right_text, 0.005);
}

TEST(CleanPageTest, RescalesSmallTextTowardsTargetXHeight) {
  const GrayImage small = testing::RenderText(kParagraph, 150, "DejaVu Serif 10", 60);
  const int before = EstimateXHeight(small);
  ASSERT_GT(before, 5);
  ASSERT_LT(before, 14);
  CleanupOptions options;
  options.min_x_height = 14;
  options.target_x_height = 22;
  auto r = CleanPage(small, options);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_GT(r->scale, 1.4);
  EXPECT_NEAR(r->binary.width, small.width * r->scale, 2.0);
  EXPECT_NEAR(EstimateXHeight(r->binary), 22, 4);
  EXPECT_EQ(r->binary.dpi, static_cast<int>(150 * r->scale + 0.5));
}

TEST(CleanPageTest, EnlargesAtMostMaxUpscale) {
  const GrayImage tiny = testing::RenderText(kParagraph, 75, "DejaVu Serif 10", 30);
  ASSERT_LT(EstimateXHeight(tiny), 8);
  auto r = CleanPage(tiny);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_GT(r->scale, 1.9);
  EXPECT_LE(r->scale, 2.01);
  CleanupOptions options;
  options.max_upscale = 1.0;
  r = CleanPage(tiny, options);
  ASSERT_TRUE(r.has_value());
  EXPECT_DOUBLE_EQ(r->scale, 1.0);
  options.max_upscale = 0.5;
  EXPECT_FALSE(CleanPage(tiny, options).has_value());
}

TEST(CleanPageTest, KeepsTextOfNormalSizeUnscaled) {
  const int xh = EstimateXHeight(Paragraph300());
  EXPECT_GE(xh, 14);
  EXPECT_LE(xh, 40);
  auto r = CleanPage(Paragraph300());
  ASSERT_TRUE(r.has_value());
  EXPECT_DOUBLE_EQ(r->scale, 1.0);
}

TEST(CleanPageTest, UnknownDpiIsEstimatedFromTheTextSize) {
  // 13 pt Times (Liberation Serif, metric-compatible), the usual body text
  // of Vietnamese administrative documents, scanned at 150 and 300 dpi
  // with no resolution stored.
  for (int dpi : {150, 300}) {
    GrayImage page = testing::RenderText(kParagraph, dpi, "Liberation Serif 13", dpi / 5);
    page.dpi = 0;
    auto r = CleanPage(page);
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_TRUE(r->dpi_estimated);
    EXPECT_DOUBLE_EQ(r->scale, 1.0);
    EXPECT_EQ(r->gray.dpi, dpi) << "x-height " << r->x_height;
    EXPECT_EQ(r->binary.dpi, dpi);
  }
  // A stored resolution is kept, whatever the text size.
  GrayImage tagged = testing::RenderText(kParagraph, 150, "DejaVu Serif 12", 30);
  tagged.dpi = 300;
  auto r = CleanPage(tagged);
  ASSERT_TRUE(r.has_value());
  EXPECT_FALSE(r->dpi_estimated);
  EXPECT_EQ(r->gray.dpi, 300);
}

TEST(CleanPageTest, ShrinksVeryLargeText) {
  const GrayImage big = testing::RenderText("Kế hoạch năm học\nTrường Tiểu học\n"
                                            "Nguyễn Trãi, huyện Tân Phú", 300, "DejaVu Serif 36", 60);
  ASSERT_GT(EstimateXHeight(big), 40);
  auto r = CleanPage(big);
  ASSERT_TRUE(r.has_value());
  EXPECT_LT(r->scale, 0.8);
  EXPECT_NEAR(r->x_height, 20, 1);
}

TEST(CleanPageTest, RemovesScannerBorderButKeepsText) {
  GrayImage img = Paragraph300();
  // A black scanner edge 30 px wide along the left side.
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < 30; ++x) img.pixels[static_cast<size_t>(y) * img.width + x] = 10;
  CleanupOptions options;
  options.rescale = false;
  options.deskew = false;
  auto r = CleanPage(img, options);
  ASSERT_TRUE(r.has_value());
  EXPECT_LT(FractionBlack(r->binary, 0, 0, 40, r->binary.height), 0.01);
  EXPECT_GT(FractionBlack(r->binary, 100, 0, r->binary.width, r->binary.height), 0.01);
}

TEST(CleanPageTest, WritesNumberedIntermediates) {
  const fs::path dir = fs::temp_directory_path() / ("vnplan_stages_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  CleanupOptions options;
  options.keep_intermediates_dir = dir;
  options.page_number = 3;
  options.light_noise_threshold = 0;  // the full chain, median included
  auto r = CleanPage(RotateDegrees(Paragraph300(), 2.0), options);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_TRUE(fs::exists(dir / "p0003-01-input.png"));
  EXPECT_TRUE(fs::exists(dir / "p0003-02-denoise.png"));
  EXPECT_TRUE(fs::exists(dir / "p0003-03-background.png"));
  EXPECT_TRUE(fs::exists(dir / "p0003-04-deskew.png"));
  int files = 0;
  for (const auto& e : fs::directory_iterator(dir)) files += e.path().extension() == ".png";
  EXPECT_GE(files, 6);
  fs::remove_all(dir);
}

// Adds deterministic pseudo-random noise of +-amplitude gray levels.
GrayImage AddNoise(GrayImage img, int amplitude) {
  uint32_t state = 12345;
  for (uint8_t& p : img.pixels) {
    state = state * 1664525u + 1013904223u;
    const int delta = static_cast<int>((state >> 16) % (2 * amplitude + 1)) - amplitude;
    p = static_cast<uint8_t>(std::clamp(p + delta, 0, 255));
  }
  return img;
}

TEST(CleanPageTest, CleanPagesAreLightAndNoisyPagesAreNot) {
  auto clean = CleanPage(Paragraph300());
  ASSERT_TRUE(clean.has_value());
  EXPECT_LT(clean->noise, 1.0);
  EXPECT_TRUE(clean->light);
  auto noisy = CleanPage(AddNoise(Paragraph300(), 40));
  ASSERT_TRUE(noisy.has_value());
  EXPECT_GT(noisy->noise, 7.0);
  EXPECT_FALSE(noisy->light);
  // The median filter removes most of the noise: the binary stays sparse
  // in the text-free right margin.
  const int rx = noisy->binary.width * 9 / 10;
  EXPECT_LT(FractionBlack(noisy->binary, rx, 0, noisy->binary.width, noisy->binary.height), 0.01);
  for (uint8_t p : noisy->binary.pixels) ASSERT_TRUE(p == 0 || p == 255);
}

TEST(RotateQuarterTurnsTest, ClockwiseQuarterTurnMovesTopLeftToTopRight) {
  GrayImage img;
  img.width = 3;
  img.height = 2;
  img.pixels = {1, 2, 3, 4, 5, 6};
  const GrayImage r = RotateQuarterTurns(img, 1);
  ASSERT_EQ(r.width, 2);
  ASSERT_EQ(r.height, 3);
  // Clockwise: the left column (1,4) read bottom-up becomes the top row.
  EXPECT_EQ(r.pixels, (std::vector<uint8_t>{4, 1, 5, 2, 6, 3}));
  EXPECT_EQ(RotateQuarterTurns(img, 4).pixels, img.pixels);
  EXPECT_EQ(RotateQuarterTurns(RotateQuarterTurns(img, 1), -1).pixels, img.pixels);
}

}  // namespace
}  // namespace vnplan::imaging

namespace vnplan::imaging {
namespace {

TEST(EstimateOrientationTest, UprightTextIsClearedAndTurnedTextIsNot) {
  const GrayImage upright = testing::RenderText(
      std::string(kParagraph) + "\n" + kParagraph, 300, "DejaVu Serif 11", 120);
  const OrientationEstimate e = EstimateOrientation(upright);
  EXPECT_TRUE(e.upright) << e.up_confidence << " " << e.left_confidence;
  for (int turns : {1, 2, 3}) {
    const OrientationEstimate r = EstimateOrientation(RotateQuarterTurns(upright, turns));
    EXPECT_FALSE(r.upright) << "turns " << turns << ": " << r.up_confidence << " "
                            << r.left_confidence;
  }
  EXPECT_FALSE(EstimateOrientation(GrayImage{}).upright);
}

TEST(EstimateOrientationTest, DecisiveEstimatesNameTheTurn) {
  const GrayImage upright = testing::RenderText(
      std::string(kParagraph) + "\n" + kParagraph, 300, "DejaVu Serif 11", 120);
  EXPECT_EQ(EstimateOrientation(upright).turned_degrees, 0);
  // RotateQuarterTurns turns clockwise, the convention of turned_degrees.
  for (int turns : {1, 2, 3}) {
    const OrientationEstimate r = EstimateOrientation(RotateQuarterTurns(upright, turns));
    EXPECT_EQ(r.turned_degrees, 90 * turns)
        << "turns " << turns << ": " << r.up_confidence << " " << r.left_confidence;
  }
  EXPECT_EQ(EstimateOrientation(GrayImage{}).turned_degrees, 0);
}

}  // namespace
}  // namespace vnplan::imaging
