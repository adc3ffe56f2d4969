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
#include <sstream>

#include <nlohmann/json.hpp>

#include "lm/restorer.h"
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

TEST(Seed003RestoreTest, StandardTitlesAndMetadataRestored) {
  std::filesystem::path path = FindSeed("003");
  if (path.empty()) GTEST_SKIP() << "seed 003 not found";
  auto restorer = lm::Restorer::Load(VNPLAN_MODELS_DIR);
  if (!restorer) GTEST_SKIP() << restorer.error().message;
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  TextTables found = ExtractTablesFromText(text::ToNfc(s.str()));
  MapOptions options;
  options.restore_cell = [&](std::string_view cell) { return restorer->Restore(cell).text; };
  std::string text = restorer->Restore(found.text).text;
  PlanDocument doc = MapToPlan(found.tables, text, options);
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
TEST(Seed003RestoreTest, EveryFieldMatchesGolden) {
  std::filesystem::path path = FindSeed("003");
  if (path.empty()) GTEST_SKIP() << "seed 003 not found";
  auto restorer = lm::Restorer::Load(VNPLAN_MODELS_DIR);
  if (!restorer) GTEST_SKIP() << restorer.error().message;
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  TextTables found = ExtractTablesFromText(text::ToNfc(s.str()));
  MapOptions options;
  lm::RestoreOptions ocr;
  ocr.mode = lm::RestoreMode::kOcr;
  options.restore_cell = [&](std::string_view cell) { return restorer->Restore(cell, ocr).text; };
  PlanDocument doc = MapToPlan(found.tables, restorer->Restore(found.text).text, options);
  nlohmann::ordered_json got = ToJson(doc, {path.string(), "", 0, "text"});
  std::ifstream golden_in(std::string(VNPLAN_TEST_DATA) + "/table/seed_003.golden.json");
  nlohmann::json golden = nlohmann::json::parse(golden_in);
  GoldenScore score = ScoreAgainstGolden(got["criteria"], golden["criteria"]);
  std::printf("seed 003 restored: %d/%d fields >= 0.95 (%.3f), mean similarity %.4f\n",
              score.close, score.fields, score.share(), score.mean);
  std::printf("%s", score.report.c_str());
  // Measured 199/264 = 0.754, mean 0.9030 (restorer keeping '|' rules and
  // restoring "Khdng"/"Khéng" = "Không"; 193/264, 0.8977 before).
  EXPECT_GE(score.mean, 0.895);
  EXPECT_GE(score.share(), 0.74);
}

// Known restorer miss, kept visible here: the place name "Thanh Hung" in
// the header comes back as "Thanh Hùng" (both are place names; "xã Thanh
// Hung" further down does give "Thanh Hưng").
TEST(Seed003RestoreTest, DISABLED_KnownRestorerMisses) {
  std::filesystem::path path = FindSeed("003");
  auto restorer = lm::Restorer::Load(VNPLAN_MODELS_DIR);
  if (path.empty() || !restorer) GTEST_SKIP();
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  TextTables found = ExtractTablesFromText(text::ToNfc(s.str()));
  MapOptions options;
  options.restore_cell = [&](std::string_view cell) { return restorer->Restore(cell).text; };
  PlanDocument doc = MapToPlan(found.tables, restorer->Restore(found.text).text, options);
  EXPECT_EQ(doc.document.place, "Thanh Hưng");
}

}  // namespace
}  // namespace vnplan::table
