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

// `text` with a space put back between a number and a unit word the OCR
// glued to it ("3triệu" -> "3 triệu", "12tháng" -> "12 tháng"): Vietnamese
// always writes the space, and Tesseract drops a narrow one. Only the unit
// words of plans (money, time, counts of people and things) are split off,
// so codes such as "5A", "GD&ĐT2" or "12b" stay. `text` is NFC.
std::string SplitGluedUnits(std::string_view text);

// The cell function: a cell's text and its OCR confidence (0..100, the
// cell's mean word confidence) in. `restorer` may be null (no
// restoration); when not, it must outlive the returned function. Glued
// units are split first. The confidence stands for each word's
// (lm::RestoreOptions::text_confidence): the words of a poorly read cell
// change more easily.
std::function<std::string(std::string_view, float)> OcrCellText(const lm::Restorer* restorer,
                                                                text::ToneStyle tone_style);

}  // namespace vnplan::pipeline

#endif  // VNPLAN_PIPELINE_CELL_TEXT_H_
