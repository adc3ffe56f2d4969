#include "common/error.h"

namespace vnplan {

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid-argument";
    case ErrorCode::kInputError: return "input-error";
    case ErrorCode::kNotVietnamese: return "not-vietnamese";
    case ErrorCode::kUnknownEncoding: return "unknown-encoding";
    case ErrorCode::kModelMissing: return "model-missing";
    case ErrorCode::kDependency: return "dependency-missing";
    case ErrorCode::kIo: return "io-error";
    case ErrorCode::kInternal: return "internal-error";
  }
  return "internal-error";
}

}  // namespace vnplan
