// Internal to tools/synth: RAII wrappers around the GObject/Cairo handles
// the generator uses, a Pango context set up for resolution-independent
// layout (72 dpi = PDF points, no hinting, unrounded glyph positions), and
// inline Markdown -> Pango markup conversion.
#ifndef VNPLAN_TOOLS_SYNTH_PANGO_UTIL_H_
#define VNPLAN_TOOLS_SYNTH_PANGO_UTIL_H_

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/image.h"

namespace vnplan::synth::internal {

struct GObjectUnref {
  void operator()(void* p) const {
    if (p) g_object_unref(p);
  }
};
struct CairoDestroy {
  void operator()(cairo_t* p) const {
    if (p) cairo_destroy(p);
  }
};
struct SurfaceDestroy {
  void operator()(cairo_surface_t* p) const {
    if (p) cairo_surface_destroy(p);
  }
};
struct FontDescFree {
  void operator()(PangoFontDescription* p) const {
    if (p) pango_font_description_free(p);
  }
};
using FontMapPtr = std::unique_ptr<PangoFontMap, GObjectUnref>;
using ContextPtr = std::unique_ptr<PangoContext, GObjectUnref>;
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;
using CairoPtr = std::unique_ptr<cairo_t, CairoDestroy>;
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDestroy>;
using FontDescPtr = std::unique_ptr<PangoFontDescription, FontDescFree>;

// A font map + context whose layouts measure in points and render
// identically on PDF and image surfaces. The map must outlive the context.
struct PangoSetup {
  FontMapPtr font_map;
  ContextPtr context;
};
PangoSetup MakePangoSetup();

// kDependency unless `family` is installed (fontconfig would otherwise
// silently substitute another family).
Status CheckFontFamily(const PangoSetup& setup, const std::string& family);

// Markup for inline Markdown `md`. `plain` receives the plain text (code
// points); `map` receives, for each code point of the layout's text, the
// index of the plain code point it came from (identity today; kept so the
// layout text may differ from the gold text).
std::string InlineToMarkup(std::string_view md, std::u32string* plain, std::vector<int>* map);

// Draws `line` of `layout` with its left baseline end at (x, baseline) like
// pango_cairo_show_layout_line, but gives every glyph cluster the TCVN3
// bytes of its text shown as Windows-1252 as its text: the glyphs look right
// while the PDF text layer reads like a .VnTime PDF ("KÕ ho¹ch").
void ShowLineWithTcvn3Text(cairo_t* cr, PangoLayout* layout, PangoLayoutLine* line, double x,
                           double baseline);

// Converts a Cairo A8 surface (alpha = ink) to a GrayImage (255 = paper).
GrayImage A8ToGray(cairo_surface_t* surface, int dpi);

}  // namespace vnplan::synth::internal

#endif  // VNPLAN_TOOLS_SYNTH_PANGO_UTIL_H_
