#include "table/plan_json.h"

#include <cmath>

#include <openssl/evp.h>

#include <cstdio>

namespace vnplan::table {

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  std::string hex;
  hex.reserve(length * 2);
  char buf[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(buf, sizeof(buf), "%02x", digest[i]);
    hex += buf;
  }
  return hex;
}

namespace {

// Regions in PDF points (1/72 inch) from the top-left corner of the page,
// rounded to 0.1; regions of pages whose resolution is unknown are left
// out.
nlohmann::ordered_json RegionsJson(const std::vector<Region>& regions, const SourceInfo& source) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Region& r : regions) {
    if (r.page < 1 || r.page > static_cast<int>(source.page_dpi.size())) continue;
    const int dpi = source.page_dpi[r.page - 1];
    if (dpi <= 0) continue;
    const auto points = [dpi](int pixels) { return std::round(pixels * 720.0 / dpi) / 10.0; };
    out.push_back({{"page", r.page},
                   {"bbox", {points(r.box.x0), points(r.box.y0), points(r.box.x1), points(r.box.y1)}}});
  }
  return out;
}

// [first, last] or null.
nlohmann::ordered_json LinesJson(const std::optional<LineSpan>& lines) {
  if (!lines) return nullptr;
  return {lines->first, lines->last};
}

}  // namespace

nlohmann::ordered_json ToJson(const PlanDocument& plan, const SourceInfo& source) {
  using nlohmann::ordered_json;
  ordered_json j;
  j["schema_version"] = kPlanSchemaVersion;
  j["source"] = {{"path", source.path},
                 {"sha256", source.sha256},
                 {"pages", source.pages},
                 {"route", source.route}};
  const DocumentInfo& d = plan.document;
  j["document"] = {{"number", d.number},         {"place", d.place},
                   {"date", d.date},             {"title", d.title},
                   {"school_year", d.school_year}, {"organization", d.organization},
                   {"signer", d.signer}};
  ordered_json criteria = ordered_json::array();
  for (const auto& c : plan.criteria) {
    ordered_json o;
    o["level"] = c.level ? ordered_json(*c.level) : ordered_json(nullptr);
    o["standard"] = c.standard ? ordered_json(*c.standard) : ordered_json(nullptr);
    o["standard_title"] = c.standard_title;
    o["criterion"] = c.criterion;
    o["criterion_label"] = c.criterion_label;
    o["expected_result"] = c.expected_result;
    o["actions"] = c.actions;
    o["responsible"] = c.responsible;
    o["timeline"] = c.timeline;
    o["budget"] = c.budget;
    o["other_support"] = c.other_support;
    o["notes"] = c.notes;
    o["pages"] = c.pages;
    o["regions"] = RegionsJson(c.regions, source);
    o["lines"] = LinesJson(c.lines);
    o["confidence"] = c.confidence;
    ordered_json fields = ordered_json::object();
    static constexpr const char* kFieldNames[] = {"expected_result", "actions", "responsible",
                                                  "timeline", "budget", "other_support", "notes"};
    for (size_t k = 0; k < c.field_confidence.size(); ++k) {
      const auto& value = c.field_confidence[k];
      // Rounded to 0.001: the figures come through float cells.
      fields[kFieldNames[k]] =
          value ? ordered_json(std::round(*value * 1000) / 1000) : ordered_json(nullptr);
    }
    o["field_confidence"] = std::move(fields);
    criteria.push_back(std::move(o));
  }
  j["criteria"] = std::move(criteria);
  ordered_json tables = ordered_json::array();
  for (const auto& t : plan.tables) {
    ordered_json o;
    o["caption"] = t.caption;
    o["headers"] = t.headers;
    ordered_json rows = ordered_json::array();
    for (const auto& row : t.rows) {
      ordered_json r = ordered_json::object();
      for (size_t k = 0; k < t.headers.size(); ++k) r[t.headers[k]] = k < row.size() ? row[k] : "";
      rows.push_back(std::move(r));
    }
    o["rows"] = std::move(rows);
    o["pages"] = t.pages;
    o["regions"] = RegionsJson(t.regions, source);
    o["lines"] = LinesJson(t.lines);
    o["format"] = t.format;
    tables.push_back(std::move(o));
  }
  j["tables"] = std::move(tables);
  j["text"] = plan.text;
  ordered_json diagnostics = ordered_json::array();
  for (const auto& d : plan.diagnostics) {
    diagnostics.push_back({{"severity", d.severity}, {"code", d.code}, {"message", d.message}});
  }
  j["diagnostics"] = std::move(diagnostics);
  return j;
}

}  // namespace vnplan::table
