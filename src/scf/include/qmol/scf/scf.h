#pragma once

#include <functional>

#include "qmol/chem/molecule.h"
#include "qmol/integrals/ao_integrals.h"
#include "qmol/scf/scf_options.h"
#include "qmol/scf/scf_result.h"

namespace qmol {

// One SCF iteration, as reported to the caller while the SCF runs.
struct ScfIteration {
  Reference reference = Reference::rhf;  // changes to uhf when an RHF instability is followed
  int iteration = 0;                     // counted over the whole run, restarts included
  int cycle = 1;        // 1 for the first SCF, +1 for each restart after a followed instability
  double energy = 0.0;  // total, Hartree
  double energy_change = 0.0;  // from the previous iteration of this cycle (0 on its first)
  double error = 0.0;          // largest orbital-gradient element (the convergence measure)
  double seconds = 0.0;        // wall time since run_scf started
};
using ScfObserver = std::function<void(const ScfIteration&)>;

// Hartree-Fock for `molecule` from its AO integrals: RHF, UHF or ROHF (options.reference).
// Phases: orthogonalizer; guess (SAD, core, or read: `initial_orbitals` from an earlier run in the
// same basis; with sad/core, `initial_orbitals` that fit the basis are a warm start, e.g. for
// scans); guess_mix; DIIS iterations (level shift when DIIS stalls); stability analysis and
// following (options.stability); properties (orbital energies, gap, <S^2>, dipole).
// `on_iteration`, when set, is called after every iteration.
// Throws InputError for bad options, an rhf request on an open shell, or guess = read without
// orbitals that fit the basis (field "scf.guess_file"); ConvergenceError when max_iterations pass
// without convergence (a restart after a followed instability that does not converge instead
// keeps the converged solution, with a warning); NumericalError for NaN energies.
ScfResult run_scf(const Molecule& molecule, const AoIntegrals& integrals,
                  const ScfOptions& options = {}, const ScfResult* initial_orbitals = nullptr,
                  const ScfObserver& on_iteration = {});

}  // namespace qmol
