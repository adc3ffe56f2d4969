// UTF-8 <-> UTF-32 conversion and small helpers used on hot paths where going
// through ICU's UnicodeString would cost more than the work itself.
// Invalid UTF-8 bytes decode to U+FFFD, one per byte.
#ifndef VNPLAN_COMMON_UTF8_H_
#define VNPLAN_COMMON_UTF8_H_

#include <string>
#include <string_view>

namespace vnplan {

std::u32string Utf8ToU32(std::string_view utf8);
std::string U32ToUtf8(std::u32string_view text);
void AppendUtf8(char32_t c, std::string* out);

// True if `bytes` is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view bytes);

// Decodes one code point at *pos and advances *pos; U+FFFD on error.
char32_t NextCodePoint(std::string_view utf8, size_t* pos);

// White space: ASCII blanks and line breaks, no-break and other Unicode
// spaces, zero-width space and the byte-order mark.
bool IsSpace(char32_t c);

// Collapses runs of white space (IsSpace: newlines, tabs, NBSP...) to one
// space and trims both ends; other bytes, even invalid UTF-8, are kept.
std::string CollapseSpaces(std::string_view text);

}  // namespace vnplan

#endif  // VNPLAN_COMMON_UTF8_H_
