#include "text/vietnamese.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "common/utf8.h"

namespace vnplan::text {
namespace {

TEST(LetterTest, The134LettersDecomposeAndRecompose) {
  const std::u32string& letters = VietnameseDiacriticLetters();
  ASSERT_EQ(letters.size(), 134u);
  for (char32_t c : letters) {
    Letter l;
    ASSERT_TRUE(DecomposeLetter(c, &l)) << static_cast<uint32_t>(c);
    EXPECT_EQ(ComposeLetter(l), c);
  }
  Letter l;
  ASSERT_TRUE(DecomposeLetter(U'Ự', &l));
  EXPECT_EQ(l.base, U'u');
  EXPECT_EQ(l.mark, Mark::kHorn);
  EXPECT_EQ(l.tone, Tone::kDot);
  EXPECT_TRUE(l.upper);
  EXPECT_FALSE(DecomposeLetter(U'ñ', &l));
  EXPECT_EQ(ComposeLetter(Letter{'o', Mark::kBreve, Tone::kLevel, false}), 0u);
}

TEST(StripTest, StripsTonesMarksAndStroke) {
  EXPECT_EQ(StripDiacritics("Kế hoạch cải tiến chất lượng giáo dục"),
            "Ke hoach cai tien chat luong giao duc");
  EXPECT_EQ(StripDiacritics("ĐƯỢC đó, señor"), "DUOC do, señor");
  EXPECT_EQ(Skeleton("Được"), "duoc");
  // NFD input: combining marks are dropped too.
  EXPECT_EQ(Skeleton("to\u0061\u0301n"), "toan");
}

TEST(ToneTest, ApplyToneFollowsBothStyles) {
  EXPECT_EQ(ApplyTone("hoa", Tone::kGrave, ToneStyle::kOld), "hòa");
  EXPECT_EQ(ApplyTone("hoa", Tone::kGrave, ToneStyle::kNew), "hoà");
  EXPECT_EQ(ApplyTone("thuy", Tone::kAcute, ToneStyle::kOld), "thúy");
  EXPECT_EQ(ApplyTone("thuy", Tone::kAcute, ToneStyle::kNew), "thuý");
  EXPECT_EQ(ApplyTone("khoe", Tone::kHook, ToneStyle::kNew), "khoẻ");
  // Closed syllables and marked vowels do not depend on the style.
  EXPECT_EQ(ApplyTone("hoan", Tone::kGrave, ToneStyle::kOld), "hoàn");
  EXPECT_EQ(ApplyTone("nguyên", Tone::kTilde, ToneStyle::kOld), "nguyễn");
  EXPECT_EQ(ApplyTone("người", Tone::kGrave, ToneStyle::kNew), "người");
  EXPECT_EQ(ApplyTone("nguoi", Tone::kGrave, ToneStyle::kNew), "nguòi");
  EXPECT_EQ(ApplyTone("ươu", Tone::kDot, ToneStyle::kNew), "ượu");
  // qu- and gi- onsets.
  EXPECT_EQ(ApplyTone("quy", Tone::kAcute, ToneStyle::kOld), "quý");
  EXPECT_EQ(ApplyTone("qua", Tone::kAcute, ToneStyle::kOld), "quá");
  EXPECT_EQ(ApplyTone("gia", Tone::kGrave, ToneStyle::kOld), "già");
  EXPECT_EQ(ApplyTone("gi", Tone::kGrave, ToneStyle::kOld), "gì");
  EXPECT_EQ(ApplyTone("giưa", Tone::kTilde, ToneStyle::kOld), "giữa");
  EXPECT_EQ(ApplyTone("hoai", Tone::kGrave, ToneStyle::kOld), "hoài");
  EXPECT_EQ(ApplyTone("mua", Tone::kAcute, ToneStyle::kNew), "múa");
  EXPECT_EQ(ApplyTone("Hoa", Tone::kAcute, ToneStyle::kNew), "Hoá");
  EXPECT_EQ(ApplyTone("bc", Tone::kAcute, ToneStyle::kNew), "");
}

TEST(ToneTest, NormalizeTonePlacementRewritesOnlySyllables) {
  EXPECT_EQ(NormalizeTonePlacement("Hòa bình, thúy và khỏe; HÒA", ToneStyle::kNew),
            "Hoà bình, thuý và khoẻ; HOÀ");
  EXPECT_EQ(NormalizeTonePlacement("Hoà bình, thuý và khoẻ", ToneStyle::kOld),
            "Hòa bình, thúy và khỏe");
  EXPECT_EQ(NormalizeTonePlacement("café señor hóa2023", ToneStyle::kNew), "café señor hoá2023");
}

TEST(SyllableTest, AcceptsRealSyllablesInAnyCaseAndStyle) {
  for (const char* s : {"kế", "hoạch", "cải", "tiến", "chất", "lượng", "giáo", "dục",
                        "nghiêng", "khuỷu", "Quốc", "GIỮA", "hòa", "hoà", "thuý", "thúy",
                        "gì", "giếng", "yêu", "uyên", "oẳn", "Đinh", "được", "a", "ạ",
                        "quyết", "quỳnh", "quýt", "khuya", "nguyễn", "kỹ", "lý", "boong", "xoong", "gìn"}) {
    EXPECT_TRUE(IsValidSyllable(s)) << s;
  }
}

TEST(SyllableTest, RejectsNonSyllables) {
  for (const char* s : {"", "toań", "cac", "ke2", "hoạchh", "ngyên", "kà", "ca\u0301",
                        "señor", "café", "with", "and", "strength", "muá", "gido", "dugc",
                        "lwong", "c6", "cóó"}) {
    EXPECT_FALSE(IsValidSyllable(s)) << s;
  }
}

TEST(SyllableTest, EnumerationIsConsistentWithValidator) {
  const auto& all = AllValidSyllables();
  EXPECT_GT(all.size(), 10000u);
  EXPECT_LT(all.size(), 30000u);
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end()));
  for (const std::string& s : all) ASSERT_TRUE(IsValidSyllable(s)) << s;
  for (const char* s : {"được", "hoà", "nghiêng", "quốc"}) {
    EXPECT_TRUE(std::binary_search(all.begin(), all.end(), std::string(s))) << s;
  }
}

// The list check: nearly every lower-case word of the clean seed plans must
// be a valid syllable (the exceptions are abbreviations and foreign words).
TEST(SyllableTest, CoversTheWordsOfTheCleanSeeds) {
  const std::string path = std::string(VNPLAN_SHARED_DIR) + "/seeds/000_e221b3b67c37125c.txt";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "seed not available: " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  const std::u32string text = Utf8ToU32(ss.str());
  int words = 0, valid = 0;
  std::u32string word;
  std::vector<std::string> misses;
  auto flush = [&] {
    if (word.size() >= 1) {
      const std::string w = ToLower(U32ToUtf8(word));
      // Skip all-caps abbreviations (GDĐT, THCS) and single ASCII letters.
      const bool abbreviation = word.size() > 1 &&
          std::all_of(word.begin(), word.end(), [](char32_t c) { Letter l; return DecomposeLetter(c, &l) && l.upper; });
      if (!abbreviation) {
        ++words;
        if (IsValidSyllable(w)) ++valid; else misses.push_back(w);
      }
    }
    word.clear();
  };
  for (char32_t c : text) {
    if (IsVietnameseLetter(c)) word.push_back(c); else flush();
  }
  flush();
  ASSERT_GT(words, 500);
  std::string sample;
  for (size_t i = 0; i < misses.size() && i < 20; ++i) sample += misses[i] + " ";
  EXPECT_GE(static_cast<double>(valid) / words, 0.995) << "misses: " << sample;
}

}  // namespace
}  // namespace vnplan::text
