#include "table/dash_classifier.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "common/utf8.h"

namespace vnplan::table {
namespace {

bool IsDashChar(char32_t c) {
  switch (c) {
    case U'-':
    case U'\u2010':  // hyphen
    case U'\u2011':  // non-breaking hyphen
    case U'\u2012':  // figure dash
    case U'\u2013':  // en dash
    case U'\u2014':  // em dash
    case U'\u2015':  // horizontal bar
    case U'\u2212':  // minus
    case U'_':
    case U'~':
      return true;
    default:
      return false;
  }
}

// A number as Tesseract boxes it: digits with separators, no letters.
// Its box height is the font's cap (figure) height.
bool IsNumberWord(std::string_view text) {
  bool digit = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c != '/' && c != '.' && c != ',' && c != ':') {
      return false;
    }
  }
  return digit;
}

double Median(std::vector<int> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

// Cap height and baseline of the words around `line.words[i]`.
struct Reference {
  double cap_height = 0;
  double baseline = 0;
};

Reference LineReference(const Line& line, size_t i, const DashOptions& options) {
  Reference ref;
  // Numbers right beside the dash give the cap height and baseline exactly.
  std::vector<int> heights, bottoms;
  for (size_t k : {i - 1, i + 1}) {
    if (k >= line.words.size()) continue;  // i - 1 wraps for i == 0
    const Word& w = line.words[k];
    if (IsNumberWord(w.text) && !w.box.empty()) {
      heights.push_back(w.box.height());
      bottoms.push_back(w.box.y1);
    }
  }
  if (!heights.empty()) {
    ref.cap_height = Median(heights);
    ref.baseline = Median(bottoms);
    return ref;
  }
  // Else the words of the line: median height scaled to a cap height; the
  // highest bottom is the baseline (descenders and dots below go lower).
  int baseline = 0;
  bool any = false;
  for (const Word& w : line.words) {
    if (IsDashToken(w.text) || w.box.empty()) continue;
    heights.push_back(w.box.height());
    baseline = any ? std::min(baseline, w.box.y1) : w.box.y1;
    any = true;
  }
  if (!any) return ref;
  ref.cap_height = Median(heights) / options.letter_to_cap_height;
  ref.baseline = baseline;
  return ref;
}

// Splits "2024—" / "-2021" (a number with a dash glued on by a lost space,
// as a cell wraps "2020 – 2021" after the number or the dash) into the
// number and the dash. The dash's box is estimated: the number's digits
// take an advance each (from a plain number on the line, else
// `options.digit_advance_ratio` of the token's height, which is the cap
// height since the dash lies inside it), the space `options.glued_gap_ratio`
// of it; the rest is the dash.
void SplitGluedDashes(Line* line, const DashOptions& options) {
  double advance = 0;
  for (const Word& w : line->words) {
    const size_t chars = Utf8ToU32(w.text).size();
    if (IsNumberWord(w.text) && chars >= 2 && !w.box.empty()) {
      advance = static_cast<double>(w.box.width()) / chars;
      break;
    }
  }
  for (size_t i = 0; i < line->words.size(); ++i) {
    const Word w = line->words[i];
    const std::u32string u = Utf8ToU32(w.text);
    if (u.size() < 2 || w.box.empty()) continue;
    size_t digits_end = 0;  // number first: "2024—"
    while (digits_end < u.size() && !IsDashChar(u[digits_end])) ++digits_end;
    size_t dash_end = 0;  // dash first: "—2025"
    while (dash_end < u.size() && IsDashChar(u[dash_end])) ++dash_end;
    const bool number_first = digits_end > 0 && digits_end < u.size() &&
                              std::all_of(u.begin() + digits_end, u.end(), IsDashChar) &&
                              IsNumberWord(U32ToUtf8(u.substr(0, digits_end)));
    const bool dash_first = dash_end > 0 && dash_end < u.size() &&
                            IsNumberWord(U32ToUtf8(u.substr(dash_end)));
    if (!number_first && !dash_first) continue;
    const std::u32string number = number_first ? u.substr(0, digits_end) : u.substr(dash_end);
    const std::u32string dash = number_first ? u.substr(digits_end) : u.substr(0, dash_end);
    const int cap = w.box.height();
    const double step = advance > 0 ? advance : options.digit_advance_ratio * cap;
    const int number_width = static_cast<int>(std::lround(step * number.size()));
    // The rest is the dash and the narrowed space; the dash is at least as
    // wide as the narrowest hyphen (it was seen).
    const int dash_width = std::max(
        static_cast<int>(std::lround(w.box.width() - number_width - options.glued_gap_ratio * cap)),
        static_cast<int>(std::ceil(options.speck_max_ratio * cap)) + 1);
    if (number_width + dash_width > w.box.width()) continue;
    Word num_word = w, dash_word = w;
    num_word.text = U32ToUtf8(number);
    dash_word.text = U32ToUtf8(dash);
    // The dash: a thin stroke 0.35 cap above the baseline.
    dash_word.box.y0 = w.box.y1 - static_cast<int>(std::lround(0.4 * cap));
    dash_word.box.y1 = dash_word.box.y0 + std::max(1, cap / 10);
    if (number_first) {
      num_word.box.x1 = w.box.x0 + number_width;
      dash_word.box.x0 = w.box.x1 - dash_width;
    } else {
      dash_word.box.x1 = w.box.x0 + dash_width;
      num_word.box.x0 = w.box.x1 - number_width;
    }
    line->words[i] = number_first ? num_word : dash_word;
    line->words.insert(line->words.begin() + static_cast<long>(i) + 1,
                       number_first ? dash_word : num_word);
    ++i;
  }
}

}  // namespace

std::optional<DashKind> ClassifyDashWidth(int width, int thickness, double reference,
                                          const DashOptions& options) {
  if (reference <= 0 || width <= 0) return std::nullopt;
  if (thickness > options.max_thickness_ratio * reference) return std::nullopt;
  // A dash is a horizontal stroke: clearly wider than thick (a medium-preset
  // bullet hyphen boxes 9 x 5).
  if (width < 1.5 * thickness) return std::nullopt;
  const double ratio = width / reference;
  if (ratio < options.en_dash_min_ratio) return DashKind::kHyphen;
  if (ratio < options.em_dash_min_ratio) return DashKind::kEnDash;
  return DashKind::kEmDash;
}

std::string_view DashText(DashKind kind) {
  switch (kind) {
    case DashKind::kHyphen:
      return "-";
    case DashKind::kEnDash:
      return "\u2013";
    case DashKind::kEmDash:
      return "\u2014";
  }
  return "-";
}

bool IsDashToken(std::string_view text) {
  if (text.empty()) return false;
  const std::u32string u = Utf8ToU32(text);
  return !u.empty() && std::all_of(u.begin(), u.end(), IsDashChar);
}

int ClassifyDashes(Page* page, const DashOptions& options) {
  int changed = 0;
  for (Block& block : page->blocks) {
    for (Line& line : block.lines) {
      const size_t words_before = line.words.size();
      SplitGluedDashes(&line, options);
      changed += static_cast<int>(line.words.size() - words_before);
      const size_t n = line.words.size();
      for (size_t i = 0; i < n; ++i) {
        Word& w = line.words[i];
        if (!IsDashToken(w.text) || w.box.empty()) continue;
        // A word beside it: "2025 –", "– 2026" (a cell wraps around dashes).
        const bool word_before = i > 0 && !IsDashToken(line.words[i - 1].text);
        const bool word_after = i + 1 < n && !IsDashToken(line.words[i + 1].text);
        if (!word_before && !word_after) continue;
        const Reference ref = LineReference(line, i, options);
        if (ref.cap_height <= 0) continue;
        if (w.box.width() < options.speck_max_ratio * ref.cap_height &&
            w.box.height() < options.speck_max_ratio * ref.cap_height) {
          w.confidence = 0;  // a speck read as a dash, wherever it is
          continue;
        }
        const auto kind = ClassifyDashWidth(w.box.width(), w.box.height(), ref.cap_height, options);
        if (!kind) {
          w.confidence = 0;  // not dash-shaped: a blot or a rule fragment
          continue;
        }
        // On the middle of the line: above the baseline (not an underscore),
        // below the cap height.
        const double centre = (w.box.y0 + w.box.y1) / 2.0;
        if (centre > ref.baseline - 0.1 * ref.cap_height ||
            centre < ref.baseline - 0.9 * ref.cap_height) {
          continue;
        }
        const std::string_view text = DashText(*kind);
        if (w.text != text) {
          w.text = std::string(text);
          ++changed;
        }
        w.confidence = std::max(w.confidence, options.confirmed_confidence);
      }
    }
  }
  return changed;
}

}  // namespace vnplan::table
