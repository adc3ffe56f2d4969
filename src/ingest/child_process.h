// Runs a third-party parser that may crash or loop forever on a damaged
// file (wvWare, FreeXL) in a forked child process, so that one bad input
// cannot stop a batch. Input: a function that parses and returns its
// answer as bytes. Output: those bytes, or how the child ended instead
// (crashed, killed after its time limit).
#ifndef VNPLAN_INGEST_CHILD_PROCESS_H_
#define VNPLAN_INGEST_CHILD_PROCESS_H_

#include <functional>
#include <string>

#include "common/error.h"

namespace vnplan::ingest {

struct ChildLimits {
  // CPU time after which the child is killed (SIGXCPU); wall time: 5 s
  // more (SIGKILL). Default 30 s.
  int time_limit_seconds = 30;
  // The child's address-space limit (RLIMIT_AS). Default 2 GiB.
  unsigned long memory_limit_bytes = 2ul << 30;
};

struct ChildAnswer {
  enum class End {
    kExited,    // `work` returned; `bytes` is its answer
    kCrashed,   // the child died on a signal or exited without answering
    kTimedOut,  // killed after the time limit
  };
  End end = End::kExited;
  std::string bytes;
};

// Runs `work` in a child process (stderr sent to /dev/null, limits set),
// its return value carried back on a pipe. kInternal when no pipe or child
// process can be made.
Result<ChildAnswer> RunInChild(const std::function<std::string()>& work,
                               const ChildLimits& limits = {});

}  // namespace vnplan::ingest

#endif  // VNPLAN_INGEST_CHILD_PROCESS_H_
