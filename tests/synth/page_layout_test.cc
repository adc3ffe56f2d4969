#include "synth/page_layout.h"

#include <gtest/gtest.h>
#include <poppler-document.h>
#include <poppler-page.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "synth/tcvn3.h"

namespace vnplan::synth {
namespace {

std::string TempPath(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / "vnplan_synth_test";
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

RenderedDocument Render(const std::string& md, LayoutOptions options = {}) {
  auto doc = ParseMarkdown(md);
  EXPECT_TRUE(doc.has_value());
  auto r = RenderedDocument::Create(*doc, options);
  EXPECT_TRUE(r.has_value());
  return std::move(*r);
}

std::string StripSpace(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (!std::isspace(c)) out += static_cast<char>(c);
  }
  return out;
}

std::vector<std::string> Words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> w;
  std::string t;
  while (in >> t) w.push_back(t);
  std::sort(w.begin(), w.end());
  return w;
}

// Text of every page via poppler-cpp (what pdftotext reads).
std::vector<std::string> PdfPageTexts(const std::string& path) {
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
  EXPECT_NE(doc, nullptr);
  std::vector<std::string> out;
  if (!doc) return out;
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> p(doc->create_page(i));
    auto bytes = p->text().to_utf8();
    out.emplace_back(bytes.begin(), bytes.end());
  }
  return out;
}

std::string LongTable(int rows) {
  std::string md = "| TT | Nội dung | Ghi chú |\n|---|---|---|\n";
  for (int i = 1; i <= rows; ++i) md += "| " + std::to_string(i) + " | dòng số " + std::to_string(i) + " | x |\n";
  return md;
}

TEST(PageLayoutTest, LongTablePaginatesByRowHeight) {
  const int kRows = 120;
  LayoutOptions o;
  RenderedDocument r = Render(LongTable(kRows), o);
  const Gold& g = r.gold();
  ASSERT_EQ(g.tables.size(), 1u);
  const GoldTable& t = g.tables[0];
  ASSERT_EQ(t.rows.size(), kRows + 1u);
  // Every one-line row has the same height h; a page holds
  // floor(content / h) rows, the first page also the header row.
  double h = 0;
  for (const auto& b : t.boxes) {
    if (b.row == 1) h = b.rect.y1 - b.rect.y0;
  }
  ASSERT_GT(h, 10);
  ASSERT_LT(h, 30);
  double content = r.page_height_pt() - o.margin_top_pt - o.margin_bottom_pt;
  int per_page = static_cast<int>(std::floor(content / h + 1e-6));
  int expected_pages = static_cast<int>(std::ceil((kRows + 1.0) / per_page));
  EXPECT_EQ(r.page_count(), expected_pages);
  // No box leaves the text area; each row (not split) has one box per column.
  std::map<int, int> boxes_per_row;
  for (const auto& b : t.boxes) {
    EXPECT_GE(b.rect.y0, o.margin_top_pt - 1e-6);
    EXPECT_LE(b.rect.y1, r.page_height_pt() - o.margin_bottom_pt + 1e-6);
    ++boxes_per_row[b.row];
    EXPECT_EQ(b.part, 0);
  }
  for (const auto& [row, n] : boxes_per_row) EXPECT_EQ(n, 3) << row;
  // The PDF has the same number of pages.
  std::string pdf = TempPath("long_table.pdf");
  ASSERT_TRUE(r.WritePdf(pdf).has_value());
  EXPECT_EQ(PdfPageTexts(pdf).size(), static_cast<size_t>(r.page_count()));
}

TEST(PageLayoutTest, TallRowIsSplitOverPagesButIsOneGoldRow) {
  std::string cell;
  for (int i = 1; i <= 150; ++i) cell += (i > 1 ? "<br>" : "") + std::string("dòng ") + std::to_string(i);
  LayoutOptions o;
  o.repeat_header = true;
  RenderedDocument r = Render("| A | B |\n|---|---|\n| x | " + cell + " |\n| y | z |\n", o);
  const GoldTable& t = r.gold().tables.at(0);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[1].cells[1].rfind("dòng 1\ndòng 2\n", 0), 0u);
  // 150 lines of ~15 pt at 728 pt per page: at least 3 pages.
  EXPECT_GE(r.page_count(), 3);
  std::vector<int> parts_pages;
  int repeated = 0;
  for (const auto& b : t.boxes) {
    if (b.row == 1 && b.col == 1) parts_pages.push_back(b.page);
    if (b.repeated_header) ++repeated;
  }
  ASSERT_EQ(parts_pages.size(), static_cast<size_t>(r.page_count()));
  for (size_t i = 0; i < parts_pages.size(); ++i) EXPECT_EQ(parts_pages[i], static_cast<int>(i) + 1);
  EXPECT_EQ(repeated, 2 * (r.page_count() - 1));  // 2 header cells per later page
  // The pieces' text, page by page, is the whole cell in order.
  std::string all;
  for (const auto& p : r.gold().pages) all += PageText(p) + "\n";
  EXPECT_NE(all.find("dòng 149\ndòng 150"), std::string::npos);
  EXPECT_EQ(all.find("dòng 151"), std::string::npos);
}

TEST(PageLayoutTest, GoldCellBoxesContainInkAndEmptyCellsDoNot) {
  RenderedDocument r = Render(
      "<!-- widths: 1 4 3 -->\n| TT | Tiêu chí | Ghi chú |\n|---|---|---|\n|| **MỨC 1, 2, 3** ||\n"
      "| 1 | Tiêu chí 1.5: Hồ sơ quản lý được cập nhật đầy đủ | |\n| | | Duy trì |\n");
  const int dpi = 100;
  auto img = r.RenderPage(0, dpi);
  ASSERT_TRUE(img.has_value());
  int with_text = 0, empty = 0;
  for (const auto& b : r.gold().tables.at(0).boxes) {
    double s = dpi / 72.0;
    int x0 = static_cast<int>(b.rect.x0 * s) + 3, x1 = static_cast<int>(b.rect.x1 * s) - 3;
    int y0 = static_cast<int>(b.rect.y0 * s) + 3, y1 = static_cast<int>(b.rect.y1 * s) - 3;
    int ink = 0;
    for (int y = y0; y < y1; ++y) {
      for (int x = x0; x < x1; ++x) ink += img->at(x, y) < 128;
    }
    if (b.has_text) {
      ++with_text;
      EXPECT_GT(ink, 10) << "row " << b.row << " col " << b.col;
    } else {
      ++empty;
      EXPECT_EQ(ink, 0) << "row " << b.row << " col " << b.col;
    }
  }
  EXPECT_EQ(with_text, 3 + 1 + 2 + 1);
  EXPECT_EQ(empty, 1 + 2);
}

TEST(PageLayoutTest, GoldLineBoxesHoldTheInkOfThePage) {
  RenderedDocument r = Render(
      "# KẾ HOẠCH\n\nNhà trường xây dựng kế hoạch cải tiến chất lượng giáo dục, phân công rõ người "
      "thực hiện, thời gian hoàn thành và nguồn lực cần thiết cho từng nội dung.\n\n"
      "| TT | Nội dung |\n|---|---|\n| 1 | Tiêu chí 1.5 |\n");
  const int dpi = 100;
  auto img = r.RenderPage(0, dpi);
  ASSERT_TRUE(img.has_value());
  const GoldPage& page = r.gold().pages[0];
  ASSERT_EQ(page.lines.size(), page.line_boxes.size());
  ASSERT_GE(page.lines.size(), 6u);
  std::vector<uint8_t> covered(img->pixels.size(), 0);
  double s = dpi / 72.0;
  for (const PtRect& b : page.line_boxes) {
    int ink = 0;
    for (int y = static_cast<int>(b.y0 * s); y < static_cast<int>(std::ceil(b.y1 * s)); ++y) {
      for (int x = static_cast<int>(b.x0 * s) - 1; x < static_cast<int>(std::ceil(b.x1 * s)) + 1; ++x) {
        covered[static_cast<size_t>(y) * img->width + x] = 1;
        ink += img->at(x, y) < 128;
      }
    }
    EXPECT_GT(ink, 5);  // the lone "1" of the TT cell is ~17 px at 100 dpi
  }
  // Every text pixel away from the table rules lies in some line box.
  const GoldTable& t = r.gold().tables.at(0);
  auto near_rule = [&](int x, int y) {
    for (const auto& c : t.boxes) {
      double xs[2] = {c.rect.x0 * s, c.rect.x1 * s}, ys[2] = {c.rect.y0 * s, c.rect.y1 * s};
      bool in_x = x >= xs[0] - 3 && x <= xs[1] + 3, in_y = y >= ys[0] - 3 && y <= ys[1] + 3;
      if ((in_y && (std::abs(x - xs[0]) < 3 || std::abs(x - xs[1]) < 3)) ||
          (in_x && (std::abs(y - ys[0]) < 3 || std::abs(y - ys[1]) < 3))) {
        return true;
      }
    }
    return false;
  };
  int stray = 0;
  for (int y = 0; y < img->height; ++y) {
    for (int x = 0; x < img->width; ++x) {
      if (img->at(x, y) < 128 && !covered[static_cast<size_t>(y) * img->width + x] && !near_rule(x, y)) ++stray;
    }
  }
  EXPECT_EQ(stray, 0);
}

TEST(PageLayoutTest, PdfTextLayerMatchesGold) {
  std::string md =
      "# KẾ HOẠCH\n\nCải tiến chất lượng giáo dục năm học 2024 – 2025, phát huy điểm mạnh, "
      "khắc phục điểm yếu, từng bước nâng cao chất lượng giáo dục của nhà trường.\n\n"
      "## I. MỤC ĐÍCH\n\n1. Kế hoạch phải cụ thể, khả thi.\n";
  RenderedDocument r = Render(md);
  std::string pdf = TempPath("text.pdf");
  ASSERT_TRUE(r.WritePdf(pdf).has_value());
  auto texts = PdfPageTexts(pdf);
  ASSERT_EQ(texts.size(), 1u);
  EXPECT_EQ(StripSpace(texts[0]), StripSpace(PageText(r.gold().pages[0])));
  EXPECT_NE(PageText(r.gold().pages[0]).find("KẾ HOẠCH"), std::string::npos);

  // With a table the extraction order is poppler's, so compare words.
  RenderedDocument t = Render("Đoạn mở đầu.\n\n" + LongTable(30), {.landscape = true});
  ASSERT_TRUE(t.WritePdf(pdf).has_value());
  texts = PdfPageTexts(pdf);
  ASSERT_EQ(texts.size(), static_cast<size_t>(t.page_count()));
  for (int i = 0; i < t.page_count(); ++i) {
    EXPECT_EQ(Words(texts[i]), Words(PageText(t.gold().pages[i]))) << "page " << i + 1;
  }
}

TEST(PageLayoutTest, LegacyTcvn3TextLayerDecodesBackToGold) {
  std::string md = "# KẾ HOẠCH\n\nKế hoạch cải tiến chất lượng giáo dục của trường Tiểu học Đinh Bộ Lĩnh.\n";
  LayoutOptions o;
  o.legacy_tcvn3 = true;
  RenderedDocument r = Render(md, o);
  std::string pdf = TempPath("legacy.pdf");
  ASSERT_TRUE(r.WritePdf(pdf).has_value());
  auto texts = PdfPageTexts(pdf);
  ASSERT_EQ(texts.size(), 1u);
  std::string gold = PageText(r.gold().pages[0]);
  EXPECT_NE(gold.find("Kế hoạch cải tiến"), std::string::npos);  // gold stays Unicode
  EXPECT_EQ(texts[0].find("Kế hoạch"), std::string::npos);
  EXPECT_NE(texts[0].find("KÕ ho¹ch c¶i tiÕn"), std::string::npos);
  std::string decoded = Tcvn3DecodeViewed(texts[0]);
  EXPECT_EQ(StripSpace(decoded), StripSpace(Tcvn3RoundTrip(gold)));
}

TEST(PageLayoutTest, PdfIsByteIdenticalFromRunToRun) {
  RenderedDocument r = Render("# KẾ HOẠCH\n\n" + LongTable(10));
  std::string a = TempPath("same_a.pdf"), b = TempPath("same_b.pdf");
  ASSERT_TRUE(r.WritePdf(a).has_value());
  RenderedDocument r2 = Render("# KẾ HOẠCH\n\n" + LongTable(10));
  ASSERT_TRUE(r2.WritePdf(b).has_value());
  auto slurp = [](const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  EXPECT_EQ(slurp(a), slurp(b));
}

TEST(PageLayoutTest, RejectsMissingFontFamily) {
  auto doc = ParseMarkdown("abc\n");
  auto r = RenderedDocument::Create(*doc, {.font_family = "No Such Font Family 123"});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kDependency);
  EXPECT_TRUE(RenderedDocument::Create(*doc, {.font_family = "DejaVu Serif"}).has_value());
}

TEST(PageLayoutTest, PageImageSizeFollowsDpiAndOrientation) {
  RenderedDocument r = Render("abc\n", {.landscape = true});
  auto img = r.RenderPage(0, 72);
  ASSERT_TRUE(img.has_value());
  EXPECT_EQ(img->width, 842);
  EXPECT_EQ(img->height, 596);
  EXPECT_FALSE(r.RenderPage(1, 72).has_value());
  EXPECT_FALSE(r.RenderPage(0, 5).has_value());
}

}  // namespace
}  // namespace vnplan::synth
