#include "ingest/source_document.h"

#include <fstream>
#include <system_error>

#include "ingest/page_source.h"

namespace vnplan::ingest {

const char* SourceKindName(SourceKind kind) {
  return kind == SourceKind::kPdf ? "pdf" : "image";
}

SourceDocument::SourceDocument(SourceKind kind, std::filesystem::path path,
                               std::unique_ptr<PageSource> source)
    : kind_(kind), path_(std::move(path)), source_(std::move(source)) {}
SourceDocument::SourceDocument(SourceDocument&&) noexcept = default;
SourceDocument& SourceDocument::operator=(SourceDocument&&) noexcept = default;
SourceDocument::~SourceDocument() = default;

int SourceDocument::page_count() const { return source_->page_count(); }

Result<GrayImage> SourceDocument::RenderPage(int index, int dpi) const {
  if (index < 0 || index >= page_count()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "page index " + std::to_string(index) + " out of range [0, " + std::to_string(page_count()) + ")");
  }
  if (dpi < 10 || dpi > 2400) {
    return MakeError(ErrorCode::kInvalidArgument, "dpi " + std::to_string(dpi) + " out of range [10, 2400]");
  }
  return source_->Render(index, dpi);
}

Result<Page> SourceDocument::TextLayer(int index, int dpi) const {
  if (index < 0 || index >= page_count()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "page index " + std::to_string(index) + " out of range [0, " + std::to_string(page_count()) + ")");
  }
  if (dpi < 10 || dpi > 2400) {
    return MakeError(ErrorCode::kInvalidArgument, "dpi " + std::to_string(dpi) + " out of range [10, 2400]");
  }
  return source_->TextLayer(index, dpi);
}

Result<SourceDocument> SourceDocument::Open(const std::filesystem::path& path,
                                            const IngestOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return MakeError(ErrorCode::kInputError, "no such file: " + path.string());
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return MakeError(ErrorCode::kInputError, "cannot read " + path.string());
  if (size == 0) return MakeError(ErrorCode::kInputError, "empty file (0 bytes)");
  if (static_cast<int64_t>(size) > options.max_file_bytes) {
    return MakeError(ErrorCode::kInputError,
                     "file too large: " + std::to_string(size) + " bytes exceeds limit " + std::to_string(options.max_file_bytes));
  }
  char head[1024] = {};
  std::ifstream in(path, std::ios::binary);
  in.read(head, sizeof head);
  const std::string_view sniff(head, static_cast<size_t>(in.gcount()));
  if (!in.good() && !in.eof()) return MakeError(ErrorCode::kInputError, "cannot read " + path.string());
  // PDF readers accept a header anywhere in the first 1024 bytes.
  const bool is_pdf = sniff.find("%PDF-") != std::string_view::npos;
  auto source = is_pdf ? OpenPdf(path, options) : OpenImage(path, options);
  if (!source) return std::unexpected(source.error());
  return SourceDocument(is_pdf ? SourceKind::kPdf : SourceKind::kImage, path, std::move(*source));
}

Result<SourceDocument> OpenSource(const std::filesystem::path& path, const IngestOptions& options) {
  return SourceDocument::Open(path, options);
}

}  // namespace vnplan::ingest
