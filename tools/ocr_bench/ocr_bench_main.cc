// vnplan-ocr-bench: token F1 and seconds per page of (a) raw
// `tesseract IMG stdout -l vie` (one process per page, OMP_THREAD_LIMIT=1,
// `--jobs` processes at a time), (b) vnplan cleanup + OCR (OcrPageImage with
// default options, `--jobs` worker threads each with its own engine) and
// (c) vnplan without cleanup (same engines, the scan as is), on degraded
// synthetic plan scans made by vnplan-synth. See README.md.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "ingest/source_document.h"
#include "ocr/ocr_document.h"
#include "ocr/omp_env.h"
#include "token_f1.h"

#ifndef VNPLAN_SYNTH_PATH
#define VNPLAN_SYNTH_PATH "vnplan-synth"
#endif

namespace fs = std::filesystem;
using vnplan::bench::TokenCounts;

namespace {

struct BenchPage {
  fs::path image;
  std::string gold;
  std::string name;  // s101-medium/page-001
};

struct MethodResult {
  std::string name;
  TokenCounts counts;
  double wall_seconds = 0;
  double cpu_seconds = 0;  // user + sys of this process and its children
  int pages = 0;
  int failures = 0;
};

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

std::string Quote(const fs::path& p) {
  std::string s = "'";
  for (char c : p.string()) s += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return s + "'";
}

bool Run(const std::string& cmd) {
  if (std::system(cmd.c_str()) != 0) {
    std::fprintf(stderr, "failed: %s\n", cmd.c_str());
    return false;
  }
  return true;
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

// Makes (or reuses) the degraded plan of `seed` and returns its pages.
std::vector<BenchPage> MakeCase(const std::string& synth, const fs::path& work, int seed,
                                const std::string& degrade) {
  const std::string name = "s" + std::to_string(seed) + "-" + degrade;
  const fs::path dir = work / name;
  const fs::path gold = dir / "gold.json";
  if (!fs::exists(gold)) {
    fs::create_directories(dir);
    const fs::path md = dir / "plan.md";
    if (!Run(Quote(synth) + " plan --seed " + std::to_string(seed) + " -o " + Quote(md)) ||
        !Run(Quote(synth) + " render -i " + Quote(md) + " --landscape --png-dir " + Quote(dir) +
             " --dpi 300 --degrade " + degrade + " --seed " + std::to_string(seed) + " --gold " +
             Quote(gold) + " >/dev/null")) {
      return {};
    }
  }
  std::vector<BenchPage> pages;
  const auto json = nlohmann::json::parse(Slurp(gold));
  int n = 0;
  for (const auto& page : json.at("pages")) {
    ++n;
    char file[32];
    std::snprintf(file, sizeof file, "page-%03d-scan.png", n);
    BenchPage p;
    p.image = dir / file;
    p.gold = page.at("text").get<std::string>();
    p.name = name + "/" + file;
    if (fs::exists(p.image)) pages.push_back(std::move(p));
  }
  return pages;
}

double CpuSeconds() {
  double total = 0;
  for (int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
    rusage u{};
    ::getrusage(who, &u);
    total += u.ru_utime.tv_sec + u.ru_utime.tv_usec * 1e-6 + u.ru_stime.tv_sec +
             u.ru_stime.tv_usec * 1e-6;
  }
  return total;
}

// Runs `ocr(page) -> text` over all pages with `jobs` threads; per-thread
// setup (engine loading) is part of the measured wall time.
template <typename MakeWorker>
MethodResult RunMethod(const std::string& name, const std::vector<BenchPage>& pages, int jobs,
                       MakeWorker make_worker, const fs::path& dump_dir) {
  MethodResult result;
  result.name = name;
  result.pages = static_cast<int>(pages.size());
  std::vector<std::string> texts(pages.size());
  std::vector<bool> ok(pages.size(), false);
  std::atomic<size_t> next{0};
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = CpuSeconds();
  std::vector<std::thread> threads;
  for (int j = 0; j < jobs; ++j) {
    threads.emplace_back([&] {
      auto ocr = make_worker();
      for (size_t i; (i = next.fetch_add(1)) < pages.size();) {
        std::string text;
        ok[i] = ocr(pages[i], &text);
        texts[i] = std::move(text);
      }
    });
  }
  for (auto& t : threads) t.join();
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.cpu_seconds = CpuSeconds() - cpu_start;
  for (size_t i = 0; i < pages.size(); ++i) {
    if (!ok[i]) ++result.failures;
    result.counts += vnplan::bench::CountTokens(pages[i].gold, texts[i]);
    if (!dump_dir.empty()) {
      const fs::path out = dump_dir / name / (pages[i].name + ".txt");
      fs::create_directories(out.parent_path());
      std::ofstream(out) << texts[i];
    }
  }
  return result;
}

void PrintTable(const std::string& title, const std::vector<MethodResult>& results) {
  std::printf("\n%s\n", title.c_str());
  std::printf("| method | pages | token P | token R | token F1 | wall s/page | CPU s/page | failures |\n");
  std::printf("|---|---|---|---|---|---|---|---|\n");
  for (const auto& r : results) {
    std::printf("| %s | %d | %.2f | %.2f | **%.2f** | %.2f | %.2f | %d |\n", r.name.c_str(), r.pages,
                100 * r.counts.precision(), 100 * r.counts.recall(), 100 * r.counts.f1(),
                r.pages ? r.wall_seconds / r.pages : 0.0, r.pages ? r.cpu_seconds / r.pages : 0.0,
                r.failures);
  }
  const MethodResult* raw = nullptr;
  const MethodResult* ours = nullptr;
  for (const auto& r : results) {
    if (r.name == "raw-tesseract") raw = &r;
    if (r.name == "vnplan") ours = &r;
  }
  if (raw && ours && raw->wall_seconds > 0) {
    std::printf("vnplan - raw: %+.2f F1 points; vnplan/raw time: wall %.2fx, CPU %.2fx\n",
                100 * (ours->counts.f1() - raw->counts.f1()), ours->wall_seconds / raw->wall_seconds,
                raw->cpu_seconds > 0 ? ours->cpu_seconds / raw->cpu_seconds : 0.0);
  }
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  vnplan::ocr::ReexecWithOmpThreadLimit(argv);
  CLI::App app{"vnplan-ocr-bench: raw tesseract vs vnplan OCR on degraded synthetic plan scans"};
  std::string work = "/tmp/vnplan-ocr-bench", synth = VNPLAN_SYNTH_PATH, tesseract = "tesseract";
  std::string seeds = "101,102,103", degrades = "medium,heavy", methods = "raw,vnplan,noclean";
  std::string lang = "vie", dump;
  int jobs = 2;
  bool profile = false, interleave = false;
  vnplan::ocr::OcrOptions options;
  app.add_option("--work", work, "directory for generated scans (reused)")->capture_default_str();
  app.add_option("--synth", synth, "vnplan-synth binary")->capture_default_str();
  app.add_option("--tesseract", tesseract, "tesseract binary")->capture_default_str();
  app.add_option("--seeds", seeds, "comma-separated plan seeds")->capture_default_str();
  app.add_option("--degrade", degrades, "comma-separated presets")->capture_default_str();
  app.add_option("--methods", methods, "raw,vnplan,noclean")->capture_default_str();
  app.add_option("--lang", lang, "Tesseract languages")->capture_default_str();
  app.add_option("--jobs", jobs, "pages in parallel (processes or threads)")->capture_default_str();
  app.add_option("--dump", dump, "write every OCR text under this directory");
  app.add_flag("--profile", profile, "print vnplan's mean wall time per stage and page");
  app.add_flag("--interleave", interleave,
               "one thread, raw and vnplan alternating page by page (steadier time ratio on a "
               "loaded machine)");
  // Tuning knobs (defaults are the library defaults).
  app.add_option("--median", options.cleanup.median_size)->capture_default_str();
  app.add_option("--sauvola-k", options.cleanup.sauvola_k)->capture_default_str();
  app.add_option("--sauvola-window", options.cleanup.sauvola_half_window)->capture_default_str();
  app.add_option("--target-x-height", options.cleanup.target_x_height)->capture_default_str();
  app.add_option("--min-x-height", options.cleanup.min_x_height)->capture_default_str();
  app.add_option("--despeckle", options.cleanup.despeckle_size)->capture_default_str();
  app.add_option("--light-noise", options.cleanup.light_noise_threshold)->capture_default_str();
  app.add_option("--psm", options.tesseract.psm)->capture_default_str();
  std::vector<std::string> tess_vars;
  app.add_option("--tess-var", tess_vars, "extra Tesseract variable NAME=VALUE for vnplan (repeatable)");
  bool ocr_gray = false, no_rotate = false, no_rescale = false, no_background = false;
  bool no_borders = false, no_deskew = false;
  app.add_flag("--invert,!--no-invert", options.tesseract.detect_inverted_text,
               "let Tesseract retry lines as inverted text (tessedit_do_invert)");
  app.add_flag("--tables,!--no-tables", options.tesseract.detect_tables,
               "Tesseract's own table detection (textord_tabfind_find_tables)");
  app.add_flag("--ocr-gray", ocr_gray, "give Tesseract the cleaned gray page");
  app.add_flag("--no-rotate", no_rotate);
  app.add_flag("--no-rescale", no_rescale);
  app.add_flag("--no-background", no_background);
  app.add_flag("--no-borders", no_borders);
  app.add_flag("--no-deskew", no_deskew);
  CLI11_PARSE(app, argc, argv);
  options.tesseract.languages = lang;
  for (const std::string& nv : tess_vars) {
    const size_t eq = nv.find('=');
    if (eq == std::string::npos) {
      std::fprintf(stderr, "--tess-var wants NAME=VALUE, got %s\n", nv.c_str());
      return 2;
    }
    options.tesseract.variables.emplace_back(nv.substr(0, eq), nv.substr(eq + 1));
  }
  options.ocr_binary = !ocr_gray;
  options.detect_orientation = !no_rotate;
  options.cleanup.rescale = !no_rescale;
  options.cleanup.normalize_background = !no_background;
  options.cleanup.clean_borders = !no_borders;
  options.cleanup.deskew = !no_deskew;

  const auto method_list = Split(methods);
  auto wants = [&](const std::string& m) {
    return std::find(method_list.begin(), method_list.end(), m) != method_list.end();
  };
  std::vector<MethodResult> total;
  for (const std::string& degrade : Split(degrades)) {
    std::vector<BenchPage> pages;
    for (const std::string& s : Split(seeds)) {
      auto more = MakeCase(synth, work, std::stoi(s), degrade);
      if (more.empty()) return 1;
      pages.insert(pages.end(), more.begin(), more.end());
    }
    std::vector<MethodResult> results;
    // Makers of per-thread OCR functions (page -> text), one per method.
    auto make_raw = [&] {
      return [&](const BenchPage& p, std::string* text) {
        const std::string cmd = "OMP_THREAD_LIMIT=1 " + Quote(tesseract) + " " + Quote(p.image) +
                                " stdout -l " + lang + " 2>/dev/null";
        FILE* pipe = ::popen(cmd.c_str(), "r");
        if (!pipe) return false;
        char buf[4096];
        for (size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) text->append(buf, n);
        return ::pclose(pipe) == 0;
      };
    };
    // Stage name -> (total ms, count), over the pages of this preset.
    std::map<std::string, std::pair<double, int>> stage_ms;
    std::mutex stage_mu;
    auto make_in_process = [&](const std::string& name, vnplan::ocr::OcrOptions opts) {
      return [opts, &stage_ms, &stage_mu, name] {
        auto engine = vnplan::ocr::TesseractEngine::Create(opts.tesseract);
        std::unique_ptr<vnplan::ocr::OrientationDetector> detector;
        if (opts.detect_orientation) {
          if (auto d = vnplan::ocr::OrientationDetector::Create()) detector = std::move(*d);
        }
        std::shared_ptr<vnplan::ocr::TesseractEngine> shared =
            engine ? std::shared_ptr<vnplan::ocr::TesseractEngine>(std::move(*engine)) : nullptr;
        std::shared_ptr<vnplan::ocr::OrientationDetector> det(std::move(detector));
        return [opts, shared, det, &stage_ms, &stage_mu, name](const BenchPage& p,
                                                                std::string* text) {
          if (!shared) return false;
          auto doc = vnplan::ingest::OpenSource(p.image);
          if (!doc) return false;
          auto img = doc->RenderPage(0, opts.dpi);
          if (!img) return false;
          auto page = vnplan::ocr::OcrPageImage(*img, 1, opts, *shared, det.get());
          if (!page) {
            std::fprintf(stderr, "%s: %s\n", p.name.c_str(), page.error().message.c_str());
            return false;
          }
          *text = vnplan::PageText(page->page);
          if (name == "vnplan") {
            std::lock_guard lock(stage_mu);
            for (const auto& t : page->timings) {
              stage_ms[t.stage].first += t.milliseconds;
              ++stage_ms[t.stage].second;
            }
          }
          return true;
        };
      };
    };
    if (interleave) {
      // One thread; raw and vnplan alternate page by page, so a change in
      // the machine's load hits both alike. CPU: the raw child's user+sys,
      // vnplan's thread CPU time.
      MethodResult raw_r, ours_r;
      raw_r.name = "raw-tesseract";
      ours_r.name = "vnplan";
      auto raw = make_raw();
      auto ours = make_in_process("vnplan", options)();
      for (const BenchPage& p : pages) {
        std::string a, b;
        const double c0 = CpuSeconds();
        auto w0 = std::chrono::steady_clock::now();
        raw_r.failures += !raw(p, &a);
        auto w1 = std::chrono::steady_clock::now();
        const double c1 = CpuSeconds();
        ours_r.failures += !ours(p, &b);
        auto w2 = std::chrono::steady_clock::now();
        const double c2 = CpuSeconds();
        raw_r.cpu_seconds += c1 - c0;
        ours_r.cpu_seconds += c2 - c1;
        raw_r.wall_seconds += std::chrono::duration<double>(w1 - w0).count();
        ours_r.wall_seconds += std::chrono::duration<double>(w2 - w1).count();
        raw_r.counts += vnplan::bench::CountTokens(p.gold, a);
        ours_r.counts += vnplan::bench::CountTokens(p.gold, b);
        ++raw_r.pages;
        ++ours_r.pages;
      }
      results = {raw_r, ours_r};
    } else {
      if (wants("raw")) results.push_back(RunMethod("raw-tesseract", pages, jobs, make_raw, dump));
      if (wants("vnplan")) {
        results.push_back(RunMethod("vnplan", pages, jobs, make_in_process("vnplan", options), dump));
      }
      if (wants("noclean")) {
        vnplan::ocr::OcrOptions raw_opts = options;
        raw_opts.clean = false;
        raw_opts.detect_orientation = false;
        raw_opts.pdf_image_quality = 0;
        results.push_back(RunMethod("vnplan-noclean", pages, jobs,
                                    make_in_process("vnplan-noclean", raw_opts), dump));
      }
    }
    PrintTable("degrade=" + degrade + " seeds=" + seeds + " jobs=" + std::to_string(jobs), results);
    if (profile && !stage_ms.empty()) {
      std::printf("vnplan stages, ms per page (pages that ran the stage):");
      for (const auto& [stage, v] : stage_ms) {
        std::printf(" %s %.0f (%d)", stage.c_str(), v.first / pages.size(), v.second);
      }
      std::printf("\n");
    }
    for (size_t i = 0; i < results.size(); ++i) {
      if (total.size() <= i) {
        total.emplace_back();
        total.back().name = results[i].name;
      }
      total[i].counts += results[i].counts;
      total[i].wall_seconds += results[i].wall_seconds;
      total[i].cpu_seconds += results[i].cpu_seconds;
      total[i].pages += results[i].pages;
      total[i].failures += results[i].failures;
    }
  }
  PrintTable("all presets", total);
  return 0;
}
