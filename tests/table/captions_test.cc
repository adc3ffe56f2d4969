#include "table/captions.h"

#include <gtest/gtest.h>

namespace vnplan::table {
namespace {

TEST(CaptionsTest, HeadingMarks) {
  for (const char* heading : {"a) Hội đồng tự đánh giá", "5. Xác định các minh chứng", "2.1. Nhân lực",
                              "II. PHÂN CÔNG", "IV) Tổ chức", "3) Lịch", "Bảng 2. Minh chứng",
                              "Phụ lục 1", "Nhóm 2: Chịu trách nhiệm Tiêu chuẩn 2",
                              "Danh sách thành viên như sau:"}) {
    EXPECT_TRUE(HasHeadingMark(heading)) << heading;
  }
  for (const char* text : {"Nhà trường thành lập hội đồng gồm các thành viên", "2023 là năm đầu",
                           "1.9 tiêu chí", "- Nhân lực: các thành viên, giáo viên và nhân viên",
                           "Các thành viên có trách nhiệm thực hiện: họp, báo cáo"}) {
    EXPECT_FALSE(HasHeadingMark(text)) << text;
  }
}

TEST(CaptionsTest, UpperCaseTitles) {
  EXPECT_TRUE(IsUpperCaseTitle("DANH SÁCH HỘI ĐỒNG"));
  EXPECT_TRUE(IsUpperCaseTitle("KẾ HOẠCH NĂM HỌC 2023-2024"));
  EXPECT_FALSE(IsUpperCaseTitle("Danh sách hội đồng"));
  EXPECT_FALSE(IsUpperCaseTitle("GV"));  // too short to tell
}

TEST(CaptionsTest, ChooseCaption) {
  EXPECT_EQ(ChooseCaption({}), "");
  EXPECT_EQ(ChooseCaption({"b) Nhóm thư ký:", "a) Hội đồng"}), "b) Nhóm thư ký:");
  EXPECT_EQ(ChooseCaption({"Tổ chức và quản lý nhà trường", "Nhóm 1: Tiêu chuẩn 1"}),
            "Nhóm 1: Tiêu chuẩn 1 Tổ chức và quản lý nhà trường");
  EXPECT_EQ(ChooseCaption({"DANH SÁCH   HỘI ĐỒNG"}), "DANH SÁCH HỘI ĐỒNG");
  // A short paragraph under a heading comes along; a long one is body text.
  EXPECT_EQ(ChooseCaption({"Các thành viên được phân công như sau.", "II. HỘI ĐỒNG"}),
            "II. HỘI ĐỒNG Các thành viên được phân công như sau.");
  EXPECT_EQ(ChooseCaption({"Các thành viên của hội đồng tự đánh giá có trách nhiệm thực hiện đầy "
                           "đủ nhiệm vụ được giao theo kế hoạch của nhà trường.",
                           "II. HỘI ĐỒNG"}),
            "");
  EXPECT_EQ(ChooseCaption({"- Họp hội đồng:", "a) Hội đồng"}), "");  // a list item
  EXPECT_EQ(ChooseCaption({"1. " + std::string(400, 'x')}), "");   // a body paragraph
}

Line MakeLine(const std::string& text, int x0, int y0, int x1, int y1) {
  Line line;
  line.box = {x0, y0, x1, y1};
  line.words.push_back({text, line.box, 90.0f, ""});
  return line;
}

// A page with a section heading, a body sentence, a caption, then the
// table from y = 600 (its rules and cell text also read as lines).
Page CaptionPage() {
  Page page;
  page.number = 2;
  Block block;
  block.lines = {MakeLine("II. THÀNH LẬP HỘI ĐỒNG", 300, 350, 1000, 400),
                 MakeLine("Nhà trường thành lập hội đồng gồm các", 300, 440, 1800, 490),
                 MakeLine("thành viên sau đây.", 300, 505, 800, 555),  // wrapped: tight gap
                 MakeLine("—————", 290, 598, 2300, 602),                // the table's top rule
                 MakeLine("TT", 330, 620, 400, 660),
                 MakeLine("|", 295, 600, 298, 900)};                    // a vertical rule
  page.blocks.push_back(block);
  return page;
}

TEST(CaptionsTest, CaptionAboveTakesTheNearestHeading) {
  Page page = CaptionPage();
  const Box table{290, 598, 2300, 900};
  // The nearest paragraph (two wrapped lines) is a short sentence under a
  // section heading.
  EXPECT_EQ(CaptionAbove(page, table),
            "II. THÀNH LẬP HỘI ĐỒNG Nhà trường thành lập hội đồng gồm các thành viên sau đây.");
  // With a caption line between the sentence and the table.
  // at the sentence's leading: an enumerator starts a paragraph.
  page.blocks[0].lines.push_back(MakeLine("a) Hội đồng tự đánh giá", 300, 565, 900, 595));
  EXPECT_EQ(CaptionAbove(page, table), "a) Hội đồng tự đánh giá");
  // A table to the right of the caption's column does not take it.
  EXPECT_EQ(CaptionAbove(page, Box{1000, 598, 2300, 900}), "");
  // Too far up: the heading four line heights above the table.
  Page far;
  far.blocks.push_back({{MakeLine("a) Hội đồng", 300, 300, 900, 350)}, {}});
  EXPECT_EQ(CaptionAbove(far, Box{290, 560, 2300, 900}), "");
  EXPECT_EQ(CaptionAbove(far, Box{290, 420, 2300, 900}), "a) Hội đồng");
}

TEST(CaptionsTest, WrappedHeadingLinesJoin) {
  Page page;
  page.blocks.push_back({{MakeLine("c) Các nhóm công tác: Nhóm 1 đánh giá", 300, 400, 1800, 450),
                          MakeLine("Tiêu chuẩn 1", 300, 465, 700, 515)},
                         {}});
  EXPECT_EQ(CaptionAbove(page, Box{290, 560, 2300, 900}),
            "c) Các nhóm công tác: Nhóm 1 đánh giá Tiêu chuẩn 1");
}

TEST(CaptionsTest, SetCaptionsFromThePageOfTheFirstBoxedRow) {
  const Page page = [] {
    Page p = CaptionPage();
    p.blocks[0].lines.push_back(MakeLine("b) Nhóm thư ký:", 300, 565, 900, 595));
    return p;
  }();
  Table table;
  Cell cell;
  cell.text = "TT";
  cell.box = Box{300, 600, 420, 680};
  cell.page = 2;
  Cell right = cell;
  right.box = Box{420, 600, 2300, 680};
  table.rows = {{cell, right}};
  Table on_another_page = table;
  on_another_page.rows[0][0].page = on_another_page.rows[0][1].page = 3;
  Table text_table;
  text_table.rows = {{Cell{}}};
  text_table.caption = "kept";
  std::vector<Table> tables = {table, on_another_page, text_table};
  SetCaptionsFromPages(&tables, {&page});
  EXPECT_EQ(tables[0].caption, "b) Nhóm thư ký:");
  EXPECT_EQ(tables[1].caption, "");  // page 3 is not given
  EXPECT_EQ(tables[2].caption, "kept");
}

}  // namespace
}  // namespace vnplan::table
