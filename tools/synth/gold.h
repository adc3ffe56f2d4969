// Ground truth ("gold") of a rendered synthetic document: the text of each
// page in reading order, and every table's logical rows plus the box of
// every cell on every page. Produced by page_layout.h in PDF points; written
// as JSON (pixel boxes at a chosen dpi, optionally also mapped through the
// degradation transform of degrade.h) or as plain text.
//
// JSON format (GoldToJson), all boxes [x0, y0, x1, y1] in pixels, origin
// top-left, half-open, at "dpi":
// {
//   "format": "vnplan-synth-gold/1",
//   "dpi": 300, "landscape": true, "text_layer_encoding": "unicode"|"tcvn3",
//   "pages": [ {"page": 1, "width": 3508, "height": 2480,
//               "text": "line\nline\n...",
//               "lines": [ {"text": "line", "box": [..],
//                           "degraded_box": [..]}, ... ],  // logical extents
//               "degraded": {            // only with --degrade
//                  "dpi": 200, "width": .., "height": ..,
//                  "skew_deg": -1.2,     // counter-clockwise positive
//                  "affine": [a, b, c, d, e, f] // clean px -> degraded px:
//                                               // x' = a x + b y + c
//                                               // y' = d x + e y + f
//               } } ],
//   "tables": [ {"table": 0, "columns": 9, "borders": true, "pages": [2, 3],
//                "rows": [ {"row": 0, "cells": ["TT", ...],
//                           "header": true, "level_row": false}, ... ],
//                "cells": [ {"page": 2, "row": 0, "col": 0,
//                            "box": [x0,y0,x1,y1],
//                            "degraded_box": [..],   // only with --degrade
//                            "part": 0,              // 0 first piece of a row
//                                                    // split over pages, 1..
//                            "has_text": true,
//                            "repeated_header": false} ] } ]
// }
// A level row has exactly one cell (col 0) spanning all columns. A row split
// over pages is ONE entry in "rows" and has one box per page ("part").
// Cell boxes follow the grid-line centres. "degraded_box" is the axis-aligned
// bounding box of the affinely mapped clean box.
#ifndef VNPLAN_TOOLS_SYNTH_GOLD_H_
#define VNPLAN_TOOLS_SYNTH_GOLD_H_

#include <array>
#include <string>
#include <vector>

#include "common/page.h"

namespace vnplan::synth {

struct PtRect {  // PDF points, origin top-left
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

struct GoldCellBox {
  int page = 0;  // 1-based
  int row = 0;   // index into GoldTable::rows
  int col = 0;
  PtRect rect;
  int part = 0;
  bool has_text = false;
  bool repeated_header = false;
};

struct GoldRow {
  std::vector<std::string> cells;  // plain UTF-8; '\n' = line break in cell
  bool header = false;
  bool level_row = false;
};

struct GoldTable {
  int columns = 0;
  bool borders = true;  // false: a rule-less layout table (e.g. header block)
  std::vector<GoldRow> rows;
  std::vector<GoldCellBox> boxes;
  std::vector<int> pages;  // 1-based pages the table appears on
};

struct GoldPage {
  int number = 0;  // 1-based
  double width_pt = 0, height_pt = 0;
  std::vector<std::string> lines;  // rendered lines in reading order (Unicode)
  std::vector<PtRect> line_boxes;  // parallel to lines: logical line boxes
};

struct Gold {
  bool landscape = false;
  bool legacy_tcvn3 = false;
  std::vector<GoldPage> pages;
  std::vector<GoldTable> tables;
};

// Where a degraded page image came from (see degrade.h).
struct PageTransform {
  int dpi = 0;
  int width = 0, height = 0;
  double skew_deg = 0;
  std::array<double, 6> affine{1, 0, 0, 0, 1, 0};  // clean px -> degraded px
};

// Pixel size of a page of `pt` points at `dpi` (rounded up).
int PtToPxSize(double pt, int dpi);

// A gold rectangle in pixels of the clean page image at `dpi` (outward
// rounding), as written to "box".
Box PtRectToPixels(const PtRect& rect, int dpi);

// The same rectangle on the degraded page: bounding box of its corners
// mapped through `t.affine`, as written to "degraded_box".
Box PtRectToDegradedPixels(const PtRect& rect, int dpi, const PageTransform& t);

// The page text: lines joined by '\n'.
std::string PageText(const GoldPage& page);

// Full plain text: page texts, each followed by "\n\f" except the last,
// which is followed by "\n".
std::string GoldPlainText(const Gold& gold);

// Serialises to the JSON documented above. `degraded` is empty or has one
// entry per page.
std::string GoldToJson(const Gold& gold, int dpi, const std::vector<PageTransform>& degraded);

}  // namespace vnplan::synth

#endif  // VNPLAN_TOOLS_SYNTH_GOLD_H_
