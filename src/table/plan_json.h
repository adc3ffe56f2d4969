// Serialises a PlanDocument (plan_schema.h) to the JSON described by
// schemas/plan.schema.json (version kPlanSchemaVersion): schema_version,
// source {path, sha256, pages, route}, document, criteria, tables, text,
// diagnostics. Empty cells are "" (never missing); unknown level/standard
// are null.
#ifndef VNPLAN_TABLE_PLAN_JSON_H_
#define VNPLAN_TABLE_PLAN_JSON_H_

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "table/plan_schema.h"

namespace vnplan::table {

inline constexpr const char* kPlanSchemaVersion = "1.1.0";

struct SourceInfo {
  std::string path;    // as given by the caller
  std::string sha256;  // lower-case hex of the input bytes
  int pages = 0;       // page count; 0 for plain-text inputs
  std::string route;   // how the input was read: "text", "pdf-text", "ocr", ...
};

// Lower-case hex SHA-256 of `bytes` (OpenSSL).
std::string Sha256Hex(std::string_view bytes);

// The JSON document; keys keep the schema's order.
nlohmann::ordered_json ToJson(const PlanDocument& plan, const SourceInfo& source);

}  // namespace vnplan::table

#endif  // VNPLAN_TABLE_PLAN_JSON_H_
