// Spreadsheet exports saved as CSV (comma-, semicolon- or tab-separated,
// RFC 4180 quoting, cells over several lines) read with libcsv into the
// tab-separated lines the text route's table reader takes, as in seeds 000
// and 004. Input: UTF-8 text (a legacy encoding is repaired first, on the
// bytes). Output: one line per record.
#ifndef VNPLAN_TABLE_CSV_TABLES_H_
#define VNPLAN_TABLE_CSV_TABLES_H_

#include <string>
#include <string_view>

namespace vnplan::table {

// The field delimiter of `csv`: of ',', ';' (Excel's choice where the
// decimal separator is a comma, as in Vietnamese settings) and '\t', the
// one whose records in the first 64 KB most often share their number of
// fields, that number being more than one; ',' when none splits records.
char SniffCsvDelimiter(std::string_view csv);

// `csv` as tab-separated lines: one line per record, its fields joined by
// tabs, each field's line breaks, tabs and runs of spaces collapsed to one
// space and its edges trimmed. A record with no text is an empty line;
// records with text in at most one field before the first record with
// text in two and after the last (a sheet's title lines, its signature)
// are prose lines without tabs. An unterminated quoted field runs to the
// end of the input.
std::string CsvToTabText(std::string_view csv, char delimiter);

}  // namespace vnplan::table

#endif  // VNPLAN_TABLE_CSV_TABLES_H_
