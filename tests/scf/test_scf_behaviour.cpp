#include <Eigen/Geometry>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <string>

#include "../support/test_paths.h"
#include "qmol/chem/xyz.h"
#include "qmol/core/errors.h"
#include "qmol/scf/scf.h"

BOOST_AUTO_TEST_SUITE(test_scf_behaviour)

namespace {

qmol::Molecule molecule(const std::string& stem, int multiplicity = 1) {
  qmol::Molecule m = qmol::read_xyz(qmol::testing::molecules_dir() + "/" + stem + ".xyz");
  m.multiplicity = multiplicity;
  return m;
}

qmol::ScfResult scf(const qmol::Molecule& m, const std::string& basis,
                    std::optional<qmol::Reference> reference = std::nullopt,
                    qmol::ScfGuess guess = qmol::ScfGuess::sad) {
  const qmol::AoIntegrals ints = qmol::compute_ao_integrals(m, qmol::load_basis(basis, m), 2);
  qmol::ScfOptions options;
  options.reference = reference;
  options.guess = guess;
  return qmol::run_scf(m, ints, options);
}

bool message_contains(const qmol::Error& e, const std::string& text) {
  return std::string(e.what()).find(text) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(uhf_of_a_closed_shell_is_rhf) {
  const qmol::Molecule water = molecule("h2o");
  const qmol::ScfResult rhf = scf(water, "6-31g", qmol::Reference::rhf);
  const qmol::ScfResult uhf = scf(water, "6-31g", qmol::Reference::uhf);
  BOOST_CHECK_SMALL(uhf.energy - rhf.energy, 1e-9);
  BOOST_CHECK_SMALL(uhf.s_squared, 1e-8);
  BOOST_CHECK_SMALL(rhf.s_squared, 1e-14);
  BOOST_CHECK_SMALL(uhf.homo_lumo_gap - rhf.homo_lumo_gap, 1e-6);
  BOOST_CHECK_GT(rhf.homo_lumo_gap, 0.0);
}

BOOST_AUTO_TEST_CASE(core_and_sad_guess_agree) {
  const qmol::Molecule water = molecule("h2o");
  const qmol::ScfResult sad = scf(water, "sto-3g");
  const qmol::ScfResult core = scf(water, "sto-3g", std::nullopt, qmol::ScfGuess::core);
  BOOST_CHECK_SMALL(sad.energy - core.energy, 1e-9);
  BOOST_CHECK_EQUAL(qmol::to_string(sad.reference), "rhf");
}

BOOST_AUTO_TEST_CASE(energy_is_invariant_under_rotation_and_translation) {
  const qmol::Molecule water = molecule("h2o");
  qmol::Molecule moved = water;
  const Eigen::Matrix3d rotation =
      (Eigen::AngleAxisd(0.7, Eigen::Vector3d(1.0, 2.0, -0.5).normalized())).toRotationMatrix();
  for (auto& atom : moved.atoms)
    atom.position = rotation * atom.position + Eigen::Vector3d(1.5, -2.0, 0.25);
  for (const char* basis : {"sto-3g", "cc-pvdz", "6-31g*"}) {
    const double e0 = scf(water, basis).energy;
    const double e1 = scf(moved, basis).energy;
    BOOST_CHECK_SMALL(e1 - e0, 1e-9);
  }
}

BOOST_AUTO_TEST_CASE(open_shell_radicals_converge) {
  // Doublets and a triplet that often trouble plain DIIS: UHF below ROHF, ROHF <S^2> exact.
  for (const auto& [stem, multiplicity] :
       std::vector<std::pair<std::string, int>>{{"oh", 2}, {"nh2", 2}, {"o2", 3}, {"ch2", 3}}) {
    const qmol::Molecule m = molecule(stem, multiplicity);
    for (const char* basis : {"sto-3g", "6-31g*"}) {
      const qmol::ScfResult rohf = scf(m, basis);  // default for open shells
      const qmol::ScfResult uhf = scf(m, basis, qmol::Reference::uhf);
      BOOST_TEST_MESSAGE(stem << "/" << basis << ": ROHF " << rohf.energy << " (" << rohf.iterations
                              << " it), UHF " << uhf.energy << " (" << uhf.iterations
                              << " it), <S^2> " << uhf.s_squared);
      BOOST_CHECK(rohf.reference == qmol::Reference::rohf);
      BOOST_CHECK_LE(uhf.energy, rohf.energy + 1e-10);
      const double s = 0.5 * (multiplicity - 1);
      BOOST_CHECK_CLOSE(rohf.s_squared, s * (s + 1), 1e-12);
      BOOST_CHECK_GE(uhf.s_squared, s * (s + 1) - 1e-10);
    }
  }
}

BOOST_AUTO_TEST_CASE(warm_start_reuses_orbitals) {
  const qmol::Molecule water = molecule("h2o");
  const qmol::AoIntegrals ints =
      qmol::compute_ao_integrals(water, qmol::load_basis("6-31g", water), 2);
  const qmol::ScfResult first = qmol::run_scf(water, ints);
  qmol::Molecule stretched = water;
  stretched.atoms[1].position *= 1.05;
  const qmol::AoIntegrals ints2 =
      qmol::compute_ao_integrals(stretched, qmol::load_basis("6-31g", stretched), 2);
  const qmol::ScfResult cold = qmol::run_scf(stretched, ints2);
  const qmol::ScfResult warm = qmol::run_scf(stretched, ints2, {}, &first);
  BOOST_CHECK_SMALL(warm.energy - cold.energy, 1e-9);
  BOOST_CHECK_LE(warm.iterations, cold.iterations);
}

BOOST_AUTO_TEST_CASE(rhf_refuses_open_shells) {
  const qmol::Molecule oh = molecule("oh", 2);
  try {
    scf(oh, "sto-3g", qmol::Reference::rhf);
    BOOST_FAIL("expected InputError");
  } catch (const qmol::InputError& e) {
    BOOST_CHECK(message_contains(e, "rhf needs a closed-shell singlet; use rohf or uhf"));
    BOOST_CHECK_EQUAL(e.where().field, "scf.reference");
  }
}

BOOST_AUTO_TEST_CASE(non_convergence_reports_the_last_state) {
  const qmol::Molecule water = molecule("h2o");
  const qmol::AoIntegrals ints =
      qmol::compute_ao_integrals(water, qmol::load_basis("sto-3g", water), 1);
  qmol::ScfOptions options;
  options.max_iterations = 3;
  try {
    qmol::run_scf(water, ints, options);
    BOOST_FAIL("expected ConvergenceError");
  } catch (const qmol::ConvergenceError& e) {
    BOOST_TEST_MESSAGE(e.what());
    BOOST_CHECK(message_contains(e, "SCF did not converge in 3 iterations (last energy -74.9"));
    BOOST_CHECK(message_contains(e, "raise scf.max_iterations"));
  }
}

BOOST_AUTO_TEST_CASE(options_name_the_bad_field) {
  auto field_of = [](const qmol::ScfOptions& o) {
    try {
      o.check();
    } catch (const qmol::InputError& e) {
      return e.where().field;
    }
    return std::string();
  };
  qmol::ScfOptions o;
  BOOST_CHECK_EQUAL(field_of(o), "");
  o.max_iterations = 0;
  BOOST_CHECK_EQUAL(field_of(o), "scf.max_iterations");
  o = {};
  o.guess = qmol::ScfGuess::read;
  BOOST_CHECK_EQUAL(field_of(o), "scf.guess_file");  // read needs the file
  o.guess_file = "earlier.h5";
  BOOST_CHECK_EQUAL(field_of(o), "");
  o.guess = qmol::ScfGuess::sad;
  BOOST_CHECK_EQUAL(field_of(o), "scf.guess_file");  // a file that would not be read
  o = {};
  o.guess_mix = true;
  BOOST_CHECK_EQUAL(field_of(o), "scf.guess_mix");  // needs reference = uhf
  o.reference = qmol::Reference::uhf;
  BOOST_CHECK_EQUAL(field_of(o), "");
  o = {};
  o.energy_tolerance = -1.0;
  BOOST_CHECK_EQUAL(field_of(o), "scf.energy_tolerance");
  o = {};
  o.level_shift = std::nan("");
  BOOST_CHECK_EQUAL(field_of(o), "scf.level_shift");
  o = {};
  o.threads = 0;
  BOOST_CHECK_EQUAL(field_of(o), "scf.threads");
}

BOOST_AUTO_TEST_CASE(guesses_parse_and_print) {
  for (qmol::ScfGuess g : {qmol::ScfGuess::sad, qmol::ScfGuess::core, qmol::ScfGuess::read})
    BOOST_CHECK(qmol::from_string<qmol::ScfGuess>(qmol::to_string(g)) == g);
  BOOST_CHECK(qmol::from_string<qmol::ScfGuess>("Core") == qmol::ScfGuess::core);
  try {
    qmol::from_string<qmol::ScfGuess>("huckel");
    BOOST_FAIL("expected InputError");
  } catch (const qmol::InputError& e) {
    BOOST_CHECK(message_contains(e, "\"huckel\" (expected sad, core or read)"));
  }
}

BOOST_AUTO_TEST_CASE(read_guess_starts_from_earlier_orbitals) {
  const qmol::Molecule water = molecule("h2o");
  const qmol::AoIntegrals ints =
      qmol::compute_ao_integrals(water, qmol::load_basis("6-31g", water), 2);
  const qmol::ScfResult first = qmol::run_scf(water, ints);
  qmol::ScfOptions o;
  o.guess = qmol::ScfGuess::read;
  o.guess_file = "first.h5";
  const qmol::ScfResult again = qmol::run_scf(water, ints, o, &first);
  BOOST_CHECK_SMALL(again.energy - first.energy, 1e-10);
  BOOST_CHECK_LE(again.iterations, 3);
}

BOOST_AUTO_TEST_CASE(read_guess_refuses_orbitals_that_do_not_fit) {
  const qmol::Molecule water = molecule("h2o");
  const qmol::AoIntegrals ints =
      qmol::compute_ao_integrals(water, qmol::load_basis("6-31g", water), 2);
  qmol::ScfOptions o;
  o.guess = qmol::ScfGuess::read;
  o.guess_file = "other.h5";
  auto failure = [&](const qmol::ScfResult* orbitals) -> std::string {
    try {
      qmol::run_scf(water, ints, o, orbitals);
    } catch (const qmol::InputError& e) {
      BOOST_CHECK_EQUAL(e.where().field, "scf.guess_file");
      BOOST_TEST_MESSAGE(e.what());
      return e.what();
    }
    return "no error";
  };
  BOOST_CHECK(failure(nullptr).find("no orbitals were loaded from scf.guess_file \"other.h5\"") !=
              std::string::npos);
  // Another basis (sto-3g: 7 functions, 6-31g: 13).
  const qmol::ScfResult small = scf(water, "sto-3g");
  const std::string size = failure(&small);
  BOOST_CHECK(size.find("do not fit basis \"6-31g\"") != std::string::npos);
  BOOST_CHECK(size.find("they are 7x7 (AO x MO), this basis needs 13x13") != std::string::npos);
  // Same basis size, another molecule: CH2 in 6-31g has 13 functions too.
  const qmol::ScfResult elsewhere = scf(molecule("ch2"), "6-31g");
  BOOST_CHECK(failure(&elsewhere).find("not orthonormal in this basis") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(iterations_are_reported_as_they_happen) {
  const qmol::Molecule water = molecule("h2o");
  const qmol::AoIntegrals ints =
      qmol::compute_ao_integrals(water, qmol::load_basis("sto-3g", water), 2);
  std::vector<qmol::ScfIteration> seen;
  const qmol::ScfResult r = qmol::run_scf(
      water, ints, {}, nullptr, [&](const qmol::ScfIteration& it) { seen.push_back(it); });
  BOOST_REQUIRE_EQUAL(seen.size(), static_cast<size_t>(r.iterations));
  for (size_t i = 0; i < seen.size(); ++i) {
    BOOST_CHECK_EQUAL(seen[i].iteration, static_cast<int>(i) + 1);
    BOOST_CHECK_EQUAL(seen[i].cycle, 1);
    BOOST_CHECK(seen[i].reference == qmol::Reference::rhf);
    BOOST_CHECK_EQUAL(seen[i].energy, r.energy_history[i]);
    BOOST_CHECK_EQUAL(seen[i].error, r.error_history[i]);
    BOOST_CHECK_EQUAL(seen[i].energy_change, i == 0 ? 0.0 : seen[i].energy - seen[i - 1].energy);
    BOOST_CHECK_GE(seen[i].seconds, i == 0 ? 0.0 : seen[i - 1].seconds);
  }
  BOOST_CHECK_LT(seen.back().error, 1e-8);
}

BOOST_AUTO_TEST_CASE(references_parse_and_print) {
  for (qmol::Reference r : {qmol::Reference::rhf, qmol::Reference::uhf, qmol::Reference::rohf})
    BOOST_CHECK(qmol::from_string<qmol::Reference>(qmol::to_string(r)) == r);
  BOOST_CHECK(qmol::from_string<qmol::Reference>("ROHF") == qmol::Reference::rohf);
  BOOST_CHECK_THROW(qmol::from_string<qmol::Reference>("rks"), qmol::InputError);
}

BOOST_AUTO_TEST_SUITE_END()
