#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "qmol/ansatz/circuit.h"
#include "qmol/estimate/device_model.h"
#include "qmol/sim/energy_function.h"

namespace qmol {

// E(theta) as a device measures it (estimator.train_on = "shots"): every energy is a fresh sample
// (its own random stream, numbered by evaluation, so a run repeats bit for bit), noisy when the
// model has noise. The gradient is the parameter-shift rule on sampled energies: for each rotation
// exp(-i a P/2) of the native circuit with a = c theta_p + offset,
//   dE/dtheta_p += c [E(a + pi/2) - E(a - pi/2)] / 2.
class SampledEnergy : public EnergyFunction {
 public:
  SampledEnergy(std::shared_ptr<const DeviceEstimator> device, const Circuit& circuit);

  int n_parameters() const override { return native_.n_parameters(); }
  double energy(const std::vector<double>& theta) override;
  double energy_and_gradient(const std::vector<double>& theta,
                             std::vector<double>& gradient) override;

  const Circuit& native_circuit() const { return native_; }

 private:
  double sample(const Circuit& circuit, const std::vector<double>& theta);

  std::shared_ptr<const DeviceEstimator> device_;
  Circuit native_;
  std::uint64_t stream_ = 0;  // measurements so far
};

}  // namespace qmol
