#pragma once

#include <string>
#include <vector>

namespace qmol {

// Every output a command writes is checked here before any work, so a bad path costs a second,
// not the computation. The checks create nothing; failures are InputError (CLI exit 2) naming the
// path and the fix.

// Throws InputError ("... exists; use --force to overwrite it") when `path` exists and
// `overwrite` is false.
void check_overwrite(const std::string& path, bool overwrite);

// A result file: refused when it is a directory or another non-regular file (a device), when it
// exists and `overwrite` is false, or when it cannot be created: its nearest existing ancestor is
// not a directory, or nothing can be created there (read-only, /proc; probed by creating and
// removing a temporary directory).
void check_output_file(const std::string& path, bool overwrite);

// All the result files of one command (empty paths are skipped): each as above, and no two the
// same file.
void check_output_files(const std::vector<std::string>& paths, bool overwrite);

// An output directory (scan and screen --out): refused when it exists but is not a directory, or
// when it (or the parent it would be created in) cannot be written.
void check_output_directory(const std::string& dir);

}  // namespace qmol
