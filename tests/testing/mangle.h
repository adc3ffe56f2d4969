// Test helper: random edits for robustness tests of the readers (HTML,
// CSV, .docx, .odt, .xlsx): the input mangled as a broken download or a
// bad disk leaves it, deterministic for a given generator seed.
#ifndef VNPLAN_TESTS_TESTING_MANGLE_H_
#define VNPLAN_TESTS_TESTING_MANGLE_H_

#include <random>
#include <string>

namespace vnplan::testing {

// One random edit of `s`: a byte replaced by `byte`, the string cut, or
// `byte` inserted. Nothing when `s` is empty.
inline void RandomEdit(std::string* s, std::mt19937* rng, char byte) {
  if (s->empty()) return;
  const size_t at = (*rng)() % s->size();
  switch ((*rng)() % 3) {
    case 0: (*s)[at] = byte; break;
    case 1: s->resize(at); break;
    default: s->insert(at, 1, byte); break;
  }
}

// 1 to `max_edits` random edits with random bytes.
inline void Mangle(std::string* s, std::mt19937* rng, int max_edits) {
  const int edits = 1 + static_cast<int>((*rng)() % max_edits);
  for (int e = 0; e < edits; ++e) RandomEdit(s, rng, static_cast<char>((*rng)()));
}

}  // namespace vnplan::testing

#endif  // VNPLAN_TESTS_TESTING_MANGLE_H_
