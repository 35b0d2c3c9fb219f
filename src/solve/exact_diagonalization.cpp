#include "qmol/solve/exact_diagonalization.h"

#include <Spectra/SymEigsSolver.h>
#include <fmt/format.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>

#include "davidson.h"
#include "h0_block.h"
#include "qmol/core/combinatorics.h"
#include "qmol/core/errors.h"
#include "qmol/core/interrupt.h"
#include "qmol/sim/determinant_hamiltonian.h"
#include "qmol/sim/determinant_space.h"
#include "qmol/sim/spin_operator.h"
#include "qmol/sim/spin_projector.h"

namespace qmol {

namespace {

ExactMethod resolve_method(const ExactOptions& o, double dimension) {
  if (o.method != ExactMethod::automatic) return o.method;
  if (dimension < static_cast<double>(o.dense_threshold)) return ExactMethod::dense;
  return ExactMethod::davidson;
}

int lanczos_vectors(const ExactOptions& o, double dimension) {
  int ncv = o.lanczos_vectors > 0 ? o.lanczos_vectors : (dimension > 1e7 ? 5 : 20);
  ncv = std::max(ncv, 2 * o.roots + 1);  // Spectra needs nev < ncv
  return static_cast<int>(std::min<double>(ncv, dimension));
}

int davidson_subspace(const ExactOptions& o, double dimension) {
  // Spaces of 1e8 determinants (16 orbitals, 8 + 8 electrons: 1.3 GB per vector) keep the
  // current, previous and correction vectors only: 9 vectors in all, 12 GB.
  const int automatic = dimension > 1e8 ? 3 : dimension > 1e7 ? 4 : 8;
  const int m = o.davidson_subspace > 0 ? std::max(2, o.davidson_subspace) : automatic;
  return std::max(m, 3 * o.roots);  // room for the roots, their previous vectors and corrections
}

// Determinants in the H0 block that seeds the iterative solvers and bounds the Lanczos shift:
// about 5 % of the space, 50 to 200 (its dense eigensolve must stay cheap next to the sigma
// builds), and enough for the roots.
std::size_t h0_block_size(const ExactOptions& o, double dimension) {
  const double size = std::max(30.0 * o.roots, std::clamp(dimension / 20.0, 50.0, 200.0));
  return static_cast<std::size_t>(std::min(dimension, size));
}

// S^2's replacement table and reorder masks for one spin.
double spin_operator_bytes(int n, int k) {
  return binomial(n, k) * (4.0 * k * (n - k) + 8.0);
}

const char* method_name(ExactMethod m) {
  switch (m) {
    case ExactMethod::dense:
      return "dense";
    case ExactMethod::lanczos:
      return "lanczos";
    case ExactMethod::davidson:
      return "davidson";
    default:
      return "automatic";
  }
}

// What a solver hands back: the roots' energies and vectors, lowest first.
struct Eigenpairs {
  std::vector<double> energies;
  std::vector<std::vector<double>> vectors;
  int iterations = 0;
};

// Everything the solvers share for one Hamiltonian.
struct Problem {
  const MolecularHamiltonian& hamiltonian;
  const DeterminantSpace& space;
  const DeterminantHamiltonian& h;
  const DeterminantSpinSquared& s_squared;
  std::optional<double> spin;      // the wanted total spin, or none (spin = any)
  const SpinProjector* projector;  // onto `spin`, when that removes something
  int roots;
};

// Dense: S^2 first (its eigenvalues S(S+1) are exact and well separated), then H in each spin
// block, so every root has a definite spin even where energies of two spins coincide.
Eigenpairs solve_dense(const Problem& p) {
  const std::size_t n = p.space.size();
  const Eigen::Index dim = static_cast<Eigen::Index>(n);
  Eigen::MatrixXd hm(dim, dim), s2 = Eigen::MatrixXd::Zero(dim, dim);
  Eigen::VectorXd unit = Eigen::VectorXd::Zero(dim);
  for (Eigen::Index i = 0; i < dim; ++i) {
    unit[i] = 1.0;
    p.h.apply(unit.data(), hm.col(i).data());
    unit[i] = 0.0;
    for (const auto& [j, v] : p.s_squared.column(static_cast<std::size_t>(i)))
      s2(static_cast<Eigen::Index>(j), i) = v;
  }
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> spins(s2);
  if (spins.info() != Eigen::Success)
    throw ConvergenceError("dense diagonalization of the S^2 matrix failed");
  // Group the S^2 eigenvectors by spin (twice S, rounded).
  std::vector<int> twice_spin(dim);
  for (Eigen::Index i = 0; i < dim; ++i)
    twice_spin[i] =
        static_cast<int>(std::lround(2.0 * spin_from_s_squared(spins.eigenvalues()[i])));
  struct Candidate {
    double energy;
    Eigen::VectorXd vector;
  };
  std::vector<Candidate> candidates;
  for (int s = 0; s <= 2 * static_cast<int>(p.space.n_orbitals()); ++s) {
    if (p.spin && s != static_cast<int>(std::lround(2.0 * *p.spin))) continue;
    std::vector<Eigen::Index> members;
    for (Eigen::Index i = 0; i < dim; ++i)
      if (twice_spin[i] == s) members.push_back(i);
    if (members.empty()) continue;
    Eigen::MatrixXd q(dim, static_cast<Eigen::Index>(members.size()));
    for (std::size_t c = 0; c < members.size(); ++c)
      q.col(c) = spins.eigenvectors().col(members[c]);
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> block(q.transpose() * hm * q);
    if (block.info() != Eigen::Success)
      throw ConvergenceError("dense diagonalization of the CI matrix failed");
    for (Eigen::Index c = 0; c < block.eigenvalues().size(); ++c)
      candidates.push_back({block.eigenvalues()[c], q * block.eigenvectors().col(c)});
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.energy < b.energy; });
  Eigenpairs out;
  for (int k = 0; k < p.roots; ++k) {
    out.energies.push_back(candidates[k].energy);
    out.vectors.emplace_back(candidates[k].vector.data(),
                             candidates[k].vector.data() + candidates[k].vector.size());
  }
  return out;
}

// Spectra's operator concept over the direct-CI sigma build.
class SigmaOperator {
 public:
  using Scalar = double;
  explicit SigmaOperator(const DeterminantHamiltonian& h) : h_(h) {}
  Eigen::Index rows() const { return static_cast<Eigen::Index>(h_.space().size()); }
  Eigen::Index cols() const { return rows(); }
  void perform_op(const double* x, double* y) const {
    throw_if_interrupted();
    h_.apply(x, y);
  }

 private:
  const DeterminantHamiltonian& h_;
};

// H P + shift (1 - P) with P the spin projector: the wanted spin keeps its energies, every other
// spin sits at `shift`, above the roots wanted, so the lowest eigenvalues are the spin's own.
// (H commutes with S^2, so H P is symmetric.)
class SpinFilteredSigma {
 public:
  using Scalar = double;
  SpinFilteredSigma(const DeterminantHamiltonian& h, const SpinProjector& projector, double shift)
      : h_(h), projector_(projector), shift_(shift), projected_(h.space().size()) {}
  Eigen::Index rows() const { return static_cast<Eigen::Index>(h_.space().size()); }
  Eigen::Index cols() const { return rows(); }
  void perform_op(const double* x, double* y) const {
    const std::size_t n = projected_.size();
    std::copy(x, x + n, projected_.begin());
    projector_.apply(projected_, scratch_);
    h_.apply(projected_.data(), y);
    const double* px = projected_.data();
#pragma omp parallel for schedule(static) if (n > 100000)
    for (std::size_t i = 0; i < n; ++i) y[i] += shift_ * (x[i] - px[i]);
  }

 private:
  const DeterminantHamiltonian& h_;
  const SpinProjector& projector_;
  double shift_;
  mutable std::vector<double> projected_, scratch_;
};

template <class Op>
Eigenpairs run_spectra(Op op, const ExactOptions& o, double dimension) {
  const int ncv = lanczos_vectors(o, dimension);
  if (ncv <= o.roots)
    throw InputError(fmt::format("Lanczos needs more than {} determinants for {} roots",
                                 static_cast<std::size_t>(dimension), o.roots),
                     {"", 0, "exact.method"});
  Spectra::SymEigsSolver<Op> eigs(op, o.roots, ncv);
  eigs.init();
  eigs.compute(Spectra::SortRule::SmallestAlge, o.max_iterations, o.tolerance,
               Spectra::SortRule::SmallestAlge);
  Eigenpairs out;
  out.iterations = static_cast<int>(eigs.num_iterations());
  if (eigs.info() != Spectra::CompInfo::Successful)
    throw ConvergenceError(fmt::format(
        "Lanczos (Spectra, ncv = {}) did not converge in {} restarts to tolerance {:g}; raise "
        "exact max_iterations or lanczos_vectors",
        ncv, out.iterations, o.tolerance));
  const Eigen::VectorXd values = eigs.eigenvalues();
  const Eigen::MatrixXd vectors = eigs.eigenvectors();
  for (int k = 0; k < o.roots; ++k) {
    out.energies.push_back(values[k]);
    out.vectors.emplace_back(vectors.col(k).data(), vectors.col(k).data() + vectors.rows());
  }
  return out;
}

Eigenpairs solve_lanczos(const Problem& p, const ExactOptions& o) {
  const double n = static_cast<double>(p.space.size());
  if (!p.projector) return run_spectra(SigmaOperator(p.h), o, n);
  // The shift must lie above the wanted roots: the H0 block's Ritz values of the wanted spin
  // bound them from above (Courant-Fischer); the block's spread adds a margin when it holds
  // fewer states of that spin than roots.
  const H0Block block = h0_block(p.hamiltonian, p.space, p.h.diagonal(), p.s_squared, p.spin,
                                 h0_block_size(o, static_cast<double>(p.space.size())));
  const Eigen::Index have = block.energies.size();
  if (have == 0) throw NumericalError("the H0 block holds no state of the wanted spin");
  const double spread = block.energies[have - 1] - block.energies[0];
  const double shift = have >= p.roots ? block.energies[p.roots - 1] + 1.0
                                       : block.energies[have - 1] + 1.0 + 10.0 * spread;
  Eigenpairs out = run_spectra(SpinFilteredSigma(p.h, *p.projector, shift), o, n);
  for (double e : out.energies)
    if (e > shift - 1e-6)
      throw NumericalError(fmt::format(
          "the spin-filtered Lanczos found a root at the filter shift {:.6f} Eh: fewer states of "
          "spin {} than roots below it; use exact method = \"davidson\"",
          shift, *p.spin));
  return out;
}

Eigenpairs solve_davidson(const Problem& p, const ExactOptions& o) {
  const std::size_t n = p.space.size();
  const H0Block block = h0_block(p.hamiltonian, p.space, p.h.diagonal(), p.s_squared, p.spin,
                                 h0_block_size(o, static_cast<double>(n)));
  // The block's lowest vectors plus a small fixed pseudo-random admixture, so that no start is
  // orthogonal to a root of another spatial symmetry. Same bits every run, so a second run makes
  // them again instead of keeping copies (a vector of the largest spaces is over 1 GB).
  const auto make_start = [&] {
    std::vector<std::vector<double>> start;
    const int from_block = static_cast<int>(std::min<Eigen::Index>(p.roots, block.vectors.cols()));
    const double amplitude = 1e-3 * std::sqrt(12.0 / static_cast<double>(n));
    for (int k = 0; k < from_block; ++k) {
      std::vector<double> v(n);
      std::uint64_t state = 0x9E3779B97F4A7C15ULL + 7919ULL * k;
      for (std::size_t i = 0; i < n; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        v[i] = amplitude * (static_cast<double>(state >> 11) * 0x1.0p-53 - 0.5);
      }
      for (std::size_t j = 0; j < block.determinants.size(); ++j)
        v[block.determinants[j]] += block.vectors(static_cast<Eigen::Index>(j), k);
      start.push_back(std::move(v));
    }
    return start;
  };
  DavidsonSettings settings;
  settings.roots = p.roots;
  settings.max_subspace = davidson_subspace(o, static_cast<double>(n));
  settings.max_iterations = o.max_iterations;
  settings.tolerance = o.tolerance;
  settings.on_iteration = o.on_iteration;
  // With a spin target the preconditioner is averaged over spin couplings, so corrections keep
  // the spin and skip most S^2 applications; should rounding still have let another spin in,
  // the run is repeated from the start with every vector projected.
  std::vector<double> averaged;
  if (p.projector) {
    averaged = p.h.spin_averaged_diagonal();
    settings.preconditioner = &averaged;
    settings.pure_corrections = true;
  }
  // Rounding in other spins can also stall the cheap run just above the tolerance; then, as when
  // its result is not pure, the projected run starts again from the same start vectors.
  DavidsonResult d = block_davidson(p.h, make_start(), p.projector, settings);
  if (p.projector) {
    const double target = *p.spin * (*p.spin + 1.0);
    bool pure = true;
    for (const std::vector<double>& v : d.vectors)
      pure = pure && std::abs(p.s_squared.expectation(v.data()) - target) < 1e-8;
    if (!d.converged || !pure) {
      settings.pure_corrections = false;
      const int first = d.iterations;
      d = DavidsonResult{};  // its vectors go before the second run's are made
      d = block_davidson(p.h, make_start(), p.projector, settings);
      d.iterations += first;
    }
  }
  if (!d.converged)
    throw ConvergenceError(fmt::format(
        "Davidson did not converge in {} iterations to residual {:g} (reached {:.3g}); raise "
        "exact max_iterations or davidson_subspace",
        d.iterations, o.tolerance, d.residual));
  Eigenpairs out;
  out.energies = std::move(d.energies);
  out.vectors = std::move(d.vectors);
  out.iterations = d.iterations;
  return out;
}

}  // namespace

void ExactOptions::check() const {
  if (spin != ExactSpin::target && spin != ExactSpin::any)
    throw InputError(fmt::format("spin must be target or any, not {}", static_cast<int>(spin)),
                     {"", 0, "exact.spin"});
  if (roots < 1)
    throw InputError(fmt::format("roots must be at least 1, not {}", roots),
                     {"", 0, "exact.roots"});
  if (!(tolerance > 0.0) || !std::isfinite(tolerance))
    throw InputError(fmt::format("tolerance must be a positive number, not {}", tolerance),
                     {"", 0, "exact.tolerance"});
  if (max_iterations < 1)
    throw InputError(fmt::format("max_iterations must be at least 1, not {}", max_iterations),
                     {"", 0, "exact.max_iterations"});
  if (lanczos_vectors < 0 || lanczos_vectors == 1)
    throw InputError(
        fmt::format("lanczos_vectors must be 0 (automatic) or at least 2, not {}", lanczos_vectors),
        {"", 0, "exact.lanczos_vectors"});
  if (davidson_subspace < 0)
    throw InputError(fmt::format("davidson_subspace must be 0 (automatic) or at least 2, not {}",
                                 davidson_subspace),
                     {"", 0, "exact.davidson_subspace"});
  if (memory_limit_bytes < 0 || !std::isfinite(memory_limit_bytes))
    throw InputError(fmt::format("memory_limit_bytes must be 0 (no limit) or positive, not {}",
                                 memory_limit_bytes),
                     {"", 0, "exact.memory_limit_bytes"});
}

double count_target_spin_states(int n_orbitals, int n_alpha, int n_beta) {
  const int step = n_alpha >= n_beta ? 1 : -1;
  return DeterminantSpace::count(n_orbitals, n_alpha, n_beta) -
         DeterminantSpace::count(n_orbitals, n_alpha + step, n_beta - step);
}

const ExactRoot* lowest_root_of_spin(const ExactResult& result, double spin) {
  constexpr double kSpinTolerance = 1e-3;
  for (const ExactRoot& root : result.roots)
    if (std::abs(root.s_squared - spin * (spin + 1.0)) <= kSpinTolerance) return &root;
  return nullptr;
}

double estimate_exact_memory_bytes(int n_orbitals, int n_alpha, int n_beta,
                                   const ExactOptions& options) {
  const double dimension = DeterminantSpace::count(n_orbitals, n_alpha, n_beta);
  double tables = spin_operator_bytes(n_orbitals, n_alpha);
  if (n_beta != n_alpha) tables += spin_operator_bytes(n_orbitals, n_beta);
  const double block = static_cast<double>(h0_block_size(options, dimension));
  const double h0 = 8.0 * block * block * 5.0;
  double vectors = 0.0;
  const ExactMethod method = resolve_method(options, dimension);
  switch (method) {
    case ExactMethod::dense:  // H, S^2, its eigenvectors, one spin block and its eigenvectors
      vectors = 8.0 * dimension * (5.0 * dimension + 4.0);
      break;
    case ExactMethod::lanczos:  // Spectra's basis, its work vectors, the filter's two
      vectors = 8.0 * dimension * (lanczos_vectors(options, dimension) + options.roots + 6.0);
      break;
    default:  // basis, sigma vectors, projector scratch, spin-averaged preconditioner
      vectors = 8.0 * dimension * (2.0 * davidson_subspace(options, dimension) + 2.0);
  }
  // Davidson applies H in place; Lanczos and the dense path through a converted copy.
  const bool in_place = method == ExactMethod::davidson;
  return DeterminantHamiltonian::memory_estimate(n_orbitals, n_alpha, n_beta, in_place) + tables +
         vectors + h0;
}

ExactResult exact_ground_state(const MolecularHamiltonian& hamiltonian,
                               const ExactOptions& options) {
  options.check();
  const int n = hamiltonian.n_orbitals();
  const int na = hamiltonian.n_alpha(), nb = hamiltonian.n_beta();
  const double dimension = DeterminantSpace::count(n, na, nb);
  const bool target = options.spin == ExactSpin::target;
  const double available = target ? count_target_spin_states(n, na, nb) : dimension;
  if (options.roots > available)
    throw InputError(
        fmt::format("{} roots asked, but {} orbitals with {} alpha and {} beta electrons hold only "
                    "{} states{}; ask for fewer roots",
                    options.roots, n, na, nb, available,
                    target ? fmt::format(" of spin S = {}", 0.5 * std::abs(na - nb)) : ""),
        {"", 0, "exact.roots"});
  if (options.memory_limit_bytes > 0) {
    const double need = estimate_exact_memory_bytes(n, na, nb, options);
    if (need > options.memory_limit_bytes)
      throw ResourceError(
          fmt::format("exact diagonalization of {:.4g} determinants ({} orbitals, {} alpha, {} "
                      "beta) needs about {:.3g} GiB, more than the limit of {:.3g} GiB; choose a "
                      "smaller active space",
                      dimension, n, na, nb, need / 1073741824.0,
                      options.memory_limit_bytes / 1073741824.0),
          {"", 0, "exact.memory_limit_bytes"});
  }
  const DeterminantSpace space(n, na, nb);
  const DeterminantHamiltonian h(hamiltonian, space);
  const DeterminantSpinSquared s_squared(space);
  std::optional<double> spin;
  std::optional<SpinProjector> projector;
  if (target) {
    spin = 0.5 * std::abs(na - nb);
    projector.emplace(s_squared, *spin);
  }
  const Problem problem{
      hamiltonian,  space, h,
      s_squared,    spin,  projector && projector->n_factors() > 0 ? &*projector : nullptr,
      options.roots};
  ExactMethod method = resolve_method(options, dimension);
  if (space.size() == 1) method = ExactMethod::dense;
  Eigenpairs pairs;
  if (method == ExactMethod::dense)
    pairs = solve_dense(problem);
  else if (method == ExactMethod::lanczos)
    pairs = solve_lanczos(problem, options);
  else
    pairs = solve_davidson(problem, options);

  ExactResult r;
  r.method = method_name(method);
  r.iterations = pairs.iterations;
  r.converged = true;
  r.n_determinants = space.size();
  for (std::size_t k = 0; k < pairs.energies.size(); ++k) {
    if (!std::isfinite(pairs.energies[k]))
      throw NumericalError("an exact eigenvalue is not finite");
    r.roots.push_back({pairs.energies[k], s_squared.expectation(pairs.vectors[k].data())});
  }
  r.energy = r.roots.front().energy;
  r.s_squared = r.roots.front().s_squared;
  if (options.want_ground_state) r.ground_state = std::move(pairs.vectors.front());
  return r;
}

}  // namespace qmol
