#include "testing/docx_writer.h"

#include <zip.h>

namespace vnplan::testing {

bool WriteZip(const std::filesystem::path& path,
              const std::vector<std::pair<std::string, std::string>>& members) {
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (!zip) return false;
  for (const auto& [name, bytes] : members) {
    // libzip reads the buffer at zip_close; `members` outlives that call.
    zip_source_t* source = zip_source_buffer(zip, bytes.data(), bytes.size(), 0);
    if (!source || zip_file_add(zip, name.c_str(), source, ZIP_FL_OVERWRITE) < 0) {
      if (source) zip_source_free(source);
      zip_discard(zip);
      return false;
    }
  }
  return zip_close(zip) == 0;
}

bool WriteDocx(const std::filesystem::path& path, const std::string& body_xml,
               const std::string& styles_xml, const std::string& document_part) {
  const std::string dir = document_part.substr(0, document_part.rfind('/') + 1);
  const std::string file = document_part.substr(dir.size());
  std::vector<std::pair<std::string, std::string>> members = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\"?><Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default "
       "Extension=\"xml\" ContentType=\"application/xml\"/></Types>"},
      {"_rels/.rels",
       "<?xml version=\"1.0\"?><Relationships "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
       "Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
       "officeDocument\" Target=\"" + document_part + "\"/></Relationships>"},
      {document_part, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document " +
                          std::string(kWordNamespace) + "><w:body>" + body_xml +
                          "<w:sectPr/></w:body></w:document>"}};
  if (!styles_xml.empty()) {
    members.push_back({dir + "_rels/" + file + ".rels",
                       "<?xml version=\"1.0\"?><Relationships "
                       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                       "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
                       "officeDocument/2006/relationships/styles\" Target=\"theme_styles.xml\"/>"
                       "</Relationships>"});
    members.push_back({dir + "theme_styles.xml", "<?xml version=\"1.0\"?><w:styles " +
                                                     std::string(kWordNamespace) + ">" +
                                                     styles_xml + "</w:styles>"});
  }
  return WriteZip(path, members);
}

}  // namespace vnplan::testing
