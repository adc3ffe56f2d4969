// Colour to gray for scanned pages. Official Vietnamese documents carry red
// seals ("con dấu") and blue-ink signatures over black print; a plain
// luminance conversion turns that ink into mid-gray blots across the text.
// With lighten_colored_ink, strongly coloured pixels take their brightest
// channel instead, which is near paper white for red or blue ink, while
// black and gray print keeps its luminance. Input: packed RGB pixels;
// output: 8-bit gray (0 = black).
#ifndef VNPLAN_INGEST_COLOR_TO_GRAY_H_
#define VNPLAN_INGEST_COLOR_TO_GRAY_H_

#include <cstdint>

namespace vnplan::ingest {

// Chroma (max - min channel) from which coloured ink starts to be
// lightened, and from which it takes its brightest channel fully; pixels
// in between are blended, so anti-aliased and JPEG-blurred ink edges do not
// leave a halo.
inline constexpr int kColoredInkChromaLow = 40;
inline constexpr int kColoredInkChromaHigh = 100;

// Gray value of one RGB pixel: luminance (0.30 R + 0.59 G + 0.11 B), or,
// with lighten_colored_ink, moved towards max(R, G, B) as its chroma rises
// from kColoredInkChromaLow to kColoredInkChromaHigh.
inline uint8_t GrayFromRgb(int r, int g, int b, bool lighten_colored_ink) {
  const int lum = (77 * r + 151 * g + 28 * b + 128) >> 8;
  if (!lighten_colored_ink) return static_cast<uint8_t>(lum);
  const int hi = r > g ? (r > b ? r : b) : (g > b ? g : b);
  const int lo = r < g ? (r < b ? r : b) : (g < b ? g : b);
  const int chroma = hi - lo;
  if (chroma <= kColoredInkChromaLow) return static_cast<uint8_t>(lum);
  if (chroma >= kColoredInkChromaHigh) return static_cast<uint8_t>(hi);
  return static_cast<uint8_t>(lum + (hi - lum) * (chroma - kColoredInkChromaLow) /
                                        (kColoredInkChromaHigh - kColoredInkChromaLow));
}

}  // namespace vnplan::ingest

#endif  // VNPLAN_INGEST_COLOR_TO_GRAY_H_
