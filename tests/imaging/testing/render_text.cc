#include "testing/render_text.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <functional>

namespace vnplan::testing {
namespace {

PangoLayout* MakeLayout(cairo_t* cr, const std::string& text, const std::string& font,
                        double dpi) {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  pango_cairo_context_set_resolution(pango_layout_get_context(layout), dpi);
  pango_layout_context_changed(layout);
  PangoFontDescription* desc = pango_font_description_from_string(font.c_str());
  pango_layout_set_font_description(layout, desc);
  pango_font_description_free(desc);
  pango_layout_set_text(layout, text.c_str(), -1);
  return layout;
}

}  // namespace

GrayImage RenderText(const std::string& text, int dpi, const std::string& font, int margin_px) {
  // Measure on a scratch surface first.
  cairo_surface_t* scratch = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
  cairo_t* scr = cairo_create(scratch);
  PangoLayout* probe = MakeLayout(scr, text, font, dpi);
  int tw = 0, th = 0;
  pango_layout_get_pixel_size(probe, &tw, &th);
  g_object_unref(probe);
  cairo_destroy(scr);
  cairo_surface_destroy(scratch);

  const int w = tw + 2 * margin_px, h = th + 2 * margin_px;
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_move_to(cr, margin_px, margin_px);
  PangoLayout* layout = MakeLayout(cr, text, font, dpi);
  pango_cairo_show_layout(cr, layout);
  g_object_unref(layout);
  cairo_surface_flush(surface);

  GrayImage image;
  image.width = w;
  image.height = h;
  image.dpi = dpi;
  image.pixels.resize(static_cast<size_t>(w) * h);
  const unsigned char* data = cairo_image_surface_get_data(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  for (int y = 0; y < h; ++y) {
    const uint32_t* row = reinterpret_cast<const uint32_t*>(data + static_cast<size_t>(y) * stride);
    for (int x = 0; x < w; ++x) {
      const uint32_t p = row[x];
      const int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
      image.pixels[static_cast<size_t>(y) * w + x] = static_cast<uint8_t>((r * 3 + g * 6 + b) / 10);
    }
  }
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
  return image;
}

namespace {

// One A5-ish PDF page with `text` at (36 pt, 36 pt), then `extra` drawing
// on top; false if cairo failed.
bool WritePdfPage(const std::filesystem::path& path, const std::string& text,
                  const std::string& font, const std::function<void(cairo_t*)>& extra) {
  cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), 420, 595);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) return false;
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_move_to(cr, 36, 36);
  PangoLayout* layout = MakeLayout(cr, text, font, 72);
  pango_cairo_show_layout(cr, layout);
  g_object_unref(layout);
  if (extra) extra(cr);
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const bool ok = cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS;
  cairo_surface_destroy(surface);
  return ok;
}

}  // namespace

bool WriteTextPdf(const std::filesystem::path& path, const std::string& text,
                  const std::string& font) {
  return WritePdfPage(path, text, font, nullptr);
}

bool WriteColorPdf(const std::filesystem::path& path, const std::string& text,
                   const std::string& font) {
  return WritePdfPage(path, text, font, [](cairo_t* cr) {
    // A red seal ring over the text, inked like a stamp (multiplied: print
    // under it stays black), then the three colour squares.
    cairo_set_operator(cr, CAIRO_OPERATOR_MULTIPLY);
    cairo_set_source_rgb(cr, 0.85, 0.12, 0.12);
    cairo_set_line_width(cr, 4);
    cairo_new_path(cr);
    cairo_arc(cr, 150, 70, 45, 0, 2 * G_PI);
    cairo_stroke(cr);
    cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
    cairo_rectangle(cr, 300, 450, 60, 60);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.1, 0.25, 0.8);
    cairo_rectangle(cr, 300, 520, 60, 60);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_rectangle(cr, 200, 450, 60, 60);
    cairo_fill(cr);
  });
}

bool WriteMultiPagePdf(const std::filesystem::path& path, int pages) {
  cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), 420, 595);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) return false;
  cairo_t* cr = cairo_create(surface);
  for (int i = 1; i <= pages; ++i) {
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_move_to(cr, 36, 36);
    PangoLayout* layout = MakeLayout(cr, "Trang " + std::to_string(i), "DejaVu Sans 14", 72);
    pango_cairo_show_layout(cr, layout);
    g_object_unref(layout);
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const bool ok = cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS;
  cairo_surface_destroy(surface);
  return ok;
}

}  // namespace vnplan::testing
