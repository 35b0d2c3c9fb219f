#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "qmol/core/errors.h"
#include "qmol/scf/scf_options.h"
#include "qmol/scf/scf_result.h"

namespace qmol {

std::string to_string(Reference r) {
  switch (r) {
    case Reference::rhf:
      return "rhf";
    case Reference::uhf:
      return "uhf";
    case Reference::rohf:
      return "rohf";
  }
  return "unknown";
}

Reference parse_reference(const std::string& name) {
  std::string key = name;
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (Reference r : {Reference::rhf, Reference::uhf, Reference::rohf})
    if (key == to_string(r)) return r;
  throw InputError(
      fmt::format("unknown SCF reference \"{}\"; expected \"rhf\", \"uhf\" or \"rohf\"", name),
      {"", 0, "scf.reference"});
}

}  // namespace qmol
