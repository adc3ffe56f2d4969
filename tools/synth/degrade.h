// Scan simulation: a clean grayscale page image -> a "scanned" one, gray or
// colour (bleed-through, stamp, dirt, uneven light, skew, blur, lower dpi,
// border shadow, noise, JPEG),
// plus the affine map from clean to degraded pixel coordinates so gold boxes
// can follow. Deterministic: the same options, seed and page index always
// give the same bytes (with the same build).
#ifndef VNPLAN_TOOLS_SYNTH_DEGRADE_H_
#define VNPLAN_TOOLS_SYNTH_DEGRADE_H_

#include <cstdint>
#include <string_view>

#include "common/error.h"
#include "common/image.h"
#include "synth/color_image.h"
#include "synth/gold.h"

namespace vnplan::synth {

// Option                       Default  Meaning (0 disables a step)
struct DegradeOptions {
  double skew_deg = 0;          // 0     rotation magnitude; sign is random
  bool skew_jitter = false;     // false magnitude uniform in [0.3, 1] * skew_deg
  double blur_sigma = 0;        // 0     Gaussian blur sigma, pixels at output dpi
  double gaussian_noise = 0;    // 0     noise sigma in gray levels
  double salt_pepper = 0;       // 0     fraction of pixels set to 0/255
  int jpeg_quality = 0;         // 0     JPEG re-compression quality 1..100
  double illumination = 0;      // 0     depth of the light gradient/vignette 0..1
  int target_dpi = 0;           // 0     downsample to this dpi (if lower)
  bool stamp = false;           // false a gray ("red" seen in gray) round stamp
  int speckles = 0;             // 0     number of dirt specks
  double border_shadow = 0;     // 0     darkness of scanner-edge shadows 0..1
  double bleed_through = 0;     // 0     opacity of the (mirrored) back side 0..1
  bool color = false;           // false also produce an RGB scan: red stamp,
                                //       slightly warm paper (gray steps alike)
  uint64_t seed = 0;            // 0     random seed
};

// Presets "light", "medium", "heavy". Errors: kInvalidArgument.
Result<DegradeOptions> DegradePreset(std::string_view name);

struct DegradedPage {
  GrayImage image;          // always set (the gray view of `color` if color)
  RgbImage color;           // set only with DegradeOptions::color
  PageTransform transform;  // clean px -> degraded px, actual skew
};

// Degrades `clean` (page `page_index`, 0-based, mixes into the seed).
// Errors: kInvalidArgument (empty image, bad option), kInternal (OpenCV).
Result<DegradedPage> Degrade(const GrayImage& clean, const DegradeOptions& options,
                             int page_index);

}  // namespace vnplan::synth

#endif  // VNPLAN_TOOLS_SYNTH_DEGRADE_H_
