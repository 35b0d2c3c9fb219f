#pragma once

#include <string>

namespace qmol {

// Where the first orbitals of an SCF come from.
enum class ScfGuess {
  sad,   // superposition of atomic densities
  core,  // eigenvectors of the core Hamiltonian
  read,  // orbitals of an earlier run in the same basis (scf.guess_file), projected on it
};
std::string to_string(ScfGuess g);  // "sad", "core", "read"

// "sad", "core", "read" (case-insensitive) to a ScfGuess; InputError (field "scf.guess") for
// anything else.
ScfGuess parse_scf_guess(const std::string& name);

}  // namespace qmol
