// ReadOfficeDocument on packages written with tools/samples: the format is
// decided by the package content, other packages are refused with a
// reason, and seed 000 saved as .odt, .ods and .xlsx gives the criteria of
// the hand-checked tests/data/table/seed_000.expected.json through the
// table stage, as the tab-separated export does.
#include "ingest/office_text.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "samples/docx_writer.h"
#include "table/plan_json.h"
#include "table/plan_schema.h"
#include "testing/temp_dir.h"
#include "table/text_tables.h"
#include "text/vietnamese.h"

namespace vnplan::ingest {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) { return testing::ReadBytes(path); }

class OfficeTextTest : public testing::TempDirTest {
 protected:
  OfficeTextTest() : TempDirTest("office") {}

  // The error ReadOfficeDocument gives for `path`; fails if it reads.
  static Error ErrorOf(const fs::path& path) {
    auto got = ReadOfficeDocument(path);
    EXPECT_FALSE(got) << path;
    return got ? Error{} : got.error();
  }

  static fs::path Seed000() {
    const fs::path seeds = fs::path(VNPLAN_SHARED_DIR) / "seeds";
    if (!fs::is_directory(seeds)) return {};
    for (const auto& entry : fs::directory_iterator(seeds)) {
      if (entry.path().filename().string().starts_with("000_")) return entry.path();
    }
    return {};
  }

  // The stretches a .VnTime copy of `tsv` decodes: one per field that
  // is not ASCII, or is stored lower-case in the capitals font.
  static int LegacyFields(const std::string& tsv) {
    int n = 0;
    std::istringstream lines(tsv);
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      std::istringstream fields(line);
      for (std::string f; std::getline(fields, f, '\t');) {
        const bool ascii = std::all_of(f.begin(), f.end(), [](char c) { return c >= 0; });
        if (!ascii || (text::ToUpper(f) == f && text::ToLower(f) != f)) ++n;
      }
    }
    return n;
  }

  // Reads `path`, expects `route`, and checks the plan the table stage
  // finds in its text against seed_000.expected.json, as the seed golden
  // tests check the text export.
  static void ExpectSeed000(const fs::path& path, const std::string& route, bool legacy) {
    auto got = ReadOfficeDocument(path);
    ASSERT_TRUE(got) << got.error().message;
    EXPECT_EQ(got->route, route);
    EXPECT_EQ(got->legacy_runs, legacy ? LegacyFields(ReadFile(Seed000())) : 0);
    const table::TextTables found = table::ExtractTablesFromText(text::ToNfc(got->text));
    const table::PlanDocument plan = table::MapToPlan(found.tables, found.text);
    const auto json = table::ToJson(plan, {path.string(), "", 0, route, {}});
    std::ifstream expected_in(std::string(VNPLAN_TEST_DATA) + "/table/seed_000.expected.json");
    const auto expected = nlohmann::json::parse(expected_in);
    for (const auto& [key, value] : expected["document"].items()) {
      EXPECT_EQ(json["document"][key], value) << "document." << key;
    }
    const auto& want = expected["criteria"];
    ASSERT_EQ(json["criteria"].size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) {
      for (const auto& [key, value] : want[i].items()) {
        if (key.starts_with("_")) continue;
        EXPECT_EQ(json["criteria"][i][key], value)
            << "criterion " << want[i]["criterion"] << " field " << key;
      }
    }
  }

  fs::path dir_;
};

TEST_F(OfficeTextTest, FormatDecidedByContent) {
  // Names say nothing: the package does.
  const fs::path docx = dir_ / "a.bin";
  ASSERT_TRUE(samples::WriteDocx(docx, "<w:p><w:r><w:t>Word</w:t></w:r></w:p>"));
  auto got = ReadOfficeDocument(docx);
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->route, "docx");
  EXPECT_EQ(got->text, "Word\n");

  const fs::path odt = dir_ / "b.xlsx";
  ASSERT_TRUE(samples::WriteOdf(odt, "application/vnd.oasis.opendocument.text",
                                "<office:text><text:p>Writer</text:p></office:text>"));
  got = ReadOfficeDocument(odt);
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->route, "odt");
  EXPECT_EQ(got->text, "Writer\n");

  const fs::path ods = dir_ / "c.odt";
  ASSERT_TRUE(samples::WriteOdf(ods, "application/vnd.oasis.opendocument.spreadsheet",
                                "<office:spreadsheet><table:table><table:table-row>"
                                "<table:table-cell><text:p>Calc</text:p></table:table-cell>"
                                "</table:table-row></table:table></office:spreadsheet>"));
  got = ReadOfficeDocument(ods);
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->route, "ods");
  EXPECT_EQ(got->text, "Calc\n");
}

TEST_F(OfficeTextTest, WorkbookSheetsThroughRelationships) {
  // The writer names the parts backwards (sheet3.xml is the first sheet):
  // the order is the workbook's. The hidden sheet is left out; the styles
  // part is named by an absolute target.
  const fs::path xlsx = dir_ / "a.xlsx";
  auto row = [](const std::string& cells) {
    return "<sheetData><row r=\"1\">" + cells + "</row></sheetData>";
  };
  ASSERT_TRUE(samples::WriteXlsx(
      xlsx,
      {{"Bìa", row("<c r=\"A1\" t=\"s\" s=\"1\"><v>0</v></c>")},
       {"Ẩn", row("<c r=\"A1\" t=\"inlineStr\"><is><t>ẩn</t></is></c>"), true},
       {"Bảng", row("<c r=\"A1\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>1</v></c>")}},
      "<si><t>KÕ ho¹ch</t></si><si><t>Tiêu chí 1.1</t></si>",
      "<fonts><font><name val=\"Calibri\"/></font><font><name val=\".VnTime\"/></font></fonts>"
      "<cellXfs><xf fontId=\"0\"/><xf fontId=\"1\"/></cellXfs>"));
  auto got = ReadOfficeDocument(xlsx);
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->route, "xlsx");
  EXPECT_EQ(got->text, "Kế hoạch\n\n1\t\tTiêu chí 1.1\n");
  EXPECT_EQ(got->legacy_runs, 1);
}

TEST_F(OfficeTextTest, OtherPackagesRefusedWithAReason) {
  const fs::path pptx = dir_ / "a.pptx";
  ASSERT_TRUE(samples::WriteZip(
      pptx, {{"_rels/.rels",
              "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
              "relationships\"><Relationship Id=\"r\" Type=\"http://schemas.openxmlformats.org/"
              "officeDocument/2006/relationships/officeDocument\" "
              "Target=\"ppt/presentation.xml\"/></Relationships>"},
             {"ppt/presentation.xml", "<p:presentation xmlns:p=\"urn:p\"/>"}}));
  Error e = ErrorOf(pptx);
  EXPECT_EQ(e.code, ErrorCode::kInputError);
  EXPECT_NE(e.message.find("PowerPoint"), std::string::npos) << e.message;

  const fs::path odp = dir_ / "a.odp";
  ASSERT_TRUE(samples::WriteOdf(odp, "application/vnd.oasis.opendocument.presentation",
                                "<office:presentation/>"));
  e = ErrorOf(odp);
  EXPECT_EQ(e.code, ErrorCode::kInputError);
  EXPECT_NE(e.message.find("OpenDocument presentation"), std::string::npos) << e.message;

  const fs::path encrypted = dir_ / "secret.odt";
  ASSERT_TRUE(samples::WriteZip(
      encrypted,
      {{"mimetype", "application/vnd.oasis.opendocument.text"},
       {"META-INF/manifest.xml",
        "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
        "<manifest:file-entry manifest:full-path=\"content.xml\"><manifest:encryption-data "
        "manifest:checksum-type=\"SHA1/1K\"/></manifest:file-entry></manifest:manifest>"},
       {"content.xml", std::string("\x8f\x12\xa0 ciphertext", 14)}}));
  e = ErrorOf(encrypted);
  EXPECT_EQ(e.code, ErrorCode::kInputError);
  EXPECT_NE(e.message.find("password"), std::string::npos) << e.message;

  const fs::path plain = dir_ / "photos.zip";
  ASSERT_TRUE(samples::WriteZip(plain, {{"scan1.png", "PNG"}}));
  e = ErrorOf(plain);
  EXPECT_EQ(e.code, ErrorCode::kInputError);
  EXPECT_NE(e.message.find("not an office document"), std::string::npos) << e.message;

  const fs::path broken_sheet = dir_ / "broken.xlsx";
  ASSERT_TRUE(samples::WriteXlsx(broken_sheet, {{"S", "<sheetData><row>"}}));
  EXPECT_EQ(ErrorOf(broken_sheet).code, ErrorCode::kInputError);

  const fs::path truncated = dir_ / "cut.odt";
  std::ofstream(truncated, std::ios::binary) << "PK\x03\x04 truncated";
  EXPECT_EQ(ErrorOf(truncated).code, ErrorCode::kInputError);
  EXPECT_EQ(ErrorOf(dir_ / "missing.odt").code, ErrorCode::kInputError);
}

TEST_F(OfficeTextTest, Seed000AsOdtInVnTime) {
  const fs::path seed = Seed000();
  if (seed.empty()) GTEST_SKIP() << "seed 000 not found under " << VNPLAN_SHARED_DIR;
  auto body = samples::OdfBodyFromTsv(ReadFile(seed), samples::DocxFont::kVnTime, false);
  ASSERT_TRUE(body) << body.error().message;
  const fs::path odt = dir_ / "ke_hoach.odt";
  ASSERT_TRUE(samples::WriteOdf(odt, "application/vnd.oasis.opendocument.text", *body,
                                samples::OdfLegacyStyles()));
  ExpectSeed000(odt, "odt", /*legacy=*/true);
}

TEST_F(OfficeTextTest, Seed000AsOdsAsCalcSavesIt) {
  const fs::path seed = Seed000();
  if (seed.empty()) GTEST_SKIP() << "seed 000 not found under " << VNPLAN_SHARED_DIR;
  auto body = samples::OdfBodyFromTsv(ReadFile(seed), samples::DocxFont::kUnicode, true);
  ASSERT_TRUE(body) << body.error().message;
  const fs::path ods = dir_ / "ke_hoach.ods";
  ASSERT_TRUE(samples::WriteOdf(ods, "application/vnd.oasis.opendocument.spreadsheet", *body));
  ExpectSeed000(ods, "ods", /*legacy=*/false);
}

TEST_F(OfficeTextTest, Seed000AsXlsxInVnTime) {
  const fs::path seed = Seed000();
  if (seed.empty()) GTEST_SKIP() << "seed 000 not found under " << VNPLAN_SHARED_DIR;
  auto parts = samples::XlsxFromTsv(ReadFile(seed), samples::DocxFont::kVnTime);
  ASSERT_TRUE(parts) << parts.error().message;
  const fs::path xlsx = dir_ / "ke_hoach.xlsx";
  ASSERT_TRUE(samples::WriteXlsx(xlsx, {{"Kế hoạch", parts->sheet_xml}}, parts->shared_strings_xml,
                                 parts->styles_xml));
  ExpectSeed000(xlsx, "xlsx", /*legacy=*/true);
}

}  // namespace
}  // namespace vnplan::ingest
