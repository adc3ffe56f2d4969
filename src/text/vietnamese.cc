#include "text/vietnamese.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <mutex>
#include <unordered_set>

#include "common/utf8.h"

namespace vnplan::text {
namespace {

// The six tone forms of each of the 12 vowels (plus đ below), lower and
// upper case, in Tone order: level, grave, acute, hook, tilde, dot.
struct VowelRow {
  char32_t base;
  Mark mark;
  const char32_t* lower;  // 6 code points
  const char32_t* upper;
};

constexpr VowelRow kVowels[] = {
    {'a', Mark::kNone, U"aàáảãạ", U"AÀÁẢÃẠ"},
    {'a', Mark::kBreve, U"ăằắẳẵặ", U"ĂẰẮẲẴẶ"},
    {'a', Mark::kCircumflex, U"âầấẩẫậ", U"ÂẦẤẨẪẬ"},
    {'e', Mark::kNone, U"eèéẻẽẹ", U"EÈÉẺẼẸ"},
    {'e', Mark::kCircumflex, U"êềếểễệ", U"ÊỀẾỂỄỆ"},
    {'i', Mark::kNone, U"iìíỉĩị", U"IÌÍỈĨỊ"},
    {'o', Mark::kNone, U"oòóỏõọ", U"OÒÓỎÕỌ"},
    {'o', Mark::kCircumflex, U"ôồốổỗộ", U"ÔỒỐỔỖỘ"},
    {'o', Mark::kHorn, U"ơờớởỡợ", U"ƠỜỚỞỠỢ"},
    {'u', Mark::kNone, U"uùúủũụ", U"UÙÚỦŨỤ"},
    {'u', Mark::kHorn, U"ưừứửữự", U"ƯỪỨỬỮỰ"},
    {'y', Mark::kNone, U"yỳýỷỹỵ", U"YỲÝỶỸỴ"},
};

// Lookup tables: code points 0..0x24F and 0x1EA0..0x1EF9.
struct LetterTables {
  std::array<Letter, 0x250> low{};
  std::array<Letter, 0x1EFA - 0x1EA0> ext{};
  // Compose: index [base-'a'][mark][tone][upper] -> code point.
  char32_t compose[26][5][6][2] = {};
  std::u32string diacritic_letters;

  LetterTables() {
    for (char32_t c = 'a'; c <= 'z'; ++c) {
      low[c] = Letter{c, Mark::kNone, Tone::kLevel, false};
      low[c - 32] = Letter{c, Mark::kNone, Tone::kLevel, true};
      compose[c - 'a'][0][0][0] = c;
      compose[c - 'a'][0][0][1] = c - 32;
    }
    Set(U'đ', Letter{'d', Mark::kStroke, Tone::kLevel, false});
    Set(U'Đ', Letter{'d', Mark::kStroke, Tone::kLevel, true});
    std::u32string lower_letters = U"đ", upper_letters = U"Đ";
    for (const VowelRow& row : kVowels) {
      for (int t = 0; t < 6; ++t) {
        Set(row.lower[t], Letter{row.base, row.mark, static_cast<Tone>(t), false});
        Set(row.upper[t], Letter{row.base, row.mark, static_cast<Tone>(t), true});
        if (t > 0 || row.mark != Mark::kNone) {
          lower_letters.push_back(row.lower[t]);
          upper_letters.push_back(row.upper[t]);
        }
      }
    }
    diacritic_letters = lower_letters + upper_letters;
  }

  void Set(char32_t c, const Letter& l) {
    if (c < 0x250) {
      low[c] = l;
    } else {
      ext[c - 0x1EA0] = l;
    }
    compose[l.base - 'a'][static_cast<int>(l.mark)][static_cast<int>(l.tone)][l.upper] = c;
  }

  const Letter* Find(char32_t c) const {
    const Letter* l = nullptr;
    if (c < 0x250) {
      l = &low[c];
    } else if (c >= 0x1EA0 && c < 0x1EFA) {
      l = &ext[c - 0x1EA0];
    }
    return (l && l->base != 0) ? l : nullptr;
  }
};

const LetterTables& Tables() {
  static const LetterTables tables;
  return tables;
}

bool IsVowelBase(const Letter& l) {
  switch (l.base) {
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': return true;
    default: return false;
  }
}

// ---- Syllable structure -------------------------------------------------

// Onsets, longest first so that greedy matching works.
constexpr std::string_view kOnsets[] = {
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s",
    "t", "v", "x", ""};

// Toneless rhymes (vowel nucleus with glides + coda), lower case.
constexpr std::string_view kRhymes[] = {
    "a", "ac", "ach", "ai", "am", "an", "ang", "anh", "ao", "ap", "at", "au", "ay",
    "ăc", "ăm", "ăn", "ăng", "ăp", "ăt",
    "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây",
    "e", "ec", "em", "en", "eng", "eo", "ep", "et",
    "ê", "êch", "êm", "ên", "ênh", "êp", "êt", "êu",
    "i", "ia", "ich", "im", "in", "inh", "ip", "it", "iu",
    "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu",
    "o", "oc", "oi", "om", "on", "ong", "op", "ot",
    "oa", "oac", "oach", "oai", "oam", "oan", "oang", "oanh", "oao", "oap", "oat", "oay",
    "oăc", "oăm", "oăn", "oăng", "oăt", "oe", "oem", "oen", "oeo", "oet", "ooc", "oong",
    "ô", "ôc", "ôi", "ôm", "ôn", "ông", "ôp", "ôt",
    "ơ", "ơi", "ơm", "ơn", "ơp", "ơt",
    "u", "ua", "uân", "uâng", "uât", "uây", "uc", "ui", "um", "un", "ung", "up", "ut",
    "uê", "uêch", "uênh", "uơ", "uy", "uya", "uych", "uyên", "uyêt", "uyn", "uynh",
    "uyp", "uyt", "uyu", "uôc", "uôi", "uôm", "uôn", "uông", "uôt",
    "ư", "ưa", "ưc", "ưi", "ưm", "ưn", "ưng", "ưt", "ưu",
    "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt", "ươu",
    "y", "yêm", "yên", "yêt", "yêu",
};

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool OnsetRhymeCompatible(std::string_view onset, std::string_view rhyme) {
  const bool front = StartsWith(rhyme, "i") || StartsWith(rhyme, "e") ||
                     StartsWith(rhyme, "ê") || StartsWith(rhyme, "y");
  if (StartsWith(rhyme, "y") && rhyme.size() > 1) {  // yê-: only bare or after qu
    return onset.empty() || onset == "qu";
  }
  if (StartsWith(rhyme, "iê")) return !onset.empty() && onset != "qu" && onset != "gi";
  if (onset == "c" || onset == "ng") return !front;
  if (onset == "g") return !StartsWith(rhyme, "e") && !StartsWith(rhyme, "ê") && !StartsWith(rhyme, "y");
  if (onset == "k" || onset == "gh" || onset == "ngh") return front;
  if (onset == "qu") {
    return !StartsWith(rhyme, "u") && !StartsWith(rhyme, "o") && !StartsWith(rhyme, "ư");
  }
  if (onset == "gi") return !StartsWith(rhyme, "i");
  return true;
}

bool IsStopCoda(std::string_view rhyme) {
  auto ends = [&](std::string_view s) {
    return rhyme.size() >= s.size() && rhyme.substr(rhyme.size() - s.size()) == s;
  };
  return ends("c") || ends("ch") || ends("p") || ends("t");
}

// Extra rhymes for "gi" where the i of iê is absorbed: giêng, giết, giữa...
constexpr std::string_view kGiRhymes[] = {"êc", "êng", "êu", "ên", "êt", "êm", "êp"};
// Extra rhymes for "qu" where the u of uy- is absorbed: quýt, quỳnh, quyết.
constexpr std::string_view kQuRhymes[] = {"ych", "yn", "ynh", "yp", "yt", "yu", "ya"};

struct SyllableTables {
  // Toneless lower-case syllables -> whether the rhyme ends in a stop.
  std::unordered_set<std::string> toneless;
  std::vector<std::string> all;  // with tones, new style, sorted

  SyllableTables() {
    auto add = [&](std::string_view onset, std::string_view rhyme) {
      std::string s = std::string(onset) + std::string(rhyme);
      toneless.insert(s);
    };
    for (std::string_view onset : kOnsets) {
      for (std::string_view rhyme : kRhymes) {
        if (OnsetRhymeCompatible(onset, rhyme)) add(onset, rhyme);
      }
    }
    for (std::string_view rhyme : kGiRhymes) add("gi", rhyme);
    for (std::string_view rhyme : kQuRhymes) add("qu", rhyme);
    // "gi" alone and g + i-rhymes (gì, gìn) are covered by onset g + "i...".
    for (const std::string& s : toneless) {
      const bool stop = IsStopCoda(s);
      for (int t = 0; t < 6; ++t) {
        const Tone tone = static_cast<Tone>(t);
        if (stop && tone != Tone::kAcute && tone != Tone::kDot) continue;
        std::string toned = ApplyTone(s, tone, ToneStyle::kNew);
        if (!toned.empty()) all.push_back(std::move(toned));
      }
    }
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
  }
};

const SyllableTables& Syllables() {
  static const SyllableTables tables;
  return tables;
}

// Index (into `letters`) of the vowel that carries the tone, or -1.
// `letters` are the decomposed letters of one syllable (any case).
int TonePosition(const std::vector<Letter>& letters, ToneStyle style) {
  const int n = static_cast<int>(letters.size());
  int start = 0;
  // Skip the onset consonants.
  while (start < n && !IsVowelBase(letters[start])) ++start;
  if (start >= n) return -1;
  // "qu" and "gi": the u / i belongs to the onset when a vowel follows.
  if (start > 0 && start + 1 < n && IsVowelBase(letters[start + 1])) {
    const Letter& prev = letters[start - 1];
    const Letter& cur = letters[start];
    if ((prev.base == 'q' && cur.base == 'u' && cur.mark == Mark::kNone) ||
        (prev.base == 'g' && start == 1 && cur.base == 'i' && cur.mark == Mark::kNone)) {
      ++start;
    }
  }
  int end = start;
  while (end < n && IsVowelBase(letters[end])) ++end;
  const int count = end - start;
  const bool has_coda = end < n;
  // A vowel with a mark takes the tone; in "ươ" the second one.
  int marked = -1;
  for (int i = start; i < end; ++i) {
    const Mark m = letters[i].mark;
    if (m == Mark::kCircumflex || m == Mark::kBreve || m == Mark::kHorn) marked = i;
  }
  if (marked >= 0) return marked;
  if (count == 1) return start;
  if (count == 3) return start + 1;
  if (has_coda) return end - 1;
  // Two vowels, open syllable: oa, oe, uy move in the new style.
  const char32_t a = letters[start].base, b = letters[start + 1].base;
  const bool glide_pair = (a == 'o' && (b == 'a' || b == 'e')) || (a == 'u' && b == 'y');
  if (glide_pair && style == ToneStyle::kNew) return start + 1;
  return start;
}

bool DecomposeWord(std::u32string_view word, std::vector<Letter>* letters) {
  letters->clear();
  const LetterTables& t = Tables();
  for (char32_t c : word) {
    const Letter* l = t.Find(c);
    if (!l) return false;
    letters->push_back(*l);
  }
  return true;
}

std::string LowerToneless(const std::vector<Letter>& letters) {
  std::string s;
  for (Letter l : letters) {
    l.upper = false;
    l.tone = Tone::kLevel;
    AppendUtf8(ComposeLetter(l), &s);
  }
  return s;
}

std::string IcuToUtf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

}  // namespace

bool DecomposeLetter(char32_t c, Letter* out) {
  const Letter* l = Tables().Find(c);
  if (!l) return false;
  *out = *l;
  return true;
}

char32_t ComposeLetter(const Letter& l) {
  if (l.base < 'a' || l.base > 'z') return 0;
  return Tables().compose[l.base - 'a'][static_cast<int>(l.mark)][static_cast<int>(l.tone)][l.upper];
}

bool IsVietnameseLetter(char32_t c) { return Tables().Find(c) != nullptr; }

const std::u32string& VietnameseDiacriticLetters() { return Tables().diacritic_letters; }

std::string ToNfc(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(utf8);
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  if (nfc->isNormalized(in, status) && U_SUCCESS(status)) return std::string(utf8);
  status = U_ZERO_ERROR;
  const icu::UnicodeString out = nfc->normalize(in, status);
  if (U_FAILURE(status)) return std::string(utf8);
  return IcuToUtf8(out);
}

std::string ToLower(std::string_view utf8) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  return IcuToUtf8(u.toLower(icu::Locale("vi")));
}

std::string ToUpper(std::string_view utf8) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  return IcuToUtf8(u.toUpper(icu::Locale("vi")));
}

std::string StripDiacritics(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  const LetterTables& t = Tables();
  size_t pos = 0;
  while (pos < utf8.size()) {
    const size_t before = pos;
    const char32_t c = NextCodePoint(utf8, &pos);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    if (c >= 0x300 && c <= 0x36F) continue;  // stray combining marks
    if (const Letter* l = t.Find(c)) {
      out.push_back(static_cast<char>(l->upper ? l->base - 32 : l->base));
    } else {
      out.append(utf8.substr(before, pos - before));
    }
  }
  return out;
}

std::string Skeleton(std::string_view syllable) {
  std::string out;
  out.reserve(syllable.size());
  const LetterTables& t = Tables();
  size_t pos = 0;
  while (pos < syllable.size()) {
    const size_t before = pos;
    const char32_t c = NextCodePoint(syllable, &pos);
    if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c + 32));
    } else if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c >= 0x300 && c <= 0x36F) {
      continue;
    } else if (const Letter* l = t.Find(c)) {
      out.push_back(static_cast<char>(l->base));
    } else {
      out.append(syllable.substr(before, pos - before));
    }
  }
  return out;
}

Tone SyllableTone(std::string_view syllable) {
  size_t pos = 0;
  while (pos < syllable.size()) {
    const char32_t c = NextCodePoint(syllable, &pos);
    Letter l;
    if (DecomposeLetter(c, &l) && l.tone != Tone::kLevel) return l.tone;
  }
  return Tone::kLevel;
}

std::string ApplyTone(std::string_view toneless, Tone tone, ToneStyle style) {
  std::vector<Letter> letters;
  const std::u32string word = Utf8ToU32(toneless);
  if (!DecomposeWord(word, &letters)) return "";
  for (Letter& l : letters) l.tone = Tone::kLevel;
  const int pos = TonePosition(letters, style);
  if (pos < 0) return "";
  letters[pos].tone = tone;
  std::string out;
  for (const Letter& l : letters) AppendUtf8(ComposeLetter(l), &out);
  return out;
}

namespace {

// Re-places the tone of one word in place; false if it is not a syllable.
bool RetoneWord(std::u32string* word, ToneStyle style) {
  thread_local std::vector<Letter> letters;
  if (!DecomposeWord(*word, &letters)) return false;
  int toned = -1;
  for (int i = 0; i < static_cast<int>(letters.size()); ++i) {
    if (letters[i].tone != Tone::kLevel) {
      if (toned >= 0) return false;  // two tones: not a syllable
      toned = i;
    }
  }
  if (toned < 0) return true;
  if (!Syllables().toneless.contains(LowerToneless(letters))) return false;
  const int target = TonePosition(letters, style);
  if (target < 0 || target == toned) return true;
  letters[target].tone = letters[toned].tone;
  letters[toned].tone = Tone::kLevel;
  (*word)[toned] = ComposeLetter(letters[toned]);
  (*word)[target] = ComposeLetter(letters[target]);
  return true;
}

}  // namespace

std::string NormalizeTonePlacement(std::string_view text, ToneStyle style) {
  const std::u32string in = Utf8ToU32(text);
  std::u32string out;
  out.reserve(in.size());
  std::u32string word;
  auto flush = [&] {
    if (!word.empty()) {
      RetoneWord(&word, style);
      out += word;
      word.clear();
    }
  };
  for (char32_t c : in) {
    if (IsVietnameseLetter(c)) {
      word.push_back(c);
    } else {
      flush();
      out.push_back(c);
    }
  }
  flush();
  return U32ToUtf8(out);
}

bool IsValidSyllable(std::string_view word) {
  thread_local std::vector<Letter> letters;
  letters.clear();
  const LetterTables& t = Tables();
  size_t pos = 0;
  int toned = -1;
  while (pos < word.size()) {
    const char32_t c = NextCodePoint(word, &pos);
    const Letter* l = t.Find(c);
    if (!l) return false;
    if (l->tone != Tone::kLevel) {
      if (toned >= 0) return false;
      toned = static_cast<int>(letters.size());
    }
    letters.push_back(*l);
    if (letters.size() > 7) return false;  // longest is "nghiêng"
  }
  if (letters.empty()) return false;
  const std::string key = LowerToneless(letters);
  if (!Syllables().toneless.contains(key)) return false;
  if (toned < 0) return !IsStopCoda(key);
  const Tone tone = letters[toned].tone;
  if (IsStopCoda(key) && tone != Tone::kAcute && tone != Tone::kDot) return false;
  return toned == TonePosition(letters, ToneStyle::kNew) ||
         toned == TonePosition(letters, ToneStyle::kOld);
}

const std::vector<std::string>& AllValidSyllables() { return Syllables().all; }

}  // namespace vnplan::text
