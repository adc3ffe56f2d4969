// Word 97-2003 documents (.doc, an OLE2 compound file; Word 6/95 too) as
// text, read with wvWare (libwv). Input: the .doc file. Output: OfficeText
// (office_text.h, route "doc") in the shape the other office readers give
// (office_lines.h): one line per paragraph, each table row one line of
// tab-separated cells (a cell's paragraphs joined by spaces), so the text
// route reads it like any tab-separated export.
//
// Most old school plans in archives are .doc files typed in .VnTime: runs
// set in a legacy font (.VnTime, .VnTimeH: TCVN3; VNI-Times: VNI) are
// decoded by font, as in .docx (legacy_fonts.h). Field codes are left out
// and their results kept; deleted revisions and hidden text are left out.
// Only the main text is read: headers, footers, footnotes, comments and
// text boxes are not.
#ifndef VNPLAN_INGEST_DOC_TEXT_H_
#define VNPLAN_INGEST_DOC_TEXT_H_

#include <filesystem>

#include "common/error.h"
#include "ingest/child_process.h"
#include "ingest/office_text.h"

namespace vnplan::ingest {

// wvWare loops forever or crashes on some damaged files, so it parses in a
// child process with these limits (child_process.h; defaults 30 s of CPU
// time, 2 GiB). A sound .doc of a hundred pages takes well under a second.
using DocOptions = ChildLimits;

// Reads the .doc at `path` (in a child process: see DocOptions).
// kInputError, with a reason, when it is not a Word document (another
// OLE2 file: an Excel .xls, a password-protected .docx/.xlsx), is
// password-protected, cannot be parsed, crashes the parser or takes too
// long. kInternal when no child process can be made.
Result<OfficeText> ReadDoc(const std::filesystem::path& path, const DocOptions& options = {});

}  // namespace vnplan::ingest

#endif  // VNPLAN_INGEST_DOC_TEXT_H_
