// `vnplan run INPUT... -o OUTDIR`: the main job. Parses options, loads the
// models once, runs the batch, prints the summary table, returns the
// documented exit code.
#include <cstdio>
#include <thread>

#include "cli/commands.h"
#include "common/exit_codes.h"
#include "pipeline/batch.h"
#include "pipeline/inputs.h"
#include "pipeline/process.h"

namespace vnplan::cli {
namespace {

struct RunArgs {
  std::vector<std::string> inputs;
  std::string out_dir;
  int jobs = 0;
  std::string shard;
  bool force = false;
  bool quiet = false;
  std::string tones = "new";
  std::string restore = "auto";
  pipeline::RunOptions options;
};

int Run(const RunArgs& args) {
  pipeline::BatchOptions batch;
  batch.out_dir = args.out_dir;
  batch.jobs = args.jobs > 0 ? args.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  batch.force = args.force;
  batch.progress = !args.quiet;
  if (!args.shard.empty()) {
    auto shard = pipeline::ParseShard(args.shard);
    if (!shard) {
      std::fprintf(stderr, "vnplan run: %s\n", shard.error().message.c_str());
      return kExitUsage;
    }
    batch.shard = *shard;
  }
  pipeline::RunOptions options = args.options;
  options.old_tones = args.tones == "old";
  options.restore = args.restore == "off" ? pipeline::RestoreMode::kOff : pipeline::RestoreMode::kAuto;

  pipeline::ExpandedInputs inputs = pipeline::ExpandInputs(args.inputs);
  for (const Error& e : inputs.errors) std::fprintf(stderr, "vnplan run: %s\n", e.message.c_str());
  if (inputs.files.empty()) {
    std::fprintf(stderr, "vnplan run: nothing to do\n");
    return kExitInputError;
  }

  auto pipe = pipeline::Pipeline::Create(options);
  if (!pipe) {
    std::fprintf(stderr, "vnplan run: %s\n", pipe.error().message.c_str());
    return ExitCodeFor(pipe.error().code);
  }
  batch.fingerprint = (*pipe)->Fingerprint();
  pipeline::InstallInterruptHandler();
  const pipeline::Pipeline& p = **pipe;
  pipeline::BatchReport report = pipeline::RunBatch(
      inputs.files, batch,
      [&p](const std::filesystem::path& path, const pipeline::ProcessContext& ctx) {
        return p.Process(path, ctx);
      });
  report.input_errors = inputs.errors;
  if (!args.quiet) std::fputs(report.SummaryTable().c_str(), stderr);
  return report.ExitCode();
}

}  // namespace

void AddRunCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<RunArgs>();
  auto* sub = app.add_subcommand(
      "run",
      "Process documents end to end: scans (PDF, PNG, JPEG, TIFF), PDFs, office documents "
      "(.docx, .doc, .odt, .xlsx, .xls, .ods, flat .fodt/.fods, .rtf) and text/HTML/Markdown/CSV "
      "exports in, "
      "<name>.json (plan schema), <name>.txt (restored text) and, for OCR'd "
      "documents, <name>.pdf (searchable) out. Directories are walked "
      "recursively; globs are expanded. One failing file does not stop the "
      "others; outputs are written atomically and up-to-date ones are "
      "skipped, so a re-run resumes.");
  sub->add_option("inputs", args->inputs, "Files, directories or globs")->required();
  sub->add_option("-o,--output", args->out_dir, "Output directory (created if missing)")->required();
  sub->add_option("-j,--jobs", args->jobs, "Worker threads (default: all cores)")->check(CLI::NonNegativeNumber);
  sub->add_option("--shard", args->shard,
                  "Process only shard K of N (K/N, 0 <= K < N), for job arrays: "
                  "--shard $SLURM_ARRAY_TASK_ID/$N or $JOB_COMPLETION_INDEX/$N");
  sub->add_flag("--force", args->force, "Re-process documents whose outputs are up to date");
  sub->add_flag("-q,--quiet", args->quiet, "No progress lines or summary table on stderr");
  sub->add_option("-l,--lang", args->options.languages, "Tesseract languages for OCR")->capture_default_str();
  sub->add_option("--dpi", args->options.dpi, "Resolution for rendering PDF pages")
      ->check(CLI::Range(72, 600))->capture_default_str();
  sub->add_flag("--force-ocr", args->options.force_ocr, "OCR PDFs even when their text layer is good");
  sub->add_flag("!--no-pdf", args->options.searchable_pdf, "Do not write searchable PDFs");
  sub->add_flag("--keep-color-ink", args->options.keep_color_ink,
                "Keep coloured ink: by default red and blue ink (seals, signatures) is lightened "
                "to paper before OCR; use this for documents printed in colour");
  sub->add_option("--tones", args->tones, "Tone placement in the output: new (hoà) or old (hòa)")
      ->check(CLI::IsMember({"new", "old"}))->capture_default_str();
  sub->add_option("--restore", args->restore,
                  "Diacritic/OCR-error restoration: auto (when the text needs it) or off")
      ->check(CLI::IsMember({"auto", "off"}))->capture_default_str();
  sub->add_option("--keep-intermediates", args->options.keep_intermediates,
                  "Write numbered image-cleanup stages of each page to this directory");
  sub->final_callback([args, exit_code] { *exit_code = Run(*args); });
}

}  // namespace vnplan::cli
