#include "table/cell_words.h"

#include <algorithm>
#include <string>

#include "common/utf8.h"
#include "text/vietnamese.h"

namespace vnplan::table {

bool LooksLikeText(std::string_view word) {
  std::string letters;
  for (char32_t c : Utf8ToU32(word)) {
    if (c >= U'0' && c <= U'9') return true;
    if (text::IsVietnameseLetter(c)) AppendUtf8(c, &letters);
  }
  return !letters.empty() && text::IsValidSyllable(letters);
}

double ReadingScore(const Page& page, float min_confidence) {
  double score = 0;
  for (const Block& block : page.blocks) {
    for (const Line& line : block.lines) {
      for (const Word& w : line.words) {
        const std::u32string u = Utf8ToU32(w.text);
        const double weight = static_cast<double>(u.size()) * w.confidence;
        if (LooksLikeText(w.text)) {
          if (w.confidence >= min_confidence) score += weight;
        } else if (std::any_of(u.begin(), u.end(), text::IsVietnameseLetter)) {
          score -= weight;  // letters that make no word: garbage kept
        }
      }
    }
  }
  return score;
}

}  // namespace vnplan::table
