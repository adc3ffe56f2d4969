#include "table/column_words.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

namespace vnplan::table {
namespace {

constexpr int kExpected = 0, kActions = 1, kResponsible = 2, kBudget = 4, kNotes = 6;

TEST(ColumnWordsTest, KeyFoldsWordsAndNumbers) {
  EXPECT_EQ(ColumnWords::Key("Hiệu,"), "hieu");
  EXPECT_EQ(ColumnWords::Key("GD&ĐT"), "gddt");
  EXPECT_EQ(ColumnWords::Key("2023-2024"), "0");
  EXPECT_EQ(ColumnWords::Key("15.000.000đ"), "15000000d");
  EXPECT_EQ(ColumnWords::Key("-"), "");
}

// Two columns, m = 1: "a" is seen 2 times in column 0 (3 words) and never
// in column 1 (1 word); P(a) = 2/4.
TEST(ColumnWordsTest, ScoresAreSmoothedLogOdds) {
  ColumnWords model;
  model.AddCell(kExpected, "a a b");
  model.AddCell(kActions, "B.");
  EXPECT_EQ(model.total(kExpected), 3);
  EXPECT_EQ(model.total(kActions), 1);
  EXPECT_EQ(model.vocabulary(), 2u);
  ColumnWordOptions options;
  options.prior = 1.0;
  options.cap = 10.0;
  ColumnWords::Scores a = model.WordScores("A", options);
  EXPECT_NEAR(a[kExpected], std::log((2 + 0.5) / 4 / 0.5), 1e-12);
  EXPECT_NEAR(a[kActions], std::log(0.5 / 2 / 0.5), 1e-12);
  EXPECT_NEAR(a[kResponsible], 0.0, 1e-12);  // no text: no evidence
  options.cap = 0.5;
  EXPECT_DOUBLE_EQ(model.WordScores("a", options)[kActions], -0.5);
  for (double s : model.WordScores("unseen", options)) EXPECT_EQ(s, 0.0);
  for (double s : ColumnWords().WordScores("a")) EXPECT_EQ(s, 0.0);
}

TEST(ColumnWordsTest, TypicalWordsFavourTheirColumn) {
  ColumnWords model;
  for (int i = 0; i < 10; ++i) {
    model.AddCell(kExpected, "Hồ sơ được sắp xếp khoa học");
    model.AddCell(kActions, "Tổ chức rà soát hồ sơ");
    model.AddCell(kResponsible, "Hiệu trưởng chỉ đạo");
    model.AddCell(kBudget, "Kinh phí chi thường xuyên");
  }
  ColumnWords::Scores kinh = model.WordScores("Kinh");
  EXPECT_GT(kinh[kBudget], 1.0);
  EXPECT_LT(kinh[kActions], -1.0);
  ColumnWords::Scores hieu = model.WordScores("Hiéu");  // OCR's accent folded away
  EXPECT_GT(hieu[kResponsible], 1.0);
  EXPECT_LT(hieu[kExpected], -1.0);
  EXPECT_EQ(hieu[kNotes], 0.0);  // notes never seen: the background
  // "hồ sơ" is shared by two columns: favoured in both, less than a word
  // of one column.
  ColumnWords::Scores ho = model.WordScores("hồ");
  EXPECT_GT(ho[kExpected], 0.0);
  EXPECT_GT(ho[kActions], 0.0);
  EXPECT_LT(ho[kExpected], kinh[kBudget]);
}

TEST(ColumnWordsTest, SaveAndLoadKeepTheCounts) {
  ColumnWords model;
  model.AddCell(kResponsible, "Hiệu trưởng, Phó Hiệu trưởng");
  model.AddCell(kBudget, "Không có");
  ColumnWords other;
  other.AddCell(kBudget, "Kinh phí");
  model.Merge(other);
  // In the build tree: engineers' test runs share /tmp.
  const std::filesystem::path path =
      std::filesystem::path(VNPLAN_BINARY_DIR) / "column_words_test_model.tsv";
  ASSERT_TRUE(model.Save(path).has_value());
  auto loaded = ColumnWords::Load(path);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_EQ(loaded->ToText(), model.ToText());
  EXPECT_EQ(loaded->total(kBudget), 4);
  EXPECT_EQ(model.ToText(),
            "#vnplan-column-words 1\n"
            "co\t0\t0\t0\t0\t1\t0\t0\n"
            "hieu\t0\t0\t2\t0\t0\t0\t0\n"
            "khong\t0\t0\t0\t0\t1\t0\t0\n"
            "kinh\t0\t0\t0\t0\t1\t0\t0\n"
            "phi\t0\t0\t0\t0\t1\t0\t0\n"
            "pho\t0\t0\t1\t0\t0\t0\t0\n"
            "truong\t0\t0\t2\t0\t0\t0\t0\n");
  {
    std::ofstream bad(path);
    bad << "#vnplan-column-words 1\nhieu\t1\t2\n";
  }
  auto malformed = ColumnWords::Load(path);
  ASSERT_FALSE(malformed.has_value());
  EXPECT_EQ(malformed.error().code, ErrorCode::kModelMissing);
  std::filesystem::remove(path);
  EXPECT_FALSE(ColumnWords::Load(path).has_value());
}

}  // namespace
}  // namespace vnplan::table
