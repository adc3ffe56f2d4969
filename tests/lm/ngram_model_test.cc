// Tests of the binary n-gram model: scores against log10 values computed
// by hand from tests/data/lm/tiny.arpa, ARPA -> binary -> same scores as an
// independent back-off reference, and rejection of malformed files.
#include "lm/ngram_model.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace vnplan::lm {
namespace {

const std::string kArpa = std::string(VNPLAN_TEST_DATA) + "/lm/tiny.arpa";

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("vnplan_lm_test_" + std::to_string(::getpid()) + "_" + name))
      .string();
}

NgramModel LoadTiny() {
  auto tables = ReadArpa(kArpa);
  EXPECT_TRUE(tables.has_value());
  const std::string bin = TempPath("tiny.bin");
  EXPECT_TRUE(WriteBinaryModel(*tables, bin).has_value());
  auto m = NgramModel::Load(bin);
  EXPECT_TRUE(m.has_value()) << m.error().message;
  std::filesystem::remove(bin);
  return std::move(*m);
}

// Scores `words` after <s>; returns the per-word log10 probabilities.
std::vector<float> ScoreSentence(const NgramModel& m,
                                 const std::vector<std::string>& words) {
  std::vector<float> out;
  State s = m.BeginSentenceState(), next;
  for (const auto& w : words) {
    out.push_back(m.Score(s, m.Index(w), &next));
    s = next;
  }
  return out;
}

TEST(NgramModelTest, HandComputedScores) {
  const NgramModel m = LoadTiny();
  EXPECT_EQ(m.order(), 3);
  EXPECT_EQ(m.vocab_size(), 6u);
  // <s> a b c a </s>:
  //   p(a|<s>)      = -0.3                      (bigram)
  //   p(b|<s> a)    = -0.15                     (trigram)
  //   p(c|a b)      = -0.05                     (trigram)
  //   p(a|b c)      = bo(b c)=0 + bo(c)=0 + p(a)=-0.6
  //   p(</s>|c a)   = bo(c a): absent, bo(a)=-0.3 + p(</s>)=-0.7 = -1.0
  const auto s = ScoreSentence(m, {"a", "b", "c", "a", "</s>"});
  ASSERT_EQ(s.size(), 5u);
  EXPECT_NEAR(s[0], -0.3, 1e-5);
  EXPECT_NEAR(s[1], -0.15, 1e-5);
  EXPECT_NEAR(s[2], -0.05, 1e-5);
  EXPECT_NEAR(s[3], -0.6, 1e-5);
  EXPECT_NEAR(s[4], -1.0, 1e-5);
  // <s> a c: p(c|<s> a) = bo(<s> a)=-0.1 + bo(a)=-0.3 + p(c)=-1.2 = -1.6
  EXPECT_NEAR(ScoreSentence(m, {"a", "c"})[1], -1.6, 1e-5);
  // a b </s> after <s>: p(</s>|a b) = bo(a b)=-0.25 + p(</s>|b)=-0.2
  EXPECT_NEAR(ScoreSentence(m, {"a", "b", "</s>"})[2], -0.45, 1e-5);
  // Unknown word: p(<unk>|<s>) = bo(<s>)=-0.5 + p(<unk>)=-1.0
  EXPECT_EQ(m.Index("zzz"), m.unk());
  EXPECT_NEAR(ScoreSentence(m, {"zzz"})[0], -1.5, 1e-5);
}

TEST(NgramModelTest, StateIsMinimal) {
  const NgramModel m = LoadTiny();
  State s = m.BeginSentenceState(), a, b;
  m.Score(s, m.Index("c"), &a);  // (<s> c) absent: state is just (c)
  EXPECT_EQ(a.length, 1);
  m.Score(State{}, m.Index("c"), &b);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.Hash(), b.Hash());
}

// Independent reference: ARPA back-off over string maps.
struct Reference {
  std::map<std::vector<std::string>, std::pair<float, float>> grams;
  float LogProb(std::vector<std::string> ctx, const std::string& w) const {
    float bo = 0;
    while (true) {
      auto full = ctx;
      full.push_back(w);
      if (auto it = grams.find(full); it != grams.end()) {
        return bo + it->second.first;
      }
      if (ctx.empty()) return bo + grams.at({"<unk>"}).first;
      if (auto it = grams.find(ctx); it != grams.end()) bo += it->second.second;
      ctx.erase(ctx.begin());
    }
  }
};

TEST(NgramModelTest, BinaryMatchesArpaReferenceOnAllTrigrams) {
  auto tables = ReadArpa(kArpa);
  ASSERT_TRUE(tables.has_value());
  Reference ref;
  for (int k = 1; k <= tables->order; ++k) {
    for (size_t i = 0; i < tables->size(k); ++i) {
      std::vector<std::string> words;
      for (int j = 0; j < k; ++j) {
        words.push_back(tables->vocab[tables->ids[k - 1][i * k + j]]);
      }
      ref.grams[words] = {tables->log_prob[k - 1][i],
                          tables->log_backoff[k - 1][i]};
    }
  }
  const NgramModel m = LoadTiny();
  const std::vector<std::string> words = {"<s>", "a", "b", "c", "</s>",
                                          "<unk>"};
  for (const auto& w1 : words) {
    for (const auto& w2 : words) {
      for (const auto& w3 : words) {
        if (w3 == "<s>") continue;
        State s;
        s.words[0] = m.Index(w2);
        s.words[1] = m.Index(w1);
        s.length = 2;
        State out;
        EXPECT_NEAR(m.Score(s, m.Index(w3), &out),
                    ref.LogProb({w1, w2}, w3), 1e-5)
            << w1 << " " << w2 << " " << w3;
      }
    }
  }
}

TEST(NgramModelTest, ArpaRoundTrip) {
  auto tables = ReadArpa(kArpa);
  ASSERT_TRUE(tables.has_value());
  const std::string path = TempPath("round.arpa");
  ASSERT_TRUE(WriteArpa(*tables, path).has_value());
  auto again = ReadArpa(path);
  std::filesystem::remove(path);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->vocab, tables->vocab);
  EXPECT_EQ(again->ids, tables->ids);
  EXPECT_EQ(again->log_prob, tables->log_prob);
}

TEST(NgramModelTest, MalformedFilesAreModelMissing) {
  auto missing = NgramModel::Load("/nonexistent/vnplan/lm.bin");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kModelMissing);

  const std::string garbage = TempPath("garbage.bin");
  {
    std::ofstream f(garbage, std::ios::binary);
    f << std::string(200, 'x');
  }
  auto bad = NgramModel::Load(garbage);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kModelMissing);

  // A valid model cut short.
  auto tables = ReadArpa(kArpa);
  ASSERT_TRUE(tables.has_value());
  const std::string bin = TempPath("cut.bin");
  ASSERT_TRUE(WriteBinaryModel(*tables, bin).has_value());
  std::filesystem::resize_file(bin, std::filesystem::file_size(bin) - 8);
  auto cut = NgramModel::Load(bin);
  ASSERT_FALSE(cut.has_value());
  EXPECT_EQ(cut.error().code, ErrorCode::kModelMissing);
  std::filesystem::remove(bin);
  std::filesystem::remove(garbage);
}

TEST(NgramModelTest, ArpaWithoutPrefixIsRejected) {
  NgramTables t;
  t.order = 2;
  t.vocab = {"</s>", "<s>", "<unk>", "a"};
  t.ids = {{0, 1, 2, 3}, {3, 0}};
  t.log_prob = {{-1, -99, -1, -1}, {-0.5}};
  t.log_backoff = {{0, 0, 0, 0}, {0}};
  EXPECT_TRUE(WriteBinaryModel(t, TempPath("ok.bin")).has_value());
  std::filesystem::remove(TempPath("ok.bin"));
  NgramTables u = t;
  u.order = 3;
  u.ids.push_back({1, 3, 0});  // "<s> a </s>" without the bigram "<s> a"
  u.log_prob.push_back({-0.1f});
  u.log_backoff.push_back({0});
  auto s = WriteBinaryModel(u, TempPath("bad.bin"));
  EXPECT_FALSE(s.has_value());
}

}  // namespace
}  // namespace vnplan::lm
