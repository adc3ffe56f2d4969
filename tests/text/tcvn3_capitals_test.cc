// TCVN3 has no capital toned vowels: text typed in capitals decodes with
// those letters in lower case, and Repair must put them back in capitals
// without touching title-case words or acronyms.
#include <gtest/gtest.h>

#include "text/encoding_repair.h"
#include "text/legacy_encoding.h"

namespace vnplan::text {
namespace {

std::string ViaTcvn3(const std::string& unicode) {
  auto bytes = Encode(unicode, Encoding::kTcvn3);
  EXPECT_TRUE(bytes.has_value());
  RepairOptions options;
  options.from = Encoding::kTcvn3;
  return Repair(*bytes, options).text;
}

TEST(Tcvn3CapitalsTest, CapitalLinesComeBackInCapitals) {
  EXPECT_EQ(ViaTcvn3("TRƯỜNG TIỂU HỌC HÒA BÌNH"), "TRƯỜNG TIỂU HỌC HÒA BÌNH");
  EXPECT_EQ(ViaTcvn3("KẾ HOẠCH"), "KẾ HOẠCH");
  EXPECT_EQ(ViaTcvn3("II. CĂN CỨ XÂY DỰNG KẾ HOẠCH"), "II. CĂN CỨ XÂY DỰNG KẾ HOẠCH");
}

TEST(Tcvn3CapitalsTest, TitleCaseAndAcronymsAreLeftAlone) {
  EXPECT_EQ(ViaTcvn3("Kế hoạch của Bộ Giáo dục"), "Kế hoạch của Bộ Giáo dục");
  EXPECT_EQ(ViaTcvn3("Số: 112/KH-THHB"), "Số: 112/KH-THHB");
  EXPECT_EQ(ViaTcvn3("Sở GD&ĐT Hà Nội"), "Sở GD&ĐT Hà Nội");
}

}  // namespace
}  // namespace vnplan::text
