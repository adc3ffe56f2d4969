#include "table/dash_classifier.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "common/median.h"
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
    case U'\u00AC':  // not sign: a scanned en dash read with a tick
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
    const bool dash_first =
        dash_end > 0 && dash_end < u.size() && IsNumberWord(U32ToUtf8(u.substr(dash_end)));
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

// A run of columns with ink (pixels under 128) and the rows its ink spans.
struct InkRun {
  int x0 = 0, x1 = 0;  // [x0, x1)
  int y0 = 0, y1 = 0;  // [y0, y1)
};

// The runs of inked columns of `box` (clipped to the image), left to right;
// runs are separated by at least one blank column.
std::vector<InkRun> InkRuns(const GrayImage& image, Box box) {
  box.x0 = std::max(box.x0, 0);
  box.y0 = std::max(box.y0, 0);
  box.x1 = std::min(box.x1, image.width);
  box.y1 = std::min(box.y1, image.height);
  std::vector<InkRun> runs;
  bool open = false;
  for (int x = box.x0; x < box.x1; ++x) {
    int top = -1, bottom = -1;
    for (int y = box.y0; y < box.y1; ++y) {
      if (image.at(x, y) < 128) {
        if (top < 0) top = y;
        bottom = y + 1;
      }
    }
    if (top < 0) {
      open = false;
      continue;
    }
    if (!open) runs.push_back({x, x + 1, top, bottom});
    InkRun& run = runs.back();
    run.x1 = x + 1;
    run.y0 = std::min(run.y0, top);
    run.y1 = std::max(run.y1, bottom);
    open = true;
  }
  return runs;
}

// The dash `run` is, beside figures `cap` high standing on `baseline`:
// dash-shaped by ClassifyDashWidth and lying on the middle of the line.
std::optional<DashKind> RunDash(const InkRun& run, double cap, double baseline,
                                const DashOptions& options) {
  if (cap <= 0) return std::nullopt;
  const int width = run.x1 - run.x0, thickness = run.y1 - run.y0;
  if (width < options.speck_max_ratio * cap) return std::nullopt;
  const double centre = (run.y0 + run.y1) / 2.0;
  if (centre > baseline - 0.2 * cap || centre < baseline - 0.8 * cap) return std::nullopt;
  return ClassifyDashWidth(width, thickness, cap, options);
}

Word DashWord(const InkRun& run, DashKind kind, const DashOptions& options) {
  return Word{std::string(DashText(kind)), Box{run.x0, run.y0, run.x1, run.y1},
              options.confirmed_confidence, ""};
}

// A number with a dash in its box, found in the pixels: "2025" boxed over
// "– 2025" at confidence 0 (a dash Tesseract did not output: the box is
// wider than its digits need), or "-2021" / "2024—" (glued by a lost
// space; the dash's own width replaces SplitGluedDashes' estimate). The
// first (last) run of ink must be a dash beside the figures, which give the
// cap height and baseline. Returns the words to put in its place (the dash
// and the number), empty when `w` is not such a word.
std::vector<Word> SplitDashInBox(const GrayImage& image, const Word& w,
                                 const DashOptions& options) {
  const std::u32string u = Utf8ToU32(w.text);
  size_t lead = 0, trail = 0;
  while (lead < u.size() && IsDashChar(u[lead])) ++lead;
  while (trail < u.size() - lead && IsDashChar(u[u.size() - 1 - trail])) ++trail;
  if (lead + trail >= u.size() || (lead > 0 && trail > 0)) return {};
  const std::u32string number = u.substr(lead, u.size() - lead - trail);
  if (!IsNumberWord(U32ToUtf8(number))) return {};
  const double cap = w.box.height();
  if (lead == 0 && trail == 0 &&
      w.box.width() < (options.digit_advance_ratio * u.size() + options.en_dash_min_ratio) * cap) {
    return {};
  }
  std::vector<InkRun> runs = InkRuns(image, w.box);
  if (runs.size() < 2) return {};
  for (bool first : {true, false}) {
    if ((first && trail > 0) || (!first && lead > 0)) continue;
    const InkRun& dash = first ? runs.front() : runs.back();
    // The figures: the other runs.
    InkRun digits = first ? runs[1] : runs.front();
    for (size_t k = first ? 1 : 0; k < runs.size() - (first ? 0 : 1); ++k) {
      digits.x0 = std::min(digits.x0, runs[k].x0);
      digits.x1 = std::max(digits.x1, runs[k].x1);
      digits.y0 = std::min(digits.y0, runs[k].y0);
      digits.y1 = std::max(digits.y1, runs[k].y1);
    }
    const auto kind = RunDash(dash, digits.y1 - digits.y0, digits.y1, options);
    if (!kind) continue;
    Word number_word = w;
    number_word.text = U32ToUtf8(number);
    number_word.box = Box{digits.x0, digits.y0, digits.x1, digits.y1};
    Word dash_word = DashWord(dash, *kind, options);
    return first ? std::vector<Word>{dash_word, number_word}
                 : std::vector<Word>{number_word, dash_word};
  }
  return {};
}

}  // namespace

int RecoverDashes(const GrayImage& image, Page* page, const DashOptions& options) {
  if (image.empty() || image.pixels.size() != static_cast<size_t>(image.width) * image.height) {
    return 0;
  }
  int found = 0;
  for (Block& block : page->blocks) {
    for (Line& line : block.lines) {
      std::vector<Word> words;
      for (size_t i = 0; i < line.words.size(); ++i) {
        const Word& w = line.words[i];
        std::vector<Word> split =
            w.box.empty() ? std::vector<Word>{} : SplitDashInBox(image, w, options);
        if (!split.empty()) {
          ++found;
          for (Word& piece : split) words.push_back(std::move(piece));
        } else {
          words.push_back(w);
        }
        // Between two numbers ("2024 2025"): a dash in the gap.
        if (i + 1 < line.words.size()) {
          const Word& next = line.words[i + 1];
          if (!IsNumberWord(w.text) || !IsNumberWord(next.text) || next.box.empty() ||
              !IsNumberWord(words.back().text)) {
            continue;
          }
          const Box& left = words.back().box;
          const double cap = (left.height() + next.box.height()) / 2.0;
          const double baseline = (left.y1 + next.box.y1) / 2.0;
          Box gap{left.x1 + 1, std::min(left.y0, next.box.y0), next.box.x0 - 1,
                  std::max(left.y1, next.box.y1)};
          if (gap.width() < options.speck_max_ratio * cap) continue;
          const std::vector<InkRun> runs = InkRuns(image, gap);
          if (runs.size() != 1) continue;
          if (const auto kind = RunDash(runs[0], cap, baseline, options)) {
            words.push_back(DashWord(runs[0], *kind, options));
            ++found;
          }
        }
      }
      line.words = std::move(words);
    }
  }
  return found;
}

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
        if (!word_before && !word_after) {
          // Alone: nothing to measure it against, but a dash is still a
          // stroke clearly wider than thick (a blot in an empty cell is not).
          if (w.box.width() < 1.5 * w.box.height()) w.confidence = 0;
          continue;
        }
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
