#include "text/encoding_repair.h"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/utf8.h"
#include "text/mark_repair.h"
#include "text/vietnamese.h"

namespace vnplan::text {
namespace {

std::string ReadSeed(const std::string& prefix) {
  const std::filesystem::path dir = std::filesystem::path(VNPLAN_SHARED_DIR) / "seeds";
  if (!std::filesystem::exists(dir)) return "";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().filename().string().rfind(prefix + "_", 0) == 0) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      return ss.str();
    }
  }
  return "";
}

std::string Nfd(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  std::string out;
  n->normalize(u, status).toUTF8String(out);
  return out;
}

// Replaces every occurrence of `from` in `s`.
std::string ReplaceAll(std::string s, std::string_view from, std::string_view to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) {
    s.replace(p, from.size(), to);
  }
  return s;
}

// The first line that differs, for readable failures.
std::string FirstDiff(const std::string& a, const std::string& b) {
  std::istringstream sa(a), sb(b);
  std::string la, lb;
  int n = 1;
  while (true) {
    const bool ga = static_cast<bool>(std::getline(sa, la));
    const bool gb = static_cast<bool>(std::getline(sb, lb));
    if (!ga && !gb) return "(no line differs)";
    if (la != lb || ga != gb) {
      return "line " + std::to_string(n) + ":\n  got:  " + la + "\n  want: " + lb;
    }
    ++n;
  }
}

class SeedRoundTrip
    : public ::testing::TestWithParam<std::tuple<std::string, Encoding>> {};

// Encode -> Repair(auto) gives the NFC original byte for byte; so does the
// same text seen through Windows-1252 (what a Western viewer shows).
TEST_P(SeedRoundTrip, AutoDetectRestoresSeed) {
  const auto& [seed, encoding] = GetParam();
  const std::string raw = ReadSeed(seed);
  if (raw.empty()) GTEST_SKIP() << "no seeds under " << VNPLAN_SHARED_DIR;
  std::string want = ToNfc(raw);
  std::string encoded;
  if (encoding == Encoding::kViscii) {
    want = ReplaceAll(want, "\u00A0", " ");  // VISCII has no NBSP
  }
  auto e = Encode(want, encoding);
  ASSERT_TRUE(e.has_value()) << e.error().message;
  encoded = *e;
  const RepairResult r = Repair(encoded);
  EXPECT_TRUE(r.text == want) << FirstDiff(r.text, want);
  EXPECT_EQ(r.majority, encoding);
  EXPECT_TRUE(r.any_vietnamese);

  const bool byte_encoding = encoding != Encoding::kViqr &&
                             encoding != Encoding::kMojibake &&
                             encoding != Encoding::kMojibake2;
  if (byte_encoding) {
    const RepairResult v = Repair(BytesAsCp1252(encoded));
    EXPECT_TRUE(v.text == want) << "viewed: " << FirstDiff(v.text, want);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Seeds, SeedRoundTrip,
    ::testing::Combine(::testing::Values("000", "002", "004"),
                       ::testing::Values(Encoding::kTcvn3, Encoding::kVni,
                                         Encoding::kViscii, Encoding::kVps,
                                         Encoding::kViqr, Encoding::kCp1258,
                                         Encoding::kMojibake, Encoding::kMojibake2)),
    [](const auto& info) {
      return std::get<0>(info.param) + "_" + EncodingName(std::get<1>(info.param));
    });

TEST(RepairTest, CleanUnicodeSeedIsUntouched) {
  const std::string raw = ReadSeed("000");
  if (raw.empty()) GTEST_SKIP();
  const RepairResult r = Repair(raw);
  EXPECT_EQ(r.text, raw);
  EXPECT_FALSE(r.changed);
  EXPECT_EQ(r.majority, Encoding::kUtf8);
  EXPECT_TRUE(r.any_vietnamese);
}

TEST(RepairTest, NfdSeedBecomesNfc) {
  const std::string raw = ReadSeed("002");
  if (raw.empty()) GTEST_SKIP();
  const RepairResult r = Repair(Nfd(raw));
  EXPECT_TRUE(r.text == ToNfc(raw)) << FirstDiff(r.text, ToNfc(raw));
}

// --- Negatives: left untouched and reported ----------------------------------

void ExpectUntouched(const std::string& input) {
  const RepairResult r = Repair(input);
  EXPECT_EQ(r.text, input);
  EXPECT_FALSE(r.changed);
  EXPECT_FALSE(r.any_vietnamese);
}

TEST(RepairTest, EmptyInput) {
  const RepairResult r = Repair("");
  EXPECT_EQ(r.text, "");
  EXPECT_TRUE(r.blocks.empty());
  EXPECT_FALSE(r.any_vietnamese);
}

TEST(RepairTest, BinaryIsUntouched) {
  std::string bin;
  for (int i = 0; i < 512; ++i) bin.push_back(static_cast<char>((i * 37) & 0xFF));
  const RepairResult r = Repair(bin);
  EXPECT_EQ(r.text, bin);
  EXPECT_TRUE(r.binary);
  EXPECT_FALSE(r.any_vietnamese);
  ASSERT_EQ(r.blocks.size(), 1u);
  EXPECT_EQ(r.blocks[0].status, BlockStatus::kNotVietnamese);
}

TEST(RepairTest, LatinTextIsUntouched) {
  ExpectUntouched(
      "The school improvement plan describes goals, staff, budget and the "
      "schedule for the coming academic year.\n");
  ExpectUntouched("Buenos días, señor. ¿Cómo está usted? Mañana será otro día.\n");
  ExpectUntouched("Un café crème, s'il vous plaît. C'était naïve et déjà vu.\n");
  ExpectUntouched("Größe, Übermaß und Äpfel: schön.\n");
}

TEST(RepairTest, LatinBytesInCp1252AreUntouched) {
  // "señor café" in Windows-1252 bytes (not UTF-8).
  ExpectUntouched("Buenos d\xED" "as se\xF1" "or, un caf\xE9 cr\xE8" "me por favor.\n");
}

TEST(RepairTest, NotVietnameseIsReportedPerBlock) {
  const RepairResult r = Repair("Hello world, this is English text here.\n");
  ASSERT_FALSE(r.blocks.empty());
  EXPECT_EQ(r.blocks[0].status, BlockStatus::kNotVietnamese);
  EXPECT_EQ(r.blocks[0].encoding, Encoding::kUtf8);
}

TEST(RepairTest, UnknownEncodingIsReported) {
  // Symbols inside words, but no table makes Vietnamese of it.
  const RepairResult r = Repair("Q¹x ©zw¶ Þ¼kk ¤rt§ ¬mm¹ vv©x\n");
  EXPECT_EQ(r.text, "Q¹x ©zw¶ Þ¼kk ¤rt§ ¬mm¹ vv©x\n");
  EXPECT_FALSE(r.any_vietnamese);
  EXPECT_TRUE(r.any_unknown_encoding);
  ASSERT_FALSE(r.blocks.empty());
  EXPECT_EQ(r.blocks[0].status, BlockStatus::kUnknownEncoding);
  // Plain French is not "unknown encoding".
  EXPECT_FALSE(Repair("Un café crème, s'il vous plaît.\n").any_unknown_encoding);
}

TEST(RepairTest, Utf16WithBomIsConverted) {
  const std::u16string u = u"Kế hoạch năm học\n";
  std::string le = "\xFF\xFE", be = "\xFE\xFF";
  for (char16_t c : u) {
    le.push_back(static_cast<char>(c & 0xFF));
    le.push_back(static_cast<char>(c >> 8));
    be.push_back(static_cast<char>(c >> 8));
    be.push_back(static_cast<char>(c & 0xFF));
  }
  for (const std::string& in : {le, be}) {
    const RepairResult r = Repair(in);
    EXPECT_EQ(r.text, "Kế hoạch năm học\n");
    EXPECT_TRUE(r.input_was_utf16);
    EXPECT_FALSE(r.binary);
  }
}

// --- Mojibake variants ----------------------------------------------------------

constexpr const char* kSentence =
    "Kế hoạch cải tiến chất lượng giáo dục của trường đề ra nhiều giải pháp "
    "để nâng cao hiệu quả, đạt được mục tiêu và thực hiện tốt nhiệm vụ.";

TEST(RepairTest, MojibakeWithLostC1Bytes) {
  const std::string moji = *Encode(kSentence, Encoding::kMojibake);
  // Lost bytes 0x81 0x8D 0x8F 0x90 0x9D show as C1 controls; drop them,
  // or turn them into '?' or U+FFFD.
  for (std::string_view repl : {"", "?", "\uFFFD"}) {
    std::string damaged = moji;
    for (const char* c1 : {"\u0081", "\u008D", "\u008F", "\u0090", "\u009D"}) {
      damaged = ReplaceAll(damaged, c1, repl);
    }
    ASSERT_NE(damaged, moji);
    const RepairResult r = Repair(damaged);
    EXPECT_EQ(r.text, kSentence) << "replacement '" << repl << "'";
  }
}

TEST(RepairTest, MojibakeWithNbspTurnedIntoSpace) {
  const std::string text = "Về việc làm và thực hiện các nhiệm vụ của nhà trường.";
  std::string moji = *Encode(text, Encoding::kMojibake);
  moji = ReplaceAll(moji, "\u00A0", " ");
  EXPECT_EQ(Repair(moji).text, text);
  // Collapsed whitespace as well ("Ã  " -> "Ã ").
  EXPECT_EQ(Repair(ReplaceAll(moji, "  ", " ")).text, text);
}

TEST(RepairTest, DoubleEncodedMojibake) {
  const std::string twice = *Encode(kSentence, Encoding::kMojibake2);
  const RepairResult r = Repair(twice);
  EXPECT_EQ(r.text, kSentence);
  EXPECT_EQ(r.majority, Encoding::kMojibake2);
}

// --- Marks, eth, aliases, tones ---------------------------------------------------

TEST(RepairTest, StrayCombiningMarkMovesToVowel) {
  EXPECT_EQ(RepairMarks("toan\u0301 ho\u0323c"), "toán học");
  EXPECT_EQ(RepairMarks("toań"), "toán");  // precomposed ń
  EXPECT_EQ(RepairMarks("señor naïve café"), "señor naïve café");
}

TEST(RepairTest, MisplacedMarkThroughRepair) {
  EXPECT_EQ(Repair("Ho\u0323c toan\u0301 va\u0300 ti\u00EA\u0301ng Vi\u00EA\u0323t\n").text,
            "Học toán và tiếng Việt\n");
}

TEST(RepairTest, UnicodeLineInLegacyDocumentStays) {
  // A Unicode paragraph pasted into a TCVN3 document is not re-decoded,
  // although its Latin-1 letters (à, á, ê) are TCVN3 codes too.
  const std::string legacy =
      BytesAsCp1252(*Encode("Kế hoạch cải tiến chất lượng giáo dục của nhà trường năm học này.",
                            Encoding::kTcvn3));
  const std::string unicode = "Báo cáo đánh giá ngoài và kế hoạch của trường.";
  const RepairResult r = Repair(legacy + "\n" + legacy + "\n" + unicode + "\n");
  EXPECT_EQ(r.majority, Encoding::kTcvn3);
  EXPECT_NE(r.text.find(unicode), std::string::npos) << r.text;
}

TEST(RepairTest, EthBecomesDStroke) {
  EXPECT_EQ(Repair("ÐẠI HỌC QUỐC GIA và Ðinh Bộ Lĩnh ðã\n").text,
            "ĐẠI HỌC QUỐC GIA và Đinh Bộ Lĩnh đã\n");
  EXPECT_EQ(RepairMarks("Ðóttir"), "Ðóttir");
}

TEST(RepairTest, PdfTextLayerAliasesOfTcvn3) {
  // "chất lượng trường" in TCVN3 seen through CP1252: ư is U+00AD.
  const std::string viewed = "chÊt l\u00ADîng tr\u00ADêng vµ ph\u00ADêng";
  const std::string want = "chất lượng trường và phường";
  EXPECT_EQ(DecodeViewedText(viewed, Encoding::kTcvn3), want);
  // Extractors turn the soft hyphen into a minus sign or a hyphen, and µ
  // into Greek mu.
  EXPECT_EQ(Repair(ReplaceAll(viewed, "\u00AD", "\u2212")).text, want);
  EXPECT_EQ(Repair(ReplaceAll(viewed, "\u00AD", "-")).text, want);
  EXPECT_EQ(Repair(ReplaceAll(ReplaceAll(viewed, "\u00AD", "-"), "µ", "μ")).text,
            want);
  // A real hyphen between words stays.
  EXPECT_EQ(DecodeViewedText("Kon-Tum", Encoding::kTcvn3), "Kon-Tum");
}

TEST(RepairTest, TonePlacementOption) {
  RepairOptions o;
  o.tones = TonePolicy::kNew;
  EXPECT_EQ(Repair("Hòa bình và sức khỏe của học sinh trong trường\n", o).text,
            "Hoà bình và sức khoẻ của học sinh trong trường\n");
  o.tones = TonePolicy::kOld;
  EXPECT_EQ(Repair("Hoà bình và sức khoẻ của học sinh trong trường\n", o).text,
            "Hòa bình và sức khỏe của học sinh trong trường\n");
}

TEST(RepairTest, Tcvn3UppercaseFont) {
  RepairOptions o;
  o.tcvn3_uppercase_font = true;
  const std::string bytes = *Encode("kế hoạch cải tiến chất lượng", Encoding::kTcvn3);
  EXPECT_EQ(Repair(bytes, o).text, "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG");
}

TEST(RepairTest, MixedDocumentRepairsOnlyTheLegacyParagraph) {
  const std::string unicode = "Trường Tiểu học Đinh Bộ Lĩnh xây dựng kế hoạch năm học.";
  const std::string legacy = "Kế hoạch cải tiến chất lượng giáo dục của nhà trường.";
  const std::string input =
      unicode + "\n\n" + BytesAsCp1252(*Encode(legacy, Encoding::kTcvn3)) + "\n";
  const RepairResult r = Repair(input);
  EXPECT_EQ(r.text, unicode + "\n\n" + legacy + "\n");
  ASSERT_GE(r.blocks.size(), 2u);
  EXPECT_EQ(r.blocks[0].encoding, Encoding::kUtf8);
  EXPECT_EQ(r.blocks.back().encoding, Encoding::kTcvn3);
}

TEST(RepairTest, ShortLinesFollowTheMajority) {
  // "Hà Nội" alone is ambiguous; with the document in VNI it is VNI.
  const std::string doc =
      "Haø Noäi\n\nKeá hoaïch caûi tieán chaát löôïng giaùo duïc cuûa nhaø tröôøng.\n";
  const RepairResult r = Repair(doc);
  EXPECT_EQ(r.text, "Hà Nội\n\nKế hoạch cải tiến chất lượng giáo dục của nhà trường.\n");
  ASSERT_FALSE(r.blocks.empty());
  EXPECT_EQ(r.blocks[0].encoding, Encoding::kVni);
}

TEST(RepairTest, PriorEncodingDecidesShortCells) {
  // A table cell alone ("Hà Nội" in VISCII) is too short to tell; the
  // page's majority tells.
  const std::string cell = BytesAsCp1252(*Encode("Hà Nội", Encoding::kViscii));
  RepairOptions o;
  o.prior = Encoding::kViscii;
  EXPECT_EQ(Repair(cell, o).text, "Hà Nội");
  // A prior does not override clean Unicode.
  EXPECT_EQ(Repair("Trường Tiểu học", o).text, "Trường Tiểu học");
}

TEST(RepairTest, ForcedEncoding) {
  RepairOptions o;
  o.from = Encoding::kVni;
  EXPECT_EQ(Repair("Keá hoaïch", o).text, "Kế hoạch");
}

TEST(RepairTest, ReportNamesTheEncoding) {
  const RepairResult r = Repair("KÕ ho¹ch c¶i tiÕn chÊt l\u00ADîng gi¸o dôc\n");
  const std::string report = FormatReport(r);
  EXPECT_NE(report.find("tcvn3"), std::string::npos) << report;
  EXPECT_NE(report.find("vietnamese"), std::string::npos) << report;
}

}  // namespace
}  // namespace vnplan::text
