#include "synth/gold.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

namespace vnplan::synth {
namespace {

using Json = nlohmann::ordered_json;

Json BoxJson(const Box& b) { return Json::array({b.x0, b.y0, b.x1, b.y1}); }
Json PxBox(const PtRect& r, int dpi) { return BoxJson(PtRectToPixels(r, dpi)); }
Json MappedBox(const PtRect& r, int dpi, const PageTransform& t) {
  return BoxJson(PtRectToDegradedPixels(r, dpi, t));
}

}  // namespace

Box PtRectToPixels(const PtRect& r, int dpi) {
  double s = dpi / 72.0;
  return Box{static_cast<int>(std::floor(r.x0 * s)), static_cast<int>(std::floor(r.y0 * s)),
             static_cast<int>(std::ceil(r.x1 * s)), static_cast<int>(std::ceil(r.y1 * s))};
}

Box PtRectToDegradedPixels(const PtRect& r, int dpi, const PageTransform& t) {
  double s = dpi / 72.0;
  const auto& a = t.affine;
  double xs[2] = {r.x0 * s, r.x1 * s}, ys[2] = {r.y0 * s, r.y1 * s};
  double minx = 1e18, miny = 1e18, maxx = -1e18, maxy = -1e18;
  for (double x : xs) {
    for (double y : ys) {
      double u = a[0] * x + a[1] * y + a[2];
      double v = a[3] * x + a[4] * y + a[5];
      minx = std::min(minx, u), maxx = std::max(maxx, u);
      miny = std::min(miny, v), maxy = std::max(maxy, v);
    }
  }
  return Box{static_cast<int>(std::floor(minx)), static_cast<int>(std::floor(miny)),
             static_cast<int>(std::ceil(maxx)), static_cast<int>(std::ceil(maxy))};
}

int PtToPxSize(double pt, int dpi) { return static_cast<int>(std::ceil(pt * dpi / 72.0 - 1e-6)); }

std::string PageText(const GoldPage& page) {
  std::string out;
  for (size_t i = 0; i < page.lines.size(); ++i) {
    if (i) out += '\n';
    out += page.lines[i];
  }
  return out;
}

std::string GoldPlainText(const Gold& gold) {
  std::string out;
  for (size_t i = 0; i < gold.pages.size(); ++i) {
    out += PageText(gold.pages[i]);
    out += '\n';
    if (i + 1 < gold.pages.size()) out += '\f';
  }
  return out;
}

std::string GoldToJson(const Gold& gold, int dpi, const std::vector<PageTransform>& degraded) {
  Json j;
  j["format"] = "vnplan-synth-gold/1";
  j["dpi"] = dpi;
  j["landscape"] = gold.landscape;
  j["text_layer_encoding"] = gold.legacy_tcvn3 ? "tcvn3" : "unicode";
  Json pages = Json::array();
  for (size_t i = 0; i < gold.pages.size(); ++i) {
    const GoldPage& p = gold.pages[i];
    Json jp;
    jp["page"] = p.number;
    jp["width"] = PtToPxSize(p.width_pt, dpi);
    jp["height"] = PtToPxSize(p.height_pt, dpi);
    jp["text"] = PageText(p);
    Json lines = Json::array();
    for (size_t k = 0; k < p.lines.size(); ++k) {
      Json jl;
      jl["text"] = p.lines[k];
      if (k < p.line_boxes.size()) {
        jl["box"] = PxBox(p.line_boxes[k], dpi);
        if (i < degraded.size()) jl["degraded_box"] = MappedBox(p.line_boxes[k], dpi, degraded[i]);
      }
      lines.push_back(std::move(jl));
    }
    jp["lines"] = std::move(lines);
    if (i < degraded.size()) {
      const PageTransform& t = degraded[i];
      jp["degraded"] = {{"dpi", t.dpi},          {"width", t.width},
                        {"height", t.height},    {"skew_deg", t.skew_deg},
                        {"affine", Json(std::vector<double>(t.affine.begin(), t.affine.end()))}};
    }
    pages.push_back(std::move(jp));
  }
  j["pages"] = std::move(pages);
  Json tables = Json::array();
  for (size_t ti = 0; ti < gold.tables.size(); ++ti) {
    const GoldTable& t = gold.tables[ti];
    Json jt;
    jt["table"] = ti;
    jt["columns"] = t.columns;
    jt["borders"] = t.borders;
    jt["pages"] = t.pages;
    Json rows = Json::array();
    for (size_t ri = 0; ri < t.rows.size(); ++ri) {
      rows.push_back({{"row", ri},
                      {"cells", t.rows[ri].cells},
                      {"header", t.rows[ri].header},
                      {"level_row", t.rows[ri].level_row}});
    }
    jt["rows"] = std::move(rows);
    Json cells = Json::array();
    for (const GoldCellBox& b : t.boxes) {
      Json jc;
      jc["page"] = b.page;
      jc["row"] = b.row;
      jc["col"] = b.col;
      jc["box"] = PxBox(b.rect, dpi);
      if (b.page - 1 < static_cast<int>(degraded.size())) {
        jc["degraded_box"] = MappedBox(b.rect, dpi, degraded[b.page - 1]);
      }
      jc["part"] = b.part;
      jc["has_text"] = b.has_text;
      jc["repeated_header"] = b.repeated_header;
      cells.push_back(std::move(jc));
    }
    jt["cells"] = std::move(cells);
    tables.push_back(std::move(jt));
  }
  j["tables"] = std::move(tables);
  return j.dump(1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace vnplan::synth
