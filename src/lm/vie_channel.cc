#include "lm/vie_channel.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "common/utf8.h"
#include "text/vietnamese.h"

namespace vnplan::lm {
namespace {

constexpr float kNegInf = -std::numeric_limits<float>::infinity();

// Per-letter features of a syllable: its tone and, per letter, the mark
// class (vowel a/e/o/u: 0..3; d: 0/1; other letters: -1).
struct Features {
  int tone = 0;
  std::u32string skeleton;  // lower-case base letters
  std::u32string kind;      // 'v' vowel with marks, 'd', '-' other
  std::u32string mark;      // mark index per letter
};

int MarkIndex(text::Mark m) {
  switch (m) {
    case text::Mark::kCircumflex: return 1;
    case text::Mark::kBreve: return 2;
    case text::Mark::kHorn: return 3;
    default: return 0;
  }
}

bool Decompose(std::string_view syllable, Features* f) {
  const std::string nfc = text::ToNfc(syllable);
  if (!text::IsValidSyllable(nfc)) return false;
  size_t pos = 0;
  while (pos < nfc.size()) {
    text::Letter l;
    if (!text::DecomposeLetter(NextCodePoint(nfc, &pos), &l)) return false;
    if (l.tone != text::Tone::kLevel) f->tone = static_cast<int>(l.tone);
    f->skeleton += l.base;
    if (l.base == 'd') {
      f->kind += U'd';
      f->mark += static_cast<char32_t>(l.mark == text::Mark::kStroke ? 1 : 0);
    } else if (l.base == 'a' || l.base == 'e' || l.base == 'o' || l.base == 'u') {
      f->kind += U'v';
      f->mark += static_cast<char32_t>(MarkIndex(l.mark));
    } else {
      f->kind += U'-';
      f->mark += char32_t{0};
    }
  }
  return !f->skeleton.empty();
}

template <size_t N>
void Smooth(const std::array<std::array<double, N>, N>& c, double k,
            std::array<std::array<float, N>, N>* out) {
  for (size_t i = 0; i < N; ++i) {
    double row = 0;
    for (size_t j = 0; j < N; ++j) row += c[i][j] + k;
    for (size_t j = 0; j < N; ++j) {
      (*out)[i][j] = static_cast<float>(std::log10((c[i][j] + k) / row));
    }
  }
}

}  // namespace

bool VieChannel::Count(std::string_view intended, std::string_view observed,
                       Counts* counts) {
  Features a, b;
  if (!Decompose(intended, &a) || !Decompose(observed, &b)) return false;
  if (a.skeleton != b.skeleton) return false;
  counts->pairs += 1;
  counts->identical += a.tone == b.tone && a.mark == b.mark;
  counts->tone[a.tone][b.tone] += 1;
  for (size_t i = 0; i < a.kind.size(); ++i) {
    if (a.kind[i] == U'v') counts->mark[a.mark[i]][b.mark[i]] += 1;
    if (a.kind[i] == U'd') counts->d[a.mark[i]][b.mark[i]] += 1;
  }
  return true;
}

VieChannel VieChannel::FromCounts(const Counts& counts, double k) {
  VieChannel ch;
  ch.counts_ = counts;
  Smooth(counts.tone, k, &ch.tone_);
  Smooth(counts.mark, k, &ch.mark_);
  Smooth(counts.d, k, &ch.d_);
  return ch;
}

Result<VieChannel> VieChannel::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return MakeError(ErrorCode::kModelMissing, "cannot read " + path);
  VieChannel ch;
  // Unlisted cells: a floor far below any learned value.
  for (auto& r : ch.tone_) r.fill(-6.0f);
  for (auto& r : ch.mark_) r.fill(-6.0f);
  for (auto& r : ch.d_) r.fill(-6.0f);
  std::string line;
  int line_no = 0, cells = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ss(line);
    std::string feature;
    int i = -1, j = -1;
    double count = 0, lp = 1;
    auto bad = [&] {
      return MakeError(ErrorCode::kModelMissing,
                       path + ":" + std::to_string(line_no) + ": malformed line");
    };
    if (!(ss >> feature >> i >> j >> count >> lp) || lp > 0 || i < 0 || j < 0) {
      return bad();
    }
    const size_t n = feature == "tone" ? 6 : feature == "mark" ? 4 : feature == "d" ? 2 : 0;
    if (n == 0 || size_t(i) >= n || size_t(j) >= n) return bad();
    if (feature == "tone") {
      ch.tone_[i][j] = static_cast<float>(lp);
      ch.counts_.tone[i][j] = count;
    } else if (feature == "mark") {
      ch.mark_[i][j] = static_cast<float>(lp);
      ch.counts_.mark[i][j] = count;
    } else {
      ch.d_[i][j] = static_cast<float>(lp);
      ch.counts_.d[i][j] = count;
    }
    ++cells;
  }
  if (cells == 0) return MakeError(ErrorCode::kModelMissing, path + ": no entries");
  return ch;
}

Status VieChannel::Save(const std::string& path) const {
  std::ofstream out(path);
  if (!out) return MakeError(ErrorCode::kIo, "cannot write " + path);
  out << "# vnplan vie-OCR channel: feature\tintended\tobserved\tcount\tlog10p\n"
      << "# pairs " << counts_.pairs << ", identical " << counts_.identical << "\n";
  char buf[96];
  auto put = [&](const char* name, size_t n, auto& probs, auto& counts) {
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < n; ++j) {
        std::snprintf(buf, sizeof buf, "%s\t%zu\t%zu\t%.0f\t%.4f\n", name, i, j,
                      counts[i][j], probs[i][j]);
        out << buf;
      }
    }
  };
  put("tone", 6, tone_, counts_.tone);
  put("mark", 4, mark_, counts_.mark);
  put("d", 2, d_, counts_.d);
  if (!out) return MakeError(ErrorCode::kIo, "cannot write " + path);
  return {};
}

float VieChannel::LogProb(std::string_view observed, std::string_view intended) const {
  Features a, b;
  if (!Decompose(intended, &a) || !Decompose(observed, &b)) return kNegInf;
  if (a.skeleton != b.skeleton) return kNegInf;
  float lp = tone_[a.tone][b.tone];
  for (size_t i = 0; i < a.kind.size(); ++i) {
    if (a.kind[i] == U'v') lp += mark_[a.mark[i]][b.mark[i]];
    if (a.kind[i] == U'd') lp += d_[a.mark[i]][b.mark[i]];
  }
  return lp;
}

}  // namespace vnplan::lm
