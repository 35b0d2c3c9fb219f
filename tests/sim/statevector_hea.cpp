// The default hardware-efficient ansatz reaches exact ground states with a quasi-Newton optimiser
// from its default starting parameters: a random two-orbital molecule and H2/STO-3G (Psi4 FCI).
#include <Eigen/Dense>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <random>

#include "qmol/ansatz/hardware_efficient.h"
#include "qmol/chem/xyz.h"
#include "qmol/integrals/ao_integrals.h"
#include "qmol/qubit/qubit_hamiltonian.h"
#include "qmol/qubit/reference_state.h"
#include "qmol/scf/scf.h"
#include "qmol/sim/statevector_engine.h"
#include "support/test_paths.h"

BOOST_AUTO_TEST_SUITE(statevector_hea)

namespace {

using namespace qmol;

// BFGS with a backtracking (Armijo) line search: test-only, so that test_sim needs nothing from
// the solve stage. Returns the lowest energy found.
double minimise(EnergyFunction& f, std::vector<double> x, int max_iterations = 500) {
  const int n = f.n_parameters();
  auto to_eigen = [](const std::vector<double>& v) {
    return Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.size()));
  };
  std::vector<double> g;
  double e = f.energy_and_gradient(x, g);
  Eigen::MatrixXd inverse_hessian = Eigen::MatrixXd::Identity(n, n);
  for (int it = 0; it < max_iterations && to_eigen(g).norm() > 1e-9; ++it) {
    const Eigen::VectorXd grad = to_eigen(g);
    Eigen::VectorXd step = -inverse_hessian * grad;
    if (step.dot(grad) >= 0) {  // not a descent direction: restart from steepest descent
      inverse_hessian.setIdentity();
      step = -grad;
    }
    double alpha = 1.0, e_new = e;
    std::vector<double> x_new(n), g_new;
    for (int k = 0; k < 40; ++k, alpha /= 2) {
      for (int i = 0; i < n; ++i) x_new[i] = x[i] + alpha * step[i];
      e_new = f.energy_and_gradient(x_new, g_new);
      if (e_new <= e + 1e-4 * alpha * step.dot(grad)) break;
    }
    if (e_new > e) break;
    const Eigen::VectorXd s = to_eigen(x_new) - to_eigen(x), y = to_eigen(g_new) - grad;
    const double sy = s.dot(y);
    if (sy > 1e-14) {
      const Eigen::MatrixXd v = Eigen::MatrixXd::Identity(n, n) - (s * y.transpose()) / sy;
      inverse_hessian = v * inverse_hessian * v.transpose() + (s * s.transpose()) / sy;
    }
    x = x_new;
    g = g_new;
    e = e_new;
  }
  return e;
}

// Lowest eigenvalue of a qubit operator through its dense matrix (few qubits only).
double lowest_eigenvalue(const QubitOperator& h, int n) {
  const Eigen::Index dim = Eigen::Index{1} << n;
  Eigen::MatrixXcd m = Eigen::MatrixXcd::Zero(dim, dim);
  for (Eigen::Index col = 0; col < dim; ++col) {
    Statevector e(n, static_cast<std::uint64_t>(col)), he;
    apply(h, e, he);
    for (Eigen::Index row = 0; row < dim; ++row) m(row, col) = he[static_cast<std::size_t>(row)];
  }
  return Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>(m).eigenvalues()[0];
}

}  // namespace

BOOST_AUTO_TEST_CASE(default_options_reach_the_ground_state_of_a_two_orbital_molecule) {
  // H2-like: two spatial orbitals, one alpha and one beta electron, strongly correlated.
  Eigen::MatrixXd h(2, 2);
  h << -1.25, 0.05, 0.05, -0.48;
  std::vector<double> eri(16);
  auto set = [&](int p, int q, int r, int s, double v) {
    for (auto [a, b, c, d] : {std::array{p, q, r, s}, std::array{q, p, r, s},
                              std::array{p, q, s, r}, std::array{q, p, s, r}}) {
      eri[((a * 2 + b) * 2 + c) * 2 + d] = v;
      eri[((c * 2 + d) * 2 + a) * 2 + b] = v;
    }
  };
  set(0, 0, 0, 0, 0.67);
  set(1, 1, 1, 1, 0.70);
  set(0, 0, 1, 1, 0.66);
  set(0, 1, 0, 1, 0.18);
  set(0, 0, 0, 1, 0.02);
  set(0, 1, 1, 1, -0.03);
  const MolecularHamiltonian molecule(0.71, h, eri, 1, 1);
  const QubitOperator qubit_h = qubit_hamiltonian(molecule, Mapping::jordan_wigner);
  const HardwareEfficientOptions options;  // the defaults under test
  const std::vector<bool> hf = hartree_fock_state(Mapping::jordan_wigner, 4, {0, 1});
  BOOST_REQUIRE(hf[0] && hf[1] && !hf[2] && !hf[3]);
  StatevectorEngine engine(qubit_h, hardware_efficient(4, options, {0, 1}));
  // Three seeds: the default must not depend on a lucky start.
  for (std::uint64_t seed : {0u, 1u, 2u}) {
    const double e =
        minimise(engine, hardware_efficient_initial_parameters(engine.n_parameters(), seed));
    BOOST_CHECK_SMALL(e - lowest_eigenvalue(qubit_h, 4), 1e-6);
  }
}

BOOST_AUTO_TEST_CASE(default_options_reach_h2_sto3g_fci) {
  // Reference: Psi4 FCI, tests/data/psi4_references.json "h2-sto3g-fci".
  const double e_fci = -1.1373060357533378;
  const Molecule h2 = read_xyz(qmol::testing::molecules_dir() + "/h2.xyz");
  const AoIntegrals ao = compute_ao_integrals(h2, load_basis("sto-3g", h2));
  const ScfResult scf = run_scf(h2, ao);
  // MO integrals of the two orbitals (a 2x2 transformation, written out here).
  const Eigen::MatrixXd& c = scf.coefficients_alpha;
  const int n = static_cast<int>(c.cols()), nao = ao.n_functions();
  const Eigen::MatrixXd h_mo = c.transpose() * ao.core_hamiltonian * c;
  std::vector<double> eri(static_cast<std::size_t>(n * n * n * n), 0.0);
  for (int p = 0; p < n; ++p)
    for (int q = 0; q < n; ++q)
      for (int r = 0; r < n; ++r)
        for (int s = 0; s < n; ++s) {
          double v = 0;
          for (int a = 0; a < nao; ++a)
            for (int b = 0; b < nao; ++b)
              for (int k = 0; k < nao; ++k)
                for (int l = 0; l < nao; ++l)
                  v += c(a, p) * c(b, q) * c(k, r) * c(l, s) * ao.eri(a, b, k, l);
          eri[static_cast<std::size_t>(((p * n + q) * n + r) * n + s)] = v;
        }
  const MolecularHamiltonian molecule(ao.nuclear_repulsion, h_mo, eri, 1, 1);
  StatevectorEngine engine(qubit_hamiltonian(molecule, Mapping::jordan_wigner),
                           hardware_efficient(4, HardwareEfficientOptions{}, {0, 1}));
  // The MO Hamiltonian reproduces the SCF energy on the Hartree-Fock determinant.
  BOOST_CHECK_SMALL(molecule.determinant_energy(1, 1) - scf.energy, 1e-8);
  const double e = minimise(engine, hardware_efficient_initial_parameters(engine.n_parameters()));
  BOOST_CHECK_SMALL(e - e_fci, 1e-6);
}

BOOST_AUTO_TEST_SUITE_END()
