#include "lm/ngram_model.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>
#include <unordered_map>

namespace vnplan::lm {
namespace {

constexpr char kMagic[8] = {'V', 'N', 'P', 'L', 'M', 'B', 'I', 'N'};
constexpr uint32_t kVersion = 1;
constexpr size_t kCodebookSize = 256;

struct Header {
  char magic[8];
  uint32_t version;
  uint32_t order;
  uint32_t vocab_size;
  uint32_t reserved;
  uint64_t entries[kMaxOrder];
  uint64_t file_size;
};
static_assert(sizeof(Header) == 64);

size_t Align8(size_t n) { return (n + 7) & ~size_t{7}; }

// Computes section offsets; returns the total size. `vocab_bytes` is the
// size of the concatenated words.
struct Layout {
  size_t vocab_offsets = 0, vocab_bytes = 0;
  size_t uni_prob = 0, uni_backoff = 0, uni_child = 0;
  struct LevelOffsets {
    size_t words = 0, prob_code = 0, prob_cb = 0, backoff_code = 0,
           backoff_cb = 0, child = 0;
  } levels[kMaxOrder];
  size_t total = 0;
};

Layout ComputeLayout(int order, uint32_t vocab, uint64_t vocab_bytes,
                     const uint64_t* entries) {
  Layout l;
  size_t at = sizeof(Header);
  auto take = [&at](size_t bytes) {
    size_t here = at;
    at = Align8(at + bytes);
    return here;
  };
  l.vocab_offsets = take(4ull * (vocab + 1));
  l.vocab_bytes = take(vocab_bytes);
  l.uni_prob = take(4ull * vocab);
  l.uni_backoff = take(4ull * vocab);
  l.uni_child = take(4ull * (vocab + 1));
  for (int k = 2; k <= order; ++k) {
    auto& lv = l.levels[k - 1];
    const uint64_t n = entries[k - 1];
    lv.words = take(2 * n);
    lv.prob_code = take(n);
    lv.prob_cb = take(4 * kCodebookSize);
    if (k < order) {
      lv.backoff_code = take(n);
      lv.backoff_cb = take(4 * kCodebookSize);
      lv.child = take(4 * (n + 1));
    }
  }
  l.total = at;
  return l;
}

// A 256-entry codebook for `values`: the distinct values when there are at
// most 256 of them, otherwise the means of 256 equal-population bins.
std::vector<float> MakeCodebook(std::vector<float> values) {
  std::sort(values.begin(), values.end());
  std::vector<float> distinct;
  for (float v : values) {
    if (distinct.empty() || distinct.back() != v) distinct.push_back(v);
    if (distinct.size() > kCodebookSize) break;
  }
  std::vector<float> book;
  if (distinct.size() <= kCodebookSize) {
    book = distinct;
  } else {
    const size_t n = values.size();
    for (size_t b = 0; b < kCodebookSize; ++b) {
      const size_t lo = n * b / kCodebookSize, hi = n * (b + 1) / kCodebookSize;
      if (hi <= lo) continue;
      double sum = 0;
      for (size_t i = lo; i < hi; ++i) sum += values[i];
      const float mean = static_cast<float>(sum / (hi - lo));
      if (book.empty() || book.back() != mean) book.push_back(mean);
    }
  }
  if (book.empty()) book.push_back(0.0f);
  while (book.size() < kCodebookSize) book.push_back(book.back());
  return book;
}

uint8_t Encode(const std::vector<float>& book, float v) {
  auto it = std::lower_bound(book.begin(), book.end(), v);
  if (it == book.end()) return static_cast<uint8_t>(book.size() - 1);
  size_t i = it - book.begin();
  if (i > 0 && std::fabs(book[i - 1] - v) <= std::fabs(*it - v)) --i;
  return static_cast<uint8_t>(i);
}

bool PrefixLess(const WordId* a, const WordId* b, int k) {
  return std::lexicographical_compare(a, a + k, b, b + k);
}

}  // namespace

struct NgramModel::Mapping {
  void* addr = nullptr;
  size_t size = 0;
  ~Mapping() {
    if (addr != nullptr) munmap(addr, size);
  }
};

NgramModel::NgramModel(NgramModel&&) noexcept = default;
NgramModel& NgramModel::operator=(NgramModel&&) noexcept = default;
NgramModel::~NgramModel() = default;

Result<NgramModel> NgramModel::Load(const std::string& path) {
  auto fail = [&path](const std::string& why) {
    return MakeError(ErrorCode::kModelMissing,
                     "language model " + path + ": " + why);
  };
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(std::strerror(errno));
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    close(fd);
    return fail("cannot stat");
  }
  const size_t size = static_cast<size_t>(st.st_size);
  if (size < sizeof(Header)) {
    close(fd);
    return fail("file too small");
  }
  void* addr = mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  close(fd);
  if (addr == MAP_FAILED) return fail("mmap failed");
  NgramModel m;
  m.mapping_ = std::make_unique<Mapping>();
  m.mapping_->addr = addr;
  m.mapping_->size = size;
  const char* base = static_cast<const char*>(addr);
  Header h;
  std::memcpy(&h, base, sizeof h);
  if (std::memcmp(h.magic, kMagic, 8) != 0) return fail("bad magic");
  if (h.version != kVersion) return fail("unsupported version");
  if (h.order < 2 || h.order > kMaxOrder) return fail("bad order");
  if (h.vocab_size < 3 || h.vocab_size > 65535) return fail("bad vocab size");
  if (h.file_size != size) return fail("truncated or padded file");
  if (h.entries[0] != h.vocab_size) return fail("unigram count mismatch");
  // The vocabulary bytes size is the last offset.
  const size_t vocab_offsets_at = sizeof(Header);
  if (vocab_offsets_at + 4ull * (h.vocab_size + 1) > size) {
    return fail("truncated vocabulary");
  }
  m.vocab_offsets_ =
      reinterpret_cast<const uint32_t*>(base + vocab_offsets_at);
  const uint64_t vocab_bytes = m.vocab_offsets_[h.vocab_size];
  const Layout l =
      ComputeLayout(h.order, h.vocab_size, vocab_bytes, h.entries);
  if (l.total != size) return fail("section sizes do not match file size");
  m.order_ = static_cast<int>(h.order);
  m.vocab_size_ = h.vocab_size;
  std::copy(h.entries, h.entries + kMaxOrder, m.counts_);
  m.vocab_bytes_ = base + l.vocab_bytes;
  m.uni_prob_ = reinterpret_cast<const float*>(base + l.uni_prob);
  m.uni_backoff_ = reinterpret_cast<const float*>(base + l.uni_backoff);
  m.uni_child_begin_ = reinterpret_cast<const uint32_t*>(base + l.uni_child);
  for (uint32_t i = 0; i < h.vocab_size; ++i) {
    if (m.vocab_offsets_[i] > m.vocab_offsets_[i + 1]) {
      return fail("bad vocabulary offsets");
    }
  }
  if (h.order >= 2 && m.uni_child_begin_[h.vocab_size] != h.entries[1]) {
    return fail("bad trie pointers");
  }
  for (int k = 2; k <= m.order_; ++k) {
    const auto& lo = l.levels[k - 1];
    Level& lv = m.levels_[k - 1];
    lv.words = reinterpret_cast<const uint16_t*>(base + lo.words);
    lv.prob_code = reinterpret_cast<const uint8_t*>(base + lo.prob_code);
    lv.prob_codebook = reinterpret_cast<const float*>(base + lo.prob_cb);
    if (k < m.order_) {
      lv.backoff_code =
          reinterpret_cast<const uint8_t*>(base + lo.backoff_code);
      lv.backoff_codebook =
          reinterpret_cast<const float*>(base + lo.backoff_cb);
      lv.child_begin = reinterpret_cast<const uint32_t*>(base + lo.child);
      if (lv.child_begin[h.entries[k - 1]] != h.entries[k]) {
        return fail("bad trie pointers");
      }
    }
  }
  auto must = [&m](std::string_view w, WordId* id) {
    const WordId i = m.Index(w);
    if (m.Word(i) != w) return false;
    *id = i;
    return true;
  };
  if (!must(kUnkWord, &m.unk_)) return fail("no <unk>");
  if (!must(kBosWord, &m.bos_) || !must(kEosWord, &m.eos_)) {
    return fail("no <s> or </s>");
  }
  if (!must(kNumWord, &m.num_)) m.num_ = m.unk_;
  if (!must(kPunctWord, &m.punct_)) m.punct_ = m.unk_;
  return m;
}

std::string_view NgramModel::Word(WordId id) const {
  if (id >= vocab_size_) return {};
  return std::string_view(vocab_bytes_ + vocab_offsets_[id],
                          vocab_offsets_[id + 1] - vocab_offsets_[id]);
}

WordId NgramModel::Index(std::string_view word) const {
  uint32_t lo = 0, hi = vocab_size_;
  while (lo < hi) {
    const uint32_t mid = (lo + hi) / 2;
    const std::string_view w = Word(static_cast<WordId>(mid));
    if (w < word) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo < vocab_size_ && Word(static_cast<WordId>(lo)) == word) {
    return static_cast<WordId>(lo);
  }
  return unk_;
}

bool NgramModel::Contains(std::string_view word) const {
  return Index(word) != unk_;
}

State NgramModel::BeginSentenceState() const {
  State s;
  s.words[0] = bos_;
  s.length = 1;
  return s;
}

float NgramModel::UnigramLogProb(WordId w) const {
  if (w >= vocab_size_) w = unk_;
  return uni_prob_[w];
}

namespace {

// Index of `w` among words[begin, end) (sorted), or -1.
inline int64_t SearchChild(const uint16_t* words, uint32_t begin,
                           uint32_t end, WordId w) {
  while (end - begin > 16) {
    const uint32_t mid = begin + (end - begin) / 2;
    if (words[mid] < w) {
      begin = mid + 1;
    } else if (words[mid] > w) {
      end = mid;
    } else {
      return mid;
    }
  }
  for (uint32_t i = begin; i < end; ++i) {
    if (words[i] == w) return i;
    if (words[i] > w) break;
  }
  return -1;
}

}  // namespace

int64_t NgramModel::Find(const WordId* forward, int k) const {
  if (forward[0] >= vocab_size_) return -1;
  int64_t node = forward[0];
  for (int j = 2; j <= k; ++j) {
    uint32_t begin, end;
    if (j == 2) {
      begin = uni_child_begin_[node];
      end = uni_child_begin_[node + 1];
    } else {
      const Level& parent = levels_[j - 2];
      begin = parent.child_begin[node];
      end = parent.child_begin[node + 1];
    }
    node = SearchChild(levels_[j - 1].words, begin, end, forward[j - 1]);
    if (node < 0) return -1;
  }
  return node;
}

void NgramModel::Prepare(const State& in, Context* ctx) const {
  ctx->state = &in;
  ctx->length = std::min<int>(in.length, order_ - 1);
  WordId fwd[kMaxOrder];
  for (int len = 1; len <= ctx->length; ++len) {
    for (int j = 0; j < len; ++j) fwd[j] = in.words[len - 1 - j];
    const int64_t node = Find(fwd, len);
    uint32_t b = 0, e = 0;
    float bo = 0.0f;
    if (node >= 0) {
      if (len == 1) {
        b = uni_child_begin_[node];
        e = uni_child_begin_[node + 1];
        bo = uni_backoff_[node];
      } else {
        const Level& lv = levels_[len - 1];
        b = lv.child_begin[node];
        e = lv.child_begin[node + 1];
        bo = lv.backoff_codebook[lv.backoff_code[node]];
      }
    }
    ctx->begin[len - 1] = b;
    ctx->end[len - 1] = e;
    ctx->backoff[len - 1] = bo;
  }
}

float NgramModel::ScoreInContext(const Context& ctx, WordId w,
                                 State* out) const {
  if (w >= vocab_size_) w = unk_;
  float backoff = 0.0f;
  float prob = 0.0f;
  int matched = 1;
  bool found = false;
  for (int len = ctx.length; len >= 1; --len) {
    const uint32_t b = ctx.begin[len - 1], e = ctx.end[len - 1];
    if (b < e) {
      const Level& next = levels_[len];
      const int64_t hit = SearchChild(next.words, b, e, w);
      if (hit >= 0) {
        prob = next.prob_codebook[next.prob_code[hit]];
        matched = len + 1;
        found = true;
        break;
      }
    }
    backoff += ctx.backoff[len - 1];
  }
  if (!found) prob = uni_prob_[w];
  const int keep = std::min(matched, order_ - 1);
  const State& in = *ctx.state;
  WordId words[kMaxOrder - 1];
  words[0] = w;
  for (int j = 1; j < keep; ++j) words[j] = in.words[j - 1];
  for (int j = 0; j < keep; ++j) out->words[j] = words[j];
  for (int j = keep; j < kMaxOrder - 1; ++j) out->words[j] = 0;
  out->length = static_cast<uint8_t>(keep);
  return prob + backoff;
}

float NgramModel::Score(const State& in, WordId w, State* out) const {
  Context ctx;
  Prepare(in, &ctx);
  return ScoreInContext(ctx, w, out);
}

// ---------------------------------------------------------------- ARPA I/O

Result<NgramTables> ReadArpa(const std::string& path) {
  std::ifstream in(path);
  auto fail = [&path](const std::string& why) {
    return MakeError(ErrorCode::kModelMissing, "ARPA " + path + ": " + why);
  };
  if (!in) return fail("cannot open");
  struct RawEntry {
    std::vector<std::string> words;
    float prob, backoff;
  };
  std::vector<std::vector<RawEntry>> raw;
  std::string line;
  int section = 0;  // 0 before/in \data\, k in \k-grams:
  int order = 0;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (line == "\\data\\") continue;
    if (line.rfind("ngram ", 0) == 0) {
      const int k = std::atoi(line.c_str() + 6);
      order = std::max(order, k);
      continue;
    }
    if (line == "\\end\\") break;
    if (line[0] == '\\') {
      section = std::atoi(line.c_str() + 1);
      if (section < 1 || section > kMaxOrder) return fail("bad section");
      if (static_cast<int>(raw.size()) < section) raw.resize(section);
      continue;
    }
    if (section == 0) continue;
    std::istringstream fields(line);
    RawEntry e;
    if (!(fields >> e.prob)) return fail("bad line: " + line);
    for (int j = 0; j < section; ++j) {
      std::string w;
      if (!(fields >> w)) return fail("short line: " + line);
      e.words.push_back(w);
    }
    e.backoff = 0.0f;
    fields >> e.backoff;
    raw[section - 1].push_back(std::move(e));
  }
  if (order < 2 || order > kMaxOrder || static_cast<int>(raw.size()) != order) {
    return fail("order must be 2.." + std::to_string(kMaxOrder));
  }
  NgramTables t;
  t.order = order;
  for (const auto& e : raw[0]) t.vocab.push_back(e.words[0]);
  std::sort(t.vocab.begin(), t.vocab.end());
  if (t.vocab.size() > 65535) return fail("vocabulary too large");
  std::unordered_map<std::string, WordId> ids;
  for (size_t i = 0; i < t.vocab.size(); ++i) ids[t.vocab[i]] = WordId(i);
  t.ids.resize(order);
  t.log_prob.resize(order);
  t.log_backoff.resize(order);
  for (int k = 1; k <= order; ++k) {
    std::vector<std::pair<std::vector<WordId>, size_t>> keyed;
    for (size_t i = 0; i < raw[k - 1].size(); ++i) {
      std::vector<WordId> key;
      for (const auto& w : raw[k - 1][i].words) {
        auto it = ids.find(w);
        if (it == ids.end()) return fail("word not in unigrams: " + w);
        key.push_back(it->second);
      }
      keyed.emplace_back(std::move(key), i);
    }
    std::sort(keyed.begin(), keyed.end());
    for (const auto& [key, i] : keyed) {
      t.ids[k - 1].insert(t.ids[k - 1].end(), key.begin(), key.end());
      t.log_prob[k - 1].push_back(raw[k - 1][i].prob);
      t.log_backoff[k - 1].push_back(raw[k - 1][i].backoff);
    }
  }
  return t;
}

Status WriteArpa(const NgramTables& t, const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) return MakeError(ErrorCode::kIo, "cannot write " + path);
  std::fprintf(f, "\\data\\\n");
  for (int k = 1; k <= t.order; ++k) {
    std::fprintf(f, "ngram %d=%zu\n", k, t.size(k));
  }
  for (int k = 1; k <= t.order; ++k) {
    std::fprintf(f, "\n\\%d-grams:\n", k);
    for (size_t i = 0; i < t.size(k); ++i) {
      std::fprintf(f, "%.6f\t", t.log_prob[k - 1][i]);
      for (int j = 0; j < k; ++j) {
        std::fprintf(f, "%s%s", j ? " " : "",
                     t.vocab[t.ids[k - 1][i * k + j]].c_str());
      }
      if (k < t.order && t.log_backoff[k - 1][i] != 0.0f) {
        std::fprintf(f, "\t%.6f", t.log_backoff[k - 1][i]);
      }
      std::fprintf(f, "\n");
    }
  }
  std::fprintf(f, "\n\\end\\\n");
  if (std::fclose(f) != 0) return MakeError(ErrorCode::kIo, "write failed");
  return {};
}

Status WriteBinaryModel(const NgramTables& t, const std::string& path) {
  auto bad = [](const std::string& why) {
    return MakeError(ErrorCode::kInvalidArgument, "WriteBinaryModel: " + why);
  };
  if (t.order < 2 || t.order > kMaxOrder) return bad("order");
  const uint32_t vocab = static_cast<uint32_t>(t.vocab.size());
  if (vocab > 65535 || t.size(1) != vocab) return bad("vocabulary size");
  if (!std::is_sorted(t.vocab.begin(), t.vocab.end())) return bad("unsorted");
  Header h{};
  std::memcpy(h.magic, kMagic, 8);
  h.version = kVersion;
  h.order = t.order;
  h.vocab_size = vocab;
  uint64_t vocab_bytes = 0;
  for (const auto& w : t.vocab) vocab_bytes += w.size();
  for (int k = 1; k <= t.order; ++k) h.entries[k - 1] = t.size(k);
  const Layout l = ComputeLayout(t.order, vocab, vocab_bytes, h.entries);
  h.file_size = l.total;
  std::string buf(l.total, '\0');
  char* base = buf.data();
  std::memcpy(base, &h, sizeof h);
  auto* offsets = reinterpret_cast<uint32_t*>(base + l.vocab_offsets);
  uint32_t at = 0;
  for (uint32_t i = 0; i < vocab; ++i) {
    offsets[i] = at;
    std::memcpy(base + l.vocab_bytes + at, t.vocab[i].data(),
                t.vocab[i].size());
    at += static_cast<uint32_t>(t.vocab[i].size());
  }
  offsets[vocab] = at;
  std::memcpy(base + l.uni_prob, t.log_prob[0].data(), 4ull * vocab);
  std::memcpy(base + l.uni_backoff, t.log_backoff[0].data(), 4ull * vocab);
  // Child pointers: for each entry of order k, the first entry of order
  // k+1 whose k-prefix is not less than it.
  for (int k = 1; k < t.order; ++k) {
    const size_t n = t.size(k), m = t.size(k + 1);
    uint32_t* child = reinterpret_cast<uint32_t*>(
        base + (k == 1 ? l.uni_child : l.levels[k - 1].child));
    const WordId* parents = t.ids[k - 1].data();
    const WordId* kids = t.ids[k].data();
    size_t j = 0;
    for (size_t i = 0; i < n; ++i) {
      child[i] = static_cast<uint32_t>(j);
      while (j < m && !PrefixLess(parents + i * k, kids + j * (k + 1), k)) {
        if (!std::equal(parents + i * k, parents + (i + 1) * k,
                        kids + j * (k + 1))) {
          return bad("an n-gram of order " + std::to_string(k + 1) +
                     " has no prefix entry (or entries unsorted)");
        }
        ++j;
      }
    }
    if (j != m) return bad("n-grams without prefix entries at the end");
    child[n] = static_cast<uint32_t>(m);
  }
  for (int k = 2; k <= t.order; ++k) {
    const auto& lo = l.levels[k - 1];
    const size_t n = t.size(k);
    auto* words = reinterpret_cast<uint16_t*>(base + lo.words);
    for (size_t i = 0; i < n; ++i) words[i] = t.ids[k - 1][i * k + k - 1];
    const auto prob_book = MakeCodebook(t.log_prob[k - 1]);
    std::memcpy(base + lo.prob_cb, prob_book.data(), 4 * kCodebookSize);
    auto* pc = reinterpret_cast<uint8_t*>(base + lo.prob_code);
    for (size_t i = 0; i < n; ++i) pc[i] = Encode(prob_book, t.log_prob[k - 1][i]);
    if (k < t.order) {
      const auto bo_book = MakeCodebook(t.log_backoff[k - 1]);
      std::memcpy(base + lo.backoff_cb, bo_book.data(), 4 * kCodebookSize);
      auto* bc = reinterpret_cast<uint8_t*>(base + lo.backoff_code);
      for (size_t i = 0; i < n; ++i) {
        bc[i] = Encode(bo_book, t.log_backoff[k - 1][i]);
      }
    }
  }
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return MakeError(ErrorCode::kIo, "cannot write " + path);
  const bool ok = std::fwrite(buf.data(), 1, buf.size(), f) == buf.size();
  if (std::fclose(f) != 0 || !ok) {
    return MakeError(ErrorCode::kIo, "write failed: " + path);
  }
  return {};
}

}  // namespace vnplan::lm
