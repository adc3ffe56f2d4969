#include "lm/ocr_channel.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

#include "common/utf8.h"
#include "text/vietnamese.h"

namespace vnplan::lm {
namespace {

constexpr int kRenderingsPerSyllable = 48;
constexpr float kMinRelativeLogProb = -4.0f;
constexpr double kDefaultFloor = 0.25;
// Default weight of "é" among the eng-OCR outputs of â and its toned forms.
// (0.02..0.1 give the same eng-OCR pair accuracy; 0.05 kept.)
constexpr double kCircumflexAAsE = 0.05;
// ... and of "d" (the pairs show it for ấ and ậ, 6 of 377, not for â and
// ầ; seed 003 for both; 0.01..0.06 give the same eng-OCR pair accuracy).
constexpr double kCircumflexAAsD = 0.03;
// ... of "c" among those of a marked e (ê é è ế ...) and of "&" among
// those of a marked a (â ã ặ ...; 0.005..0.01 same eng-OCR pair accuracy,
// 0.03 for c one word less).
constexpr double kMarkedEAsC = 0.01;
constexpr double kMarkedAAsAmpersand = 0.01;
// ... of "i?" and of "t?" among those of ữ, ứ and ử (the pairs: 12 words,
// none for ừ or ự; the learned counts miss them, the '?' being split off;
// 0.01..0.1 give the same eng-OCR pair accuracy).
constexpr double kHornUAsQuestion = 0.03;
// ... of "&" and of "@" among those of ơ and its toned forms.
constexpr double kHornOAsSymbol = 0.01;
// ... of "oé" among those of ô and its toned forms (0.02..0.1 same eng-OCR
// pair accuracy).
constexpr double kCircumflexOAsOE = 0.02;

using Dist = std::map<std::string, double>;

std::string Utf8(char32_t c) {
  std::string s;
  AppendUtf8(c, &s);
  return s;
}

// The built-in distribution of eng-OCR outputs for one lower-case letter.
Dist DefaultDist(char32_t c) {
  Dist d;
  text::Letter l;
  if (!text::DecomposeLetter(c, &l)) {
    d[Utf8(c)] = 1.0;
    return d;
  }
  const std::string base(1, static_cast<char>(l.base));
  if (l.mark == text::Mark::kNone && l.tone == text::Tone::kLevel) {
    d[base] = 1.0;
    if (l.base == 'l') d["1"] = 0.03, d["i"] = 0.01;
    if (l.base == 'i') d["l"] = 0.01, d["1"] = 0.01;
    if (l.base == 'o') d["0"] = 0.01;
    if (l.base == 'u') d["ii"] = 0.01;
    return d;
  }
  if (l.mark == text::Mark::kStroke) {
    d["d"] = 0.93;
    d["p"] = 0.02;
    d["ð"] = 0.02;
    return d;
  }
  d[base] = 0.55;
  if (c < 0x100) d[Utf8(c)] += 0.2;  // Latin-1 letters eng can output
  // A marked e read as c ("thict" = thiết), a marked a as & ("&m" = âm,
  // "d&" = đã): rare.
  if (l.base == 'e') d["c"] += kMarkedEAsC;
  if (l.base == 'a') d["&"] += kMarkedAAsAmpersand;
  using text::Mark;
  using text::Tone;
  switch (l.mark) {
    case Mark::kCircumflex:
      if (l.base == 'e') d["é"] += 0.15, d["\u00a2"] += 0.04, d["\u20ac"] += 0.04;
      // â read as é ("Nhén vién" = Nhân viên, "chét" = chất): the
      // circumflex taken for an acute over an e-like bowl.
      // â read as d ("xdy" = xây, "ddu" = đầu): the circumflex taken for
      // the ascender of a d, as the acute of á is.
      if (l.base == 'a') {
        d["á"] += 0.05, d["â"] += 0.03, d["é"] += kCircumflexAAsE, d["d"] += kCircumflexAAsD;
      }
      if (l.base == 'o') {
        d["ó"] += 0.04, d["ô"] += 0.03;
        // The circumflex read as a separate é: "moén" = môn, "moét" = một.
        d["oé"] += kCircumflexOAsOE;
        if (l.tone == Tone::kAcute) d["6"] += 0.04, d["b"] += 0.03;
      }
      break;
    case Mark::kBreve:
      d["i"] += 0.06, d["d"] += 0.05, d["á"] += 0.03;
      break;
    case Mark::kHorn:
      if (l.base == 'u') d["w"] += 0.06, d["ir"] += 0.03, d["ii"] += 0.03,
                         d["i"] += 0.02, d["wv"] += 0.01;
      // ữ ứ ử read as i or t and a question mark ("tri?" = trữ, "mi?c" =
      // mức, "tt?" = tử).
      if (l.base == 'u' && (l.tone == Tone::kTilde || l.tone == Tone::kAcute ||
                            l.tone == Tone::kHook)) {
        d["i?"] += kHornUAsQuestion, d["t?"] += kHornUAsQuestion;
      }
      // ... and as '&' or '@' (a lone "&" is "ở" in the pairs and seed 003:
      // "chỉ dừng & mức").
      if (l.base == 'o') d["ó"] += 0.03, d["é"] += 0.03, d["¢"] += 0.01,
                         d["d"] += 0.02, d["a"] += 0.02, d["&"] += kHornOAsSymbol,
                         d["@"] += kHornOAsSymbol;
      break;
    default:
      break;
  }
  switch (l.tone) {
    case Tone::kAcute:
      if (l.base == 'a') d["d"] += 0.04, d["4"] += 0.03;
      if (l.base == 'o') d["6"] += 0.04;
      if (l.base == 'u') d["t"] += 0.01;
      break;
    case Tone::kDot:
      if (l.base == 'o' && l.mark == Mark::kHorn) d["g"] += 0.06;
      if (l.base == 'o') d["q"] += 0.01;
      break;
    case Tone::kTilde:
      if (l.base == 'a') d["4"] += 0.03;
      break;
    case Tone::kHook:
      if (l.base == 'u') d["ii"] += 0.03;
      break;
    default:
      break;
  }
  return d;
}

std::vector<std::pair<std::string, float>> ToLog(const Dist& d) {
  double total = 0;
  for (const auto& [o, p] : d) total += p;
  std::vector<std::pair<std::string, float>> out;
  for (const auto& [o, p] : d) {
    if (p > 0) out.emplace_back(o, static_cast<float>(std::log10(p / total)));
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

std::vector<char32_t> AllLowerLetters() {
  std::vector<char32_t> out;
  for (char32_t c = 'a'; c <= 'z'; ++c) out.push_back(c);
  for (char32_t c : text::VietnameseDiacriticLetters()) {
    text::Letter l;
    if (text::DecomposeLetter(c, &l) && !l.upper) out.push_back(c);
  }
  return out;
}

}  // namespace

struct OcrChannel::Index {
  std::once_flag once;
  std::unordered_map<std::string, std::vector<std::pair<WordId, float>>> map;
};

OcrChannel::OcrChannel() : index_(std::make_unique<Index>()) {}
OcrChannel::OcrChannel(OcrChannel&&) noexcept = default;
OcrChannel& OcrChannel::operator=(OcrChannel&&) noexcept = default;
OcrChannel::~OcrChannel() = default;

OcrChannel OcrChannel::Default() {
  OcrChannel ch;
  for (char32_t c : AllLowerLetters()) ch.letters_[c] = ToLog(DefaultDist(c));
  return ch;
}

Result<OcrChannel> OcrChannel::Load(const std::string& tsv_path) {
  std::ifstream in(tsv_path);
  if (!in) {
    return MakeError(ErrorCode::kModelMissing,
                     "OCR channel: cannot read " + tsv_path);
  }
  std::map<char32_t, std::map<std::string, double>> counts;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    const size_t t1 = line.find('\t');
    const size_t t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string::npos) {
      return MakeError(ErrorCode::kModelMissing,
                       "OCR channel: bad line " + std::to_string(line_no));
    }
    const std::u32string intended = Utf8ToU32(line.substr(0, t1));
    if (intended.size() != 1) continue;
    counts[intended[0]][line.substr(t1 + 1, t2 - t1 - 1)] +=
        std::atof(line.c_str() + t2 + 1);
  }
  OcrChannel ch;
  for (char32_t c : AllLowerLetters()) {
    Dist d = DefaultDist(c);
    auto it = counts.find(c);
    if (it != counts.end()) {
      double total = 0;
      for (const auto& [o, n] : it->second) total += n;
      const double lambda = total / (total + 20.0);
      double dtotal = 0;
      for (const auto& [o, p] : d) dtotal += p;
      Dist mixed;
      for (const auto& [o, p] : d) mixed[o] += (1 - lambda) * p / dtotal;
      for (const auto& [o, n] : it->second) mixed[o] += lambda * n / total;
      // A frequent letter's counts would drown the hand-made symbol
      // outputs the rendered pairs rarely show (ệ -> "¢" in "1¢", "hi¢n"):
      // each output without ASCII letters or digits keeps at least
      // kDefaultFloor of its default probability.
      for (const auto& [o, p] : d) {
        const bool symbol = std::none_of(o.begin(), o.end(), [](char ch) {
          return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
        });
        if (symbol) mixed[o] = std::max(mixed[o], kDefaultFloor * p / dtotal);
      }
      d = std::move(mixed);
    }
    ch.letters_[c] = ToLog(d);
  }
  return ch;
}

float OcrChannel::LetterLogProb(char32_t intended, std::string_view observed) const {
  auto it = letters_.find(intended);
  if (it == letters_.end()) return -std::numeric_limits<float>::infinity();
  for (const auto& [o, lp] : it->second) {
    if (o == observed) return lp;
  }
  return -std::numeric_limits<float>::infinity();
}

void OcrChannel::BuildIndex(const NgramModel& model) const {
  std::vector<std::pair<std::string, float>> beam, next;
  for (uint32_t id = 0; id < model.vocab_size(); ++id) {
    const std::string_view word = model.Word(static_cast<WordId>(id));
    if (word.empty() || word[0] == '<') continue;
    beam.assign(1, {std::string(), 0.0f});
    for (char32_t c : Utf8ToU32(word)) {
      next.clear();
      auto it = letters_.find(c);
      for (const auto& [prefix, lp] : beam) {
        if (it == letters_.end()) {
          next.emplace_back(prefix + Utf8(c), lp);
          continue;
        }
        for (const auto& [o, olp] : it->second) {
          if (olp < kMinRelativeLogProb) break;
          next.emplace_back(prefix + o, lp + olp);
        }
      }
      std::sort(next.begin(), next.end(),
                [](const auto& a, const auto& b) { return a.second > b.second; });
      const float best = next.empty() ? 0.0f : next[0].second;
      size_t keep = 0;
      while (keep < next.size() && keep < kRenderingsPerSyllable &&
             next[keep].second >= best + kMinRelativeLogProb) {
        ++keep;
      }
      next.resize(keep);
      beam.swap(next);
    }
    for (const auto& [obs, lp] : beam) {
      index_->map[obs].emplace_back(static_cast<WordId>(id), lp);
    }
  }
}

void OcrChannel::Candidates(std::string_view observed, const NgramModel& model,
                            std::vector<std::pair<WordId, float>>* out) const {
  std::call_once(index_->once, [&] { BuildIndex(model); });
  auto it = index_->map.find(std::string(observed));
  if (it == index_->map.end()) return;
  out->insert(out->end(), it->second.begin(), it->second.end());
}

}  // namespace vnplan::lm
