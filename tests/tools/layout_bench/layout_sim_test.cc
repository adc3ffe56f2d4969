// Tests of the OCR-line table layout simulator (tools/layout_bench): greedy
// wrapping by printed width, folding, the per-line layout of a row (top
// aligned cells, pieces in column order, separators), determinism, and that
// a generated document is read back as a kPipeOcr table with its rows.
#include "layout_sim.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "bench_score.h"
#include "table/fuzzy.h"
#include "table/plan_schema.h"
#include "table/printed_width.h"
#include "table/text_tables.h"

namespace vnplan::layout_bench {
namespace {

std::string FirstWord(const std::string& line) { return line.substr(0, line.find(' ')); }

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " ") + p;
  return out;
}

TruthRow SampleRow(const std::string& criterion, int standard) {
  TruthRow row;
  row.source = "test";
  row.standard = standard;
  row.standard_title = "Tổ chức và quản lý nhà trường";
  row.criterion = criterion;
  row.fields = {"Giáo viên, nhân viên quan tâm đến văn bản niêm yết của nhà trường",
                "Thực hiện tốt Quy chế dân chủ cơ sở và thực hiện nghiêm túc nhiệm vụ chính trị "
                "của nhà trường, xây dựng khối đoàn kết nội bộ",
                "Hiệu trưởng, Tổ trưởng chuyên môn",
                "Từ tháng 9/2024 đến tháng 5/2025",
                "Không có",
                "",
                ""};
  return row;
}

const std::array<double, kContentColumns> kWidths = {18, 23, 15, 10, 9, 16, 4};

TEST(LayoutSimTest, WrapCellByHand) {
  // "aa" = 2 x 444/460 = 1.930, "bb" = 2 x 500/460 = 2.174, space 0.5:
  // "aa bb" = 4.604, "aa bb cc" = 7.034.
  EXPECT_EQ(WrapCell("aa bb cc", 5.0), (std::vector<std::string>{"aa bb", "cc"}));
  EXPECT_EQ(WrapCell("aa  bb\ncc", 7.1), (std::vector<std::string>{"aa bb cc"}));
  EXPECT_EQ(WrapCell("aa bb cc", 1.0), (std::vector<std::string>{"aa", "bb", "cc"}));
  EXPECT_TRUE(WrapCell("   ", 10.0).empty());
  EXPECT_NEAR(LineWidth("aa bb"), 4.604, 0.001);
}

TEST(LayoutSimTest, WrapIsGreedyAndLossless) {
  std::string text = FoldField(SampleRow("1.1", 1).fields[1]);
  for (double width : {3.0, 6.5, 10.0, 17.3, 25.0, 200.0}) {
    auto lines = WrapCell(text, width);
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(Join(lines), text) << width;
    for (size_t i = 0; i < lines.size(); ++i) {
      bool single_word = lines[i].find(' ') == std::string::npos;
      EXPECT_TRUE(LineWidth(lines[i]) <= width || single_word) << width << " " << lines[i];
      if (i + 1 < lines.size()) {
        // The next line's first word would not have fitted.
        EXPECT_GT(
            LineWidth(lines[i]) + table::kSpaceWidth + table::WordWidth(FirstWord(lines[i + 1])),
            width)
            << width << " " << lines[i];
      }
    }
  }
}

TEST(LayoutSimTest, FoldFieldStripsMarksKeepsCase) {
  EXPECT_EQ(FoldField("Tiêu chí  Đạt\tyêu cầu "), "Tieu chi Dat yeu cau");
  EXPECT_EQ(FoldField(""), "");
}

TEST(LayoutSimTest, RowIsTopAlignedAndLossless) {
  Rng rng(7);
  TruthRow truth = SampleRow("1.9", 1);
  SimRow row = LayOutRow(truth, kWidths, /*p_rule=*/0.5, /*noise=*/0.0, &rng, &rng);
  std::array<std::vector<std::string>, kContentColumns> pieces;
  for (size_t j = 0; j < row.lines.size(); ++j) {
    int previous = -1;
    for (const auto& p : row.lines[j].pieces) {
      EXPECT_GT(p.column, previous);
      previous = p.column;
      // Top aligned: the column's piece on line j is its (j+1)-th line.
      EXPECT_EQ(pieces[p.column].size(), j);
      pieces[p.column].push_back(p.text);
    }
  }
  size_t height = 0;
  for (int c = 0; c < kContentColumns; ++c) {
    EXPECT_EQ(Join(pieces[c]), FoldField(truth.fields[c])) << c;
    EXPECT_EQ(pieces[c], row.cell_lines[c]);
    height = std::max(height, pieces[c].size());
  }
  ASSERT_GE(row.lines.size(), 1u);
  EXPECT_LE(row.lines.size(), std::max<size_t>(height, 2));
  EXPECT_TRUE(row.lines[0].label.starts_with("Ti"));
  std::string number =
      row.lines[0].label.ends_with("1.9") ? row.lines[0].label : row.lines[1].label;
  EXPECT_TRUE(number.ends_with("1.9"));
}

TEST(LayoutSimTest, SeparatorsFollowPRule) {
  TruthRow truth = SampleRow("2.3", 2);
  Rng never(1);
  SimRow plain = LayOutRow(truth, kWidths, 0.0, 0.0, &never, &never);
  for (const auto& line : plain.lines) {
    EXPECT_EQ(line.rule_marks, 0);
    std::vector<std::string> parts;
    if (!line.label.empty()) parts.push_back(line.label);
    for (const auto& p : line.pieces) parts.push_back(p.text);
    std::string expected;
    for (const auto& p : parts) expected += (expected.empty() ? "" : " ") + p;
    EXPECT_EQ(line.text, expected);
  }
  Rng always(2);
  SimRow ruled = LayOutRow(truth, kWidths, 1.0, 0.0, &always, &always);
  for (const auto& line : ruled.lines) {
    int boundaries = static_cast<int>(line.pieces.size()) - (line.label.empty() ? 1 : 0);
    EXPECT_EQ(line.rule_marks, std::max(boundaries, 0)) << line.text;
    int marks = 0;
    for (size_t i = 0; i < line.text.size(); ++i) {
      char c = line.text[i];
      bool date_slash = c == '/' && i > 0 && i + 1 < line.text.size() &&
                        std::isdigit(static_cast<unsigned char>(line.text[i - 1])) &&
                        std::isdigit(static_cast<unsigned char>(line.text[i + 1]));
      marks += (c == '|' || c == '[' || c == '{' || (c == '/' && !date_slash));
    }
    EXPECT_EQ(marks, line.rule_marks) << line.text;
  }
}

TEST(LayoutSimTest, NoiseOnlyAddsMarks) {
  Rng rng(3);
  TruthRow truth = SampleRow("1.1", 1);
  SimRow row = LayOutRow(truth, kWidths, 0.5, /*noise=*/1.0, &rng, &rng);
  int accented = 0;
  for (int c = 0; c < kContentColumns; ++c) {
    std::string joined = Join(row.cell_lines[c]);
    EXPECT_EQ(FoldField(joined), FoldField(truth.fields[c]));
    accented += joined != FoldField(truth.fields[c]);
  }
  EXPECT_GT(accented, 0);
}

TEST(LayoutSimTest, DeterministicDraws) {
  Rng a(42), b(42);
  for (int i = 0; i < 100; ++i) {
    int x = a.Below(7);
    EXPECT_EQ(x, b.Below(7));
    EXPECT_GE(x, 0);
    EXPECT_LT(x, 7);
  }
  std::vector<TruthRow> pool;
  for (int i = 1; i <= 8; ++i)
    pool.push_back(SampleRow(std::to_string(i % 5 + 1) + "." + std::to_string(i), i % 5 + 1));
  SimOptions options;
  EXPECT_EQ(SimulateDocument(pool, 5, options).text, SimulateDocument(pool, 5, options).text);
  EXPECT_NE(SimulateDocument(pool, 5, options).text, SimulateDocument(pool, 6, options).text);
}

TEST(LayoutSimTest, NoiseHasItsOwnStream) {
  std::vector<TruthRow> pool;
  for (int i = 1; i <= 8; ++i) pool.push_back(SampleRow("1." + std::to_string(i), 1));
  SimOptions clean, noisy;
  clean.noise = 0.0;
  noisy.noise = 0.5;
  std::string a = SimulateDocument(pool, 9, clean).text, b = SimulateDocument(pool, 9, noisy).text;
  EXPECT_NE(a, b);
  EXPECT_EQ(table::Fold(a), table::Fold(b));
}

TEST(LayoutSimTest, GarbleTableAlignsPairsWordByWord) {
  std::filesystem::path tsv =
      std::filesystem::path(::testing::TempDir()) / "layout_sim_garble_pairs.tsv";
  {
    std::ofstream out(tsv, std::ios::binary);
    out << "Hội chữ thập đỏ\tHo6i chir thap d6\n"
        << "Hội viên\tHoi vién\n"
        << "một hai ba\tmot hai\n"          // word counts differ: skipped
        << "của trường\tcta |truong\n"      // a rule-mark spelling is left out
        << "no tab on this line\n";
  }
  auto table = LoadGarble(tsv);
  ASSERT_TRUE(table.has_value());
  EXPECT_EQ(table->at("Hội"), (std::vector<std::string>{"Ho6i", "Hoi"}));
  EXPECT_EQ(table->at("chữ"), (std::vector<std::string>{"chir"}));
  EXPECT_EQ(table->at("của"), (std::vector<std::string>{"cta"}));
  EXPECT_EQ(table->count("một"), 0u);
  EXPECT_EQ(table->count("trường"), 0u);
  EXPECT_EQ(table->count("no"), 0u);
  std::filesystem::remove(tsv);
  EXPECT_FALSE(LoadGarble(tsv).has_value());
}

TEST(LayoutSimTest, GarbledCellsKeepThePrintedWrap) {
  // Every spelling is much longer than its word, so wrapping the garbled
  // text would give other lines: the lines must be those of the printed
  // (folded) cell, word for word.
  GarbleTable garble = {{"Hiệu", {"Hiéuuuuuuuuuuuuu"}}, {"trưởng,", {"truongggggggggg,"}},
                        {"môn", {"mdnnnnnnnnnnnnn"}}};
  SimOptions options;
  options.noise = 0.0;
  options.garble = &garble;
  Rng layout(5), noise(6), garble_rng(7);
  TruthRow truth = SampleRow("1.1", 1);
  SimRow row = LayOutRow(truth, kWidths, 0.5, options, {&layout, &noise, nullptr, &garble_rng});
  const int responsible = 2;
  std::vector<std::string> printed = WrapCell(FoldField(truth.fields[responsible]),
                                              kWidths[responsible]);
  ASSERT_EQ(row.cell_lines[responsible].size(), printed.size());
  for (size_t i = 0; i < printed.size(); ++i) {
    EXPECT_EQ(std::count(row.cell_lines[responsible][i].begin(),
                         row.cell_lines[responsible][i].end(), ' '),
              std::count(printed[i].begin(), printed[i].end(), ' '))
        << i;
  }
  // "Hiệu trưởng, Tổ trưởng chuyên môn": the listed words garbled (the
  // comma kept after a bare match), the others folded.
  EXPECT_EQ(Join(row.cell_lines[responsible]),
            "Hiéuuuuuuuuuuuuu truongggggggggg, To truong chuyen mdnnnnnnnnnnnnn");
}

TEST(LayoutSimTest, WidthNoiseKeepsTheWordsAndChangesSomeWraps) {
  std::string text = FoldField(SampleRow("1.1", 1).fields[1]);
  Rng none(1);
  EXPECT_EQ(WrapCell(text, 12.0, &none, 0.0), WrapCell(text, 12.0));
  int changed = 0;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    Rng rng(seed);
    std::vector<std::string> lines = WrapCell(text, 12.0, &rng, 0.5);
    EXPECT_EQ(Join(lines), text) << seed;
    changed += lines != WrapCell(text, 12.0);
  }
  EXPECT_GT(changed, 0);
}

TEST(BenchScoreTest, ErrorKinds) {
  EXPECT_EQ(ErrorKind("a b c", "a b"), "lost words at the end");
  EXPECT_EQ(ErrorKind("a b c", "b c"), "lost words at the start");
  EXPECT_EQ(ErrorKind("a b", "a b c"), "extra words at the end");
  EXPECT_EQ(ErrorKind("a b", "x a b"), "extra words at the start");
  EXPECT_EQ(ErrorKind("a b", ""), "field empty");
  EXPECT_EQ(ErrorKind("", "x"), "spurious text in empty field");
  EXPECT_EQ(ErrorKind("a b c", "a x c"), "words lost and gained (middle or both ends)");
}

TEST(BenchScoreTest, LastLineTakenByTheNextColumn) {
  SimRow row;
  row.cell_lines[0] = {"Aa bb", "cc"};
  row.cell_lines[1] = {"dd ee", "ff gg"};
  row.cell_lines[2] = {"hh"};
  PieceStats stats;
  // "cc" (last line of column 0) read into column 1; "hh" lost.
  AddPieceStats(row, {"aa bb", "cc dd ee ff gg", "", "", "", "", ""}, &stats);
  auto piece = [&](PiecePlace p, PieceFate f) {
    return stats.pieces[static_cast<int>(p)][static_cast<int>(f)];
  };
  EXPECT_EQ(piece(PiecePlace::kFirst, PieceFate::kKept), 2);
  EXPECT_EQ(piece(PiecePlace::kLast, PieceFate::kToRight), 1);
  EXPECT_EQ(piece(PiecePlace::kLast, PieceFate::kKept), 1);
  EXPECT_EQ(piece(PiecePlace::kOnly, PieceFate::kDropped), 1);
  EXPECT_EQ(stats.words[0][0], 2);
  EXPECT_EQ(stats.words[0][1], 1);
  EXPECT_EQ(stats.words[1][1], 4);
  EXPECT_EQ(stats.words[2][kContentColumns], 1);
}

TEST(LayoutSimTest, DocumentReadsBackAsPipeOcrTable) {
  std::vector<TruthRow> pool;
  for (int i = 1; i <= 8; ++i) {
    int standard = (i - 1) / 3 + 1;
    pool.push_back(SampleRow(std::to_string(standard) + "." + std::to_string(i), standard));
  }
  SimOptions options;
  options.rows_min = options.rows_max = 6;
  SimDocument doc = SimulateDocument(pool, 11, options);
  ASSERT_EQ(doc.rows.size(), 6u);
  table::TextTables found = table::ExtractTablesFromText(doc.text);
  int pipe = 0;
  for (const auto& t : found.tables) pipe += t.format == table::TableFormat::kPipeOcr;
  EXPECT_EQ(pipe, 1);
  auto criteria = table::MapToPlan(found.tables, found.text).criteria;
  ASSERT_EQ(criteria.size(), doc.rows.size());
  for (size_t i = 0; i < criteria.size(); ++i) {
    EXPECT_EQ(criteria[i].criterion, doc.rows[i].truth.criterion);
    EXPECT_EQ(criteria[i].standard, doc.rows[i].truth.standard);
  }
}

TEST(LayoutSimTest, TruthFilesOfTheRepository) {
  std::filesystem::path root = VNPLAN_SOURCE_DIR;
  auto rows = LoadTruth(
      {root / "tests/data/table/seed_000.expected.json", root / "samples/mn_an_phu.expected.json"});
  ASSERT_TRUE(rows.has_value()) << rows.error().message;
  ASSERT_EQ(rows->size(), 6u);  // 3 + 3 criteria
  EXPECT_EQ((*rows)[0].criterion, "1.9");
  EXPECT_EQ((*rows)[0].fields[3], "Năm học 2024-2025");
  EXPECT_FALSE(LoadTruth({root / "no-such-file.json"}).has_value());
}

}  // namespace
}  // namespace vnplan::layout_bench
