#include "qmol/core/data_path.h"

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "qmol/core/build_info.h"

namespace qmol {
namespace fs = std::filesystem;

const char* data_folder(DataKind kind) {
  switch (kind) {
    case DataKind::basis:
      return "basis";
    case DataKind::ansatz:
      return "ansatz";
  }
  return "";
}

const char* data_path_variable(DataKind kind) {
  switch (kind) {
    case DataKind::basis:
      return "QMOL_BASIS_PATH";
    case DataKind::ansatz:
      return "QMOL_ANSATZ_PATH";
  }
  return "";
}

std::vector<std::string> data_search_path(DataKind kind) {
  const std::string folder = data_folder(kind);
  std::vector<std::string> dirs;
  if (const char* env = std::getenv(data_path_variable(kind))) {
    std::stringstream ss(env);
    for (std::string dir; std::getline(ss, dir, ':');)
      if (!dir.empty()) dirs.push_back(dir);
  }
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    dirs.push_back((exe.parent_path() / folder).string());
    dirs.push_back((exe.parent_path() / installed_data_dir_from_bin() / folder).string());
  }
  dirs.push_back((fs::path(source_tree_dir()) / folder).string());
  dirs.push_back((fs::path(configured_data_dir()) / folder).string());
  return dirs;
}

std::string find_data_file(DataKind kind, const std::string& file_name) {
  for (const std::string& dir : data_search_path(kind)) {
    const fs::path candidate = fs::path(dir) / file_name;
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
  }
  return "";
}

}  // namespace qmol
