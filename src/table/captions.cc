#include "table/captions.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "common/utf8.h"
#include "table/fuzzy.h"
#include "text/vietnamese.h"

namespace vnplan::table {

namespace {

constexpr size_t kMaxCaptionBytes = 300;
constexpr size_t kMaxTitleBytes = 120;
// The longest paragraph read as the rest of the heading above it.
constexpr size_t kMaxContinuationBytes = 120;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string LineText(const Line& line) {
  std::string text;
  for (const Word& w : line.words) {
    if (!text.empty()) text.push_back(' ');
    text += w.text;
  }
  return CollapseSpaces(text);
}

// Whether `text` opens with an enumerator: "5.", "2.1.", "3)", "II.",
// "IV)", "a)".
bool StartsWithEnumerator(std::string_view text) {
  const std::string folded = Fold(text);
  // Dotted numbers ending with '.' or followed by ')': "5.", "2.1.", "3)".
  size_t i = 0;
  while (i < folded.size() && (IsDigit(folded[i]) || folded[i] == '.')) ++i;
  if (i > 0 && i < folded.size() && (folded[i - 1] == '.' || folded[i] == ')')) return true;
  // Roman numerals: "II.", "IV)".
  i = 0;
  while (i < folded.size() && std::strchr("ivxlc", folded[i]) != nullptr) ++i;
  if (i > 0 && i < folded.size() && (folded[i] == '.' || folded[i] == ')')) return true;
  // One letter: "a)", "b)".
  return folded.size() > 1 && std::isalpha(static_cast<unsigned char>(folded[0])) &&
         folded[1] == ')';
}

}  // namespace

bool HasHeadingMark(std::string_view paragraph) {
  if (paragraph.starts_with("-") || paragraph.starts_with("+")) return false;  // a list item
  const std::string folded = Fold(paragraph);
  for (const char* word : {"bang ", "bieu ", "phu luc"}) {
    if (folded.starts_with(word)) return true;
  }
  if (!paragraph.empty() && paragraph.back() == ':') return true;
  if (StartsWithEnumerator(paragraph)) return true;
  // "Nhóm 2: …": a colon within the first three words.
  const size_t colon = folded.find(':');
  return colon != std::string::npos && colon < 24 &&
         std::count(folded.begin(), folded.begin() + colon, ' ') <= 2;
}

bool IsUpperCaseTitle(std::string_view paragraph) {
  const std::u32string text = Utf8ToU32(paragraph);
  const std::u32string lower = Utf8ToU32(text::ToLower(paragraph));
  if (lower.size() != text.size()) return false;
  size_t letters = 0, upper = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char32_t c = text[i];
    const bool letter = (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z') || c >= 0xC0;
    if (!letter) continue;
    ++letters;
    if (lower[i] != c) ++upper;
  }
  return letters >= 3 && upper * 5 >= letters * 4;
}

std::string ChooseCaption(const std::vector<std::string>& paragraphs) {
  if (paragraphs.empty()) return "";
  const std::string nearest = CollapseSpaces(paragraphs[0]);
  if (nearest.empty() || nearest.size() > kMaxCaptionBytes || nearest.starts_with("-") ||
      nearest.starts_with("+")) {
    return "";
  }
  if (HasHeadingMark(nearest)) return nearest;
  if (paragraphs.size() >= 2) {
    const std::string above = CollapseSpaces(paragraphs[1]);
    if (!above.empty() && HasHeadingMark(above) && nearest.size() <= kMaxContinuationBytes) {
      return above + " " + nearest;
    }
  }
  // A short paragraph without a mark is a caption only as an upper-case
  // title ("DANH SÁCH HỘI ĐỒNG"), not as the end of the text above.
  return nearest.size() <= kMaxTitleBytes && IsUpperCaseTitle(nearest) ? nearest : "";
}

std::string CaptionAbove(const Page& page, const Box& table_box, const PageCaptionOptions& options) {
  // Text lines only: rules and specks the OCR read as lines have no letter
  // or are taller than wide (vertical rules).
  std::vector<const Line*> text_lines;
  std::vector<int> heights;
  for (const Block& block : page.blocks) {
    for (const Line& line : block.lines) {
      if (line.words.empty() || line.box.empty() || line.box.height() > line.box.width()) continue;
      const std::string text = LineText(line);
      if (!std::any_of(text.begin(), text.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80);
          })) {
        continue;
      }
      text_lines.push_back(&line);
      heights.push_back(line.box.height());
    }
  }
  if (heights.empty()) return "";
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  const double line_height = std::max(1, heights[heights.size() / 2]);
  std::vector<const Line*> above;
  for (const Line* line : text_lines) {
    if (line->box.height() < 0.4 * line_height) continue;  // a thin rule
    // Above the table (a line may dip into it by a third of its height)
    // and overlapping it horizontally.
    if (line->box.y1 - line->box.height() / 3 > table_box.y0) continue;
    if (line->box.x1 <= table_box.x0 || line->box.x0 >= table_box.x1) continue;
    above.push_back(line);
  }
  if (above.empty()) return "";
  // Nearest first.
  std::sort(above.begin(), above.end(), [](const Line* a, const Line* b) {
    return a->box.y1 != b->box.y1 ? a->box.y1 > b->box.y1 : a->box.x0 < b->box.x0;
  });
  if (table_box.y0 - above.front()->box.y1 > options.max_gap_lines * line_height) return "";
  std::vector<std::string> paragraphs(1);
  int top = above.front()->box.y0;  // of the paragraph being gathered
  bool opened = false;  // the paragraph being gathered opens with an enumerator
  for (const Line* line : above) {
    const double gap = top - line->box.y1;
    if (gap > options.max_gap_lines * line_height) break;
    if (!paragraphs.back().empty() && (opened || gap > options.paragraph_gap_lines * line_height)) {
      if (paragraphs.size() == 2) break;
      paragraphs.emplace_back();
    }
    const std::string text = LineText(*line);
    paragraphs.back() = paragraphs.back().empty() ? text : text + " " + paragraphs.back();
    opened = StartsWithEnumerator(text);
    top = std::min(top, line->box.y0);
  }
  return ChooseCaption(paragraphs);
}

void SetCaptionsFromPages(std::vector<Table>* tables, const std::vector<const Page*>& pages,
                          const PageCaptionOptions& options) {
  for (Table& table : *tables) {
    // The table's box on the page of its first row with a boxed cell.
    int page_number = 0;
    Box box;
    for (const auto& row : table.rows) {
      for (const Cell& cell : row) {
        if (!cell.box || cell.box->empty() || cell.page <= 0) continue;
        if (page_number == 0) {
          page_number = cell.page;
          box = *cell.box;
        } else if (cell.page == page_number) {
          box = {std::min(box.x0, cell.box->x0), std::min(box.y0, cell.box->y0),
                 std::max(box.x1, cell.box->x1), std::max(box.y1, cell.box->y1)};
        }
      }
      if (page_number != 0) break;
    }
    if (page_number == 0) continue;
    const auto page = std::find_if(pages.begin(), pages.end(),
                                   [&](const Page* p) { return p && p->number == page_number; });
    if (page == pages.end()) continue;
    table.caption = CaptionAbove(**page, box, options);
  }
}

}  // namespace vnplan::table
