#include "pipeline/noise_filter.h"

#include <algorithm>
#include <vector>

#include "common/median.h"
#include "common/utf8.h"
#include "table/cell_words.h"
#include "text/vietnamese.h"

namespace vnplan::pipeline {
namespace {

bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }

// Symbols no plan text uses, which Tesseract makes of specks, seal strokes
// and rule ends: a token with one in it is not text.
bool IsForeignSymbol(char32_t c) {
  static const std::u32string kForeign = U"`\\©®£¢¥¤§¶¦¡¿«»¨¯´¸×÷‹›⁄";
  return kForeign.find(c) != std::u32string::npos;
}

// A number with digit-like letters in it ("l1," in "MỨC l1, 2, 3", "2O24")
// as its digits: o/O is a 0, l/I/i a 1 unless beside a 1 (then a serif of
// it read twice). Empty when `text` is not such a token (no letter, no
// digit, more letters than digits, or another letter).
std::string MisreadNumber(std::string_view text) {
  const std::u32string u = Utf8ToU32(text);
  static const std::u32string kOnes = U"lIi";
  static const std::u32string kMarks = U",.:;/%";
  int digits = 0, letters = 0;
  for (char32_t c : u) {
    if (IsDigit(c)) {
      ++digits;
    } else if (kOnes.find(c) != std::u32string::npos || c == U'o' || c == U'O') {
      ++letters;
    } else if (kMarks.find(c) == std::u32string::npos) {
      return "";
    }
  }
  if (digits == 0 || letters == 0 || letters > digits) return "";
  std::string out;
  for (size_t k = 0; k < u.size(); ++k) {
    const char32_t c = u[k];
    if (c == U'o' || c == U'O') {
      out.push_back('0');
    } else if (kOnes.find(c) != std::u32string::npos) {
      const bool beside_one = (k > 0 && u[k - 1] == U'1') || (k + 1 < u.size() && u[k + 1] == U'1');
      if (!beside_one) out.push_back('1');
    } else {
      AppendUtf8(c, &out);
    }
  }
  return out;
}

// Median box height of the line's words other than `i`; 0 if none.
double MedianOtherHeight(const Line& line, size_t i) {
  std::vector<int> heights;
  for (size_t k = 0; k < line.words.size(); ++k) {
    if (k != i && !line.words[k].box.empty()) heights.push_back(line.words[k].box.height());
  }
  return UpperMedian(std::move(heights));
}

// A misread I or 1 ("Học kỳ Ï năm", "MỨC |, 2, 3"): one narrow glyph,
// with at most a trailing mark, as tall as the line's words, between two
// words (or last on its line, with a mark). A rule fragment left in a cell stands at the line's end
// or runs taller than the text.
bool IsMisreadStroke(const Line& line, size_t i) {
  if (i == 0 || i >= line.words.size()) return false;
  const Word& w = line.words[i];
  const std::u32string u = Utf8ToU32(w.text);
  static const std::u32string kMarks = U".,:;";
  if (u.empty() || u.size() > 2 || (u.size() == 2 && kMarks.find(u[1]) == std::u32string::npos)) {
    return false;
  }
  // Last on its line only with a mark: "Tiêu chuẩn ‡:" before a wrapped title.
  if (i + 1 == line.words.size() && u.size() == 1) return false;
  static const std::u32string kStrokes = U"|!ÏÌÍÎ[]l‡†";
  // A plain I only before a colon ("Tiêu chuẩn I:" numbers the standard);
  // "Học kỳ I." and roman headings at the start of a line stay.
  const bool numbering_i = u[0] == U'I' && u.size() == 2 && u[1] == U':';
  if ((kStrokes.find(u[0]) == std::u32string::npos && !numbering_i) || w.box.empty()) return false;
  const double median = MedianOtherHeight(line, i);
  // A stroke is at most half as wide as tall; with its mark ("‡:") as wide.
  const double max_width = (u.size() == 1 ? 0.5 : 1.0) * w.box.height();
  return median > 0 && w.box.height() >= 0.6 * median && w.box.height() <= 1.3 * median &&
         w.box.width() <= max_width;
}

// A speck far from the text: a token under 0.4 of the line's height (of
// the page's when it is alone on its line), more than three line heights
// away from the words on both sides ("MỨC 1, 2, 3 k", the k a dot at the
// other end of a row-wide cell). Dashes are flat
// but not small this way: ClassifyDashes vouches for them first.
bool IsIsolatedSpeck(const Line& line, size_t i, double page_median) {
  const Word& w = line.words[i];
  if (w.box.empty() || table::IsDashToken(w.text)) return false;
  double median = MedianOtherHeight(line, i);
  if (median <= 0) median = page_median;  // alone on its line
  if (median <= 0 || w.box.height() >= 0.4 * median) return false;
  const double gap = 3 * median;
  const bool far_left = i == 0 || w.box.x0 - line.words[i - 1].box.x1 > gap;
  const bool far_right = i + 1 >= line.words.size() || line.words[i + 1].box.x0 - w.box.x1 > gap;
  return far_left && far_right;
}

// One figure or symbol left alone on its line (the rest of it noise),
// clearly under a figure's height: a seal fragment read as "4" below "Phó
// Hiệu trưởng" (a real digit stands 0.8-0.9 of the words' median height).
bool IsSmallLoneFigure(const Word& w, double page_median) {
  const std::u32string u = Utf8ToU32(w.text);
  return page_median > 0 && !w.box.empty() && u.size() == 1 && !text::IsVietnameseLetter(u[0]) &&
         w.box.height() < 0.7 * page_median;
}

// True if `text` has a letter or a digit.
bool HasAlnum(std::string_view text) {
  for (char32_t c : Utf8ToU32(text)) {
    if (IsDigit(c) || text::IsVietnameseLetter(c)) return true;
  }
  return false;
}

// Heights of the words of a page that have a letter or a digit, sorted:
// the reference against which IsTallBlot measures a word (dashes and
// marks are flat, so they stay out). Built once per page and kept up to
// date as lines are filtered (Remove before, Add after), so each line is
// judged against the page as the lines before it left it.
class AlnumHeights {
 public:
  explicit AlnumHeights(const Page& page) {
    for (const Block& block : page.blocks) {
      for (const Line& line : block.lines) {
        for (const Word& w : line.words) {
          if (Counts(w)) heights_.push_back(w.box.height());
        }
      }
    }
    std::sort(heights_.begin(), heights_.end());
  }

  void Add(const Word& w) {
    if (Counts(w)) {
      heights_.insert(std::upper_bound(heights_.begin(), heights_.end(), w.box.height()),
                      w.box.height());
    }
  }
  void Remove(const Word& w) {
    if (!Counts(w)) return;
    auto it = std::lower_bound(heights_.begin(), heights_.end(), w.box.height());
    if (it != heights_.end() && *it == w.box.height()) heights_.erase(it);
  }

  // The lower median height of the words other than `w`; 0 if none.
  double MedianWithout(const Word& w) const {
    if (!Counts(w)) {
      return heights_.empty() ? 0.0 : heights_[(heights_.size() - 1) / 2];
    }
    if (heights_.size() < 2) return 0.0;
    // The list without one copy of w's height, at position p.
    const size_t p = std::lower_bound(heights_.begin(), heights_.end(), w.box.height()) -
                     heights_.begin();
    const size_t k = (heights_.size() - 2) / 2;
    return heights_[k < p ? k : k + 1];
  }

 private:
  static bool Counts(const Word& w) { return !w.box.empty() && HasAlnum(w.text); }
  std::vector<int> heights_;
};

// A seal stroke or blot read as a word: one or two characters, each at
// least `options.blot_min_char_width` of the reference height wide (letters
// are narrower), `options.tall_min_ratio` times as tall as the reference
// (the lower median height of the other words of the page with a letter or
// digit, which must have at least one: dashes and marks are flat), and
// unsure (under `options.tall_max_confidence`, or under
// `options.tall_garbage_max_confidence` if it is no syllable or number).
// Longer tall words are real words crossed by a seal ("Kheo" for "theo"),
// which the language model can still put right.
bool IsTallBlot(const AlnumHeights& page_heights, const Word& w,
                const NoiseFilterOptions& options) {
  if (w.box.empty()) return false;
  const size_t chars = Utf8ToU32(w.text).size();
  if (chars == 0 || chars > 2) return false;
  if (w.confidence >= options.tall_max_confidence &&
      (w.confidence >= options.tall_garbage_max_confidence || table::LooksLikeText(w.text))) {
    return false;
  }
  const double reference = page_heights.MedianWithout(w);
  if (reference <= 0) return false;
  return w.box.height() >= options.tall_min_ratio * reference &&
         w.box.width() >= options.blot_min_char_width * reference * static_cast<double>(chars);
}

}  // namespace

bool IsNoiseWord(const Word& word, const NoiseFilterOptions& options) {
  const std::u32string w = Utf8ToU32(word.text);
  int letters = 0, digits = 0;
  bool foreign = false;
  std::u32string core;  // the letters, lower-case, for the syllable check
  for (char32_t c : w) {
    if (text::IsVietnameseLetter(c)) {
      ++letters;
      core.push_back(c);
    } else if (IsDigit(c)) {
      ++digits;
    } else if (IsForeignSymbol(c)) {
      foreign = true;
    }
  }
  if (letters == 0 && digits == 0) {
    if (foreign) return true;  // "`", "\\", "©/", "⁄" however sure
    // A lone dot, comma or quote between words is a speck far more often
    // than real punctuation, which Tesseract attaches to the word before.
    static const std::u32string kSpeckLike = U".,:;'`\"„“”ˆ~_|‘’·•";
    if (w.size() == 1 && kSpeckLike.find(w[0]) != std::u32string::npos) {
      return word.confidence < options.lone_mark_min_confidence;
    }
    return word.confidence < options.symbol_min_confidence;
  }
  if (word.confidence >= options.garbage_min_confidence) return false;
  if (foreign) return true;        // "£À", "2`"
  if (letters == 0) return false;  // a number
  // A number with a digit-like letter stuck on ("l1," in "MỨC l1, 2, 3").
  if (digits >= letters && std::all_of(core.begin(), core.end(), [](char32_t c) {
        return c == U'l' || c == U'I' || c == U'i' || c == U'o' || c == U'O';
      })) {
    return false;
  }
  // Letters mixed with other symbols ("{ev2~", "„A24") or non-syllables.
  const bool clean = static_cast<int>(core.size()) + digits + 2 >= static_cast<int>(w.size());
  return !(clean && text::IsValidSyllable(text::ToLower(U32ToUtf8(core))));
}

int DropNoiseWords(Page* page, const NoiseFilterOptions& options) {
  if (options.classify_dashes) table::ClassifyDashes(page, options.dashes);
  std::vector<int> heights;
  for (const Block& block : page->blocks) {
    for (const Line& line : block.lines) {
      for (const Word& w : line.words) {
        if (!w.box.empty()) heights.push_back(w.box.height());
      }
    }
  }
  const double page_median = UpperMedian(std::move(heights));
  AlnumHeights alnum_heights(*page);
  int dropped = 0;
  for (Block& block : page->blocks) {
    for (Line& line : block.lines) {
      std::vector<bool> noise(line.words.size()), stroke(line.words.size());
      for (size_t i = 0; i < line.words.size(); ++i) {
        stroke[i] = IsMisreadStroke(line, i);
        noise[i] = !stroke[i] &&
                   (IsNoiseWord(line.words[i], options) || IsIsolatedSpeck(line, i, page_median) ||
                    IsTallBlot(alnum_heights, line.words[i], options));
      }
      if (std::count(noise.begin(), noise.end(), false) == 1) {
        const size_t i = std::find(noise.begin(), noise.end(), false) - noise.begin();
        noise[i] = !stroke[i] && IsSmallLoneFigure(line.words[i], page_median);
      }
      // The line's words leave the reference as read; the kept ones come
      // back below as rewritten.
      for (const Word& w : line.words) alnum_heights.Remove(w);
      for (size_t i = 0; i < line.words.size(); ++i) {
        if (!stroke[i]) continue;
        // With a mark it numbers something ("MỨC |, 2, 3", "Tiêu chuẩn l:
        // Tổ chức"): a 1. Alone it is a roman I ("Học kỳ Ï năm học").
        const std::u32string u = Utf8ToU32(line.words[i].text);
        std::string text(u.size() == 1 ? "I" : "1");
        if (u.size() > 1) text += U32ToUtf8(u.substr(1));
        line.words[i].text = std::move(text);
      }
      for (Word& w : line.words) {
        if (std::string number = MisreadNumber(w.text); !number.empty()) w.text = std::move(number);
      }
      std::vector<Word> kept;
      for (size_t i = 0; i < line.words.size(); ++i) {
        if (!noise[i]) kept.push_back(std::move(line.words[i]));
      }
      dropped += static_cast<int>(line.words.size() - kept.size());
      line.words = std::move(kept);
      for (const Word& w : line.words) alnum_heights.Add(w);
    }
    std::erase_if(block.lines, [](const Line& l) { return l.words.empty(); });
  }
  std::erase_if(page->blocks, [](const Block& b) { return b.lines.empty(); });
  return dropped;
}

Result<Page> NoiseFilteringEngine::Recognize(const GrayImage& image, const Box& region) {
  Result<Page> page = inner_.Recognize(image, region);
  if (!page) return page;
  if (options_.classify_dashes) table::RecoverDashes(image, &*page, options_.dashes);
  DropNoiseWords(&*page, options_);
  return page;
}

}  // namespace vnplan::pipeline
