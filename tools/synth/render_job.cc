#include "synth/render_job.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "synth/scan_pdf.h"

namespace vnplan::synth {
namespace {

Status EnsureDir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return MakeError(ErrorCode::kIo, "cannot create " + dir + ": " + ec.message());
  return {};
}

Status EnsureParent(const std::string& file) {
  auto parent = std::filesystem::path(file).parent_path();
  if (parent.empty()) return {};
  return EnsureDir(parent.string());
}

Status WriteText(const std::string& path, const std::string& data) {
  if (auto s = EnsureParent(path); !s) return s;
  std::ofstream out(path, std::ios::binary);
  out << data;
  if (!out) return MakeError(ErrorCode::kIo, "cannot write " + path);
  return {};
}

std::string PageName(int index, const char* suffix) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "page-%03d%s.png", index + 1, suffix);
  return buf;
}

}  // namespace

Result<RenderSummary> RunRenderJob(const RenderedDocument& doc, const RenderJob& job) {
  RenderSummary summary;
  summary.pages = doc.page_count();
  if (!job.scan_pdf.empty() && !job.degrade) {
    return MakeError(ErrorCode::kInvalidArgument, "a scan PDF needs degradation options");
  }
  if (!job.pdf.empty()) {
    if (auto s = EnsureParent(job.pdf); !s) return std::unexpected(s.error());
    if (auto s = doc.WritePdf(job.pdf); !s) return std::unexpected(s.error());
  }
  const bool degrade = job.degrade.has_value();
  const std::string scan_dir = job.scan_dir.empty() ? job.png_dir : job.scan_dir;
  ImagePdfWriter scan_pdf;
  if (!job.scan_pdf.empty()) {
    if (auto s = EnsureParent(job.scan_pdf); !s) return std::unexpected(s.error());
    if (auto s = scan_pdf.Begin(job.scan_pdf, job.scan_pdf_jpeg); !s) return std::unexpected(s.error());
  }
  if (!job.png_dir.empty()) {
    if (auto s = EnsureDir(job.png_dir); !s) return std::unexpected(s.error());
  }
  if (degrade && !scan_dir.empty()) {
    if (auto s = EnsureDir(scan_dir); !s) return std::unexpected(s.error());
  }
  if (!job.png_dir.empty() || degrade) {
    for (int i = 0; i < doc.page_count(); ++i) {
      auto page = doc.RenderPage(i, job.dpi);
      if (!page) return std::unexpected(page.error());
      if (!job.png_dir.empty()) {
        auto s = WritePng(*page, (std::filesystem::path(job.png_dir) / PageName(i, "")).string());
        if (!s) return std::unexpected(s.error());
      }
      if (!degrade) continue;
      auto d = Degrade(*page, *job.degrade, i);
      if (!d) return std::unexpected(d.error());
      summary.transforms.push_back(d->transform);
      const bool color = job.degrade->color;
      if (!scan_dir.empty()) {
        auto path = (std::filesystem::path(scan_dir) / PageName(i, "-scan")).string();
        auto s = color ? WritePng(d->color, path) : WritePng(d->image, path);
        if (!s) return std::unexpected(s.error());
      }
      if (!job.scan_pdf.empty()) {
        auto s = color ? scan_pdf.AddPage(d->color) : scan_pdf.AddPage(d->image);
        if (!s) return std::unexpected(s.error());
      }
    }
  }
  if (!job.scan_pdf.empty()) {
    if (auto s = scan_pdf.End(); !s) return std::unexpected(s.error());
  }
  if (!job.gold_json.empty()) {
    auto s = WriteText(job.gold_json, GoldToJson(doc.gold(), job.dpi, summary.transforms));
    if (!s) return std::unexpected(s.error());
  }
  if (!job.gold_text.empty()) {
    if (auto s = WriteText(job.gold_text, GoldPlainText(doc.gold())); !s) return std::unexpected(s.error());
  }
  return summary;
}

}  // namespace vnplan::synth
