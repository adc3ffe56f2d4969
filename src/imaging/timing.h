// Per-stage wall-clock timings of the cleanup and OCR of one page, for
// `vnplan ocr --verbose` and tools/ocr_bench --profile. Input: calls to
// StageClock::Lap after each stage; output: a list of (stage, milliseconds).
#ifndef VNPLAN_IMAGING_TIMING_H_
#define VNPLAN_IMAGING_TIMING_H_

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace vnplan::imaging {

struct StageTiming {
  std::string stage;        // "noise", "median", "background", ..., "ocr"
  double milliseconds = 0;  // wall time spent in the stage
};

// Measures consecutive stages: each Lap records the time since the previous
// Lap (or construction) under the given name, appending to `*out`.
// `out` must outlive the clock; null disables recording.
class StageClock {
 public:
  explicit StageClock(std::vector<StageTiming>* out)
      : out_(out), last_(std::chrono::steady_clock::now()) {}

  void Lap(std::string stage) {
    const auto now = std::chrono::steady_clock::now();
    if (out_ != nullptr) {
      out_->push_back(
          {std::move(stage), std::chrono::duration<double, std::milli>(now - last_).count()});
    }
    last_ = now;
  }

 private:
  std::vector<StageTiming>* out_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace vnplan::imaging

#endif  // VNPLAN_IMAGING_TIMING_H_
