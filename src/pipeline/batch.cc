#include "pipeline/batch.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "common/exit_codes.h"
#include "output/atomic_file.h"

namespace vnplan::pipeline {
namespace {

std::atomic<bool> g_interrupt{false};

extern "C" void OnSignal(int) { g_interrupt.store(true); }

namespace fs = std::filesystem;

fs::path StampPath(const fs::path& out_dir, const std::string& name) {
  return out_dir / ".vnplan" / (name + ".stamp");
}

// The stamp records the fingerprint and the input's size and mtime; it is
// written after all outputs, so a crash leaves no stamp and forces a redo.
std::string StampFor(const fs::path& input, const std::string& fingerprint) {
  std::error_code ec;
  const auto size = fs::file_size(input, ec);
  const auto mtime = fs::last_write_time(input, ec).time_since_epoch().count();
  std::ostringstream s;
  s << "fingerprint " << fingerprint << "\nsize " << size << "\nmtime " << mtime << "\n";
  return s.str();
}

bool UpToDate(const fs::path& input, const fs::path& out_dir, const std::string& name,
              const std::string& fingerprint) {
  std::ifstream in(StampPath(out_dir, name));
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  if (ss.str() != StampFor(input, fingerprint)) return false;
  std::error_code ec;
  return fs::exists(out_dir / (name + ".json"), ec) && fs::exists(out_dir / (name + ".txt"), ec);
}

Status WriteOutputs(const DocumentOutputs& out, const fs::path& out_dir, const std::string& name) {
  if (auto s = output::WriteFileAtomic(out_dir / (name + ".txt"), out.text); !s) return s;
  if (out.write_pdf) {
    if (auto s = output::WriteWithTempPath(out_dir / (name + ".pdf"), out.write_pdf); !s) return s;
  }
  // JSON last: its presence means the text (and PDF) are complete.
  return output::WriteFileAtomic(out_dir / (name + ".json"), out.json);
}

std::string Shorten(const std::string& s, size_t width) {
  if (s.size() <= width) return s;
  return "…" + s.substr(s.size() - (width - 1));
}

}  // namespace

void InstallInterruptHandler() {
  struct sigaction sa {};
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

bool InterruptRequested() { return g_interrupt.load(); }

int BatchReport::ok() const {
  int n = 0;
  for (const auto& i : items) n += i.status == ItemStatus::kOk;
  return n;
}
int BatchReport::skipped() const {
  int n = 0;
  for (const auto& i : items) n += i.status == ItemStatus::kSkipped;
  return n;
}
int BatchReport::failed() const {
  int n = 0;
  for (const auto& i : items) n += i.status == ItemStatus::kFailed;
  return n;
}

int BatchReport::ExitCode() const {
  if (interrupted) return kExitInterrupted;
  std::vector<ErrorCode> codes;
  for (const auto& e : input_errors) codes.push_back(e.code);
  for (const auto& i : items) {
    if (i.status == ItemStatus::kFailed) codes.push_back(i.error.code);
  }
  if (codes.empty()) return kExitOk;
  for (ErrorCode c : codes) {
    if (c == ErrorCode::kModelMissing || c == ErrorCode::kDependency) return kExitMissingModel;
  }
  const int succeeded = ok() + skipped();
  if (succeeded > 0) return kExitPartial;
  for (ErrorCode c : codes) {
    if (c != codes.front()) return kExitPartial;
  }
  return ExitCodeFor(codes.front());
}

std::string BatchReport::SummaryTable() const {
  std::ostringstream s;
  char line[512];
  std::snprintf(line, sizeof line, "%-40s %-8s %-10s %5s %8s %8s  %s\n", "input", "status",
                "route", "pages", "criteria", "seconds", "message");
  s << line;
  for (const auto& i : items) {
    const char* status = i.status == ItemStatus::kOk        ? "ok"
                         : i.status == ItemStatus::kSkipped ? "skipped"
                                                            : "FAILED";
    std::string message = i.status == ItemStatus::kFailed ? i.error.message
                          : i.status == ItemStatus::kSkipped ? "up to date"
                          : i.warnings.empty() ? "" : i.warnings.front();
    std::snprintf(line, sizeof line, "%-40s %-8s %-10s %5d %8d %8.2f  %s\n",
                  Shorten(i.input.string(), 40).c_str(), status, i.route.c_str(), i.pages,
                  i.criteria, i.seconds, message.c_str());
    s << line;
  }
  for (const auto& e : input_errors) s << "argument error: " << e.message << "\n";
  s << ok() << " ok, " << skipped() << " skipped, " << failed() << " failed";
  if (!input_errors.empty()) s << ", " << input_errors.size() << " bad arguments";
  if (interrupted) s << " (interrupted)";
  s << "\n";
  return s.str();
}

std::map<fs::path, std::string> OutputNames(const std::vector<fs::path>& files) {
  std::map<std::string, int> stems, names;
  for (const auto& f : files) {
    ++stems[f.stem().string()];
    ++names[f.filename().string()];
  }
  std::map<fs::path, std::string> out;
  for (const auto& f : files) {
    const std::string stem = f.stem().string();
    const std::string filename = f.filename().string();
    if (stems[stem] == 1) {
      out[f] = stem;
    } else if (names[filename] == 1) {
      out[f] = filename;
    } else {
      char hash[9];
      std::snprintf(hash, sizeof hash, "%08x",
                    static_cast<unsigned>(Fnv1a64(f.parent_path().generic_string())));
      out[f] = filename + "-" + hash;
    }
  }
  return out;
}

BatchReport RunBatch(const std::vector<fs::path>& all_files, const BatchOptions& options,
                     const DocumentProcessor& process) {
  const auto names = OutputNames(all_files);
  std::vector<fs::path> files;
  for (const auto& f : all_files) {
    if (InShard(f, options.shard)) files.push_back(f);
  }
  BatchReport report;
  report.items.resize(files.size());
  const int jobs = std::max(1, options.jobs);
  const int doc_workers = std::max(1, std::min<int>(jobs, static_cast<int>(files.size())));
  ProcessContext base_context;
  base_context.page_jobs = std::max(1, jobs / doc_workers);

  std::atomic<size_t> next{0};
  std::atomic<int> finished{0};
  std::mutex log_mu;
  const size_t total = files.size();

  auto worker = [&] {
    while (!g_interrupt.load()) {
      const size_t idx = next.fetch_add(1);
      if (idx >= total) return;
      ItemReport& item = report.items[idx];
      item.input = files[idx];
      item.output_name = names.at(files[idx]);
      const auto start = std::chrono::steady_clock::now();
      if (!options.force &&
          UpToDate(item.input, options.out_dir, item.output_name, options.fingerprint)) {
        item.status = ItemStatus::kSkipped;
      } else {
        ProcessContext ctx = base_context;
        if (options.progress && doc_workers == 1 && isatty(STDERR_FILENO)) {
          ctx.on_page = [&, idx](int done, int pages) {
            std::lock_guard<std::mutex> lock(log_mu);
            std::fprintf(stderr, "\r[%zu/%zu] %s: page %d/%d", idx + 1, total,
                         item.input.filename().c_str(), done, pages);
          };
        }
        Result<DocumentOutputs> out = process(item.input, ctx);
        if (!out) {
          item.status = ItemStatus::kFailed;
          item.error = out.error();
        } else {
          item.route = out->route;
          item.pages = out->pages;
          item.criteria = out->criteria;
          item.warnings = out->warnings;
          Status written = WriteOutputs(*out, options.out_dir, item.output_name);
          if (written) {
            written = output::WriteFileAtomic(StampPath(options.out_dir, item.output_name),
                                              StampFor(item.input, options.fingerprint));
          }
          if (written) {
            item.status = ItemStatus::kOk;
          } else {
            item.status = ItemStatus::kFailed;
            item.error = written.error();
          }
        }
      }
      item.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const int done = ++finished;
      if (options.progress) {
        std::lock_guard<std::mutex> lock(log_mu);
        if (isatty(STDERR_FILENO)) std::fputs("\r\033[K", stderr);
        if (item.status == ItemStatus::kFailed) {
          std::fprintf(stderr, "[%d/%zu] %s: error (%s): %s\n", done, total,
                       item.input.c_str(), ErrorCodeName(item.error.code),
                       item.error.message.c_str());
        } else if (item.status == ItemStatus::kSkipped) {
          std::fprintf(stderr, "[%d/%zu] %s: up to date, skipped\n", done, total,
                       item.input.c_str());
        } else {
          std::fprintf(stderr, "[%d/%zu] %s: ok %s, %d pages, %d criteria, %.2f s\n", done,
                       total, item.input.c_str(), item.route.c_str(), item.pages,
                       item.criteria, item.seconds);
        }
      }
    }
  };

  std::vector<std::thread> threads;
  for (int i = 1; i < doc_workers; ++i) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();

  if (g_interrupt.load()) {
    report.interrupted = true;
    // Documents never started are dropped from the report.
    std::erase_if(report.items, [](const ItemReport& i) { return i.input.empty(); });
  }
  return report;
}

}  // namespace vnplan::pipeline
