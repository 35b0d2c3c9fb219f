#pragma once

#include <memory>
#include <string>
#include <vector>

#include "qmol/chem/molecule.h"

namespace qmol {

// A Gaussian basis placed on the atoms of one molecule. The shells are ordered atom by atom, so
// the functions of each atom form one contiguous range (the SAD guess relies on this).
struct BasisSet {
  std::string name;       // canonical lower-case name, also the file stem ("6-31g*")
  bool spherical = true;  // false: d shells are cartesian (6d), the Pople 6-31G/3-21G rule
  std::vector<int> shell_to_atom;
  std::vector<int> first_function_of_atom;  // size n_atoms + 1: atom a owns [f[a], f[a+1])

  // libint2's shells (normalized, centred on the atoms, Bohr). Opaque here so that libint2's
  // headers stay inside src/integrals/ (libint_basis.h defines it) instead of reaching every
  // file that includes this one. Never changed after loading, so copies share it.
  struct Shells;
  std::shared_ptr<const Shells> shells;

  int n_functions() const {
    return first_function_of_atom.empty() ? 0 : first_function_of_atom.back();
  }
  int n_shells() const { return static_cast<int>(shell_to_atom.size()); }
};

// Reads "<name>.g94" (Gaussian94 format) from the basis search path (qmol/core/data_path.h) and
// places it on `molecule`. The name is case-insensitive ("STO-3G", "6-31G*", "6-31G(d)",
// "cc-pVDZ"). Each set keeps its own convention: Pople 3-21G and 6-31G family cartesian d,
// everything else spherical — the rule Psi4 and Gaussian follow, so energies agree with theirs.
// Throws InputError for an unknown basis (listing the available ones) and for an element the
// basis does not cover (naming element and basis).
BasisSet load_basis(const std::string& name, const Molecule& molecule);

// The shells of one atom of `basis` (where they are), as the basis of that atom alone.
BasisSet atom_basis(const BasisSet& basis, int atom);

// One shell of a basis: where it sits and which functions it owns.
struct ShellInfo {
  int atom = 0;
  int angular_momentum = 0;  // l: 0 = s, 1 = p, 2 = d, ...
  bool pure = true;          // spherical (2l+1 functions, libint2's m = -l..l order) or cartesian
  int first_function = 0;
  int n_functions = 0;
};
// Every shell of `basis`, in basis order.
std::vector<ShellInfo> shell_info(const BasisSet& basis);

// Canonical names of every basis set found on the search path (data_search_path(DataKind::basis),
// qmol/core/data_path.h), sorted.
std::vector<std::string> available_basis_sets();

// "STO-3G" -> "sto-3g", "6-31G(d,p)" -> "6-31g**": the file stem that load_basis looks for.
std::string canonical_basis_name(const std::string& name);

}  // namespace qmol
