// Field-by-field comparison of plan criteria with the hand-written golden
// of seed 003 (tests/data/table/seed_003.golden.json, see its "_note"):
// every field of every criterion row scored by table::Similarity, after an
// optional normalisation of both sides (e.g. table::Fold to compare the
// column layout without the diacritics). Used by seed_golden_test.cc and
// seed003_restore_test.cc.
#ifndef VNPLAN_TESTS_TABLE_SEED003_GOLDEN_H_
#define VNPLAN_TESTS_TABLE_SEED003_GOLDEN_H_

#include <functional>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "table/fuzzy.h"

namespace vnplan::table {

struct GoldenScore {
  int fields = 0;         // fields compared (criteria of the golden x 12)
  int close = 0;          // fields with similarity >= 0.95
  double mean = 0.0;      // mean similarity
  std::string report;     // one line per field below 0.95
  double share() const { return fields ? static_cast<double>(close) / fields : 0.0; }
};

// Criteria are paired by position; a criterion missing from `got` scores 0
// on every field.
inline GoldenScore ScoreAgainstGolden(
    const nlohmann::json& got, const nlohmann::json& golden,
    const std::function<std::string(const std::string&)>& normalise = nullptr) {
  static const char* const kFields[] = {
      "level",   "standard",      "standard_title", "criterion", "criterion_label",
      "expected_result", "actions", "responsible",  "timeline",  "budget",
      "other_support",   "notes"};
  auto text_of = [&](const nlohmann::json& v) {
    std::string s = v.is_string() ? v.get<std::string>() : v.is_null() ? "" : v.dump();
    return normalise ? normalise(s) : s;
  };
  GoldenScore score;
  double sum = 0.0;
  std::ostringstream report;
  for (size_t i = 0; i < golden.size(); ++i) {
    for (const char* field : kFields) {
      std::string want = text_of(golden[i][field]);
      std::string have = i < got.size() ? text_of(got[i][field]) : std::string("<missing>");
      double s = Similarity(want, have);
      ++score.fields;
      sum += s;
      if (s >= 0.95) {
        ++score.close;
      } else {
        report << golden[i]["criterion"] << " " << field << " " << s << "\n  want: " << want
               << "\n  got:  " << have << "\n";
      }
    }
  }
  score.mean = score.fields ? sum / score.fields : 0.0;
  score.report = report.str();
  return score;
}

}  // namespace vnplan::table

#endif  // VNPLAN_TESTS_TABLE_SEED003_GOLDEN_H_
