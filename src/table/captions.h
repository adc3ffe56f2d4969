// Table captions: the heading a table is placed under ("a) Hội đồng tự đánh
// giá", "6. Thời gian biểu", "DANH SÁCH HỘI ĐỒNG"). Input: the paragraphs
// just above a table (text sources) or a page's recognised lines above the
// table's box (page images and PDFs). Output: the caption, "" when no
// heading stands there. Rules in ChooseCaption.
#ifndef VNPLAN_TABLE_CAPTIONS_H_
#define VNPLAN_TABLE_CAPTIONS_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/page.h"
#include "table/table_model.h"

namespace vnplan::table {

// A heading's mark: an enumerator ("a)", "2.", "II.", "2.1.", "3)"), a
// "Bảng"/"Biểu"/"Phụ lục" label, a short lead ending with a colon ("Nhóm
// 2: …"), or a closing colon ("b) Nhóm thư ký:"). A list item ("- …") has
// none.
bool HasHeadingMark(std::string_view paragraph);

// At least three letters, at least 80 % of them upper-case.
bool IsUpperCaseTitle(std::string_view paragraph);

// The caption from the paragraphs above a table, nearest first (the first
// two are looked at; whitespace collapsed): the nearest if it bears a
// heading mark; else, when the one above it does and the nearest is short
// (at most 120 bytes), both: the heading and what it goes on with ("c) Các
// nhóm công tác: Nhóm 1: …" / "Tổ chức và quản lý nhà trường"; a short
// sentence under a section heading comes along too); else the nearest if
// it is a short upper-case title. Never a list item ("- …", "+ …") or a
// paragraph over 300 bytes.
std::string ChooseCaption(const std::vector<std::string>& paragraphs);

struct PageCaptionOptions {
  // How far above the table's top a caption line may end, in median line
  // heights of the page. Default 3.
  double max_gap_lines = 3.0;
  // Lines closer than this (in line heights) belong to one paragraph: the
  // leading of wrapped lines is about 0.3, paragraph spacing adds more.
  // Default 0.5.
  double paragraph_gap_lines = 0.5;
};

// The caption of a table whose box on `page` is `table_box` (same pixels):
// the page's text lines (with a letter or digit, wider than tall, not thin
// rules) that end above the box's top and overlap it horizontally, grouped
// into paragraphs by their vertical gaps (a line opening with an
// enumerator starts one), nearest first, through ChooseCaption.
std::string CaptionAbove(const Page& page, const Box& table_box,
                         const PageCaptionOptions& options = {});

// Sets the caption of every table of page images (cells with boxes) from
// the page its first row is on, `pages` holding the pages' recognised
// lines (any order; a page missing leaves its tables' captions as they
// are).
void SetCaptionsFromPages(std::vector<Table>* tables, const std::vector<const Page*>& pages,
                          const PageCaptionOptions& options = {});

}  // namespace vnplan::table

#endif  // VNPLAN_TABLE_CAPTIONS_H_
