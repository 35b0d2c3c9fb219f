#include "qmol/scf/scf_options.h"

#include <fmt/format.h>

#include <cmath>

#include "qmol/core/errors.h"

namespace qmol {
namespace {

[[noreturn]] void bad(const std::string& field, const std::string& message) {
  throw InputError(message, {"", 0, "scf." + field});
}

void require_positive(const std::string& field, double value) {
  if (!(std::isfinite(value) && value > 0.0))
    bad(field, fmt::format("scf.{} must be a positive number, got {}", field, value));
}

}  // namespace

void ScfOptions::check() const {
  require_positive("energy_tolerance", energy_tolerance);
  require_positive("density_tolerance", density_tolerance);
  if (max_iterations < 1)
    bad("max_iterations",
        fmt::format("scf.max_iterations must be at least 1, got {}", max_iterations));
  if (guess == ScfGuess::read && guess_file.empty())
    bad("guess_file", "scf.guess = \"read\" needs scf.guess_file, the result file to read");
  if (guess != ScfGuess::read && !guess_file.empty())
    bad("guess_file", fmt::format("scf.guess_file \"{}\" is only read with scf.guess = \"read\" "
                                  "(scf.guess is \"{}\")",
                                  guess_file, to_string(guess)));
  if (guess_mix && reference != Reference::uhf)
    bad("guess_mix",
        "scf.guess_mix breaks the alpha/beta symmetry of the guess: it needs "
        "scf.reference = \"uhf\"");
  if (threads < 1) bad("threads", fmt::format("scf.threads must be at least 1, got {}", threads));
  if (!(std::isfinite(level_shift) && level_shift >= 0.0))
    bad("level_shift",
        fmt::format("scf.level_shift must be zero or a positive number, got {}", level_shift));
  if (diis_size < 2 || diis_size > 50)
    bad("diis_size", fmt::format("scf.diis_size must be between 2 and 50, got {}", diis_size));
}

Reference ScfOptions::reference_for(const Molecule& molecule) const {
  if (reference) return *reference;
  return molecule.multiplicity == 1 ? Reference::rhf : Reference::rohf;
}

}  // namespace qmol
