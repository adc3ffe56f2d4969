// `vnplan repair [FILE|-] [--from ENC] [--tones keep|old|new] [--report]
// [--strict] [--tcvn3-uppercase-font] [-o OUT]`: reads bytes (a file or
// stdin), repairs the encoding (text/encoding_repair.h) and writes clean
// NFC UTF-8 to stdout or OUT. --report prints the per-block detection table
// to stderr. With --strict: exit 4 when nothing in the input is Vietnamese
// (binary included), 3 when the input is empty; without it both pass
// through with a warning.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>

#include "cli/commands.h"
#include "common/exit_codes.h"
#include "text/encoding_repair.h"

namespace vnplan::cli {
namespace {

struct RepairArgs {
  std::string input = "-";
  std::string output;
  std::string from = "auto";
  std::string tones = "keep";
  bool report = false;
  bool strict = false;
  bool tcvn3_uppercase_font = false;
};

bool ReadAll(const std::string& path, std::string* data) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    *data = ss.str();
    return !std::cin.bad();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  data->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

int RunRepair(const RepairArgs& args) {
  text::RepairOptions options;
  if (args.from != "auto") {
    if (args.from == "mojibake") {
      options.from = text::Encoding::kMojibake;
    } else {
      options.from = text::ParseEncodingName(args.from);
    }
    if (!options.from) {
      std::fprintf(stderr, "vnplan repair: unknown encoding '%s'\n", args.from.c_str());
      return kExitUsage;
    }
  }
  options.tones = args.tones == "old"   ? text::TonePolicy::kOld
                  : args.tones == "new" ? text::TonePolicy::kNew
                                        : text::TonePolicy::kKeep;
  options.tcvn3_uppercase_font = args.tcvn3_uppercase_font;

  std::string data;
  if (!ReadAll(args.input, &data)) {
    std::fprintf(stderr, "vnplan repair: cannot read '%s'\n", args.input.c_str());
    return kExitInputError;
  }
  if (data.empty()) {
    std::fprintf(stderr, "vnplan repair: warning: empty input%s\n",
                 args.strict ? "; failing (--strict)" : "");
    return args.strict ? kExitInputError : kExitOk;
  }
  const text::RepairResult result = text::Repair(data, options);
  if (args.report) {
    std::fputs(text::FormatReport(result).c_str(), stderr);
  }
  if (!result.any_vietnamese) {
    std::fprintf(stderr,
                 "vnplan repair: warning: no Vietnamese text found%s; %s\n",
                 result.binary                 ? " (input looks binary)"
                 : result.any_unknown_encoding ? " (unknown encoding)"
                                               : "",
                 args.strict ? "failing (--strict)" : "passing the input through");
    if (args.strict) return kExitNotVietnamese;
  }
  if (args.output.empty()) {
    if (std::fwrite(result.text.data(), 1, result.text.size(), stdout) !=
            result.text.size() ||
        std::fflush(stdout) != 0) {
      return kExitIo;
    }
    return kExitOk;
  }
  std::ofstream out(args.output, std::ios::binary);
  out.write(result.text.data(), static_cast<std::streamsize>(result.text.size()));
  out.close();
  if (!out) {
    std::fprintf(stderr, "vnplan repair: cannot write '%s'\n", args.output.c_str());
    return kExitIo;
  }
  return kExitOk;
}

}  // namespace

void AddRepairCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<RepairArgs>();
  auto* sub = app.add_subcommand(
      "repair",
      "Repair the encoding of Vietnamese text (TCVN3, VNI, VISCII, VPS, VIQR, "
      "CP1258, mojibake, NFD) to clean NFC UTF-8 on stdout.");
  sub->add_option("input", args->input, "Input file, or - for stdin (default)");
  sub->add_option("-o,--output", args->output, "Write the text here instead of stdout");
  sub->add_option("--from", args->from,
                  "Source encoding: auto (default, per line), utf8, tcvn3, vni, "
                  "viscii, vps, viqr, cp1258, mojibake, mojibake2")
      ->check(CLI::IsMember({"auto", "utf8", "tcvn3", "vni", "viscii", "vps",
                             "viqr", "cp1258", "mojibake", "mojibake2"}));
  sub->add_option("--tones", args->tones,
                  "Tone placement: keep (default), old (hòa), new (hoà)")
      ->check(CLI::IsMember({"keep", "old", "new"}));
  sub->add_flag("--report", args->report,
                "Print the detected encoding per block with its score to stderr");
  sub->add_flag("--strict", args->strict,
                "Exit 4 when nothing in the input is Vietnamese, 3 when it is empty");
  sub->add_flag("--tcvn3-uppercase-font", args->tcvn3_uppercase_font,
                "The text used a TCVN3 capitals font (.VnTimeH): upper-case it");
  sub->callback([args, exit_code] { *exit_code = RunRepair(*args); });
}

}  // namespace vnplan::cli
