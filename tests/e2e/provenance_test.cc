// Provenance of rows read from text sources: every criterion and generic
// table of a text export, office document or OCR'd text carries "lines",
// the lines of the written text (<name>.txt) it was read from. Checked
// against the text itself: the lines must hold the row's label and the
// first and last words of its cells, and rows must not overlap.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "e2e_util.h"

namespace vnplan::e2e {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(NormalizeField(text));
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

class ProvenanceTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = MakeTempDir("provenance"); }
  void TearDown() override { fs::remove_all(dir_); }

  static fs::path Seed(const std::string& prefix) { return SeedPath(prefix); }

  // Runs `vnplan run` on `input`; returns its JSON and sets `lines` to the
  // lines of the text it wrote.
  nlohmann::json Run(const fs::path& input, std::vector<std::string>* lines) {
    const fs::path out = dir_ / input.stem();
    const CommandResult r = RunVnplan("run -q --no-pdf '" + input.string() + "' -o '" +
                                      out.string() + "'");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    *lines = SplitLines(ReadFile(out / (input.stem().string() + ".txt")));
    return nlohmann::json::parse(ReadFile(out / (input.stem().string() + ".json")));
  }

  // The text of lines [first, last] of `lines`, normalised; fails the test
  // when the span is missing or out of range.
  static std::string Window(const nlohmann::json& span, const std::vector<std::string>& lines,
                            const std::string& where) {
    EXPECT_TRUE(span.is_array() && span.size() == 2) << where << ": " << span;
    if (!span.is_array() || span.size() != 2) return "";
    const int first = span[0], last = span[1];
    EXPECT_LE(1, first) << where;
    EXPECT_LE(first, last) << where;
    EXPECT_LE(last, static_cast<int>(lines.size())) << where;
    std::string window;
    for (int i = std::max(first, 1); i <= std::min<int>(last, lines.size()); ++i) {
      window += lines[i - 1] + "\n";
    }
    return NormalizeField(window);
  }

  // Every criterion's lines hold its number and the first and last words
  // of its content cells; rows follow each other without overlapping.
  static void ExpectCriteriaLines(const nlohmann::json& plan, const std::vector<std::string>& lines,
                                  bool check_words = true) {
    ASSERT_FALSE(plan["criteria"].empty());
    int previous_last = 0;
    for (const auto& c : plan["criteria"]) {
      const std::string where = "criterion " + c["criterion"].get<std::string>();
      const std::string window = Window(c["lines"], lines, where);
      if (c["lines"].is_array()) {
        EXPECT_GT(c["lines"][0].get<int>(), previous_last) << where << " overlaps the row before";
        previous_last = c["lines"][1];
      }
      if (!check_words) continue;
      EXPECT_NE(window.find(c["criterion"].get<std::string>()), std::string::npos)
          << where << "\n" << window;
      for (const char* field : {"expected_result", "actions", "responsible", "timeline"}) {
        const std::vector<std::string> words = Words(c[field]);
        if (words.empty()) continue;
        EXPECT_NE(window.find(words.front()), std::string::npos) << where << " " << field;
        EXPECT_NE(window.find(words.back()), std::string::npos) << where << " " << field;
      }
    }
  }

  fs::path dir_;
};

// Tab-separated rows (000), one cell per line (002), markdown (004).
TEST_F(ProvenanceTest, CriteriaOfTextExportsPointAtTheirLines) {
  for (const char* prefix : {"000_", "002_", "004_"}) {
    SCOPED_TRACE(prefix);
    const fs::path seed = Seed(prefix);
    if (seed.empty()) GTEST_SKIP() << "seeds not found under " << VNPLAN_SHARED_DIR;
    std::vector<std::string> lines;
    const nlohmann::json plan = Run(seed, &lines);
    // A plain-text export's lines are the input's own.
    EXPECT_EQ(lines.size(), SplitLines(ReadFile(seed)).size());
    ExpectCriteriaLines(plan, lines);
  }
}

// A legacy-encoded export and a .docx: lines of the text vnplan writes.
TEST_F(ProvenanceTest, CriteriaOfDecodedAndOfficeInputsPointAtTheWrittenText) {
  for (const char* name : {"mn_an_phu.tcvn3.txt", "th_hoa_binh.vntime.docx"}) {
    SCOPED_TRACE(name);
    std::vector<std::string> lines;
    const nlohmann::json plan = Run(fs::path(VNPLAN_SOURCE_DIR) / "samples" / name, &lines);
    ExpectCriteriaLines(plan, lines);
  }
}

// Seed 001's member lists, evidence tables and timetables (one cell per
// paragraph): each table's lines hold its first header cell and the first
// cell of its last row; captions are the headings above them (read off the
// seed by hand).
TEST_F(ProvenanceTest, GenericTablesPointAtTheirLines) {
  const fs::path seed = Seed("001_");
  if (seed.empty()) GTEST_SKIP() << "seeds not found under " << VNPLAN_SHARED_DIR;
  std::vector<std::string> lines;
  const nlohmann::json plan = Run(seed, &lines);
  ASSERT_GE(plan["tables"].size(), 2u);
  EXPECT_EQ(plan["tables"][0]["caption"], "a) Hội đồng tự đánh giá");
  EXPECT_EQ(plan["tables"][1]["caption"], "b) Nhóm thư ký:");
  EXPECT_EQ(plan["tables"].back()["caption"], "6. Thời gian biểu");
  int previous_last = 0;
  for (size_t t = 0; t < plan["tables"].size(); ++t) {
    const auto& table = plan["tables"][t];
    const std::string where = "table " + std::to_string(t);
    const std::string window = Window(table["lines"], lines, where);
    if (!table["lines"].is_array()) continue;
    EXPECT_GT(table["lines"][0].get<int>(), previous_last) << where;
    previous_last = table["lines"][1];
    const std::string header = table["headers"][0];
    EXPECT_NE(window.find(NormalizeField(header)), std::string::npos) << where << " " << header;
    if (table["rows"].empty()) continue;
    const std::string last_cell = table["rows"].back()[header];
    const std::vector<std::string> words = Words(last_cell);
    if (!words.empty()) {
      EXPECT_NE(window.find(words.front()), std::string::npos) << where << " " << last_cell;
    }
  }
}

// A page with a captioned member list and an uncaptioned schedule under
// a body sentence, as a born-digital PDF and as a light scan (made by
// vnplan-synth from this Markdown): captions come from the lines above
// each table's box.
TEST_F(ProvenanceTest, TablesOfPagesGetTheHeadingAboveAsCaption) {
  const std::string synth = std::string(VNPLAN_BINARY_DIR) + "/tools/synth/vnplan-synth";
  if (!fs::exists(synth)) GTEST_SKIP() << "vnplan-synth not built";
  const fs::path md = dir_ / "captions.md";
  std::ofstream(md) << "# KẾ HOẠCH TỰ ĐÁNH GIÁ\n\n## II. THÀNH LẬP HỘI ĐỒNG\n\n"
                       "Nhà trường thành lập hội đồng tự đánh giá gồm các thành viên sau đây.\n\n"
                       "a) Hội đồng tự đánh giá\n\n"
                       "| TT | Họ và tên | Chức vụ | Nhiệm vụ |\n|---|---|---|---|\n"
                       "| 1 | Nguyễn Thị Lan | Hiệu trưởng | Chủ tịch hội đồng |\n"
                       "| 2 | Trần Văn Bình | Phó hiệu trưởng | Phó chủ tịch |\n\n"
                       "Các thành viên có trách nhiệm thực hiện đầy đủ nhiệm vụ được giao theo kế "
                       "hoạch của nhà trường và của hội đồng.\n\n"
                       "| TT | Nội dung | Thời gian | Ghi chú |\n|---|---|---|---|\n"
                       "| 1 | Họp hội đồng | Tuần 1 | |\n| 2 | Thu thập minh chứng | Tuần 2 | |\n";
  const std::string render = "'" + synth + "' render -i '" + md.string() + "' --pdf '" +
                             (dir_ / "captions.pdf").string() + "' --png-dir '" +
                             (dir_ / "pages").string() + "' --degrade light --seed 3 > /dev/null 2>&1";
  ASSERT_EQ(std::system(render.c_str()), 0);
  for (const fs::path& input : {dir_ / "captions.pdf", dir_ / "pages" / "page-001-scan.png"}) {
    SCOPED_TRACE(input.filename().string());
    const CommandResult r = RunVnplan("tables --compact '" + input.string() + "'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto plan = nlohmann::json::parse(r.out);
    ASSERT_EQ(plan["tables"].size(), 2u);
    EXPECT_EQ(plan["tables"][0]["caption"], "a) Hội đồng tự đánh giá");
    EXPECT_EQ(plan["tables"][1]["caption"], "");  // under a long body sentence
    EXPECT_TRUE(plan["tables"][0]["lines"].is_null());
  }
}

// Old English OCR (seed 003): the rows are laid out from line pieces, so
// only the spans' order and range are checked, and that the label line
// opens each span.
TEST_F(ProvenanceTest, CriteriaOfOcrTextPointAtTheirLabelLines) {
  const fs::path seed = Seed("003_");
  if (seed.empty()) GTEST_SKIP() << "seeds not found under " << VNPLAN_SHARED_DIR;
  std::vector<std::string> lines;
  const nlohmann::json plan = Run(seed, &lines);
  ExpectCriteriaLines(plan, lines, /*check_words=*/false);
  for (const auto& c : plan["criteria"]) {
    if (!c["lines"].is_array()) continue;
    const std::string first = NormalizeField(lines[c["lines"][0].get<int>() - 1]);
    EXPECT_TRUE(first.starts_with("Tiêu") || first.starts_with("Tiếu") || first.starts_with("Tiểu"))
        << c["criterion"] << ": " << first;
  }
}

}  // namespace
}  // namespace vnplan::e2e
