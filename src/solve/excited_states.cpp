#include "qmol/solve/excited_states.h"

#include <fmt/format.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <numeric>

#include "qmol/ansatz/hardware_efficient.h"
#include "qmol/ansatz/initial_parameters.h"
#include "qmol/core/errors.h"
#include "qmol/core/units.h"
#include "qmol/qubit/qubit_hamiltonian.h"
#include "qmol/qubit/spin_operators.h"
#include "qmol/sim/determinant_engine.h"
#include "qmol/sim/determinant_hamiltonian.h"
#include "qmol/sim/determinant_space.h"
#include "qmol/sim/pauli_expectation.h"
#include "qmol/sim/spin_operator.h"
#include "qmol/sim/spin_projector.h"
#include "qmol/sim/statevector_engine.h"
#include "qmol/solve/vqe.h"

namespace qmol {
namespace {

constexpr double kSpinTolerance = 1e-3;     // on <S^2>, as the ground-state VQE's check
constexpr double kOverlapTolerance = 1e-3;  // |<psi_j|psi_k>| that VQD reports
// Hartree: the spread of a state the ansatz cannot form (a mixture of eigenstates a gap apart) is
// a sizeable part of that gap; VQE states a few mEh above an eigenstate spread far less.
constexpr double kEnergySpreadTolerance = 0.02;
constexpr double kPenaltyMargin = 0.5;  // Hartree, added to the default penalties

double target_spin(const MolecularHamiltonian& h) {
  return 0.5 * std::abs(h.n_alpha() - h.n_beta());
}

double dot(const std::vector<double>& a, const double* b) {
  double s = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

// The operators of VQD and SSVQE on the determinant space:
//   M = H + mu (S^2 - c)^2 + sum_j beta |v_j><v_j|,  c = S(S+1).
// Not movable: the direct-CI Hamiltonian and S^2 hold references to the space.
class DeterminantOperators {
 public:
  explicit DeterminantOperators(const MolecularHamiltonian& h)
      : space_(h.n_orbitals(), h.n_alpha(), h.n_beta()),
        hamiltonian_(h, space_),
        s_squared_(space_),
        spin_(target_spin(h)),
        t1_(space_.size()),
        t2_(space_.size()) {}
  DeterminantOperators(const DeterminantOperators&) = delete;
  DeterminantOperators& operator=(const DeterminantOperators&) = delete;

  const DeterminantSpace& space() const { return space_; }
  const DeterminantHamiltonian& hamiltonian() const { return hamiltonian_; }
  const DeterminantSpinSquared& s_squared_operator() const { return s_squared_; }
  void set_spin_penalty(double mu) { mu_ = mu; }
  void add_projector(std::vector<double> v, double beta) {
    projectors_.push_back(std::move(v));
    betas_.push_back(beta);
  }

  void apply(const double* in, double* out) {
    hamiltonian_.apply(in, out);
    const std::size_t n = space_.size();
    if (mu_ != 0.0) {
      const double c = spin_ * (spin_ + 1.0);
      s_squared_.apply(in, t1_.data());
      for (std::size_t i = 0; i < n; ++i) t1_[i] -= c * in[i];
      s_squared_.apply(t1_.data(), t2_.data());
      for (std::size_t i = 0; i < n; ++i) out[i] += mu_ * (t2_[i] - c * t1_[i]);
    }
    for (std::size_t j = 0; j < projectors_.size(); ++j) {
      const double d = betas_[j] * dot(projectors_[j], in);
      for (std::size_t i = 0; i < n; ++i) out[i] += d * projectors_[j][i];
    }
  }
  double energy(const std::vector<double>& v) {
    hamiltonian_.apply(v.data(), t1_.data());
    return dot(v, t1_.data());
  }
  // sqrt(<H^2> - <H>^2) of a unit vector: 0 for an eigenstate.
  double energy_spread(const std::vector<double>& v) {
    const double e = energy(v);
    return std::sqrt(std::max(0.0, dot(t1_, t1_.data()) - e * e));
  }
  double s_squared(const std::vector<double>& v) const { return s_squared_.expectation(v.data()); }

 private:
  DeterminantSpace space_;
  DeterminantHamiltonian hamiltonian_;
  DeterminantSpinSquared s_squared_;
  double spin_;
  double mu_ = 0.0;
  std::vector<std::vector<double>> projectors_;
  std::vector<double> betas_;
  std::vector<double> t1_, t2_;
};

// The same penalties on the statevector, K = mu (S^2 - c)^2 + sum_j beta |v_j><v_j|, with S^2 in
// the job's qubit mapping, plus w [(N - N_0)^2 + (Sz - Ms)^2]: a circuit that does not conserve
// the particle number or Sz (hardware-efficient) would otherwise find states of other sectors of
// the Fock space, which can lie among the wanted ones. Zero on the UCC family's states.
class QubitPenalties {
 public:
  QubitPenalties(const MolecularHamiltonian& h, const VqeSpec& spec)
      : s_squared_(observable(SpinObservable::spin_squared, h, spec)),
        number_(observable(SpinObservable::number, h, spec)),
        spin_z_(observable(SpinObservable::spin_z, h, spec)),
        spin_(target_spin(h)),
        n_electrons_(h.n_alpha() + h.n_beta()),
        ms_(0.5 * (h.n_alpha() - h.n_beta())) {}
  QubitPenalties(const QubitPenalties&) = delete;
  QubitPenalties& operator=(const QubitPenalties&) = delete;

  void set_spin_penalty(double mu) { mu_ = mu; }
  void set_sector_penalty(double w) { sector_ = w; }
  void add_projector(Statevector v, double beta) {
    projectors_.push_back(std::move(v));
    betas_.push_back(beta);
  }
  void add_to(const Statevector& psi, Statevector& out) {
    add_squared_deviation(s_squared_, spin_ * (spin_ + 1.0), mu_, psi, out);
    add_squared_deviation(number_, n_electrons_, sector_, psi, out);
    add_squared_deviation(spin_z_, ms_, sector_, psi, out);
    for (std::size_t j = 0; j < projectors_.size(); ++j) {
      const Statevector::Amplitude d = betas_[j] * projectors_[j].inner(psi);
      for (std::size_t i = 0; i < psi.size(); ++i) out[i] += d * projectors_[j][i];
    }
  }
  double s_squared(const Statevector& psi) const { return s_squared_.expectation(psi).real(); }

 private:
  static QubitOperator observable(SpinObservable o, const MolecularHamiltonian& h,
                                  const VqeSpec& spec) {
    return qubit_spin_observable(o, h, spec.mapping, spec.two_qubit_reduction);
  }
  // out += weight (O - value)^2 psi.
  void add_squared_deviation(const PauliGroups& o, double value, double weight,
                             const Statevector& psi, Statevector& out) {
    if (weight == 0.0) return;
    const std::size_t n = psi.size();
    o.apply(psi, t1_);
    for (std::size_t i = 0; i < n; ++i) t1_[i] -= value * psi[i];
    o.apply(t1_, t2_);
    for (std::size_t i = 0; i < n; ++i) out[i] += weight * (t2_[i] - value * t1_[i]);
  }

  PauliGroups s_squared_, number_, spin_z_;
  double spin_;
  double n_electrons_, ms_;
  double mu_ = 0.0;
  double sector_ = 0.0;
  std::vector<Statevector> projectors_;
  std::vector<double> betas_;
  Statevector t1_, t2_;
};

// One engine of either kind with the penalties, behind what both algorithms need: the penalised
// function of the current starting state, the unpenalised energy and <S^2>, and the states
// found so far (penalised with beta, or only remembered for their overlaps when beta = 0).
class PenalizedEngine {
 public:
  virtual ~PenalizedEngine() = default;
  virtual EnergyFunction& function() = 0;
  virtual void set_spin_penalty(double mu) = 0;
  // On leaving the job's particle number and Sz (statevector; the determinant space has no other).
  virtual void set_sector_penalty(double w) = 0;
  // Start from trial state j (SSVQE), or from the ansatz's reference with j = -1.
  virtual void set_start(int j) = 0;
  virtual void keep_state(const std::vector<double>& theta, double beta) = 0;
  virtual double energy(const std::vector<double>& theta) = 0;
  virtual double s_squared(const std::vector<double>& theta) = 0;
  virtual double energy_spread(const std::vector<double>& theta) = 0;  // sqrt(<H^2> - <H>^2)
  // |<psi_j|psi(theta)>| for every kept state j.
  virtual std::vector<double> overlaps(const std::vector<double>& theta) = 0;
};

class DeterminantPenalizedEngine : public PenalizedEngine {
 public:
  DeterminantPenalizedEngine(const MolecularHamiltonian& h, const FermionicAnsatz& ansatz,
                             std::vector<std::vector<double>> starts)
      : operators_(std::make_unique<DeterminantOperators>(h)),
        engine_(
            h.n_orbitals(), h.n_alpha(), h.n_beta(),
            [m = operators_.get()](const double* in, double* out) { m->apply(in, out); }, ansatz),
        starts_(std::move(starts)) {}

  EnergyFunction& function() override { return engine_; }
  void set_spin_penalty(double mu) override { operators_->set_spin_penalty(mu); }
  void set_sector_penalty(double) override {}
  void set_start(int j) override {
    engine_.set_initial_state(j < 0 ? std::vector<double>{} : starts_.at(j));
  }
  void keep_state(const std::vector<double>& theta, double beta) override {
    kept_.push_back(engine_.state(theta));
    if (beta != 0.0) operators_->add_projector(kept_.back(), beta);
  }
  double energy(const std::vector<double>& theta) override {
    return operators_->energy(engine_.state(theta));
  }
  double s_squared(const std::vector<double>& theta) override {
    return operators_->s_squared(engine_.state(theta));
  }
  double energy_spread(const std::vector<double>& theta) override {
    return operators_->energy_spread(engine_.state(theta));
  }
  std::vector<double> overlaps(const std::vector<double>& theta) override {
    const std::vector<double>& psi = engine_.state(theta);
    std::vector<double> o;
    for (const std::vector<double>& v : kept_) o.push_back(std::abs(dot(v, psi.data())));
    return o;
  }

 private:
  std::unique_ptr<DeterminantOperators> operators_;  // before engine_, which calls it
  DeterminantEngine engine_;
  std::vector<std::vector<double>> starts_;
  std::vector<std::vector<double>> kept_;
};

class StatevectorPenalizedEngine : public PenalizedEngine {
 public:
  StatevectorPenalizedEngine(const MolecularHamiltonian& h, const VqeSpec& spec,
                             const Circuit& circuit, std::vector<Statevector> starts)
      : hamiltonian_(qubit_hamiltonian(h, spec.mapping, spec.two_qubit_reduction)),
        hamiltonian_groups_(hamiltonian_),
        penalties_(std::make_unique<QubitPenalties>(h, spec)),
        engine_(hamiltonian_, circuit),
        shift_(engine_),
        parameter_shift_(spec.engine.gradient == GradientMethod::parameter_shift),
        starts_(std::move(starts)) {
    engine_.set_extra_term(
        [p = penalties_.get()](const Statevector& psi, Statevector& out) { p->add_to(psi, out); });
  }

  EnergyFunction& function() override {
    if (parameter_shift_) return shift_;
    return engine_;
  }
  void set_spin_penalty(double mu) override { penalties_->set_spin_penalty(mu); }
  void set_sector_penalty(double w) override { penalties_->set_sector_penalty(w); }
  void set_start(int j) override {
    engine_.set_initial_state(j < 0 ? Statevector{} : starts_.at(j));
  }
  void keep_state(const std::vector<double>& theta, double beta) override {
    kept_.push_back(engine_.state(theta));
    if (beta != 0.0) penalties_->add_projector(kept_.back(), beta);
  }
  double energy(const std::vector<double>& theta) override {
    return hamiltonian_groups_.expectation(engine_.state(theta)).real();
  }
  double s_squared(const std::vector<double>& theta) override {
    return penalties_->s_squared(engine_.state(theta));
  }
  double energy_spread(const std::vector<double>& theta) override {
    const Statevector psi = engine_.state(theta);
    Statevector h_psi;
    hamiltonian_groups_.apply(psi, h_psi);
    const double e = psi.inner(h_psi).real();
    return std::sqrt(std::max(0.0, h_psi.norm_squared() - e * e));
  }
  std::vector<double> overlaps(const std::vector<double>& theta) override {
    const Statevector psi = engine_.state(theta);
    std::vector<double> o;
    for (const Statevector& v : kept_) o.push_back(std::abs(v.inner(psi)));
    return o;
  }

 private:
  QubitOperator hamiltonian_;
  PauliGroups hamiltonian_groups_;
  std::unique_ptr<QubitPenalties> penalties_;  // before engine_, which calls it
  StatevectorEngine engine_;
  ParameterShiftEnergy shift_;
  bool parameter_shift_;
  std::vector<Statevector> starts_;
  std::vector<Statevector> kept_;
};

// A determinant-space vector as a Jordan-Wigner statevector: spin orbital 2p + s is qubit 2p + s,
// and the determinant engine's phases are those of Jordan-Wigner with interleaved spin orbitals,
// so every amplitude keeps its sign.
Statevector jordan_wigner_state(const DeterminantSpace& space, const std::vector<double>& v) {
  Statevector psi(2 * space.n_orbitals(), 0);
  psi[0] = 0.0;
  const std::size_t nb = space.n_beta_strings();
  for (std::size_t ia = 0; ia < space.n_alpha_strings(); ++ia)
    for (std::size_t ib = 0; ib < nb; ++ib)
      psi[space.jordan_wigner_index(ia, ib)] = v[ia * nb + ib];
  return psi;
}

// sum_j w_j <phi_j|U^+ M U|phi_j>: SSVQE's objective, one pass of the engine per state.
class WeightedStates : public EnergyFunction {
 public:
  WeightedStates(PenalizedEngine& engine, std::vector<double> weights)
      : engine_(engine), weights_(std::move(weights)) {}
  int n_parameters() const override { return engine_.function().n_parameters(); }
  double energy(const std::vector<double>& theta) override {
    double f = 0.0;
    for (std::size_t j = 0; j < weights_.size(); ++j) {
      engine_.set_start(static_cast<int>(j));
      f += weights_[j] * engine_.function().energy(theta);
    }
    return f;
  }
  double energy_and_gradient(const std::vector<double>& theta,
                             std::vector<double>& gradient) override {
    gradient.assign(theta.size(), 0.0);
    double f = 0.0;
    for (std::size_t j = 0; j < weights_.size(); ++j) {
      engine_.set_start(static_cast<int>(j));
      f += weights_[j] * engine_.function().energy_and_gradient(theta, g_);
      for (std::size_t p = 0; p < gradient.size(); ++p) gradient[p] += weights_[j] * g_[p];
    }
    return f;
  }

 private:
  PenalizedEngine& engine_;
  std::vector<double> weights_;
  std::vector<double> g_;
};

// Further starts for one state: the ansatz's own, then random ones of growing spread (excited
// states often differ from the reference by symmetry, where the gradient at small angles is 0).
std::vector<std::vector<double>> starting_points(const VqeProblem& problem, int state,
                                                 const std::vector<double>* first) {
  std::vector<std::vector<double>> starts;
  if (first && first->size() == problem.initial.size()) starts.push_back(*first);
  starts.push_back(problem.initial);
  for (const std::vector<double>& r : problem.restarts) starts.push_back(r);
  const std::uint64_t seed = problem.spec.ansatz.seed + 1000 * static_cast<std::uint64_t>(state);
  for (int r = 0; r < 2; ++r) {
    const double spread = r == 0 ? 0.3 : 1.0;
    if (problem.fermionic_ansatz)
      starts.push_back(random_parameters(*problem.fermionic_ansatz, seed + r, spread));
    else
      starts.push_back(hardware_efficient_initial_parameters(
          static_cast<int>(problem.initial.size()), seed + r + 17, spread + 0.5));
  }
  return starts;
}

std::unique_ptr<PenalizedEngine> penalized_engine(const VqeProblem& problem,
                                                  const std::vector<std::vector<double>>& starts) {
  const MolecularHamiltonian& h = *problem.hamiltonian;
  if (problem.engine == VqeEngineKind::determinant)
    return std::make_unique<DeterminantPenalizedEngine>(h, *problem.fermionic_ansatz, starts);
  std::vector<Statevector> qubit_starts;
  if (!starts.empty()) {
    const DeterminantSpace space(h.n_orbitals(), h.n_alpha(), h.n_beta());
    for (const std::vector<double>& v : starts)
      qubit_starts.push_back(jordan_wigner_state(space, v));
  }
  return std::make_unique<StatevectorPenalizedEngine>(h, problem.spec, *problem.circuit,
                                                      std::move(qubit_starts));
}

ExcitedState measure(PenalizedEngine& engine, const VqeResult& r) {
  ExcitedState s;
  s.parameters = r.parameters;
  s.objective = r.energy;
  s.converged = r.converged;
  s.iterations = r.iterations;
  s.evaluations = r.evaluations;
  s.energy = engine.energy(r.parameters);
  s.s_squared = engine.s_squared(r.parameters);
  s.energy_spread = engine.energy_spread(r.parameters);
  return s;
}

void run_vqd(const VqeProblem& problem, const ExcitedRunOptions& run, int n_states,
             PenalizedEngine& engine, ExcitedResult& result) {
  for (int k = 0; k < n_states; ++k) {
    const auto starts = starting_points(problem, k, k == 0 ? run.ground_parameters : nullptr);
    std::optional<VqeResult> best;
    for (const std::vector<double>& start : starts) {
      VqeResult r = run_vqe(engine.function(), start, run.optimizer);
      if (!best || r.energy < best->energy - 1e-10) best = std::move(r);
    }
    ExcitedState s = measure(engine, *best);
    const std::vector<double> o = engine.overlaps(s.parameters);
    s.max_overlap = o.empty() ? 0.0 : *std::max_element(o.begin(), o.end());
    engine.keep_state(s.parameters, result.overlap_penalty);
    if (run.on_note)
      run.on_note(fmt::format("VQD state {}: E = {:.10f} Eh, <S^2> = {:.6f} (best of {} starts)", k,
                              s.energy, s.s_squared, starts.size()));
    result.states.push_back(std::move(s));
  }
  for (int k = 1; k < n_states; ++k)
    if (result.states[k].energy < result.states[k - 1].energy - 1e-8)
      result.warnings.push_back(fmt::format(
          "VQD found state {} below state {}: the optimization of state {} missed a state (the "
          "states are reported sorted by energy); try another ansatz seed or a more expressive "
          "ansatz",
          k, k - 1, k - 1));
  std::stable_sort(
      result.states.begin(), result.states.end(),
      [](const ExcitedState& a, const ExcitedState& b) { return a.energy < b.energy; });
}

void run_ssvqe(const VqeProblem& problem, const ExcitedRunOptions& run, int n_states,
               PenalizedEngine& engine, ExcitedResult& result) {
  for (int j = 0; j < n_states; ++j)
    result.weights.push_back(static_cast<double>(n_states - j) / n_states);
  WeightedStates objective(engine, result.weights);
  const auto starts = starting_points(problem, 0, nullptr);
  std::optional<VqeResult> best;
  for (const std::vector<double>& start : starts) {
    VqeResult r = run_vqe(objective, start, run.optimizer);
    if (!best || r.energy < best->energy - 1e-10) best = std::move(r);
  }
  for (int j = 0; j < n_states; ++j) {
    engine.set_start(j);
    ExcitedState s = measure(engine, *best);
    s.objective = engine.function().energy(s.parameters);
    const std::vector<double> o = engine.overlaps(s.parameters);
    s.max_overlap = o.empty() ? 0.0 : *std::max_element(o.begin(), o.end());
    engine.keep_state(s.parameters, 0.0);
    result.states.push_back(std::move(s));
  }
  // The weights order the states at the minimum; elsewhere they may come out of order.
  std::stable_sort(
      result.states.begin(), result.states.end(),
      [](const ExcitedState& a, const ExcitedState& b) { return a.energy < b.energy; });
  if (run.on_note)
    run.on_note(fmt::format("SSVQE: weighted energy {:.10f} Eh (best of {} starts)", best->energy,
                            starts.size()));
}

// An EnergyFunction that owns the engine behind it.
class OwningFunction : public EnergyFunction {
 public:
  OwningFunction(std::unique_ptr<PenalizedEngine> engine, std::vector<double> weights)
      : engine_(std::move(engine)) {
    if (!weights.empty())
      weighted_ = std::make_unique<WeightedStates>(*engine_, std::move(weights));
  }
  int n_parameters() const override { return engine_->function().n_parameters(); }
  double energy(const std::vector<double>& theta) override { return inner().energy(theta); }
  double energy_and_gradient(const std::vector<double>& theta,
                             std::vector<double>& gradient) override {
    return inner().energy_and_gradient(theta, gradient);
  }

 private:
  EnergyFunction& inner() { return weighted_ ? *weighted_ : engine_->function(); }
  std::unique_ptr<PenalizedEngine> engine_;
  std::unique_ptr<WeightedStates> weighted_;
};

void add_warnings(const MolecularHamiltonian& h, const ExcitedOptions& options,
                  ExcitedResult& result) {
  const double s = target_spin(h);
  const char* method = options.method == ExcitedMethod::vqd ? "VQD" : "SSVQE";
  for (std::size_t k = 0; k < result.states.size(); ++k) {
    const ExcitedState& st = result.states[k];
    // SSVQE's states share one optimization: one warning for them all.
    if (!st.converged && (options.method == ExcitedMethod::vqd || k == 0))
      result.warnings.push_back(
          options.method == ExcitedMethod::vqd
              ? fmt::format("VQD state {}: the optimizer did not converge; raise "
                            "optimizer.max_iterations",
                            k)
              : std::string("SSVQE: the optimizer did not converge; raise "
                            "optimizer.max_iterations (one unitary for every state takes more "
                            "iterations than a ground-state VQE)"));
    if (options.spin == ExactSpin::target &&
        std::abs(st.s_squared - s * (s + 1.0)) > kSpinTolerance)
      result.warnings.push_back(fmt::format(
          "{} state {} has <S^2> = {:.6f}, not S(S+1) = {:.6f} of the job's spin; raise "
          "excited.spin_penalty or use a spin-adapted ansatz",
          method, k, st.s_squared, s * (s + 1.0)));
    if (st.energy_spread > kEnergySpreadTolerance)
      result.warnings.push_back(fmt::format(
          "{} state {} is far from an eigenstate of H (energy spread sqrt(<H^2> - <H>^2) = "
          "{:.4f} Eh): the ansatz cannot form it; use a more expressive ansatz (e.g. kupccgsd "
          "with a larger k)",
          method, k, st.energy_spread));
    if (st.max_overlap > kOverlapTolerance)
      result.warnings.push_back(
          fmt::format("{} state {} overlaps a lower state by {:.2e}; raise excited.overlap_penalty",
                      method, k, st.max_overlap));
  }
}

void compare_with_exact(const ExactResult& exact, ExactSpin spin, double s, ExcitedResult& result) {
  std::vector<double> roots;
  for (const ExactRoot& root : exact.roots)
    if (spin == ExactSpin::any || std::abs(root.s_squared - s * (s + 1.0)) <= kSpinTolerance)
      roots.push_back(root.energy);
  if (roots.size() < result.states.size()) return;
  for (std::size_t k = 0; k < result.states.size(); ++k)
    result.errors.push_back(result.states[k].energy - roots[k]);
}

}  // namespace

void ExcitedOptions::check() const {
  if (states < 1)
    throw InputError(fmt::format("excited.states = {}: ask for at least 1 state (the ground "
                                 "state counts)",
                                 states),
                     {"", 0, "excited.states"});
  if (overlap_penalty && !(std::isfinite(*overlap_penalty) && *overlap_penalty > 0.0))
    throw InputError(fmt::format("excited.overlap_penalty = {} must be a positive energy in "
                                 "Hartree (above the wanted excitation energies)",
                                 *overlap_penalty),
                     {"", 0, "excited.overlap_penalty"});
  if (spin_penalty && !(std::isfinite(*spin_penalty) && *spin_penalty >= 0.0))
    throw InputError(
        fmt::format("excited.spin_penalty = {} must be an energy >= 0 in Hartree", *spin_penalty),
        {"", 0, "excited.spin_penalty"});
}

void check_excited_engine(const VqeSpec& spec, const ExcitedOptions& options) {
  if (spec.taper && resolve_engine(spec) == VqeEngineKind::statevector)
    throw InputError(
        "excited states on the statevector run on the mapping's whole register, whose spin and "
        "sector penalties are not tapered: remove hamiltonian.taper, or use a UCC-family ansatz "
        "on the determinant engine",
        {"", 0, "hamiltonian.taper"});
  if (options.method == ExcitedMethod::ssvqe &&
      resolve_engine(spec) == VqeEngineKind::statevector &&
      (spec.mapping != Mapping::jordan_wigner || spec.two_qubit_reduction))
    throw InputError(
        "excited.method = \"ssvqe\" on the statevector engine starts from spin-adapted states "
        "given in the Jordan-Wigner mapping: use hamiltonian.mapping = \"jordan-wigner\" "
        "without two_qubit_reduction, a UCC-family ansatz on the determinant engine, or "
        "method = \"vqd\"",
        {"", 0, "excited.method"});
}

void check_excited_states_fit(const ExcitedOptions& options, int n_orbitals, int n_alpha,
                              int n_beta) {
  const double available =
      count_excited_states_available(n_orbitals, n_alpha, n_beta, options.spin);
  if (options.states > available)
    throw InputError(
        fmt::format("excited.states = {}, but {} orbitals with {} alpha and {} beta electrons "
                    "hold only {} state(s) {}; ask for fewer states or use a larger active space",
                    options.states, n_orbitals, n_alpha, n_beta, available,
                    options.spin == ExactSpin::target
                        ? fmt::format("of spin S = {:g}", 0.5 * std::abs(n_alpha - n_beta))
                        : std::string("in their Sz sector")),
        {"", 0, "excited.states"});
}

double excited_memory_bytes(const VqeSpec& spec, const ExcitedOptions& options, int n_orbitals,
                            int n_alpha, int n_beta) {
  // Kept states, starting states and their Gram-Schmidt basis, two work vectors.
  const double vectors = 3.0 * options.states + 2.0;
  const double engine = vqe_memory_bytes(spec, n_orbitals, n_alpha, n_beta);
  if (resolve_engine(spec) == VqeEngineKind::statevector)
    return engine + vectors * statevector_memory_bytes(vqe_qubits(spec, n_orbitals), 1);
  return engine + DeterminantHamiltonian::memory_estimate(n_orbitals, n_alpha, n_beta) +
         vectors * sizeof(double) * DeterminantSpace::count(n_orbitals, n_alpha, n_beta);
}

double count_excited_states_available(int n_orbitals, int n_alpha, int n_beta, ExactSpin spin) {
  if (spin == ExactSpin::any) return DeterminantSpace::count(n_orbitals, n_alpha, n_beta);
  return count_target_spin_states(n_orbitals, n_alpha, n_beta);
}

std::vector<double> ExcitedResult::energies() const {
  std::vector<double> e;
  for (const ExcitedState& s : states) e.push_back(s.energy);
  return e;
}

std::vector<double> ExcitedResult::excitation_energies_ev() const {
  std::vector<double> e;
  for (const ExcitedState& s : states)
    e.push_back((s.energy - states.front().energy) * kElectronvoltPerHartree);
  return e;
}

std::vector<double> ExcitedResult::s_squared() const {
  std::vector<double> e;
  for (const ExcitedState& s : states) e.push_back(s.s_squared);
  return e;
}

TrialStates low_energy_trial_states(const MolecularHamiltonian& h, int count, ExactSpin spin) {
  const DeterminantSpace space(h.n_orbitals(), h.n_alpha(), h.n_beta());
  const DeterminantHamiltonian hamiltonian(h, space);
  const DeterminantSpinSquared s_squared(space);
  std::optional<SpinProjector> projector;
  if (spin == ExactSpin::target) projector.emplace(s_squared, target_spin(h));
  const std::vector<double>& diagonal = hamiltonian.diagonal();
  std::vector<std::size_t> order(space.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return diagonal[a] < diagonal[b]; });
  const double available =
      count_excited_states_available(h.n_orbitals(), h.n_alpha(), h.n_beta(), spin);
  const auto wanted = static_cast<std::size_t>(std::min<double>(available, count));

  std::vector<std::vector<double>> basis;
  std::vector<double> v, scratch;
  for (std::size_t index : order) {
    if (basis.size() >= wanted) break;
    v.assign(space.size(), 0.0);
    v[index] = 1.0;
    if (projector) projector->apply(v, scratch);
    for (int pass = 0; pass < 2; ++pass)  // twice: Gram-Schmidt loses orthogonality once
      for (const std::vector<double>& b : basis) {
        const double d = dot(b, v.data());
        for (std::size_t i = 0; i < v.size(); ++i) v[i] -= d * b[i];
      }
    const double norm = std::sqrt(dot(v, v.data()));
    if (norm < 1e-6) continue;  // its spin part is already spanned
    for (double& x : v) x /= norm;
    basis.push_back(v);
  }

  const auto m = static_cast<Eigen::Index>(basis.size());
  Eigen::MatrixXd projected(m, m);
  std::vector<double> sigma(space.size());
  for (Eigen::Index j = 0; j < m; ++j) {
    hamiltonian.apply(basis[j].data(), sigma.data());
    for (Eigen::Index i = 0; i < m; ++i) projected(i, j) = dot(basis[i], sigma.data());
  }
  projected = 0.5 * (projected + projected.transpose()).eval();
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(projected);
  TrialStates t;
  for (Eigen::Index k = 0; k < m; ++k) {
    t.ritz_energies.push_back(eigen.eigenvalues()(k));
    std::vector<double> ritz(space.size(), 0.0);
    for (Eigen::Index j = 0; j < m; ++j) {
      const double c = eigen.eigenvectors()(j, k);
      for (std::size_t i = 0; i < ritz.size(); ++i) ritz[i] += c * basis[j][i];
    }
    t.vectors.push_back(std::move(ritz));
  }
  return t;
}

std::unique_ptr<EnergyFunction> vqd_function(const VqeProblem& problem,
                                             const std::vector<std::vector<double>>& lower,
                                             double overlap_penalty, double spin_penalty) {
  std::unique_ptr<PenalizedEngine> engine = penalized_engine(problem, {});
  engine->set_spin_penalty(spin_penalty);
  engine->set_sector_penalty(spin_penalty);
  for (const std::vector<double>& theta : lower) engine->keep_state(theta, overlap_penalty);
  return std::make_unique<OwningFunction>(std::move(engine), std::vector<double>{});
}

std::unique_ptr<EnergyFunction> ssvqe_function(const VqeProblem& problem,
                                               const std::vector<std::vector<double>>& starts,
                                               const std::vector<double>& weights,
                                               double spin_penalty) {
  if (weights.empty() || weights.size() != starts.size())
    throw InputError(
        fmt::format("SSVQE: {} weights for {} starting states", weights.size(), starts.size()));
  std::unique_ptr<PenalizedEngine> engine = penalized_engine(problem, starts);
  engine->set_spin_penalty(spin_penalty);
  engine->set_sector_penalty(spin_penalty);
  return std::make_unique<OwningFunction>(std::move(engine), weights);
}

ExcitedResult solve_excited_states(const VqeProblem& problem, const ExcitedOptions& options,
                                   const ExcitedRunOptions& run) {
  const auto t0 = std::chrono::steady_clock::now();
  options.check();
  const MolecularHamiltonian& h = *problem.hamiltonian;
  check_excited_engine(problem.spec, options);
  check_excited_states_fit(options, h.n_orbitals(), h.n_alpha(), h.n_beta());
  // The penalty operators are built for the whole register of the mapping, and the states need
  // parameters to move.
  if (problem.engine == VqeEngineKind::statevector &&
      problem.circuit->n_qubits() != vqe_qubits(problem.spec, h.n_orbitals()))
    throw InputError(
        fmt::format("excited states run on the mapping's {} qubits, not on a "
                    "reduced register of {}",
                    vqe_qubits(problem.spec, h.n_orbitals()), problem.circuit->n_qubits()),
        {"", 0, "excited.method"});
  if (problem.initial.empty())
    throw InputError("excited states need an ansatz with parameters", {"", 0, "excited.method"});

  ExcitedResult result;
  result.method = options.method;
  result.spin_filter = options.spin;
  result.spin = target_spin(h);
  const int n_states = options.states;
  const TrialStates trial = low_energy_trial_states(h, n_states, options.spin);
  const double ground = run.ground_energy.value_or(trial.ritz_energies.front());
  const double scale =
      2.0 * std::max(0.0, trial.ritz_energies[static_cast<std::size_t>(n_states - 1)] - ground) +
      kPenaltyMargin;
  result.overlap_penalty =
      options.method == ExcitedMethod::vqd ? options.overlap_penalty.value_or(scale) : 0.0;
  result.spin_penalty =
      options.spin == ExactSpin::target ? options.spin_penalty.value_or(scale) : 0.0;

  std::vector<std::vector<double>> starts;
  if (options.method == ExcitedMethod::ssvqe)
    starts.assign(trial.vectors.begin(), trial.vectors.begin() + n_states);
  std::unique_ptr<PenalizedEngine> engine = penalized_engine(problem, starts);
  engine->set_spin_penalty(result.spin_penalty);
  result.sector_penalty = problem.engine == VqeEngineKind::statevector ? scale : 0.0;
  engine->set_sector_penalty(result.sector_penalty);
  if (options.method == ExcitedMethod::vqd)
    run_vqd(problem, run, n_states, *engine, result);
  else
    run_ssvqe(problem, run, n_states, *engine, result);

  if (run.exact) compare_with_exact(*run.exact, options.spin, result.spin, result);
  add_warnings(h, options, result);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

}  // namespace qmol
