#pragma once

#include <Eigen/Core>

#include "qmol/chem/molecule.h"
#include "qmol/integrals/ao_integrals.h"

namespace qmol::detail {

// Superposition of atomic densities: for each element, a spin-restricted, spherically averaged
// SCF of the neutral atom in its own functions of the molecular basis (fractional occupation of
// the degenerate frontier shell); the molecular guess is the block-diagonal sum of the atomic
// total densities (alpha + beta).
Eigen::MatrixXd sad_density(const Molecule& molecule, const AoIntegrals& integrals);

}  // namespace qmol::detail
