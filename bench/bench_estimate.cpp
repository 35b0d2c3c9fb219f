// One shot-based energy of H2O/STO-3G (14 qubits, Jordan-Wigner, 2098 terms) at 10^5 shots, as
// `[estimator] shots = 100000` prices a trained state: the circuit simulated once, then per
// measurement group its basis change, the outcome distribution and the shots drawn from it.
//   bench_estimate --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
// Counters: groups (the grouping's size) and seconds_per_group; BM_ExactEnergy is the same
// estimator without shots (every group's exact expectation), so the difference is the cost of
// sampling.
#include <benchmark/benchmark.h>
#include <omp.h>

#include <vector>

#include "qmol/ansatz/circuit.h"
#include "qmol/estimate/device_model.h"
#include "support/molecule_hamiltonian.h"

namespace {

using namespace qmol;

// Hartree-Fock (10 electrons in 14 spin orbitals) rotated by two entangling layers, so that
// every group's distribution has many outcomes.
Circuit test_circuit(std::vector<double>& theta) {
  const int n = 14;
  Circuit c(n, 2 * n);
  std::vector<int> occupied;
  for (int q = 0; q < 10; ++q) occupied.push_back(q);
  c.set_initial_state(occupied);
  for (int layer = 0; layer < 2; ++layer) {
    for (int q = 0; q < n; ++q) c.ry(q, Angle::of(layer * n + q, 1.0));
    for (int q = 0; q + 1 < n; ++q) c.cnot(q, q + 1);
  }
  theta.assign(2 * n, 0.0);
  for (int k = 0; k < 2 * n; ++k) theta[k] = 0.05 + 0.01 * k;
  return c;
}

void run(benchmark::State& state, GroupingMethod grouping, std::optional<long> shots) {
  DeviceModel model;
  model.estimator.grouping = grouping;
  model.estimator.shots = shots;
  const DeviceEstimator estimator(testing::sto3g_jordan_wigner_hamiltonian("h2o"), model);
  std::vector<double> theta;
  const Circuit circuit = test_circuit(theta);
  std::uint64_t stream = 0;
  for (auto _ : state) benchmark::DoNotOptimize(estimator.measure(circuit, theta, stream++));
  const auto groups = static_cast<double>(estimator.grouping().groups.size());
  state.counters["groups"] = groups;
  state.counters["seconds_per_group"] = benchmark::Counter(
      groups, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["threads"] = omp_get_max_threads();
}

void BM_ShotEnergy(benchmark::State& state) {
  run(state, static_cast<GroupingMethod>(state.range(0)), 100'000);
}
BENCHMARK(BM_ShotEnergy)
    ->ArgName("commuting")
    ->Arg(static_cast<int>(GroupingMethod::qwc))
    ->Arg(static_cast<int>(GroupingMethod::commuting))
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_ExactEnergy(benchmark::State& state) {
  run(state, static_cast<GroupingMethod>(state.range(0)), std::nullopt);
}
BENCHMARK(BM_ExactEnergy)
    ->ArgName("commuting")
    ->Arg(static_cast<int>(GroupingMethod::qwc))
    ->Arg(static_cast<int>(GroupingMethod::commuting))
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Forming the groups (sorted insertion and regrouping), done once per job.
void BM_Grouping(benchmark::State& state) {
  const QubitOperator& h = testing::sto3g_jordan_wigner_hamiltonian("h2o");
  const auto grouping = static_cast<GroupingMethod>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(group_measurements(h, grouping));
}
BENCHMARK(BM_Grouping)
    ->ArgName("commuting")
    ->Arg(static_cast<int>(GroupingMethod::qwc))
    ->Arg(static_cast<int>(GroupingMethod::commuting))
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
