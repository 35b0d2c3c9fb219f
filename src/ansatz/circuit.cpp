#include "qmol/ansatz/circuit.h"

#include <algorithm>
#include <cstdio>
#include <numbers>
#include <stdexcept>

namespace qmol {

namespace {

bool pauli_bit(const std::array<std::uint64_t, kMaxQubits / 64>& words, int q) {
  return (words[q / 64] >> (q % 64)) & 1u;
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
  return coefficient * parameters.at(static_cast<std::size_t>(parameter)) + offset;
}

bool Gate::is_parametrised() const {
  return kind == GateKind::RX || kind == GateKind::RY || kind == GateKind::RZ ||
         kind == GateKind::PauliRotation;
}

PauliString Gate::generator() const {
  if (kind == GateKind::PauliRotation) return pauli;
  PauliString p;
  const int q = qubits[0];
  const std::uint64_t bit = std::uint64_t{1} << (q % 64);
  if (kind == GateKind::RX || kind == GateKind::RY) p.x[q / 64] |= bit;
  if (kind == GateKind::RZ || kind == GateKind::RY) p.z[q / 64] |= bit;
  if (!is_parametrised()) throw std::logic_error("Gate::generator: gate is not a rotation");
  return p;
}

const char* gate_name(GateKind kind) {
  switch (kind) {
    case GateKind::H:
      return "h";
    case GateKind::X:
      return "x";
    case GateKind::Y:
      return "y";
    case GateKind::Z:
      return "z";
    case GateKind::S:
      return "s";
    case GateKind::Sdg:
      return "sdg";
    case GateKind::T:
      return "t";
    case GateKind::RX:
      return "rx";
    case GateKind::RY:
      return "ry";
    case GateKind::RZ:
      return "rz";
    case GateKind::CNOT:
      return "cnot";
    case GateKind::CZ:
      return "cz";
    case GateKind::SWAP:
      return "swap";
    case GateKind::PauliRotation:
      return "pauli_rotation";
  }
  return "?";
}

Circuit::Circuit(int n_qubits, int n_parameters)
    : n_qubits_(n_qubits), n_parameters_(n_parameters) {
  if (n_qubits < 0 || n_qubits > kMaxQubits) {
    throw std::invalid_argument("Circuit: n_qubits = " + std::to_string(n_qubits) +
                                ", expected 0.." + std::to_string(kMaxQubits));
  }
  if (n_parameters < 0) throw std::invalid_argument("Circuit: negative n_parameters");
}

void Circuit::set_initial_state(const std::vector<int>& qubits_in_one) {
  std::vector<int> sorted = qubits_in_one;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (sorted[i] < 0 || sorted[i] >= n_qubits_) {
      throw std::invalid_argument("Circuit: initial-state qubit " + std::to_string(sorted[i]) +
                                  " outside 0.." + std::to_string(n_qubits_ - 1));
    }
    if (i > 0 && sorted[i] == sorted[i - 1]) {
      throw std::invalid_argument("Circuit: initial-state qubit " + std::to_string(sorted[i]) +
                                  " listed twice");
    }
  }
  initial_qubits_ = std::move(sorted);
}

void Circuit::set_initial_state(std::uint64_t mask) {
  std::vector<int> qubits;
  for (int q = 0; q < 64; ++q) {
    if ((mask >> q) & 1u) qubits.push_back(q);
  }
  set_initial_state(qubits);
}

std::uint64_t Circuit::initial_mask() const {
  std::uint64_t mask = 0;
  for (int q : initial_qubits_) {
    if (q >= 64) throw std::out_of_range("Circuit::initial_mask: qubit >= 64");
    mask |= std::uint64_t{1} << q;
  }
  return mask;
}

void Circuit::add(const Gate& gate) {
  const bool two_qubit =
      gate.kind == GateKind::CNOT || gate.kind == GateKind::CZ || gate.kind == GateKind::SWAP;
  auto check_qubit = [&](int q) {
    if (q < 0 || q >= n_qubits_) {
      throw std::invalid_argument(std::string("Circuit: ") + gate_name(gate.kind) + " on qubit " +
                                  std::to_string(q) + ", expected 0.." +
                                  std::to_string(n_qubits_ - 1));
    }
  };
  if (gate.kind == GateKind::PauliRotation) {
    const std::vector<int> qubits = support(gate.pauli);
    if (!qubits.empty()) check_qubit(qubits.back());
  } else {
    check_qubit(gate.qubits[0]);
    if (two_qubit) {
      check_qubit(gate.qubits[1]);
      if (gate.qubits[0] == gate.qubits[1]) {
        throw std::invalid_argument(std::string("Circuit: ") + gate_name(gate.kind) +
                                    " on the same qubit twice");
      }
    }
  }
  if (gate.is_parametrised() && gate.angle.parameter >= n_parameters_) {
    throw std::invalid_argument("Circuit: parameter index " + std::to_string(gate.angle.parameter) +
                                ", expected < " + std::to_string(n_parameters_));
  }
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
  if (static_cast<int>(parameters.size()) != circuit.n_parameters()) {
    throw std::invalid_argument("to_openqasm: " + std::to_string(parameters.size()) +
                                " parameters, the circuit has " +
                                std::to_string(circuit.n_parameters()));
  }
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
    switch (g.kind) {
      case GateKind::CNOT:
        two("cx", a, b);
        break;
      case GateKind::CZ:
        two("cz", a, b);
        break;
      case GateKind::SWAP:  // qelib1.inc of the 2017 specification has no swap
        two("cx", a, b);
        two("cx", b, a);
        two("cx", a, b);
        break;
      case GateKind::RX:
      case GateKind::RY:
      case GateKind::RZ:
        one(std::string(gate_name(g.kind)) + "(" + format_angle(g.angle.value(parameters)) + ")",
            a);
        break;
      case GateKind::PauliRotation: {
        const std::vector<int> qubits = support(g.pauli);
        if (qubits.empty()) break;  // exp(-i t I/2) is a global phase
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
        break;
      }
      default:
        one(gate_name(g.kind), a);
        break;
    }
  }
  return out;
}

}  // namespace qmol
