// The mapped Hamiltonians of small random molecules against a brute-force FCI.
#include <boost/test/unit_test.hpp>
#include <set>

#include "qmol/core/errors.h"
#include "qmol/hamiltonian/fermion_operator.h"
#include "qmol/qubit/mapping.h"
#include "qmol/qubit/qubit_hamiltonian.h"
#include "qmol/qubit/reference_state.h"
#include "qmol/qubit/two_qubit_reduction.h"
#include "support/brute_force.h"
#include "support/random_hamiltonian.h"

BOOST_AUTO_TEST_SUITE(molecular_spectrum)

using qmol::Mapping;
using qmol::QubitOperator;
namespace t = qmol::testing;

namespace {

struct Case {
  int n_orbitals, n_alpha, n_beta;
  unsigned seed;
};
const Case kCases[] = {{3, 2, 1, 11}, {4, 2, 2, 12}, {4, 2, 1, 13}, {3, 1, 1, 14}, {5, 3, 2, 15}};
const Mapping kMappings[] = {Mapping::jordan_wigner, Mapping::bravyi_kitaev, Mapping::parity};

// The qubit basis states of the (n_alpha, n_beta) determinants under a mapping.
std::vector<std::uint64_t> sector_states(const qmol::MolecularHamiltonian& h, Mapping m,
                                         bool reduced) {
  std::vector<std::uint64_t> states;
  for (std::uint64_t det : t::determinants(h.n_orbitals(), h.n_alpha(), h.n_beta()))
    states.push_back(qmol::basis_index(
        qmol::hartree_fock_state(m, h.n_spin_orbitals(), t::occupied_modes(det), reduced)));
  return states;
}

double diagonal_energy(const QubitOperator& op, const std::vector<bool>& state) {
  const std::uint64_t b = qmol::basis_index(state);
  double e = 0.0;
  std::uint64_t out = 0;
  for (const auto& [p, c] : op.terms())
    if (p.x[0] == 0 && p.x[1] == 0) e += (c * t::apply_pauli(p, b, out)).real();
  return e;
}

}  // namespace

BOOST_AUTO_TEST_CASE(lowest_eigenvalue_equals_fci) {
  for (const Case& c : kCases) {
    const auto h = t::random_hamiltonian(c.n_orbitals, c.n_alpha, c.n_beta, c.seed);
    const double fci = t::brute_force_fci(h);
    for (Mapping m : kMappings) {
      const QubitOperator op = qmol::qubit_hamiltonian(h, m);
      BOOST_TEST(op.is_hermitian());
      const double e = t::lowest_eigenvalue(t::sector_matrix(op, sector_states(h, m, false)));
      BOOST_TEST(std::abs(e - fci) < 1e-10, qmol::to_string(m) << ": " << e << " vs " << fci);
    }
    const QubitOperator reduced = qmol::qubit_hamiltonian(h, Mapping::parity, true);
    BOOST_TEST(reduced.n_qubits() == h.n_spin_orbitals() - 2);
    const auto states = sector_states(h, Mapping::parity, true);
    BOOST_TEST(std::set<std::uint64_t>(states.begin(), states.end()).size() == states.size());
    const double e = t::lowest_eigenvalue(t::sector_matrix(reduced, states));
    BOOST_TEST(std::abs(e - fci) < 1e-10, "two-qubit reduced: " << e << " vs " << fci);
  }
}

BOOST_AUTO_TEST_CASE(reduced_space_minimum_is_fci) {
  // Fixing the two parities keeps every sector with N_alpha = n_alpha and N_beta = n_beta mod 2;
  // the full (n-2)-qubit spectrum's minimum is the lowest FCI energy among those sectors.
  const auto h = t::random_hamiltonian(3, 1, 1, 21);
  const QubitOperator reduced = qmol::qubit_hamiltonian(h, Mapping::parity, true);
  const double full = t::lowest_eigenvalue(t::dense_matrix(reduced, reduced.n_qubits()));
  double best = 1e300;
  for (int na : {1, 3})
    for (int nb : {1, 3}) {
      const qmol::MolecularHamiltonian sector(h.core_energy(), h.one_body(), h.two_body_data(), na,
                                              nb);
      best = std::min(best, t::brute_force_fci(sector));
    }
  BOOST_TEST(std::abs(full - best) < 1e-10);
}

BOOST_AUTO_TEST_CASE(mappings_are_unitarily_equivalent) {
  const auto h = t::random_hamiltonian(3, 1, 1, 31);
  Eigen::VectorXd reference;
  for (Mapping m : kMappings) {
    const QubitOperator op = qmol::qubit_hamiltonian(h, m);
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> solver(t::dense_matrix(op, 6),
                                                           Eigen::EigenvaluesOnly);
    if (reference.size() == 0)
      reference = solver.eigenvalues();
    else
      BOOST_TEST((solver.eigenvalues() - reference).norm() < 1e-10);
  }
}

BOOST_AUTO_TEST_CASE(hartree_fock_energy) {
  for (const Case& c : kCases) {
    const auto h = t::random_hamiltonian(c.n_orbitals, c.n_alpha, c.n_beta, c.seed);
    const double expected = h.determinant_energy((1ULL << c.n_alpha) - 1, (1ULL << c.n_beta) - 1);
    const std::vector<int> occupied = qmol::hartree_fock_occupied(c.n_alpha, c.n_beta);
    for (Mapping m : kMappings) {
      const auto state = qmol::hartree_fock_state(m, h.n_spin_orbitals(), occupied);
      BOOST_TEST(std::abs(diagonal_energy(qmol::qubit_hamiltonian(h, m), state) - expected) <
                 1e-10);
    }
    const auto state =
        qmol::hartree_fock_state(Mapping::parity, h.n_spin_orbitals(), occupied, true);
    BOOST_TEST(std::abs(diagonal_energy(qmol::qubit_hamiltonian(h, Mapping::parity, true), state) -
                        expected) < 1e-10);
  }
}

BOOST_AUTO_TEST_CASE(hartree_fock_states) {
  const std::vector<int> occupied = qmol::hartree_fock_occupied(2, 1);  // modes 0, 1, 2
  BOOST_TEST((occupied == std::vector<int>{0, 1, 2}));
  using B = std::vector<bool>;
  BOOST_TEST(
      (qmol::hartree_fock_state(Mapping::jordan_wigner, 6, occupied) == B{1, 1, 1, 0, 0, 0}));
  BOOST_TEST((qmol::hartree_fock_state(Mapping::parity, 6, occupied) == B{1, 0, 1, 1, 1, 1}));
  // BK, n = 6: qubits store {0}, {0,1}, {2}, {0..3}, {4}, {4,5}.
  BOOST_TEST(
      (qmol::hartree_fock_state(Mapping::bravyi_kitaev, 6, occupied) == B{1, 0, 1, 1, 0, 0}));
  // Block order: alpha modes 0, 2 -> positions 0, 1; beta mode 1 -> position 3. Prefix parities
  // 1, 0, 0, 1, 1, 1; without qubits 2 and 5: 1, 0, 1, 1.
  BOOST_TEST((qmol::hartree_fock_state(Mapping::parity, 6, occupied, true) == B{1, 0, 1, 1}));
  BOOST_CHECK_THROW(qmol::hartree_fock_state(Mapping::jordan_wigner, 6, occupied, true),
                    qmol::InputError);
}

BOOST_AUTO_TEST_SUITE_END()
