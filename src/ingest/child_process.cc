#include "ingest/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <string_view>

namespace vnplan::ingest {
namespace {

void WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

}  // namespace

Result<ChildAnswer> RunInChild(const std::function<std::string()>& work,
                               const ChildLimits& limits) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    return MakeError(ErrorCode::kInternal, "pipe failed: " + std::string(std::strerror(errno)));
  }
  const pid_t child = ::fork();
  if (child < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return MakeError(ErrorCode::kInternal, "fork failed: " + std::string(std::strerror(errno)));
  }
  if (child == 0) {
    // The child: no terminal chatter from the parser, bounded CPU time
    // and memory, the answer on the pipe. A marker byte ends a complete
    // answer, so that a child killed while writing is told from one that
    // answered.
    ::close(fds[0]);
    if (const int null = ::open("/dev/null", O_WRONLY); null >= 0) ::dup2(null, STDERR_FILENO);
    const rlim_t seconds = static_cast<rlim_t>(limits.time_limit_seconds);
    const rlimit cpu{seconds, seconds + 1};
    ::setrlimit(RLIMIT_CPU, &cpu);
    const rlimit memory{limits.memory_limit_bytes, limits.memory_limit_bytes};
    ::setrlimit(RLIMIT_AS, &memory);
    WriteAll(fds[1], work());
    WriteAll(fds[1], "\n.");
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string answer;
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(limits.time_limit_seconds + 5);
  bool timed_out = false;
  char buffer[1 << 16];
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) {
      timed_out = true;
      break;
    }
    const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    answer.append(buffer, static_cast<size_t>(n));
  }
  ::close(fds[0]);
  if (timed_out) ::kill(child, SIGKILL);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out || (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU)) {
    return ChildAnswer{ChildAnswer::End::kTimedOut, {}};
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !answer.ends_with("\n.")) {
    return ChildAnswer{ChildAnswer::End::kCrashed, {}};
  }
  answer.resize(answer.size() - 2);
  return ChildAnswer{ChildAnswer::End::kExited, std::move(answer)};
}

}  // namespace vnplan::ingest
