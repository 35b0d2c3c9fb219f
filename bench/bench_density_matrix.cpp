// Density-matrix steps at 12 qubits (4^12 entries, 256 MiB): a one-qubit gate, a cnot, the three
// noise channels, and the measurement probabilities after a qubit-wise basis change.
//   bench_density_matrix --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
// ns_per_entry (per entry of vec(rho)) is the figure of merit: each step is one pass over the
// matrix (one-qubit gates and channels: over the 2x2 blocks of the qubit; cnot: two half passes,
// rows then columns), so the memory bandwidth bounds it.
#include <benchmark/benchmark.h>
#include <omp.h>

#include <cmath>
#include <random>

#include "qmol/estimate/noise_model.h"
#include "qmol/sim/density_matrix.h"

namespace {

using namespace qmol;

constexpr int kQubits = 12;

// A mixed 12-qubit state (the timings do not depend on the values; this keeps them finite and
// away from denormals).
DensityMatrix test_state() {
  Statevector psi(kQubits);
  std::mt19937_64 rng(3);
  for (std::size_t i = 0; i < psi.size(); ++i)
    psi[i] = {static_cast<double>(rng() % 1000) + 1.0, static_cast<double>(rng() % 1000)};
  const double norm = std::sqrt(psi.norm_squared());
  for (std::size_t i = 0; i < psi.size(); ++i) psi[i] /= norm;
  DensityMatrix rho(psi);
  for (int q = 0; q < kQubits; ++q) rho.depolarize(q, 0.01);
  return rho;
}

DensityMatrix& shared_state() {
  static DensityMatrix rho = test_state();
  return rho;
}

void set_counters(benchmark::State& state) {
  const double entries = std::ldexp(1.0, 2 * kQubits);
  state.counters["ns_per_entry"] = benchmark::Counter(
      entries, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["threads"] = omp_get_max_threads();
}

// RX (a dense 2x2) on the row and the column bit of qubit range(0).
void BM_OneQubitGate(benchmark::State& state) {
  DensityMatrix& rho = shared_state();
  Circuit one(kQubits, 0);
  one.rx(static_cast<int>(state.range(0)), Angle::fixed(0.3));
  const Gate g = one.gates()[0];
  for (auto _ : state) rho.apply_gate(g, {});
  set_counters(state);
}
BENCHMARK(BM_OneQubitGate)
    ->ArgName("qubit")
    ->Arg(0)
    ->Arg(11)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_Cnot(benchmark::State& state) {
  DensityMatrix& rho = shared_state();
  Circuit one(kQubits, 0);
  one.cnot(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  const Gate g = one.gates()[0];
  for (auto _ : state) rho.apply_gate(g, {});
  set_counters(state);
}
BENCHMARK(BM_Cnot)
    ->ArgNames({"control", "target"})
    ->Args({0, 11})
    ->Args({5, 6})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_Depolarize1q(benchmark::State& state) {
  DensityMatrix& rho = shared_state();
  const int q = static_cast<int>(state.range(0));
  for (auto _ : state) rho.depolarize(q, 1e-3);
  set_counters(state);
}
BENCHMARK(BM_Depolarize1q)
    ->ArgName("qubit")
    ->Arg(0)
    ->Arg(11)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_Depolarize2q(benchmark::State& state) {
  DensityMatrix& rho = shared_state();
  const int a = static_cast<int>(state.range(0)), b = static_cast<int>(state.range(1));
  for (auto _ : state) rho.depolarize(a, b, 1e-3);
  set_counters(state);
}
BENCHMARK(BM_Depolarize2q)
    ->ArgNames({"a", "b"})
    ->Args({0, 11})
    ->Args({5, 6})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_AmplitudeDamp(benchmark::State& state) {
  DensityMatrix& rho = shared_state();
  const int q = static_cast<int>(state.range(0));
  for (auto _ : state) rho.amplitude_damp(q, 1e-3);
  set_counters(state);
}
BENCHMARK(BM_AmplitudeDamp)
    ->ArgName("qubit")
    ->Arg(0)
    ->Arg(11)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// A qwc basis change (h or sdg h) on range(0) of the qubits, the rest measured in Z: the diagonal
// of U rho U^dagger, rho unchanged.
void BM_MeasurementProbabilities(benchmark::State& state) {
  const DensityMatrix& rho = shared_state();
  const int touched = static_cast<int>(state.range(0));
  Circuit basis(kQubits, 0);
  for (int q = 0; q < touched; ++q) {
    if (q % 2) basis.sdg(q);
    basis.h(q);
  }
  for (auto _ : state) benchmark::DoNotOptimize(measurement_probabilities(rho, basis));
  set_counters(state);
}
BENCHMARK(BM_MeasurementProbabilities)
    ->ArgName("basis_qubits")
    ->Arg(0)
    ->Arg(6)
    ->Arg(12)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
