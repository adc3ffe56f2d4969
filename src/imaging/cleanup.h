// Scan cleanup before OCR: denoising, illumination normalisation, deskew,
// rescaling to a text size Tesseract's LSTM reads well, adaptive (Sauvola)
// binarisation and border cleanup. Input: one grayscale page (GrayImage);
// output: CleanedPage with the binarised and the grayscale deskewed page plus
// what was measured (skew angle, scale). Orientation (90/180/270) is
// detected in ocr/ with Tesseract OSD and applied with RotateQuarterTurns.
//
// With CleanupOptions::keep_intermediates_dir set, every stage writes a
// numbered PNG there ("p0001-01-input.png", "p0001-02-background.png", ...);
// the "stamps" stage is written only when a seal was removed.
#ifndef VNPLAN_IMAGING_CLEANUP_H_
#define VNPLAN_IMAGING_CLEANUP_H_

#include <filesystem>
#include <vector>

#include "common/error.h"
#include "common/image.h"
#include "imaging/timing.h"

namespace vnplan::imaging {

struct CleanupOptions {
  // Flatten uneven illumination (shadows, yellowed paper, gradients) by
  // dividing by an estimated background. Default true.
  bool normalize_background = true;
  // Median-filter size for speckle noise on the gray image; 0 or 1 = off.
  // Default 3 (3x3 median). Only applied to noisy pages (see below).
  int median_size = 3;
  // Pages whose estimated noise (CleanedPage::noise) is below this many
  // gray levels are "light" pages: no median filter, a global threshold
  // (160 after background normalisation) instead of Sauvola, and OCR
  // should read CleanedPage::gray rather than the binary (Tesseract's own
  // thresholding of a clean, normalised page beats Sauvola there). Default 7, between
  // vnplan-synth's medium (~5) and heavy (~9) scans; 0 = never light.
  double light_noise_threshold = 7.0;
  // Remove official seals ("con dấu"): large rings of mid-gray ink (lighter
  // than the text, darker than the paper) found with a Hough circle search
  // for 2.5-5.5 cm diameters at the page's dpi (unknown dpi: the page is
  // taken to be A4); inside each, the seal's gray band is set to paper
  // before binarisation while darker text crossing it is kept. Pages
  // without a detected seal are unchanged. Default true.
  bool suppress_stamps = true;
  // Detect and correct skew. Default true.
  bool deskew = true;
  // Largest skew searched for, in degrees (either direction). Default 7.
  double max_skew_degrees = 7.0;
  // Skews smaller than this are left alone (rotation blurs). Default 0.1.
  double min_skew_degrees = 0.1;
  // Rescale so the estimated x-height lies in [min_x_height, max_x_height]
  // pixels, aiming at target_x_height. Defaults 8 / 40 / 20 px. Set
  // rescale = false to keep the input size. (On the OCR benchmark, 150 dpi
  // scans with an 11 px x-height read better and faster unscaled than
  // upscaled to 22 px, hence the low minimum.)
  bool rescale = true;
  int min_x_height = 8;
  int max_x_height = 40;
  int target_x_height = 20;
  // Largest enlargement rescale applies (>= 1). Default 2: a smaller
  // measured x-height is usually noise on a page with little text, and
  // enlarging it further costs time without helping OCR.
  double max_upscale = 2.0;
  // Sauvola window half-size in pixels at 300 dpi (scaled with the page's
  // dpi) and its k factor. Defaults 30 and 0.2, tuned with
  // tools/ocr_bench on degraded synthetic plans (k = 0.34, Tesseract's
  // choice, breaks the thin gray strokes of low-resolution scans).
  int sauvola_half_window = 30;
  double sauvola_k = 0.2;
  // Remove large dark components touching the page edge (scanner borders,
  // punch holes) and specks no larger than despeckle_size x despeckle_size.
  // Defaults true and 2 px (at 300 dpi).
  bool clean_borders = true;
  int despeckle_size = 2;
  // When non-empty, stage images are written here as PNG; the directory is
  // created if needed. Default empty (off).
  std::filesystem::path keep_intermediates_dir;
  // 1-based page number used in intermediate file names. Default 1.
  int page_number = 1;
};

struct CleanedPage {
  GrayImage binary;        // 0 or 255 only; deskewed and rescaled
  GrayImage gray;          // the same geometry, gray (background-normalised)
  double skew_degrees = 0.0;  // skew found in the input (positive = counter-clockwise text)
  bool deskewed = false;      // true if a rotation was applied
  double scale = 1.0;         // output size / input size
  int x_height = 0;           // estimated x-height in output pixels, 0 if unknown
  bool dpi_estimated = false;  // the input had no dpi: the output's was estimated
                               // from the text's x-height (see CleanPage)
  double noise = 0.0;         // mean |page - median3(page)| on paper, gray levels
  bool light = false;         // noise < light_noise_threshold: OCR `gray`
  int stamps_removed = 0;     // seals suppressed (CleanupOptions::suppress_stamps)
  std::vector<StageTiming> timings;  // wall time of each stage that ran, in order
};

// Runs the cleanup chain. The output's dpi is the input's times `scale`;
// an input with dpi 0 (unknown, e.g. an untagged PNG) gets the common
// scanning resolution (100, 150, 200, 300, 400, 600) at which its
// x-height would be that of 12-14 pt body text, or 300 without measurable
// text. Seal suppression, which runs before the text is measured, takes
// such a page to be A4. kInvalidArgument for an empty image or bad
// options; kIo when an intermediate image cannot be written.
Result<CleanedPage> CleanPage(const GrayImage& page, const CleanupOptions& options = {});

// Rotates by `quarter_turns` * 90 degrees clockwise (any integer).
GrayImage RotateQuarterTurns(const GrayImage& image, int quarter_turns);

// Rotates by `degrees` (counter-clockwise positive) about the centre keeping
// the size, bringing in white. For tests and synthetic degradation.
GrayImage RotateDegrees(const GrayImage& image, double degrees);

// Estimates the dominant x-height (pixels) of the text in a binary or gray
// image (threshold 128); 0 if there is too little text.
int EstimateXHeight(const GrayImage& image);

}  // namespace vnplan::imaging

#endif  // VNPLAN_IMAGING_CLEANUP_H_
