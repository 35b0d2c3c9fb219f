#pragma once

#include <string>
#include <vector>

#include "qmol/sim/energy_function.h"
#include "qmol/solve/optimizer.h"

namespace qmol {

struct VqeResult {
  double energy = 0.0;             // Hartree, at parameters
  std::vector<double> parameters;  // optimal parameters, in the ansatz's layout
  bool converged = false;
  int iterations = 0;
  int evaluations = 0;
  std::vector<double> history;         // energy per iteration (entry 0: the initial parameters)
  std::vector<double> gradient_norms;  // per iteration (empty for derivative-free optimizers)
  double seconds = 0.0;                // wall time of the optimisation
  std::string message;                 // how the optimizer stopped
};

// The variational quantum eigensolver: minimises E(theta) of any simulator engine from `initial`
// with the chosen optimizer. Does not throw on non-convergence: check `converged`.
VqeResult run_vqe(EnergyFunction& energy, std::vector<double> initial,
                  const OptimizerOptions& options, const IterationCallback& callback = {});

}  // namespace qmol
