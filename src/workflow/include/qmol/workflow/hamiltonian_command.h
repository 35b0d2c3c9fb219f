#pragma once

#include <ostream>
#include <string>

namespace qmol {

// `qmol hamiltonian JOB`: SCF and active space of the job, then its qubit Hamiltonian.
struct HamiltonianCommand {
  std::string job_path;
  std::string mapping;  // empty: the job's [hamiltonian] mapping
  bool two_qubit_reduction = false;
  std::string format = "openfermion";  // "openfermion" | "json"
  std::string output;                  // qubit Hamiltonian file; empty: none
  std::string fcidump;                 // FCIDUMP of the active-space integrals; empty: none
  bool force = false;                  // overwrite existing output files
  double memory_limit_bytes = 0.0;
  std::ostream* log = nullptr;  // the SCF and active-space report; nullptr = silent (--quiet)
};

// Checks the output files before any work (check_output_files: InputError), prints the mapping,
// qubit and term counts and 1-norm to `out`, writes the requested files; returns the exit code.
int run_hamiltonian_command(const HamiltonianCommand& command, std::ostream& out);

}  // namespace qmol
