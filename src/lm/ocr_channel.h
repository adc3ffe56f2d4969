// Noisy-channel model of what an English OCR model (Tesseract `eng`) makes
// of Vietnamese letters: P(observed string | intended letter), e.g.
// "á" -> "a" | "d" | "4", "ư" -> "u" | "w" | "ir", "ợ" -> "g", "ó" -> "6".
// Input: built-in defaults, optionally mixed with letter-confusion counts
// learned from aligned (truth, eng-OCR) pairs (vnplan-lm-channel writes
// them as TSV). Output: for an observed lower-cased word, the LM syllables
// that could have produced it with log10 P(observed | syllable).
#ifndef VNPLAN_LM_OCR_CHANNEL_H_
#define VNPLAN_LM_OCR_CHANNEL_H_

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/error.h"
#include "lm/ngram_model.h"

namespace vnplan::lm {

class OcrChannel {
 public:
  // The built-in confusion table (hand-made from seed 003 and known
  // eng-OCR behaviour).
  static OcrChannel Default();
  // Defaults mixed with learned counts from a TSV file with lines
  // "intended<TAB>observed<TAB>count" (intended: one lower-case letter;
  // observed: 0..3 characters, "" written as the empty field).
  // kModelMissing if the file cannot be read or parsed.
  static Result<OcrChannel> Load(const std::string& tsv_path);

  OcrChannel(OcrChannel&&) noexcept;
  OcrChannel& operator=(OcrChannel&&) noexcept;
  ~OcrChannel();

  // Appends (syllable id, log10 P(observed | syllable)) for every LM
  // syllable whose likely eng-OCR renderings include `observed` (lower
  // case). Builds the rendering index for `model` on first use
  // (thread-safe). `model` must be the same on every call.
  void Candidates(std::string_view observed, const NgramModel& model,
                  std::vector<std::pair<WordId, float>>* out) const;

  // log10 P(observed | intended letter), summed over the table's outputs
  // equal to `observed` (-inf if none). For tests and tools.
  float LetterLogProb(char32_t intended, std::string_view observed) const;

 private:
  OcrChannel();
  void BuildIndex(const NgramModel& model) const;

  // intended lower-case letter -> (observed UTF-8, log10 p), sorted by p.
  std::unordered_map<char32_t, std::vector<std::pair<std::string, float>>>
      letters_;
  struct Index;
  std::unique_ptr<Index> index_;
};

}  // namespace vnplan::lm

#endif  // VNPLAN_LM_OCR_CHANNEL_H_
