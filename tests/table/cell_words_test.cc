#include "table/cell_words.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <utility>

namespace vnplan::table {
namespace {

TEST(CellWordsTest, LooksLikeText) {
  EXPECT_TRUE(LooksLikeText("2025"));
  EXPECT_TRUE(LooksLikeText("9/2024.."));
  EXPECT_TRUE(LooksLikeText("trường,"));
  EXPECT_TRUE(LooksLikeText("(Ký"));
  EXPECT_TRUE(LooksLikeText("e"));
  EXPECT_FALSE(LooksLikeText("X"));
  EXPECT_FALSE(LooksLikeText("mm"));
  EXPECT_FALSE(LooksLikeText("Vt\\"));
  EXPECT_FALSE(LooksLikeText("%"));
  EXPECT_FALSE(LooksLikeText(""));
}

Page Reading(std::initializer_list<std::pair<const char*, float>> words) {
  Line line;
  for (auto [text, conf] : words) line.words.push_back(Word{text, Box{}, conf, ""});
  Page page;
  page.blocks.push_back(Block{{line}, Box{}});
  return page;
}

TEST(CellWordsTest, ReadingScoreCountsSureTextLessGarbage) {
  // 4 + 4 + 4 characters at 97, "–" counted for nothing.
  EXPECT_DOUBLE_EQ(ReadingScore(Reading({{"Năm", 97}, {"học", 97}, {"2024", 97}, {"–", 90}})),
                   10 * 97.0);
  // Unsure text adds nothing; "mm" at 50 takes 2 * 50 off.
  EXPECT_DOUBLE_EQ(ReadingScore(Reading({{"2025", 96}, {"học", 40}, {"mm", 50}})),
                   4 * 96.0 - 100.0);
}

}  // namespace
}  // namespace vnplan::table
