// Derivative-free minimisation (COBYLA, BOBYQA, Nelder-Mead) through NLopt's C++ API.

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <nlopt.hpp>

#include "qmol/core/errors.h"
#include "qmol/core/interrupt.h"
#include "qmol/solve/optimizer_methods.h"

namespace qmol::optimizer_detail {

namespace {

struct NloptState {
  EnergyFunction* function;
  const IterationCallback* callback;
  OptimizationResult* result;
  std::vector<double> theta;
  double best = std::numeric_limits<double>::infinity();
};

double objective(unsigned n, const double* x, double* /*grad: never requested*/, void* data) {
  auto& s = *static_cast<NloptState*>(data);
  throw_if_interrupted();
  s.theta.assign(x, x + n);
  const double e = s.function->energy(s.theta);
  if (!std::isfinite(e)) throw NumericalError(fmt::format("energy is {} in NLopt", e));
  OptimizationResult& r = *s.result;
  ++r.evaluations;
  r.iterations = r.evaluations;
  if (e < s.best) {  // report improvements only: the history is the best energy so far
    s.best = e;
    r.energy = e;
    r.parameters = s.theta;
    r.energies.push_back(e);
    if (*s.callback) (*s.callback)(r.evaluations - 1, e, std::numeric_limits<double>::quiet_NaN());
  }
  return e;
}

}  // namespace

OptimizationResult minimize_nlopt(EnergyFunction& function, std::vector<double> initial,
                                  const OptimizerOptions& options,
                                  const IterationCallback& callback) {
  const auto n = static_cast<unsigned>(initial.size());
  nlopt::algorithm algorithm = nlopt::LN_NELDERMEAD;
  if (options.method == OptimizerMethod::cobyla) algorithm = nlopt::LN_COBYLA;
  if (options.method == OptimizerMethod::bobyqa) {
    if (n < 2)
      throw InputError("bobyqa needs at least 2 parameters; use cobyla or nelder-mead",
                       Location{"", 0, "optimizer.method"});
    algorithm = nlopt::LN_BOBYQA;
  }
  OptimizationResult result;
  NloptState state{&function, &callback, &result, {}};
  nlopt::opt opt(algorithm, n);
  opt.set_min_objective(objective, &state);
  opt.set_ftol_abs(options.energy_tolerance);
  opt.set_maxeval(static_cast<int>(std::min<long long>(
      static_cast<long long>(options.max_iterations) * (n + 1), std::numeric_limits<int>::max())));
  opt.set_initial_step(options.step_size);
  double minimum = 0.0;
  try {
    const nlopt::result code = opt.optimize(initial, minimum);
    result.converged = code == nlopt::SUCCESS || code == nlopt::FTOL_REACHED ||
                       code == nlopt::XTOL_REACHED || code == nlopt::STOPVAL_REACHED;
    result.message = code == nlopt::MAXEVAL_REACHED
                         ? fmt::format("{} energy evaluations reached", result.evaluations)
                         : fmt::format("NLopt {} finished (code {})", to_string(options.method),
                                       static_cast<int>(code));
  } catch (const nlopt::roundoff_limited&) {
    result.converged = true;  // no further progress possible in double precision
    result.message = "NLopt stopped at the round-off limit";
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw NumericalError(fmt::format("NLopt {} failed: {}", to_string(options.method), e.what()));
  }
  return result;
}

}  // namespace qmol::optimizer_detail
