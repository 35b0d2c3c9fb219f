#include "qmol/ansatz/openqasm.h"

#include <fmt/format.h>

#include "qmol/ansatz/circuit_transforms.h"
#include "qmol/core/errors.h"

namespace qmol {
namespace {

std::string number(double value) {
  return fmt::format("{:.17g}", value);
}

// The angle as OpenQASM 3 writes it: an expression of its parameter's input.
std::string angle_expression(const Angle& a) {
  if (a.parameter < 0) return number(a.offset);
  const std::string factor = a.coefficient == 1.0    ? ""
                             : a.coefficient == -1.0 ? "-"
                                                     : fmt::format("{}*", number(a.coefficient));
  if (a.offset == 0.0) return fmt::format("{}theta_{}", factor, a.parameter);
  return fmt::format("{}theta_{} {} {}", factor, a.parameter, a.offset > 0 ? '+' : '-',
                     number(std::abs(a.offset)));
}

}  // namespace

std::string to_openqasm(const Circuit& circuit, const std::vector<double>& parameters,
                        QasmFormat format, const std::vector<std::string>& parameter_labels) {
  QMOL_ASSERT(static_cast<int>(parameters.size()) == circuit.n_parameters(),
              fmt::format("to_openqasm: {} parameters, the circuit has {}", parameters.size(),
                          circuit.n_parameters()));
  const bool v3 = format == QasmFormat::qasm3;
  // The version line first (Qiskit's reader requires it), comments after.
  std::string out = v3 ? "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n"
                       : "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";
  const std::string layout =
      fmt::format("// qmol circuit: {} qubits, qubit k is q[k], bit k of a basis-state index\n",
                  circuit.n_qubits());
  if (v3) {
    out += layout;
    if (!parameters.empty()) out += "// trained parameters:\n";
    for (std::size_t p = 0; p < parameters.size(); ++p)
      out += fmt::format(
          "// theta_{} = {}{}\n", p, number(parameters[p]),
          p < parameter_labels.size() ? fmt::format("  ({})", parameter_labels[p]) : std::string());
    for (std::size_t p = 0; p < parameters.size(); ++p)
      out += fmt::format("input float[64] theta_{};\n", p);
    out += fmt::format("qubit[{}] q;\n", circuit.n_qubits());
  } else {
    out += fmt::format("qreg q[{}];\n", circuit.n_qubits());
    out += layout;
    out += "// global phase not kept (qelib1's rz is u1)\n";
  }
  const Circuit native = native_circuit(circuit);
  for (const Gate& g : native.gates()) {
    const GateInfo& info = gate_info(g.kind);
    QMOL_ASSERT(info.qasm_name != nullptr, fmt::format("no OpenQASM gate for {}", info.name));
    out += info.qasm_name;
    if (info.n_parameters > 0)
      out +=
          fmt::format("({})", v3 ? angle_expression(g.angle) : number(g.angle.value(parameters)));
    out += fmt::format(" q[{}]", g.qubits[0]);
    if (info.arity == 2) out += fmt::format(",q[{}]", g.qubits[1]);
    out += ";\n";
  }
  return out;
}

}  // namespace qmol
