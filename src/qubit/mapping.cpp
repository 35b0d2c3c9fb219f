#include "qmol/qubit/mapping.h"

#include <fmt/format.h>

#include "qmol/core/errors.h"
#include "qmol/qubit/bravyi_kitaev.h"
#include "qmol/qubit/jordan_wigner.h"
#include "qmol/qubit/parity.h"

namespace qmol {

Mapping parse_mapping(const std::string& name) {
  if (name == "jordan-wigner") return Mapping::jordan_wigner;
  if (name == "bravyi-kitaev") return Mapping::bravyi_kitaev;
  if (name == "parity") return Mapping::parity;
  throw InputError(fmt::format("unknown mapping '{}': expected one of jordan-wigner, "
                               "bravyi-kitaev, parity",
                               name),
                   Location{"", 0, "hamiltonian.mapping"});
}

std::string to_string(Mapping mapping) {
  switch (mapping) {
    case Mapping::jordan_wigner:
      return "jordan-wigner";
    case Mapping::bravyi_kitaev:
      return "bravyi-kitaev";
    case Mapping::parity:
      return "parity";
  }
  return "unknown";
}

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
