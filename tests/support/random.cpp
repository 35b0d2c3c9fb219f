#include "support/random.h"

#include <cmath>
#include <complex>

namespace qmol::testing {

Statevector random_state(int n_qubits, std::mt19937& rng) {
  std::normal_distribution<double> normal;
  Statevector s(n_qubits);
  double norm = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    s[i] = std::complex<double>(normal(rng), normal(rng));
    norm += std::norm(s[i]);
  }
  for (std::size_t i = 0; i < s.size(); ++i) s[i] /= std::sqrt(norm);
  return s;
}

std::vector<double> random_vector(std::size_t n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal;
  std::vector<double> v(n);
  for (double& x : v) x = normal(rng);
  return v;
}

PauliString random_pauli(int n_qubits, std::mt19937& rng) {
  std::uniform_int_distribution<int> letter(0, 3);
  PauliString p;
  for (int q = 0; q < n_qubits; ++q) {
    const int l = letter(rng);  // 0 I, 1 X, 2 Y, 3 Z
    if (l == 1 || l == 2) p.x[0] |= std::uint64_t{1} << q;
    if (l == 2 || l == 3) p.z[0] |= std::uint64_t{1} << q;
  }
  return p;
}

QubitOperator random_qubit_operator(int n_qubits, int n_terms, std::mt19937& rng) {
  std::normal_distribution<double> normal;
  QubitOperator op(n_qubits);
  for (int t = 0; t < n_terms; ++t) {
    const PauliString p = random_pauli(n_qubits, rng);
    op.add(p, normal(rng));
  }
  return op;
}

}  // namespace qmol::testing
