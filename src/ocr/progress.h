// Progress reporting on stderr for long OCR runs: a redrawn bar when stderr
// is a terminal, otherwise one plain line per update (for logs and CI).
#ifndef VNPLAN_OCR_PROGRESS_H_
#define VNPLAN_OCR_PROGRESS_H_

#include <chrono>
#include <cstdio>
#include <string>

namespace vnplan::ocr {

class ProgressBar {
 public:
  // `label` prefixes every line, e.g. "ocr plan.pdf". Writes to `out`
  // (default stderr); `force_tty` overrides the isatty() check (tests).
  explicit ProgressBar(std::string label, std::FILE* out = stderr, int force_tty = -1);

  // Reports `done` of `total` pages. Thread-compatible (callers serialise).
  void Update(int done, int total);

  // Ends the bar's line (TTY mode); idempotent.
  void Finish();

 private:
  std::string label_;
  std::FILE* out_;
  bool tty_;
  bool open_line_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace vnplan::ocr

#endif  // VNPLAN_OCR_PROGRESS_H_
