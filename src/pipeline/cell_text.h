// How the pipeline finishes the text of a table cell read by OCR before the
// plan mapping (table::MapOptions::restore_cell): input the cell's OCR text,
// output the text for the plan field. The language model, when given,
// corrects every word as possibly misread by Tesseract `vie`
// (lm::RestoreMode::kOcrVie); the text is then put in NFC with the chosen
// tone placement. Shared by the OCR route (process.cc) and
// tools/table_bench, so the benchmark measures what the pipeline outputs.
#ifndef VNPLAN_PIPELINE_CELL_TEXT_H_
#define VNPLAN_PIPELINE_CELL_TEXT_H_

#include <functional>
#include <string>
#include <string_view>

#include "text/vietnamese.h"

namespace vnplan::lm {
class Restorer;
}  // namespace vnplan::lm

namespace vnplan::pipeline {

// The cell function. `restorer` may be null (no restoration); when not, it
// must outlive the returned function.
std::function<std::string(std::string_view)> OcrCellText(const lm::Restorer* restorer,
                                                         text::ToneStyle tone_style);

}  // namespace vnplan::pipeline

#endif  // VNPLAN_PIPELINE_CELL_TEXT_H_
