// Expectation values and H|psi> of QubitOperators against dense matrices built in the test.
#include <Eigen/Dense>
#include <boost/test/unit_test.hpp>
#include <complex>
#include <random>

#include "qmol/core/errors.h"
#include "qmol/sim/pauli_expectation.h"
#include "support/brute_force.h"
#include "support/dense.h"
#include "support/random.h"

BOOST_AUTO_TEST_SUITE(statevector_expectation)

namespace {

using namespace qmol;
using namespace qmol::testing;
using C = std::complex<double>;

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
        const Eigen::MatrixXcd m = dense_matrix(op, n);
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
  BOOST_CHECK_THROW(expectation_value(op, psi), InternalError);
}

BOOST_AUTO_TEST_SUITE_END()
