#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

#include "qmol/chem/molecule.h"
#include "qmol/integrals/ao_integrals.h"
#include "qmol/scf/scf_result.h"

namespace qmol {

// An atomic orbital named in avas_orbitals: "C 2pz" is element 6, n = 2, l = 1, component "z";
// "O 2p" every component; "Fe 3dxy" one spherical d function (xy, yz, z2, xz, x2-y2).
struct AtomicOrbitalLabel {
  int atomic_number = 0;
  int n = 0;
  int l = 0;
  std::string component;  // "" for the whole shell
};

// Parses one label; InputError (field "active_space.avas_orbitals") saying what is wrong.
AtomicOrbitalLabel parse_atomic_orbital_label(const std::string& text);

// The minimal basis whose functions are the AVAS target orbitals.
inline constexpr const char* kAvasReferenceBasis = "sto-3g";

// The SCF orbitals rotated into atomic-valence orbitals (Sayfutyarova et al., JCTC 13, 4063
// (2017)): the occupied (after the `frozen` lowest) and the virtual orbitals are rotated
// separately into the eigenvectors of their projection P = S_AB S_BB^-1 S_BA onto the target
// functions B of the reference minimal basis, by decreasing eigenvalue. Singly occupied orbitals
// (ROHF) are kept as they are.
struct AvasOrbitals {
  // AO x MO, columns: frozen, rotated occupied, open shells, rotated virtual.
  Eigen::MatrixXd coefficients;
  Eigen::VectorXd overlaps;  // eigenvalue of each column (open shells: <s|P|s>; frozen: 0)
  int n_frozen = 0, n_occupied = 0, n_open = 0, n_virtual = 0;
  int n_targets = 0;  // reference functions projected on
};

// InputError (field "active_space.avas_orbitals") for a label whose element is not in the
// molecule or whose shell is not in the minimal basis.
AvasOrbitals avas_orbitals(const AoIntegrals& integrals, const ScfResult& scf,
                           const Molecule& molecule, const std::vector<std::string>& labels,
                           int frozen);

}  // namespace qmol
