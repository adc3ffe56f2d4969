// Clean-up of Vietnamese text after decoding: Unicode NFC, tone marks that
// sit on the wrong letter ("toań" -> "toán", from NFD text or stray
// combining marks), and the Icelandic eth used for Đ ("ÐẠI" -> "ĐẠI").
// Input and output are UTF-8 (or UTF-32 for the hot path). Words that are
// not Vietnamese syllables after the fix ("señor", "naïve") are kept.
#ifndef VNPLAN_TEXT_MARK_REPAIR_H_
#define VNPLAN_TEXT_MARK_REPAIR_H_

#include <string>
#include <string_view>

namespace vnplan::text {

// NFC plus the two fixes above; text without combining marks, eth or
// non-Vietnamese toned letters comes back unchanged (only NFC'd).
std::string RepairMarks(std::string_view utf8);

// The same on UTF-32, in place. Cheap when there is nothing to fix.
void RepairMarksU32(std::u32string* text);

// Only the NFC part of RepairMarksU32 (when the text has combining marks).
void ComposeMarksU32(std::u32string* text);

// True for the characters that separate words when scoring and fixing:
// whitespace, ASCII non-letters, and general punctuation (U+2000-U+206F,
// NBSP, guillemets, inverted marks). Inline: it runs on every character.
inline bool IsWordSeparator(char32_t c) {
  if (c < 0x80) {
    return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
  }
  if (c < 0xC0) {
    return c == 0xA0 || c == 0xAB || c == 0xBB || c == 0xA1 || c == 0xBF;
  }
  return (c >= 0x2000 && c <= 0x206F) || c == 0x3000 || c == 0xFEFF;
}

// UTF-32 to UTF-8 without per-byte appends (the output hot path).
std::string ToUtf8Fast(std::u32string_view text);

}  // namespace vnplan::text

#endif  // VNPLAN_TEXT_MARK_REPAIR_H_
