// A language model seen by the table layout, so that it can choose how the
// lines of an OCR'd plan row are cut into columns by how well each
// column's text reads (text_tables.cc, TextTableOptions::scorer). Input:
// the words of one printed line as the OCR returned them (diacritics lost
// or garbled). Output: the LM words they stand for, and log10
// probabilities of word sequences. The table library stays free of the LM:
// the pipeline implements this with lm::Restorer (pipeline/layout_lm.h).
//
// Why: where an English OCR lost the rules between columns, only meaning
// tells "... nhà trường còn chậm | các bài viết, kế hoạch" from "... còn
// chậm các bài viết, | kế hoạch": the column texts read as sentences in one
// cut only.
#ifndef VNPLAN_TABLE_LAYOUT_SCORER_H_
#define VNPLAN_TABLE_LAYOUT_SCORER_H_

#include <cstdint>
#include <string>
#include <vector>

namespace vnplan::table {

// The context of the next word: up to three previous words, most recent
// first (a 4-gram model's state).
struct LayoutLmState {
  uint32_t words[3] = {0, 0, 0};
  uint8_t length = 0;
};

class LayoutScorer {
 public:
  virtual ~LayoutScorer() = default;

  // The LM words of a piece of a cell's text, `tokens` being its words as
  // the OCR returned them, read (restored) together: the piece a layout
  // would put in one column on one printed line.
  virtual std::vector<uint32_t> PieceWords(const std::vector<std::string>& tokens) const = 0;

  // The state at the start of a cell's text.
  virtual LayoutLmState Start() const = 0;

  // log10 P(word | *state); advances *state.
  virtual float Score(LayoutLmState* state, uint32_t word) const = 0;

  // log10 P(end of the cell's text | state).
  virtual float ScoreEnd(const LayoutLmState& state) const = 0;
};

}  // namespace vnplan::table

#endif  // VNPLAN_TABLE_LAYOUT_SCORER_H_
