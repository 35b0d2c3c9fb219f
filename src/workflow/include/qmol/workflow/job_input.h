#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "qmol/workflow/job.h"

namespace qmol {

// The kinds of input file qmol reads, told apart by their extension (case-insensitive): a job
// file (.toml), a plain geometry (.xyz), or a chemical structure file (structure_format_of in
// qmol/chem/chemical_structure.h: SMILES, SD/MOL, MOL2, PDB).
enum class InputKind { job, xyz, structure };

// ".toml, .xyz, .smi, ...": the extensions qmol reads, for messages.
std::string input_extensions();

// A file name's extension in lower case, with the dot ("" when none).
std::string input_extension(const std::string& path);
// The kind of a file name, from its extension; nullopt when qmol reads no such file.
std::optional<InputKind> input_kind_of(const std::string& path);
// The kind of an input file given on the command line: InputError for a missing file ("no such
// file"), a directory, or an extension of no known kind ("unknown input type '.foo' (expected
// .toml or .xyz)").
InputKind input_kind(const std::string& path);

// Values given outside the molecule's file (--charge, --multiplicity, --basis; screening's CSV
// columns): they win over the file's own.
struct MoleculeOverrides {
  std::optional<int> charge;
  std::optional<int> multiplicity;
  std::optional<std::string> basis;
  std::optional<int> record;  // of a multi-record structure file (from 1; screening's records)
  bool empty() const { return !charge && !multiplicity && !basis && !record; }
};

// A screening's settings file: a job without a geometry that fills what a molecule's own input
// leaves unset.
struct SettingsFile {
  std::string path;
  std::string text;
};

// A job and what defaults decided on the way that the user should hear of ("FILE: ..." lines,
// the CLI prints them as notes): an odd electron count given no multiplicity is a doublet.
struct JobInput {
  Job job;
  std::vector<std::string> notes;
};

// The job of an input file of any kind (input_kind): a job file as written, or a plain geometry
// (.xyz) with the default settings. `overrides` win over the file (and over the comment line of
// an XYZ file), then come the file's keys, then the `settings` file's keys (merged key by key,
// tables recursively, so a molecule's own job keeps its settings), then the defaults. With
// settings, the job's text is the merged job (what the results file keeps); errors name the file
// and line each key came from. InputError for every bad input.
JobInput load_job_input(const std::string& path, const MoleculeOverrides& overrides = {},
                        const SettingsFile* settings = nullptr);

}  // namespace qmol
