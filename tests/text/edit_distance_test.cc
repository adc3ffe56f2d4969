#include "text/edit_distance.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace vnplan::text {
namespace {

TEST(EditDistanceTest, LevenshteinOnAnySequence) {
  EXPECT_EQ(Levenshtein(std::string("kitten"), std::string("sitting")), 3u);
  EXPECT_EQ(Levenshtein(std::string(""), std::string("abc")), 3u);
  EXPECT_EQ(Levenshtein(std::string("abc"), std::string("abc")), 0u);
  const std::vector<std::string> a = {"kế", "hoạch", "năm", "học"};
  const std::vector<std::string> b = {"kế", "hoach", "học"};
  EXPECT_EQ(Levenshtein(a, b), 2u);  // one substitution, one deletion
}

TEST(EditDistanceTest, CodePointDistanceCountsCodePoints) {
  EXPECT_EQ(CodePointDistance("tiêu", "tieu"), 1u);  // ê is 2 bytes, 1 edit
  EXPECT_EQ(CodePointDistance("được", "duoc"), 3u);
  EXPECT_EQ(CodePointDistance("", ""), 0u);
}

TEST(EditDistanceTest, AlignSequencesReturnsSubstitutedPairsInOrder) {
  const std::vector<std::string> t = {"a", "b", "c", "d"};
  const std::vector<std::string> o = {"a", "x", "c", "y", "d"};
  auto sub = [&](size_t i, size_t j) { return t[i] == o[j] ? 0.0 : 1.0; };
  // a-a, b-x (substitution), c-c, y inserted, d-d.
  const std::vector<std::pair<size_t, size_t>> want = {{0, 0}, {1, 1}, {2, 2}, {3, 4}};
  EXPECT_EQ(AlignSequences(t.size(), o.size(), sub, 1.0), want);
  // With expensive substitutions, b and x are a deletion plus an insertion.
  auto costly = [&](size_t i, size_t j) { return t[i] == o[j] ? 0.0 : 5.0; };
  const std::vector<std::pair<size_t, size_t>> want2 = {{0, 0}, {2, 2}, {3, 4}};
  EXPECT_EQ(AlignSequences(t.size(), o.size(), costly, 1.0), want2);
  EXPECT_TRUE(AlignSequences(0, 3, sub, 1.0).empty());
}

}  // namespace
}  // namespace vnplan::text
