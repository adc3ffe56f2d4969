// Internal to imaging/: suppression of official seals ("con dấu") on a
// grayscale page. Input: a background-normalised GrayImage (paper near 255)
// with its dpi; output: the same image with the mid-gray ink of every
// detected round seal set to paper, dark text crossing the seal kept, plus
// the circles found. Colour is not available, so a seal is recognised as a
// large ring of ink clearly lighter than the page's text ink and darker
// than its paper. cv::Exception never escapes.
#ifndef VNPLAN_IMAGING_STAMP_H_
#define VNPLAN_IMAGING_STAMP_H_

#include <cstddef>  // common/image.h uses size_t without including it
#include <vector>

#include "common/error.h"
#include "common/image.h"

namespace vnplan::imaging {

struct StampCircle {
  int cx = 0, cy = 0, radius = 0;  // in image pixels
  int ink_level = 0;               // median gray of the seal's ring ink
  int keep_below = 0;              // text candidates: pixels darker than this
};

struct StampOptions {
  // Seal diameters searched for, in centimetres at the image's dpi; when
  // GrayImage::dpi is 0 the page is taken to be A4 (long side 29.7 cm).
  // Defaults 2.5 and 5.5 (Vietnamese seals are 3-5 cm).
  double min_diameter_cm = 2.5;
  double max_diameter_cm = 5.5;
  // Fraction of the circle's angle (in 5-degree sectors) that must carry
  // mid-gray ring ink for a candidate to be accepted. Default 0.8.
  double min_ring_coverage = 0.8;
};

// Finds round seals in `image` and, inside each, sets to paper everything
// but text: pixels clearly darker than the seal's own ink (and a 1-3 px
// anti-aliased edge around them) are kept. Returns the seals found (empty:
// the image is unchanged). kInvalidArgument for a null/empty image or bad
// options, kInternal if OpenCV throws.
Result<std::vector<StampCircle>> SuppressStamps(GrayImage* image, const StampOptions& options = {});

}  // namespace vnplan::imaging

#endif  // VNPLAN_IMAGING_STAMP_H_
