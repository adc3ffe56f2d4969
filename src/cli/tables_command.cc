// `vnplan tables INPUT [--from auto|text|image] [--restore auto|on|off]
// [--pretty]`: reconstructs the plan tables of one document and prints the
// plan JSON (schemas/plan.schema.json) to stdout.
//   text:  read, NFC-normalised, flattened tables extracted and mapped; with
//          restoration on (auto: when under 30% of the words carry
//          diacritics, e.g. OCR'd text), the LM restorer runs on every cell
//          and on the document text.
//   image: scans and PDFs are OCR'd page by page (ocr::OcrSource: cleanup,
//          deskew, Tesseract vie); ruled grids are found on each cleaned
//          page and every cell is OCR'd on its own (psm 6); tables are
//          joined across pages; pages without rules fall back to the OCR
//          word boxes.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "cli/commands.h"
#include "common/exit_codes.h"
#include "common/utf8.h"
#include "lm/lm_tokens.h"
#include "lm/restorer.h"
#include "ocr/ocr_document.h"
#include "ocr/renderers.h"
#include "ocr/tesseract_engine.h"
#include "table/grid_tables.h"
#include "table/plan_json.h"
#include "table/plan_schema.h"
#include "table/text_tables.h"
#include "text/vietnamese.h"

namespace vnplan::cli {
namespace {

struct TablesArgs {
  std::string input;
  std::string from = "auto";
  std::string restore = "auto";
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

// Share of words with letters that carry Vietnamese diacritics.
double DiacriticShare(const std::string& text) {
  int words = 0, marked = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find_first_of(" \t\n\r|", start);
    if (end == std::string::npos) end = text.size();
    std::string_view w(text.data() + start, end - start);
    bool letters = false;
    for (char c : w) letters = letters || std::isalpha(static_cast<unsigned char>(c));
    if (letters) {
      ++words;
      if (lm::HasDiacritics(w)) ++marked;
    }
    start = end + 1;
  }
  return words ? static_cast<double>(marked) / words : 1.0;
}

int PrintPlan(const table::PlanDocument& plan, const table::SourceInfo& source, bool pretty) {
  std::string json = table::ToJson(plan, source).dump(pretty ? 2 : -1);
  json.push_back('\n');
  if (std::fwrite(json.data(), 1, json.size(), stdout) != json.size() || std::fflush(stdout) != 0) {
    std::fprintf(stderr, "vnplan tables: writing stdout failed\n");
    return kExitIo;
  }
  return kExitOk;
}

int RunImageTables(const TablesArgs& args, const std::string& bytes) {
  ocr::OcrOptions options;
  auto doc = ocr::OcrSource(args.input, options, [](int done, int total) {
    std::fprintf(stderr, "vnplan tables: OCR page %d/%d\n", done, total);
  });
  if (!doc) {
    std::fprintf(stderr, "vnplan tables: %s\n", doc.error().message.c_str());
    return ExitCodeFor(doc.error().code);
  }
  ocr::TesseractOptions cell_options = options.tesseract;
  cell_options.psm = 6;  // a table cell is one block of text
  auto engine = ocr::TesseractEngine::Create(cell_options);
  if (!engine) {
    std::fprintf(stderr, "vnplan tables: %s\n", engine.error().message.c_str());
    return ExitCodeFor(engine.error().code);
  }
  std::vector<table::Table> tables;
  for (size_t i = 0; i < doc->pages.size(); ++i) {
    auto found = table::ExtractTablesFromImage(doc->pages[i].image, static_cast<int>(i + 1), **engine);
    if (!found) {
      std::fprintf(stderr, "vnplan tables: page %zu: %s\n", i + 1, found.error().message.c_str());
      return ExitCodeFor(found.error().code);
    }
    for (auto& t : *found) tables.push_back(std::move(t));
  }
  tables = table::JoinAcrossPages(std::move(tables));
  if (tables.empty()) {
    for (const auto& page : doc->pages) {
      table::Table t = table::TableFromWords(page.page);
      if (t.rows.size() >= 2) tables.push_back(std::move(t));
    }
  }
  table::PlanDocument plan = table::MapToPlan(tables, ocr::DocumentText(*doc));
  table::SourceInfo source{args.input, table::Sha256Hex(bytes), static_cast<int>(doc->pages.size()),
                           "ocr"};
  return PrintPlan(plan, source, args.pretty);
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
  if (!text_input) return RunImageTables(args, bytes);
  if (!IsValidUtf8(bytes)) {
    std::fprintf(stderr,
                 "vnplan tables: %s is not UTF-8; repair its encoding first (`vnplan repair`)\n",
                 args.input.c_str());
    return kExitNotVietnamese;
  }
  std::string nfc = text::ToNfc(bytes);
  table::TextTables found = table::ExtractTablesFromText(nfc);
  bool restore = args.restore == "on" || (args.restore == "auto" && DiacriticShare(nfc) < 0.3);
  table::MapOptions options;
  std::string route = "text";
  std::optional<lm::Restorer> restorer;
  if (restore) {
    auto loaded = lm::Restorer::Load();
    if (!loaded) {
      std::fprintf(stderr, "vnplan tables: %s\n", loaded.error().message.c_str());
      return ExitCodeFor(loaded.error().code);
    }
    restorer.emplace(std::move(*loaded));
    options.restore_cell = [&restorer](std::string_view cell) { return restorer->Restore(cell).text; };
    found.text = restorer->Restore(found.text).text;
    route = "text+restored";
  }
  table::PlanDocument plan = table::MapToPlan(found.tables, found.text, options);
  table::SourceInfo source{args.input, table::Sha256Hex(bytes), 0, route};
  return PrintPlan(plan, source, args.pretty);
}

}  // namespace

void AddTablesCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<TablesArgs>();
  auto* sub = app.add_subcommand(
      "tables",
      "Rebuild the plan tables of one document and print the plan JSON "
      "(schemas/plan.schema.json) to stdout: text exports (tab-separated, one cell per "
      "line, Markdown/HTML, OCR'd text) or scans/PDFs (ruled grids, cell-by-cell OCR).");
  sub->add_option("INPUT", args->input, "Input file: UTF-8 text export, page image or PDF")->required();
  sub->add_option("--from", args->from, "Input kind: auto, text or image (scan/PDF, OCR'd)")
      ->check(CLI::IsMember({"auto", "text", "image"}));
  sub->add_option("--restore", args->restore,
                  "Diacritic restoration of text inputs: auto (when most words lack "
                  "diacritics), on or off")
      ->check(CLI::IsMember({"auto", "on", "off"}));
  sub->add_flag("--pretty", args->pretty, "Indent the JSON");
  sub->final_callback([args, exit_code] { *exit_code = RunTables(*args); });
}

}  // namespace vnplan::cli
