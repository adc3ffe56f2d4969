#include "synth/degrade.h"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "common/utf8.h"

namespace vnplan::synth {
namespace {

class Rng {
 public:
  explicit Rng(uint64_t seed) : gen_(seed) {}
  // Uniform in [a, b); computed by hand so results do not depend on the
  // standard library's distribution implementations.
  double Uniform(double a, double b) {
    double u = static_cast<double>(gen_() >> 11) * (1.0 / 9007199254740992.0);
    return a + (b - a) * u;
  }
  int Int(int a, int b) {  // inclusive
    return a + static_cast<int>(Uniform(0, 1) * (b - a + 1)) % (b - a + 1);
  }
  bool Coin(double p = 0.5) { return Uniform(0, 1) < p; }
  uint64_t Next() { return gen_(); }

 private:
  std::mt19937_64 gen_;
};

uint64_t MixSeed(uint64_t seed, int page) {
  uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (static_cast<uint64_t>(page) + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Multiplies `img` by a smooth field in [1 - depth, 1]: a linear gradient in
// a random direction plus a vignette.
void ApplyIllumination(cv::Mat& img, double depth, Rng& rng) {
  const int gw = 64, gh = 64;
  cv::Mat field(gh, gw, CV_32F);
  double angle = rng.Uniform(0, 2 * std::numbers::pi);
  double dx = std::cos(angle), dy = std::sin(angle);
  double cx = rng.Uniform(0.3, 0.7), cy = rng.Uniform(0.3, 0.7);
  double mix = rng.Uniform(0.3, 0.7);
  for (int y = 0; y < gh; ++y) {
    for (int x = 0; x < gw; ++x) {
      double u = x / (gw - 1.0), v = y / (gh - 1.0);
      double lin = ((u - 0.5) * dx + (v - 0.5) * dy) / std::sqrt(0.5) * 0.5 + 0.5;  // 0..1
      double r2 = ((u - cx) * (u - cx) + (v - cy) * (v - cy)) / 0.5;
      double dark = mix * lin + (1 - mix) * std::min(1.0, r2);
      field.at<float>(y, x) = static_cast<float>(1.0 - depth * std::clamp(dark, 0.0, 1.0));
    }
  }
  cv::Mat big;
  cv::resize(field, big, img.size(), 0, 0, cv::INTER_CUBIC);
  if (img.channels() == 3) cv::merge(std::vector<cv::Mat>{big, big, big}, big);
  cv::Mat f;
  img.convertTo(f, CV_32FC(img.channels()));
  f = f.mul(big);
  f.convertTo(img, img.type());
}

// Draws a round stamp mask (0..1 ink coverage) of diameter d pixels.
cv::Mat StampMask(int d, Rng& rng) {
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_A8, d, d);
  cairo_t* cr = cairo_create(s);
  double r = d / 2.0;
  cairo_set_source_rgba(cr, 0, 0, 0, 1);
  cairo_set_line_width(cr, d * 0.025);
  cairo_arc(cr, r, r, r * 0.95, 0, 2 * std::numbers::pi);
  cairo_stroke(cr);
  cairo_set_line_width(cr, d * 0.012);
  cairo_arc(cr, r, r, r * 0.66, 0, 2 * std::numbers::pi);
  cairo_stroke(cr);
  // Star in the centre.
  for (int k = 0; k < 10; ++k) {
    double a = -std::numbers::pi / 2 + k * std::numbers::pi / 5;
    double rr = (k % 2 == 0) ? r * 0.22 : r * 0.09;
    double x = r + rr * std::cos(a), y = r + rr * std::sin(a);
    if (k == 0) cairo_move_to(cr, x, y);
    else cairo_line_to(cr, x, y);
  }
  cairo_close_path(cr);
  cairo_fill(cr);
  // Text around the ring.
  static const char* kTexts[] = {"TRƯỜNG TIỂU HỌC * UBND HUYỆN * ",
                                 "TRƯỜNG THCS * PHÒNG GD&ĐT * ",
                                 "TRƯỜNG MẦM NON * UBND QUẬN * "};
  std::u32string text = Utf8ToU32(kTexts[rng.Int(0, 2)]);
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size(cr, d * 0.085);
  double step = 2 * std::numbers::pi / text.size();
  for (size_t i = 0; i < text.size(); ++i) {
    std::string ch = U32ToUtf8(text.substr(i, 1));
    double a = -std::numbers::pi / 2 + i * step;
    cairo_save(cr);
    cairo_translate(cr, r + r * 0.8 * std::cos(a), r + r * 0.8 * std::sin(a));
    cairo_rotate(cr, a + std::numbers::pi / 2);
    cairo_text_extents_t ext;
    cairo_text_extents(cr, ch.c_str(), &ext);
    cairo_move_to(cr, -ext.x_advance / 2, ext.height / 2);
    cairo_show_text(cr, ch.c_str());
    cairo_restore(cr);
  }
  cairo_destroy(cr);
  cairo_surface_flush(s);
  cv::Mat mask(d, d, CV_32F);
  const unsigned char* data = cairo_image_surface_get_data(s);
  int stride = cairo_image_surface_get_stride(s);
  for (int y = 0; y < d; ++y) {
    for (int x = 0; x < d; ++x) mask.at<float>(y, x) = data[y * stride + x] / 255.0f;
  }
  cairo_surface_destroy(s);
  // Uneven ink: multiply by a blotchy low-frequency field.
  cv::Mat blot(8, 8, CV_32F);
  for (int y = 0; y < 8; ++y) {
    for (int x = 0; x < 8; ++x) blot.at<float>(y, x) = static_cast<float>(rng.Uniform(0.45, 1.0));
  }
  cv::Mat blot_big;
  cv::resize(blot, blot_big, mask.size(), 0, 0, cv::INTER_CUBIC);
  return mask.mul(blot_big);
}

// `ink` (B, G, R) is used on colour images; gray images take a random tone.
void ApplyStamp(cv::Mat& img, int dpi, Rng& rng, const cv::Vec3d& ink) {
  int d = static_cast<int>(dpi * rng.Uniform(1.3, 1.7));
  cv::Mat mask = StampMask(d, rng);
  cv::Mat rot = cv::getRotationMatrix2D(cv::Point2f(d / 2.0f, d / 2.0f), rng.Uniform(-40, 40), 1.0);
  cv::warpAffine(mask, mask, rot, mask.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, 0);
  int cx = static_cast<int>(img.cols * rng.Uniform(0.35, 0.8));
  int cy = static_cast<int>(img.rows * rng.Uniform(0.25, 0.8));
  double tone = rng.Uniform(80, 140);  // red ink seen in gray
  double opacity = rng.Uniform(0.6, 0.9);
  for (int y = 0; y < d; ++y) {
    int iy = cy - d / 2 + y;
    if (iy < 0 || iy >= img.rows) continue;
    uint8_t* row = img.ptr<uint8_t>(iy);
    const int ch = img.channels();
    for (int x = 0; x < d; ++x) {
      int ix = cx - d / 2 + x;
      if (ix < 0 || ix >= img.cols) continue;
      double a = mask.at<float>(y, x) * opacity;
      if (a <= 0) continue;
      // Multiply blend: ink under the stamp stays dark.
      for (int c = 0; c < ch; ++c) {
        double t = ch == 3 ? ink[c] : tone;
        double v = row[ix * ch + c] * (1.0 - a * (1.0 - t / 255.0));
        row[ix * ch + c] = static_cast<uint8_t>(std::clamp(v, 0.0, 255.0));
      }
    }
  }
}

void ApplySpeckles(cv::Mat& img, int count, int dpi, Rng& rng) {
  double s = dpi / 300.0;
  for (int i = 0; i < count; ++i) {
    cv::Point c(rng.Int(0, img.cols - 1), rng.Int(0, img.rows - 1));
    bool big = rng.Coin(0.08);
    double r1 = (big ? rng.Uniform(2.5, 6) : rng.Uniform(0.6, 2.2)) * s;
    double r2 = r1 * rng.Uniform(0.5, 1.0);
    int v = static_cast<int>(rng.Uniform(10, 120));
    cv::ellipse(img, c, cv::Size(std::max(1, static_cast<int>(r1)), std::max(1, static_cast<int>(r2))),
                rng.Uniform(0, 180), 0, 360, cv::Scalar::all(v), cv::FILLED, cv::LINE_AA);
  }
}

// Show-through of the back side: the page mirrored left-right, shifted and
// blurred, multiplied in at `opacity`.
void ApplyBleedThrough(cv::Mat& img, double opacity, int dpi, Rng& rng) {
  cv::Mat back;
  cv::flip(img, back, 1);
  cv::Mat shift = (cv::Mat_<double>(2, 3) << 1, 0, rng.Uniform(-0.2, 0.2) * dpi, 0, 1,
                   rng.Uniform(-0.3, 0.3) * dpi);
  cv::warpAffine(back, back, shift, back.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, 255);
  cv::GaussianBlur(back, back, cv::Size(0, 0), 1.5 * dpi / 300.0);
  cv::Mat f, b;
  img.convertTo(f, CV_32FC(img.channels()));
  back.convertTo(b, CV_32FC(img.channels()), 1.0 / 255);
  // out = in * (1 - opacity * (1 - back))
  b = 1.0 - opacity * (1.0 - b);
  f = f.mul(b);
  f.convertTo(img, img.type());
}

void ApplyBorderShadow(cv::Mat& img, double strength, Rng& rng) {
  cv::Mat f;
  const int ch = img.channels();
  img.convertTo(f, CV_32FC(ch));
  int edges = rng.Int(1, 2);
  int first = rng.Int(0, 3);
  for (int e = 0; e < edges; ++e) {
    int side = (first + e * 2) % 4;  // opposite edges when 2
    double width = (side % 2 == 0 ? img.cols : img.rows) * rng.Uniform(0.01, 0.035);
    for (int y = 0; y < f.rows; ++y) {
      float* row = f.ptr<float>(y);
      for (int x = 0; x < f.cols; ++x) {
        double d = side == 0 ? x : side == 1 ? y : side == 2 ? f.cols - 1 - x : f.rows - 1 - y;
        if (d > 4 * width) continue;
        double k = 1.0 - strength * 0.85 * std::exp(-d / width);
        for (int c = 0; c < ch; ++c) row[x * ch + c] = static_cast<float>(row[x * ch + c] * k);
      }
    }
  }
  f.convertTo(img, img.type());
}

}  // namespace

Result<DegradeOptions> DegradePreset(std::string_view name) {
  DegradeOptions o;
  if (name == "light") {
    o.skew_deg = 0.6, o.skew_jitter = true, o.blur_sigma = 0.5, o.gaussian_noise = 4;
    o.salt_pepper = 0.0003, o.jpeg_quality = 90, o.illumination = 0.06, o.target_dpi = 300;
    o.stamp = false, o.speckles = 15, o.border_shadow = 0;
  } else if (name == "medium") {
    o.skew_deg = 1.5, o.skew_jitter = true, o.blur_sigma = 0.8, o.gaussian_noise = 9;
    o.salt_pepper = 0.0015, o.jpeg_quality = 70, o.illumination = 0.18, o.target_dpi = 200;
    o.stamp = true, o.speckles = 60, o.border_shadow = 0.4;
  } else if (name == "heavy") {
    o.skew_deg = 3.0, o.skew_jitter = true, o.blur_sigma = 1.1, o.gaussian_noise = 16;
    o.salt_pepper = 0.004, o.jpeg_quality = 45, o.illumination = 0.32, o.target_dpi = 150;
    o.stamp = true, o.speckles = 180, o.border_shadow = 0.7, o.bleed_through = 0.12;
  } else {
    return MakeError(ErrorCode::kInvalidArgument,
                     "unknown degradation preset '" + std::string(name) + "' (light|medium|heavy)");
  }
  return o;
}

Result<DegradedPage> Degrade(const GrayImage& clean, const DegradeOptions& o, int page_index) {
  if (clean.empty() || clean.pixels.size() != static_cast<size_t>(clean.width) * clean.height) {
    return MakeError(ErrorCode::kInvalidArgument, "empty or malformed page image");
  }
  if (o.jpeg_quality < 0 || o.jpeg_quality > 100 || o.salt_pepper < 0 || o.salt_pepper > 0.5 ||
      o.illumination < 0 || o.illumination > 1 || o.border_shadow < 0 || o.border_shadow > 1 ||
      o.bleed_through < 0 || o.bleed_through > 1) {
    return MakeError(ErrorCode::kInvalidArgument, "degradation option out of range");
  }
  try {
    Rng rng(MixSeed(o.seed, page_index));
    const int dpi = clean.dpi > 0 ? clean.dpi : 300;
    cv::Mat img(clean.height, clean.width, CV_8U, const_cast<uint8_t*>(clean.pixels.data()));
    img = img.clone();

    // Draw every random number in a fixed order whether or not a step is on,
    // so enabling one step does not change the others.
    double skew_sign = rng.Coin() ? 1.0 : -1.0;
    double skew_scale = o.skew_jitter ? rng.Uniform(0.3, 1.0) : 1.0;
    Rng stamp_rng(rng.Next()), speck_rng(rng.Next()), light_rng(rng.Next()),
        shadow_rng(rng.Next());
    uint64_t noise_seed = rng.Next();
    Rng bleed_rng(rng.Next());
    Rng color_rng(rng.Next());

    if (o.bleed_through > 0) ApplyBleedThrough(img, o.bleed_through, dpi, bleed_rng);
    cv::Vec3d stamp_ink(0, 0, 0);
    if (o.color) {
      // Warm paper (B, G, R multipliers) and a red-to-purple stamp ink.
      cv::cvtColor(img, img, cv::COLOR_GRAY2BGR);
      double paper_b = color_rng.Uniform(0.88, 0.96);
      double paper_g = color_rng.Uniform(0.95, 0.99);
      cv::multiply(img, cv::Scalar(paper_b, paper_g, 1.0), img);
      stamp_ink[0] = color_rng.Uniform(40, 110);   // B
      stamp_ink[1] = color_rng.Uniform(20, 60);    // G
      stamp_ink[2] = color_rng.Uniform(170, 225);  // R
    }
    if (o.stamp) ApplyStamp(img, dpi, stamp_rng, stamp_ink);
    if (o.speckles > 0) ApplySpeckles(img, o.speckles, dpi, speck_rng);
    if (o.illumination > 0) ApplyIllumination(img, o.illumination, light_rng);

    PageTransform t;
    t.skew_deg = skew_sign * skew_scale * o.skew_deg;
    cv::Mat m = cv::Mat::eye(2, 3, CV_64F);
    if (t.skew_deg != 0) {
      m = cv::getRotationMatrix2D(cv::Point2f(img.cols / 2.0f, img.rows / 2.0f), t.skew_deg, 1.0);
      cv::Mat rotated;
      cv::warpAffine(img, rotated, m, img.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                     cv::Scalar::all(255));
      img = rotated;
    }
    int out_dpi = dpi;
    if (o.target_dpi > 0 && o.target_dpi < dpi) {
      double s = static_cast<double>(o.target_dpi) / dpi;
      cv::Mat small;
      cv::resize(img, small, cv::Size(), s, s, cv::INTER_AREA);
      // Scale the transform by the actual size ratio.
      double sx = static_cast<double>(small.cols) / img.cols;
      double sy = static_cast<double>(small.rows) / img.rows;
      m.row(0) *= sx;
      m.row(1) *= sy;
      img = small;
      out_dpi = o.target_dpi;
    }
    if (o.blur_sigma > 0) cv::GaussianBlur(img, img, cv::Size(0, 0), o.blur_sigma);
    if (o.border_shadow > 0) ApplyBorderShadow(img, o.border_shadow, shadow_rng);
    cv::RNG cvrng(noise_seed);
    if (o.gaussian_noise > 0) {
      cv::Mat noise(img.size(), CV_32FC(img.channels()));
      cvrng.fill(noise, cv::RNG::NORMAL, 0.0, o.gaussian_noise);
      cv::Mat f;
      img.convertTo(f, CV_32FC(img.channels()));
      f += noise;
      f.convertTo(img, img.type());  // saturates
    }
    if (o.salt_pepper > 0) {
      int64_t n = static_cast<int64_t>(o.salt_pepper * img.total());
      for (int64_t i = 0; i < n; ++i) {
        int x = cvrng.uniform(0, img.cols), y = cvrng.uniform(0, img.rows);
        uint8_t v = cvrng.uniform(0, 2) ? 255 : 0;
        if (img.channels() == 3) {
          img.at<cv::Vec3b>(y, x) = cv::Vec3b(v, v, v);
        } else {
          img.at<uint8_t>(y, x) = v;
        }
      }
    }
    if (o.jpeg_quality > 0) {
      std::vector<uint8_t> buf;
      cv::imencode(".jpg", img, buf, {cv::IMWRITE_JPEG_QUALITY, o.jpeg_quality});
      img = cv::imdecode(buf, img.channels() == 3 ? cv::IMREAD_COLOR : cv::IMREAD_GRAYSCALE);
    }

    DegradedPage out;
    if (img.channels() == 3) {
      cv::Mat rgb;
      cv::cvtColor(img, rgb, cv::COLOR_BGR2RGB);
      rgb = rgb.clone();  // continuous
      out.color.width = rgb.cols;
      out.color.height = rgb.rows;
      out.color.dpi = out_dpi;
      out.color.rgb.assign(rgb.datastart, rgb.dataend);
      cv::cvtColor(img, img, cv::COLOR_BGR2GRAY);
    }
    out.image.width = img.cols;
    out.image.height = img.rows;
    out.image.dpi = out_dpi;
    out.image.pixels.assign(img.datastart, img.dataend);
    if (!img.isContinuous()) {
      out.image.pixels.clear();
      for (int y = 0; y < img.rows; ++y) {
        out.image.pixels.insert(out.image.pixels.end(), img.ptr<uint8_t>(y),
                                img.ptr<uint8_t>(y) + img.cols);
      }
    }
    t.dpi = out_dpi;
    t.width = img.cols;
    t.height = img.rows;
    for (int k = 0; k < 6; ++k) t.affine[k] = m.at<double>(k / 3, k % 3);
    out.transform = t;
    return out;
  } catch (const cv::Exception& e) {
    return MakeError(ErrorCode::kInternal, std::string("OpenCV: ") + e.what());
  }
}

}  // namespace vnplan::synth
