#include "bench_score.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "table/fuzzy.h"

namespace vnplan::layout_bench {
namespace {

std::vector<std::string> FoldedWords(const std::string& s) {
  std::vector<std::string> w;
  std::istringstream in(table::Fold(s));
  for (std::string t; in >> t;) w.push_back(t);
  return w;
}

bool IsPrefix(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return a.size() <= b.size() && std::equal(a.begin(), a.end(), b.begin());
}
bool IsSuffix(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return a.size() <= b.size() && std::equal(a.rbegin(), a.rend(), b.rbegin());
}

// Flags the words of `a` and `b` that a longest common subsequence pairs.
void Align(const std::vector<std::string>& a, const std::vector<std::string>& b,
           std::vector<bool>* in_a, std::vector<bool>* in_b) {
  size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  in_a->assign(n, false);
  in_b->assign(m, false);
  for (size_t i = 0, j = 0; i < n && j < m;) {
    if (a[i] == b[j]) {
      (*in_a)[i++] = true;
      (*in_b)[j++] = true;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      ++i;
    } else {
      ++j;
    }
  }
}

}  // namespace

std::string ErrorKind(const std::string& want, const std::string& got) {
  auto w = FoldedWords(want), g = FoldedWords(got);
  if (g.empty()) return "field empty";
  if (w.empty()) return "spurious text in empty field";
  if (IsPrefix(g, w)) return "lost words at the end";
  if (IsSuffix(g, w)) return "lost words at the start";
  if (IsPrefix(w, g)) return "extra words at the end";
  if (IsSuffix(w, g)) return "extra words at the start";
  return "words lost and gained (middle or both ends)";
}

const char* PiecePlaceName(PiecePlace place) {
  switch (place) {
    case PiecePlace::kOnly:
      return "only line";
    case PiecePlace::kFirst:
      return "first line";
    case PiecePlace::kMiddle:
      return "middle line";
    case PiecePlace::kLast:
      return "last line";
    default:
      return "?";
  }
}

const char* PieceFateName(PieceFate fate) {
  switch (fate) {
    case PieceFate::kKept:
      return "kept";
    case PieceFate::kToRight:
      return "to right";
    case PieceFate::kToLeft:
      return "to left";
    case PieceFate::kDropped:
      return "dropped";
    default:
      return "?";
  }
}

void AddPieceStats(const SimRow& row, const std::array<std::string, kContentColumns>& decoded,
                   PieceStats* stats) {
  constexpr int kDropped = kContentColumns;
  std::array<std::vector<std::string>, kContentColumns> want, got;
  std::array<std::vector<int>, kContentColumns> line_of;  // want word -> printed line
  std::array<std::vector<bool>, kContentColumns> kept_want, kept_got;
  std::array<std::map<std::string, int>, kContentColumns> extra;
  for (int c = 0; c < kContentColumns; ++c) {
    for (size_t j = 0; j < row.cell_lines[c].size(); ++j) {
      for (auto& w : FoldedWords(row.cell_lines[c][j])) {
        want[c].push_back(std::move(w));
        line_of[c].push_back(static_cast<int>(j));
      }
    }
    got[c] = FoldedWords(decoded[c]);
    Align(want[c], got[c], &kept_want[c], &kept_got[c]);
    for (size_t j = 0; j < got[c].size(); ++j) {
      if (!kept_got[c][j]) ++extra[c][got[c][j]];
    }
  }
  for (int c = 0; c < kContentColumns; ++c) {
    size_t lines = row.cell_lines[c].size();
    // [line][0 right, 1 left, 2 dropped] lost words.
    std::vector<std::array<int, 3>> lost(lines, {0, 0, 0});
    for (size_t i = 0; i < want[c].size(); ++i) {
      if (kept_want[c][i]) {
        ++stats->words[c][c];
        continue;
      }
      int dest = kDropped;
      for (int dist = 1; dist < kContentColumns && dest == kDropped; ++dist) {
        for (int d : {c + dist, c - dist}) {
          if (d < 0 || d >= kContentColumns) continue;
          auto it = extra[d].find(want[c][i]);
          if (it != extra[d].end() && it->second > 0) {
            --it->second;
            dest = d;
            break;
          }
        }
      }
      ++stats->words[c][dest];
      ++lost[line_of[c][i]][dest == kDropped ? 2 : dest > c ? 0 : 1];
    }
    for (size_t j = 0; j < lines; ++j) {
      PiecePlace place = lines == 1       ? PiecePlace::kOnly
                         : j == 0         ? PiecePlace::kFirst
                         : j + 1 == lines ? PiecePlace::kLast
                                          : PiecePlace::kMiddle;
      const auto& l = lost[j];
      PieceFate fate = PieceFate::kKept;
      if (l[0] + l[1] + l[2] > 0) {
        fate = l[0] >= l[1] && l[0] >= l[2] ? PieceFate::kToRight
               : l[1] >= l[2]               ? PieceFate::kToLeft
                                            : PieceFate::kDropped;
      }
      ++stats->pieces[static_cast<int>(place)][static_cast<int>(fate)];
    }
  }
}

}  // namespace vnplan::layout_bench
