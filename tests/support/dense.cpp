#include "support/dense.h"

#include <complex>

namespace qmol::testing {

using C = std::complex<double>;

Eigen::VectorXcd to_eigen(const Statevector& s) {
  Eigen::VectorXcd v(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) v[i] = s[i];
  return v;
}

Eigen::MatrixXcd embed(int n_qubits, const Eigen::MatrixXcd& g, const std::vector<int>& q) {
  const std::size_t dim = std::size_t{1} << n_qubits;
  Eigen::MatrixXcd full = Eigen::MatrixXcd::Zero(dim, dim);
  for (std::size_t col = 0; col < dim; ++col) {
    std::size_t sub_col = 0;
    for (std::size_t k = 0; k < q.size(); ++k) sub_col |= ((col >> q[k]) & 1u) << k;
    for (std::size_t sub_row = 0; sub_row < (std::size_t{1} << q.size()); ++sub_row) {
      std::size_t row = col;
      for (std::size_t k = 0; k < q.size(); ++k)
        row = (row & ~(std::size_t{1} << q[k])) | (((sub_row >> k) & 1u) << q[k]);
      full(row, col) += g(sub_row, sub_col);
    }
  }
  return full;
}

Eigen::MatrixXcd pauli_matrix(int n_qubits, const PauliString& p) {
  Eigen::MatrixXcd m =
      Eigen::MatrixXcd::Identity(std::size_t{1} << n_qubits, std::size_t{1} << n_qubits);
  for (int q = 0; q < n_qubits; ++q) {
    const bool x = (p.x[0] >> q) & 1u, z = (p.z[0] >> q) & 1u;
    if (!x && !z) continue;
    Eigen::Matrix2cd f;
    if (x && z) f << 0, C(0, -1), C(0, 1), 0;
    if (x && !z) f << 0, 1, 1, 0;
    if (!x && z) f << 1, 0, 0, -1;
    m = embed(n_qubits, f, {q}) * m;
  }
  return m;
}

}  // namespace qmol::testing
