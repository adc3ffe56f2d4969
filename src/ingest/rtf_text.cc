#include "ingest/rtf_text.h"

#include <cctype>
#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/utf8.h"
#include "ingest/legacy_fonts.h"
#include "ingest/office_lines.h"
#include "text/legacy_encoding.h"

namespace vnplan::ingest {

namespace {

constexpr int kMaxDepth = 1000;

// Where a group's text goes: the body, the font table, a page header
// (kept apart: the first page's is read before the body), or nowhere.
enum class Destination { kBody, kFontTable, kHeader, kSkip };

// The properties a group inherits from its parent and restores at its end.
struct GroupState {
  Destination destination = Destination::kBody;
  int font = -1;          // \fN; -1: the default font
  int unicode_skip = 1;   // \ucN: fallback characters after each \uN
  bool in_table = false;  // \intbl: the paragraph is in a table cell
};

struct Font {
  std::string name;
  int charset = -1;  // \fcharsetN; -1 unset
};

// Destinations whose text is not body text (those marked \* are skipped
// too, whatever their name).
bool IsSkippedDestination(std::string_view word) {
  static const std::unordered_set<std::string_view> kSkipped = {
      "colortbl", "stylesheet", "info",     "pict",     "object",
      "footer",   "footerl",  "footerr",   "footerf", "footnote",
      "listtable", "listoverridetable", "revtbl", "fldinst", "datafield", "themedata",
      "colorschememapping", "latentstyles", "rsidtbl", "xmlnstbl", "generator", "userprops",
      "docvar", "annotation", "atnid", "atnauthor", "xe", "tc", "filetbl", "pgdsctbl"};
  return kSkipped.contains(word);
}

// The value of a hexadecimal digit (checked by the caller).
int HexValue(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                                                    : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
}

class RtfReader {
 public:
  explicit RtfReader(std::string_view rtf) : rtf_(rtf) {}

  Result<OfficeText> Read() {
    std::vector<GroupState> stack;
    GroupState state;
    bool group_start = false;  // no token read yet in the current group
    size_t i = 0;
    while (i < rtf_.size()) {
      const char c = rtf_[i];
      if (c == '{') {
        if (stack.size() >= kMaxDepth) {
          return MakeError(ErrorCode::kInputError,
                           "RTF groups nested more than 1000 deep: a damaged file?");
        }
        stack.push_back(state);
        group_start = true;
        ++i;
        continue;
      }
      if (c == '}') {
        if (!stack.empty()) {
          if (state.font != stack.back().font) FlushBytes();
          if (state.destination == Destination::kHeader &&
              stack.back().destination != Destination::kHeader) {
            EndHeader(state);
          }
          state = stack.back();
          stack.pop_back();
        }
        group_start = false;
        ++i;
        continue;
      }
      if (c == '\\') {
        i = ControlWord(i + 1, group_start, &state);
        group_start = false;
        continue;
      }
      group_start = false;
      ++i;
      if (c == '\r' || c == '\n') continue;
      Literal(static_cast<unsigned char>(c), state);
    }
    if (state.destination == Destination::kHeader) EndHeader(state);  // braces lost
    EndParagraph(state);
    if (!row_.empty()) EndRow();
    // The first page's header (a letterhead kept there) before the body:
    // \headerf when the section has a title page (\titlepg), else the
    // header of every (right-hand) page.
    std::vector<std::string> lines;
    const auto header = headers_.find(title_page_ && headers_.contains("headerf") ? "headerf"
                                      : headers_.contains("header")             ? "header"
                                                                                : "headerr");
    if (header != headers_.end()) AppendHeader(header->second, &lines);
    lines.insert(lines.end(), lines_.begin(), lines_.end());
    return OfficeText{JoinLines(lines), "rtf", legacy_runs_};
  }

 private:
  // Reads the control word or symbol after a backslash at `i`; returns
  // the index after it (and after the space that ends a word).
  size_t ControlWord(size_t i, bool group_start, GroupState* state) {
    if (i >= rtf_.size()) return i;
    const char c = rtf_[i];
    if (!std::isalpha(static_cast<unsigned char>(c))) {
      return ControlSymbol(i, group_start, state);
    }
    size_t end = i;
    while (end < rtf_.size() && std::isalpha(static_cast<unsigned char>(rtf_[end]))) ++end;
    const std::string_view word = rtf_.substr(i, end - i);
    bool has_param = false;
    long param = 0;
    size_t p = end;
    bool negative = false;
    if (p < rtf_.size() && rtf_[p] == '-') {
      negative = true;
      ++p;
    }
    size_t digits = p;
    while (digits < rtf_.size() && std::isdigit(static_cast<unsigned char>(rtf_[digits])) &&
           digits - p < 10) {
      param = param * 10 + (rtf_[digits] - '0');
      ++digits;
    }
    if (digits > p) {
      has_param = true;
      end = digits;
      if (negative) param = -param;
    }
    if (end < rtf_.size() && rtf_[end] == ' ') ++end;
    if (word == "bin" && has_param && param > 0) {
      return std::min(rtf_.size(), end + static_cast<size_t>(param));  // binary data
    }
    Apply(word, has_param, static_cast<int>(param), group_start, state);
    return end;
  }

  size_t ControlSymbol(size_t i, bool group_start, GroupState* state) {
    const char c = rtf_[i];
    switch (c) {
      case '*':
        if (group_start) state->destination = Destination::kSkip;
        return i + 1;
      case '\'': {
        if (i + 2 < rtf_.size() && std::isxdigit(static_cast<unsigned char>(rtf_[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(rtf_[i + 2]))) {
          Literal(static_cast<unsigned char>(HexValue(rtf_[i + 1]) * 16 + HexValue(rtf_[i + 2])),
                  *state);
          return i + 3;
        }
        return i + 1;
      }
      case '~':
        Text(" ", *state);
        return i + 1;
      case '_':
        Text("-", *state);
        return i + 1;
      case '-':
        // An optional hyphen; in a legacy font the soft-hyphen byte 0xAD
        // is a letter (TCVN3 "ư"), and word processors write it so.
        if (FontCodeOf(*state) != FontCode::kUnicode) Literal(0xAD, *state);
        return i + 1;
      case '\r':
      case '\n':  // "\<newline>" is \par
        Apply("par", false, 0, false, state);
        return i + 1;
      default:  // \\ \{ \} and other escaped characters stand for themselves
        Literal(static_cast<unsigned char>(c), *state);
        return i + 1;
    }
  }

  void Apply(std::string_view word, bool has_param, int param, bool group_start,
             GroupState* state) {
    if (group_start) {
      if (word == "fonttbl") {
        state->destination = Destination::kFontTable;
        return;
      }
      if (state->destination == Destination::kBody &&
          (word == "header" || word == "headerf" || word == "headerr" || word == "headerl")) {
        // The header's paragraphs go to their own lines until the group ends.
        state->destination = Destination::kHeader;
        FlushBytes();
        body_lines_ = std::move(lines_);
        lines_.clear();
        header_word_ = std::string(word);
        return;
      }
      if (IsSkippedDestination(word)) {
        state->destination = Destination::kSkip;
        return;
      }
    }
    if (state->destination == Destination::kSkip) return;
    if (word == "titlepg") title_page_ = true;
    if (state->destination == Destination::kFontTable) {
      if (word == "f" && has_param) {
        defining_font_ = param;
        fonts_[param] = Font{};
      } else if (word == "fcharset" && has_param && defining_font_ >= 0) {
        fonts_[defining_font_].charset = param;
      }
      return;
    }
    if (word == "f" && has_param) {
      if (param != state->font) FlushBytes();
      state->font = param;
    } else if (word == "plain") {
      if (state->font != -1) FlushBytes();
      state->font = -1;
    } else if (word == "deff" && has_param) {
      default_font_ = param;
    } else if (word == "ansicpg" && has_param) {
      code_page_ = param;
    } else if (word == "uc" && has_param) {
      state->unicode_skip = std::max(0, param);
    } else if (word == "u" && has_param && param >= -32768 && param <= 65535) {
      // A signed 16-bit UTF-16 unit; a surrogate (half of a character
      // beyond the BMP, none of them Vietnamese) becomes U+FFFD.
      char32_t code = static_cast<char32_t>(param < 0 ? param + 65536 : param);
      if (code >= 0xD800 && code <= 0xDFFF) code = 0xFFFD;
      std::string utf8;
      AppendUtf8(code, &utf8);
      FlushBytes();
      const FontCode font = FontCodeOf(*state);
      // A legacy font's byte stored as its Windows-1252 character stays
      // with the font's other bytes.
      paragraph_.Add(font != FontCode::kUnicode && text::Cp1252ByteOf(code) >= 0 ? font
                                                                               : FontCode::kUnicode,
                     utf8);
      skip_fallback_ = state->unicode_skip;
    } else if (word == "par" || word == "sect") {
      EndParagraph(*state);
    } else if (word == "line") {
      Text("\n", *state);
    } else if (word == "tab") {
      Text("\t", *state);
    } else if (word == "cell") {
      EndCell();
    } else if (word == "nestcell") {
      Text(" ", *state);
    } else if (word == "row") {
      if (!cell_lines_.empty() || !bytes_.empty() || !paragraph_.empty()) EndCell();
      EndRow();
    } else if (word == "intbl") {
      state->in_table = true;
    } else if (word == "itap" && has_param) {
      state->in_table = param > 0;
    } else if (word == "pard") {
      state->in_table = false;
    } else if (const auto symbol = kSymbols.find(word); symbol != kSymbols.end()) {
      Text(symbol->second, *state);
    }
  }

  // Control words that stand for a character.
  static inline const std::map<std::string_view, std::string_view> kSymbols = {
      {"emdash", "—"},    {"endash", "–"},    {"lquote", "‘"}, {"rquote", "’"},
      {"ldblquote", "“"}, {"rdblquote", "”"}, {"bullet", "•"}};

  // A byte of text (a literal character or \'hh) in the current font.
  void Literal(unsigned char byte, const GroupState& state) {
    if (state.destination == Destination::kSkip) return;
    if (state.destination == Destination::kFontTable) {
      if (defining_font_ < 0) return;
      if (byte == ';') {
        defining_font_ = -1;  // the name is complete
      } else {
        fonts_[defining_font_].name.push_back(static_cast<char>(byte));
      }
      return;
    }
    if (skip_fallback_ > 0) {
      --skip_fallback_;
      return;
    }
    const int font = state.font >= 0 ? state.font : default_font_;
    if (!bytes_.empty() && font != bytes_font_) FlushBytes();
    bytes_font_ = font;
    bytes_.push_back(static_cast<char>(byte));
  }

  // Text that needs no decoding (a line break, a dash).
  void Text(std::string_view utf8, const GroupState& state) {
    if (state.destination != Destination::kBody && state.destination != Destination::kHeader) {
      return;
    }
    FlushBytes();
    paragraph_.Add(FontCode::kUnicode, utf8);
  }

  FontCode FontCodeOf(const GroupState& state) const {
    const auto it = fonts_.find(state.font >= 0 ? state.font : default_font_);
    return it == fonts_.end() ? FontCode::kUnicode : ClassifyFont(it->second.name);
  }

  // Decodes the pending bytes by their font: a legacy font's as its
  // Windows-1252 characters (decoded with the paragraph), others by the
  // font's character set or the document's code page.
  void FlushBytes() {
    if (bytes_.empty()) return;
    const auto it = fonts_.find(bytes_font_);
    const Font font = it == fonts_.end() ? Font{} : it->second;
    const FontCode code = ClassifyFont(font.name);
    if (code != FontCode::kUnicode) {
      paragraph_.Add(code, text::BytesAsCp1252(bytes_));
    } else {
      const bool cp1258 = font.charset == 163 || ((font.charset <= 1) && code_page_ == 1258);
      std::string decoded;
      if (cp1258) {
        auto d = text::Decode(bytes_, text::Encoding::kCp1258);
        decoded = d ? *d : text::BytesAsCp1252(bytes_);
      } else {
        decoded = text::BytesAsCp1252(bytes_);
      }
      paragraph_.Add(FontCode::kUnicode, decoded);
    }
    bytes_.clear();
  }

  std::string FinishParagraph() {
    FlushBytes();
    skip_fallback_ = 0;
    return paragraph_.Finish(&legacy_runs_);
  }

  // A paragraph in a table cell is one of the cell's lines; else one of the
  // document's (after a row whose \row was lost).
  void EndParagraph(const GroupState& state) {
    std::string text = FinishParagraph();
    if (state.in_table) {
      cell_lines_.push_back(std::move(text));
      return;
    }
    if (!row_.empty()) EndRow();
    AppendParagraph(text, &lines_);
  }

  // The end of a header group: its last paragraph ends, its lines are
  // kept (the first section's of each kind) and the body's come back.
  void EndHeader(const GroupState& state) {
    EndParagraph(state);
    if (!row_.empty()) EndRow();
    headers_.try_emplace(header_word_, std::move(lines_));
    lines_ = std::move(body_lines_);
    body_lines_.clear();
  }

  void EndCell() {
    std::string text = FinishParagraph();
    if (!text.empty()) cell_lines_.push_back(std::move(text));
    row_.push_back(CellLine(cell_lines_));
    cell_lines_.clear();
  }

  void EndRow() {
    AppendRow(row_, &lines_);
    row_.clear();
  }

  std::string_view rtf_;
  std::map<int, Font> fonts_;
  int defining_font_ = -1;
  int default_font_ = 0;
  int code_page_ = 1252;
  int skip_fallback_ = 0;  // \uN fallback characters still to skip
  std::string bytes_;      // text bytes not yet decoded, all in bytes_font_
  int bytes_font_ = -1;
  LegacyText paragraph_;
  std::vector<std::string> cell_lines_;
  std::vector<std::string> row_;
  std::vector<std::string> lines_;       // where paragraphs go now
  std::vector<std::string> body_lines_;  // the body's, while a header is read
  std::map<std::string, std::vector<std::string>> headers_;  // by destination word
  std::string header_word_;  // the header being read
  bool title_page_ = false;  // \titlepg: the first page has its own header
  int legacy_runs_ = 0;
};

}  // namespace

bool LooksLikeRtf(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  const size_t start = head.find_first_not_of(" \t\r\n");
  return start != std::string_view::npos && head.substr(start).starts_with("{\\rtf");
}

Result<OfficeText> RtfToText(std::string_view rtf) {
  if (!LooksLikeRtf(rtf)) {
    return MakeError(ErrorCode::kInputError, "not an RTF document (it does not open with {\\rtf)");
  }
  return RtfReader(rtf).Read();
}

}  // namespace vnplan::ingest
