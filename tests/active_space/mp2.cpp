// RHF MP2 against Psi4's conventional MP2 (tests/data/psi4_mp2.json), and its unrelaxed density's
// natural orbitals.
#include "qmol/active_space/mp2.h"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>

#include "qmol/active_space/natural_orbitals.h"
#include "qmol/chem/xyz.h"
#include "qmol/scf/scf.h"
#include "support/test_paths.h"

BOOST_AUTO_TEST_SUITE(mp2)

namespace {

struct Case {
  qmol::Molecule molecule;
  qmol::AoIntegrals integrals;
  qmol::ScfResult scf;
  nlohmann::json reference;
  int frozen = 0;
};

Case prepare(const std::string& name) {
  std::ifstream in(qmol::testing::test_data_dir() + "/psi4_mp2.json");
  Case c;
  c.reference = nlohmann::json::parse(in).at(name);
  // The reference's xyz is relative to the repository root.
  c.molecule = qmol::read_xyz(qmol::testing::molecules_dir() + "/../" +
                              c.reference.at("xyz").get<std::string>());
  c.integrals =
      qmol::compute_ao_integrals(c.molecule, qmol::load_basis(c.reference.at("basis"), c.molecule));
  qmol::ScfOptions options;
  options.energy_tolerance = 1e-12;
  options.density_tolerance = 1e-10;
  c.scf = qmol::run_scf(c.molecule, c.integrals, options);
  c.frozen = c.reference.at("frozen_core").get<bool>() ? c.molecule.chemical_core_orbitals() : 0;
  return c;
}

}  // namespace

// Psi4 1.3.2, scf_type pk, mp2_type conv, freeze_core as the case says: to 1e-8 Eh.
BOOST_AUTO_TEST_CASE(energies_match_psi4) {
  for (const char* name :
       {"h2o-631g", "h2o-631g-fc", "nh3-ccpvdz", "nh3-ccpvdz-fc", "hf-ccpvdz-fc"}) {
    const Case c = prepare(name);
    BOOST_TEST_CONTEXT(name) {
      BOOST_TEST(std::abs(c.scf.energy - c.reference.at("scf_energy").get<double>()) < 1e-8);
      const qmol::Mp2Result r = qmol::rhf_mp2(c.integrals, c.scf, c.frozen);
      BOOST_TEST(r.frozen_core == c.frozen);
      BOOST_TEST(std::abs(r.correlation_energy -
                          c.reference.at("mp2_correlation_energy").get<double>()) < 1e-8);
      BOOST_TEST(std::abs(r.energy - c.reference.at("mp2_energy").get<double>()) < 1e-8);
      BOOST_TEST_MESSAGE(name << ": MP2 energy - Psi4 "
                              << r.energy - c.reference.at("mp2_energy").get<double>());
    }
  }
}

// The unrelaxed density keeps the electron count; its natural orbitals diagonalize it, are
// orthonormal, and stay inside the occupied or the virtual space of the reference.
BOOST_AUTO_TEST_CASE(natural_orbitals_diagonalize_the_density) {
  for (const char* name : {"h2o-631g", "nh3-ccpvdz-fc"}) {
    const Case c = prepare(name);
    BOOST_TEST_CONTEXT(name) {
      const qmol::Mp2Result r = qmol::rhf_mp2(c.integrals, c.scf, c.frozen);
      const int n_occ = c.scf.n_alpha;
      const qmol::NaturalOrbitals no =
          qmol::natural_orbitals(r.density, c.scf.coefficients_alpha, n_occ, c.frozen);
      BOOST_TEST(std::abs(r.density.trace() - c.molecule.n_electrons()) < 1e-10);
      BOOST_TEST(std::abs(no.occupations.sum() - c.molecule.n_electrons()) < 1e-10);
      const Eigen::MatrixXd d = no.rotation.transpose() * r.density * no.rotation;
      const Eigen::MatrixXd off = d - Eigen::MatrixXd(d.diagonal().asDiagonal());
      BOOST_TEST(off.cwiseAbs().maxCoeff() < 1e-10);
      BOOST_TEST((d.diagonal() - no.occupations).cwiseAbs().maxCoeff() < 1e-12);
      const Eigen::MatrixXd s = no.coefficients.transpose() * c.integrals.overlap * no.coefficients;
      BOOST_TEST((s - Eigen::MatrixXd::Identity(s.rows(), s.cols())).cwiseAbs().maxCoeff() < 1e-10);
      for (int k = c.frozen; k + 1 < no.occupations.size(); ++k)
        BOOST_TEST(no.occupations[k] >= no.occupations[k + 1]);
      for (int k = 0; k < no.occupations.size(); ++k) {
        BOOST_TEST(no.occupations[k] >= -1e-12);
        BOOST_TEST(no.occupations[k] <= 2.0 + 1e-12);
        // occupied NOs have no virtual component, and the reverse
        const double leak = no.occupied[k]
                                ? no.rotation.col(k).tail(no.rotation.rows() - n_occ).norm()
                                : no.rotation.col(k).head(n_occ).norm();
        BOOST_TEST(leak < 1e-12);
      }
      for (int k = 0; k < c.frozen; ++k) {  // the frozen core, unrotated
        BOOST_TEST(std::abs(no.occupations[k] - 2.0) < 1e-14);
        BOOST_TEST(std::abs(no.rotation(k, k) - 1.0) < 1e-14);
      }
    }
  }
}

// The natural occupations against a spin-orbital MP2 density from Psi4's orbitals and integrals
// (tests/data/psi4_mp2.py), every natural orbital, to 1e-8.
BOOST_AUTO_TEST_CASE(natural_occupations_match_a_spin_orbital_reference) {
  for (const char* name :
       {"h2o-631g", "h2o-631g-fc", "nh3-ccpvdz", "nh3-ccpvdz-fc", "hf-ccpvdz-fc"}) {
    const Case c = prepare(name);
    BOOST_TEST_CONTEXT(name) {
      const qmol::Mp2Result r = qmol::rhf_mp2(c.integrals, c.scf, c.frozen);
      const qmol::NaturalOrbitals no =
          qmol::natural_orbitals(r.density, c.scf.coefficients_alpha, c.scf.n_alpha, c.frozen);
      std::vector<double> ours(no.occupations.data(),
                               no.occupations.data() + no.occupations.size());
      std::sort(ours.begin(), ours.end(), std::greater<>());
      const auto reference = c.reference.at("mp2_natural_occupations").get<std::vector<double>>();
      BOOST_REQUIRE_EQUAL(ours.size(), reference.size());
      double worst = 0.0;
      for (std::size_t k = 0; k < ours.size(); ++k)
        worst = std::max(worst, std::abs(ours[k] - reference[k]));
      BOOST_TEST_MESSAGE(name << ": largest occupation difference " << worst);
      BOOST_TEST(worst < 1e-8);
    }
  }
}

BOOST_AUTO_TEST_CASE(open_shells_are_refused) {
  qmol::ScfResult scf;
  scf.reference = qmol::Reference::rohf;
  BOOST_CHECK_THROW(qmol::rhf_mp2(qmol::AoIntegrals{}, scf), qmol::InputError);
}

BOOST_AUTO_TEST_SUITE_END()
