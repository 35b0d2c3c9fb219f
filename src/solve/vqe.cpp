#include "qmol/solve/vqe.h"

#include <chrono>

namespace qmol {

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

}  // namespace qmol
