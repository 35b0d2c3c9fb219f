#include "qmol/integrals/basis_set.h"

#include <boost/test/unit_test.hpp>
#include <string>

#include "qmol/chem/xyz.h"
#include "qmol/core/errors.h"
#include "support/test_paths.h"

BOOST_AUTO_TEST_SUITE(basis_set)

namespace {

qmol::Molecule molecule(const std::string& stem) {
  return qmol::read_xyz(qmol::testing::molecules_dir() + "/" + stem + ".xyz");
}

}  // namespace

BOOST_AUTO_TEST_CASE(names_are_case_insensitive) {
  const qmol::Molecule water = molecule("h2o");
  const qmol::BasisSet a = qmol::load_basis("STO-3G", water);
  BOOST_CHECK_EQUAL(a.name, "sto-3g");
  BOOST_CHECK_EQUAL(a.n_functions(), 7);
  BOOST_CHECK(a.spherical);
  const qmol::BasisSet b = qmol::load_basis("cc-pVDZ", water);
  BOOST_CHECK_EQUAL(b.n_functions(), 24);  // spherical d: 5 functions
  const qmol::BasisSet c = qmol::load_basis("6-31G(d)", water);
  BOOST_CHECK_EQUAL(c.name, "6-31g*");
  BOOST_CHECK(!c.spherical);
  BOOST_CHECK_EQUAL(c.n_functions(), 19);  // cartesian d: 6 functions
  BOOST_CHECK_EQUAL(qmol::canonical_basis_name(" 6-31G(d,p) "), "6-31g**");
}

BOOST_AUTO_TEST_CASE(functions_are_grouped_by_atom) {
  const qmol::Molecule water = molecule("h2o");
  const qmol::BasisSet basis = qmol::load_basis("6-31g*", water);
  BOOST_REQUIRE_EQUAL(basis.first_function_of_atom.size(), 4u);
  BOOST_CHECK_EQUAL(basis.first_function_of_atom[1], 15);  // O: 3s 2p + 6d
  BOOST_CHECK_EQUAL(basis.first_function_of_atom[3], 19);
  BOOST_CHECK_EQUAL(static_cast<int>(basis.shell_to_atom.size()), basis.n_shells());
}

BOOST_AUTO_TEST_CASE(unknown_basis_lists_the_available_ones) {
  try {
    qmol::load_basis("def3-qzvp", molecule("h2"));
    BOOST_FAIL("expected InputError");
  } catch (const qmol::InputError& e) {
    const std::string what = e.what();
    BOOST_CHECK(what.find("def3-qzvp") != std::string::npos);
    BOOST_CHECK(what.find("cc-pvdz") != std::string::npos);
    BOOST_CHECK_EQUAL(e.where().field, "basis");
  }
  const auto names = qmol::available_basis_sets();
  BOOST_CHECK(std::find(names.begin(), names.end(), "sto-3g") != names.end());
}

BOOST_AUTO_TEST_CASE(missing_element_is_named) {
  qmol::Molecule krypton;
  krypton.atoms.push_back({36, Eigen::Vector3d::Zero()});
  try {
    qmol::load_basis("6-31+G*", krypton);  // 6-31+G* stops at Ca
    BOOST_FAIL("expected InputError");
  } catch (const qmol::InputError& e) {
    const std::string what = e.what();
    BOOST_TEST_MESSAGE(what);
    BOOST_CHECK(what.find("Kr") != std::string::npos);
    BOOST_CHECK(what.find("6-31+g*") != std::string::npos);
  }
}

BOOST_AUTO_TEST_SUITE_END()
