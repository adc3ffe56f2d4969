#include "table/column_words.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "table/fuzzy.h"

namespace vnplan::table {
namespace {

constexpr std::string_view kHeader = "#vnplan-column-words 1";

}  // namespace

std::string ColumnWords::Key(std::string_view word) {
  std::string key = FoldAlnum(word);
  if (!key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return "0";
  }
  return key;
}

void ColumnWords::Add(const std::string& key, int column, int64_t count) {
  counts_[key][column] += count;
  column_totals_[column] += count;
  total_ += count;
}

void ColumnWords::AddCell(int column, std::string_view text) {
  if (column < 0 || column >= kColumnWordColumns) return;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find_first_of(" \t\r\n", pos);
    if (end == std::string_view::npos) end = text.size();
    if (end > pos) {
      std::string key = Key(text.substr(pos, end - pos));
      if (!key.empty()) Add(key, column, 1);
    }
    pos = end + 1;
  }
}

void ColumnWords::Merge(const ColumnWords& other) {
  for (const auto& [key, counts] : other.counts_) {
    for (int c = 0; c < kColumnWordColumns; ++c) {
      if (counts[c]) Add(key, c, counts[c]);
    }
  }
}

ColumnWords::Scores ColumnWords::WordScores(std::string_view word,
                                            const ColumnWordOptions& options) const {
  Scores scores{};
  if (total_ == 0) return scores;
  auto it = counts_.find(Key(word));
  if (it == counts_.end()) return scores;
  int64_t n = 0;
  for (int64_t x : it->second) n += x;
  if (n == 0) return scores;
  const double background = static_cast<double>(n) / static_cast<double>(total_);
  for (int c = 0; c < kColumnWordColumns; ++c) {
    const double m = options.prior + options.prior_share * static_cast<double>(column_totals_[c]);
    if (m <= 0.0) continue;
    double p = (static_cast<double>(it->second[c]) + m * background) /
               (static_cast<double>(column_totals_[c]) + m);
    scores[c] = std::clamp(std::log(p / background), -options.cap, options.cap);
  }
  return scores;
}

std::string ColumnWords::ToText() const {
  std::ostringstream out;
  out << kHeader << "\n";
  for (const auto& [key, counts] : counts_) {
    out << key;
    for (int64_t x : counts) out << '\t' << x;
    out << '\n';
  }
  return out.str();
}

Status ColumnWords::Save(const std::filesystem::path& path) const {
  std::ofstream out(path, std::ios::binary);
  out << ToText();
  out.flush();
  if (!out) return MakeError(ErrorCode::kIo, "cannot write " + path.string());
  return {};
}

Result<ColumnWords> ColumnWords::Load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kModelMissing, "cannot read " + path.string());
  std::string line;
  if (!std::getline(in, line) || line != kHeader) {
    return MakeError(ErrorCode::kModelMissing, path.string() + ": not a column-words model");
  }
  ColumnWords model;
  int number = 1;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    std::istringstream fields(line);
    std::string key;
    std::array<int64_t, kColumnWordColumns> counts{};
    bool ok = static_cast<bool>(std::getline(fields, key, '\t')) && !key.empty();
    for (int c = 0; ok && c < kColumnWordColumns; ++c) ok = static_cast<bool>(fields >> counts[c]) && counts[c] >= 0;
    std::string rest;
    if (ok && (fields >> rest)) ok = false;
    if (!ok) {
      return MakeError(ErrorCode::kModelMissing,
                       path.string() + ":" + std::to_string(number) + ": malformed line");
    }
    for (int c = 0; c < kColumnWordColumns; ++c) {
      if (counts[c]) model.Add(key, c, counts[c]);
    }
  }
  return model;
}

}  // namespace vnplan::table
