#include "synth/tcvn3.h"

#include "common/utf8.h"
#include "text/legacy_encoding.h"
#include "text/vietnamese.h"

namespace vnplan::synth {

std::string Tcvn3Encode(std::string_view utf8) {
  // Fold toned capitals (absent from VN3) to lower case, as .VnTimeH does.
  std::string folded;
  size_t pos = 0;
  while (pos < utf8.size()) {
    char32_t c = NextCodePoint(utf8, &pos);
    text::Letter l;
    if (c >= 0x80 && text::DecomposeLetter(c, &l) && l.upper && l.tone != text::Tone::kLevel) {
      l.upper = false;
      c = text::ComposeLetter(l);
    }
    AppendUtf8(c, &folded);
  }
  return text::EncodeLossy(folded, text::Encoding::kTcvn3);
}

std::string Tcvn3Decode(std::string_view bytes) {
  auto r = text::Decode(bytes, text::Encoding::kTcvn3);
  return r ? *r : std::string();
}

std::string Tcvn3AsCp1252(std::string_view bytes) { return text::BytesAsCp1252(bytes); }

std::string Tcvn3DecodeViewed(std::string_view text) {
  return text::DecodeViewedText(text, text::Encoding::kTcvn3);
}

std::string Tcvn3RoundTrip(std::string_view utf8) { return Tcvn3Decode(Tcvn3Encode(utf8)); }

}  // namespace vnplan::synth
