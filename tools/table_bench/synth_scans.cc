#include "synth_scans.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <optional>
#include <random>

#include <nlohmann/json.hpp>

#include "synth/synth.h"

namespace vnplan::table_bench {

Result<ScannedPlan> MakeScannedPlan(const ScanOptions& options, const synth::PlanTable& table) {
  synth::PlanOptions plan_options;
  plan_options.seed = options.seed;
  plan_options.criteria_count = options.criteria;
  synth::GeneratedPlan plan = synth::GeneratePlan(plan_options, table);
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

Result<std::vector<synth::GoldCriterion>> LoadCriteriaJson(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::unexpected(Error{ErrorCode::kInputError, "cannot read " + path});
  nlohmann::json doc = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return std::unexpected(Error{ErrorCode::kInputError, path + ": not JSON"});
  const nlohmann::json& rows = doc.is_object() && doc.contains("criteria") ? doc["criteria"] : doc;
  if (!rows.is_array()) {
    return std::unexpected(Error{ErrorCode::kInputError, path + ": no criteria array"});
  }
  auto text = [](const nlohmann::json& row, const char* key) {
    auto it = row.find(key);
    return it != row.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  std::vector<synth::GoldCriterion> out;
  for (const nlohmann::json& row : rows) {
    if (!row.is_object()) return std::unexpected(Error{ErrorCode::kInputError, path + ": row not an object"});
    synth::GoldCriterion c;
    c.level = text(row, "level");
    if (auto it = row.find("standard"); it != row.end() && it->is_number_integer()) {
      c.standard = it->get<int>();
    }
    c.standard_title = text(row, "standard_title");
    c.criterion = text(row, "criterion");
    c.criterion_label = text(row, "criterion_label");
    c.expected_result = text(row, "expected_result");
    c.actions = text(row, "actions");
    c.responsible = text(row, "responsible");
    c.timeline = text(row, "timeline");
    c.budget = text(row, "budget");
    c.other_support = text(row, "other_support");
    c.notes = text(row, "notes");
    out.push_back(std::move(c));
  }
  return out;
}

std::string DrawWidths(uint64_t seed) {
  constexpr int kBase[] = {4, 12, 17, 21, 12, 11, 9, 10, 6};
  std::mt19937_64 rng(seed * 0x2545F4914F6CDD1DULL + 7);
  std::uniform_real_distribution<double> scale(0.7, 1.4);
  std::string out;
  for (int w : kBase) {
    if (!out.empty()) out += ' ';
    out += std::to_string(std::max(2, static_cast<int>(std::lround(w * scale(rng)))));
  }
  return out;
}

}  // namespace vnplan::table_bench
