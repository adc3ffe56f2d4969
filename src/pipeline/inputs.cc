#include "pipeline/inputs.h"

#include <glob.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <set>
#include <system_error>

namespace vnplan::pipeline {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

bool IsHidden(const std::filesystem::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

}  // namespace

const char* InputKindName(InputKind kind) {
  switch (kind) {
    case InputKind::kPdf: return "pdf";
    case InputKind::kImage: return "image";
    case InputKind::kText: return "text";
    case InputKind::kZip: return "zip";
    case InputKind::kOle2: return "ole2";
    case InputKind::kBinary: return "binary";
    case InputKind::kEmpty: return "empty";
  }
  return "binary";
}

InputKind SniffKind(std::string_view head) {
  if (head.empty()) return InputKind::kEmpty;
  // PDF headers may follow a few junk bytes (the spec allows 1024).
  if (head.substr(0, 1024).find("%PDF-") != std::string_view::npos) return InputKind::kPdf;
  if (StartsWith(head, "\x89PNG\r\n\x1a\n") || StartsWith(head, "\xFF\xD8\xFF") ||
      StartsWith(head, "II*\0") || StartsWith(head, std::string_view("MM\0*", 4)) ||
      StartsWith(head, "GIF87a") || StartsWith(head, "GIF89a") || StartsWith(head, "BM") ||
      (StartsWith(head, "RIFF") && head.size() >= 12 && head.substr(8, 4) == "WEBP") ||
      StartsWith(head, std::string_view("\0\0\0\x0CjP  ", 8))) {
    return InputKind::kImage;
  }
  if (StartsWith(head, "PK\x03\x04")) return InputKind::kZip;
  if (StartsWith(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return InputKind::kOle2;
  // UTF-16 text has NULs but a BOM.
  if (StartsWith(head, "\xFF\xFE") || StartsWith(head, "\xFE\xFF")) return InputKind::kText;
  if (head.find('\0') != std::string_view::npos) return InputKind::kBinary;
  return InputKind::kText;
}

Result<InputKind> SniffFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kInputError, "cannot open " + path.string());
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  return SniffKind(head);
}

bool HasSupportedExtension(const std::filesystem::path& path) {
  static const std::set<std::string> kExtensions = {
      ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp", ".jp2",
      ".txt", ".text", ".md", ".markdown", ".htm", ".html", ".csv", ".tsv", ".docx", ".docm",
      ".dotx", ".odt", ".ott", ".fodt", ".xlsx", ".xlsm", ".xltx", ".ods", ".ots", ".fods", ".rtf",
      // Word and Excel 97-2003 files (wvWare, FreeXL).
      ".doc", ".dot", ".xls", ".xlt"};
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return kExtensions.contains(ext);
}

Result<Shard> ParseShard(std::string_view spec) {
  const size_t slash = spec.find('/');
  Shard shard;
  auto parse = [](std::string_view s, int* out) {
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
    return ec == std::errc() && ptr == s.data() + s.size();
  };
  if (slash == std::string_view::npos || !parse(spec.substr(0, slash), &shard.index) ||
      !parse(spec.substr(slash + 1), &shard.count) || shard.count < 1 || shard.index < 0 ||
      shard.index >= shard.count) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "--shard expects K/N with 0 <= K < N, got '" + std::string(spec) + "'");
  }
  return shard;
}

uint64_t Fnv1a64(std::string_view data) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : data) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

bool InShard(const std::filesystem::path& path, const Shard& shard) {
  if (shard.count <= 1) return true;
  return Fnv1a64(path.generic_string()) % static_cast<uint64_t>(shard.count) ==
         static_cast<uint64_t>(shard.index);
}

ExpandedInputs ExpandInputs(const std::vector<std::string>& args) {
  ExpandedInputs result;
  std::set<std::filesystem::path> files;
  auto add_path = [&](const std::filesystem::path& p, bool explicit_arg) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      std::vector<std::filesystem::path> found;
      auto it = std::filesystem::recursive_directory_iterator(
          p, std::filesystem::directory_options::skip_permission_denied, ec);
      for (; !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (IsHidden(it->path())) {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec) && HasSupportedExtension(it->path())) {
          files.insert(it->path().lexically_normal());
        }
      }
      return true;
    }
    if (std::filesystem::exists(p, ec)) {
      if (explicit_arg || HasSupportedExtension(p)) files.insert(p.lexically_normal());
      return true;
    }
    return false;
  };
  for (const std::string& arg : args) {
    if (add_path(arg, true)) continue;
    if (arg.find_first_of("*?[") != std::string::npos) {
      glob_t g{};
      const int rc = glob(arg.c_str(), 0, nullptr, &g);
      bool any = false;
      if (rc == 0) {
        for (size_t i = 0; i < g.gl_pathc; ++i) any |= add_path(g.gl_pathv[i], true);
      }
      globfree(&g);
      if (any) continue;
      result.errors.push_back(Error{ErrorCode::kInputError, "no file matches '" + arg + "'"});
      continue;
    }
    result.errors.push_back(Error{ErrorCode::kInputError, "no such file or directory: " + arg});
  }
  result.files.assign(files.begin(), files.end());
  return result;
}

}  // namespace vnplan::pipeline
