#include "table/plan_schema.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <map>
#include <regex>
#include <set>
#include <utility>

#include "common/utf8.h"
#include "table/fuzzy.h"
#include "table/row_labels.h"
#include "text/time_expressions.h"
#include "text/vietnamese.h"

namespace vnplan::table {
namespace {

constexpr int kColumns = static_cast<int>(PlanColumn::kCount);

// Canonical headers and frequent variants, written folded.
const std::array<std::vector<std::string>, kColumns>& HeaderVariants() {
  static const std::array<std::vector<std::string>, kColumns> kVariants = {{
      {"tt", "stt", "so tt", "so thu tu"},
      {"tieu chuan, tieu chi", "tieu chuan tieu chi", "tieu chi"},
      {"ket qua can dat (so voi hien trang)", "ket qua can dat"},
      {"cong viec/giai phap can thuc hien", "cong viec giai phap", "giai phap can thuc hien",
       "cong viec can thuc hien", "bien phap thuc hien"},
      {"chu tri va phoi hop thuc hien", "chu tri va phoi hop", "chu tri, phoi hop"},
      {"thoi gian thuc hien va hoan thanh", "thoi gian thuc hien", "thoi gian hoan thanh"},
      {"du kien kinh phi", "kinh phi"},
      {"dieu kien ho tro khac", "dieu kien ho tro"},
      {"ghi chu"},
  }};
  return kVariants;
}

double HeaderScore(const std::string& cell_alnum, int column) {
  if (cell_alnum.empty()) return 0.0;
  double best = 0.0;
  for (const auto& variant : HeaderVariants()[column]) {
    std::string v = FoldAlnum(variant);
    if (column == static_cast<int>(PlanColumn::kTt)) {
      if (cell_alnum == v) best = 1.0;
      continue;
    }
    double s = Similarity(cell_alnum, v);
    if (v.size() >= 6 && cell_alnum.find(v) != std::string::npos) s = std::max(s, 0.9);
    best = std::max(best, s);
  }
  return best;
}

std::string Restore(const MapOptions& options, const Cell& cell) {
  if (!options.restore_cell || cell.text.empty()) return cell.text;
  return CollapseSpaces(options.restore_cell(cell.text, cell.confidence).text);
}

// `tables` with every cell restored once (restore_ocr_cell for the cells of
// OCR'd-line tables when set, else restore_cell), each cell's confidence
// multiplied by the restoration's.
std::vector<Table> RestoreTables(const std::vector<Table>& tables, const MapOptions& options) {
  std::vector<Table> out = tables;
  for (Table& table : out) {
    const auto& restore = table.format == TableFormat::kPipeOcr && options.restore_ocr_cell
                              ? options.restore_ocr_cell
                              : options.restore_cell;
    if (!restore) continue;
    for (auto& row : table.rows) {
      for (Cell& cell : row) RestoreCell(restore, &cell);
    }
    if (!table.caption.empty() && options.restore_cell) {
      table.caption = CollapseSpaces(options.restore_cell(table.caption, 100.0f).text);
    }
  }
  return out;
}

std::vector<std::string> RowTexts(const std::vector<Cell>& row, const MapOptions& options) {
  std::vector<std::string> out;
  out.reserve(row.size());
  for (const auto& cell : row) out.push_back(Restore(options, cell));
  return out;
}

int CountMatched(const std::vector<int>& mapping) {
  return static_cast<int>(std::count_if(mapping.begin(), mapping.end(), [](int m) { return m >= 0; }));
}

bool HasColumn(const std::vector<int>& mapping, PlanColumn column) {
  return std::find(mapping.begin(), mapping.end(), static_cast<int>(column)) != mapping.end();
}

bool IsPlanHeader(const std::vector<int>& mapping, const MapOptions& options) {
  return CountMatched(mapping) >= options.plan_min_columns &&
         HasColumn(mapping, PlanColumn::kCriterion) &&
         (HasColumn(mapping, PlanColumn::kExpectedResult) || HasColumn(mapping, PlanColumn::kActions));
}

// Header text of `table`: its header rows joined per column.
std::vector<std::string> HeaderCells(const Table& table, const MapOptions& options) {
  std::vector<std::string> header(table.columns());
  int rows = std::max(1, table.header_rows);
  for (int r = 0; r < rows && r < static_cast<int>(table.rows.size()); ++r) {
    for (size_t c = 0; c < table.columns(); ++c) {
      std::string t = Restore(options, table.rows[r][c]);
      if (t.empty()) continue;
      if (!header[c].empty()) header[c] += ' ';
      header[c] += t;
    }
  }
  return header;
}

void Append(std::string* field, const std::string& more) {
  if (more.empty()) return;
  if (!field->empty()) field->push_back(' ');
  field->append(more);
}

std::string* FieldFor(Criterion* c, PlanColumn column) {
  switch (column) {
    case PlanColumn::kExpectedResult: return &c->expected_result;
    case PlanColumn::kActions: return &c->actions;
    case PlanColumn::kResponsible: return &c->responsible;
    case PlanColumn::kTimeline: return &c->timeline;
    case PlanColumn::kBudget: return &c->budget;
    case PlanColumn::kOtherSupport: return &c->other_support;
    case PlanColumn::kNotes: return &c->notes;
    default: return nullptr;
  }
}

struct PlanState {
  std::optional<std::string> level;
  std::optional<int> standard;
  std::string standard_title;
  Criterion* current = nullptr;
  bool after_standard = false;  // the last labelled row was a standard row
  // Text of a standard row's content cells that span down into the row
  // below (the rule under the standard row lost there): the first
  // criterion's, where its own cell is empty. By PlanColumn.
  std::array<std::string, kColumns> carried{};
  double confidence_sum = 0.0;
  int confidence_cells = 0;
};

void FinishCriterion(PlanState* state) {
  if (state->current && state->confidence_cells > 0) {
    state->current->confidence = std::min(
        state->current->confidence, state->confidence_sum / state->confidence_cells / 100.0);
  }
  state->confidence_sum = 0.0;
  state->confidence_cells = 0;
}

void AddPages(std::vector<int>* pages, const std::vector<Cell>& row) {
  for (const auto& cell : row) {
    if (cell.page > 0 && std::find(pages->begin(), pages->end(), cell.page) == pages->end()) {
      pages->push_back(cell.page);
    }
  }
  std::sort(pages->begin(), pages->end());
}

// Grows `regions` (one per page, in page order) by the boxes of `row`'s
// cells that have one.
void AddRegions(std::vector<Region>* regions, const std::vector<Cell>& row) {
  for (const Cell& cell : row) {
    if (cell.page <= 0 || !cell.box || cell.box->empty()) continue;
    auto it = std::lower_bound(regions->begin(), regions->end(), cell.page,
                               [](const Region& r, int page) { return r.page < page; });
    if (it == regions->end() || it->page != cell.page) {
      regions->insert(it, Region{cell.page, *cell.box});
      continue;
    }
    Box& box = it->box;
    box = {std::min(box.x0, cell.box->x0), std::min(box.y0, cell.box->y0),
           std::max(box.x1, cell.box->x1), std::max(box.y1, cell.box->y1)};
  }
}

// Where `row` is: its pages, regions and lines added to `c`'s.
void AddPlace(Criterion* c, const std::vector<Cell>& row) {
  AddPages(&c->pages, row);
  AddRegions(&c->regions, row);
  AddLines(&c->lines, row);
}

// The criterion number with an OCR-dropped dot put back: "53" under
// standard 5 -> "5.3".
std::string RepairCriterionNumber(const std::string& number, const PlanState& state,
                                  std::vector<Diagnostic>* diagnostics) {
  if (number.find('.') != std::string::npos || !state.standard || number.size() < 2) return number;
  if (state.level && state.level->find('4') != std::string::npos &&
      state.level->find('1') == std::string::npos) {
    return number;  // Mức 4 criteria are numbered 1, 2, 3, ... on their own.
  }
  std::string s = std::to_string(*state.standard);
  if (!number.starts_with(s)) return number;
  std::string fixed = s + "." + number.substr(s.size());
  diagnostics->push_back({"info", "criterion-number-repaired",
                          "criterion number '" + number + "' read as '" + fixed + "'"});
  return fixed;
}

// "Tiêu chuẩn Tổ chức và quản lý nhà trường": a standard label whose
// number the scan lost (the label word, then a title of two or more words,
// no digit). Returns the title, or nothing.
std::optional<std::string> UnnumberedStandardTitle(const std::string& cell) {
  if (std::any_of(cell.begin(), cell.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return std::nullopt;
  }
  std::vector<std::string> words;
  for (size_t i = 0; i < cell.size();) {
    const size_t j = std::min(cell.find(' ', i), cell.size());
    if (j > i) words.push_back(cell.substr(i, j - i));
    i = j + 1;
  }
  if (words.size() < 4 || EditDistance(FoldAlnum(words[0] + words[1]), "tieuchuan") > 2) {
    return std::nullopt;
  }
  std::string title = words[2];
  for (size_t k = 3; k < words.size(); ++k) title += " " + words[k];
  return title;
}

void MapPlanRows(const Table& table, const std::vector<int>& mapping, size_t first_row,
                 const MapOptions& options, PlanState* state, PlanDocument* doc) {
  std::array<int, kColumns> col_of;
  col_of.fill(-1);
  for (size_t c = 0; c < mapping.size(); ++c) {
    if (mapping[c] >= 0) col_of[mapping[c]] = static_cast<int>(c);
  }
  auto cell_text = [&](const std::vector<std::string>& texts, PlanColumn column) -> std::string {
    int c = col_of[static_cast<int>(column)];
    return c >= 0 && c < static_cast<int>(texts.size()) ? texts[c] : std::string();
  };
  // Lowers each content field's confidence to that of the row's cell it
  // took text from.
  auto add_field_confidences = [&](const std::vector<Cell>& row,
                                   const std::vector<std::string>& texts, Criterion* c) {
    for (int k = static_cast<int>(PlanColumn::kExpectedResult); k < kColumns; ++k) {
      const int col = col_of[k];
      if (col < 0 || col >= static_cast<int>(row.size()) || col >= static_cast<int>(texts.size()) ||
          texts[col].empty()) {
        continue;
      }
      const double cell = std::clamp(row[col].confidence / 100.0, 0.0, 1.0);
      auto& field = c->field_confidence[k - static_cast<int>(PlanColumn::kExpectedResult)];
      field = field ? std::min(*field, cell) : cell;
    }
  };
  for (size_t r = first_row; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    std::vector<std::string> texts = RowTexts(row, options);
    std::vector<size_t> filled;
    for (size_t c = 0; c < texts.size(); ++c) {
      if (!texts[c].empty()) filled.push_back(c);
    }
    if (filled.empty()) continue;
    // A repeated header row (table split over pages).
    if (IsPlanHeader(MatchPlanHeader(texts, options.header_min_similarity), options)) continue;

    std::string tt = cell_text(texts, PlanColumn::kTt);
    std::string label_cell = cell_text(texts, PlanColumn::kCriterion);
    // Code points in the row's cells other than the number and the label.
    auto content_length = [&]() {
      size_t n = 0;
      for (size_t c : filled) {
        const int col = static_cast<int>(c);
        if (col != col_of[static_cast<int>(PlanColumn::kTt)] &&
            col != col_of[static_cast<int>(PlanColumn::kCriterion)]) {
          n += Utf8ToU32(texts[c]).size();
        }
      }
      return n;
    };
    RowLabel label = ParseRowLabel(label_cell);
    if (label.kind == LabelKind::kNone) {
      RowLabel from_tt = ParseRowLabel(tt);
      if (from_tt.kind != LabelKind::kNone) label = from_tt;
    }
    if (label.kind == LabelKind::kNone && FoldAlnum(label_cell) == "tieuchi" &&
        filled.size() > 1) {
      // "Tiêu chí" whose number the scan lost: a criterion row all the same.
      label.kind = LabelKind::kCriterion;
    }
    if (label.kind == LabelKind::kNone) {
      // The standard row with its number lost: the criteria under it say
      // which standard it is (standard-inferred). Specks of at most three
      // characters in other cells are allowed; content is not.
      if (auto title = UnnumberedStandardTitle(label_cell); title && content_length() <= 3) {
        label.kind = LabelKind::kStandard;
        label.title = std::move(*title);
      }
    }
    if (label.kind == LabelKind::kNone && filled.size() == 1) {
      RowLabel only = ParseRowLabel(texts[filled[0]]);
      if (only.kind == LabelKind::kLevel || only.kind == LabelKind::kStandard) label = only;
    }
    if ((label.kind == LabelKind::kNone || label.kind == LabelKind::kLevel) &&
        filled.size() >= 2 && filled.size() <= 3) {
      // A level row whose words a borderless page split into cells ("MỨC
      // 1," | "2, 3": OCR left a wide space inside it): the cells read
      // together. A level label admits no other words, so a row of content
      // never reads as one.
      std::string joined;
      for (size_t c : filled) joined += (joined.empty() ? "" : " ") + texts[c];
      RowLabel whole = ParseRowLabel(joined);
      if (whole.kind == LabelKind::kLevel) label = whole;
    }

    if (label.kind == LabelKind::kLevel) {
      state->after_standard = false;
      FinishCriterion(state);
      state->current = nullptr;
      // Levels are cumulative ("Mức 1, 2, 3"): a list with a hole lost a
      // number to the OCR ("MỨC 1, 3" on a heavy scan).
      std::vector<int> levels = label.levels;
      if (levels.size() >= 2 && std::is_sorted(levels.begin(), levels.end()) &&
          levels.back() - levels.front() + 1 > static_cast<int>(levels.size()) &&
          levels.back() <= 3) {
        std::vector<int> whole;
        for (int v = levels.front(); v <= levels.back(); ++v) whole.push_back(v);
        doc->diagnostics.push_back({"info", "level-repaired",
                                    "level '" + LevelName(levels) + "' read as '" +
                                        LevelName(whole) + "'"});
        levels = std::move(whole);
      }
      state->level = LevelName(levels);
      state->carried = {};
      state->standard.reset();
      state->standard_title.clear();
      continue;
    }
    if (label.kind == LabelKind::kStandard && label.cut_word) {
      // "Tiêu 1: …" with content cells is a criterion that lost "chí"
      // (Mức 4 criteria are numbered 1, 2, 3), not a standard row.
      if (content_length() > 0) label.kind = LabelKind::kCriterion;
    }
    if (label.kind == LabelKind::kStandard) {
      FinishCriterion(state);
      state->current = nullptr;
      if (label.number.empty()) {
        state->standard.reset();  // the number lost: taken from its first criterion
      } else {
        state->standard = std::stoi(label.number.substr(0, label.number.find('.')));
      }
      state->standard_title = label.title;
      state->after_standard = true;
      // A standard row holds no content: a content cell spanning down was
      // cut from the criterion below by a rule the scan lost.
      state->carried = {};
      for (int k = static_cast<int>(PlanColumn::kExpectedResult); k < kColumns; ++k) {
        const int col = col_of[k];
        if (col >= 0 && col < static_cast<int>(row.size()) && row[col].row_span >= 2) {
          state->carried[k] = cell_text(texts, static_cast<PlanColumn>(k));
        }
      }
      continue;
    }
    if (label.kind == LabelKind::kCriterion) {
      state->after_standard = false;
      FinishCriterion(state);
      Criterion c;
      c.level = state->level;
      c.criterion = RepairCriterionNumber(label.number, *state, &doc->diagnostics);
      if (!state->standard && c.criterion.find('.') != std::string::npos) {
        state->standard = std::stoi(c.criterion.substr(0, c.criterion.find('.')));
        doc->diagnostics.push_back({"info", "standard-inferred",
                                    "standard of criterion " + c.criterion +
                                        " inferred from its number"});
      } else if (state->standard && c.criterion.find('.') != std::string::npos &&
                 c.criterion.substr(0, c.criterion.find('.')) != std::to_string(*state->standard)) {
        doc->diagnostics.push_back({"warning", "criterion-standard-mismatch",
                                    "criterion " + c.criterion + " listed under standard " +
                                        std::to_string(*state->standard)});
      }
      c.standard = state->standard;
      c.standard_title = state->standard_title;
      c.criterion_label = label_cell.empty() ? tt : label_cell;
      if (!label.number.empty() && c.criterion != label.number) {
        // "Tiêu chí 35" -> "Tiêu chí 3.5" with the repaired number.
        size_t at = c.criterion_label.rfind(label.number);
        if (at != std::string::npos) c.criterion_label.replace(at, label.number.size(), c.criterion);
      }
      if (!c.criterion.empty()) {
        // "Tiêu chí5.5" -> "Tiêu chí 5.5": a space OCR lost before the number.
        const size_t at = c.criterion_label.find(c.criterion);
        if (at != std::string::npos && at > 0) {
          const unsigned char before = static_cast<unsigned char>(c.criterion_label[at - 1]);
          if (before >= 0x80 || std::isalpha(before)) c.criterion_label.insert(at, " ");
        }
      }
      if (label.title.empty()) {
        // "Tiêu chí 5.5 :" -> "Tiêu chí 5.5": dangling separators (OCR specks).
        while (!c.criterion_label.empty() &&
               std::string_view(" :;.,-_").find(c.criterion_label.back()) != std::string_view::npos) {
          c.criterion_label.pop_back();
        }
      }
      for (int k = static_cast<int>(PlanColumn::kExpectedResult); k < kColumns; ++k) {
        std::string* field = FieldFor(&c, static_cast<PlanColumn>(k));
        *field = cell_text(texts, static_cast<PlanColumn>(k));
        if (field->empty() && !state->carried[k].empty()) {
          *field = std::move(state->carried[k]);
          doc->diagnostics.push_back({"info", "cell-from-standard-row",
                                      "criterion " + c.criterion + "'s cell in column " +
                                          std::to_string(k + 1) +
                                          " was joined to the standard row above"});
        }
      }
      state->carried = {};
      c.confidence = 1.0 - 0.05 * label.distance;
      AddPlace(&c, row);
      doc->criteria.push_back(std::move(c));
      state->current = &doc->criteria.back();
      add_field_confidences(row, texts, state->current);
    } else if (!state->current && state->after_standard && !label_cell.empty() &&
               filled.size() <= 2 && tt.empty()) {
      // The rest of a standard title cut by a page break.
      Append(&state->standard_title, label_cell);
      continue;
    } else if (state->current) {
      // No label: the rest of the previous criterion's cells.
      for (int k = static_cast<int>(PlanColumn::kExpectedResult); k < kColumns; ++k) {
        Append(FieldFor(state->current, static_cast<PlanColumn>(k)),
               cell_text(texts, static_cast<PlanColumn>(k)));
      }
      AddPlace(state->current, row);
      add_field_confidences(row, texts, state->current);
    } else {
      doc->diagnostics.push_back({"warning", "unlabelled-row",
                                  "plan table row " + std::to_string(r) +
                                      " has no level, standard or criterion label"});
      continue;
    }
    for (const auto& cell : row) {
      if (cell.text.empty()) continue;
      state->confidence_sum += cell.confidence;
      ++state->confidence_cells;
    }
  }
  FinishCriterion(state);
}

// A standard row's number misread ("Tiêu chuẩn 3" for 5): when every
// criterion listed under it is numbered in one other standard ("5.1",
// "5.2"), they say which standard it is. A standard row lost (a heavy scan
// left it unread): its criteria ("3.1", "3.3" after "1.2") run on under
// the standard before; when the run ends with two or more criteria
// numbered in one later standard, and all before them in the run's own,
// those go to the later standard, with no title (the row held it). One
// such criterion is left as read: it may be a misread number. Criteria
// under one standard row are consecutive and share level, standard and
// title.
void RepairStandardNumbers(PlanDocument* doc) {
  auto& criteria = doc->criteria;
  auto major = [](const std::string& number) {
    const size_t dot = number.find('.');
    return dot == std::string::npos || dot == 0 ? -1 : std::atoi(number.substr(0, dot).c_str());
  };
  for (size_t begin = 0, end; begin < criteria.size(); begin = end) {
    const Criterion& first = criteria[begin];
    end = begin + 1;
    while (end < criteria.size() && criteria[end].level == first.level &&
           criteria[end].standard == first.standard &&
           criteria[end].standard_title == first.standard_title) {
      ++end;
    }
    if (!first.standard) continue;
    auto drop_mismatch = [&](size_t i, int read) {
      std::erase_if(doc->diagnostics, [&](const Diagnostic& d) {
        return d.code == "criterion-standard-mismatch" &&
               d.message == "criterion " + criteria[i].criterion + " listed under standard " +
                                std::to_string(read);
      });
    };
    if (const int own = *first.standard; own > 0) {
      // The run's tail numbered in one later standard.
      size_t tail = end;
      int later = -1, numbered = 0;
      while (tail > begin) {
        const int m = major(criteria[tail - 1].criterion);
        if (m >= 0 && (m <= own || (later >= 0 && m != later))) break;
        if (m >= 0) later = m, ++numbered;
        --tail;
      }
      bool head_own = true;
      for (size_t i = begin; i < tail && head_own; ++i) {
        const int m = major(criteria[i].criterion);
        head_own = m < 0 || m == own;
      }
      if (numbered >= 2 && head_own && tail > begin) {
        std::string listed;
        for (size_t i = tail; i < end; ++i) {
          drop_mismatch(i, own);
          criteria[i].standard = later;
          criteria[i].standard_title.clear();
          if (!criteria[i].criterion.empty()) {
            listed += (listed.empty() ? "" : ", ") + criteria[i].criterion;
          }
        }
        doc->diagnostics.push_back(
            {"warning", "standard-row-missing",
             "criteria " + listed + " followed standard " + std::to_string(own) +
                 "'s: put under standard " + std::to_string(later) +
                 ", whose row was not read (no title)"});
        end = tail;  // the head is checked below as a run of its own
      }
    }
    int agreed = -1;
    bool one = true;
    for (size_t i = begin; i < end && one; ++i) {
      const int m = major(criteria[i].criterion);
      if (m < 0) continue;
      one = agreed < 0 || agreed == m;
      agreed = m;
    }
    if (!one || agreed < 1 || agreed == *first.standard) continue;
    const int read = *first.standard;
    for (size_t i = begin; i < end; ++i) {
      drop_mismatch(i, read);
      criteria[i].standard = agreed;
    }
    doc->diagnostics.push_back({"info", "standard-number-repaired",
                                "standard " + std::to_string(read) + " read as " +
                                    std::to_string(agreed) + ": its criteria are numbered " +
                                    std::to_string(agreed) + ".x"});
  }
}

// A criterion number cut short by the scan: "Tiêu chí 4" ("4.1" with its
// ".1" lost in noise, or "5]") under standard 4 of Mức 1, 2, 3, whose
// criteria are numbered 4.x, or "Tiêu chí" with no number at all. Plans
// list only some criteria of a standard (4.1, 4.3, 4.5), so the number is
// taken only when the criteria around it in its standard's run leave one:
// 4.2 between 4.1 and 4.3, 4.1 before 4.2 at the run's start; never after
// the run's last criterion. A number another criterion of the run has is
// never given. Mức 4 criteria are numbered 1, 2, 3 and are left.
void RepairShortCriterionNumbers(PlanDocument* doc) {
  auto& criteria = doc->criteria;
  // The minor number of "s.q" under standard s, 0 if it is not that.
  auto minor = [](const Criterion& c, int standard) {
    const std::string prefix = std::to_string(standard) + ".";
    if (!c.criterion.starts_with(prefix)) return 0;
    const std::string rest = c.criterion.substr(prefix.size());
    if (rest.empty() || rest.size() > 2 ||
        !std::all_of(rest.begin(), rest.end(), [](unsigned char ch) { return std::isdigit(ch) != 0; })) {
      return 0;
    }
    return std::atoi(rest.c_str());
  };
  for (size_t i = 0; i < criteria.size(); ++i) {
    Criterion& c = criteria[i];
    if (!c.standard || *c.standard < 1) continue;
    if (c.level && c.level->find('4') != std::string::npos &&
        c.level->find('1') == std::string::npos) {
      continue;
    }
    const int s = *c.standard;
    const bool lost = c.criterion.empty();
    if (!lost && c.criterion != std::to_string(s)) continue;
    auto same_run = [&](size_t k) {
      return criteria[k].level == c.level && criteria[k].standard == c.standard;
    };
    // The minor numbers around it: 0 at the run's start, -1 when the
    // criterion before it in the run has no readable number.
    const int before = i > 0 && same_run(i - 1) ? minor(criteria[i - 1], s) : 0;
    if (i > 0 && same_run(i - 1) && before == 0) continue;
    const int after = i + 1 < criteria.size() && same_run(i + 1) ? minor(criteria[i + 1], s) : 0;
    if (after == 0 || after - before != 2) continue;  // none or several numbers fit
    const int q = before + 1;
    const std::string number = std::to_string(s) + "." + std::to_string(q);
    bool taken = false;
    for (size_t k = 0; k < criteria.size() && !taken; ++k) {
      taken = k != i && same_run(k) && criteria[k].criterion == number;
    }
    if (taken) continue;
    // The label's number (its last word: "4", "4.", "5]") or, lost, none.
    std::string& label = c.criterion_label;
    const size_t space = label.rfind(' ');
    const std::string last = space == std::string::npos ? label : label.substr(space + 1);
    if (!lost && last.starts_with(c.criterion)) {
      label = label.substr(0, space == std::string::npos ? 0 : space + 1) + number;
    } else if (lost && FoldAlnum(label) == "tieuchi") {
      label += " " + number;
    }
    doc->diagnostics.push_back({"info", "criterion-number-inferred",
                                "criterion number '" + c.criterion + "' under standard " +
                                    std::to_string(s) + " taken as " + number +
                                    " from the criteria around it"});
    c.criterion = number;
  }
}

GenericTable ToGeneric(const Table& table, const MapOptions& options) {
  GenericTable g;
  g.format = TableFormatName(table.format);
  g.pages = table.pages;
  g.caption = table.caption;
  for (const auto& row : table.rows) {
    AddRegions(&g.regions, row);
    AddLines(&g.lines, row);
  }
  std::vector<std::string> header = HeaderCells(table, options);
  std::set<std::string> seen;
  for (size_t c = 0; c < header.size(); ++c) {
    std::string h = header[c].empty() ? "col_" + std::to_string(c + 1) : header[c];
    std::string unique = h;
    for (int k = 2; seen.count(unique); ++k) unique = h + " (" + std::to_string(k) + ")";
    seen.insert(unique);
    g.headers.push_back(unique);
  }
  for (size_t r = std::max(1, table.header_rows); r < table.rows.size(); ++r) {
    auto texts = RowTexts(table.rows[r], options);
    texts.resize(g.headers.size());
    g.rows.push_back(std::move(texts));
  }
  return g;
}

// ---- Metadata -------------------------------------------------------------

std::vector<std::string> SplitWords(std::string_view line) {
  std::vector<std::string> words;
  std::string collapsed = CollapseSpaces(line);
  size_t start = 0;
  while (start < collapsed.size()) {
    size_t end = collapsed.find(' ', start);
    if (end == std::string::npos) end = collapsed.size();
    words.push_back(collapsed.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

std::string Join(const std::vector<std::string>& words, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to && i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

std::string TrimPunct(std::string s) {
  while (!s.empty() && (s.back() == ',' || s.back() == '.' || s.back() == ';' || s.back() == ':')) {
    s.pop_back();
  }
  return s;
}

bool ParseInt(const std::string& word, int lo, int hi, int* value) {
  std::string w = TrimPunct(word);
  if (w.empty() || w.size() > 4) return false;
  int v = 0;
  for (char c : w) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v < lo || v > hi) return false;
  *value = v;
  return true;
}

bool FuzzyWord(const std::string& word, const char* form, int max_distance) {
  std::string f = FoldAlnum(word);
  return !f.empty() && EditDistance(f, form) <= max_distance;
}

std::vector<std::string> CleanLines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line = CleanCellText(text.substr(start, end - start));
    while (!line.empty() && line[0] == '#') line.erase(0, 1);
    lines.push_back(CollapseSpaces(line));
    if (end == text.size()) break;
    start = end + 1;
  }
  return lines;
}

bool IsUpperWord(const std::string& word) {
  return text::ToUpper(word) == word && text::ToLower(word) != word;
}

bool IsCapitalized(const std::string& word) {
  std::u32string w = Utf8ToU32(word);
  if (w.empty()) return false;
  std::string first;
  AppendUtf8(w[0], &first);
  return text::ToUpper(first) == first && text::ToLower(first) != first;
}

// A proper name is spelled one way throughout a document, but the
// diacritic restorer may read it differently where it has less context
// (the place in "Thanh Hưng, ngày 12 tháng 9" against "xã Thanh Hưng" in
// the text). Returns the capitalised spelling of `name` (same words once
// folded) that occurs most often in `lines`; `name` itself on a tie.
std::string MostUsedSpelling(const std::vector<std::string>& lines, const std::string& name) {
  const std::vector<std::string> want = SplitWords(name);
  if (want.empty()) return name;
  const std::string folded = Fold(name);
  std::map<std::string, int> counts;
  for (const auto& line : lines) {
    const std::vector<std::string> w = SplitWords(line);
    for (size_t i = 0; i + want.size() <= w.size(); ++i) {
      std::string candidate = TrimPunct(Join(w, i, i + want.size()));
      if (Fold(candidate) != folded) continue;
      bool capitalised = true;
      for (size_t k = i; k < i + want.size(); ++k) capitalised &= IsCapitalized(w[k]);
      if (capitalised) ++counts[candidate];
    }
  }
  std::string best = name;
  int best_count = counts.count(name) ? counts[name] : 0;
  for (const auto& [spelling, count] : counts) {
    if (count > best_count) {
      best = spelling;
      best_count = count;
    }
  }
  return best;
}

bool IsNameLike(const std::string& line) {
  auto words = SplitWords(line);
  if (words.size() < 2 || words.size() > 5) return false;
  for (const auto& w : words) {
    if (!IsCapitalized(w)) return false;
    for (char c : w) {
      if ((c >= '0' && c <= '9') || c == ':' || c == '(' || c == ')' || c == '/' || c == ',' ||
          c == '.' || c == ';') {
        return false;
      }
    }
    if (IsUpperWord(w) && Utf8ToU32(w).size() > 1) return false;  // a title, not a name
  }
  return true;
}

}  // namespace

void AddLines(std::optional<LineSpan>* span, const std::vector<Cell>& row) {
  for (const Cell& cell : row) {
    if (cell.line <= 0) continue;
    const int last = std::max(cell.line, cell.last_line);
    if (!*span) {
      *span = LineSpan{cell.line, last};
      continue;
    }
    (*span)->first = std::min((*span)->first, cell.line);
    (*span)->last = std::max((*span)->last, last);
  }
}

std::vector<int> MatchPlanHeader(const std::vector<std::string>& header_cells,
                                 double min_similarity) {
  std::vector<int> mapping(header_cells.size(), -1);
  struct Pair {
    double score;
    size_t cell;
    int column;
  };
  std::vector<Pair> pairs;
  for (size_t c = 0; c < header_cells.size(); ++c) {
    std::string a = FoldAlnum(header_cells[c]);
    for (int k = 0; k < kColumns; ++k) {
      double s = HeaderScore(a, k);
      if (s >= min_similarity) pairs.push_back({s, c, k});
    }
  }
  std::stable_sort(pairs.begin(), pairs.end(),
                   [](const Pair& x, const Pair& y) { return x.score > y.score; });
  std::vector<bool> used(kColumns, false);
  for (const auto& p : pairs) {
    if (mapping[p.cell] >= 0 || used[p.column]) continue;
    mapping[p.cell] = p.column;
    used[p.column] = true;
  }
  // A header cell whose text was lost (unreadable, or taken by its
  // neighbour when the rule between them was not seen in the header row)
  // between the plan columns k - 1 and k + 1 is column k.
  for (size_t c = 1; c + 1 < mapping.size(); ++c) {
    const int k = mapping[c - 1] + 1;
    if (mapping[c] < 0 && mapping[c - 1] >= 0 && mapping[c + 1] == k + 1 && !used[k]) {
      mapping[c] = k;
      used[k] = true;
    }
  }
  return mapping;
}

DocumentInfo ExtractDocumentInfo(std::string_view text) {
  DocumentInfo info;
  std::vector<std::string> lines = CleanLines(text);
  const size_t head = std::min<size_t>(lines.size(), 60);

  // Date and place: "<place>, ngày D tháng M năm YYYY".
  size_t date_line = std::string::npos;
  for (size_t l = 0; l < head && date_line == std::string::npos; ++l) {
    auto w = SplitWords(lines[l]);
    for (size_t i = 0; i + 5 < w.size(); ++i) {
      int d, m, y;
      if (FuzzyWord(w[i], "ngay", 1) && ParseInt(w[i + 1], 1, 31, &d) &&
          FuzzyWord(w[i + 2], "thang", 2) && ParseInt(w[i + 3], 1, 12, &m) &&
          FuzzyWord(w[i + 4], "nam", 1) && ParseInt(w[i + 5], 1900, 2100, &y)) {
        char iso[16];
        std::snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, m, d);
        info.date = iso;
        date_line = l;
        size_t place_from = 0;
        // "Số: 325/KH-TrTH Thanh Hưng, ngày ..." on one line.
        if (!w.empty() && FoldAlnum(w[0]).size() <= 3 && (FuzzyWord(w[0], "so", 1)) &&
            w[0].find(':') != std::string::npos) {
          place_from = 2;
        } else if (w.size() > 1 && FuzzyWord(w[0], "so", 1) && w[1] == ":") {
          place_from = 3;
        }
        info.place = TrimPunct(Join(w, place_from, i));
        break;
      }
    }
  }
  info.place = MostUsedSpelling(lines, info.place);

  // Number: "Số: 215/KH-ĐBL".
  for (size_t l = 0; l < head; ++l) {
    const std::string& line = lines[l];
    size_t colon = line.find(':');
    if (colon == std::string::npos || colon > 8) continue;
    std::string key = FoldAlnum(line.substr(0, colon));
    if (key != "so" && key != "s0" && key != "s6") continue;
    std::string rest = CollapseSpaces(line.substr(colon + 1));
    if (l == date_line) {
      auto w = SplitWords(rest);
      rest = w.empty() ? "" : w[0];
    }
    info.number = TrimPunct(rest);
    break;
  }

  // Title: the "KẾ HOẠCH" line and the lines that continue it.
  size_t title_line = std::string::npos;
  for (size_t l = 0; l < head; ++l) {
    auto w = SplitWords(lines[l]);
    if (w.size() >= 2 && FuzzyWord(w[0], "ke", 0) && FuzzyWord(w[1], "hoach", 1) &&
        IsUpperWord(w[0])) {
      title_line = l;
      break;
    }
  }
  auto is_year_line = [](const std::string& line) {
    auto w = SplitWords(line);
    return w.size() >= 2 && FuzzyWord(w[0], "nam", 0) && FuzzyWord(w[1], "hoc", 1);
  };
  if (title_line != std::string::npos) {
    info.title = lines[title_line];
    size_t j = title_line + 1;
    if (SplitWords(lines[title_line]).size() == 2) {
      while (j < lines.size() && j <= title_line + 2 && lines[j].empty()) ++j;
    }
    static const std::regex kHeading(R"(^([IVX]+|[0-9]+)\s*[.)])");
    while (j < lines.size() && !lines[j].empty() && !is_year_line(lines[j]) &&
           !std::regex_search(lines[j], kHeading) && lines[j].size() < 200) {
      info.title += ' ';
      info.title += lines[j];
      ++j;
    }
  }

  // School year: "Năm học 2024 – 2025", preferably right after the title.
  static const std::regex kYear(
      R"(nam\s*ho\S{0,2}\s*:?\s*(\d{4})\s*(?:-|\xE2\x80\x93|\xE2\x80\x94)+\s*(\d{4}))");
  size_t from = title_line == std::string::npos ? 0 : title_line;
  for (int pass = 0; pass < 2 && info.school_year.empty(); ++pass) {
    for (size_t l = pass == 0 ? from : 0; l < lines.size(); ++l) {
      std::smatch m;
      std::string folded = Fold(lines[l]);
      if (std::regex_search(folded, m, kYear)) {
        info.school_year = m[1].str() + "-" + m[2].str();
        break;
      }
    }
  }

  // Organization: the school line of the letterhead, else the first
  // "Trường <type> <Name>" in the text.
  size_t letterhead_end = title_line == std::string::npos ? head : title_line;
  for (size_t l = 0; l < letterhead_end; ++l) {
    auto w = SplitWords(lines[l]);
    if (!w.empty() && FuzzyWord(w[0], "truong", 0) && IsUpperWord(w[0])) {
      // OCR may run the two letterhead columns together:
      // "TRƯỜNG THCS X CỘNG HÒA XÃ HỘI ..." / "... Độc lập - Tự do - Hạnh phúc".
      size_t end = w.size();
      for (size_t i = 1; i + 1 < w.size(); ++i) {
        std::string pair = FoldAlnum(w[i]) + FoldAlnum(w[i + 1]);
        if (pair == "conghoa" || pair == "doclap") {
          end = i;
          break;
        }
      }
      info.organization = TrimPunct(Join(w, 0, end));
      break;
    }
  }
  if (info.organization.empty()) {
    static const std::set<std::string> kTypeWords = {"tieu", "hoc", "trung", "co", "so", "pho",
                                                     "thong", "mam", "non", "mau", "giao",
                                                     "thcs", "thpt", "th", "xa"};
    for (size_t l = 0; l < lines.size() && info.organization.empty(); ++l) {
      auto w = SplitWords(lines[l]);
      for (size_t i = 0; i + 2 < w.size(); ++i) {
        if (!(FuzzyWord(w[i], "truong", 0) && IsCapitalized(w[i]))) continue;
        if (!kTypeWords.count(FoldAlnum(w[i + 1]))) continue;
        size_t j = i + 1;
        bool has_name = false;
        while (j < w.size()) {
          std::string f = FoldAlnum(w[j]);
          bool type = kTypeWords.count(f) > 0 && !has_name;
          if (!type && !IsCapitalized(w[j])) break;
          if (!type) has_name = true;
          bool ends = w[j].back() == ',' || w[j].back() == '.' || w[j].back() == ';';
          ++j;
          if (ends) break;
        }
        if (has_name) {
          info.organization = TrimPunct(Join(w, i, j));
          break;
        }
      }
    }
  }

  // Signer: the name under the last signature title, else the last
  // name-like line of the document's tail.
  static const std::regex kSignTitle(
      R"(^(kt\.?\s*|q\.?\s*|tm\.?\s*|pht\.?\s*)?(pho\s+)?(hieu\s*truong|chu\s*tich|giam\s*doc|truong\s*phong)\b.*)");
  for (size_t l = lines.size(); l-- > 0;) {
    std::string folded = Fold(lines[l]);
    if (folded.size() > 40 || !std::regex_match(folded, kSignTitle)) continue;
    if (!IsUpperWord(SplitWords(lines[l]).back())) continue;
    for (size_t j = l + 1; j < lines.size() && j <= l + 8; ++j) {
      if (IsNameLike(lines[j])) {
        info.signer = lines[j];
        break;
      }
    }
    if (!info.signer.empty()) break;
  }
  if (info.signer.empty()) {
    int seen = 0;
    for (size_t l = lines.size(); l-- > 0 && seen < 25;) {
      if (lines[l].empty()) continue;
      ++seen;
      if (IsNameLike(lines[l])) {
        info.signer = lines[l];
        break;
      }
    }
  }
  return info;
}

PlanDocument MapToPlan(const std::vector<Table>& tables, std::string_view text,
                       const MapOptions& options) {
  PlanDocument doc;
  doc.text = std::string(text);
  doc.document = ExtractDocumentInfo(text);
  PlanState state;
  std::vector<int> plan_mapping;  // mapping of the last plan table, for continuations
  bool previous_was_plan = false;
  int plan_tables = 0;
  // Criteria are appended while state.current points into doc.criteria;
  // reserve so that the pointer stays valid.
  size_t max_rows = 0;
  for (const auto& t : tables) max_rows += t.rows.size();
  doc.criteria.reserve(max_rows);
  // Every cell restored once, up front; the rest reads restored text.
  const std::vector<Table> restored = RestoreTables(tables, options);
  MapOptions cell_options = options;
  cell_options.restore_cell = nullptr;
  cell_options.restore_ocr_cell = nullptr;
  for (const auto& table : restored) {
    if (table.rows.empty()) continue;
    std::vector<int> mapping =
        MatchPlanHeader(HeaderCells(table, cell_options), cell_options.header_min_similarity);
    if (IsPlanHeader(mapping, cell_options)) {
      // A header repeated on a later page (kept as a row of a joined
      // table) may be read better than the first page's: a scan that lost
      // a rule inside the first header merged two of its cells ("Thời
      // gian … Dự kiến kinh phí"), and that mapping shifts a column's
      // content into its neighbour's field for every row. The repeated
      // header that names the most columns is used.
      for (size_t r = std::max(1, table.header_rows); r < table.rows.size(); ++r) {
        std::vector<std::string> texts(table.rows[r].size());
        for (size_t c = 0; c < texts.size(); ++c) texts[c] = table.rows[r][c].text;
        std::vector<int> repeated = MatchPlanHeader(texts, cell_options.header_min_similarity);
        if (IsPlanHeader(repeated, cell_options) && CountMatched(repeated) > CountMatched(mapping)) {
          doc.diagnostics.push_back({"info", "plan-header-from-repeat",
                                     "the plan table's columns were read from its header repeated "
                                     "at row " + std::to_string(r)});
          mapping = std::move(repeated);
        }
      }
      ++plan_tables;
      plan_mapping = mapping;
      MapPlanRows(table, mapping, std::max(1, table.header_rows), cell_options, &state, &doc);
      previous_was_plan = true;
      continue;
    }
    // A headerless continuation of the plan table (next page).
    if (previous_was_plan && table.columns() == plan_mapping.size()) {
      bool has_labels = false;
      for (const auto& row : table.rows) {
        for (size_t c = 0; c < row.size() && c < 2; ++c) {
          if (ParseRowLabel(Restore(cell_options, row[c])).kind != LabelKind::kNone) {
            has_labels = true;
          }
        }
      }
      const auto& first = table.rows.front();
      bool continues = first.size() >= 2 && first[0].text.empty() && first[1].text.empty();
      if (has_labels || continues) {
        doc.diagnostics.push_back({"info", "plan-table-continued",
                                   "a headerless table was read as the plan table's continuation"});
        MapPlanRows(table, plan_mapping, 0, cell_options, &state, &doc);
        continue;
      }
    }
    previous_was_plan = false;
    doc.tables.push_back(ToGeneric(table, cell_options));
  }
  RepairStandardNumbers(&doc);
  RepairShortCriterionNumbers(&doc);
  // Timeline cells follow the grammar of dates and school years; repair
  // what an OCR broke in them ("tháng 9 2024", "năm học 2029 - 2026").
  int time_repairs = 0;
  for (auto& c : doc.criteria) {
    text::TimeRepair repaired = text::RepairTimeExpressions(c.timeline);
    c.timeline = std::move(repaired.text);
    time_repairs += repaired.repairs;
  }
  if (time_repairs > 0) {
    doc.diagnostics.push_back({"info", "timeline-repaired",
                               std::to_string(time_repairs) +
                                   " date or school-year expression(s) in timeline cells repaired"});
  }
  if (plan_tables == 0) {
    doc.diagnostics.push_back({"warning", "no-plan-table",
                               "no table with the plan header (Tiêu chuẩn, tiêu chí | Kết quả "
                               "cần đạt | ...) was found"});
  } else if (doc.criteria.empty()) {
    doc.diagnostics.push_back({"warning", "no-criteria", "the plan table has no criterion rows"});
  }
  return doc;
}

void RestoreCell(const CellRestorer& restore, Cell* cell) {
  if (!restore || cell->text.empty()) return;
  RestoredCell restored = restore(cell->text, cell->confidence);
  cell->text = CollapseSpaces(restored.text);
  cell->confidence *= static_cast<float>(std::clamp(restored.confidence, 0.0, 1.0));
}

}  // namespace vnplan::table
