// pipeline::RestorerLayoutScorer: the table layout's view of the language
// model (needs models/lm; skipped without it).
#include "pipeline/layout_lm.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "lm/ngram_model.h"
#include "lm/restorer.h"

namespace vnplan::pipeline {
namespace {

class LayoutLmTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = lm::Restorer::Load(VNPLAN_MODELS_DIR);
    if (!loaded) GTEST_SKIP() << loaded.error().message;
    restorer_.emplace(std::move(*loaded));
    scorer_.emplace(&*restorer_);
  }
  uint32_t Id(const std::string& word) const { return restorer_->model().Index(word); }
  // A class word, or the model's fallback when it was trained without it.
  uint32_t ClassId(const std::string& word, uint32_t fallback) const {
    const uint32_t id = Id(word);
    return id == restorer_->model().unk() ? fallback : id;
  }
  // log10 P of a cell's text given as OCR pieces, end included.
  double CellScore(const std::vector<std::vector<std::string>>& pieces) const {
    table::LayoutLmState state = scorer_->Start();
    double total = 0.0;
    for (const auto& piece : pieces) {
      for (uint32_t w : scorer_->PieceWords(piece)) total += scorer_->Score(&state, w);
    }
    return total + scorer_->ScoreEnd(state);
  }
  std::optional<lm::Restorer> restorer_;
  std::optional<RestorerLayoutScorer> scorer_;
};

// The OCR's words are restored together ("cta" -> "của") and punctuation,
// numbers and sentence ends become the model's class words.
TEST_F(LayoutLmTest, PieceWordsAreRestoredModelWords) {
  EXPECT_EQ(scorer_->PieceWords({"Chi", "dao", "cta", "nha", "truong"}),
            (std::vector<uint32_t>{Id("chỉ"), Id("đạo"), Id("của"), Id("nhà"), Id("trường")}));
  const auto words = scorer_->PieceWords({"thap", "do."});
  ASSERT_EQ(words.size(), 3u);
  EXPECT_EQ(words[2], restorer_->model().eos());
  const auto date = scorer_->PieceWords({"9/2023,", "Tu"});
  ASSERT_EQ(date.size(), 3u);
  EXPECT_EQ(date[0], ClassId("<numslash>", restorer_->model().num()));
  EXPECT_EQ(date[1], ClassId("<comma>", restorer_->model().punct()));
}

// A column's text reads better in its own order than with a neighbour's
// piece wedged in: what the layout search relies on.
TEST_F(LayoutLmTest, ColumnTextInOrderScoresHigher) {
  const double right = CellScore({{"nha", "truong", "con"}, {"cham"}});
  const double wrong = CellScore({{"nha", "truong", "con"}, {"cham", "cac", "bai", "viet,"}});
  EXPECT_GT(right, wrong);
  // A text that ended with a sentence end is not charged a second end.
  table::LayoutLmState state = scorer_->Start();
  for (uint32_t w : scorer_->PieceWords({"Hoi", "chu", "thap", "do."})) scorer_->Score(&state, w);
  EXPECT_EQ(scorer_->ScoreEnd(state), 0.0f);
}

}  // namespace
}  // namespace vnplan::pipeline
