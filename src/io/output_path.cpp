#include "qmol/io/output_path.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>

#include "qmol/core/errors.h"
#include "qmol/io/atomic_file.h"

namespace qmol {
namespace fs = std::filesystem;

namespace {

// The nearest ancestor of `p` (or `p` itself) that exists.
fs::path existing_ancestor(const fs::path& p) {
  fs::path a = fs::absolute(p).lexically_normal();
  std::error_code ec;
  while (!fs::exists(fs::symlink_status(a, ec)) && a.has_relative_path()) a = a.parent_path();
  return a;
}

// `dir` itself when it exists, else the ancestor it would be created in; the probe directory
// follows temporary_name() so a kill in between leaves what the resume cleanup removes.
void probe_writable(const fs::path& dir, const std::string& path) {
  const fs::path ancestor = existing_ancestor(dir);
  std::error_code ec;
  if (!fs::is_directory(ancestor, ec))
    throw InputError(fmt::format("{} is not a directory, so the output cannot be created under "
                                 "it; choose another path",
                                 ancestor.string()),
                     {path, 0, ""});
  const std::string probe = temporary_name((ancestor / ".qmol-probe").string());
  if (::mkdir(probe.c_str(), 0700) != 0)
    throw InputError(fmt::format("cannot create files in {}: {}; choose another output path",
                                 ancestor.string(), std::strerror(errno)),
                     {path, 0, ""});
  ::rmdir(probe.c_str());
}

}  // namespace

void check_overwrite(const std::string& path, bool overwrite) {
  if (!overwrite && fs::exists(path))
    throw InputError("the file exists; use --force to overwrite it", {path, 0, ""});
}

void check_output_file(const std::string& path, bool overwrite) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (fs::is_directory(status))
    throw InputError("this is a directory; give the name of a file to write", {path, 0, ""});
  if (fs::exists(status) && !fs::is_regular_file(status))
    throw InputError("this is not a regular file (a device or a pipe?); give another path",
                     {path, 0, ""});
  check_overwrite(path, overwrite);
  const fs::path parent = fs::path(path).parent_path();
  probe_writable(parent.empty() ? fs::path(".") : parent, path);
}

void check_output_files(const std::vector<std::string>& paths, bool overwrite) {
  std::set<fs::path> seen;
  for (const std::string& path : paths) {
    if (path.empty()) continue;
    if (!seen.insert(fs::absolute(path).lexically_normal()).second)
      throw InputError("two outputs of this command name the same file; give each its own",
                       {path, 0, ""});
    check_output_file(path, overwrite);
  }
}

void check_output_directory(const std::string& dir) {
  std::error_code ec;
  const fs::file_status status = fs::status(dir, ec);
  if (fs::exists(status) && !fs::is_directory(status))
    throw InputError("this is a file, not a directory; give a directory for the results",
                     {dir, 0, ""});
  probe_writable(dir, dir);
}

}  // namespace qmol
