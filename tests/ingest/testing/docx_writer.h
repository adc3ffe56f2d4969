// Test helper: writes ZIP archives and minimal .docx packages (content
// types, relationships, document and styles parts) with libzip, so tests
// build their Word documents from readable XML instead of binary fixtures.
#ifndef VNPLAN_TESTS_INGEST_TESTING_DOCX_WRITER_H_
#define VNPLAN_TESTS_INGEST_TESTING_DOCX_WRITER_H_

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace vnplan::testing {

// The WordprocessingML namespace declaration for a root element.
inline constexpr char kWordNamespace[] =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

// Writes `members` (name, bytes) as a ZIP archive; false on failure.
bool WriteZip(const std::filesystem::path& path,
              const std::vector<std::pair<std::string, std::string>>& members);

// Writes a .docx whose body is `body_xml` (the children of w:body) and
// whose styles part holds `styles_xml` (children of w:styles; none if
// empty). The main part is stored as `document_part`, found through the
// package relationships as Word finds it.
bool WriteDocx(const std::filesystem::path& path, const std::string& body_xml,
               const std::string& styles_xml = "",
               const std::string& document_part = "word/document.xml");

}  // namespace vnplan::testing

#endif  // VNPLAN_TESTS_INGEST_TESTING_DOCX_WRITER_H_
