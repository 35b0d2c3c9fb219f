#pragma once

#include <functional>
#include <string>
#include <vector>

#include "qmol/ansatz/fermionic_ansatz.h"
#include "qmol/sim/determinant_engine.h"
#include "qmol/solve/vqe.h"

namespace qmol {

// The fermionic ADAPT-VQE pool (Grimsley et al., Nat. Commun. 10, 3007 (2019)): every
// spin-conserving single and double excitation from the reference determinant, in uccsd()'s
// order.
std::vector<Excitation> fermionic_pool(int n_orbitals, int n_alpha, int n_beta);

struct AdaptOptions {
  double gradient_tolerance = 1e-3;  // stop when the norm of the pool gradients falls below
  int max_operators = 200;           // stop (not converged) after this many additions
  OptimizerOptions optimizer;        // for the re-optimisation after each addition
};

struct AdaptResult {
  FermionicAnsatz ansatz;        // the grown ansatz (kind "adapt-vqe"), one parameter per term
  VqeResult vqe;                 // the last re-optimisation (parameters of `ansatz`)
  double energy = 0.0;           // final energy, Hartree
  bool converged = false;        // pool gradient norm below tolerance
  std::vector<double> energies;  // after each step (entry 0: the reference energy)
  std::vector<double> pool_gradient_norms;  // before each step
  std::vector<std::string> selected;        // label of the operator added at each step
  double seconds = 0.0;
};

// Called after each step: number of operators, energy, pool gradient norm before the step.
using AdaptCallback = std::function<void(int n_operators, double energy, double pool_gradient)>;

// Grows `start` (usually no terms: the reference determinant) by the pool operator with the
// largest |dE/dtheta| = |<psi|[H, A]|psi>| at theta = 0, re-optimising all parameters (warm start)
// each time, until the pool gradient norm is below tolerance. `engine` is left holding the final
// ansatz.
AdaptResult run_adapt_vqe(DeterminantEngine& engine, FermionicAnsatz start,
                          const std::vector<Excitation>& pool, const AdaptOptions& options = {},
                          const AdaptCallback& callback = {});

}  // namespace qmol
