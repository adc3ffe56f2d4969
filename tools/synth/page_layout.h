// Page layout and clean rendering: Document (markdown_doc.h) -> pages on
// A4 (portrait or landscape) laid out with Pango, drawn with Cairo either
// into a born-digital PDF with a real text layer or into grayscale page
// images at any dpi, plus the Gold (gold.h) text and table-cell boxes.
// The layout is computed once in PDF points; the PDF and every image are
// replays of the same layout, so gold boxes fit all of them.
#ifndef VNPLAN_TOOLS_SYNTH_PAGE_LAYOUT_H_
#define VNPLAN_TOOLS_SYNTH_PAGE_LAYOUT_H_

#include <memory>
#include <string>

#include "common/error.h"
#include "common/image.h"
#include "synth/gold.h"
#include "synth/markdown_doc.h"

namespace vnplan::synth {

// Option                 Default             Meaning
struct LayoutOptions {
  bool landscape = false;                     // A4 landscape (842x595 pt)
  std::string font_family = "Liberation Serif";  // any fontconfig family
  double font_size_pt = 13;                   // body text; headings +1 (level 1)
  double table_font_size_pt = 0;              // 0 = font_size_pt - 1
  double margin_top_pt = 56.7;                // 2 cm
  double margin_bottom_pt = 56.7;             // 2 cm
  double margin_left_pt = 70.9;               // 2.5 cm
  double margin_right_pt = 42.5;              // 1.5 cm
  double paragraph_spacing_pt = 6;            // space after a paragraph
  double cell_padding_pt = 3;                 // inside each table cell
  double grid_line_width_pt = 0.6;            // table rules
  bool repeat_header = false;                 // repeat header rows per page
  bool legacy_tcvn3 = false;                  // PDF text layer = TCVN3 bytes
                                              // seen as CP1252 (glyphs stay
                                              // Vietnamese; see tcvn3.h)
};

// A laid-out document. Move-only; owns its Pango objects.
class RenderedDocument {
 public:
  // Lays `doc` out. Errors: kInvalidArgument (font size), kDependency
  // (Pango/Cairo unusable, or font_family not installed).
  static Result<RenderedDocument> Create(const Document& doc, const LayoutOptions& options);

  RenderedDocument(RenderedDocument&&) noexcept;
  RenderedDocument& operator=(RenderedDocument&&) noexcept;
  ~RenderedDocument();

  int page_count() const;
  double page_width_pt() const;
  double page_height_pt() const;
  // Gold text (always Unicode, even in legacy_tcvn3 mode) and table boxes.
  const Gold& gold() const;

  // Writes a vector PDF with a text layer. Errors: kIo.
  Status WritePdf(const std::string& path) const;

  // Renders page `index` (0-based) as 8-bit gray (white paper) at `dpi`.
  // Errors: kInvalidArgument (index/dpi out of range), kInternal.
  Result<GrayImage> RenderPage(int index, int dpi) const;

 private:
  struct Impl;
  explicit RenderedDocument(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vnplan::synth

#endif  // VNPLAN_TOOLS_SYNTH_PAGE_LAYOUT_H_
