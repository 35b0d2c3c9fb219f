#pragma once

#include <optional>
#include <string>
#include <vector>

#include "qmol/core/enum_names.h"

namespace qmol {

// What run_scf does with the orbital Hessian once the SCF has converged.
enum class Stability {
  none,    // nothing
  check,   // lowest eigenvalues; a warning when the solution is a saddle point
  follow,  // and, when it is, rotate along the unstable mode and converge again, until stable
};
template <>
struct EnumNames<Stability> {
  static constexpr std::string_view noun = "SCF stability mode";
  static constexpr std::array<std::pair<Stability, std::string_view>, 3> names = {
      {{Stability::none, "none"}, {Stability::check, "check"}, {Stability::follow, "follow"}}};
};

// The orbital rotations one analysis explores.
enum class RotationSpace {
  rhf_rhf,    // real rotations of the RHF orbitals, alike for both spins (singlet)
  rhf_uhf,    // alpha and beta rotated oppositely (triplet): an RHF -> UHF instability
  uhf_uhf,    // independent real rotations of the alpha and the beta orbitals
  rohf_rohf,  // real rotations of the ROHF orbitals: docc-socc, docc-virtual, socc-virtual
};
std::string to_string(RotationSpace s);  // "rhf->rhf", "rhf->uhf", "uhf->uhf", "rohf->rohf"

// A solution counts as unstable when the orbital Hessian has an eigenvalue below this, Hartree.
// Rotations among (near-)degenerate orbitals give eigenvalues close to zero; the noise left by
// the default convergence (orbital gradient 1e-8) is orders of magnitude smaller.
inline constexpr double kUnstableEigenvalue = -1e-5;

// One analysis: the lowest orbital-Hessian eigenvalue of one solution in one rotation space.
struct StabilityAnalysis {
  RotationSpace space = RotationSpace::rhf_rhf;
  double energy = 0.0;             // total energy of the solution analysed, Hartree
  int dimension = 0;               // independent rotations
  double lowest_eigenvalue = 0.0;  // Hartree, Psi4's convention (see orbital_hessian.h)
};

// What the stability analysis of an SCF run found (ScfResult::stability).
struct StabilityReport {
  Stability mode = Stability::check;
  // Every analysis done, in order: for RHF the rhf->rhf and rhf->uhf ones, then those of each
  // solution reached by following. Spaces without rotations (no virtual orbitals) are skipped.
  std::vector<StabilityAnalysis> analyses;
  // Lowest eigenvalue of the final solution over its spaces; unset when it has no rotations.
  std::optional<double> lowest_eigenvalue;
  bool stable = true;  // the final solution has no eigenvalue below kUnstableEigenvalue
  int followed = 0;    // instabilities followed to a lower solution
};

}  // namespace qmol
