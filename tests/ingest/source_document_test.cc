#include "ingest/source_document.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "ingest/leptonica_adapter.h"
#include "testing/render_text.h"

namespace vnplan::ingest {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class SourceDocumentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("vnplan_ingest_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path Write(const std::string& name, const std::string& bytes) {
    fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }

  fs::path dir_;
};

void ExpectInputError(const Result<SourceDocument>& r, const std::string& fragment) {
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInputError);
  EXPECT_THAT(r.error().message, HasSubstr(fragment));
}

TEST_F(SourceDocumentTest, MissingFile) {
  ExpectInputError(OpenSource(dir_ / "nope.pdf"), "no such file");
}

TEST_F(SourceDocumentTest, EmptyFile) {
  ExpectInputError(OpenSource(Write("empty.pdf", "")), "empty file");
}

TEST_F(SourceDocumentTest, GarbageIsRejected) {
  ExpectInputError(OpenSource(Write("junk.bin", std::string(500, '\x07') + "hello")),
                   "unsupported or corrupt");
}

TEST_F(SourceDocumentTest, CorruptPdf) {
  ExpectInputError(OpenSource(Write("bad.pdf", "%PDF-1.4\n%\xe2\xe3\n1 0 obj << /Type /Cat" +
                                                   std::string(300, 'x'))),
                   "PDF");
}

TEST_F(SourceDocumentTest, TruncatedPdfIsAnInputError) {
  const fs::path good = dir_ / "good.pdf";
  ASSERT_TRUE(testing::WriteMultiPagePdf(good, 2));
  std::ifstream in(good, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  auto r = OpenSource(Write("cut.pdf", bytes.substr(0, 20)));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInputError);
}

TEST_F(SourceDocumentTest, EncryptedPdf) {
  ExpectInputError(OpenSource(fs::path(VNPLAN_TEST_DATA) / "scan" / "encrypted.pdf"),
                   "encrypted PDF (password required)");
}

TEST_F(SourceDocumentTest, ZeroPagePdf) {
  // A well-formed PDF whose page tree is empty; xref offsets computed here.
  std::string pdf = "%PDF-1.4\n";
  std::string xref_rows;
  auto obj = [&](const std::string& body) {
    char row[32];
    std::snprintf(row, sizeof row, "%010zu 00000 n \n", pdf.size());
    xref_rows += row;
    pdf += body;
  };
  obj("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
  obj("2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n");
  const size_t xref = pdf.size();
  pdf += "xref\n0 3\n0000000000 65535 f \n" + xref_rows;
  pdf += "trailer << /Size 3 /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  ExpectInputError(OpenSource(Write("zero.pdf", pdf)), "empty document (0 pages)");
}

TEST_F(SourceDocumentTest, OversizePngHeaderRejectedBeforeDecoding) {
  // PNG signature + IHDR claiming 100000 x 100000 gray; no image data at all.
  std::string png = "\x89PNG\r\n\x1a\n";
  png += std::string("\x00\x00\x00\x0d", 4) + "IHDR";
  auto be32 = [&](uint32_t v) {
    for (int s = 24; s >= 0; s -= 8) png += static_cast<char>((v >> s) & 0xff);
  };
  be32(100000);
  be32(100000);
  png += std::string("\x08\x00\x00\x00\x00", 5);
  be32(0);  // CRC (not checked by header readers)
  png += std::string("\x00\x00\x00\x40", 4) + "IDAT" + std::string(68, '\0');
  ExpectInputError(OpenSource(Write("bomb.png", png)), "image too large: 100000\u00d7100000");
}

TEST_F(SourceDocumentTest, OversizePdfPageRejectedBeforeRendering) {
  const fs::path pdf = dir_ / "a5.pdf";
  ASSERT_TRUE(testing::WriteMultiPagePdf(pdf, 1));
  IngestOptions options;
  options.max_page_pixels = 1'000'000;  // A5 at 300 dpi is ~4.4 MP
  auto doc = OpenSource(pdf, options);
  ASSERT_TRUE(doc.has_value()) << doc.error().message;
  EXPECT_TRUE(doc->RenderPage(0, 100).has_value());
  auto big = doc->RenderPage(0, 300);
  ASSERT_FALSE(big.has_value());
  EXPECT_EQ(big.error().code, ErrorCode::kInputError);
  EXPECT_THAT(big.error().message, HasSubstr("too large"));
}

TEST_F(SourceDocumentTest, TooManyPages) {
  const fs::path pdf = dir_ / "three.pdf";
  ASSERT_TRUE(testing::WriteMultiPagePdf(pdf, 3));
  IngestOptions options;
  options.max_pages = 2;
  ExpectInputError(OpenSource(pdf, options), "too many pages: 3 exceeds limit 2");
  auto ok = OpenSource(pdf);
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->page_count(), 3);
  EXPECT_EQ(ok->kind(), SourceKind::kPdf);
}

TEST_F(SourceDocumentTest, RendersPdfAtRequestedDpi) {
  const fs::path pdf = dir_ / "page.pdf";
  ASSERT_TRUE(testing::WriteMultiPagePdf(pdf, 1));
  auto doc = OpenSource(pdf);
  ASSERT_TRUE(doc.has_value());
  auto img = doc->RenderPage(0, 144);
  ASSERT_TRUE(img.has_value()) << img.error().message;
  EXPECT_EQ(img->width, 840);  // 420 pt * 144 / 72
  EXPECT_EQ(img->height, 1190);
  EXPECT_EQ(img->dpi, 144);
  int dark = 0;
  for (uint8_t p : img->pixels) dark += p < 128;
  EXPECT_GT(dark, 100);  // "Trang 1" is drawn
  EXPECT_LT(dark, img->width * img->height / 20);
  EXPECT_EQ(doc->RenderPage(1, 144).error().code, ErrorCode::kInvalidArgument);
}

TEST_F(SourceDocumentTest, PdfTextLayerHasWordsBoxesAndFonts) {
  const fs::path pdf = dir_ / "text.pdf";
  ASSERT_TRUE(testing::WriteTextPdf(pdf, "Kế hoạch cải tiến\nTrường Tiểu học", "DejaVu Serif 12"));
  auto doc = OpenSource(pdf);
  ASSERT_TRUE(doc.has_value());
  auto page = doc->TextLayer(0, 144);
  ASSERT_TRUE(page.has_value()) << page.error().message;
  EXPECT_EQ(page->width, 840);
  EXPECT_EQ(page->dpi, 144);
  EXPECT_EQ(PageText(*page), "Kế hoạch cải tiến\nTrường Tiểu học\n");
  ASSERT_EQ(page->blocks.size(), 1u);
  ASSERT_EQ(page->blocks[0].lines.size(), 2u);
  const Word& first = page->blocks[0].lines[0].words[0];
  EXPECT_EQ(first.text, "Kế");
  EXPECT_THAT(first.font, HasSubstr("DejaVuSerif"));
  // The text starts at (36pt, 36pt) = (72px, 72px) at 144 dpi; 12pt glyphs.
  EXPECT_NEAR(first.box.x0, 72, 4);
  EXPECT_GT(first.box.y0, 66);
  EXPECT_LT(first.box.y1, 72 + 40);
  const Word& second_line = page->blocks[0].lines[1].words[0];
  EXPECT_GT(second_line.box.y0, first.box.y1 - 2);
}

TEST_F(SourceDocumentTest, MultiPageTiff) {
  lept::PixaPtr pixa(pixaCreate(3));
  for (int i = 0; i < 3; ++i) {
    Pix* pix = pixCreate(100 + 10 * i, 50 + 5 * i, 8);
    pixSetAllArbitrary(pix, 200 - 50 * i);
    pixaAddPix(pixa.get(), pix, L_INSERT);
  }
  const fs::path tif = dir_ / "pages.tif";
  ASSERT_EQ(pixaWriteMultipageTiff(tif.c_str(), pixa.get()), 0);
  auto doc = OpenSource(tif);
  ASSERT_TRUE(doc.has_value()) << doc.error().message;
  EXPECT_EQ(doc->kind(), SourceKind::kImage);
  ASSERT_EQ(doc->page_count(), 3);
  for (int i = 0; i < 3; ++i) {
    auto img = doc->RenderPage(i, 300);
    ASSERT_TRUE(img.has_value()) << img.error().message;
    EXPECT_EQ(img->width, 100 + 10 * i);
    EXPECT_EQ(img->height, 50 + 5 * i);
    EXPECT_EQ(img->at(5, 5), 200 - 50 * i);
  }
  auto text = doc->TextLayer(0, 300);
  ASSERT_TRUE(text.has_value());
  EXPECT_TRUE(text->blocks.empty());
}

TEST_F(SourceDocumentTest, PngRoundTripAndOversizeLimit) {
  GrayImage img;
  img.width = 40;
  img.height = 30;
  img.dpi = 200;
  img.pixels.resize(1200);
  for (size_t i = 0; i < img.pixels.size(); ++i) img.pixels[i] = static_cast<uint8_t>(i % 251);
  lept::PixPtr pix = lept::PixFromGray(img);
  const fs::path png = dir_ / "img.png";
  ASSERT_TRUE(lept::WritePng(pix.get(), png).has_value());
  auto doc = OpenSource(png);
  ASSERT_TRUE(doc.has_value()) << doc.error().message;
  auto back = doc->RenderPage(0, 300);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->pixels, img.pixels);
  EXPECT_EQ(back->dpi, 200);

  IngestOptions tiny;
  tiny.max_page_pixels = 1000;
  ExpectInputError(OpenSource(png, tiny), "image too large: 40\u00d730");
}

TEST_F(SourceDocumentTest, UntaggedImageHasUnknownDpi) {
  GrayImage img;
  img.width = 40;
  img.height = 30;
  img.dpi = 0;  // no resolution stored in the PNG
  img.pixels.assign(1200, 255);
  lept::PixPtr pix = lept::PixFromGray(img);
  const fs::path png = dir_ / "untagged.png";
  ASSERT_TRUE(lept::WritePng(pix.get(), png).has_value());
  auto doc = OpenSource(png);
  ASSERT_TRUE(doc.has_value()) << doc.error().message;
  auto back = doc->RenderPage(0, 300);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->dpi, 0);  // the render dpi is for PDFs only
}

// 90 x 30 colour image: black, red and blue vertical thirds.
lept::PixPtr ThreeColorPix() {
  lept::PixPtr pix(pixCreate(90, 30, 32));
  for (int y = 0; y < 30; ++y) {
    for (int x = 0; x < 90; ++x) {
      l_uint32 v = 0;
      if (x < 30) composeRGBPixel(0, 0, 0, &v);
      else if (x < 60) composeRGBPixel(220, 30, 30, &v);
      else composeRGBPixel(25, 65, 205, &v);
      pixSetPixel(pix.get(), x, y, v);
    }
  }
  return pix;
}

TEST_F(SourceDocumentTest, ColorImagesLightenColoredInkInEveryFormat) {
  lept::PixPtr pix = ThreeColorPix();
  for (auto [name, format] : {std::pair{"c.png", IFF_PNG}, std::pair{"c.jpg", IFF_JFIF_JPEG},
                              std::pair{"c.tif", IFF_TIFF_ZIP}}) {
    const fs::path file = dir_ / name;
    ASSERT_EQ(pixWrite(file.c_str(), pix.get(), format), 0) << name;
    for (bool lighten : {true, false}) {
      IngestOptions options;
      options.lighten_colored_ink = lighten;
      auto doc = OpenSource(file, options);
      ASSERT_TRUE(doc.has_value()) << name << ": " << doc.error().message;
      auto img = doc->RenderPage(0, 300);
      ASSERT_TRUE(img.has_value()) << name;
      ASSERT_EQ(img->width, 90) << name;
      EXPECT_LE(img->at(15, 15), 25) << name;  // black print stays black
      if (lighten) {
        EXPECT_GE(img->at(45, 15), 195) << name;  // red ink near paper
        EXPECT_GE(img->at(75, 15), 180) << name;  // blue ink near paper
      } else {
        // Luminance: 0.30 * 220 + 0.59 * 30 + 0.11 * 30 = 87; blue 65.
        EXPECT_NEAR(img->at(45, 15), 87, 12) << name;
        EXPECT_NEAR(img->at(75, 15), 65, 12) << name;
      }
    }
  }
}

TEST_F(SourceDocumentTest, ColorPdfPagesLightenColoredInk) {
  const fs::path pdf = dir_ / "color.pdf";
  ASSERT_TRUE(testing::WriteColorPdf(pdf, "Kế hoạch năm học"));
  for (bool lighten : {true, false}) {
    IngestOptions options;
    options.lighten_colored_ink = lighten;
    auto doc = OpenSource(pdf, options);
    ASSERT_TRUE(doc.has_value()) << doc.error().message;
    auto img = doc->RenderPage(0, 72);  // 1 px per point
    ASSERT_TRUE(img.has_value());
    EXPECT_EQ(img->width, 420);
    EXPECT_LE(img->at(230, 480), 10);   // black square
    EXPECT_EQ(img->at(100, 300), 255);  // paper
    if (lighten) {
      EXPECT_GE(img->at(330, 480), 200);  // red square
      EXPECT_GE(img->at(330, 550), 190);  // blue square
    } else {
      EXPECT_LE(img->at(330, 480), 110);
      EXPECT_LE(img->at(330, 550), 100);
    }
  }
}

TEST_F(SourceDocumentTest, TruncatedPngFailsOnDecode) {
  GrayImage img;
  img.width = 300;
  img.height = 300;
  img.pixels.assign(90000, 0);
  for (size_t i = 0; i < img.pixels.size(); ++i) img.pixels[i] = static_cast<uint8_t>((i * 7919) % 256);
  lept::PixPtr pix = lept::PixFromGray(img);
  const fs::path png = dir_ / "full.png";
  ASSERT_TRUE(lept::WritePng(pix.get(), png).has_value());
  std::ifstream in(png, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  auto doc = OpenSource(Write("cut.png", bytes.substr(0, bytes.size() / 2)));
  if (!doc.has_value()) {
    EXPECT_EQ(doc.error().code, ErrorCode::kInputError);
    return;
  }
  auto page = doc->RenderPage(0, 300);
  ASSERT_FALSE(page.has_value());
  EXPECT_EQ(page.error().code, ErrorCode::kInputError);
}

}  // namespace
}  // namespace vnplan::ingest
