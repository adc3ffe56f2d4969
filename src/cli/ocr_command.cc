// Placeholder for `vnplan ocr`; replaced by the stage that owns it.
#include <cstdio>

#include "cli/commands.h"
#include "common/exit_codes.h"

namespace vnplan::cli {

void AddOcrCommand(CLI::App& app, int* exit_code) {
  auto* sub = app.add_subcommand("ocr", "(not implemented yet)");
  sub->final_callback([exit_code] {
    std::fprintf(stderr, "vnplan ocr: not implemented yet\n");
    *exit_code = kExitInternal;
  });
}

}  // namespace vnplan::cli
