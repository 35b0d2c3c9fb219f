// Direct assembly of qubit Hamiltonians from synthetic integrals of realistic sizes:
// 7 orbitals (H2O/STO-3G, 14 qubits) and 28 orbitals (H2/cc-pVTZ, 56 qubits). The integrals are
// dense random values with the 8-fold symmetry, a worst case: real molecules have many
// symmetry zeros and so fewer terms. And one real molecule: N2/cc-pVDZ with the two 1s orbitals
// frozen, 10 electrons in 26 orbitals (52 qubits), from integrals + RHF outside the timed loop.
// The *_majorana cases run the generic Majorana path on the Jordan-Wigner images, for comparison
// with the closed-form builder. CPU time is the process's (all OpenMP threads).
#include <benchmark/benchmark.h>

#include <random>

#include "qmol/active_space/active_space.h"
#include "qmol/chem/xyz.h"
#include "qmol/integrals/ao_integrals.h"
#include "qmol/integrals/basis_set.h"
#include "qmol/qubit/jordan_wigner.h"
#include "qmol/qubit/qubit_hamiltonian.h"
#include "qmol/scf/scf.h"
#include "support/random_hamiltonian.h"
#include "support/test_paths.h"

namespace {

qmol::MolecularHamiltonian synthetic_hamiltonian(int n, int n_electrons_per_spin) {
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  Eigen::MatrixXd h(n, n);
  for (int p = 0; p < n; ++p)
    for (int q = 0; q <= p; ++q) h(p, q) = h(q, p) = u(rng);
  const std::vector<double> g =
      qmol::testing::symmetric_eris(n, [&](int, int, int, int) { return 0.1 * u(rng); });
  return qmol::MolecularHamiltonian(1.0, h, g, n_electrons_per_spin, n_electrons_per_spin);
}

qmol::MolecularHamiltonian n2_ccpvdz() {
  const qmol::Molecule molecule = qmol::read_xyz(qmol::testing::molecules_dir() + "/n2.xyz");
  const qmol::AoIntegrals ao =
      qmol::compute_ao_integrals(molecule, qmol::load_basis("cc-pvdz", molecule));
  qmol::ActiveSpaceOptions options;
  options.frozen_core = true;
  return qmol::build_active_space(ao, qmol::run_scf(molecule, ao), molecule, options);
}

// majorana: the generic path on the Jordan-Wigner images instead of qubit_hamiltonian(h, mapping).
void assemble_hamiltonian(benchmark::State& state, const qmol::MolecularHamiltonian& h,
                          qmol::Mapping mapping, bool reduce, bool majorana = false) {
  std::size_t terms = 0;
  for (auto _ : state) {
    const qmol::QubitOperator op =
        majorana ? qmol::qubit_hamiltonian(h, qmol::jordan_wigner_majoranas(h.n_spin_orbitals()))
                 : qmol::qubit_hamiltonian(h, mapping, reduce);
    terms = op.size();
    benchmark::DoNotOptimize(terms);
  }
  state.counters["terms"] = static_cast<double>(terms);
  state.counters["qubits"] = h.n_spin_orbitals();
}

void assemble(benchmark::State& state, int n_orbitals, int n_electrons_per_spin,
              qmol::Mapping mapping, bool reduce, bool majorana = false) {
  assemble_hamiltonian(state, synthetic_hamiltonian(n_orbitals, n_electrons_per_spin), mapping,
                       reduce, majorana);
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
void BM_h2o_sto3g_jw_majorana(benchmark::State& s) {
  assemble(s, 7, 5, qmol::Mapping::jordan_wigner, false, true);
}
void BM_h2_ccpvtz_jw_majorana(benchmark::State& s) {
  assemble(s, 28, 1, qmol::Mapping::jordan_wigner, false, true);
}
const qmol::MolecularHamiltonian& n2() {
  static const qmol::MolecularHamiltonian h = n2_ccpvdz();
  return h;
}
void BM_n2_ccpvdz_jw(benchmark::State& s) {
  assemble_hamiltonian(s, n2(), qmol::Mapping::jordan_wigner, false);
}
void BM_n2_ccpvdz_jw_majorana(benchmark::State& s) {
  assemble_hamiltonian(s, n2(), qmol::Mapping::jordan_wigner, false, true);
}

}  // namespace

BENCHMARK(BM_h2o_sto3g_jw)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();
BENCHMARK(BM_h2o_sto3g_bk)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();
BENCHMARK(BM_h2o_sto3g_parity_2q)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();
BENCHMARK(BM_h2_ccpvtz_jw)->Unit(benchmark::kMillisecond)->Iterations(3)->MeasureProcessCPUTime();
BENCHMARK(BM_h2_ccpvtz_bk)->Unit(benchmark::kMillisecond)->Iterations(3)->MeasureProcessCPUTime();
BENCHMARK(BM_n2_ccpvdz_jw)->Unit(benchmark::kMillisecond)->Iterations(3)->MeasureProcessCPUTime();
BENCHMARK(BM_h2o_sto3g_jw_majorana)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();
BENCHMARK(BM_h2_ccpvtz_jw_majorana)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->MeasureProcessCPUTime();
BENCHMARK(BM_n2_ccpvdz_jw_majorana)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->MeasureProcessCPUTime();

BENCHMARK_MAIN();
