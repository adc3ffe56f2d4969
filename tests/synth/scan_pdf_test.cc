#include "synth/scan_pdf.h"

#include <gtest/gtest.h>
#include <poppler-document.h>
#include <poppler-page.h>
#include <poppler-page-renderer.h>

#include <filesystem>

namespace vnplan::synth {
namespace {

GrayImage Page(int w, int h, int dpi) {
  GrayImage img{.width = w, .height = h, .dpi = dpi, .pixels = std::vector<uint8_t>(w * h, 255)};
  for (int y = h / 4; y < h / 2; ++y) {
    for (int x = w / 4; x < w / 2; ++x) img.pixels[y * w + x] = 0;  // a black square
  }
  return img;
}

TEST(ScanPdfTest, ImageOnlyPdfHasPagesOfTheImageSizeAndNoText) {
  auto dir = std::filesystem::temp_directory_path() / "vnplan_synth_test";
  std::filesystem::create_directories(dir);
  for (int quality : {0, 80}) {
    std::string path = (dir / ("scan" + std::to_string(quality) + ".pdf")).string();
    ASSERT_TRUE(WriteImagePdf({Page(200, 100, 100), Page(100, 200, 50)}, quality, path).has_value());
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
    ASSERT_NE(doc, nullptr);
    ASSERT_EQ(doc->pages(), 2);
    std::unique_ptr<poppler::page> p0(doc->create_page(0)), p1(doc->create_page(1));
    EXPECT_NEAR(p0->page_rect().width(), 144, 0.5);  // 200 px at 100 dpi = 2 in
    EXPECT_NEAR(p0->page_rect().height(), 72, 0.5);
    EXPECT_NEAR(p1->page_rect().width(), 144, 0.5);  // 100 px at 50 dpi
    EXPECT_NEAR(p1->page_rect().height(), 288, 0.5);
    auto text = p0->text().to_utf8();
    for (char c : text) EXPECT_TRUE(std::isspace(static_cast<unsigned char>(c))) << int(c);
    // Rendered back at the image's dpi: the square is dark, the rest white.
    poppler::page_renderer r;
    poppler::image img = r.render_page(p0.get(), 100, 100);
    ASSERT_TRUE(img.is_valid());
    auto px = [&](int x, int y) {
      const char* row = img.const_data() + y * img.bytes_per_row();
      return static_cast<unsigned char>(row[x * 4 + 1]);  // ARGB32, green
    };
    EXPECT_LT(px(75, 37), 40);
    EXPECT_GT(px(150, 80), 215);
  }
}

TEST(ScanPdfTest, WriterRejectsMisuse) {
  ImagePdfWriter w;
  EXPECT_FALSE(w.AddPage(Page(10, 10, 72)).has_value());
  auto path = (std::filesystem::temp_directory_path() / "vnplan_synth_test" / "empty.pdf").string();
  ASSERT_TRUE(w.Begin(path, 0).has_value());
  EXPECT_FALSE(w.AddPage(GrayImage{}).has_value());
  EXPECT_FALSE(w.End().has_value());  // no page
  EXPECT_FALSE(WriteImagePdf({}, 0, path).has_value());
}

}  // namespace
}  // namespace vnplan::synth
