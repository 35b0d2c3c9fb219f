#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "qmol/core/enum_names.h"
#include "qmol/hamiltonian/molecular_hamiltonian.h"

namespace qmol {

// How the eigenvalues are found. automatic: dense below dense_threshold determinants, block
// Davidson above (seeded from an H0 block, memory-lean, and several times faster than Lanczos on
// molecules: fewer sigma builds). lanczos: Spectra's SymEigsSolver, for spin = target on
// H P + shift (1 - P) with P the spin projector; a single Krylov sequence can miss copies of a
// degenerate eigenvalue, so it is not chosen for several roots.
enum class ExactMethod { automatic, dense, lanczos, davidson };

// Which states count. target: total spin S = |n_alpha - n_beta| / 2, the lowest spin of the
// Hamiltonian's sector (Ms = S holds every S' >= S, so without a filter a state of higher spin
// can come first: singlet CH2 or O2 have a lower triplet). any: the lowest states of the sector
// whatever their spin.
enum class ExactSpin { target, any };

template <>
struct EnumNames<ExactSpin> {
  static constexpr std::string_view noun = "exact spin";
  static constexpr std::array<std::pair<ExactSpin, std::string_view>, 2> names = {
      {{ExactSpin::target, "target"}, {ExactSpin::any, "any"}}};
};

struct ExactOptions {
  ExactMethod method = ExactMethod::automatic;
  ExactSpin spin = ExactSpin::target;
  int roots = 1;                      // the `roots` lowest states of that spin
  std::size_t dense_threshold = 200;  // dimension below which Eigen diagonalizes
  int lanczos_vectors = 0;            // Spectra ncv; 0 = automatic (20, fewer for large spaces)
  int davidson_subspace = 0;  // Davidson basis size; 0 = automatic (max(8, 3 roots), less large)
  int max_iterations = 1000;  // Lanczos restarts or Davidson iterations
  double tolerance = 1e-10;   // eigenvector residual norm (Davidson) / Spectra's tol
  bool want_ground_state = false;  // fill ExactResult::ground_state (interleaved phases)
  double memory_limit_bytes = 0;   // 0 = no limit; otherwise refuse larger jobs (ResourceError)
  // Davidson only: after each iteration, the lowest Ritz value (total energy) and the largest
  // residual norm (progress of long solves).
  std::function<void(int iteration, double energy, double residual)> on_iteration;

  void check() const;  // InputError naming the bad field ("exact.tolerance", "exact.roots", ...)
};

struct ExactRoot {
  double energy = 0.0;     // total, including the core energy
  double s_squared = 0.0;  // <S^2> of the state
};

struct ExactResult {
  double energy = 0.0;           // lowest root, total, including the core energy
  double s_squared = 0.0;        // <S^2> of the lowest root
  std::vector<ExactRoot> roots;  // options.roots states, lowest first
  std::size_t n_determinants = 0;
  int iterations = 0;  // Lanczos restarts, Davidson iterations, 0 for dense
  bool converged = false;
  std::string method;                // "dense", "lanczos" or "davidson"
  std::vector<double> ground_state;  // lowest root, DeterminantSpace order and phases, if asked
};

// The lowest eigenvalue(s) of the Hamiltonian in its sector (n_alpha, n_beta) of the requested
// spin: FCI in the orbitals given, CASCI for an active-space Hamiltonian. Throws InputError
// (exact.roots) when the sector has fewer states of that spin than roots, ResourceError when the
// memory estimate exceeds options.memory_limit_bytes, ConvergenceError when the eigensolver does
// not converge.
ExactResult exact_ground_state(const MolecularHamiltonian& hamiltonian,
                               const ExactOptions& options = {});

// The lowest of result.roots with total spin `spin` (<S^2> within 1e-3 of S(S+1)), or nullptr:
// the state a VQE of that spin is compared with, also when the solver ran with spin = any.
const ExactRoot* lowest_root_of_spin(const ExactResult& result, double spin);

// Bytes the exact solver needs (vectors, string tables, work space) with these options.
double estimate_exact_memory_bytes(int n_orbitals, int n_alpha, int n_beta,
                                   const ExactOptions& options = {});

// Number of states of total spin S = |n_alpha - n_beta| / 2 among the determinants (n_alpha,
// n_beta): the sector's dimension minus that of Ms = S + 1.
double count_target_spin_states(int n_orbitals, int n_alpha, int n_beta);

}  // namespace qmol
