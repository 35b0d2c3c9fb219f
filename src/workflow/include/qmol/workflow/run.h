#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "qmol/io/run_result.h"
#include "qmol/workflow/job.h"
#include "qmol/workflow/memory_size.h"

namespace qmol {

struct RunOptions {
  // States (determinant space, statevector, Lanczos vectors) beyond this are refused before any
  // work with a ResourceError naming the estimate. Default: default_memory_limit().
  double memory_limit_bytes = 0.0;
  std::ostream* log = nullptr;  // human report (iterations, final table); nullptr = silent
  // The final result table alone (`--quiet`); nullptr = it goes to `log` with the rest.
  std::ostream* summary = nullptr;
  // A previous run (the last scan point): its orbitals and VQE parameters seed this one.
  const RunResult* warm_start = nullptr;
  // false: build the VQE problem but do not train it (`qmol circuit --initial`); the circuit is
  // then that of the starting parameters.
  bool train_vqe = true;
  // Peephole-optimize the exported circuit (`--optimize`).
  bool optimize_circuit = false;
};

// Runs every stage the job asks for: SCF; then, if the job has [active_space], [hamiltonian],
// [exact] or [ansatz], the active-space Hamiltonian and its qubit form; the exact solver; VQE.
RunResult run_job(const Job& job, const RunOptions& options);

// run_job with the job's own [output] files, as `qmol run` and Python's qmol.run do: the HDF5 and
// OpenQASM paths, with the caller's `other_outputs` (written by the caller afterwards), are
// checked before any work (InputError: an existing file without `overwrite`, a folder that
// cannot be written), then the job runs and its files are written atomically.
RunResult run_job_with_outputs(const Job& job, const RunOptions& options, bool overwrite,
                               const std::vector<std::string>& other_outputs = {});

}  // namespace qmol
