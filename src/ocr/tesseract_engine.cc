// Tesseract adapter: RAII around TessBaseAPI, result iteration into Page.
#include "ocr/tesseract_engine.h"

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

namespace vnplan::ocr {
namespace {

struct TessDeleter {
  void operator()(tesseract::TessBaseAPI* api) const {
    api->End();
    delete api;
  }
};
using TessPtr = std::unique_ptr<tesseract::TessBaseAPI, TessDeleter>;

// Takes ownership of a Tesseract-allocated string.
std::string TakeText(char* text) {
  if (text == nullptr) return {};
  std::string out(text);
  delete[] text;
  return out;
}

Box IteratorBox(const tesseract::PageIterator& it, tesseract::PageIteratorLevel level) {
  int l = 0, t = 0, r = 0, b = 0;
  if (!it.BoundingBox(level, &l, &t, &r, &b)) return Box{};
  return Box{l, t, r, b};
}

void SetImage(tesseract::TessBaseAPI* api, const GrayImage& image, int default_dpi) {
  api->SetImage(image.pixels.data(), image.width, image.height, 1, image.width);
  api->SetSourceResolution(image.dpi > 0 ? image.dpi : default_dpi);
}

// Baseline and row sizes of the iterator's text line, in hOCR's terms
// (Tesseract's hocrrenderer.cpp): the baseline relative to the bottom-left
// of `box`, descenders as a positive depth.
LineMetrics ReadLineMetrics(const tesseract::ResultIterator& it, const Box& box) {
  LineMetrics m;
  int x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  if (it.Baseline(tesseract::RIL_TEXTLINE, &x1, &y1, &x2, &y2)) {
    m.baseline_slope = x2 > x1 ? static_cast<double>(y2 - y1) / (x2 - x1) : 0.0;
    m.baseline_offset = y1 - m.baseline_slope * (x1 - box.x0) - box.y1;
  }
  float row_height = 0, descenders = 0, ascenders = 0;
  it.RowAttributes(&row_height, &descenders, &ascenders);
  m.x_size = row_height;
  m.x_descenders = -descenders;
  m.x_ascenders = ascenders;
  return m;
}

std::string DataPathArg(const std::filesystem::path& dir) { return dir.string(); }

}  // namespace

struct TesseractEngine::Api {
  TessPtr api;
};

TesseractEngine::TesseractEngine(TesseractOptions options, std::unique_ptr<Api> api)
    : options_(std::move(options)), api_(std::move(api)) {}
TesseractEngine::~TesseractEngine() = default;

Result<std::unique_ptr<TesseractEngine>> TesseractEngine::Create(const TesseractOptions& options) {
  if (options.psm < 0 || options.psm > tesseract::PSM_RAW_LINE ||
      options.psm == tesseract::PSM_OSD_ONLY) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "page segmentation mode " + std::to_string(options.psm) +
                         " is not supported (use 1..13, not 0)");
  }
  if (options.languages.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "no OCR language given");
  }
  std::vector<std::string> wanted;
  for (size_t start = 0; start <= options.languages.size();) {
    size_t end = options.languages.find('+', start);
    if (end == std::string::npos) end = options.languages.size();
    if (end > start) wanted.push_back(options.languages.substr(start, end - start));
    start = end + 1;
  }
  TessPtr api(new tesseract::TessBaseAPI());
  const std::string datapath = DataPathArg(options.tessdata_dir);
  const bool init_ok = api->Init(datapath.empty() ? nullptr : datapath.c_str(),
                                 options.languages.c_str(), tesseract::OEM_LSTM_ONLY) == 0;
  // Tesseract skips a missing language of a '+' list silently; check all.
  std::vector<std::string> loaded;
  if (init_ok) api->GetLoadedLanguagesAsVector(&loaded);
  std::string missing, hint;
  for (const std::string& lang : wanted) {
    if (std::find(loaded.begin(), loaded.end(), lang) != loaded.end()) continue;
    missing += (missing.empty() ? "" : "+") + lang;
    if (!hint.empty()) hint += ' ';
    hint.append("tesseract-ocr-").append(lang);
  }
  if (!init_ok || !missing.empty()) {
    return MakeError(ErrorCode::kDependency,
                     "Tesseract language data '" + (missing.empty() ? options.languages : missing) +
                         "' not found" + (datapath.empty() ? "" : " in " + datapath) +
                         "; install " + (hint.empty() ? "tesseract-ocr-" + options.languages : hint));
  }
  api->SetPageSegMode(static_cast<tesseract::PageSegMode>(options.psm));
  // Keep Tesseract from writing "Estimating resolution" and similar notes.
  api->SetVariable("debug_file", "/dev/null");
  api->SetVariable("tessedit_do_invert", options.detect_inverted_text ? "1" : "0");
  api->SetVariable("textord_tabfind_find_tables", options.detect_tables ? "1" : "0");
  for (const auto& [name, value] : options.variables) {
    if (!api->SetVariable(name.c_str(), value.c_str())) {
      return MakeError(ErrorCode::kInvalidArgument, "unknown Tesseract variable " + name);
    }
  }
  auto holder = std::make_unique<Api>();
  holder->api = std::move(api);
  return std::unique_ptr<TesseractEngine>(new TesseractEngine(options, std::move(holder)));
}

Result<Page> TesseractEngine::Recognize(const GrayImage& image, const Box& region) {
  return Read(image, region, nullptr);
}

Result<Page> TesseractEngine::Read(const GrayImage& image, const Box& region,
                                   std::vector<LineMetrics>* line_metrics) {
  if (image.empty() || image.pixels.size() != static_cast<size_t>(image.width) * image.height) {
    return MakeError(ErrorCode::kInvalidArgument, "OCR: empty or malformed image");
  }
  tesseract::TessBaseAPI* api = api_->api.get();
  SetImage(api, image, options_.default_dpi);
  if (!region.empty()) {
    const int x0 = std::clamp(region.x0, 0, image.width), y0 = std::clamp(region.y0, 0, image.height);
    const int x1 = std::clamp(region.x1, 0, image.width), y1 = std::clamp(region.y1, 0, image.height);
    if (x1 <= x0 || y1 <= y0) {
      return MakeError(ErrorCode::kInvalidArgument, "OCR: region outside the image");
    }
    api->SetRectangle(x0, y0, x1 - x0, y1 - y0);
  }
  if (api->Recognize(nullptr) != 0) {
    api->Clear();
    return MakeError(ErrorCode::kInternal, "Tesseract recognition failed");
  }
  Page page;
  page.number = 1;
  page.width = image.width;
  page.height = image.height;
  page.dpi = image.dpi > 0 ? image.dpi : options_.default_dpi;
  double conf_sum = 0;
  size_t words = 0;
  std::vector<std::vector<LineMetrics>> metrics;  // parallel to blocks[].lines
  std::unique_ptr<tesseract::ResultIterator> it(api->GetIterator());
  if (it) {
    it->Begin();
    do {
      if (it->Empty(tesseract::RIL_WORD)) continue;
      if (page.blocks.empty() || it->IsAtBeginningOf(tesseract::RIL_BLOCK)) {
        page.blocks.emplace_back();
        page.blocks.back().box = IteratorBox(*it, tesseract::RIL_BLOCK);
        metrics.emplace_back();
      }
      Block& block = page.blocks.back();
      if (block.lines.empty() || it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) {
        block.lines.emplace_back();
        block.lines.back().box = IteratorBox(*it, tesseract::RIL_TEXTLINE);
        metrics.back().push_back(
            line_metrics != nullptr ? ReadLineMetrics(*it, block.lines.back().box) : LineMetrics{});
      }
      Word word;
      word.text = TakeText(it->GetUTF8Text(tesseract::RIL_WORD));
      if (word.text.empty()) continue;
      word.box = IteratorBox(*it, tesseract::RIL_WORD);
      word.confidence = std::clamp(it->Confidence(tesseract::RIL_WORD), 0.0f, 100.0f);
      conf_sum += word.confidence;
      ++words;
      block.lines.back().words.push_back(std::move(word));
    } while (it->Next(tesseract::RIL_WORD));
  }
  // Drop lines and blocks that ended up without words (and their metrics).
  if (line_metrics != nullptr) line_metrics->clear();
  for (size_t b = 0; b < page.blocks.size(); ++b) {
    std::vector<Line>& lines = page.blocks[b].lines;
    for (size_t l = 0; l < lines.size(); ++l) {
      if (!lines[l].words.empty() && line_metrics != nullptr) {
        line_metrics->push_back(metrics[b][l]);
      }
    }
    std::erase_if(lines, [](const Line& l) { return l.words.empty(); });
  }
  std::erase_if(page.blocks, [](const Block& b) { return b.lines.empty(); });
  page.mean_confidence = words ? static_cast<float>(conf_sum / words) : 0.0f;
  api->Clear();
  return page;
}

Result<Page> TesseractEngine::Recognize(
    const GrayImage& image, const Box& region,
    const std::vector<std::pair<std::string, std::string>>& variables,
    std::vector<LineMetrics>* line_metrics) {
  tesseract::TessBaseAPI* api = api_->api.get();
  std::vector<std::pair<std::string, std::string>> saved;
  auto restore = [&] {
    for (auto it = saved.rbegin(); it != saved.rend(); ++it) {
      api->SetVariable(it->first.c_str(), it->second.c_str());
    }
  };
  for (const auto& [name, value] : variables) {
    std::string old;
    if (!api->GetVariableAsString(name.c_str(), &old) ||
        !api->SetVariable(name.c_str(), value.c_str())) {
      restore();
      return MakeError(ErrorCode::kInvalidArgument, "unknown Tesseract variable " + name);
    }
    saved.emplace_back(name, std::move(old));
  }
  auto page = Read(image, region, line_metrics);
  restore();
  return page;
}

struct OrientationDetector::Api {
  std::filesystem::path tessdata_dir;
  TessPtr api;  // null until the first Detect
};

OrientationDetector::OrientationDetector(std::unique_ptr<Api> api) : api_(std::move(api)) {}
OrientationDetector::~OrientationDetector() = default;

Result<std::unique_ptr<OrientationDetector>> OrientationDetector::Create(
    const std::filesystem::path& tessdata_dir) {
  auto holder = std::make_unique<Api>();
  holder->tessdata_dir = tessdata_dir;
  return std::unique_ptr<OrientationDetector>(new OrientationDetector(std::move(holder)));
}

Status OrientationDetector::EnsureLoaded() {
  if (api_->api) return {};
  TessPtr api(new tesseract::TessBaseAPI());
  const std::string datapath = DataPathArg(api_->tessdata_dir);
  if (api->Init(datapath.empty() ? nullptr : datapath.c_str(), "osd",
                tesseract::OEM_TESSERACT_ONLY) != 0) {
    return MakeError(ErrorCode::kDependency,
                     "Tesseract orientation data 'osd' not found; install tesseract-ocr-osd");
  }
  api->SetPageSegMode(tesseract::PSM_OSD_ONLY);
  api->SetVariable("debug_file", "/dev/null");
  api_->api = std::move(api);
  return {};
}

Result<Orientation> OrientationDetector::Detect(const GrayImage& image) {
  if (image.empty()) return MakeError(ErrorCode::kInvalidArgument, "OSD: empty image");
  if (auto s = EnsureLoaded(); !s) return std::unexpected(s.error());
  tesseract::TessBaseAPI* api = api_->api.get();
  SetImage(api, image, 300);
  Orientation out;
  int degrees = 0;
  float conf = 0;
  const char* script = nullptr;
  float script_conf = 0;
  if (api->DetectOrientationScript(&degrees, &conf, &script, &script_conf)) {
    out.degrees = ((degrees % 360) + 360) % 360;
    out.confidence = conf;
  }
  api->Clear();
  return out;
}

}  // namespace vnplan::ocr
