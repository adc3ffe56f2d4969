#include "table/grid_tables.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "fake_ocr_engine.h"

namespace vnplan::table {
namespace {

void FillRect(GrayImage* img, int x0, int y0, int x1, int y1, uint8_t v = 0) {
  for (int y = std::max(0, y0); y < std::min(img->height, y1); ++y) {
    for (int x = std::max(0, x0); x < std::min(img->width, x1); ++x) {
      img->pixels[static_cast<size_t>(y) * img->width + x] = v;
    }
  }
}

GrayImage Blank(int w, int h) {
  GrayImage img;
  img.width = w;
  img.height = h;
  img.dpi = 300;
  img.pixels.assign(static_cast<size_t>(w) * h, 255);
  return img;
}

// A 4x4 ruled table; row 1 has one cell spanning columns 1..3.
// Columns at x = 100, 300, 700, 1100, 1500; rows at y = 100, 200, 350, 500, 700.
struct Drawn {
  GrayImage image;
  FakeOcrEngine engine;
  int ink_cells = 0;
};

const int kXs[] = {100, 300, 700, 1100, 1500};
const int kYs[] = {100, 200, 350, 500, 700};

void DrawTable(Drawn* d, int y_offset, const std::vector<std::vector<std::string>>& texts) {
  GrayImage& img = d->image;
  const int t = 3;  // rule thickness
  for (int y : kYs) FillRect(&img, kXs[0], y + y_offset, kXs[4] + t, y + y_offset + t);
  for (int i = 0; i < 5; ++i) {
    int x = kXs[i];
    bool inner = i == 2 || i == 3;
    if (inner) {
      FillRect(&img, x, kYs[0] + y_offset, x + t, kYs[1] + y_offset);      // row 0
      FillRect(&img, x, kYs[2] + y_offset, x + t, kYs[4] + y_offset + t);  // rows 2-3
    } else {
      FillRect(&img, x, kYs[0] + y_offset, x + t, kYs[4] + y_offset + t);
    }
  }
  // "Text": a small blob per non-empty cell, registered with the engine.
  for (int r = 0; r < 4; ++r) {
    for (int c = 0; c < 4; ++c) {
      if (r == 1 && c > 1) continue;  // covered by the spanning cell
      const std::string& text = texts[r][c];
      int x1 = (r == 1 && c == 1) ? kXs[4] : kXs[c + 1];
      Box cell{kXs[c] + t, kYs[r] + y_offset + t, x1, kYs[r + 1] + y_offset};
      d->engine.Add(cell, text);
      if (!text.empty()) {
        FillRect(&img, cell.x0 + 15, cell.y0 + 15, cell.x0 + 33, cell.y0 + 22);
        ++d->ink_cells;
      }
    }
  }
}

const std::vector<std::vector<std::string>> kTexts = {
    {"TT", "Tiêu chuẩn, tiêu chí", "Kết quả", "Ghi chú"},
    {"1", "Tiêu chuẩn 1: Tổ chức", "", ""},
    {"", "Tiêu chí 1.1", "Đạt", ""},
    {"", "Tiêu chí 1.2", "Tốt", "x"}};

TEST(GridTablesTest, DetectsCellsAndSpans) {
  Drawn d{Blank(1600, 900), {}, 0};
  DrawTable(&d, 0, kTexts);
  auto grids = DetectGrids(d.image, 3);
  ASSERT_TRUE(grids.has_value()) << grids.error().message;
  ASSERT_EQ(grids->size(), 1u);
  const Table& t = (*grids)[0];
  ASSERT_EQ(t.rows.size(), 4u);
  ASSERT_EQ(t.columns(), 4u);
  EXPECT_EQ(t.rows[1][1].col_span, 3);
  EXPECT_EQ(t.rows[1][2].col_span, 0);
  EXPECT_EQ(t.rows[1][3].col_span, 0);
  EXPECT_EQ(t.rows[2][2].col_span, 1);
  ASSERT_TRUE(t.rows[3][2].box.has_value());
  EXPECT_NEAR(t.rows[3][2].box->x0, 703, 4);
  EXPECT_NEAR(t.rows[3][2].box->y1, 700, 4);
  EXPECT_EQ(t.rows[0][0].page, 3);
  EXPECT_EQ(t.pages, (std::vector<int>{3}));
}

TEST(GridTablesTest, OcrsEachNonEmptyCellOnce) {
  Drawn d{Blank(1600, 900), {}, 0};
  DrawTable(&d, 0, kTexts);
  auto tables = ExtractTablesFromImage(d.image, 1, d.engine);
  ASSERT_TRUE(tables.has_value());
  ASSERT_EQ(tables->size(), 1u);
  const Table& t = (*tables)[0];
  for (int r = 0; r < 4; ++r) {
    for (int c = 0; c < 4; ++c) {
      if (r == 1 && c > 1) continue;
      EXPECT_EQ(t.rows[r][c].text, kTexts[r][c]) << r << "," << c;
    }
  }
  EXPECT_EQ(d.engine.calls(), d.ink_cells);
  EXPECT_FLOAT_EQ(t.rows[2][2].confidence, 91.0f);
}

// A 3-column table, rows at y = 100, 200, 350, 500, 650 and columns at
// x = 100, 500, 900, 1300; `gaps` lists (row rule index, column) pieces of
// row rules left out, `blobs` text as (x, y) of 18 x 7 blobs.
GrayImage BrokenRuleTable(const std::vector<std::pair<int, int>>& gaps,
                          const std::vector<std::pair<int, int>>& blobs) {
  GrayImage img = Blank(1600, 800);
  const int xs[] = {100, 500, 900, 1300};
  const int ys[] = {100, 200, 350, 500, 650};
  const int t = 3;
  for (int r = 0; r < 5; ++r) {
    for (int c = 0; c < 3; ++c) {
      if (std::find(gaps.begin(), gaps.end(), std::pair{r, c}) != gaps.end()) continue;
      FillRect(&img, xs[c], ys[r], xs[c + 1] + t, ys[r] + t);
    }
  }
  for (int x : xs) FillRect(&img, x, ys[0], x + t, ys[4] + t);
  for (auto [x, y] : blobs) FillRect(&img, x, y, x + 18, y + 7);
  return img;
}

TEST(GridTablesTest, SplitsABodyCellWhoseRowRuleBrokeInItsColumn) {
  // The rule at y = 350 is lost in the middle column (a scan broke it):
  // text above and below it, none in the band it leaves.
  const GrayImage img = BrokenRuleTable(
      {{2, 1}}, {{120, 120}, {520, 120}, {520, 215}, {520, 365}, {920, 365}, {520, 515}});
  auto grids = DetectGrids(img, 1);
  ASSERT_TRUE(grids.has_value());
  ASSERT_EQ(grids->size(), 1u);
  const Table& t = (*grids)[0];
  ASSERT_EQ(t.rows.size(), 4u);
  ASSERT_EQ(t.columns(), 3u);
  EXPECT_EQ(t.rows[1][1].row_span, 1);
  EXPECT_EQ(t.rows[2][1].row_span, 1);
  ASSERT_TRUE(t.rows[2][1].box.has_value());
  EXPECT_NEAR(t.rows[2][1].box->y0, 351, 4);
}

TEST(GridTablesTest, SplitsABodyCellWhoseRowRuleIsTooBrokenToBeSeen) {
  // The rule at y = 350 in the middle column is dashes shorter than the
  // rule opening (a heavy scan broke it up): not found as a rule, its ink
  // lies in the band the cut needs free of text.
  GrayImage img = BrokenRuleTable(
      {{2, 1}}, {{120, 120}, {520, 120}, {520, 215}, {520, 365}, {920, 365}, {520, 515}});
  for (int x = 503; x < 900; x += 60) FillRect(&img, x, 350, std::min(x + 36, 900), 353);
  auto grids = DetectGrids(img, 1);
  ASSERT_TRUE(grids.has_value());
  ASSERT_EQ(grids->size(), 1u);
  const Table& t = (*grids)[0];
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(t.rows[1][1].row_span, 1);
  ASSERT_TRUE(t.rows[2][1].box.has_value());
  EXPECT_NEAR(t.rows[2][1].box->y0, 351, 6);
}

TEST(GridTablesTest, KeepsRealRowSpans) {
  // Text on one side of the missing rule only: a cell spanning two rows.
  const GrayImage one_side = BrokenRuleTable({{2, 1}}, {{520, 215}, {520, 300}, {920, 365}});
  auto grids = DetectGrids(one_side, 1);
  ASSERT_TRUE(grids.has_value() && grids->size() == 1u);
  EXPECT_EQ((*grids)[0].rows[1][1].row_span, 2);
  // Text across the rule's place: a spanning cell's lines.
  const GrayImage across = BrokenRuleTable({{2, 1}}, {{520, 215}, {520, 346}, {520, 400}});
  grids = DetectGrids(across, 1);
  ASSERT_TRUE(grids.has_value() && grids->size() == 1u);
  EXPECT_EQ((*grids)[0].rows[1][1].row_span, 2);
  // Header cells span rows: the first row rule lost in one column.
  const GrayImage header = BrokenRuleTable({{1, 0}}, {{120, 120}, {120, 215}, {520, 120}});
  grids = DetectGrids(header, 1);
  ASSERT_TRUE(grids.has_value() && grids->size() == 1u);
  EXPECT_EQ((*grids)[0].rows[0][0].row_span, 2);
  EXPECT_EQ((*grids)[0].header_rows, 2);
}

// `img`'s one grid has its middle column's cell cut at the rule's remains
// at y = 350..353: four rows, the lower piece starting below the remains
// and above the text at y = 365.
void ExpectCellSplitAtRemains(const GrayImage& img) {
  auto grids = DetectGrids(img, 1);
  ASSERT_TRUE(grids.has_value());
  ASSERT_EQ(grids->size(), 1u);
  const Table& t = (*grids)[0];
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(t.rows[1][1].row_span, 1);
  ASSERT_TRUE(t.rows[2][1].box.has_value());
  EXPECT_GT(t.rows[2][1].box->y0, 352);
  EXPECT_LE(t.rows[2][1].box->y0, 365);
}

TEST(GridTablesTest, SplitsABodyCellWhoseRowRuleIsLeftInShortPieces) {
  // The rule at y = 350 in the middle column is 20 px dashes every 60 px
  // (a heavy scan broke it up): a third of the cell's width, too little to
  // be taken for a rule row by itself, but a thin line at the rule's place
  // and along all the cell.
  GrayImage img = BrokenRuleTable(
      {{2, 1}}, {{120, 120}, {520, 120}, {520, 215}, {520, 365}, {920, 365}, {520, 515}});
  for (int x = 503; x < 900; x += 60) FillRect(&img, x, 350, std::min(x + 20, 900), 353);
  // A fragment of the rule's ink below the remains (24 px): more than a
  // speck, allowed beside remains.
  FillRect(&img, 700, 358, 706, 362);
  ExpectCellSplitAtRemains(img);
}

TEST(GridTablesTest, SplitsACellWithTextOnOneSideWhereTheRuleRemains) {
  // The rule at y = 350 in the middle column stops 37 and 40 px short of
  // the column rules (a heavy scan ate its ends): the cells above and
  // below it are one region, text only in the lower one. The rule's
  // remains run along the cell: two cells.
  GrayImage img = BrokenRuleTable({{2, 1}}, {{120, 120}, {520, 120}, {520, 365}, {920, 365}});
  FillRect(&img, 540, 350, 860, 353);
  ExpectCellSplitAtRemains(img);
  // A piece of rule in one half of the cell only (a stroke, a stain): the
  // cell stays whole.
  GrayImage stroke = BrokenRuleTable({{2, 1}}, {{120, 120}, {520, 120}, {520, 365}, {920, 365}});
  FillRect(&stroke, 540, 350, 680, 353);
  auto grids = DetectGrids(stroke, 1);
  ASSERT_TRUE(grids.has_value() && grids->size() == 1u);
  EXPECT_EQ((*grids)[0].rows[1][1].row_span, 2);
}

// BrokenRuleTable's 3-column table with the column rule at x = 500 drawn
// in row 2 (y 350..500) from y = 350 to `rule_to` only (350: not at all),
// and text blobs at `blobs`.
GrayImage BrokenColumnRuleTable(int rule_to, const std::vector<std::pair<int, int>>& blobs) {
  GrayImage img = Blank(1600, 800);
  const int xs[] = {100, 500, 900, 1300};
  const int ys[] = {100, 200, 350, 500, 650};
  const int t = 3;
  for (int y : ys) FillRect(&img, xs[0], y, xs[3] + t, y + t);
  for (int x : xs) {
    if (x == 500) {
      FillRect(&img, x, ys[0], x + t, ys[2] + t);
      FillRect(&img, x, ys[2], x + t, rule_to);
      FillRect(&img, x, ys[3], x + t, ys[4] + t);
    } else {
      FillRect(&img, x, ys[0], x + t, ys[4] + t);
    }
  }
  for (auto [x, y] : blobs) FillRect(&img, x, y, x + 18, y + 7);
  return img;
}

TEST(GridTablesTest, SplitsACellWhoseColumnRuleBrokeInItsRow) {
  // The rule between columns 0 and 1 is cut in row 2 below y = 440 (a
  // seal's whitening took it): the text in column 1 stays in column 1.
  const GrayImage img = BrokenColumnRuleTable(440, {{120, 120}, {520, 120}, {520, 365}});
  auto grids = DetectGrids(img, 1);
  ASSERT_TRUE(grids.has_value());
  ASSERT_EQ(grids->size(), 1u);
  const Table& t = (*grids)[0];
  ASSERT_EQ(t.rows.size(), 4u);
  ASSERT_EQ(t.columns(), 3u);
  EXPECT_EQ(t.rows[2][0].col_span, 1);
  EXPECT_EQ(t.rows[2][1].col_span, 1);
  ASSERT_TRUE(t.rows[2][1].box.has_value());
  EXPECT_GT(t.rows[2][1].box->x0, 500);
  ASSERT_TRUE(t.rows[2][0].box.has_value());
  EXPECT_LT(t.rows[2][0].box->x1, 500);
}

TEST(GridTablesTest, SplitsACellWhoseColumnRuleIsLeftInShortPieces) {
  // The rule between columns 0 and 1 in row 2 is 10 px dashes every 30 px
  // (too short for the rule opening): text on both sides, none across.
  GrayImage img = BrokenColumnRuleTable(350, {{120, 120}, {520, 120}, {120, 365}, {520, 365}});
  for (int y = 360; y < 500; y += 30) FillRect(&img, 500, y, 503, y + 10);
  auto grids = DetectGrids(img, 1);
  ASSERT_TRUE(grids.has_value());
  ASSERT_EQ(grids->size(), 1u);
  const Table& t = (*grids)[0];
  ASSERT_EQ(t.rows.size(), 4u);
  ASSERT_EQ(t.columns(), 3u);
  EXPECT_EQ(t.rows[2][0].col_span, 1);
  ASSERT_TRUE(t.rows[2][1].box.has_value());
  EXPECT_GT(t.rows[2][1].box->x0, 500);
  // A letter's stroke there (in the upper half of the cell only) is no rule.
  GrayImage stem = BrokenColumnRuleTable(350, {{120, 120}, {520, 120}, {120, 365}, {520, 365}});
  FillRect(&stem, 499, 365, 505, 405);
  grids = DetectGrids(stem, 1);
  ASSERT_TRUE(grids.has_value() && grids->size() == 1u);
  EXPECT_EQ((*grids)[0].rows[2][0].col_span, 2);
}

TEST(GridTablesTest, KeepsRealColumnSpans) {
  // No rule at all in row 2 between columns 0 and 1: a spanning cell
  // ("MỨC 1, 2, 3" across the table).
  const GrayImage img = BrokenColumnRuleTable(350, {{120, 120}, {520, 120}, {120, 365}});
  auto grids = DetectGrids(img, 1);
  ASSERT_TRUE(grids.has_value() && grids->size() == 1u);
  EXPECT_EQ((*grids)[0].rows[2][0].col_span, 2);
  // A short stub of rule left at the top: still a span.
  const GrayImage stub = BrokenColumnRuleTable(380, {{120, 120}, {520, 120}, {120, 365}});
  grids = DetectGrids(stub, 1);
  ASSERT_TRUE(grids.has_value() && grids->size() == 1u);
  EXPECT_EQ((*grids)[0].rows[2][0].col_span, 2);
}

// A 3-column table (columns at x = 100, 500, 900, 1300; rows at `ys`) whose
// row 1 spans all columns (no column rules in it), with the row rule at
// y = `gap_y` left out over [gap_x0, gap_x1).
GrayImage SpanningRowTable(const std::array<int, 5>& ys, int gap_y = -1, int gap_x0 = 0,
                           int gap_x1 = 0) {
  GrayImage img = Blank(1600, 800);
  const int xs[] = {100, 500, 900, 1300};
  const int t = 3;
  for (int y : ys) {
    if (y == gap_y) {
      FillRect(&img, xs[0], y, gap_x0, y + t);
      FillRect(&img, gap_x1, y, xs[3] + t, y + t);
    } else {
      FillRect(&img, xs[0], y, xs[3] + t, y + t);
    }
  }
  for (int x : xs) {
    if (x == xs[0] || x == xs[3]) {
      FillRect(&img, x, ys[0], x + t, ys[4] + t);
    } else {
      FillRect(&img, x, ys[0], x + t, ys[1] + t);
      FillRect(&img, x, ys[2], x + t, ys[4] + t);
    }
  }
  return img;
}

TEST(GridTablesTest, ARuleEndingShortOfTheFrameStillClosesItsCells) {
  // Row 2 spans the table ("MỨC 1, 2, 3"); the rule under it stops 15 px
  // short of the left frame (a heavy scan faded the corner). Through that
  // gap the spanning cell and the cell under it were one region, and both
  // were lost.
  const GrayImage img = SpanningRowTable({100, 200, 350, 500, 650}, 350, 100, 115);
  auto grids = DetectGrids(img, 1);
  ASSERT_TRUE(grids.has_value());
  ASSERT_EQ(grids->size(), 1u);
  const Table& t4 = (*grids)[0];
  ASSERT_EQ(t4.rows.size(), 4u);
  ASSERT_EQ(t4.columns(), 3u);
  ASSERT_TRUE(t4.rows[1][0].box.has_value());
  EXPECT_EQ(t4.rows[1][0].col_span, 3);
  ASSERT_TRUE(t4.rows[2][0].box.has_value());
  EXPECT_EQ(t4.rows[2][0].col_span, 1);
  EXPECT_LT(t4.rows[2][0].box->y1, 510);

  GridOptions joints_only;  // the joint between the two rules is the gap
  joints_only.rule_gap_300 = 0;
  grids = DetectGrids(img, 1, joints_only);
  ASSERT_TRUE(grids.has_value() && grids->size() == 1u);
  ASSERT_EQ((*grids)[0].rows.size(), 4u);
  EXPECT_TRUE((*grids)[0].rows[2][0].box.has_value());

  GridOptions off;  // nor the L cut along the rows, which also finds them
  off.joint_gap_300 = 0;
  off.rule_gap_300 = 0;
  off.min_cell_fill = 0.5;
  grids = DetectGrids(img, 1, off);
  ASSERT_TRUE(grids.has_value() && grids->size() == 1u);
  EXPECT_FALSE((*grids)[0].rows.size() == 4u && (*grids)[0].rows[2][0].box.has_value())
      << "the test no longer shows the gap";
}

TEST(GridTablesTest, ALetterStrokeNearTheRulesDoesNotCutASpanningCell) {
  // Row 1 spans the table; a bold letter's stem in it (45 px, as "MỨC" on a
  // heavy scan) passes the vertical rule opening and stands 15 px below the
  // rule above and 17 px above the rule below: gaps the rule-gap closing
  // would bridge, cutting the row in two.
  GrayImage img = SpanningRowTable({100, 200, 280, 500, 650});
  FillRect(&img, 700, 218, 708, 263);  // the stem
  auto grids = DetectGrids(img, 1);
  ASSERT_TRUE(grids.has_value());
  ASSERT_EQ(grids->size(), 1u);
  ASSERT_EQ((*grids)[0].rows.size(), 4u);
  ASSERT_EQ((*grids)[0].columns(), 3u);
  EXPECT_EQ((*grids)[0].rows[1][0].col_span, 3);

  GridOptions every_piece;
  every_piece.gap_rule_length_300 = 1;
  grids = DetectGrids(img, 1, every_piece);
  ASSERT_TRUE(grids.has_value() && grids->size() == 1u);
  EXPECT_FALSE((*grids)[0].columns() == 3u && (*grids)[0].rows[1][0].col_span == 3)
      << "the test no longer shows the stem joined to the rules";
}

TEST(GridTablesTest, CellsRunTogetherThroughALongRuleGapAreCutApart) {
  // Row 1 spans the table; the rule under it has a 40 px gap in column 0,
  // longer than the closings reach. Row 1 and the cell under the gap make
  // one L-shaped region that fills under half its box.
  const GrayImage img = SpanningRowTable({100, 200, 260, 460, 610}, 260, 250, 290);
  auto grids = DetectGrids(img, 1);
  ASSERT_TRUE(grids.has_value());
  ASSERT_EQ(grids->size(), 1u);
  const Table& t4 = (*grids)[0];
  ASSERT_EQ(t4.rows.size(), 4u);
  ASSERT_EQ(t4.columns(), 3u);
  ASSERT_TRUE(t4.rows[1][0].box.has_value());
  EXPECT_EQ(t4.rows[1][0].col_span, 3);
  EXPECT_EQ(t4.rows[1][0].row_span, 1);
  ASSERT_TRUE(t4.rows[2][0].box.has_value());
  EXPECT_EQ(t4.rows[2][0].col_span, 1);
  EXPECT_GT(t4.rows[2][0].box->y0, 255);
  EXPECT_LT(t4.rows[2][0].box->y1, 470);
}

TEST(GridTablesTest, ARegionThatIsNoRectangleIsCutAlongTheRows) {
  // The column rule at x = 900 is lost in row 1 and the row rule at
  // y = 350 in column 1: row 1's columns 1-2 and row 2's column 1 make one
  // L-shaped region that fills three quarters of its box. Taken as one cell
  // it covered row 2's column 2, a cell of its own.
  GrayImage img = Blank(1600, 800);
  const int xs[] = {100, 500, 900, 1300};
  const int ys[] = {100, 200, 350, 500, 650};
  const int t = 3;
  for (int y : ys) {
    if (y == 350) {
      FillRect(&img, xs[0], y, xs[1] + t, y + t);
      FillRect(&img, xs[2], y, xs[3] + t, y + t);
    } else {
      FillRect(&img, xs[0], y, xs[3] + t, y + t);
    }
  }
  for (int x : xs) {
    if (x == 900) {
      FillRect(&img, x, ys[0], x + t, ys[1] + t);
      FillRect(&img, x, ys[2], x + t, ys[4] + t);
    } else {
      FillRect(&img, x, ys[0], x + t, ys[4] + t);
    }
  }
  auto grids = DetectGrids(img, 1);
  ASSERT_TRUE(grids.has_value());
  ASSERT_EQ(grids->size(), 1u);
  const Table& t4 = (*grids)[0];
  ASSERT_EQ(t4.rows.size(), 4u);
  ASSERT_EQ(t4.columns(), 3u);
  ASSERT_TRUE(t4.rows[1][1].box.has_value());
  EXPECT_EQ(t4.rows[1][1].row_span, 1);
  EXPECT_EQ(t4.rows[1][1].col_span, 2);
  ASSERT_TRUE(t4.rows[2][1].box.has_value());
  EXPECT_EQ(t4.rows[2][1].col_span, 1);
  ASSERT_TRUE(t4.rows[2][2].box.has_value());
  EXPECT_EQ(t4.rows[2][2].col_span, 1);
  EXPECT_GT(t4.rows[2][2].box->x0, 900);

  GridOptions any_fill;  // only regions under half their box cut
  any_fill.min_cell_fill = 0.5;
  grids = DetectGrids(img, 1, any_fill);
  ASSERT_TRUE(grids.has_value() && grids->size() == 1u);
  EXPECT_EQ((*grids)[0].rows[1][1].row_span, 2) << "the test no longer shows the L";
}

// Reads a whole page poorly and an enlarged crop well, recording the size
// of each image it is given.
class EnlargeLovingEngine : public OcrEngine {
 public:
  explicit EnlargeLovingEngine(int page_width) : page_width_(page_width) {}
  Result<Page> Recognize(const GrayImage& image, const Box& region) override {
    widths.push_back(image.width);
    if (image.width != page_width_) last_crop = image;
    const bool page = image.width == page_width_;
    Box box = page ? region : Box{10, 10, image.width - 10, image.height - 10};
    const float conf = page ? 40.0f : 95.0f;
    Word first{"Hiệu", box, conf, ""}, second{page ? "tưởn" : "trưởng", box, conf, ""};
    Page out;
    out.blocks.push_back(Block{{Line{{first, second}, box}}, box});
    out.mean_confidence = conf;
    return out;
  }
  std::vector<int> widths;
  GrayImage last_crop;  // the last enlarged crop read

 private:
  int page_width_;
};

TEST(GridTablesTest, RereadsAnUnsureCellEnlarged) {
  Drawn d{Blank(1600, 900), {}, 0};
  DrawTable(&d, 0, kTexts);
  EnlargeLovingEngine once(1600);  // default options: no second reading
  auto plain = ExtractTablesFromImage(d.image, 1, once);
  ASSERT_TRUE(plain.has_value() && plain->size() == 1u);
  EXPECT_EQ((*plain)[0].rows[2][2].text, "Hiệu tưởn");
  EXPECT_EQ(static_cast<int>(once.widths.size()), d.ink_cells);
  GridOptions options;
  options.reread_below_confidence = 90;
  EnlargeLovingEngine twice(1600);
  auto reread = ExtractTablesFromImage(d.image, 1, twice, options);
  ASSERT_TRUE(reread.has_value() && reread->size() == 1u);
  EXPECT_EQ((*reread)[0].rows[2][2].text, "Hiệu trưởng");
  EXPECT_FLOAT_EQ((*reread)[0].rows[2][2].confidence, 95.0f);
  ASSERT_EQ(static_cast<int>(twice.widths.size()), 2 * d.ink_cells);
  // The third cell read, (0, 2), enlarged: its crop (the column of (2, 2),
  // inset by 2) twice as large with a 10-pixel margin.
  const Box cell = *(*reread)[0].rows[2][2].box;
  EXPECT_EQ(twice.widths[5], 2 * (cell.width() - 4) + 20);
}

TEST(GridTablesTest, RereadsFromTheGrayPageWithoutTheSeal) {
  // Only cell (2, 2) has text (black in both images) and a seal stroke:
  // black on the binary page, mid-gray (150) on the gray one. Read again
  // from the gray page below 140, the enlarged crop has the text, not the
  // seal.
  const std::vector<std::vector<std::string>> texts = {
      {"", "", "", ""}, {"", "", "", ""}, {"", "", "Đạt", ""}, {"", "", "", ""}};
  Drawn d{Blank(1600, 900), {}, 0};
  DrawTable(&d, 0, texts);
  GrayImage gray = d.image;
  FillRect(&d.image, 800, 420, 900, 440);    // the seal, binarised
  FillRect(&gray, 800, 420, 900, 440, 150);  // ... and in gray
  GridOptions options;
  options.reread_below_confidence = 90;
  options.reread_gray = &gray;
  options.reread_dark_threshold = 140;
  EnlargeLovingEngine engine(1600);
  auto tables = ExtractTablesFromImage(d.image, 1, engine, options);
  ASSERT_TRUE(tables.has_value() && tables->size() == 1u);
  ASSERT_EQ(engine.widths.size(), 2u);  // (2, 2), then its enlarged crop
  const GrayImage& crop = engine.last_crop;
  const Box cell = *(*tables)[0].rows[2][2].box;
  // Page (x, y) in the crop: 2x from the inner box (inset 2), 10-pixel margin.
  auto at = [&](int x, int y) {
    const int cx = 10 + 2 * (x - cell.x0 - 2), cy = 10 + 2 * (y - cell.y0 - 2);
    return crop.pixels[static_cast<size_t>(cy) * crop.width + cx];
  };
  int seal = 0;
  for (int y = 422; y < 438; y += 4) {
    for (int x = 805; x < 895; x += 10) seal += at(x, y) < 128;
  }
  EXPECT_EQ(seal, 0);
  // The text blob: x0 + 3 + 15 .. + 18, y0 + 3 + 15 .. + 7 (DrawTable).
  EXPECT_LT(at(kXs[2] + 3 + 15 + 9, kYs[2] + 3 + 15 + 3), 128);
  // Without the gray page the seal is read along.
  options.reread_gray = nullptr;
  EnlargeLovingEngine binary(1600);
  ASSERT_TRUE(ExtractTablesFromImage(d.image, 1, binary, options).has_value());
  const int cx = 10 + 2 * (850 - cell.x0 - 2), cy = 10 + 2 * (430 - cell.y0 - 2);
  EXPECT_LT(binary.last_crop.pixels[static_cast<size_t>(cy) * binary.last_crop.width + cx], 128);
}

// Any regions (a borderless table's cells) read as ruled cells are: one
// without ink, or off the page, is not sent to the engine; an unsure
// reading is read again enlarged.
TEST(GridTablesTest, ReadRegionsReadsInkedRegionsAsCells) {
  GrayImage img = Blank(1600, 900);
  FillRect(&img, 215, 215, 233, 222);
  GridOptions options;
  options.reread_below_confidence = 90;
  EnlargeLovingEngine engine(1600);
  auto readings =
      ReadRegions(img, {Box{200, 200, 400, 260}, Box{500, 200, 700, 260}, Box{1700, 0, 1800, 50}},
                  engine, options);
  ASSERT_TRUE(readings.has_value());
  ASSERT_EQ(readings->size(), 3u);
  ASSERT_TRUE((*readings)[0].has_value());
  EXPECT_EQ(PageText(*(*readings)[0]), "Hiệu trưởng\n");
  EXPECT_FALSE((*readings)[1].has_value());
  EXPECT_FALSE((*readings)[2].has_value());
  EXPECT_EQ(engine.widths.size(), 2u);  // the region, then enlarged
  EXPECT_FALSE(ReadRegions(GrayImage{}, {Box{0, 0, 10, 10}}, engine).has_value());
}

TEST(GridTablesTest, NoRulesNoTables) {
  GrayImage img = Blank(800, 600);
  FillRect(&img, 100, 100, 130, 110);
  auto grids = DetectGrids(img, 1);
  ASSERT_TRUE(grids.has_value());
  EXPECT_TRUE(grids->empty());
  GrayImage empty;
  EXPECT_FALSE(DetectGrids(empty, 1).has_value());
}

Table TextTable(const std::vector<std::vector<std::string>>& rows, int page) {
  Table t;
  t.format = TableFormat::kGrid;
  t.pages = {page};
  t.header_rows = 1;
  for (const auto& r : rows) {
    std::vector<Cell> row;
    for (const auto& s : r) {
      Cell c;
      c.text = s;
      c.page = page;
      row.push_back(c);
    }
    t.rows.push_back(row);
  }
  return t;
}

TEST(GridTablesTest, JoinDropsRepeatedHeaderAndContinuesCutRow) {
  Table p1 = TextTable({{"TT", "Tiêu chí", "Kết quả"}, {"", "Tiêu chí 1.1", "Phần đầu"}}, 1);
  Table p2 = TextTable({{"TT", "Tieu chi", "Ket qua"},  // repeated header, OCR'd without marks
                        {"", "", "phần cuối"},
                        {"", "Tiêu chí 1.2", "Khác"}},
                       2);
  Table other = TextTable({{"A", "B"}, {"1", "2"}}, 4);
  auto joined = JoinAcrossPages({p1, p2, other});
  ASSERT_EQ(joined.size(), 2u);
  const Table& t = joined[0];
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[1][2].text, "Phần đầu phần cuối");
  EXPECT_EQ(t.rows[2][1].text, "Tiêu chí 1.2");
  EXPECT_EQ(t.pages, (std::vector<int>{1, 2}));
}

// The first page's header lost the rule between "Thời gian" and "Dự kiến
// kinh phí": one cell spans both columns. The next page's copy, with every
// cell, replaces it.
TEST(GridTablesTest, JoinKeepsTheRepeatedHeaderWithFewerMergedCells) {
  const std::vector<std::string> header = {
      "TT", "Tiêu chuẩn, tiêu chí", "Kết quả cần đạt", "Công việc/giải pháp", "Chủ trì",
      "Thời gian thực hiện", "Dự kiến kinh phí", "Điều kiện hỗ trợ khác", "Ghi chú"};
  std::vector<std::string> merged_header = header;
  merged_header[5] = "Thời gian Dự kiến thực kinh phí hiện";
  merged_header[6] = "";
  Table p1 = TextTable({merged_header, {"", "Tiêu chí 1.1", "a"}}, 1);
  p1.rows[0][5].col_span = 2;
  p1.rows[0][6].col_span = 0;
  PadRows(&p1);
  Table p2 = TextTable({header, {"", "Tiêu chí 1.2", "b"}}, 2);
  PadRows(&p2);
  auto joined = JoinAcrossPages({p1, p2});
  ASSERT_EQ(joined.size(), 1u);
  ASSERT_EQ(joined[0].rows.size(), 3u);  // the repeated header dropped
  EXPECT_EQ(joined[0].rows[0][5].text, "Thời gian thực hiện");
  EXPECT_EQ(joined[0].rows[0][6].text, "Dự kiến kinh phí");
  EXPECT_EQ(joined[0].rows[0][6].col_span, 1);
  // A merged copy never replaces a whole one.
  auto reversed = JoinAcrossPages({p2, [&] {
                                     Table t = p1;
                                     t.pages = {3};
                                     for (auto& row : t.rows) for (auto& c : row) c.page = 3;
                                     return t;
                                   }()});
  ASSERT_EQ(reversed.size(), 1u);
  EXPECT_EQ(reversed[0].rows[0][6].text, "Dự kiến kinh phí");
}

TEST(GridTablesTest, JoinContinuesARowWhoseLabelCellRunsOn) {
  Table p1 = TextTable({{"TT", "Tiêu chí", "Kết quả"}, {"2", "Tiêu chuẩn 2:", ""}}, 1);
  Table p2 = TextTable({{"", "Cán bộ quản lý", ""}, {"", "Tiêu chí 2.1", "a"}}, 2);
  auto joined = JoinAcrossPages({p1, p2});
  ASSERT_EQ(joined.size(), 1u);
  ASSERT_EQ(joined[0].rows.size(), 3u);
  EXPECT_EQ(joined[0].rows[1][1].text, "Tiêu chuẩn 2: Cán bộ quản lý");
}

TEST(GridTablesTest, JoinWithoutRepeatedHeader) {
  Table p1 = TextTable({{"TT", "Tiêu chí", "Kết quả"}, {"", "Tiêu chí 1.1", "a"}}, 1);
  Table p2 = TextTable({{"", "Tiêu chí 1.2", "b"}}, 2);
  auto joined = JoinAcrossPages({p1, p2});
  ASSERT_EQ(joined.size(), 1u);
  EXPECT_EQ(joined[0].rows.size(), 3u);
}

}  // namespace
}  // namespace vnplan::table
