#pragma once
// Workflow-internal: a job from an already parsed TOML table, so that a caller can build or merge
// tables first (a plain geometry file's job, screening's molecule job under its settings) and the
// merged table is still parsed, checked and located in one place.

#include <toml++/toml.h>

#include <string>
#include <vector>

#include "qmol/workflow/job.h"

namespace qmol {

// The text of a job or template file; InputError when it cannot be read (bad input, exit 2).
std::string read_job_text(const std::string& path);

// The TOML text of a job file as a table; InputError "not valid TOML" with the line.
toml::table parse_toml(const std::string& text, const std::string& path);

// parse_job on a table: `text` is kept as the job's text, `path` is the job's file (paths in it
// are relative to that file; errors name the file each key came from, see JobSection::where).
// `notes`, when given, receives what a default decided that the user should hear of (an odd
// electron count made a doublet), one line each, "FILE: ...".
Job parse_job_table(const toml::table& root, const std::string& text, const std::string& path,
                    bool require_molecule, std::vector<std::string>* notes = nullptr);

}  // namespace qmol
