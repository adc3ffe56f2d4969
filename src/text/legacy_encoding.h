// Legacy Vietnamese character encodings: decoding bytes (or text that is
// really legacy bytes seen through a Western code page) to UTF-8, and
// encoding UTF-8 back, for TCVN3 (TCVN 5712:1993), VNI-Windows, VISCII
// (RFC 1456), VPS, VIQR (RFC 1456), Windows-1258 and UTF-8 mojibake (UTF-8
// bytes decoded as Windows-1252). Input and output text is UTF-8; the
// encoders produce raw bytes (or ASCII for VIQR, UTF-8 text for mojibake).
//
// The tables are typed from the standards; the CP1252 and CP1258 byte
// tables come from ICU's converters. Encoders exist for tests, the
// benchmark's sample generator and round trips; the repair path
// (encoding_repair.h) uses the decoders.
#ifndef VNPLAN_TEXT_LEGACY_ENCODING_H_
#define VNPLAN_TEXT_LEGACY_ENCODING_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"

namespace vnplan::text {

enum class Encoding : uint8_t {
  kUtf8 = 0,   // already Unicode: taken as is (NFC and mark fixes only)
  kTcvn3,      // TCVN 5712:1993 VN3 ("ABC", .VnTime fonts), VN1 capitals too
  kVni,        // VNI-Windows: base letter + a diacritic byte
  kViscii,     // VISCII 1.1 (RFC 1456)
  kVps,        // VPS
  kViqr,       // VIQR (RFC 1456): ASCII with ^ ( + ' ` ? ~ . and dd
  kCp1258,     // Windows-1258: precomposed marks + combining tone bytes
  kMojibake,   // UTF-8 bytes read as Windows-1252 once ("Káº¿ hoáº¡ch")
  kMojibake2,  // the same applied twice (double encoding)
};
inline constexpr int kEncodingCount = 9;

// A stable lower-case name: "utf8", "tcvn3", "vni", "viscii", "vps",
// "viqr", "cp1258", "mojibake", "mojibake2".
const char* EncodingName(Encoding encoding);

// Parses a name as printed by EncodingName (case-insensitive; also accepts
// "tcvn", "abc", "windows-1258", "unicode"). nullopt if unknown.
std::optional<Encoding> ParseEncodingName(std::string_view name);

// Every encoding, in enum order.
const std::array<Encoding, kEncodingCount>& AllEncodings();

// Decodes `bytes` written in `encoding` to NFC UTF-8. For kUtf8, kViqr,
// kMojibake and kMojibake2 the input is UTF-8 text; kInputError if it is
// not well-formed UTF-8. For the byte encodings every byte decodes to
// something (undefined bytes fall back to their Windows-1252 reading), so
// these never fail. In TCVN3, VISCII and VPS, bytes 0x80-0x9F are capital
// letters but are also where Windows puts dashes and quotes: a byte there
// is read as the capital only when that makes its word a valid syllable.
// Combining tone marks are composed and misplaced ones moved to the right
// vowel (RepairMarks in mark_repair.h).
Result<std::string> Decode(std::string_view bytes, Encoding encoding);

// Encodes NFC UTF-8 `text` into `encoding`. kInvalidArgument if a
// character has no code in the encoding (e.g. NBSP in VISCII) or the input
// is not UTF-8. Characters outside the Vietnamese repertoire are written
// with their Windows-1252 byte where the encoding leaves that byte to
// Windows (VNI, CP1258) or, for dashes and quotes, where the decoder reads
// it back as punctuation (TCVN3, VISCII, VPS). VIQR escapes literal
// diacritic characters with a backslash ("\." after a vowel) and keeps
// non-ASCII characters it cannot spell as they are.
Result<std::string> Encode(std::string_view text, Encoding encoding);

// As Encode, but characters without a code become '?' (NBSP becomes a
// space); *substituted (if not null) receives how many were replaced.
std::string EncodeLossy(std::string_view text, Encoding encoding,
                        size_t* substituted = nullptr);

// The text a Windows-1252 reader shows for `bytes` (bytes undefined in
// CP1252, 0x81 0x8D 0x8F 0x90 0x9D, become the C1 controls U+0081...,
// so the mapping is reversible). Output is UTF-8.
std::string BytesAsCp1252(std::string_view bytes);

// The byte a Windows-1252/Latin-1 reader would have shown as `c`, or -1:
// U+0000-U+00FF map to themselves, the CP1252 extras (U+20AC, U+2018...)
// to 0x80-0x9F.
int Cp1252ByteOf(char32_t c);

// Decodes text that is legacy bytes viewed through Windows-1252 (what
// copying from a .VnTime document or a PDF text layer gives: "KÕ ho¹ch"):
// maps each character back to its byte where it has one (characters
// without one are kept), then decodes in `encoding`. For kUtf8 the text
// is only normalised. Input must be UTF-8. Also undoes the aliases of PDF
// text layers: U+2212 or '-' inside a word for TCVN3's ư (0xAD, soft
// hyphen), Greek mu for µ (0xB5, TCVN3's à).
std::string DecodeViewedText(std::string_view text, Encoding encoding);

// DecodeViewedText on UTF-32 without the final NFC pass (marks are
// composed and repaired): the hot path of detection. `viqr_strict`: read
// every unescaped '.' or '?' after a vowel as a tone (set it when the
// document escapes its punctuation, "\.", anywhere; a line alone may not).
// `repair_marks` false: only compose combining marks (no tone moves, no
// eth), which is enough for scoring.
std::u32string DecodeViewedTextU32(std::u32string_view text, Encoding encoding,
                                   bool viqr_strict = false,
                                   bool repair_marks = true);

// True if `text` escapes punctuation the RFC 1456 way ("\." or "\?").
bool ViqrEscapesPunctuation(std::u32string_view text);

}  // namespace vnplan::text

#endif  // VNPLAN_TEXT_LEGACY_ENCODING_H_
