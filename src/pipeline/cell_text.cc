#include "pipeline/cell_text.h"

#include <array>
#include <unicode/uchar.h>

#include "common/utf8.h"
#include "lm/restorer.h"

namespace vnplan::pipeline {
namespace {

// Unit words that follow a number in plans: money, time, counts.
constexpr std::array<std::string_view, 26> kUnits = {
    "triệu", "nghìn", "ngàn", "tỷ", "tỉ", "đồng", "tháng", "năm", "ngày", "tuần",
    "giờ", "phút", "người", "học", "bộ", "phòng", "máy", "lớp", "buổi", "lần",
    "tiết", "cuốn", "quyển", "chiếc", "cái", "em"};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The letters of `text` from byte `at` on: their byte length.
size_t LetterRun(std::string_view text, size_t at) {
  size_t end = at;
  while (end < text.size()) {
    size_t next = end;
    if (!u_isalpha(static_cast<UChar32>(NextCodePoint(text, &next)))) break;
    end = next;
  }
  return end - at;
}

}  // namespace

std::string SplitGluedUnits(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  size_t number_start = 0;  // where the run of digits ending at i began
  for (size_t i = 0; i < text.size(); ++i) {
    out.push_back(text[i]);
    if (!IsDigit(text[i])) continue;
    if (i == 0 || !IsDigit(text[i - 1])) number_start = i;
    if (i + 1 >= text.size() || IsDigit(text[i + 1])) continue;
    // A number on its own ("GD2" is a code), then a unit word that ends
    // there ("em5" is a code too).
    if (number_start > 0 && !std::string_view(" (/-,;:").contains(text[number_start - 1])) continue;
    const std::string_view word = text.substr(i + 1, LetterRun(text, i + 1));
    const size_t after = i + 1 + word.size();
    if (after < text.size() && IsDigit(text[after])) continue;
    for (std::string_view unit : kUnits) {
      if (word == unit) {
        out.push_back(' ');
        break;
      }
    }
  }
  return out;
}

std::function<std::string(std::string_view, float)> OcrCellText(const lm::Restorer* restorer,
                                                                text::ToneStyle tone_style) {
  return [restorer, tone_style](std::string_view cell, float confidence) {
    std::string s = SplitGluedUnits(text::ToNfc(cell));
    if (restorer) {
      lm::RestoreOptions ro;
      ro.mode = lm::RestoreMode::kOcrVie;
      ro.tone_style = tone_style;
      ro.text_confidence = confidence;
      s = restorer->Restore(s, ro).text;
    }
    return text::NormalizeTonePlacement(text::ToNfc(s), tone_style);
  };
}

}  // namespace vnplan::pipeline
