#include "ingest/xml_parts.h"

#include <libxml/parser.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdlib>
#include <mutex>

namespace vnplan::ingest::xml {

DocPtr Parse(std::string_view xml) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  if (xml.empty() || xml.size() > INT_MAX) return nullptr;
  return DocPtr(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "part.xml", nullptr,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
}

const xmlNode* Root(const DocPtr& doc) { return doc ? xmlDocGetRootElement(doc.get()) : nullptr; }

std::string_view Name(const xmlNode* node) {
  return node->name ? reinterpret_cast<const char*>(node->name) : "";
}

bool Is(const xmlNode* node, std::string_view name) {
  return node->type == XML_ELEMENT_NODE && Name(node) == name;
}

const xmlNode* Child(const xmlNode* node, std::string_view name) {
  if (!node) return nullptr;
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (Is(c, name)) return c;
  }
  return nullptr;
}

std::string Attribute(const xmlNode* node, std::string_view name) {
  if (!node || node->type != XML_ELEMENT_NODE) return {};
  for (const xmlAttr* a = node->properties; a; a = a->next) {
    if (a->name && name == reinterpret_cast<const char*>(a->name) && a->children &&
        a->children->content) {
      return reinterpret_cast<const char*>(a->children->content);
    }
  }
  return {};
}

int IntAttribute(const xmlNode* node, std::string_view name, int fallback, int max) {
  const std::string v = Attribute(node, name);
  if (v.empty() || !std::isdigit(static_cast<unsigned char>(v[0]))) return fallback;
  // strtol saturates at LONG_MAX on overflow; the clamp does the rest.
  return static_cast<int>(std::clamp<long>(std::strtol(v.c_str(), nullptr, 10), 0, max));
}

std::string DirectText(const xmlNode* node) {
  std::string text;
  if (!node) return text;
  for (const xmlNode* t = node->children; t; t = t->next) {
    if ((t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) && t->content) {
      text += reinterpret_cast<const char*>(t->content);
    }
  }
  return text;
}

}  // namespace vnplan::ingest::xml
