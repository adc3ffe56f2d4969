// vnplan-lm-train: builds the syllable n-gram LM (interpolated modified
// Kneser-Ney, count-pruned, back-off weights renormalised after pruning)
// from xz/plain corpus files and writes the binary model (and optionally
// ARPA text). Also converts ARPA to binary (--arpa-in) for checking the
// format against hand-computed models.
//
// Text handling: NFC, tone placement normalised to the NEW style (hoà,
// thuý) -- the project's canonical form -- then lm/lm_tokens.h classes:
// valid syllables lower-cased, <num>, <punct> (also lone consonants and
// onsets such as "b", "th" in "b/c", "th/h"), <unk>, sentence boundaries
// at . ! ? ; … . Lines with IsHeldOutLine() are never used. With
// --classes, numbers and punctuation get their lm_tokens.h class words
// (<numdot>, <year>, <comma>, <slash>, ...) instead of <num> / <punct>.
// With --name-cut N [--name-cut-share S], names after a name-introducing
// word do not teach lower-case n-grams: a lower-case syllable followed
// inside its sentence by another word at least N times (weighted), a share
// S of them in title case ("chùa Linh Ứng", "huyện Tân Yên", "ông Nguyễn"),
// is an introducer; a title-case word after it (with
// --name-cut-title-share T: only a syllable written in title case at least
// a share T of its mid-sentence occurrences) is counted as the class word
// <name> after the introducer ("chùa <name>", so the introducer keeps its
// share of names), and no n-gram spans the boundary between that <name>
// and the name's syllables ("chùa Linh" no longer counts as "chùa linh";
// "linh ứng" and every syllable's unigram still count). Capitalised role
// words (Phòng, Ban, Sở ...) mostly follow function words (của, các, và),
// which are no introducers, so they keep their lower-case statistics. The
// format is unchanged; the vocabulary gains <name>.
//
//   vnplan-lm-train --input corpus/a.txt.xz:1 --input corpus/b.txt.xz:0.5
//       --order 3 --prune 2,3 --out models/lm/vi3.bin [--arpa out.arpa]
// Weight w < 1 keeps a deterministic fraction w of the lines; w >= 1
// repeats each line round(w) times (up-weights a genre).
#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include <CLI/CLI.hpp>

#include "common/utf8.h"
#include "lm/lm_tokens.h"
#include "lm/ngram_model.h"
#include "text/vietnamese.h"

namespace vnplan::lm {
namespace {

using Clock = std::chrono::steady_clock;
double Seconds(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

constexpr uint32_t kSentenceBreak = 0xFFFFFFFFu;
// --name-cut: set on a stream id that is a title-case word right after a
// lower-case word of its sentence (temp ids stay far below 2^31).
constexpr uint32_t kAfterLowerBit = 0x80000000u;
// In the final stream: no n-gram spans this mark, written after the <name>
// that stands for a name in its introducer's n-grams. Never a vocabulary
// id (the vocabulary holds at most 65535 words, ids 0..65534).
constexpr WordId kContextCut = 0xFFFF;

// Temporary vocabulary during reading.
struct Reader {
  std::unordered_map<std::string, uint32_t> word_ids;  // LM word -> temp id
  std::vector<std::string> words;
  std::vector<uint64_t> word_counts;
  std::unordered_map<std::string, uint32_t> token_cache;  // token -> temp id
  std::vector<uint32_t> stream;  // temp ids, sentences end with kSentenceBreak
  uint32_t num_id, punct_id, unk_id;
  bool classes = false;  // --classes: number / punctuation class words
  bool name_cut = false;  // --name-cut: mark title case after lower case
  // Per temp id of a syllable written in lower case: how often the next
  // token of its sentence is a word in lower case, and in title case.
  std::unordered_map<uint32_t, std::array<uint64_t, 2>> follower_case;
  // Per temp id: occurrences after another word of the same sentence
  // (mid-sentence) in lower case, and in title case ("Hương", "Sở").
  std::unordered_map<uint32_t, std::array<uint64_t, 2>> case_counts;
  uint64_t lines_used = 0, lines_held_out = 0;

  Reader() {
    unk_id = Intern(std::string(kUnkWord));
    num_id = Intern(std::string(kNumWord));
    punct_id = Intern(std::string(kPunctWord));
  }

  uint32_t Intern(const std::string& w) {
    auto [it, inserted] = word_ids.emplace(w, uint32_t(words.size()));
    if (inserted) {
      words.push_back(w);
      word_counts.push_back(0);
    }
    return it->second;
  }

  uint32_t WordId(std::string_view token) {
    auto it = token_cache.find(std::string(token));
    if (it != token_cache.end()) return it->second;
    const std::string lower = LowerVietnamese(token);
    uint32_t id = unk_id;
    if (!lower.empty() && text::IsValidSyllable(lower)) id = Intern(lower);
    if (IsAbbreviationLetters(token)) id = punct_id;  // "b/c", "th/h"
    if (token_cache.size() < 4'000'000) token_cache.emplace(token, id);
    return id;
  }

  // Upper-case non-syllable words ("GDĐT", "UBND") by exact form.
  std::unordered_map<std::string, uint64_t> acronyms;
  void CountAcronym(std::string_view token, int repeat) {
    size_t pos = 0;
    int letters = 0;
    while (pos < token.size()) {
      text::Letter l;
      if (!text::DecomposeLetter(NextCodePoint(token, &pos), &l) || !l.upper) {
        return;
      }
      ++letters;
    }
    if (letters >= 2) acronyms[std::string(token)] += repeat;
  }

  void AddLine(std::string_view raw, int repeat) {
    const std::string line =
        text::NormalizeTonePlacement(text::ToNfc(raw), text::ToneStyle::kNew);
    std::vector<uint32_t> sentence;
    auto flush = [&] {
      if (!sentence.empty()) {
        for (int r = 0; r < repeat; ++r) {
          for (uint32_t id : sentence) {
            stream.push_back(id);
            ++word_counts[id & ~kAfterLowerBit];
          }
          stream.push_back(kSentenceBreak);
        }
      }
      sentence.clear();
    };
    bool prev_word = false;  // as Restorer's mid-sentence flag
    uint32_t prev_lower = kSentenceBreak;  // the previous token, a lower-case syllable
    for (const Token& t : Tokenize(line)) {
      const bool word_here = t.kind == TokenKind::kWord;
      const bool resets = IsSentenceEnd(t.text) ||
                          (t.kind != TokenKind::kWord && t.kind != TokenKind::kSpace &&
                           t.text != ",");
      const bool mid = prev_word;
      prev_word = word_here || (prev_word && !resets);
      const uint32_t before = prev_lower;
      if (t.kind != TokenKind::kSpace) prev_lower = kSentenceBreak;
      switch (t.kind) {
        case TokenKind::kSpace:
          break;
        case TokenKind::kNumber:
          sentence.push_back(classes ? Intern(std::string(NumberClassWord(t.text)))
                                     : num_id);
          break;
        case TokenKind::kPunct:
          if (IsSentenceEnd(t.text)) {
            flush();
          } else {
            sentence.push_back(classes ? Intern(std::string(PunctClassWord(t.text)))
                                       : punct_id);
          }
          break;
        case TokenKind::kWord: {
          const uint32_t id = WordId(t.text);
          const WordCase c = CaseOf(t.text);
          const bool syllable = id != unk_id && id != punct_id;
          bool after_lower = false;
          if (name_cut && before != kSentenceBreak &&
              (c == WordCase::kLower || c == WordCase::kTitle)) {
            follower_case[before][c == WordCase::kTitle] += repeat;
            after_lower = c == WordCase::kTitle;
          }
          if (name_cut && syllable && c == WordCase::kLower) prev_lower = id;
          sentence.push_back(after_lower ? id | kAfterLowerBit : id);
          if (mid && syllable) {
            if (c == WordCase::kLower || c == WordCase::kTitle) case_counts[id][c == WordCase::kTitle] += repeat;
          }
          if (id == unk_id && t.text.size() >= 2) CountAcronym(t.text, repeat);
          break;
        }
      }
    }
    flush();
  }
};

bool ReadInput(const std::string& spec, Reader* reader, long max_lines) {
  std::string path = spec;
  double weight = 1.0;
  if (const size_t colon = spec.rfind(':'); colon != std::string::npos) {
    path = spec.substr(0, colon);
    weight = std::atof(spec.c_str() + colon + 1);
  }
  const bool xz = path.size() > 3 && path.ends_with(".xz");
  const std::string cmd = (xz ? "xz -dc '" : "cat '") + path + "'";
  std::FILE* f = popen(cmd.c_str(), "r");
  if (f == nullptr) return false;
  const int repeat = weight >= 1.0 ? static_cast<int>(std::lround(weight)) : 1;
  const uint64_t keep_per_mille =
      weight >= 1.0 ? 1000 : static_cast<uint64_t>(weight * 1000);
  char* buf = nullptr;
  size_t cap = 0;
  ssize_t n;
  long lines = 0;
  while ((n = getline(&buf, &cap, f)) > 0) {
    std::string_view line(buf, n);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
      line.remove_suffix(1);
    }
    if (line.empty()) continue;
    if (IsHeldOutLine(line)) {
      ++reader->lines_held_out;
      continue;
    }
    if ((LineHash(line) / 100) % 1000 >= keep_per_mille) continue;
    reader->AddLine(line, repeat);
    ++reader->lines_used;
    if (max_lines > 0 && ++lines >= max_lines) break;
  }
  std::free(buf);
  pclose(f);
  return true;
}

// Sorted unique keys with counts for one order.
struct Counts {
  std::vector<uint64_t> keys;
  std::vector<uint64_t> raw;       // raw counts
  std::vector<uint64_t> adjusted;  // KN continuation counts
  int64_t Find(uint64_t key) const {
    auto it = std::lower_bound(keys.begin(), keys.end(), key);
    if (it == keys.end() || *it != key) return -1;
    return it - keys.begin();
  }
};

uint64_t Mask(int k) { return k >= 4 ? ~0ull : ((1ull << (16 * k)) - 1); }
WordId FirstWord(uint64_t key, int k) {
  return static_cast<WordId>(key >> (16 * (k - 1)));
}

struct Trainer {
  int order = 3;
  std::vector<uint64_t> min_count;  // per order, index k-1
  std::vector<std::string> vocab;   // final, sorted
  WordId bos, eos, unk;
  std::vector<WordId> stream;       // final ids, <s> w.. </s> per sentence
  std::vector<Counts> counts;

  // Per order k-1: sorted unique k-grams that start right after a
  // kContextCut; each counts one more left context (the cut, as <s> is one)
  // in its Kneser-Ney continuation count.
  std::vector<std::vector<uint64_t>> after_cut;

  void Count() {
    counts.assign(order, {});
    after_cut.assign(order, {});
    for (int k = 1; k <= order; ++k) {
      std::vector<uint64_t> keys;
      keys.reserve(stream.size());
      uint64_t key = 0;
      int have = 0;
      bool cut = false;  // the current run started at a kContextCut
      for (WordId w : stream) {
        if (w == kContextCut) {
          key = 0;
          have = 0;
          cut = true;
          continue;
        }
        if (w == bos) {
          key = 0;
          have = 0;
          cut = false;
        }
        key = ((key << 16) | w) & Mask(k);
        ++have;
        if (have >= k) keys.push_back(key);
        if (cut && have == k) after_cut[k - 1].push_back(key);
      }
      std::sort(keys.begin(), keys.end());
      std::sort(after_cut[k - 1].begin(), after_cut[k - 1].end());
      after_cut[k - 1].erase(std::unique(after_cut[k - 1].begin(), after_cut[k - 1].end()),
                             after_cut[k - 1].end());
      Counts& c = counts[k - 1];
      for (size_t i = 0; i < keys.size();) {
        size_t j = i;
        while (j < keys.size() && keys[j] == keys[i]) ++j;
        c.keys.push_back(keys[i]);
        c.raw.push_back(j - i);
        i = j;
      }
      std::fprintf(stderr, "  order %d: %zu tokens, %zu unique\n", k,
                   keys.size(), c.keys.size());
    }
    // Unigrams: every vocabulary word gets an entry (count may be 0).
    Counts full;
    for (size_t w = 0; w < vocab.size(); ++w) {
      full.keys.push_back(w);
      const int64_t i = counts[0].Find(w);
      full.raw.push_back(i < 0 ? 0 : counts[0].raw[i]);
    }
    counts[0] = std::move(full);
    // Adjusted counts.
    for (int k = 1; k <= order; ++k) {
      Counts& c = counts[k - 1];
      if (k == order) {
        c.adjusted = c.raw;
        continue;
      }
      c.adjusted.assign(c.keys.size(), 0);
      for (uint64_t longer : counts[k].keys) {
        const int64_t i = c.Find(longer & Mask(k));
        if (i >= 0) ++c.adjusted[i];
      }
      for (size_t i = 0; i < c.keys.size(); ++i) {
        if (FirstWord(c.keys[i], k) == bos) c.adjusted[i] = c.raw[i];
      }
      for (uint64_t key : after_cut[k - 1]) {
        if (const int64_t i = c.Find(key); i >= 0) ++c.adjusted[i];
      }
    }
  }

  // Modified KN discounts D1, D2, D3+ for order k.
  std::array<double, 4> Discounts(int k) const {
    uint64_t n[5] = {0, 0, 0, 0, 0};
    for (uint64_t a : counts[k - 1].adjusted) {
      if (a >= 1 && a <= 4) ++n[a];
    }
    std::array<double, 4> d = {0, 0.5, 1.0, 1.5};
    if (n[1] == 0 || n[2] == 0 || n[3] == 0 || n[4] == 0) return d;
    const double y = double(n[1]) / (n[1] + 2.0 * n[2]);
    d[1] = std::clamp(1 - 2 * y * n[2] / n[1], 0.05, 0.99);
    d[2] = std::clamp(2 - 3 * y * n[3] / n[2], 0.05, 1.99);
    d[3] = std::clamp(3 - 4 * y * n[4] / n[3], 0.05, 2.99);
    std::fprintf(stderr, "  order %d discounts %.3f %.3f %.3f\n", k, d[1],
                 d[2], d[3]);
    return d;
  }

  // Interpolated probabilities (linear, not log) per order and gamma per
  // context (stored on the context's entry).
  std::vector<std::vector<double>> prob, gamma;

  void Estimate() {
    prob.assign(order, {});
    gamma.assign(order, {});
    for (int k = 1; k <= order; ++k) {
      const Counts& c = counts[k - 1];
      const auto d = Discounts(k);
      auto disc = [&d](uint64_t a) { return a == 0 ? 0.0 : d[std::min<uint64_t>(a, 3)]; };
      prob[k - 1].assign(c.keys.size(), 0.0);
      if (k < order) gamma[k - 1].assign(c.keys.size(), 0.0);
      if (k == 1) {
        double total = 0, mass = 0;
        for (size_t w = 0; w < c.keys.size(); ++w) {
          if (w == bos) continue;
          total += c.adjusted[w];
          mass += disc(c.adjusted[w]);
        }
        const double uniform = (mass / total) / double(vocab.size() - 1);
        for (size_t w = 0; w < c.keys.size(); ++w) {
          if (w == bos) continue;
          prob[0][w] =
              std::max(0.0, c.adjusted[w] - disc(c.adjusted[w])) / total +
              uniform;
        }
        continue;
      }
      const Counts& lower = counts[k - 2];
      for (size_t i = 0; i < c.keys.size();) {
        const uint64_t ctx = c.keys[i] >> 16;
        size_t j = i;
        double total = 0, mass = 0;
        while (j < c.keys.size() && (c.keys[j] >> 16) == ctx) {
          total += c.adjusted[j];
          mass += disc(c.adjusted[j]);
          ++j;
        }
        const int64_t ci = lower.Find(ctx);
        const double g = total > 0 ? mass / total : 1.0;
        if (ci >= 0) gamma[k - 2][ci] = g;
        for (size_t e = i; e < j; ++e) {
          const uint64_t suffix = c.keys[e] & Mask(k - 1);
          const int64_t si = lower.Find(suffix);
          const double lower_p = si >= 0 ? prob[k - 2][si] : 0.0;
          prob[k - 1][e] =
              std::max(0.0, c.adjusted[e] - disc(c.adjusted[e])) / total +
              g * lower_p;
        }
        i = j;
      }
    }
  }

  // Pruned model in NgramTables form with renormalised back-offs.
  NgramTables Prune() {
    NgramTables t;
    t.order = order;
    t.vocab = vocab;
    t.ids.resize(order);
    t.log_prob.resize(order);
    t.log_backoff.resize(order);
    std::vector<std::vector<uint64_t>> kept_keys(order);
    std::vector<std::vector<double>> kept_prob(order), kept_bo(order);
    for (int k = 1; k <= order; ++k) {
      const Counts& c = counts[k - 1];
      for (size_t i = 0; i < c.keys.size(); ++i) {
        if (k > 1 && c.raw[i] < min_count[k - 1]) continue;
        kept_keys[k - 1].push_back(c.keys[i]);
        kept_prob[k - 1].push_back(prob[k - 1][i]);
      }
      kept_bo[k - 1].assign(kept_keys[k - 1].size(), 1.0);
    }
    // p(w | context) in the pruned model, ids packed in `key` of order k.
    std::function<double(uint64_t, int)> pruned_p = [&](uint64_t key,
                                                        int k) -> double {
      if (k == 1) return kept_prob[0][key];
      const auto& keys = kept_keys[k - 1];
      auto it = std::lower_bound(keys.begin(), keys.end(), key);
      if (it != keys.end() && *it == key) return kept_prob[k - 1][it - keys.begin()];
      double bo = 1.0;
      const auto& ckeys = kept_keys[k - 2];
      auto ct = std::lower_bound(ckeys.begin(), ckeys.end(), key >> 16);
      if (ct != ckeys.end() && *ct == (key >> 16)) bo = kept_bo[k - 2][ct - ckeys.begin()];
      return bo * pruned_p(key & Mask(k - 1), k - 1);
    };
    for (int k = 2; k <= order; ++k) {
      const auto& keys = kept_keys[k - 1];
      const auto& ckeys = kept_keys[k - 2];
      // Contexts without kept children back off with weight 1.
      std::fill(kept_bo[k - 2].begin(), kept_bo[k - 2].end(), 1.0);
      for (size_t i = 0; i < keys.size();) {
        const uint64_t ctx = keys[i] >> 16;
        size_t j = i;
        double num = 1.0, den = 1.0;
        while (j < keys.size() && (keys[j] >> 16) == ctx) {
          num -= kept_prob[k - 1][j];
          den -= pruned_p(keys[j] & Mask(k - 1), k - 1);
          ++j;
        }
        auto ct = std::lower_bound(ckeys.begin(), ckeys.end(), ctx);
        if (ct != ckeys.end() && *ct == ctx && num > 1e-9 && den > 1e-9) {
          kept_bo[k - 2][ct - ckeys.begin()] = num / den;
        }
        i = j;
      }
    }
    for (int k = 1; k <= order; ++k) {
      const auto& keys = kept_keys[k - 1];
      for (size_t i = 0; i < keys.size(); ++i) {
        for (int j = k; j >= 1; --j) {
          t.ids[k - 1].push_back(static_cast<WordId>(keys[i] >> (16 * (j - 1))));
        }
        const double p = kept_prob[k - 1][i];
        t.log_prob[k - 1].push_back(p > 0 ? static_cast<float>(std::log10(p))
                                          : -99.0f);
        const double b = kept_bo[k - 1][i];
        t.log_backoff[k - 1].push_back(
            k < order && b > 0 ? static_cast<float>(std::log10(b)) : 0.0f);
      }
      std::fprintf(stderr, "  order %d kept %zu\n", k, keys.size());
    }
    return t;
  }
};

int Main(int argc, char** argv) {
  CLI::App app{"Train the vnplan syllable n-gram LM (see header comment)."};
  std::vector<std::string> inputs;
  std::string out, arpa_out, arpa_in, acronyms_out, case_out;
  int order = 3;
  std::string prune = "1,2,3";
  uint64_t min_unigram = 2;
  long max_lines = 0;
  bool classes = false;
  uint64_t name_cut = 0;
  double name_cut_share = 0.5;
  double name_cut_title_share = 0.0;
  app.add_option("--input", inputs, "corpus file[:weight] (xz or plain)");
  app.add_option("--order", order, "n-gram order 2..4 (default 3)");
  app.add_option("--prune", prune,
                 "minimum raw counts for orders 2..N, comma separated "
                 "(default 1,2,3)");
  app.add_option("--min-unigram", min_unigram,
                 "minimum count of a syllable to enter the vocabulary (2)");
  app.add_option("--max-lines", max_lines, "per input, for quick tests");
  app.add_option("--out", out, "binary model to write");
  app.add_option("--arpa", arpa_out, "also write ARPA text here");
  app.add_option("--arpa-in", arpa_in, "convert this ARPA file instead");
  app.add_option("--acronyms-out", acronyms_out,
                 "write stripped->original upper-case acronyms (TSV)");
  app.add_option("--case-out", case_out,
                 "write per-syllable mid-sentence lower/title-case counts "
                 "(TSV syllable, lower, title; Restorer::LoadCasePrior)");
  app.add_flag("--classes", classes,
               "number/punctuation class words (<numdot>, <comma>, ...) "
               "instead of <num>/<punct> (off)");
  app.add_option("--name-cut", name_cut,
                 "a title-case word after a name-introducing lower-case "
                 "syllable (followed by a word this many times, "
                 "--name-cut-share of them in title case) counts as <name> "
                 "there, and no n-gram spans <name> and the name (\"chùa "
                 "<name> | linh ứng\"; 0 = off, the default)");
  app.add_option("--name-cut-share", name_cut_share,
                 "--name-cut: share of title-case followers (0.5)");
  app.add_option("--name-cut-title-share", name_cut_title_share,
                 "--name-cut: only before a syllable written in title case at "
                 "least this share of its mid-sentence occurrences (0)");
  CLI11_PARSE(app, argc, argv);
  const auto t0 = Clock::now();
  if (!arpa_in.empty()) {
    auto t = ReadArpa(arpa_in);
    if (!t) {
      std::fprintf(stderr, "%s\n", t.error().message.c_str());
      return 5;
    }
    if (!out.empty()) {
      if (auto s = WriteBinaryModel(*t, out); !s) {
        std::fprintf(stderr, "%s\n", s.error().message.c_str());
        return 7;
      }
    }
    if (!arpa_out.empty()) (void)WriteArpa(*t, arpa_out);
    return 0;
  }
  if (order < 2 || order > kMaxOrder || inputs.empty() || out.empty()) {
    std::fprintf(stderr, "need --input, --out and --order 2..4\n");
    return 2;
  }
  Reader reader;
  reader.classes = classes;
  reader.name_cut = name_cut > 0;
  for (const auto& in : inputs) {
    if (!ReadInput(in, &reader, max_lines)) {
      std::fprintf(stderr, "cannot read %s\n", in.c_str());
      return 3;
    }
    std::fprintf(stderr, "read %s: %zu tokens so far, %.1fs\n", in.c_str(),
                 reader.stream.size(), Seconds(t0));
  }
  std::fprintf(stderr, "lines used %lu, held out %lu\n",
               (unsigned long)reader.lines_used,
               (unsigned long)reader.lines_held_out);
  Trainer tr;
  tr.order = order;
  tr.min_count.assign(order, 1);
  {
    size_t k = 1, start = 0;
    while (start <= prune.size() && k < size_t(order)) {
      size_t comma = prune.find(',', start);
      if (comma == std::string::npos) comma = prune.size();
      tr.min_count[k++] = std::stoull(prune.substr(start, comma - start));
      start = comma + 1;
    }
  }
  // Final vocabulary: specials + syllables with enough occurrences.
  std::vector<std::string> vocab = {std::string(kUnkWord),
                                    std::string(kBosWord),
                                    std::string(kEosWord),
                                    std::string(kNumWord),
                                    std::string(kPunctWord)};
  if (name_cut > 0) vocab.emplace_back(kNameWord);
  for (size_t i = 0; i < reader.words.size(); ++i) {
    const std::string& w = reader.words[i];
    // Class words (<comma>, <numdot>, ...) and syllables; the specials above
    // are listed once.
    if (std::find(vocab.begin(), vocab.begin() + 5, w) != vocab.begin() + 5 || w == kNameWord) {
      continue;
    }
    if (reader.word_counts[i] >= min_unigram) vocab.push_back(w);
  }
  std::sort(vocab.begin(), vocab.end());
  if (vocab.size() > 65535) {
    std::fprintf(stderr, "vocabulary too large\n");
    return 1;
  }
  std::unordered_map<std::string, WordId> final_id;
  for (size_t i = 0; i < vocab.size(); ++i) final_id[vocab[i]] = WordId(i);
  tr.vocab = vocab;
  tr.bos = final_id.at(std::string(kBosWord));
  tr.eos = final_id.at(std::string(kEosWord));
  tr.unk = final_id.at(std::string(kUnkWord));
  std::vector<WordId> remap(reader.words.size(), tr.unk);
  for (size_t i = 0; i < reader.words.size(); ++i) {
    auto it = final_id.find(reader.words[i]);
    if (it != final_id.end()) remap[i] = it->second;
  }
  // --name-cut: the introducers and the syllables a cut may precede, by
  // temp id.
  std::vector<bool> introducer(reader.words.size(), false);
  std::vector<bool> name_like(reader.words.size(), name_cut_title_share <= 0.0);
  if (name_cut > 0) {
    for (const auto& [id, c] : reader.case_counts) {
      if (double(c[1]) >= name_cut_title_share * double(c[0] + c[1])) name_like[id] = true;
    }
    std::vector<std::pair<uint64_t, uint32_t>> listed;
    for (const auto& [id, c] : reader.follower_case) {
      const uint64_t n = c[0] + c[1];
      if (n >= name_cut && double(c[1]) >= name_cut_share * double(n)) {
        introducer[id] = true;
        listed.emplace_back(n, id);
      }
    }
    std::sort(listed.begin(), listed.end(), [&](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : reader.words[a.second] < reader.words[b.second];
    });
    std::fprintf(stderr, "name introducers: %zu (most frequent:", listed.size());
    for (size_t i = 0; i < listed.size() && i < 60; ++i) {
      std::fprintf(stderr, " %s", reader.words[listed[i].second].c_str());
    }
    std::fprintf(stderr, ")\n");
  }
  tr.stream.reserve(reader.stream.size() * 11 / 10);
  bool start = true;
  uint32_t prev = kSentenceBreak;
  uint64_t cuts = 0;
  const WordId name_word = name_cut > 0 ? final_id.at(std::string(kNameWord)) : tr.unk;
  for (uint32_t tagged : reader.stream) {
    if (start) {
      tr.stream.push_back(tr.bos);
      start = false;
    }
    const uint32_t id = tagged == kSentenceBreak ? tagged : tagged & ~kAfterLowerBit;
    if (id == kSentenceBreak) {
      tr.stream.push_back(tr.eos);
      start = true;
    } else {
      if (id != tagged && prev != kSentenceBreak && introducer[prev] && name_like[id]) {
        tr.stream.push_back(name_word);
        tr.stream.push_back(kContextCut);
        ++cuts;
      }
      tr.stream.push_back(remap[id]);
    }
    prev = id;
  }
  if (name_cut > 0) std::fprintf(stderr, "name cuts: %lu\n", (unsigned long)cuts);
  if (!case_out.empty()) {
    std::FILE* f = std::fopen(case_out.c_str(), "w");
    if (f == nullptr) return 7;
    std::vector<std::array<uint64_t, 2>> by_final(vocab.size(), {0, 0});
    for (const auto& [id, c] : reader.case_counts) {
      if (remap[id] == tr.unk) continue;
      by_final[remap[id]][0] += c[0];
      by_final[remap[id]][1] += c[1];
    }
    std::fprintf(f, "# syllable\tlower\ttitle: mid-sentence occurrences (vnplan-lm-train)\n");
    for (size_t i = 0; i < vocab.size(); ++i) {
      if (by_final[i][0] + by_final[i][1] == 0) continue;
      std::fprintf(f, "%s\t%llu\t%llu\n", vocab[i].c_str(),
                   (unsigned long long)by_final[i][0], (unsigned long long)by_final[i][1]);
    }
    std::fclose(f);
  }
  if (!acronyms_out.empty()) {
    // For each stripped form, the most frequent form with diacritics if it
    // covers at least 60% of the occurrences and was seen 5+ times; forms
    // seen 20+ times almost always without diacritics map to themselves.
    std::map<std::string, std::pair<uint64_t, std::pair<uint64_t, std::string>>> by_key;
    for (const auto& [form, n] : reader.acronyms) {
      auto& e = by_key[text::StripDiacritics(form)];
      e.first += n;
      if (form != text::StripDiacritics(form) &&
          (n > e.second.first || (n == e.second.first && form < e.second.second))) {
        e.second = {n, form};
      }
    }
    std::FILE* f = std::fopen(acronyms_out.c_str(), "w");
    if (f == nullptr) return 7;
    size_t written = 0;
    for (const auto& [key, e] : by_key) {
      if (e.second.first >= 5 && e.second.first * 10 >= e.first * 6) {
        std::fprintf(f, "%s\t%s\n", key.c_str(), e.second.second.c_str());
        ++written;
      } else if (e.first >= 20 && e.second.first * 10 < e.first) {
        // A frequent acronym without diacritics ("UBND"): listed as itself
        // so that OCR mode leaves it alone.
        std::fprintf(f, "%s\t%s\n", key.c_str(), key.c_str());
        ++written;
      }
    }
    std::fclose(f);
    std::fprintf(stderr, "wrote %zu acronyms to %s\n", written, acronyms_out.c_str());
  }
  reader = Reader();
  std::fprintf(stderr, "vocabulary %zu, stream %zu ids, %.1fs\n",
               vocab.size(), tr.stream.size(), Seconds(t0));
  tr.Count();
  std::fprintf(stderr, "counted, %.1fs\n", Seconds(t0));
  tr.Estimate();
  std::fprintf(stderr, "estimated, %.1fs\n", Seconds(t0));
  NgramTables t = tr.Prune();
  std::fprintf(stderr, "pruned, %.1fs\n", Seconds(t0));
  if (auto s = WriteBinaryModel(t, out); !s) {
    std::fprintf(stderr, "%s\n", s.error().message.c_str());
    return 7;
  }
  if (!arpa_out.empty()) {
    if (auto s = WriteArpa(t, arpa_out); !s) {
      std::fprintf(stderr, "%s\n", s.error().message.c_str());
      return 7;
    }
  }
  std::fprintf(stderr, "wrote %s, %.1fs total\n", out.c_str(), Seconds(t0));
  return 0;
}

}  // namespace
}  // namespace vnplan::lm

int main(int argc, char** argv) { return vnplan::lm::Main(argc, argv); }
