#include "synth/page_layout.h"

#include <cairo-pdf.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

#include "common/utf8.h"
#include "synth/pango_util.h"

namespace vnplan::synth {
namespace {

using internal::CairoPtr;
using internal::FontDescPtr;
using internal::LayoutPtr;
using internal::SurfacePtr;

constexpr double kA4ShortPt = 595.276;
constexpr double kA4LongPt = 841.89;
constexpr double kEps = 1e-6;

struct LineInfo {
  double top = 0, bottom = 0, baseline = 0, x = 0;  // layout coordinates, pt
  double width = 0;                                  // logical width, pt
  std::string text;                                  // Unicode, no trailing space
};

struct TextBox {
  LayoutPtr layout;
  bool legacy = false;  // draw with a TCVN3-as-Latin-1 text layer
  std::vector<LineInfo> lines;
  bool empty = true;  // no visible text at all
};

struct TextOp {
  std::shared_ptr<TextBox> box;
  int first = 0, last = 0;  // inclusive line range
  double x = 0, y = 0;      // where the top of line `first` goes
};

struct RuleOp {
  double x0, y0, x1, y1;
};

struct PageOps {
  std::vector<TextOp> texts;
  std::vector<RuleOp> rules;
};

std::string RStrip(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t' ||
                        s.back() == '\r')) {
    s.pop_back();
  }
  return s;
}

}  // namespace

struct RenderedDocument::Impl {
  LayoutOptions options;
  internal::PangoSetup pango;
  double page_w = 0, page_h = 0;
  std::vector<PageOps> pages;
  Gold gold;

  // Flow state.
  double y = 0;
  double fresh_y = 0;  // y right after a page start (and repeated headers)

  double Top() const { return options.margin_top_pt; }
  double Bottom() const { return page_h - options.margin_bottom_pt; }
  double Left() const { return options.margin_left_pt; }
  double ContentWidth() const {
    return page_w - options.margin_left_pt - options.margin_right_pt;
  }

  void NewPage() {
    pages.emplace_back();
    GoldPage gp;
    gp.number = static_cast<int>(pages.size());
    gp.width_pt = page_w;
    gp.height_pt = page_h;
    gold.pages.push_back(gp);
    y = Top();
    fresh_y = y;
  }
  bool AtFreshPage() const { return y <= fresh_y + kEps; }

  std::shared_ptr<TextBox> MakeBox(std::string_view md, double width, Align align, double size,
                                   bool bold, bool italic) {
    auto box = std::make_shared<TextBox>();
    box->layout.reset(pango_layout_new(pango.context.get()));
    PangoLayout* layout = box->layout.get();
    FontDescPtr desc(pango_font_description_from_string(options.font_family.c_str()));
    pango_font_description_set_absolute_size(desc.get(), size * PANGO_SCALE);
    if (bold) pango_font_description_set_weight(desc.get(), PANGO_WEIGHT_BOLD);
    if (italic) pango_font_description_set_style(desc.get(), PANGO_STYLE_ITALIC);
    pango_layout_set_font_description(layout, desc.get());
    pango_layout_set_width(layout, pango_units_from_double(std::max(width, 1.0)));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    switch (align) {
      case Align::kLeft: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT); break;
      case Align::kCenter: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER); break;
      case Align::kRight: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT); break;
      case Align::kJustify:
        pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT);
        pango_layout_set_justify(layout, TRUE);
        break;
    }
    std::u32string plain;
    std::vector<int> map;
    std::string markup = internal::InlineToMarkup(md, &plain, &map);
    pango_layout_set_markup(layout, markup.c_str(), -1);
    box->legacy = options.legacy_tcvn3;

    // Byte offset in the layout text -> code point index.
    const char* text = pango_layout_get_text(layout);
    std::string_view tv(text);
    std::vector<int> byte_to_cp(tv.size() + 1, 0);
    {
      size_t pos = 0;
      int cp = 0;
      while (pos < tv.size()) {
        size_t start = pos;
        NextCodePoint(tv, &pos);
        for (size_t b = start; b < pos; ++b) byte_to_cp[b] = cp;
        ++cp;
      }
      byte_to_cp[tv.size()] = cp;
    }
    auto orig_index = [&](int layout_cp) -> int {
      if (layout_cp >= static_cast<int>(map.size())) return static_cast<int>(plain.size());
      return map[layout_cp];
    };

    PangoLayoutIter* it = pango_layout_get_iter(layout);
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      PangoLayoutLine* line = pango_layout_iter_get_line_readonly(it);
      LineInfo li;
      li.top = pango_units_to_double(logical.y);
      li.bottom = pango_units_to_double(logical.y + logical.height);
      li.baseline = pango_units_to_double(pango_layout_iter_get_baseline(it));
      li.x = pango_units_to_double(logical.x);
      li.width = pango_units_to_double(logical.width);
      int b0 = std::clamp(line->start_index, 0, static_cast<int>(tv.size()));
      int b1 = std::clamp(line->start_index + line->length, 0, static_cast<int>(tv.size()));
      int o0 = orig_index(byte_to_cp[b0]);
      int o1 = orig_index(byte_to_cp[b1]);
      if (b1 >= static_cast<int>(tv.size())) o1 = static_cast<int>(plain.size());
      if (o1 < o0) o1 = o0;
      li.text = RStrip(U32ToUtf8(plain.substr(o0, o1 - o0)));
      if (!li.text.empty()) box->empty = false;
      box->lines.push_back(std::move(li));
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    return box;
  }

  // Natural (unwrapped) and minimum (widest word) widths of inline text.
  std::pair<double, double> MeasureWidths(std::string_view md, double size, bool bold) {
    LayoutPtr layout(pango_layout_new(pango.context.get()));
    FontDescPtr desc(pango_font_description_from_string(options.font_family.c_str()));
    pango_font_description_set_absolute_size(desc.get(), size * PANGO_SCALE);
    if (bold) pango_font_description_set_weight(desc.get(), PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(layout.get(), desc.get());
    std::u32string plain;
    std::vector<int> map;
    std::string markup = internal::InlineToMarkup(md, &plain, &map);
    pango_layout_set_markup(layout.get(), markup.c_str(), -1);
    PangoRectangle logical;
    pango_layout_get_extents(layout.get(), nullptr, &logical);
    double natural = pango_units_to_double(logical.width);
    pango_layout_set_width(layout.get(), 1);
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD);
    pango_layout_get_extents(layout.get(), nullptr, &logical);
    double minimum = pango_units_to_double(logical.width);
    return {natural, std::min(minimum, natural)};
  }

  // Records lines [first, last] of `box`, whose line `first` has its top
  // at (x, y), as gold lines of the current page.
  void AddLinesToGold(const TextBox& box, int first, int last, double x, double y) {
    GoldPage& page = gold.pages.back();
    double origin_y = y - box.lines[first].top;
    for (int i = first; i <= last; ++i) {
      const LineInfo& l = box.lines[i];
      if (l.text.empty()) continue;
      page.lines.push_back(l.text);
      page.line_boxes.push_back({x + l.x, origin_y + l.top, x + l.x + l.width, origin_y + l.bottom});
    }
  }

  void PlaceText(const std::shared_ptr<TextBox>& box, double x, double space_before,
                 double space_after) {
    if (!AtFreshPage()) y += space_before;
    const auto& lines = box->lines;
    int n = static_cast<int>(lines.size());
    int i = 0;
    while (i < n) {
      int j = i;
      while (j < n && y + (lines[j].bottom - lines[i].top) <= Bottom() + kEps) ++j;
      if (j == i) {
        if (AtFreshPage()) {
          j = i + 1;
        } else {
          NewPage();
          continue;
        }
      }
      pages.back().texts.push_back(TextOp{box, i, j - 1, x, y});
      AddLinesToGold(*box, i, j - 1, x, y);
      y += lines[j - 1].bottom - lines[i].top;
      i = j;
      if (i < n) NewPage();
    }
    y += space_after;
  }

  double TableFontSize() const {
    return options.table_font_size_pt > 0 ? options.table_font_size_pt
                                          : std::max(6.0, options.font_size_pt - 1);
  }

  std::vector<double> ColumnWidths(const Table& t) {
    int n = t.columns;
    double total = ContentWidth();
    double pad = 2 * options.cell_padding_pt;
    std::vector<double> w(n, total / n);
    if (!t.column_weights.empty()) {
      double sum = 0;
      for (double v : t.column_weights) sum += v;
      for (int c = 0; c < n; ++c) w[c] = total * t.column_weights[c] / sum;
      return w;
    }
    std::vector<double> nat(n, 4), mn(n, 4);
    for (const TableRow& r : t.rows) {
      if (r.level_row) continue;
      for (int c = 0; c < n; ++c) {
        auto [a, b] = MeasureWidths(r.cells[c], TableFontSize(), r.header);
        nat[c] = std::max(nat[c], a);
        mn[c] = std::max(mn[c], b);
      }
    }
    double avail = total - pad * n;
    double sum_nat = 0, sum_min = 0;
    for (int c = 0; c < n; ++c) sum_nat += nat[c], sum_min += mn[c];
    for (int c = 0; c < n; ++c) {
      double inner;
      if (sum_nat <= avail) {
        inner = nat[c] + (avail - sum_nat) * nat[c] / sum_nat;
      } else if (sum_min >= avail) {
        inner = avail * mn[c] / sum_min;
      } else {
        inner = mn[c] + (avail - sum_min) * (nat[c] - mn[c]) / (sum_nat - sum_min);
      }
      w[c] = inner + pad;
    }
    return w;
  }

  void PlaceTable(const Table& t) {
    const double pad = options.cell_padding_pt;
    const double size = TableFontSize();
    std::vector<double> widths = ColumnWidths(t);
    std::vector<double> xs(t.columns + 1, Left());
    for (int c = 0; c < t.columns; ++c) xs[c + 1] = xs[c] + widths[c];

    GoldTable gt;
    gt.columns = t.columns;
    gt.borders = t.borders;
    for (const TableRow& r : t.rows) {
      GoldRow gr;
      gr.header = r.header;
      gr.level_row = r.level_row;
      for (const auto& cell : r.cells) gr.cells.push_back(PlainText(cell));
      gt.rows.push_back(std::move(gr));
    }
    gold.tables.push_back(std::move(gt));
    GoldTable& gold_table = gold.tables.back();

    auto make_row_boxes = [&](const TableRow& r) {
      std::vector<std::shared_ptr<TextBox>> boxes;
      if (r.level_row) {
        boxes.push_back(MakeBox(r.cells[0], xs.back() - xs.front() - 2 * pad, Align::kLeft, size,
                                false, false));
      } else {
        for (int c = 0; c < t.columns; ++c) {
          Align align = r.header ? Align::kCenter
                        : t.column_align.empty() ? Align::kLeft
                                                 : t.column_align[c];
          boxes.push_back(MakeBox(r.cells[c], widths[c] - 2 * pad, align, size, r.header, false));
        }
      }
      return boxes;
    };
    std::vector<std::vector<std::shared_ptr<TextBox>>> row_boxes;
    for (const TableRow& r : t.rows) row_boxes.push_back(make_row_boxes(r));

    // Emits one piece of row `ri`: lines [next[c], next[c] + take[c]) of
    // every cell, seg_h high, at the current y.
    auto emit = [&](int ri, const std::vector<int>& next, const std::vector<int>& take,
                    double seg_h, int part, bool repeated) {
      const TableRow& r = t.rows[ri];
      const auto& boxes = row_boxes[ri];
      PageOps& page = pages.back();
      int page_no = static_cast<int>(pages.size());
      double y0 = y, y1 = y + seg_h;
      if (t.borders) {
        page.rules.push_back({xs.front(), y0, xs.back(), y0});
        page.rules.push_back({xs.front(), y1, xs.back(), y1});
      }
      for (size_t c = 0; c < boxes.size(); ++c) {
        double x0 = r.level_row ? xs.front() : xs[c];
        double x1 = r.level_row ? xs.back() : xs[c + 1];
        if (t.borders) {
          page.rules.push_back({x0, y0, x0, y1});
          page.rules.push_back({x1, y0, x1, y1});
        }
        bool has_text = false;
        if (take[c] > 0) {
          page.texts.push_back(TextOp{boxes[c], next[c], next[c] + take[c] - 1, x0 + pad, y0 + pad});
          AddLinesToGold(*boxes[c], next[c], next[c] + take[c] - 1, x0 + pad, y0 + pad);
          for (int k = next[c]; k < next[c] + take[c]; ++k) {
            if (!boxes[c]->lines[k].text.empty()) has_text = true;
          }
        }
        GoldCellBox gb;
        gb.page = page_no;
        gb.row = ri;
        gb.col = static_cast<int>(c);
        gb.rect = {x0, y0, x1, y1};
        gb.part = part;
        gb.has_text = has_text;
        gb.repeated_header = repeated;
        gold_table.boxes.push_back(gb);
      }
      y = y1;
    };

    std::vector<int> header_rows;
    for (size_t ri = 0; ri < t.rows.size(); ++ri) {
      if (t.rows[ri].header) header_rows.push_back(static_cast<int>(ri));
    }

    // Places row ri, splitting it over pages when needed.
    std::function<void(int, bool)> place_row;
    auto new_table_page = [&](bool in_header) {
      NewPage();
      if (options.repeat_header && !in_header) {
        for (int hr : header_rows) place_row(hr, true);
      }
      fresh_y = y;
    };
    place_row = [&](int ri, bool repeated) {
      const auto& boxes = row_boxes[ri];
      size_t n = boxes.size();
      std::vector<int> next(n, 0), take(n, 0);
      int part = 0;
      while (true) {
        double avail = Bottom() - y - 2 * pad;
        double need = 0;
        bool any_left = false;
        for (size_t c = 0; c < n; ++c) {
          const auto& L = boxes[c]->lines;
          if (next[c] < static_cast<int>(L.size())) {
            need = std::max(need, L.back().bottom - L[next[c]].top);
            any_left = true;
          }
        }
        if (!any_left) break;
        // Header rows are never split and stay with the first line of the
        // row after them (Word's behaviour for heading rows).
        if (t.rows[ri].header && !repeated && part == 0 && !AtFreshPage()) {
          double with_next = need;
          if (ri + 1 < static_cast<int>(t.rows.size()) && !t.rows[ri + 1].header) {
            double first = 0;
            for (const auto& b : row_boxes[ri + 1]) {
              first = std::max(first, b->lines[0].bottom - b->lines[0].top);
            }
            with_next += first + 2 * pad;
          }
          if (with_next > avail + kEps) {
            NewPage();
            continue;
          }
        }
        if (need <= avail + kEps) {
          for (size_t c = 0; c < n; ++c) {
            take[c] = static_cast<int>(boxes[c]->lines.size()) - next[c];
          }
          emit(ri, next, take, need + 2 * pad, part, repeated);
          break;
        }
        double seg = 0;
        bool any_take = false;
        for (size_t c = 0; c < n; ++c) {
          const auto& L = boxes[c]->lines;
          int k = next[c];
          while (k < static_cast<int>(L.size()) && L[k].bottom - L[next[c]].top <= avail + kEps) ++k;
          take[c] = k - next[c];
          if (take[c] > 0) {
            any_take = true;
            seg = std::max(seg, L[k - 1].bottom - L[next[c]].top);
          }
        }
        if (!any_take) {
          if (AtFreshPage() || repeated) {
            for (size_t c = 0; c < n; ++c) {
              const auto& L = boxes[c]->lines;
              take[c] = next[c] < static_cast<int>(L.size()) ? 1 : 0;
              if (take[c]) seg = std::max(seg, L[next[c]].bottom - L[next[c]].top);
            }
          } else {
            new_table_page(t.rows[ri].header);
            continue;
          }
        }
        emit(ri, next, take, seg + 2 * pad, part, repeated);
        for (size_t c = 0; c < n; ++c) next[c] += take[c];
        ++part;
        bool left = false;
        for (size_t c = 0; c < n; ++c) {
          if (next[c] < static_cast<int>(boxes[c]->lines.size())) left = true;
        }
        if (left) new_table_page(t.rows[ri].header || repeated);
      }
    };

    if (!AtFreshPage()) y += options.paragraph_spacing_pt;
    for (size_t ri = 0; ri < t.rows.size(); ++ri) place_row(static_cast<int>(ri), false);
    y += options.paragraph_spacing_pt;

    std::set<int> ps;
    for (const auto& b : gold_table.boxes) ps.insert(b.page);
    gold_table.pages.assign(ps.begin(), ps.end());
  }

  void Layout(const Document& doc) {
    page_w = options.landscape ? kA4LongPt : kA4ShortPt;
    page_h = options.landscape ? kA4ShortPt : kA4LongPt;
    gold.landscape = options.landscape;
    gold.legacy_tcvn3 = options.legacy_tcvn3;
    NewPage();
    const double size = options.font_size_pt;
    for (const Block& b : doc.blocks) {
      switch (b.kind) {
        case BlockKind::kPageBreak:
          if (!AtFreshPage()) NewPage();
          break;
        case BlockKind::kHeading: {
          double hs = b.heading_level == 1 ? size + 1 : size;
          auto box = MakeBox(b.text, ContentWidth(), b.align, hs, true, b.heading_level == 3);
          // Keep with next: a heading needs room for itself and ~2 lines.
          double need = box->lines.back().bottom - box->lines.front().top +
                        options.paragraph_spacing_pt * 2 + 2.4 * size;
          if (!AtFreshPage() && y + need > Bottom()) NewPage();
          PlaceText(box, Left(), options.paragraph_spacing_pt, options.paragraph_spacing_pt);
          break;
        }
        case BlockKind::kParagraph: {
          auto box = MakeBox(b.text, ContentWidth(), b.align, size, false, false);
          PlaceText(box, Left(), 0, options.paragraph_spacing_pt);
          break;
        }
        case BlockKind::kTable:
          PlaceTable(b.table);
          break;
      }
    }
  }

  void Draw(cairo_t* cr, int index) const {
    const PageOps& page = pages[index];
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, options.grid_line_width_pt);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
    for (const RuleOp& r : page.rules) {
      cairo_move_to(cr, r.x0, r.y0);
      cairo_line_to(cr, r.x1, r.y1);
    }
    cairo_stroke(cr);
    for (const TextOp& op : page.texts) {
      const auto& lines = op.box->lines;
      double origin_y = op.y - lines[op.first].top;
      for (int i = op.first; i <= op.last; ++i) {
        PangoLayoutLine* line = pango_layout_get_line_readonly(op.box->layout.get(), i);
        if (op.box->legacy) {
          internal::ShowLineWithTcvn3Text(cr, op.box->layout.get(), line, op.x + lines[i].x,
                                          origin_y + lines[i].baseline);
        } else {
          cairo_move_to(cr, op.x + lines[i].x, origin_y + lines[i].baseline);
          pango_cairo_show_layout_line(cr, line);
        }
      }
    }
  }
};

RenderedDocument::RenderedDocument(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RenderedDocument::RenderedDocument(RenderedDocument&&) noexcept = default;
RenderedDocument& RenderedDocument::operator=(RenderedDocument&&) noexcept = default;
RenderedDocument::~RenderedDocument() = default;

Result<RenderedDocument> RenderedDocument::Create(const Document& doc,
                                                  const LayoutOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (options.font_size_pt <= 0 || options.font_size_pt > 72) {
    return MakeError(ErrorCode::kInvalidArgument, "font size must be in (0, 72] pt");
  }
  impl->pango = internal::MakePangoSetup();
  if (!impl->pango.context) return MakeError(ErrorCode::kDependency, "cannot create Pango context");
  // Refuse a family fontconfig would silently replace by another one.
  if (auto s = internal::CheckFontFamily(impl->pango, options.font_family); !s) {
    return std::unexpected(s.error());
  }
  impl->Layout(doc);
  return RenderedDocument(std::move(impl));
}

int RenderedDocument::page_count() const { return static_cast<int>(impl_->pages.size()); }
double RenderedDocument::page_width_pt() const { return impl_->page_w; }
double RenderedDocument::page_height_pt() const { return impl_->page_h; }
const Gold& RenderedDocument::gold() const { return impl_->gold; }

Status RenderedDocument::WritePdf(const std::string& path) const {
  SurfacePtr surface(cairo_pdf_surface_create(path.c_str(), impl_->page_w, impl_->page_h));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return MakeError(ErrorCode::kIo, "cannot create PDF " + path);
  }
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "vnplan-synth");
  // A fixed date keeps the file byte-identical from run to run.
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, "2024-01-01T00:00:00Z");
  CairoPtr cr(cairo_create(surface.get()));
  for (int i = 0; i < page_count(); ++i) {
    impl_->Draw(cr.get(), i);
    cairo_show_page(cr.get());
  }
  cr.reset();
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return MakeError(ErrorCode::kIo, std::string("writing PDF failed: ") +
                                         cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  return {};
}

Result<GrayImage> RenderedDocument::RenderPage(int index, int dpi) const {
  if (index < 0 || index >= page_count()) {
    return MakeError(ErrorCode::kInvalidArgument, "page index out of range");
  }
  if (dpi < 36 || dpi > 1200) return MakeError(ErrorCode::kInvalidArgument, "dpi must be 36..1200");
  int w = PtToPxSize(impl_->page_w, dpi), h = PtToPxSize(impl_->page_h, dpi);
  SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_A8, w, h));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return MakeError(ErrorCode::kInternal, "cannot allocate page image");
  }
  CairoPtr cr(cairo_create(surface.get()));
  cairo_scale(cr.get(), dpi / 72.0, dpi / 72.0);
  impl_->Draw(cr.get(), index);
  cr.reset();
  return internal::A8ToGray(surface.get(), dpi);
}

}  // namespace vnplan::synth
