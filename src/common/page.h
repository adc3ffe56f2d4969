// The page model every stage exchanges: recognised words with boxes and
// confidences, grouped into lines and blocks. Produced by ocr/ (from images)
// and ingest/ (from a PDF text layer); consumed by text/, table/, output/.
// Coordinates are pixels of the page image at `dpi` (PDF points * dpi / 72
// for text layers); origin top-left; boxes are half-open [x0,x1) x [y0,y1).
#ifndef VNPLAN_COMMON_PAGE_H_
#define VNPLAN_COMMON_PAGE_H_

#include <string>
#include <vector>

namespace vnplan {

struct Box {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  int width() const { return x1 - x0; }
  int height() const { return y1 - y0; }
  bool empty() const { return x1 <= x0 || y1 <= y0; }
};

struct Word {
  std::string text;         // UTF-8 as recognised (before restoration)
  Box box;
  float confidence = 0.0f;  // 0..100, Tesseract's scale
  std::string font;         // PDF text layer only: the font name
};

struct Line {
  std::vector<Word> words;
  Box box;
};

struct Block {
  std::vector<Line> lines;
  Box box;
};

struct Page {
  int number = 0;  // 1-based
  int width = 0;   // pixels
  int height = 0;
  int dpi = 0;
  std::vector<Block> blocks;
  float mean_confidence = 0.0f;  // word-weighted, 0..100
};

// Joins the page's words into plain text: words by spaces, lines by '\n',
// blocks by a blank line.
std::string PageText(const Page& page);

}  // namespace vnplan

#endif  // VNPLAN_COMMON_PAGE_H_
