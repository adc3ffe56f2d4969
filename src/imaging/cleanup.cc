// Cleanup chain on Leptonica (see cleanup.h). Each step maps to one or two
// Leptonica calls; all Pix handles are owned by lept::PixPtr.
#include "imaging/cleanup.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <system_error>
#include <vector>

#include "imaging/opencv_adapter.h"
#include "imaging/stamp.h"
#include "imaging/timing.h"
#include "ingest/leptonica_adapter.h"

namespace vnplan::imaging {
namespace {

using lept::PixPtr;

constexpr double kDegToRad = 3.14159265358979323846 / 180.0;

struct BoxaDeleter {
  void operator()(Boxa* b) const { boxaDestroy(&b); }
};
using BoxaPtr = std::unique_ptr<Boxa, BoxaDeleter>;

class StageWriter {
 public:
  explicit StageWriter(const CleanupOptions& options) : options_(options) {}

  Status Write(const char* name, Pix* pix) {
    ++stage_;
    if (options_.keep_intermediates_dir.empty() || pix == nullptr) return {};
    std::error_code ec;
    std::filesystem::create_directories(options_.keep_intermediates_dir, ec);
    char file[64];
    std::snprintf(file, sizeof file, "p%04d-%02d-%s.png", options_.page_number, stage_, name);
    return lept::WritePng(pix, options_.keep_intermediates_dir / file);
  }

 private:
  const CleanupOptions& options_;
  int stage_ = 0;
};

// The x-height is the most common height among letter-like components
// once diacritics and dots are set aside: Vietnamese text has nearly as
// many separate tone marks as letters, so a plain mode would find those.
// Components shorter than 45% of the 80th-percentile height are ignored.
int ModeOfHeights(Boxa* boxa, int min_h, int max_h) {
  const int n = boxaGetCount(boxa);
  std::vector<int> heights;
  heights.reserve(n);
  for (int i = 0; i < n; ++i) {
    int x, y, w, h;
    boxaGetBoxGeometry(boxa, i, &x, &y, &w, &h);
    if (h < min_h || h > max_h) continue;
    if (w * 4 < h || w > 3 * h) continue;  // rules, dashes, merged blobs
    heights.push_back(h);
  }
  if (heights.size() < 20) return 0;
  std::vector<int> sorted = heights;
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() * 8 / 10, sorted.end());
  const int p80 = sorted[sorted.size() * 8 / 10];
  const int floor_h = std::max(min_h, static_cast<int>(p80 * 0.45));
  std::vector<int> hist(max_h + 2, 0);
  for (int h : heights) ++hist[h];
  int best = 0, best_count = 0;
  for (int h = floor_h; h <= max_h; ++h) {
    const int count = hist[h - 1] * (h - 1 >= floor_h) + 2 * hist[h] + hist[h + 1];
    if (count > best_count) {
      best_count = count;
      best = h;
    }
  }
  return best;
}

// Nominal x-height (as EstimateXHeightPix measures it) of body text in a
// 300 dpi scan: Vietnamese administrative documents are set in 12-14 pt
// Times New Roman; the scanned e2e sample measures 24-25 px at 300 dpi and
// vnplan-synth's plans 11-12 px at 150 dpi and 16-18 px at 200 dpi.
constexpr double kBodyXHeightAt300 = 24.0;

// The scanning resolution nearest (in ratio) to the one at which the body
// text would have a kBodyXHeightAt300 x-height.
int DpiFromXHeight(int x_height) {
  static constexpr int kCommon[] = {100, 150, 200, 300, 400, 600};
  const double raw = 300.0 * x_height / kBodyXHeightAt300;
  int best = 300;
  double best_d = 1e9;
  for (int d : kCommon) {
    const double dist = std::abs(std::log(raw / d));
    if (dist < best_d) best_d = dist, best = d;
  }
  return best;
}

int EstimateXHeightPix(Pix* bin) {
  BoxaPtr boxa(pixConnCompBB(bin, 8));
  if (!boxa) return 0;
  return ModeOfHeights(boxa.get(), 4, 300);
}

// Removes (a) components touching the page edge that are larger than a
// tenth of the page in either direction and (b) specks of at most
// `speck` x `speck` pixels. Works in place on a 1 bpp image.
PixPtr CleanBinary(Pix* bin, bool borders, int speck) {
  PixPtr out(pixCopy(nullptr, bin));
  if (borders) {
    PixPtr inner(pixRemoveBorderConnComps(out.get(), 8));
    if (inner) {
      PixPtr touching(pixSubtract(nullptr, out.get(), inner.get()));
      const int w = pixGetWidth(bin), h = pixGetHeight(bin);
      PixPtr big(pixSelectBySize(touching.get(), w / 10, h / 10, 8, L_SELECT_IF_EITHER,
                                 L_SELECT_IF_GT, nullptr));
      if (big) pixSubtract(out.get(), out.get(), big.get());
    }
  }
  if (speck > 0) {
    PixPtr kept(pixSelectBySize(out.get(), speck, speck, 8, L_SELECT_IF_EITHER,
                                L_SELECT_IF_GT, nullptr));
    if (kept) out = std::move(kept);
  }
  return out;
}

}  // namespace

Result<CleanedPage> CleanPage(const GrayImage& page, const CleanupOptions& options) {
  if (page.empty() || page.pixels.size() != static_cast<size_t>(page.width) * page.height) {
    return MakeError(ErrorCode::kInvalidArgument, "CleanPage: empty or malformed image");
  }
  if (options.max_skew_degrees < 0 || options.max_skew_degrees > 45 ||
      options.sauvola_k <= 0 || options.sauvola_half_window < 2 || options.target_x_height <= 0 ||
      options.min_x_height > options.max_x_height || options.max_upscale < 1.0) {
    return MakeError(ErrorCode::kInvalidArgument, "CleanPage: bad CleanupOptions");
  }
  lept::QuietLeptonica();
  StageWriter stages(options);
  CleanedPage result;
  StageClock clock(&result.timings);

  GrayImage median3;
  auto noise = EstimateNoise(page, &median3);
  if (!noise) return std::unexpected(noise.error());
  result.noise = *noise;
  result.light = *noise < options.light_noise_threshold;
  const bool denoise = options.median_size > 1 && !result.light;
  clock.Lap("noise");

  PixPtr gray;
  if (!options.keep_intermediates_dir.empty() || !denoise) {
    gray = lept::PixFromGray(page);
    if (!gray) return MakeError(ErrorCode::kInternal, "out of memory");
  }
  if (auto s = stages.Write("input", gray.get()); !s) return std::unexpected(s.error());

  if (denoise) {
    if ((options.median_size | 1) != 3) {
      auto med = MedianBlur(page, options.median_size | 1);
      if (!med) return std::unexpected(med.error());
      median3 = std::move(*med);
    }
    gray = lept::PixFromGray(median3);
    if (!gray) return MakeError(ErrorCode::kInternal, "out of memory");
    if (auto s = stages.Write("denoise", gray.get()); !s) return std::unexpected(s.error());
  }
  clock.Lap("denoise");

  if (options.normalize_background) {
    // Closing on a 4x reduced image with a 15x15 brick (60 px at full size)
    // wipes out the text and leaves the paper; dividing by it maps the
    // paper to 200, which we then stretch to white.
    PixPtr norm(pixBackgroundNormMorph(gray.get(), nullptr, 4, 15, 200));
    if (norm) {
      gray.reset(pixGammaTRC(nullptr, norm.get(), 1.0f, 0, 200));
      if (auto s = stages.Write("background", gray.get()); !s) return std::unexpected(s.error());
    }
    clock.Lap("background");
  }

  if (options.suppress_stamps) {
    auto work = lept::GrayFromPix(gray.get());
    if (!work) return std::unexpected(work.error());
    work->dpi = page.dpi;  // 0 (unknown): SuppressStamps assumes an A4 page
    auto stamps = SuppressStamps(&*work);
    if (!stamps) return std::unexpected(stamps.error());
    if (!stamps->empty()) {
      result.stamps_removed = static_cast<int>(stamps->size());
      gray = lept::PixFromGray(*work);
      if (!gray) return MakeError(ErrorCode::kInternal, "out of memory");
      if (auto s = stages.Write("stamps", gray.get()); !s) return std::unexpected(s.error());
    }
    clock.Lap("stamps");
  }

  // A global threshold is enough to measure skew and text size.
  PixPtr rough(pixConvertTo1(gray.get(), 150));
  if (!rough) return MakeError(ErrorCode::kInternal, "thresholding failed");
  clock.Lap("threshold");

  if (options.deskew && options.max_skew_degrees > 0) {
    float angle = 0, conf = 0;
    const float sweep = static_cast<float>(options.max_skew_degrees);
    if (pixFindSkewSweepAndSearch(rough.get(), &angle, &conf, 4, 2, sweep, 0.5f, 0.01f) == 0 &&
        conf >= 2.0f) {
      result.skew_degrees = angle;
      if (std::abs(angle) >= options.min_skew_degrees) {
        PixPtr rotated(pixRotate(gray.get(), angle * kDegToRad, L_ROTATE_AREA_MAP,
                                 L_BRING_IN_WHITE, 0, 0));
        if (rotated) {
          gray = std::move(rotated);
          result.deskewed = true;
          rough.reset(pixConvertTo1(gray.get(), 150));
          if (auto s = stages.Write("deskew", gray.get()); !s) return std::unexpected(s.error());
        }
      }
    }
  }

  clock.Lap("deskew");
  int x_height = EstimateXHeightPix(rough.get());
  int dpi = page.dpi;
  if (dpi <= 0) {
    dpi = x_height > 0 ? DpiFromXHeight(x_height) : 300;
    result.dpi_estimated = true;
  }
  if (options.rescale && x_height > 0 &&
      (x_height < options.min_x_height || x_height > options.max_x_height) &&
      (x_height > options.max_x_height || options.max_upscale > 1.0)) {
    const float s = std::min(static_cast<float>(options.target_x_height) / x_height,
                             static_cast<float>(options.max_upscale));
    PixPtr scaled(s > 1 ? pixScaleGrayLI(gray.get(), s, s) : pixScaleAreaMap(gray.get(), s, s));
    if (scaled) {
      result.scale = static_cast<double>(pixGetWidth(scaled.get())) / page.width;
      gray = std::move(scaled);
      x_height = static_cast<int>(std::lround(x_height * s));
      if (auto st = stages.Write("rescale", gray.get()); !st) return std::unexpected(st.error());
    }
  }
  result.x_height = x_height;
  clock.Lap("rescale");
  const double eff_dpi = dpi * result.scale;
  pixSetResolution(gray.get(), static_cast<int>(eff_dpi + 0.5), static_cast<int>(eff_dpi + 0.5));

  auto gray_out = lept::GrayFromPix(gray.get());
  if (!gray_out) return std::unexpected(gray_out.error());
  const int w = gray_out->width, h = gray_out->height;
  int half = std::max(2, static_cast<int>(std::lround(options.sauvola_half_window * eff_dpi / 300)));
  half = std::min(half, std::max(1, (std::min(w, h) - 1) / 2));
  PixPtr bin;
  if (result.light) {
    // Little noise and a flattened background: a global threshold does,
    // and OCR reads the gray page anyway.
    bin.reset(pixConvertTo1(gray.get(), 160));
  } else {
    auto sauvola = SauvolaBinarize(*gray_out, half, options.sauvola_k);
    if (!sauvola) return std::unexpected(sauvola.error());
    PixPtr bin8 = lept::PixFromGray(*sauvola);
    bin.reset(bin8 ? pixConvertTo1(bin8.get(), 128) : nullptr);
  }
  if (!bin) return MakeError(ErrorCode::kInternal, "binarisation failed");
  if (auto s = stages.Write("binary", bin.get()); !s) return std::unexpected(s.error());
  clock.Lap("binarize");

  if (options.clean_borders || options.despeckle_size > 0) {
    const int speck = static_cast<int>(std::lround(options.despeckle_size * eff_dpi / 300));
    bin = CleanBinary(bin.get(), options.clean_borders, speck);
    if (!bin) return MakeError(ErrorCode::kInternal, "border cleanup failed");
    if (auto s = stages.Write("clean", bin.get()); !s) return std::unexpected(s.error());
  }
  clock.Lap("borders");

  auto bin_out = lept::GrayFromPix(bin.get());
  if (!bin_out) return std::unexpected(bin_out.error());
  result.gray = std::move(*gray_out);
  result.binary = std::move(*bin_out);
  result.gray.dpi = result.binary.dpi = static_cast<int>(eff_dpi + 0.5);
  clock.Lap("convert");
  return result;
}

GrayImage RotateQuarterTurns(const GrayImage& image, int quarter_turns) {
  const int q = ((quarter_turns % 4) + 4) % 4;
  if (q == 0 || image.empty()) return image;
  PixPtr pix = lept::PixFromGray(image);
  PixPtr rot(pixRotateOrth(pix.get(), q));
  auto out = lept::GrayFromPix(rot.get());
  if (!out) return image;
  out->dpi = image.dpi;
  return *out;
}

GrayImage RotateDegrees(const GrayImage& image, double degrees) {
  if (image.empty()) return image;
  PixPtr pix = lept::PixFromGray(image);
  // Leptonica turns clockwise for positive angles.
  PixPtr rot(pixRotate(pix.get(), static_cast<float>(-degrees * kDegToRad), L_ROTATE_AREA_MAP,
                       L_BRING_IN_WHITE, 0, 0));
  auto out = lept::GrayFromPix(rot.get());
  if (!out) return image;
  out->dpi = image.dpi;
  return *out;
}

int EstimateXHeight(const GrayImage& image) {
  if (image.empty()) return 0;
  PixPtr pix = lept::PixFromGray(image);
  PixPtr bin(pixConvertTo1(pix.get(), 128));
  return bin ? EstimateXHeightPix(bin.get()) : 0;
}

}  // namespace vnplan::imaging
