// Test helper: share of gold tokens (whitespace-separated) found by the OCR
// output, matched as a multiset. Used instead of exact-string assertions.
#ifndef VNPLAN_TESTS_OCR_TOKEN_ACCURACY_H_
#define VNPLAN_TESTS_OCR_TOKEN_ACCURACY_H_

#include <map>
#include <sstream>
#include <string>

namespace vnplan::testing {

inline double TokenRecall(const std::string& gold, const std::string& ocr) {
  std::map<std::string, int> have;
  std::istringstream o(ocr);
  for (std::string t; o >> t;) ++have[t];
  std::istringstream g(gold);
  int total = 0, found = 0;
  for (std::string t; g >> t;) {
    ++total;
    auto it = have.find(t);
    if (it != have.end() && it->second > 0) {
      --it->second;
      ++found;
    }
  }
  return total ? static_cast<double>(found) / total : 0.0;
}

}  // namespace vnplan::testing

#endif  // VNPLAN_TESTS_OCR_TOKEN_ACCURACY_H_
