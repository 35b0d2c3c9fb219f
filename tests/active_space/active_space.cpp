#include "qmol/active_space/active_space.h"

#include <boost/test/unit_test.hpp>

#include "qmol/chem/xyz.h"
#include "qmol/core/errors.h"
#include "support/test_paths.h"

BOOST_AUTO_TEST_SUITE(active_space)

namespace {

using qmol::ActiveSpaceInfo;
using qmol::ActiveSpaceOptions;

qmol::Molecule make(std::vector<int> charges, int multiplicity) {
  qmol::Molecule m;
  for (std::size_t i = 0; i < charges.size(); ++i)
    m.atoms.push_back({charges[i], Eigen::Vector3d(0, 0, 2.0 * i)});
  m.multiplicity = multiplicity;
  return m;
}

// Expects InputError with field "active_space.<field>".
template <class F>
void expect_error(F&& f, const std::string& field) {
  try {
    f();
    BOOST_FAIL("no InputError for " << field);
  } catch (const qmol::InputError& e) {
    BOOST_TEST(e.where().field == "active_space." + field, e.what());
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(defaults_and_frozen_core) {
  const qmol::Molecule lih = make({3, 1}, 1);  // 4 electrons, 6 MOs in sto-3g
  ActiveSpaceInfo all = qmol::select_active_space(6, 2, 2, lih, {});
  BOOST_TEST(all.n_orbitals == 6);
  BOOST_TEST(all.n_electrons == 4);
  BOOST_TEST(all.frozen_core == 0);
  ActiveSpaceOptions fc;
  fc.frozen_core = true;
  ActiveSpaceInfo frozen = qmol::select_active_space(6, 2, 2, lih, fc);
  BOOST_TEST(frozen.frozen_core == 1);
  BOOST_TEST(frozen.n_orbitals == 5);
  BOOST_TEST(frozen.n_alpha == 1);
  BOOST_TEST(frozen.active_orbitals == std::vector<int>({1, 2, 3, 4, 5}));
  fc.frozen_core = 2;
  ActiveSpaceInfo two = qmol::select_active_space(6, 2, 2, lih, fc);
  BOOST_TEST(two.n_electrons == 0);
}

BOOST_AUTO_TEST_CASE(cas_window_around_the_fermi_level) {
  const qmol::Molecule ch2 = make({6, 1, 1}, 3);  // 8 electrons: 5 alpha, 3 beta
  ActiveSpaceOptions o;
  o.electrons = 4;
  o.orbitals = 4;
  ActiveSpaceInfo cas = qmol::select_active_space(7, 5, 3, ch2, o);
  BOOST_TEST(cas.frozen_orbitals == std::vector<int>({0, 1}));
  BOOST_TEST(cas.active_orbitals == std::vector<int>({2, 3, 4, 5}));
  BOOST_TEST(cas.n_alpha == 3);
  BOOST_TEST(cas.n_beta == 1);
  o.orbitals.reset();  // all orbitals above the window's inactive ones
  BOOST_TEST(qmol::select_active_space(7, 5, 3, ch2, o).n_orbitals == 5);
}

BOOST_AUTO_TEST_CASE(explicit_orbital_list) {
  const qmol::Molecule lih = make({3, 1}, 1);
  ActiveSpaceOptions o;
  o.orbital_list = {5, 1, 2};
  ActiveSpaceInfo info = qmol::select_active_space(6, 2, 2, lih, o);
  BOOST_TEST(info.active_orbitals == std::vector<int>({1, 2, 5}));
  BOOST_TEST(info.frozen_orbitals == std::vector<int>({0}));
  BOOST_TEST(info.n_electrons == 2);
}

BOOST_AUTO_TEST_CASE(impossible_windows_name_the_field) {
  const qmol::Molecule lih = make({3, 1}, 1);
  const qmol::Molecule ch2 = make({6, 1, 1}, 3);
  auto select = [](int n_mo, int a, int b, const qmol::Molecule& m, ActiveSpaceOptions o) {
    return [=] { qmol::select_active_space(n_mo, a, b, m, o); };
  };
  ActiveSpaceOptions o;
  o.electrons = 6;
  o.orbitals = 2;
  expect_error(select(6, 2, 2, lih, o), "electrons");  // more electrons than 2 * orbitals
  o = {};
  o.electrons = 2;
  o.orbitals = 7;
  expect_error(select(6, 2, 2, lih, o), "orbitals");  // more orbitals than the basis
  o = {};
  o.electrons = 3;
  expect_error(select(7, 5, 3, ch2, o), "electrons");  // parity against 2Sz = 2
  o.electrons = 1;
  expect_error(select(6, 2, 2, lih, o), "electrons");  // parity
  o = {};
  o.electrons = 6;
  expect_error(select(6, 2, 2, lih, o), "electrons");  // beyond the molecule's electrons
  o = {};
  o.electrons = 0;
  o.orbitals = 2;
  expect_error(select(7, 5, 3, ch2, o), "electrons");  // cannot hold the unpaired electrons
  o = {};
  o.frozen_core = 3;
  expect_error(select(6, 2, 2, lih, o), "frozen_core");  // frozen more than occupied
  o.frozen_core = -1;
  expect_error(select(6, 2, 2, lih, o), "frozen_core");
  o = {};
  o.orbital_list = {1, 9};
  expect_error(select(6, 2, 2, lih, o), "orbital_list");
  o.orbital_list = {1, 1};
  expect_error(select(6, 2, 2, lih, o), "orbital_list");
  o.orbital_list = {0, 1, 2, 3};  // singly occupied 3 and 4 of CH2 left out
  expect_error(select(7, 5, 3, ch2, o), "orbital_list");
}

BOOST_AUTO_TEST_CASE(uhf_orbitals_are_refused) {
  qmol::ScfResult scf;
  scf.reference = qmol::Reference::uhf;
  try {
    qmol::build_active_space(qmol::AoIntegrals{}, scf, make({1, 1}, 1));
    BOOST_FAIL("UHF accepted");
  } catch (const qmol::InputError& e) {
    BOOST_TEST(std::string(e.what()).find("rohf") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(active_integrals_in_both_layouts_equal_the_explicit_transformation) {
  // (pu|vw) of random orthonormal orbitals, summed element by element over (pq|rs).
  const qmol::Molecule water = qmol::read_xyz(qmol::testing::molecules_dir() + "/h2o.xyz");
  const qmol::BasisSet basis = qmol::load_basis("6-31g", water);
  const int n = basis.n_functions(), m = 3, k = 4;
  const Eigen::MatrixXd orbitals = Eigen::MatrixXd::Random(n, k), active = orbitals.leftCols(m);
  for (qmol::EriLayout layout : {qmol::EriLayout::shell_quartets, qmol::EriLayout::pair_matrices}) {
    const qmol::AoIntegrals ints =
        qmol::compute_ao_integrals(water, basis, 2, qmol::kDefaultEriThreshold, layout);
    const std::vector<double> mixed = qmol::mixed_active_integrals(ints, orbitals, active);
    BOOST_REQUIRE_EQUAL(mixed.size(), static_cast<std::size_t>(k * m * m * m));
    double worst = 0.0;
    for (int p = 0; p < k; ++p)
      for (int u = 0; u < m; ++u)
        for (int v = 0; v < m; ++v)
          for (int w = 0; w < m; ++w) {
            double ref = 0.0;
            for (int a = 0; a < n; ++a)
              for (int b = 0; b < n; ++b)
                for (int c = 0; c < n; ++c)
                  for (int d = 0; d < n; ++d)
                    ref += orbitals(a, p) * active(b, u) * active(c, v) * active(d, w) *
                           ints.eri(a, b, c, d);
            worst = std::max(worst, std::abs(mixed[((p * m + u) * m + v) * m + w] - ref));
          }
    BOOST_CHECK_LT(worst, 1e-11);
  }
}

BOOST_AUTO_TEST_SUITE_END()
