// Groups PDF text-layer words into lines and blocks by position.
#include <algorithm>
#include <vector>

#include "ingest/page_source.h"

namespace vnplan::ingest {
namespace {

void Extend(Box* box, const Box& other) {
  if (box->empty()) {
    *box = other;
    return;
  }
  box->x0 = std::min(box->x0, other.x0);
  box->y0 = std::min(box->y0, other.y0);
  box->x1 = std::max(box->x1, other.x1);
  box->y1 = std::max(box->y1, other.y1);
}

// True when `word` continues `line`: it overlaps the line vertically by at
// least half of the smaller height and does not jump back to the left.
bool ContinuesLine(const Line& line, const Word& word) {
  const Box& l = line.box;
  const Box& w = word.box;
  const int overlap = std::min(l.y1, w.y1) - std::max(l.y0, w.y0);
  const int min_h = std::max(1, std::min(l.height(), w.height()));
  const Box& last = line.words.back().box;
  return overlap * 2 >= min_h && w.x0 >= last.x0;
}

}  // namespace

std::vector<Block> GroupWordsIntoBlocks(const std::vector<Word>& words) {
  std::vector<Line> lines;
  for (const Word& word : words) {
    if (lines.empty() || !ContinuesLine(lines.back(), word)) lines.emplace_back();
    lines.back().words.push_back(word);
    Extend(&lines.back().box, word.box);
  }
  // A new block starts where the vertical gap exceeds the line height or the
  // text moves back above the previous line (a new column).
  std::vector<Block> blocks;
  for (Line& line : lines) {
    bool new_block = blocks.empty();
    if (!new_block) {
      const Box& prev = blocks.back().lines.back().box;
      const int gap = line.box.y0 - prev.y1;
      new_block = gap > std::max(prev.height(), line.box.height()) || line.box.y1 <= prev.y0;
    }
    if (new_block) blocks.emplace_back();
    Extend(&blocks.back().box, line.box);
    blocks.back().lines.push_back(std::move(line));
  }
  return blocks;
}

}  // namespace vnplan::ingest
