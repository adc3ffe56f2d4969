#include "text/encoding_repair.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include "common/utf8.h"
#include "text/common_syllables.h"
#include "text/mark_repair.h"
#include "text/vietnamese.h"

namespace vnplan::text {
namespace {

struct Score {
  double score = 0;     // share of words that are valid syllables
  double evidence = 0;  // share of valid words with diacritics
  double common = 0;    // share of words among the most frequent syllables
  size_t words = 0;   // words scored (acronyms and single letters left out)
  // Ranking value: validity first; diacritics and frequent words break
  // ties between decodings that are all valid ("năm" vs "nồm").
  double Value() const { return score + 0.25 * evidence + 0.25 * common; }
};

// Lower-cases `word` (letters a-z and the Vietnamese letters) into *lower
// as UTF-8; false if the case pattern is not one of "lower", "UPPER",
// "Capitalised" (a decoding that puts capitals inside words is wrong).
bool LowerWord(std::u32string_view word, std::string* lower) {
  lower->clear();
  int uppers = 0;
  bool upper_after_lower = false;
  bool seen_lower = false;
  for (char32_t c : word) {
    Letter l;
    if (!DecomposeLetter(c, &l)) return false;
    if (l.upper) {
      ++uppers;
      if (seen_lower) upper_after_lower = true;
      l.upper = false;
      AppendUtf8(ComposeLetter(l), lower);
    } else {
      seen_lower = true;
      AppendUtf8(c, lower);
    }
  }
  if (upper_after_lower) return false;
  return true;
}

bool IsAsciiUpper(std::u32string_view w) {
  for (char32_t c : w) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

// Capitals with at most one non-ASCII letter: "KĐCLGD", "CTĐT".
bool IsAcronym(std::u32string_view w) {
  if (w.size() < 2) return false;
  int non_ascii = 0;
  for (char32_t c : w) {
    if (c >= 'A' && c <= 'Z') continue;
    if (c == U'Đ') {
      ++non_ascii;
      continue;
    }
    return false;
  }
  return non_ascii <= 1;
}

// Acronyms in plain ASCII capitals ("TT", "BCA") and single ASCII letters
// read the same in every decoding and are not syllables; they are left out
// of the scores, as are invalid acronyms with Đ.
Score ScoreText(std::u32string_view text) {
  Score s;
  size_t valid_words = 0, marked = 0, common = 0;
  thread_local std::string word, lower;
  size_t i = 0;
  const size_t n = text.size();
  // The first kMaxWords words decide; long paragraphs do not need more
  // (the rest are only counted).
  constexpr size_t kMaxWords = 24;
  size_t scored = 0;
  while (i < n) {
    if (IsWordSeparator(text[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    bool non_ascii = false;
    while (j < n && !IsWordSeparator(text[j])) {
      if (text[j] >= 0x80) non_ascii = true;
      ++j;
    }
    const std::u32string_view w = text.substr(i, j - i);
    i = j;
    if (!non_ascii && (w.size() == 1 || IsAsciiUpper(w))) continue;  // "BCA"
    if (scored == kMaxWords) {
      ++s.words;  // counted, not checked
      continue;
    }
    word.clear();
    for (char32_t c : w) AppendUtf8(c, &word);
    const bool valid =
        w.size() <= 7 && LowerWord(w, &lower) && IsValidSyllable(word);
    if (!valid && IsAcronym(w)) continue;  // "KĐCLGD", "GDĐT"
    ++s.words;
    ++scored;
    if (!valid) continue;
    ++valid_words;
    if (non_ascii) ++marked;
    if (IsCommonSyllable(lower)) ++common;
  }
  if (scored > 0) {
    s.score = static_cast<double>(valid_words) / scored;
    s.evidence = static_cast<double>(marked) / scored;
    s.common = static_cast<double>(common) / scored;
  }
  return s;
}

// ICU's quick check straight on UTF-8 (no conversion when already NFC).
bool IsNfc(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return false;
  const UBool ok = nfc->isNormalizedUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), status);
  return U_SUCCESS(status) && ok;
}

bool IsVietnameseScore(const Score& s) {
  return s.words > 0 && s.score >= 0.5 && s.evidence >= 0.08;
}

// Encodings tried in auto mode (kUtf8 = as is comes first).
constexpr std::array<Encoding, kEncodingCount> kCandidates = {
    Encoding::kUtf8,   Encoding::kTcvn3,    Encoding::kVni,
    Encoding::kViscii, Encoding::kVps,      Encoding::kCp1258,
    Encoding::kViqr,   Encoding::kMojibake, Encoding::kMojibake2};

struct LineState {
  std::u32string text;  // input line (CP1252 view if the input was bytes)
  std::array<std::u32string, kEncodingCount> decoded;
  std::array<Score, kEncodingCount> scores;
  std::array<bool, kEncodingCount> tried{};
  int chosen = 0;  // index into kCandidates
  int flags = -1;  // LineFlags, computed on first use
  size_t tokens = 0;  // words in the raw line (CountTokens)
  bool inherited = false;
  BlockStatus status = BlockStatus::kEmpty;
};

// Which encodings could change this line at all (cheap pre-filter):
// bit 0 non-ASCII or C0 bytes, bit 1 VIQR diacritics, bit 2 PDF aliases,
// bit 3 Vietnamese letters beyond Latin-1 (ư, ạ...: the line may already
// be Unicode; text seen through CP1252 never has them).
int LineFlags(std::u32string_view text) {
  int flags = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char32_t c = text[i];
    if (c >= 0x80) {
      flags |= 1;
      if (c == 0x2212 || c == 0x3BC) flags |= 4;
      if (c >= 0x102 && c <= 0x1EF9 && IsVietnameseLetter(c)) flags |= 8;
    } else if (c < 0x20 && c != '\t' && c != '\r' && c != '\f' &&
               c != '\v') {
      flags |= 1;  // C0 bytes hold capitals in TCVN3, VISCII and VPS
    } else if (i > 0 && (c == '^' || c == '(' || c == '+' || c == '\'' ||
                         c == '`' || c == '?' || c == '~' || c == '.' ||
                         ((c == 'd' || c == 'D') &&
                          (text[i - 1] == 'd' || text[i - 1] == 'D')))) {
      flags |= 2;
    } else if (c == '-' && i > 0 && (text[i - 1] | 0x20) >= 'a' &&
               (text[i - 1] | 0x20) <= 'z') {
      flags |= 4;  // possible TCVN3 alias of ư
    }
  }
  return flags;
}

bool MayApply(Encoding e, int flags) {
  // A line that already holds Vietnamese letters beyond Latin-1 is
  // Unicode: no legacy reading of its Latin-1 characters is plausible.
  if (e != Encoding::kUtf8 && (flags & 8)) return false;
  switch (e) {
    case Encoding::kUtf8: return true;
    case Encoding::kViqr: return (flags & 2) != 0;
    case Encoding::kTcvn3: return (flags & 5) != 0;
    default: return (flags & 1) != 0;
  }
}

void Evaluate(LineState* line, int k, bool viqr_strict) {
  if (line->tried[k]) return;
  line->tried[k] = true;
  const Encoding e = kCandidates[k];
  if (line->flags < 0) line->flags = LineFlags(line->text);
  if (k != 0 && !MayApply(e, line->flags)) {
    Evaluate(line, 0, viqr_strict);
    line->decoded[k] = line->decoded[0];
    line->scores[k] = line->scores[0];
    return;
  }
  line->decoded[k] = DecodeViewedTextU32(line->text, e, viqr_strict,
                                         /*repair_marks=*/false);
  line->scores[k] = ScoreText(line->decoded[k]);
}

// Whether at least a fifth of the words hold symbols that no language
// writes inside words (©, ¶, ¹, €, C1 controls, U+FFFD): the mark of
// text decoded with the wrong table.
bool LooksMisencoded(std::u32string_view text) {
  size_t words = 0, odd = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (IsWordSeparator(text[i])) {
      ++i;
      continue;
    }
    bool is_odd = false;
    for (; i < text.size() && !IsWordSeparator(text[i]); ++i) {
      const char32_t c = text[i];
      if (c >= 0x80 && !u_isalpha(static_cast<UChar32>(c)) &&
          !(c >= 0x300 && c < 0x370)) {
        is_odd = true;
      }
    }
    ++words;
    if (is_odd) ++odd;
  }
  return words > 0 && odd * 5 >= words;
}

size_t CountTokens(std::u32string_view text) {
  size_t n = 0;
  bool in_word = false;
  for (char32_t c : text) {
    const bool sep = IsWordSeparator(c);
    if (!sep && !in_word) ++n;
    in_word = !sep;
  }
  return n;
}

int IndexOf(Encoding e) {
  for (int k = 0; k < kEncodingCount; ++k) {
    if (kCandidates[k] == e) return k;
  }
  return 0;
}

// Picks the best candidate for a line on its own evidence; 0 = as is.
int ChooseOwn(LineState* line, const RepairOptions& options, bool strict) {
  Evaluate(line, 0, strict);
  const Score& asis = line->scores[0];
  if (asis.score >= 0.9 && asis.evidence >= 0.2) return 0;  // clean already
  int best = 0;
  for (int k = 1; k < kEncodingCount; ++k) {
    Evaluate(line, k, strict);
    if (line->decoded[k] == line->decoded[0]) continue;
    if (line->scores[k].Value() > line->scores[best].Value()) best = k;
  }
  if (best == 0) return 0;
  const Score& b = line->scores[best];
  if (b.Value() >= asis.Value() + options.margin && IsVietnameseScore(b)) {
    return best;
  }
  return 0;
}

bool LooksBinary(std::string_view input) {
  // C0 bytes that TCVN3 (VN1), VISCII or VPS use for capital letters.
  constexpr uint32_t kLetterControls =
      (1u << 0x01) | (1u << 0x02) | (1u << 0x03) | (1u << 0x04) |
      (1u << 0x05) | (1u << 0x06) | (1u << 0x10) | (1u << 0x11) |
      (1u << 0x12) | (1u << 0x13) | (1u << 0x14) | (1u << 0x15) |
      (1u << 0x16) | (1u << 0x17) | (1u << 0x19) | (1u << 0x1C) |
      (1u << 0x1D) | (1u << 0x1E);
  constexpr uint32_t kSpaces = (1u << '\n') | (1u << '\r') | (1u << '\t') |
                               (1u << '\f') | (1u << '\v');
  size_t control = 0;
  for (unsigned char c : input) {
    if (c == 0) return true;
    if (c < 0x20 && !((kLetterControls | kSpaces) & (1u << c))) ++control;
    if (c == 0x7F) ++control;
  }
  // Over 5% non-text control bytes (a stray one in a short line is not).
  return control >= 3 && control * 20 > input.size();
}

std::vector<std::u32string> SplitLines(std::u32string_view text) {
  std::vector<std::u32string> lines;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      lines.emplace_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return lines;
}

std::vector<EncodingScore> Alternatives(const LineState& line) {
  std::vector<EncodingScore> alts;
  for (int k = 0; k < kEncodingCount; ++k) {
    if (k == line.chosen || !line.tried[k]) continue;
    if (k != 0 && line.decoded[k] == line.decoded[0]) continue;
    alts.push_back({kCandidates[k], line.scores[k].score, line.scores[k].evidence});
  }
  std::sort(alts.begin(), alts.end(), [](const auto& a, const auto& b) {
    return a.score + 0.25 * a.evidence > b.score + 0.25 * b.evidence;
  });
  if (alts.size() > 3) alts.resize(3);
  return alts;
}

}  // namespace

const char* BlockStatusName(BlockStatus status) {
  switch (status) {
    case BlockStatus::kEmpty: return "empty";
    case BlockStatus::kVietnamese: return "vietnamese";
    case BlockStatus::kNotVietnamese: return "not-vietnamese";
    case BlockStatus::kUnknownEncoding: return "unknown-encoding";
  }
  return "?";
}

namespace {

// UTF-16 with a byte-order mark to UTF-8 (the mark is dropped; unpaired
// surrogates become U+FFFD). Empty if `bytes` has no UTF-16 BOM.
std::string Utf16WithBomToUtf8(std::string_view bytes) {
  if (bytes.size() < 2) return "";
  const auto b0 = static_cast<unsigned char>(bytes[0]);
  const auto b1 = static_cast<unsigned char>(bytes[1]);
  bool little;
  if (b0 == 0xFF && b1 == 0xFE) {
    little = true;
  } else if (b0 == 0xFE && b1 == 0xFF) {
    little = false;
  } else {
    return "";
  }
  std::u32string text;
  auto unit = [&](size_t i) -> char32_t {
    const auto lo = static_cast<unsigned char>(bytes[little ? i : i + 1]);
    const auto hi = static_cast<unsigned char>(bytes[little ? i + 1 : i]);
    return static_cast<char32_t>(hi << 8 | lo);
  };
  for (size_t i = 2; i + 1 < bytes.size(); i += 2) {
    char32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
      const char32_t v = unit(i + 2);
      if (v >= 0xDC00 && v <= 0xDFFF) {
        text.push_back(0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
        i += 2;
        continue;
      }
    }
    if (u >= 0xD800 && u <= 0xDFFF) u = 0xFFFD;
    text.push_back(u);
  }
  return ToUtf8Fast(text);
}

}  // namespace

namespace {

// TCVN3 (VN3) has no codes for capital vowels with a tone, so text typed in
// capitals comes back with those letters in lower case: "TRƯờNG", "HòA".
// A word whose lower-case letters are all such toned vowels is upper-cased
// when it has two or more capitals itself, or when most words of its line
// are in capitals ("Hồ CHí MINH"). Title-case words ("Kế", "Bộ") are kept.
bool IsTonedVowelWithoutTcvn3Capital(char32_t c) {
  Letter l;
  return DecomposeLetter(c, &l) && !l.upper && l.tone != Tone::kLevel;
}

void RestoreTcvn3Capitals(std::u32string* line) {
  struct WordSpan { size_t begin, end; int upper, lower, toned_lower; };
  std::vector<WordSpan> words;
  for (size_t i = 0; i < line->size();) {
    if (!IsVietnameseLetter((*line)[i])) { ++i; continue; }
    WordSpan w{i, i, 0, 0, 0};
    while (w.end < line->size() && IsVietnameseLetter((*line)[w.end])) {
      Letter l;
      DecomposeLetter((*line)[w.end], &l);
      if (l.upper) {
        ++w.upper;
      } else {
        ++w.lower;
        if (IsTonedVowelWithoutTcvn3Capital((*line)[w.end])) ++w.toned_lower;
      }
      ++w.end;
    }
    words.push_back(w);
    i = w.end;
  }
  // Syllables vote: two or more capitals say "capitals", a plain lower-case
  // letter says "normal case"; one capital followed by toned vowels ("Kế")
  // could be either and abstains, and so do acronyms (KH, THHB).
  int caps_votes = 0, lower_votes = 0;
  for (const WordSpan& w : words) {
    const std::string lower =
        ToLower(U32ToUtf8(std::u32string_view(*line).substr(w.begin, w.end - w.begin)));
    if (!IsValidSyllable(lower)) continue;
    if (w.lower > w.toned_lower) {
      ++lower_votes;
    } else if (w.upper >= 2) {
      ++caps_votes;
    }
  }
  const bool caps_line = caps_votes > 0 && caps_votes > lower_votes;
  for (const WordSpan& w : words) {
    if (w.toned_lower == 0 || w.lower != w.toned_lower || w.upper == 0) continue;
    if (w.upper < 2 && !caps_line) continue;
    for (size_t i = w.begin; i < w.end; ++i) {
      Letter l;
      if (DecomposeLetter((*line)[i], &l) && !l.upper) {
        l.upper = true;
        (*line)[i] = ComposeLetter(l);
      }
    }
  }
}

}  // namespace

RepairResult Repair(std::string_view input, const RepairOptions& options) {
  RepairResult result;
  if (input.empty()) {
    return result;
  }
  const std::string from_utf16 = Utf16WithBomToUtf8(input);
  if (!from_utf16.empty()) {
    result = Repair(from_utf16, options);
    result.input_was_utf16 = true;
    result.changed = true;
    return result;
  }
  if (LooksBinary(input)) {
    result.text = std::string(input);
    result.binary = true;
    result.input_was_utf8 = IsValidUtf8(input);
    BlockReport b;
    b.status = BlockStatus::kNotVietnamese;
    result.blocks.push_back(b);
    return result;
  }
  result.input_was_utf8 = IsValidUtf8(input);
  const std::u32string text =
      Utf8ToU32(result.input_was_utf8 ? input : BytesAsCp1252(input));
  const bool strict = ViqrEscapesPunctuation(text);
  std::vector<LineState> lines;
  for (std::u32string& t : SplitLines(text)) {
    lines.emplace_back();
    lines.back().tokens = CountTokens(t);
    lines.back().flags = LineFlags(t);
    lines.back().text = std::move(t);
  }
  const size_t min_words = static_cast<size_t>(options.min_words);

  // Pass 0: a sample of long lines (up to 48, spread over the input)
  // decides on their own; their majority is tried first on every line,
  // which spares trying all candidates on most lines.
  int provisional = options.prior ? IndexOf(*options.prior) : 0;
  if (!options.from && !options.prior) {
    std::vector<size_t> long_lines;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (lines[i].tokens >= min_words) long_lines.push_back(i);
    }
    std::map<int, size_t> sample_weight;
    const size_t step = std::max<size_t>(1, long_lines.size() / 48);
    for (size_t k = 0; k < long_lines.size(); k += step) {
      LineState& line = lines[long_lines[k]];
      const int c = ChooseOwn(&line, options, strict);
      sample_weight[c] += line.scores[c].words;
    }
    size_t best = 0;
    for (const auto& [k, w] : sample_weight) {
      if (w > best) {
        best = w;
        provisional = k;
      }
    }
  }

  // Pass 1: lines long enough to decide on their own.
  std::map<int, size_t> weight;  // candidate index -> words
  if (options.prior) weight[provisional] = 1;  // wins when nothing else counts
  for (LineState& line : lines) {
    if (options.from) {
      const int k = IndexOf(*options.from);
      Evaluate(&line, k, strict);
      line.chosen = k;
      continue;
    }
    if (line.tokens < min_words) continue;
    int chosen = -1;
    if (provisional != 0 && !(line.flags & 8)) {
      // No Unicode Vietnamese letters: as is it cannot be Vietnamese, so
      // a good majority decoding is taken without scoring the line as is.
      Evaluate(&line, provisional, strict);
      const Score& p = line.scores[provisional];
      if (IsVietnameseScore(p) && p.score >= 0.8) chosen = provisional;
    }
    if (chosen < 0) Evaluate(&line, 0, strict);
    if (chosen < 0 && provisional != 0) {
      Evaluate(&line, provisional, strict);
      const Score& p = line.scores[provisional];
      if (IsVietnameseScore(p) && p.score >= 0.8 &&
          p.Value() >= line.scores[0].Value() + options.margin) {
        chosen = provisional;
      }
    }
    if (chosen < 0) chosen = ChooseOwn(&line, options, strict);
    line.chosen = chosen;
    weight[line.chosen] += line.scores[line.chosen].words;
  }
  int majority = 0;
  size_t most = 0;
  for (const auto& [k, w] : weight) {
    if (w > most) {
      most = w;
      majority = k;
    }
  }
  result.majority = kCandidates[majority];

  // Pass 2: every line follows the majority when that is about as good as
  // its own choice and not worse than leaving it as is (a one-word line,
  // or a VPS line that also reads as valid VNI); short lines with no
  // majority may still switch on strong evidence of their own.
  if (!options.from) {
    for (LineState& line : lines) {
      if (majority != 0 && line.chosen == majority) continue;
      Evaluate(&line, 0, strict);
      if (line.scores[0].words == 0 && line.tokens < min_words) {
        // Nothing scorable as is ("KE^' HOA.CH" is acronyms): take the
        // majority if it makes words of it.
        if (majority != 0) {
          Evaluate(&line, majority, strict);
          if (line.scores[majority].words > 0 &&
              line.scores[majority].score >= 0.5) {
            line.chosen = majority;
            line.inherited = true;
          }
        }
        continue;
      }
      const bool is_short = line.tokens < min_words;
      if (majority != 0) {
        Evaluate(&line, majority, strict);
        const double m = line.scores[majority].Value();
        // Short lines, and lines that the decoding splits into words
        // differently ("Lu+u" is two words as is, one decoded), compare
        // poorly: only a clear loss keeps them as they are.
        const bool resplit =
            line.scores[majority].words != line.scores[0].words;
        const double slack = is_short || resplit ? 0.25 : 0.0;
        if (m >= line.scores[line.chosen].Value() - 0.05 - slack &&
            m >= line.scores[0].Value() - slack) {
          line.chosen = majority;
          line.inherited = true;
        }
        continue;
      }
      if (!is_short) continue;
      const int own = ChooseOwn(&line, options, strict);
      if (own != 0 && line.scores[own].score >= 0.99 &&
          line.scores[0].score <= 0.5) {
        line.chosen = own;
      }
    }
  }

  // Status per line and the output.
  std::u32string out;
  out.reserve(text.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    LineState& line = lines[i];
    Evaluate(&line, line.chosen, strict);
    const Score& s = line.scores[line.chosen];
    if (s.words == 0) {
      line.status = BlockStatus::kEmpty;
    } else if (IsVietnameseScore(s) || (line.inherited && s.score >= 0.5)) {
      line.status = BlockStatus::kVietnamese;
      result.any_vietnamese = true;
    } else {
      line.status = LooksMisencoded(line.text) ? BlockStatus::kUnknownEncoding
                                               : BlockStatus::kNotVietnamese;
      if (line.status == BlockStatus::kUnknownEncoding) {
        result.any_unknown_encoding = true;
      }
    }
    std::u32string decoded = line.decoded[line.chosen];
    RepairMarksU32(&decoded);
    if (kCandidates[line.chosen] == Encoding::kTcvn3) {
      if (options.tcvn3_uppercase_font) {
        decoded = Utf8ToU32(ToUpper(U32ToUtf8(decoded)));
      } else {
        RestoreTcvn3Capitals(&decoded);
      }
    }
    out += decoded;
    if (i + 1 < lines.size()) out.push_back('\n');
  }

  // Blocks: runs of lines with the same decision (empty lines join the
  // run they sit in).
  for (size_t i = 0; i < lines.size(); ++i) {
    const LineState& line = lines[i];
    const Encoding e = kCandidates[line.chosen];
    if (line.status == BlockStatus::kEmpty && !result.blocks.empty()) {
      ++result.blocks.back().line_count;
      continue;
    }
    if (!result.blocks.empty()) {
      BlockReport& last = result.blocks.back();
      if (last.encoding == e && last.status == line.status &&
          (last.status != BlockStatus::kEmpty)) {
        const size_t w = line.scores[line.chosen].words;
        last.score = (last.score * last.words +
                      line.scores[line.chosen].score * w) /
                     std::max<size_t>(1, last.words + w);
        last.words += w;
        last.line_count = i - last.first_line + 1;
        last.inherited = last.inherited && line.inherited;
        continue;
      }
    }
    BlockReport b;
    b.first_line = i;
    b.line_count = 1;
    b.words = line.scores[line.chosen].words;
    b.encoding = e;
    b.score = line.scores[line.chosen].score;
    b.status = line.status;
    b.inherited = line.inherited;
    b.alternatives = Alternatives(line);
    result.blocks.push_back(std::move(b));
  }
  // Fix line counts so blocks tile the input.
  for (size_t i = 0; i + 1 < result.blocks.size(); ++i) {
    result.blocks[i].line_count =
        result.blocks[i + 1].first_line - result.blocks[i].first_line;
  }
  if (!result.blocks.empty()) {
    result.blocks.back().line_count =
        lines.size() - result.blocks.back().first_line;
  }

  bool any_decoded = false;
  for (const LineState& line : lines) {
    if (line.chosen != 0) any_decoded = true;
  }
  std::string text_out = ToUtf8Fast(out);
  if (!IsNfc(text_out)) text_out = ToNfc(text_out);
  if (options.tones != TonePolicy::kKeep && result.any_vietnamese) {
    text_out = NormalizeTonePlacement(
        text_out, options.tones == TonePolicy::kOld ? ToneStyle::kOld
                                                    : ToneStyle::kNew);
  }
  if (!result.input_was_utf8 && !any_decoded && !result.any_vietnamese) {
    // Nothing Vietnamese in undecodable bytes: leave them untouched.
    result.text = std::string(input);
  } else {
    result.text = std::move(text_out);
  }
  result.changed = result.text != input;
  return result;
}

std::string FormatReport(const RepairResult& result) {
  std::string out;
  char buf[256];
  std::snprintf(buf, sizeof buf, "%-13s %-10s %6s %6s  %-15s %s\n", "lines",
                "encoding", "score", "words", "status", "alternatives");
  out += buf;
  for (const BlockReport& b : result.blocks) {
    std::string lines = std::to_string(b.first_line + 1) + "-" +
                        std::to_string(b.first_line + b.line_count);
    std::string alts;
    for (const EncodingScore& a : b.alternatives) {
      std::snprintf(buf, sizeof buf, "%s%s=%.2f", alts.empty() ? "" : " ",
                    EncodingName(a.encoding), a.score);
      alts += buf;
    }
    std::snprintf(buf, sizeof buf, "%-13s %-10s %6.2f %6zu  %-15s %s%s\n",
                  lines.c_str(), EncodingName(b.encoding), b.score, b.words,
                  BlockStatusName(b.status), b.inherited ? "(majority) " : "",
                  alts.c_str());
    out += buf;
  }
  if (result.binary) out += "input looks binary: left untouched\n";
  return out;
}

}  // namespace vnplan::text
