// The process exit statuses of `vnplan`. They are part of the interface:
// scripts and job arrays rely on them, so never renumber one.
#ifndef VNPLAN_COMMON_EXIT_CODES_H_
#define VNPLAN_COMMON_EXIT_CODES_H_

#include "common/error.h"

namespace vnplan {

enum ExitCode : int {
  kExitOk = 0,             // everything succeeded
  kExitInternal = 1,       // unexpected failure (a bug)
  kExitUsage = 2,          // bad command line
  kExitInputError = 3,     // the (single) input is corrupt/encrypted/empty/oversize
  kExitNotVietnamese = 4,  // input is not Vietnamese or its encoding is unknown
  kExitMissingModel = 5,   // a model, language pack or dependency is missing
  kExitPartial = 6,        // batch: some inputs failed, the others were written
  kExitIo = 7,             // an output could not be written
  kExitInterrupted = 130,  // SIGINT
};

inline int ExitCodeFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return kExitUsage;
    case ErrorCode::kInputError: return kExitInputError;
    case ErrorCode::kNotVietnamese:
    case ErrorCode::kUnknownEncoding: return kExitNotVietnamese;
    case ErrorCode::kModelMissing:
    case ErrorCode::kDependency: return kExitMissingModel;
    case ErrorCode::kIo: return kExitIo;
    case ErrorCode::kInternal: return kExitInternal;
  }
  return kExitInternal;
}

}  // namespace vnplan

#endif  // VNPLAN_COMMON_EXIT_CODES_H_
