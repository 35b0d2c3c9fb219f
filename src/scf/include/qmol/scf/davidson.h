#pragma once

#include <Eigen/Core>
#include <functional>

namespace qmol {

struct DavidsonOptions {
  int roots = 1;                     // lowest eigenpairs wanted
  double residual_tolerance = 1e-6;  // |A x - lambda x| per root; eigenvalue error ~ its square
  int max_iterations = 200;
  int max_subspace = 40;  // collapse onto the current Ritz vectors beyond this
};

struct DavidsonResult {
  Eigen::VectorXd values;   // ascending
  Eigen::MatrixXd vectors;  // unit columns
  Eigen::VectorXd residual_norms;
  int iterations = 0;
  bool converged = false;  // otherwise values are upper bounds (Ritz values) of the true ones
};

// Lowest eigenpairs of a symmetric operator known only through products: `apply(V)` returns A V
// for a block of column vectors (one call per iteration, so the caller can batch). `diagonal`
// (A's diagonal, or an estimate) gives the start vectors and the preconditioner. The start
// vectors are unit vectors at the smallest diagonal entries, each mixed with a fixed
// pseudo-random vector, plus one pseudo-random vector: every start vector overlaps every
// eigenvector, so the lowest root is found even when it lies in a block of A (a symmetry species)
// that no small diagonal entry belongs to. Deterministic: the same operator gives the same bits.
DavidsonResult davidson(const std::function<Eigen::MatrixXd(const Eigen::MatrixXd&)>& apply,
                        const Eigen::VectorXd& diagonal, const DavidsonOptions& options = {});

}  // namespace qmol
