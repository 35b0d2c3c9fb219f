#pragma once

#include <vector>

namespace qmol {

// What an optimizer minimises: E(theta) of a parametrised state, with its exact gradient.
// Implemented by each simulator engine; the VQE driver and the optimizers see only this.
class EnergyFunction {
 public:
  virtual ~EnergyFunction() = default;
  virtual int n_parameters() const = 0;
  virtual double energy(const std::vector<double>& theta) = 0;
  // Energy and dE/dtheta (adjoint method); gradient is resized to n_parameters().
  virtual double energy_and_gradient(const std::vector<double>& theta,
                                     std::vector<double>& gradient) = 0;
};

}  // namespace qmol
