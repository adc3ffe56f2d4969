// Image-only PDF writer: degraded page images -> a PDF like a scanner makes
// (one full-page image per page, no text layer). Images are embedded as
// JPEG (DCT, gray) or losslessly (Flate) through Cairo.
#ifndef VNPLAN_TOOLS_SYNTH_SCAN_PDF_H_
#define VNPLAN_TOOLS_SYNTH_SCAN_PDF_H_

#include <memory>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/image.h"
#include "synth/color_image.h"

namespace vnplan::synth {

// Streams pages into an image-only PDF (Begin / AddPage... / End, like
// Tesseract's renderers), so a long document need not be held in memory.
// Each page's size in points is its pixel size * 72 / its dpi.
class ImagePdfWriter {
 public:
  ImagePdfWriter();
  ~ImagePdfWriter();  // finishes the file if End was not called
  ImagePdfWriter(const ImagePdfWriter&) = delete;
  ImagePdfWriter& operator=(const ImagePdfWriter&) = delete;

  // `jpeg_quality` 1..100 embeds JPEG, 0 embeds Flate. Errors: kIo,
  // kInvalidArgument.
  Status Begin(const std::string& path, int jpeg_quality);
  // Errors: kInvalidArgument (no dpi, not begun), kIo, kInternal.
  Status AddPage(const GrayImage& page);
  Status AddPage(const RgbImage& page);
  // Errors: kInvalidArgument (no page added), kIo.
  Status End();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Writes `pages` to `path` in one go (ImagePdfWriter); each page's size in points is its pixel size
// * 72 / its dpi. `jpeg_quality` 1..100 embeds JPEG, 0 embeds Flate.
// Errors: kInvalidArgument (no pages, dpi 0), kIo.
Status WriteImagePdf(const std::vector<GrayImage>& pages, int jpeg_quality,
                     const std::string& path);

// Writes one page image as PNG (8-bit gray; zlib level `compression`
// 0..9; <= 1 also turns row filters off and selects Huffman-only coding,
// fastest for noisy images) with a pHYs chunk carrying image.dpi (if > 0),
// via libpng. Errors: kInvalidArgument (malformed image), kIo.
Status WritePng(const GrayImage& image, const std::string& path, int compression = 3);
// The same for an RGB image.
Status WritePng(const RgbImage& image, const std::string& path, int compression = 3);

}  // namespace vnplan::synth

#endif  // VNPLAN_TOOLS_SYNTH_SCAN_PDF_H_
