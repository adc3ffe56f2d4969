#include "pipeline/process.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "pipeline/inputs.h"
#include "text/vietnamese.h"

namespace vnplan::pipeline {

namespace fs = std::filesystem;

struct Pipeline::Impl {
  RunOptions options;
};

Pipeline::Pipeline(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Pipeline::~Pipeline() = default;

Result<std::unique_ptr<Pipeline>> Pipeline::Create(const RunOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  return std::unique_ptr<Pipeline>(new Pipeline(std::move(impl)));
}

std::string Pipeline::Fingerprint() const {
  const RunOptions& o = impl_->options;
  std::ostringstream s;
  s << "vnplan-0|" << o.languages << "|" << o.dpi << "|" << o.force_ocr << "|" << o.searchable_pdf
    << "|" << o.old_tones << "|" << static_cast<int>(o.restore);
  return s.str();
}

Result<DocumentOutputs> Pipeline::Process(const fs::path& input, const ProcessContext&) const {
  auto kind = SniffFile(input);
  if (!kind) return std::unexpected(kind.error());
  if (*kind == InputKind::kEmpty) return MakeError(ErrorCode::kInputError, "empty file");
  if (*kind == InputKind::kBinary) {
    return MakeError(ErrorCode::kInputError, "binary file of unknown type");
  }
  if (*kind != InputKind::kText) {
    return MakeError(ErrorCode::kDependency, "PDF and image routes are not built yet");
  }
  std::ifstream in(input, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  DocumentOutputs out;
  out.text = text::ToNfc(ss.str());
  out.route = "text";
  out.pages = 1;
  out.json = nlohmann::json{{"text", out.text}}.dump(2);
  return out;
}

}  // namespace vnplan::pipeline
