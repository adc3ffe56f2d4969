// Serialises a PlanDocument (plan_schema.h) to the JSON described by
// schemas/plan.schema.json (version kPlanSchemaVersion): schema_version,
// source {path, sha256, pages, route}, document, criteria, tables, text,
// diagnostics. Criteria and tables carry "regions": where they lie on each
// page, as [x0, y0, x1, y1] in PDF points from the page's top-left corner;
// and "lines": [first, last], the lines of a text source they were read
// from (null for images and PDFs). Empty cells are "" (never missing);
// unknown level/standard are null.
#ifndef VNPLAN_TABLE_PLAN_JSON_H_
#define VNPLAN_TABLE_PLAN_JSON_H_

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "table/plan_schema.h"

namespace vnplan::table {

inline constexpr const char* kPlanSchemaVersion = "1.3.0";

struct SourceInfo {
  std::string path;    // as given by the caller
  std::string sha256;  // lower-case hex of the input bytes
  int pages = 0;       // page count; 0 for plain-text inputs
  std::string route;   // how the input was read: "text", "pdf-text", "ocr", ...
  // The resolution (dots per inch) each page's image was read at, index
  // page - 1; regions (plan_schema.h Region) are written in PDF points
  // through it, and left out for pages without one. Empty for text inputs.
  std::vector<int> page_dpi;
};

// Lower-case hex SHA-256 of `bytes` (OpenSSL).
std::string Sha256Hex(std::string_view bytes);

// The JSON document; keys keep the schema's order.
nlohmann::ordered_json ToJson(const PlanDocument& plan, const SourceInfo& source);

}  // namespace vnplan::table

#endif  // VNPLAN_TABLE_PLAN_JSON_H_
