#pragma once

#include <string>
#include <vector>

namespace qmol {

// The data folders that ship with qmol: basis/ (Gaussian94 basis sets, <name>.g94) and ansatz/
// (ansatz templates, <name>.toml).
enum class DataKind { basis, ansatz };

// "basis" or "ansatz": the folder's name in the source tree, next to a built executable and in
// <prefix>/share/qmol/ of an installed qmol.
const char* data_folder(DataKind kind);

// "QMOL_BASIS_PATH" or "QMOL_ANSATZ_PATH": the environment variable that comes first.
const char* data_path_variable(DataKind kind);

// Directories searched for files of `kind`, in this order:
//   1. $QMOL_BASIS_PATH / $QMOL_ANSATZ_PATH, colon-separated (empty entries skipped);
//   2. <directory of the running executable>/<folder> (the build tree copies basis/ there);
//   3. <directory of the running executable>/../share/qmol/<folder> (an installed qmol, wherever
//      its prefix was moved);
//   4. the source tree's <folder> (a build run before or without installing);
//   5. <configured install prefix>/share/qmol/<folder> (a program that links the installed
//      library but lives outside <prefix>/bin).
// The executable is /proc/self/exe; where it cannot be read, 2 and 3 are left out.
std::vector<std::string> data_search_path(DataKind kind);

// The first regular file <dir>/<file_name> along data_search_path(kind), or "" when none.
std::string find_data_file(DataKind kind, const std::string& file_name);

}  // namespace qmol
