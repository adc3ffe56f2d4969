#include "synth/tcvn3.h"

#include <gtest/gtest.h>

namespace vnplan::synth {
namespace {

TEST(Tcvn3Test, KnownSamples) {
  // From the brief / .VnTime PDFs: "Kế hoạch" extracts as "KÕ ho¹ch".
  EXPECT_EQ(Tcvn3AsLatin1(Tcvn3Encode("Kế hoạch")), "KÕ ho¹ch");
  EXPECT_EQ(Tcvn3Encode("đ"), "\xAE");
  EXPECT_EQ(Tcvn3Encode("Đ"), "\xA7");
  EXPECT_EQ(Tcvn3Encode("ư"), "\xAD");
  // Upper-case toned letters take the lower-case code.
  EXPECT_EQ(Tcvn3Encode("Ế"), Tcvn3Encode("ế"));
  EXPECT_EQ(Tcvn3Encode("a–b…"), "a-b...");
}

TEST(Tcvn3Test, RoundTripsEveryLowerCaseLetter) {
  const std::string letters =
      "àảãáạăằẳẵắặâầẩẫấậđèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵĂÂÊÔƠƯĐ";
  std::string enc = Tcvn3Encode(letters);
  EXPECT_EQ(enc.find('?'), std::string::npos);
  EXPECT_EQ(Tcvn3Decode(enc), letters);
  EXPECT_EQ(Latin1ToBytes(Tcvn3AsLatin1(enc)), enc);
}

TEST(Tcvn3Test, RoundTripLowersTonedCapitals) {
  EXPECT_EQ(Tcvn3RoundTrip("KẾ HOẠCH"), "Kế HOạCH");
}

}  // namespace
}  // namespace vnplan::synth
