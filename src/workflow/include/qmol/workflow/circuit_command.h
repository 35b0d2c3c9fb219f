#pragma once

#include <ostream>
#include <string>

#include "qmol/ansatz/openqasm.h"
#include "qmol/io/run_result.h"
#include "qmol/workflow/job.h"

namespace qmol {

// The OpenQASM text of a run's circuit (RunResult::circuit) at its parameters.
std::string circuit_qasm(const RunResult& r, QasmFormat format);
// [output] qasm: OpenQASM 3 for a file name ending in .qasm3, else OpenQASM 2.
QasmFormat qasm_format_of(const std::string& path);

// `qmol circuit JOB`: the job's SCF, Hamiltonian and VQE (unless `initial`), then the circuit of
// its state.
struct CircuitCommand {
  Job job;
  QasmFormat format = QasmFormat::qasm2;
  std::string output = "-";  // the OpenQASM file; "-" = the `data` stream
  std::string hamiltonian;   // the register's qubit Hamiltonian (OpenFermion text); empty: none
  std::string json;          // the JSON summary; "-" = the `data` stream; empty: none
  bool initial = false;      // the circuit at the starting parameters: no training
  bool optimize = false;     // peephole-optimize (optimize_circuit)
  bool force = false;        // overwrite existing output files
  double memory_limit_bytes = 0.0;
  std::ostream* log = nullptr;  // the run's report; nullptr = silent
};

// Checks the output files before any work, runs, writes the files; returns the exit code.
int run_circuit_command(const CircuitCommand& command, std::ostream& data);

}  // namespace qmol
