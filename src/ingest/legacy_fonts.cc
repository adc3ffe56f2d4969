#include "ingest/legacy_fonts.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "common/utf8.h"
#include "text/legacy_encoding.h"
#include "text/vietnamese.h"

namespace vnplan::ingest {

FontCode ClassifyFont(std::string_view font) {
  while (!font.empty() && (font.front() == '\'' || font.front() == '"' || font.front() == ' ')) {
    font.remove_prefix(1);
  }
  while (!font.empty() && (font.back() == '\'' || font.back() == '"' || font.back() == ' ')) {
    font.remove_suffix(1);
  }
  std::string lower(font);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (lower.starts_with(".vn")) {
    return font.ends_with("H") ? FontCode::kTcvn3Capitals : FontCode::kTcvn3;
  }
  if (lower.starts_with("vni-") || lower.starts_with("vni ")) return FontCode::kVni;
  return FontCode::kUnicode;
}

std::string DecodeLegacy(std::string_view text, FontCode code) {
  if (code == FontCode::kUnicode) return std::string(text);
  std::string bytes;
  for (size_t pos = 0; pos < text.size();) {
    const int b = text::Cp1252ByteOf(NextCodePoint(text, &pos));
    if (b < 0) return std::string(text);
    bytes.push_back(static_cast<char>(b));
  }
  auto decoded =
      text::Decode(bytes, code == FontCode::kVni ? text::Encoding::kVni : text::Encoding::kTcvn3);
  if (!decoded) return std::string(text);
  return code == FontCode::kTcvn3Capitals ? text::ToUpper(*decoded) : *decoded;
}

void LegacyText::Add(FontCode code, std::string_view text) {
  if (text.empty()) return;
  if (!pieces_.empty() && pieces_.back().code == code) {
    pieces_.back().text += text;
  } else {
    pieces_.push_back({code, std::string(text)});
  }
}

std::string LegacyText::Finish(int* legacy_runs) {
  std::string out;
  for (Piece& piece : pieces_) {
    if (piece.code == FontCode::kUnicode) {
      out += piece.text;
    } else {
      std::string decoded = DecodeLegacy(piece.text, piece.code);
      if (decoded != piece.text) ++*legacy_runs;
      out += decoded;
    }
  }
  pieces_.clear();
  return out;
}

}  // namespace vnplan::ingest
