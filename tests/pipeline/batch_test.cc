#include "pipeline/batch.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <sstream>

#include "common/exit_codes.h"

namespace vnplan::pipeline {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class BatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("vnplan_batch_" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "in");
    for (const char* name : {"good1.txt", "bad.txt", "good2.txt"}) {
      std::ofstream(dir_ / "in" / name) << name;
      files_.push_back(dir_ / "in" / name);
    }
    options_.out_dir = dir_ / "out";
    options_.fingerprint = "v1";
    options_.progress = false;
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Fails on any file whose content starts with "bad".
  DocumentProcessor Processor() {
    return [this](const fs::path& p, const ProcessContext&) -> Result<DocumentOutputs> {
      ++calls_;
      const std::string content = Slurp(p);
      if (content.rfind("bad", 0) == 0) return MakeError(ErrorCode::kInputError, "corrupt");
      DocumentOutputs out;
      out.json = "{\"from\":\"" + content + "\"}";
      out.text = content;
      out.route = "text";
      return out;
    };
  }

  fs::path dir_;
  std::vector<fs::path> files_;
  BatchOptions options_;
  std::atomic<int> calls_{0};
};

TEST_F(BatchTest, OneFailureDoesNotStopTheOthers) {
  options_.jobs = 2;
  BatchReport report = RunBatch(files_, options_, Processor());
  EXPECT_EQ(report.ok(), 2);
  EXPECT_EQ(report.failed(), 1);
  EXPECT_EQ(report.ExitCode(), kExitPartial);
  EXPECT_EQ(Slurp(options_.out_dir / "good1.json"), "{\"from\":\"good1.txt\"}");
  EXPECT_EQ(Slurp(options_.out_dir / "good2.txt"), "good2.txt");
  EXPECT_FALSE(fs::exists(options_.out_dir / "bad.json"));
  // No temporary files are left behind.
  for (const auto& e : fs::directory_iterator(options_.out_dir)) {
    EXPECT_EQ(e.path().string().find(".tmp."), std::string::npos) << e.path();
  }
  EXPECT_NE(report.SummaryTable().find("FAILED"), std::string::npos);
}

TEST_F(BatchTest, RerunSkipsUpToDateAndRedoesChangedOrFailed) {
  RunBatch(files_, options_, Processor());
  EXPECT_EQ(calls_, 3);
  BatchReport again = RunBatch(files_, options_, Processor());
  EXPECT_EQ(calls_, 4);  // only the failed one again
  EXPECT_EQ(again.skipped(), 2);
  std::ofstream(files_[0]) << "good1 changed";  // size changes
  RunBatch(files_, options_, Processor());
  EXPECT_EQ(calls_, 6);
  EXPECT_EQ(Slurp(options_.out_dir / "good1.txt"), "good1 changed");
  options_.fingerprint = "v2";  // new version or options: redo all
  RunBatch(files_, options_, Processor());
  EXPECT_EQ(calls_, 9);
  options_.force = true;
  RunBatch(files_, options_, Processor());
  EXPECT_EQ(calls_, 12);
}

TEST_F(BatchTest, ExitCodesFollowTheDocumentedTable) {
  BatchReport all_ok = RunBatch({files_[0], files_[2]}, options_, Processor());
  EXPECT_EQ(all_ok.ExitCode(), kExitOk);
  BatchReport single_bad = RunBatch({files_[1]}, options_, Processor());
  EXPECT_EQ(single_bad.ExitCode(), kExitInputError);
  BatchReport missing_model = RunBatch(files_, options_,
      [](const fs::path&, const ProcessContext&) -> Result<DocumentOutputs> {
        return MakeError(ErrorCode::kModelMissing, "no lm");
      });
  EXPECT_EQ(missing_model.ExitCode(), kExitMissingModel);
  BatchReport with_arg_error;
  with_arg_error.input_errors.push_back(Error{ErrorCode::kInputError, "no such file"});
  ItemReport ok_item;
  ok_item.status = ItemStatus::kOk;
  with_arg_error.items.push_back(ok_item);
  EXPECT_EQ(with_arg_error.ExitCode(), kExitPartial);
}

TEST_F(BatchTest, ShardsSplitTheWorkAndAgreeOnNames) {
  int total_ok = 0;
  for (int k = 0; k < 3; ++k) {
    options_.shard = Shard{k, 3};
    total_ok += RunBatch({files_[0], files_[2]}, options_, Processor()).ok();
  }
  EXPECT_EQ(total_ok, 2);
  EXPECT_EQ(calls_, 2);
}

TEST(OutputNamesTest, DisambiguatesCollisions) {
  auto names = OutputNames({"a/plan.pdf", "a/plan.txt", "b/plan.txt", "c/other.png"});
  EXPECT_EQ(names["c/other.png"], "other");
  EXPECT_EQ(names["a/plan.pdf"], "plan.pdf");
  EXPECT_NE(names["a/plan.txt"], names["b/plan.txt"]);
  EXPECT_EQ(names["a/plan.txt"].rfind("plan.txt-", 0), 0u);
}

}  // namespace
}  // namespace vnplan::pipeline
