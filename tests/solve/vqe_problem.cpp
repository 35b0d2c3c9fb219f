// The VQE problem builder: engine resolution, and the two engines and the two gradient methods
// against each other on the same ansatz; the driver against Psi4's FCI.
#include "qmol/solve/vqe_problem.h"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "qmol/active_space/active_space.h"
#include "qmol/chem/xyz.h"
#include "qmol/integrals/ao_integrals.h"
#include "qmol/integrals/basis_set.h"
#include "qmol/scf/scf.h"
#include "qmol/sim/statevector_engine.h"
#include "qmol/solve/vqe.h"
#include "support/random_hamiltonian.h"
#include "support/test_paths.h"

BOOST_AUTO_TEST_SUITE(vqe_problem)

using namespace qmol;

namespace {

VqeSpec spec_of(AnsatzKind kind, VqeEngineKind engine = VqeEngineKind::automatic,
                GradientMethod gradient = GradientMethod::adjoint) {
  VqeSpec s;
  s.ansatz.kind = kind;
  s.engine = {engine, gradient};
  return s;
}

std::vector<double> random_angles(int n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-0.3, 0.3);
  std::vector<double> theta(static_cast<std::size_t>(n));
  for (double& t : theta) t = u(rng);
  return theta;
}

}  // namespace

BOOST_AUTO_TEST_CASE(automatic_engine_follows_ansatz_and_gradient) {
  using K = VqeEngineKind;
  BOOST_TEST((resolve_engine(spec_of(AnsatzKind::uccsd)) == K::determinant));
  BOOST_TEST((resolve_engine(spec_of(AnsatzKind::kupccgsd)) == K::determinant));
  BOOST_TEST((resolve_engine(spec_of(AnsatzKind::hardware_efficient)) == K::statevector));
  BOOST_TEST((resolve_engine(spec_of(AnsatzKind::uccsd, K::automatic,
                                     GradientMethod::parameter_shift)) == K::statevector));
  BOOST_TEST((resolve_engine(spec_of(AnsatzKind::uccsd, K::statevector)) == K::statevector));
  BOOST_CHECK_THROW(resolve_engine(spec_of(AnsatzKind::hardware_efficient, K::determinant)),
                    InputError);
  BOOST_CHECK_THROW(
      resolve_engine(spec_of(AnsatzKind::uccsd, K::determinant, GradientMethod::parameter_shift)),
      InputError);
}

BOOST_AUTO_TEST_CASE(memory_estimates_follow_the_engine) {
  VqeSpec s = spec_of(AnsatzKind::hardware_efficient);
  // Three 2^n complex vectors: the engine's two and the state of <S^2>.
  BOOST_TEST(vqe_memory_bytes(s, 5, 2, 2) == 3.0 * 16.0 * 1024);
  s.mapping = Mapping::parity;
  s.two_qubit_reduction = true;
  BOOST_TEST(vqe_qubits(s, 5) == 8);
  BOOST_TEST(vqe_memory_bytes(s, 5, 2, 2) == 3.0 * 16.0 * 256);
  // The determinant engine holds at least its two amplitude vectors, C(6,3)^2 doubles each.
  BOOST_TEST(vqe_memory_bytes(spec_of(AnsatzKind::uccsd), 6, 3, 3) >= 2.0 * 8.0 * 400);
}

BOOST_AUTO_TEST_CASE(engines_and_gradients_agree_on_the_same_ansatz) {
  const MolecularHamiltonian h = qmol::testing::random_hamiltonian(4, 2, 1, 11);
  for (AnsatzKind kind : {AnsatzKind::uccsd, AnsatzKind::kupccgsd}) {
    BOOST_TEST_CONTEXT(to_string(kind)) {
      VqeProblem det = build_vqe_problem(h, spec_of(kind, VqeEngineKind::determinant));
      VqeProblem sv = build_vqe_problem(h, spec_of(kind, VqeEngineKind::statevector));
      VqeProblem shift = build_vqe_problem(
          h, spec_of(kind, VqeEngineKind::statevector, GradientMethod::parameter_shift));
      BOOST_TEST((det.engine == VqeEngineKind::determinant));
      BOOST_TEST((sv.engine == VqeEngineKind::statevector));
      BOOST_REQUIRE(det.energy->n_parameters() == sv.energy->n_parameters());
      const std::vector<double> theta = random_angles(det.energy->n_parameters(), 5);
      std::vector<double> g_det, g_sv, g_shift;
      const double e_det = det.energy->energy_and_gradient(theta, g_det);
      const double e_sv = sv.energy->energy_and_gradient(theta, g_sv);
      shift.energy->energy_and_gradient(theta, g_shift);
      BOOST_TEST(std::abs(e_det - e_sv) < 1e-11);
      for (std::size_t p = 0; p < theta.size(); ++p) {
        BOOST_TEST(std::abs(g_det[p] - g_sv[p]) < 1e-10);
        BOOST_TEST(std::abs(g_sv[p] - g_shift[p]) < 1e-10);
      }
      BOOST_TEST(std::abs(det.s_squared(theta) - sv.s_squared(theta)) < 1e-10);
      BOOST_TEST(det.initial == std::vector<double>(theta.size(), 0.0));
    }
  }
}

BOOST_AUTO_TEST_CASE(driver_reaches_psi4_fci_for_h2) {
  std::ifstream in(qmol::testing::test_data_dir() + "/psi4_references.json");
  const double fci = nlohmann::json::parse(in).at("h2-631g-fci").at("energy").get<double>();
  const Molecule m = read_xyz(qmol::testing::molecules_dir() + "/h2.xyz");
  const AoIntegrals ao = compute_ao_integrals(m, load_basis("6-31g", m));
  const MolecularHamiltonian h = build_active_space(ao, run_scf(m, ao), m);
  VqeSpec spec = spec_of(AnsatzKind::uccsd);
  spec.ansatz.initial = ParameterStart::mp2;
  VqeProblem problem = build_vqe_problem(h, spec);
  VqeRunOptions run;
  const ExactResult exact = exact_ground_state(h);
  run.exact = &exact;
  const VqeReport report = solve_vqe(problem, run);
  BOOST_TEST(std::abs(report.result.energy - fci) < 1e-8);
  BOOST_TEST(report.result.converged);
  BOOST_REQUIRE(report.error.has_value());
  BOOST_TEST(std::abs(*report.error) < 1e-8);
  BOOST_TEST(std::abs(report.s_squared) < 1e-8);  // a singlet
  BOOST_TEST(report.warnings.empty());
}

BOOST_AUTO_TEST_CASE(a_stop_at_the_reference_is_not_a_minimum) {
  // UCCSD from zeros on a Hamiltonian whose reference is not exact: L-BFGS moves off it (the
  // gradient is not zero), but a derivative-free optimizer limited to one evaluation cannot.
  const MolecularHamiltonian h = qmol::testing::random_hamiltonian(3, 1, 1, 3);
  VqeProblem problem = build_vqe_problem(h, spec_of(AnsatzKind::uccsd));
  VqeRunOptions run;
  run.optimizer.method = OptimizerMethod::cobyla;
  run.optimizer.max_iterations = 1;
  run.optimizer.step_size = 1e-30;
  const ExactResult exact = exact_ground_state(h);
  run.exact = &exact;
  const VqeReport report = solve_vqe(problem, run);
  BOOST_TEST(!report.result.converged);
  BOOST_REQUIRE(!report.warnings.empty());
  BOOST_TEST(report.warnings[0].find("stationary point") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(tapered_circuits_give_the_untapered_energies) {
  // UCCSD lowered to the statevector, with and without tapering, at the same random parameters;
  // and <S^2> of the tapered state. Every mapping, open and closed shell.
  for (auto [na, nb] : {std::pair{2, 2}, std::pair{2, 1}}) {
    const MolecularHamiltonian h = qmol::testing::molecular_like_hamiltonian(4, na, nb, 9);
    for (Mapping mapping : {Mapping::jordan_wigner, Mapping::bravyi_kitaev, Mapping::parity}) {
      VqeSpec spec = spec_of(AnsatzKind::uccsd, VqeEngineKind::statevector);
      spec.mapping = mapping;
      VqeProblem plain = build_vqe_problem(h, spec);
      spec.taper = true;
      VqeProblem tapered = build_vqe_problem(h, spec);
      BOOST_REQUIRE(tapered.tapering.has_value());
      BOOST_TEST(tapered.tapering->symmetries.size() >= 2u);  // N and Sz parities at least
      BOOST_TEST(tapered.n_qubits == 8 - static_cast<int>(tapered.tapering->symmetries.size()));
      const std::vector<double> theta = random_angles(plain.energy->n_parameters(), 4);
      BOOST_TEST(std::abs(tapered.energy->energy(theta) - plain.energy->energy(theta)) < 1e-10);
      BOOST_TEST(std::abs(tapered.s_squared(theta) - plain.s_squared(theta)) < 1e-10);
    }
  }
}

BOOST_AUTO_TEST_CASE(adapt_problems_follow_the_pool) {
  const MolecularHamiltonian h = qmol::testing::molecular_like_hamiltonian(4, 2, 2, 9);
  VqeSpec spec = spec_of(AnsatzKind::adapt);
  BOOST_TEST((resolve_engine(spec) == VqeEngineKind::determinant));
  BOOST_CHECK_THROW(resolve_engine(spec_of(AnsatzKind::adapt, VqeEngineKind::statevector)),
                    InputError);
  spec.ansatz.adapt.pool = AdaptPool::qubit;
  BOOST_TEST((resolve_engine(spec) == VqeEngineKind::statevector));
  BOOST_CHECK_THROW(resolve_engine(spec_of(AnsatzKind::adapt, VqeEngineKind::automatic,
                                           GradientMethod::parameter_shift)),
                    InputError);
  const ExactResult exact = exact_ground_state(h);
  VqeRunOptions run;
  run.exact = &exact;
  for (AdaptPool pool : {AdaptPool::fermionic_sd, AdaptPool::qubit}) {
    spec.ansatz.adapt.pool = pool;
    spec.ansatz.adapt.gradient_threshold = 1e-5;
    VqeProblem problem = build_vqe_problem(h, spec);
    BOOST_TEST(problem.energy->n_parameters() == 0);  // grows from the reference
    const VqeReport report = solve_vqe(problem, run);
    BOOST_REQUIRE(report.adapt.has_value());
    BOOST_TEST(report.adapt->converged);
    BOOST_TEST(report.n_parameters == static_cast<int>(report.adapt->operators.size()));
    BOOST_TEST(report.parameter_labels.size() == report.adapt->operators.size());
    BOOST_TEST(report.fermionic_ansatz.has_value() == (pool == AdaptPool::fermionic_sd));
    BOOST_TEST(report.circuit.has_value() == (pool == AdaptPool::qubit));
    BOOST_REQUIRE(report.error.has_value());
    BOOST_TEST(*report.error > -1e-9);
    BOOST_TEST(*report.error < 1e-4);
  }
}

BOOST_AUTO_TEST_SUITE_END()
