#pragma once
// The human report of a run, printed as the stages finish; run_job only says when.

#include <ostream>
#include <string>

#include "qmol/io/run_result.h"
#include "qmol/scf/scf.h"

namespace qmol {

class RunReport {
 public:
  // log: the whole report (nullptr: silent); summary: the final table alone (nullptr: it goes to
  // log with the rest).
  RunReport(std::ostream* log, std::ostream* summary) : log_(log), summary_(summary) {}

  void fcidump(const std::string& file, const MolecularHamiltonian& h) const;
  void molecule(const Molecule& m, const RunResult::BasisSummary& basis) const;
  void scf_start() const;  // the header of the iteration lines
  void scf_iteration(const ScfIteration& i) const;
  void scf(const ScfResult& scf, const Molecule& m) const;
  void active_space(const ActiveSpaceInfo& info) const;
  void qubit(const RunResult::QubitSummary& q) const;
  void orbital_start(const RunResult::OrbitalOptimizationSummary& o) const;
  void orbital_iteration(const OrbitalIteration& i, double seconds) const;
  void orbital_optimization(const RunResult::OrbitalOptimizationSummary& o) const;
  void exact(const ExactResult& exact, ExactSpin spin, double seconds) const;
  void vqe_start(const VqeProblem& problem, OptimizerMethod optimizer) const;
  void vqe_iteration(int iteration, double energy, double gradient_norm, double seconds) const;
  void exact_iteration(int iteration, double energy, double residual, double seconds) const;
  void note(const std::string& text) const;
  void excited(const ExcitedResult& excited) const;
  void final_table(const RunResult& r) const;

 private:
  std::ostream* log_;
  std::ostream* summary_;
};

}  // namespace qmol
