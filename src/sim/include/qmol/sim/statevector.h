#pragma once

#include <complex>
#include <cstdint>
#include <vector>

#include "qmol/ansatz/circuit.h"
#include "qmol/qubit/pauli_string.h"

namespace qmol {

// The 2^n complex amplitudes of an n-qubit state; amplitude i belongs to the basis state whose
// bit k is qubit k. Gates act in place: single-qubit gates by their 2x2 matrix from the gate table
// (ansatz/gate.h), multi-qubit gates and X by bit operations; loops run OpenMP-parallel from
// kParallelQubits qubits on.
class Statevector {
 public:
  using Amplitude = std::complex<double>;
  static constexpr int kMaxQubits = 40;  // 16 TiB: beyond any machine, a guard only
  static constexpr int kParallelQubits =
      14;  // below this, thread start-up costs more than it saves

  Statevector() = default;
  explicit Statevector(int n_qubits, std::uint64_t basis_state = 0);

  int n_qubits() const { return n_qubits_; }
  std::size_t size() const { return amplitudes_.size(); }
  Amplitude* data() { return amplitudes_.data(); }
  const Amplitude* data() const { return amplitudes_.data(); }
  Amplitude& operator[](std::size_t i) { return amplitudes_[i]; }
  const Amplitude& operator[](std::size_t i) const { return amplitudes_[i]; }
  const std::vector<Amplitude>& amplitudes() const { return amplitudes_; }

  void set_basis_state(std::uint64_t basis_state);
  double norm_squared() const;
  Amplitude inner(const Statevector& ket) const;  // <this|ket>

  void apply_h(int q);
  void apply_x(int q);
  void apply_y(int q);
  void apply_z(int q);
  void apply_s(int q);
  void apply_sdg(int q);
  void apply_t(int q);
  void apply_tdg(int q);
  void apply_rx(int q, double angle);  // exp(-i angle X/2)
  void apply_ry(int q, double angle);  // exp(-i angle Y/2)
  void apply_rz(int q, double angle);  // exp(-i angle Z/2)
  void apply_cnot(int control, int target);
  void apply_cz(int a, int b);
  void apply_swap(int a, int b);
  // exp(-i angle P/2) = cos(angle/2) - i sin(angle/2) P, on amplitude pairs (i, i ^ x(P)).
  void apply_pauli_rotation(const PauliString& p, double angle);
  void apply_pauli(const PauliString& p);  // |psi> <- P |psi>
  // A general single-qubit unitary [[m00, m01], [m10, m11]] (also the kernel behind h, rx, ry).
  void apply_matrix(int q, Amplitude m00, Amplitude m01, Amplitude m10, Amplitude m11);
  // diag(d0, d1) on qubit q.
  void apply_diagonal(int q, Amplitude d0, Amplitude d1);
  // A single-qubit GateMatrix: apply_diagonal when it is diagonal, else apply_matrix.
  void apply_gate_matrix(int q, const GateMatrix& g);

 private:
  void check_qubit(int q) const;
  int n_qubits_ = 0;
  std::vector<Amplitude> amplitudes_;
};

// The gate at the angle it takes for these parameters, or its inverse.
void apply_gate(Statevector& state, const Gate& gate, const std::vector<double>& parameters);
void apply_gate_inverse(Statevector& state, const Gate& gate,
                        const std::vector<double>& parameters);
// Every gate of the circuit on `state` (which must have circuit.n_qubits() qubits), fused and
// cache-blocked (FusedCircuit, fused_circuit.h): a few passes over the state instead of one per
// gate.
void apply_circuit(Statevector& state, const Circuit& circuit,
                   const std::vector<double>& parameters);
// The circuit's initial basis state, then every gate (parameters.size() == n_parameters()).
Statevector simulate(const Circuit& circuit, const std::vector<double>& parameters);

}  // namespace qmol
