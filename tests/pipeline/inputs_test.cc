#include "pipeline/inputs.h"

#include <gtest/gtest.h>

#include <fstream>

namespace vnplan::pipeline {
namespace {

namespace fs = std::filesystem;

TEST(SniffTest, RecognisesMagicBytesNotExtensions) {
  EXPECT_EQ(SniffKind("%PDF-1.7\n..."), InputKind::kPdf);
  EXPECT_EQ(SniffKind("\x89PNG\r\n\x1a\n...."), InputKind::kImage);
  EXPECT_EQ(SniffKind("\xFF\xD8\xFF\xE0"), InputKind::kImage);
  EXPECT_EQ(SniffKind(std::string("II*\0", 4)), InputKind::kImage);
  EXPECT_EQ(SniffKind("Kế hoạch"), InputKind::kText);
  EXPECT_EQ(SniffKind("K\xd5 ho\xb9" "ch"), InputKind::kText);  // TCVN3 bytes are text
  EXPECT_EQ(SniffKind(std::string("\x7F" "ELF\0\0", 6)), InputKind::kBinary);
  EXPECT_EQ(SniffKind(std::string("PK\x03\x04\x14\0\x06\0", 8)), InputKind::kZip);  // .docx
  EXPECT_EQ(SniffKind(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0", 9)),
            InputKind::kOle2);  // .doc, .xls, encrypted .docx
  EXPECT_EQ(SniffKind(""), InputKind::kEmpty);
}

TEST(ShardTest, ParsesAndRejects) {
  auto s = ParseShard("2/5");
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->index, 2);
  EXPECT_EQ(s->count, 5);
  EXPECT_FALSE(ParseShard("5/5").has_value());
  EXPECT_FALSE(ParseShard("-1/5").has_value());
  EXPECT_FALSE(ParseShard("1/0").has_value());
  EXPECT_FALSE(ParseShard("1-5").has_value());
  EXPECT_FALSE(ParseShard("a/b").has_value());
}

TEST(ShardTest, ShardsPartitionTheInputExactlyOnce) {
  std::vector<fs::path> files;
  for (int i = 0; i < 200; ++i) files.push_back("archive/box" + std::to_string(i % 7) + "/plan" + std::to_string(i) + ".pdf");
  const int n = 4;
  std::vector<int> owners(files.size(), 0);
  std::vector<int> sizes(n, 0);
  for (int k = 0; k < n; ++k) {
    for (size_t i = 0; i < files.size(); ++i) {
      if (InShard(files[i], Shard{k, n})) {
        ++owners[i];
        ++sizes[k];
      }
    }
  }
  for (int o : owners) EXPECT_EQ(o, 1);
  for (int s : sizes) EXPECT_GT(s, 25);  // roughly balanced
}

class ExpandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("vnplan_expand_" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "sub" / ".hidden");
    for (const char* f : {"a.pdf", "b.txt", "notes.xyz", "sub/c.png", "sub/.hidden/d.pdf",
                          "sub/e.docx", "sub/f.DOC", "sub/g.html", "sub/h.fodt"}) {
      std::ofstream(dir_ / f) << "x";
    }
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(ExpandTest, WalksDirectoriesAndGlobsSorted) {
  auto r = ExpandInputs({dir_.string()});
  // a.pdf b.txt sub/c.png sub/e.docx sub/g.html sub/h.fodt, and sub/f.DOC
  // (a legacy Word file gets a failure line saying why, not silence); not
  // .xyz, not hidden.
  ASSERT_EQ(r.files.size(), 7u);
  EXPECT_TRUE(std::is_sorted(r.files.begin(), r.files.end()));
  auto g = ExpandInputs({(dir_ / "*.pdf").string(), (dir_ / "missing*.pdf").string(),
                         (dir_ / "nope.txt").string()});
  ASSERT_EQ(g.files.size(), 1u);
  EXPECT_EQ(g.files[0].filename(), "a.pdf");
  EXPECT_EQ(g.errors.size(), 2u);
  // An explicitly named file is taken whatever its extension.
  EXPECT_EQ(ExpandInputs({(dir_ / "notes.xyz").string()}).files.size(), 1u);
}

}  // namespace
}  // namespace vnplan::pipeline
