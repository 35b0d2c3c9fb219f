#pragma once

#include <Eigen/Core>
#include <array>
#include <vector>

#include "qmol/integrals/ao_integrals.h"
#include "qmol/scf/scf_result.h"
#include "qmol/scf/stability.h"

namespace qmol {

// The Hessian of the Hartree-Fock energy with respect to real orbital rotations of one rotation
// space, at given orbitals, as products built from J/K passes over the stored AO integrals.
//
// Parameters z (dimension() of them) define antisymmetric MO-basis generators K_alpha(z),
// K_beta(z) and rotated orbitals C_s exp(K_s). The energy of the two spin densities (the UHF
// expression, exact for RHF and ROHF too) expands as
//   E(z) = E(0) + g.z + z.H z + O(|z|^3),
// and H is this operator. Scale: a uhf->uhf parameter is one spin-orbital amplitude K_ai, so H is
// the electronic Hessian A + B of real rotations (half of d2E/dz2). An rhf->rhf, rhf->uhf or
// rohf->rohf parameter rotates both spins by 1/sqrt(2) of it (oppositely for rhf->uhf), the
// normalized spin-adapted combination, so that these eigenvalues are those of A + B restricted to
// singlet, triplet and ROHF rotations, and an RHF solution analysed as UHF gives the union of its
// rhf->rhf and rhf->uhf eigenvalues. This is Psi4's convention: its "singlet (RHF->RHF)",
// "triplet (RHF->UHF)", "UHF->UHF" and "ROHF->ROHF" stability eigenvalues are H's.
// H is exact at any orbitals (not only at a stationary point), with g the exact gradient.
class OrbitalHessian {
 public:
  // Uses `orbitals`' coefficients and n_alpha, n_beta (the densities and Fock matrices are
  // rebuilt from them). rhf->rhf and rhf->uhf need n_alpha == n_beta and equal alpha and beta
  // orbitals, rohf->rohf equal alpha and beta orbitals; NumericalError otherwise.
  OrbitalHessian(const AoIntegrals& integrals, const ScfResult& orbitals, RotationSpace space,
                 int threads);

  RotationSpace space() const { return space_; }
  int dimension() const { return dimension_; }
  double energy() const { return energy_; }  // total energy at z = 0, Hartree
  Eigen::VectorXd gradient() const;          // g
  // H z for every column of z: one J/K pass for the block.
  Eigen::MatrixXd apply(const Eigen::MatrixXd& z) const;
  Eigen::MatrixXd dense() const;  // H, from products with unit vectors
  // The orbital-energy (diagonal Fock) part of H's diagonal: the Davidson preconditioner.
  Eigen::VectorXd diagonal_estimate() const;

  // AO coefficients C_s exp(K_s(z)), {alpha, beta}.
  std::array<Eigen::MatrixXd, 2> rotated_orbitals(const Eigen::VectorXd& z) const;
  // Total energy of the rotated orbitals, Hartree (one J/K pass).
  double energy(const Eigen::VectorXd& z) const;

 private:
  // Parameter `k` adds `factor` * z_k to K_spin(p, q) and subtracts it from K_spin(q, p).
  struct Term {
    int k, spin, p, q;
    double factor;
  };
  std::array<Eigen::MatrixXd, 2> generators(const Eigen::VectorXd& z) const;

  const AoIntegrals& ints_;
  RotationSpace space_;
  int threads_;
  int n_mo_ = 0;
  int dimension_ = 0;
  double energy_ = 0.0;
  std::array<int, 2> n_occupied_{};
  std::array<Eigen::MatrixXd, 2> coefficients_;  // AO x MO
  std::array<Eigen::MatrixXd, 2> fock_;          // MO basis, each spin in its own orbitals
  std::vector<Term> terms_;
};

// Up to `count` lowest eigenpairs of H (ascending; vectors unit-normalized): dense for small
// dimensions, Davidson otherwise. `converged` is false when Davidson stopped early (the values
// are then upper bounds).
struct HessianEigenpairs {
  Eigen::VectorXd values;
  Eigen::MatrixXd vectors;
  bool converged = true;
};
HessianEigenpairs lowest_eigenpairs(const OrbitalHessian& hessian, int count);

}  // namespace qmol
