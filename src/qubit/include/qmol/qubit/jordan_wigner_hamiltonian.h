#pragma once

#include "qmol/hamiltonian/molecular_hamiltonian.h"
#include "qmol/qubit/qubit_operator.h"

namespace qmol {

// The Jordan-Wigner qubit Hamiltonian of h (2 * n_orbitals qubits, interleaved spin orbitals),
// each Pauli string written down in closed form. Under Jordan-Wigner a string's X mask is the set
// of modes its fermionic term moves, so the terms fall into disjoint classes that need no hash
// map: Z strings (number operators and their pairs), the two strings X..X and Y..Y of each hop
// p -> q, alone or times one Z_m (a hop next to an occupied mode m), and the eight strings of each
// set of four distinct modes. Each string's coefficient is summed where it is generated; the
// classes of the different top modes run in parallel (OpenMP) into separate blocks.
//
// Same contract as qubit_hamiltonian(h, Mapping::jordan_wigner): real integrals with the usual
// symmetries, real coefficients, terms below kMappingThreshold dropped, simplified (sorted).
QubitOperator jordan_wigner_hamiltonian(const MolecularHamiltonian& h);

}  // namespace qmol
