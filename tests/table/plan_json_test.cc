#include "table/plan_json.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace vnplan::table {
namespace {

// Runs tests/table/validate_json.py on `json`. Returns the script's exit
// status: 0 valid, 1 invalid, 77 jsonschema missing.
int ValidateAgainstSchema(const nlohmann::ordered_json& json, const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / "vnplan_table_test";
  std::filesystem::create_directories(dir);
  auto path = dir / (name + ".json");
  std::ofstream(path) << json.dump(2);
  std::string cmd = std::string("python3 ") + VNPLAN_SOURCE_DIR +
                    "/tests/table/validate_json.py " + VNPLAN_SOURCE_DIR +
                    "/schemas/plan.schema.json " + path.string();
  int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

PlanDocument SamplePlan() {
  PlanDocument doc;
  doc.document.number = "215/KH-ĐBL";
  doc.document.date = "2024-08-09";
  doc.document.school_year = "2024-2025";
  Criterion c;
  c.standard = 1;
  c.criterion = "1.9";
  c.criterion_label = "Tiêu chí 1.9";
  c.pages = {2, 3};
  doc.criteria.push_back(c);
  Criterion m4;
  m4.level = "Mức 4";
  m4.criterion = "2";
  doc.criteria.push_back(m4);
  doc.tables.push_back({{"TT", "Họ và tên"}, {{"1", "Lê A"}}, {}, "paragraphs", {}, "", {}});
  doc.diagnostics.push_back({"warning", "unlabelled-row", "x"});
  return doc;
}

// Regions leave in PDF points through each page's resolution; pages
// without one leave none. Both shapes validate against the schema.
TEST(PlanJsonTest, RegionsInPointsThroughThePageResolution) {
  PlanDocument doc = SamplePlan();
  doc.criteria[0].regions = {{2, {300, 600, 3000, 1200}}, {3, {300, 150, 3000, 450}}};
  doc.tables[0].regions = {{1, {100, 100, 201, 200}}};
  SourceInfo source{"a.pdf", Sha256Hex("abc"), 3, "pdf-ocr", {150, 300, 0}};
  auto j = ToJson(doc, source);
  // Page 2 at 300 dpi: 300 px = 72 pt; page 3's resolution is unknown.
  EXPECT_EQ(j["criteria"][0]["regions"],
            nlohmann::ordered_json::parse(R"([{"page": 2, "bbox": [72.0, 144.0, 720.0, 288.0]}])"));
  EXPECT_EQ(j["criteria"][1]["regions"], nlohmann::ordered_json::array());
  // Page 1 at 150 dpi, rounded to 0.1 pt: 201 px = 96.48 pt.
  EXPECT_EQ(j["tables"][0]["regions"],
            nlohmann::ordered_json::parse(R"([{"page": 1, "bbox": [48.0, 48.0, 96.5, 96.0]}])"));
  const int status = ValidateAgainstSchema(j, "regions");
  if (status == 77 || status == 127) GTEST_SKIP() << "python3 or python3-jsonschema not installed";
  EXPECT_EQ(status, 0);
}

// Lines of a text source leave as [first, last]; rows and tables without
// them (image sources) leave null. So do field confidences of empty fields. Both shapes validate; a reversed or
// zero line does not.
TEST(PlanJsonTest, LinesAsFirstLastOrNull) {
  PlanDocument doc = SamplePlan();
  doc.criteria[0].lines = LineSpan{12, 15};
  doc.tables[0].lines = LineSpan{40, 40};
  doc.criteria[0].field_confidence[1] = 0.4996;
  auto j = ToJson(doc, {"a.txt", Sha256Hex("abc"), 0, "text", {}});
  EXPECT_EQ(j["criteria"][0]["field_confidence"]["actions"], 0.5);  // rounded to 0.001
  EXPECT_TRUE(j["criteria"][0]["field_confidence"]["notes"].is_null());
  EXPECT_EQ(j["criteria"][0]["lines"], nlohmann::ordered_json::array({12, 15}));
  EXPECT_TRUE(j["criteria"][1]["lines"].is_null());
  EXPECT_EQ(j["tables"][0]["lines"], nlohmann::ordered_json::array({40, 40}));
  const int status = ValidateAgainstSchema(j, "lines");
  if (status == 77 || status == 127) GTEST_SKIP() << "python3 or python3-jsonschema not installed";
  EXPECT_EQ(status, 0);
  j["criteria"][0]["lines"] = nlohmann::ordered_json::array({0, 3});
  EXPECT_EQ(ValidateAgainstSchema(j, "lines_zero"), 1);
}

TEST(PlanJsonTest, ShapeAndEmptyFields) {
  auto j = ToJson(SamplePlan(), {"a.txt", Sha256Hex("abc"), 0, "text", {}});
  EXPECT_EQ(j["schema_version"], "1.3.0");
  EXPECT_EQ(j["source"]["sha256"],
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const auto& c = j["criteria"][0];
  EXPECT_TRUE(c["level"].is_null());
  EXPECT_EQ(c["standard"], 1);
  EXPECT_EQ(c["expected_result"], "");  // present, empty
  EXPECT_EQ(c["notes"], "");
  EXPECT_EQ(c["pages"], nlohmann::ordered_json::array({2, 3}));
  EXPECT_TRUE(j["criteria"][1]["standard"].is_null());
  EXPECT_EQ(j["criteria"][1]["level"], "Mức 4");
  EXPECT_EQ(j["tables"][0]["rows"][0]["Họ và tên"], "Lê A");
  EXPECT_EQ(j["tables"][0]["caption"], "");
  EXPECT_EQ(j["document"]["place"], "");
}

TEST(PlanJsonTest, OutputValidatesAgainstSchema) {
  auto j = ToJson(SamplePlan(), {"a.txt", Sha256Hex("abc"), 0, "text", {}});
  int status = ValidateAgainstSchema(j, "sample");
  if (status == 77 || status == 127) GTEST_SKIP() << "python3 or python3-jsonschema not installed";
  EXPECT_EQ(status, 0);
}

TEST(PlanJsonTest, SchemaRejectsAMissingField) {
  auto j = ToJson(SamplePlan(), {"a.txt", Sha256Hex("abc"), 0, "text", {}});
  j["criteria"][0].erase("budget");
  int status = ValidateAgainstSchema(j, "broken");
  if (status == 77 || status == 127) GTEST_SKIP() << "python3 or python3-jsonschema not installed";
  EXPECT_EQ(status, 1);
}

}  // namespace
}  // namespace vnplan::table
