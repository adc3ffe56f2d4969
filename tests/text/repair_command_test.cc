// Runs the built `vnplan repair` binary (no pipeline, no models needed).
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "text/legacy_encoding.h"
#include "text/vietnamese.h"

namespace vnplan::text {
namespace {

std::string Binary() {
  return std::string(VNPLAN_BINARY_DIR) + "/src/cli/vnplan";
}

struct RunResult {
  int exit_code = -1;
  std::string out;
};

// Runs `args` with `input` on stdin; stderr goes to `err_path`.
RunResult RunRepair(const std::string& args, const std::string& input,
              const std::string& err_path = "/dev/null") {
  const std::filesystem::path in =
      std::filesystem::temp_directory_path() /
      ("vnplan_repair_in_" + std::to_string(::getpid()));
  {
    std::ofstream f(in, std::ios::binary);
    f << input;
  }
  const std::string cmd = Binary() + " repair " + args + " < " + in.string() +
                          " 2> " + err_path;
  RunResult r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::filesystem::remove(in);
  return r;
}

class RepairCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(Binary())) GTEST_SKIP() << "no " << Binary();
  }
};

TEST_F(RepairCommandTest, RepairsTcvn3FromStdin) {
  const std::string text = "Kế hoạch cải tiến chất lượng giáo dục\n";
  const RunResult r = RunRepair("", *Encode(text, Encoding::kTcvn3));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, text);
}

TEST_F(RepairCommandTest, ReportGoesToStderr) {
  const std::string err =
      (std::filesystem::temp_directory_path() / "vnplan_repair_err").string();
  const RunResult r = RunRepair("--report", "Keá hoaïch caûi tieán chaát löôïng\n", err);
  EXPECT_EQ(r.out, "Kế hoạch cải tiến chất lượng\n");
  std::ifstream f(err);
  std::string report((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  EXPECT_NE(report.find("vni"), std::string::npos) << report;
  std::filesystem::remove(err);
}

TEST_F(RepairCommandTest, StrictFailsOnNonVietnamese) {
  const std::string english = "This is plain English text, nothing to repair.\n";
  RunResult r = RunRepair("--strict", english);
  EXPECT_EQ(r.exit_code, 4);
  r = RunRepair("", english);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, english);
}

// The acceptance check: every encoding of the seeds, auto-detected
// by the binary, comes back as the NFC original byte for byte.
TEST_F(RepairCommandTest, SeedsInEveryEncodingRoundTrip) {
  const std::filesystem::path dir = std::filesystem::path(VNPLAN_SHARED_DIR) / "seeds";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no seeds";
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("000_", 0) != 0 && name.rfind("002_", 0) != 0 &&
        name.rfind("004_", 0) != 0) {
      continue;
    }
    std::ifstream f(entry.path(), std::ios::binary);
    std::string raw((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    std::string want = ToNfc(raw);
    for (Encoding e : AllEncodings()) {
      std::string text = want;
      if (e == Encoding::kViscii) {  // VISCII has no NBSP
        for (size_t p = text.find("\u00A0"); p != std::string::npos; p = text.find("\u00A0")) {
          text.replace(p, 2, " ");
        }
      }
      auto encoded = Encode(text, e);
      ASSERT_TRUE(encoded.has_value()) << name << " " << EncodingName(e);
      const RunResult r = RunRepair("", *encoded);
      EXPECT_EQ(r.exit_code, 0);
      EXPECT_TRUE(r.out == text) << name << " " << EncodingName(e);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 3 * kEncodingCount);
}

TEST_F(RepairCommandTest, EmptyAndBinaryInput) {
  EXPECT_EQ(RunRepair("", "").exit_code, 0);
  EXPECT_EQ(RunRepair("--strict", "").exit_code, 3);
  std::string bin;
  for (int i = 0; i < 256; ++i) bin.push_back(static_cast<char>(i));
  const RunResult r = RunRepair("", bin);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, bin);  // untouched
  EXPECT_EQ(RunRepair("--strict", bin).exit_code, 4);
}

TEST_F(RepairCommandTest, FromAndTonesOptions) {
  RunResult r = RunRepair("--from viqr --tones new", "Ho\\`a bi\\`nh\n");
  EXPECT_EQ(r.exit_code, 0);
  r = RunRepair("--from viqr --tones new", "Ho`a bi`nh kho?e\n");
  EXPECT_EQ(r.out, "Hoà bình khoẻ\n");
  r = RunRepair("--from klingon", "x");
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace vnplan::text
