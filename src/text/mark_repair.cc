#include "text/mark_repair.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "common/utf8.h"
#include "text/vietnamese.h"

namespace vnplan::text {
namespace {

bool IsCombining(char32_t c) { return c >= 0x300 && c < 0x370; }

// Tone of a combining mark, or -1 when it is not one of the five tones.
int ToneOfMark(char32_t c) {
  switch (c) {
    case 0x300: case 0x340: return static_cast<int>(Tone::kGrave);
    case 0x301: case 0x341: return static_cast<int>(Tone::kAcute);
    case 0x309: return static_cast<int>(Tone::kHook);
    case 0x303: return static_cast<int>(Tone::kTilde);
    case 0x323: return static_cast<int>(Tone::kDot);
    default: return -1;
  }
}

const icu::Normalizer2* Nfd() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
  return U_SUCCESS(status) ? n : nullptr;
}

// Whether a token needs a look: it holds a combining mark, an eth, or a
// letter that is not Vietnamese.
bool NeedsFix(std::u32string_view token) {
  for (char32_t c : token) {
    if (c < 0x80) continue;
    if (!IsVietnameseLetter(c)) return true;
  }
  return false;
}

std::string ToUtf8(std::u32string_view s) { return U32ToUtf8(s); }

// Tries to turn `token` into a valid syllable by replacing eth and moving
// a single tone mark to the right vowel. Returns false to keep it.
bool FixToken(std::u32string_view token, std::u32string* out) {
  const icu::Normalizer2* nfd = Nfd();
  std::u32string bare;  // letters without tone, Vietnamese only
  int tone = -1;
  int tones = 0;
  for (char32_t c : token) {
    if (c == 0xD0) c = 0x110;  // Ð -> Đ
    if (c == 0xF0) c = 0x111;  // ð -> đ
    Letter l;
    if (DecomposeLetter(c, &l)) {
      if (l.tone != Tone::kLevel) {
        ++tones;
        tone = static_cast<int>(l.tone);
        l.tone = Tone::kLevel;
      }
      bare.push_back(ComposeLetter(l));
      continue;
    }
    if (IsCombining(c)) {
      const int t = ToneOfMark(c);
      if (t < 0) return false;
      ++tones;
      tone = t;
      continue;
    }
    // A precomposed non-Vietnamese letter: split it into base + marks.
    if (nfd == nullptr) return false;
    icu::UnicodeString d;
    if (!nfd->getDecomposition(static_cast<UChar32>(c), d)) return false;
    const UChar32 base = d.char32At(0);
    if (!DecomposeLetter(static_cast<char32_t>(base), &l) ||
        l.tone != Tone::kLevel) {
      return false;
    }
    for (int32_t i = U16_LENGTH(base); i < d.length();) {
      const UChar32 m = d.char32At(i);
      i += U16_LENGTH(m);
      const int t = ToneOfMark(static_cast<char32_t>(m));
      if (t < 0) return false;  // e.g. ñ, ï: not a Vietnamese letter
      ++tones;
      tone = t;
    }
    bare.push_back(ComposeLetter(l));
  }
  if (tones > 1) return false;
  std::string candidate = ToUtf8(bare);
  if (tones == 1) {
    candidate = ApplyTone(candidate, static_cast<Tone>(tone), ToneStyle::kOld);
    if (candidate.empty()) return false;
  }
  if (!IsValidSyllable(candidate)) return false;
  *out = Utf8ToU32(candidate);
  return true;
}

}  // namespace

std::string ToUtf8Fast(std::u32string_view text) {
  std::string out(text.size() * 4, '\0');
  char* p = out.data();
  for (char32_t c : text) {
    if (c < 0x80) {
      *p++ = static_cast<char>(c);
    } else if (c < 0x800) {
      *p++ = static_cast<char>(0xC0 | (c >> 6));
      *p++ = static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD;
      *p++ = static_cast<char>(0xE0 | (c >> 12));
      *p++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      *p++ = static_cast<char>(0x80 | (c & 0x3F));
    } else if (c <= 0x10FFFF) {
      *p++ = static_cast<char>(0xF0 | (c >> 18));
      *p++ = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      *p++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      *p++ = static_cast<char>(0x80 | (c & 0x3F));
    } else {
      *p++ = '\xEF';
      *p++ = '\xBF';
      *p++ = '\xBD';
    }
  }
  out.resize(static_cast<size_t>(p - out.data()));
  return out;
}

// Composes a Vietnamese letter with a following combining mark in place
// (fast path for NFD and CP1258 text); false if it does not apply.
bool ComposeOne(char32_t* letter, char32_t mark) {
  Letter l;
  if (!DecomposeLetter(*letter, &l)) return false;
  const int tone = ToneOfMark(mark);
  if (tone >= 0) {
    if (l.tone != Tone::kLevel) return false;
    l.tone = static_cast<Tone>(tone);
  } else {
    if (l.mark != Mark::kNone) return false;  // NFD puts dot below first
    if (mark == 0x302) {
      l.mark = Mark::kCircumflex;
    } else if (mark == 0x306) {
      l.mark = Mark::kBreve;
    } else if (mark == 0x31B) {
      l.mark = Mark::kHorn;
    } else {
      return false;
    }
  }
  const char32_t c = ComposeLetter(l);
  if (c == 0) return false;
  *letter = c;
  return true;
}

void ComposeMarksU32(std::u32string* text) {
  size_t first = 0;
  while (first < text->size() && !IsCombining((*text)[first])) ++first;
  if (first == text->size()) return;
  // Fast path: every mark composes with the Vietnamese letter before it.
  std::u32string out(text->begin(), text->begin() + first);
  for (size_t i = first; i < text->size(); ++i) {
    const char32_t c = (*text)[i];
    if (!IsCombining(c)) {
      out.push_back(c);
      continue;
    }
    if (out.empty() || !ComposeOne(&out.back(), c)) {
      *text = Utf8ToU32(ToNfc(U32ToUtf8(*text)));  // the general case
      return;
    }
  }
  *text = std::move(out);
}

void RepairMarksU32(std::u32string* text) {
  bool has_combining = false;
  bool has_other = false;
  for (char32_t c : *text) {
    if (IsCombining(c)) has_combining = true;
    if (c >= 0x80 && !IsVietnameseLetter(c) && !IsWordSeparator(c)) {
      has_other = true;
    }
  }
  if (!has_combining && !has_other) return;
  if (has_combining) ComposeMarksU32(text);
  std::u32string out;
  out.reserve(text->size());
  size_t i = 0;
  const size_t n = text->size();
  while (i < n) {
    if (IsWordSeparator((*text)[i])) {
      out.push_back((*text)[i++]);
      continue;
    }
    size_t j = i;
    while (j < n && !IsWordSeparator((*text)[j])) ++j;
    std::u32string_view token(text->data() + i, j - i);
    std::u32string fixed;
    if (NeedsFix(token) && FixToken(token, &fixed)) {
      out += fixed;
    } else {
      out += token;
    }
    i = j;
  }
  *text = std::move(out);
}

std::string RepairMarks(std::string_view utf8) {
  std::u32string t = Utf8ToU32(utf8);
  RepairMarksU32(&t);
  return ToNfc(U32ToUtf8(t));
}

}  // namespace vnplan::text
