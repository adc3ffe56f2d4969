// The one interface in vnplan with more than one implementation: the OCR
// engine. ocr/ provides the Tesseract implementation; tests use fakes, so
// table/ and pipeline/ can be tested without language data.
#ifndef VNPLAN_COMMON_OCR_ENGINE_H_
#define VNPLAN_COMMON_OCR_ENGINE_H_

#include "common/error.h"
#include "common/image.h"
#include "common/page.h"

namespace vnplan {

class OcrEngine {
 public:
  virtual ~OcrEngine() = default;

  // Recognises `region` of `image` (the whole image when region is empty).
  // Word boxes are in `image` coordinates. Not thread-safe: use one engine
  // per worker thread.
  virtual Result<Page> Recognize(const GrayImage& image, const Box& region) = 0;
};

}  // namespace vnplan

#endif  // VNPLAN_COMMON_OCR_ENGINE_H_
