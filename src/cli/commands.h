// Subcommands of the `vnplan` binary. Each Add*Command registers one
// subcommand on `app` and arranges for its result (an exit code from
// common/exit_codes.h) to be stored in *exit_code when it runs. Each
// command is a short function: parse, fill Options, call the library, map
// the error to an exit code. stdout carries data; stderr carries logs.
#ifndef VNPLAN_CLI_COMMANDS_H_
#define VNPLAN_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

namespace vnplan::cli {

void AddRepairCommand(CLI::App& app, int* exit_code);   // repair_command.cc
void AddRestoreCommand(CLI::App& app, int* exit_code);  // restore_command.cc
void AddOcrCommand(CLI::App& app, int* exit_code);      // ocr_command.cc
void AddTablesCommand(CLI::App& app, int* exit_code);   // tables_command.cc
void AddRunCommand(CLI::App& app, int* exit_code);      // run_command.cc

}  // namespace vnplan::cli

#endif  // VNPLAN_CLI_COMMANDS_H_
