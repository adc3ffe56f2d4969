#include "synth/markdown_doc.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "common/utf8.h"

namespace vnplan::synth {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// Replaces every "<br>", "<br/>" and "<br />" (any case) with '\n'.
std::string BrToNewline(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '<') {
      size_t j = s.find('>', i);
      if (j != std::string_view::npos) {
        std::string tag;
        for (size_t k = i + 1; k < j; ++k) {
          if (s[k] != ' ' && s[k] != '/') tag += static_cast<char>(std::tolower(s[k]));
        }
        if (tag == "br") {
          out += '\n';
          i = j + 1;
          continue;
        }
      }
    }
    out += s[i++];
  }
  return out;
}

// Splits a pipe-table row into trimmed cells; "\|" is a literal pipe.
std::vector<std::string> SplitRow(std::string_view line) {
  line = Trim(line);
  if (StartsWith(line, "|")) line.remove_prefix(1);
  if (EndsWith(line, "|") && !EndsWith(line, "\\|")) line.remove_suffix(1);
  std::vector<std::string> cells;
  std::string cur;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
      cur += '|';
      ++i;
    } else if (line[i] == '|') {
      cells.push_back(BrToNewline(Trim(cur)));
      cur.clear();
    } else {
      cur += line[i];
    }
  }
  cells.push_back(BrToNewline(Trim(cur)));
  return cells;
}

bool IsSeparatorRow(const std::vector<std::string>& cells) {
  if (cells.empty()) return false;
  bool any_dash = false;
  for (const auto& c : cells) {
    if (c.empty()) continue;
    for (char ch : c) {
      if (ch != '-' && ch != ':' && ch != ' ') return false;
      if (ch == '-') any_dash = true;
    }
  }
  return any_dash;
}

bool IsListItem(std::string_view line) {
  if (StartsWith(line, "- ") || StartsWith(line, "+ ") || StartsWith(line, "• ")) return true;
  size_t i = 0;
  while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i]))) ++i;
  return i > 0 && i + 1 < line.size() && (line[i] == '.' || line[i] == ')') && line[i + 1] == ' ';
}

std::vector<Align> ParseAligns(std::string_view comment) {
  std::vector<Align> a;
  std::istringstream in(std::string(comment.substr(comment.find(':') + 1)));
  std::string v;
  while (in >> v) {
    char c = v.empty() ? 'l' : static_cast<char>(std::tolower(v[0]));
    a.push_back(c == 'c' ? Align::kCenter : c == 'r' ? Align::kRight : c == 'j' ? Align::kJustify : Align::kLeft);
  }
  return a;
}

// Alignment from a separator cell such as ":---:".
Align SeparatorAlign(std::string_view cell) {
  cell = Trim(cell);
  bool l = !cell.empty() && cell.front() == ':', r = !cell.empty() && cell.back() == ':';
  return l && r ? Align::kCenter : r ? Align::kRight : Align::kLeft;
}

std::vector<double> ParseWidths(std::string_view comment) {
  std::vector<double> w;
  std::istringstream in(std::string(comment.substr(comment.find(':') + 1)));
  double v;
  while (in >> v) w.push_back(std::max(v, 0.01));
  return w;
}

}  // namespace

std::vector<InlineRun> ParseInline(std::string_view md) {
  std::vector<InlineRun> runs;
  InlineRun cur;
  auto flush = [&] {
    if (!cur.text.empty()) runs.push_back(cur);
    cur.text.clear();
  };
  for (size_t i = 0; i < md.size(); ++i) {
    char c = md[i];
    if (c == '\\' && i + 1 < md.size() && md[i + 1] == '*') {
      cur.text += '*';
      ++i;
    } else if (c == '*' && i + 1 < md.size() && md[i + 1] == '*') {
      flush();
      cur.bold = !cur.bold;
      ++i;
    } else if (c == '*') {
      flush();
      cur.italic = !cur.italic;
    } else {
      cur.text += c;
    }
  }
  flush();
  return runs;
}

std::string PlainText(std::string_view md) {
  std::string out;
  for (const auto& r : ParseInline(md)) out += r.text;
  return out;
}

Result<Document> ParseMarkdown(std::string_view utf8) {
  if (!IsValidUtf8(utf8)) return MakeError(ErrorCode::kInputError, "input is not valid UTF-8");
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos <= utf8.size()) {
    size_t nl = utf8.find('\n', pos);
    if (nl == std::string_view::npos) nl = utf8.size();
    lines.push_back(utf8.substr(pos, nl - pos));
    pos = nl + 1;
  }

  Document doc;
  std::vector<double> pending_widths;
  std::vector<Align> pending_align;
  bool pending_noborder = false;
  Block para;
  bool in_para = false;
  bool prev_hard_break = false;
  auto flush_para = [&] {
    if (in_para) {
      while (!para.text.empty() && (para.text.back() == '\n' || para.text.back() == ' ')) {
        para.text.pop_back();
      }
      doc.blocks.push_back(para);
    }
    para = Block{};
    in_para = false;
    prev_hard_break = false;
  };

  for (size_t li = 0; li < lines.size(); ++li) {
    std::string_view raw = lines[li];
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    std::string_view line = Trim(raw);
    if (line.empty()) {
      flush_para();
      continue;
    }
    if (StartsWith(line, "<!--")) {
      flush_para();
      std::string_view body = Trim(line.substr(4));
      if (EndsWith(body, "-->")) body = Trim(body.substr(0, body.size() - 3));
      if (StartsWith(body, "pagebreak")) {
        Block b;
        b.kind = BlockKind::kPageBreak;
        doc.blocks.push_back(b);
      } else if (StartsWith(body, "widths")) {
        pending_widths = ParseWidths(body);
      } else if (StartsWith(body, "align")) {
        pending_align = ParseAligns(body);
      } else if (StartsWith(body, "noborder")) {
        pending_noborder = true;
      }
      continue;
    }
    if (StartsWith(line, "|")) {
      flush_para();
      Block b;
      b.kind = BlockKind::kTable;
      Table& t = b.table;
      t.column_weights = std::move(pending_widths);
      pending_widths.clear();
      t.column_align = std::move(pending_align);
      pending_align.clear();
      t.borders = !pending_noborder;
      pending_noborder = false;
      for (; li < lines.size(); ++li) {
        std::string_view l = Trim(lines[li]);
        if (!StartsWith(l, "|")) break;
        if (StartsWith(l, "||") && EndsWith(l, "||") && l.size() >= 4) {
          TableRow r;
          r.level_row = true;
          r.cells.push_back(BrToNewline(Trim(l.substr(2, l.size() - 4))));
          t.rows.push_back(std::move(r));
          continue;
        }
        TableRow r;
        r.cells = SplitRow(l);
        if (IsSeparatorRow(r.cells)) {
          for (auto& prev : t.rows) prev.header = !prev.level_row;
          bool any_colon = l.find(':') != std::string_view::npos;
          if (any_colon && t.column_align.empty()) {
            for (const auto& c : r.cells) t.column_align.push_back(SeparatorAlign(c));
          }
          continue;
        }
        t.columns = std::max<int>(t.columns, static_cast<int>(r.cells.size()));
        t.rows.push_back(std::move(r));
      }
      --li;
      if (t.columns == 0) t.columns = 1;
      for (auto& r : t.rows) {
        if (!r.level_row) r.cells.resize(t.columns);
      }
      if (t.column_weights.size() != static_cast<size_t>(t.columns)) t.column_weights.clear();
      t.column_align.resize(t.column_align.empty() ? 0 : t.columns, Align::kLeft);
      doc.blocks.push_back(std::move(b));
      continue;
    }
    if (StartsWith(line, "#")) {
      flush_para();
      int level = 0;
      while (level < static_cast<int>(line.size()) && line[level] == '#') ++level;
      Block b;
      b.kind = BlockKind::kHeading;
      b.heading_level = std::min(level, 3);
      b.align = level == 1 ? Align::kCenter : Align::kLeft;
      b.text = BrToNewline(Trim(line.substr(level)));
      doc.blocks.push_back(std::move(b));
      continue;
    }
    bool hard_break = EndsWith(raw, "  ");
    std::string text = BrToNewline(line);
    if (!text.empty() && text.back() == '\n') hard_break = true;
    Align align = Align::kJustify;
    if (StartsWith(text, "->")) {
      text = std::string(Trim(std::string_view(text).substr(2)));
      if (EndsWith(text, "<-")) {
        text = std::string(Trim(std::string_view(text).substr(0, text.size() - 2)));
        align = Align::kCenter;
      } else {
        align = Align::kRight;
      }
    }
    bool list = IsListItem(line);
    if (in_para && (list || align != para.align)) flush_para();
    if (!in_para) {
      in_para = true;
      para.kind = BlockKind::kParagraph;
      para.align = align;
      para.text = text;
    } else {
      if (!prev_hard_break && !para.text.empty() && para.text.back() != '\n') para.text += ' ';
      if (prev_hard_break && (para.text.empty() || para.text.back() != '\n')) para.text += '\n';
      para.text += text;
    }
    prev_hard_break = hard_break || align != Align::kJustify;
    if (list) flush_para();
  }
  flush_para();
  return doc;
}

}  // namespace vnplan::synth
