// Encoding repair: turns text in any legacy Vietnamese encoding, mojibake
// or damaged Unicode into clean NFC Unicode. Input is raw bytes (a file,
// a PDF text layer, a table cell); output is UTF-8 plus a per-block report
// of the detected encoding. Detection runs per line: every candidate
// decoding is scored by the share of words that are valid Vietnamese
// syllables, and a candidate replaces the text only with a margin over
// leaving it as is. Short lines follow the document's majority; a line
// that already holds Unicode Vietnamese letters (ư, ạ, đ...) is never
// re-decoded. Text that is not Vietnamese (English, French "café", Spanish
// "señor", binary) is passed through untouched and reported.
//
// Scores: words are runs of letters between separators (mark_repair.h);
// ASCII acronyms ("BCA"), single ASCII letters and invalid acronyms with Đ
// ("CTĐT") are left out; the first 24 words of a line are checked.
#ifndef VNPLAN_TEXT_ENCODING_REPAIR_H_
#define VNPLAN_TEXT_ENCODING_REPAIR_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/legacy_encoding.h"

namespace vnplan::text {

enum class TonePolicy : uint8_t {
  kKeep,  // leave tone marks where they are
  kOld,   // hòa, thúy, khỏe
  kNew,   // hoà, thuý, khoẻ
};

struct RepairOptions {
  // Source encoding for every block; nullopt (default) detects per line.
  std::optional<Encoding> from;
  // Tone placement of the output. Default kKeep.
  TonePolicy tones = TonePolicy::kKeep;
  // The text was set in a TCVN3 capitals font (.VnTimeH, .VnArialH...),
  // which draws lower-case codes as capitals: blocks decoded as TCVN3 are
  // upper-cased (vi locale). Default false. The pipeline sets it from the
  // PDF font name.
  bool tcvn3_uppercase_font = false;
  // How much a candidate's score must beat leaving a line as is. Default
  // 0.15 (scores are shares of valid syllables, 0..1).
  double margin = 0.15;
  // Lines with fewer words than this follow the document's majority
  // encoding. Default 4.
  int min_words = 4;
  // The encoding already detected for the surrounding document (e.g. the
  // RepairResult::majority of a page's text layer when repairing its table
  // cells one by one): tried first, and the majority when the input itself
  // has too few words to tell. Default nullopt (auto only).
  std::optional<Encoding> prior;
};

enum class BlockStatus : uint8_t {
  kEmpty,          // no words (blank, digits, punctuation)
  kVietnamese,     // decoded text is Vietnamese
  kNotVietnamese,  // left as is: not Vietnamese in any candidate encoding
  kUnknownEncoding,  // left as is: looks mis-encoded (symbols inside words:
                     // "K¹ ho¶"), but no known decoding gives Vietnamese
};

// "empty", "vietnamese", "not-vietnamese", "unknown-encoding".
const char* BlockStatusName(BlockStatus status);

struct EncodingScore {
  Encoding encoding = Encoding::kUtf8;
  double score = 0;     // share of words that are valid syllables, 0..1
  double evidence = 0;  // share of valid words with Vietnamese diacritics
};

// A run of consecutive lines with the same decision.
struct BlockReport {
  size_t first_line = 0;  // 0-based line number in the input
  size_t line_count = 0;
  size_t words = 0;  // scored words (acronyms, single letters left out)
  Encoding encoding = Encoding::kUtf8;  // chosen decoding (kUtf8: as is)
  double score = 0;                     // of the chosen decoding
  BlockStatus status = BlockStatus::kEmpty;
  bool inherited = false;  // short lines that followed the majority
  // The best other candidates of the block's longest line, best first
  // (at most 3).
  std::vector<EncodingScore> alternatives;
};

struct RepairResult {
  std::string text;  // repaired UTF-8 (NFC), or the input if untouched
  std::vector<BlockReport> blocks;
  bool changed = false;         // text differs from the input
  bool binary = false;          // input looked binary: returned untouched
  bool input_was_utf8 = true;   // false: bytes were read as legacy/CP1252
  bool input_was_utf16 = false;  // UTF-16 with a byte-order mark (Notepad's
                                 // "Unicode"), converted to UTF-8 first
  bool any_vietnamese = false;  // some block has status kVietnamese
  bool any_unknown_encoding = false;  // some block has kUnknownEncoding
  Encoding majority = Encoding::kUtf8;  // most words were in this encoding
};

// Repairs `input`: UTF-8 text, legacy bytes (any input that is not valid
// UTF-8 is first read through Windows-1252, reversibly), or UTF-16 with a
// byte-order mark. Lines are split on '\n' and kept ('\r' stays). Never
// fails: undecidable text is returned as it came, binary input byte for
// byte.
RepairResult Repair(std::string_view input, const RepairOptions& options = {});

// The report as a text table (one row per block: lines, encoding, score,
// status, alternatives), for `vnplan repair --report`.
std::string FormatReport(const RepairResult& result);

}  // namespace vnplan::text

#endif  // VNPLAN_TEXT_ENCODING_REPAIR_H_
