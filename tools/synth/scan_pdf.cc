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

Status WriteImagePdf(const std::vector<GrayImage>& pages, int jpeg_quality,
                     const std::string& path) {
  if (pages.empty()) return MakeError(ErrorCode::kInvalidArgument, "no pages to write");
  for (const auto& p : pages) {
    if (p.empty() || p.dpi <= 0) {
      return MakeError(ErrorCode::kInvalidArgument, "page image without size or dpi");
    }
  }
  auto page_pt = [](const GrayImage& p, bool w) { return (w ? p.width : p.height) * 72.0 / p.dpi; };
  SurfacePtr pdf(cairo_pdf_surface_create(path.c_str(), page_pt(pages[0], true),
                                          page_pt(pages[0], false)));
  if (cairo_surface_status(pdf.get()) != CAIRO_STATUS_SUCCESS) {
    return MakeError(ErrorCode::kIo, "cannot create PDF " + path);
  }
  cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_CREATOR, "vnplan-synth scan");
  try {
    for (const GrayImage& p : pages) {
      cairo_pdf_surface_set_size(pdf.get(), page_pt(p, true), page_pt(p, false));
      SurfacePtr img(cairo_image_surface_create(CAIRO_FORMAT_RGB24, p.width, p.height));
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
      if (jpeg_quality > 0) {
        cv::Mat m(p.height, p.width, CV_8U, const_cast<uint8_t*>(p.pixels.data()));
        std::vector<uint8_t> buf;
        cv::imencode(".jpg", m, buf, {cv::IMWRITE_JPEG_QUALITY, jpeg_quality});
        auto* copy = static_cast<unsigned char*>(malloc(buf.size()));
        std::memcpy(copy, buf.data(), buf.size());
        cairo_surface_set_mime_data(img.get(), CAIRO_MIME_TYPE_JPEG, copy, buf.size(), free, copy);
      }
      CairoPtr cr(cairo_create(pdf.get()));
      cairo_scale(cr.get(), 72.0 / p.dpi, 72.0 / p.dpi);
      cairo_set_source_surface(cr.get(), img.get(), 0, 0);
      cairo_paint(cr.get());
      cairo_show_page(cr.get());
    }
  } catch (const cv::Exception& e) {
    return MakeError(ErrorCode::kInternal, std::string("OpenCV: ") + e.what());
  }
  cairo_surface_finish(pdf.get());
  if (cairo_surface_status(pdf.get()) != CAIRO_STATUS_SUCCESS) {
    return MakeError(ErrorCode::kIo, "writing PDF failed: " + path);
  }
  return {};
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
