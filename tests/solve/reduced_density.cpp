// Spin-summed reduced density matrices against the direct-CI sigma: the energy recomputed from
// them equals <c|H|c> for random states and the exact ground state, traces count electrons and
// pairs, and the densities have the symmetries of real states.
#include "qmol/sim/reduced_density.h"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <random>

#include "qmol/sim/determinant_hamiltonian.h"
#include "qmol/solve/exact_diagonalization.h"
#include "support/random_hamiltonian.h"

BOOST_AUTO_TEST_SUITE(reduced_density)

using namespace qmol;

namespace {

double expectation(const MolecularHamiltonian& h, const DeterminantSpace& space,
                   const std::vector<double>& c) {
  std::vector<double> hc(c.size());
  DeterminantHamiltonian(h, space).apply(c.data(), hc.data());
  double e = 0.0;
  for (std::size_t k = 0; k < c.size(); ++k) e += c[k] * hc[k];
  return e;  // the sigma includes the core energy
}

void check(const MolecularHamiltonian& h, const DeterminantSpace& space,
           const std::vector<double>& c) {
  const ReducedDensities d = reduced_densities(space, c.data());
  const int n = space.n_orbitals(), n_electrons = space.n_alpha() + space.n_beta();
  BOOST_TEST(std::abs(d.energy(h) - expectation(h, space, c)) < 1e-10);
  BOOST_TEST(std::abs(d.trace() - n_electrons) < 1e-12);
  double pairs = 0.0;
  for (int p = 0; p < n; ++p)
    for (int r = 0; r < n; ++r) pairs += d.two[((p * n + p) * n + r) * n + r];
  BOOST_TEST(std::abs(pairs - n_electrons * (n_electrons - 1.0)) < 1e-10);
  BOOST_TEST((d.one - d.one.transpose()).cwiseAbs().maxCoeff() < 1e-12);
  for (int p = 0; p < n; ++p)
    for (int q = 0; q < n; ++q)
      for (int r = 0; r < n; ++r)
        for (int s = 0; s < n; ++s) {
          const auto at = [&](int a, int b, int x, int y) {
            return d.two[((a * n + b) * n + x) * n + y];
          };
          BOOST_TEST(std::abs(at(p, q, r, s) - at(r, s, p, q)) < 1e-12);  // particle exchange
          BOOST_TEST(std::abs(at(p, q, r, s) - at(q, p, s, r)) < 1e-12);  // real state
        }
  const std::vector<double> occupations = d.natural_occupations();
  BOOST_TEST(occupations.front() <= 2.0 + 1e-12);
  BOOST_TEST(occupations.back() >= -1e-12);
}

}  // namespace

BOOST_AUTO_TEST_CASE(energies_traces_and_symmetries) {
  for (auto [n, na, nb] : {std::tuple{4, 2, 2}, std::tuple{5, 3, 1}, std::tuple{5, 2, 3}}) {
    const MolecularHamiltonian h = qmol::testing::random_hamiltonian(n, na, nb, 17);
    const DeterminantSpace space(n, na, nb);
    std::mt19937_64 rng(5);
    std::normal_distribution<double> g;
    std::vector<double> c(space.size());
    double norm = 0.0;
    for (double& x : c) {
      x = g(rng);
      norm += x * x;
    }
    for (double& x : c) x /= std::sqrt(norm);
    check(h, space, c);
    ExactOptions options;
    options.want_ground_state = true;
    const ExactResult exact = exact_ground_state(h, options);
    check(h, space, exact.ground_state);
    const ReducedDensities d = reduced_densities(space, exact.ground_state.data());
    BOOST_TEST(std::abs(d.energy(h) - exact.energy) < 1e-10);
  }
}

BOOST_AUTO_TEST_CASE(a_determinant_has_integer_occupations) {
  const DeterminantSpace space(4, 2, 1);
  std::vector<double> c(space.size(), 0.0);
  c[3] = 1.0;
  const std::vector<double> occupations = reduced_densities(space, c.data()).natural_occupations();
  int ones = 0, twos = 0;
  for (double x : occupations) {
    BOOST_TEST((std::abs(x) < 1e-12 || std::abs(x - 1) < 1e-12 || std::abs(x - 2) < 1e-12));
    ones += std::abs(x - 1) < 1e-12;
    twos += std::abs(x - 2) < 1e-12;
  }
  BOOST_TEST(ones + 2 * twos == 3);
}

BOOST_AUTO_TEST_SUITE_END()
