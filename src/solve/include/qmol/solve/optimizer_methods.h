#pragma once
// The individual optimizers behind minimize() (one per file in src/solve); options already checked.

#include "qmol/solve/optimizer.h"

namespace qmol::optimizer_detail {

OptimizationResult minimize_lbfgs(EnergyFunction& function, std::vector<double> initial,
                                  const OptimizerOptions& options,
                                  const IterationCallback& callback);
OptimizationResult minimize_nlopt(EnergyFunction& function, std::vector<double> initial,
                                  const OptimizerOptions& options,
                                  const IterationCallback& callback);
OptimizationResult minimize_spsa(EnergyFunction& function, std::vector<double> initial,
                                 const OptimizerOptions& options,
                                 const IterationCallback& callback);
OptimizationResult minimize_adam(EnergyFunction& function, std::vector<double> initial,
                                 const OptimizerOptions& options,
                                 const IterationCallback& callback);

// Euclidean norm.
double norm(const std::vector<double>& v);

}  // namespace qmol::optimizer_detail
