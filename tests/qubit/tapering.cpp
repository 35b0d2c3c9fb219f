#include "qmol/qubit/tapering.h"

#include <boost/test/unit_test.hpp>

#include "qmol/qubit/qubit_hamiltonian.h"
#include "qmol/qubit/reference_state.h"
#include "support/brute_force.h"
#include "support/random_hamiltonian.h"

BOOST_AUTO_TEST_SUITE(tapering)

using qmol::Mapping;
using qmol::QubitOperator;
namespace t = qmol::testing;

namespace {

double diagonal_energy(const QubitOperator& op, const std::vector<bool>& state) {
  const std::uint64_t b = qmol::basis_index(state);
  double e = 0.0;
  std::uint64_t out = 0;
  for (const auto& [p, c] : op.terms())
    if (p.x[0] == 0 && p.x[1] == 0) e += (c * t::apply_pauli(p, b, out)).real();
  return e;
}

}  // namespace

BOOST_AUTO_TEST_CASE(spin_parities_are_tapered_in_every_mapping) {
  const auto h = t::random_hamiltonian(3, 1, 1, 21);
  // Fixing the alpha and beta parities keeps the sectors N_alpha, N_beta in {1, 3}.
  double best = 1e300;
  for (int na : {1, 3})
    for (int nb : {1, 3})
      best = std::min(best, t::brute_force_fci(qmol::MolecularHamiltonian(
                                h.core_energy(), h.one_body(), h.two_body_data(), na, nb)));
  const double hf = h.determinant_energy(1, 1);
  for (Mapping m : {Mapping::jordan_wigner, Mapping::bravyi_kitaev, Mapping::parity}) {
    const QubitOperator op = qmol::qubit_hamiltonian(h, m);
    const auto reference = qmol::hartree_fock_state(m, 6, qmol::hartree_fock_occupied(1, 1));
    const qmol::TaperedOperator tapered = qmol::taper(op, reference);
    BOOST_TEST(tapered.symmetries.size() == 2u);
    BOOST_TEST(tapered.op.n_qubits() == 4);
    BOOST_TEST(tapered.op.is_hermitian());
    for (const auto& tau : tapered.symmetries)
      for (const auto& [p, c] : op.terms()) BOOST_TEST(tau.commutes_with(p));
    const double e = t::lowest_eigenvalue(t::dense_matrix(tapered.op, 4));
    BOOST_TEST(std::abs(e - best) < 1e-10, qmol::to_string(m) << ": " << e << " vs " << best);
    BOOST_TEST(std::abs(diagonal_energy(tapered.op, tapered.reference) - hf) < 1e-10);
  }
}

BOOST_AUTO_TEST_CASE(h2_tapers_to_one_qubit) {
  Eigen::MatrixXd h(2, 2);
  h << -1.2524635735648986, 0, 0, -0.4759487152209648;
  std::vector<double> g(16, 0.0);
  auto at = [&](int p, int q, int r, int s) -> double& { return g[((p * 2 + q) * 2 + r) * 2 + s]; };
  at(0, 0, 0, 0) = 0.6744887663568382;
  at(1, 1, 1, 1) = 0.6973949659350038;
  at(0, 0, 1, 1) = at(1, 1, 0, 0) = 0.6634114468445802;
  at(0, 1, 0, 1) = at(0, 1, 1, 0) = at(1, 0, 0, 1) = at(1, 0, 1, 0) = 0.1812104520687201;
  const qmol::MolecularHamiltonian mol(0.7137539936876182, h, g, 1, 1);
  const double fci = t::brute_force_fci(mol);
  for (Mapping m : {Mapping::jordan_wigner, Mapping::bravyi_kitaev, Mapping::parity}) {
    const auto reference = qmol::hartree_fock_state(m, 4, qmol::hartree_fock_occupied(1, 1));
    const qmol::TaperedOperator tapered = qmol::taper(qmol::qubit_hamiltonian(mol, m), reference);
    BOOST_TEST(tapered.op.n_qubits() == 1);
    BOOST_TEST(std::abs(t::lowest_eigenvalue(t::dense_matrix(tapered.op, 1)) - fci) < 1e-10);
  }
}

BOOST_AUTO_TEST_SUITE_END()
