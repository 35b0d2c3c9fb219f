#include "qmol/scf/scf_guess.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "qmol/core/errors.h"

namespace qmol {

std::string to_string(ScfGuess g) {
  switch (g) {
    case ScfGuess::sad:
      return "sad";
    case ScfGuess::core:
      return "core";
    case ScfGuess::read:
      return "read";
  }
  return "unknown";
}

ScfGuess parse_scf_guess(const std::string& name) {
  std::string key = name;
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (ScfGuess g : {ScfGuess::sad, ScfGuess::core, ScfGuess::read})
    if (key == to_string(g)) return g;
  throw InputError(
      fmt::format("unknown SCF guess \"{}\"; expected \"sad\", \"core\" or \"read\"", name),
      {"", 0, "scf.guess"});
}

}  // namespace qmol
