#include "pipeline/process.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "common/paths.h"
#include "common/utf8.h"
#include "ingest/leptonica_adapter.h"
#include "ingest/odf_text.h"
#include "ingest/office_text.h"
#include "ingest/rtf_text.h"
#include "ingest/source_document.h"
#include "lm/restorer.h"
#include "ocr/ocr_document.h"
#include "ocr/renderers.h"
#include "ocr/tesseract_engine.h"
#include "pipeline/cell_text.h"
#include "pipeline/inputs.h"
#include "pipeline/layout_lm.h"
#include "pipeline/noise_filter.h"
#include "pipeline/text_layer_engine.h"
#include "table/captions.h"
#include "table/csv_tables.h"
#include "table/grid_tables.h"
#include "table/html_tables.h"
#include "table/plan_json.h"
#include "table/plan_schema.h"
#include "table/text_tables.h"
#include "table/word_tables.h"
#include "text/encoding_repair.h"
#include "text/legacy_encoding.h"
#include "text/vietnamese.h"

namespace vnplan::pipeline {

namespace fs = std::filesystem;

namespace {

constexpr int64_t kMaxTextBytes = int64_t{256} << 20;

// Word statistics used to decide whether text needs restoration and whether
// a PDF text layer is usable.
struct TextQuality {
  int words = 0;      // tokens made only of Vietnamese letters
  int valid = 0;      // ... that are valid syllables
  int marked = 0;     // ... that carry a diacritic
  int skeletons = 0;  // ... whose skeleton is a Vietnamese syllable's
  double valid_share() const { return words ? double(valid) / words : 0; }
  double marked_share() const { return words ? double(marked) / words : 0; }
  double skeleton_share() const { return words ? double(skeletons) / words : 0; }
};

const std::unordered_set<std::string>& SyllableSkeletons() {
  static const auto* set = [] {
    auto* s = new std::unordered_set<std::string>();
    for (const std::string& syl : text::AllValidSyllables()) s->insert(text::Skeleton(syl));
    return s;
  }();
  return *set;
}

TextQuality MeasureText(std::string_view utf8) {
  TextQuality q;
  const auto& skeletons = SyllableSkeletons();
  std::u32string word;
  auto flush = [&] {
    if (word.empty()) return;
    const std::string w = U32ToUtf8(word);
    // All-caps abbreviations (THCS, GDĐT) say nothing either way.
    const bool abbreviation = word.size() > 1 && std::all_of(word.begin(), word.end(), [](char32_t c) {
      text::Letter l;
      return text::DecomposeLetter(c, &l) && l.upper;
    }) && !text::IsValidSyllable(w);
    if (!abbreviation) {
      ++q.words;
      const std::string lower = text::ToLower(w);
      if (text::IsValidSyllable(lower)) ++q.valid;
      if (std::any_of(word.begin(), word.end(), [](char32_t c) { return c >= 0x80; })) ++q.marked;
      if (skeletons.contains(text::Skeleton(lower))) ++q.skeletons;
    }
    word.clear();
  };
  for (char32_t c : Utf8ToU32(utf8)) {
    if (text::IsVietnameseLetter(c) || (c >= 0xC0 && c < 0x250)) {
      word.push_back(c);
    } else {
      flush();
    }
  }
  flush();
  return q;
}

Result<std::string> ReadFile(const fs::path& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return MakeError(ErrorCode::kInputError, "cannot read " + path.string() + ": " + ec.message());
  if (static_cast<int64_t>(size) > kMaxTextBytes) {
    return MakeError(ErrorCode::kInputError, "text file too large (" + std::to_string(size >> 20) +
                                                 " MiB, limit " + std::to_string(kMaxTextBytes >> 20) + " MiB)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kInputError, "cannot open " + path.string());
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  bytes.resize(static_cast<size_t>(in.gcount()));
  return bytes;
}

// The extension of `path`, lower-cased (".html").
std::string LowerExtension(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

bool IsHtmlName(const fs::path& path) {
  const std::string ext = LowerExtension(path);
  return ext == ".htm" || ext == ".html" || ext == ".xhtml";
}

std::string Sha256OfFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return table::Sha256Hex(ss.str());
}

void AddDiagnostic(nlohmann::ordered_json* json, const std::string& severity,
                   const std::string& code, const std::string& message) {
  auto& diags = (*json)["diagnostics"];
  if (!diags.is_array()) diags = nlohmann::ordered_json::array();
  diags.push_back({{"severity", severity}, {"code", code}, {"message", message}});
}

void AddBorderlessNote(int pages, std::vector<std::pair<std::string, std::string>>* notes) {
  if (pages == 0) return;
  notes->emplace_back("borderless", std::to_string(pages) +
                                        " page(s) without ruled tables read as borderless tables "
                                        "from word positions");
}

// A PDF whose pages are partly born digital, partly scanned (a typed plan
// with its signed and stamped last page scanned in): the pages read from
// the text layer and how that layer is encoded.
struct MixedPdf {
  const ingest::SourceDocument* doc = nullptr;  // opened for the text layer (colour kept)
  std::map<int, Page> layers;                   // 1-based page -> its text layer, as extracted
  text::Encoding encoding = text::Encoding::kUtf8;
  bool uppercase_font = false;
};

// A PDF page whose text layer has fewer words than this may be a scanned
// page; it is when its render at kInkCheckDpi has at least kMinScannedInk
// of its pixels dark outside the layer's words (a scanned page with a few
// lines of text and a seal has 1-2 %).
constexpr int kMinLayerWords = 8;
constexpr int kInkCheckDpi = 36;
constexpr double kMinScannedInk = 0.003;

int CountWords(const Page& page) {
  int n = 0;
  for (const Block& b : page.blocks) {
    for (const Line& l : b.lines) n += static_cast<int>(l.words.size());
  }
  return n;
}

// The share of `image`'s pixels darker than mid-gray that lie outside the
// words of `layer` (whose boxes are in pixels at layer.dpi).
double InkShareOutsideWords(const GrayImage& image, const Page& layer) {
  if (image.pixels.empty() || image.width <= 0) return 0.0;
  std::vector<uint8_t> covered(image.pixels.size(), 0);
  const double scale = layer.dpi > 0 ? static_cast<double>(kInkCheckDpi) / layer.dpi : 1.0;
  for (const Block& b : layer.blocks) {
    for (const Line& l : b.lines) {
      for (const Word& w : l.words) {
        const int x0 = std::max(0, static_cast<int>(w.box.x0 * scale) - 1);
        const int y0 = std::max(0, static_cast<int>(w.box.y0 * scale) - 1);
        const int x1 = std::min(image.width, static_cast<int>(w.box.x1 * scale) + 2);
        const int y1 = std::min(image.height, static_cast<int>(w.box.y1 * scale) + 2);
        for (int y = y0; y < y1; ++y) {
          for (int x = x0; x < x1; ++x) covered[static_cast<size_t>(y) * image.width + x] = 1;
        }
      }
    }
  }
  size_t dark = 0;
  for (size_t i = 0; i < image.pixels.size(); ++i) dark += image.pixels[i] < 128 && !covered[i];
  return static_cast<double>(dark) / static_cast<double>(image.pixels.size());
}

// Pages "a-b, c" for a message.
std::string PageList(const std::vector<int>& pages) {
  std::string out;
  for (size_t i = 0; i < pages.size();) {
    size_t j = i;
    while (j + 1 < pages.size() && pages[j + 1] == pages[j] + 1) ++j;
    if (!out.empty()) out += ", ";
    out += std::to_string(pages[i]);
    if (j > i) out += "-" + std::to_string(pages[j]);
    i = j + 1;
  }
  return out;
}

}  // namespace

struct Pipeline::Impl {
  RunOptions options;
  std::optional<lm::Restorer> restorer;
  // Words typical of each plan column, for the layout of OCR'd table lines
  // (with the restorer's language model only; table/column_words.h).
  std::optional<table::ColumnWords> column_words;

  text::ToneStyle tone_style() const {
    return options.old_tones ? text::ToneStyle::kOld : text::ToneStyle::kNew;
  }

  // Restores diacritics where the text needs it; returns the words changed.
  // kOcrVie treats every word as possibly misread by Tesseract vie (wrong
  // mark on a valid syllable, judged by the vie noisy channel).
  size_t Restore(std::string* text, lm::RestoreMode mode = lm::RestoreMode::kAuto) const {
    if (!restorer) return 0;
    lm::RestoreOptions ro;
    ro.mode = mode;
    ro.tone_style = tone_style();
    lm::RestoreResult r = restorer->Restore(*text, ro);
    *text = std::move(r.text);
    return r.changed;
  }

  // A table cell restored in `mode`, with the probability that all its
  // words are right: the product of the restorer's per-word posteriors.
  table::RestoredCell RestoreCell(std::string_view cell, lm::RestoreMode mode) const {
    lm::RestoreOptions ro;
    ro.mode = mode;
    ro.tone_style = tone_style();
    lm::RestoreResult r = restorer->Restore(cell, ro);
    double all_right = 1.0;
    for (const lm::RestoredToken& token : r.tokens) all_right *= token.confidence;
    return {Finish(std::move(r.text)), all_right};
  }

  std::string Finish(std::string text) const {
    return text::NormalizeTonePlacement(text::ToNfc(text), tone_style());
  }

  // `ocr_cells`: cell texts come from Tesseract, whose typical errors are
  // valid syllables with the wrong mark (tổ -> tố), so every word is open
  // to correction by the language model.
  table::MapOptions MapOpts(bool ocr_cells = false) const {
    table::MapOptions mo;
    if (ocr_cells) {
      mo.restore_cell = OcrCellText(restorer ? &*restorer : nullptr, tone_style());
    } else if (restorer) {
      mo.restore_cell = [this](std::string_view cell, float) -> table::RestoredCell {
        const TextQuality q = MeasureText(cell);
        if (q.words > 0 && (q.marked_share() < 0.3 || q.valid_share() < 0.85)) {
          return RestoreCell(cell, lm::RestoreMode::kAuto);
        }
        return Finish(std::string(cell));
      };
    } else {
      mo.restore_cell = [this](std::string_view cell, float) {
        return Finish(std::string(cell));
      };
    }
    return mo;
  }

  // A text export's bytes; or (`route` "docx", "doc", "odt", "xlsx", "xls",
  // "ods") the text of an office document (ingest/office_text.h), which
  // `notes` describe.
  Result<DocumentOutputs> ProcessText(
      const fs::path& input, const std::string& bytes, const std::string& route = "text",
      std::vector<std::pair<std::string, std::string>> notes = {}) const;
  // The words of a PDF text layer page in clean Unicode: repaired from
  // `encoding` line by line, NFC, tone placement.
  void RepairLayerPage(Page* page, text::Encoding encoding, bool uppercase_font) const {
    text::RepairOptions ro;
    ro.from = encoding;
    ro.tcvn3_uppercase_font = uppercase_font;
    for (Block& block : page->blocks) {
      for (Line& line : block.lines) {
        // Repair whole lines: case and encoding decisions need context
        // (a TCVN3 "Kế" is title case alone but "KẾ" in a line of capitals).
        if (encoding != text::Encoding::kUtf8) {
          std::string joined;
          for (const Word& w : line.words) joined += (joined.empty() ? "" : " ") + w.text;
          const std::string repaired = text::Repair(joined, ro).text;
          std::vector<std::string> parts;
          size_t start = 0;
          for (size_t pos; (pos = repaired.find(' ', start)) != std::string::npos; start = pos + 1) {
            parts.push_back(repaired.substr(start, pos - start));
          }
          parts.push_back(repaired.substr(start));
          for (size_t i = 0; i < line.words.size(); ++i) {
            line.words[i].text = parts.size() == line.words.size()
                                     ? parts[i]
                                     : text::Repair(line.words[i].text, ro).text;
          }
        }
        for (Word& w : line.words) w.text = Finish(std::move(w.text));
      }
    }
  }

  // An office document read as text (`flat` is "flat " for a one-file ODF
  // document, else ""): ProcessText with notes saying how it was read.
  Result<DocumentOutputs> ProcessOffice(const fs::path& input, const ingest::OfficeText& office,
                                        std::string_view flat) const {
    static const std::map<std::string, std::string> kWhat = {
        {"docx", "Word document read as text, tables as tab-separated rows"},
        {"doc", "Word 97-2003 document read as text (wvWare), tables as tab-separated rows"},
        {"odt", "OpenDocument text read as text, tables as tab-separated rows"},
        {"xlsx", "Excel workbook read as text, sheet rows as tab-separated rows"},
        {"xls", "Excel 97-2003 workbook read as text (FreeXL), sheet rows as tab-separated rows"},
        {"ods", "OpenDocument spreadsheet read as text, sheet rows as tab-separated rows"},
        {"rtf", "RTF document read as text, tables as tab-separated rows"}};
    std::vector<std::pair<std::string, std::string>> notes;
    const auto what = kWhat.find(office.route);
    notes.emplace_back(office.route, std::string(flat) + (what != kWhat.end()
                                                               ? what->second
                                                               : "office document read as text"));
    if (office.legacy_runs > 0) {
      notes.emplace_back("legacy-font", std::to_string(office.legacy_runs) +
                                            " stretch(es) of text decoded from legacy "
                                            "Vietnamese fonts (.VnTime: TCVN3, VNI-Times: VNI)");
    }
    return ProcessText(input, office.text, office.route, std::move(notes));
  }
  Result<DocumentOutputs> ProcessPdfText(const fs::path& input, const ingest::SourceDocument& doc,
                                         std::vector<Page> layers, text::Encoding encoding,
                                         bool uppercase_font) const;
  // `mixed` (route "pdf-mixed"): a PDF some of whose pages have a good
  // text layer; those pages are read from it as the pdf-text route reads
  // them, the others are OCR'd.
  Result<DocumentOutputs> ProcessOcr(const fs::path& input, const std::string& route, int pages,
                                     const ProcessContext& context,
                                     const MixedPdf* mixed = nullptr) const;

  // `page_dpi`: the resolution each page image was read at (index page -
  // 1), for the regions of rows and tables; empty for text inputs.
  DocumentOutputs Assemble(const table::PlanDocument& plan, const fs::path& input,
                           const std::string& route, int pages, std::string text,
                           const std::vector<std::pair<std::string, std::string>>& notes,
                           std::vector<int> page_dpi = {}) const {
    DocumentOutputs out;
    out.route = route;
    out.pages = pages;
    out.criteria = static_cast<int>(plan.criteria.size());
    table::SourceInfo source{input.string(), Sha256OfFile(input), pages, route, std::move(page_dpi)};
    nlohmann::ordered_json json = table::ToJson(plan, source);
    for (const auto& [code, message] : notes) AddDiagnostic(&json, "info", code, message);
    if (plan.criteria.empty()) out.warnings.push_back("no criterion rows found");
    out.json = json.dump(2) + "\n";
    out.text = std::move(text);
    if (!out.text.empty() && out.text.back() != '\n') out.text.push_back('\n');
    return out;
  }
};

Pipeline::Pipeline(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Pipeline::~Pipeline() = default;

Result<std::unique_ptr<Pipeline>> Pipeline::Create(const RunOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (options.restore != RestoreMode::kOff) {
    auto restorer = lm::Restorer::Load();
    if (!restorer) return std::unexpected(restorer.error());
    impl->restorer.emplace(std::move(*restorer));
    auto models = FindModelsDir();
    if (!models) return std::unexpected(models.error());
    auto words = table::ColumnWords::Load(*models / "table" / "column_words.tsv");
    if (!words) return std::unexpected(words.error());
    impl->column_words.emplace(std::move(*words));
  }
  return std::unique_ptr<Pipeline>(new Pipeline(std::move(impl)));
}

std::string Pipeline::Fingerprint() const {
  const RunOptions& o = impl_->options;
  std::ostringstream s;
  s << "vnplan " << VNPLAN_VERSION << "|schema " << table::kPlanSchemaVersion << "|" << o.languages
    << "|" << o.dpi << "|" << o.force_ocr << "|" << o.searchable_pdf << "|" << o.old_tones << "|"
    << static_cast<int>(o.restore) << "|" << o.min_text_layer_quality << "|" << o.keep_color_ink;
  return s.str();
}

Result<DocumentOutputs> Pipeline::Impl::ProcessText(
    const fs::path& input, const std::string& bytes, const std::string& route,
    std::vector<std::pair<std::string, std::string>> notes) const {
  text::RepairResult repaired = text::Repair(bytes);
  if (repaired.binary) return MakeError(ErrorCode::kInputError, "binary data, not a text export");
  std::string text = repaired.text;
  bool any_vietnamese = repaired.any_vietnamese;
  if (repaired.input_was_utf8 == false || repaired.majority != text::Encoding::kUtf8) {
    notes.emplace_back("encoding-repaired",
                       std::string("text decoded from ") + text::EncodingName(repaired.majority));
  }
  // An HTML export is read as its text, tables as tab-separated rows: the
  // markup must reach neither the restorer nor the text output.
  if (IsHtmlName(input) || table::LooksLikeHtmlDocument(text)) {
    // Entities may spell a legacy encoding's bytes as Windows-1252
    // characters (a .VnTime document saved as a web page: "&#184;" for
    // TCVN3 "á"); the decoded text is repaired once more.
    text::RepairResult again = text::Repair(table::HtmlToText(text));
    text = std::move(again.text);
    any_vietnamese = again.any_vietnamese;
    notes.emplace_back("html", "HTML converted to text, tables to tab-separated rows");
    if (again.majority != text::Encoding::kUtf8) {
      notes.emplace_back("encoding-repaired", std::string("HTML entities decoded from ") +
                                                  text::EncodingName(again.majority));
    }
  }
  // A spreadsheet saved as CSV: its records as tab-separated rows.
  if (LowerExtension(input) == ".csv") {
    const char delimiter = table::SniffCsvDelimiter(text);
    text = table::CsvToTabText(text, delimiter);
    notes.emplace_back("csv", std::string("CSV records (delimiter '") +
                                  (delimiter == '\t' ? "\\t" : std::string(1, delimiter)) +
                                  "') read as tab-separated rows");
  }
  const TextQuality q = MeasureText(text);
  if (q.words == 0) return MakeError(ErrorCode::kNotVietnamese, "no words found in the text");
  const bool stripped_like = q.marked_share() < 0.3 && q.skeleton_share() >= 0.85;
  if (!any_vietnamese && !stripped_like) {
    return MakeError(repaired.input_was_utf8 ? ErrorCode::kNotVietnamese : ErrorCode::kUnknownEncoding,
                     "the text is not Vietnamese in any known encoding (" +
                         std::to_string(static_cast<int>(q.valid_share() * 100)) +
                         "% valid syllables, " +
                         std::to_string(static_cast<int>(q.skeleton_share() * 100)) +
                         "% Vietnamese-looking words)");
  }
  // Tables are found in the unrestored text: the restorer must not see the
  // cell separators ('|' column rules of an OCR'd export, tabs) as letters,
  // and each cell is restored on its own (MapOpts) with its own context.
  // The layout of OCR'd rows is also chosen by how well the column texts
  // read, with the language model when it is loaded.
  std::optional<RestorerLayoutScorer> scorer;
  table::TextTableOptions to;
  if (restorer) to.scorer = &scorer.emplace(&*restorer);
  if (column_words) to.column_words = &*column_words;
  table::TextTables found = table::ExtractTablesFromText(Finish(text), to);
  table::MapOptions mo = MapOpts();
  if (stripped_like || q.valid_share() < 0.9) {
    const size_t changed = Restore(&text);
    Restore(&found.text);
    notes.emplace_back("restored", std::to_string(changed) + " words restored by the language model");
    // Cells of a table laid out from OCR'd lines ('|' column hints) are
    // OCR output in a document that needed restoring: every word is open to
    // the OCR channel, including garble that passes as a valid syllable
    // ("Khéng co" -> "Không có"), which the per-cell automatic check skips.
    if (restorer) {
      mo.restore_ocr_cell = [this](std::string_view cell, float) {
        return RestoreCell(cell, lm::RestoreMode::kOcr);
      };
    }
  }
  text = Finish(std::move(text));
  found.text = Finish(std::move(found.text));
  table::PlanDocument plan = table::MapToPlan(found.tables, found.text, mo);
  return Assemble(plan, input, route, 0, std::move(text), notes);
}

Result<DocumentOutputs> Pipeline::Impl::ProcessPdfText(const fs::path& input,
                                                       const ingest::SourceDocument& doc,
                                                       std::vector<Page> layers,
                                                       text::Encoding encoding,
                                                       bool uppercase_font) const {
  std::string full_text;
  for (Page& page : layers) {
    RepairLayerPage(&page, encoding, uppercase_font);
    full_text += PageText(page);
    full_text += "\f";
  }
  std::vector<std::vector<table::Table>> by_page;
  std::vector<const Page*> layer_pages;
  for (size_t i = 0; i < layers.size(); ++i) {
    auto image = doc.RenderPage(static_cast<int>(i), options.dpi);
    if (!image) return std::unexpected(image.error());
    TextLayerEngine engine(layers[i]);
    auto found = table::ExtractTablesFromImage(*image, static_cast<int>(i) + 1, engine);
    if (!found) return std::unexpected(found.error());
    by_page.push_back(std::move(*found));
    layer_pages.push_back(&layers[i]);
  }
  int borderless = 0;  // pages read as borderless tables
  std::vector<table::Table> tables =
      table::JoinAcrossPages(table::TablesInPageOrder(std::move(by_page), layer_pages, &borderless));
  table::SetCaptionsFromPages(&tables, layer_pages);
  std::vector<std::pair<std::string, std::string>> notes;
  notes.emplace_back("text-layer", std::string("PDF text layer used (") +
                                       text::EncodingName(encoding) + "), no OCR");
  AddBorderlessNote(borderless, &notes);
  if (tables.empty()) {
    table::TextTables found = table::ExtractTablesFromText(full_text);
    tables = std::move(found.tables);
  }
  table::PlanDocument plan = table::MapToPlan(tables, full_text, MapOpts());
  return Assemble(plan, input, "pdf-text", static_cast<int>(layers.size()), full_text, notes,
                  std::vector<int>(layers.size(), options.dpi));
}

Result<DocumentOutputs> Pipeline::Impl::ProcessOcr(const fs::path& input, const std::string& route,
                                                   int pages, const ProcessContext& context,
                                                   const MixedPdf* mixed) const {
  ocr::OcrOptions oo;
  std::vector<int> scanned_pages, layer_pages;  // of a mixed PDF
  if (mixed) {
    for (int n = 1; n <= pages; ++n) (mixed->layers.contains(n) ? layer_pages : scanned_pages).push_back(n);
    oo.only_pages = scanned_pages;
  }
  oo.tesseract.languages = options.languages;
  oo.dpi = options.dpi;
  oo.jobs = context.page_jobs;
  // Table cells are read from OcrPage::image; a binarised, despeckled page
  // reads far better cell by cell than the gray "light page" image.
  oo.cleanup.light_noise_threshold = 0;
  oo.ingest.lighten_colored_ink = !options.keep_color_ink;
  if (!options.keep_intermediates.empty()) {
    oo.cleanup.keep_intermediates_dir = options.keep_intermediates / input.stem();
  }
  auto ocr_result = ocr::OcrSource(input, oo, context.on_page);
  if (!ocr_result) return std::unexpected(ocr_result.error());
  auto doc = std::make_shared<ocr::OcrDocument>(std::move(*ocr_result));

  int noise = 0;
  for (ocr::OcrPage& p : doc->pages) noise += DropNoiseWords(&p.page);
  size_t restored = 0;
  if (restorer) {
    lm::RestoreOptions ro;
    ro.tone_style = tone_style();
    for (ocr::OcrPage& p : doc->pages) restored += restorer->RestorePage(&p.page, ro);
  }
  // A mixed PDF's born-digital pages join the OCR'd ones: the page as
  // rendered, its text layer repaired; the searchable PDF shows the render.
  std::set<int> from_layer;
  if (mixed) {
    for (const auto& [number, extracted] : mixed->layers) {
      auto rendered = mixed->doc->RenderPage(number - 1, options.dpi);
      if (!rendered) return std::unexpected(rendered.error());
      ocr::OcrPage page;
      page.page = extracted;
      RepairLayerPage(&page.page, mixed->encoding, mixed->uppercase_font);
      lept::PixPtr pix = lept::PixFromGray(*rendered);
      auto jpeg = lept::EncodeJpeg(pix.get(), oo.pdf_image_quality);
      if (!jpeg) return std::unexpected(jpeg.error());
      page.image_jpeg = std::move(*jpeg);
      page.image = std::move(*rendered);
      const auto at = std::lower_bound(
          doc->pages.begin(), doc->pages.end(), number,
          [](const ocr::OcrPage& p, int n) { return p.page.number < n; });
      doc->pages.insert(at, std::move(page));
      from_layer.insert(number);
    }
  }
  // Cells are read again one by one: Tesseract's page layout analysis
  // mixes up table columns, a single cell does not.
  ocr::TesseractOptions cell_options;
  cell_options.languages = options.languages;
  cell_options.psm = 6;
  auto tesseract = ocr::TesseractEngine::Create(cell_options);
  if (!tesseract) return std::unexpected(tesseract.error());
  NoiseFilteringEngine engine(**tesseract);
  // Unsure cells are read again enlarged from the cleaned gray page, kept
  // as the searchable PDF's JPEG, with only ink darker than a seal's
  // (tools/table_bench README).
  table::GridOptions grid_options;
  grid_options.reread_below_confidence = 90;
  // The cleaned gray page of page i, decoded from its JPEG (none when
  // missing or of another size).
  auto gray_page = [&](size_t i) {
    std::optional<GrayImage> gray;
    if (!doc->pages[i].image_jpeg.empty()) {
      auto decoded = lept::DecodeGray(doc->pages[i].image_jpeg);
      if (decoded && decoded->width == doc->pages[i].image.width &&
          decoded->height == doc->pages[i].image.height) {
        gray = std::move(*decoded);
      }
    }
    return gray;
  };
  std::vector<std::vector<table::Table>> by_page;
  std::vector<const Page*> ocr_pages;
  for (size_t i = 0; i < doc->pages.size(); ++i) {
    const int number = doc->pages[i].page.number;
    Result<std::vector<table::Table>> found;
    if (from_layer.contains(number)) {
      // As the pdf-text route reads it: grids on the render, words from the layer.
      TextLayerEngine layer_engine(doc->pages[i].page);
      found = table::ExtractTablesFromImage(doc->pages[i].image, number, layer_engine);
    } else {
      const std::optional<GrayImage> gray = gray_page(i);
      grid_options.reread_gray = gray ? &*gray : nullptr;
      found = table::ExtractTablesFromImage(doc->pages[i].image, number, engine, grid_options);
    }
    if (!found) return std::unexpected(found.error());
    by_page.push_back(std::move(*found));
    ocr_pages.push_back(&doc->pages[i].page);
  }
  int borderless = 0;  // pages read as borderless tables
  std::vector<table::Table> tables =
      table::TablesInPageOrder(std::move(by_page), ocr_pages, &borderless);
  // A borderless table's cells are read again one by one too, as ruled
  // cells are (the page OCR's words stay where a crop reads worse).
  for (table::Table& t : tables) {
    if (t.format != table::TableFormat::kWords || t.pages.empty()) continue;
    if (from_layer.contains(t.pages.front())) continue;  // the layer's words are exact
    const auto page = std::find_if(doc->pages.begin(), doc->pages.end(), [&](const ocr::OcrPage& p) {
      return p.page.number == t.pages.front();
    });
    if (page == doc->pages.end()) continue;
    const size_t i = static_cast<size_t>(page - doc->pages.begin());
    const std::optional<GrayImage> gray = gray_page(i);
    grid_options.reread_gray = gray ? &*gray : nullptr;
    auto read = table::RereadCells(doc->pages[i].image, doc->pages[i].page, engine, grid_options, &t);
    if (!read) return std::unexpected(read.error());
  }
  grid_options.reread_gray = nullptr;
  tables = table::JoinAcrossPages(std::move(tables));
  table::SetCaptionsFromPages(&tables, ocr_pages);
  const std::string text = Finish(ocr::DocumentText(*doc));
  table::MapOptions map_options = MapOpts(/*ocr_cells=*/true);
  if (mixed) {
    // Cells are restored by where they were read: OCR'd cells are open to
    // correction word by word, the layer's only if they look stripped.
    const table::MapOptions from_text = MapOpts();
    for (table::Table& t : tables) {
      for (auto& row : t.rows) {
        for (table::Cell& cell : row) {
          table::RestoreCell(from_layer.contains(cell.page) ? from_text.restore_cell
                                                            : map_options.restore_cell,
                             &cell);
        }
      }
      if (!t.caption.empty() && !t.pages.empty()) {
        const auto& restore = from_layer.contains(t.pages.front()) ? from_text.restore_cell
                                                                   : map_options.restore_cell;
        if (restore) t.caption = CollapseSpaces(restore(t.caption, 100.0f).text);
      }
    }
    map_options = table::MapOptions();
  }
  table::PlanDocument plan = table::MapToPlan(tables, text, map_options);
  std::vector<std::pair<std::string, std::string>> notes;
  if (mixed) {
    notes.emplace_back("text-layer", "pages " + PageList(layer_pages) + " read from the PDF text layer (" +
                                         text::EncodingName(mixed->encoding) + ")");
    notes.emplace_back("ocr", "pages " + PageList(scanned_pages) +
                                  " have no text layer: OCR with Tesseract (" + options.languages +
                                  ") at " + std::to_string(options.dpi) + " dpi");
  } else {
    notes.emplace_back("ocr", "OCR with Tesseract (" + options.languages + ") at " +
                                  std::to_string(options.dpi) + " dpi");
  }
  notes.emplace_back("noise", std::to_string(noise) + " noise tokens (specks, rules) dropped");
  if (restorer) notes.emplace_back("restored", std::to_string(restored) + " OCR words corrected");
  AddBorderlessNote(borderless, &notes);
  std::vector<int> page_dpi;
  for (const ocr::OcrPage& p : doc->pages) page_dpi.push_back(p.page.dpi);
  DocumentOutputs out = Assemble(plan, input, route, std::max<int>(pages, doc->pages.size()), text,
                                 notes, std::move(page_dpi));
  if (options.searchable_pdf) {
    out.write_pdf = [doc](const fs::path& path) { return ocr::WriteSearchablePdf(*doc, path); };
  }
  return out;
}

Result<DocumentOutputs> Pipeline::Process(const fs::path& input, const ProcessContext& context) const {
  auto kind = SniffFile(input);
  if (!kind) return std::unexpected(kind.error());
  switch (*kind) {
    case InputKind::kEmpty:
      return MakeError(ErrorCode::kInputError, "empty file");
    case InputKind::kBinary:
      return MakeError(ErrorCode::kInputError,
                       "binary file of unknown type (not PDF, image, text or office document)");
    case InputKind::kOle2: {
      // An Excel 97-2003 workbook or a Word 97-2003 document; other OLE2
      // files (password-protected .docx/.xlsx, .ppt) are refused with a reason.
      auto legacy = ingest::ReadLegacyOfficeDocument(input);
      if (!legacy) return std::unexpected(legacy.error());
      return impl_->ProcessOffice(input, *legacy, "");
    }
    case InputKind::kZip: {
      auto office = ingest::ReadOfficeDocument(input);
      if (!office) return std::unexpected(office.error());
      return impl_->ProcessOffice(input, *office, "");
    }
    case InputKind::kText: {
      auto bytes = ReadFile(input);
      if (!bytes) return std::unexpected(bytes.error());
      if (ingest::LooksLikeFlatOdf(*bytes)) {
        auto office = ingest::FlatOdfToText(*bytes);
        if (!office) return std::unexpected(office.error());
        return impl_->ProcessOffice(input, *office, "flat ");
      }
      if (ingest::LooksLikeRtf(*bytes)) {
        auto office = ingest::RtfToText(*bytes);
        if (!office) return std::unexpected(office.error());
        return impl_->ProcessOffice(input, *office, "");
      }
      return impl_->ProcessText(input, *bytes);
    }
    case InputKind::kImage:
      return impl_->ProcessOcr(input, "scan", 0, context);
    case InputKind::kPdf:
      break;
  }
  // Pages of this document are rendered only to find ruled grids for the
  // text layer, so coloured table rules must stay (the OCR routes reopen
  // the file with their own options).
  ingest::IngestOptions ingest_options;
  ingest_options.lighten_colored_ink = false;
  auto doc = ingest::SourceDocument::Open(input, ingest_options);
  if (!doc) return std::unexpected(doc.error());
  const int pages = doc->page_count();
  if (impl_->options.force_ocr) return impl_->ProcessOcr(input, "pdf-ocr", pages, context);

  // Is the text layer worth reading? A page whose layer holds almost no
  // words but whose render shows ink is a scanned page among born-digital
  // ones (a typed plan whose signed and stamped last page was scanned in).
  std::vector<Page> layers;
  std::string layer_text;
  std::vector<int> scanned;  // 1-based
  bool vn_font = false, vni_font = false, uppercase_font = false;
  for (int i = 0; i < pages; ++i) {
    auto layer = doc->TextLayer(i, impl_->options.dpi);
    if (!layer) return std::unexpected(layer.error());
    if (CountWords(*layer) < kMinLayerWords) {
      auto thumbnail = doc->RenderPage(i, kInkCheckDpi);
      if (!thumbnail) return std::unexpected(thumbnail.error());
      if (InkShareOutsideWords(*thumbnail, *layer) >= kMinScannedInk) scanned.push_back(i + 1);
    }
    for (const Block& b : layer->blocks) {
      for (const Line& l : b.lines) {
        for (const Word& w : l.words) {
          if (w.font.find(".Vn") != std::string::npos || w.font.find(".VN") != std::string::npos) {
            vn_font = true;
            if (!w.font.empty() && (w.font.back() == 'H' || w.font.find("H-") != std::string::npos)) uppercase_font = true;
          }
          if (w.font.find("VNI") != std::string::npos) vni_font = true;
        }
      }
    }
    if (scanned.empty() || scanned.back() != i + 1) layer_text += PageText(*layer);
    layers.push_back(std::move(*layer));
  }
  text::RepairOptions ro;
  if (vn_font) ro.from = text::Encoding::kTcvn3;
  if (vni_font) ro.from = text::Encoding::kVni;
  ro.tcvn3_uppercase_font = uppercase_font;
  text::RepairResult repaired = text::Repair(layer_text, ro);
  const TextQuality q = MeasureText(repaired.text);
  const int text_pages = pages - static_cast<int>(scanned.size());
  const bool good = text_pages > 0 && q.words >= 10 * std::max(1, text_pages) / 2 &&
                    q.valid_share() >= impl_->options.min_text_layer_quality &&
                    q.marked_share() >= 0.3;
  if (!good) {
    return impl_->ProcessOcr(input, q.words == 0 ? "pdf-ocr" : "pdf-reocr", pages, context);
  }
  if (!scanned.empty()) {
    MixedPdf mixed;
    mixed.doc = &*doc;
    mixed.encoding = repaired.majority;
    mixed.uppercase_font = uppercase_font;
    for (int i = 0; i < pages; ++i) {
      if (!std::binary_search(scanned.begin(), scanned.end(), i + 1)) {
        mixed.layers.emplace(i + 1, std::move(layers[i]));
      }
    }
    return impl_->ProcessOcr(input, "pdf-mixed", pages, context, &mixed);
  }
  return impl_->ProcessPdfText(input, *doc, std::move(layers), repaired.majority, uppercase_font);
}

}  // namespace vnplan::pipeline
