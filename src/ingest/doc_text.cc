#include "ingest/doc_text.h"

#include <wv.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "ingest/child_process.h"
#include "ingest/legacy_fonts.h"
#include "ingest/office_lines.h"
#include "text/legacy_encoding.h"

namespace vnplan::ingest {
namespace {

// Characters of the Word text stream with a meaning of their own.
constexpr char16_t kCellMark = 0x07;       // ends a table cell, or a row after a row-end paragraph
constexpr char16_t kTab = 0x09;
constexpr char16_t kLineBreak = 0x0B;
constexpr char16_t kPageBreak = 0x0C;      // also a section break: ends the paragraph
constexpr char16_t kParagraphMark = 0x0D;
constexpr char16_t kFieldBegin = 0x13;
constexpr char16_t kFieldSeparator = 0x14;  // between a field's code and its result
constexpr char16_t kFieldEnd = 0x15;
constexpr char16_t kNonBreakingHyphen = 0x1E;
constexpr char16_t kOptionalHyphen = 0x1F;  // how Word stores a soft hyphen
constexpr char16_t kNonBreakingSpace = 0xA0;
constexpr char16_t kSoftHyphen = 0xAD;

// Collects the document as lines while wvText walks it (wvWare's handlers
// get it through wvParseStruct::userData).
class DocReader {
 public:
  // wvText walks every story of the document: the main text (its first
  // `main_length` characters), then footnotes, headers and footers,
  // comments, text boxes. Only the main text is kept.
  explicit DocReader(long main_length) : main_length_(main_length) {}

  // Counts a character position; false once past the main text.
  bool InMainText() { return position_++ < main_length_; }

  void ParagraphStarts(const PAP& pap) {
    in_table_ = pap.fInTable != 0;
    row_end_ = pap.fTtp != 0;
  }

  void RunStarts(wvParseStruct* ps, const CHP& chp) {
    FlushRun();
    const char* font = wvGetFontnameFromCode(&ps->fonts, chp.ftcAscii);
    code_ = ClassifyFont(font ? font : "");
    skip_run_ = chp.fRMarkDel || chp.fVanish;
  }

  void Character(char16_t c) {
    switch (c) {
      case kFieldBegin: fields_.push_back(false); return;
      case kFieldSeparator: if (!fields_.empty()) fields_.back() = true; return;
      case kFieldEnd: if (!fields_.empty()) fields_.pop_back(); return;
      case kParagraphMark:
      case kPageBreak: EndParagraph(/*cell_mark=*/false); return;
      case kCellMark: EndParagraph(/*cell_mark=*/true); return;
      default: break;
    }
    if (skip_run_ || InFieldCode()) return;
    if (c == kOptionalHyphen || c == kSoftHyphen) {
      // Invisible in Unicode text; in a TCVN3 font byte 0xAD is "ư", which
      // Word keeps as a soft hyphen.
      if (code_ != FontCode::kUnicode) AppendUtf8(kSoftHyphen, &run_);
    } else if (c == kTab || c == kNonBreakingSpace) {
      run_.push_back(' ');
    } else if (c == kLineBreak) {
      run_.push_back('\n');
    } else if (c == kNonBreakingHyphen) {
      run_.push_back('-');
    } else if (c >= 0x20 && (c < 0xD800 || c > 0xDFFF)) {
      AppendUtf8(static_cast<char32_t>(c), &run_);
    }
  }

  // The document's text; ends an unterminated paragraph or row.
  OfficeText Finish() {
    if (!runs_.empty() || !run_.empty()) EndParagraph(false);
    if (!cells_.empty()) AppendRow(cells_, &lines_);
    return OfficeText{JoinLines(lines_), "doc", legacy_runs_};
  }

 private:
  bool InFieldCode() const {
    for (bool in_result : fields_) {
      if (!in_result) return true;
    }
    return false;
  }

  void FlushRun() {
    if (!run_.empty()) runs_.Add(code_, run_);
    run_.clear();
  }

  void EndParagraph(bool cell_mark) {
    FlushRun();
    const std::string text = runs_.Finish(&legacy_runs_);
    if (!in_table_) {
      AppendParagraph(text, &lines_);
      return;
    }
    if (row_end_) {  // the row-end paragraph: its mark closes the row
      if (cell_mark) {
        AppendRow(cells_, &lines_);
        cells_.clear();
      }
      return;
    }
    cell_lines_.push_back(text);
    if (cell_mark) {
      cells_.push_back(CellLine(cell_lines_));
      cell_lines_.clear();
    }
  }

  std::vector<std::string> lines_;
  std::vector<std::string> cells_;       // the row being read
  std::vector<std::string> cell_lines_;  // the paragraphs of the cell being read
  LegacyText runs_;
  std::string run_;  // text of the current run, UTF-8
  FontCode code_ = FontCode::kUnicode;
  bool skip_run_ = false;
  bool in_table_ = false, row_end_ = false;
  std::vector<bool> fields_;  // open fields, innermost last: true once in the result
  int legacy_runs_ = 0;
  long main_length_ = 0, position_ = 0;
};

DocReader* ReaderOf(wvParseStruct* ps) { return static_cast<DocReader*>(ps->userData); }

int OnCharacter(wvParseStruct* ps, U16 c, U8 chartype, U16 /*lid*/) {
  if (chartype == 0 && c >= 0x80 && c <= 0xFF) {
    // An 8-bit character of the document's code page, Windows-1252 in the
    // files Word writes (what a legacy font's bytes are stored as).
    const std::string unicode = text::BytesAsCp1252(std::string(1, static_cast<char>(c)));
    size_t at = 0;
    c = static_cast<U16>(NextCodePoint(unicode, &at));
  }
  DocReader* reader = ReaderOf(ps);
  if (reader->InMainText()) reader->Character(static_cast<char16_t>(c));
  return 0;
}

// Field marks, pictures, footnote references and other "special"
// characters: only the field marks matter for the text.
int OnSpecialCharacter(wvParseStruct* ps, U16 c, CHP* /*chp*/) {
  DocReader* reader = ReaderOf(ps);
  if (reader->InMainText() && (c == kFieldBegin || c == kFieldSeparator || c == kFieldEnd)) {
    reader->Character(static_cast<char16_t>(c));
  }
  return 0;
}

int OnElement(wvParseStruct* ps, wvTag tag, void* props, int /*dirty*/) {
  if (tag == PARABEGIN && props) ReaderOf(ps)->ParagraphStarts(*static_cast<const PAP*>(props));
  if (tag == CHARPROPBEGIN && props) ReaderOf(ps)->RunStarts(ps, *static_cast<const CHP*>(props));
  return 0;
}

// Parses the .doc in this process. wvWare loops forever or crashes on
// some damaged files, so ReadDoc runs this in a child process.
Result<OfficeText> ParseDoc(const std::filesystem::path& path) {
  wvInit();
  wvParseStruct ps{};
  std::string name = path.string();
  const int status = wvInitParser(&ps, name.data());
  if (status & 0x8000) {  // wvWare's flag for an encrypted document
    wvOLEFree(&ps);
    return MakeError(ErrorCode::kInputError,
                     "a password-protected Word document (.doc); save it without a password");
  }
  if (status != 0) {
    wvOLEFree(&ps);
    return MakeError(ErrorCode::kInputError,
                     "an OLE2 file that is neither a readable Word document nor an Excel "
                     "workbook: a password-protected .docx/.xlsx, a PowerPoint .ppt or a "
                     "damaged .doc or .xls; save it as .docx, .xlsx, .odt, .ods, PDF or HTML "
                     "without a password");
  }
  DocReader reader(static_cast<long>(ps.fib.ccpText));
  ps.userData = &reader;
  wvSetCharHandler(&ps, OnCharacter);
  wvSetSpecialCharHandler(&ps, OnSpecialCharacter);
  wvSetElementHandler(&ps, OnElement);
  const int parsed = wvText(&ps);
  wvOLEFree(&ps);
  if (parsed != 0) {
    return MakeError(ErrorCode::kInputError, "the Word document (.doc) could not be parsed");
  }
  return reader.Finish();
}

// The child's answer on the pipe: "O <legacy_runs>\n<text>" or
// "E\n<message>".
std::string Serialise(const Result<OfficeText>& result) {
  if (!result) return "E\n" + result.error().message;
  return "O " + std::to_string(result->legacy_runs) + "\n" + result->text;
}

Result<OfficeText> Deserialise(const std::string& bytes) {
  const size_t newline = bytes.find('\n');
  if (bytes.starts_with("E\n")) return MakeError(ErrorCode::kInputError, bytes.substr(2));
  if (!bytes.starts_with("O ") || newline == std::string::npos) {
    return MakeError(ErrorCode::kInputError, "the Word document (.doc) could not be parsed");
  }
  return OfficeText{bytes.substr(newline + 1), "doc", std::atoi(bytes.c_str() + 2)};
}

}  // namespace

Result<OfficeText> ReadDoc(const std::filesystem::path& path, const DocOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return MakeError(ErrorCode::kInputError, "cannot read " + path.string());
  }
  auto answer = RunInChild([&path] { return Serialise(ParseDoc(path)); }, options);
  if (!answer) return std::unexpected(answer.error());
  switch (answer->end) {
    case ChildAnswer::End::kTimedOut:
      return MakeError(ErrorCode::kInputError,
                       "the Word document (.doc) took more than " +
                           std::to_string(options.time_limit_seconds) +
                           " s to read (a damaged file?); open it in Word or LibreOffice and save "
                           "it as .docx");
    case ChildAnswer::End::kCrashed:
      return MakeError(ErrorCode::kInputError,
                       "the Word document (.doc) could not be read (the wvWare reader failed on "
                       "it: a damaged file?); open it in Word or LibreOffice and save it as .docx");
    case ChildAnswer::End::kExited:
      break;
  }
  return Deserialise(answer->bytes);
}

}  // namespace vnplan::ingest
