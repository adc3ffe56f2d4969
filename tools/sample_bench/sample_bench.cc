// vnplan-sample-bench: runs the pipeline on each committed sample, compares
// the criteria and metadata fields with the hand-checked expected JSON, and
// prints pages/second and field accuracy (share of fields with similarity
// >= 0.95, and mean similarity). For scanned samples it also runs raw
// `tesseract PAGE - -l vie` on the same pages (rendered with pdftoppm at the
// same dpi), feeds that text to the same table reconstruction, and prints
// its figures for comparison.
//
// Usage: vnplan-sample-bench [--jobs N]   (from anywhere; finds samples/)
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "e2e_util.h"
#include "pipeline/process.h"
#include "table/plan_json.h"
#include "table/plan_schema.h"
#include "table/text_tables.h"
#include "text/vietnamese.h"

namespace fs = std::filesystem;
using nlohmann::json;
using vnplan::e2e::ReadFile;
using vnplan::e2e::Similarity;

namespace {

struct Score {
  int fields = 0, close = 0;
  double total = 0;
};

std::string Str(const json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

Score Compare(const json& expected, const json& got) {
  Score s;
  auto add = [&](const json& want, const json& have) {
    const double sim = Similarity(Str(want), Str(have));
    ++s.fields;
    s.total += sim;
    s.close += sim >= 0.95;
  };
  for (const auto& [k, v] : expected["document"].items()) add(v, got["document"][k]);
  const json& rows = expected["criteria"];
  for (size_t i = 0; i < rows.size(); ++i) {
    const json have = i < got["criteria"].size() ? got["criteria"][i] : json::object();
    for (const auto& [k, v] : rows[i].items()) add(v, have.contains(k) ? have[k] : json());
  }
  return s;
}

void Print(const char* what, const char* sample, int pages, double seconds, const Score& s) {
  const std::string name = fs::path(sample).filename().string();
  std::printf("%-14s %-28s %5d %8.2f %8.3f %7d %8.1f%% %8.4f\n", what, name.c_str(), pages, seconds,
              pages > 0 ? pages / seconds : 0.0, s.fields, 100.0 * s.close / std::max(1, s.fields),
              s.total / std::max(1, s.fields));
}

}  // namespace

int main(int argc, char** argv) {
  int jobs = 2;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--jobs") == 0) jobs = std::atoi(argv[i + 1]);
  }
  const fs::path samples = fs::path(VNPLAN_SOURCE_DIR) / "samples";
  struct Case { const char* input; const char* expected; bool scan; };
  const Case cases[] = {
      {"th_hoa_binh.scan.pdf", "th_hoa_binh.expected.json", true},
      {"mn_an_phu.tcvn3.txt", "mn_an_phu.expected.json", false},
      {"thcs_tan_loc.stripped.txt", "thcs_tan_loc.expected.json", false},
      {"th_hoa_binh.vntime.docx", "th_hoa_binh.expected.json", false},
      {"th_hoa_binh.vntime.doc", "th_hoa_binh.expected.json", false},
      {"../tests/data/pipeline/th_hoa_binh.born_digital.pdf", "th_hoa_binh.expected.json", false},
      {"../tests/data/pipeline/th_hoa_binh.tcvn3_layer.pdf", "th_hoa_binh.expected.json", false},
      {"../tests/data/ingest/th_hoa_binh.vntime.xls", "th_hoa_binh.expected.json", false},
      {"../tests/data/ingest/th_hoa_binh.vntime.rtf", "th_hoa_binh.expected.json", false},
      {"../tests/data/ingest/mn_an_phu.unicode.rtf", "mn_an_phu.expected.json", false},
  };
  vnplan::pipeline::RunOptions options;
  options.searchable_pdf = false;
  auto pipe = vnplan::pipeline::Pipeline::Create(options);
  if (!pipe) {
    std::fprintf(stderr, "%s\n", pipe.error().message.c_str());
    return 5;
  }
  std::printf("%-14s %-28s %5s %8s %8s %7s %9s %8s\n", "system", "sample", "pages", "seconds",
              "pages/s", "fields", ">=0.95", "mean");
  for (const Case& c : cases) {
    const json expected = json::parse(ReadFile(samples / c.expected));
    vnplan::pipeline::ProcessContext ctx;
    ctx.page_jobs = jobs;
    const auto start = std::chrono::steady_clock::now();
    auto out = (*pipe)->Process(samples / c.input, ctx);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!out) {
      std::printf("%-14s %-28s FAILED: %s\n", "vnplan", c.input, out.error().message.c_str());
      continue;
    }
    Print("vnplan", c.input, out->pages, seconds, Compare(expected, json::parse(out->json)));
    if (!c.scan) continue;

    // Raw Tesseract on the same pages, `jobs` pages at a time.
    const fs::path tmp = vnplan::e2e::MakeTempDir("bench");
    const auto raw_start = std::chrono::steady_clock::now();
    const std::string render = "pdftoppm -r 300 -gray -png '" + (samples / c.input).string() + "' '" +
                               (tmp / "page").string() + "'";
    const std::string ocr = "ls '" + tmp.string() + "'/page-*.png | OMP_THREAD_LIMIT=1 xargs -P " +
                            std::to_string(jobs) +
                            " -I{} sh -c 'tesseract {} {}.out -l vie >/dev/null 2>&1'";
    if (std::system(render.c_str()) != 0 || std::system(ocr.c_str()) != 0) {
      std::printf("%-14s %-28s FAILED (pdftoppm/tesseract)\n", "tesseract-raw", c.input);
      continue;
    }
    std::string raw_text;
    int pages = 0;
    std::vector<fs::path> outs;
    for (const auto& e : fs::directory_iterator(tmp)) {
      if (e.path().string().ends_with(".out.txt")) outs.push_back(e.path());
    }
    std::sort(outs.begin(), outs.end());
    for (const auto& p : outs) {
      raw_text += ReadFile(p);
      ++pages;
    }
    const double raw_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - raw_start).count();
    const std::string nfc = vnplan::text::ToNfc(raw_text);
    auto found = vnplan::table::ExtractTablesFromText(nfc);
    auto plan = vnplan::table::MapToPlan(found.tables, found.text);
    const json raw_json = vnplan::table::ToJson(plan, {c.input, "", pages, "raw", {}});
    Print("tesseract-raw", c.input, pages, raw_seconds, Compare(expected, raw_json));
    fs::remove_all(tmp);
  }
  return 0;
}
