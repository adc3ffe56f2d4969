// UTF-8 <-> TCVN3 (TCVN 5712:1993 "VN3", the .VnTime/.VnTimeH font
// encoding) for the generator's --legacy-tcvn3 mode and its tests.
// NOTE: this is a small stand-alone table private to tools/synth; the
// project's real codec lives in src/text/encodings (library vnplan_text).
// TCVN3 has no upper-case toned letters (the .VnTimeH font draws the lower
// case codes as capitals), so Encode maps e.g. "Ế" to the code of "ế";
// Decode therefore yields lower case for those letters.
#ifndef VNPLAN_TOOLS_SYNTH_TCVN3_H_
#define VNPLAN_TOOLS_SYNTH_TCVN3_H_

#include <string>
#include <string_view>

namespace vnplan::synth {

// UTF-8 (NFC) -> TCVN3 bytes. ASCII passes through; typographic dashes,
// quotes and the ellipsis become ASCII; other unmappable characters -> '?'.
std::string Tcvn3Encode(std::string_view utf8);

// TCVN3 bytes -> UTF-8. Bytes without a Vietnamese meaning decode as
// Latin-1.
std::string Tcvn3Decode(std::string_view bytes);

// TCVN3 bytes -> UTF-8 by reading each byte as a Latin-1 character: what
// pdftotext shows for a .VnTime PDF ("Kế hoạch" -> "KÕ ho¹ch").
std::string Tcvn3AsLatin1(std::string_view bytes);

// The inverse of Tcvn3AsLatin1 (code points > U+00FF -> '?').
std::string Latin1ToBytes(std::string_view utf8);

// Decode(Encode(utf8)): the text a perfect TCVN3 round trip can recover.
std::string Tcvn3RoundTrip(std::string_view utf8);

}  // namespace vnplan::synth

#endif  // VNPLAN_TOOLS_SYNTH_TCVN3_H_
