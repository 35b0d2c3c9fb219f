#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "qmol/sim/energy_function.h"
#include "qmol/solve/exact_diagonalization.h"
#include "qmol/solve/optimizer.h"
#include "qmol/solve/vqe_problem.h"

namespace qmol {

struct VqeResult {
  double energy = 0.0;             // Hartree, at parameters
  std::vector<double> parameters;  // optimal parameters, in the ansatz's layout
  bool converged = false;
  int iterations = 0;
  int evaluations = 0;
  std::vector<double> history;         // energy per iteration (entry 0: the initial parameters)
  std::vector<double> gradient_norms;  // per iteration (empty for derivative-free optimizers)
  double seconds = 0.0;                // wall time of the optimisation
  std::string message;                 // how the optimizer stopped
};

// One optimization: minimises E(theta) of any simulator engine from `initial` with the chosen
// optimizer. Does not throw on non-convergence: check `converged`.
VqeResult run_vqe(EnergyFunction& energy, std::vector<double> initial,
                  const OptimizerOptions& options, const IterationCallback& callback = {});

// How ADAPT-VQE grew its ansatz.
struct AdaptSteps {
  AdaptPool pool = AdaptPool::fermionic_sd;
  std::vector<std::string> operators;  // added, in order
  std::vector<double> energies;        // after each step (entry 0: the reference's)
  std::vector<double> max_gradients;   // largest pool |dE/dtheta| before each step
  bool converged = false;              // the last of max_gradients is below the threshold
};

// What a VQE run found, with what a reader must know before trusting it.
struct VqeReport {
  AnsatzKind ansatz = AnsatzKind::uccsd;
  VqeEngineKind engine = VqeEngineKind::determinant;
  OptimizerMethod optimizer = OptimizerMethod::lbfgs;
  int n_qubits = 0;
  int n_parameters = 0;
  std::vector<std::string> parameter_labels;
  std::optional<FermionicAnsatz> fermionic_ansatz;  // UCC family
  std::optional<Circuit> circuit;                   // statevector engine
  std::optional<AdaptSteps> adapt;                  // kind adapt
  VqeResult result;
  double s_squared = 0.0;  // <S^2> of the trained state
  double spin = 0.0;       // the job's S = (n_alpha - n_beta) / 2
  // The VQE energy minus that of the lowest exact state of the job's spin, when one was found.
  std::optional<double> error;
  std::vector<std::string> warnings;  // what the reader must know before trusting the energy
};

struct VqeRunOptions {
  OptimizerOptions optimizer;
  const ExactResult* exact = nullptr;  // the exact states, to report the error against
  // Parameters to start from instead of the problem's (a previous scan point), if they fit.
  const std::vector<double>* warm_start = nullptr;
  IterationCallback on_iteration;
  std::function<void(const std::string&)> on_note;  // e.g. a restart and why
};

// The VQE driver: optimizes the problem, restarting from its further starts while the optimizer
// ends at the reference determinant's stationary point; a stop there is reported as not converged
// unless the reference is exact. Then <S^2> of the state and its error against the exact root of
// the Hamiltonian's spin, with warnings for spin contamination.
VqeReport solve_vqe(VqeProblem& problem, const VqeRunOptions& options);

}  // namespace qmol
