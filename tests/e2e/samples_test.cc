// `vnplan run` on the committed samples against their hand-checked expected
// JSON (samples/*.expected.json). Thresholds are per form: a TCVN3 export is
// lossless, so every field must match exactly; stripped text and scans go
// through restoration/OCR, so a share of fields must be near-identical.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "e2e_util.h"
#include "testing/render_text.h"

namespace vnplan::e2e {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct SampleCase {
  const char* input;     // under samples/, or a path from the source root
  const char* expected;  // under samples/
  const char* output;    // output base name
  const char* route;
  double min_share;      // share of fields with similarity >= 0.95
  double min_mean;       // mean field similarity
};

void PrintTo(const SampleCase& c, std::ostream* os) { *os << c.input; }

std::string FieldString(const json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

// Fields of `got` against the expected JSON's document and criteria.
struct Score {
  int fields = 0, close = 0;  // close: similarity >= 0.95
  double total = 0;
  std::string report;  // the fields that are not close
  double share() const { return fields ? static_cast<double>(close) / fields : 0.0; }
  double mean() const { return fields ? total / fields : 0.0; }
};

Score ScoreAgainstExpected(const json& got, const json& expected) {
  Score score;
  auto compare = [&](const std::string& where, const json& want, const json& have) {
    const double s = Similarity(FieldString(want), FieldString(have));
    ++score.fields;
    score.total += s;
    if (s >= 0.95) {
      ++score.close;
    } else {
      score.report += where + ": want '" + FieldString(want) + "' got '" + FieldString(have) + "'\n";
    }
  };
  for (const auto& [key, value] : expected["document"].items()) {
    compare("document." + key, value, got["document"][key]);
  }
  const json& want_rows = expected["criteria"];
  const json& got_rows = got["criteria"];
  EXPECT_EQ(got_rows.size(), want_rows.size()) << got_rows.dump(2);
  for (size_t i = 0; i < want_rows.size() && i < got_rows.size(); ++i) {
    for (const auto& [key, value] : want_rows[i].items()) {
      EXPECT_TRUE(got_rows[i].contains(key)) << key;
      compare("criteria[" + std::to_string(i) + "]." + key, value, got_rows[i][key]);
    }
  }
  return score;
}

class SamplesTest : public ::testing::TestWithParam<SampleCase> {};

TEST_P(SamplesTest, RunMatchesExpectedJson) {
  const SampleCase& c = GetParam();
  const fs::path samples = fs::path(VNPLAN_SOURCE_DIR) / "samples";
  const fs::path out = MakeTempDir("samples");
  const fs::path input = fs::exists(samples / c.input) ? samples / c.input
                                                       : fs::path(VNPLAN_SOURCE_DIR) / c.input;
  const CommandResult r = RunVnplan("run -q -j 2 '" + input.string() + "' -o '" + out.string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json got = json::parse(ReadFile(out / (std::string(c.output) + ".json")));
  const json expected = json::parse(ReadFile(samples / c.expected));
  EXPECT_EQ(got["source"]["route"], c.route);
  EXPECT_FALSE(ReadFile(out / (std::string(c.output) + ".txt")).empty());

  const Score score = ScoreAgainstExpected(got, expected);
  std::printf("%s: %d fields, %.1f%% with similarity >= 0.95, mean %.4f\n", c.input, score.fields,
              100 * score.share(), score.mean());
  EXPECT_GE(score.share(), c.min_share) << score.report;
  EXPECT_GE(score.mean(), c.min_mean) << score.report;
  fs::remove_all(out);
}

INSTANTIATE_TEST_SUITE_P(
    Samples, SamplesTest,
    ::testing::Values(
        SampleCase{"mn_an_phu.tcvn3.txt", "mn_an_phu.expected.json", "mn_an_phu.tcvn3", "text", 1.0, 1.0},
        SampleCase{"thcs_tan_loc.stripped.txt", "thcs_tan_loc.expected.json",
                   "thcs_tan_loc.stripped", "text", 0.90, 0.98},
        SampleCase{"th_hoa_binh.scan.pdf", "th_hoa_binh.expected.json", "th_hoa_binh.scan",
                   "pdf-ocr", 0.95, 0.99},
        // The same plan as a Word document typed in .VnTime/.VnTimeH: decoded
        // by font, lossless.
        SampleCase{"th_hoa_binh.vntime.docx", "th_hoa_binh.expected.json", "th_hoa_binh.vntime",
                   "docx", 1.0, 1.0},
        // ... and as a Word 97-2003 .doc (LibreOffice wrote it): TCVN3
        // cannot encode "Ủy" ("Uỷ" comes back), hence 0.999.
        SampleCase{"th_hoa_binh.vntime.doc", "th_hoa_binh.expected.json", "th_hoa_binh.vntime",
                   "doc", 1.0, 0.999},
        // ... and as Excel 97-2003 .xls workbooks (LibreOffice wrote them,
        // tests/ingest/xls_text_test.cc says how): typed in .VnTime, the
        // capitals lines in .VnTimeH, decoded by the cells' fonts; and the
        // TCVN3 text in a Unicode font, found by the encoding repair. "Ủy"
        // comes back "Uỷ" as from the .doc.
        SampleCase{"tests/data/ingest/th_hoa_binh.vntime.xls", "th_hoa_binh.expected.json",
                   "th_hoa_binh.vntime", "xls", 1.0, 0.999},
        SampleCase{"tests/data/ingest/th_hoa_binh.tcvn3.xls", "th_hoa_binh.expected.json",
                   "th_hoa_binh.tcvn3", "xls", 1.0, 0.999},
        // ... and as RTF written by LibreOffice: from the .VnTime .odt
        // (vnplan-sample-export --form odt-vntime; its TCVN3 bytes as \uN
        // with fallbacks, "ư" as the optional hyphen \-), and Unicode from
        // an HTML table of mn_an_phu's text export (\uN escapes).
        SampleCase{"tests/data/ingest/th_hoa_binh.vntime.rtf", "th_hoa_binh.expected.json",
                   "th_hoa_binh.vntime", "rtf", 1.0, 0.999},
        SampleCase{"tests/data/ingest/mn_an_phu.unicode.rtf", "mn_an_phu.expected.json",
                   "mn_an_phu.unicode", "rtf", 1.0, 1.0},
        // The same plan as born-digital PDFs: a Unicode text layer, and a
        // layer in TCVN3 as .VnTime fonts give it ("KÕ ho¹ch"). No OCR, so
        // every field must come out exactly (TCVN3 cannot encode a capital
        // toned vowel inside lower-case text, "Ủy" comes back "uỷ": hence 0.999).
        SampleCase{"tests/data/pipeline/th_hoa_binh.born_digital.pdf", "th_hoa_binh.expected.json",
                   "th_hoa_binh.born_digital", "pdf-text", 1.0, 1.0},
        SampleCase{"tests/data/pipeline/th_hoa_binh.tcvn3_layer.pdf", "th_hoa_binh.expected.json",
                   "th_hoa_binh.tcvn3_layer", "pdf-text", 1.0, 0.999}),
    [](const auto& info) {  // the input's file name: "th_hoa_binh_vntime_doc"
      std::string name = fs::path(info.param.input).filename().string();
      for (char& ch : name) {
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      }
      return name;
    });

// A typed plan whose last page (the end of the table and the signature)
// was printed, signed, stamped and scanned back in: pages 1-2 of the
// born-digital PDF, page 3 of the scan. Pages 1-2 are read from the text
// layer, page 3 is OCR'd; before, page 3 was skipped (no signer, the last
// row cut short).
TEST(SamplesMixedPdfTest, ScannedLastPageOfATypedPlan) {
  const fs::path samples = fs::path(VNPLAN_SOURCE_DIR) / "samples";
  const fs::path out = MakeTempDir("mixed");
  const std::string typed =
      (fs::path(VNPLAN_SOURCE_DIR) / "tests/data/pipeline/th_hoa_binh.born_digital.pdf").string();
  const std::string scan = (samples / "th_hoa_binh.scan.pdf").string();
  const fs::path mixed = out / "signed.pdf";
  const std::string make =
      "pdfseparate -f 1 -l 2 '" + typed + "' '" + (out / "t%d.pdf").string() + "' && pdfseparate -f 3 -l 3 '" +
      scan + "' '" + (out / "s%d.pdf").string() + "' && pdfunite '" + (out / "t1.pdf").string() + "' '" +
      (out / "t2.pdf").string() + "' '" + (out / "s3.pdf").string() + "' '" + mixed.string() +
      "' 2>/dev/null";
  if (std::system(make.c_str()) != 0) GTEST_SKIP() << "pdfseparate/pdfunite not available";
  const fs::path results = out / "results";
  const CommandResult r = RunVnplan("run -q '" + mixed.string() + "' -o '" + results.string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json got = json::parse(ReadFile(results / "signed.json"));
  EXPECT_EQ(got["source"]["route"], "pdf-mixed");
  const Score score = ScoreAgainstExpected(got, json::parse(ReadFile(samples / "th_hoa_binh.expected.json")));
  std::printf("mixed PDF: %d fields, %.1f%% with similarity >= 0.95, mean %.4f\n", score.fields,
              100 * score.share(), score.mean());
  EXPECT_EQ(got["document"]["signer"], "Lê Thị Minh Nguyệt");
  EXPECT_GE(score.share(), 0.98) << score.report;
  EXPECT_GE(score.mean(), 0.995) << score.report;
  // Rows read from the layer keep confidence 1 and say where they are.
  for (const auto& c : got["criteria"]) {
    EXPECT_EQ(c["pages"], json::array({2})) << c["criterion"];
    EXPECT_EQ(c["regions"].size(), 1u);
  }
  // The searchable PDF has all three pages, each with text.
  const fs::path pdf = results / "signed.pdf";
  ASSERT_TRUE(fs::exists(pdf));
  for (const auto& [page, words] : {std::pair{1, "KẾ HOẠCH"}, std::pair{3, "Minh Nguyệt"}}) {
    const std::string text_file = (out / ("p" + std::to_string(page) + ".txt")).string();
    ASSERT_EQ(std::system(("pdftotext -f " + std::to_string(page) + " -l " + std::to_string(page) + " '" +
                           pdf.string() + "' '" + text_file + "' 2>/dev/null")
                              .c_str()),
              0);
    EXPECT_NE(NormalizeField(ReadFile(text_file)).find(words), std::string::npos) << page;
  }
  fs::remove_all(out);
}

// A born-digital page with few words in a large font (a title page) is
// not a scanned page: its ink lies inside its words. The PDF stays on the
// text route.
TEST(SamplesMixedPdfTest, BigTitlePageIsNotAScan) {
  const fs::path out = MakeTempDir("title");
  const fs::path title = out / "title.pdf", plan = out / "plan.pdf";
  ASSERT_TRUE(testing::WriteTextPdf(title, "KẾ HOẠCH\nCẢI TIẾN", "DejaVu Serif Bold 40"));
  const std::string typed =
      (fs::path(VNPLAN_SOURCE_DIR) / "tests/data/pipeline/th_hoa_binh.born_digital.pdf").string();
  if (std::system(("pdfunite '" + title.string() + "' '" + typed + "' '" + plan.string() +
                   "' 2>/dev/null")
                      .c_str()) != 0) {
    GTEST_SKIP() << "pdfunite not available";
  }
  const CommandResult r = RunVnplan("tables --compact '" + plan.string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json got = json::parse(r.out);
  EXPECT_EQ(got["source"]["route"], "pdf-text");
  EXPECT_EQ(got["criteria"].size(), 5u);
  fs::remove_all(out);
}

TEST(SamplesBatchTest, ScanGetsASearchablePdfWithText) {
  const fs::path samples = fs::path(VNPLAN_SOURCE_DIR) / "samples";
  const fs::path out = MakeTempDir("pdf");
  const CommandResult r =
      RunVnplan("run -q '" + (samples / "th_hoa_binh.scan.pdf").string() + "' -o '" + out.string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const fs::path pdf = out / "th_hoa_binh.scan.pdf";
  ASSERT_TRUE(fs::exists(pdf));
  const std::string text_file = (out / "layer.txt").string();
  if (std::system(("pdftotext '" + pdf.string() + "' '" + text_file + "' 2>/dev/null").c_str()) != 0) {
    GTEST_SKIP() << "pdftotext not available";
  }
  const std::string layer = NormalizeField(ReadFile(text_file));
  EXPECT_NE(layer.find("KẾ HOẠCH"), std::string::npos) << layer.substr(0, 400);
  EXPECT_NE(layer.find("Tiêu chí"), std::string::npos);
  fs::remove_all(out);
}

}  // namespace
}  // namespace vnplan::e2e
