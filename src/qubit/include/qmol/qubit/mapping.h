#pragma once

#include <string>
#include <vector>

#include "qmol/hamiltonian/fermion_operator.h"
#include "qmol/qubit/majorana.h"
#include "qmol/qubit/qubit_operator.h"

namespace qmol {

// The fermion-to-qubit mappings a job can name (key hamiltonian.mapping).
enum class Mapping { jordan_wigner, bravyi_kitaev, parity };

// Accepts exactly "jordan-wigner", "bravyi-kitaev" or "parity"; otherwise throws InputError
// (field hamiltonian.mapping) naming the valid choices.
Mapping parse_mapping(const std::string& name);
std::string to_string(Mapping mapping);  // the name parse_mapping accepts

// Majorana images of modes 0..n_qubits-1 (one mode per qubit, the operator's own mode order).
std::vector<MajoranaPair> majorana_images(Mapping mapping, int n_qubits);

QubitOperator map_fermion_operator(const FermionOperator& op, Mapping mapping, int n_qubits);

}  // namespace qmol
