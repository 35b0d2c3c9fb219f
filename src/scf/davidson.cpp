#include "qmol/scf/davidson.h"

#include <Eigen/Dense>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

#include "qmol/core/errors.h"

namespace qmol {
namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

// Vectors shorter than this after orthogonalization add nothing new to the subspace.
constexpr double kNewDirection = 1e-8;
// Preconditioner denominators are kept at least this far from zero.
constexpr double kSmallDenominator = 1e-4;
// Weight of the pseudo-random part of each unit start vector.
constexpr double kRandomAdmixture = 0.1;

// A reproducible vector in (-1, 1)^n, one per stream: splitmix64 of (stream, index).
VectorXd pseudo_random(int n, int stream) {
  VectorXd v(n);
  for (int i = 0; i < n; ++i) {
    std::uint64_t z = (static_cast<std::uint64_t>(stream) << 32 | static_cast<std::uint64_t>(i)) +
                      0x9e3779b97f4a7c15ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    v(i) = 2.0 * static_cast<double>(z >> 11) / 9007199254740992.0 - 1.0;
  }
  return v;
}

// Appends the parts of `candidates` orthogonal to `basis` (and to each other) to `basis`; returns
// how many were added. Two Gram-Schmidt passes keep the basis orthonormal to machine precision.
int extend_basis(MatrixXd& basis, const MatrixXd& candidates) {
  int added = 0;
  for (int c = 0; c < candidates.cols(); ++c) {
    VectorXd v = candidates.col(c);
    const double norm0 = v.norm();
    if (!(norm0 > 0.0)) continue;
    v /= norm0;
    for (int pass = 0; pass < 2; ++pass) v -= basis * (basis.transpose() * v);
    const double norm = v.norm();
    if (norm < kNewDirection) continue;
    basis.conservativeResize(Eigen::NoChange, basis.cols() + 1);
    basis.col(basis.cols() - 1) = v / norm;
    ++added;
  }
  return added;
}

}  // namespace

DavidsonResult davidson(const std::function<MatrixXd(const MatrixXd&)>& apply,
                        const VectorXd& diagonal, const DavidsonOptions& options) {
  const int n = static_cast<int>(diagonal.size());
  if (options.roots < 1 || options.roots > n)
    throw NumericalError("davidson: roots must be between 1 and the dimension");
  const int roots = options.roots;
  const int max_subspace = std::min(n, std::max(options.max_subspace, 3 * roots + 2));

  // Start block: unit vectors at the smallest diagonal entries (ties by index), each with a
  // pseudo-random admixture, and one pseudo-random vector. Bare unit vectors can span an exactly
  // invariant subspace (with molecular symmetry, the rotations of some irreps only); the
  // subspace's Ritz pairs then have zero residuals and a lower root elsewhere is never seen.
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return diagonal(a) < diagonal(b); });
  const int n_units = std::min(n, roots + 3);
  MatrixXd start(n, n_units + 1);
  for (int k = 0; k < n_units; ++k) {
    start.col(k) = kRandomAdmixture * pseudo_random(n, k + 1).normalized();
    start(order[k], k) += 1.0;
  }
  start.col(n_units) = pseudo_random(n, 0);

  MatrixXd basis(n, 0), products(n, 0);
  MatrixXd fresh(n, 0);
  extend_basis(fresh, start);
  DavidsonResult result;
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    result.iterations = iteration;
    const MatrixXd fresh_products = apply(fresh);
    const int old = static_cast<int>(basis.cols());
    basis.conservativeResize(Eigen::NoChange, old + fresh.cols());
    basis.rightCols(fresh.cols()) = fresh;
    products.conservativeResize(Eigen::NoChange, old + fresh.cols());
    products.rightCols(fresh.cols()) = fresh_products;

    const MatrixXd projected = basis.transpose() * products;
    const Eigen::SelfAdjointEigenSolver<MatrixXd> small(0.5 * (projected + projected.transpose()));
    const int k = std::min<int>(roots, static_cast<int>(basis.cols()));
    const MatrixXd y = small.eigenvectors().leftCols(k);
    result.values = small.eigenvalues().head(k);
    result.vectors = basis * y;
    const MatrixXd residuals = products * y - result.vectors * result.values.asDiagonal();
    result.residual_norms = residuals.colwise().norm().transpose();
    // A subspace that is the whole space gives exact pairs.
    const bool whole = static_cast<int>(basis.cols()) == n;
    result.converged =
        k == roots && (whole || result.residual_norms.maxCoeff() < options.residual_tolerance);
    if (result.converged) return result;

    // Preconditioned residuals of the unconverged roots: (D - theta)^-1 r.
    MatrixXd corrections(n, 0);
    for (int r = 0; r < k; ++r) {
      if (result.residual_norms(r) < options.residual_tolerance) continue;
      VectorXd t(n);
      for (int i = 0; i < n; ++i) {
        double d = diagonal(i) - result.values(r);
        if (std::abs(d) < kSmallDenominator) d = d < 0.0 ? -kSmallDenominator : kSmallDenominator;
        t(i) = residuals(i, r) / d;
      }
      corrections.conservativeResize(Eigen::NoChange, corrections.cols() + 1);
      corrections.col(corrections.cols() - 1) = t;
    }
    if (basis.cols() + corrections.cols() > max_subspace) {
      // Collapse onto the Ritz vectors (the products follow without new applications).
      const int keep = std::min<int>(static_cast<int>(basis.cols()), 2 * roots);
      const MatrixXd y_keep = small.eigenvectors().leftCols(keep);
      basis = basis * y_keep;
      products = products * y_keep;
    }
    fresh.resize(n, 0);
    MatrixXd extended = basis;
    const int added = extend_basis(extended, corrections);
    if (added == 0) return result;  // stagnated: no new direction
    fresh = extended.rightCols(added);
  }
  return result;
}

}  // namespace qmol
