#include "table/plan_schema.h"

#include <algorithm>
#include <map>

#include <gtest/gtest.h>

namespace vnplan::table {
namespace {

// The plan table's header row, as short as the columns' names go.
const std::vector<std::string> kPlanHeader = {
    "TT",      "Tiêu chuẩn, tiêu chí", "Kết quả cần đạt",       "Công việc/giải pháp", "Chủ trì",
    "Thời gian", "Dự kiến kinh phí",  "Điều kiện hỗ trợ khác", "Ghi chú"};

Table MakeTable(const std::vector<std::vector<std::string>>& rows, int header_rows = 1) {
  Table t;
  for (const auto& r : rows) {
    std::vector<Cell> row;
    for (const auto& text : r) {
      Cell c;
      c.text = text;
      row.push_back(c);
    }
    t.rows.push_back(row);
  }
  t.header_rows = header_rows;
  PadRows(&t);
  return t;
}

const std::vector<std::string> kHeader = {
    "TT", "Tiêu chuẩn, tiêu chí", "Kết quả cần đạt (so với hiện trạng)",
    "Công việc/giải pháp cần thực hiện", "Chủ trì và phối hợp thực hiện",
    "Thời gian thực hiện và hoàn thành", "Dự kiến kinh phí", "Điều kiện hỗ trợ khác", "Ghi chú"};

TEST(PlanSchemaTest, HeaderMatchesCanonicalStrippedAndNoisyForms) {
  EXPECT_EQ(MatchPlanHeader(kHeader), (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8}));
  std::vector<std::string> stripped = {
      "TT", "Tieu chuan, tieu chi", "Ket qua can dat (so voi hien trang)",
      "Cong viec/giai phap can thuc hien", "Chu tri va phoi hop thuc hien",
      "Thoi gian thuc hien va hoan thanh", "Du kien kinh phi", "Dieu kien ho tro khac", "Ghi chu"};
  EXPECT_EQ(MatchPlanHeader(stripped), (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8}));
  std::vector<std::string> noisy = {
      "T T", "Tiéu chuan, tiéu chi", "Ketqua candat (so véi hién trang)",
      "Cong viéc/giai phap can thuc hién", "Chu tri va phéi hop thuc hien",
      "Thoi gian thuc hién va hoan thanh", "Du kién kinh phi", "Diéu kién hd tro khac", "Ghi cha"};
  EXPECT_EQ(MatchPlanHeader(noisy), (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8}));
  // Reordered and partial headers map by content, not position.
  EXPECT_EQ(MatchPlanHeader({"Ghi chú", "Dự kiến kinh phí", "Họ và tên"}),
            (std::vector<int>{8, 6, -1}));
}

TEST(PlanSchemaTest, HeaderCellLostBetweenTwoPlanColumnsIsTheColumnBetween) {
  // A scan whose header row lost the rule between "Kết quả" and "Công
  // việc": the first cell holds both headers' lines interleaved (as the
  // table bench's seed 1008 read it), the second is empty.
  std::vector<std::string> merged = kHeader;
  merged[2] = "Kết quả cần đạt (so Câng việc/giải pháp cần với hiện trạng) thực hiện";
  merged[3] = "";
  EXPECT_EQ(MatchPlanHeader(merged), (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8}));
  // Unreadable text counts as lost too; an extra column at the end or a
  // gap of two columns is not filled.
  std::vector<std::string> garbled = kHeader;
  garbled[5] = "~ ..";
  EXPECT_EQ(MatchPlanHeader(garbled), (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(MatchPlanHeader({"TT", "Tiêu chuẩn, tiêu chí", "", "", "Chủ trì và phối hợp thực hiện"}),
            (std::vector<int>{0, 1, -1, -1, 4}));
  EXPECT_EQ(MatchPlanHeader({"Dự kiến kinh phí", "Ghi chú", "Minh chứng"}),
            (std::vector<int>{6, 8, -1}));
}

TEST(PlanSchemaTest, LevelsStandardsCriteriaAndContinuations) {
  std::vector<std::vector<std::string>> rows = {kHeader};
  rows.push_back({"MỨC 1, 2, 3"});
  rows.push_back({"1", "Tiêu chuẩn 1: Tổ chức và quản lý nhà trường"});
  rows.push_back({"", "Tiêu chí 1.9", "KQ", "Giải pháp", "HT", "2024", "Không", "Hỗ trợ", ""});
  rows.push_back({"", "", "", "tiếp theo", "", "", "", "", "ghi"});
  rows.push_back(kHeader);  // repeated header on the next page
  rows.push_back({"", "Tiêu chí 1.10 :", "a", "b", "c", "d", "e", "f", "g"});
  rows.push_back({"MỨC 4"});
  rows.push_back({"", "Tiêu chí 2", "x", "", "", "", "", "", ""});
  PlanDocument doc = MapToPlan({MakeTable(rows)}, "");
  ASSERT_EQ(doc.criteria.size(), 3u);
  const Criterion& c0 = doc.criteria[0];
  EXPECT_EQ(c0.level, "Mức 1, 2, 3");
  EXPECT_EQ(c0.standard, 1);
  EXPECT_EQ(c0.standard_title, "Tổ chức và quản lý nhà trường");
  EXPECT_EQ(c0.criterion, "1.9");
  EXPECT_EQ(c0.criterion_label, "Tiêu chí 1.9");
  EXPECT_EQ(c0.expected_result, "KQ");
  EXPECT_EQ(c0.actions, "Giải pháp tiếp theo");
  EXPECT_EQ(c0.responsible, "HT");
  EXPECT_EQ(c0.timeline, "2024");
  EXPECT_EQ(c0.budget, "Không");
  EXPECT_EQ(c0.other_support, "Hỗ trợ");
  EXPECT_EQ(c0.notes, "ghi");
  EXPECT_EQ(doc.criteria[1].criterion, "1.10");
  EXPECT_EQ(doc.criteria[1].criterion_label, "Tiêu chí 1.10");
  EXPECT_EQ(doc.criteria[1].notes, "g");
  EXPECT_EQ(doc.criteria[2].level, "Mức 4");
  EXPECT_FALSE(doc.criteria[2].standard.has_value());
  EXPECT_EQ(doc.criteria[2].criterion, "2");
  EXPECT_TRUE(doc.tables.empty());
}

// A borderless page may split a level row into cells where OCR left a
// wide space inside it: the cells are read together.
TEST(PlanSchemaTest, LevelRowSplitIntoCells) {
  std::vector<std::vector<std::string>> rows = {kHeader};
  rows.push_back({"MỨC 1,", "2, 3"});
  rows.push_back({"1", "Tiêu chuẩn 1: Tổ chức và quản lý nhà trường"});
  rows.push_back({"", "Tiêu chí 1.9", "KQ", "Giải pháp", "HT", "2024", "Không", "", ""});
  rows.push_back({"", "MỨC", "4"});
  rows.push_back({"", "Tiêu chí 2", "x", "", "", "", "", "", ""});
  rows.push_back({"", "Tiêu chí 3", "Mức 4:", "tổ chức 2, 3 lớp", "", "", "", "", ""});
  PlanDocument doc = MapToPlan({MakeTable(rows)}, "");
  ASSERT_EQ(doc.criteria.size(), 3u);
  EXPECT_EQ(doc.criteria[0].level, "Mức 1, 2, 3");
  EXPECT_EQ(doc.criteria[1].level, "Mức 4");
  EXPECT_EQ(doc.criteria[1].criterion, "2");
  // Content that mentions a level is not a level row.
  EXPECT_EQ(doc.criteria[2].level, "Mức 4");
  EXPECT_EQ(doc.criteria[2].expected_result, "Mức 4:");
}

TEST(PlanSchemaTest, UnnumberedAndDotlessCriterionLabels) {
  std::vector<std::vector<std::string>> rows = {kHeader};
  rows.push_back({"MỨC 1, 2, 3"});
  rows.push_back({"3", "Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học"});
  // OCR lost the dot: "35" under standard 3 is criterion 3.5.
  rows.push_back({"", "Tiêu chí 35", "KQ", "GP", "HT", "9/2023", "Không có", "", ""});
  // The scan lost the number: still a criterion row of its own.
  rows.push_back({"", "Tiêu chí", "PCCC", "Tập huấn", "HT", "10/2023", "Không có", "", ""});
  rows.push_back({"", "", "chưa thành thạo", "", "", "", "", "", ""});
  // OCR lost the space before the number; "5." read as "s".
  rows.push_back({"", "Tiêu chí3.6", "KQ", "", "", "", "", "", ""});
  rows.push_back({"", "Tiêu chí s1", "KQ", "", "", "", "", "", ""});
  PlanDocument doc = MapToPlan({MakeTable(rows)}, "");
  ASSERT_EQ(doc.criteria.size(), 4u);
  EXPECT_EQ(doc.criteria[2].criterion, "3.6");
  EXPECT_EQ(doc.criteria[2].criterion_label, "Tiêu chí 3.6");
  EXPECT_EQ(doc.criteria[3].criterion, "5.1");
  EXPECT_EQ(doc.criteria[0].criterion, "3.5");
  EXPECT_EQ(doc.criteria[0].criterion_label, "Tiêu chí 3.5");
  EXPECT_EQ(doc.criteria[1].criterion, "");
  EXPECT_EQ(doc.criteria[1].criterion_label, "Tiêu chí");
  EXPECT_EQ(doc.criteria[1].standard, 3);
  EXPECT_EQ(doc.criteria[1].expected_result, "PCCC chưa thành thạo");
  EXPECT_EQ(doc.criteria[0].expected_result, "KQ");
}

TEST(PlanSchemaTest, HeaderlessContinuationTableJoins) {
  std::vector<std::vector<std::string>> page1 = {
      kHeader, {"1", "Tiêu chuẩn 3: Cơ sở vật chất"}, {"", "Tiêu chí 3.2", "a", "b1"}};
  std::vector<std::vector<std::string>> page2 = {
      {"", "", "", "b2", "", "", "", "", ""}, {"", "Tiêu chí 3.6", "c", "d"}};
  PlanDocument doc = MapToPlan({MakeTable(page1), MakeTable(page2, 0)}, "");
  ASSERT_EQ(doc.criteria.size(), 2u);
  EXPECT_EQ(doc.criteria[0].actions, "b1 b2");
  EXPECT_EQ(doc.criteria[1].standard, 3);
  EXPECT_EQ(doc.criteria[1].criterion, "3.6");
  EXPECT_TRUE(doc.tables.empty());
}

TEST(PlanSchemaTest, TimelineCellsHaveTheirDatesRepairedAndOnlyThem) {
  std::vector<std::vector<std::string>> rows = {
      kHeader,
      {"1", "Tiêu chuẩn 1: Tổ chức và quản lý nhà trường"},
      {"", "Tiêu chí 1.1", "Họp tháng 9 2024", "b", "c", "Từ tháng 9 2024 đến tháng 52025"},
      {"", "Tiêu chí 1.2", "a", "b", "c", "Năm học 2024 – 2825"},
      {"", "Tiêu chí 1.3", "a", "b", "c", "Tháng 9/2024"}};
  PlanDocument doc = MapToPlan({MakeTable(rows)}, "");
  ASSERT_EQ(doc.criteria.size(), 3u);
  EXPECT_EQ(doc.criteria[0].timeline, "Từ tháng 9/2024 đến tháng 5/2025");
  EXPECT_EQ(doc.criteria[0].expected_result, "Họp tháng 9 2024");  // not a timeline cell
  EXPECT_EQ(doc.criteria[1].timeline, "Năm học 2024 – 2025");
  EXPECT_EQ(doc.criteria[2].timeline, "Tháng 9/2024");
  auto repaired = std::find_if(doc.diagnostics.begin(), doc.diagnostics.end(),
                               [](const Diagnostic& d) { return d.code == "timeline-repaired"; });
  ASSERT_NE(repaired, doc.diagnostics.end());
  EXPECT_EQ(repaired->message.substr(0, 2), "3 ");
}

TEST(PlanSchemaTest, StandardTitleRunningOntoTheNextRow) {
  std::vector<std::vector<std::string>> rows = {
      kHeader, {"2", "Tiêu chuẩn 2:"}, {"", "Cán bộ quản lý, giáo viên"},
      {"", "Tiêu chí 2.1", "a"}};
  PlanDocument doc = MapToPlan({MakeTable(rows)}, "");
  ASSERT_EQ(doc.criteria.size(), 1u);
  EXPECT_EQ(doc.criteria[0].standard_title, "Cán bộ quản lý, giáo viên");
}

TEST(PlanSchemaTest, RestoreHookRunsBeforeRecognition) {
  std::vector<std::vector<std::string>> rows = {
      {"TT", "Tieu chuan, tieu chi", "Ket qua can dat", "Cong viec/giai phap", "Chu tri",
       "Thoi gian", "Du kien kinh phi", "Dieu kien ho tro khac", "Ghi chu"},
      {"MUC 1,2, 3"},
      {"1", "Tieu chuan 5: Hoat dong"},
      {"", "Tieu chi\n53", "Mot so hoc sinh", "", "", "", "", "", ""}};
  MapOptions options;
  int calls = 0;
  options.restore_cell = [&calls](std::string_view s, float) {
    ++calls;
    std::string out(s);
    if (out == "Mot so hoc sinh") return std::string("Một số học sinh");
    if (out == "Tieu chuan 5: Hoat dong") return std::string("Tiêu chuẩn 5: Hoạt động");
    return out;
  };
  PlanDocument doc = MapToPlan({MakeTable(rows)}, "", options);
  EXPECT_EQ(calls, 14);  // once per non-empty cell
  ASSERT_EQ(doc.criteria.size(), 1u);
  EXPECT_EQ(doc.criteria[0].standard_title, "Hoạt động");
  EXPECT_EQ(doc.criteria[0].expected_result, "Một số học sinh");
  // The OCR lost the dot of "5.3".
  EXPECT_EQ(doc.criteria[0].criterion, "5.3");
  EXPECT_EQ(doc.criteria[0].level, "Mức 1, 2, 3");
}

// The restoration learns each cell's OCR confidence; text that is no
// cell's (a caption) counts as fully confident.
TEST(PlanSchemaTest, CellRestorerGetsTheCellsConfidence) {
  Table table = MakeTable({{"TT", "Tiêu chuẩn, tiêu chí", "Kết quả cần đạt", "Công việc", "Chủ trì",
                            "Thời gian", "Kinh phí", "Điều kiện", "Ghi chú"},
                           {"", "Tiêu chí 1.1", "Kết quả", "", "", "", "", "", ""}});
  table.rows[1][2].confidence = 55.0f;
  table.caption = "Bảng 1";
  MapOptions options;
  std::map<std::string, float> seen;
  options.restore_cell = [&seen](std::string_view s, float confidence) {
    seen[std::string(s)] = confidence;
    return std::string(s);
  };
  MapToPlan({table}, "", options);
  EXPECT_EQ(seen["Kết quả"], 55.0f);
  EXPECT_EQ(seen["Tiêu chí 1.1"], 100.0f);
  EXPECT_EQ(seen["Bảng 1"], 100.0f);
}

TEST(PlanSchemaTest, OtherTablesAreGenericKeyedByHeader) {
  PlanDocument doc = MapToPlan(
      {MakeTable({{"TT", "Họ và tên", "", "Họ và tên"}, {"1", "Lê A", "x", "y"}})}, "");
  EXPECT_TRUE(doc.criteria.empty());
  ASSERT_EQ(doc.tables.size(), 1u);
  EXPECT_EQ(doc.tables[0].headers,
            (std::vector<std::string>{"TT", "Họ và tên", "col_3", "Họ và tên (2)"}));
  EXPECT_EQ(doc.tables[0].rows[0], (std::vector<std::string>{"1", "Lê A", "x", "y"}));
  ASSERT_FALSE(doc.diagnostics.empty());
  EXPECT_EQ(doc.diagnostics[0].code, "no-plan-table");
}

// restore_ocr_cell replaces restore_cell for the cells of tables rebuilt
// from OCR'd lines only.
TEST(PlanSchemaTest, OcrLineTablesUseTheirOwnCellRestorer) {
  auto plan_table = [](TableFormat format) {
    Table t;
    t.format = format;
    t.header_rows = 1;
    for (const std::vector<std::string>& texts : std::vector<std::vector<std::string>>{
             {"TT", "Tiêu chuẩn, tiêu chí", "Kết quả cần đạt (so với hiện trạng)",
              "Công việc/giải pháp cần thực hiện", "Chủ trì và phối hợp thực hiện",
              "Thời gian thực hiện và hoàn thành", "Dự kiến kinh phí", "Điều kiện hỗ trợ khác",
              "Ghi chú"},
             {"", "Tiêu chí 1.1", "kq", "cv", "ct", "9/2023", "kp", "dk", ""}}) {
      std::vector<Cell> row;
      for (const auto& text : texts) {
        Cell cell;
        cell.text = text;
        row.push_back(std::move(cell));
      }
      t.rows.push_back(std::move(row));
    }
    return t;
  };
  MapOptions options;
  options.restore_cell = [](std::string_view c, float) { return std::string(c); };
  options.restore_ocr_cell = [](std::string_view c, float) { return std::string(c) + "!"; };
  PlanDocument ocr = MapToPlan({plan_table(TableFormat::kPipeOcr)}, "", options);
  ASSERT_EQ(ocr.criteria.size(), 1u);
  EXPECT_EQ(ocr.criteria[0].expected_result, "kq!");
  PlanDocument tsv = MapToPlan({plan_table(TableFormat::kTsv)}, "", options);
  ASSERT_EQ(tsv.criteria.size(), 1u);
  EXPECT_EQ(tsv.criteria[0].expected_result, "kq");
  options.restore_ocr_cell = nullptr;
  EXPECT_EQ(MapToPlan({plan_table(TableFormat::kPipeOcr)}, "", options).criteria[0].expected_result,
            "kq");
}

// A restoration's confidence multiplies the cells' own: the row's
// confidence is the mean over its non-empty cells.
TEST(PlanSchemaTest, RestorationConfidenceLowersTheRowConfidence) {
  Table t = MakeTable({kPlanHeader,
                       {"", "Tiêu chí 1.1", "kq", "cv", "", "", "", "", ""},
                       {"", "Tiêu chí 1.2", "kq", "", "", "", "", "", ""}});
  t.rows[1][3].confidence = 50.0f;  // an OCR'd cell read at 50
  MapOptions options;
  options.restore_cell = [](std::string_view c, float) -> RestoredCell {
    if (c == "kq") return {"kết quả", 0.4};
    return std::string(c);
  };
  PlanDocument doc = MapToPlan({t}, "", options);
  ASSERT_EQ(doc.criteria.size(), 2u);
  EXPECT_EQ(doc.criteria[0].expected_result, "kết quả");
  EXPECT_NEAR(doc.criteria[0].confidence, (1.0 + 0.4 + 0.5) / 3, 1e-6);
  EXPECT_NEAR(doc.criteria[1].confidence, (1.0 + 0.4) / 2, 1e-6);
  // Without a restoration, the cells' own confidences.
  EXPECT_NEAR(MapToPlan({t}, "").criteria[0].confidence, (1.0 + 1.0 + 0.5) / 3, 1e-6);
}

// Each content field's confidence is the least of the cells it took text
// from, over continuation rows too; an empty field has none.
TEST(PlanSchemaTest, FieldConfidenceIsTheLeastOfItsCells) {
  Table t = MakeTable({kHeader,
                       {"", "Tiêu chí 1.1", "kq", "cv", "", "9/2023", "", "", ""},
                       {"", "", "tiếp", "cv2", "", "", "", "", ""}});
  t.rows[1][2].confidence = 80.0f;
  t.rows[2][2].confidence = 60.0f;  // the continuation's part is less sure
  t.rows[1][3].confidence = 50.0f;
  t.rows[2][3].confidence = 90.0f;
  PlanDocument doc = MapToPlan({t}, "");
  ASSERT_EQ(doc.criteria.size(), 1u);
  const auto& fields = doc.criteria[0].field_confidence;
  ASSERT_TRUE(fields[0] && fields[1] && fields[3]);
  EXPECT_NEAR(*fields[0], 0.6, 1e-6);  // expected_result
  EXPECT_NEAR(*fields[1], 0.5, 1e-6);  // actions
  EXPECT_NEAR(*fields[3], 1.0, 1e-6);  // timeline: a text cell
  EXPECT_FALSE(fields[2]);             // responsible: empty
  EXPECT_FALSE(fields[6]);             // notes: empty
}

TEST(PlanSchemaTest, DocumentInfo) {
  DocumentInfo d = ExtractDocumentInfo(
      "PHÒNG GD&ĐT QUẬN 1\nTRƯỜNG THCS VĂN LANG\n\nSố: 12/KH-THCS\n"
      "Quận 1, ngày 5 tháng 9 năm 2023\n\nKẾ HOẠCH\nCẢI TIẾN CHẤT LƯỢNG GIÁO DỤC\n"
      "Năm học 2023 – 2024\n\nI. MỤC ĐÍCH\nNội dung năm học 2020-2021.\n\n"
      "HIỆU TRƯỞNG\n\n(Đã ký)\nNguyễn Văn An\n\nLiên kết website\n");
  EXPECT_EQ(d.number, "12/KH-THCS");
  EXPECT_EQ(d.place, "Quận 1");
  EXPECT_EQ(d.date, "2023-09-05");
  EXPECT_EQ(d.title, "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC");
  EXPECT_EQ(d.school_year, "2023-2024");
  EXPECT_EQ(d.organization, "TRƯỜNG THCS VĂN LANG");
  EXPECT_EQ(d.signer, "Nguyễn Văn An");
}

TEST(PlanSchemaTest, DocumentInfoFromOcrTextWithoutMarks) {
  DocumentInfo d = ExtractDocumentInfo(
      " S0: 325/KH-TrTH Thanh Hung, ngay 12 thdng 9 nam 2023\nKE HOACH\n"
      "CAI TIEN CHAT LUONG GIAO DUC\nNAM HOQC 2023 - 2024\n\nNoi dung\n\nNguyén Thi Thom\n");
  EXPECT_EQ(d.number, "325/KH-TrTH");
  EXPECT_EQ(d.place, "Thanh Hung");
  EXPECT_EQ(d.date, "2023-09-12");
  EXPECT_EQ(d.title, "KE HOACH CAI TIEN CHAT LUONG GIAO DUC");
  EXPECT_EQ(d.school_year, "2023-2024");
  EXPECT_EQ(d.signer, "Nguyén Thi Thom");
}

// The place keeps the spelling the document uses most for the same name
// (the restorer may read the header's "Thanh Hung" differently from the
// text's "xã Thanh Hung"); a lower-case or differently folded phrase does
// not count.
TEST(PlanSchemaTest, PlaceTakesTheDocumentsMostUsedSpelling) {
  DocumentInfo d = ExtractDocumentInfo(
      "Số: 325/KH-TrTH Thanh Hùng, ngày 12 tháng 9 năm 2023\nKẾ HOẠCH\n\n"
      "Trường tiểu học xã Thanh Hưng đạt chuẩn.\nthanh hưng là lời chúc.\n"
      "Cán bộ trường xã Thanh Hưng, xã Thanh Hà.\n");
  EXPECT_EQ(d.place, "Thanh Hưng");
  DocumentInfo tie = ExtractDocumentInfo(
      "Thanh Hùng, ngày 12 tháng 9 năm 2023\nKẾ HOẠCH\n\nxã Thanh Hưng đạt chuẩn.\n");
  EXPECT_EQ(tie.place, "Thanh Hùng");
}

TEST(PlanSchemaTest, OrganizationCutAtTheMottoColumn) {
  DocumentInfo d = ExtractDocumentInfo(
      "TRƯỜNG THCS TÔ HIẾN THÀNH Độc lập - Tự do - Hạnh phúc\nKẾ HOẠCH\n");
  EXPECT_EQ(d.organization, "TRƯỜNG THCS TÔ HIẾN THÀNH");
}

TEST(PlanSchemaTest, MissingMetadataIsEmpty) {
  DocumentInfo d = ExtractDocumentInfo("không có gì\n");
  EXPECT_EQ(d.number, "");
  EXPECT_EQ(d.date, "");
  EXPECT_EQ(d.title, "");
  EXPECT_EQ(d.signer, "");
}

// A row's region is the union of its cells' boxes on each page; a row
// continued on the next page has a region there too. A generic table's
// regions cover all its cells.
TEST(PlanSchemaTest, RowsAndTablesKnowWhereTheyAre) {
  Table t = MakeTable({kPlanHeader,
                       {"", "Tiêu chí 1.1", "kq", "cv", "", "", "", "", ""},
                       {"", "", "tiếp", "", "", "", "", "", ""}});
  for (size_t r = 0; r < t.rows.size(); ++r) {
    for (size_t c = 0; c < t.rows[r].size(); ++c) {
      Cell& cell = t.rows[r][c];
      cell.page = r == 2 ? 2 : 1;
      const int top = r == 2 ? 100 : 100 + 50 * static_cast<int>(r);
      if (!cell.text.empty() || c == 0) {
        cell.box = Box{100 + 40 * static_cast<int>(c), top, 140 + 40 * static_cast<int>(c), top + 50};
      }
    }
  }
  PlanDocument doc = MapToPlan({t}, "");
  ASSERT_EQ(doc.criteria.size(), 1u);
  EXPECT_EQ(doc.criteria[0].pages, (std::vector<int>{1, 2}));
  ASSERT_EQ(doc.criteria[0].regions.size(), 2u);
  EXPECT_EQ(doc.criteria[0].regions[0].page, 1);
  const Box row1 = doc.criteria[0].regions[0].box;
  EXPECT_EQ((std::vector<int>{row1.x0, row1.y0, row1.x1, row1.y1}),
            (std::vector<int>{100, 150, 260, 200}));  // TT .. actions cells of row 1
  EXPECT_EQ(doc.criteria[0].regions[1].page, 2);
  const Box row2 = doc.criteria[0].regions[1].box;
  EXPECT_EQ((std::vector<int>{row2.x0, row2.y0, row2.x1, row2.y1}),
            (std::vector<int>{100, 100, 220, 150}));  // TT and result cells of the continuation

  Table members = MakeTable({{"TT", "Họ và tên"}, {"1", "Lê A"}});
  members.rows[0][0].page = members.rows[1][1].page = 3;
  members.rows[0][0].box = Box{10, 10, 20, 20};
  members.rows[1][1].box = Box{30, 30, 90, 40};
  PlanDocument generic = MapToPlan({members}, "");
  ASSERT_EQ(generic.tables.size(), 1u);
  ASSERT_EQ(generic.tables[0].regions.size(), 1u);
  EXPECT_EQ(generic.tables[0].regions[0].page, 3);
  EXPECT_EQ(generic.tables[0].regions[0].box.x1, 90);
  EXPECT_EQ(generic.tables[0].regions[0].box.y0, 10);
}

// "Tiêu chuẩn 3" read for 5: the criteria under it, all numbered 5.x, say
// which standard it is. Criteria that disagree among themselves leave the
// standard as read.
TEST(PlanSchemaTest, StandardNumberRepairedFromItsCriteria) {
  PlanDocument doc = MapToPlan(
      {MakeTable({kPlanHeader,
                  {"1", "Tiêu chuẩn 3: Hoạt động giáo dục và kết quả giáo dục"},
                  {"", "Tiêu chí 5.1", "kq", "", "", "", "", "", ""},
                  {"", "Tiêu chí 5.2", "kq", "", "", "", "", "", ""},
                  {"2", "Tiêu chuẩn 1: Tổ chức và quản lý nhà trường"},
                  {"", "Tiêu chí 1.1", "kq", "", "", "", "", "", ""},
                  {"", "Tiêu chí 2.1", "kq", "", "", "", "", "", ""}})},
      "");
  ASSERT_EQ(doc.criteria.size(), 4u);
  EXPECT_EQ(doc.criteria[0].standard, 5);
  EXPECT_EQ(doc.criteria[1].standard, 5);
  EXPECT_EQ(doc.criteria[2].standard, 1);
  EXPECT_EQ(doc.criteria[3].standard, 1);
  int repaired = 0, mismatches = 0;
  for (const Diagnostic& d : doc.diagnostics) {
    repaired += d.code == "standard-number-repaired";
    mismatches += d.code == "criterion-standard-mismatch";
  }
  EXPECT_EQ(repaired, 1);
  EXPECT_EQ(mismatches, 1);  // 2.1 under standard 1 stays a warning
}

// A standard row the scan lost: its criteria run on under the standard
// before; two or more at the end of the run say which standard they are.
TEST(PlanSchemaTest, CriteriaOfALostStandardRowGoToTheirStandard) {
  PlanDocument doc = MapToPlan(
      {MakeTable({kPlanHeader,
                  {"1", "Tiêu chuẩn 1: Tổ chức và quản lý nhà trường"},
                  {"", "Tiêu chí 1.1", "kq", "", "", "", "", "", ""},
                  {"", "Tiêu chí 1.2", "kq", "", "", "", "", "", ""},
                  {"", "Tiêu chí 3.1", "kq", "", "", "", "", "", ""},
                  {"", "Tiêu chí 3.3", "kq", "", "", "", "", "", ""},
                  {"4", "Tiêu chuẩn 4: Quan hệ giữa nhà trường, gia đình và xã hội"},
                  {"", "Tiêu chí 4.1", "kq", "", "", "", "", "", ""},
                  {"", "Tiêu chí 5.2", "kq", "", "", "", "", "", ""}})},
      "");
  ASSERT_EQ(doc.criteria.size(), 6u);
  EXPECT_EQ(doc.criteria[1].standard, 1);
  EXPECT_EQ(doc.criteria[1].standard_title, "Tổ chức và quản lý nhà trường");
  EXPECT_EQ(doc.criteria[2].standard, 3);
  EXPECT_EQ(doc.criteria[3].standard, 3);
  EXPECT_EQ(doc.criteria[3].standard_title, "");
  EXPECT_EQ(doc.criteria[5].standard, 4);  // one criterion: maybe a misread number
  int missing = 0, mismatches = 0;
  for (const Diagnostic& d : doc.diagnostics) {
    missing += d.code == "standard-row-missing";
    mismatches += d.code == "criterion-standard-mismatch";
  }
  EXPECT_EQ(missing, 1);
  EXPECT_EQ(mismatches, 1);  // 5.2 under standard 4
}

// A heavy scan cut criterion numbers short ("Tiêu chí 4." for 4.1,
// "Tiêu chí 5]" for 5.2): the criteria around them say which they are when
// only one number fits (plans list only some of a standard's criteria).
TEST(PlanSchemaTest, CriterionNumbersCutShortAreTakenFromTheirNeighbours) {
  PlanDocument doc = MapToPlan(
      {MakeTable({kPlanHeader,
                  {"MỨC 1, 2, 3"},
                  {"4", "Tiêu chuẩn 4: Quan hệ giữa nhà trường, gia đình và xã hội"},
                  {"", "Tiêu chí 4.", "kq", "", "", "", "", "", ""},
                  {"", "Tiêu chí 4.2", "kq", "", "", "", "", "", ""},
                  {"5", "Tiêu chuẩn 5: Hoạt động giáo dục và kết quả giáo dục"},
                  {"", "Tiêu chí 5.1", "kq", "", "", "", "", "", ""},
                  {"", "Tiêu chí 5]", "kq", "", "", "", "", "", ""},
                  {"", "Tiêu chí 5.3", "kq", "", "", "", "", "", ""},
                  {"", "Tiêu chí", "kq", "", "", "", "", "", ""},
                  {"", "Tiêu chí 5.5", "kq", "", "", "", "", "", ""},
                  {"", "Tiêu chí 5", "kq", "", "", "", "", "", ""},  // 5.6? 5.8?
                  {"3", "Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học"},
                  {"", "Tiêu chí 3l", "kq", "", "", "", "", "", ""},  // 3.1 .. 3.4
                  {"", "Tiêu chí 3.5", "kq", "", "", "", "", "", ""},
                  {"MỨC 4"},
                  {"5", "Tiêu chuẩn 5: Hoạt động giáo dục và kết quả giáo dục"},
                  {"", "Tiêu chí 1", "kq", "", "", "", "", "", ""},
                  {"", "Tiêu chí 5", "kq", "", "", "", "", "", ""}})},
      "");
  ASSERT_EQ(doc.criteria.size(), 12u);
  EXPECT_EQ(doc.criteria[0].criterion, "4.1");
  EXPECT_EQ(doc.criteria[0].criterion_label, "Tiêu chí 4.1");
  EXPECT_EQ(doc.criteria[3].criterion, "5.2");
  EXPECT_EQ(doc.criteria[3].criterion_label, "Tiêu chí 5.2");
  EXPECT_EQ(doc.criteria[5].criterion, "5.4");  // between 5.3 and 5.5
  EXPECT_EQ(doc.criteria[5].criterion_label, "Tiêu chí 5.4");
  EXPECT_EQ(doc.criteria[7].criterion, "5");
  EXPECT_EQ(doc.criteria[8].criterion, "3");
  EXPECT_EQ(doc.criteria[11].criterion, "5");  // Mức 4: numbered on their own
  int inferred = 0;
  for (const Diagnostic& d : doc.diagnostics) inferred += d.code == "criterion-number-inferred";
  EXPECT_EQ(inferred, 3);
}

// The first page's header lost the rule between "Thời gian …" and "Dự kiến
// kinh phí" (one merged cell); the header repeated on the next page, kept
// as a row of the joined table, names every column and is used.
TEST(PlanSchemaTest, ABetterReadRepeatedHeaderGivesTheColumns) {
  std::vector<std::string> merged = kHeader;
  merged[5] = "Thời gian Dự kiến thực kinh phí hiện và hoàn thành";
  merged[6] = "";
  PlanDocument doc = MapToPlan(
      {MakeTable({merged,
                  {"MỨC 1, 2, 3"},
                  {"1", "Tiêu chuẩn 1: Tổ chức và quản lý nhà trường"},
                  {"", "Tiêu chí 1.1", "kq", "gp", "HT", "Tháng 9/2023", "Không có", "", ""},
                  kHeader,
                  {"", "Tiêu chí 1.2", "kq", "gp", "HT", "Năm học 2023 – 2024", "Kinh phí chi "
                   "thường xuyên", "", ""}})},
      "");
  ASSERT_EQ(doc.criteria.size(), 2u);
  EXPECT_EQ(doc.criteria[0].timeline, "Tháng 9/2023");
  EXPECT_EQ(doc.criteria[0].budget, "Không có");
  EXPECT_EQ(doc.criteria[1].timeline, "Năm học 2023 – 2024");
  EXPECT_EQ(doc.criteria[1].budget, "Kinh phí chi thường xuyên");
}

// "Tiêu 1: …" ("chuẩn" lost) alone on its row is the standard row; with
// content cells it is a criterion that lost "chí".
TEST(PlanSchemaTest, AStandardRowThatLostChuanKeepsItsTitle) {
  PlanDocument doc = MapToPlan(
      {MakeTable({kPlanHeader,
                  {"MỨC 1, 2, 3"},
                  {"", "Tiêu 1: Tổ chức và quản lý nhà trường"},
                  {"", "Tiêu chí 1.1", "kq", "", "", "", "", "", ""},
                  {"MỨC 4"},
                  {"", "Tiêu chuẩn 2: Cán bộ quản lý, giáo viên, nhân viên và học sinh"},
                  {"", "Tiêu 1: Giáo viên cốt cán", "kq", "gp", "", "", "", "", ""}})},
      "");
  ASSERT_EQ(doc.criteria.size(), 2u);
  EXPECT_EQ(doc.criteria[0].standard, 1);
  EXPECT_EQ(doc.criteria[0].standard_title, "Tổ chức và quản lý nhà trường");
  EXPECT_EQ(doc.criteria[1].standard, 2);
  EXPECT_EQ(doc.criteria[1].criterion, "1");
  EXPECT_EQ(doc.criteria[1].expected_result, "kq");
}

// "Tiêu chuẩn Tổ chức …": the standard's number lost (a speck "So" in
// another cell); its criteria give the number, the row its title.
TEST(PlanSchemaTest, AStandardRowThatLostItsNumberKeepsItsTitle) {
  PlanDocument doc = MapToPlan(
      {MakeTable({kHeader,
                  {"MỨC 1, 2, 3"},
                  {"", "Tiêu chuẩn Tổ chức và quản lý nhà trường", "", "", "So", "", "", "", ""},
                  {"", "Tiêu chí 1.5", "kq", "gp", "", "", "", "", ""},
                  {"", "Tiêu chí 1.9", "kq", "gp", "", "", "", "", ""},
                  // A content row opening with the words is not one.
                  {"", "Tiêu chuẩn nghề nghiệp giáo viên", "kq", "gp", "Hiệu trưởng", "", "",
                   "", ""}})},
      "");
  ASSERT_EQ(doc.criteria.size(), 2u);
  EXPECT_EQ(doc.criteria[0].standard, 1);
  EXPECT_EQ(doc.criteria[0].standard_title, "Tổ chức và quản lý nhà trường");
  EXPECT_EQ(doc.criteria[1].standard_title, "Tổ chức và quản lý nhà trường");
  EXPECT_EQ(doc.criteria[1].expected_result, "kq kq");  // the last row continues 1.9
}

// The rule under a standard row lost in two columns (a heavy scan): the
// grid made the standard row's cells there span into the criterion row,
// whose own slots are covered. The text is the criterion's.
TEST(PlanSchemaTest, CellsSpanningDownFromAStandardRowAreTheCriterions) {
  Table t = MakeTable({kHeader,
                       {"MỨC 4"},
                       {"6", "Tiêu chuẩn 2: Cán bộ quản lý, giáo viên, nhân viên và học sinh", "",
                        "", "Tổng phụ trách Đội", "Năm học 2025 – 2026", "", "", ""},
                       {"", "Tiêu chí 2.3", "Tỷ lệ giáo viên", "Tổ chức sinh hoạt", "", "",
                        "Không có", "", ""},
                       {"", "Tiêu chí 2.4", "kq", "gp", "", "", "", "", ""}});
  for (int col : {4, 5}) {
    t.rows[2][col].row_span = 2;
    t.rows[3][col].row_span = 0;
  }
  PlanDocument doc = MapToPlan({t}, "");
  ASSERT_EQ(doc.criteria.size(), 2u);
  EXPECT_EQ(doc.criteria[0].standard_title, "Cán bộ quản lý, giáo viên, nhân viên và học sinh");
  EXPECT_EQ(doc.criteria[0].responsible, "Tổng phụ trách Đội");
  EXPECT_EQ(doc.criteria[0].timeline, "Năm học 2025 – 2026");
  EXPECT_EQ(doc.criteria[0].budget, "Không có");
  EXPECT_EQ(doc.criteria[1].responsible, "");  // carried to the first criterion only
  // Without a span the standard row's stray text stays out.
  Table plain = t;
  for (int col : {4, 5}) plain.rows[2][col].row_span = 1, plain.rows[3][col].row_span = 1;
  EXPECT_EQ(MapToPlan({plain}, "").criteria[0].responsible, "");
}

// Levels are cumulative: "MỨC 1, 3" lost its 2 to the OCR.
TEST(PlanSchemaTest, ALevelListWithAHoleIsFilled) {
  PlanDocument doc = MapToPlan(
      {MakeTable({kPlanHeader,
                  {"MỨC 1, 3"},
                  {"1", "Tiêu chuẩn 1: Tổ chức và quản lý nhà trường"},
                  {"", "Tiêu chí 1.1", "kq", "", "", "", "", "", ""},
                  {"MỨC 4"},
                  {"", "Tiêu chí 1", "kq", "", "", "", "", "", ""}})},
      "");
  ASSERT_EQ(doc.criteria.size(), 2u);
  EXPECT_EQ(doc.criteria[0].level, "Mức 1, 2, 3");
  EXPECT_EQ(doc.criteria[1].level, "Mức 4");
  EXPECT_TRUE(std::any_of(doc.diagnostics.begin(), doc.diagnostics.end(),
                          [](const Diagnostic& d) { return d.code == "level-repaired"; }));
}

}  // namespace
}  // namespace vnplan::table
