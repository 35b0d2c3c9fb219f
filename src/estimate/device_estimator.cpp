#include <fmt/format.h>

#include <cmath>
#include <random>

#include "qmol/ansatz/circuit_transforms.h"
#include "qmol/core/errors.h"
#include "qmol/estimate/device_model.h"
#include "qmol/sim/density_matrix.h"
#include "qmol/sim/statevector.h"

namespace qmol {
namespace {

std::uint64_t splitmix64(std::uint64_t v) {
  v += 0x9e3779b97f4a7c15ULL;
  v = (v ^ (v >> 30)) * 0xbf58476d1ce4e5b9ULL;
  v = (v ^ (v >> 27)) * 0x94d049bb133111ebULL;
  return v ^ (v >> 31);
}

// Independent seeds for (seed, stream, substream): trajectories and samplers of one measurement.
std::uint64_t derived_seed(std::uint64_t seed, std::uint64_t stream, std::uint64_t substream) {
  return splitmix64(splitmix64(seed ^ splitmix64(stream)) ^ substream);
}

}  // namespace

NoiseSimulation DeviceModel::noise_simulation(int n_qubits) const {
  if (!noise || !noise->has_gate_noise()) return NoiseSimulation::statevector;
  return n_qubits <= noise->max_density_qubits ? NoiseSimulation::density_matrix
                                               : NoiseSimulation::trajectories;
}

std::string MitigationOptions::method() const {
  if (readout && zne) return "readout+zne";
  return readout ? "readout" : "zne";
}

DeviceEstimator::DeviceEstimator(const QubitOperator& h, const DeviceModel& model)
    : DeviceEstimator(group_measurements(h, model.estimator.grouping), model) {}

DeviceEstimator::DeviceEstimator(MeasurementGrouping grouping, DeviceModel model)
    : model_(std::move(model)), grouping_(std::move(grouping)) {
  if (model_.estimator.shots)
    shots_per_group_ =
        allocate_shots(grouping_, *model_.estimator.shots, model_.estimator.allocation);
}

EnergyEstimate DeviceEstimator::measure(const Circuit& circuit, const std::vector<double>& theta,
                                        std::uint64_t stream, bool noisy,
                                        bool mitigate_readout) const {
  const std::uint64_t seed = model_.estimator.seed;
  const NoiseModel* noise = noisy && model_.noise ? &*model_.noise : nullptr;
  const ReadoutModel readout{noise ? noise->readout_error : 0.0, mitigate_readout};
  const bool shots = !shots_per_group_.empty();
  const std::size_t n_groups = grouping_.groups.size();

  EnergyEstimate e;
  e.n_groups = static_cast<int>(n_groups);
  // One state (pure or mixed): its measurement distributions, sampled or averaged exactly.
  const auto from_distributions = [&](const auto& probabilities_of) {
    if (shots) {
      ShotSampler sampler(grouping_, readout, derived_seed(seed, stream, 0));
      for (std::size_t g = 0; g < n_groups; ++g)
        sampler.sample(g, probabilities_of(grouping_.groups[g]), shots_per_group_[g]);
      return sampler.estimate();
    }
    e.energy = grouping_.constant;
    for (const MeasurementGroup& group : grouping_.groups)
      e.energy += group_expectation(group, probabilities_of(group), readout);
    return e;
  };

  const NoiseSimulation simulation =
      noise ? model_.noise_simulation(circuit.n_qubits()) : NoiseSimulation::statevector;
  if (simulation == NoiseSimulation::statevector) {
    const Statevector psi = simulate(circuit, theta);
    return from_distributions(
        [&](const MeasurementGroup& g) { return measurement_probabilities(psi, g); });
  }
  if (simulation == NoiseSimulation::density_matrix) {
    const DensityMatrix rho = noisy_density_matrix(circuit, theta, *noise);
    return from_distributions(
        [&](const MeasurementGroup& g) { return measurement_probabilities(rho, g.basis_change); });
  }

  // Trajectories: each shot of a group comes from one trajectory (the shots of the mixed state,
  // drawn round-robin); without shots each trajectory's exact energy is one sample of the mean.
  const long n_trajectories = noise->trajectories;
  std::optional<ShotSampler> sampler;
  if (shots) sampler.emplace(grouping_, readout, derived_seed(seed, stream, 0));
  double sum = 0.0, sum_squares = 0.0;
  for (long t = 0; t < n_trajectories; ++t) {
    std::mt19937_64 rng(derived_seed(seed, stream, static_cast<std::uint64_t>(t) + 1));
    const Statevector psi = noisy_trajectory(circuit, theta, *noise, rng);
    double energy = grouping_.constant;
    for (std::size_t g = 0; g < n_groups; ++g) {
      const MeasurementGroup& group = grouping_.groups[g];
      if (sampler) {
        const long share = shots_per_group_[g] / n_trajectories +
                           (t < shots_per_group_[g] % n_trajectories ? 1 : 0);
        if (share > 0) sampler->sample(g, measurement_probabilities(psi, group), share);
      } else {
        energy += group_expectation(group, measurement_probabilities(psi, group), readout);
      }
    }
    sum += energy;
    sum_squares += energy * energy;
  }
  if (sampler) return sampler->estimate();
  const double n = static_cast<double>(n_trajectories);
  e.energy = sum / n;
  e.standard_error =
      n > 1 ? std::sqrt(std::max(0.0, (sum_squares - n * e.energy * e.energy) / (n - 1) / n)) : 0.0;
  return e;
}

MitigatedEstimate DeviceEstimator::mitigate(const Circuit& native, const std::vector<double>& theta,
                                            std::uint64_t stream) const {
  const MitigationOptions& m = model_.mitigation;
  QMOL_ASSERT(m.any(), "DeviceEstimator::mitigate without [mitigation]");
  MitigatedEstimate out;
  out.method = m.method();
  if (!m.zne) {
    out.estimate = measure(native, theta, stream, true, m.readout);
    return out;
  }
  std::vector<double> errors;
  long total_shots = 0;
  for (std::size_t k = 0; k < m.zne->factors.size(); ++k) {
    const EnergyEstimate e =
        measure(fold_circuit(native, m.zne->factors[k]), theta, stream + k, true, m.readout);
    out.factor_energies.push_back(e.energy);
    errors.push_back(e.standard_error);
    total_shots += e.total_shots;
  }
  const ExtrapolatedValue zero =
      extrapolate_to_zero_noise(m.zne->factors, out.factor_energies, errors, m.zne->extrapolation);
  out.estimate.energy = zero.value;
  out.estimate.standard_error = zero.standard_error;
  out.estimate.total_shots = total_shots;
  out.estimate.n_groups = static_cast<int>(grouping_.groups.size());
  return out;
}

}  // namespace qmol
