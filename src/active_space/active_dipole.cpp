#include "qmol/active_space/active_dipole.h"

#include "qmol/core/units.h"

namespace qmol {

Eigen::Vector3d ActiveDipole::debye(const Eigen::MatrixXd& one_rdm) const {
  Eigen::Vector3d mu = fixed;
  for (int k = 0; k < 3; ++k) mu(k) -= (one_rdm.array() * active[k].array()).sum();
  return mu * kDebyePerAtomicUnit;
}

ActiveDipole active_dipole(const AoIntegrals& integrals, const Molecule& molecule,
                           const ActiveSpaceInfo& info) {
  ActiveDipole d;
  for (const Atom& a : molecule.atoms) d.fixed += a.atomic_number * a.position;
  const Eigen::MatrixXd& core = info.frozen_coefficients;
  const Eigen::MatrixXd& act = info.active_coefficients;
  for (int k = 0; k < 3; ++k) {
    const Eigen::MatrixXd& r = integrals.dipole[k];
    if (core.cols() > 0) d.fixed(k) -= 2.0 * (core.transpose() * r * core).trace();
    d.active[k] = act.transpose() * r * act;
  }
  return d;
}

}  // namespace qmol
