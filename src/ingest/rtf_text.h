// Rich Text Format documents (.rtf: WordPad, Word's "Save as RTF", mail
// attachments in old archives) as text. Input: the RTF bytes. Output:
// OfficeText (office_text.h, route "rtf") in the shape the other office
// readers give (office_lines.h): one line per paragraph, each table row one
// line of tab-separated cells.
//
// RTF keeps non-ASCII text as code-page bytes (\'e1) or as Unicode (\u7871
// with a fallback). Bytes in a run whose font is a legacy Vietnamese one
// (.VnTime, .VnTimeH: TCVN3; VNI-Times: VNI) are decoded by that font
// (legacy_fonts.h), as in .docx; other bytes by the font's character set
// (\fcharset163: Windows-1258) or the document's code page (\ansicpg1258;
// else Windows-1252). Field results are kept and their instructions left
// out. The first page's header (\headerf with \titlepg, else \header) is
// read before the body, as the .docx and ODF readers read it; footers,
// footnotes, pictures, objects and the other destinations that are not
// body text are left out.
#ifndef VNPLAN_INGEST_RTF_TEXT_H_
#define VNPLAN_INGEST_RTF_TEXT_H_

#include <string_view>

#include "common/error.h"
#include "ingest/office_text.h"

namespace vnplan::ingest {

// Whether `head` (a file's first bytes) opens an RTF document: "{\rtf",
// after an optional UTF-8 byte-order mark and white space.
bool LooksLikeRtf(std::string_view head);

// The text of the RTF document `rtf`. kInputError when it does not open
// with "{\rtf" or its groups nest deeper than 1,000 levels (a damaged or
// hostile file); unbalanced braces at the end are forgiven, as word
// processors forgive them.
Result<OfficeText> RtfToText(std::string_view rtf);

}  // namespace vnplan::ingest

#endif  // VNPLAN_INGEST_RTF_TEXT_H_
