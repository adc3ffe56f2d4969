// vnplan-lm-train on small corpora: --name-cut keeps names after a
// name-introducing word ("chùa Linh Ứng") out of the lower-case n-grams
// ("chùa linh") and leaves capitalised words after other words alone.
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "lm/ngram_model.h"
#include "testing/temp_dir.h"

namespace vnplan::lm {
namespace {

std::string Repeat(const std::string& line, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += line + "\n";
  return out;
}

class LmTrainTest : public testing::TempDirTest {
 protected:
  LmTrainTest() : TempDirTest("lm_train") {}

  // Trains an order-3 model on `corpus` with `flags`; empty on failure.
  std::optional<NgramModel> Train(const std::string& corpus, const std::string& flags,
                                  const std::string& name) {
    const auto in = Write(name + ".txt", corpus);
    const auto out = dir_ / (name + ".lm");
    const std::string cmd = std::string(VNPLAN_BINARY_DIR) +
                            "/tools/lm/vnplan-lm-train --order 3 --prune 1,1 "
                            "--min-unigram 1 --input '" +
                            in.string() + ":1' --out '" + out.string() + "' " + flags +
                            " 2>/dev/null";
    if (std::system(cmd.c_str()) != 0) return std::nullopt;
    auto m = NgramModel::Load(out.string());
    if (!m) return std::nullopt;
    return std::move(*m);
  }
};

// log10 p(words.back() | the words before it, from the sentence start).
float LastWordLogProb(const NgramModel& m, const std::vector<std::string>& words) {
  State s = m.BeginSentenceState(), out;
  float lp = 0;
  for (const auto& w : words) {
    EXPECT_TRUE(m.Contains(w)) << w;
    lp = m.Score(s, m.Index(w), &out);
    s = out;
  }
  return lp;
}

// Lines no held-out hash drops (lm::IsHeldOutLine keeps 99 %) are repeated,
// so a few held-out copies do not matter.
const std::string kTemple = Repeat("họ đi lễ chùa Linh Ứng hôm qua", 8) +
                            Repeat("họ đi lễ chùa Linh Quy hôm nay", 8) +
                            Repeat("họ đi lễ ngôi chùa linh thiêng hôm qua", 2) +
                            Repeat("tư duy của học sinh còn linh hoạt hơn", 4) +
                            Repeat("họ đi lễ chùa hôm qua", 4);

TEST_F(LmTrainTest, NameCutKeepsNamesAfterAnIntroducerOutOfLowerCaseNgrams) {
  auto plain = Train(kTemple, "", "plain");
  auto cut = Train(kTemple, "--name-cut 2 --name-cut-share 0.5", "cut");
  ASSERT_TRUE(plain.has_value());
  ASSERT_TRUE(cut.has_value());
  EXPECT_FALSE(plain->Contains(kNameWord));
  EXPECT_TRUE(cut->Contains(kNameWord));
  // "chùa" is followed by a title-case word in 16 of 22 uses: the names
  // no longer count as "chùa linh".
  const std::vector<std::string> temple = {"họ", "đi", "lễ", "chùa", "linh"};
  EXPECT_LT(LastWordLogProb(*cut, temple), LastWordLogProb(*plain, temple) - 0.5);
  // The name's own n-grams stay: "ứng" is still likely after "linh".
  const std::vector<std::string> name = {"linh", "ứng"};
  EXPECT_GT(LastWordLogProb(*cut, name), -1.0f);
}

// "của" is mostly followed by lower-case words: no introducer, so "của
// Phòng" still counts as "của phòng".
TEST_F(LmTrainTest, NameCutLeavesCapitalisedWordsAfterOtherWords) {
  const std::string corpus = kTemple + Repeat("văn bản của Phòng Giáo dục đã ban hành", 6) +
                             Repeat("văn bản của trường đã ban hành", 10);
  auto plain = Train(corpus, "", "plain");
  auto cut = Train(corpus, "--name-cut 2 --name-cut-share 0.5", "cut");
  ASSERT_TRUE(plain.has_value());
  ASSERT_TRUE(cut.has_value());
  const std::vector<std::string> office = {"văn", "bản", "của", "phòng"};
  EXPECT_NEAR(LastWordLogProb(*cut, office), LastWordLogProb(*plain, office), 0.05);
}

// With --name-cut-title-share, only syllables mostly written in title case
// inside a sentence are names: "ông Ban" (ban is mostly "ban hành") stays.
TEST_F(LmTrainTest, NameCutTitleShareSparesMostlyLowerCaseSyllables) {
  const std::string corpus = Repeat("hôm qua ông Nguyễn An đã đến", 10) +
                             Repeat("hôm qua ông Ban đã đến", 4) +
                             Repeat("văn bản đã ban hành hôm qua", 10) +
                             Repeat("hôm qua ông đã đến", 2);
  auto any = Train(corpus, "--name-cut 2 --name-cut-share 0.5", "any");
  auto names = Train(corpus, "--name-cut 2 --name-cut-share 0.5 --name-cut-title-share 0.5",
                     "names");
  auto plain = Train(corpus, "", "plain");
  ASSERT_TRUE(any.has_value());
  ASSERT_TRUE(names.has_value());
  ASSERT_TRUE(plain.has_value());
  const std::vector<std::string> ban = {"hôm", "qua", "ông", "ban"};
  const std::vector<std::string> nguyen = {"hôm", "qua", "ông", "nguyễn"};
  EXPECT_LT(LastWordLogProb(*any, ban), LastWordLogProb(*plain, ban) - 0.5);
  EXPECT_GT(LastWordLogProb(*names, ban), LastWordLogProb(*any, ban) + 0.5);
  EXPECT_LT(LastWordLogProb(*names, nguyen), LastWordLogProb(*plain, nguyen) - 0.5);
}

}  // namespace
}  // namespace vnplan::lm
