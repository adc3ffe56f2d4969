// An OcrEngine that "recognises" a region by looking up the words of a PDF
// text layer whose boxes fall inside it. Lets the grid-table code fill the
// cells of a born-digital PDF from its own text instead of OCR.
#ifndef VNPLAN_PIPELINE_TEXT_LAYER_ENGINE_H_
#define VNPLAN_PIPELINE_TEXT_LAYER_ENGINE_H_

#include "common/ocr_engine.h"

namespace vnplan::pipeline {

class TextLayerEngine : public OcrEngine {
 public:
  // `layer` must use the coordinates of the images passed to Recognize.
  explicit TextLayerEngine(Page layer) : layer_(std::move(layer)) {}

  // Words whose centre lies in `region`, regrouped into lines by their
  // vertical overlap and sorted left to right. Confidence 100.
  Result<Page> Recognize(const GrayImage& image, const Box& region) override;

 private:
  Page layer_;
};

}  // namespace vnplan::pipeline

#endif  // VNPLAN_PIPELINE_TEXT_LAYER_ENGINE_H_
