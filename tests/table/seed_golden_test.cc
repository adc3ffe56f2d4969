// Golden tests on the real seed plans in $VNPLAN_SHARED_DIR/seeds. The
// expected criteria in tests/data/table/seed_NNN.expected.json were written
// by hand from the seed text (each entry names its source lines).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "seed003_golden.h"
#include "table/fuzzy.h"
#include "table/plan_json.h"
#include "table/plan_schema.h"
#include "table/text_tables.h"
#include "text/vietnamese.h"

namespace vnplan::table {
namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::filesystem::path FindSeed(const std::string& number) {
  std::filesystem::path dir = std::filesystem::path(VNPLAN_SHARED_DIR) / "seeds";
  if (!std::filesystem::is_directory(dir)) return {};
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().filename().string().starts_with(number + "_")) return entry.path();
  }
  return {};
}

nlohmann::ordered_json RunSeed(const std::filesystem::path& path, const MapOptions& options = {}) {
  std::string bytes = ReadFile(path);
  TextTables found = ExtractTablesFromText(text::ToNfc(bytes));
  PlanDocument plan = MapToPlan(found.tables, found.text, options);
  return ToJson(plan, {path.string(), Sha256Hex(bytes), 0, "text", {}});
}

void ExpectMatchesGolden(const std::string& seed) {
  std::filesystem::path path = FindSeed(seed);
  if (path.empty()) GTEST_SKIP() << "seed " << seed << " not found under " << VNPLAN_SHARED_DIR;
  auto golden = nlohmann::json::parse(
      ReadFile(std::string(VNPLAN_TEST_DATA) + "/table/seed_" + seed + ".expected.json"));
  auto got = RunSeed(path);
  for (const auto& [key, value] : golden["document"].items()) {
    EXPECT_EQ(got["document"][key], value) << "document." << key;
  }
  const auto& want = golden["criteria"];
  ASSERT_EQ(got["criteria"].size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    for (const auto& [key, value] : want[i].items()) {
      if (key.starts_with("_")) continue;
      EXPECT_EQ(got["criteria"][i][key], value)
          << "criterion " << want[i]["criterion"] << " field " << key;
    }
    EXPECT_TRUE(got["criteria"][i]["pages"].empty());
    EXPECT_EQ(got["criteria"][i]["confidence"], 1.0);
  }
}

TEST(SeedGoldenTest, Seed000) { ExpectMatchesGolden("000"); }
TEST(SeedGoldenTest, Seed002) { ExpectMatchesGolden("002"); }
TEST(SeedGoldenTest, Seed004) { ExpectMatchesGolden("004"); }

// Seed 001 has no plan table; its member lists and evidence tables come out
// as generic tables keyed by their headers (values checked by hand).
TEST(SeedGoldenTest, Seed001GenericTables) {
  std::filesystem::path path = FindSeed("001");
  if (path.empty()) GTEST_SKIP() << "seed 001 not found";
  auto got = RunSeed(path);
  EXPECT_TRUE(got["criteria"].empty());
  const auto& tables = got["tables"];
  ASSERT_GE(tables.size(), 9u);
  EXPECT_EQ(tables[0]["headers"],
            nlohmann::json::array({"TT", "Họ và tên", "Chức danh, chức vụ", "Nhiệm vụ", "Chữ ký"}));
  ASSERT_EQ(tables[0]["rows"].size(), 13u);
  EXPECT_EQ(tables[0]["rows"][0]["Họ và tên"], "Trần Thị Thanh Bình");
  EXPECT_EQ(tables[0]["rows"][0]["Chức danh, chức vụ"], "BTCB - HT");
  EXPECT_EQ(tables[0]["rows"][0]["Nhiệm vụ"], "Chủ tịch HĐ");
  EXPECT_EQ(tables[0]["rows"][0]["Chữ ký"], "");
  EXPECT_EQ(tables[0]["rows"][12]["Họ và tên"], "Nguyễn Thị Yến");
  EXPECT_EQ(tables[1]["rows"].size(), 4u);
  EXPECT_EQ(tables[1]["rows"][3]["Họ và tên"], "Leo Thị Hồng Vân");
  const auto& evidence = tables[8];
  EXPECT_EQ(evidence["headers"][1], "Dự kiến các thông tin, minh chứng cần thu thập");
  ASSERT_EQ(evidence["rows"].size(), 6u);
  EXPECT_EQ(evidence["rows"][2]["Nơi thu thập"], "Trường TH và phòng GD");
  EXPECT_EQ(evidence["rows"][5]["Kinh phí thu thập (nếu có)"], "120000 đ");
  EXPECT_EQ(got["document"]["date"], "2021-09-10");
  EXPECT_EQ(got["document"]["signer"], "Trần Thị Thanh Bình");
  // "6. Thời gian biểu" (seed lines 665-849): a two-column timetable, one
  // paragraph per cell; a week key may be split ("Tuần" / "11-12"), an
  // activity cell is every "- …" paragraph up to the next key. Checked by
  // hand against the seed text.
  ASSERT_EQ(tables.size(), 10u);
  const auto& timetable = tables[9];
  EXPECT_EQ(timetable["headers"], nlohmann::json::array({"Thời gian", "Các hoạt động"}));
  ASSERT_EQ(timetable["rows"].size(), 21u);
  std::vector<std::string> weeks;
  for (const auto& row : timetable["rows"]) weeks.push_back(row["Thời gian"]);
  EXPECT_EQ(weeks, (std::vector<std::string>{
                       "Tuần 1", "Tuần 2", "Tuần 3 - 8", "Tuần 9", "Tuần 10", "Tuần 11-12",
                       "Tuần 13-14", "Tuần 15", "Tuần 16", "Tuần 17", "Tuần 18", "Tuần 19",
                       "Tuần 20-21", "Tuần 22", "Tuần 23", "Tuần 24-25", "Tuần 26-27", "Tuần 28",
                       "Tuần 29-30", "Tuần 31-32", "Tuần 33-35"}));
  EXPECT_EQ(timetable["rows"][0]["Các hoạt động"],
            "- Họp lãnh đạo nhà trường để thảo luận mục đích, phạm vi, thời gian biểu và xác "
            "định các thành viên công tác duy trì xây dựng chuẩn Quốc gia mức độ Ivà KĐCL. - "
            "Hiệu trưởng ra quyết định tự thành lập công tác duy trì xây dựng chuẩn Quốc gia "
            "mức độ Ivà KĐCL. Công bố quyết định thành lập ban chỉ đạo, phân công nhiệm vụ cụ "
            "thể cho từng thành viên; phân công dự thảo kế hoạch duy trì xây dựng chuẩn Quốc "
            "gia mức độ Ivà KĐCL.");
  EXPECT_EQ(timetable["rows"][20]["Các hoạt động"],
            "- Tập hợp các ý kiến đóng góp cho qui trình, các biểu mẫu và các phần khác của tài "
            "liệu hướng dẫn; - Xử lý các ý kiến đóng góp và hoàn thiện bản báo cáo. - Thu thập "
            "thông tin bổ sung và họp bổ sung (nếu cần thiết); - Nộp bản báo cáo.");
  // The timetable left the text; the heading after it stayed.
  const std::string text = got["text"];
  EXPECT_EQ(text.find("Tuần 15"), std::string::npos);
  EXPECT_NE(text.find("6. Thời gian biểu"), std::string::npos);
  EXPECT_NE(text.find("Kết quả đạt được qua các mốc thời gian."), std::string::npos);
}

TEST(SeedGoldenTest, SeedOutputsValidateAgainstSchema) {
  std::vector<std::string> paths;
  for (const char* seed : {"000", "001", "002", "003", "004"}) {
    std::filesystem::path path = FindSeed(seed);
    if (path.empty()) continue;
    auto out = std::filesystem::temp_directory_path() / ("vnplan_table_seed_" + std::string(seed) + ".json");
    std::ofstream(out) << RunSeed(path).dump();
    paths.push_back(out.string());
  }
  if (paths.empty()) GTEST_SKIP() << "no seeds";
  std::string cmd = std::string("python3 ") + VNPLAN_SOURCE_DIR + "/tests/table/validate_json.py " +
                    VNPLAN_SOURCE_DIR + "/schemas/plan.schema.json";
  for (const auto& p : paths) cmd += " " + p;
  int status = std::system(cmd.c_str());
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code == 77 || code == 127) GTEST_SKIP() << "python3-jsonschema not installed";
  EXPECT_EQ(code, 0);
}

}  // namespace
}  // namespace vnplan::table

namespace vnplan::table {
namespace {

// Seed 003 is OCR'd text without diacritics (an English OCR), with the
// column rules read as '|' only here and there. The golden
// (seed_003.golden.json) was written by hand, field by field, as the printed
// plan must have read (see its "_note"). Checked here without the diacritic
// restorer: the row structure exactly, and the column layout by comparing
// every field folded (no diacritics, lower case) with the folded golden; OCR
// misreadings ("ciia" for "của") keep that below 1.0 even for a perfect
// layout. The restored text is checked in seed003_restore_test.cc.
TEST(SeedGoldenTest, Seed003Structure) {
  std::filesystem::path path = FindSeed("003");
  if (path.empty()) GTEST_SKIP() << "seed 003 not found";
  auto golden = nlohmann::json::parse(
      ReadFile(std::string(VNPLAN_TEST_DATA) + "/table/seed_003.golden.json"));
  auto got = RunSeed(path);
  const auto& want = golden["criteria"];
  std::vector<std::string> got_ids, want_ids;
  for (const auto& c : got["criteria"]) {
    got_ids.push_back(c["level"].dump() + " " + c["standard"].dump() + " " +
                      c["criterion"].get<std::string>());
  }
  for (const auto& c : want) {
    want_ids.push_back(c["level"].dump() + " " + c["standard"].dump() + " " +
                       c["criterion"].get<std::string>());
  }
  EXPECT_EQ(got_ids, want_ids);
  EXPECT_EQ(got["document"]["number"], "325/KH-TrTH");
  EXPECT_EQ(got["document"]["date"], "2023-09-12");
  EXPECT_EQ(got["document"]["school_year"], "2023-2024");
}

TEST(SeedGoldenTest, Seed003ColumnLayoutFolded) {
  std::filesystem::path path = FindSeed("003");
  if (path.empty()) GTEST_SKIP() << "seed 003 not found";
  auto golden = nlohmann::json::parse(
      ReadFile(std::string(VNPLAN_TEST_DATA) + "/table/seed_003.golden.json"));
  auto got = RunSeed(path);
  GoldenScore score = ScoreAgainstGolden(got["criteria"], golden["criteria"],
                                         [](const std::string& s) { return Fold(s); });
  std::printf("seed 003 folded: %d/%d fields >= 0.95 (%.3f), mean similarity %.4f\n", score.close,
              score.fields, score.share(), score.mean);
  // Measured 160/264 = 0.606, mean 0.8851 (159/264, 0.8798 before the
  // column-order and date-phrase rules of text_tables.cc).
  EXPECT_GE(score.mean, 0.882) << score.report;
  EXPECT_GE(score.share(), 0.60) << score.report;
}

}  // namespace
}  // namespace vnplan::table

