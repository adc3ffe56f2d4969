// Scoring of decoded plan rows against the simulator's truth (layout_sim.h):
// per field, the folded similarity and the shape of an error; per row, where
// the words of each printed piece of a cell went (kept in their column,
// moved to a column on the left or right, or dropped), from a word-level
// alignment of truth and decoded cells. Input: a SimRow and the seven
// decoded cell texts; output: counts that the bench sums and prints.
#ifndef VNPLAN_TOOLS_LAYOUT_BENCH_BENCH_SCORE_H_
#define VNPLAN_TOOLS_LAYOUT_BENCH_BENCH_SCORE_H_

#include <array>
#include <string>
#include <vector>

#include "layout_sim.h"

namespace vnplan::layout_bench {

// Shape of a field error on folded words: "lost words at the end", "extra
// words at the start", "field empty", "spurious text in empty field",
// "words lost and gained (middle or both ends)".
std::string ErrorKind(const std::string& want, const std::string& got);

// Where a printed piece sits in its cell.
enum class PiecePlace { kOnly = 0, kFirst, kMiddle, kLast, kCount };
const char* PiecePlaceName(PiecePlace place);

// What became of a printed piece's words in the decoded row.
enum class PieceFate {
  kKept = 0,  // every word found in its own column (in order)
  kToRight,   // its lost words mostly found in a column to the right
  kToLeft,    // ... to the left
  kDropped,   // ... nowhere
  kCount
};
const char* PieceFateName(PieceFate fate);

struct PieceStats {
  // [place][fate]: pieces; a piece counts as moved when at least one of its
  // words was not kept, and goes where most of its lost words went.
  std::array<std::array<int, static_cast<int>(PieceFate::kCount)>,
             static_cast<int>(PiecePlace::kCount)>
      pieces{};
  // [true column][decoded column, 7 = dropped]: words.
  std::array<std::array<int, kContentColumns + 1>, kContentColumns> words{};
};

// Adds the pieces and words of `row` given the decoded cells (any text;
// folded here with table::Fold) to `stats`.
void AddPieceStats(const SimRow& row, const std::array<std::string, kContentColumns>& decoded,
                   PieceStats* stats);

}  // namespace vnplan::layout_bench

#endif  // VNPLAN_TOOLS_LAYOUT_BENCH_BENCH_SCORE_H_
