#pragma once
// Excited states by variational quantum deflation (VQD, Higgott, Wang and Brierley, Quantum 3,
// 156 (2019)) or the weighted subspace-search VQE (SSVQE, Nakanishi, Mitarai and Fujii, Phys.
// Rev. Research 1, 033062 (2019)), with the ansatz and engine of the ground-state VQE.
//
// VQD: state k minimises <psi|H|psi> + beta sum_{j<k} |<psi_j|psi>|^2
//        + mu <psi|(S^2 - S(S+1))^2|psi>,
// the expectation value of one symmetric operator, so the engines' adjoint gradients apply to it
// unchanged. SSVQE: one shared unitary U(theta) on k orthonormal starting states phi_j of the
// target spin minimises sum_j w_j <phi_j|U^+ (H + mu (S^2 - S(S+1))^2) U|phi_j>, with
// w_0 > w_1 > ... so that the lowest state goes to phi_0.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "qmol/core/enum_names.h"
#include "qmol/solve/exact_diagonalization.h"
#include "qmol/solve/optimizer.h"
#include "qmol/solve/vqe_problem.h"

namespace qmol {

enum class ExcitedMethod {
  vqd,    // one state after the other, each penalised for overlapping the ones found before
  ssvqe,  // every state at once: one unitary on orthogonal starting states, weighted energies
};
template <>
struct EnumNames<ExcitedMethod> {
  static constexpr std::string_view noun = "excited-state method";
  static constexpr std::array<std::pair<ExcitedMethod, std::string_view>, 2> names = {
      {{ExcitedMethod::vqd, "vqd"}, {ExcitedMethod::ssvqe, "ssvqe"}}};
};

// The [excited] section of a job.
struct ExcitedOptions {
  ExcitedMethod method = ExcitedMethod::vqd;
  int states = 2;  // the lowest `states` states, the ground state included
  // target: the job's spin S = |n_alpha - n_beta| / 2, enforced by the spin penalty; any: the
  // lowest states of the Sz sector whatever their spin (no spin penalty).
  ExactSpin spin = ExactSpin::target;
  // beta (VQD), Hartree. Default: 2 (R - E_0) + 0.5 Eh, R an upper bound on the energy of the
  // highest wanted state (a Rayleigh-Ritz value, below) and E_0 the ground-state energy, so that
  // beta exceeds every wanted excitation energy, as VQD needs.
  std::optional<double> overlap_penalty;
  // mu, Hartree, on (S^2 - S(S+1))^2 (which is >= 4 for any other spin). Default: the same as
  // the overlap penalty's default. Ignored with spin = any.
  std::optional<double> spin_penalty;

  // InputError naming the field (excited.states, excited.overlap_penalty, ...).
  void check() const;
};

// The most states the options can ask for in the sector (n_alpha, n_beta) of n_orbitals: those of
// the target spin, or every determinant of the Sz sector with spin = any.
double count_excited_states_available(int n_orbitals, int n_alpha, int n_beta, ExactSpin spin);

// InputError (excited.method) for SSVQE on a statevector whose qubits are not Jordan-Wigner's
// (its starting states are built in that mapping).
void check_excited_engine(const VqeSpec& spec, const ExcitedOptions& options);
// InputError (excited.states) when the space holds fewer states than options.states.
void check_excited_states_fit(const ExcitedOptions& options, int n_orbitals, int n_alpha,
                              int n_beta);

// Bytes solve_excited_states holds beyond the ground-state problem, without building anything:
// its own engine with the penalty operators, the kept states and the starting states.
double excited_memory_bytes(const VqeSpec& spec, const ExcitedOptions& options, int n_orbitals,
                            int n_alpha, int n_beta);

struct ExcitedState {
  double energy = 0.0;             // <psi|H|psi>, Hartree, without the penalties
  double s_squared = 0.0;          // <psi|S^2|psi>
  double energy_spread = 0.0;      // sqrt(<H^2> - <H>^2), Hartree: 0 for an eigenstate
  double objective = 0.0;          // the penalised function at the end (VQD), Hartree
  std::vector<double> parameters;  // in the ansatz's layout (SSVQE: the shared ones)
  bool converged = false;
  int iterations = 0;
  int evaluations = 0;
  double max_overlap = 0.0;  // max_{j < k} |<psi_j|psi_k>| with the states below
};

struct ExcitedResult {
  ExcitedMethod method = ExcitedMethod::vqd;
  ExactSpin spin_filter = ExactSpin::target;
  double spin = 0.0;  // the target S (the job's)
  double overlap_penalty = 0.0;
  double spin_penalty = 0.0;  // 0 with spin = any
  // w on (N - N_0)^2 + (Sz - Ms)^2 (statevector engine): the default penalty scale.
  double sector_penalty = 0.0;
  std::vector<double> weights;       // SSVQE's w_j
  std::vector<ExcitedState> states;  // ordered by energy, lowest first
  // Energy minus that of the exact root of the same rank and spin, when [exact] found enough.
  std::vector<double> errors;
  std::vector<std::string> warnings;
  double seconds = 0.0;

  std::vector<double> energies() const;
  std::vector<double> excitation_energies_ev() const;  // E_k - E_0 in eV (0 for k = 0)
  std::vector<double> s_squared() const;
};

struct ExcitedRunOptions {
  OptimizerOptions optimizer;
  const ExactResult* exact = nullptr;  // the exact roots to report the errors against
  // The ground-state VQE's parameters and energy: VQD's first start for state 0, and E_0 of the
  // default penalties.
  const std::vector<double>* ground_parameters = nullptr;
  std::optional<double> ground_energy;
  std::function<void(const std::string&)> on_note;  // progress: a state found, a restart
};

// The lowest options.states states with the ansatz and engine of `problem` (build_vqe_problem).
// Throws InputError (excited.states) when the space holds fewer states than asked.
ExcitedResult solve_excited_states(const VqeProblem& problem, const ExcitedOptions& options,
                                   const ExcitedRunOptions& run = {});

// The functions the two methods minimise, on the problem's engine (gradient as the problem's):
// VQD's for the state after those at `lower` parameters,
//   <psi|H|psi> + beta sum_j |<psi(lower_j)|psi>|^2 + mu <psi|(S^2 - S(S+1))^2|psi>,
// (on the statevector also + mu [(N - N_0)^2 + (Sz - Ms)^2], zero for the UCC family),
// and SSVQE's sum_j weights_j <phi_j|U^+ (H + mu (S^2 - S(S+1))^2) U|phi_j> for the orthonormal
// starting states phi_j (DeterminantSpace layout; Jordan-Wigner qubits on the statevector).
std::unique_ptr<EnergyFunction> vqd_function(const VqeProblem& problem,
                                             const std::vector<std::vector<double>>& lower,
                                             double overlap_penalty, double spin_penalty);
std::unique_ptr<EnergyFunction> ssvqe_function(const VqeProblem& problem,
                                               const std::vector<std::vector<double>>& starts,
                                               const std::vector<double>& weights,
                                               double spin_penalty);

// `count` orthonormal states of the target spin (or any, unprojected) in the determinant space
// of h, SSVQE's starting states: the determinants of lowest diagonal energy projected onto the
// spin, rotated to diagonalise H among themselves (Rayleigh-Ritz), so that by Cauchy interlacing
// ritz_energies[k] is an upper bound on the k-th exact energy of that spin. Fewer only when the
// space holds fewer. DeterminantSpace layout.
struct TrialStates {
  std::vector<std::vector<double>> vectors;
  std::vector<double> ritz_energies;  // ascending, Hartree
};
TrialStates low_energy_trial_states(const MolecularHamiltonian& h, int count, ExactSpin spin);

}  // namespace qmol
