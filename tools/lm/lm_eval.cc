// vnplan-lm-eval: measures the restorer. Prints syllable accuracy and CER
// on (a) held-out corpus lines (lm::IsHeldOutLine, never trained on) with
// diacritics stripped, admin/legal and news separately; (b) the seed plans
// 000/002/004 stripped; (c) held-out eng-OCR pairs (TSV truth<TAB>ocr from
// tools/lm/make_ocr_pairs.sh); plus throughput (syllables/s, one thread)
// and model load time.
//
//   vnplan-lm-eval --models models [--shared /work/shared]
//       [--lines 1500] [--ocr-pairs FILE]
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

template <typename T>
size_t Levenshtein(const std::vector<T>& a, const std::vector<T>& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1,
                         prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
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
      word_errors += Levenshtein(tn, on) * tw.size() / std::max<size_t>(1, tn.size());
      input_word_errors +=
          Levenshtein(tn, in) * tw.size() / std::max<size_t>(1, tn.size());
    }
    const auto tc = Utf8ToU32(truth), oc = Utf8ToU32(output);
    chars += tc.size();
    char_errors += Levenshtein(std::vector<char32_t>(tc.begin(), tc.end()),
                               std::vector<char32_t>(oc.begin(), oc.end()));
    syllables += iw.size();
  }
  void Print(const char* name) const {
    std::printf("%-34s words %7zu  syllable-acc %6.2f%%  CER %5.2f%%"
                "  (input acc %6.2f%%)",
                name, words, 100.0 * (1.0 - double(word_errors) / std::max<size_t>(1, words)),
                100.0 * double(char_errors) / std::max<size_t>(1, chars),
                100.0 * (1.0 - double(input_word_errors) / std::max<size_t>(1, words)));
    if (seconds > 0) std::printf("  %.0f syl/s/core", syllables / seconds);
    std::printf("\n");
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
  app.add_flag("--show-errors", show_errors, "print word errors of (b)");
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
  RestoreOptions stripped;
  stripped.mode = RestoreMode::kStripped;
  stripped.beam = beam;

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
  // Throughput without per-word confidences (same decoding).
  {
    RestoreOptions fast = stripped;
    fast.compute_confidence = false;
    Score s;
    for (const char* f : {"admin_khanhng29", "vlc_legal", "phapdien_diepxuan"}) {
      for (const auto& raw : HeldOutLines(c + f + ".txt.xz", lines)) {
        const std::string truth = Canon(raw);
        const std::string input = text::StripDiacritics(truth);
        const double a = ThreadCpuSeconds();
        const RestoreResult r = restorer->Restore(input, fast);
        s.seconds += ThreadCpuSeconds() - a;
        s.Add(truth, input, r.text, true);
      }
    }
    s.Print("(a) admin/legal, no confidences");
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
    RestoreOptions au;
    au.mode = RestoreMode::kAuto;
    au.beam = beam;
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
  return 0;
}

}  // namespace
}  // namespace vnplan::lm

int main(int argc, char** argv) { return vnplan::lm::Main(argc, argv); }
