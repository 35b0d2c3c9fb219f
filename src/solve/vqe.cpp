#include "qmol/solve/vqe.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>

#include "qmol/core/bits.h"
#include "qmol/solve/adapt_vqe.h"

namespace qmol {
namespace {

double reference_energy(const MolecularHamiltonian& h) {
  return h.determinant_energy(low_bits(h.n_alpha()), low_bits(h.n_beta()));
}

// Every ansatz here has a stationary point at the reference determinant (zero parameters for UCC;
// for circuits a point the optimizer can fall back to). A stop there is not a minimum unless the
// reference is itself exact.
bool stopped_at_reference(const MolecularHamiltonian& h, const ExactResult* exact,
                          const VqeReport& vqe) {
  constexpr double kSameEnergy = 1e-8;  // Hartree
  const double reference = reference_energy(h);
  if (vqe.n_parameters == 0 || std::abs(vqe.result.energy - reference) > kSameEnergy) return false;
  return !(exact && std::abs(exact->energy - reference) <= kSameEnergy);
}

// The spin the Hamiltonian's sector asks for is S = (n_alpha - n_beta) / 2; a state that misses
// it is reported.
void check_spin(const MolecularHamiltonian& h, const ExactResult* exact, VqeReport& vqe) {
  constexpr double kSpinTolerance = 1e-3;
  const double s = 0.5 * std::abs(h.n_alpha() - h.n_beta());
  vqe.spin = s;
  if (exact)
    if (const ExactRoot* root = lowest_root_of_spin(*exact, s))
      vqe.error = vqe.result.energy - root->energy;
  if (std::abs(vqe.s_squared - s * (s + 1.0)) > kSpinTolerance)
    vqe.warnings.push_back(fmt::format(
        "the VQE state has <S^2> = {:.6f}, not S(S+1) = {:.6f} of the job's spin: it is spin "
        "contaminated, so its energy is not that of a pure spin state",
        vqe.s_squared, s * (s + 1.0)));
}

// ADAPT-VQE: grows the problem's ansatz; the problem then holds the grown one (for <S^2> and for
// excited states).
void grow_adapt(VqeProblem& problem, const VqeRunOptions& options, VqeReport& report) {
  const AdaptCallback step = [&](int n_operators, double energy, double max_gradient) {
    if (options.on_note)
      options.on_note(
          fmt::format("ADAPT: {} operator(s), E = {:.10f} Eh (largest pool "
                      "gradient before this one {:.3e})",
                      n_operators, energy, max_gradient));
  };
  AdaptResult grown =
      run_adapt_vqe(*problem.adapt, problem.spec.ansatz.adapt, options.optimizer, step);
  report.result = std::move(grown.vqe);
  report.adapt = std::move(grown.steps);
  report.adapt->pool = problem.spec.ansatz.adapt.pool;
  report.n_parameters = problem.energy->n_parameters();
  problem.adapt->describe(report);
  if (report.circuit) problem.circuit = report.circuit;
  if (report.fermionic_ansatz) problem.fermionic_ansatz = report.fermionic_ansatz;
  problem.parameter_labels = report.parameter_labels;
  problem.initial.assign(static_cast<std::size_t>(report.n_parameters), 0.0);
  if (!report.adapt->converged)
    report.warnings.push_back(fmt::format(
        "ADAPT stopped after max_operators = {} operators with a pool gradient of {:.3e} Eh "
        "still above gradient_threshold = {:.3e}: the energy is not converged; raise "
        "[ansatz] max_operators",
        problem.spec.ansatz.adapt.max_operators, report.adapt->max_gradients.back(),
        problem.spec.ansatz.adapt.gradient_threshold));
}

// A fixed ansatz: the optimization, restarted from the problem's further starts while it ends at
// the reference determinant's stationary point.
void optimize(VqeProblem& problem, const VqeRunOptions& options, VqeReport& report) {
  const MolecularHamiltonian& h = *problem.hamiltonian;
  std::vector<double> initial = problem.initial;
  if (options.warm_start && options.warm_start->size() == initial.size())
    initial = *options.warm_start;
  report.result = run_vqe(*problem.energy, initial, options.optimizer, options.on_iteration);
  double seconds = report.result.seconds;
  for (const std::vector<double>& start : problem.restarts) {
    if (!stopped_at_reference(h, options.exact, report)) break;
    if (options.on_note)
      options.on_note(
          "VQE ended at the reference determinant's energy: restarting from wider random angles");
    VqeResult retry = run_vqe(*problem.energy, start, options.optimizer, options.on_iteration);
    seconds += retry.seconds;
    if (retry.energy < report.result.energy) report.result = std::move(retry);
  }
  report.result.seconds = seconds;
  // Trained on sampled energies: the best point's energy as it is, not as last sampled.
  if (problem.noiseless_energy)
    report.result.energy = problem.noiseless_energy->energy(report.result.parameters);
  if (stopped_at_reference(h, options.exact, report)) {
    report.result.converged = false;
    report.warnings.push_back(fmt::format(
        "VQE stopped at the reference determinant's energy {:.10f} Eh, a stationary point of the "
        "ansatz, not a minimum; start from other parameters ([ansatz] initial = \"random\", "
        "another seed) or use a more expressive ansatz",
        reference_energy(h)));
  }
}

}  // namespace

VqeResult run_vqe(EnergyFunction& energy, std::vector<double> initial,
                  const OptimizerOptions& options, const IterationCallback& callback) {
  const auto start = std::chrono::steady_clock::now();
  OptimizationResult r = minimize(energy, std::move(initial), options, callback);
  VqeResult result;
  result.energy = r.energy;
  result.parameters = std::move(r.parameters);
  result.converged = r.converged;
  result.iterations = r.iterations;
  result.evaluations = r.evaluations;
  result.history = std::move(r.energies);
  result.gradient_norms = std::move(r.gradient_norms);
  result.message = std::move(r.message);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

VqeReport solve_vqe(VqeProblem& problem, const VqeRunOptions& options) {
  const MolecularHamiltonian& h = *problem.hamiltonian;
  VqeReport report;
  report.ansatz = problem.spec.ansatz.kind;
  report.engine = problem.engine;
  report.optimizer = options.optimizer.method;
  report.n_qubits = problem.n_qubits;
  report.n_parameters = problem.energy->n_parameters();
  report.parameter_labels = problem.parameter_labels;
  report.fermionic_ansatz = problem.fermionic_ansatz;
  report.circuit = problem.circuit;

  if (problem.adapt)
    grow_adapt(problem, options, report);
  else
    optimize(problem, options, report);
  report.s_squared = problem.s_squared(report.result.parameters);
  check_spin(h, options.exact, report);
  return report;
}

}  // namespace qmol
