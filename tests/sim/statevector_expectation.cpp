// Expectation values and H|psi> of QubitOperators against dense matrices built in the test.
#include <Eigen/Dense>
#include <boost/test/unit_test.hpp>
#include <complex>
#include <random>

#include "qmol/sim/pauli_expectation.h"

BOOST_AUTO_TEST_SUITE(statevector_expectation)

namespace {

using namespace qmol;
using C = std::complex<double>;

Statevector random_state(int n, std::mt19937& rng) {
  std::normal_distribution<double> normal;
  Statevector s(n);
  double norm = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    s[i] = C(normal(rng), normal(rng));
    norm += std::norm(s[i]);
  }
  for (std::size_t i = 0; i < s.size(); ++i) s[i] /= std::sqrt(norm);
  return s;
}

Eigen::VectorXcd to_eigen(const Statevector& s) {
  Eigen::VectorXcd v(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) v[i] = s[i];
  return v;
}

PauliString random_pauli(int n, std::mt19937& rng) {
  std::uniform_int_distribution<int> letter(0, 3);
  PauliString p;
  for (int q = 0; q < n; ++q) {
    const int l = letter(rng);  // 0 I, 1 X, 2 Y, 3 Z
    if (l == 1 || l == 2) p.x[0] |= std::uint64_t{1} << q;
    if (l == 2 || l == 3) p.z[0] |= std::uint64_t{1} << q;
  }
  return p;
}

// Dense matrix of a Pauli string as a Kronecker product (qubit 0 = least significant index bit).
Eigen::MatrixXcd pauli_matrix(int n, const PauliString& p) {
  Eigen::MatrixXcd m = Eigen::MatrixXcd::Ones(1, 1);
  for (int q = n - 1; q >= 0; --q) {
    const bool x = (p.x[0] >> q) & 1u, z = (p.z[0] >> q) & 1u;
    Eigen::Matrix2cd f;
    if (x && z) f << 0, C(0, -1), C(0, 1), 0;
    if (x && !z) f << 0, 1, 1, 0;
    if (!x && z) f << 1, 0, 0, -1;
    if (!x && !z) f << 1, 0, 0, 1;
    Eigen::MatrixXcd next(m.rows() * 2, m.cols() * 2);
    // Kron(m, f): the lower qubit q varies fastest.
    for (Eigen::Index r = 0; r < m.rows(); ++r)
      for (Eigen::Index c = 0; c < m.cols(); ++c) next.block(2 * r, 2 * c, 2, 2) = m(r, c) * f;
    m = next;
  }
  return m;
}

Eigen::MatrixXcd dense(int n, const QubitOperator& op) {
  const Eigen::Index dim = Eigen::Index{1} << n;
  Eigen::MatrixXcd m = Eigen::MatrixXcd::Zero(dim, dim);
  for (const auto& [p, c] : op.terms()) m += c * pauli_matrix(n, p);
  return m;
}

}  // namespace

BOOST_AUTO_TEST_CASE(random_operators_match_dense_matrices) {
  std::mt19937 rng(21);
  std::normal_distribution<double> normal;
  for (int n = 1; n <= 8; ++n) {
    for (int trial = 0; trial < 3; ++trial) {
      BOOST_TEST_CONTEXT("n = " << n << ", trial " << trial) {
        QubitOperator op(n);
        const int n_terms = 1 + 4 * n;
        for (int t = 0; t < n_terms; ++t) op.add(random_pauli(n, rng), C(normal(rng), normal(rng)));
        // Repeated X masks are frequent at small n: they exercise the grouping.
        const Statevector psi = random_state(n, rng);
        const Eigen::MatrixXcd m = dense(n, op);
        const Eigen::VectorXcd v = to_eigen(psi);
        const C want = v.dot(m * v);  // Eigen's dot conjugates the left vector
        const C got = PauliGroups(op).expectation(psi);
        BOOST_CHECK_SMALL(std::abs(got - want), 1e-12 * (1 + op.size()));
        BOOST_CHECK_SMALL(std::abs(expectation_value(op, psi) - want.real()), 1e-12 * op.size());

        Statevector out;
        apply(op, psi, out);
        BOOST_CHECK_SMALL((to_eigen(out) - m * v).norm(), 1e-12 * (1 + op.size()));

        const Statevector bra = random_state(n, rng);
        const PauliString p = op.terms().front().first;
        const C element = to_eigen(bra).dot(pauli_matrix(n, p) * v);
        BOOST_CHECK_SMALL(std::abs(pauli_matrix_element(p, bra, psi) - element), 1e-12);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(parallel_expectation_matches_serial_sum) {
  // 15 qubits: the OpenMP reduction path. H|psi> and <psi|H|psi> must agree with each other.
  std::mt19937 rng(22);
  std::normal_distribution<double> normal;
  const int n = 15;
  QubitOperator op(n);
  for (int t = 0; t < 40; ++t) {
    const PauliString p = random_pauli(n, rng);
    op.add(p, normal(rng));  // Hermitian: real coefficients
  }
  const Statevector psi = random_state(n, rng);
  Statevector h_psi;
  apply(op, psi, h_psi);
  const C via_apply = psi.inner(h_psi);
  const C direct = PauliGroups(op).expectation(psi);
  BOOST_CHECK_SMALL(std::abs(via_apply - direct), 1e-11);
  BOOST_CHECK_SMALL(direct.imag(), 1e-11);
}

BOOST_AUTO_TEST_CASE(operator_beyond_the_state_is_refused) {
  QubitOperator op(4);
  PauliString p;
  p.z[0] = 0b1000;
  op.add(p, 1.0);
  const Statevector psi(3);
  BOOST_CHECK_THROW(expectation_value(op, psi), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
