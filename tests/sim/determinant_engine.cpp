#include "qmol/sim/determinant_engine.h"

#include <Eigen/Dense>
#include <bit>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <random>
#include <unsupported/Eigen/MatrixFunctions>

#include "qmol/ansatz/initial_parameters.h"
#include "qmol/ansatz/kupccgsd.h"
#include "qmol/ansatz/uccsd.h"
#include "qmol/core/errors.h"
#include "support/random_hamiltonian.h"

BOOST_AUTO_TEST_SUITE(determinant_engine)

using namespace qmol;
using qmol::testing::random_hamiltonian;

namespace {

// Jordan-Wigner action of a (create=false) or a+ on a Fock basis state (bit k = spin orbital k).
bool ladder(std::uint64_t& state, int k, bool create, double& sign) {
  const std::uint64_t bit = std::uint64_t{1} << k;
  if (((state & bit) != 0) == create) return false;
  if (std::popcount(state & (bit - 1)) & 1) sign = -sign;
  state ^= bit;
  return true;
}

// Applies a product of ladder operators, rightmost first: ops = {(k, create), ...} in the order
// they act.
bool apply_ops(std::uint64_t& state, const std::vector<std::pair<int, bool>>& ops, double& sign) {
  for (auto [k, create] : ops)
    if (!ladder(state, k, create, sign)) return false;
  return true;
}

// The full Fock-space Hamiltonian matrix, built independently of the engine's code.
Eigen::MatrixXd fock_hamiltonian(const MolecularHamiltonian& mh) {
  const int n = mh.n_orbitals();
  const std::size_t dim = std::size_t{1} << (2 * n);
  Eigen::MatrixXd h = Eigen::MatrixXd::Identity(dim, dim) * mh.core_energy();
  for (std::uint64_t in = 0; in < dim; ++in)
    for (int p = 0; p < n; ++p)
      for (int q = 0; q < n; ++q)
        for (int s = 0; s < 2; ++s) {
          std::uint64_t out = in;
          double sign = 1.0;
          if (apply_ops(out, {{2 * q + s, false}, {2 * p + s, true}}, sign))
            h(out, in) += sign * mh.one_body(p, q);
          for (int r = 0; r < n; ++r)
            for (int t = 0; t < n; ++t)
              for (int s2 = 0; s2 < 2; ++s2) {
                out = in;
                sign = 1.0;
                // a+_{p s} a+_{r s2} a_{t s2} a_{q s}
                if (apply_ops(out,
                              {{2 * q + s, false},
                               {2 * t + s2, false},
                               {2 * r + s2, true},
                               {2 * p + s, true}},
                              sign))
                  h(out, in) += 0.5 * sign * mh.two_body(p, q, r, t);
              }
        }
  return h;
}

std::uint64_t interleave(std::uint64_t alpha, std::uint64_t beta, int n) {
  std::uint64_t x = 0;
  for (int p = 0; p < n; ++p)
    x |= (((alpha >> p) & 1) << (2 * p)) | (((beta >> p) & 1) << (2 * p + 1));
  return x;
}

// Fock-space index of each engine amplitude, from the documented layout (strings in increasing
// numeric order, alpha-major).
std::vector<std::uint64_t> fock_indices(int n, int n_alpha, int n_beta) {
  std::vector<std::uint64_t> alpha, beta, out;
  for (std::uint64_t s = 0; s < (std::uint64_t{1} << n); ++s) {
    if (std::popcount(s) == n_alpha) alpha.push_back(s);
    if (std::popcount(s) == n_beta) beta.push_back(s);
  }
  for (auto a : alpha)
    for (auto b : beta) out.push_back(interleave(a, b, n));
  return out;
}

struct BruteForce {
  Eigen::MatrixXd h;
  std::vector<std::uint64_t> index;
  DeterminantEngine::Sigma sigma() const {
    return [this](const double* in, double* out) {
      Eigen::VectorXd x = Eigen::VectorXd::Zero(h.rows());
      for (std::size_t i = 0; i < index.size(); ++i) x(index[i]) = in[i];
      const Eigen::VectorXd y = h * x;
      for (std::size_t i = 0; i < index.size(); ++i) out[i] = y(index[i]);
    };
  }
};

BruteForce brute_force(const MolecularHamiltonian& mh) {
  return {fock_hamiltonian(mh), fock_indices(mh.n_orbitals(), mh.n_alpha(), mh.n_beta())};
}

// |psi> by dense matrix exponentials of the Jordan-Wigner generators on the full Fock space.
Eigen::VectorXd dense_state(const FermionicAnsatz& ansatz, const std::vector<double>& theta) {
  const std::size_t dim = std::size_t{1} << ansatz.n_spin_orbitals;
  Eigen::VectorXd psi = Eigen::VectorXd::Zero(dim);
  std::uint64_t ref = 0;
  for (int k : ansatz.reference) ref |= std::uint64_t{1} << k;
  psi(ref) = 1.0;
  for (const AnsatzTerm& term : ansatz.terms) {
    std::vector<std::pair<int, bool>> ops;
    for (int k : term.excitation.from) ops.push_back({k, false});
    for (auto it = term.excitation.to.rbegin(); it != term.excitation.to.rend(); ++it)
      ops.push_back({*it, true});
    Eigen::MatrixXd g = Eigen::MatrixXd::Zero(dim, dim);
    for (std::uint64_t in = 0; in < dim; ++in) {
      std::uint64_t out = in;
      double sign = 1.0;
      if (apply_ops(out, ops, sign)) g(out, in) += sign;
    }
    const double phi = term.coefficient * theta[term.parameter];
    const Eigen::MatrixXd a = phi * (g - g.transpose());
    psi = a.exp() * psi;
  }
  return psi;
}

std::vector<FermionicAnsatz> test_ansatze(int n, int n_alpha, int n_beta) {
  std::vector<FermionicAnsatz> list{uccsd(n, n_alpha, n_beta), kupccgsd(n, n_alpha, n_beta, 2)};
  if (n_alpha == n_beta) list.push_back(singlet_uccsd(n, n_alpha, n_beta));
  return list;
}

}  // namespace

BOOST_AUTO_TEST_CASE(matches_dense_matrix_exponentials) {
  struct Case {
    int n, n_alpha, n_beta;
  };
  for (Case c : {Case{2, 1, 1}, Case{3, 1, 1}, Case{3, 2, 1}, Case{3, 2, 2}}) {
    const MolecularHamiltonian mh = random_hamiltonian(c.n, c.n_alpha, c.n_beta, 3);
    const BruteForce bf = brute_force(mh);
    for (const FermionicAnsatz& ansatz : test_ansatze(c.n, c.n_alpha, c.n_beta)) {
      DeterminantEngine engine(c.n, c.n_alpha, c.n_beta, bf.sigma(), ansatz);
      const std::vector<double> theta = random_parameters(ansatz, 11, 0.8);
      const std::vector<double>& psi = engine.state(theta);
      const Eigen::VectorXd reference = dense_state(ansatz, theta);
      double max_error = 0.0, captured = 0.0;
      for (std::size_t i = 0; i < psi.size(); ++i) {
        max_error = std::max(max_error, std::abs(psi[i] - reference(bf.index[i])));
        captured += reference(bf.index[i]) * reference(bf.index[i]);
      }
      BOOST_TEST_INFO(ansatz.kind << " n=" << c.n << " na=" << c.n_alpha << " nb=" << c.n_beta);
      BOOST_TEST(max_error < 1e-12);
      BOOST_TEST(std::abs(captured - 1.0) < 1e-12);  // the dense state stays in the sector
      const double e_dense = reference.dot(bf.h * reference);
      BOOST_TEST(std::abs(engine.energy(theta) - e_dense) < 1e-11);
    }
  }
}

BOOST_AUTO_TEST_CASE(zero_parameters_give_reference_energy) {
  for (auto [n, na, nb] : {std::tuple{4, 2, 2}, std::tuple{4, 3, 1}, std::tuple{4, 2, 1}}) {
    const MolecularHamiltonian mh = random_hamiltonian(n, na, nb, 5);
    const BruteForce bf = brute_force(mh);
    const FermionicAnsatz ansatz = uccsd(n, na, nb);
    DeterminantEngine engine(n, na, nb, bf.sigma(), ansatz);
    const double expected = mh.determinant_energy((1ULL << na) - 1, (1ULL << nb) - 1);
    BOOST_TEST(std::abs(engine.energy(zero_parameters(ansatz)) - expected) < 1e-12);
  }
}

BOOST_AUTO_TEST_CASE(rotations_preserve_the_norm) {
  const MolecularHamiltonian mh = random_hamiltonian(5, 3, 2, 1);
  const BruteForce bf = brute_force(mh);
  for (const FermionicAnsatz& ansatz : test_ansatze(5, 3, 2)) {
    DeterminantEngine engine(5, 3, 2, bf.sigma(), ansatz);
    const std::vector<double>& psi = engine.state(random_parameters(ansatz, 2, 1.5));
    double norm = 0.0;
    for (double x : psi) norm += x * x;
    BOOST_TEST(std::abs(norm - 1.0) < 1e-13);
  }
}

BOOST_AUTO_TEST_CASE(adjoint_gradient_matches_finite_differences) {
  struct Case {
    int n, n_alpha, n_beta;
  };
  for (Case c : {Case{4, 2, 2}, Case{4, 2, 1}, Case{4, 3, 1}}) {
    const MolecularHamiltonian mh = random_hamiltonian(c.n, c.n_alpha, c.n_beta, 9);
    const BruteForce bf = brute_force(mh);
    for (const FermionicAnsatz& ansatz : test_ansatze(c.n, c.n_alpha, c.n_beta)) {
      DeterminantEngine engine(c.n, c.n_alpha, c.n_beta, bf.sigma(), ansatz);
      std::vector<double> theta = random_parameters(ansatz, 4, 0.5);
      std::vector<double> gradient;
      const double e = engine.energy_and_gradient(theta, gradient);
      BOOST_TEST(std::abs(e - engine.energy(theta)) < 1e-14);
      BOOST_TEST(gradient.size() == theta.size());
      double max_error = 0.0;
      const double h = 1e-5;
      for (std::size_t k = 0; k < theta.size(); ++k) {
        const double t = theta[k];
        theta[k] = t + h;
        const double plus = engine.energy(theta);
        theta[k] = t - h;
        const double minus = engine.energy(theta);
        theta[k] = t;
        max_error = std::max(max_error, std::abs((plus - minus) / (2 * h) - gradient[k]));
      }
      BOOST_TEST_INFO(ansatz.kind << " n=" << c.n << " na=" << c.n_alpha << " nb=" << c.n_beta);
      BOOST_TEST(max_error < 1e-6);
    }
  }
}

BOOST_AUTO_TEST_CASE(parallel_and_serial_sweeps_agree) {
  const MolecularHamiltonian mh = random_hamiltonian(4, 2, 2, 7);
  const BruteForce bf = brute_force(mh);
  const FermionicAnsatz ansatz = uccsd(4, 2, 2);
  DeterminantEngine engine(4, 2, 2, bf.sigma(), ansatz);
  const std::vector<double> theta = random_parameters(ansatz, 5, 0.3);
  std::vector<double> serial, parallel;
  engine.set_parallel(false);
  const double e_serial = engine.energy_and_gradient(theta, serial);
  engine.set_parallel(true);
  const double e_parallel = engine.energy_and_gradient(theta, parallel);
  BOOST_TEST(std::abs(e_serial - e_parallel) < 1e-14);
  for (std::size_t k = 0; k < serial.size(); ++k)
    BOOST_TEST(std::abs(serial[k] - parallel[k]) < 1e-13);
}

BOOST_AUTO_TEST_CASE(excitation_gradients_equal_appended_parameter_derivative) {
  const MolecularHamiltonian mh = random_hamiltonian(4, 2, 2, 13);
  const BruteForce bf = brute_force(mh);
  const FermionicAnsatz base = singlet_uccsd(4, 2, 2);
  DeterminantEngine engine(4, 2, 2, bf.sigma(), base);
  const std::vector<double> theta = random_parameters(base, 8, 0.3);
  const std::vector<Excitation> pool = {{{0}, {4}}, {{1, 2}, {5, 6}}, {{0, 3}, {5, 6}}};
  const std::vector<double> screening = engine.excitation_gradients(theta, pool);
  for (std::size_t x = 0; x < pool.size(); ++x) {
    FermionicAnsatz grown = base;
    grown.terms.push_back({pool[x], grown.n_parameters++, 1.0});
    grown.parameter_labels.push_back("new");
    engine.set_ansatz(grown);
    std::vector<double> t = theta, gradient;
    t.push_back(0.0);
    engine.energy_and_gradient(t, gradient);
    BOOST_TEST(std::abs(gradient.back() - screening[x]) < 1e-12);
    engine.set_ansatz(base);
  }
}

BOOST_AUTO_TEST_CASE(direct_ci_hamiltonian_agrees_with_brute_force) {
  // The MolecularHamiltonian constructor uses DeterminantSpace/DeterminantHamiltonian: same layout
  // and phases as the engine's own string tables.
  for (auto [n, na, nb] : {std::tuple{4, 2, 2}, std::tuple{4, 3, 1}, std::tuple{5, 3, 2}}) {
    const MolecularHamiltonian mh = random_hamiltonian(n, na, nb, 21);
    const BruteForce bf = brute_force(mh);
    const FermionicAnsatz ansatz = uccsd(n, na, nb);
    DeterminantEngine direct(mh, ansatz);
    DeterminantEngine brute(n, na, nb, bf.sigma(), ansatz);
    const DeterminantSpace space(n, na, nb);
    BOOST_TEST(space.size() == direct.dimension());
    for (std::size_t a = 0; a < space.n_alpha_strings(); ++a)
      BOOST_TEST(space.alpha_string(a) == direct.alpha_string(a));
    const std::vector<double> theta = random_parameters(ansatz, 17, 0.4);
    std::vector<double> g_direct, g_brute;
    const double e_direct = direct.energy_and_gradient(theta, g_direct);
    const double e_brute = brute.energy_and_gradient(theta, g_brute);
    BOOST_TEST(std::abs(e_direct - e_brute) < 1e-11);
    for (std::size_t k = 0; k < theta.size(); ++k)
      BOOST_TEST(std::abs(g_direct[k] - g_brute[k]) < 1e-10);
  }
}

BOOST_AUTO_TEST_CASE(index_and_memory_estimate) {
  const FermionicAnsatz ansatz = uccsd(6, 3, 3);
  DeterminantEngine engine(
      6, 3, 3, [](const double*, double*) {}, ansatz);
  BOOST_TEST(engine.dimension() == 400u);
  for (std::size_t a = 0; a < engine.n_alpha_strings(); ++a)
    for (std::size_t b = 0; b < engine.n_beta_strings(); ++b)
      BOOST_TEST(engine.index(engine.alpha_string(a), engine.beta_string(b)) ==
                 a * engine.n_beta_strings() + b);
  const double bytes = DeterminantEngine::memory_estimate(6, 3, 3, ansatz);
  BOOST_TEST(bytes > 400.0 * 16);
  BOOST_TEST(bytes < 1e6);
}

BOOST_AUTO_TEST_CASE(rejects_bad_input) {
  const FermionicAnsatz ansatz = uccsd(4, 2, 2);
  auto sigma = [](const double*, double*) {};
  BOOST_CHECK_THROW(DeterminantEngine(4, 3, 1, sigma, ansatz), InputError);
  BOOST_CHECK_THROW(DeterminantEngine(5, 2, 2, sigma, ansatz), InputError);
  FermionicAnsatz bad = ansatz;
  bad.terms.push_back({{{0}, {3}}, 0, 1.0});  // alpha -> beta
  BOOST_CHECK_THROW(DeterminantEngine(4, 2, 2, sigma, bad), InputError);
  DeterminantEngine engine(4, 2, 2, sigma, ansatz);
  BOOST_CHECK_THROW(engine.energy({0.0}), InputError);
}

BOOST_AUTO_TEST_SUITE_END()
