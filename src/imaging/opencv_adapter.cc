#include "imaging/opencv_adapter.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace vnplan::imaging {
namespace {

// A Mat header over the GrayImage's pixels (no copy).
cv::Mat Wrap(const GrayImage& image) {
  return cv::Mat(image.height, image.width, CV_8UC1,
                 const_cast<uint8_t*>(image.pixels.data()));
}

GrayImage Unwrap(const cv::Mat& mat, int dpi) {
  GrayImage out;
  out.width = mat.cols;
  out.height = mat.rows;
  out.dpi = dpi;
  out.pixels.resize(static_cast<size_t>(mat.cols) * mat.rows);
  cv::Mat dst(mat.rows, mat.cols, CV_8UC1, out.pixels.data());
  mat.copyTo(dst);
  return out;
}

}  // namespace

Result<GrayImage> MedianBlur(const GrayImage& image, int ksize) {
  if (image.empty() || ksize < 3 || ksize % 2 == 0) {
    return MakeError(ErrorCode::kInvalidArgument, "MedianBlur: bad image or kernel size");
  }
  try {
    cv::Mat out;
    cv::medianBlur(Wrap(image), out, ksize);
    return Unwrap(out, image.dpi);
  } catch (const cv::Exception& e) {
    return MakeError(ErrorCode::kInternal, std::string("OpenCV medianBlur: ") + e.what());
  }
}

Result<double> EstimateNoise(const GrayImage& image, GrayImage* median3) {
  if (image.empty()) return MakeError(ErrorCode::kInvalidArgument, "EstimateNoise: empty image");
  try {
    const cv::Mat src = Wrap(image);
    cv::Mat med, diff;
    cv::medianBlur(src, med, 3);
    cv::absdiff(src, med, diff);
    const cv::Mat paper = med > 150;
    const double noise = cv::countNonZero(paper) > 0 ? cv::mean(diff, paper)[0] : 0.0;
    if (median3 != nullptr) *median3 = Unwrap(med, image.dpi);
    return noise;
  } catch (const cv::Exception& e) {
    return MakeError(ErrorCode::kInternal, std::string("OpenCV noise estimate: ") + e.what());
  }
}

Result<GrayImage> SauvolaBinarize(const GrayImage& image, int half_window, double k) {
  if (image.empty() || half_window < 1) {
    return MakeError(ErrorCode::kInvalidArgument, "SauvolaBinarize: bad image or window");
  }
  try {
    const cv::Mat src = Wrap(image);
    // Window mean and mean of squares straight from the 8-bit image, then
    // one pass computing the threshold m * (1 + k * (s / R - 1)), R = 128.
    cv::Mat mean, sq_mean;
    const cv::Size window(2 * half_window + 1, 2 * half_window + 1);
    cv::boxFilter(src, mean, CV_32F, window, cv::Point(-1, -1), true, cv::BORDER_REPLICATE);
    cv::sqrBoxFilter(src, sq_mean, CV_32F, window, cv::Point(-1, -1), true,
                     cv::BORDER_REPLICATE);
    GrayImage out;
    out.width = image.width;
    out.height = image.height;
    out.dpi = image.dpi;
    out.pixels.resize(image.pixels.size());
    const float kf = static_cast<float>(k);
    for (int y = 0; y < src.rows; ++y) {
      const uint8_t* in = src.ptr<uint8_t>(y);
      const float* m = mean.ptr<float>(y);
      const float* sq = sq_mean.ptr<float>(y);
      uint8_t* o = out.pixels.data() + static_cast<size_t>(y) * image.width;
      for (int x = 0; x < src.cols; ++x) {
        const float sd = std::sqrt(std::max(sq[x] - m[x] * m[x], 0.0f));
        const float threshold = m[x] * (1.0f + kf * (sd / 128.0f - 1.0f));
        o[x] = in[x] < threshold ? 0 : 255;  // text 0, paper 255
      }
    }
    return out;
  } catch (const cv::Exception& e) {
    return MakeError(ErrorCode::kInternal, std::string("OpenCV Sauvola: ") + e.what());
  }
}

}  // namespace vnplan::imaging
