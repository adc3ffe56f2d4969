// Legacy Vietnamese fonts in office documents: which encoding a font name
// implies, and the decoding of text set in such a font. Input: font names
// and the text an office suite stored for runs in them. Output: Unicode
// UTF-8. Word, LibreOffice and Excel keep what was typed in a .VnTime
// (TCVN3) or VNI-Times (VNI) font as the Windows-1252 characters of its
// bytes ("KÕ ho¹ch"), and a capitals font (.VnTimeH) draws lower-case
// codes as capitals; the readers of .docx, .odt, .ods and .xlsx decode it
// here, where the font is known.
#ifndef VNPLAN_INGEST_LEGACY_FONTS_H_
#define VNPLAN_INGEST_LEGACY_FONTS_H_

#include <string>
#include <string_view>
#include <vector>

namespace vnplan::ingest {

enum class FontCode { kUnicode, kTcvn3, kTcvn3Capitals, kVni };

// .VnTime, .VnArial ... (any name starting ".Vn", case-insensitive) are
// TCVN3, and a trailing capital H names the capitals font (.VnTimeH);
// VNI-Times, VNI-Helve ... are VNI; anything else (empty too) is Unicode.
// Quotes around the name (ODF's svg:font-family="'.VnTime'") are ignored.
FontCode ClassifyFont(std::string_view font);

// `text` (the Windows-1252 characters an office suite stored for a legacy
// font's bytes) decoded from `code`; unchanged when a character has no
// Windows-1252 byte (the text was not legacy after all) or `code` is
// kUnicode. ASCII (line breaks, tabs) is the same in every encoding.
std::string DecodeLegacy(std::string_view text, FontCode code);

// Collects the runs of one paragraph or cell, each with its font's code,
// and decodes stretches of one legacy font together: suites split runs
// inside words, and TCVN3 capitals are told from punctuation by the whole
// word.
class LegacyText {
 public:
  void Add(FontCode code, std::string_view text);
  bool empty() const { return pieces_.empty(); }
  // The decoded text; adds to `*legacy_runs` the number of legacy
  // stretches that decoding changed (ASCII-only ones read the same). Leaves the builder empty.
  std::string Finish(int* legacy_runs);

 private:
  struct Piece {
    FontCode code;
    std::string text;
  };
  std::vector<Piece> pieces_;
};

}  // namespace vnplan::ingest

#endif  // VNPLAN_INGEST_LEGACY_FONTS_H_
