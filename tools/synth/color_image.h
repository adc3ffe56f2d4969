// An 8-bit RGB raster for the generator's colour scans (red stamps, warm
// paper). Row-major, 3 bytes per pixel (R, G, B), no padding. The project's
// stages work on GrayImage (src/common/image.h); this type stays in tools.
#ifndef VNPLAN_TOOLS_SYNTH_COLOR_IMAGE_H_
#define VNPLAN_TOOLS_SYNTH_COLOR_IMAGE_H_

#include <cstdint>
#include <vector>

namespace vnplan::synth {

struct RgbImage {
  int width = 0;
  int height = 0;
  int dpi = 0;
  std::vector<uint8_t> rgb;  // width * height * 3

  bool empty() const { return width <= 0 || height <= 0; }
};

}  // namespace vnplan::synth

#endif  // VNPLAN_TOOLS_SYNTH_COLOR_IMAGE_H_
