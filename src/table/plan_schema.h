// Maps extracted tables and the document text onto the plan model: the
// document's metadata (number, place, date, title, school year,
// organization, signer), one record per criterion row of the 9-column plan
// table (grouped by level and standard rows), every other table as a
// generic table keyed by its header, and diagnostics. Input: tables from
// text_tables.h / grid_tables.h and the non-table text (NFC UTF-8).
// Output: a PlanDocument, serialised by plan_json.h.
#ifndef VNPLAN_TABLE_PLAN_SCHEMA_H_
#define VNPLAN_TABLE_PLAN_SCHEMA_H_

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "table/table_model.h"

namespace vnplan::table {

struct DocumentInfo {
  std::string number;        // "215/KH-ĐBL" (after "Số:"), "" if absent
  std::string place;         // "Tân Phú"
  std::string date;          // ISO "2024-08-09", "" if absent
  std::string title;         // "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC"
  std::string school_year;   // "2024-2025"
  std::string organization;  // the school line, e.g. "TRƯỜNG MẦM NON 23/11"
  std::string signer;        // the name under the signature block
};

// Where a row or a table lies on one source page: the union of its cells'
// boxes in page-image pixels (the resolution the page was rendered or
// scanned at). Only image sources (scans, PDFs) have regions.
struct Region {
  int page = 0;  // 1-based
  Box box;
};

// Which lines of a text source a row or a table was read from: 1-based,
// inclusive, in the text the tables were found in (for a plain-text export
// its own lines; for HTML, CSV and office documents the lines of the text
// vnplan writes). Image sources have none.
struct LineSpan {
  int first = 0;
  int last = 0;
};

// Widens `span` (unset: first 0) by the source lines of `row`'s cells.
void AddLines(std::optional<LineSpan>* span, const std::vector<Cell>& row);

// One criterion row of the plan table. Text fields are "" when the cell is
// empty.
struct Criterion {
  std::optional<std::string> level;  // "Mức 1, 2, 3", "Mức 4"; nullopt if no level row
  std::optional<int> standard;       // 1..5; nullopt when not stated (e.g. under Mức 4)
  std::string standard_title;        // "Tổ chức và quản lý nhà trường"
  std::string criterion;             // "1.9", "5.5.3", "2"; "" when a "Tiêu chí" label lost its number
  std::string criterion_label;       // the label cell as written: "Tiêu chí 1.9"
  std::string expected_result;       // Kết quả cần đạt
  std::string actions;               // Công việc/giải pháp cần thực hiện
  std::string responsible;           // Chủ trì và phối hợp thực hiện
  std::string timeline;              // Thời gian thực hiện và hoàn thành
  std::string budget;                // Dự kiến kinh phí
  std::string other_support;         // Điều kiện hỗ trợ khác
  std::string notes;                 // Ghi chú
  std::vector<int> pages;            // source pages; empty for text sources
  std::vector<Region> regions;       // one per page the row is on, page order
  std::optional<LineSpan> lines;     // text sources: the lines the row was read from
  // 0..1: the mean over the row's non-empty cells of the OCR's confidence
  // (1 for text sources) times the restoration's (RestoredCell), lowered
  // for a label read with typos.
  double confidence = 1.0;
  // 0..1 per content field (expected_result .. notes, in PlanColumn order
  // from kExpectedResult): the least confidence (as above) of the cells the
  // field's text came from; nullopt for an empty field.
  std::array<std::optional<double>, 7> field_confidence;
};

// Any other table, keyed by its header cells.
struct GenericTable {
  std::vector<std::string> headers;  // unique, non-empty ("col_3" for a blank header)
  std::vector<std::vector<std::string>> rows;  // each rows[i].size() == headers.size()
  std::vector<int> pages;
  std::string format;  // TableFormatName()
  std::vector<Region> regions;  // one per page the table is on, page order
  std::string caption;  // Table::caption, restored
  std::optional<LineSpan> lines;  // text sources: the lines the table was read from
};

struct Diagnostic {
  std::string severity;  // "info" | "warning" | "error"
  std::string code;      // stable short id, e.g. "no-plan-table"
  std::string message;
};

struct PlanDocument {
  DocumentInfo document;
  std::vector<Criterion> criteria;
  std::vector<GenericTable> tables;
  std::string text;  // the non-table text
  std::vector<Diagnostic> diagnostics;
};

// The nine canonical plan columns, in order.
enum class PlanColumn {
  kTt = 0, kCriterion, kExpectedResult, kActions, kResponsible, kTimeline, kBudget,
  kOtherSupport, kNotes, kCount
};

// A cell's text as MapOptions' restoration gives it, and how sure it is.
struct RestoredCell {
  // Implicit: a restoration that knows no confidence returns the text alone.
  RestoredCell(std::string restored_text, double restored_confidence = 1.0)  // NOLINT
      : text(std::move(restored_text)), confidence(restored_confidence) {}
  std::string text;
  // 0..1: how likely every word of `text` is right (e.g. the product of
  // the restorer's per-word posteriors). Multiplies the cell's own
  // confidence (Cell::confidence / 100) in Criterion::confidence.
  double confidence = 1.0;
};

// A cell's restoration (MapOptions' hooks): its text and its OCR
// confidence (Cell::confidence, 0..100; 100 for text sources and for text
// that is not a cell's) in, RestoredCell out. The confidence lets a
// restorer trust the words of a poorly read cell less.
using CellRestorer = std::function<RestoredCell(std::string_view text, float confidence)>;

// Restores `cell` with `restore`: its text replaced (spaces collapsed), its
// confidence multiplied by the restoration's (clamped to 0..1). Empty cells
// are left alone. MapToPlan does this to every cell before reading them;
// callers that choose the restoration per cell do it themselves.
void RestoreCell(const CellRestorer& restore, Cell* cell);

struct MapOptions {
  // Applied to every cell's text before recognition (e.g. diacritic
  // restoration for OCR'd text without marks), once per cell. Default:
  // none.
  CellRestorer restore_cell;
  // Used instead of restore_cell for the cells of tables rebuilt from an
  // English OCR's lines (TableFormat::kPipeOcr, text_tables.h), where any
  // word may be misread ("Khéng co", "dén hét nin"): e.g. the restorer in
  // lm::RestoreMode::kOcr. Default: none (restore_cell applies).
  CellRestorer restore_ocr_cell;
  // A header cell maps to a plan column when its folded similarity to the
  // canonical header (or a known variant) reaches this. Default 0.6.
  double header_min_similarity = 0.6;
  // A table is the plan table when at least this many of the nine columns
  // are recognised (and the criterion column is one of them). Default 5.
  int plan_min_columns = 5;
};

// For each column of a header row (cell texts), the plan column it holds, or
// -1. A cell matching no header between cells holding plan columns k - 1
// and k + 1 holds k (its header text was unreadable, or merged into its
// neighbour's when the rule between them was lost in the header row).
// Exposed for tests and for the image path.
std::vector<int> MatchPlanHeader(const std::vector<std::string>& header_cells,
                                 double min_similarity = 0.6);

// Extracts the metadata from the document text (see DocumentInfo).
DocumentInfo ExtractDocumentInfo(std::string_view text);

// Builds the plan model. Plan tables that follow one another (a table split
// over pages, with or without a repeated header) are read as one.
PlanDocument MapToPlan(const std::vector<Table>& tables, std::string_view text,
                       const MapOptions& options = {});

}  // namespace vnplan::table

#endif  // VNPLAN_TABLE_PLAN_SCHEMA_H_
