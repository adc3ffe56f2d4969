#include "common/utf8.h"

#include <gtest/gtest.h>

namespace vnplan {
namespace {

TEST(Utf8Test, RoundTripsVietnameseAndAstral) {
  const std::string text = "Kế hoạch cải tiến — 😀 Đ";
  const std::u32string u = Utf8ToU32(text);
  EXPECT_EQ(u[1], U'ế');
  EXPECT_EQ(U32ToUtf8(u), text);
}

TEST(Utf8Test, InvalidBytesBecomeReplacementPerByte) {
  const std::string bad = "a\xC3\x28" "b\xFF";
  const std::u32string u = Utf8ToU32(bad);
  ASSERT_EQ(u.size(), 5u);
  EXPECT_EQ(u[1], U'\uFFFD');
  EXPECT_EQ(u[2], U'(');
  EXPECT_EQ(u[4], U'\uFFFD');
  EXPECT_FALSE(IsValidUtf8(bad));
  EXPECT_TRUE(IsValidUtf8("Tiêu chí 1.9"));
}

TEST(Utf8Test, RejectsOverlongAndSurrogates) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));
  EXPECT_TRUE(IsValidUtf8("\xEF\xBF\xBD"));
}

}  // namespace
}  // namespace vnplan
