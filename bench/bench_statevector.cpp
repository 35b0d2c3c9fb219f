// Statevector throughput: nanoseconds per amplitude per gate for layered RX/RZ + CNOT-ring
// circuits, and the energy + adjoint gradient of a lowered UCCSD circuit.
//   bench_statevector --benchmark_counters_tabular=true
// The ns_per_amp_gate counter is the figure of merit (target: 0.5 ns at 24 qubits on 2 threads);
// aggregates report the median of the repetitions. BM_LayeredGateByGate is the same circuit one
// gate at a time (apply_gate, no fusion or blocking), for comparison.
#include <benchmark/benchmark.h>
#include <omp.h>

#include <random>

#include "qmol/ansatz/lower_to_circuit.h"
#include "qmol/ansatz/uccsd.h"
#include "qmol/qubit/qubit_hamiltonian.h"
#include "qmol/sim/fused_circuit.h"
#include "qmol/sim/statevector_engine.h"

namespace {

using namespace qmol;

// layers x (RX and RZ on every qubit, then a CNOT ring), fixed angles.
Circuit layered_circuit(int n_qubits, int layers) {
  Circuit circuit(n_qubits, 0);
  for (int l = 0; l < layers; ++l) {
    for (int q = 0; q < n_qubits; ++q) {
      circuit.rx(q, Angle::fixed(0.1 + 0.01 * q));
      circuit.rz(q, Angle::fixed(0.2 - 0.01 * l));
    }
    for (int q = 0; q < n_qubits; ++q) circuit.cnot(q, (q + 1) % n_qubits);
  }
  return circuit;
}

void BM_LayeredCircuit(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const int threads = static_cast<int>(state.range(1));
  omp_set_num_threads(threads);
  const Circuit circuit = layered_circuit(n, 10);
  Statevector psi(n);
  for (auto _ : state) {
    psi.set_basis_state(0);
    apply_circuit(psi, circuit, {});
    benchmark::DoNotOptimize(psi.data());
  }
  const double work = static_cast<double>(circuit.size()) * static_cast<double>(psi.size());
  state.counters["ns_per_amp_gate"] = benchmark::Counter(
      work, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["gates"] = static_cast<double>(circuit.size());
  const FusedCircuit fused(circuit, {});
  state.counters["stages"] = static_cast<double>(fused.n_stages());
  state.counters["kernels"] = static_cast<double>(fused.n_operations());
}
BENCHMARK(BM_LayeredCircuit)
    ->ArgNames({"qubits", "threads"})
    ->Args({20, 1})
    ->Args({20, 2})
    ->Args({24, 1})
    ->Args({24, 2})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true)
    ->UseRealTime();

void BM_LayeredGateByGate(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  omp_set_num_threads(static_cast<int>(state.range(1)));
  const Circuit circuit = layered_circuit(n, 10);
  Statevector psi(n);
  for (auto _ : state) {
    psi.set_basis_state(0);
    for (const Gate& g : circuit.gates()) apply_gate(psi, g, {});
    benchmark::DoNotOptimize(psi.data());
  }
  const double work = static_cast<double>(circuit.size()) * static_cast<double>(psi.size());
  state.counters["ns_per_amp_gate"] = benchmark::Counter(
      work, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_LayeredGateByGate)
    ->ArgNames({"qubits", "threads"})
    ->Args({20, 1})
    ->Args({20, 2})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true)
    ->UseRealTime();

// Real integrals with molecular symmetries (timing only: the values do not matter).
MolecularHamiltonian random_molecule(int n, int n_alpha, int n_beta) {
  std::mt19937 rng(5);
  std::normal_distribution<double> normal(0.0, 0.1);
  Eigen::MatrixXd h(n, n);
  for (int p = 0; p < n; ++p)
    for (int q = 0; q <= p; ++q) h(p, q) = h(q, p) = normal(rng) + (p == q ? p - 2.0 : 0.0);
  std::vector<double> eri(static_cast<std::size_t>(n * n * n * n));
  auto at = [&](int p, int q, int r, int s) -> double& {
    return eri[static_cast<std::size_t>(((p * n + q) * n + r) * n + s)];
  };
  for (int p = 0; p < n; ++p)
    for (int q = 0; q <= p; ++q)
      for (int r = 0; r < n; ++r)
        for (int s = 0; s <= r; ++s) {
          if (p * n + q < r * n + s) continue;
          const double v = normal(rng);
          for (auto [a, b, c, d] : {std::array{p, q, r, s}, std::array{q, p, r, s},
                                    std::array{p, q, s, r}, std::array{q, p, s, r}}) {
            at(a, b, c, d) = v;
            at(c, d, a, b) = v;
          }
        }
  return MolecularHamiltonian(1.0, h, eri, n_alpha, n_beta);
}

// UCCSD on 6 spatial orbitals with 3+3 electrons: 12 qubits under Jordan-Wigner.
void BM_UccsdEnergyAndGradient12(benchmark::State& state) {
  omp_set_num_threads(static_cast<int>(state.range(0)));
  const MolecularHamiltonian molecule = random_molecule(6, 3, 3);
  const FermionicAnsatz ansatz = uccsd(6, 3, 3);
  StatevectorEngine engine(qubit_hamiltonian(molecule, Mapping::jordan_wigner),
                           lower_to_circuit(ansatz, Mapping::jordan_wigner));
  std::vector<double> theta(ansatz.n_parameters, 0.01), gradient;
  for (auto _ : state) benchmark::DoNotOptimize(engine.energy_and_gradient(theta, gradient));
  state.counters["parameters"] = ansatz.n_parameters;
  state.counters["rotations"] = static_cast<double>(engine.circuit().size());
  state.counters["hamiltonian_terms"] = static_cast<double>(engine.hamiltonian().size());
}
BENCHMARK(BM_UccsdEnergyAndGradient12)
    ->ArgNames({"threads"})
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
