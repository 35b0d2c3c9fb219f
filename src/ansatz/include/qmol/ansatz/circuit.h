#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "qmol/ansatz/gate.h"
#include "qmol/qubit/pauli_string.h"

namespace qmol {

// The angle of a parametrised gate: coefficient * parameters[parameter] + offset.
// parameter < 0 means a fixed angle (offset only). A parameter may drive several gates, each with
// its own coefficient (a UCC amplitude lowered to several Pauli rotations).
struct Angle {
  int parameter = -1;
  double coefficient = 1.0;
  double offset = 0.0;

  static Angle fixed(double value) { return {-1, 0.0, value}; }
  static Angle of(int parameter, double coefficient = 1.0) { return {parameter, coefficient, 0.0}; }
  double value(const std::vector<double>& parameters) const;
};

// One gate of the table (gate.h). Rotations follow the usual convention R_P(t) = exp(-i t P / 2)
// for RX, RY, RZ and PauliRotation (P = pauli). qubits[0] is the control of CNOT; unused qubits
// are -1.
struct Gate {
  GateKind kind = GateKind::H;
  int qubits[2] = {-1, -1};
  Angle angle;        // rotations
  PauliString pauli;  // PauliRotation only

  bool is_parametrised() const;  // a rotation (fixed angles included)
  // The qubits the gate acts on: qubits[0..arity) in gate order, or the Pauli string's support
  // (ascending; empty for the identity) for PauliRotation.
  std::vector<int> support() const;
  // The Pauli string P of the rotation exp(-i t P/2) (X, Y or Z on one qubit for RX, RY, RZ).
  PauliString generator() const;
};

// A gate list on n_qubits that starts from a computational basis state (e.g. Hartree-Fock).
// Qubit k is bit k of a basis-state index (little-endian). Gates are applied in list order.
class Circuit {
 public:
  Circuit() = default;
  Circuit(int n_qubits, int n_parameters);

  int n_qubits() const { return n_qubits_; }
  int n_parameters() const { return n_parameters_; }
  const std::vector<Gate>& gates() const { return gates_; }
  std::size_t size() const { return gates_.size(); }

  // The basis state the circuit starts from, as the list of qubits set to |1> (sorted).
  const std::vector<int>& initial_qubits() const { return initial_qubits_; }
  void set_initial_state(const std::vector<int>& qubits_in_one);
  void set_initial_state(std::uint64_t mask);  // bit k = qubit k (qubits < 64)
  std::uint64_t initial_mask() const;          // qubits < 64 only

  // Appends a gate after checking its qubits and parameter index (InputError).
  void add(const Gate& gate);
  // Replaces the angle of rotation `index` (parameter-shift rules on a copy).
  void set_angle(std::size_t index, const Angle& angle);
  void h(int q) { add_fixed(GateKind::H, q); }
  void x(int q) { add_fixed(GateKind::X, q); }
  void y(int q) { add_fixed(GateKind::Y, q); }
  void z(int q) { add_fixed(GateKind::Z, q); }
  void s(int q) { add_fixed(GateKind::S, q); }
  void sdg(int q) { add_fixed(GateKind::Sdg, q); }
  void t(int q) { add_fixed(GateKind::T, q); }
  void tdg(int q) { add_fixed(GateKind::Tdg, q); }
  void rx(int q, Angle a) { add_rotation(GateKind::RX, q, a); }
  void ry(int q, Angle a) { add_rotation(GateKind::RY, q, a); }
  void rz(int q, Angle a) { add_rotation(GateKind::RZ, q, a); }
  void cnot(int control, int target) { add_fixed(GateKind::CNOT, control, target); }
  void cz(int a, int b) { add_fixed(GateKind::CZ, a, b); }
  void swap(int a, int b) { add_fixed(GateKind::SWAP, a, b); }
  void pauli_rotation(const PauliString& p, Angle a);  // exp(-i angle P / 2)

 private:
  void add_fixed(GateKind kind, int q0, int q1 = -1);
  void add_rotation(GateKind kind, int q, Angle a);

  int n_qubits_ = 0;
  int n_parameters_ = 0;
  std::vector<int> initial_qubits_;
  std::vector<Gate> gates_;
};

}  // namespace qmol
