#include "pipeline/cell_text.h"

#include <gtest/gtest.h>

namespace vnplan::pipeline {
namespace {

TEST(CellTextTest, UnitsGluedToTheirNumberAreSplitOff) {
  EXPECT_EQ(SplitGluedUnits("3triệu đồng"), "3 triệu đồng");
  EXPECT_EQ(SplitGluedUnits("Khoảng 45triệu"), "Khoảng 45 triệu");
  EXPECT_EQ(SplitGluedUnits("12tháng, 2năm, 20người"), "12 tháng, 2 năm, 20 người");
  // Codes and numbers stay as they are.
  for (const char* kept : {"Lớp 5A, 12b", "GD&ĐT2", "9/2024", "3 triệu", "1triệuphú", "2km",
                           "4em5", ""}) {
    EXPECT_EQ(SplitGluedUnits(kept), std::string(kept)) << kept;
  }
}

TEST(CellTextTest, CellsAreSplitBeforeRestoration) {
  const auto finish = OcrCellText(nullptr, text::ToneStyle::kNew);
  EXPECT_EQ(finish("8triệu đồng", 100.0f), "8 triệu đồng");
  EXPECT_EQ(finish("Hoà Bình", 100.0f), "Hoà Bình");
}

}  // namespace
}  // namespace vnplan::pipeline
