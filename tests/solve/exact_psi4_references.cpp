// FCI and frozen-core FCI against Psi4 (tests/data/psi4_references.json), and CASCI windows.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../support/test_paths.h"
#include "qmol/active_space/active_space.h"
#include "qmol/chem/xyz.h"
#include "qmol/core/errors.h"
#include "qmol/integrals/ao_integrals.h"
#include "qmol/scf/scf.h"
#include "qmol/solve/exact_diagonalization.h"

BOOST_AUTO_TEST_SUITE(exact_psi4_references)

namespace {

struct Prepared {
  qmol::Molecule molecule;
  qmol::AoIntegrals integrals;
  qmol::ScfResult scf;
  nlohmann::json reference;
};

Prepared prepare(const std::string& name) {
  std::ifstream in(qmol::testing::test_data_dir() + "/psi4_references.json");
  const nlohmann::json all = nlohmann::json::parse(in);
  Prepared p;
  p.reference = all.at(name);
  p.molecule = qmol::read_xyz(qmol::testing::molecules_dir() + "/" +
                              p.reference.at("xyz").get<std::string>());
  p.molecule.charge = p.reference.at("charge");
  p.molecule.multiplicity = p.reference.at("multiplicity");
  const qmol::BasisSet basis = qmol::load_basis(p.reference.at("basis"), p.molecule);
  p.integrals = qmol::compute_ao_integrals(p.molecule, basis);
  qmol::ScfOptions options;
  options.reference =
      qmol::from_string<qmol::Reference>(p.reference.at("reference").get<std::string>());
  p.scf = qmol::run_scf(p.molecule, p.integrals, options);
  return p;
}

// FCI (with frozen_docc frozen orbitals) against Psi4's detci to 1e-8 Eh.
void check_fci(const std::string& name) {
  const Prepared p = prepare(name);
  qmol::ActiveSpaceOptions active;
  active.frozen_core = p.reference.at("frozen_docc").get<int>();
  qmol::ActiveSpaceInfo info;
  const qmol::MolecularHamiltonian h =
      qmol::build_active_space(p.integrals, p.scf, p.molecule, active, &info);
  // The SCF determinant's energy in the MO Hamiltonian is the SCF energy.
  const auto lowest = [](int k) { return k ? (~0ULL >> (64 - k)) : 0ULL; };
  BOOST_TEST(std::abs(h.determinant_energy(lowest(h.n_alpha()), lowest(h.n_beta())) -
                      p.scf.energy) < 1e-8);
  const qmol::ExactResult r = qmol::exact_ground_state(h);
  const double expected = p.reference.at("energy");
  BOOST_TEST_MESSAGE(name << ": " << r.n_determinants << " determinants, E = " << r.energy
                          << ", error " << r.energy - expected << " (" << r.method << ")");
  BOOST_TEST(std::abs(r.energy - expected) < 1e-8, name << " error " << r.energy - expected);
}

}  // namespace

BOOST_AUTO_TEST_CASE(h2) {
  check_fci("h2-sto3g-fci");
  check_fci("h2-631g-fci");
  check_fci("h2-ccpvdz-fci");
}
BOOST_AUTO_TEST_CASE(lih) {
  check_fci("lih-sto3g-fci");
  check_fci("lih-sto3g-fci-fc1");
}
BOOST_AUTO_TEST_CASE(h2o) {
  check_fci("h2o-sto3g-fci");
}
BOOST_AUTO_TEST_CASE(n2) {
  check_fci("n2-sto3g-fci");
}
BOOST_AUTO_TEST_CASE(hydrogen_chains) {
  check_fci("h4-sto3g-fci");
  check_fci("h8-sto3g-fci");
}
BOOST_AUTO_TEST_CASE(ch2_triplet_rohf) {
  check_fci("ch2-sto3g-fci");
}

BOOST_AUTO_TEST_CASE(cas_windows_lie_between_hf_and_fci) {
  const Prepared p = prepare("h2o-sto3g-fci");
  const double fci = p.reference.at("energy");
  qmol::ActiveSpaceOptions cas;
  cas.electrons = 4;
  cas.orbitals = 4;
  const double e_cas =
      qmol::exact_ground_state(qmol::build_active_space(p.integrals, p.scf, p.molecule, cas))
          .energy;
  BOOST_TEST(e_cas < p.scf.energy - 1e-4);
  BOOST_TEST(e_cas > fci + 1e-5);
  // A window holding every orbital and electron is FCI.
  qmol::ActiveSpaceOptions everything;
  everything.electrons = 10;
  everything.orbitals = 7;
  BOOST_TEST(std::abs(qmol::exact_ground_state(
                          qmol::build_active_space(p.integrals, p.scf, p.molecule, everything))
                          .energy -
                      fci) < 1e-8);
  // The same window by an explicit list.
  qmol::ActiveSpaceOptions listed;
  listed.orbital_list = {3, 4, 5, 6};
  BOOST_TEST(std::abs(qmol::exact_ground_state(
                          qmol::build_active_space(p.integrals, p.scf, p.molecule, listed))
                          .energy -
                      e_cas) < 1e-10);
  qmol::ActiveSpaceOptions too_big;
  too_big.orbitals = 8;
  BOOST_CHECK_THROW(qmol::build_active_space(p.integrals, p.scf, p.molecule, too_big),
                    qmol::InputError);
}

BOOST_AUTO_TEST_SUITE_END()
