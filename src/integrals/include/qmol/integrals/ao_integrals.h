#pragma once

#include <Eigen/Core>
#include <array>

#include "qmol/chem/molecule.h"
#include "qmol/integrals/basis_set.h"
#include "qmol/integrals/eri_store.h"

namespace qmol {

// Schwarz bound below which a shell quartet is neither computed nor stored.
inline constexpr double kDefaultEriThreshold = 1e-12;

// Every AO integral the SCF and the Hamiltonian stage need, for one molecule in one basis.
struct AoIntegrals {
  BasisSet basis;
  double nuclear_repulsion = 0.0;  // Hartree
  Eigen::MatrixXd overlap;
  Eigen::MatrixXd kinetic;
  Eigen::MatrixXd nuclear;           // electron-nucleus attraction
  Eigen::MatrixXd core_hamiltonian;  // kinetic + nuclear
  // <p| r_k |q> for k = x, y, z with origin (0,0,0): the electronic dipole is -tr(D * dipole[k]).
  std::array<Eigen::MatrixXd, 3> dipole;
  EriStore eris;

  int n_functions() const { return static_cast<int>(overlap.rows()); }
  // (pq|rs), chemists' notation, any index order.
  double eri(int p, int q, int r, int s) const { return eris(p, q, r, s); }
};

// One- and two-electron integrals with libint2, computed with `threads` threads.
// Throws InputError when the basis does not belong to the molecule (different atom count).
AoIntegrals compute_ao_integrals(const Molecule& molecule, const BasisSet& basis, int threads = 2,
                                 double eri_threshold = kDefaultEriThreshold,
                                 EriLayout eri_layout = EriLayout::automatic);

// <a|b>: the overlap between the functions of two bases on the same molecule (rows: `a`, columns:
// `b`), e.g. the computational basis and a minimal reference basis for AVAS.
Eigen::MatrixXd mixed_overlap(const BasisSet& a, const BasisSet& b);

}  // namespace qmol
