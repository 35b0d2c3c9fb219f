// UCCSD on the determinant engine: energy + full adjoint gradient per call (H4..H10 chains,
// STO-3G, 1.0 A spacing), and converged UCCSD-VQE runs with L-BFGS (wall time).
// Goals: H6 energy+gradient < 1 ms, H10 < 50 ms; VQE H2O < 1 s, H8 < 2 s, H10 < 10 s (2 cores).
// Run with --benchmark_repetitions=5 --benchmark_report_aggregates_only=true for medians.

#include <benchmark/benchmark.h>

#include <Eigen/Core>
#include <map>
#include <memory>
#include <string>

#include "qmol/active_space/active_space.h"
#include "qmol/ansatz/initial_parameters.h"
#include "qmol/ansatz/uccsd.h"
#include "qmol/chem/xyz.h"
#include "qmol/integrals/ao_integrals.h"
#include "qmol/integrals/basis_set.h"
#include "qmol/scf/scf.h"
#include "qmol/sim/determinant_engine.h"
#include "qmol/solve/vqe.h"
#include "support/test_paths.h"

namespace {

using namespace qmol;

// SCF + MO integrals once per molecule for the whole benchmark run.
const MolecularHamiltonian& hamiltonian(const std::string& xyz) {
  static std::map<std::string, std::unique_ptr<MolecularHamiltonian>> cache;
  auto& slot = cache[xyz];
  if (!slot) {
    const Molecule molecule = read_xyz(qmol::testing::molecules_dir() + "/" + xyz);
    const AoIntegrals ao = compute_ao_integrals(molecule, load_basis("sto-3g", molecule));
    slot = std::make_unique<MolecularHamiltonian>(
        build_active_space(ao, run_scf(molecule, ao), molecule));
  }
  return *slot;
}

// threaded: the term sweeps on OpenMP threads, or serial, whatever the size (the engine's default
// threads them from 2^15 determinants; H applies in parallel either way).
void energy_and_gradient(benchmark::State& state, const std::string& xyz, bool threaded) {
  const MolecularHamiltonian& h = hamiltonian(xyz);
  const FermionicAnsatz ansatz = uccsd(h.n_orbitals(), h.n_alpha(), h.n_beta());
  DeterminantEngine engine(h, ansatz);
  engine.set_parallel(threaded);
  const std::vector<double> theta = random_parameters(ansatz, 7, 0.05);
  std::vector<double> gradient;
  for (auto _ : state) benchmark::DoNotOptimize(engine.energy_and_gradient(theta, gradient));
  state.counters["parameters"] = ansatz.n_parameters;
  state.counters["determinants"] = static_cast<double>(engine.dimension());
}

void converged_vqe(benchmark::State& state, const std::string& xyz) {
  const MolecularHamiltonian& h = hamiltonian(xyz);
  const FermionicAnsatz ansatz = uccsd(h.n_orbitals(), h.n_alpha(), h.n_beta());
  VqeResult result;
  for (auto _ : state) {
    DeterminantEngine engine(h, ansatz);  // part of the job: term tables, direct-CI tables
    result = run_vqe(engine, mp2_parameters(ansatz, h), OptimizerOptions{});
  }
  state.counters["iterations"] = result.iterations;
  state.counters["evaluations"] = result.evaluations;
  state.counters["converged"] = result.converged;
  state.counters["energy"] = result.energy;
}

}  // namespace

BENCHMARK_CAPTURE(energy_and_gradient, h4, std::string("h4-chain.xyz"), false)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(energy_and_gradient, h6, std::string("h6-chain.xyz"), false)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(energy_and_gradient, h8, std::string("h8-chain.xyz"), false)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(energy_and_gradient, h10, std::string("h10-chain.xyz"), false)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(energy_and_gradient, h10_threaded, std::string("h10-chain.xyz"), true)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(converged_vqe, h2o, std::string("h2o.xyz"))
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK_CAPTURE(converged_vqe, h8, std::string("h8-chain.xyz"))
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);
BENCHMARK_CAPTURE(converged_vqe, h10, std::string("h10-chain.xyz"))
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

BENCHMARK_MAIN();
