#include "pipeline/noise_filter.h"

#include <gtest/gtest.h>

namespace vnplan::pipeline {
namespace {

Word W(const char* text, float conf) {
  Word w;
  w.text = text;
  w.confidence = conf;
  return w;
}

TEST(NoiseFilterTest, DropsSpecksAndGarbageKeepsWordsAndNumbers) {
  EXPECT_TRUE(IsNoiseWord(W("—", 48)));
  EXPECT_TRUE(IsNoiseWord(W(".", 80)));
  EXPECT_TRUE(IsNoiseWord(W("{ev2~", 0)));
  EXPECT_TRUE(IsNoiseWord(W("XS", 3)));
  EXPECT_FALSE(IsNoiseWord(W("-", 96)));
  EXPECT_FALSE(IsNoiseWord(W("—", 90)));
  EXPECT_FALSE(IsNoiseWord(W("kỳ", 0)));      // a real syllable, even at 0
  EXPECT_FALSE(IsNoiseWord(W("2024", 5)));    // numbers stay
  EXPECT_FALSE(IsNoiseWord(W("THCS", 45)));   // confident enough
  EXPECT_FALSE(IsNoiseWord(W("trường,", 20)));
}

TEST(NoiseFilterTest, DropNoiseWordsRemovesEmptyLinesAndBlocks) {
  Page page;
  Block noisy, good;
  Line l1, l2;
  l1.words = {W("~,", 0), W("“", 10)};
  l2.words = {W("Kế", 95), W(".", 40), W("hoạch", 93)};
  noisy.lines = {l1};
  good.lines = {l2};
  page.blocks = {noisy, good};
  EXPECT_EQ(DropNoiseWords(&page), 3);
  ASSERT_EQ(page.blocks.size(), 1u);
  EXPECT_EQ(PageText(page), "Kế hoạch\n");
}

}  // namespace
}  // namespace vnplan::pipeline
