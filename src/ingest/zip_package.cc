#include "ingest/zip_package.h"

#include <zip.h>

#include "ingest/xml_parts.h"

namespace vnplan::ingest {
namespace {

constexpr zip_uint64_t kMaxPartBytes = zip_uint64_t{256} << 20;

struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

}  // namespace

void ZipPackage::Closer::operator()(zip* z) const { zip_discard(z); }

Result<ZipPackage> ZipPackage::Open(const std::filesystem::path& path) {
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (!z) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, error);
    std::string message = "not a readable ZIP package: ";
    message += zip_error_strerror(&ze);
    zip_error_fini(&ze);
    return MakeError(ErrorCode::kInputError, message);
  }
  return ZipPackage(z);
}

bool ZipPackage::Has(const std::string& name) const {
  return zip_name_locate(zip_.get(), name.c_str(), 0) >= 0;
}

Result<std::string> ZipPackage::Read(const std::string& name) const {
  zip_t* z = zip_.get();
  const zip_int64_t index = zip_name_locate(z, name.c_str(), 0);
  if (index < 0) return MakeError(ErrorCode::kInputError, "no " + name + " in the archive");
  zip_stat_t st;
  if (zip_stat_index(z, static_cast<zip_uint64_t>(index), 0, &st) != 0 ||
      !(st.valid & ZIP_STAT_SIZE)) {
    return MakeError(ErrorCode::kInputError, "unreadable archive member " + name);
  }
  if (st.size > kMaxPartBytes) {
    return MakeError(ErrorCode::kInputError, name + " is larger than 256 MB uncompressed");
  }
  std::unique_ptr<zip_file_t, ZipFileCloser> file(
      zip_fopen_index(z, static_cast<zip_uint64_t>(index), 0));
  if (!file) {
    return MakeError(ErrorCode::kInputError,
                     "cannot open " + name + ": " + zip_strerror(z) + " (encrypted?)");
  }
  std::string bytes(st.size, '\0');
  zip_uint64_t done = 0;
  while (done < st.size) {
    const zip_int64_t n = zip_fread(file.get(), bytes.data() + done, st.size - done);
    if (n <= 0) {
      return MakeError(ErrorCode::kInputError,
                       "corrupt archive member " + name + ": " + zip_file_strerror(file.get()));
    }
    done += static_cast<zip_uint64_t>(n);
  }
  return bytes;
}

std::string FolderOf(const std::string& part) {
  const size_t slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

std::string RelationshipsPartOf(const std::string& part) {
  const std::string dir = FolderOf(part);
  return dir + "_rels/" + part.substr(dir.size()) + ".rels";
}

std::string ResolveTarget(const std::string& base, std::string target) {
  if (target.starts_with("/")) return target.substr(1);
  std::string dir = base;
  while (target.starts_with("../")) {
    target.erase(0, 3);
    if (!dir.empty()) dir.pop_back();
    dir = FolderOf(dir);
  }
  if (target.starts_with("./")) target.erase(0, 2);
  return dir + target;
}

std::vector<Relationship> Relationships(std::string_view rels_xml, const std::string& base) {
  std::vector<Relationship> out;
  xml::DocPtr doc = xml::Parse(rels_xml);
  const xmlNode* root = xml::Root(doc);
  if (!root) return out;
  for (const xmlNode* r = root->children; r; r = r->next) {
    if (!xml::Is(r, "Relationship") || xml::Attribute(r, "TargetMode") == "External") continue;
    out.push_back({xml::Attribute(r, "Id"), xml::Attribute(r, "Type"),
                   ResolveTarget(base, xml::Attribute(r, "Target"))});
  }
  return out;
}

std::string RelationshipTarget(std::string_view rels_xml, std::string_view type_suffix,
                               const std::string& base) {
  for (const Relationship& r : Relationships(rels_xml, base)) {
    if (r.type.ends_with(type_suffix)) return r.target;
  }
  return {};
}

}  // namespace vnplan::ingest
