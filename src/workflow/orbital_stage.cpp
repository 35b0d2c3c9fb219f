#include "orbital_stage.h"

#include <Eigen/Eigenvalues>
#include <chrono>

#include "qmol/core/errors.h"
#include "qmol/sim/reduced_density.h"
#include "qmol/solve/exact_diagonalization.h"
#include "qmol/solve/vqe.h"
#include "qmol/workflow/job_validation.h"

namespace qmol {

MolecularHamiltonian optimize_job_orbitals(const Job& job, const AoIntegrals& integrals,
                                           ActiveSpaceInfo& info, double memory,
                                           const RunReport& report,
                                           RunResult::OrbitalOptimizationSummary& summary,
                                           std::vector<double>& vqe_parameters) {
  const OrbitalOptimizationOptions& options = *job.orbital_optimization;
  OrbitalSpaces spaces;
  spaces.n_frozen = frozen_core_count(job.active_space, *job.molecule);
  spaces.n_inactive = info.frozen_core - spaces.n_frozen;
  spaces.n_active = info.n_orbitals;
  spaces.n_alpha = info.n_alpha;
  spaces.n_beta = info.n_beta;
  const auto n_ao = info.active_coefficients.rows();
  spaces.coefficients.resize(n_ao, info.frozen_coefficients.cols() +
                                       info.active_coefficients.cols() +
                                       info.external_coefficients.cols());
  spaces.coefficients << info.frozen_coefficients, info.active_coefficients,
      info.external_coefficients;
  check_orbital_rotations(job, spaces.n_inactive, spaces.n_active, spaces.n_virtual());

  summary.solver = options.solver;
  summary.gradient_tolerance = options.gradient_tolerance;
  summary.n_frozen = spaces.n_frozen;
  summary.n_inactive = spaces.n_inactive;
  summary.n_active = spaces.n_active;
  ActiveSpaceSolver solve;
  if (options.solver == OrbitalSolver::exact) {
    ExactOptions exact = job.exact;
    exact.roots = 1;
    exact.want_ground_state = true;
    exact.memory_limit_bytes = memory;
    solve = [exact](const MolecularHamiltonian& h) {
      const ExactResult r = exact_ground_state(h, exact);
      ReducedDensities d = reduced_densities(
          DeterminantSpace(h.n_orbitals(), h.n_alpha(), h.n_beta()), r.ground_state.data());
      return ActiveSolution{r.energy, std::move(d.one), std::move(d.two)};
    };
  } else {
    solve = [&](const MolecularHamiltonian& h) {
      VqeProblem problem = build_vqe_problem(h, job.vqe_spec());
      VqeRunOptions run;
      run.optimizer = job.optimizer;
      if (!vqe_parameters.empty()) run.warm_start = &vqe_parameters;  // the last orbitals' state
      const VqeReport vqe = solve_vqe(problem, run);
      vqe_parameters = vqe.result.parameters;
      const std::vector<double> c = problem.determinant_state(vqe_parameters);
      if (c.empty())  // excluded by job validation
        throw NumericalError("the VQE state has no determinant-space form for its densities");
      ReducedDensities d =
          reduced_densities(DeterminantSpace(h.n_orbitals(), h.n_alpha(), h.n_beta()), c.data());
      return ActiveSolution{vqe.result.energy, std::move(d.one), std::move(d.two)};
    };
  }
  report.orbital_start(summary);
  const auto t0 = std::chrono::steady_clock::now();
  OrbitalOptimizationResult r =
      optimize_orbitals(integrals, spaces, options, solve, [&](const OrbitalIteration& i) {
        const std::chrono::duration<double> dt = std::chrono::steady_clock::now() - t0;
        report.orbital_iteration(i, dt.count());
      });
  summary.energy = r.energy;
  summary.iterations = r.iterations;
  summary.converged = r.converged;
  for (const OrbitalIteration& i : r.history) {
    summary.energies.push_back(i.energy);
    summary.max_gradients.push_back(i.max_gradient);
  }
  summary.orbitals = r.spaces.coefficients;
  // Natural orbitals of the final state: the eigenvectors of its active 1-RDM, largest first.
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(r.state.one_rdm);
  const Eigen::Index m = spaces.n_active;
  summary.natural_orbitals = r.spaces.active() * eigen.eigenvectors().rowwise().reverse();
  for (Eigen::Index k = m; k-- > 0;) summary.natural_occupations.push_back(eigen.eigenvalues()[k]);
  report.orbital_optimization(summary);

  const int d = r.spaces.n_doubly_occupied();
  info.frozen_coefficients = r.spaces.coefficients.leftCols(d);
  info.active_coefficients = r.spaces.active();
  info.external_coefficients = r.spaces.coefficients.rightCols(r.spaces.n_virtual());
  info.core_energy = r.hamiltonian.core_energy();
  return std::move(r.hamiltonian);
}

}  // namespace qmol
