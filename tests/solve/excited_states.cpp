// Excited states by VQD and SSVQE against the exact roots of the same spin, on both engines; the
// gradients of the penalised functions against central differences; the bad options.
#include "qmol/solve/excited_states.h"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <random>

#include "qmol/active_space/active_space.h"
#include "qmol/chem/xyz.h"
#include "qmol/core/errors.h"
#include "qmol/core/units.h"
#include "qmol/integrals/ao_integrals.h"
#include "qmol/integrals/basis_set.h"
#include "qmol/scf/scf.h"
#include "qmol/sim/determinant_engine.h"
#include "qmol/sim/spin_operator.h"
#include "qmol/sim/statevector_engine.h"
#include "qmol/solve/exact_diagonalization.h"
#include "support/random_hamiltonian.h"
#include "support/test_paths.h"

BOOST_AUTO_TEST_SUITE(excited_states)

using namespace qmol;

namespace {

MolecularHamiltonian h2_sto3g() {
  const Molecule molecule = read_xyz(qmol::testing::molecules_dir() + "/h2.xyz");
  const AoIntegrals ao = compute_ao_integrals(molecule, load_basis("sto-3g", molecule));
  return build_active_space(ao, run_scf(molecule, ao), molecule);
}

VqeSpec spec_of(AnsatzKind kind, VqeEngineKind engine = VqeEngineKind::automatic, int k = 1) {
  VqeSpec s;
  s.ansatz.kind = kind;
  s.ansatz.k = k;
  s.engine.engine = engine;
  return s;
}

// k-UpCCGSD with enough layers to reach every state of these small spaces (measured: one layer,
// UCCSD and singlet UCCSD miss some excited states by 1e-3 to 0.3 Eh, their product of fixed
// exponentials cannot form them).
VqeSpec spanning(int layers, VqeEngineKind engine = VqeEngineKind::automatic) {
  return spec_of(AnsatzKind::kupccgsd, engine, layers);
}

ExactResult exact_roots(const MolecularHamiltonian& h, int roots, ExactSpin spin) {
  ExactOptions o;
  o.roots = roots;
  o.spin = spin;
  o.method = ExactMethod::dense;
  return exact_ground_state(h, o);
}

ExcitedRunOptions tight() {
  ExcitedRunOptions r;
  r.optimizer.max_iterations = 1000;
  r.optimizer.gradient_tolerance = 1e-8;
  return r;
}

// Every state within `tolerance` of the exact root of the same rank and spin, with its <S^2>.
void check_against_exact(const ExcitedResult& r, const ExactResult& exact, double tolerance) {
  BOOST_REQUIRE_EQUAL(r.states.size(), r.errors.size());
  for (std::size_t k = 0; k < r.states.size(); ++k) {
    BOOST_TEST_CONTEXT("state " << k) {
      BOOST_TEST(std::abs(r.states[k].energy - exact.roots[k].energy) < tolerance);
      BOOST_TEST(std::abs(r.errors[k]) < tolerance);
      BOOST_TEST(std::abs(r.states[k].s_squared - exact.roots[k].s_squared) < 1e-5);
      BOOST_TEST(r.states[k].energy_spread < 1e-3);
    }
  }
  const std::vector<double> ev = r.excitation_energies_ev();
  BOOST_TEST(ev[0] == 0.0);
  for (std::size_t k = 1; k < ev.size(); ++k)
    BOOST_TEST(std::abs(ev[k] - (exact.roots[k].energy - exact.roots[0].energy) *
                                    kElectronvoltPerHartree) < tolerance * 30.0);
}

std::vector<double> random_angles(std::size_t n, unsigned seed, double spread = 0.4) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-spread, spread);
  std::vector<double> theta(n);
  for (double& t : theta) t = u(rng);
  return theta;
}

// max_p |dF/dtheta_p - (F(theta + h e_p) - F(theta - h e_p)) / 2h|.
double gradient_error(EnergyFunction& f, const std::vector<double>& theta) {
  std::vector<double> gradient;
  f.energy_and_gradient(theta, gradient);
  BOOST_REQUIRE_EQUAL(gradient.size(), theta.size());
  constexpr double step = 1e-5;
  double worst = 0.0;
  for (std::size_t p = 0; p < theta.size(); ++p) {
    std::vector<double> plus = theta, minus = theta;
    plus[p] += step;
    minus[p] -= step;
    const double fd = (f.energy(plus) - f.energy(minus)) / (2 * step);
    worst = std::max(worst, std::abs(fd - gradient[p]));
  }
  return worst;
}

}  // namespace

// H2/STO-3G in Ms = 0 holds three singlets and the Ms = 0 triplet.
BOOST_AUTO_TEST_CASE(vqd_h2_singlets_on_both_engines) {
  const MolecularHamiltonian h = h2_sto3g();
  const ExactResult exact = exact_roots(h, 3, ExactSpin::target);
  for (VqeEngineKind engine : {VqeEngineKind::determinant, VqeEngineKind::statevector}) {
    BOOST_TEST_CONTEXT(to_string(engine)) {
      const VqeProblem problem = build_vqe_problem(h, spanning(2, engine));
      ExcitedOptions o;
      o.states = 3;
      ExcitedRunOptions run = tight();
      run.exact = &exact;
      const ExcitedResult r = solve_excited_states(problem, o, run);
      BOOST_TEST(r.warnings.empty());
      check_against_exact(r, exact, 1e-7);
      BOOST_TEST(r.overlap_penalty > exact.roots[2].energy - exact.roots[0].energy);
      for (const ExcitedState& s : r.states) BOOST_TEST(s.max_overlap < 1e-4);
    }
  }
}

// Without the spin filter the Ms = 0 triplet is the first excited state. k-UpCCGSD's spin-adapted
// generators cannot leave the singlets: a hardware-efficient circuit can.
BOOST_AUTO_TEST_CASE(vqd_any_spin_finds_the_triplet) {
  const MolecularHamiltonian h = h2_sto3g();
  const ExactResult exact = exact_roots(h, 4, ExactSpin::any);
  VqeSpec spec = spec_of(AnsatzKind::hardware_efficient);
  spec.ansatz.hardware_efficient.layers = 3;
  const VqeProblem problem = build_vqe_problem(h, spec);
  ExcitedOptions o;
  o.states = 4;
  o.spin = ExactSpin::any;
  ExcitedRunOptions run = tight();
  run.exact = &exact;
  const ExcitedResult r = solve_excited_states(problem, o, run);
  BOOST_TEST(r.spin_penalty == 0.0);
  check_against_exact(r, exact, 1e-5);
  BOOST_TEST(std::abs(r.states[1].s_squared - 2.0) < 1e-6);
}

BOOST_AUTO_TEST_CASE(ssvqe_h2_singlets_on_both_engines) {
  const MolecularHamiltonian h = h2_sto3g();
  const ExactResult exact = exact_roots(h, 3, ExactSpin::target);
  for (VqeEngineKind engine : {VqeEngineKind::determinant, VqeEngineKind::statevector}) {
    BOOST_TEST_CONTEXT(to_string(engine)) {
      const VqeProblem problem = build_vqe_problem(h, spanning(2, engine));
      ExcitedOptions o;
      o.method = ExcitedMethod::ssvqe;
      o.states = 3;
      ExcitedRunOptions run = tight();
      run.exact = &exact;
      const ExcitedResult r = solve_excited_states(problem, o, run);
      BOOST_TEST(r.warnings.empty());
      check_against_exact(r, exact, 1e-7);
      BOOST_TEST(r.weights.size() == 3u);
      BOOST_TEST((r.weights[0] > r.weights[1] && r.weights[1] > r.weights[2]));
      // One unitary for every state.
      BOOST_TEST(r.states[0].parameters == r.states[2].parameters);
    }
  }
}

// Two electrons in three orbitals (random integrals): six singlets, three triplets (Ms = 0). Four
// states: SSVQE starts from four of the six singlets, not from the eigenstates. Its one unitary
// for four states needs three layers (two leave it 1e-4 to 1e-3 Eh off).
BOOST_AUTO_TEST_CASE(three_orbital_model_both_methods) {
  const MolecularHamiltonian h = qmol::testing::molecular_like_hamiltonian(3, 1, 1, 11);
  const ExactResult exact = exact_roots(h, 4, ExactSpin::target);
  for (ExcitedMethod method : {ExcitedMethod::vqd, ExcitedMethod::ssvqe}) {
    BOOST_TEST_CONTEXT(to_string(method)) {
      const VqeProblem problem =
          build_vqe_problem(h, spanning(method == ExcitedMethod::vqd ? 2 : 3));
      ExcitedOptions o;
      o.method = method;
      o.states = 4;
      ExcitedRunOptions run = tight();
      run.exact = &exact;
      const ExcitedResult r = solve_excited_states(problem, o, run);
      BOOST_TEST(r.warnings.empty());
      check_against_exact(r, exact, 1e-6);
    }
  }
}

// A doublet (2 alpha, 1 beta in 3 orbitals): the spin penalty keeps the quartet out.
BOOST_AUTO_TEST_CASE(vqd_doublet_model) {
  const MolecularHamiltonian h = qmol::testing::molecular_like_hamiltonian(3, 2, 1, 5);
  const ExactResult exact = exact_roots(h, 3, ExactSpin::target);
  const VqeProblem problem = build_vqe_problem(h, spanning(2));
  ExcitedOptions o;
  o.states = 3;
  ExcitedRunOptions run = tight();
  run.exact = &exact;
  const ExcitedResult r = solve_excited_states(problem, o, run);
  BOOST_TEST(r.warnings.empty());
  check_against_exact(r, exact, 1e-6);
  for (const ExcitedState& s : r.states) BOOST_TEST(std::abs(s.s_squared - 0.75) < 1e-5);
}

// What the reader is told when a state is wrong: UCCSD cannot form H2's excited singlets (VQD
// ends at mixtures of two roots), and without the spin penalty it leaves the singlets.
BOOST_AUTO_TEST_CASE(warnings_for_states_the_ansatz_misses) {
  const MolecularHamiltonian h = h2_sto3g();
  const VqeProblem problem = build_vqe_problem(h, spec_of(AnsatzKind::uccsd));
  ExcitedOptions o;
  o.states = 3;
  const ExcitedResult r = solve_excited_states(problem, o, tight());
  BOOST_TEST(r.states[1].energy_spread > 0.1);
  auto warned = [&](const std::string& fragment) {
    for (const std::string& w : r.warnings)
      if (w.find(fragment) != std::string::npos) return true;
    return false;
  };
  BOOST_TEST(warned("VQD state 1 is far from an eigenstate"));
  o.spin_penalty = 0.0;
  const ExcitedResult contaminated = solve_excited_states(problem, o, tight());
  bool spin_warning = false;
  for (const std::string& w : contaminated.warnings)
    spin_warning = spin_warning || w.find("<S^2> = 1.0") != std::string::npos;
  BOOST_TEST(spin_warning);
  // SSVQE stopped early: one warning for its one optimization.
  ExcitedOptions ssvqe;
  ssvqe.method = ExcitedMethod::ssvqe;
  ssvqe.states = 3;
  ExcitedRunOptions few = tight();
  few.optimizer.max_iterations = 2;
  const MolecularHamiltonian model = qmol::testing::molecular_like_hamiltonian(3, 1, 1, 11);
  const ExcitedResult stopped =
      solve_excited_states(build_vqe_problem(model, spanning(2)), ssvqe, few);
  int not_converged = 0;
  for (const std::string& w : stopped.warnings)
    not_converged += w.find("SSVQE: the optimizer did not converge") != std::string::npos;
  BOOST_TEST(not_converged == 1);
}

BOOST_AUTO_TEST_CASE(vqd_hardware_efficient_h2) {
  const MolecularHamiltonian h = h2_sto3g();
  const ExactResult exact = exact_roots(h, 2, ExactSpin::target);
  VqeSpec spec = spec_of(AnsatzKind::hardware_efficient);
  spec.ansatz.hardware_efficient.layers = 3;
  const VqeProblem problem = build_vqe_problem(h, spec);
  ExcitedOptions o;
  o.states = 2;
  ExcitedRunOptions run = tight();
  run.exact = &exact;
  const ExcitedResult r = solve_excited_states(problem, o, run);
  check_against_exact(r, exact, 1e-5);
}

// The penalised functions' adjoint gradients (both engines) against central differences, and
// VQD's value against its definition from the plain engine's states.
BOOST_AUTO_TEST_CASE(penalised_gradients_match_finite_differences) {
  const MolecularHamiltonian h = qmol::testing::molecular_like_hamiltonian(3, 2, 1, 3);
  const TrialStates trial = low_energy_trial_states(h, 2, ExactSpin::target);
  BOOST_REQUIRE_EQUAL(trial.vectors.size(), 2u);
  for (VqeEngineKind engine : {VqeEngineKind::determinant, VqeEngineKind::statevector}) {
    BOOST_TEST_CONTEXT(to_string(engine)) {
      const VqeProblem problem = build_vqe_problem(h, spec_of(AnsatzKind::uccsd, engine));
      const std::size_t n = problem.initial.size();
      const std::vector<std::vector<double>> lower = {random_angles(n, 1), random_angles(n, 2)};
      const std::vector<double> theta = random_angles(n, 3);
      auto vqd = vqd_function(problem, lower, 0.7, 0.3);
      BOOST_TEST(gradient_error(*vqd, theta) < 1e-7);
      auto ssvqe = ssvqe_function(problem, trial.vectors, {1.0, 0.5}, 0.3);
      BOOST_TEST(gradient_error(*ssvqe, theta) < 1e-7);
    }
  }
  // The parameter-shift rule on the penalised statevector objective (exact, as the penalties are
  // part of the measured operator).
  {
    VqeSpec spec = spec_of(AnsatzKind::hardware_efficient, VqeEngineKind::statevector);
    spec.engine.gradient = GradientMethod::parameter_shift;
    spec.ansatz.hardware_efficient.layers = 1;
    const VqeProblem problem = build_vqe_problem(h, spec);
    const std::size_t n = problem.initial.size();
    auto vqd = vqd_function(problem, {random_angles(n, 6)}, 0.7, 0.3);
    BOOST_TEST(gradient_error(*vqd, random_angles(n, 7)) < 1e-7);
  }
  // Without the spin penalty: E + beta sum |<psi_j|psi>|^2 from the plain engine.
  const VqeProblem problem = build_vqe_problem(h, spec_of(AnsatzKind::uccsd));
  const std::size_t n = problem.initial.size();
  const std::vector<std::vector<double>> lower = {random_angles(n, 4)};
  const std::vector<double> theta = random_angles(n, 5);
  DeterminantEngine plain(h, *problem.fermionic_ansatz);
  const std::vector<double> psi0 = plain.state(lower[0]);
  const std::vector<double> psi = plain.state(theta);
  double overlap = 0.0;
  for (std::size_t i = 0; i < psi.size(); ++i) overlap += psi0[i] * psi[i];
  const double expected = plain.energy(theta) + 0.9 * overlap * overlap;
  BOOST_TEST(std::abs(overlap) > 0.1);  // the penalty is tested, not zero
  BOOST_TEST(std::abs(vqd_function(problem, lower, 0.9, 0.0)->energy(theta) - expected) < 1e-12);
}

// The SSVQE starts: orthonormal, of the target spin, and their Ritz values bound the exact roots.
BOOST_AUTO_TEST_CASE(trial_states_bound_the_roots) {
  const MolecularHamiltonian h = qmol::testing::molecular_like_hamiltonian(4, 2, 1, 9);
  const ExactResult exact = exact_roots(h, 3, ExactSpin::target);
  const TrialStates t = low_energy_trial_states(h, 3, ExactSpin::target);
  BOOST_REQUIRE_GE(t.vectors.size(), 3u);
  const DeterminantSpace space(h.n_orbitals(), h.n_alpha(), h.n_beta());
  const DeterminantSpinSquared s2(space);
  for (std::size_t a = 0; a < t.vectors.size(); ++a) {
    BOOST_TEST(std::abs(s2.expectation(t.vectors[a].data()) - 0.75) < 1e-10);
    for (std::size_t b = 0; b <= a; ++b) {
      double d = 0.0;
      for (std::size_t i = 0; i < space.size(); ++i) d += t.vectors[a][i] * t.vectors[b][i];
      BOOST_TEST(std::abs(d - (a == b ? 1.0 : 0.0)) < 1e-10);
    }
  }
  for (std::size_t k = 0; k < 3; ++k)
    BOOST_TEST(t.ritz_energies[k] >= exact.roots[k].energy - 1e-10);
}

BOOST_AUTO_TEST_CASE(engines_start_from_a_given_state) {
  // The determinant engine from a trial state at theta = 0 returns that state's energy; the
  // Jordan-Wigner statevector of the same determinant vector gives the same energy too.
  const MolecularHamiltonian h = h2_sto3g();
  const TrialStates t = low_energy_trial_states(h, 3, ExactSpin::target);
  for (VqeEngineKind engine : {VqeEngineKind::determinant, VqeEngineKind::statevector}) {
    const VqeProblem problem = build_vqe_problem(h, spec_of(AnsatzKind::uccsd, engine));
    auto f = ssvqe_function(problem, {t.vectors[1]}, {1.0}, 0.0);
    BOOST_TEST(std::abs(f->energy(problem.initial) - t.ritz_energies[1]) < 1e-12);
  }
}

BOOST_AUTO_TEST_CASE(bad_options) {
  const MolecularHamiltonian h = h2_sto3g();
  const VqeProblem problem = build_vqe_problem(h, spec_of(AnsatzKind::uccsd));
  auto field_of = [&](const ExcitedOptions& o) {
    try {
      solve_excited_states(problem, o);
    } catch (const InputError& e) {
      return e.where().field;
    }
    return std::string("no error");
  };
  ExcitedOptions o;
  o.states = 0;
  BOOST_TEST(field_of(o) == "excited.states");
  o.states = 4;  // three singlets only
  BOOST_TEST(field_of(o) == "excited.states");
  o.states = 2;
  o.overlap_penalty = -1.0;
  BOOST_TEST(field_of(o) == "excited.overlap_penalty");
  // One orbital, two electrons: UCCSD has no parameters to move a state with.
  {
    const MolecularHamiltonian one = qmol::testing::molecular_like_hamiltonian(1, 1, 1, 2);
    const VqeProblem frozen = build_vqe_problem(one, spec_of(AnsatzKind::uccsd));
    BOOST_REQUIRE(frozen.initial.empty());
    ExcitedOptions single;
    single.states = 1;
    BOOST_CHECK_THROW(solve_excited_states(frozen, single), InputError);
  }
  // Memory: a second engine, and three vectors per state.
  const VqeSpec spec = spec_of(AnsatzKind::uccsd);
  ExcitedOptions two, four;
  two.states = 2;
  four.states = 4;
  BOOST_TEST(excited_memory_bytes(spec, four, 6, 3, 3) - excited_memory_bytes(spec, two, 6, 3, 3) ==
             2 * 3 * 8.0 * 400);  // C(6,3)^2 = 400 determinants
  BOOST_TEST(count_excited_states_available(2, 1, 1, ExactSpin::target) == 3.0);
  BOOST_TEST(count_excited_states_available(2, 1, 1, ExactSpin::any) == 4.0);
  BOOST_TEST(count_excited_states_available(3, 2, 1, ExactSpin::target) == 8.0);
}

BOOST_AUTO_TEST_SUITE_END()
