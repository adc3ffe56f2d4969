#include "lm/lm_tokens.h"

#include <unicode/uchar.h>

#include "common/utf8.h"
#include "text/vietnamese.h"

namespace vnplan::lm {
namespace {

bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }

bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v' || c == 0xA0 || (c >= 0x2000 && c <= 0x200B) ||
         c == 0x3000 || c == 0x202F;
}

bool IsLetter(char32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  if (text::IsVietnameseLetter(c)) return true;
  // Combining marks stay inside words (non-NFC input).
  if (c >= 0x300 && c <= 0x36F) return true;
  return u_isalpha(static_cast<UChar32>(c));
}

}  // namespace

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t start = pos;
    size_t next = pos;
    const char32_t c = NextCodePoint(text, &next);
    TokenKind kind;
    if (IsSpace(c)) {
      kind = TokenKind::kSpace;
      pos = next;
      while (pos < text.size()) {
        size_t p = pos;
        if (!IsSpace(NextCodePoint(text, &p))) break;
        pos = p;
      }
    } else if (IsLetter(c)) {
      kind = TokenKind::kWord;
      pos = next;
      while (pos < text.size()) {
        size_t p = pos;
        if (!IsLetter(NextCodePoint(text, &p))) break;
        pos = p;
      }
    } else if (IsDigit(c)) {
      kind = TokenKind::kNumber;
      pos = next;
      while (pos < text.size()) {
        const char ch = text[pos];
        if (ch >= '0' && ch <= '9') {
          ++pos;
        } else if ((ch == '.' || ch == ',' || ch == '/' || ch == ':') &&
                   pos + 1 < text.size() && text[pos + 1] >= '0' &&
                   text[pos + 1] <= '9') {
          pos += 2;
        } else {
          break;
        }
      }
    } else {
      kind = TokenKind::kPunct;
      pos = next;
    }
    tokens.push_back(Token{text.substr(start, pos - start), start, kind});
  }
  return tokens;
}

std::string_view NumberClassWord(std::string_view number) {
  bool dot = false, slash = false;
  for (char ch : number) {
    dot |= ch == '.' || ch == ',';
    slash |= ch == '/' || ch == ':';
  }
  if (slash) return "<numslash>";
  if (dot) return "<numdot>";
  if (number.size() == 4 && (number.starts_with("19") || number.starts_with("20"))) {
    return "<year>";
  }
  return "<num>";
}

std::string_view PunctClassWord(std::string_view p) {
  if (p == ",") return "<comma>";
  if (p == ":") return "<colon>";
  if (p == "/") return "<slash>";
  if (p == "-" || p == "\u2013" || p == "\u2014") return "<dash>";
  if (p == "(" || p == "[" || p == "{") return "<open>";
  if (p == ")" || p == "]" || p == "}") return "<close>";
  if (p == "\"" || p == "'" || p == "\u201c" || p == "\u201d" || p == "\u2018" ||
      p == "\u2019" || p == "\u00ab" || p == "\u00bb") {
    return "<quote>";
  }
  return "<punct>";
}

std::string LowerVietnamese(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  size_t pos = 0;
  while (pos < word.size()) {
    const char32_t c = NextCodePoint(word, &pos);
    text::Letter l;
    if (!text::DecomposeLetter(c, &l)) return "";
    l.upper = false;
    AppendUtf8(text::ComposeLetter(l), &out);
  }
  return out;
}

WordCase CaseOf(std::string_view word) {
  size_t pos = 0;
  int n = 0, upper = 0;
  bool first_upper = false;
  while (pos < word.size()) {
    text::Letter l;
    if (!text::DecomposeLetter(NextCodePoint(word, &pos), &l)) return WordCase::kOther;
    if (n == 0) first_upper = l.upper;
    upper += l.upper;
    ++n;
  }
  if (n == 0) return WordCase::kOther;
  if (upper == 0) return WordCase::kLower;
  if (upper == n) return WordCase::kUpper;
  return upper == 1 && first_upper ? WordCase::kTitle : WordCase::kOther;
}

bool HasDiacritics(std::string_view word) {
  size_t pos = 0;
  while (pos < word.size()) {
    const char32_t c = NextCodePoint(word, &pos);
    if (c < 0x80) continue;
    text::Letter l;
    if (text::DecomposeLetter(c, &l) &&
        (l.mark != text::Mark::kNone || l.tone != text::Tone::kLevel)) {
      return true;
    }
  }
  return false;
}

bool IsAbbreviationLetters(std::string_view word) {
  const std::string lower = LowerVietnamese(word);
  if (lower.size() == 1) {
    return std::string_view("aeiouy").find(lower[0]) == std::string_view::npos;
  }
  if (lower == "\u0111") return true;  // đ
  for (std::string_view onset : {"th", "ch", "nh", "kh", "ph", "gh", "ng", "tr"}) {
    if (lower == onset) return true;
  }
  return false;
}

bool IsSentenceEnd(std::string_view p) {
  return p == "." || p == "!" || p == "?" || p == ";" || p == "\u2026";
}

bool IsParagraphBreak(std::string_view space) {
  int newlines = 0;
  for (char ch : space) newlines += ch == '\n';
  return newlines >= 2;
}

uint64_t LineHash(std::string_view line) {
  uint64_t h = 14695981039346656037ull;  // FNV-1a 64 offset basis
  for (unsigned char ch : line) {
    h ^= ch;
    h *= 1099511628211ull;
  }
  return h;
}

bool IsHeldOutLine(std::string_view line) { return LineHash(line) % 100 == 0; }

}  // namespace vnplan::lm
