#include "ocr/progress.h"

#include <unistd.h>

#include <algorithm>

namespace vnplan::ocr {

ProgressBar::ProgressBar(std::string label, std::FILE* out, int force_tty)
    : label_(std::move(label)),
      out_(out),
      tty_(force_tty >= 0 ? force_tty != 0 : ::isatty(::fileno(out)) != 0),
      start_(std::chrono::steady_clock::now()) {}

void ProgressBar::Update(int done, int total) {
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (!tty_) {
    std::fprintf(out_, "%s: page %d/%d (%.1f s)\n", label_.c_str(), done, total, secs);
    std::fflush(out_);
    return;
  }
  constexpr int kWidth = 30;
  const int filled = total > 0 ? std::clamp(done * kWidth / total, 0, kWidth) : 0;
  std::string bar(filled, '#');
  bar.append(kWidth - filled, '.');
  std::fprintf(out_, "\r%s [%s] %d/%d pages %.1f s", label_.c_str(), bar.c_str(), done, total,
               secs);
  std::fflush(out_);
  open_line_ = true;
  if (done >= total) Finish();
}

void ProgressBar::Finish() {
  if (open_line_) {
    std::fputc('\n', out_);
    std::fflush(out_);
    open_line_ = false;
  }
}

}  // namespace vnplan::ocr
