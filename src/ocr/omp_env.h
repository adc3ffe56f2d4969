// Keeps Tesseract's OpenMP from oversubscribing the cores when pages run in
// parallel (one engine per worker). libgomp reads OMP_THREAD_LIMIT once,
// when it is loaded, i.e. before main(); setting it later has no effect.
// So a program that OCRs in parallel re-executes itself once with
// OMP_THREAD_LIMIT=1 in its environment. An explicit user setting wins.
#ifndef VNPLAN_OCR_OMP_ENV_H_
#define VNPLAN_OCR_OMP_ENV_H_

namespace vnplan::ocr {

// If OMP_THREAD_LIMIT is unset, sets it to 1 and execv()s /proc/self/exe
// with `argv` (call early in main). Returns only when no re-exec happened
// (already set, or exec failed); never returns after a successful exec.
void ReexecWithOmpThreadLimit(char** argv);

// Same, with the arguments read from /proc/self/cmdline (for code that has
// no argv at hand, e.g. a CLI subcommand callback).
void ReexecWithOmpThreadLimit();

}  // namespace vnplan::ocr

#endif  // VNPLAN_OCR_OMP_ENV_H_
