// vnplan-layout-bench: held-out benchmark of the column layout of OCR'd
// plan-table lines (table::ExtractTablesFromText, format kPipeOcr). For N
// synthetic documents (layout_sim.h, seeds seed_base..seed_base+N-1) built
// from hand-checked criterion rows of other documents, it finds the table
// (with the language model's layout scorer as `vnplan run` does, unless
// --lm off), maps it to criteria (table::MapToPlan, cells not restored)
// and compares every content field of every truth row with the decoded
// one, both folded (table::Fold: diacritics and case ignored), by
// table::Similarity. Prints rows found and, per column and overall, the
// share of fields with similarity >= 0.95 and the mean similarity, then
// where the misplaced words went (bench_score.h). Figures to stdout,
// progress to stderr.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "bench_score.h"
#include "common/exit_codes.h"
#include "layout_sim.h"
#include "lm/restorer.h"
#include "pipeline/layout_lm.h"
#include "table/column_words.h"
#include "table/fuzzy.h"
#include "table/plan_json.h"
#include "table/plan_schema.h"
#include "table/seed003_golden.h"
#include "table/text_tables.h"
#include "text/vietnamese.h"

namespace vnplan::layout_bench {
namespace {

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : " ") + l;
  return out;
}

struct Args {
  int docs = 100;
  uint64_t seed_base = 100;
  SimOptions sim;
  double threshold = 0.95;
  int show_errors = 0;
  std::string dump;
  std::string source_dir = LAYOUT_BENCH_SOURCE_DIR;
  // "on": rows laid out with the language model too, as `vnplan run` does
  // (TextTableOptions::scorer = pipeline::RestorerLayoutScorer); "off":
  // widths, rule marks and cues alone.
  std::string lm = "on";
  std::string models_dir = LAYOUT_BENCH_MODELS_DIR;
  std::string half = "all";  // all | even | odd truth rows (in file order)
  // (truth, eng-OCR) line pairs whose word spellings garble the cells
  // (SimOptions::garble); empty: cells folded only.
  std::string garble_pairs;
  // Per-column word statistics (table/column_words.h) added to the layout
  // cost: a model file (tools/layout_bench: vnplan-column-words), and/or,
  // with column_words_loo, the truth rows of the files none of a
  // document's rows come from (leave-one-file-out: never a row's own
  // file). Both off by default.
  std::string column_words;
  bool column_words_loo = false;
  table::TextTableOptions layout;  // column_word_weight / _options from the flags
  // A real document and its hand-written golden plan JSON (seed 003):
  // scored field by field instead of the synthetic documents.
  std::string golden_text, golden;
};

// The truth files: hand-checked expected JSON of seeds 000, 002, 004 and of
// the samples. Seed 003 (the decoder's tuning document) is never used.
std::vector<std::filesystem::path> TruthFiles(const std::filesystem::path& root) {
  std::vector<std::filesystem::path> files;
  for (const char* seed : {"seed_000", "seed_002", "seed_004"}) {
    files.push_back(root / "tests/data/table" / (std::string(seed) + ".expected.json"));
  }
  std::vector<std::filesystem::path> samples;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(root / "samples", ec)) {
    std::string name = e.path().filename().string();
    if (name.ends_with(".expected.json")) samples.push_back(e.path());
  }
  std::sort(samples.begin(), samples.end());
  files.insert(files.end(), samples.begin(), samples.end());
  return files;
}

struct Tally {
  int fields = 0, close = 0;
  double sum = 0.0;
  int nonempty = 0, nonempty_close = 0;
  double nonempty_sum = 0.0;
  void Add(double s, bool want_nonempty, double threshold) {
    ++fields;
    sum += s;
    close += s >= threshold;
    if (want_nonempty) {
      ++nonempty;
      nonempty_sum += s;
      nonempty_close += s >= threshold;
    }
  }
};

void PrintTally(const char* name, const Tally& t) {
  auto pct = [](int a, int b) { return b ? 100.0 * a / b : 0.0; };
  std::printf("%-26s %5d/%-5d %6.2f %%  mean %.4f   | non-empty %5d/%-5d %6.2f %%  mean %.4f\n",
              name, t.close, t.fields, pct(t.close, t.fields), t.fields ? t.sum / t.fields : 0.0,
              t.nonempty_close, t.nonempty, pct(t.nonempty_close, t.nonempty),
              t.nonempty ? t.nonempty_sum / t.nonempty : 0.0);
}

constexpr int kTimelineField = 3;  // kFieldNames[3], "timeline"

// A field's (or row's) confidence and whether it was right.
struct Scored {
  double confidence = 1.0;
  bool right = false;
};

// Area under the ROC curve of `confidence` for telling right from wrong
// items (ties count one half): the chance that a right item drawn at
// random has a higher confidence than a wrong one. 0.5 without either.
double Auc(const std::vector<Scored>& items) {
  std::vector<Scored> sorted = items;
  std::sort(sorted.begin(), sorted.end(),
            [](const Scored& x, const Scored& y) { return x.confidence < y.confidence; });
  double wrong_below = 0.0, pairs = 0.0, wins = 0.0, right = 0.0, wrong = 0.0;
  for (size_t i = 0; i < sorted.size();) {
    size_t j = i;
    double r = 0.0, w = 0.0;
    while (j < sorted.size() && sorted[j].confidence == sorted[i].confidence) {
      (sorted[j].right ? r : w) += 1.0;
      ++j;
    }
    wins += r * wrong_below + 0.5 * r * w;
    wrong_below += w;
    right += r;
    wrong += w;
    i = j;
  }
  pairs = right * wrong;
  return pairs > 0.0 ? wins / pairs : 0.5;
}

// Calibration of `items`: counts and share right per confidence bin, the
// Brier score, the expected calibration error (bin-weighted |confidence -
// share right|) and the AUC.
void PrintCalibration(const char* name, const std::vector<Scored>& items) {
  static const double kEdges[] = {0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0000001};
  constexpr int kBins = static_cast<int>(std::size(kEdges)) - 1;
  std::array<int, kBins> n{}, right{};
  std::array<double, kBins> sum{};
  double brier = 0.0, all_right = 0.0, all_sum = 0.0;
  for (const Scored& s : items) {
    int b = 0;
    while (b + 1 < kBins && s.confidence >= kEdges[b + 1]) ++b;
    ++n[b];
    right[b] += s.right;
    sum[b] += s.confidence;
    brier += (s.confidence - s.right) * (s.confidence - s.right);
    all_right += s.right;
    all_sum += s.confidence;
  }
  double ece = 0.0;
  for (int b = 0; b < kBins; ++b) {
    if (n[b]) ece += std::abs(sum[b] - right[b]);
  }
  const double total = static_cast<double>(items.size());
  std::printf("%s: %zu, right %.2f %%, mean confidence %.4f, AUC %.4f, Brier %.4f, ECE %.4f\n",
              name, items.size(), total ? 100.0 * all_right / total : 0.0,
              total ? all_sum / total : 0.0, Auc(items), total ? brier / total : 0.0,
              total ? ece / total : 0.0);
  for (int b = 0; b < kBins; ++b) {
    std::printf("  confidence [%.2f, %.2f%s %6d  (%5.1f %%)  mean conf %.3f  right %6.2f %%\n",
                kEdges[b], std::min(kEdges[b + 1], 1.0), b + 1 == kBins ? "]" : ")", n[b],
                total ? 100.0 * n[b] / total : 0.0, n[b] ? sum[b] / n[b] : 0.0,
                n[b] ? 100.0 * right[b] / n[b] : 0.0);
  }
}

// The content cells (columns 2..8) of the kPipeOcr table rows, in order.
std::vector<const std::vector<table::Cell>*> PipeRows(const std::vector<table::Table>& tables) {
  std::vector<const std::vector<table::Cell>*> rows;
  for (const auto& t : tables) {
    if (t.format != table::TableFormat::kPipeOcr) continue;
    for (const auto& row : t.rows) {
      if (row.size() >= 2 + kContentColumns) rows.push_back(&row);
    }
  }
  return rows;
}

Status Dump(const std::filesystem::path& dir, const SimDocument& doc) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return MakeError(ErrorCode::kIo, "cannot create " + dir.string());
  std::string stem = "layout_" + std::to_string(doc.seed);
  std::ofstream text(dir / (stem + ".txt"), std::ios::binary);
  text << doc.text;
  nlohmann::ordered_json truth = nlohmann::ordered_json::array();
  for (const auto& row : doc.rows) {
    nlohmann::ordered_json r;
    r["source"] = row.truth.source;
    r["criterion"] = row.truth.criterion;
    for (int c = 0; c < kContentColumns; ++c) r[kFieldNames[c]] = FoldField(row.truth.fields[c]);
    truth.push_back(std::move(r));
  }
  std::ofstream json(dir / (stem + ".truth.json"), std::ios::binary);
  json << truth.dump(2) << "\n";
  if (!text || !json)
    return MakeError(ErrorCode::kIo, "cannot write " + stem + " in " + dir.string());
  return {};
}

// Scores a real document (--golden-text) against its hand-written golden
// (--golden) as tests/table/seed003_restore_test.cc's EveryFieldMatchesGolden
// does: tables found in the NFC text (rows laid out with `options`), cells
// restored with the language model in kOcr mode, every field of every
// criterion compared (seed003_golden.h). Needs the restorer's models.
int ScoreGoldenDocument(const Args& args, const table::TextTableOptions& options,
                        const lm::Restorer* restorer) {
  if (!restorer) {
    std::fprintf(stderr, "layout-bench: --golden-text needs the restorer\n");
    return ExitCodeFor(ErrorCode::kModelMissing);
  }
  std::ifstream in(args.golden_text, std::ios::binary);
  std::ifstream golden_in(args.golden, std::ios::binary);
  if (!in || !golden_in) {
    std::fprintf(stderr, "layout-bench: cannot read %s or %s\n", args.golden_text.c_str(),
                 args.golden.c_str());
    return ExitCodeFor(ErrorCode::kInputError);
  }
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json golden = nlohmann::json::parse(golden_in, nullptr, false);
  if (golden.is_discarded() || !golden.contains("criteria")) {
    std::fprintf(stderr, "layout-bench: %s is not a plan JSON\n", args.golden.c_str());
    return ExitCodeFor(ErrorCode::kInputError);
  }
  table::TextTables found = table::ExtractTablesFromText(text::ToNfc(text.str()), options);
  table::MapOptions map;
  lm::RestoreOptions cell;
  cell.mode = lm::RestoreMode::kOcr;
  map.restore_cell = [&](std::string_view c, float) { return restorer->Restore(c, cell).text; };
  table::PlanDocument plan = table::MapToPlan(found.tables, restorer->Restore(found.text).text, map);
  table::SourceInfo source;
  source.path = args.golden_text;
  source.route = "text";
  nlohmann::ordered_json got = table::ToJson(plan, source);
  table::GoldenScore score = table::ScoreAgainstGolden(got["criteria"], golden["criteria"]);
  table::GoldenScore folded = table::ScoreAgainstGolden(
      got["criteria"], golden["criteria"], [](const std::string& s) { return table::Fold(s); });
  std::printf("%s: %d/%d fields >= 0.95, mean %.4f (folded: %d/%d, mean %.4f)\n%s",
              args.golden_text.c_str(), score.close, score.fields, score.mean, folded.close,
              folded.fields, folded.mean, args.show_errors > 0 ? score.report.c_str() : "");
  return 0;
}

int Run(Args args) {
  auto truth = LoadTruth(TruthFiles(args.source_dir));
  if (!truth) {
    std::fprintf(stderr, "layout-bench: %s\n", truth.error().message.c_str());
    return ExitCodeFor(truth.error().code);
  }
  const std::vector<TruthRow> all_truth_rows = *truth;
  const std::vector<TruthRow>* all_truth = &all_truth_rows;
  if (args.half != "all") {
    std::vector<TruthRow> kept;
    for (size_t i = 0; i < truth->size(); ++i) {
      if ((i % 2 == 0) == (args.half == "even")) kept.push_back((*truth)[i]);
    }
    *truth = std::move(kept);
  }
  GarbleTable garble;
  if (!args.garble_pairs.empty()) {
    auto loaded = LoadGarble(args.garble_pairs);
    if (!loaded) {
      std::fprintf(stderr, "layout-bench: %s\n", loaded.error().message.c_str());
      return ExitCodeFor(loaded.error().code);
    }
    garble = std::move(*loaded);
    args.sim.garble = &garble;
    std::fprintf(stderr, "layout-bench: %zu garbled word forms\n", garble.size());
  }
  std::optional<lm::Restorer> restorer;
  std::optional<pipeline::RestorerLayoutScorer> scorer;
  table::TextTableOptions table_options = args.layout;
  table::ColumnWords base_words;
  if (!args.column_words.empty()) {
    auto loaded = table::ColumnWords::Load(args.column_words);
    if (!loaded) {
      std::fprintf(stderr, "layout-bench: %s\n", loaded.error().message.c_str());
      return ExitCodeFor(loaded.error().code);
    }
    base_words = std::move(*loaded);
  }
  const bool use_words = !args.column_words.empty() || args.column_words_loo;
  // A golden document's cells are restored whatever --lm says (which then
  // only chooses how its rows are laid out).
  if (args.lm == "on" || !args.golden_text.empty()) {
    auto loaded = lm::Restorer::Load(args.models_dir);
    if (!loaded) {
      std::fprintf(stderr, "layout-bench: %s (or run with --lm off)\n",
                   loaded.error().message.c_str());
      return ExitCodeFor(loaded.error().code);
    }
    restorer.emplace(std::move(*loaded));
    if (args.lm == "on") table_options.scorer = &scorer.emplace(&*restorer);
  }
  if (!args.golden_text.empty()) {
    if (use_words) table_options.column_words = &base_words;
    return ScoreGoldenDocument(args, table_options, restorer ? &*restorer : nullptr);
  }
  std::fprintf(stderr, "layout-bench: %zu truth rows, %d documents from seed %llu\n", truth->size(),
               args.docs, static_cast<unsigned long long>(args.seed_base));
  std::array<Tally, kContentColumns> per_column;
  Tally overall;
  int loo_rows = 0;  // truth rows added to the column words, all documents
  int rows_expected = 0, rows_found = 0, tables_found = 0, lines = 0, rules = 0, boundaries = 0;
  std::map<std::string, int> kinds;
  PieceStats pieces;
  // Layout confidence (Cell::confidence / 100) against right (similarity >=
  // threshold) for the fields of found rows: all, non-empty truth,
  // non-empty decoded cell; rows (mean over non-empty cells, right = every
  // field right) and the rows' mean confidence by wrong fields (0..3+).
  std::vector<Scored> field_scores, nonempty_truth_scores, nonempty_got_scores, row_scores;
  std::array<int, 4> rows_by_wrong{};
  std::array<double, 4> row_conf_by_wrong{};
  int unmatched_rows = 0;
  std::map<std::string, Tally> per_source;
  std::ostringstream errors;
  int errors_shown = 0;
  for (int d = 0; d < args.docs; ++d) {
    SimDocument doc = SimulateDocument(*truth, args.seed_base + d, args.sim);
    if (!args.dump.empty()) {
      if (auto s = Dump(args.dump, doc); !s) {
        std::fprintf(stderr, "layout-bench: %s\n", s.error().message.c_str());
        return ExitCodeFor(s.error().code);
      }
    }
    for (const auto& row : doc.rows) {
      for (const auto& line : row.lines) {
        ++lines;
        rules += line.rule_marks;
        boundaries += static_cast<int>(line.pieces.size()) - (line.label.empty() ? 1 : 0);
      }
    }
    table::ColumnWords doc_words;
    if (use_words) {
      doc_words = base_words;
      if (args.column_words_loo) {
        std::set<std::string> sources;
        for (const auto& row : doc.rows) sources.insert(row.truth.source);
        for (const auto& row : *all_truth) {
          if (sources.count(row.source)) continue;
          ++loo_rows;
          for (int c = 0; c < kContentColumns; ++c) doc_words.AddCell(c, row.fields[c]);
        }
      }
      table_options.column_words = &doc_words;
    }
    table::TextTables found = table::ExtractTablesFromText(doc.text, table_options);
    bool has_pipe =
        std::any_of(found.tables.begin(), found.tables.end(),
                    [](const table::Table& t) { return t.format == table::TableFormat::kPipeOcr; });
    tables_found += has_pipe;
    std::vector<table::Criterion> got;
    if (has_pipe) got = table::MapToPlan(found.tables, found.text).criteria;
    // The table row each criterion came from (its content cells equal the
    // criterion's fields, but for the timeline, which MapToPlan
    // normalises: "thang" -> "tháng"), for the cells' layout confidence.
    const auto pipe_rows = PipeRows(found.tables);
    size_t pipe_cursor = 0;
    // Rows are paired in order by criterion number (a lost row does not
    // shift the others).
    size_t cursor = 0;
    for (const auto& row : doc.rows) {
      ++rows_expected;
      const table::Criterion* match = nullptr;
      for (size_t k = cursor; k < got.size() && k < cursor + 3; ++k) {
        if (got[k].criterion == row.truth.criterion) {
          match = &got[k];
          cursor = k + 1;
          break;
        }
      }
      rows_found += match != nullptr;
      const std::vector<table::Cell>* cells = nullptr;
      if (match) {
        const std::string* fields[] = {
            &match->expected_result, &match->actions,       &match->responsible, &match->timeline,
            &match->budget,          &match->other_support, &match->notes};
        for (size_t k = pipe_cursor; k < pipe_rows.size() && !cells; ++k) {
          bool same = true;
          for (int c = 0; c < kContentColumns && same; ++c) {
            same = c == kTimelineField ||
                   table::CollapseSpaces((*pipe_rows[k])[2 + c].text) == *fields[c];
          }
          if (same) {
            cells = pipe_rows[k];
            pipe_cursor = k + 1;
          }
        }
        unmatched_rows += cells == nullptr;
      }
      int row_wrong = 0;
      double row_sum = 0.0;
      int row_cells = 0;
      if (match) {
        AddPieceStats(row,
                      {match->expected_result, match->actions, match->responsible, match->timeline,
                       match->budget, match->other_support, match->notes},
                      &pieces);
      }
      bool row_header_shown = false;
      for (int c = 0; c < kContentColumns; ++c) {
        // With garbled cells, what was printed is what a layout can give back.
        std::string want = table::Fold(args.sim.garble ? JoinLines(row.cell_lines[c])
                                                       : row.truth.fields[c]);
        std::string have;
        if (match) {
          const std::string* fields[] = {
              &match->expected_result, &match->actions,       &match->responsible, &match->timeline,
              &match->budget,          &match->other_support, &match->notes};
          have = table::Fold(*fields[c]);
        }
        double s = match ? table::Similarity(want, have) : 0.0;
        if (cells) {
          const table::Cell& cell = (*cells)[2 + c];
          Scored item{cell.confidence / 100.0, s >= args.threshold};
          field_scores.push_back(item);
          if (!want.empty()) nonempty_truth_scores.push_back(item);
          if (!cell.text.empty()) {
            nonempty_got_scores.push_back(item);
            row_sum += item.confidence;
            ++row_cells;
          }
          row_wrong += !item.right;
        }
        per_column[c].Add(s, !want.empty(), args.threshold);
        overall.Add(s, !want.empty(), args.threshold);
        per_source[row.truth.source].Add(s, !want.empty(), args.threshold);
        if (s >= args.threshold) continue;
        std::string kind = match ? ErrorKind(want, have) : "row missing";
        ++kinds[std::string(kFieldNames[c]) + ": " + kind];
        if (errors_shown < args.show_errors) {
          if (!row_header_shown) {
            errors << "== doc " << doc.seed << " criterion " << row.truth.criterion << " ("
                   << row.truth.source << ")\n";
            for (const auto& line : row.lines) errors << "   | " << line.text << "\n";
            row_header_shown = true;
          }
          ++errors_shown;
          errors << "  " << kFieldNames[c] << " " << s << " [" << kind << "]\n    want: " << want
                 << "\n    got:  " << have << "\n";
        }
      }
      if (cells) {
        // As Criterion::confidence: the mean over the non-empty cells.
        row_scores.push_back({row_cells ? row_sum / row_cells : 1.0, row_wrong == 0});
        ++rows_by_wrong[std::min(row_wrong, 3)];
        row_conf_by_wrong[std::min(row_wrong, 3)] += row_cells ? row_sum / row_cells : 1.0;
      }
    }
    if ((d + 1) % 10 == 0) std::fprintf(stderr, "layout-bench: %d/%d\n", d + 1, args.docs);
  }
  std::printf("layout lm %s, truth rows %s (%zu), ", args.lm.c_str(), args.half.c_str(),
              truth->size());
  std::printf("documents %d (seeds %llu..%llu), tables found %d, rows found %d/%d\n", args.docs,
              static_cast<unsigned long long>(args.seed_base),
              static_cast<unsigned long long>(args.seed_base + args.docs - 1), tables_found,
              rows_found, rows_expected);
  if (args.column_words_loo) {
    std::printf("column words: %.1f truth rows of other files per document (leave-one-file-out)\n",
                args.docs ? static_cast<double>(loo_rows) / args.docs : 0.0);
  }
  std::printf("printed lines %d, column boundaries %d, rule marks %d (%.1f %%)\n", lines,
              boundaries, rules, boundaries ? 100.0 * rules / boundaries : 0.0);
  std::printf("fields with folded similarity >= %.2f:\n", args.threshold);
  for (int c = 0; c < kContentColumns; ++c) PrintTally(kFieldNames[c], per_column[c]);
  PrintTally("overall", overall);
  std::printf("overall by truth file:\n");
  for (const auto& [source, tally] : per_source) PrintTally(source.c_str(), tally);
  std::printf("error shapes (field: kind count):\n");
  for (const auto& [k, n] : kinds) std::printf("  %-60s %d\n", k.c_str(), n);
  std::printf(
      "printed pieces of found rows by place in their cell (fate = where most lost "
      "words went):\n  %-12s",
      "");
  for (int f = 0; f < static_cast<int>(PieceFate::kCount); ++f) {
    std::printf("%10s", PieceFateName(static_cast<PieceFate>(f)));
  }
  std::printf("\n");
  for (int p = 0; p < static_cast<int>(PiecePlace::kCount); ++p) {
    std::printf("  %-12s", PiecePlaceName(static_cast<PiecePlace>(p)));
    for (int f = 0; f < static_cast<int>(PieceFate::kCount); ++f) {
      std::printf("%10d", pieces.pieces[p][f]);
    }
    std::printf("\n");
  }
  std::printf(
      "words of found rows, true column (rows) -> decoded column (columns, x = dropped):\n"
      "  %-16s",
      "");
  for (int d = 0; d < kContentColumns; ++d) std::printf("%7d", d);
  std::printf("%7s\n", "x");
  for (int c = 0; c < kContentColumns; ++c) {
    std::printf("  %d %-14s", c, kFieldNames[c]);
    for (int d = 0; d <= kContentColumns; ++d) std::printf("%7d", pieces.words[c][d]);
    std::printf("\n");
  }
  std::printf("layout confidence (scale %g; fields of found rows, right = similarity >= %.2f",
              table_options.layout_confidence_scale, args.threshold);
  if (unmatched_rows) std::printf("; %d rows not matched to their table row", unmatched_rows);
  std::printf("):\n");
  PrintCalibration("fields", field_scores);
  PrintCalibration("fields, non-empty truth", nonempty_truth_scores);
  PrintCalibration("fields, non-empty decoded", nonempty_got_scores);
  PrintCalibration("rows (mean over non-empty cells; right = all 7 fields)", row_scores);
  std::printf("  rows by wrong fields:");
  for (int w = 0; w < 4; ++w) {
    std::printf("  %d%s: %d, mean conf %.3f", w, w == 3 ? "+" : "", rows_by_wrong[w],
                rows_by_wrong[w] ? row_conf_by_wrong[w] / rows_by_wrong[w] : 0.0);
  }
  std::printf("\n");
  if (args.show_errors > 0)
    std::printf("\nfirst %d field errors:\n%s", errors_shown, errors.str().c_str());
  return 0;
}

}  // namespace
}  // namespace vnplan::layout_bench

int main(int argc, char** argv) {
  using vnplan::layout_bench::Args;
  Args args;
  CLI::App app{"Synthetic benchmark of the OCR-line plan table layout (seed 003 style)"};
  app.add_option("--docs", args.docs, "documents per run")->capture_default_str();
  app.add_option("--seed-base", args.seed_base, "seed of the first document")
      ->capture_default_str();
  app.add_option("--p-rule-min", args.sim.p_rule_min, "lowest document rule-mark probability")
      ->capture_default_str();
  app.add_option("--p-rule-max", args.sim.p_rule_max, "highest document rule-mark probability")
      ->capture_default_str();
  app.add_option("--noise", args.sim.noise, "share of words given one accented vowel")
      ->capture_default_str();
  app.add_option("--garble-pairs", args.garble_pairs,
                 "TSV of (truth, eng-OCR) line pairs: cells printed with their words' OCR "
                 "spellings (tools/lm/make_pairs.sh eng writes OUT/train.tsv)");
  app.add_option("--width-noise", args.sim.width_noise,
                 "words wrapped with widths off the decoder's measure by up to this share")
      ->capture_default_str();
  app.add_option("--rows-min", args.sim.rows_min, "fewest criterion rows per document")
      ->capture_default_str();
  app.add_option("--rows-max", args.sim.rows_max, "most criterion rows per document")
      ->capture_default_str();
  app.add_option("--width-min", args.sim.width_min, "narrowest total content width")
      ->capture_default_str();
  app.add_option("--width-max", args.sim.width_max, "widest total content width")
      ->capture_default_str();
  app.add_option("--threshold", args.threshold, "similarity counted as right")
      ->capture_default_str();
  app.add_option("--show-errors", args.show_errors, "print the first K field errors");
  app.add_option("--dump", args.dump, "write the generated documents and their truth here");
  app.add_option("--source-dir", args.source_dir, "repository root holding the truth files")
      ->capture_default_str();
  app.add_option("--lm", args.lm,
                 "lay rows out with the language model too (as vnplan run), or without")
      ->check(CLI::IsMember({"on", "off"}))
      ->capture_default_str();
  app.add_option("--models", args.models_dir, "models directory for --lm on")
      ->capture_default_str();
  app.add_option("--truth-half", args.half,
                 "truth rows used: all, or the even/odd ones in file order (to tune on one "
                 "half and check on the other)")
      ->check(CLI::IsMember({"all", "even", "odd"}))
      ->capture_default_str();
  app.add_option("--column-words", args.column_words,
                 "per-column word statistics (vnplan-column-words) added to the layout cost");
  app.add_flag("--column-words-loo", args.column_words_loo,
               "also train per-column word statistics on the truth files none of a document's "
               "rows come from");
  app.add_option("--column-word-weight", args.layout.column_word_weight,
                 "weight of the per-column word statistics")
      ->capture_default_str();
  app.add_option("--column-word-prior", args.layout.column_word_options.prior,
                 "Dirichlet prior strength of the per-column word statistics")
      ->capture_default_str();
  app.add_option("--column-word-prior-share", args.layout.column_word_options.prior_share,
                 "Dirichlet prior strength of the per-column word statistics, as a share of "
                 "each column's word count (added to --column-word-prior)")
      ->capture_default_str();
  app.add_option("--column-word-cap", args.layout.column_word_options.cap,
                 "clip of the per-word column log-odds")
      ->capture_default_str();
  app.add_option("--confidence-scale", args.layout.layout_confidence_scale,
                 "sharpness of the cells' layout confidence (TextTableOptions::"
                 "layout_confidence_scale; 0: 100 everywhere)")
      ->capture_default_str();
  app.add_option("--golden-text", args.golden_text,
                 "score this real document (seed 003) against --golden instead of the "
                 "synthetic documents");
  app.add_option("--golden", args.golden, "hand-written golden plan JSON of --golden-text");
  CLI11_PARSE(app, argc, argv);
  if (args.docs < 0 || args.sim.rows_min < 1 || args.sim.rows_max < args.sim.rows_min ||
      args.sim.p_rule_min > args.sim.p_rule_max || args.sim.width_min > args.sim.width_max ||
      args.sim.width_noise < 0 || args.sim.width_noise >= 1) {
    std::fprintf(stderr, "layout-bench: inconsistent options\n");
    return vnplan::ExitCodeFor(vnplan::ErrorCode::kInvalidArgument);
  }
  return vnplan::layout_bench::Run(args);
}
