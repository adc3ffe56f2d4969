// Leptonica adapter: Pix <-> GrayImage conversions and the raster-image
// PageSource (PNG, JPEG, TIFF incl. multi-page, BMP, PNM, WebP, GIF).
#include "ingest/leptonica_adapter.h"

#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>

#include "ingest/color_to_gray.h"
#include "ingest/page_source.h"

namespace vnplan::lept {

void QuietLeptonica() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

PixPtr PixFromGray(const GrayImage& image) {
  if (image.empty()) return nullptr;
  PixPtr pix(pixCreate(image.width, image.height, 8));
  if (!pix) return nullptr;
  pixSetResolution(pix.get(), image.dpi, image.dpi);
  // Leptonica keeps pixels in native-endian 32-bit words: copy the bytes
  // row by row, then swap them into place (a no-op on big-endian hosts).
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < image.height; ++y) {
    std::memcpy(data + static_cast<size_t>(y) * wpl,
                image.pixels.data() + static_cast<size_t>(y) * image.width, image.width);
  }
  pixEndianByteSwap(pix.get());
  return pix;
}

Result<GrayImage> GrayFromPix(Pix* pix) {
  if (pix == nullptr) return MakeError(ErrorCode::kInternal, "null image");
  PixPtr no_alpha;
  if (pixGetDepth(pix) == 32 && pixGetSpp(pix) == 4) {
    no_alpha.reset(pixRemoveAlpha(pix));
    if (no_alpha) pix = no_alpha.get();
  }
  PixPtr gray(pixConvertTo8(pix, 0));
  if (!gray) {
    return MakeError(ErrorCode::kInternal,
                     "cannot convert a " + std::to_string(pixGetDepth(pix)) + " bpp image to gray");
  }
  GrayImage out;
  out.width = pixGetWidth(gray.get());
  out.height = pixGetHeight(gray.get());
  out.dpi = pixGetXRes(pix);
  out.pixels.resize(static_cast<size_t>(out.width) * out.height);
  // pixConvertTo8 may return a clone of `pix`: swap a private copy.
  PixPtr bytes(pixEndianByteSwapNew(gray.get()));
  if (!bytes) return MakeError(ErrorCode::kInternal, "out of memory");
  const l_uint32* data = pixGetData(bytes.get());
  const int wpl = pixGetWpl(bytes.get());
  for (int y = 0; y < out.height; ++y) {
    std::memcpy(out.pixels.data() + static_cast<size_t>(y) * out.width,
                data + static_cast<size_t>(y) * wpl, out.width);
  }
  return out;
}

Result<GrayImage> GrayFromPix(Pix* pix, bool lighten_colored_ink) {
  if (pix == nullptr) return MakeError(ErrorCode::kInternal, "null image");
  PixPtr rgb;
  if (pixGetColormap(pix) != nullptr) {
    rgb.reset(pixRemoveColormap(pix, REMOVE_CMAP_BASED_ON_SRC));
    if (!rgb) return MakeError(ErrorCode::kInternal, "cannot remove the colour map");
    if (pixGetDepth(rgb.get()) != 32) return GrayFromPix(rgb.get());
    pix = rgb.get();
  }
  if (pixGetDepth(pix) != 32) return GrayFromPix(pix);
  GrayImage out;
  out.width = pixGetWidth(pix);
  out.height = pixGetHeight(pix);
  out.dpi = pixGetXRes(pix);
  out.pixels.resize(static_cast<size_t>(out.width) * out.height);
  const l_uint32* data = pixGetData(pix);
  const int wpl = pixGetWpl(pix);
  for (int y = 0; y < out.height; ++y) {
    const l_uint32* row = data + static_cast<size_t>(y) * wpl;
    uint8_t* dst = out.pixels.data() + static_cast<size_t>(y) * out.width;
    for (int x = 0; x < out.width; ++x) {
      l_int32 r, g, b;
      extractRGBValues(row[x], &r, &g, &b);
      dst[x] = ingest::GrayFromRgb(r, g, b, lighten_colored_ink);
    }
  }
  return out;
}

Status WritePng(Pix* pix, const std::filesystem::path& path) {
  if (pix == nullptr || pixWrite(path.c_str(), pix, IFF_PNG) != 0) {
    return MakeError(ErrorCode::kIo, "cannot write " + path.string());
  }
  return {};
}

Result<std::string> EncodeJpeg(Pix* pix, int quality) {
  l_uint8* data = nullptr;
  size_t size = 0;
  if (pix == nullptr || pixWriteMemJpeg(&data, &size, pix, quality, 0) != 0) {
    return MakeError(ErrorCode::kInternal, "JPEG encoding failed");
  }
  std::string out(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return out;
}

Result<GrayImage> DecodeGray(std::string_view bytes) {
  QuietLeptonica();
  PixPtr pix(pixReadMem(reinterpret_cast<const l_uint8*>(bytes.data()), bytes.size()));
  if (!pix) return MakeError(ErrorCode::kInternal, "cannot decode the image bytes");
  return GrayFromPix(pix.get());
}

}  // namespace vnplan::lept

namespace vnplan::ingest {
namespace {

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};

bool IsTiff(int format) {
  switch (format) {
    case IFF_TIFF: case IFF_TIFF_PACKBITS: case IFF_TIFF_RLE: case IFF_TIFF_G3:
    case IFF_TIFF_G4: case IFF_TIFF_LZW: case IFF_TIFF_ZIP: case IFF_TIFF_JPEG:
      return true;
    default:
      return false;
  }
}

std::string TooLarge(int64_t w, int64_t h, int64_t limit) {
  return "image too large: " + std::to_string(w) + "\u00d7" + std::to_string(h) +
         " exceeds limit " + std::to_string(limit / 1'000'000) + " megapixels";
}

class ImagePageSource : public PageSource {
 public:
  ImagePageSource(std::filesystem::path path, int format, int pages,
                  IngestOptions options)
      : path_(std::move(path)), format_(format), pages_(pages), options_(options) {}

  int page_count() const override { return pages_; }

  Result<GrayImage> Render(int index, int /*dpi*/) const override {
    // Re-check this page's header: TIFF pages may differ in size.
    int w = 0, h = 0;
    if (IsTiff(format_)) {
      int bps, spp, res, cmap, fmt;
      if (readHeaderTiff(path_.c_str(), index, &w, &h, &bps, &spp, &res, &cmap, &fmt) != 0) {
        return MakeError(ErrorCode::kInputError,
                         "corrupt image: cannot read TIFF page " + std::to_string(index + 1));
      }
    } else {
      int fmt, bps, spp, cmap;
      if (pixReadHeader(path_.c_str(), &fmt, &w, &h, &bps, &spp, &cmap) != 0) {
        return MakeError(ErrorCode::kInputError, "corrupt image: unreadable header");
      }
    }
    if (static_cast<int64_t>(w) * h > options_.max_page_pixels) {
      return MakeError(ErrorCode::kInputError, TooLarge(w, h, options_.max_page_pixels));
    }
    lept::PixPtr pix(IsTiff(format_) ? pixReadTiff(path_.c_str(), index)
                                     : pixRead(path_.c_str()));
    if (!pix) {
      return MakeError(ErrorCode::kInputError,
                       "corrupt image: cannot decode page " + std::to_string(index + 1));
    }
    auto gray = lept::GrayFromPix(pix.get(), options_.lighten_colored_ink);
    if (!gray) return MakeError(ErrorCode::kInputError, "corrupt image: " + gray.error().message);
    // An image without a stored resolution keeps dpi 0 (unknown): `dpi` is
    // for rendering PDFs; imaging::CleanPage estimates the scale from the text.
    return gray;
  }

  Result<Page> TextLayer(int index, int dpi) const override {
    Page page;
    page.number = index + 1;
    page.dpi = dpi;
    return page;
  }

 private:
  std::filesystem::path path_;
  int format_;
  int pages_;
  IngestOptions options_;
};

}  // namespace

Result<std::unique_ptr<PageSource>> OpenImage(const std::filesystem::path& path,
                                              const IngestOptions& options) {
  lept::QuietLeptonica();
  int format = IFF_UNKNOWN;
  if (findFileFormat(path.c_str(), &format) != 0 || format == IFF_UNKNOWN) {
    return MakeError(ErrorCode::kInputError,
                     "unsupported or corrupt input (neither PDF nor a known image format)");
  }
  int w = 0, h = 0, fmt = 0, bps = 0, spp = 0, cmap = 0;
  if (pixReadHeader(path.c_str(), &fmt, &w, &h, &bps, &spp, &cmap) != 0 || w <= 0 || h <= 0) {
    return MakeError(ErrorCode::kInputError, "corrupt image: unreadable header");
  }
  int pages = 1;
  if (IsTiff(format)) {
    std::unique_ptr<FILE, FileCloser> fp(std::fopen(path.c_str(), "rb"));
    if (!fp || tiffGetCount(fp.get(), &pages) != 0) {
      return MakeError(ErrorCode::kInputError, "corrupt image: cannot count TIFF pages");
    }
  }
  if (pages <= 0) return MakeError(ErrorCode::kInputError, "empty document (0 pages)");
  if (pages > options.max_pages) {
    return MakeError(ErrorCode::kInputError,
                     "too many pages: " + std::to_string(pages) + " exceeds limit " + std::to_string(options.max_pages));
  }
  if (static_cast<int64_t>(w) * h > options.max_page_pixels) {
    return MakeError(ErrorCode::kInputError, TooLarge(w, h, options.max_page_pixels));
  }
  return std::make_unique<ImagePageSource>(path, format, pages, options);
}

}  // namespace vnplan::ingest
