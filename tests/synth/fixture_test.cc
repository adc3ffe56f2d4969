// The committed syntax sample (tests/data/synth/syntax_sample.md), with
// expectations counted by hand from the file.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "synth/markdown_doc.h"
#include "synth/page_layout.h"

namespace vnplan::synth {
namespace {

std::string ReadSample() {
  std::ifstream in(std::string(VNPLAN_TEST_DATA) + "/synth/syntax_sample.md", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(FixtureTest, SyntaxSampleParsesAsWritten) {
  auto doc = ParseMarkdown(ReadSample());
  ASSERT_TRUE(doc.has_value());
  // header table, 2 x h1, centred year, h2, paragraph, 2 list items, h2,
  // plan table, page break, 1 right-aligned paragraph (two lines).
  ASSERT_EQ(doc->blocks.size(), 12u);
  const Table& header = doc->blocks[0].table;
  EXPECT_FALSE(header.borders);
  EXPECT_EQ(header.columns, 2);
  EXPECT_EQ(header.rows.size(), 2u);
  EXPECT_EQ(doc->blocks[1].text, "KẾ HOẠCH");
  EXPECT_EQ(doc->blocks[5].text,
            "Đoạn văn này được viết cho tệp mẫu của bộ sinh dữ liệu, dòng nguồn thứ hai nối vào cùng đoạn.");
  const Table& plan = doc->blocks[9].table;
  EXPECT_TRUE(plan.borders);
  EXPECT_EQ(plan.columns, 9);
  ASSERT_EQ(plan.rows.size(), 7u);
  EXPECT_TRUE(plan.rows[0].header);
  EXPECT_TRUE(plan.rows[1].level_row);
  EXPECT_TRUE(plan.rows[4].level_row);
  EXPECT_EQ(PlainText(plan.rows[4].cells[0]), "MỨC 4");
  EXPECT_EQ(plan.rows[3].cells[3], "- Việc một.\n- Việc hai.");
  EXPECT_EQ(plan.rows[6].cells[2], "Kết quả | có gạch đứng.");
  EXPECT_EQ(doc->blocks[10].kind, BlockKind::kPageBreak);
  EXPECT_EQ(doc->blocks[11].align, Align::kRight);
  EXPECT_EQ(doc->blocks[11].text, "**HIỆU TRƯỞNG**\n*(Đã ký)*");
}

TEST(FixtureTest, SyntaxSampleRendersWithTheSignerAloneOnTheLastPage) {
  auto doc = ParseMarkdown(ReadSample());
  auto r = RenderedDocument::Create(*doc, {.landscape = true});
  ASSERT_TRUE(r.has_value());
  ASSERT_GE(r->page_count(), 2);
  ASSERT_EQ(r->gold().tables.size(), 2u);
  const GoldTable& plan = r->gold().tables[1];
  EXPECT_EQ(plan.rows[2].cells[1], "Tiêu chuẩn 1: Tổ chức và quản lý nhà trường");
  EXPECT_TRUE(plan.rows[1].level_row);
  EXPECT_LT(plan.pages.back(), r->page_count());  // the page break follows
  const GoldPage& last = r->gold().pages.back();
  ASSERT_EQ(last.lines.size(), 2u);
  EXPECT_EQ(last.lines[0], "HIỆU TRƯỞNG");
  EXPECT_EQ(last.lines[1], "(Đã ký)");
  EXPECT_EQ(r->gold().pages[0].lines[0], "UBND HUYỆN MẪU");
}

}  // namespace
}  // namespace vnplan::synth
