#pragma once

#include <complex>
#include <cstdint>
#include <vector>

#include "qmol/ansatz/circuit.h"
#include "qmol/qubit/qubit_operator.h"
#include "qmol/sim/statevector.h"

namespace qmol {

// The density matrix rho of n qubits, held as the 2n-qubit vector vec(rho): element (r, c) at
// index r | (c << n). A gate U then acts as U on the low n bits and conj(U) on the high n bits, so
// the statevector kernels (statevector_kernels.h) do the work; a one-qubit gate and the one-qubit
// channels take one pass over the 2x2 blocks (row bit, column bit) of their qubit. Loops run
// OpenMP-parallel from Statevector::kParallelQubits bits of vec(rho) on (7 qubits), each thread
// on disjoint entries.
class DensityMatrix {
 public:
  static constexpr int kMaxQubits = 14;  // 4^14 amplitudes = 4 GiB: a guard

  DensityMatrix() = default;
  // |b><b|; ResourceError beyond kMaxQubits.
  explicit DensityMatrix(int n_qubits, std::uint64_t basis_state = 0);
  explicit DensityMatrix(const Statevector& psi);  // |psi><psi|

  static double memory_bytes(int n_qubits);  // 16 x 4^n
  int n_qubits() const { return n_qubits_; }
  std::complex<double> element(std::uint64_t row, std::uint64_t column) const;
  double trace() const;
  // The computational-basis probabilities: the real diagonal.
  std::vector<double> diagonal() const;
  // Re Tr(rho O); O on at most n_qubits() qubits.
  double expectation(const QubitOperator& op) const;

  // U rho U^dagger for every gate of the table (PauliRotation included).
  void apply_gate(const Gate& gate, const std::vector<double>& parameters);
  void apply_circuit(const Circuit& circuit, const std::vector<double>& parameters);  // gates only

  // The diagonal of U rho U^dagger for the circuit's gates U (not its initial state), rho
  // unchanged: what measuring after a basis change gives. Each qubit keeps only its diagonal
  // (row bit = column bit) once its last gate is done, so a qubit no gate touches costs nothing
  // and the work halves with every qubit finished. Needs one work buffer of up to
  // memory_bytes(n) (a rho with every qubit touched).
  std::vector<double> diagonal_after(const Circuit& circuit,
                                     const std::vector<double>& parameters) const;

  // Channels; p and gamma in [0, 1].
  // Depolarizing: rho -> (1 - p) rho + p/3 (X rho X + Y rho Y + Z rho Z) on qubit q.
  void depolarize(int q, double p);
  // Two-qubit depolarizing: rho -> (1 - p) rho + p/15 sum of P rho P over the 15 non-identity
  // Pauli products on (a, b).
  void depolarize(int a, int b, double p);
  // Amplitude damping, Kraus operators [[1, 0], [0, sqrt(1 - g)]] and [[0, sqrt(g)], [0, 0]].
  void amplitude_damp(int q, double gamma);

 private:
  void check_qubit(int q) const;
  void check_gate(const Gate& gate) const;
  int n_qubits_ = 0;
  Statevector vec_;  // 2n qubits
};

}  // namespace qmol
