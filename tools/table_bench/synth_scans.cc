#include "synth_scans.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "synth/synth.h"

namespace vnplan::table_bench {

Result<ScannedPlan> MakeScannedPlan(const ScanOptions& options) {
  synth::PlanOptions plan_options;
  plan_options.seed = options.seed;
  plan_options.criteria_count = options.criteria;
  synth::GeneratedPlan plan = synth::GeneratePlan(plan_options);
  if (!options.borders) {
    // "<!-- noborder -->" before the plan table (and its widths comment).
    size_t header = plan.markdown.find("\n| TT |");
    if (header != std::string::npos) {
      size_t at = header + 1;
      size_t widths = plan.markdown.rfind("<!-- widths:", header);
      if (widths != std::string::npos && plan.markdown.find('\n', widths) == header) at = widths;
      plan.markdown.insert(at, "<!-- noborder -->\n");
    }
  }
  auto doc = synth::ParseMarkdown(plan.markdown);
  if (!doc) return std::unexpected(doc.error());
  synth::LayoutOptions layout;
  layout.landscape = true;
  layout.repeat_header = true;
  auto rendered = synth::RenderedDocument::Create(*doc, layout);
  if (!rendered) return std::unexpected(rendered.error());
  std::optional<synth::DegradeOptions> degrade;
  if (!options.degrade.empty()) {
    auto preset = synth::DegradePreset(options.degrade);
    if (!preset) return std::unexpected(preset.error());
    degrade = *preset;
    degrade->seed = options.seed;
    if (options.skew_deg >= 0) degrade->skew_deg = options.skew_deg;
  }
  ScannedPlan out;
  out.criteria = plan.criteria;
  const synth::Gold& gold = rendered->gold();
  for (int p = 0; p < rendered->page_count(); ++p) {
    auto clean = rendered->RenderPage(p, options.dpi);
    if (!clean) return std::unexpected(clean.error());
    ScannedPage page;
    std::array<double, 6> affine{1, 0, 0, 0, 1, 0};
    if (degrade) {
      auto scan = synth::Degrade(*clean, *degrade, p);
      if (!scan) return std::unexpected(scan.error());
      page.image = std::move(scan->image);
      page.image.dpi = scan->transform.dpi;
      affine = scan->transform.affine;
    } else {
      page.image = std::move(*clean);
      page.image.dpi = options.dpi;
    }
    const double k = options.dpi / 72.0;
    for (const auto& table : gold.tables) {
      for (const auto& b : table.boxes) {
        if (b.page != p + 1) continue;
        double xs[4] = {b.rect.x0 * k, b.rect.x1 * k, b.rect.x0 * k, b.rect.x1 * k};
        double ys[4] = {b.rect.y0 * k, b.rect.y0 * k, b.rect.y1 * k, b.rect.y1 * k};
        double x0 = 1e18, y0 = 1e18, x1 = -1e18, y1 = -1e18;
        for (int i = 0; i < 4; ++i) {
          double x = affine[0] * xs[i] + affine[1] * ys[i] + affine[2];
          double y = affine[3] * xs[i] + affine[4] * ys[i] + affine[5];
          x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
        }
        GoldCell cell;
        cell.box = Box{static_cast<int>(std::floor(x0)), static_cast<int>(std::floor(y0)),
                       static_cast<int>(std::ceil(x1)), static_cast<int>(std::ceil(y1))};
        const auto& row = table.rows[b.row];
        if (b.part == 0 && b.col < static_cast<int>(row.cells.size())) cell.text = row.cells[b.col];
        cell.header = row.header;
        page.cells.push_back(std::move(cell));
      }
    }
    out.pages.push_back(std::move(page));
  }
  return out;
}

}  // namespace vnplan::table_bench
