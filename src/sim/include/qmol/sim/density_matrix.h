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
// the statevector kernels (and their threads) do the work.
class DensityMatrix {
 public:
  static constexpr int kMaxQubits = 14;  // 4^14 amplitudes = 4 GiB: a guard

  DensityMatrix() = default;
  explicit DensityMatrix(int n_qubits, std::uint64_t basis_state = 0);  // |b><b|
  explicit DensityMatrix(const Statevector& psi);                       // |psi><psi|

  static double memory_bytes(int n_qubits);  // 16 x 4^n
  int n_qubits() const { return n_qubits_; }
  std::complex<double> element(std::uint64_t row, std::uint64_t column) const;
  double trace() const;
  // The computational-basis probabilities: the real diagonal.
  std::vector<double> diagonal() const;
  // Re Tr(rho O).
  double expectation(const QubitOperator& op) const;

  // U rho U^dagger for every gate of the table.
  void apply_gate(const Gate& gate, const std::vector<double>& parameters);
  void apply_circuit(const Circuit& circuit, const std::vector<double>& parameters);  // gates only

  // Depolarizing: rho -> (1 - p) rho + p/3 (X rho X + Y rho Y + Z rho Z) on qubit q.
  void depolarize(int q, double p);
  // Two-qubit depolarizing: rho -> (1 - p) rho + p/15 sum of P rho P over the 15 non-identity
  // Pauli products on (a, b).
  void depolarize(int a, int b, double p);
  // Amplitude damping, Kraus operators [[1, 0], [0, sqrt(1 - g)]] and [[0, sqrt(g)], [0, 0]].
  void amplitude_damp(int q, double gamma);

 private:
  void check_qubit(int q) const;
  int n_qubits_ = 0;
  Statevector vec_;  // 2n qubits
};

}  // namespace qmol
