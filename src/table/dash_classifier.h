// Tells hyphen, en dash and em dash apart by their width. Input: a Page of
// OCR words with boxes (Tesseract reads "2025 – 2026" as "2025 - 2026",
// "2025 — 2026", "2025 —- 2026" or "2025 ~— 2026" at random); output: the
// same page where every stand-alone dash token (only -, –, —, ‐, ‒, ―, −,
// _, ~ and ¬) that lies flat on the middle of its line next to a word is
// rewritten to the dash its ink width says, with its confidence raised (the
// geometry now vouches for it). A number with a dash glued on ("2024—",
// "-2021") is split first, the dash's width estimated from the
// digits' advance; a dash token smaller than any dash, or not shaped as one
// (too thick, not 1.5 times wider than thick; alone on its line, not 1.5
// times wider than tall), is a speck and gets confidence 0. The width is measured against the
// height of the neighbouring words: the cap height of a number beside it, else the line's word
// height scaled to a cap height.
//
// Measured on Tesseract 5.3 `vie` word boxes of lines rendered at 300 dpi,
// 10-14 pt (Liberation Serif/Sans, DejaVu Serif/Sans, C059, P052, Liberation
// Serif Bold), ink width / digit height:
//   hyphen  0.29 - 0.40    en dash  0.47 - 0.79    em dash  1.18 - 1.50
// and on the benchmark's degraded scans (tools/table_bench), see
// dash_classifier_test.cc.
#ifndef VNPLAN_TABLE_DASH_CLASSIFIER_H_
#define VNPLAN_TABLE_DASH_CLASSIFIER_H_

#include <optional>
#include <string_view>

#include "common/image.h"
#include "common/page.h"

namespace vnplan::table {

enum class DashKind { kHyphen, kEnDash, kEmDash };

// Option                        Default  Meaning
struct DashOptions {
  double en_dash_min_ratio = 0.45;   // width / reference height: below it a hyphen
  double em_dash_min_ratio = 1.0;    // ... from it an em dash
  double max_thickness_ratio = 0.3;  // height / reference: thicker is not a dash
  // Median word height / cap height taken for a line without a number
  // beside the dash. Measured 1.08-1.10 on the fonts above, but a bullet
  // hyphen on the benchmark's scans then reaches 0.45: 1.0 errs on the
  // hyphen side (an en dash between letters still measures >= 0.47).
  double letter_to_cap_height = 1.0;
  float confirmed_confidence = 90.0f;  // confidence given to a classified dash
  // A dash token smaller than this (width and height / reference) is a
  // speck, given confidence 0; hyphens measure >= 0.29 wide.
  double speck_max_ratio = 0.2;
  // Advance of a digit / cap height, for splitting "2024—": measured 0.71
  // (Liberation Serif) to 0.78 (DejaVu); used when no plain number on the
  // line gives it.
  double digit_advance_ratio = 0.72;
  // The space left between a number and a glued dash / cap height (the
  // scan blurred a 0.38 space down to 0.1-0.4; medium-preset "-2021" boxes
  // leave 0.25 beside a 0.77 en dash).
  double glued_gap_ratio = 0.25;
};

// The dash a token of `width` x `thickness` pixels is, next to words whose
// cap height is `reference` pixels; nullopt when it is too thick to be one.
std::optional<DashKind> ClassifyDashWidth(int width, int thickness, double reference,
                                          const DashOptions& options = {});

// UTF-8 of a kind: "-", "–" or "—".
std::string_view DashText(DashKind kind);

// True if `text` is non-empty and made only of dash-like characters.
bool IsDashToken(std::string_view text);

// Rewrites the stand-alone dash tokens of every line of `page` (see the
// file comment); tokens with no word beside them or not on the middle of
// the line are left alone. Returns the number of tokens whose
// text changed plus the number of glued dashes split off.
int ClassifyDashes(Page* page, const DashOptions& options = {});

// Finds dashes Tesseract did not output, in the pixels of `image` (the
// image the words of `page` were read from; dark ink under 128): a number
// whose box is wider than its digits and whose first or last run of inked
// columns is a dash ("2025" boxed over "– 2025"), and a gap between two
// numbers on a line holding one dash-shaped blob ("2024 2025"). A number
// with a dash glued on ("-2021") is split at the dash's real ink, not at
// ClassifyDashes' estimate. Dashes are classified by width against the
// figures' height and made words of their own with
// `options.confirmed_confidence`. Returns how many were split off or added.
int RecoverDashes(const GrayImage& image, Page* page, const DashOptions& options = {});

}  // namespace vnplan::table

#endif  // VNPLAN_TABLE_DASH_CLASSIFIER_H_
