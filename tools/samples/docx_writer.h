// Writes Word .docx packages (ZIP with content types, relationships, the
// document part and optionally a styles part) with libzip, from readable
// WordprocessingML, and builds a document body from a tab-separated text
// export, optionally typed in the legacy .VnTime font as Word stores it.
// Used by vnplan-sample-export (samples/*.docx) and by the tests, so that
// neither needs binary fixtures.
#ifndef VNPLAN_TOOLS_SAMPLES_DOCX_WRITER_H_
#define VNPLAN_TOOLS_SAMPLES_DOCX_WRITER_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.h"

namespace vnplan::samples {

// The WordprocessingML namespace declaration for a root element.
inline constexpr char kWordNamespace[] =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

enum class DocxFont {
  kUnicode,  // no font named: Unicode text as it is
  // .VnTime: the TCVN3 bytes of the text stored as the Windows-1252
  // characters they show as (what Word keeps for a legacy font); a line in
  // capitals is typed lower-case in .VnTimeH, the capitals font, as
  // TCVN3 has no codes for most toned capitals.
  kVnTime,
};

// The w:r elements for `text` (one line) in `font`, split in two runs
// inside a word, as Word splits them (spelling marks, revision ids). Empty
// for empty text. kInvalidArgument when `text` has characters TCVN3 cannot
// encode, or that would need a control byte (not allowed in XML).
Result<std::string> WordRuns(std::string_view text, DocxFont font);

// A document body (the children of w:body) from a tab-separated export such
// as seed 000: consecutive lines with tabs become the rows of one w:tbl,
// one cell per field; other lines become paragraphs (an empty line an empty
// paragraph).
Result<std::string> WordBodyFromTsv(std::string_view tsv, DocxFont font);

// Writes `members` (name, bytes) as a ZIP archive, entries dated
// 1980-01-01 so the same input gives the same bytes; false on failure.
bool WriteZip(const std::filesystem::path& path,
              const std::vector<std::pair<std::string, std::string>>& members);

// Writes a .docx whose body is `body_xml` and whose styles part holds
// `styles_xml` (children of w:styles; no styles part if empty). The main
// part is stored as `document_part` and found through the package
// relationships, as Word finds it.
bool WriteDocx(const std::filesystem::path& path, const std::string& body_xml,
               const std::string& styles_xml = "",
               const std::string& document_part = "word/document.xml");

}  // namespace vnplan::samples

#endif  // VNPLAN_TOOLS_SAMPLES_DOCX_WRITER_H_
