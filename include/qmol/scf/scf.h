#pragma once

#include "qmol/chem/molecule.h"
#include "qmol/integrals/ao_integrals.h"
#include "qmol/scf/scf_options.h"
#include "qmol/scf/scf_result.h"

namespace qmol {

// Hartree-Fock for `molecule` from its AO integrals: RHF, UHF or ROHF (options.reference).
// Phases: orthogonalizer, guess (SAD, core, or `initial_orbitals` from a previous run in the same
// basis size — a warm start for scans), DIIS iterations (level shift when DIIS stalls),
// properties (orbital energies, gap, <S^2>, dipole).
// Throws InputError for bad options or an rhf request on an open shell, ConvergenceError when
// max_iterations pass without convergence, NumericalError for NaN energies.
ScfResult run_scf(const Molecule& molecule, const AoIntegrals& integrals,
                  const ScfOptions& options = {}, const ScfResult* initial_orbitals = nullptr);

}  // namespace qmol
