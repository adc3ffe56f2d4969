// Medians of small samples (word heights, gaps, line pitches) shared by the
// page-geometry code. Input: the values by copy; output: the median, or the
// value type's zero for an empty sample.
#ifndef VNPLAN_COMMON_MEDIAN_H_
#define VNPLAN_COMMON_MEDIAN_H_

#include <algorithm>
#include <vector>

namespace vnplan {

// The upper median (the middle value; of two, the larger): a value of the
// sample, found in linear time.
template <typename T>
T UpperMedian(std::vector<T> values) {
  if (values.empty()) return T{};
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

// The median, the mean of the two middle values for an even count.
template <typename T>
double Median(std::vector<T> values) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

}  // namespace vnplan

#endif  // VNPLAN_COMMON_MEDIAN_H_
