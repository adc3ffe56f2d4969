// poppler-cpp adapter: the PDF PageSource (rendering and text layer). All
// poppler types stay in this file.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <cmath>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>

#include "ingest/color_to_gray.h"
#include "ingest/page_source.h"

namespace vnplan::ingest {
namespace {

void SilencePoppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
  });
}

std::string ToUtf8(const poppler::ustring& s) {
  poppler::byte_array bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

class PdfPageSource : public PageSource {
 public:
  PdfPageSource(std::unique_ptr<poppler::document> doc, IngestOptions options)
      : doc_(std::move(doc)), options_(options) {}

  int page_count() const override { return doc_->pages(); }

  Result<GrayImage> Render(int index, int dpi) const override {
    auto page = LoadPage(index);
    if (!page) return std::unexpected(page.error());
    auto [w, h] = PixelSize(**page, dpi);
    if (w * h > options_.max_page_pixels) {
      return MakeError(ErrorCode::kInputError,
                       "page " + std::to_string(index + 1) + " too large: " + std::to_string(w) +
                         "\u00d7" + std::to_string(h) + " pixels at " + std::to_string(dpi) +
                         " dpi exceeds limit " +
                         std::to_string(options_.max_page_pixels / 1'000'000) + " megapixels");
    }
    poppler::page_renderer renderer;
    // Colour rendering only when coloured ink is to be lightened; gray8
    // is poppler's own luminance.
    const bool color = options_.lighten_colored_ink;
    renderer.set_image_format(color ? poppler::image::format_argb32
                                    : poppler::image::format_gray8);
    renderer.set_render_hints(poppler::page_renderer::antialiasing |
                              poppler::page_renderer::text_antialiasing |
                              poppler::page_renderer::text_hinting);
    renderer.set_paper_color(0xffffffff);
    poppler::image img = renderer.render_page(page->get(), dpi, dpi);
    if (!img.is_valid() || img.width() <= 0 || img.height() <= 0) {
      return MakeError(ErrorCode::kInputError,
                       "corrupt PDF: page " + std::to_string(index + 1) + " could not be rendered");
    }
    GrayImage out;
    out.width = img.width();
    out.height = img.height();
    out.dpi = dpi;
    out.pixels.resize(static_cast<size_t>(out.width) * out.height);
    const char* data = img.const_data();
    for (int y = 0; y < out.height; ++y) {
      const char* row = data + static_cast<size_t>(y) * img.bytes_per_row();
      uint8_t* dst = out.pixels.data() + static_cast<size_t>(y) * out.width;
      if (!color) {
        std::memcpy(dst, row, out.width);
        continue;
      }
      for (int x = 0; x < out.width; ++x) {
        uint32_t argb;  // native-endian 0xAARRGGBB, paper opaque white
        std::memcpy(&argb, row + 4 * static_cast<size_t>(x), 4);
        dst[x] = GrayFromRgb((argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff, true);
      }
    }
    return out;
  }

  Result<Page> TextLayer(int index, int dpi) const override {
    auto page = LoadPage(index);
    if (!page) return std::unexpected(page.error());
    auto [w, h] = PixelSize(**page, dpi);
    Page out;
    out.number = index + 1;
    out.dpi = dpi;
    out.width = static_cast<int>(w);
    out.height = static_cast<int>(h);
    const double scale = dpi / 72.0;
    std::vector<Word> words;
    for (const poppler::text_box& tb :
         (*page)->text_list(poppler::page::text_list_include_font)) {
      Word word;
      word.text = ToUtf8(tb.text());
      if (word.text.empty()) continue;
      const poppler::rectf r = tb.bbox();
      word.box.x0 = static_cast<int>(std::floor(r.left() * scale));
      word.box.y0 = static_cast<int>(std::floor(r.top() * scale));
      word.box.x1 = static_cast<int>(std::ceil(r.right() * scale));
      word.box.y1 = static_cast<int>(std::ceil(r.bottom() * scale));
      word.confidence = 100.0f;
      word.font = tb.get_font_name();
      words.push_back(std::move(word));
    }
    out.blocks = GroupWordsIntoBlocks(words);
    out.mean_confidence = words.empty() ? 0.0f : 100.0f;
    return out;
  }

 private:
  Result<std::unique_ptr<poppler::page>> LoadPage(int index) const {
    std::unique_ptr<poppler::page> page(doc_->create_page(index));
    if (!page) {
      return MakeError(ErrorCode::kInputError,
                       "corrupt PDF: page " + std::to_string(index + 1) + " cannot be read");
    }
    return page;
  }

  // Page size in pixels at `dpi`, after the page's /Rotate.
  static std::pair<int64_t, int64_t> PixelSize(const poppler::page& page, int dpi) {
    const poppler::rectf r = page.page_rect(poppler::crop_box);
    double w = r.width(), h = r.height();
    if (page.orientation() == poppler::page::landscape ||
        page.orientation() == poppler::page::seascape) {
      std::swap(w, h);
    }
    return {static_cast<int64_t>(std::ceil(w * dpi / 72.0)),
            static_cast<int64_t>(std::ceil(h * dpi / 72.0))};
  }

  std::unique_ptr<poppler::document> doc_;
  IngestOptions options_;
};

}  // namespace

Result<std::unique_ptr<PageSource>> OpenPdf(const std::filesystem::path& path,
                                            const IngestOptions& options) {
  SilencePoppler();
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path.string()));
  if (!doc) return MakeError(ErrorCode::kInputError, "corrupt PDF");
  if (doc->is_locked()) {
    return MakeError(ErrorCode::kInputError, "encrypted PDF (password required)");
  }
  const int pages = doc->pages();
  if (pages <= 0) return MakeError(ErrorCode::kInputError, "empty document (0 pages)");
  if (pages > options.max_pages) {
    return MakeError(ErrorCode::kInputError,
                     "too many pages: " + std::to_string(pages) + " exceeds limit " + std::to_string(options.max_pages));
  }
  return std::make_unique<PdfPageSource>(std::move(doc), options);
}

}  // namespace vnplan::ingest
