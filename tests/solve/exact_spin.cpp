// The exact solver's spin filter and roots: Psi4 references (tests/data/psi4_spin_references.json)
// and an in-test dense diagonalization whose eigenvectors are sorted by <S^2> from the
// Jordan-Wigner image of S^2 (independent of the determinant-space S^2 code).
#include <Eigen/Dense>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../support/random_hamiltonian.h"
#include "../support/test_paths.h"
#include "qmol/active_space/active_space.h"
#include "qmol/chem/xyz.h"
#include "qmol/core/errors.h"
#include "qmol/integrals/ao_integrals.h"
#include "qmol/qubit/spin_operators.h"
#include "qmol/scf/scf.h"
#include "qmol/sim/determinant_hamiltonian.h"
#include "qmol/sim/determinant_space.h"
#include "qmol/sim/pauli_expectation.h"
#include "qmol/solve/exact_diagonalization.h"

BOOST_AUTO_TEST_SUITE(exact_spin)

namespace {

using qmol::ExactMethod;
using qmol::ExactOptions;
using qmol::ExactSpin;
using qmol::MolecularHamiltonian;

// SCF -> active space as Psi4's detci had it: frozen_docc frozen orbitals, `active` orbitals
// (null: all the rest).
struct Case {
  MolecularHamiltonian h;
  nlohmann::json reference;
};

Case prepare(const std::string& name) {
  std::ifstream in(qmol::testing::test_data_dir() + "/psi4_spin_references.json");
  const nlohmann::json all = nlohmann::json::parse(in);
  Case c;
  c.reference = all.at(name);
  qmol::Molecule molecule = qmol::read_xyz(qmol::testing::molecules_dir() + "/" +
                                           c.reference.at("xyz").get<std::string>());
  molecule.charge = c.reference.at("charge");
  molecule.multiplicity = c.reference.at("multiplicity");
  const qmol::BasisSet basis = qmol::load_basis(c.reference.at("basis"), molecule);
  const qmol::AoIntegrals integrals = qmol::compute_ao_integrals(molecule, basis);
  qmol::ScfOptions scf_options;
  scf_options.reference =
      qmol::from_string<qmol::Reference>(c.reference.at("reference").get<std::string>());
  const qmol::ScfResult scf = qmol::run_scf(molecule, integrals, scf_options);
  BOOST_TEST(std::abs(scf.energy - c.reference.at("scf_energy").get<double>()) < 1e-8,
             name << " SCF " << scf.energy);
  // A CAS window around the Fermi level (ActiveSpaceOptions::electrons, orbitals) freezes what
  // detci's frozen_docc froze and drops the virtuals above `active`.
  qmol::ActiveSpaceOptions active;
  const int frozen = c.reference.at("frozen_docc");
  if (c.reference.at("active").is_null()) {
    active.frozen_core = frozen;
  } else {
    active.electrons = molecule.n_electrons() - 2 * frozen;
    active.orbitals = c.reference.at("active").get<int>();
  }
  qmol::ActiveSpaceInfo info;
  c.h = qmol::build_active_space(integrals, scf, molecule, active, &info);
  BOOST_TEST(info.frozen_core == frozen);
  return c;
}

// <S^2> of a determinant-space vector through the Jordan-Wigner Pauli sum.
double jw_s_squared(const qmol::DeterminantSpace& space, const std::vector<double>& v) {
  const qmol::QubitOperator s2 = qmol::qubit_spin_observable(
      qmol::SpinObservable::spin_squared, space.n_orbitals(), qmol::Mapping::jordan_wigner);
  qmol::Statevector psi(2 * space.n_orbitals());
  psi[0] = 0.0;  // starts as the vacuum
  for (std::size_t ia = 0; ia < space.n_alpha_strings(); ++ia)
    for (std::size_t ib = 0; ib < space.n_beta_strings(); ++ib)
      psi[space.jordan_wigner_index(ia, ib)] = v[ia * space.n_beta_strings() + ib];
  return qmol::expectation_value(s2, psi) / psi.norm_squared();
}

struct DenseState {
  double energy, s_squared;
};

// Every eigenpair of the dense CI matrix (a random Hamiltonian has no degeneracies inside a
// sector, so each eigenvector has a definite spin).
std::vector<DenseState> dense_states(const MolecularHamiltonian& h) {
  const qmol::DeterminantSpace space(h.n_orbitals(), h.n_alpha(), h.n_beta());
  const qmol::DeterminantHamiltonian dh(h, space);
  const auto n = static_cast<Eigen::Index>(space.size());
  Eigen::MatrixXd m(n, n);
  Eigen::VectorXd unit = Eigen::VectorXd::Zero(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    unit[i] = 1.0;
    dh.apply(unit.data(), m.col(i).data());
    unit[i] = 0.0;
  }
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(m);
  std::vector<DenseState> out;
  for (Eigen::Index k = 0; k < n; ++k) {
    const Eigen::VectorXd v = eigen.eigenvectors().col(k);
    out.push_back({eigen.eigenvalues()[k], jw_s_squared(space, {v.data(), v.data() + n})});
  }
  return out;
}

std::vector<double> lowest_of_spin(const std::vector<DenseState>& states, double spin, int k) {
  std::vector<double> out;
  for (const DenseState& s : states)
    if (std::abs(s.s_squared - spin * (spin + 1.0)) < 1e-6 && static_cast<int>(out.size()) < k)
      out.push_back(s.energy);
  return out;
}

// Hund's rule by construction: doubly occupied orbitals below `open` degenerate orbitals with a
// large exchange integral among them, plus weak random couplings (no exact degeneracy is left).
// The ground state has the highest spin the open shell allows, so the filter has work to do.
MolecularHamiltonian hund_hamiltonian(int n, int n_alpha, int n_beta, int docc, int open,
                                      unsigned seed) {
  const MolecularHamiltonian noise = qmol::testing::random_hamiltonian(n, n_alpha, n_beta, seed);
  Eigen::MatrixXd h = 0.02 * noise.one_body();
  std::vector<double> g = noise.two_body_data();
  for (double& x : g) x *= 0.02;
  auto at = [&](int p, int q, int r, int s) -> double& { return g[((p * n + q) * n + r) * n + s]; };
  auto is_open = [&](int p) { return p >= docc && p < docc + open; };
  for (int p = 0; p < n; ++p) {
    h(p, p) += p < docc ? -1.5 + 0.2 * p : is_open(p) ? 0.0 : 1.0 + 0.2 * (p - docc - open);
    for (int q = 0; q < n; ++q) {
      at(p, p, q, q) += p == q ? 0.8 : 0.5;
      if (p == q) continue;
      const double exchange = is_open(p) && is_open(q) ? 0.3 : 0.05;
      at(p, q, p, q) += exchange;
      at(p, q, q, p) += exchange;
    }
  }
  return MolecularHamiltonian(noise.core_energy(), h, g, n_alpha, n_beta);
}

qmol::ExactResult solve(const MolecularHamiltonian& h, ExactMethod method, int roots,
                        ExactSpin spin = ExactSpin::target, bool vector = false) {
  ExactOptions o;
  o.method = method;
  o.roots = roots;
  o.spin = spin;
  o.want_ground_state = vector;
  o.dense_threshold = 0;
  return qmol::exact_ground_state(h, o);
}

}  // namespace

BOOST_AUTO_TEST_CASE(singlet_ch2_cas44_against_psi4) {
  const Case c = prepare("ch2-sto3g-cas44-singlet");
  BOOST_TEST(c.h.n_orbitals() == 4);
  BOOST_TEST(c.h.n_alpha() == 2);
  const qmol::ExactResult r = qmol::exact_ground_state(c.h);
  const double expected = c.reference.at("energy");
  BOOST_TEST(std::abs(r.energy - expected) < 1e-8, "E = " << r.energy << " Psi4 " << expected);
  BOOST_TEST(std::abs(r.s_squared) < 1e-10);
  // The lowest state of the Ms = 0 sector is the triplet below it.
  ExactOptions any;
  any.spin = ExactSpin::any;
  const qmol::ExactResult triplet = qmol::exact_ground_state(c.h, any);
  BOOST_TEST(triplet.energy < r.energy - 0.05);
  BOOST_TEST(std::abs(triplet.s_squared - 2.0) < 1e-10);
  // Three roots: Psi4's detci in Ms = 0 with S = 0 (spin-flip symmetry keeps even S; <S^2> = 0
  // here confirms singlets), by every method.
  const std::vector<double> roots = c.reference.at("energies");
  for (ExactMethod m : {ExactMethod::dense, ExactMethod::lanczos, ExactMethod::davidson}) {
    const qmol::ExactResult three = solve(c.h, m, 3);
    BOOST_TEST(three.roots.size() == 3u);
    for (int k = 0; k < 3; ++k) {
      BOOST_TEST(std::abs(three.roots[k].energy - roots[k]) < 1e-8,
                 three.method << " root " << k << ": " << three.roots[k].energy);
      BOOST_TEST(std::abs(three.roots[k].s_squared) < 1e-8);
    }
  }
}

BOOST_AUTO_TEST_CASE(singlet_o2_against_psi4) {
  const Case c = prepare("o2-sto3g-fci-singlet");
  const qmol::ExactResult r = qmol::exact_ground_state(c.h);
  const double expected = c.reference.at("energy");
  BOOST_TEST(r.n_determinants == 2025u);
  BOOST_TEST(std::abs(r.energy - expected) < 1e-8, "E = " << r.energy << " Psi4 " << expected);
  BOOST_TEST(std::abs(r.s_squared) < 1e-8);
  // 1Delta_g is doubly degenerate: the block Davidson finds both copies.
  const std::vector<double> roots = c.reference.at("energies");
  const qmol::ExactResult two = solve(c.h, ExactMethod::automatic, 2);
  BOOST_TEST(two.method == "davidson");
  for (int k = 0; k < 2; ++k) {
    BOOST_TEST(std::abs(two.roots[k].energy - roots[k]) < 1e-8);
    BOOST_TEST(std::abs(two.roots[k].s_squared) < 1e-8);
  }
}

BOOST_AUTO_TEST_CASE(triplet_o2_against_psi4) {
  const Case c = prepare("o2-sto3g-fci-triplet");
  BOOST_TEST(c.h.n_alpha() - c.h.n_beta() == 2);
  const double expected = c.reference.at("energy");
  for (ExactMethod m : {ExactMethod::automatic, ExactMethod::davidson}) {
    ExactOptions o;
    o.method = m;
    const qmol::ExactResult r = qmol::exact_ground_state(c.h, o);
    BOOST_TEST(std::abs(r.energy - expected) < 1e-8, r.method << ": E = " << r.energy);
    BOOST_TEST(std::abs(r.s_squared - 2.0) < 1e-8);
  }
  // The singlet job's sector holds the same triplet (its Ms = 0 component) as its lowest state.
  const Case singlet = prepare("o2-sto3g-fci-singlet");
  ExactOptions any;
  any.spin = ExactSpin::any;
  const qmol::ExactResult r = qmol::exact_ground_state(singlet.h, any);
  BOOST_TEST(std::abs(r.energy - expected) < 1e-8);
  BOOST_TEST(std::abs(r.s_squared - 2.0) < 1e-8);
}

// roots = 3 of the target spin against the dense reference, for each method and several spaces.
BOOST_AUTO_TEST_CASE(three_roots_match_a_dense_spin_filtered_reference) {
  // (orbitals, alpha, beta, doubly occupied, open): singlets under a triplet, doublets under a
  // quartet, triplets under a quintet.
  for (const auto& [n, na, nb, docc, open] :
       {std::array{6, 3, 3, 2, 2}, std::array{6, 2, 1, 0, 3}, std::array{6, 4, 2, 1, 4}}) {
    const MolecularHamiltonian h = hund_hamiltonian(n, na, nb, docc, open, 500 + 10 * n + na);
    const std::vector<DenseState> states = dense_states(h);
    const double spin = 0.5 * (na - nb);
    const std::vector<double> expected = lowest_of_spin(states, spin, 3);
    BOOST_TEST_REQUIRE(expected.size() == 3u);
    // The filter matters: the sector's ground state has a higher spin.
    BOOST_TEST(states[0].s_squared > spin * (spin + 1.0) + 1.0);
    for (ExactMethod m : {ExactMethod::dense, ExactMethod::lanczos, ExactMethod::davidson}) {
      const qmol::ExactResult r = solve(h, m, 3, ExactSpin::target, true);
      for (int k = 0; k < 3; ++k) {
        BOOST_TEST(std::abs(r.roots[k].energy - expected[k]) < 1e-9,
                   r.method << " " << n << "," << na << "," << nb << " root " << k);
        BOOST_TEST(std::abs(r.roots[k].s_squared - spin * (spin + 1.0)) < 1e-8);
      }
      BOOST_TEST(r.energy == r.roots[0].energy);
      BOOST_TEST(r.s_squared == r.roots[0].s_squared);
      const qmol::DeterminantSpace space(n, na, nb);
      BOOST_TEST(std::abs(jw_s_squared(space, r.ground_state) - spin * (spin + 1.0)) < 1e-8);
    }
    // spin = any: the lowest states of the sector, whatever their spin.
    for (ExactMethod m : {ExactMethod::dense, ExactMethod::davidson}) {
      const qmol::ExactResult r = solve(h, m, 3, ExactSpin::any);
      for (int k = 0; k < 3; ++k) {
        BOOST_TEST(std::abs(r.roots[k].energy - states[k].energy) < 1e-9, r.method);
        BOOST_TEST(std::abs(r.roots[k].s_squared - states[k].s_squared) < 1e-8);
      }
    }
    BOOST_TEST(std::abs(solve(h, ExactMethod::lanczos, 1, ExactSpin::any).energy -
                        states[0].energy) < 1e-9);
  }
}

BOOST_AUTO_TEST_CASE(the_filter_skips_a_lower_triplet) {
  for (unsigned seed = 0; seed < 3; ++seed) {
    const MolecularHamiltonian h = hund_hamiltonian(5, 2, 2, 1, 2, 900 + seed);
    const std::vector<DenseState> states = dense_states(h);
    BOOST_TEST(std::abs(states[0].s_squared - 2.0) < 1e-8);
    const double singlet = lowest_of_spin(states, 0.0, 1).at(0);
    BOOST_TEST(singlet > states[0].energy + 0.1);
    for (ExactMethod m : {ExactMethod::automatic, ExactMethod::lanczos, ExactMethod::davidson}) {
      const qmol::ExactResult r = solve(h, m, 1);
      BOOST_TEST(std::abs(r.energy - singlet) < 1e-9, r.method);
      BOOST_TEST(std::abs(r.s_squared) < 1e-9);
      const qmol::ExactResult any = solve(h, m, 1, ExactSpin::any);
      BOOST_TEST(std::abs(any.energy - states[0].energy) < 1e-9, any.method);
      BOOST_TEST(std::abs(any.s_squared - 2.0) < 1e-8);
    }
  }
}

BOOST_AUTO_TEST_CASE(options_name_the_bad_field) {
  auto field_of = [](const ExactOptions& o) {
    try {
      o.check();
    } catch (const qmol::InputError& e) {
      return e.where().field;
    }
    return std::string();
  };
  ExactOptions o;
  o.roots = 0;
  BOOST_TEST(field_of(o) == "exact.roots");
  o = {};
  o.spin = static_cast<ExactSpin>(7);
  BOOST_TEST(field_of(o) == "exact.spin");
  BOOST_TEST(field_of(ExactOptions{}).empty());
  BOOST_TEST((qmol::from_string<qmol::ExactSpin>("target") == ExactSpin::target));
  BOOST_TEST(
      (qmol::from_string<qmol::ExactSpin>(qmol::to_string(ExactSpin::any)) == ExactSpin::any));
  try {
    qmol::from_string<qmol::ExactSpin>("singlet");
    BOOST_FAIL("no InputError");
  } catch (const qmol::InputError& e) {
    BOOST_TEST(std::string(e.what()).find("\"singlet\" (expected target or any)") !=
               std::string::npos);
  }
  // 2 orbitals, 1 + 1 electrons: 3 singlets and 1 triplet component.
  BOOST_TEST(qmol::count_target_spin_states(2, 1, 1) == 3.0);
  BOOST_TEST(qmol::count_target_spin_states(2, 2, 0) == 1.0);
  BOOST_TEST(qmol::count_target_spin_states(2, 0, 2) == 1.0);
  const MolecularHamiltonian h = qmol::testing::random_hamiltonian(2, 1, 1, 3);
  ExactOptions four;
  four.roots = 4;
  try {
    qmol::exact_ground_state(h, four);
    BOOST_FAIL("no InputError");
  } catch (const qmol::InputError& e) {
    BOOST_TEST(e.where().field == "exact.roots");
  }
  four.spin = ExactSpin::any;
  BOOST_TEST(qmol::exact_ground_state(h, four).roots.size() == 4u);
  // More roots need more memory.
  ExactOptions one, eight;
  eight.roots = 8;
  BOOST_TEST(qmol::estimate_exact_memory_bytes(14, 7, 7, eight) >
             qmol::estimate_exact_memory_bytes(14, 7, 7, one));
}

BOOST_AUTO_TEST_SUITE_END()
