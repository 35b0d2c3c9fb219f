#include "qmol/solve/exact_diagonalization.h"

#include <Spectra/SymEigsSolver.h>
#include <fmt/format.h>
#include <omp.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "qmol/core/errors.h"
#include "qmol/sim/determinant_hamiltonian.h"
#include "qmol/sim/determinant_space.h"

namespace qmol {

namespace {

double binomial(int n, int k) {
  if (k < 0 || k > n) return 0.0;
  return std::round(
      std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0)));
}

ExactMethod resolve_method(const ExactOptions& o, double dimension) {
  if (o.method != ExactMethod::automatic) return o.method;
  if (dimension < static_cast<double>(o.dense_threshold)) return ExactMethod::dense;
  if (dimension <= static_cast<double>(o.lanczos_max_dimension)) return ExactMethod::lanczos;
  return ExactMethod::davidson;
}

int lanczos_vectors(const ExactOptions& o, double dimension) {
  int ncv = o.lanczos_vectors > 0 ? o.lanczos_vectors : (dimension > 1e7 ? 5 : 20);
  return static_cast<int>(std::min<double>(ncv, dimension));
}

int davidson_subspace(const ExactOptions& o, double dimension) {
  if (o.davidson_subspace > 0) return std::max(2, o.davidson_subspace);
  return dimension > 1e7 ? 4 : 8;
}

// The string tables of one spin: replacement lists and the sparse same-spin Hamiltonian.
double spin_table_bytes(int n, int k) {
  const double strings = binomial(n, k);
  const double singles = k * (n - k + 1.0);
  const double row_entries = 1.0 + k * (n - k) + binomial(k, 2) * binomial(n - k, 2);
  return strings * (8.0 * singles + 2.0 * 12.0 * row_entries + 8.0);  // x2: build temporaries
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

// Spectra's operator concept over the direct-CI sigma build.
class SigmaOperator {
 public:
  using Scalar = double;
  explicit SigmaOperator(const DeterminantHamiltonian& h) : h_(h) {}
  Eigen::Index rows() const { return static_cast<Eigen::Index>(h_.space().size()); }
  Eigen::Index cols() const { return rows(); }
  void perform_op(const double* x, double* y) const { h_.apply(x, y); }

 private:
  const DeterminantHamiltonian& h_;
};

ExactResult solve_dense(const DeterminantHamiltonian& h, const ExactOptions& o) {
  const std::size_t n = h.space().size();
  Eigen::MatrixXd m(n, n);
  Eigen::VectorXd unit = Eigen::VectorXd::Zero(n);
  for (std::size_t i = 0; i < n; ++i) {
    unit[i] = 1.0;
    h.apply(unit.data(), m.col(i).data());
    unit[i] = 0.0;
  }
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(
      m, o.want_ground_state ? Eigen::ComputeEigenvectors : Eigen::EigenvaluesOnly);
  if (eigen.info() != Eigen::Success)
    throw ConvergenceError("dense diagonalization of the CI matrix failed");
  ExactResult r;
  r.energy = eigen.eigenvalues()[0];
  r.converged = true;
  if (o.want_ground_state) {
    const Eigen::VectorXd v = eigen.eigenvectors().col(0);
    r.ground_state.assign(v.data(), v.data() + n);
  }
  return r;
}

ExactResult solve_lanczos(const DeterminantHamiltonian& h, const ExactOptions& o) {
  const double n = static_cast<double>(h.space().size());
  SigmaOperator op(h);
  const int ncv = lanczos_vectors(o, n);
  if (ncv < 2) throw InputError("Lanczos needs a space of at least 2 determinants");
  Spectra::SymEigsSolver<SigmaOperator> eigs(op, 1, ncv);
  eigs.init();
  eigs.compute(Spectra::SortRule::SmallestAlge, o.max_iterations, o.tolerance,
               Spectra::SortRule::SmallestAlge);
  ExactResult r;
  r.iterations = static_cast<int>(eigs.num_iterations());
  if (eigs.info() != Spectra::CompInfo::Successful)
    throw ConvergenceError(fmt::format(
        "Lanczos (Spectra, ncv = {}) did not converge in {} restarts to tolerance {:g}; raise "
        "exact max_iterations or lanczos_vectors",
        ncv, r.iterations, o.tolerance));
  r.energy = eigs.eigenvalues()[0];
  r.converged = true;
  if (o.want_ground_state) {
    const Eigen::VectorXd v = eigs.eigenvectors().col(0);
    r.ground_state.assign(v.data(), v.data() + v.size());
  }
  return r;
}

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  const std::size_t n = a.size();
  double s = 0.0;
#pragma omp parallel for reduction(+ : s) schedule(static) if (n > 100000)
  for (std::size_t i = 0; i < n; ++i) s += a[i] * b[i];
  return s;
}

// y += alpha * x
void axpy(double alpha, const std::vector<double>& x, std::vector<double>& y) {
  const std::size_t n = x.size();
#pragma omp parallel for schedule(static) if (n > 100000)
  for (std::size_t i = 0; i < n; ++i) y[i] += alpha * x[i];
}

void scale(double alpha, std::vector<double>& x) {
  const std::size_t n = x.size();
#pragma omp parallel for schedule(static) if (n > 100000)
  for (std::size_t i = 0; i < n; ++i) x[i] *= alpha;
}

// Davidson with the diagonal preconditioner, collapsing to the current Ritz vector when the
// subspace is full: memory is (2 * subspace + 4) vectors, the reason to use it for big spaces.
ExactResult solve_davidson(const DeterminantHamiltonian& h, const ExactOptions& o) {
  const std::size_t n = h.space().size();
  const int m = static_cast<int>(std::min<std::size_t>(davidson_subspace(o, n), n));
  const std::vector<double>& diag = h.diagonal();
  std::vector<std::vector<double>> basis, sigma;
  basis.reserve(m);
  sigma.reserve(m);
  // Start: the lowest determinant plus a small fixed pseudo-random admixture, so that the start
  // is not orthogonal to a ground state of another spatial symmetry. Same bits every run.
  std::vector<double> next(n);
  const std::size_t lowest = std::min_element(diag.begin(), diag.end()) - diag.begin();
  std::uint64_t state = 0x9E3779B97F4A7C15ULL;
  for (std::size_t i = 0; i < n; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    next[i] = 1e-3 * (static_cast<double>(state >> 11) * 0x1.0p-53 - 0.5);
  }
  next[lowest] = 1.0;
  scale(1.0 / std::sqrt(dot(next, next)), next);
  std::vector<double> x(n), hx(n);
  Eigen::MatrixXd small(m, m);
  ExactResult r;
  double theta = 0.0;
  for (int it = 1; it <= o.max_iterations; ++it) {
    basis.push_back(std::move(next));
    sigma.emplace_back(n);
    h.apply(basis.back().data(), sigma.back().data());
    const int k = static_cast<int>(basis.size());
    for (int i = 0; i < k; ++i) small(i, k - 1) = small(k - 1, i) = dot(basis[i], sigma[k - 1]);
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(small.topLeftCorner(k, k));
    theta = eigen.eigenvalues()[0];
    const Eigen::VectorXd y = eigen.eigenvectors().col(0);
    std::fill(x.begin(), x.end(), 0.0);
    std::fill(hx.begin(), hx.end(), 0.0);
    for (int i = 0; i < k; ++i) {
      axpy(y[i], basis[i], x);
      axpy(y[i], sigma[i], hx);
    }
    // Residual and preconditioned correction in one pass.
    next.assign(n, 0.0);
    double residual2 = 0.0;
#pragma omp parallel for reduction(+ : residual2) schedule(static) if (n > 100000)
    for (std::size_t i = 0; i < n; ++i) {
      const double ri = hx[i] - theta * x[i];
      residual2 += ri * ri;
      double denominator = theta - diag[i];
      if (std::abs(denominator) < 1e-8) denominator = denominator < 0 ? -1e-8 : 1e-8;
      next[i] = ri / denominator;
    }
    r.iterations = it;
    if (std::sqrt(residual2) < o.tolerance) {
      r.converged = true;
      break;
    }
    if (k == m) {  // collapse onto the Ritz vector (x keeps a copy for the caller)
      basis.resize(1);
      sigma.resize(1);
      basis[0] = x;
      std::swap(sigma[0], hx);
      small(0, 0) = theta;
    }
    for (int pass = 0; pass < 2; ++pass)
      for (const auto& b : basis) axpy(-dot(b, next), b, next);
    const double norm = std::sqrt(dot(next, next));
    if (norm < 1e-14) {  // the subspace already holds the eigenvector to machine precision
      r.converged = true;
      break;
    }
    scale(1.0 / norm, next);
  }
  if (!r.converged)
    throw ConvergenceError(fmt::format(
        "Davidson did not converge in {} iterations to residual {:g}; raise exact max_iterations",
        o.max_iterations, o.tolerance));
  r.energy = theta;
  if (o.want_ground_state) {
    r.ground_state = x;
  }
  return r;
}

}  // namespace

void ExactOptions::check() const {
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

double estimate_exact_memory_bytes(int n_orbitals, int n_alpha, int n_beta,
                                   const ExactOptions& options) {
  const double dimension = DeterminantSpace::count(n_orbitals, n_alpha, n_beta);
  const double n_beta_strings = binomial(n_orbitals, n_beta);
  const double pairs = n_orbitals * (n_orbitals + 1.0) / 2.0;
  const double singles = n_alpha * (n_orbitals - n_alpha + 1.0);
  double tables = spin_table_bytes(n_orbitals, n_alpha);
  if (n_beta != n_alpha) tables += spin_table_bytes(n_orbitals, n_beta);
  const double workspace =
      omp_get_max_threads() * 8.0 * ((singles + pairs + 1.0) * n_beta_strings + pairs * singles);
  double vectors = 0.0;
  switch (resolve_method(options, dimension)) {
    case ExactMethod::dense:
      vectors = 8.0 * dimension * (dimension + 4.0);
      break;
    case ExactMethod::lanczos:
      vectors = 8.0 * dimension * (lanczos_vectors(options, dimension) + 4.0);
      break;
    default:
      vectors = 8.0 * dimension * (2.0 * davidson_subspace(options, dimension) + 4.0);
  }
  const double converted_input = 8.0 * dimension;  // DeterminantHamiltonian::apply's scratch
  return tables + workspace + vectors + converted_input + pairs * pairs * 8.0;
}

ExactResult exact_ground_state(const MolecularHamiltonian& hamiltonian,
                               const ExactOptions& options) {
  options.check();
  const int n = hamiltonian.n_orbitals();
  const double dimension = DeterminantSpace::count(n, hamiltonian.n_alpha(), hamiltonian.n_beta());
  if (options.memory_limit_bytes > 0) {
    const double need =
        estimate_exact_memory_bytes(n, hamiltonian.n_alpha(), hamiltonian.n_beta(), options);
    if (need > options.memory_limit_bytes)
      throw ResourceError(
          fmt::format("exact diagonalization of {:.4g} determinants ({} orbitals, {} alpha, {} "
                      "beta) needs about {:.3g} GiB, more than the limit of {:.3g} GiB; choose a "
                      "smaller active space",
                      dimension, n, hamiltonian.n_alpha(), hamiltonian.n_beta(),
                      need / 1073741824.0, options.memory_limit_bytes / 1073741824.0),
          {"", 0, "exact.memory_limit_bytes"});
  }
  const DeterminantSpace space(n, hamiltonian.n_alpha(), hamiltonian.n_beta());
  const DeterminantHamiltonian h(hamiltonian, space);
  const ExactMethod method = resolve_method(options, dimension);
  ExactResult r;
  if (space.size() == 1 || method == ExactMethod::dense) {
    r = solve_dense(h, options);
    r.method = "dense";
  } else if (method == ExactMethod::lanczos) {
    r = solve_lanczos(h, options);
    r.method = method_name(method);
  } else {
    r = solve_davidson(h, options);
    r.method = method_name(method);
  }
  r.n_determinants = space.size();
  if (!std::isfinite(r.energy)) throw NumericalError("the exact ground-state energy is not finite");
  return r;
}

}  // namespace qmol
