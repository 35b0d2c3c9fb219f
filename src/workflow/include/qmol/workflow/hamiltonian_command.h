#pragma once

#include <array>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

#include "qmol/core/enum_names.h"
#include "qmol/workflow/job.h"

namespace qmol {

// The file formats of `qmol hamiltonian --format`.
enum class HamiltonianFormat { openfermion, json };

template <>
struct EnumNames<HamiltonianFormat> {
  static constexpr std::string_view noun = "format";
  static constexpr std::array<std::pair<HamiltonianFormat, std::string_view>, 2> names = {
      {{HamiltonianFormat::openfermion, "openfermion"}, {HamiltonianFormat::json, "json"}}};
};

// `qmol hamiltonian INPUT`: SCF and active space of the job, then its qubit Hamiltonian.
struct HamiltonianCommand {
  Job job;              // the input's job (load_job_input)
  std::string mapping;  // empty: the job's [hamiltonian] mapping
  bool two_qubit_reduction = false;
  bool taper = false;
  HamiltonianFormat format = HamiltonianFormat::openfermion;
  std::string output;   // qubit Hamiltonian file; "-" = the `data` stream; empty: none
  std::string fcidump;  // FCIDUMP of the active-space integrals; empty: none
  bool force = false;   // overwrite existing output files
  double memory_limit_bytes = 0.0;
  std::ostream* log = nullptr;  // the SCF and active-space report; nullptr = silent (--quiet)
};

// Checks the output files before any work (check_output_files: InputError), prints the mapping,
// qubit and term counts and 1-norm to `table`, writes the requested files (output "-": the qubit
// Hamiltonian to `data`, so that the CLI keeps its stdout for it); returns the exit code.
int run_hamiltonian_command(const HamiltonianCommand& command, std::ostream& table,
                            std::ostream& data);

}  // namespace qmol
