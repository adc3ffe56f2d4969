// Lines mode: one UTF-8 text line -> a tightly cropped single-line grayscale
// image with a randomly chosen font (serif/sans), size and light scan
// degradation; and a batch driver writing DIR/NNNNNN.png + NNNNNN.gt.txt
// (+ DIR/lines.tsv listing index, font, size, text) for OCR-confusion
// training.
#ifndef VNPLAN_TOOLS_SYNTH_LINE_RENDERER_H_
#define VNPLAN_TOOLS_SYNTH_LINE_RENDERER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/image.h"

namespace vnplan::synth {

// Option                Default   Meaning
struct LineRenderOptions {
  int dpi = 300;                   // output resolution
  uint64_t seed = 1;               // font/size/degradation choices
  double min_size_pt = 10;         // font size range (uniform, 0.5 pt steps)
  double max_size_pt = 14;
  std::vector<std::string> fonts = {"Liberation Serif", "Liberation Sans", "DejaVu Serif",
                                    "DejaVu Sans", "DejaVu Serif Condensed"};
  double bold_probability = 0.1;   // chance of a bold line
  bool degrade = true;             // light blur/noise/JPEG, skew <= 0.3 deg
  int limit = 0;                   // RenderLinesToDir: max lines, 0 = all
};

struct RenderedLine {
  GrayImage image;
  std::string font;  // family, with " Bold" if bold
  double size_pt = 0;
};

// Renders lines; keeps one Pango context for speed. Not thread-safe.
class LineRenderer {
 public:
  explicit LineRenderer(const LineRenderOptions& options);
  ~LineRenderer();
  LineRenderer(const LineRenderer&) = delete;
  LineRenderer& operator=(const LineRenderer&) = delete;

  // Renders line `index` (mixes into the seed). Errors: kInvalidArgument
  // for empty text, kInternal.
  Result<RenderedLine> Render(std::string_view text, int index);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Renders every non-empty, valid-UTF-8 line of `text` (others are skipped)
// into `out_dir` (created), named by
// a 0-based running number: 000000.png, 000000.gt.txt, ... Returns the count.
// Errors: kIo, kInvalidArgument, kDependency (a font family not installed).
Result<int> RenderLinesToDir(std::string_view text, const std::string& out_dir,
                             const LineRenderOptions& options);

}  // namespace vnplan::synth

#endif  // VNPLAN_TOOLS_SYNTH_LINE_RENDERER_H_
