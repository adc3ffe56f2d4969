#include "table/fuzzy.h"

#include <gtest/gtest.h>

namespace vnplan::table {
namespace {

TEST(FuzzyTest, FoldRemovesMarksAndCase) {
  EXPECT_EQ(Fold("Tiêu chuẩn 1:  Tổ chức"), "tieu chuan 1: to chuc");
  EXPECT_EQ(Fold("ĐIỀU KIỆN"), "dieu kien");
  EXPECT_EQ(FoldAlnum("Tiêu chí 1.9"), "tieuchi19");
}

TEST(FuzzyTest, EditDistanceCountsCodePoints) {
  EXPECT_EQ(EditDistance("tiêu", "tieu"), 1);
  EXPECT_EQ(EditDistance("", "abc"), 3);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3);
  EXPECT_DOUBLE_EQ(Similarity("", ""), 1.0);
  EXPECT_DOUBLE_EQ(Similarity("abcd", "abcx"), 0.75);
}

}  // namespace
}  // namespace vnplan::table
