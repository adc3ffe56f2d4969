// vnplan-lm-pairs: the C++ halves of tools/lm/make_pairs.sh.
//
//   vnplan-lm-pairs select --input a.txt.xz ... --split held-in|held-out
//       --count N            prints N short lines (10 words) cut from
//                            corpus paragraphs of that split (NFC, new
//                            tone style), to be rendered and eng-OCR'd
//   vnplan-lm-pairs learn --pairs pairs.tsv --out ocr_channel.tsv
//                            aligns (truth, eng-OCR) pairs word by word and
//                            letter by letter and writes letter confusion
//                            counts "intended<TAB>observed<TAB>count"
//   vnplan-lm-pairs learn-vie --pairs train.tsv --out vie_channel.tsv [--k 0.5]
//                            aligns (truth, vie-OCR) pairs (make_pairs.sh vie)
//                            word by word and counts, for word pairs with
//                            the same skeleton, tone / vowel-mark / d-đ
//                            substitutions; writes the add-k smoothed
//                            lm::VieChannel TSV
//
// Held-in lines train the channel; held-out lines (lm::IsHeldOutLine, the
// LM never saw them either) are for vnplan-lm-eval --ocr-pairs.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "common/utf8.h"
#include "lm/lm_tokens.h"
#include "lm/vie_channel.h"
#include "text/edit_distance.h"
#include "text/vietnamese.h"

namespace vnplan::lm {
namespace {

std::string Canon(std::string_view s) {
  return text::NormalizeTonePlacement(text::ToNfc(s), text::ToneStyle::kNew);
}

std::vector<std::string> SplitSpaces(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

int Select(const std::vector<std::string>& inputs, const std::string& split,
           size_t count) {
  const bool held_out = split == "held-out";
  // Round-robin over the inputs so that every genre is represented.
  std::vector<std::vector<std::string>> per_input(inputs.size());
  const size_t want = count / inputs.size() + 1;
  for (size_t i = 0; i < inputs.size(); ++i) {
    std::FILE* f = popen(("xz -dc '" + inputs[i] + "'").c_str(), "r");
    if (f == nullptr) return 3;
    char* buf = nullptr;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&buf, &cap, f)) > 0 && per_input[i].size() < want) {
      std::string_view line(buf, n);
      while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
        line.remove_suffix(1);
      }
      if (line.empty() || IsHeldOutLine(line) != held_out) continue;
      // Spread the sample over the file.
      if (!held_out && (LineHash(line) / 100) % 23 != 0) continue;
      const auto words = SplitSpaces(Canon(line));
      for (size_t b = 0; b + 6 <= words.size() && per_input[i].size() < want;
           b += 10) {
        std::string chunk;
        for (size_t j = b; j < std::min(words.size(), b + 10); ++j) {
          if (!chunk.empty()) chunk += ' ';
          chunk += words[j];
        }
        per_input[i].push_back(chunk);
        break;  // one chunk per paragraph
      }
    }
    std::free(buf);
    pclose(f);
  }
  size_t printed = 0;
  for (size_t k = 0; printed < count; ++k) {
    bool any = false;
    for (auto& v : per_input) {
      if (k < v.size() && printed < count) {
        std::printf("%s\n", v[k].c_str());
        ++printed;
        any = true;
      }
    }
    if (!any) break;
  }
  return 0;
}

std::string LowerAll(std::string_view s) {
  std::string out;
  size_t pos = 0;
  while (pos < s.size()) {
    char32_t c = NextCodePoint(s, &pos);
    text::Letter l;
    if (text::DecomposeLetter(c, &l)) {
      l.upper = false;
      c = text::ComposeLetter(l);
    }
    AppendUtf8(c, &out);
  }
  return out;
}

// Strips leading/trailing punctuation (keeps letters, digits, ¢ etc. that
// OCR puts inside words).
std::string Core(const std::string& w) {
  const std::u32string u = Utf8ToU32(w);
  size_t b = 0, e = u.size();
  auto strip = [](char32_t c) {
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' ||
           c == '?' || c == '(' || c == ')' || c == '"' || c == '\'' ||
           c == '-' || c == 0x201C || c == 0x201D || c == 0x2018 ||
           c == 0x2019;
  };
  while (b < e && strip(u[b])) ++b;
  while (e > b && strip(u[e - 1])) --e;
  return U32ToUtf8(u.substr(b, e - b));
}

double CharDistance(const std::u32string& a, const std::u32string& b) {
  return double(text::Levenshtein(a, b)) / std::max<size_t>(1, std::max(a.size(), b.size()));
}

using Counts = std::map<std::string, std::map<std::string, long>>;

// Letter alignment: each intended letter emits 0..2 observed characters.
void AlignLetters(const std::u32string& t, const std::u32string& o,
                  Counts* counts) {
  const size_t n = t.size(), m = o.size();
  const double kInf = 1e9;
  std::vector<std::vector<double>> cost(n + 1, std::vector<double>(m + 1, kInf));
  std::vector<std::vector<int>> back(n + 1, std::vector<int>(m + 1, -1));
  cost[0][0] = 0;
  auto emit_cost = [&](char32_t tc, const std::u32string& obs) {
    if (obs.empty()) return 1.2;
    text::Letter l;
    const bool ok = text::DecomposeLetter(tc, &l);
    if (obs.size() == 1) {
      if (obs[0] == tc) return 0.0;
      text::Letter ol;
      if (ok && text::DecomposeLetter(obs[0], &ol) && ol.base == l.base) {
        return 0.1;
      }
      return 1.0;
    }
    // Two characters: cheaper if one of them is the base letter.
    for (char32_t c : obs) {
      text::Letter ol;
      if (ok && text::DecomposeLetter(c, &ol) && ol.base == l.base) return 1.1;
    }
    return 1.6;
  };
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 0; j <= m; ++j) {
      for (int k = 0; k <= 2 && k <= static_cast<int>(j); ++k) {
        if (cost[i - 1][j - k] >= kInf) continue;
        const double c = cost[i - 1][j - k] +
                         emit_cost(t[i - 1], o.substr(j - k, k));
        if (c < cost[i][j]) {
          cost[i][j] = c;
          back[i][j] = k;
        }
      }
    }
  }
  if (cost[n][m] >= kInf || cost[n][m] > 0.6 * n + 1.0) return;
  size_t j = m;
  for (size_t i = n; i >= 1; --i) {
    const int k = back[i][j];
    std::string intended, observed;
    AppendUtf8(t[i - 1], &intended);
    observed = U32ToUtf8(o.substr(j - k, k));
    ++(*counts)[intended][observed];
    j -= k;
  }
}

// Word alignment of truth and OCR words (Levenshtein, substitution cost =
// skeleton letter distance); returns the aligned (truth, ocr) index pairs.
std::vector<std::pair<size_t, size_t>> AlignWords(
    const std::vector<std::string>& tw, const std::vector<std::string>& ow);

int LearnVie(const std::string& pairs_path, const std::string& out_path, double k) {
  std::ifstream in(pairs_path);
  if (!in) return 3;
  VieChannel::Counts counts;
  std::string line;
  size_t pairs = 0, skipped = 0;
  while (std::getline(in, line)) {
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    const std::string truth = Canon(line.substr(0, tab));
    if (IsHeldOutLine(truth)) {
      ++skipped;  // never learn from held-out text
      continue;
    }
    ++pairs;
    std::vector<std::string> tw, ow;
    for (const auto& w : SplitSpaces(LowerAll(truth))) {
      if (auto c = Core(w); !c.empty()) tw.push_back(c);
    }
    for (const auto& w : SplitSpaces(LowerAll(text::ToNfc(line.substr(tab + 1))))) {
      if (auto c = Core(w); !c.empty()) ow.push_back(c);
    }
    for (const auto& [i, j] : AlignWords(tw, ow)) {
      VieChannel::Count(tw[i],
                        text::NormalizeTonePlacement(ow[j], text::ToneStyle::kNew),
                        &counts);
    }
  }
  const VieChannel ch = VieChannel::FromCounts(counts, k);
  if (auto s = ch.Save(out_path); !s) {
    std::fprintf(stderr, "%s\n", s.error().message.c_str());
    return 7;
  }
  std::fprintf(stderr, "%zu pairs (%zu held-out skipped), %.0f same-skeleton syllables, "
               "%.0f identical -> %s\n", pairs, skipped, counts.pairs, counts.identical,
               out_path.c_str());
  return 0;
}

std::vector<std::pair<size_t, size_t>> AlignWords(
    const std::vector<std::string>& tw, const std::vector<std::string>& ow) {
  std::vector<std::vector<double>> sub(tw.size(), std::vector<double>(ow.size()));
  for (size_t i = 0; i < tw.size(); ++i) {
    for (size_t j = 0; j < ow.size(); ++j) {
      sub[i][j] = CharDistance(Utf8ToU32(text::Skeleton(tw[i])),
                               Utf8ToU32(text::Skeleton(ow[j])));
    }
  }
  std::vector<std::pair<size_t, size_t>> out;
  for (const auto& [i, j] : text::AlignSequences(
           tw.size(), ow.size(), [&](size_t i, size_t j) { return sub[i][j]; }, 1.0)) {
    if (sub[i][j] <= 0.5) out.emplace_back(i, j);  // similar skeletons only
  }
  return out;
}

int Learn(const std::string& pairs_path, const std::string& out_path) {
  std::ifstream in(pairs_path);
  if (!in) return 3;
  Counts counts;
  std::string line;
  size_t pairs = 0, aligned_words = 0;
  while (std::getline(in, line)) {
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    ++pairs;
    std::vector<std::string> tw, ow;
    for (const auto& w : SplitSpaces(LowerAll(Canon(line.substr(0, tab))))) {
      if (auto c = Core(w); !c.empty()) tw.push_back(c);
    }
    for (const auto& w : SplitSpaces(LowerAll(text::ToNfc(line.substr(tab + 1))))) {
      if (auto c = Core(w); !c.empty()) ow.push_back(c);
    }
    // Word alignment (Levenshtein, substitution cost = skeleton distance).
    for (const auto& [ti, oi] : AlignWords(tw, ow)) {
      if (text::IsValidSyllable(tw[ti])) {
        AlignLetters(Utf8ToU32(tw[ti]), Utf8ToU32(ow[oi]), &counts);
        ++aligned_words;
      }
    }
  }
  std::FILE* f = std::fopen(out_path.c_str(), "w");
  if (f == nullptr) return 7;
  std::fprintf(f, "# eng-OCR letter confusions from %zu pairs, %zu words "
               "(vnplan-lm-pairs learn)\n", pairs, aligned_words);
  for (const auto& [t, obs] : counts) {
    for (const auto& [o, c] : obs) std::fprintf(f, "%s\t%s\t%ld\n", t.c_str(), o.c_str(), c);
  }
  std::fclose(f);
  std::fprintf(stderr, "%zu pairs, %zu aligned words -> %s\n", pairs,
               aligned_words, out_path.c_str());
  return 0;
}

int Main(int argc, char** argv) {
  CLI::App app{"OCR pair helpers for the LM's channel model."};
  app.require_subcommand(1);
  std::vector<std::string> inputs;
  std::string split = "held-in", pairs, out;
  size_t count = 1500;
  auto* sel = app.add_subcommand("select", "print short corpus lines");
  sel->add_option("--input", inputs, "corpus .txt.xz files")->required();
  sel->add_option("--split", split, "held-in or held-out")
      ->check(CLI::IsMember({"held-in", "held-out"}));
  sel->add_option("--count", count, "number of lines (1500)");
  auto* learn = app.add_subcommand("learn", "learn letter confusions");
  learn->add_option("--pairs", pairs, "TSV truth<TAB>ocr")->required();
  learn->add_option("--out", out, "channel TSV to write")->required();
  double k = 0.5;
  auto* learn_vie = app.add_subcommand("learn-vie", "learn the vie-OCR diacritic channel");
  learn_vie->add_option("--pairs", pairs, "TSV truth<TAB>ocr (held-in)")->required();
  learn_vie->add_option("--out", out, "vie channel TSV to write")->required();
  learn_vie->add_option("--k", k, "add-k smoothing per cell (0.5)");
  CLI11_PARSE(app, argc, argv);
  if (sel->parsed()) return Select(inputs, split, count);
  if (learn_vie->parsed()) return LearnVie(pairs, out, k);
  return Learn(pairs, out);
}

}  // namespace
}  // namespace vnplan::lm

int main(int argc, char** argv) { return vnplan::lm::Main(argc, argv); }
