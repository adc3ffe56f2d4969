#include "layout_sim.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "table/printed_width.h"
#include "text/vietnamese.h"

namespace vnplan::layout_bench {
namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!current.empty()) words.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

template <typename T>
const T& Pick(const std::vector<T>& options, Rng* rng) {
  return options[rng->Below(static_cast<int>(options.size()))];
}

// One accented vowel in a word, as the English OCR left many ("Tiéu",
// "Khéng"): one ASCII vowel (drawn) gets an acute accent, a Vietnamese
// letter that folding (table::Fold) takes back to the vowel.
std::string AddNoise(const std::string& word, Rng* rng) {
  std::vector<size_t> vowels;
  for (size_t i = 0; i < word.size(); ++i) {
    if (std::string_view("aeiou").find(word[i]) != std::string_view::npos) vowels.push_back(i);
  }
  if (vowels.empty()) return word;
  size_t at = vowels[rng->Below(static_cast<int>(vowels.size()))];
  static constexpr std::string_view kFrom = "aeiou";
  static const char* const kTo[] = {"\u00e1", "\u00e9", "\u00ed", "\u00f3", "\u00fa"};
  return word.substr(0, at) + kTo[kFrom.find(word[at])] + word.substr(at + 1);
}

// A rule mark as the OCR read it: mostly '|', sometimes '[', '{' or '/'
// ('/' only where it cannot read as a date's slash), with a space on one
// side now and then.
std::string RuleMark(const std::string& left, const std::string& right, double r, double s) {
  char mark = r < 0.80 ? '|' : r < 0.90 ? '[' : r < 0.95 ? '{' : '/';
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (mark == '/' &&
      ((!left.empty() && digit(left.back())) || (!right.empty() && digit(right.front())))) {
    mark = '|';
  }
  if (s < 0.70) return std::string(1, mark);
  if (s < 0.85) return std::string(" ") + mark;
  return std::string(1, mark) + " ";
}

// Joins `right` to `line` with a rule mark (probability p_rule) or a space.
// Always takes three draws, so that documents differing only in p_rule
// share every other draw (and a boundary ruled at one p_rule is ruled at
// any higher one).
void AppendPiece(std::string* line, const std::string& right, double p_rule, int* rules, Rng* rng) {
  double ruled = rng->Unit(), mark = rng->Unit(), space = rng->Unit();
  if (line->empty()) {
    *line = right;
    return;
  }
  if (ruled < p_rule) {
    *line += RuleMark(*line, right, mark, space);
    ++*rules;
  } else {
    *line += ' ';
  }
  *line += right;
}

std::string Paragraph(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

// How the English OCR spelt `word` (NFC, as written): one of its spellings
// in `garble` (found as written, else without its trailing punctuation,
// which is then kept), else the word folded like FoldField.
std::string OcrSpelling(const std::string& word, const GarbleTable& garble, Rng* rng) {
  auto it = garble.find(word);
  if (it != garble.end()) return Pick(it->second, rng);
  size_t core = word.find_last_not_of(",.;:");
  if (core != std::string::npos && core + 1 < word.size()) {
    auto bare = garble.find(word.substr(0, core + 1));
    if (bare != garble.end()) return Pick(bare->second, rng) + word.substr(core + 1);
  }
  return FoldField(word);
}

// Replaces each word of the wrapped, folded `lines` of a cell by its
// English-OCR spelling (OcrSpelling of the same word of `field`): the cell
// was printed, and so wrapped, as written, and garbled by the OCR after.
void GarbleLines(std::string_view field, const GarbleTable& garble, Rng* rng,
                 std::vector<std::string>* lines) {
  std::vector<std::string> words = Words(text::ToNfc(field));
  size_t folded = 0;
  for (const auto& line : *lines) folded += Words(line).size();
  if (folded != words.size()) return;  // folding joined or split a word: left folded
  size_t k = 0;
  for (auto& line : *lines) {
    std::string printed;
    for (size_t n = Words(line).size(); n > 0; --n) {
      if (!printed.empty()) printed += ' ';
      printed += OcrSpelling(words[k++], garble, rng);
    }
    line = std::move(printed);
  }
}

}  // namespace

Result<GarbleTable> LoadGarble(const std::filesystem::path& tsv) {
  std::ifstream in(tsv, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kInputError, tsv.string() + ": cannot read");
  GarbleTable table;
  std::string line;
  while (std::getline(in, line)) {
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    auto truth = Words(text::ToNfc(line.substr(0, tab)));
    auto ocr = Words(line.substr(tab + 1));
    if (truth.size() != ocr.size()) continue;
    for (size_t i = 0; i < truth.size(); ++i) {
      if (ocr[i].find_first_of("|[{/") != std::string::npos) continue;
      table[truth[i]].push_back(ocr[i]);
    }
  }
  return table;
}

Result<std::vector<TruthRow>> LoadTruth(const std::vector<std::filesystem::path>& files) {
  std::vector<TruthRow> rows;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return MakeError(ErrorCode::kInputError, "cannot read " + path.string());
    std::stringstream s;
    s << in.rdbuf();
    nlohmann::json doc = nlohmann::json::parse(s.str(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("criteria") ||
        !doc["criteria"].is_array()) {
      return MakeError(ErrorCode::kInputError, path.string() + ": no \"criteria\" array");
    }
    for (const auto& c : doc["criteria"]) {
      if (!c.is_object()) continue;
      auto text = [&](const char* key) {
        auto it = c.find(key);
        return it != c.end() && it->is_string() ? it->get<std::string>() : std::string();
      };
      TruthRow row;
      row.source = path.filename().string();
      auto st = c.find("standard");
      row.standard = st != c.end() && st->is_number_integer() ? st->get<int>() : 0;
      row.standard_title = text("standard_title");
      row.criterion = text("criterion");
      if (row.criterion.empty()) continue;
      for (int k = 0; k < kContentColumns; ++k) row.fields[k] = text(kFieldNames[k]);
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

std::string FoldField(std::string_view utf8) {
  std::string out;
  for (const auto& w : Words(text::StripDiacritics(text::ToNfc(utf8)))) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

double LineWidth(std::string_view line) {
  auto words = Words(line);
  double w = 0.0;
  for (size_t i = 0; i < words.size(); ++i) {
    w += table::WordWidth(words[i]) + (i ? table::kSpaceWidth : 0.0);
  }
  return w;
}

std::vector<std::string> WrapCell(std::string_view text, double width, Rng* width_rng,
                                  double width_noise) {
  std::vector<std::string> lines;
  std::string line;
  double used = 0.0;
  for (const auto& word : Words(text)) {
    double w = table::WordWidth(word);
    if (width_rng) w *= 1.0 + width_rng->Uniform(-width_noise, width_noise);
    if (!line.empty() && used + table::kSpaceWidth + w <= width) {
      line += ' ' + word;
      used += table::kSpaceWidth + w;
      continue;
    }
    if (!line.empty()) lines.push_back(std::move(line));
    line = word;
    used = w;
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

SimRow LayOutRow(const TruthRow& truth, const std::array<double, kContentColumns>& widths,
                 double p_rule, const SimOptions& options, const RowDraws& draws) {
  Rng* rng = draws.layout;
  Rng* noise_rng = draws.noise;
  SimRow row;
  row.truth = truth;
  size_t height = 0;
  for (int c = 0; c < kContentColumns; ++c) {
    row.cell_lines[c] =
        WrapCell(FoldField(truth.fields[c]), widths[c], draws.width, options.width_noise);
    if (options.garble) GarbleLines(truth.fields[c], *options.garble, draws.garble, &row.cell_lines[c]);
    for (auto& line : row.cell_lines[c]) {
      std::string noisy;
      for (const auto& w : Words(line)) {
        if (!noisy.empty()) noisy += ' ';
        noisy += noise_rng->Chance(options.noise) ? AddNoise(w, noise_rng) : w;
      }
      line = noisy;
    }
    height = std::max(height, row.cell_lines[c].size());
  }
  // The label column: "Tiéu chi 1.1" on one line, or "Tiéu chi" / "1.1".
  static const std::vector<std::string> kLabels = {"Ti\u00e9u chi", "Ti\u00e9u chi", "Tieu chi",
                                                   "Tieu  chi"};
  std::vector<std::string> label = {Pick(kLabels, rng)};
  if (rng->Chance(0.4)) {
    label[0] += " " + truth.criterion;
  } else {
    label.push_back(truth.criterion);
  }
  height = std::max(height, label.size());
  for (size_t j = 0; j < height; ++j) {
    SimLine line;
    line.label = j < label.size() ? label[j] : "";
    std::string text = line.label;
    for (int c = 0; c < kContentColumns; ++c) {
      if (j >= row.cell_lines[c].size()) continue;
      line.pieces.push_back({c, row.cell_lines[c][j]});
      AppendPiece(&text, row.cell_lines[c][j], p_rule, &line.rule_marks, rng);
    }
    line.text = std::move(text);
    row.lines.push_back(std::move(line));
  }
  return row;
}

SimRow LayOutRow(const TruthRow& truth, const std::array<double, kContentColumns>& widths,
                 double p_rule, double noise, Rng* rng, Rng* noise_rng) {
  SimOptions options;
  options.noise = noise;
  return LayOutRow(truth, widths, p_rule, options, {rng, noise_rng, nullptr, nullptr});
}

SimDocument SimulateDocument(const std::vector<TruthRow>& pool, uint64_t seed,
                             const SimOptions& options) {
  Rng rng(seed);
  Rng noise_rng(seed ^ 0x9E3779B97F4A7C15ull);  // its own stream: --noise changes nothing else
  Rng width_rng(seed ^ 0xC2B2AE3D27D4EB4Full);   // likewise for --width-noise
  Rng garble_rng(seed ^ 0x165667B19E3779F9ull);  // and for --garble-pairs
  const RowDraws draws{&rng, &noise_rng, options.width_noise > 0 ? &width_rng : nullptr,
                       options.garble ? &garble_rng : nullptr};
  SimDocument doc;
  doc.seed = seed;
  double total = rng.Uniform(options.width_min, options.width_max);
  double share_sum = 0.0;
  std::array<double, kContentColumns> shares{};
  for (int c = 0; c < kContentColumns; ++c) {
    shares[c] =
        kColumnShares[c] * rng.Uniform(1.0 - options.share_jitter, 1.0 + options.share_jitter);
    share_sum += shares[c];
  }
  for (int c = 0; c < kContentColumns; ++c) doc.widths[c] = total * shares[c] / share_sum;
  doc.p_rule = rng.Uniform(options.p_rule_min, options.p_rule_max);

  // Rows drawn without replacement (Fisher-Yates), at most one per
  // criterion number (a plan does not list a criterion twice), then
  // grouped by standard as a plan lists them.
  std::vector<size_t> order(pool.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  int span = std::max(0, options.rows_max - options.rows_min + 1);
  int n = options.rows_min + (span ? rng.Below(span) : 0);
  for (size_t i = 0; i + 1 < order.size(); ++i) {
    size_t j = i + rng.Below(static_cast<int>(order.size() - i));
    std::swap(order[i], order[j]);
  }
  std::vector<size_t> drawn;
  std::set<std::string> numbers;
  for (size_t i : order) {
    if (static_cast<int>(drawn.size()) >= n) break;
    if (numbers.insert(pool[i].criterion).second) drawn.push_back(i);
  }
  order = std::move(drawn);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return pool[a].standard < pool[b].standard; });

  std::string& out = doc.text;
  out += Paragraph({"biet van dung hieu qua kien thuc, ky nang da hoc vao doi song va tu hoc suot",
                    "doi, biet xay dung va phat trién hai hoa cac moi quan hé xa hoi, co ca tinh,",
                    "dong gop tich cuc vao su phat trién cua dat nuéc."});
  out += "\n\n\nI11.NQI DUNG KE HOACH CAI TIEN CHAT LUQNG GIAO DUC\n\n";
  // A garbled header block, as the OCR read the header row's small type.
  out +=
      Paragraph({".A Ao o A Thoi gian Du",
                 "Teu | Ket qua can dat| Cong viec/giai phap | Chu tri va | thuc hién | kién | "
                 "Dieu kién ho | Ghi",
                 "TT |chuan, tiéu| (so véi hién can thuc hién phoi hop va hoan kinh tro khac chu",
                 "chi trang) thuc hien thanh phi"});
  out += "MUC 1,2, 3\n";
  static const std::vector<std::string> kStandardWords = {"Tieu chuan", "Ti\u00e9u chuan",
                                                          "Tieu chun", "Ti\u00e9u chuin"};
  int current_standard = -1;
  int tt = 0;
  for (size_t i : order) {
    const TruthRow& truth = pool[i];
    if (truth.standard != current_standard && truth.standard > 0) {
      current_standard = truth.standard;
      ++tt;
      std::string line = rng.Chance(0.5) ? std::to_string(tt) + " " : "";
      line += Pick(kStandardWords, &rng) + " " + std::to_string(truth.standard) + ": " +
              FoldField(truth.standard_title);
      out += line + "\n";
    }
    SimRow row = LayOutRow(truth, doc.widths, doc.p_rule, options, draws);
    for (const auto& line : row.lines) out += line.text + "\n";
    doc.rows.push_back(std::move(row));
  }
  out += "\n\nVI. TO CHUC THUC HIEN\n";
  out += Paragraph({"1. Hiéu truong - Chu tich Hoi dong tu danh gia", "",
                    "Hiéu truong, Chu tich Hoi dong tu danh gia chiu trach nhiém vé cac hoat dong",
                    "cua Hoi dong, phan cong nhiém vu cu thé cho tung thanh vién."});
  return doc;
}

}  // namespace vnplan::layout_bench
