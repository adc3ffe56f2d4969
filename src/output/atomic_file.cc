#include "output/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

namespace vnplan::output {
namespace {

Error IoError(const std::string& what, const std::filesystem::path& path, int err) {
  return Error{ErrorCode::kIo, what + " " + path.string() + ": " + std::strerror(err)};
}

}  // namespace

std::filesystem::path TempSiblingPath(const std::filesystem::path& path) {
  static std::atomic<unsigned> counter{0};
  std::filesystem::path tmp = path;
  tmp += ".tmp." + std::to_string(getpid()) + "." + std::to_string(counter++);
  return tmp;
}

Status WriteFileAtomic(const std::filesystem::path& path, std::string_view data) {
  return WriteWithTempPath(path, [data](const std::filesystem::path& tmp) -> Status {
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return std::unexpected(IoError("cannot create", tmp, errno));
    size_t off = 0;
    while (off < data.size()) {
      const ssize_t n = ::write(fd, data.data() + off, data.size() - off);
      if (n < 0) {
        if (errno == EINTR) continue;
        const int err = errno;
        ::close(fd);
        return std::unexpected(IoError("cannot write", tmp, err));
      }
      off += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
      return std::unexpected(IoError("cannot flush", tmp, errno));
    }
    return {};
  });
}

Status WriteWithTempPath(const std::filesystem::path& path,
                         const std::function<Status(const std::filesystem::path&)>& write) {
  std::error_code ec;
  if (path.has_parent_path()) {
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) {
      return MakeError(ErrorCode::kIo, "cannot create directory " +
                                           path.parent_path().string() + ": " + ec.message());
    }
  }
  const std::filesystem::path tmp = TempSiblingPath(path);
  Status written = write(tmp);
  if (!written) {
    std::filesystem::remove(tmp, ec);
    return written;
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return MakeError(ErrorCode::kIo, "cannot rename into " + path.string() + ": " + ec.message());
  }
  return {};
}

}  // namespace vnplan::output
