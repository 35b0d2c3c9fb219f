#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "qmol/core/enum_names.h"
#include "qmol/sim/energy_function.h"

namespace qmol {

enum class OptimizerMethod {
  lbfgs,        // L-BFGS (LBFGSpp, strong-Wolfe line search) with exact gradients
  cobyla,       // derivative-free, NLopt
  bobyqa,       // derivative-free, NLopt (at least 2 parameters)
  nelder_mead,  // derivative-free, NLopt
  spsa,         // simultaneous perturbation stochastic approximation (two energies per step)
  adam,         // Adam on the exact gradient
};
template <>
struct EnumNames<OptimizerMethod> {
  static constexpr std::string_view noun = "optimizer";
  static constexpr std::array<std::pair<OptimizerMethod, std::string_view>, 6> names = {
      {{OptimizerMethod::lbfgs, "lbfgs"},
       {OptimizerMethod::cobyla, "cobyla"},
       {OptimizerMethod::bobyqa, "bobyqa"},
       {OptimizerMethod::nelder_mead, "nelder-mead"},
       {OptimizerMethod::spsa, "spsa"},
       {OptimizerMethod::adam, "adam"}}};
};
// Whether the method uses the exact gradient (the engine's adjoint or parameter-shift one).
inline bool uses_gradient(OptimizerMethod m) {
  return m == OptimizerMethod::lbfgs || m == OptimizerMethod::adam;
}

// How to minimise an EnergyFunction; the [optimizer] section of a job file.
struct OptimizerOptions {
  OptimizerMethod method = OptimizerMethod::lbfgs;
  // Iterations for lbfgs/adam/spsa; for the derivative-free NLopt methods the bound on energy
  // evaluations is max_iterations * (n_parameters + 1).
  int max_iterations = 200;
  // Converged when the gradient norm falls below this (lbfgs, adam); 1e-6 gives energies ~1e-9 Eh
  // from the minimum for UCC ansätze.
  double gradient_tolerance = 1e-6;
  // Converged when an iteration lowers the energy by less than this, in Hartree (lbfgs; ftol_abs
  // for NLopt; spsa: the change over its last 10 iterations).
  double energy_tolerance = 1e-10;
  // Adam learning rate; SPSA gain a (a_k = a / (k + 1 + A)^0.602, A = max_iterations / 10,
  // perturbation c_k = 0.1 / (k + 1)^0.101); initial step of the NLopt methods.
  double step_size = 0.05;
  std::uint64_t seed = 7;  // SPSA perturbations

  // Throws InputError naming the field (optimizer.<key>) and the value expected.
  void check() const;
};

// Called with iteration 0 for the starting point, then once per iteration (1, 2, ...), with the
// energy at the accepted point and its gradient norm (SPSA: of its gradient estimate). The
// derivative-free NLopt methods compute no gradient (NaN) and report each energy evaluation that
// improves on the best so far, numbered by evaluation.
using IterationCallback = std::function<void(int iteration, double energy, double gradient_norm)>;

struct OptimizationResult {
  std::vector<double> parameters;  // the best point found
  double energy = 0.0;             // at parameters
  bool converged = false;
  int iterations = 0;
  int evaluations = 0;                 // energy (or energy + gradient) evaluations
  std::vector<double> energies;        // per iteration, as passed to the callback
  std::vector<double> gradient_norms;  // per iteration (empty for derivative-free methods)
  std::string message;                 // how it ended, e.g. "gradient norm 3e-7 < 1e-6"
};

// Minimises `function` from `initial` (size function.n_parameters()). Deterministic: the same
// input and seed give the same bits (threads inside the function permitting).
OptimizationResult minimize(EnergyFunction& function, std::vector<double> initial,
                            const OptimizerOptions& options,
                            const IterationCallback& callback = {});

}  // namespace qmol
