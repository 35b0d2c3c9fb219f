#include "qmol/solve/vqe_problem.h"

#include <fmt/format.h>

#include <algorithm>

#include "qmol/ansatz/adapt_pool.h"
#include "qmol/ansatz/hardware_efficient.h"
#include "qmol/ansatz/initial_parameters.h"
#include "qmol/ansatz/kupccgsd.h"
#include "qmol/ansatz/lower_to_circuit.h"
#include "qmol/ansatz/term_order.h"
#include "qmol/ansatz/uccsd.h"
#include "qmol/core/errors.h"
#include "qmol/estimate/sampled_energy.h"
#include "qmol/qubit/qubit_hamiltonian.h"
#include "qmol/qubit/reference_state.h"
#include "qmol/qubit/spin_operators.h"
#include "qmol/sim/determinant_engine.h"
#include "qmol/sim/determinant_space.h"
#include "qmol/sim/pauli_expectation.h"
#include "qmol/sim/spin_operator.h"
#include "qmol/sim/statevector.h"
#include "qmol/sim/statevector_engine.h"
#include "qmol/solve/adapt_vqe.h"

namespace qmol {
namespace {

// The statevector engine's own vectors plus the state simulated for <S^2>.
constexpr int kStatevectors = 3;

FermionicAnsatz fermionic_ansatz(const AnsatzOptions& a, int n_orbitals, int n_alpha, int n_beta) {
  switch (a.kind) {
    case AnsatzKind::uccsd:
      return uccsd(n_orbitals, n_alpha, n_beta);
    case AnsatzKind::singlet_uccsd:
      return singlet_uccsd(n_orbitals, n_alpha, n_beta);
    case AnsatzKind::kupccgsd:
      return kupccgsd(n_orbitals, n_alpha, n_beta, a.k);
    case AnsatzKind::adapt: {
      // ADAPT starts from the reference determinant alone.
      FermionicAnsatz start = uccsd(n_orbitals, n_alpha, n_beta);
      start.kind = "adapt";
      start.terms.clear();
      start.parameter_labels.clear();
      start.n_parameters = 0;
      return start;
    }
    case AnsatzKind::hardware_efficient:
      break;
  }
  throw InputError(fmt::format("{} is not a fermionic ansatz", to_string(a.kind)),
                   {"", 0, "ansatz.kind"});
}

std::vector<double> fermionic_start(const AnsatzOptions& a, const FermionicAnsatz& ansatz,
                                    const MolecularHamiltonian& h) {
  switch (a.initial.value_or(ParameterStart::zeros)) {
    case ParameterStart::zeros:
      return zero_parameters(ansatz);
    case ParameterStart::random:
      return random_parameters(ansatz, a.seed);
    case ParameterStart::mp2:
      break;
  }
  return mp2_parameters(ansatz, h);
}

std::unique_ptr<EnergyFunction> statevector_energy(const QubitOperator& h, Circuit circuit,
                                                   GradientMethod gradient) {
  auto engine = std::make_unique<StatevectorEngine>(h, std::move(circuit));
  if (gradient == GradientMethod::parameter_shift)
    return std::make_unique<ParameterShiftEnergy>(std::move(engine));
  return engine;
}

// The qubits a basis state sets, for Circuit::set_initial_state.
std::vector<int> set_qubits_of(const std::vector<bool>& basis_state) {
  std::vector<int> set;
  for (std::size_t k = 0; k < basis_state.size(); ++k)
    if (basis_state[k]) set.push_back(static_cast<int>(k));
  return set;
}

// A Pauli string on the tapered register with its sign, or none when it leaves the sector.
std::optional<std::pair<PauliString, double>> tapered_string(const TaperedOperator& t,
                                                             const PauliString& p) {
  if (!keeps_sector(t, p)) return std::nullopt;
  QubitOperator one(t.n_qubits);
  one.add(p, 1.0);
  const QubitOperator mapped = apply_tapering(t, one);
  // A Clifford rotation maps a Pauli string to one string, times +-1.
  if (mapped.size() != 1)
    throw NumericalError(fmt::format("tapering mapped [{}] to {} terms", p.str(), mapped.size()));
  const auto& [q, c] = *mapped.terms().begin();
  return std::pair{q, c.real()};
}

std::vector<PauliString> tapered_pool(const TaperedOperator& t,
                                      const std::vector<PauliString>& pool) {
  std::vector<PauliString> out;
  for (const PauliString& p : pool)
    if (auto q = tapered_string(t, p))
      if (!q->first.is_identity() && std::find(out.begin(), out.end(), q->first) == out.end())
        out.push_back(q->first);
  return out;
}

// A lowered UCC circuit (Pauli rotations only) on the tapered register.
Circuit tapered_circuit(const TaperedOperator& t, const Circuit& c) {
  Circuit out(t.op.n_qubits(), c.n_parameters());
  out.set_initial_state(set_qubits_of(t.reference));
  for (const Gate& g : c.gates()) {
    if (g.kind != GateKind::PauliRotation)
      throw NumericalError("tapering a circuit: only Pauli rotations can be tapered");
    const auto q = tapered_string(t, g.pauli);
    if (!q || q->first.is_identity()) continue;  // outside the sector, or a global phase
    Angle angle = g.angle;
    angle.coefficient *= q->second;
    angle.offset *= q->second;
    out.pauli_rotation(q->first, angle);
  }
  return out;
}

}  // namespace

VqeEngineKind resolve_engine(const VqeSpec& spec) {
  const bool fermionic = is_fermionic(spec.ansatz);
  const bool shifts = spec.engine.gradient == GradientMethod::parameter_shift;
  const bool noisy = spec.device.noise.has_value();
  const bool sampled_training = spec.device.estimator.train_on == TrainOn::shots;
  if (spec.ansatz.kind == AnsatzKind::adapt && sampled_training)
    throw InputError(
        "ADAPT-VQE screens its pool with exact gradients and cannot train on "
        "sampled energies; use estimator.train_on = \"exact\" (the final state is "
        "still measured with shots) or a fixed ansatz",
        {"", 0, "estimator.train_on"});
  if (spec.ansatz.kind == AnsatzKind::adapt && fermionic) {
    // The fermionic pools screen their operators in the determinant space.
    if (noisy)
      throw InputError(fmt::format("ADAPT with pool = \"{}\" runs on the determinant engine, "
                                   "which has no circuit to add noise to; use pool = \"qubit\" "
                                   "with [noise], or remove [noise]",
                                   to_string(spec.ansatz.adapt.pool)),
                       {"", 0, "noise"});
    if (spec.engine.engine == VqeEngineKind::statevector)
      throw InputError(fmt::format("ADAPT with pool = \"{}\" runs on the determinant engine; use "
                                   "vqe.engine = \"determinant\" or \"auto\", or pool = "
                                   "\"qubit\" on the statevector",
                                   to_string(spec.ansatz.adapt.pool)),
                       {"", 0, "vqe.engine"});
    if (shifts)
      throw InputError(fmt::format("ADAPT with pool = \"{}\" runs on the determinant engine, "
                                   "which takes adjoint gradients; use vqe.gradient = "
                                   "\"adjoint\", or pool = \"qubit\"",
                                   to_string(spec.ansatz.adapt.pool)),
                       {"", 0, "vqe.gradient"});
  }
  switch (spec.engine.engine) {
    case VqeEngineKind::automatic:
      return fermionic && !shifts && !noisy && !sampled_training ? VqeEngineKind::determinant
                                                                 : VqeEngineKind::statevector;
    case VqeEngineKind::determinant:
      if (noisy)
        throw InputError(
            "the determinant engine has no circuit to add noise to; use "
            "vqe.engine = \"statevector\" or \"auto\" with [noise]",
            {"", 0, "noise"});
      if (sampled_training)
        throw InputError(
            "estimator.train_on = \"shots\" samples bitstrings from a circuit's "
            "state; use vqe.engine = \"statevector\" or \"auto\"",
            {"", 0, "estimator.train_on"});
      if (!fermionic)
        throw InputError(fmt::format("the determinant engine runs particle- and spin-conserving "
                                     "(UCC-family) ansätze, not {}; use vqe.engine = "
                                     "\"statevector\" or \"auto\"",
                                     to_string(spec.ansatz.kind)),
                         {"", 0, "vqe.engine"});
      if (shifts)
        throw InputError(
            "vqe.gradient = \"parameter-shift\" runs on the statevector engine; use "
            "vqe.engine = \"statevector\" or \"auto\", or vqe.gradient = \"adjoint\"",
            {"", 0, "vqe.gradient"});
      return VqeEngineKind::determinant;
    case VqeEngineKind::statevector:
      break;
  }
  return VqeEngineKind::statevector;
}

int vqe_qubits(const VqeSpec& spec, int n_orbitals) {
  return 2 * n_orbitals - (spec.two_qubit_reduction ? 2 : 0);
}

double vqe_memory_bytes(const VqeSpec& spec, int n_orbitals, int n_alpha, int n_beta) {
  if (resolve_engine(spec) == VqeEngineKind::statevector)
    return statevector_memory_bytes(vqe_qubits(spec, n_orbitals), kStatevectors);
  // ADAPT's grown ansatz: counted as large as UCCSD.
  const FermionicAnsatz ansatz = spec.ansatz.kind == AnsatzKind::adapt
                                     ? uccsd(n_orbitals, n_alpha, n_beta)
                                     : fermionic_ansatz(spec.ansatz, n_orbitals, n_alpha, n_beta);
  return DeterminantEngine::memory_estimate(n_orbitals, n_alpha, n_beta, ansatz);
}

double VqeProblem::s_squared(const std::vector<double>& theta) const {
  if (determinant) {
    return DeterminantSpinSquared(determinant->space())
        .expectation(determinant->state(theta).data());
  }
  QubitOperator s2 = qubit_spin_observable(SpinObservable::spin_squared, *hamiltonian, spec.mapping,
                                           spec.two_qubit_reduction);
  if (tapering) s2 = apply_tapering(*tapering, s2);
  return expectation_value(s2, simulate(*circuit, theta));
}

VqeProblem build_vqe_problem(const MolecularHamiltonian& h, const VqeSpec& spec,
                             const QubitOperator* qubit_hamiltonian_in,
                             const TaperedOperator* tapering_in) {
  const AnsatzOptions& a = spec.ansatz;
  const int n_orb = h.n_orbitals();
  VqeProblem v;
  v.engine = resolve_engine(spec);
  v.spec = spec;
  v.hamiltonian = &h;

  std::optional<QubitOperator> built;
  const auto qubit_h = [&]() -> const QubitOperator& {
    if (qubit_hamiltonian_in) return *qubit_hamiltonian_in;
    if (!built) built = qubit_hamiltonian(h, spec.mapping, spec.two_qubit_reduction);
    return *built;
  };
  std::vector<bool> reference =
      hartree_fock_state(spec.mapping, 2 * n_orb, hartree_fock_occupied(h.n_alpha(), h.n_beta()),
                         spec.two_qubit_reduction);
  if (spec.taper && v.engine == VqeEngineKind::statevector) {
    v.tapering = tapering_in ? *tapering_in : taper(qubit_h(), reference);
    reference = v.tapering->reference;
  }
  // The statevector's register: its Hamiltonian and the qubits the reference sets.
  const auto register_h = [&]() -> const QubitOperator& {
    return v.tapering ? v.tapering->op : qubit_h();
  };
  const std::vector<int> set_qubits = set_qubits_of(reference);
  v.n_qubits =
      v.engine == VqeEngineKind::statevector ? static_cast<int>(reference.size()) : 2 * n_orb;

  if (a.kind == AnsatzKind::adapt && !is_fermionic(a)) {
    Circuit start(v.n_qubits, 0);
    start.set_initial_state(set_qubits);
    std::vector<PauliString> pool =
        qubit_pool(n_orb, h.n_alpha(), h.n_beta(), spec.mapping, spec.two_qubit_reduction);
    if (v.tapering) pool = tapered_pool(*v.tapering, pool);
    auto engine = std::make_unique<StatevectorEngine>(register_h(), start);
    v.adapt = std::make_shared<QubitAdaptAnsatz>(*engine, std::move(pool));
    v.energy = std::move(engine);
    v.circuit = std::move(start);
  } else if (is_fermionic(a)) {
    FermionicAnsatz ansatz = fermionic_ansatz(a, n_orb, h.n_alpha(), h.n_beta());
    if (a.kind == AnsatzKind::uccsd || a.kind == AnsatzKind::singlet_uccsd)
      order_terms(ansatz, a.ordering, h);
    v.initial = fermionic_start(a, ansatz, h);
    v.parameter_labels = ansatz.parameter_labels;
    if (v.engine == VqeEngineKind::determinant) {
      auto engine = std::make_unique<DeterminantEngine>(h, ansatz);
      v.determinant = engine.get();
      if (a.kind == AnsatzKind::adapt)
        v.adapt = std::make_shared<FermionicAdaptAnsatz>(
            *engine, ansatz,
            a.adapt.pool == AdaptPool::generalized_sd
                ? generalized_sd_pool(n_orb)
                : fermionic_sd_pool(n_orb, h.n_alpha(), h.n_beta()));
      v.energy = std::move(engine);
    } else {
      Circuit circuit = lower_to_circuit(ansatz, spec.mapping, spec.two_qubit_reduction);
      if (v.tapering) circuit = tapered_circuit(*v.tapering, circuit);
      v.energy = statevector_energy(register_h(), circuit, spec.engine.gradient);
      v.circuit = std::move(circuit);
    }
    v.fermionic_ansatz = std::move(ansatz);
  } else {
    Circuit circuit = hardware_efficient(v.n_qubits, a.hardware_efficient, set_qubits);
    v.initial = hardware_efficient_initial_parameters(circuit.n_parameters(), a.seed);
    if (a.initial == ParameterStart::zeros) {
      std::fill(v.initial.begin(), v.initial.end(), 0.0);
    } else {
      // Small angles often roll back into the reference determinant's basin (single-qubit
      // rotations change the particle number, which costs energy): wider starts escape it.
      for (const double scale : {0.5, 1.5})
        v.restarts.push_back(hardware_efficient_initial_parameters(
            circuit.n_parameters(), a.seed + v.restarts.size() + 1, scale));
    }
    v.energy = statevector_energy(register_h(), circuit, spec.engine.gradient);
    v.circuit = std::move(circuit);
  }
  if (spec.device.estimator.train_on == TrainOn::shots) {
    auto device = std::make_shared<const DeviceEstimator>(register_h(), spec.device);
    v.noiseless_energy = std::move(v.energy);
    v.energy = std::make_unique<SampledEnergy>(std::move(device), *v.circuit);
  }
  return v;
}

Circuit VqeProblem::register_circuit(const std::optional<Circuit>& state_circuit,
                                     const std::optional<FermionicAnsatz>& ansatz,
                                     const TaperedOperator* register_tapering) const {
  if (state_circuit) return *state_circuit;
  QMOL_ASSERT(ansatz.has_value(), "register_circuit: neither a circuit nor an ansatz");
  Circuit c = lower_to_circuit(*ansatz, spec.mapping, spec.two_qubit_reduction);
  const TaperedOperator* t = tapering ? &*tapering : register_tapering;
  if (spec.taper) {
    QMOL_ASSERT(t != nullptr, "register_circuit: a tapered register without its tapering");
    c = tapered_circuit(*t, c);
  }
  return c;
}

}  // namespace qmol

namespace qmol {

std::vector<double> VqeProblem::determinant_state(const std::vector<double>& theta) const {
  if (determinant) return determinant->state(theta);
  if (!circuit || !fermionic_ansatz || tapering || spec.mapping != Mapping::jordan_wigner ||
      spec.two_qubit_reduction)
    return {};
  const DeterminantSpace space(hamiltonian->n_orbitals(), hamiltonian->n_alpha(),
                               hamiltonian->n_beta());
  const Statevector psi = simulate(*circuit, theta);
  std::vector<double> c(space.size());
  double norm = 0.0, imaginary = 0.0;
  for (std::size_t ia = 0; ia < space.n_alpha_strings(); ++ia)
    for (std::size_t ib = 0; ib < space.n_beta_strings(); ++ib) {
      const auto a = psi[space.jordan_wigner_index(ia, ib)];
      c[ia * space.n_beta_strings() + ib] = a.real();
      norm += std::norm(a);
      imaginary = std::max(imaginary, std::abs(a.imag()));
    }
  constexpr double kTolerance = 1e-10;
  if (std::abs(norm - 1.0) > kTolerance || imaginary > kTolerance) return {};
  return c;
}

}  // namespace qmol
