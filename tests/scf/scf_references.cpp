#include <boost/test/unit_test.hpp>
#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>

#include "qmol/chem/xyz.h"
#include "qmol/scf/scf.h"
#include "support/test_paths.h"

BOOST_AUTO_TEST_SUITE(scf_references)

namespace {

const nlohmann::json& references() {
  static const nlohmann::json data = [] {
    std::ifstream in(qmol::testing::test_data_dir() + "/psi4_references.json");
    return nlohmann::json::parse(in);
  }();
  return data;
}

// Runs the SCF of reference case `key` (Psi4 1.3.2, e_convergence 1e-10) on the molecule file it
// names; checks the geometry matches the one Psi4 used.
qmol::ScfResult run_case(const std::string& key, qmol::Reference reference) {
  const nlohmann::json& ref = references().at(key);
  qmol::Molecule molecule =
      qmol::read_xyz(qmol::testing::molecules_dir() + "/" + ref.at("xyz").get<std::string>());
  molecule.charge = ref.at("charge").get<int>();
  molecule.multiplicity = ref.at("multiplicity").get<int>();
  const auto& geometry = ref.at("geometry_bohr");
  BOOST_REQUIRE_EQUAL(geometry.size(), molecule.atoms.size());
  for (size_t a = 0; a < geometry.size(); ++a)
    for (int k = 0; k < 3; ++k)
      BOOST_REQUIRE_SMALL(molecule.atoms[a].position(k) - geometry[a][k].get<double>(), 1e-9);
  const qmol::BasisSet basis = qmol::load_basis(ref.at("basis").get<std::string>(), molecule);
  BOOST_REQUIRE_EQUAL(basis.n_functions(), ref.at("nbf").get<int>());
  const qmol::AoIntegrals ints = qmol::compute_ao_integrals(molecule, basis, 2);
  qmol::ScfOptions options;
  options.reference = reference;
  const qmol::ScfResult result = qmol::run_scf(molecule, ints, options);
  BOOST_CHECK_SMALL(result.nuclear_repulsion - ref.at("nuclear_repulsion").get<double>(), 1e-10);
  BOOST_TEST_MESSAGE(key << ": E = " << std::setprecision(12) << result.energy << " error "
                         << result.energy - ref.at("scf_energy").get<double>() << " in "
                         << result.iterations << " iterations");
  BOOST_CHECK_SMALL(result.energy - ref.at("scf_energy").get<double>(), 1e-8);
  return result;
}

}  // namespace

BOOST_AUTO_TEST_CASE(rhf_h2_in_three_bases) {
  run_case("h2-sto3g-rhf", qmol::Reference::rhf);
  run_case("h2-631g-rhf", qmol::Reference::rhf);
  run_case("h2-ccpvdz-rhf", qmol::Reference::rhf);
}

BOOST_AUTO_TEST_CASE(rhf_small_molecules_sto3g) {
  for (const char* key : {"lih-sto3g-rhf", "h2o-sto3g-rhf", "n2-sto3g-rhf", "h4-sto3g-rhf",
                          "h8-sto3g-rhf", "glycine-sto3g-rhf"})
    run_case(key, qmol::Reference::rhf);
}

BOOST_AUTO_TEST_CASE(rhf_glycine_cartesian_631gs) {
  run_case("glycine-631gs-rhf", qmol::Reference::rhf);
}

BOOST_AUTO_TEST_CASE(rhf_water_dipole) {
  const qmol::ScfResult result = run_case("h2o-sto3g-dipole", qmol::Reference::rhf);
  const auto& expected = references().at("h2o-sto3g-dipole").at("dipole_debye");
  for (int k = 0; k < 3; ++k)
    BOOST_CHECK_SMALL(result.dipole_debye(k) - expected[k].get<double>(), 1e-4);
}

BOOST_AUTO_TEST_CASE(open_shell_methylene_triplet) {
  const qmol::ScfResult rohf = run_case("ch2-sto3g-rohf", qmol::Reference::rohf);
  const qmol::ScfResult uhf = run_case("ch2-sto3g-uhf", qmol::Reference::uhf);
  BOOST_CHECK_LE(uhf.energy, rohf.energy);
  BOOST_CHECK_CLOSE(rohf.s_squared, 2.0, 1e-12);
  BOOST_CHECK_GT(uhf.s_squared, 2.0);  // spin contamination
  BOOST_CHECK_LT(uhf.s_squared, 2.1);
}

BOOST_AUTO_TEST_SUITE_END()
