#include "e2e_util.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

#include "table/fuzzy.h"
#include "text/vietnamese.h"

namespace vnplan::e2e {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::filesystem::path SeedPath(const std::string& prefix) {
  const std::filesystem::path seeds = std::filesystem::path(VNPLAN_SHARED_DIR) / "seeds";
  if (!std::filesystem::is_directory(seeds)) return {};
  for (const auto& entry : std::filesystem::directory_iterator(seeds)) {
    if (entry.path().filename().string().starts_with(prefix)) return entry.path();
  }
  return {};
}

std::filesystem::path MakeTempDir(const std::string& tag) {
  std::string pattern = (std::filesystem::temp_directory_path() / ("vnplan_" + tag + "_XXXXXX")).string();
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  return std::filesystem::path(mkdtemp(buf.data()));
}

CommandResult RunVnplan(const std::string& args, const std::string& env) {
  const std::filesystem::path dir = MakeTempDir("cmd");
  const std::string binary = std::string(VNPLAN_BINARY_DIR) + "/src/cli/vnplan";
  const std::string cmd = env + " '" + binary + "' " + args + " >'" + (dir / "out").string() +
                          "' 2>'" + (dir / "err").string() + "' </dev/null";
  const int status = std::system(cmd.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(dir / "out");
  r.err = ReadFile(dir / "err");
  std::filesystem::remove_all(dir);
  return r;
}

std::string NormalizeField(const std::string& s) {
  const std::string nfc = text::NormalizeTonePlacement(text::ToNfc(s), text::ToneStyle::kNew);
  std::string out;
  bool space = false;
  for (char c : nfc) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
    } else {
      if (space) out.push_back(' ');
      space = false;
      out.push_back(c);
    }
  }
  return out;
}

double Similarity(const std::string& a, const std::string& b) {
  return table::Similarity(NormalizeField(a), NormalizeField(b));
}

}  // namespace vnplan::e2e
