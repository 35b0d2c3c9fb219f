// RHF/6-31G* of drug-sized molecules: integrals + SCF, the way a job runs them.
// Psi4 1.3.2 (scf_type pk, one thread) on the reference machine: caffeine 196 s, aspirin 118 s.
#include <benchmark/benchmark.h>

#include <string>

#include "qmol/chem/xyz.h"
#include "qmol/scf/scf.h"
#include "support/test_paths.h"

namespace {

void rhf_631gs(benchmark::State& state, const std::string& stem) {
  const qmol::Molecule molecule =
      qmol::read_xyz(qmol::testing::molecules_dir() + "/" + stem + ".xyz");
  const qmol::BasisSet basis = qmol::load_basis("6-31g*", molecule);
  const int threads = static_cast<int>(state.range(0));
  qmol::ScfOptions options;
  options.threads = threads;
  double energy = 0.0;
  int iterations = 0;
  for (auto _ : state) {
    const qmol::AoIntegrals ints = qmol::compute_ao_integrals(molecule, basis, threads);
    const qmol::ScfResult result = qmol::run_scf(molecule, ints, options);
    energy = result.energy;
    iterations = result.iterations;
    benchmark::DoNotOptimize(energy);
  }
  state.counters["energy"] = energy;
  state.counters["iterations"] = iterations;
  state.counters["functions"] = basis.n_functions();
}

void caffeine(benchmark::State& state) {
  rhf_631gs(state, "caffeine");
}
void aspirin(benchmark::State& state) {
  rhf_631gs(state, "aspirin");
}
void glycine(benchmark::State& state) {
  rhf_631gs(state, "glycine");
}

// Medians of a few repetitions; real time, since the work runs on several threads.
#define QMOL_SCF_BENCH(fn)     \
  BENCHMARK(fn)                \
      ->Arg(1)                 \
      ->Arg(2)                 \
      ->Iterations(1)          \
      ->Repetitions(3)         \
      ->ReportAggregatesOnly() \
      ->UseRealTime()          \
      ->Unit(benchmark::kSecond)

QMOL_SCF_BENCH(glycine);
QMOL_SCF_BENCH(aspirin);
QMOL_SCF_BENCH(caffeine);

}  // namespace

BENCHMARK_MAIN();
