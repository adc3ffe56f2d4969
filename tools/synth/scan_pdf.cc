#include "synth/scan_pdf.h"

#include <cairo-pdf.h>

#include <png.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "synth/pango_util.h"

namespace vnplan::synth {

using internal::CairoPtr;
using internal::SurfacePtr;

namespace {

// Adds one page showing `m` (CV_8UC1 or BGR CV_8UC3) at `dpi` to `pdf`.
Status AddMatPage(cairo_surface_t* pdf, int jpeg_quality, const std::string& path,
                  const cv::Mat& m, int dpi) {
  cairo_pdf_surface_set_size(pdf, m.cols * 72.0 / dpi, m.rows * 72.0 / dpi);
  SurfacePtr img(cairo_image_surface_create(CAIRO_FORMAT_RGB24, m.cols, m.rows));
  if (cairo_surface_status(img.get()) != CAIRO_STATUS_SUCCESS) {
    return MakeError(ErrorCode::kInternal, "cannot allocate page image");
  }
  unsigned char* data = cairo_image_surface_get_data(img.get());
  int stride = cairo_image_surface_get_stride(img.get());
  for (int y = 0; y < m.rows; ++y) {
    auto* row = reinterpret_cast<uint32_t*>(data + static_cast<size_t>(y) * stride);
    const uint8_t* src = m.ptr<uint8_t>(y);
    for (int x = 0; x < m.cols; ++x) {
      uint32_t r, g, b;
      if (m.channels() == 3) {
        b = src[3 * x], g = src[3 * x + 1], r = src[3 * x + 2];
      } else {
        r = g = b = src[x];
      }
      row[x] = 0xFF000000u | (r << 16) | (g << 8) | b;
    }
  }
  cairo_surface_mark_dirty(img.get());
  if (jpeg_quality > 0) {
    std::vector<uint8_t> buf;
    try {
      cv::imencode(".jpg", m, buf, {cv::IMWRITE_JPEG_QUALITY, jpeg_quality});
    } catch (const cv::Exception& e) {
      return MakeError(ErrorCode::kInternal, std::string("OpenCV: ") + e.what());
    }
    // Cairo embeds these bytes as the image (DCTDecode) instead of Flate.
    auto* copy = static_cast<unsigned char*>(malloc(buf.size()));
    std::memcpy(copy, buf.data(), buf.size());
    cairo_surface_set_mime_data(img.get(), CAIRO_MIME_TYPE_JPEG, copy, buf.size(), free, copy);
  }
  CairoPtr cr(cairo_create(pdf));
  cairo_scale(cr.get(), 72.0 / dpi, 72.0 / dpi);
  cairo_set_source_surface(cr.get(), img.get(), 0, 0);
  cairo_paint(cr.get());
  cairo_show_page(cr.get());
  if (cairo_surface_status(pdf) != CAIRO_STATUS_SUCCESS) {
    return MakeError(ErrorCode::kIo, "writing PDF failed: " + path);
  }
  return {};
}

}  // namespace

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
  // A fixed date keeps the file byte-identical from run to run.
  cairo_pdf_surface_set_metadata(impl_->pdf.get(), CAIRO_PDF_METADATA_CREATE_DATE,
                                 "2024-01-01T00:00:00Z");
  return {};
}

Status ImagePdfWriter::AddPage(const GrayImage& p) {
  if (p.empty() || p.dpi <= 0 || p.pixels.size() != static_cast<size_t>(p.width) * p.height) {
    return MakeError(ErrorCode::kInvalidArgument, "page image without size or dpi");
  }
  if (!impl_) return MakeError(ErrorCode::kInvalidArgument, "AddPage before Begin");
  cv::Mat m(p.height, p.width, CV_8U, const_cast<uint8_t*>(p.pixels.data()));
  auto s = AddMatPage(impl_->pdf.get(), impl_->jpeg_quality, impl_->path, m, p.dpi);
  if (s) ++impl_->pages;
  return s;
}

Status ImagePdfWriter::AddPage(const RgbImage& p) {
  if (!impl_) return MakeError(ErrorCode::kInvalidArgument, "AddPage before Begin");
  if (p.empty() || p.dpi <= 0 || p.rgb.size() != static_cast<size_t>(p.width) * p.height * 3) {
    return MakeError(ErrorCode::kInvalidArgument, "page image without size or dpi");
  }
  cv::Mat bgr;
  try {
    cv::Mat rgb(p.height, p.width, CV_8UC3, const_cast<uint8_t*>(p.rgb.data()));
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
  } catch (const cv::Exception& e) {
    return MakeError(ErrorCode::kInternal, std::string("OpenCV: ") + e.what());
  }
  auto s = AddMatPage(impl_->pdf.get(), impl_->jpeg_quality, impl_->path, bgr, p.dpi);
  if (s) ++impl_->pages;
  return s;
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
bool WritePngFile(const uint8_t* pixels, int width, int height, int channels, int dpi,
                  const char* path, int level, bool fast) {
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
  png_set_IHDR(png, info, width, height, 8, channels == 3 ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_GRAY,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (dpi > 0) {
    auto ppm = static_cast<png_uint_32>(dpi / 0.0254 + 0.5);
    png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
  }
  png_set_compression_level(png, level);
  if (fast) {
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_set_compression_strategy(png, Z_HUFFMAN_ONLY);
  }
  png_write_info(png, info);
  for (int y = 0; y < height; ++y) {
    png_write_row(png, pixels + static_cast<size_t>(y) * width * channels);
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
  if (!WritePngFile(image.pixels.data(), image.width, image.height, 1, image.dpi, path.c_str(),
                    std::clamp(compression, 0, 9), compression <= 1)) {
    return MakeError(ErrorCode::kIo, "cannot write " + path);
  }
  return {};
}

Status WritePng(const RgbImage& image, const std::string& path, int compression) {
  if (image.empty() || image.rgb.size() != static_cast<size_t>(image.width) * image.height * 3) {
    return MakeError(ErrorCode::kInvalidArgument, "empty or malformed image for " + path);
  }
  if (!WritePngFile(image.rgb.data(), image.width, image.height, 3, image.dpi, path.c_str(),
                    std::clamp(compression, 0, 9), compression <= 1)) {
    return MakeError(ErrorCode::kIo, "cannot write " + path);
  }
  return {};
}

}  // namespace vnplan::synth
