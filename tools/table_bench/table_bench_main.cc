// table_bench: accuracy of table reconstruction from scans. For N synthetic
// plans (vnplan-synth plan mode, fixed seeds) rendered on landscape A4 and
// degraded as scans, it runs the image path the pipeline runs: page cleanup
// (imaging::CleanPage: deskew, background, rescale), ruled-grid detection
// and per-cell OCR with Tesseract vie (table/grid_tables.h), joins across
// pages, maps to criteria (table/plan_schema.h), and compares every
// criterion field with the generator's gold by normalised similarity
// 1 - Levenshtein/max(len) on NFC, whitespace-collapsed text.
// Prints the share of fields with similarity >= 0.95, overall and per field.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <cstdio>
#include <map>
#include <numeric>
#include <optional>
#include <random>
#include <tuple>
#include <string>
#include <vector>

#include "imaging/cleanup.h"
#include "ingest/leptonica_adapter.h"
#include "lm/restorer.h"
#include "ocr/ocr_document.h"
#include "ocr/tesseract_engine.h"
#include "pipeline/cell_text.h"
#include "pipeline/noise_filter.h"
#include "synth_scans.h"
#include "table/dash_classifier.h"
#include "table/fuzzy.h"
#include "table/grid_tables.h"
#include "table/plan_schema.h"
#include "table/row_labels.h"
#include "table/table_model.h"
#include "table/word_tables.h"
#include "text/vietnamese.h"

namespace vnplan::table_bench {
namespace {

// Hyphen, en dash and em dash folded to '-'.
std::string FoldDashes(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 3, "\u2013") == 0 || s.compare(i, 3, "\u2014") == 0) {
      out.push_back('-');
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

struct Args {
  int plans = 10;
  uint64_t seed_base = 1000;
  int criteria = 0;
  std::string degrade = "medium";
  int dpi = 300;
  int psm = 6;
  bool clean = true;
  bool binary = false;
  double threshold = 0.95;
  bool verbose = false;
  bool reread_word_cells = true;
  bool borderless = false;  // plan table typeset without rules (ScanOptions::borders)
  bool fold_dashes = false;           // count -, – and — as the same character
  int min_x_height = 14;              // CleanupOptions; 0 = imaging's defaults
  double light_noise_threshold = -1;  // CleanupOptions; < 0 = imaging's default
  int target_x_height = 22;
  bool noise_filter = true;   // pipeline::NoiseFilteringEngine around Tesseract
  bool dashes = true;         // ... classifying dashes by width
  bool restore = true;        // cells restored by the LM as `vnplan run` does
  std::string tones = "old";  // `vnplan run --tones`; the generator sets hòa
  std::string dash_log;       // TSV of every dash token before classification
  std::string word_log;       // every cell's OCR words before the noise filter
  std::string save_pages;     // directory for the pages given to the grid code (PGM)
  std::string page_words;     // every borderless page's OCR words (the input of word_tables)
  std::string field_pairs;    // "gold<TAB>got" of every matched content field (a vie-pairs TSV)
  int cell_inset = -1;        // GridOptions::cell_inset; < 0 = its default
  int joint_gap = -1;         // GridOptions::joint_gap_300; < 0 = its default
  int rule_gap = -1;          // GridOptions::rule_gap_300; < 0 = its default
  float reread_below = 90;    // GridOptions::reread_below_confidence, as `vnplan run`
  double reread_scale = 2.0;  // GridOptions::reread_scale
  // As `vnplan run`: unsure cells are read again from the cleaned gray page
  // (ink darker than 140), which the pipeline keeps as a quality-60 JPEG.
  int reread_dark = 140;      // 0: re-read from the page OCR'd (binary) instead
  int reread_jpeg = 60;       // 0: use the gray page without the JPEG round trip
  // Real plan rows (LoadCriteriaJson): plan i typesets document i mod N's
  // rows, or with rows_draw > 0 that many rows drawn from all documents.
  std::vector<std::string> rows_from;
  int rows_draw = 0;
  std::string widths;  // "": generator's (synthetic) or DrawWidths(seed) (real rows)
};

struct RowSource {
  std::string name;  // file name
  std::vector<synth::GoldCriterion> rows;
};

// Plan `i`'s rows with --rows-from: a document's rows, or `draw` rows drawn
// with `seed` from all documents' rows, in table order (level, standard,
// then as listed), with `name` saying where they came from.
std::vector<synth::GoldCriterion> PlanRows(const std::vector<RowSource>& sources, int i, int draw,
                                           uint64_t seed, std::string* name) {
  if (draw <= 0) {
    const RowSource& source = sources[i % sources.size()];
    *name = source.name;
    return source.rows;
  }
  std::vector<std::pair<const synth::GoldCriterion*, std::string>> pool;
  for (const RowSource& source : sources) {
    for (const auto& row : source.rows) pool.push_back({&row, source.name});
  }
  std::mt19937_64 rng(seed);
  std::vector<size_t> picked(pool.size());
  std::iota(picked.begin(), picked.end(), 0);
  std::shuffle(picked.begin(), picked.end(), rng);
  picked.resize(std::min(picked.size(), static_cast<size_t>(draw)));
  std::sort(picked.begin(), picked.end(), [&](size_t a, size_t b) {
    const synth::GoldCriterion& x = *pool[a].first;
    const synth::GoldCriterion& y = *pool[b].first;
    return std::tie(x.level, x.standard, a) < std::tie(y.level, y.standard, b);
  });
  std::vector<synth::GoldCriterion> rows;
  name->clear();
  for (size_t k : picked) {
    rows.push_back(*pool[k].first);
    // One standard row is printed per level and standard: rows drawn from
    // documents that title a standard differently take the first one's.
    for (const auto& earlier : rows) {
      if (earlier.level == rows.back().level && earlier.standard == rows.back().standard) {
        rows.back().standard_title = earlier.standard_title;
        break;
      }
    }
    *name += (name->empty() ? "" : ",") + pool[k].second + ":" + pool[k].first->criterion;
  }
  return rows;
}

// Writes `image` as a binary PGM (for looking at what the grid code saw).
bool WritePgm(const GrayImage& image, const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return false;
  std::fprintf(f, "P5\n%d %d\n255\n", image.width, image.height);
  const size_t n = image.pixels.size();
  const bool ok = std::fwrite(image.pixels.data(), 1, n, f) == n;
  return std::fclose(f) == 0 && ok;
}

// Logs every cell's OCR words (text, box, confidence), one OCR line a
// line, after the cell's region, then passes the page on.
class WordLoggingEngine : public OcrEngine {
 public:
  WordLoggingEngine(OcrEngine& inner, FILE* out) : inner_(inner), out_(out) {}
  void SetContext(std::string context) { context_ = std::move(context); }
  Result<Page> Recognize(const GrayImage& image, const Box& region) override {
    Result<Page> page = inner_.Recognize(image, region);
    if (!page || !out_) return page;
    std::fprintf(out_, "%s cell %d %d %d %d\n", context_.c_str(), region.x0, region.y0, region.x1,
                 region.y1);
    for (const Block& b : page->blocks) {
      for (const Line& l : b.lines) {
        for (const Word& w : l.words) {
          std::fprintf(out_, "\t%s %d %d %d %d %.0f", w.text.c_str(), w.box.x0, w.box.y0, w.box.x1,
                       w.box.y1, w.confidence);
        }
        std::fprintf(out_, "\n");
      }
    }
    return page;
  }

 private:
  OcrEngine& inner_;
  FILE* out_;
  std::string context_;
};

// Logs every stand-alone dash token Tesseract returns with its line's word
// boxes (for measuring the dash classifier's thresholds), then passes on.
class DashLoggingEngine : public OcrEngine {
 public:
  DashLoggingEngine(OcrEngine& inner, FILE* out) : inner_(inner), out_(out) {}
  Result<Page> Recognize(const GrayImage& image, const Box& region) override {
    Result<Page> page = inner_.Recognize(image, region);
    if (!page || !out_) return page;
    for (const Block& b : page->blocks) {
      for (const Line& l : b.lines) {
        for (size_t i = 0; i < l.words.size(); ++i) {
          const bool noise = pipeline::IsNoiseWord(l.words[i]);
          const std::string& t = l.words[i].text;
          const bool dash_inside = t.find_first_of("-~_") != std::string::npos ||
                                   t.find("\u2013") != std::string::npos ||
                                   t.find("\u2014") != std::string::npos;
          if (!dash_inside && !noise) continue;
          if (noise) std::fprintf(out_, "N");
          std::fprintf(out_, "%zu", i);
          for (const Word& w : l.words) {
            std::fprintf(out_, "\t%s %d %d %d %d %.0f", w.text.c_str(), w.box.x0, w.box.y0,
                         w.box.x1, w.box.y1, w.confidence);
          }
          std::fprintf(out_, "\n");
        }
      }
    }
    return page;
  }

 private:
  OcrEngine& inner_;
  FILE* out_;
};

const char* kFields[] = {"level",           "standard",        "standard_title", "criterion",
                         "criterion_label", "expected_result", "actions",        "responsible",
                         "timeline",        "budget",          "other_support",  "notes"};

// `s` with tabs and line breaks as spaces (one TSV field).
std::string OneLine(std::string s) {
  std::replace_if(s.begin(), s.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; },
                  ' ');
  return s;
}

std::vector<std::string> GoldFields(const synth::GoldCriterion& g) {
  using table::CollapseSpaces;
  // A table without level rows (seed_000) maps to no level.
  return {g.level.empty() ? "" : table::LevelName(table::ParseRowLabel(g.level).levels),
          std::to_string(g.standard),
          CollapseSpaces(g.standard_title),
          g.criterion,
          CollapseSpaces(g.criterion_label),
          CollapseSpaces(g.expected_result),
          CollapseSpaces(g.actions),
          CollapseSpaces(g.responsible),
          CollapseSpaces(g.timeline),
          CollapseSpaces(g.budget),
          CollapseSpaces(g.other_support),
          CollapseSpaces(g.notes)};
}

std::vector<std::string> GotFields(const table::Criterion& c) {
  return {c.level.value_or(""),
          c.standard ? std::to_string(*c.standard) : "",
          c.standard_title,
          c.criterion,
          c.criterion_label,
          c.expected_result,
          c.actions,
          c.responsible,
          c.timeline,
          c.budget,
          c.other_support,
          c.notes};
}

// A page without ruled tables, read as `vnplan run` reads it: the whole
// scan OCR'd (cleanup, automatic page segmentation), noise words dropped,
// the light restoration. Its words' positions give a borderless table
// (table/word_tables.h), whose cells are read again from the page's image.
Result<ocr::OcrPage> BorderlessPage(const GrayImage& scan, int page_number,
                                    const lm::Restorer* restorer) {
  const std::filesystem::path png =
      std::filesystem::temp_directory_path() /
      ("vnplan-table-bench-" + std::to_string(::getpid()) + ".png");
  if (auto written = lept::WritePng(lept::PixFromGray(scan).get(), png); !written) {
    return std::unexpected(written.error());
  }
  ocr::OcrOptions oo;
  oo.jobs = 1;
  oo.cleanup.light_noise_threshold = 0;
  auto doc = ocr::OcrSource(png, oo);
  std::filesystem::remove(png);
  if (!doc) return std::unexpected(doc.error());
  if (doc->pages.empty()) return ocr::OcrPage{};
  ocr::OcrPage page = std::move(doc->pages.front());
  page.page.number = page_number;
  pipeline::DropNoiseWords(&page.page);
  if (restorer) restorer->RestorePage(&page.page);
  return page;
}

int Run(const Args& args) {
  ocr::TesseractOptions tess;
  tess.psm = args.psm;
  auto engine = ocr::TesseractEngine::Create(tess);
  if (!engine) {
    std::fprintf(stderr, "table_bench: %s\n", engine.error().message.c_str());
    return 5;
  }
  FILE* dash_log = args.dash_log.empty() ? nullptr : std::fopen(args.dash_log.c_str(), "w");
  FILE* word_log = args.word_log.empty() ? nullptr : std::fopen(args.word_log.c_str(), "w");
  FILE* field_pairs =
      args.field_pairs.empty() ? nullptr : std::fopen(args.field_pairs.c_str(), "w");
  WordLoggingEngine words(**engine, word_log);
  FILE* page_word_log =
      args.page_words.empty() ? nullptr : std::fopen(args.page_words.c_str(), "w");
  DashLoggingEngine logging(words, dash_log);
  pipeline::NoiseFilterOptions nfo;
  nfo.classify_dashes = args.dashes;
  pipeline::NoiseFilteringEngine filtered(logging, nfo);
  OcrEngine& cell_engine = args.noise_filter ? static_cast<OcrEngine&>(filtered) : logging;
  std::optional<lm::Restorer> restorer;
  if (args.restore) {
    auto loaded = lm::Restorer::Load();
    if (loaded) {
      restorer.emplace(std::move(*loaded));
    } else {
      std::fprintf(stderr, "table_bench: no language model (%s): cells not restored\n",
                   loaded.error().message.c_str());
    }
  }
  table::MapOptions map_options;
  map_options.restore_cell =
      pipeline::OcrCellText(restorer ? &*restorer : nullptr,
                            args.tones == "new" ? text::ToneStyle::kNew : text::ToneStyle::kOld);
  constexpr int kNumFields = sizeof(kFields) / sizeof(kFields[0]);
  std::vector<int> ok(kNumFields, 0), total(kNumFields, 0);
  std::vector<double> sim_sum(kNumFields, 0.0);
  int gold_rows = 0, found_rows = 0, pages = 0;
  double reread_seconds = 0;  // in table::RereadCells
  std::vector<RowSource> sources;
  std::map<std::string, std::pair<int, int>> by_source;  // name -> fields ok, total
  for (const std::string& path : args.rows_from) {
    auto rows = LoadCriteriaJson(path);
    if (!rows) {
      std::fprintf(stderr, "table_bench: %s\n", rows.error().message.c_str());
      return 2;
    }
    sources.push_back({std::filesystem::path(path).filename().string(), std::move(*rows)});
  }
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < args.plans; ++i) {
    ScanOptions so;
    so.seed = args.seed_base + i;
    so.criteria = args.criteria;
    so.dpi = args.dpi;
    so.degrade = args.degrade == "none" ? "" : args.degrade;
    so.borders = !args.borderless;
    synth::PlanTable given;
    std::string name;  // the rows' source with --rows-from
    given.widths = args.widths;
    if (!sources.empty()) {
      given.rows = PlanRows(sources, i, args.rows_draw, so.seed, &name);
      if (given.widths.empty()) given.widths = DrawWidths(so.seed);
      std::fprintf(stderr, "plan %d: %zu rows of %s, widths %s\n", i, given.rows.size(),
                   name.c_str(), given.widths.c_str());
    }
    auto scanned = MakeScannedPlan(so, given);
    if (!scanned) {
      std::fprintf(stderr, "table_bench: plan %d: %s\n", i, scanned.error().message.c_str());
      return 1;
    }
    std::vector<table::Table> tables;
    std::vector<std::vector<table::Table>> by_page(scanned->pages.size());
    std::vector<std::optional<ocr::OcrPage>> word_pages(scanned->pages.size());
    for (size_t p = 0; p < scanned->pages.size(); ++p) {
      GrayImage image = scanned->pages[p].image;
      GrayImage gray_page;
      if (args.clean) {
        imaging::CleanupOptions co;
        co.page_number = static_cast<int>(p + 1);
        if (args.light_noise_threshold >= 0) co.light_noise_threshold = args.light_noise_threshold;
        if (args.min_x_height > 0) {
          co.min_x_height = args.min_x_height;
          co.target_x_height = args.target_x_height;
        }
        auto cleaned = imaging::CleanPage(image, co);
        if (!cleaned) {
          std::fprintf(stderr, "table_bench: cleanup: %s\n", cleaned.error().message.c_str());
          return 1;
        }
        image = args.binary ? cleaned->binary : cleaned->gray;
        gray_page = cleaned->gray;
        if (args.reread_jpeg > 0) {
          // As `vnplan run`, which keeps only the JPEG of the gray page
          // (OcrPage::image_jpeg) for the searchable PDF and the re-read.
          auto jpeg = lept::EncodeJpeg(lept::PixFromGray(gray_page).get(), args.reread_jpeg);
          if (!jpeg) {
            std::fprintf(stderr, "table_bench: jpeg: %s\n", jpeg.error().message.c_str());
            return 1;
          }
          auto decoded = lept::DecodeGray(*jpeg);
          if (!decoded) {
            std::fprintf(stderr, "table_bench: jpeg: %s\n", decoded.error().message.c_str());
            return 1;
          }
          gray_page = std::move(*decoded);
        }
        if (args.verbose && cleaned->stamps_removed > 0) {
          std::fprintf(stderr, "plan %d page %zu: %d seal(s) suppressed\n", i, p + 1,
                       cleaned->stamps_removed);
        }
      }
      words.SetContext("plan " + std::to_string(i) + " page " + std::to_string(p + 1));
      if (!args.save_pages.empty()) {
        const std::string path = args.save_pages + "/plan" + std::to_string(i) + "_page" +
                                 std::to_string(p + 1) + ".pgm";
        if (!WritePgm(image, path))
          std::fprintf(stderr, "table_bench: cannot write %s\n", path.c_str());
      }
      table::GridOptions grid_options;
      if (args.cell_inset >= 0) grid_options.cell_inset = args.cell_inset;
      if (args.joint_gap >= 0) grid_options.joint_gap_300 = args.joint_gap;
      if (args.rule_gap >= 0) grid_options.rule_gap_300 = args.rule_gap;
      grid_options.reread_below_confidence = args.reread_below;
      grid_options.reread_scale = args.reread_scale;
      if (args.reread_dark > 0 && gray_page.width > 0) {
        grid_options.reread_gray = &gray_page;
        grid_options.reread_dark_threshold = args.reread_dark;
      }
      auto found =
          table::ExtractTablesFromImage(image, static_cast<int>(p + 1), cell_engine, grid_options);
      if (!found) {
        std::fprintf(stderr, "table_bench: %s\n", found.error().message.c_str());
        return 1;
      }
      if (found->empty()) {
        auto words = BorderlessPage(scanned->pages[p].image, static_cast<int>(p + 1),
                                    restorer ? &*restorer : nullptr);
        if (!words) {
          std::fprintf(stderr, "table_bench: %s\n", words.error().message.c_str());
          return 1;
        }
        if (page_word_log) {
          std::fprintf(page_word_log, "%d\t%zu\tpage\t%d\t%d\n", i, p + 1, words->page.width,
                       words->page.height);
          for (const auto& block : words->page.blocks) {
            for (const auto& line : block.lines) {
              for (const auto& w : line.words) {
                std::fprintf(page_word_log, "%d\t%zu\t%d\t%d\t%d\t%d\t%.0f\t%s\n", i, p + 1,
                             w.box.x0, w.box.y0, w.box.x1, w.box.y1, w.confidence,
                             w.text.c_str());
              }
            }
          }
        }
        word_pages[p] = std::move(*words);
      }
      by_page[p] = std::move(*found);
      ++pages;
    }
    // As `vnplan run`: pages without ruled tables give borderless ones.
    std::vector<const Page*> page_words;
    for (const auto& w : word_pages) page_words.push_back(w ? &w->page : nullptr);
    tables = table::TablesInPageOrder(std::move(by_page), page_words);
    for (auto& t : tables) {
      if (t.format != table::TableFormat::kWords || !args.reread_word_cells) continue;
      const ocr::OcrPage& page = *word_pages[t.pages.front() - 1];
      // As `vnplan run`: the gray page from its JPEG for unsure cells.
      table::GridOptions grid_options;
      grid_options.reread_below_confidence = args.reread_below;
      grid_options.reread_scale = args.reread_scale;
      std::optional<GrayImage> gray;
      if (args.reread_dark > 0 && !page.image_jpeg.empty()) {
        auto decoded = lept::DecodeGray(page.image_jpeg);
        if (decoded && decoded->width == page.image.width &&
            decoded->height == page.image.height) {
          gray = std::move(*decoded);
          grid_options.reread_gray = &*gray;
          grid_options.reread_dark_threshold = args.reread_dark;
        }
      }
      const auto reread_start = std::chrono::steady_clock::now();
      if (auto read = table::RereadCells(page.image, page.page, cell_engine, grid_options, &t);
          !read) {
        std::fprintf(stderr, "table_bench: %s\n", read.error().message.c_str());
        return 1;
      }
      reread_seconds +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - reread_start).count();
    }
    if (args.verbose) {  // each page's tables as read, before the join
      for (const auto& t : tables) {
        for (const auto& row : t.rows) {
          std::string line;
          for (const auto& c : row) line += (c.col_span == 0 ? "<span>" : c.text) + " | ";
          std::fprintf(stderr, "  page %d row: %s\n", t.pages.empty() ? 0 : t.pages.front(),
                       line.c_str());
        }
      }
    }
    tables = table::JoinAcrossPages(std::move(tables));
    if (args.verbose) {
      for (const auto& t : tables) {
        for (const auto& row : t.rows) {
          std::string line;
          for (const auto& c : row) line += (c.col_span == 0 ? "<span>" : c.text) + " | ";
          std::fprintf(stderr, "  row: %s\n", line.c_str());
        }
      }
    }
    table::PlanDocument doc = table::MapToPlan(tables, "", map_options);
    found_rows += static_cast<int>(doc.criteria.size());
    // Each gold row is matched with the predicted row of the same level and
    // criterion number (the most similar one if several) first; the gold
    // rows left then take the most similar unused rows, so a lost row costs
    // its own fields only.
    std::vector<bool> used(doc.criteria.size(), false);
    std::vector<int> match(scanned->criteria.size(), -1);
    auto field_score = [&](const std::vector<std::string>& got,
                           const std::vector<std::string>& want) {
      double score = 0;
      for (int f = 5; f < kNumFields; ++f) score += table::Similarity(got[f], want[f]);
      return score;
    };
    for (bool keyed : {true, false}) {
      for (size_t gi = 0; gi < scanned->criteria.size(); ++gi) {
        if (match[gi] >= 0) continue;
        const auto want = GoldFields(scanned->criteria[gi]);
        double best_score = -1;
        for (size_t k = 0; k < doc.criteria.size(); ++k) {
          if (used[k]) continue;
          const auto got = GotFields(doc.criteria[k]);
          if (keyed && !(got[0] == want[0] && got[3] == want[3])) continue;
          const double score = field_score(got, want);
          if (score > best_score) {
            best_score = score;
            match[gi] = static_cast<int>(k);
          }
        }
        if (match[gi] >= 0) used[match[gi]] = true;
      }
    }
    for (size_t gi = 0; gi < scanned->criteria.size(); ++gi) {
      const auto& g = scanned->criteria[gi];
      ++gold_rows;
      auto want = GoldFields(g);
      std::vector<std::string> got(kNumFields);
      if (match[gi] >= 0) got = GotFields(doc.criteria[match[gi]]);
      for (int f = 0; f < kNumFields; ++f) {
        double s = args.fold_dashes ? table::Similarity(FoldDashes(text::ToNfc(got[f])),
                                                        FoldDashes(text::ToNfc(want[f])))
                                    : table::Similarity(text::ToNfc(got[f]), text::ToNfc(want[f]));
        ++total[f];
        if (field_pairs && f >= 5 && !want[f].empty() && !got[f].empty()) {
          std::fprintf(field_pairs, "%s\t%s\n", OneLine(want[f]).c_str(), OneLine(got[f]).c_str());
        }
        if (!sources.empty() && args.rows_draw <= 0) ++by_source[name].second;
        sim_sum[f] += s;
        if (s >= args.threshold) {
          ++ok[f];
          if (!sources.empty() && args.rows_draw <= 0) ++by_source[name].first;
        } else if (args.verbose) {
          std::fprintf(stderr, "plan %d criterion %s %s: %.3f\n  gold: %s\n  got:  %s\n", i,
                       g.criterion.c_str(), kFields[f], s, want[f].c_str(), got[f].c_str());
        }
      }
    }
    std::fprintf(stderr, "plan %d/%d done (%zu pages, %zu/%zu criterion rows)\n", i + 1, args.plans,
                 scanned->pages.size(), doc.criteria.size(), scanned->criteria.size());
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  int all_ok = 0, all = 0;
  std::printf(
      "table_bench: %d plans (seeds %llu..), %d pages, degrade=%s, dpi=%d, psm=%d, "
      "clean=%s, min_x_height=%d, noise_filter=%s, dashes=%s, restore=%s, reread<%.0f%s, "
      "%.0f s\n",
      args.plans, static_cast<unsigned long long>(args.seed_base), pages, args.degrade.c_str(),
      args.dpi, args.psm, args.clean ? (args.binary ? "binary" : "gray") : "off", args.min_x_height,
      args.noise_filter ? "on" : "off", args.noise_filter && args.dashes ? "on" : "off",
      restorer ? "on" : "off", args.reread_below,
      args.reread_dark > 0 ? (" from gray<" + std::to_string(args.reread_dark) +
                              (args.reread_jpeg > 0 ? " (jpeg " + std::to_string(args.reread_jpeg) + ")" : ""))
                                 .c_str()
                           : "",
      seconds);
  if (args.borderless && args.reread_word_cells) {
    std::printf("borderless cells re-read: %.0f s of %.0f s (%.0f %%)\n", reread_seconds, seconds,
                seconds > 0 ? 100 * reread_seconds / seconds : 0.0);
  }
  std::printf("criterion rows: gold %d, found %d\n", gold_rows, found_rows);
  std::printf("%-16s %8s %8s %10s\n", "field", "ok", "total", "mean_sim");
  for (int f = 0; f < kNumFields; ++f) {
    std::printf("%-16s %8d %8d %10.4f\n", kFields[f], ok[f], total[f],
                total[f] ? sim_sum[f] / total[f] : 0.0);
    all_ok += ok[f];
    all += total[f];
  }
  for (const auto& [source, counts] : by_source) {
    std::printf("  %-28s %4d / %4d\n", source.c_str(), counts.first, counts.second);
  }
  std::printf("fields with similarity >= %.2f: %d / %d = %.2f%%\n", args.threshold, all_ok, all,
              all ? 100.0 * all_ok / all : 0.0);
  if (dash_log) std::fclose(dash_log);
  if (word_log) std::fclose(word_log);
  if (field_pairs) std::fclose(field_pairs);
  if (page_word_log) std::fclose(page_word_log);
  return 0;
}

}  // namespace
}  // namespace vnplan::table_bench

int main(int argc, char** argv) {
  vnplan::table_bench::Args args;
  CLI::App app{"Table reconstruction benchmark on synthetic degraded plan scans (real Tesseract)."};
  app.add_option("--plans", args.plans, "Number of plans (seeds seed-base..)");
  app.add_option("--seed-base", args.seed_base, "First seed");
  app.add_option("--criteria", args.criteria, "Criterion rows per plan (0 = random 4..14)");
  app.add_option("--degrade", args.degrade, "none, light, medium or heavy");
  app.add_option("--dpi", args.dpi, "Rendering dpi before degradation");
  app.add_option("--psm", args.psm, "Tesseract page segmentation mode for cells");
  app.add_flag("!--no-clean", args.clean, "Skip imaging::CleanPage");
  app.add_flag("--binary", args.binary, "OCR the binarised cleaned page instead of the gray one");
  app.add_option("--light-noise-threshold", args.light_noise_threshold,
                 "CleanupOptions::light_noise_threshold (0 = never a light page, as `vnplan run` "
                 "uses for table cells); default: imaging's");
  app.add_option("--threshold", args.threshold, "Similarity counted as a match");
  app.add_option("--min-x-height", args.min_x_height,
                 "CleanupOptions::min_x_height (pages with smaller text are upscaled); 0 = "
                 "imaging's default");
  app.add_option("--target-x-height", args.target_x_height, "CleanupOptions::target_x_height");
  app.add_flag("--fold-dashes", args.fold_dashes,
               "Treat hyphen, en dash and em dash as one character (typographic variants "
               "Tesseract does not tell apart); reported separately from the strict figure");
  app.add_flag("!--no-noise-filter", args.noise_filter,
               "Read cells with bare Tesseract instead of the pipeline's NoiseFilteringEngine");
  app.add_flag("!--no-dashes", args.dashes,
               "Noise filter without dash classification (table/dash_classifier.h)");
  app.add_flag("!--no-restore", args.restore,
               "Map cells without the LM restoration `vnplan run` applies (kOcrVie)");
  app.add_option("--tones", args.tones,
                 "Tone placement of the output, as `vnplan run --tones`: old (hòa, as the "
                 "synthetic plans are typeset) or new (hoà)")
      ->check(CLI::IsMember({"old", "new"}));
  app.add_option("--dash-log", args.dash_log,
                 "Write every dash token Tesseract returns, with its line's word boxes, to FILE");
  app.add_option("--joint-gap", args.joint_gap,
                 "GridOptions::joint_gap_300 (gaps between a horizontal and a vertical rule "
                 "closed, pixels at 300 dpi; 0 = off); default: the library's");
  app.add_option("--rule-gap", args.rule_gap,
                 "GridOptions::rule_gap_300 (gaps between any two rules closed, pixels at 300 "
                 "dpi; 0 = off); default: the library's");
  app.add_option("--cell-inset", args.cell_inset,
                 "GridOptions::cell_inset (pixels trimmed from each cell side before OCR); "
                 "default: the library's");
  app.add_option("--reread-below", args.reread_below,
                 "GridOptions::reread_below_confidence (cells read again enlarged when their mean "
                 "confidence is under it; 0 = never); default 90, as `vnplan run`");
  app.add_option("--reread-scale", args.reread_scale, "GridOptions::reread_scale");
  app.add_option("--reread-dark", args.reread_dark,
                 "Re-read cells from the cleaned gray page keeping ink darker than this "
                 "(GridOptions::reread_gray, reread_dark_threshold); default 140 as `vnplan "
                 "run`, 0 = re-read from the binary page");
  app.add_option("--reread-jpeg", args.reread_jpeg,
                 "Pass the gray page through JPEG at this quality before the re-read, as "
                 "`vnplan run` does (OcrPage::image_jpeg); default 60, 0 = no round trip");
  app.add_option("--field-pairs", args.field_pairs,
                 "Write \"gold<TAB>got\" for every content field of a matched row (both non-empty) "
                 "to FILE; with --no-restore these are (truth, Tesseract) pairs for vnplan-lm-pairs "
                 "learn-vie and vnplan-lm-eval --vie-pairs");
  app.add_option("--word-log", args.word_log,
                 "Write every cell's OCR words (text, box, confidence) before the noise filter "
                 "to FILE");
  app.add_option("--page-words", args.page_words,
                 "Write every borderless page's OCR words (plan, page, x0 y0 x1 y1, confidence, "
                 "text; tab-separated; a line \"plan page page width height\" first), the input of table/word_tables.h, to FILE");
  app.add_option("--save-pages", args.save_pages,
                 "Write each page as given to the grid code to DIR/plan<i>_page<p>.pgm");
  app.add_flag("-v,--verbose", args.verbose, "Print every field below the threshold");
  app.add_flag("--borderless", args.borderless,
               "Typeset the plan table without rules: its pages are read by the borderless "
               "fallback (whole-page OCR, table/word_tables.h), as `vnplan run` does");
  app.add_flag("!--no-cell-reread", args.reread_word_cells,
               "Borderless tables keep the whole-page OCR's cell texts (no table::RereadCells)");
  app.add_option("--rows-from", args.rows_from,
                 "Typeset these hand-checked plans' criteria instead of generated rows "
                 "(JSON files as tests/data/table/seed_000.expected.json, comma-separated): plan "
                 "i holds file i mod N's rows, column widths drawn from its seed")
      ->delimiter(',');
  app.add_option("--rows-draw", args.rows_draw,
                 "With --rows-from: each plan holds this many rows drawn (seeded) from all the "
                 "files' rows instead of one file's");
  app.add_option("--widths", args.widths,
                 "The plan table's 9 relative column widths (\"4 12 17 21 12 11 9 10 6\"); "
                 "default: the generator's, or drawn per seed with --rows-from");
  CLI11_PARSE(app, argc, argv);
  return vnplan::table_bench::Run(args);
}
