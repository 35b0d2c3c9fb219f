#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "qmol/io/run_result.h"

namespace qmol {

// The JSON summary that scripts rely on (keys documented in the README): molecule, basis, scf,
// active_space, hamiltonian, exact, vqe — each present when its stage ran. Energies in Hartree.
nlohmann::json json_summary(const RunResult& result);

// Writes json_summary(result) to `path` atomically (temporary file, then rename).
void write_json_summary(const std::string& path, const RunResult& result);

}  // namespace qmol
