// Seal suppression on OpenCV (see stamp.h).
//
// 1. From the page histogram: paper level P (brightest mode) and text ink
//    level I (darkest mode below 128); for detection, D = the darker of I
//    and the first quartile of the pixels darker than P - 60 (on blurred
//    scans thin strokes have no flat dark core, their anti-aliased edges
//    and the seal outnumber it, and I is only the top of its search range,
//    which would put much of a seal's ink below the band); the "mid-gray
//    band" is [D + 0.45 (P - D), P - 0.15 (P - D)].
// 2. The band mask is reduced to ~50 dpi (as a density); where the density
//    exceeds 0.1 it is blurred and searched with cv::HoughCircles for
//    circles of seal size (at most 40 candidates, best first).
// 3. Each candidate's centre is moved (by up to 3 px) to where some ring of
//    radius 0.7-1.3 times the Hough one carries the most band ink (the Hough
//    centre is off by a few pixels when text edges crowd the band), then
//    it is checked on the reduced densities: a radius with
//    peak band density >= 0.3, band ink in >= 80% of 5-degree sectors,
//    no more dark ink (< D + (P - D) / 4) than band ink on the ring, and
//    little band ink just outside its outer edge (searched up to 1.6 times
//    the Hough radius, which may be the inner ring's) in most directions:
//    the 60% least inked 5-degree sectors under 0.25 of the ring's density,
//    all of them under 0.3 (a seal is a ring on paper; text and table rules
//    cross it in a few places, page-edge shading and bleed-through surround
//    it).
// 4. Inside an accepted seal (S = median gray of its ring pixels in
//    [I + 0.45 (P - I), P - 0.15 (P - I)]), text candidates are the pixels
//    darker than I + 0.7 (S - I) (with D's lower threshold thin dashes and
//    rules were lost); text is the candidate components whose mean is below
//    D + 0.3 (S - D) or that have a few pixels below D + 0.2 (S - D) (thin
//    tone marks). These two use D: on blurred scans I sits on the strokes'
//    edges, and the darker patches of an unevenly inked ring passed for
//    text. Of the text only the dark core (below D + 0.3 (S - D)) plus
//    2 px is kept, and 1 px around it; so are the long horizontal and
//    vertical runs of candidates (table rules crossing the seal).
//    Everything else in the disk becomes paper (P).
#include "imaging/stamp.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

namespace vnplan::imaging {
namespace {

constexpr double kPi = 3.14159265358979323846;

struct Levels {
  int ink = 0;        // darkest mode (below 128)
  int paper = 255;    // brightest mode
  int detect_ink = 0; // min(ink, first quartile of the ink pixels)
};

Levels EstimateLevels(const cv::Mat& gray) {
  std::array<int64_t, 256> hist{};
  for (int y = 0; y < gray.rows; ++y) {
    const uint8_t* row = gray.ptr<uint8_t>(y);
    for (int x = 0; x < gray.cols; ++x) ++hist[row[x]];
  }
  auto smoothed = [&](int v) {
    int64_t s = 0;
    for (int d = -3; d <= 3; ++d) s += hist[std::clamp(v + d, 0, 255)];
    return s;
  };
  Levels levels;
  int64_t best = -1;
  for (int v = 128; v < 256; ++v) {
    if (smoothed(v) > best) best = smoothed(v), levels.paper = v;
  }
  best = -1;
  levels.ink = 40;
  for (int v = 0; v < std::min(128, levels.paper - 60); ++v) {
    if (smoothed(v) > best) best = smoothed(v), levels.ink = v;
  }
  // First quartile of the ink pixels: the text level when thin blurred
  // strokes leave no dark mode (see step 1 above).
  int64_t ink_pixels = 0;
  for (int v = 0; v < levels.paper - 60; ++v) ink_pixels += hist[v];
  levels.detect_ink = levels.ink;
  int64_t acc = 0;
  for (int v = 0; v < levels.ink && ink_pixels > 0; ++v) {
    acc += hist[v];
    if (4 * acc >= ink_pixels) {
      levels.detect_ink = v;
      break;
    }
  }
  return levels;
}

// Unit vectors at angles 2 pi (k + 0.5) / n, k = 0..n-1, computed once.
struct UnitCircle {
  explicit UnitCircle(int n) : cos(n), sin(n) {
    for (int k = 0; k < n; ++k) {
      const double a = 2 * kPi * (k + 0.5) / n;
      cos[k] = std::cos(a);
      sin[k] = std::sin(a);
    }
  }
  std::vector<double> cos, sin;
};

// 360 samples for whole rings; 576 = 72 sectors x 8 samples for coverage.
const UnitCircle& Ring360() {
  static const UnitCircle circle(360);
  return circle;
}
const UnitCircle& Ring576() {
  static const UnitCircle circle(576);
  return circle;
}

// Mean of `density` along the circle (cx, cy, r) at the samples
// [begin, end) of `unit` (default: all of them).
double RingMean(const cv::Mat& density, double cx, double cy, double r,
                const UnitCircle& unit = Ring360(), int begin = 0, int end = -1) {
  if (end < 0) end = static_cast<int>(unit.cos.size());
  double sum = 0;
  int n = 0;
  for (int i = begin; i < end; ++i) {
    const int x = static_cast<int>(std::lround(cx + r * unit.cos[i]));
    const int y = static_cast<int>(std::lround(cy + r * unit.sin[i]));
    if (x < 0 || y < 0 || x >= density.cols || y >= density.rows) continue;
    sum += density.at<float>(y, x);
    ++n;
  }
  return n ? sum / n : 0.0;
}

}  // namespace

Result<std::vector<StampCircle>> SuppressStamps(GrayImage* image, const StampOptions& options) {
  if (image == nullptr || image->empty() ||
      image->pixels.size() != static_cast<size_t>(image->width) * image->height ||
      options.min_diameter_cm <= 0 || options.max_diameter_cm < options.min_diameter_cm) {
    return MakeError(ErrorCode::kInvalidArgument, "SuppressStamps: bad image or options");
  }
  std::vector<StampCircle> found;
  try {
    cv::Mat gray(image->height, image->width, CV_8UC1, image->pixels.data());
    // Unknown dpi: plans are A4, so the long side is 11.69 inches.
    const double dpi = image->dpi > 0 ? image->dpi
                                      : std::max(image->width, image->height) / 11.69;
    const Levels lv = EstimateLevels(gray);
    const int span = lv.paper - lv.ink;
    if (span < 80) return found;  // no clear ink/paper separation
    // Detection band and dark ink (from D) and the whitening's band (from I).
    const int detect_span = lv.paper - lv.detect_ink;
    const int band_lo = lv.detect_ink + static_cast<int>(0.45 * detect_span);
    const int band_hi = lv.paper - static_cast<int>(0.15 * detect_span);
    const int ink_band_lo = lv.ink + static_cast<int>(0.45 * span);
    const int ink_band_hi = lv.paper - static_cast<int>(0.15 * span);

    cv::Mat band, dark;
    cv::inRange(gray, cv::Scalar(band_lo), cv::Scalar(band_hi), band);
    cv::threshold(gray, dark, lv.detect_ink + detect_span / 4, 255, cv::THRESH_BINARY_INV);

    // Work at ~50 dpi: seals become rings of 25-55 px radius.
    const double f = std::max(1.0, dpi / 50.0);
    const cv::Size small(std::max(1, static_cast<int>(image->width / f)),
                         std::max(1, static_cast<int>(image->height / f)));
    cv::Mat band_d, dark_d;
    cv::resize(band, band_d, small, 0, 0, cv::INTER_AREA);
    cv::resize(dark, dark_d, small, 0, 0, cv::INTER_AREA);
    band_d.convertTo(band_d, CV_32F, 1.0 / 255);
    dark_d.convertTo(dark_d, CV_32F, 1.0 / 255);

    const double sdpi = dpi / f;
    const int r_min = static_cast<int>(options.min_diameter_cm / 2 / 2.54 * sdpi);
    const int r_max = static_cast<int>(std::ceil(options.max_diameter_cm / 2 / 2.54 * sdpi));
    if (r_min < 4 || 2 * r_min > std::min(small.width, small.height)) return found;

    // Only dense band ink takes part: scanner noise on paper and the
    // anti-aliased edges of text are sparse at this scale (and would make
    // the Hough search slow on noisy pages).
    cv::Mat hough_in;
    cv::threshold(band_d, hough_in, 0.1, 255, cv::THRESH_BINARY);
    hough_in.convertTo(hough_in, CV_8U);
    // Specks (components under ~1 mm^2) only feed the Hough accumulator
    // edge points (on heavily degraded pages most of its time); a ring, even
    // broken, is made of far larger pieces.
    {
      cv::Mat labels, stats, centroids;
      const int count = cv::connectedComponentsWithStats(hough_in, labels, stats, centroids, 8,
                                                         CV_32S);
      const int min_area = std::max(3, static_cast<int>(std::lround(1.0 * sdpi * sdpi / 645.0)));
      std::vector<uint8_t> keep(count, 255);
      for (int i = 1; i < count; ++i) keep[i] = stats.at<int>(i, cv::CC_STAT_AREA) >= min_area ? 255 : 0;
      for (int y = 0; y < hough_in.rows; ++y) {
        const int* lab = labels.ptr<int>(y);
        uint8_t* px = hough_in.ptr<uint8_t>(y);
        for (int x = 0; x < hough_in.cols; ++x) px[x] = lab[x] > 0 ? keep[lab[x]] : 0;
      }
    }
    cv::GaussianBlur(hough_in, hough_in, cv::Size(5, 5), 1.2);
    std::vector<cv::Vec3f> circles;
    cv::HoughCircles(hough_in, circles, cv::HOUGH_GRADIENT, 1, r_min, 60, 30, r_min, r_max);
    // Candidates come best first; a page has at most a few seals.
    if (circles.size() > 40) circles.resize(40);

    for (const cv::Vec3f& c : circles) {
      const double r0 = c[2];
      double cx = c[0], cy = c[1];
      {
        double best = -1, bx = cx, by = cy;
        for (int dy = -3; dy <= 3; ++dy) {
          for (int dx = -3; dx <= 3; ++dx) {
            for (double r = 0.7 * r0; r <= 1.3 * r0; r += 1) {
              const double v = RingMean(band_d, c[0] + dx, c[1] + dy, r);
              if (v > best) best = v, bx = c[0] + dx, by = c[1] + dy;
            }
          }
        }
        cx = bx, cy = by;
      }
      bool overlaps = false;
      for (const StampCircle& s : found) {
        if (std::hypot(cx * f - s.cx, cy * f - s.cy) < s.radius) overlaps = true;
      }
      if (overlaps) continue;
      // Radius with the most band ink.
      double best_r = r0, best_v = -1;
      for (double r = 0.7 * r0; r <= 1.3 * r0; r += 0.5) {
        const double v = RingMean(band_d, cx, cy, r);
        if (v > best_v) best_v = v, best_r = r;
      }
      if (best_v < 0.3) continue;  // seal rings are mostly ink
      // Angular coverage and dark ink on the ring.
      constexpr int kSectors = 72;
      int covered = 0;
      for (int s = 0; s < kSectors; ++s) {
        double m = 0;
        for (double dr = -1.5; dr <= 1.5; dr += 0.75) {
          m = std::max(m, RingMean(band_d, cx, cy, best_r + dr, Ring576(), 8 * s, 8 * s + 8));
        }
        covered += m > 0.12;
      }
      if (covered < options.min_ring_coverage * kSectors) continue;
      const double dark_on_ring = RingMean(dark_d, cx, cy, best_r);
      if (dark_on_ring > best_v) continue;
      // Outer edge: the largest radius still carrying ring-like band ink.
      double r_out = best_r;
      // The Hough radius may be the inner ring's (~0.66 of the outer one).
      for (double r = best_r; r <= 1.6 * r0 && r <= r_max * 1.15; r += 0.5) {
        if (RingMean(band_d, cx, cy, r) > 0.4 * best_v) r_out = r;
      }

      // A seal is a ring on paper: just outside it, little band ink in most
      // directions (text lines and table rules cross it in a few sectors).
      std::array<double, kSectors> beyond{};
      for (int s = 0; s < kSectors; ++s) {
        beyond[s] = std::max(RingMean(band_d, cx, cy, r_out + 3, Ring576(), 8 * s, 8 * s + 8),
                             RingMean(band_d, cx, cy, r_out + 5, Ring576(), 8 * s, 8 * s + 8));
      }
      double all_around = 0;
      for (double b : beyond) all_around += b / kSectors;
      constexpr int kQuietSectors = kSectors * 3 / 5;
      std::partial_sort(beyond.begin(), beyond.begin() + kQuietSectors, beyond.end());
      double outside = 0;
      for (int s = 0; s < kQuietSectors; ++s) outside += beyond[s] / kQuietSectors;
      // Bleed-through and shading around a false ring leave some quiet
      // sectors too: the mean over all of them is bounded as well.
      if (outside > 0.25 * best_v || all_around > 0.3 * best_v) continue;

      StampCircle stamp;
      stamp.cx = static_cast<int>(std::lround(cx * f));
      stamp.cy = static_cast<int>(std::lround(cy * f));
      stamp.radius = static_cast<int>(std::lround((r_out + 2.5) * f));

      // The seal's own ink level: median of its ring pixels in the band
      // from I (step 4).
      std::array<int64_t, 256> hist{};
      int64_t n = 0;
      const double rin = (best_r - 1.5) * f, rout = (best_r + 1.5) * f;
      const int x0 = std::max(0, static_cast<int>(cx * f - rout));
      const int x1 = std::min(image->width - 1, static_cast<int>(cx * f + rout));
      const int y0 = std::max(0, static_cast<int>(cy * f - rout));
      const int y1 = std::min(image->height - 1, static_cast<int>(cy * f + rout));
      for (int y = y0; y <= y1; ++y) {
        for (int x = x0; x <= x1; ++x) {
          const double d = std::hypot(x - cx * f, y - cy * f);
          const uint8_t v = gray.at<uint8_t>(y, x);
          if (d >= rin && d <= rout && v >= ink_band_lo && v <= ink_band_hi) ++hist[v], ++n;
        }
      }
      int median = (ink_band_lo + ink_band_hi) / 2;
      for (int64_t acc = 0, v = 0; v < 256 && n > 0; ++v) {
        acc += hist[v];
        if (2 * acc >= n) {
          median = static_cast<int>(v);
          break;
        }
      }
      stamp.ink_level = median;
      stamp.keep_below = std::clamp(lv.ink + (median - lv.ink) * 7 / 10, lv.ink + 1, ink_band_hi);
      found.push_back(stamp);
    }

    // Whitening (to the paper level), all seals at once.
    for (const StampCircle& s : found) {
      const cv::Rect roi = cv::Rect(s.cx - s.radius - 1, s.cy - s.radius - 1, 2 * s.radius + 3,
                                    2 * s.radius + 3) &
                           cv::Rect(0, 0, image->width, image->height);
      if (roi.empty()) continue;
      cv::Mat sub = gray(roi);
      // Candidate text: darker than keep_below. Dark patches of the seal
      // itself (uneven inking) also get there, so a component is kept only
      // if its mean gray is closer to the text ink than to keep_below, or if
      // it has a few pixels near the text ink level (thin strokes, dots and
      // tone marks, whose mean is raised by their anti-aliased edges).
      cv::Mat cand;
      cv::threshold(sub, cand, s.keep_below - 1, 255, cv::THRESH_BINARY_INV);
      cv::Mat labels;
      const int count = cv::connectedComponents(cand, labels, 8, CV_32S);
      const double core = lv.detect_ink + 0.3 * (s.ink_level - lv.detect_ink);
      const double deep = lv.detect_ink + 0.2 * (s.ink_level - lv.detect_ink);
      std::vector<int64_t> sum(count, 0), num(count, 0), deep_n(count, 0);
      for (int y = 0; y < sub.rows; ++y) {
        const int* lab = labels.ptr<int>(y);
        const uint8_t* px = sub.ptr<uint8_t>(y);
        for (int x = 0; x < sub.cols; ++x) {
          if (lab[x] > 0) sum[lab[x]] += px[x], ++num[lab[x]], deep_n[lab[x]] += px[x] <= deep;
        }
      }
      cv::Mat keep = cv::Mat::zeros(sub.size(), CV_8U);
      for (int y = 0; y < sub.rows; ++y) {
        const int* lab = labels.ptr<int>(y);
        uint8_t* k = keep.ptr<uint8_t>(y);
        for (int x = 0; x < sub.cols; ++x) {
          const int l = lab[x];
          if (l > 0 && (sum[l] < core * num[l] || deep_n[l] >= std::max<int64_t>(2, num[l] / 20))) {
            k[x] = 255;
          }
        }
      }
      // Of a kept component only its darker core (and 2 px around it, the
      // anti-aliased edge) stays: seal ink merged into a text line does not.
      cv::Mat core_mask;
      cv::threshold(sub, core_mask, core, 255, cv::THRESH_BINARY_INV);
      cv::dilate(core_mask, core_mask, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5)));
      keep &= core_mask;
      // Table rules crossing the seal: a rule joins the component of the
      // seal's ink it crosses, whose mean is the seal's, so long horizontal
      // and vertical runs darker than keep_below are kept too (as long as
      // the seal's radius, 2 px of skew allowed either side; the seal's arcs
      // and letters are far shorter).
      cv::threshold(sub, cand, s.keep_below - 1, 255, cv::THRESH_BINARY_INV);
      const int run = std::max(15, s.radius);
      cv::Mat thick, rules_h, rules_v;
      cv::dilate(cand, thick, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, 5)));
      cv::morphologyEx(thick, rules_h, cv::MORPH_OPEN,
                       cv::getStructuringElement(cv::MORPH_RECT, cv::Size(run, 1)));
      cv::dilate(cand, thick, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 1)));
      cv::morphologyEx(thick, rules_v, cv::MORPH_OPEN,
                       cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, run)));
      keep |= (rules_h | rules_v) & cand;
      cv::dilate(keep, keep, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
      cv::Mat disk = cv::Mat::zeros(sub.size(), CV_8U);
      cv::circle(disk, cv::Point(s.cx - roi.x, s.cy - roi.y), s.radius, cv::Scalar(255), cv::FILLED);
      cv::Mat wipe = disk & ~keep;
      sub.setTo(cv::Scalar(lv.paper), wipe);
    }
  } catch (const cv::Exception& e) {
    return MakeError(ErrorCode::kInternal, std::string("OpenCV stamp suppression: ") + e.what());
  }
  return found;
}

}  // namespace vnplan::imaging
