#include "ingest/xlsx_number_format.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace vnplan::ingest {
namespace {

// One piece of a format section.
struct Token {
  enum Kind { kLiteral, kDate, kAmPm, kDigits } kind;
  std::string text;  // literal text, or the code letters ("dd", "mmm", "0.00")
};

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// The first section of `code`, split into tokens.
std::vector<Token> Tokenize(std::string_view code) {
  std::vector<Token> tokens;
  auto literal = [&](std::string_view s) {
    if (!tokens.empty() && tokens.back().kind == Token::kLiteral) {
      tokens.back().text += s;
    } else {
      tokens.push_back({Token::kLiteral, std::string(s)});
    }
  };
  for (size_t i = 0; i < code.size();) {
    const char c = code[i];
    const char l = Lower(c);
    if (c == ';') break;  // later sections: negatives, zero, text
    if (c == '"') {
      const size_t end = code.find('"', i + 1);
      literal(code.substr(i + 1, (end == std::string_view::npos ? code.size() : end) - i - 1));
      i = end == std::string_view::npos ? code.size() : end + 1;
    } else if (c == '\\' && i + 1 < code.size()) {
      literal(code.substr(i + 1, 1));
      i += 2;
    } else if (c == '[') {  // colour, condition, locale, elapsed time
      const size_t end = code.find(']', i);
      i = end == std::string_view::npos ? code.size() : end + 1;
    } else if (c == '_' && i + 1 < code.size()) {  // the width of a character
      literal(" ");
      i += 2;
    } else if (c == '*' && i + 1 < code.size()) {  // repeat to fill the cell
      i += 2;
    } else if (code.substr(i).size() >= 5 &&
               (code.substr(i, 5) == "AM/PM" || code.substr(i, 5) == "am/pm")) {
      tokens.push_back({Token::kAmPm, "AM/PM"});
      i += 5;
    } else if (l == 'd' || l == 'm' || l == 'y' || l == 'h' || l == 's') {
      size_t j = i;
      while (j < code.size() && Lower(code[j]) == l) ++j;
      std::string letters(j - i, l);
      // Seconds may carry decimals ("ss.00"): the decimals are dropped.
      if (l == 's') {
        while (j < code.size() && (code[j] == '.' || code[j] == '0')) ++j;
      }
      tokens.push_back({Token::kDate, std::move(letters)});
      i = j;
    } else if (c == '0' || c == '#' || c == '?' || c == ',' || c == '.' || c == '%' ||
               ((c == 'E' || c == 'e') && !tokens.empty() && tokens.back().kind == Token::kDigits)) {
      if (!tokens.empty() && tokens.back().kind == Token::kDigits) {
        tokens.back().text.push_back(c);
      } else if (c == ',' || c == '.' || c == '%') {
        literal(code.substr(i, 1));  // a separator between date parts, or text
      } else {
        tokens.push_back({Token::kDigits, std::string(1, c)});
      }
      ++i;
    } else if (code.substr(i).size() >= 7 && Lower(code[i]) == 'g' &&
               (code.substr(i, 7) == "General" || code.substr(i, 7) == "general")) {
      tokens.push_back({Token::kDigits, "General"});
      i += 7;
    } else {
      literal(code.substr(i, 1));
      ++i;
    }
  }
  return tokens;
}

std::string TwoDigits(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

constexpr const char* kMonths[] = {"January", "February", "March",     "April",
                                   "May",     "June",     "July",      "August",
                                   "September", "October", "November", "December"};
constexpr const char* kDays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                 "Thursday", "Friday", "Saturday"};

// The date/time tokens of `tokens` shown for `serial`; false when the date
// is out of range.
bool FormatDate(const std::vector<Token>& tokens, double serial, bool date1904, std::string* out) {
  using namespace std::chrono;
  if (!(serial >= 0) || serial > 2958465.0) return false;  // 9999-12-31
  // Whole seconds, rounded as Excel rounds the display.
  const long long total_seconds = std::llround(serial * 86400.0);
  const long long days = total_seconds / 86400;
  const long long seconds_of_day = total_seconds % 86400;
  int year = 1900, month = 2, day = 29;  // serial 60: the 1900 leap day Excel keeps from Lotus
  int day_of_week = 3;                   // that day would have been a Wednesday
  if (date1904 || days != 60) {
    const sys_days base = date1904 ? sys_days(1904y / January / 1)
                                   : days > 60 ? sys_days(1899y / December / 30)
                                               : sys_days(1899y / December / 31);
    const sys_days date = base + std::chrono::days(days);
    const year_month_day ymd(date);
    year = static_cast<int>(ymd.year());
    month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    day_of_week = static_cast<int>(std::chrono::weekday(date).c_encoding());
  }
  if (year > 9999) return false;
  int hour = static_cast<int>(seconds_of_day / 3600);
  const int minute = static_cast<int>(seconds_of_day / 60 % 60);
  const int second = static_cast<int>(seconds_of_day % 60);
  bool twelve_hour = false;
  for (const Token& t : tokens) twelve_hour = twelve_hour || t.kind == Token::kAmPm;
  const bool pm = hour >= 12;
  if (twelve_hour) hour = hour % 12 == 0 ? 12 : hour % 12;
  std::string s;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind == Token::kLiteral) {
      s += t.text;
    } else if (t.kind == Token::kAmPm) {
      s += pm ? "PM" : "AM";
    } else if (t.kind == Token::kDigits) {
      return false;  // numbers inside a date code: not one of ours
    } else {
      const char l = t.text[0];
      const size_t n = t.text.size();
      if (l == 'y') {
        s += n <= 2 ? TwoDigits(year % 100) : std::to_string(year);
      } else if (l == 'd') {
        s += n == 1 ? std::to_string(day)
             : n == 2 ? TwoDigits(day)
             : n == 3 ? std::string(kDays[day_of_week]).substr(0, 3)
                      : kDays[day_of_week];
      } else if (l == 'h') {
        s += n == 1 ? std::to_string(hour) : TwoDigits(hour);
      } else if (l == 's') {
        s += n == 1 ? std::to_string(second) : TwoDigits(second);
      } else {  // 'm': minutes right after hours or right before seconds
        bool minutes = false;
        for (size_t j = i; j-- > 0;) {
          if (tokens[j].kind == Token::kDate) {
            minutes = tokens[j].text[0] == 'h';
            break;
          }
        }
        for (size_t j = i + 1; !minutes && j < tokens.size(); ++j) {
          if (tokens[j].kind == Token::kDate) {
            minutes = tokens[j].text[0] == 's';
            break;
          }
        }
        if (minutes && n <= 2) {
          s += n == 1 ? std::to_string(minute) : TwoDigits(minute);
        } else {
          s += n == 1 ? std::to_string(month)
               : n == 2 ? TwoDigits(month)
               : n == 3 ? std::string(kMonths[month - 1]).substr(0, 3)
               : n == 4 ? kMonths[month - 1]
                        : std::string(kMonths[month - 1]).substr(0, 1);
        }
      }
    }
  }
  *out = std::move(s);
  return true;
}

// Excel's General display: integers as they are, others with at most 10
// significant digits and no trailing zeros.
std::string General(double v) {
  if (std::fabs(v) < 1e11 && v == std::floor(v)) {
    return std::to_string(static_cast<long long>(v));
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10G", v);
  std::string s(buf);
  const size_t e = s.find('E');
  std::string mantissa = s.substr(0, e), exponent = e == std::string::npos ? "" : s.substr(e);
  if (mantissa.find('.') != std::string::npos) {
    while (mantissa.back() == '0') mantissa.pop_back();
    if (mantissa.back() == '.') mantissa.pop_back();
  }
  return mantissa + exponent;
}

// A digits pattern ("0", "#,##0.00", "0%") shown for `v`; false for
// shapes not handled (exponents, fractions).
bool FormatDigits(std::string_view pattern, double v, std::string* out) {
  if (pattern == "General") {
    *out = General(v);
    return true;
  }
  if (pattern.find_first_of("Ee?") != std::string_view::npos) return false;
  if (pattern.find('%') != std::string_view::npos) v *= 100;
  const size_t dot = pattern.find('.');
  int decimals = 0;
  for (size_t i = dot == std::string_view::npos ? pattern.size() : dot + 1; i < pattern.size(); ++i) {
    if (pattern[i] == '0' || pattern[i] == '#') ++decimals;
  }
  const bool thousands =
      pattern.substr(0, dot == std::string_view::npos ? pattern.size() : dot).find(',') !=
      std::string_view::npos;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(v));
  std::string number(buf);
  if (thousands) {
    const size_t point = number.find('.');
    const size_t int_len = point == std::string::npos ? number.size() : point;
    std::string grouped;
    for (size_t i = 0; i < int_len; ++i) {
      if (i > 0 && (int_len - i) % 3 == 0) grouped.push_back(',');
      grouped.push_back(number[i]);
    }
    number = grouped + number.substr(int_len);
  }
  const bool negative = v < 0 && number.find_first_not_of("0.,") != std::string::npos;
  *out = (negative ? "-" : "") + number + (pattern.find('%') != std::string_view::npos ? "%" : "");
  return true;
}

}  // namespace

std::string BuiltInNumberFormat(int id) {
  switch (id) {
    case 0: return "General";
    case 1: return "0";
    case 2: return "0.00";
    case 3: return "#,##0";
    case 4: return "#,##0.00";
    case 9: return "0%";
    case 10: return "0.00%";
    case 14: return "d/m/yyyy";
    case 15: return "d-mmm-yy";
    case 16: return "d-mmm";
    case 17: return "mmm-yy";
    case 18: return "h:mm AM/PM";
    case 19: return "h:mm:ss AM/PM";
    case 20: return "h:mm";
    case 21: return "h:mm:ss";
    case 22: return "d/m/yyyy h:mm";
    case 37: return "#,##0 ;(#,##0)";
    case 38: return "#,##0 ;[Red](#,##0)";
    case 39: return "#,##0.00;(#,##0.00)";
    case 40: return "#,##0.00;[Red](#,##0.00)";
    case 45: return "mm:ss";
    case 46: return "[h]:mm:ss";
    case 47: return "mm:ss.0";
    case 49: return "@";
    default: return "";
  }
}

std::string FormatCellNumber(std::string_view value, std::string_view format_code, bool date1904) {
  double v = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || end != value.data() + value.size() || format_code.empty() ||
      format_code == "@") {
    return std::string(value);
  }
  const std::vector<Token> tokens = Tokenize(format_code);
  bool date = false, digits = false;
  for (const Token& t : tokens) {
    date = date || t.kind == Token::kDate || t.kind == Token::kAmPm;
    digits = digits || t.kind == Token::kDigits;
  }
  std::string out;
  if (date) return FormatDate(tokens, v, date1904, &out) ? out : std::string(value);
  if (!digits) return std::string(value);
  // Literal text around one number ("0 \"đồng\"", "#,##0 ").
  for (const Token& t : tokens) {
    if (t.kind == Token::kLiteral) {
      out += t.text;
    } else {
      std::string number;
      if (!FormatDigits(t.text, v, &number)) return std::string(value);
      out += number;
    }
  }
  return out;
}

}  // namespace vnplan::ingest
