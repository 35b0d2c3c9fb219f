#include "qmol/ansatz/circuit.h"

#include <fmt/format.h>

#include <algorithm>

#include "qmol/core/bits.h"
#include "qmol/core/errors.h"

namespace qmol {

double Angle::value(const std::vector<double>& parameters) const {
  if (parameter < 0) return offset;
  QMOL_ASSERT(static_cast<std::size_t>(parameter) < parameters.size(),
              fmt::format("angle of parameter {} of {}", parameter, parameters.size()));
  return coefficient * parameters[static_cast<std::size_t>(parameter)] + offset;
}

bool Gate::is_parametrised() const {
  return gate_info(kind).n_parameters > 0;
}

std::vector<int> Gate::support() const {
  const int arity = gate_info(kind).arity;
  if (arity > 0) return {qubits, qubits + arity};
  std::vector<int> acted;
  for (int q = 0; q < pauli.span(); ++q)
    if (pauli.at(q) != 'I') acted.push_back(q);
  return acted;
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
  for (int q : gate.support()) check_qubit(q);
  if (info.arity == 2 && gate.qubits[0] == gate.qubits[1])
    throw InputError(fmt::format("circuit: {} on qubit {} twice", info.name, gate.qubits[0]));
  if (info.n_parameters > 0 && gate.angle.parameter >= n_parameters_)
    throw InputError(fmt::format("circuit: {} uses parameter {}, expected < {}", info.name,
                                 gate.angle.parameter, n_parameters_));
  gates_.push_back(gate);
}

void Circuit::set_angle(std::size_t index, const Angle& angle) {
  QMOL_ASSERT(index < gates_.size() && gates_[index].is_parametrised(),
              fmt::format("set_angle of gate {} of {}, not a rotation", index, gates_.size()));
  QMOL_ASSERT(angle.parameter < n_parameters_, "set_angle: no such parameter");
  gates_[index].angle = angle;
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

}  // namespace qmol
