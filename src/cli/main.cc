// Entry point of the `vnplan` binary: registers the subcommands and maps
// command-line errors to exit code 2.
#include <cstdio>

#include "cli/commands.h"
#include "common/exit_codes.h"
#include "ocr/omp_env.h"

int main(int argc, char** argv) {
  // Tesseract's OpenMP reads OMP_THREAD_LIMIT when it is loaded; we run one
  // engine per core, so restart once with the limit set (no-op if set).
  vnplan::ocr::ReexecWithOmpThreadLimit(argv);
  CLI::App app{
      "vnplan: turn legacy Vietnamese administrative plans (scans, PDFs, "
      "mis-encoded exports) into clean Unicode text and structured JSON.\n"
      "Data goes to stdout or -o; logs and progress go to stderr.\n"
      "Exit codes: 0 ok, 1 internal error, 2 usage, 3 bad input, 4 not "
      "Vietnamese/unknown encoding, 5 missing model or dependency, 6 some "
      "batch inputs failed, 7 output write error, 130 interrupted.",
      "vnplan"};
  app.set_version_flag("--version", "vnplan " VNPLAN_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  int exit_code = vnplan::kExitOk;
  vnplan::cli::AddRunCommand(app, &exit_code);
  vnplan::cli::AddRepairCommand(app, &exit_code);
  vnplan::cli::AddRestoreCommand(app, &exit_code);
  vnplan::cli::AddOcrCommand(app, &exit_code);
  vnplan::cli::AddTablesCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return vnplan::kExitUsage;
  }
  return exit_code;
}
