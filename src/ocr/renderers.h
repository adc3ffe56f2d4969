// Writers for OCR results: plain text, hOCR and a searchable PDF (the
// cleaned page image with an invisible, extractable text layer placed over
// each recognised word). Input: an OcrDocument (ocr/ocr_document.h);
// output: bytes in memory or a file (written to a temporary name and
// renamed, so a failed write never leaves a partial file).
#ifndef VNPLAN_OCR_RENDERERS_H_
#define VNPLAN_OCR_RENDERERS_H_

#include <filesystem>
#include <string>
#include <vector>

#include "common/error.h"
#include "ocr/ocr_document.h"

namespace vnplan::ocr {

// PageText of every page; pages separated by a form feed ('\f') line, as
// Tesseract's text output does.
std::string DocumentText(const OcrDocument& doc);

// The hOCR <div class='ocr_page'> of one page: ocr_carea per block,
// ocr_line per line, ocrx_word per word with bbox and x_wconf. When
// `line_metrics` has one entry per line (OcrPage::line_metrics), each
// ocr_line title also carries baseline, x_size, x_descenders and
// x_ascenders, as Tesseract's hOCR does.
std::string PageHocr(const Page& page, const std::vector<LineMetrics>& line_metrics = {});

// One XHTML hOCR document holding every page's PageHocr.
std::string DocumentHocr(const OcrDocument& doc);

// A PDF with one page per OcrPage: the page's image_jpeg (or, if empty, its
// `image`) as background and the words in an invisible text layer (text
// render mode 3, Tesseract's GlyphLessFont when pdf.ttf is found in the
// tessdata directory). Page size = image size at Page::dpi.
Result<std::string> SearchablePdf(const OcrDocument& doc);

// File versions of the above. kIo when the file cannot be written.
Status WriteText(const OcrDocument& doc, const std::filesystem::path& path);
Status WriteHocr(const OcrDocument& doc, const std::filesystem::path& path);
Status WriteSearchablePdf(const OcrDocument& doc, const std::filesystem::path& path);

}  // namespace vnplan::ocr

#endif  // VNPLAN_OCR_RENDERERS_H_
