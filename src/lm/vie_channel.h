// Noisy-channel model of Tesseract `vie` diacritic errors on valid
// syllables: P(observed syllable | intended syllable) for two syllables
// with the same skeleton ("tố" read for "tổ", "hải" for "hai", "đế" for
// "để"), factored into diacritic features: the syllable tone (6x6
// substitution matrix), the mark of each vowel letter a/e/o/u (none,
// circumflex, breve, horn: 4x4) and each d/đ (2x2). Input: a TSV of
// smoothed probabilities learned from aligned (truth, vie-OCR) pairs
// (vnplan-lm-pairs learn-vie; models/lm/vie_channel.tsv). Output:
// log10 P(observed | intended).
//
// File format, one event per line ('#' lines are comments):
//   feature<TAB>intended<TAB>observed<TAB>count<TAB>log10p
// feature: "tone" (indices 0..5 = text::Tone), "mark" (0..3 = none,
// circumflex, breve, horn), "d" (0 = d, 1 = đ). Missing cells get the
// floor probability; log10p values must be <= 0.
#ifndef VNPLAN_LM_VIE_CHANNEL_H_
#define VNPLAN_LM_VIE_CHANNEL_H_

#include <array>
#include <limits>
#include <string>
#include <string_view>

#include "common/error.h"

namespace vnplan::lm {

class VieChannel {
 public:
  // Raw event counts, accumulated by Count() over aligned syllable pairs.
  struct Counts {
    std::array<std::array<double, 6>, 6> tone{};
    std::array<std::array<double, 4>, 4> mark{};
    std::array<std::array<double, 2>, 2> d{};
    double pairs = 0;      // syllable pairs counted
    double identical = 0;  // of which observed == intended
  };

  // Adds the diacritic events of one aligned pair (any case, NFC). False
  // (nothing counted) unless both are valid Vietnamese syllables with the
  // same skeleton.
  static bool Count(std::string_view intended, std::string_view observed,
                    Counts* counts);
  // Add-k smoothed conditional probabilities from `counts` (k per cell).
  static VieChannel FromCounts(const Counts& counts, double k = 0.5);
  // Parses the TSV described above; kModelMissing if it is unreadable or
  // a line is malformed.
  static Result<VieChannel> Load(const std::string& path);
  // Writes the TSV (with the counts it was built from, if any).
  Status Save(const std::string& path) const;

  // log10 P(observed | intended) for same-skeleton valid syllables (any
  // case); -infinity if the skeletons differ or either is not a syllable.
  float LogProb(std::string_view observed, std::string_view intended) const;

  // Cells of the tables (log10), for tests and tools.
  float ToneLogProb(int intended, int observed) const {
    return tone_[intended][observed];
  }
  float MarkLogProb(int intended, int observed) const {
    return mark_[intended][observed];
  }
  float DLogProb(int intended, int observed) const { return d_[intended][observed]; }

 private:
  std::array<std::array<float, 6>, 6> tone_{};
  std::array<std::array<float, 4>, 4> mark_{};
  std::array<std::array<float, 2>, 2> d_{};
  Counts counts_{};
};

// Canonical file name inside the models directory (optional model).
inline constexpr const char* kVieChannelFile = "lm/vie_channel.tsv";

}  // namespace vnplan::lm

#endif  // VNPLAN_LM_VIE_CHANNEL_H_
