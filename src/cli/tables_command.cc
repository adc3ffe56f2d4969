// Placeholder for `vnplan tables`; replaced by the stage that owns it.
#include <cstdio>

#include "cli/commands.h"
#include "common/exit_codes.h"

namespace vnplan::cli {

void AddTablesCommand(CLI::App& app, int* exit_code) {
  auto* sub = app.add_subcommand("tables", "(not implemented yet)");
  sub->final_callback([exit_code] {
    std::fprintf(stderr, "vnplan tables: not implemented yet\n");
    *exit_code = kExitInternal;
  });
}

}  // namespace vnplan::cli
