#pragma once

#include "qmol/core/enum_names.h"

namespace qmol {

// Where the first orbitals of an SCF come from.
enum class ScfGuess {
  sad,   // superposition of atomic densities
  core,  // eigenvectors of the core Hamiltonian
  read,  // orbitals of an earlier run in the same basis (scf.guess_file), projected on it
};
template <>
struct EnumNames<ScfGuess> {
  static constexpr std::string_view noun = "SCF guess";
  static constexpr std::array<std::pair<ScfGuess, std::string_view>, 3> names = {
      {{ScfGuess::sad, "sad"}, {ScfGuess::core, "core"}, {ScfGuess::read, "read"}}};
};

}  // namespace qmol
