#include "table/fuzzy.h"

#include <algorithm>

#include "common/utf8.h"
#include "table/table_model.h"
#include "text/edit_distance.h"
#include "text/vietnamese.h"

namespace vnplan::table {

std::string Fold(std::string_view utf8) {
  return CollapseSpaces(text::ToLower(text::StripDiacritics(utf8)));
}

std::string FoldAlnum(std::string_view utf8) {
  std::string folded = Fold(utf8);
  std::string out;
  for (char c : folded) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

int EditDistance(std::string_view a, std::string_view b) {
  return static_cast<int>(text::CodePointDistance(a, b));
}

double Similarity(std::string_view a, std::string_view b) {
  size_t la = Utf8ToU32(a).size(), lb = Utf8ToU32(b).size();
  size_t longest = std::max(la, lb);
  if (longest == 0) return 1.0;
  return 1.0 - static_cast<double>(EditDistance(a, b)) / static_cast<double>(longest);
}

}  // namespace vnplan::table
