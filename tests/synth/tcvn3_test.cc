#include "synth/tcvn3.h"

#include <gtest/gtest.h>

namespace vnplan::synth {
namespace {

TEST(Tcvn3Test, KnownSamples) {
  // From the brief / .VnTime PDFs: "Kế hoạch" extracts as "KÕ ho¹ch".
  EXPECT_EQ(Tcvn3AsCp1252(Tcvn3Encode("Kế hoạch")), "KÕ ho¹ch");
  EXPECT_EQ(Tcvn3Encode("đ"), "\xAE");
  EXPECT_EQ(Tcvn3Encode("Đ"), "\xA7");
  EXPECT_EQ(Tcvn3Encode("ư"), "\xAD");
  EXPECT_EQ(Tcvn3Encode("Ư"), "\xA6");
  // Toned capitals take the lower-case code (.VnTimeH convention).
  EXPECT_EQ(Tcvn3Encode("KẾ HOẠCH"), "K\xD5 HO\xB9""CH");
  EXPECT_EQ(Tcvn3AsCp1252(Tcvn3Encode("KẾ HOẠCH")), "KÕ HO¹CH");
}

TEST(Tcvn3Test, RoundTripsEveryLowerCaseLetter) {
  const std::string letters =
      "àảãáạăằẳẵắặâầẩẫấậđèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵĂÂÊÔƠƯĐ";
  std::string enc = Tcvn3Encode(letters);
  EXPECT_EQ(enc.find('?'), std::string::npos);
  EXPECT_EQ(enc.size(), 74u);  // one byte per letter
  EXPECT_EQ(Tcvn3Decode(enc), letters);
  EXPECT_EQ(Tcvn3DecodeViewed(Tcvn3AsCp1252(enc)), letters);
}

TEST(Tcvn3Test, RoundTripLowersTonedCapitalsOnly) {
  EXPECT_EQ(Tcvn3RoundTrip("KẾ HOẠCH ĐƯỢC"), "Kế HOạCH ĐƯợC");
}

}  // namespace
}  // namespace vnplan::synth
