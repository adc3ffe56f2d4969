#include "pipeline/layout_lm.h"

#include <map>
#include <string_view>

#include "lm/lm_tokens.h"
#include "lm/ngram_model.h"
#include "lm/restorer.h"

namespace vnplan::pipeline {
namespace {

lm::State ToLm(const table::LayoutLmState& s) {
  lm::State out;
  out.length = s.length;
  for (int i = 0; i < s.length && i < lm::kMaxOrder - 1; ++i) {
    out.words[i] = static_cast<lm::WordId>(s.words[i]);
  }
  return out;
}

table::LayoutLmState FromLm(const lm::State& s) {
  table::LayoutLmState out;
  out.length = s.length;
  for (int i = 0; i < s.length && i < 3; ++i) out.words[i] = s.words[i];
  return out;
}

}  // namespace

std::vector<uint32_t> RestorerLayoutScorer::PieceWords(
    const std::vector<std::string>& tokens) const {
  const lm::NgramModel& model = restorer_->model();
  std::string line;
  std::vector<size_t> starts;
  for (const auto& t : tokens) {
    if (!line.empty()) line.push_back(' ');
    starts.push_back(line.size());
    line += t;
  }
  lm::RestoreOptions options;
  options.mode = lm::RestoreMode::kOcr;
  options.compute_confidence = false;
  lm::RestoreResult restored = restorer_->Restore(line, options);
  std::map<size_t, std::string_view> by_offset;
  for (const auto& r : restored.tokens) by_offset[r.offset] = r.restored;

  auto class_id = [&](std::string_view word, lm::WordId fallback) {
    lm::WordId id = model.Index(word);
    return id == model.unk() ? fallback : id;
  };
  std::vector<uint32_t> out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    for (const lm::Token& t : lm::Tokenize(tokens[i])) {
      switch (t.kind) {
        case lm::TokenKind::kSpace:
          break;
        case lm::TokenKind::kNumber:
          out.push_back(class_id(lm::NumberClassWord(t.text), model.num()));
          break;
        case lm::TokenKind::kPunct:
          out.push_back(lm::IsSentenceEnd(t.text)
                               ? model.eos()
                               : class_id(lm::PunctClassWord(t.text), model.punct()));
          break;
        case lm::TokenKind::kWord: {
          auto it = by_offset.find(starts[i] + t.offset);
          std::string_view word = it == by_offset.end() ? t.text : it->second;
          // A merged word the restorer split ("phaidap" -> "phải đáp").
          size_t b = 0;
          while (b <= word.size()) {
            size_t e = word.find(' ', b);
            if (e == std::string_view::npos) e = word.size();
            if (e > b) {
              std::string lower = lm::LowerVietnamese(word.substr(b, e - b));
              out.push_back(lower.empty() ? model.unk() : model.Index(lower));
            }
            b = e + 1;
          }
          break;
        }
      }
    }
  }
  return out;
}

table::LayoutLmState RestorerLayoutScorer::Start() const {
  return FromLm(restorer_->model().BeginSentenceState());
}

float RestorerLayoutScorer::Score(table::LayoutLmState* state, uint32_t word) const {
  const lm::NgramModel& model = restorer_->model();
  lm::State out;
  float s = model.Score(ToLm(*state), static_cast<lm::WordId>(word), &out);
  *state = word == model.eos() ? FromLm(model.BeginSentenceState()) : FromLm(out);
  return s;
}

float RestorerLayoutScorer::ScoreEnd(const table::LayoutLmState& state) const {
  const lm::NgramModel& model = restorer_->model();
  lm::State in = ToLm(state);
  if (in == model.BeginSentenceState()) return 0.0f;  // the text ended with '.'
  lm::State out;
  return model.Score(in, model.eos(), &out);
}

}  // namespace vnplan::pipeline
