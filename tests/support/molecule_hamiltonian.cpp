#include "support/molecule_hamiltonian.h"

#include <map>

#include "qmol/active_space/active_space.h"
#include "qmol/chem/xyz.h"
#include "qmol/integrals/ao_integrals.h"
#include "qmol/integrals/basis_set.h"
#include "qmol/qubit/qubit_hamiltonian.h"
#include "qmol/scf/scf.h"
#include "support/test_paths.h"

namespace qmol::testing {

const QubitOperator& sto3g_jordan_wigner_hamiltonian(const std::string& name) {
  static std::map<std::string, QubitOperator> cache;
  auto it = cache.find(name);
  if (it == cache.end()) {
    const Molecule m = read_xyz(molecules_dir() + "/" + name + ".xyz");
    const AoIntegrals ao = compute_ao_integrals(m, load_basis("sto-3g", m));
    const MolecularHamiltonian h = build_active_space(ao, run_scf(m, ao), m);
    it = cache.emplace(name, qubit_hamiltonian(h, Mapping::jordan_wigner)).first;
  }
  return it->second;
}

}  // namespace qmol::testing
