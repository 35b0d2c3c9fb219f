#pragma once

#include <Eigen/Core>

#include "qmol/integrals/ao_integrals.h"
#include "qmol/scf/scf_result.h"

namespace qmol {

// Closed-shell (RHF) second-order Moller-Plesset perturbation theory, conventional integrals.
struct Mp2Result {
  double correlation_energy = 0.0;  // Hartree
  double energy = 0.0;              // SCF + correlation
  int frozen_core = 0;              // lowest doubly occupied orbitals left uncorrelated
  // The unrelaxed one-particle density (alpha + beta) in the SCF orbitals, n_mo x n_mo:
  // occupied-occupied and virtual-virtual blocks only; frozen orbitals keep occupation 2.
  Eigen::MatrixXd density;
};

// MP2 on the RHF orbitals of `scf`, with the `frozen_core` lowest orbitals uncorrelated.
// (ia|jb) by quarter transformations from the stored AO integrals: memory n_o n_v n_ao^2 / 2
// doubles. InputError (field "active_space.select") for a non-RHF reference.
Mp2Result rhf_mp2(const AoIntegrals& integrals, const ScfResult& scf, int frozen_core = 0);

// The peak memory of rhf_mp2 (bytes) for n_functions basis functions and n_orbitals MOs, of which
// n_occupied are doubly occupied and n_frozen frozen: for a check before the SCF.
double mp2_memory_bytes(int n_functions, int n_occupied, int n_frozen, int n_orbitals);

}  // namespace qmol
