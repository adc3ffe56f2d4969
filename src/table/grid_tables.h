// Table reconstruction from page images. Input: a cleaned grayscale page
// (deskewed, dark text on white) and an OcrEngine; output: the ruled tables
// on the page in the row model (table_model.h), each cell OCR'd on its own
// (region = the cell box shrunk past its rules). Ruled grids are found by
// morphology (adaptive threshold, opening with long horizontal and vertical
// kernels); cells are the connected regions enclosed by the rules, so merged
// cells come out with their row/column spans. Tables continued on the next
// page are joined by JoinAcrossPages; pages without rules can fall back to
// TableFromWords, which clusters a Page's OCR word boxes into columns, and
// whose cells ReadRegions reads as ruled cells are read.
// OpenCV stays inside the .cc; no Tesseract dependency (tests use a fake
// engine).
#ifndef VNPLAN_TABLE_GRID_TABLES_H_
#define VNPLAN_TABLE_GRID_TABLES_H_

#include <optional>
#include <vector>

#include "common/error.h"
#include "common/image.h"
#include "common/ocr_engine.h"
#include "common/page.h"
#include "table/table_model.h"

namespace vnplan::table {

struct GridOptions {
  // Minimum rule length as a fraction of the page width (horizontal) or
  // height (vertical) for the morphological opening. Default 1/40, 1/60.
  double horizontal_kernel_fraction = 1.0 / 40;
  double vertical_kernel_fraction = 1.0 / 60;
  // A table must be at least this wide/high, in pixels at 300 dpi (scaled
  // by the image dpi; 300 assumed when unknown). Default 300 x 60.
  int min_table_width_300 = 300;
  int min_table_height_300 = 60;
  // Cells smaller than this (pixels at 300 dpi) are rule artefacts. Default 12.
  int min_cell_size_300 = 12;
  // Gaps up to this long (pixels at 300 dpi) on one row or column between
  // a horizontal and a vertical rule are closed, so a rule ending short of
  // the rule it meets still closes its cells (a heavy scan's faded corner
  // left 22 px at 275 dpi). 0 = off. Default 30.
  int joint_gap_300 = 30;
  // Gaps up to this long between any two rule pixels on one row or column
  // are closed (a rule broken along its length). 0 = off. Default 20.
  // Cells narrower than either gap are dropped.
  int rule_gap_300 = 20;
  // Only rule pieces at least this long (pixels at 300 dpi) have their gaps
  // closed: letter strokes that pass for rules are shorter. Default 80.
  int gap_rule_length_300 = 80;
  // A cell region fills at least this share of its bounding box. One that
  // fills less is the space between rules that do not close, or cells run
  // together where rules were lost (an L or a step, whose box would cover
  // cells of their own), and is cut along the row edges of the other
  // cells. No region of the bench's medium pages fills under 0.93 of its
  // box. Default 0.9.
  double min_cell_fill = 0.9;
  // Pixels trimmed from each side of a cell before OCR, beyond the rule
  // width. Default 2.
  int cell_inset = 2;
  // A cell with fewer dark pixels than this (at 300 dpi, scaled by the
  // square of dpi/300; counted after a 2x2 opening that removes scan noise)
  // is empty and not sent to the engine. Default 40.
  int min_ink_pixels_300 = 40;
  // A cell whose reading has a mean word confidence under this (0..100) is
  // read again from a crop enlarged `reread_scale` times (from
  // `reread_gray` when given); the reading with more sure text
  // (table/cell_words.h ReadingScore) is kept. Default 0 (never): only
  // for real OCR engines (an engine that looks words up by position, like
  // a PDF text layer, would answer the crop with the wrong words). The
  // pipeline's OCR route uses 90: on tools/table_bench's medium scans,
  // from the binary page, +1 and +0 fields of 1296 and 1224 (seeds 1000-,
  // 2000-); from the gray page +13 and +8.
  float reread_below_confidence = 0.0f;
  double reread_scale = 2.0;  // Default 2.
  // The gray page (same geometry) to re-read cells from, keeping only ink
  // darker than `reread_dark_threshold` and the ink under 200 within two
  // pixels of it: text, not the lighter seal ink over it (on the
  // benchmark's medium scans, cleaned: text cores under 100, seal ink
  // 112-224). Not owned; must outlive the call. Default null: the page.
  const GrayImage* reread_gray = nullptr;
  int reread_dark_threshold = 140;  // Default 140.
  // Rows whose texts repeat the first table's header rows are dropped by
  // JoinAcrossPages when their mean similarity reaches this. Default 0.8.
  double repeated_header_similarity = 0.8;
};

// Finds the ruled tables on `page` and OCRs their cells with `engine`.
// `page_number` (1-based) is stored in every cell and table. Tables come in
// top-to-bottom order. Errors: kInvalidArgument for an empty image,
// kInternal for an OpenCV failure; an engine error on a cell is not fatal
// (the cell is left empty with confidence 0).
Result<std::vector<Table>> ExtractTablesFromImage(const GrayImage& page, int page_number,
                                                  OcrEngine& engine,
                                                  const GridOptions& options = {});

// Reads `regions` of `page` (page pixels) with `engine` the way
// ExtractTablesFromImage reads a ruled cell's inner box: a region holding
// less text ink than `min_ink_pixels_300` is not sent to the engine, an
// unsure reading is read again enlarged (`reread_*`) and the reading with
// more sure text kept. readings[i] is regions[i]'s reading, word boxes in
// page pixels; none for a region without ink, outside the page, or whose
// reading failed (the caller keeps what it had). Errors: kInvalidArgument
// for an empty image, kInternal for an OpenCV failure.
Result<std::vector<std::optional<Page>>> ReadRegions(const GrayImage& page,
                                                     const std::vector<Box>& regions,
                                                     OcrEngine& engine,
                                                     const GridOptions& options = {});

// The cell grid only (no OCR): boxes, spans and page, text left empty.
// Exposed for tests and for callers that OCR cells themselves.
Result<std::vector<Table>> DetectGrids(const GrayImage& page, int page_number,
                                       const GridOptions& options = {});

// Joins tables continued across pages, given all tables of a document in
// page order: when the last table of page N and the first table of page
// N+1 have the same number of columns, the repeated header rows of the
// second are dropped, a first row with an empty first cell and no row label
// (row_labels.h) in the second is merged cell by cell into the last row of
// the first (a row cut by the page break),
// and the remaining rows are appended.
std::vector<Table> JoinAcrossPages(std::vector<Table> tables, const GridOptions& options = {});

}  // namespace vnplan::table

#endif  // VNPLAN_TABLE_GRID_TABLES_H_
