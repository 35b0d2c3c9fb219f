#pragma once

#include <functional>
#include <vector>

#include "qmol/sim/determinant_hamiltonian.h"
#include "qmol/sim/spin_projector.h"

namespace qmol {

struct DavidsonSettings {
  int roots = 1;
  int max_subspace = 8;  // basis vectors kept (raised to 3 * roots)
  int max_iterations = 1000;
  double tolerance = 1e-10;  // residual norm of every root
  // On collapse keep the previous iteration's Ritz vectors as well (thick restart, GD+k).
  bool keep_previous = true;
  // The diagonal of the preconditioner (theta - D)^-1; h.diagonal() when null.
  const std::vector<double>* preconditioner = nullptr;
  // The corrections stay in the projector's spin up to rounding (a spin-averaged
  // preconditioner): they get only the projector's cheap exchange pass, and the full projector
  // after heavy cancellation in the orthogonalization, which magnifies the rounding.
  bool pure_corrections = false;
  // Called after each iteration with the lowest Ritz value and the largest residual norm.
  std::function<void(int iteration, double energy, double residual)> on_iteration;
};

struct DavidsonResult {
  std::vector<double> energies;              // the roots, lowest first
  std::vector<std::vector<double>> vectors;  // their Ritz vectors (orthonormal)
  int iterations = 0;
  bool converged = false;
  double residual = 0.0;  // largest residual norm of the roots at the end
};

// Block Davidson-Liu for the lowest `roots` eigenpairs of H, with the diagonal preconditioner.
// Every vector entering the basis (start vectors and corrections) is first passed through
// `projector` (when given), so the subspace, the Ritz values and the vectors stay in one spin.
// `start` holds up to max_subspace guesses (any norm); missing ones are made from fixed
// pseudo-random vectors. Memory: 2 * max_subspace vectors, a correction, and a projector
// scratch (H is applied in place: no copy of its input).
DavidsonResult block_davidson(const DeterminantHamiltonian& h,
                              std::vector<std::vector<double>> start,
                              const SpinProjector* projector, const DavidsonSettings& settings);

}  // namespace qmol
