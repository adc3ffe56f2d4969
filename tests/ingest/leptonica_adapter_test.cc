#include "ingest/leptonica_adapter.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace vnplan::lept {
namespace {

// A gray page with a dark bar on paper: the JPEG round trip used by the
// OCR route's cell re-read (OcrPage::image_jpeg) must give back the same
// geometry and, up to JPEG error, the same ink.
TEST(LeptonicaAdapterTest, JpegRoundTripKeepsGeometryAndInk) {
  GrayImage page;
  page.width = 120;
  page.height = 80;
  page.dpi = 300;
  page.pixels.assign(static_cast<size_t>(page.width) * page.height, 235);
  for (int y = 30; y < 50; ++y) {
    for (int x = 20; x < 100; ++x) page.pixels[static_cast<size_t>(y) * page.width + x] = 20;
  }
  auto jpeg = EncodeJpeg(PixFromGray(page).get(), 60);
  ASSERT_TRUE(jpeg.has_value());
  auto back = DecodeGray(*jpeg);
  ASSERT_TRUE(back.has_value()) << back.error().message;
  EXPECT_EQ(back->width, page.width);
  EXPECT_EQ(back->height, page.height);
  EXPECT_LT(back->at(60, 40), 60);   // inside the bar
  EXPECT_GT(back->at(60, 10), 200);  // paper
  EXPECT_LT(std::abs(back->at(5, 5) - 235), 12);
}

TEST(LeptonicaAdapterTest, DecodeGrayRejectsGarbage) {
  auto r = DecodeGray("not an image at all");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInternal);
  EXPECT_FALSE(DecodeGray("").has_value());
}

}  // namespace
}  // namespace vnplan::lept
