// Opening an input document (PDF or raster image) and turning its pages into
// grayscale rasters and, for PDFs, a positioned text layer. Input: a path;
// output: GrayImage per page (common/image.h) and Page (common/page.h) with
// word boxes scaled to the requested dpi and the PDF font names.
//
// Every failure is reported as ErrorCode::kInputError with a message meant
// for the user ("encrypted PDF (password required)", "corrupt PDF",
// "empty document (0 pages)", "image too large: ..."). Resource limits are
// enforced before decoding whenever the format lets us read dimensions first
// (image headers, PDF page boxes), which guards against decompression bombs.
//
// Thread safety: a SourceDocument is not thread-safe. Open one per worker
// thread; separate instances on the same file are independent.
#ifndef VNPLAN_INGEST_SOURCE_DOCUMENT_H_
#define VNPLAN_INGEST_SOURCE_DOCUMENT_H_

#include <cstdint>
#include <filesystem>
#include <memory>

#include "common/error.h"
#include "common/image.h"
#include "common/page.h"

namespace vnplan::ingest {

// Limits applied when opening and rendering a document.
struct IngestOptions {
  // Largest page raster we agree to decode or render, in pixels
  // (width * height). Default 150 megapixels (A3 at 600 dpi is ~70 MP).
  int64_t max_page_pixels = 150'000'000;
  // Largest page count accepted. Default 2000.
  int max_pages = 2000;
  // Largest input file accepted, in bytes. Default 2 GiB.
  int64_t max_file_bytes = int64_t{2} << 30;
  // Colour pages (colour PNG/JPEG/TIFF, PDF pages) become gray with
  // strongly coloured ink (red/blue seals, blue-pen signatures, coloured
  // text too) lightened towards paper, see ingest/color_to_gray.h. false:
  // plain luminance. Default true.
  bool lighten_colored_ink = true;
};

enum class SourceKind { kPdf, kImage };

// Returns "pdf" or "image".
const char* SourceKindName(SourceKind kind);

class PageSource;  // internal: one implementation per backing library

class SourceDocument {
 public:
  // Opens `path`, sniffing its format from the first bytes (not the
  // extension). PDFs go through poppler-cpp; PNG, JPEG, TIFF (multi-page),
  // BMP, PNM, WebP, GIF through Leptonica.
  static Result<SourceDocument> Open(const std::filesystem::path& path,
                                     const IngestOptions& options = {});

  SourceDocument(SourceDocument&&) noexcept;
  SourceDocument& operator=(SourceDocument&&) noexcept;
  ~SourceDocument();

  SourceKind kind() const { return kind_; }
  const std::filesystem::path& path() const { return path_; }
  int page_count() const;

  // Renders page `index` (0-based) as 8-bit gray. PDFs are rendered at
  // `dpi` (anti-aliased); images are decoded at their native size and
  // GrayImage::dpi is their stored resolution, or 0 when none is stored
  // (`dpi` is not applied to images: imaging::CleanPage estimates it).
  // Fails with kInputError when the raster would exceed max_page_pixels,
  // and with kInvalidArgument for a bad index or dpi.
  Result<GrayImage> RenderPage(int index, int dpi) const;

  // The PDF text layer of page `index`: words with boxes in pixels at `dpi`
  // (origin top-left), font names, grouped into lines and blocks by
  // position. Image pages yield a Page with no blocks. Page::mean_confidence
  // is 100 when the page has words.
  Result<Page> TextLayer(int index, int dpi) const;

 private:
  SourceDocument(SourceKind kind, std::filesystem::path path,
                 std::unique_ptr<PageSource> source);

  SourceKind kind_;
  std::filesystem::path path_;
  std::unique_ptr<PageSource> source_;
};

// Same as SourceDocument::Open.
Result<SourceDocument> OpenSource(const std::filesystem::path& path,
                                  const IngestOptions& options = {});

}  // namespace vnplan::ingest

#endif  // VNPLAN_INGEST_SOURCE_DOCUMENT_H_
