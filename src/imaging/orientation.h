// A fast, Leptonica-based check of text orientation (ascender/descender
// statistics on a binarised page, a few milliseconds). ocr/ uses it to skip
// Tesseract's much slower OSD on pages that are clearly upright. Input: a
// page (binary or gray, thresholded at 128); output: confidences.
#ifndef VNPLAN_IMAGING_ORIENTATION_H_
#define VNPLAN_IMAGING_ORIENTATION_H_

#include <cstddef>  // common/image.h uses size_t without including it

#include "common/image.h"

namespace vnplan::imaging {

struct OrientationEstimate {
  float up_confidence = 0.0f;    // > 0: upright, < 0: upside down
  float left_confidence = 0.0f;  // large |value|: the text runs vertically
  bool upright = false;          // confidently upright (see EstimateOrientation)
  // Clockwise rotation of the content (90, 180, 270) when the estimate is
  // decisive on its own, else 0: 180 when up_confidence <= -4 and
  // |up| >= 1.2 * |left|; 270 (90) when left_confidence >= 8 (<= -8) and
  // |left| >= 1.2 * |up|. Upright synthetic plan scans scored up >= 1.8 and
  // |left| <= 6.4; heavily degraded turned ones, where Tesseract OSD's
  // confidence stays below 5, mostly reach these thresholds.
  int turned_degrees = 0;
};

// `upright` is set when up_confidence >= min_up_confidence and
// up_confidence >= min_ratio * |left_confidence| (Leptonica's decision rule).
// Defaults 4 and 1.2 (Leptonica suggests 8 and 2.5): ruled tables raise
// |left_confidence| of upright pages to ~0.8 * up_confidence and heavily
// degraded upright pages score only 4..7, while every page turned by
// 90/180/270 degrees measured on synthetic plan scans had up_confidence
// < 0 or < 0.6 * |left_confidence|. Pages with too little text (fewer than
// 70 ascenders + descenders) are never reported upright.
OrientationEstimate EstimateOrientation(const GrayImage& page, float min_up_confidence = 4.0f,
                                        float min_ratio = 1.2f);

}  // namespace vnplan::imaging

#endif  // VNPLAN_IMAGING_ORIENTATION_H_
