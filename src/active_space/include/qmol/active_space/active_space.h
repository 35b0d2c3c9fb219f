#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "qmol/chem/molecule.h"
#include "qmol/core/enum_names.h"
#include "qmol/hamiltonian/molecular_hamiltonian.h"
#include "qmol/integrals/ao_integrals.h"
#include "qmol/scf/scf_result.h"

namespace qmol {

// How the active orbitals are chosen: a window of SCF orbitals around the Fermi level (or an
// explicit list), the MP2 natural orbitals with fractional occupation, or the atomic valence active
// space (AVAS) of named atomic orbitals.
enum class ActiveSpaceSelection { window, natural_orbitals, avas };
template <>
struct EnumNames<ActiveSpaceSelection> {
  static constexpr std::string_view noun = "active-space selection";
  static constexpr std::array<std::pair<ActiveSpaceSelection, std::string_view>, 3> names = {
      {{ActiveSpaceSelection::window, "window"},
       {ActiveSpaceSelection::natural_orbitals, "natural-orbitals"},
       {ActiveSpaceSelection::avas, "avas"}}};
};

// Which molecular orbitals form the active space. Defaults: all electrons in all orbitals.
struct ActiveSpaceOptions {
  ActiveSpaceSelection selection = ActiveSpaceSelection::window;
  // true: the chemical core of every element (Molecule::chemical_core_orbitals()); an int: that
  // many lowest doubly occupied orbitals; false: none.
  std::variant<bool, int> frozen_core = false;
  std::optional<int> electrons;   // CAS window around the Fermi level: active electrons ...
  std::optional<int> orbitals;    // ... and active orbitals
  std::vector<int> orbital_list;  // explicit 0-based MO indices (occupied ones left out: frozen)
  // natural-orbitals and avas: electrons and orbitals (both or neither) fix the size; otherwise
  // the thresholds below decide it. max_orbitals keeps the most strongly correlated ones.
  std::optional<int> max_orbitals;
  double min_occupation = 0.02;            // natural-orbitals: active if n in [min, 2 - min]
  std::vector<std::string> avas_orbitals;  // avas: "C 2pz", "O 2p", "Fe 3d", "Fe 3dxy"
  double avas_threshold = 0.2;             // avas: keep projected-overlap eigenvalues above this

  void check() const;  // InputError with field "active_space.<name>"
};

// Second-order Moller-Plesset energy of the RHF reference (natural-orbitals selection).
struct Mp2Energy {
  double energy = 0.0;              // SCF + correlation, Hartree
  double correlation_energy = 0.0;  // Hartree
  int frozen_core = 0;              // doubly occupied orbitals left out of the correlation
};

// How an automatic selection (natural-orbitals, avas) chose the active orbitals.
struct OrbitalSelection {
  ActiveSpaceSelection method = ActiveSpaceSelection::window;
  // Indices into the selection's orbitals: the natural orbitals by decreasing occupation; for
  // AVAS the frozen core, then the rotated occupied orbitals by decreasing overlap, the open
  // shells, the rotated virtual orbitals by decreasing overlap.
  std::vector<int> orbitals;
  std::vector<double> occupations;  // natural-orbitals: MP2 occupation of each active orbital
  std::vector<double> overlaps;     // avas: projected overlap of each active orbital
  int n_electrons = 0;
  int n_orbitals = 0;
  std::string note;  // what max_orbitals or a fixed size removed, "" when nothing
};

// What was chosen: counts, the frozen orbitals, and the energy they carry.
struct ActiveSpaceInfo {
  int n_electrons = 0;  // active
  int n_alpha = 0;
  int n_beta = 0;
  int n_orbitals = 0;
  int frozen_core = 0;       // doubly occupied orbitals frozen
  double core_energy = 0.0;  // nuclear repulsion + frozen-core energy (set by build_active_space)
  // 0-based indices, increasing: of the SCF orbitals (window), of the selection's orbitals
  // (OrbitalSelection::orbitals) otherwise.
  std::vector<int> active_orbitals;
  std::vector<int> frozen_orbitals;
  std::optional<OrbitalSelection> selection;  // natural-orbitals and avas
  std::optional<Mp2Energy> mp2;               // natural-orbitals
  // AO coefficients (n_ao x orbitals) of the frozen and the active orbitals, as the Hamiltonian
  // used them, and of the other (external) orbitals (set by build_active_space): for properties of
  // the correlated state and for orbital optimization.
  Eigen::MatrixXd frozen_coefficients, active_coefficients, external_coefficients;
};

// The number of doubly occupied orbitals options.frozen_core freezes in `molecule`.
int frozen_core_count(const ActiveSpaceOptions& options, const Molecule& molecule);

// The orbital choice alone (no integrals): for a memory estimate before any work, and for
// reports. n_mo is the number of molecular orbitals; n_alpha/n_beta those of the SCF.
// InputError (field "active_space.*") for an impossible window. The window choice only:
// natural-orbitals and avas need the SCF orbitals (build_active_space).
ActiveSpaceInfo select_active_space(int n_mo, int n_alpha, int n_beta, const Molecule& molecule,
                                    const ActiveSpaceOptions& options);

// The active-space Hamiltonian in the SCF orbitals: frozen-core energy and effective one-electron
// operator h + 2J - K of the frozen density, (pq|rs) of the active orbitals by four quarter
// transformations (cost n_ao^4 n_act, never the full MO tensor). RHF and ROHF orbitals; UHF is
// refused (InputError). natural-orbitals needs RHF. With natural-orbitals and avas the Hamiltonian
// is in the selection's rotated orbitals. `info`, when given, receives the description.
MolecularHamiltonian build_active_space(const AoIntegrals& integrals, const ScfResult& scf,
                                        const Molecule& molecule,
                                        const ActiveSpaceOptions& options = {},
                                        ActiveSpaceInfo* info = nullptr);

// The active-space Hamiltonian of any orthonormal orbitals: `frozen` (n_ao x f) doubly occupied,
// `active` (n_ao x m) with n_alpha + n_beta electrons. Sets info.core_energy.
MolecularHamiltonian active_space_hamiltonian(const AoIntegrals& integrals,
                                              const Eigen::MatrixXd& frozen,
                                              const Eigen::MatrixXd& active, int n_alpha,
                                              int n_beta, ActiveSpaceInfo& info);

// The one-electron operator of electrons moving in the field of the doubly occupied orbitals
// `frozen` (n_ao x f): h_eff = h + 2J - K of their density (AO basis), and their own electronic
// energy.
struct FrozenCoreOperator {
  Eigen::MatrixXd h_eff;
  double energy = 0.0;
};
FrozenCoreOperator frozen_core_operator(const AoIntegrals& integrals,
                                        const Eigen::MatrixXd& frozen);

// (pu|vw) for every orbital p of `orbitals` (n_ao x k) and u, v, w of `active` (n_ao x m), at
// index ((p m + u) m + v) m + w: with orbitals = active, the active space's two-electron
// integrals; with all orbitals, what the orbital gradient of an active space needs. Four quarter
// transformations, cost n_ao^4 m (never the full MO tensor).
std::vector<double> mixed_active_integrals(const AoIntegrals& integrals,
                                           const Eigen::MatrixXd& orbitals,
                                           const Eigen::MatrixXd& active);

}  // namespace qmol
