#pragma once
// The device stage of run_job: the VQE state's circuit in native gates and, with [estimator],
// [noise] or [mitigation], its energy as a quantum computer would measure it.

#include "qmol/estimate/measurement_grouping.h"
#include "qmol/io/run_result.h"
#include "qmol/qubit/tapering.h"
#include "qmol/solve/vqe_problem.h"
#include "qmol/workflow/job.h"
#include "qmol/workflow/run_report.h"

namespace qmol {

// Fills r.circuit with the circuit of r.vqe's trained state (or of the problem's starting
// parameters when r.vqe is empty), peephole-optimized when `optimize`, and r.device with the
// measurements the job's device model asks for. `grouping`: the register Hamiltonian's
// measurement groups (r.qubit's operator, the job's grouping; required by a device model);
// `tapering` the register's when hamiltonian.taper.
void run_device_stage(const Job& job, const VqeProblem& problem,
                      const MeasurementGrouping* grouping, const TaperedOperator* tapering,
                      bool optimize, const RunReport& report, RunResult& r);

}  // namespace qmol
