#include "qmol/qubit/mapping.h"

#include <fmt/format.h>

#include "qmol/core/errors.h"
#include "qmol/qubit/bravyi_kitaev.h"
#include "qmol/qubit/jordan_wigner.h"
#include "qmol/qubit/parity.h"

namespace qmol {

std::vector<MajoranaPair> majorana_images(Mapping mapping, int n_qubits) {
  switch (mapping) {
    case Mapping::jordan_wigner:
      return jordan_wigner_majoranas(n_qubits);
    case Mapping::bravyi_kitaev:
      return bravyi_kitaev_majoranas(n_qubits);
    case Mapping::parity:
      return parity_majoranas(n_qubits);
  }
  return {};
}

QubitOperator map_fermion_operator(const FermionOperator& op, Mapping mapping, int n_qubits) {
  return map_with_majoranas(op, majorana_images(mapping, n_qubits), n_qubits);
}

}  // namespace qmol
