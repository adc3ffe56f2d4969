#include "text/edit_distance.h"

#include <string>

#include "common/utf8.h"

namespace vnplan::text {

size_t CodePointDistance(std::string_view a, std::string_view b) {
  return Levenshtein(Utf8ToU32(a), Utf8ToU32(b));
}

std::vector<std::pair<size_t, size_t>> AlignSequences(
    size_t n, size_t m, const std::function<double(size_t, size_t)>& sub, double gap) {
  std::vector<std::vector<double>> s(n, std::vector<double>(m));
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < m; ++j) s[i][j] = sub(i, j);
  }
  std::vector<std::vector<double>> d(n + 1, std::vector<double>(m + 1, 0.0));
  for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<double>(i) * gap;
  for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<double>(j) * gap;
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      d[i][j] = std::min({d[i - 1][j] + gap, d[i][j - 1] + gap, d[i - 1][j - 1] + s[i - 1][j - 1]});
    }
  }
  std::vector<std::pair<size_t, size_t>> out;
  size_t i = n, j = m;
  while (i > 0 && j > 0) {
    if (d[i][j] == d[i - 1][j - 1] + s[i - 1][j - 1]) {
      out.emplace_back(--i, --j);
    } else if (d[i][j] == d[i - 1][j] + gap) {
      --i;
    } else {
      --j;
    }
  }
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace vnplan::text
