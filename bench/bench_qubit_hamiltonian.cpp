// Direct assembly of qubit Hamiltonians from synthetic integrals of realistic sizes:
// 7 orbitals (H2O/STO-3G, 14 qubits) and 28 orbitals (H2/cc-pVTZ, 56 qubits). The integrals are
// dense random values with the 8-fold symmetry, a worst case: real molecules have many
// symmetry zeros and so fewer terms.
#include <benchmark/benchmark.h>

#include <random>

#include "qmol/qubit/qubit_hamiltonian.h"

namespace {

qmol::MolecularHamiltonian synthetic_hamiltonian(int n, int n_electrons_per_spin) {
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  Eigen::MatrixXd h(n, n);
  for (int p = 0; p < n; ++p)
    for (int q = 0; q <= p; ++q) h(p, q) = h(q, p) = u(rng);
  std::vector<double> g(static_cast<std::size_t>(n) * n * n * n);
  auto at = [&](int p, int q, int r, int s) -> double& {
    return g[((static_cast<std::size_t>(p) * n + q) * n + r) * n + s];
  };
  for (int p = 0; p < n; ++p)
    for (int q = 0; q <= p; ++q)
      for (int r = 0; r < n; ++r)
        for (int s = 0; s <= r; ++s) {
          if (p * n + q < r * n + s) continue;
          const double v = 0.1 * u(rng);
          at(p, q, r, s) = at(q, p, r, s) = at(p, q, s, r) = at(q, p, s, r) = v;
          at(r, s, p, q) = at(s, r, p, q) = at(r, s, q, p) = at(s, r, q, p) = v;
        }
  return qmol::MolecularHamiltonian(1.0, h, g, n_electrons_per_spin, n_electrons_per_spin);
}

void assemble(benchmark::State& state, int n_orbitals, int n_electrons_per_spin,
              qmol::Mapping mapping, bool reduce) {
  const qmol::MolecularHamiltonian h = synthetic_hamiltonian(n_orbitals, n_electrons_per_spin);
  std::size_t terms = 0;
  for (auto _ : state) {
    const qmol::QubitOperator op = qmol::qubit_hamiltonian(h, mapping, reduce);
    terms = op.size();
    benchmark::DoNotOptimize(terms);
  }
  state.counters["terms"] = static_cast<double>(terms);
}

void BM_h2o_sto3g_jw(benchmark::State& s) {
  assemble(s, 7, 5, qmol::Mapping::jordan_wigner, false);
}
void BM_h2o_sto3g_bk(benchmark::State& s) {
  assemble(s, 7, 5, qmol::Mapping::bravyi_kitaev, false);
}
void BM_h2o_sto3g_parity_2q(benchmark::State& s) {
  assemble(s, 7, 5, qmol::Mapping::parity, true);
}
void BM_h2_ccpvtz_jw(benchmark::State& s) {
  assemble(s, 28, 1, qmol::Mapping::jordan_wigner, false);
}
void BM_h2_ccpvtz_bk(benchmark::State& s) {
  assemble(s, 28, 1, qmol::Mapping::bravyi_kitaev, false);
}

}  // namespace

BENCHMARK(BM_h2o_sto3g_jw)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_h2o_sto3g_bk)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_h2o_sto3g_parity_2q)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_h2_ccpvtz_jw)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_h2_ccpvtz_bk)->Unit(benchmark::kMillisecond)->Iterations(3);

BENCHMARK_MAIN();
