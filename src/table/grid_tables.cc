#include "table/grid_tables.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "table/cell_words.h"
#include "table/fuzzy.h"
#include "table/row_labels.h"

namespace vnplan::table {
namespace {

// Single-linkage clustering of sorted values: a new cluster starts when the
// gap to the previous value exceeds `tolerance`. Returns cluster centres and
// maps each value to its cluster through `index_of`.
std::vector<double> Cluster(std::vector<int> values, int tolerance) {
  std::sort(values.begin(), values.end());
  std::vector<double> centres;
  std::vector<int> current;
  for (int v : values) {
    if (!current.empty() && v - current.back() > tolerance) {
      centres.push_back(std::accumulate(current.begin(), current.end(), 0.0) / current.size());
      current.clear();
    }
    current.push_back(v);
  }
  if (!current.empty()) {
    centres.push_back(std::accumulate(current.begin(), current.end(), 0.0) / current.size());
  }
  return centres;
}

int Nearest(const std::vector<double>& centres, int v) {
  int best = 0;
  double d = 1e18;
  for (size_t i = 0; i < centres.size(); ++i) {
    double e = std::abs(centres[i] - v);
    if (e < d) {
      d = e;
      best = static_cast<int>(i);
    }
  }
  return best;
}

struct CellComponent {
  cv::Rect rect;  // page coordinates
  int row = 0, col = 0, row_span = 1, col_span = 1;
};

struct GridMasks {
  cv::Mat ink;    // binarised page, text and rules = 255
  cv::Mat rules;  // rules only = 255
};

// A gap of `gap_300` pixels at 300 dpi in pixels of a page at `scale` x
// 300 dpi; odd, so that a closing with it is centred (OpenCV's even
// kernels shift the dilation and the erosion the same way, and one pixel of
// a gap stays).
int GapPixels(int gap_300, double scale) {
  return std::max(3, static_cast<int>(std::lround(gap_300 * scale)) | 1);
}

GridMasks FindRules(const cv::Mat& gray, double scale, const GridOptions& options) {
  GridMasks m;
  int block = std::max(3, static_cast<int>(std::lround(31 * scale)) | 1);
  cv::adaptiveThreshold(gray, m.ink, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, block,
                        15);
  int hlen = std::max(10, static_cast<int>(gray.cols * options.horizontal_kernel_fraction));
  int vlen = std::max(10, static_cast<int>(gray.rows * options.vertical_kernel_fraction));
  cv::Mat horizontal, vertical;
  cv::morphologyEx(m.ink, horizontal, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(hlen, 1)));
  cv::morphologyEx(m.ink, vertical, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, vlen)));
  // Close small breaks along each rule, then thicken a little so that rules
  // meet at the joints.
  int bridge = std::max(3, static_cast<int>(std::lround(9 * scale)));
  cv::morphologyEx(horizontal, horizontal, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(bridge, 1)));
  cv::morphologyEx(vertical, vertical, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, bridge)));
  int grow = std::max(1, static_cast<int>(std::lround(2 * scale)));
  cv::dilate(horizontal, horizontal,
             cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2 * grow + 1, 2 * grow + 1)));
  cv::dilate(vertical, vertical,
             cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2 * grow + 1, 2 * grow + 1)));
  // Gaps: a rule that stops short of the rule it meets (a faded corner, a
  // scan that ate a rule's end) leaves a gap through which a cell's inside
  // runs into its neighbour or out of the table, and the cell is lost (a
  // level row "MỨC 1, 2, 3" whose lower rule ended short of the frame took
  // the row number cell below with it on heavy scans); so does a rule
  // broken along its length. Gaps on one row or column of up to
  // `rule_gap_300` between any two rules, and of up to `joint_gap_300`
  // between a horizontal and a vertical rule, are closed. Only rule pieces
  // at least `gap_rule_length_300` long take part: the strokes of large
  // bold letters pass the openings above ("MỨC" is 40 px tall at 275 dpi)
  // and, joined to the rules above and below, cut a spanning cell.
  m.rules = horizontal | vertical;
  if (options.joint_gap_300 > 0 || options.rule_gap_300 > 0) {
    auto morph = [](const cv::Mat& mask, int op, cv::Size size) {
      cv::Mat out;
      cv::morphologyEx(mask, out, op, cv::getStructuringElement(cv::MORPH_RECT, size));
      return out;
    };
    const int length = GapPixels(options.gap_rule_length_300, scale);
    const cv::Mat long_h = morph(horizontal, cv::MORPH_OPEN, cv::Size(length, 1));
    const cv::Mat long_v = morph(vertical, cv::MORPH_OPEN, cv::Size(1, length));
    const cv::Mat long_rules = long_h | long_v;
    if (options.joint_gap_300 > 0) {
      const int joint = GapPixels(options.joint_gap_300, scale);
      for (const cv::Size size : {cv::Size(joint, 1), cv::Size(1, joint)}) {
        m.rules |= morph(long_rules, cv::MORPH_CLOSE, size) &
                   ~morph(long_h, cv::MORPH_CLOSE, size) & ~morph(long_v, cv::MORPH_CLOSE, size);
      }
    }
    if (options.rule_gap_300 > 0) {
      const int gap = GapPixels(options.rule_gap_300, scale);
      m.rules |= morph(long_rules, cv::MORPH_CLOSE, cv::Size(gap, 1)) |
                 morph(long_rules, cv::MORPH_CLOSE, cv::Size(1, gap));
    }
  }
  return m;
}

// What lies where the rest of the table predicts a rule across a merged
// cell (a rule the scan lost or broke there). `ink` and `rules` are the
// masks of a window across the cell around the rule's place, one row of
// the window per position along the rule's normal (a horizontal rule as
// is, a vertical one transposed); rows [band0, band1) are the band the rule
// and its cell padding take.
struct RuleRemains {
  int text = 0;      // text ink in the band outside the rule's remains
  double cover = 0;  // share of the cell's width the remains cover; 0 = none seen
  // The rows the remains in the band take, with a few either side (window
  // rows, -1 when none): the pieces of a cut cell leave them out.
  int first = -1, last = -1;
};

RuleRemains MeasureRemains(const cv::Mat& ink, const cv::Mat& rules, int band0, int band1,
                           double scale) {
  RuleRemains out;
  const int n = ink.rows, width = ink.cols;
  band0 = std::clamp(band0, 0, n);
  band1 = std::clamp(band1, band0, n);
  if (width == 0 || band1 <= band0) return out;
  const cv::Mat dark = ink | rules, text = ink & ~rules;
  std::vector<int> cover(n);
  for (int k = 0; k < n; ++k) cover[k] = cv::countNonZero(dark.row(k));
  // Rows a rule's remains run along (`core`), with a few rows either side
  // (`line`).
  const int reach = std::max(2, static_cast<int>(std::lround(3 * scale)));
  std::vector<bool> line(n, false), core(n, false);
  auto mark = [&](int lo, int hi) {
    for (int k = lo; k <= hi; ++k) core[k] = true;
    for (int k = std::max(0, lo - reach); k <= std::min(n - 1, hi + reach); ++k) line[k] = true;
  };
  // A rule found in part or too faint for the openings: ink and rule over
  // half the width on one row.
  for (int k = 0; k < n; ++k) {
    if (2 * cover[k] >= width) mark(k, k);
  }
  // A rule broken into pieces: the band's darkest row, over a fifth of the
  // width, with the rows around it down to a quarter of its darkness (a
  // heavy scan's blur), as long as they are as thin as a rule (a line of
  // text is thicker).
  const int peak = static_cast<int>(
      std::max_element(cover.begin() + band0, cover.begin() + band1) - cover.begin());
  if (5 * cover[peak] >= width) {
    const int floor = std::max(cover[peak] / 4, width / 50);
    int lo = peak, hi = peak;
    while (lo > 0 && cover[lo - 1] >= floor) --lo;
    while (hi + 1 < n && cover[hi + 1] >= floor) ++hi;
    if (hi - lo + 1 <= std::max(6, static_cast<int>(std::lround(16 * scale)))) mark(lo, hi);
  }
  // How far the remains run along the rule, in the poorer half of the
  // cell: a rule's pieces run along all of it, a letter's stroke does not.
  // Only remains that reach into the band count.
  bool in_band = false;
  for (int k = band0; k < band1; ++k) {
    in_band = in_band || core[k];
    if (line[k]) {
      if (out.first < 0) out.first = k;
      out.last = k;
    }
  }
  while (out.first > 0 && line[out.first - 1]) --out.first;
  while (out.last >= 0 && out.last + 1 < n && line[out.last + 1]) ++out.last;
  if (in_band) {
    cv::Mat along = cv::Mat::zeros(1, width, CV_8U);
    for (int k = 0; k < n; ++k) {
      if (core[k]) along |= dark.row(k);
    }
    const int half = width / 2;
    if (half > 0) {
      const int first = cv::countNonZero(along.colRange(0, half));
      const int second = cv::countNonZero(along.colRange(half, 2 * half));
      out.cover = static_cast<double>(std::min(first, second)) / half;
    }
  }
  // Text ink on the band's other rows, leaving out the columns a rule
  // crossing the band runs down (a piece of a crossing rule the openings
  // missed).
  std::vector<int> rows;
  for (int k = band0; k < band1; ++k) {
    if (!line[k]) rows.push_back(k);
  }
  if (rows.empty()) return out;
  std::vector<int> per_column(width, 0);
  for (int k : rows) {
    const uint8_t* p = text.ptr<uint8_t>(k);
    for (int x = 0; x < width; ++x) per_column[x] += p[x] != 0;
  }
  for (int x = 0; x < width; ++x) {
    if (rows.size() < 3 || 5 * per_column[x] < 4 * static_cast<int>(rows.size())) {
      out.text += per_column[x];
    }
  }
  return out;
}

// Cuts body cells that span rows where a row rule was lost in their
// columns only (a scan broke it), so two rows' texts do not merge. A cell
// spanning row edge e (at page y) is cut there when at least 2/3 of the
// table's columns have a cell starting at e (the rule is there elsewhere),
// the cell has text ink (ink that is not rule) both above and below, and
// a band from 5 px above to 9 px below y (at 300 dpi) holds no text (under
// a quarter of GridOptions::min_ink_pixels_300, for specks): the
// gap a rule with its cell padding leaves, which is wider than the space
// between two lines of a cell. A rule still there but too faint or broken
// for the openings is no text (MeasureRemains: ink and rule over half the
// cell's width on one row, or pieces over a fifth of it on rows as thin as
// a rule; a heavy scan joined a standard row and its first criterion so),
// and beside such remains up to min_ink_pixels_300 of ink is allowed in
// the band (the broken rule's fragments). With text on one side only the
// cell is cut where the remains run along over half of each half of the
// cell (a rule whose ends the scan ate, so the cells joined around it; a
// real row span has no rule inside it). The pieces leave the remains out.
// Header rows are never cut (their spans are real).
std::vector<CellComponent> SplitAtBrokenRules(std::vector<CellComponent> cells,
                                              const std::vector<double>& row_edges, int ncols,
                                              int header_rows, const GridMasks& masks, double scale,
                                              const GridOptions& options) {
  const int min_ink = std::max(4, static_cast<int>(options.min_ink_pixels_300 * scale * scale));
  const int above = std::max(2, static_cast<int>(std::lround(5 * scale)));
  const int below = std::max(3, static_cast<int>(std::lround(9 * scale)));
  const int side = std::max(2, static_cast<int>(std::lround(6 * scale)));
  auto columns_starting = [&](int e) {
    std::vector<bool> has(ncols, false);
    for (const auto& c : cells) {
      if (c.row != e) continue;
      for (int k = c.col; k < c.col + c.col_span && k < ncols; ++k) has[k] = true;
    }
    return static_cast<int>(std::count(has.begin(), has.end(), true));
  };
  // [x0, x1) x [y0, y1) cut to the page (empty when outside it).
  auto on_page = [&](int x0, int y0, int x1, int y1) {
    x0 = std::max(x0, 0);
    y0 = std::max(y0, 0);
    x1 = std::min(x1, masks.ink.cols);
    y1 = std::min(y1, masks.ink.rows);
    return x1 <= x0 || y1 <= y0 ? cv::Rect() : cv::Rect(x0, y0, x1 - x0, y1 - y0);
  };
  auto text_ink = [&](int x0, int y0, int x1, int y1) {
    const cv::Rect r = on_page(x0, y0, x1, y1);
    return r.empty() ? 0 : cv::countNonZero(masks.ink(r) & ~masks.rules(r));
  };
  // The band across a cell from `y0` to `y1`, seen in a window some rows
  // taller.
  const int pad = std::max(4, static_cast<int>(std::lround(12 * scale)));
  auto band_remains = [&](int x0, int y0, int x1, int y1) {
    const cv::Rect r = on_page(x0, y0 - pad, x1, y1 + pad);
    if (r.empty()) return RuleRemains{};
    RuleRemains remains = MeasureRemains(masks.ink(r), masks.rules(r), y0 - r.y, y1 - r.y, scale);
    if (remains.first >= 0) {
      remains.first += r.y;
      remains.last += r.y;
    }
    return remains;
  };
  std::vector<CellComponent> out;
  for (const auto& c : cells) {
    if (c.row_span < 2 || c.row < header_rows) {
      out.push_back(c);
      continue;
    }
    const int x0 = c.rect.x + side, x1 = c.rect.x + c.rect.width - side;
    int top = c.rect.y;
    const int bottom = c.rect.y + c.rect.height;
    for (int e = c.row + 1; e < c.row + c.row_span && e < static_cast<int>(row_edges.size()); ++e) {
      const int y = static_cast<int>(std::lround(row_edges[e]));
      if (y - above <= top || y + below >= bottom) continue;
      if (3 * columns_starting(e) < 2 * ncols) continue;
      const RuleRemains remains = band_remains(x0, y - above, x1, y + below);
      const bool text_above = text_ink(x0, top, x1, y - above) >= min_ink;
      const bool text_below = text_ink(x0, y + below, x1, bottom) >= min_ink;
      // Specks allowed; where the rule's remains are seen, the ink of its
      // broken pieces around them too.
      if (remains.text >= (5 * remains.cover >= 1.0 ? min_ink : min_ink / 4)) continue;
      // Text on both sides, or on one side with the rule's remains over half
      // the cell's width.
      if (!(text_above && text_below) &&
          !((text_above || text_below) && 2 * remains.cover >= 1.0)) {
        continue;
      }
      // The pieces leave the rule's remains out (their ink is no text).
      const int piece_bottom = remains.first > top ? remains.first : y;
      const int next_top = remains.first > top && remains.last + 1 < bottom ? remains.last + 1 : y;
      CellComponent piece = c;
      piece.rect = cv::Rect(c.rect.x, top, c.rect.width, piece_bottom - top);
      out.push_back(piece);
      top = next_top;
    }
    CellComponent last = c;
    last.rect = cv::Rect(c.rect.x, top, c.rect.width, bottom - top);
    out.push_back(last);
  }
  return out;
}

// Cuts cells that span columns where a column rule was broken, not
// absent (a scan or seal whitening cut it), so a cell's text is not moved
// into the column to its left. A cell spanning column edge e (at page x) is
// cut there when the rules mask holds a vertical rule at x (within a third
// of the clustering tolerance) over at least half of the cell's height: a
// real spanning cell (a level row across the table) has no rule inside it.
// A rule broken into pieces too short for the openings is taken from its
// remains (MeasureRemains on the transposed masks: thin, over a fifth of
// each half of the cell's height), when no text crosses it and both sides
// hold text, except in a cell spanning the whole table (a level row, whose
// letters' strokes may stand where a rule would). The pieces leave the
// rule out.
std::vector<CellComponent> SplitAtBrokenColumnRules(std::vector<CellComponent> cells,
                                                    const std::vector<double>& col_edges,
                                                    const GridMasks& masks, int tolerance,
                                                    double scale, const GridOptions& options) {
  const int reach = std::max(2, tolerance / 3);
  const int pad = std::max(2, static_cast<int>(std::lround(4 * scale)));
  const int ncols = static_cast<int>(col_edges.size()) - 1;
  const int min_ink = std::max(4, static_cast<int>(options.min_ink_pixels_300 * scale * scale));
  const int band = std::max(3, static_cast<int>(std::lround(6 * scale)));
  const int window = band + std::max(4, static_cast<int>(std::lround(12 * scale)));
  auto text_ink = [&](int x0, int y0, int x1, int y1) {
    x0 = std::max(x0, 0);
    y0 = std::max(y0, 0);
    x1 = std::min(x1, masks.ink.cols);
    y1 = std::min(y1, masks.ink.rows);
    if (x1 <= x0 || y1 <= y0) return 0;
    const cv::Rect r(x0, y0, x1 - x0, y1 - y0);
    return cv::countNonZero(masks.ink(r) & ~masks.rules(r));
  };
  // The remains of a column rule at x over [y0, y1) (MeasureRemains on the
  // transposed masks).
  auto column_remains = [&](int x, int y0, int y1) {
    const int x0 = std::max(0, x - window), x1 = std::min(masks.ink.cols, x + window + 1);
    y0 = std::max(0, y0);
    y1 = std::min(masks.ink.rows, y1);
    if (x1 <= x0 || y1 <= y0) return RuleRemains{};
    const cv::Rect r(x0, y0, x1 - x0, y1 - y0);
    cv::Mat ink, rules;
    cv::transpose(masks.ink(r), ink);
    cv::transpose(masks.rules(r), rules);
    RuleRemains remains = MeasureRemains(ink, rules, x - band - x0, x + band + 1 - x0, scale);
    if (remains.first >= 0) {
      remains.first += x0;
      remains.last += x0;
    }
    return remains;
  };
  // Rows of [y0, y1) with rule pixels within `reach` of x.
  auto rule_rows = [&](int x, int y0, int y1) {
    const int x0 = std::max(0, x - reach), x1 = std::min(masks.rules.cols, x + reach + 1);
    y0 = std::max(0, y0);
    y1 = std::min(masks.rules.rows, y1);
    int n = 0;
    for (int y = y0; y < y1 && x1 > x0; ++y) {
      if (cv::countNonZero(masks.rules(cv::Rect(x0, y, x1 - x0, 1))) > 0) ++n;
    }
    return n;
  };
  std::vector<CellComponent> out;
  for (const auto& c : cells) {
    const int top = c.rect.y + pad, bottom = c.rect.y + c.rect.height - pad;
    int left = c.rect.x;
    const int right = c.rect.x + c.rect.width;
    for (int e = c.col + 1; e < c.col + c.col_span && e < static_cast<int>(col_edges.size()); ++e) {
      const int x = static_cast<int>(std::lround(col_edges[e]));
      if (x - pad <= left || x + pad >= right || bottom <= top) continue;
      int cut_left = x - reach, cut_right = x + reach + 1;  // the pieces leave these out
      if (2 * rule_rows(x, top, bottom) < bottom - top) {
        // A rule broken into pieces too short for the openings: its remains
        // along the cell's height, no text across it, and text on both
        // sides. Never in a row spanning the table (a level row).
        if (c.col_span >= ncols) continue;
        const RuleRemains remains = column_remains(x, top, bottom);
        const int text_left = text_ink(left + pad, top, x - band, bottom);
        const int text_right = text_ink(x + band + 1, top, right - pad, bottom);
        if (5 * remains.cover < 1.0 || remains.text >= min_ink || text_left < min_ink ||
            text_right < min_ink) {
          continue;
        }
        if (remains.first > left + pad && remains.last + 1 < right - pad) {
          cut_left = std::min(cut_left, remains.first);
          cut_right = std::max(cut_right, remains.last + 1);
        }
      }
      CellComponent piece = c;
      piece.rect = cv::Rect(left, c.rect.y, cut_left - left, c.rect.height);
      out.push_back(piece);
      left = cut_right;
    }
    CellComponent last = c;
    last.rect = cv::Rect(left, c.rect.y, right - left, c.rect.height);
    out.push_back(last);
  }
  return out;
}

std::vector<Table> DetectGridsImpl(const cv::Mat& gray, int page_number, const GridOptions& options,
                                   int dpi, GridMasks* masks_out) {
  const double scale = (dpi > 0 ? dpi : 300) / 300.0;
  GridMasks masks = FindRules(gray, scale, options);
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(masks.rules.clone(), contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  std::vector<cv::Rect> regions;
  for (const auto& c : contours) {
    cv::Rect r = cv::boundingRect(c);
    if (r.width >= options.min_table_width_300 * scale &&
        r.height >= options.min_table_height_300 * scale) {
      regions.push_back(r);
    }
  }
  std::sort(regions.begin(), regions.end(),
            [](const cv::Rect& a, const cv::Rect& b) { return a.y < b.y; });
  // Closing the joints can enclose a sliver where a rule overshoots a
  // corner: no cell is as narrow as the gap closed.
  const int min_cell =
      std::max({4, static_cast<int>(options.min_cell_size_300 * scale),
                options.joint_gap_300 > 0 ? GapPixels(options.joint_gap_300, scale) + 1 : 0,
                options.rule_gap_300 > 0 ? GapPixels(options.rule_gap_300, scale) + 1 : 0});
  const int tolerance = std::max(6, static_cast<int>(std::lround(14 * scale)));
  std::vector<Table> tables;
  for (const cv::Rect& region : regions) {
    cv::Mat inside;
    cv::bitwise_not(masks.rules(region), inside);
    cv::Mat labels, stats, centroids;
    int n = cv::connectedComponentsWithStats(inside, labels, stats, centroids, 4, CV_32S);
    std::vector<CellComponent> cells;
    std::vector<int> leaked;  // components that fill little of their box
    for (int i = 1; i < n; ++i) {
      int x = stats.at<int>(i, cv::CC_STAT_LEFT), y = stats.at<int>(i, cv::CC_STAT_TOP);
      int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
      if (x == 0 || y == 0 || x + w >= region.width || y + h >= region.height) continue;
      if (w < min_cell || h < min_cell) continue;
      // A component that fills little of its box is the space between
      // rules that do not form a closed cell, or cells run together; so is
      // one that is no rectangle (GridOptions::min_cell_fill).
      if (stats.at<int>(i, cv::CC_STAT_AREA) < options.min_cell_fill * w * h) {
        leaked.push_back(i);
        continue;
      }
      cells.push_back({cv::Rect(x + region.x, y + region.y, w, h)});
    }
    if (cells.size() < 2) continue;
    auto edges = [&](std::vector<double>* col_edges, std::vector<double>* row_edges) {
      std::vector<int> xs, ys;
      for (const auto& c : cells) {
        xs.push_back(c.rect.x);
        xs.push_back(c.rect.x + c.rect.width);
        ys.push_back(c.rect.y);
        ys.push_back(c.rect.y + c.rect.height);
      }
      *col_edges = Cluster(xs, tolerance);
      *row_edges = Cluster(ys, tolerance);
    };
    std::vector<double> col_edges, row_edges;
    edges(&col_edges, &row_edges);
    if (!leaked.empty() && row_edges.size() >= 2) {
      // Cells run together where a rule broke longer than the closings in
      // FindRules reach (a level row and the cell under it through a gap in
      // the rule between them: an L that fills little of its box). Cut
      // along the row edges the other cells give, the pieces that fill
      // their box are the cells.
      const size_t found = cells.size();
      for (int i : leaked) {
        const int x = stats.at<int>(i, cv::CC_STAT_LEFT), y = stats.at<int>(i, cv::CC_STAT_TOP);
        const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
        for (size_t k = 0; k + 1 < row_edges.size(); ++k) {
          const int y0 = std::max(y, static_cast<int>(std::lround(row_edges[k])) - region.y);
          const int y1 = std::min(y + h, static_cast<int>(std::lround(row_edges[k + 1])) - region.y);
          if (y1 - y0 < min_cell) continue;
          cv::Mat band = labels(cv::Rect(x, y0, w, y1 - y0)) == i;
          cv::Mat part_labels, part_stats, part_centroids;
          const int parts = cv::connectedComponentsWithStats(band, part_labels, part_stats,
                                                             part_centroids, 4, CV_32S);
          for (int j = 1; j < parts; ++j) {
            const int pw = part_stats.at<int>(j, cv::CC_STAT_WIDTH);
            const int ph = part_stats.at<int>(j, cv::CC_STAT_HEIGHT);
            if (pw < min_cell || ph < min_cell ||
                part_stats.at<int>(j, cv::CC_STAT_AREA) < 0.5 * pw * ph) {
              continue;
            }
            cells.push_back({cv::Rect(x + part_stats.at<int>(j, cv::CC_STAT_LEFT) + region.x,
                                      y0 + part_stats.at<int>(j, cv::CC_STAT_TOP) + region.y, pw,
                                      ph)});
          }
        }
      }
      if (cells.size() > found) edges(&col_edges, &row_edges);
    }
    if (col_edges.size() < 2 || row_edges.size() < 2) continue;
    const int ncols = static_cast<int>(col_edges.size()) - 1;
    const int nrows = static_cast<int>(row_edges.size()) - 1;
    auto place = [&](CellComponent& c) {
      c.col = Nearest(col_edges, c.rect.x);
      c.row = Nearest(row_edges, c.rect.y);
      c.col_span = std::max(1, Nearest(col_edges, c.rect.x + c.rect.width) - c.col);
      c.row_span = std::max(1, Nearest(row_edges, c.rect.y + c.rect.height) - c.row);
    };
    for (auto& c : cells) place(c);
    int header_rows = 1;
    for (const auto& c : cells) {
      if (c.row == 0) header_rows = std::max(header_rows, c.row_span);
    }
    cells = SplitAtBrokenColumnRules(std::move(cells), col_edges, masks, tolerance, scale, options);
    for (auto& c : cells) place(c);
    cells =
        SplitAtBrokenRules(std::move(cells), row_edges, ncols, header_rows, masks, scale, options);
    for (auto& c : cells) place(c);
    Table table;
    table.format = TableFormat::kGrid;
    table.pages = {page_number};
    table.rows.assign(nrows, std::vector<Cell>(ncols));
    for (auto& row : table.rows) {
      for (auto& cell : row) cell.page = page_number;
    }
    for (auto& c : cells) {
      if (c.row >= nrows || c.col >= ncols) continue;
      Cell& cell = table.rows[c.row][c.col];
      cell.box = Box{c.rect.x, c.rect.y, c.rect.x + c.rect.width, c.rect.y + c.rect.height};
      cell.row_span = c.row_span;
      cell.col_span = c.col_span;
      for (int dr = 0; dr < c.row_span && c.row + dr < nrows; ++dr) {
        for (int dc = 0; dc < c.col_span && c.col + dc < ncols; ++dc) {
          if (dr == 0 && dc == 0) continue;
          Cell& covered = table.rows[c.row + dr][c.col + dc];
          covered.row_span = 0;
          covered.col_span = 0;
        }
      }
    }
    table.header_rows = std::min(header_rows, nrows);
    tables.push_back(std::move(table));
  }
  if (masks_out) *masks_out = std::move(masks);
  return tables;
}

// Reads `region` of `gray` again, enlarged `scale` times (cubic) with a
// white margin, and maps the word boxes back to page coordinates.
Result<Page> ReadEnlarged(const cv::Mat& gray, const Box& region, int dpi, double scale,
                          int dark_threshold, OcrEngine& engine) {
  const int margin = 10;
  cv::Mat crop = gray(cv::Rect(region.x0, region.y0, region.width(), region.height()));
  if (dark_threshold > 0) {
    // Ink darker than the threshold, grown back by two pixels into ink
    // under 200 around it (the blurred ends of strokes and dashes), so
    // that only light ink away from the text (the seal's) goes.
    cv::Mat core = crop < dark_threshold, soft = crop < 200, ink;
    cv::dilate(core, ink, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)),
               cv::Point(-1, -1), 1);
    ink &= soft;
    cv::Mat dark;  // a copy: `gray` wraps the caller's page
    cv::bitwise_not(ink, dark);
    crop = dark;
  }
  cv::Mat big;
  cv::resize(crop, big, cv::Size(), scale, scale, cv::INTER_CUBIC);
  cv::copyMakeBorder(big, big, margin, margin, margin, margin, cv::BORDER_CONSTANT,
                     cv::Scalar(255));
  GrayImage image;
  image.width = big.cols;
  image.height = big.rows;
  image.dpi = static_cast<int>(std::lround((dpi > 0 ? dpi : 300) * scale));
  image.pixels.assign(big.datastart, big.dataend);
  Result<Page> page = engine.Recognize(image, Box{});
  if (!page) return page;
  auto back = [&](int v, int origin) {
    return origin + static_cast<int>(std::lround((v - margin) / scale));
  };
  for (Block& block : page->blocks) {
    for (Line& line : block.lines) {
      for (Word& w : line.words) {
        w.box = Box{back(w.box.x0, region.x0), back(w.box.y0, region.y0), back(w.box.x1, region.x0),
                    back(w.box.y1, region.y0)};
      }
    }
  }
  return page;
}

cv::Mat Wrap(const GrayImage& page) {
  return cv::Mat(page.height, page.width, CV_8UC1, const_cast<uint8_t*>(page.pixels.data()));
}

Status CheckImage(const GrayImage& page) {
  if (page.empty() || page.pixels.size() != static_cast<size_t>(page.width) * page.height) {
    return MakeError(ErrorCode::kInvalidArgument, "table: empty or malformed page image");
  }
  return {};
}

// Reads cell regions of one page as ruled cells are read: a region with
// too little text ink (rules aside, specks opened away) is not sent to the
// engine; an unsure reading is read again enlarged (GridOptions::reread_*)
// and the reading with more sure text kept. `page` and the options'
// reread_gray must outlive the reader.
class CellReader {
 public:
  CellReader(const GrayImage& page, const GridMasks& masks, const GridOptions& options)
      : page_(page), gray_(Wrap(page)), options_(options) {
    text_ink_ = masks.ink & ~masks.rules;
    cv::morphologyEx(text_ink_, text_ink_, cv::MORPH_OPEN,
                     cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2, 2)));
    const double scale = (page.dpi > 0 ? page.dpi : 300) / 300.0;
    min_ink_ = std::max(4, static_cast<int>(options.min_ink_pixels_300 * scale * scale));
  }

  // Nothing for a region without ink (or outside the page); else the
  // reading, or the engine's error.
  std::optional<Result<Page>> Read(Box region, OcrEngine& engine) const {
    region = Box{std::max(region.x0, 0), std::max(region.y0, 0), std::min(region.x1, page_.width),
                 std::min(region.y1, page_.height)};
    if (region.empty()) return std::nullopt;
    const cv::Rect r(region.x0, region.y0, region.width(), region.height());
    if (cv::countNonZero(text_ink_(r)) < min_ink_) return std::nullopt;
    Result<Page> recognised = engine.Recognize(page_, region);
    if (recognised && recognised->mean_confidence < options_.reread_below_confidence) {
      const GrayImage* gray = options_.reread_gray;
      const bool dark =
          gray != nullptr && gray->width == page_.width && gray->height == page_.height;
      auto again =
          ReadEnlarged(dark ? Wrap(*gray) : gray_, region, page_.dpi, options_.reread_scale,
                       dark ? options_.reread_dark_threshold : 0, engine);
      if (again && ReadingScore(*again) > ReadingScore(*recognised)) {
        recognised = std::move(again);
      }
    }
    return recognised;
  }

 private:
  const GrayImage& page_;
  cv::Mat gray_;      // wraps page_
  cv::Mat text_ink_;  // ink that is not rule, specks opened away
  const GridOptions& options_;
  int min_ink_ = 0;
};

bool RowMatches(const std::vector<Cell>& a, const std::vector<Cell>& b, double min_similarity) {
  const double similarity = RowSimilarity(a, b);
  return similarity > 0 && similarity >= min_similarity;
}

}  // namespace

Result<std::vector<Table>> DetectGrids(const GrayImage& page, int page_number,
                                       const GridOptions& options) {
  if (auto ok = CheckImage(page); !ok) return std::unexpected(ok.error());
  try {
    return DetectGridsImpl(Wrap(page), page_number, options, page.dpi, nullptr);
  } catch (const cv::Exception& e) {
    return MakeError(ErrorCode::kInternal, std::string("table: OpenCV: ") + e.what());
  }
}

Result<std::vector<Table>> ExtractTablesFromImage(const GrayImage& page, int page_number,
                                                  OcrEngine& engine, const GridOptions& options) {
  if (auto ok = CheckImage(page); !ok) return std::unexpected(ok.error());
  std::vector<Table> tables;
  try {
    GridMasks masks;
    tables = DetectGridsImpl(Wrap(page), page_number, options, page.dpi, &masks);
    const CellReader reader(page, masks, options);
    for (auto& table : tables) {
      for (auto& row : table.rows) {
        for (auto& cell : row) {
          if (!cell.box || cell.col_span == 0) continue;
          const Box b = *cell.box;
          const int inset = options.cell_inset;
          const Box inner{b.x0 + inset, b.y0 + inset, b.x1 - inset, b.y1 - inset};
          std::optional<Result<Page>> recognised = reader.Read(inner, engine);
          if (!recognised) continue;  // no ink
          if (!*recognised) {
            cell.confidence = 0.0f;
            continue;
          }
          cell.text = CollapseSpaces(PageText(**recognised));
          cell.confidence = cell.text.empty() ? 100.0f : (*recognised)->mean_confidence;
        }
      }
    }
  } catch (const cv::Exception& e) {
    return MakeError(ErrorCode::kInternal, std::string("table: OpenCV: ") + e.what());
  }
  return tables;
}

Result<std::vector<std::optional<Page>>> ReadRegions(const GrayImage& page,
                                                     const std::vector<Box>& regions,
                                                     OcrEngine& engine,
                                                     const GridOptions& options) {
  if (auto ok = CheckImage(page); !ok) return std::unexpected(ok.error());
  std::vector<std::optional<Page>> readings(regions.size());
  try {
    const double scale = (page.dpi > 0 ? page.dpi : 300) / 300.0;
    const CellReader reader(page, FindRules(Wrap(page), scale, options), options);
    for (size_t i = 0; i < regions.size(); ++i) {
      std::optional<Result<Page>> read = reader.Read(regions[i], engine);
      if (read && *read) readings[i] = std::move(**read);
    }
  } catch (const cv::Exception& e) {
    return MakeError(ErrorCode::kInternal, std::string("table: OpenCV: ") + e.what());
  }
  return readings;
}

std::vector<Table> JoinAcrossPages(std::vector<Table> tables, const GridOptions& options) {
  std::vector<Table> out;
  for (auto& table : tables) {
    if (out.empty() || table.rows.empty() || out.back().rows.empty()) {
      out.push_back(std::move(table));
      continue;
    }
    Table& prev = out.back();
    int prev_last = prev.pages.empty() ? 0 : prev.pages.back();
    int first = table.pages.empty() ? 0 : table.pages.front();
    if (first != prev_last + 1 || table.columns() != prev.columns()) {
      out.push_back(std::move(table));
      continue;
    }
    size_t start = 0;
    // Repeated header rows. The copy with fewer merged cells is kept: a
    // rule the scan lost inside the first page's header merges two header
    // cells ("Thời gian … Dự kiến kinh phí"), and the plan's columns are
    // read from the header.
    auto merged = [](const std::vector<Cell>& row) {
      return std::count_if(row.begin(), row.end(), [](const Cell& c) { return c.col_span == 0; });
    };
    for (int h = 0; h < prev.header_rows && start < table.rows.size(); ++h) {
      if (RowMatches(table.rows[start], prev.rows[h], options.repeated_header_similarity)) {
        if (merged(table.rows[start]) < merged(prev.rows[h])) prev.rows[h] = table.rows[start];
        ++start;
      } else {
        break;
      }
    }
    // A row cut by the page break.
    if (start < table.rows.size()) {
      auto& row = table.rows[start];
      // No row number and no level/standard/criterion label: the rest of
      // the previous row.
      bool lead_empty = row.size() >= 2 && row[0].text.empty() &&
                        ParseRowLabel(row[1].text).kind == LabelKind::kNone;
      bool any = std::any_of(row.begin(), row.end(), [](const Cell& c) { return !c.text.empty(); });
      bool spanning = row.size() >= 1 && row[0].col_span > 1;
      if (lead_empty && any && !spanning) {
        auto& last = prev.rows.back();
        for (size_t k = 0; k < row.size() && k < last.size(); ++k) {
          if (row[k].text.empty()) continue;
          if (!last[k].text.empty()) last[k].text += ' ';
          last[k].text += row[k].text;
          last[k].confidence = std::min(last[k].confidence, row[k].confidence);
        }
        ++start;
      }
    }
    for (size_t r = start; r < table.rows.size(); ++r)
      prev.rows.push_back(std::move(table.rows[r]));
    for (int p : table.pages) {
      if (std::find(prev.pages.begin(), prev.pages.end(), p) == prev.pages.end()) {
        prev.pages.push_back(p);
      }
    }
  }
  return out;
}

}  // namespace vnplan::table
