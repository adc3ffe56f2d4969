#include "text/time_expressions.h"

#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string_view>

#include "text/edit_distance.h"
#include "text/vietnamese.h"

namespace vnplan::text {
namespace {

// "tháng" and what an OCR makes of its vowel; the month; the slash as
// written or misread (a space, 1, l, I, |, ':' or ';' on a poor scan, or
// lost); a year.
constexpr char16_t kMonthPattern[] =
    u"\\b(th[aáàảãạăắằẳẵặâấầẩẫậ]ng)(\\s+)(1[0-2]|0?[1-9])(\\s+|/|[lI|:;]|1|)((?:19|20)\\d\\d)\\b";
// "năm học" (its stripped form, or its vowels' marks misread: "Nảm học"),
// two years (a digit read as O, U, I or l: "2U26") and what lies between.
constexpr char16_t kSchoolYearPattern[] =
    u"\\b(n[aáàảãạăắằẳẵặâấầẩẫậ]m\\s+h[oóòỏõọôốồổỗộơớờởỡợ]c)(\\s*:?\\s*)(\\d[\\dOUIl]{3,4})"
    u"(\\s*[-–—.]*\\s*)(\\d[\\dOUIl]{3,4})\\b";

// "học kỳ" (its tone misread too) and a semester numeral, I and II or
// what an OCR makes of them (Ï, í, l, |), or 1 and 2.
constexpr char16_t kSemesterPattern[] =
    u"\\b(học\\s+|hoc\\s+)(k[yỳỷýỹỵ])(\\s*)([12]|[IÏÍÌĨỈỊïíìĩỉịl|]{1,2})"
    u"(?:(?![\\p{L}\\p{N}])|(?=n[aăâ]m\\b))";
// A page OCR reads "kỳ I năm" as "kỳ Năm": the numeral's I and the n of
// "năm" merge into a capital N (case matters here).
constexpr char16_t kMergedSemesterPattern[] =
    u"\\b([Hh]ọc\\s+)(k[yỳỷýỹỵ])\\s+N[aăâ]m(\\s+)(học)\\b";

const icu::RegexPattern* Compile(const char16_t* pattern, uint32_t flags = UREGEX_CASE_INSENSITIVE) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error;
  icu::RegexPattern* compiled =
      icu::RegexPattern::compile(icu::UnicodeString(pattern), flags, parse_error, status);
  return U_SUCCESS(status) ? compiled : nullptr;  // the patterns are constants: never fails
}

const icu::RegexPattern& MonthRegex() {
  static const std::unique_ptr<const icu::RegexPattern> pattern(Compile(kMonthPattern));
  return *pattern;
}

const icu::RegexPattern& SchoolYearRegex() {
  static const std::unique_ptr<const icu::RegexPattern> pattern(Compile(kSchoolYearPattern));
  return *pattern;
}

const icu::RegexPattern& SemesterRegex() {
  static const std::unique_ptr<const icu::RegexPattern> pattern(Compile(kSemesterPattern));
  return *pattern;
}

const icu::RegexPattern& MergedSemesterRegex() {
  static const std::unique_ptr<const icu::RegexPattern> pattern(
      Compile(kMergedSemesterPattern, /*flags=*/0));
  return *pattern;
}

std::string Utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

// A four-digit year of the 20th or 21st century.
std::optional<int> Year(const std::string& digits) {
  if (digits.size() != 4 || !(digits.starts_with("19") || digits.starts_with("20"))) {
    return std::nullopt;
  }
  return std::stoi(digits);
}

// "tháng" with the capitals of `word` ("THẲNG" -> "THÁNG", "Thẳng" -> "Tháng").
std::string MonthWord(const std::string& word) {
  if (ToUpper(word) == word) return "THÁNG";
  if (ToLower(word) != word) return "Tháng";
  return "tháng";
}

// Runs `rewrite` on every match of `regex` in `text`; it returns the
// replacement of the whole match (or the match itself to keep it).
template <typename Rewrite>
std::string ReplaceAll(const icu::RegexPattern& regex, const std::string& text, int* repairs,
                       Rewrite rewrite) {
  const icu::UnicodeString input = icu::UnicodeString::fromUTF8(text);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> matcher(regex.matcher(input, status));
  if (U_FAILURE(status)) return text;
  icu::UnicodeString out;
  int32_t last = 0;
  while (matcher->find(status) && U_SUCCESS(status)) {
    const int32_t start = matcher->start(status);
    const int32_t end = matcher->end(status);
    std::string original = Utf8(input.tempSubStringBetween(start, end));
    std::string replaced = rewrite(*matcher, status);
    out.append(input, last, start - last);
    out.append(icu::UnicodeString::fromUTF8(replaced));
    if (replaced != original) ++*repairs;
    last = end;
  }
  out.append(input, last, input.length() - last);
  return Utf8(out);
}

std::string Group(icu::RegexMatcher& m, int group, UErrorCode& status) {
  return Utf8(m.group(group, status));
}

std::string RepairMonths(const std::string& text, int* repairs) {
  return ReplaceAll(MonthRegex(), text, repairs, [](icu::RegexMatcher& m, UErrorCode& status) {
    std::string word = Group(m, 1, status);
    if (ToLower(word) != "tháng") word = MonthWord(word);
    return word + Group(m, 2, status) + Group(m, 3, status) + "/" + Group(m, 5, status);
  });
}

// "kỳ" with the capitals of `word` when its tone was misread.
std::string SemesterWord(std::string word) {
  if (word.size() > 2) {  // a toned y: the tone is the one of "kỳ"
    word = ToUpper(word) == word ? "KỲ" : word.starts_with('K') ? "Kỳ" : "kỳ";
  }
  return word;
}

std::string RepairSemesters(const std::string& text, int* repairs) {
  std::string out =
      ReplaceAll(SemesterRegex(), text, repairs, [](icu::RegexMatcher& m, UErrorCode& status) {
        std::string numeral = Group(m, 4, status);
        if (numeral != "1" && numeral != "2") {
          numeral = m.group(4, status).countChar32() == 1 ? "I" : "II";
        }
        // The numeral glued to its neighbours ("kỳInăm") gets its spaces.
        const std::string space = Group(m, 3, status);
        const int32_t end = m.end(status);
        const bool glued_after = end < m.input().length() && u_isalpha(m.input().char32At(end));
        return Group(m, 1, status) + SemesterWord(Group(m, 2, status)) +
               (space.empty() ? " " : space) + numeral + (glued_after ? " " : "");
      });
  return ReplaceAll(MergedSemesterRegex(), out, repairs,
                    [](icu::RegexMatcher& m, UErrorCode& status) {
                      return Group(m, 1, status) + SemesterWord(Group(m, 2, status)) + " I năm" +
                             Group(m, 3, status) + Group(m, 4, status);
                    });
}

// The text between a school year's two years, with a dash and no stray
// dots: " -. " -> " - ", " " -> " - ", "" -> "-"; a clean one is kept.
std::string SchoolYearSeparator(const std::string& separator) {
  size_t dash_at = std::string::npos;
  std::string_view dash = "-";
  for (std::string_view d : {"-", "–", "—"}) {
    size_t at = separator.find(d);
    if (at < dash_at) {
      dash_at = at;
      dash = d;
    }
  }
  if (dash_at != std::string::npos && separator.find('.') == std::string::npos) return separator;
  if (separator.empty()) return "-";
  const bool no_dash = dash_at == std::string::npos;
  std::string out = no_dash || separator.front() == ' ' ? " " : "";
  out += dash;
  if (no_dash || separator.back() == ' ') out += ' ';
  return out;
}

std::string RepairSchoolYears(const std::string& text, int* repairs) {
  return ReplaceAll(SchoolYearRegex(), text, repairs, [](icu::RegexMatcher& m,
                                                         UErrorCode& status) {
    std::string first = Group(m, 3, status);
    std::string second = Group(m, 5, status);
    const std::optional<int> a = Year(first);
    const std::optional<int> b = Year(second);
    if (!(a && b && *b == *a + 1)) {
      // Which year is the misread one: the one a single edit away from
      // what the other implies. Both or neither: leave the years alone.
      const bool fix_first = b && CodePointDistance(first, std::to_string(*b - 1)) == 1;
      const bool fix_second = a && CodePointDistance(second, std::to_string(*a + 1)) == 1;
      if (fix_first == fix_second) return Group(m, 0, status);
      if (fix_first) first = std::to_string(*b - 1);
      if (fix_second) second = std::to_string(*a + 1);
    }
    // "năm học" as written, stripped ("nam hoc") or with its marks misread
    // before a school year ("Nảm học 2025 – 2026").
    std::string words = Group(m, 1, status);
    const bool stripped = std::all_of(words.begin(), words.end(),
                                      [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (!stripped) {
      const size_t space_end = words.find_last_of(" \t") + 1;
      const size_t space_begin = words.find_first_of(" \t");
      const std::string space = words.substr(space_begin, space_end - space_begin);
      if (ToUpper(words) == words) {
        words = "NĂM" + space + "HỌC";
      } else {
        words = (words[0] == 'N' ? "Năm" : "năm") + space + "học";
      }
    }
    return words + Group(m, 2, status) + first + SchoolYearSeparator(Group(m, 4, status)) + second;
  });
}

}  // namespace

TimeRepair RepairTimeExpressions(std::string_view text) {
  TimeRepair result;
  result.text = RepairMonths(std::string(text), &result.repairs);
  result.text = RepairSemesters(result.text, &result.repairs);
  result.text = RepairSchoolYears(result.text, &result.repairs);
  return result;
}

}  // namespace vnplan::text
