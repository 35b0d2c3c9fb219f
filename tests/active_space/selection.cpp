// Automatic active-space selection: AVAS on benzene's pi system, MP2 natural orbitals,
// max_orbitals, and the rules on impossible options.
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "qmol/active_space/active_space.h"
#include "qmol/active_space/avas.h"
#include "qmol/chem/xyz.h"
#include "qmol/core/errors.h"
#include "qmol/scf/scf.h"
#include "support/test_paths.h"

BOOST_AUTO_TEST_SUITE(selection)

namespace {

using qmol::ActiveSpaceOptions;
using qmol::ActiveSpaceSelection;

struct System {
  qmol::Molecule molecule;
  qmol::AoIntegrals integrals;
  qmol::ScfResult scf;
};

System prepare(const std::string& path, const std::string& basis) {
  System s;
  s.molecule = qmol::read_xyz(path);
  s.integrals = qmol::compute_ao_integrals(s.molecule, qmol::load_basis(basis, s.molecule));
  qmol::ScfOptions options;
  options.energy_tolerance = 1e-11;
  options.density_tolerance = 1e-9;
  s.scf = qmol::run_scf(s.molecule, s.integrals, options);
  return s;
}

// The energy of the determinant that fills the first n_beta active orbitals (closed shell).
double reference_energy(const qmol::MolecularHamiltonian& h) {
  double e = h.core_energy();
  const int n = h.n_beta();
  for (int i = 0; i < n; ++i) {
    e += 2.0 * h.one_body(i, i);
    for (int j = 0; j < n; ++j) e += 2.0 * h.two_body(i, i, j, j) - h.two_body(i, j, j, i);
  }
  return e;
}

template <class F>
void expect_error(F&& f, const std::string& field) {
  try {
    f();
    BOOST_FAIL("no InputError for " << field);
  } catch (const qmol::InputError& e) {
    BOOST_TEST(e.where().field == "active_space." + field, e.what());
  }
}

const std::string benzene = qmol::testing::test_data_dir() + "/benzene-planar.xyz";
const std::string water = qmol::testing::molecules_dir() + "/h2o.xyz";

}  // namespace

// The ring lies in the xy plane: the C 2pz functions span the six pi orbitals, three occupied
// and three virtual, in a minimal and in a split-valence basis.
BOOST_AUTO_TEST_CASE(avas_selects_the_pi_orbitals_of_benzene) {
  for (const char* basis : {"sto-3g", "6-31g"}) {
    BOOST_TEST_CONTEXT(basis) {
      const System s = prepare(benzene, basis);
      ActiveSpaceOptions o;
      o.selection = ActiveSpaceSelection::avas;
      o.avas_orbitals = {"C 2pz"};
      qmol::ActiveSpaceInfo info;
      const qmol::MolecularHamiltonian h =
          qmol::build_active_space(s.integrals, s.scf, s.molecule, o, &info);
      BOOST_TEST(info.n_orbitals == 6);
      BOOST_TEST(info.n_electrons == 6);
      BOOST_TEST(info.frozen_core == 18);
      BOOST_REQUIRE(info.selection);
      BOOST_TEST(info.selection->overlaps.size() == 6u);
      int occupied = 0;
      for (int p : info.active_orbitals) occupied += p < 21;
      BOOST_TEST(occupied == 3);
      for (double v : info.selection->overlaps) BOOST_TEST(v > 0.9);
      // Rotations within the occupied space leave the SCF determinant as it was.
      BOOST_TEST(std::abs(reference_energy(h) - s.scf.energy) < 1e-9);
      // Every selected orbital is a pi orbital: no density in the ring's plane (z -> -z odd).
      const qmol::AvasOrbitals avas =
          qmol::avas_orbitals(s.integrals, s.scf, s.molecule, o.avas_orbitals, 0);
      BOOST_TEST(avas.n_occupied == 21);
      BOOST_TEST(avas.n_virtual == static_cast<int>(s.scf.coefficients_alpha.cols()) - 21);
    }
  }
}

// Frozen core with AVAS: the core stays out of the projection; the space is the same.
BOOST_AUTO_TEST_CASE(avas_with_frozen_core_and_max_orbitals) {
  const System s = prepare(benzene, "sto-3g");
  ActiveSpaceOptions o;
  o.selection = ActiveSpaceSelection::avas;
  o.avas_orbitals = {"C 2pz"};
  o.frozen_core = true;
  o.max_orbitals = 4;
  qmol::ActiveSpaceInfo info;
  const qmol::MolecularHamiltonian h =
      qmol::build_active_space(s.integrals, s.scf, s.molecule, o, &info);
  BOOST_TEST(info.n_orbitals == 4);
  BOOST_TEST(info.n_electrons + 2 * info.frozen_core == 42);
  BOOST_TEST(!info.selection->note.empty());
  BOOST_TEST(std::abs(reference_energy(h) - s.scf.energy) < 1e-9);
}

BOOST_AUTO_TEST_CASE(natural_orbitals_of_water) {
  const System s = prepare(water, "6-31g");
  ActiveSpaceOptions o;
  o.selection = ActiveSpaceSelection::natural_orbitals;
  qmol::ActiveSpaceInfo info;
  const qmol::MolecularHamiltonian h =
      qmol::build_active_space(s.integrals, s.scf, s.molecule, o, &info);
  BOOST_REQUIRE(info.mp2);
  BOOST_REQUIRE(info.selection);
  const auto& occ = info.selection->occupations;
  BOOST_TEST(occ.size() == static_cast<std::size_t>(info.n_orbitals));
  for (double n : occ) {
    BOOST_TEST(n >= 0.02);
    BOOST_TEST(n <= 1.98);
  }
  // Frozen: the natural orbitals above 2 - min_occupation; electrons: the rest.
  BOOST_TEST(info.n_electrons == 10 - 2 * info.frozen_core);
  BOOST_TEST(std::abs(reference_energy(h) - s.scf.energy) < 1e-9);

  // max_orbitals keeps the occupations nearest 1 and the electrons of the kept occupied ones.
  ActiveSpaceOptions capped = o;
  capped.max_orbitals = 2;
  qmol::ActiveSpaceInfo small;
  const qmol::MolecularHamiltonian h2 =
      qmol::build_active_space(s.integrals, s.scf, s.molecule, capped, &small);
  BOOST_TEST(small.n_orbitals == 2);
  // (here the two highest occupied: 1.977 and 1.975 are nearer 1 than 0.022 and 0.021)
  int kept_occupied = 0;
  for (double n : small.selection->occupations) kept_occupied += n > 1.0;
  BOOST_TEST(small.n_electrons == 2 * kept_occupied);
  // Both kept orbitals are occupied: the report says the space cannot correlate.
  BOOST_TEST(kept_occupied == 2);
  BOOST_TEST(small.selection->note.find("holds no correlation") != std::string::npos,
             small.selection->note);
  BOOST_TEST(info.selection->note.find("holds no correlation") == std::string::npos);
  std::vector<double> distance;
  for (double n : occ) distance.push_back(std::abs(n - 1.0));
  std::sort(distance.begin(), distance.end());
  for (double n : small.selection->occupations) BOOST_TEST(std::abs(n - 1.0) <= distance[1]);
  BOOST_TEST(std::abs(reference_energy(h2) - s.scf.energy) < 1e-9);

  // A fixed size: the window in natural-orbital order.
  ActiveSpaceOptions fixed = o;
  fixed.electrons = 4;
  fixed.orbitals = 5;
  qmol::ActiveSpaceInfo sized;
  qmol::build_active_space(s.integrals, s.scf, s.molecule, fixed, &sized);
  BOOST_TEST(sized.n_orbitals == 5);
  BOOST_TEST(sized.n_electrons == 4);
  BOOST_TEST(sized.frozen_orbitals == std::vector<int>({0, 1, 2}));
  BOOST_TEST(sized.active_orbitals == std::vector<int>({3, 4, 5, 6, 7}));

  ActiveSpaceOptions empty = o;
  empty.min_occupation = 0.9;
  expect_error([&] { qmol::build_active_space(s.integrals, s.scf, s.molecule, empty); },
               "min_occupation");
}

BOOST_AUTO_TEST_CASE(window_with_max_orbitals_keeps_the_orbitals_at_the_fermi_level) {
  qmol::Molecule h2o = qmol::read_xyz(water);
  ActiveSpaceOptions o;
  o.max_orbitals = 3;
  const qmol::ActiveSpaceInfo info = qmol::select_active_space(13, 5, 5, h2o, o);
  BOOST_TEST(info.active_orbitals == std::vector<int>({3, 4, 5}));
  BOOST_TEST(info.n_electrons == 4);
  BOOST_TEST(info.frozen_core == 3);
}

BOOST_AUTO_TEST_CASE(impossible_options_name_the_field) {
  ActiveSpaceOptions o;
  o.selection = ActiveSpaceSelection::avas;
  expect_error([&] { o.check(); }, "select");  // no avas_orbitals
  o.avas_orbitals = {"C 9q"};
  expect_error([&] { o.check(); }, "avas_orbitals");
  o.avas_orbitals = {"Xx 2p"};
  expect_error([&] { o.check(); }, "avas_orbitals");
  o.avas_orbitals = {"C 2pw"};
  expect_error([&] { o.check(); }, "avas_orbitals");
  o.avas_orbitals = {"C 1p"};
  expect_error([&] { o.check(); }, "avas_orbitals");
  o.avas_orbitals = {"Fe 3dxy"};
  o.check();
  o.avas_threshold = 1.0;
  expect_error([&] { o.check(); }, "avas_threshold");
  o = {};
  o.selection = ActiveSpaceSelection::natural_orbitals;
  o.avas_orbitals = {"O 2p"};
  expect_error([&] { o.check(); }, "avas_orbitals");
  o.avas_orbitals.clear();
  o.min_occupation = 1.0;
  expect_error([&] { o.check(); }, "min_occupation");
  o.min_occupation = 0.0;
  expect_error([&] { o.check(); }, "min_occupation");
  o.min_occupation = 0.02;
  o.orbital_list = {1, 2};
  expect_error([&] { o.check(); }, "orbital_list");
  o.orbital_list.clear();
  o.electrons = 2;
  expect_error([&] { o.check(); }, "electrons");  // without orbitals
  o.electrons.reset();
  o.max_orbitals = 0;
  expect_error([&] { o.check(); }, "max_orbitals");

  const qmol::AtomicOrbitalLabel label = qmol::parse_atomic_orbital_label("Fe 3dxy");
  BOOST_TEST(label.atomic_number == 26);
  BOOST_TEST(label.n == 3);
  BOOST_TEST(label.l == 2);
  BOOST_TEST(label.component == "xy");
}

BOOST_AUTO_TEST_CASE(avas_of_an_absent_element_or_shell) {
  const System s = prepare(water, "sto-3g");
  ActiveSpaceOptions o;
  o.selection = ActiveSpaceSelection::avas;
  o.avas_orbitals = {"C 2p"};
  expect_error([&] { qmol::build_active_space(s.integrals, s.scf, s.molecule, o); },
               "avas_orbitals");
  o.avas_orbitals = {"O 3d"};  // not in STO-3G
  expect_error([&] { qmol::build_active_space(s.integrals, s.scf, s.molecule, o); },
               "avas_orbitals");
  o.avas_orbitals = {"O 2p"};
  qmol::ActiveSpaceInfo info;
  qmol::build_active_space(s.integrals, s.scf, s.molecule, o, &info);
  BOOST_TEST(info.n_orbitals >= 3);
}

BOOST_AUTO_TEST_SUITE_END()
