#pragma once

#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "qmol/core/enum_names.h"
#include "qmol/scf/stability.h"

namespace qmol {

enum class Reference { rhf, uhf, rohf };
template <>
struct EnumNames<Reference> {
  static constexpr std::string_view noun = "SCF reference";
  static constexpr std::array<std::pair<Reference, std::string_view>, 3> names = {
      {{Reference::rhf, "rhf"}, {Reference::uhf, "uhf"}, {Reference::rohf, "rohf"}}};
};

// Converged orbitals of an SCF run (run_scf throws when it does not converge). For RHF and ROHF,
// the beta members equal the alpha ones (ROHF: one set of spatial orbitals, orbital_energies_*
// the semicanonical/diagonal values).
struct ScfResult {
  // The reference of these orbitals: uhf when stability = follow took an RHF solution with a
  // triplet instability to UHF.
  Reference reference = Reference::rhf;
  double energy = 0.0;             // total, Hartree
  double electronic_energy = 0.0;  // energy - nuclear_repulsion
  double nuclear_repulsion = 0.0;
  int iterations = 0;  // all SCF iterations, including those after each followed instability
  int n_alpha = 0;
  int n_beta = 0;
  Eigen::MatrixXd coefficients_alpha;  // AO x MO
  Eigen::MatrixXd coefficients_beta;
  Eigen::VectorXd orbital_energies_alpha;
  Eigen::VectorXd orbital_energies_beta;
  Eigen::MatrixXd density_alpha;  // AO
  Eigen::MatrixXd density_beta;
  // Lowest empty minus highest occupied spin-orbital energy, Hartree. RHF: e[n] - e[n-1]; ROHF:
  // the same on its one set of energies with n = n_alpha; UHF: min(LUMO_a, LUMO_b) -
  // max(HOMO_a, HOMO_b). 0 when the basis has no empty orbital.
  double homo_lumo_gap = 0.0;
  Eigen::Vector3d dipole_debye = Eigen::Vector3d::Zero();
  double s_squared = 0.0;              // <S^2>: exact value for RHF/ROHF, spin-contaminated for UHF
  std::vector<double> energy_history;  // total energy per iteration
  std::vector<double> error_history;  // DIIS error (largest orbital-gradient element) per iteration
  std::optional<StabilityReport> stability;  // unset with stability = none
  // What the user should know although the run succeeded: an unstable solution not followed, a
  // reference changed by following, a guess_mix that had nothing to mix.
  std::vector<std::string> warnings;
};

}  // namespace qmol
