#include "qmol/solve/adapt_vqe.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
#include <cmath>

#include "qmol/ansatz/uccsd.h"
#include "qmol/core/errors.h"

namespace qmol {

std::vector<Excitation> fermionic_pool(int n_orbitals, int n_alpha, int n_beta) {
  std::vector<Excitation> pool;
  for (AnsatzTerm& term : uccsd(n_orbitals, n_alpha, n_beta).terms)
    pool.push_back(std::move(term.excitation));
  return pool;
}

AdaptResult run_adapt_vqe(DeterminantEngine& engine, FermionicAnsatz start,
                          const std::vector<Excitation>& pool, const AdaptOptions& options,
                          const AdaptCallback& callback) {
  const auto clock_start = std::chrono::steady_clock::now();
  options.optimizer.check();
  if (!(options.gradient_tolerance >= 0.0))
    throw InputError(
        fmt::format("gradient_tolerance = {}: expected a number >= 0", options.gradient_tolerance),
        Location{"", 0, "adapt.gradient_tolerance"});
  if (options.max_operators < 0)
    throw InputError(fmt::format("max_operators = {}: expected >= 0", options.max_operators),
                     Location{"", 0, "adapt.max_operators"});
  AdaptResult result;
  start.kind = "adapt-vqe";
  engine.set_ansatz(start);
  std::vector<double> theta(static_cast<std::size_t>(start.n_parameters), 0.0);
  result.energy = engine.energy(theta);
  result.energies.push_back(result.energy);
  for (int step = 0;; ++step) {
    const std::vector<double> gradients = engine.excitation_gradients(theta, pool);
    double norm = 0.0;
    std::size_t best = 0;
    for (std::size_t k = 0; k < gradients.size(); ++k) {
      norm += gradients[k] * gradients[k];
      if (std::abs(gradients[k]) > std::abs(gradients[best])) best = k;
    }
    norm = std::sqrt(norm);
    result.pool_gradient_norms.push_back(norm);
    if (norm < options.gradient_tolerance || pool.empty()) {
      result.converged = true;
      break;
    }
    if (step == options.max_operators) break;
    const Excitation& chosen = pool[best];
    const std::string label =
        fmt::format("{}->{}", fmt::join(chosen.from, ","), fmt::join(chosen.to, ","));
    start.terms.push_back({chosen, start.n_parameters++, 1.0});
    start.parameter_labels.push_back(label);
    result.selected.push_back(label);
    engine.set_ansatz(start);
    theta.push_back(0.0);
    result.vqe = run_vqe(engine, theta, options.optimizer);
    theta = result.vqe.parameters;
    result.energy = result.vqe.energy;
    result.energies.push_back(result.energy);
    if (callback) callback(start.n_parameters, result.energy, norm);
  }
  result.vqe.parameters = theta;
  result.vqe.energy = result.energy;
  result.ansatz = std::move(start);
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - clock_start).count();
  return result;
}

}  // namespace qmol
