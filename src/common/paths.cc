#include "common/paths.h"

#include <unistd.h>

#include <array>
#include <cstdlib>
#include <system_error>
#include <vector>

namespace vnplan {
namespace {

std::filesystem::path ExecutableDir() {
  std::array<char, 4096> buf{};
  const ssize_t n = readlink("/proc/self/exe", buf.data(), buf.size() - 1);
  if (n <= 0) return {};
  return std::filesystem::path(std::string(buf.data(), n)).parent_path();
}

}  // namespace

Result<std::filesystem::path> FindModelsDir() {
  std::vector<std::filesystem::path> candidates;
  if (const char* env = std::getenv("VNPLAN_MODELS"); env && *env) {
    candidates.emplace_back(env);
  }
  const auto exe = ExecutableDir();
  if (!exe.empty()) {
    candidates.push_back(exe / ".." / "share" / "vnplan" / "models");
    candidates.push_back(exe / "models");
  }
#ifdef VNPLAN_MODELS_DIR
  candidates.emplace_back(VNPLAN_MODELS_DIR);
#endif
  std::error_code ec;
  for (const auto& dir : candidates) {
    if (std::filesystem::is_directory(dir, ec)) return dir.lexically_normal();
  }
  return MakeError(ErrorCode::kModelMissing,
                   "no models directory found (set VNPLAN_MODELS or run "
                   "tools/build_models.sh)");
}

Result<std::filesystem::path> FindModel(const std::string& relative) {
  auto dir = FindModelsDir();
  if (!dir) return std::unexpected(dir.error());
  auto path = *dir / relative;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return MakeError(ErrorCode::kModelMissing,
                     "model file not found: " + path.string() +
                         " (rebuild with tools/build_models.sh)");
  }
  return path;
}

}  // namespace vnplan
