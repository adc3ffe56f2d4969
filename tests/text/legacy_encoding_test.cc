#include "text/legacy_encoding.h"

#include <gtest/gtest.h>
#include <iconv.h>

#include <string>

#include "common/utf8.h"
#include "text/vietnamese.h"

namespace vnplan::text {
namespace {

std::string Utf8(char32_t c) {
  std::string s;
  AppendUtf8(c, &s);
  return s;
}

std::string Hex(std::string_view bytes) {
  std::string out;
  char buf[4];
  for (unsigned char b : bytes) {
    std::snprintf(buf, sizeof buf, "%02X ", b);
    out += buf;
  }
  return out;
}

// Spot checks typed from the standards (not produced by the code).
TEST(LegacyEncodingTest, KnownBytes) {
  // TCVN3: "Kế hoạch" = K D5 20 h o B9 c h; ư = AD; đ = AE.
  EXPECT_EQ(*Decode("K\xD5 ho\xB9" "ch", Encoding::kTcvn3), "Kế hoạch");
  EXPECT_EQ(*Encode("trường đạt", Encoding::kTcvn3),
            "tr\xAD\xEAng \xAE\xB9t");
  // VNI: "Kế hoạch" = K e E1 20 h o a EF c h; "Trường" = T r F6 F4 F8 n g.
  EXPECT_EQ(*Decode("Ke\xE1 hoa\xEF" "ch", Encoding::kVni), "Kế hoạch");
  EXPECT_EQ(*Encode("Trường ĐẠI", Encoding::kVni), "Tr\xF6\xF4\xF8ng \xD1" "A\xCF" "I");
  // VISCII: ạ = D5, ư = DF, Ư = BF, ờ = B6.
  EXPECT_EQ(*Decode("tr\xDF\xB6ng", Encoding::kViscii), "trường");
  // VPS: à = E0, ư = DC.
  EXPECT_EQ(*Decode("v\xE0 \xDC", Encoding::kVps), "và ư");
  // CP1258: ệ = ê (EA) + combining dot below (F2).
  EXPECT_EQ(*Decode("Vi\xEA\xF2t", Encoding::kCp1258), "Việt");
  EXPECT_EQ(*Encode("Việt", Encoding::kCp1258), "Vi\xEA\xF2t");
  // VIQR.
  EXPECT_EQ(*Decode("Vie^.t Nam, dda^'t nu+o+'c", Encoding::kViqr),
            "Việt Nam, đất nước");
  EXPECT_EQ(*Encode("Việt Nam.", Encoding::kViqr), "Vie^.t Nam\\.");
  // Unescaped text: '?' before a capital is a hook unless it ends a
  // question word; '.' is a period unless only the dot makes a word.
  EXPECT_EQ(*Decode("ke^'t qua? TDDG", Encoding::kViqr), "kết quả TĐG");
  EXPECT_EQ(*Decode("Ta.i sao? Vi` vui", Encoding::kViqr), "Tại sao? Vì vui");
  EXPECT_EQ(*Decode("ho. ra. Sau", Encoding::kViqr), "họ ra. Sau");
  // Mojibake.
  EXPECT_EQ(*Decode("Káº¿ hoáº¡ch", Encoding::kMojibake), "Kế hoạch");
}

// A valid syllable that contains `c` (upper-cased if `c` is a capital).
std::string SyllableWith(char32_t c) {
  Letter l;
  DecomposeLetter(c, &l);
  const bool upper = l.upper;
  l.upper = false;
  const std::string lower = Utf8(ComposeLetter(l));
  for (const std::string& s : AllValidSyllables()) {
    if (s.size() > lower.size() && s.find(lower) != std::string::npos) {
      return upper ? ToUpper(s) : s;
    }
  }
  return "";
}

// Every one of the 134 letters, inside a valid syllable (bytes 0x80-0x9F
// of TCVN3, VISCII and VPS are read as letters only in such words).
TEST(LegacyEncodingTest, AllLettersRoundTrip) {
  for (Encoding e : AllEncodings()) {
    for (char32_t c : VietnameseDiacriticLetters()) {
      // A following word keeps VIQR from reading a final '.' or '?' as
      // punctuation.
      const std::string word = SyllableWith(c) + " x";
      ASSERT_GT(word.size(), 2u) << Utf8(c);
      auto encoded = Encode(word, e);
      if (e == Encoding::kVps && c == U'Ỗ') {
        EXPECT_FALSE(encoded.has_value()) << "VPS has no code for Ỗ";
        continue;
      }
      ASSERT_TRUE(encoded.has_value()) << EncodingName(e) << " " << Utf8(c);
      auto decoded = Decode(*encoded, e);
      ASSERT_TRUE(decoded.has_value());
      EXPECT_EQ(*decoded, word) << EncodingName(e) << " " << Hex(*encoded);
    }
  }
}

TEST(LegacyEncodingTest, UnrepresentableCharactersAreErrors) {
  EXPECT_FALSE(Encode("a\u00A0b", Encoding::kViscii).has_value());
  size_t n = 0;
  EXPECT_EQ(EncodeLossy("a\u00A0b", Encoding::kViscii, &n), "a b");
  EXPECT_EQ(n, 1u);
  EXPECT_FALSE(Encode("\xFF", Encoding::kTcvn3).has_value());
}

TEST(LegacyEncodingTest, PunctuationBytesStayPunctuationOutsideWords) {
  // 0x96 is Ọ in TCVN3 (VN1) but the en dash in Windows-1252.
  EXPECT_EQ(*Decode("2024 \x96 2025", Encoding::kTcvn3), "2024 – 2025");
  EXPECT_EQ(*Encode("2024 – 2025", Encoding::kTcvn3), "2024 \x96 2025");
  // Inside a capitalised word it is the letter: "HỌC" = H 96 C.
  EXPECT_EQ(*Decode("H\x96" "C", Encoding::kTcvn3), "HỌC");
  // Quotes next to a word.
  EXPECT_EQ(*Decode("\x93" "K\xD5 ho\xB9" "ch\x94", Encoding::kTcvn3),
            "“Kế hoạch”");
}

TEST(LegacyEncodingTest, ViewedTextDecodes) {
  EXPECT_EQ(DecodeViewedText("KÕ ho¹ch c¶i tiÕn", Encoding::kTcvn3),
            "Kế hoạch cải tiến");
  EXPECT_EQ(DecodeViewedText("Keá hoaïch", Encoding::kVni), "Kế hoạch");
  EXPECT_EQ(BytesAsCp1252("\x80\x81"), "€\u0081");
  EXPECT_EQ(Cp1252ByteOf(U'€'), 0x80);
  EXPECT_EQ(Cp1252ByteOf(U'ư'), -1);
}

TEST(LegacyEncodingTest, NamesParse) {
  for (Encoding e : AllEncodings()) {
    EXPECT_EQ(ParseEncodingName(EncodingName(e)), e);
  }
  EXPECT_EQ(ParseEncodingName("TCVN"), Encoding::kTcvn3);
  EXPECT_FALSE(ParseEncodingName("klingon").has_value());
}

// --- Cross-check against glibc iconv where it has the encoding ------------

struct IconvCloser {
  iconv_t cd;
  ~IconvCloser() {
    if (cd != reinterpret_cast<iconv_t>(-1)) iconv_close(cd);
  }
};

// Converts with iconv(3); nullopt if the conversion is unsupported or fails.
std::optional<std::string> Iconv(const char* to, const char* from,
                                 std::string_view in) {
  IconvCloser c{iconv_open(to, from)};
  if (c.cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string input(in);
  std::string out(in.size() * 4 + 16, '\0');
  char* inp = input.data();
  size_t inleft = input.size();
  char* outp = out.data();
  size_t outleft = out.size();
  if (iconv(c.cd, &inp, &inleft, &outp, &outleft) == static_cast<size_t>(-1)) {
    return std::nullopt;
  }
  if (iconv(c.cd, nullptr, nullptr, &outp, &outleft) == static_cast<size_t>(-1)) {
    return std::nullopt;
  }
  out.resize(out.size() - outleft);
  return out;
}

void CrossCheck(const char* iconv_name, Encoding e) {
  if (!Iconv("UTF-8", iconv_name, "a")) {
    GTEST_SKIP() << "iconv has no " << iconv_name;
  }
  int checked = 0;
  for (char32_t c : VietnameseDiacriticLetters()) {
    const std::string letter = Utf8(c);
    auto theirs = Iconv(iconv_name, "UTF-8", letter);
    if (!theirs) continue;
    auto ours = Encode(letter, e);
    ASSERT_TRUE(ours.has_value()) << letter;
    EXPECT_EQ(Hex(*ours), Hex(*theirs)) << iconv_name << " " << letter;
    ++checked;
  }
  EXPECT_EQ(checked, 134);
  // Decoding: every byte 0xA0-0xFF that iconv maps to one letter.
  for (int b = 0xA0; b <= 0xFF; ++b) {
    const std::string byte(1, static_cast<char>(b));
    auto theirs = Iconv("UTF-8", iconv_name, "x" + byte + "x");
    if (!theirs) continue;
    auto ours = Decode("x" + byte + "x", e);
    ASSERT_TRUE(ours.has_value());
    EXPECT_EQ(*ours, ToNfc(*theirs)) << iconv_name << " byte " << b;
  }
}

TEST(LegacyEncodingTest, VisciiMatchesIconv) { CrossCheck("VISCII", Encoding::kViscii); }
TEST(LegacyEncodingTest, Cp1258MatchesIconv) { CrossCheck("CP1258", Encoding::kCp1258); }
TEST(LegacyEncodingTest, TcvnMatchesIconv) { CrossCheck("TCVN5712-1", Encoding::kTcvn3); }

}  // namespace
}  // namespace vnplan::text
