#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "qmol/ansatz/circuit.h"
#include "qmol/qubit/qubit_operator.h"
#include "qmol/sim/energy_function.h"
#include "qmol/sim/pauli_expectation.h"
#include "qmol/sim/statevector.h"

namespace qmol {

// Bytes for n_vectors statevectors of n_qubits (16 bytes per amplitude).
double statevector_memory_bytes(int n_qubits, int n_vectors);
// Throws ResourceError naming the estimate and the limit when a job would not fit.
void check_statevector_memory(int n_qubits, int n_vectors, double limit_bytes);

// E(theta) = <psi(theta)|H|psi(theta)> for any circuit, on the full 2^n statevector.
// The gradient is the adjoint method: one forward pass, then a backward sweep that un-applies the
// gates one by one on |phi> = |psi> and |lambda> = H|psi>; for a gate exp(-i a P/2),
//   dE/da = 2 Re <lambda| (-i P/2) |phi> = Im <lambda|P|phi>,
// and dE/dtheta_p gathers coefficient * dE/da over every gate driven by theta_p.
class StatevectorEngine : public EnergyFunction {
 public:
  static constexpr int kVectors = 2;  // |phi> and |lambda> in the gradient

  // Throws InputError when H acts on qubits the circuit does not have.
  StatevectorEngine(QubitOperator hamiltonian, Circuit circuit);

  // A further Hermitian term K of the objective, which becomes <psi|H + K|psi> (energies and both
  // gradients): the term adds K|psi> to `out` and must not touch psi. VQD's penalties. Empty:
  // H alone.
  using ExtraTerm = std::function<void(const Statevector& psi, Statevector& out)>;
  void set_extra_term(ExtraTerm term) { extra_term_ = std::move(term); }
  // Runs the circuit on `initial` instead of its initial basis state: SSVQE's orthogonal starting
  // states. A default-constructed Statevector: the basis state again.
  void set_initial_state(Statevector initial);

  int n_parameters() const override { return circuit_.n_parameters(); }
  double energy(const std::vector<double>& theta) override;
  double energy_and_gradient(const std::vector<double>& theta,
                             std::vector<double>& gradient) override;

  // The hardware-realistic gradient: for every rotation exp(-i a P/2) driven by theta_p,
  //   dE/dtheta_p += coefficient * [E(a + pi/2) - E(a - pi/2)] / 2
  // (exact, as P/2 has eigenvalues +-1/2). Costs two energies per parametrised gate.
  std::vector<double> parameter_shift_gradient(const std::vector<double>& theta);

  // dE/dt at t = 0 for appending exp(-i t P / 2) of each string to the circuit at theta:
  // Im <psi|(H + K) P|psi>, one pass over the amplitudes per string. The ADAPT-VQE screening step.
  std::vector<double> rotation_gradients(const std::vector<double>& theta,
                                         const std::vector<PauliString>& pool);

  const Circuit& circuit() const { return circuit_; }
  // Replaces the circuit (same qubits); ADAPT-VQE grows its circuit this way.
  void set_circuit(Circuit circuit);
  const QubitOperator& hamiltonian() const { return hamiltonian_; }
  // |psi(theta)> (a fresh simulation: the gradient sweep overwrites the engine's own vectors).
  Statevector state(const std::vector<double>& theta) const;
  double memory_bytes() const { return statevector_memory_bytes(circuit_.n_qubits(), kVectors); }

 private:
  // The circuit's state with gate `shifted` (or none, -1) rotated by an extra `shift`.
  void run(const std::vector<double>& theta, long shifted, double shift);
  void check_parameters(const std::vector<double>& theta) const;
  // lambda_ = (H + K)|psi_> of the state run() left.
  void apply_objective();
  // <psi_|H + K|psi_> of the state run() left.
  double objective();

  QubitOperator hamiltonian_;
  Circuit circuit_;
  PauliGroups groups_;
  Statevector psi_, lambda_;
  ExtraTerm extra_term_;
  Statevector initial_;  // size 0: the circuit's initial basis state
};

// The hardware-realistic gradient: the engine's energy with its parameter-shift gradient (two
// shifted energies per rotation) instead of the adjoint sweep. Borrows the engine, or owns it.
class ParameterShiftEnergy : public EnergyFunction {
 public:
  explicit ParameterShiftEnergy(StatevectorEngine& engine) : engine_(&engine) {}
  explicit ParameterShiftEnergy(std::unique_ptr<StatevectorEngine> engine)
      : owned_(std::move(engine)), engine_(owned_.get()) {}
  int n_parameters() const override { return engine_->n_parameters(); }
  double energy(const std::vector<double>& theta) override { return engine_->energy(theta); }
  double energy_and_gradient(const std::vector<double>& theta,
                             std::vector<double>& gradient) override {
    gradient = engine_->parameter_shift_gradient(theta);
    return engine_->energy(theta);
  }

 private:
  std::unique_ptr<StatevectorEngine> owned_;
  StatevectorEngine* engine_;
};

}  // namespace qmol
