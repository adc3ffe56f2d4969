#include "synth/line_renderer.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include <opencv2/core.hpp>

#include "common/utf8.h"
#include "synth/degrade.h"
#include "synth/pango_util.h"
#include "synth/scan_pdf.h"

namespace vnplan::synth {

using internal::CairoPtr;
using internal::FontDescPtr;
using internal::LayoutPtr;
using internal::SurfacePtr;

struct LineRenderer::Impl {
  LineRenderOptions options;
  internal::PangoSetup pango;
};

LineRenderer::LineRenderer(const LineRenderOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  if (impl_->options.fonts.empty()) impl_->options.fonts = LineRenderOptions{}.fonts;
  impl_->pango = internal::MakePangoSetup();
}

LineRenderer::~LineRenderer() = default;

Result<RenderedLine> LineRenderer::Render(std::string_view text, int index) {
  const LineRenderOptions& o = impl_->options;
  if (text.empty()) return MakeError(ErrorCode::kInvalidArgument, "empty line");
  if (o.dpi < 36 || o.dpi > 1200) return MakeError(ErrorCode::kInvalidArgument, "bad dpi");
  if (o.min_size_pt <= 0 || o.max_size_pt < o.min_size_pt || o.max_size_pt > 200) {
    return MakeError(ErrorCode::kInvalidArgument, "bad font size range");
  }
  std::mt19937_64 gen(o.seed * 0x9E3779B97F4A7C15ULL + static_cast<uint64_t>(index) * 7919 + 1);
  auto uniform = [&](double a, double b) {
    return a + (b - a) * (static_cast<double>(gen() >> 11) * (1.0 / 9007199254740992.0));
  };
  RenderedLine out;
  size_t fi = static_cast<size_t>(uniform(0, static_cast<double>(o.fonts.size())));
  fi = std::min(fi, o.fonts.size() - 1);
  int steps = static_cast<int>(std::round((o.max_size_pt - o.min_size_pt) * 2));
  out.size_pt = o.min_size_pt + 0.5 * std::min(steps, static_cast<int>(uniform(0, steps + 1)));
  bool bold = uniform(0, 1) < o.bold_probability;
  out.font = o.fonts[fi] + (bold ? " Bold" : "");
  uint64_t degrade_seed = gen();

  LayoutPtr layout(pango_layout_new(impl_->pango.context.get()));
  FontDescPtr desc(pango_font_description_from_string(o.fonts[fi].c_str()));
  pango_font_description_set_absolute_size(desc.get(), out.size_pt * PANGO_SCALE);
  if (bold) pango_font_description_set_weight(desc.get(), PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description(layout.get(), desc.get());
  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  PangoRectangle ink, logical;
  pango_layout_get_extents(layout.get(), &ink, &logical);
  double s = o.dpi / 72.0;
  double margin_pt = out.size_pt * 0.6;
  double x0 = std::min(pango_units_to_double(ink.x), pango_units_to_double(logical.x)) - margin_pt;
  double x1 = std::max(pango_units_to_double(ink.x + ink.width),
                       pango_units_to_double(logical.x + logical.width)) + margin_pt;
  double y0 = std::min(pango_units_to_double(ink.y), pango_units_to_double(logical.y)) - margin_pt;
  double y1 = std::max(pango_units_to_double(ink.y + ink.height),
                       pango_units_to_double(logical.y + logical.height)) + margin_pt;
  int w = std::max(8, static_cast<int>(std::ceil((x1 - x0) * s)));
  int h = std::max(8, static_cast<int>(std::ceil((y1 - y0) * s)));
  if (static_cast<int64_t>(w) * h > 100'000'000) {
    return MakeError(ErrorCode::kInvalidArgument, "line too long to render");
  }
  SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_A8, w, h));
  CairoPtr cr(cairo_create(surface.get()));
  cairo_scale(cr.get(), s, s);
  cairo_translate(cr.get(), -x0, -y0);
  cairo_set_source_rgb(cr.get(), 0, 0, 0);
  pango_cairo_show_layout(cr.get(), layout.get());
  cr.reset();
  GrayImage clean = internal::A8ToGray(surface.get(), o.dpi);
  if (!o.degrade) {
    out.image = std::move(clean);
    return out;
  }
  DegradeOptions d;
  d.seed = degrade_seed;
  d.skew_deg = 0.3;
  d.skew_jitter = true;
  d.blur_sigma = uniform(0.3, 0.9) * o.dpi / 300.0;
  d.gaussian_noise = uniform(1.5, 4.5);
  d.jpeg_quality = static_cast<int>(uniform(70, 96));
  d.speckles = static_cast<int>(uniform(0, 3));
  auto deg = Degrade(clean, d, 0);
  if (!deg) return std::unexpected(deg.error());
  out.image = std::move(deg->image);
  return out;
}

Result<int> RenderLinesToDir(std::string_view text, const std::string& out_dir,
                             const LineRenderOptions& options) {
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) return MakeError(ErrorCode::kIo, "cannot create " + out_dir + ": " + ec.message());
  std::ofstream tsv(std::filesystem::path(out_dir) / "lines.tsv", std::ios::binary);
  if (!tsv) return MakeError(ErrorCode::kIo, "cannot write lines.tsv in " + out_dir);
  tsv << "index\tfont\tsize_pt\ttext\n";
  {
    internal::PangoSetup setup = internal::MakePangoSetup();
    for (const auto& f : options.fonts) {
      if (auto s = internal::CheckFontFamily(setup, f); !s) return std::unexpected(s.error());
    }
  }
  LineRenderer renderer(options);
  // Small images: OpenCV's worker threads cost more than they save.
  const int cv_threads = cv::getNumThreads();
  cv::setNumThreads(1);
  struct Restore {
    int n;
    ~Restore() { cv::setNumThreads(n); }
  } restore{cv_threads};
  int count = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty() || !IsValidUtf8(line)) continue;  // invalid UTF-8 lines are skipped
    if (options.limit > 0 && count >= options.limit) break;
    auto r = renderer.Render(line, count);
    if (!r) return std::unexpected(r.error());
    char name[32];
    std::snprintf(name, sizeof name, "%06d", count);
    auto base = std::filesystem::path(out_dir) / name;
    if (auto s = WritePng(r->image, base.string() + ".png", 1); !s) return std::unexpected(s.error());
    std::ofstream gt(base.string() + ".gt.txt", std::ios::binary);
    gt << line << "\n";
    if (!gt) return MakeError(ErrorCode::kIo, "cannot write " + base.string() + ".gt.txt");
    std::string tsv_text(line);
    for (char& c : tsv_text) {
      if (c == '\t') c = ' ';
    }
    tsv << name << '\t' << r->font << '\t' << r->size_pt << '\t' << tsv_text << '\n';
    ++count;
  }
  if (!tsv) return MakeError(ErrorCode::kIo, "writing lines.tsv failed");
  return count;
}

}  // namespace vnplan::synth
