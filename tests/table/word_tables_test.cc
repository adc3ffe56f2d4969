// Borderless tables from word boxes: table lines, columns from shared
// white gaps and flush starts, rows, and pages sharing one column model.
#include "table/word_tables.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "fake_ocr_engine.h"

namespace vnplan::table {
namespace {

Word W(const std::string& text, int x0, int y0, int x1, int y1) {
  return Word{text, Box{x0, y0, x1, y1}, 80.0f, ""};
}

// A printed line at `y`, 40 px high: `cells` are (x, text) pairs, each
// character 18 px wide, words 12 px apart.
Line PrintedLine(int y, const std::vector<std::pair<int, std::string>>& cells) {
  Line l;
  for (const auto& [x, text] : cells) {
    int at = x;
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find(' ', start);
      if (end == std::string::npos) end = text.size();
      const int width = 18 * static_cast<int>(end - start);
      l.words.push_back(W(text.substr(start, end - start), at, y, at + width, y + 40));
      at += width + 12;
      start = end + 1;
    }
  }
  l.box = Box{l.words.front().box.x0, y, l.words.back().box.x1, y + 40};
  return l;
}

// An empty 300 dpi page.
Page BlankPage(int number, int width, int height) {
  Page page;
  page.number = number;
  page.width = width;
  page.height = height;
  page.dpi = 300;
  return page;
}

// Builds a 3000 x 2000 px page of printed lines 60 px apart from y = 100.
class LinesPage {
 public:
  // One printed line: (x, text) cells, each text's words 18 px per byte.
  void Add(const std::vector<std::pair<int, std::string>>& cells) {
    block_.lines.push_back(PrintedLine(y_, cells));
    y_ += 60;
  }
  void Skip(int pixels) { y_ += pixels; }
  Page Build(int number = 1) const {
    Page page = BlankPage(number, 3000, 2000);
    page.blocks.push_back(block_);
    return page;
  }

 private:
  Block block_;
  int y_ = 100;
};

// The tables TablesFromWords reads from two consecutive pages.
std::vector<Table> TwoPageTables(const Page& one, const Page& two) {
  return TablesFromWords({&one, &two});
}

// A three-column table (number, name, role) of 30 px words; row 1's name
// wraps onto a second line.
Page SmallTablePage(int number = 1) {
  Page page = BlankPage(number, 2000, 1000);
  Block block;
  auto line = [](std::vector<Word> words) {
    Line l;
    l.words = std::move(words);
    l.box = Box{l.words.front().box.x0, l.words.front().box.y0, l.words.back().box.x1,
                l.words.back().box.y1};
    return l;
  };
  block.lines.push_back(line({W("TT", 100, 100, 140, 130), W("Họ", 400, 100, 450, 130),
                              W("và", 460, 100, 500, 130), W("tên", 510, 100, 560, 130),
                              W("Chức", 1000, 100, 1080, 130), W("vụ", 1090, 100, 1130, 130)}));
  block.lines.push_back(line({W("1", 100, 200, 120, 230), W("Lê", 400, 200, 440, 230),
                              W("An", 450, 200, 500, 230), W("GV", 1000, 200, 1050, 230)}));
  block.lines.push_back(line({W("Văn", 400, 240, 470, 270)}));
  block.lines.push_back(line(
      {W("2", 100, 300, 120, 330), W("Trần", 400, 300, 480, 330), W("HT", 1000, 300, 1050, 330)}));
  page.blocks.push_back(block);
  return page;
}

TEST(WordTablesTest, BorderlessTableFromWordBoxes) {
  const Page page = SmallTablePage(2);
  Table t = TableFromWords(page);
  EXPECT_EQ(t.format, TableFormat::kWords);
  ASSERT_EQ(t.columns(), 3u);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0][1].text, "Họ và tên");
  EXPECT_EQ(t.rows[0][2].text, "Chức vụ");
  EXPECT_EQ(t.rows[1][1].text, "Lê An Văn");
  EXPECT_EQ(t.rows[1][2].text, "GV");
  EXPECT_EQ(t.rows[2][2].text, "HT");
  EXPECT_EQ(t.rows[2][0].page, 2);
}

// A borderless plan table below a paragraph: the paragraph is not part of
// it, wrapped cells continue their row, a centred level row spans all
// columns, and a criterion label in the second column starts a row.
TEST(WordTablesTest, BorderlessPlanTableBelowAParagraph) {
  LinesPage lines;
  lines.Add({{100, "Kế hoạch này được xây dựng nhằm cải tiến chất lượng giáo dục của nhà trường trong"}});
  lines.Add({{100, "năm học tới, với các nội dung sau đây."}});
  lines.Skip(60);
  lines.Add({{100, "TT"}, {400, "Tiêu chuẩn,"}, {1000, "Kết quả"}, {1800, "Thời gian"}});
  lines.Add({{400, "tiêu chí"}, {1000, "cần đạt"}});
  lines.Skip(30);
  lines.Add({{1200, "MỨC 1, 2, 3"}});
  lines.Skip(30);
  lines.Add({{100, "1"}, {400, "Tiêu chuẩn 1:"}});
  lines.Add({{400, "Tổ chức"}});
  lines.Add({{400, "Tiêu chí 1.1"}, {1000, "Kế hoạch sát"}, {1800, "Tháng 9/2024"}});
  lines.Add({{1000, "thực tế"}});
  lines.Add({{400, "Tiêu chí 1.2"}, {1000, "Hồ sơ"}, {1800, "Cả năm học"}});

  Table t = TableFromWords(lines.Build());
  ASSERT_EQ(t.columns(), 4u);
  ASSERT_EQ(t.rows.size(), 5u);
  EXPECT_EQ(t.rows[0][1].text, "Tiêu chuẩn, tiêu chí");
  EXPECT_EQ(t.rows[0][2].text, "Kết quả cần đạt");
  EXPECT_EQ(t.rows[1][0].text, "MỨC 1, 2, 3");
  EXPECT_EQ(t.rows[1][0].col_span, 4);
  EXPECT_EQ(t.rows[1][1].col_span, 0);
  EXPECT_EQ(t.rows[2][1].text, "Tiêu chuẩn 1: Tổ chức");
  EXPECT_EQ(t.rows[3][1].text, "Tiêu chí 1.1");
  EXPECT_EQ(t.rows[3][2].text, "Kế hoạch sát thực tế");
  EXPECT_EQ(t.rows[3][3].text, "Tháng 9/2024");
  EXPECT_EQ(t.rows[4][3].text, "Cả năm học");
}

// A criterion label starts a row in whatever column it lies, after a
// column of specks at the left that pushed the labels to the third column.
TEST(WordTablesTest, ALabelInTheLeftmostCellStartsARow) {
  LinesPage lines;
  lines.Add({{100, "|"}, {300, "TT"}, {600, "Tiêu chuẩn"}, {1200, "Kết quả"}, {1800, "Thời gian"}});
  lines.Add({{600, "Tiêu chuẩn 1:"}});
  lines.Add({{600, "Tiêu chí 1.1"}, {1200, "Đạt yêu cầu"}, {1800, "Năm học"}});
  lines.Add({{600, "Tiêu chí 1.2"}, {1200, "Tốt"}, {1800, "Cả năm"}});
  const Table t = TableFromWords(lines.Build());
  ASSERT_EQ(t.columns(), 5u);
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(t.rows[1][2].text, "Tiêu chuẩn 1:");
  EXPECT_EQ(t.rows[2][2].text, "Tiêu chí 1.1");
  EXPECT_EQ(t.rows[3][3].text, "Tốt");
}

// A narrow labels' column wraps "Tiêu chí 1.1: Hồ sơ" after its label
// word: the line holding "Tiêu chí" alone starts the row all the same.
TEST(WordTablesTest, ALabelWrappedAfterItsWordStartsARow) {
  LinesPage lines;
  lines.Add({{100, "TT"}, {400, "Tiêu chuẩn"}, {1000, "Kết quả"}, {1800, "Thời gian"}});
  lines.Add({{100, "1"}, {400, "Tiêu chuẩn 1:"}});
  lines.Add({{400, "Tổ chức"}});
  lines.Add({{400, "Tiêu chí"}, {1000, "Kế hoạch sát"}, {1800, "Tháng 9/2024"}});
  lines.Add({{400, "1.1: Hồ sơ"}, {1000, "thực tế"}});
  lines.Add({{400, "Tiêu chí 1.2"}, {1000, "Hồ sơ"}, {1800, "Cả năm học"}});
  const Table t = TableFromWords(lines.Build());
  ASSERT_EQ(t.columns(), 4u);
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(t.rows[1][1].text, "Tiêu chuẩn 1: Tổ chức");
  EXPECT_EQ(t.rows[2][1].text, "Tiêu chí 1.1: Hồ sơ");
  EXPECT_EQ(t.rows[2][2].text, "Kế hoạch sát thực tế");
  EXPECT_EQ(t.rows[3][1].text, "Tiêu chí 1.2");
}

// The OCR read a criterion's label "Tiêu chí 1.1" as "Tiêu" (no label), on
// the line after its standard's title: a line that opens cells in two
// columns besides the title's is no longer the standard's row.
TEST(WordTablesTest, ALineOpeningCellsAfterAStandardsTitleStartsARow) {
  LinesPage lines;
  lines.Add({{100, "TT"}, {400, "Tiêu chuẩn"}, {1000, "Kết quả"}, {1800, "Thời gian"}});
  lines.Add({{100, "1"}, {400, "Tiêu chuẩn 1:"}});
  lines.Add({{400, "Tổ chức"}});
  lines.Add({{400, "Tiêu"}, {1000, "Kế hoạch sát"}, {1800, "Tháng 9/2024"}});
  lines.Add({{1000, "thực tế"}});
  lines.Add({{400, "Tiêu chí 1.2"}, {1000, "Hồ sơ"}, {1800, "Cả năm học"}});
  const Table t = TableFromWords(lines.Build());
  ASSERT_EQ(t.columns(), 4u);
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(t.rows[1][1].text, "Tiêu chuẩn 1: Tổ chức");
  EXPECT_EQ(t.rows[1][2].text, "");
  EXPECT_EQ(t.rows[2][1].text, "Tiêu");
  EXPECT_EQ(t.rows[2][2].text, "Kế hoạch sát thực tế");
  EXPECT_EQ(t.rows[3][1].text, "Tiêu chí 1.2");
}

// A speck read as a one-character word on a line of its own, in a column
// the row has not used, neither starts a row nor cuts the row's lines.
TEST(WordTablesTest, ALineOfSpecksStaysInItsRow) {
  LinesPage lines;
  lines.Add({{100, "TT"}, {400, "Tiêu chuẩn"}, {1000, "Kết quả"}, {1800, "Thời gian"}});
  lines.Add({{100, "1"}, {400, "Tiêu chuẩn 1:"}});
  lines.Skip(-30);  // between the two lines
  lines.Add({{1800, "ì"}});
  lines.Skip(-30);
  lines.Add({{400, "Tổ chức"}});
  lines.Add({{400, "Tiêu chí 1.1"}, {1000, "Đạt"}, {1800, "Năm học"}});
  const Table t = TableFromWords(lines.Build());
  ASSERT_EQ(t.columns(), 4u);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[1][1].text, "Tiêu chuẩn 1: Tổ chức");
  EXPECT_EQ(t.rows[2][1].text, "Tiêu chí 1.1");
}

// A speck read with a letter ("\"N", a seal's or the scan's dirt) beside a
// row's wrapped line, in a column whose cell stopped lines before, does not
// cut the row there: the line goes on with the row.
TEST(WordTablesTest, ASpeckBesideAWrappedLineDoesNotCutTheRow) {
  LinesPage lines;
  lines.Add(
      {{100, "TT"}, {400, "Tiêu chí"}, {1000, "Kết quả"}, {1600, "Công việc"}, {2200, "Kinh phí"}});
  lines.Add({{400, "Tiêu chí 1.1"}, {1000, "Đạt"}, {1600, "Tổ chức diễn"}, {2200, "Ngân sách"}});
  lines.Add({{1600, "tập phòng"}});
  lines.Add({{1600, "cháy."}, {2200, "\"N"}});
  lines.Add({{400, "Tiêu chí 1.2"}, {1000, "Tốt"}, {1600, "Họp"}, {2200, "Không"}});
  const Table t = TableFromWords(lines.Build());
  ASSERT_EQ(t.columns(), 5u);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[1][3].text, "Tổ chức diễn tập phòng cháy.");
  EXPECT_EQ(t.rows[2][1].text, "Tiêu chí 1.2");
}

// A row cut by the page break goes on under page 2's repeated header, in a
// column whose header cell reaches the header's last line: the line is not
// the header's (no header line of page 1 reads like it) but the rest of
// the row.
TEST(WordTablesTest, ARowCutByThePageBreakIsNotTakenIntoTheHeader) {
  auto header = [](LinesPage* lines) {
    lines->Add({{100, "TT"}, {400, "Tiêu chuẩn,"}, {1000, "Kết quả"}, {1800, "Thời gian"}});
    lines->Add({{400, "tiêu chí"}, {1000, "cần đạt"}, {1800, "thực hiện"}});
  };
  LinesPage first, second;
  header(&first);
  first.Add({{100, "1"}, {400, "Tiêu chuẩn 1:"}});
  first.Add({{400, "Tổ chức và"}});
  header(&second);
  second.Add({{400, "quản lý"}});
  second.Add({{400, "Tiêu chí 1.1"}, {1000, "Đạt"}, {1800, "Năm học"}});
  const std::vector<Table> tables = TwoPageTables(first.Build(), second.Build(2));
  ASSERT_EQ(tables.size(), 2u);
  const Table& t = tables[1];
  ASSERT_EQ(t.columns(), 4u);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0][1].text, "Tiêu chuẩn, tiêu chí");
  EXPECT_EQ(t.rows[1][1].text, "quản lý");
  EXPECT_EQ(t.rows[2][1].text, "Tiêu chí 1.1");
  EXPECT_EQ(tables[0].rows.size(), 2u);
}

// Page 2's OCR dropped the middle line of a header cell ("hỗ trợ"): the
// cell's last line ("khác") resumed it after a line without it, which
// started a row. It reads like a header line of page 1, so it stays in the
// header, with the line beside it.
TEST(WordTablesTest, AHeaderLineAfterADroppedOneStaysInTheHeader) {
  auto page = [](bool dropped) {
    LinesPage lines;
    lines.Add({{100, "TT"},
               {400, "Tiêu chuẩn,"},
               {1000, "Kết quả"},
               {1600, "Thời gian"},
               {2200, "Điều kiện"}});
    if (dropped) {
      lines.Add({{400, "tiêu chí"}, {1000, "cần đạt"}, {1600, "thực hiện"}});
    } else {
      lines.Add({{400, "tiêu chí"}, {1000, "cần đạt"}, {1600, "thực hiện"}, {2200, "hỗ trợ"}});
    }
    lines.Add({{1600, "và hoàn thành"}, {2200, "khác"}});
    lines.Add({{100, "1"}, {400, "Tiêu chuẩn 1:"}});
    lines.Add({{400, "Tiêu chí 1.1"}, {1000, "Đạt"}, {1600, "Năm học"}, {2200, "Không"}});
    return lines.Build();
  };
  const Page one = page(false);
  Page two = page(true);
  two.number = 2;
  const std::vector<Table> tables = TablesFromWords({&one, &two});
  ASSERT_EQ(tables.size(), 2u);
  const Table& t = tables[1];
  ASSERT_EQ(t.columns(), 5u);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0][3].text, "Thời gian thực hiện và hoàn thành");
  EXPECT_EQ(t.rows[1][1].text, "Tiêu chuẩn 1:");
  EXPECT_EQ(t.rows[2][4].text, "Không");
  // Both pages' headers read as page 1's, the one with more text.
  EXPECT_EQ(t.rows[0][4].text, "Điều kiện hỗ trợ khác");
  EXPECT_EQ(tables[0].rows[0][4].text, "Điều kiện hỗ trợ khác");
}

// The header repeated on three pages, read with different losses on each:
// the one most like the others (page 2's) is taken for all three, also for
// page 3's, whose number column's header word was lost (an empty first cell
// that JoinAcrossPages would take for the rest of a cut row).
TEST(WordTablesTest, PagesShareTheirBestReadHeader) {
  auto page = [](int number, const std::string& tt, const std::string& result,
                 const std::string& time) {
    LinesPage lines;
    std::vector<std::pair<int, std::string>> head = {{400, "Tiêu chuẩn"}, {1000, result}};
    if (!tt.empty()) head.insert(head.begin(), {100, tt});
    head.push_back({1600, time});
    lines.Add(head);
    lines.Add({{100, std::to_string(number)}, {400, "Tiêu chuẩn " + std::to_string(number) + ":"}});
    lines.Add({{400, "Tiêu chí 1.1"}, {1000, "Đạt"}, {1600, "Năm học"}});
    Page p = lines.Build();
    p.number = number;
    return p;
  };
  const Page one = page(1, "TT", "Kết guả", "Thời glan");
  const Page two = page(2, "TT", "Kết quả", "Thời gian");
  const Page three = page(3, "", "Kết quả", "Thời gjan");
  const std::vector<Table> tables = TablesFromWords({&one, &two, &three});
  ASSERT_EQ(tables.size(), 3u);
  for (const Table& t : tables) {
    ASSERT_EQ(t.columns(), 4u);
    ASSERT_EQ(t.rows.size(), 3u);
    EXPECT_EQ(t.rows[0][0].text, "TT");
    EXPECT_EQ(t.rows[0][2].text, "Kết quả");
    EXPECT_EQ(t.rows[0][3].text, "Thời gian");
    EXPECT_EQ(t.rows[2][3].text, "Năm học");
  }
  EXPECT_EQ(tables[2].rows[0][0].page, 3);
}

// Page 2's table has no text in the number column (no standard starts on
// it, and the OCR lost the header's "TT"): it is page 1's table without its
// leading column, so it takes page 1's columns, that one empty. Its labels
// then do not sit in the first column, where any text starts a row: the
// wrapped label "Tiêu chí" / "1.2: Hồ sơ" is one row, and the rest of the
// standard's title cut by the page break is no header line.
TEST(WordTablesTest, APageWithoutTheLeadingColumnsTextTakesTheOthersColumns) {
  auto header = [](LinesPage* lines, bool number) {
    if (number) {
      lines->Add({{100, "TT"}, {400, "Tiêu chuẩn,"}, {1000, "Kết quả"}, {1600, "Thời gian"}});
    } else {
      lines->Add({{400, "Tiêu chuẩn,"}, {1000, "Kết quả"}, {1600, "Thời gian"}});
    }
    lines->Add({{400, "tiêu chí"}, {1000, "cần đạt"}, {1600, "thực hiện"}});
  };
  LinesPage first, second;
  header(&first, true);
  first.Add({{100, "1"}, {400, "Tiêu chuẩn 1:"}});
  first.Add({{400, "Tiêu chí 1.1"}, {1000, "Đạt"}, {1600, "Năm học"}});
  first.Add({{100, "2"}, {400, "Tiêu chuẩn 2:"}});
  first.Add({{400, "Cán bộ"}});
  header(&second, false);
  second.Add({{400, "quản lý"}});
  second.Add({{400, "Tiêu chí"}, {1000, "Tốt"}, {1600, "Cả năm"}});
  second.Add({{400, "2.1: Hồ sơ"}, {1000, "hơn"}});
  second.Add({{400, "Tiêu chí 2.2"}, {1000, "Đạt"}, {1600, "Học kỳ I"}});
  const std::vector<Table> tables = TwoPageTables(first.Build(), second.Build(2));
  ASSERT_EQ(tables.size(), 2u);
  ASSERT_EQ(tables[0].columns(), 4u);
  const Table& t = tables[1];
  ASSERT_EQ(t.columns(), 4u);
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(t.rows[0][1].text, "Tiêu chuẩn, tiêu chí");
  EXPECT_EQ(t.rows[1][0].text, "");
  EXPECT_EQ(t.rows[1][1].text, "quản lý");
  EXPECT_EQ(t.rows[2][1].text, "Tiêu chí 2.1: Hồ sơ");
  EXPECT_EQ(t.rows[2][2].text, "Tốt hơn");
  EXPECT_EQ(t.rows[3][3].text, "Học kỳ I");
  // The empty column's slots lie left of the labels'.
  ASSERT_TRUE(t.rows[1][0].box.has_value());
  EXPECT_LT(t.rows[1][0].box->x0, t.rows[1][0].box->x1);
  EXPECT_EQ(t.rows[1][0].box->x1, t.rows[1][1].box->x0);
}

// A page whose number column the OCR lost: the labels' column comes first,
// and its header's second line ("tiêu chí") goes on with the header.
TEST(WordTablesTest, TheHeaderGoesOnInTheFirstColumn) {
  LinesPage lines;
  lines.Add({{100, "Tiêu chuẩn,"}, {700, "Kết quả"}, {1300, "Thời gian"}});
  lines.Add({{100, "tiêu chí"}, {700, "cần đạt"}, {1300, "thực hiện"}});
  lines.Add({{100, "Tiêu chí 1.1"}, {700, "Đạt"}, {1300, "Năm học"}});
  lines.Add({{100, "Tiêu chí 1.2"}, {700, "Tốt"}, {1300, "Cả năm"}});
  const Table t = TableFromWords(lines.Build());
  ASSERT_EQ(t.columns(), 3u);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0][0].text, "Tiêu chuẩn, tiêu chí");
  EXPECT_EQ(t.rows[0][2].text, "Thời gian thực hiện");
  EXPECT_EQ(t.rows[1][0].text, "Tiêu chí 1.1");
}

// Lines of prose whose gaps (a seal's damage, justified spaces) make three
// groups do not outweigh a table with as many table lines but more
// columns.
TEST(WordTablesTest, TheTableIsTheRunWithTheMostCells) {
  LinesPage lines;
  for (int i = 0; i < 3; ++i) lines.Add({{100, "Kết quả thực"}, {700, "hiện kế"}, {1300, "hoạch"}});
  lines.Skip(300);
  lines.Add({{100, "TT"},
       {400, "Tiêu chuẩn,"},
       {1000, "Kết quả"},
       {1500, "Công việc"},
       {2000, "Chủ trì"},
       {2500, "Ghi"}});
  lines.Add({{400, "tiêu chí"},
       {1000, "cần đạt"},
       {1500, "giải pháp"},
       {2000, "phối hợp"},
       {2500, "chú"}});
  lines.Add({{100, "1"},
       {400, "Tiêu chí 1.1"},
       {1000, "Đạt"},
       {1500, "Rà soát"},
       {2000, "Hiệu trưởng"},
       {2500, "Không"}});
  const Table t = TableFromWords(lines.Build());
  ASSERT_EQ(t.columns(), 6u);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0][1].text, "Tiêu chuẩn, tiêu chí");
  EXPECT_EQ(t.rows[1][1].text, "Tiêu chí 1.1");
}

// The OCR lost the lines between two parts of a table (a second table's
// header and level row, a standard's row): the rows after the white gap
// lie within the table's span (no number column, the last column empty)
// and are the table's.
TEST(WordTablesTest, RowsAfterAWhiteGapWithinTheTablesSpanAreTheTables) {
  LinesPage lines;
  lines.Add({{100, "TT"},
       {400, "Tiêu chuẩn,"},
       {1000, "Kết quả"},
       {1500, "Công việc"},
       {2000, "Chủ trì"},
       {2500, "Ghi chú"}});
  lines.Add({{100, "1"}, {400, "Tiêu chuẩn 1:"}});
  lines.Add(
      {{400, "Tiêu chí 1.1"}, {1000, "Đạt"}, {1500, "Rà soát"}, {2000, "Hiệu trưởng"}, {2500, "Không"}});
  lines.Add(
      {{400, "Tiêu chí 1.2"}, {1000, "Đạt"}, {1500, "Rà soát"}, {2000, "Hiệu trưởng"}, {2500, "Không"}});
  lines.Skip(400);
  lines.Add({{400, "Tiêu chí 2.3"}, {1000, "Đạt"}, {1500, "Tổ chức"}, {2000, "Tổ trưởng"}});
  lines.Add({{400, "Tiêu chí 4.2"}, {1000, "Huy động"}, {1500, "Họp"}, {2000, "Hiệu trưởng"}});
  const Table t = TableFromWords(lines.Build());
  ASSERT_EQ(t.columns(), 6u);
  ASSERT_EQ(t.rows.size(), 6u);
  EXPECT_EQ(t.rows[4][1].text, "Tiêu chí 2.3");
  EXPECT_EQ(t.rows[5][1].text, "Tiêu chí 4.2");
  EXPECT_EQ(t.rows[5][2].text, "Huy động");
}

// Page 2's OCR lost every word of the table's last two columns (Tesseract's
// layout analysis dropped them on a low-resolution scan): its table is page
// 1's without them, so it takes page 1's columns, those two empty, and
// their slots reach page 1's right edge (RereadCells reads them from the
// image). Page 3 has lost them too, and holds no number either (no
// standard starts on it, "TT" lost): it is page 1's table without its
// leading and trailing columns, and takes page 1's columns as well.
TEST(WordTablesTest, APageWithoutTheTrailingColumnsTextTakesTheOthersColumns) {
  auto page = [](int number, bool leading, bool trailing) {
    LinesPage lines;
    std::vector<std::pair<int, std::string>> head = {
        {400, "Tiêu chuẩn"}, {1000, "Kết quả"}, {1600, "Thời gian"}};
    std::vector<std::pair<int, std::string>> row = {
        {400, "Tiêu chí 1.1"}, {1000, "Đạt"}, {1600, "Năm học"}};
    if (leading) head.insert(head.begin(), {100, "TT"});
    if (trailing) {
      head.insert(head.end(), {{2200, "Điều kiện"}, {2600, "Ghi chú"}});
      row.insert(row.end(), {{2200, "Không"}, {2600, "Không"}});
    }
    lines.Add(head);
    if (leading) {
      lines.Add(
          {{100, std::to_string(number)}, {400, "Tiêu chuẩn " + std::to_string(number) + ":"}});
    }
    lines.Add(row);
    lines.Add(row);
    Page p = lines.Build();
    p.number = number;
    return p;
  };
  const Page one = page(1, true, true), two = page(2, true, false), three = page(3, false, false);
  const std::vector<Table> tables = TablesFromWords({&one, &two, &three});
  ASSERT_EQ(tables.size(), 3u);
  ASSERT_EQ(tables[0].columns(), 6u);
  const Table& t = tables[1];
  ASSERT_EQ(t.columns(), 6u);
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(t.rows[0][3].text, "Thời gian");
  EXPECT_EQ(t.rows[2][1].text, "Tiêu chí 1.1");
  EXPECT_EQ(t.rows[2][3].text, "Năm học");
  EXPECT_EQ(t.rows[2][5].text, "");
  // The empty columns' slots lie where page 1's columns are.
  for (size_t c = 4; c < 6; ++c) {
    ASSERT_TRUE(t.rows[2][c].box.has_value());
    ASSERT_TRUE(tables[0].rows[2][c].box.has_value());
    EXPECT_EQ(t.rows[2][c].box->x0, t.rows[2][c - 1].box->x1);
    EXPECT_LT(t.rows[2][c].box->x0, t.rows[2][c].box->x1);
    EXPECT_EQ(t.rows[2][c].box->x0, tables[0].rows[2][c].box->x0);
  }
  EXPECT_GE(t.rows[2][5].box->x1, 2600 + 18 * 7);  // out to page 1's "Ghi chú"
  const Table& u = tables[2];
  ASSERT_EQ(u.columns(), 6u);
  ASSERT_EQ(u.rows.size(), 3u);
  EXPECT_EQ(u.rows[0][0].text, "TT");  // the run's header, read on page 1
  EXPECT_EQ(u.rows[1][0].text, "");
  EXPECT_EQ(u.rows[1][1].text, "Tiêu chí 1.1");
  EXPECT_EQ(u.rows[1][3].text, "Năm học");
  ASSERT_TRUE(u.rows[1][5].box.has_value());
  EXPECT_EQ(u.rows[1][5].box->x0, tables[0].rows[2][5].box->x0);
}

// The OCR glued page 1's header cell's words into one box that runs on
// across the column gap over the next cell's words ("Côngviệc/giảiphápcần."
// over "Chủ trì"), and page 1 has too few lines to show that gap by
// itself: the box ends where the next word starts, so page 2's separator
// there is still taken.
TEST(WordTablesTest, AWordBoxRunningOverTheNextWordsHidesNoColumnGap) {
  // The third column's words end at 1396 at most, the fourth starts at
  // 1440: a 44 px gap.
  const std::vector<std::pair<int, std::string>> header = {
      {100, "TT"}, {400, "Kết quả"}, {1000, "Côngviệc/giảipháp"}, {1440, "Chủ trì"}};
  LinesPage first, second;
  first.Add(header);
  first.Add({{100, "1"}, {400, "Đạt"}, {1000, "Rà soát"}, {1440, "Hiệu trưởng"}});
  second.Add(header);
  second.Add({{100, "1"}, {400, "Đạt"}, {1000, "Rà soát"}, {1440, "Hiệu trưởng"}});
  second.Add({{100, "2"}, {400, "Tốt"}, {1000, "Họp"}, {1440, "Tổ trưởng"}});
  Page one = first.Build();
  const Page two = second.Build(2);
  Word& glued = one.blocks[0].lines[0].words[3];
  ASSERT_EQ(glued.text, "Côngviệc/giảipháp");
  glued.box.x1 = 1540;  // over "Chủ" (1440-1494) and into "trì"
  const std::vector<Table> tables = TablesFromWords({&one, &two});
  ASSERT_EQ(tables.size(), 2u);
  const Table& t = tables[0];
  ASSERT_EQ(t.columns(), 4u);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0][2].text, "Côngviệc/giảipháp");
  EXPECT_EQ(t.rows[0][3].text, "Chủ trì");
  EXPECT_EQ(t.rows[1][3].text, "Hiệu trưởng");
  EXPECT_EQ(tables[1].columns(), 4u);
}

// Page 2's OCR lost the lines between its repeated header and its rows (the
// rest of a row cut by the page break), and more rows than header lines
// follow the white gap:
// the header made a run of its own above the table. Its lines read like
// page 1's header lines, so page 2's table starts there; the header, read
// with its first cells lost, takes page 1's reading.
TEST(WordTablesTest, AHeaderAboveAWhiteGapIsTheTablesHeader) {
  auto header = [](LinesPage* lines, bool whole) {
    if (whole) {
      lines->Add({{100, "TT"},
                  {400, "Tiêu chuẩn,"},
                  {1000, "Kết quả"},
                  {1600, "Công việc"},
                  {2200, "Chủ trì"},
                  {2800, "Ghi chú"}});
    } else {  // "TT", "Tiêu chuẩn," and "Ghi chú" lost
      lines->Add({{1000, "Kết quả"}, {1600, "Công việc"}, {2200, "Chủ trì"}});
    }
    lines->Add({{400, "tiêu chí"}, {1000, "cần đạt"}, {1600, "giải pháp"}, {2200, "phối hợp"}});
  };
  auto row = [](const std::string& label) {
    return std::vector<std::pair<int, std::string>>{
        {400, label}, {1000, "Đạt"}, {1600, "Rà soát"}, {2200, "Hiệu trưởng"}, {2800, "Không"}};
  };
  LinesPage first, second;
  header(&first, true);
  first.Add({{100, "1"}, {400, "Tiêu chuẩn 1:"}});
  first.Add(row("Tiêu chí 1.1"));
  header(&second, false);
  second.Skip(300);
  second.Add(row("Tiêu chí 1.2"));
  second.Add({{100, "2"}, {400, "Tiêu chuẩn 2:"}});
  second.Add(row("Tiêu chí 2.1"));
  second.Add(row("Tiêu chí 2.2"));
  const std::vector<Table> tables = TwoPageTables(first.Build(), second.Build(2));
  ASSERT_EQ(tables.size(), 2u);
  const Table& t = tables[1];
  ASSERT_EQ(t.columns(), 6u);
  ASSERT_EQ(t.rows.size(), 5u);
  EXPECT_EQ(t.rows[0][0].text, "TT");
  EXPECT_EQ(t.rows[0][2].text, "Kết quả cần đạt");
  EXPECT_EQ(t.rows[0][5].text, "Ghi chú");
  EXPECT_EQ(t.rows[1][1].text, "Tiêu chí 1.2");
  EXPECT_EQ(t.rows[2][1].text, "Tiêu chuẩn 2:");
  EXPECT_EQ(t.rows[4][4].text, "Hiệu trưởng");
}

TEST(WordTablesTest, ProseAndTwoColumnBlocksAreNoTable) {
  Page page = BlankPage(1, 3000, 2000);
  Block block;
  for (int i = 0; i < 6; ++i) {
    Line l;
    int y = 100 + 60 * i;
    l.words = {W("UBND", 100, y, 200, y + 40), W("HUYỆN", 212, y, 330, y + 40),
               W("CỘNG", 1500, y, 1600, y + 40), W("HÒA", 1612, y, 1700, y + 40)};
    l.box = Box{100, y, 1700, y + 40};
    block.lines.push_back(l);
  }
  page.blocks.push_back(block);
  EXPECT_TRUE(TableFromWords(page).rows.empty());
}

// Page 1 holds the header (centred cells) and one row: its narrow gap
// between the second and third columns shows by flush-left starts only
// together with page 2's rows.
TEST(WordTablesTest, PagesOfOneTableShareTheirColumns) {
  auto page = [](int number, const std::vector<std::vector<std::pair<int, std::string>>>& lines) {
    Page p = BlankPage(number, 3000, 2000);
    Block block;
    int y = 100;
    for (const auto& cells : lines) {
      block.lines.push_back(PrintedLine(y, cells));
      y += 60;
    }
    p.blocks.push_back(block);
    return p;
  };
  // Columns start at 100, 400 and 1000 (headers a little right of it); the
  // second column's seven words
  // end at 976 on every data line: a 24 px gap, not wider than a column
  // gap's 0.6 word heights (24 px), wider than a space.
  const std::vector<std::pair<int, std::string>> header = {
      {100, "TT"}, {560, "Nội dung"}, {1020, "Kết quả"}};
  const std::vector<std::pair<int, std::string>> numbers = {
      {100, "(1)"}, {560, "(2)"}, {1020, "(3)"}};
  auto row = [](const std::string& n, const std::string& last) {
    return std::vector<std::pair<int, std::string>>{
        {100, n}, {400, "aaaa bbbb cccc dddd eeee ffff gggg"}, {1000, last}};
  };
  Page p1 = page(1, {header, numbers, row("1", "c1")});
  Page p2 = page(2, {header, numbers, row("2", "c2"), row("3", "c3"), row("4", "c4")});
  EXPECT_LT(TableFromWords(p1).columns(), 3u);  // alone: one flush start at 1000
  std::vector<Table> both = TablesFromWords({&p1, &p2});
  ASSERT_EQ(both.size(), 2u);
  ASSERT_EQ(both[0].columns(), 3u);
  ASSERT_EQ(both[1].columns(), 3u);
  ASSERT_EQ(both[0].rows.size(), 3u);
  ASSERT_EQ(both[1].rows.size(), 5u);
  EXPECT_EQ(both[0].rows[2][2].text, "c1");
  EXPECT_EQ(both[1].rows[4][2].text, "c4");
  EXPECT_EQ(both[1].rows[4][1].text, "aaaa bbbb cccc dddd eeee ffff gggg");

  // A quote mark glued to page 1's cell "c1" reaches across the gap.
  Page glued = page(
      1, {header, numbers, {{100, "1"}, {400, "aaaa bbbb cccc"}, {985, "\"c1"}}, row("2", "c2")});
  std::vector<Table> with_glued = TablesFromWords({&glued, &p2});
  ASSERT_EQ(with_glued[0].columns(), 3u);
  ASSERT_EQ(with_glued[0].rows.size(), 4u);
  EXPECT_EQ(with_glued[0].rows[2][2].text, "\"c1");

  // Page 2's first column holds a long number, page 1's only short ones:
  // the middles of the gaps before the second column differ by 36 px, and
  // page 2's narrow gap at 988, moved by that, lands on page 1's words
  // (952, 24 px inside "gggg"): it is taken at the white x next to it.
  Page long_numbers =
      page(2, {header, numbers, row("2", "c2"), row("3", "c3"), row("1000000", "c4")});
  std::vector<Table> shifted = TablesFromWords({&p1, &long_numbers});
  ASSERT_EQ(shifted[0].columns(), 3u);
  ASSERT_EQ(shifted[0].rows.size(), 3u);
  EXPECT_EQ(shifted[0].rows[2][1].text, "aaaa bbbb cccc dddd eeee ffff gggg");
  EXPECT_EQ(shifted[0].rows[2][2].text, "c1");

  // In page order, after ruled tables of other pages; a page with ruled
  // tables keeps them.
  Table ruled;
  Cell cell;
  cell.text = "ruled";
  ruled.rows = {{cell}};
  int borderless = 0;
  std::vector<Table> all = TablesInPageOrder({{}, {ruled}, {}}, {&p1, nullptr, &p2}, &borderless);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].pages, (std::vector<int>{1}));
  EXPECT_EQ(all[1].rows[0][0].text, "ruled");
  EXPECT_EQ(all[2].pages, (std::vector<int>{2}));
  EXPECT_EQ(borderless, 2);
}

// Each cell's box is its slot, as a ruled cell's: x from the separators
// (between the columns' white gaps), y over all the lines of its row, also
// for a cell without words.
TEST(WordTablesTest, CellBoxesAreTheirSlots) {
  const Table t = TableFromWords(SmallTablePage());
  ASSERT_EQ(t.columns(), 3u);
  ASSERT_EQ(t.rows.size(), 3u);
  const Box name = *t.rows[1][1].box, role = *t.rows[1][2].box;
  EXPECT_GT(name.x0, 140);  // the gap between "1" (ends at 120/140) and "Lê" (400)
  EXPECT_LT(name.x0, 400);
  EXPECT_GT(name.x1, 560);  // to the gap before "GV" (1000)
  EXPECT_LT(name.x1, 1000);
  EXPECT_EQ(role.x0, name.x1);
  EXPECT_LE(name.y0, 200);  // both lines of the row, not into the next row's
  EXPECT_GE(name.y1, 270);
  EXPECT_LT(name.y1, 300);
  EXPECT_EQ(role.y0, name.y0);  // "GV" is on the first line only
  EXPECT_EQ(role.y1, name.y1);
  ASSERT_TRUE(t.rows[2][1].box.has_value());
  EXPECT_GT(t.rows[2][1].box->y0, name.y1 - 1);
  EXPECT_GT(t.rows[2][2].box->x1, 1050);  // the last column out to its words
}

// Blank words at the page's edge (noise tokens emptied to a space) make no
// column and start no row.
TEST(WordTablesTest, BlankWordsAreNoText) {
  Page page = SmallTablePage();
  for (auto& line : page.blocks[0].lines)
    line.words.insert(line.words.begin(), W(" ", 10, line.box.y0, 30, line.box.y1));
  const Table t = TableFromWords(page);
  ASSERT_EQ(t.columns(), 3u);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[1][1].text, "Lê An Văn");
}

// A tall "word" (a seal's or rule's remnant) on row 2's line does not
// stretch the row's slots over row 1's.
TEST(WordTablesTest, CellSlotsIgnoreTallJunkWords) {
  Page page = SmallTablePage();
  page.blocks[0].lines[3].words.push_back(W("|", 1040, 240, 1046, 390));
  const Table t = TableFromWords(page);
  ASSERT_EQ(t.columns(), 3u);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_GT(t.rows[2][1].box->y0, 270);
  EXPECT_GE(t.rows[1][1].box->y1, 270);
}

void FillRect(GrayImage* img, const Box& b) {
  for (int y = b.y0; y < b.y1; ++y) {
    for (int x = b.x0; x < b.x1; ++x) img->pixels[static_cast<size_t>(y) * img->width + x] = 0;
  }
}

// Cells are read again from their slots of the page image: a crop reading
// with more sure text replaces the page OCR's words, a worse one (garbage)
// or none (no ink in the slot) leaves them.
TEST(WordTablesTest, RereadCellsKeepsTheBetterReading) {
  Page page = SmallTablePage();
  // The page OCR read row 2's name unsure and cut short.
  Word& name = page.blocks[0].lines[3].words[1];
  name.text = "Tròn";
  name.confidence = 30.0f;
  Word& role = page.blocks[0].lines[3].words[2];
  role.text = "trưởng";
  Table t = TableFromWords(page);
  ASSERT_EQ(t.rows.size(), 3u);
  ASSERT_EQ(t.rows[2][1].text, "Tròn");

  GrayImage image;
  image.width = page.width;
  image.height = page.height;
  image.dpi = 300;
  image.pixels.assign(static_cast<size_t>(image.width) * image.height, 255);
  // Ink (a small blob) under row 2's name and role; none under "GV".
  FillRect(&image, Box{410, 310, 440, 318});
  FillRect(&image, Box{1005, 310, 1030, 318});
  FillRect(&image, Box{410, 110, 440, 118});  // under the header's "Họ"
  FakeOcrEngine engine;
  engine.Add(Box{200, 80, 900, 150}, "Họ tên");  // the header: never asked
  engine.Add(Box{200, 280, 900, 360}, "Trần");   // row 2's name
  engine.Add(Box{900, 280, 1300, 360}, "Tổ");    // row 2's role: less text
  engine.Add(Box{900, 180, 1300, 290}, "GA");    // row 1's role: never asked
  ASSERT_TRUE(RereadCells(image, page, engine, GridOptions{}, &t).has_value());
  EXPECT_EQ(t.rows[2][1].text, "Trần");
  EXPECT_FLOAT_EQ(t.rows[2][1].confidence, 91.0f);
  EXPECT_EQ(t.rows[2][2].text, "trưởng");
  EXPECT_EQ(t.rows[1][2].text, "GV");
  EXPECT_EQ(t.rows[0][1].text, "Họ và tên");
  EXPECT_EQ(engine.calls(), 2);
}

// Row labels decide the rows: one the page's words make is kept even where
// the crop reads more text (a lost number column's "4" before it); a label
// the page OCR cut short ("Tiêu chí 1.5" read "Tiêu") comes back.
TEST(WordTablesTest, RereadCellsKeepsAndTakesRowLabels) {
  Page page = SmallTablePage();
  page.blocks[0].lines[1].words[1].text = "Tiêu";  // row 1's "Lê An": a cut label
  page.blocks[0].lines[1].words[2].text = "";
  page.blocks[0].lines[2].words[0].text = "";
  auto& row2 = page.blocks[0].lines[3].words;
  row2[1] = W("Tiêu", 400, 300, 470, 330);
  row2.insert(row2.begin() + 2, {W("chí", 480, 300, 530, 330), W("1.6", 540, 300, 590, 330)});
  for (Word* w : {&row2[1], &row2[2], &row2[3]}) w->confidence = 70.0f;
  Table t = TableFromWords(page);
  ASSERT_EQ(t.rows.size(), 3u);
  ASSERT_EQ(t.rows[1][1].text, "Tiêu");
  ASSERT_EQ(t.rows[2][1].text, "Tiêu chí 1.6");

  GrayImage image;
  image.width = page.width;
  image.height = page.height;
  image.dpi = 300;
  image.pixels.assign(static_cast<size_t>(image.width) * image.height, 255);
  FillRect(&image, Box{410, 210, 440, 218});
  FillRect(&image, Box{410, 310, 440, 318});
  FakeOcrEngine engine;
  engine.Add(Box{200, 180, 900, 290}, "Tiêu chí 1.5");
  engine.Add(Box{200, 280, 900, 360}, "4 Tiêu chí 1.6");
  ASSERT_TRUE(RereadCells(image, page, engine, GridOptions{}, &t).has_value());
  EXPECT_EQ(t.rows[1][1].text, "Tiêu chí 1.5");
  EXPECT_EQ(t.rows[2][1].text, "Tiêu chí 1.6");
  EXPECT_EQ(engine.calls(), 2);
}

}  // namespace
}  // namespace vnplan::table
