// S^2 in determinant space against its Jordan-Wigner qubit image, known eigenvalues, the Loewdin
// projector, and the Slater-Condon elements that seed the exact solver.
#include "qmol/sim/spin_operator.h"

#include <Eigen/Dense>
#include <array>
#include <bit>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <map>
#include <random>

#include "qmol/core/combinatorics.h"
#include "qmol/core/errors.h"
#include "qmol/qubit/spin_operators.h"
#include "qmol/sim/determinant_hamiltonian.h"
#include "qmol/sim/pauli_expectation.h"
#include "qmol/sim/slater_condon.h"
#include "qmol/sim/spin_projector.h"
#include "qmol/sim/statevector.h"
#include "support/random.h"
#include "support/random_hamiltonian.h"

BOOST_AUTO_TEST_SUITE(spin_operator)

namespace {

using qmol::testing::random_vector;

using qmol::DeterminantSpace;
using qmol::DeterminantSpinSquared;

// (orbitals, alpha, beta): closed and open shells, Ms < 0, empty and full strings.
const std::array<std::array<int, 3>, 7> kSpaces = {
    {{4, 2, 2}, {5, 3, 2}, {5, 2, 3}, {4, 3, 1}, {6, 3, 3}, {3, 0, 2}, {4, 4, 2}}};

Eigen::MatrixXd dense(const DeterminantSpinSquared& s2) {
  const auto n = static_cast<Eigen::Index>(s2.space().size());
  Eigen::MatrixXd m = Eigen::MatrixXd::Zero(n, n);
  for (Eigen::Index j = 0; j < n; ++j)
    for (const auto& [i, v] : s2.column(static_cast<std::size_t>(j)))
      m(static_cast<Eigen::Index>(i), j) += v;
  return m;
}

using qmol::binomial;

}  // namespace

BOOST_AUTO_TEST_CASE(matches_the_jordan_wigner_image_on_random_vectors) {
  unsigned seed = 1;
  for (const auto& [n, na, nb] : kSpaces) {
    const DeterminantSpace space(n, na, nb);
    const DeterminantSpinSquared s2(space);
    const qmol::QubitOperator jw = qmol::qubit_spin_observable(qmol::SpinObservable::spin_squared,
                                                               n, qmol::Mapping::jordan_wigner);
    const std::vector<double> v = random_vector(space.size(), seed++);
    std::vector<double> out(space.size());
    s2.apply(v.data(), out.data());
    qmol::Statevector psi(2 * n), image;
    psi[0] = 0.0;  // starts as the vacuum
    for (std::size_t ia = 0; ia < space.n_alpha_strings(); ++ia)
      for (std::size_t ib = 0; ib < space.n_beta_strings(); ++ib)
        psi[space.jordan_wigner_index(ia, ib)] = v[ia * space.n_beta_strings() + ib];
    qmol::apply(jw, psi, image);
    double error = 0.0, weight = 0.0;
    for (std::size_t ia = 0; ia < space.n_alpha_strings(); ++ia)
      for (std::size_t ib = 0; ib < space.n_beta_strings(); ++ib) {
        const auto q = space.jordan_wigner_index(ia, ib);
        error = std::max(error, std::abs(image[q] - out[ia * space.n_beta_strings() + ib]));
        weight += std::norm(image[q]);
      }
    // Nothing leaves the sector.
    BOOST_TEST(std::abs(weight - image.norm_squared()) < 1e-10);
    BOOST_TEST(error < 1e-12, n << " " << na << " " << nb << ": " << error);
    // <S^2> by the determinant code and by the Pauli expectation.
    const double expected = qmol::expectation_value(jw, psi) / psi.norm_squared();
    BOOST_TEST(std::abs(s2.expectation(v.data()) - expected) < 1e-11);
  }
}

BOOST_AUTO_TEST_CASE(known_values) {
  // A closed-shell determinant is a singlet.
  const DeterminantSpace closed(4, 2, 2);
  const DeterminantSpinSquared s2_closed(closed);
  std::vector<double> v(closed.size(), 0.0);
  v[closed.alpha_index(0b0011) * closed.n_beta_strings() + closed.beta_index(0b0011)] = 1.0;
  BOOST_TEST(std::abs(s2_closed.expectation(v.data())) < 1e-15);
  // An open-shell alpha-beta pair is half singlet, half triplet: <S^2> = 1.
  std::fill(v.begin(), v.end(), 0.0);
  v[closed.alpha_index(0b0111) * closed.n_beta_strings() + closed.beta_index(0b1011)] = 1.0;
  BOOST_TEST(std::abs(s2_closed.expectation(v.data()) - 1.0) < 1e-15);
  // Every determinant of a high-spin space (n_beta = 0, or all beta orbitals doubly occupied)
  // has S = Ms: S(S+1) with no off-diagonal part.
  for (const auto& [n, na, nb] : {std::array{4, 3, 0}, std::array{5, 2, 0}, std::array{4, 4, 1}}) {
    const DeterminantSpace space(n, na, nb);
    const DeterminantSpinSquared s2(space);
    const double spin = 0.5 * (na - nb);
    for (std::size_t i = 0; i < space.size(); ++i) {
      const auto column = s2.column(i);
      BOOST_TEST(column.size() == 1u);
      BOOST_TEST(std::abs(column.front().second - spin * (spin + 1.0)) < 1e-15);
    }
  }
  BOOST_TEST(DeterminantSpinSquared(DeterminantSpace(6, 3, 3)).max_spin() == 3.0);
  BOOST_TEST(DeterminantSpinSquared(DeterminantSpace(5, 4, 4)).max_spin() == 1.0);
  BOOST_TEST(DeterminantSpinSquared(DeterminantSpace(5, 3, 0)).max_spin() == 1.5);
  BOOST_TEST(std::abs(qmol::spin_from_s_squared(2.0) - 1.0) < 1e-15);
  BOOST_TEST(std::abs(qmol::spin_from_s_squared(0.75) - 0.5) < 1e-15);
}

BOOST_AUTO_TEST_CASE(spectrum_is_s_times_s_plus_one_with_the_right_multiplicities) {
  for (const auto& [n, na, nb] : kSpaces) {
    const DeterminantSpace space(n, na, nb);
    const DeterminantSpinSquared s2(space);
    const Eigen::MatrixXd m = dense(s2);
    BOOST_TEST((m - m.transpose()).cwiseAbs().maxCoeff() == 0.0);
    const Eigen::VectorXd values = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(m).eigenvalues();
    // States of spin S in the sector Ms: dim(Ms = S) - dim(Ms = S + 1) for each S >= |Ms|.
    std::map<long, int> found;
    for (double x : values) {
      const double s = qmol::spin_from_s_squared(x);
      BOOST_TEST(std::abs(2 * s - std::round(2 * s)) < 1e-10);
      ++found[std::lround(2 * s)];
    }
    const int electrons = na + nb;
    for (auto [twice_s, count] : found) {
      const int up = (electrons + static_cast<int>(twice_s)) / 2, down = electrons - up;
      const double expected = binomial(n, up) * binomial(n, down) -
                              binomial(n, up + 1) * (down >= 1 ? binomial(n, down - 1) : 0.0);
      BOOST_TEST(count == expected, "2S = " << twice_s);
      BOOST_TEST(twice_s >= std::abs(na - nb));
      BOOST_TEST(0.5 * twice_s <= s2.max_spin() + 1e-12);
    }
  }
}

BOOST_AUTO_TEST_CASE(apply_is_thread_count_independent_and_matches_columns) {
  const DeterminantSpace space(8, 4, 3);  // 3920 determinants: the parallel path
  const DeterminantSpinSquared s2(space);
  const std::vector<double> v = random_vector(space.size(), 99);
  std::vector<double> out(space.size()), by_columns(space.size(), 0.0);
  s2.apply(v.data(), out.data());
  for (std::size_t j = 0; j < space.size(); ++j)
    for (const auto& [i, x] : s2.column(j)) by_columns[i] += x * v[j];
  double error = 0.0;
  for (std::size_t i = 0; i < out.size(); ++i)
    error = std::max(error, std::abs(out[i] - by_columns[i]));
  BOOST_TEST(error < 1e-12);
}

BOOST_AUTO_TEST_CASE(loewdin_projector) {
  for (const auto& [n, na, nb] : {std::array{6, 3, 3}, std::array{6, 4, 2}, std::array{7, 4, 3}}) {
    const DeterminantSpace space(n, na, nb);
    const DeterminantSpinSquared s2(space);
    const double lowest = 0.5 * std::abs(na - nb);
    for (double spin = lowest; spin <= s2.max_spin(); spin += 1.0) {
      const qmol::SpinProjector p(s2, spin);
      std::vector<double> v = random_vector(space.size(), 7), scratch;
      p.apply(v, scratch);
      // A pure spin state, and a projector: P (P v) = P v.
      BOOST_TEST(std::abs(s2.expectation(v.data()) - spin * (spin + 1.0)) < 1e-10);
      std::vector<double> again = v;
      p.apply(again, scratch);
      double error = 0.0, norm = 0.0;
      for (std::size_t i = 0; i < v.size(); ++i) {
        error = std::max(error, std::abs(again[i] - v[i]));
        norm = std::max(norm, std::abs(v[i]));
      }
      BOOST_TEST(error < 1e-11 * norm, "S = " << spin);
    }
    BOOST_CHECK_THROW(qmol::SpinProjector(s2, lowest - 1.0), qmol::InputError);
    BOOST_CHECK_THROW(qmol::SpinProjector(s2, lowest + 0.5), qmol::InputError);
    BOOST_CHECK_THROW(qmol::SpinProjector(s2, s2.max_spin() + 1.0), qmol::InputError);
  }
}

// The rule the projector's exchange pass rests on: with Ms = 0, swapping the alpha and beta
// strings of a spin-S state (alpha-then-beta phases) multiplies it by (-1)^S.
BOOST_AUTO_TEST_CASE(exchange_parity_is_minus_one_to_the_spin) {
  for (const auto& [n, k] : {std::array{5, 2}, std::array{6, 3}, std::array{4, 1}}) {
    const DeterminantSpace space(n, k, k);
    const DeterminantSpinSquared s2(space);
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(dense(s2));
    const std::size_t m = space.n_alpha_strings();
    for (Eigen::Index c = 0; c < eigen.eigenvalues().size(); ++c) {
      const long spin = std::lround(qmol::spin_from_s_squared(eigen.eigenvalues()[c]));
      Eigen::MatrixXd ci(m, m);  // alpha-then-beta phases
      for (std::size_t a = 0; a < m; ++a)
        for (std::size_t b = 0; b < m; ++b) {
          const std::uint64_t mask = DeterminantSpace::reorder_mask(space.alpha_string(a));
          const double phase = std::popcount(space.beta_string(b) & mask) & 1 ? -1.0 : 1.0;
          ci(a, b) = phase * eigen.eigenvectors()(a * m + b, c);
        }
      const double parity = spin % 2 == 0 ? 1.0 : -1.0;
      // Degenerate eigenvectors of S^2 mix states of one spin only, so each keeps the parity.
      BOOST_TEST((ci.transpose() - parity * ci).cwiseAbs().maxCoeff() < 1e-10,
                 "n = " << n << ", S = " << spin);
    }
  }
}

BOOST_AUTO_TEST_CASE(slater_condon_matches_the_sigma_build) {
  for (const auto& [n, na, nb] : {std::array{5, 3, 2}, std::array{4, 2, 2}, std::array{5, 1, 3}}) {
    const qmol::MolecularHamiltonian h = qmol::testing::random_hamiltonian(n, na, nb, 40 + n + na);
    const DeterminantSpace space(n, na, nb);
    const qmol::DeterminantHamiltonian dh(h, space);
    const std::size_t dim = space.size(), nbs = space.n_beta_strings();
    std::vector<double> unit(dim, 0.0), column(dim);
    double error = 0.0;
    for (std::size_t j = 0; j < dim; ++j) {
      unit[j] = 1.0;
      dh.apply(unit.data(), column.data());
      unit[j] = 0.0;
      for (std::size_t i = 0; i < dim; ++i) {
        const double e =
            qmol::hamiltonian_element(h, space.alpha_string(i / nbs), space.beta_string(i % nbs),
                                      space.alpha_string(j / nbs), space.beta_string(j % nbs));
        error = std::max(error, std::abs(e - column[i]));
      }
    }
    BOOST_TEST(error < 1e-12, n << " " << na << " " << nb << ": " << error);
  }
  // Different electron counts do not couple.
  const qmol::MolecularHamiltonian h = qmol::testing::random_hamiltonian(4, 2, 2, 3);
  BOOST_TEST(qmol::hamiltonian_element(h, 0b0011, 0b0011, 0b0111, 0b0001) == 0.0);
}

BOOST_AUTO_TEST_SUITE_END()
