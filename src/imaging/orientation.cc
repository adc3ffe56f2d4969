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
  if (up <= -4.0f && -up >= 1.2f * std::abs(left)) {
    out.turned_degrees = 180;
  } else if (std::abs(left) >= 8.0f && std::abs(left) >= 1.2f * std::abs(up)) {
    out.turned_degrees = left > 0 ? 270 : 90;
  }
  return out;
}

}  // namespace vnplan::imaging
