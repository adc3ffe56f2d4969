// Synthetic scanned plans for table tests and the table benchmark: a random
// plan from vnplan-synth's plan mode, laid out on landscape A4 with repeated
// table headers, rendered, optionally degraded as a scan, with the gold
// criteria and every table cell's box and text mapped to the degraded page.
#ifndef VNPLAN_TOOLS_TABLE_BENCH_SYNTH_SCANS_H_
#define VNPLAN_TOOLS_TABLE_BENCH_SYNTH_SCANS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/image.h"
#include "common/page.h"
#include "synth/plan_generator.h"

namespace vnplan::table_bench {

struct ScanOptions {
  uint64_t seed = 1;           // plan content and degradation
  int criteria = 0;            // criterion rows; 0 = generator's random 4..14
  int dpi = 300;               // rendering resolution
  std::string degrade;         // "", "light", "medium" or "heavy"
  double skew_deg = -1;        // < 0: the preset's skew; else this magnitude
  bool borders = true;         // false: the plan table is typeset without rules
};

struct GoldCell {
  Box box;           // on the (degraded) page image
  std::string text;  // the cell's full text for the first piece of a row
                     // ('\n' = line break), "" for later pieces
  bool header = false;
};

struct ScannedPage {
  GrayImage image;  // dpi set
  std::vector<GoldCell> cells;
};

struct ScannedPlan {
  std::vector<ScannedPage> pages;
  std::vector<synth::GoldCriterion> criteria;
};

// `table`: rows and column widths given instead of drawn (e.g. a real
// plan's rows, LoadCriteriaJson); the given rows are then the gold.
Result<ScannedPlan> MakeScannedPlan(const ScanOptions& options,
                                    const synth::PlanTable& table = {});

// Reads the criteria of a hand-checked plan JSON (tests/data/table/
// seed_*.expected.json, samples/*.expected.json: an object with a
// "criteria" array, or the array itself as CriteriaToJson writes it) as
// generator rows. A null or missing field is empty; other keys are ignored.
Result<std::vector<synth::GoldCriterion>> LoadCriteriaJson(const std::string& path);

// Relative column widths drawn from `seed` around the generator's (each
// scaled by 0.7..1.4), for real rows typeset in differently shaped tables.
std::string DrawWidths(uint64_t seed);

}  // namespace vnplan::table_bench

#endif  // VNPLAN_TOOLS_TABLE_BENCH_SYNTH_SCANS_H_
