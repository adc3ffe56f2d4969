#include "table/row_labels.h"

#include <algorithm>
#include <cctype>

#include "table/fuzzy.h"
#include "table/table_model.h"

namespace vnplan::table {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Parses digits with '.'/',' separators starting at `pos`; returns the
// normalised number and moves *pos past it.
std::string ParseNumber(std::string_view s, size_t* pos) {
  std::string number;
  size_t i = *pos;
  while (i < s.size()) {
    size_t start = i;
    while (i < s.size() && IsDigit(s[i])) number.push_back(s[i++]);
    if (i == start) break;
    // Separator: '.' or ',' possibly surrounded by single spaces, then digit.
    size_t j = i;
    while (j < s.size() && s[j] == ' ') ++j;
    if (j < s.size() && (s[j] == '.' || s[j] == ',')) {
      size_t k = j + 1;
      while (k < s.size() && s[k] == ' ' && k - j <= 1) ++k;
      if (k < s.size() && IsDigit(s[k]) && (s[j] == '.' || k == j + 1)) {
        number.push_back('.');
        i = k;
        continue;
      }
    }
    break;
  }
  *pos = i;
  return number;
}

}  // namespace

RowLabel ParseRowLabel(std::string_view raw) {
  RowLabel label;
  std::string cell = CollapseSpaces(raw);
  // OCR reads a leading "1." as "l." / "I." / "|." / "i.": "Tiêu chí l.3".
  for (size_t i = 1; i + 2 < cell.size() && i < 40; ++i) {
    char c = cell[i];
    if ((c == 'l' || c == 'I' || c == '|' || c == 'i') && cell[i - 1] == ' ' &&
        cell[i + 1] == '.' && IsDigit(cell[i + 2])) {
      cell[i] = '1';
      break;
    }
    if (IsDigit(c)) break;
  }
  size_t first_digit = 0;
  while (first_digit < cell.size() && !IsDigit(cell[first_digit])) ++first_digit;
  if (first_digit == 0 || first_digit >= cell.size() || first_digit > 40) return label;
  std::string word = FoldAlnum(std::string_view(cell).substr(0, first_digit));
  if (word.empty()) return label;

  struct Candidate {
    const char* form;
    LabelKind kind;
    int max_distance;
  };
  static constexpr Candidate kCandidates[] = {
      {"tieuchuan", LabelKind::kStandard, 2},
      {"tieuchi", LabelKind::kCriterion, 2},
      {"muc", LabelKind::kLevel, 1},
      {"mucdo", LabelKind::kLevel, 1},
  };
  int best = 1 << 20;
  LabelKind kind = LabelKind::kNone;
  for (const auto& c : kCandidates) {
    int d = EditDistance(word, c.form);
    if (d <= c.max_distance && d < best) {
      best = d;
      kind = c.kind;
    }
  }
  // "Tiêu 5.3": the OCR dropped the short word "chí" between the label's
  // first syllable and the number. Only a dotted number says it was a
  // criterion (a standard's number has no dot): checked below.
  const bool cut_word = kind == LabelKind::kNone && word == "tieu";
  if (cut_word) {
    kind = LabelKind::kCriterion;
    best = EditDistance(word, "tieuchi");
  }
  if (kind == LabelKind::kNone) return label;

  size_t pos = first_digit;
  if (kind == LabelKind::kLevel) {
    // The rest must be a list of small numbers: "1, 2, 3", "1,2 và 3", "4".
    std::string rest = Fold(std::string_view(cell).substr(first_digit));
    std::vector<int> levels;
    // "MỨC I, 2, 3": the OCR'd "1" was read into the label word.
    if (word.size() == 4 && (word[3] == 'i' || word[3] == 'l' || word[3] == 't')) {
      levels.push_back(1);
    }
    for (size_t i = 0; i < rest.size();) {
      if (IsDigit(rest[i])) {
        int v = 0;
        while (i < rest.size() && IsDigit(rest[i])) v = v * 10 + (rest[i++] - '0');
        if (v < 1 || v > 9) return label;
        levels.push_back(v);
      } else if (rest.compare(i, 2, "va") == 0) {
        i += 2;
      } else if ((rest[i] >= 'a' && rest[i] <= 'z') || (rest[i] >= 'A' && rest[i] <= 'Z')) {
        // A lone l/i/o/t next to the numbers is OCR noise ("MỨC l1, 2, 3";
        // "MỨC t,2,3": a 1 with its flag and foot on a heavy scan); words
        // mean this is not a level row ("Mức 1: Tổng số 27 tiêu chí").
        bool lone = (i + 1 >= rest.size() || !std::isalpha(static_cast<unsigned char>(rest[i + 1]))) &&
                    (i == 0 || !std::isalpha(static_cast<unsigned char>(rest[i - 1])));
        if (!lone || (rest[i] != 'l' && rest[i] != 'i' && rest[i] != 'o' && rest[i] != 't')) {
          return label;
        }
        if (rest[i] != 'o') levels.push_back(1);  // "I, 2, 3", "l1, 2, 3", "t,2,3"
        ++i;
      } else {
        ++i;  // separators and OCR specks: ", ; - . : _ |"
      }
    }
    levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
    if (levels.empty()) return label;
    label.kind = kind;
    label.levels = levels;
    label.distance = best;
    return label;
  }

  label.number = ParseNumber(cell, &pos);
  if (label.number.empty()) return label;
  if (cut_word && label.number.find('.') == std::string::npos) {
    // "Tiêu 1: Tổ chức và quản lý nhà trường": "chuẩn" lost before a
    // standard's number, its title after a ':'. A bare "Tiêu 5" is nothing.
    size_t colon = pos;
    while (colon < cell.size() && cell[colon] == ' ') ++colon;
    const std::string_view after =
        colon < cell.size() && cell[colon] == ':' ? std::string_view(cell).substr(colon + 1)
                                                  : std::string_view();
    if (std::count(after.begin(), after.end(), ' ') < 2 || label.number.size() > 1) {
      label.number.clear();
      return label;
    }
    kind = LabelKind::kStandard;
    best = EditDistance(word, "tieuchuan");
  }
  label.cut_word = cut_word;
  if (kind == LabelKind::kCriterion && label.number.find('.') == std::string::npos &&
      word.size() == 8 && word.back() == 's' && EditDistance(word, "tieuchis") <= 1) {
    // OCR reads "5." as "s": "Tiêu chí s1", "Tiêu chí s.1" = "Tiêu chí 5.1".
    size_t s_at = first_digit;
    while (s_at > 0 && (cell[s_at - 1] == '.' || cell[s_at - 1] == ' ')) --s_at;
    if (s_at > 1 && (cell[s_at - 1] == 's' || cell[s_at - 1] == 'S') && cell[s_at - 2] == ' ') {
      label.number = "5." + label.number;
      best = EditDistance(word.substr(0, 7), "tieuchi");
    }
  }
  // Skip separators between the number and the title.
  while (pos < cell.size() && (cell[pos] == ' ' || cell[pos] == ':' || cell[pos] == '.' ||
                               cell[pos] == '-' || cell[pos] == ';' || cell[pos] == ',')) {
    ++pos;
  }
  // En/em dashes (3 bytes in UTF-8).
  while (cell.compare(pos, 3, "\xE2\x80\x93") == 0 || cell.compare(pos, 3, "\xE2\x80\x94") == 0) {
    pos += 3;
    while (pos < cell.size() && cell[pos] == ' ') ++pos;
  }
  label.title = cell.substr(pos);
  label.kind = kind;
  label.distance = best;
  return label;
}

std::string LevelName(const std::vector<int>& levels) {
  std::string out = "Mức ";
  for (size_t i = 0; i < levels.size(); ++i) {
    if (i) out += ", ";
    out += std::to_string(levels[i]);
  }
  return out;
}

}  // namespace vnplan::table
