#include "synth/render_job.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

namespace vnplan::synth {
namespace {

TEST(RenderJobTest, WritesEveryRequestedFile) {
  auto dir = std::filesystem::temp_directory_path() / "vnplan_synth_job_test";
  std::filesystem::remove_all(dir);
  std::string md = "# KẾ HOẠCH\n\n| TT | Nội dung |\n|---|---|\n";
  for (int i = 0; i < 70; ++i) md += "| " + std::to_string(i) + " | Tiêu chí " + std::to_string(i) + " |\n";
  auto doc = ParseMarkdown(md);
  auto r = RenderedDocument::Create(*doc, {});
  ASSERT_TRUE(r.has_value());
  ASSERT_GE(r->page_count(), 2);
  RenderJob job;
  job.dpi = 72;
  job.pdf = (dir / "a" / "doc.pdf").string();
  job.png_dir = (dir / "png").string();
  job.degrade = *DegradePreset("light");
  job.scan_dir = (dir / "scan").string();
  job.scan_pdf = (dir / "scan.pdf").string();
  job.gold_json = (dir / "gold.json").string();
  job.gold_text = (dir / "gold.txt").string();
  auto summary = RunRenderJob(*r, job);
  ASSERT_TRUE(summary.has_value()) << summary.error().message;
  EXPECT_EQ(summary->pages, r->page_count());
  EXPECT_EQ(summary->transforms.size(), static_cast<size_t>(r->page_count()));
  for (const char* f : {"a/doc.pdf", "png/page-001.png", "png/page-002.png", "scan/page-001-scan.png",
                        "scan.pdf", "gold.txt"}) {
    EXPECT_TRUE(std::filesystem::exists(dir / f)) << f;
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "png" / "page-001-scan.png"));
  std::ifstream in(dir / "gold.json");
  auto j = nlohmann::json::parse(in);
  ASSERT_EQ(j["pages"].size(), static_cast<size_t>(r->page_count()));
  EXPECT_EQ(j["dpi"], 72);
  EXPECT_TRUE(j["pages"][0].contains("degraded"));
  EXPECT_EQ(j["tables"][0]["rows"].size(), 71u);
  EXPECT_TRUE(j["tables"][0]["cells"][0].contains("degraded_box"));
  EXPECT_EQ(j["pages"][0]["lines"][0]["text"], "KẾ HOẠCH");
  // The JSON boxes are the public conversions of the gold rectangles.
  const GoldCellBox& c = r->gold().tables[0].boxes[0];
  Box px = PtRectToPixels(c.rect, 72);
  Box deg = PtRectToDegradedPixels(c.rect, 72, summary->transforms[0]);
  EXPECT_EQ(j["tables"][0]["cells"][0]["box"], (std::vector<int>{px.x0, px.y0, px.x1, px.y1}));
  EXPECT_EQ(j["tables"][0]["cells"][0]["degraded_box"],
            (std::vector<int>{deg.x0, deg.y0, deg.x1, deg.y1}));
  // At 72 dpi a point is a pixel.
  EXPECT_EQ(px.x0, static_cast<int>(std::floor(c.rect.x0)));
}

TEST(RenderJobTest, ScanPdfNeedsDegradation) {
  auto doc = ParseMarkdown("abc\n");
  auto r = RenderedDocument::Create(*doc, {});
  RenderJob job;
  job.scan_pdf = (std::filesystem::temp_directory_path() / "vnplan_synth_job_test.pdf").string();
  EXPECT_FALSE(RunRenderJob(*r, job).has_value());
}

}  // namespace
}  // namespace vnplan::synth
