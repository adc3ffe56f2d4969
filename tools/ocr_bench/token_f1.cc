#include "token_f1.h"

#include <map>
#include <string_view>

#include "common/utf8.h"
#include "text/vietnamese.h"

namespace vnplan::bench {
namespace {

bool IsPunct(char32_t c) {
  if (c < 0x80) return c != '%' && !std::isalnum(static_cast<int>(c)) && c > ' ';
  switch (c) {
    case U'\u2013': case U'\u2014': case U'\u2018': case U'\u2019': case U'\u201C':
    case U'\u201D': case U'\u2026': case U'\u00AB': case U'\u00BB':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::vector<std::string> Tokens(const std::string& text) {
  std::vector<std::string> out;
  std::u32string cur;
  auto flush = [&] {
    size_t b = 0, e = cur.size();
    while (b < e && IsPunct(cur[b])) ++b;
    while (e > b && IsPunct(cur[e - 1])) --e;
    if (e > b) out.push_back(U32ToUtf8(std::u32string_view(cur).substr(b, e - b)));
    cur.clear();
  };
  for (char32_t c : Utf8ToU32(text::ToNfc(text))) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0xA0) {
      flush();
    } else {
      cur += c;
    }
  }
  flush();
  return out;
}

TokenCounts CountTokens(const std::string& gold, const std::string& ocr) {
  TokenCounts c;
  std::map<std::string, long> bag;
  for (auto& t : Tokens(gold)) {
    ++bag[t];
    ++c.gold;
  }
  for (auto& t : Tokens(ocr)) {
    ++c.ocr;
    auto it = bag.find(t);
    if (it != bag.end() && it->second > 0) {
      --it->second;
      ++c.matched;
    }
  }
  return c;
}

}  // namespace vnplan::bench
