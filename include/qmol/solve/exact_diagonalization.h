#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "qmol/hamiltonian/molecular_hamiltonian.h"

namespace qmol {

// How the lowest eigenvalue is found. automatic: dense below dense_threshold determinants,
// Spectra's Lanczos (SymEigsSolver) up to lanczos_max_dimension, a memory-lean Davidson above.
enum class ExactMethod { automatic, dense, lanczos, davidson };

struct ExactOptions {
  ExactMethod method = ExactMethod::automatic;
  std::size_t dense_threshold = 200;              // dimension below which Eigen diagonalizes
  std::size_t lanczos_max_dimension = 2'000'000;  // automatic: Davidson above this dimension
  int lanczos_vectors = 0;         // Spectra ncv; 0 = automatic (20, fewer for large spaces)
  int davidson_subspace = 0;       // Davidson subspace size; 0 = automatic (8, 4 for large spaces)
  int max_iterations = 1000;       // Lanczos restarts or Davidson iterations
  double tolerance = 1e-10;        // eigenvector residual norm (Davidson) / Spectra's tol
  bool want_ground_state = false;  // fill ExactResult::ground_state (interleaved phases)
  double memory_limit_bytes = 0;   // 0 = no limit; otherwise refuse larger jobs (ResourceError)

  void check() const;  // InputError naming the bad field ("exact.tolerance", ...)
};

struct ExactResult {
  double energy = 0.0;  // total, including the core energy
  std::size_t n_determinants = 0;
  int iterations = 0;  // Lanczos restarts, Davidson iterations, 0 for dense
  bool converged = false;
  std::string method;                // "dense", "lanczos" or "davidson"
  std::vector<double> ground_state;  // DeterminantSpace order and phases, when requested
};

// Lowest eigenvalue of the Hamiltonian in its sector (n_alpha, n_beta): FCI in the orbitals given,
// CASCI for an active-space Hamiltonian. Throws ResourceError when the memory estimate exceeds
// options.memory_limit_bytes, ConvergenceError when the eigensolver does not converge.
ExactResult exact_ground_state(const MolecularHamiltonian& hamiltonian,
                               const ExactOptions& options = {});

// Bytes the exact solver needs (vectors, string tables, work space) with these options.
double estimate_exact_memory_bytes(int n_orbitals, int n_alpha, int n_beta,
                                   const ExactOptions& options = {});

}  // namespace qmol
