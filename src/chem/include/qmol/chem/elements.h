#pragma once

#include <string>
#include <string_view>

namespace qmol {

inline constexpr int kMaxAtomicNumber = 36;  // H to Kr: the elements the basis files cover

// Case-insensitive symbol ("H", "he", "CL") to atomic number; 0 when unknown.
int atomic_number(std::string_view symbol);
// Canonical symbol ("He") for 1..kMaxAtomicNumber.
std::string element_symbol(int atomic_number);
// Doubly occupied core orbitals that frozen_core = true freezes for this element.
int core_orbitals(int atomic_number);

}  // namespace qmol
