// The overlap between two bases (AVAS), and the shell table it is read with.
#include <Eigen/Dense>
#include <boost/test/unit_test.hpp>

#include "qmol/chem/xyz.h"
#include "qmol/integrals/ao_integrals.h"
#include "support/test_paths.h"

BOOST_AUTO_TEST_SUITE(mixed_overlap)

BOOST_AUTO_TEST_CASE(equals_the_overlap_within_one_basis_and_is_transposed_across) {
  const qmol::Molecule water = qmol::read_xyz(qmol::testing::molecules_dir() + "/h2o.xyz");
  const qmol::BasisSet big = qmol::load_basis("cc-pvdz", water);
  const qmol::BasisSet minimal = qmol::load_basis("sto-3g", water);
  const qmol::AoIntegrals ints = qmol::compute_ao_integrals(water, big, 1);
  BOOST_TEST((qmol::mixed_overlap(big, big) - ints.overlap).cwiseAbs().maxCoeff() < 1e-14);
  const Eigen::MatrixXd ab = qmol::mixed_overlap(big, minimal);
  BOOST_TEST(ab.rows() == 24);
  BOOST_TEST(ab.cols() == 7);
  BOOST_TEST((ab - qmol::mixed_overlap(minimal, big).transpose()).cwiseAbs().maxCoeff() < 1e-14);
  // cc-pVDZ nearly contains the minimal basis: each STO-3G function's projection onto it keeps
  // almost all of its norm.
  const Eigen::MatrixXd kept = ab.transpose() * ints.overlap.ldlt().solve(ab);
  for (int k = 0; k < 7; ++k) {
    BOOST_TEST(kept(k, k) <= 1.0 + 1e-10);
    BOOST_TEST(kept(k, k) > 0.98);
  }
}

BOOST_AUTO_TEST_CASE(shell_table_of_a_minimal_basis) {
  const qmol::Molecule water = qmol::read_xyz(qmol::testing::molecules_dir() + "/h2o.xyz");
  const std::vector<qmol::ShellInfo> shells = qmol::shell_info(qmol::load_basis("sto-3g", water));
  // O: 1s, 2s, 2p (the SP shell split in two); H: 1s each
  BOOST_TEST(shells.size() == 5u);
  const int l[] = {0, 0, 1, 0, 0}, atom[] = {0, 0, 0, 1, 2}, first[] = {0, 1, 2, 5, 6};
  for (int s = 0; s < 5; ++s) {
    BOOST_TEST(shells[s].angular_momentum == l[s]);
    BOOST_TEST(shells[s].atom == atom[s]);
    BOOST_TEST(shells[s].first_function == first[s]);
    BOOST_TEST(shells[s].n_functions == 2 * l[s] + 1);
  }
}

BOOST_AUTO_TEST_SUITE_END()
