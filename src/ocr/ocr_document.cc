#include "ocr/ocr_document.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <thread>

#include "imaging/orientation.h"
#include "imaging/timing.h"
#include "ingest/leptonica_adapter.h"

namespace vnplan::ocr {
namespace {

// EstimateOrientation thresholds for "plausibly upright": upright pages of
// the synthetic plan scans (vnplan-synth medium/heavy) scored up >= 1.8
// with up >= 1.2 * |left|; pages turned by 90/180/270 degrees mostly score
// up <= 0 or |left| > up, and the few that pass read with a mean word
// confidence of 30-50 against >= 80 for upright pages.
constexpr float kPlausiblyUprightScore = 1.0f;
constexpr float kUprightRatio = 1.2f;

std::string PagePrefix(int page_number) { return "page " + std::to_string(page_number) + ": "; }

Error WithPage(Error e, int page_number) {
  e.message = PagePrefix(page_number) + e.message;
  return e;
}

}  // namespace

Result<OcrPage> OcrPageImage(const GrayImage& rendered, int page_number, const OcrOptions& options,
                             OcrEngine& engine, OrientationDetector* detector) {
  OcrPage out;
  GrayImage input = rendered;
  GrayImage ocr_image, display;
  imaging::CleanupOptions cleanup = options.cleanup;
  cleanup.page_number = page_number;
  auto clean = [&](const GrayImage& img) -> Status {
    if (!options.clean) {
      ocr_image = img;
      display = img;
      return {};
    }
    auto cleaned = imaging::CleanPage(img, cleanup);
    if (!cleaned) return std::unexpected(cleaned.error());
    for (auto& t : cleaned->timings) out.timings.push_back(std::move(t));
    out.skew_degrees = cleaned->skew_degrees;
    out.scale = cleaned->scale;
    out.x_height = cleaned->x_height;
    ocr_image = options.ocr_binary && !cleaned->light ? std::move(cleaned->binary) : cleaned->gray;
    display = std::move(cleaned->gray);
    return {};
  };
  if (auto s = clean(input); !s) return std::unexpected(s.error());
  imaging::StageClock clock(&out.timings);
  // Reads ocr_image; with Tesseract, also its line metrics.
  auto read = [&]() -> Result<Page> {
    auto* tesseract = dynamic_cast<TesseractEngine*>(&engine);
    if (tesseract == nullptr) return engine.Recognize(ocr_image, Box{});
    return tesseract->Recognize(ocr_image, Box{}, {}, &out.line_metrics);
  };

  // Tesseract OSD costs about a third of a page's OCR time. A page the quick
  // Leptonica check finds plausibly upright is read first and kept when
  // Tesseract is confident in what it read (text turned by 90/180/270
  // degrees reads as low-confidence garbage); OSD runs only on the other
  // pages, and its verdict "upright" keeps the reading already made.
  std::optional<Page> recognised;
  if (detector != nullptr && options.detect_orientation) {
    const imaging::OrientationEstimate quick =
        imaging::EstimateOrientation(ocr_image, kPlausiblyUprightScore, kUprightRatio);
    clock.Lap("orientation");
    // Pages the quick check cannot place (no decisive turn either: title
    // pages, sparse text) are read first too, but kept only on a higher
    // confidence.
    const bool doubtful = !quick.upright && quick.turned_degrees == 0;
    if (quick.upright || doubtful) {
      auto first = read();
      if (!first) return std::unexpected(first.error());
      recognised = std::move(*first);
      clock.Lap("ocr");
    }
    const float min_confidence = quick.upright ? options.upright_min_ocr_confidence
                                               : options.doubtful_min_ocr_confidence;
    if (!recognised || recognised->mean_confidence < min_confidence) {
      auto orientation = detector->Detect(ocr_image);
      if (!orientation) return std::unexpected(orientation.error());
      // OSD decides when confident; otherwise a decisive quick estimate
      // does (OSD's confidence stays low on heavily degraded pages).
      const int turn = orientation->confidence >= options.orientation_min_confidence
                           ? orientation->degrees
                           : quick.turned_degrees;
      if (turn != 0) {
        // Turn the rendered page upright and clean it again, so deskew and
        // text-size estimation see horizontal lines.
        out.rotation_degrees = turn;
        input = imaging::RotateQuarterTurns(input, -turn / 90);
        if (auto s = clean(input); !s) return std::unexpected(s.error());
        recognised.reset();
        out.line_metrics.clear();
      }
      clock.Lap("orientation");
    }
  }
  if (!recognised) {
    auto page = read();
    if (!page) return std::unexpected(page.error());
    recognised = std::move(*page);
    clock.Lap("ocr");
  }
  out.page = std::move(*recognised);
  out.page.number = page_number;
  out.page.width = ocr_image.width;
  out.page.height = ocr_image.height;
  if (ocr_image.dpi > 0) out.page.dpi = ocr_image.dpi;
  if (options.pdf_image_quality > 0) {
    lept::PixPtr pix = lept::PixFromGray(display);
    auto jpeg = lept::EncodeJpeg(pix.get(), std::clamp(options.pdf_image_quality, 1, 100));
    if (!jpeg) return std::unexpected(jpeg.error());
    out.image_jpeg = std::move(*jpeg);
    clock.Lap("jpeg");
  }
  out.image = std::move(ocr_image);
  return out;
}

EngineFactory TesseractFactory(const TesseractOptions& options) {
  return [options]() -> Result<std::unique_ptr<OcrEngine>> {
    auto engine = TesseractEngine::Create(options);
    if (!engine) return std::unexpected(engine.error());
    return std::unique_ptr<OcrEngine>(std::move(*engine));
  };
}

Result<OcrDocument> OcrSource(const std::filesystem::path& path, const OcrOptions& options,
                              const ProgressCallback& progress, const EngineFactory& factory) {
  const EngineFactory make_engine = factory ? factory : TesseractFactory(options.tesseract);
  if (options.dpi < 30 || options.dpi > 1200) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "dpi " + std::to_string(options.dpi) + " out of range [30, 1200]");
  }
  if (options.jobs < 0) return MakeError(ErrorCode::kInvalidArgument, "jobs must be >= 0");
  auto first = ingest::OpenSource(path, options.ingest);
  if (!first) return std::unexpected(first.error());
  // The 0-based indices of the pages to read.
  std::vector<int> indices;
  for (int i = 0; i < first->page_count(); ++i) {
    if (options.only_pages.empty() ||
        std::binary_search(options.only_pages.begin(), options.only_pages.end(), i + 1)) {
      indices.push_back(i);
    }
  }
  const int total = static_cast<int>(indices.size());
  int jobs = options.jobs > 0 ? options.jobs
                              : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  jobs = std::max(1, std::min(jobs, total));
  // Harmless if libgomp is already loaded (it read the variable then); see
  // ocr/omp_env.h for the re-exec that makes the limit effective.
  ::setenv("OMP_THREAD_LIMIT", "1", 0);

  std::vector<std::optional<OcrPage>> pages(total);
  std::atomic<int> next{0};
  std::atomic<bool> failed{false};
  std::mutex mu;  // guards first_error, done, progress
  std::optional<Error> first_error;
  int done = 0;
  auto fail = [&](Error e) {
    std::lock_guard lock(mu);
    if (!first_error) first_error = std::move(e);
    failed = true;
  };

  auto worker = [&](const ingest::SourceDocument* shared_doc) {
    std::optional<ingest::SourceDocument> own;
    const ingest::SourceDocument* doc = shared_doc;
    if (doc == nullptr) {
      auto opened = ingest::OpenSource(path, options.ingest);
      if (!opened) return fail(opened.error());
      own.emplace(std::move(*opened));
      doc = &*own;
    }
    auto engine = make_engine();
    if (!engine) return fail(engine.error());
    std::unique_ptr<OrientationDetector> detector;
    if (options.detect_orientation) {
      auto d = OrientationDetector::Create(options.tesseract.tessdata_dir);
      if (!d) return fail(d.error());
      detector = std::move(*d);
    }
    while (!failed) {
      const int slot = next.fetch_add(1);
      if (slot >= total) break;
      const int index = indices[slot];
      auto rendered = doc->RenderPage(index, options.dpi);
      if (!rendered) return fail(WithPage(rendered.error(), index + 1));
      auto page = OcrPageImage(*rendered, index + 1, options, **engine, detector.get());
      if (!page) return fail(WithPage(page.error(), index + 1));
      pages[slot] = std::move(*page);
      std::lock_guard lock(mu);
      ++done;
      if (progress) progress(done, total);
    }
  };

  std::vector<std::thread> threads;
  for (int i = 1; i < jobs; ++i) threads.emplace_back(worker, nullptr);
  worker(&*first);  // this thread is worker 0 and reuses the opened document
  for (std::thread& t : threads) t.join();
  if (first_error) return std::unexpected(*first_error);

  OcrDocument doc;
  doc.source = path;
  doc.pages.reserve(total);
  for (auto& p : pages) doc.pages.push_back(std::move(*p));
  return doc;
}

}  // namespace vnplan::ocr
