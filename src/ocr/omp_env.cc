#include "ocr/omp_env.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace vnplan::ocr {

void ReexecWithOmpThreadLimit(char** argv) {
  if (std::getenv("OMP_THREAD_LIMIT") != nullptr || argv == nullptr || argv[0] == nullptr) return;
  ::setenv("OMP_THREAD_LIMIT", "1", 1);
  std::fflush(nullptr);
  ::execv("/proc/self/exe", argv);
  // exec failed: carry on with the environment we have.
}

void ReexecWithOmpThreadLimit() {
  if (std::getenv("OMP_THREAD_LIMIT") != nullptr) return;
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  const std::string all((std::istreambuf_iterator<char>(in)), {});
  std::vector<std::string> args;
  for (size_t start = 0; start < all.size();) {
    size_t end = all.find('\0', start);
    if (end == std::string::npos) end = all.size();
    args.push_back(all.substr(start, end - start));
    start = end + 1;
  }
  if (args.empty()) return;
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  ReexecWithOmpThreadLimit(argv.data());
}

}  // namespace vnplan::ocr
