// Under ThreadSanitizer (scripts/test): the exact solver's three paths with their OpenMP regions
// switched on. DeterminantHamiltonian::apply runs threaded above 20000 determinant-singles
// (determinants x (alpha singles + 1)), its diagonal above 4096 determinants, and the Davidson
// vector operations above 100000 determinants; the sizes below are the smallest past those.

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <vector>

#include "qmol/sim/determinant_hamiltonian.h"
#include "qmol/sim/determinant_space.h"
#include "qmol/solve/exact_diagonalization.h"
#include "support/random_hamiltonian.h"

BOOST_AUTO_TEST_SUITE(exact)

using namespace qmol;
using testing::molecular_like_hamiltonian;

namespace {

ExactResult solve(const MolecularHamiltonian& h, ExactMethod method, double tolerance = 1e-10,
                  bool want_ground_state = false) {
  ExactOptions o;
  o.method = method;
  o.tolerance = tolerance;
  o.want_ground_state = want_ground_state;
  const ExactResult r = exact_ground_state(h, o);
  BOOST_REQUIRE(r.converged);
  return r;
}

// Below every determinant's energy: a variational bound that a corrupted sigma build breaks.
void check_variational(const MolecularHamiltonian& h, double energy) {
  const DeterminantSpace space(h.n_orbitals(), h.n_alpha(), h.n_beta());
  const DeterminantHamiltonian dh(h, space);
  const auto& diagonal = dh.diagonal();
  BOOST_CHECK_LT(energy, *std::min_element(diagonal.begin(), diagonal.end()));
}

}  // namespace

BOOST_AUTO_TEST_CASE(dense_and_lanczos_agree) {
  // 9 orbitals, 4 + 1 electrons: 1134 determinants x 25 = 28350 determinant-singles.
  const MolecularHamiltonian h = molecular_like_hamiltonian(9, 4, 1, 21);
  const ExactResult dense = solve(h, ExactMethod::dense);
  BOOST_CHECK_EQUAL(dense.method, "dense");
  BOOST_CHECK_EQUAL(dense.n_determinants, 1134u);
  BOOST_CHECK_SMALL(solve(h, ExactMethod::lanczos).energy - dense.energy, 1e-9);
  check_variational(h, dense.energy);
}

BOOST_AUTO_TEST_CASE(davidson_on_a_large_space) {
  // 11 orbitals, 5 + 4 electrons: 152460 determinants.
  const MolecularHamiltonian h = molecular_like_hamiltonian(11, 5, 4, 22);
  // A loose tolerance: some 15 iterations, each a sigma build of ~3e8 multiply-adds.
  const double tolerance = 1e-3;
  const ExactResult r = solve(h, ExactMethod::davidson, tolerance, true);
  BOOST_CHECK_EQUAL(r.method, "davidson");
  BOOST_REQUIRE_GT(r.n_determinants, 100000u);
  check_variational(h, r.energy);
  // An eigenvector: |H x - E x| below the tolerance asked for (the solver's own test, here with a
  // fresh sigma build; rounding aside).
  const DeterminantSpace space(h.n_orbitals(), h.n_alpha(), h.n_beta());
  const DeterminantHamiltonian dh(h, space);
  std::vector<double> hx(space.size());
  dh.apply(r.ground_state.data(), hx.data());
  double residual = 0.0;
  for (std::size_t i = 0; i < hx.size(); ++i)
    residual += std::pow(hx[i] - r.energy * r.ground_state[i], 2);
  BOOST_CHECK_LT(std::sqrt(residual), 1.01 * tolerance);
}

BOOST_AUTO_TEST_SUITE_END()
