#include "qmol/ansatz/circuit.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <numbers>

#include "qmol/core/bits.h"
#include "qmol/core/errors.h"

namespace qmol {

namespace {

bool pauli_bit(const std::array<std::uint64_t, kMaxQubits / 64>& words, int q) {
  return test_bit(words[q / 64], q % 64);
}

// Qubits on which the string acts non-trivially, ascending.
std::vector<int> support(const PauliString& p) {
  std::vector<int> qubits;
  for (int q = 0; q < kMaxQubits; ++q) {
    if (pauli_bit(p.x, q) || pauli_bit(p.z, q)) qubits.push_back(q);
  }
  return qubits;
}

std::string format_angle(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

}  // namespace

double Angle::value(const std::vector<double>& parameters) const {
  if (parameter < 0) return offset;
  QMOL_ASSERT(static_cast<std::size_t>(parameter) < parameters.size(),
              fmt::format("angle of parameter {} of {}", parameter, parameters.size()));
  return coefficient * parameters[static_cast<std::size_t>(parameter)] + offset;
}

bool Gate::is_parametrised() const {
  return gate_info(kind).n_parameters > 0;
}

PauliString Gate::generator() const {
  const char letter = gate_info(kind).generator;
  QMOL_ASSERT(letter != 0, std::string("generator of the fixed gate ") + gate_name(kind));
  if (letter == 'P') return pauli;
  PauliString p;
  p.set(qubits[0], letter);
  return p;
}

Circuit::Circuit(int n_qubits, int n_parameters)
    : n_qubits_(n_qubits), n_parameters_(n_parameters) {
  if (n_qubits < 0 || n_qubits > kMaxQubits)
    throw InputError(fmt::format("a circuit has 0 to {} qubits, not {}", kMaxQubits, n_qubits));
  if (n_parameters < 0)
    throw InputError(fmt::format("a circuit has {} parameters (negative)", n_parameters));
}

void Circuit::set_initial_state(const std::vector<int>& qubits_in_one) {
  std::vector<int> sorted = qubits_in_one;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (sorted[i] < 0 || sorted[i] >= n_qubits_)
      throw InputError(
          fmt::format("circuit: initial-state qubit {} outside 0..{}", sorted[i], n_qubits_ - 1));
    if (i > 0 && sorted[i] == sorted[i - 1])
      throw InputError(fmt::format("circuit: initial-state qubit {} listed twice", sorted[i]));
  }
  initial_qubits_ = std::move(sorted);
}

void Circuit::set_initial_state(std::uint64_t mask) {
  std::vector<int> qubits;
  for (int q : set_bits(mask)) qubits.push_back(q);
  set_initial_state(qubits);
}

std::uint64_t Circuit::initial_mask() const {
  std::uint64_t mask = 0;
  for (int q : initial_qubits_) {
    QMOL_ASSERT(q < 64, fmt::format("initial mask of a circuit with qubit {}", q));
    mask |= bit(q);
  }
  return mask;
}

void Circuit::add(const Gate& gate) {
  const GateInfo& info = gate_info(gate.kind);
  auto check_qubit = [&](int q) {
    if (q < 0 || q >= n_qubits_)
      throw InputError(
          fmt::format("circuit: {} on qubit {}, expected 0..{}", info.name, q, n_qubits_ - 1));
  };
  if (info.arity == 0) {  // a Pauli rotation acts on its string's support
    const std::vector<int> qubits = support(gate.pauli);
    if (!qubits.empty()) check_qubit(qubits.back());
  } else {
    for (int k = 0; k < info.arity; ++k) check_qubit(gate.qubits[k]);
    if (info.arity == 2 && gate.qubits[0] == gate.qubits[1])
      throw InputError(fmt::format("circuit: {} on qubit {} twice", info.name, gate.qubits[0]));
  }
  if (info.n_parameters > 0 && gate.angle.parameter >= n_parameters_)
    throw InputError(fmt::format("circuit: {} uses parameter {}, expected < {}", info.name,
                                 gate.angle.parameter, n_parameters_));
  gates_.push_back(gate);
}

void Circuit::pauli_rotation(const PauliString& p, Angle a) {
  Gate gate;
  gate.kind = GateKind::PauliRotation;
  gate.pauli = p;
  gate.angle = a;
  add(gate);
}

void Circuit::add_fixed(GateKind kind, int q0, int q1) {
  Gate gate;
  gate.kind = kind;
  gate.qubits[0] = q0;
  gate.qubits[1] = q1;
  add(gate);
}

void Circuit::add_rotation(GateKind kind, int q, Angle a) {
  Gate gate;
  gate.kind = kind;
  gate.qubits[0] = q;
  gate.angle = a;
  add(gate);
}

std::string to_openqasm(const Circuit& circuit, const std::vector<double>& parameters) {
  QMOL_ASSERT(static_cast<int>(parameters.size()) == circuit.n_parameters(),
              fmt::format("to_openqasm: {} parameters, the circuit has {}", parameters.size(),
                          circuit.n_parameters()));
  std::string out = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";
  out += "qreg q[" + std::to_string(circuit.n_qubits()) + "];\n";
  auto q = [](int k) { return "q[" + std::to_string(k) + "]"; };
  auto one = [&](const std::string& name, int k) { out += name + " " + q(k) + ";\n"; };
  auto two = [&](const std::string& name, int a, int b) {
    out += name + " " + q(a) + "," + q(b) + ";\n";
  };
  for (int k : circuit.initial_qubits()) one("x", k);
  const std::string half_pi = format_angle(std::numbers::pi / 2);
  for (const Gate& g : circuit.gates()) {
    const int a = g.qubits[0], b = g.qubits[1];
    const GateInfo& info = gate_info(g.kind);
    if (info.qasm_name != nullptr) {  // a gate of qelib1.inc
      const std::string name =
          info.n_parameters > 0
              ? fmt::format("{}({})", info.qasm_name, format_angle(g.angle.value(parameters)))
              : std::string(info.qasm_name);
      if (info.arity == 2)
        two(name, a, b);
      else
        one(name, a);
    } else if (g.kind == GateKind::SWAP) {
      two("cx", a, b);
      two("cx", b, a);
      two("cx", a, b);
    } else {
      QMOL_ASSERT(g.kind == GateKind::PauliRotation,
                  std::string("no OpenQASM export for ") + info.name);
      const std::vector<int> qubits = support(g.pauli);
      if (qubits.empty()) continue;  // exp(-i t I/2) is a global phase
      // Rotate each factor to Z, collect the parity on the last qubit, rotate, undo.
      for (int k : qubits) {
        const bool x = pauli_bit(g.pauli.x, k), z = pauli_bit(g.pauli.z, k);
        if (x && !z) one("h", k);
        if (x && z) one("rx(" + half_pi + ")", k);
      }
      for (std::size_t i = 0; i + 1 < qubits.size(); ++i) two("cx", qubits[i], qubits[i + 1]);
      one("rz(" + format_angle(g.angle.value(parameters)) + ")", qubits.back());
      for (std::size_t i = qubits.size() - 1; i > 0; --i) two("cx", qubits[i - 1], qubits[i]);
      for (int k : qubits) {
        const bool x = pauli_bit(g.pauli.x, k), z = pauli_bit(g.pauli.z, k);
        if (x && !z) one("h", k);
        if (x && z) one("rx(-" + half_pi + ")", k);
      }
    }
  }
  return out;
}

}  // namespace qmol
