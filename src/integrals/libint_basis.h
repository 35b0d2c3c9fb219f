#pragma once
// libint2's side of BasisSet, for the integral code only.

#include <libint2/basis.h>

#include "qmol/integrals/basis_set.h"

namespace qmol {

struct BasisSet::Shells {
  libint2::BasisSet libint;
};

namespace detail {

// The libint2 shells of `basis`; none for a default-constructed BasisSet.
inline const libint2::BasisSet& libint_shells(const BasisSet& basis) {
  static const libint2::BasisSet none;
  return basis.shells ? basis.shells->libint : none;
}

}  // namespace detail
}  // namespace qmol
