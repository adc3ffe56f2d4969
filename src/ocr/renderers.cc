// Text, hOCR and searchable-PDF writers. The PDF writer follows the layout
// of Tesseract's TessPDFRenderer (a Type0 font over the glyph-less TrueType
// font, Identity-H with CIDs = UTF-16 code units, an identity ToUnicode
// CMap) but works from stored results, so pages OCRed in parallel can be
// assembled afterwards.
#include "ocr/renderers.h"

#include <zlib.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <system_error>
#include <vector>

#include "common/utf8.h"
#include "ingest/leptonica_adapter.h"

namespace vnplan::ocr {
namespace {

Status WriteFileAtomically(const std::filesystem::path& path, const std::string& bytes) {
  std::filesystem::path tmp = path;
  tmp += ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return MakeError(ErrorCode::kIo, "cannot write " + path.string());
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      return MakeError(ErrorCode::kIo, "cannot write " + path.string());
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return MakeError(ErrorCode::kIo, "cannot write " + path.string() + ": " + ec.message());
  }
  return {};
}

std::string XmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

// The glyph-less font shipped with Tesseract (tessdata/pdf.ttf).
std::string LoadGlyphlessFont() {
  std::vector<std::filesystem::path> dirs;
  if (const char* prefix = std::getenv("TESSDATA_PREFIX")) {
    dirs.emplace_back(prefix);
    dirs.emplace_back(std::filesystem::path(prefix) / "tessdata");
  }
  for (const char* d : {"/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                        "/usr/local/share/tessdata", "/usr/share/tessdata"}) {
    dirs.emplace_back(d);
  }
  for (const auto& dir : dirs) {
    std::ifstream in(dir / "pdf.ttf", std::ios::binary);
    if (in) return std::string((std::istreambuf_iterator<char>(in)), {});
  }
  return {};
}

Result<std::string> Deflate(const std::string& data) {
  uLongf size = compressBound(data.size());
  std::string out(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &size,
                reinterpret_cast<const Bytef*>(data.data()), data.size(), 9) != Z_OK) {
    return MakeError(ErrorCode::kInternal, "zlib compression failed");
  }
  out.resize(size);
  return out;
}

// UTF-16BE hex of `text` for a TJ string (CIDs = UTF-16 code units).
std::string Utf16Hex(const std::string& text, int* units) {
  std::string hex;
  *units = 0;
  char buf[8];
  for (char32_t c : Utf8ToU32(text)) {
    if (c >= 0x10000) {
      const char32_t v = c - 0x10000;
      std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(0xD800 + (v >> 10)));
      hex += buf;
      std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(0xDC00 + (v & 0x3FF)));
      hex += buf;
      *units += 2;
    } else {
      std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(c));
      hex += buf;
      *units += 1;
    }
  }
  return hex;
}

class PdfBuilder {
 public:
  PdfBuilder() { out_ = "%PDF-1.5\n%\xE2\xE3\xCF\xD3\n"; }

  int Reserve() {
    offsets_.push_back(0);
    return static_cast<int>(offsets_.size());
  }
  void Object(int id, const std::string& body) {
    offsets_[id - 1] = out_.size();
    out_ += std::to_string(id) + " 0 obj\n" + body + "\nendobj\n";
  }
  void Stream(int id, const std::string& dict_entries, const std::string& data) {
    offsets_[id - 1] = out_.size();
    out_ += std::to_string(id) + " 0 obj\n<< " + dict_entries + " /Length " +
            std::to_string(data.size()) + " >>\nstream\n";
    out_ += data;
    out_ += "\nendstream\nendobj\n";
  }
  std::string Finish(int root, int info) {
    const size_t xref = out_.size();
    out_ += "xref\n0 " + std::to_string(offsets_.size() + 1) + "\n0000000000 65535 f \n";
    char row[32];
    for (size_t off : offsets_) {
      std::snprintf(row, sizeof row, "%010zu 00000 n \n", off);
      out_ += row;
    }
    out_ += "trailer\n<< /Size " + std::to_string(offsets_.size() + 1) + " /Root " +
            std::to_string(root) + " 0 R /Info " + std::to_string(info) + " 0 R >>\nstartxref\n" +
            std::to_string(xref) + "\n%%EOF\n";
    return std::move(out_);
  }

 private:
  std::string out_;
  std::vector<size_t> offsets_;
};

const char kToUnicode[] =
    "/CIDInit /ProcSet findresource begin\n"
    "12 dict begin\n"
    "begincmap\n"
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
    "/CMapName /Adobe-Identify-UCS def\n"
    "/CMapType 2 def\n"
    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
    "1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\n"
    "endcmap\n"
    "CMapName currentdict /CMap defineresource pop\n"
    "end\nend\n";

// Content stream for the invisible words of one page.
std::string TextLayer(const Page& page, double k, double page_h) {
  std::string s = "BT\n3 Tr\n";
  for (const Block& block : page.blocks) {
    for (const Line& line : block.lines) {
      const double font_size = std::max(1.0, line.box.height() * k);
      s += "/f-0-0 " + Num(font_size) + " Tf\n";
      for (size_t i = 0; i < line.words.size(); ++i) {
        const Word& w = line.words[i];
        const bool last = i + 1 == line.words.size();
        int units = 0;
        const std::string hex = Utf16Hex(last ? w.text : w.text + " ", &units);
        if (units == 0) continue;
        // Stretch the glyphs (500/1000 em each) over the word and the gap
        // up to the next word, so selections look right.
        const int right = last ? w.box.x1 : std::max(w.box.x1, line.words[i + 1].box.x0);
        const double width = std::max(1, right - w.box.x0) * k;
        const double tz = 100.0 * width / (units * 0.5 * font_size);
        s += Num(tz) + " Tz 1 0 0 1 " + Num(w.box.x0 * k) + " " + Num(page_h - w.box.y1 * k) +
             " Tm [<" + hex + ">] TJ\n";
      }
    }
  }
  s += "ET\n";
  return s;
}

// "%g" of a value rounded to 3 decimals, as Tesseract's hOCR prints them.
std::string HocrNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", std::round(v * 1000.0) / 1000.0 + 0.0);
  return buf;
}

std::string LineMetricsTitle(const LineMetrics& m) {
  return "; baseline " + HocrNumber(m.baseline_slope) + " " + HocrNumber(m.baseline_offset) +
         "; x_size " + HocrNumber(m.x_size) + "; x_descenders " + HocrNumber(m.x_descenders) +
         "; x_ascenders " + HocrNumber(m.x_ascenders);
}

}  // namespace

std::string DocumentText(const OcrDocument& doc) {
  std::string out;
  for (size_t i = 0; i < doc.pages.size(); ++i) {
    if (i > 0) out += "\f\n";
    out += PageText(doc.pages[i].page);
  }
  return out;
}

std::string PageHocr(const Page& page, const std::vector<LineMetrics>& line_metrics) {
  size_t line_count = 0;
  for (const Block& block : page.blocks) line_count += block.lines.size();
  const bool with_metrics = line_metrics.size() == line_count;
  auto bbox = [](const Box& b) {
    return "bbox " + std::to_string(b.x0) + " " + std::to_string(b.y0) + " " +
           std::to_string(b.x1) + " " + std::to_string(b.y1);
  };
  const std::string n = std::to_string(page.number);
  std::string out = "  <div class='ocr_page' id='page_" + n + "' title='image \"\"; " +
                    bbox(Box{0, 0, page.width, page.height}) + "; ppageno " +
                    std::to_string(page.number - 1) + "; scan_res " + std::to_string(page.dpi) +
                    " " + std::to_string(page.dpi) + "'>\n";
  int block_id = 0, line_id = 0, word_id = 0;
  for (const Block& block : page.blocks) {
    out += "   <div class='ocr_carea' id='block_" + n + "_" + std::to_string(++block_id) +
           "' title='" + bbox(block.box) + "'>\n";
    for (const Line& line : block.lines) {
      const std::string metrics =
          with_metrics ? LineMetricsTitle(line_metrics[line_id]) : std::string();
      out += "    <span class='ocr_line' id='line_" + n + "_" + std::to_string(++line_id) +
             "' title='" + bbox(line.box) + metrics + "'>";
      for (const Word& word : line.words) {
        out += "\n     <span class='ocrx_word' id='word_" + n + "_" + std::to_string(++word_id) +
               "' title='" + bbox(word.box) + "; x_wconf " +
               std::to_string(static_cast<int>(word.confidence + 0.5f)) + "'>" +
               XmlEscape(word.text) + "</span>";
      }
      out += "\n    </span>\n";
    }
    out += "   </div>\n";
  }
  out += "  </div>\n";
  return out;
}

std::string DocumentHocr(const OcrDocument& doc) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\"\n"
      "    \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
      "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"vi\" lang=\"vi\">\n"
      " <head>\n"
      "  <title>" +
      XmlEscape(doc.source.filename().string()) +
      "</title>\n"
      "  <meta http-equiv=\"Content-Type\" content=\"text/html;charset=utf-8\"/>\n"
      "  <meta name=\"ocr-system\" content=\"vnplan (tesseract)\"/>\n"
      "  <meta name=\"ocr-capabilities\" content=\"ocr_page ocr_carea ocr_par ocr_line "
      "ocrx_word ocrp_wconf\"/>\n"
      " </head>\n"
      " <body>\n";
  for (const OcrPage& page : doc.pages) out += PageHocr(page.page, page.line_metrics);
  out += " </body>\n</html>\n";
  return out;
}

Result<std::string> SearchablePdf(const OcrDocument& doc) {
  PdfBuilder pdf;
  const int catalog = pdf.Reserve();
  const int pages_id = pdf.Reserve();
  const int info = pdf.Reserve();
  const int type0 = pdf.Reserve();
  const int cidfont = pdf.Reserve();
  const int cidtogid = pdf.Reserve();
  const int tounicode = pdf.Reserve();
  const int descriptor = pdf.Reserve();
  const std::string ttf = LoadGlyphlessFont();
  const int fontfile = ttf.empty() ? 0 : pdf.Reserve();

  pdf.Object(catalog, "<< /Type /Catalog /Pages " + std::to_string(pages_id) + " 0 R >>");
  pdf.Object(info, "<< /Producer (vnplan) /Creator (vnplan ocr) >>");
  pdf.Object(type0, "<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding "
                    "/Identity-H /DescendantFonts [" + std::to_string(cidfont) +
                        " 0 R] /ToUnicode " + std::to_string(tounicode) + " 0 R >>");
  pdf.Object(cidfont,
             "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont /CIDToGIDMap " +
                 std::to_string(cidtogid) +
                 " 0 R /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                 "/FontDescriptor " + std::to_string(descriptor) + " 0 R /DW 500 >>");
  std::string gidmap;
  gidmap.reserve(2 * 65536);
  for (int i = 0; i < 65536; ++i) {
    gidmap += '\0';
    gidmap += '\1';
  }
  auto packed = Deflate(gidmap);
  if (!packed) return std::unexpected(packed.error());
  pdf.Stream(cidtogid, "/Filter /FlateDecode", *packed);
  pdf.Stream(tounicode, "", kToUnicode);
  pdf.Object(descriptor,
             "<< /Type /FontDescriptor /FontName /GlyphLessFont /Flags 5 /FontBBox [0 0 500 1000] "
             "/ItalicAngle 0 /Ascent 1000 /Descent -1 /CapHeight 1000 /StemV 80" +
                 (fontfile ? " /FontFile2 " + std::to_string(fontfile) + " 0 R" : std::string()) +
                 " >>");
  if (fontfile) pdf.Stream(fontfile, "/Length1 " + std::to_string(ttf.size()), ttf);

  std::string kids;
  for (const OcrPage& p : doc.pages) {
    std::string jpeg = p.image_jpeg;
    int w = p.image.width, h = p.image.height;
    if (w <= 0 || h <= 0) {
      w = p.page.width;
      h = p.page.height;
    }
    if (jpeg.empty() && !p.image.empty()) {
      lept::PixPtr pix = lept::PixFromGray(p.image);
      auto encoded = lept::EncodeJpeg(pix.get(), 60);
      if (!encoded) return std::unexpected(encoded.error());
      jpeg = std::move(*encoded);
    }
    if (w <= 0 || h <= 0) return MakeError(ErrorCode::kInvalidArgument, "page without size");
    const int dpi = p.page.dpi > 0 ? p.page.dpi : (p.image.dpi > 0 ? p.image.dpi : 300);
    const double k = 72.0 / dpi;
    const double pw = w * k, ph = h * k;
    const int page_id = pdf.Reserve();
    const int content_id = pdf.Reserve();
    const int image_id = jpeg.empty() ? 0 : pdf.Reserve();
    kids += std::to_string(page_id) + " 0 R ";
    std::string content;
    if (image_id) content = "q\n" + Num(pw) + " 0 0 " + Num(ph) + " 0 0 cm\n/Im1 Do\nQ\n";
    content += TextLayer(p.page, k, ph);
    auto zcontent = Deflate(content);
    if (!zcontent) return std::unexpected(zcontent.error());
    pdf.Object(page_id,
               "<< /Type /Page /Parent " + std::to_string(pages_id) + " 0 R /MediaBox [0 0 " +
                   Num(pw) + " " + Num(ph) + "] /Contents " + std::to_string(content_id) +
                   " 0 R /Resources << /Font << /f-0-0 " + std::to_string(type0) + " 0 R >>" +
                   (image_id ? " /XObject << /Im1 " + std::to_string(image_id) + " 0 R >>"
                             : std::string()) +
                   " >> >>");
    pdf.Stream(content_id, "/Filter /FlateDecode", *zcontent);
    if (image_id) {
      pdf.Stream(image_id,
                 "/Type /XObject /Subtype /Image /Width " + std::to_string(w) + " /Height " +
                     std::to_string(h) +
                     " /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode",
                 jpeg);
    }
  }
  pdf.Object(pages_id, "<< /Type /Pages /Kids [" + kids + "] /Count " +
                           std::to_string(doc.pages.size()) + " >>");
  return pdf.Finish(catalog, info);
}

Status WriteText(const OcrDocument& doc, const std::filesystem::path& path) {
  return WriteFileAtomically(path, DocumentText(doc));
}

Status WriteHocr(const OcrDocument& doc, const std::filesystem::path& path) {
  return WriteFileAtomically(path, DocumentHocr(doc));
}

Status WriteSearchablePdf(const OcrDocument& doc, const std::filesystem::path& path) {
  auto bytes = SearchablePdf(doc);
  if (!bytes) return std::unexpected(bytes.error());
  return WriteFileAtomically(path, *bytes);
}

}  // namespace vnplan::ocr
