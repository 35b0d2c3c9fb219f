// Under ThreadSanitizer (scripts/test): the AO integrals, the ERIs and the J/K build on 2 threads,
// each compared with the same computation on 1 thread. Run first in its process, so that libint2's
// process-wide tables are set up here, by these calls.

#include <Eigen/Core>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <vector>

#include "qmol/chem/xyz.h"
#include "qmol/integrals/ao_integrals.h"
#include "qmol/integrals/jk_builder.h"
#include "support/test_paths.h"

BOOST_AUTO_TEST_SUITE(integrals)

using namespace qmol;

BOOST_AUTO_TEST_CASE(two_threads_give_the_one_thread_integrals) {
  const Molecule water = read_xyz(testing::molecules_dir() + "/h2o.xyz");
  // cc-pVDZ (d shells) after STO-3G: each engine kind needs a larger Boys table than the last.
  for (const char* name : {"sto-3g", "cc-pvdz"})
    for (EriLayout layout : {EriLayout::shell_quartets, EriLayout::pair_matrices}) {
      const BasisSet basis = load_basis(name, water);
      const AoIntegrals two = compute_ao_integrals(water, basis, 2, kDefaultEriThreshold, layout);
      const AoIntegrals one = compute_ao_integrals(water, basis, 1, kDefaultEriThreshold, layout);
      BOOST_CHECK((two.overlap.array() == one.overlap.array()).all());
      BOOST_CHECK((two.kinetic.array() == one.kinetic.array()).all());
      BOOST_CHECK((two.nuclear.array() == one.nuclear.array()).all());
      for (int k = 0; k < 3; ++k)
        BOOST_CHECK((two.dipole[k].array() == one.dipole[k].array()).all());
      BOOST_REQUIRE_EQUAL(two.eris.stored_values(), one.eris.stored_values());
      const int n = two.n_functions();
      int differing = 0;
      for (int p = 0; p < n; ++p)
        for (int q = 0; q <= p; ++q)
          for (int r = 0; r < n; ++r)
            for (int s = 0; s <= r; ++s) differing += two.eri(p, q, r, s) != one.eri(p, q, r, s);
      BOOST_CHECK_EQUAL(differing, 0);
    }
}

BOOST_AUTO_TEST_CASE(two_thread_jk_matches_one_thread) {
  const Molecule water = read_xyz(testing::molecules_dir() + "/h2o.xyz");
  for (EriLayout layout : {EriLayout::shell_quartets, EriLayout::pair_matrices}) {
    const AoIntegrals ints =
        compute_ao_integrals(water, load_basis("cc-pvdz", water), 2, kDefaultEriThreshold, layout);
    const int n = ints.n_functions();
    std::vector<Eigen::MatrixXd> densities;
    for (int d = 0; d < 2; ++d) {  // two densities, as UHF and ROHF pass
      const Eigen::MatrixXd x = Eigen::MatrixXd::Random(n, n);
      densities.push_back(x + x.transpose());
    }
    std::vector<Eigen::MatrixXd> j1, k1, j2, k2;
    build_jk(ints.eris, densities, j1, k1, 1);
    build_jk(ints.eris, densities, j2, k2, 2);
    BOOST_REQUIRE_EQUAL(j2.size(), 2u);
    for (int d = 0; d < 2; ++d) {
      // Per-thread partial sums are added in another order: equal up to rounding.
      BOOST_CHECK_LT((j2[d] - j1[d]).cwiseAbs().maxCoeff(), 1e-12 * j1[d].cwiseAbs().maxCoeff());
      BOOST_CHECK_LT((k2[d] - k1[d]).cwiseAbs().maxCoeff(), 1e-12 * k1[d].cwiseAbs().maxCoeff());
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
