#pragma once

#include <Eigen/Core>
#include <functional>
#include <vector>

#include "qmol/core/enum_names.h"
#include "qmol/hamiltonian/molecular_hamiltonian.h"
#include "qmol/integrals/ao_integrals.h"

namespace qmol {

// What solves the active space at each orbital step: the VQE (OO-VQE) or exact diagonalization
// (CASSCF).
enum class OrbitalSolver { vqe, exact };
template <>
struct EnumNames<OrbitalSolver> {
  static constexpr std::string_view noun = "orbital-optimization solver";
  static constexpr std::array<std::pair<OrbitalSolver, std::string_view>, 2> names = {
      {{OrbitalSolver::vqe, "vqe"}, {OrbitalSolver::exact, "exact"}}};
};

// [orbital_optimization]
struct OrbitalOptimizationOptions {
  OrbitalSolver solver = OrbitalSolver::vqe;
  int max_iterations = 50;           // active-space solves
  double gradient_tolerance = 1e-5;  // converged when every |dE/dkappa_pq| is below it
  void check() const;                // InputError naming "orbital_optimization.<key>"
};

// The orbitals of an active-space calculation, as columns of `coefficients` (n_ao x n_mo) in this
// order: frozen core (never rotated), inactive (doubly occupied, rotated), active, virtual.
struct OrbitalSpaces {
  Eigen::MatrixXd coefficients;
  int n_frozen = 0;
  int n_inactive = 0;
  int n_active = 0;
  int n_alpha = 0;  // active electrons
  int n_beta = 0;
  int n_orbitals() const { return static_cast<int>(coefficients.cols()); }
  int n_doubly_occupied() const { return n_frozen + n_inactive; }
  int n_virtual() const { return n_orbitals() - n_doubly_occupied() - n_active; }
  Eigen::MatrixXd doubly_occupied() const { return coefficients.leftCols(n_doubly_occupied()); }
  Eigen::MatrixXd active() const { return coefficients.middleCols(n_doubly_occupied(), n_active); }
  // Number of non-redundant rotations: inactive-active, inactive-virtual, active-virtual.
  int n_rotations() const;
};

// What an active-space solver returns: the state's energy and spin-summed densities in the active
// orbitals (as ReducedDensities, qmol/sim/reduced_density.h: one(p, q), two in chemists' order).
struct ActiveSolution {
  double energy = 0.0;
  Eigen::MatrixXd one_rdm;
  std::vector<double> two_rdm;
};

// The active-space Hamiltonian of `spaces` and what the orbital gradient needs besides the
// densities: the inactive Fock matrix and (pu|vw) over all orbitals p.
struct ActiveOrbitalIntegrals {
  MolecularHamiltonian hamiltonian;
  Eigen::MatrixXd inactive_fock;  // n_mo x n_mo: h + 2J - K of the doubly occupied orbitals
  std::vector<double> mixed;      // (pu|vw), index ((p m + u) m + v) m + w
};
ActiveOrbitalIntegrals active_orbital_integrals(const AoIntegrals& integrals,
                                                const OrbitalSpaces& spaces);

// dE/dkappa_rp for the orbitals C' = C exp(kappa) (kappa antisymmetric) of a state with fixed
// densities, at kappa = 0, over the non-redundant pairs r > p (r in a later space than p), and a
// positive diagonal approximation of the orbital Hessian that preconditions the steps.
struct OrbitalGradient {
  Eigen::VectorXd gradient;
  Eigen::VectorXd hessian_diagonal;
};
OrbitalGradient orbital_gradient(const AoIntegrals& integrals, const OrbitalSpaces& spaces,
                                 const ActiveOrbitalIntegrals& mo, const ActiveSolution& state);

// C exp(kappa) for the non-redundant rotation parameters `kappa` (orbital_gradient's order).
Eigen::MatrixXd rotate_orbitals(const OrbitalSpaces& spaces, const Eigen::VectorXd& kappa);

struct OrbitalIteration {
  int iteration = 0;
  double energy = 0.0;
  double max_gradient = 0.0;  // max |dE/dkappa|
};

struct OrbitalOptimizationResult {
  double energy = 0.0;  // at the final orbitals
  int iterations = 0;   // active-space solves
  bool converged = false;
  std::vector<OrbitalIteration> history;
  OrbitalSpaces spaces;              // the final orbitals
  ActiveSolution state;              // at the final orbitals
  MolecularHamiltonian hamiltonian;  // of the final orbitals
};

// CASSCF-type two-step optimization: at each step `solve` gives the active-space state of the
// current orbitals; the orbitals then take a quasi-Newton (L-BFGS, diagonal-Hessian
// preconditioned) step along the orbital gradient of that state's densities. An energy rise halves
// the step from the previous orbitals. Stops when the largest gradient element is below the
// tolerance (converged) or after max_iterations solves.
using ActiveSpaceSolver = std::function<ActiveSolution(const MolecularHamiltonian&)>;
OrbitalOptimizationResult optimize_orbitals(
    const AoIntegrals& integrals, OrbitalSpaces spaces, const OrbitalOptimizationOptions& options,
    const ActiveSpaceSolver& solve,
    const std::function<void(const OrbitalIteration&)>& on_iteration = {});

}  // namespace qmol
