// One document through the whole pipeline. The route is chosen per
// document from what the file is, not from its extension:
//   text export  -> encoding repair -> diacritic restoration -> tables
//   PDF, good text layer -> repair of the layer (TCVN3/VNI fonts) -> grid
//                   tables filled from the layer's words, no OCR
//   PDF, no or bad text layer (few valid syllables, e.g. an old English OCR)
//                -> render -> cleanup -> OCR -> light restoration -> tables
//   image (PNG/JPEG/TIFF, multi-page) -> cleanup -> OCR -> ... as above
// Output: the plan JSON (schemas/plan.schema.json), the restored text and,
// for OCR routes, a searchable PDF.
#ifndef VNPLAN_PIPELINE_PROCESS_H_
#define VNPLAN_PIPELINE_PROCESS_H_

#include <filesystem>
#include <memory>
#include <string>

#include "common/error.h"
#include "pipeline/batch.h"

namespace vnplan::pipeline {

enum class RestoreMode { kAuto, kOff };

struct RunOptions {
  std::string languages = "vie";  // Tesseract languages for OCR routes
  int dpi = 300;                  // rendering resolution for PDFs
  bool force_ocr = false;         // OCR PDFs even when the text layer is good
  bool searchable_pdf = true;     // write <name>.pdf for OCR routes
  bool old_tones = false;         // hòa instead of the default hoà
  RestoreMode restore = RestoreMode::kAuto;
  std::filesystem::path keep_intermediates;  // empty: keep none
  // OCR routes: keep coloured ink as it is instead of lightening red/blue
  // seals and signatures to paper (documents printed in colour). Default false.
  bool keep_color_ink = false;
  // Share of valid Vietnamese syllables below which a PDF text layer is
  // considered bad and the pages are OCR'd again.
  double min_text_layer_quality = 0.75;
};

// Models and engines shared by all documents of a run (thread-safe to use
// from several workers). Loading fails with kModelMissing/kDependency.
class Pipeline {
 public:
  static Result<std::unique_ptr<Pipeline>> Create(const RunOptions& options);
  ~Pipeline();

  Result<DocumentOutputs> Process(const std::filesystem::path& input,
                                  const ProcessContext& context) const;

  // Fingerprint of the program version and every output-affecting option.
  std::string Fingerprint() const;

 private:
  struct Impl;
  explicit Pipeline(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vnplan::pipeline

#endif  // VNPLAN_PIPELINE_PROCESS_H_
