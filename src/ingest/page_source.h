// Internal to ingest/: the per-library backend behind SourceDocument. Each
// adapter file (poppler_adapter.cc, leptonica_adapter.cc) implements it and
// keeps its library's types and error style out of every other file.
#ifndef VNPLAN_INGEST_PAGE_SOURCE_H_
#define VNPLAN_INGEST_PAGE_SOURCE_H_

#include <filesystem>
#include <memory>

#include "common/error.h"
#include "common/image.h"
#include "common/page.h"
#include "ingest/source_document.h"

namespace vnplan::ingest {

class PageSource {
 public:
  virtual ~PageSource() = default;
  virtual int page_count() const = 0;
  virtual Result<GrayImage> Render(int index, int dpi) const = 0;
  virtual Result<Page> TextLayer(int index, int dpi) const = 0;
};

// poppler_adapter.cc. `path` starts with "%PDF".
Result<std::unique_ptr<PageSource>> OpenPdf(const std::filesystem::path& path,
                                            const IngestOptions& options);

// leptonica_adapter.cc. `path` is in a raster format Leptonica recognises.
Result<std::unique_ptr<PageSource>> OpenImage(const std::filesystem::path& path,
                                              const IngestOptions& options);

// Groups positioned words (in reading order) into lines and blocks; used for
// PDF text layers. Sets the line and block boxes. Defined in text_layout.cc.
std::vector<Block> GroupWordsIntoBlocks(const std::vector<Word>& words);

}  // namespace vnplan::ingest

#endif  // VNPLAN_INGEST_PAGE_SOURCE_H_
