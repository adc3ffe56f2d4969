#include "synth/tcvn3.h"

#include <array>
#include <unordered_map>

#include "common/utf8.h"

namespace vnplan::synth {
namespace {

// TCVN3 byte -> Unicode letter (lower-case letters plus the seven capitals
// Ă Â Ê Ô Ơ Ư Đ that the encoding has). Clearly a local table: see tcvn3.h.
struct Entry {
  unsigned char byte;
  char32_t letter;
};
constexpr Entry kTable[] = {
    {0xA1, U'Ă'}, {0xA2, U'Â'}, {0xA3, U'Ê'}, {0xA4, U'Ô'}, {0xA5, U'Ơ'}, {0xA6, U'Ư'},
    {0xA7, U'Đ'}, {0xA8, U'ă'}, {0xA9, U'â'}, {0xAA, U'ê'}, {0xAB, U'ô'}, {0xAC, U'ơ'},
    {0xAD, U'ư'}, {0xAE, U'đ'}, {0xB5, U'à'}, {0xB6, U'ả'}, {0xB7, U'ã'}, {0xB8, U'á'},
    {0xB9, U'ạ'}, {0xBB, U'ằ'}, {0xBC, U'ẳ'}, {0xBD, U'ẵ'}, {0xBE, U'ắ'}, {0xC6, U'ặ'},
    {0xC7, U'ầ'}, {0xC8, U'ẩ'}, {0xC9, U'ẫ'}, {0xCA, U'ấ'}, {0xCB, U'ậ'}, {0xCC, U'è'},
    {0xCE, U'ẻ'}, {0xCF, U'ẽ'}, {0xD0, U'é'}, {0xD1, U'ẹ'}, {0xD2, U'ề'}, {0xD3, U'ể'},
    {0xD4, U'ễ'}, {0xD5, U'ế'}, {0xD6, U'ệ'}, {0xD7, U'ì'}, {0xD8, U'ỉ'}, {0xDC, U'ĩ'},
    {0xDD, U'í'}, {0xDE, U'ị'}, {0xDF, U'ò'}, {0xE1, U'ỏ'}, {0xE2, U'õ'}, {0xE3, U'ó'},
    {0xE4, U'ọ'}, {0xE5, U'ồ'}, {0xE6, U'ổ'}, {0xE7, U'ỗ'}, {0xE8, U'ố'}, {0xE9, U'ộ'},
    {0xEA, U'ờ'}, {0xEB, U'ở'}, {0xEC, U'ỡ'}, {0xED, U'ớ'}, {0xEE, U'ợ'}, {0xEF, U'ù'},
    {0xF1, U'ủ'}, {0xF2, U'ũ'}, {0xF3, U'ú'}, {0xF4, U'ụ'}, {0xF5, U'ừ'}, {0xF6, U'ử'},
    {0xF7, U'ữ'}, {0xF8, U'ứ'}, {0xF9, U'ự'}, {0xFA, U'ỳ'}, {0xFB, U'ỷ'}, {0xFC, U'ỹ'},
    {0xFD, U'ý'}, {0xFE, U'ỵ'},
};

// Upper-case toned letters (and the plain ones TCVN3 lacks a capital for)
// -> their lower-case partner, from the Latin Extended Additional block
// pairing (U+1EA0..U+1EF9: even = upper, odd = lower) and Latin-1/Ext-A.
char32_t LowerPartner(char32_t c) {
  if (c >= 0x1EA0 && c <= 0x1EF9 && c % 2 == 0) return c + 1;
  switch (c) {
    case U'À': return U'à'; case U'Á': return U'á'; case U'Ã': return U'ã';
    case U'È': return U'è'; case U'É': return U'é';
    case U'Ì': return U'ì'; case U'Í': return U'í'; case U'Ĩ': return U'ĩ';
    case U'Ò': return U'ò'; case U'Ó': return U'ó'; case U'Õ': return U'õ';
    case U'Ù': return U'ù'; case U'Ú': return U'ú'; case U'Ũ': return U'ũ';
    case U'Ý': return U'ý';
    default: return 0;
  }
}

struct Maps {
  std::unordered_map<char32_t, unsigned char> encode;
  std::array<char32_t, 256> decode{};
  Maps() {
    for (int b = 0; b < 256; ++b) decode[b] = static_cast<char32_t>(b);
    for (const auto& e : kTable) {
      encode[e.letter] = e.byte;
      decode[e.byte] = e.letter;
    }
  }
};

const Maps& GetMaps() {
  static const Maps* maps = new Maps();
  return *maps;
}

}  // namespace

std::string Tcvn3Encode(std::string_view utf8) {
  const Maps& m = GetMaps();
  std::string out;
  size_t pos = 0;
  while (pos < utf8.size()) {
    char32_t c = NextCodePoint(utf8, &pos);
    if (c < 0x80) {
      out += static_cast<char>(c);
      continue;
    }
    auto it = m.encode.find(c);
    if (it == m.encode.end()) {
      char32_t lower = LowerPartner(c);
      if (lower != 0) it = m.encode.find(lower);
    }
    if (it != m.encode.end()) {
      out += static_cast<char>(it->second);
      continue;
    }
    switch (c) {
      case U'\u2013': case U'\u2014': case U'\u2212': out += '-'; break;
      case U'\u2018': case U'\u2019': out += '\''; break;
      case U'\u201C': case U'\u201D': out += '"'; break;
      case U'\u2026': out += "..."; break;
      case U'\u00A0': out += ' '; break;
      default: out += '?';
    }
  }
  return out;
}

std::string Tcvn3Decode(std::string_view bytes) {
  const Maps& m = GetMaps();
  std::string out;
  for (unsigned char b : bytes) AppendUtf8(m.decode[b], &out);
  return out;
}

std::string Tcvn3AsLatin1(std::string_view bytes) {
  std::string out;
  for (unsigned char b : bytes) AppendUtf8(static_cast<char32_t>(b), &out);
  return out;
}

std::string Latin1ToBytes(std::string_view utf8) {
  std::string out;
  size_t pos = 0;
  while (pos < utf8.size()) {
    char32_t c = NextCodePoint(utf8, &pos);
    out += c <= 0xFF ? static_cast<char>(c) : '?';
  }
  return out;
}

std::string Tcvn3RoundTrip(std::string_view utf8) { return Tcvn3Decode(Tcvn3Encode(utf8)); }

}  // namespace vnplan::synth
