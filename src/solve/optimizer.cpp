#include "qmol/solve/optimizer.h"

#include <fmt/format.h>

#include <cmath>

#include "qmol/core/errors.h"
#include "qmol/solve/optimizer_methods.h"

namespace qmol {

namespace {
InputError field_error(const std::string& key, const std::string& message) {
  return InputError(message, Location{"", 0, "optimizer." + key});
}
}  // namespace

void OptimizerOptions::check() const {
  if (max_iterations < 1)
    throw field_error(
        "max_iterations",
        fmt::format("max_iterations = {}: expected a positive integer", max_iterations));
  if (!(gradient_tolerance >= 0.0) || !std::isfinite(gradient_tolerance))
    throw field_error(
        "gradient_tolerance",
        fmt::format("gradient_tolerance = {}: expected a finite number >= 0", gradient_tolerance));
  if (!(energy_tolerance >= 0.0) || !std::isfinite(energy_tolerance))
    throw field_error(
        "energy_tolerance",
        fmt::format("energy_tolerance = {}: expected a finite number >= 0", energy_tolerance));
  if (!(step_size > 0.0) || !std::isfinite(step_size))
    throw field_error("step_size",
                      fmt::format("step_size = {}: expected a finite number > 0", step_size));
}

OptimizationResult minimize(EnergyFunction& function, std::vector<double> initial,
                            const OptimizerOptions& options, const IterationCallback& callback) {
  options.check();
  if (initial.size() != static_cast<std::size_t>(function.n_parameters()))
    throw InputError(fmt::format("{} initial parameters for a function of {}", initial.size(),
                                 function.n_parameters()));
  if (initial.empty()) {  // nothing to optimise: the reference state
    OptimizationResult result;
    result.energy = function.energy(initial);
    result.converged = true;
    result.evaluations = 1;
    result.energies = {result.energy};
    result.message = "no parameters";
    if (callback) callback(0, result.energy, 0.0);
    return result;
  }
  using namespace optimizer_detail;
  switch (options.method) {
    case OptimizerMethod::lbfgs:
      return minimize_lbfgs(function, std::move(initial), options, callback);
    case OptimizerMethod::adam:
      return minimize_adam(function, std::move(initial), options, callback);
    case OptimizerMethod::spsa:
      return minimize_spsa(function, std::move(initial), options, callback);
    case OptimizerMethod::cobyla:
    case OptimizerMethod::bobyqa:
    case OptimizerMethod::nelder_mead:
      break;
  }
  return minimize_nlopt(function, std::move(initial), options, callback);
}

double optimizer_detail::norm(const std::vector<double>& v) {
  double s = 0.0;
  for (double x : v) s += x * x;
  return std::sqrt(s);
}

}  // namespace qmol
