// First-order methods written here: Adam (exact gradients) and SPSA (energies only).

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "qmol/core/errors.h"
#include "qmol/core/interrupt.h"
#include "qmol/solve/optimizer_methods.h"

namespace qmol::optimizer_detail {

namespace {

void check_finite(double e, const char* method) {
  if (!std::isfinite(e)) throw NumericalError(fmt::format("energy is {} in {}", e, method));
}

// Records one iteration; keeps the best point as the result.
void record(OptimizationResult& r, const IterationCallback& callback, int iteration, double e,
            double gnorm, const std::vector<double>& theta) {
  r.iterations = iteration;
  r.energies.push_back(e);
  r.gradient_norms.push_back(gnorm);
  if (r.parameters.empty() || e < r.energy) {
    r.energy = e;
    r.parameters = theta;
  }
  if (callback) callback(iteration, e, gnorm);
}

}  // namespace

OptimizationResult minimize_adam(EnergyFunction& function, std::vector<double> theta,
                                 const OptimizerOptions& options,
                                 const IterationCallback& callback) {
  // Kingma & Ba (2015) with the usual constants.
  constexpr double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
  OptimizationResult result;
  std::vector<double> gradient, m(theta.size(), 0.0), v(theta.size(), 0.0);
  double e = function.energy_and_gradient(theta, gradient);
  check_finite(e, "adam");
  result.evaluations = 1;
  double gnorm = norm(gradient);
  record(result, callback, 0, e, gnorm, theta);
  for (int t = 1; t <= options.max_iterations && gnorm > options.gradient_tolerance; ++t) {
    throw_if_interrupted();
    const double correction1 = 1.0 - std::pow(beta1, t), correction2 = 1.0 - std::pow(beta2, t);
    for (std::size_t k = 0; k < theta.size(); ++k) {
      m[k] = beta1 * m[k] + (1.0 - beta1) * gradient[k];
      v[k] = beta2 * v[k] + (1.0 - beta2) * gradient[k] * gradient[k];
      theta[k] -=
          options.step_size * (m[k] / correction1) / (std::sqrt(v[k] / correction2) + epsilon);
    }
    e = function.energy_and_gradient(theta, gradient);
    check_finite(e, "adam");
    ++result.evaluations;
    gnorm = norm(gradient);
    record(result, callback, t, e, gnorm, theta);
  }
  result.converged = gnorm <= options.gradient_tolerance;
  result.message = result.converged ? fmt::format("gradient norm {:.2e} <= {:.2e}", gnorm,
                                                  options.gradient_tolerance)
                                    : fmt::format("{} iterations reached, gradient norm {:.2e}",
                                                  options.max_iterations, gnorm);
  return result;
}

OptimizationResult minimize_spsa(EnergyFunction& function, std::vector<double> theta,
                                 const OptimizerOptions& options,
                                 const IterationCallback& callback) {
  // Spall's gain sequences (IEEE TAES 34, 817 (1998)): a_k = a / (k + 1 + A)^0.602,
  // c_k = c / (k + 1)^0.101, A = 10% of the iterations.
  constexpr double alpha = 0.602, gamma = 0.101, c = 0.1;
  constexpr int window = 10;  // converged when the last `window` energies agree to tolerance
  const double big_a = 0.1 * options.max_iterations;
  std::mt19937_64 rng(options.seed);
  OptimizationResult result;
  const std::size_t n = theta.size();
  std::vector<double> delta(n), plus(n), minus(n), estimate(n);
  double e = function.energy(theta);
  check_finite(e, "spsa");
  result.evaluations = 1;
  record(result, callback, 0, e, std::numeric_limits<double>::quiet_NaN(), theta);
  for (int k = 0; k < options.max_iterations; ++k) {
    throw_if_interrupted();
    const double a_k = options.step_size / std::pow(k + 1 + big_a, alpha);
    const double c_k = c / std::pow(k + 1, gamma);
    for (std::size_t i = 0; i < n; ++i) {
      delta[i] = (rng() >> 63) ? 1.0 : -1.0;  // Rademacher, same bits with every library
      plus[i] = theta[i] + c_k * delta[i];
      minus[i] = theta[i] - c_k * delta[i];
    }
    const double e_plus = function.energy(plus), e_minus = function.energy(minus);
    check_finite(e_plus, "spsa");
    check_finite(e_minus, "spsa");
    for (std::size_t i = 0; i < n; ++i) {
      estimate[i] = (e_plus - e_minus) / (2.0 * c_k) * delta[i];  // 1/delta_i = delta_i
      theta[i] -= a_k * estimate[i];
    }
    e = function.energy(theta);
    check_finite(e, "spsa");
    result.evaluations += 3;
    record(result, callback, k + 1, e, norm(estimate), theta);
    const auto& h = result.energies;
    if (static_cast<int>(h.size()) > window) {
      const auto [lo, hi] = std::minmax_element(h.end() - window, h.end());
      if (*hi - *lo < options.energy_tolerance) {
        result.converged = true;
        break;
      }
    }
  }
  result.message = result.converged ? fmt::format("energy steady to {:.2e} Eh over {} iterations",
                                                  options.energy_tolerance, window)
                                    : fmt::format("{} iterations reached", options.max_iterations);
  return result;
}

}  // namespace qmol::optimizer_detail
