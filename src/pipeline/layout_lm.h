// The table layout's language model (table::LayoutScorer) on top of the
// diacritic restorer: a printed line's OCR words are restored together
// (lm::RestoreMode::kOcr, "cta" -> "của") and mapped to the n-gram model's
// words; sequences are scored with the model (sentence ends inside a cell
// restart the context). Used for the OCR'd '|' tables of text input
// (process.cc) and by the seed 003 tests.
#ifndef VNPLAN_PIPELINE_LAYOUT_LM_H_
#define VNPLAN_PIPELINE_LAYOUT_LM_H_

#include <string>
#include <vector>

#include "table/layout_scorer.h"

namespace vnplan::lm {
class Restorer;
}  // namespace vnplan::lm

namespace vnplan::pipeline {

class RestorerLayoutScorer final : public table::LayoutScorer {
 public:
  // `restorer` must outlive this object.
  explicit RestorerLayoutScorer(const lm::Restorer* restorer) : restorer_(restorer) {}

  std::vector<uint32_t> PieceWords(const std::vector<std::string>& tokens) const override;
  table::LayoutLmState Start() const override;
  float Score(table::LayoutLmState* state, uint32_t word) const override;
  float ScoreEnd(const table::LayoutLmState& state) const override;

 private:
  const lm::Restorer* restorer_;
};

}  // namespace vnplan::pipeline

#endif  // VNPLAN_PIPELINE_LAYOUT_LM_H_
