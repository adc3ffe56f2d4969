#include "table/row_labels.h"

#include <gtest/gtest.h>

namespace vnplan::table {
namespace {

TEST(RowLabelsTest, Criterion) {
  RowLabel l = ParseRowLabel("Tiêu chí 1.9");
  EXPECT_EQ(l.kind, LabelKind::kCriterion);
  EXPECT_EQ(l.number, "1.9");
  EXPECT_EQ(l.title, "");
  l = ParseRowLabel("Tiêu chí 5.5.3: Hình thành, phát triển các kỹ năng sống.");
  EXPECT_EQ(l.kind, LabelKind::kCriterion);
  EXPECT_EQ(l.number, "5.5.3");
  EXPECT_EQ(l.title, "Hình thành, phát triển các kỹ năng sống.");
  EXPECT_EQ(ParseRowLabel("Tiêu chí 2").number, "2");
}

TEST(RowLabelsTest, StandardWithTitle) {
  RowLabel l = ParseRowLabel("Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học");
  EXPECT_EQ(l.kind, LabelKind::kStandard);
  EXPECT_EQ(l.number, "3");
  EXPECT_EQ(l.title, "Cơ sở vật chất và thiết bị dạy học");
}

TEST(RowLabelsTest, RobustToTyposStrippedMarksAndOcrNoise) {
  EXPECT_EQ(ParseRowLabel("Tiếu chí 1.10").kind, LabelKind::kCriterion);
  EXPECT_EQ(ParseRowLabel("Tieu chi 1.3").kind, LabelKind::kCriterion);
  EXPECT_EQ(ParseRowLabel("Tiéuchi 3.2").number, "3.2");
  RowLabel s = ParseRowLabel("Tiéu chuin 2: Can bo quan ly");
  EXPECT_EQ(s.kind, LabelKind::kStandard);
  EXPECT_EQ(s.number, "2");
  EXPECT_EQ(s.title, "Can bo quan ly");
  EXPECT_EQ(ParseRowLabel("Tieu chun 1: To chuc").kind, LabelKind::kStandard);
  EXPECT_EQ(ParseRowLabel("Tiêu chí 1 . 4").number, "1.4");
  EXPECT_EQ(ParseRowLabel("Tiêu chí l.3").number, "1.3");
  EXPECT_EQ(ParseRowLabel("Tiêu chí I.10").number, "1.10");
  // "5." read as "s" (synthetic scan, seed 1001).
  EXPECT_EQ(ParseRowLabel("Tiêu chí s1").number, "5.1");
  EXPECT_EQ(ParseRowLabel("Tiêu chí s.2").number, "5.2");
  EXPECT_EQ(ParseRowLabel("Tiêu chí S3").number, "5.3");
  EXPECT_EQ(ParseRowLabel("Tiêu chís 1.2").number, "1.2");  // a dotted number stays
}

// The OCR dropped "chí" (a borderless scan: "Tiêu" and "5.3" 60 px apart):
// a dotted number after "Tiêu" is a criterion's; a plain one could be a
// standard's or a criterion's, so it is no label, unless a ':' and a title
// follow it: a standard row that lost "chuẩn" (heavy scans).
TEST(RowLabelsTest, CriterionWhoseSecondWordWasLost) {
  RowLabel l = ParseRowLabel("Tiêu 5.3");
  EXPECT_EQ(l.kind, LabelKind::kCriterion);
  EXPECT_EQ(l.number, "5.3");
  EXPECT_EQ(ParseRowLabel("Tieu 1.10: Hồ sơ").title, "Hồ sơ");
  EXPECT_EQ(ParseRowLabel("Tiêu 5").kind, LabelKind::kNone);
  EXPECT_EQ(ParseRowLabel("Tiêu 5").number, "");
  // "chuẩn" lost: a standard's number is bare, its title after a ':'.
  RowLabel standard = ParseRowLabel("Tiêu 3: Cơ sở vật chất và thiết bị dạy học");
  EXPECT_EQ(standard.kind, LabelKind::kStandard);
  EXPECT_EQ(standard.number, "3");
  EXPECT_EQ(standard.title, "Cơ sở vật chất và thiết bị dạy học");
  EXPECT_TRUE(standard.cut_word);
  EXPECT_FALSE(ParseRowLabel("Tiêu chuẩn 3: Cơ sở vật chất").cut_word);
  EXPECT_EQ(ParseRowLabel("Tiêu 5: đạt").kind, LabelKind::kNone);  // no title
  EXPECT_EQ(ParseRowLabel("Tiêu 12: Tổ chức và quản lý").kind, LabelKind::kNone);
  EXPECT_EQ(ParseRowLabel("Tiền 5.3").kind, LabelKind::kNone);
}

TEST(RowLabelsTest, Levels) {
  RowLabel l = ParseRowLabel("MỨC 1, 2, 3");
  EXPECT_EQ(l.kind, LabelKind::kLevel);
  EXPECT_EQ(l.levels, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(LevelName(l.levels), "Mức 1, 2, 3");
  EXPECT_EQ(ParseRowLabel("MUC 1,2, 3").levels, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(LevelName(ParseRowLabel("MỨC 4").levels), "Mức 4");
  EXPECT_EQ(ParseRowLabel("MỨC 1,2, 3 _").levels, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(ParseRowLabel("MỨC l1, 2, 3").levels, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(ParseRowLabel("MỨC I, 2, 3").levels, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(ParseRowLabel("MỨC t,2,3").levels, (std::vector<int>{1, 2, 3}));  // heavy scans
  EXPECT_EQ(ParseRowLabel("Mức tốt, 2").kind, LabelKind::kNone);
}

TEST(RowLabelsTest, RejectsOrdinaryText) {
  EXPECT_EQ(ParseRowLabel("Năm học 2024-2025").kind, LabelKind::kNone);
  EXPECT_EQ(ParseRowLabel("Hiệu trưởng").kind, LabelKind::kNone);
  EXPECT_EQ(ParseRowLabel("1").kind, LabelKind::kNone);
  EXPECT_EQ(ParseRowLabel("Mức 1: Tổng số 27 tiêu chí").kind, LabelKind::kNone);
  EXPECT_EQ(ParseRowLabel("Thực hiện tiêu chí 1.2 tốt hơn").kind, LabelKind::kNone);
}

}  // namespace
}  // namespace vnplan::table
