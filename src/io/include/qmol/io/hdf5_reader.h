#pragma once

#include <map>
#include <string>
#include <vector>

#include "qmol/io/run_result.h"

namespace qmol {

// Reads back what Hdf5Writer::write_run wrote under `group` of the file at `path` (the round-trip
// test compares every number; scripts may use it too). IoError when the file or group is missing
// or not a qmol results file.
RunResult read_hdf5(const std::string& path, const std::string& group = "/");

// File-level metadata attributes of a results file: "qmol_version", "git_commit", "created",
// "format", "format_version".
std::map<std::string, std::string> read_hdf5_metadata(const std::string& path);

}  // namespace qmol
