// Error values shared by every stage: a code that the CLI maps to a stable
// exit status, and a human-readable message. Library code never lets an
// exception escape; it returns Result<T> (std::expected) instead.
#ifndef VNPLAN_COMMON_ERROR_H_
#define VNPLAN_COMMON_ERROR_H_

#include <expected>
#include <string>
#include <utility>

namespace vnplan {

enum class ErrorCode {
  kInvalidArgument,  // bad option value or API misuse by the caller
  kInputError,       // corrupt, encrypted, empty, oversize or unreadable input
  kNotVietnamese,    // the text is readable but not Vietnamese
  kUnknownEncoding,  // no decoding yields Vietnamese text
  kModelMissing,     // a model file is missing or malformed
  kDependency,       // a library or language pack is missing at run time
  kIo,               // writing output failed
  kInternal,         // a bug
};

// Returns a short stable name such as "input-error" (used in logs and JSON).
const char* ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
};

template <typename T>
using Result = std::expected<T, Error>;

// Status for operations with no value.
using Status = std::expected<void, Error>;

inline std::unexpected<Error> MakeError(ErrorCode code, std::string message) {
  return std::unexpected<Error>(Error{code, std::move(message)});
}

}  // namespace vnplan

#endif  // VNPLAN_COMMON_ERROR_H_
