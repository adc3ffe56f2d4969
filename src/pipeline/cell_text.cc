#include "pipeline/cell_text.h"

#include "lm/restorer.h"

namespace vnplan::pipeline {

std::function<std::string(std::string_view)> OcrCellText(const lm::Restorer* restorer,
                                                         text::ToneStyle tone_style) {
  return [restorer, tone_style](std::string_view cell) {
    std::string s(cell);
    if (restorer) {
      lm::RestoreOptions ro;
      ro.mode = lm::RestoreMode::kOcrVie;
      ro.tone_style = tone_style;
      s = restorer->Restore(s, ro).text;
    }
    return text::NormalizeTonePlacement(text::ToNfc(s), tone_style);
  };
}

}  // namespace vnplan::pipeline
