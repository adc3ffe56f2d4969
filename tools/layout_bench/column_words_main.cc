// vnplan-column-words: trains the per-column word statistics of plan-table
// cells (table/column_words.h) from plan JSON files: either a plan
// ({"criteria": [...]}, as vnplan writes and the *.expected.json hold) or a
// bare array of criteria (vnplan-synth plan --criteria-json). Each of the
// seven content fields of every criterion counts as a cell of its column,
// each distinct (column, line of the cell) once: the generator repeats its
// few phrases in every plan (and joins several actions in one cell), and a
// phrase seen 50 times is no more typical of its column than one seen once.
// Writes the model file (--out); a summary to stderr.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "common/exit_codes.h"
#include "layout_sim.h"
#include "table/column_words.h"

namespace vnplan::layout_bench {
namespace {

Status AddPlanFile(const std::string& path, table::ColumnWords* model, int* rows,
                   bool repeats, std::set<std::pair<int, std::string>>* seen) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kInputError, "cannot read " + path);
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_object() && j.contains("criteria")) j = j["criteria"];
  if (!j.is_array()) return MakeError(ErrorCode::kInputError, path + ": no criteria array");
  for (const auto& c : j) {
    if (!c.is_object()) continue;
    ++*rows;
    for (int col = 0; col < kContentColumns; ++col) {
      auto it = c.find(kFieldNames[col]);
      if (it == c.end() || !it->is_string()) continue;
      std::istringstream lines(it->get<std::string>());
      for (std::string line; std::getline(lines, line);) {
        if (seen->insert({col, line}).second || repeats) model->AddCell(col, line);
      }
    }
  }
  return {};
}

}  // namespace
}  // namespace vnplan::layout_bench

int main(int argc, char** argv) {
  std::vector<std::string> inputs;
  std::string out;
  bool repeats = false;
  CLI::App app{"Per-column word statistics of plan-table cells, from plan JSON files"};
  app.add_option("inputs", inputs, "plan JSON files (plans or bare criteria arrays)")->required();
  app.add_option("--out", out, "model file to write")->required();
  app.add_flag("--repeats", repeats, "count every line of every cell, repeats included");
  CLI11_PARSE(app, argc, argv);
  vnplan::table::ColumnWords model;
  int rows = 0;
  std::set<std::pair<int, std::string>> seen;
  for (const auto& path : inputs) {
    if (auto s = vnplan::layout_bench::AddPlanFile(path, &model, &rows, repeats, &seen); !s) {
      std::fprintf(stderr, "vnplan-column-words: %s\n", s.error().message.c_str());
      return vnplan::ExitCodeFor(s.error().code);
    }
  }
  if (auto s = model.Save(out); !s) {
    std::fprintf(stderr, "vnplan-column-words: %s\n", s.error().message.c_str());
    return vnplan::ExitCodeFor(s.error().code);
  }
  std::fprintf(stderr, "vnplan-column-words: %zu files, %d criteria, %zu distinct cell lines, %zu words -> %s\n",
               inputs.size(), rows, seen.size(), model.vocabulary(), out.c_str());
  return 0;
}
