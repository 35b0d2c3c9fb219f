#include "qmol/solve/adapt_vqe.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>

#include "qmol/core/errors.h"

namespace qmol {

FermionicAdaptAnsatz::FermionicAdaptAnsatz(DeterminantEngine& engine, FermionicAnsatz start,
                                           std::vector<FermionicPoolOperator> pool)
    : engine_(engine), ansatz_(std::move(start)), pool_(std::move(pool)) {
  for (const FermionicPoolOperator& op : pool_)
    for (const AnsatzTerm& term : op.terms) excitations_.push_back(term.excitation);
  engine_.set_ansatz(ansatz_);
}

std::vector<double> FermionicAdaptAnsatz::pool_gradients(const std::vector<double>& parameters) {
  const std::vector<double> per_term = engine_.excitation_gradients(parameters, excitations_);
  std::vector<double> gradients;
  std::size_t t = 0;
  for (const FermionicPoolOperator& op : pool_) {
    double g = 0.0;
    for (const AnsatzTerm& term : op.terms) g += term.coefficient * per_term[t++];
    gradients.push_back(g);
  }
  return gradients;
}

void FermionicAdaptAnsatz::append(std::size_t k) {
  const int parameter = ansatz_.n_parameters++;
  for (AnsatzTerm term : pool_[k].terms) {
    term.parameter = parameter;
    ansatz_.terms.push_back(std::move(term));
  }
  ansatz_.parameter_labels.push_back(pool_[k].label);
  engine_.set_ansatz(ansatz_);
}

void FermionicAdaptAnsatz::describe(VqeReport& report) const {
  report.fermionic_ansatz = ansatz_;
  report.parameter_labels = ansatz_.parameter_labels;
}

QubitAdaptAnsatz::QubitAdaptAnsatz(StatevectorEngine& engine, std::vector<PauliString> pool)
    : engine_(engine), pool_(std::move(pool)) {}

std::vector<double> QubitAdaptAnsatz::pool_gradients(const std::vector<double>& parameters) {
  return engine_.rotation_gradients(parameters, pool_);
}

void QubitAdaptAnsatz::append(std::size_t k) {
  const Circuit& old = engine_.circuit();
  Circuit grown(old.n_qubits(), old.n_parameters() + 1);
  grown.set_initial_state(old.initial_qubits());
  for (const Gate& g : old.gates()) grown.add(g);
  grown.pauli_rotation(pool_[k], Angle::of(old.n_parameters()));
  engine_.set_circuit(std::move(grown));
}

void QubitAdaptAnsatz::describe(VqeReport& report) const {
  report.circuit = engine_.circuit();
  report.parameter_labels.clear();
  for (const Gate& g : engine_.circuit().gates()) report.parameter_labels.push_back(g.pauli.str());
}

AdaptResult run_adapt_vqe(AdaptAnsatz& ansatz, const AdaptOptions& options,
                          const OptimizerOptions& optimizer, const AdaptCallback& callback) {
  const auto clock_start = std::chrono::steady_clock::now();
  optimizer.check();
  if (!(options.gradient_threshold >= 0.0))
    throw InputError(
        fmt::format("gradient_threshold = {}: expected a number >= 0", options.gradient_threshold),
        Location{"", 0, "ansatz.gradient_threshold"});
  if (options.max_operators < 0)
    throw InputError(fmt::format("max_operators = {}: expected >= 0", options.max_operators),
                     Location{"", 0, "ansatz.max_operators"});
  AdaptResult result;
  EnergyFunction& energy = ansatz.energy();
  std::vector<double> theta(static_cast<std::size_t>(energy.n_parameters()), 0.0);
  result.vqe.energy = energy.energy(theta);
  result.vqe.parameters = theta;
  result.vqe.converged = true;
  result.steps.energies.push_back(result.vqe.energy);
  // The whole run's optimizer record: every step's iterations, one after the other.
  VqeResult all_steps;
  for (int added = 0;; ++added) {
    const std::vector<double> gradients = ansatz.pool_gradients(theta);
    std::size_t best = 0;
    for (std::size_t k = 1; k < gradients.size(); ++k)
      if (std::abs(gradients[k]) > std::abs(gradients[best])) best = k;
    const double largest = gradients.empty() ? 0.0 : std::abs(gradients[best]);
    result.steps.max_gradients.push_back(largest);
    if (largest < options.gradient_threshold) {
      result.steps.converged = true;
      break;
    }
    if (added == options.max_operators) break;
    ansatz.append(best);
    result.steps.operators.push_back(ansatz.label(best));
    theta.push_back(0.0);
    result.vqe = run_vqe(energy, theta, optimizer);
    all_steps.iterations += result.vqe.iterations;
    all_steps.evaluations += result.vqe.evaluations;
    all_steps.seconds += result.vqe.seconds;
    all_steps.history.insert(all_steps.history.end(), result.vqe.history.begin(),
                             result.vqe.history.end());
    all_steps.gradient_norms.insert(all_steps.gradient_norms.end(),
                                    result.vqe.gradient_norms.begin(),
                                    result.vqe.gradient_norms.end());
    theta = result.vqe.parameters;
    result.steps.energies.push_back(result.vqe.energy);
    if (callback) callback(energy.n_parameters(), result.vqe.energy, largest);
  }
  if (!result.steps.operators.empty()) {
    result.vqe.iterations = all_steps.iterations;
    result.vqe.evaluations = all_steps.evaluations;
    result.vqe.seconds = all_steps.seconds;
    result.vqe.history = std::move(all_steps.history);
    result.vqe.gradient_norms = std::move(all_steps.gradient_norms);
  }
  // Converged means the pool says so; the last re-optimisation's own stop is in vqe.message.
  result.vqe.converged = result.steps.converged;
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - clock_start).count();
  return result;
}

}  // namespace qmol
