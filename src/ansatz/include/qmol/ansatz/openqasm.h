#pragma once

#include <string>
#include <vector>

#include "qmol/ansatz/circuit.h"
#include "qmol/core/enum_names.h"

namespace qmol {

enum class QasmFormat {
  qasm2,  // OpenQASM 2.0, qelib1.inc, angles bound to the parameters
  qasm3,  // OpenQASM 3.0, stdgates.inc, the parameters as inputs
};
template <>
struct EnumNames<QasmFormat> {
  static constexpr std::string_view noun = "circuit format";
  static constexpr std::array<std::pair<QasmFormat, std::string_view>, 2> names = {
      {{QasmFormat::qasm2, "qasm2"}, {QasmFormat::qasm3, "qasm3"}}};
};

// OpenQASM text of native_circuit(circuit) (circuit_transforms.h); qubit k is q[k], bit k of a
// basis-state index. qasm2: the angles at `parameters` (%.17g, round-trip exact); global phases
// are not kept (qelib1's rz is u1). qasm3: one `input float[64] theta_<p>;` per parameter, the
// angles as expressions of them, and the values of `parameters` (with their labels, when given)
// in a comment header. No measurements: each group of Hamiltonian terms needs its own basis.
std::string to_openqasm(const Circuit& circuit, const std::vector<double>& parameters,
                        QasmFormat format = QasmFormat::qasm2,
                        const std::vector<std::string>& parameter_labels = {});

}  // namespace qmol
