// Removes OCR "words" that are really specks, stamp fragments or table
// rules: symbol-only tokens with middling confidence, near-zero
// confidence tokens that are neither Vietnamese syllables nor numbers, and
// tokens with a symbol no plan uses (`, \, ©, £, §, ⁄ ...: alone, at any
// confidence; with letters or digits, at near-zero confidence).
// Dash tokens are first classified by width (table/dash_classifier.h): a
// dash the geometry confirms is rewritten to -, – or — and kept, however
// unsure Tesseract was of it. Applied to whole pages and, through
// NoiseFilteringEngine, to table cells.
#ifndef VNPLAN_PIPELINE_NOISE_FILTER_H_
#define VNPLAN_PIPELINE_NOISE_FILTER_H_

#include <string_view>

#include "common/ocr_engine.h"
#include "table/dash_classifier.h"

namespace vnplan::pipeline {

struct NoiseFilterOptions {
  // Tokens with no letter or digit are dropped below this confidence
  // (0..100). Default 60.
  float symbol_min_confidence = 60.0f;
  // A lone one-character mark (".", ",", "`", "„") is dropped below this
  // confidence. Default 95.
  float lone_mark_min_confidence = 95.0f;
  // Tokens that are not a valid syllable, word-like or a number are dropped
  // below this confidence. Default 30.
  float garbage_min_confidence = 30.0f;
  // Seal strokes and blots read as a token of one or two characters: at
  // least `tall_min_ratio` times as tall as the lower median of the page's
  // other words with a letter or digit, each character at least
  // `blot_min_char_width` of that height wide, under `tall_max_confidence`
  // (or under `tall_garbage_max_confidence` when no number or syllable,
  // table::LooksLikeText): "à" 75 x 115 at 0 and "X" 49 x 58 at 59 among
  // 24-pixel words. Longer tall words ("Kheo" for "theo" under a seal) stay
  // for the language model. Defaults 1.8, 0.75, 60, 90.
  double tall_min_ratio = 1.8;
  double blot_min_char_width = 0.75;
  float tall_max_confidence = 60.0f;
  float tall_garbage_max_confidence = 90.0f;
  // Classify stand-alone dash tokens by width before filtering. Default on.
  bool classify_dashes = true;
  table::DashOptions dashes;  // thresholds of the classification
};

// True if `word` (with its confidence) should be dropped.
bool IsNoiseWord(const Word& word, const NoiseFilterOptions& options = {});

// Classifies dashes (when options.classify_dashes), drops noise words, then
// empty lines and blocks. A token under 0.4 of the line's height (the
// page's, alone on its line), three line heights away from any word, is a
// speck whatever its confidence, and so is one figure or symbol alone on
// its line under 0.7 of the page's word height; an unsure token far taller than the
// page's other words is a seal stroke (NoiseFilterOptions::tall_*). A
// stroke (|, !, l, Ï, ‡, [ ...) between two words (or last on the line with
// a mark) that is as tall as they are and narrow, confident or not, is
// kept: alone it is read as a roman "I" ("Học kỳ Ï năm"), with a mark as a
// "1" ("MỨC |, 2, 3", "Tiêu chuẩn ‡:", and a plain "Tiêu chuẩn I:"). A number with digit-like
// letters in it is read as digits ("l1," -> "1,", "2O24" -> "2024"), before the language model can
// take it for a word ("l1" -> "li"). Returns how many words went.
int DropNoiseWords(Page* page, const NoiseFilterOptions& options = {});

// Decorates an engine so that every result is filtered; with
// classify_dashes, dashes Tesseract did not output are first looked for in
// the image (table::RecoverDashes).
class NoiseFilteringEngine : public OcrEngine {
 public:
  // `inner` must outlive this object.
  explicit NoiseFilteringEngine(OcrEngine& inner, NoiseFilterOptions options = {})
      : inner_(inner), options_(options) {}
  Result<Page> Recognize(const GrayImage& image, const Box& region) override;

 private:
  OcrEngine& inner_;
  NoiseFilterOptions options_;
};

}  // namespace vnplan::pipeline

#endif  // VNPLAN_PIPELINE_NOISE_FILTER_H_
