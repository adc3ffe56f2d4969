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

Status CheckFontFamily(const PangoSetup& setup, const std::string& family) {
  FontDescPtr desc(pango_font_description_from_string(family.c_str()));
  PangoFont* font = pango_font_map_load_font(setup.font_map.get(), setup.context.get(), desc.get());
  if (font == nullptr) return MakeError(ErrorCode::kDependency, "no usable font for " + family);
  FontDescPtr got(pango_font_describe(font));
  g_object_unref(font);
  const char* have_c = pango_font_description_get_family(got.get());
  std::string have = have_c ? have_c : "";
  auto lower = [](std::string v) {
    for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return v;
  };
  // Compare with the parsed family: "DejaVu Serif Condensed" is the family
  // "DejaVu Serif" with a condensed stretch.
  const char* want_c = pango_font_description_get_family(desc.get());
  std::string want = want_c ? want_c : family;
  if (lower(have) != lower(want)) {
    return MakeError(ErrorCode::kDependency,
                     "font family '" + family + "' is not installed (would fall back to '" + have + "')");
  }
  return {};
}

namespace {
void AppendEscaped(std::string_view text, std::string* out) {
  gchar* esc = g_markup_escape_text(text.data(), static_cast<gssize>(text.size()));
  *out += esc;
  g_free(esc);
}
}  // namespace

std::string InlineToMarkup(std::string_view md, std::u32string* plain, std::vector<int>* map) {
  plain->clear();
  map->clear();
  std::string markup = "<span insert_hyphens=\"false\">";
  for (const InlineRun& run : ParseInline(md)) {
    if (run.bold) markup += "<b>";
    if (run.italic) markup += "<i>";
    size_t pos = 0;
    while (pos < run.text.size()) {
      char32_t c = NextCodePoint(run.text, &pos);
      map->push_back(static_cast<int>(plain->size()));
      plain->push_back(c);
    }
    AppendEscaped(run.text, &markup);
    if (run.italic) markup += "</i>";
    if (run.bold) markup += "</b>";
  }
  markup += "</span>";
  return markup;
}

void ShowLineWithTcvn3Text(cairo_t* cr, PangoLayout* layout, PangoLayoutLine* line, double x,
                           double baseline) {
  const char* text = pango_layout_get_text(layout);
  double run_x = x;
  for (GSList* l = line->runs; l != nullptr; l = l->next) {
    auto* run = static_cast<PangoGlyphItem*>(l->data);
    PangoItem* item = run->item;
    PangoGlyphString* gs = run->glyphs;
    cairo_scaled_font_t* font =
        pango_cairo_font_get_scaled_font(reinterpret_cast<PangoCairoFont*>(item->analysis.font));
    std::vector<cairo_glyph_t> glyphs;
    std::vector<cairo_text_cluster_t> clusters;
    std::string utf8;
    double gx = run_x;
    int i = 0;
    while (i < gs->num_glyphs) {
      int j = i;
      while (j < gs->num_glyphs && gs->log_clusters[j] == gs->log_clusters[i]) ++j;
      int start = item->offset + gs->log_clusters[i];
      int end = item->offset + item->length;
      for (int k = j; k < gs->num_glyphs; ++k) {
        if (gs->log_clusters[k] > gs->log_clusters[i]) {
          end = item->offset + gs->log_clusters[k];
          break;
        }
      }
      int n_glyphs = 0;
      for (int k = i; k < j; ++k) {
        const PangoGlyphInfo& gi = gs->glyphs[k];
        if (gi.glyph != PANGO_GLYPH_EMPTY && !(gi.glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
          glyphs.push_back({gi.glyph, gx + pango_units_to_double(gi.geometry.x_offset),
                            baseline + pango_units_to_double(gi.geometry.y_offset)});
          ++n_glyphs;
        }
        gx += pango_units_to_double(gi.geometry.width);
      }
      if (n_glyphs > 0 && end > start) {
        std::string bytes = Tcvn3Encode(std::string_view(text + start, end - start));
        std::string shown = Tcvn3AsCp1252(bytes);
        clusters.push_back({static_cast<int>(shown.size()), n_glyphs});
        utf8 += shown;
      } else if (n_glyphs > 0) {
        clusters.push_back({0, n_glyphs});
      }
      i = j;
    }
    if (!glyphs.empty() && font != nullptr) {
      cairo_set_scaled_font(cr, font);
      cairo_show_text_glyphs(cr, utf8.data(), static_cast<int>(utf8.size()), glyphs.data(),
                             static_cast<int>(glyphs.size()), clusters.data(),
                             static_cast<int>(clusters.size()), static_cast<cairo_text_cluster_flags_t>(0));
    }
    run_x = gx;
  }
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
