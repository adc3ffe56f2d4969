// Tokenisation shared by the LM trainer and the restorer, so that both see
// the same token classes. Input: UTF-8 text (NFC). Output: tokens that
// cover the input exactly (concatenating their text gives the input back),
// and the LM word each token maps to: a lower-case syllable, a number
// class (<num>, <numdot>, <numslash>, <year>), a punctuation class
// (<comma>, <colon>, <slash>, <dash>, <open>, <close>, <quote>, <punct>),
// <unk>, or a sentence boundary.
#ifndef VNPLAN_LM_LM_TOKENS_H_
#define VNPLAN_LM_LM_TOKENS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vnplan::lm {

enum class TokenKind : uint8_t {
  kSpace,   // a run of whitespace
  kWord,    // a run of letters (Vietnamese, Latin or other alphabetic)
  kNumber,  // digits, with single . , / : between digits ("12/2018")
  kPunct,   // one other code point
};

struct Token {
  std::string_view text;  // a view into the tokenised input
  size_t offset = 0;      // byte offset in the input
  TokenKind kind = TokenKind::kSpace;
};

std::vector<Token> Tokenize(std::string_view text);

// The LM class word of a kNumber token: "<year>" (1900..2099), "<numslash>"
// (holds '/' or ':', dates such as "23/11/2024"), "<numdot>" (holds '.' or
// ',': section numbers "1.9", amounts "1.500.000"), "<num>" otherwise.
std::string_view NumberClassWord(std::string_view number);
// The LM class word of a kPunct token that does not end a sentence:
// "<comma>" (,), "<colon>" (:), "<slash>" (/), "<dash>" (- – —), "<open>"
// (( [ {), "<close>" () ] }), "<quote>" (" ' “ ” ‘ ’ « »), "<punct>"
// otherwise. Models trained before the classes existed lack them: the
// restorer falls back to <num> / <punct>.
std::string_view PunctClassWord(std::string_view punct);

// Lower-cases a word of Vietnamese/ASCII letters without ICU; returns ""
// if any code point is not such a letter.
std::string LowerVietnamese(std::string_view word);

// The letter case of a word: all lower case, title case (first letter
// upper, at least one more letter, the rest lower), all upper case (a
// single capital too), or anything else (mixed case, non-letters).
enum class WordCase : uint8_t { kLower, kTitle, kUpper, kOther };
WordCase CaseOf(std::string_view word);

// True if `word` contains a letter with a tone or vowel mark, or đ.
bool HasDiacritics(std::string_view word);

// True for a lone consonant or a two-letter onset ("b", "c", "th" as in
// "b/c", "th/h", "đ/c"): abbreviations, which the LM counts as <punct>.
bool IsAbbreviationLetters(std::string_view word);

// True for punctuation that ends a sentence: . ! ? … and ;
bool IsSentenceEnd(std::string_view punct);

// True if a space token separates paragraphs (holds two or more newlines).
bool IsParagraphBreak(std::string_view space);

// Deterministic held-out split used by the trainer and the evaluation:
// true for about 1% of lines (FNV-1a hash of the exact bytes % 100 == 0).
// The trainer never trains on these lines.
bool IsHeldOutLine(std::string_view line);
uint64_t LineHash(std::string_view line);

}  // namespace vnplan::lm

#endif  // VNPLAN_LM_LM_TOKENS_H_
