#include "qmol/estimate/sampled_energy.h"

#include <numbers>

#include "qmol/ansatz/circuit_transforms.h"

namespace qmol {

SampledEnergy::SampledEnergy(std::shared_ptr<const DeviceEstimator> device, const Circuit& circuit)
    : device_(std::move(device)), native_(qmol::native_circuit(circuit)) {}

double SampledEnergy::sample(const Circuit& circuit, const std::vector<double>& theta) {
  return device_->measure(circuit, theta, stream_++).energy;
}

double SampledEnergy::energy(const std::vector<double>& theta) {
  return sample(native_, theta);
}

double SampledEnergy::energy_and_gradient(const std::vector<double>& theta,
                                          std::vector<double>& gradient) {
  gradient.assign(theta.size(), 0.0);
  const double e = sample(native_, theta);
  // Circuit exposes its gates read-only: the shifted circuits are rebuilt gate by gate.
  const std::vector<Gate>& gates = native_.gates();
  for (std::size_t k = 0; k < gates.size(); ++k) {
    const Gate& g = gates[k];
    if (!g.is_parametrised() || g.angle.parameter < 0) continue;
    double difference = 0.0;
    for (const double sign : {1.0, -1.0}) {
      Circuit c(native_.n_qubits(), native_.n_parameters());
      c.set_initial_state(native_.initial_qubits());
      for (std::size_t j = 0; j < gates.size(); ++j) {
        Gate copy = gates[j];
        if (j == k) copy.angle.offset += sign * std::numbers::pi / 2;
        c.add(copy);
      }
      difference += sign * sample(c, theta);
    }
    gradient[static_cast<std::size_t>(g.angle.parameter)] += g.angle.coefficient * difference / 2;
  }
  return e;
}

}  // namespace qmol
