// Letter case classes of words (lm_tokens.h CaseOf), which decide what the
// case prior counts and which words the vie channel may change.
#include "lm/lm_tokens.h"

#include <gtest/gtest.h>

namespace vnplan::lm {
namespace {

TEST(LmTokensTest, CaseOf) {
  EXPECT_EQ(CaseOf("tổ"), WordCase::kLower);
  EXPECT_EQ(CaseOf("Tổ"), WordCase::kTitle);
  EXPECT_EQ(CaseOf("Đảng"), WordCase::kTitle);
  EXPECT_EQ(CaseOf("TỔ"), WordCase::kUpper);
  EXPECT_EQ(CaseOf("A"), WordCase::kUpper);
  EXPECT_EQ(CaseOf("iPhone"), WordCase::kOther);
  EXPECT_EQ(CaseOf("KHvà"), WordCase::kOther);
  EXPECT_EQ(CaseOf("TrTH"), WordCase::kOther);
  EXPECT_EQ(CaseOf("1.2"), WordCase::kOther);
  EXPECT_EQ(CaseOf(""), WordCase::kOther);
}

}  // namespace
}  // namespace vnplan::lm
