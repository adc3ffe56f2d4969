#include "lm/restorer.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <unordered_set>

#include "common/paths.h"
#include "common/utf8.h"
#include "lm/lm_tokens.h"

namespace vnplan::lm {
namespace {

constexpr float kNegInf = -std::numeric_limits<float>::infinity();
// Channel penalty (log10) for a same-skeleton candidate the OCR channel
// does not explain.
constexpr float kUnexplainedPenalty = -3.0f;
// Penalty for splitting a merged word into two syllables (and for each
// further piece of a longer split).
constexpr float kSplitPenalty = -2.0f;
// A merged word may be split into up to this many syllables
// ("viénvécoéngtac" -> "viên về công tác").
constexpr int kMaxPieces = 4;
// Splits into three or more pieces: words of at least this many
// characters, the best kMultiSplitCands segmentations kept (a left-to-right
// beam of kMultiSplitBeam partial splits per boundary, each piece's best
// kPieceCands syllables).
constexpr size_t kMultiSplitMinChars = 6;
constexpr size_t kMultiSplitCands = 12;
constexpr size_t kMultiSplitBeam = 16;
constexpr size_t kPieceCands = 6;
// ... and only splits scoring (channel + penalties + LM without context)
// at least this (log10) per piece: Vietnamese merges score -2.9 .. -4.3
// ("thuchiénnhiémvu", "troconthap"), English words split into syllables
// -5.8 .. -7 ("online" -> "ổn li né", "password" -> "pa sử ở").
constexpr float kMultiSplitMinPerPiece = -5.0f;
// Penalty for a one-character edit the channel does not model.
constexpr float kEditPenalty = -2.0f;
// Penalty for a vowel eng-OCR dropped where the channel has no count for
// that letter's drop ("hoch" = hoạch: ạ -> "" was never seen): the rate at
// which the learned channel's vowels come out as nothing (42 of 16,476
// vowels of the held-in pairs, log10 -2.59).
constexpr float kDroppedVowel = -2.6f;
// OCR mode: channel penalty of a syllable for a short word without a vowel
// that could be an abbreviation ("tr" = từ, "Phd" = Phó).
constexpr float kShortGarblePenalty = -1.0f;
// OCR mode: channel penalty of a syllable for a "6" standing alone
// between words ("6" = ở).
// (0 .. -3 gave the same eng-OCR pair accuracy.)
constexpr float kLoneDigitPenalty = -1.0f;
// OCR mode: channel score of a "&" or "@" standing alone between words
// kept as a symbol (<punct>); its syllable readings ("ở") pay only the
// channel. The symbol is rare there in Vietnamese text, and kept at 0 it
// is so cheap for the LM at its position that the beam drops "ở" before
// the next word pays for the symbol. (-1.5 and -2 fixed the same pairs.)
constexpr float kLoneSymbolAsIs = -1.5f;
// OCR mode: channel score of a syllable read as its lone consonant.
constexpr float kLostVowelPenalty = -3.0f;
// OCR mode: log10 P(capital B | capital Đ) of eng-OCR, for the first
// letter of a title- or upper-case word ("Biéu" = Điều, "BONG" = ĐỒNG):
// 6 of the 365 capital Đ of the rendered eng-OCR pairs (train + eval)
// came out as B, none of their 1,131 lower-case đ as b. The learned
// channel is case-folded and gives đ -> b only about -2.6.
constexpr float kCapitalStrokeAsB = -1.8f;
// OCR mode: channel score of a valid syllable with diacritics taken as is.
constexpr float kValidAsWritten = -0.5f;
// Light pass: penalty for replacing a valid syllable.
constexpr float kChangeValidPenalty = -2.0f;
// ... and for a word the OCR engine reported with low confidence.
constexpr float kLowConfidencePenalty = -0.7f;
// A title-case syllable inside a sentence whose capital differs from its
// small letter only in size is read as lower case when the corpus writes
// it title case there at most this often (log10 of the case prior's
// P(title): 1 %; "của" 0.007 %, "chức" 0.02 %, "các" 0.4 % are; "chuyên"
// 1.04 %, "chi" 9 %, "công" 15 %, "viện" 39 % are not).
constexpr float kCaseGarbleMaxTitleLogP = -2.0f;
// Light vie pass: channel score of an observed valid syllable that the LM
// does not know ("khỏng" for không, "nganh" for ngành). The LM scores it
// as <unk>, the class of every word outside its vocabulary, which at a
// given position is often likelier than a frequent sibling; one rare
// syllable is a small share of that class. Held-out vie pairs (light /
// heavy cells 1000 / 2000 words fixed): 0 12 / 435 / 456, -2 12 / 439 /
// 469, -4 12 / 440 / 472, -6 12 / 441 / 474 but slower; no clean word
// broken at any value.
constexpr float kVieUnknownSyllable = -4.0f;
constexpr float kLowOcrConfidence = 60.0f;  // Tesseract's 0..100 scale
constexpr size_t kMaxCands = 40;
// Decoding: extra log10 beam threshold behind a word offered as written
// plus its OCR readings (AddAsIsAndReadings), whose as-written <unk> or
// <punct> the LM finds likely there but not before the next word (2..8
// fixed the same pair words: "Dw thảo" = Dự thảo, "Tht trưởng" = Thứ).
constexpr float kAsIsBeamSlack = 4.0f;
// Light vie pass, letter edits (RestoreOptions::vie_letter_edits): channel
// score of a syllable whose skeleton is one letter away from the observed
// word's, before its tone and mark terms.
constexpr float kLetterEditPenalty = -3.0f;
// ... tried only for words whose LM score between their observed
// neighbours (log10 P(word | left) + log10 P(next | left, word)) is below
// this,
constexpr float kLetterEditSuspect = -5.5f;
// ... with syllables not rarer than this (unigram log10),
constexpr float kLetterEditMinUnigram = -5.5f;
// ... keeping at most this many of them (best first).
constexpr size_t kLetterEditMaxCands = 4;
// The tone and mark terms of a letter-edit candidate count this fraction of
// the vie channel's weight: a degraded glyph misread as another letter
// often loses or gains its marks with it ("Năm" read "Náu").
constexpr float kLetterEditDiacriticWeight = 0.5f;
// Edits and splits only for words up to this many bytes (they cost
// O(length^2) look-ups; real merged syllable pairs are shorter).
constexpr size_t kMaxEditBytes = 24;
constexpr size_t kMaxSkeletonCands = 20;
// Confidences: candidates this far (log10) below the chosen one before
// their right context is scored are left out of the posterior (each would
// add < 1e-5 of it).
constexpr float kConfidenceSkip = 5.0f;

struct Cand {
  WordId w[kMaxPieces] = {0, 0, 0, 0};
  uint8_t n = 1;  // syllables in w (more than one: a split merged word)
  float channel = 0.0f;  // log10
  std::string text;      // lower-case output ("" = keep the original)
  bool verbatim = false; // output `text` as is (acronyms)
};

enum class UnitKind { kSkip, kFixed, kBreak, kWord };

struct Unit {
  UnitKind kind = UnitKind::kSkip;
  size_t offset = 0;
  std::string_view text;
  WordId fixed = 0;           // kFixed
  std::vector<Cand> cands;    // kWord; empty -> behaves as kFixed <unk>
  bool space_after = false;   // OCR: "hoc2023" -> "học 2023"; a comma
                              // split off a number: "t6,02" -> "tô, 02"
  bool original_valid = false;
  int original_cand = -1;     // light pass: the candidate equal to the input
  int chosen = -1;
  float confidence = 1.0f;
  RestoreMode mode = RestoreMode::kStripped;
  bool light = false;
  float change_penalty = kChangeValidPenalty;  // light pass, valid input
  bool vie = false;          // light pass with the vie channel
  bool mid_sentence = false; // a word precedes it in the sentence
  bool lone = false;         // spaces (or the paragraph's ends) around it
  bool after_number = false; // right after a number (a space between at most)
  bool as_is_readings = false; // AddAsIsAndReadings made the candidates
  float vie_lambda = 1.0f;   // its weight for this word
  bool letter_edit = false;  // vie pass: may get letter-edit candidates
  bool case_garble = false;  // vie pass: a title-case word read as lower case
  bool after_capital = false;  // the word before it in the sentence is capitalised
  bool title_in_sentence = false;  // vie pass: title case inside a sentence, not garble
  float self_channel = 0.0f; // ... its own channel score (cands cleared)
};

// Letter edits: the diacritics of a syllable packed for the vie channel:
// bits 0-2 its tone (text::Tone), then 2 bits per mark kind (circumflex,
// breve, horn: how many letters carry it), bit 9 a đ.
uint16_t DiacriticFeatures(std::string_view syllable) {
  int counts[4] = {0, 0, 0, 0}, d = 0;
  size_t pos = 0;
  while (pos < syllable.size()) {
    text::Letter l;
    if (!text::DecomposeLetter(NextCodePoint(syllable, &pos), &l)) continue;
    switch (l.mark) {
      case text::Mark::kCircumflex: ++counts[1]; break;
      case text::Mark::kBreve: ++counts[2]; break;
      case text::Mark::kHorn: ++counts[3]; break;
      case text::Mark::kStroke: d = 1; break;
      default: break;
    }
  }
  uint16_t f = static_cast<uint16_t>(text::SyllableTone(syllable));
  for (int k = 1; k < 4; ++k) f |= static_cast<uint16_t>(std::min(counts[k], 3) << (1 + 2 * k));
  return static_cast<uint16_t>(f | (d << 9));
}

// True if skeleton `b` is one letter (substituted, inserted or deleted)
// away from `a`; i for y is a spelling variant ("mĩ", "mỹ"), not an OCR
// error.
bool OneLetterAway(const std::string& a, const std::string& b) {
  if (a.size() == b.size()) {
    int diff = 0;
    bool iy = false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i] == b[i]) continue;
      ++diff;
      iy |= (a[i] == 'i' || a[i] == 'y') && (b[i] == 'i' || b[i] == 'y');
    }
    return diff == 1 && !iy;
  }
  const std::string& s = a.size() < b.size() ? a : b;
  const std::string& l = a.size() < b.size() ? b : a;
  if (l.size() != s.size() + 1) return false;
  size_t i = 0;
  while (i < s.size() && s[i] == l[i]) ++i;
  return s.compare(i, std::string::npos, l, i + 1) == 0;
}

struct Hyp {
  State state;
  float score;
  int32_t prev;  // index into the previous layer, -1 at the start
  int16_t cand;  // candidate index, -1 for fixed units
};

bool IsUpperLetter(char32_t c) {
  text::Letter l;
  return text::DecomposeLetter(c, &l) && l.upper;
}

char32_t SetCase(char32_t c, bool upper) {
  text::Letter l;
  if (!text::DecomposeLetter(c, &l)) return c;
  l.upper = upper;
  const char32_t out = text::ComposeLetter(l);
  return out ? out : c;
}

// Lower-cases letters, keeps other characters (digits, symbols of garbled
// OCR words).
std::string LowerKeep(std::string_view s) {
  std::string out;
  size_t pos = 0;
  while (pos < s.size()) AppendUtf8(SetCase(NextCodePoint(s, &pos), false), &out);
  return out;
}

// The base letter of a vowel of another Latin alphabet that Tesseract
// `vie` emits for a Vietnamese vowel with marks (ö, ï, ë, ü, ä, å, ø, ÿ,
// any case), or 0.
char32_t ForeignVowelBase(char32_t c) {
  switch (c) {
    case U'ö': case U'ø': return U'o';
    case U'Ö': case U'Ø': return U'O';
    case U'ï': return U'i';
    case U'Ï': return U'I';
    case U'ë': return U'e';
    case U'Ë': return U'E';
    case U'ü': return U'u';
    case U'Ü': return U'U';
    case U'ä': case U'å': return U'a';
    case U'Ä': case U'Å': return U'A';
    case U'ÿ': return U'y';
    default: return 0;
  }
}

// `word` with its foreign vowels (ForeignVowelBase) folded to their base
// letter, or left out if `drop`; empty if it has none (the common case
// allocates nothing).
std::string FoldForeignVowels(std::string_view word, bool drop) {
  size_t pos = 0;
  size_t first = std::string_view::npos;
  while (pos < word.size() && first == std::string_view::npos) {
    const size_t at = pos;
    if (ForeignVowelBase(NextCodePoint(word, &pos)) != 0) first = at;
  }
  if (first == std::string_view::npos) return {};
  std::string out(word.substr(0, first));
  pos = first;
  while (pos < word.size()) {
    const char32_t c = NextCodePoint(word, &pos);
    const char32_t base = ForeignVowelBase(c);
    if (base != 0 && drop) continue;
    AppendUtf8(base != 0 ? base : c, &out);
  }
  return out;
}

// Re-applies the letter case of `original` to the lower-case `restored`.
std::string ApplyCase(std::string_view original, std::string_view restored) {
  const std::u32string o = Utf8ToU32(original);
  std::u32string r = Utf8ToU32(restored);
  int letters = 0, upper = 0;
  bool all_letters = true;
  for (char32_t c : o) {
    text::Letter l;
    if (text::DecomposeLetter(c, &l)) {
      ++letters;
      upper += l.upper;
    } else {
      all_letters = false;
    }
  }
  if (upper == 0) return std::string(restored);
  // A syllable is lower, title or upper case: an OCR capital inside a
  // word ("nudC" -> "nước", "hOach" -> "hoạch") is garble, not case.
  const bool mixed = upper < letters && !(upper == 1 && IsUpperLetter(o[0]));
  if (mixed && all_letters && restored.find(' ') == std::string_view::npos) {
    for (size_t i = 0; i < r.size(); ++i) r[i] = SetCase(r[i], i == 0 && IsUpperLetter(o[0]));
    return U32ToUtf8(r);
  }
  if (all_letters && o.size() == r.size()) {
    for (size_t i = 0; i < r.size(); ++i) r[i] = SetCase(r[i], IsUpperLetter(o[i]));
  } else if (upper == letters && letters >= 2) {
    for (char32_t& c : r) c = SetCase(c, true);
  } else {
    // Title case: the first letter of the first character that was upper.
    if (!r.empty() && !o.empty() &&
        (IsUpperLetter(o[0]) || (o.size() > 1 && IsUpperLetter(o[1])))) {
      r[0] = SetCase(r[0], true);
    }
  }
  return U32ToUtf8(r);
}

// Upper-case Roman numerals (I..XXXIX) stay as they are: "I. MUC TIEU".
bool IsRomanNumeral(std::string_view t) {
  if (t.empty() || t.size() > 6) return false;
  for (char c : t) {
    if (c != 'I' && c != 'V' && c != 'X') return false;
  }
  return true;
}

// Two or more upper-case letters and no vowel: an acronym ("GD", "QLCL",
// "TrTH" has a lower-case letter but no vowel either), never a syllable.
bool IsAcronymLike(std::string_view t) {
  int letters = 0, upper = 0;
  size_t pos = 0;
  while (pos < t.size()) {
    text::Letter l;
    if (!text::DecomposeLetter(NextCodePoint(t, &pos), &l)) return false;
    ++letters;
    upper += l.upper;
    if (l.base == 'a' || l.base == 'e' || l.base == 'i' || l.base == 'o' ||
        l.base == 'u' || l.base == 'y') {
      return false;
    }
  }
  return letters >= 2 && upper >= 1;
}

bool IsAllUpper(std::string_view t) {
  int letters = 0;
  size_t pos = 0;
  while (pos < t.size()) {
    text::Letter l;
    if (!text::DecomposeLetter(NextCodePoint(t, &pos), &l)) continue;
    if (!l.upper) return false;
    ++letters;
  }
  return letters >= 2;
}

size_t CodePointCount(std::string_view t) {
  size_t pos = 0, n = 0;
  while (pos < t.size()) {
    NextCodePoint(t, &pos);
    ++n;
  }
  return n;
}

// Lower ("tổ"), title ("Tổ") or upper ("TỔ") case: the only words the vie
// channel may change (mixed case is a code or a name: "iPhone", "KHvà").
bool PlainCase(std::string_view t) { return CaseOf(t) != WordCase::kOther; }

// "đƯỢC", "nƯỚC", "tÔ": letters only, the first lower case, capitals after
// it. Tesseract `vie` mixes up the capital and small forms of letters that
// differ only in size (c, o, ô, ơ, ư, x, ...) on poor scans; no Vietnamese
// word is written that way (codes and names start with a capital: "KHvà",
// and "iPhone" is not a syllable), so such a word is read as lower case.
bool LowerCaseGarble(std::string_view t) {
  if (CaseOf(t) != WordCase::kOther) return false;
  size_t pos = 0;
  if (IsUpperLetter(NextCodePoint(t, &pos))) return false;
  pos = 0;
  while (pos < t.size()) {
    text::Letter l;
    if (!text::DecomposeLetter(NextCodePoint(t, &pos), &l)) return false;
  }
  return true;
}

// A space token toks[i] (inside the paragraph [.., e)) ends the LM
// sentence when it holds a tab (table cells: flattened tables separate
// cells by tabs) or a line break not followed by a lower-case word (nor
// by a lone '&' or '@', eng-OCR's "ở", and a lower-case word; a new
// line starting with a capital, a digit, a bullet or a dash is a heading,
// a list item or a table row, as each corpus line is a sentence for the
// trainer; a wrapped line continues in lower case).
bool EndsSentence(const std::vector<Token>& toks, size_t i, size_t e) {
  const std::string_view sp = toks[i].text;
  if (sp.find('\t') != std::string_view::npos) return true;
  if (sp.find('\n') == std::string_view::npos) return false;
  // A wrapped line may start with eng-OCR's '&' or '@' for "ở" ("chỉ
  // dừng⏎& mức"): the lower-case word after it decides.
  if (i + 3 < e && (toks[i + 1].text == "&" || toks[i + 1].text == "@") &&
      toks[i + 2].text == " ") {
    i += 2;
  }
  if (i + 1 >= e || toks[i + 1].kind != TokenKind::kWord) return true;
  size_t pos = 0;
  return IsUpperLetter(NextCodePoint(toks[i + 1].text, &pos));
}

bool IsGlueSymbol(std::string_view t) {
  return t == "\u00a2" || t == "\u20ac" || t == "@" || t == "|" || t == "$" || t == "\u00a7" ||
         t == "\u00a9" || t == "\u00ae";
}

// `obs` with the digits and symbols eng-OCR uses for letters replaced by
// those letters (6 0 -> o, 4 @ & -> a, ¢ € -> e, w -> u; 1 | -> `one`).
std::string MapLetterDigits(std::string_view obs, char one) {
  std::string mapped;
  size_t pos = 0;
  while (pos < obs.size()) {
    const char32_t c = NextCodePoint(obs, &pos);
    switch (c) {
      case '6': case '0': mapped += 'o'; break;
      case '4': case '@': case '&': mapped += 'a'; break;
      case '1': case '|': mapped += one; break;
      case 0xA2: case 0x20AC: mapped += 'e'; break;
      case 'w': mapped += 'u'; break;
      default: AppendUtf8(c, &mapped);
    }
  }
  return mapped;
}

// OCR mode: token k may be part of a garbled word: a word, a glue symbol,
// a single digit, or "1" and one of the digits eng-OCR reads for marked
// vowels (4 6) directly before lower-case letters that no digit follows,
// when "l", that vowel and the letters are the skeleton of a syllable
// (`is_skeleton`): "16i" = lối, "16p" = lớp; "10a", "12A", "16h30",
// "14g", "16km" stay numbers.
// A number token of one letter-like digit (0 1 4 6), a comma and more
// digits: "6,02" (see the glue step of BuildUnits).
bool IsDigitCommaNumber(const Token& t) {
  return t.kind == TokenKind::kNumber && t.text.size() >= 3 &&
         std::string_view("0146").find(t.text[0]) != std::string_view::npos &&
         t.text[1] == ',' && t.text[2] >= '0' && t.text[2] <= '9';
}

// One upper-case letter and nothing else.
bool IsOneUpperLetter(std::string_view t) {
  size_t pos = 0;
  return !t.empty() && IsUpperLetter(NextCodePoint(t, &pos)) && pos == t.size();
}

// Lower-case units of measure without a vowel, which the OCR candidates
// would read as syllables ("km" -> "kim", "kg" -> "kệ").
bool IsUnitOfMeasure(std::string_view t) {
  for (std::string_view unit : {"km", "kg", "cm", "mm", "ml", "mg", "kw", "kwh", "mw",
                                "gb", "mb", "kb", "tb", "mhz", "ghz", "kv", "db"}) {
    if (t == unit) return true;
  }
  return false;
}

bool IsApostrophe(std::string_view t) { return t == "\u2019" || t == "'"; }

// toks[k] is an apostrophe that eng-OCR made of a vowel's horn or tone mark
// ("co’" = cơ, "trud’ng" = trường, "hoa’" = hoá): attached to the end of a
// word and either followed by letters or not closing a quotation opened
// earlier on its line (‘ or a ' after a space).
bool MarkApostrophe(const std::vector<Token>& toks, size_t k, size_t e) {
  if (k == 0 || toks[k - 1].kind != TokenKind::kWord) return false;
  if (k + 1 < e && toks[k + 1].kind == TokenKind::kWord) return true;
  for (size_t j = k - 1; j-- > 0;) {
    const std::string_view t = toks[j].text;
    if (t.find('\n') != std::string_view::npos) break;
    if (t == "\u2018" ||
        (t == "'" && (j == 0 || toks[j - 1].kind == TokenKind::kSpace))) {
      return false;
    }
  }
  return true;
}

// `is_skeleton(skel)`: a syllable has that skeleton; `reads(obs)`: the OCR
// channel reads a syllable in the lower-cased observed string.
template <typename IsSkeleton, typename Reads>
bool Glueable(const std::vector<Token>& toks, size_t k, size_t e,
              const IsSkeleton& is_skeleton, const Reads& reads) {
  const Token& t = toks[k];
  if (t.text == "|") {
    // A column rule, not an "l": a bar standing alone, or one directly
    // before a capital ("thu|Kiểm tra", seed 003's ruled table).
    const bool space_before = k == 0 || toks[k - 1].kind == TokenKind::kSpace;
    const bool space_after = k + 1 >= e || toks[k + 1].kind == TokenKind::kSpace;
    if (space_before && space_after) return false;
    if (k + 1 < e && toks[k + 1].kind == TokenKind::kWord) {
      size_t pos = 0;
      if (IsUpperLetter(NextCodePoint(toks[k + 1].text, &pos))) return false;
    }
    // Between two words of two letters or more, a rule too unless an "l"
    // there spells a syllable with either or both ("cua|thdng" is của |
    // tháng; "|ap" is lập).
    if (k > 0 && k + 1 < e && toks[k - 1].kind == TokenKind::kWord &&
        toks[k + 1].kind == TokenKind::kWord) {
      const std::string left = LowerKeep(toks[k - 1].text);
      const std::string right = LowerKeep(toks[k + 1].text);
      if (CodePointCount(left) >= 2 && CodePointCount(right) >= 2 &&
          !is_skeleton(text::Skeleton(left + "l")) &&
          !is_skeleton(text::Skeleton("l" + right)) &&
          !is_skeleton(text::Skeleton(left + "l" + right))) {
        return false;
      }
    }
    return true;
  }
  if (t.kind == TokenKind::kWord || IsGlueSymbol(t.text)) return true;
  if (IsApostrophe(t.text)) return MarkApostrophe(toks, k, e);
  if (t.text == "?") {
    // eng-OCR's reading of the hook or tilde of a horn u ("tri?" = trữ,
    // "mi?c" = mức, "thi? ba" = thứ ba): at the end of a word, followed by
    // letters or by a space and a lower-case word, when the channel reads
    // a syllable in the word with it or the word is garble without it
    // ("gif?" = giữ). A question mark ends a sentence: a capital or the
    // end of the line follows, or the word is one without it ("tại sao?
    // rồi").
    if (k == 0 || toks[k - 1].kind != TokenKind::kWord) return false;
    const bool letters_after = k + 1 < e && toks[k + 1].kind == TokenKind::kWord;
    if (!letters_after &&
        !(k + 2 < e && toks[k + 1].text == " " && toks[k + 2].kind == TokenKind::kWord &&
          CaseOf(toks[k + 2].text) == WordCase::kLower)) {
      return false;
    }
    const std::string before = LowerKeep(toks[k - 1].text);
    return !is_skeleton(text::Skeleton(before)) ||
           reads(before + "?" + (letters_after ? LowerKeep(toks[k + 1].text) : std::string()));
  }
  if (t.text == "&") {
    // A marked vowel read as '&' ("phong &m nhac" = phòng âm nhạc, "m&t"
    // = mặt, "truo&ng" = trường) when a lower-case word follows and no
    // upper-case one precedes ("GD&DT", "R&D", "Q&A" are names), or at the
    // end of a lower- or title-case word ("d&" = đã, "ngt&" = ngữ).
    const bool word_before = k > 0 && toks[k - 1].kind == TokenKind::kWord;
    if (k + 1 < e && toks[k + 1].kind == TokenKind::kWord) {
      size_t pos = 0;
      if (IsUpperLetter(NextCodePoint(toks[k + 1].text, &pos))) return false;
      if (!word_before) return true;
    } else if (!word_before) {
      return false;
    }
    const WordCase before = CaseOf(toks[k - 1].text);
    return before == WordCase::kLower || before == WordCase::kTitle;
  }
  if (t.kind != TokenKind::kNumber) return false;
  if (t.text.size() == 1) {
    // A digit before one capital letter that ends the word is a class or
    // a code ("lớp 6A", "9B"), before a unit a quantity ("2kg"), not a
    // garbled syllable.
    if (k + 1 >= e || toks[k + 1].kind != TokenKind::kWord) return true;
    const std::string_view next = toks[k + 1].text;
    const bool word_ends = k + 2 >= e || (toks[k + 2].kind != TokenKind::kWord &&
                                          toks[k + 2].kind != TokenKind::kNumber &&
                                          !IsGlueSymbol(toks[k + 2].text));
    return !(word_ends && (IsUnitOfMeasure(next) || IsOneUpperLetter(next)));
  }
  if (t.text.size() != 2 || t.text[0] != '1' ||
      std::string_view("46").find(t.text[1]) == std::string_view::npos ||
      k + 1 >= e || toks[k + 1].kind != TokenKind::kWord ||
      (k + 2 < e && toks[k + 2].kind == TokenKind::kNumber)) {
    return false;
  }
  const std::string_view w = toks[k + 1].text;
  size_t pos = 0;
  if (IsUpperLetter(NextCodePoint(w, &pos))) return false;
  return is_skeleton(text::Skeleton(MapLetterDigits(t.text, 'l') + std::string(w)));
}

}  // namespace

struct Restorer::Impl {
  const Restorer& r;
  const RestoreOptions& opt;
  // RestorePage: byte span [b, e) and OCR confidence (0..100) of every
  // word, in offset order; a light pass lets unsure words change more
  // easily, and they weigh the vie channel less. Null for plain text.
  struct WordSpan {
    size_t b, e;
    float confidence;
  };
  const std::vector<WordSpan>* spans = nullptr;

  // The OCR confidence of the word at `offset`: its Word's on a page,
  // RestoreOptions::text_confidence for a text without any.
  float OcrConfidence(size_t offset) const {
    if (spans == nullptr) return opt.text_confidence;
    auto it = std::upper_bound(spans->begin(), spans->end(), offset,
                               [](size_t o, const WordSpan& s) { return o < s.b; });
    if (it == spans->begin()) return 100.0f;
    --it;
    return offset < it->e ? it->confidence : 100.0f;
  }
  bool IsLowConfidence(size_t offset) const {
    return OcrConfidence(offset) < kLowOcrConfidence;
  }

  // LM ids of number / punctuation tokens (lm_tokens.h classes), <num> /
  // <punct> with a model that lacks the class.
  WordId NumberId(std::string_view t) const {
    const WordId id = r.model_.Index(NumberClassWord(t));
    return id == r.model_.unk() ? r.model_.num() : id;
  }
  WordId PunctId(std::string_view t) const {
    const WordId id = r.model_.Index(PunctClassWord(t));
    return id == r.model_.unk() ? r.model_.punct() : id;
  }

  void AddUnique(std::vector<Cand>* cands, Cand c) const {
    for (Cand& e : *cands) {
      if (e.w[0] == c.w[0] && e.n == c.n && std::equal(c.w + 1, c.w + c.n, e.w + 1)) {
        e.channel = std::max(e.channel, c.channel);
        return;
      }
    }
    cands->push_back(std::move(c));
  }

  Cand Single(WordId id, float channel) const {
    Cand c;
    c.w[0] = id;
    c.channel = channel;
    c.text = std::string(r.model_.Word(id));
    return c;
  }

  void SkeletonCands(const std::string& skel, float channel,
                     std::vector<Cand>* out) const {
    auto it = r.by_skeleton_.find(skel);
    if (it == r.by_skeleton_.end()) return;
    for (WordId id : it->second) AddUnique(out, Single(id, channel));
  }

  // OCR-mode candidates for one observed (lower-cased) string.
  void OcrCands(const std::string& obs, std::vector<Cand>* out) const {
    std::vector<std::pair<WordId, float>> ch;
    r.channel_.Candidates(obs, r.model_, &ch);
    for (const auto& [id, lp] : ch) AddUnique(out, Single(id, lp));
    SkeletonCands(text::Skeleton(obs), kUnexplainedPenalty, out);
    if (out->empty()) {
      // Digits and symbols eng-OCR uses for letters: "d6i" -> "doi"; 1 and
      // | are l or i ("Ho1" -> "hoi", "g1a0" -> "giao").
      for (const char one : {'l', 'i'}) {
        SkeletonCands(text::Skeleton(MapLetterDigits(obs, one)),
                      kUnexplainedPenalty - 0.5f, out);
      }
    }
  }

  // A title- or upper-case eng-OCR word whose capital B is a capital Đ
  // ("Biéu" = Điều): the syllables starting with đ that the channel reads
  // in `lower` with its b read as d, at kCapitalStrokeAsB for the B.
  void CapitalStrokeAsBCands(const std::string& lower, std::vector<Cand>* out) const {
    std::string stroke = lower;  // lower[0] is the b
    stroke[0] = 'd';
    std::vector<Cand> read;
    OcrCands(stroke, &read);
    for (Cand& c : read) {
      if (c.n != 1 || !c.text.starts_with("\u0111")) continue;
      c.channel += kCapitalStrokeAsB;
      AddUnique(out, std::move(c));
    }
  }

  // One-edit neighbours of a garbled word: a character deleted ("khiac"
  // -> "khac", "clir" -> "cir"), looked up in the channel; a vowel
  // replaced ("cic" -> "cac"), by skeleton; or a vowel inserted ("hoch"
  // -> "hoach"), looked up in the channel at kDroppedVowel.
  void EditCands(const std::string& obs, std::vector<Cand>* out) const {
    const std::u32string u = Utf8ToU32(obs);
    if (u.size() < 3) return;
    std::vector<std::pair<WordId, float>> ch;
    for (size_t i = 0; i < u.size(); ++i) {
      std::u32string del = u.substr(0, i) + u.substr(i + 1);
      const std::string d = U32ToUtf8(del);
      ch.clear();
      r.channel_.Candidates(d, r.model_, &ch);
      for (const auto& [id, lp] : ch) AddUnique(out, Single(id, lp + kEditPenalty));
      SkeletonCands(text::Skeleton(d), kUnexplainedPenalty + kEditPenalty, out);
      text::Letter l;
      if (text::DecomposeLetter(u[i], &l) &&
          std::string_view("aeiouy").find(static_cast<char>(l.base)) !=
              std::string_view::npos) {
        for (char v : std::string_view("aeiouy")) {
          if (static_cast<char32_t>(v) == l.base) continue;
          std::u32string sub = u;
          sub[i] = static_cast<char32_t>(v);
          SkeletonCands(text::Skeleton(U32ToUtf8(sub)),
                        kUnexplainedPenalty + kEditPenalty, out);
        }
      }
    }
    // A vowel the OCR dropped ("hoch" = hoạch): inserted, read by the
    // channel, at the rate at which eng-OCR drops a vowel.
    for (size_t i = 0; i <= u.size(); ++i) {
      for (char v : std::string_view("aeiouy")) {
        std::u32string ins = u;
        ins.insert(ins.begin() + i, static_cast<char32_t>(v));
        ch.clear();
        r.channel_.Candidates(U32ToUtf8(ins), r.model_, &ch);
        for (const auto& [id, lp] : ch) AddUnique(out, Single(id, lp + kDroppedVowel));
      }
    }
  }

  // A lone consonant in eng-OCR text ("Can b quan ly") is an abbreviation
  // ("b/c" has no spaces around it, "ông A" is upper case in a name) or a
  // syllable whose vowel was lost ("bộ"): the letter itself as <punct>,
  // or a consonant + one vowel syllable at kLostVowelPenalty.
  void LostVowelCands(Unit* u) const {
    Cand self;
    self.w[0] = r.model_.punct();
    self.text = std::string(u->text);
    self.verbatim = true;
    u->cands.push_back(std::move(self));
    const std::string onset = LowerKeep(u->text);
    for (char v : std::string_view("aeiouy")) {
      SkeletonCands(onset + v, kLostVowelPenalty, &u->cands);
    }
    if (u->cands.size() == 1) u->cands.clear();
  }

  // Splits of a merged word into two syllables; when there is none and
  // no other candidate either, into more (MultiSplitCands) if `multi`.
  // A short lower- or title-case eng-OCR word without a vowel, which
  // would be kept as an abbreviation or acronym ("tr", "Tw", "Phd"), may be
  // a syllable whose vowel was read as a consonant ("tr" = từ, "Tw" = Từ,
  // "Phd" = Phó, "Tht" = Thủ): the word as is (channel 0) and its OCR
  // candidates at kShortGarblePenalty, the LM decides. Upper-case words
  // and known acronyms are left to FinishWord. True if candidates were
  // made.
  bool ShortGarbleCands(Unit* u) const {
    if (u->mode != RestoreMode::kOcr || u->light) return false;
    const WordCase wc = CaseOf(u->text);
    if (wc != WordCase::kLower && wc != WordCase::kTitle) return false;
    const size_t n = CodePointCount(u->text);
    if (n < 2 || n > 3 || IsRomanNumeral(u->text) ||
        !(IsAcronymLike(u->text) || IsAbbreviationLetters(u->text)) ||
        r.acronyms_.contains(std::string(u->text))) {
      return false;
    }
    std::vector<Cand> garbled;
    OcrCands(LowerKeep(u->text), &garbled);
    if (garbled.empty()) return false;
    const WordId self = IsAbbreviationLetters(u->text)
                            ? r.model_.punct()
                            : r.model_.Index(LowerVietnamese(u->text));
    AddAsIsAndReadings(self, std::move(garbled), kShortGarblePenalty, u);
    return true;
  }

  // The unit's text kept as written (LM id `self`, channel `as_is`) and the
  // OCR channel's most likely `readings` of it at `penalty` (log10), at
  // most kMaxCands in all. (The channel lists readings in vocabulary order:
  // cut unsorted, "6" lost "ở", its 9th most likely reading of 50.)
  static void AddAsIsAndReadings(WordId self, std::vector<Cand> readings, float penalty,
                                 Unit* u, float as_is_channel = 0.0f) {
    std::stable_sort(readings.begin(), readings.end(),
                     [](const Cand& a, const Cand& b) { return a.channel > b.channel; });
    u->as_is_readings = true;
    Cand as_is;
    as_is.w[0] = self;
    as_is.channel = as_is_channel;
    as_is.text = std::string(u->text);
    as_is.verbatim = true;
    u->cands.push_back(std::move(as_is));
    for (Cand& c : readings) {
      c.channel += penalty;
      u->cands.push_back(std::move(c));
    }
    if (u->cands.size() > kMaxCands) u->cands.resize(kMaxCands);
  }

  // toks[i] is a "6", "&", "@" or "¢" standing alone between a word and a
  // lower- or title-case word (spaces around it): eng-OCR's reading of the
  // word "ở" (or ô, ố ...; "ở Nam Định"), or a number ("6 năm trước"), or a
  // symbol ("học & hành").
  static bool LoneVowelDigit(const std::vector<Token>& toks, size_t i, size_t b,
                             size_t e) {
    const std::string_view t = toks[i].text;
    if ((t != "6" && t != "&" && t != "@" && t != "\u00a2") || i < b + 2 || i + 2 >= e) {
      return false;
    }
    // A digit starting a line may number it; a symbol is ở on a wrapped
    // line too ("chỉ dừng⏎& mức").
    if (toks[i - 1].kind != TokenKind::kSpace || toks[i + 1].kind != TokenKind::kSpace ||
        (t == "6" && toks[i - 1].text.find('\n') != std::string_view::npos)) {
      return false;
    }
    if (toks[i - 2].kind != TokenKind::kWord || toks[i + 2].kind != TokenKind::kWord) {
      return false;
    }
    const WordCase next = CaseOf(toks[i + 2].text);
    return next == WordCase::kLower || next == WordCase::kTitle;
  }

  // The number as is (channel 0) and the syllables the OCR channel reads
  // in it at kLoneDigitPenalty, or the symbol as is at kLoneSymbolAsIs and
  // its readings; false if there are none.
  bool LoneVowelDigitCands(Unit* u) const {
    std::vector<Cand> read;
    OcrCands(std::string(u->text), &read);
    if (read.empty()) return false;
    u->kind = UnitKind::kWord;
    if (u->text[0] >= '0' && u->text[0] <= '9') {
      AddAsIsAndReadings(NumberId(u->text), std::move(read), kLoneDigitPenalty, u);
    } else {
      AddAsIsAndReadings(PunctId(u->text), std::move(read), 0.0f, u, kLoneSymbolAsIs);
    }
    return true;
  }

  void SplitCands(const std::string& obs, bool multi, std::vector<Cand>* out) const {
    const std::u32string u = Utf8ToU32(obs);
    if (u.size() < 4) return;
    std::vector<Cand> splits;
    for (size_t i = 2; i + 2 <= u.size(); ++i) {
      std::vector<Cand> left, right;
      OcrCands(U32ToUtf8(u.substr(0, i)), &left);
      OcrCands(U32ToUtf8(u.substr(i)), &right);
      if (left.empty() || right.empty()) continue;
      KeepLikeliest(&left, 8);
      KeepLikeliest(&right, 8);
      for (const Cand& a : left) {
        for (const Cand& b : right) {
          Cand c;
          c.n = 2;
          c.w[0] = a.w[0];
          c.w[1] = b.w[0];
          c.channel = a.channel + b.channel + kSplitPenalty;
          c.text = a.text + " " + b.text;
          splits.push_back(std::move(c));
        }
      }
    }
    std::sort(splits.begin(), splits.end(), [](const Cand& a, const Cand& b) {
      return a.channel > b.channel;
    });
    if (splits.size() > kMaxCands) splits.resize(kMaxCands);
    for (Cand& c : splits) out->push_back(std::move(c));
    if (multi && out->empty()) MultiSplitCands(u, out);
  }

  // Keeps the `n` single-syllable candidates most likely under channel x
  // unigram, most likely first.
  void KeepLikeliest(std::vector<Cand>* v, size_t n) const {
    auto key = [this](const Cand& c) {
      return c.channel + r.model_.UnigramLogProb(c.w[0]);
    };
    std::sort(v->begin(), v->end(),
              [&key](const Cand& a, const Cand& b) { return key(a) > key(b); });
    if (v->size() > n) v->resize(n);
  }

  // Splits of a merged word `u` into 3..kMaxPieces syllables of at least
  // two characters each ("troconthap" -> "trợ còn thấp", "viénvécoéngtac"
  // -> "viên về công tác"): a piece's candidates are its OCR candidates, or
  // its one-edit neighbours when it has none ("coéng" -> "công"); a
  // left-to-right beam over piece boundaries ranks partial splits by
  // channel + split penalties + the LM over their pieces (no outside
  // context); the best kMultiSplitCands complete ones scoring at least
  // kMultiSplitMinPerPiece per piece are added, scored by channel + split
  // penalties (the decoder adds the LM in context). Only for words without
  // any other candidate.
  void MultiSplitCands(const std::u32string& u, std::vector<Cand>* out) const {
    const size_t len = u.size();
    if (len < kMultiSplitMinChars) return;
    std::map<std::pair<size_t, size_t>, std::vector<Cand>> pieces;
    auto piece = [&](size_t i, size_t j) -> const std::vector<Cand>& {
      auto [it, fresh] = pieces.try_emplace({i, j});
      if (fresh) {
        const std::string p = U32ToUtf8(u.substr(i, j - i));
        OcrCands(p, &it->second);
        EditCands(p, &it->second);
        std::erase_if(it->second, [](const Cand& c) { return c.n != 1; });
        KeepLikeliest(&it->second, kPieceCands);
      }
      return it->second;
    };
    struct Partial {
      Cand c;
      State state;
      float score = 0.0f;  // channel + penalties + LM
    };
    std::vector<std::vector<Partial>> at(len + 1);
    Partial start;
    start.c.n = 0;
    at[0].push_back(std::move(start));
    auto better = [](const Partial& a, const Partial& b) { return a.score > b.score; };
    for (size_t i = 0; i + 2 <= len; ++i) {
      std::vector<Partial>& here = at[i];
      if (here.empty()) continue;
      std::sort(here.begin(), here.end(), better);
      if (here.size() > kMultiSplitBeam) here.resize(kMultiSplitBeam);
      for (size_t j = i + 2; j <= len; ++j) {
        if (len - j == 1) continue;  // a one-character rest is no piece
        const bool last = j == len;
        const std::vector<Cand>* pc = nullptr;
        for (const Partial& p : here) {
          // The last piece ends the word; a split has three pieces or more.
          if (last ? p.c.n < 2 : p.c.n + 1 >= kMaxPieces) continue;
          if (pc == nullptr) pc = &piece(i, j);
          for (const Cand& q : *pc) {
            Partial np = p;
            np.c.w[np.c.n] = q.w[0];
            const float step = q.channel + (p.c.n > 0 ? kSplitPenalty : 0.0f);
            np.c.channel += step;
            if (p.c.n > 0) np.c.text += ' ';
            np.c.text += q.text;
            ++np.c.n;
            np.score = p.score + step + r.model_.Score(p.state, q.w[0], &np.state);
            at[j].push_back(std::move(np));
          }
        }
      }
    }
    std::vector<Partial>& done = at[len];
    std::sort(done.begin(), done.end(), better);
    if (done.size() > kMultiSplitCands) done.resize(kMultiSplitCands);
    for (Partial& p : done) {
      if (p.score < kMultiSplitMinPerPiece * p.c.n) break;
      AddUnique(out, std::move(p.c));
    }
  }

  void BuildWordCands(Unit* u, bool glued) const {
    // A unit of measure after a number ("5 km", "500 ml") is kept.
    if (!glued && u->after_number && IsUnitOfMeasure(u->text)) return;
    if (u->lone && u->mode == RestoreMode::kOcr && !u->light && u->text.size() == 1 &&
        IsAbbreviationLetters(u->text)) {
      LostVowelCands(u);
      return;
    }
    // A capitalised OCR word of four or more letters without a vowel is a
    // garbled syllable ("Khdng" = Không), not an acronym like "Ths" or "TrTH".
    const bool garbled_title = u->mode == RestoreMode::kOcr && !u->light &&
                               CaseOf(u->text) == WordCase::kTitle && CodePointCount(u->text) >= 4;
    if (!glued && ShortGarbleCands(u)) return;
    if (!glued && (IsRomanNumeral(u->text) || (IsAcronymLike(u->text) && !garbled_title) ||
                   IsAbbreviationLetters(u->text) ||
                   (IsAllUpper(u->text) && r.acronyms_.contains(std::string(u->text)) &&
                    !r.by_skeleton_.contains(text::Skeleton(u->text))))) {
      return;  // FinishWord maps known acronyms
    }
    // vie OCR writes a marked vowel it cannot place as a foreign letter
    // ("Nguön" = Nguồn, "Tö" = Tổ, "Nguồön"): a word that spells a
    // syllable with that letter folded to its base, or dropped, is read
    // folded, never as written.
    std::string folded = u->vie ? FoldForeignVowels(u->text, false) : std::string();
    auto syllable = [](std::string_view w) {
      return text::IsValidSyllable(text::NormalizeTonePlacement(LowerKeep(w), text::ToneStyle::kNew));
    };
    if (!folded.empty() && !syllable(folded) && !syllable(FoldForeignVowels(u->text, true))) {
      folded.clear();  // "Björn", "Müller": foreign words
    }
    const std::string_view word = folded.empty() ? u->text : std::string_view(folded);
    const std::string lower = LowerKeep(word);
    const bool letters_only = !glued && !LowerVietnamese(word).empty();
    std::string norm;
    if (letters_only && u->mode == RestoreMode::kStripped && !u->light &&
        !u->vie && !HasDiacritics(lower)) {
      // A plain stripped word: only its skeleton matters (original_valid
      // is read for words with diacritics and in OCR / light passes).
      norm = lower;
    } else if (letters_only) {
      norm = text::NormalizeTonePlacement(lower, text::ToneStyle::kNew);
      u->original_valid = folded.empty() && text::IsValidSyllable(norm);
    }
    std::vector<Cand>& cands = u->cands;
    if (u->vie && !u->original_valid && letters_only && !HasDiacritics(norm) &&
        folded.empty() && !IsLowConfidence(u->offset)) {
      // Tesseract `vie` rarely drops every diacritic of a Vietnamese word:
      // a confident word without any is foreign ("League", "Madrid") or a
      // unit ("km"), kept as read.
      return;
    }
    if (u->vie && u->original_valid) {
      // vie channel: only same-skeleton syllables, the observed one scored
      // like the others (its identity probability), changes pay a margin.
      if (!PlainCase(u->text) && !LowerCaseGarble(u->text)) return;
      // Title case inside a sentence is a name ("Củng", "Bí"): kept. But
      // a capital that differs from its small letter only in size (C, O,
      // S, U, V, X, ... "Của Các tổ Chức") on a syllable the corpus almost
      // never writes title case inside a sentence is Tesseract's case
      // garble: read as lower case, unless the word before it is
      // capitalised too (a name: "Luật Xử lý"; "Của Các" is garble twice).
      size_t first = 0;
      const char32_t initial = NextCodePoint(u->text, &first);
      if (u->mid_sentence && !IsAllUpper(u->text) && IsUpperLetter(initial)) {
        text::Letter l;
        const bool size_only =
            text::DecomposeLetter(initial, &l) &&
            std::u32string_view(U"cosuvwxz").find(l.base) != std::u32string_view::npos;
        const WordId id = r.model_.Index(norm);
        // After a capitalised word it is part of a name ("Luật Xử lý").
        if (size_only && !u->after_capital && !r.title_logp_.empty() && id != r.model_.unk() &&
            r.title_logp_[id] <= kCaseGarbleMaxTitleLogP) {
          u->case_garble = true;
        } else if (r.title_logp_.empty() || opt.vie_title_weight == 0.0f) {
          return;
        } else {
          u->title_in_sentence = true;
        }
      }
      const VieChannel& ch = *r.vie_channel_;
      SkeletonCands(text::Skeleton(norm), 0.0f, &cands);
      int found = -1;
      for (size_t i = 0; i < cands.size(); ++i) {
        Cand& c = cands[i];
        if (c.n == 1 && c.text == norm) {
          found = static_cast<int>(i);
          continue;
        }
        const float lp = ch.LogProb(norm, c.text);
        c.channel = std::isfinite(lp) ? u->vie_lambda * lp - opt.vie_margin
                                      : kUnexplainedPenalty - opt.vie_margin;
      }
      if (found < 0) {
        Cand self = Single(r.model_.Index(norm), 0.0f);
        self.text = norm;
        cands.push_back(std::move(self));
        found = static_cast<int>(cands.size()) - 1;
      }
      const float self_lp = ch.LogProb(norm, norm);
      cands[found].channel = std::isfinite(self_lp) ? u->vie_lambda * self_lp : 0.0f;
      if (cands[found].w[0] == r.model_.unk()) cands[found].channel += kVieUnknownSyllable;
      u->original_cand = found;
      if (u->title_in_sentence) {
        // A title-case word inside a sentence: a name ("Phong", "Hùng") or
        // a word of one ("Phong Giáo dục" = Phòng). Each reading also pays
        // how rarely the corpus writes it title case inside a sentence,
        // so a name stays unless the LM strongly prefers a sibling.
        for (Cand& c : cands) {
          if (c.n == 1 && c.w[0] < r.title_logp_.size()) {
            c.channel += opt.vie_title_weight * r.title_logp_[c.w[0]];
          }
        }
        if (cands.size() == 1) cands.clear();
        return;  // no letter edits: a name's spelling is its own
      }
      // Letter edits (AddLetterEdits): lower case, or title case starting
      // its sentence; not one-letter words ("ở", "y").
      u->letter_edit = opt.vie_letter_edits && CaseOf(u->text) != WordCase::kUpper &&
                       CodePointCount(norm) >= 2;
      if (cands.size() == 1 && !u->letter_edit) cands.clear();  // nothing to choose
      return;
    }
    // A light pass keeps mixed-case words without diacritics: names and
    // codes ("iPhone", "PowerPoint"), not garbled syllables.
    if (u->light && CaseOf(word) == WordCase::kOther && !HasDiacritics(norm)) return;
    if (u->mode == RestoreMode::kStripped) {
      if (!letters_only) return;
      if (HasDiacritics(norm) && u->original_valid) {
        if (!u->light) return;  // trusted
      }
      SkeletonCands(text::Skeleton(norm), 0.0f, &cands);
    } else {
      OcrCands(lower, &cands);
      if (u->mode == RestoreMode::kOcr && !u->light && u->text[0] == 'B' &&
          CaseOf(u->text) != WordCase::kOther) {
        CapitalStrokeAsBCands(lower, &cands);
      }
      const WordId self_id = r.model_.Index(norm);
      if (u->original_valid && HasDiacritics(norm) && !u->light &&
          self_id != r.model_.unk()) {
        // eng-OCR cannot produce most Vietnamese letters: a valid word with
        // diacritics is likely right as written, when it is a word the LM
        // knows ("khéng", <unk>, is "không" with ô read as é).
        Cand self = Single(self_id, kValidAsWritten);
        self.text = norm;
        AddUnique(&cands, std::move(self));
      }
      // Edits are for garbled words; in a light pass not for upper-case
      // words, which are mostly codes ("COL").
      const bool short_enough = u->text.size() <= kMaxEditBytes;
      // ... nor for a capitalised ASCII word with a vowel inside a
      // sentence: a foreign name ("Plus", "Wifi", "Kung"), unless its
      // capital is an "I" that eng-OCR made of an l ("Ilwong" = lượng, "Idi"
      // = lời); "Cbng" (Công) has lost its vowel and is garble.
      const bool foreign_name =
          CaseOf(u->text) == WordCase::kTitle && u->mid_sentence && u->text[0] != 'I' &&
          !HasDiacritics(lower) && !LowerVietnamese(word).empty() &&
          lower.find_first_of("aeiouy") != std::string::npos;
      if (short_enough && !u->original_valid && !foreign_name &&
          (cands.empty() || !r.by_skeleton_.contains(text::Skeleton(lower))) &&
          !(u->light && IsAllUpper(u->text))) {
        EditCands(lower, &cands);
      }
      const bool weak = cands.empty() ||
                        std::max_element(cands.begin(), cands.end(),
                                         [](const Cand& a, const Cand& b) {
                                           return a.channel < b.channel;
                                         })->channel < -2.5f;
      // A capitalised word inside a sentence is a name, never split
      // ("Sacombank" is no "Sa cơ bản", "Toyota" no "Tay cửa"); longer
      // splits also need a lower-case word or one starting the sentence.
      const WordCase wc = CaseOf(u->text);
      const bool name_like = wc == WordCase::kTitle && u->mid_sentence;
      if (opt.split_merged && weak && !u->original_valid && short_enough && !name_like) {
        SplitCands(lower, wc == WordCase::kLower || wc == WordCase::kTitle, &cands);
      }
    }
    if (u->light && u->original_valid) {
      // A light pass never strips a valid word's diacritics ("để" -> "de").
      if (HasDiacritics(norm)) {
        std::erase_if(cands, [](const Cand& c) { return !HasDiacritics(c.text); });
      }
      // The input itself is a candidate with no penalty; others pay.
      for (Cand& c : cands) c.channel += u->change_penalty;
      Cand self = Single(r.model_.Index(norm), 0.0f);
      self.text = norm;
      int found = -1;
      for (size_t i = 0; i < cands.size(); ++i) {
        if (cands[i].n == 1 && cands[i].text == norm) found = static_cast<int>(i);
      }
      if (found >= 0) {
        cands[found].channel = 0.0f;
      } else {
        cands.push_back(std::move(self));
        found = static_cast<int>(cands.size()) - 1;
      }
      u->original_cand = found;
    }
    if (opt.case_weight != 0.0f && !r.title_logp_.empty() && u->mid_sentence &&
        !u->light && !u->vie) {
      const WordCase wc = CaseOf(u->text);
      if (wc == WordCase::kLower || wc == WordCase::kTitle) {
        const std::vector<float>& lp =
            wc == WordCase::kTitle ? r.title_logp_ : r.lower_logp_;
        for (Cand& c : cands) {
          if (c.n == 1 && !c.verbatim && c.w[0] < lp.size()) {
            c.channel += opt.case_weight * lp[c.w[0]];
          }
        }
      }
    }
    if (cands.size() > kMaxCands) {
      // The likeliest without context (channel x unigrams): cut by the
      // channel alone, a frequent syllable that only a rarer edit reaches
      // was lost to rare ones ("hoch" lost hoạch, "hiru" hữu).
      auto key = [this](const Cand& c) {
        float k = c.channel;
        for (int i = 0; i < c.n; ++i) k += r.model_.UnigramLogProb(c.w[i]);
        return k;
      };
      std::vector<std::pair<float, int>> order(cands.size());
      for (size_t i = 0; i < cands.size(); ++i) order[i] = {key(cands[i]), static_cast<int>(i)};
      std::stable_sort(order.begin(), order.end(),
                       [](const auto& a, const auto& b) { return a.first > b.first; });
      // The light pass's candidate equal to the input is always kept.
      if (u->original_cand >= 0) {
        auto it = std::find_if(order.begin(), order.end(),
                               [&](const auto& o) { return o.second == u->original_cand; });
        if (it - order.begin() >= static_cast<std::ptrdiff_t>(kMaxCands)) {
          std::iter_swap(order.begin() + (kMaxCands - 1), it);
        }
      }
      order.resize(kMaxCands);
      std::vector<Cand> kept;
      kept.reserve(kMaxCands);
      int original = -1;
      for (const auto& [k, i] : order) {
        if (i == u->original_cand) original = static_cast<int>(kept.size());
        kept.push_back(std::move(cands[i]));
      }
      cands = std::move(kept);
      u->original_cand = original;
    }
  }

  // Words without candidates: a known acronym ("GDDT" -> "GDĐT") or the
  // LM id the word itself has (its syllable if known, else <unk>).
  void FinishWord(Unit* u) const {
    if (!u->cands.empty()) return;
    const std::string lower = LowerVietnamese(u->text);
    u->fixed = lower.empty() ? r.model_.unk()
                             : r.model_.Index(text::NormalizeTonePlacement(
                                   lower, text::ToneStyle::kNew));
    if (IsAbbreviationLetters(u->text)) u->fixed = r.model_.punct();
    if (u->mode == RestoreMode::kStripped || !u->light) {
      auto it = r.acronyms_.find(std::string(u->text));
      std::string composed;
      if (it != r.acronyms_.end()) {
        composed = it->second;
      } else {
        // eng-OCR: a B read for Đ making a known acronym comes before the
        // acronym composed of known pieces as written ("CTBT" is CTĐT, not
        // CT + BT).
        if (u->mode == RestoreMode::kOcr) composed = StrokeReadAsB(u->text);
        if (composed.empty()) composed = ComposeAcronym(u->text);
      }
      if (!composed.empty() && composed != u->text) {
        Cand c;
        c.w[0] = r.model_.unk();
        c.text = std::move(composed);
        c.verbatim = true;
        u->cands.push_back(std::move(c));
      }
    }
  }

  // An upper-case ASCII acronym the table lacks, written as a sequence of
  // known acronyms ("KDCLGD" = KDCL + GD -> "KĐCLGD", "BGDDTQLCL" = BGDDT
  // + QL + C + L) with at most max(1, length / 4) letters outside them
  // ("DBL" = DB + L -> "ĐBL"). Among such segmentations the one with the
  // largest sum of squared piece lengths (long known pieces: "PGDDT" is
  // P + GDDT, not PGD + DT); "" if none exists or `t` is not such a word
  // (it must have no vowel: IsAcronymLike).
  // eng-OCR reads the capital Đ of an acronym as B about a third as often
  // as D ("CTĐT" -> "CTBT", "VĐV" -> "VBV", "ĐH" -> "BH"): for an upper-case
  // ASCII acronym the table lacks, the first B that, read as D, makes a
  // known acronym with Đ in its place gives that acronym; "" if none does.
  // (Not acronyms composed of known ones: "BGH" would be "ĐG" + H.)
  std::string StrokeReadAsB(std::string_view t) const {
    if (!IsAcronymLike(t)) return "";
    for (char ch : t) {
      if (ch < 'A' || ch > 'Z') return "";
    }
    for (size_t i = t.find('B'); i != std::string_view::npos; i = t.find('B', i + 1)) {
      std::string variant(t);
      variant[i] = 'D';
      auto it = r.acronyms_.find(variant);
      if (it == r.acronyms_.end()) continue;
      const std::u32string k = Utf8ToU32(it->second);
      if (k.size() == t.size() && k[i] == U'\u0110') return it->second;
    }
    return "";
  }

  std::string ComposeAcronym(std::string_view t) const {
    constexpr size_t kMaxLen = 16, kMaxPiece = 8;
    if (t.size() < 3 || t.size() > kMaxLen || r.acronyms_.empty() ||
        !IsAcronymLike(t)) {
      return "";
    }
    for (char ch : t) {
      if (ch < 'A' || ch > 'Z') return "";
    }
    const int max_unc = std::max<int>(1, static_cast<int>(t.size()) / 4);
    // best[i][u]: the best segmentation of t[0, i) with u uncovered letters.
    struct Cell {
      int score = -1;  // -1: unreachable
      size_t from = 0;
      int from_unc = 0;
      const std::string* out = nullptr;  // null: one uncovered letter
    };
    std::vector<std::vector<Cell>> best(t.size() + 1,
                                        std::vector<Cell>(max_unc + 1));
    best[0][0].score = 0;
    for (size_t i = 0; i < t.size(); ++i) {
      for (int u = 0; u <= max_unc; ++u) {
        const int base = best[i][u].score;
        if (base < 0) continue;
        if (u < max_unc && base > best[i + 1][u + 1].score) {
          best[i + 1][u + 1] = Cell{base, i, u, nullptr};
        }
        for (size_t len = 2; len <= kMaxPiece && i + len <= t.size(); ++len) {
          auto it = r.acronyms_.find(std::string(t.substr(i, len)));
          const int sc = base + static_cast<int>(len * len);
          if (it != r.acronyms_.end() && sc > best[i + len][u].score) {
            best[i + len][u] = Cell{sc, i, u, &it->second};
          }
        }
      }
    }
    int end_unc = -1;
    for (int u = 0; u <= max_unc; ++u) {
      if (best[t.size()][u].score >= 0 &&
          (end_unc < 0 || best[t.size()][u].score > best[t.size()][end_unc].score)) {
        end_unc = u;
      }
    }
    if (end_unc < 0) return "";
    std::vector<std::string> parts;
    for (size_t j = t.size(), u = end_unc; j > 0;) {
      const Cell& c = best[j][u];
      parts.push_back(c.out ? *c.out : std::string(t.substr(c.from, j - c.from)));
      j = c.from;
      u = c.from_unc;
    }
    std::string out;
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) out += *it;
    return out;
  }

  // Decides the mode of one paragraph (tokens [b, e)) for kAuto.
  RestoreMode AutoMode(const std::vector<Token>& toks, size_t b, size_t e,
                       bool* light) const {
    // diac: words with diacritics; invalid: not a valid syllable as
    // written; garbled: glued to a single digit ("c6") or with no syllable
    // of its skeleton ("gido", "ndm"), acronyms aside.
    int words = 0, diac = 0, invalid = 0, garbled = 0;
    for (size_t i = b; i < e; ++i) {
      if (toks[i].kind != TokenKind::kWord) continue;
      ++words;
      const std::string lower = LowerVietnamese(toks[i].text);
      if (HasDiacritics(toks[i].text)) ++diac;
      auto single_digit = [&](size_t j) {
        return j >= b && j < e && toks[j].kind == TokenKind::kNumber &&
               toks[j].text.size() == 1;
      };
      const bool glued = (i > b && single_digit(i - 1)) || single_digit(i + 1);
      if (lower.empty() || glued ||
          !text::IsValidSyllable(
              text::NormalizeTonePlacement(lower, text::ToneStyle::kNew))) {
        ++invalid;
      }
      if (glued || (!lower.empty() && !IsAcronymLike(toks[i].text) &&
                    !r.by_skeleton_.contains(text::Skeleton(lower)))) {
        ++garbled;
      }
    }
    *light = false;
    if (words == 0) return RestoreMode::kStripped;
    const double d = double(diac) / words, inv = double(invalid) / words,
                 g = double(garbled) / words;
    if (d >= 0.5 && inv <= 0.15) {
      *light = true;
      return RestoreMode::kOcr;
    }
    if (d < 0.10 && g < 0.08) return RestoreMode::kStripped;
    return RestoreMode::kOcr;
  }

  std::vector<Unit> BuildUnits(const std::vector<Token>& toks) const {
    std::vector<Unit> units;
    auto is_skeleton = [this](const std::string& skel) {
      return r.by_skeleton_.contains(skel);
    };
    std::vector<std::pair<WordId, float>> read;
    auto reads = [this, &read](const std::string& obs) {
      read.clear();
      r.channel_.Candidates(obs, r.model_, &read);
      return !read.empty();
    };
    size_t para_begin = 0;
    while (para_begin < toks.size()) {
      size_t para_end = para_begin;
      while (para_end < toks.size() &&
             !(toks[para_end].kind == TokenKind::kSpace &&
               IsParagraphBreak(toks[para_end].text))) {
        ++para_end;
      }
      RestoreMode mode = opt.mode;
      bool light = opt.only_low_confidence;
      bool vie = opt.vie_channel && r.vie_channel_ != nullptr &&
                 (mode == RestoreMode::kOcrVie || spans != nullptr);
      if (mode == RestoreMode::kOcrVie) {
        mode = RestoreMode::kOcr;
        light = true;
      }
      if (mode == RestoreMode::kAuto) {
        bool auto_light = false;
        mode = AutoMode(toks, para_begin, para_end, &auto_light);
        light = light || auto_light;
      }
      // A paragraph without diacritics (kStripped) is not vie output.
      vie = vie && mode == RestoreMode::kOcr;
      bool prev_word = false;  // a word came before in this sentence/line
      bool prev_capital = false;  // ... and it was capitalised (not a case garble)
      for (size_t i = para_begin; i < para_end;) {
        const Token& t = toks[i];
        const bool word_here = t.kind == TokenKind::kWord;
        const bool resets = IsSentenceEnd(t.text) || t.text.find('\n') != std::string_view::npos ||
                            t.text.find('\t') != std::string_view::npos ||
                            (t.kind != TokenKind::kWord && t.kind != TokenKind::kSpace &&
                             t.text != ",");
        Unit u;
        u.offset = t.offset;
        u.text = t.text;
        u.mode = mode;
        u.light = light;
        u.mid_sentence = prev_word;
        u.after_capital = prev_word && prev_capital;
        u.after_number =
            i > para_begin && (toks[i - 1].kind == TokenKind::kNumber ||
                               (toks[i - 1].text == " " && i >= para_begin + 2 &&
                                toks[i - 2].kind == TokenKind::kNumber));
        if (light && IsLowConfidence(t.offset)) u.change_penalty = kLowConfidencePenalty;
        if (light && vie) {
          // Lower OCR confidence: the observed diacritics are less reliable,
          // the channel's preference for them counts less.
          u.vie = true;
          const float conf = std::clamp(OcrConfidence(t.offset), 0.0f, 100.0f);
          u.vie_lambda = opt.vie_lambda * (0.4f + 0.6f * conf / 100.0f);
        }
        if (t.kind == TokenKind::kSpace) {
          u.kind = EndsSentence(toks, i, para_end) ? UnitKind::kBreak
                                                   : UnitKind::kSkip;
          ++i;
        } else if (const size_t cut =
                       mode == RestoreMode::kOcr && !light && t.kind == TokenKind::kWord &&
                               (i + 1 == para_end ||
                                !Glueable(toks, i + 1, para_end, is_skeleton, reads))
                           ? AcronymGluedAfter(t.text)
                           : 0;
                   cut > 0) {
          // "phongGDDT": eng-OCR dropped the space before an acronym; the
          // word and the acronym are restored as two words, a space
          // written between them.
          u.kind = UnitKind::kWord;
          u.text = t.text.substr(0, cut);
          u.space_after = true;
          BuildWordCands(&u, false);
          FinishWord(&u);
          units.push_back(std::move(u));
          u = Unit();
          u.kind = UnitKind::kWord;
          u.offset = t.offset + cut;
          u.text = t.text.substr(cut);
          u.mode = mode;
          u.mid_sentence = true;
          BuildWordCands(&u, false);
          FinishWord(&u);
          ++i;
        } else if (mode == RestoreMode::kOcr && !light && Glueable(toks, i, para_end, is_skeleton, reads) &&
                   !(i > para_begin && toks[i - 1].kind == TokenKind::kNumber)) {
          // (Not after a number: "10A1" is a code, "A1" no garbled word.)
          // Glue letters with single digits/symbols: "c6", "1y", "B4o", and
          // with short numbers of letter-like digits before a lower-case
          // letter: "16i" (lối). A group of digits and ¢/€ alone is a word
          // too: "1¢" (lệ).
          size_t j = i;
          bool has_word = false, has_letter_symbol = false;
          while (j < para_end && Glueable(toks, j, para_end, is_skeleton, reads)) {
            has_word |= toks[j].kind == TokenKind::kWord;
            has_letter_symbol |= toks[j].text == "\u00a2" || toks[j].text == "\u20ac";
            ++j;
          }
          has_word |= has_letter_symbol && j - i > 1;
          if (!has_word && LoneVowelDigit(toks, i, para_begin, para_end) &&
              LoneVowelDigitCands(&u)) {
            ++i;
          } else if (!has_word) {
            u.kind = UnitKind::kFixed;
            u.fixed = t.kind == TokenKind::kNumber ? NumberId(t.text)
                                                   : PunctId(t.text);
            ++i;
          } else {
            u.kind = UnitKind::kWord;
            // eng-OCR reads a word's last vowel as a digit and drops the
            // space after a comma: "phô tô, 02" -> "pho t6,02", tokenised
            // "t" + the number "6,02". The digit joins the word when the
            // two spell a syllable's skeleton; the comma and the rest of
            // the number follow as they are, a space written after the
            // comma.
            std::string_view rest;
            if (j < para_end && toks[j - 1].kind == TokenKind::kWord &&
                IsDigitCommaNumber(toks[j])) {
              const std::string_view before(t.text.data(), toks[j].offset - t.offset);
              const std::string letters = std::string(before) + toks[j].text[0];
              if (is_skeleton(text::Skeleton(MapLetterDigits(letters, 'l')))) {
                rest = toks[j].text.substr(2);
              }
            }
            const size_t end_off = rest.empty()
                                       ? toks[j - 1].offset + toks[j - 1].text.size()
                                       : toks[j].offset + 1;
            u.text = std::string_view(t.text.data(), end_off - t.offset);
            const bool glued = j - i > 1 || !rest.empty();
            u.lone = !glued &&
                     (i == para_begin || toks[i - 1].kind == TokenKind::kSpace) &&
                     (j == para_end || toks[j].kind == TokenKind::kSpace);
            u.space_after = rest.empty() && j < para_end &&
                            toks[j].kind == TokenKind::kNumber &&
                            toks[j].text.size() >= 2;
            BuildWordCands(&u, glued);
            FinishWord(&u);
            i = j;
            if (!rest.empty()) {
              Unit comma = u;
              comma.kind = UnitKind::kFixed;
              comma.cands.clear();
              comma.offset = toks[j].offset + 1;
              comma.text = toks[j].text.substr(1, 1);
              comma.fixed = PunctId(comma.text);
              comma.space_after = true;
              units.push_back(std::move(u));
              units.push_back(std::move(comma));
              u = Unit();
              u.kind = UnitKind::kFixed;
              u.offset = toks[j].offset + 2;
              u.text = rest;
              u.fixed = NumberId(rest);
              u.mode = mode;
              u.light = light;
              i = j + 1;
            }
          }
        } else if (mode == RestoreMode::kOcr && !light && t.text == "&" &&
                   LoneVowelDigit(toks, i, para_begin, para_end) && LoneVowelDigitCands(&u)) {
          // A lone '&' (not glued: no word touches it) read for "ở".
          ++i;
        } else if (t.kind == TokenKind::kWord) {
          u.kind = UnitKind::kWord;
          u.lone = (i == para_begin || toks[i - 1].kind == TokenKind::kSpace) &&
                   (i + 1 == para_end || toks[i + 1].kind == TokenKind::kSpace);
          BuildWordCands(&u, false);
          FinishWord(&u);
          ++i;
        } else if (t.kind == TokenKind::kNumber) {
          u.kind = UnitKind::kFixed;
          u.fixed = NumberId(t.text);
          ++i;
        } else if (IsSentenceEnd(t.text)) {
          u.kind = UnitKind::kBreak;
          ++i;
        } else {
          u.kind = UnitKind::kFixed;
          u.fixed = PunctId(t.text);
          ++i;
        }
        if (word_here) {
          size_t at = 0;
          prev_capital = IsUpperLetter(NextCodePoint(t.text, &at)) && !u.case_garble;
        } else if (t.kind != TokenKind::kSpace) {
          prev_capital = false;
        }
        units.push_back(std::move(u));
        prev_word = word_here || (prev_word && !resets);
      }
      if (para_end < toks.size()) {
        Unit br;
        br.kind = UnitKind::kBreak;
        br.offset = toks[para_end].offset;
        br.text = toks[para_end].text;
        units.push_back(std::move(br));
        ++para_end;
      }
      para_begin = para_end;
    }
    return units;
  }

  // eng-OCR drops the space between a word and a following acronym
  // ("phongGDDT" = phòng GDĐT): for a word of two or more lower-case
  // letters followed by two or more upper-case ASCII letters that form a
  // known acronym (acronyms.tsv), the byte offset of the acronym; else 0.
  size_t AcronymGluedAfter(std::string_view t) const {
    size_t cut = t.size();
    while (cut > 0 && t[cut - 1] >= 'A' && t[cut - 1] <= 'Z') --cut;
    if (t.size() - cut < 2 || !r.acronyms_.contains(std::string(t.substr(cut)))) return 0;
    size_t pos = 0, letters = 0;
    while (pos < cut) {
      const char32_t c = NextCodePoint(t, &pos);
      if (!text::IsVietnameseLetter(c) || IsUpperLetter(c)) return 0;
      ++letters;
    }
    return letters >= 2 ? cut : 0;
  }

  // The LM word ids of unit u's chosen/fixed output.
  int Words(const Unit& u, int cand, WordId out[kMaxPieces]) const {
    if (u.kind == UnitKind::kFixed) {
      out[0] = u.fixed;
      return 1;
    }
    if (u.cands.empty()) {
      out[0] = u.fixed;  // set by FinishWord
      return 1;
    }
    const Cand& c = u.cands[cand];
    std::copy(c.w, c.w + c.n, out);
    return c.n;
  }

  float ScoreWords(State s, const WordId* w, int n, State* out) const {
    float total = 0;
    State next;
    for (int i = 0; i < n; ++i) {
      total += r.model_.Score(s, w[i], &next);
      s = next;
    }
    *out = s;
    return total;
  }

  // Viterbi over units [b, e) (one sentence); sets chosen + confidence.
  void Decode(std::vector<Unit>* units, size_t b, size_t e) const {
    std::vector<size_t> pos;  // units taking part in the LM
    for (size_t i = b; i < e; ++i) {
      if ((*units)[i].kind == UnitKind::kFixed ||
          (*units)[i].kind == UnitKind::kWord) {
        pos.push_back(i);
      }
    }
    if (pos.empty()) return;
    const int beam = std::max(1, opt.beam);
    std::vector<std::vector<Hyp>> layers(pos.size());
    std::vector<Hyp> start = {
        Hyp{r.model_.BeginSentenceState(), 0.0f, -1, -1}};
    std::vector<Hyp> expanded;
    // Every expansion's channel + LM score and state, layer p's from
    // layer_off[p] on, (previous hypothesis h, candidate c) at
    // h * candidates + c: the confidences reuse them.
    std::vector<size_t> layer_off(pos.size());
    std::vector<float> step_score;
    std::vector<State> step_state;
    for (size_t p = 0; p < pos.size(); ++p) {
      const Unit& u = (*units)[pos[p]];
      const std::vector<Hyp>& prev = p == 0 ? start : layers[p - 1];
      const int ncand =
          u.kind == UnitKind::kWord && !u.cands.empty() ? int(u.cands.size()) : 0;
      expanded.clear();
      const int width = std::max(ncand, 1);
      layer_off[p] = step_score.size();
      // A word kept as written is <unk> or <punct> to the LM, cheap where
      // it stands; the next word pays for it ("<unk> thảo"). Its readings
      // ("Dw" = Dự) are extended further behind.
      const float threshold = opt.beam_threshold +
          (p > 0 && (*units)[pos[p - 1]].as_is_readings ? kAsIsBeamSlack : 0.0f);
      for (size_t h = 0; h < prev.size(); ++h) {
        // prev is sorted best first; hypotheses far behind are not expanded
        // (the best path never runs through one that was not).
        if (prev[h].score < prev[0].score - threshold) break;
        NgramModel::Context ctx;
        r.model_.Prepare(prev[h].state, &ctx);
        for (int c = 0; c < width; ++c) {
          WordId w[kMaxPieces] = {};
          const int n = Words(u, ncand ? c : 0, w);
          Hyp nh;
          float lm = r.model_.ScoreInContext(ctx, w[0], &nh.state);
          for (int k = 1; k < n; ++k) lm += r.model_.Score(nh.state, w[k], &nh.state);
          const float step = (ncand ? u.cands[c].channel : 0.0f) + lm;
          step_score.push_back(step);
          step_state.push_back(nh.state);
          nh.score = prev[h].score + step;
          nh.prev = static_cast<int32_t>(h);
          nh.cand = static_cast<int16_t>(ncand ? c : -1);
          expanded.push_back(nh);
        }
      }
      // Recombine equal states, keep the best `beam` (twice that for a word
      // offered as written plus readings: the readings the LM likes best
      // where they stand can push out the right one, "thì 6 tô": ở, ổ, ố
      // ... before the ô of "ô tô").
      auto better = [](const Hyp& a, const Hyp& b) { return a.score > b.score; };
      const int layer_beam = u.as_is_readings ? 2 * beam : beam;
      const size_t top = std::min(expanded.size(), size_t(layer_beam) * 4);
      std::partial_sort(expanded.begin(), expanded.begin() + top, expanded.end(), better);
      expanded.resize(top);
      std::vector<Hyp>& layer = layers[p];
      for (const Hyp& hy : expanded) {
        bool dup = false;
        for (const Hyp& k : layer) {
          if (k.state == hy.state) {
            dup = true;
            break;
          }
        }
        if (dup) continue;
        layer.push_back(hy);
        if (static_cast<int>(layer.size()) >= layer_beam) break;
      }
    }
    // Close the sentence.
    const std::vector<Hyp>& last = layers.back();
    int best = 0;
    float best_score = kNegInf;
    for (size_t h = 0; h < last.size(); ++h) {
      State out;
      const float s = last[h].score + r.model_.Score(last[h].state, r.model_.eos(), &out);
      if (s > best_score) {
        best_score = s;
        best = static_cast<int>(h);
      }
    }
    std::vector<int> hyp_at(pos.size());
    std::vector<float> lp;
    std::vector<State> cand_state;
    for (int p = static_cast<int>(pos.size()) - 1, h = best; p >= 0; --p) {
      hyp_at[p] = h;
      (*units)[pos[p]].chosen = layers[p][h].cand;
      h = layers[p][h].prev;
    }
    // Confidence: posterior among candidates with the neighbours fixed.
    for (size_t p = 0; p < pos.size(); ++p) {
      Unit& u = (*units)[pos[p]];
      if (u.kind != UnitKind::kWord || u.cands.size() < 2) continue;
      if (!opt.compute_confidence && !u.light) continue;
      // The next word on the best path (or </s>) is scored too, so the
      // right context counts.
      WordId follow[2];
      int nf = 0;
      for (size_t q = p + 1; q < pos.size() && nf < 1; ++q) {
        WordId w[kMaxPieces] = {};
        const Unit& v = (*units)[pos[q]];
        Words(v, v.chosen < 0 ? 0 : v.chosen, w);
        follow[nf++] = w[0];
      }
      if (nf < 1) follow[nf++] = r.model_.eos();
      // lp[c] = channel + LM(c | before) + LM(follow | before c). The
      // follow term is <= 0, so a candidate whose first two terms already
      // lie kConfidenceSkip below the chosen candidate's full score adds
      // less than 10^-kConfidenceSkip to the normaliser: its follow term is
      // not computed and it counts as 0.
      // The first two terms were computed when the best path's previous
      // hypothesis was expanded.
      const size_t first =
          layer_off[p] + size_t(p == 0 ? 0 : hyp_at[p - 1]) * u.cands.size();
      lp.assign(step_score.begin() + first,
                step_score.begin() + first + u.cands.size());
      cand_state.assign(step_state.begin() + first,
                        step_state.begin() + first + u.cands.size());
      auto with_follow = [&](size_t c) {
        State s2;
        lp[c] += ScoreWords(cand_state[c], follow, nf, &s2);
      };
      with_follow(u.chosen);
      float mx = lp[u.chosen];
      const float cut = mx - kConfidenceSkip;
      for (size_t c = 0; c < u.cands.size(); ++c) {
        if (static_cast<int>(c) == u.chosen) continue;
        if (lp[c] < cut) {
          lp[c] = kNegInf;
          continue;
        }
        with_follow(c);
        mx = std::max(mx, lp[c]);
      }
      constexpr float kLn10 = 2.302585093f;
      auto rel = [&](float v) { return v == kNegInf ? 0.0f : std::exp((v - mx) * kLn10); };
      float sum = 0;
      for (float v : lp) sum += rel(v);
      u.confidence = rel(lp[u.chosen]) / sum;
      if (u.light && u.original_cand >= 0 && u.chosen != u.original_cand) {
        const float p_orig = rel(lp[u.original_cand]) / sum;
        if (p_orig >= opt.min_confidence) {
          u.chosen = u.original_cand;
          u.confidence = p_orig;
        }
      }
    }
  }

  // eng-OCR reads a short word's marked vowel as a capital ("Bộ Công an"
  // -> "BO Cong an"): units[i], a 2-3 letter upper-case word of an OCR
  // pass restored to a syllable with diacritics (`lower`), whose nearest
  // words on its line (acronyms and single letters skipped) include one
  // with a lower-case letter and none is an upper-case word with a vowel
  // (a heading: "CƠ SỞ DỮ LIỆU"), was title case.
  static bool CapitalsForMarks(const std::vector<Unit>& units, size_t i,
                               std::string_view lower) {
    const Unit& u = units[i];
    if (u.mode != RestoreMode::kOcr || u.light || !IsAllUpper(u.text) ||
        lower.find(' ') != std::string_view::npos || !HasDiacritics(lower)) {
      return false;
    }
    const size_t n = CodePointCount(u.text);
    if (n < 2 || n > 3 || LowerVietnamese(u.text).empty()) return false;
    bool lower_near = false;
    for (int dir : {-1, 1}) {
      bool skipped = false;
      for (size_t j = i; dir < 0 ? j > 0 : j + 1 < units.size();) {
        j += dir;
        const Unit& v = units[j];
        if (v.text.find('\n') != std::string_view::npos || v.kind == UnitKind::kBreak) break;
        if (v.kind != UnitKind::kWord) continue;
        // Acronyms and single letters say nothing of the line's case: the
        // next word does ("BO GDDT sé" = Bộ GDĐT sẽ, "BO Y té"); if that is
        // a short upper-case word (garbled the same way? "SO GD&DT, BO
        // Tai chinh") nothing either.
        if (IsAcronymLike(v.text) || CodePointCount(v.text) == 1) {
          skipped = true;
          continue;
        }
        if (IsAllUpper(v.text)) {
          if (skipped && CodePointCount(v.text) <= 3) break;
          return false;
        }
        lower_near |= CaseOf(v.text) != WordCase::kUpper;
        break;
      }
    }
    return lower_near;
  }

  // "BO" -> "Bo": the first letter kept, the others lower-cased.
  static std::string TitleCase(std::string_view word) {
    std::u32string w = Utf8ToU32(word);
    for (size_t i = 1; i < w.size(); ++i) w[i] = SetCase(w[i], false);
    return U32ToUtf8(w);
  }

  // The LM id a unit stands for as written (its candidate equal to the
  // input, else its best-channel candidate, else its fixed id), or with
  // `decoded` as the search chose it; `last`: the last piece of a split.
  WordId ContextId(const Unit& u, bool decoded, bool last) const {
    if (u.kind == UnitKind::kFixed || u.cands.empty()) return u.fixed;
    const Cand* c = nullptr;
    if (decoded && u.chosen >= 0) {
      c = &u.cands[u.chosen];
    } else if (u.original_cand >= 0) {
      c = &u.cands[u.original_cand];
    } else {
      c = &*std::max_element(u.cands.begin(), u.cands.end(),
                             [](const Cand& a, const Cand& b) { return a.channel < b.channel; });
    }
    return c->w[last ? c->n - 1 : 0];
  }

  // vie channel terms (log10) of reading a syllable with diacritic
  // features `obs` (DiacriticFeatures) for one with features `cand` and
  // another skeleton: the tone substitution and, per mark kind
  // (circumflex, breve, horn), the marks one has more than the other,
  // paired as substitutions first; a đ gained or lost.
  float DiacriticLogProb(uint16_t obs, uint16_t cand) const {
    const VieChannel& ch = *r.vie_channel_;
    float lp = ch.ToneLogProb(cand & 7, obs & 7);
    int extra_obs[6], extra_cand[6], no = 0, nc = 0;
    for (int k = 1; k < 4; ++k) {
      const int o = (obs >> (1 + 2 * k)) & 3, c = (cand >> (1 + 2 * k)) & 3;
      for (int i = c; i < o; ++i) extra_obs[no++] = k;
      for (int i = o; i < c; ++i) extra_cand[nc++] = k;
    }
    int i = 0;
    for (; i < no && i < nc; ++i) lp += ch.MarkLogProb(extra_cand[i], extra_obs[i]);
    for (int j = i; j < no; ++j) lp += ch.MarkLogProb(0, extra_obs[j]);
    for (int j = i; j < nc; ++j) lp += ch.MarkLogProb(extra_cand[j], 0);
    const int d_obs = (obs >> 9) & 1, d_cand = (cand >> 9) & 1;
    if (d_obs != d_cand) lp += ch.DLogProb(d_cand, d_obs);
    return lp;
  }

  // Light vie pass: a valid syllable (Unit::letter_edit) that the LM finds
  // unlikely between its observed neighbours gets the syllables one letter
  // away that it finds much likelier there (RestoreOptions::
  // vie_letter_edits): "nhề nước" -> "nhà nước".
  void AddLetterEdits(std::vector<Unit>* units) const {
    if (!opt.vie_letter_edits || r.vie_channel_ == nullptr) return;
    for (size_t i = 0; i < units->size(); ++i) {
      Unit& u = (*units)[i];
      if (!u.letter_edit || u.original_cand < 0) continue;
      TryLetterEdits(units, i, false);
      if (u.cands.size() == 1) {  // nothing to choose: as written
        u.fixed = u.cands[0].w[0];
        u.self_channel = u.cands[0].channel;
        u.cands.clear();
        u.original_cand = -1;
      }
    }
  }

  // After units[b, e) were decoded with changes: its words still as
  // written try letter edits again between their decoded neighbours
  // ("Ngẩn sách nhề nước": "nhề" is judged after "ngân sách"); true if
  // one got new candidates (the span must be decoded again).
  bool RetryLetterEdits(std::vector<Unit>* units, size_t b, size_t e) const {
    if (!opt.vie_letter_edits || r.vie_channel_ == nullptr) return false;
    bool changed = false;
    for (size_t i = b; i < e; ++i) {
      const Unit& u = (*units)[i];
      changed |= u.kind == UnitKind::kWord && u.chosen >= 0 && u.chosen != u.original_cand;
    }
    if (!changed) return false;
    bool added = false;
    for (size_t i = b; i < e; ++i) {
      Unit& u = (*units)[i];
      if (!u.letter_edit) continue;
      if (u.cands.empty()) {  // cleared by AddLetterEdits
        Cand self = Single(u.fixed, u.self_channel);
        self.text = text::NormalizeTonePlacement(LowerKeep(u.text), text::ToneStyle::kNew);
        u.cands.push_back(std::move(self));
        u.original_cand = 0;
        u.chosen = 0;
      }
      if (u.chosen != u.original_cand) continue;
      const size_t before = u.cands.size();
      TryLetterEdits(units, i, true);
      added |= u.cands.size() > before;
      if (u.cands.size() == 1) {
        u.cands.clear();
        u.original_cand = -1;
        u.chosen = -1;
      }
    }
    return added;
  }

  // AddLetterEdits for (*units)[i], its neighbours as written or (decoded)
  // as chosen.
  void TryLetterEdits(std::vector<Unit>* units, size_t i, bool decoded) const {
    // Left context: up to order-1 units back, to the sentence start.
    const size_t ctx_words = static_cast<size_t>(r.model_.order() - 1);
    std::vector<WordId> left;
    bool at_start = true;
    for (size_t j = i; j-- > 0;) {
      const Unit& v = (*units)[j];
      if (v.kind == UnitKind::kBreak) break;
      if (v.kind == UnitKind::kSkip) continue;
      if (left.size() == ctx_words) {
        at_start = false;
        break;
      }
      left.push_back(ContextId(v, decoded, true));
    }
    State st = at_start ? r.model_.BeginSentenceState() : State{};
    for (size_t k = left.size(); k-- > 0;) r.model_.Score(st, left[k], &st);
    WordId next = r.model_.eos();
    for (size_t j = i + 1; j < units->size(); ++j) {
      const Unit& v = (*units)[j];
      if (v.kind == UnitKind::kSkip) continue;
      if (v.kind != UnitKind::kBreak) next = ContextId(v, decoded, false);
      break;
    }
    auto in_context = [&](WordId w) {
      State s2;
      const float a = r.model_.Score(st, w, &s2);
      return a + r.model_.Score(s2, next, &s2);
    };
    Unit& u = (*units)[i];
    const Cand self = u.cands[u.original_cand];
    const float self_score = in_context(self.w[0]);
    if (self_score > kLetterEditSuspect) return;
    NgramModel::Context left_ctx;
    r.model_.Prepare(st, &left_ctx);
    const float bar = self_score + self.channel + opt.vie_margin;
    std::vector<std::pair<float, Cand>> found;  // (score in context, cand)
    const bool known = self.w[0] < r.skeleton_of_.size() && !r.skeleton_of_[self.w[0]].empty();
    auto it = r.letter_neighbours_.find(known ? r.skeleton_of_[self.w[0]]
                                              : text::Skeleton(self.text));
    if (it == r.letter_neighbours_.end()) return;
    const uint16_t self_features = self.w[0] < r.diacritics_.size()
                                       ? r.diacritics_[self.w[0]]
                                       : DiacriticFeatures(self.text);
    const float weight = kLetterEditDiacriticWeight * u.vie_lambda;
    for (WordId id : it->second) {
      const float channel =
          kLetterEditPenalty + weight * DiacriticLogProb(self_features, r.diacritics_[id]);
      State s2;
      float total = channel + r.model_.ScoreInContext(left_ctx, id, &s2);
      if (total <= bar) continue;
      total += r.model_.Score(s2, next, &s2);
      if (total <= bar) continue;
      found.emplace_back(total, Single(id, channel - opt.vie_margin));
    }
    std::sort(found.begin(), found.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    if (found.size() > kLetterEditMaxCands) found.resize(kLetterEditMaxCands);
    for (auto& [score, c] : found) AddUnique(&u.cands, std::move(c));
  }

  RestoreResult Run(std::string_view text) const {
    const std::vector<Token> toks = Tokenize(text);
    std::vector<Unit> units = BuildUnits(toks);
    AddLetterEdits(&units);
    size_t b = 0;
    for (size_t i = 0; i <= units.size(); ++i) {
      if (i == units.size() || units[i].kind == UnitKind::kBreak) {
        Decode(&units, b, i);
        if (RetryLetterEdits(&units, b, i)) Decode(&units, b, i);
        b = i + 1;
      }
    }
    RestoreResult res;
    res.text.reserve(text.size() + text.size() / 2);
    for (size_t ui = 0; ui < units.size(); ++ui) {
      const Unit& u = units[ui];
      if (u.kind != UnitKind::kWord) {
        res.text.append(u.text);
        if (u.space_after) res.text += ' ';  // a comma split off a number
        continue;
      }
      RestoredToken t;
      t.offset = u.offset;
      t.original = std::string(u.text);
      t.confidence = u.cands.size() < 2 ? 1.0f : u.confidence;
      if (u.cands.empty() || u.chosen < 0 ||
          (u.light && u.chosen == u.original_cand)) {
        t.restored = t.original;
        // The observed syllable kept, its case garble undone ("đƯỢC").
        if (u.vie && u.original_valid && (u.case_garble || LowerCaseGarble(u.text))) {
          t.restored = LowerKeep(u.text);
        }
      } else {
        const Cand& c = u.cands[u.chosen];
        if (c.verbatim) {
          t.restored = c.text;
        } else {
          std::string lower = c.text;
          if (opt.tone_style == text::ToneStyle::kOld) {
            lower = text::NormalizeTonePlacement(lower, text::ToneStyle::kOld);
          }
          t.restored = ApplyCase(u.text, lower);
          if (u.case_garble) {
            t.restored = lower;  // "Chức" -> "chức": a capital only in size
          } else if (CapitalsForMarks(units, ui, lower)) {
            t.restored = ApplyCase(TitleCase(u.text), lower);
          } else if (u.mode == RestoreMode::kOcr && !u.light && u.mid_sentence &&
                     u.text.size() > 1 && u.text[0] == 'I' && lower[0] == 'l' &&
                     CaseOf(u.text) == WordCase::kTitle) {
            // eng-OCR's capital I for an l inside a sentence ("cua Iuat" =
            // của luật): no capital.
            t.restored = lower;
          }
        }
      }
      if (u.space_after && u.chosen >= 0) t.restored += ' ';
      t.changed = t.restored != t.original;
      res.changed += t.changed;
      res.text += t.restored;
      res.tokens.push_back(std::move(t));
    }
    return res;
  }
};

Restorer::Restorer(NgramModel model, OcrChannel channel)
    : model_(std::move(model)), channel_(std::move(channel)) {
  skeleton_of_.resize(model_.vocab_size());
  for (uint32_t id = 0; id < model_.vocab_size(); ++id) {
    const std::string_view w = model_.Word(static_cast<WordId>(id));
    if (w.empty() || w[0] == '<') continue;
    std::string skel = text::Skeleton(w);
    by_skeleton_[skel].push_back(static_cast<WordId>(id));
    skeleton_of_[id] = std::move(skel);
  }
  // Most probable first; drop syllables 10^4.5 times rarer than the best
  // of their skeleton (they never win against the LM) and keep at most
  // kMaxSkeletonCands.
  for (auto& [skel, ids] : by_skeleton_) {
    std::sort(ids.begin(), ids.end(), [this](WordId a, WordId b) {
      return model_.UnigramLogProb(a) > model_.UnigramLogProb(b);
    });
    const float best = model_.UnigramLogProb(ids[0]);
    size_t keep = 0;
    while (keep < ids.size() && keep < kMaxSkeletonCands &&
           model_.UnigramLogProb(ids[keep]) >= best - 3.5f) {
      ++keep;
    }
    ids.resize(keep);
  }
  // Letter edits: every skeleton under itself and its one-letter deletions
  // finds the skeletons one letter away (a shared key).
  std::unordered_map<std::string, std::vector<const std::string*>> by_deletion;
  for (const auto& [skel, ids] : by_skeleton_) {
    by_deletion[skel].push_back(&skel);
    for (size_t i = 0; i < skel.size(); ++i) {
      by_deletion[skel.substr(0, i) + skel.substr(i + 1)].push_back(&skel);
    }
  }
  for (const auto& [skel, ids] : by_skeleton_) {
    if (skel.size() < 2) continue;
    std::vector<const std::string*> near;
    auto look = [&](const std::string& key) {
      auto it = by_deletion.find(key);
      if (it == by_deletion.end()) return;
      for (const std::string* s : it->second) {
        if (OneLetterAway(skel, *s) && std::find(near.begin(), near.end(), s) == near.end()) {
          near.push_back(s);
        }
      }
    };
    look(skel);
    for (size_t i = 0; i < skel.size(); ++i) look(skel.substr(0, i) + skel.substr(i + 1));
    std::vector<WordId> out;
    for (const std::string* s : near) {
      for (WordId id : by_skeleton_.at(*s)) {
        if (model_.UnigramLogProb(id) >= kLetterEditMinUnigram) out.push_back(id);
      }
    }
    if (!out.empty()) letter_neighbours_.emplace(skel, std::move(out));
  }
  diacritics_.resize(model_.vocab_size());
  for (uint32_t id = 0; id < model_.vocab_size(); ++id) {
    diacritics_[id] = DiacriticFeatures(model_.Word(static_cast<WordId>(id)));
  }
}

Restorer::Restorer(Restorer&&) noexcept = default;
Restorer& Restorer::operator=(Restorer&&) noexcept = default;
Restorer::~Restorer() = default;

Result<Restorer> Restorer::LoadFiles(const std::string& lm_path,
                                     const std::string& channel_path) {
  auto model = NgramModel::Load(lm_path);
  if (!model) return std::unexpected(model.error());
  OcrChannel channel = OcrChannel::Default();
  if (!channel_path.empty()) {
    auto loaded = OcrChannel::Load(channel_path);
    if (!loaded) return std::unexpected(loaded.error());
    channel = std::move(*loaded);
  }
  return Restorer(std::move(*model), std::move(channel));
}

Result<Restorer> Restorer::Load(const std::string& models_dir) {
  std::filesystem::path dir = models_dir;
  if (dir.empty()) {
    auto found = FindModelsDir();
    if (!found) return std::unexpected(found.error());
    dir = *found;
  }
  const auto lm = dir / kLmFile;
  const auto channel = dir / kChannelFile;
  std::error_code ec;
  auto r = LoadFiles(lm.string(), std::filesystem::exists(channel, ec)
                                      ? channel.string()
                                      : std::string());
  if (!r) return r;
  const auto vie = dir / kVieChannelFile;
  if (std::filesystem::exists(vie, ec)) {
    if (auto s = r->LoadVieChannel(vie.string()); !s) return std::unexpected(s.error());
  }
  const auto case_prior = dir / kCasePriorFile;
  if (std::filesystem::exists(case_prior, ec)) {
    if (auto s = r->LoadCasePrior(case_prior.string()); !s) {
      return std::unexpected(s.error());
    }
  }
  const auto acronyms = dir / kAcronymFile;
  if (std::filesystem::exists(acronyms, ec)) {
    if (auto s = r->LoadAcronyms(acronyms.string()); !s) {
      return std::unexpected(s.error());
    }
  }
  return r;
}

Status Restorer::LoadVieChannel(const std::string& path) {
  auto ch = VieChannel::Load(path);
  if (!ch) return std::unexpected(ch.error());
  vie_channel_ = std::make_unique<VieChannel>(std::move(*ch));
  return {};
}

Status Restorer::LoadCasePrior(const std::string& path) {
  std::ifstream in(path);
  if (!in) return MakeError(ErrorCode::kModelMissing, "cannot read " + path);
  // Smoothed: P(title | w) = (title + 0.5) / (lower + title + 1).
  std::vector<float> title(model_.vocab_size(), std::log10(0.5f));
  std::vector<float> lower(model_.vocab_size(), std::log10(0.5f));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t t1 = line.find('\t');
    const size_t t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string::npos) {
      return MakeError(ErrorCode::kModelMissing, "case prior " + path + ": bad line");
    }
    const WordId id = model_.Index(std::string_view(line).substr(0, t1));
    if (id == model_.unk()) continue;
    const double lo = std::atof(line.c_str() + t1 + 1);
    const double ti = std::atof(line.c_str() + t2 + 1);
    title[id] = static_cast<float>(std::log10((ti + 0.5) / (lo + ti + 1.0)));
    lower[id] = static_cast<float>(std::log10((lo + 0.5) / (lo + ti + 1.0)));
  }
  title_logp_ = std::move(title);
  lower_logp_ = std::move(lower);
  return {};
}

Status Restorer::LoadAcronyms(const std::string& path) {
  std::ifstream in(path);
  if (!in) return MakeError(ErrorCode::kModelMissing, "cannot read " + path);
  std::string line;
  while (std::getline(in, line)) {
    const size_t tab = line.find('\t');
    if (line.empty() || line[0] == '#' || tab == std::string::npos) continue;
    acronyms_[line.substr(0, tab)] = line.substr(tab + 1);
  }
  return {};
}

RestoreResult Restorer::Restore(std::string_view text,
                                const RestoreOptions& options) const {
  Impl impl{*this, options};
  return impl.Run(text);
}

int Restorer::RestorePage(Page* page, const RestoreOptions& options) const {
  RestoreOptions opt = options;
  opt.only_low_confidence = true;
  int changed = 0;
  for (Block& block : page->blocks) {
    // One text per block (lines joined by '\n') so sentences keep their
    // context across line breaks.
    std::string joined;
    std::vector<std::pair<Word*, size_t>> starts;
    std::vector<Impl::WordSpan> spans;
    for (Line& line : block.lines) {
      if (!joined.empty()) joined += '\n';
      bool first = true;
      for (Word& w : line.words) {
        if (!first) joined += ' ';
        first = false;
        starts.emplace_back(&w, joined.size());
        spans.push_back({joined.size(), joined.size() + w.text.size(),
                         static_cast<float>(w.confidence)});
        joined += w.text;
      }
    }
    if (joined.empty()) continue;
    Impl impl{*this, opt, &spans};
    const RestoreResult res = impl.Run(joined);
    size_t k = 0;  // restored tokens are in offset order
    for (auto& [word, b] : starts) {
      const size_t e = b + word->text.size();
      while (k < res.tokens.size() && res.tokens[k].offset < b) ++k;
      std::string out;
      size_t at = b;
      bool any = false;
      for (size_t t = k; t < res.tokens.size() && res.tokens[t].offset < e; ++t) {
        const RestoredToken& tok = res.tokens[t];
        out.append(joined, at, tok.offset - at);
        out += tok.restored;
        at = tok.offset + tok.original.size();
        any |= tok.changed;
      }
      if (!any) continue;
      if (at < e) out.append(joined, at, e - at);
      word->text = out;
      ++changed;
    }
  }
  return changed;
}

}  // namespace vnplan::lm
