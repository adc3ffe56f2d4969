// Crash-safe output files: data is written to a temporary file in the
// destination directory, flushed, and renamed over the destination, so a
// reader (or a re-run after a crash) sees either the old file or the
// complete new one, never a torn write.
#ifndef VNPLAN_OUTPUT_ATOMIC_FILE_H_
#define VNPLAN_OUTPUT_ATOMIC_FILE_H_

#include <filesystem>
#include <functional>
#include <string_view>

#include "common/error.h"

namespace vnplan::output {

// Writes `data` to `path` atomically (creating parent directories).
Status WriteFileAtomic(const std::filesystem::path& path, std::string_view data);

// For writers that need a file name (e.g. a PDF renderer): calls
// `write(tmp_path)`, then renames tmp_path to `path` if it succeeded and
// removes it otherwise.
Status WriteWithTempPath(const std::filesystem::path& path,
                         const std::function<Status(const std::filesystem::path&)>& write);

// A unique temporary sibling of `path` (same directory, same file system).
std::filesystem::path TempSiblingPath(const std::filesystem::path& path);

}  // namespace vnplan::output

#endif  // VNPLAN_OUTPUT_ATOMIC_FILE_H_
