#include "qmol/sim/determinant_hamiltonian.h"

#include <Eigen/Dense>
#include <bit>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdint>
#include <random>

#include "qmol/sim/determinant_space.h"
#include "support/random_hamiltonian.h"

BOOST_AUTO_TEST_SUITE(determinant_hamiltonian)

namespace {

using qmol::DeterminantHamiltonian;
using qmol::DeterminantSpace;
using qmol::MolecularHamiltonian;

using qmol::testing::random_hamiltonian;

// a_k on a spin-orbital occupation bit mask with the Jordan-Wigner sign (occupied modes below k).
bool annihilate(std::uint64_t& d, int k, double& sign) {
  if (!((d >> k) & 1)) return false;
  if (std::popcount(d & ((1ULL << k) - 1)) & 1) sign = -sign;
  d &= ~(1ULL << k);
  return true;
}
bool create(std::uint64_t& d, int k, double& sign) {
  if ((d >> k) & 1) return false;
  if (std::popcount(d & ((1ULL << k) - 1)) & 1) sign = -sign;
  d |= 1ULL << k;
  return true;
}

// Dense H in the space by second quantization over interleaved spin orbitals, independent of
// the string algorithm: H = E0 + sum h_pq a+_p a_q + 1/2 sum (pq|rs) a+_p a+_r a_s a_q (spins).
Eigen::MatrixXd brute_force(const MolecularHamiltonian& ham, const DeterminantSpace& space) {
  const int n = ham.n_orbitals();
  const std::size_t dim = space.size();
  std::vector<std::uint64_t> dets(dim);
  for (std::size_t ia = 0; ia < space.n_alpha_strings(); ++ia)
    for (std::size_t ib = 0; ib < space.n_beta_strings(); ++ib)
      dets[ia * space.n_beta_strings() + ib] = space.jordan_wigner_index(ia, ib);
  auto index_of = [&](std::uint64_t d) {
    for (std::size_t i = 0; i < dim; ++i)
      if (dets[i] == d) return i;
    throw std::logic_error("determinant outside the space");
  };
  Eigen::MatrixXd m = Eigen::MatrixXd::Zero(dim, dim);
  for (std::size_t j = 0; j < dim; ++j) {
    m(j, j) += ham.core_energy();
    for (int p = 0; p < 2 * n; ++p)
      for (int q = 0; q < 2 * n; ++q) {
        if ((p & 1) != (q & 1)) continue;
        std::uint64_t d = dets[j];
        double sign = 1.0;
        if (!annihilate(d, q, sign) || !create(d, p, sign)) continue;
        m(index_of(d), j) += sign * ham.one_body(p / 2, q / 2);
      }
    for (int p = 0; p < 2 * n; ++p)
      for (int q = 0; q < 2 * n; ++q)
        for (int r = 0; r < 2 * n; ++r)
          for (int s = 0; s < 2 * n; ++s) {
            if ((p & 1) != (q & 1) || (r & 1) != (s & 1)) continue;
            std::uint64_t d = dets[j];
            double sign = 1.0;
            if (!annihilate(d, q, sign) || !annihilate(d, s, sign) || !create(d, r, sign) ||
                !create(d, p, sign))
              continue;
            m(index_of(d), j) += 0.5 * sign * ham.two_body(p / 2, q / 2, r / 2, s / 2);
          }
  }
  return m;
}

void check_against_brute_force(int n, int n_alpha, int n_beta, unsigned seed) {
  const MolecularHamiltonian ham = random_hamiltonian(n, n_alpha, n_beta, seed);
  const DeterminantSpace space(n, n_alpha, n_beta);
  const DeterminantHamiltonian h(ham, space);
  const Eigen::MatrixXd reference = brute_force(ham, space);
  const std::size_t dim = space.size();
  BOOST_TEST_CONTEXT("n=" << n << " alpha=" << n_alpha << " beta=" << n_beta) {
    BOOST_TEST((reference - reference.transpose()).cwiseAbs().maxCoeff() < 1e-13);
    std::mt19937_64 rng(seed + 1);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    Eigen::VectorXd c(dim), sigma(dim);
    for (std::size_t i = 0; i < dim; ++i) c[i] = u(rng);
    h.apply(c.data(), sigma.data());
    BOOST_TEST((sigma - reference * c).cwiseAbs().maxCoeff() < 1e-12);
    // Columns of H: every matrix element, phases included.
    Eigen::VectorXd unit = Eigen::VectorXd::Zero(dim), column(dim);
    double worst = 0.0;
    for (std::size_t j = 0; j < dim; ++j) {
      unit[j] = 1.0;
      h.apply(unit.data(), column.data());
      unit[j] = 0.0;
      worst = std::max(worst, (column - reference.col(j)).cwiseAbs().maxCoeff());
    }
    BOOST_TEST(worst < 1e-12);
    const std::vector<double>& diagonal = h.diagonal();
    for (std::size_t i = 0; i < dim; ++i) {
      BOOST_TEST(std::abs(diagonal[i] - reference(i, i)) < 1e-12);
      BOOST_TEST(std::abs(ham.determinant_energy(space.alpha_string(i / space.n_beta_strings()),
                                                 space.beta_string(i % space.n_beta_strings())) -
                          reference(i, i)) < 1e-12);
    }
  }
}

// A random vector whose CI matrix in the alpha-then-beta phases is exchange-symmetric (sign +1,
// every singlet) or antisymmetric (-1), returned with the interleaved phases apply() takes.
Eigen::VectorXd exchange_symmetric_vector(const DeterminantSpace& space, int sign, unsigned seed) {
  const std::size_t n = space.n_alpha_strings();
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  Eigen::VectorXd c(space.size());
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j <= i; ++j) {
      const double v = u(rng);
      c[i * n + j] = v;
      c[j * n + i] = sign * v;
    }
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      const std::uint64_t mask = DeterminantSpace::reorder_mask(space.alpha_string(i));
      if (std::popcount(space.beta_string(j) & mask) & 1) c[i * n + j] = -c[i * n + j];
    }
  return c;
}

// The exchange-symmetric shortcut (half the alpha-beta terms, the beta-beta part mirrored)
// against the matrix; then a slightly asymmetric vector, which must take the general path.
void check_exchange_symmetric(int n, int electrons, unsigned seed) {
  const MolecularHamiltonian ham = random_hamiltonian(n, electrons, electrons, seed);
  const DeterminantSpace space(n, electrons, electrons);
  const DeterminantHamiltonian h(ham, space);
  const Eigen::MatrixXd reference = brute_force(ham, space);
  BOOST_TEST_CONTEXT("n=" << n << " electrons per spin=" << electrons) {
    for (int sign : {1, -1}) {
      Eigen::VectorXd c = exchange_symmetric_vector(space, sign, seed + 7);
      Eigen::VectorXd sigma(c.size());
      h.apply(c.data(), sigma.data());
      BOOST_TEST((sigma - reference * c).cwiseAbs().maxCoeff() < 1e-12);
      c[1] += 1e-6;
      h.apply(c.data(), sigma.data());
      BOOST_TEST((sigma - reference * c).cwiseAbs().maxCoeff() < 1e-12);
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(sigma_of_exchange_symmetric_vectors) {
  check_exchange_symmetric(2, 1, 21);
  check_exchange_symmetric(4, 2, 22);
  check_exchange_symmetric(6, 3, 23);
  check_exchange_symmetric(7, 2, 24);
}

// Tiles of eight strings with partial last tiles, threads, and both paths on a space too large
// for the dense matrix: the symmetric shortcut against the general path, and H's symmetry.
BOOST_AUTO_TEST_CASE(sigma_paths_agree_on_larger_spaces) {
  const MolecularHamiltonian ham = random_hamiltonian(10, 5, 5, 31);
  const DeterminantSpace space(10, 5, 5);
  const DeterminantHamiltonian h(ham, space);
  const Eigen::VectorXd c = exchange_symmetric_vector(space, 1, 32);
  Eigen::VectorXd perturbed = c;
  perturbed[5] += 1e-3;  // general path
  Eigen::VectorXd fast(c.size()), general(c.size()), step(c.size());
  h.apply(c.data(), fast.data());
  h.apply(perturbed.data(), general.data());
  Eigen::VectorXd unit = Eigen::VectorXd::Zero(c.size());
  unit[5] = 1e-3;
  h.apply(unit.data(), step.data());
  BOOST_TEST((general - step - fast).cwiseAbs().maxCoeff() < 1e-12 * fast.cwiseAbs().maxCoeff());
}

BOOST_AUTO_TEST_CASE(sigma_matches_slater_condon_closed_shell) {
  check_against_brute_force(2, 1, 1, 1);
  check_against_brute_force(4, 2, 2, 2);
  check_against_brute_force(5, 2, 2, 3);
  check_against_brute_force(6, 3, 3, 4);
}

BOOST_AUTO_TEST_CASE(sigma_matches_slater_condon_open_shell) {
  check_against_brute_force(4, 2, 1, 5);
  check_against_brute_force(5, 3, 1, 6);
  check_against_brute_force(5, 1, 3, 7);
  check_against_brute_force(4, 0, 2, 8);
  check_against_brute_force(4, 4, 1, 9);
  check_against_brute_force(6, 4, 2, 10);
}

// Hand derivation, 2 orbitals, one alpha and one beta electron. D1 = a+_0 a+_1 |0> (both in
// orbital 0), D2 = a+_1 a+_2 |0> (alpha in 1, beta in 0). a+_2 a_0 D1 = a+_2 a+_1 |0> = -D2, so
// <D2|H|D1> = -(h_10 + (10|00)); the alpha-then-beta convention would give +.
BOOST_AUTO_TEST_CASE(single_excitation_has_the_jordan_wigner_sign) {
  const MolecularHamiltonian ham = random_hamiltonian(2, 1, 1, 42);
  const DeterminantSpace space(2, 1, 1);
  const DeterminantHamiltonian h(ham, space);
  const std::size_t nb = space.n_beta_strings();
  const std::size_t d1 = space.alpha_index(0b01) * nb + space.beta_index(0b01);
  const std::size_t d2 = space.alpha_index(0b10) * nb + space.beta_index(0b01);
  std::vector<double> in(space.size(), 0.0), out(space.size());
  in[d1] = 1.0;
  h.apply(in.data(), out.data());
  const double expected = -(ham.one_body(1, 0) + ham.two_body(1, 0, 0, 0));
  BOOST_TEST(std::abs(out[d2] - expected) < 1e-14);
  BOOST_TEST(std::abs(expected) > 1e-3);
}

BOOST_AUTO_TEST_CASE(repeated_calls_give_identical_bits) {
  const MolecularHamiltonian ham = random_hamiltonian(8, 4, 4, 11);
  const DeterminantSpace space(8, 4, 4);
  const DeterminantHamiltonian h(ham, space);
  std::vector<double> in(space.size()), a(space.size()), b(space.size());
  for (std::size_t i = 0; i < in.size(); ++i) in[i] = std::sin(0.37 * i);
  h.apply(in.data(), a.data());
  h.apply(in.data(), b.data());
  BOOST_TEST(a == b);
  // H is symmetric: <x|H y> = <H x|y>.
  std::vector<double> y(space.size()), hy(space.size());
  for (std::size_t i = 0; i < y.size(); ++i) y[i] = std::cos(0.11 * i * i);
  h.apply(y.data(), hy.data());
  double xhy = 0.0, hxy = 0.0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    xhy += in[i] * hy[i];
    hxy += a[i] * y[i];
  }
  BOOST_TEST(std::abs(xhy - hxy) < 1e-10 * std::abs(xhy));
}

BOOST_AUTO_TEST_CASE(in_place_apply_gives_the_same_bits_and_restores_its_input) {
  for (int n_beta : {3, 4}) {  // open shell, and Ms = 0
    const MolecularHamiltonian ham = random_hamiltonian(8, 4, n_beta, 5);
    const DeterminantSpace space(8, 4, n_beta);
    const DeterminantHamiltonian h(ham, space);
    const std::size_t na = space.n_alpha_strings(), nb = space.n_beta_strings();
    std::vector<double> in(space.size()), a(space.size()), b(space.size());
    for (std::size_t i = 0; i < na; ++i)
      for (std::size_t j = 0; j < nb; ++j) in[i * nb + j] = std::sin(0.37 * (i * nb + j));
    const std::vector<double> original = in;
    h.apply(in.data(), a.data());
    h.apply_in_place(in.data(), b.data());
    BOOST_TEST(a == b);
    BOOST_TEST(in == original);
  }
}

BOOST_AUTO_TEST_SUITE_END()
