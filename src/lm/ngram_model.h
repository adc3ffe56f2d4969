// A back-off n-gram language model over lower-case Vietnamese syllables,
// read-only and memory-mapped from the compact binary file that
// tools/lm (vnplan-lm-train) writes. Input: word ids and a context State;
// output: log10 probabilities, KenLM style:
//
//   auto lm = NgramModel::Load("models/lm/vi.lm");
//   State s = lm->BeginSentenceState(), out;
//   float lp = lm->Score(s, lm->Index("giáo"), &out);   // log10 p
//
// File format (little-endian, version 1), every section 8-byte aligned:
//   header  "VNPLMBIN", u32 version, u32 order (2..4), u32 vocab size V,
//           u32 reserved, u64 entries[4] (per order 1..4), u64 file size
//   vocab   u32 offset[V+1], bytes (the words, sorted by byte value; a
//           word's id is its rank, so Index() is a binary search)
//   order 1 f32 prob[V], f32 backoff[V], u32 child_begin[V+1]
//   order k u16 word[n], u8 prob_code[n], f32 prob_codebook[256],
//   (2..N)  and for k < N: u8 backoff_code[n], f32 backoff_codebook[256],
//           u32 child_begin[n+1]
// Entries of order k are grouped by their (k-1)-gram prefix (a trie):
// the children of an entry are child_begin[i]..child_begin[i+1] in the
// next order, sorted by word id. Probabilities/backoffs above order 1 are
// quantised to 256 levels per order.
#ifndef VNPLAN_LM_NGRAM_MODEL_H_
#define VNPLAN_LM_NGRAM_MODEL_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace vnplan::lm {

using WordId = uint16_t;

// Reserved vocabulary entries. The trainer maps every non-syllable token to
// one of these classes. They sort before any letter, so their ids are fixed.
inline constexpr std::string_view kUnkWord = "<unk>";     // foreign/garbled word
inline constexpr std::string_view kBosWord = "<s>";       // sentence start
inline constexpr std::string_view kEosWord = "</s>";      // sentence end
inline constexpr std::string_view kNumWord = "<num>";     // number
inline constexpr std::string_view kPunctWord = "<punct>"; // punctuation mark
// A name after a name-introducing word ("chùa" <name> for "chùa Linh Ứng";
// vnplan-lm-train --name-cut): keeps the introducer's share of names, so
// that the names' syllables do not make lower-case n-grams likely. No
// decoder proposes it; models trained without --name-cut lack it.
inline constexpr std::string_view kNameWord = "<name>";

inline constexpr int kMaxOrder = 4;

// The context of the next word: up to order-1 previous words, most recent
// first. Two states that compare equal give identical future scores, so a
// decoder may merge hypotheses with equal states.
struct State {
  WordId words[kMaxOrder - 1] = {0, 0, 0};
  uint8_t length = 0;

  bool operator==(const State& other) const {
    if (length != other.length) return false;
    for (int i = 0; i < length; ++i) {
      if (words[i] != other.words[i]) return false;
    }
    return true;
  }
  // A hash over the used words only.
  size_t Hash() const {
    uint64_t h = length;
    for (int i = 0; i < length; ++i) h = h * 0x10001u + words[i] + 1;
    return static_cast<size_t>(h * 0x9E3779B97F4A7C15ull);
  }
};

class NgramModel {
 public:
  // Maps `path` read-only. kModelMissing if the file is absent, truncated,
  // has a wrong magic/version or inconsistent section sizes.
  static Result<NgramModel> Load(const std::string& path);

  NgramModel(NgramModel&&) noexcept;
  NgramModel& operator=(NgramModel&&) noexcept;
  ~NgramModel();

  int order() const { return order_; }
  size_t vocab_size() const { return vocab_size_; }
  // Number of stored n-grams of order k (1..order()).
  uint64_t entries(int k) const { return counts_[k - 1]; }

  // The id of `word` (exact bytes; the vocabulary is lower-case NFC
  // syllables in the new tone style plus the classes above), or unk().
  WordId Index(std::string_view word) const;
  // True if `word` is in the vocabulary (and is not <unk> itself).
  bool Contains(std::string_view word) const;
  std::string_view Word(WordId id) const;

  WordId unk() const { return unk_; }
  WordId bos() const { return bos_; }
  WordId eos() const { return eos_; }
  WordId num() const { return num_; }
  WordId punct() const { return punct_; }

  // State after <s>; the empty state (no context) is State{}.
  State BeginSentenceState() const;

  // log10 p(w | in) with back-off; writes the shortest state that gives the
  // same future scores into *out (out may be &in).
  float Score(const State& in, WordId w, State* out) const;

  // A State with its trie nodes located once, for scoring many candidate
  // words after the same context (what a decoder does). Valid while the
  // model lives; `state` must outlive it.
  struct Context {
    const State* state = nullptr;
    int length = 0;                       // usable context words
    uint32_t begin[kMaxOrder] = {}, end[kMaxOrder] = {};  // by length-1
    float backoff[kMaxOrder] = {};        // log10 back-off, by length-1
  };
  void Prepare(const State& in, Context* ctx) const;
  // Same value and *out as Score(*ctx.state, w, out).
  float ScoreInContext(const Context& ctx, WordId w, State* out) const;

  // The unigram log10 probability of w.
  float UnigramLogProb(WordId w) const;

 private:
  struct Level {  // orders 2..N
    const uint16_t* words = nullptr;
    const uint8_t* prob_code = nullptr;
    const float* prob_codebook = nullptr;
    const uint8_t* backoff_code = nullptr;  // null for the top order
    const float* backoff_codebook = nullptr;
    const uint32_t* child_begin = nullptr;  // null for the top order
  };
  struct Mapping;

  NgramModel() = default;
  // Finds the entry for the (k)-gram given by ids in forward order;
  // returns its index in level k or -1.
  int64_t Find(const WordId* forward, int k) const;

  std::unique_ptr<Mapping> mapping_;
  int order_ = 0;
  uint32_t vocab_size_ = 0;
  uint64_t counts_[kMaxOrder] = {0, 0, 0, 0};
  const uint32_t* vocab_offsets_ = nullptr;
  const char* vocab_bytes_ = nullptr;
  const float* uni_prob_ = nullptr;
  const float* uni_backoff_ = nullptr;
  const uint32_t* uni_child_begin_ = nullptr;
  Level levels_[kMaxOrder];  // index k-1 for order k >= 2
  WordId unk_ = 0, bos_ = 0, eos_ = 0, num_ = 0, punct_ = 0;
};

// An n-gram model in memory: what the trainer produces, what ReadArpa
// returns, and the input of WriteBinaryModel / WriteArpa.
struct NgramTables {
  int order = 0;
  // The vocabulary sorted by byte value; a word's id is its index. Must
  // contain <unk>, <s>, </s>; at most 65535 words.
  std::vector<std::string> vocab;
  // For order k (index k-1): n entries of k ids each (forward order),
  // flattened, sorted lexicographically; one log10 prob and one log10
  // back-off (0 if none) per entry. For order 1 the ids are 0..V-1.
  std::vector<std::vector<WordId>> ids;
  std::vector<std::vector<float>> log_prob;
  std::vector<std::vector<float>> log_backoff;

  size_t size(int k) const { return log_prob[k - 1].size(); }
};

// Parses ARPA text (\data\, \1-grams:, ..., \end\). kModelMissing on
// malformed input or an order outside 2..kMaxOrder.
Result<NgramTables> ReadArpa(const std::string& path);
Status WriteArpa(const NgramTables& model, const std::string& path);

// Writes `model` in the binary format above. Every n-gram's prefix must
// itself be an entry (kInvalidArgument otherwise). Probabilities of order
// >= 2 are quantised (exactly when an order has at most 256 distinct
// values).
Status WriteBinaryModel(const NgramTables& model, const std::string& path);

}  // namespace vnplan::lm

#endif  // VNPLAN_LM_NGRAM_MODEL_H_
