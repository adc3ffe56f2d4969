#include "ingest/doc_text.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "testing/mangle.h"
#include "testing/temp_dir.h"

namespace vnplan::ingest {
namespace {

namespace fs = std::filesystem;

// samples/th_hoa_binh.vntime.doc: the Hòa Bình plan as Word 97 saves it
// (LibreOffice), typed in .VnTime, its header lines in .VnTimeH, the plan a
// Word table.
const fs::path kSample = fs::path(VNPLAN_SOURCE_DIR) / "samples" / "th_hoa_binh.vntime.doc";

using testing::ReadBytes;

class DocTextTest : public testing::TempDirTest {
 protected:
  DocTextTest() : TempDirTest("doc") {}
};

TEST_F(DocTextTest, LegacyFontsDecodedTablesAsTabSeparatedRows) {
  auto got = ReadDoc(kSample);
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->route, "doc");
  EXPECT_GT(got->legacy_runs, 0);
  const std::string& text = got->text;
  // .VnTimeH draws lower-case codes as capitals.
  EXPECT_NE(text.find("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN ĐÔNG SƠN\n"), std::string::npos) << text;
  // TCVN3 "ư" is byte 0xAD, which Word keeps as a soft hyphen.
  EXPECT_NE(text.find("Số: 112/KH-THHB\n"), std::string::npos);
  EXPECT_NE(text.find("trưởng"), std::string::npos);
  // One row per line, cells tab-separated; a row's empty cells kept.
  EXPECT_NE(text.find("\tTiêu chí 3.3\tSửa chữa xong hai phòng học bị thấm dột\t"), std::string::npos)
      << text;
  EXPECT_NE(text.find("\nMỨC 4\t\t"), std::string::npos);
  // The paragraphs after the table are lines again.
  EXPECT_NE(text.find("\nLê Thị Minh Nguyệt\n"), std::string::npos);
}

// tests/data/ingest/stories.doc (LibreOffice from a hand-written .fodt):
// two paragraphs, a footnote, a header and a footer. wvWare walks every
// story; only the main text is kept.
TEST_F(DocTextTest, OnlyTheMainText) {
  auto got = ReadDoc(fs::path(VNPLAN_TEST_DATA) / "ingest" / "stories.doc");
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->text, "Nội dung chính\nĐoạn hai\n");
}

TEST_F(DocTextTest, OtherFilesAreInputErrors) {
  // An OLE2 header and nothing else: an .xls, or a damaged file.
  const fs::path empty_ole =
      Write("cu.doc", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0'));
  for (const fs::path& path : {empty_ole, Write("a.doc", "Kế hoạch"), dir_ / "missing.doc"}) {
    auto got = ReadDoc(path);
    ASSERT_FALSE(got) << path;
    EXPECT_EQ(got.error().code, ErrorCode::kInputError);
  }
}

// A broken download or a bad disk: wvWare must report, not crash.
TEST_F(DocTextTest, SurvivesMangledFiles) {
  const std::string bytes = ReadBytes(kSample);
  ASSERT_GT(bytes.size(), 10000u);
  std::mt19937 rng(11);
  int read = 0;
  for (int i = 0; i < 150; ++i) {
    std::string mangled = bytes;
    testing::Mangle(&mangled, &rng, 4);
    auto got = ReadDoc(Write("m.doc", mangled));
    if (got) {
      ++read;
    } else {
      EXPECT_EQ(got.error().code, ErrorCode::kInputError);
    }
  }
  EXPECT_GT(read, 0);  // edits in the text or slack leave a readable file
}

// tests/data/ingest/wvware_loops.doc: the sample with 20 bytes changed,
// on which wvWare loops forever. The child process is killed; the caller
// gets an input error.
TEST_F(DocTextTest, ParserThatNeverEndsIsStopped) {
  DocOptions options;
  options.time_limit_seconds = 2;
  const auto start = std::chrono::steady_clock::now();
  auto got = ReadDoc(fs::path(VNPLAN_TEST_DATA) / "ingest" / "wvware_loops.doc", options);
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::kInputError);
  EXPECT_NE(got.error().message.find("took more than 2 s"), std::string::npos) << got.error().message;
  EXPECT_LT(seconds, 10.0);
}

}  // namespace
}  // namespace vnplan::ingest
