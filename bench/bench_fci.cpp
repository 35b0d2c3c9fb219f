// Direct-CI sigma build and exact solves on random molecular-like Hamiltonians at half filling.
#include <benchmark/benchmark.h>

#include <bit>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <random>
#include <string>

#include "qmol/active_space/active_space.h"
#include "qmol/active_space/orbital_optimization.h"
#include "qmol/chem/xyz.h"
#include "qmol/integrals/ao_integrals.h"
#include "qmol/scf/scf.h"
#include "qmol/sim/determinant_hamiltonian.h"
#include "qmol/sim/determinant_space.h"
#include "qmol/sim/reduced_density.h"
#include "qmol/sim/spin_operator.h"
#include "qmol/solve/exact_diagonalization.h"
#include "support/random_hamiltonian.h"
#include "support/test_paths.h"

namespace {

qmol::MolecularHamiltonian random_hamiltonian(int n, int n_alpha, int n_beta) {
  std::mt19937_64 rng(12345);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  Eigen::MatrixXd h(n, n);
  for (int p = 0; p < n; ++p)
    for (int q = 0; q <= p; ++q) h(p, q) = h(q, p) = (p == q ? -2.0 + 0.3 * p : 0.1 * u(rng));
  const std::vector<double> g = qmol::testing::symmetric_eris(n, [&](int p, int q, int r, int s) {
    return (p == q && r == s) ? 0.5 + 0.05 * u(rng) : 0.02 * u(rng);
  });
  return qmol::MolecularHamiltonian(0.0, h, g, n_alpha, n_beta);
}

// A CI vector like a singlet's: symmetric under the exchange of alpha and beta strings in the
// alpha-then-beta phases (so the sigma takes its spin-flip shortcut), returned with the
// interleaved phases that DeterminantHamiltonian::apply takes.
std::vector<double> singlet_like_vector(const qmol::DeterminantSpace& space) {
  const std::size_t n = space.n_alpha_strings();
  std::vector<double> c(space.size());
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t mask = qmol::DeterminantSpace::reorder_mask(space.alpha_string(i));
    for (std::size_t j = 0; j < n; ++j) {
      const double v = 1.0 / (1.0 + static_cast<double>(i + j));
      c[i * n + j] = std::popcount(space.beta_string(j) & mask) & 1 ? -v : v;
    }
  }
  return c;
}

// Args: spatial orbitals (electrons n/2 + n/2), vector (0 = singlet-like, 1 = no symmetry).
void BM_sigma(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const auto ham = random_hamiltonian(n, n / 2, n / 2);
  const qmol::DeterminantSpace space(n, n / 2, n / 2);
  const qmol::DeterminantHamiltonian h(ham, space);
  std::vector<double> in = singlet_like_vector(space), out(space.size());
  if (state.range(1) == 1) in[1] += 1e-3;  // breaks the exchange symmetry
  for (auto _ : state) {
    h.apply(in.data(), out.data());
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["determinants"] = static_cast<double>(space.size());
}
BENCHMARK(BM_sigma)
    ->ArgNames({"orbitals", "general"})
    ->ArgsProduct({{4, 8, 10, 12, 14}, {0, 1}})
    ->Unit(benchmark::kMillisecond);

// One application of S^2 (the spin projector applies it once per spin it removes).
void BM_s_squared(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const qmol::DeterminantSpace space(n, n / 2, n / 2);
  const qmol::DeterminantSpinSquared s_squared(space);
  std::vector<double> in = singlet_like_vector(space), out(space.size());
  for (auto _ : state) {
    s_squared.apply(in.data(), out.data());
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(BM_s_squared)->Arg(10)->Arg(12)->Arg(14)->Unit(benchmark::kMillisecond);

// Spin-summed 1- and 2-RDMs of one state, (n/2 + n/2 electrons, n orbitals); (10e,10o) is the
// issue's case (63,504 determinants).
void BM_reduced_densities(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const qmol::DeterminantSpace space(n, n / 2, n / 2);
  const std::vector<double> c = singlet_like_vector(space);
  for (auto _ : state) {
    const qmol::ReducedDensities d = qmol::reduced_densities(space, c.data());
    benchmark::DoNotOptimize(d.two.data());
  }
  state.counters["determinants"] = static_cast<double>(space.size());
}
BENCHMARK(BM_reduced_densities)->Arg(8)->Arg(10)->Unit(benchmark::kMillisecond);

void BM_exact_solve(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const auto ham = random_hamiltonian(n, n / 2, n / 2);
  for (auto _ : state) {
    const qmol::ExactResult r = qmol::exact_ground_state(ham);
    state.counters["iterations"] = r.iterations;
    benchmark::DoNotOptimize(r.energy);
  }
}
BENCHMARK(BM_exact_solve)->Arg(10)->Arg(12)->Unit(benchmark::kMillisecond);

// FCI of a molecule from molecules/ in STO-3G on RHF orbitals (H2O: 441 determinants, N2:
// 14,400, singlet O2: 2,025). Args: spin (0 = target, the default; 1 = any), method
// (ExactMethod: 0 automatic, 1 dense, 2 lanczos, 3 davidson).
const qmol::MolecularHamiltonian& molecule_hamiltonian(const std::string& xyz) {
  static std::map<std::string, qmol::MolecularHamiltonian> cache;
  auto it = cache.find(xyz);
  if (it == cache.end()) {
    const qmol::Molecule molecule = qmol::read_xyz(qmol::testing::molecules_dir() + "/" + xyz);
    const qmol::AoIntegrals ao =
        qmol::compute_ao_integrals(molecule, qmol::load_basis("sto-3g", molecule));
    it = cache.emplace(xyz, qmol::build_active_space(ao, qmol::run_scf(molecule, ao), molecule))
             .first;
  }
  return it->second;
}

void BM_exact_molecule(benchmark::State& state, const char* xyz) {
  const qmol::MolecularHamiltonian& ham = molecule_hamiltonian(xyz);
  qmol::ExactOptions options;
  if (state.range(0) == 1) options.spin = qmol::ExactSpin::any;
  options.method = static_cast<qmol::ExactMethod>(state.range(1));
  for (auto _ : state) {
    const qmol::ExactResult r = qmol::exact_ground_state(ham, options);
    state.counters["iterations"] = r.iterations;
    state.counters["energy"] = r.energy;
    benchmark::DoNotOptimize(r.energy);
  }
}
void exact_molecule_args(benchmark::internal::Benchmark* b) {
  b->ArgNames({"any", "method"})->Unit(benchmark::kMillisecond);
  for (int spin : {0, 1})
    for (int method : {0, 2, 3}) b->Args({spin, method});
}
BENCHMARK_CAPTURE(BM_exact_molecule, h2o, "h2o.xyz")->Apply(exact_molecule_args);
BENCHMARK_CAPTURE(BM_exact_molecule, n2, "n2.xyz")->Apply(exact_molecule_args);
BENCHMARK_CAPTURE(BM_exact_molecule, o2, "o2.xyz")->Apply(exact_molecule_args);

}  // namespace

// The 16-orbital (8 + 8) case, 1.66e8 determinants and several GB, only when QMOL_BENCH_BIG is set.
int main(int argc, char** argv) {
  if (std::getenv("QMOL_BENCH_BIG"))
    benchmark::RegisterBenchmark("BM_sigma_16", BM_sigma)
        ->Args({16, 0})
        ->Unit(benchmark::kSecond)
        ->Iterations(1);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

// One CASSCF macro-iteration of H2O/cc-pVDZ CAS(8e,8o) (1 inactive orbital, 4,900 determinants):
// the active-space integrals of the orbitals, the exact solve, the densities and the orbital
// gradient, as optimize_orbitals() does per step.
void BM_casscf_macro_iteration(benchmark::State& state) {
  const qmol::Molecule molecule = qmol::read_xyz(qmol::testing::molecules_dir() + "/h2o.xyz");
  const qmol::AoIntegrals ao =
      qmol::compute_ao_integrals(molecule, qmol::load_basis("cc-pvdz", molecule));
  const qmol::ScfResult scf = qmol::run_scf(molecule, ao);
  qmol::OrbitalSpaces spaces;
  spaces.coefficients = scf.coefficients_alpha;
  spaces.n_inactive = 1;
  spaces.n_active = 8;
  spaces.n_alpha = spaces.n_beta = 4;
  qmol::ExactOptions exact;
  exact.want_ground_state = true;
  for (auto _ : state) {
    const qmol::ActiveOrbitalIntegrals mo = qmol::active_orbital_integrals(ao, spaces);
    const qmol::ExactResult r = qmol::exact_ground_state(mo.hamiltonian, exact);
    qmol::ReducedDensities d =
        qmol::reduced_densities(qmol::DeterminantSpace(8, 4, 4), r.ground_state.data());
    const qmol::OrbitalGradient g =
        qmol::orbital_gradient(ao, spaces, mo, {r.energy, std::move(d.one), std::move(d.two)});
    benchmark::DoNotOptimize(g.gradient.data());
  }
}
BENCHMARK(BM_casscf_macro_iteration)->Unit(benchmark::kMillisecond);
