#include "qmol/solve/vqe_problem.h"

#include <fmt/format.h>

#include <algorithm>

#include "qmol/ansatz/hardware_efficient.h"
#include "qmol/ansatz/initial_parameters.h"
#include "qmol/ansatz/kupccgsd.h"
#include "qmol/ansatz/lower_to_circuit.h"
#include "qmol/ansatz/uccsd.h"
#include "qmol/core/errors.h"
#include "qmol/qubit/qubit_hamiltonian.h"
#include "qmol/qubit/reference_state.h"
#include "qmol/qubit/spin_operators.h"
#include "qmol/sim/determinant_engine.h"
#include "qmol/sim/determinant_space.h"
#include "qmol/sim/pauli_expectation.h"
#include "qmol/sim/spin_operator.h"
#include "qmol/sim/statevector.h"
#include "qmol/sim/statevector_engine.h"

namespace qmol {
namespace {

// The statevector engine's own vectors plus the state simulated for <S^2>.
constexpr int kStatevectors = 3;

// The hardware-realistic gradient: two shifted energies per rotation instead of the adjoint sweep.
class ParameterShiftEnergy : public EnergyFunction {
 public:
  explicit ParameterShiftEnergy(std::unique_ptr<StatevectorEngine> engine)
      : engine_(std::move(engine)) {}
  int n_parameters() const override { return engine_->n_parameters(); }
  double energy(const std::vector<double>& theta) override { return engine_->energy(theta); }
  double energy_and_gradient(const std::vector<double>& theta,
                             std::vector<double>& gradient) override {
    gradient = engine_->parameter_shift_gradient(theta);
    return engine_->energy(theta);
  }

 private:
  std::unique_ptr<StatevectorEngine> engine_;
};

FermionicAnsatz fermionic_ansatz(const AnsatzOptions& a, int n_orbitals, int n_alpha, int n_beta) {
  switch (a.kind) {
    case AnsatzKind::uccsd:
      return uccsd(n_orbitals, n_alpha, n_beta);
    case AnsatzKind::singlet_uccsd:
      return singlet_uccsd(n_orbitals, n_alpha, n_beta);
    case AnsatzKind::kupccgsd:
      return kupccgsd(n_orbitals, n_alpha, n_beta, a.k);
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

}  // namespace

VqeEngineKind resolve_engine(const VqeSpec& spec) {
  const bool fermionic = is_fermionic(spec.ansatz.kind);
  const bool shifts = spec.engine.gradient == GradientMethod::parameter_shift;
  switch (spec.engine.engine) {
    case VqeEngineKind::automatic:
      return fermionic && !shifts ? VqeEngineKind::determinant : VqeEngineKind::statevector;
    case VqeEngineKind::determinant:
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
  return DeterminantEngine::memory_estimate(
      n_orbitals, n_alpha, n_beta, fermionic_ansatz(spec.ansatz, n_orbitals, n_alpha, n_beta));
}

double VqeProblem::s_squared(const std::vector<double>& theta) const {
  if (determinant) {
    return DeterminantSpinSquared(determinant->space())
        .expectation(determinant->state(theta).data());
  }
  const QubitOperator s2 = qubit_spin_observable(SpinObservable::spin_squared, *hamiltonian,
                                                 spec.mapping, spec.two_qubit_reduction);
  return expectation_value(s2, simulate(*circuit, theta));
}

VqeProblem build_vqe_problem(const MolecularHamiltonian& h, const VqeSpec& spec,
                             const QubitOperator* qubit_hamiltonian_in) {
  const AnsatzOptions& a = spec.ansatz;
  const int n_orb = h.n_orbitals();
  VqeProblem v;
  v.engine = resolve_engine(spec);
  v.spec = spec;
  v.hamiltonian = &h;
  v.n_qubits = v.engine == VqeEngineKind::statevector ? vqe_qubits(spec, n_orb) : 2 * n_orb;

  std::optional<QubitOperator> built;
  const auto qubit_h = [&]() -> const QubitOperator& {
    if (qubit_hamiltonian_in) return *qubit_hamiltonian_in;
    if (!built) built = qubit_hamiltonian(h, spec.mapping, spec.two_qubit_reduction);
    return *built;
  };

  if (is_fermionic(a.kind)) {
    FermionicAnsatz ansatz = fermionic_ansatz(a, n_orb, h.n_alpha(), h.n_beta());
    v.initial = fermionic_start(a, ansatz, h);
    v.parameter_labels = ansatz.parameter_labels;
    if (v.engine == VqeEngineKind::determinant) {
      auto engine = std::make_unique<DeterminantEngine>(h, ansatz);
      v.determinant = engine.get();
      v.energy = std::move(engine);
    } else {
      Circuit circuit = lower_to_circuit(ansatz, spec.mapping, spec.two_qubit_reduction);
      v.energy = statevector_energy(qubit_h(), circuit, spec.engine.gradient);
      v.circuit = std::move(circuit);
    }
    v.fermionic_ansatz = std::move(ansatz);
  } else {
    const std::vector<bool> reference =
        hartree_fock_state(spec.mapping, 2 * n_orb, hartree_fock_occupied(h.n_alpha(), h.n_beta()),
                           spec.two_qubit_reduction);
    std::vector<int> set_qubits;
    for (std::size_t k = 0; k < reference.size(); ++k)
      if (reference[k]) set_qubits.push_back(static_cast<int>(k));
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
    v.energy = statevector_energy(qubit_h(), circuit, spec.engine.gradient);
    v.circuit = std::move(circuit);
  }
  return v;
}

}  // namespace qmol
