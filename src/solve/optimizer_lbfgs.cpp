// L-BFGS through LBFGSpp, with a line-search wrapper that reports every accepted iterate.

#include <LBFGS.h>
#include <fmt/format.h>

#include <Eigen/Core>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "qmol/core/errors.h"
#include "qmol/core/interrupt.h"
#include "qmol/solve/optimizer_methods.h"

namespace qmol::optimizer_detail {

namespace {

using Vector = Eigen::VectorXd;

// Thrown from the reporting line search to end the run on the energy criterion, which LBFGSpp
// only offers in relative form.
struct EnergyConverged {};

class Objective {
 public:
  Objective(EnergyFunction& function, const OptimizerOptions& options,
            const IterationCallback& callback, OptimizationResult& result)
      : function_(function), options_(options), callback_(callback), result_(result) {}

  double operator()(const Vector& x, Vector& grad) {
    // A vanishing curvature pair (s'y ~ 0, e.g. a parameter that barely moves the energy) can
    // turn LBFGSpp's step into inf/NaN: stop there with the best point so far.
    if (!x.allFinite()) throw std::runtime_error("L-BFGS proposed a non-finite step");
    throw_if_interrupted();
    theta_.assign(x.data(), x.data() + x.size());
    const double e = function_.energy_and_gradient(theta_, gradient_);
    if (!std::isfinite(e)) throw NumericalError(fmt::format("energy is {} in L-BFGS", e));
    grad = Eigen::Map<const Vector>(gradient_.data(), static_cast<Eigen::Index>(gradient_.size()));
    const double gnorm = grad.norm();
    if (++result_.evaluations == 1) report(0, e, gnorm);
    if (e < best_energy_) {
      best_energy_ = e;
      best_gradient_norm_ = gnorm;
      result_.parameters = theta_;
      result_.energy = e;
    }
    return e;
  }

  // The line search accepted (x, fx, grad): one iteration done.
  void accepted(double fx, const Vector& grad) {
    const double gnorm = grad.norm();
    const double previous = result_.energies.back();
    report(++result_.iterations, fx, gnorm);
    if (gnorm > options_.gradient_tolerance && std::abs(previous - fx) < options_.energy_tolerance)
      throw EnergyConverged{};
  }

  double best_gradient_norm() const { return best_gradient_norm_; }

 private:
  void report(int iteration, double e, double gnorm) {
    result_.energies.push_back(e);
    result_.gradient_norms.push_back(gnorm);
    if (callback_) callback_(iteration, e, gnorm);
  }

  EnergyFunction& function_;
  const OptimizerOptions& options_;
  const IterationCallback& callback_;
  OptimizationResult& result_;
  std::vector<double> theta_, gradient_;
  double best_energy_ = std::numeric_limits<double>::infinity();
  double best_gradient_norm_ = std::numeric_limits<double>::infinity();
};

template <class Scalar>
class ReportingLineSearch {
 public:
  template <class Foo>
  static void LineSearch(Foo& f, Scalar& fx, Vector& x, Vector& grad, Scalar& step,
                         const Vector& drt, const Vector& xp,
                         const LBFGSpp::LBFGSParam<Scalar>& param) {
    LBFGSpp::LineSearchNocedalWright<Scalar>::LineSearch(f, fx, x, grad, step, drt, xp, param);
    f.accepted(fx, grad);
  }
};

}  // namespace

OptimizationResult minimize_lbfgs(EnergyFunction& function, std::vector<double> initial,
                                  const OptimizerOptions& options,
                                  const IterationCallback& callback) {
  OptimizationResult result;
  Objective objective(function, options, callback, result);
  LBFGSpp::LBFGSParam<double> param;  // the solver keeps a reference: must outlive it
  param.epsilon = options.gradient_tolerance;
  param.epsilon_rel = 0.0;
  param.max_iterations = options.max_iterations;
  param.linesearch = LBFGSpp::LBFGS_LINESEARCH_BACKTRACKING_STRONG_WOLFE;
  param.max_linesearch = 40;
  LBFGSpp::LBFGSSolver<double, ReportingLineSearch> solver(param);
  Vector x = Eigen::Map<const Vector>(initial.data(), static_cast<Eigen::Index>(initial.size()));
  double fx = 0.0;
  try {
    solver.minimize(objective, x, fx);
    const double gnorm = result.gradient_norms.back();
    result.converged = gnorm <= options.gradient_tolerance;
    result.message = result.converged ? fmt::format("gradient norm {:.2e} <= {:.2e}", gnorm,
                                                    options.gradient_tolerance)
                                      : fmt::format("{} iterations reached, gradient norm {:.2e}",
                                                    options.max_iterations, gnorm);
  } catch (const EnergyConverged&) {
    result.converged = true;
    result.message = fmt::format("energy change below {:.2e} Eh, gradient norm {:.2e}",
                                 options.energy_tolerance, result.gradient_norms.back());
  } catch (const std::logic_error& e) {  // LBFGSpp: not a descent direction
    result.converged = objective.best_gradient_norm() <= 100.0 * options.gradient_tolerance;
    result.message = fmt::format("line search stopped ({}), gradient norm {:.2e}", e.what(),
                                 objective.best_gradient_norm());
  } catch (const std::runtime_error& e) {
    if (dynamic_cast<const Error*>(&e)) throw;  // a qmol error from the energy function
    // Near the minimum the line search runs out of floating-point precision; the point reached
    // is converged if its gradient is small (100x the tolerance: energy error ~ |g|^2).
    result.converged = objective.best_gradient_norm() <= 100.0 * options.gradient_tolerance;
    result.message = fmt::format("line search stopped ({}), gradient norm {:.2e}", e.what(),
                                 objective.best_gradient_norm());
  }
  return result;
}

}  // namespace qmol::optimizer_detail
