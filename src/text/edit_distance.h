// Edit distance and alignment of two sequences, shared by the tools that
// compare restored or OCR'd text with the truth. Input: two sequences
// (code points, words, any type with ==), or their lengths and a
// substitution cost. Output: the Levenshtein distance (unit costs), or a
// minimum-cost alignment as the list of substituted index pairs.
//
//   Levenshtein(std::u32string(U"tiêu"), std::u32string(U"tieu")) == 1
//   AlignSequences(n, m, [&](size_t i, size_t j) { return a[i] == b[j] ? 0 : 1; }, 1)
#ifndef VNPLAN_TEXT_EDIT_DISTANCE_H_
#define VNPLAN_TEXT_EDIT_DISTANCE_H_

#include <algorithm>
#include <cstddef>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

namespace vnplan::text {

// Levenshtein distance (insertions, deletions, substitutions, each cost 1)
// between two random-access sequences with size() and operator[].
template <typename Seq>
size_t Levenshtein(const Seq& a, const Seq& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] =
          std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// Levenshtein distance between the code-point sequences of two UTF-8
// strings.
size_t CodePointDistance(std::string_view a, std::string_view b);

// Minimum-cost alignment of a[0, n) with b[0, m): substituting a[i] by b[j]
// costs sub(i, j), inserting or deleting an element costs `gap`. Returns
// the substituted pairs (i, j), i and j increasing. On ties the backtrace
// prefers a substitution, then a deletion from a, then an insertion.
std::vector<std::pair<size_t, size_t>> AlignSequences(
    size_t n, size_t m, const std::function<double(size_t, size_t)>& sub, double gap);

}  // namespace vnplan::text

#endif  // VNPLAN_TEXT_EDIT_DISTANCE_H_
