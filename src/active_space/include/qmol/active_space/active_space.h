#pragma once

#include <optional>
#include <variant>
#include <vector>

#include "qmol/chem/molecule.h"
#include "qmol/hamiltonian/molecular_hamiltonian.h"
#include "qmol/integrals/ao_integrals.h"
#include "qmol/scf/scf_result.h"

namespace qmol {

// Which molecular orbitals form the active space. Defaults: all electrons in all orbitals.
struct ActiveSpaceOptions {
  // true: the chemical core of every element (Molecule::chemical_core_orbitals()); an int: that
  // many lowest doubly occupied orbitals; false: none.
  std::variant<bool, int> frozen_core = false;
  std::optional<int> electrons;   // CAS window around the Fermi level: active electrons ...
  std::optional<int> orbitals;    // ... and active orbitals
  std::vector<int> orbital_list;  // explicit 0-based MO indices (occupied ones left out: frozen)

  void check() const;  // InputError with field "active_space.<name>"
};

// What was chosen: counts, the frozen orbitals, and the energy they carry.
struct ActiveSpaceInfo {
  int n_electrons = 0;  // active
  int n_alpha = 0;
  int n_beta = 0;
  int n_orbitals = 0;
  int frozen_core = 0;       // doubly occupied orbitals frozen
  double core_energy = 0.0;  // nuclear repulsion + frozen-core energy (set by build_active_space)
  std::vector<int> active_orbitals;  // 0-based MO indices, increasing
  std::vector<int> frozen_orbitals;
};

// The orbital choice alone (no integrals): for a memory estimate before any work, and for
// reports. n_mo is the number of molecular orbitals; n_alpha/n_beta those of the SCF.
// InputError (field "active_space.*") for an impossible window.
ActiveSpaceInfo select_active_space(int n_mo, int n_alpha, int n_beta, const Molecule& molecule,
                                    const ActiveSpaceOptions& options);

// The active-space Hamiltonian in the SCF orbitals: frozen-core energy and effective one-electron
// operator h + 2J - K of the frozen density, (pq|rs) of the active orbitals by four quarter
// transformations (cost n_ao^4 n_act, never the full MO tensor). RHF and ROHF orbitals; UHF is
// refused (InputError). `info`, when given, receives the description.
MolecularHamiltonian build_active_space(const AoIntegrals& integrals, const ScfResult& scf,
                                        const Molecule& molecule,
                                        const ActiveSpaceOptions& options = {},
                                        ActiveSpaceInfo* info = nullptr);

}  // namespace qmol
