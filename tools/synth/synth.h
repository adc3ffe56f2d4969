// Public entry point of vnplan_synth, the synthetic-scan generator used for
// tests, benchmarks and samples. Include this one header; it pulls in:
//   markdown_doc.h   Markdown subset -> Document
//   page_layout.h    Document -> laid-out pages: PDF, page images, Gold
//   gold.h           gold text/tables and their JSON/plain-text forms
//   degrade.h        clean page image -> simulated scan, gray or colour
//                    (color_image.h), + the clean->scan box transform
//   scan_pdf.h       page images -> image-only PDF; PNG writing
//   render_job.h     one document -> all output files (PDF, PNGs, scans, gold)
//   tcvn3.h          TCVN3 (.VnTime) helpers for the legacy text-layer mode
//   line_renderer.h  one text line -> small image (lines mode)
//   plan_generator.h random plan document (Markdown) + gold criteria
// Typical use:
//   auto doc = synth::ParseMarkdown(markdown);
//   auto r = synth::RenderedDocument::Create(*doc, {.landscape = true});
//   r->WritePdf("plan.pdf");
//   auto png = r->RenderPage(0, 300);
//   auto scan = synth::Degrade(*png, *synth::DegradePreset("medium"), 0);
//   std::string json = synth::GoldToJson(r->gold(), 300, {scan->transform});
#ifndef VNPLAN_TOOLS_SYNTH_SYNTH_H_
#define VNPLAN_TOOLS_SYNTH_SYNTH_H_

#include "synth/color_image.h"
#include "synth/degrade.h"
#include "synth/gold.h"
#include "synth/line_renderer.h"
#include "synth/markdown_doc.h"
#include "synth/page_layout.h"
#include "synth/plan_generator.h"
#include "synth/render_job.h"
#include "synth/scan_pdf.h"
#include "synth/tcvn3.h"

#endif  // VNPLAN_TOOLS_SYNTH_SYNTH_H_
