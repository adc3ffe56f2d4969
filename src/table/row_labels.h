// Recognises the row labels of plan tables in one cell's text, robust to
// stripped diacritics and OCR noise: level rows ("MỨC 1, 2, 3", "MUC 4"),
// standard rows ("Tiêu chuẩn 1: Tổ chức và quản lý nhà trường") and
// criterion rows ("Tiêu chí 1.9", "Tiêu chí 5.5.3: …", "Tieu chi 2").
#ifndef VNPLAN_TABLE_ROW_LABELS_H_
#define VNPLAN_TABLE_ROW_LABELS_H_

#include <string>
#include <string_view>
#include <vector>

namespace vnplan::table {

enum class LabelKind { kNone, kLevel, kStandard, kCriterion };

struct RowLabel {
  LabelKind kind = LabelKind::kNone;
  // Standard/criterion number with '.' separators: "1", "1.9", "5.5.3".
  std::string number;
  // Level rows: the levels named, e.g. {1, 2, 3}.
  std::vector<int> levels;
  // Text after the number and an optional ':' / '.' / '-', from the
  // original (unfolded) cell: the standard title, or a criterion's own text.
  std::string title;
  // Edit distance between the label word and its canonical form (0 exact).
  int distance = 0;
  // The OCR dropped the label's second word: "Tiêu 5.3" (chí), "Tiêu 1:
  // Tổ chức ..." (chuẩn). The kind is then told by the number (dotted: a
  // criterion) and, without a dot, by a ':' and a title after it (a
  // standard); MapToPlan still checks the row has no content cells.
  bool cut_word = false;
};

// Parses `cell` (cleaned text of one cell). Returns kind kNone when the cell
// does not start with a label word followed by a number. A criterion label
// whose "chí" the OCR dropped ("Tiêu 5.3") is one when its number is dotted.
RowLabel ParseRowLabel(std::string_view cell);

// "Mức 1, 2, 3" / "Mức 4" for levels {1,2,3} / {4}.
std::string LevelName(const std::vector<int>& levels);

}  // namespace vnplan::table

#endif  // VNPLAN_TABLE_ROW_LABELS_H_
