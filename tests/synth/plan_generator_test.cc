#include "synth/plan_generator.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "synth/markdown_doc.h"
#include "synth/page_layout.h"

namespace vnplan::synth {
namespace {

TEST(PlanGeneratorTest, DeterministicPerSeed) {
  EXPECT_EQ(GeneratePlan({.seed = 5}).markdown, GeneratePlan({.seed = 5}).markdown);
  EXPECT_NE(GeneratePlan({.seed = 5}).markdown, GeneratePlan({.seed = 6}).markdown);
}

TEST(PlanGeneratorTest, TableRowsMatchGoldCriteria) {
  for (uint64_t seed = 1; seed <= 12; ++seed) {
    GeneratedPlan plan = GeneratePlan({.seed = seed, .criteria_count = 9, .variety = seed > 6});
    ASSERT_EQ(plan.criteria.size(), 9u);
    EXPECT_NE(plan.markdown.find("KẾ HOẠCH"), std::string::npos);
    EXPECT_NE(plan.markdown.find("CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC"), std::string::npos);
    EXPECT_NE(plan.markdown.find("/KH-"), std::string::npos);
    EXPECT_NE(plan.markdown.find("VI. TỔ CHỨC THỰC HIỆN"), std::string::npos);
    auto doc = ParseMarkdown(plan.markdown);
    ASSERT_TRUE(doc.has_value());
    const Table* table = nullptr;
    for (const auto& b : doc->blocks) {
      if (b.kind == BlockKind::kTable) table = &b.table;
    }
    ASSERT_NE(table, nullptr);
    EXPECT_EQ(table->columns, 9);
    EXPECT_EQ(PlainText(table->rows[0].cells[1]), "Tiêu chuẩn, tiêu chí");
    // Walk the rows like a table reader would and rebuild the criteria.
    std::string level, standard_title;
    int standard = 0;
    size_t k = 0;
    for (const TableRow& r : table->rows) {
      if (r.header) continue;
      if (r.level_row) {
        level = PlainText(r.cells[0]);
        continue;
      }
      std::string c1 = PlainText(r.cells[1]);
      if (c1.rfind("Tiêu chuẩn ", 0) == 0) {
        standard = std::stoi(c1.substr(std::string("Tiêu chuẩn ").size()));
        standard_title = c1.substr(c1.find(": ") + 2);
        continue;
      }
      ASSERT_LT(k, plan.criteria.size());
      const GoldCriterion& g = plan.criteria[k++];
      EXPECT_EQ(g.level, level);
      EXPECT_EQ(g.standard, standard);
      EXPECT_EQ(g.standard_title, standard_title);
      EXPECT_EQ(g.criterion_label, c1);
      EXPECT_EQ(g.criterion_label.rfind("Tiêu chí " + g.criterion, 0), 0u);
      EXPECT_EQ(g.expected_result, PlainText(r.cells[2]));
      EXPECT_EQ(g.actions, PlainText(r.cells[3]));
      EXPECT_EQ(g.responsible, PlainText(r.cells[4]));
      EXPECT_EQ(g.timeline, PlainText(r.cells[5]));
      EXPECT_EQ(g.budget, PlainText(r.cells[6]));
      EXPECT_EQ(g.other_support, PlainText(r.cells[7]));
      EXPECT_EQ(g.notes, PlainText(r.cells[8]));
      EXPECT_FALSE(g.expected_result.empty());
      EXPECT_EQ(g.expected_result.find("{L}"), std::string::npos);
    }
    EXPECT_EQ(k, plan.criteria.size());
  }
}

TEST(PlanGeneratorTest, CriteriaJsonFieldNames) {
  GeneratedPlan plan = GeneratePlan({.seed = 2, .criteria_count = 3});
  auto j = nlohmann::json::parse(CriteriaToJson(plan.criteria));
  ASSERT_EQ(j.size(), 3u);
  for (const char* f : {"level", "standard", "standard_title", "criterion", "criterion_label",
                        "expected_result", "actions", "responsible", "timeline", "budget",
                        "other_support", "notes"}) {
    EXPECT_TRUE(j[0].contains(f)) << f;
  }
  EXPECT_TRUE(j[0]["standard"].is_number_integer());
}

TEST(PlanGeneratorTest, RendersLandscapeWithGoldRowsForEveryCriterion) {
  GeneratedPlan plan = GeneratePlan({.seed = 11, .criteria_count = 12});
  auto doc = ParseMarkdown(plan.markdown);
  auto r = RenderedDocument::Create(*doc, {.landscape = true, .repeat_header = true});
  ASSERT_TRUE(r.has_value());
  EXPECT_GE(r->page_count(), 3);
  const GoldTable* main = nullptr;
  for (const auto& t : r->gold().tables) {
    if (t.columns == 9) main = &t;
  }
  ASSERT_NE(main, nullptr);
  EXPECT_TRUE(main->borders);
  const GoldTable& t = *main;
  size_t level_rows = 0, criteria_rows = 0;
  for (const auto& row : t.rows) {
    if (row.level_row) ++level_rows;
    if (!row.level_row && row.cells[1].rfind("Tiêu chí ", 0) == 0) ++criteria_rows;
  }
  EXPECT_GE(level_rows, 1u);
  EXPECT_EQ(criteria_rows, plan.criteria.size());
}

}  // namespace
}  // namespace vnplan::synth
