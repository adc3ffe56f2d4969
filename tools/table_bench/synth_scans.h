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

Result<ScannedPlan> MakeScannedPlan(const ScanOptions& options);

}  // namespace vnplan::table_bench

#endif  // VNPLAN_TOOLS_TABLE_BENCH_SYNTH_SCANS_H_
