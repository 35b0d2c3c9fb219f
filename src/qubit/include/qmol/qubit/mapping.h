#pragma once

#include <string>
#include <vector>

#include "qmol/core/enum_names.h"
#include "qmol/hamiltonian/fermion_operator.h"
#include "qmol/qubit/majorana.h"
#include "qmol/qubit/qubit_operator.h"

namespace qmol {

// The fermion-to-qubit mappings a job can name (key hamiltonian.mapping).
enum class Mapping { jordan_wigner, bravyi_kitaev, parity };

template <>
struct EnumNames<Mapping> {
  static constexpr std::string_view noun = "mapping";
  static constexpr std::array<std::pair<Mapping, std::string_view>, 3> names = {
      {{Mapping::jordan_wigner, "jordan-wigner"},
       {Mapping::bravyi_kitaev, "bravyi-kitaev"},
       {Mapping::parity, "parity"}}};
};

// Majorana images of modes 0..n_qubits-1 (one mode per qubit, the operator's own mode order).
std::vector<MajoranaPair> majorana_images(Mapping mapping, int n_qubits);

QubitOperator map_fermion_operator(const FermionOperator& op, Mapping mapping, int n_qubits);

}  // namespace qmol
