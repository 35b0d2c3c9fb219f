#pragma once

#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace qmol {

struct ScreenSettings {
  int jobs = 0;                      // molecules in parallel; 0 = the number of cores
  double memory_limit_bytes = 0.0;   // per molecule; 0 = default_memory_limit() / jobs
  std::ostream* progress = nullptr;  // progress bar (redrawn on a TTY, else one line per
                                     // molecule) and the closing count; nullptr = silent
  bool progress_is_tty = false;      // redraw in place (the CLI passes isatty(2))
  std::ostream* summary = nullptr;   // the final table, a line per molecule; nullptr = none
  bool force = false;                // replace a screening of other settings in DIR
  // A record of an SD or SMILES file is named by this SD data field ("" = its title line).
  std::string name_field;
  std::vector<std::string> keep_fields;  // SD data fields copied into summary.csv and .h5
  int threads = 0;  // OpenMP threads per molecule; 0 = the default (OMP_NUM_THREADS or all)
  int retries = 0;  // runs again of a molecule whose worker died before its record
};

// This process's rank in an MPI screening (0 without mpirun): errors are reported by rank 0.
int screen_rank();

// One molecule to screen, after expanding directories and CSV lists.
struct ScreenInput {
  std::string name;  // unique: the output is DIR/<name>.h5
  std::string path;  // .toml job or .xyz geometry
  std::optional<int> charge, multiplicity;
  std::optional<std::string> basis;
  std::optional<int> record;                  // of a structure file, from 1
  std::map<std::string, std::string> fields;  // the record's SD data fields
  std::string error;  // set when the entry itself is bad (missing file, bad CSV value)
  // Heavy atoms of an XYZ file or a structure record (RDKit, no embedding); 0 for job files and
  // unreadable inputs: the scheduler starts the largest molecules first.
  int cost = 0;
};

// Expands INPUTS: job files (.toml), XYZ files, structure files (every record of an SD or SMILES
// file is one molecule, named by its title or by the SD field `name_field`, else FILE-N),
// directories of them (sorted, not recursive) and CSV lists (column `file` or `path`, optional
// `name`, `charge`, `multiplicity`, `basis`; paths relative to the CSV file). Bad entries are kept
// with `error` set so they are reported as failed molecules; names are made unique by appending
// -2, -3, ...
std::vector<ScreenInput> expand_screen_inputs(const std::vector<std::string>& inputs,
                                              const std::string& name_field = "");

// `qmol screen INPUTS... --settings JOB --out DIR`. The settings job (no geometry) gives the basis,
// active space, ansatz, optimizer and exact flag for every molecule; a job-file input keeps its
// own keys, and the settings fill only what it leaves unset (load_job_input). InputError when
// the inputs expand to no molecule. Under mpirun (2 or more ranks) rank 0 coordinates and every
// other rank is one worker (settings.jobs is then unused); otherwise `jobs` worker slots of a
// process pool. One scheduler hands the molecules out, largest first (ScreenInput::cost), to
// whichever worker is free. Each molecule runs in a child process; its result goes to
// DIR/<name>.h5 and a record DIR/records/<name>.json (both written atomically), and DIR/summary.csv
// and DIR/summary.h5 are regenerated from all records at the end. DIR is a ResumableDirectory keyed
// by the settings text: running again skips molecules with a record of the same settings and input,
// so an interrupted screening (Ctrl-C, kill -9) resumes where it stopped; a DIR of other settings
// is refused (before any work) unless settings.force.
// Returns 0 when every molecule succeeded, 1 otherwise. InputError for a bad settings file or DIR.
int run_screen(const std::vector<std::string>& inputs, const std::string& settings_path,
               const std::string& out_dir, const ScreenSettings& settings);

}  // namespace qmol
