#include "qmol/workflow/circuit_command.h"

#include <fmt/format.h>

#include <sstream>

#include "qmol/core/errors.h"
#include "qmol/io/atomic_file.h"
#include "qmol/io/json_summary.h"
#include "qmol/io/output_path.h"
#include "qmol/qubit/operator_io.h"
#include "qmol/workflow/run.h"

namespace qmol {

std::string circuit_qasm(const RunResult& r, QasmFormat format) {
  QMOL_ASSERT(r.circuit.has_value(), "circuit_qasm of a run without a circuit");
  return to_openqasm(r.circuit->circuit, r.circuit->parameters, format,
                     r.circuit->parameter_labels);
}

QasmFormat qasm_format_of(const std::string& path) {
  const std::string suffix = ".qasm3";
  return path.size() >= suffix.size() &&
                 path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0
             ? QasmFormat::qasm3
             : QasmFormat::qasm2;
}

int run_circuit_command(const CircuitCommand& command, std::ostream& data) {
  Job job = command.job;
  job.output = {};  // the command's own files, not the job's [output]
  if (!job.ansatz)
    throw InputError(
        "qmol circuit writes the VQE state's circuit, and the job has no [ansatz]: "
        "add one",
        {job.path, 0, "ansatz"});
  if (command.output == "-" && command.json == "-")
    throw InputError(
        "the circuit and the JSON summary cannot both go to stdout; give --json a "
        "file name",
        {"--json", 0, ""});
  if (command.hamiltonian == "-")
    throw InputError("the Hamiltonian goes beside the circuit: give --hamiltonian a file name",
                     {"--hamiltonian", 0, ""});
  check_output_files({command.output == "-" ? "" : command.output, command.hamiltonian,
                      command.json == "-" ? "" : command.json},
                     command.force);
  if (command.initial) {  // the starting state alone: nothing that would train or solve
    job.exact_enabled = false;
    job.excited.reset();
    job.orbital_optimization.reset();
  }
  RunOptions options;
  options.memory_limit_bytes = command.memory_limit_bytes;
  options.log = command.log;
  options.train_vqe = !command.initial;
  options.optimize_circuit = command.optimize;
  const RunResult r = run_job(job, options);
  if (!r.circuit)
    throw InputError(fmt::format("the register's {} qubits exceed the {} a circuit holds",
                                 2 * r.hamiltonian->n_orbitals(), kMaxQubits),
                     {job.path, 0, "active_space"});

  const std::string qasm = circuit_qasm(r, command.format);
  if (command.output == "-")
    data << qasm << std::flush;
  else
    write_file_atomically(command.output, qasm);
  if (!command.hamiltonian.empty()) {
    std::ostringstream text;
    write_openfermion(text, *r.qubit->qubit_operator);
    write_file_atomically(command.hamiltonian, text.str());
  }
  if (command.json == "-")
    data << json_summary(r).dump(2) << std::endl;
  else if (!command.json.empty())
    write_json_summary(command.json, r);
  return 0;
}

}  // namespace qmol
