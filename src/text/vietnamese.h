// Vietnamese orthography: letters as (base, mark, tone), syllable validity
// by phonotactic rules, diacritic stripping, tone-placement normalisation
// (old "hòa" vs new "hoà"), NFC and vi-locale case mapping (ICU).
// Input and output are UTF-8. Every stage that reasons about Vietnamese
// text uses this file rather than its own tables.
#ifndef VNPLAN_TEXT_VIETNAMESE_H_
#define VNPLAN_TEXT_VIETNAMESE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vnplan::text {

enum class Tone : uint8_t {
  kLevel = 0,  // ngang: a
  kGrave,      // huyền: à
  kAcute,      // sắc: á
  kHook,       // hỏi: ả
  kTilde,      // ngã: ã
  kDot,        // nặng: ạ
};

enum class Mark : uint8_t {
  kNone = 0,
  kCircumflex,  // â ê ô
  kBreve,       // ă
  kHorn,        // ơ ư
  kStroke,      // đ
};

struct Letter {
  char32_t base = 0;  // lower-case ASCII letter a..z
  Mark mark = Mark::kNone;
  Tone tone = Tone::kLevel;
  bool upper = false;
};

// Decomposes a precomposed letter (ASCII a-z/A-Z or one of the 134
// Vietnamese letters with diacritics, upper or lower case). False for any
// other character.
bool DecomposeLetter(char32_t c, Letter* out);

// The precomposed code point for `letter`, or 0 if no such letter exists
// (e.g. a breve on 'o').
char32_t ComposeLetter(const Letter& letter);

// True for a-z, A-Z and the Vietnamese letters with diacritics.
bool IsVietnameseLetter(char32_t c);

// The 134 letters with diacritics (67 lower + 67 upper), in a fixed order.
const std::u32string& VietnameseDiacriticLetters();

// Unicode NFC via ICU; also folds U+0110/U+00D0 confusion is NOT done here.
std::string ToNfc(std::string_view utf8);

// Case mapping with ICU's "vi" locale.
std::string ToLower(std::string_view utf8);
std::string ToUpper(std::string_view utf8);

// Removes tones and vowel marks, đ -> d, keeps case and everything else.
std::string StripDiacritics(std::string_view utf8);

// Lower-cased, stripped form used to group candidates: "Được" -> "duoc".
std::string Skeleton(std::string_view syllable);

// The tone of a syllable (the first toned vowel), kLevel if none.
Tone SyllableTone(std::string_view syllable);

enum class ToneStyle { kOld, kNew };  // kOld: hòa, thúy, khỏe; kNew: hoà, thuý, khoẻ

// Re-places the tone mark of every Vietnamese syllable in `text` (words not
// recognised as syllables are left alone). Input should be NFC.
std::string NormalizeTonePlacement(std::string_view text, ToneStyle style);

// Places `tone` on the right vowel of a toneless syllable (lower or mixed
// case), following `style`. Returns "" if the syllable has no vowel.
std::string ApplyTone(std::string_view toneless, Tone tone, ToneStyle style);

// True if `word` (any case, NFC) is a well-formed Vietnamese syllable:
// onset + optional glide + nucleus + optional coda, with stop codas
// (c, ch, p, t) only under the acute or dot tone, and tone on the right
// vowel under either placement style.
bool IsValidSyllable(std::string_view word);

// Every valid lower-case syllable (about 18k with tones), sorted, in the
// new tone style. Built once, thread-safe.
const std::vector<std::string>& AllValidSyllables();

}  // namespace vnplan::text

#endif  // VNPLAN_TEXT_VIETNAMESE_H_
