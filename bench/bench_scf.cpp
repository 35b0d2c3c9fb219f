// RHF/6-31G* of drug-sized molecules: integrals + SCF, the way a job runs them.
// Psi4 1.3.2 (scf_type pk, one thread) on the reference machine: caffeine 196 s, aspirin 118 s.
// And the screening's case: caffeine in STO-3G, integrals + SCF with the default stability
// analysis, and one J/K build from the stored integrals.
#include <benchmark/benchmark.h>

#include <string>

#include "qmol/chem/xyz.h"
#include "qmol/integrals/jk_builder.h"
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

void caffeine_sto3g(benchmark::State& state) {
  const qmol::Molecule molecule = qmol::read_xyz(qmol::testing::molecules_dir() + "/caffeine.xyz");
  const qmol::BasisSet basis = qmol::load_basis("sto-3g", molecule);
  const int threads = static_cast<int>(state.range(0));
  qmol::ScfOptions options;
  options.threads = threads;
  for (auto _ : state) {
    const qmol::AoIntegrals ints = qmol::compute_ao_integrals(molecule, basis, threads);
    benchmark::DoNotOptimize(qmol::run_scf(molecule, ints, options).energy);
  }
}

// One J/K build for state.range(1) densities (the SCF density, repeated).
void jk_caffeine_sto3g(benchmark::State& state) {
  const qmol::Molecule molecule = qmol::read_xyz(qmol::testing::molecules_dir() + "/caffeine.xyz");
  const qmol::BasisSet basis = qmol::load_basis("sto-3g", molecule);
  const int threads = static_cast<int>(state.range(0));
  const qmol::AoIntegrals ints = qmol::compute_ao_integrals(molecule, basis, threads);
  qmol::ScfOptions options;
  options.threads = threads;
  options.stability = qmol::Stability::none;
  const qmol::ScfResult scf = qmol::run_scf(molecule, ints, options);
  const Eigen::MatrixXd c = scf.coefficients_alpha.leftCols(scf.n_alpha);
  const std::vector<Eigen::MatrixXd> densities(state.range(1), c * c.transpose());
  std::vector<Eigen::MatrixXd> coulomb, exchange;
  for (auto _ : state) {
    qmol::build_jk(ints.eris, densities, coulomb, exchange, threads);
    benchmark::DoNotOptimize(coulomb[0].data());
  }
  state.counters["stored_values"] = static_cast<double>(ints.eris.stored_values());
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
QMOL_SCF_BENCH(caffeine_sto3g);
BENCHMARK(jk_caffeine_sto3g)
    ->Args({1, 1})
    ->Args({1, 5})
    ->Args({2, 1})
    ->Repetitions(5)
    ->ReportAggregatesOnly()
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
