#include "qmol/workflow/hamiltonian_command.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <sstream>

#include "qmol/core/errors.h"
#include "qmol/hamiltonian/fcidump.h"
#include "qmol/io/atomic_file.h"
#include "qmol/io/output_path.h"
#include "qmol/qubit/operator_io.h"
#include "qmol/workflow/run.h"

namespace qmol {

int run_hamiltonian_command(const HamiltonianCommand& command, std::ostream& table,
                            std::ostream& data) {
  Job job = command.job;
  if (!command.mapping.empty()) job.hamiltonian.mapping = from_string<Mapping>(command.mapping);
  if (command.two_qubit_reduction) job.hamiltonian.two_qubit_reduction = true;
  if (command.taper) job.hamiltonian.taper = true;
  if (job.hamiltonian.two_qubit_reduction && job.hamiltonian.mapping != Mapping::parity)
    throw InputError("the two-qubit reduction needs the parity mapping", {job.path, 0, ""});
  // Only the Hamiltonian: no exact solve, no VQE.
  job.exact_enabled = false;
  job.ansatz.reset();
  job.hamiltonian_requested = true;
  const bool to_data = command.output == "-";
  check_output_files({to_data ? "" : command.output, command.fcidump}, command.force);
  RunOptions options;
  options.memory_limit_bytes = command.memory_limit_bytes;
  options.log = command.log;
  const RunResult r = run_job(job, options);

  if (!command.fcidump.empty()) {
    std::ostringstream text;
    write_fcidump(text, *r.hamiltonian);
    write_file_atomically(command.fcidump, text.str());
  }
  if (!r.qubit)
    throw InputError(fmt::format("{} spin orbitals exceed the {} qubits a Pauli string holds",
                                 r.hamiltonian->n_spin_orbitals(), kMaxQubits),
                     {job.path, 0, "active_space"});
  fmt::print(table, "mapping {}{}\nqubits {}\nterms {}\none_norm {:.12f}\ntapered_qubits {}\n",
             to_string(r.qubit->mapping),
             r.qubit->two_qubit_reduction ? " (two-qubit reduction)" : "", r.qubit->n_qubits,
             r.qubit->n_terms, r.qubit->one_norm, r.qubit->tapered_qubits);
  if (!command.output.empty()) {
    std::ostringstream text;
    if (command.format == HamiltonianFormat::json)
      write_json(text, *r.qubit->qubit_operator);
    else
      write_openfermion(text, *r.qubit->qubit_operator);
    if (to_data) {
      data << text.str();
      data.flush();
    } else {
      write_file_atomically(command.output, text.str());
    }
  }
  return 0;
}

}  // namespace qmol
