#include "qmol/integrals/ao_integrals.h"

#include <omp.h>

#include <boost/test/unit_test.hpp>
#include <cmath>

#include "qmol/chem/xyz.h"
#include "qmol/core/units.h"
#include "qmol/integrals/jk_builder.h"
#include "support/test_paths.h"

BOOST_AUTO_TEST_SUITE(ao_integrals)

namespace {

qmol::Molecule molecule(const std::string& stem) {
  return qmol::read_xyz(qmol::testing::molecules_dir() + "/" + stem + ".xyz");
}

constexpr qmol::EriLayout kLayouts[] = {qmol::EriLayout::shell_quartets,
                                        qmol::EriLayout::pair_matrices};

}  // namespace

BOOST_AUTO_TEST_CASE(spherical_basis_is_normalized) {
  const qmol::Molecule water = molecule("h2o");
  const qmol::BasisSet basis = qmol::load_basis("cc-pVDZ", water);
  const qmol::AoIntegrals ints = qmol::compute_ao_integrals(water, basis, 2);
  BOOST_CHECK_EQUAL(ints.n_functions(), 24);
  for (int i = 0; i < ints.n_functions(); ++i) BOOST_CHECK_CLOSE(ints.overlap(i, i), 1.0, 1e-10);
  BOOST_CHECK_LT((ints.overlap - ints.overlap.transpose()).norm(), 1e-14);
  BOOST_CHECK_LT((ints.core_hamiltonian - ints.kinetic - ints.nuclear).norm(), 1e-14);
}

BOOST_AUTO_TEST_CASE(eri_has_eightfold_symmetry) {
  const qmol::Molecule water = molecule("h2o");
  for (qmol::EriLayout layout : kLayouts) {
    const qmol::AoIntegrals ints = qmol::compute_ao_integrals(
        water, qmol::load_basis("6-31g*", water), 2, qmol::kDefaultEriThreshold, layout);
    BOOST_CHECK(ints.eris.layout() == layout);
    const int n = ints.n_functions();
    BOOST_CHECK_EQUAL(n, 19);  // cartesian d: 6 functions
    double worst = 0.0;
    for (int p = 0; p < n; p += 2)
      for (int q = 0; q < n; q += 3)
        for (int r = 0; r < n; ++r)
          for (int s = 0; s < n; s += 2) {
            const double v = ints.eri(p, q, r, s);
            for (double w : {ints.eri(q, p, r, s), ints.eri(p, q, s, r), ints.eri(q, p, s, r),
                             ints.eri(r, s, p, q), ints.eri(s, r, p, q), ints.eri(r, s, q, p),
                             ints.eri(s, r, q, p)})
              worst = std::max(worst, std::abs(v - w));
          }
    BOOST_CHECK_LT(worst, 1e-14);  // within a diagonal block libint computes both orders
    // (pp|pp) is a self-repulsion: positive.
    for (int p = 0; p < n; ++p) BOOST_CHECK_GT(ints.eri(p, p, p, p), 0.0);
  }
}

BOOST_AUTO_TEST_CASE(layouts_hold_the_same_integrals) {
  // A screened benzene (some quartets below the threshold) in both layouts: the same values,
  // element by element and as pair blocks.
  const qmol::Molecule benzene = molecule("benzene");
  const qmol::BasisSet basis = qmol::load_basis("sto-3g", benzene);
  const qmol::AoIntegrals quartets =
      qmol::compute_ao_integrals(benzene, basis, 2, 1e-8, qmol::EriLayout::shell_quartets);
  const qmol::AoIntegrals pairs =
      qmol::compute_ao_integrals(benzene, basis, 2, 1e-8, qmol::EriLayout::pair_matrices);
  BOOST_CHECK(qmol::compute_ao_integrals(benzene, basis, 2).eris.layout() ==
              qmol::EriLayout::pair_matrices);  // automatic, for a molecule this small
  const int n = quartets.n_functions();
  double worst = 0.0;
  int zeros = 0;
  Eigen::MatrixXd a, b;
  for (int r = 0; r < n; ++r)
    for (int s = 0; s < n; s += 3) {
      quartets.eris.pair_block(r, s, a);
      pairs.eris.pair_block(r, s, b);
      for (int p = 0; p < n; ++p)
        for (int q = 0; q < n; ++q) {
          worst = std::max(worst, std::abs(a(p, q) - quartets.eri(p, q, r, s)));
          worst = std::max(worst, std::abs(b(p, q) - quartets.eri(p, q, r, s)));
          worst = std::max(worst, std::abs(pairs.eri(p, q, r, s) - quartets.eri(p, q, r, s)));
          zeros += a(p, q) == 0.0;
        }
    }
  BOOST_CHECK_LT(worst, 1e-14);
  BOOST_CHECK_GT(zeros, 0);  // the screening dropped some
}

BOOST_AUTO_TEST_CASE(jk_matches_explicit_sums) {
  // J, K, J alone, K alone and J - K/2 of two densities at once, in both layouts.
  const qmol::Molecule water = molecule("h2o");
  for (qmol::EriLayout layout : kLayouts) {
    const qmol::AoIntegrals ints = qmol::compute_ao_integrals(
        water, qmol::load_basis("6-31g*", water), 2, qmol::kDefaultEriThreshold, layout);
    const int n = ints.n_functions();
    std::vector<Eigen::MatrixXd> d(2, Eigen::MatrixXd::Random(n, n));
    d[1] = Eigen::MatrixXd::Random(n, n);
    std::vector<Eigen::MatrixXd> j_ref(2, Eigen::MatrixXd::Zero(n, n)), k_ref = j_ref;
    for (int x = 0; x < 2; ++x) {
      d[x] = (d[x] + d[x].transpose()).eval();
      for (int p = 0; p < n; ++p)
        for (int q = 0; q < n; ++q)
          for (int r = 0; r < n; ++r)
            for (int s = 0; s < n; ++s) {
              j_ref[x](p, q) += ints.eri(p, q, r, s) * d[x](r, s);
              k_ref[x](p, q) += ints.eri(p, r, q, s) * d[x](r, s);
            }
    }
    for (int threads : {1, 2}) {
      std::vector<Eigen::MatrixXd> j, k, j_alone, k_alone, g;
      qmol::build_jk(ints.eris, d, j, k, threads);
      qmol::build_j(ints.eris, d, j_alone, threads);
      qmol::build_k(ints.eris, d, k_alone, threads);
      qmol::build_j_minus_half_k(ints.eris, d, g, threads);
      BOOST_REQUIRE(j.size() == 2 && k.size() == 2 && j_alone.size() == 2 && k_alone.size() == 2 &&
                    g.size() == 2);
      for (int x = 0; x < 2; ++x) {
        BOOST_CHECK_LT((j[x] - j_ref[x]).cwiseAbs().maxCoeff(), 1e-11);
        BOOST_CHECK_LT((k[x] - k_ref[x]).cwiseAbs().maxCoeff(), 1e-11);
        BOOST_CHECK_LT((j_alone[x] - j_ref[x]).cwiseAbs().maxCoeff(), 1e-11);
        BOOST_CHECK_LT((k_alone[x] - k_ref[x]).cwiseAbs().maxCoeff(), 1e-11);
        BOOST_CHECK_LT((g[x] - j_ref[x] + 0.5 * k_ref[x]).cwiseAbs().maxCoeff(), 1e-11);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(jk_with_a_smaller_team_than_asked_for) {
  // Inside a parallel region OpenMP gives build_jk a team of one, whatever it asks for: the
  // partial sums of threads that never ran must not be read.
  const qmol::Molecule water = molecule("h2o");
  for (qmol::EriLayout layout : kLayouts) {
    const qmol::AoIntegrals ints = qmol::compute_ao_integrals(
        water, qmol::load_basis("sto-3g", water), 1, qmol::kDefaultEriThreshold, layout);
    const int n = ints.n_functions();
    const Eigen::MatrixXd d = Eigen::MatrixXd::Identity(n, n);
    std::vector<Eigen::MatrixXd> j_ref, k_ref;
    qmol::build_jk(ints.eris, {d}, j_ref, k_ref, 1);
    omp_set_max_active_levels(1);
    std::vector<std::vector<Eigen::MatrixXd>> j(2), k(2);
#pragma omp parallel for num_threads(2)
    for (int t = 0; t < 2; ++t) qmol::build_jk(ints.eris, {d}, j[t], k[t], 2);
    for (int t = 0; t < 2; ++t) {
      BOOST_REQUIRE_EQUAL(j[t].size(), 1u);
      BOOST_CHECK_LT((j[t][0] - j_ref[0]).cwiseAbs().maxCoeff(), 1e-14);
      BOOST_CHECK_LT((k[t][0] - k_ref[0]).cwiseAbs().maxCoeff(), 1e-14);
    }
  }
}

BOOST_AUTO_TEST_CASE(dipole_integrals_move_with_the_origin) {
  // <p|r|q> about the origin: translating the molecule by t adds t * S.
  qmol::Molecule h2 = molecule("h2");
  const qmol::AoIntegrals a = qmol::compute_ao_integrals(h2, qmol::load_basis("sto-3g", h2), 1);
  const Eigen::Vector3d shift(0.5, -1.0, 2.0);
  for (auto& atom : h2.atoms) atom.position += shift;
  const qmol::AoIntegrals b = qmol::compute_ao_integrals(h2, qmol::load_basis("sto-3g", h2), 1);
  for (int k = 0; k < 3; ++k)
    BOOST_CHECK_LT((b.dipole[k] - a.dipole[k] - shift[k] * a.overlap).norm(), 1e-12);
}

BOOST_AUTO_TEST_SUITE_END()
