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
  const std::vector<Gate>& gates = native_.gates();
  Circuit shifted = native_;  // one copy; each rotation is shifted and restored in turn
  for (std::size_t k = 0; k < gates.size(); ++k) {
    const Gate& g = gates[k];
    if (!g.is_parametrised() || g.angle.parameter < 0) continue;
    const auto shifted_by = [&](double delta) {
      Angle a = g.angle;
      a.offset += delta;
      shifted.set_angle(k, a);
      return sample(shifted, theta);
    };
    const double plus = shifted_by(std::numbers::pi / 2);  // in this order: the streams
    const double difference = plus - shifted_by(-std::numbers::pi / 2);
    shifted.set_angle(k, g.angle);
    gradient[static_cast<std::size_t>(g.angle.parameter)] += g.angle.coefficient * difference / 2;
  }
  return e;
}

}  // namespace qmol
