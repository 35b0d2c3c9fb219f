#include <Eigen/Eigenvalues>
#include <array>
#include <boost/test/unit_test.hpp>
#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <string>

#include "../support/test_paths.h"
#include "qmol/chem/xyz.h"
#include "qmol/core/errors.h"
#include "qmol/scf/orbital_hessian.h"
#include "qmol/scf/scf.h"

BOOST_AUTO_TEST_SUITE(test_scf_stability)

namespace {

// Psi4 1.3.2 energies and stability eigenvalues (tests/data/psi4_stability.py).
const nlohmann::json& reference(const std::string& key) {
  static const nlohmann::json data = [] {
    std::ifstream in(qmol::testing::test_data_dir() + "/psi4_stability.json");
    return nlohmann::json::parse(in);
  }();
  return data.at(key);
}

// Psi4 prints RHF stability eigenvalues to 6 decimals only.
constexpr double kPrinted = 1e-6;
// Eigenvalues stored at full precision, compared with ours from an SCF converged to 1e-8.
constexpr double kFull = 1e-7;

struct Case {
  qmol::Molecule molecule;
  qmol::AoIntegrals ints;
};

Case load(const std::string& key) {
  const nlohmann::json& ref = reference(key);
  const std::string xyz = ref.at("xyz");
  const std::string path = xyz.rfind("tests/data/", 0) == 0
                               ? qmol::testing::test_data_dir() + "/" + xyz.substr(11)
                               : qmol::testing::molecules_dir() + "/" + xyz.substr(10);
  qmol::Molecule m = qmol::read_xyz(path);
  m.multiplicity = ref.at("multiplicity");
  const auto& geometry = ref.at("geometry_bohr");
  BOOST_REQUIRE_EQUAL(geometry.size(), m.atoms.size());
  for (size_t a = 0; a < geometry.size(); ++a)
    for (int k = 0; k < 3; ++k)
      BOOST_REQUIRE_SMALL(m.atoms[a].position(k) - geometry[a][k].get<double>(), 1e-9);
  qmol::AoIntegrals ints = qmol::compute_ao_integrals(m, qmol::load_basis(ref.at("basis"), m), 2);
  BOOST_REQUIRE_SMALL(ints.nuclear_repulsion - ref.at("nuclear_repulsion").get<double>(), 1e-10);
  return {std::move(m), std::move(ints)};
}

qmol::ScfOptions options(qmol::Reference reference, qmol::Stability stability) {
  qmol::ScfOptions o;
  o.reference = reference;
  o.stability = stability;
  return o;
}

// The lowest eigenvalue of the first analysis in `space`.
double lowest(const qmol::ScfResult& r, qmol::RotationSpace space) {
  for (const qmol::StabilityAnalysis& a : r.stability->analyses)
    if (a.space == space) return a.lowest_eigenvalue;
  BOOST_FAIL("no " << qmol::to_string(space) << " analysis");
  return 0.0;
}

double printed_lowest(const std::string& key, const std::string& list) {
  return reference(key).at(list).at(0).at(0).get<double>();
}

bool mentions(const std::vector<std::string>& warnings, const std::string& text) {
  for (const std::string& w : warnings)
    if (w.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

BOOST_AUTO_TEST_CASE(stretched_h2_uhf_stays_restricted_without_help) {
  // The problem stability analysis exists for: UHF from SAD keeps alpha = beta.
  const Case h2 = load("h2-3.0-ccpvdz-uhf-check");
  const qmol::ScfResult r =
      qmol::run_scf(h2.molecule, h2.ints, options(qmol::Reference::uhf, qmol::Stability::check));
  const nlohmann::json& ref = reference("h2-3.0-ccpvdz-uhf-check");
  BOOST_CHECK_SMALL(r.energy - ref.at("energy").get<double>(), 1e-8);
  BOOST_REQUIRE(r.stability);
  BOOST_CHECK(!r.stability->stable);
  BOOST_CHECK_EQUAL(r.stability->followed, 0);
  BOOST_REQUIRE_EQUAL(r.stability->analyses.size(), 1u);
  BOOST_CHECK(r.stability->analyses[0].space == qmol::RotationSpace::uhf_uhf);
  BOOST_CHECK_SMALL(*r.stability->lowest_eigenvalue - ref.at("lowest_eigenvalue").get<double>(),
                    kFull);
  BOOST_REQUIRE_EQUAL(r.warnings.size(), 1u);
  BOOST_TEST_MESSAGE(r.warnings[0]);
  BOOST_CHECK(mentions(r.warnings, "the uhf solution (-0.82644784 Eh) is unstable"));
  BOOST_CHECK(mentions(r.warnings, "scf.stability = \"follow\""));
}

BOOST_AUTO_TEST_CASE(stretched_h2_uhf_follow_breaks_the_symmetry) {
  const Case h2 = load("h2-3.0-ccpvdz-uhf-follow");
  const qmol::ScfResult r =
      qmol::run_scf(h2.molecule, h2.ints, options(qmol::Reference::uhf, qmol::Stability::follow));
  const nlohmann::json& ref = reference("h2-3.0-ccpvdz-uhf-follow");
  BOOST_TEST_MESSAGE("E = " << std::setprecision(12) << r.energy << " in " << r.iterations
                            << " iterations, <S^2> " << r.s_squared);
  BOOST_CHECK_SMALL(r.energy - ref.at("energy").get<double>(), 1e-8);
  BOOST_CHECK(r.reference == qmol::Reference::uhf);
  BOOST_REQUIRE(r.stability);
  BOOST_CHECK(r.stability->stable);
  BOOST_CHECK(r.stability->mode == qmol::Stability::follow);
  BOOST_CHECK_EQUAL(r.stability->followed, 1);
  // First the restricted saddle point, then the broken-symmetry minimum: both as Psi4 found them.
  BOOST_REQUIRE_EQUAL(r.stability->analyses.size(), 2u);
  BOOST_CHECK_SMALL(r.stability->analyses[0].lowest_eigenvalue -
                        reference("h2-3.0-ccpvdz-uhf-check").at("lowest_eigenvalue").get<double>(),
                    kFull);
  BOOST_CHECK_SMALL(r.stability->analyses[0].energy - (-0.8264478437952376), 1e-8);
  BOOST_CHECK_SMALL(*r.stability->lowest_eigenvalue - ref.at("lowest_eigenvalue").get<double>(),
                    kFull);
  BOOST_CHECK(r.warnings.empty());
  BOOST_CHECK_GT(r.s_squared, 0.9);  // nearly one alpha and one beta electron on separate atoms
  BOOST_CHECK_EQUAL(r.energy_history.size(), static_cast<size_t>(r.iterations));
}

BOOST_AUTO_TEST_CASE(a_follow_that_does_not_converge_keeps_the_solution) {
  const Case h2 = load("h2-3.0-ccpvdz-uhf-check");
  qmol::ScfOptions o = options(qmol::Reference::uhf, qmol::Stability::follow);
  std::array<int, 2> per_cycle{};
  qmol::run_scf(h2.molecule, h2.ints, o, nullptr,
                [&](const qmol::ScfIteration& it) { ++per_cycle.at(it.cycle - 1); });
  // Enough iterations for the first SCF only.
  BOOST_REQUIRE_GT(per_cycle[1], per_cycle[0]);
  o.max_iterations = per_cycle[0];
  const qmol::ScfResult r = qmol::run_scf(h2.molecule, h2.ints, o);
  BOOST_CHECK_SMALL(r.energy - reference("h2-3.0-ccpvdz-uhf-check").at("energy").get<double>(),
                    1e-8);
  BOOST_REQUIRE(r.stability);
  BOOST_CHECK(!r.stability->stable);
  BOOST_CHECK_EQUAL(r.stability->followed, 0);
  BOOST_CHECK(mentions(r.warnings, "the SCF after following it did not converge"));
}

BOOST_AUTO_TEST_CASE(stretched_h2_uhf_guess_mix) {
  const Case h2 = load("h2-3.0-ccpvdz-uhf-guess-mix");
  const double expected = reference("h2-3.0-ccpvdz-uhf-guess-mix").at("energy");
  for (qmol::ScfGuess guess : {qmol::ScfGuess::sad, qmol::ScfGuess::core}) {
    qmol::ScfOptions o = options(qmol::Reference::uhf, qmol::Stability::check);
    o.guess = guess;
    o.guess_mix = true;
    const qmol::ScfResult r = qmol::run_scf(h2.molecule, h2.ints, o);
    BOOST_TEST_MESSAGE(qmol::to_string(guess) << " + guess_mix: E = " << std::setprecision(12)
                                              << r.energy << " in " << r.iterations);
    BOOST_CHECK_SMALL(r.energy - expected, 1e-8);
    BOOST_REQUIRE(r.stability);
    BOOST_CHECK(r.stability->stable);
    BOOST_CHECK_EQUAL(r.stability->followed, 0);
    BOOST_CHECK(r.warnings.empty());
  }
}

BOOST_AUTO_TEST_CASE(stretched_h2_rhf_has_a_triplet_instability) {
  const Case h2 = load("h2-3.0-ccpvdz-rhf-check");
  const qmol::ScfResult r =
      qmol::run_scf(h2.molecule, h2.ints, options(qmol::Reference::rhf, qmol::Stability::check));
  const std::string key = "h2-3.0-ccpvdz-rhf-check";
  BOOST_CHECK_SMALL(r.energy - reference(key).at("energy").get<double>(), 1e-8);
  BOOST_REQUIRE(r.stability);
  BOOST_CHECK(!r.stability->stable);
  const double singlet = lowest(r, qmol::RotationSpace::rhf_rhf);
  const double triplet = lowest(r, qmol::RotationSpace::rhf_uhf);
  BOOST_TEST_MESSAGE("singlet " << singlet << ", triplet " << triplet);
  BOOST_CHECK_GT(singlet, 0.0);
  BOOST_CHECK_LT(triplet, 0.0);
  BOOST_CHECK_SMALL(singlet - printed_lowest(key, "singlet_printed"), kPrinted);
  BOOST_CHECK_SMALL(triplet - printed_lowest(key, "triplet_printed"), kPrinted);
  BOOST_CHECK_EQUAL(*r.stability->lowest_eigenvalue, triplet);
  BOOST_CHECK(mentions(r.warnings, "rhf->uhf orbital Hessian has the eigenvalue -0.359552"));
  BOOST_CHECK(mentions(r.warnings, "guess_mix"));
}

BOOST_AUTO_TEST_CASE(stretched_h2_rhf_follow_ends_in_uhf) {
  const Case h2 = load("h2-3.0-ccpvdz-rhf-check");
  std::vector<qmol::ScfIteration> seen;
  const qmol::ScfResult r =
      qmol::run_scf(h2.molecule, h2.ints, options(qmol::Reference::rhf, qmol::Stability::follow),
                    nullptr, [&](const qmol::ScfIteration& it) { seen.push_back(it); });
  BOOST_CHECK_SMALL(r.energy - reference("h2-3.0-ccpvdz-uhf-follow").at("energy").get<double>(),
                    1e-8);
  BOOST_CHECK(r.reference == qmol::Reference::uhf);
  BOOST_REQUIRE(r.stability);
  BOOST_CHECK(r.stability->stable);
  BOOST_CHECK_EQUAL(r.stability->followed, 1);
  BOOST_CHECK(mentions(r.warnings, "followed an rhf->uhf (triplet) instability"));
  // The iterations as reported: numbered over both cycles, the reference switching once.
  BOOST_REQUIRE_EQUAL(seen.size(), static_cast<size_t>(r.iterations));
  for (size_t i = 0; i < seen.size(); ++i) {
    BOOST_CHECK_EQUAL(seen[i].iteration, static_cast<int>(i) + 1);
    BOOST_CHECK_EQUAL(seen[i].energy, r.energy_history[i]);
    if (i > 0) BOOST_CHECK_GE(seen[i].seconds, seen[i - 1].seconds);
  }
  BOOST_CHECK(seen.front().reference == qmol::Reference::rhf);
  BOOST_CHECK_EQUAL(seen.front().cycle, 1);
  BOOST_CHECK(seen.back().reference == qmol::Reference::uhf);
  BOOST_CHECK_EQUAL(seen.back().cycle, 2);
  BOOST_CHECK_SMALL(seen.back().energy - r.energy, 1e-14);
}

BOOST_AUTO_TEST_CASE(water_rhf_is_stable) {
  const std::string key = "h2o-ccpvdz-rhf-check";
  const Case water = load(key);
  const qmol::ScfResult r = qmol::run_scf(water.molecule, water.ints,
                                          options(qmol::Reference::rhf, qmol::Stability::check));
  BOOST_CHECK_SMALL(r.energy - reference(key).at("energy").get<double>(), 1e-8);
  BOOST_REQUIRE(r.stability);
  BOOST_CHECK(r.stability->stable);
  BOOST_CHECK(r.warnings.empty());
  const double singlet = lowest(r, qmol::RotationSpace::rhf_rhf);
  const double triplet = lowest(r, qmol::RotationSpace::rhf_uhf);
  BOOST_CHECK_SMALL(singlet - printed_lowest(key, "singlet_printed"), kPrinted);
  BOOST_CHECK_SMALL(triplet - printed_lowest(key, "triplet_printed"), kPrinted);
  // Psi4's UHF analysis of the same solution stores its lowest (the triplet) in full.
  BOOST_CHECK_SMALL(
      triplet - reference("h2o-ccpvdz-uhf-check").at("lowest_eigenvalue").get<double>(), kFull);
  BOOST_CHECK_EQUAL(*r.stability->lowest_eigenvalue, triplet);
  BOOST_CHECK_GT(*r.stability->lowest_eigenvalue, 0.2);
}

BOOST_AUTO_TEST_CASE(methylene_triplet_uhf_and_rohf_are_stable) {
  {
    const std::string key = "ch2-sto3g-uhf-check";
    const Case ch2 = load(key);
    const qmol::ScfResult r = qmol::run_scf(ch2.molecule, ch2.ints,
                                            options(qmol::Reference::uhf, qmol::Stability::check));
    BOOST_CHECK_SMALL(r.energy - reference(key).at("energy").get<double>(), 1e-8);
    BOOST_REQUIRE(r.stability);
    BOOST_CHECK(r.stability->stable);
    BOOST_CHECK_SMALL(
        *r.stability->lowest_eigenvalue - reference(key).at("lowest_eigenvalue").get<double>(),
        kFull);
  }
  {
    const std::string key = "ch2-sto3g-rohf-check";
    const Case ch2 = load(key);
    const qmol::ScfResult r = qmol::run_scf(ch2.molecule, ch2.ints,
                                            options(qmol::Reference::rohf, qmol::Stability::check));
    BOOST_CHECK_SMALL(r.energy - reference(key).at("energy").get<double>(), 1e-8);
    BOOST_REQUIRE(r.stability);
    BOOST_CHECK(r.stability->stable);
    BOOST_REQUIRE_EQUAL(r.stability->analyses.size(), 1u);
    BOOST_CHECK(r.stability->analyses[0].space == qmol::RotationSpace::rohf_rohf);
    // The whole spectrum against the exact Hessian from Psi4's integrals and orbitals (second
    // differences of the energy, see psi4_stability.py).
    const qmol::OrbitalHessian h(ch2.ints, r, qmol::RotationSpace::rohf_rohf, 2);
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> all(h.dense());
    const auto& exact = reference(key).at("exact_eigenvalues");
    BOOST_REQUIRE_EQUAL(exact.size(), static_cast<size_t>(h.dimension()));
    for (int i = 0; i < h.dimension(); ++i)
      BOOST_CHECK_SMALL(all.eigenvalues()(i) - exact[i].get<double>(), 1e-6);
    BOOST_CHECK_EQUAL(*r.stability->lowest_eigenvalue, all.eigenvalues()(0));
    // Psi4's own ROHF->ROHF matrix drops part of the Fock coupling between docc->socc and
    // socc->virtual rotations: its lowest eigenvalue is 8e-6 lower, others differ up to 1e-2.
    BOOST_CHECK_SMALL(
        *r.stability->lowest_eigenvalue - reference(key).at("lowest_eigenvalue").get<double>(),
        1e-5);
  }
}

BOOST_AUTO_TEST_CASE(stability_none_does_nothing) {
  const Case h2 = load("h2-3.0-ccpvdz-uhf-check");
  const qmol::ScfResult r =
      qmol::run_scf(h2.molecule, h2.ints, options(qmol::Reference::uhf, qmol::Stability::none));
  BOOST_CHECK(!r.stability);
  BOOST_CHECK(r.warnings.empty());
}

BOOST_AUTO_TEST_CASE(stability_modes_parse_and_print) {
  for (qmol::Stability s : {qmol::Stability::none, qmol::Stability::check, qmol::Stability::follow})
    BOOST_CHECK(qmol::from_string<qmol::Stability>(qmol::to_string(s)) == s);
  BOOST_CHECK(qmol::from_string<qmol::Stability>("Follow") == qmol::Stability::follow);
  try {
    qmol::from_string<qmol::Stability>("yes");
    BOOST_FAIL("expected InputError");
  } catch (const qmol::InputError& e) {
    BOOST_CHECK(std::string(e.what()).find("\"yes\" (expected none, check or follow)") !=
                std::string::npos);
  }
  BOOST_CHECK_EQUAL(qmol::to_string(qmol::RotationSpace::rhf_uhf), "rhf->uhf");
  BOOST_CHECK_EQUAL(qmol::to_string(qmol::RotationSpace::rohf_rohf), "rohf->rohf");
}

BOOST_AUTO_TEST_SUITE_END()
