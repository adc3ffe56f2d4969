#include "text/legacy_encoding.h"

#include <unicode/ucnv.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <unordered_map>
#include <vector>

#include "common/utf8.h"
#include "text/common_syllables.h"
#include "text/mark_repair.h"
#include "text/vietnamese.h"

namespace vnplan::text {
namespace {

constexpr char32_t kNone = 0xFFFD;  // "no letter here": fall back to CP1252

// ---------------------------------------------------------------------------
// Byte tables, 0x80-0xFF, one row of 16 per line. kNone marks bytes the
// encoding leaves undefined (they decode as Windows-1252).

// TCVN 5712:1993. The lower-case letters and Ă Â Ê Ô Ơ Ư Đ (0xA1-0xFF
// minus capitals) are VN3, the "ABC" code of .VnTime fonts; the other
// capitals are VN1 (0x80-0x9F and a few high bytes), 0xB0-0xB4 are the
// combining tones.
constexpr std::u32string_view kTcvn3High =
    U"ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ"
    U"ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"
    U"\u00A0ĂÂÊÔƠƯĐăâêôơưđẰ"
    U"\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"
    U"ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"
    U"éẹềểễếệìỉỄẾỒĩíịò"
    U"Ổỏõóọồổỗốộờởỡớợù"
    U"ỖủũúụừửữứựỳỷỹýỵỐ";
// VN1 capitals in C0 (never used as controls in text).
constexpr std::pair<uint8_t, char32_t> kTcvn3Low[] = {
    {0x01, U'Ú'}, {0x02, U'Ụ'}, {0x04, U'Ừ'}, {0x05, U'Ử'},
    {0x06, U'Ữ'}, {0x11, U'Ứ'}, {0x12, U'Ự'}, {0x13, U'Ỳ'},
    {0x14, U'Ỷ'}, {0x15, U'Ỹ'}, {0x16, U'Ý'}, {0x17, U'Ỵ'},
};

// VISCII 1.1 (RFC 1456).
constexpr std::u32string_view kVisciiHigh =
    U"ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐ"
    U"ỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ"
    U"Õắằặấầẩậẽẹếềểễệố"
    U"ồổỗỠƠộờởịỰỨỪỬơớƯ"
    U"ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳ"
    U"ĐứÒÓÔạỷừửÙÚỹỵÝỡư"
    U"àáâãảăữẫèéêẻìíĩỉ"
    U"đựòóôõỏọụùúũủýợỮ";
constexpr std::pair<uint8_t, char32_t> kVisciiLow[] = {
    {0x02, U'Ẳ'}, {0x05, U'Ẵ'}, {0x06, U'Ẫ'},
    {0x14, U'Ỷ'}, {0x19, U'Ỹ'}, {0x1E, U'Ỵ'},
};

// VPS.
constexpr std::u32string_view kVpsHigh =
    U"ÀẢÃẤẦẨọỗĂếềểệẮẰẲ"
    U"Ế\uFFFD\uFFFDỀỂỄỐỒỔ\uFFFDýỷỵỚỜỞ"
    U"\uFFFDắằẳẵặỠớÙờởỡŨỨợỪ"
    U"ổỬỲỸÍÌộỈĨÓửữÒỎÕự"
    U"ầÁÂấẩẫậđẻÉÊẹỉễịỹ"
    U"ƯỦồốÔỏơÈừứÚũưÝẺ\uFFFD"
    U"àáâãảạă\uFFFDèéêẽìí\uFFFDĩ"
    U"ẴĐòóôõ\uFFFDƠụùúủ\uFFFDỶẼỳ";
constexpr std::pair<uint8_t, char32_t> kVpsLow[] = {
    {0x02, U'Ạ'}, {0x03, U'Ậ'}, {0x04, U'Ặ'}, {0x05, U'Ẹ'}, {0x06, U'Ệ'},
    {0x10, U'Ị'}, {0x11, U'Ọ'}, {0x12, U'Ộ'}, {0x13, U'Ợ'}, {0x14, U'Ụ'},
    {0x15, U'Ự'}, {0x19, U'Ỵ'}, {0x1C, U'Ẫ'}, {0x1D, U'Ữ'},
};

static_assert(kTcvn3High.size() == 128);
static_assert(kVisciiHigh.size() == 128);
static_assert(kVpsHigh.size() == 128);

// ---------------------------------------------------------------------------
// ICU-derived tables for Windows-1252 and Windows-1258.

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

// Decodes each byte 0x80-0xFF with ICU's converter `name`; bytes it
// leaves undefined become `fallback[b]` (or the C1 control b).
std::array<char32_t, 128> IcuHighTable(const char* name) {
  std::array<char32_t, 128> table{};
  for (int b = 0; b < 128; ++b) table[b] = 0x80 + b;
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr conv(ucnv_open(name, &status));
  if (U_FAILURE(status) || !conv) return table;
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr,
                      nullptr, &status);
  for (int b = 0; b < 128; ++b) {
    const char in = static_cast<char>(0x80 + b);
    UChar out[4];
    status = U_ZERO_ERROR;
    ucnv_reset(conv.get());
    const int32_t n = ucnv_toUChars(conv.get(), out, 4, &in, 1, &status);
    if (U_SUCCESS(status) && n == 1 && out[0] != 0xFFFD && out[0] != 0x1A) {
      table[b] = out[0];
    }
  }
  return table;
}

struct Tables {
  std::array<char32_t, 128> cp1252 = IcuHighTable("windows-1252");
  std::array<char32_t, 128> cp1258 = IcuHighTable("windows-1258");
  std::unordered_map<char32_t, uint8_t> cp1252_reverse;
  // Per single-byte encoding: full decode table and reverse map.
  struct Single {
    std::array<char32_t, 256> decode{};
    std::array<bool, 256> ambiguous{};  // capital vs Windows punctuation
    std::unordered_map<char32_t, uint8_t> encode;
  };
  Single tcvn3, viscii, vps;

  Tables() {
    for (int b = 0; b < 128; ++b) cp1252_reverse[cp1252[b]] = 0x80 + b;
    Build(kTcvn3High, kTcvn3Low, &tcvn3);
    Build(kVisciiHigh, kVisciiLow, &viscii);
    Build(kVpsHigh, kVpsLow, &vps);
  }

  template <size_t N>
  void Build(std::u32string_view high,
             const std::pair<uint8_t, char32_t> (&low)[N], Single* s) {
    for (int b = 0; b < 128; ++b) s->decode[b] = b;
    for (const auto& [b, c] : low) s->decode[b] = c;
    for (int b = 0; b < 128; ++b) {
      const char32_t c = high[b];
      s->decode[0x80 + b] = c == kNone ? cp1252[b] : c;
      // A CP1252 punctuation byte that the table reads as a letter.
      s->ambiguous[0x80 + b] = b < 0x20 && c != kNone && cp1252[b] >= 0x100;
    }
    for (int b = 255; b >= 0; --b) {
      const char32_t c = s->decode[b];
      if (c >= 0x300 && c < 0x370) continue;  // never write combining tones
      s->encode[c] = static_cast<uint8_t>(b);
    }
  }
};

const Tables& T() {
  static const Tables* tables = new Tables();
  return *tables;
}

bool IsLetterChar(char32_t c) {
  return c >= 0x80 ? !IsWordSeparator(c) : std::isalpha(static_cast<int>(c));
}

// The word around position i of `text` (letters and anything else that
// is not a separator).
std::u32string_view WordAt(const std::u32string& text, size_t i, size_t* begin) {
  size_t b = i, e = i + 1;
  while (b > 0 && !IsWordSeparator(text[b - 1])) --b;
  while (e < text.size() && !IsWordSeparator(text[e])) ++e;
  *begin = b;
  return std::u32string_view(text).substr(b, e - b);
}

bool ValidWord(std::u32string_view w) { return IsValidSyllable(U32ToUtf8(w)); }

// Units: values < 0x100 are bytes of the legacy encoding, larger values are
// characters that had no byte and pass through unchanged.
using Units = std::u32string;

// Single-byte decoding with the 0x80-0x9F capital/punctuation choice.
std::u32string DecodeSingle(const Units& units, const Tables::Single& s) {
  std::u32string out;
  out.resize(units.size());
  std::vector<size_t> ambiguous;
  for (size_t i = 0; i < units.size(); ++i) {
    const char32_t u = units[i];
    if (u >= 0x100) {
      out[i] = u;
      continue;
    }
    out[i] = s.decode[u];
    if (s.ambiguous[u]) ambiguous.push_back(i);
  }
  // Bytes at a word edge first (a closing quote after "nhiệm" must not
  // make the word invalid for the ệ before it), then those inside words.
  auto at_edge = [&](size_t i) {
    return i == 0 || i + 1 == out.size() || IsWordSeparator(out[i - 1]) ||
           IsWordSeparator(out[i + 1]);
  };
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t i : ambiguous) {
      if (at_edge(i) != (pass == 0)) continue;
      const char32_t punct = T().cp1252[units[i] - 0x80];
      if (pass == 1) {
        // A lower-case letter between two letters (VPS "nhiệm", "biết"):
        // no dash or quote sits there; skip the syllable check.
        Letter l;
        if (DecomposeLetter(out[i], &l) && !l.upper) continue;
      }
      size_t begin;
      const std::u32string_view word = WordAt(out, i, &begin);
      if (word.size() == 1) {
        // A lone byte: dashes, quotes, ellipsis and bullets stay punctuation.
        const uint8_t b = static_cast<uint8_t>(units[i]);
        if (b == 0x85 || (b >= 0x91 && b <= 0x97) || !ValidWord(word)) {
          out[i] = punct;
        }
        continue;
      }
      // In a word: the letter only if the word is then a valid syllable
      // ("HỌC" but not "X’s", "thấy“CSVC", "phủ…theo").
      if (!ValidWord(word)) out[i] = punct;
    }
  }
  return out;
}

// --- VNI-Windows ------------------------------------------------------------

struct VniMod {
  Mark mark;    // kNone: tone only
  bool set_mark;
  Tone tone;
};

// Diacritic bytes (lower-case forms; upper case is 0x20 less).
bool VniModifier(uint8_t b, VniMod* m) {
  switch (b) {
    case 0xF8: *m = {Mark::kNone, false, Tone::kGrave}; return true;
    case 0xF9: *m = {Mark::kNone, false, Tone::kAcute}; return true;
    case 0xFB: *m = {Mark::kNone, false, Tone::kHook}; return true;
    case 0xF5: *m = {Mark::kNone, false, Tone::kTilde}; return true;
    case 0xEF: *m = {Mark::kNone, false, Tone::kDot}; return true;
    case 0xE2: *m = {Mark::kCircumflex, true, Tone::kLevel}; return true;
    case 0xE0: *m = {Mark::kCircumflex, true, Tone::kGrave}; return true;
    case 0xE1: *m = {Mark::kCircumflex, true, Tone::kAcute}; return true;
    case 0xE5: *m = {Mark::kCircumflex, true, Tone::kHook}; return true;
    case 0xE3: *m = {Mark::kCircumflex, true, Tone::kTilde}; return true;
    case 0xE4: *m = {Mark::kCircumflex, true, Tone::kDot}; return true;
    case 0xEA: *m = {Mark::kBreve, true, Tone::kLevel}; return true;
    case 0xE8: *m = {Mark::kBreve, true, Tone::kGrave}; return true;
    case 0xE9: *m = {Mark::kBreve, true, Tone::kAcute}; return true;
    case 0xFA: *m = {Mark::kBreve, true, Tone::kHook}; return true;
    case 0xFC: *m = {Mark::kBreve, true, Tone::kTilde}; return true;
    case 0xEB: *m = {Mark::kBreve, true, Tone::kDot}; return true;
    default: return false;
  }
}

// Letters with a byte of their own (lower-case forms).
char32_t VniLetter(uint8_t b) {
  switch (b) {
    case 0xF4: return U'ơ';
    case 0xF6: return U'ư';
    case 0xF1: return U'đ';
    case 0xEC: return U'ì';
    case 0xED: return U'í';
    case 0xE6: return U'ỉ';
    case 0xF3: return U'ĩ';
    case 0xF2: return U'ị';
    case 0xEE: return U'ỵ';
    default: return 0;
  }
}

std::u32string DecodeVni(const Units& units) {
  std::u32string out;
  out.reserve(units.size());
  for (char32_t u : units) {
    if (u >= 0x100 || u < 0x80) {
      out.push_back(u);
      continue;
    }
    const uint8_t b = static_cast<uint8_t>(u);
    const bool upper_byte = b >= 0xC0 && b < 0xE0;
    const uint8_t lower = upper_byte ? b + 0x20 : b;
    VniMod m;
    if (b >= 0xC0 && VniModifier(lower, &m) && !out.empty()) {
      Letter l;
      if (DecomposeLetter(out.back(), &l) && l.tone == Tone::kLevel &&
          l.base != 'd') {
        bool ok = true;
        if (m.set_mark) {
          ok = l.mark == Mark::kNone &&
               (m.mark == Mark::kBreve ? l.base == 'a'
                                       : (l.base == 'a' || l.base == 'e' ||
                                          l.base == 'o'));
        } else {
          ok = l.base == 'a' || l.base == 'e' || l.base == 'i' ||
               l.base == 'o' || l.base == 'u' || l.base == 'y';
        }
        if (ok) {
          if (m.set_mark) l.mark = m.mark;
          l.tone = m.tone;
          const char32_t c = ComposeLetter(l);
          if (c != 0) {
            out.back() = c;
            continue;
          }
        }
      }
    }
    if (b >= 0xC0) {
      const char32_t letter = VniLetter(lower);
      if (letter != 0) {
        Letter l;
        DecomposeLetter(letter, &l);
        l.upper = upper_byte;
        out.push_back(ComposeLetter(l));
        continue;
      }
    }
    out.push_back(b >= 0xA0 ? b : T().cp1252[b - 0x80]);
  }
  return out;
}

// --- Windows-1258 -------------------------------------------------------------

std::u32string DecodeCp1258(const Units& units) {
  std::u32string out;
  out.reserve(units.size());
  for (char32_t u : units) {
    out.push_back(u >= 0x80 && u < 0x100 ? T().cp1258[u - 0x80] : u);
  }
  return out;
}

// --- VIQR ----------------------------------------------------------------------

bool IsViqrChar(char32_t c) {
  return c == '^' || c == '(' || c == '+' || c == '\'' || c == '`' ||
         c == '?' || c == '~' || c == '.' || c == 'd' || c == 'D';
}

int ViqrTone(char32_t c) {
  switch (c) {
    case '`': return static_cast<int>(Tone::kGrave);
    case '\'': return static_cast<int>(Tone::kAcute);
    case '?': return static_cast<int>(Tone::kHook);
    case '~': return static_cast<int>(Tone::kTilde);
    case '.': return static_cast<int>(Tone::kDot);
    default: return -1;
  }
}

// What may follow a sentence-ending '.' or '?' after a space: a capital,
// an opening quote or bracket, a dash or bullet, a line break.
bool IsSentenceStart(char32_t c) {
  if (c < 0x80) {
    return std::isupper(static_cast<int>(c)) || c == '"' || c == '(' ||
           c == '[' || c == '-' || c == '\'' || c == '\n' || c == '\r' ||
           c == ' ';
  }
  Letter l;
  if (DecomposeLetter(c, &l)) return l.upper;
  return c == 0x201C || c == 0x2018 || c == 0x2013 || c == 0x2014 ||
         c == 0x2022 || c == 0xAB;
}

bool IsVowelBase(char32_t b) {
  return b == 'a' || b == 'e' || b == 'i' || b == 'o' || b == 'u' || b == 'y';
}

bool EscapesPunctuation(std::u32string_view in) {
  for (size_t i = 0; i + 1 < in.size(); ++i) {
    if (in[i] == '\\' && (in[i + 1] == '.' || in[i + 1] == '?')) return true;
  }
  return false;
}

std::u32string DecodeViqr(std::u32string_view in, bool strict) {
  // Escaped punctuation ("\.") means the writer followed RFC 1456 to the
  // letter: every unescaped '.' or '?' after a vowel is then a tone.
  strict = strict || EscapesPunctuation(in);
  std::u32string out;
  out.reserve(in.size());
  bool literal = false;  // the last output character came from an escape
  for (size_t i = 0; i < in.size(); ++i) {
    const char32_t c = in[i];
    if (c == '\\' && i + 1 < in.size() && IsViqrChar(in[i + 1])) {
      out.push_back(in[++i]);
      literal = true;
      continue;
    }
    Letter l;
    const bool prev_letter =
        !out.empty() && !literal && DecomposeLetter(out.back(), &l);
    literal = false;
    if (prev_letter) {
      // dd -> đ (a literal "dd" is written "d\d").
      if ((c == 'd' || c == 'D') && l.base == 'd' && l.mark == Mark::kNone) {
        l.mark = Mark::kStroke;
        out.back() = ComposeLetter(l);
        continue;
      }
      if (IsVowelBase(l.base) && l.tone == Tone::kLevel) {
        Mark mark = Mark::kNone;
        if (c == '^' && l.mark == Mark::kNone &&
            (l.base == 'a' || l.base == 'e' || l.base == 'o')) {
          mark = Mark::kCircumflex;
        } else if (c == '(' && l.mark == Mark::kNone && l.base == 'a') {
          mark = Mark::kBreve;
        } else if (c == '+' && l.mark == Mark::kNone &&
                   (l.base == 'o' || l.base == 'u')) {
          mark = Mark::kHorn;
        }
        if (mark != Mark::kNone) {
          l.mark = mark;
          out.back() = ComposeLetter(l);
          continue;
        }
        const int tone = ViqrTone(c);
        if (tone >= 0) {
          bool apply = true;
          if ((c == '.' || c == '?') && !strict) {
            // Mid-word or before more text in the sentence: a tone;
            // before a capital, a line end or the end: punctuation.
            const char32_t next = i + 1 < in.size() ? in[i + 1] : 0;
            if (IsLetterChar(next) || next == ',' || next == ';' ||
                next == ':' || next == '.' || next == '?' || next == '!') {
              apply = true;
            } else if (next == ' ' && i + 2 < in.size() &&
                       !IsSentenceStart(in[i + 2])) {
              apply = true;  // the sentence goes on: "lê. %", "ra? con"
            } else {
              // Before a capital or at the end: a tone only if it makes a
              // word and, when both readings are words, the toned one is
              // the frequent one ("Bô. GDĐT" -> "Bộ GDĐT").
              size_t b = out.size();
              while (b > 0 && IsLetterChar(out[b - 1])) --b;
              const std::u32string plain = out.substr(b);
              Letter toned_letter = l;
              toned_letter.tone = static_cast<Tone>(tone);
              std::u32string toned = plain;
              toned.back() = ComposeLetter(toned_letter);
              const std::string p8 = ToLower(U32ToUtf8(plain));
              const std::string t8 = ToLower(U32ToUtf8(toned));
              // A '?' after an untoned vowel ends a question only after
              // the few words that end questions ("sao?", "chưa?"); other
              // words take the hook ("kết qua? TĐG" -> "kết quả TĐG").
              static constexpr std::string_view kQuestionEnds[] = {
                  "sao", "chưa", "ai", "đi", "kia", "nha", "hay", "a", "ha",
                  "ư", "chăng", "nhe", "u", "o", "ơ", "hử"};
              bool question_word = false;
              for (std::string_view q : kQuestionEnds) {
                if (p8 == q) question_word = true;
              }
              if (c == '?') {
                apply = IsValidSyllable(t8) && !question_word;
              } else {
                apply = IsValidSyllable(t8) &&
                        (!IsValidSyllable(p8) ||
                         (IsCommonSyllable(t8) && !IsCommonSyllable(p8)));
              }
            }
          }
          if (apply) {
            l.tone = static_cast<Tone>(tone);
            out.back() = ComposeLetter(l);
            continue;
          }
        }
      }
    }
    out.push_back(c);
  }
  return out;
}

// --- UTF-8 mojibake ------------------------------------------------------------

struct Pending {
  size_t pos;                      // index in the output of the placeholder
  std::vector<std::u32string> options;
  // When the byte is simply absent (not '?' or U+FFFD), an option must
  // make a valid word; otherwise the text stays as it was.
  bool need_valid = false;
  std::u32string original;
};

bool IsCont(char32_t u) { return u >= 0x80 && u <= 0xBF; }

// Picks, for each pending position, the first option that makes its word
// a valid syllable (the first option if none does).
void ResolvePending(std::u32string* out, const std::vector<Pending>& pending) {
  // Work from the back so positions stay valid while lengths change.
  for (auto it = pending.rbegin(); it != pending.rend(); ++it) {
    int chosen = -1;
    for (size_t k = 0; k < it->options.size(); ++k) {
      std::u32string trial = *out;
      trial.replace(it->pos, 1, it->options[k]);
      size_t begin;
      const size_t probe =
          it->options[k].empty() ? (it->pos > 0 ? it->pos - 1 : 0) : it->pos;
      if (probe < trial.size() && !IsWordSeparator(trial[probe]) &&
          ValidWord(WordAt(trial, probe, &begin))) {
        chosen = static_cast<int>(k);
        break;
      }
    }
    if (chosen < 0 && it->need_valid) {
      out->replace(it->pos, 1, it->original);
      continue;
    }
    out->replace(it->pos, 1, it->options[std::max(chosen, 0)]);
  }
}

std::u32string DecodeMojibakeUnits(const Units& units) {
  std::u32string out;
  out.reserve(units.size());
  std::vector<Pending> pending;
  auto passthrough = [&](char32_t u) {
    out.push_back(u >= 0x80 && u < 0xA0 ? T().cp1252[u - 0x80] : u);
  };
  const size_t n = units.size();
  for (size_t i = 0; i < n; ++i) {
    const char32_t u = units[i];
    if (u < 0xC2 || u > 0xF4) {
      passthrough(u);
      continue;
    }
    const int need = u < 0xE0 ? 1 : (u < 0xF0 ? 2 : 3);
    int have = 0;
    while (have < need && i + 1 + have < n && IsCont(units[i + 1 + have])) {
      ++have;
    }
    if (have == need) {
      char32_t cp = u & (need == 1 ? 0x1F : (need == 2 ? 0x0F : 0x07));
      for (int k = 1; k <= need; ++k) cp = (cp << 6) | (units[i + k] & 0x3F);
      const bool overlong = (need == 2 && cp < 0x800) ||
                            (need == 3 && cp < 0x10000);
      if (!overlong && !(cp >= 0xD800 && cp <= 0xDFFF) && cp <= 0x10FFFF) {
        out.push_back(cp);
        i += need;
        continue;
      }
      passthrough(u);
      continue;
    }
    // One continuation byte missing: bytes 0x81 0x8D 0x8F 0x90 0x9D are
    // undefined in CP1252 and get lost, become '?' or U+FFFD; 0xA0 (NBSP)
    // often becomes a plain space.
    const size_t at = i + 1 + have;  // the unit where the byte is missing
    const char32_t next = at < n ? units[at] : 0;
    const bool replaced = next == '?' || next == 0xFFFD;
    std::vector<std::u32string> options;
    size_t consumed = have + (replaced ? 1 : 0);
    if (need == 2 && have == 1 && u == 0xE1 && units[i + 1] == 0xBB) {
      for (char32_t cp : {0x1EC1, 0x1EDD, 0x1ECD, 0x1ECF, 0x1ED0}) {
        options.push_back(std::u32string(1, cp));
      }
    } else if (need == 1 && have == 0 && u == 0xC3) {
      if (next == ' ') {
        // "Ã " is à whose NBSP became a space. Two spaces: the word ended.
        const char32_t after = at + 1 < n ? units[at + 1] : 0;
        consumed = 1;
        if (after == ' ' || after == '\n' || after == 0 || after == '\r') {
          options.push_back(U"à");
        } else if (IsLetterChar(after)) {
          options.push_back(U"à");
          options.push_back(U"à ");
        } else {
          options.push_back(U"à");
        }
      } else {
        for (char32_t cp : {0xC1, 0xCD, 0xDD, 0x110}) {
          options.push_back(std::u32string(1, cp));
        }
      }
    } else if (need == 1 && have == 0 && u == 0xC4) {
      options.push_back(U"Đ");
    }
    if (options.empty()) {
      passthrough(u);
      continue;
    }
    if (options.size() == 2 && options[1] == U"à ") {
      // Decide by joining with the next word: "lÃ m" -> "làm".
      size_t j = at + 1;
      std::u32string tail;
      while (j < n && units[j] < 0x80 && std::isalpha(static_cast<int>(units[j]))) {
        tail.push_back(units[j++]);
      }
      size_t b = out.size();
      while (b > 0 && IsLetterChar(out[b - 1])) --b;
      std::u32string joined = out.substr(b) + U"à" + tail;
      out += ValidWord(joined) ? U"à" : U"à ";
      i += consumed;
      continue;
    }
    const bool nbsp = u == 0xC3 && next == ' ';
    Pending pend{out.size(), std::move(options), !replaced && !nbsp, {}};
    for (size_t k = i; k <= i + have && k < n; ++k) {
      const char32_t v = units[k];
      pend.original.push_back(v >= 0x80 && v < 0xA0 ? T().cp1252[v - 0x80] : v);
    }
    pending.push_back(std::move(pend));
    out.push_back(0xFFFD);
    i += consumed;
  }
  ResolvePending(&out, pending);
  return out;
}

// --- Shared helpers --------------------------------------------------------------

// Text -> units for the CP1252 view: each character's byte where it has
// one, else the character itself.
Units ViewUnits(std::u32string_view text) {
  Units units;
  units.reserve(text.size());
  for (char32_t c : text) {
    const int b = Cp1252ByteOf(c);
    units.push_back(b >= 0 ? static_cast<char32_t>(b) : c);
  }
  return units;
}

// TCVN3 aliases from PDF text layers: minus sign or hyphen inside a word
// for ư (0xAD), Greek mu for à (0xB5).
void ApplyTcvn3Aliases(Units* units) {
  for (char32_t& u : *units) {
    if (u == 0x3BC) u = 0xB5;
  }
  for (size_t i = 0; i < units->size(); ++i) {
    char32_t& u = (*units)[i];
    if (u != 0x2212 && u != '-') continue;
    const bool left = i > 0 && ((*units)[i - 1] >= 0x80
                                    ? (*units)[i - 1] < 0x100
                                    : std::isalpha(static_cast<int>((*units)[i - 1])));
    const bool right = i + 1 < units->size() &&
                       ((*units)[i + 1] >= 0x80
                            ? (*units)[i + 1] < 0x100
                            : std::isalpha(static_cast<int>((*units)[i + 1])));
    if (!right || (!left && u == '-')) continue;
    // Try ư here: keep it if the word decodes to a valid syllable.
    Units trial = *units;
    trial[i] = 0xAD;
    size_t b = i, e = i + 1;
    auto in_word = [&](char32_t v) {
      return v >= 0x80 ? v < 0x100 && v != 0xA0
                       : std::isalpha(static_cast<int>(v)) != 0;
    };
    while (b > 0 && in_word(trial[b - 1])) --b;
    while (e < trial.size() && in_word(trial[e])) ++e;
    std::u32string word;
    for (size_t k = b; k < e; ++k) word.push_back(T().tcvn3.decode[trial[k]]);
    if (ValidWord(word)) u = 0xAD;
  }
}

std::u32string DecodeUnitsRaw(Units units, Encoding encoding) {
  switch (encoding) {
    case Encoding::kUtf8: {
      std::u32string out;
      for (char32_t u : units) {
        out.push_back(u >= 0x80 && u < 0xA0 ? T().cp1252[u - 0x80] : u);
      }
      return out;
    }
    case Encoding::kTcvn3:
      ApplyTcvn3Aliases(&units);
      return DecodeSingle(units, T().tcvn3);
    case Encoding::kViscii: return DecodeSingle(units, T().viscii);
    case Encoding::kVps: return DecodeSingle(units, T().vps);
    case Encoding::kVni: return DecodeVni(units);
    case Encoding::kCp1258: return DecodeCp1258(units);
    case Encoding::kViqr: return units;  // handled on text
    case Encoding::kMojibake: return DecodeMojibakeUnits(units);
    case Encoding::kMojibake2:
      return DecodeMojibakeUnits(ViewUnits(DecodeMojibakeUnits(units)));
  }
  return units;
}

}  // namespace

bool ViqrEscapesPunctuation(std::u32string_view text) {
  return EscapesPunctuation(text);
}

std::u32string DecodeViewedTextU32(std::u32string_view text, Encoding encoding,
                                   bool viqr_strict, bool repair_marks) {
  std::u32string out;
  if (encoding == Encoding::kUtf8) {
    out = std::u32string(text);
  } else if (encoding == Encoding::kViqr) {
    out = DecodeViqr(text, viqr_strict);
  } else {
    out = DecodeUnitsRaw(ViewUnits(text), encoding);
  }
  if (repair_marks) {
    RepairMarksU32(&out);
  } else {
    ComposeMarksU32(&out);
  }
  return out;
}

namespace {

// --- Encoders -------------------------------------------------------------------

// Encodes one character into a single-byte table; false if impossible.
bool EncodeSingle(char32_t c, const Tables::Single& s, std::string* out) {
  if (c < 0x80) {
    // C0 bytes taken by capitals cannot carry their control character.
    if (s.decode[c] != c) return false;
    out->push_back(static_cast<char>(c));
    return true;
  }
  auto it = s.encode.find(c);
  if (it != s.encode.end()) {
    out->push_back(static_cast<char>(it->second));
    return true;
  }
  const int b = Cp1252ByteOf(c);
  if (b >= 0x80 && b < 0xA0 && (s.ambiguous[b] || s.decode[b] == c)) {
    out->push_back(static_cast<char>(b));  // read back as punctuation
    return true;
  }
  if (b >= 0xA0 && s.decode[b] == c) {
    out->push_back(static_cast<char>(b));
    return true;
  }
  return false;
}

// VNI diacritic byte for (mark, tone), lower case; 0 if none needed.
uint8_t VniModByte(Mark mark, Tone tone) {
  for (int b = 0xE0; b <= 0xFF; ++b) {
    VniMod m;
    if (VniModifier(static_cast<uint8_t>(b), &m)) {
      const Mark want = m.set_mark ? m.mark : Mark::kNone;
      if (want == mark && m.tone == tone) return static_cast<uint8_t>(b);
    }
  }
  return 0;
}

bool EncodeVni(char32_t c, std::string* out) {
  Letter l;
  if (c >= 0x80 && DecomposeLetter(c, &l)) {
    const uint8_t up = l.upper ? 0x20 : 0;
    // Letters with a byte of their own.
    for (int b = 0xE0; b <= 0xFF; ++b) {
      const char32_t v = VniLetter(static_cast<uint8_t>(b));
      if (v == 0) continue;
      Letter vl;
      DecomposeLetter(v, &vl);
      if (vl.base == l.base && vl.mark == l.mark && vl.tone == l.tone) {
        out->push_back(static_cast<char>(b - up));
        return true;
      }
    }
    // ơ/ư + tone: the horn letter byte then the tone byte.
    if (l.mark == Mark::kHorn) {
      out->push_back(static_cast<char>((l.base == 'o' ? 0xF4 : 0xF6) - up));
      if (l.tone != Tone::kLevel) {
        out->push_back(static_cast<char>(VniModByte(Mark::kNone, l.tone) - up));
      }
      return true;
    }
    out->push_back(static_cast<char>(l.upper ? l.base - 32 : l.base));
    const uint8_t m = VniModByte(l.mark, l.tone);
    if (m == 0) return false;
    out->push_back(static_cast<char>(m - up));
    return true;
  }
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
    return true;
  }
  const int b = Cp1252ByteOf(c);
  if (b < 0) return false;
  out->push_back(static_cast<char>(b));
  return true;
}

bool EncodeCp1258(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
    return true;
  }
  for (int b = 0; b < 128; ++b) {
    if (T().cp1258[b] == c) {
      out->push_back(static_cast<char>(0x80 + b));
      return true;
    }
  }
  Letter l;
  if (!DecomposeLetter(c, &l) || l.tone == Tone::kLevel) return false;
  const Tone tone = l.tone;
  l.tone = Tone::kLevel;
  if (!EncodeCp1258(ComposeLetter(l), out)) return false;
  static constexpr char32_t kMarks[] = {0, 0x300, 0x301, 0x309, 0x303, 0x323};
  return EncodeCp1258(kMarks[static_cast<int>(tone)], out);
}

void EncodeViqr(std::u32string_view text, std::string* out) {
  static constexpr char kTones[] = {0, '`', '\'', '?', '~', '.'};
  bool after_letter = false;  // a letter that a following char could modify
  for (size_t i = 0; i < text.size(); ++i) {
    const char32_t c = text[i];
    Letter l;
    if (DecomposeLetter(c, &l)) {
      const char base = static_cast<char>(l.upper ? l.base - 32 : l.base);
      // A plain 'd' before another d-letter would pair up with it as đ.
      if (l.base == 'd' && l.mark == Mark::kNone && i + 1 < text.size()) {
        Letter next;
        if (DecomposeLetter(text[i + 1], &next) && next.base == 'd') {
          out->push_back('\\');
        }
      }
      out->push_back(base);
      switch (l.mark) {
        case Mark::kCircumflex: out->push_back('^'); break;
        case Mark::kBreve: out->push_back('('); break;
        case Mark::kHorn: out->push_back('+'); break;
        case Mark::kStroke: out->push_back(base); break;
        case Mark::kNone: break;
      }
      if (l.tone != Tone::kLevel) out->push_back(kTones[static_cast<int>(l.tone)]);
      after_letter = true;
      continue;
    }
    if (after_letter && c < 0x80 && IsViqrChar(c) && c != 'd' && c != 'D') {
      out->push_back('\\');
    }
    AppendUtf8(c, out);
    after_letter = false;
  }
}

std::string Mojibake(std::string_view utf8) { return BytesAsCp1252(utf8); }

Result<std::string> EncodeImpl(std::string_view text, Encoding encoding,
                               bool lossy, size_t* substituted) {
  if (!IsValidUtf8(text)) {
    return MakeError(ErrorCode::kInvalidArgument, "Encode: input is not UTF-8");
  }
  if (substituted) *substituted = 0;
  switch (encoding) {
    case Encoding::kUtf8: return std::string(text);
    case Encoding::kMojibake: return Mojibake(text);
    case Encoding::kMojibake2: return Mojibake(Mojibake(text));
    default: break;
  }
  const std::u32string in = Utf8ToU32(text);
  std::string out;
  out.reserve(in.size() * 2);
  if (encoding == Encoding::kViqr) {
    EncodeViqr(in, &out);
    return out;
  }
  for (char32_t c : in) {
    bool ok = false;
    switch (encoding) {
      case Encoding::kTcvn3: ok = EncodeSingle(c, T().tcvn3, &out); break;
      case Encoding::kViscii: ok = EncodeSingle(c, T().viscii, &out); break;
      case Encoding::kVps: ok = EncodeSingle(c, T().vps, &out); break;
      case Encoding::kVni: ok = EncodeVni(c, &out); break;
      case Encoding::kCp1258: ok = EncodeCp1258(c, &out); break;
      default: break;
    }
    if (ok) continue;
    if (!lossy) {
      std::string ch;
      AppendUtf8(c, &ch);
      return MakeError(ErrorCode::kInvalidArgument,
                       std::string("Encode: '") + ch + "' has no code in " +
                           EncodingName(encoding));
    }
    if (substituted) ++*substituted;
    out.push_back(c == 0xA0 ? ' ' : '?');
  }
  return out;
}

}  // namespace

const char* EncodingName(Encoding encoding) {
  switch (encoding) {
    case Encoding::kUtf8: return "utf8";
    case Encoding::kTcvn3: return "tcvn3";
    case Encoding::kVni: return "vni";
    case Encoding::kViscii: return "viscii";
    case Encoding::kVps: return "vps";
    case Encoding::kViqr: return "viqr";
    case Encoding::kCp1258: return "cp1258";
    case Encoding::kMojibake: return "mojibake";
    case Encoding::kMojibake2: return "mojibake2";
  }
  return "?";
}

std::optional<Encoding> ParseEncodingName(std::string_view name) {
  std::string n(name);
  for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (n == "tcvn" || n == "abc" || n == "tcvn5712") return Encoding::kTcvn3;
  if (n == "windows-1258" || n == "1258") return Encoding::kCp1258;
  if (n == "unicode" || n == "utf-8") return Encoding::kUtf8;
  for (Encoding e : AllEncodings()) {
    if (n == EncodingName(e)) return e;
  }
  return std::nullopt;
}

const std::array<Encoding, kEncodingCount>& AllEncodings() {
  static constexpr std::array<Encoding, kEncodingCount> kAll = {
      Encoding::kUtf8,   Encoding::kTcvn3,    Encoding::kVni,
      Encoding::kViscii, Encoding::kVps,      Encoding::kViqr,
      Encoding::kCp1258, Encoding::kMojibake, Encoding::kMojibake2};
  return kAll;
}

int Cp1252ByteOf(char32_t c) {
  if (c < 0x100) return static_cast<int>(c);
  if (c < 0x152 || c > 0x2122) return -1;  // the CP1252 extras' range
  const auto& rev = T().cp1252_reverse;
  auto it = rev.find(c);
  return it == rev.end() ? -1 : it->second;
}

std::string BytesAsCp1252(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    AppendUtf8(b >= 0x80 && b < 0xA0 ? T().cp1252[b - 0x80] : b, &out);
  }
  return out;
}

std::string DecodeViewedText(std::string_view text, Encoding encoding) {
  std::u32string out = DecodeViewedTextU32(Utf8ToU32(text), encoding);
  return ToNfc(U32ToUtf8(out));
}

Result<std::string> Decode(std::string_view bytes, Encoding encoding) {
  switch (encoding) {
    case Encoding::kUtf8:
    case Encoding::kViqr:
    case Encoding::kMojibake:
    case Encoding::kMojibake2:
      if (!IsValidUtf8(bytes)) {
        return MakeError(ErrorCode::kInputError,
                         std::string("Decode: input is not UTF-8 (") +
                             EncodingName(encoding) + ")");
      }
      return DecodeViewedText(bytes, encoding);
    default: break;
  }
  Units units(bytes.begin(), bytes.end());
  for (char32_t& u : units) u &= 0xFF;
  std::u32string out = DecodeUnitsRaw(std::move(units), encoding);
  RepairMarksU32(&out);
  return ToNfc(U32ToUtf8(out));
}

Result<std::string> Encode(std::string_view text, Encoding encoding) {
  return EncodeImpl(text, encoding, /*lossy=*/false, nullptr);
}

std::string EncodeLossy(std::string_view text, Encoding encoding,
                        size_t* substituted) {
  auto r = EncodeImpl(text, encoding, /*lossy=*/true, substituted);
  return r ? *r : std::string();
}

}  // namespace vnplan::text
