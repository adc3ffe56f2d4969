#include "imaging/orientation.h"

#include <cmath>

#include "ingest/leptonica_adapter.h"

namespace vnplan::imaging {

OrientationEstimate EstimateOrientation(const GrayImage& page, float min_up_confidence,
                                        float min_ratio) {
  OrientationEstimate out;
  if (page.empty()) return out;
  lept::QuietLeptonica();
  lept::PixPtr gray = lept::PixFromGray(page);
  lept::PixPtr bin(gray ? pixConvertTo1(gray.get(), 128) : nullptr);
  if (!bin) return out;
  float up = 0, left = 0;
  if (pixOrientDetect(bin.get(), &up, &left, 0, 0) != 0) return out;
  out.up_confidence = up;
  out.left_confidence = left;
  out.upright = up >= min_up_confidence && up >= min_ratio * std::abs(left);
  return out;
}

}  // namespace vnplan::imaging
