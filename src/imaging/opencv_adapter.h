// Internal to imaging/: the OpenCV-backed filters of the cleanup chain
// (median denoising and Sauvola binarisation, both on integral/box filters
// that OpenCV vectorises). GrayImage in, GrayImage out; cv::Exception never
// escapes.
#ifndef VNPLAN_IMAGING_OPENCV_ADAPTER_H_
#define VNPLAN_IMAGING_OPENCV_ADAPTER_H_

#include <cstddef>  // common/image.h uses size_t without including it

#include "common/error.h"
#include "common/image.h"

namespace vnplan::imaging {

// `ksize` x `ksize` median filter (ksize odd, >= 3).
Result<GrayImage> MedianBlur(const GrayImage& image, int ksize);

// Estimates scanner noise: the mean absolute difference, in gray levels,
// between the image and its 3x3 median over paper pixels (median > 150).
// Also returns that median image in *median3 when non-null.
Result<double> EstimateNoise(const GrayImage& image, GrayImage* median3);

// Sauvola thresholding: a pixel is black (0) when it is darker than
// m * (1 + k * (s / 128 - 1)), with m and s the mean and standard deviation
// over a (2 * half_window + 1)^2 window; otherwise white (255).
Result<GrayImage> SauvolaBinarize(const GrayImage& image, int half_window, double k);

}  // namespace vnplan::imaging

#endif  // VNPLAN_IMAGING_OPENCV_ADAPTER_H_
