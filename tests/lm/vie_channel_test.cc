// Tests of the vie-OCR diacritic channel (lm/vie_channel.h) and of its use
// in the restorer's light pass (RestoreMode::kOcrVie, RestorePage). The
// restorer tests use the committed models (models/lm/vi.lm,
// vie_channel.tsv) and are skipped when they are absent.
#include "lm/vie_channel.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "lm/restorer.h"

namespace vnplan::lm {
namespace {

const std::string kData = std::string(VNPLAN_TEST_DATA) + "/lm/";
const std::string kModels = VNPLAN_MODELS_DIR;

TEST(VieChannelTest, ParsesFile) {
  auto ch = VieChannel::Load(kData + "vie_channel.tsv");
  ASSERT_TRUE(ch.has_value()) << ch.error().message;
  EXPECT_FLOAT_EQ(ch->ToneLogProb(3, 2), -2.0f);  // hook read as acute
  EXPECT_FLOAT_EQ(ch->MarkLogProb(1, 0), -2.4f);  // circumflex lost
  EXPECT_FLOAT_EQ(ch->DLogProb(1, 0), -2.0f);     // đ read as d
  EXPECT_FLOAT_EQ(ch->ToneLogProb(0, 5), -6.0f);  // unlisted: floor
  // "tố" observed, "tổ" intended: tone hook->acute (-2) + ô kept (-0.001).
  EXPECT_NEAR(ch->LogProb("tố", "tổ"), -2.001f, 1e-4);
  EXPECT_NEAR(ch->LogProb("Tố", "tổ"), -2.001f, 1e-4);  // case-insensitive
  EXPECT_TRUE(std::isinf(ch->LogProb("tố", "tá")));    // other skeleton
  EXPECT_TRUE(std::isinf(ch->LogProb("xyzw", "xyzw")));  // not a syllable
}

TEST(VieChannelTest, RejectsMalformedAndMissingFiles) {
  EXPECT_FALSE(VieChannel::Load(kData + "vie_channel_bad.tsv").has_value());
  EXPECT_FALSE(VieChannel::Load(kData + "vie_channel_bad2.tsv").has_value());
  auto missing = VieChannel::Load(kData + "no_such_file.tsv");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kModelMissing);
}

TEST(VieChannelTest, CountsFeatureEvents) {
  VieChannel::Counts c;
  EXPECT_TRUE(VieChannel::Count("tổ", "tố", &c));
  EXPECT_TRUE(VieChannel::Count("để", "đế", &c));
  EXPECT_TRUE(VieChannel::Count("dột", "đột", &c));
  EXPECT_TRUE(VieChannel::Count("nâng", "nâng", &c));
  EXPECT_FALSE(VieChannel::Count("tổ", "tá", &c));     // skeletons differ
  EXPECT_FALSE(VieChannel::Count("tổ", "tổng1", &c));  // not a syllable
  EXPECT_EQ(c.pairs, 4);
  EXPECT_EQ(c.identical, 1);
  EXPECT_EQ(c.tone[3][2], 2);  // tổ->tố, để->đế
  EXPECT_EQ(c.tone[5][5], 1);  // dột->đột keeps the dot tone
  EXPECT_EQ(c.tone[0][0], 1);  // nâng
  EXPECT_EQ(c.mark[1][1], 4);  // ô, ê, ô, â kept
  EXPECT_EQ(c.d[1][1], 1);     // đ of để
  EXPECT_EQ(c.d[0][1], 1);     // d of dột read as đ
}

TEST(VieChannelTest, SmoothedChannelPrefersIdentity) {
  VieChannel::Counts c;
  for (int i = 0; i < 50; ++i) VieChannel::Count("tổ", "tổ", &c);
  VieChannel::Count("tổ", "tố", &c);
  const VieChannel ch = VieChannel::FromCounts(c, 0.5);
  EXPECT_GT(ch.LogProb("tổ", "tổ"), ch.LogProb("tố", "tổ"));
  // Add-k: unseen events are possible, rarer than seen confusions.
  EXPECT_TRUE(std::isfinite(ch.LogProb("tỗ", "tổ")));
  EXPECT_LT(ch.LogProb("tỗ", "tổ"), ch.LogProb("tố", "tổ"));
}

TEST(VieChannelTest, CommittedChannelPrefersIdentity) {
  auto ch = VieChannel::Load(kModels + "/" + kVieChannelFile);
  if (!ch) GTEST_SKIP() << "models/lm/vie_channel.tsv not available";
  for (int t = 0; t < 6; ++t) {
    for (int o = 0; o < 6; ++o) {
      if (o != t) {
        EXPECT_GT(ch->ToneLogProb(t, t), ch->ToneLogProb(t, o));
      }
    }
  }
  for (int m = 0; m < 4; ++m) {
    if (m == 2) continue;  // breve occurs on 'a' only, checked below
    EXPECT_GT(ch->MarkLogProb(m, m), -0.05f);
  }
  EXPECT_GT(ch->LogProb("tổ", "tổ"), ch->LogProb("tổ", "tố"));
  EXPECT_GT(ch->LogProb("để", "để"), ch->LogProb("để", "đế"));
  EXPECT_GT(ch->LogProb("hai", "hai"), ch->LogProb("hai", "hải"));
}

const Restorer* WithChannel() {
  static const Restorer* r = [] {
    auto loaded = Restorer::Load(kModels);
    return loaded && loaded->has_vie_channel() ? new Restorer(std::move(*loaded))
                                               : nullptr;
  }();
  return r;
}

// The light pass over Tesseract `vie` output, with every other option at
// its default.
RestoreOptions VieOptions() {
  RestoreOptions opt;
  opt.mode = RestoreMode::kOcrVie;
  return opt;
}

#define REQUIRE_CHANNEL()                \
  const Restorer* r = WithChannel();     \
  if (r == nullptr) GTEST_SKIP() << "models/lm/{vi.lm,vie_channel.tsv} not available"

TEST(VieRestoreTest, FixesPlantedHookAcuteError) {
  REQUIRE_CHANNEL();
  RestoreOptions opt = VieOptions();
  EXPECT_EQ(r->Restore("Tố chức thực hiện kế hoạch", opt).text,
            "Tổ chức thực hiện kế hoạch");
  EXPECT_EQ(r->Restore("Bố sung kinh phí cho nhà trường", opt).text,
            "Bổ sung kinh phí cho nhà trường");
}

TEST(VieRestoreTest, KeepsCorrectTextNamesAndCodes) {
  REQUIRE_CHANNEL();
  RestoreOptions opt = VieOptions();
  for (const char* good : {
           "Hiệu trưởng Nguyễn Thị Bế chỉ đạo tổ chuyên môn.",
           "Trường Tiểu học Hoà Bình tổ chức hội nghị năm học 2024-2025.",
           "Phòng GDĐT huyện Lạc Sơn, mã số TH-02, email abc@xyz.vn",
           "Tham dự giải Premier League tại Madrid.",
       }) {
    EXPECT_EQ(r->Restore(good, opt).text, good);
  }
}

TEST(VieRestoreTest, LowersCaseGarbleOfValidSyllables) {
  REQUIRE_CHANNEL();
  RestoreOptions opt = VieOptions();
  // Capital and small Ư, Ơ, Ô, C look alike on poor scans.
  EXPECT_EQ(r->Restore("Theo dự toán đƯỢC duyệt", opt).text, "Theo dự toán được duyệt");
  EXPECT_EQ(r->Restore("Ngân sách nhà nƯỚC", opt).text, "Ngân sách nhà nước");
  // Not a syllable, or starting with a capital: a code or a name, kept.
  for (const char* kept : {"Mua iPhone cho nhà trường", "Tham dự giải ĐưỢc"}) {
    EXPECT_EQ(r->Restore(kept, opt).text, kept);
  }
}

TEST(VieRestoreTest, LowersSizeOnlyCapitalsOfWordsNeverTitleCaseInASentence) {
  REQUIRE_CHANNEL();
  if (!r->has_case_prior()) GTEST_SKIP() << "models/lm/case_prior.tsv not available";
  RestoreOptions opt = VieOptions();
  // C, O, S, U, V, X differ from c, o, s, u, v, x only in size.
  EXPECT_EQ(r->Restore("Huy động sự hỗ trợ Của Các tổ Chức, cá nhân", opt).text,
            "Huy động sự hỗ trợ của các tổ chức, cá nhân");
  // Names and words often title case inside a sentence stay ("Công" 15 %,
  // "Viện" 39 %); so do other capitals ("Bị" is not only a size change).
  for (const char* kept : {"Chủ tịch Công đoàn, Bí thư Chi đoàn",
                           "Ý kiến của Viện Khoa học giáo dục", "Nhà trường Bị thiếu",
                           "Căn cứ Luật Xử lý vi phạm hành chính"}) {
    EXPECT_EQ(r->Restore(kept, opt).text, kept);
  }
}

TEST(VieRestoreTest, TitleCaseWordsInASentenceChangeOnlyWhenLmAndCasePriorAgree) {
  REQUIRE_CHANNEL();
  if (!r->has_case_prior()) GTEST_SKIP() << "models/lm/case_prior.tsv not available";
  RestoreOptions opt = VieOptions();
  // An institution's name with marks dropped or confused on a poor scan.
  const char* garbled = "Sự chỉ đạo của Phong Giao dục và Đạo tạo";
  EXPECT_EQ(r->Restore(garbled, opt).text, "Sự chỉ đạo của Phòng Giáo dục và Đào tạo");
  EXPECT_EQ(r->Restore("Chủ tịch Công đoàn, Bị thư Chi đoàn", opt).text,
            "Chủ tịch Công đoàn, Bí thư Chi đoàn");
  // Names stay, in any position of the name.
  for (const char* kept : {"Ông Nguyễn Văn Nam và bà Lê Thị Hà đến Hà Nội",
                           "Giáo viên Phong và Hùng phối hợp thực hiện",
                           "Trường Tiểu học Thanh Hưng, xã Phú Lương"}) {
    EXPECT_EQ(r->Restore(kept, opt).text, kept);
  }
  // Weight 0: title-case words inside a sentence are kept as written.
  opt.vie_title_weight = 0.0f;
  EXPECT_EQ(r->Restore(garbled, opt).text, garbled);
}

TEST(VieRestoreTest, ValidSyllablesTheLmDoesNotKnowYieldToKnownSiblings) {
  REQUIRE_CHANNEL();
  RestoreOptions opt = VieOptions();
  // "khỏng" and "nganh" spell syllables, but the LM has never seen them:
  // scored as <unk> they beat "không" and "ngành" at these positions.
  EXPECT_EQ(r->Restore("Nhà trường khỏng có kinh phí", opt).text,
            "Nhà trường không có kinh phí");
  EXPECT_EQ(r->Restore("Sự chỉ đạo của lãnh đạo nganh giáo dục", opt).text,
            "Sự chỉ đạo của lãnh đạo ngành giáo dục");
}

TEST(VieRestoreTest, ForeignVowelsAreMarkedVowelsToRestore) {
  REQUIRE_CHANNEL();
  RestoreOptions opt = VieOptions();
  // Poor scans: vie writes ồ, ổ, ố as ö (sometimes beside the right letter).
  EXPECT_EQ(r->Restore("Nguön xã hội hóa", opt).text, "Nguồn xã hội hóa");
  EXPECT_EQ(r->Restore("Nguồön xã hội hóa", opt).text, "Nguồn xã hội hóa");
  EXPECT_EQ(r->Restore("- Tö chức sinh hoạt chuyên môn", opt).text,
            "- Tổ chức sinh hoạt chuyên môn");
  // Other words of other alphabets are not Tesseract vie's: kept.
  for (const char* kept : {"Hợp tác với Goethe và Björn", "Hợp tác với ông Müller"}) {
    EXPECT_EQ(r->Restore(kept, opt).text, kept);
  }
}

TEST(VieRestoreTest, TextConfidenceWeakensTheChannelForPoorlyReadText) {
  REQUIRE_CHANNEL();
  RestoreOptions opt = VieOptions();
  // A heavy scan's cell: two valid syllables with the wrong marks.
  const char* cell = "Thường xuyên trong nằm hục";
  const std::string right = "Thường xuyên trong năm học";
  EXPECT_NE(r->Restore(cell, opt).text, right);  // "nằm" trusted as read
  opt.text_confidence = 60.0f;  // the cell's mean OCR confidence
  EXPECT_EQ(r->Restore(cell, opt).text, right);
}

TEST(VieRestoreTest, RestorePageUsesChannel) {
  REQUIRE_CHANNEL();
  Page page;
  Line line;
  for (const char* w : {"Tố", "chức", "thực", "hiện", "kế", "hoạch."}) {
    Word word;
    word.text = w;
    word.confidence = 90;
    line.words.push_back(word);
  }
  Block block;
  block.lines.push_back(line);
  page.blocks.push_back(block);
  EXPECT_EQ(r->RestorePage(&page, {}), 1);
  EXPECT_EQ(page.blocks[0].lines[0].words[0].text, "Tổ");
  EXPECT_EQ(page.blocks[0].lines[0].words[5].text, "hoạch.");
}

TEST(VieRestoreTest, RestorePageStillRestoresStrippedParagraphs) {
  REQUIRE_CHANNEL();
  // A page whose text has no diacritics at all is restored as stripped
  // text (kAuto), not held to its observed (absent) marks by the channel.
  Page page;
  Line line;
  for (const char* w : {"Ke", "hoach", "cai", "tien", "chat", "luong", "giao", "duc"}) {
    Word word;
    word.text = w;
    word.confidence = 90;
    line.words.push_back(word);
  }
  Block block;
  block.lines.push_back(line);
  page.blocks.push_back(block);
  EXPECT_GE(r->RestorePage(&page, {}), 6);
  EXPECT_EQ(page.blocks[0].lines[0].words[0].text, "Kế");
  EXPECT_EQ(page.blocks[0].lines[0].words[1].text, "hoạch");
}

TEST(VieRestoreTest, WithoutChannelFileOldBehaviour) {
  const std::string lm = kModels + "/" + kLmFile;
  if (!std::filesystem::exists(lm)) GTEST_SKIP() << "models/lm/vi.lm not available";
  auto plain = Restorer::LoadFiles(lm, "");
  ASSERT_TRUE(plain.has_value());
  EXPECT_FALSE(plain->has_vie_channel());
  RestoreOptions vie;
  vie.mode = RestoreMode::kOcrVie;
  RestoreOptions old;
  old.mode = RestoreMode::kOcr;
  old.only_low_confidence = true;
  for (const char* s : {"Tố chức thực hiện kế hoạch",
                        "Nhà trường xác định đươc chất lượng giáo dục."}) {
    EXPECT_EQ(plain->Restore(s, vie).text, plain->Restore(s, old).text) << s;
  }
  // The channel switched off by option: same as without the file.
  if (const Restorer* r = WithChannel()) {
    vie.vie_channel = false;
    EXPECT_EQ(r->Restore("Tố chức thực hiện kế hoạch", vie).text,
              plain->Restore("Tố chức thực hiện kế hoạch", old).text);
  }
}

}  // namespace
}  // namespace vnplan::lm
