#pragma once
// What a quantum computer would return for a circuit's energy: the Hamiltonian measured group by
// group with a finite number of shots, through gate noise and readout errors, and mitigated. The
// [estimator], [noise] and [mitigation] sections of a job.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "qmol/ansatz/circuit.h"
#include "qmol/core/enum_names.h"
#include "qmol/estimate/measurement_grouping.h"
#include "qmol/estimate/noise_model.h"
#include "qmol/estimate/shot_sampler.h"
#include "qmol/estimate/zero_noise_extrapolation.h"
#include "qmol/qubit/qubit_operator.h"

namespace qmol {

// What the optimizer sees while it trains.
enum class TrainOn {
  exact,  // exact expectation values; the final state is then priced with shots
  shots,  // every energy is sampled (and noisy, with [noise]), as on a device
};
template <>
struct EnumNames<TrainOn> {
  static constexpr std::string_view noun = "estimator.train_on";
  static constexpr std::array<std::pair<TrainOn, std::string_view>, 2> names = {
      {{TrainOn::exact, "exact"}, {TrainOn::shots, "shots"}}};
};

// [estimator]
struct EstimatorOptions {
  std::optional<long> shots;  // unset: exact expectation values
  GroupingMethod grouping = GroupingMethod::qwc;
  ShotAllocation allocation = ShotAllocation::uniform;
  std::uint64_t seed = 7;
  TrainOn train_on = TrainOn::exact;
};

// [mitigation] zne = {...}: global unitary folding at these odd scale factors.
struct ZneOptions {
  std::vector<int> factors = {1, 3, 5};
  Extrapolation extrapolation = Extrapolation::linear;
};

// [mitigation]
struct MitigationOptions {
  bool readout = false;  // inverse of the tensor-product readout calibration
  std::optional<ZneOptions> zne;
  bool any() const { return readout || zne.has_value(); }
  // "readout", "zne" or "readout+zne".
  std::string method() const;
};

// How a noisy state is simulated.
enum class NoiseSimulation {
  statevector,     // no gate noise (readout errors at most): the pure state
  density_matrix,  // exactly, up to noise.max_density_qubits
  trajectories,    // Monte-Carlo trajectories above it
};
template <>
struct EnumNames<NoiseSimulation> {
  static constexpr std::string_view noun = "noise simulation";
  static constexpr std::array<std::pair<NoiseSimulation, std::string_view>, 3> names = {
      {{NoiseSimulation::statevector, "statevector"},
       {NoiseSimulation::density_matrix, "density-matrix"},
       {NoiseSimulation::trajectories, "trajectories"}}};
};

struct DeviceModel {
  EstimatorOptions estimator;
  std::optional<NoiseModel> noise;
  MitigationOptions mitigation;
  NoiseSimulation noise_simulation(int n_qubits) const;
};

struct MitigatedEstimate {
  EnergyEstimate estimate;
  std::string method;                   // MitigationOptions::method()
  std::vector<double> factor_energies;  // ZNE: the energy at each scale factor
};

// Measures the energy of circuit states of one register under a device model. The random stream
// of each measurement is derived from the seed and a caller's stream number, so the same seed and
// stream give the same bits whatever was measured before.
class DeviceEstimator {
 public:
  // h on the circuit's register; throws InputError (field estimator.grouping) as
  // group_measurements does.
  DeviceEstimator(const QubitOperator& h, const DeviceModel& model);
  // With the groups already formed (group_measurements of h with model.estimator.grouping).
  DeviceEstimator(MeasurementGrouping grouping, DeviceModel model);

  const DeviceModel& model() const { return model_; }
  const MeasurementGrouping& grouping() const { return grouping_; }

  // The energy of the circuit at theta as the device gives it: through the model's noise when
  // `noisy` (else of the ideal state), with its shots (else exact), readout corrected when
  // `mitigate_readout`. `circuit` must be native (native_circuit()) when it is noisy.
  EnergyEstimate measure(const Circuit& circuit, const std::vector<double>& theta,
                         std::uint64_t stream, bool noisy = true,
                         bool mitigate_readout = false) const;
  // The mitigated energy (readout and/or ZNE) of the same state; the model must have mitigation.
  MitigatedEstimate mitigate(const Circuit& native, const std::vector<double>& theta,
                             std::uint64_t stream) const;

 private:
  DeviceModel model_;
  MeasurementGrouping grouping_;
  std::vector<long> shots_per_group_;  // empty without shots
};

}  // namespace qmol
