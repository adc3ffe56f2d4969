// Helpers for end-to-end tests: running the vnplan binary, temporary
// directories, and comparing text fields the way the benchmarks do.
#ifndef VNPLAN_TESTS_E2E_E2E_UTIL_H_
#define VNPLAN_TESTS_E2E_E2E_UTIL_H_

#include <filesystem>
#include <string>

namespace vnplan::e2e {

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs `vnplan <args>` (args are passed through the shell: quote paths).
CommandResult RunVnplan(const std::string& args, const std::string& env = "");

std::filesystem::path MakeTempDir(const std::string& tag);

// The shared seed whose file name starts with `prefix` ("000_"); empty if
// the shared seeds are not beside the repository.
std::filesystem::path SeedPath(const std::string& prefix);
std::string ReadFile(const std::filesystem::path& path);

// NFC, whitespace collapsed, new tone placement: the form fields are
// compared in.
std::string NormalizeField(const std::string& s);

// 1 - Levenshtein(a, b) / max(len a, len b) on code points of the
// normalised strings; 1.0 for two empty strings.
double Similarity(const std::string& a, const std::string& b);

}  // namespace vnplan::e2e

#endif  // VNPLAN_TESTS_E2E_E2E_UTIL_H_
