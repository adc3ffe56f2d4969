// `vnplan tables INPUT [--from auto|text|image] [--pretty]`: reconstructs the
// plan tables of one document and prints the plan JSON
// (schemas/plan.schema.json) to stdout. Text inputs are read, NFC-normalised,
// their flattened tables extracted and mapped. Image and PDF inputs need OCR,
// which this command does not link: use `vnplan run`, whose pipeline calls
// the same library (table/grid_tables.h) with the Tesseract engine.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "cli/commands.h"
#include "common/exit_codes.h"
#include "common/utf8.h"
#include "table/plan_json.h"
#include "table/plan_schema.h"
#include "table/text_tables.h"
#include "text/vietnamese.h"

namespace vnplan::cli {
namespace {

struct TablesArgs {
  std::string input;
  std::string from = "auto";
  bool pretty = false;
};

bool LooksLikeText(const std::string& path, const std::string& bytes) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".txt" || ext == ".md" || ext == ".html" || ext == ".htm" || ext == ".tsv") return true;
  if (ext == ".pdf" || ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".tif" ||
      ext == ".tiff" || ext == ".bmp") {
    return false;
  }
  return IsValidUtf8(bytes) && bytes.find('\0') == std::string::npos;
}

int RunTables(const TablesArgs& args) {
  std::ifstream in(args.input, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "vnplan tables: cannot read %s\n", args.input.c_str());
    return kExitInputError;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string bytes = buffer.str();
  if (bytes.empty()) {
    std::fprintf(stderr, "vnplan tables: %s is empty\n", args.input.c_str());
    return kExitInputError;
  }
  bool text_input = args.from == "text" || (args.from == "auto" && LooksLikeText(args.input, bytes));
  if (!text_input) {
    std::fprintf(stderr,
                 "vnplan tables: %s needs OCR; this command reads text exports only. "
                 "Use `vnplan run` for scans and PDFs.\n",
                 args.input.c_str());
    return kExitUsage;
  }
  if (!IsValidUtf8(bytes)) {
    std::fprintf(stderr,
                 "vnplan tables: %s is not UTF-8; repair its encoding first (`vnplan repair`)\n",
                 args.input.c_str());
    return kExitNotVietnamese;
  }
  std::string nfc = text::ToNfc(bytes);
  table::TextTables found = table::ExtractTablesFromText(nfc);
  table::PlanDocument plan = table::MapToPlan(found.tables, found.text);
  table::SourceInfo source{args.input, table::Sha256Hex(bytes), 0, "text"};
  std::string json = table::ToJson(plan, source).dump(args.pretty ? 2 : -1);
  json.push_back('\n');
  if (std::fwrite(json.data(), 1, json.size(), stdout) != json.size() || std::fflush(stdout) != 0) {
    std::fprintf(stderr, "vnplan tables: writing stdout failed\n");
    return kExitIo;
  }
  return kExitOk;
}

}  // namespace

void AddTablesCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<TablesArgs>();
  auto* sub = app.add_subcommand(
      "tables",
      "Rebuild the plan tables of one text export (tab-separated, one cell per line, "
      "Markdown/HTML) and print the plan JSON (schemas/plan.schema.json) to stdout.");
  sub->add_option("INPUT", args->input, "Input file (UTF-8 text)")->required();
  sub->add_option("--from", args->from, "Input kind: auto, text or image (image needs `vnplan run`)")
      ->check(CLI::IsMember({"auto", "text", "image"}));
  sub->add_flag("--pretty", args->pretty, "Indent the JSON");
  sub->final_callback([args, exit_code] { *exit_code = RunTables(*args); });
}

}  // namespace vnplan::cli
