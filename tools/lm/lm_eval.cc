// vnplan-lm-eval: measures the restorer. Prints syllable accuracy and CER
// on (a) held-out corpus lines (lm::IsHeldOutLine, never trained on) with
// diacritics stripped, admin/legal and news separately; (b) the seed plans
// 000/002/004 stripped; (c) held-out eng-OCR pairs (TSV truth<TAB>ocr from
// tools/lm/make_pairs.sh eng); (d) held-out vie-OCR pairs
// (tools/lm/make_pairs.sh vie): raw Tesseract `vie` output vs the light
// pass (RestoreMode::kOcrVie), with the correct words the pass broke and
// the wrong ones it fixed; plus throughput (syllables/s, one thread) and
// model load time.
//
//   vnplan-lm-eval --models models [--shared /work/shared]
//       [--lines 1500] [--ocr-pairs FILE] [--vie-pairs FILE [--vie-only]
//       [--vie-lambda 0.5] [--vie-margin 0.5] [--vie-title-weight 1] [--show-errors]]
//
// Syllable accuracy: (a), (b) compare word tokens one to one (stripping
// keeps the tokenisation), exact match including case; (c) is 1 - word
// error rate (Levenshtein over words / truth words) since OCR changes the
// tokenisation. CER: character Levenshtein / truth characters. Truth is
// NFC with new-style tone placement (the restorer's output style).
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "common/utf8.h"
#include "lm/lm_tokens.h"
#include "lm/restorer.h"
#include "text/edit_distance.h"
#include "text/vietnamese.h"

namespace vnplan::lm {
namespace {

using Clock = std::chrono::steady_clock;

// CPU seconds of this thread: throughput per core, independent of other
// processes sharing the machine.
double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(s)) {
    if (t.kind == TokenKind::kWord) out.emplace_back(t.text);
  }
  return out;
}

std::vector<std::string> NonSpace(std::string_view s) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(s)) {
    if (t.kind != TokenKind::kSpace) out.emplace_back(t.text);
  }
  return out;
}

std::string Canon(std::string_view s) {
  return text::NormalizeTonePlacement(text::ToNfc(s), text::ToneStyle::kNew);
}

struct Score {
  size_t words = 0, word_errors = 0;
  size_t chars = 0, char_errors = 0;
  size_t input_word_errors = 0;  // baseline: input vs truth
  double seconds = 0;
  size_t syllables = 0;  // restored input words (for throughput)

  void Add(const std::string& truth, const std::string& input,
           const std::string& output, bool aligned) {
    const auto tw = Words(truth), ow = Words(output), iw = Words(input);
    if (aligned && tw.size() == ow.size()) {
      words += tw.size();
      for (size_t i = 0; i < tw.size(); ++i) word_errors += tw[i] != ow[i];
      for (size_t i = 0; i < tw.size() && i < iw.size(); ++i) {
        input_word_errors += tw[i] != iw[i];
      }
    } else {
      const auto tn = NonSpace(truth), on = NonSpace(output), in = NonSpace(input);
      size_t n = 0;
      for (const auto& t : tn) n += !t.empty();
      words += tw.size();
      // Word error over all non-space tokens, scaled to the word count.
      word_errors += text::Levenshtein(tn, on) * tw.size() / std::max<size_t>(1, tn.size());
      input_word_errors +=
          text::Levenshtein(tn, in) * tw.size() / std::max<size_t>(1, tn.size());
    }
    chars += Utf8ToU32(truth).size();
    char_errors += text::CodePointDistance(truth, output);
    syllables += iw.size();
  }
  void Print(const char* name) const {
    std::printf("%-34s words %7zu  syllable-acc %6.2f%%  CER %5.2f%%"
                "  (input acc %6.2f%%)",
                name, words, 100.0 * (1.0 - double(word_errors) / std::max<size_t>(1, words)),
                100.0 * double(char_errors) / std::max<size_t>(1, chars),
                100.0 * (1.0 - double(input_word_errors) / std::max<size_t>(1, words)));
    if (seconds > 0) std::printf("  %.0f syl/s/core", syllables / seconds);
    std::printf("  wrong %zu\n", static_cast<size_t>(word_errors));
  }
};

std::vector<std::string> HeldOutLines(const std::string& path, size_t limit) {
  std::vector<std::string> out;
  std::FILE* f = popen(("xz -dc '" + path + "'").c_str(), "r");
  if (f == nullptr) return out;
  char* buf = nullptr;
  size_t cap = 0;
  ssize_t n;
  while ((n = getline(&buf, &cap, f)) > 0 && out.size() < limit) {
    std::string_view line(buf, n);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    if (!line.empty() && IsHeldOutLine(line)) out.emplace_back(line);
  }
  std::free(buf);
  pclose(f);
  return out;
}

// Aligned (truth index, input index) word pairs (substitution cost 0 for
// equal words, 1 for the same skeleton, 3 otherwise; gaps 2).
std::vector<std::pair<size_t, size_t>> AlignWordPairs(
    const std::vector<std::string>& t, const std::vector<std::string>& o) {
  return text::AlignSequences(
      t.size(), o.size(),
      [&](size_t i, size_t j) {
        if (t[i] == o[j]) return 0.0;
        return text::Skeleton(t[i]) == text::Skeleton(o[j]) ? 1.0 : 3.0;
      },
      2.0);
}

// (d): raw vie OCR vs the light pass on (truth, ocr) pairs.
void EvalViePairs(const Restorer& restorer, const std::string& path,
                  const RestoreOptions& o, bool show_errors) {
  std::ifstream in(path);
  std::string line;
  Score raw_vs_out;
  size_t broken = 0, fixed = 0, changed = 0, wrong_in = 0, aligned = 0;
  while (std::getline(in, line)) {
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    const std::string truth = Canon(line.substr(0, tab));
    const std::string input = text::ToNfc(line.substr(tab + 1));
    const double a = ThreadCpuSeconds();
    const RestoreResult r = restorer.Restore(input, o);
    raw_vs_out.seconds += ThreadCpuSeconds() - a;
    raw_vs_out.Add(truth, input, r.text, false);
    // Word-level effects: input words aligned to truth words.
    std::vector<std::string> tw;
    std::vector<std::string> iw;
    std::vector<size_t> ioff;
    for (const Token& t : Tokenize(truth)) {
      if (t.kind == TokenKind::kWord) tw.emplace_back(t.text);
    }
    for (const Token& t : Tokenize(input)) {
      if (t.kind == TokenKind::kWord) {
        iw.emplace_back(t.text);
        ioff.push_back(t.offset);
      }
    }
    for (const auto& [ti, ii] : AlignWordPairs(tw, iw)) {
      ++aligned;
      const std::string canon_in = Canon(iw[ii]);
      const bool was_right = canon_in == tw[ti];
      wrong_in += !was_right;
      for (const RestoredToken& tok : r.tokens) {
        if (tok.offset != ioff[ii] || !tok.changed) continue;
        ++changed;
        const std::string out = Canon(tok.restored);
        if (was_right) ++broken;
        if (!was_right && out == tw[ti]) ++fixed;
        if (show_errors) {
          std::printf("    %-6s %s -> %s (truth %s)\n",
                      was_right ? "BROKE" : out == tw[ti] ? "fixed" : "wrong",
                      iw[ii].c_str(), tok.restored.c_str(), tw[ti].c_str());
        }
      }
    }
  }
  raw_vs_out.Print("(d) held-out vie-OCR pairs, light");
  std::printf("(d) aligned words %zu: wrong in OCR %zu, changed %zu, fixed %zu, "
              "correct made wrong %zu\n", aligned, wrong_in, changed, fixed, broken);
}

int Main(int argc, char** argv) {
  CLI::App app{"Evaluate the vnplan diacritic/OCR restorer."};
  std::string models = "models", shared = "/work/shared", ocr_pairs;
  size_t lines = 1500;
  int beam = 6;
  bool show_errors = false;
  app.add_option("--models", models, "models directory");
  app.add_option("--shared", shared, "shared material (corpus, seeds)");
  app.add_option("--lines", lines, "held-out lines per corpus file (1500)");
  app.add_option("--ocr-pairs", ocr_pairs, "TSV truth<TAB>ocr, held out");
  app.add_option("--beam", beam, "decoder beam (6)");
  float beam_threshold = RestoreOptions{}.beam_threshold;
  float case_weight = RestoreOptions{}.case_weight;
  app.add_option("--case-weight", case_weight, "RestoreOptions::case_weight (1)");
  app.add_option("--beam-threshold", beam_threshold,
                 "RestoreOptions::beam_threshold (4, log10)");
  app.add_flag("--show-errors", show_errors, "print word errors of (b) and changes of (d)");
  std::string vie_pairs;
  bool vie_only = false;
  RestoreOptions vie_opt;
  vie_opt.mode = RestoreMode::kOcrVie;
  app.add_option("--vie-pairs", vie_pairs, "TSV truth<TAB>vie-ocr, held out (section d)");
  app.add_flag("--vie-only", vie_only, "only section (d)");
  app.add_option("--vie-lambda", vie_opt.vie_lambda, "RestoreOptions::vie_lambda (0.5)");
  app.add_option("--vie-title-weight", vie_opt.vie_title_weight,
                 "RestoreOptions::vie_title_weight (1; 0: title-case words kept)");
  app.add_option("--vie-margin", vie_opt.vie_margin, "RestoreOptions::vie_margin (0.5)");
  app.add_option("--vie-confidence", vie_opt.text_confidence,
                 "RestoreOptions::text_confidence: OCR confidence of every word (100)");
  app.add_flag("--no-vie-channel", [&](size_t) { vie_opt.vie_channel = false; },
               "section (d) without the vie channel (old light pass)");
  CLI11_PARSE(app, argc, argv);

  const auto t0 = Clock::now();
  auto restorer = Restorer::Load(models);
  const double load_ms =
      std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  if (!restorer) {
    std::fprintf(stderr, "%s\n", restorer.error().message.c_str());
    return 5;
  }
  std::printf("model load: %.1f ms (order %d, vocab %zu, n-grams %lu/%lu/%lu/%lu)\n",
              load_ms, restorer->model().order(), restorer->model().vocab_size(),
              (unsigned long)restorer->model().entries(1),
              (unsigned long)restorer->model().entries(2),
              (unsigned long)(restorer->model().order() >= 3 ? restorer->model().entries(3) : 0),
              (unsigned long)(restorer->model().order() >= 4 ? restorer->model().entries(4) : 0));
  std::printf("vie channel: %s, case prior: %s\n",
              restorer->has_vie_channel() ? "loaded" : "absent",
              restorer->has_case_prior() ? "loaded" : "absent");
  vie_opt.beam = beam;
  vie_opt.beam_threshold = beam_threshold;
  vie_opt.case_weight = case_weight;
  if (vie_only) {
    if (!vie_pairs.empty()) EvalViePairs(*restorer, vie_pairs, vie_opt, show_errors);
    return 0;
  }
  RestoreOptions stripped;
  stripped.mode = RestoreMode::kStripped;
  stripped.beam = beam;
  stripped.beam_threshold = beam_threshold;
  stripped.case_weight = case_weight;

  auto run_stripped = [&](const std::vector<std::string>& truths, Score* s) {
    for (const auto& raw : truths) {
      const std::string truth = Canon(raw);
      const std::string input = text::StripDiacritics(truth);
      const double a = ThreadCpuSeconds();
      const RestoreResult r = restorer->Restore(input, stripped);
      s->seconds += ThreadCpuSeconds() - a;
      s->Add(truth, input, r.text, true);
    }
  };
  // (a) held-out corpus lines.
  const std::string c = shared + "/corpus/";
  Score admin, news;
  for (const char* f : {"admin_khanhng29", "vlc_legal", "phapdien_diepxuan"}) {
    run_stripped(HeldOutLines(c + f + ".txt.xz", lines), &admin);
  }
  for (const char* f : {"unc_dantri", "baomoi_news"}) {
    run_stripped(HeldOutLines(c + f + ".txt.xz", lines), &news);
  }
  admin.Print("(a) held-out admin/legal, stripped");
  news.Print("(a) held-out news, stripped");
  // Throughput without per-word confidences (same decoding), interleaved
  // line by line with a second run with them, so that the ratio holds on a
  // loaded machine; the order alternates (the second run of a line finds
  // the model pages it touches in the cache).
  {
    RestoreOptions fast = stripped;
    fast.compute_confidence = false;
    Score s, with;
    size_t n = 0;
    for (const char* f : {"admin_khanhng29", "vlc_legal", "phapdien_diepxuan"}) {
      for (const auto& raw : HeldOutLines(c + f + ".txt.xz", lines)) {
        const std::string truth = Canon(raw);
        const std::string input = text::StripDiacritics(truth);
        auto timed = [&](const RestoreOptions& o, Score* sc) {
          const double a = ThreadCpuSeconds();
          const RestoreResult r = restorer->Restore(input, o);
          sc->seconds += ThreadCpuSeconds() - a;
          sc->Add(truth, input, r.text, true);
        };
        if (n++ % 2 == 0) {
          timed(fast, &s);
          timed(stripped, &with);
        } else {
          timed(stripped, &with);
          timed(fast, &s);
        }
      }
    }
    s.Print("(a) admin/legal, no confidences");
    std::printf("(a) interleaved: %.0f syl/s/core with confidences, %.0f without, "
                "ratio %.3f\n", with.syllables / with.seconds, s.syllables / s.seconds,
                s.seconds / with.seconds);
  }
  // (b) seeds.
  Score seeds;
  for (const auto& entry : std::filesystem::directory_iterator(shared + "/seeds")) {
    const std::string name = entry.path().filename().string();
    if (!(name.starts_with("000") || name.starts_with("002") || name.starts_with("004"))) continue;
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string truth = Canon(ss.str());
    const std::string input = text::StripDiacritics(truth);
    const double a = ThreadCpuSeconds();
    const RestoreResult r = restorer->Restore(input, stripped);
    seeds.seconds += ThreadCpuSeconds() - a;
    Score one;
    one.Add(truth, input, r.text, true);
    seeds.Add(truth, input, r.text, true);
    one.Print(("(b) seed " + name.substr(0, 3) + ", stripped").c_str());
    if (show_errors) {
      const auto tw = Words(truth), ow = Words(r.text);
      for (size_t i = 0; i < tw.size() && i < ow.size(); ++i) {
        if (tw[i] != ow[i]) std::printf("    %s -> %s\n", tw[i].c_str(), ow[i].c_str());
      }
    }
  }
  seeds.Print("(b) seeds 000+002+004, stripped");
  // (c) OCR pairs.
  if (!ocr_pairs.empty()) {
    std::ifstream in(ocr_pairs);
    std::string line;
    Score ocr, ocr_auto;
    RestoreOptions o;
    o.mode = RestoreMode::kOcr;
    o.beam = beam;
    o.beam_threshold = beam_threshold;
    o.case_weight = case_weight;
    RestoreOptions au;
    au.mode = RestoreMode::kAuto;
    au.beam = beam;
    au.beam_threshold = beam_threshold;
    au.case_weight = case_weight;
    while (std::getline(in, line)) {
      const size_t tab = line.find('\t');
      if (tab == std::string::npos) continue;
      const std::string truth = Canon(line.substr(0, tab));
      const std::string input = text::ToNfc(line.substr(tab + 1));
      const double a = ThreadCpuSeconds();
      const RestoreResult r = restorer->Restore(input, o);
      ocr.seconds += ThreadCpuSeconds() - a;
      ocr.Add(truth, input, r.text, false);
      ocr_auto.Add(truth, input, restorer->Restore(input, au).text, false);
    }
    ocr.Print("(c) held-out eng-OCR pairs, ocr");
    ocr_auto.Print("(c) held-out eng-OCR pairs, auto");
  }
  if (!vie_pairs.empty()) EvalViePairs(*restorer, vie_pairs, vie_opt, show_errors);
  return 0;
}

}  // namespace
}  // namespace vnplan::lm

int main(int argc, char** argv) { return vnplan::lm::Main(argc, argv); }
