// ADAPT-VQE: the pools, their screening gradients against finite differences of the grown ansatz,
// and the driver against exact diagonalization, with fermionic pools on the determinant engine and
// the qubit pool on the statevector.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <set>

#include "qmol/ansatz/adapt_pool.h"
#include "qmol/ansatz/uccsd.h"
#include "qmol/qubit/qubit_hamiltonian.h"
#include "qmol/qubit/reference_state.h"
#include "qmol/solve/adapt_vqe.h"
#include "qmol/solve/exact_diagonalization.h"
#include "support/random_hamiltonian.h"

BOOST_AUTO_TEST_SUITE(vqe_adapt)

using namespace qmol;
using qmol::testing::molecular_like_hamiltonian;

namespace {

FermionicAnsatz reference_only(int n, int na, int nb) {
  FermionicAnsatz start = uccsd(n, na, nb);
  start.terms.clear();
  start.parameter_labels.clear();
  start.n_parameters = 0;
  return start;
}

Circuit reference_circuit(int n, int na, int nb, Mapping mapping) {
  const std::vector<bool> reference =
      hartree_fock_state(mapping, 2 * n, hartree_fock_occupied(na, nb), false);
  std::vector<int> set;
  for (std::size_t k = 0; k < reference.size(); ++k)
    if (reference[k]) set.push_back(static_cast<int>(k));
  Circuit c(2 * n, 0);
  c.set_initial_state(set);
  return c;
}

// The pool gradient of every operator against the central difference of the energy with that
// operator appended, at the parameters `theta` of the grown ansatz.
template <class MakeAnsatz>
void check_pool_gradients(MakeAnsatz make, const std::vector<double>& theta_before) {
  auto probe = make();
  const std::vector<double> g = probe->pool_gradients(theta_before);
  BOOST_TEST_REQUIRE(g.size() == probe->pool_size());
  constexpr double step = 1e-5;
  double largest = 0.0;
  for (std::size_t k = 0; k < g.size(); ++k) {
    auto grown = make();
    grown->append(k);
    std::vector<double> theta = theta_before;
    theta.push_back(step);
    const double plus = grown->energy().energy(theta);
    theta.back() = -step;
    const double minus = grown->energy().energy(theta);
    BOOST_TEST(std::abs((plus - minus) / (2 * step) - g[k]) < 1e-7, "operator " << k);
    largest = std::max(largest, std::abs(g[k]));
  }
  BOOST_TEST(largest > 1e-3);  // the check compared something
}

}  // namespace

BOOST_AUTO_TEST_CASE(spin_adapted_pools) {
  // Closed shell: the singlet generators of singlet-UCCSD, one operator per parameter.
  const FermionicAnsatz singlet = singlet_uccsd(4, 2, 2);
  const auto closed = fermionic_sd_pool(4, 2, 2);
  BOOST_TEST(closed.size() == static_cast<std::size_t>(singlet.n_parameters));
  std::size_t closed_terms = 0;
  for (const FermionicPoolOperator& op : closed) closed_terms += op.terms.size();
  BOOST_TEST(closed_terms == singlet.terms.size());
  // Open shell: every UCCSD excitation once, alone or beside its alpha <-> beta image.
  const auto pool = fermionic_sd_pool(4, 2, 1);
  std::set<std::pair<std::vector<int>, std::vector<int>>> seen;
  for (const FermionicPoolOperator& op : pool) {
    BOOST_TEST((op.terms.size() == 1 || op.terms.size() == 2));
    for (const AnsatzTerm& t : op.terms)
      BOOST_TEST(seen.insert({t.excitation.from, t.excitation.to}).second);
  }
  for (const AnsatzTerm& t : uccsd(4, 2, 1).terms)
    BOOST_TEST(seen.count({t.excitation.from, t.excitation.to}) == 1u);
  BOOST_TEST(pool.size() < uccsd(4, 2, 1).terms.size());  // some were paired
  // Generalized: 2 spins x C(3,2) singles = 6 -> 3 pairs; doubles over 6 spin orbitals.
  const auto generalized = generalized_sd_pool(3);
  std::size_t singles = 0;
  for (const auto& op : generalized)
    if (op.terms.front().excitation.from.size() == 1) ++singles;
  BOOST_TEST(singles == 3u);
  // The qubit pool: Z-free strings with an odd number of Y (real rotations), all distinct.
  const auto strings = qubit_pool(3, 1, 1, Mapping::jordan_wigner, false);
  BOOST_TEST(!strings.empty());
  for (const PauliString& p : strings) {
    int y = 0;
    for (int q = 0; q < 6; ++q) {
      BOOST_TEST(p.at(q) != 'Z');
      y += p.at(q) == 'Y';
    }
    BOOST_TEST(y % 2 == 1);
  }
}

BOOST_AUTO_TEST_CASE(pool_gradients_match_finite_differences) {
  const MolecularHamiltonian h = molecular_like_hamiltonian(4, 2, 1, 11);
  // At the reference, and after two operators at nonzero parameters.
  for (const std::vector<double>& theta : {std::vector<double>{}, std::vector<double>{0.1, -0.2}}) {
    const auto pool = fermionic_sd_pool(4, 2, 1);
    std::vector<std::unique_ptr<DeterminantEngine>> engines;
    check_pool_gradients(
        [&]() {
          engines.push_back(std::make_unique<DeterminantEngine>(h, reference_only(4, 2, 1)));
          auto a = std::make_unique<FermionicAdaptAnsatz>(*engines.back(), reference_only(4, 2, 1),
                                                          pool);
          for (std::size_t k = 0; k < theta.size(); ++k) a->append(3 * k + 1);
          return a;
        },
        theta);
    const QubitOperator hq = qubit_hamiltonian(h, Mapping::jordan_wigner, false);
    const auto strings = qubit_pool(4, 2, 1, Mapping::jordan_wigner, false);
    std::vector<std::unique_ptr<StatevectorEngine>> statevectors;
    check_pool_gradients(
        [&]() {
          statevectors.push_back(std::make_unique<StatevectorEngine>(
              hq, reference_circuit(4, 2, 1, Mapping::jordan_wigner)));
          auto a = std::make_unique<QubitAdaptAnsatz>(*statevectors.back(), strings);
          for (std::size_t k = 0; k < theta.size(); ++k) a->append(5 * k + 2);
          return a;
        },
        theta);
  }
}

BOOST_AUTO_TEST_CASE(adapt_reaches_the_exact_energy) {
  AdaptOptions options;
  options.gradient_threshold = 1e-4;
  for (auto [n, na, nb] : {std::tuple{4, 2, 2}, std::tuple{5, 3, 2}}) {
    const MolecularHamiltonian h = molecular_like_hamiltonian(n, na, nb, 3);
    const double exact = exact_ground_state(h).energy;
    for (AdaptPool kind : {AdaptPool::fermionic_sd, AdaptPool::generalized_sd}) {
      DeterminantEngine engine(h, reference_only(n, na, nb));
      const double reference = engine.energy({});
      FermionicAdaptAnsatz ansatz(engine, reference_only(n, na, nb),
                                  kind == AdaptPool::generalized_sd ? generalized_sd_pool(n)
                                                                    : fermionic_sd_pool(n, na, nb));
      int calls = 0;
      const AdaptResult r =
          run_adapt_vqe(ansatz, options, OptimizerOptions{}, [&](int, double, double) { ++calls; });
      BOOST_TEST_INFO(n << " orbitals, " << to_string(kind) << ": ADAPT " << r.vqe.energy
                        << " exact " << exact << " reference " << reference << " with "
                        << r.steps.operators.size() << " operators");
      BOOST_TEST(r.steps.converged);
      BOOST_TEST(r.vqe.converged);
      BOOST_TEST(r.vqe.energy < reference);
      BOOST_TEST(r.vqe.energy > exact - 1e-9);
      // ADAPT stops on the pool gradient, not on the energy: 1e-4 Eh of 0.08-0.18 correlation.
      BOOST_TEST(r.vqe.energy - exact < 1e-4);
      BOOST_TEST(calls == static_cast<int>(r.steps.operators.size()));
      BOOST_TEST(r.steps.energies.size() == r.steps.operators.size() + 1);
      BOOST_TEST(r.steps.max_gradients.size() == r.steps.operators.size() + 1);
      BOOST_TEST(r.steps.max_gradients.back() < options.gradient_threshold);
      BOOST_TEST(r.vqe.parameters.size() == r.steps.operators.size());
      BOOST_TEST(std::abs(engine.energy(r.vqe.parameters) - r.vqe.energy) < 1e-12);
      for (std::size_t k = 1; k < r.steps.energies.size(); ++k)
        BOOST_TEST(r.steps.energies[k] <= r.steps.energies[k - 1] + 1e-12);
    }
  }
}

BOOST_AUTO_TEST_CASE(qubit_adapt_reaches_the_exact_energy) {
  const MolecularHamiltonian h = molecular_like_hamiltonian(3, 2, 1, 5);
  const double exact = exact_ground_state(h).energy;
  for (Mapping mapping : {Mapping::jordan_wigner, Mapping::bravyi_kitaev}) {
    StatevectorEngine engine(qubit_hamiltonian(h, mapping, false),
                             reference_circuit(3, 2, 1, mapping));
    QubitAdaptAnsatz ansatz(engine, qubit_pool(3, 2, 1, mapping, false));
    AdaptOptions options;
    options.gradient_threshold = 1e-4;
    const AdaptResult r = run_adapt_vqe(ansatz, options, OptimizerOptions{});
    BOOST_TEST_INFO(to_string(mapping) << ": qubit-ADAPT " << r.vqe.energy << " exact " << exact
                                       << " with " << r.steps.operators.size() << " strings");
    BOOST_TEST(r.steps.converged);
    BOOST_TEST(r.vqe.energy > exact - 1e-9);
    BOOST_TEST(r.vqe.energy - exact < 1e-4);
    BOOST_TEST(ansatz.circuit().n_parameters() == static_cast<int>(r.steps.operators.size()));
  }
}

BOOST_AUTO_TEST_CASE(max_operators_stops_unconverged) {
  const MolecularHamiltonian h = molecular_like_hamiltonian(4, 2, 2, 3);
  DeterminantEngine engine(h, reference_only(4, 2, 2));
  FermionicAdaptAnsatz ansatz(engine, reference_only(4, 2, 2), fermionic_sd_pool(4, 2, 2));
  AdaptOptions options;
  options.gradient_threshold = 1e-9;
  options.max_operators = 2;
  const AdaptResult r = run_adapt_vqe(ansatz, options, OptimizerOptions{});
  BOOST_TEST(!r.steps.converged);
  BOOST_TEST(!r.vqe.converged);
  BOOST_TEST(r.steps.operators.size() == 2u);
  BOOST_TEST(ansatz.ansatz().n_parameters == 2);
}

BOOST_AUTO_TEST_SUITE_END()
