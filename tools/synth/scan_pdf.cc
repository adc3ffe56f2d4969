#include "synth/scan_pdf.h"

#include <cairo-pdf.h>

#include <png.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <opencv2/imgcodecs.hpp>

#include "synth/pango_util.h"

namespace vnplan::synth {

using internal::CairoPtr;
using internal::SurfacePtr;

struct ImagePdfWriter::Impl {
  SurfacePtr pdf;
  std::string path;
  int jpeg_quality = 85;
  int pages = 0;
};

ImagePdfWriter::ImagePdfWriter() = default;
ImagePdfWriter::~ImagePdfWriter() {
  if (impl_ && impl_->pdf) cairo_surface_finish(impl_->pdf.get());
}

Status ImagePdfWriter::Begin(const std::string& path, int jpeg_quality) {
  if (jpeg_quality < 0 || jpeg_quality > 100) {
    return MakeError(ErrorCode::kInvalidArgument, "JPEG quality must be 0..100");
  }
  impl_ = std::make_unique<Impl>();
  impl_->path = path;
  impl_->jpeg_quality = jpeg_quality;
  // The size is set per page in AddPage.
  impl_->pdf.reset(cairo_pdf_surface_create(path.c_str(), 595.276, 841.89));
  if (cairo_surface_status(impl_->pdf.get()) != CAIRO_STATUS_SUCCESS) {
    impl_.reset();
    return MakeError(ErrorCode::kIo, "cannot create PDF " + path);
  }
  cairo_pdf_surface_set_metadata(impl_->pdf.get(), CAIRO_PDF_METADATA_CREATOR, "vnplan-synth scan");
  return {};
}

Status ImagePdfWriter::AddPage(const GrayImage& p) {
  if (!impl_) return MakeError(ErrorCode::kInvalidArgument, "AddPage before Begin");
  if (p.empty() || p.dpi <= 0 || p.pixels.size() != static_cast<size_t>(p.width) * p.height) {
    return MakeError(ErrorCode::kInvalidArgument, "page image without size or dpi");
  }
  cairo_surface_t* pdf = impl_->pdf.get();
  cairo_pdf_surface_set_size(pdf, p.width * 72.0 / p.dpi, p.height * 72.0 / p.dpi);
  SurfacePtr img(cairo_image_surface_create(CAIRO_FORMAT_RGB24, p.width, p.height));
  if (cairo_surface_status(img.get()) != CAIRO_STATUS_SUCCESS) {
    return MakeError(ErrorCode::kInternal, "cannot allocate page image");
  }
  unsigned char* data = cairo_image_surface_get_data(img.get());
  int stride = cairo_image_surface_get_stride(img.get());
  for (int y = 0; y < p.height; ++y) {
    auto* row = reinterpret_cast<uint32_t*>(data + static_cast<size_t>(y) * stride);
    for (int x = 0; x < p.width; ++x) {
      uint32_t v = p.at(x, y);
      row[x] = 0xFF000000u | (v << 16) | (v << 8) | v;
    }
  }
  cairo_surface_mark_dirty(img.get());
  if (impl_->jpeg_quality > 0) {
    std::vector<uint8_t> buf;
    try {
      cv::Mat m(p.height, p.width, CV_8U, const_cast<uint8_t*>(p.pixels.data()));
      cv::imencode(".jpg", m, buf, {cv::IMWRITE_JPEG_QUALITY, impl_->jpeg_quality});
    } catch (const cv::Exception& e) {
      return MakeError(ErrorCode::kInternal, std::string("OpenCV: ") + e.what());
    }
    // Cairo embeds these bytes as the image (DCTDecode) instead of Flate.
    auto* copy = static_cast<unsigned char*>(malloc(buf.size()));
    std::memcpy(copy, buf.data(), buf.size());
    cairo_surface_set_mime_data(img.get(), CAIRO_MIME_TYPE_JPEG, copy, buf.size(), free, copy);
  }
  CairoPtr cr(cairo_create(pdf));
  cairo_scale(cr.get(), 72.0 / p.dpi, 72.0 / p.dpi);
  cairo_set_source_surface(cr.get(), img.get(), 0, 0);
  cairo_paint(cr.get());
  cairo_show_page(cr.get());
  ++impl_->pages;
  if (cairo_surface_status(pdf) != CAIRO_STATUS_SUCCESS) {
    return MakeError(ErrorCode::kIo, "writing PDF failed: " + impl_->path);
  }
  return {};
}

Status ImagePdfWriter::End() {
  if (!impl_) return MakeError(ErrorCode::kInvalidArgument, "End before Begin");
  if (impl_->pages == 0) return MakeError(ErrorCode::kInvalidArgument, "no pages to write");
  cairo_surface_finish(impl_->pdf.get());
  bool ok = cairo_surface_status(impl_->pdf.get()) == CAIRO_STATUS_SUCCESS;
  std::string path = impl_->path;
  impl_.reset();
  if (!ok) return MakeError(ErrorCode::kIo, "writing PDF failed: " + path);
  return {};
}

Status WriteImagePdf(const std::vector<GrayImage>& pages, int jpeg_quality,
                     const std::string& path) {
  if (pages.empty()) return MakeError(ErrorCode::kInvalidArgument, "no pages to write");
  ImagePdfWriter writer;
  if (auto s = writer.Begin(path, jpeg_quality); !s) return s;
  for (const GrayImage& p : pages) {
    if (auto s = writer.AddPage(p); !s) return s;
  }
  return writer.End();
}

namespace {

// libpng write with C-style cleanup only: png_error longjmps out of libpng.
bool WritePngFile(const GrayImage& image, const char* path, int level, bool fast) {
  FILE* fp = std::fopen(path, "wb");
  if (fp == nullptr) return false;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (png == nullptr || info == nullptr || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    std::fclose(fp);
    return false;
  }
  png_init_io(png, fp);
  png_set_IHDR(png, info, image.width, image.height, 8, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (image.dpi > 0) {
    auto ppm = static_cast<png_uint_32>(image.dpi / 0.0254 + 0.5);
    png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
  }
  png_set_compression_level(png, level);
  if (fast) {
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_set_compression_strategy(png, Z_HUFFMAN_ONLY);
  }
  png_write_info(png, info);
  for (int y = 0; y < image.height; ++y) {
    png_write_row(png, image.pixels.data() + static_cast<size_t>(y) * image.width);
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return std::fclose(fp) == 0;
}

}  // namespace

Status WritePng(const GrayImage& image, const std::string& path, int compression) {
  if (image.empty() || image.pixels.size() != static_cast<size_t>(image.width) * image.height) {
    return MakeError(ErrorCode::kInvalidArgument, "empty or malformed image for " + path);
  }
  // Levels <= 1: no row filters and Huffman-only coding, several times
  // faster on noisy scans.
  if (!WritePngFile(image, path.c_str(), std::clamp(compression, 0, 9), compression <= 1)) {
    return MakeError(ErrorCode::kIo, "cannot write " + path);
  }
  return {};
}

}  // namespace vnplan::synth
