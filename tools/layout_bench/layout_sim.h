// Simulator of the text an English OCR makes of a printed, ruled plan table
// (the layout of seed 003): input, criterion rows with known cell texts
// (hand-checked *.expected.json of other documents); output, a document
// whose table region holds one text line per printed line of a row, the
// label column first, then the pieces of every content column that has
// text on that printed line, separated by a rule mark ('|', sometimes '[',
// '{' or '/') or by one plain space. Cells are folded to ASCII without
// diacritics (case kept) and wrapped greedily to per-document column widths
// measured with table::WordWidth. Deterministic given a seed: all draws come
// from std::mt19937_64 through Rng below, never through the standard
// distributions (whose output differs between library versions).
#ifndef VNPLAN_TOOLS_LAYOUT_BENCH_LAYOUT_SIM_H_
#define VNPLAN_TOOLS_LAYOUT_BENCH_LAYOUT_SIM_H_

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace vnplan::layout_bench {

// The seven content columns of the plan table (Kết quả cần đạt .. Ghi chú).
inline constexpr int kContentColumns = 7;
// Field names of the content columns in the plan JSON, in column order.
inline constexpr std::array<const char*, kContentColumns> kFieldNames = {
    "expected_result", "actions", "responsible", "timeline", "budget", "other_support", "notes"};
// Mean share of each content column in the table's content width.
inline constexpr std::array<double, kContentColumns> kColumnShares = {0.19, 0.24, 0.16, 0.11,
                                                                      0.09, 0.17, 0.04};

// One criterion row of a truth file (NFC Vietnamese, as hand-checked).
struct TruthRow {
  std::string source;          // file name it came from
  int standard = 0;            // 1..5; 0 when the file does not state it
  std::string standard_title;  // "Tổ chức và quản lý nhà trường"
  std::string criterion;       // "1.9", "5.5.3"
  std::array<std::string, kContentColumns> fields;
};

// Reads the "criteria" array of each plan JSON file. Rows without a
// criterion number are skipped. Errors: kInputError for an unreadable or
// malformed file.
Result<std::vector<TruthRow>> LoadTruth(const std::vector<std::filesystem::path>& files);

// Reproducible draws from a 64-bit Mersenne Twister (its output sequence is
// fixed by the standard, unlike std::uniform_*_distribution's).
class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}
  // Uniform in [0, 1), 53 bits.
  double Unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Unit(); }
  // Uniform integer in [0, n); n > 0.
  int Below(int n) { return static_cast<int>(Unit() * n); }
  bool Chance(double p) { return Unit() < p; }

 private:
  std::mt19937_64 engine_;
};

// The folded text of a cell: diacritics removed (đ -> d), case kept,
// whitespace collapsed to single spaces.
std::string FoldField(std::string_view utf8);

// How an English OCR spelt Vietnamese words: a word as written (NFC, case
// and attached punctuation kept) -> its OCR spellings, one entry per
// occurrence (so a draw follows their frequency).
using GarbleTable = std::map<std::string, std::vector<std::string>>;

// Reads aligned line pairs "truth<TAB>ocr" (tools/lm/make_pairs.sh eng
// writes them from rendered corpus lines and Tesseract `eng`). Lines whose
// truth and OCR have the same number of words are aligned word by word;
// OCR spellings holding a character the decoder takes for a rule mark
// ('|', '[', '{', '/') are left out. Errors: kInputError when the file
// cannot be read.
Result<GarbleTable> LoadGarble(const std::filesystem::path& tsv);

// Greedy wrap of `text`'s words into lines of printed width <= `width`
// (table::WordWidth per word, table::kSpaceWidth between words); a word
// wider than `width` gets a line of its own. Empty text gives no lines.
// With `width_rng`, each word's width is table::WordWidth times (1 + u), u
// drawn uniformly in [-width_noise, width_noise] (one draw per word).
std::vector<std::string> WrapCell(std::string_view text, double width,
                                  Rng* width_rng = nullptr, double width_noise = 0.0);

// Printed width of a line of words (words plus single spaces).
double LineWidth(std::string_view line);

struct SimOptions {
  int rows_min = 6;            // criterion rows per document, drawn in [min, max]. Default 6
  int rows_max = 10;           // Default 10
  double width_min = 90.0;     // total content width (7 columns), drawn. Default 90
  double width_max = 120.0;    // Default 120 (seed 003: about 92)
  double share_jitter = 0.20;  // each column share x (1 +- jitter), drawn. Default 0.20
  double p_rule_min = 0.2;     // document's probability of a rule mark per boundary,
  double p_rule_max = 0.7;     //   drawn in [min, max]. Defaults 0.2, 0.7
  double noise = 0.05;         // share of words given one acute vowel (e -> é).
                               //   Folded away by the score. Default 0.05
  // Cells are wrapped with each word's width off the decoder's measure
  // (table::WordWidth) by up to this share, drawn per word from a stream
  // of its own: printed glyphs and the OCR's spelling ("Ho6i" for "Hội",
  // "cta" for "của") do not measure what the printed word did, as in seed
  // 003. 0 wraps with the decoder's own measure (all figures up to
  // session 5). Default 0
  double width_noise = 0.0;
  // When set, each word of a cell found in this table (as written, or
  // without its trailing punctuation) is read as one of its English-OCR
  // spellings ("của" -> "cta", "Hội" -> "Ho6i"), drawn from a stream of its
  // own, after the folded cell was wrapped (the OCR garbles what was
  // printed, so the lines no longer measure their column); the other words
  // are folded as without it. It must outlive the
  // simulation. The score then compares the decoded cells with the printed
  // ones (SimRow::cell_lines), since no layout can give back the truth's
  // spelling. Default null.
  const GarbleTable* garble = nullptr;
};

// One piece of a printed line: the text of `column` (0..6) on that line.
struct Piece {
  int column = 0;
  std::string text;
};

// One printed line of a criterion row as the simulator laid it out.
struct SimLine {
  std::string label;          // label-column text ("Tiéu chi", "1.1", or "")
  std::vector<Piece> pieces;  // content pieces, columns increasing
  std::string text;           // the rendered OCR line
  int rule_marks = 0;         // rule marks written on this line
};

struct SimRow {
  TruthRow truth;
  std::array<std::vector<std::string>, kContentColumns> cell_lines;  // wrapped, noisy
  std::vector<SimLine> lines;
};

struct SimDocument {
  uint64_t seed = 0;
  std::array<double, kContentColumns> widths{};  // content width of each column
  double p_rule = 0.0;
  std::vector<SimRow> rows;  // in document order (sorted by standard)
  std::string text;          // the whole document
};

// The random streams of a row's layout: `layout` draws labels and rule
// marks; `noise`, `width` and `garble` draw what SimOptions::noise,
// width_noise and garble add (each its own stream, so that changing one
// option leaves the other draws alone; `width` and `garble` may be null
// when the option is off).
struct RowDraws {
  Rng* layout = nullptr;
  Rng* noise = nullptr;
  Rng* width = nullptr;
  Rng* garble = nullptr;
};

// Lays out one criterion row: folds its fields, wraps them to `widths`,
// garbles them, adds noise, and renders each printed line (label, pieces,
// separators ruled with probability `p_rule`), per `options`.
SimRow LayOutRow(const TruthRow& truth, const std::array<double, kContentColumns>& widths,
                 double p_rule, const SimOptions& options, const RowDraws& draws);

// The same with only SimOptions::noise set (no width noise, no garble):
// labels and rule marks drawn from `rng`, noise from `noise_rng`.
SimRow LayOutRow(const TruthRow& truth, const std::array<double, kContentColumns>& widths,
                 double p_rule, double noise, Rng* rng, Rng* noise_rng);

// Draws a document from `pool` (rows drawn without replacement, one per
// criterion number, then stably sorted by standard) and renders it with the framing of seed 003's
// table region: a paragraph, a garbled header block, "MUC 1,2, 3", standard
// lines, the rows, "VI. TO CHUC THUC HIEN" and a paragraph.
SimDocument SimulateDocument(const std::vector<TruthRow>& pool, uint64_t seed,
                             const SimOptions& options);

}  // namespace vnplan::layout_bench

#endif  // VNPLAN_TOOLS_LAYOUT_BENCH_LAYOUT_SIM_H_
