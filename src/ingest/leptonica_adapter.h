// RAII wrappers and GrayImage conversions for Leptonica, shared by the image
// stages (ingest/, imaging/, ocr/). This is an adapter header for stage
// internals: it exposes Leptonica's Pix on purpose and is not part of the
// pipeline-facing API (source_document.h, imaging/cleanup.h, ocr/*.h).
#ifndef VNPLAN_INGEST_LEPTONICA_ADAPTER_H_
#define VNPLAN_INGEST_LEPTONICA_ADAPTER_H_

#include <allheaders.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/image.h"

namespace vnplan::lept {

struct PixDeleter {
  void operator()(Pix* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

struct PixaDeleter {
  void operator()(Pixa* pixa) const { pixaDestroy(&pixa); }
};
using PixaPtr = std::unique_ptr<Pixa, PixaDeleter>;

// Silences Leptonica's messages on stderr (idempotent, process-wide); we
// report errors ourselves.
void QuietLeptonica();

// Copies an 8-bit gray image into a new 8 bpp Pix (resolution = dpi).
PixPtr PixFromGray(const GrayImage& image);

// Converts any Pix (1/2/4/8/16/32 bpp, colormapped or not) to GrayImage.
// 1 bpp: 1 (foreground) becomes 0 (black). Returns kInternal on failure.
Result<GrayImage> GrayFromPix(Pix* pix);

// Like GrayFromPix, but colour images (32 bpp, or colour-mapped) are
// converted with ingest::GrayFromRgb (ingest/color_to_gray.h) and
// `lighten_colored_ink`.
Result<GrayImage> GrayFromPix(Pix* pix, bool lighten_colored_ink);

// Writes `pix` as PNG. kIo on failure.
Status WritePng(Pix* pix, const std::filesystem::path& path);

// Encodes `pix` as JPEG (8 bpp gray or 32 bpp) at `quality` 1..100.
Result<std::string> EncodeJpeg(Pix* pix, int quality);

// Decodes an in-memory image (JPEG, PNG, TIFF, ...: whatever Leptonica
// reads) to gray, e.g. an EncodeJpeg result. Trusted bytes only (no size
// limits: untrusted input goes through ingest::SourceDocument).
// kInternal if the bytes cannot be decoded.
Result<GrayImage> DecodeGray(std::string_view bytes);

}  // namespace vnplan::lept

#endif  // VNPLAN_INGEST_LEPTONICA_ADAPTER_H_
