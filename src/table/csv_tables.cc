#include "table/csv_tables.h"

#include <csv.h>

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/utf8.h"

namespace vnplan::table {
namespace {

// ---- libcsv adapter ----------------------------------------------------------

using Record = std::vector<std::string>;

struct Collector {
  std::vector<Record> records;
  Record current;
};

void OnField(void* data, size_t size, void* sink) {
  auto* c = static_cast<Collector*>(sink);
  c->current.emplace_back(data ? static_cast<const char*>(data) : "", data ? size : 0);
}

void OnRecordEnd(int /*terminator*/, void* sink) {
  auto* c = static_cast<Collector*>(sink);
  c->records.push_back(std::move(c->current));
  c->current.clear();
}

// Only the space character pads a field: a tab may be the delimiter.
int IsPadding(unsigned char c) { return c == CSV_SPACE; }

// The records of `csv` split at `delimiter` (libcsv's relaxed mode: a
// stray quote is kept as text, an unterminated quoted field runs to the
// end).
std::vector<Record> ParseRecords(std::string_view csv, char delimiter) {
  csv_parser parser;
  if (csv_init(&parser, 0) != 0) return {};
  csv_set_delim(&parser, static_cast<unsigned char>(delimiter));
  csv_set_space_func(&parser, IsPadding);
  Collector collector;
  csv_parse(&parser, csv.data(), csv.size(), OnField, OnRecordEnd, &collector);
  csv_fini(&parser, OnField, OnRecordEnd, &collector);
  csv_free(&parser);
  return std::move(collector.records);
}

}  // namespace

char SniffCsvDelimiter(std::string_view csv) {
  constexpr size_t kSample = 64 * 1024;
  std::string_view sample = csv.substr(0, kSample);
  // Do not judge the last record of a cut sample.
  if (csv.size() > kSample) {
    const size_t last_newline = sample.rfind('\n');
    if (last_newline != std::string_view::npos) sample = sample.substr(0, last_newline + 1);
  }
  char best = ',';
  size_t best_score = 0;
  for (char delimiter : {',', ';', '\t'}) {
    std::map<size_t, size_t> by_width;  // fields per record -> records
    for (const Record& r : ParseRecords(sample, delimiter)) ++by_width[r.size()];
    size_t score = 0;
    for (const auto& [width, count] : by_width) {
      if (width > 1) score = std::max(score, count);
    }
    if (score > best_score) {
      best = delimiter;
      best_score = score;
    }
  }
  return best;
}

std::string CsvToTabText(std::string_view csv, char delimiter) {
  if (csv.starts_with("\xEF\xBB\xBF")) csv.remove_prefix(3);  // Excel's UTF-8 mark
  std::vector<Record> records = ParseRecords(csv, delimiter);
  std::vector<int> filled(records.size(), 0);  // non-empty fields per record
  for (size_t r = 0; r < records.size(); ++r) {
    for (std::string& field : records[r]) {
      field = CollapseSpaces(field);
      filled[r] += !field.empty();
    }
  }
  // Records of one cell before the first row of several and after the last
  // (a sheet's title, its signature) are prose, not rows of the table.
  const auto row = [](int n) { return n >= 2; };
  const size_t first = std::find_if(filled.begin(), filled.end(), row) - filled.begin();
  const size_t end = filled.rend() - std::find_if(filled.rbegin(), filled.rend(), row);
  std::string text;
  for (size_t r = 0; r < records.size(); ++r) {
    const bool prose = r < first || r >= end;
    std::string line;
    for (const std::string& field : records[r]) {
      if (!prose && &field != &records[r].front()) line.push_back('\t');
      if (prose && !field.empty() && !line.empty()) line.push_back(' ');
      line += field;
    }
    if (filled[r] > 0) text += line;
    text.push_back('\n');
  }
  return text;
}

}  // namespace vnplan::table
