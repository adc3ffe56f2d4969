#include "synth/markdown_doc.h"

#include <gtest/gtest.h>

namespace vnplan::synth {
namespace {

TEST(MarkdownDocTest, ParsesBlocks) {
  auto doc = ParseMarkdown(
      "# KẾ HOẠCH\n\n-> **Năm học 2024 – 2025** <-\n\nDòng một\ndòng hai  \ndòng ba\n\n"
      "- mục a\n- mục b\n\n<!-- pagebreak -->\n");
  ASSERT_TRUE(doc.has_value());
  ASSERT_EQ(doc->blocks.size(), 6u);
  EXPECT_EQ(doc->blocks[0].kind, BlockKind::kHeading);
  EXPECT_EQ(doc->blocks[0].heading_level, 1);
  EXPECT_EQ(doc->blocks[0].text, "KẾ HOẠCH");
  EXPECT_EQ(doc->blocks[1].align, Align::kCenter);
  EXPECT_EQ(PlainText(doc->blocks[1].text), "Năm học 2024 – 2025");
  EXPECT_EQ(doc->blocks[2].text, "Dòng một dòng hai\ndòng ba");
  EXPECT_EQ(doc->blocks[3].text, "- mục a");
  EXPECT_EQ(doc->blocks[4].text, "- mục b");
  EXPECT_EQ(doc->blocks[5].kind, BlockKind::kPageBreak);
}

TEST(MarkdownDocTest, ParsesTableWithHeaderLevelRowsAndBreaks) {
  auto doc = ParseMarkdown(
      "<!-- widths: 1 3 2 -->\n"
      "| TT | Tiêu chí | Ghi chú |\n"
      "|---|:---:|---|\n"
      "|| **MỨC 1, 2, 3** ||\n"
      "| 1 | a<br>b | x \\| y |\n"
      "| 2 | c |\n");
  ASSERT_TRUE(doc.has_value());
  ASSERT_EQ(doc->blocks.size(), 1u);
  const Table& t = doc->blocks[0].table;
  EXPECT_EQ(t.columns, 3);
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_TRUE(t.rows[0].header);
  EXPECT_FALSE(t.rows[1].header);
  EXPECT_TRUE(t.rows[1].level_row);
  ASSERT_EQ(t.rows[1].cells.size(), 1u);
  EXPECT_EQ(PlainText(t.rows[1].cells[0]), "MỨC 1, 2, 3");
  EXPECT_EQ(t.rows[2].cells[1], "a\nb");
  EXPECT_EQ(t.rows[2].cells[2], "x | y");
  ASSERT_EQ(t.rows[3].cells.size(), 3u);  // padded
  EXPECT_EQ(t.rows[3].cells[2], "");
  EXPECT_EQ(t.column_weights, (std::vector<double>{1, 3, 2}));
}

TEST(MarkdownDocTest, TableOptionsFromCommentsAndSeparator) {
  auto doc = ParseMarkdown(
      "<!-- noborder -->\n<!-- align: c r -->\n| a | b |\n\n| x | y | z |\n|:-:|--:|---|\n| 1 | 2 | 3 |\n");
  ASSERT_TRUE(doc.has_value());
  ASSERT_EQ(doc->blocks.size(), 2u);
  const Table& a = doc->blocks[0].table;
  EXPECT_FALSE(a.borders);
  EXPECT_EQ(a.column_align, (std::vector<Align>{Align::kCenter, Align::kRight}));
  const Table& b = doc->blocks[1].table;
  EXPECT_TRUE(b.borders);
  EXPECT_EQ(b.column_align, (std::vector<Align>{Align::kCenter, Align::kRight, Align::kLeft}));
}

TEST(MarkdownDocTest, InlineEmphasis) {
  auto runs = ParseInline("a **b** *c* \\* d");
  ASSERT_EQ(runs.size(), 5u);
  EXPECT_TRUE(runs[1].bold);
  EXPECT_EQ(runs[1].text, "b");
  EXPECT_TRUE(runs[3].italic);
  EXPECT_EQ(PlainText("a **b** *c* \\* d"), "a b c * d");
}

TEST(MarkdownDocTest, RejectsInvalidUtf8) {
  EXPECT_FALSE(ParseMarkdown("abc\xff").has_value());
}

}  // namespace
}  // namespace vnplan::synth
