#include "pipeline/text_layer_engine.h"

#include <algorithm>

namespace vnplan::pipeline {

Result<Page> TextLayerEngine::Recognize(const GrayImage& image, const Box& region) {
  const Box r = region.empty() ? Box{0, 0, image.width, image.height} : region;
  std::vector<Word> words;
  for (const Block& block : layer_.blocks) {
    for (const Line& line : block.lines) {
      for (const Word& w : line.words) {
        const int cx = (w.box.x0 + w.box.x1) / 2, cy = (w.box.y0 + w.box.y1) / 2;
        if (cx >= r.x0 && cx < r.x1 && cy >= r.y0 && cy < r.y1) words.push_back(w);
      }
    }
  }
  std::stable_sort(words.begin(), words.end(), [](const Word& a, const Word& b) {
    return a.box.y0 < b.box.y0;
  });
  Page page = layer_;
  page.blocks.clear();
  Block block;
  block.box = r;
  for (Word& w : words) {
    w.confidence = 100.0f;
    Line* line = block.lines.empty() ? nullptr : &block.lines.back();
    // Same line when the vertical centre falls inside the current line box.
    const int cy = (w.box.y0 + w.box.y1) / 2;
    if (line && cy >= line->box.y0 && cy < line->box.y1) {
      line->box.x0 = std::min(line->box.x0, w.box.x0);
      line->box.x1 = std::max(line->box.x1, w.box.x1);
      line->words.push_back(std::move(w));
    } else {
      Line fresh;
      fresh.box = w.box;
      fresh.words.push_back(std::move(w));
      block.lines.push_back(std::move(fresh));
    }
  }
  for (Line& line : block.lines) {
    std::sort(line.words.begin(), line.words.end(),
              [](const Word& a, const Word& b) { return a.box.x0 < b.box.x0; });
  }
  if (!block.lines.empty()) page.blocks.push_back(std::move(block));
  page.mean_confidence = 100.0f;
  return page;
}

}  // namespace vnplan::pipeline
