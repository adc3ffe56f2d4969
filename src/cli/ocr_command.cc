// `vnplan ocr INPUT -o OUTDIR`: OCR a scanned PDF or image and write
// OUTDIR/<stem>.txt, <stem>.hocr and <stem>.pdf (searchable). Progress goes
// to stderr; the exit code follows common/exit_codes.h.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include "cli/commands.h"
#include "common/exit_codes.h"
#include "ocr/ocr_document.h"
#include "ocr/omp_env.h"
#include "ocr/progress.h"
#include "ocr/renderers.h"

namespace vnplan::cli {
namespace {

struct OcrArgs {
  std::string input;
  std::string out_dir;
  std::string lang = "vie";
  int dpi = 300;
  int jobs = 0;
  int psm = 3;
  std::string keep_intermediates;
  std::string tessdata;
  bool no_clean = false;
  bool no_rotate = false;
  bool keep_color_ink = false;
  bool quiet = false;
  bool verbose = false;
};

// One stderr line per page: what cleanup found and the wall time of each
// stage (OcrPage::timings), for profiling.
void LogPages(const ocr::OcrDocument& doc) {
  for (const ocr::OcrPage& page : doc.pages) {
    double total = 0;
    std::string stages;
    for (const auto& t : page.timings) {
      total += t.milliseconds;
      stages.append(" ").append(t.stage).append(" ").append(
          std::to_string(static_cast<int>(t.milliseconds + 0.5)));
    }
    std::fprintf(stderr,
                 "vnplan ocr: page %d: skew %.2f deg, turned %d deg, scale %.2f, %d px wide "
                 "at %d dpi, x-height %d px; ms:%s; total %d\n",
                 page.page.number, page.skew_degrees, page.rotation_degrees, page.scale,
                 page.image.width, page.page.dpi, page.x_height, stages.c_str(),
                 static_cast<int>(total + 0.5));
  }
}

int Fail(const Error& e) {
  std::fprintf(stderr, "vnplan ocr: %s: %s\n", ErrorCodeName(e.code), e.message.c_str());
  return ExitCodeFor(e.code);
}

int RunOcr(const OcrArgs& args) {
  namespace fs = std::filesystem;
  // One Tesseract per core: cap OpenMP inside Tesseract (re-executes once).
  ocr::ReexecWithOmpThreadLimit();
  ocr::OcrOptions options;
  options.tesseract.languages = args.lang;
  options.tesseract.psm = args.psm;
  options.tesseract.tessdata_dir = args.tessdata;
  options.dpi = args.dpi;
  options.jobs = args.jobs;
  options.clean = !args.no_clean;
  options.detect_orientation = !args.no_rotate;
  options.cleanup.keep_intermediates_dir = args.keep_intermediates;
  options.ingest.lighten_colored_ink = !args.keep_color_ink;

  std::error_code ec;
  fs::create_directories(args.out_dir, ec);
  if (ec) return Fail(Error{ErrorCode::kIo, "cannot create " + args.out_dir + ": " + ec.message()});

  std::unique_ptr<ocr::ProgressBar> bar;
  ocr::ProgressCallback progress;
  if (!args.quiet) {
    bar = std::make_unique<ocr::ProgressBar>("ocr " + fs::path(args.input).filename().string());
    progress = [&bar](int done, int total) { bar->Update(done, total); };
  }
  auto doc = ocr::OcrSource(args.input, options, progress);
  if (bar) bar->Finish();
  if (!doc) return Fail(doc.error());
  if (args.verbose) LogPages(*doc);

  const fs::path base = fs::path(args.out_dir) / fs::path(args.input).stem();
  for (auto [status, ext] :
       {std::pair{ocr::WriteText(*doc, fs::path(base) += ".txt"), ".txt"},
        std::pair{ocr::WriteHocr(*doc, fs::path(base) += ".hocr"), ".hocr"},
        std::pair{ocr::WriteSearchablePdf(*doc, fs::path(base) += ".pdf"), ".pdf"}}) {
    if (!status) return Fail(status.error());
    std::printf("%s%s\n", base.string().c_str(), ext);
  }
  return kExitOk;
}

}  // namespace

void AddOcrCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<OcrArgs>();
  auto* sub = app.add_subcommand(
      "ocr",
      "OCR a scanned PDF or image (PNG, JPEG, TIFF) with Tesseract after image cleanup; writes "
      "OUTDIR/<stem>.txt, .hocr and a searchable .pdf, and prints their paths.");
  sub->add_option("input", args->input, "PDF or image file")->required();
  sub->add_option("-o,--output", args->out_dir, "output directory (created if missing)")
      ->required();
  sub->add_option("--lang", args->lang, "Tesseract languages, '+'-separated")
      ->capture_default_str();
  sub->add_option("--dpi", args->dpi, "rendering resolution for PDF pages")
      ->capture_default_str()
      ->check(CLI::Range(30, 1200));
  sub->add_option("--jobs,-j", args->jobs, "pages OCRed in parallel (0 = all cores)")
      ->capture_default_str()
      ->check(CLI::Range(0, 256));
  sub->add_option("--psm", args->psm, "Tesseract page segmentation mode")
      ->capture_default_str()
      ->check(CLI::Range(1, 13));
  sub->add_option("--keep-intermediates", args->keep_intermediates,
                  "write numbered cleanup stage images (pNNNN-SS-stage.png) to this directory");
  sub->add_option("--tessdata", args->tessdata, "directory with <lang>.traineddata");
  sub->add_flag("--no-clean", args->no_clean, "skip image cleanup (OCR the rendered page as is)");
  sub->add_flag("--no-rotate", args->no_rotate, "skip page orientation detection");
  sub->add_flag("--keep-color-ink", args->keep_color_ink,
                "keep coloured ink (by default red/blue seals and signatures are lightened to "
                "paper before OCR); for documents printed in colour");
  sub->add_flag("-q,--quiet", args->quiet, "no progress on stderr");
  sub->add_flag("-v,--verbose", args->verbose,
                "per page on stderr: skew, rotation, scale and milliseconds per stage");
  sub->final_callback([args, exit_code] { *exit_code = RunOcr(*args); });
}

}  // namespace vnplan::cli
