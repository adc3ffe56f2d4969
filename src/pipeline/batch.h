// Batch execution of `vnplan run`: runs a per-document processor over a list
// of files with N workers, isolates failures (one bad file never stops the
// others), writes each document's outputs atomically, skips documents whose
// outputs are up to date (so a re-run resumes), honours SIGINT by finishing
// the documents in flight, and summarises the run with a stable exit code.
#ifndef VNPLAN_PIPELINE_BATCH_H_
#define VNPLAN_PIPELINE_BATCH_H_

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "common/error.h"
#include "pipeline/inputs.h"

namespace vnplan::pipeline {

// What processing one document produced; the batch runner writes it.
struct DocumentOutputs {
  std::string json;  // <name>.json
  std::string text;  // <name>.txt
  // <name>.pdf (scans only): called with a temporary path to write to.
  std::function<Status(const std::filesystem::path&)> write_pdf;
  std::string route;  // e.g. "scan", "pdf-text", "pdf-reocr", "text"
  int pages = 0;
  int criteria = 0;
  std::vector<std::string> warnings;
};

struct ProcessContext {
  int page_jobs = 1;  // threads the processor may use for pages
  // Page progress of the current document (done, total); may be empty.
  std::function<void(int, int)> on_page;
};

using DocumentProcessor =
    std::function<Result<DocumentOutputs>(const std::filesystem::path&, const ProcessContext&)>;

struct BatchOptions {
  std::filesystem::path out_dir = "out";  // created if missing
  int jobs = 1;                           // total worker threads (>= 1)
  Shard shard;                            // default: everything
  bool force = false;                     // re-process up-to-date documents
  // Identifies the program version and every option that changes outputs;
  // a document is up to date only if its stamp records the same value.
  std::string fingerprint;
  bool progress = true;  // per-document lines on stderr
};

enum class ItemStatus { kOk, kSkipped, kFailed };

struct ItemReport {
  std::filesystem::path input;
  std::string output_name;  // outputs are <out_dir>/<output_name>.{json,txt,pdf}
  ItemStatus status = ItemStatus::kFailed;
  Error error;              // when kFailed
  std::string route;
  int pages = 0;
  int criteria = 0;
  double seconds = 0;
  std::vector<std::string> warnings;
};

struct BatchReport {
  std::vector<ItemReport> items;   // in input order
  std::vector<Error> input_errors;  // arguments that matched nothing
  bool interrupted = false;

  int ok() const;
  int skipped() const;
  int failed() const;
  // 0 all ok; 6 some failed; when everything failed, the shared error's own
  // code (3 input, 4 not Vietnamese, 5 missing model...); 5 whenever a model
  // or dependency is missing; 130 when interrupted.
  int ExitCode() const;
  // Human-readable table for stderr.
  std::string SummaryTable() const;
};

// Output base names for `files`, unique within the list: the stem, or the
// file name when stems collide, or the file name plus a path hash when file
// names collide too. Computed over the whole list before sharding so every
// shard agrees.
std::map<std::filesystem::path, std::string> OutputNames(
    const std::vector<std::filesystem::path>& files);

BatchReport RunBatch(const std::vector<std::filesystem::path>& files, const BatchOptions& options,
                     const DocumentProcessor& process);

// Installs a SIGINT/SIGTERM handler that asks RunBatch to stop picking up new
// documents; returns whether one was requested.
void InstallInterruptHandler();
bool InterruptRequested();

}  // namespace vnplan::pipeline

#endif  // VNPLAN_PIPELINE_BATCH_H_
