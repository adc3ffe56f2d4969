// Grid reconstruction on vnplan-synth plan pages (clean and lightly degraded
// scans), with a fake engine that answers each cell region with the gold
// text of the gold cell box it falls in: this checks the geometry (grid
// detection, spans, page joins, repeated headers) and the mapping against
// the generator's gold criteria, independently of OCR quality.
#include <gtest/gtest.h>

#include "fake_ocr_engine.h"
#include "synth_scans.h"
#include "table/grid_tables.h"
#include "table/plan_schema.h"
#include "table/row_labels.h"
#include "table/table_model.h"

namespace vnplan::table {
namespace {

std::string Flat(const std::string& s) { return CollapseSpaces(s); }

void CheckPlan(const table_bench::ScanOptions& scan_options,
               const synth::PlanTable& given = {}) {
  auto scanned = table_bench::MakeScannedPlan(scan_options, given);
  ASSERT_TRUE(scanned.has_value()) << scanned.error().message;
  std::vector<Table> tables;
  for (size_t p = 0; p < scanned->pages.size(); ++p) {
    const auto& page = scanned->pages[p];
    FakeOcrEngine engine;
    for (const auto& cell : page.cells) engine.Add(cell.box, cell.text);
    auto found = ExtractTablesFromImage(page.image, static_cast<int>(p + 1), engine);
    ASSERT_TRUE(found.has_value()) << found.error().message;
    for (auto& t : *found) tables.push_back(std::move(t));
  }
  tables = JoinAcrossPages(std::move(tables));
  PlanDocument doc = MapToPlan(tables, "");
  const auto& gold = scanned->criteria;
  ASSERT_EQ(doc.criteria.size(), gold.size()) << "seed " << scan_options.seed;
  for (size_t i = 0; i < gold.size(); ++i) {
    const Criterion& c = doc.criteria[i];
    const auto& g = gold[i];
    SCOPED_TRACE("seed " + std::to_string(scan_options.seed) + " criterion " + g.criterion);
    if (g.level.empty()) {
      EXPECT_FALSE(c.level.has_value());  // a table without level rows
    } else {
      EXPECT_EQ(c.level, LevelName(ParseRowLabel(g.level).levels));
    }
    EXPECT_EQ(c.standard, g.standard);
    EXPECT_EQ(c.standard_title, Flat(g.standard_title));
    EXPECT_EQ(c.criterion, g.criterion);
    EXPECT_EQ(c.criterion_label, Flat(g.criterion_label));
    EXPECT_EQ(c.expected_result, Flat(g.expected_result));
    EXPECT_EQ(c.actions, Flat(g.actions));
    EXPECT_EQ(c.responsible, Flat(g.responsible));
    EXPECT_EQ(c.timeline, Flat(g.timeline));
    EXPECT_EQ(c.budget, Flat(g.budget));
    EXPECT_EQ(c.other_support, Flat(g.other_support));
    EXPECT_EQ(c.notes, Flat(g.notes));
    EXPECT_FALSE(c.pages.empty());
  }
}

TEST(GridSynthTest, CleanPagesAt150Dpi) {
  CheckPlan({.seed = 11, .criteria = 10, .dpi = 150, .degrade = ""});
}

TEST(GridSynthTest, LightScanAt200Dpi) {
  CheckPlan({.seed = 12, .criteria = 8, .dpi = 200, .degrade = "light"});
}

// Real plans' hand-checked rows (the bench's --rows-from): long cells of
// several wrapped lines, rows cut by page breaks, drawn column widths,
// seed 000's table without level rows.
TEST(GridSynthTest, RealPlanRowsCleanPages) {
  const char* files[] = {"tests/data/table/seed_000.expected.json",
                         "tests/data/table/seed_002.expected.json",
                         "tests/data/table/seed_004.expected.json",
                         "samples/mn_an_phu.expected.json",
                         "samples/th_hoa_binh.expected.json",
                         "samples/thcs_tan_loc.expected.json"};
  uint64_t seed = 31;
  for (const char* file : files) {
    SCOPED_TRACE(file);
    auto rows = table_bench::LoadCriteriaJson(std::string(VNPLAN_SOURCE_DIR) + "/" + file);
    ASSERT_TRUE(rows.has_value()) << rows.error().message;
    ASSERT_FALSE(rows->empty());
    synth::PlanTable given{*rows, table_bench::DrawWidths(seed)};
    CheckPlan({.seed = seed, .criteria = 0, .dpi = 150, .degrade = ""}, given);
    ++seed;
  }
}

}  // namespace
}  // namespace vnplan::table

namespace vnplan::table {
namespace {

// Deskewing is the imaging stage's job (imaging::CleanPage); here the
// medium preset keeps its blur, noise, JPEG, stamp, specks, shadow and
// 200 dpi, with a small residual skew.
TEST(GridSynthTest, MediumScansSeveralSeeds) {
  for (uint64_t seed : {21, 22, 23, 24}) {
    CheckPlan({.seed = seed, .criteria = 0, .dpi = 300, .degrade = "medium", .skew_deg = 0.15});
  }
}

}  // namespace
}  // namespace vnplan::table

namespace vnplan::table {
namespace {

// The benchmark's seeds (tools/table_bench, light preset), geometry only.
// Slow (10 pages at 300 dpi per plan): run with --gtest_also_run_disabled_tests.
TEST(GridSynthTest, DISABLED_BenchmarkSeedsLight) {
  for (uint64_t seed = 1000; seed < 1010; ++seed) {
    CheckPlan({.seed = seed, .criteria = 0, .dpi = 300, .degrade = "light"});
  }
}

}  // namespace
}  // namespace vnplan::table
