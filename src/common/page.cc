#include "common/page.h"

namespace vnplan {

std::string PageText(const Page& page) {
  std::string out;
  for (size_t b = 0; b < page.blocks.size(); ++b) {
    if (b > 0) out += "\n";
    for (const Line& line : page.blocks[b].lines) {
      for (size_t w = 0; w < line.words.size(); ++w) {
        if (w > 0) out += ' ';
        out += line.words[w].text;
      }
      out += '\n';
    }
  }
  return out;
}

}  // namespace vnplan
