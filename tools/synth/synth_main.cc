// vnplan-synth: command-line front end of the synthetic-scan generator
// (library vnplan_synth). Subcommands: render (Markdown -> PDF/PNG/gold,
// optional scan degradation), plan (random plan Markdown + gold criteria),
// lines (one image per text line for OCR-confusion training), batch (many
// plans rendered for benchmarks).
// Data goes to files, progress and errors to stderr; exit codes follow
// src/common/exit_codes.h.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "common/exit_codes.h"
#include "synth/synth.h"

namespace {

using namespace vnplan;
using namespace vnplan::synth;

int Fail(const Error& e) {
  std::cerr << "vnplan-synth: " << ErrorCodeName(e.code) << ": " << e.message << "\n";
  return ExitCodeFor(e.code);
}

Result<std::string> ReadAll(const std::string& path) {
  std::stringstream ss;
  if (path == "-") {
    ss << std::cin.rdbuf();
    return ss.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kInputError, "cannot read " + path);
  ss << in.rdbuf();
  return ss.str();
}

Status WriteAll(const std::string& path, const std::string& data) {
  if (path == "-") {
    std::cout << data;
    return {};
  }
  std::ofstream out(path, std::ios::binary);
  out << data;
  if (!out) return MakeError(ErrorCode::kIo, "cannot write " + path);
  return {};
}

Status EnsureDir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return MakeError(ErrorCode::kIo, "cannot create " + dir + ": " + ec.message());
  return {};
}


struct RenderFlags {
  std::string input;
  LayoutOptions layout;
  std::string pdf, png_dir, gold, gold_text, scan_pdf, scan_dir;
  int dpi = 300;
  std::string preset;
  uint64_t seed = 1;
  // Overrides; negative = take the preset's value.
  double skew = -1, blur = -1, noise = -1, salt_pepper = -1, illumination = -1, shadow = -1,
         bleed = -1;
  int jpeg = -1, scan_dpi = -1, speckles = -1;
  std::string stamp;  // "", "on", "off"
  bool color = false;
  int scan_pdf_jpeg = 85;
};

// Degradation options from a preset and/or overrides; nullopt if none given.
Result<std::optional<DegradeOptions>> DegradeFromFlags(const RenderFlags& f) {
  bool degrade = !f.preset.empty() || f.skew >= 0 || f.blur >= 0 || f.noise >= 0 ||
                 f.salt_pepper >= 0 || f.illumination >= 0 || f.shadow >= 0 || f.jpeg >= 0 ||
                 f.scan_dpi >= 0 || f.speckles >= 0 || f.bleed >= 0 || f.stamp == "on" || f.color;
  if (!degrade) return std::optional<DegradeOptions>();
  DegradeOptions dopt;
  if (!f.preset.empty()) {
    auto p = DegradePreset(f.preset);
    if (!p) return std::unexpected(p.error());
    dopt = *p;
  }
  if (f.skew >= 0) dopt.skew_deg = f.skew, dopt.skew_jitter = false;
  if (f.blur >= 0) dopt.blur_sigma = f.blur;
  if (f.noise >= 0) dopt.gaussian_noise = f.noise;
  if (f.salt_pepper >= 0) dopt.salt_pepper = f.salt_pepper;
  if (f.illumination >= 0) dopt.illumination = f.illumination;
  if (f.shadow >= 0) dopt.border_shadow = f.shadow;
  if (f.bleed >= 0) dopt.bleed_through = f.bleed;
  if (f.jpeg >= 0) dopt.jpeg_quality = f.jpeg;
  if (f.scan_dpi >= 0) dopt.target_dpi = f.scan_dpi;
  if (f.speckles >= 0) dopt.speckles = f.speckles;
  if (f.stamp == "on") dopt.stamp = true;
  if (f.stamp == "off") dopt.stamp = false;
  dopt.color = f.color;
  dopt.seed = f.seed;
  return std::optional<DegradeOptions>(dopt);
}

int RunRender(const RenderFlags& f) {
  auto text = ReadAll(f.input);
  if (!text) return Fail(text.error());
  auto doc = ParseMarkdown(*text);
  if (!doc) return Fail(doc.error());
  auto rendered = RenderedDocument::Create(*doc, f.layout);
  if (!rendered) return Fail(rendered.error());
  std::cerr << "vnplan-synth: " << rendered->page_count() << " page(s)\n";
  auto degrade = DegradeFromFlags(f);
  if (!degrade) return Fail(degrade.error());
  RenderJob job;
  job.dpi = f.dpi;
  job.pdf = f.pdf;
  job.png_dir = f.png_dir;
  job.degrade = *degrade;
  job.scan_dir = f.scan_dir;
  job.scan_pdf = f.scan_pdf;
  job.scan_pdf_jpeg = f.scan_pdf_jpeg;
  job.gold_json = f.gold == "-" ? "" : f.gold;
  job.gold_text = f.gold_text == "-" ? "" : f.gold_text;
  auto summary = RunRenderJob(*rendered, job);
  if (!summary) return Fail(summary.error());
  if (f.gold == "-") std::cout << GoldToJson(rendered->gold(), f.dpi, summary->transforms);
  if (f.gold_text == "-") std::cout << GoldPlainText(rendered->gold());
  return kExitOk;
}

struct BatchFlags {
  int count = 10;
  std::string out_dir;
  RenderFlags render;  // layout, dpi, degradation flags and seed
  PlanOptions plan;
  bool legacy_pdf = false;
  bool portrait = false;
};

// Generates `count` plans and renders each into OUT/NNNN/ with everything a
// benchmark needs; writes OUT/index.tsv.
int RunBatch(BatchFlags f) {
  if (f.count <= 0) return Fail(Error{ErrorCode::kInvalidArgument, "--count must be > 0"});
  if (auto s = EnsureDir(f.out_dir); !s) return Fail(s.error());
  std::ofstream index(std::filesystem::path(f.out_dir) / "index.tsv", std::ios::binary);
  index << "id\tseed\tpages\tcriteria\n";
  LayoutOptions layout = f.render.layout;
  layout.landscape = !f.portrait;
  layout.repeat_header = true;
  for (int i = 0; i < f.count; ++i) {
    uint64_t seed = f.render.seed + static_cast<uint64_t>(i);
    char id[16];
    std::snprintf(id, sizeof id, "%04d", i);
    auto dir = std::filesystem::path(f.out_dir) / id;
    PlanOptions po = f.plan;
    po.seed = seed;
    GeneratedPlan plan = GeneratePlan(po);
    if (auto s = EnsureDir(dir.string()); !s) return Fail(s.error());
    if (auto s = WriteAll((dir / "plan.md").string(), plan.markdown); !s) return Fail(s.error());
    auto s = WriteAll((dir / "criteria.json").string(), CriteriaToJson(plan.criteria));
    if (!s) return Fail(s.error());
    auto doc = ParseMarkdown(plan.markdown);
    if (!doc) return Fail(doc.error());
    auto rendered = RenderedDocument::Create(*doc, layout);
    if (!rendered) return Fail(rendered.error());
    RenderFlags rf = f.render;
    rf.seed = seed;
    auto degrade = DegradeFromFlags(rf);
    if (!degrade) return Fail(degrade.error());
    RenderJob job;
    job.dpi = f.render.dpi;
    job.pdf = (dir / "plan.pdf").string();
    job.png_dir = (dir / "pages").string();
    job.degrade = *degrade;
    if (job.degrade) job.scan_pdf = (dir / "scan.pdf").string();
    job.scan_pdf_jpeg = f.render.scan_pdf_jpeg;
    job.gold_json = (dir / "gold.json").string();
    job.gold_text = (dir / "gold.txt").string();
    auto summary = RunRenderJob(*rendered, job);
    if (!summary) return Fail(summary.error());
    if (f.legacy_pdf) {
      LayoutOptions legacy = layout;
      legacy.legacy_tcvn3 = true;
      auto lr = RenderedDocument::Create(*doc, legacy);
      if (!lr) return Fail(lr.error());
      if (auto w = lr->WritePdf((dir / "legacy-tcvn3.pdf").string()); !w) return Fail(w.error());
    }
    index << id << '\t' << seed << '\t' << summary->pages << '\t' << plan.criteria.size() << '\n';
    std::cerr << "vnplan-synth: " << id << ": " << summary->pages << " page(s)\n";
  }
  if (!index) return Fail(Error{ErrorCode::kIo, "cannot write index.tsv"});
  return kExitOk;
}

struct PlanFlags {
  PlanOptions options;
  std::string out = "-";
  std::string criteria_json;
};

int RunPlan(const PlanFlags& f) {
  GeneratedPlan plan = GeneratePlan(f.options);
  if (auto s = WriteAll(f.out, plan.markdown); !s) return Fail(s.error());
  if (!f.criteria_json.empty()) {
    if (auto s = WriteAll(f.criteria_json, CriteriaToJson(plan.criteria)); !s) return Fail(s.error());
  }
  return kExitOk;
}

struct LinesFlags {
  std::string input;
  std::string out_dir;
  LineRenderOptions options;
};

int RunLines(const LinesFlags& f) {
  auto text = ReadAll(f.input);
  if (!text) return Fail(text.error());
  auto n = RenderLinesToDir(*text, f.out_dir, f.options);
  if (!n) return Fail(n.error());
  std::cerr << "vnplan-synth: wrote " << *n << " line image(s) to " << f.out_dir << "\n";
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"vnplan-synth: synthetic Vietnamese plan documents, scans and gold data"};
  app.require_subcommand(1);
  int exit_code = kExitOk;

  RenderFlags rf;
  CLI::App* render = app.add_subcommand("render", "Markdown subset -> PDF / PNG pages / gold");
  render->add_option("-i,--input", rf.input, "Markdown file ('-' = stdin)")->required();
  render->add_flag("--landscape", rf.layout.landscape, "A4 landscape");
  render->add_flag("--repeat-header", rf.layout.repeat_header, "repeat table header rows per page");
  render->add_option("--font", rf.layout.font_family, "font family")->capture_default_str();
  render->add_option("--font-size", rf.layout.font_size_pt, "body size, pt")->capture_default_str();
  render->add_option("--table-font-size", rf.layout.table_font_size_pt,
                     "table size, pt (0 = body - 1)")->capture_default_str();
  render->add_flag("--legacy-tcvn3", rf.layout.legacy_tcvn3,
                   "text layer as TCVN3 bytes shown as Latin-1 (like a .VnTime PDF)");
  render->add_option("--pdf", rf.pdf, "born-digital PDF output");
  render->add_option("--png-dir", rf.png_dir, "clean page PNGs (page-001.png ...)");
  render->add_option("--dpi", rf.dpi, "page image dpi")->capture_default_str();
  render->add_option("--gold", rf.gold, "gold JSON output");
  render->add_option("--gold-text", rf.gold_text, "gold plain text output");
  render->add_option("--degrade", rf.preset, "scan preset: light|medium|heavy");
  render->add_option("--seed", rf.seed, "random seed for degradation")->capture_default_str();
  render->add_option("--skew", rf.skew, "skew magnitude in degrees (random sign)");
  render->add_option("--blur", rf.blur, "Gaussian blur sigma (px)");
  render->add_option("--noise", rf.noise, "Gaussian noise sigma (gray levels)");
  render->add_option("--salt-pepper", rf.salt_pepper, "salt-and-pepper pixel fraction");
  render->add_option("--jpeg", rf.jpeg, "JPEG re-compression quality (0 = off)");
  render->add_option("--illumination", rf.illumination, "uneven light depth 0..1");
  render->add_option("--scan-dpi", rf.scan_dpi, "downsample degraded pages to this dpi");
  render->add_option("--stamp", rf.stamp, "stamp on|off")->check(CLI::IsMember({"on", "off"}));
  render->add_option("--speckles", rf.speckles, "number of dirt specks");
  render->add_option("--shadow", rf.shadow, "border shadow strength 0..1");
  render->add_option("--bleed", rf.bleed, "bleed-through (mirrored back side) opacity 0..1");
  render->add_flag("--color", rf.color, "colour scans (red stamp, warm paper) in PNGs and --scan-pdf");
  render->add_option("--scan-dir", rf.scan_dir, "degraded PNGs (default: --png-dir)");
  render->add_option("--scan-pdf", rf.scan_pdf, "image-only PDF of the degraded pages");
  render->add_option("--scan-pdf-jpeg", rf.scan_pdf_jpeg,
                     "JPEG quality inside --scan-pdf (0 = lossless Flate)")->capture_default_str();
  render->callback([&] { exit_code = RunRender(rf); });

  PlanFlags pf;
  CLI::App* plan = app.add_subcommand("plan", "write a random plan document in Markdown");
  plan->add_option("--seed", pf.options.seed, "random seed")->capture_default_str();
  plan->add_option("-o,--out", pf.out, "Markdown output ('-' = stdout)")->capture_default_str();
  plan->add_option("--criteria-json", pf.criteria_json, "gold criteria JSON output");
  plan->add_option("--criteria", pf.options.criteria_count,
                   "number of criterion rows (0 = random 4..14)")->capture_default_str();
  plan->add_flag("--variety", pf.options.variety,
                 "vary labels (Tiêu chí N.M: topic), bullets and empty cells");
  plan->callback([&] { exit_code = RunPlan(pf); });

  LinesFlags lf;
  CLI::App* lines = app.add_subcommand("lines", "one image + .gt.txt per input line");
  lines->add_option("-i,--input", lf.input, "UTF-8 text, one line per sample ('-' = stdin)")
      ->required();
  lines->add_option("--out-dir", lf.out_dir, "output directory")->required();
  lines->add_option("--dpi", lf.options.dpi, "image dpi")->capture_default_str();
  lines->add_option("--seed", lf.options.seed, "random seed")->capture_default_str();
  lines->add_option("--limit", lf.options.limit, "max lines (0 = all)")->capture_default_str();
  lines->add_flag("!--no-degrade", lf.options.degrade, "skip the light degradation");
  lines->add_option("--min-size", lf.options.min_size_pt, "smallest font size, pt")->capture_default_str();
  lines->add_option("--max-size", lf.options.max_size_pt, "largest font size, pt")->capture_default_str();
  lines->add_option("--fonts", lf.options.fonts, "font families (comma-separated)")
      ->delimiter(',')
      ->capture_default_str();
  lines->add_option("--bold", lf.options.bold_probability, "probability of a bold line")
      ->capture_default_str();
  lines->callback([&] { exit_code = RunLines(lf); });

  BatchFlags bf;
  CLI::App* batch = app.add_subcommand(
      "batch", "N random plans, each rendered to OUT/NNNN/ (plan.md, criteria.json, plan.pdf, "
               "pages/, scan.pdf, gold.json, gold.txt)");
  batch->add_option("--count", bf.count, "number of documents")->capture_default_str();
  batch->add_option("--out-dir", bf.out_dir, "output directory")->required();
  batch->add_option("--seed", bf.render.seed, "first seed (document i uses seed + i)")
      ->capture_default_str();
  batch->add_option("--dpi", bf.render.dpi, "page image dpi")->capture_default_str();
  batch->add_option("--criteria", bf.plan.criteria_count, "criterion rows (0 = random)")
      ->capture_default_str();
  batch->add_flag("--variety", bf.plan.variety, "more varied table cells");
  batch->add_flag("--portrait", bf.portrait, "A4 portrait instead of landscape");
  batch->add_flag("--legacy-tcvn3", bf.legacy_pdf, "also write legacy-tcvn3.pdf");
  batch->add_option("--degrade", bf.render.preset, "scan preset: light|medium|heavy");
  batch->add_option("--skew", bf.render.skew, "skew magnitude in degrees (random sign)");
  batch->add_option("--scan-dpi", bf.render.scan_dpi, "downsample scans to this dpi");
  batch->add_flag("--color", bf.render.color, "colour scans");
  batch->add_option("--scan-pdf-jpeg", bf.render.scan_pdf_jpeg, "JPEG quality in scan.pdf")
      ->capture_default_str();
  batch->callback([&] { exit_code = RunBatch(bf); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  return exit_code;
}
