#include "device_stage.h"

#include <fmt/format.h>

#include "qmol/ansatz/circuit_transforms.h"
#include "qmol/core/errors.h"
#include "qmol/estimate/device_model.h"

namespace qmol {
namespace {

// Training draws streams 0, 1, ...; the final state's measurements have their own.
constexpr std::uint64_t kFinalStateStream = std::uint64_t{1} << 62;

std::string estimate_text(const EnergyEstimate& e) {
  if (e.total_shots == 0 && e.standard_error == 0.0) return fmt::format("{:.10f} Eh", e.energy);
  return fmt::format("{:.10f} +- {:.2e} Eh", e.energy, e.standard_error);
}

}  // namespace

void run_device_stage(const Job& job, const VqeProblem& problem,
                      const MeasurementGrouping* grouping, const TaperedOperator* tapering,
                      bool optimize, const RunReport& report, RunResult& r) {
  RunResult::CircuitSummary c;
  const Circuit circuit =
      r.vqe ? problem.register_circuit(r.vqe->circuit, r.vqe->fermionic_ansatz, tapering)
            : problem.register_circuit(problem.circuit, problem.fermionic_ansatz, tapering);
  c.parameters = r.vqe ? r.vqe->result.parameters : problem.initial;
  c.parameter_labels = r.vqe ? r.vqe->parameter_labels : problem.parameter_labels;
  c.circuit = native_circuit(circuit);
  if (optimize) c.circuit = optimize_circuit(c.circuit);
  c.optimized = optimize;
  c.stats = circuit_stats(c.circuit);
  r.circuit = std::move(c);
  report.note(fmt::format("circuit: {} qubits, {} gates ({} two-qubit), depth {}{}",
                          r.circuit->stats.n_qubits, r.circuit->stats.n_gates,
                          r.circuit->stats.n_two_qubit_gates, r.circuit->stats.depth,
                          optimize ? " (optimized)" : ""));

  const DeviceModel& model = job.device;
  const bool estimator = job.has("estimator"), noise = model.noise.has_value();
  if (!estimator && !noise) return;
  QMOL_ASSERT(grouping != nullptr, "a device model without measurement groups");
  const DeviceEstimator device(*grouping, model);
  const Circuit& native = r.circuit->circuit;
  const std::vector<double>& theta = r.circuit->parameters;
  RunResult::DeviceSummary d;
  d.model = model;
  if (estimator) {
    d.estimator = device.measure(native, theta, kFinalStateStream, false);
    report.note(fmt::format("estimator: {} ({} shots in {} groups)", estimate_text(*d.estimator),
                            d.estimator->total_shots, d.estimator->n_groups));
  }
  if (noise) {
    d.noise = device.measure(native, theta, kFinalStateStream + 1, true);
    d.noise_simulation = model.noise_simulation(native.n_qubits());
    report.note(fmt::format("noisy energy: {}", estimate_text(*d.noise)));
  }
  if (model.mitigation.any()) {
    d.mitigation = device.mitigate(native, theta, kFinalStateStream + 2);
    report.note(fmt::format("mitigated ({}): {}", d.mitigation->method,
                            estimate_text(d.mitigation->estimate)));
  }
  r.device = std::move(d);
}

}  // namespace qmol
