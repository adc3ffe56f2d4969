#include "pipeline/noise_filter.h"

#include <algorithm>

#include "common/utf8.h"
#include "text/vietnamese.h"

namespace vnplan::pipeline {
namespace {

bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }

}  // namespace

bool IsNoiseWord(const Word& word, const NoiseFilterOptions& options) {
  const std::u32string w = Utf8ToU32(word.text);
  int letters = 0, digits = 0;
  std::u32string core;  // the letters, lower-case, for the syllable check
  for (char32_t c : w) {
    if (text::IsVietnameseLetter(c)) {
      ++letters;
      core.push_back(c);
    } else if (IsDigit(c)) {
      ++digits;
    }
  }
  if (letters == 0 && digits == 0) {
    // A lone dot, comma or quote between words is a speck far more often
    // than real punctuation, which Tesseract attaches to the word before.
    static const std::u32string kSpeckLike = U".,:;'`\"„“”ˆ~_|‘’·•";
    if (w.size() == 1 && kSpeckLike.find(w[0]) != std::u32string::npos) {
      return word.confidence < options.lone_mark_min_confidence;
    }
    return word.confidence < options.symbol_min_confidence;
  }
  if (word.confidence >= options.garbage_min_confidence) return false;
  if (letters == 0) return false;  // a number
  // Letters mixed with other symbols ("{ev2~", "„A24") or non-syllables.
  const bool clean = static_cast<int>(core.size()) + digits + 2 >= static_cast<int>(w.size());
  return !(clean && text::IsValidSyllable(text::ToLower(U32ToUtf8(core))));
}

int DropNoiseWords(Page* page, const NoiseFilterOptions& options) {
  int dropped = 0;
  for (Block& block : page->blocks) {
    for (Line& line : block.lines) {
      const size_t before = line.words.size();
      std::erase_if(line.words, [&](const Word& w) { return IsNoiseWord(w, options); });
      dropped += static_cast<int>(before - line.words.size());
    }
    std::erase_if(block.lines, [](const Line& l) { return l.words.empty(); });
  }
  std::erase_if(page->blocks, [](const Block& b) { return b.lines.empty(); });
  return dropped;
}

Result<Page> NoiseFilteringEngine::Recognize(const GrayImage& image, const Box& region) {
  Result<Page> page = inner_.Recognize(image, region);
  if (page) DropNoiseWords(&*page, options_);
  return page;
}

}  // namespace vnplan::pipeline
