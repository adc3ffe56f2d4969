#include "synth/pango_util.h"

#include "common/utf8.h"
#include "synth/markdown_doc.h"
#include "synth/tcvn3.h"

namespace vnplan::synth::internal {

PangoSetup MakePangoSetup() {
  PangoSetup s;
  s.font_map.reset(pango_cairo_font_map_new());
  s.context.reset(pango_font_map_create_context(s.font_map.get()));
  pango_cairo_context_set_resolution(s.context.get(), 72.0);
  cairo_font_options_t* fo = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options(s.context.get(), fo);
  cairo_font_options_destroy(fo);
  pango_context_set_round_glyph_positions(s.context.get(), FALSE);
  return s;
}

namespace {
void AppendEscaped(std::string_view text, std::string* out) {
  gchar* esc = g_markup_escape_text(text.data(), static_cast<gssize>(text.size()));
  *out += esc;
  g_free(esc);
}
}  // namespace

std::string InlineToMarkup(std::string_view md, bool tcvn3, std::u32string* plain,
                           std::vector<int>* map) {
  plain->clear();
  map->clear();
  std::string markup = "<span insert_hyphens=\"false\">";
  for (const InlineRun& run : ParseInline(md)) {
    if (run.bold) markup += "<b>";
    if (run.italic) markup += "<i>";
    std::string shown;
    size_t pos = 0;
    while (pos < run.text.size()) {
      char32_t c = NextCodePoint(run.text, &pos);
      int index = static_cast<int>(plain->size());
      plain->push_back(c);
      if (!tcvn3 || c < 0x80) {
        AppendUtf8(c, &shown);
        map->push_back(index);
      } else {
        std::string one;
        AppendUtf8(c, &one);
        std::string bytes = Tcvn3Encode(one);
        for (unsigned char b : bytes) {
          AppendUtf8(static_cast<char32_t>(b), &shown);
          map->push_back(index);
        }
      }
    }
    AppendEscaped(shown, &markup);
    if (run.italic) markup += "</i>";
    if (run.bold) markup += "</b>";
  }
  markup += "</span>";
  return markup;
}

GrayImage A8ToGray(cairo_surface_t* surface, int dpi) {
  cairo_surface_flush(surface);
  GrayImage img;
  img.width = cairo_image_surface_get_width(surface);
  img.height = cairo_image_surface_get_height(surface);
  img.dpi = dpi;
  img.pixels.resize(static_cast<size_t>(img.width) * img.height);
  const unsigned char* data = cairo_image_surface_get_data(surface);
  int stride = cairo_image_surface_get_stride(surface);
  for (int y = 0; y < img.height; ++y) {
    const unsigned char* row = data + static_cast<size_t>(y) * stride;
    uint8_t* out = img.pixels.data() + static_cast<size_t>(y) * img.width;
    for (int x = 0; x < img.width; ++x) out[x] = static_cast<uint8_t>(255 - row[x]);
  }
  return img;
}

}  // namespace vnplan::synth::internal
