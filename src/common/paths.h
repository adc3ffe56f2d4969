// Locating run-time resources (models/) without any network access.
// Search order: $VNPLAN_MODELS, <exe dir>/../share/vnplan/models,
// <exe dir>/models, the source tree's models/ baked in at build time.
#ifndef VNPLAN_COMMON_PATHS_H_
#define VNPLAN_COMMON_PATHS_H_

#include <filesystem>
#include <string>

#include "common/error.h"

namespace vnplan {

// Returns the first existing models directory, or kModelMissing.
Result<std::filesystem::path> FindModelsDir();

// Resolves `relative` (e.g. "lm/vi3.bin") inside the models directory.
Result<std::filesystem::path> FindModel(const std::string& relative);

}  // namespace vnplan

#endif  // VNPLAN_COMMON_PATHS_H_
