#pragma once

#include <cstdint>

#include "qmol/hamiltonian/molecular_hamiltonian.h"

namespace qmol {

// <bra|H|ket> for two determinants (bit p of a string = spatial orbital p occupied) by the
// Slater-Condon rules, in DeterminantSpace's interleaved phase convention, core energy on the
// diagonal. Zero unless the determinants differ by at most two spin orbitals and have equal
// electron counts of each spin. For a few elements (a start-vector block); the sigma build in
// DeterminantHamiltonian is the way to apply H.
double hamiltonian_element(const MolecularHamiltonian& h, std::uint64_t bra_alpha,
                           std::uint64_t bra_beta, std::uint64_t ket_alpha, std::uint64_t ket_beta);

}  // namespace qmol
