// `vnplan restore [FILE|-] [--mode stripped|ocr|auto] [--tones new|old]
// [--report] [--models DIR] [--lm FILE]`: restores diacritics of stripped
// or English-OCR-garbled Vietnamese text with the syllable n-gram LM.
// Restored text goes to stdout; --report writes one TSV line per changed
// word (offset, original, restored, confidence) to stderr.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>

#include "cli/commands.h"
#include "common/exit_codes.h"
#include "lm/restorer.h"

namespace vnplan::cli {
namespace {

struct RestoreArgs {
  std::string input = "-";
  std::string mode = "auto";
  std::string tones = "new";
  std::string models_dir;
  std::string lm_file;
  bool report = false;
  bool light = false;
  float min_confidence = 0.5f;
};

int RunRestore(const RestoreArgs& a) {
  lm::RestoreOptions opt;
  if (a.mode == "stripped") {
    opt.mode = lm::RestoreMode::kStripped;
  } else if (a.mode == "ocr") {
    opt.mode = lm::RestoreMode::kOcr;
  } else if (a.mode == "ocr-vie") {
    opt.mode = lm::RestoreMode::kOcrVie;
  } else if (a.mode == "auto") {
    opt.mode = lm::RestoreMode::kAuto;
  } else {
    std::fprintf(stderr, "vnplan restore: bad --mode %s\n", a.mode.c_str());
    return kExitUsage;
  }
  if (a.tones == "old") {
    opt.tone_style = text::ToneStyle::kOld;
  } else if (a.tones != "new") {
    std::fprintf(stderr, "vnplan restore: bad --tones %s\n", a.tones.c_str());
    return kExitUsage;
  }
  opt.only_low_confidence = a.light;
  opt.min_confidence = a.min_confidence;
  std::string text;
  if (a.input == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), {});
  } else {
    std::ifstream in(a.input, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "vnplan restore: cannot read %s\n", a.input.c_str());
      return kExitInputError;
    }
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto restorer = a.lm_file.empty()
                      ? lm::Restorer::Load(a.models_dir)
                      : lm::Restorer::LoadFiles(a.lm_file, "");
  if (!restorer) {
    std::fprintf(stderr, "vnplan restore: %s\n",
                 restorer.error().message.c_str());
    return ExitCodeFor(restorer.error().code);
  }
  const lm::RestoreResult res = restorer->Restore(text, opt);
  if (std::fwrite(res.text.data(), 1, res.text.size(), stdout) !=
          res.text.size() ||
      std::fflush(stdout) != 0) {
    return kExitIo;
  }
  if (a.report) {
    for (const auto& t : res.tokens) {
      if (!t.changed) continue;
      std::fprintf(stderr, "%zu\t%s\t%s\t%.3f\n", t.offset, t.original.c_str(),
                   t.restored.c_str(), t.confidence);
    }
    std::fprintf(stderr, "changed %zu of %zu words\n", res.changed,
                 res.tokens.size());
  }
  return kExitOk;
}

}  // namespace

void AddRestoreCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<RestoreArgs>();
  auto* sub = app.add_subcommand(
      "restore",
      "Restore Vietnamese diacritics in stripped or English-OCR-garbled "
      "text (syllable n-gram LM); text to stdout");
  sub->add_option("input", args->input, "input file, or - for stdin")
      ->capture_default_str();
  sub->add_option("--mode", args->mode,
                  "stripped: add missing diacritics; ocr: fix eng-OCR garble "
                  "and merged words; ocr-vie: fix Tesseract vie output (wrong "
                  "marks on valid syllables, via the vie noisy channel); auto: "
                  "decide per paragraph")
      ->check(CLI::IsMember({"stripped", "ocr", "ocr-vie", "auto"}))
      ->capture_default_str();
  sub->add_option("--tones", args->tones,
                  "tone placement of the output: new (hoà) or old (hòa)")
      ->check(CLI::IsMember({"new", "old"}))
      ->capture_default_str();
  sub->add_flag("--report", args->report,
                "list changed words (offset, original, restored, "
                "confidence) on stderr");
  sub->add_flag("--light", args->light,
                "only change invalid syllables or words whose confidence is "
                "below --min-confidence");
  sub->add_option("--min-confidence", args->min_confidence,
                  "threshold for --light (0..1)")
      ->capture_default_str();
  sub->add_option("--models", args->models_dir,
                  "models directory (default: $VNPLAN_MODELS or built-in)");
  sub->add_option("--lm", args->lm_file, "explicit LM file (overrides --models)");
  sub->final_callback([args, exit_code] { *exit_code = RunRestore(*args); });
}

}  // namespace vnplan::cli
