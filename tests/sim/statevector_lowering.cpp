// Lowered fermionic ansätze: against a dense Jordan-Wigner construction made here, across the
// mappings, and against the determinant-space engine.
#include <Eigen/Dense>
#include <bit>
#include <boost/test/unit_test.hpp>
#include <complex>
#include <random>
#include <unsupported/Eigen/MatrixFunctions>

#include "qmol/ansatz/kupccgsd.h"
#include "qmol/ansatz/lower_to_circuit.h"
#include "qmol/ansatz/uccsd.h"
#include "qmol/core/errors.h"
#include "qmol/qubit/qubit_hamiltonian.h"
#include "qmol/qubit/reference_state.h"
#include "qmol/sim/determinant_engine.h"
#include "qmol/sim/statevector_engine.h"
#include "support/random_hamiltonian.h"

BOOST_AUTO_TEST_SUITE(statevector_lowering)

namespace {

using namespace qmol;
using C = std::complex<double>;

// Dense a_k under Jordan-Wigner, built from its action on occupation-number states:
// a_k |n> = (-1)^{n_0 + ... + n_{k-1}} |n - e_k> when n_k = 1.
Eigen::MatrixXd annihilator(int n, int k) {
  const Eigen::Index dim = Eigen::Index{1} << n;
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(dim, dim);
  for (Eigen::Index s = 0; s < dim; ++s) {
    const auto bits = static_cast<std::uint64_t>(s);
    if (!((bits >> k) & 1u)) continue;
    const int below = std::popcount(bits & ((std::uint64_t{1} << k) - 1));
    a(static_cast<Eigen::Index>(bits ^ (std::uint64_t{1} << k)), s) = below % 2 ? -1.0 : 1.0;
  }
  return a;
}

// Dense G - G^dagger, G = a+_{to0} a+_{to1} ... a_{from1} a_{from0}.
Eigen::MatrixXd dense_generator(int n, const Excitation& e) {
  const Eigen::Index dim = Eigen::Index{1} << n;
  Eigen::MatrixXd g = Eigen::MatrixXd::Identity(dim, dim);
  for (int mode : e.to) g = g * annihilator(n, mode).transpose();
  for (auto it = e.from.rbegin(); it != e.from.rend(); ++it) g = g * annihilator(n, *it);
  return g - g.transpose();
}

std::vector<double> random_parameters(int n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> angle(-1.0, 1.0);
  std::vector<double> theta(n);
  for (double& t : theta) t = angle(rng);
  return theta;
}

}  // namespace

BOOST_AUTO_TEST_CASE(jordan_wigner_matches_dense_exponential) {
  const int n = 6;
  const std::vector<Excitation> excitations = {{{0}, {2}},       {{1}, {5}},
                                               {{0, 1}, {2, 3}}, {{0, 1}, {4, 5}},
                                               {{1, 0}, {5, 2}}, {{0, 3}, {1, 4}}};
  for (const Excitation& e : excitations) {
    BOOST_TEST_CONTEXT("excitation from " << e.from[0] << " to " << e.to[0]) {
      FermionicAnsatz ansatz;
      ansatz.n_spin_orbitals = n;
      ansatz.reference = {0, 1, 3};
      ansatz.n_parameters = 1;
      ansatz.terms = {{e, 0, 0.8}};
      const double theta = 0.613;
      const Circuit circuit = lower_to_circuit(ansatz, Mapping::jordan_wigner);
      BOOST_CHECK_EQUAL(circuit.initial_mask(), 0b1011u);
      const Statevector got = simulate(circuit, {theta});
      Eigen::VectorXd reference = Eigen::VectorXd::Zero(Eigen::Index{1} << n);
      reference[0b1011] = 1.0;
      const Eigen::MatrixXd u = (0.8 * theta * dense_generator(n, e)).exp();
      const Eigen::VectorXd want = u * reference;
      double error = 0;
      for (std::size_t i = 0; i < got.size(); ++i) error += std::norm(got[i] - want[i]);
      BOOST_CHECK_SMALL(std::sqrt(error), 1e-12);
    }
  }
}

BOOST_AUTO_TEST_CASE(every_mapping_gives_the_determinant_engine_energy) {
  struct Case {
    int n_orbitals, n_alpha, n_beta;
    const char* kind;
  };
  const Case cases[] = {
      {3, 1, 1, "uccsd"}, {4, 2, 1, "uccsd"}, {3, 1, 1, "kupccgsd"}, {4, 2, 2, "uccsd"}};
  unsigned seed = 40;
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(c.kind << " " << c.n_orbitals << " orbitals, " << c.n_alpha << "a "
                              << c.n_beta << "b") {
      const MolecularHamiltonian h =
          qmol::testing::random_hamiltonian(c.n_orbitals, c.n_alpha, c.n_beta, ++seed);
      const FermionicAnsatz ansatz = std::string(c.kind) == "uccsd"
                                         ? uccsd(c.n_orbitals, c.n_alpha, c.n_beta)
                                         : kupccgsd(c.n_orbitals, c.n_alpha, c.n_beta, 1);
      const std::vector<double> theta = random_parameters(ansatz.n_parameters, ++seed);
      DeterminantEngine determinants(h, ansatz);
      std::vector<double> want_gradient;
      const double want = determinants.energy_and_gradient(theta, want_gradient);
      for (Mapping m : {Mapping::jordan_wigner, Mapping::bravyi_kitaev, Mapping::parity}) {
        for (bool reduce : {false, true}) {
          if (reduce && m != Mapping::parity) continue;
          BOOST_TEST_CONTEXT(to_string(m) << (reduce ? " with two-qubit reduction" : "")) {
            StatevectorEngine engine(qubit_hamiltonian(h, m, reduce),
                                     lower_to_circuit(ansatz, m, reduce));
            BOOST_CHECK_EQUAL(engine.circuit().n_qubits(), 2 * c.n_orbitals - (reduce ? 2 : 0));
            std::vector<double> gradient;
            BOOST_CHECK_SMALL(engine.energy_and_gradient(theta, gradient) - want, 1e-10);
            for (std::size_t k = 0; k < gradient.size(); ++k) {
              BOOST_CHECK_SMALL(gradient[k] - want_gradient[k], 1e-9);
            }
          }
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(two_qubit_reduction_needs_parity) {
  FermionicAnsatz ansatz = uccsd(2, 1, 1);
  BOOST_CHECK_THROW(lower_to_circuit(ansatz, Mapping::jordan_wigner, true), InputError);
}

BOOST_AUTO_TEST_SUITE_END()
