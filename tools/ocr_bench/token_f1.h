// Token-level F1 between OCR output and gold text, the figure the OCR
// benchmark reports. Tokens are whitespace-separated, NFC-normalised, with
// leading/trailing punctuation stripped (so "dục." matches "dục"), compared
// case-sensitively as multisets (reading order does not matter: tables are
// read cell by cell in the gold text but line by line by Tesseract).
#ifndef VNPLAN_TOOLS_OCR_BENCH_TOKEN_F1_H_
#define VNPLAN_TOOLS_OCR_BENCH_TOKEN_F1_H_

#include <string>
#include <vector>

namespace vnplan::bench {

std::vector<std::string> Tokens(const std::string& text);

struct TokenCounts {
  long gold = 0;     // tokens in the gold text
  long ocr = 0;      // tokens in the OCR output
  long matched = 0;  // multiset intersection size

  TokenCounts& operator+=(const TokenCounts& o) {
    gold += o.gold;
    ocr += o.ocr;
    matched += o.matched;
    return *this;
  }
  double precision() const { return ocr ? static_cast<double>(matched) / ocr : 0.0; }
  double recall() const { return gold ? static_cast<double>(matched) / gold : 0.0; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};

TokenCounts CountTokens(const std::string& gold, const std::string& ocr);

}  // namespace vnplan::bench

#endif  // VNPLAN_TOOLS_OCR_BENCH_TOKEN_F1_H_
