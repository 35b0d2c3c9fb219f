#pragma once
// The [orbital_optimization] stage of run_job: CASSCF or OO-VQE on the job's active space.

#include <vector>

#include "qmol/io/run_result.h"
#include "qmol/workflow/job.h"
#include "qmol/workflow/run_report.h"

namespace qmol {

// Optimizes the orbitals of `info` (as build_active_space left them) with the job's solver and
// returns the Hamiltonian of the final orbitals; `info` then describes those orbitals.
// `vqe_parameters` receives the last VQE parameters (solver vqe), for the VQE stage's start.
MolecularHamiltonian optimize_job_orbitals(const Job& job, const AoIntegrals& integrals,
                                           ActiveSpaceInfo& info, double memory,
                                           const RunReport& report,
                                           RunResult::OrbitalOptimizationSummary& summary,
                                           std::vector<double>& vqe_parameters);

}  // namespace qmol
