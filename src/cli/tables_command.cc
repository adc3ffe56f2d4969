// `vnplan tables INPUT`: one document through the same pipeline as `vnplan
// run` (route chosen from the file: text export, PDF text layer, or OCR),
// printing only the plan JSON (schemas/plan.schema.json) to stdout. No
// files are written.
#include <cstdio>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "common/exit_codes.h"
#include "pipeline/process.h"

namespace vnplan::cli {
namespace {

struct TablesArgs {
  std::string input;
  std::string restore = "auto";
  bool compact = false;
  int jobs = 0;
  pipeline::RunOptions options;
};

int RunTables(TablesArgs args) {
  args.options.searchable_pdf = false;
  args.options.restore =
      args.restore == "off" ? pipeline::RestoreMode::kOff : pipeline::RestoreMode::kAuto;
  auto pipe = pipeline::Pipeline::Create(args.options);
  if (!pipe) {
    std::fprintf(stderr, "vnplan tables: %s\n", pipe.error().message.c_str());
    return ExitCodeFor(pipe.error().code);
  }
  pipeline::ProcessContext context;
  context.page_jobs = args.jobs > 0 ? args.jobs : 0;
  auto out = (*pipe)->Process(args.input, context);
  if (!out) {
    std::fprintf(stderr, "vnplan tables: %s: %s\n", args.input.c_str(), out.error().message.c_str());
    return ExitCodeFor(out.error().code);
  }
  std::string json = out->json;
  if (args.compact) json = nlohmann::ordered_json::parse(json).dump() + "\n";
  if (std::fwrite(json.data(), 1, json.size(), stdout) != json.size() || std::fflush(stdout) != 0) {
    std::fprintf(stderr, "vnplan tables: writing stdout failed\n");
    return kExitIo;
  }
  std::fprintf(stderr, "vnplan tables: %s: route %s, %d criteria\n", args.input.c_str(),
               out->route.c_str(), out->criteria);
  return kExitOk;
}

}  // namespace

void AddTablesCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<TablesArgs>();
  auto* sub = app.add_subcommand(
      "tables",
      "Rebuild the plan tables of one document (text/HTML/CSV export, "
      ".docx/.doc/.odt/.xlsx/.xls/.ods/.rtf, PDF or scan) and "
      "print the "
      "plan JSON (schemas/plan.schema.json) to stdout: criterion rows with the nine plan "
      "columns, document metadata, other tables keyed by their headers.");
  sub->add_option("input", args->input, "Input file")->required();
  sub->add_option("--restore", args->restore, "Diacritic restoration: auto or off")
      ->check(CLI::IsMember({"auto", "off"}))
      ->capture_default_str();
  sub->add_option("-l,--lang", args->options.languages, "Tesseract languages for OCR")
      ->capture_default_str();
  sub->add_option("--dpi", args->options.dpi, "Resolution for rendering PDF pages")
      ->check(CLI::Range(72, 600))
      ->capture_default_str();
  sub->add_flag("--force-ocr", args->options.force_ocr, "OCR PDFs even when their text layer is good");
  sub->add_option("-j,--jobs", args->jobs, "Pages OCR'd in parallel (default: all cores)");
  sub->add_flag("--compact", args->compact, "One-line JSON instead of indented");
  sub->final_callback([args, exit_code] { *exit_code = RunTables(*args); });
}

}  // namespace vnplan::cli
