#include "synth/scan_pdf.h"

#include <cairo-pdf.h>

#include <array>
#include <cstring>
#include <fstream>
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

uint32_t Crc32(const uint8_t* data, size_t n, uint32_t crc = 0xFFFFFFFFu) {
  static const auto table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  for (size_t i = 0; i < n; ++i) crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
  return crc;
}

void PutBe32(uint32_t v, std::vector<uint8_t>* out) {
  for (int s = 24; s >= 0; s -= 8) out->push_back(static_cast<uint8_t>(v >> s));
}

// A PNG "pHYs" chunk declaring `dpi` (as pixels per metre).
std::vector<uint8_t> PhysChunk(int dpi) {
  uint32_t ppm = static_cast<uint32_t>(dpi / 0.0254 + 0.5);
  std::vector<uint8_t> body = {'p', 'H', 'Y', 's'};
  PutBe32(ppm, &body);
  PutBe32(ppm, &body);
  body.push_back(1);  // unit: metre
  std::vector<uint8_t> chunk;
  PutBe32(9, &chunk);
  chunk.insert(chunk.end(), body.begin(), body.end());
  PutBe32(Crc32(body.data(), body.size()) ^ 0xFFFFFFFFu, &chunk);
  return chunk;
}

}  // namespace

Status WritePng(const GrayImage& image, const std::string& path, int compression) {
  std::vector<uint8_t> png;
  try {
    cv::Mat m(image.height, image.width, CV_8U, const_cast<uint8_t*>(image.pixels.data()));
    if (!cv::imencode(".png", m, png, {cv::IMWRITE_PNG_COMPRESSION, compression})) {
      return MakeError(ErrorCode::kInternal, "PNG encoding failed for " + path);
    }
  } catch (const cv::Exception& e) {
    return MakeError(ErrorCode::kInternal, "PNG encoding failed for " + path + ": " + e.what());
  }
  // Signature (8) + IHDR chunk (25): insert pHYs right after IHDR.
  if (image.dpi > 0 && png.size() > 33) {
    std::vector<uint8_t> phys = PhysChunk(image.dpi);
    png.insert(png.begin() + 33, phys.begin(), phys.end());
  }
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
  if (!out) return MakeError(ErrorCode::kIo, "cannot write " + path);
  return {};
}

}  // namespace vnplan::synth
