#include "table/fuzzy.h"

#include <algorithm>
#include <vector>

#include "common/utf8.h"
#include "table/table_model.h"
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
  std::u32string x = Utf8ToU32(a), y = Utf8ToU32(b);
  if (x.size() < y.size()) std::swap(x, y);
  std::vector<int> prev(y.size() + 1), cur(y.size() + 1);
  for (size_t j = 0; j <= y.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= x.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (size_t j = 1; j <= y.size(); ++j) {
      int sub = prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
      cur[j] = std::min({sub, prev[j] + 1, cur[j - 1] + 1});
    }
    std::swap(prev, cur);
  }
  return prev[y.size()];
}

double Similarity(std::string_view a, std::string_view b) {
  size_t la = Utf8ToU32(a).size(), lb = Utf8ToU32(b).size();
  size_t longest = std::max(la, lb);
  if (longest == 0) return 1.0;
  return 1.0 - static_cast<double>(EditDistance(a, b)) / static_cast<double>(longest);
}

}  // namespace vnplan::table
