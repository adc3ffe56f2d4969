#include "text/time_expressions.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <string_view>

namespace vnplan::text {
namespace {

std::string Repaired(std::string_view text) { return RepairTimeExpressions(text).text; }

// Each of `texts` comes back unchanged, with no repair counted.
void ExpectKept(std::initializer_list<const char*> texts) {
  for (const char* kept : texts) {
    TimeRepair r = RepairTimeExpressions(kept);
    EXPECT_EQ(r.text, kept);
    EXPECT_EQ(r.repairs, 0) << kept;
  }
}

TEST(TimeExpressionsTest, SlashReadAsSpaceBetweenMonthAndYear) {
  EXPECT_EQ(Repaired("Tháng 9 2024"), "Tháng 9/2024");
  EXPECT_EQ(Repaired("Từ tháng 9 2024 đến tháng 5 2025"), "Từ tháng 9/2024 đến tháng 5/2025");
  EXPECT_EQ(Repaired("tháng 10 2023"), "tháng 10/2023");
}

TEST(TimeExpressionsTest, SlashLostOrReadAsALetterOrOne) {
  EXPECT_EQ(Repaired("đến tháng 52026"), "đến tháng 5/2026");
  EXPECT_EQ(Repaired("tháng 122025"), "tháng 12/2025");
  EXPECT_EQ(Repaired("tháng 912025"), "tháng 9/2025");
  EXPECT_EQ(Repaired("tháng 1012025"), "tháng 10/2025");
  EXPECT_EQ(Repaired("tháng 9l2025"), "tháng 9/2025");
  EXPECT_EQ(Repaired("tháng 9|2025"), "tháng 9/2025");
  EXPECT_EQ(Repaired("Tháng 12:2025"), "Tháng 12/2025");  // heavy scans
  EXPECT_EQ(Repaired("Từ tháng 9;2025"), "Từ tháng 9/2025");
}

TEST(TimeExpressionsTest, MisreadMonthWordBeforeADateIsThang) {
  EXPECT_EQ(Repaired("Từ thẳng 9/2019"), "Từ tháng 9/2019");
  EXPECT_EQ(Repaired("THẮNG 9 2019"), "THÁNG 9/2019");
  // Not before a month and a year: another word.
  EXPECT_EQ(Repaired("thắng 3 trận"), "thắng 3 trận");
}

TEST(TimeExpressionsTest, WrittenConventionsAreKept) {
  ExpectKept({"tháng 5.2020", "tháng 9-2024", "tháng 9 / 2024", "Tháng 9/2024",
              "tháng 13 2024", "tháng 9 năm 2024", "tháng 9 3000"});
}

TEST(TimeExpressionsTest, SemesterNumeralIsIOrII) {
  EXPECT_EQ(Repaired("Học kỳ Ï"), "Học kỳ I");
  EXPECT_EQ(Repaired("Học kỳ ï năm học 2023 – 2024"), "Học kỳ I năm học 2023 – 2024");
  EXPECT_EQ(Repaired("học kỷ ll"), "học kỳ II");
  EXPECT_EQ(Repaired("Học kỷ I năm học"), "Học kỳ I năm học");
  EXPECT_EQ(Repaired("hoc ky |"), "hoc ky I");
  EXPECT_EQ(Repaired("HỌC KỶ Ï"), "HỌC KỲ I");
  // Glued by a page OCR to the next word, or merged with its n into N.
  EXPECT_EQ(Repaired("Học kỳInăm học 2024 – 2025"), "Học kỳ I năm học 2024 – 2025");
  EXPECT_EQ(Repaired("Học kỳ Năm học 2024 – 2025"), "Học kỳ I năm học 2024 – 2025");
  EXPECT_EQ(Repaired("Học kỳ Nam học 2020 – 2021"), "Học kỳ I năm học 2020 – 2021");
}

TEST(TimeExpressionsTest, CleanSemestersAndOtherWordsAreKept) {
  ExpectKept({"Học kỳ I", "học kỳ II năm học", "học kỳ 1", "Học kỳ 2", "học kỳ 12",
              "học kỳ in", "kỷ luật học kỳ", "Học kỳ", "học kỳ năm học 2024",
              "học kỳ Inter"});
}

TEST(TimeExpressionsTest, SchoolYearSpansTwoConsecutiveYears) {
  EXPECT_EQ(Repaired("Học kỳ I năm học 2029 -. 2026"), "Học kỳ I năm học 2025 - 2026");
  EXPECT_EQ(Repaired("Năm học 2024 – 2825"), "Năm học 2024 – 2025");
  EXPECT_EQ(Repaired("năm học 2023 – 20924"), "năm học 2023 – 2024");
  EXPECT_EQ(Repaired("Năm học 2023 2024"), "Năm học 2023 - 2024");
  EXPECT_EQ(Repaired("năm học 20232024"), "năm học 2023-2024");
  // A digit read as a letter (heavy scans).
  EXPECT_EQ(Repaired("Năm học 2025 – 2U26"), "Năm học 2025 – 2026");
  EXPECT_EQ(Repaired("năm học 2O23 - 2024"), "năm học 2023 - 2024");
}

TEST(TimeExpressionsTest, SchoolYearWordsWithMisreadMarks) {
  EXPECT_EQ(Repaired("Nảm học 2025 – 2026"), "Năm học 2025 – 2026");
  EXPECT_EQ(Repaired("Học kỳ I nằm học 2020 – 2021"), "Học kỳ I năm học 2020 – 2021");
  EXPECT_EQ(Repaired("NẢM HỌC 2023-2024"), "NĂM HỌC 2023-2024");
  // Stripped text stays stripped; "nấm học" without a school year is left.
  EXPECT_EQ(Repaired("Nam hoc 2023 - 2024"), "Nam hoc 2023 - 2024");
  EXPECT_EQ(Repaired("nấm học trò"), "nấm học trò");
}

TEST(TimeExpressionsTest, CleanOrAmbiguousSchoolYearsAreKept) {
  ExpectKept({"Năm học 2023-2024", "năm học 2022- 2023", "Năm học 2022 – 2023",
              "năm học 2024 - 2026", "năm học 2019 - 2031", "giai đoạn 2021 2025"});
}

TEST(TimeExpressionsTest, CountsEachRewrittenExpression) {
  TimeRepair r = RepairTimeExpressions("Từ tháng 9 2024 đến tháng 5/2025, năm học 2024 2025");
  EXPECT_EQ(r.text, "Từ tháng 9/2024 đến tháng 5/2025, năm học 2024 - 2025");
  EXPECT_EQ(r.repairs, 2);
}

}  // namespace
}  // namespace vnplan::text
