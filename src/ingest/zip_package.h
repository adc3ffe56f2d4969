// The libzip adapter of the office readers: opens a ZIP package (.docx,
// .xlsx, .odt, .ods) read-only and reads its members. Input: a file path.
// Output: members' uncompressed bytes; kInputError for a file that is not
// a readable ZIP archive and for members that are missing, encrypted,
// corrupt or larger than 256 MB uncompressed.
#ifndef VNPLAN_INGEST_ZIP_PACKAGE_H_
#define VNPLAN_INGEST_ZIP_PACKAGE_H_

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

struct zip;  // libzip's archive handle (zip_t)

namespace vnplan::ingest {

class ZipPackage {
 public:
  // kInputError when `path` cannot be opened as a ZIP archive; the message
  // names libzip's reason.
  static Result<ZipPackage> Open(const std::filesystem::path& path);

  // True when the archive has a member named exactly `name`.
  bool Has(const std::string& name) const;
  // The uncompressed bytes of member `name`.
  Result<std::string> Read(const std::string& name) const;

 private:
  struct Closer {
    void operator()(zip* z) const;
  };
  explicit ZipPackage(zip* z) : zip_(z) {}
  std::unique_ptr<zip, Closer> zip_;
};

// One relationship of an OOXML relationships part, its target resolved.
struct Relationship {
  std::string id, type, target;
};

// The internal relationships of the relationships part `rels_xml` of a
// part in folder `base` ("" or "xl/"), in order; targets resolved as
// ResolveTarget does. Empty when the part does not parse.
std::vector<Relationship> Relationships(std::string_view rels_xml, const std::string& base);

// The target of the first relationship in `rels_xml` whose type ends with
// `type_suffix` ("/officeDocument", "/styles"); empty if none.
std::string RelationshipTarget(std::string_view rels_xml, std::string_view type_suffix,
                               const std::string& base);

// The relationships part of an OOXML part: "xl/workbook.xml" ->
// "xl/_rels/workbook.xml.rels".
std::string RelationshipsPartOf(const std::string& part);

// The folder of a part with its trailing slash: "xl/workbook.xml" -> "xl/".
std::string FolderOf(const std::string& part);

// A relationship's `target` resolved against the folder `base`: absolute
// targets ("/xl/workbook.xml") lose their slash, "../" steps out of `base`.
std::string ResolveTarget(const std::string& base, std::string target);

}  // namespace vnplan::ingest

#endif  // VNPLAN_INGEST_ZIP_PACKAGE_H_
