// Per-column word statistics of plan-table cells: how typical each folded
// syllable is of each of the seven content columns of the improvement plan
// (expected result, actions, responsible, timeline, budget, other support,
// notes): "kinh", "phi" of the budget, "hieu", "truong" of the responsible
// column, "phoi", "hop" of other support. Input: cell texts labelled with
// their column (training), or a model file written by Save. Output: per
// word, the smoothed log-odds of each column against the whole table, used
// by the OCR-line layout (text_tables.cc, TextTableOptions::column_words)
// as an extra cost of putting a word in a column.
//
// Model: counts n(w, c) of folded words (table::FoldAlnum; numbers become
// "0") per column c, N_c = sum_w n(w, c), N = sum_c N_c, background
// P(w) = n(w) / N. A column's word probability is smoothed towards the
// background with a Dirichlet prior of strength m:
//   P(w | c) = (n(w, c) + m_c P(w)) / (N_c + m_c), m_c = m + s N_c,
// and the score is ln(P(w | c) / P(w)), clipped to [-cap, cap]. Words
// never seen score 0 in every column. With s = 0, so do columns with
// little text (N_c << m: no evidence either way); a share s > 0 gives
// every column the same penalty ln(s / (1 + s)) for a word it never had.
//
// File format (UTF-8 text, deterministic): a header line
// "#vnplan-column-words 1", then one line per word, sorted:
// "word<TAB>n0<TAB>...<TAB>n6".
#ifndef VNPLAN_TABLE_COLUMN_WORDS_H_
#define VNPLAN_TABLE_COLUMN_WORDS_H_

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "common/error.h"

namespace vnplan::table {

// The content columns of a plan row, in table order (kColExpected ..).
inline constexpr int kColumnWordColumns = 7;

// Option            Default  Meaning
struct ColumnWordOptions {
  double prior = 20.0;  // m: weight of the background distribution, in words
  // ... plus this share of the column's own word count (m_c = prior +
  // prior_share N_c): a share alone gives every column the same penalty
  // for an unseen word, however little text it has
  double prior_share = 0.0;
  double cap = 3.0;     // scores are clipped to [-cap, cap] (natural log)
};

class ColumnWords {
 public:
  using Scores = std::array<double, kColumnWordColumns>;

  // An empty model: every word scores 0 in every column.
  ColumnWords() = default;

  // Counts the words of `text` (a cell of column `column`, 0..6; other
  // columns are ignored).
  void AddCell(int column, std::string_view text);
  // Adds every count of `other`.
  void Merge(const ColumnWords& other);

  // The key a word is counted under: table::FoldAlnum of it ("Hiệu," ->
  // "hieu", "GD&ĐT" -> "gddt"), "0" for a number ("2023", "15.000.000");
  // empty for a token without a letter or digit (not counted, scores 0).
  static std::string Key(std::string_view word);

  // ln(P(w | c) / P(w)) of `word` (any spelling; Key is applied) in each
  // column, clipped to [-cap, cap]; all 0 for an unseen word.
  Scores WordScores(std::string_view word, const ColumnWordOptions& options = {}) const;

  // Reads a model written by Save. Errors: kModelMissing when the file is
  // missing or malformed.
  static Result<ColumnWords> Load(const std::filesystem::path& path);
  // Writes the counts (format above). Errors: kIo.
  Status Save(const std::filesystem::path& path) const;
  // The file text Save writes.
  std::string ToText() const;

  bool empty() const { return total_ == 0; }
  size_t vocabulary() const { return counts_.size(); }
  int64_t total(int column) const { return column_totals_[column]; }

 private:
  void Add(const std::string& key, int column, int64_t count);

  std::map<std::string, std::array<int64_t, kColumnWordColumns>, std::less<>> counts_;
  std::array<int64_t, kColumnWordColumns> column_totals_{};
  int64_t total_ = 0;
};

}  // namespace vnplan::table

#endif  // VNPLAN_TABLE_COLUMN_WORDS_H_
