// The libxml2 adapter of the office readers (docx_text, odf_text,
// xlsx_text): parses one XML part of a package into an owned tree and
// reads elements and attributes by local name. Input: the part's bytes.
// Output: a tree to walk; null when the part is not well formed. Internal
// to src/ingest (its users link libxml2 through vnplan_ingest).
#ifndef VNPLAN_INGEST_XML_PARTS_H_
#define VNPLAN_INGEST_XML_PARTS_H_

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>

namespace vnplan::ingest::xml {

struct DocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocDeleter>;

// Parses an XML part; null when it is empty or not well formed. No
// network, no external entities, no error output.
DocPtr Parse(std::string_view xml);

// The root element of `doc`, null for a null document.
const xmlNode* Root(const DocPtr& doc);

// Elements are matched by local name: OOXML comes in two namespaces
// (transitional and strict) with the same names, and ODF's prefixes are
// conventional, not fixed.
std::string_view Name(const xmlNode* node);
bool Is(const xmlNode* node, std::string_view name);
// The first child element named `name`; null if none or `node` is null.
const xmlNode* Child(const xmlNode* node, std::string_view name);

// An attribute by local name ("w:val" -> "val"); empty if absent.
std::string Attribute(const xmlNode* node, std::string_view name);
// An attribute read as a count in [0, max]; `fallback` when absent or not
// a number.
int IntAttribute(const xmlNode* node, std::string_view name, int fallback, int max);

// The text nodes directly under `node`, concatenated.
std::string DirectText(const xmlNode* node);

}  // namespace vnplan::ingest::xml

#endif  // VNPLAN_INGEST_XML_PARTS_H_
