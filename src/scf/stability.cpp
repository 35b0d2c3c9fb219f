#include "qmol/scf/stability.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "qmol/core/errors.h"

namespace qmol {

std::string to_string(Stability s) {
  switch (s) {
    case Stability::none:
      return "none";
    case Stability::check:
      return "check";
    case Stability::follow:
      return "follow";
  }
  return "unknown";
}

Stability parse_stability(const std::string& name) {
  std::string key = name;
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (Stability s : {Stability::none, Stability::check, Stability::follow})
    if (key == to_string(s)) return s;
  throw InputError(fmt::format("unknown SCF stability mode \"{}\"; expected \"none\", \"check\" "
                               "or \"follow\"",
                               name),
                   {"", 0, "scf.stability"});
}

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
