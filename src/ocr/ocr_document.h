// Whole-document OCR: opens a PDF or image with ingest/, renders every page,
// cleans it with imaging/, fixes its orientation (Tesseract OSD) and runs
// Tesseract on it, pages in parallel over `jobs` workers, one engine per
// worker. Input: a path and OcrOptions; output: OcrDocument with, per page,
// the recognised Page, the cleaned image that was read and a JPEG of the
// cleaned gray page for the searchable PDF (ocr/renderers.h writes text,
// hOCR and PDF from it). The engine is pluggable (EngineFactory) so tests
// and callers can run the same flow with a fake OcrEngine.
#ifndef VNPLAN_OCR_OCR_DOCUMENT_H_
#define VNPLAN_OCR_OCR_DOCUMENT_H_

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/image.h"
#include "common/page.h"
#include "imaging/cleanup.h"
#include "ingest/source_document.h"
#include "ocr/tesseract_engine.h"

namespace vnplan::ocr {

struct OcrOptions {
  // Tesseract settings: languages (default "vie"), psm (default 3),
  // tessdata_dir (default Tesseract's own).
  TesseractOptions tesseract;
  // Rendering resolution for PDF pages. Default 300.
  int dpi = 300;
  // Parallel workers (pages at a time), each with its own Tesseract. 0 =
  // std::thread::hardware_concurrency(). Default 0. Tesseract's OpenMP
  // must be capped for this to pay off: programs call
  // ReexecWithOmpThreadLimit (ocr/omp_env.h) early in main().
  int jobs = 0;
  // Run imaging::CleanPage before OCR. Default true. When false the
  // rendered page goes to Tesseract as is (Tesseract binarises it itself).
  bool clean = true;
  // Cleanup settings, including keep_intermediates_dir (default off). The
  // page_number field is set per page.
  imaging::CleanupOptions cleanup;
  // Give Tesseract the binarised page (true) or the cleaned gray page
  // (false). Default true. Light pages (CleanedPage::light: little noise)
  // always go to Tesseract gray.
  bool ocr_binary = true;
  // Detect pages rotated by 90/180/270 degrees and turn them upright. A
  // quick Leptonica check (imaging/orientation.h) sorts pages into
  // plausibly upright, decisively turned and doubtful. Upright and doubtful
  // pages are read first and kept when Tesseract's mean word confidence is
  // at least upright_min_ocr_confidence / doubtful_min_ocr_confidence.
  // Tesseract OSD decides the other pages (when it finds one upright, the
  // reading already made is kept; when it is unsure, a decisive quick
  // estimate turns the page). Default true; pages that need OSD require
  // osd.traineddata.
  bool detect_orientation = true;
  // Smallest OSD confidence acted upon. Default 5.
  float orientation_min_confidence = 5.0f;
  // Mean word confidence (0..100) above which a plausibly upright page's
  // reading is trusted without OSD. Default 60 (upright synthetic plan
  // scans, even heavily degraded, read at >= 80; pages turned by 90/180/270
  // degrees that pass the quick check read at 30-50).
  float upright_min_ocr_confidence = 60.0f;
  // The same for pages the quick check can neither clear nor find turned
  // (title pages, little text). Default 75 (upright ones read at >= 80;
  // of the turned synthetic pages in this class, the best read at 61.5).
  float doubtful_min_ocr_confidence = 75.0f;
  // JPEG quality of the page image kept for the searchable PDF (1..100);
  // 0 keeps no image. Default 60.
  int pdf_image_quality = 60;
  // Limits applied when opening and rendering the input.
  ingest::IngestOptions ingest;
  // The pages to read (1-based, ascending), e.g. the pages of a PDF that
  // have no text layer; pages out of range are ignored. Empty (default):
  // every page.
  std::vector<int> only_pages;
};

struct OcrPage {
  Page page;                // words in `image` coordinates; dpi = dpi * scale
  GrayImage image;          // the cleaned page Tesseract read: binary (0/255)
                            // for noisy pages, gray for light ones
  std::string image_jpeg;   // cleaned gray page, same geometry as `image`, JPEG
  double skew_degrees = 0;  // skew found (and corrected) by cleanup
  int rotation_degrees = 0;  // clockwise rotation of the content that was undone
  double scale = 1.0;       // cleaned size / rendered size
  int x_height = 0;         // text x-height in `image` pixels (cleanup), 0 if unknown
  // Baseline and font-size measurements of every Line of `page`, in reading
  // order (blocks, then lines); empty when the engine is not a
  // TesseractEngine. ocr/renderers.h writes them into the hOCR.
  std::vector<LineMetrics> line_metrics;
  // Wall time of each step, in order: the cleanup stages
  // (CleanedPage::timings, twice if the page was turned), "orientation",
  // "ocr" and "jpeg".
  std::vector<imaging::StageTiming> timings;
};

struct OcrDocument {
  std::filesystem::path source;
  std::vector<OcrPage> pages;  // in page order; Page::number says which page
};

// Called after each page with (pages done, total pages), from the thread
// that finished the page, serialised by OcrSource (never concurrently).
using ProgressCallback = std::function<void(int done, int total)>;

// Makes one engine per worker; called from the worker's thread.
using EngineFactory = std::function<Result<std::unique_ptr<OcrEngine>>()>;

// An EngineFactory making TesseractEngines with `options`.
EngineFactory TesseractFactory(const TesseractOptions& options);

// OCRs every page of `path` (or options.only_pages). Fails as a whole with the first error
// (kInputError for bad input, kDependency for missing language data, ...);
// messages for page errors name the page. `factory` defaults to
// TesseractFactory(options.tesseract).
Result<OcrDocument> OcrSource(const std::filesystem::path& path, const OcrOptions& options = {},
                              const ProgressCallback& progress = {},
                              const EngineFactory& factory = {});

// OCRs one already rendered page with a caller-owned engine and detector
// (null skips orientation). `page_number` is 1-based.
Result<OcrPage> OcrPageImage(const GrayImage& rendered, int page_number, const OcrOptions& options,
                             OcrEngine& engine, OrientationDetector* detector);

}  // namespace vnplan::ocr

#endif  // VNPLAN_OCR_OCR_DOCUMENT_H_
