// Plan mode: generates a random but plausible Vietnamese school "Kế hoạch
// cải tiến chất lượng giáo dục" as Markdown (markdown_doc.h syntax): header
// block, title, school year, sections I-VI, the 9-column improvement table
// with level rows ("MỨC 1, 2, 3", "MỨC 4"), standard rows and criterion rows,
// and a signer block. Phrases are the generator's own, in the genre's
// style. Also returns the table content as gold criteria.
#ifndef VNPLAN_TOOLS_SYNTH_PLAN_GENERATOR_H_
#define VNPLAN_TOOLS_SYNTH_PLAN_GENERATOR_H_

#include <cstdint>
#include <string>
#include <vector>

namespace vnplan::synth {

// One criterion row of the table. Text fields are plain UTF-8 (no
// Markdown); '\n' separates lines written with <br> in the cell.
struct GoldCriterion {
  std::string level;            // "MỨC 1, 2, 3" or "MỨC 4"
  int standard = 0;             // 1..5
  std::string standard_title;   // "Tổ chức và quản lý nhà trường"
  std::string criterion;        // "1.5"
  std::string criterion_label;  // "Tiêu chí 1.5" (the cell text)
  std::string expected_result;  // Kết quả cần đạt
  std::string actions;          // Công việc/giải pháp cần thực hiện
  std::string responsible;      // Chủ trì và phối hợp thực hiện
  std::string timeline;         // Thời gian thực hiện và hoàn thành
  std::string budget;           // Dự kiến kinh phí
  std::string other_support;    // Điều kiện hỗ trợ khác
  std::string notes;            // Ghi chú
};

// Option               Default  Meaning
struct PlanOptions {
  uint64_t seed = 1;    // same seed -> same document
  int criteria_count = 0;  // criterion rows; 0 = random 4..14; capped by the
                           // distinct criteria available (28 at levels 1-3,
                           // 14 at level 4), so check criteria.size()
  bool level4 = true;   // may add a "MỨC 4" part (random) when true
  bool variety = false; // more cell variation: "Tiêu chí 1.5: <topic>"
                        // labels, "+"/"•" bullets, empty budgets, longer
                        // responsible lists (off: output stays as before)
};

struct GeneratedPlan {
  std::string markdown;
  std::vector<GoldCriterion> criteria;  // in table order
};

// The table's content when it is given rather than drawn (e.g. a real
// plan's hand-checked rows, for benchmarks on real cell text).
// Field       Default  Meaning
struct PlanTable {
  std::vector<GoldCriterion> rows;  // {}: rows drawn from PlanOptions; else
                        // the table holds exactly these rows in this order
                        // (a level row where `level` changes and is not
                        // empty, a standard row where `standard` changes);
                        // the prose around it is still drawn from the seed
  std::string widths;   // "": "4 12 17 21 12 11 9 10 6"; else the table's
                        // 9 relative column widths
};

GeneratedPlan GeneratePlan(const PlanOptions& options, const PlanTable& table = {});

// JSON array of objects with exactly the GoldCriterion field names.
std::string CriteriaToJson(const std::vector<GoldCriterion>& criteria);

}  // namespace vnplan::synth

#endif  // VNPLAN_TOOLS_SYNTH_PLAN_GENERATOR_H_
