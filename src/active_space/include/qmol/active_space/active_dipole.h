#pragma once

#include <Eigen/Core>
#include <array>

#include "qmol/active_space/active_space.h"
#include "qmol/chem/molecule.h"
#include "qmol/integrals/ao_integrals.h"

namespace qmol {

// The dipole operator restricted to an active space: the nuclear charges and the doubly occupied
// frozen orbitals give a fixed part; the active electrons enter through their 1-RDM.
//   mu = sum_A Z_A R_A - 2 sum_{c frozen} <c|r|c> - sum_pq gamma_pq <p|r|q>   (origin (0,0,0))
struct ActiveDipole {
  Eigen::Vector3d fixed = Eigen::Vector3d::Zero();  // atomic units
  std::array<Eigen::MatrixXd, 3> active;            // <p|r_k|q>, active orbitals

  // The total dipole in Debye of a state with spin-summed active 1-RDM `one_rdm`.
  Eigen::Vector3d debye(const Eigen::MatrixXd& one_rdm) const;
};

// From the AO dipole integrals and the orbitals build_active_space() recorded in `info`.
ActiveDipole active_dipole(const AoIntegrals& integrals, const Molecule& molecule,
                           const ActiveSpaceInfo& info);

}  // namespace qmol
