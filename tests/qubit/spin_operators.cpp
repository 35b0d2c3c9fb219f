// N, Sz and S^2 as fermion operators and under every mapping (with the two-qubit reduction).
#include "qmol/qubit/spin_operators.h"

#include <boost/test/unit_test.hpp>
#include <cmath>

#include "qmol/core/errors.h"
#include "qmol/qubit/qubit_hamiltonian.h"
#include "qmol/qubit/reference_state.h"
#include "support/brute_force.h"
#include "support/random_hamiltonian.h"

BOOST_AUTO_TEST_SUITE(spin_operators)

using qmol::FermionOperator;
using qmol::Mapping;
using qmol::QubitOperator;
using qmol::SpinObservable;
namespace t = qmol::testing;

namespace {

const Mapping kMappings[] = {Mapping::jordan_wigner, Mapping::bravyi_kitaev, Mapping::parity};

std::vector<std::uint64_t> sector_states(int n_orbitals, int n_alpha, int n_beta, Mapping m,
                                         bool reduced) {
  std::vector<std::uint64_t> states;
  for (std::uint64_t det : t::determinants(n_orbitals, n_alpha, n_beta))
    states.push_back(qmol::basis_index(
        qmol::hartree_fock_state(m, 2 * n_orbitals, t::occupied_modes(det), reduced)));
  return states;
}

Eigen::VectorXd eigenvalues(const Eigen::MatrixXcd& m) {
  return Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>(m, Eigen::EigenvaluesOnly).eigenvalues();
}

bool is_zero(const FermionOperator& op) {
  for (const auto& [product, c] : op.terms())
    if (std::abs(c) > 1e-12) return false;
  return true;
}

}  // namespace

BOOST_AUTO_TEST_CASE(fermion_operators_obey_the_spin_algebra) {
  for (int n : {1, 2, 3}) {
    const FermionOperator s2 = qmol::spin_observable(SpinObservable::spin_squared, n);
    const FermionOperator sz = qmol::spin_observable(SpinObservable::spin_z, n);
    const FermionOperator number = qmol::spin_observable(SpinObservable::number, n);
    const FermionOperator up = qmol::spin_raising_operator(n);
    const FermionOperator down = qmol::spin_lowering_operator(n);
    BOOST_TEST(s2.is_normal_ordered());
    // The other ordering of the same identity: S^2 = S_+ S_- + Sz^2 - Sz.
    FermionOperator other = up * down;
    other += sz * sz;
    other -= sz;
    BOOST_TEST(is_zero((other - s2).normal_ordered()), "n = " << n);
    BOOST_TEST(is_zero(qmol::commutator(s2, sz)));
    BOOST_TEST(is_zero(qmol::commutator(s2, number)));
    BOOST_TEST(is_zero(qmol::commutator(s2, up)));
    // [S_+, S_-] = 2 Sz
    BOOST_TEST(is_zero((qmol::commutator(up, down) - 2.0 * sz).normal_ordered()));
    BOOST_TEST(is_zero((up.adjoint() - down).normal_ordered()));
  }
  BOOST_TEST(qmol::to_string(SpinObservable::spin_squared) == "S^2");
}

BOOST_AUTO_TEST_CASE(qubit_images_commute_with_the_hamiltonian) {
  const auto h = t::random_hamiltonian(3, 2, 1, 21);
  for (Mapping m : kMappings) {
    const QubitOperator hq = qmol::qubit_hamiltonian(h, m);
    for (SpinObservable o :
         {SpinObservable::number, SpinObservable::spin_z, SpinObservable::spin_squared}) {
      const QubitOperator oq = qmol::qubit_spin_observable(o, 3, m);
      BOOST_TEST(oq.n_qubits() == 6);
      BOOST_TEST(oq.is_hermitian());
      for (const auto& [p, c] : oq.terms()) BOOST_TEST(c.imag() == 0.0);
      BOOST_TEST(qmol::commutator(hq, oq).one_norm() < 1e-10, qmol::to_string(m));
    }
  }
}

// In each sector (n_alpha, n_beta) every mapping, with or without the two-qubit reduction, gives
// N = n_alpha + n_beta, Sz = (n_alpha - n_beta)/2 and the same joint spectrum of H and S^2 (read
// off H + lambda S^2), with S^2 eigenvalues S(S+1).
BOOST_AUTO_TEST_CASE(every_mapping_gives_the_same_spectrum) {
  const double lambda = 0.37;
  for (const auto& [n, na, nb, seed] :
       {std::array{3, 2, 1, 31}, std::array{4, 2, 2, 32}, std::array{4, 3, 1, 33}}) {
    const auto h = t::random_hamiltonian(n, na, nb, seed);
    Eigen::VectorXd reference;
    struct Variant {
      Mapping mapping;
      bool reduced;
    };
    for (const Variant v :
         {Variant{Mapping::jordan_wigner, false}, Variant{Mapping::bravyi_kitaev, false},
          Variant{Mapping::parity, false}, Variant{Mapping::parity, true}}) {
      const std::vector<std::uint64_t> states = sector_states(n, na, nb, v.mapping, v.reduced);
      auto sector = [&](SpinObservable o) {
        return t::sector_matrix(qmol::qubit_spin_observable(o, h, v.mapping, v.reduced), states);
      };
      const Eigen::MatrixXcd s2 = sector(SpinObservable::spin_squared);
      const auto dim = static_cast<Eigen::Index>(states.size());
      BOOST_TEST((sector(SpinObservable::number) - (na + nb) * Eigen::MatrixXcd::Identity(dim, dim))
                     .cwiseAbs()
                     .maxCoeff() < 1e-12);
      BOOST_TEST(
          (sector(SpinObservable::spin_z) - 0.5 * (na - nb) * Eigen::MatrixXcd::Identity(dim, dim))
              .cwiseAbs()
              .maxCoeff() < 1e-12);
      for (double x : eigenvalues(s2)) {
        const double s = 0.5 * (std::sqrt(1.0 + 4.0 * x) - 1.0);
        BOOST_TEST(std::abs(2 * s - std::round(2 * s)) < 1e-10);
        BOOST_TEST(std::round(2 * s) >= std::abs(na - nb));
      }
      const Eigen::MatrixXcd hq =
          t::sector_matrix(qmol::qubit_hamiltonian(h, v.mapping, v.reduced), states);
      const Eigen::VectorXd joint = eigenvalues(hq + lambda * s2);
      if (reference.size() == 0) {
        reference = joint;
      } else {
        BOOST_TEST((joint - reference).cwiseAbs().maxCoeff() < 1e-10,
                   qmol::to_string(v.mapping) << (v.reduced ? " reduced" : ""));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(reduced_images_have_n_minus_two_qubits) {
  const QubitOperator s2 =
      qmol::qubit_spin_observable_reduced(SpinObservable::spin_squared, 4, 2, 1);
  BOOST_TEST(s2.n_qubits() == 6);
  const auto h = t::random_hamiltonian(4, 2, 1, 5);
  BOOST_TEST(
      qmol::qubit_spin_observable(SpinObservable::spin_squared, h, Mapping::parity, true).terms() ==
      s2.terms());
  try {
    qmol::qubit_spin_observable(SpinObservable::spin_squared, h, Mapping::jordan_wigner, true);
    BOOST_FAIL("no InputError");
  } catch (const qmol::InputError& e) {
    BOOST_TEST(e.where().field == "hamiltonian.two_qubit_reduction");
  }
  BOOST_CHECK_THROW(qmol::qubit_spin_observable_reduced(SpinObservable::number, 2, 3, 0),
                    qmol::InputError);
  BOOST_CHECK_THROW(qmol::qubit_spin_observable(SpinObservable::number, 0, Mapping::parity),
                    qmol::InputError);
}

BOOST_AUTO_TEST_SUITE_END()
