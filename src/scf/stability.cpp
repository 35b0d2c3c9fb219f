#include "qmol/scf/stability.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "qmol/core/errors.h"

namespace qmol {

std::string to_string(RotationSpace s) {
  switch (s) {
    case RotationSpace::rhf_rhf:
      return "rhf->rhf";
    case RotationSpace::rhf_uhf:
      return "rhf->uhf";
    case RotationSpace::uhf_uhf:
      return "uhf->uhf";
    case RotationSpace::rohf_rohf:
      return "rohf->rohf";
  }
  return "unknown";
}

}  // namespace qmol
