// A plain 8-bit grayscale raster passed between stages without exposing
// Leptonica or OpenCV types in public headers. Row-major, no padding.
#ifndef VNPLAN_COMMON_IMAGE_H_
#define VNPLAN_COMMON_IMAGE_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace vnplan {

struct GrayImage {
  int width = 0;
  int height = 0;
  int dpi = 0;                 // 0 if unknown
  std::vector<uint8_t> pixels;  // width * height, 0 = black, 255 = white

  bool empty() const { return width <= 0 || height <= 0; }
  uint8_t at(int x, int y) const { return pixels[static_cast<size_t>(y) * width + x]; }
};

}  // namespace vnplan

#endif  // VNPLAN_COMMON_IMAGE_H_
