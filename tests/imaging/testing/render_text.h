// Test helper: renders Vietnamese text with Pango/Cairo into a GrayImage or a
// one-page PDF with a real text layer, so scan-stage tests build their own
// small inputs instead of committing large fixtures.
#ifndef VNPLAN_TESTS_IMAGING_TESTING_RENDER_TEXT_H_
#define VNPLAN_TESTS_IMAGING_TESTING_RENDER_TEXT_H_

#include <filesystem>
#include <string>

#include "common/image.h"

namespace vnplan::testing {

// Renders `text` ('\n' separates lines) in `font` (a Pango description such
// as "DejaVu Serif 12") at `dpi`, black on white, with `margin_px` of white
// around it. GrayImage::dpi is set to `dpi`.
GrayImage RenderText(const std::string& text, int dpi,
                     const std::string& font = "DejaVu Serif 12", int margin_px = 60);

// Writes a one-page PDF (A5 portrait) with `text` at the top-left margin as
// real (extractable) text. Returns false on failure.
bool WriteTextPdf(const std::filesystem::path& path, const std::string& text,
                  const std::string& font = "DejaVu Serif 12");

// Like WriteTextPdf, plus colour: a red seal ring (centre (150 pt, 70 pt),
// radius 45 pt, 4 pt wide) multiplied over the text like stamp ink, and
// filled 60 x 60 pt squares:
// red (0.85, 0.12, 0.12) at (300, 450), blue (0.1, 0.25, 0.8) at
// (300, 520) and black at (200, 450) (top-left corners, points, origin
// top-left).
bool WriteColorPdf(const std::filesystem::path& path, const std::string& text,
                   const std::string& font = "DejaVu Serif 12");

// Writes a PDF with `pages` pages each showing "Trang N" (1-based).
bool WriteMultiPagePdf(const std::filesystem::path& path, int pages);

}  // namespace vnplan::testing

#endif  // VNPLAN_TESTS_IMAGING_TESTING_RENDER_TEXT_H_
