// OCR with the Tesseract C++ API: TesseractEngine implements OcrEngine
// (common/ocr_engine.h) on a GrayImage and returns a Page (words with boxes
// and confidences, lines, blocks) and, on request, the page's hOCR.
// OrientationDetector wraps Tesseract OSD (osd.traineddata) to find pages
// scanned sideways or upside down. Tesseract types stay in the .cc file.
//
// Thread safety: one engine per thread (each holds its own TessBaseAPI).
#ifndef VNPLAN_OCR_TESSERACT_ENGINE_H_
#define VNPLAN_OCR_TESSERACT_ENGINE_H_

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/error.h"
#include "common/image.h"
#include "common/ocr_engine.h"
#include "common/page.h"

namespace vnplan::ocr {

struct TesseractOptions {
  // Tesseract language(s), '+'-separated. Default "vie".
  std::string languages = "vie";
  // Page segmentation mode (Tesseract's --psm numbering). Default 3 (fully
  // automatic, no OSD). 6 = one uniform block, 7 = one line (table cells).
  int psm = 3;
  // Directory holding <lang>.traineddata. Default empty: Tesseract's own
  // ($TESSDATA_PREFIX or the compiled-in path, on Debian
  // /usr/share/tesseract-ocr/5/tessdata).
  std::filesystem::path tessdata_dir;
  // Resolution assumed when GrayImage::dpi is 0. Default 300.
  int default_dpi = 300;
  // Tesseract's tessedit_do_invert: re-read poorly recognised lines as
  // white-on-black. Default true (Tesseract's default; turning it off made
  // no measurable time difference on the OCR benchmark).
  bool detect_inverted_text = true;
  // Tesseract's table detection during page layout
  // (textord_tabfind_find_tables). vnplan rebuilds tables itself (table/).
  // Default false: on the OCR benchmark (tools/ocr_bench) it made light
  // scans read better (+0.7 token F1) and every page 8-14 % faster, for
  // -0.1..-1.0 F1 on heavily degraded ones. Tesseract keeps this one
  // setting per process, not per engine: the engine created last decides
  // for all, so give every engine of a process the same value.
  bool detect_tables = false;
  // More Tesseract variables (name, value), set after Init. Default none.
  // Parameters Tesseract keeps per process (textord_*, most layout ones)
  // are shared by every engine; per-engine ones (tessedit_*, lstm_*) are not.
  std::vector<std::pair<std::string, std::string>> variables;
};

// Typographic measurements of one recognised text line, as Tesseract's own
// hOCR reports them in the ocr_line title (pixels of the recognised image).
struct LineMetrics {
  // Baseline as y = slope * x + offset, with the origin at the bottom-left
  // corner of the line's bounding box (hOCR "baseline slope offset"; the
  // offset is usually negative: the baseline lies above the descenders).
  double baseline_slope = 0;
  double baseline_offset = 0;
  float x_size = 0;        // row height: x-height plus ascender height (hOCR x_size)
  float x_descenders = 0;  // descender depth below the baseline, positive
  float x_ascenders = 0;   // ascender height above the x-height
};

class TesseractEngine : public OcrEngine {
 public:
  // Loads the language data. kDependency ("... install tesseract-ocr-vie")
  // when a language's traineddata cannot be loaded; kInvalidArgument for a
  // bad psm.
  static Result<std::unique_ptr<TesseractEngine>> Create(const TesseractOptions& options = {});
  ~TesseractEngine() override;

  // OcrEngine: recognises `region` of `image` (whole image if empty). Word
  // boxes are in `image` coordinates; Page::number is 1, Page::dpi is the
  // image's (or default_dpi).
  Result<Page> Recognize(const GrayImage& image, const Box& region) override;

  // Recognize with Tesseract variables (name, value) set for this call
  // only (the engine's previous values are restored afterwards; use
  // per-engine parameters only, see TesseractOptions::variables) and, when
  // `line_metrics` is non-null, the metrics of every Line of the returned
  // Page in reading order (blocks, then their lines). kInvalidArgument for
  // an unknown variable.
  Result<Page> Recognize(const GrayImage& image, const Box& region,
                         const std::vector<std::pair<std::string, std::string>>& variables,
                         std::vector<LineMetrics>* line_metrics = nullptr);

  const TesseractOptions& options() const { return options_; }

 private:
  struct Api;
  TesseractEngine(TesseractOptions options, std::unique_ptr<Api> api);
  Result<Page> Read(const GrayImage& image, const Box& region,
                    std::vector<LineMetrics>* line_metrics);
  TesseractOptions options_;
  std::unique_ptr<Api> api_;
};

struct Orientation {
  int degrees = 0;          // clockwise rotation of the content: 0, 90, 180, 270
  float confidence = 0.0f;  // Tesseract OSD confidence (>= ~5 is reliable)
};

class OrientationDetector {
 public:
  // Uses osd.traineddata from `tessdata_dir` (empty = Tesseract's default).
  // The data is loaded on the first Detect call, since most pages are
  // cleared by the quick check in imaging/orientation.h and never need it;
  // a missing file is reported by Detect (kDependency, "install
  // tesseract-ocr-osd").
  static Result<std::unique_ptr<OrientationDetector>> Create(
      const std::filesystem::path& tessdata_dir = {});
  ~OrientationDetector();

  // Detects how the page content is rotated. To make it upright, turn the
  // image counter-clockwise by `degrees` (imaging::RotateQuarterTurns with
  // -degrees / 90). Pages with too little text give confidence 0.
  Result<Orientation> Detect(const GrayImage& image);

 private:
  struct Api;
  explicit OrientationDetector(std::unique_ptr<Api> api);
  Status EnsureLoaded();
  std::unique_ptr<Api> api_;
};

}  // namespace vnplan::ocr

#endif  // VNPLAN_OCR_TESSERACT_ENGINE_H_
