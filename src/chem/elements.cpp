#include "qmol/chem/elements.h"

#include <array>
#include <cctype>

namespace qmol {
namespace {
constexpr std::array<const char*, kMaxAtomicNumber + 1> kSymbols = {
    "",   "H",  "He", "Li", "Be", "B",  "C",  "N",  "O",  "F",  "Ne", "Na", "Mg",
    "Al", "Si", "P",  "S",  "Cl", "Ar", "K",  "Ca", "Sc", "Ti", "V",  "Cr", "Mn",
    "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Ge", "As", "Se", "Br", "Kr"};
}  // namespace

int atomic_number(std::string_view symbol) {
  if (symbol.empty() || symbol.size() > 2) return 0;
  std::string canonical(1, static_cast<char>(std::toupper(static_cast<unsigned char>(symbol[0]))));
  if (symbol.size() == 2)
    canonical += static_cast<char>(std::tolower(static_cast<unsigned char>(symbol[1])));
  for (int z = 1; z <= kMaxAtomicNumber; ++z)
    if (canonical == kSymbols[z]) return z;
  return 0;
}

std::string element_symbol(int z) {
  return (z >= 1 && z <= kMaxAtomicNumber) ? kSymbols[z] : "?";
}

int core_orbitals(int z) {
  // Closed noble-gas shells below the valence shell; 3d stays in the core for Ga-Kr.
  if (z <= 2) return 0;
  if (z <= 10) return 1;
  if (z <= 18) return 5;
  if (z <= 30) return 9;
  return 14;
}

}  // namespace qmol
