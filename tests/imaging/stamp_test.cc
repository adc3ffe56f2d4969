// Seal suppression (imaging/stamp.h and CleanupOptions::suppress_stamps):
// a synthetic page with dark text and an overlapping mid-gray seal (ring,
// inner ring, small text, star, drawn with OpenCV) against its text-only
// rendering.
#include "imaging/stamp.h"

#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <vector>

#include "imaging/cleanup.h"
#include "testing/render_text.h"

namespace vnplan::imaging {
namespace {

constexpr int kDpi = 200;
constexpr int kSealGray = 165;

const char kText[] =
    "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC\n"
    "Năm học 2024 - 2025, trường Tiểu học Hòa Bình\n"
    "Căn cứ kết quả tự đánh giá, nhà trường xây dựng kế hoạch\n"
    "cải tiến chất lượng theo các tiêu chuẩn sau đây:\n"
    "1. Tổ chức và quản lý nhà trường; đội ngũ cán bộ quản lý,\n"
    "giáo viên, nhân viên và học sinh; cơ sở vật chất.\n"
    "                                                   HIỆU TRƯỞNG\n"
    "                                              Lê Thị Minh Nguyệt\n"
    "2. Quan hệ giữa nhà trường, gia đình và xã hội.";

cv::Mat Wrap(GrayImage& image) {
  return cv::Mat(image.height, image.width, CV_8UC1, image.pixels.data());
}

const GrayImage& TextOnly() {
  static const GrayImage image = testing::RenderText(kText, kDpi, "DejaVu Serif 12", 240);
  return image;
}

// The seal alone on white: a 3.8 cm ring, an inner ring, a line of small
// capitals and a five-pointed star, all in kSealGray. Centred on the
// signature block so that it overlaps the text.
cv::Point SealCentre() { return {TextOnly().width * 2 / 3, TextOnly().height * 3 / 5}; }
int SealRadius() { return static_cast<int>(1.9 / 2.54 * kDpi); }

GrayImage SealOnly() {
  GrayImage seal = TextOnly();
  std::fill(seal.pixels.begin(), seal.pixels.end(), 255);
  cv::Mat m = Wrap(seal);
  const cv::Point c = SealCentre();
  const int r = SealRadius();
  cv::circle(m, c, r, cv::Scalar(kSealGray), 7, cv::LINE_AA);
  cv::circle(m, c, r * 3 / 4, cv::Scalar(kSealGray), 3, cv::LINE_AA);
  cv::putText(m, "UBND HUYEN", c + cv::Point(-r * 3 / 5, -r * 2 / 5), cv::FONT_HERSHEY_SIMPLEX,
              0.9, cv::Scalar(kSealGray), 3, cv::LINE_AA);
  std::vector<cv::Point> star;
  for (int i = 0; i < 10; ++i) {
    const double a = -3.14159265358979 / 2 + i * 3.14159265358979 / 5;
    const double rr = (i % 2 == 0) ? r * 0.3 : r * 0.12;
    star.emplace_back(c.x + static_cast<int>(rr * std::cos(a)),
                      c.y + r / 6 + static_cast<int>(rr * std::sin(a)));
  }
  cv::fillPoly(m, std::vector<std::vector<cv::Point>>{star}, cv::Scalar(kSealGray), cv::LINE_AA);
  return seal;
}

// Deterministic pseudo-random noise of +-amplitude gray levels, so that
// CleanPage takes its noisy-page path (median filter + Sauvola).
GrayImage AddNoise(GrayImage img, int amplitude) {
  uint32_t state = 98765;
  for (uint8_t& p : img.pixels) {
    state = state * 1664525u + 1013904223u;
    const int delta = static_cast<int>((state >> 16) % (2 * amplitude + 1)) - amplitude;
    p = static_cast<uint8_t>(std::clamp(p + delta, 0, 255));
  }
  return img;
}

// Text and seal overprinted (the darker ink wins), with scanner noise.
GrayImage StampedPage() {
  GrayImage page = TextOnly();
  const GrayImage seal = SealOnly();
  for (size_t i = 0; i < page.pixels.size(); ++i) {
    page.pixels[i] = std::min(page.pixels[i], seal.pixels[i]);
  }
  return AddNoise(std::move(page), 30);
}

// A table's column rule through the seal: 2 px of black at this x, top to
// bottom.
int RuleX() { return SealCentre().x - SealRadius() / 2; }

// The stamped page (with a column rule through the seal) as a soft office
// scan renders it: blurred (a Gaussian of 1.3 px), so that text strokes have
// no flat dark core and the page's darkest gray levels are outnumbered by
// the anti-aliased stroke edges and the seal.
GrayImage BlurredStampedPage() {
  GrayImage page = TextOnly();
  cv::line(Wrap(page), cv::Point(RuleX(), 0), cv::Point(RuleX(), page.height - 1), cv::Scalar(0),
           2);
  const GrayImage seal = SealOnly();
  for (size_t i = 0; i < page.pixels.size(); ++i) {
    page.pixels[i] = std::min(page.pixels[i], seal.pixels[i]);
  }
  cv::Mat m = Wrap(page);
  cv::GaussianBlur(m, m, cv::Size(0, 0), 1.3);
  return AddNoise(std::move(page), 12);
}

// BlurredStampedPage with unevenly inked seal: arcs of the outer ring
// (a quarter of it, in four places) pressed darker, as real seals are.
GrayImage BlurredUnevenStampedPage() {
  GrayImage page = TextOnly();
  GrayImage seal = SealOnly();
  for (int a = 0; a < 360; a += 90) {
    cv::ellipse(Wrap(seal), SealCentre(), cv::Size(SealRadius(), SealRadius()), 0, a + 20, a + 42,
                cv::Scalar(kSealGray - 20), 7, cv::LINE_AA);
  }
  for (size_t i = 0; i < page.pixels.size(); ++i) {
    page.pixels[i] = std::min(page.pixels[i], seal.pixels[i]);
  }
  cv::Mat m = Wrap(page);
  cv::GaussianBlur(m, m, cv::Size(0, 0), 1.3);
  return AddNoise(std::move(page), 12);
}

struct Scores {
  double seal_ink = 0;     // share of seal-only pixels that are black
  double text_recall = 0;  // share of text pixels that are black
};

// Seal-only pixels: seal ink at least 4 px from any text ink.
Scores Score(const GrayImage& binary) {
  GrayImage text = TextOnly();
  GrayImage seal = SealOnly();
  cv::Mat text_ink, seal_ink, near_text;
  cv::threshold(Wrap(text), text_ink, 127, 255, cv::THRESH_BINARY_INV);
  cv::threshold(Wrap(seal), seal_ink, 220, 255, cv::THRESH_BINARY_INV);
  cv::dilate(text_ink, near_text, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(9, 9)));
  int64_t seal_n = 0, seal_black = 0, text_n = 0, text_black = 0;
  for (int y = 0; y < binary.height; ++y) {
    for (int x = 0; x < binary.width; ++x) {
      const bool black = binary.at(x, y) < 128;
      if (text_ink.at<uint8_t>(y, x)) {
        ++text_n;
        text_black += black;
      } else if (seal_ink.at<uint8_t>(y, x) && !near_text.at<uint8_t>(y, x)) {
        ++seal_n;
        seal_black += black;
      }
    }
  }
  Scores s;
  s.seal_ink = seal_n ? static_cast<double>(seal_black) / seal_n : 0;
  s.text_recall = text_n ? static_cast<double>(text_black) / text_n : 0;
  return s;
}

// Checks that SuppressStamps found exactly one seal, where it was drawn,
// its circle covering the whole ring.
void ExpectTheDrawnSeal(const Result<std::vector<StampCircle>>& found) {
  ASSERT_TRUE(found.has_value()) << found.error().message;
  ASSERT_EQ(found->size(), 1u);
  const StampCircle& s = found->front();
  EXPECT_NEAR(s.cx, SealCentre().x, 12);
  EXPECT_NEAR(s.cy, SealCentre().y, 12);
  EXPECT_GE(s.radius, SealRadius());
  EXPECT_LE(s.radius, SealRadius() * 1.25);
}

TEST(SuppressStampsTest, FindsTheSealWhereItWasDrawn) {
  GrayImage page = StampedPage();
  auto found = SuppressStamps(&page);
  ASSERT_NO_FATAL_FAILURE(ExpectTheDrawnSeal(found));
  EXPECT_NEAR(found->front().ink_level, kSealGray, 25);
}

TEST(SuppressStampsTest, FindsTheSealOnABlurredScan) {
  GrayImage page = BlurredStampedPage();
  auto found = SuppressStamps(&page);
  ASSERT_NO_FATAL_FAILURE(ExpectTheDrawnSeal(found));
  // The blurred rule is kept across the seal, or the table's cells would
  // merge: on at least 95% of the rows between the inner rings it is not
  // turned into paper.
  int rows = 0, kept = 0;
  const int half = SealRadius() * 3 / 5;
  for (int y = SealCentre().y - half; y <= SealCentre().y + half; ++y, ++rows) {
    int darkest = 255;
    for (int x = RuleX() - 3; x <= RuleX() + 3; ++x) {
      darkest = std::min<int>(darkest, page.at(x, y));
    }
    kept += darkest < 200;
  }
  EXPECT_GE(kept, rows * 95 / 100) << kept << " of " << rows << " rows";
}

TEST(SuppressStampsTest, RejectsBadInput) {
  EXPECT_FALSE(SuppressStamps(nullptr).has_value());
  GrayImage empty;
  EXPECT_FALSE(SuppressStamps(&empty).has_value());
}

TEST(SuppressStampsTest, LeavesADarkInkCircleAlone) {
  // A circle drawn in text ink (e.g. a hand-drawn mark) is not a seal.
  GrayImage page = TextOnly();
  cv::circle(Wrap(page), SealCentre(), SealRadius(), cv::Scalar(0), 7, cv::LINE_AA);
  page = AddNoise(std::move(page), 30);
  const GrayImage before = page;
  auto found = SuppressStamps(&page);
  ASSERT_TRUE(found.has_value());
  EXPECT_TRUE(found->empty());
  EXPECT_EQ(page.pixels, before.pixels);
}

TEST(CleanPageStampTest, SealInkIsRemovedAndTextKept) {
  auto on = CleanPage(StampedPage());
  ASSERT_TRUE(on.has_value()) << on.error().message;
  // The comparison with the text-only rendering needs the input geometry.
  ASSERT_EQ(on->scale, 1.0);
  ASSERT_FALSE(on->deskewed);
  ASSERT_FALSE(on->light);
  EXPECT_EQ(on->stamps_removed, 1);
  const Scores with = Score(on->binary);
  EXPECT_LT(with.seal_ink, 0.03);
  EXPECT_GE(with.text_recall, 0.95);

  // Without suppression the seal turns black: the test above can fail.
  CleanupOptions off;
  off.suppress_stamps = false;
  auto plain = CleanPage(StampedPage(), off);
  ASSERT_TRUE(plain.has_value());
  ASSERT_EQ(plain->scale, 1.0);
  EXPECT_EQ(plain->stamps_removed, 0);
  EXPECT_GT(Score(plain->binary).seal_ink, 0.3);
}

TEST(CleanPageStampTest, DarkerPatchesOfTheRingGoOnABlurredScan) {
  // On a blurred page the text has no flat dark core, so the histogram's
  // dark mode sits near the strokes' edges; the darker arcs of the ring
  // must still not pass for text.
  auto cleaned = CleanPage(BlurredUnevenStampedPage());
  ASSERT_TRUE(cleaned.has_value()) << cleaned.error().message;
  ASSERT_EQ(cleaned->scale, 1.0);
  ASSERT_FALSE(cleaned->deskewed);
  EXPECT_EQ(cleaned->stamps_removed, 1);
  const Scores s = Score(cleaned->binary);
  EXPECT_LT(s.seal_ink, 0.02);
  EXPECT_GE(s.text_recall, 0.9);
}

TEST(CleanPageStampTest, WritesTheStampsStageOnlyWhenASealWasRemoved) {
  const std::filesystem::path dir =
      std::filesystem::path(::testing::TempDir()) / "vnplan_stamp_intermediates";
  std::filesystem::remove_all(dir);
  CleanupOptions options;
  options.keep_intermediates_dir = dir;
  options.page_number = 1;
  ASSERT_TRUE(CleanPage(StampedPage(), options).has_value());
  options.page_number = 2;
  ASSERT_TRUE(CleanPage(AddNoise(TextOnly(), 30), options).has_value());
  // Page 1: input, denoise, background, stamps, ...; page 2 has no seal.
  EXPECT_TRUE(std::filesystem::exists(dir / "p0001-04-stamps.png"));
  EXPECT_FALSE(std::filesystem::exists(dir / "p0002-04-stamps.png"));
  EXPECT_TRUE(std::filesystem::exists(dir / "p0002-04-binary.png"));
  std::filesystem::remove_all(dir);
}

TEST(SuppressStampsTest, IgnoresRingsTooSmallForASeal) {
  // A 1 cm mid-gray ring (e.g. a circled number) is not a seal.
  GrayImage page = TextOnly();
  cv::circle(Wrap(page), SealCentre(), static_cast<int>(0.5 / 2.54 * kDpi), cv::Scalar(kSealGray),
             5, cv::LINE_AA);
  const GrayImage before = page;
  auto found = SuppressStamps(&page);
  ASSERT_TRUE(found.has_value());
  EXPECT_TRUE(found->empty());
  EXPECT_EQ(page.pixels, before.pixels);
}

TEST(CleanPageStampTest, PageWithoutSealIsIdenticalWithOptionOnOrOff) {
  for (int noise : {0, 30}) {
    const GrayImage page = AddNoise(TextOnly(), noise);
    CleanupOptions off;
    off.suppress_stamps = false;
    auto a = CleanPage(page);
    auto b = CleanPage(page, off);
    ASSERT_TRUE(a.has_value() && b.has_value());
    EXPECT_EQ(a->stamps_removed, 0);
    EXPECT_EQ(a->binary.pixels, b->binary.pixels) << "noise " << noise;
    EXPECT_EQ(a->gray.pixels, b->gray.pixels) << "noise " << noise;
  }
}

}  // namespace
}  // namespace vnplan::imaging
