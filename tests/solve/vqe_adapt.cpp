#include <boost/test/unit_test.hpp>
#include <cmath>
#include <random>

#include "qmol/ansatz/uccsd.h"
#include "qmol/solve/adapt_vqe.h"
#include "qmol/solve/exact_diagonalization.h"

BOOST_AUTO_TEST_SUITE(vqe_adapt)

using namespace qmol;

namespace {

// Random real integrals with 8-fold symmetry, (pq|rs) = sum_L B^L_pq B^L_rs, and a diagonal
// that keeps the reference determinant lowest (a weakly correlated model).
MolecularHamiltonian model_hamiltonian(int n, int n_alpha, int n_beta, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  Eigen::MatrixXd h(n, n);
  for (int p = 0; p < n; ++p)
    for (int q = 0; q <= p; ++q) h(p, q) = h(q, p) = 0.1 * u(rng) + (p == q ? 1.5 * p - 3.0 : 0.0);
  std::vector<double> eri(static_cast<std::size_t>(n * n * n * n), 0.0);
  for (int l = 0; l < n; ++l) {
    Eigen::MatrixXd b(n, n);
    for (int p = 0; p < n; ++p)
      for (int q = 0; q <= p; ++q) b(p, q) = b(q, p) = 0.2 * u(rng) + (p == q ? 0.3 : 0.0);
    for (int p = 0; p < n; ++p)
      for (int q = 0; q < n; ++q)
        for (int r = 0; r < n; ++r)
          for (int s = 0; s < n; ++s) eri[((p * n + q) * n + r) * n + s] += b(p, q) * b(r, s);
  }
  return MolecularHamiltonian(0.5, h, eri, n_alpha, n_beta);
}

}  // namespace

BOOST_AUTO_TEST_CASE(adapt_reaches_the_exact_energy) {
  for (auto [n, na, nb] : {std::tuple{4, 2, 2}, std::tuple{5, 3, 2}}) {
    const MolecularHamiltonian h = model_hamiltonian(n, na, nb, 3);
    const double exact = exact_ground_state(h).energy;
    FermionicAnsatz start = uccsd(n, na, nb);
    start.terms.clear();
    start.parameter_labels.clear();
    start.n_parameters = 0;
    DeterminantEngine engine(h, start);
    const double reference = engine.energy({});
    AdaptOptions options;
    options.gradient_tolerance = 1e-5;
    int calls = 0;
    const AdaptResult r = run_adapt_vqe(engine, start, fermionic_pool(n, na, nb), options,
                                        [&](int, double, double) { ++calls; });
    BOOST_TEST_INFO(n << " orbitals: ADAPT " << r.energy << " exact " << exact << " reference "
                      << reference << " with " << r.ansatz.n_parameters << " operators");
    BOOST_TEST(r.converged);
    BOOST_TEST(r.energy < reference);
    BOOST_TEST(r.energy > exact - 1e-9);
    BOOST_TEST(r.energy - exact < 1e-4);  // ADAPT stops on the pool gradient, not on the energy
    BOOST_TEST(calls == r.ansatz.n_parameters);
    BOOST_TEST(r.selected.size() == static_cast<std::size_t>(r.ansatz.n_parameters));
    BOOST_TEST(r.energies.size() == r.selected.size() + 1);
    BOOST_TEST(r.vqe.parameters.size() == static_cast<std::size_t>(r.ansatz.n_parameters));
    BOOST_TEST(std::abs(engine.energy(r.vqe.parameters) - r.energy) < 1e-12);
    // Energies never rise as operators are added (warm-started re-optimisation).
    for (std::size_t k = 1; k < r.energies.size(); ++k)
      BOOST_TEST(r.energies[k] <= r.energies[k - 1] + 1e-12);
  }
}

BOOST_AUTO_TEST_SUITE_END()
