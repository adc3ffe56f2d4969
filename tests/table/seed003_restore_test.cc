// Seed 003 with the diacritic restorer (src/lm) as MapOptions::restore_cell
// and on the document text: the standard titles and metadata come out as
// correctly restored Vietnamese (checked by hand against the OCR'd seed;
// the standard titles are those of the school's own table, standard 5 being
// the kindergarten wording the plan copied), and every field of every
// criterion row is compared with the hand-written golden
// (seed_003.golden.json: written by a Vietnamese reader from the OCR'd
// seed, line by line, putting each piece in its column; see its "_note").
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "lm/restorer.h"
#include "pipeline/layout_lm.h"
#include "seed003_golden.h"
#include "table/plan_json.h"
#include "table/plan_schema.h"
#include "table/text_tables.h"
#include "text/vietnamese.h"

namespace vnplan::table {
namespace {

std::filesystem::path FindSeed(const std::string& number) {
  std::filesystem::path dir = std::filesystem::path(VNPLAN_SHARED_DIR) / "seeds";
  if (!std::filesystem::is_directory(dir)) return {};
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().filename().string().starts_with(number + "_")) return entry.path();
  }
  return {};
}

// Seed 003 read, its tables found in the unrestored text (rows laid out
// with the restorer's language model, as the pipeline does), cells
// restored with `cell_mode` and the remaining text with kAuto; skips the test when
// the seed (../shared) or the models are missing.
class Seed003RestoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = FindSeed("003");
    if (path_.empty()) GTEST_SKIP() << "seed 003 not found";
    auto restorer = lm::Restorer::Load(VNPLAN_MODELS_DIR);
    if (!restorer) GTEST_SKIP() << restorer.error().message;
    restorer_.emplace(std::move(*restorer));
    std::ifstream in(path_);
    std::stringstream s;
    s << in.rdbuf();
    pipeline::RestorerLayoutScorer scorer(&*restorer_);
    TextTableOptions options;
    options.scorer = &scorer;
    found_ = ExtractTablesFromText(text::ToNfc(s.str()), options);
  }
  PlanDocument Map(lm::RestoreMode cell_mode) const {
    MapOptions options;
    lm::RestoreOptions cell;
    cell.mode = cell_mode;
    options.restore_cell = [&](std::string_view c, float) {
      return restorer_->Restore(c, cell).text;
    };
    return MapToPlan(found_.tables, restorer_->Restore(found_.text).text, options);
  }
  std::filesystem::path path_;
  std::optional<lm::Restorer> restorer_;
  TextTables found_;
};

TEST_F(Seed003RestoreTest, StandardTitlesAndMetadataRestored) {
  PlanDocument doc = Map(lm::RestoreMode::kAuto);
  std::map<int, std::string> titles;
  for (const auto& c : doc.criteria) {
    if (c.standard) titles[*c.standard] = c.standard_title;
  }
  EXPECT_EQ(titles[1], "Tổ chức và quản lý nhà trường");
  EXPECT_EQ(titles[2], "Cán bộ quản lý, giáo viên, nhân viên");  // OCR "Can b quan ly"
  EXPECT_EQ(titles[3], "Cơ sở vật chất và thiết bị dạy học");
  EXPECT_EQ(titles[4], "Quan hệ giữa nhà trường, gia đình và xã hội");
  EXPECT_EQ(titles[5], "Hoạt động và kết quả nuôi dưỡng, chăm sóc, giáo dục");
  EXPECT_EQ(doc.criteria.front().criterion_label, "Tiêu chí 1.1");
  EXPECT_EQ(doc.document.title, "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC");
  EXPECT_EQ(doc.document.signer, "Nguyễn Thị Thơm");
}

// Every field of the 22 criterion rows, cells restored with kOcr (every
// word of an English OCR may be misread), against the golden.
TEST_F(Seed003RestoreTest, EveryFieldMatchesGolden) {
  PlanDocument doc = Map(lm::RestoreMode::kOcr);
  nlohmann::ordered_json got = ToJson(doc, {path_.string(), "", 0, "text", {}});
  std::ifstream golden_in(std::string(VNPLAN_TEST_DATA) + "/table/seed_003.golden.json");
  nlohmann::json golden = nlohmann::json::parse(golden_in);
  GoldenScore score = ScoreAgainstGolden(got["criteria"], golden["criteria"]);
  std::printf("seed 003 restored: %d/%d fields >= 0.95 (%.3f), mean similarity %.4f\n",
              score.close, score.fields, score.share(), score.mean);
  std::printf("%s", score.report.c_str());
  // Measured 222/264 = 0.841, mean 0.9481 with the rows laid out by the
  // language model too (202/264 = 0.765, mean 0.9085 without it; 199/264,
  // 0.9030 before cells written one after another kept column order);
  // 231/264 = 0.875, mean 0.9616 with session 5's eng-OCR restorer rules
  // and time cues.
  EXPECT_GE(score.mean, 0.958);
  EXPECT_GE(score.share(), 0.865);
}

// The place name of the header: the restorer alone reads "Thanh Hung,
// ngày ..." as "Thanh Hùng" (little context); the metadata takes the
// spelling the document uses most for it ("xã Thanh Hưng" twice in the
// text).
TEST_F(Seed003RestoreTest, PlaceNameAsTheDocumentSpellsIt) {
  PlanDocument doc = Map(lm::RestoreMode::kAuto);
  EXPECT_EQ(doc.document.place, "Thanh Hưng");
}

}  // namespace
}  // namespace vnplan::table
