#include "ocr/ocr_document.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <utility>
#include <vector>

#include "ingest/leptonica_adapter.h"
#include "testing/render_text.h"

namespace vnplan::ocr {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// Reports one word "ink" covering the dark pixels of the image; can be told
// to fail on the n-th call.
class FakeEngine : public OcrEngine {
 public:
  explicit FakeEngine(std::atomic<int>* calls, int fail_on_call = -1, float confidence = 80.0f)
      : calls_(calls), fail_on_call_(fail_on_call), confidence_(confidence) {}

  Result<Page> Recognize(const GrayImage& image, const Box&) override {
    const int call = ++*calls_;
    if (call == fail_on_call_) return MakeError(ErrorCode::kInternal, "fake failure");
    Box ink{image.width, image.height, 0, 0};
    for (int y = 0; y < image.height; ++y)
      for (int x = 0; x < image.width; ++x)
        if (image.at(x, y) < 128) {
          ink.x0 = std::min(ink.x0, x);
          ink.y0 = std::min(ink.y0, y);
          ink.x1 = std::max(ink.x1, x + 1);
          ink.y1 = std::max(ink.y1, y + 1);
        }
    Page page;
    page.dpi = image.dpi;
    if (!ink.empty()) {
      Word w{"ink", ink, confidence_, ""};
      page.blocks = {Block{{Line{{w}, ink}}, ink}};
      page.mean_confidence = confidence_;
    }
    return page;
  }

 private:
  std::atomic<int>* calls_;
  int fail_on_call_;
  float confidence_;
};

class OcrSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("vnplan_ocrdoc_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    pdf_ = dir_ / "three.pdf";
    ASSERT_TRUE(testing::WriteMultiPagePdf(pdf_, 3));
    options_.detect_orientation = false;  // no language data in unit tests
    options_.dpi = 150;
  }
  void TearDown() override { fs::remove_all(dir_); }

  EngineFactory Factory(int fail_on_call = -1) {
    return [this, fail_on_call]() -> Result<std::unique_ptr<OcrEngine>> {
      ++engines_;
      return std::unique_ptr<OcrEngine>(new FakeEngine(&calls_, fail_on_call));
    };
  }

  fs::path dir_, pdf_;
  OcrOptions options_;
  std::atomic<int> calls_{0}, engines_{0};
};

TEST_F(OcrSourceTest, OcrsEveryPageInOrderWithProgress) {
  std::vector<std::pair<int, int>> progress;
  options_.jobs = 1;
  options_.cleanup.light_noise_threshold = 0;  // force the binary path
  auto doc = OcrSource(pdf_, options_, [&](int d, int t) { progress.emplace_back(d, t); },
                       Factory());
  ASSERT_TRUE(doc.has_value()) << doc.error().message;
  ASSERT_EQ(doc->pages.size(), 3u);
  EXPECT_EQ(doc->source, pdf_);
  for (int i = 0; i < 3; ++i) {
    const OcrPage& p = doc->pages[i];
    EXPECT_EQ(p.page.number, i + 1);
    EXPECT_EQ(p.page.dpi, 150);
    EXPECT_EQ(p.page.width, p.image.width);
    EXPECT_EQ(p.image.width, 875);  // 420 pt at 150 dpi
    ASSERT_EQ(p.page.blocks.size(), 1u);
    // "Trang N" is drawn at (36 pt, 36 pt) = (75 px, 75 px).
    const Box& ink = p.page.blocks[0].box;
    EXPECT_NEAR(ink.x0, 75, 6);
    EXPECT_NEAR(ink.y0, 75, 10);
    EXPECT_LT(ink.x1, 300);
    for (uint8_t v : p.image.pixels) ASSERT_TRUE(v == 0 || v == 255);
    ASSERT_GT(p.image_jpeg.size(), 100u);
    EXPECT_EQ(static_cast<unsigned char>(p.image_jpeg[0]), 0xFF);
    EXPECT_EQ(static_cast<unsigned char>(p.image_jpeg[1]), 0xD8);
  }
  EXPECT_EQ(progress, (std::vector<std::pair<int, int>>{{1, 3}, {2, 3}, {3, 3}}));
  EXPECT_EQ(engines_, 1);
  EXPECT_EQ(calls_, 3);
}

TEST_F(OcrSourceTest, ParallelWorkersEachGetTheirOwnEngine) {
  options_.jobs = 2;
  int last_done = 0;
  auto doc = OcrSource(pdf_, options_, [&](int d, int) { last_done = std::max(last_done, d); },
                       Factory());
  ASSERT_TRUE(doc.has_value()) << doc.error().message;
  ASSERT_EQ(doc->pages.size(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(doc->pages[i].page.number, i + 1);
  EXPECT_EQ(engines_, 2);
  EXPECT_EQ(calls_, 3);
  EXPECT_EQ(last_done, 3);
}

// A mixed PDF's pages without a text layer are read alone.
TEST_F(OcrSourceTest, OnlyThePagesAskedFor) {
  options_.jobs = 2;
  options_.only_pages = {1, 3, 7};  // 7 is past the end
  std::vector<std::pair<int, int>> progress;
  auto doc = OcrSource(pdf_, options_, [&](int d, int t) { progress.emplace_back(d, t); },
                       Factory());
  ASSERT_TRUE(doc.has_value()) << doc.error().message;
  ASSERT_EQ(doc->pages.size(), 2u);
  EXPECT_EQ(doc->pages[0].page.number, 1);
  EXPECT_EQ(doc->pages[1].page.number, 3);
  EXPECT_EQ(calls_, 2);
  ASSERT_EQ(progress.size(), 2u);
  EXPECT_EQ(progress.back(), (std::pair<int, int>{2, 2}));
}

TEST_F(OcrSourceTest, CleanRenderedPagesAreLightAndReadGray) {
  options_.jobs = 1;
  auto doc = OcrSource(pdf_, options_, {}, Factory());
  ASSERT_TRUE(doc.has_value());
  bool has_gray = false;
  for (uint8_t v : doc->pages[0].image.pixels) has_gray |= v != 0 && v != 255;
  EXPECT_TRUE(has_gray);
  EXPECT_EQ(doc->pages[0].page.blocks.size(), 1u);
}

TEST_F(OcrSourceTest, NoCleanPassesTheRenderedPageThrough) {
  options_.clean = false;
  options_.jobs = 1;
  auto doc = OcrSource(pdf_, options_, {}, Factory());
  ASSERT_TRUE(doc.has_value());
  bool has_gray = false;
  for (uint8_t v : doc->pages[0].image.pixels) has_gray |= v != 0 && v != 255;
  EXPECT_TRUE(has_gray);  // anti-aliased rendering, not binarised
}

TEST_F(OcrSourceTest, EngineCreationErrorIsReturned) {
  auto doc = OcrSource(pdf_, options_, {}, []() -> Result<std::unique_ptr<OcrEngine>> {
    return MakeError(ErrorCode::kDependency, "install tesseract-ocr-vie");
  });
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().code, ErrorCode::kDependency);
}

TEST_F(OcrSourceTest, PageErrorNamesThePage) {
  options_.jobs = 1;
  auto doc = OcrSource(pdf_, options_, {}, Factory(/*fail_on_call=*/2));
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().code, ErrorCode::kInternal);
  EXPECT_EQ(doc.error().message, "page 2: fake failure");
}

TEST_F(OcrSourceTest, BadInputFailsBeforeAnyEngineIsMade) {
  const fs::path bad = dir_ / "bad.pdf";
  std::ofstream(bad) << "%PDF-1.7\nthis is not a PDF";
  auto doc = OcrSource(bad, options_, {}, Factory());
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().code, ErrorCode::kInputError);
  EXPECT_EQ(engines_, 0);
}

TEST_F(OcrSourceTest, KeepsIntermediatesPerPage) {
  options_.jobs = 2;
  options_.cleanup.keep_intermediates_dir = dir_ / "stages";
  auto doc = OcrSource(pdf_, options_, {}, Factory());
  ASSERT_TRUE(doc.has_value());
  for (const char* f : {"p0001-01-input.png", "p0002-01-input.png", "p0003-01-input.png"}) {
    EXPECT_TRUE(fs::exists(dir_ / "stages" / f)) << f;
  }
}

TEST_F(OcrSourceTest, RejectsBadOptions) {
  options_.dpi = 5;
  auto doc = OcrSource(pdf_, options_, {}, Factory());
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(OcrSourceTest, ReportsStageTimings) {
  options_.jobs = 1;
  auto doc = OcrSource(pdf_, options_, {}, Factory());
  ASSERT_TRUE(doc.has_value());
  std::vector<std::string> stages;
  for (const auto& t : doc->pages[0].timings) {
    EXPECT_GE(t.milliseconds, 0.0) << t.stage;
    stages.push_back(t.stage);
  }
  EXPECT_THAT(stages, ::testing::IsSupersetOf({"noise", "background", "binarize", "ocr", "jpeg"}));
  EXPECT_EQ(stages.back(), "jpeg");
}

TEST_F(OcrSourceTest, UntaggedScanGetsTheResolutionOfItsText) {
  // 13 pt Times-like text at 150 dpi in a PNG that stores no resolution.
  GrayImage page = testing::RenderText(
      "Kế hoạch cải tiến chất lượng giáo dục năm học 2023 - 2024\n"
      "Trường Tiểu học Nguyễn Trãi, huyện Tân Phú, tỉnh Đồng Nai\n"
      "Căn cứ kết quả tự đánh giá, nhà trường xây dựng kế hoạch",
      150, "Liberation Serif 13", 40);
  page.dpi = 0;
  lept::PixPtr pix = lept::PixFromGray(page);
  const fs::path png = dir_ / "untagged.png";
  ASSERT_TRUE(lept::WritePng(pix.get(), png).has_value());
  options_.jobs = 1;
  auto doc = OcrSource(png, options_, {}, Factory());
  ASSERT_TRUE(doc.has_value()) << doc.error().message;
  EXPECT_EQ(doc->pages[0].page.dpi, 150);
  EXPECT_EQ(doc->pages[0].image.dpi, 150);
}

// A page of text the quick check finds upright, read by a fake engine; the
// orientation detector points at a directory without osd.traineddata, so
// any OSD call fails with kDependency.
class OrientationFlowTest : public ::testing::Test {
 protected:
  Result<OcrPage> Read(float confidence) {
    const GrayImage page = testing::RenderText(
        "Kế hoạch cải tiến chất lượng giáo dục năm học 2023 - 2024\n"
        "Trường Tiểu học Nguyễn Trãi, huyện Tân Phú, tỉnh Đồng Nai\n"
        "Căn cứ kết quả tự đánh giá, nhà trường xây dựng kế hoạch\n"
        "cải tiến chất lượng theo các tiêu chuẩn sau đây: tổ chức\n"
        "và quản lý nhà trường; đội ngũ cán bộ quản lý, giáo viên.",
        300, "DejaVu Serif 11", 100);
    std::atomic<int> calls{0};
    FakeEngine engine(&calls, -1, confidence);
    auto detector = OrientationDetector::Create(fs::temp_directory_path() / "no-such-tessdata");
    if (!detector) return std::unexpected(detector.error());
    auto out = OcrPageImage(page, 1, OcrOptions{}, engine, detector->get());
    calls_ = calls;
    return out;
  }
  int calls_ = 0;
};

TEST_F(OrientationFlowTest, ConfidentReadingOfAnUprightPageSkipsOsd) {
  auto page = Read(80.0f);
  ASSERT_TRUE(page.has_value()) << page.error().message;
  EXPECT_EQ(page->rotation_degrees, 0);
  EXPECT_EQ(calls_, 1);
}

TEST_F(OrientationFlowTest, DoubtfulReadingAsksOsd) {
  auto page = Read(30.0f);
  ASSERT_FALSE(page.has_value());
  EXPECT_EQ(page.error().code, ErrorCode::kDependency);
  EXPECT_EQ(calls_, 1);
}

}  // namespace
}  // namespace vnplan::ocr
