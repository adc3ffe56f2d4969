// One rendering job: a laid-out document (page_layout.h) -> the files a test
// or benchmark wants: born-digital PDF, clean page PNGs, degraded page PNGs
// (degrade.h), an image-only scan PDF, gold JSON and gold text. Used by the
// CLI's render and batch subcommands.
#ifndef VNPLAN_TOOLS_SYNTH_RENDER_JOB_H_
#define VNPLAN_TOOLS_SYNTH_RENDER_JOB_H_

#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "synth/degrade.h"
#include "synth/gold.h"
#include "synth/page_layout.h"

namespace vnplan::synth {

// Option                                 Default  Meaning ("" = not written)
struct RenderJob {
  int dpi = 300;                          // 300     clean images and gold boxes
  std::string pdf;                        // ""      born-digital PDF
  std::string png_dir;                    // ""      DIR/page-001.png ...
  std::optional<DegradeOptions> degrade;  // none    simulate scans when set
  std::string scan_dir;                   // ""      DIR/page-001-scan.png ...
                                          //         ("" = png_dir)
  std::string scan_pdf;                   // ""      image-only PDF of the scans
  int scan_pdf_jpeg = 85;                 // 85      JPEG quality in it, 0 = Flate
  std::string gold_json;                  // ""      gold JSON (gold.h)
  std::string gold_text;                  // ""      GoldPlainText
};

struct RenderSummary {
  int pages = 0;
  std::vector<PageTransform> transforms;  // one per page when degraded
};

// Runs `job` on `doc`, creating directories as needed. Errors: kIo,
// kInvalidArgument (e.g. scan_pdf without degrade), kInternal.
Result<RenderSummary> RunRenderJob(const RenderedDocument& doc, const RenderJob& job);

}  // namespace vnplan::synth

#endif  // VNPLAN_TOOLS_SYNTH_RENDER_JOB_H_
