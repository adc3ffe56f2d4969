#include "table/printed_width.h"

namespace vnplan::table {

double WordWidth(std::string_view word) {
  // Advance widths /1000 em of ' '..'~' in Times New Roman.
  static constexpr int kAdvance[95] = {
      250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,  // ' '../
      500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,  // 0..?
      921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,  // @..O
      556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,  // P.._
      333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,  // `..o
      500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541};      // p..~
  double width = 0.0;
  for (size_t i = 0; i < word.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(word[i]);
    if (c >= 0x20 && c < 0x7F) {
      width += kAdvance[c - 0x20] / 460.0;
    } else if ((c & 0xC0) != 0x80) {
      width += 1.0;
    }
  }
  return width;
}

}  // namespace vnplan::table
