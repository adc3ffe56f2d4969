// Turning `vnplan run` arguments into a work list: directories are walked
// recursively for supported files, shell-style globs are expanded, the list
// is sorted and de-duplicated, and `--shard K/N` keeps a deterministic subset.
// Also sniffs what kind of document a file is from its first bytes.
#ifndef VNPLAN_PIPELINE_INPUTS_H_
#define VNPLAN_PIPELINE_INPUTS_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace vnplan::pipeline {

enum class InputKind {
  kPdf,
  kImage,
  kText,
  kZip,     // a ZIP archive: .docx, .xlsx, .odt, .ods (or another archive, refused)
  kOle2,    // an OLE2 compound file: legacy .doc/.xls, or an encrypted .docx/.xlsx
  kBinary,  // anything else that is not text
  kEmpty,
};

const char* InputKindName(InputKind kind);

// Classifies by magic bytes (not by extension): %PDF, PNG, JPEG, TIFF, GIF,
// BMP, WebP, JPEG 2000 -> image; PK\3\4 -> ZIP; D0 CF 11 E0 -> OLE2;
// NUL-free data -> text; else binary.
InputKind SniffKind(std::string_view head);
Result<InputKind> SniffFile(const std::filesystem::path& path);

// File extensions picked up when walking a directory (any case): what vnplan
// reads.
bool HasSupportedExtension(const std::filesystem::path& path);

struct Shard {
  int index = 0;  // 0-based, < count
  int count = 1;
};

// Parses "K/N" with 0 <= K < N (matches SLURM_ARRAY_TASK_ID and Kubernetes
// JOB_COMPLETION_INDEX, which are 0-based).
Result<Shard> ParseShard(std::string_view spec);

// True if `path` belongs to `shard`. Decided by a stable hash (FNV-1a) of the
// path as given, so the split does not depend on the machine or on which
// other files exist; every file lands in exactly one shard.
bool InShard(const std::filesystem::path& path, const Shard& shard);

struct ExpandedInputs {
  std::vector<std::filesystem::path> files;  // sorted, unique
  std::vector<Error> errors;                 // arguments that matched nothing
};

// Expands files, directories (recursive, supported extensions only, hidden
// entries skipped) and globs ('*', '?', '[...]' via glob(3)).
ExpandedInputs ExpandInputs(const std::vector<std::string>& args);

uint64_t Fnv1a64(std::string_view data);

}  // namespace vnplan::pipeline

#endif  // VNPLAN_PIPELINE_INPUTS_H_
