// A fake OcrEngine for table tests: it "recognises" a region as the text of
// the known box (e.g. a gold cell box) that overlaps the region most, so
// tests check geometry without language data.
#ifndef VNPLAN_TESTS_TABLE_FAKE_OCR_ENGINE_H_
#define VNPLAN_TESTS_TABLE_FAKE_OCR_ENGINE_H_

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "common/ocr_engine.h"

namespace vnplan::table {

class FakeOcrEngine : public OcrEngine {
 public:
  void Add(const Box& box, std::string text) { boxes_.emplace_back(box, std::move(text)); }
  int calls() const { return calls_; }

  Result<Page> Recognize(const GrayImage& image, const Box& region) override {
    ++calls_;
    Page page;
    page.width = image.width;
    page.height = image.height;
    long best = 0;
    const std::string* text = nullptr;
    for (const auto& [box, t] : boxes_) {
      long w = std::min(box.x1, region.x1) - std::max(box.x0, region.x0);
      long h = std::min(box.y1, region.y1) - std::max(box.y0, region.y0);
      if (w <= 0 || h <= 0) continue;
      // Require most of the region to lie in the box.
      if (w * h * 2 < static_cast<long>(region.width()) * region.height()) continue;
      if (w * h > best) {
        best = w * h;
        text = &t;
      }
    }
    if (text && !text->empty()) {
      Word word{*text, region, 91.0f, ""};
      Line line{{word}, region};
      page.blocks.push_back(Block{{line}, region});
      page.mean_confidence = 91.0f;
    }
    return page;
  }

 private:
  std::vector<std::pair<Box, std::string>> boxes_;
  int calls_ = 0;
};

}  // namespace vnplan::table

#endif  // VNPLAN_TESTS_TABLE_FAKE_OCR_ENGINE_H_
