#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "qmol/ansatz/fermionic_ansatz.h"
#include "qmol/hamiltonian/molecular_hamiltonian.h"

namespace qmol {

// All parameters zero: the ansatz prepares its reference determinant.
std::vector<double> zero_parameters(const FermionicAnsatz& ansatz);

// Parameters uniform in [-amplitude, amplitude), from std::mt19937_64 seeded with `seed`. The
// doubles are formed from the generator's 64-bit outputs directly (top 53 bits), not through
// std::uniform_real_distribution, so the values are the same bits with every standard library.
std::vector<double> random_parameters(const FermionicAnsatz& ansatz, std::uint64_t seed,
                                      double amplitude = 0.1);

// Orbital energies of the reference determinant: the diagonal of the Fock matrix built from h and
// (pq|rs) with the given occupations (bit p = spatial orbital p occupied),
//   f^s_pp = h_pp + sum_{q occ} (pp|qq) [both spins] - sum_{q occ, spin s} (pq|qp).
// Returns the alpha (s = 0) or beta (s = 1) values. For RHF/ROHF orbitals these are the
// canonical / diagonal orbital energies; no SCF object is needed.
std::vector<double> reference_orbital_energies(const MolecularHamiltonian& hamiltonian,
                                               unsigned long long alpha_occupation,
                                               unsigned long long beta_occupation, int spin);

// First-order Moller-Plesset amplitudes as starting parameters for "uccsd" and "singlet-uccsd":
// for each parameter, its first double occupied->virtual term with spin orbitals i, j -> a, b
// (opposite spins preferred, which every singlet double has) gives
//   t = <ij||ab> / (e_i + e_j - e_a - e_b),  parameter = t / coefficient,
// the orbital energies from reference_orbital_energies(). With G = a+_a a+_b a_j a_i this is the
// sign for which exp(T - T^dagger) starts as 1 + T2 (MP1). Singles are zero; a pair with
// |denominator| < 1e-10 gets zero. Throws InputError for other ansatz kinds.
std::vector<double> mp2_parameters(const FermionicAnsatz& ansatz,
                                   const MolecularHamiltonian& hamiltonian);

}  // namespace qmol
