// TCVN3 helpers for the generator's --legacy-tcvn3 mode and its tests: a
// thin wrapper over the project codec (src/text/legacy_encoding.h, library
// vnplan_text) that follows the .VnTime/.VnTimeH convention: TCVN3 (VN3) has
// no upper-case toned letters, documents set capitals in the .VnTimeH font
// with the lower-case codes, so Tcvn3Encode folds "Ế" to the code of "ế"
// (the base capitals Ă Â Ê Ô Ơ Ư Đ keep their own codes). The bytes are
// then viewed as Windows-1252 characters, which is what pdftotext prints
// for such a PDF ("Kế hoạch" -> "KÕ ho¹ch", "trường" -> "tr\u00ADêng").
#ifndef VNPLAN_TOOLS_SYNTH_TCVN3_H_
#define VNPLAN_TOOLS_SYNTH_TCVN3_H_

#include <string>
#include <string_view>

namespace vnplan::synth {

// UTF-8 (NFC) -> TCVN3 bytes, toned capitals folded to lower case;
// characters without a code become '?'.
std::string Tcvn3Encode(std::string_view utf8);

// TCVN3 bytes -> UTF-8 (project decoder).
std::string Tcvn3Decode(std::string_view bytes);

// TCVN3 bytes -> the UTF-8 text a Windows-1252 reader shows for them.
std::string Tcvn3AsCp1252(std::string_view bytes);

// Text shown through Windows-1252 (e.g. a PDF text layer) -> UTF-8, via
// the project's DecodeViewedText (also undoes PDF aliases such as '-' for
// the soft hyphen that codes "ư").
std::string Tcvn3DecodeViewed(std::string_view text);

// Decode(Encode(utf8)): what a perfect TCVN3 round trip can recover.
std::string Tcvn3RoundTrip(std::string_view utf8);

}  // namespace vnplan::synth

#endif  // VNPLAN_TOOLS_SYNTH_TCVN3_H_
